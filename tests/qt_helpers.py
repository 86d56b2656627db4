"""Small helpers shared by the GUI tests: typing Vietnamese as an input method does, and the focus."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """Type Vietnamese text the way an input method commits it (keyClicks cannot send non-ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def focused():  # noqa: ANN201
    return QApplication.focusWidget()
