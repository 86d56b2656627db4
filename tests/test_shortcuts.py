"""A shortcut acts only where the user is (ui/shortcuts.py): PySide6 drops the context given to QShortcut
together with a callable, so every such shortcut was window-wide."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLineEdit, QListWidget, QVBoxLayout, QWidget

from ui.shortcuts import add_shortcut

UI = Path(__file__).resolve().parents[1] / "ui"


def test_a_list_key_does_not_fire_from_a_field_beside_it(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    pages, field = QListWidget(), QLineEdit()
    layout.addWidget(pages)
    layout.addWidget(field)
    fired = []
    shortcut = add_shortcut("Del", pages, lambda: fired.append("del"), context=Qt.WidgetShortcut)
    assert shortcut.context() == Qt.WidgetShortcut
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key_Delete)
    assert fired == []
    pages.setFocus()
    qtbot.waitUntil(pages.hasFocus)
    qtbot.keyClick(pages, Qt.Key_Delete)
    assert fired == ["del"]


def test_pyside_still_drops_the_context_given_with_a_callable(qapp):
    """If this starts failing, PySide6 fixed it and ui/shortcuts.py could go."""
    owner = QWidget()
    plain = QShortcut("Ctrl+R", owner, lambda: None, context=Qt.WidgetShortcut)
    assert plain.context() == Qt.WindowShortcut


def test_no_shortcut_in_ui_is_built_with_a_callable_directly():
    offenders = []
    for path in sorted(UI.glob("*.py")):
        if path.name == "shortcuts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QShortcut" and len(node.args) >= 3:
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], f"use ui.shortcuts.add_shortcut: {offenders}"
