"""The chip read as a desk use case: permission, registry, audit (never the data or the photo), ``desk-app read-chip``."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk_app.cli import main
from desk_app.security.roles import PermissionDeniedError
from desk_app.services.chip_reading import read_chip_card
from desk_app.services.registry import CitizenRegistry
from desk_app.storage.models import AuditEntry
from scanning.id_card.chip.errors import TamperedDataError
from tests.chip_issuer import MOTHER, chip_image, make_authority
from tests.chip_pcsc import chip_reader  # noqa: F401 - fixture
from tests.conftest import CLERK_PASSWORD


@pytest.fixture(scope="module")
def authority():
    return make_authority()


def _audit(desk, action: str) -> list[AuditEntry]:
    with desk.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_chip_read_fills_the_card_reading_and_is_audited_without_personal_data(desk, clerk, chip_reader,  # noqa: F811
                                                                                authority):
    chip_reader.insert(chip_image(MOTHER, authority))
    (desk.folder / "csca").mkdir()
    (desk.folder / "csca" / "csca-vn.pem").write_bytes(authority.csca_pem())
    reading = read_chip_card(desk, clerk, "\n".join(MOTHER.mrz_lines()))

    assert reading.source == "chip"
    assert (reading.full_name, reading.id_number, reading.old_id) == ("Nguyễn Thị Hương", "001190012345", "172345678")
    assert (reading.father_name, reading.mother_name, reading.spouse_name) == (
        "Nguyễn Văn Thắng", "Lê Thị Lựu", "Trần Đức Mạnh")
    assert reading.authentication["status"] == "verified" and reading.warnings == []
    assert reading.face_image[:3] == b"\xff\xd8\xff"
    assert CitizenRegistry(desk.sessions, clerk).get("001190012345").full_name == "Nguyễn Thị Hương"

    rows = _audit(desk, "citizen.chip_read")
    assert len(rows) == 1 and rows[0].username == "tuyet.nguyen"
    stored = json.dumps({"id": rows[0].entity_id, **rows[0].details}, ensure_ascii=False)
    for private in ("Hương", "001190012345", "Thắng", "Lựu", "Mạnh", "Hoàng Hoa Thám"):
        assert private not in stored
    assert rows[0].details["authentication"] == "verified"
    # The photo is only in memory: nothing of it in the data folder.
    jpeg_head = reading.face_image[:64]
    assert not any(jpeg_head in p.read_bytes() for p in desk.folder.rglob("*") if p.is_file()
                   and p.stat().st_size < 50_000_000)


def test_a_role_without_reception_cannot_read_the_chip(desk, admin, chip_reader, authority):  # noqa: F811
    from desk_app.services.users import create_user, sign_in

    create_user(desk.sessions, "giam.sat", "Phạm Văn Giám", "supervisor", CLERK_PASSWORD, created_by=admin)
    supervisor = sign_in(desk.sessions, "giam.sat", CLERK_PASSWORD)
    chip_reader.insert(chip_image(MOTHER, authority))
    with pytest.raises(PermissionDeniedError):
        read_chip_card(desk, supervisor, "\n".join(MOTHER.mrz_lines()))
    assert _audit(desk, "citizen.chip_read") == []


def test_tampered_chip_is_refused_and_the_refusal_audited(desk, clerk, chip_reader, authority):  # noqa: F811
    chip_reader.insert(chip_image(MOTHER, authority, tamper_dg13=True))
    with pytest.raises(TamperedDataError):
        read_chip_card(desk, clerk, "\n".join(MOTHER.mrz_lines()))
    assert CitizenRegistry(desk.sessions, clerk).get("001190012345") is None
    assert [r.details["reason"] for r in _audit(desk, "citizen.chip_refused")] == ["TamperedDataError"]


def test_read_chip_command_prints_read_id_fields_with_source_chip(desk, clerk_user, chip_reader, authority,  # noqa: F811
                                                                   monkeypatch, capsys):
    chip_reader.insert(chip_image(MOTHER, authority))
    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    assert main(["read-chip", "--user", "tuyet.nguyen", "--mrz", "001190012345, 12/03/1990, 12/03/2030",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "chip"
    assert data["full_name"] == "Nguyễn Thị Hương" and data["dob"] == "1990-03-12" and data["gender"] == "Nữ"
    assert data["place_of_residence"].startswith("Số 12 ngõ 5")
    assert (data["issue_date"], data["expiry_date"], data["old_id"]) == ("2021-04-20", "2030-03-12", "172345678")
    assert data["mother_name"] == "Lê Thị Lựu" and data["spouse_name"] == "Trần Đức Mạnh"
    assert data["authentication"]["status"] == "no_csca"
    assert "chữ ký chưa được xác minh với CSCA" in data["authentication"]["message"]
    assert "chữ ký chưa được xác minh với CSCA" in data["warnings"][0]


def test_read_chip_command_with_a_wrong_key_says_so(desk, clerk_user, chip_reader, authority, monkeypatch,  # noqa: F811
                                                   capsys):
    chip_reader.insert(chip_image(MOTHER, authority))
    monkeypatch.setenv("DESK_APP_PASSWORD", CLERK_PASSWORD)
    assert main(["read-chip", "--user", "tuyet.nguyen", "--mrz", "001190012345, 12/03/1990, 12/03/2031"]) == 2
    assert "từ chối khóa truy cập" in capsys.readouterr().err
    assert main(["read-chip", "--user", "tuyet.nguyen", "--mrz", "ABC"]) == 2
    assert "ba dòng MRZ" in capsys.readouterr().err


def test_prefill_from_the_mothers_chip_names_the_father_from_her_spouse_for_review():
    from datetime import date

    from desk_app.eforms.prefill import PrefillInputs, prefill
    from desk_app.services.chip_reading import ChipCardReading

    chip = ChipCardReading(source="chip", id_number="001190012345", full_name="Nguyễn Thị Hương", dob=date(1990, 3, 12),
                           gender="Nữ", place_of_residence="Số 12 ngõ 5 phố Hoàng Hoa Thám, phường Ngọc Hà, Hà Nội",
                           issue_date=date(2021, 4, 20), mrz_valid=True, ethnicity="Kinh",
                           father_name="Nguyễn Văn Thắng", mother_name="Lê Thị Lựu", spouse_name="Trần Đức Mạnh")
    result = prefill("1.001193", PrefillInputs(card=chip, clerk={"declarant_relationship": "Mẹ"}))
    mother, father = result.fields["mother_name"], result.fields["father_name"]
    assert (mother.value, mother.confidence, mother.needs_review) == ("Nguyễn Thị Hương", 0.999, False)
    assert mother.origin == "cccd_chip"
    assert result.fields["mother_id_number"].value == "001190012345"
    assert (father.value, father.needs_review) == ("Trần Đức Mạnh", True)   # presumed father: the clerk confirms
    # The holder's own parents are the child's grandparents: never put in the parents' fields.
    assert "Nguyễn Văn Thắng" not in result.values().values() and "Lê Thị Lựu" not in result.values().values()
