"""The events of a ticket's history.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, TypeAlias

import attrs

from partnerrules import _validate
from partnerrules._lifecycle.vocabulary import Visibility
from partnerrules._public import home
from partnerrules._sla.tickets import _checked_ticket, _country, _optional_zone
from partnerrules._sla.vocabulary import _category, _coerce_enum, _level, _severity
from partnerrules.sla import (
    Category,
    PartnerLevel,
    Severity,
    SlaPolicy,
    Ticket,
)

# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def _aware(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.aware(attribute.name, value)


def _text(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.text(attribute.name, value)


def _optional_text(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.text(attribute.name, value)


@attrs.frozen
class Opened:
    """The ticket was opened: its id, its instant and what a snapshot ``Ticket`` holds.

    Attributes:
        id: the ticket's identifier.
        at: when it was opened (aware).
        severity: 1, 2 or 3 (rule ``zoho.severity.classify``).
        category: a :class:`~partnerrules.sla.Category` or its value.
        level: the partner's level (``"Premium"``...).
        country: the customer's ISO 3166-1 alpha-2 country.
        subdivision: the subdivision whose holidays apply, if any.
        zone: the customer's IANA zone, if known (see
            :class:`~partnerrules.sla.Ticket`).
    """

    id: str = attrs.field(validator=_text)
    at: dt.datetime = attrs.field(validator=_aware)
    severity: Severity = attrs.field(kw_only=True, converter=_severity)
    category: Category = attrs.field(kw_only=True, converter=_category)
    level: PartnerLevel = attrs.field(kw_only=True, converter=_level)
    country: str = attrs.field(kw_only=True, converter=_country)
    subdivision: str | None = attrs.field(kw_only=True, default=None, validator=_optional_text)
    zone: str | None = attrs.field(kw_only=True, default=None, converter=_optional_zone)

    @functools.cached_property
    def _ticket(self) -> Ticket:
        """The opening as a snapshot Ticket: the SLA engine's plans are built from it.

        Built when a history first needs it (half the cost of an ``Opened``);
        every field has passed the checks a Ticket's own would make, so they
        are not made again.
        """
        return _checked_ticket(
            self.id,
            self.at,
            self.severity,
            self.category,
            self.level,
            self.country,
            self.subdivision,
            self.zone,
        )


@attrs.frozen
class StatusChanged:
    """The ticket's status became *status* (the policy says which clocks it pauses)."""

    at: dt.datetime = attrs.field(validator=_aware)
    status: str = attrs.field(validator=_text)


def _visibility(value: object) -> Visibility:
    return _coerce_enum("visibility", value, Visibility)


@attrs.frozen
class Responded:
    """The team responded; ``visibility`` says whether the customer saw it.

    The policy says which responses count (``counted_responses`` of :class:`LifecyclePolicy`).
    """

    at: dt.datetime = attrs.field(validator=_aware)
    visibility: Visibility = attrs.field(
        kw_only=True, default=Visibility.PUBLIC, converter=_visibility
    )


@attrs.frozen
class SeverityChanged:
    """The ticket's severity became *severity* (see :class:`SeverityChange`)."""

    at: dt.datetime = attrs.field(validator=_aware)
    severity: Severity = attrs.field(converter=_severity)


@attrs.frozen
class LevelChanged:
    """The partner's level became *level* (matrices may differ by level)."""

    at: dt.datetime = attrs.field(validator=_aware)
    level: PartnerLevel = attrs.field(converter=_level)


def _optional_aware(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


@attrs.frozen
class PolicyChanged:
    """A new SLA policy (matrix, clock, calendar) is in force from ``effective`` on.

    Recorded at ``at``; ``effective`` (default: ``at``) may be earlier, even
    before the opening (a calendar corrected after the fact), or later (a
    change announced ahead). From its effective instant on it replaces every
    policy recorded before it: of the changes known at an instant, the last
    recorded whose effective instant has come is in force. Open windows keep
    the business time they used; the rest is measured on the new clock with
    the new windows.

    Two laws follow, and the test suite checks both over random histories.
    Once recorded, a change gives what the same change recorded at its
    effective instant gives (recording late loses nothing). A change in force
    from the opening or earlier gives, once recorded, exactly what the
    lifecycle policy with the new SLA policy gives from the start: re-evaluating
    after a calendar correction *is* the evaluation under the corrected
    calendar. Before it is recorded, a change is unknown, and an evaluation at
    an earlier instant is unchanged (history-prefix monotonicity).
    """

    at: dt.datetime = attrs.field(validator=_aware)
    policy: SlaPolicy = attrs.field(validator=_validate.instance_of(SlaPolicy))
    effective: dt.datetime | None = attrs.field(
        kw_only=True, default=None, validator=_optional_aware
    )

    @property
    def in_force_from(self) -> dt.datetime:
        """The instant from which the policy is in force."""
        return self.at if self.effective is None else self.effective


@attrs.frozen
class Resolved:
    """The ticket was resolved: every running window ends here."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen
class Closed:
    """The ticket was closed: every running window ends here (if still open)."""

    at: dt.datetime = attrs.field(validator=_aware)


@attrs.frozen
class Reopened:
    """The resolved or closed ticket was reopened (see ``LifecyclePolicy.restart_on_reopen``)."""

    at: dt.datetime = attrs.field(validator=_aware)


#: Any event of a ticket's history.
Event: TypeAlias = (
    Opened
    | StatusChanged
    | Responded
    | SeverityChanged
    | LevelChanged
    | PolicyChanged
    | Resolved
    | Closed
    | Reopened
)
_EVENT_TYPES = (
    Opened,
    StatusChanged,
    Responded,
    SeverityChanged,
    LevelChanged,
    PolicyChanged,
    Resolved,
    Closed,
    Reopened,
)


home("partnerrules.lifecycle", globals())
