"""Appendix B support levels and status page, and the channels' availability (Omid support desk).

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules._sla.model import AlwaysOnDesk, SupportDesk
from partnerrules._sla.requests import _optional_text
from partnerrules._sla.tickets import _aware, _zone_arg
from partnerrules._sla.vocabulary import _coerce_enum
from partnerrules.calendars import (
    BusinessCalendar,
    always_on_clock,
)
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.policies import appendix_b as _appb
from partnerrules.policies import omid_support as _omid

# ---------------------------------------------------------------------------
# Appendix B: support levels and the status page
# ---------------------------------------------------------------------------


class SupportLevel(enum.Enum, metaclass=_validate.TypedEnumType):
    """A level of the Appendix B support structure."""

    CUSTOMER_SERVICE = "customer service"
    TECHNICAL_SOLUTIONS = "technical solutions"
    PRODUCT_SPECIALISTS = "product specialists"


@attrs.frozen
class SupportPath:
    """The support levels open to a package, and who may escalate to whom.

    Attributes:
        package: the customer's support package.
        levels: the levels available, first contact first.
        escalations: (from, to) pairs allowed for this package.
        has_tam: whether a Technical Account Manager is available.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    package: str
    levels: tuple[SupportLevel, ...]
    escalations: tuple[tuple[SupportLevel, SupportLevel], ...]
    has_tam: bool
    reasons: tuple[Reason, ...]
    desk: SupportDesk = attrs.field(default=_appb.DESK, kw_only=True, repr=False)

    def handles(self, level: object) -> str:
        """Describe what *level* handles (rule ``appb.support.levels``)."""
        lvl = _coerce_enum("level", level, SupportLevel)
        described = dict(self.desk.levels)
        if lvl.value not in described:
            raise UnknownKeyError("level", lvl.value, sorted(described))
        return str(described[lvl.value])


def support_path(package: str, *, desk: SupportDesk = _appb.DESK) -> SupportPath:
    """Return the Appendix B support levels open to a support package.

    Rule ``appb.support.levels`` (Appendix B, "Estrutura de Serviços de
    Suporte Técnico"): customer service is the first contact; technical
    solutions (led by a Technical Account Manager) takes harder problems; both
    may escalate to the product specialists. TAM support is not available to
    customers of the Advanced package, so that package skips technical
    solutions.

    >>> [lvl.value for lvl in support_path("Advanced").levels]
    ['customer service', 'product specialists']
    """
    package = _validate.text("package", package).strip()
    desk = _validate.instance("desk", desk, SupportDesk)
    no_tam = package.casefold() in {p.casefold() for p in desk.tam_excluded}
    levels = tuple(
        _coerce_enum("desk", name, SupportLevel)
        for name, _ in desk.levels
        if not (no_tam and name == SupportLevel.TECHNICAL_SOLUTIONS.value)
    )
    edges = tuple(
        (_coerce_enum("desk", a, SupportLevel), _coerce_enum("desk", b, SupportLevel))
        for a, b in desk.escalations
    )
    edges = tuple((a, b) for a, b in edges if a in levels and b in levels)
    reasons = [
        Reason.of(
            "appb.support.levels",
            "{package} package: {levels}",
            package=package,
            levels=" -> ".join(lvl.value for lvl in levels),
        )
    ]
    if no_tam:
        reasons.append(
            Reason.of(
                "appb.support.levels",
                "no Technical Account Manager for the {package} package",
                package=package,
            )
        )
    return SupportPath(package, levels, edges, not no_tam, tuple(reasons), desk=desk)


def can_escalate_level(
    source: object, target: object, *, package: str, desk: SupportDesk = _appb.DESK
) -> bool:
    """Return whether *source* may escalate a case to *target* for *package*.

    Rule ``appb.support.levels``: see :func:`support_path`.

    >>> can_escalate_level("customer service", "product specialists", package="Advanced")
    True
    >>> can_escalate_level("product specialists", "customer service", package="Advanced")
    False
    """
    a = _coerce_enum("source", source, SupportLevel)
    b = _coerce_enum("target", target, SupportLevel)
    return (a, b) in support_path(package, desk=desk).escalations


def _services(value: object) -> tuple[str, ...]:
    given = _validate.items("affected_services", value, "an iterable of service names")
    return tuple(_validate.text("affected_services", v) for v in given)


def _optional_aware_field(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


@attrs.frozen
class StatusPageUpdate:
    """One status-page update during a critical incident.

    Any of the content fields may be missing; :func:`check_status_page_update`
    lists what is.
    """

    posted_at: dt.datetime = attrs.field(validator=_aware("posted_at"))
    nature: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    affected_services: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_services)
    estimated_resolution: dt.datetime | None = attrs.field(
        default=None, kw_only=True, validator=_optional_aware_field
    )
    measures: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    resolved: bool = attrs.field(
        default=False, kw_only=True, validator=_validate.attrs_validator(_validate.boolean)
    )


@attrs.frozen
class StatusPageCheck:
    """The outcome of :func:`check_status_page_update`.

    Attributes:
        ok: True when the update states everything it must.
        missing: every missing item.
        next_update_due: when the next update is due (None once resolved).
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    ok: bool
    missing: tuple[str, ...]
    next_update_due: dt.datetime | None
    reasons: tuple[Reason, ...]


def check_status_page_update(
    update: StatusPageUpdate, *, cadence: dt.timedelta, desk: SupportDesk = _appb.DESK
) -> StatusPageCheck:
    """Check a status-page update is complete and say when the next one is due.

    Rule ``appb.status_page.update`` (Appendix B, "Página de Status"): during
    a critical incident the page is updated regularly until resolution, each
    update stating the nature of the problem, the affected services, the
    estimated resolution time and the measures being taken. The source gives
    no cadence, so *cadence* is required; the next update is due one cadence
    after this one, unless the incident is resolved.

    >>> t = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone.utc)
    >>> check = check_status_page_update(StatusPageUpdate(t, nature="database down"),
    ...                                  cadence=dt.timedelta(minutes=30))
    >>> check.missing, check.next_update_due.time()
    (('affected_services', 'estimated_resolution', 'measures'), datetime.time(10, 30))
    """
    _validate.instance("update", update, StatusPageUpdate)
    _validate.instance("cadence", cadence, dt.timedelta)
    if cadence <= dt.timedelta(0):
        raise InvalidValueError("cadence", cadence, "a positive timedelta")
    desk = _validate.instance("desk", desk, SupportDesk)
    known = {a.name for a in attrs.fields(StatusPageUpdate)}
    missing = []
    for name in desk.status_fields:
        if name not in known:
            raise UnknownKeyError(
                "desk", name, sorted(known), hint="status_fields name StatusPageUpdate fields"
            )
        value = getattr(update, name)
        if value is None or value == () or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    reasons = [
        Reason.of("appb.status_page.update", "the update does not state its {field}", field=m)
        for m in missing
    ]
    try:
        due = None if update.resolved else update.posted_at + cadence
    except OverflowError:
        raise HorizonError(
            "cadence", cadence, f"a cadence that ends before {dt.datetime.max} from the update"
        ) from None
    if due is None:
        reasons.append(
            Reason.of("appb.status_page.update", "incident resolved: no further update is due")
        )
    else:
        reasons.append(
            Reason.of(
                "appb.status_page.update",
                "next update due {due} ({cadence} after {posted})",
                due=due,
                cadence=cadence,
                posted=update.posted_at,
            )
        )
    return StatusPageCheck(not missing, tuple(missing), due, tuple(reasons))


# ---------------------------------------------------------------------------
# Channel availability
# ---------------------------------------------------------------------------


@attrs.frozen
class SupportAvailability:
    """Who is served, and how, at an instant.

    Attributes:
        at: the instant.
        open: True within support hours.
        served: True when this case is served at ``at``.
        channels: the channels available to it (empty when not served).
        languages: the languages it is served in (empty: not restricted).
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    at: dt.datetime
    open: bool
    served: bool
    channels: tuple[str, ...]
    languages: tuple[str, ...]
    reasons: tuple[Reason, ...]


def support_availability(
    at: dt.datetime,
    *,
    calendar: BusinessCalendar,
    critical_production: bool = False,
    desk: SupportDesk = _appb.DESK,
) -> SupportAvailability:
    """Say whether and how a case is served at *at* under Appendix B hours.

    Rule ``appb.support.hours`` (Appendix B, "Disponibilidade de suporte"):
    support is open Monday-Friday 09:00-18:00 local time, except local
    holidays, through the support package's channel. Outside those hours only
    critical production cases are served, by phone, in English only.
    *calendar* is the customer's
    :func:`partnerrules.calendars.support_hours_calendar`; *desk* holds the
    channels and languages (the Appendix B pack's by default).
    """
    at = _validate.aware("at", at)
    _validate.instance("calendar", calendar, BusinessCalendar)
    desk = _validate.instance("desk", desk, SupportDesk)
    if not isinstance(critical_production, bool):
        raise InvalidTypeError("critical_production", critical_production, "a bool")
    if calendar.is_open(at):
        why = Reason.of(
            "appb.support.hours",
            "open at {at:EEE d MMM HH:mm}: served through the {channel}",
            at=at.astimezone(calendar.zone),
            channel=desk.package_channel,
        )
        return SupportAvailability(at, True, True, (desk.package_channel,), (), (why,))
    local = at.astimezone(calendar.zone)
    closure = calendar.closure_reason(local.date())
    facts = {"at": local, "next": calendar.next_open(at), "closure": closure or "outside hours"}
    if critical_production:
        why = Reason.of(
            "appb.support.hours",
            "closed at {at:EEE d MMM HH:mm} ({closure}): a critical production case is served "
            "by {channels} in {languages}",
            channels=" or ".join(desk.after_hours_channels),
            languages=", ".join(desk.after_hours_languages),
            **facts,
        )
        return SupportAvailability(
            at, False, True, desk.after_hours_channels, desk.after_hours_languages, (why,)
        )
    why = Reason.of(
        "appb.support.hours",
        "closed at {at:EEE d MMM HH:mm} ({closure}): only critical production cases are "
        "served until {next:EEE d MMM HH:mm}",
        **facts,
    )
    return SupportAvailability(at, False, False, (), (), (why,))


def omid_support_clock(zone: str = _omid.DESK.zone) -> BusinessCalendar:
    """Return Omid's technical-support clock: open around the clock.

    Rule ``omid.support.always_on`` (Omid module 007, §5.2 "Suporte técnico
    24x7"). *zone* only sets the zone results are reported in.
    """
    return always_on_clock(_zone_arg(zone))


def omid_support_availability(
    at: dt.datetime, *, relevant_customer: bool = False, desk: AlwaysOnDesk = _omid.DESK
) -> SupportAvailability:
    """Say how Omid's technical support is reached at *at*: always open.

    Rule ``omid.support.always_on`` (Omid module 007, §5.2 and §3.3): support
    runs 24x7 through 0800 and WhatsApp, and relevant customers may also
    reach the engineering team directly.

    >>> t = dt.datetime(2026, 12, 25, 3, tzinfo=dt.timezone.utc)
    >>> omid_support_availability(t, relevant_customer=True).channels
    ('0800', 'WhatsApp', 'engineering contact')
    """
    at = _validate.aware("at", at)
    if not isinstance(relevant_customer, bool):
        raise InvalidTypeError("relevant_customer", relevant_customer, "a bool")
    desk = _validate.instance("desk", desk, AlwaysOnDesk)
    channels = desk.channels + ((desk.engineering_channel,) if relevant_customer else ())
    why = Reason.of(
        "omid.support.always_on",
        "{desk} support is open {hours}: reach it by {channels}",
        desk=desk.name,
        hours=desk.hours,
        channels=", ".join(channels),
        at=at,
    )
    return SupportAvailability(at, True, True, channels, desk.languages, (why,))


home("partnerrules.sla", globals())
