"""Strategies of :mod:`partnerrules.testing.strategies`: time (private)."""

import calendar as _calendar
import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.errors import InvalidValueError
from partnerrules.testing._strategies._checks import checked, ordered
from partnerrules.testing._strategies._common import (
    _DAY,
    _EPOCH,
    _HOUR,
    _MINUTE,
    _SECOND,
    _US,
    FIRST_DATE,
    FIRST_INSTANT,
    LAST_DATE,
    LAST_INSTANT,
    ZONE_NAMES,
    _at,
    _clamp,
    _micros,
)

# -- time ----------------------------------------------------------------------------------


@checked()
def zones() -> st.SearchStrategy[ZoneInfo]:
    """Draw a :class:`~zoneinfo.ZoneInfo` from :data:`ZONE_NAMES`.

    Covers DST in both hemispheres, a 30-minute DST shift, clocks that change
    at midnight, offsets that are not whole hours, a zone without DST and UTC.
    The zone objects are zoneinfo's cached instances, so equal zones are the
    same object.
    """
    return st.sampled_from(ZONE_NAMES).map(ZoneInfo)


@functools.lru_cache(maxsize=4096)
def _clock_changes(key: str, year: int) -> tuple[int, ...]:
    """The instants (µs since the epoch) at which zone *key* changes its UTC offset in *year*."""
    zone = ZoneInfo(key)
    t = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    before = t.astimezone(zone).utcoffset()
    found = []
    while t < end:
        following = t + dt.timedelta(days=1)
        after = following.astimezone(zone).utcoffset()
        if after != before:
            lo, hi = (t - _EPOCH) // _US, (following - _EPOCH) // _US
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _at(mid, zone).utcoffset() == before:
                    lo = mid
                else:
                    hi = mid
            found.append(hi)
            before = after
        t = following
    return tuple(found)


def _instants_in_order(values: Mapping[str, Any]) -> None:
    low, high = values["min_value"], values["max_value"]
    ordered("min_value", "max_value")(
        {
            "min_value": FIRST_INSTANT if low is None else low,
            "max_value": LAST_INSTANT if high is None else high,
        }
    )


@checked(_instants_in_order)
@st.composite
def instants(
    draw: st.DrawFn,
    *,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    timezones: st.SearchStrategy[ZoneInfo] | None = None,
) -> dt.datetime:
    """Draw an aware datetime in ``[min_value, max_value]``, shown in a drawn zone.

    The bounds are instants (compared in UTC) from 0001-01-02 to 9999-12-30
    UTC, so that every zone can read them; None is the default range,
    :data:`FIRST_INSTANT` (2015) to :data:`LAST_INSTANT` (2035). The zone
    comes from *timezones* (:func:`zones` by default) and the datetime is that
    zone's reading of the instant, so a repeated hour's second occurrence
    carries ``fold=1``, and no datetime is imaginary.

    Besides instants spread over the range, it draws often:

    * the zone's clock changes (DST nights), exactly, one microsecond either
      side, or within three hours in whole minutes;
    * local midnights starting a month (month ends, New Year's Eve) and the
      microsecond, second, minute or hour before or after.

    Values drawn near an edge are clamped into the range, so the bounds
    themselves come up too.
    """
    min_value = FIRST_INSTANT if min_value is None else min_value
    max_value = LAST_INSTANT if max_value is None else max_value
    lo, hi = _micros(min_value), _micros(max_value)
    zone = draw(timezones if timezones is not None else zones())
    first_year = _at(lo, dt.UTC).year
    last_year = _at(hi, dt.UTC).year
    kind = draw(st.sampled_from(("any", "clock change", "month start")))
    if (
        kind == "clock change"
        and zone.key is not None
        and dt.MINYEAR < first_year <= last_year < dt.MAXYEAR
    ):
        year = draw(st.integers(first_year, last_year))
        changes = [c for c in _clock_changes(zone.key, year) if lo <= c <= hi]
        if changes:
            change = draw(st.sampled_from(changes))
            shift = draw(
                st.one_of(
                    st.sampled_from((0, -1, 1)),
                    st.integers(-180, 180).map(lambda m: m * _MINUTE),
                )
            )
            return _at(_clamp(change + shift, lo, hi), zone)
    if kind == "month start" and first_year > dt.MINYEAR and last_year < dt.MAXYEAR:
        year = draw(st.integers(first_year, last_year))
        month = draw(st.one_of(st.just(1), st.integers(1, 12)))
        midnight = (dt.datetime(year, month, 1, tzinfo=zone) - _EPOCH) // _US
        shift = draw(st.sampled_from((0, -1, -_SECOND, -_MINUTE, _MINUTE, -_HOUR, _HOUR)))
        return _at(_clamp(midnight + shift, lo, hi), zone)
    return _at(draw(st.integers(lo, hi)), zone)


def _durations_in_order(values: Mapping[str, Any]) -> None:
    low, high = values["min_value"], values["max_value"]
    if low is None:
        try:
            low = -high
        except OverflowError:
            raise InvalidValueError(
                "max_value",
                high,
                "a duration whose negative is a timedelta too (min_value is -max_value by default)",
            ) from None
    ordered("min_value", "max_value")({"min_value": low, "max_value": high})


@checked(_durations_in_order)
@st.composite
def durations(
    draw: st.DrawFn,
    *,
    min_value: dt.timedelta | None = None,
    max_value: dt.timedelta = dt.timedelta(hours=400),
) -> dt.timedelta:
    """Draw a :class:`~datetime.timedelta` in ``[min_value, max_value]``.

    *min_value* defaults to ``-max_value``: negative durations go backwards.
    Draws zero, one microsecond either way and the bounds often, and whole
    quarter hours, hours and days as often as arbitrary microseconds.
    """
    hi = max_value // _US
    lo = -hi if min_value is None else min_value // _US
    kind = draw(st.sampled_from(("any", "whole", "edge")))
    if kind == "whole":
        unit = draw(st.sampled_from((_MINUTE, 15 * _MINUTE, _HOUR, _DAY)))
        first, last = -(-lo // unit), hi // unit
        if first <= last:
            return draw(st.integers(first, last)) * unit * _US
    if kind == "edge":
        return draw(st.sampled_from([v for v in (0, 1, -1, lo, hi) if lo <= v <= hi])) * _US
    return draw(st.integers(lo, hi)) * _US


@checked(ordered("min_value", "max_value"))
@st.composite
def dates(
    draw: st.DrawFn,
    *,
    min_value: dt.date = FIRST_DATE,
    max_value: dt.date = LAST_DATE,
) -> dt.date:
    """Draw a :class:`~datetime.date` in ``[min_value, max_value]`` (2015 to 2035 by default).

    Draws often the last day of a month (28, 29, 30 or 31: the days that
    month arithmetic clamps), the 1st of a month, 29 February and the days
    around New Year (24, 25 and 31 December, 1 January).
    """
    day = draw(st.dates(min_value, max_value))
    kind = draw(st.sampled_from(("any", "month end", "month start", "29 February", "New Year")))
    if kind == "month end":
        day = day.replace(day=_calendar.monthrange(day.year, day.month)[1])
    elif kind == "month start":
        day = day.replace(day=1)
    elif kind == "29 February":
        leap = day.year + (-day.year % 4)
        if _calendar.isleap(leap) and leap <= dt.MAXYEAR:
            day = dt.date(leap, 2, 29)
    elif kind == "New Year":
        month, mday = draw(st.sampled_from(((12, 24), (12, 25), (12, 31), (1, 1))))
        day = day.replace(month=month, day=mday)
    return min(max(day, min_value), max_value)


home("partnerrules.testing.strategies", globals())
