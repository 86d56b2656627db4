"""Values the form can compute: dates in Vietnamese words, birth year and gender from the personal ID."""

from __future__ import annotations

import re
from datetime import date, datetime

from desk_app.domain.fees import (
    _read_number,  # the same Vietnamese number reading as amounts in words
)
from desk_app.domain.personal_id import decode_personal_id, normalise_id

_MONTHS = ["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai"]


def date_in_words(value: date) -> str:
    """15/03/2026 → "Ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi sáu" (birth certificates)."""
    return f"Ngày {_read_number(value.day)} tháng {_MONTHS[value.month - 1]} năm {_read_number(value.year)}"


def signed_date_text(value: date) -> str:
    """The "ngày … tháng … năm …" line under a declaration."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy (also with - or .) or ISO yyyy-mm-dd; None when not a real date."""
    text = (text or "").strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return datetime.strptime(text, "%Y-%m-%d").date() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def birth_year_from_id(id_number: str) -> int | None:
    number = normalise_id(id_number)
    return decode_personal_id(number)[1] if re.fullmatch(r"\d{12}", number) else None


def id_doc_text(id_number: str, issue_date: date | None = None) -> str:
    """The "Giấy tờ tùy thân" line for a card: "Căn cước công dân số …, cấp ngày …"."""
    number = normalise_id(id_number)
    kind = "Chứng minh nhân dân" if len(number) == 9 else "Căn cước công dân"
    return f"{kind} số {number}" + (f", cấp ngày {format_date(issue_date)}" if issue_date else "")
