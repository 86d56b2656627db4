"""The supervisor's day from the keyboard: two clerks and one postal item through a day, one cancelled
payment, one upload rejected by the province; the supervisor reconciles, finds the planted problems,
counts the cash, explains each problem, closes the day (signed report in the preview); an edit of the
closed day is refused; reopening with a reason is audited."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget
from sqlalchemy import select

from desk_app.domain.status import Channel
from desk_app.services import lifecycle
from desk_app.services.day_close import DayClosedError
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.payments import cancel_payment, confirm_payment, open_payment
from desk_app.services.receipts import write_receipt_for
from desk_app.services.users import create_user, sign_in
from desk_app.storage.day_models import DayClose
from desk_app.storage.models import AuditEntry, Dossier, OutboxItem
from tests.test_gui_dossier_book import focused, inside, type_text  # noqa: F401 - fixtures

DAY = date(2026, 3, 2)
MORNING = datetime(2026, 3, 2, 9, 0)
EVENING = datetime(2026, 3, 2, 17, 30)


@pytest.fixture
def supervisor(desk, admin):
    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", "Hồ-Gươm-giám-sát-5678", created_by=admin)
    return sign_in(desk.sessions, "lan.tran", "Hồ-Gươm-giám-sát-5678")


@pytest.fixture
def second_clerk(desk, admin):
    create_user(desk.sessions, "minh.le", "Lê Văn Minh", "clerk", "Phố-cổ-Hội-An-2468", created_by=admin)
    return sign_in(desk.sessions, "minh.le", "Phố-cổ-Hội-An-2468")


def _file(desk, who, page_files, minute, name, channel=Channel.IN_PERSON, receipt=True) -> str:
    outcome = IntakeSession(procedure_code="2.000884", applicant_name=name, applicant_id_number="079085004321",
                            applicant_address="Thôn Đông, xã Hòa An", pages=store_pages(desk, page_files),
                            channel=channel, fee_pages=1).finish(desk, who, at=MORNING.replace(minute=minute))
    if receipt:
        write_receipt_for(desk, outcome.code, who=who)
    return outcome.code


def press(qtbot, key, modifier=Qt.NoModifier) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def test_supervisor_reconciles_explains_and_closes_the_day_by_keyboard(
        qtbot, desk, clerk, second_clerk, supervisor, tasks, page_files, fixed_clock):
    from ui.supervisor_day import SupervisorDay

    # ------------------------------------------------------------------ the day at the counters
    fixed_clock(MORNING)
    paid_code = _file(desk, clerk, page_files, 5, "Đỗ Văn Lâm")
    cancelled_code = _file(desk, second_clerk, page_files, 12, "Phạm Thị Hương")
    postal_code = _file(desk, clerk, page_files[:1], 20, "Nguyễn Thị Ánh Tuyết", Channel.POSTAL, receipt=False)
    confirm_payment(desk, clerk, open_payment(desk, clerk, paid_code, "cash").id)
    cancelled = open_payment(desk, second_clerk, cancelled_code, "cash")
    cancel_payment(desk, second_clerk, cancelled.id, "Công dân chưa mang đủ tiền")
    with desk.sessions.begin() as session:   # the province acknowledged everything but the postal item
        for row in session.scalars(select(OutboxItem).join(Dossier, Dossier.id == OutboxItem.dossier_id)):
            postal = session.get(Dossier, row.dossier_id).code == postal_code
            row.state = "failed_rejected" if postal else "acknowledged"
            row.last_error = "Thiếu mã thành phần hồ sơ (E_COMPONENT)" if postal else ""

    # ------------------------------------------------------------------ the supervisor's evening
    fixed_clock(EVENING)
    widget = SupervisorDay(desk, tasks, supervisor)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.focus_start()
    qtbot.waitUntil(lambda: inside(widget.date_edit))
    assert widget.day() == DAY

    with qtbot.waitSignal(widget.reportShown, timeout=20000) as shown:
        press(qtbot, Qt.Key_Return)
    report = shown.args[0]
    found = {(p.kind, p.subject.split(" / ")[0]) for p in report.problems}
    assert found == {("missing_form", postal_code), ("payment_cancelled", cancelled.receipt_number),
                     ("upload_rejected", postal_code), ("cash_not_counted", "tiền mặt")}
    qtbot.waitUntil(lambda: inside(widget.tree))

    # Cash counted: Ctrl+M, Tab down to the 10.000 đ note, one note, Enter.
    press(qtbot, Qt.Key_M, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible() and inside(widget.dialog))
    for _ in range(5):   # 500.000 → 200.000 → 100.000 → 50.000 → 20.000 → 10.000
        press(qtbot, Qt.Key_Tab)
    assert focused().objectName() == "cash10000" or inside(widget.dialog.spins[10000])
    qtbot.keyClicks(focused(), "1")
    with qtbot.waitSignal(widget.reportShown, timeout=20000) as shown:
        press(qtbot, Qt.Key_Return)
    report = shown.args[0]
    assert report.cash.counted == 10_000 and report.cash.difference == 0
    assert len(report.unexplained) == 3

    # Each planted problem explained: Enter on the problem, type, Enter.
    for round_ in range(3):
        qtbot.waitUntil(lambda: inside(widget.tree) and widget.current_problem() is not None
                        and not widget.current_problem().explained)
        press(qtbot, Qt.Key_Return)
        qtbot.waitUntil(lambda: widget.dialog.isVisible() and inside(widget.dialog))
        type_text(widget.dialog.edit, f"Đã kiểm tra với cán bộ tiếp nhận, lần {round_ + 1}")
        with qtbot.waitSignal(widget.reportShown, timeout=20000) as shown:
            press(qtbot, Qt.Key_Return)
        assert len(shown.args[0].unexplained) == 2 - round_
    qtbot.waitUntil(lambda: inside(widget.tree))

    # Close the day: Ctrl+K, the signed report in the preview, Esc.
    with qtbot.waitSignal(widget.dayClosed, timeout=30000) as closed:
        press(qtbot, Qt.Key_K, Qt.ControlModifier)
    assert closed.args[0].signed
    qtbot.waitUntil(lambda: widget.preview is not None and widget.preview.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: inside(widget.preview))
    assert "02/03/2026" in widget.preview.windowTitle()
    qtbot.waitUntil(lambda: widget.report is not None and widget.report.closed, timeout=20000)
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not widget.preview.isVisible())
    with desk.sessions() as session:
        assert session.get(DayClose, DAY).state == "closed"

    # An edit of the closed day is refused in the core.
    with pytest.raises(DayClosedError, match="đã khoá sổ"):
        lifecycle.forward(desk, clerk, paid_code)

    # Reopen with a reason: Ctrl+Shift+R, type, Enter — audited.
    qtbot.waitUntil(lambda: inside(widget.tree))
    press(qtbot, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible() and inside(widget.dialog))
    type_text(widget.dialog.edit, "Chuyển hồ sơ nhầm, cần sửa")
    with qtbot.waitSignal(widget.reportShown, timeout=20000) as shown:
        press(qtbot, Qt.Key_Return)
    assert not shown.args[0].closed
    with desk.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "day.reopen"))
        assert entry is not None and entry.username == "lan.tran"
    lifecycle.forward(desk, clerk, paid_code)   # allowed again
    QApplication.processEvents()


def test_the_supervisor_signs_in_to_the_day_workspace_and_sees_days_left_open(
        qtbot, desk, clerk, supervisor, tasks, page_files, fixed_clock):
    from tests.test_gui_dossier_book import open_window

    fixed_clock(MORNING)
    _file(desk, clerk, page_files[:1], 5, "Đỗ Văn Lâm")
    fixed_clock(datetime(2026, 3, 3, 8, 0))   # the next morning: Monday was never closed
    window = open_window(qtbot, desk, tasks, supervisor)
    day = window.supervisor_day
    assert day is not None and window.reception is None
    qtbot.keyClick(focused(), Qt.Key_F2)
    qtbot.waitUntil(lambda: inside(day.date_edit))
    qtbot.waitUntil(lambda: day.open_days == [DAY] and day.open_days_label.isVisible(), timeout=10000)
    assert "02/03/2026" in day.open_days_label.text()


def test_indicators_of_the_month_with_formula_chart_and_dossiers_behind_by_keyboard(
        qtbot, desk, clerk, supervisor, tasks, page_files, fixed_clock):
    from ui.supervisor_day import SupervisorDay

    fixed_clock(MORNING)
    codes = [_file(desk, clerk, page_files[:1], 5, "Đỗ Văn Lâm"), _file(desk, clerk, page_files[:1], 9, "Lê Thị Hoa")]
    fixed_clock(EVENING)
    widget = SupervisorDay(desk, tasks, supervisor)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.focus_start()
    qtbot.waitUntil(lambda: inside(widget.date_edit))
    press(qtbot, Qt.Key_I, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.indicators_dialog is not None and inside(widget.indicators_dialog.start_edit))
    dialog = widget.indicators_dialog
    with qtbot.waitSignal(dialog.computed, timeout=20000) as computed:
        press(qtbot, Qt.Key_Return)
    report = computed.args[0]
    assert report.start == date(2026, 3, 1) and report.end == DAY
    assert dialog.table.rowCount() == len(report.indicators) == 8
    assert "đúng hạn" in dialog.table.item(0, 3).text()
    qtbot.waitUntil(lambda: dialog.chart.pixmap() is not None and not dialog.chart.pixmap().isNull(), timeout=20000)
    # The dossiers behind «digitisation of inputs» (row 5): ↓ four times, Enter.
    qtbot.waitUntil(lambda: inside(dialog.table))
    for _ in range(4):
        press(qtbot, Qt.Key_Down)
    assert dialog.table.currentRow() == 4
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.codes_dialog is not None and dialog.codes_dialog.isVisible())
    listing = dialog.codes_dialog.findChild(QListWidget)
    qtbot.waitUntil(lambda: inside(listing))
    assert sorted(listing.item(i).text() for i in range(listing.count())) == sorted(codes)
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.codes_dialog.isVisible())
    qtbot.waitUntil(lambda: inside(dialog.table))
    press(qtbot, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_tracking_book_of_the_day_by_keyboard(qtbot, desk, clerk, supervisor, tasks, page_files, fixed_clock):
    from ui.supervisor_day import SupervisorDay

    fixed_clock(MORNING)
    code = _file(desk, clerk, page_files[:1], 5, "Đỗ Văn Lâm")
    fixed_clock(EVENING)
    widget = SupervisorDay(desk, tasks, supervisor)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.focus_start()
    qtbot.waitUntil(lambda: inside(widget.date_edit))
    press(qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible() and inside(widget.dialog))
    press(qtbot, Qt.Key_Return)
    qtbot.waitUntil(lambda: widget.preview is not None and widget.preview.isVisible(), timeout=20000)
    assert "02/03/2026" in widget.preview.windowTitle()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(widget.preview.pdf_path).pages)
    assert code in text.replace("\n", " ") or code.split("-")[-1] in text
    with desk.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "form.export")
                               .order_by(AuditEntry.id.desc()))
        assert entry.details["form"] == "tracking-book" and entry.username == "lan.tran"
