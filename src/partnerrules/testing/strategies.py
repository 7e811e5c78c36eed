"""Hypothesis strategies for every value object of partnerrules.

Each strategy builds its values through the library's public constructors and
rule functions, within the ranges the constructors accept, so drawing a value
never raises: a strategy is also a specification of what a valid value is.
The docstrings say what each one covers and which edge cases it draws more
often than chance would (DST nights, month ends, half-even ties...).

Strategies that take other strategies as keyword arguments use them in place
of their defaults, so a test can narrow any part (``contracts(terms=st.just(12))``).
Nothing here reads a clock or the environment: the default ranges of dates
and instants are fixed (2015 to 2035).

>>> from hypothesis import given, settings
>>> from partnerrules.testing.strategies import brl_amounts
>>> @settings(max_examples=20, database=None)
... @given(brl_amounts())
... def test_amounts_are_whole_centavos(amount):
...     assert amount.currency == "BRL" and not amount.is_negative()
>>> test_amounts_are_whole_centavos()
"""

import calendar as _calendar
import datetime as dt
import functools
import itertools
import math
import string
from collections.abc import Sequence
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from partnerrules import commission as _commission
from partnerrules import contracts as _contracts
from partnerrules.calendars import BusinessCalendar
from partnerrules.catalogue import RESERVED_NAMESPACES, Rule
from partnerrules.commission import (
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    MonthDay,
    Payment,
    Sale,
    SaleCommission,
    Tier,
    TierSchedule,
    TripTerms,
)
from partnerrules.contracts import (
    ACTUAL_ACTUAL,
    Addendum,
    Contract,
    DataLink,
    Invoice,
    PoolItem,
    Proration,
)
from partnerrules.deals import Cnpj, Customer, DealRegistration, Opportunity, OpportunityStatus
from partnerrules.identity import cnpj_check_digits, normalise_name
from partnerrules.lifecycle import (
    Clock,
    Closed,
    Edge,
    EscalationLevel,
    Event,
    LevelChanged,
    LifecyclePolicy,
    Notification,
    Opened,
    PolicyChanged,
    Reopened,
    Resolved,
    Responded,
    SeverityChange,
    SeverityChanged,
    StatusChanged,
    TicketHistory,
    Visibility,
)
from partnerrules.money import AMOUNT_LIMIT, Money
from partnerrules.policies import omid as _omid
from partnerrules.programmes import Programme
from partnerrules.sla import (
    BusinessSpan,
    Category,
    ClockKind,
    MatrixCell,
    Metric,
    PartnerLevel,
    Pause,
    ResponseWindow,
    Severity,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
)
from partnerrules.versions import ProgrammeHistory, Version

__all__ = [
    "FIRST_DATE",
    "FIRST_INSTANT",
    "HISTORY_STATUSES",
    "HOLIDAY_REGIONS",
    "LAST_DATE",
    "LAST_INSTANT",
    "TICKET_PLACES",
    "ZONE_NAMES",
    "addenda",
    "brl_amounts",
    "business_spans",
    "calendars",
    "campaign_periods",
    "campaigns",
    "cnpjs",
    "commission_plans",
    "company_names",
    "contracts",
    "conventions",
    "currencies",
    "customers",
    "data_links",
    "dates",
    "day_hours",
    "deal_registrations",
    "discounts",
    "domains",
    "durations",
    "effective_dates",
    "instants",
    "invoices",
    "lifecycle_policies",
    "money",
    "month_days",
    "namespaces",
    "opportunities",
    "pauses",
    "payment_plans",
    "payments",
    "pool_items",
    "programme_histories",
    "programmes",
    "rates",
    "ratios",
    "response_windows",
    "rule_ids",
    "sale_commissions",
    "sale_lists",
    "sales",
    "severity_matrices",
    "sla_policies",
    "ticket_histories",
    "tickets",
    "tier_schedules",
    "tiers",
    "trip_terms",
    "weekly_hours",
    "zones",
]

Hours = list[tuple[dt.time, dt.time]]

_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_US: Final = dt.timedelta(microseconds=1)
_SECOND: Final = 1_000_000
_MINUTE: Final = 60 * _SECOND
_HOUR: Final = 60 * _MINUTE
_DAY: Final = 24 * _HOUR

#: The first date :func:`dates` draws by default.
FIRST_DATE: Final = dt.date(2015, 1, 1)
#: The last date :func:`dates` draws by default.
LAST_DATE: Final = dt.date(2035, 12, 31)
#: The first instant :func:`instants` draws by default (2015-01-01 00:00 UTC).
FIRST_INSTANT: Final = dt.datetime(2015, 1, 1, tzinfo=dt.UTC)
#: The last instant :func:`instants` draws by default (the last microsecond of 2035, UTC).
LAST_INSTANT: Final = dt.datetime(2036, 1, 1, tzinfo=dt.UTC) - _US
_SAO_PAULO: Final = ZoneInfo("America/Sao_Paulo")
_UTC: Final = ZoneInfo("UTC")

#: The IANA zones :func:`zones` draws from, each for an edge case of local time:
#: São Paulo (DST until 2019, in the southern summer), Manaus (no DST), New York
#: and London (northern DST), Santiago (clocks change at midnight, so some local
#: midnights do not exist), Sydney (southern DST), Lord Howe Island (a
#: 30-minute DST shift), Kolkata and Kathmandu (offsets of +05:30 and +05:45),
#: Chatham (+12:45/+13:45) and UTC.
ZONE_NAMES: Final = (
    "America/Sao_Paulo",
    "America/Manaus",
    "America/New_York",
    "America/Santiago",
    "Europe/London",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "UTC",
)

#: The ``(country, subdivision)`` pairs whose holidays :func:`calendars` honours
#: by default; ``(None, None)`` (twice, so it is drawn often) is no holidays.
HOLIDAY_REGIONS: Final[tuple[tuple[str | None, str | None], ...]] = (
    (None, None),
    (None, None),
    ("BR", None),
    ("BR", "SP"),
    ("BR", "RJ"),
    ("US", None),
    ("US", "NY"),
    ("GB", None),
    ("GB", "SCT"),
    ("DE", "BY"),
    ("AU", "NSW"),
    ("JP", None),
)

#: Where :func:`tickets` places customers: a country, the subdivisions whose
#: holidays may apply (``None``: the national ones) and the country's zones.
TICKET_PLACES: Final[tuple[tuple[str, tuple[str | None, ...], tuple[str, ...]], ...]] = (
    ("BR", (None, "SP", "RJ", "MG", "AM"), ("America/Sao_Paulo", "America/Manaus")),
    ("US", (None, "NY", "CA"), ("America/New_York", "America/Chicago", "America/Los_Angeles")),
    ("GB", (None, "SCT"), ("Europe/London",)),
    ("PT", (None,), ("Europe/Lisbon",)),
    ("DE", (None, "BY"), ("Europe/Berlin",)),
    ("JP", (None,), ("Asia/Tokyo",)),
    ("AU", (None, "NSW", "SA"), ("Australia/Sydney", "Australia/Adelaide")),
    ("CL", (None,), ("America/Santiago",)),
)

_TIER_NAMES: Final = (
    "Registered",
    "Reseller",
    "Reseller com Pré-Venda",
    "VAR",
    "Gold",
    "Platinum",
    "Diamond Partner",
    "Elite",
)
_NAME_WORDS: Final = (
    "Padaria",
    "Pão Quente",
    "Açaí",
    "Comércio",
    "de",
    "Alimentos",
    "Tecnologia",
    "ACME",
    "Globex",
    "São João",
    "Nuvem",
    "Dados",
    "Logística",
    "Ромашка",
    "Северный",
    "O'Brien",
    "3M",
)
_LEGAL_FORMS: Final = ("Ltda.", "LTDA", "S.A.", "S/A", "ME", "EIRELI", "Inc.", "LLC", "GmbH")
_RUSSIAN_FORMS: Final = ("ООО", "АО", "ПАО")
_PARTNERS: Final = ("alfa", "beta", "gama", "delta")
_DOMAIN_SUFFIXES: Final = ("com.br", "net.br", "com", "ru", "pt", "co.uk", "com.au", "io")
_UNICODE_LABELS: Final = ("açaí", "pão-quente", "ромашка", "são-joão")
_TIER_RULE: Final = "omid.tier.by_annual_tcv"


def _invalid(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def _check_aware(name: str, value: dt.datetime) -> int:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise _invalid(f"{name} must be an aware datetime (got {value!r})")
    return (value - _EPOCH) // _US


def _at(us: int, zone: dt.tzinfo) -> dt.datetime:
    return (_EPOCH + us * _US).astimezone(zone)


def _shown(us: int, zone: ZoneInfo) -> dt.datetime:
    """The instant *us* in *zone*, or in UTC when its wall time happens twice there.

    Python compares two datetimes with the same tzinfo by their wall times,
    ignoring ``fold``: in a repeated hour, 01:10 (second occurrence) reads as
    before 01:50 (first occurrence). Showing such instants in UTC keeps the
    order of instants and of their readings the same.
    """
    local = _at(us, zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(_UTC)
    return local


def _clamp(value: int, lo: int, hi: int) -> int:
    return min(max(value, lo), hi)


def _ids(prefix: str) -> st.SearchStrategy[str]:
    return st.integers(1, 9999).map(lambda n: f"{prefix}-{n}")


def _minute_of(name: str, value: dt.time) -> int:
    if value.second or value.microsecond or value.tzinfo is not None:
        raise _invalid(f"{name} must be a naive time in whole minutes (got {value!r})")
    return value.hour * 60 + value.minute


def _wall(minutes: int) -> dt.time:
    return dt.time(0) if minutes == 1440 else dt.time(minutes // 60, minutes % 60)


# -- time ----------------------------------------------------------------------------------


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


@st.composite
def instants(
    draw: st.DrawFn,
    *,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    timezones: st.SearchStrategy[ZoneInfo] | None = None,
) -> dt.datetime:
    """Draw an aware datetime in ``[min_value, max_value]``, shown in a drawn zone.

    The bounds are instants (compared in UTC); None is the default range,
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
    lo = _check_aware("min_value", min_value)
    hi = _check_aware("max_value", max_value)
    if lo > hi:
        raise _invalid(f"min_value {min_value!r} is after max_value {max_value!r}")
    zone = draw(timezones if timezones is not None else zones())
    first_year = _at(lo, dt.UTC).year
    last_year = _at(hi, dt.UTC).year
    kind = draw(st.sampled_from(("any", "clock change", "month start")))
    if kind == "clock change" and zone.key is not None and last_year < dt.MAXYEAR:
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
    if lo > hi:
        raise _invalid(f"min_value {min_value!r} is greater than max_value {max_value!r}")
    kind = draw(st.sampled_from(("any", "whole", "edge")))
    if kind == "whole":
        unit = draw(st.sampled_from((_MINUTE, 15 * _MINUTE, _HOUR, _DAY)))
        first, last = -(-lo // unit), hi // unit
        if first <= last:
            return draw(st.integers(first, last)) * unit * _US
    if kind == "edge":
        return draw(st.sampled_from([v for v in (0, 1, -1, lo, hi) if lo <= v <= hi])) * _US
    return draw(st.integers(lo, hi)) * _US


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
    if isinstance(min_value, dt.datetime) or isinstance(max_value, dt.datetime):
        raise _invalid("min_value and max_value must be dates, not datetimes")
    if min_value > max_value:
        raise _invalid(f"min_value {min_value!r} is after max_value {max_value!r}")
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


# -- calendars -----------------------------------------------------------------------------


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
    first = _minute_of("earliest", earliest)
    last = 1440 if latest is None else _minute_of("latest", latest)
    if first >= last:
        raise _invalid(f"earliest {earliest!r} must be before latest {latest!r}")
    if max_intervals < 1:
        raise _invalid(f"max_intervals must be at least 1 (got {max_intervals!r})")
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


def weekly_hours(
    *, hours: st.SearchStrategy[Hours] | None = None, min_open_days: int = 1
) -> st.SearchStrategy[dict[int, Hours]]:
    """Draw weekly opening hours: weekday (0 = Monday ... 6 = Sunday) to :func:`day_hours`.

    At least *min_open_days* weekdays have some open time. *hours* replaces
    :func:`day_hours` for every weekday.
    """
    if not 0 <= min_open_days <= 7:
        raise _invalid(f"min_open_days must be from 0 to 7 (got {min_open_days!r})")
    day = hours if hours is not None else day_hours()
    return st.fixed_dictionaries(dict.fromkeys(range(7), day)).filter(
        lambda week: sum(1 for h in week.values() if h) >= min_open_days
    )


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


# -- money ---------------------------------------------------------------------------------


def currencies() -> st.SearchStrategy[str]:
    """Draw an ISO 4217 code: BRL most often, and currencies with 0, 2, 3 and 4 decimals.

    ``JPY`` has no minor unit, ``KWD`` and ``BHD`` a thousandth, ``CLF`` a
    ten-thousandth (Babel's CLDR data).
    """
    return st.sampled_from(("BRL", "BRL", "BRL", "USD", "EUR", "RUB", "JPY", "KWD", "BHD", "CLF"))


def _places(currency: str) -> int:
    exponent = Money.zero(currency).amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


@st.composite
def money(
    draw: st.DrawFn,
    currency: str | None = None,
    *,
    min_units: int | None = None,
    max_units: int | None = None,
) -> Money:
    """Draw a :class:`~partnerrules.money.Money` (rule ``money.brl.exact``).

    In *currency* (drawn from :func:`currencies` when None), with an amount of
    *min_units* to *max_units* minor units (centavos for BRL); by default any
    amount a Money holds, negative ones included: less than
    :data:`~partnerrules.money.AMOUNT_LIMIT` in magnitude. Draws zero, one
    minor unit either way and the largest amounts often; odd amounts are as
    frequent as even ones, so halving lands on a half-even tie half the time.
    """
    code = currency if currency is not None else draw(currencies())
    limit = AMOUNT_LIMIT * 10 ** _places(code) - 1
    lo = -limit if min_units is None else min_units
    hi = limit if max_units is None else max_units
    if not -limit <= lo <= hi <= limit:
        raise _invalid(f"need -{limit} <= min_units <= max_units <= {limit} (got {lo}, {hi})")
    edges = [v for v in (0, 1, -1, lo, hi, 5, 15, -5) if lo <= v <= hi]
    units = draw(st.one_of(st.integers(lo, hi), st.sampled_from(edges)))
    return Money.from_minor_units(units, code)


def brl_amounts(*, min_units: int = 0, max_units: int = 10**12 - 1) -> st.SearchStrategy[Money]:
    """Draw an amount in BRL, from *min_units* to *max_units* centavos.

    By default from R$ 0,00 to R$ 9.999.999.999,99: non-negative, as prices,
    monthly values and commitments must be, and small enough that any term of
    up to 1200 months stays within :data:`~partnerrules.money.AMOUNT_LIMIT`.
    See :func:`money` for the edge cases.
    """
    return money("BRL", min_units=min_units, max_units=max_units)


@st.composite
def ratios(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 8) -> list[int | str | Decimal]:
    """Draw allocation ratios for :meth:`~partnerrules.money.Money.allocate`.

    A list of *min_size* to *max_size* non-negative numbers with a positive
    sum, each an ``int``, a ``Decimal`` or a numeric ``str``, as the method
    accepts. Often all equal (so the largest remainders tie and the earlier
    parts take the extra units), with zeros, with one dominant ratio, or with
    tiny decimals down to ``1E-50`` (the most places allowed).
    """
    if not 1 <= min_size <= max_size:
        raise _invalid(f"need 1 <= min_size <= max_size (got {min_size}, {max_size})")
    decimals = st.tuples(st.integers(0, 10**6), st.integers(1, 6)).map(
        lambda p: Decimal(p[0]).scaleb(-p[1])
    )
    plain: st.SearchStrategy[int | Decimal] = st.one_of(
        st.integers(0, 10**6),
        decimals,
        st.sampled_from((Decimal("1E-50"), Decimal("0.5"), Decimal(3))),
        st.just(10**12),
    )
    size = draw(st.integers(min_size, max_size))
    if draw(st.booleans()):
        values: list[int | Decimal] = [draw(plain)] * size
    else:
        values = draw(st.lists(plain, min_size=size, max_size=size))
    if not sum(values):
        values[draw(st.integers(0, size - 1))] = 1
    shown = draw(st.lists(st.sampled_from(("as is", "str")), min_size=size, max_size=size))
    return [str(v) if how == "str" else v for v, how in zip(values, shown, strict=True)]


@st.composite
def rates(
    draw: st.DrawFn,
    *,
    places: int = 2,
    min_value: Decimal = Decimal(0),
    max_value: Decimal = Decimal(1),
) -> Decimal:
    """Draw a rate: a :class:`~decimal.Decimal` fraction with at most *places* decimals.

    In ``[min_value, max_value]``, ``[0, 1]`` by default (commission rates,
    fee rates). Draws 0, 1, the bounds and 0.5 often, and 0.16 (the Diamond
    rate) and 0.25 (products of an odd amount with 0.5 or 0.25 fall on half a
    centavo or nearer, where rounding half-even decides).
    """
    scale = 10**places
    lo = math.ceil(min_value * scale)
    hi = math.floor(max_value * scale)
    if places < 0 or lo > hi:
        raise _invalid(f"no rate with {places} places in [{min_value}, {max_value}]")
    special = [
        Decimal(v)
        for v in ("0", "1", "0.5", "0.16", "0.25", str(min_value), str(max_value))
        if min_value <= Decimal(v) <= max_value and Decimal(v).scaleb(places) % 1 == 0
    ]
    units = st.integers(lo, hi).map(lambda n: _tidy(Decimal(n).scaleb(-places)))
    return draw(st.one_of(units, st.sampled_from(special)) if special else units)


def _tidy(value: Decimal) -> Decimal:
    # Without trailing zeros (0.5, not 0.50; 1, not 1.00), as people write rates.
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def discounts(*, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Draw a loyalty discount: a fraction in ``[0, 1)`` with at most *places* decimals.

    Draws 0 and the largest discount below 1 (99% with two places) often.
    """
    return rates(places=places, max_value=1 - Decimal(1).scaleb(-places))


# -- contracts -----------------------------------------------------------------------------


def conventions() -> st.SearchStrategy[Proration]:
    """Draw a :class:`~partnerrules.contracts.Proration` convention."""
    return st.sampled_from(list(Proration))


def _terms(longest: int) -> st.SearchStrategy[int]:
    common = [m for m in (1, 12, 24, 36, longest) if m <= longest]
    return st.one_of(st.integers(1, longest), st.sampled_from(common))


def company_names() -> st.SearchStrategy[str]:
    """Draw a company name as people type it (rule ``mcs.deal.protection``).

    Portuguese, English and Russian words, accents, punctuation, legal-form
    suffixes (``Ltda.``, ``S.A.``, ``ME``, ``Inc.``) and Russian forms at the
    front (``ООО``), odd spacing and case; now and then arbitrary text. Every
    name keeps a letter or digit once normalised, as
    :class:`~partnerrules.identity.Customer` requires.
    """
    built = st.tuples(
        st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=4),
        st.lists(st.sampled_from(_LEGAL_FORMS), max_size=2),
        st.sampled_from(("", "", "ООО ", "АО ")),
        st.sampled_from(("as is", "upper", "lower", "spaced")),
    ).map(_name_from_parts)
    free = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip() and normalise_name(s)))
    return st.one_of(built, built, free)


def _name_from_parts(parts: tuple[list[str], list[str], str, str]) -> str:
    words, forms, front, case = parts
    name = front + " ".join([*words, *forms])
    if case == "upper":
        return name.upper()
    if case == "lower":
        return name.lower()
    if case == "spaced":
        return f"  {name.replace(' ', '  ')} "
    return name


@st.composite
def contracts(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    customer_names: st.SearchStrategy[str] | None = None,
    starts: st.SearchStrategy[dt.date] | None = None,
    terms: st.SearchStrategy[int] | None = None,
    monthly: st.SearchStrategy[Money] | None = None,
    discount_rates: st.SearchStrategy[Decimal] | None = None,
    max_addenda: int = 2,
) -> Contract:
    """Draw a :class:`~partnerrules.contracts.Contract` (rule ``omid.contract.terms``).

    Defaults: an id ``C-<n>``; a customer from :func:`company_names`; a start
    from :func:`dates` (month ends, the 1st, 29 February, New Year);
    a term of 1 to 60 months (1, 12, 24, 36 and 60 often); a monthly value
    of R$ 0 to R$ 10.000.000,00 (:func:`brl_amounts`); a loyalty discount
    from :func:`discounts`; and up to *max_addenda* addenda added with
    :func:`~partnerrules.contracts.add_addendum` on a drawn day of the term
    and proration convention (:func:`addenda`).
    """
    base = Contract(
        draw(ids if ids is not None else _ids("C")),
        draw(customer_names if customer_names is not None else company_names()),
        draw(starts if starts is not None else dates()),
        draw(terms if terms is not None else _terms(60)),
        draw(monthly if monthly is not None else brl_amounts(max_units=10**9)),
        draw(discount_rates if discount_rates is not None else discounts()),
    )
    for _ in range(draw(st.integers(0, max_addenda))):
        base = attrs.evolve(base, addenda=(*base.addenda, draw(addenda(base))))
    return base


@st.composite
def addenda(
    draw: st.DrawFn,
    contract: Contract,
    *,
    list_prices: st.SearchStrategy[Money] | None = None,
) -> Addendum:
    """Draw an :class:`~partnerrules.contracts.Addendum` of *contract*.

    Rule ``omid.contract.addendum_coterm``.

    Priced by :func:`~partnerrules.contracts.add_addendum`: it starts on a day
    of the term (often the first or last day, or a month end), keeps the
    contract's discount and ends with it, in a drawn proration convention. The
    list price is from *list_prices* (R$ 0 to R$ 10.000.000,00 by default).
    """
    last = contract.end - dt.timedelta(days=1)
    start = draw(
        st.one_of(
            st.sampled_from((contract.start, last)),
            dates(min_value=contract.start, max_value=last),
        )
    )
    quote = _contracts.add_addendum(
        contract,
        draw(st.sampled_from(("backup", "monitoring", "GPU", "object storage", "suporte"))),
        list_price=draw(list_prices if list_prices is not None else brl_amounts(max_units=10**9)),
        start=start,
        convention=draw(conventions()),
    )
    return quote.addendum


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def effective_dates(contract: Contract) -> st.SearchStrategy[dt.date]:
    """Draw a date to cancel *contract* on (rule ``omid.contract.cancellation_fee``).

    Any day from 400 days before its start to 400 days after its end, drawing
    often the boundaries: the day before the start, the start, each invoice
    period's first day (so the prorated current month is whole or empty),
    each addendum's start, the last day of the term, the end and the day after.
    """
    edges = {
        _shift(contract.start, -1),
        contract.start,
        _shift(contract.end, -1),
        contract.end,
        _shift(contract.end, 1),
        *(i.period_start for i in contract.invoices()),
        *(a.start for a in contract.addenda),
    }
    return st.one_of(
        st.sampled_from(sorted(edges)),
        st.dates(_shift(contract.start, -400), _shift(contract.end, 400)),
    )


def invoices() -> st.SearchStrategy[Invoice]:
    """Draw an :class:`~partnerrules.contracts.Invoice` of a drawn contract's schedule."""
    return contracts().flatmap(lambda c: st.sampled_from(c.invoices()))


def pool_items() -> st.SearchStrategy[PoolItem]:
    """Draw a :class:`~partnerrules.contracts.PoolItem`: a resource and its monthly price >= 0."""
    return st.builds(
        PoolItem,
        st.sampled_from(("vm-a", "vm-b", "disk", "gpu", "backup")),
        brl_amounts(max_units=10**9),
    )


def data_links() -> st.SearchStrategy[DataLink]:
    """Draw a :class:`~partnerrules.contracts.DataLink`: a link and its fixed price >= 0."""
    return st.builds(
        DataLink,
        st.sampled_from(("MPLS São Paulo", "L2 Rio", "internet 1 Gbps")),
        brl_amounts(max_units=10**8),
    )


# -- commission ----------------------------------------------------------------------------


@st.composite
def tiers(draw: st.DrawFn, *, names: st.SearchStrategy[str] | None = None) -> Tier:
    """Draw a :class:`~partnerrules.commission.Tier` (rule ``omid.tier.by_annual_tcv``).

    Any minimum from R$ 0 (often exactly zero), a rate and a resale discount
    from :func:`rates`, with or without a pre-sales team requirement, and
    sometimes a stated upper bound above the minimum.
    """
    minimum = draw(brl_amounts(max_units=10**10))
    below = None
    if draw(st.booleans()):
        below = minimum + Money.from_minor_units(draw(st.integers(1, 10**10)), "BRL")
    return Tier(
        draw(names if names is not None else st.sampled_from(_TIER_NAMES)),
        minimum,
        draw(rates()),
        resale_discount=draw(rates()),
        requires_presales_team=draw(st.booleans()),
        below=below,
    )


@st.composite
def tier_schedules(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 6) -> TierSchedule:
    """Draw a :class:`~partnerrules.commission.TierSchedule` (rule ``omid.tier.by_annual_tcv``).

    *min_size* to *max_size* tiers (at most 8) with distinct names, the first
    from R$ 0 and open to every partner, each next minimum R$ 0,01 to
    R$ 1.000.000,00 higher (one centavo apart happens), any rates (a higher
    tier may pay less), later tiers sometimes requiring a pre-sales team, and
    some stating ``below`` (always the next minimum).
    """
    if not 1 <= min_size <= max_size <= len(_TIER_NAMES):
        raise _invalid(f"need 1 <= min_size <= max_size <= {len(_TIER_NAMES)}")
    size = draw(st.integers(min_size, max_size))
    names = draw(st.permutations(_TIER_NAMES))[:size]
    steps = draw(st.lists(st.integers(1, 10**8), min_size=size - 1, max_size=size - 1))
    minimums = list(itertools.accumulate([0, *steps]))
    return TierSchedule(
        [
            Tier(
                name,
                Money.from_minor_units(minimums[i], "BRL"),
                draw(rates()),
                resale_discount=draw(rates()),
                requires_presales_team=i > 0 and draw(st.booleans()),
                below=(
                    Money.from_minor_units(minimums[i + 1], "BRL")
                    if i + 1 < size and draw(st.booleans())
                    else None
                ),
            )
            for i, name in enumerate(names)
        ]
    )


def namespaces() -> st.SearchStrategy[str]:
    """Draw a caller's rule-id namespace (``acme``), never a source programme's (``omid``)."""
    return st.one_of(
        st.sampled_from(("acme", "globex", "initech")),
        st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True),
    ).filter(lambda ns: ns not in RESERVED_NAMESPACES)


@st.composite
def rule_ids(draw: st.DrawFn, *, namespace: str | None = None) -> str:
    """Draw a caller's rule id such as ``acme.sla.first_response``.

    Dotted lower case with two to four parts, in *namespace* (drawn from
    :func:`namespaces` when None), so
    :func:`~partnerrules.catalogue.check_rule_id` accepts it.
    """
    if namespace is not None and namespace in RESERVED_NAMESPACES:
        raise _invalid(f"namespace {namespace!r} belongs to a source programme")
    ns = namespace if namespace is not None else draw(namespaces())
    words = st.one_of(
        st.sampled_from(("sla", "commission", "campaign", "tier", "first_response", "launch")),
        st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True),
    )
    return ".".join([ns, *draw(st.lists(words, min_size=1, max_size=3))])


@st.composite
def campaign_periods(
    draw: st.DrawFn, *, min_value: dt.date = FIRST_DATE, max_value: dt.date = LAST_DATE
) -> CampaignPeriod:
    """Draw a :class:`~partnerrules.commission.CampaignPeriod`, starting in the range.

    Often one day long, whole calendar months (ending on the 1st of a month)
    or running to New Year; otherwise up to two years.
    """
    if min_value >= max_value:
        raise _invalid(f"min_value {min_value!r} must be before max_value {max_value!r}")
    start = draw(dates(min_value=min_value, max_value=max_value - dt.timedelta(days=1)))
    kind = draw(st.sampled_from(("days", "one day", "months", "New Year")))
    if kind == "one day":
        end = start + dt.timedelta(days=1)
    elif kind == "months":
        end = start.replace(day=1) + relativedelta(months=draw(st.integers(1, 12)))
    elif kind == "New Year":
        end = dt.date(start.year + 1, 1, 1)
    else:
        end = start + dt.timedelta(days=draw(st.integers(1, 730)))
    return CampaignPeriod(start, end)


@st.composite
def campaigns(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    tier_names: st.SearchStrategy[str] | None = None,
) -> Campaign:
    """Draw a :class:`~partnerrules.commission.Campaign` (a caller's, with its own rule id).

    Either trigger, a rate from :func:`rates`, a zone from :data:`ZONE_NAMES`
    (the campaign's years and days are read there) and a period from
    :func:`campaign_periods` or none. The rule id comes from *ids*
    (:func:`rule_ids`), the tier it classifies sales as from *tier_names*.
    """
    return Campaign(
        draw(ids if ids is not None else rule_ids()),
        draw(st.sampled_from(CampaignTrigger)),
        draw(rates()),
        name=draw(st.sampled_from(("Launch", "Spring promo", "Kick-off", "Diamond"))),
        tier=draw(tier_names if tier_names is not None else st.sampled_from(_TIER_NAMES)),
        zone=draw(st.sampled_from(ZONE_NAMES)),
        period=draw(st.none() | campaign_periods()),
    )


@st.composite
def commission_plans(
    draw: st.DrawFn, *, namespace: str | None = None, max_campaigns: int = 3
) -> CommissionPlan:
    """Draw a :class:`~partnerrules.commission.CommissionPlan` of a caller's programme.

    Up to *max_campaigns* campaigns with distinct rule ids in *namespace*
    (drawn when None), with or without a :func:`tier_schedules` schedule (then
    each campaign's tier is one of its tiers), citing its own tier rule or
    the Omid one (``omid.tier.by_annual_tcv``; always its own when
    *namespace* is given, so a :func:`programmes` programme can declare it).
    """
    ns = namespace if namespace is not None else draw(namespaces())
    schedule = draw(st.none() | tier_schedules())
    names = st.sampled_from(schedule.names) if schedule is not None else None
    ids = draw(st.lists(rule_ids(namespace=ns), max_size=max_campaigns, unique=True))
    drawn = [draw(campaigns(ids=st.just(i), tier_names=names)) for i in ids]
    own_tier_rule = rule_ids(namespace=ns).filter(lambda r: r not in ids)
    tier_rule = draw(
        own_tier_rule if namespace is not None else st.just(_TIER_RULE) | own_tier_rule
    )
    return CommissionPlan(drawn, schedule=schedule, tier_rule=tier_rule)


@st.composite
def month_days(draw: st.DrawFn) -> MonthDay:
    """Draw a :class:`~partnerrules.commission.MonthDay`: a day of a year, never 29 February."""
    month = draw(st.integers(1, 12))
    return MonthDay(month, draw(st.integers(1, _calendar.monthrange(2001, month)[1])))


@st.composite
def trip_terms(draw: st.DrawFn) -> TripTerms:
    """Draw :class:`~partnerrules.commission.TripTerms` (rule ``omid.awards.sales_trip``).

    A stay of 1 to 14 days, passes in groups of 1 to 4, a travel window inside
    one year (often a single day).
    """
    first, second = sorted((draw(month_days()), draw(month_days())), key=lambda m: (m.month, m.day))
    if draw(st.booleans()):
        second = first
    return TripTerms(
        draw(st.integers(1, 14)),
        draw(st.sampled_from(("all-inclusive resort in Brazil", "Fernando de Noronha"))),
        first,
        second,
        pass_group=draw(st.integers(1, 4)),
    )


@st.composite
def sales(
    draw: st.DrawFn,
    *,
    partners: st.SearchStrategy[str] | None = None,
    contract: st.SearchStrategy[Contract] | None = None,
    signed_at: st.SearchStrategy[dt.datetime] | None = None,
) -> Sale:
    """Draw a :class:`~partnerrules.commission.Sale` (rule ``omid.campaign.first_sale_diamond``).

    A partner from *partners* (``alfa``, ``beta``...), a contract from
    *contract* (:func:`contracts` without addenda) and a signature instant from
    *signed_at* (:func:`instants` shown in São Paulo, UTC or Manaus, so New
    Year's midnight in São Paulo, where the campaign's years turn, comes up often).
    """
    return Sale(
        draw(partners if partners is not None else st.sampled_from(_PARTNERS)),
        draw(contract if contract is not None else contracts(max_addenda=0)),
        draw(signed_at if signed_at is not None else _signatures()),
    )


def _signatures() -> st.SearchStrategy[dt.datetime]:
    return instants(
        timezones=st.sampled_from((_SAO_PAULO, _SAO_PAULO, _UTC, ZoneInfo("America/Manaus")))
    )


@st.composite
def sale_lists(
    draw: st.DrawFn,
    *,
    partners: st.SearchStrategy[str] | None = None,
    contract: st.SearchStrategy[Contract] | None = None,
    signed_at: st.SearchStrategy[dt.datetime] | None = None,
    min_size: int = 0,
    max_size: int = 8,
) -> list[Sale]:
    """Draw a list of :func:`sales` whose contracts have distinct ids (``C-0``, ``C-1``...).

    A contract is sold once, as :func:`~partnerrules.commission.sale_commissions`
    requires. Ties come up often: a sale is sometimes signed at the instant of
    an earlier one, shown in its own drawn zone, which may differ from the
    earlier one's (sales at one instant are ordered by contract id).
    """
    size = draw(st.integers(min_size, max_size))
    out: list[Sale] = []
    for i in range(size):
        sale = draw(sales(partners=partners, contract=contract, signed_at=signed_at))
        if out and draw(st.integers(0, 3)) == 3:
            earlier = draw(st.sampled_from(out)).signed_at
            sale = attrs.evolve(sale, signed_at=earlier.astimezone(sale.signed_at.tzinfo))
        out.append(attrs.evolve(sale, contract=attrs.evolve(sale.contract, id=f"C-{i}")))
    return out


@st.composite
def payments(draw: st.DrawFn) -> Payment:
    """Draw a :class:`~partnerrules.commission.Payment` on its own.

    An id, an invoice id, an amount from R$ 0,01 and an instant from :func:`instants`.

    To pay a real contract's invoices use :func:`payment_plans`.
    """
    return Payment(
        draw(_ids("P")),
        f"{draw(_ids('C'))}/{draw(st.integers(1, 60))}",
        draw(brl_amounts(min_units=1, max_units=10**10)),
        draw(instants()),
    )


@st.composite
def payment_plans(
    draw: st.DrawFn,
    contract: Contract,
    *,
    complete: bool | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> list[Payment]:
    """Draw payments of *contract*'s invoices (rule ``omid.commission.paid_on_collection``).

    With ``complete=True`` every invoice is paid in full; with ``False`` some
    invoices are left unpaid or paid in part; ``None`` draws either. An invoice
    is paid in one to three parts (ids ``<invoice id>#<n>``, amounts > 0, never
    more than is owed), each paid in the invoice's period or up to 60 days
    after it, in São Paulo time. The schedule is the one billed under
    *convention*.
    """
    everything = draw(st.booleans()) if complete is None else complete
    out = []
    for invoice in contract.invoices(convention=convention):
        if not everything and not draw(st.booleans()):
            continue
        total = invoice.amount.minor_units
        cuts = sorted(draw(st.lists(st.integers(0, total), max_size=2)))
        if not everything and cuts:
            total = draw(st.integers(cuts[-1], total))  # perhaps not all of the invoice
        opened = dt.datetime.combine(invoice.period_start, dt.time(), _SAO_PAULO)
        span = (invoice.period_end - invoice.period_start).days + 60
        for n, (a, b) in enumerate(itertools.pairwise([0, *cuts, total])):
            if b > a:
                seconds = draw(st.integers(0, span * 86_400 - 1))
                paid_at = (opened.astimezone(dt.UTC) + dt.timedelta(seconds=seconds)).astimezone(
                    _SAO_PAULO
                )
                out.append(
                    Payment(
                        f"{invoice.id}#{n}",
                        invoice.id,
                        Money.from_minor_units(b - a, "BRL"),
                        paid_at,
                    )
                )
    return out


@st.composite
def sale_commissions(
    draw: st.DrawFn,
    *,
    sale: st.SearchStrategy[Sale] | None = None,
    standard_tier: st.SearchStrategy[Tier] | None = None,
    plan: st.SearchStrategy[CommissionPlan] | None = None,
) -> SaleCommission:
    """Draw a :class:`~partnerrules.commission.SaleCommission` as the library computes it.

    One sale (:func:`sales`) judged by :func:`~partnerrules.commission.sale_commissions`
    with a standard tier from :func:`tiers` and a plan from *plan*: by default
    the Omid pack's plan, the same plan with a drawn Diamond rate, or a
    caller's :func:`commission_plans` plan. With the Omid plan the sale, the
    only one of its year, takes the campaign rate.
    """
    omid_plan = _omid.COMMISSION_PLAN
    default_plan = st.one_of(
        st.just(omid_plan),
        rates().map(
            lambda r: attrs.evolve(
                omid_plan, campaigns=[attrs.evolve(c, rate=r) for c in omid_plan.campaigns]
            )
        ),
        commission_plans(),
    )
    drawn = draw(sale if sale is not None else sales())
    tier = draw(standard_tier if standard_tier is not None else tiers())
    (line,) = _commission.sale_commissions(
        [drawn],
        standard_tiers={drawn.partner: tier},
        plan=draw(plan if plan is not None else default_plan),
    )
    return line


# -- SLAs and tickets ----------------------------------------------------------------------

_SPAN_AMOUNTS: Final = {
    "minutes": (1, 2880, (1, 15, 60, 90, 1440)),
    "hours": (1, 96, (1, 8, 24, 48)),
    "days": (1, 10, (1, 2, 3)),
}
_UNITS: Final = ("minutes", "hours", "days")


def _amounts(unit: str) -> st.SearchStrategy[int]:
    lo, hi, common = _SPAN_AMOUNTS[unit]
    return st.one_of(st.integers(lo, hi), st.sampled_from(common))


def _check_units(units: Sequence[str] | None) -> tuple[str, ...]:
    """*units* checked, as a tuple; None is every unit."""
    if units is None:
        return _UNITS
    if isinstance(units, str) or not units or any(u not in _SPAN_AMOUNTS for u in units):
        raise _invalid(f"units must be some of {_UNITS} (got {units!r})")
    return tuple(units)


def business_spans(*, units: Sequence[str] | None = None) -> st.SearchStrategy[BusinessSpan]:
    """Draw a :class:`~partnerrules.sla.BusinessSpan` in one of *units* (None: all three).

    1 to 2880 minutes, 1 to 96 hours or 1 to 10 business days, often the
    round amounts (an hour, a day, 90 minutes...).
    """
    units = _check_units(units)
    return st.sampled_from(units).flatmap(
        lambda unit: _amounts(unit).map(lambda n: BusinessSpan(n, unit))
    )


@st.composite
def response_windows(draw: st.DrawFn, *, units: Sequence[str] | None = None) -> ResponseWindow:
    """Draw a :class:`~partnerrules.sla.ResponseWindow`: a target at most its limit, one unit.

    The unit is one of *units* (None: minutes, hours or days). The target
    often equals the limit (no at-risk period) or is one unit.
    """
    unit = draw(st.sampled_from(_check_units(units)))
    limit = draw(_amounts(unit))
    target = draw(st.one_of(st.sampled_from((limit, 1)), st.integers(1, limit)))
    return ResponseWindow(BusinessSpan(target, unit), BusinessSpan(limit, unit))


def _nominal(window: ResponseWindow) -> tuple[int, int]:
    per = {"minutes": 1, "hours": 60, "days": 1440}
    return window.limit.amount * per[window.limit.unit], window.target.amount


@st.composite
def severity_matrices(
    draw: st.DrawFn, *, units: Sequence[str] | None = None, levels: bool = True
) -> SeverityMatrix:
    """Draw a :class:`~partnerrules.sla.SeverityMatrix` (rule ``zoho.sla.matrix``).

    Every severity has an acknowledgement window, and often a problem
    determination one; windows mix *units* and grow from severity 1 to 3 (by
    nominal length, a day counted as 24 hours), as the shipped packs do
    (*units* None: minutes, hours and days). With *levels*, some cells are
    overridden for one partner level.
    """
    metrics = draw(
        st.sampled_from(
            ((Metric.ACKNOWLEDGEMENT,), (Metric.ACKNOWLEDGEMENT, Metric.PROBLEM_DETERMINATION))
        )
    )
    cells = []
    for metric in metrics:
        windows = sorted(
            draw(st.lists(response_windows(units=units), min_size=3, max_size=3)), key=_nominal
        )
        cells += [MatrixCell(sev, metric, w) for sev, w in zip(Severity, windows, strict=True)]
        if levels:
            overridden = draw(
                st.lists(
                    st.tuples(st.sampled_from(Severity), st.sampled_from(PartnerLevel)),
                    max_size=3,
                    unique=True,
                )
            )
            for sev, level in overridden:
                cells.append(MatrixCell(sev, metric, draw(response_windows(units=units)), level))
    return SeverityMatrix(cells)


@st.composite
def sla_policies(
    draw: st.DrawFn,
    *,
    namespace: str | None = None,
    clocks: st.SearchStrategy[ClockKind | BusinessCalendar] | None = None,
) -> SlaPolicy:
    """Draw a caller's :class:`~partnerrules.sla.SlaPolicy`.

    A rule id in *namespace* (:func:`rule_ids`), a :func:`severity_matrices`
    matrix, a clock from *clocks* (a built-in kind, ``24x5``, ``24x7`` or
    ``support hours``, or a :func:`calendars` calendar), and drawn sets of
    round-the-clock and exempt categories and recurring metrics.
    """
    default_clocks = st.one_of(
        st.sampled_from((ClockKind.WEEKDAY, ClockKind.ALWAYS_ON, ClockKind.SUPPORT_HOURS)),
        calendars(),
    )
    return SlaPolicy(
        draw(st.sampled_from(("Acme support", "Team desk", "Night desk"))),
        draw(rule_ids(namespace=namespace)),
        draw(severity_matrices()),
        draw(clocks if clocks is not None else default_clocks),
        round_the_clock=draw(st.frozensets(st.sampled_from(Category), max_size=4)),
        exempt=draw(st.frozensets(st.sampled_from(Category), max_size=3)),
        recurring=draw(st.frozensets(st.sampled_from(Metric))),
    )


@st.composite
def pauses(draw: st.DrawFn) -> Pause:
    """Draw a :class:`~partnerrules.sla.Pause` on its own: a start and an end after it, or none."""
    start = draw(instants())
    if draw(st.integers(0, 3)) == 3:
        return Pause(start, None)
    length = draw(st.integers(1, 7 * _DAY))
    return Pause(start, _shown((start - _EPOCH) // _US + length, draw(zones())))


@st.composite
def tickets(
    draw: st.DrawFn,
    *,
    opened_at: st.SearchStrategy[dt.datetime] | None = None,
    places: Sequence[tuple[str, tuple[str | None, ...], tuple[str, ...]]] | None = None,
    max_responses: int = 3,
    max_pauses: int = 2,
) -> Ticket:
    """Draw a :class:`~partnerrules.sla.Ticket` whose pauses and responses fit its opening.

    Any severity, category (exempt ones too) and partner level. The customer
    is placed by *places* (None: :data:`TICKET_PLACES`; each a country, a
    subdivision whose holidays exist, and its zones), and the ticket states that zone
    or not; the opening instant is shown in the local zone or in UTC (a service
    that stores UTC), so every ticket has a local zone for support-hours
    policies. The opening comes from *opened_at*, by default :func:`instants`
    from 2015 to 2035 with the local zone's DST nights and month starts drawn
    often.

    Up to *max_responses* responses at or after the opening (a response at
    the opening instant comes up), and up to *max_pauses* pauses from the
    opening on, never overlapping (one may start as the previous ends), the
    last sometimes still open. They are shown in the local zone or in UTC; one
    whose local wall time happens twice (the repeated hour of a DST night) is
    always shown in UTC, because Python orders two datetimes that share a
    tzinfo by wall time, ignoring ``fold``.
    """
    places = TICKET_PLACES if places is None else places
    if not places:
        raise _invalid("places must not be empty")
    country, subdivisions, zone_names = draw(st.sampled_from(tuple(places)))
    local = ZoneInfo(draw(st.sampled_from(zone_names)))
    opened = draw(
        opened_at
        if opened_at is not None
        else instants(timezones=st.sampled_from((local, local, _UTC)))
    )
    start = (opened - _EPOCH) // _US
    responses = []
    cursor = start
    for gap in draw(st.lists(st.integers(0, 3 * _DAY), max_size=max_responses)):
        cursor += gap
        responses.append(_shown(cursor, draw(st.sampled_from((local, _UTC)))))
    pause_list = []
    cursor = start
    for gap, length in draw(
        st.lists(
            st.tuples(st.integers(0, 10 * _HOUR), st.integers(1, 15 * _HOUR)),
            max_size=max_pauses,
        )
    ):
        cursor += gap
        if draw(st.integers(0, 9)) == 9:
            pause_list.append(Pause(_shown(cursor, local), None))
            break
        pause_list.append(Pause(_shown(cursor, local), _shown(cursor + length, local)))
        cursor += length
    return Ticket(
        draw(_ids("T")),
        opened,
        severity=draw(st.sampled_from(Severity)),
        category=draw(st.sampled_from(Category)),
        level=draw(st.sampled_from(PartnerLevel)),
        country=country,
        subdivision=draw(st.sampled_from(subdivisions)),
        pauses=pause_list,
        responses=responses,
        zone=draw(st.sampled_from((None, local.key))),
    )


# -- programmes ----------------------------------------------------------------------------


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    """Draw a caller's :class:`~partnerrules.programmes.Programme`.

    A namespace from :func:`namespaces`, an optional :func:`sla_policies`
    policy and an optional :func:`commission_plans` plan in that namespace,
    and the rules it declares: every rule its policies cite (the SLA rule, each
    campaign's, the tier rule) and up to three more.
    """
    ns = draw(namespaces())
    policy = draw(st.none() | sla_policies(namespace=ns))
    plan = draw(st.none() | commission_plans(namespace=ns))
    cited = [policy.rule_id] if policy is not None else []
    if plan is not None:
        cited += [c.rule_id for c in plan.campaigns] + [plan.tier_rule]
    extra = draw(st.lists(rule_ids(namespace=ns), max_size=3))
    title = f"{ns.title()} partner guide"
    rules = [
        Rule(rule_id, title, f"§{n}", f"Rule {n} of the {ns} programme.", "sla")
        for n, rule_id in enumerate(dict.fromkeys([*cited, *extra]), start=1)
    ]
    return Programme(ns, f"{ns.title()} partners", title, rules, sla=policy, commission=plan)


@st.composite
def programme_histories(
    draw: st.DrawFn,
    *,
    versions: st.SearchStrategy[Programme] | None = None,
    min_size: int = 1,
    max_size: int = 4,
) -> ProgrammeHistory:
    """Draw a :class:`~partnerrules.versions.ProgrammeHistory` of *min_size* to *max_size* versions.

    The versions' programmes come from *versions*, which must draw programmes
    of one id (by default: one :func:`programmes` value, renamed per version,
    and sometimes with a newly drawn SLA policy under the same rule id). The
    versions start at distinct :func:`instants` in order (the first often
    "since always", ``None``), some end early with an ``until`` (a declared
    gap before the next version, or an end of the last), labels are
    ``v1``, ``v2``, ...
    """
    if not 1 <= min_size <= max_size:
        raise _invalid(f"need 1 <= min_size <= max_size (got {min_size}, {max_size})")
    if versions is None:
        base = draw(programmes())

        def variant(n: int, policy: SlaPolicy | None) -> Programme:
            changed = attrs.evolve(base, name=f"{base.name} edition {n}")
            if policy is not None and base.sla is not None:
                policy = attrs.evolve(policy, rule_id=base.sla.rule_id)
                changed = attrs.evolve(changed, sla=policy)
            return changed

        versions = st.builds(
            variant, st.integers(1, 9), st.none() | sla_policies(namespace=base.id)
        )
    count = draw(st.integers(min_size, max_size))
    values = [draw(versions) for _ in range(count)]
    if len({v.id for v in values}) > 1:
        raise _invalid("versions must draw programmes of one id")
    lo, hi = (FIRST_INSTANT - _EPOCH) // _US, (LAST_INSTANT - _EPOCH) // _US
    starts = sorted(
        draw(st.lists(st.integers(lo, hi), min_size=count, max_size=count, unique=True))
    )
    zone = draw(zones())
    since_always = draw(st.booleans())
    found = []
    for i, (programme, start) in enumerate(zip(values, starts, strict=True)):
        end = starts[i + 1] if i + 1 < count else hi + _DAY
        until = None
        if draw(st.integers(0, 3)) == 0 and end - start > 1:
            until = _at(draw(st.integers(start + 1, end)), zone)
        found.append(
            Version(
                programme,
                f"v{i + 1}",
                None if i == 0 and since_always else _at(start, zone),
                f"{programme.source}, edition {i + 1}",
                until=until,
            )
        )
    return ProgrammeHistory(found)


# -- deals ---------------------------------------------------------------------------------

_CNPJ_CHARS: Final = string.digits + string.ascii_uppercase


@st.composite
def cnpjs(draw: st.DrawFn, *, alphanumeric: bool | None = None) -> Cnpj:
    """Draw a valid :class:`~partnerrules.identity.Cnpj` (rule ``aws.ace.readiness``).

    Twelve base characters with the two mod-11 check digits of
    :func:`~partnerrules.identity.cnpj_check_digits`: numeric, or with
    letters (the format issued from July 2026) when *alphanumeric* is True;
    either when None. Draws often the head office branch ``0001`` and a root
    of zeros (a real company), never the all-zero placeholder.
    """
    letters = draw(st.booleans()) if alphanumeric is None else alphanumeric
    chars = _CNPJ_CHARS if letters else string.digits
    root = draw(st.one_of(st.text(chars, min_size=8, max_size=8), st.just("00000000")))
    branch = draw(st.one_of(st.just("0001"), st.text(chars, min_size=4, max_size=4)))
    base = root + branch
    if base == "0" * 12:
        base = root + "0001"
    if letters and base.isdigit():
        position = draw(st.integers(0, 11))
        letter = draw(st.sampled_from(string.ascii_uppercase))
        base = base[:position] + letter + base[position + 1 :]
    return Cnpj(base + cnpj_check_digits(base))


@st.composite
def domains(draw: st.DrawFn) -> str:
    """Draw a web address, e-mail address or host name that has a registrable domain.

    Under a one- or two-level suffix (``com``, ``com.br``, ``co.uk``...), with
    or without subdomains, scheme, port, path, user and upper case, and now
    and then an internationalised label (``açaí.com.br``).
    """
    label = st.one_of(
        st.from_regex(r"[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?", fullmatch=True).filter(
            lambda s: not s.isdigit()
        ),
        st.sampled_from(_UNICODE_LABELS),
    )
    host = ".".join(
        [
            *draw(st.lists(st.sampled_from(("www", "app", "loja", "filial")), max_size=2)),
            draw(label),
            draw(st.sampled_from(_DOMAIN_SUFFIXES)),
        ]
    )
    shape = draw(st.sampled_from(("{}", "https://{}/contato", "vendas@{}", "HTTP://{}:8080/")))
    text = shape.format(host)
    return text.upper() if draw(st.integers(0, 4)) == 4 else text


@st.composite
def customers(draw: st.DrawFn) -> Customer:
    """Draw a :class:`~partnerrules.identity.Customer`: a name, maybe a domain, maybe a CNPJ.

    The CNPJ is given as a :class:`~partnerrules.identity.Cnpj`, formatted or
    bare text.
    """
    drawn = draw(st.none() | cnpjs())
    cnpj: Cnpj | str | None = drawn
    if drawn is not None:
        cnpj = draw(st.sampled_from((drawn.formatted, drawn.number)) | st.just(drawn))
    return Customer(draw(company_names()), domain=draw(st.none() | domains()), cnpj=cnpj)


def _elapsed(instant: dt.datetime, us: int, zone: dt.tzinfo) -> dt.datetime:
    return _at((instant - _EPOCH) // _US + us, zone)


@st.composite
def deal_registrations(
    draw: st.DrawFn,
    *,
    customer: st.SearchStrategy[Customer] | None = None,
    registered_at: st.SearchStrategy[dt.datetime] | None = None,
    max_updates: int = 4,
) -> DealRegistration:
    """Draw a :class:`~partnerrules.deals.DealRegistration` (rule ``mcs.deal.protection``).

    Registered at an instant from *registered_at* (:func:`instants`, in a
    zone of :data:`ZONE_NAMES`: DST nights and month ends come up), with up
    to *max_updates* status updates at or after it, in any order and shown in
    any zone. Updates often fall exactly on the edge of protection: three
    months later on the registration's wall clock (clamped at month end), or
    one microsecond before or after.
    """
    start = draw(registered_at if registered_at is not None else instants())
    zone = start.tzinfo
    assert zone is not None
    edge = ((start.replace(fold=0) + relativedelta(months=3)).astimezone(dt.UTC) - start) // _US
    offsets = st.one_of(
        st.integers(0, 400 * _DAY),
        st.sampled_from((0, edge, edge - 1, edge + 1)).filter(lambda us: us >= 0),
    )
    updates = [
        _elapsed(start, draw(offsets), draw(zones()))
        for _ in range(draw(st.integers(0, max_updates)))
    ]
    return DealRegistration(
        draw(_ids("CRM")),
        customer=draw(customer if customer is not None else customers()),
        partner=draw(st.sampled_from(_PARTNERS)),
        registered_at=start,
        bdm=draw(st.sampled_from(("m.ivanova", "m.gracheva", "olga"))),
        status_updates=tuple(updates),
    )


@st.composite
def opportunities(
    draw: st.DrawFn, *, customer: st.SearchStrategy[Customer] | None = None
) -> Opportunity:
    """Draw an ACE :class:`~partnerrules.deals.Opportunity` (rule ``aws.ace.readiness``).

    Any status and flags, a description that is empty, short, long or
    padded with whitespace runs, and a target close date or none.
    """
    words = st.lists(
        st.sampled_from(("Migração", "para", "a", "nuvem", "AWS", "data lake", "SAP")),
        max_size=40,
    )
    description = draw(
        st.one_of(
            words.map(" ".join),
            words.map("  \n ".join),
            st.text(max_size=200),
        )
    )
    return Opportunity(
        draw(_ids("O")),
        customer=draw(customer if customer is not None else customers()),
        project=draw(st.sampled_from(("Migração SAP", "Data lake", "migracao  sap", "VDI"))),
        status=draw(st.sampled_from(OpportunityStatus)),
        description=description,
        target_close=draw(st.none() | dates()),
        customer_consent=draw(st.booleans()),
        partner_originated=draw(st.booleans()),
        partner_led=draw(st.booleans()),
        new_business=draw(st.booleans()),
    )


@st.composite
def lifecycle_policies(
    draw: st.DrawFn,
    *,
    namespace: str | None = None,
    sla: st.SearchStrategy[SlaPolicy] | None = None,
) -> LifecyclePolicy:
    """Draw a caller's :class:`~partnerrules.lifecycle.LifecyclePolicy`.

    A rule id in *namespace* (:func:`rule_ids`), an SLA policy from *sla*
    (:func:`sla_policies` by default), up to three pausing statuses each
    pausing a drawn set of clocks, one or both counted visibilities,
    resolution windows for every severity or none, a severity-change
    convention, the clocks that restart on reopening, and up to three
    notifications and escalation levels (offsets within ten business days
    either side of a deadline; on the resolution clock only when the policy
    has resolution windows). Every number is drawn: the sources give none.
    """
    resolution = draw(
        st.one_of(
            st.just({}),
            st.fixed_dictionaries({severity: response_windows() for severity in Severity}),
        )
    )
    clocks = st.sampled_from([c for c in Clock if resolution or c is not Clock.RESOLUTION])
    fractions = st.integers(1, 100).map(lambda n: Decimal(n) / 100)
    offsets = st.integers(-14_400, 14_400).map(lambda m: dt.timedelta(minutes=m))
    escalation = st.builds(
        EscalationLevel,
        st.sampled_from(("team lead", "partner-support manager", "director")),
        clocks,
        offsets,
        relative_to=st.sampled_from(Edge),
        rule_id=st.none() | rule_ids(namespace=namespace),
    )
    return LifecyclePolicy(
        draw(st.sampled_from(("Acme support", "Team desk"))),
        draw(rule_ids(namespace=namespace)),
        draw(sla if sla is not None else sla_policies(namespace=namespace)),
        pausing_statuses=draw(
            st.dictionaries(
                st.sampled_from(("waiting on customer", "on hold", "pending vendor")),
                st.frozensets(st.sampled_from(Clock)),
                max_size=3,
            )
        ),
        counted_responses=draw(st.frozensets(st.sampled_from(Visibility), min_size=1)),
        resolution=resolution,
        on_severity_change=draw(st.sampled_from(SeverityChange)),
        restart_on_reopen=draw(st.frozensets(st.sampled_from(Clock))),
        notifications=draw(st.lists(st.builds(Notification, clocks, fractions), max_size=3)),
        escalations=draw(st.lists(escalation, max_size=3)),
    )


#: The statuses :func:`ticket_histories` draws by default (a caller's words).
HISTORY_STATUSES: Final = ("waiting on customer", "on hold", "in progress", "waiting on vendor")

#: What happens next in a drawn history, with its weight (statuses and public responses
#: twice as often as the rest).
_ACTIONS: Final = (
    "status",
    "status",
    "public",
    "public",
    "internal",
    "severity",
    "level",
    "resolve",
    "close",
    "reopen",
    "policy",
)


@st.composite
def ticket_histories(
    draw: st.DrawFn,
    *,
    opened_at: st.SearchStrategy[dt.datetime] | None = None,
    places: Sequence[tuple[str, tuple[str | None, ...], tuple[str, ...]]] | None = None,
    statuses: Sequence[str] | None = None,
    policies: st.SearchStrategy[SlaPolicy] | None = None,
    retroactive: bool = True,
    max_events: int = 9,
) -> TicketHistory:
    """Draw a valid :class:`~partnerrules.lifecycle.TicketHistory`.

    An opening (any severity and partner level, a category other than
    ``other``, a customer placed by *places*, :data:`TICKET_PLACES` by
    default, opened at an instant of *opened_at*, by default :func:`instants`
    in the place's zone), then up to *max_events* events zero to thirty hours
    apart, in time order: status changes (to one of *statuses*,
    :data:`HISTORY_STATUSES` by default), public and internal responses,
    severity and level changes, resolutions, closings and reopenings in an
    order the history accepts, and, when *policies* is given, policy changes
    to one of its SLA policies, in force from up to a day before they are
    recorded (with *retroactive*) or from when they are recorded.
    """
    if type(max_events) is not int or not 0 <= max_events <= 100:
        raise _invalid(f"max_events must be an int from 0 to 100 (got {max_events!r})")
    chosen = tuple(TICKET_PLACES if places is None else places)
    words = tuple(HISTORY_STATUSES if statuses is None else statuses)
    if not chosen or not words:
        raise _invalid("places and statuses must not be empty")
    country, subdivisions, zone_names = draw(st.sampled_from(chosen))
    local = ZoneInfo(draw(st.sampled_from(zone_names)))
    opened = draw(opened_at if opened_at is not None else instants(timezones=st.just(local)))
    events: list[Event] = [
        Opened(
            "H",
            opened,
            severity=draw(st.sampled_from(Severity)),
            category=draw(st.sampled_from([c for c in Category if c is not Category.OTHER])),
            level=draw(st.sampled_from(PartnerLevel)),
            country=country,
            subdivision=draw(st.sampled_from(subdivisions)),
        )
    ]
    actions = _ACTIONS if policies is not None else tuple(a for a in _ACTIONS if a != "policy")
    phase, cur = "open", opened
    for _ in range(draw(st.integers(0, max_events))):
        cur += draw(st.integers(0, 60 * 30)) * dt.timedelta(minutes=1)
        action = draw(st.sampled_from(actions))
        if phase == "closed" and action not in {"reopen", "status", "policy"}:
            action = "reopen"
        if action == "status":
            events.append(StatusChanged(cur, draw(st.sampled_from(words))))
        elif action in {"public", "internal"}:
            events.append(Responded(cur, visibility=action))
        elif action == "severity":
            events.append(SeverityChanged(cur, draw(st.sampled_from(Severity))))
        elif action == "level":
            events.append(LevelChanged(cur, draw(st.sampled_from(PartnerLevel))))
        elif action == "policy":
            assert policies is not None
            back = draw(st.integers(-60 * 24, 60 * 24 * 3 if retroactive else 0))
            effective = cur - back * dt.timedelta(minutes=1)
            events.append(PolicyChanged(cur, draw(policies), effective=effective))
        elif action == "reopen" and phase != "open":
            events.append(Reopened(cur))
            phase = "open"
        elif action == "close" and phase != "closed":
            events.append(Closed(cur))
            phase = "closed"
        elif phase == "open":
            events.append(Resolved(cur))
            phase = "resolved"
    return TicketHistory(events)
