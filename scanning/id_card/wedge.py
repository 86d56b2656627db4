"""USB QR readers that act as a keyboard ("keyboard wedge"): tell their bursts from a clerk typing.

A reader "types" the whole QR text in a few milliseconds per character and usually ends with Enter;
a person types at 80–400 ms per key. :class:`BurstDetector` is fed (character, timestamp) events from
the identify field and returns the burst text when one completes, so the GUI can route it to the
card parser instead of the search box. The reader's keyboard layout often mangles Vietnamese letters
("Nữ" → "N?" or "N"), so :func:`prefer_image_read` keeps the camera/scanner read when both exist.
"""

from __future__ import annotations

import dataclasses
import itertools
import unicodedata
from dataclasses import dataclass, field

from scanning.id_card.qr_text import (
    CardQrData,
    CardQrTextError,
    looks_like_card_qr,
    parse_card_qr,
)
from scanning.id_card.vn_text import has_vietnamese_marks, mangled_words

ENTER = ("\r", "\n")


@dataclass
class BurstDetector:
    """Feed keystrokes; :meth:`feed` returns the text of a completed scanner burst, else None.

    *max_gap*: longest pause between two keys of one burst (s); *min_length*: shortest burst that
    counts (a card QR is > 60 characters; 12 still catches a bare ID barcode).
    """

    max_gap: float = 0.05
    min_length: int = 12
    _chars: list[str] = field(default_factory=list, init=False, repr=False)
    _times: list[float] = field(default_factory=list, init=False, repr=False)

    def feed(self, char: str, timestamp: float) -> str | None:
        if self._times and timestamp - self._times[-1] > self.max_gap:
            finished = self._finish()
            if char in ENTER:
                return finished
            self._start(char, timestamp)
            return finished
        if char in ENTER:
            return self._finish()
        self._start(char, timestamp)
        return None

    def reset(self) -> None:
        """Forget the keys fed so far (after their text has been dealt with)."""
        self._chars, self._times = [], []

    def flush(self, now: float) -> str | None:
        """Call from an idle timer: a reader configured without a trailing Enter ends with a pause."""
        if self._times and now - self._times[-1] > self.max_gap:
            return self._finish()
        return None

    @property
    def pending(self) -> str:
        return "".join(self._chars)

    def _start(self, char: str, timestamp: float) -> None:
        self._chars.append(char)
        self._times.append(timestamp)

    def _finish(self) -> str | None:
        chars, times = self._chars, self._times
        self._chars, self._times = [], []
        if len(chars) < self.min_length:
            return None
        gaps = sorted(b - a for a, b in itertools.pairwise(times))
        median = gaps[len(gaps) // 2] if gaps else 0.0
        return "".join(chars) if median <= self.max_gap * 0.6 else None


def is_scanner_burst(events: list[tuple[str, float]], max_gap: float = 0.05, min_length: int = 12) -> bool:
    """True when *events* (without the final Enter) came from a reader rather than a person."""
    detector = BurstDetector(max_gap=max_gap, min_length=min_length)
    result = None
    for char, timestamp in events:
        result = detector.feed(char, timestamp) or result
    if events:
        result = detector.feed("\n", events[-1][1]) or result
    return result is not None


def _has_vietnamese_letters(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text)) or "đ" in text.lower()


@dataclass(frozen=True)
class CardRead:
    data: CardQrData
    source: str  # "image" | "keyboard"
    warnings: tuple[str, ...]


def parse_wedge_text(text: str) -> CardQrData | None:
    """The card data in a burst, or None when the burst is not an ID card QR (e.g. a dossier barcode)."""
    if not looks_like_card_qr(text):
        return None
    try:
        return parse_card_qr(text)
    except CardQrTextError:
        return None


def prefer_image_read(wedge: CardQrData | None, image: CardQrData | None) -> CardRead | None:
    """Choose between the keyboard-reader and the image read of the same card.

    The image read keeps diacritics; the keyboard read is used alone only with a warning when its
    letters look stripped. Two reads of different cards are never merged.
    """
    if image is not None:
        warnings = ()
        if wedge is not None and wedge.id_number != image.id_number:
            warnings = ("Mã QR từ máy đọc và từ ảnh là của hai thẻ khác nhau; dùng dữ liệu đọc từ ảnh.",)
        return CardRead(data=image, source="image", warnings=warnings)
    if wedge is None:
        return None
    warnings = list(wedge.warnings)
    texts = f"{wedge.full_name} {wedge.place_of_residence or ''}"
    if not _has_vietnamese_letters(texts) or "?" in texts:
        warnings.append("Máy đọc QR dạng bàn phím có thể làm mất dấu tiếng Việt; hãy kiểm tra họ tên và địa chỉ "
                        "hoặc quét ảnh thẻ.")
    return CardRead(data=wedge, source="keyboard", warnings=tuple(dict.fromkeys(warnings)))


# --- What a finished burst was -------------------------------------------------------------------

CARD_FIELD_COUNTS = (6, 7)   # CCCD: ID|oldID|name|dob|gender|residence|issued (old ID may be left out)

PARTIAL_MESSAGE = ("Máy đọc chỉ gửi được một phần mã QR trên thẻ căn cước (bị ngắt giữa chừng). "
                   "Chưa dùng dữ liệu nào của lần quét này; ô tìm kiếm đã trả lại như trước. "
                   "Hãy quét lại thẻ, giữ thẻ yên trước máy đọc.")
UNRELIABLE_MESSAGE = ("Dữ liệu thẻ từ máy đọc QR có thể đã bị hỏng ({problems}). Họ tên và địa chỉ cần "
                      "được đối chiếu với thẻ; dữ liệu này không được lưu vào sổ công dân.")


@dataclass(frozen=True)
class BurstOutcome:
    """*kind*: ``"card"`` (``card`` set; ``card.reliable`` says whether it passed the payload checks),
    ``"partial"`` (a card QR cut short or the rest of one: nothing usable, ``message`` says so) or
    ``"code"`` (any other barcode, ``text``)."""

    kind: str
    text: str
    card: CardQrData | None = None
    problems: tuple[str, ...] = ()
    message: str = ""


def payload_problems(text: str, data: CardQrData) -> list[str]:
    """Why the card text typed by a keyboard reader cannot be trusted as the card says it (Vietnamese);
    empty when it passes: the field count of a CCCD, every field recognised, Vietnamese marks present and
    no word that a card cannot print (letters dropped by the reader's keyboard layout)."""
    problems: list[str] = []
    count = len(text.strip("|\r\n\t ").split("|"))
    if count not in CARD_FIELD_COUNTS:
        problems.append(f"có {count} trường thay vì 7")
    if data.extra_fields:
        problems.append("có trường không nhận ra được")
    if data.dob is None or data.gender is None or not data.place_of_residence:
        problems.append("thiếu ngày sinh, giới tính hoặc nơi cư trú")
    name, residence = data.full_name, data.place_of_residence or ""
    if "?" in name + residence or "\ufffd" in name + residence:
        problems.append("có ký tự «?» thay cho chữ có dấu")
    if not has_vietnamese_marks(f"{name} {residence}"):
        problems.append("họ tên và địa chỉ không còn dấu tiếng Việt")
    bad = mangled_words(name) + mangled_words(residence, address=True)
    if bad:
        problems.append("chữ bị rơi ký tự hoặc mất dấu: " + ", ".join(f"«{w}»" for w in dict.fromkeys(bad)))
    return problems


def looks_like_card_fragment(text: str) -> bool:
    """A burst that is part of a card QR: fields separated by "|" (other barcodes at the desk have none)."""
    return "|" in text


def classify_burst(text: str) -> BurstOutcome:
    """Decide what a finished keyboard-reader burst was (see :class:`BurstOutcome`)."""
    text = unicodedata.normalize("NFC", text)
    last = text.strip("|\r\n\t ").split("|")[-1].strip()
    if looks_like_card_qr(text) and last.isdigit() and len(last) != 8:
        return BurstOutcome("partial", text, message=PARTIAL_MESSAGE)   # cut inside the issue date
    if looks_like_card_qr(text):
        try:
            data = parse_card_qr(text)
        except CardQrTextError:
            return BurstOutcome("partial", text, message=PARTIAL_MESSAGE)
        problems = payload_problems(text, data)
        if problems:
            data = dataclasses.replace(data, reliable=False, warnings=tuple(dict.fromkeys(
                (*data.warnings, "Dữ liệu từ máy đọc QR không đáng tin cậy: " + "; ".join(problems) + "."))))
            return BurstOutcome("card", text, card=data, problems=tuple(problems),
                                message=UNRELIABLE_MESSAGE.format(problems="; ".join(problems)))
        return BurstOutcome("card", text, card=data)
    if looks_like_card_fragment(text):
        return BurstOutcome("partial", text, message=PARTIAL_MESSAGE)
    return BurstOutcome("code", text)
