"""Strategies of :mod:`partnerrules.testing.strategies`: calendars (private)."""

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import assume
from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.calendars import BusinessCalendar
from partnerrules.errors import InvalidValueError
from partnerrules.testing._strategies._checks import checked, count
from partnerrules.testing._strategies._common import (
    HOLIDAY_REGIONS,
    Hours,
    _minute_of,
    _wall,
)
from partnerrules.testing._strategies._time import dates, zones

# -- calendars -----------------------------------------------------------------------------


def _earliest_before_latest(values: Mapping[str, Any]) -> None:
    earliest, latest = values["earliest"], values["latest"]
    if latest is not None and _minute_of(earliest) >= _minute_of(latest):
        raise InvalidValueError(
            "earliest", earliest, f"before latest ({latest!r}; None is the end of the day)"
        )


@checked(_earliest_before_latest, max_intervals=count(1))
@st.composite
def day_hours(
    draw: st.DrawFn,
    *,
    earliest: dt.time = dt.time(0),
    latest: dt.time | None = None,
    max_intervals: int = 3,
    allow_closed: bool = True,
    allow_all_day: bool = True,
) -> Hours:
    """Draw one day's opening hours: a list of ``(open, close)`` local wall times.

    The day is closed (``[]``), open all day (``[(time(0), time(0))]``) or has
    1 to *max_intervals* sorted intervals with breaks between them, every edge
    from *earliest* to *latest* (``None``: midnight, ending the day). Edges
    fall on quarter hours, on any minute, and often in the small hours (00:00
    to 04:00) where clocks change; a close of ``time(0)`` (midnight) ends the
    last interval; an interval sometimes reopens at the instant the previous
    one closes (a midday close). An all-day day needs the whole day allowed.
    """
    first = _minute_of(earliest)
    last = 1440 if latest is None else _minute_of(latest)
    kinds = ["intervals", "intervals"]
    kinds += ["closed"] if allow_closed else []
    kinds += ["all day"] if allow_all_day and (first, last) == (0, 1440) else []
    kind = draw(st.sampled_from(kinds))
    if kind == "closed":
        return []
    if kind == "all day":
        return [(dt.time(0), dt.time(0))]
    edges = [st.integers(first, last)]
    if -(-first // 15) <= last // 15:
        edges.append(st.integers(-(-first // 15), last // 15).map(lambda q: q * 15))
    if first < 240:
        edges.append(st.integers(first, min(240, last)))
    points = sorted(
        draw(st.lists(st.one_of(edges), min_size=2, max_size=2 * max_intervals, unique=True))
    )
    if len(points) % 2:
        points.pop()
    pairs = [(points[k], points[k + 1]) for k in range(0, len(points), 2)]
    for k in range(1, len(pairs)):
        if draw(st.integers(0, 4)) == 4:  # reopen at the closing instant
            pairs[k] = (pairs[k - 1][1], pairs[k][1])
    return [(_wall(a), _wall(b)) for a, b in pairs]


@checked(min_open_days=count(0, 7))
def weekly_hours(
    *, hours: st.SearchStrategy[Hours] | None = None, min_open_days: int = 1
) -> st.SearchStrategy[dict[int, Hours]]:
    """Draw weekly opening hours: weekday (0 = Monday ... 6 = Sunday) to :func:`day_hours`.

    At least *min_open_days* weekdays have some open time. *hours* replaces
    :func:`day_hours` for every weekday.
    """
    day = hours if hours is not None else day_hours()
    return st.fixed_dictionaries(dict.fromkeys(range(7), day)).filter(
        lambda week: sum(1 for h in week.values() if h) >= min_open_days
    )


@checked(max_closures=count(0), max_special_days=count(0))
@st.composite
def calendars(
    draw: st.DrawFn,
    *,
    timezones: st.SearchStrategy[ZoneInfo] | None = None,
    weekly: st.SearchStrategy[dict[int, Hours]] | None = None,
    holiday_regions: st.SearchStrategy[tuple[str | None, str | None]] | None = None,
    days: st.SearchStrategy[dt.date] | None = None,
    special: st.SearchStrategy[Hours] | None = None,
    max_closures: int = 10,
    max_special_days: int = 3,
) -> BusinessCalendar:
    """Draw a :class:`~partnerrules.calendars.BusinessCalendar` (``calendar.business_time``).

    Its parts, each replaceable:

    * the zone, from *timezones* (:func:`zones`: DST nights, half-hour shifts);
    * the weekly hours, from *weekly* (:func:`weekly_hours`: breaks, midday
      closes, 24-hour days, edges in the small hours; at least one weekday open);
    * the holidays of a ``(country, subdivision)`` pair from *holiday_regions*
      (:data:`HOLIDAY_REGIONS`, none about one time in six);
    * up to *max_closures* closure dates and up to *max_special_days* dates
      with their own hours from *special* (:func:`day_hours`, which may close
      the date), the dates drawn from *days* (:func:`dates`).

    With a *weekly* strategy that may close every weekday, the calendar is
    open on its special dates only (at least one is then open): adding more
    business time than they hold raises
    :class:`~partnerrules.errors.HorizonError`, as documented.
    """
    zone = draw(timezones if timezones is not None else zones())
    week = draw(weekly if weekly is not None else weekly_hours())
    country, subdivision = draw(
        holiday_regions if holiday_regions is not None else st.sampled_from(HOLIDAY_REGIONS)
    )
    pool = days if days is not None else dates()
    closures = draw(st.lists(pool, max_size=max_closures, unique=True))
    shut = set(closures)
    special_days = draw(
        st.lists(pool.filter(lambda d: d not in shut), max_size=max_special_days, unique=True)
    )
    hours = special if special is not None else day_hours()
    special_hours = {d: draw(hours) for d in special_days}
    assume(any(week.values()) or any(special_hours.values()))
    return BusinessCalendar(
        zone,
        week,
        country=country,
        subdivision=subdivision,
        closures=closures,
        special_hours=special_hours,
    )


home("partnerrules.testing.strategies", globals())
