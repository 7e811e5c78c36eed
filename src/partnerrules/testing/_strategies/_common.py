"""Strategies of :mod:`partnerrules.testing.strategies`: common (private)."""

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from partnerrules._public import home

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


def _micros(value: dt.datetime) -> int:
    """An aware datetime as microseconds since the epoch."""
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


def _minute_of(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _wall(minutes: int) -> dt.time:
    return dt.time(0) if minutes == 1440 else dt.time(minutes // 60, minutes % 60)


home("partnerrules.testing.strategies", globals())
