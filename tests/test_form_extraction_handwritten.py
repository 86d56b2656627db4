"""What the declaration reader puts back into handwritten values (issue 14 §3): lost commas and the
province's level word of a residence, the date a signing place swallowed, the closed answer sets."""

from __future__ import annotations

import pytest

from scanning.form_extraction import (
    ExtractionResult,
    _closed_set,
    _fix_address,
    _specs,
    _split_swallowed_date,
)


@pytest.mark.parametrize("read, expected", [
    ("Xóm Chùa Xã Ea Kar, tịnh Thái Nguyên", "Xóm Chùa, Xã Ea Kar, tỉnh Thái Nguyên"),
    ("Tổ 6 khu phố Bình Minh, Xã Hương Trà Thành phố Cận Thơ",
     "Tổ 6 khu phố Bình Minh, Xã Hương Trà, Thành phố Cần Thơ"),
    ("Thôn 4 Phuòng Lộc Hà Tỉnh Hà Tĩnh", "Thôn 4, Phường Lộc Hà, Tỉnh Hà Tĩnh"),
    # A commune named like the level word stays: only the word before a catalogue province is one.
    ("Xã Tịnh Biên tinh An Giang", "Xã Tịnh Biên, tỉnh An Giang"),
    ("Ấp Tân Quý, Xã Tam Đa, Thành phố Hà Nội", "Ấp Tân Quý, Xã Tam Đa, Thành phố Hà Nội"),
    ("Ấp Tân Quý XãVin Châu tnh Cao Bằng", "Ấp Tân Quý, Xã Vin Châu, tỉnh Cao Bằng"),    # glued, level word short
    ("Thôn 4, Xã Thái Bình inh Tuên Quang", "Thôn 4, Xã Thái Bình, tỉnh Tuyên Quang"),  # province a letter off
    ("Xã Phú Lương, Phường Xa", "Xã Phú Lương, Phường Xa"),       # "Xa" is a name here, not a level
    ("Thộn Đồng Lạc, Xã, Bảo Lạc, tỉnh Thanh Hóa", "Thộn Đồng Lạc, Xã Bảo Lạc, tỉnh Thanh Hóa"),
])
def test_a_residence_gets_its_commas_and_province_level_back(read, expected):
    assert _fix_address(read, separate=True) == expected


def test_only_residences_are_split_at_level_words():
    # A birthplace "Trạm y tế xã Yên Thường" has no comma before its "xã".
    assert _fix_address("Trạm y tế xã Yên Thường") == "Trạm y tế xã Yên Thường"
    assert _fix_address("Trạm y tế xã Yên Thường", separate=True) == "Trạm y tế xã Yên Thường"


@pytest.mark.parametrize("place", ["Xã Thạch Thất, ngày 24 tháng 11 năm 2026",
                                   "Xã Thạch Thất ngày 24 tháng, 11 năm. 2026",
                                   "Xã Thạch Thất này. 24.tháng. 11.năm.2026",      # "ngày" misread
                                   "Xã Thạch Thấtngày 24 khán 11 năm 2026"])        # glued, "tháng" misread
def test_a_signing_place_that_swallowed_the_date_is_split_and_both_stay_unsure(place):
    result = ExtractionResult(values={"signed_at": place}, confidence={"signed_at": 0.5},
                              sure={"signed_at": False})
    _split_swallowed_date(_specs("1.000656"), result)
    assert result.values["signed_at"] == "Xã Thạch Thất"
    assert result.values["signed_date"] == "ngày 24 tháng 11 năm 2026"
    assert result.sure["signed_at"] is False and result.sure["signed_date"] is False
    assert result.confidence["signed_date"] < 0.85


def test_a_place_without_a_date_is_left_alone():
    result = ExtractionResult(values={"signed_at": "Xã Thạch Thất"}, confidence={"signed_at": 0.9},
                              sure={"signed_at": True})
    _split_swallowed_date(_specs("1.000656"), result)
    assert result.values == {"signed_at": "Xã Thạch Thất"} and result.sure["signed_at"] is True


def test_closed_answer_sets_come_from_the_form_schema():
    specs = {s.key: s for s in _specs("1.001193")}
    genders, complete = _closed_set(specs["child_gender"])
    assert set(genders) == {"Nam", "Nữ"} and complete
    ethnic, complete = _closed_set(specs["mother_ethnicity"])
    assert len(ethnic) == 54 and "Ê Đê" in ethnic and complete
    nations, complete = _closed_set(specs["father_nationality"])
    assert "Việt Nam" in nations and not complete      # a foreign parent's nationality is written too
    assert _closed_set(specs["child_name"]) == ([], False)


@pytest.mark.parametrize("read, expected, ok", [
    ("Ủy ban nhận dân Xã Chợ Gạo", "Ủy ban nhân dân Xã Chợ Gạo", True),
    ("Ủy kan nhân dận Xâ Thạch Thất", "Ủy ban nhân dân Xã Thạch Thất", True),
    ("UBND Xã Bảo Lạc", "UBND Xã Bảo Lạc", True),
    ("ủanaink", "ủanaink", False),       # nothing like the agency's name: left as read, unsure
])
def test_the_addressee_gets_the_agency_wording_back(read, expected, ok):
    from scanning.form_extraction import _normalise

    spec = {s.key: s for s in _specs("1.001193")}["addressee"]
    assert _normalise(spec.schema, read, spec.marker) == (expected, ok)


def test_a_place_ending_in_y_is_not_taken_for_a_misread_ngay():
    result = ExtractionResult(values={"signed_at": "Xã Kiến Thụy 24 tháng 11 năm 2026"},
                              confidence={"signed_at": 0.5}, sure={"signed_at": False})
    _split_swallowed_date(_specs("1.000656"), result)
    assert result.values["signed_at"] == "Xã Kiến Thụy"


@pytest.mark.parametrize("read, expected", [(") Ủy ban nhân dân Xã Quỳnh Phụ", "Ủy ban nhân dân Xã Quỳnh Phụ"),
                                            ("3) Ủy ban nhân dân Xã Quỳnh Phụ", "Ủy ban nhân dân Xã Quỳnh Phụ"),
                                            ("Bản Lướt:, Xã Đông Sơn", "Bản Lướt, Xã Đông Sơn"),
                                            # a speck read as a quote mark or an apostrophe
                                            ("“Thôn Đồng Lạc, Xã Lộc Hà", "Thôn Đồng Lạc, Xã Lộc Hà"),
                                            ("do Cục Cảnh sát QLHC về T'TXH cấp", "do Cục Cảnh sát QLHC về TTXH cấp"),
                                            # leader dots typed over, read as a lone colon or a full stop
                                            ("QLHC về : TTXH cấp ngày. 23/09/2025", "QLHC về TTXH cấp ngày 23/09/2025"),
                                            ("từ ngày 25/03/2001. đến ngày 08/05/2011", "từ ngày 25/03/2001 đến ngày 08/05/2011"),
                                            ("CCCD số 081195568603do Cục", "CCCD số 081195568603 do Cục"),
                                            ("CCCD số 016190520716do_ Cục", "CCCD số 016190520716 do Cục"),
                                            ("Số 12A đường Lê Lợi", "Số 12A đường Lê Lợi"),
                                            ("Số 12 Tp. 5", "Số 12 Tp. 5")])
def test_what_is_left_of_a_marker_or_a_stray_colon_is_cleaned_off(read, expected):
    from scanning.form_extraction import _clean_value

    assert _clean_value(read) == expected
