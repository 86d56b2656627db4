"""UPU S10 postal item identifiers (DOMAIN.md §7): ``EB123456785VN``.

Two service letters, an 8-digit serial, one check digit (weights 8 6 4 2 3 5 9 7, modulo 11),
two-letter ISO country. The postal hand-over record prints the identifier of each parcel; VNPost
also uses other domestic formats, so only strings shaped like S10 are checked.
"""

from __future__ import annotations

import re

from desk_app.errors import DeskError

__all__ = ["S10_PATTERN", "PostalCodeError", "check_digit", "is_s10_shaped", "make_s10", "validate_s10"]

S10_PATTERN = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


class PostalCodeError(DeskError, ValueError):
    pass


def check_digit(serial: str) -> int:
    """S10 check digit of an 8-digit serial: 11 − (Σ wᵢdᵢ mod 11), with 10 → 0 and 11 → 5."""
    if not re.fullmatch(r"\d{8}", serial):
        raise PostalCodeError(f"Số hiệu bưu gửi «{serial}» phải gồm 8 chữ số")
    c = 11 - sum(w * int(d) for w, d in zip(_WEIGHTS, serial)) % 11
    return 0 if c == 10 else 5 if c == 11 else c


def make_s10(service: str, serial: str | int, country: str = "VN") -> str:
    """``make_s10("EB", 12345678)`` → ``"EB123456785VN"``."""
    serial_text = f"{int(serial):08d}" if isinstance(serial, int) else serial
    code = f"{service.upper()}{serial_text}{check_digit(serial_text)}{country.upper()}"
    if not S10_PATTERN.match(code):
        raise PostalCodeError(f"Không tạo được số hiệu bưu gửi S10 từ «{service}», «{serial}», «{country}»")
    return code


def is_s10_shaped(code: str) -> bool:
    return bool(S10_PATTERN.match(code.strip().upper()))


def validate_s10(code: str) -> str:
    """Normalised S10 identifier, or PostalCodeError naming what is wrong."""
    text = code.strip().upper().replace(" ", "")
    m = S10_PATTERN.match(text)
    if not m:
        raise PostalCodeError(f"Số hiệu bưu gửi «{code}» không đúng dạng S10 (ví dụ EB123456785VN)")
    if check_digit(m.group(2)) != int(m.group(3)):
        raise PostalCodeError(f"Số hiệu bưu gửi «{code}» sai chữ số kiểm tra")
    return text
