"""Business time: calendars with opening hours, holidays and a compiled timeline.

A :class:`BusinessCalendar` is a value: a time zone, the opening hours of each
weekday, the holidays of a country (and subdivision, and opt-in categories)
taken from the ``holidays`` package, the caller's own closure dates and the
caller's date-specific opening hours. Business time is the real time that
passes inside its open intervals (rule ``calendar.business_time``).

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.calendars import support_hours_calendar
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> cal = support_hours_calendar("BR", "SP", zone=sp)
>>> cal.add(datetime(2026, 11, 19, 17, 0, tzinfo=sp), timedelta(hours=2))
datetime.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo(key='America/Sao_Paulo'))
>>> cal.closure_reason(datetime(2026, 11, 20).date())
'Dia Nacional de Zumbi e da Consciência Negra'

The calendar compiles its open intervals one local year at a time, on first
use, as integer microseconds since the Unix epoch with a running sum of open
time, so :meth:`~BusinessCalendar.add`, :meth:`~BusinessCalendar.elapsed`,
:meth:`~BusinessCalendar.is_open` and :meth:`~BusinessCalendar.next_open` are
binary searches whatever the span. The compiled years are a cache: they take no
part in equality, hashing or the repr.

The same engine answers in integer microseconds for callers that already hold
instants as integers (:mod:`partnerrules.sla` does, for bulk deadline work):
``_instant_us`` converts an aware datetime, and the private-but-shared
methods ``BusinessCalendar._add_us``, ``_elapsed_us`` and ``_from_us`` are the
integer forms of :meth:`~BusinessCalendar.add`, :meth:`~BusinessCalendar.elapsed`
and of building a result datetime. :meth:`~BusinessCalendar.add` and
:meth:`~BusinessCalendar.elapsed` are thin wrappers around them, so there is one
business-time engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import types
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from partnerrules import _validate
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.policies import appendix_b as _appb

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "BusinessCalendar",
    "always_on_clock",
    "support_hours_calendar",
    "weekday_clock",
]

#: The first local year a calendar can compile (the tz database is reliable from here on).
FIRST_YEAR = 1970
#: The last local year a calendar can compile (python-holidays stops at 2100).
LAST_YEAR = 2100

#: One day's opening hours: ``(open, close)`` local wall times, sorted.
Hours = tuple[tuple[dt.time, dt.time], ...]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_MAX_ORDINAL = dt.date.max.toordinal()
_US = dt.timedelta(microseconds=1)
_DAY_US = 86_400_000_000
_MIDNIGHT = dt.time(0)
_ONE_DAY = dt.timedelta(days=1)
_EMPTY: Mapping[Any, Any] = types.MappingProxyType({})
_HORIZON = (
    f"within the calendar horizon, local years {FIRST_YEAR} to {LAST_YEAR} "
    "(the range of the holiday data)"
)


# -- validation and normalisation --------------------------------------------------------


def _zone(value: object) -> ZoneInfo:
    if isinstance(value, ZoneInfo):
        return value
    if not isinstance(value, str):
        raise InvalidTypeError(
            "zone",
            value,
            "a zoneinfo.ZoneInfo or an IANA zone name",
            hint="pass e.g. 'America/Sao_Paulo' or ZoneInfo('UTC')",
        )
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownKeyError("zone", value, available_timezones()) from None


def _time_us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def _day_hours(field: str, value: object) -> Hours:
    """Check one day's intervals; return them sorted."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, "a sequence of (open, close) datetime.time pairs")
    pairs: list[tuple[dt.time, dt.time]] = []
    given: list[object] = []  # as given, for the error (a generator is spent by then)
    for k, pair in enumerate(value):
        given.append(pair)
        where = f"{field}[{k}]"
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidTypeError(where, pair, "an (open, close) pair of datetime.time")
        opens, closes = pair
        for t in (opens, closes):
            if not isinstance(t, dt.time):
                raise InvalidTypeError(where, pair, "an (open, close) pair of datetime.time")
            if t.tzinfo is not None:
                raise InvalidValueError(
                    where, pair, "naive local wall times", hint="drop the tzinfo of the times"
                )
        if closes != _MIDNIGHT and closes <= opens:
            raise InvalidValueError(
                where,
                pair,
                "an (open, close) pair with open before close",
                hint="close time(0, 0) means midnight; split an overnight shift over two days",
            )
        pairs.append((opens, closes))
    pairs.sort(key=lambda p: p[0])
    for before, after in itertools.pairwise(pairs):
        if before[1] == _MIDNIGHT or after[0] < before[1]:
            raise InvalidValueError(
                field,
                value if isinstance(value, tuple) else tuple(given),
                "non-overlapping intervals",
                hint=f"{before!r} overlaps {after!r}",
            )
    return tuple(pairs)


def _weekly(value: object) -> tuple[Hours, ...]:
    if isinstance(value, Mapping):
        week: list[Hours] = [(), (), (), (), (), (), ()]
        for key, hours in value.items():
            if isinstance(key, bool) or not isinstance(key, int):
                raise InvalidTypeError(
                    "weekly_hours", key, "int weekday keys (0 = Monday ... 6 = Sunday)"
                )
            if not 0 <= key <= 6:
                raise InvalidValueError(
                    "weekly_hours", key, "a weekday from 0 (Monday) to 6 (Sunday)"
                )
            week[key] = _day_hours(f"weekly_hours[{key}]", hours)
        return tuple(week)
    if isinstance(value, tuple | list) and len(value) == 7:
        return tuple(_day_hours(f"weekly_hours[{k}]", h) for k, h in enumerate(value))
    raise InvalidTypeError(
        "weekly_hours",
        value,
        "a mapping from weekday (0 = Monday ... 6 = Sunday) to (open, close) pairs",
    )


def _special(value: object) -> tuple[tuple[dt.date, Hours], ...]:
    items: Iterable[Any]
    if isinstance(value, Mapping):
        items = value.items()
    elif isinstance(value, tuple | list):
        items = value
    else:
        raise InvalidTypeError(
            "special_hours", value, "a mapping from datetime.date to (open, close) pairs"
        )
    out: dict[dt.date, Hours] = {}
    for item in items:
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise InvalidTypeError("special_hours", item, "(date, hours) items")
        day = _validate.date("special_hours", item[0])
        out[day] = _day_hours(f"special_hours[{day.isoformat()}]", item[1])
    return tuple(sorted(out.items()))


def _closures(value: object) -> tuple[dt.date, ...]:
    items = _validate.bounded_items("closures", value, "an iterable of datetime.date")
    return tuple(sorted({_validate.date("closures", d) for d in items}))


@functools.cache
def _countries() -> tuple[str, ...]:
    import holidays  # lazy: importing holidays costs tens of ms

    return tuple(sorted(holidays.list_supported_countries(include_aliases=False)))


@functools.cache
def _country_class(country: str) -> Any:
    import holidays

    return type(holidays.country_holidays(country))


def _region(
    country: object, subdivision: object, categories: object
) -> tuple[str | None, str | None, tuple[str, ...]]:
    """Validate country, subdivision and categories; return their canonical form."""
    cats = list(_validate.bounded_items("categories", categories, "an iterable of category names"))
    if country is None:
        if subdivision is not None:
            raise InvalidValueError("subdivision", subdivision, "None when no country is given")
        if cats:
            raise InvalidValueError("categories", tuple(cats), "empty when no country is given")
        return None, None, ()
    code = _validate.text("country", country).strip().upper()
    if code not in _countries():
        raise UnknownKeyError("country", country, _countries(), hint="use an ISO 3166-1 code")
    cls = _country_class(code)
    sub: str | None = None
    if subdivision is not None:
        name = _validate.text("subdivision", subdivision).strip()
        aliases: Mapping[str, str] = getattr(cls, "subdivisions_aliases", {}) or {}
        known = {s.casefold(): s for s in cls.subdivisions}
        known.update({a.casefold(): c for a, c in aliases.items()})
        if name.casefold() not in known:
            raise UnknownKeyError(
                "subdivision",
                subdivision,
                [*cls.subdivisions, *aliases],
                hint=f"for country {code!r}",
            )
        sub = known[name.casefold()]
    supported = tuple(cls.supported_categories)
    chosen: set[str] = set()
    for cat in cats:
        name = _validate.text("categories", cat).strip().lower()
        if name not in supported:
            raise UnknownKeyError("category", cat, supported, hint=f"for country {code!r}")
        if name != "public":
            chosen.add(name)
    return code, sub, tuple(sorted(chosen))


@functools.lru_cache(maxsize=4096)
def _holiday_names(
    country: str, subdivision: str | None, categories: tuple[str, ...], year: int
) -> Mapping[dt.date, str]:
    """The holidays of one year, names in the country's own language (memoised)."""
    import holidays

    cls = _country_class(country)
    found = holidays.country_holidays(
        country,
        subdiv=subdivision,
        years=year,
        categories=("public", *categories),
        language=cls.default_language,
    )
    return types.MappingProxyType(dict(found.items()))


# -- time conversion ------------------------------------------------------------------------


def _instant(zone: ZoneInfo, day: dt.date, offset_us: int) -> int:
    """The instant (µs since the epoch) of a local wall time of *day*.

    A wall time that happens twice (a fold) maps to its first occurrence; a wall
    time that does not exist (a gap) maps to the first instant after the gap.
    """
    local = dt.datetime(day.year, day.month, day.day, tzinfo=zone) + dt.timedelta(
        microseconds=offset_us
    )
    # ``+ timedelta`` on an aware datetime is wall-clock arithmetic with fold=0.
    first = (local - _EPOCH) // _US
    second = (local.replace(fold=1) - _EPOCH) // _US
    if first <= second:
        return first
    # A gap: ``second`` is before the transition, ``first`` after it.
    after = local.replace(fold=1).utcoffset()
    lo, hi = second, first
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if (_EPOCH + dt.timedelta(microseconds=mid)).astimezone(zone).utcoffset() == after:
            hi = mid
        else:
            lo = mid
    return hi


def _instant_us(value: dt.datetime, field: str = "at") -> int:
    """Return the aware datetime *value* as integer microseconds since the Unix epoch.

    Exact (no float), whatever the zone of *value*: the integer form of an
    instant that ``BusinessCalendar._add_us`` and ``_elapsed_us`` work in.
    Private to the package, shared with :mod:`partnerrules.sla`.

    Raises:
        NaiveDatetimeError: *value* has no time zone (named *field* in the message).
        InvalidTypeError: *value* is not a datetime.

    >>> from datetime import datetime, timezone
    >>> _instant_us(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=timezone.utc))
    1000005
    """
    try:
        us: int = (value - _EPOCH) // _US
    except TypeError:
        _validate.aware(field, value)
        raise  # unreachable: _validate.aware has raised a typed error already
    return us


def _instant_shown(us: int) -> object:
    """The instant *us* as a datetime for an error message, or the integer past datetime's range."""
    try:
        return _EPOCH + _US * us
    except OverflowError:
        return us


def _utc_year(us: int) -> int:
    """The UTC calendar year of the instant *us* (a hint for the local year)."""
    ordinal = _EPOCH_ORDINAL + us // _DAY_US
    return dt.date.fromordinal(min(max(ordinal, 1), _MAX_ORDINAL)).year


class _Year:
    """One compiled local year: open intervals and open days, as integer µs."""

    __slots__ = (
        "cum",
        "cum_end",
        "day_cum",
        "day_first",
        "day_len",
        "day_ords",
        "ends",
        "hi",
        "iday",
        "lo",
        "starts",
        "total",
        "uniform",
        "year",
    )

    def __init__(self, year: int, lo: int, hi: int) -> None:
        self.year = year
        self.lo = lo  # first instant of the local year
        self.hi = hi  # first instant of the next local year
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cum: list[int] = []  # open time of the year before interval i
        self.cum_end: list[int] = []  # ... and at its end
        self.iday: list[int] = []  # interval i -> open-day index
        self.day_ords: list[int] = []  # open days (date ordinals)
        self.day_cum: list[int] = []  # open time of the year before the day
        self.day_len: list[int] = []  # open time of the day
        self.day_first: list[int] = []  # index of the day's first interval
        self.total = 0
        self.uniform = 0  # the open time of every open day, when they all have the same


def _resolve_hours(hours: Hours) -> tuple[tuple[int, int], ...]:
    return tuple((_time_us(o), _DAY_US if c == _MIDNIGHT else _time_us(c)) for o, c in hours)


class _Timeline:
    """The mutable cache behind one calendar (never compared, hashed or shown)."""

    __slots__ = ("closures", "epoch", "last", "special", "weekly", "years")

    def __init__(self, cal: BusinessCalendar) -> None:
        # The epoch's UTC fields under the calendar's zone: ``zone.fromutc(epoch + delta)``
        # is the instant ``delta`` after the epoch, in the zone, without float or astimezone.
        self.epoch = dt.datetime(1970, 1, 1, tzinfo=cal.zone)
        self.weekly = tuple(_resolve_hours(h) for h in cal.weekly_hours)
        self.special = {d: _resolve_hours(h) for d, h in cal.special_hours}
        self.closures = frozenset(cal.closures)
        self.years: dict[int, _Year] = {}
        self.last: _Year | None = None  # the year of the last integer lookup


# -- the calendar ---------------------------------------------------------------------------


@attrs.frozen(init=False)
class BusinessCalendar:
    """A time zone, weekly opening hours, holidays and closures (``calendar.business_time``).

    Source: Appendix B "Disponibilidade de suporte" and the Zoho commitment
    ("o tempo ... inclui apenas os dias úteis"). Business time is the real time
    that passes inside the open intervals; see the *Business time* guide for
    every convention.

    Args:
        zone: an IANA zone name or a :class:`zoneinfo.ZoneInfo`.
        weekly_hours: weekday (0 = Monday ... 6 = Sunday) to a list of
            ``(open, close)`` local wall times. A close of ``time(0, 0)`` means
            midnight, so ``(time(0), time(0))`` is a 24-hour day. A night shift
            is split over two days. Missing weekdays are closed.
        country: ISO 3166-1 code of the holidays to honour (``holidays`` package).
        subdivision: a subdivision code or alias of that country (``"SP"``,
            ``"São Paulo"``, ``"São Paulo Capital"``).
        categories: extra holiday categories to honour besides ``"public"``,
            e.g. ``("optional",)`` for Brazil's Carnival and Christmas Eve.
        closures: further dates closed all day.
        special_hours: date to the opening hours of that date; they replace the
            weekly hours and any holiday or closure of the date (an empty list
            closes the date).

    Attributes:
        zone: the calendar's :class:`zoneinfo.ZoneInfo`.
        weekly_hours: seven sorted tuples of ``(open, close)``, Monday first.
        country: the canonical country code, or ``None``.
        subdivision: the canonical subdivision, or ``None``.
        categories: the extra categories, sorted.
        closures: the closure dates, sorted.
        special_hours: ``(date, hours)`` pairs, sorted by date.

    Raises:
        UnknownKeyError: unknown zone, country, subdivision or category (the
            message suggests close matches).
        InvalidValueError: inverted or overlapping intervals, a date both
            closed and given special hours, or no open time at all.
        InvalidTypeError: arguments of the wrong type.

    >>> from datetime import time
    >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(12)), (time(13), time(18))]
    ...                                for d in range(5)})
    >>> cal == BusinessCalendar("UTC", {d: [(time(13), time(18)), (time(9), time(12))]
    ...                                 for d in range(5)})
    True
    """

    zone: ZoneInfo
    weekly_hours: tuple[Hours, ...]
    # Defaults as in __init__, so a file may leave these out.
    country: str | None = None
    subdivision: str | None = None
    categories: tuple[str, ...] = ()
    closures: tuple[dt.date, ...] = ()
    special_hours: tuple[tuple[dt.date, Hours], ...] = ()
    _timeline: _Timeline = attrs.field(init=False, eq=False, repr=False)

    def __init__(
        self,
        zone: str | ZoneInfo,
        weekly_hours: Mapping[int, Sequence[tuple[dt.time, dt.time]]]
        | Sequence[Sequence[tuple[dt.time, dt.time]]],
        *,
        country: str | None = None,
        subdivision: str | None = None,
        categories: Iterable[str] = (),
        closures: Iterable[dt.date] = (),
        special_hours: Mapping[dt.date, Sequence[tuple[dt.time, dt.time]]]
        | Iterable[tuple[dt.date, Sequence[tuple[dt.time, dt.time]]]] = _EMPTY,
    ) -> None:
        week = _weekly(weekly_hours)
        special = _special(special_hours)
        shut = _closures(closures)
        both = sorted(set(shut) & {d for d, _ in special})
        if both:
            raise InvalidValueError(
                "closures",
                both[0],
                "a date without special_hours",
                hint="a date is either closed or given special hours, not both",
            )
        if not any(week) and not any(h for _, h in special):
            raise InvalidValueError(
                "weekly_hours",
                weekly_hours,
                "at least one open interval",
                hint="a calendar that is never open cannot measure business time",
            )
        code, sub, cats = _region(country, subdivision, categories)
        self.__attrs_init__(_zone(zone), week, code, sub, cats, shut, special)
        object.__setattr__(self, "_timeline", _Timeline(self))

    # -- compiling ----------------------------------------------------------------------

    def _closed_days(self, year: int) -> Mapping[dt.date, str]:
        names: dict[dt.date, str] = {}
        if self.country is not None:
            names.update(_holiday_names(self.country, self.subdivision, self.categories, year))
        for d in self.closures:
            if d.year == year:
                names.setdefault(d, "closure")
        return names

    def _compile(self, year: int) -> _Year:
        tl = self._timeline
        zone = self.zone
        closed = self._closed_days(year)
        day = dt.date(year, 1, 1)
        stop = dt.date(year + 1, 1, 1)
        day_lo = _instant(zone, day, 0)
        out = _Year(year, day_lo, _instant(zone, stop, 0))
        starts, ends, cum, cum_end, iday = out.starts, out.ends, out.cum, out.cum_end, out.iday
        total = 0
        special, weekly = tl.special, tl.weekly
        while day < stop:
            nxt = day + _ONE_DAY
            day_hi = out.hi if nxt == stop else _instant(zone, nxt, 0)
            hours = special.get(day)
            if hours is None:
                hours = () if day in closed else weekly[day.weekday()]
            if hours:
                regular = day_hi - day_lo == _DAY_US
                first = len(starts)
                day_total = 0
                for o, c in hours:
                    if regular:
                        s, e = day_lo + o, day_lo + c
                    else:
                        s = _instant(zone, day, o)
                        e = day_hi if c == _DAY_US else _instant(zone, day, c)
                    if e > s:
                        starts.append(s)
                        ends.append(e)
                        cum.append(total)
                        total += e - s
                        day_total += e - s
                        cum_end.append(total)
                        iday.append(len(out.day_ords))
                if len(starts) > first:
                    out.day_ords.append(day.toordinal())
                    out.day_cum.append(total - day_total)
                    out.day_len.append(day_total)
                    out.day_first.append(first)
            day, day_lo = nxt, day_hi
        out.day_first.append(len(starts))  # sentinel: one past the last day's intervals
        out.total = total
        lengths = set(out.day_len)
        if len(lengths) == 1:
            out.uniform = lengths.pop()
        tl.years[year] = out
        return out

    def _year(self, year: int, field: str, value: object) -> _Year:
        found = self._timeline.years.get(year)
        if found is not None:
            return found
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise HorizonError(field, value, _HORIZON)
        return self._compile(year)

    def _locate(self, us: int, hint: int, field: str, value: object) -> _Year:
        """The compiled local year that holds the instant *us* (hint: a nearby year)."""
        year = self._timeline.years.get(hint)
        if year is not None and year.lo <= us < year.hi:
            return year
        y = max(FIRST_YEAR - 1, min(LAST_YEAR + 1, hint))
        zone = self.zone
        while us < _instant(zone, dt.date(y, 1, 1), 0):
            y -= 1
            if y < FIRST_YEAR:
                raise HorizonError(field, value, _HORIZON)
        while y + 1 <= LAST_YEAR + 1 and us >= _instant(zone, dt.date(y + 1, 1, 1), 0):
            y += 1
        return self._year(y, field, value)

    def _at(self, field: str, value: Any) -> tuple[_Year, int]:
        """The compiled year holding the aware datetime *value*, and its µs since the epoch."""
        try:
            # Naive datetimes, dates and other types fail here; _validate says why.
            us: int = (value - _EPOCH) // _US
            hint: int = value.year
        except (TypeError, AttributeError):
            _validate.aware(field, value)
            raise  # unreachable: _validate.aware has raised a typed error already
        year = self._timeline.years.get(hint)
        if year is None or not year.lo <= us < year.hi:
            year = self._locate(us, hint, field, value)
        return year, us

    def _out(self, us: int) -> dt.datetime:
        """The instant *us* (µs since the epoch) as a datetime in the calendar zone."""
        return self.zone.fromutc(self._timeline.epoch + _US * us)

    _from_us = _out

    def _year_us(self, us: int, field: str) -> _Year:
        """The compiled local year holding the instant *us* (µs since the epoch)."""
        tl = self._timeline
        year = tl.last
        if year is None or not year.lo <= us < year.hi:
            hint = _utc_year(us)
            year = tl.years.get(hint)
            if year is None or not year.lo <= us < year.hi:
                year = self._locate(us, hint, field, _instant_shown(us))
            tl.last = year
        return year

    @staticmethod
    def _position(year: _Year, us: int) -> int:
        """Open time of *year* before the instant *us*."""
        i = bisect_right(year.ends, us)
        if i == len(year.ends):
            return year.total
        s = year.starts[i]
        return year.cum[i] + (us - s if us > s else 0)

    def _earliest(self, year: _Year, pos: int) -> int:
        """The earliest instant of *year* with *pos* of open time before it (0 < pos)."""
        j = bisect_left(year.cum_end, pos)
        return year.starts[j] + pos - year.cum[j]

    def _latest(self, year: _Year, pos: int) -> int:
        """The latest instant of *year* with *pos* of open time before it (pos < total)."""
        j = bisect_right(year.cum, pos) - 1
        return year.starts[j] + pos - year.cum[j]

    # -- queries ------------------------------------------------------------------------

    def is_open(self, at: dt.datetime) -> bool:
        """Say whether the calendar is open at the instant *at* (``calendar.business_time``).

        Intervals are half-open: open at the opening instant, closed at the closing one.

        Raises:
            NaiveDatetimeError: *at* has no time zone.
            HorizonError: *at* lies outside the calendar horizon.

        >>> from datetime import datetime, time
        >>> cal = BusinessCalendar("UTC", {0: [(time(9), time(18))]})
        >>> utc = cal.zone
        >>> cal.is_open(datetime(2026, 11, 23, 9, tzinfo=utc))
        True
        >>> cal.is_open(datetime(2026, 11, 23, 18, tzinfo=utc))
        False
        """
        year, us = self._at("at", at)
        i = bisect_right(year.starts, us) - 1
        return i >= 0 and us < year.ends[i]

    def next_open(self, at: dt.datetime) -> dt.datetime:
        """Return *at* (in the calendar zone) if open, else the next opening instant.

        Raises:
            NaiveDatetimeError: *at* has no time zone.
            HorizonError: no opening before the end of the horizon.

        >>> from datetime import datetime, time
        >>> cal = BusinessCalendar("UTC", {0: [(time(9), time(18))]})
        >>> cal.next_open(datetime(2026, 11, 21, 12, tzinfo=cal.zone)).isoformat()
        '2026-11-23T09:00:00+00:00'
        """
        year, us = self._at("at", at)
        i = bisect_right(year.starts, us)
        if i > 0 and us < year.ends[i - 1]:
            return at.astimezone(self.zone)
        while i == len(year.starts):
            year = self._year(year.year + 1, "at", at)
            i = 0
        return self._out(year.starts[i])

    def add(self, start: dt.datetime, duration: dt.timedelta) -> dt.datetime:
        """Return the instant *duration* of business time after *start*.

        Rule ``calendar.business_time``. The result is the earliest instant
        ``t`` at or after *start* with ``elapsed(start, t) == duration``:
        adding zero returns *start*, and work that ends exactly at closing
        returns the closing instant. A negative duration goes backwards and
        returns the latest such instant at or before *start* (an opening
        rather than the previous closing).

        Raises:
            NaiveDatetimeError: *start* has no time zone.
            InvalidTypeError: *duration* is not a timedelta.
            HorizonError: the result would lie outside the calendar horizon.

        >>> from datetime import datetime, time, timedelta
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday = datetime(2026, 11, 20, 16, tzinfo=cal.zone)
        >>> cal.add(friday, timedelta(hours=2)).isoformat()
        '2026-11-20T18:00:00+00:00'
        >>> cal.add(friday, timedelta(hours=3)).isoformat()
        '2026-11-23T10:00:00+00:00'
        """
        year, us = self._at("start", start)
        if type(duration) is not dt.timedelta:
            raise InvalidTypeError("duration", duration, "a datetime.timedelta")
        d = duration // _US
        if d == 0:
            return start.astimezone(self.zone)
        t = self._move(year, self._position(year, us) + d, d)
        return self.zone.fromutc(self._timeline.epoch + _US * t)

    def _add_us(self, start_us: int, delta_us: int) -> int:
        """Integer form of :meth:`add`: instants and durations in microseconds.

        *start_us* is µs since the Unix epoch (see ``_instant_us``), *delta_us*
        the business time to add (negative goes backwards); the result is an
        instant in µs, with the conventions of :meth:`add`. Private to the
        package, shared with :mod:`partnerrules.sla`: :meth:`add` runs the same
        code once its arguments are checked.

        Raises:
            HorizonError: *start_us* or the result lies outside the calendar horizon.

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> cal._from_us(cal._add_us(friday_16h, 3 * 3_600_000_000)).isoformat()
        '2026-11-23T10:00:00+00:00'
        """
        year = self._year_us(start_us, "start")
        if delta_us == 0:
            return start_us
        return self._move(year, self._position(year, start_us) + delta_us, delta_us)

    def _add_pair_us(self, start_us: int, first_us: int, second_us: int) -> tuple[int, int]:
        """Two :meth:`_add_us` from one start, sharing its lookup (both durations > 0).

        The target and the limit of an SLA window start at the same instant;
        :mod:`partnerrules.sla` asks for both at once.

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> hour = 3_600_000_000
        >>> cal._add_pair_us(friday_16h, hour, 3 * hour) == (
        ...     cal._add_us(friday_16h, hour), cal._add_us(friday_16h, 3 * hour))
        True
        """
        # The lookups written out for the common case, as in _window_us below.
        year = self._timeline.last
        if year is None or not year.lo <= start_us < year.hi:
            year = self._year_us(start_us, "start")
        ends, starts, cum = year.ends, year.starts, year.cum
        i = bisect_right(ends, start_us)
        if i == len(ends):
            pos = year.total
        else:
            s = starts[i]
            pos = cum[i] + (start_us - s if start_us > s else 0)
        total, cum_end = year.total, year.cum_end
        t = pos + first_us
        if first_us > 0 and t <= total:
            j = bisect_left(cum_end, t)
            target = starts[j] + t - cum[j]
        else:
            target = self._move(year, t, first_us)
        t = pos + second_us
        if second_us > 0 and t <= total:
            j = bisect_left(cum_end, t)
            limit = starts[j] + t - cum[j]
        else:
            limit = self._move(year, t, second_us)
        return target, limit

    def _window_us(
        self, start_us: int, end_us: int, first_us: int, second_us: int
    ) -> tuple[int, int, int]:
        """``_elapsed_us`` and ``_add_pair_us`` of one start, sharing its lookup.

        The state of an SLA window needs the business time used since its
        start and its target and limit instants; the start's position is
        looked up once for all three (both durations > 0).

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> hour = 3_600_000_000
        >>> monday_10h = friday_16h + 66 * hour
        >>> pair = cal._add_pair_us(friday_16h, hour, 3 * hour)
        >>> cal._window_us(friday_16h, monday_10h, hour, 3 * hour) == (
        ...     cal._elapsed_us(friday_16h, monday_10h), *pair)
        True
        """
        # The lookups of _year_us, _position and _move written out for the common case
        # (every instant in the year of the last lookup): this runs for every SLA window.
        year = self._timeline.last
        if year is None or not year.lo <= start_us < year.hi:
            year = self._year_us(start_us, "start")
        ends, starts, cum = year.ends, year.starts, year.cum
        last = len(ends)
        i = bisect_right(ends, start_us)
        if i == last:
            pos = year.total
        else:
            s = starts[i]
            pos = cum[i] + (start_us - s if start_us > s else 0)
        if year.lo <= end_us < year.hi:
            i = bisect_right(ends, end_us)
            if i == last:
                elapsed = year.total - pos
            else:
                s = starts[i]
                elapsed = cum[i] + (end_us - s if end_us > s else 0) - pos
        else:
            end_year = self._year_us(end_us, "end")
            elapsed = self._between(year, start_us, end_year, end_us, _instant_shown(end_us))
        total, cum_end = year.total, year.cum_end
        t = pos + first_us
        if first_us > 0 and t <= total:
            j = bisect_left(cum_end, t)
            target = starts[j] + t - cum[j]
        else:
            target = self._move(year, t, first_us)
        t = pos + second_us
        if second_us > 0 and t <= total:
            j = bisect_left(cum_end, t)
            limit = starts[j] + t - cum[j]
        else:
            limit = self._move(year, t, second_us)
        return elapsed, target, limit

    def _move(self, year: _Year, pos: int, d: int) -> int:
        """The instant at open-time position *pos* of *year*, reached by moving *d* != 0.

        *pos* may run past either end of the year; the move carries into the
        following (or preceding) years. Forwards it is the earliest such
        instant, backwards the latest.
        """
        years = self._timeline.years
        if d > 0:
            while pos > year.total:
                pos -= year.total
                year = years.get(year.year + 1) or self._year(year.year + 1, "duration", _US * d)
            j = bisect_left(year.cum_end, pos)  # earliest instant
        else:
            while pos < 0:
                year = years.get(year.year - 1) or self._year(year.year - 1, "duration", _US * d)
                pos += year.total
            j = bisect_right(year.cum, pos) - 1  # latest instant
        return year.starts[j] + pos - year.cum[j]

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Return the business time in ``[start, end)``, negative when *end* < *start*.

        This is the open time between the two instants (``calendar.business_time``).

        Raises:
            NaiveDatetimeError: an argument has no time zone.
            HorizonError: an argument lies outside the calendar horizon.

        >>> from datetime import datetime, time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> a = datetime(2026, 11, 20, 16, tzinfo=cal.zone)
        >>> b = datetime(2026, 11, 23, 10, tzinfo=cal.zone)
        >>> cal.elapsed(a, b), cal.elapsed(b, a)
        (datetime.timedelta(seconds=10800), datetime.timedelta(days=-1, seconds=75600))
        """
        ya, ua = self._at("start", start)
        yb, ub = self._at("end", end)
        if ya is yb:
            position = self._position
            return _US * (position(yb, ub) - position(ya, ua))
        return _US * self._between(ya, ua, yb, ub, end)

    def _elapsed_us(self, start_us: int, end_us: int) -> int:
        """Integer form of :meth:`elapsed`: the business µs in ``[start_us, end_us)``.

        Instants are µs since the Unix epoch; negative when *end_us* < *start_us*.
        Private to the package, shared with :mod:`partnerrules.sla`.

        Raises:
            HorizonError: an instant lies outside the calendar horizon.

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> monday_10h = friday_16h + 66 * 3_600_000_000
        >>> cal._elapsed_us(friday_16h, monday_10h) // 3_600_000_000
        3
        """
        # _year_us and _position written out for the common case (both instants in the
        # year of the last lookup): the SLA and lifecycle engines call this for every pause.
        ya = self._timeline.last
        if ya is None or not ya.lo <= start_us < ya.hi:
            ya = self._year_us(start_us, "start")
        if not ya.lo <= end_us < ya.hi:
            yb = self._year_us(end_us, "end")
            return self._between(ya, start_us, yb, end_us, _instant_shown(end_us))
        ends, starts, cum = ya.ends, ya.starts, ya.cum
        last = len(ends)
        i = bisect_right(ends, end_us)
        if i == last:
            elapsed = ya.total
        else:
            s = starts[i]
            elapsed = cum[i] + (end_us - s if end_us > s else 0)
        i = bisect_right(ends, start_us)
        if i == last:
            return elapsed - ya.total
        s = starts[i]
        return elapsed - cum[i] - (start_us - s if start_us > s else 0)

    def _between(self, ya: _Year, ua: int, yb: _Year, ub: int, value: object) -> int:
        if ya is yb:
            return self._position(yb, ub) - self._position(ya, ua)
        if ub < ua:
            return -self._between(yb, ub, ya, ua, value)
        total = ya.total - self._position(ya, ua) + self._position(yb, ub)
        for y in range(ya.year + 1, yb.year):
            total += self._year(y, "end", value).total
        return total

    # -- days ---------------------------------------------------------------------------

    def add_business_days(self, start: dt.datetime, n: int) -> dt.datetime:
        """Move *n* business days from *start* (``calendar.business_time``).

        An open day is a local date with some open time. The *position* of
        *start* is its open day and the open time of that day before it:
        inside a break (a lunch hour) or exactly at a midday close it is the
        open time of the day's earlier intervals, never zero. A *start* before
        a day's first opening or at or after its last closing sits at position
        zero of the next open day (the clock starts at the next opening). The
        result is the same position in the open day *n* days on (backwards
        when *n* < 0): the earliest such instant going forwards (so position
        zero is the previous open day's closing) and the latest going
        backwards. When the target day is shorter than the position, the
        result is its last closing. On a calendar whose open days all have
        the same hours this is ``add(start, n * day_length)`` for every
        *start*. ``n == 0`` returns *start*.

        Raises:
            NaiveDatetimeError: *start* has no time zone.
            InvalidTypeError: *n* is not an int.
            HorizonError: the result would lie outside the calendar horizon.

        >>> from datetime import datetime, time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> cal.add_business_days(datetime(2026, 11, 20, 14, tzinfo=cal.zone), 1).isoformat()
        '2026-11-23T14:00:00+00:00'
        >>> cal.add_business_days(datetime(2026, 11, 21, 14, tzinfo=cal.zone), 1).isoformat()
        '2026-11-23T18:00:00+00:00'

        With a lunch break, an instant inside the break keeps the morning's
        three hours:

        >>> lunch = BusinessCalendar("UTC", {d: [(time(9), time(12)), (time(13), time(18))]
        ...                                  for d in range(5)})
        >>> friday_1230 = datetime(2026, 6, 5, 12, 30, tzinfo=lunch.zone)
        >>> lunch.add_business_days(friday_1230, 1).isoformat()
        '2026-06-08T12:00:00+00:00'
        >>> lunch.add_business_days(friday_1230, -1).isoformat()
        '2026-06-04T13:00:00+00:00'
        """
        year, us = self._at("start", start)
        n = _validate.integer("n", n)
        if n == 0:
            return start.astimezone(self.zone)
        return self._out(self._days_us(year, us, n))

    def _add_days_us(self, start_us: int, n: int) -> int:
        """Integer form of :meth:`add_business_days` (µs since the epoch, ``n != 0``).

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> cal._add_days_us(friday_16h, 1) - friday_16h == 72 * 3_600_000_000
        True
        """
        return self._days_us(self._year_us(start_us, "start"), start_us, n)

    def _day_lengths_us(self, start_us: int, first: int, second: int) -> tuple[int, int] | None:
        """The open time from *start_us* to *first* and to *second* (> 0) open days on, or None.

        ``_elapsed_us(start, _add_days_us(start, n))`` for both, without the
        walk, where it is ``n`` times the length of a day: every open day of the
        start's year has the same open time and the days reached are in that
        year. None where that does not hold: the caller takes the walk.

        >>> from datetime import time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> friday_16h = 1_795_190_400_000_000  # 2026-11-20 16:00 UTC
        >>> days = cal._day_lengths_us(friday_16h, 1, 3)
        >>> days == tuple(cal._elapsed_us(friday_16h, cal._add_days_us(friday_16h, n))
        ...               for n in (1, 3))
        True
        """
        year = self._timeline.last
        if year is None or not year.lo <= start_us < year.hi:
            year = self._year_us(start_us, "start")
        size = year.uniform
        if not size:
            return None
        i = bisect_right(year.starts, start_us) - 1
        if i >= 0 and (start_us < year.ends[i] or i + 1 < year.day_first[year.iday[i] + 1]):
            k = year.iday[i]  # the open day the start is in (or in a break of)
        else:
            k = year.iday[i + 1] if i + 1 < len(year.iday) else len(year.day_ords)
        if k + (first if first > second else second) >= len(year.day_ords):
            return None  # into the next year: the walk, which checks the horizon
        return first * size, second * size

    def _days_us(self, year: _Year, us: int, n: int) -> int:
        """The instant *n* != 0 open days from the instant *us* of *year* (see above)."""
        i = bisect_right(year.starts, us) - 1
        if i >= 0 and (us < year.ends[i] or i + 1 < year.day_first[year.iday[i] + 1]):
            # Inside an interval, or in a break between two intervals of the same day
            # (a midday close included): the open time of the day before the instant.
            k = year.iday[i]
            inside = us - year.starts[i] if us < year.ends[i] else year.ends[i] - year.starts[i]
            offset = year.cum[i] + inside - year.day_cum[k]
        else:
            k, offset = i + 1, 0
            k = year.iday[k] if k < len(year.iday) else len(year.day_ords)
        k += n
        to_end = n > 0 and offset == 0  # position zero is the previous open day's closing
        if to_end:
            k -= 1
        while k >= len(year.day_ords):
            k -= len(year.day_ords)
            year = self._year(year.year + 1, "n", n)
        while k < 0:
            year = self._year(year.year - 1, "n", n)
            k += len(year.day_ords)
        if to_end or offset >= year.day_len[k]:
            return year.ends[year.day_first[k + 1] - 1]
        pos = year.day_cum[k] + offset
        if n > 0:
            return self._earliest(year, pos)
        return self._latest(year, pos)

    def open_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count the open days in ``[start, end)``; negative when *end* < *start*.

        Like ``numpy.busday_count``. An open day is a date with some open time.

        Raises:
            InvalidTypeError: an argument is not a date.
            HorizonError: a date lies outside the calendar horizon.

        >>> from datetime import date, time
        >>> cal = BusinessCalendar("UTC", {d: [(time(9), time(18))] for d in range(5)})
        >>> cal.open_days_between(date(2026, 11, 16), date(2026, 11, 30))
        10
        """
        a = _validate.date("start", start)
        b = _validate.date("end", end)
        if b < a:
            return -self.open_days_between(b, a)
        ya = self._year(a.year, "start", a)
        yb = self._year(b.year, "end", b)
        count = -bisect_left(ya.day_ords, a.toordinal())
        for y in range(a.year, b.year):
            count += len(self._year(y, "end", b).day_ords)
        return count + bisect_left(yb.day_ords, b.toordinal())

    def _day_index(self, day: object) -> tuple[_Year, int | None]:
        d = _validate.date("day", day)
        year = self._year(d.year, "day", day)
        k = bisect_left(year.day_ords, d.toordinal())
        if k < len(year.day_ords) and year.day_ords[k] == d.toordinal():
            return year, k
        return year, None

    def open_intervals(self, day: dt.date) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
        """Return the open intervals of the local date *day*, in the calendar zone.

        Raises:
            InvalidTypeError: *day* is not a date.
            HorizonError: *day* lies outside the calendar horizon.

        >>> from datetime import date, time
        >>> cal = BusinessCalendar("UTC", {0: [(time(9), time(12)), (time(13), time(18))]})
        >>> [(a.hour, b.hour) for a, b in cal.open_intervals(date(2026, 11, 23))]
        [(9, 12), (13, 18)]
        >>> cal.open_intervals(date(2026, 11, 24))
        ()
        """
        year, k = self._day_index(day)
        if k is None:
            return ()
        out = self._out
        return tuple(
            (out(year.starts[i]), out(year.ends[i]))
            for i in range(year.day_first[k], year.day_first[k + 1])
        )

    def open_time_on(self, day: dt.date) -> dt.timedelta:
        """Return the open time of the local date *day* (zero on a closed day).

        Raises:
            InvalidTypeError: *day* is not a date.
            HorizonError: *day* lies outside the calendar horizon.

        >>> from datetime import date, time
        >>> cal = BusinessCalendar("UTC", {0: [(time(9), time(18))]})
        >>> cal.open_time_on(date(2026, 11, 23))
        datetime.timedelta(seconds=32400)
        """
        year, k = self._day_index(day)
        return dt.timedelta(microseconds=0 if k is None else year.day_len[k])

    def closure_reason(self, day: dt.date) -> str | None:
        """Say why the date *day* is closed beyond its weekly hours.

        Returns the holiday's name (in the country's language, as the
        ``holidays`` package gives it), ``"closure"`` for a caller closure or a
        special date with no hours, and ``None`` for an ordinary date or one
        whose special hours open it.

        Raises:
            InvalidTypeError: *day* is not a date.
            HorizonError: *day* lies outside the calendar horizon.

        >>> from datetime import date, time
        >>> cal = BusinessCalendar("UTC", {0: [(time(9), time(18))]},
        ...                        closures=[date(2026, 11, 23)])
        >>> cal.closure_reason(date(2026, 11, 23)), cal.closure_reason(date(2026, 11, 30))
        ('closure', None)
        """
        d = _validate.date("day", day)
        if not FIRST_YEAR <= d.year <= LAST_YEAR:
            raise HorizonError("day", day, _HORIZON)
        special = self._timeline.special.get(d)
        if special is not None:
            return None if special else "closure"
        return self._closed_days(d.year).get(d)


# -- ready-made calendars ----------------------------------------------------------------------

_ALL_DAY = ((_MIDNIGHT, _MIDNIGHT),)


def support_hours_calendar(
    country: str,
    subdivision: str | None = None,
    *,
    zone: str | ZoneInfo,
    categories: Iterable[str] = (),
) -> BusinessCalendar:
    """Build the support-hours calendar of Appendix B (``appb.support.hours``).

    Source: Appendix B "Disponibilidade de suporte": Monday to Friday,
    09:00-18:00 local time, except local holidays (those of *country* and
    *subdivision*, plus any opt-in *categories*). The days and hours are the
    Appendix B pack's (:mod:`partnerrules.policies.appendix_b`); *zone* is the
    customer's local zone.

    Raises:
        UnknownKeyError: unknown zone, country, subdivision or category.

    >>> from datetime import date
    >>> cal = support_hours_calendar("BR", "RJ", zone="America/Sao_Paulo")
    >>> cal.open_time_on(date(2026, 4, 23)), cal.closure_reason(date(2026, 4, 23))
    (datetime.timedelta(0), 'São Jorge')
    """
    hours = ((dt.time(*_appb.OPENING), dt.time(*_appb.CLOSING)),)
    return BusinessCalendar(
        zone,
        dict.fromkeys(_appb.OPEN_WEEKDAYS, hours),
        country=country,
        subdivision=subdivision,
        categories=categories,
    )


def weekday_clock(zone: str | ZoneInfo) -> BusinessCalendar:
    """Build a 24x5 clock: 24 hours Monday to Friday, no holidays (``zoho.sla.weekday_clock``).

    Source: Zoho "Compromisso do Suporte ao parceiro" (support hours 24*5). The
    weekend starts and ends at local midnight in *zone*.

    >>> from datetime import datetime, timedelta
    >>> clock = weekday_clock("UTC")
    >>> clock.add(datetime(2026, 11, 20, 22, tzinfo=clock.zone), timedelta(hours=5)).isoformat()
    '2026-11-23T03:00:00+00:00'
    """
    return BusinessCalendar(zone, dict.fromkeys(range(5), _ALL_DAY))


def always_on_clock(zone: str | ZoneInfo = "UTC") -> BusinessCalendar:
    """Build a 24x7 clock with no holidays (``omid.support.always_on``).

    Source: Omid module 007 §5.2 (technical support around the clock). On such
    a clock business time is real elapsed time.

    >>> from datetime import datetime, timedelta
    >>> clock = always_on_clock()
    >>> clock.add(datetime(2026, 11, 21, 22, tzinfo=clock.zone), timedelta(hours=5)).isoformat()
    '2026-11-22T03:00:00+00:00'
    """
    return BusinessCalendar(zone, dict.fromkeys(range(7), _ALL_DAY))
