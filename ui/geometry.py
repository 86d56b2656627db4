"""Window sizes that fit the screen the clerk has (1280×720 and larger), and remembered geometry.

* :func:`fit_to_screen` — resize a window to a wished size, but never beyond the available area of its
  screen (a dialog taller than a 720-pixel screen hides its buttons);
* :func:`restore_geometry` / :func:`save_geometry` — the main window's size, position and splitters,
  kept in ``<data folder>/window.ini`` (two desks on one machine keep their own layout); a saved
  geometry that no longer fits (another screen) is dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget


def available_size(widget: QWidget | None = None) -> QSize:
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else QSize(1280, 720)


def fit_to_screen(widget: QWidget, width: int, height: int, margin: int = 40) -> QSize:
    """Resize *widget* to width×height, shrunk to the screen's available area minus *margin* (for the
    window frame and title bar); returns the size given."""
    room = available_size(widget)
    size = QSize(min(width, max(320, room.width() - margin)), min(height, max(240, room.height() - margin)))
    widget.resize(size)
    return size


def _settings(data_folder: Path | str | None) -> tuple[QSettings, str]:
    """``<data folder>/window.ini`` (no personal data in it); without a data folder, the user's settings."""
    if data_folder:
        return QSettings(str(Path(data_folder) / "window.ini"), QSettings.Format.IniFormat), "main-window"
    return QSettings("desk-app", "desk-app"), "main-window"


def save_geometry(window: QWidget, data_folder: Path | str | None) -> None:
    settings, group = _settings(data_folder)
    settings.beginGroup(group)
    settings.setValue("geometry", window.saveGeometry())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            settings.setValue(f"splitter/{splitter.objectName()}", splitter.saveState())
    settings.endGroup()
    settings.sync()


def restore_geometry(window: QWidget, data_folder: Path | str | None) -> bool:
    """Put back the saved geometry and splitters; False (nothing changed) when none fits this screen."""
    settings, group = _settings(data_folder)
    settings.beginGroup(group)
    try:
        for splitter in window.findChildren(QSplitter):
            state = settings.value(f"splitter/{splitter.objectName()}") if splitter.objectName() else None
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        geometry = settings.value("geometry")
        if not isinstance(geometry, QByteArray) or geometry.isEmpty():
            return False
        before = window.size()
        if not window.restoreGeometry(geometry):
            return False
        room = available_size(window)
        if window.width() > room.width() or window.height() > room.height():
            window.resize(before)   # saved on a larger screen
            return False
        return True
    finally:
        settings.endGroup()


def scroll_page(widget: QWidget) -> QScrollArea:
    """*widget* inside a frameless scroll area (a tab page taller than a 720-pixel screen then scrolls
    instead of forcing the whole window taller than the screen). The widget moves as a whole, so its Tab
    order is kept; the scroll area itself takes no focus."""
    scroll = QScrollArea(objectName=f"{widget.objectName() or 'page'}Scroll", widgetResizable=True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(widget)
    return scroll
