"""Tickets and their pauses.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules._sla.vocabulary import (
    Category,
    PartnerLevel,
    Severity,
    _said,
    _severity,
    _ticket_category,
    _ticket_level,
)
from partnerrules.calendars import (
    _instant_us,
)
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.regions import (
    escalation_region,
)

# ---------------------------------------------------------------------------
# Tickets
# ---------------------------------------------------------------------------


def _aware(field: str) -> Callable[[Any, Any, Any], None]:
    def check(_instance: Any, _attribute: Any, value: object) -> None:
        _validate.aware(field, value)

    return check


def _optional_aware(_instance: Any, _attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware("end", value)


@attrs.frozen
class Pause:
    """An interval during which the clock stops (waiting on the customer).

    ``end=None`` means the pause is still open.

    >>> start = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)
    >>> Pause(start, start - dt.timedelta(hours=1))
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'end' must be after the start 2026-11-23 ...
    """

    start: dt.datetime = attrs.field(validator=_aware("start"))
    end: dt.datetime | None = attrs.field(default=None, validator=_optional_aware)

    def __attrs_post_init__(self) -> None:
        # Compared as instants (UTC µs): two datetimes of one zone compare by wall time,
        # which ignores the fold of a repeated DST hour.
        if self.end is not None and _instant_us(self.end, "end") <= _instant_us(
            self.start, "start"
        ):
            raise InvalidValueError("end", self.end, f"after the start {self.start}")


def _pauses(value: object) -> tuple[Pause, ...]:
    if type(value) is tuple and not value:  # the common case: no pauses
        return ()
    if isinstance(value, Pause):
        raise InvalidTypeError("pauses", value, "an iterable of Pause")
    items = []
    for p in _validate.items("pauses", value, "an iterable of Pause"):
        if isinstance(p, tuple) and len(p) == 2:
            p = Pause(*p)
        items.append(_validate.instance("pauses", p, Pause))
    return tuple(sorted(items, key=lambda p: _instant_us(p.start, "pauses")))


def _responses(value: object) -> tuple[dt.datetime, ...]:
    if type(value) is tuple and not value:  # the common case: no responses yet
        return ()
    if isinstance(value, dt.datetime):
        raise InvalidTypeError("responses", value, "an iterable of aware datetimes")
    given = _validate.items("responses", value, "an iterable of aware datetimes")
    checked = (_validate.aware("responses", r) for r in given)
    return tuple(sorted(checked, key=lambda r: _instant_us(r, "responses")))


def _country(value: object) -> str:
    if type(value) is str:  # the common case: a code seen before, one dictionary lookup
        known = _COUNTRIES.get(value)
        if known is not None:
            return known
    text = _validate.text("country", value).strip().upper()
    escalation_region(text)  # refuses unknown codes, suggesting close ones
    if type(value) is str and len(_COUNTRIES) < 1024:
        _COUNTRIES[value] = text
    return text


# The codes _country accepted, as given (a str) to as kept (a cache: the table is fixed).
_COUNTRIES: dict[str, str] = {}


def _optional_zone(value: object) -> str | None:
    if value is None:
        return None
    return _zone_arg(value)


# Pauses as integer microseconds since the epoch: (start, end or None while open).
_Pauses = tuple[tuple[int, int | None], ...]


@attrs.frozen
class Ticket:
    """A support ticket, as a ticketing service would hand it over.

    Attributes:
        id: the ticket's identifier.
        opened_at: when the ticket was opened (aware).
        severity: 1, 2 or 3.
        category: a :class:`Category` (or its value, such as ``"downtime"``),
            or a word of the caller's programme (kept as a str).
        level: the partner's level (``"Premium"``...): a :class:`PartnerLevel`
            when it names one, else a word of the caller's programme. The
            policy checks that it knows the level and category when the
            ticket is planned (the policy's ``levels`` and ``categories``).
        country: the customer's ISO 3166-1 alpha-2 country (``"BR"``).
        subdivision: the subdivision whose holidays apply (``"SP"``), if any.
        pauses: intervals waiting on the customer; they never overlap.
        responses: instants of the responses sent, none before the opening.
        zone: the customer's IANA zone (``"Europe/Lisbon"``), if the service
            knows it. Policies in *local time* (Appendix B) use it; without
            it they use the zone the opening instant carries (unless it names
            no place, such as ``UTC``), then the country's own zone (its only
            zone, or its capital's for a country that spans several; a
            country with several zones and no capital listed is an error
            asking for the ticket's zone).
    """

    id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    opened_at: dt.datetime = attrs.field(validator=_aware("opened_at"))
    severity: Severity = attrs.field(kw_only=True, converter=_severity)
    category: Category | str = attrs.field(kw_only=True, converter=_ticket_category)
    level: PartnerLevel | str = attrs.field(kw_only=True, converter=_ticket_level)
    country: str = attrs.field(kw_only=True, converter=_country)
    subdivision: str | None = attrs.field(kw_only=True, default=None)
    pauses: tuple[Pause, ...] = attrs.field(kw_only=True, default=(), converter=_pauses)
    responses: tuple[dt.datetime, ...] = attrs.field(kw_only=True, default=(), converter=_responses)
    zone: str | None = attrs.field(kw_only=True, default=None, converter=_optional_zone)
    # The opening, responses and pauses as µs since the epoch, converted once (a cache).
    _instants: tuple[int, tuple[int, ...], _Pauses] = attrs.field(
        init=False, repr=False, eq=False, default=(0, (), ())
    )
    # The ticket's kind as plain values (the key of its plan; str and int hash in C, Enum
    # members in Python), worked out once (a cache).
    _kind: tuple[str, int, str, str, str | None, str | None] = attrs.field(
        init=False, repr=False, eq=False, default=("", 0, "", "", None, None)
    )

    def __attrs_post_init__(self) -> None:
        if self.subdivision is not None:
            _validate.text("subdivision", self.subdivision)
        # Every comparison is between instants (UTC µs): datetimes of one zone compare by
        # wall time, which ignores the fold of a repeated DST hour.
        opened = _instant_us(self.opened_at, "opened_at")
        if self.responses or self.pauses:
            instants = (opened, *self._checked_instants(opened))
        else:  # the common case of a ticket just opened: nothing to check against the opening
            instants = (opened, (), ())
        setattr_ = object.__setattr__
        setattr_(self, "_instants", instants)
        carried = self.opened_at.tzinfo
        category = self.category
        level = self.level
        kind = (
            category if type(category) is str else _said(category),
            int(self.severity),
            level if type(level) is str else _said(level),
            self.country,
            self.subdivision,
            # The local zone the ticket states or its opening carries (None: neither).
            self.zone or (carried.key if isinstance(carried, ZoneInfo) else None),
        )
        setattr_(self, "_kind", kind)

    def _checked_instants(self, opened: int) -> tuple[tuple[int, ...], _Pauses]:
        """The responses and pauses as µs, checked against the opening and each other."""
        responses = tuple(_instant_us(r, "responses") for r in self.responses)
        pauses = tuple(
            (
                _instant_us(p.start, "pauses"),
                None if p.end is None else _instant_us(p.end, "pauses"),
            )
            for p in self.pauses
        )
        for r, r_us in zip(self.responses, responses, strict=True):
            if r_us < opened:
                raise InvalidValueError(
                    "responses", r, f"at or after the opening {self.opened_at.isoformat()}"
                )
        previous: tuple[Pause, int | None] | None = None
        for p, (start, end) in zip(self.pauses, pauses, strict=True):
            if start < opened:
                raise InvalidValueError(
                    "pauses", p, f"starting at or after the opening {self.opened_at.isoformat()}"
                )
            if previous is not None and (previous[1] is None or start < previous[1]):
                raise InvalidValueError(
                    "pauses",
                    p,
                    f"not overlapping the pause {previous[0]}",
                    hint="merge overlapping pauses into one interval",
                )
            previous = (p, end)
        return responses, pauses


def _checked_ticket(
    id: str,
    opened_at: dt.datetime,
    severity: Severity,
    category: Category | str,
    level: PartnerLevel | str,
    country: str,
    subdivision: str | None,
    zone: str | None,
) -> Ticket:
    """A ticket with no pauses or responses from values its own checks already passed.

    For :class:`~partnerrules.lifecycle.Opened`, whose fields go through the same
    converters and validators as a ticket's: setting them again costs as much as
    building the event. The ticket's own work (its instants and kind) still runs.
    """
    ticket: Ticket = object.__new__(Ticket)
    setattr_ = object.__setattr__
    setattr_(ticket, "id", id)
    setattr_(ticket, "opened_at", opened_at)
    setattr_(ticket, "severity", severity)
    setattr_(ticket, "category", category)
    setattr_(ticket, "level", level)
    setattr_(ticket, "country", country)
    setattr_(ticket, "subdivision", subdivision)
    setattr_(ticket, "pauses", ())
    setattr_(ticket, "responses", ())
    setattr_(ticket, "zone", zone)
    ticket.__attrs_post_init__()
    return ticket


@functools.cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@functools.lru_cache(maxsize=1024)
def _zone_name(zone: str) -> str:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownKeyError(
            "zone", zone, _zone_names(), hint="use an IANA zone such as 'America/Sao_Paulo'"
        ) from None
    return zone


def _zone_arg(zone: object) -> str:
    if isinstance(zone, ZoneInfo):
        return _zone_name(zone.key)
    if not isinstance(zone, str):
        raise InvalidTypeError("zone", zone, "an IANA zone name or a ZoneInfo")
    return _zone_name(zone)


home("partnerrules.sla", globals())
