"""The laws partnerrules obeys, as plain functions a test can call.

Each ``check_...`` function takes values (from the strategies of
:mod:`partnerrules.testing.strategies` or from a caller's own data), applies
the library to them and raises :class:`AssertionError` with a message that
starts with the rule id and says what failed; it returns ``None`` when the
law holds. They need no test framework: call them from a hypothesis test, a
pytest parametrised test or a script.

>>> from partnerrules.money import brl
>>> from partnerrules.testing.laws import check_money_allocation
>>> check_money_allocation(brl("100.00"), [1, 1, 1])
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, NoReturn, TypeVar

import attrs

from partnerrules import _validate, sla
from partnerrules import commission as _commission
from partnerrules import contracts as _contracts
from partnerrules import deals as _deals
from partnerrules.calendars import BusinessCalendar
from partnerrules.commission import Payment, SaleCommission, TierSchedule
from partnerrules.contracts import ACTUAL_ACTUAL, Contract, Proration
from partnerrules.deals import AceCriterion, Cnpj, Customer, DealRegistration, Opportunity
from partnerrules.errors import HorizonError, InvalidTypeError, InvalidValueError
from partnerrules.identity import is_valid_cnpj
from partnerrules.money import Money
from partnerrules.policies import mcs, omid
from partnerrules.sla import SlaPolicy, Ticket

_F = TypeVar("_F", bound=Any)

__all__ = [
    "check_ace_readiness_reports_every_failure",
    "check_add_monotonic_in_duration",
    "check_add_monotonic_in_start",
    "check_business_time_inverse",
    "check_cancellation_bounds",
    "check_cnpj_check_digits",
    "check_customer_matching",
    "check_deadline_monotonic",
    "check_elapsed_additive",
    "check_invoices_sum_to_tcv",
    "check_missing_tcv_reaches_next_tier",
    "check_money_allocation",
    "check_money_split",
    "check_pauses_never_advance_deadlines",
    "check_protection_monotonic",
    "check_releases_sum_to_commission",
    "check_remaining_value_never_grows",
    "check_tier_monotonic",
]

_ZERO = dt.timedelta(0)
_TICK = dt.timedelta(microseconds=1)


def _law(func: _F) -> _F:
    """Check a law's arguments against its annotations: a wrong type is a typed error.

    A downstream test that passes the wrong thing gets an
    :class:`~partnerrules.errors.InvalidTypeError` naming the argument, never an
    ``AttributeError`` from inside the law.
    """
    import functools
    import inspect
    import typing

    hints = typing.get_type_hints(func)
    signature = inspect.signature(func)

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise InvalidTypeError("arguments", (args, kwargs), str(exc)) from None
        for name, value in bound.arguments.items():
            kind = hints.get(name)
            if kind is not None and not _validate._matches(value, kind):
                shown = _type_name(kind)
                raise InvalidTypeError(name, value, f"a {shown}")
        return func(*args, **kwargs)

    return typing.cast(_F, checked)


def _later(instant: dt.datetime, delay: dt.timedelta) -> dt.datetime:
    """*instant* + *delay* of real time, in *instant*'s zone (a typed error past year 9999)."""
    try:
        return (_utc(instant) + delay).astimezone(instant.tzinfo)
    except OverflowError:
        raise HorizonError(
            "delay", delay, f"a delay that keeps {instant} within year 9999"
        ) from None


def _type_name(kind: Any) -> str:
    """``datetime.date``, ``Money``, or the annotation as written for unions and generics."""
    if isinstance(kind, type):
        home = kind.__module__
        if home == "builtins" or home.startswith("partnerrules"):
            return kind.__qualname__
        return f"{home}.{kind.__qualname__}"
    return str(kind).replace("partnerrules.", "")


def _fail(rule_id: str, message: str) -> NoReturn:
    raise AssertionError(f"{rule_id}: {message}")


def _exact(value: int | str | Decimal) -> Fraction:
    return Fraction(Decimal(value.strip()) if isinstance(value, str) else value)


def _utc(instant: dt.datetime) -> dt.datetime:
    try:
        return instant.astimezone(dt.UTC)
    except OverflowError:
        raise HorizonError(
            "instant", instant, "an instant whose UTC time falls in years 1 to 9999"
        ) from None


# -- money ---------------------------------------------------------------------------------


@_law
def check_money_allocation(money: Money, ratios: Sequence[int | str | Decimal]) -> None:
    """Law of rule ``money.brl.exact``: an allocation is exact and fair to the minor unit.

    ``money.allocate(ratios)`` gives one part per ratio, in the money's
    currency, summing exactly to *money*; each part is within one minor unit
    of its exact share (strictly less than one away), a zero ratio gets zero,
    no part has the opposite sign of *money*, and of two equal ratios the
    earlier never gets less (ties go to the earlier ratio).

    Raises:
        AssertionError: the law does not hold (the message names the rule).
    """
    rule = "money.brl.exact"
    _validate.instance("money", money, Money)
    parts = money.allocate(ratios)
    if len(parts) != len(ratios):
        _fail(rule, f"{len(ratios)} ratios gave {len(parts)} parts")
    if any(p.currency != money.currency for p in parts):
        _fail(rule, f"a part of {money} is in another currency: {parts}")
    total = Money.total(parts, money.currency)
    if total != money:
        _fail(rule, f"the parts of {money} by {list(ratios)} sum to {total}")
    weights = [_exact(r) for r in ratios]
    whole = sum(weights)
    units = money.minor_units
    for i, (part, weight) in enumerate(zip(parts, weights, strict=True)):
        share = units * weight / whole
        if abs(part.minor_units - share) >= 1:
            _fail(rule, f"part {i} of {money} is {part}, not within one unit of {float(share)}")
        if weight == 0 and not part.is_zero():
            _fail(rule, f"ratio {i} is zero but its part of {money} is {part}")
        if part.minor_units * units < 0:
            _fail(rule, f"part {i} of {money} is {part}, of the opposite sign")
    for (i, a), (j, b) in itertools.combinations(enumerate(weights), 2):
        if a == b and abs(parts[i].minor_units) < abs(parts[j].minor_units):
            _fail(rule, f"equal ratios {i} and {j} of {money}: the earlier got less")


@_law
def check_money_split(money: Money, parts: int) -> None:
    """Law of rule ``money.brl.exact``: a split gives equal shares that sum to the whole.

    ``money.split(parts)`` gives *parts* amounts summing exactly to *money*,
    differing by at most one minor unit, the earlier ones taking the extra
    units, all of the sign of *money* (or zero).

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "money.brl.exact"
    _validate.instance("money", money, Money)
    shares = money.split(parts)
    if len(shares) != parts:
        _fail(rule, f"splitting {money} in {parts} gave {len(shares)} shares")
    if Money.total(shares, money.currency) != money:
        _fail(rule, f"the {parts} shares of {money} do not sum to it: {shares}")
    sizes = [abs(s.minor_units) for s in shares]
    if sizes != sorted(sizes, reverse=True) or sizes[0] - sizes[-1] > 1:
        _fail(rule, f"the shares of {money} are not equal to the unit, earlier first: {shares}")
    if any(s.minor_units * money.minor_units < 0 for s in shares):
        _fail(rule, f"a share of {money} has the opposite sign: {shares}")


# -- business time -------------------------------------------------------------------------


@_law
def check_business_time_inverse(
    calendar: BusinessCalendar, start: dt.datetime, duration: dt.timedelta
) -> None:
    """Law of rule ``calendar.business_time``: ``add`` and ``elapsed`` are inverses.

    ``t = calendar.add(start, duration)`` is in the calendar's zone, on the
    side of *start* the duration's sign says, and
    ``calendar.elapsed(start, t) == duration``; going back the same duration
    from ``t`` returns to an instant with no business time before *start*
    (to *start* itself when the calendar is open there and the duration is
    positive).

    Raises:
        AssertionError: the law does not hold.
        HorizonError: the result would fall outside the calendar's years
            (not a failure of the law: choose durations that stay inside).
    """
    rule = "calendar.business_time"
    _validate.instance("calendar", calendar, BusinessCalendar)
    end = calendar.add(start, duration)
    if end.tzinfo is not calendar.zone:
        _fail(rule, f"add returned {end!r}, not in the calendar zone {calendar.zone}")
    if not (_utc(end) >= _utc(start) if duration >= _ZERO else _utc(end) < _utc(start)):
        _fail(
            rule, f"add({start.isoformat()}, {duration}) = {end.isoformat()} is on the wrong side"
        )
    measured = calendar.elapsed(start, end)
    if measured != duration:
        _fail(rule, f"elapsed({start.isoformat()}, add(.., {duration})) is {measured}")
    back = calendar.add(end, -duration)
    if calendar.elapsed(back, start) != _ZERO:
        _fail(rule, f"going back {duration} from {end.isoformat()} gave {back.isoformat()}")
    if duration > _ZERO and calendar.is_open(start) and _utc(back) != _utc(start):
        _fail(rule, f"going back {duration} did not return to the open start {start.isoformat()}")


@_law
def check_add_monotonic_in_duration(
    calendar: BusinessCalendar, start: dt.datetime, first: dt.timedelta, second: dt.timedelta
) -> None:
    """Law of rule ``calendar.business_time``: a longer duration never finishes earlier.

    Raises:
        AssertionError: ``add(start, d)`` decreases as *d* grows.
    """
    _validate.instance("calendar", calendar, BusinessCalendar)
    _validate.instance("first", first, dt.timedelta)
    _validate.instance("second", second, dt.timedelta)
    lo, hi = sorted((first, second))
    if _utc(calendar.add(start, lo)) > _utc(calendar.add(start, hi)):
        _fail("calendar.business_time", f"add({start.isoformat()}, {hi}) ends before {lo} does")


@_law
def check_add_monotonic_in_start(
    calendar: BusinessCalendar, first: dt.datetime, second: dt.datetime, duration: dt.timedelta
) -> None:
    """Law of rule ``calendar.business_time``: a later start never finishes earlier.

    Raises:
        AssertionError: ``add(a, duration)`` decreases as *a* grows.
    """
    _validate.instance("calendar", calendar, BusinessCalendar)
    lo, hi = sorted((_validate.aware("first", first), _validate.aware("second", second)), key=_utc)
    if _utc(calendar.add(lo, duration)) > _utc(calendar.add(hi, duration)):
        _fail(
            "calendar.business_time",
            f"{duration} from {hi.isoformat()} ends before {duration} from {lo.isoformat()}",
        )


@_law
def check_elapsed_additive(
    calendar: BusinessCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    """Law of rule ``calendar.business_time``: elapsed time adds up and changes sign.

    ``elapsed(a, b) + elapsed(b, c) == elapsed(a, c)``, ``elapsed(b, a) ==
    -elapsed(a, b)`` and ``elapsed(a, a)`` is zero.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "calendar.business_time"
    _validate.instance("calendar", calendar, BusinessCalendar)
    ab, bc, ac = calendar.elapsed(a, b), calendar.elapsed(b, c), calendar.elapsed(a, c)
    if ab + bc != ac:
        _fail(rule, f"elapsed a-b {ab} + b-c {bc} != a-c {ac} (a, b, c = {a}, {b}, {c})")
    if calendar.elapsed(b, a) != -ab:
        _fail(rule, f"elapsed({b}, {a}) is not -{ab}")
    if calendar.elapsed(a, a) != _ZERO:
        _fail(rule, f"elapsed({a}, {a}) is not zero")


# -- contracts -----------------------------------------------------------------------------


@_law
def check_invoices_sum_to_tcv(
    contract: Contract, *, convention: Proration | str = ACTUAL_ACTUAL
) -> None:
    """Law of rule ``omid.contract.terms``: the invoices sum exactly to the TCV.

    Under *convention*, the invoices are consecutive calendar-month periods
    from the start to the end of the term, one per month (one more when the
    term starts after the 1st), with amounts >= 0 that sum to the TCV.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "omid.contract.terms"
    _validate.instance("contract", contract, Contract)
    bills = contract.invoices(convention=convention)
    total = Money.total((i.amount for i in bills), "BRL")
    if total != contract.tcv:
        _fail(rule, f"the invoices of {contract.id} sum to {total}, not the TCV {contract.tcv}")
    if bills[0].period_start != contract.start or bills[-1].period_end != contract.end:
        _fail(rule, f"the invoices of {contract.id} do not run from its start to its end")
    for earlier, later in itertools.pairwise(bills):
        if earlier.period_end != later.period_start:
            _fail(rule, f"invoice {later.id} does not start where {earlier.id} ends")
    expected = contract.months + (0 if contract.start.day == 1 else 1)
    if len(bills) != expected:
        _fail(rule, f"{contract.id} has {len(bills)} invoices, not {expected}")


@_law
def check_cancellation_bounds(
    contract: Contract,
    on: dt.date,
    *,
    fee_rate: Decimal | str = omid.CANCELLATION_FEE_RATE,
    baseline_rate: Decimal | str = omid.OTHER_CLOUDS_CANCELLATION_RATE,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> None:
    """Law of rule ``omid.contract.cancellation_fee``: 0 <= fee <= remaining <= TCV.

    The quote of cancelling *contract* with effect *on* has a remaining value
    between zero and the TCV (the whole TCV on or before the start, zero on or
    after the end, always :meth:`~partnerrules.contracts.Contract.remaining_value`),
    a fee that is ``fee_rate`` of it rounded once half-even, never more than
    the remaining value nor (when ``fee_rate <= baseline_rate``) than the
    baseline, and a saving that is the baseline less the fee.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "omid.contract.cancellation_fee"
    _validate.instance("contract", contract, Contract)
    quote = _contracts.cancellation_quote(
        contract, on, fee_rate=fee_rate, baseline_rate=baseline_rate, convention=convention
    )
    zero = Money.zero("BRL")
    if not zero <= quote.fee <= quote.remaining <= contract.tcv:
        _fail(
            rule,
            f"on {on}: fee {quote.fee}, remaining {quote.remaining}, TCV {contract.tcv} "
            "are not in order",
        )
    if quote.fee != quote.remaining.multiply(quote.fee_rate):
        _fail(rule, f"the fee {quote.fee} is not {quote.fee_rate} of {quote.remaining}")
    if quote.fee_rate <= quote.baseline_rate and quote.fee > quote.baseline:
        _fail(rule, f"the fee {quote.fee} exceeds the baseline {quote.baseline}")
    if quote.saving != quote.baseline - quote.fee:
        _fail(rule, f"the saving {quote.saving} is not {quote.baseline} - {quote.fee}")
    if quote.remaining != contract.remaining_value(on, convention=convention):
        _fail(rule, f"the quote's remaining {quote.remaining} is not the contract's")
    if on <= contract.start and quote.remaining != contract.tcv:
        _fail(rule, f"before the start ({on}) the remaining {quote.remaining} is not the TCV")
    if on >= contract.end and not quote.remaining.is_zero():
        _fail(rule, f"after the end ({on}) {quote.remaining} still remains")


@_law
def check_remaining_value_never_grows(
    contract: Contract,
    first: dt.date,
    second: dt.date,
    *,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> None:
    """Law of rule ``omid.contract.cancellation_fee``: a later date never leaves more to serve.

    Raises:
        AssertionError: the remaining value grows as the date moves later.
    """
    _validate.instance("contract", contract, Contract)
    earlier, later = sorted((_validate.date("first", first), _validate.date("second", second)))
    before = contract.remaining_value(earlier, convention=convention)
    after = contract.remaining_value(later, convention=convention)
    if after > before:
        _fail(
            "omid.contract.cancellation_fee",
            f"{contract.id} has {after} remaining on {later} but {before} on {earlier}",
        )


# -- commission ----------------------------------------------------------------------------


def _fully_paid(contract: Contract, payments: Iterable[Payment], convention: Proration) -> bool:
    paid: dict[str, int] = {}
    for p in {p.id: p for p in payments}.values():
        paid[p.invoice_id] = paid.get(p.invoice_id, 0) + p.amount.minor_units
    return all(
        paid.get(i.id, 0) == i.amount.minor_units for i in contract.invoices(convention=convention)
    )


@_law
def check_releases_sum_to_commission(
    commission: SaleCommission,
    payments: Sequence[Payment],
    *,
    cancelled_on: dt.date | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> None:
    """Law of rule ``omid.commission.paid_on_collection``: no centavo lost or created.

    Releasing *commission* on *payments* (valid payments of its contract's
    invoices, as :func:`~partnerrules.testing.strategies.payment_plans` draws):

    * the releases sum to the amount released, which never exceeds the
      commission, and released + pending + forfeited is the commission;
    * each release is >= 0 and within one centavo of the commission's share
      of the payment;
    * the order the payments are given in changes nothing;
    * when every invoice is paid in full (and the contract was not
      cancelled) the whole commission is released and nothing is pending.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "omid.commission.paid_on_collection"
    _validate.instance("commission", commission, SaleCommission)
    payments = _validate.items("payments", payments, "a sequence of Payment")
    conv = Proration.parse(convention)
    payout = _commission.release_commission(
        commission, payments, cancelled_on=cancelled_on, convention=conv
    )
    released = sum(r.amount.minor_units for r in payout.releases)
    whole = commission.commission
    if released != payout.released.minor_units or payout.released > whole:
        _fail(rule, f"releases sum to {released} centavos; released {payout.released} of {whole}")
    if payout.released + payout.pending + payout.forfeited != whole:
        _fail(
            rule,
            f"released {payout.released} + pending {payout.pending} + forfeited "
            f"{payout.forfeited} is not the commission {whole}",
        )
    tcv = commission.value.minor_units
    for r in payout.releases:
        share_gap = abs(r.amount.minor_units * tcv - whole.minor_units * r.paid.minor_units)
        if r.amount.is_negative() or share_gap > tcv:
            _fail(rule, f"payment {r.payment_id} of {r.paid} released {r.amount}")
    reordered = _commission.release_commission(
        commission, list(reversed(payments)), cancelled_on=cancelled_on, convention=conv
    )
    if reordered != payout:
        _fail(rule, "the same payments in another order released differently")
    contract = commission.sale.contract
    settled = cancelled_on is None and _fully_paid(contract, payments, conv)
    if settled and (payout.released != whole or not payout.pending.is_zero()):
        _fail(rule, f"every invoice is paid but {payout.released} of {whole} was released")


def _rank(schedule: TierSchedule, tcv: Money, team: bool) -> int:
    return schedule.names.index(schedule.tier_for(tcv, has_presales_team=team).name)


@_law
def check_tier_monotonic(
    schedule: TierSchedule, first: Money, second: Money, *, has_presales_team: bool
) -> None:
    """Law of rule ``omid.tier.by_annual_tcv``: more TCV never means a lower tier.

    Of two annual TCVs the larger never qualifies for a lower tier of
    *schedule*, and having a pre-sales team never lowers the tier.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "omid.tier.by_annual_tcv"
    _validate.instance("schedule", schedule, TierSchedule)
    low, high = sorted(
        (_validate.instance("first", first, Money), _validate.instance("second", second, Money))
    )
    if _rank(schedule, low, has_presales_team) > _rank(schedule, high, has_presales_team):
        _fail(rule, f"an annual TCV of {high} qualifies for a lower tier than {low}")
    if _rank(schedule, low, False) > _rank(schedule, low, True):
        _fail(rule, f"with {low}, a pre-sales team lowers the tier")


@_law
def check_missing_tcv_reaches_next_tier(
    schedule: TierSchedule, annual_tcv: Money, *, has_presales_team: bool
) -> None:
    """Law of rule ``omid.tier.by_annual_tcv`` (§10): the missing TCV reaches the next tier.

    :func:`~partnerrules.commission.qualify_tier` gives a tier the TCV reaches
    and the partner may hold; adding the missing amount reaches exactly the
    next tier, one centavo less does not; at the top nothing is missing.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "omid.tier.by_annual_tcv"
    _validate.instance("schedule", schedule, TierSchedule)
    standing = _commission.qualify_tier(
        annual_tcv, schedule=schedule, has_presales_team=has_presales_team
    )
    if standing.tier.minimum > standing.annual_tcv:
        _fail(rule, f"{standing.tier.name} needs more than {standing.annual_tcv}")
    if standing.tier.requires_presales_team and not has_presales_team:
        _fail(rule, f"{standing.tier.name} requires a pre-sales team the partner lacks")
    if standing.next_tier is None:
        if standing.missing is not None:
            _fail(rule, f"at the top tier {standing.missing} is still missing")
        return
    if standing.missing is None or not standing.missing.is_positive():
        _fail(rule, f"below {standing.next_tier.name} the missing TCV is {standing.missing}")
    reached = standing.annual_tcv + standing.missing
    if schedule.tier_for(reached, has_presales_team=has_presales_team) != standing.next_tier:
        _fail(rule, f"{reached} does not reach {standing.next_tier.name}")
    short = reached - Money("0.01", "BRL")
    if schedule.tier_for(short, has_presales_team=has_presales_team) == standing.next_tier:
        _fail(rule, f"{short} already reaches {standing.next_tier.name}")


# -- SLAs ----------------------------------------------------------------------------------


def _limits(book: sla.TicketDeadlines) -> list[tuple[str, dt.datetime | None]]:
    found = [book.acknowledgement, *book.determinations]
    return [(f"{d.metric.value} #{d.sequence}", d.limit_at) for d in found if d is not None]


@_law
def check_pauses_never_advance_deadlines(
    ticket: Ticket, *, policy: SlaPolicy | None = None, zone: str | None = None
) -> None:
    """Law of rule ``zoho.sla.matrix``: pauses only ever push deadlines later.

    Every deadline of *ticket* under *policy* (None: Zoho's,
    :data:`partnerrules.sla.ZOHO`) is at or after the same deadline of the
    ticket without its pauses; a window with no limit (exempt, or held by an
    open pause) counts as the latest.

    Raises:
        AssertionError: the law does not hold.
    """
    _validate.instance("ticket", ticket, Ticket)
    policy = sla.ZOHO if policy is None else policy
    paused = _limits(sla.deadlines(ticket, policy=policy, zone=zone))
    plain = _limits(sla.deadlines(attrs.evolve(ticket, pauses=()), policy=policy, zone=zone))
    for (name, with_pauses), (_, without) in zip(paused, plain, strict=False):
        if without is not None and with_pauses is not None and _utc(with_pauses) < _utc(without):
            _fail(
                policy.rule_id,
                f"ticket {ticket.id}: its pauses move the {name} limit from "
                f"{without.isoformat()} to {with_pauses.isoformat()}",
            )


@_law
def check_deadline_monotonic(
    ticket: Ticket,
    delay: dt.timedelta,
    *,
    policy: SlaPolicy | None = None,
    zone: str | None = None,
) -> None:
    """Law of rule ``zoho.sla.matrix``: a later opening never gets an earlier first response due.

    The ticket opened *delay* (>= 0) later, without its pauses and responses,
    is due no earlier than the same ticket opened at its own instant, under
    *policy* (None: Zoho's, :data:`partnerrules.sla.ZOHO`).

    Raises:
        AssertionError: the law does not hold.
        InvalidValueError: *delay* is negative.
    """
    _validate.instance("ticket", ticket, Ticket)
    if _validate.instance("delay", delay, dt.timedelta) < _ZERO:
        raise InvalidValueError("delay", delay, "a duration >= 0")
    policy = sla.ZOHO if policy is None else policy
    early = attrs.evolve(ticket, pauses=(), responses=())
    late = attrs.evolve(early, opened_at=_later(ticket.opened_at, delay))
    first = sla.deadlines(early, policy=policy, zone=zone).acknowledgement
    second = sla.deadlines(late, policy=policy, zone=zone).acknowledgement
    if first is None or second is None or first.limit_at is None or second.limit_at is None:
        return
    if _utc(second.limit_at) < _utc(first.limit_at):
        _fail(
            policy.rule_id,
            f"ticket {ticket.id} opened {delay} later is due {second.limit_at.isoformat()}, "
            f"before {first.limit_at.isoformat()}",
        )


# -- deals ---------------------------------------------------------------------------------


@_law
def check_protection_monotonic(
    registration: DealRegistration,
    update: dt.datetime,
    at: dt.datetime,
    *,
    window_months: int = mcs.PROTECTION_WINDOW_MONTHS,
) -> None:
    """Law of rule ``mcs.deal.protection``: a later status update never shortens protection.

    With one more status update at *update* (at or after the registration),
    the protection at *at* (at or after the registration) lasts at least as
    long, and a deal protected without the update is protected with it. The
    protection runs through its last instant inclusive: protected there,
    lapsable one microsecond later when nothing happened in between.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "mcs.deal.protection"
    _validate.instance("registration", registration, DealRegistration)
    newer = registration.with_status_update(update)
    before = _deals.protection_status(registration, at=at, window_months=window_months)
    after = _deals.protection_status(newer, at=at, window_months=window_months)
    if _utc(after.protected_until) < _utc(before.protected_until):
        _fail(
            rule,
            f"an update at {update.isoformat()} moved the protection of {registration.deal_id} "
            f"from {before.protected_until.isoformat()} to {after.protected_until.isoformat()}",
        )
    if before.is_protected and not after.is_protected:
        _fail(rule, f"an update at {update.isoformat()} ended the protection at {at.isoformat()}")
    until = before.protected_until
    edge = _deals.protection_status(registration, at=until, window_months=window_months)
    if _utc(edge.protected_until) == _utc(until) and not edge.is_protected:
        _fail(rule, f"{registration.deal_id} is not protected at its last instant {until}")
    later = _deals.protection_status(
        registration, at=_utc(until) + _TICK, window_months=window_months
    )
    if _utc(later.protected_until) == _utc(until) and later.is_protected:
        _fail(rule, f"{registration.deal_id} is still protected just after {until}")


@_law
def check_cnpj_check_digits(cnpj: Cnpj) -> None:
    """Law of rule ``aws.ace.readiness``: a CNPJ is read the same however it is written.

    The formatted and the bare number, in upper or lower case, build the same
    :class:`~partnerrules.identity.Cnpj`; changing either check digit makes it
    invalid.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "aws.ace.readiness"
    _validate.instance("cnpj", cnpj, Cnpj)
    for text in (cnpj.formatted, cnpj.number, cnpj.number.lower(), f" {cnpj.formatted} "):
        if Cnpj(text) != cnpj:
            _fail(rule, f"{text!r} does not read as {cnpj}")
    if not is_valid_cnpj(cnpj.formatted):
        _fail(rule, f"{cnpj} is not valid")
    for position in (12, 13):
        digit = int(cnpj.number[position])
        for other in range(10):
            if other != digit:
                changed = cnpj.number[:position] + str(other) + cnpj.number[position + 1 :]
                if is_valid_cnpj(changed):
                    _fail(rule, f"{changed} is valid, though a check digit of {cnpj} changed")


@_law
def check_customer_matching(first: Customer, second: Customer) -> None:
    """Law of rule ``mcs.deal.protection``: "same customer" is reflexive and symmetric.

    Each customer is the same as itself, and *first* is the same as *second*
    exactly when *second* is the same as *first*.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "mcs.deal.protection"
    _validate.instance("first", first, Customer)
    _validate.instance("second", second, Customer)
    for c in (first, second):
        if not c.same_as(c):
            _fail(rule, f"{c!r} is not the same customer as itself")
    if first.same_as(second) != second.same_as(first):
        _fail(rule, f"same_as is not symmetric for {first!r} and {second!r}")


@_law
def check_ace_readiness_reports_every_failure(
    opportunity: Opportunity,
    *,
    at: dt.datetime,
    min_description_length: int,
    existing: Sequence[Opportunity] = (),
) -> None:
    """Law of rule ``aws.ace.readiness``: the check reports every failed criterion.

    Each flag left False, a status that is not active, a missing or past
    target close date, a short description and a duplicate each fail their
    own criterion, all of them at once; ``ok`` is True exactly when none
    fails, and there is one reason per failed criterion.

    Raises:
        AssertionError: the law does not hold.
    """
    rule = "aws.ace.readiness"
    result = _deals.check_ace_readiness(
        opportunity, at=at, min_description_length=min_description_length, existing=existing
    )
    o = opportunity
    expected = {
        AceCriterion.CUSTOMER_CONSENT: not o.customer_consent,
        AceCriterion.PARTNER_ORIGINATED: not o.partner_originated,
        AceCriterion.PARTNER_LED: not o.partner_led,
        AceCriterion.ACTIVE_STATUS: o.status is not _deals.OpportunityStatus.ACTIVE,
        AceCriterion.TARGET_CLOSE_DATE: o.target_close is None or o.target_close < at.date(),
        AceCriterion.NEW_BUSINESS: not o.new_business,
        AceCriterion.PROJECT_DESCRIPTION: len(" ".join(o.description.split()))
        < min_description_length,
        AceCriterion.NOT_LAUNCHED_OR_CLOSED: not o.status.is_open,
        AceCriterion.NOT_DUPLICATE: bool(result.duplicates),
    }
    wanted = tuple(c for c in AceCriterion if expected[c])
    if result.failed != wanted:
        _fail(rule, f"{o.opportunity_id} failed {result.failed}, expected {wanted}")
    if result.ok != (not wanted):
        _fail(rule, f"{o.opportunity_id}: ok is {result.ok} with failures {wanted}")
    if wanted and len(result.reasons) != len(wanted):
        _fail(rule, f"{len(result.reasons)} reasons for {len(wanted)} failed criteria")
