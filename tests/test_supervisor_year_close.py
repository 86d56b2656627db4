"""Year-end close of the tracking book and the quarterly report: after the close the year's rows are frozen
(nothing dated in that year is accepted, later steps do not change the book, a row edited behind the app's
back is named), the closing line and the closer's name are in the signed book, and it is audited; the
quarterly report comes as .xlsx and PDF with the monthly report's figures."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from desk_app.cli import main
from desk_app.domain.status import DossierStatus
from desk_app.services import lifecycle
from desk_app.services.day_close import DayClosedError, close_book_year, verify_book_year
from desk_app.storage.db import transaction
from desk_app.storage.models import AuditEntry, Dossier, User
from tests.test_reconciliation import MORNING, SUPERVISOR_PASSWORD, _file, supervisor  # noqa: F401 - fixture


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_year_end_close_freezes_the_book(desk, clerk, supervisor, page_files, fixed_clock, tmp_path,  # noqa: F811
                                         capsys, monkeypatch):
    from desk_app.services.intake import IntakeSession, store_pages

    fixed_clock(MORNING)
    first, second = _file(desk, clerk, page_files[:1], 5), _file(desk, clerk, page_files[:1], 10)
    with pytest.raises(DayClosedError, match="sau ngày 31/12/2026"):
        close_book_year(desk, supervisor, 2026)

    fixed_clock(datetime(2027, 1, 5, 8, 0))
    result = close_book_year(desk, supervisor, 2026, tmp_path / "sổ theo dõi 2026.pdf")
    assert (result.row_count, result.last_sequence) == (2, 2) and result.signed   # training certificate
    text = _text(result.pdf_path)
    assert "Sổ khóa ngày 05/01/2027" in text and "Trần Thị Lan" in text and first in text and second in text
    with desk.sessions() as session:
        row = session.scalar(select(AuditEntry).where(AuditEntry.action == "book.close_year"))
    assert row.username == "lan.tran" and row.entity_id == "2026" and row.details["rows"] == 2
    with pytest.raises(DayClosedError, match="đã khóa"):
        close_book_year(desk, supervisor, 2026)

    # Nothing dated in 2026 is accepted any more …
    late_filing = IntakeSession(procedure_code="2.000884", applicant_name="Phạm Thị Hương",
                                applicant_id_number="001190001234", pages=store_pages(desk, page_files[:1]))
    with pytest.raises(DayClosedError, match="năm 2026 đã khóa"):
        late_filing.finish(desk, clerk, at=datetime(2026, 12, 30, 9, 0))
    # … a 2026 dossier handled in 2027 goes on, and the frozen book still holds.
    with transaction(desk.sessions) as session:
        user = session.scalar(select(User).where(User.username == "tuyet.nguyen"))
        dossier = session.scalar(select(Dossier).where(Dossier.code == first))
        lifecycle.move(session, dossier, user, DossierStatus.PROCESSING, at=datetime(2027, 1, 5, 9, 0),
                       event="forward")
    assert verify_book_year(desk, supervisor, 2026) == []

    # A book row changed behind the app's back is named, and the command says so with its exit code.
    with desk.sessions.begin() as session:
        session.scalar(select(Dossier).where(Dossier.code == second)).applicant_name = "Đỗ Văn Lâm (sửa)"
    assert verify_book_year(desk, supervisor, 2026) == [second]
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    assert main(["day", "verify-year", "--year", "2026", "--user", "lan.tran"]) == 4
    assert second in capsys.readouterr().out


def test_quarterly_report_as_spreadsheet_and_pdf(desk, clerk, supervisor, page_files, fixed_clock, tmp_path,  # noqa: F811
                                                 capsys, monkeypatch):
    fixed_clock(MORNING)
    codes = [_file(desk, clerk, page_files[:1], 5), _file(desk, clerk, page_files[:1], 10)]
    fixed_clock(datetime(2026, 4, 2, 9, 0))
    monkeypatch.setenv("DESK_APP_PASSWORD", SUPERVISOR_PASSWORD)
    pdf, xlsx = tmp_path / "báo cáo quý 1.pdf", tmp_path / "báo cáo quý 1.xlsx"
    assert main(["report", "quarterly", "--quarter", "2026-Q1", "--out", str(pdf), "--user", "lan.tran"]) == 0
    assert main(["report", "quarterly", "--quarter", "2026-Q1", "--out", str(xlsx), "--user", "lan.tran"]) == 0
    text = _text(pdf)
    assert "QUÝ 1/2026" in text and "01/01/2026" in text and "31/03/2026" in text
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in text
    rows = list(load_workbook(xlsx)["Theo thủ tục"].iter_rows(min_row=3, values_only=True))
    assert sum(r[3] for r in rows[:-1]) == len(codes)
    assert main(["report", "monthly", "--month", "2026-03", "--out", str(tmp_path / "tháng 3.pdf"),
                 "--user", "lan.tran"]) == 0
    with pytest.raises(SystemExit):
        main(["report", "quarterly", "--quarter", "2026-Q5", "--out", str(pdf), "--user", "lan.tran"])
    assert "YYYY-Qn" in capsys.readouterr().err
    assert main(["report", "quarterly", "--quarter", "2026-Q1", "--out", str(tmp_path / "x.doc"),
                 "--user", "lan.tran"]) != 0
    assert ".xlsx hoặc .pdf" in capsys.readouterr().err


def test_year_end_close_from_the_supervisors_day_by_keyboard(qtbot, desk, clerk, supervisor, page_files,  # noqa: F811
                                                             fixed_clock):
    from PySide6.QtCore import Qt

    from tests.test_gui_dossier_book import focused, inside
    from ui.supervisor_day import SupervisorDay
    from ui.tasks import TaskRunner

    fixed_clock(MORNING)
    code = _file(desk, clerk, page_files[:1], 5)
    fixed_clock(datetime(2027, 1, 4, 8, 0))
    tasks = TaskRunner()
    try:
        widget = SupervisorDay(desk, tasks, supervisor)
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        qtbot.waitExposed(widget)
        widget.focus_start()
        qtbot.waitUntil(lambda: inside(widget.date_edit))
        qtbot.keyClick(focused(), Qt.Key_Y, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: widget.dialog is not None and widget.dialog.isVisible()
                        and inside(widget.dialog.edit))
        assert widget.dialog.edit.text() == "2026"          # last year, ready to confirm
        qtbot.keyClick(focused(), Qt.Key_Return)
        qtbot.waitUntil(lambda: widget.preview is not None and widget.preview.isVisible(), timeout=30000)
        text = _text(widget.preview.pdf_path)
        assert "Sổ khóa ngày 04/01/2027" in text and code in text
        qtbot.waitUntil(lambda: inside(widget.preview))
        qtbot.keyClick(focused(), Qt.Key_Escape)
        qtbot.waitUntil(lambda: not widget.preview.isVisible())
        qtbot.waitUntil(lambda: inside(widget.tree))
    finally:
        tasks.wait_idle()
    with desk.sessions() as session:
        assert session.scalar(select(AuditEntry.username).where(AuditEntry.action == "book.close_year")) == "lan.tran"


def test_the_book_names_who_signed_for_the_result(desk, clerk, supervisor, page_files, fixed_clock,  # noqa: F811
                                                  tmp_path):
    from desk_app.services.forms import FormRequest, write_form
    from tests.test_reconciliation import _finish

    fixed_clock(MORNING)
    code = _file(desk, clerk, page_files[:1], 5)
    _finish(desk, code, datetime(2026, 3, 2, 11, 0))
    fixed_clock(datetime(2026, 3, 2, 15, 0))
    lifecycle.return_result(desk, clerk, code, receiver_name="Đỗ Văn Lâm", receiver_id_number="079085004321",
                            collect_fee=True)
    path = write_form(desk, FormRequest("tracking-book", start=date(2026, 3, 2), end=date(2026, 3, 2)),
                      tmp_path / "sổ ngày.pdf", who=supervisor)
    text = " ".join(_text(path).split())
    assert "Đã ký nhận kết quả: Đỗ Văn Lâm, 02/03/2026 15:00" in text
    fixed_clock(datetime(2027, 1, 4, 8, 0))
    closed = close_book_year(desk, supervisor, 2026, tmp_path / "sổ năm.pdf")
    assert "Đã ký nhận kết quả: Đỗ Văn Lâm" in " ".join(_text(closed.pdf_path).split())
    assert verify_book_year(desk, supervisor, 2026) == []
