"""The card-QR search: hard captures still read, a card without a readable QR gives up cleanly.

Speed is measured by benchmarks/card_qr_speed.py, not here (no timed tests on a shared machine).
"""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageFilter

from scanning.id_card.qr import CardQrNotFoundError, read_card_qr


def _front(seed: int):
    from benchmarks.identity_corpus import draw_front, make_person

    rng = random.Random(seed)
    person = make_person(rng)
    return person, draw_front(person, rng), rng


def _on_grey_desk(card: Image.Image, angle: float) -> Image.Image:
    turned = card.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(90, 90, 95))
    desk = Image.new("RGB", (turned.width + 200, turned.height + 160), (90, 90, 95))
    desk.paste(turned, (100, 80))
    return desk


def test_small_blurred_turned_qr_is_read():
    # Photographed from far (QR modules ~2 px), out of focus and turned 25° on a desk: the first pass
    # over the whole frame fails, an enlarged, sharpened crop around the symbol decodes.
    person, card, _rng = _front(12)
    small = card.resize((card.width * 7 // 10, card.height * 7 // 10), Image.Resampling.BILINEAR)
    photo = _on_grey_desk(small, 25).filter(ImageFilter.GaussianBlur(1.2))
    read = read_card_qr(photo)
    assert read.variant != "original"
    assert read.data.id_number == person.id_number
    assert read.data.full_name == person.full_name


def test_quarter_turned_flatbed_scan_reads_on_the_first_pass():
    from benchmarks.identity_corpus import flatbed

    person, card, rng = _front(21)
    read = read_card_qr(flatbed(card.rotate(90, expand=True), rng))
    assert (read.variant, read.attempts) == ("original", 1)
    assert read.data.id_number == person.id_number


def test_first_pass_runs_whatever_the_budget():
    from benchmarks.identity_corpus import flatbed

    person, card, rng = _front(22)
    assert read_card_qr(flatbed(card, rng), budget_s=0).data.id_number == person.id_number


def test_a_qr_that_is_not_a_card_s_is_skipped():
    import io

    import segno

    # A VietQR payment code pasted where the card's QR would be: never taken for the card.
    person, card, _rng = _front(23)
    buffer = io.BytesIO()
    segno.make("00020101021138570010A00000072701270006970403011300669700000000208QRIBFTTA53037045802VN6304ABCD",
               error="m").save(buffer, kind="png", scale=4, border=2)
    card.paste(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), (30, 190))
    assert read_card_qr(card).data.id_number == person.id_number


def test_back_of_the_card_gives_up_with_a_vietnamese_message():
    from benchmarks.identity_corpus import draw_back, flatbed, make_person

    rng = random.Random(31)
    back = flatbed(draw_back(make_person(rng), rng), rng)
    with pytest.raises(CardQrNotFoundError) as error:
        read_card_qr(back)
    assert "Không đọc được mã QR" in str(error.value)
    assert "mặt trước" in str(error.value)   # tells the clerk what to do


def test_read_id_on_a_card_without_readable_qr_or_mrz_exits_with_a_message(tmp_path, capsys):
    from desk_app.cli import main

    # A front so out of focus that no QR can be read, and no MRZ on it: a user error, no traceback.
    _person, card, _rng = _front(32)
    path = tmp_path / "mặt trước mờ.jpg"
    _on_grey_desk(card, 8).filter(ImageFilter.GaussianBlur(6)).save(path)
    assert main(["read-id", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Không đọc được mã QR" in captured.err
    assert "Traceback" not in captured.err + captured.out
