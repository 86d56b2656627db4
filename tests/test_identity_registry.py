"""Citizen registry: provenance per value, diacritic-insensitive search, reusable documents, reuse flags."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_app.eforms.id_card import CardReading
from desk_app.services.registry import CitizenRegistry, RegistryError


@pytest.fixture
def registry(desk, clerk):
    return CitizenRegistry(desk.sessions, clerk)


def _card(**overrides):
    data = {"source": "qr", "id_number": "038185000123", "full_name": "Đặng Thị Hồng Đào", "dob": date(1985, 1, 1),
            "gender": "Nữ", "place_of_residence": "Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa",
            "issue_date": date(2022, 5, 10)}
    data.update(overrides)
    return CardReading(**data)


def test_card_read_creates_citizen_with_provenance(registry):
    record = registry.upsert_from_card(_card(), at=datetime(2026, 3, 1, 9, 0))
    assert record.full_name == "Đặng Thị Hồng Đào"
    assert record.dob == date(1985, 1, 1)
    name = record.values["full_name"]
    assert (name.source, name.recorded_at) == ("id_card", datetime(2026, 3, 1, 9, 0))
    assert "10/05/2022" in name.source_ref


def test_later_values_win_and_history_is_kept(registry):
    registry.upsert_from_card(_card(), at=datetime(2025, 1, 5, 8, 0))
    registry.record_values("038185000123", {"ethnicity": "Kinh", "hometown": "Xã Hải Yến"}, "previous_dossier",
                           source_ref="H22.15-250105-0001", at=datetime(2025, 1, 5, 8, 30))
    record = registry.record_values("038185000123", {"place_of_residence": "Số 12 đường Lê Lợi, Phường Đông Ngạc"},
                                    "clerk", at=datetime(2026, 2, 1, 10, 0))
    assert record.place_of_residence == "Số 12 đường Lê Lợi, Phường Đông Ngạc"
    assert [v.source for v in record.history["place_of_residence"]] == ["id_card", "clerk"]
    assert record.values["ethnicity"].source_ref == "H22.15-250105-0001"
    # Same day: the clerk outranks older automatic sources, the card outranks a previous dossier.
    record = registry.record_values("038185000123", {"place_of_residence": "Thôn cũ"}, "previous_dossier",
                                    at=datetime(2026, 2, 1, 11, 0))
    assert record.place_of_residence == "Số 12 đường Lê Lợi, Phường Đông Ngạc"


def test_search_ignores_diacritics_and_d_bar(registry):
    registry.upsert_from_card(_card())
    registry.upsert_from_card(_card(id_number="001099012345", full_name="Nguyễn Văn An", dob=date(1999, 3, 15),
                                    gender="Nam"))
    assert [r.id_number for r in registry.search("dang thi hong dao")] == ["038185000123"]
    assert [r.id_number for r in registry.search("ĐẶNG")] == ["038185000123"]
    assert [r.id_number for r in registry.search("van an")] == ["001099012345"]  # without the surname
    assert [r.id_number for r in registry.search("001099012345")] == ["001099012345"]
    assert [r.id_number for r in registry.search("0010990")] == ["001099012345"]  # ID prefix
    assert [r.id_number for r in registry.search(dob="1985-01-01")] == ["038185000123"]
    assert registry.search("nguyen", dob=date(1985, 1, 1)) == []
    assert registry.get("001 099 012 345").full_name == "Nguyễn Văn An"


def test_old_cmnd_lookup_and_invalid_numbers(registry):
    registry.upsert_from_card(_card(old_id="123456789"))
    assert registry.get("123456789").id_number == "038185000123"
    with pytest.raises(RegistryError):
        registry.record_values("12AB", {"full_name": "X"}, "clerk")
    with pytest.raises(RegistryError):
        registry.record_values("038185000123", {"full_name": "X"}, "hearsay")


def test_bulk_insert_then_search(registry, desk, admin):
    rows = [{"id_number": f"0011990{n:05d}", "full_name": f"Trần Văn Bình {n}", "dob": date(1990, 1, 1 + n % 28),
             "gender": "Nam"} for n in range(300)]
    with pytest.raises(PermissionError):  # a clerk may not load the province's data
        registry.bulk_insert(rows)
    assert CitizenRegistry(desk.sessions, admin).bulk_insert(rows) == 300
    assert len(registry.search("tran van binh", limit=50)) == 50
    record = registry.get("001199000007")
    assert record.values["full_name"].source == "provincial"


def test_documents_offered_for_reuse_with_validity_and_recorded_on_dossier(registry, desk, clerk, page_files):
    from desk_app.services.reception import IntakeRequest, accept_dossier, store_pages

    registry.upsert_from_card(_card())
    cert = registry.add_document("038185000123", "marriage_certificate", "Giấy chứng nhận kết hôn", number="12/2024",
                                 issuer="UBND xã Hải Yến", issued_on=date(2024, 6, 1), permanent=True,
                                 is_result=True, dossier_code="H22.15-240601-0003",
                                 fields={"persons": {"wife": {"full_name": "Đặng Thị Hồng Đào"}}})
    expired = registry.add_document("038185000123", "marital_status", "Giấy xác nhận tình trạng hôn nhân",
                                    issued_on=date(2025, 1, 1), valid_until=date(2025, 7, 1))
    offered = registry.documents_for_reuse("038185000123", on=date(2026, 3, 1))
    assert [d.id for d in offered] == [cert]
    assert offered[0].fields["persons"]["wife"]["full_name"] == "Đặng Thị Hồng Đào"
    assert [d.valid_on_date for d in registry.documents_for_reuse("038185000123", on=date(2026, 3, 1),
                                                                   include_expired=True)] == [True, False]

    pages = store_pages(desk, page_files[:1])
    accepted = accept_dossier(desk, clerk, IntakeRequest(procedure_code="1.001193", applicant_name="Đặng Thị Hồng Đào",
                                                         applicant_id_number="038185000123", pages=pages, outside_hours_reason="kiểm thử tự động: chạy được cả ngoài giờ"))
    from sqlalchemy import select

    from desk_app.storage.db import transaction
    from desk_app.storage.models import Dossier

    with transaction(desk.sessions) as session:
        dossier_id = session.scalar(select(Dossier.id).where(Dossier.code == accepted.code))
    registry.record_reuse(dossier_id, cert, "TP4", on=date(2026, 3, 1), user_id=clerk.id)
    assert registry.reuse_flags(dossier_id) == [{
        "MaThanhPhanHoSo": "TP4", "TenTepDinhKem": "Giấy chứng nhận kết hôn", "DuocSoHoa": 1, "DuocTaiSuDung": 1,
        "DuocLayTuKhoDMQG": 0, "MaKetQuaThayThe": "12/2024"}]
    with pytest.raises(RegistryError, match="hết hiệu lực"):
        registry.record_reuse(dossier_id, expired, on=date(2026, 3, 1))
