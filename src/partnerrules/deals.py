"""Deals and opportunities: protection, partner kinds, marketplace, ACE readiness, segments.

Rules ``mcs.deal.protection``, ``mcs.deal.protection_required``,
``mcs.partner.kinds`` and ``mcs.marketplace.listing`` come from the Mail.ru
Cloud Solutions partner programme (seed 002); ``aws.ace.readiness`` and
``aws.segment.classify`` from the AWS ACE co-sell guide (seed 004). The
numbers live in ``partnerrules.policies.mcs`` and
``partnerrules.policies.aws`` and are parameters of every function here: no
rule function reads a pack itself, each pack value is only the default of a
keyword argument (a large table's default is ``None``, which stands for the
pack's table).

Conventions:

* Every instant is an aware :class:`~datetime.datetime`; a naive one is refused,
  and so is one that UTC cannot hold (e.g. 1 January of year 1 east of
  Greenwich), with :class:`~partnerrules.errors.HorizonError`.
* Deal protection runs through the instant ``last activity + 3 months``
  *inclusive*, the months added on the wall clock of the registration's own
  time zone with :class:`dateutil.relativedelta.relativedelta` (month ends
  clamp: 30 November gives 28 or 29 February). One instant later the
  protection is *lapsable*: the BDM may refuse it, it is not lost by itself.
* Customers are compared with :meth:`Customer.same_as` (normalised names,
  registrable domains, CNPJ roots): see ``partnerrules.identity``. Only a
  valid CNPJ counts: a placeholder such as ``00.000.000/0000-00`` never makes
  two customers the same.
* Bad input raises a :class:`~partnerrules.errors.PartnerRulesError` that
  names the field, shows the value and says what is allowed; collections are
  checked before they are used, and a bool is accepted only where a bool is
  expected.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.deals import Customer, DealRegistration, protection_status
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> reg = DealRegistration(
...     "CRM-1", customer=Customer("Padaria Pão Quente Ltda"), partner="alfa",
...     registered_at=dt.datetime(2024, 11, 30, 10, tzinfo=sp), bdm="m.ivanova")
>>> status = protection_status(reg, at=dt.datetime(2025, 2, 28, 10, tzinfo=sp))
>>> status.state.value, status.protected_until.isoformat()
('protected', '2025-02-28T10:00:00-03:00')
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from partnerrules import _validate
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidTransitionError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.identity import (
    Cnpj,
    CnpjError,
    Customer,
    cnpj_check_digits,
    is_valid_cnpj,
    normalise_name,
    normalise_text,
    registrable_domain,
)
from partnerrules.money import Money
from partnerrules.policies import aws as aws_pack
from partnerrules.policies import mcs as mcs_pack

__all__ = [
    "MAX_STARTUP_AGE_YEARS",
    "MAX_WINDOW_MONTHS",
    "AceCriterion",
    "AceReadiness",
    "Adoption",
    "Affiliation",
    "BusinessModel",
    "ClaimDecision",
    "Cnpj",
    "CnpjError",
    "CompanySize",
    "ConflictBasis",
    "ConflictDecision",
    "Customer",
    "DealRegistration",
    "DealScheme",
    "ExpertEvaluation",
    "Hosting",
    "ListingApplication",
    "ListingStage",
    "ListingSteps",
    "ListingTerms",
    "MarketplaceListing",
    "Opportunity",
    "OpportunityStatus",
    "Organisation",
    "PartnerDeal",
    "PartnerKind",
    "PartnerKindProfile",
    "PartnerService",
    "ProtectionRequirement",
    "ProtectionState",
    "ProtectionStatus",
    "Segment",
    "Segmentation",
    "ServiceCheck",
    "SoftwareImage",
    "check_ace_readiness",
    "check_partner_service",
    "check_protection_claim",
    "check_protection_required",
    "classify_segment",
    "cnpj_check_digits",
    "is_valid_cnpj",
    "normalise_name",
    "normalise_text",
    "partner_kind_profile",
    "partner_kind_profiles",
    "protection_status",
    "registrable_domain",
    "resolve_conflict",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

_UTC = dt.UTC

#: The longest protection window ``window_months`` accepts: the 9,999 years a
#: :class:`~datetime.datetime` spans. A guard for the date arithmetic, not a
#: policy number (the MCS pack's window is 3 months).
MAX_WINDOW_MONTHS: Final = 12 * 9999

#: The largest ``startup_max_age_years``: the 9,999 years a
#: :class:`~datetime.date` spans. A guard, not a policy number (the AWS guide
#: says 15).
MAX_STARTUP_AGE_YEARS: Final = 9999


# -- boundary: checks whose errors always print (issue #12) -----------------
#
# Every public callable refuses bad input with a PartnerRulesError naming the
# field, showing the value and saying what is allowed, before any work is
# done. Python refuses to print an int of more than 4,300 digits, so an error
# that showed one could itself fail with a bare ValueError (as the stdlib's
# enum lookup does): where the error cannot print a value, it shows its size
# instead (the error's ``value`` is still the value given).


_printable = _validate.printable
_type_error = _validate.type_error
_value_error = _validate.value_error


def _text(field: str, value: object, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise _type_error(field, value, "a str")
    return _validate.text(field, value, allow_empty=allow_empty)


def _typed(field: str, value: object, kind: type[T], description: str | None = None) -> T:
    if not isinstance(value, kind):
        raise _type_error(field, value, description or f"a {kind.__name__}")
    return value


def _date(field: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise _type_error(field, value, "a datetime.date (not a datetime)")
    return value


def _instant(field: str, value: object) -> dt.datetime:
    """An aware datetime that UTC can hold too (both in years 1 to 9999)."""
    if not isinstance(value, dt.datetime):
        raise _type_error(field, value, "an aware datetime.datetime")
    _validate.aware(field, value)
    try:
        value.astimezone(_UTC)
    except OverflowError:
        raise HorizonError(
            field, value, "an instant that falls in years 1 to 9999 in UTC as well"
        ) from None
    return value


def _count(field: str, value: object, *, minimum: int, maximum: int, why: str) -> int:
    """An int (never a bool) in ``[minimum, maximum]``; *why* explains the maximum."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, value, "an int")
    if value < minimum:
        raise _value_error(field, value, f"an integer >= {minimum}")
    if value > maximum:
        raise _value_error(field, value, f"an integer <= {maximum}", hint=why)
    return value


def _share(field: str, value: object) -> Decimal:
    """A fraction in [0, 1] from a str, int or Decimal (never a float)."""
    if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 1:
        raise _value_error(field, value, "a fraction in [0, 1]")
    return _validate.fraction(field, value)


def _items(field: str, value: object, expected: str) -> tuple[Any, ...]:
    """The items of a collection argument, checked to be a collection before use."""
    # Bounded: an endless iterable is refused, not read forever.
    return _validate.bounded_items(field, value, expected)


def _member(field: str, value: object, kind: type[E]) -> E:
    if isinstance(value, kind):
        return value
    if isinstance(value, str):
        try:
            return kind(value)
        except ValueError:
            raise UnknownKeyError(field, value, [str(m.value) for m in kind]) from None
    raise _type_error(field, value, f"a {kind.__name__} or one of its values")


def _texts(field: str, value: object) -> tuple[str, ...]:
    items = _items(field, value, "a tuple or list of str")
    for index, item in enumerate(items):
        _text(f"{field}[{index}]", item, allow_empty=True)
    return items


def _is(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a *kind*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        _typed(attribute.name, value, kind, description)

    return check


def _optional(kind: type, description: str | None = None) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a *kind* or None."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            _typed(attribute.name, value, kind, description)

    return check


def _tuple_of(kind: type, description: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field holds a tuple of *kind*."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            raise _type_error(attribute.name, value, description)

    return check


def _customer(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _typed(attribute.name, value, Customer)


def _bool(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise _type_error(attribute.name, value, "a bool")


def _str(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text(attribute.name, value, allow_empty=True)


def _nonblank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text(attribute.name, value)


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _instant(attribute.name, value)


def _optional_aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _instant(attribute.name, value)


def _reasons(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(item, Reason) for item in value):
        raise _type_error(attribute.name, value, "a tuple of Reason")


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(_UTC)


def _months(value: object) -> int:
    return _count(
        "window_months",
        value,
        minimum=1,
        maximum=MAX_WINDOW_MONTHS,
        why="a datetime spans 9,999 years",
    )


def _filled(text: str) -> bool:
    return bool(text.strip())


class _VocabularyType(enum.EnumType):
    # Enum lookups hash the value they look up and print the value they
    # reject; a value that cannot be hashed or printed (an int too long to
    # print, an object whose __hash__ or __repr__ raises) would fail there
    # with a bare error, so it is refused first.
    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and not isinstance(value, cls):
            try:
                hash(value)
                usable = _printable(value) is value
            except Exception:
                usable = False
            if not usable:
                raise _value_error(cls.__name__, value, "one of " + _values(cls))
        return super().__call__(value, *args, **kwargs)


def _values(kind: Iterable[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in kind)


class _Vocabulary(enum.StrEnum, metaclass=_VocabularyType):
    """A closed vocabulary: an unknown value raises InvalidValueError (also a ValueError)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _value_error(cls.__name__, value, "one of " + _values(cls))


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


# -- mcs.partner.kinds ------------------------------------------------------


class PartnerKind(_Vocabulary):
    """The four kinds of MCS partner (rule ``mcs.partner.kinds``).

    ``PartnerKind("reseller")`` is ``DISTRIBUTOR``: the source gives
    distributors and resellers one interaction scheme.
    """

    SOFTWARE_MAKER = "software_maker"
    INTEGRATOR = "integrator"
    DISTRIBUTOR = "distributor"
    CONSULTING = "consulting"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str) and value == "reseller":
            return cls.DISTRIBUTOR
        return super()._missing_(value)


class PartnerService(_Vocabulary):
    """Services a partner may provide to customers (rule ``mcs.partner.kinds``)."""

    L1_SUPPORT = "l1_support"
    L2_SUPPORT = "l2_support"
    PLATFORM_IMPLEMENTATION = "platform_implementation"


@attrs.frozen
class PartnerKindProfile:
    """One kind of partner with its obligations and income (rule ``mcs.partner.kinds``).

    Source: seed 002, "Кто наши партнеры" and the interaction schemes.

    Attributes:
        kind: the kind.
        published_name: the kind's name as the source prints it.
        obligations: what the programme expects of it (empty where the source
            states nothing).
        income_sources: where its income comes from (empty where the source
            states nothing).
        services: each service it may provide, with ``'trained'`` (only after
            the corresponding training) or ``'allowed'``.
    """

    kind: PartnerKind = attrs.field(validator=_is(PartnerKind))
    published_name: str = attrs.field(validator=_nonblank)
    obligations: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    income_sources: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    services: tuple[tuple[PartnerService, str], ...] = attrs.field()

    @services.validator
    def _check_services(self, attribute: attrs.Attribute[Any], value: object) -> None:
        expected = "a tuple of (PartnerService, 'allowed' or 'trained') pairs"
        if not isinstance(value, tuple) or not all(
            isinstance(pair, tuple)
            and len(pair) == 2
            and isinstance(pair[0], PartnerService)
            and isinstance(pair[1], str)
            and pair[1] in _CONDITIONS
            for pair in value
        ):
            raise _type_error(attribute.name, value, expected)


# The rows of the kind and service tables (rule mcs.partner.kinds).
_KindRows = Sequence[tuple[str, str, Sequence[str], Sequence[str]]]
_ServiceRows = Sequence[tuple[str, str, str]]


def partner_kind_profiles(
    kinds: _KindRows | None = None,
    *,
    services: _ServiceRows | None = None,
) -> tuple[PartnerKindProfile, ...]:
    """Build the profiles of every partner kind from pack data (rule ``mcs.partner.kinds``).

    Args:
        kinds: rows of (kind, name as published, obligations, income
            sources), each kind at most once; ``None`` (the default) stands
            for the MCS pack's ``PARTNER_KINDS``.
        services: rows of (kind, service, ``'allowed'`` or ``'trained'``),
            each pair at most once; ``None`` stands for the MCS pack's
            ``PARTNER_SERVICES``.

    >>> [p.kind.value for p in partner_kind_profiles()]
    ['software_maker', 'integrator', 'distributor', 'consulting']

    Raises:
        InvalidTypeError: a table, row or cell of the wrong type.
        InvalidValueError: a row of the wrong width, or a kind (or a
            kind and service) given twice.
        UnknownKeyError: a kind, service or condition of the data is unknown.
    """
    table = _service_table(mcs_pack.PARTNER_SERVICES if services is None else services)
    rows = _rows("kinds", mcs_pack.PARTNER_KINDS if kinds is None else kinds, 4)
    result: list[PartnerKindProfile] = []
    for index, row in enumerate(rows):
        kind = _member(f"kinds[{index}][0]", row[0], PartnerKind)
        if any(p.kind is kind for p in result):
            raise _value_error(f"kinds[{index}][0]", row[0], "a kind not described before")
        offered = tuple((s, c) for (k, s), c in table.items() if k is kind)
        result.append(
            PartnerKindProfile(
                kind,
                _text(f"kinds[{index}][1]", row[1]),
                _texts(f"kinds[{index}][2]", row[2]),
                _texts(f"kinds[{index}][3]", row[3]),
                offered,
            )
        )
    return tuple(result)


def _rows(field: str, value: object, width: int) -> tuple[tuple[Any, ...], ...]:
    rows = _items(field, value, f"a sequence of {width}-tuples")
    for index, row in enumerate(rows):
        if isinstance(row, str) or not isinstance(row, Sequence) or len(row) != width:
            raise _value_error(f"{field}[{index}]", row, f"a tuple of {width} items")
    return rows


def partner_kind_profile(
    kind: PartnerKind | str,
    *,
    kinds: _KindRows | None = None,
    services: _ServiceRows | None = None,
) -> PartnerKindProfile:
    """Return the profile of *kind* (rule ``mcs.partner.kinds``).

    Args:
        kind: the partner kind (``'reseller'`` is a distributor).
        kinds: the kinds table, as for :func:`partner_kind_profiles`
            (``None``: the MCS pack's).
        services: the services table, as for :func:`partner_kind_profiles`
            (``None``: the MCS pack's).

    >>> partner_kind_profile("integrator").income_sources[0]
    'margin on licence resale'

    Raises:
        UnknownKeyError: *kind* is not a partner kind, or the kinds table
            does not describe it.
        InvalidTypeError: a wrong type for *kind* or in the tables.
    """
    wanted = _member("kind", kind, PartnerKind)
    profiles = partner_kind_profiles(kinds, services=services)
    for profile in profiles:
        if profile.kind is wanted:
            return profile
    raise UnknownKeyError(
        "kind",
        wanted.value,
        [p.kind.value for p in profiles],
        hint="the kinds table does not describe it",
    )


_CONDITIONS = ("allowed", "trained")


def _service_table(services: object) -> dict[tuple[PartnerKind, PartnerService], str]:
    table: dict[tuple[PartnerKind, PartnerService], str] = {}
    for index, (kind_key, service_key, condition) in enumerate(_rows("services", services, 3)):
        key = (
            _member(f"services[{index}][0]", kind_key, PartnerKind),
            _member(f"services[{index}][1]", service_key, PartnerService),
        )
        if _text(f"services[{index}][2]", condition) not in _CONDITIONS:
            raise UnknownKeyError("condition", condition, _CONDITIONS)
        if key in table:
            raise _value_error(
                f"services[{index}]",
                (kind_key, service_key, condition),
                "a kind and service not listed before",
            )
        table[key] = condition
    return table


@attrs.frozen
class ServiceCheck:
    """Whether a partner may provide a service (rule ``mcs.partner.kinds``).

    Attributes:
        allowed: whether it may.
        kind: the partner's kind.
        service: the service asked about.
        reasons: why (every failed criterion when refused).
    """

    allowed: bool = attrs.field(validator=_bool)
    kind: PartnerKind = attrs.field(validator=_is(PartnerKind))
    service: PartnerService = attrs.field(validator=_is(PartnerService))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def check_partner_service(
    kind: PartnerKind | str,
    service: PartnerService | str,
    *,
    trained_for: Iterable[PartnerService | str] = (),
    services: _ServiceRows | None = None,
) -> ServiceCheck:
    """Check whether a partner of *kind* may provide *service* (rule ``mcs.partner.kinds``).

    Source: seed 002, "Схема взаимодействия с IT-интеграторами": integrators
    provide L1/L2 support and implement the platform only after the
    corresponding training; distributors and resellers may optionally serve
    the customer at L1/L2 after the deal. A service the source does not give a
    kind is refused.

    Args:
        kind: the partner's kind.
        service: the service.
        trained_for: the services the partner has completed training for.
        services: the (kind, service, condition) table; ``None`` (the
            default) stands for the MCS pack's ``PARTNER_SERVICES``.

    >>> check_partner_service("integrator", "l2_support").allowed
    False
    >>> check_partner_service("integrator", "l2_support", trained_for=["l2_support"]).allowed
    True

    Raises:
        UnknownKeyError: an unknown kind or service.
        InvalidTypeError: *trained_for* is not an iterable of services, or a
            wrong type in the *services* table.
        InvalidValueError: a malformed *services* table.
    """
    kind_ = _member("kind", kind, PartnerKind)
    service_ = _member("service", service, PartnerService)
    courses = _items("trained_for", trained_for, "an iterable of PartnerService")
    trained = {_member("trained_for", t, PartnerService) for t in courses}
    table = _service_table(mcs_pack.PARTNER_SERVICES if services is None else services)
    condition = table.get((kind_, service_))
    facts = {"kind": kind_.value, "service": service_.value}
    if condition is None:
        allowed = False
        why = Reason.of(
            "mcs.partner.kinds", "the programme gives {kind} partners no {service} role", **facts
        )
    elif condition == "trained" and service_ not in trained:
        allowed = False
        why = Reason.of(
            "mcs.partner.kinds",
            "{kind} partners may provide {service} only once trained for it, and no such "
            "training is recorded",
            **facts,
        )
    elif condition == "trained":
        allowed = True
        why = Reason.of(
            "mcs.partner.kinds",
            "{kind} partners may provide {service} once trained, and the partner is",
            **facts,
        )
    else:
        allowed = True
        why = Reason.of(
            "mcs.partner.kinds",
            "the {kind} scheme lets the partner provide {service} to its customers",
            **facts,
        )
    return ServiceCheck(allowed, kind_, service_, (why,))


# -- mcs.deal.protection_required -------------------------------------------


class DealScheme(_Vocabulary):
    """How a partner earns on a deal (rule ``mcs.deal.protection_required``)."""

    #: The partner buys and resells the licences; the money flows through it.
    RESALE = "resale"
    #: The partner brings the customer; the vendor signs; the partner earns a fee.
    AGENCY = "agency"
    #: Anything else (projects, services).
    SERVICES = "services"


def _to_partner_kind(value: object) -> PartnerKind:
    return _member("partner_kind", value, PartnerKind)


def _to_scheme(value: object) -> DealScheme:
    return _member("scheme", value, DealScheme)


@attrs.frozen
class PartnerDeal:
    """A deal a partner works on (rule ``mcs.deal.protection_required``).

    Args:
        deal_id: the partner's id for the deal.
        customer: the end customer.
        partner: the partner's id.
        partner_kind: the partner's kind (``'reseller'`` is a distributor).
        scheme: resale, agency or services.
    """

    deal_id: str = attrs.field(validator=_nonblank)
    customer: Customer = attrs.field(kw_only=True, validator=_customer)
    partner: str = attrs.field(kw_only=True, validator=_nonblank)
    partner_kind: PartnerKind = attrs.field(kw_only=True, converter=_to_partner_kind)
    scheme: DealScheme = attrs.field(kw_only=True, converter=_to_scheme)


@attrs.frozen
class ProtectionRequirement:
    """Whether a deal complies with mandatory protection (``mcs.deal.protection_required``).

    Attributes:
        ok: False when protection is required and there is no registration.
        required: whether the rule applies to this deal.
        registration: the matching registration, if any.
        reasons: why.
    """

    ok: bool = attrs.field(validator=_bool)
    required: bool = attrs.field(validator=_bool)
    registration: DealRegistration | None = attrs.field(
        validator=_optional(DealRegistration, "a DealRegistration or None")
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def check_protection_required(
    deal: PartnerDeal,
    registrations: Iterable[DealRegistration] = (),
    *,
    required_kinds: Iterable[PartnerKind | str] = mcs_pack.PROTECTION_REQUIRED_KINDS,
    required_schemes: Iterable[DealScheme | str] = mcs_pack.PROTECTION_REQUIRED_SCHEMES,
) -> ProtectionRequirement:
    """Check that a distributor's resale or agency deal is registered.

    Rule ``mcs.deal.protection_required``. Source: seed 002, "Схема
    взаимодействия с дистрибуторами и реселлерами": deal protection with MCS
    is mandatory. A registration matches when it is the same partner's and
    for the same customer (:meth:`Customer.same_as`, valid CNPJs only); the
    earliest one is reported.

    Args:
        deal: the deal.
        registrations: the registrations in the CRM (any partner, any customer).
        required_kinds: the partner kinds that must register (MCS pack:
            distributors, which include resellers).
        required_schemes: the schemes that must be registered (MCS pack:
            resale and agency).

    Raises:
        InvalidTypeError: wrong argument types (a kind or scheme list given
            as one string included).
        UnknownKeyError: an unknown kind or scheme in the policy.
    """
    _typed("deal", deal, PartnerDeal)
    candidates = _registrations("registrations", registrations)
    kinds = frozenset(
        _member("required_kinds", k, PartnerKind)
        for k in _items("required_kinds", required_kinds, "an iterable of PartnerKind")
    )
    schemes = frozenset(
        _member("required_schemes", s, DealScheme)
        for s in _items("required_schemes", required_schemes, "an iterable of DealScheme")
    )
    found = sorted(
        (
            r
            for r in candidates
            if r.partner == deal.partner and _same_customer(r.customer, deal.customer)
        ),
        key=_order_key,
    )
    match = found[0] if found else None
    facts: dict[str, Any] = {
        "deal_id": deal.deal_id,
        "partner": deal.partner,
        "kind": deal.partner_kind.value,
        "scheme": deal.scheme.value,
        "customer": deal.customer.name,
    }
    required = deal.partner_kind in kinds and deal.scheme in schemes
    if not required:
        reason = Reason.of(
            "mcs.deal.protection_required",
            "deal {deal_id} is a {scheme} deal of a {kind}: registration is not mandatory",
            **facts,
        )
        ok = True
    elif match is not None:
        facts.update(registration=match.deal_id, registered_at=match.registered_at)
        reason = Reason.of(
            "mcs.deal.protection_required",
            "{scheme} deal {deal_id} of {kind} {partner} is registered for protection as "
            "{registration} ({registered_at:d MMM y HH:mm xxx})",
            **facts,
        )
        ok = True
    else:
        reason = Reason.of(
            "mcs.deal.protection_required",
            "non-compliant: {scheme} deal {deal_id} of {kind} {partner} must be registered "
            "for deal protection with MCS, and no registration for {customer} exists",
            **facts,
        )
        ok = False
    return ProtectionRequirement(ok, required, match, (reason,))


# -- mcs.marketplace.listing ------------------------------------------------


class ListingStage(_Vocabulary):
    """The stages of a marketplace listing, in order (rule ``mcs.marketplace.listing``)."""

    DRAFT = "draft"
    APPLIED = "applied"
    EVALUATED = "evaluated"
    IMAGE_BUILT = "image_built"
    PRICED = "priced"
    LISTED = "listed"


_STAGES = tuple(ListingStage)

# How many data items each step has: the fields of its data value below.
_STEP_WIDTHS: Final = {
    ListingStage.APPLIED: 4,
    ListingStage.EVALUATED: 3,
    ListingStage.IMAGE_BUILT: 2,
    ListingStage.PRICED: 2,
    ListingStage.LISTED: 0,
}


def _to_steps(value: object) -> tuple[tuple[ListingStage, tuple[str, ...]], ...]:
    rows = _rows("steps", value, 2)
    stages = _STAGES[1:]
    if len(rows) != len(stages):
        raise _value_error(
            "steps",
            value,
            f"{len(stages)} rows, one per stage after the draft: "
            + ", ".join(s.value for s in stages),
        )
    result = []
    for index, ((key, labels), stage) in enumerate(zip(rows, stages, strict=True)):
        if _member(f"steps[{index}][0]", key, ListingStage) is not stage:
            raise _value_error(
                f"steps[{index}][0]", key, f"{stage.value!r} (the stages come in order)"
            )
        texts = _texts(f"steps[{index}][1]", labels)
        width = _STEP_WIDTHS[stage]
        if len(texts) != width or not all(map(_filled, texts)):
            raise _value_error(
                f"steps[{index}][1]", labels, f"{width} non-blank labels, one per data item"
            )
        result.append((stage, texts))
    return tuple(result)


@attrs.frozen
class ListingSteps:
    """What each step of a marketplace listing needs (rule ``mcs.marketplace.listing``).

    Source: seed 002, "Размещение ПО в Marketplace". One row per stage after
    the draft, in order: the stage the step reaches and a label for each
    data item it needs (four for the application, three for the evaluation,
    two for the image, two for the terms, none for publishing, one per field
    of :class:`ListingApplication`, :class:`ExpertEvaluation`,
    :class:`SoftwareImage` and :class:`ListingTerms`). Missing items are
    reported by these labels. Built from rows such as the MCS pack's
    ``MARKETPLACE_STEPS``, which is what ``steps=None`` stands for wherever a
    listing takes its steps.

    >>> from partnerrules.policies import mcs
    >>> ListingSteps(mcs.MARKETPLACE_STEPS).items("image_built")
    ('image reference', 'template')

    Raises:
        InvalidTypeError: *steps* is not a sequence of (stage, labels) rows.
        InvalidValueError: a stage missing or out of order, or the wrong
            number of labels for a step.
    """

    steps: tuple[tuple[ListingStage, tuple[str, ...]], ...] = attrs.field(converter=_to_steps)

    def items(self, stage: ListingStage | str) -> tuple[str, ...]:
        """The labels of the items the step reaching *stage* needs (``mcs.marketplace.listing``).

        Raises:
            UnknownKeyError: not a stage.
            InvalidValueError: the draft, which no step reaches.
        """
        wanted = _member("stage", stage, ListingStage)
        for reached, labels in self.steps:
            if reached is wanted:
                return labels
        raise _value_error("stage", stage, "a stage after the draft")


_MCS_STEPS: Final = ListingSteps(mcs_pack.MARKETPLACE_STEPS)


def _to_listing_steps(value: object) -> ListingSteps:
    if value is None:
        return _MCS_STEPS
    return _typed("steps", value, ListingSteps, "a ListingSteps or None")


def _missing(stage: ListingStage, present: Sequence[bool], steps: object) -> tuple[str, ...]:
    labels = _to_listing_steps(steps).items(stage)
    return tuple(item for item, ok in zip(labels, present, strict=True) if not ok)


def _to_focus_industries(value: object) -> tuple[str, ...]:
    return _texts("focus_industries", value)


def _to_implementation_stories(value: object) -> tuple[str, ...]:
    return _texts("implementation_stories", value)


@attrs.frozen
class ListingApplication:
    """The partner's application (rule ``mcs.marketplace.listing``, step 1).

    Blank fields are allowed here; :meth:`MarketplaceListing.submit_application`
    refuses an application with any of them blank, naming every one.
    """

    functionality: str = attrs.field(default="", kw_only=True, validator=_str)
    focus_industries: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_focus_industries
    )
    implementation_stories: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_implementation_stories
    )
    company_description: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the application step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.APPLIED,
            (
                _filled(self.functionality),
                any(map(_filled, self.focus_industries)),
                any(map(_filled, self.implementation_stories)),
                _filled(self.company_description),
            ),
            steps,
        )


@attrs.frozen
class ExpertEvaluation:
    """The MCS experts' assessment (rule ``mcs.marketplace.listing``, step 2).

    The source names what is assessed but no scale, so each is free text.
    """

    complexity: str = attrs.field(default="", kw_only=True, validator=_str)
    innovation: str = attrs.field(default="", kw_only=True, validator=_str)
    demand: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the evaluation step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.EVALUATED,
            (_filled(self.complexity), _filled(self.innovation), _filled(self.demand)),
            steps,
        )


@attrs.frozen
class SoftwareImage:
    """The software image built from the template (rule ``mcs.marketplace.listing``, step 3)."""

    reference: str = attrs.field(default="", kw_only=True, validator=_str)
    template: str = attrs.field(default="", kw_only=True, validator=_str)

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the image step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.IMAGE_BUILT, (_filled(self.reference), _filled(self.template)), steps
        )


def _optional_price(_instance: Any, _attribute: Any, value: Any) -> None:
    if value is None:
        return
    if _typed("price", value, Money, "a Money or None").is_negative():
        raise InvalidValueError("price", value, "zero or more")


def _to_technical_requirements(value: object) -> tuple[str, ...]:
    return _texts("technical_requirements", value)


@attrs.frozen
class ListingTerms:
    """Price and technical requirements (rule ``mcs.marketplace.listing``, step 4)."""

    price: Money | None = attrs.field(default=None, kw_only=True, validator=_optional_price)
    technical_requirements: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_to_technical_requirements
    )

    def missing(self, *, steps: ListingSteps | None = None) -> tuple[str, ...]:
        """The items still missing for the pricing step (rule ``mcs.marketplace.listing``).

        Args:
            steps: the labels to report them by; ``None`` (the default) stands
                for the MCS pack's steps.
        """
        return _missing(
            ListingStage.PRICED,
            (self.price is not None, any(map(_filled, self.technical_requirements))),
            steps,
        )


_STEP_FIELDS: dict[ListingStage, tuple[str, type[Any]]] = {
    ListingStage.APPLIED: ("application", ListingApplication),
    ListingStage.EVALUATED: ("evaluation", ExpertEvaluation),
    ListingStage.IMAGE_BUILT: ("image", SoftwareImage),
    ListingStage.PRICED: ("terms", ListingTerms),
}


def _to_stage(value: object) -> ListingStage:
    return _member("stage", value, ListingStage)


@attrs.frozen
class MarketplaceListing:
    """A software product on its way to the MCS marketplace (rule ``mcs.marketplace.listing``).

    Source: seed 002, "Размещение ПО в Marketplace". A pure state machine:
    draft -> applied -> evaluated -> image built -> priced -> listed. Each
    transition method returns a new listing; a step taken out of order, or
    with missing data, raises :class:`~partnerrules.errors.InvalidTransitionError`
    whose ``missing`` lists every problem. A listing built directly at a later
    stage must carry complete data for every stage it has passed.

    Args:
        product: the product's name.
        partner: the software maker's id.
        stage: the stage reached (a draft by default).
        application: the application, once applied.
        evaluation: the experts' evaluation, once evaluated.
        image: the software image, once built.
        terms: price and technical requirements, once priced.
        reasons: the transitions so far (a tuple of Reason).
        steps: the steps' data items and their labels; ``None`` (the
            default) stands for the MCS pack's. Not shown in ``repr``.

    Raises:
        InvalidTypeError: a field of the wrong type.
        InvalidValueError: data missing or incomplete for a stage passed, or
            present for a stage not reached.
        UnknownKeyError: an unknown stage.

    >>> from partnerrules.deals import ExpertEvaluation, MarketplaceListing
    >>> from partnerrules.errors import InvalidTransitionError
    >>> draft = MarketplaceListing("CRM Cloud", partner="soft-1")
    >>> draft.record_evaluation(ExpertEvaluation(complexity="high"))
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidTransitionError: cannot go from 'draft' to 'evaluated': ...
    >>> try:
    ...     draft.record_evaluation(ExpertEvaluation(complexity="high"))
    ... except InvalidTransitionError as err:
    ...     err.missing
    ("step 'applied' not done yet", 'innovation of the technology stack', 'demand')
    """

    product: str = attrs.field(validator=_nonblank)
    partner: str = attrs.field(kw_only=True, validator=_nonblank)
    stage: ListingStage = attrs.field(
        default=ListingStage.DRAFT,
        kw_only=True,
        converter=_to_stage,
    )
    application: ListingApplication | None = attrs.field(default=None, kw_only=True)
    evaluation: ExpertEvaluation | None = attrs.field(default=None, kw_only=True)
    image: SoftwareImage | None = attrs.field(default=None, kw_only=True)
    terms: ListingTerms | None = attrs.field(default=None, kw_only=True)
    reasons: tuple[Reason, ...] = attrs.field(default=(), kw_only=True, validator=_reasons)
    steps: ListingSteps = attrs.field(
        default=None, kw_only=True, converter=_to_listing_steps, repr=False
    )

    def __attrs_post_init__(self) -> None:
        reached = _STAGES.index(self.stage)
        for stage, (name, kind) in _STEP_FIELDS.items():
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                raise _type_error(name, value, f"a {kind.__name__} or None")
            if _STAGES.index(stage) <= reached:
                gaps = ("missing",) if value is None else value.missing(steps=self.steps)
                if gaps:
                    raise InvalidValueError(
                        name,
                        value,
                        f"complete for a listing at stage {self.stage.value!r}",
                        hint="missing: " + ", ".join(gaps),
                    )
            elif value is not None:
                raise InvalidValueError(
                    name, value, f"None before stage {stage.value!r} is reached"
                )

    @property
    def next_stage(self) -> ListingStage | None:
        """The stage the next transition leads to, or None once listed."""
        index = _STAGES.index(self.stage)
        return _STAGES[index + 1] if index + 1 < len(_STAGES) else None

    def _advance(self, target: ListingStage, data: Any) -> MarketplaceListing:
        problems: list[str] = []
        current, wanted = _STAGES.index(self.stage), _STAGES.index(target)
        if wanted <= current:
            problems.append(f"the listing is already at stage {self.stage.value!r}")
        else:
            problems.extend(f"step {s.value!r} not done yet" for s in _STAGES[current + 1 : wanted])
        changes: dict[str, Any] = {"stage": target}
        if target in _STEP_FIELDS:
            name, kind = _STEP_FIELDS[target]
            _typed(name, data, kind)
            problems.extend(data.missing(steps=self.steps))
            changes[name] = data
        if problems:
            raise InvalidTransitionError(self.stage.value, target.value, problems)
        reason = Reason.of(
            "mcs.marketplace.listing",
            "{product} of {partner} moved from {source} to {target}",
            product=self.product,
            partner=self.partner,
            source=self.stage.value,
            target=target.value,
        )
        return attrs.evolve(self, reasons=(*self.reasons, reason), **changes)

    def submit_application(self, application: ListingApplication) -> MarketplaceListing:
        """Step 1 (rule ``mcs.marketplace.listing``): the partner applies.

        Needs functionality, focus industries, implementation stories and a
        company description.

        Raises:
            InvalidTransitionError: not a draft, or items missing (all listed).
        """
        return self._advance(ListingStage.APPLIED, application)

    def record_evaluation(self, evaluation: ExpertEvaluation) -> MarketplaceListing:
        """Step 2 (rule ``mcs.marketplace.listing``): MCS experts evaluate the product.

        Needs an assessment of complexity, innovation of the technology stack
        and demand from current and prospective customers.

        Raises:
            InvalidTransitionError: not applied yet, or items missing (all listed).
        """
        return self._advance(ListingStage.EVALUATED, evaluation)

    def build_image(self, image: SoftwareImage) -> MarketplaceListing:
        """Step 3 (rule ``mcs.marketplace.listing``): the image is built from the template.

        Raises:
            InvalidTransitionError: not evaluated yet, or items missing (all listed).
        """
        return self._advance(ListingStage.IMAGE_BUILT, image)

    def set_terms(self, terms: ListingTerms) -> MarketplaceListing:
        """Step 4 (rule ``mcs.marketplace.listing``): price and technical requirements.

        Raises:
            InvalidTransitionError: no image yet, or items missing (all listed).
        """
        return self._advance(ListingStage.PRICED, terms)

    def publish(self) -> MarketplaceListing:
        """Step 5 (rule ``mcs.marketplace.listing``): the product is listed.

        Raises:
            InvalidTransitionError: price and requirements not set yet.
        """
        return self._advance(ListingStage.LISTED, None)


# -- aws.ace.readiness ------------------------------------------------------


class OpportunityStatus(_Vocabulary):
    """An opportunity's status as far as ACE readiness goes (rule ``aws.ace.readiness``)."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    #: Launched, i.e. won.
    LAUNCHED = "launched"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        """Whether the opportunity is neither launched nor closed."""
        return self in (OpportunityStatus.ACTIVE, OpportunityStatus.INACTIVE)


class AceCriterion(_Vocabulary):
    """The criteria of ACE readiness (rule ``aws.ace.readiness``)."""

    CUSTOMER_CONSENT = "customer_consent"
    PARTNER_ORIGINATED = "partner_originated"
    PARTNER_LED = "partner_led"
    ACTIVE_STATUS = "active_status"
    TARGET_CLOSE_DATE = "target_close_date"
    NEW_BUSINESS = "new_business"
    PROJECT_DESCRIPTION = "project_description"
    NOT_LAUNCHED_OR_CLOSED = "not_launched_or_closed"
    NOT_DUPLICATE = "not_duplicate"


def _optional_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _date(attribute.name, value)


def _to_status(value: object) -> OpportunityStatus:
    return _member("status", value, OpportunityStatus)


@attrs.frozen
class Opportunity:
    """A co-sell opportunity a partner may submit to ACE (rule ``aws.ace.readiness``).

    Flags left out count as not met: missing details make an opportunity not
    ready.
    """

    opportunity_id: str = attrs.field(validator=_nonblank)
    customer: Customer = attrs.field(kw_only=True, validator=_customer)
    project: str = attrs.field(kw_only=True, validator=_nonblank)
    status: OpportunityStatus = attrs.field(kw_only=True, converter=_to_status)
    description: str = attrs.field(default="", kw_only=True, validator=_str)
    target_close: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    customer_consent: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    partner_originated: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    partner_led: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    new_business: bool = attrs.field(default=False, kw_only=True, validator=_bool)


@attrs.frozen
class AceReadiness:
    """The outcome of the ACE readiness check (rule ``aws.ace.readiness``).

    Attributes:
        ok: True when every criterion holds.
        failed: every failed criterion, in the order of :class:`AceCriterion`.
        duplicates: ids of existing open opportunities this one duplicates.
        reasons: one per failed criterion, or one saying it is ready.
    """

    ok: bool = attrs.field(validator=_bool)
    failed: tuple[AceCriterion, ...] = attrs.field(
        validator=_tuple_of(AceCriterion, "a tuple of AceCriterion")
    )
    duplicates: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)

    def __attrs_post_init__(self) -> None:
        if self.ok != (not self.failed):
            raise _value_error("ok", self.ok, "True exactly when failed is empty")


def _opportunities(value: object) -> tuple[Opportunity, ...]:
    items = _items("existing", value, "an iterable of Opportunity")
    for index, item in enumerate(items):
        _typed(f"existing[{index}]", item, Opportunity)
    return items


def check_ace_readiness(
    opportunity: Opportunity,
    *,
    at: dt.datetime,
    min_description_length: int,
    existing: Iterable[Opportunity] = (),
) -> AceReadiness:
    """Check whether an opportunity is ready to submit to ACE (rule ``aws.ace.readiness``).

    Source: seed 004, "Quando Enviar uma Oportunidade ACE". Every failed
    criterion is reported: customer consent; partner-originated;
    partner-led; active status; a target close date not before the date of
    *at* (in *at*'s own zone); new business for AWS; a project description of
    at least *min_description_length* characters (whitespace runs count as one
    space; the guide gives no number, so there is no default); not launched
    (won) or closed; not a duplicate of an open opportunity (active or
    inactive, different id) for the same customer (:meth:`Customer.same_as`)
    and the same project (:func:`normalise_text`). A customer's CNPJ counts
    only when valid: a placeholder never makes two customers the same.

    Args:
        opportunity: the opportunity to check.
        at: the instant of the check (aware).
        min_description_length: the shortest specific description, from 1 to
            ``sys.maxsize`` (the longest a str can be); the caller's
            choice, since the guide gives none.
        existing: the partner's other opportunities.

    Raises:
        NaiveDatetimeError: *at* is naive.
        InvalidTypeError: wrong argument types.
        InvalidValueError: *min_description_length* out of range.
        HorizonError: *at* cannot be held in UTC.
    """
    opp = _typed("opportunity", opportunity, Opportunity)
    _instant("at", at)
    minimum = _count(
        "min_description_length",
        min_description_length,
        minimum=1,
        maximum=sys.maxsize,
        why="no str is longer than sys.maxsize",
    )
    others = _opportunities(existing)
    today = at.date()
    project = normalise_text(opp.project)
    duplicates = tuple(
        o.opportunity_id
        for o in others
        if o.opportunity_id != opp.opportunity_id
        and o.status.is_open
        and _same_customer(o.customer, opp.customer)
        and normalise_text(o.project) == project
    )
    length = len(" ".join(opp.description.split()))
    facts: dict[str, Any] = {
        "opportunity": opp.opportunity_id,
        "status": opp.status.value,
        "today": today,
        "length": length,
        "minimum": minimum,
        "duplicates": ", ".join(duplicates),
    }
    ace = "aws.ace.readiness"
    # Each failed criterion's reason, built only if the criterion fails.
    checks: list[tuple[AceCriterion, bool, Callable[[], Reason]]] = [
        (
            AceCriterion.CUSTOMER_CONSENT,
            opp.customer_consent,
            lambda: Reason.of(ace, "{opportunity} has no customer consent", **facts),
        ),
        (
            AceCriterion.PARTNER_ORIGINATED,
            opp.partner_originated,
            lambda: Reason.of(ace, "{opportunity} was not originated by the partner", **facts),
        ),
        (
            AceCriterion.PARTNER_LED,
            opp.partner_led,
            lambda: Reason.of(ace, "{opportunity} is not led by the partner", **facts),
        ),
        (
            AceCriterion.ACTIVE_STATUS,
            opp.status is OpportunityStatus.ACTIVE,
            lambda: Reason.of(ace, "{opportunity} has status {status}, not active", **facts),
        ),
    ]
    if opp.target_close is None:
        checks.append(
            (
                AceCriterion.TARGET_CLOSE_DATE,
                False,
                lambda: Reason.of(ace, "{opportunity} has no target close date", **facts),
            )
        )
    else:
        facts["target_close"] = opp.target_close
        checks.append(
            (
                AceCriterion.TARGET_CLOSE_DATE,
                opp.target_close >= today,
                lambda: Reason.of(
                    ace,
                    "{opportunity}'s target close date {target_close} is before {today}",
                    **facts,
                ),
            )
        )
    checks += [
        (
            AceCriterion.NEW_BUSINESS,
            opp.new_business,
            lambda: Reason.of(ace, "{opportunity} is not new business for AWS", **facts),
        ),
        (
            AceCriterion.PROJECT_DESCRIPTION,
            length >= minimum,
            lambda: Reason.of(
                ace,
                "{opportunity}'s project description has {length} characters, fewer than the "
                "{minimum} needed to be specific",
                **facts,
            ),
        ),
        (
            AceCriterion.NOT_LAUNCHED_OR_CLOSED,
            opp.status.is_open,
            lambda: Reason.of(ace, "{opportunity} is already {status}", **facts),
        ),
        (
            AceCriterion.NOT_DUPLICATE,
            not duplicates,
            lambda: Reason.of(
                ace,
                "{opportunity} duplicates open opportunity {duplicates} for the same customer "
                "and project",
                **facts,
            ),
        ),
    ]
    failed = tuple(criterion for criterion, ok, _ in checks if not ok)
    reasons = tuple(why() for _, ok, why in checks if not ok)
    if not failed:
        reasons = (
            Reason.of(
                "aws.ace.readiness",
                "{opportunity} meets every ACE readiness criterion on {today}",
                **facts,
            ),
        )
    return AceReadiness(not failed, failed, duplicates, reasons)


# -- aws.segment.classify ---------------------------------------------------


class Segment(_Vocabulary):
    """AWS customer segments (rule ``aws.segment.classify``)."""

    STARTUP = "startup"
    ISV = "isv"
    DIGITAL_NATIVE = "digital_native"
    ENTERPRISE = "enterprise"
    SMB = "smb"
    GOVERNMENT = "government"
    EDUCATION = "education"
    NONPROFIT = "nonprofit"
    HEALTHCARE = "healthcare"

    @property
    def is_public_sector(self) -> bool:
        """Whether the segment belongs to the public sector."""
        return self in _PUBLIC


_PUBLIC = frozenset({Segment.GOVERNMENT, Segment.EDUCATION, Segment.NONPROFIT, Segment.HEALTHCARE})
_COMMERCIAL = tuple(s for s in Segment if s not in _PUBLIC)


class Adoption(_Vocabulary):
    """A customer's stage of AWS adoption (rule ``aws.segment.classify``)."""

    #: Already uses AWS.
    ENGAGED = "engaged"
    #: Does not use AWS yet.
    GREENFIELD = "greenfield"


class Affiliation(_Vocabulary):
    """Backers that make a young company a startup (rule ``aws.segment.classify``)."""

    ANGEL_INVESTORS = "angel_investors"
    UNIVERSITY = "university"
    ACCELERATOR = "accelerator"
    VENTURE_CAPITAL = "venture_capital"


class BusinessModel(_Vocabulary):
    """Whom a company sells to (rule ``aws.segment.classify``)."""

    B2B = "b2b"
    #: Consumer-facing.
    B2C = "b2c"


class CompanySize(_Vocabulary):
    """A company's size (rule ``aws.segment.classify``)."""

    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Hosting(_Vocabulary):
    """Where a company's infrastructure mainly runs (rule ``aws.segment.classify``)."""

    CLOUD = "cloud"
    ON_PREMISES = "on_premises"
    HYBRID = "hybrid"


def _public_sector(value: object) -> Segment | None:
    if value is None:
        return None
    segment = _member("public_sector", value, Segment)
    if not segment.is_public_sector:
        raise UnknownKeyError("public_sector", value, [s.value for s in _PUBLIC])
    return segment


def _affiliations(value: object) -> frozenset[Affiliation]:
    items = _items("affiliations", value, "an iterable of Affiliation")
    return frozenset(_member("affiliations", a, Affiliation) for a in items)


def _optional_share(value: object) -> Decimal | None:
    return None if value is None else _share("software_revenue_share", value)


def _to_business_model(value: object) -> BusinessModel | None:
    return None if value is None else _member("business_model", value, BusinessModel)


def _to_size(value: object) -> CompanySize | None:
    return None if value is None else _member("size", value, CompanySize)


def _to_hosting(value: object) -> Hosting | None:
    return None if value is None else _member("hosting", value, Hosting)


@attrs.frozen
class Organisation:
    """What segmentation needs to know about a customer (rule ``aws.segment.classify``).

    Args:
        name: the customer's name.
        uses_aws: whether it already uses AWS (Engaged) or not (Greenfield).
        public_sector: for public-sector bodies, their type (government,
            education, nonprofit, healthcare); None for commercial companies.
        founded: the founding date, if known.
        affiliations: angel investors, universities, accelerators, venture capital.
        externally_funded: identified by outside sources as having been funded.
        business_model: B2B or B2C (consumer-facing).
        sells_software: develops and sells software.
        software_revenue_share: licences and subscriptions as a fraction of
            revenue (``'0.6'``), if known; never a float.
        born_in_cloud: started on the cloud.
        size: small, medium or large.
        hosting: where its infrastructure mainly runs.
        heavy_legacy: large legacy technology investments.
        reseller: resells to end customers.
    """

    name: str = attrs.field(validator=_nonblank)
    uses_aws: bool = attrs.field(kw_only=True, validator=_bool)
    public_sector: Segment | None = attrs.field(
        default=None, kw_only=True, converter=_public_sector
    )
    founded: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)
    affiliations: frozenset[Affiliation] = attrs.field(
        default=frozenset(), kw_only=True, converter=_affiliations
    )
    externally_funded: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    business_model: BusinessModel | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_business_model,
    )
    sells_software: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    software_revenue_share: Decimal | None = attrs.field(
        default=None, kw_only=True, converter=_optional_share
    )
    born_in_cloud: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    size: CompanySize | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_size,
    )
    hosting: Hosting | None = attrs.field(
        default=None,
        kw_only=True,
        converter=_to_hosting,
    )
    heavy_legacy: bool = attrs.field(default=False, kw_only=True, validator=_bool)
    reseller: bool = attrs.field(default=False, kw_only=True, validator=_bool)


@attrs.frozen
class Segmentation:
    """A customer's segment and adoption stage (rule ``aws.segment.classify``).

    Attributes:
        segment: the segment.
        adoption: Engaged or Greenfield.
        matched: the criteria that placed the customer in its segment.
        reasons: why; for commercial customers also why each earlier segment
            in the order did not match.
    """

    segment: Segment = attrs.field(validator=_is(Segment))
    adoption: Adoption = attrs.field(validator=_is(Adoption))
    matched: tuple[str, ...] = attrs.field(validator=_tuple_of(str, "a tuple of str"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_reasons)


def _segment_order(order: object) -> tuple[Segment, ...]:
    entries = _items("order", order, "a sequence of commercial segments")
    result: list[Segment] = []
    known = [s.value for s in _COMMERCIAL]
    for entry in entries:
        if isinstance(entry, Segment) and entry in _COMMERCIAL:
            segment = entry
        elif isinstance(entry, str) and entry in known:
            segment = Segment(entry)
        elif isinstance(entry, str | Segment):
            raise UnknownKeyError(
                "segment", entry, known, hint="the order lists commercial segments only"
            )
        else:
            raise _type_error("order", entry, "a Segment or a segment name")
        if segment in result:
            raise InvalidValueError("order", list(entries), "a sequence without repeats")
        result.append(segment)
    return tuple(result)


def _younger(founded: dt.date, as_of: dt.date, years: int) -> bool:
    """Whether *as_of* comes before the *years*-th anniversary of *founded*."""
    try:
        return as_of < founded + relativedelta(years=years)
    except (OverflowError, ValueError):  # the anniversary is after year 9999
        return True


def classify_segment(
    organisation: Organisation,
    *,
    as_of: dt.date,
    order: Sequence[Segment | str] = aws_pack.COMMERCIAL_ORDER,
    startup_max_age_years: int = aws_pack.STARTUP_MAX_AGE_YEARS,
    isv_min_software_share: Decimal | str = aws_pack.ISV_MIN_SOFTWARE_REVENUE_SHARE,
) -> Segmentation:
    """Place a customer in its AWS segment (rule ``aws.segment.classify``).

    Source: seed 004, "Segmentação de Clientes". A public-sector body takes
    its type. A commercial company takes the first segment of *order* whose
    criteria all hold (default: Startup, ISV, Digital Native, Enterprise,
    SMB); SMB holds for everyone, and is the answer when nothing in *order*
    matched even if *order* leaves it out. Criteria:

    * Startup: founded less than *startup_max_age_years* before *as_of*, and
      affiliated with angel investors, universities, accelerators or venture
      capital, or identified as funded;
    * ISV: builds and sells software, B2B, licences and subscriptions at least
      *isv_min_software_share* of revenue;
    * Digital Native: consumer-facing (B2C) and born in the cloud;
    * Enterprise: large or medium, heavy legacy investment, on premises or hybrid;
    * SMB: everything else, resellers included.

    Engaged or Greenfield follows ``Organisation.uses_aws``.

    Args:
        organisation: the customer.
        as_of: the date its age is taken at.
        order: the commercial segments in the order they are tried (AWS
            pack: Startup, ISV, Digital Native, Enterprise, SMB).
        startup_max_age_years: a startup is younger than this (AWS pack:
            15), from 1 to :data:`MAX_STARTUP_AGE_YEARS`.
        isv_min_software_share: the least share of revenue from licences and
            subscriptions for an ISV (AWS pack: ``'0.50'``), a fraction in
            [0, 1] as a str or Decimal, never a float.

    >>> import datetime as dt
    >>> org = Organisation("Zeta Apps", uses_aws=False, founded=dt.date(2019, 3, 1),
    ...     affiliations=["accelerator"], sells_software=True, business_model="b2b",
    ...     software_revenue_share="0.8")
    >>> result = classify_segment(org, as_of=dt.date(2026, 1, 1))
    >>> result.segment.value, result.adoption.value, result.matched
    ('startup', 'greenfield', ('under 15 years old', 'affiliated with accelerator'))

    Raises:
        UnknownKeyError: an unknown or public-sector entry in *order*.
        InvalidValueError: a repeated entry in *order*, a founding date
            after *as_of*, or a number out of range.
        InvalidTypeError: wrong argument types.
    """
    org = _typed("organisation", organisation, Organisation)
    as_of_ = _date("as_of", as_of)
    segments = _segment_order(order)
    max_age = _count(
        "startup_max_age_years",
        startup_max_age_years,
        minimum=1,
        maximum=MAX_STARTUP_AGE_YEARS,
        why="a date spans 9,999 years",
    )
    share_min = _share("isv_min_software_share", isv_min_software_share)
    if org.founded is not None and org.founded > as_of_:
        raise InvalidValueError("founded", org.founded, f"on or before as_of ({as_of_})")
    adoption = Adoption.ENGAGED if org.uses_aws else Adoption.GREENFIELD
    facts: dict[str, Any] = {"name": org.name, "adoption": adoption.value}
    rule_id = "aws.segment.classify"
    if org.public_sector is not None:
        reason = Reason.of(
            rule_id,
            "{name} is a public-sector {segment} organisation ({adoption})",
            segment=org.public_sector.value,
            **facts,
        )
        return Segmentation(org.public_sector, adoption, ("public sector type",), (reason,))

    def criteria(segment: Segment) -> tuple[list[str], list[str]]:
        met: list[str] = []
        unmet: list[str] = []

        def check(ok: bool, label: str) -> None:
            (met if ok else unmet).append(label)

        if segment is Segment.STARTUP:
            young = org.founded is not None and _younger(org.founded, as_of_, max_age)
            check(young, f"under {max_age} years old")
            backers = sorted(a.value for a in org.affiliations)
            if backers:
                met.append("affiliated with " + ", ".join(backers))
            elif org.externally_funded:
                met.append("identified as funded")
            else:
                unmet.append("backed by investors, universities or accelerators, or funded")
        elif segment is Segment.ISV:
            check(org.sells_software, "builds and sells software")
            check(org.business_model is BusinessModel.B2B, "B2B")
            share = org.software_revenue_share
            check(
                share is not None and share >= share_min,
                f"licences and subscriptions at least {(share_min * 100).normalize():f}% "
                "of revenue",
            )
        elif segment is Segment.DIGITAL_NATIVE:
            check(org.business_model is BusinessModel.B2C, "consumer-facing (B2C)")
            check(org.born_in_cloud, "born in the cloud")
        elif segment is Segment.ENTERPRISE:
            check(org.size in (CompanySize.LARGE, CompanySize.MEDIUM), "large or medium")
            check(org.heavy_legacy, "heavy legacy investment")
            check(org.hosting in (Hosting.ON_PREMISES, Hosting.HYBRID), "on premises or hybrid")
        else:
            met.append("reseller" if org.reseller else "no other segment matched")
        return met, unmet

    reasons: list[Reason] = []
    for segment in (*segments, Segment.SMB):
        met, unmet = criteria(segment)
        if unmet:
            reasons.append(
                Reason.of(
                    rule_id,
                    "{name} is not {segment}: not {unmet}",
                    segment=segment.value,
                    unmet="; not ".join(unmet),
                    **facts,
                )
            )
            continue
        reasons.append(
            Reason.of(
                rule_id,
                "{name} is {segment} ({adoption}): {met}",
                segment=segment.value,
                met="; ".join(met),
                **facts,
            )
        )
        return Segmentation(segment, adoption, tuple(met), tuple(reasons))
    raise AssertionError("unreachable: SMB matches every organisation")
