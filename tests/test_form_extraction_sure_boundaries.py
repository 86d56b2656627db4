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
