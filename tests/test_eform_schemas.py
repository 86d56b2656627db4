"""Every e-form schema shipped in resources/forms: loads, is complete, names a procedure of the catalogue,
and survives a pre-fill round trip."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desk_app.eforms.id_card import CardReading
from desk_app.eforms.prefill import PrefillInputs, prefill
from desk_app.eforms.schema import FIELD_TYPES, SOURCES, available_procedures, load_schema
from desk_app.text import nfc
from resources import RESOURCES_DIR

FORMS = RESOURCES_DIR / "forms"
CATALOGUE = json.loads((RESOURCES_DIR / "catalog" / "sample-commune-procedures.json").read_text(encoding="utf-8"))
CATALOGUE_CODES = {record["MATTHC"]: record for record in CATALOGUE["result"]}
PROCEDURES = available_procedures()
SETTINGS = {"agency_name": "Ủy ban nhân dân xã Hòa An", "place_name": "Hòa An"}
CARD = CardReading(source="qr", id_number="038190004567", full_name="Lê Thị Thu Trang", dob=date(1990, 9, 2),
                   gender="Nữ", place_of_residence="Thôn Yên Vực, xã Hòa An, Thanh Hóa", issue_date=date(2022, 6, 15))
SAMPLE = {"text": "Nội dung thử", "name": "Phạm Văn Bình", "date": "12/10/2026", "year": "1988",
          "id_number": "038088001234", "gender": "Nam", "integer": "2"}


def _raw(procedure: str) -> dict:
    return json.loads(next(FORMS.glob(f"{procedure}_*.json")).read_text(encoding="utf-8"))


def test_twenty_procedures_across_the_four_areas_have_an_e_form():
    assert len(PROCEDURES) >= 20
    areas = {CATALOGUE_CODES[code]["LINHVUCTHUCHIEN"][0]["TENLINHVUC"] for code in PROCEDURES}
    assert {"Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú", "Bảo trợ xã hội"} <= areas


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_schema_is_complete_and_its_code_is_in_the_catalogue(procedure):
    schema = load_schema(procedure)
    raw = _raw(procedure)
    assert schema.procedure == procedure == raw["procedure"]
    assert procedure in CATALOGUE_CODES, "the procedure code must exist in the commune catalogue"
    assert schema.title and schema.title == nfc(schema.title)
    assert raw.get("form") and raw.get("source_note"), "say which official form the labels follow"
    keys = [item["key"] for item in raw["fields"]]
    assert len(keys) == len(set(keys))
    for item in raw["fields"]:
        # Every field says its label, type and whether it is required, in the file itself.
        assert item["label"].strip() and item["label"] == nfc(item["label"]), item["key"]
        assert item["type"] in FIELD_TYPES, item["key"]
        assert isinstance(item["required"], bool), item["key"]
        assert set(item["sources"]) <= SOURCES, item["key"]
        if item.get("person"):
            assert item["person"] in raw["persons"] and item.get("attr"), item["key"]
        if item.get("type") in ("gender", "choice"):
            assert item.get("options"), item["key"]
        derive = item.get("derive")
        if derive and derive.get("rule") == "desk_count":
            assert derive["from"] in ("pages", "copies"), item["key"]   # counts the counter knows
        elif derive and "from" in derive:
            sources = [derive["from"]] if isinstance(derive["from"], str) else derive["from"]
            for name in sources:
                assert name in keys or name.split("_", 1)[0] in raw["persons"], (item["key"], name)
    for rule in raw.get("same_person", []):
        assert rule["field"] in keys and set(rule["roles"]) <= set(raw["persons"])
    # Every field is shown under a heading (người yêu cầu, người được khai sinh, mẹ, cha, …).
    assert sum(len(specs) for _title, specs in schema.groups()) == len(schema.fields)


@pytest.mark.parametrize("procedure", PROCEDURES)
def test_prefill_round_trip(procedure):
    """Card + settings fill the form; the values typed back in are kept as they are and validate."""
    schema = load_schema(procedure)
    first = next(iter(schema.persons))
    result = prefill(schema, PrefillInputs(card=CARD, card_role=first, settings=SETTINGS, today=date(2026, 11, 30)))
    assert result.fields, "the card fills something on every form"
    name_keys = [s.key for s in schema.fields if s.person == first and s.attr == "full_name"]
    assert name_keys and result.fields[name_keys[0]].value == "Lê Thị Thu Trang"
    if "signed_date" in schema.keys:
        assert result.fields["signed_date"].value == "ngày 30 tháng 11 năm 2026"
    # Complete the form the way a clerk would, then feed everything back as typed.
    values = {k: f.value for k, f in result.fields.items()}
    for spec in schema.fields:
        if spec.key not in values or spec.key in result.problems:
            values[spec.key] = spec.options[0] if spec.options else SAMPLE[spec.type]
    assert schema.validate(values) == {}
    again = prefill(schema, PrefillInputs(card=CARD, card_role=first, clerk=values, settings=SETTINGS,
                                          today=date(2026, 11, 30)))
    assert again.values() == values
    assert not again.review_keys() and not again.missing and again.problems == {}


def test_a_broken_schema_file_gives_a_clear_message_and_the_counter_goes_on(tmp_path, monkeypatch):
    from desk_app.eforms import schema as schema_module
    from desk_app.eforms.schema import FormSchemaError
    from desk_app.services import eform_prefill

    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "9.000001_hong.json").write_text('{"procedure": "9.000001", "fields": [', encoding="utf-8")
    (forms / "9.000002_thieu.json").write_text('{"procedure": "9.000002", "fields": []}', encoding="utf-8")
    monkeypatch.setattr(schema_module, "RESOURCES_DIR", tmp_path)
    schema_module.load_schema.cache_clear()
    try:
        for code in ("9.000001", "9.000002"):
            with pytest.raises(FormSchemaError, match="bị lỗi, không dùng được"):
                load_schema(code)
            assert eform_prefill.schema_for(code) is None
    finally:
        schema_module.load_schema.cache_clear()
