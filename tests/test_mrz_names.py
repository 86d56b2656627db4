"""MRZ name line of a CCCD read back from imperfect OCR (issue 14 §4): fillers read as letters, a letter
read as a filler, names merged, a lost first letter; the syllable rules; the 30-cell grid under perspective."""

from __future__ import annotations

from datetime import date

import pytest

from scanning.id_card.mrz import _name_ends_on_a_filler_look_alike, _positional_lines, format_td1, parse_td1
from scanning.id_card.mrz_names import decode_name, is_syllable, syllables

TODAY = date(2026, 11, 30)


def _lines(surname: str, given: str) -> list[str]:
    return format_td1("001189012345", date(1989, 7, 14), "Nữ", None, surname, given)


def test_syllables_follow_the_spelling_rules():
    for word in ("NGUYEN", "QUYNH", "NGHIA", "KHUE", "UYEN", "YEN", "GIA", "GI", "QUOC", "QUACH", "TRUONG",
                 "HUYNH", "OANH", "KIEN", "THUY", "XUAN", "LUU", "DIEU", "KHUYEN", "NGOAN", "Y"):
        assert is_syllable(word), word
    # A filler read as K, S or E after a name, k/c and g/gh the wrong way round, y- after a consonant.
    for word in ("NHANK", "TAS", "HAE", "KYEN", "CIEN", "KA", "GHA", "NGE", "LYNH", "QUU", "THANHK"):
        assert not is_syllable(word), word
    assert 1000 < len(syllables()) < 5000


def test_separator_filler_read_as_a_letter_keeps_surname_and_given_names_apart():
    lines = _lines("TA", "XUAN HANG")
    mrz = parse_td1([lines[0], lines[1], "TAS<XUANSHANG<<<<<<KKKKKKKKKKK"], TODAY)
    assert mrz.valid
    assert (mrz.surname, mrz.given_names) == ("TA", "XUAN HANG")
    assert any("TAS" in d for d in mrz.name_doubts) and mrz.needs_review == ("full_name",)


def test_merged_given_names_with_fillers_read_as_s_are_split():
    lines = _lines("DUONG", "TRONG OANH")
    mrz = parse_td1([lines[0], lines[1], "DUONG<<TRONGSOANHS<<<<<<<<<<<<"], TODAY)
    assert mrz.full_name == "DUONG TRONG OANH"
    assert any("TRONGSOANHS" in d for d in mrz.name_doubts)


@pytest.mark.parametrize("read, given", [
    ("VO<<DIEUSHUYENK<<<<<<<<<<<<<<<", "DIEU HUYEN"),
    ("VU<<DUCKKIMCKIENC<<<<<<<<<<<<<", "DUC KIM KIEN"),
    ("LE<<THANHKLINH<<KK<K<<<<<<<<<<", "THANH LINH"),
])
def test_fillers_read_as_letters_inside_and_after_the_given_names(read, given):
    decoded = decode_name([read])
    assert decoded is not None and decoded.given == given and decoded.changed


def test_filler_read_as_a_letter_that_would_start_a_syllable_is_still_a_filler():
    # "SUYEN" is a Vietnamese syllable (suyễn), but "DIEUSUYEN" is no name part: the S stands on a filler.
    lines = _lines("VO", "DIEU UYEN")
    mrz = parse_td1([lines[0], lines[1], "VO<<DIEUSUYENC<<<<<<<KKK<K<<<<"], TODAY)
    assert mrz.full_name == "VO DIEU UYEN"


def test_passes_outvote_one_another_cell_by_cell():
    # Each pass loses a different letter to a filler and reads a filler as K; together they give the name.
    first = "QUACH<<VAN<XUA<KGIA<YEN<<<<<<<"
    second = "QUACH<<VAN<XUAN<GI<KYEN<<<<<<<"
    decoded = decode_name([first, second])
    assert decoded is not None
    assert (decoded.surname, decoded.given) == ("QUACH", "VAN XUAN GIA YEN")
    assert decoded.line == "QUACH<<VAN<XUAN<GIA<YEN<<<<<<<"
    assert decoded.changed                       # differs from the first pass: reported for review


def test_lost_first_letter_is_never_invented_but_taken_from_another_pass():
    lost = "<E<<VAN<AN<<<<<<<<<<<<<<<<<<<<"
    assert decode_name([lost]) is None
    mrz = parse_td1(_lines("LE", "VAN AN")[:2] + [lost], TODAY)
    assert any("chữ cái đầu" in d for d in mrz.name_doubts)
    decoded = decode_name([lost, "LE<<VAN<AN<<<<<<<<<<<<<<K<<<<<"])
    assert decoded is not None and decoded.surname == "LE" and decoded.given == "VAN AN"


def test_a_clean_reading_is_left_as_it_is():
    line = "NGUYEN<<THI<KIM<KHANH<<<<<<<<<"
    decoded = decode_name([line])
    assert decoded is not None and decoded.line == line and decoded.cost == 0 and not decoded.changed
    assert parse_td1(_lines("NGUYEN", "THI KIM KHANH")[:2] + [line], TODAY).name_doubts == []


def test_name_filling_the_whole_line_may_end_in_a_cut_syllable():
    line = "NGUYEN<<PHUONG<THANH<KHANH<NGU"
    decoded = decode_name([line])
    assert decoded is not None and decoded.given == "PHUONG THANH KHANH NGU"


def test_id_rebuilt_from_a_shifted_document_number_is_not_accepted():
    # A dropped digit shifted the ID ("064…" read "04…"); rebuilding it from the document number gave an
    # ID whose check digit and composite held by chance. It must not come out as a valid reading.
    lines = format_td1("064058864955", date(1958, 2, 23), "Nam", None, "VO", "GIA BAO KHANG")
    mrz = parse_td1(["IDVNM058864955404058864955<<<6", lines[1], lines[2]], TODAY)
    assert not (mrz.valid and mrz.id_number != "064058864955")


def test_grid_follows_a_pitch_that_drifts_along_the_line():
    # Perspective left after rectifying: cells get wider towards the right (half a cell off by mid-line
    # for a straight grid). Lines 1–2 read as exactly 30 symbols give the grid for line 3.
    def x(cell: float) -> float:
        return 100 + 40 * cell + 0.6 * cell * cell

    lines = _lines("BUI", "DIEU NHAN")
    boxes = [[(ch, x(j), 50.0 + 60 * row, 30.0) for j, ch in enumerate(line)] for row, line in enumerate(lines)]
    # Line 3 as tesseract gives it: the fillers after the name partly lost.
    boxes[2] = [b for j, b in enumerate(boxes[2]) if j < 16 or j % 3 == 0]
    grid = _positional_lines(boxes)
    assert grid is not None and grid[2] == lines[2]


def test_first_letter_whose_box_strays_left_of_the_grid_stays_in_cell_0():
    lines = _lines("HO", "HAI NHAN")
    boxes = [[(ch, 100 + 40.0 * j, 50.0 + 60 * row, 30.0) for j, ch in enumerate(line)]
             for row, line in enumerate(lines)]
    boxes[2][0] = ("H", 100 - 44.0, 170.0, 30.0)    # its box widened by a speck on its left
    grid = _positional_lines(boxes)
    assert grid is not None and grid[2] == lines[2]


def test_a_final_c_that_may_be_a_filler_asks_for_more_passes_and_they_settle_it():
    lines = _lines("TA", "DUC THOA")
    first = "TA<<DUC<THOAC<<<<<<<<<<<<<<<<<"
    mrz = parse_td1(lines[:2] + [first], TODAY)
    assert mrz.valid and mrz.given_names == "DUC THOAC"       # both are Vietnamese: one pass cannot tell
    assert _name_ends_on_a_filler_look_alike(mrz)
    decoded = decode_name([first, lines[2], "TA<<DUC<THOAK<<<<<<<<<<<<<<<<<"])
    assert decoded is not None and decoded.given == "DUC THOA"
    clean = parse_td1(_lines("TRAN", "THI LAN"), TODAY)
    assert not _name_ends_on_a_filler_look_alike(clean)
