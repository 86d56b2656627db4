"""The BAC access key of a chip: document number, date of birth and date of expiry from the MRZ.

For the CCCD the document number is the last 9 digits of the 12-digit personal ID (the MRZ's first
line carries exactly those 9 digits and their check digit). The key can come from the MRZ read on the
back of the card, from the three MRZ lines typed or pasted, or from the ID number and the two dates.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

from scanning.id_card.chip.errors import AccessKeyInputError
from scanning.id_card.mrz import MrzData, check_digit, parse_td1


@dataclass(frozen=True)
class AccessKey:
    document_number: str   # 9 characters as in the MRZ (the CCCD's last 9 digits)
    dob: date
    expiry: date

    @property
    def mrz_information(self) -> str:
        """ICAO 9303-11 §4.3: number + check, birth date + check, expiry date + check."""
        doc = self.document_number.ljust(9, "<")
        b, e = self.dob.strftime("%y%m%d"), self.expiry.strftime("%y%m%d")
        return f"{doc}{check_digit(doc)}{b}{check_digit(b)}{e}{check_digit(e)}"

    def seed(self) -> bytes:
        return hashlib.sha1(self.mrz_information.encode("ascii")).digest()[:16]

    @classmethod
    def from_mrz(cls, mrz: MrzData) -> AccessKey:
        if mrz.dob is None or mrz.expiry is None:
            raise AccessKeyInputError("Vùng MRZ thiếu ngày sinh hoặc ngày hết hạn: chưa mở được chip.")
        return cls(_document_number(mrz.document_number or mrz.id_number), mrz.dob, mrz.expiry)

    @classmethod
    def from_id(cls, id_number: str, dob: date, expiry: date) -> AccessKey:
        return cls(_document_number(id_number), dob, expiry)

    @classmethod
    def parse(cls, text: str, today: date | None = None) -> AccessKey:
        """The three MRZ lines (newlines optional), or "số định danh, ngày sinh, ngày hết hạn" (dd/mm/yyyy)."""
        compact = re.sub(r"\s+", "", text.upper())
        if len(compact) == 90 and compact.startswith("I"):
            mrz = parse_td1([compact[0:30], compact[30:60], compact[60:90]], today)
            failed = [name for name, ok in mrz.checks.items() if not ok]
            if failed:
                raise AccessKeyInputError("Số kiểm tra của vùng MRZ không khớp (" + ", ".join(failed)
                                          + "): hãy quét hoặc nhập lại mặt sau của thẻ.")
            return cls.from_mrz(mrz)
        parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
        if len(parts) == 3:
            return cls.from_id(parts[0], _date(parts[1]), _date(parts[2]))
        raise AccessKeyInputError("Cần ba dòng MRZ ở mặt sau thẻ, hoặc «số định danh, ngày sinh, ngày hết hạn» "
                                  "(ví dụ: 001190012345, 12/03/1990, 12/03/2030), hoặc mã CAN 6 chữ số.")


def parse_access(text: str, today: date | None = None) -> AccessKey | str:
    """What the clerk typed or scanned: the MRZ key, or a six-digit card access number (CAN, PACE only)."""
    stripped = text.strip()
    if len(stripped) == 6 and stripped.isdigit():
        return stripped
    return AccessKey.parse(text, today)


def _document_number(number: str) -> str:
    digits = number.strip().replace("<", "")
    if len(digits) == 12 and digits.isdigit():
        return digits[-9:]
    if len(digits) == 9 and digits.isalnum():
        return digits
    raise AccessKeyInputError(f"Số «{number}» không phải số định danh 12 chữ số hay số thẻ 9 ký tự trong MRZ.")


def _date(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise AccessKeyInputError(f"Ngày «{text}» không đúng dạng ngày/tháng/năm.")


def expiry_candidates(dob: date, issue_date: date | None) -> list[date]:
    """Likely expiry dates of a CCCD from the holder's birth date, for a key without the back of the card.

    The card is renewed at 25, 40 and 60 (Luật Căn cước 2023, Điều 21): its expiry date is the holder's
    birthday at the first of those ages after the issue date. With the QR (birth and issue dates) the chip
    can then be opened without scanning the back; a wrong guess costs one refused authentication.
    """
    found = []
    for age in (25, 40, 60):
        try:
            birthday = dob.replace(year=dob.year + age)
        except ValueError:   # born on 29 February
            birthday = date(dob.year + age, 3, 1)
        if issue_date is None or birthday > issue_date:
            found.append(birthday)
    return found[:2]
