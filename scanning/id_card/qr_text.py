"""Parse the text of the QR code printed on a Vietnamese citizen ID card (CCCD / thẻ căn cước).

The CCCD 2021 layout is ``ID|oldID|name|ddMMyyyy|gender|residence|ddMMyyyy`` (DOMAIN.md §5.2), but
some cards and readers give six fields (no old ID) and the 2024 card may add trailing fields, so each
field is recognised by its content (12 digits, 9 digits, 8-digit date, "Nam"/"Nữ", free text), and
only their relative order is relied upon.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

_ID12 = re.compile(r"^\d{12}$")
_OLD_ID = re.compile(r"^\d{9}$|^\d{12}$")
_DATE8 = re.compile(r"^\d{8}$")


class CardQrTextError(ValueError):
    """The text is not the QR content of a citizen ID card (message in Vietnamese)."""


@dataclass(frozen=True)
class CardQrData:
    id_number: str
    full_name: str
    old_id: str | None = None
    dob: date | None = None
    gender: str | None = None  # "Nam" | "Nữ"
    place_of_residence: str | None = None
    issue_date: date | None = None
    extra_fields: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # False when the text came through a channel that may have damaged it (a keyboard-wedge reader)
    # and failed the payload checks of scanning.id_card.wedge: never stored or trusted as the card.
    reliable: bool = True


# Control characters (C0, DEL, C1) and bidirectional embeddings/overrides/isolates (U+202A–U+202E,
# U+2066–U+2069) have no place in a card's fields: a right-to-left override shows a name backwards.
_LINE_BREAKS = re.compile("[\t\n\r\v\f]")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _nfc(text: str) -> str:
    return _UNSAFE.sub("", _LINE_BREAKS.sub(" ", unicodedata.normalize("NFC", text))).strip()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().strip()


def parse_date_ddmmyyyy(text: str) -> date | None:
    """``15031999`` → 1999-03-15; None when the eight digits are not a real date."""
    if not _DATE8.match(text):
        return None
    try:
        return date(int(text[4:]), int(text[2:4]), int(text[:2]))
    except ValueError:
        return None


def parse_gender(text: str) -> str | None:
    """"Nam"/"Nữ" (any case, with or without diacritics, or mangled to "N?") → "Nam"/"Nữ"."""
    folded = _fold(text)
    if folded in {"nam", "male", "m"}:
        return "Nam"
    # "N?" / "N_": a keyboard-wedge reader that dropped the "ữ" of "Nữ" ("Nam" survives intact).
    if folded in {"nu", "female", "f"} or re.fullmatch(r"n[^a-z0-9\s]{1,2}", folded):
        return "Nữ"
    return None


def looks_like_card_qr(text: str) -> bool:
    """Cheap test used by the image reader to ignore other QR codes (VietQR, URLs …)."""
    parts = [p.strip() for p in text.split("|")]
    return len(parts) >= 6 and any(_ID12.match(p) for p in parts[:2])


def parse_card_qr(text: str) -> CardQrData:
    """Parse the QR text; raises :class:`CardQrTextError` when it is not an ID card's QR."""
    parts = [_nfc(p) for p in _nfc(text).strip("|\r\n\t ").split("|")] if text else []
    if len(parts) < 6:
        raise CardQrTextError("Mã QR không phải của thẻ căn cước công dân (thiếu trường dữ liệu).")
    id_index = next((i for i, p in enumerate(parts[:2]) if _ID12.match(p)), None)
    if id_index is None:
        raise CardQrTextError("Mã QR không có số định danh cá nhân 12 chữ số.")
    id_number = parts[id_index]
    rest = parts[id_index + 1:]
    warnings: list[str] = []

    old_id: str | None = None
    # The old-ID slot sits right after the ID: either a number, or empty ("||").
    if rest and (rest[0] == "" or _OLD_ID.match(rest[0])):
        old_id = rest[0] or None
        rest = rest[1:]

    full_name = dob = gender = residence = issue_date = None
    extras: list[str] = []
    for value in rest:
        as_date = parse_date_ddmmyyyy(value)
        as_gender = parse_gender(value) if value and len(value) <= 6 else None
        if full_name is None:
            if value and as_date is None and not value.isdigit():
                full_name = value
            elif value:
                extras.append(value)
        elif as_date is not None and dob is None and residence is None:
            dob = as_date
        elif as_gender is not None and gender is None:
            gender = as_gender
        elif residence is None and value and as_date is None and not value.isdigit():
            residence = value
        elif as_date is not None and issue_date is None and residence is not None:
            issue_date = as_date
        elif value:
            extras.append(value)

    if full_name is None:
        raise CardQrTextError("Mã QR không có họ và tên.")
    if dob is None:
        warnings.append("Mã QR không có ngày sinh hợp lệ.")
    if gender is None:
        warnings.append("Không đọc được giới tính trong mã QR.")
    if any("\ufffd" in p or "?" in p for p in (full_name, residence or "")):
        warnings.append("Dấu tiếng Việt trong mã QR có thể bị lỗi; nên đọc lại từ ảnh thẻ.")
    return CardQrData(id_number=id_number, full_name=full_name, old_id=old_id, dob=dob, gender=gender,
                      place_of_residence=residence, issue_date=issue_date, extra_fields=tuple(extras),
                      warnings=tuple(warnings))


def format_card_qr(data: CardQrData) -> str:
    """The 7-field CCCD text for *data* (used to build test cards and for round-trips)."""
    def d(value: date | None) -> str:
        return value.strftime("%d%m%Y") if value else ""

    fields = [data.id_number, data.old_id or "", data.full_name, d(data.dob), data.gender or "",
              data.place_of_residence or "", d(data.issue_date), *data.extra_fields]
    return "|".join(fields)
