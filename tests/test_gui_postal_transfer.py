"""Keyboard only: items collected on the postal employee's offline laptop reach the desk through a transfer
file; the refund owed for an item sent back; the results waiting to go out by post (docs/POSTAL.md)."""

from __future__ import annotations

from datetime import datetime

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desk_app.services import lifecycle, payments, postal, postal_transfer
from desk_app.services.intake import Decision, IntakeSession, store_pages
from desk_app.services.users import sign_in
from tests.conftest import make_page_image
from tests.test_gui_dossier_book import focused, inside, open_window, type_text  # noqa: F401 - fixtures
from tests.test_gui_postal import press, wait_focus
from tests.test_postal_transfer import POSTAL_PASSWORD, S10, _collect, device, postman_here  # noqa: F401

COLLECTED = datetime(2026, 3, 6, 14, 0)
MONDAY = datetime(2026, 3, 9, 8, 0)


def _save_in_dialog(qtbot, box, path) -> None:
    """Type the file's full path into Qt's own file dialog, Enter."""
    qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible())
    name_field = box.dialog.findChild(QLineEdit, "fileNameEdit")
    qtbot.waitUntil(lambda: inside(box.dialog))
    name_field.setFocus()
    wait_focus(qtbot, name_field)
    name_field.selectAll()
    type_text(name_field, str(path))
    press(qtbot, Qt.Key_Return)


def test_device_to_desk_by_file_then_hand_over(qtbot, device, desk, postman_here, clerk, tasks, tmp_path,
                                               fixed_clock):
    fixed_clock(COLLECTED)
    _collect(device, tmp_path, 0, "Phạm Quốc Đạt", "038096001234")
    _collect(device, tmp_path, 1, "Ngô Thị Mai", "038196002345")
    fixed_clock(COLLECTED.replace(hour=17))
    window = open_window(qtbot, device, tasks, sign_in(device.sessions, "ha.vu", POSTAL_PASSWORD))
    workspace = window.postal
    qtbot.waitUntil(lambda: workspace.transit_codes() == S10[:2], timeout=10000)
    # The laptop shows its fingerprint, which the desk's administrator compared when registering it.
    shown = postal_transfer.this_device(device).fingerprint
    qtbot.waitUntil(lambda: shown in workspace.transfer_box.fingerprint.text(), timeout=10000)
    wait_focus(qtbot, workspace.picker.search)
    target = tmp_path / "USB của Hà" / "bưu gửi thứ sáu.zip"
    target.parent.mkdir()
    press(qtbot, Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)
    with qtbot.waitSignal(workspace.transfer_box.exported, timeout=20000) as blocker:
        _save_in_dialog(qtbot, workspace.transfer_box, target)
    assert blocker.args == [str(target)] and target.exists()
    qtbot.waitUntil(lambda: workspace.transit_codes() == [], timeout=10000)  # gone from the device's list
    assert "2 bưu gửi" in workspace.status_label.text()
    window.close()

    fixed_clock(MONDAY)
    window = open_window(qtbot, desk, tasks, clerk)
    press(qtbot, Qt.Key_F5)
    screen = window.handover
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is screen)
    wait_focus(qtbot, screen.employee)
    press(qtbot, Qt.Key_I, Qt.ControlModifier | Qt.ShiftModifier)
    with qtbot.waitSignal(screen.transfer_box.imported, timeout=20000) as blocker:
        _save_in_dialog(qtbot, screen.transfer_box, target)
    assert blocker.args == [2]
    wait_focus(qtbot, screen.scan)
    assert "Đã nhập 2 bưu gửi" in screen.status_label.text()
    # The same file again (a second clerk, a second click): nothing new, and it says so.
    press(qtbot, Qt.Key_I, Qt.ControlModifier | Qt.ShiftModifier)
    with qtbot.waitSignal(screen.transfer_box.imported, timeout=20000) as blocker:
        _save_in_dialog(qtbot, screen.transfer_box, target)
    assert blocker.args == [0] and "đã có từ trước" in screen.status_label.text()
    wait_focus(qtbot, screen.scan)
    qtbot.keyClicks(screen.scan, S10[0])  # the items are there to scan, with their pages
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: len(screen.rows) == 1, timeout=10000)
    assert screen.rows[0].view.applicant_name == "Phạm Quốc Đạt"


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
def test_refund_and_waiting_lists_by_keyboard(qtbot, desk, postman_here, clerk, tasks, tmp_path, fixed_clock, size):
    fixed_clock(COLLECTED)
    for n, name in enumerate(["Phạm Quốc Đạt", "Ngô Thị Mai"]):
        pages = store_pages(desk, [make_page_image(tmp_path / f"{name}.png", name)])
        postal.collect(desk, postman_here, IntakeSession(
            procedure_code="1.004873", applicant_name=name, applicant_id_number=f"03809600{n}234",
            applicant_address="Thôn Đông, xã Hòa An", pages=pages), S10[n], fee_collected=15000,
            return_by_post=n == 0, delivery_address="Số 5, thôn Đông" if n == 0 else "", at=COLLECTED)
    defect = [{"component": "Tờ khai", "requirement": "Ký đủ", "reason": "Thiếu chữ ký"}]
    handed = postal.handover(desk, clerk, postal_employee="Vũ Thị Thu Hà", postal_employee_id="038185009999",
                             items=[postal.HandoverItem(S10[0]), postal.HandoverItem(S10[1], Decision.INCOMPLETE,
                                                                                     defects=defect)], at=MONDAY)
    code = handed.items[0].code
    lifecycle.record_result(desk, clerk, code, ["Giấy xác nhận"],
                            store_pages(desk, [make_page_image(tmp_path / "kết quả.png", "kết quả")]),
                            at=datetime(2026, 3, 10, 9, 0))
    assert payments.current_payment(desk, code) is None or payments.current_payment(desk, code).state == "paid"

    fixed_clock(datetime(2026, 3, 10, 10, 0))
    window = open_window(qtbot, desk, tasks, clerk, size)
    press(qtbot, Qt.Key_F5)
    screen = window.handover
    box = screen.transfer_box
    # The Mẫu 02 of the item not accepted (handed over on Monday) waits too, before the result (Tuesday).
    qtbot.waitUntil(lambda: box.waiting.count() == 2, timeout=10000)
    notice, result = box.waiting.item(0).text(), box.waiting.item(1).text()
    assert notice.startswith("Mẫu 02 và hồ sơ giấy") and "Ngô Thị Mai" in notice and "Thôn Đông" in notice
    assert code in result and "Số 5, thôn Đông" in result and "Mẫu" not in result
    box.waiting.setFocus()
    wait_focus(qtbot, box.waiting)
    box.waiting.setCurrentRow(1)
    press(qtbot, Qt.Key_Return)
    wait_focus(qtbot, screen.send_box.s10)
    assert screen.send_box.code.text() == code
    window.close()

    window = open_window(qtbot, desk, tasks, postman_here, size)
    refunds = window.postal.transfer_box
    qtbot.waitUntil(lambda: refunds.refunds.count() == 1, timeout=10000)
    assert S10[1] in refunds.refunds.item(0).text() and "15.000" in refunds.refunds.item(0).text()
    refunds.refunds.setFocus()
    refunds.refunds.setCurrentRow(0)
    with qtbot.waitSignal(refunds.refunded, timeout=20000) as blocker:
        press(qtbot, Qt.Key_Return)
    assert blocker.args == [S10[1]]
    qtbot.waitUntil(lambda: refunds.refunds.count() == 0, timeout=10000)
    wait_focus(qtbot, refunds.refunds)
    assert postal.refunds_pending(desk, clerk) == []
