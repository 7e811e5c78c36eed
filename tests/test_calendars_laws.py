"""Business time against an independent minute-stepping oracle, its laws, and numpy day counts.

Rule calendar.business_time. The oracle below shares no code with the engine:
it walks UTC minutes, asks the zone for each minute's local wall time, and
decides from the weekly table, the closures and the special hours whether the
minute is open. A wall time that is an interval edge becomes the first minute
whose wall time has reached it (so a time in a DST gap is the end of the gap,
and a time that happens twice is its first occurrence), the documented rule.
"""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnerrules.calendars import BusinessCalendar, _instant_us, support_hours_calendar
from partnerrules.testing import strategies as prs

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

# Zones with DST (and the dates of their clock changes), and without.
TRANSITIONS: dict[str, list[date]] = {
    "America/New_York": [date(2026, 3, 8), date(2026, 11, 1), date(2019, 3, 10)],
    "Europe/London": [date(2026, 3, 29), date(2026, 10, 25)],
    "Australia/Sydney": [date(2026, 4, 5), date(2026, 10, 4)],
    "America/Sao_Paulo": [date(2018, 11, 4), date(2018, 2, 18), date(2017, 10, 15)],
    "UTC": [date(2026, 6, 1)],
    "Asia/Kolkata": [date(2026, 12, 31)],
}


# -- generated calendars ------------------------------------------------------------------------


@st.composite
def calendars_near_a_clock_change(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime]:
    """A calendar and a UTC instant (whole minutes) within two days of a clock change."""
    name = draw(st.sampled_from(sorted(TRANSITIONS)))
    pivot = draw(st.sampled_from(TRANSITIONS[name]))
    window = [pivot + timedelta(days=k) for k in range(-4, 5)]
    cal = draw(
        prs.calendars(
            timezones=st.just(ZoneInfo(name)),
            weekly=prs.weekly_hours(min_open_days=0),
            holiday_regions=st.sampled_from([(None, None), (None, None), ("BR", None)]),
            days=st.sampled_from(window),
            max_closures=3,
            max_special_days=2,
        )
    )
    offset = draw(st.integers(-2 * 1440, 2 * 1440))
    start = datetime(pivot.year, pivot.month, pivot.day, 12, tzinfo=UTC) + offset * MINUTE
    return cal, start


# -- the oracle ---------------------------------------------------------------------------------------


class MinuteOracle:
    """Which UTC minutes of a window are open, decided one minute at a time."""

    def __init__(self, cal: BusinessCalendar, weekly: dict[int, Any], first: datetime, days: int):
        self.first = first
        self.count = days * 1440
        zone = cal.zone
        walls = [
            (first + k * MINUTE).astimezone(zone).replace(tzinfo=None) for k in range(self.count)
        ]
        reached = []  # running maximum of the wall clock: when each wall time is first reached
        top = walls[0]
        for w in walls:
            top = max(top, w)
            reached.append(top)
        special = dict(cal.special_hours)
        closed = set(cal.closures)
        if cal.country is not None:
            for y in {walls[0].year, walls[-1].year}:
                closed |= set(holidays.country_holidays(cal.country, years=y))
        self.open = bytearray(self.count)
        day = walls[0].date() - timedelta(days=1)
        while day <= walls[-1].date() + timedelta(days=1):
            hours = special.get(day)
            if hours is None:
                hours = () if day in closed else weekly[day.weekday()]
            for opens, closes in hours:
                start_wall = datetime.combine(day, opens)
                end_wall = datetime.combine(
                    day + timedelta(days=1) if closes == time(0) else day, closes
                )
                lo = bisect.bisect_left(reached, start_wall)
                hi = bisect.bisect_left(reached, end_wall)
                for m in range(lo, hi):
                    self.open[m] = 1
            day += timedelta(days=1)

    def index(self, instant: datetime) -> int:
        return (instant - self.first) // MINUTE

    def instant(self, index: int) -> datetime:
        return self.first + index * MINUTE

    def elapsed(self, a: int, b: int) -> int:
        if b < a:
            return -self.elapsed(b, a)
        return sum(self.open[a:b])

    def add(self, a: int, minutes: int) -> int | None:
        if minutes == 0:
            return a
        seen = 0
        if minutes > 0:
            for m in range(a, self.count):
                seen += self.open[m]
                if seen == minutes:
                    return m + 1
            return None
        for m in range(a - 1, -1, -1):
            seen += self.open[m]
            if seen == -minutes:
                return m
        return None


def weekly_of(cal: BusinessCalendar) -> dict[int, Any]:
    return dict(enumerate(cal.weekly_hours))


ORACLE_DAYS = 9


def utc(instant: datetime) -> datetime:
    """Compare instants in UTC: Python never finds a time in a fold equal across zones."""
    return instant.astimezone(UTC)


@pytest.mark.rule("calendar.business_time")
@given(
    case=calendars_near_a_clock_change(),
    span=st.integers(-3 * 1440, 3 * 1440),
    minutes=st.integers(-1500, 1500),
)
def test_the_engine_agrees_with_a_minute_stepping_oracle(
    case: tuple[BusinessCalendar, datetime], span: int, minutes: int
) -> None:
    """calendar.business_time: add, elapsed, is_open and next_open match minute stepping."""
    cal, start = case
    first = start - 4 * 1440 * MINUTE
    oracle = MinuteOracle(cal, weekly_of(cal), first, ORACLE_DAYS)
    a = oracle.index(start)
    b = a + span
    local = start.astimezone(cal.zone)
    assert cal.elapsed(local, oracle.instant(b)) == oracle.elapsed(a, b) * MINUTE
    assert cal.is_open(start) == bool(oracle.open[a])
    assert cal.is_open(oracle.instant(b)) == bool(oracle.open[b])
    assert cal._elapsed_us(_instant_us(start), _instant_us(oracle.instant(b))) == (
        oracle.elapsed(a, b) * 60_000_000
    )
    expected = oracle.add(a, minutes)
    if expected is not None:
        assert utc(cal.add(start, minutes * MINUTE)) == oracle.instant(expected)
        assert cal._add_us(_instant_us(start), minutes * 60_000_000) == _instant_us(
            oracle.instant(expected)
        )
    following = next((m for m in range(a, oracle.count) if oracle.open[m]), None)
    if following is not None:
        assert utc(cal.next_open(start)) == oracle.instant(following)


# -- laws -------------------------------------------------------------------------------------------------

ZONES = [ZoneInfo(z) for z in ("America/Sao_Paulo", "America/New_York", "Europe/London",
                               "Australia/Sydney", "UTC")]  # fmt: skip


def calendars() -> st.SearchStrategy[BusinessCalendar]:
    return prs.calendars(
        timezones=st.sampled_from(ZONES),
        holiday_regions=st.sampled_from([(None, None), ("BR", None), ("US", None), ("GB", None)]),
        days=prs.dates(min_value=date(2017, 1, 1), max_value=date(2019, 12, 31)),
        max_closures=20,
    )


# Instants shown in UTC (the laws below compare them with results in the calendar's zone),
# drawn with the DST nights and month starts of the calendars' zones.
instants = prs.instants(
    min_value=datetime(2017, 1, 1, tzinfo=UTC),
    max_value=datetime(2020, 1, 1, tzinfo=UTC) - timedelta(microseconds=1),
    timezones=st.sampled_from(ZONES),
).map(lambda t: t.astimezone(UTC))
durations = prs.durations()


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, d=durations)
def test_elapsed_undoes_add(cal: BusinessCalendar, a: datetime, d: timedelta) -> None:
    """calendar.business_time: elapsed(a, add(a, d)) == d, and add lands in the zone."""
    t = cal.add(a, d)
    assert cal.elapsed(a, t) == d
    assert t.tzinfo is cal.zone
    assert (t >= a) if d >= timedelta(0) else (t < a)


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, b=instants, d=durations)
def test_the_integer_fast_paths_give_the_same_instants_as_add_and_elapsed(
    cal: BusinessCalendar, a: datetime, b: datetime, d: timedelta
) -> None:
    """calendar.business_time: _add_us/_add_pair_us/_elapsed_us/_from_us: add/elapsed in µs."""
    us = timedelta(microseconds=1)
    t = cal._add_us(_instant_us(a), d // us)
    assert t == _instant_us(cal.add(a, d))
    assert cal._from_us(t) == cal.add(a, d)
    assert cal._from_us(t).tzinfo is cal.zone
    assert cal._elapsed_us(_instant_us(a), _instant_us(b)) == cal.elapsed(a, b) // us
    first, second = abs(d // us) + 1, abs(d // us) + 3_600_000_000
    assert cal._add_pair_us(_instant_us(a), first, second) == (
        cal._add_us(_instant_us(a), first),
        cal._add_us(_instant_us(a), second),
    )


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, d=durations)
def test_going_back_the_same_duration_returns_to_an_open_start(
    cal: BusinessCalendar, a: datetime, d: timedelta
) -> None:
    """calendar.business_time: negative durations are symmetric with positive ones."""
    back = cal.add(cal.add(a, d), -d)
    assert cal.elapsed(back, a) == timedelta(0)
    if cal.is_open(a) and d > timedelta(0):
        assert utc(back) == utc(a)


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, d1=durations, d2=durations)
def test_add_is_monotonic_in_the_duration(
    cal: BusinessCalendar, a: datetime, d1: timedelta, d2: timedelta
) -> None:
    """calendar.business_time: a longer duration never finishes earlier."""
    lo, hi = sorted((d1, d2))
    assert utc(cal.add(a, lo)) <= utc(cal.add(a, hi))  # instants: wall times ignore the fold


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a1=instants, a2=instants, d=durations)
def test_add_is_monotonic_in_the_start(
    cal: BusinessCalendar, a1: datetime, a2: datetime, d: timedelta
) -> None:
    """calendar.business_time: a later start never finishes earlier."""
    lo, hi = sorted((a1, a2), key=utc)
    assert utc(cal.add(lo, d)) <= utc(cal.add(hi, d))  # instants: wall times ignore the fold


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, b=instants, c=instants)
def test_elapsed_is_additive_and_antisymmetric(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    """calendar.business_time: elapsed(a, b) + elapsed(b, c) == elapsed(a, c)."""
    assert cal.elapsed(a, b) + cal.elapsed(b, c) == cal.elapsed(a, c)
    assert cal.elapsed(b, a) == -cal.elapsed(a, b)
    assert cal.elapsed(a, a) == timedelta(0)


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, b=instants)
def test_add_inverts_elapsed_when_the_end_is_inside_open_hours(
    cal: BusinessCalendar, a: datetime, b: datetime
) -> None:
    """calendar.business_time: add(a, elapsed(a, b)) == b for b strictly inside an interval."""
    tick = timedelta(microseconds=1)
    assume(cal.is_open(b) and cal.is_open(b - tick) and a != b)
    assert utc(cal.add(a, cal.elapsed(a, b))) == utc(b)


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), x=instants)
def test_is_open_agrees_with_the_open_intervals_of_the_days_around(
    cal: BusinessCalendar, x: datetime
) -> None:
    """calendar.business_time: is_open and next_open follow the compiled intervals."""
    day = x.astimezone(cal.zone).date()
    intervals = [iv for k in (-1, 0, 1) for iv in cal.open_intervals(day + timedelta(days=k))]
    assert cal.is_open(x) == any(s <= x < e for s, e in intervals)
    nxt = cal.next_open(x)
    assert cal.is_open(nxt)
    assert nxt >= x
    assert cal.elapsed(x, nxt) == timedelta(0)
    for s, e in intervals:
        assert cal.is_open(s)
        following = cal.open_intervals(e.date())  # e is in the calendar zone
        assert not cal.is_open(e) or any(utc(s2) == utc(e) for s2, _ in following)
        assert cal.elapsed(s, e) == e.astimezone(UTC) - s.astimezone(UTC)  # real time


@pytest.mark.rule("calendar.business_time")
@given(cal=calendars(), a=instants, n=st.integers(-40, 40))
def test_a_uniform_calendar_moves_business_days_as_whole_day_lengths(
    cal: BusinessCalendar, a: datetime, n: int
) -> None:
    """calendar.business_time: on a plain Mon-Fri 09:00-18:00 table, n days is n x 9 h."""
    plain = BusinessCalendar(cal.zone, {d: [(time(9), time(18))] for d in range(5)})
    assert utc(plain.add_business_days(a, n)) == utc(plain.add(a, n * timedelta(hours=9)))


# -- numpy day counts ------------------------------------------------------------------------------------

SP = ZoneInfo("America/Sao_Paulo")


@st.composite
def weekday_calendars(draw: st.DrawFn) -> tuple[BusinessCalendar, str, list[date]]:
    """A day-hours calendar with a random weekmask and closures, and numpy's view of it."""
    cal = draw(
        prs.calendars(
            timezones=st.just(SP),
            weekly=st.lists(st.booleans(), min_size=7, max_size=7)
            .filter(any)
            .map(lambda mask: {d: [(time(9), time(18))] for d in range(7) if mask[d]}),
            holiday_regions=st.sampled_from([(None, None), ("BR", "SP")]),
            days=prs.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
            max_closures=40,
            max_special_days=0,
        )
    )
    off = list(cal.closures)
    if cal.country is not None:
        off += list(holidays.country_holidays("BR", subdiv="SP", years=range(2015, 2036)))
    return cal, "".join("1" if hours else "0" for hours in cal.weekly_hours), off


days_2024_2028 = prs.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@pytest.mark.rule("calendar.business_time")
@given(case=weekday_calendars(), d1=days_2024_2028, d2=days_2024_2028)
def test_open_day_counts_agree_with_numpy_busday_count(
    case: tuple[BusinessCalendar, str, list[date]], d1: date, d2: date
) -> None:
    """calendar.business_time: open_days_between matches numpy.busday_count.

    Backwards, numpy counts ``(end, begin]``; the engine stays antisymmetric
    (the open days of ``[end, begin)``, negated), like ``elapsed``.
    """
    cal, mask, off = case
    lo, hi = sorted((d1, d2))
    forward = int(np.busday_count(lo, hi, weekmask=mask, holidays=off))
    assert cal.open_days_between(lo, hi) == forward
    assert cal.open_days_between(hi, lo) == -forward


@pytest.mark.rule("calendar.business_time")
@given(
    case=weekday_calendars(),
    day=st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    n=st.integers(-300, 300),
    minute=st.integers(0, 1439),
)
def test_business_day_offsets_agree_with_numpy_busday_offset(
    case: tuple[BusinessCalendar, str, list[date]], day: date, n: int, minute: int
) -> None:
    """calendar.business_time: add_business_days lands on numpy.busday_offset's date.

    numpy rolls a closed date forward and counts n days from there; the engine
    starts the clock at the next opening, so a closed start lands on the
    closing of the day before numpy's (n > 0) or on numpy's opening (n < 0).
    """
    cal, mask, off = case
    start = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=SP)
    result = cal.add_business_days(start, n)
    if n == 0:
        assert result == start
        return
    inside = cal.is_open(start) and start.time() != time(9)
    if inside:
        expected = np.busday_offset(day, n, roll="raise", weekmask=mask, holidays=off)
        assert result == datetime.combine(expected.astype(date), start.time(), tzinfo=SP)
        return
    # Closed (or at the opening): the clock starts at the next opening.
    first = cal.next_open(start).date()
    shift = n - 1 if n > 0 else n
    target = np.busday_offset(first, shift, roll="raise", weekmask=mask, holidays=off)
    clock = time(18) if n > 0 else time(9)
    assert result == datetime.combine(target.astype(date), clock, tzinfo=SP)


@pytest.mark.rule("calendar.business_time")
def test_ten_and_444_business_days_on_the_br_sp_support_calendar_match_numpy() -> None:
    """calendar.business_time: the benchmark's day offsets, checked once against numpy."""
    cal = support_hours_calendar("BR", "SP", zone=SP)
    off = list(holidays.country_holidays("BR", subdiv="SP", years=range(2026, 2029)))
    start = datetime(2026, 11, 23, 10, tzinfo=SP)
    for n in (10, 444):
        expected = np.busday_offset(start.date(), n, weekmask="1111100", holidays=off)
        assert cal.add_business_days(start, n) == datetime.combine(
            expected.astype(date), time(10), tzinfo=SP
        )


@st.composite
def same_hours_every_open_day(draw: st.DrawFn) -> tuple[BusinessCalendar, timedelta]:
    """A calendar whose open days all have the same intervals (breaks included), and their length.

    Edges fall between 04:00 and 23:45, where no zone drawn here changes its
    clocks, so every open day really has the same length.
    """
    hours = draw(prs.day_hours(earliest=time(4), latest=time(23, 45), allow_closed=False))
    weekdays = draw(st.sets(st.integers(0, 6), min_size=1))
    cal = draw(
        prs.calendars(
            timezones=st.sampled_from(ZONES),
            weekly=st.just(dict.fromkeys(weekdays, hours)),
            holiday_regions=st.sampled_from([(None, None), ("BR", None), ("US", None)]),
            days=prs.dates(min_value=date(2017, 1, 1), max_value=date(2019, 12, 31)),
            max_closures=20,
            max_special_days=0,
        )
    )
    length = sum(
        (datetime.combine(date.min, b) - datetime.combine(date.min, a) for a, b in hours),
        timedelta(),
    )
    return cal, length


@pytest.mark.rule("calendar.business_time")
@given(
    case=same_hours_every_open_day(),
    day=st.dates(date(2017, 3, 1), date(2019, 10, 31)),
    quarter=st.integers(0, 95),
    n=st.integers(-30, 30),
)
def test_business_days_are_whole_day_lengths_from_any_instant(
    case: tuple[BusinessCalendar, timedelta], day: date, quarter: int, n: int
) -> None:
    """calendar.business_time: n days == n x the day length, from inside breaks and at edges too.

    Quarter-hour instants hit openings, closings, midday closes and breaks often; the position
    of an instant in a break is the open time of its day so far (issue: Friday 12:30 + 1 day
    was Friday 18:00 instead of Monday 12:00).
    """
    cal, length = case
    a = datetime.combine(day, time(quarter // 4, quarter % 4 * 15), tzinfo=cal.zone)
    assert utc(cal.add_business_days(a, n)) == utc(cal.add(a, n * length))


@pytest.mark.rule("calendar.business_time")
@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (datetime(2026, 6, 5, 12, 30), 1, datetime(2026, 6, 8, 12, 0)),  # in the break
        (datetime(2026, 6, 5, 12, 30), -1, datetime(2026, 6, 4, 13, 0)),
        (datetime(2026, 6, 5, 12, 0), 1, datetime(2026, 6, 8, 12, 0)),  # at the midday close
        (datetime(2026, 6, 5, 12, 0), -1, datetime(2026, 6, 4, 13, 0)),
        (datetime(2026, 6, 5, 13, 0), 1, datetime(2026, 6, 8, 12, 0)),  # at the reopening
        (datetime(2026, 6, 5, 8, 0), 1, datetime(2026, 6, 5, 18, 0)),  # before opening
        (datetime(2026, 6, 5, 18, 0), 1, datetime(2026, 6, 8, 18, 0)),  # at closing
        (datetime(2026, 6, 5, 18, 0), -1, datetime(2026, 6, 5, 9, 0)),  # = add(t, -8 h)
    ],
)
def test_a_lunch_break_keeps_the_mornings_progress(
    start: datetime, n: int, expected: datetime
) -> None:
    """calendar.business_time: positions in a break count the morning (09-12, 13-18 weekdays)."""
    cal = BusinessCalendar(
        "UTC", {d: [(time(9), time(12)), (time(13), time(18))] for d in range(5)}
    )
    assert cal.add_business_days(start.replace(tzinfo=cal.zone), n) == expected.replace(
        tzinfo=cal.zone
    )
