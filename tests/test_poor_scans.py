"""Poor office scans (issue 14 §5): show-through, faded toner, skew, 200 dpi JPEG — read whole and in order."""

from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from benchmarks.real_paper import office_scans
from resources import resource_path
from scanning.cleanup import suppress_background
from scanning.ocr import OcrWord, parse_tsv, reading_order
from scanning.pipeline import PageInput, process_page


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _scan(tier: str, seed: int) -> tuple[bytes, str]:
    rng = random.Random(seed)          # outside the benchmark's seed blocks
    front, text = office_scans.render_page(rng)
    back, _ = office_scans.render_page(rng)
    data, skew = office_scans.capture(front, back, tier, rng)
    assert 2 <= abs(skew) <= 5
    return data, text


def _read(data: bytes) -> str:
    outcome = process_page(0, PageInput(data, 200, "trang.jpg"))
    assert outcome.ok, outcome.error
    return outcome.text


@pytest.mark.slow
def test_page_with_show_through_is_read_whole_and_in_order():
    data, truth = _scan("scan_bleed", 41)
    text = _read(data)
    found, expected = _norm(text), _norm(truth)
    assert Levenshtein.distance(found, expected) / len(expected) < 0.015
    # The issuing body's block, then the national motto's block: never interleaved line by line.
    lines = truth.splitlines()
    left_block, right_block = lines[0:3], lines[3:6]
    alignments = [fuzz.partial_ratio_alignment(_norm(line), found) for line in left_block + right_block]
    assert all(a.score > 80 for a in alignments)
    positions = [a.dest_start for a in alignments]
    assert positions == sorted(positions)
    # "Nơi nhận" (left) is read before the signer's block beside it.
    assert found.find("Nơi nhận:") < found.find("TM. ỦY BAN NHÂN DÂN") < found.find("CHỦ TỊCH")


@pytest.mark.slow
def test_faded_copy_is_read():
    data, truth = _scan("scan_faint", 42)
    found, expected = _norm(_read(data)), _norm(truth)
    assert Levenshtein.distance(found, expected) / len(expected) < 0.015


def _text_image(lines: list[tuple[str, int, int]], grey: int, size=(1400, 400)) -> np.ndarray:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(resource_path("fonts", "LiberationSerif-Regular.ttf")), 36)
    for text, x, y in lines:
        draw.text((x, y), text, font=font, fill=grey)
    return np.asarray(image)


def test_show_through_becomes_paper_and_faded_ink_black():
    front = _text_image([("Ủy ban nhân dân xã Tân Phú", 60, 60)], grey=70)
    back = _text_image([("Độc lập - Tự do - Hạnh phúc", 60, 250)], grey=70)[:, ::-1]
    page = np.minimum(front, (255 - 0.3 * (255 - back.astype(np.float32))).astype(np.uint8))
    cleaned = suppress_background(page, dpi=200)
    assert cleaned[230:310].min() == 255                     # the reverse side's text is gone
    assert cleaned[50:110].min() < 20                        # the front's ink is black
    faded = _text_image([("Số: 56/QĐ-UBND", 60, 60)], grey=165)
    assert suppress_background(faded, dpi=200)[50:110].min() < 20


def test_blank_page_is_left_alone():
    page = np.full((500, 400), 250, np.uint8)
    page[100:102, 100:300] = 235   # a faint crease
    assert np.array_equal(suppress_background(page), page)


def _word(text, left, top, block, line, width=80, height=30):
    return OcrWord(text, left, top, width, height, 95.0, block, 1, line)


def test_two_blocks_side_by_side_are_read_one_after_the_other():
    # Tesseract joined the header's two blocks into shared lines.
    words = [_word("ỦY", 100, 100, 1, 1), _word("BAN", 190, 100, 1, 1), _word("CỘNG", 700, 100, 1, 1),
             _word("HÒA", 790, 100, 1, 1),
             _word("XÃ", 100, 150, 1, 2), _word("TÂN", 190, 150, 1, 2), _word("Độc", 700, 150, 1, 2),
             _word("lập", 790, 150, 1, 2),
             _word("Căn", 100, 260, 2, 1), _word("cứ", 190, 260, 2, 1), _word("Luật", 280, 260, 2, 1),
             _word("tổ", 370, 260, 2, 1), _word("chức", 460, 260, 2, 1), _word("chính", 550, 260, 2, 1),
             _word("quyền", 640, 260, 2, 1), _word("địa", 730, 260, 2, 1), _word("phương", 820, 260, 2, 1)]
    lines = [" ".join(w.text for w in segment) for segment, _new in reading_order(words)]
    assert lines == ["ỦY BAN", "XÃ TÂN", "CỘNG HÒA", "Độc lập", "Căn cứ Luật tổ chức chính quyền địa phương"]


def test_signature_strokes_are_not_text():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [header,
            "5\t1\t1\t1\t1\t1\t100\t100\t80\t30\t96\tChủ",
            "5\t1\t1\t1\t1\t2\t190\t100\t80\t30\t96\ttịch",
            "5\t1\t2\t1\t1\t1\t100\t200\t20\t30\t60\t⁄",
            "5\t1\t2\t1\t1\t2\t130\t200\t20\t30\t60\tˆ",
            "5\t1\t2\t1\t1\t3\t160\t200\t20\t30\t60\tN",
            "5\t1\t2\t1\t1\t4\t190\t200\t20\t30\t60\t/"]
    _words, text = parse_tsv("\n".join(rows))
    assert text == "Chủ tịch"


def test_skew_of_a_wide_short_strip_is_estimated_not_crashed():
    """A field crop is far wider than tall: the sheared rows went below zero (np.bincount refused them)."""
    import cv2
    import numpy as np

    from scanning.cleanup import estimate_skew

    strip = np.full((60, 1400), 255, np.uint8)
    for x in range(40, 1360, 18):  # a line of "letters" rising 2° to the right
        y = int(30 - (x - 40) * np.tan(np.radians(2.0)))
        cv2.rectangle(strip, (x, y - 6), (x + 10, y + 6), 0, -1)
    angle = estimate_skew(strip)
    assert abs(angle - 2.0) < 0.5
