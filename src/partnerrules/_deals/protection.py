"""Deal protection (rule ``mcs.deal.protection``): registrations and their status.

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from partnerrules._deals.common import (
    _UTC,
    _aware,
    _customer,
    _instant,
    _is,
    _items,
    _months,
    _nonblank,
    _reasons,
    _typed,
    _utc,
    _Vocabulary,
)
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidValueError,
)
from partnerrules.identity import (
    Customer,
)
from partnerrules.policies import mcs as mcs_pack

# -- mcs.deal.protection ----------------------------------------------------


class ProtectionState(_Vocabulary):
    """The state of a deal's protection at an instant (rule ``mcs.deal.protection``)."""

    #: The last status update is at most the window old.
    PROTECTED = "protected"
    #: The window has passed, so the BDM *may* refuse protection (not automatic).
    LAPSABLE = "lapsable"


def _status_updates(value: object) -> tuple[dt.datetime, ...]:
    items = _items("status_updates", value, "a tuple or list of aware datetimes (possibly empty)")
    for index, item in enumerate(items):
        _instant(f"status_updates[{index}]", item)
    return items


@attrs.frozen
class DealRegistration:
    """A deal registered in the MCS CRM for one partner (rule ``mcs.deal.protection``).

    Source: seed 002, "Конфликт интересов": the deal is entered in the CRM and
    assigned to the partner, who keeps the assigned BDM informed of its status.

    Args:
        deal_id: the CRM id of this registration.
        customer: the end customer.
        partner: the id of the partner that registered the deal.
        registered_at: when the deal was registered (aware).
        bdm: the assigned business development manager.
        status_updates: the instants the partner reported the deal's status to
            the BDM (aware; none before the registration; any order).

    Raises:
        InvalidTypeError: a field has the wrong type.
        NaiveDatetimeError: an instant has no time zone.
        InvalidValueError: a status update is before the registration.
        HorizonError: an instant that UTC, or the registration's zone, cannot hold.
    """

    deal_id: str = attrs.field(validator=_nonblank)
    customer: Customer = attrs.field(kw_only=True, validator=_customer)
    partner: str = attrs.field(kw_only=True, validator=_nonblank)
    registered_at: dt.datetime = attrs.field(kw_only=True, validator=_aware)
    bdm: str = attrs.field(kw_only=True, validator=_nonblank)
    status_updates: tuple[dt.datetime, ...] = attrs.field(
        kw_only=True, default=(), converter=_status_updates
    )

    def __attrs_post_init__(self) -> None:
        start = _utc(self.registered_at)
        for index, update in enumerate(self.status_updates):
            if _utc(update) < start:
                raise InvalidValueError(
                    f"status_updates[{index}]",
                    update,
                    f"at or after the registration ({self.registered_at.isoformat()})",
                )
            try:  # last_activity() reports it in the registration's zone
                update.astimezone(self.registered_at.tzinfo)
            except OverflowError:
                raise HorizonError(
                    f"status_updates[{index}]",
                    update,
                    "an instant that the registration's time zone can hold (years 1 to 9999)",
                ) from None

    def with_status_update(self, at: dt.datetime) -> DealRegistration:
        """Return a copy with one more status update at *at* (rule ``mcs.deal.protection``).

        Raises:
            InvalidTypeError: *at* is not a datetime.
            NaiveDatetimeError: *at* is naive.
            InvalidValueError: *at* is before the registration.
        """
        _instant("at", at)
        return attrs.evolve(self, status_updates=(*self.status_updates, at))

    def last_activity(self, *, at: dt.datetime | None = None) -> dt.datetime:
        """The latest status update (or the registration), optionally as of *at*.

        Returned in the registration's time zone. Updates after *at* are not
        known at *at* and are ignored (rule ``mcs.deal.protection``).

        Raises:
            InvalidTypeError: *at* is neither None nor a datetime.
            NaiveDatetimeError: *at* is naive.
        """
        limit = None if at is None else _utc(_instant("at", at))
        known = [u for u in self.status_updates if limit is None or _utc(u) <= limit]
        latest = max([self.registered_at, *known], key=_utc)
        return latest.astimezone(self.registered_at.tzinfo)


def _horizon(activity: dt.datetime, zone: dt.tzinfo, months: int) -> dt.datetime:
    # Wall-clock month arithmetic in the registration's zone; a wall time that
    # falls in a DST gap or fold is resolved through UTC (fold=0).
    local = activity.astimezone(zone).replace(fold=0)
    try:
        return (local + relativedelta(months=months)).astimezone(_UTC).astimezone(zone)
    except (OverflowError, ValueError):  # past year 9999
        raise HorizonError(
            "window_months",
            months,
            f"a window that ends by year 9999 when it starts on {local.isoformat()}",
        ) from None


@attrs.frozen
class ProtectionStatus:
    """The protection of one registration at an instant (rule ``mcs.deal.protection``).

    Attributes:
        deal_id: the registration's CRM id.
        partner: the partner that registered it.
        state: ``PROTECTED`` or ``LAPSABLE``.
        at: the instant the status is for.
        last_activity: the latest status update known at *at* (or the registration).
        protected_until: the last protected instant (inclusive); the deal is
            lapsable from just after it.
        window_months: the window applied.
        reasons: why, with rule id ``mcs.deal.protection``.
    """

    deal_id: str = attrs.field(validator=_nonblank)
    partner: str = attrs.field(validator=_nonblank)
    state: ProtectionState = attrs.field(validator=_is(ProtectionState))
    at: dt.datetime = attrs.field(validator=_aware)
    last_activity: dt.datetime = attrs.field(validator=_aware)
    protected_until: dt.datetime = attrs.field(validator=_aware)
    window_months: int = attrs.field(validator=lambda _i, _a, value: _months(value))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)

    @property
    def is_protected(self) -> bool:
        """Whether the deal is protected at the instant ``at``."""
        return self.state is ProtectionState.PROTECTED

    @property
    def lapsable_since(self) -> dt.datetime | None:
        """The instant after which the deal became lapsable (``protected_until``), or None."""
        return None if self.is_protected else self.protected_until


def protection_status(
    registration: DealRegistration,
    *,
    at: dt.datetime,
    window_months: int = mcs_pack.PROTECTION_WINDOW_MONTHS,
) -> ProtectionStatus:
    """Say whether a registered deal is protected at *at* (rule ``mcs.deal.protection``).

    Source: seed 002, "Конфликт интересов": with no movement for more than 3
    months the BDM may refuse protection. The deal is PROTECTED through the
    instant ``last activity + window_months`` inclusive, computed on the wall
    clock of the registration's time zone (month ends clamp), and LAPSABLE
    after it. Status updates after *at* are ignored. So that a later update
    can never shorten protection, even across a DST fold, the horizon is the
    latest of the horizons of every known activity (normally the last one's).

    Args:
        registration: the registered deal.
        at: the instant to evaluate (aware, not before the registration).
        window_months: months without a status update before protection
            becomes lapsable (MCS pack: 3), from 1 to :data:`MAX_WINDOW_MONTHS`.

    Raises:
        InvalidTypeError: *registration* is not a :class:`DealRegistration`,
            *at* not a datetime or *window_months* not an int.
        NaiveDatetimeError: *at* is naive.
        InvalidValueError: *at* is before the registration, or the window is
            outside 1 to :data:`MAX_WINDOW_MONTHS` months.
        HorizonError: *at* cannot be held in UTC, or the window would end
            after year 9999.

    >>> import datetime as dt
    >>> from partnerrules.deals import Customer, DealRegistration
    >>> utc = dt.timezone.utc
    >>> reg = DealRegistration("D-7", customer=Customer("Beta S.A."), partner="p1",
    ...     registered_at=dt.datetime(2025, 1, 31, 12, tzinfo=utc), bdm="bdm1")
    >>> s = protection_status(reg, at=dt.datetime(2025, 5, 2, tzinfo=utc))
    >>> print(s.reasons[0])
    deal D-7 of p1 is lapsable since 30 Apr 2025 12:00 +00:00: no status update since
    31 Jan 2025 12:00 +00:00 for more than 3 months, so BDM bdm1 may refuse protection
    """
    _typed("registration", registration, DealRegistration)
    _instant("at", at)
    months = _months(window_months)
    if _utc(at) < _utc(registration.registered_at):
        raise InvalidValueError(
            "at",
            at,
            f"at or after the registration of {registration.deal_id!r} "
            f"({registration.registered_at.isoformat()})",
        )
    zone = registration.registered_at.tzinfo
    assert zone is not None  # guaranteed by the aware check at construction
    limit = _utc(at)
    activities = [registration.registered_at] + [
        u for u in registration.status_updates if _utc(u) <= limit
    ]
    until = max((_horizon(a, zone, months) for a in activities), key=_utc)
    last = registration.last_activity(at=at)
    facts: dict[str, Any] = {
        "deal_id": registration.deal_id,
        "partner": registration.partner,
        "bdm": registration.bdm,
        "last_activity": last,
        "protected_until": until,
        "window_months": months,
    }
    if limit <= _utc(until):
        state = ProtectionState.PROTECTED
        reason = Reason.of(
            "mcs.deal.protection",
            "deal {deal_id} of {partner} is protected until "
            "{protected_until:d MMM y HH:mm xxx}: last status update "
            "{last_activity:d MMM y HH:mm xxx}, within {window_months} months",
            **facts,
        )
    else:
        state = ProtectionState.LAPSABLE
        reason = Reason.of(
            "mcs.deal.protection",
            "deal {deal_id} of {partner} is lapsable since "
            "{protected_until:d MMM y HH:mm xxx}: no status update since "
            "{last_activity:d MMM y HH:mm xxx} for more than {window_months} months, "
            "so BDM {bdm} may refuse protection",
            **facts,
        )
    return ProtectionStatus(
        deal_id=registration.deal_id,
        partner=registration.partner,
        state=state,
        at=at,
        last_activity=last,
        protected_until=until,
        window_months=months,
        reasons=(reason,),
    )


home("partnerrules.deals", globals())
