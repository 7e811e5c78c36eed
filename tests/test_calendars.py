"""Business calendars: named cases, conventions and bad input (rule calendar.business_time)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest

from partnerrules.calendars import (
    LAST_YEAR,
    BusinessCalendar,
    _instant_us,
    always_on_clock,
    support_hours_calendar,
    weekday_clock,
)
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    UnknownKeyError,
)

SP = ZoneInfo("America/Sao_Paulo")
NY = ZoneInfo("America/New_York")
H = timedelta(hours=1)
NINE_TO_SIX = {d: [(time(9), time(18))] for d in range(5)}


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[arg-type, misc]


@pytest.fixture(scope="module")
def br_sp() -> BusinessCalendar:
    return support_hours_calendar("BR", "SP", zone=SP)


# -- the POLICIES examples ----------------------------------------------------------------


@pytest.mark.rule("appb.first_response.one_business_day")
def test_a_ticket_opened_after_hours_before_a_holiday_is_due_at_the_end_of_the_next_open_day(
    br_sp: BusinessCalendar,
) -> None:
    """appb.first_response.one_business_day: Thu 2026-11-19 20:00 -> clock Mon 09:00, due 18:00."""
    opened = at(SP, 2026, 11, 19, 20)
    assert br_sp.next_open(opened) == at(SP, 2026, 11, 23, 9)
    assert br_sp.add_business_days(opened, 1) == at(SP, 2026, 11, 23, 18)
    assert br_sp.add(br_sp.next_open(opened), 9 * H) == at(SP, 2026, 11, 23, 18)
    assert (
        br_sp.closure_reason(date(2026, 11, 20)) == "Dia Nacional de Zumbi e da Consciência Negra"
    )


@pytest.mark.rule("appb.support.hours")
def test_support_hours_are_weekdays_nine_to_six_except_local_holidays(
    br_sp: BusinessCalendar,
) -> None:
    """appb.support.hours: Monday-Friday 09:00-18:00 local time, local holidays closed."""
    week = [br_sp.open_time_on(date(2026, 11, 16) + timedelta(days=k)) for k in range(7)]
    assert week == [9 * H, 9 * H, 9 * H, 9 * H, timedelta(0), timedelta(0), timedelta(0)]
    assert br_sp.is_open(at(SP, 2026, 11, 16, 9))
    assert not br_sp.is_open(at(SP, 2026, 11, 16, 18))
    assert not br_sp.is_open(at(SP, 2026, 11, 16, 8, 59))
    # 9 July is a São Paulo state holiday, not a Rio one.
    assert br_sp.closure_reason(date(2026, 7, 9)) == "Revolução Constitucionalista"
    rio = support_hours_calendar("BR", "RJ", zone=SP)
    assert rio.closure_reason(date(2026, 7, 9)) is None
    assert rio.open_time_on(date(2026, 7, 9)) == 9 * H


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_the_weekday_clock_runs_all_day_on_weekdays_and_stops_at_the_weekend() -> None:
    """zoho.sla.weekday_clock: 24 h Monday-Friday; Saturday 10:00 + 3 h lands Monday 03:00."""
    clock = weekday_clock(SP)
    assert clock.add(at(SP, 2026, 11, 21, 10), 3 * H) == at(SP, 2026, 11, 23, 3)
    assert clock.open_time_on(date(2026, 11, 20)) == 24 * H  # Consciência Negra: no holidays
    assert clock.add_business_days(at(SP, 2026, 11, 20, 10), 1) == at(SP, 2026, 11, 23, 10)


@pytest.mark.rule("omid.support.always_on")
def test_the_always_on_clock_measures_plain_elapsed_time() -> None:
    """omid.support.always_on: a 24x7 clock; business time is wall time."""
    clock = always_on_clock(SP)
    start = at(SP, 2026, 11, 21, 10)
    assert clock.add(start, 3 * H) == at(SP, 2026, 11, 21, 13)
    assert clock.elapsed(start, at(SP, 2027, 11, 21, 10)) == timedelta(days=365)
    assert always_on_clock().zone == ZoneInfo("UTC")


# -- holidays ---------------------------------------------------------------------------------


@pytest.mark.rule("calendar.business_time")
@pytest.mark.parametrize("year", [2024, 2026])
def test_consciencia_negra_closes_brazil_on_20_november(year: int) -> None:
    """calendar.business_time: 20 November is a national holiday from 2024 on."""
    national = support_hours_calendar("BR", zone=SP)
    assert national.closure_reason(date(year, 11, 20)) == (
        "Dia Nacional de Zumbi e da Consciência Negra"
    )
    assert national.open_intervals(date(year, 11, 20)) == ()


@pytest.mark.rule("calendar.business_time")
def test_carnival_closes_sao_paulo_only_when_the_optional_category_is_opted_in() -> None:
    """calendar.business_time: Carnival (16-17 Feb 2026) is optional in SP, public in RJ."""
    plain = support_hours_calendar("BR", "SP", zone=SP)
    opted = support_hours_calendar("BR", "SP", zone=SP, categories=["optional"])
    rio = support_hours_calendar("BR", "RJ", zone=SP)
    carnival_tuesday = date(2026, 2, 17)
    assert plain.open_time_on(carnival_tuesday) == 9 * H
    assert plain.closure_reason(carnival_tuesday) is None
    assert opted.open_time_on(carnival_tuesday) == timedelta(0)
    assert opted.closure_reason(carnival_tuesday) == "Carnaval"
    assert rio.closure_reason(carnival_tuesday) == "Carnaval"
    assert rio.open_time_on(date(2026, 2, 16)) == 9 * H  # Carnival Monday stays optional in RJ


@pytest.mark.rule("calendar.business_time")
def test_15_november_on_a_sunday_has_no_observed_monday(br_sp: BusinessCalendar) -> None:
    """calendar.business_time: Brazil does not move holidays; Mon 16 Nov 2026 is open."""
    assert date(2026, 11, 15).weekday() == 6
    assert br_sp.closure_reason(date(2026, 11, 15)) == "Proclamação da República"
    assert br_sp.open_time_on(date(2026, 11, 16)) == 9 * H


@pytest.mark.rule("calendar.business_time")
def test_sao_paulo_capital_adds_the_city_anniversary_to_the_state_holidays() -> None:
    """calendar.business_time: 'São Paulo Capital' is a subdivision of the holidays package."""
    city = support_hours_calendar("BR", "São Paulo Capital", zone=SP)
    assert city.closure_reason(date(2027, 1, 25)) == "Aniversário da Cidade de São Paulo"
    assert city.closure_reason(date(2027, 7, 9)) == "Revolução Constitucionalista"


def test_a_subdivision_alias_builds_the_same_calendar_as_its_code() -> None:
    by_name = support_hours_calendar("br", "São Paulo", zone="America/Sao_Paulo")
    by_code = support_hours_calendar("BR", "SP", zone=SP)
    assert by_name == by_code
    assert hash(by_name) == hash(by_code)
    assert by_name.subdivision == "SP"


@pytest.mark.rule("calendar.business_time")
def test_special_hours_open_a_holiday_partly_and_closures_shut_an_ordinary_day() -> None:
    """calendar.business_time: Ash Wednesday from 13:00 and 24 Dec until 12:00."""
    cal = BusinessCalendar(
        SP,
        NINE_TO_SIX,
        country="BR",
        subdivision="SP",
        categories=("optional",),
        special_hours={
            date(2026, 2, 18): [(time(13), time(18))],
            date(2026, 12, 24): [(time(9), time(12))],
        },
        closures=[date(2026, 12, 28)],
    )
    assert cal.open_time_on(date(2026, 2, 18)) == 5 * H
    assert cal.closure_reason(date(2026, 2, 18)) is None
    assert cal.next_open(at(SP, 2026, 2, 18, 9)) == at(SP, 2026, 2, 18, 13)
    assert cal.open_time_on(date(2026, 12, 24)) == 3 * H
    assert cal.closure_reason(date(2026, 12, 28)) == "closure"
    # Thu 24 Dec 11:00 + 2 h: one hour on the 24th, Christmas, weekend, closure, Tue 29th 10:00.
    assert cal.add(at(SP, 2026, 12, 24, 11), 2 * H) == at(SP, 2026, 12, 29, 10)


# -- conventions --------------------------------------------------------------------------------


@pytest.mark.rule("calendar.business_time")
def test_work_that_ends_at_closing_is_due_at_closing_not_at_the_next_opening(
    br_sp: BusinessCalendar,
) -> None:
    """calendar.business_time: add returns the earliest instant; zero returns the start."""
    start = at(SP, 2026, 11, 24, 9)
    assert br_sp.add(start, 9 * H) == at(SP, 2026, 11, 24, 18)
    assert br_sp.add(start, timedelta(0)) == start
    saturday = at(SP, 2026, 11, 28, 12)
    assert br_sp.add(saturday, timedelta(0)) == saturday
    assert br_sp.add(saturday, timedelta(microseconds=1)) == at(SP, 2026, 11, 30, 9, 0) + timedelta(
        microseconds=1
    )


@pytest.mark.rule("calendar.business_time")
def test_going_backwards_lands_on_an_opening_not_on_the_previous_closing(
    br_sp: BusinessCalendar,
) -> None:
    """calendar.business_time: negative durations mirror positive ones."""
    monday_ten = at(SP, 2026, 11, 30, 10)
    assert br_sp.add(monday_ten, -H) == at(SP, 2026, 11, 30, 9)
    assert br_sp.add(monday_ten, -2 * H) == at(SP, 2026, 11, 27, 17)
    assert br_sp.elapsed(monday_ten, at(SP, 2026, 11, 27, 17)) == -2 * H
    assert br_sp.add_business_days(at(SP, 2026, 11, 28, 12), -1) == at(SP, 2026, 11, 27, 9)


def test_results_come_back_in_the_calendar_zone_whatever_the_zone_of_the_input(
    br_sp: BusinessCalendar,
) -> None:
    start = datetime(2026, 11, 24, 12, tzinfo=UTC)  # 09:00 in São Paulo
    result = br_sp.add(start, H)
    assert result.tzinfo is SP
    assert result == at(SP, 2026, 11, 24, 10)
    assert br_sp.next_open(start).tzinfo is SP
    assert br_sp.add(start, timedelta(0)).tzinfo is SP


def test_business_days_keep_the_position_in_the_day_and_clamp_on_a_short_day() -> None:
    cal = BusinessCalendar(
        SP, NINE_TO_SIX, special_hours={date(2026, 12, 24): [(time(9), time(12))]}
    )
    assert cal.add_business_days(at(SP, 2026, 12, 22, 14), 1) == at(SP, 2026, 12, 23, 14)
    assert cal.add_business_days(at(SP, 2026, 12, 23, 14), 1) == at(SP, 2026, 12, 24, 12)
    assert cal.add_business_days(at(SP, 2026, 12, 23, 10), 1) == at(SP, 2026, 12, 24, 10)
    assert cal.add_business_days(at(SP, 2026, 12, 28, 14), -2) == at(SP, 2026, 12, 24, 12)
    # Across a year boundary, and zero days.
    assert cal.add_business_days(at(SP, 2026, 12, 31, 10), 1) == at(SP, 2027, 1, 1, 10)
    assert cal.add_business_days(at(SP, 2027, 1, 1, 10), -1) == at(SP, 2026, 12, 31, 10)
    assert cal.add_business_days(at(SP, 2027, 1, 2, 10), 0) == at(SP, 2027, 1, 2, 10)


def test_business_days_from_a_closed_start_begin_at_the_next_opening() -> None:
    cal = BusinessCalendar(SP, NINE_TO_SIX)
    friday_evening = at(SP, 2026, 12, 4, 20)
    assert cal.add_business_days(friday_evening, 1) == at(SP, 2026, 12, 7, 18)
    assert cal.add_business_days(friday_evening, 2) == at(SP, 2026, 12, 8, 18)
    assert cal.add_business_days(friday_evening, -1) == at(SP, 2026, 12, 4, 9)
    new_year_eve = at(SP, 2026, 12, 31, 19)  # a Thursday evening; next opening Fri 1 Jan
    assert cal.add_business_days(new_year_eve, 1) == at(SP, 2027, 1, 1, 18)


def test_open_intervals_of_a_day_with_a_lunch_break() -> None:
    cal = BusinessCalendar(SP, {0: [(time(13), time(18)), (time(9), time(12))]})
    monday = date(2026, 11, 23)
    assert cal.open_intervals(monday) == (
        (at(SP, 2026, 11, 23, 9), at(SP, 2026, 11, 23, 12)),
        (at(SP, 2026, 11, 23, 13), at(SP, 2026, 11, 23, 18)),
    )
    assert cal.open_time_on(monday) == 8 * H
    assert cal.next_open(at(SP, 2026, 11, 23, 12)) == at(SP, 2026, 11, 23, 13)


def test_a_calendar_is_a_value_its_compiled_years_do_not_count() -> None:
    a = support_hours_calendar("BR", "SP", zone=SP)
    b = support_hours_calendar("BR", "SP", zone=SP)
    a.add(at(SP, 2026, 11, 24, 9), 1000 * H)  # compiles years in a only
    assert a == b
    assert hash(a) == hash(b)
    assert repr(a) == repr(b)
    assert "_timeline" not in repr(a)
    c = attrs.evolve(a, closures=[date(2026, 11, 24)])
    assert c != a
    assert c.open_time_on(date(2026, 11, 24)) == timedelta(0)
    assert len({a, b, c}) == 2


# -- DST ------------------------------------------------------------------------------------------


@pytest.mark.rule("calendar.business_time")
def test_sao_paulo_nonexistent_midnight_of_4_november_2018_opens_at_01_00() -> None:
    """calendar.business_time: a wall time in a gap maps to the first instant after the gap."""
    clock = always_on_clock(SP)
    ((opens, closes),) = clock.open_intervals(date(2018, 11, 4))
    assert (opens.hour, opens.utcoffset()) == (1, timedelta(hours=-2))
    assert opens == datetime(2018, 11, 4, 3, tzinfo=UTC)
    assert closes == at(SP, 2018, 11, 5, 0)
    assert clock.open_time_on(date(2018, 11, 4)) == 23 * H
    assert clock.open_time_on(date(2018, 11, 3)) == 24 * H
    office = BusinessCalendar(SP, {6: [(time(0), time(2))]})  # Sundays 00:00-02:00
    assert office.open_time_on(date(2018, 11, 4)) == H
    assert office.elapsed(at(SP, 2018, 11, 3, 12), at(SP, 2018, 11, 5, 12)) == H


@pytest.mark.rule("calendar.business_time")
def test_us_spring_forward_and_fall_back_nights_have_their_true_length() -> None:
    """calendar.business_time: a 24x7 day lasts 23 h or 25 h; a night shift 7 h or 9 h."""
    clock = always_on_clock(NY)
    assert clock.open_time_on(date(2026, 3, 8)) == 23 * H
    assert clock.open_time_on(date(2026, 11, 1)) == 25 * H
    assert clock.add(at(NY, 2026, 3, 8, 0), 3 * H) == at(NY, 2026, 3, 8, 4)
    assert clock.add(at(NY, 2026, 11, 1, 0), 3 * H) == at(NY, 2026, 11, 1, 2)
    night = BusinessCalendar(
        NY, {d: [(time(0), time(6)), (time(22), time(0))] for d in range(7)}
    )  # 22:00-06:00 every night
    spring = night.elapsed(at(NY, 2026, 3, 7, 21), at(NY, 2026, 3, 8, 7))
    autumn = night.elapsed(at(NY, 2026, 10, 31, 21), at(NY, 2026, 11, 1, 7))
    assert (spring, autumn) == (7 * H, 9 * H)
    assert night.add(at(NY, 2026, 3, 7, 22), 7 * H) == at(NY, 2026, 3, 8, 6)
    assert night.add(at(NY, 2026, 10, 31, 22), 8 * H) == at(NY, 2026, 11, 1, 5)
    assert night.is_open(at(NY, 2026, 11, 1, 1, 30).replace(fold=1))


def test_a_nine_to_six_day_stays_nine_hours_when_the_clocks_change() -> None:
    cal = BusinessCalendar(NY, {6: [(time(0), time(4))], 0: [(time(9), time(18))]})
    assert cal.open_time_on(date(2026, 3, 8)) == 3 * H  # 02:00-03:00 does not exist
    assert cal.open_time_on(date(2026, 11, 1)) == 5 * H  # 01:00-02:00 happens twice
    assert cal.open_time_on(date(2026, 3, 9)) == 9 * H


# -- horizon ------------------------------------------------------------------------------------------


@pytest.mark.rule("calendar.business_time")
def test_adding_past_the_holiday_horizon_raises_instead_of_guessing(
    br_sp: BusinessCalendar,
) -> None:
    """calendar.business_time: the holiday data stops at 2100; so does the calendar."""
    late = at(SP, LAST_YEAR, 12, 29, 10)
    assert br_sp.add(late, 10 * H).date() == date(LAST_YEAR, 12, 30)
    with pytest.raises(HorizonError, match=r"'duration' must be within the calendar horizon"):
        br_sp.add(late, 100 * H)
    with pytest.raises(HorizonError, match=r"local years 1970 to 2100"):
        br_sp.add(at(SP, 1970, 1, 2, 10), -100 * H)
    with pytest.raises(HorizonError, match=r"'n' must be within the calendar horizon"):
        br_sp.add_business_days(late, 5)
    with pytest.raises(HorizonError, match=r"'at' must be within"):
        br_sp.next_open(at(SP, LAST_YEAR, 12, 31, 19))
    # The integer fast paths shared with partnerrules.sla refuse the same way.
    late_us = _instant_us(late)
    assert br_sp._from_us(br_sp._add_us(late_us, 10 * 3_600_000_000)) == at(
        SP, LAST_YEAR, 12, 30, 11
    )
    with pytest.raises(HorizonError, match=r"'duration' must be within the calendar horizon"):
        br_sp._add_us(late_us, 100 * 3_600_000_000)
    with pytest.raises(HorizonError, match=r"'start' must be within.*1969"):
        br_sp._add_us(_instant_us(at(SP, 1969, 6, 1)), 1)
    with pytest.raises(HorizonError, match=r"'end' must be within.*2101"):
        br_sp._elapsed_us(late_us, _instant_us(at(SP, LAST_YEAR + 1, 3, 1)))


def test_an_instant_just_past_new_year_in_utc_still_belongs_to_the_last_local_year() -> None:
    clock = always_on_clock(SP)
    instant = datetime(LAST_YEAR + 1, 1, 1, 2, tzinfo=UTC)  # 23:00 on 31 Dec 2100 in São Paulo
    assert clock.is_open(instant)
    assert clock.add(instant, 30 * timedelta(minutes=1)) == at(SP, LAST_YEAR, 12, 31, 23, 30)


# -- bad input -----------------------------------------------------------------------------------------

NAIVE = datetime(2026, 11, 23, 10)
AWARE = at(SP, 2026, 11, 23, 10)


def _cal() -> BusinessCalendar:
    return BusinessCalendar(SP, NINE_TO_SIX)


BAD_INPUT = [
    # (what, call, error type, message)
    ("naive start", lambda: _cal().add(NAIVE, H), NaiveDatetimeError,
     r"'start' must be an aware datetime \(with tzinfo\) \(got datetime.datetime\(2026, 11, 23"),
    ("naive at", lambda: _cal().is_open(NAIVE), NaiveDatetimeError, r"'at' must be an aware"),
    ("naive end", lambda: _cal().elapsed(AWARE, NAIVE), NaiveDatetimeError,
     r"'end' must be an aware datetime.*attach a zone"),
    ("date for datetime", lambda: _cal().next_open(date(2026, 1, 1)), InvalidTypeError,  # type: ignore[arg-type]
     r"'at' must be an aware datetime.datetime \(got date datetime.date\(2026, 1, 1\)\)"),
    ("float duration", lambda: _cal().add(AWARE, 3.5), InvalidTypeError,  # type: ignore[arg-type]
     r"'duration' must be a datetime.timedelta \(got float 3.5\)"),
    ("str days", lambda: _cal().add_business_days(AWARE, "2"), InvalidTypeError,  # type: ignore[arg-type]
     r"'n' must be an int \(got str '2'\)"),
    ("datetime for day", lambda: _cal().open_intervals(AWARE), InvalidTypeError,
     r"'day' must be a datetime.date \(not a datetime\)"),
    ("unknown zone", lambda: BusinessCalendar("America/Sao_Paolo", NINE_TO_SIX),
     UnknownKeyError, r"unknown zone 'America/Sao_Paolo': did you mean 'America/Sao_Paulo'"),
    ("directory zone", lambda: BusinessCalendar("America", NINE_TO_SIX), UnknownKeyError,
     r"unknown zone 'America'"),
    ("zone of wrong type", lambda: BusinessCalendar(UTC, NINE_TO_SIX), InvalidTypeError,  # type: ignore[arg-type]
     r"'zone' must be a zoneinfo.ZoneInfo or an IANA zone name \(got timezone"),
    ("unknown country", lambda: support_hours_calendar("BRR", zone=SP), UnknownKeyError,
     r"unknown country 'BRR': did you mean 'BR'"),
    ("unknown subdivision", lambda: support_hours_calendar("BR", "SPP", zone=SP),
     UnknownKeyError, r"unknown subdivision 'SPP': did you mean 'SP'.*for country 'BR'"),
    ("unknown subdivision name", lambda: support_hours_calendar("BR", "Sao Paulo", zone=SP),
     UnknownKeyError, r"unknown subdivision 'Sao Paulo': did you mean 'São Paulo'"),
    ("unknown category", lambda: support_hours_calendar("BR", zone=SP, categories=["optinal"]),
     UnknownKeyError, r"unknown category 'optinal': did you mean 'optional'"),
    ("categories as a string", lambda: support_hours_calendar("BR", zone=SP, categories="optional"),
     InvalidTypeError, r"'categories' must be an iterable of category names"),
    ("subdivision without country", lambda: BusinessCalendar(SP, NINE_TO_SIX, subdivision="SP"),
     InvalidValueError, r"'subdivision' must be None when no country is given \(got 'SP'\)"),
    ("inverted interval", lambda: BusinessCalendar(SP, {0: [(time(18), time(9))]}),
     InvalidValueError,
     r"'weekly_hours\[0\]\[0\]' must be an \(open, close\) pair with open before close.*midnight"),
    ("empty interval", lambda: BusinessCalendar(SP, {0: [(time(9), time(9))]}),
     InvalidValueError, r"'weekly_hours\[0\]\[0\]' must be an \(open, close\) pair with open"),
    ("overlapping intervals",
     lambda: BusinessCalendar(SP, {2: [(time(9), time(13)), (time(12), time(18))]}),
     InvalidValueError, r"'weekly_hours\[2\]' must be non-overlapping intervals.*overlaps"),
    ("overlap with an until-midnight interval",
     lambda: BusinessCalendar(SP, {2: [(time(20), time(0)), (time(21), time(22))]}),
     InvalidValueError, r"'weekly_hours\[2\]' must be non-overlapping intervals"),
    ("overlapping special hours",
     lambda: BusinessCalendar(SP, NINE_TO_SIX,
                              special_hours={date(2026, 12, 24): [(time(9), time(12)),
                                                                   (time(11), time(13))]}),
     InvalidValueError, r"'special_hours\[2026-12-24\]' must be non-overlapping"),
    ("weekday out of range", lambda: BusinessCalendar(SP, {7: [(time(9), time(18))]}),
     InvalidValueError, r"'weekly_hours' must be a weekday from 0 \(Monday\) to 6 \(Sunday\)"),
    ("weekday name", lambda: BusinessCalendar(SP, {"mon": [(time(9), time(18))]}),  # type: ignore[dict-item]
     InvalidTypeError, r"'weekly_hours' must be int weekday keys"),
    ("hours as strings", lambda: BusinessCalendar(SP, {0: [("09:00", "18:00")]}),  # type: ignore[list-item]
     InvalidTypeError, r"'weekly_hours\[0\]\[0\]' must be an \(open, close\) pair of datetime.time"),
    ("aware wall time", lambda: BusinessCalendar(SP, {0: [(time(9, tzinfo=UTC), time(18))]}),
     InvalidValueError, r"'weekly_hours\[0\]\[0\]' must be naive local wall times"),
    ("never open", lambda: BusinessCalendar(SP, {}), InvalidValueError,
     r"'weekly_hours' must be at least one open interval.*never open"),
    ("closure as a string", lambda: BusinessCalendar(SP, NINE_TO_SIX, closures=["2026-12-24"]),  # type: ignore[list-item]
     InvalidTypeError, r"'closures' must be a datetime.date \(not a datetime\) \(got str"),
    ("closed and special", lambda: BusinessCalendar(
        SP, NINE_TO_SIX, closures=[date(2026, 12, 24)],
        special_hours={date(2026, 12, 24): [(time(9), time(12))]}),
     InvalidValueError, r"'closures' must be a date without special_hours"),
    ("date past the horizon", lambda: _cal().open_time_on(date(2101, 1, 3)), HorizonError,
     r"'day' must be within the calendar horizon, local years 1970 to 2100.*\(got datetime.date\(2101"),
    ("instant before the horizon", lambda: _cal().is_open(at(SP, 1969, 6, 1)), HorizonError,
     r"'at' must be within the calendar horizon"),
    ("closure reason past the horizon", lambda: _cal().closure_reason(date(2101, 1, 1)),
     HorizonError, r"'day' must be within the calendar horizon"),
]  # fmt: skip


@pytest.mark.rule("calendar.business_time")
@pytest.mark.parametrize(
    ("call", "error", "message"),
    [pytest.param(c, e, m, id=w) for w, c, e, m in BAD_INPUT],
)
def test_bad_input_is_refused_with_a_typed_error_that_names_the_field(
    call: object, error: type[Exception], message: str
) -> None:
    """calendar.business_time: every refusal names the field, the value and what is allowed."""
    with pytest.raises(error, match=message) as caught:
        call()  # type: ignore[operator]
    assert not isinstance(caught.value, KeyError | AttributeError | IndexError)


def test_an_unknown_country_lists_its_suggestions_as_data() -> None:
    with pytest.raises(UnknownKeyError) as caught:
        support_hours_calendar("BRA", zone=SP)
    assert "BR" in caught.value.suggestions
    assert re.search(r"did you mean 'BR'", str(caught.value))
