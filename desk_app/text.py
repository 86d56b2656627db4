"""Vietnamese text helpers: NFC normalisation and diacritic folding for search.

All text entering the core goes through :func:`nfc`; search keys go through :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata

# Control characters other than tab, line feed, carriage return and form feed (C0, DEL, C1), and the
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): nothing typed, scanned
# or read from a QR needs them, and an override makes a name display differently from what is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def nfc(text: str | None) -> str:
    """Return *text* in Unicode NFC with surrounding whitespace removed ("" for None).

    Control characters (except tab, line breaks and form feed) and bidirectional overrides are dropped.
    """
    if text is None:
        return ""
    return _UNSAFE.sub("", unicodedata.normalize("NFC", text)).strip()


def single_line(text: str | None) -> str:
    """:func:`nfc`, with every run of whitespace (line breaks, tabs) made one space: for names and codes."""
    return " ".join(nfc(text).split())


def fold(text: str | None) -> str:
    """Lower-case search key without diacritics: "Đặng Văn Ấn" -> "dang van an".

    đ/Đ has no Unicode decomposition, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
