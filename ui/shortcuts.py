"""Keyboard shortcuts that act only where the user is.

PySide6 (6.12) drops the shortcut context when ``QShortcut`` is built with a callable —
``QShortcut(keys, parent, slot, context=Qt.WidgetShortcut)`` and even the positional form give a
``WindowShortcut`` — so a key meant for one list acted in the whole window (Del on the accept button
deleted a page; two workspaces' Ctrl+R became ambiguous). :func:`add_shortcut` sets the context
explicitly; ``tests/test_shortcuts.py`` keeps the pattern out of ``ui/``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut


def add_shortcut(keys: QKeySequence | QKeySequence.StandardKey | str | int, parent: QObject,
                 slot: Callable[[], object], context: Qt.ShortcutContext = Qt.WindowShortcut) -> QShortcut:
    """A shortcut on *parent* calling *slot*, active in *context* (window-wide only when asked)."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    shortcut = QShortcut(sequence, parent)
    shortcut.setContext(context)
    shortcut.activated.connect(slot)
    return shortcut
