"""Where a value ends is sometimes a guess; a value whose end was guessed is never sure (issue 14 §2,
"0 wrong values presented as sure")."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from resources import resource_path
from scanning.form_extraction import _split_glued, _Word, extract_fields

SIZE = 54             # 13 pt at 300 dpi


def _font(name: str = "LiberationSerif-Regular.ttf") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", name)), SIZE)


def test_a_place_glued_to_the_printed_ngay_is_split_and_the_cut_is_marked():
    words = _split_glued([_Word("Hưngày", 93.0, 1000, 100, 180, 40)])
    assert [w.text for w in words] == ["Hư", "ngày"]
    assert words[0].cut                                     # "Hưng" + "ngày" reads the same
    comma = _split_glued([_Word("Bình,ngày", 93.0, 1000, 100, 200, 40)])
    assert [w.text for w in comma] == ["Bình,", "ngày"] and not comma[0].cut    # the comma says where


def test_a_signing_place_typed_into_the_printed_ngay_is_never_sure():
    # dev 1.001193#1000220: "Phường Nghĩa Hưng" typed up against "ngày 24 tháng …" printed after it
    # read "Phường Nghĩa Hưngày 24 …"; the place came back as "Phường Nghĩa Hư", sure.
    image = Image.new("L", (2480, 260), 255)
    draw = ImageDraw.Draw(image)
    y = 90
    draw.text((210, y), "Làm tại: ", font=_font(), fill=0)
    x = 210 + draw.textlength("Làm tại: ", font=_font())
    draw.text((x, y), "Phường Nghĩa Hưng", font=_font("DejaVuSans.ttf"), fill=0)
    # The printed date starts where the typed "ng" ends minus its own "ng": the two overlap.
    x += draw.textlength("Phường Nghĩa Hư", font=_font("DejaVuSans.ttf"))
    draw.text((x, y), "ngày 24 tháng 11 năm 2026", font=_font("DejaVuSans.ttf"), fill=0)
    page = image.filter(ImageFilter.GaussianBlur(0.5))
    result = extract_fields(page, "1.001193")
    place = result.values.get("signed_at", "")
    assert place.startswith("Phường Nghĩa")
    assert result.sure.get("signed_at") is not True


def _row(draw: ImageDraw.ImageDraw, y: int, parts: list[tuple[int, str]]) -> None:
    for x, text in parts:
        draw.text((x, y), text, font=_font(), fill=0)


def test_a_repeated_label_that_went_missing_leaves_its_group_unsure():
    # The mother's "Dân tộc" and "Quốc tịch" are not on the page (a smudge, a torn corner): the search
    # in paper order takes the father's for hers. Which parent the values belong to is then unknown.
    image = Image.new("L", (2480, 560), 255)
    draw = ImageDraw.Draw(image)
    _row(draw, 60, [(210, "Họ, chữ đệm, tên người mẹ: Lê Thị Hoa")])
    _row(draw, 150, [(210, "Năm sinh(5): 1990")])
    _row(draw, 240, [(210, "Họ, chữ đệm, tên người cha: Trần Văn Nam")])
    _row(draw, 330, [(210, "Năm sinh(5): 1988"), (900, "Dân tộc: Tày"), (1500, "Quốc tịch: Việt Nam")])
    result = extract_fields(image.filter(ImageFilter.GaussianBlur(0.5)), "1.001193")
    assert result.values.get("mother_birth_year") == "1990"
    # (the child's labels are missing too: its "Dân tộc" was the first the search met, "Tày" taken sure)
    for key in [k for k in result.values if k.endswith(("_ethnicity", "_nationality"))]:
        assert result.sure.get(key) is not True, key
    assert result.sure.get("mother_name") is True          # a label printed once is not in doubt


def test_a_value_a_speck_was_dropped_from_is_never_sure():
    from scanning.form_extraction import _had_specks

    # dev 1.004873#1000251, 1.000894#1000270: "T'TXH", "về : TTXH", "cấp ngày. 23/09/2025".
    assert _had_specks("do Cục Cảnh sát QLHC về T'TXH cấp") and _had_specks("QLHC về : TTXH cấp")
    assert _had_specks("cấp ngày. 23/09/2025") and _had_specks("từ ngày 25/03/2001. đến ngày 08/05/2011")
    assert not _had_specks("Số 9 hẻm 42, Tp. Hồ Chí Minh") and not _had_specks("ngày 17/02/2025")


def test_a_family_name_read_with_another_s_marks_is_respelled_but_never_sure():
    from scanning.form_extraction import _normalise

    name = {"key": "mother_name", "type": "name"}
    # dev 1.001193#1000220, 1.000894#1000258; "Khống" was sure on an earlier dev page.
    assert _normalise(name, "Đỉnh Tường Phương") == ("Đinh Tường Phương", False)
    assert _normalise(name, "Thần Ngọc Đào") == ("Thân Ngọc Đào", False)
    assert _normalise(name, "Khống Tiến Trí") == ("Khổng Tiến Trí", False)
    assert _normalise(name, "Đinh Hải Phương") == ("Đinh Hải Phương", True)
    assert _normalise(name, "Hạ Thu Trang") == ("Hạ Thu Trang", True)        # Hà and Hạ are both names
    assert _normalise(name, "Smith John") == ("Smith John", True)            # unknown: left to the readers
    assert _normalise(name, "NGUYỄN VĂN AN") == ("NGUYỄN VĂN AN", True)


def test_a_label_read_with_the_value_s_first_word_glued_on_leaves_the_value_unsure():
    from scanning.form_extraction import _Found, _label_took_more, _specs

    spec = next(s for s in _specs("1.001193") if s.key == "declarant_name")
    label = "Họ, chữ đệm, tên người yêu".split()

    def row(last: str) -> list[_Word]:
        texts = [*label, last, "Thị", "Hoa"]
        return [_Word(t, 95.0, 100 + 120 * k, 50, 100, 40) for k, t in enumerate(texts)]

    glued = row("cầuLê")        # the colon lost: "Lê" went into the label, "Thị Hoa" is read
    assert not _label_took_more(row("cầu"), _Found(spec, 0, 0, 7, 1.0))
    assert _label_took_more(glued, _Found(spec, 0, 0, 7, 0.97))


def test_a_long_label_read_a_little_off_is_not_taken_for_a_short_one_at_its_start():
    # dev 1.000894#1100150: "Ngày, tháng, nămsin-" — the signing date's one-word label "ngày" fitted
    # the first word better, so the birth date's label was never found and both dates came back empty.
    from scanning.form_extraction import _find_labels, _specs

    texts = ["Ngày,", "tháng", "nămsin-", ":", "07/03/2026"]
    row = [_Word(t, 95.0, 100 + 200 * k, 50, 150, 40) for k, t in enumerate(texts)]
    found = {f.spec.key: f for f in _find_labels([row], _specs("1.001193"), 0)}
    assert "child_dob" in found and found["child_dob"].start == 0 and found["child_dob"].end == 4
    assert "signed_date" not in found
