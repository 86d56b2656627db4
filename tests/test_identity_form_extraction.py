"""Field extraction from a scanned paper birth-registration declaration."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from scanning.form_extraction import (
    HIGH_CONFIDENCE,
    FormExtractionError,
    _clean_value,
    _fix_address,
    _normalise,
    erase_dotted_leaders,
    extract_fields,
)


def test_dotted_leader_is_erased_but_diacritic_dots_stay():
    page = Image.new("L", (600, 80), 255)
    draw = ImageDraw.Draw(page)
    for x in range(200, 560, 12):
        draw.ellipse((x, 50, x + 3, 53), fill=0)  # leader
    draw.rectangle((20, 20, 60, 50), fill=0)  # a letter
    draw.ellipse((38, 56, 41, 59), fill=0)  # its dot below (dấu nặng)
    cleaned = erase_dotted_leaders(np.asarray(page))
    assert cleaned[48:56, 200:560].min() == 255
    assert cleaned[56:60, 37:42].min() == 0
    assert cleaned[20:50, 20:60].max() == 0


def test_value_cleaning_and_normalisation():
    assert _clean_value(": Nguyễn Văn An ........") == "Nguyễn Văn An"
    assert _clean_value("Thôn Kim Lũ, Xã Hải Yến…… ..") == "Thôn Kim Lũ, Xã Hải Yến"
    assert _normalise({"key": "child_dob", "type": "date"}, "7/3/2026") == ("07/03/2026", True)
    assert _normalise({"key": "mother_id_number", "type": "id_number"}, "038 190 004 321") == ("038190004321", True)
    assert _normalise({"key": "x", "type": "text", "suggestions": ["Cha", "Mẹ"]}, "Me") == ("Mẹ", True)
    assert _normalise({"key": "child_gender", "type": "gender", "options": ["Nam", "Nữ"]}, "Nu") == ("Nữ", True)
    assert _normalise({"key": "child_dob", "type": "date"}, "ngày mai")[1] is False
    assert _fix_address("Xã Hải Yến, Thanh Hoa") == "Xã Hải Yến, Thanh Hóa"


def test_unknown_procedure():
    with pytest.raises(FormExtractionError):
        extract_fields(Image.new("L", (10, 10), 255), "9.999999")


@pytest.mark.slow
def test_extracts_a_filled_declaration_without_confident_mistakes(tmp_path):
    from benchmarks.identity_corpus import draw_declaration, make_declaration_values

    rng = random.Random(31)
    values = make_declaration_values(rng)
    skipped = {"child_birthplace", "mother_id_number"}
    path = tmp_path / "Tờ khai khai sinh.png"
    draw_declaration(values, rng, skip=skipped).save(path)
    result = extract_fields(path, "1.001193")
    assert not skipped & set(result.values)  # blank lines (leader only) give nothing
    expected = {k: v for k, v in values.items() if k not in skipped}
    exact = [k for k, v in expected.items() if result.values.get(k) == v]
    assert len(exact) >= 0.9 * len(expected)
    confident_wrong = [k for k, v in result.values.items()
                       if result.confidence[k] >= HIGH_CONFIDENCE and v != expected.get(k)]
    assert confident_wrong == []
    assert result.values["child_dob"] == values["child_dob"]
