"""How long a procedure may take, as the catalog states it (value object shared by catalog and calendar)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class TimeUnit(str, Enum):
    WORKING_DAYS = "working_days"    # 1 working day = 8 working hours of the office
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"  # "ngày" counted on the calendar (see skip_holidays)
    SAME_DAY = "same_day"            # returned the day of receipt (next working day after the cut-off)


@dataclass(frozen=True)
class TimeLimit:
    amount: int
    unit: TimeUnit
    # Only for CALENDAR_DAYS: whether statutory holidays are skipped while counting.
    skip_holidays: bool = False

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("Thời hạn giải quyết không được âm")

    def describe_vi(self) -> str:
        """Wording printed on the receipt, e.g. "03 ngày làm việc"."""
        if self.unit is TimeUnit.SAME_DAY:
            return "Trong ngày"
        label = {
            TimeUnit.WORKING_DAYS: "ngày làm việc",
            TimeUnit.WORKING_HOURS: "giờ làm việc",
            TimeUnit.CALENDAR_DAYS: "ngày",
        }[self.unit]
        return f"{self.amount:02d} {label}"

    @classmethod
    def from_dict(cls, data: dict) -> "TimeLimit":
        return cls(
            amount=int(data.get("amount", 0)),
            unit=TimeUnit(data["unit"]),
            skip_holidays=bool(data.get("skip_holidays", False)),
        )
