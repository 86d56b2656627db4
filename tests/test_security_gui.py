"""The security layer in the GUI: sign-in dialog (focus, lockout, forced change), idle lock, logout,
and the audit break shown to an administrator at start-up."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QVBoxLayout, QWidget

from desk_app.security.identity import SessionInvalidError
from desk_app.services import users
from tests.conftest import CLERK_PASSWORD
from ui.login_dialog import ChangePasswordDialog, FirstRunDialog, LoginDialog
from tests.qt_helpers import type_text  # noqa: F401 - also imported from here


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def test_focus_starts_in_the_first_empty_field(qtbot, desk, tasks):
    dialog = _show(qtbot, LoginDialog(desk, tasks))
    qtbot.waitUntil(lambda: dialog.username.hasFocus())
    # Enter in an empty form moves to the next field instead of submitting blanks.
    qtbot.keyClicks(dialog.username, "tuyet.nguyen")
    qtbot.keyClick(dialog.username, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.password.hasFocus())
    assert dialog.error_label.text() == "" and dialog.isVisible()
    again = _show(qtbot, LoginDialog(desk, tasks, username="tuyet.nguyen"))
    qtbot.waitUntil(lambda: again.password.hasFocus())
    first = _show(qtbot, FirstRunDialog(desk, tasks))
    qtbot.waitUntil(lambda: first.full_name.hasFocus())


def test_lockout_is_shown_with_the_time_to_try_again(qtbot, desk, clerk_user, tasks, fixed_clock):
    fixed_clock(datetime(2026, 3, 2, 9, 0))
    dialog = _show(qtbot, LoginDialog(desk, tasks, username="tuyet.nguyen"))
    for n in range(5):
        type_text(dialog.password, f"đoán-sai-lần-{n}")
        dialog._on_ok()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.error_label.text() != "")
    assert "thử lại sau 09:00:30" in dialog.error_label.text()
    assert dialog.password.text() == ""  # a refused password does not stay in the field
    type_text(dialog.password, CLERK_PASSWORD)
    dialog._on_ok()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled() and dialog.error_label.text() != "")
    assert "tạm khóa" in dialog.error_label.text() and dialog.user is None


def test_a_reset_password_must_be_changed_at_sign_in(qtbot, desk, admin, clerk_user, tasks):
    users.reset_password(desk.sessions, admin, "tuyet.nguyen", "Tạm-thời-Hòa-An-42")
    dialog = _show(qtbot, LoginDialog(desk, tasks, username="tuyet.nguyen"))
    type_text(dialog.password, "Tạm-thời-Hòa-An-42")
    qtbot.keyClick(dialog.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.change_dialog is not None and dialog.change_dialog.isVisible())
    change: ChangePasswordDialog = dialog.change_dialog
    assert dialog.user is None  # not signed in yet
    qtbot.waitUntil(lambda: change.new_password.hasFocus())  # the current password is already known
    type_text(change.new_password, "matkhau123")
    type_text(change.again, "matkhau123")
    change._on_ok()
    qtbot.waitUntil(lambda: change.error_label.text() != "")
    assert "phổ biến" in change.error_label.text() or "ít nhất" in change.error_label.text()
    change.new_password.setText("")
    change.again.setText("")
    type_text(change.new_password, "Đồng-lúa-chín-vàng-2026")
    type_text(change.again, "Đồng-lúa-chín-vàng-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        change._on_ok()
    assert dialog.user is not None and not dialog.user.must_change_password
    assert users.sign_in(desk.sessions, "tuyet.nguyen", "Đồng-lúa-chín-vàng-2026").username == "tuyet.nguyen"


class _Window(QMainWindow):
    """A stand-in main window: what the idle lock needs (desk, tasks, user) and a field being typed."""

    def __init__(self, desk, tasks, who) -> None:
        super().__init__()
        self.desk, self.tasks, self.user = desk, tasks, who
        central = QWidget()
        layout = QVBoxLayout(central)
        self.field = QLineEdit(objectName="applicantName")
        layout.addWidget(self.field)
        self.setCentralWidget(central)
        self.resize(800, 600)


def test_idle_lock_covers_the_window_keeps_the_draft_and_asks_for_the_password(qtbot, desk, clerk, tasks):
    from ui.idle_lock import IdleLock

    window = _Window(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.field.setFocus()
    type_text(window.field, "Hoàng Thị Diệu")
    lock = IdleLock(window, tasks, desk.sessions, timeout_ms=300)
    with qtbot.waitSignal(lock.lockedChanged, timeout=5000):
        pass
    assert lock.locked and lock.overlay.isVisible()
    assert lock.overlay.geometry() == window.rect()
    qtbot.waitUntil(lambda: lock.overlay.password.hasFocus())

    # Input for anything behind the overlay is swallowed; the draft is untouched.
    QApplication.sendEvent(window.field, QKeyEvent(QEvent.KeyPress, Qt.Key_A, Qt.NoModifier, "a"))
    type_text(window.field, " Linh")
    assert window.field.text() == "Hoàng Thị Diệu"

    type_text(lock.overlay.password, "sai-mật-khẩu-rồi")
    lock.overlay.unlock_button.click()
    qtbot.waitUntil(lambda: lock.overlay.error.text() != "")
    assert "không đúng" in lock.overlay.error.text() and lock.locked

    type_text(lock.overlay.password, CLERK_PASSWORD)
    with qtbot.waitSignal(lock.lockedChanged, timeout=10000) as unlocked:
        qtbot.keyClick(lock.overlay.password, Qt.Key_Return)
    assert unlocked.args == [False] and not lock.locked
    assert window.field.text() == "Hoàng Thị Diệu"
    qtbot.waitUntil(lambda: window.field.hasFocus())  # back where the clerk was typing
    lock.stop()


def test_logout_from_the_lock_ends_the_sign_in(qtbot, desk, clerk, tasks):
    from desk_app.services.registry import CitizenRegistry
    from ui.idle_lock import IdleLock

    window = _Window(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lock = IdleLock(window, tasks, desk.sessions, timeout_ms=200)
    window.idle_lock = lock
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    lock.overlay.logout_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert window.logged_out
    with pytest.raises(SessionInvalidError):
        CitizenRegistry(desk.sessions, clerk).search("nguyen")


def test_idle_lock_minutes_comes_from_the_settings(qtbot, desk, clerk, tasks):
    from ui.idle_lock import install_idle_lock

    window = _Window(desk, tasks, clerk)
    qtbot.addWidget(window)
    assert desk.settings.idle_lock_minutes == 10
    lock = install_idle_lock(window)
    assert lock.timer.interval() == 10 * 60_000 and lock.timer.isActive()
    lock.stop()
    desk.settings.idle_lock_minutes = 0
    assert install_idle_lock(window) is None


def test_a_broken_audit_chain_is_shown_to_the_administrator_not_to_the_clerk(
        qtbot, desk, admin, clerk, tasks, data_folder):
    from ui.audit_check import check_audit_chain

    window = _Window(desk, tasks, admin)
    qtbot.addWidget(window)
    check = check_audit_chain(window, desk, tasks, admin)
    with qtbot.waitSignal(check.checked, timeout=10000) as done:
        pass
    assert done.args[0].ok and check.box is None

    with sqlite3.connect(data_folder / "desk.sqlite3") as db:
        db.execute("UPDATE audit_log SET action = 'login.failed' WHERE seq = 2")
    seen_by_clerk = check_audit_chain(_Window(desk, tasks, clerk), desk, tasks, clerk)
    with qtbot.waitSignal(seen_by_clerk.checked, timeout=10000):
        pass
    assert seen_by_clerk.box is None
    check = check_audit_chain(window, desk, tasks, admin)
    with qtbot.waitSignal(check.checked, timeout=10000):
        pass
    assert check.box is not None and "dòng số 2" in check.box.text()
    check.box.close()
