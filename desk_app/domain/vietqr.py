"""VietQR (NAPAS) bank-transfer payload: EMVCo merchant-presented TLV with CRC-16/CCITT-FALSE.

DOMAIN.md §6. A payload is a string of ``ID(2) LEN(2) VALUE`` fields; field 38 (merchant account)
nests the NAPAS GUID, the beneficiary (bank BIN + account or card number) and the service code;
field 62 nests the bill reference (01) and the purpose of the transfer (08); field 63 is the CRC over
everything before it *including* the literal ``"6304"``.

    payload = build_payload(VietQRRequest(bin="970403", account="0011012345678", amount=8000,
                                          purpose="HS2507140001"))
    fields = parse_payload(payload)   # checks the CRC, returns a VietQRPayload
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk_app.errors import DeskError
from desk_app.text import fold

__all__ = [
    "NAPAS_GUID",
    "SERVICE_TO_ACCOUNT",
    "SERVICE_TO_CARD",
    "VietQRError",
    "VietQRPayload",
    "VietQRRequest",
    "build_payload",
    "crc16_ccitt_false",
    "parse_payload",
    "parse_tlv",
    "purpose_from_dossier_code",
    "tlv",
]

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
PURPOSE_MAX = 25  # bank apps truncate or reject longer purposes (DOMAIN.md §6)

_BIN_RE = re.compile(r"^\d{6}$")
_ACCOUNT_RE = re.compile(r"^[0-9A-Za-z]{1,19}$")
_SAFE_TEXT_RE = re.compile(r"^[ -~]*$")  # printable ASCII


class VietQRError(DeskError, ValueError):
    """Bad VietQR input or payload; the message is Vietnamese."""


def crc16_ccitt_false(data: bytes | str) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR (check "123456789" → 0x29B1)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    """One EMVCo field: two-digit id, two-digit decimal length, value (1–99 characters)."""
    if not re.fullmatch(r"\d{2}", tag):
        raise VietQRError(f"Mã trường VietQR «{tag}» phải gồm 2 chữ số")
    if not value:
        return ""
    if len(value) > 99:
        raise VietQRError(f"Trường VietQR {tag} dài quá 99 ký tự")
    return f"{tag}{len(value):02d}{value}"


def parse_tlv(text: str) -> list[tuple[str, str]]:
    """Split a TLV string into ``[(id, value), …]``; raises VietQRError on a truncated field."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if i + 4 > len(text):
            raise VietQRError(f"Chuỗi VietQR bị cắt ở vị trí {i}")
        tag, length = text[i : i + 2], text[i + 2 : i + 4]
        if not (tag.isdigit() and length.isdigit()):
            raise VietQRError(f"Trường VietQR không hợp lệ ở vị trí {i}")
        n = int(length)
        value = text[i + 4 : i + 4 + n]
        if len(value) != n:
            raise VietQRError(f"Trường VietQR {tag} thiếu dữ liệu")
        out.append((tag, value))
        i += 4 + n
    return out


def purpose_from_dossier_code(code: str) -> str:
    """Compact ASCII purpose from a dossier code: ``000.00.12.H15-250714-0001`` → ``HS2507140001``.

    Only the date and sequence parts are kept (the agency is the account owner already), so the
    purpose fits bank apps' 25-character limit and carries no personal data.
    """
    parts = fold(code).upper().split("-")
    tail = "".join(re.sub(r"[^0-9A-Z]", "", p) for p in parts[1:]) if len(parts) > 1 else ""
    compact = "HS" + (tail or re.sub(r"[^0-9A-Z]", "", parts[0]))
    return compact[:PURPOSE_MAX]


@dataclass(frozen=True)
class VietQRRequest:
    """What to put in a VietQR: beneficiary bank BIN and account (or card), optional amount and texts."""

    bin: str
    account: str
    amount: int | None = None  # None → static code (initiation "11")
    purpose: str = ""          # field 62-08
    reference: str = ""        # field 62-01 (bill number)
    to_card: bool = False
    merchant_name: str = ""    # 59, optional for transfers
    merchant_city: str = ""    # 60, optional

    def validate(self) -> None:
        if not _BIN_RE.match(self.bin or ""):
            raise VietQRError(f"Mã BIN ngân hàng «{self.bin}» phải gồm 6 chữ số")
        if not _ACCOUNT_RE.match(self.account or ""):
            raise VietQRError("Số tài khoản/số thẻ phải gồm 1–19 chữ số hoặc chữ cái, không dấu cách")
        if self.amount is not None:
            if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount <= 0:
                raise VietQRError("Số tiền trong VietQR phải là số nguyên đồng lớn hơn 0")
            if len(str(self.amount)) > 13:
                raise VietQRError("Số tiền quá lớn cho VietQR")
        for label, text, limit in (
            ("Nội dung chuyển khoản", self.purpose, PURPOSE_MAX),
            ("Số tham chiếu", self.reference, 25),
            ("Tên đơn vị thụ hưởng", self.merchant_name, 25),
            ("Thành phố", self.merchant_city, 15),
        ):
            if not _SAFE_TEXT_RE.match(text):
                raise VietQRError(f"{label} chỉ được dùng chữ không dấu (ASCII)")
            if len(text) > limit:
                raise VietQRError(f"{label} dài quá {limit} ký tự")


def build_payload(request: VietQRRequest) -> str:
    """The VietQR string (ready to encode as a QR code) for *request*, CRC included."""
    request.validate()
    beneficiary = tlv("00", request.bin) + tlv("01", request.account)
    merchant = (
        tlv("00", NAPAS_GUID)
        + tlv("01", beneficiary)
        + tlv("02", SERVICE_TO_CARD if request.to_card else SERVICE_TO_ACCOUNT)
    )
    additional = tlv("01", request.reference) + tlv("08", request.purpose)
    body = (
        tlv("00", "01")
        + tlv("01", "12" if request.amount is not None else "11")
        + tlv("38", merchant)
        + tlv("53", CURRENCY_VND)
        + (tlv("54", str(request.amount)) if request.amount is not None else "")
        + tlv("58", COUNTRY_VN)
        + tlv("59", request.merchant_name)
        + tlv("60", request.merchant_city)
        + tlv("62", additional)
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body):04X}"


@dataclass(frozen=True)
class VietQRPayload:
    """A decoded VietQR; ``fields`` keeps every root field as read."""

    dynamic: bool
    bin: str
    account: str
    service: str
    amount: int | None
    currency: str
    country: str
    purpose: str
    reference: str
    crc: str
    fields: dict[str, str]


def parse_payload(payload: str) -> VietQRPayload:
    """Decode and check a VietQR string: CRC, NAPAS GUID, currency. Raises VietQRError."""
    text = payload.strip()
    if len(text) < 8 or text[-8:-4] != "6304":
        raise VietQRError("Chuỗi VietQR không kết thúc bằng trường CRC (63)")
    expected = f"{crc16_ccitt_false(text[:-4]):04X}"
    if text[-4:].upper() != expected:
        raise VietQRError(f"Sai mã kiểm tra CRC của VietQR (có {text[-4:]}, đúng là {expected})")
    root = dict(parse_tlv(text))
    if root.get("00") != "01":
        raise VietQRError("Trường 00 (phiên bản) của VietQR phải là 01")
    merchant = dict(parse_tlv(root.get("38", "")))
    if merchant.get("00") != NAPAS_GUID:
        raise VietQRError("VietQR không có mã định danh NAPAS (A000000727)")
    beneficiary = dict(parse_tlv(merchant.get("01", "")))
    additional = dict(parse_tlv(root.get("62", "")))
    amount = root.get("54")
    return VietQRPayload(
        dynamic=root.get("01") == "12",
        bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        service=merchant.get("02", ""),
        amount=int(amount) if amount and amount.isdigit() else None,
        currency=root.get("53", ""),
        country=root.get("58", ""),
        purpose=additional.get("08", ""),
        reference=additional.get("01", ""),
        crc=text[-4:].upper(),
        fields=root,
    )
