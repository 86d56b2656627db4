"""Vietnamese text helpers: NFC normalisation and diacritic folding for search.

All text entering the core goes through :func:`nfc`; search keys go through :func:`fold`.
"""

from __future__ import annotations

import unicodedata


def nfc(text: str | None) -> str:
    """Return *text* in Unicode NFC with surrounding whitespace removed ("" for None)."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", text).strip()


def fold(text: str | None) -> str:
    """Lower-case search key without diacritics: "Đặng Văn Ấn" -> "dang van an".

    đ/Đ has no Unicode decomposition, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
