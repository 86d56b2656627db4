"""Sign-in and first-run dialogs. Password checks (argon2) run off the UI thread."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desk_app.desk import Desk
from desk_app.errors import user_errors
from desk_app.services.users import authenticate, create_user
from desk_app.storage.models import User
from desk_app.text import nfc
from ui.tasks import TaskRunner


class _FormDialog(QDialog):
    """Common frame: a form, an error line, OK/Cancel.

    On OK, `_make_job` reads the widgets (on the UI thread) and returns the work to run in the background.
    """

    def __init__(self, desk: Desk, tasks: TaskRunner, title: str, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.desk = desk
        self.tasks = tasks
        self.user: User | None = None
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        # Qt ships no Vietnamese translation of its standard buttons: name them ourselves.
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Đồng ý"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _on_ok(self) -> None:
        self.error_label.clear()
        self.buttons.setEnabled(False)
        self.tasks.run_db(self._make_job(), self._succeeded, self._failed)

    def _make_job(self):  # noqa: ANN202
        raise NotImplementedError

    def _succeeded(self, user: User) -> None:
        self.user = user
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, user_errors()) or isinstance(exc, ValueError):
            self.error_label.setText(str(exc))
        else:
            self.error_label.setText(self.tr("Lỗi không mong muốn: %1").replace("%1", str(exc)))


class LoginDialog(_FormDialog):
    def __init__(self, desk: Desk, tasks: TaskRunner, parent=None) -> None:  # noqa: ANN001
        super().__init__(desk, tasks, self.tr("Đăng nhập — Bộ phận Một cửa"), parent)
        self.username = QLineEdit()
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

    def _make_job(self):  # noqa: ANN202
        sessions, username, password = self.desk.sessions, self.username.text(), self.password.text()
        return lambda: authenticate(sessions, username, password)


class FirstRunDialog(_FormDialog):
    """Shown when the database has no user yet: creates the first administrator."""

    def __init__(self, desk: Desk, tasks: TaskRunner, parent=None) -> None:  # noqa: ANN001
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
        self.form.addRow(self.tr("Mật khẩu (ít nhất 8 ký tự):"), self.password)
        self.form.addRow(self.tr("Nhập lại mật khẩu:"), self.password_again)
        self._mismatch = self.tr("Hai lần nhập mật khẩu không khớp.")

    def _make_job(self):  # noqa: ANN202
        sessions = self.desk.sessions
        username, full_name = self.username.text(), nfc(self.full_name.text())
        password, again, mismatch = self.password.text(), self.password_again.text(), self._mismatch

        def job() -> User:
            if password != again:
                raise ValueError(mismatch)
            return create_user(sessions, username, full_name, "admin", password)

        return job
