"""Working-day calendar and deadline arithmetic for the one-stop desk (no Qt, no database).

Three pieces:

* :class:`WorkingCalendar` – which dates are working days. Civil servants work Monday–Friday, minus the
  holidays, compensatory days and swapped days announced each year, plus the "make-up" Saturdays of those
  swaps. The yearly announcements cannot be derived from rules, so they are read from data files
  (``resources/calendars/vn-YYYY.json``, format in that folder's README).
* :class:`OfficeHours` – the desk's sessions (default 07:00–11:30 and 13:30–17:00).
* :class:`WorkClock` and :func:`compute_due` – the clock of a dossier: it only runs inside the sessions of
  working days; 1 working day = 8 working hours (provincial practice, see DOMAIN.md §8.3).

Times: every ``datetime`` is **naive local Vietnam time** (UTC+7, the wall clock of the desk). Aware
datetimes are accepted and converted to Vietnam time, then the tzinfo is dropped, so results are always
naive. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact and needs no
tz database (Windows installs have none).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Iterable, Mapping

from desk_app.clock import VIETNAM
from desk_app.domain.time_limits import TimeLimit, TimeUnit

__all__ = [
    "CalendarDataError",
    "OfficeHours",
    "WorkingCalendar",
    "WorkClock",
    "YearCalendar",
    "compute_due",
    "to_local_naive",
]

SATURDAY = 5
SUNDAY = 6

# Safety net for loops that walk day by day: a data file that marks everything non-working must not hang
# the app. Ten years is far beyond any TTHC time limit.
_MAX_DAYS_SCANNED = 3660

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SESSION_TEXT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")


class CalendarDataError(ValueError):
    """A calendar data file or an office-hours setting is invalid (message in Vietnamese, for the user)."""


def to_local_naive(value: datetime) -> datetime:
    """Return ``value`` as naive Vietnam local time (aware values are converted to UTC+7 first)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    return value.astimezone(VIETNAM).replace(tzinfo=None)


# --------------------------------------------------------------------------------------------------------
# Office hours
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficeHours:
    """Opening sessions of the desk on a working day.

    ``saturday_morning_reception``: the desk opens on Saturday morning (during the first session) to
    *receive* dossiers, but Saturday is still not a working day, so the clock of those dossiers starts on
    the next working day.

    ``hours_per_working_day``: a time limit of N working days is N × this many working hours, whatever the
    real length of the sessions (the official rule is "mỗi ngày 08 giờ làm việc"). With the default sessions
    (4 h 30 + 3 h 30) one working day is exactly one day of sessions.
    """

    sessions: tuple[tuple[time, time], ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
    saturday_morning_reception: bool = False
    hours_per_working_day: float = 8

    def __post_init__(self) -> None:
        if not self.sessions:
            raise CalendarDataError("Giờ làm việc: cần ít nhất một buổi làm việc")
        previous_close: time | None = None
        for opening, closing in self.sessions:
            if opening >= closing:
                raise CalendarDataError(
                    f"Giờ làm việc: buổi {opening:%H:%M}-{closing:%H:%M} có giờ mở cửa không trước giờ đóng cửa"
                )
            if previous_close is not None and opening < previous_close:
                raise CalendarDataError(
                    "Giờ làm việc: các buổi phải theo thứ tự thời gian và không chồng lên nhau"
                )
            previous_close = closing
        if self.hours_per_working_day <= 0:
            raise CalendarDataError("Giờ làm việc: số giờ của một ngày làm việc phải lớn hơn 0")

    @property
    def opening(self) -> time:
        return self.sessions[0][0]

    @property
    def closing(self) -> time:
        return self.sessions[-1][1]

    @classmethod
    def from_config(cls, config: Mapping | None) -> "OfficeHours":
        """Build from a settings dict, e.g.::

            {"sessions": ["07:00-11:30", "13:30-17:00"],
             "saturday_morning_reception": true,
             "hours_per_working_day": 8}

        Missing keys keep their defaults.
        """
        config = config or {}
        kwargs: dict = {}
        if "sessions" in config:
            kwargs["sessions"] = tuple(_parse_session(item) for item in config["sessions"])
        if "saturday_morning_reception" in config:
            kwargs["saturday_morning_reception"] = bool(config["saturday_morning_reception"])
        if "hours_per_working_day" in config:
            try:
                kwargs["hours_per_working_day"] = float(config["hours_per_working_day"])
            except (TypeError, ValueError):
                raise CalendarDataError(
                    f"Giờ làm việc: số giờ một ngày làm việc không hợp lệ: {config['hours_per_working_day']!r}"
                ) from None
        return cls(**kwargs)


def _parse_session(item) -> tuple[time, time]:
    """Accept "07:00-11:30" (any dash) or a pair of "HH:MM" strings / ``time`` objects."""
    if isinstance(item, str):
        match = _SESSION_TEXT.match(item)
        if not match:
            raise CalendarDataError(f"Giờ làm việc: '{item}' không đúng dạng HH:MM-HH:MM (ví dụ 07:00-11:30)")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        return _make_time(h1, m1, item), _make_time(h2, m2, item)
    if isinstance(item, (list, tuple)) and len(item) == 2:
        return _coerce_time(item[0]), _coerce_time(item[1])
    raise CalendarDataError(f"Giờ làm việc: không hiểu buổi làm việc {item!r}")


def _coerce_time(value) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str) and re.match(r"^\s*\d{1,2}:\d{2}\s*$", value):
        hours, minutes = (int(part) for part in value.strip().split(":"))
        return _make_time(hours, minutes, value)
    raise CalendarDataError(f"Giờ làm việc: giờ '{value}' không đúng dạng HH:MM")


def _make_time(hours: int, minutes: int, original: str) -> time:
    try:
        return time(hours, minutes)
    except ValueError:
        raise CalendarDataError(f"Giờ làm việc: giờ không hợp lệ trong '{original}'") from None


# --------------------------------------------------------------------------------------------------------
# Working calendar (data files)
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearCalendar:
    """What one data file says about one year."""

    year: int
    non_working_days: Mapping[date, str]
    working_saturdays: Mapping[date, str]
    sources: tuple[str, ...] = ()
    provisional: bool = False
    note: str = ""
    path: Path | None = None


@dataclass
class WorkingCalendar:
    """Working days of civil servants, from the yearly data files.

    For a year without a data file the calendar falls back to plain Monday–Friday; callers should check
    :meth:`covers` / :meth:`has_data_for` and warn the user, because holidays are then missing.
    """

    _years: dict[int, YearCalendar] = field(default_factory=dict)

    # ---- loading ---------------------------------------------------------------------------------------

    @classmethod
    def load(cls, directory: str | Path | None = None) -> "WorkingCalendar":
        """Read and validate every ``vn-*.json`` in ``directory`` (default ``resources/calendars/``)."""
        if directory is None:
            from resources import RESOURCES_DIR  # imported here so the domain stays importable alone

            directory = RESOURCES_DIR / "calendars"
        directory = Path(directory)
        if not directory.is_dir():
            raise CalendarDataError(f"Không tìm thấy thư mục lịch ngày nghỉ: {directory}")
        calendar = cls()
        for path in sorted(directory.glob("vn-*.json")):
            calendar.add_year(_read_year_file(path))
        return calendar

    @classmethod
    def from_years(cls, years: Iterable[YearCalendar]) -> "WorkingCalendar":
        calendar = cls()
        for year in years:
            calendar.add_year(year)
        return calendar

    def add_year(self, data: YearCalendar) -> None:
        if data.year in self._years:
            first = self._years[data.year].path
            raise CalendarDataError(
                f"Năm {data.year} được khai báo hai lần: {first.name if first else '?'} "
                f"và {data.path.name if data.path else '?'}"
            )
        self._years[data.year] = data

    # ---- coverage --------------------------------------------------------------------------------------

    @property
    def years(self) -> tuple[int, ...]:
        """Years that have a data file, ascending."""
        return tuple(sorted(self._years))

    def has_data_for(self, year: int) -> bool:
        return year in self._years

    def covers(self, day: date) -> bool:
        """False when ``day`` falls in a year without data (plain Monday–Friday rules are used then)."""
        return self.has_data_for(day.year)

    def is_provisional(self, year: int) -> bool:
        """True when the year's file is marked provisional (official announcement not yet published)."""
        data = self._years.get(year)
        return bool(data and data.provisional)

    def year_info(self, year: int) -> YearCalendar | None:
        return self._years.get(year)

    # ---- questions about a day -------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        day = _as_date(day)
        data = self._years.get(day.year)
        if data is not None:
            if day in data.working_saturdays:
                return True
            if day in data.non_working_days:
                return False
        return day.weekday() < SATURDAY

    def is_holiday(self, day: date) -> bool:
        """True for a weekday the calendar declares non-working (holiday, compensatory or swapped day).

        Weekend dates listed in a file only carry a name; they are not "extra" days off, because the
        weekend rest is already counted and any compensation appears as its own weekday entry.
        """
        day = _as_date(day)
        data = self._years.get(day.year)
        return data is not None and day.weekday() < SATURDAY and day in data.non_working_days

    def holiday_name(self, day: date) -> str | None:
        """Name of a listed non-working day (e.g. "Tết Nguyên đán ..."), else None."""
        day = _as_date(day)
        data = self._years.get(day.year)
        return data.non_working_days.get(day) if data else None

    def working_saturday_name(self, day: date) -> str | None:
        day = _as_date(day)
        data = self._years.get(day.year)
        return data.working_saturdays.get(day) if data else None

    def next_working_day(self, day: date, *, include_today: bool = False) -> date:
        """First working day strictly after ``day`` (or ``day`` itself if ``include_today`` and it works)."""
        current = _as_date(day)
        if include_today and self.is_working_day(current):
            return current
        for _ in range(_MAX_DAYS_SCANNED):
            current += timedelta(days=1)
            if self.is_working_day(current):
                return current
        raise CalendarDataError(f"Không tìm thấy ngày làm việc nào sau {day:%d/%m/%Y}")

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in ``start`` .. ``end`` inclusive (0 if end < start)."""
        start, end = _as_date(start), _as_date(end)
        count = 0
        current = start
        while current <= end:
            count += self.is_working_day(current)
            current += timedelta(days=1)
        return count


def _as_date(value: date) -> date:
    # datetime is a subclass of date; a datetime would never match the date keys of the data.
    return value.date() if isinstance(value, datetime) else value


def _read_year_file(path: Path) -> YearCalendar:
    name = path.name

    def fail(message: str) -> CalendarDataError:
        return CalendarDataError(f"Tệp lịch {name}: {message}")

    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise fail("không đọc được, tệp phải mã hóa UTF-8") from None
    except json.JSONDecodeError as exc:
        raise fail(f"không đúng định dạng JSON (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})") from None
    if not isinstance(raw, dict):
        raise fail("nội dung phải là một đối tượng JSON {...}")

    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2999:
        raise fail(f"trường \"year\" phải là số năm, ví dụ 2026 (đang là {year!r})")
    year_in_name = path.stem.removeprefix("vn-")
    if year_in_name.isdigit() and int(year_in_name) != year:
        raise fail(f"tên tệp ghi năm {year_in_name} nhưng trường \"year\" là {year}")

    non_working = _read_day_list(raw, "non_working_days", year, fail)
    working_saturdays = _read_day_list(raw, "working_saturdays", year, fail)

    both = sorted(set(non_working) & set(working_saturdays))
    if both:
        listed = ", ".join(f"{d:%d/%m/%Y}" for d in both)
        raise fail(f"ngày {listed} vừa là ngày nghỉ vừa là ngày làm bù")
    for day in working_saturdays:
        if day.weekday() < SATURDAY:
            raise fail(f"ngày làm bù {day:%d/%m/%Y} không phải thứ Bảy hoặc Chủ nhật")

    sources = raw.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise fail("trường \"sources\" phải là danh sách chuỗi (căn cứ văn bản)")
    provisional = raw.get("provisional", False)
    if not isinstance(provisional, bool):
        raise fail("trường \"provisional\" phải là true hoặc false")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise fail("trường \"note\" phải là chuỗi")

    return YearCalendar(
        year=year,
        non_working_days=non_working,
        working_saturdays=working_saturdays,
        sources=tuple(sources),
        provisional=provisional,
        note=note,
        path=path,
    )


def _read_day_list(raw: dict, key: str, year: int, fail) -> dict[date, str]:
    entries = raw.get(key, [])
    if not isinstance(entries, list):
        raise fail(f"trường \"{key}\" phải là một danh sách")
    days: dict[date, str] = {}
    for position, entry in enumerate(entries, start=1):
        where = f"{key}, mục {position}"
        if not isinstance(entry, dict):
            raise fail(f"{where}: mỗi mục phải có dạng {{\"date\": \"YYYY-MM-DD\", \"name\": \"...\"}}")
        text = entry.get("date")
        if not isinstance(text, str) or not _ISO_DATE.match(text):
            raise fail(f"{where}: ngày {text!r} không hợp lệ (cần dạng YYYY-MM-DD)")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise fail(f"{where}: ngày '{text}' không tồn tại") from None
        if day.year != year:
            raise fail(f"{where}: ngày {day:%d/%m/%Y} không thuộc năm {year}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{where}: thiếu tên (\"name\") cho ngày {day:%d/%m/%Y}")
        if day in days:
            raise fail(f"{where}: ngày {day:%d/%m/%Y} bị lặp lại")
        days[day] = name.strip()
    return days


# --------------------------------------------------------------------------------------------------------
# Working-time arithmetic
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkClock:
    """A calendar plus office hours: the clock that only runs during sessions of working days."""

    calendar: WorkingCalendar
    office_hours: OfficeHours = OfficeHours()

    def sessions_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's sessions as datetimes; empty on a non-working day."""
        day = _as_date(day)
        if not self.calendar.is_working_day(day):
            return []
        return [
            (datetime.combine(day, opening), datetime.combine(day, closing))
            for opening, closing in self.office_hours.sessions
        ]

    def opening_of(self, day: date) -> datetime:
        return datetime.combine(_as_date(day), self.office_hours.opening)

    def closing_of(self, day: date) -> datetime:
        return datetime.combine(_as_date(day), self.office_hours.closing)

    def is_open(self, at: datetime) -> bool:
        """True while the clock runs (inside a session of a working day)."""
        at = to_local_naive(at)
        return any(opening <= at < closing for opening, closing in self.sessions_on(at.date()))

    def is_reception_open(self, at: datetime) -> bool:
        """True when the desk accepts dossiers: working-day sessions, plus Saturday morning if configured.

        Saturday-morning reception is skipped on a Saturday inside a holiday break: one listed in the data
        file, or one whose Friday before or Monday after is a holiday (the data files list only the
        weekdays of a break, so the weekend in the middle of Tết is not named there).
        """
        at = to_local_naive(at)
        if self.is_open(at):
            return True
        day = at.date()
        if (
            self.office_hours.saturday_morning_reception
            and day.weekday() == SATURDAY
            and not self._inside_break(day)
        ):
            opening, closing = self.office_hours.sessions[0]
            return datetime.combine(day, opening) <= at < datetime.combine(day, closing)
        return False

    def _inside_break(self, saturday: date) -> bool:
        return any(self.calendar.holiday_name(saturday + timedelta(days=offset)) is not None
                   for offset in (-1, 0, 2))

    def next_opening(self, at: datetime) -> datetime:
        """``at`` itself if the clock is running, otherwise the next moment a session opens."""
        at = to_local_naive(at)
        for opening, closing in self.sessions_on(at.date()):
            if at < closing:
                return max(opening, at)
        return self.opening_of(self.calendar.next_working_day(at.date()))

    def clock_start(self, received_at: datetime, cutoff: time | None = time(15, 0)) -> datetime:
        """When the processing clock of a dossier received at ``received_at`` starts.

        * Non-working day (Saturday-morning reception, Sunday, holiday) → opening of the next working day.
        * After ``cutoff`` (strictly later; 15:00 itself still counts) → opening of the next working day:
          the dossier is only forwarded the next morning (NĐ 61/2018 Điều 18, NĐ 23/2015 Điều 7).
        * Before opening → opening; in the lunch gap → afternoon opening; after closing → next working day.
        """
        received_at = to_local_naive(received_at)
        day = received_at.date()
        if self.calendar.is_working_day(day) and (cutoff is None or received_at.time() <= cutoff):
            return self.next_opening(received_at)
        return self.opening_of(self.calendar.next_working_day(day))

    def add_working_hours(self, start: datetime, hours: float | timedelta) -> datetime:
        """Move ``hours`` of working time forward from ``start``.

        Outside a session the count begins at the next opening. A result that lands exactly on a session
        close stays there (e.g. 17:00), it is not moved to the next morning: the deadline is "by 17:00".
        """
        start = to_local_naive(start)
        remaining = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
        if remaining < timedelta(0):
            raise ValueError("Số giờ làm việc cần cộng không được âm")
        if remaining == timedelta(0):
            return start
        day = start.date()
        cursor = start
        for _ in range(_MAX_DAYS_SCANNED):
            for opening, closing in self.sessions_on(day):
                begin = max(opening, cursor)
                if begin >= closing:
                    continue
                available = closing - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += timedelta(days=1)
            cursor = datetime.combine(day, time.min)
        raise CalendarDataError("Không tính được thời hạn: không có ngày làm việc trong lịch")

    def working_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time from ``a`` to ``b`` (negative if ``b`` is before ``a``)."""
        a, b = to_local_naive(a), to_local_naive(b)
        if b < a:
            return -self.working_time_between(b, a)
        total = timedelta(0)
        day = a.date()
        while day <= b.date():
            for opening, closing in self.sessions_on(day):
                begin, end = max(opening, a), min(closing, b)
                if end > begin:
                    total += end - begin
            day += timedelta(days=1)
        return total

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Working hours from ``a`` to ``b`` as a float (negative if ``b`` is before ``a``).

        Typical uses: "accept or request correction within 8 working hours" alarms, and how far past its
        due time a dossier is (``working_hours_between(due, now) > 0`` means overdue).
        """
        return self.working_time_between(a, b) / timedelta(hours=1)

    def due(self, received_at: datetime, limit: TimeLimit, cutoff: time | None = time(15, 0)) -> datetime:
        """Due date/time of a dossier; see :func:`compute_due`."""
        start = self.clock_start(received_at, cutoff)
        unit = limit.unit
        if unit is TimeUnit.SAME_DAY:
            return self.closing_of(start)
        if unit is TimeUnit.WORKING_HOURS:
            return self.add_working_hours(start, limit.amount)
        if unit is TimeUnit.WORKING_DAYS:
            return self.add_working_hours(start, limit.amount * self.office_hours.hours_per_working_day)
        if unit is TimeUnit.CALENDAR_DAYS:
            return self._calendar_days_due(start.date(), limit.amount, limit.skip_holidays)
        raise ValueError(f"Đơn vị thời hạn không hỗ trợ: {unit!r}")

    def _calendar_days_due(self, first_day: date, amount: int, skip_holidays: bool) -> datetime:
        # Counting starts the day after the (effective) day of receipt, as for any period in days
        # (Bộ luật Dân sự 2015 Điều 147). With skip_holidays, listed holiday weekdays are not counted;
        # weekends always are.
        # Terminates: only the finitely many listed weekdays are ever skipped.
        day = first_day
        counted = 0
        while counted < amount:
            day += timedelta(days=1)
            if not (skip_holidays and self.calendar.is_holiday(day)):
                counted += 1
        # A due date on a day the office is closed moves to the next working day.
        return self.closing_of(self.calendar.next_working_day(day, include_today=True))


def compute_due(
    received_at: datetime,
    limit: TimeLimit,
    calendar: WorkingCalendar,
    office_hours: OfficeHours | None = None,
    cutoff: time | None = time(15, 0),
) -> datetime:
    """Due date/time ("ngày hẹn trả") of a dossier received at ``received_at`` (naive Vietnam time).

    The clock start follows :meth:`WorkClock.clock_start` (cut-off, opening hours, non-working days). Then:

    * ``WORKING_DAYS``: add amount × ``hours_per_working_day`` (8) working hours.
    * ``WORKING_HOURS``: add amount working hours.
    * ``SAME_DAY``: closing time of the day the clock starts (so after the cut-off: next working day).
    * ``CALENDAR_DAYS``: the day the clock starts + amount calendar days (listed holidays not counted if
      ``limit.skip_holidays``), moved to the next working day if the office is closed that day; due at
      closing time. Normally that is the day of receipt; after the cut-off or outside working days it is
      the next working day, the day the dossier counts as received.

    Pass ``cutoff=None`` for procedures without a cut-off.
    """
    clock = WorkClock(calendar, office_hours or OfficeHours())
    return clock.due(received_at, limit, cutoff)
