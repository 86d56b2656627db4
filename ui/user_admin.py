"""User accounts for the administrator (F12): create, disable / enable, reset a password, change a role.

Every change is one call into ``desk_app.services.users`` (MANAGE_USERS checked there, each change audited
there) on the database lane. Keyboard first: the list has the focus, ↑/↓ choose an account,

- Ctrl+N a new account (user name, full name, role, password twice; Enter saves, Esc cancels);
- Ctrl+D disables the chosen account (its open sign-ins end at once), or enables it again;
- Ctrl+R gives it a temporary password (it must choose its own at the next sign-in);
- Ctrl+L changes its role.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desk_app.security.roles import Role
from ui.admin_list import AdminList, FormDialog, InputProblem

COLUMNS = (
    QT_TRANSLATE_NOOP("UserAdmin", "Tên đăng nhập"),
    QT_TRANSLATE_NOOP("UserAdmin", "Họ và tên"),
    QT_TRANSLATE_NOOP("UserAdmin", "Vai trò"),
    QT_TRANSLATE_NOOP("UserAdmin", "Trạng thái"),
    QT_TRANSLATE_NOOP("UserAdmin", "Mật khẩu"),
)


def _role_combo(parent: QWidget, current: str = Role.CLERK.value) -> QComboBox:
    combo = QComboBox(parent, objectName="userRole")
    for role in Role:
        combo.addItem(role.label_vi, role.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _password_pair(dialog: FormDialog, label: str) -> tuple[QLineEdit, QLineEdit]:
    first = QLineEdit(dialog, objectName="userPassword")
    again = QLineEdit(dialog, objectName="userPasswordAgain")
    for edit in (first, again):
        edit.setEchoMode(QLineEdit.Password)
    dialog.form.addRow(label, first)
    dialog.form.addRow(dialog.tr("Nhập lại mật khẩu"), again)
    return first, again


class CreateUserDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("UserAdmin", "Tạo tài khoản"), parent)
        self.setObjectName("createUserDialog")
        self.username = QLineEdit(self, objectName="userName")
        self.full_name = QLineEdit(self, objectName="userFullName")
        self.role = _role_combo(self)
        self.form.addRow(self.tr("Tên đăng nhập"), self.username)
        self.form.addRow(self.tr("Họ và tên"), self.full_name)
        self.form.addRow(self.tr("Vai trò"), self.role)
        self.password, self.again = _password_pair(self, self.tr("Mật khẩu"))
        self.username.setFocus()

    def check(self) -> None:
        if not self.username.text().strip() or not self.full_name.text().strip():
            raise InputProblem(self.tr("Hãy nhập tên đăng nhập và họ tên."))
        if self.password.text() != self.again.text():
            raise InputProblem(self.tr("Hai lần nhập mật khẩu không khớp."))

    def values(self) -> tuple[str, str, str, str]:
        return (self.username.text().strip(), self.full_name.text().strip(), self.role.currentData(),
                self.password.text())


class ResetPasswordDialog(FormDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("UserAdmin", "Đặt lại mật khẩu"), parent)
        self.setObjectName("resetPasswordDialog")
        self.form.addRow(QLabel(self.tr("Mật khẩu tạm thời cho «%1»; người dùng phải đổi khi đăng nhập.")
                                .replace("%1", username), self))
        self.password, self.again = _password_pair(self, self.tr("Mật khẩu tạm thời"))
        self.password.setFocus()

    def check(self) -> None:
        if not self.password.text():
            raise InputProblem(self.tr("Hãy nhập mật khẩu tạm thời."))
        if self.password.text() != self.again.text():
            raise InputProblem(self.tr("Hai lần nhập mật khẩu không khớp."))


class RoleDialog(FormDialog):
    def __init__(self, username: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("UserAdmin", "Đổi vai trò"), parent)
        self.setObjectName("roleDialog")
        self.role = _role_combo(self, current)
        self.form.addRow(self.tr("Vai trò mới của «%1»").replace("%1", username), self.role)
        self.role.setFocus()


class UserAdmin(AdminList):
    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(
            desk, tasks, user, parent=parent,
            title=QCoreApplication.translate("UserAdmin", "Tài khoản người dùng"),
            hint=QCoreApplication.translate("UserAdmin", "Ctrl+N: tạo · Ctrl+D: khóa / mở lại · "
                                            "Ctrl+R: đặt lại mật khẩu · Ctrl+L: đổi vai trò"),
            columns=[QCoreApplication.translate("UserAdmin", c) for c in COLUMNS], widths=(160, 240, 170, 110),
            names=("userAdmin", "usersTable", "usersStatus"),
            shortcuts=(("Ctrl+N", "create"), ("Ctrl+D", "toggle_active"), ("Ctrl+R", "reset_password"),
                       ("Ctrl+L", "change_role")))

    @property
    def users(self) -> list:
        return self.rows

    def fetch(self) -> list:
        from desk_app.services.users import list_users

        return list_users(self.desk.sessions, self.user)

    def cells(self, u) -> tuple[str, ...]:  # noqa: ANN001
        return (u.username, u.full_name, Role(u.role).label_vi,
                self.tr("đang dùng") if u.active else self.tr("đã khóa"),
                self.tr("phải đổi") if u.must_change_password else "")

    def key(self, u) -> str:  # noqa: ANN001
        return u.username

    def create(self) -> None:
        from desk_app.services.users import create_account

        dialog = CreateUserDialog(self)

        def save() -> None:
            username, full_name, role, password = dialog.values()
            self.change(lambda: create_account(self.desk.sessions, self.user, username, full_name, role, password),
                        lambda view: self.tr("Đã tạo tài khoản «%1».").replace("%1", view.username),
                        title=self.tr("Tạo tài khoản"))

        self.open_dialog(dialog, save)

    def toggle_active(self) -> None:
        from desk_app.services.users import set_active

        chosen = self.current()
        if chosen is None:
            return
        active = not chosen.active
        self.change(lambda: set_active(self.desk.sessions, self.user, chosen.username, active),
                    lambda view: (self.tr("Đã mở lại tài khoản «%1».") if view.active else
                                  self.tr("Đã khóa tài khoản «%1».")).replace("%1", view.username),
                    title=self.tr("Khóa tài khoản"))

    def reset_password(self) -> None:
        from desk_app.services.users import reset_password

        chosen = self.current()
        if chosen is None:
            return
        dialog = ResetPasswordDialog(chosen.username, self)

        def save() -> None:
            password = dialog.password.text()
            self.change(lambda: reset_password(self.desk.sessions, self.user, chosen.username, password),
                        lambda view: self.tr("Đã đặt lại mật khẩu của «%1».").replace("%1", view.username),
                        title=self.tr("Đặt lại mật khẩu"))

        self.open_dialog(dialog, save)

    def change_role(self) -> None:
        from desk_app.services.users import set_role

        chosen = self.current()
        if chosen is None:
            return
        dialog = RoleDialog(chosen.username, chosen.role, self)

        def save() -> None:
            role = dialog.role.currentData()
            self.change(lambda: set_role(self.desk.sessions, self.user, chosen.username, role),
                        lambda view: self.tr("«%1» nay có vai trò %2.").replace("%1", view.username)
                        .replace("%2", Role(view.role).label_vi),
                        title=self.tr("Đổi vai trò"))

        self.open_dialog(dialog, save)
