"""The audit viewer: who read or changed which citizen's data, filtered by user, citizen ID, action and period,
exported (CSV, xlsx, PDF) for a data-protection request; only supervisors and administrators see it, and the
viewing is itself in the log (by citizen row id, never by ID number)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.cli import main
from desk_app.eforms.id_card import CardReading
from desk_app.security.roles import PermissionDeniedError
from desk_app.services import dossier_book
from desk_app.services.audit_log import AuditFilter, AuditQueryError, export, search_audit
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.registry import CitizenRegistry
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import AuditEntry


MORNING = datetime(2026, 3, 2, 9, 0)
DAO_ID, LAM_ID = "038185000123", "079085004321"
SUPERVISOR_PASSWORD = "giám-sát-nhật-ký-5678"


@pytest.fixture
def supervisor(desk, admin):
    create_user(desk.sessions, "lan.tran", "Trần Thị Lan", "supervisor", SUPERVISOR_PASSWORD, created_by=admin)
    return sign_in(desk.sessions, "lan.tran", SUPERVISOR_PASSWORD)


@pytest.fixture
def second_clerk(desk, admin):
    create_user(desk.sessions, "minh.le", "Lê Văn Minh", "clerk", "Phố-cổ-Hội-An-2468", created_by=admin)
    return sign_in(desk.sessions, "minh.le", "Phố-cổ-Hội-An-2468")


@pytest.fixture
def processed(desk, clerk, second_clerk, page_files, fixed_clock):
    """Đặng Thị Hồng Đào's card read and her dossier filed by one clerk, then opened by the other; Đỗ Văn
    Lâm's dossier filed on the same morning."""
    fixed_clock(MORNING)
    CitizenRegistry(desk.sessions, clerk).upsert_from_card(CardReading(
        source="qr", id_number=DAO_ID, full_name="Đặng Thị Hồng Đào", dob=date(1985, 1, 1), gender="Nữ",
        place_of_residence="Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa", issue_date=date(2022, 5, 10)))
    dao = IntakeSession(procedure_code="2.000884", applicant_name="Đặng Thị Hồng Đào", applicant_id_number=DAO_ID,
                        pages=store_pages(desk, page_files[:1])).finish(desk, clerk, at=MORNING).code
    lam = IntakeSession(procedure_code="2.000884", applicant_name="Đỗ Văn Lâm", applicant_id_number=LAM_ID,
                        pages=store_pages(desk, page_files[:1])).finish(desk, clerk, at=MORNING.replace(minute=5)).code
    fixed_clock(MORNING.replace(hour=10))
    dossier_book.show(desk, second_clerk, dao)
    return dao, lam


def test_everything_processed_about_one_citizen_and_nothing_about_another(desk, supervisor, processed, clerk):
    dao, lam = processed
    result = search_audit(desk, supervisor, AuditFilter(citizen_id=DAO_ID))
    actions = {(r.username, r.action) for r in result.rows}
    assert ("tuyet.nguyen", "dossier.accept") in actions           # filed
    assert ("minh.le", "dossier.view") in actions                   # read by the other clerk
    assert any(r.entity == "citizen" and r.username == "tuyet.nguyen" for r in result.rows)   # card read
    assert all(lam not in (r.entity_id, r.concerns) for r in result.rows)
    assert result.citizen_dossiers == [dao]
    assert [r.seq for r in result.rows] == sorted((r.seq for r in result.rows), reverse=True)   # newest first

    # Filters by user, action family and period narrow it down.
    by_minh = search_audit(desk, supervisor, AuditFilter(username="minh.le", citizen_id=DAO_ID))
    assert {r.action for r in by_minh.rows} == {"dossier.view"}
    views = search_audit(desk, supervisor, AuditFilter(action="dossier.", start=date(2026, 3, 2), end=date(2026, 3, 2)))
    assert {r.action for r in views.rows} >= {"dossier.accept", "dossier.view"}
    assert not search_audit(desk, supervisor, AuditFilter(citizen_id=DAO_ID, start=date(2026, 3, 3))).rows

    # The viewing itself is audited, naming the citizen by row id and never by ID number.
    with desk.sessions() as session:
        seen = session.scalars(select(AuditEntry).where(AuditEntry.action == "audit.view")).all()
    assert seen and seen[0].username == "lan.tran" and seen[0].entity == "citizen"
    assert all(DAO_ID not in f"{row.entity_id} {row.details}" for row in seen)

    with pytest.raises(PermissionDeniedError):
        search_audit(desk, clerk, AuditFilter(citizen_id=DAO_ID))
    with pytest.raises(AuditQueryError, match="12 chữ số"):
        search_audit(desk, supervisor, AuditFilter(citizen_id="03818500"))


def test_export_for_a_data_protection_request(desk, supervisor, processed, tmp_path):
    dao, _ = processed
    for name in ("nhật ký Đào.csv", "nhật ký Đào.xlsx", "nhật ký Đào.pdf"):
        path, result = export(desk, supervisor, AuditFilter(citizen_id=DAO_ID), tmp_path / name)
        assert path.exists() and result.rows
    csv_text = (tmp_path / "nhật ký Đào.csv").read_text("utf-8-sig")
    assert dao in csv_text and "minh.le" in csv_text and "Xem hồ sơ" in csv_text
    sheet = load_workbook(tmp_path / "nhật ký Đào.xlsx").active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(dao == v for v in values) and any("Đầu chuỗi nhật ký" in str(v) for v in values)
    pdf_text = "".join(page.extract_text() for page in PdfReader(tmp_path / "nhật ký Đào.pdf").pages)
    assert dao in pdf_text and "minh.le" in pdf_text
    with desk.sessions() as session:
        assert session.scalar(select(AuditEntry).where(AuditEntry.action == "audit.export")) is not None
    with pytest.raises(AuditQueryError, match=".csv"):
        export(desk, supervisor, AuditFilter(citizen_id=DAO_ID), tmp_path / "nhật ký.doc")


def test_cli_audit_log_by_citizen(desk, supervisor, processed, capsys, monkeypatch, tmp_path):
    import json

    dao, lam = processed
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    assert main(["audit", "log", "--citizen", DAO_ID, "--json", "--user", "lan.tran"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {r["action"] for r in out["rows"]} >= {"dossier.accept", "dossier.view"}
    assert out["citizen_dossiers"] == [dao]
    pdf = tmp_path / "trích xuất.pdf"
    assert main(["audit", "log", "--citizen", DAO_ID, "--out", str(pdf), "--user", "lan.tran"]) == 0
    assert pdf.exists()
    assert main(["audit", "log", "--citizen", "12ab", "--user", "lan.tran"]) != 0
    assert "12 chữ số" in capsys.readouterr().err


def test_viewer_by_keyboard_finds_the_citizen_and_exports(qtbot, desk, supervisor, processed, tasks, tmp_path,
                                                          monkeypatch):
    from PySide6.QtCore import Qt

    from tests.test_gui_dossier_book import focused, inside
    from ui.audit_viewer import AuditViewer

    dao, lam = processed
    widget = AuditViewer(desk, tasks, supervisor)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.focus_start()
    qtbot.waitUntil(lambda: inside(widget.citizen_edit))
    assert widget.start_edit.date().toPython() == date(2026, 1, 1)   # this year so far, by default
    qtbot.keyClicks(focused(), DAO_ID)
    with qtbot.waitSignal(widget.searched, timeout=20000) as searched:
        qtbot.keyClick(focused(), Qt.Key_Return)
    result = searched.args[0]
    assert {r.action for r in result.rows} >= {"dossier.accept", "dossier.view"}
    qtbot.waitUntil(lambda: inside(widget.table))
    shown = [widget.table.item(r, 5).text() for r in range(widget.table.rowCount())]
    assert dao in shown and all(lam not in s for s in shown)
    assert dao in widget.status.text()

    # Back to the filters: only what minh.le did.
    qtbot.keyClick(widget.table, Qt.Key_L, Qt.ControlModifier)      # Ctrl+L: back to the filters
    qtbot.waitUntil(lambda: inside(widget.citizen_edit))
    qtbot.keyClick(focused(), Qt.Key_Tab)
    assert inside(widget.user_edit)
    qtbot.keyClicks(focused(), "minh.le")
    with qtbot.waitSignal(widget.searched, timeout=20000) as searched:
        qtbot.keyClick(focused(), Qt.Key_Return)
    assert {r.action for r in searched.args[0].rows} == {"dossier.view"}

    target = tmp_path / "yêu cầu Đào.pdf"
    monkeypatch.setattr(widget, "ask_export_path", lambda: str(target))
    with qtbot.waitSignal(widget.exported, timeout=20000):
        qtbot.keyClick(focused(), Qt.Key_E, Qt.ControlModifier)
    assert target.exists() and target.read_bytes().startswith(b"%PDF")
