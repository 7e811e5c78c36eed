"""Calendar behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a documented rule of :class:`~partnerrules.calendars.BusinessCalendar`
that no other test checked where a changed operator or constant would show.
Expected values are computed independently with :mod:`datetime` arithmetic on
the wall times given, never copied from the calendar's output.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import InvalidTypeError, InvalidValueError
from partnerrules.calendars import BusinessCalendar

pytestmark = pytest.mark.rule("calendar.business_time")

UTC = ZoneInfo("UTC")
MONDAY = dt.date(2026, 11, 23)


def _span(opens: dt.time, closes: dt.time) -> dt.timedelta:
    """close - open on one day, with datetime arithmetic (not the calendar's)."""
    return dt.datetime.combine(MONDAY, closes) - dt.datetime.combine(MONDAY, opens)


wall_times = st.times(min_value=dt.time(0, 0, 0, 1))


@given(a=wall_times, b=wall_times)
def test_open_time_counts_seconds_and_microseconds_of_the_wall_times(a: dt.time, b: dt.time):
    """Business time is the real time inside the intervals, to the microsecond.

    Opening hours may be any wall time, seconds and microseconds included: a
    day open from *a* to *b* has exactly ``b - a`` of open time, and is open at
    *a* but not one microsecond before it (intervals are half-open).
    """
    opens, closes = min(a, b), max(a, b)
    if opens == closes:
        return
    cal = BusinessCalendar(UTC, {0: [(opens, closes)]})
    assert cal.open_time_on(MONDAY) == _span(opens, closes)
    at = dt.datetime.combine(MONDAY, opens, tzinfo=UTC)
    assert cal.is_open(at)
    assert not cal.is_open(at - dt.timedelta(microseconds=1))
    assert cal.add(at, _span(opens, closes)) == dt.datetime.combine(MONDAY, closes, tzinfo=UTC)


def test_an_interval_given_to_the_microsecond_is_kept_to_the_microsecond():
    """09:00:30.000250 to 17:59:59.999999 is 8 h 59 min 29.999749 s of open time."""
    opens, closes = dt.time(9, 0, 30, 250), dt.time(17, 59, 59, 999_999)
    cal = BusinessCalendar(UTC, {0: [(opens, closes)]})
    assert cal.open_time_on(MONDAY) == dt.timedelta(
        hours=8, minutes=59, seconds=29, microseconds=999_749
    )
    (start, end), *_ = cal.open_intervals(MONDAY)
    assert (start.time(), end.time()) == (opens, closes)


def test_overlapping_intervals_given_as_a_list_are_reported_as_given():
    """The error of overlapping intervals carries them (as a tuple: errors hold no live list)."""
    given_hours = [(dt.time(9), dt.time(12)), (dt.time(11), dt.time(14))]
    with pytest.raises(InvalidValueError) as caught:
        BusinessCalendar(UTC, {0: given_hours})
    assert caught.value.value == tuple(given_hours)
    assert "overlap" in str(caught.value)


def test_overlapping_intervals_given_as_a_generator_are_reported_as_given():
    """Found by mutation testing: the error showed ``()``, the generator being spent by then."""
    given_hours = [(dt.time(9), dt.time(12)), (dt.time(11), dt.time(14))]
    with pytest.raises(InvalidValueError) as caught:
        BusinessCalendar(UTC, {0: (pair for pair in given_hours)})
    assert caught.value.value == tuple(given_hours)
    assert "(got ())" not in str(caught.value)


@pytest.mark.parametrize(
    "item",
    [
        (MONDAY, [(dt.time(9), dt.time(12))], "extra"),
        (MONDAY,),
        [MONDAY, [(dt.time(9), dt.time(12))], []],
    ],
    ids=["three items", "one item", "a list of three"],
)
def test_special_hours_items_are_date_hours_pairs(item: object):
    """special_hours given as items: each is a (date, hours) pair, nothing more or less."""
    with pytest.raises(InvalidTypeError) as caught:
        BusinessCalendar(UTC, {0: [(dt.time(9), dt.time(17))]}, special_hours=[item])
    assert caught.value.field == "special_hours"
    assert caught.value.value == item


BERLIN = ZoneInfo("Europe/Berlin")
SPRING_FORWARD = dt.date(2026, 3, 29)  # a Sunday: 02:00 CET jumps to 03:00 CEST
AFTER_GAP = dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST


@pytest.mark.parametrize(
    "opens",
    [dt.time(2, 0, 0, 1), dt.time(2, 0, 0, 3), dt.time(2, 30), dt.time(2, 59, 59, 999_999)],
)
def test_an_opening_in_the_spring_forward_gap_is_the_first_instant_after_it(opens: dt.time):
    """Business time guide: a wall time that does not exist maps to the first instant after the gap.

    To the microsecond: whatever the wall time inside the gap, the day opens at
    03:00 CEST (01:00 UTC) exactly.
    """
    cal = BusinessCalendar(BERLIN, {6: [(opens, dt.time(5))]})
    (start, end), *_ = cal.open_intervals(SPRING_FORWARD)
    assert start == AFTER_GAP
    assert end == dt.datetime(2026, 3, 29, 5, 0, tzinfo=BERLIN)
    assert cal.open_time_on(SPRING_FORWARD) == dt.timedelta(hours=2)


def _around_the_clock(zone: str) -> BusinessCalendar:
    """A new 24x7 calendar (a new instance: no year compiled yet)."""
    return BusinessCalendar(zone, {d: [(dt.time(0), dt.time(0))] for d in range(7)})


@pytest.mark.parametrize(
    ("zone", "at"),
    [
        # Local New Year (JST) while the datetime given still says 31 December (UTC).
        ("Asia/Tokyo", dt.datetime(2026, 12, 31, 15, 0, tzinfo=UTC)),
        # Local 31 December (São Paulo) while the datetime given says 1 January (UTC).
        ("America/Sao_Paulo", dt.datetime(1971, 1, 1, 1, 0, tzinfo=UTC)),
        # The horizon's first local day (1970), given in UTC.
        ("America/Sao_Paulo", dt.datetime(1970, 1, 1, 12, 0, tzinfo=UTC)),
        ("Asia/Tokyo", dt.datetime(1970, 1, 1, 0, 0, tzinfo=UTC)),
        # The horizon's last local year (2100) begun in Tokyo, still 2099 in UTC.
        ("Asia/Tokyo", dt.datetime(2099, 12, 31, 20, 0, tzinfo=UTC)),
    ],
)
def test_an_instant_is_placed_in_its_local_year_whatever_the_zone_it_is_given_in(
    zone: str, at: dt.datetime
):
    """Business time guide: the horizon is the local years 1970 to 2100; any aware datetime in it works.

    A calendar open around the clock is open at every instant of the horizon,
    including local midnight on New Year's day, however the instant is given.
    """
    cal = _around_the_clock(zone)
    assert cal.is_open(at)
    local = at.astimezone(ZoneInfo(zone))
    day = local.date()
    assert cal.open_time_on(day) == dt.timedelta(days=1)
    assert cal.next_open(at) == local


def _weekdays_9_to_18() -> BusinessCalendar:
    """A new Monday-Friday 09:00-18:00 UTC calendar without holidays (no year compiled yet)."""
    return BusinessCalendar(UTC, {d: [(dt.time(9), dt.time(18))] for d in range(5)})


def test_next_open_inside_the_first_interval_of_a_year_is_the_instant_itself():
    """next_open: 'Return at ... if open'; 1 January 2027 is a Friday, open from 09:00."""
    at = dt.datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    assert _weekdays_9_to_18().next_open(at) == at


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        # Friday 1 Jan 2027 10:00 back 2 h: 1 h to 09:00, 1 h more from Thursday's 18:00.
        (
            dt.datetime(2027, 1, 1, 10, 0, tzinfo=UTC),
            -2,
            dt.datetime(2026, 12, 31, 17, 0, tzinfo=UTC),
        ),
        # Thursday 31 Dec 2026 17:00 on 2 h: 1 h to 18:00, 1 h more from Friday's 09:00.
        (
            dt.datetime(2026, 12, 31, 17, 0, tzinfo=UTC),
            2,
            dt.datetime(2027, 1, 1, 10, 0, tzinfo=UTC),
        ),
    ],
    ids=["backwards", "forwards"],
)
def test_adding_business_time_across_new_year(
    start: dt.datetime, hours: int, expected: dt.datetime
):
    """add carries into the neighbouring year, compiled on the way (a new calendar each time)."""
    cal = _weekdays_9_to_18()
    assert cal.add(start, dt.timedelta(hours=hours)) == expected
    assert _weekdays_9_to_18().elapsed(min(start, expected), max(start, expected)) == abs(
        dt.timedelta(hours=hours)
    )


@pytest.mark.parametrize("warm_year", [2024, 2025, 2026, 2027, 2028])
def test_an_answer_does_not_depend_on_the_years_compiled_before(warm_year: int):
    """Compiled years are a cache (module docstring): a calendar used before answers the same."""
    cal = _weekdays_9_to_18()
    cal.is_open(dt.datetime(warm_year, 6, 1, 12, 0, tzinfo=UTC))  # compiles that year first
    start = dt.datetime(2027, 1, 1, 10, 0, tzinfo=UTC)
    assert cal.add(start, dt.timedelta(hours=-2)) == dt.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
    # 11 h back: 1 h of Friday, 9 h of Thursday 31 December, 1 h of Wednesday 30 December.
    assert cal.add(start, dt.timedelta(hours=-11)) == dt.datetime(2026, 12, 30, 17, tzinfo=UTC)


@pytest.mark.parametrize(
    ("weekly", "field"),
    [
        ({0: "09:00-18:00"}, "weekly_hours[0]"),  # a day's hours as a str
        ({0: 5}, "weekly_hours[0]"),  # not a sequence at all
        ({0: [dt.time(9)]}, "weekly_hours[0][0]"),  # an interval that is not a pair
        ([[(dt.time(9), dt.time(17))]] * 3, "weekly_hours"),  # three days, not seven
    ],
    ids=["str", "int", "not a pair", "three days"],
)
def test_malformed_weekly_hours_are_refused_naming_the_part(weekly: object, field: str):
    """weekly_hours: a mapping of weekday to (open, close) pairs, or seven such lists.

    Anything else is an InvalidTypeError naming the part that is wrong.
    """
    with pytest.raises(InvalidTypeError) as caught:
        BusinessCalendar(UTC, weekly)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_hours_wholly_inside_a_dst_gap_open_nothing():
    """Both ends of 02:10-02:50 on the spring-forward night map to 03:00: no open time that day."""
    cal = BusinessCalendar(BERLIN, {6: [(dt.time(2, 10), dt.time(2, 50))]})
    assert cal.open_intervals(SPRING_FORWARD) == ()
    assert cal.open_time_on(SPRING_FORWARD) == dt.timedelta(0)
    next_sunday = SPRING_FORWARD + dt.timedelta(days=7)
    assert cal.open_time_on(next_sunday) == dt.timedelta(minutes=40)


def test_local_new_year_is_found_after_the_old_year_was_compiled():
    """Tokyo's New Year while UTC still says 31 December, once that UTC year is compiled."""
    cal = _around_the_clock("Asia/Tokyo")
    assert cal.is_open(dt.datetime(2026, 6, 1, tzinfo=UTC))  # compiles the local year 2026
    new_year = dt.datetime(2026, 12, 31, 15, 0, tzinfo=UTC)  # 2027-01-01 00:00 JST
    assert cal.is_open(new_year)
    assert cal.next_open(new_year) == new_year


def test_the_first_instant_of_the_horizon_is_inside_it():
    """The horizon starts with the local year 1970: its first microsecond is usable."""
    first = dt.datetime(1970, 1, 1, tzinfo=UTC)
    assert _around_the_clock("UTC").is_open(first)
    assert _around_the_clock("UTC").add(first, dt.timedelta(hours=1)) == first + dt.timedelta(
        hours=1
    )


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Sao_Paulo", "UTC"])
def test_the_year_holding_an_instant_at_local_new_year_is_the_new_year(zone: str) -> None:
    """The compiled year of an instant is the local year holding it, even at the first
    instant of a local year after the previous year was looked up (its end is exclusive)."""
    z = ZoneInfo(zone)
    cal = BusinessCalendar(zone, {d: [(dt.time(9), dt.time(18))] for d in range(5)})
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

    def us(value: dt.datetime) -> int:
        return (value - epoch) // dt.timedelta(microseconds=1)

    new_year = dt.datetime(2027, 1, 1, tzinfo=z)
    assert cal._year_us(us(new_year - dt.timedelta(days=3)), "start").year == 2026
    assert cal._year_us(us(new_year), "start").year == 2027
    assert cal._year_us(us(new_year) - 1, "start").year == 2026
