"""The three counter decisions and the acceptance-time checks, driven from the keyboard.

Refuse (Ctrl+Shift+T → Mẫu 03), incomplete (Ctrl+Shift+B → Mẫu 02, every defect at once), accept
outside office hours (a reason is asked and recorded), the cut-off notice before accepting, a failed
receipt retried without filing twice, the one standard error box, start-up warnings (provisional
calendar, overdue dossiers). Vietnamese text goes in as input-method commits; the app clock is frozen.
Page reading (OCR) is replaced by a stub: it is not what these tests are about.
"""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from sqlalchemy import func, select

from desk_app.domain.status import DossierStatus
from desk_app.storage.forms_models import Notice
from desk_app.storage.models import AuditEntry, Dossier
from ui.counter_dialogs import IncompleteDialog, OutsideHoursDialog, RefusalDialog
from ui.main_window import MainWindow
from tests.qt_helpers import type_text, focused

MONDAY_MORNING = datetime(2026, 3, 2, 9, 0)  # an ordinary working Monday, calendar data final
SIZES = [(1280, 720), (1600, 1000)]
CTRL_SHIFT = Qt.ControlModifier | Qt.ShiftModifier


@pytest.fixture(autouse=True)
def no_ocr(monkeypatch):
    """Pages are not read in these tests (the reading has its own tests); the status still shows."""
    from desk_app.services.intake_ocr import IntakeOcr

    def submit(self, page, report):  # noqa: ANN001, ANN202
        report(page.page_id, "Chưa đọc")
        return Future()

    monkeypatch.setattr(IntakeOcr, "submit", submit)


def open_window(qtbot, desk, clerk, tasks, size=(1280, 720)) -> MainWindow:
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.reception.picker.search.hasFocus())
    return window


def fill_counter(qtbot, monkeypatch, panel, page_files, *, query="dang ky thuong tru", name="Phạm Quốc Đạt",
                 id_number="038096001234", address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk") -> None:
    """Procedure, applicant, pages — the keyboard path of the counter, focus checked at each step."""
    qtbot.keyClicks(panel.picker.search, query)
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.identify.hasFocus())
    qtbot.keyClick(panel.identify, Qt.Key_Tab)
    assert panel.applicant_name.hasFocus()
    type_text(focused(), name)
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert panel.id_number.hasFocus()
    qtbot.keyClicks(focused(), id_number)
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert panel.address.hasFocus()
    type_text(focused(), address)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in page_files], "")))
    qtbot.keyClick(focused(), Qt.Key_O, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(panel.scan_panel.pages()) == len(page_files), timeout=30000)
    assert panel.isAncestorOf(focused())  # still in the panel, ready for the decision


def dossier_row(desk, code: str) -> Dossier:
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        dossier.pages, dossier.history  # noqa: B018 - loaded while the session is open
        return dossier


def dossier_count(desk) -> int:
    with desk.sessions() as session:
        return session.scalar(select(func.count(Dossier.id)))


def today_status(window, code: str) -> str | None:
    for row in window.today.model.rows:
        if row[0] == code:
            return row[4]
    return None


def error_box(window) -> QMessageBox | None:
    box = window.findChild(QMessageBox, "errorBox")
    return box if box is not None and box.isVisible() else None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_refuse_at_the_counter_prints_mau_03(qtbot, desk, clerk, tasks, page_files, monkeypatch, fixed_clock,
                                              size):
    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks, size)
    panel = window.reception
    # The three decisions fit the window: nothing clipped, nothing hidden.
    for button in (panel.accept_button, panel.incomplete_button, panel.refuse_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width()
        top_left = button.mapTo(window, button.rect().topLeft())
        assert window.rect().contains(top_left) and window.rect().contains(
            button.mapTo(window, button.rect().bottomRight()))
    assert window.width() == size[0] and window.height() == size[1]

    # The decision keys act only in the reception panel.
    qtbot.keyClick(focused(), Qt.Key_F3)
    assert window.tabs.currentWidget() is window.today
    qtbot.keyClick(window, Qt.Key_T, CTRL_SHIFT)
    assert window.findChild(RefusalDialog) is None
    qtbot.keyClick(window, Qt.Key_F2)
    panel.picker.search.setFocus()
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())

    fill_counter(qtbot, monkeypatch, panel, page_files)
    qtbot.keyClick(focused(), Qt.Key_T, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.findChild(RefusalDialog) is not None
                    and window.findChild(RefusalDialog).isVisible())
    dialog = window.findChild(RefusalDialog)
    qtbot.waitUntil(lambda: dialog.reason.hasFocus())
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled()  # no refusal without a reason
    type_text(focused(), "Thủ tục không thuộc thẩm quyền của UBND xã")
    assert ok.isEnabled() and dialog.reason.hasFocus()
    with qtbot.waitSignal(panel.dossierFiled, timeout=20000) as filed:
        qtbot.keyClick(focused(), Qt.Key_Return)
    code, kind, pdf = filed.args
    assert kind == "refusal" and pdf.endswith(".pdf")

    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    assert "Mẫu 03" in window.preview.windowTitle() and window.preview.page_count >= 1
    qtbot.waitUntil(lambda: today_status(window, code) == DossierStatus.REFUSED.label_vi, timeout=10000)
    dossier = dossier_row(desk, code)
    assert dossier.status == 3 and dossier.due_at is None and dossier.applicant_name == "Phạm Quốc Đạt"
    assert len(dossier.pages) == 2  # the scanned pages are kept with a refusal too
    with desk.sessions() as session:
        notice = session.scalar(select(Notice).where(Notice.dossier_id == dossier.id))
    assert notice.kind == "refusal" and notice.items == ["Thủ tục không thuộc thẩm quyền của UBND xã"]
    assert panel.applicant_name.text() == "" and not panel.scan_panel.pages()  # ready for the next citizen

    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not window.preview.isVisible())
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())


def test_incomplete_lists_every_defect_at_once_and_prints_mau_02(qtbot, desk, clerk, tasks, page_files,
                                                                  monkeypatch, fixed_clock):
    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    fill_counter(qtbot, monkeypatch, panel, page_files, name="Hoàng Thị Ngọc Ánh", id_number="038196004321")

    qtbot.keyClick(focused(), Qt.Key_B, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.findChild(IncompleteDialog) is not None
                    and window.findChild(IncompleteDialog).isVisible())
    dialog = window.findChild(IncompleteDialog)
    qtbot.waitUntil(lambda: dialog.list.hasFocus())
    # Every component with its state: the two required papers were handed in, the optional one not.
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].endswith("đã nộp") and texts[1].endswith("đã nộp") and "chưa nộp" in texts[2]
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled()

    # Second paper: tick it (Space), Tab to the requirement and the reason.
    qtbot.keyClick(focused(), Qt.Key_Down)
    qtbot.keyClick(focused(), Qt.Key_Space)
    assert dialog.list.item(1).checkState() == Qt.Checked and ok.isEnabled()
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert dialog.requirement.hasFocus()
    type_text(focused(), "Bản sao có chứng thực")
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert dialog.reason.hasFocus()
    type_text(focused(), "Chỉ có bản chụp")
    # Back to the list: the declaration form is wrong too — typing the requirement ticks it.
    qtbot.keyClick(focused(), Qt.Key_Backtab)
    qtbot.keyClick(focused(), Qt.Key_Backtab)
    assert dialog.list.hasFocus()
    qtbot.keyClick(focused(), Qt.Key_Up)
    assert dialog.list.currentRow() == 0 and dialog.requirement.text() == ""
    qtbot.keyClick(focused(), Qt.Key_Tab)
    type_text(focused(), "Ghi đầy đủ mục nơi thường trú")
    assert dialog.list.item(0).checkState() == Qt.Checked
    with qtbot.waitSignal(panel.dossierFiled, timeout=20000) as filed:
        qtbot.keyClick(focused(), Qt.Key_Return)
    code, kind, _pdf = filed.args
    assert kind == "supplement"

    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    assert "Mẫu 02" in window.preview.windowTitle()
    qtbot.waitUntil(lambda: today_status(window, code) == "Yêu cầu bổ sung giấy tờ", timeout=10000)
    dossier = dossier_row(desk, code)
    assert dossier.status == int(DossierStatus.SUPPLEMENT_REQUESTED) and dossier.due_at is None
    assert len(dossier.pages) == 2
    with desk.sessions() as session:
        notice = session.scalar(select(Notice).where(Notice.dossier_id == dossier.id))
    components = [item["component"] for item in notice.items]
    assert len(notice.items) == 2 and components[0].startswith("Tờ khai thay đổi thông tin cư trú")
    assert notice.items[1]["requirement"] == "Bản sao có chứng thực"
    assert notice.items[1]["reason"] == "Chỉ có bản chụp"
    assert notice.items[0]["requirement"] == "Ghi đầy đủ mục nơi thường trú"
    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())


def test_accepting_outside_office_hours_asks_for_a_reason_and_records_it(qtbot, desk, clerk, tasks, page_files,
                                                                          monkeypatch, fixed_clock):
    fixed_clock(datetime(2026, 3, 2, 19, 30))  # Monday evening, the office closed at 17:00
    window = open_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    fill_counter(qtbot, monkeypatch, panel, page_files)
    # Before accepting, the due label already says the clock starts at the next opening.
    assert "ngoài giờ" in panel.due_label.text() and "07:00 ngày 03/03/2026" in panel.due_label.text()

    # Esc: nothing is filed and the clerk is back in the form.
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(OutsideHoursDialog) is not None
                    and window.findChild(OutsideHoursDialog).isVisible())
    dialog = window.findChild(OutsideHoursDialog)
    qtbot.waitUntil(lambda: dialog.reason.hasFocus())
    qtbot.keyClick(focused(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: panel.isAncestorOf(focused()))
    assert dossier_count(desk) == 0

    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(OutsideHoursDialog)))
    dialog = next(d for d in window.findChildren(OutsideHoursDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.reason.hasFocus())
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled()
    qtbot.keyClick(focused(), Qt.Key_Return)  # Enter without a reason does nothing
    assert dialog.isVisible()
    type_text(focused(), "Công dân đi làm xa, lãnh đạo xã đồng ý tiếp nhận")
    assert ok.isEnabled()
    with qtbot.waitSignal(panel.dossierAccepted, timeout=20000) as accepted:
        qtbot.keyClick(focused(), Qt.Key_Return)
    code = accepted.args[0]
    dossier = dossier_row(desk, code)
    assert "Công dân đi làm xa, lãnh đạo xã đồng ý tiếp nhận" in dossier.history[0].note
    with desk.sessions() as session:
        details = session.scalar(select(AuditEntry.details).where(AuditEntry.entity_id == code,
                                                                  AuditEntry.action == "dossier.accept"))
    assert details["outside_hours_reason"] == "Công dân đi làm xa, lãnh đạo xã đồng ý tiếp nhận"
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())


def test_after_the_cutoff_the_due_label_says_the_clock_starts_next_working_day(qtbot, desk, clerk, tasks,
                                                                               fixed_clock):
    fixed_clock(datetime(2026, 3, 2, 14, 55))
    window = open_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    qtbot.keyClicks(panel.picker.search, "chung thuc ban sao")
    qtbot.keyClick(panel.picker.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: panel.identify.hasFocus())
    assert panel.procedure.code == "2.000815"
    assert "Đã quá" not in panel.due_label.text() and "03/2026" in panel.due_label.text()

    fixed_clock(datetime(2026, 3, 2, 15, 20))  # the clock moves on while the clerk types
    panel.due_timer.timeout.emit()
    assert "Đã quá 15:00" in panel.due_label.text()
    assert "ngày 03/03/2026 (ngày làm việc tiếp theo)" in panel.due_label.text()
    assert panel.due_label.isVisible() and panel.identify.hasFocus()


def test_a_failed_receipt_is_retried_without_filing_a_second_dossier(qtbot, desk, clerk, tasks, page_files,
                                                                      monkeypatch, fixed_clock):
    import ui.reception_panel as reception_module

    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    fill_counter(qtbot, monkeypatch, panel, page_files, name="Trịnh Văn Quyết")

    real_write = reception_module.write_receipt_for
    calls = []

    def fails_once(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(args)
        if len(calls) == 1:
            raise OSError("Thiết bị lưu trữ tạm thời không ghi được")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(reception_module, "write_receipt_for", fails_once)
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: error_box(window) is not None, timeout=20000)
    box = error_box(window)
    ok = box.button(QMessageBox.Ok)
    assert ok.text() == "Đã hiểu"
    qtbot.waitUntil(lambda: ok.hasFocus())
    assert "vẫn còn nguyên" in box.text()  # an unexpected error: nothing typed was lost
    assert dossier_count(desk) == 1
    qtbot.keyClick(focused(), Qt.Key_Return)
    qtbot.waitUntil(lambda: error_box(window) is None)
    # The form is as the clerk left it: same applicant, same pages; the status line names the dossier.
    assert panel.applicant_name.text() == "Trịnh Văn Quyết" and len(panel.scan_panel.pages()) == 2
    with desk.sessions() as session:
        code = session.scalar(select(Dossier.code))
    assert code in panel.status_label.text()
    qtbot.waitUntil(lambda: panel.isAncestorOf(focused()))

    with qtbot.waitSignal(panel.dossierAccepted, timeout=20000) as accepted:
        qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    assert accepted.args[0] == code and len(calls) == 2
    assert dossier_count(desk) == 1  # the same draft: never filed twice
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.today.model.codes() == [code], timeout=10000)
    qtbot.keyClick(window.preview, Qt.Key_Escape)
    qtbot.waitUntil(lambda: panel.picker.search.hasFocus())


def test_an_error_meant_for_the_clerk_is_shown_in_the_standard_box(qtbot, desk, clerk, tasks, page_files,
                                                                   monkeypatch, fixed_clock):
    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks)
    panel = window.reception
    fill_counter(qtbot, monkeypatch, panel, page_files, name="Lê Văn Tám", id_number="0381")  # too short
    qtbot.keyClick(focused(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: error_box(window) is not None, timeout=20000)
    box = error_box(window)
    assert "12 chữ số" in box.text() and box.windowTitle() == "Chưa lưu được hồ sơ"
    qtbot.waitUntil(lambda: box.button(QMessageBox.Ok).hasFocus())
    qtbot.keyClick(focused(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: error_box(window) is None)
    assert dossier_count(desk) == 0 and panel.accept_button.isEnabled()
    assert panel.applicant_name.text() == "Lê Văn Tám"


def test_start_up_warns_about_a_provisional_calendar_and_overdue_dossiers(qtbot, desk, clerk, tasks, page_files,
                                                                           fixed_clock):
    from desk_app.services.intake import IntakeSession, store_pages
    from desk_app.services.receipts import write_receipt_for
    from ui.receipt_preview import ReceiptPreview

    # Accepted a week ago with a same-day time limit: overdue now.
    outcome = IntakeSession(procedure_code="2.000815", applicant_name="Đỗ Thị Hằng",
                            pages=store_pages(desk, page_files)).finish(desk, clerk, at=datetime(2026, 11, 23, 9, 0))
    fixed_clock(datetime(2026, 12, 1, 8, 0))  # December: the provisional 2027 calendar is in sight
    window = MainWindow(desk, tasks, clerk)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    assert window.calendar_label.isVisibleTo(window) and "2027" in window.calendar_label.toolTip()
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)

    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "startupNotice") is not None
                    and window.findChild(QMessageBox, "startupNotice").isVisible(), timeout=10000)
    box = window.findChild(QMessageBox, "startupNotice")
    assert "2027" in box.text() and "quá hạn" in box.text()
    qtbot.waitUntil(lambda: box.button(QMessageBox.Ok).hasFocus())
    assert window.due_button.isVisible() and "Quá hạn: 1" in window.due_button.text()
    qtbot.keyClick(focused(), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "startupNotice") is None)
    qtbot.waitUntil(lambda: window.reception.picker.search.hasFocus())  # back to the counter

    with qtbot.waitSignal(window.overdueRequested, timeout=2000):
        qtbot.keyClick(focused(), Qt.Key_F7)
    with qtbot.waitSignal(window.overdueRequested, timeout=2000):
        window.due_button.click()

    # The preview of a form printed now carries the same warning.
    path = write_receipt_for(desk, outcome.code, who=clerk)
    preview = ReceiptPreview(path, outcome.code, window)
    qtbot.addWidget(preview)
    assert preview.calendar_warning.isVisibleTo(preview) and "2027" in preview.calendar_warning.text()


def test_dossiers_changed_refreshes_the_overdue_warning(qtbot, desk, clerk, tasks, page_files, fixed_clock):
    from desk_app.services.intake import IntakeSession, store_pages

    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks)
    qtbot.waitUntil(lambda: window.due is not None, timeout=10000)
    assert not window.due_button.isVisible()
    IntakeSession(procedure_code="2.000815", applicant_name="Vũ Minh Khôi",
                  pages=store_pages(desk, page_files)).finish(desk, clerk, at=datetime(2026, 2, 27, 9, 0))
    window.due = None
    window.events.changed(["khác"])  # any operation that changed dossiers
    qtbot.waitUntil(lambda: window.due is not None and window.due_button.isVisible(), timeout=10000)
    assert "Quá hạn: 1" in window.due_button.text()
    assert window.findChild(QMessageBox, "startupNotice") is None  # one box, at start-up only


def test_ctrl_shift_q_logs_out_and_the_identity_stops_working(qtbot, desk, clerk, tasks, fixed_clock):
    from desk_app.security.identity import SessionInvalidError
    from desk_app.services.dossier_book import received_on

    fixed_clock(MONDAY_MORNING)
    window = open_window(qtbot, desk, clerk, tasks)
    qtbot.keyClick(window.reception.picker.search, Qt.Key_Q, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert window.logged_out
    with pytest.raises(SessionInvalidError):
        received_on(desk, clerk, MONDAY_MORNING.date())
