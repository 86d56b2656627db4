"""A value typed over a printed dotted leader: a dot the eraser left between two words reads as a comma
for every reader alike ("Cục Cảnh, sát" on a dev page, returned sure), so such a value with inner
punctuation is never sure."""

from __future__ import annotations

import numpy as np

from scanning.form_extraction import _INNER_PUNCTUATION, _typed_over_leader, _Word, erase_dotted_leaders


def _leader_page() -> np.ndarray:
    page = np.full((200, 1200), 235, dtype=np.uint8)
    for x in range(100, 700, 14):           # a printed leader: dots at an even pitch on one baseline
        page[150:154, x:x + 4] = 30
    page[150:154, 900:904] = 30             # and one dot left alone between two typed words
    return page


def test_the_eraser_reports_the_lone_dots_left_between_typed_words():
    lone: list[tuple[float, float]] = []
    out = erase_dotted_leaders(_leader_page(), lone)
    assert [(round(x), round(y)) for x, y in lone] == [(902, 152)]
    assert out[150:154, 100:700].min() > 200 and out[150:154, 900:904].min() > 200   # all paper now


def test_a_value_on_the_leader_with_a_comma_inside_is_suspect_but_not_one_above_it():
    over = [_Word("Cảnh,", 95.0, 850, 120, 45, 34), _Word("sát", 95.0, 910, 122, 50, 32)]
    before = [_Word("Cảnh,", 95.0, 300, 120, 80, 34), _Word("sát", 95.0, 390, 122, 50, 32)]
    assert _typed_over_leader(over, [(902.0, 152.0)])
    assert not _typed_over_leader(before, [(902.0, 152.0)])      # the leader only follows this value
    assert _INNER_PUNCTUATION.search("do Cục Cảnh, sát QLHC")
    assert not _INNER_PUNCTUATION.search("17/03/2024") and not _INNER_PUNCTUATION.search("Nguyễn Thị Mai.")
