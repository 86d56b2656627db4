"""Sign-in, first-run and password-change dialogs. Password checks (argon2) run off the UI thread.

Each dialog's :attr:`user` is the :class:`~desk_app.security.identity.Identity` the security layer
issued (``None`` until it succeeds). After an administrator's reset, :class:`LoginDialog` asks for a new
password before it accepts (:class:`ChangePasswordDialog`); a lockout is shown with the time to try again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import user_errors
from desk_app.security.passwords import MIN_PASSWORD_LENGTH
from desk_app.text import nfc
from ui.focus import focus_first_empty_when_shown
from ui.tasks import TaskRunner

if TYPE_CHECKING:  # the database layer loads behind the sign-in window (ui/fast_start.py)
    from desk_app.desk import Desk
    from desk_app.security.identity import Identity


class _FormDialog(QDialog):
    """Common frame: a form, an error line, OK/Cancel.

    On OK, `_make_job` reads the widgets (on the UI thread) and returns the work to run in the background.
    The focus starts in the first empty field (never on the OK button, so Enter cannot submit blanks).
    """

    def __init__(self, desk: Desk, tasks: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tasks = tasks
        self.user: Identity | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        # Qt ships no Vietnamese translation of its standard buttons: name them ourselves.
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Đồng ý"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Hủy"))
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _fields(self) -> list[QLineEdit]:
        return [w for w in self.findChildren(QLineEdit) if w.isEnabled()]

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        super().showEvent(event)
        focus_first_empty_when_shown(self)

    def focus_first_empty(self) -> None:
        fields = self._fields()
        target = next((w for w in fields if not w.text()), fields[-1] if fields else None)
        if target is not None:
            target.setFocus(Qt.OtherFocusReason)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        # Enter in a field moves on to the next empty one; in the last field (or all filled) it submits.
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.buttons.isEnabled():
            fields = self._fields()
            focused = self.focusWidget()
            empty = [w for w in fields if not w.text()]
            if empty and focused is not empty[0] and focused in fields and fields.index(focused) < len(fields) - 1:
                empty[0].setFocus(Qt.TabFocusReason)
                return
            self._on_ok()
            return
        super().keyPressEvent(event)

    def _on_ok(self) -> None:
        # OK (Space on the focused button, a click, Enter) never sends a form with an empty field:
        # a blank sign-in would only count as a failed attempt towards the lockout.
        empty = next((w for w in self._fields() if not w.isHidden() and not w.text()), None)
        if empty is not None:
            label = self.form.labelForField(empty)
            name = label.text().rstrip(": ") if label is not None else ""
            self.error_label.setText(self.tr("Hãy nhập «%1».").replace("%1", name) if name
                                     else self.tr("Hãy điền đủ các ô."))
            empty.setFocus(Qt.OtherFocusReason)
            return
        self.error_label.clear()
        self.buttons.setEnabled(False)
        self.tasks.run_db(self._make_job(), self._succeeded, self._failed)

    def _make_job(self):  # noqa: ANN202
        raise NotImplementedError

    def _succeeded(self, who: Identity) -> None:
        self.user = who
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, user_errors()) or isinstance(exc, ValueError):
            self.error_label.setText(str(exc))
        else:
            self.error_label.setText(self.tr("Lỗi không mong muốn: %1").replace("%1", type(exc).__name__))
        self.focus_first_empty()


class LoginDialog(_FormDialog):
    def __init__(self, desk: Desk, tasks: TaskRunner, parent: QWidget | None = None, *,
                 username: str = "") -> None:
        super().__init__(desk, tasks, self.tr("Đăng nhập — Bộ phận Một cửa"), parent)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.form.addRow(self.tr("Tên đăng nhập:"), self.username)
        self.form.addRow(self.tr("Mật khẩu:"), self.password)
        if desk.settings.training:
            banner = QLabel(self.tr("CHẾ ĐỘ ĐÀO TẠO — dữ liệu không gửi lên hệ thống của tỉnh"))
            banner.setStyleSheet("color: #a15c00; font-weight: bold;")
            self.form.insertRow(0, banner)
        self.change_dialog: ChangePasswordDialog | None = None

    def _make_job(self):  # noqa: ANN202
        sessions, username, password = self.desk.sessions, self.username.text(), self.password.text()
        self._typed_password = password

        def job() -> Identity:
            from desk_app.services.users import sign_in

            return sign_in(sessions, username, password)

        return job

    def _failed(self, exc: Exception) -> None:
        self.password.clear()  # wrong or locked out: type it again
        super()._failed(exc)

    def _succeeded(self, who: Identity) -> None:
        self.password.clear()
        if not who.must_change_password:
            super()._succeeded(who)
            return
        # After an administrator's reset: a new password before anything else.
        self.buttons.setEnabled(True)
        self.change_dialog = ChangePasswordDialog(self.desk, self.tasks, who, self, current=self._typed_password,
                                                  forced=True)
        self._typed_password = ""
        self.change_dialog.finished.connect(self._after_change)
        self.change_dialog.open()

    def _after_change(self, result: int) -> None:
        dialog = self.change_dialog
        if result == QDialog.Accepted and dialog is not None and dialog.user is not None:
            super()._succeeded(dialog.user)
        else:
            self.error_label.setText(self.tr("Cần đổi mật khẩu trước khi làm việc."))
            self.focus_first_empty()


class ChangePasswordDialog(_FormDialog):
    """Change one's own password; *forced* after a reset (the current password is already known)."""

    def __init__(self, desk: Desk, tasks: TaskRunner, who: Identity, parent: QWidget | None = None, *,
                 current: str = "", forced: bool = False) -> None:
        super().__init__(desk, tasks, self.tr("Đổi mật khẩu"), parent)
        self.who = who
        if forced:
            notice = QLabel(self.tr("Quản trị viên đã đặt lại mật khẩu của bạn. Hãy chọn mật khẩu mới."))
            notice.setWordWrap(True)
            self.form.addRow(notice)
        self.current = QLineEdit(current)
        self.current.setObjectName("currentPassword")
        self.current.setEchoMode(QLineEdit.Password)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("newPassword")
        self.new_password.setEchoMode(QLineEdit.Password)
        self.again = QLineEdit()
        self.again.setObjectName("newPasswordAgain")
        self.again.setEchoMode(QLineEdit.Password)
        if not (forced and current):
            self.form.addRow(self.tr("Mật khẩu hiện tại:"), self.current)
        else:
            self.current.hide()
            self.current.setEnabled(False)
        self.form.addRow(self.tr("Mật khẩu mới (ít nhất %1 ký tự):").replace("%1", str(MIN_PASSWORD_LENGTH)),
                         self.new_password)
        self.form.addRow(self.tr("Nhập lại mật khẩu mới:"), self.again)
        hint = QLabel(self.tr("Không dùng mật khẩu phổ biến hay dựa trên tên của bạn; "
                              "một câu ngắn dễ nhớ là mật khẩu tốt."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self._mismatch = self.tr("Hai lần nhập mật khẩu mới không khớp.")

    def _make_job(self):  # noqa: ANN202
        sessions, who = self.desk.sessions, self.who
        current, new, again, mismatch = self.current.text(), self.new_password.text(), self.again.text(), self._mismatch

        def job() -> Identity:
            from desk_app.services.users import change_password

            if new != again:
                raise ValueError(mismatch)
            return change_password(sessions, who, current, new)

        return job


class FirstRunDialog(_FormDialog):
    """Shown when the database has no user yet: creates the first administrator and signs them in."""

    def __init__(self, desk: Desk, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(desk, tasks, self.tr("Thiết lập lần đầu — tạo quản trị viên"), parent)
        intro = QLabel(self.tr("Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên."))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password_again = QLineEdit()
        self.password_again.setObjectName("passwordAgain")
        self.password_again.setEchoMode(QLineEdit.Password)
        self.form.addRow(self.tr("Họ và tên:"), self.full_name)
        self.form.addRow(self.tr("Tên đăng nhập:"), self.username)
        self.form.addRow(self.tr("Mật khẩu (ít nhất %1 ký tự):").replace("%1", str(MIN_PASSWORD_LENGTH)),
                         self.password)
        self.form.addRow(self.tr("Nhập lại mật khẩu:"), self.password_again)
        self._mismatch = self.tr("Hai lần nhập mật khẩu không khớp.")

    def _make_job(self):  # noqa: ANN202
        sessions = self.desk.sessions
        username, full_name = self.username.text(), nfc(self.full_name.text())
        password, again, mismatch = self.password.text(), self.password_again.text(), self._mismatch

        def job() -> Identity:
            from desk_app.services.users import create_user, sign_in

            if password != again:
                raise ValueError(mismatch)
            create_user(sessions, username, full_name, "admin", password)
            return sign_in(sessions, username, password)

        return job
