"""Receiving a paper dossier: code, due date, fee, audit, outbox — one transaction, with clear errors."""

import unicodedata
from datetime import datetime

import pytest
from sqlalchemy import func, select

from desk_app.desk import Desk
from desk_app.config import Settings
from desk_app.security.roles import PermissionDeniedError
from desk_app.services.dossier_book import received_on
from desk_app.services.reception import IntakeError, IntakeRequest, accept_dossier, store_pages
from desk_app.services.users import create_user, sign_in
from desk_app.storage.models import AuditEntry, Dossier, OutboxItem, StatusChange

FRIDAY_BEFORE_TET = datetime(2026, 2, 13, 9, 0)


def _request(desk, page_files, **overrides) -> IntakeRequest:
    fields = dict(procedure_code="1.004222", applicant_name="Phạm Quốc Đạt", applicant_id_number="038096001234",
                  applicant_address="Thôn Đông, xã Hòa An, tỉnh Đắk Lắk", applicant_phone="0912 345 678",
                  pages=store_pages(desk, page_files),
                  outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ")
    fields.update(overrides)
    return IntakeRequest(**fields)


def test_accepting_issues_code_due_date_across_tet_and_book_entry(desk, clerk, page_files):
    accepted = accept_dossier(desk, clerk, _request(desk, page_files), received_at=FRIDAY_BEFORE_TET)
    # Desk 1's offline block starts at 5001; agency id from the settings.
    assert accepted.code == "000.00.00.H99-260213-5001"
    # 7 working days = 56 h: Fri 13/02 gives 6 h, Tết 14–22/02 is off, Mon 23/02–Mon 02/03 give 48 h,
    # the last 2 h on Tue 03/03 from 07:00.
    assert accepted.due_at == datetime(2026, 3, 3, 9, 0)
    assert accepted.fee_amount == 20_000  # đăng ký thường trú, in person
    assert (accepted.book_year, accepted.book_sequence) == (2026, 1)

    second = accept_dossier(desk, clerk, _request(desk, page_files, applicant_name="Đặng Thị Mỹ Linh"),
                            received_at=FRIDAY_BEFORE_TET.replace(hour=10))
    assert second.code == "000.00.00.H99-260213-5002" and second.book_sequence == 2


def test_one_transaction_writes_dossier_pages_history_audit_and_outbox(desk, clerk, page_files):
    accepted = accept_dossier(desk, clerk, _request(desk, page_files), received_at=FRIDAY_BEFORE_TET)
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.code))
        assert [p.position for p in dossier.pages] == [1, 2]
        assert dossier.status == 2 and dossier.channel == 1
        assert [c.name for c in dossier.components]  # the catalog's required papers
        assert session.scalar(select(func.count()).select_from(StatusChange)) == 1
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.accept")).one()
        assert audit.entity_id == accepted.code and audit.username == "tuyet.nguyen"
        assert "Phạm" not in str(audit.details)  # no personal data in the audit details
        outbox = session.scalars(select(OutboxItem)).one()
        assert outbox.dossier_id == dossier.id and outbox.state == "ready" and len(outbox.idempotency_key) == 32


def test_same_day_procedure_after_the_cutoff_is_due_next_working_day(desk, clerk, page_files):
    # Copy certification: same day, or next working day when received after 15:00; 5 pages = 2×2.000 + 3×1.000.
    accepted = accept_dossier(desk, clerk, _request(desk, page_files, procedure_code="2.000815", fee_pages=5),
                              received_at=datetime(2026, 4, 29, 15, 30))
    # Wed 29/04 after 15:00 → Thu 30/04 and Fri 01/05 are holidays → Mon 04/05 close of day.
    assert accepted.due_at == datetime(2026, 5, 4, 17, 0)
    assert accepted.fee_amount == 7_000


def test_names_are_stored_in_nfc_and_searchable_without_diacritics(desk, clerk, page_files):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    accepted = accept_dossier(desk, clerk, _request(desk, page_files, applicant_name=decomposed),
                              received_at=FRIDAY_BEFORE_TET)
    with desk.sessions() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == accepted.code))
    assert dossier.applicant_name == "Nguyễn Thị Ánh Tuyết"
    assert dossier.applicant_name_folded == "nguyen thi anh tuyet"


def test_bad_input_is_refused_with_every_problem_listed_and_nothing_saved(desk, clerk, page_files):
    with pytest.raises(IntakeError) as info:
        accept_dossier(desk, clerk, _request(desk, page_files, applicant_name="  ", applicant_id_number="12345",
                                             applicant_phone="abc", pages=[]))
    message = str(info.value)
    assert "họ và tên" in message and "12 chữ số" in message and "điện thoại" in message and "số hóa" in message
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Dossier)) == 0
        assert session.scalar(select(func.count()).select_from(OutboxItem)) == 0


def test_supervisor_may_not_receive_but_postal_staff_may(desk, admin, clerk, page_files):
    create_user(desk.sessions, "giamsat", "Hoàng Văn Thái", "supervisor", "Trăng-rằm-tháng-Tám-1234", admin)
    create_user(desk.sessions, "buudien", "Vũ Thị Thu Hà", "postal", "Mưa-rào-mùa-hạ-1234", admin)
    supervisor = sign_in(desk.sessions, "giamsat", "Trăng-rằm-tháng-Tám-1234")
    postal = sign_in(desk.sessions, "buudien", "Mưa-rào-mùa-hạ-1234")
    with pytest.raises(PermissionDeniedError):
        accept_dossier(desk, supervisor, _request(desk, page_files), received_at=FRIDAY_BEFORE_TET)
    accepted = accept_dossier(desk, postal, _request(desk, page_files, channel=3), received_at=FRIDAY_BEFORE_TET)
    assert accepted.code.endswith("-5001")


def test_two_desks_offline_on_the_same_day_never_issue_the_same_code(tmp_path, page_files):
    codes = []
    for desk_number in (1, 2):
        folder = tmp_path / f"Quầy {desk_number}"
        desk = Desk.open(folder, Settings(agency_id="000.00.12.H56", desk_number=desk_number))
        create_user(desk.sessions, "canbo", "Lê Thị Hạnh", "admin", "Cây-đa-đầu-làng-1234")
        user = sign_in(desk.sessions, "canbo", "Cây-đa-đầu-làng-1234")
        for _ in range(3):
            codes.append(accept_dossier(desk, user, _request(desk, page_files),
                                        received_at=FRIDAY_BEFORE_TET).code)
        desk.close()
    assert len(set(codes)) == 6
    assert codes[0].endswith("-5001") and codes[3].endswith("-5501")


def test_todays_list_shows_dossiers_of_that_day_only(desk, clerk, page_files):
    accept_dossier(desk, clerk, _request(desk, page_files), received_at=FRIDAY_BEFORE_TET)
    accept_dossier(desk, clerk, _request(desk, page_files, applicant_name="Bùi Minh Châu"),
                   received_at=datetime(2026, 2, 23, 8, 0))
    assert [d.applicant for d in received_on(desk, clerk, FRIDAY_BEFORE_TET.date())] == ["Phạm Quốc Đạt"]


def test_spooled_pages_are_archived_in_order_with_the_clerks_rotation(desk, page_files):
    from dataclasses import replace

    from scanning.capture.base import CapturedPage
    from scanning.file_import import read_page_images
    from desk_app.services.reception import store_spooled_pages

    batch = desk.spool.open_batch("file")
    spooled = []
    for path in page_files:
        page = read_page_images(path)[0]
        spooled.append(batch.add_page(CapturedPage(page.data, page.media_type, page.width, page.height,
                                                   page.dpi, page.source_name)))
    spooled[1] = replace(spooled[1], rotation=90, blank=True)
    stored = store_spooled_pages(desk, spooled)
    assert stored[0].sha256 == spooled[0].sha256  # untouched page keeps its captured bytes
    assert (stored[1].width, stored[1].height) == (spooled[1].height, spooled[1].width)
    assert stored[1].media_type == "image/png" and stored[1].blank
    assert all(desk.archive.exists(p.sha256) for p in stored)
