"""Idle lock of the counter screen, and logout.

:class:`IdleLock` watches keyboard and mouse input for the whole application. After
``idle_lock_minutes`` (settings, default 10) without input it covers the main window with an opaque
overlay that asks for the signed-in user's password; nothing behind it changes, so the dossier being
typed is still there after unlocking. While locked, every input outside the overlay (keys, clicks,
shortcuts) is swallowed, and other windows (receipt preview, dialogs opened with ``open()``) are hidden
and come back on unlock. A wrong password counts towards the user's sign-in lockout. The overlay also
offers "Đăng xuất" (log out).

:func:`log_out` is the one logout path for the main window (menu action, idle lock): it ends the
sign-in session in the background and closes the window; ``ui.app.run_gui`` then shows the sign-in
dialog again.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import user_errors
from desk_app.security.identity import SessionInvalidError
from desk_app.services.users import confirm_password, sign_out
from ui.tasks import TaskRunner

DEFAULT_IDLE_MINUTES = 10

_INPUT_EVENTS = frozenset({
    QEvent.KeyPress, QEvent.KeyRelease, QEvent.ShortcutOverride, QEvent.Shortcut,
    QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick, QEvent.MouseMove,
    QEvent.Wheel, QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.InputMethod, QEvent.ContextMenu,
})


def log_out(window: QWidget, on_done: Callable[[], None] | None = None) -> None:
    """End the window's sign-in (``window.user``) and close the window; ``run_gui`` signs in again.

    The main window must have ``desk``, ``tasks`` and ``user``. Sets ``window.logged_out = True`` so the
    start-up loop knows the window closed for a logout, not to quit the app.
    """
    desk, tasks, who = window.desk, window.tasks, window.user
    window.logged_out = True
    draft = getattr(window, "reception_draft", None)
    if draft is not None:
        draft.save_now()  # the counter's draft is saved (for this user) before the sign-in ends
    lock = getattr(window, "idle_lock", None)
    if lock is not None:
        lock.stop()

    def finished(_result: object = None) -> None:
        window.close()
        if on_done is not None:
            on_done()

    tasks.run_db(lambda: sign_out(desk.sessions, who), finished, lambda _exc: finished())


class LockOverlay(QFrame):
    """What covers the window while it is locked: the user's name, a password field, unlock, log out."""

    unlockRequested = Signal(str)
    logoutRequested = Signal()

    def __init__(self, parent: QWidget, full_name: str, username: str) -> None:
        super().__init__(parent)
        self.setObjectName("idleLockOverlay")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#idleLockOverlay { background: #2b3a4a; } "
                           "#idleLockOverlay QLabel { color: white; } "
                           "#lockError { color: #ffb4b4; }")
        title = QLabel(self.tr("Màn hình đã khóa"), objectName="lockTitle")
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        who = QLabel(self.tr("Người đăng nhập: %1 (%2). Nhập mật khẩu để tiếp tục; hồ sơ đang nhập vẫn được giữ.")
                     .replace("%1", full_name).replace("%2", username), objectName="lockWho", wordWrap=True)
        who.setTextFormat(Qt.PlainText)
        self.password = QLineEdit(objectName="lockPassword")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setMaximumWidth(320)
        self.password.returnPressed.connect(self._unlock)
        self.error = QLabel(objectName="lockError", wordWrap=True)
        self.error.setTextFormat(Qt.PlainText)
        self.unlock_button = QPushButton(self.tr("Mở khóa"), objectName="unlockButton")
        self.unlock_button.clicked.connect(self._unlock)
        self.logout_button = QPushButton(self.tr("Đăng xuất"), objectName="logoutButton")
        self.logout_button.clicked.connect(self.logoutRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, who):
            layout.addWidget(widget, 0, Qt.AlignHCenter)
        layout.addWidget(self.password, 0, Qt.AlignHCenter)
        layout.addWidget(self.error, 0, Qt.AlignHCenter)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def _unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        if not self.password.text():
            # Space on «Mở khóa» with nothing typed: not an attempt (it would count towards the lockout).
            self.error.setText(self.tr("Hãy nhập mật khẩu để mở khóa."))
            self.password.setFocus(Qt.OtherFocusReason)
            return
        self.unlockRequested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if not busy:
            self.password.setFocus(Qt.OtherFocusReason)


class IdleLock(QObject):
    """Locks *window* after *timeout_ms* without keyboard or mouse input (see the module docstring)."""

    lockedChanged = Signal(bool)

    def __init__(self, window: QWidget, tasks: TaskRunner, sessions, timeout_ms: int,  # noqa: ANN001
                 on_logout: Callable[[], None] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.sessions = sessions
        self.on_logout = on_logout or (lambda: log_out(window))
        self.overlay: LockOverlay | None = None
        self._hidden: list[QWidget] = []
        self._focus: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(timeout_ms)))
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.installEventFilter(self)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return self.overlay is not None

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- input watching -------------------------------------------------------------------------

    def _inside_overlay(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and self.overlay is not None and (
            obj is self.overlay or self.overlay.isAncestorOf(obj))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if obj is self.window and kind == QEvent.Resize and self.overlay is not None:
            self.overlay.setGeometry(self.window.rect())
        if kind not in _INPUT_EVENTS:
            return False
        if self.overlay is not None:
            return not self._inside_overlay(obj)  # swallow everything but the overlay's own input
        self.timer.start()
        return False

    # --- locking --------------------------------------------------------------------------------

    def lock(self) -> None:
        if self.overlay is not None or not self.window.isVisible():
            return
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self.window and modal.windowModality() == Qt.ApplicationModal:
            self.timer.start(30_000)  # a message box waits for an answer; lock once it is gone
            return
        self._focus = QApplication.focusWidget()
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w is not self.window and w.isVisible() and w.isWindow()]
        for widget in self._hidden:
            widget.hide()
        who = self.window.user
        self.overlay = LockOverlay(self.window, who.full_name, who.username)
        self.overlay.unlockRequested.connect(self._check)
        self.overlay.logoutRequested.connect(self._logout)
        self.overlay.setGeometry(self.window.rect())
        self.overlay.show()
        self.overlay.raise_()
        self.overlay.password.setFocus(Qt.OtherFocusReason)
        self.lockedChanged.emit(True)

    def _check(self, password: str) -> None:
        overlay, sessions, who = self.overlay, self.sessions, self.window.user
        if overlay is None:
            return
        overlay.error.clear()
        overlay.set_busy(True)

        def done(good: bool) -> None:
            if self.overlay is not overlay:
                return
            overlay.set_busy(False)
            overlay.password.clear()
            if good:
                self.unlock()
            else:
                overlay.error.setText(self.tr("Mật khẩu không đúng."))

        def failed(exc: Exception) -> None:
            if self.overlay is not overlay:
                return
            overlay.set_busy(False)
            overlay.password.clear()
            if isinstance(exc, SessionInvalidError):
                overlay.error.setText(str(exc) + " " + self.tr("Hãy đăng xuất rồi đăng nhập lại."))
            elif isinstance(exc, user_errors()):
                overlay.error.setText(str(exc))
            else:
                overlay.error.setText(self.tr("Lỗi không mong muốn: %1").replace("%1", type(exc).__name__))

        self.tasks.run_db(lambda: confirm_password(sessions, who, password), done, failed)

    def unlock(self) -> None:
        overlay, self.overlay = self.overlay, None
        if overlay is not None:
            overlay.hide()
            overlay.deleteLater()
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        focus, self._focus = self._focus, None
        if focus is not None and focus.isVisible():
            focus.setFocus(Qt.OtherFocusReason)  # back where the clerk was typing
        self.timer.start()
        self.lockedChanged.emit(False)

    def _logout(self) -> None:
        self.stop()
        hidden, self._hidden = self._hidden, []
        for widget in hidden:
            widget.close()
        self.on_logout()


def install_idle_lock(window: QWidget, minutes: float | None = None) -> IdleLock | None:
    """Install the idle lock on the main window (``window.desk``, ``window.tasks``, ``window.user``).

    *minutes* defaults to the ``idle_lock_minutes`` setting (10); 0 or less turns the lock off.
    """
    if minutes is None:
        minutes = getattr(window.desk.settings, "idle_lock_minutes", DEFAULT_IDLE_MINUTES)
    if not minutes or minutes <= 0:
        return None
    lock = IdleLock(window, window.tasks, window.desk.sessions, int(minutes * 60_000))
    window.idle_lock = lock
    return lock
