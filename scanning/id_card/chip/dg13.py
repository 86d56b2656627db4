"""DG13 of the Vietnamese CCCD / thẻ căn cước: the citizen's data with diacritics, as the issuing authority signed it.

Layout (not in ICAO 9303; reconstructed from public readers of the card, see docs/CHIP.md): tag 0x6D
holding a SEQUENCE of fields, each ``SEQUENCE { INTEGER field-number, value… }`` with text in
UTF8String (numbers and dates in PrintableString), dates as dd/mm/yyyy. Field numbers:

1 personal ID · 2 full name · 3 date of birth · 4 sex · 5 nationality · 6 ethnicity · 7 religion ·
8 place of origin · 9 place of residence · 10 identifying marks · 11 issue date · 12 expiry date ·
13 SEQUENCE { father's name } SEQUENCE { mother's name } · 14 [SEQUENCE { spouse's name }] ·
15 old 9-digit ID · 16 card serial.

The parser walks the structure instead of matching byte prefixes, so a field that is empty, longer or
in another string type still lands in the right place; unknown field numbers are ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from scanning.id_card.chip.errors import ChipDataError
from scanning.id_card.chip.lds import Tlv, children, read_tlv

_STRING_TAGS = {0x0C, 0x13, 0x16, 0x1E, 0x04, 0x1A}
FIELD_NUMBERS = {1: "id_number", 2: "full_name", 3: "dob", 4: "gender", 5: "nationality", 6: "ethnicity",
                 7: "religion", 8: "place_of_origin", 9: "place_of_residence", 10: "identifying_marks",
                 11: "issue_date", 12: "expiry_date", 13: "parents", 14: "spouse", 15: "old_id", 16: "card_serial"}


@dataclass(frozen=True)
class CitizenData:
    id_number: str
    full_name: str
    dob: date | None = None
    gender: str | None = None
    nationality: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    place_of_origin: str | None = None
    place_of_residence: str | None = None
    identifying_marks: str | None = None
    issue_date: date | None = None
    expiry_date: date | None = None
    father_name: str | None = None
    mother_name: str | None = None
    spouse_name: str | None = None
    old_id: str | None = None


def _text(element: Tlv) -> str:
    raw = element.value
    try:
        text = raw.decode("utf-16-be") if element.tag == 0x1E else raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ChipDataError("DG13 của chip có văn bản không đúng mã UTF-8.") from exc
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _strings(elements: list[Tlv]) -> list[str]:
    """All text values under *elements*, depth first (names inside nested SEQUENCEs included)."""
    found: list[str] = []
    for element in elements:
        if element.tag in _STRING_TAGS:
            found.append(_text(element))
        elif element.tag in (0x30, 0x31, 0xA0, 0xA1):
            found.extend(_strings(children(element.value)))
    return found


def _fields(elements: list[Tlv], out: dict[int, list[str]]) -> None:
    for element in elements:
        if element.tag != 0x30:
            continue
        inner = children(element.value)
        if inner and inner[0].tag == 0x02 and len(inner[0].value) == 1 and 1 <= inner[0].value[0] <= 31 \
                and not any(e.tag == 0x30 and children(e.value)[:1] and children(e.value)[0].tag == 0x02
                            for e in inner[1:]):
            out.setdefault(inner[0].value[0], _strings(inner[1:]))
        else:
            _fields(inner, out)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d%m%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None   # "Không thời hạn" (no expiry) and the like


def _gender(text: str | None) -> str | None:
    if not text:
        return None
    folded = text.strip().lower()
    return {"nam": "Nam", "nữ": "Nữ", "nu": "Nữ", "m": "Nam", "f": "Nữ"}.get(folded, text.strip())


def parse_dg13(dg13: bytes) -> CitizenData:
    outer = read_tlv(dg13)
    if outer.tag != 0x6D:
        raise ChipDataError("DG13 của chip không đúng cấu trúc (thiếu thẻ 6D).")
    values: dict[int, list[str]] = {}
    _fields(children(outer.value), values)

    def first(number: int) -> str | None:
        got = [v for v in values.get(number, []) if v]
        return got[0] if got else None

    parents = values.get(13, [])
    spouse = [v for v in values.get(14, []) if v]
    id_number, full_name = first(1), first(2)
    if not id_number or not full_name:
        raise ChipDataError("DG13 của chip thiếu số định danh hoặc họ tên.")
    return CitizenData(
        id_number=id_number, full_name=full_name, dob=_date(first(3)), gender=_gender(first(4)),
        nationality=first(5), ethnicity=first(6), religion=first(7), place_of_origin=first(8),
        place_of_residence=first(9), identifying_marks=first(10), issue_date=_date(first(11)),
        expiry_date=_date(first(12)), father_name=(parents[0] or None) if len(parents) > 0 else None,
        mother_name=(parents[1] or None) if len(parents) > 1 else None, spouse_name=spouse[0] if spouse else None,
        old_id=first(15))
