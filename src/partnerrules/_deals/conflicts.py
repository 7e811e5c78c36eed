"""Conflicts between registrations and protection claims (rule ``mcs.deal.protection``).

Private: import these names from :mod:`partnerrules.deals`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from partnerrules._deals.common import (
    _bool,
    _instant,
    _is,
    _items,
    _months,
    _nonblank,
    _optional,
    _optional_aware,
    _reasons,
    _tuple_of,
    _typed,
    _utc,
    _Vocabulary,
)
from partnerrules._deals.protection import DealRegistration, ProtectionStatus, protection_status
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidValueError,
)
from partnerrules.identity import (
    Cnpj,
    Customer,
    is_valid_cnpj,
)
from partnerrules.policies import mcs as mcs_pack


class ConflictBasis(_Vocabulary):
    """Why a conflict went to its holder (rule ``mcs.deal.protection``)."""

    #: The holder is the only one with active protection; the others lapsed.
    ACTIVE_PROTECTION = "active_protection"
    #: Several had active protection (a CRM anomaly), so the earliest of them.
    EARLIEST_PROTECTED = "earliest_protected"
    #: No one had active protection, so the earliest registration.
    EARLIEST_REGISTRATION = "earliest_registration"


def _valid_cnpj(cnpj: object) -> bool:
    # A Cnpj is validated when it is built (the all-zero placeholder included),
    # but a record can be forged around the constructor or kept from before a
    # check existed: check the number again, so that a placeholder never makes
    # two customers one (aws.ace.readiness).
    if not isinstance(cnpj, Cnpj) or not isinstance(cnpj.number, str):
        return False
    return is_valid_cnpj(cnpj.number) and Cnpj(cnpj.number).number == cnpj.number


def _comparable(customer: Customer) -> Customer:
    """The customer as conflicts and duplicates compare it: without an invalid CNPJ."""
    if customer.cnpj is None or _valid_cnpj(customer.cnpj):
        return customer
    return Customer(customer.name, domain=customer.domain)


def _same_customer(one: Customer, other: Customer) -> bool:
    """:meth:`Customer.same_as`, where only a valid CNPJ can make two customers one.

    Rules ``mcs.deal.protection`` (conflicts, claims, mandatory registration)
    and ``aws.ace.readiness`` (duplicates). A customer whose CNPJ is invalid
    (the all-zero placeholder, or a number that fails its check digits) is
    compared by domain or name, as if it had no CNPJ.
    """
    return _comparable(one).same_as(_comparable(other))


def _order_key(registration: DealRegistration) -> tuple[dt.datetime, str, str, str]:
    return (
        _utc(registration.registered_at),
        registration.partner,
        registration.deal_id,
        repr(registration),
    )


@attrs.frozen
class ConflictDecision:
    """Which partner holds a contested deal (rule ``mcs.deal.protection``).

    Attributes:
        holder: the id of the partner that holds the deal.
        registration: the holder's registration.
        basis: why it holds it.
        statuses: every registration's protection status, earliest registration first.
        reasons: one for the holder, then one per other registration.
    """

    holder: str = attrs.field(validator=_nonblank)
    registration: DealRegistration = attrs.field(validator=_is(DealRegistration))
    basis: ConflictBasis = attrs.field(validator=_is(ConflictBasis))
    statuses: tuple[ProtectionStatus, ...] = attrs.field(
        validator=_tuple_of(ProtectionStatus, "a tuple of ProtectionStatus")
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def _registrations(field: str, value: object) -> tuple[DealRegistration, ...]:
    items = _items(field, value, "an iterable of DealRegistration")
    for index, item in enumerate(items):
        _typed(f"{field}[{index}]", item, DealRegistration)
    return items


def resolve_conflict(
    registrations: Iterable[DealRegistration],
    *,
    at: dt.datetime,
    window_months: int = mcs_pack.PROTECTION_WINDOW_MONTHS,
) -> ConflictDecision:
    """Decide which partner holds a deal claimed by several (rule ``mcs.deal.protection``).

    Source: seed 002, "Конфликт интересов". The deal goes to the partner whose
    protection is active at *at*; if several are active (which the CRM should
    not allow), to the earliest registered of them; if none is, to the
    earliest registration. Ties on the registration instant go to the
    smallest partner id, then deal id, so the decision never depends on the
    order the registrations are given in.

    Args:
        registrations: competing registrations, all for the same customer.
        at: the instant of the decision (aware, not before any registration).
        window_months: the protection window (MCS pack: 3), from 1 to
            :data:`MAX_WINDOW_MONTHS`.

    Raises:
        InvalidTypeError: not an iterable of :class:`DealRegistration`, or
            wrong types for *at* or *window_months*.
        NaiveDatetimeError: *at* is naive.
        InvalidValueError: no registration, registrations for different
            customers, *at* before a registration, or a window out of range.
        HorizonError: an instant or a window past what a datetime can hold.
    """
    _instant("at", at)
    _months(window_months)
    items = sorted(_registrations("registrations", registrations), key=_order_key)
    if not items:
        raise InvalidValueError("registrations", [], "at least one DealRegistration")
    first = items[0]
    for other in items[1:]:
        if not _same_customer(first.customer, other.customer):
            raise InvalidValueError(
                "registrations",
                [r.deal_id for r in items],
                "registrations for the same customer",
                hint=f"{first.customer.name!r} and {other.customer.name!r} are different "
                "customers (compared by CNPJ root, domain, then normalised name)",
            )
    statuses = [protection_status(r, at=at, window_months=window_months) for r in items]
    protected = [i for i, s in enumerate(statuses) if s.is_protected]
    if len(protected) == 1:
        win, basis = protected[0], ConflictBasis.ACTIVE_PROTECTION
    elif protected:
        win, basis = protected[0], ConflictBasis.EARLIEST_PROTECTED
    else:
        win, basis = 0, ConflictBasis.EARLIEST_REGISTRATION
    winner = items[win]
    facts: dict[str, Any] = {
        "holder": winner.partner,
        "customer": winner.customer.name,
        "protected_until": statuses[win].protected_until,
        "registered_at": winner.registered_at,
        "count": len(protected),
    }
    if basis is ConflictBasis.ACTIVE_PROTECTION:
        held = Reason.of(
            "mcs.deal.protection",
            "{holder} holds the deal for {customer}: its protection is active until "
            "{protected_until:d MMM y HH:mm xxx}",
            **facts,
        )
    elif basis is ConflictBasis.EARLIEST_PROTECTED:
        held = Reason.of(
            "mcs.deal.protection",
            "{holder} holds the deal for {customer}: of the {count} active protections, "
            "it was registered first ({registered_at:d MMM y HH:mm xxx})",
            **facts,
        )
    else:
        held = Reason.of(
            "mcs.deal.protection",
            "{holder} holds the deal for {customer}: no partner has active protection and "
            "it registered first ({registered_at:d MMM y HH:mm xxx})",
            **facts,
        )
    reasons = [held]
    for index, (registration, status) in enumerate(zip(items, statuses, strict=True)):
        if index == win:
            continue
        loser: dict[str, Any] = {
            "partner": registration.partner,
            "registered_at": registration.registered_at,
            "until": status.protected_until,
        }
        if status.is_protected:
            why = Reason.of(
                "mcs.deal.protection",
                "{partner} registered later ({registered_at:d MMM y HH:mm xxx}), "
                "though protected until {until:d MMM y HH:mm xxx}",
                **loser,
            )
        elif basis is ConflictBasis.EARLIEST_REGISTRATION:
            why = Reason.of(
                "mcs.deal.protection",
                "{partner} registered later ({registered_at:d MMM y HH:mm xxx}) "
                "and is lapsable since {until:d MMM y HH:mm xxx}",
                **loser,
            )
        else:
            why = Reason.of(
                "mcs.deal.protection",
                "{partner}'s protection is lapsable since {until:d MMM y HH:mm xxx}",
                **loser,
            )
        reasons.append(why)
    return ConflictDecision(
        holder=winner.partner,
        registration=winner,
        basis=basis,
        statuses=tuple(statuses),
        reasons=tuple(reasons),
    )


@attrs.frozen
class ClaimDecision:
    """Whether a new protection claim may be accepted (rule ``mcs.deal.protection``).

    Attributes:
        allowed: False when another partner holds active protection.
        holder: that partner, when refused.
        can_lapse_after: when refused, the instant after which the holder's
            protection becomes lapsable (if it sends no new status update).
        reasons: why, one per competing registration considered.
    """

    allowed: bool = attrs.field(validator=_bool)
    holder: str | None = attrs.field(validator=_optional(str, "a str or None"))
    can_lapse_after: dt.datetime | None = attrs.field(validator=_optional_aware)
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def check_protection_claim(
    claim: DealRegistration,
    existing: Iterable[DealRegistration],
    *,
    window_months: int = mcs_pack.PROTECTION_WINDOW_MONTHS,
) -> ClaimDecision:
    """Check a new claim against the registrations already in the CRM (``mcs.deal.protection``).

    Source: seed 002, "Конфликт интересов". The claim is evaluated at its own
    ``registered_at``. Only registrations of *other* partners for the *same
    customer* (:meth:`Customer.same_as`) registered no later than the claim
    count. The claim is refused while any of them is protected, naming the
    holder and the instant after which its protection can lapse; it is allowed
    when there is none, or every one is lapsable (the BDM may then refuse
    them).

    Args:
        claim: the new registration, evaluated at its ``registered_at``.
        existing: the registrations already in the CRM (any partner, any customer).
        window_months: the protection window (MCS pack: 3), from 1 to
            :data:`MAX_WINDOW_MONTHS`.

    Raises:
        InvalidTypeError: *claim* or an entry of *existing* is not a
            :class:`DealRegistration`, or *window_months* is not an int.
        InvalidValueError: a window out of range.
        HorizonError: a window that would end after year 9999.
    """
    _typed("claim", claim, DealRegistration)
    others = _registrations("existing", existing)
    months = _months(window_months)
    at = claim.registered_at
    rivals = sorted(
        (
            r
            for r in others
            if r.partner != claim.partner
            and _same_customer(r.customer, claim.customer)
            and _utc(r.registered_at) <= _utc(at)
        ),
        key=_order_key,
    )
    statuses = [protection_status(r, at=at, window_months=months) for r in rivals]
    blocking = [s for s in statuses if s.is_protected]
    reasons: list[Reason] = []
    for status in statuses:
        facts = {
            "claimant": claim.partner,
            "holder": status.partner,
            "customer": claim.customer.name,
            "until": status.protected_until,
        }
        if status.is_protected:
            why = Reason.of(
                "mcs.deal.protection",
                "claim of {claimant} refused: {holder} holds active protection of the deal for "
                "{customer} until {until:d MMM y HH:mm xxx}; it can lapse only after that",
                **facts,
            )
        else:
            why = Reason.of(
                "mcs.deal.protection",
                "{holder}'s protection of the deal for {customer} is lapsable since "
                "{until:d MMM y HH:mm xxx}, so it does not block the claim of {claimant}",
                **facts,
            )
        reasons.append(why)
    if not statuses:
        reasons.append(
            Reason.of(
                "mcs.deal.protection",
                "no other partner has registered a deal for {customer}: the claim of "
                "{claimant} may be accepted",
                customer=claim.customer.name,
                claimant=claim.partner,
            )
        )
    if blocking:
        holder = blocking[0]
        return ClaimDecision(
            allowed=False,
            holder=holder.partner,
            can_lapse_after=holder.protected_until,
            reasons=tuple(reasons),
        )
    return ClaimDecision(allowed=True, holder=None, can_lapse_after=None, reasons=tuple(reasons))


home("partnerrules.deals", globals())
