"""TD1 MRZ: check digits, DOMAIN.md §5.3 worked example, confusion correction, reading card backs."""

from __future__ import annotations

import random
from datetime import date

import pytest

from scanning.id_card.mrz import (
    MrzNotFoundError,
    check_digit,
    format_td1,
    parse_td1,
    read_mrz,
)

EXAMPLE = ["IDVNM0990123459001099012345<<0", "9903159M2403155VNM<<<<<<<<<<<2", "NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<"]


def test_check_digits_731():
    assert check_digit("099012345") == "9"
    assert check_digit("001099012345") == "0"
    assert check_digit("990315") == "9"
    assert check_digit("240315") == "5"
    assert check_digit("<<<<<<") == "0"
    assert check_digit("AB<") == str((10 * 7 + 11 * 3) % 10)


def test_domain_worked_example_is_fully_valid():
    data = parse_td1(EXAMPLE)
    assert data.valid
    assert all(data.checks.values())
    assert data.id_number == "001099012345"
    assert data.document_number == "099012345"
    assert data.dob == date(1999, 3, 15)
    assert data.sex == "Nam"
    assert data.expiry == date(2024, 3, 15)
    assert data.full_name == "NGUYEN VAN AN"
    assert format_td1("001099012345", date(1999, 3, 15), "Nam", date(2024, 3, 15), "NGUYEN", "VAN AN") == EXAMPLE


def test_letter_digit_confusions_in_numeric_fields_are_corrected():
    ocr = ["IDVNMO99O12345900IO99OI2345<<O", "99O3I59M24O3I55VNM<<<<<<<<<<<2", "NGUYEN<<VAN<AN"]
    data = parse_td1(ocr)
    assert data.valid
    assert data.lines[:2] == tuple(EXAMPLE[:2])


@pytest.mark.parametrize("line, fixed_field", [
    (0, "số định danh"),  # 3 misread as 8 inside the 12-digit ID
    (1, "ngày hết hạn"),  # 5 misread as 8 in the expiry date
])
def test_digit_confusion_settled_by_check_digits(line, fixed_field):
    ocr = list(EXAMPLE)
    ocr[0] = ocr[0].replace("001099012345<<", "001099012845<<") if line == 0 else ocr[0]
    ocr[1] = ocr[1].replace("2403155", "2403185") if line == 1 else ocr[1]
    data = parse_td1(ocr)
    assert data.valid
    assert data.id_number == "001099012345" and data.expiry == date(2024, 3, 15)
    assert any(c.startswith(fixed_field) for c in data.corrections)


def test_unfixable_read_is_reported_invalid():
    ocr = list(EXAMPLE)
    ocr[1] = "9903169M2403155VNM<<<<<<<<<<<7"  # two fields wrong at once
    data = parse_td1(ocr)
    assert not data.valid
    assert not data.checks["composite"] or not data.checks["dob"]


def test_no_expiry_and_misread_fillers():
    lines = format_td1("046155001234", date(1955, 6, 1), "Nữ", None, "LE", "THI HOA")
    assert lines[1][7:15] == "F<<<<<<<"
    ocr = [lines[0], lines[1][:8] + "<K<<<<C" + lines[1][15:], "LE<<THI<HOA<<<<K<K<<C<<"]
    data = parse_td1(ocr)
    assert data.valid and data.expiry is None and data.sex == "Nữ"
    assert data.full_name == "LE THI HOA"


def _back(seed: int):
    from benchmarks.identity_corpus import draw_back, flatbed, make_person, phone_photo

    rng = random.Random(seed)
    person = make_person(rng)
    return person, draw_back(person, rng), rng, flatbed, phone_photo


def test_reads_flatbed_card_back():
    person, card, rng, flatbed, _ = _back(21)
    data = read_mrz(flatbed(card, rng))
    assert data.valid
    assert data.id_number == person.id_number
    assert data.dob == person.dob


def test_reads_phone_photo_of_card_back():
    person, card, rng, _, phone_photo = _back(22)
    data = read_mrz(phone_photo(card, rng))
    assert data.valid
    assert data.id_number == person.id_number


def test_blank_image_has_no_mrz():
    from PIL import Image

    with pytest.raises(MrzNotFoundError):
        read_mrz(Image.new("L", (1000, 640), 250))


@pytest.mark.parametrize("read, sex", [("F", "Nam"), ("<", "Nam"), ("K", "Nam")])
def test_the_sex_letter_no_check_digit_covers_follows_the_id_numbers_sex_digit(read, sex):
    # 001099012345: fourth digit 0, a man born in the 1900s; the letter misread or lost is taken from it.
    ocr = list(EXAMPLE)
    ocr[1] = ocr[1][:7] + read + ocr[1][8:]
    data = parse_td1(ocr)
    assert data.valid and data.sex == sex
    assert any(c.startswith("giới tính") for c in data.corrections)


def test_a_womans_card_read_as_a_mans_is_corrected_from_her_id_number():
    lines = format_td1("046155001234", date(1955, 6, 1), "Nữ", None, "LE", "THI HOA")
    lines[1] = lines[1][:7] + "M" + lines[1][8:]
    data = parse_td1(lines)
    assert data.valid and data.sex == "Nữ"
