"""QĐ 766 figures: the sync record and the reuse figure tell the truth about reused documents: a component filled by a
document digitised in an earlier dossier goes to the province with DuocTaiSuDung true (and counts as reuse),
the other files of the same dossier stay false; the dashboard works out the chosen figure and draws it."""

from datetime import date, datetime

from sqlalchemy import select

from desk_app.eforms.id_card import CardReading
from desk_app.services.indicators import indicators
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.payments import confirm_payment, open_payment
from desk_app.services.registry import CitizenRegistry
from desk_app.services.users import create_user, sign_in
from desk_app.storage.db import transaction
from desk_app.storage.models import Dossier, DossierComponent, Page
from sync import protocol

MORNING = datetime(2026, 3, 2, 9, 0)


def _card():
    return CardReading(source="qr", id_number="038185000123", full_name="Đặng Thị Hồng Đào", dob=date(1985, 1, 1),
                       gender="Nữ", place_of_residence="Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa",
                       issue_date=date(2022, 5, 10))


def test_reused_component_is_sent_reused_and_counted(desk, clerk, admin, page_files, fixed_clock):
    fixed_clock(MORNING)
    registry = CitizenRegistry(desk.sessions, clerk)
    registry.upsert_from_card(_card())
    cert = registry.add_document("038185000123", "marriage_certificate", "Giấy chứng nhận kết hôn", number="12/2024",
                                 issuer="UBND xã Hải Yến", issued_on=date(2024, 6, 1), permanent=True,
                                 is_result=True, dossier_code="H22.15-240601-0003")
    outcome = IntakeSession(procedure_code="2.000884", applicant_name="Đặng Thị Hồng Đào",
                            applicant_id_number="038185000123", applicant_address="Thôn Kim Lũ, xã Hải Yến",
                            pages=store_pages(desk, page_files[:2])).finish(desk, clerk, at=MORNING)
    with transaction(desk.sessions) as session:   # the two pages belong to two components
        dossier = session.scalar(select(Dossier).where(Dossier.code == outcome.code))
        pages = session.scalars(select(Page).where(Page.dossier_id == dossier.id).order_by(Page.position)).all()
        for position, (page, code) in enumerate(zip(pages, ("TP1", "TP4")), start=1):
            component = DossierComponent(dossier_id=dossier.id, position=position, component_code=code,
                                         name=f"Thành phần {code}")
            session.add(component)
            session.flush()
            page.component_id = component.id
        dossier_id = dossier.id
    registry.record_reuse(dossier_id, cert, "TP4", on=date(2026, 3, 2))

    with desk.sessions() as session:
        dossier = session.get(Dossier, dossier_id)
        files = {f["MaThanhPhanHoSo"]: f for f in protocol.dossier_record(dossier)["TaiLieuNop"]}
    assert files["TP4"]["DuocTaiSuDung"] is True
    assert files["TP4"]["MaKetQuaThayThe"] == "12/2024"      # a result of an earlier dossier replaces the paper
    assert files["TP4"]["DuocLayTuKhoDMQG"] is False
    assert files["TP1"]["DuocTaiSuDung"] is False and files["TP1"]["MaKetQuaThayThe"] == ""
    with desk.sessions() as session:
        assert protocol.dossier_record(session.get(Dossier, dossier_id))["DuocThanhToanTrucTuyen"] == "0"
    payment = open_payment(desk, clerk, outcome.code, "transfer")      # the fee paid by VietQR transfer
    confirm_payment(desk, clerk, payment.id, "FT2606112345")
    with desk.sessions() as session:
        assert protocol.dossier_record(session.get(Dossier, dossier_id))["DuocThanhToanTrucTuyen"] == "1"

    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", "giám-sát-ngày-5678", created_by=admin)
    supervisor = sign_in(desk.sessions, "lan.tran", "giám-sát-ngày-5678")
    reuse = indicators(desk, supervisor, date(2026, 3, 1), date(2026, 3, 31)).get("reuse")
    assert (reuse.numerator, reuse.denominator, reuse.codes) == (1, 1, [outcome.code])


def test_dashboard_works_out_the_chosen_figure_and_draws_it(qtbot, desk, clerk, admin, page_files, fixed_clock,
                                                           tmp_path, monkeypatch):
    """Keyboard: ↓ to another figure, its formula with its numbers follows, the chart is redrawn for it."""
    from PySide6.QtCore import Qt

    from tests.test_gui_dossier_book import focused, inside
    from ui.supervisor_indicators import IndicatorsDialog
    from ui.tasks import TaskRunner

    fixed_clock(MORNING)
    IntakeSession(procedure_code="2.000884", applicant_name="Đặng Thị Hồng Đào", applicant_id_number="038185000123",
                  pages=store_pages(desk, page_files[:1])).finish(desk, clerk, at=MORNING)
    tasks = TaskRunner()
    try:
        dialog = IndicatorsDialog(desk, tasks, admin)
        qtbot.addWidget(dialog)
        dialog.set_period(date(2026, 3, 1), date(2026, 3, 31))
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        dialog.start_edit.setFocus()
        qtbot.waitUntil(lambda: inside(dialog.start_edit))
        with qtbot.waitSignal(dialog.computed, timeout=20000):
            qtbot.keyClick(focused(), Qt.Key_Return)
        qtbot.waitUntil(lambda: inside(dialog.table))
        assert dialog.formula.text().startswith("Tỷ lệ hồ sơ giải quyết đúng hạn = ")
        while dialog.report.indicators[dialog.table.currentRow()].key != "digitised_input":
            qtbot.keyClick(focused(), Qt.Key_Down)
        assert "hồ sơ có ít nhất một trang quét lưu trữ / hồ sơ tiếp nhận trong kỳ = 1 / 1 = 100.00 %" \
            in dialog.formula.text()
        qtbot.waitUntil(lambda: dialog._chart_wanted[1] == "digitised_input" and not dialog._drawing
                        and dialog._chart_job is None and not dialog.chart.pixmap().isNull(), timeout=20000)

        # Ctrl+S: the month's report, as a spreadsheet and as PDF.
        for name in ("báo cáo tháng 3.xlsx", "báo cáo tháng 3.pdf"):
            target = tmp_path / name
            monkeypatch.setattr(dialog, "ask_report_path", lambda target=target: str(target))
            with qtbot.waitSignal(dialog.saved, timeout=20000):
                qtbot.keyClick(focused(), Qt.Key_S, Qt.ControlModifier)
            assert target.exists() and target.stat().st_size > 1000
        assert inside(dialog.table)
    finally:
        tasks.wait_idle()
