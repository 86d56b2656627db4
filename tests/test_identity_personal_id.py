"""12-digit personal ID: layout, province catalogue, century/sex digit and birth year; old CMND."""

from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.personal_id import (
    KIND_OLD_CMND,
    KIND_PERSONAL_ID,
    check_id,
    gender_from_id,
    province_codes,
)


def test_catalogue_has_63_pre_merger_provinces_with_three_digit_codes():
    codes = province_codes()
    assert len(codes) == 63
    assert codes["001"] == "Thành phố Hà Nội"
    assert codes["079"] == "Thành phố Hồ Chí Minh"
    assert codes["038"] == "Tỉnh Thanh Hóa"
    assert all(len(code) == 3 and code.isdigit() for code in codes)


def test_domain_example_decodes():
    result = check_id("001099012345", date(1999, 3, 15), "Nam")
    assert result.ok
    assert result.kind == KIND_PERSONAL_ID
    assert result.province == "Thành phố Hà Nội"
    assert (result.birth_century, result.birth_year, result.gender) == (1900, 1999, "Nam")


@pytest.mark.parametrize("number, year, gender", [
    ("038185000123", 1985, "Nữ"), ("079203001234", 2003, "Nam"), ("001305000001", 2005, "Nữ"),
    ("096450000001", 2150, "Nam"),
])
def test_century_and_gender_digit(number, year, gender):
    result = check_id(number)
    assert result.ok and result.birth_year == year and result.gender == gender
    assert gender_from_id(number) == gender


def test_inconsistent_birth_year_and_sex_are_reported_in_vietnamese():
    result = check_id("001099012345", date(1998, 3, 15), "Nữ")
    assert not result.ok
    assert any("Năm sinh 1998" in p for p in result.problems)
    assert any("Giới tính" in p for p in result.problems)


def test_unknown_province_code():
    result = check_id("003099012345")
    assert not result.ok
    assert "003" in result.problems[0]


def test_spaces_and_dots_are_ignored_and_there_is_no_checksum():
    assert check_id("001 099 012 345").ok
    # Any six trailing digits are acceptable: the number has no check digit.
    assert all(check_id(f"001099{n:06d}").ok for n in (0, 1, 999999, 424242))


def test_old_cmnd_and_garbage():
    assert check_id("123456789").kind == KIND_OLD_CMND
    assert check_id("123456789").ok
    assert check_id("12345").kind is None
    assert check_id("00109901234X").kind is None
