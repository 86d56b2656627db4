"""Dossier codes (mã hồ sơ): ``<agency id>-YYMMDD-<daily sequence, at least 4 digits>``.

Scheme for issuing codes without the network (see docs/DOSSIER_CODES.md):
the provincial system numbers its own (online) dossiers from 1 upwards each day; each desk of the office
owns a fixed block of the same daily sequence above ``sequence_base``. Desk *n* (1-based) owns
``sequence_base + (n-1)*block_size + 1 … sequence_base + n*block_size``. Two desks offline at the same
time therefore can never issue the same code, and neither can the provincial server as long as it stays
below ``sequence_base`` (the office agrees the base with the province once).
"""

from __future__ import annotations

from desk_app.errors import DeskError

import re
from dataclasses import dataclass
from datetime import date, datetime

# Agency identifier per QCVN 102:2016 (e.g. 000.00.00.H57, 000.13.25.H40); kept loose on purpose
# because post-merger catalogues vary; the catalogue, not a formula, is the authority.
_AGENCY_RE = r"[0-9A-Z]{1,5}(?:\.[0-9A-Z]{1,5}){1,4}"
_CODE_RE = re.compile(rf"^(?P<agency>{_AGENCY_RE})-(?P<day>\d{{6}})-(?P<seq>\d{{4,}})$")


class DossierCodeError(DeskError, ValueError):
    """Malformed code or exhausted sequence block; the message is meant for the clerk."""


@dataclass(frozen=True)
class DossierCode:
    agency_id: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return f"{self.agency_id}-{self.day:%y%m%d}-{self.sequence:04d}"

    @classmethod
    def parse(cls, text: str) -> "DossierCode":
        match = _CODE_RE.match(text.strip().upper())
        if not match:
            raise DossierCodeError(f"Mã hồ sơ không đúng định dạng <mã cơ quan>-YYMMDD-<số thứ tự>: «{text}»")
        try:
            day = datetime.strptime(match["day"], "%y%m%d").date()
        except ValueError:
            raise DossierCodeError(f"Ngày trong mã hồ sơ không hợp lệ: «{text}»") from None
        return cls(match["agency"], day, int(match["seq"]))


def is_valid_agency_id(agency_id: str) -> bool:
    return re.fullmatch(_AGENCY_RE, agency_id) is not None


@dataclass(frozen=True)
class SequenceBlock:
    """The part of each day's sequence that one desk may use while offline."""

    desk_number: int
    block_size: int = 500
    sequence_base: int = 5000

    def __post_init__(self) -> None:
        if self.desk_number < 1:
            raise DossierCodeError("Số hiệu quầy phải từ 1 trở lên")
        if self.block_size < 10:
            raise DossierCodeError("Khối số thứ tự của mỗi quầy phải có ít nhất 10 số")
        if self.sequence_base < 0:
            raise DossierCodeError("Số thứ tự gốc không được âm")

    @property
    def first(self) -> int:
        return self.sequence_base + (self.desk_number - 1) * self.block_size + 1

    @property
    def last(self) -> int:
        return self.sequence_base + self.desk_number * self.block_size

    def next_after(self, last_issued: int | None) -> int:
        """Sequence to issue after *last_issued* (None: nothing issued today yet)."""
        candidate = self.first if last_issued is None else last_issued + 1
        if candidate > self.last:
            raise DossierCodeError(
                f"Quầy số {self.desk_number} đã dùng hết {self.block_size} số thứ tự của ngày hôm nay "
                f"({self.first}–{self.last}). Hãy báo quản trị viên tăng khối số thứ tự."
            )
        return candidate
