"""User accounts for the administrator (F12): create, disable / enable, reset a password, change a role.

Every change is one call into ``desk_app.services.users`` (MANAGE_USERS checked there, each change audited
there) on the database lane. Keyboard first: the list has the focus, ↑/↓ choose an account,

- Ctrl+N a new account (user name, full name, role, password twice; Enter saves, Esc cancels);
- Ctrl+D disables the chosen account (its open sign-ins end at once), or enables it again;
- Ctrl+R gives it a temporary password (it must choose its own at the next sign-in);
- Ctrl+L changes its role.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.errors import DeskError
from desk_app.security.roles import Role
from ui.shortcuts import add_shortcut
from ui.operations import run_op

COLUMNS = (
    QT_TRANSLATE_NOOP("UserAdmin", "Tên đăng nhập"),
    QT_TRANSLATE_NOOP("UserAdmin", "Họ và tên"),
    QT_TRANSLATE_NOOP("UserAdmin", "Vai trò"),
    QT_TRANSLATE_NOOP("UserAdmin", "Trạng thái"),
    QT_TRANSLATE_NOOP("UserAdmin", "Mật khẩu"),
)


class InputProblem(DeskError):
    """What the administrator typed does not make sense (shown in the dialog, nothing is saved)."""


def _role_combo(parent: QWidget, current: str = Role.CLERK.value) -> QComboBox:
    combo = QComboBox(parent, objectName="userRole")
    for role in Role:
        combo.addItem(role.label_vi, role.value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class _Dialog(QDialog):
    """A small form; Enter saves (after checking what can be checked here), Esc cancels."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.problem = QLabel("", self, objectName="userDialogProblem")
        self.problem.setStyleSheet("color: #b91c1c")
        self.problem.setWordWrap(True)
        self.layout_.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("Lưu (Enter)"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Huỷ (Esc)"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def check(self) -> None:  # raises InputProblem
        pass

    def _accept(self) -> None:
        try:
            self.check()
        except InputProblem as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


def _password_pair(dialog: _Dialog, label: str) -> tuple[QLineEdit, QLineEdit]:
    first = QLineEdit(dialog, objectName="userPassword")
    again = QLineEdit(dialog, objectName="userPasswordAgain")
    for edit in (first, again):
        edit.setEchoMode(QLineEdit.Password)
    dialog.form.addRow(label, first)
    dialog.form.addRow(dialog.tr("Nhập lại mật khẩu"), again)
    return first, again


class CreateUserDialog(_Dialog):
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


class ResetPasswordDialog(_Dialog):
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


class RoleDialog(_Dialog):
    def __init__(self, username: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("UserAdmin", "Đổi vai trò"), parent)
        self.setObjectName("roleDialog")
        self.role = _role_combo(self, current)
        self.form.addRow(self.tr("Vai trò mới của «%1»").replace("%1", username), self.role)
        self.role.setFocus()


class UserAdmin(QWidget):
    changed = Signal(object)      # the UserView after a change
    loaded = Signal(list)

    def __init__(self, desk, tasks, user, events=None, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("userAdmin")
        self.desk, self.tasks, self.user = desk, tasks, user
        self.users: list = []
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Tài khoản người dùng"), self)
        title.setStyleSheet("font-weight: bold; font-size: 14pt")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("Ctrl+N: tạo · Ctrl+D: khóa / mở lại · Ctrl+R: đặt lại mật khẩu · "
                                        "Ctrl+L: đổi vai trò"), self))
        self.table = QTableWidget(0, len(COLUMNS), self, objectName="usersTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("UserAdmin", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((160, 240, 170, 110)):
            self.table.setColumnWidth(column, width)
        layout.addWidget(self.table, 1)
        self.status = QLabel("", self, objectName="usersStatus")
        self.status.setTextFormat(Qt.PlainText)
        layout.addWidget(self.status)
        for keys, slot in (("Ctrl+N", self.create), ("Ctrl+D", self.toggle_active), ("Ctrl+R", self.reset_password),
                           ("Ctrl+L", self.change_role)):
            add_shortcut(QKeySequence(keys), self, slot, context=Qt.WidgetWithChildrenShortcut)
        self.setFocusProxy(self.table)
        self.reload()

    def focus_start(self) -> None:
        self.table.setFocus()

    # ------------------------------------------------------------------ list

    def reload(self, select: str | None = None) -> None:
        from desk_app.services.users import list_users

        run_op(self, self.tasks, lambda: list_users(self.desk.sessions, self.user),
               lambda users: self._show(users, select), title=self.tr("Tài khoản người dùng"))

    def _show(self, users: list, select: str | None) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, u in enumerate(users):
            cells = (u.username, u.full_name, Role(u.role).label_vi,
                     self.tr("đang dùng") if u.active else self.tr("đã khóa"),
                     self.tr("phải đổi") if u.must_change_password else "")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        names = [u.username for u in users]
        self.table.setCurrentCell(names.index(select) if select in names else 0, 0)
        self.loaded.emit(users)

    def current(self):  # noqa: ANN201
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    # ------------------------------------------------------------------ actions

    def _open(self, dialog: QDialog, on_accept) -> None:  # noqa: ANN001
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: self._back_to_list())
        dialog.open()
        dialog.activateWindow()

    def _back_to_list(self) -> None:
        self.window().activateWindow()
        self.table.setFocus()

    def _done(self, view, message: str) -> None:  # noqa: ANN001
        self.status.setText(message)
        self.changed.emit(view)
        self.reload(select=view.username)
        self._back_to_list()

    def create(self) -> None:
        from desk_app.services.users import create_account

        dialog = CreateUserDialog(self)

        def save() -> None:
            username, full_name, role, password = dialog.values()
            run_op(self, self.tasks,
                   lambda: create_account(self.desk.sessions, self.user, username, full_name, role, password),
                   lambda view: self._done(view, self.tr("Đã tạo tài khoản «%1».").replace("%1", view.username)),
                   title=self.tr("Tạo tài khoản"))

        self._open(dialog, save)

    def toggle_active(self) -> None:
        from desk_app.services.users import set_active

        chosen = self.current()
        if chosen is None:
            return
        active = not chosen.active
        run_op(self, self.tasks, lambda: set_active(self.desk.sessions, self.user, chosen.username, active),
               lambda view: self._done(view, (self.tr("Đã mở lại tài khoản «%1».") if view.active else
                                              self.tr("Đã khóa tài khoản «%1».")).replace("%1", view.username)),
               title=self.tr("Khóa tài khoản"))

    def reset_password(self) -> None:
        from desk_app.services.users import reset_password

        chosen = self.current()
        if chosen is None:
            return
        dialog = ResetPasswordDialog(chosen.username, self)

        def save() -> None:
            password = dialog.password.text()
            run_op(self, self.tasks, lambda: reset_password(self.desk.sessions, self.user, chosen.username, password),
                   lambda view: self._done(view, self.tr("Đã đặt lại mật khẩu của «%1».").replace("%1", view.username)),
                   title=self.tr("Đặt lại mật khẩu"))

        self._open(dialog, save)

    def change_role(self) -> None:
        from desk_app.services.users import set_role

        chosen = self.current()
        if chosen is None:
            return
        dialog = RoleDialog(chosen.username, chosen.role, self)

        def save() -> None:
            role = dialog.role.currentData()
            run_op(self, self.tasks, lambda: set_role(self.desk.sessions, self.user, chosen.username, role),
                   lambda view: self._done(view, self.tr("«%1» nay có vai trò %2.").replace("%1", view.username)
                                           .replace("%2", Role(view.role).label_vi)),
                   title=self.tr("Đổi vai trò"))

        self._open(dialog, save)
