"""Payouts on collection: payments, releases and the commission they release.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._commission.common import (
    _AWARE,
    _BY_INSTANT_AND_ID,
    _COLLECTION,
    _EPOCH,
    _MONEY,
    _TEXT,
    _TEXTS,
    _count,
    _from_units,
    _optional_date,
    _share,
)
from partnerrules._commission.model import (
    _brl,
    _items,
    _units,
)
from partnerrules._commission.sales import SaleCommission
from partnerrules._public import home
from partnerrules.contracts import ACTUAL_ACTUAL, Proration
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.money import Money

# -- payouts on collection ------------------------------------------------------


@attrs.frozen
class Payment:
    """A customer's payment of (part of) an invoice (rule ``omid.commission.paid_on_collection``).

    Attributes:
        id: the payment id; a payment id pays once.
        invoice_id: the invoice paid, ``"<contract id>/<number>"``
            (:attr:`partnerrules.contracts.Invoice.id`).
        amount: the amount paid, in BRL, > 0.
        paid_at: when it was paid, an aware datetime.

    Raises:
        InvalidTypeError: a float or another wrong type.
        InvalidValueError: an amount <= 0.
        CurrencyMismatchError: an amount not in BRL.
        NaiveDatetimeError: *paid_at* has no time zone.
    """

    id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    invoice_id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    amount: Money = attrs.field(validator=_validate.attrs_validator(_brl))
    paid_at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware))

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_positive():
            raise InvalidValueError("amount", self.amount, "an amount > 0")


@attrs.frozen
class Release:
    """Commission released by one payment (rule ``omid.commission.paid_on_collection``).

    Attributes:
        payment_id: the payment.
        invoice_id: the invoice it paid.
        paid_at: when it was paid.
        paid: the amount the customer paid.
        amount: the commission it releases.
    """

    payment_id: str = attrs.field(validator=_TEXT)
    invoice_id: str = attrs.field(validator=_TEXT)
    paid_at: dt.datetime = attrs.field(validator=_AWARE)
    paid: Money = attrs.field(validator=_MONEY)
    amount: Money = attrs.field(validator=_MONEY)

    @property
    def reason(self) -> Reason:
        """Why this payment releases this amount (built when asked)."""
        return Reason.of(
            _COLLECTION,
            "payment {payment} of {paid} on invoice {invoice} releases {amount}",
            payment=self.payment_id,
            paid=self.paid,
            invoice=self.invoice_id,
            amount=self.amount,
            paid_at=self.paid_at,
        )


@attrs.frozen
class Payout:
    """What a sale's commission has released so far (rule ``omid.commission.paid_on_collection``).

    Attributes:
        contract_id: the contract.
        commission: the sale's commission.
        releases: one per payment counted, in payment order.
        collected: what the customer has paid.
        released: the commission released, the sum of ``releases``.
        pending: commission still to be released as owed invoices are paid.
        forfeited: commission that will never be released (the invoices of
            a cancelled contract that fell away); zero unless cancelled.
        replayed: ids of payments given again with the same content, ignored.
        cancelled_on: the day the contract was cancelled, or None.
        void_invoices: how many invoices fell away with the cancellation
            (at most ``MAX_TERM_MONTHS + 1``, the most invoices a contract has).
    """

    contract_id: str = attrs.field(validator=_TEXT)
    commission: Money = attrs.field(validator=_MONEY)
    releases: tuple[Release, ...] = attrs.field(
        validator=_validate.tuple_of(Release, "a tuple of Release")
    )
    collected: Money = attrs.field(validator=_MONEY)
    released: Money = attrs.field(validator=_MONEY)
    pending: Money = attrs.field(validator=_MONEY)
    forfeited: Money = attrs.field(validator=_MONEY)
    replayed: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    cancelled_on: dt.date | None = attrs.field(default=None, validator=_optional_date)
    void_invoices: int = attrs.field(default=0, validator=_count)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why (rule ``omid.commission.paid_on_collection``); built when asked."""
        facts: dict[str, Any] = {
            "contract": self.contract_id,
            "commission": self.commission,
            "collected": self.collected,
            "released": self.released,
            "pending": self.pending,
            "forfeited": self.forfeited,
            "count": len(self.releases),
        }
        reasons = [
            Reason.of(
                _COLLECTION,
                "released {released} of the {commission} commission on contract {contract}: "
                "its share of the {collected} the customer has paid",
                **facts,
            ),
            Reason.of(
                _COLLECTION,
                "{pending} is still pending, released as the customer pays the invoices it owes",
                **facts,
            ),
        ]
        if self.cancelled_on is not None:
            reasons.append(
                Reason.of(
                    _COLLECTION,
                    "contract {contract} was cancelled on {cancelled_on}: its {void} invoices "
                    "from then on release nothing ({forfeited} of commission)",
                    cancelled_on=self.cancelled_on,
                    void=self.void_invoices,
                    **facts,
                )
            )
        if self.replayed:
            reasons.append(
                Reason.of(
                    _COLLECTION,
                    "replayed payment ids {replayed} were counted once, not twice",
                    replayed=", ".join(self.replayed),
                )
            )
        return tuple(reasons)


def _unique_payments(payments: object) -> tuple[list[Payment], list[str]]:
    """Drop exact replays of a payment id; refuse an id reused for another payment."""
    items = _items("payments", payments, Payment, "a Payment")
    by_id: dict[str, Payment] = {}
    replayed = []
    for item in items:
        known = by_id.get(item.id)
        if known is None:
            by_id[item.id] = item
        elif known == item:
            replayed.append(item.id)
        else:
            raise InvalidValueError(
                "payments",
                item,
                f"a new id: payment id {item.id!r} was already used for {known!r}",
                hint="a payment id pays once; replaying the same payment is ignored",
            )
    return list(by_id.values()), replayed


def _payout(
    commission: SaleCommission,
    payments: list[Payment],
    replayed: list[str],
    *,
    cancelled_on: dt.date | None,
    as_of: dt.datetime | None,
    convention: Proration,
) -> Payout:
    contract = commission.sale.contract
    owed: dict[str, int] = {}
    void: set[str] = set()
    whole = 0
    for invoice in contract.invoices(convention=convention):
        units = _units(invoice.amount)
        whole += units
        key = f"{contract.id}/{invoice.number}"
        if cancelled_on is None or invoice.period_start < cancelled_on:
            owed[key] = units
        else:
            void.add(key)
    total = _units(commission.commission)
    # Order by instant, then id. Subtracting a fixed aware epoch once per payment
    # gives exact, cheaply comparable keys (comparing aware datetimes directly
    # asks the zone for its offset at every comparison).
    keyed = [(p.paid_at - _EPOCH, p.id, p) for p in payments]
    if as_of is not None:
        limit_key = as_of - _EPOCH
        keyed = [k for k in keyed if k[0] < limit_key]
    keyed.sort(key=_BY_INSTANT_AND_ID)
    payments = [k[2] for k in keyed]
    paid: dict[str, int] = {}
    collected = released = 0
    releases = []
    for payment in payments:
        key = payment.invoice_id
        limit = owed.get(key)
        if limit is None:
            if key in void:
                raise InvalidValueError(
                    "invoice_id",
                    key,
                    f"an invoice still owed: contract {contract.id!r} was cancelled on "
                    f"{cancelled_on} and this invoice fell away",
                    hint=f"payment {payment.id!r} pays nothing owed",
                )
            raise UnknownKeyError(
                "invoice",
                key,
                owed,
                hint=f"payment {payment.id!r} pays an invoice contract {contract.id!r} lacks",
            )
        units = _units(payment.amount)
        so_far = paid.get(key, 0) + units
        if so_far > limit:
            raise InvalidValueError(
                "amount",
                payment.amount,
                f"at most the {_from_units(limit - so_far + units).amount} BRL still owed "
                f"on invoice {key!r} (of {_from_units(limit).amount} BRL)",
                hint=f"payment {payment.id!r} pays more than is owed",
            )
        paid[key] = so_far
        collected += units
        cumulative = _share(total, collected, whole)
        releases.append(
            Release(
                payment.id,
                key,
                payment.paid_at,
                payment.amount,
                _from_units(cumulative - released),
            )
        )
        released = cumulative
    reachable = _share(total, sum(owed.values()), whole)
    return Payout(
        contract.id,
        commission.commission,
        tuple(releases),
        _from_units(collected),
        _from_units(released),
        _from_units(reachable - released),
        _from_units(total - reachable),
        tuple(replayed),
        cancelled_on,
        len(void),
    )


def release_commission(
    commission: SaleCommission,
    payments: Iterable[Payment],
    *,
    cancelled_on: dt.date | None = None,
    as_of: dt.datetime | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> Payout:
    """Release a sale's commission as the customer pays its invoices.

    Rule ``omid.commission.paid_on_collection`` (§2.2: the commission is paid
    as the customer settles the invoices). Payments count in the order they
    were paid (ties by payment id). After each payment the total released is
    ``commission x collected / TCV`` rounded once, half-even, to the
    centavo; the payment releases the increase. So each payment releases its
    rate share within a centavo, the total never exceeds the commission,
    depends only on what was collected (not on the order), and equals the
    commission exactly once every invoice is paid.

    A payment id pays once: the same payment given again is ignored (and
    named in the reasons); the same id with other content is an error.

    Args:
        commission: the sale's commission (from :func:`sale_commissions`).
        payments: the payments of this contract's invoices.
        cancelled_on: the day the contract was cancelled, if it was: the
            invoices of periods starting on or after it fell away and release
            nothing (their commission is *forfeited*); earlier invoices are
            still owed and release when paid.
        as_of: count only payments made before this aware instant.
        convention: the proration of the invoice schedule, as billed.

    Raises:
        InvalidTypeError: a wrong type.
        UnknownKeyError: a payment of an invoice the contract does not have.
        InvalidValueError: a payment beyond what is owed on its invoice, of
            an invoice that fell away with a cancellation, or a payment id
            reused for another payment.
    """
    commission = _validate.instance("commission", commission, SaleCommission)
    unique, replayed = _unique_payments(payments)
    if cancelled_on is not None:
        cancelled_on = _validate.date("cancelled_on", cancelled_on)
    if as_of is not None:
        as_of = _validate.aware("as_of", as_of)
    return _payout(
        commission,
        unique,
        replayed,
        cancelled_on=cancelled_on,
        as_of=as_of,
        convention=Proration.parse(convention),
    )


home("partnerrules.commission", globals())
