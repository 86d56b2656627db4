"""The dossier book: search by code / ID / name without diacritics / page text, one dossier whole, and the
overdue control — all permission-checked and audited without personal data."""

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.services import dossier_book as book
from desk_app.services import lifecycle
from desk_app.services.intake import IntakeSession, store_pages
from desk_app.services.users import sign_in
from desk_app.storage.models import AuditEntry

MONDAY = datetime(2026, 3, 2, 9, 0)


@pytest.fixture
def who(desk, clerk):
    from tests.conftest import CLERK_PASSWORD

    return sign_in(desk.sessions, "tuyet.nguyen", CLERK_PASSWORD)


def _file(desk, who, page_files, name, id_number, procedure="1.004222", at=MONDAY):
    return IntakeSession(procedure_code=procedure, applicant_name=name, applicant_id_number=id_number,
                         pages=store_pages(desk, page_files)).finish(desk, who, at=at)


def test_search_by_code_id_and_name_without_diacritics(desk, who, page_files):
    a = _file(desk, who, page_files, "Nguyễn Thị Ánh Tuyết", "001190012345")
    b = _file(desk, who, page_files, "Đặng Văn Đức", "038096001234")
    assert [r.code for r in book.search(desk, who, book.DossierQuery(a.code.lower()))] == [a.code]
    assert [r.code for r in book.search(desk, who, book.DossierQuery("038 096 001 234"))] == [b.code]
    hits = book.search(desk, who, book.DossierQuery("dang van duc"))
    assert [h.code for h in hits] == [b.code] and hits[0].matched == "name"
    assert [h.code for h in book.search(desk, who, book.DossierQuery("anh tuyet"))] == [a.code]
    by_status = book.search(desk, who, book.DossierQuery(statuses=(2,)))
    assert {h.code for h in by_status} == {a.code, b.code}
    assert book.search(desk, who, book.DossierQuery(received_from=MONDAY.date().replace(day=3))) == []
    with pytest.raises(book.BookQueryError):
        book.search(desk, who, book.DossierQuery(""))
    with desk.sessions() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.search")).all()
        assert len(rows) == 6 and all("duc" not in str(r.details).lower() for r in rows)


def test_search_finds_words_of_the_scanned_pages(desk, who, page_files):
    from desk_app.services.fulltext import index_page
    from desk_app.storage.models import Dossier, Page

    a = _file(desk, who, page_files, "Lê Văn Hùng", "001190012346")
    with desk.sessions() as session:
        page = session.scalar(select(Page).join(Dossier).where(Dossier.code == a.code))
    index_page(desk.sessions, text="GIẤY CHỨNG NHẬN QUYỀN SỬ DỤNG ĐẤT thửa số 127", file_sha256=page.file_sha256,
               page_id=page.id, dossier_id=page.dossier_id)
    hits = book.search(desk, who, book.DossierQuery("quyen su dung dat"))
    assert [h.code for h in hits] == [a.code] and hits[0].matched == "text" and "ĐẤT" in hits[0].snippet


def test_show_has_timeline_pages_and_allowed_actions(desk, who, page_files):
    a = _file(desk, who, page_files, "Trương Mỹ Lan", "001190012347")
    lifecycle.forward(desk, who, a.code)
    view = book.show(desk, who, a.code)
    assert [t.status for t in view.timeline if t.status] == [2, 4]
    assert len(view.pages) == 2 and view.pages[0].kind == "intake"
    assert view.actions == ("supplement", "apologize", "stop", "withdraw", "result")
    assert "receipt" in view.forms
    assert view.as_json()["code"] == a.code


def test_due_report_buckets(desk, who, page_files):
    # 1.004222: 7 working days. Received Mon 02/03 09:00 → due Wed 11/03 09:00.
    a = _file(desk, who, page_files, "Phan Văn Tài", "001190012348")
    b = _file(desk, who, page_files, "Hồ Thị Hạnh", "001190012349", at=datetime(2026, 3, 3, 9, 0))  # due 12/03
    c = _file(desk, who, page_files, "Vũ Đình Khang", "001190012350", at=datetime(2026, 3, 4, 9, 0))  # due 13/03
    lifecycle.request_supplement(desk, who, c.code, [{"component": "Tờ khai", "requirement": "Ký"}],
                                 at=datetime(2026, 3, 4, 10, 0))
    report = book.due_report(desk, who, at=datetime(2026, 3, 11, 10, 0))
    assert [i.code for i in report.overdue] == [a.code]
    assert [i.code for i in report.due_soon] == [b.code]
    assert [i.code for i in report.waiting_supplement] == [c.code]
    assert report.urgent == 2
    report = book.due_report(desk, who, at=datetime(2026, 3, 12, 7, 30))
    assert [i.code for i in report.due_today] == [b.code]
