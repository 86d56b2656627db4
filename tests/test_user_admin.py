"""User management for the administrator, from the keyboard only: create an account, change its role, reset
its password, disable it; every change audited; a clerk's identity is refused by the same core calls."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk_app.security.roles import PermissionDeniedError
from desk_app.services.users import AuthenticationError, list_users, set_active, sign_in
from desk_app.storage.models import AuditEntry
from tests.conftest import CLERK_PASSWORD
from tests.test_gui_dossier_book import focused, inside, type_text  # noqa: F401 - fixtures

PASSWORD = "Sen-hong-Dong-Thap-2468"
TEMPORARY = "Tam-thoi-Ca-Mau-1357"


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def _rows(widget) -> dict[str, list[str]]:
    table = widget.table
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())}


def _select(qtbot, widget, username: str) -> None:
    names = [u.username for u in widget.users]
    while widget.current().username != username:
        press(qtbot, Qt.Key_Down if names.index(widget.current().username) < names.index(username) else Qt.Key_Up)
    assert inside(widget.table)


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_admin_manages_an_account_by_keyboard(qtbot, desk, admin, clerk, tasks, size):
    from ui.user_admin import UserAdmin

    with pytest.raises(PermissionDeniedError):       # the core refuses a clerk whatever the screen shows
        list_users(desk.sessions, clerk)
    with pytest.raises(PermissionDeniedError):
        set_active(desk.sessions, clerk, "admin", False)
    widget = UserAdmin(desk, tasks, admin)
    qtbot.addWidget(widget)
    widget.resize(*size)
    with qtbot.waitSignal(widget.loaded, timeout=10000):
        widget.show()
        widget.activateWindow()
        qtbot.waitExposed(widget)
    widget.focus_start()
    qtbot.waitUntil(lambda: inside(widget.table))
    assert set(_rows(widget)) == {"admin", "tuyet.nguyen"}

    # Ctrl+N: a new clerk, Hoàng Văn Nam.
    press(qtbot, Qt.Key_N, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible()
                    and inside(widget.dialog.username))
    qtbot.keyClicks(focused(), "nam.hoang")
    press(qtbot, Qt.Key_Tab)
    assert inside(widget.dialog.full_name)
    type_text(focused(), "Hoàng Văn Nam")
    press(qtbot, Qt.Key_Tab)
    assert inside(widget.dialog.role)             # clerk is the default role
    press(qtbot, Qt.Key_Tab)
    assert inside(widget.dialog.password)
    qtbot.keyClicks(focused(), PASSWORD)
    press(qtbot, Qt.Key_Tab)
    qtbot.keyClicks(focused(), PASSWORD + "x")
    press(qtbot, Qt.Key_Return)                   # mismatch: said in the dialog, nothing saved
    assert widget.dialog.isVisible() and "không khớp" in widget.dialog.problem.text()
    press(qtbot, Qt.Key_Backspace)
    with qtbot.waitSignal(widget.loaded, timeout=20000):
        press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: inside(widget.table))
    assert widget.current().username == "nam.hoang"
    assert _rows(widget)["nam.hoang"][1:4] == ["Hoàng Văn Nam", "Cán bộ tiếp nhận", "đang dùng"]
    assert sign_in(desk.sessions, "nam.hoang", PASSWORD).role == "clerk"

    # Ctrl+L: he becomes a supervisor.
    press(qtbot, Qt.Key_L, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.dialog.isVisible() and inside(widget.dialog.role))
    while widget.dialog.role.currentData() != "supervisor":
        press(qtbot, Qt.Key_Down)
    with qtbot.waitSignal(widget.loaded, timeout=20000):
        press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: inside(widget.table))
    assert _rows(widget)["nam.hoang"][2] == "Giám sát"

    # Ctrl+R: a temporary password he must change.
    press(qtbot, Qt.Key_R, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.dialog.isVisible() and inside(widget.dialog.password))
    qtbot.keyClicks(focused(), TEMPORARY)
    press(qtbot, Qt.Key_Tab)
    qtbot.keyClicks(focused(), TEMPORARY)
    with qtbot.waitSignal(widget.loaded, timeout=20000):
        press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: inside(widget.table))
    assert _rows(widget)["nam.hoang"][4] == "phải đổi"
    assert sign_in(desk.sessions, "nam.hoang", TEMPORARY).must_change_password

    # Ctrl+D on the clerk Nguyễn Thị Ánh Tuyết: disabled, her sign-in refused.
    _select(qtbot, widget, "tuyet.nguyen")
    with qtbot.waitSignal(widget.loaded, timeout=20000):
        press(qtbot, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: inside(widget.table))
    assert _rows(widget)["tuyet.nguyen"][3] == "đã khóa"
    with pytest.raises(AuthenticationError, match="bị khóa"):
        sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)

    # Disabling oneself is refused with a message; focus comes back to the list.
    _select(qtbot, widget, "admin")
    press(qtbot, Qt.Key_D, Qt.ControlModifier)
    qtbot.waitUntil(lambda: _message_box(widget) is not None)
    box = _message_box(widget)
    assert "chính mình" in box.text()
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.waitUntil(lambda: _message_box(widget) is None)
    qtbot.waitUntil(lambda: inside(widget.table))
    assert _rows(widget)["admin"][3] == "đang dùng"

    with desk.sessions() as session:
        actions = [a for (a,) in session.execute(select(AuditEntry.action).where(AuditEntry.username == "admin"))]
    for action in ("user.create", "user.role", "user.password_reset", "user.disable"):
        assert action in actions


def _message_box(owner=None):
    """The visible message box shown over *owner* (any window's box when None: an earlier test's window may
    still show its start-up notice in this process)."""
    from PySide6.QtWidgets import QMessageBox

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            parent = widget.parentWidget()
            if owner is None or (parent is not None and (parent is owner or owner.isAncestorOf(parent)
                                                         or parent.window() is owner.window())):
                return widget
    return None


def test_the_admin_reaches_users_and_audit_by_key_the_supervisor_only_audit(qtbot, desk, admin, tasks):
    from desk_app.services.users import create_user
    from tests.test_gui_dossier_book import open_window

    window = open_window(qtbot, desk, tasks, admin)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Nhật ký truy cập (F11)" in titles and "Tài khoản người dùng (F12)" in titles
    press(qtbot, Qt.Key_F12)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.user_admin and inside(window.user_admin))
    press(qtbot, Qt.Key_F11)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.audit_viewer)
    window.close()

    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", PASSWORD, created_by=admin)
    window = open_window(qtbot, desk, tasks, sign_in(desk.sessions, "lan.tran", PASSWORD))
    assert window.audit_viewer is not None and getattr(window, "user_admin", None) is None
    window.close()
