"""The pre-fill engine as the counter uses it: who the applicant is to the subject, the declaration read by
OCR (sure values fill, unsure ones only suggest), the app clock, and where each value came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk_app.eforms.id_card import CardReading
from desk_app.eforms.prefill import PrefillInputs, gather_inputs, prefill
from desk_app.services.eform_prefill import extraction_inputs, prefill_for_applicant, schema_for

SETTINGS = {"agency_name": "Ủy ban nhân dân xã Hòa An", "place_name": "Hòa An"}
MOTHER = CardReading(source="qr", id_number="038190004567", full_name="Lê Thị Thu Trang", dob=date(1990, 9, 2),
                     gender="Nữ", place_of_residence="Thôn Yên Vực, xã Hòa An, Thanh Hóa",
                     issue_date=date(2022, 6, 15))
FATHER = CardReading(source="qr", id_number="038088001234", full_name="Phạm Văn Bình", dob=date(1988, 1, 5),
                     gender="Nam", place_of_residence="Thôn Đông, xã Hòa An, Thanh Hóa")


def _fill(card, procedure="1.001193", **kw):  # noqa: ANN001, ANN003
    return prefill(procedure, PrefillInputs(card=card, settings=SETTINGS, today=date(2026, 11, 30), **kw))


def test_a_mother_registering_her_child_fills_the_mothers_fields():
    result = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ"})
    values = result.values()
    assert values["mother_name"] == "Lê Thị Thu Trang"
    assert values["mother_id_number"] == "038190004567"
    assert values["mother_residence"] == "Thôn Yên Vực, xã Hòa An, Thanh Hóa"
    assert values["mother_birth_year"] == "1990"
    assert "father_name" not in values
    assert result.fields["mother_name"].origin_label == "Thẻ CCCD (mã QR)"


def test_a_father_fills_the_fathers_fields():
    values = _fill(FATHER, clerk={"declarant_relationship": "Cha"}).values()
    assert values["father_name"] == "Phạm Văn Bình" and values["father_id_number"] == "038088001234"
    assert "mother_name" not in values


def test_the_relationship_is_suggested_from_the_applicants_gender_and_must_be_confirmed():
    result = _fill(MOTHER)
    relationship = result.fields["declarant_relationship"]
    assert relationship.value == "Mẹ" and relationship.needs_review
    assert relationship.origin_label == "Theo quan hệ"
    assert result.values()["mother_name"] == "Lê Thị Thu Trang"
    # The clerk says otherwise: the mother's fields are no longer the applicant's.
    grandmother = _fill(MOTHER, clerk={"declarant_relationship": "Bà"}).values()
    assert "mother_name" not in grandmother


def test_the_childs_residence_defaults_to_the_mothers_then_the_fathers():
    result = _fill(MOTHER, procedure="3.000722", clerk={"declarant_relationship": "Mẹ"})
    assert result.values()["child_residence"] == "Thôn Yên Vực, xã Hòa An, Thanh Hóa"
    assert result.fields["child_residence"].origin_label == "Theo quan hệ"
    by_father = _fill(FATHER, procedure="3.000722", clerk={"declarant_relationship": "Cha"})
    assert by_father.values()["child_residence"] == "Thôn Đông, xã Hòa An, Thanh Hóa"


def test_declaration_values_sure_fill_and_unsure_only_suggest():
    extraction = {"child_name": ("Phạm Minh An", 0.96, True), "child_dob": ("02/11/2026", 0.93, False),
                  "child_birthplace": ("Bệnh viện Đa khoa tỉnh Thanh Hóa", 0.97)}
    result = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ"}, extraction=extraction)
    name, dob, place = (result.fields[k] for k in ("child_name", "child_dob", "child_birthplace"))
    assert (name.value, name.needs_review, name.origin_label) == ("Phạm Minh An", False, "Tờ khai (OCR)")
    # An unsure reading is shown, yellow, never taken silently — however high its score.
    assert dob.value == "02/11/2026" and dob.needs_review and dob.confidence <= 0.6
    assert result.fields["child_dob_words"].needs_review
    assert place.value.startswith("Bệnh viện") and not place.needs_review


def test_a_value_the_clerk_typed_is_kept_and_the_others_stay_as_alternatives():
    result = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ", "mother_residence": "Xóm 3, xã Hòa An"})
    residence = result.fields["mother_residence"]
    assert (residence.value, residence.source, residence.origin_label) == ("Xóm 3, xã Hòa An", "clerk", "Nhập tay")
    assert [c.value for c in residence.alternatives] == ["Thôn Yên Vực, xã Hòa An, Thanh Hóa"]
    assert residence.alternatives[0].origin_label == "Thẻ CCCD (mã QR)"


def test_the_declaration_date_comes_from_the_app_clock(fixed_clock):
    fixed_clock(datetime(2027, 1, 4, 8, 0))
    result = prefill("1.001193", PrefillInputs(card=MOTHER, settings=SETTINGS))
    assert result.fields["signed_date"].value == "ngày 4 tháng 1 năm 2027"


@dataclass
class _Known:
    value: str
    source: str
    recorded_at: datetime
    source_ref: str = ""


@dataclass
class _Record:
    id_number: str
    values: dict = field(default_factory=dict)


class _Registry:
    def __init__(self, records):  # noqa: ANN001
        self.records = records

    def get(self, number):  # noqa: ANN001, ANN201
        return self.records.get(number)

    def documents_for_reuse(self, number, on=None):  # noqa: ANN001, ANN201
        return []


def test_registry_and_earlier_dossiers_are_named_as_sources(fixed_clock):
    fixed_clock(datetime(2026, 11, 30, 9, 0))
    earlier = datetime(2026, 5, 2, 10, 0)
    registry = _Registry({"038190004567": _Record("038190004567", {
        "ethnicity": _Known("Kinh", "previous_dossier", earlier, "H22.15-260502-0003"),
        "hometown": _Known("xã Hòa An, Thanh Hóa", "provincial", earlier)})})
    inputs = gather_inputs(registry, "1.001193", card=MOTHER, clerk={"declarant_relationship": "Mẹ"},
                           settings=SETTINGS)
    assert inputs.today == date(2026, 11, 30)
    result = prefill("1.001193", inputs)
    assert result.values()["mother_ethnicity"] == "Kinh"
    assert result.fields["mother_ethnicity"].origin_label == "Hồ sơ trước"


def test_extraction_inputs_reads_the_reader_result_in_its_shapes():
    @dataclass
    class Result:
        values: dict
        confidence: dict
        sure: dict | None = None

    @dataclass
    class Value:
        value: str
        confidence: float
        sure: bool

    assert extraction_inputs(Result({"a": "x", "b": "y"}, {"a": 0.95, "b": 0.5})) == {
        "a": ("x", 0.95, True), "b": ("y", 0.5, False)}
    assert extraction_inputs(Result({"a": "x"}, {"a": 0.99}, {"a": False})) == {"a": ("x", 0.99, False)}
    assert extraction_inputs({"a": Value("x", 0.7, True), "b": ("", 0.9, True)}) == {"a": ("x", 0.7, True)}
    assert extraction_inputs(None) == {}


def test_prefill_for_applicant_takes_typed_values_and_the_declaration(desk, clerk, fixed_clock):
    fixed_clock(datetime(2026, 11, 30, 9, 0))
    schema = schema_for("1.001193")
    result = prefill_for_applicant(desk, clerk, schema, MOTHER, {}, typed={"declarant_relationship": "Mẹ",
                                                                            "not_a_field": "x"},
                                   extraction={"child_name": ("Phạm Minh An", 0.95, True)})
    values = result.values()
    assert values["declarant_relationship"] == "Mẹ" and "not_a_field" not in values
    assert values["mother_name"] == "Lê Thị Thu Trang" and values["child_name"] == "Phạm Minh An"
    assert values["signed_date"] == "ngày 30 tháng 11 năm 2026"


def test_with_one_parent_known_the_child_follows_that_parent_as_a_suggestion():
    result = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ"})
    nationality = result.fields["child_nationality"]
    assert nationality.value == "Việt Nam" and nationality.needs_review
    both = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ", "father_nationality": "Việt Nam"})
    assert both.fields["child_nationality"].value == "Việt Nam"
    assert not both.fields["child_nationality"].needs_review
    differ = _fill(MOTHER, clerk={"declarant_relationship": "Mẹ", "father_nationality": "Lào"})
    assert "child_nationality" not in differ.fields   # parents differ: the clerk asks them
