"""USB QR reader acting as a keyboard: burst detection and preferring the image read."""

from __future__ import annotations

from scanning.id_card.qr_text import parse_card_qr
from scanning.id_card.wedge import (
    BurstDetector,
    is_scanner_burst,
    parse_wedge_text,
    prefer_image_read,
)

TEXT = "038185000123||Lê Thị Hồng Đào|01012085|Nữ|Thôn Kim Lũ, Xã Hải Yến|05062024"
MANGLED = "038185000123||Le Th? H?ng ?ao|01012085|N?|Thon Kim L?, X? H?i Y?n|05062024"


def _typed(text: str, start: float, gap: float) -> list[tuple[str, float]]:
    return [(ch, start + i * gap) for i, ch in enumerate(text)]


def test_reader_burst_with_enter_is_returned_whole():
    detector = BurstDetector()
    results = [detector.feed(ch, t) for ch, t in _typed(TEXT + "\r", 10.0, 0.006)]
    assert results[-1] == TEXT
    assert all(r is None for r in results[:-1])


def test_clerk_typing_is_never_a_burst():
    detector = BurstDetector()
    events = _typed("Nguyễn Văn An 001099012345\r", 5.0, 0.14)
    assert all(detector.feed(ch, t) is None for ch, t in events)
    assert not is_scanner_burst(_typed("001099012345", 0, 0.12))


def test_burst_without_enter_ends_on_idle_timer_and_typing_before_it_is_dropped():
    detector = BurstDetector()
    for ch, t in _typed("ab", 0.0, 0.3):
        assert detector.feed(ch, t) is None
    for ch, t in _typed(TEXT, 1.0, 0.004):
        assert detector.feed(ch, t) is None
    assert detector.flush(1.0 + len(TEXT) * 0.004 + 0.01) is None  # too soon: still within the burst
    assert detector.flush(2.0) == TEXT


def test_short_bursts_and_uneven_timing():
    assert not is_scanner_burst(_typed("1234", 0, 0.005))
    assert is_scanner_burst(_typed("001099012345", 0, 0.02))


def test_image_read_preferred_because_keyboard_mangles_diacritics():
    wedge = parse_wedge_text(MANGLED)
    image = parse_card_qr(TEXT)
    chosen = prefer_image_read(wedge, image)
    assert chosen.source == "image" and chosen.data.full_name == "Lê Thị Hồng Đào"
    alone = prefer_image_read(wedge, None)
    assert alone.source == "keyboard"
    assert any("mất dấu" in w for w in alone.warnings)
    assert prefer_image_read(parse_wedge_text(TEXT.replace("038185000123", "001099012345")), image).warnings


def test_non_card_bursts_are_not_card_data():
    assert parse_wedge_text("H22.15-260101-0001") is None
