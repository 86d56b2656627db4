"""Where the keyboard focus starts in a dialog: its first empty field, never a button.

A dialog that opens with the focus on OK loses what the clerk types and lets Space or Enter submit an
empty form. :func:`first_empty_field` walks the dialog's focus chain (the Tab order) and returns the
first visible, enabled, editable field that is still empty (a line edit, a plain-text box, or any
widget with an ``is_empty()`` method such as the defect table); :func:`focus_first_empty` puts the
focus there, or on the first field when all are filled.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _is_field(widget: QWidget) -> bool:
    if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
        return False
    if isinstance(widget, QLineEdit):
        # The line edit inside a spin box, date edit or combo box is part of that widget.
        parent = widget.parentWidget()
        return not widget.isReadOnly() and not isinstance(parent, (QAbstractSpinBox, QComboBox))
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return callable(getattr(widget, "is_empty", None))


def _is_empty(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.toPlainText().strip()
    return bool(widget.is_empty())


def fields_in_tab_order(dialog: QWidget) -> list[QWidget]:
    fields: list[QWidget] = []
    widget = dialog.nextInFocusChain()
    while widget is not None and widget is not dialog and widget not in fields:
        if dialog.isAncestorOf(widget) and _is_field(widget):
            fields.append(widget)
        widget = widget.nextInFocusChain()
    return fields


def first_empty_field(dialog: QWidget) -> QWidget | None:
    fields = fields_in_tab_order(dialog)
    return next((w for w in fields if _is_empty(w)), fields[0] if fields else None)


def focus_first_empty(dialog: QWidget) -> QWidget | None:
    target = first_empty_field(dialog)
    if target is not None:
        target.setFocus(Qt.FocusReason.OtherFocusReason)
    return target


class _OnFirstActivation(QObject):
    """Once, when the dialog's window becomes active: back to the first empty field if the focus went to
    a button (or nowhere) meanwhile."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.WindowActivate and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            self.deleteLater()
            _refocus_unless_in_a_field(watched)
        return False


def _refocus_unless_in_a_field(dialog: QWidget) -> None:
    focused = dialog.focusWidget()
    if focused is None or focused is dialog or not _is_field(focused):
        focus_first_empty(dialog)


def focus_first_empty_when_shown(dialog: QWidget) -> None:
    """Call from ``showEvent``: now, once more when the event loop is back, and when the window manager
    activates the window (activation can hand the focus to a button) — unless the clerk has already
    moved on to another field."""
    focus_first_empty(dialog)
    QTimer.singleShot(0, dialog, lambda: _refocus_unless_in_a_field(dialog))
    if not dialog.isActiveWindow():
        dialog.installEventFilter(_OnFirstActivation(dialog))
