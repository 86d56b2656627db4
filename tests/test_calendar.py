"""Working-day calendar and due-date arithmetic.

Default office hours: 07:00–11:30 (4.5 h) and 13:30–17:00 (3.5 h) = 8 h = 1 working day; cut-off 15:00.
Every expected value below was worked out by hand; the comment on each line shows the sum.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone

import pytest

from desk_app.domain.calendar import (
    CalendarDataError,
    OfficeHours,
    WorkClock,
    WorkingCalendar,
    compute_due,
)
from desk_app.domain.time_limits import TimeLimit, TimeUnit

WD = TimeUnit.WORKING_DAYS


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return WorkingCalendar.load()


@pytest.fixture(scope="module")
def clock(cal) -> WorkClock:
    return WorkClock(cal, OfficeHours())


def due(cal, received: datetime, amount: int, unit=WD, *, skip_holidays=False, cutoff=time(15, 0),
        office_hours: OfficeHours | None = None) -> datetime:
    return compute_due(received, TimeLimit(amount, unit, skip_holidays), cal, office_hours or OfficeHours(),
                       cutoff)


# ---- shipped data ----------------------------------------------------------------------------------------


def test_shipped_years_load_and_2027_is_provisional(cal):
    assert {2025, 2026, 2027} <= set(cal.years)
    assert cal.is_provisional(2027)
    assert not cal.is_provisional(2026)
    assert cal.year_info(2026).sources  # every file cites its sources


def test_shipped_non_working_days_are_weekdays(cal):
    # The files list only weekdays (weekends are off anyway); a weekend here would hint at a typo.
    for year in cal.years:
        for day in cal.year_info(year).non_working_days:
            assert day.weekday() < 5, f"{day} in vn-{year}.json is a weekend day"


def test_2026_tet_break(cal):
    # Off Sat 14/02 – Sun 22/02/2026; Fri 13/02 and Mon 23/02 are working days.
    assert cal.is_working_day(date(2026, 2, 13))
    for d in range(14, 23):
        assert not cal.is_working_day(date(2026, 2, d))
    assert cal.is_working_day(date(2026, 2, 23))
    assert "Tết" in cal.holiday_name(date(2026, 2, 17))


def test_2026_new_year_swap(cal):
    # Văn bản 12729/VPCP-KGVX: Fri 02/01/2026 off, Sat 10/01/2026 worked instead.
    assert not cal.is_working_day(date(2026, 1, 2))
    assert cal.is_working_day(date(2026, 1, 10))


# ---- WORKING_DAYS across holidays ------------------------------------------------------------------------


def test_due_across_tet_2026(cal):
    # Fri 13/02 09:00: 2.5 h + 3.5 h = 6 h (18 left); 14–22/02 off; Mon 23/02 8 h (10); Tue 24/02 8 h (2);
    # Wed 25/02 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2026, 2, 13, 9, 0), 3) == datetime(2026, 2, 25, 9, 0)


def test_due_across_30_4_and_1_5_2026(cal):
    # Wed 29/04 10:00: 1.5 h + 3.5 h = 5 h (11 left); Thu 30/04, Fri 01/05, weekend off; Mon 04/05 8 h (3);
    # Tue 05/05 07:00 + 3 h = 10:00.
    assert due(cal, datetime(2026, 4, 29, 10, 0), 2) == datetime(2026, 5, 5, 10, 0)


def test_gio_to_compensatory_monday_2026(cal):
    # Giỗ Tổ 10/3 âm lịch = Sun 26/04/2026 -> Mon 27/04 is the compensatory day off.
    assert cal.is_working_day(date(2026, 4, 24))
    assert not cal.is_working_day(date(2026, 4, 27))
    assert "Giỗ Tổ" in cal.holiday_name(date(2026, 4, 27))
    # Fri 24/04 16:00 is after the cut-off; next working day is Tue 28/04 (Mon 27 off): 07:00 + 8 h = 17:00.
    assert due(cal, datetime(2026, 4, 24, 16, 0), 1) == datetime(2026, 4, 28, 17, 0)
    # Fri 24/04 08:00: 3.5 + 3.5 = 7 h (17 left); Mon off; Tue 28 8 h (9); Wed 29 8 h (1);
    # 30/04–03/05 off; Mon 04/05 07:00 + 1 h = 08:00.
    assert due(cal, datetime(2026, 4, 24, 8, 0), 3) == datetime(2026, 5, 4, 8, 0)


def test_quoc_khanh_2026(cal):
    # Off Sat 29/08 – Wed 02/09 (Mon 31/08 swapped, Tue 01/09 + Wed 02/09 Quốc khánh).
    for d in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        assert not cal.is_working_day(d)
    # Fri 28/08 09:00: 6 h (10 left); 29/08–02/09 off; Thu 03/09 8 h (2); Fri 04/09 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2026, 8, 28, 9, 0), 2) == datetime(2026, 9, 4, 9, 0)


def test_make_up_saturday_22_08_2026_counts(cal):
    assert cal.is_working_day(date(2026, 8, 22))
    assert not cal.is_working_day(date(2026, 8, 29))  # an ordinary Saturday stays off
    # Fri 21/08 14:00: 3 h (13 left); Sat 22/08 worked 8 h (5); Sun off; Mon 24/08 4.5 h (0.5);
    # afternoon 13:30 + 0.5 h = 14:00.
    assert due(cal, datetime(2026, 8, 21, 14, 0), 2) == datetime(2026, 8, 24, 14, 0)
    # Received on the make-up Saturday itself at 09:00: the clock runs at once; 2.5 + 3.5 = 6 h (2 left);
    # Mon 24/08 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2026, 8, 22, 9, 0), 1) == datetime(2026, 8, 24, 9, 0)


def test_2025_with_working_saturday_26_04(cal):
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))  # swapped with 26/04
    assert not cal.is_working_day(date(2025, 1, 27))  # Tết Ất Tỵ
    # Fri 25/04 09:00: 6 h (18 left); Sat 26/04 8 h (10); Mon 28/04 8 h (2); Tue 29/04 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2025, 4, 25, 9, 0), 3) == datetime(2025, 4, 29, 9, 0)
    # 5 days = 40 h: Fri 6 (34), Sat 8 (26), Mon 8 (18), Tue 8 (10); Wed 30/04–Sun 04/05 off;
    # Mon 05/05 8 (2); Tue 06/05 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2025, 4, 25, 9, 0), 5) == datetime(2025, 5, 6, 9, 0)


# ---- clock start: cut-off, lunch gap, Saturday reception ----------------------------------------------------


def test_received_after_cutoff_starts_next_working_day(cal):
    # Mon 09/03/2026 15:30 > 15:00: clock starts Tue 10/03 07:00; + 8 h ends exactly at Tue 17:00.
    assert due(cal, datetime(2026, 3, 9, 15, 30), 1) == datetime(2026, 3, 10, 17, 0)
    # 15:00 sharp is not "after" the cut-off: Mon 15:00–17:00 = 2 h (6 left); Tue 07:00 + 6 h
    # = 4.5 h morning + 1.5 h afternoon = 15:00.
    assert due(cal, datetime(2026, 3, 9, 15, 0), 1) == datetime(2026, 3, 10, 15, 0)
    # Without a cut-off 15:30 counts the same day: 1.5 h (6.5 left); Tue 4.5 h (2) + 13:30 + 2 h = 15:30.
    assert due(cal, datetime(2026, 3, 9, 15, 30), 1, cutoff=None) == datetime(2026, 3, 10, 15, 30)


def test_received_before_opening_and_after_closing(clock):
    assert clock.clock_start(datetime(2026, 3, 9, 6, 15)) == datetime(2026, 3, 9, 7, 0)
    # After 17:00 (no cut-off): next morning.
    assert clock.clock_start(datetime(2026, 3, 9, 17, 0), cutoff=None) == datetime(2026, 3, 10, 7, 0)
    # Fri 13/02/2026 after closing: next working day is Mon 23/02 (Tết).
    assert clock.clock_start(datetime(2026, 2, 13, 18, 0)) == datetime(2026, 2, 23, 7, 0)


def test_received_in_lunch_gap(cal, clock):
    assert clock.clock_start(datetime(2026, 3, 10, 12, 15)) == datetime(2026, 3, 10, 13, 30)
    # Tue 10/03 12:15 -> 13:30; 3.5 h to 17:00 (0.5 left); Wed 11/03 07:00 + 0.5 h = 07:30.
    assert due(cal, datetime(2026, 3, 10, 12, 15), 4, TimeUnit.WORKING_HOURS) == datetime(2026, 3, 11, 7, 30)
    # Received at 11:30 sharp (morning close) also waits for 13:30.
    assert clock.clock_start(datetime(2026, 3, 10, 11, 30)) == datetime(2026, 3, 10, 13, 30)


def test_received_saturday_morning_reception(cal):
    hours = OfficeHours(saturday_morning_reception=True)
    clock = WorkClock(cal, hours)
    sat = datetime(2026, 3, 7, 9, 0)
    assert clock.is_reception_open(sat)  # the desk receives...
    assert not clock.is_open(sat)  # ...but the clock does not run on Saturday
    assert not clock.is_reception_open(datetime(2026, 3, 7, 14, 0))  # morning only
    assert not WorkClock(cal, OfficeHours()).is_reception_open(sat)  # closed without the option
    # Sat 07/03 09:00 -> clock starts Mon 09/03 07:00; + 8 h = Mon 17:00.
    assert due(cal, sat, 1, office_hours=hours) == datetime(2026, 3, 9, 17, 0)


# ---- other units -----------------------------------------------------------------------------------------


def test_same_day(cal):
    # Mon 09:00 -> Mon 17:00.
    assert due(cal, datetime(2026, 3, 9, 9, 0), 0, TimeUnit.SAME_DAY) == datetime(2026, 3, 9, 17, 0)
    # Mon 15:30 after the cut-off -> Tue 17:00.
    assert due(cal, datetime(2026, 3, 9, 15, 30), 0, TimeUnit.SAME_DAY) == datetime(2026, 3, 10, 17, 0)
    # Fri 13/02/2026 16:00 -> next working day Mon 23/02 (after Tết) 17:00.
    assert due(cal, datetime(2026, 2, 13, 16, 0), 0, TimeUnit.SAME_DAY) == datetime(2026, 2, 23, 17, 0)


def test_working_hours_unit(cal):
    # Mon 09/03 09:00 + 8 h: 2.5 h morning + 3.5 h afternoon (2 left); Tue 07:00 + 2 h = 09:00.
    assert due(cal, datetime(2026, 3, 9, 9, 0), 8, TimeUnit.WORKING_HOURS) == datetime(2026, 3, 10, 9, 0)


def test_calendar_days(cal):
    cd = TimeUnit.CALENDAR_DAYS
    # Mon 09/03 + 5 = Sat 14/03 (closed) -> Mon 16/03 17:00.
    assert due(cal, datetime(2026, 3, 9, 10, 0), 5, cd) == datetime(2026, 3, 16, 17, 0)
    # Fri 13/02 + 10 = Mon 23/02 (working) -> 17:00; Tết days are counted.
    assert due(cal, datetime(2026, 2, 13, 10, 0), 10, cd) == datetime(2026, 2, 23, 17, 0)
    # Fri 13/02 + 5 = Wed 18/02 (Tết) -> pushed to Mon 23/02 17:00.
    assert due(cal, datetime(2026, 2, 13, 10, 0), 5, cd) == datetime(2026, 2, 23, 17, 0)
    # skip_holidays: 14 Sat(1) 15 Sun(2) 16–20 skipped 21(3) 22(4) 23(5) 24(6) 25(7) 26(8) 27(9) 28 Sat(10)
    # -> Sat 28/02 closed -> Mon 02/03 17:00.
    assert due(cal, datetime(2026, 2, 13, 10, 0), 10, cd, skip_holidays=True) == datetime(2026, 3, 2, 17, 0)
    # After the cut-off the dossier counts as received Tue 10/03: + 1 = Wed 11/03 17:00.
    assert due(cal, datetime(2026, 3, 9, 15, 30), 1, cd) == datetime(2026, 3, 11, 17, 0)


# ---- add_working_hours / working_hours_between -------------------------------------------------------------


def test_ending_exactly_at_session_close_stays_there(clock):
    # 13:30 + 3.5 h = 17:00, not next morning 07:00.
    assert clock.add_working_hours(datetime(2026, 3, 9, 13, 30), 3.5) == datetime(2026, 3, 9, 17, 0)
    # 07:00 + 4.5 h = 11:30, not 13:30.
    assert clock.add_working_hours(datetime(2026, 3, 9, 7, 0), 4.5) == datetime(2026, 3, 9, 11, 30)
    # Start outside a session (Sun 08/03) begins at the next opening: Mon 07:00 + 1 h = 08:00.
    assert clock.add_working_hours(datetime(2026, 3, 8, 10, 0), 1) == datetime(2026, 3, 9, 8, 0)
    assert clock.add_working_hours(datetime(2026, 3, 9, 17, 0), 0) == datetime(2026, 3, 9, 17, 0)
    with pytest.raises(ValueError):
        clock.add_working_hours(datetime(2026, 3, 9, 9, 0), -1)


def test_working_hours_between(clock):
    # Mon 09/03 09:00 -> Tue 10/03 09:00: 2.5 + 3.5 + 2 = 8 h.
    assert clock.working_hours_between(datetime(2026, 3, 9, 9, 0), datetime(2026, 3, 10, 9, 0)) == 8
    # Fri 13/02 16:00 -> Mon 23/02 08:00 across Tết: 1 h + 1 h = 2 h.
    assert clock.working_hours_between(datetime(2026, 2, 13, 16, 0), datetime(2026, 2, 23, 8, 0)) == 2
    # Reversed order gives a negative number (overdue checks: between(due, now) > 0 means late).
    assert clock.working_hours_between(datetime(2026, 3, 10, 9, 0), datetime(2026, 3, 9, 9, 0)) == -8
    # Lunch gap and evening do not count: 11:00 -> 14:00 = 0.5 + 0.5 = 1 h.
    assert clock.working_hours_between(datetime(2026, 3, 9, 11, 0), datetime(2026, 3, 9, 14, 0)) == 1


def test_add_then_measure_round_trip(clock):
    start = datetime(2026, 2, 12, 10, 20)  # Thu before Tết
    end = clock.add_working_hours(start, 37.25)
    assert clock.working_hours_between(start, end) == pytest.approx(37.25)


# ---- time zones ----------------------------------------------------------------------------------------------


def test_aware_datetimes_are_converted_to_vietnam_time(cal):
    # 02:00 UTC = 09:00 in Vietnam (UTC+7): same due as a naive 09:00 receipt, returned naive.
    aware = datetime(2026, 3, 9, 2, 0, tzinfo=timezone.utc)
    result = due(cal, aware, 1)
    assert result == due(cal, datetime(2026, 3, 9, 9, 0), 1) == datetime(2026, 3, 10, 9, 0)
    assert result.tzinfo is None


# ---- out-of-range years ------------------------------------------------------------------------------------


def test_year_without_data_falls_back_to_monday_friday(cal):
    assert not cal.has_data_for(2030)
    assert not cal.covers(date(2030, 1, 1))
    assert cal.covers(date(2026, 6, 1))
    # Tue 01/01/2030 is really Tết Dương lịch, but without a file only weekends are known.
    assert cal.is_working_day(date(2030, 1, 1))
    assert not cal.is_working_day(date(2030, 1, 5))  # Saturday
    assert cal.holiday_name(date(2030, 1, 1)) is None
    # Fri 04/01/2030 16:00 after cut-off -> Mon 07/01 07:00 + 8 h = 17:00.
    assert due(cal, datetime(2030, 1, 4, 16, 0), 1) == datetime(2030, 1, 7, 17, 0)


def test_next_working_day(cal):
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert cal.next_working_day(date(2026, 3, 9)) == date(2026, 3, 10)
    assert cal.next_working_day(date(2026, 3, 9), include_today=True) == date(2026, 3, 9)
    assert cal.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)  # make-up Saturday


# ---- bad data files ----------------------------------------------------------------------------------------


def write(tmp_path, name: str, data) -> None:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    (tmp_path / name).write_text(text, encoding="utf-8")


def good(year=2026, **changes) -> dict:
    data = {
        "year": year,
        "sources": ["test"],
        "non_working_days": [{"date": f"{year}-09-02", "name": "Quốc khánh"}],
        "working_saturdays": [],
    }
    data.update(changes)
    return data


def test_loads_custom_directory(tmp_path):
    write(tmp_path, "vn-2026.json", good())
    write(tmp_path, "other.json", "not a calendar")  # ignored: not vn-*.json
    cal = WorkingCalendar.load(tmp_path)
    assert cal.years == (2026,)
    assert not cal.is_working_day(date(2026, 9, 2))


@pytest.mark.parametrize(
    "data, message",
    [
        (good(non_working_days=[{"date": "2026-02-30", "name": "x"}]), "không tồn tại"),
        (good(non_working_days=[{"date": "02/09/2026", "name": "x"}]), "YYYY-MM-DD"),
        (good(non_working_days=[{"date": "2025-09-02", "name": "x"}]), "không thuộc năm 2026"),
        (good(non_working_days=[{"date": "2026-09-02"}]), "thiếu tên"),
        (good(non_working_days=[{"date": "2026-09-02", "name": "a"}, {"date": "2026-09-02", "name": "b"}]),
         "lặp lại"),
        (good(working_saturdays=[{"date": "2026-09-02", "name": "x"}]), "vừa là ngày nghỉ vừa là ngày làm bù"),
        (good(working_saturdays=[{"date": "2026-09-03", "name": "x"}]), "không phải thứ Bảy"),
        (good(year=2025), "tên tệp ghi năm 2026"),
        (good(provisional="yes"), "provisional"),
        ("{ not json", "JSON"),
    ],
)
def test_bad_file_is_rejected_with_file_name(tmp_path, data, message):
    write(tmp_path, "vn-2026.json", data)
    with pytest.raises(CalendarDataError) as excinfo:
        WorkingCalendar.load(tmp_path)
    assert "vn-2026.json" in str(excinfo.value)
    assert message in str(excinfo.value)


def test_same_year_in_two_files(tmp_path):
    write(tmp_path, "vn-2026.json", good())
    write(tmp_path, "vn-2026-bo-sung.json", good())
    with pytest.raises(CalendarDataError, match="hai lần"):
        WorkingCalendar.load(tmp_path)


def test_missing_directory(tmp_path):
    with pytest.raises(CalendarDataError, match="Không tìm thấy"):
        WorkingCalendar.load(tmp_path / "nope")


# ---- office hours ------------------------------------------------------------------------------------------


def test_office_hours_from_config():
    hours = OfficeHours.from_config({"sessions": ["07:30-11:30", "13:00 – 17:00"],
                                     "saturday_morning_reception": True})
    assert hours.sessions == ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
    assert hours.saturday_morning_reception
    assert hours.hours_per_working_day == 8
    assert OfficeHours.from_config({}) == OfficeHours()


@pytest.mark.parametrize("sessions", [["7h-11h"], ["11:30-07:00"], ["07:00-11:30", "11:00-17:00"],
                                      ["25:00-26:00"], []])
def test_office_hours_bad_config(sessions):
    with pytest.raises(CalendarDataError):
        OfficeHours.from_config({"sessions": sessions})


def test_working_day_is_8_hours_even_with_shorter_sessions(cal):
    # Sessions 07:30–11:30 + 13:30–17:00 = 7.5 h a day, but 1 working day is still 8 h:
    # Mon 09/03 07:30 + 7.5 h = Mon 17:00 (0.5 left) -> Tue 07:30 + 0.5 h = 08:00.
    hours = OfficeHours.from_config({"sessions": ["07:30-11:30", "13:30-17:00"]})
    assert due(cal, datetime(2026, 3, 9, 7, 30), 1, office_hours=hours) == datetime(2026, 3, 10, 8, 0)


def test_no_saturday_morning_reception_on_a_weekend_inside_a_holiday_break(cal):
    # The data file lists only the weekdays of Tết 2026 (16–20/02); the weekends around and inside the break
    # are not named there, but the desk is closed on them all the same.
    clock = WorkClock(cal, OfficeHours(saturday_morning_reception=True))
    assert not clock.is_reception_open(datetime(2026, 2, 14, 9, 0))   # Sat before (Mon 16/02 is Tết)
    assert not clock.is_reception_open(datetime(2026, 2, 21, 9, 0))   # Sat inside (Fri 20/02 is Tết)
    assert clock.is_reception_open(datetime(2026, 2, 28, 9, 0))       # an ordinary Saturday after
