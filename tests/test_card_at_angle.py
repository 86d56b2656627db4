"""ID card backs photographed at an angle or laid upside down (issue 14 §4), and MRZ names for review."""

from __future__ import annotations

import math
import random
from datetime import date

import cv2
import numpy as np
import pytest

from benchmarks.real_paper import id_photos
from desk_app.eforms.id_card import CardNotReadError, from_mrz, read_card_image
from desk_app.eforms.prefill import PrefillInputs, prefill
from scanning.id_card.card_finder import find_card_quad
from scanning.id_card.mrz import format_td1, parse_td1, read_mrz

TODAY = date(2026, 11, 30)
PERSON = {"id_number": "001189012345", "surname": "Trần", "given": "Thanh Linh", "dob": date(1989, 7, 14),
          "sex": "Nữ", "issue": date(2022, 3, 1), "expiry": date(2029, 7, 14), "mark": "Nốt ruồi C: 1cm trên đầu mày trái"}


def _photo(tmp_path, degrees: float, *, tilt: float, desk_seed: int, suffix: str = ".jpg"):
    """The card turned by *degrees* on a desk, its far edge *tilt* shorter (phone not held flat)."""
    rng = random.Random(desk_seed)
    card = id_photos.draw_back(PERSON, rng)
    width, height = 2000, 1500
    background = id_photos._desk(rng, width, height)
    scale = width * 0.6 / id_photos.CARD_W
    half = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], np.float32) * [id_photos.CARD_W / 2, id_photos.CARD_H / 2] * scale
    half[:2, 0] *= 1 - tilt          # the top edge is further from the camera
    angle = math.radians(degrees)
    rotation = np.array([[math.cos(angle), math.sin(angle)], [-math.sin(angle), math.cos(angle)]], np.float32)
    corners = half @ rotation.T + [width / 2, height / 2]
    image = id_photos._composite(background, id_photos._card_bgra(card), id_photos._corners_matrix(corners), 0.3)
    image = cv2.GaussianBlur(image, (0, 0), 1.0)
    path = tmp_path / f"mặt sau {degrees:g}{suffix}"
    cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path


@pytest.mark.slow
def test_card_photographed_turned_ten_degrees_with_perspective_is_read(tmp_path):
    path = _photo(tmp_path, 10.0, tilt=0.06, desk_seed=3)
    reading = read_card_image(path, today=TODAY)
    assert reading.source == "mrz" and reading.mrz_valid
    assert reading.id_number == "001189012345"
    assert reading.dob == date(1989, 7, 14) and reading.gender == "Nữ" and reading.expiry_date == date(2029, 7, 14)
    assert reading.full_name == "TRAN THANH LINH"
    assert reading.needs_review == ["full_name"]      # an MRZ name is always compared with the card


@pytest.mark.slow
def test_upside_down_card_is_read(tmp_path):
    path = _photo(tmp_path, 180 - 7.0, tilt=0.03, desk_seed=5, suffix=".png")
    reading = from_mrz(read_mrz(path, today=TODAY))
    assert reading.mrz_valid and reading.id_number == "001189012345"
    assert reading.full_name == "TRAN THANH LINH"


def test_card_outline_is_found_with_its_corners(tmp_path):
    path = _photo(tmp_path, -12.0, tilt=0.05, desk_seed=7)
    image = cv2.imread(str(path))
    quad = find_card_quad(image)
    assert quad is not None
    top = np.linalg.norm(quad[1] - quad[0])
    side = np.linalg.norm(quad[3] - quad[0])
    assert 1.4 < top / side < 1.8                      # a landscape card, long edge first
    slope = math.degrees(math.atan2(quad[0][1] - quad[1][1], quad[1][0] - quad[0][0]))
    assert abs(slope - (-12.0)) < 2.0


def test_merged_name_is_split_and_flagged_for_review():
    lines = format_td1("001189012345", date(1989, 7, 14), "Nữ", date(2029, 7, 14), "TRAN", "THANH LINH")
    misread = [lines[0], lines[1], "TRAN<<THANHKLINH<<<<<<<<<<<<<<"]   # the '<' between names read as K
    mrz = parse_td1(misread, TODAY)
    assert mrz.valid                                   # check digits cannot see a name
    assert mrz.full_name == "TRAN THANH LINH"
    assert mrz.name_doubts and "THANHKLINH" in mrz.name_doubts[0]
    reading = from_mrz(mrz)
    assert reading.as_json()["needs_review"] == ["full_name"]
    assert any("THANHKLINH" in w for w in reading.warnings)
    # At the counter the name is shown for review, never as a sure value.
    filled = prefill("1.001193", PrefillInputs(card=reading, clerk={"declarant_relationship": "Mẹ"}))
    assert filled.fields["declarant_name"].needs_review


def test_name_that_is_no_vietnamese_syllable_and_cannot_be_fixed_is_reported():
    lines = format_td1("001189012345", date(1989, 7, 14), "Nữ", None, "TRAN", "THANH LINH")
    mrz = parse_td1([lines[0], lines[1], "TRAN<<THXQW<LINH<<<<<<<<<<<<<"], TODAY)
    assert mrz.full_name == "TRAN THXQW LINH"
    assert any("THXQW" in d for d in mrz.name_doubts)
    assert mrz.needs_review == ("full_name",)


def test_desk_without_a_card_gives_a_vietnamese_message(tmp_path):
    rng = random.Random(11)
    path = tmp_path / "bàn trống.jpg"
    cv2.imwrite(str(path), id_photos._desk(rng, 1200, 900))
    with pytest.raises(CardNotReadError, match="Không đọc được mã QR"):
        read_card_image(path, today=TODAY)


def test_several_fillers_read_as_letters_are_taken_out_of_the_name():
    lines = format_td1("001089012345", date(1989, 7, 14), "Nam", None, "VU", "DUC KIM KIEN")
    mrz = parse_td1([lines[0], lines[1], "VU<<DUCKKIMCKIENC<<<<<<<<<<<<<"], TODAY)
    assert mrz.full_name == "VU DUC KIM KIEN" and mrz.name_doubts


def test_lost_first_letter_of_the_surname_is_reported():
    lines = format_td1("001089012345", date(1989, 7, 14), "Nam", None, "LE", "VAN AN")
    mrz = parse_td1([lines[0], lines[1], "<E<<VAN<AN<<<<<<<<<<<<<<<<<<<"], TODAY)
    assert any("chữ cái đầu" in d for d in mrz.name_doubts)


def test_composite_digit_read_as_its_look_alike_is_corrected():
    lines = format_td1("074161131473", date(1961, 4, 13), "Nữ", None, "DUONG", "TRONG OANH")
    assert lines[1][-1] == "4"
    mrz = parse_td1([lines[0], lines[1][:-1] + "6", lines[2]], TODAY)     # 4 read as 6 (seen on a photo)
    assert mrz.valid and mrz.corrections == ["số kiểm tra tổng hợp: 6 → 4"]
    assert mrz.lines[1] == lines[1]
