"""Operations: a user action in a widget is one call (modelled on Anki's ``CollectionOp``).

:func:`run_op` runs a core function on the database lane of :class:`ui.tasks.TaskRunner`, then, back on
the UI thread:

* on success it tells every list and dashboard through the one app-wide :class:`DossierEvents` hub
  (``dossiersChanged``) when the operation changes dossiers, then calls the widget's success callback;
* on failure it shows the error in the one standard way (:func:`show_error`): a warning box whose OK
  button has the focus and says "Đã hiểu" — the clerk's own message for the errors meant for people
  (:func:`desk_app.errors.user_errors`), a generic message saying that nothing typed was lost for
  anything else (logged with its traceback) — then calls the widget's failure callback, if any, to
  put the widget back (re-enable a button, keep the form).

The hub is owned by the main window and passed to the panels; there is no global instance.
"""

from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.errors import user_errors
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class DossierEvents(QObject):
    """The app-wide "dossiers changed" signal: today's list, the queue monitor, the dossier book listen."""

    #: codes of the dossiers that changed (an empty list: "something changed, reload")
    dossiersChanged = Signal(list)

    def changed(self, codes: Iterable[str] = ()) -> None:
        self.dossiersChanged.emit([str(code) for code in codes])


class _Texts(QObject):
    """Holder of the standard texts, so they are translated in one context."""

    def title(self) -> str:
        return self.tr("Chưa thực hiện được")

    def understood(self) -> str:
        return self.tr("Đã hiểu")

    def unexpected(self, exc: BaseException) -> str:
        return (self.tr("Lỗi không mong muốn: %1. Những gì đã nhập vẫn còn nguyên; hãy thử lại, nếu lỗi "
                        "lặp lại hãy báo quản trị viên.").replace("%1", f"{type(exc).__name__}: {exc}"))


def error_text(exc: BaseException) -> str:
    """What the user reads about *exc*: its own message when it is meant for people."""
    if isinstance(exc, user_errors()):
        return str(exc)
    return _Texts().unexpected(exc)


def show_message(parent: QWidget | None, text: str, title: str | None = None,
                 icon: QMessageBox.Icon = QMessageBox.Warning) -> QMessageBox:
    """The standard box: non-blocking (``open()``), OK says "Đã hiểu" and has the keyboard focus."""
    texts = _Texts()
    box = QMessageBox(icon, title or texts.title(), text, QMessageBox.Ok, parent)
    box.setObjectName("errorBox")
    ok = box.button(QMessageBox.Ok)
    ok.setText(texts.understood())
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    if parent is not None:  # closing the box returns to the window the clerk was working in
        box.finished.connect(lambda _result: parent.window().activateWindow())
    box.finished.connect(box.deleteLater)
    box.open()  # not exec(): never block the event loop
    ok.setFocus()
    return box


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> QMessageBox:
    """Show *exc* the standard way; an unexpected error is also logged with its traceback."""
    if not isinstance(exc, user_errors()):
        log.error("unexpected error in an operation: %r\n%s", exc, getattr(exc, "traceback_text", ""))
    return show_message(parent, error_text(exc), title)


def run_op(parent: QWidget, tasks: TaskRunner, fn: Callable[[], Any],
           on_success: Callable[[Any], None] | None = None, *,
           on_failure: Callable[[BaseException], None] | None = None,
           events: DossierEvents | None = None,
           changed: Callable[[Any], Iterable[str]] | None = None,
           title: str | None = None, show_failure: bool = True) -> None:
    """Run *fn* on the database lane; report its outcome on the UI thread.

    *events*: given for operations that change dossiers; ``dossiersChanged`` is emitted once after
    success, with the codes ``changed(result)`` names (or none). *title*: the error box's title.
    ``show_failure=False`` is for background checks that must not interrupt the clerk.
    """

    def succeeded(result: Any) -> None:
        if events is not None:
            events.changed(changed(result) if changed is not None else ())
        if on_success is not None:
            on_success(result)

    def failed(exc: BaseException) -> None:
        if show_failure:
            show_error(parent, exc, title)
        else:
            log.info("background operation failed: %r", exc)
        if on_failure is not None:
            on_failure(exc)

    tasks.run_db(fn, succeeded, failed)
