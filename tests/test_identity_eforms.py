"""E-form schemas, validation, derived values and the pre-fill engine."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk_app.eforms.derive import date_in_words, id_doc_text, parse_date
from desk_app.eforms.id_card import CardReading
from desk_app.eforms.prefill import (
    PrefillInputs,
    gather_inputs,
    prefill,
    prefill_share_for_returning_citizen,
)
from desk_app.eforms.schema import FormSchemaError, available_procedures, load_schema

BIRTH_KEYS = ["addressee", "declarant_name", "declarant_residence", "declarant_id_doc", "declarant_relationship", "child_name", "child_dob", "child_dob_words", "child_gender", "child_ethnicity", "child_nationality", "child_birthplace", "child_hometown", "mother_name", "mother_birth_year", "mother_ethnicity", "mother_nationality", "mother_id_number", "mother_residence", "father_name", "father_birth_year", "father_ethnicity", "father_nationality", "father_id_number", "father_residence", "signed_at", "signed_date", "copies_requested", "copies_count"]

CARD = CardReading(source="qr", id_number="038085001234", full_name="Lê Văn Đạt", dob=date(1985, 4, 2), gender="Nam",
                   place_of_residence="Thôn Kim Lũ, Xã Hải Yến, Huyện Tĩnh Gia, Thanh Hóa",
                   issue_date=date(2022, 5, 10))
SETTINGS = {"agency_name": "Ủy ban nhân dân xã Hải Yến", "place_name": "Hải Yến"}


def test_birth_registration_schema_has_exactly_the_issue_keys():
    schema = load_schema("1.001193")
    assert schema.keys == BIRTH_KEYS
    assert schema.title == "Tờ khai đăng ký khai sinh"


def test_four_procedures_have_schemas():
    assert set(available_procedures()) >= {"1.001193", "1.000656", "1.000894", "1.004873"}
    with pytest.raises(FormSchemaError):
        load_schema("9.999999")


def test_validation_messages():
    schema = load_schema("1.001193")
    problems = schema.validate({"child_dob": "31/02/2026", "mother_birth_year": "85", "father_id_number": "003099012345",
                                "child_gender": "Không rõ", "copies_count": "50", "child_name": "Bé 2"})
    assert "dd/mm/yyyy" in problems["child_dob"]
    assert "4 chữ số" in problems["mother_birth_year"]
    assert "003" in problems["father_id_number"]
    assert "Nam" in problems["child_gender"]
    assert "0–20" in problems["copies_count"]
    assert "chữ số" in problems["child_name"]
    assert problems["declarant_name"].startswith("Chưa nhập")


def test_derived_values():
    assert date_in_words(date(2026, 4, 15)) == "Ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi sáu"
    assert date_in_words(date(2025, 1, 1)) == "Ngày một tháng một năm hai nghìn không trăm hai mươi lăm"
    assert parse_date("7/3/2026") == date(2026, 3, 7) and parse_date("2026-03-07") == date(2026, 3, 7)
    assert parse_date("30/02/2026") is None
    assert id_doc_text("038085001234", date(2022, 5, 10)) == "Căn cước công dân số 038085001234, cấp ngày 10/05/2022"


def test_card_of_father_fills_declarant_and_father_fields():
    result = prefill("1.001193", PrefillInputs(card=CARD, clerk={"declarant_relationship": "Cha",
                                                                 "child_dob": "15/04/2026"},
                                               settings=SETTINGS, today=date(2026, 4, 20)))
    values = result.values()
    assert values["declarant_name"] == values["father_name"] == "Lê Văn Đạt"
    assert values["father_birth_year"] == "1985"
    assert values["father_id_number"] == "038085001234"
    assert values["father_residence"] == values["declarant_residence"]
    assert values["declarant_id_doc"].startswith("Căn cước công dân số 038085001234")
    assert values["child_dob_words"] == "Ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi sáu"
    assert values["addressee"] == "Ủy ban nhân dân xã Hải Yến"
    assert values["signed_date"] == "ngày 20 tháng 4 năm 2026"
    assert result.fields["father_name"].source == "id_card"
    assert "mã QR" in result.fields["father_name"].provenance
    assert "mother_name" in result.missing


def test_clerk_values_are_never_overwritten_and_conflicts_go_to_review():
    clerk = {"declarant_relationship": "Cha", "father_name": "Lê Văn Đạt Em"}
    extraction = {"declarant_residence": ("Thôn Kim Lũ, Xã Hải Yến", 0.95)}
    result = prefill("1.001193", PrefillInputs(card=CARD, clerk=clerk, extraction=extraction, settings=SETTINGS))
    assert result.fields["father_name"].value == "Lê Văn Đạt Em"
    assert result.fields["father_name"].source == "clerk"
    assert not result.fields["father_name"].needs_review
    residence = result.fields["declarant_residence"]
    assert residence.needs_review  # card and paper disagree, both confident
    assert residence.alternatives


def test_mrz_only_name_is_low_confidence_and_marked_for_review():
    mrz_card = CardReading(source="mrz", id_number="038085001234", full_name="LE VAN DAT", dob=date(1985, 4, 2),
                           gender="Nam", mrz_valid=True)
    result = prefill("1.001193", PrefillInputs(card=mrz_card, clerk={"declarant_relationship": "Cha"}))
    assert result.fields["declarant_name"].needs_review
    assert not result.fields["father_id_number"].needs_review


def test_gender_and_birth_year_derived_from_a_typed_id():
    result = prefill("1.004873", PrefillInputs(clerk={"declarant_relationship": "Bản thân",
                                                      "declarant_name": "Trần Thị Ngọc Ánh"}))
    assert "subject_gender" not in result.fields
    result = prefill("1.000656", PrefillInputs(clerk={"deceased_id_number": "038150004321"}))
    assert result.fields["deceased_gender"].value == "Nữ"


def test_registry_and_reused_marriage_certificate_fill_mother(desk, clerk):
    from desk_app.services.registry import CitizenRegistry

    registry = CitizenRegistry(desk.sessions, clerk)
    registry.upsert_from_card(CARD, at=datetime(2025, 3, 12, 9, 0))
    registry.record_values(CARD.id_number, {"ethnicity": "Kinh", "hometown": "Xã Hải Yến, Huyện Tĩnh Gia"},
                           "previous_dossier", source_ref="H22.15-250312-0004", at=datetime(2025, 3, 12, 9, 5))
    registry.add_document(CARD.id_number, "marriage_certificate", "Giấy chứng nhận kết hôn", number="12/2024",
                          permanent=True, dossier_code="H22.15-250312-0004", fields={"persons": {
                              "wife": {"full_name": "Trần Thị Ngọc Ánh", "birth_year": "1990", "ethnicity": "Kinh",
                                       "id_number": "038190004321"}}})
    inputs = gather_inputs(registry, "1.001193", card=CARD, clerk={"declarant_relationship": "Cha"},
                           settings=SETTINGS, today=date(2026, 4, 20))
    result = prefill("1.001193", inputs)
    values = result.values()
    assert values["mother_name"] == "Trần Thị Ngọc Ánh"
    assert result.fields["mother_name"].source == "reused_document"
    assert values["father_ethnicity"] == "Kinh" and result.fields["father_ethnicity"].source == "registry"
    assert values["child_ethnicity"] == "Kinh"  # both parents Kinh
    assert values["child_hometown"] == "Xã Hải Yến, Huyện Tĩnh Gia"


def test_prefill_share_report_covers_every_procedure():
    report = prefill_share_for_returning_citizen()
    assert set(report) >= {"1.001193", "1.000656", "1.000894", "1.004873"}
    assert report["1.001193"]["card_registry_documents"] > report["1.001193"]["card_only"] >= 0.2
