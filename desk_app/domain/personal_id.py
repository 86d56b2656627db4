"""The 12-digit personal identification number (số định danh cá nhân) and the 9-digit old CMND.

Layout ``PPP G YY RRRRRR`` (DOMAIN.md §5.1): PPP province where the birth was registered, G century and
sex (0/1 = male/female born 1900–1999, 2/3 for 2000–2099, … 8/9 for 2300s), YY last two digits of the
birth year, then six random digits. There is **no check digit**, so validation can only check the
layout, the province catalogue, and agreement with the date of birth and sex read from the card.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from resources import resource_path

KIND_PERSONAL_ID = 1  # LoaiDinhDanh in the DVCQG sync (DOMAIN.md §4.2)
KIND_OLD_CMND = 2


@lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    """3-digit province code → province name (pre-2025-merger catalogue)."""
    with resource_path("identity", "province_codes.json").open(encoding="utf-8") as handle:
        return dict(json.load(handle)["provinces"])


@dataclass(frozen=True)
class IdCheck:
    number: str
    kind: int | None  # KIND_PERSONAL_ID, KIND_OLD_CMND, or None when not an ID number at all
    province: str | None = None
    birth_century: int | None = None  # 1900, 2000, …
    birth_year: int | None = None
    gender: str | None = None  # "Nam" | "Nữ"
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.kind is not None and not self.problems


def normalise_id(text: str) -> str:
    """Digits only: clerks and readers add spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", text or "")


def decode_personal_id(number: str) -> tuple[int, int, str]:
    """(century start, birth year, gender) encoded in a 12-digit ID's digits 4–6."""
    g, yy = int(number[3]), int(number[4:6])
    century = 1900 + 100 * (g // 2)
    return century, century + yy, "Nữ" if g % 2 else "Nam"


def gender_from_id(number: str) -> str | None:
    number = normalise_id(number)
    return decode_personal_id(number)[2] if re.fullmatch(r"\d{12}", number) else None


def check_id(number: str, dob: date | None = None, gender: str | None = None) -> IdCheck:
    """Validate *number*; when *dob* / *gender* are known, check they agree with the ID's digits."""
    number = normalise_id(number)
    if re.fullmatch(r"\d{9}", number):
        return IdCheck(number=number, kind=KIND_OLD_CMND)
    if not re.fullmatch(r"\d{12}", number):
        return IdCheck(number=number, kind=None,
                       problems=("Số định danh cá nhân phải gồm 12 chữ số (CMND cũ: 9 chữ số).",))
    problems: list[str] = []
    province = province_codes().get(number[:3])
    if province is None:
        problems.append(f"Mã tỉnh «{number[:3]}» không có trong danh mục mã tỉnh.")
    century, year, id_gender = decode_personal_id(number)
    if dob is not None and dob.year != year:
        problems.append(f"Năm sinh {dob.year} không khớp với số định danh (mã thế kỷ và năm sinh cho "
                        f"năm {year}).")
    if gender is not None and gender != id_gender:
        problems.append(f"Giới tính «{gender}» không khớp với số định danh (mã giới tính cho «{id_gender}»).")
    return IdCheck(number=number, kind=KIND_PERSONAL_ID, province=province, birth_century=century,
                   birth_year=year, gender=id_gender, problems=tuple(problems))
