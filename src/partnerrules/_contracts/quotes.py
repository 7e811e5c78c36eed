"""Quotes: cancellation (§4.1) and addenda (§4.3).

Private: import these names from :mod:`partnerrules.contracts`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._contracts.common import _DATE, _MONEY, _REASONS, _TEXT, _rate, _rate_field
from partnerrules._contracts.proration import ACTUAL_ACTUAL, Proration
from partnerrules._contracts.values import Addendum, Contract
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import InvalidValueError
from partnerrules.money import Money
from partnerrules.policies import omid

# -- cancellation (§4.1) ------------------------------------------------------


@attrs.frozen
class CancellationQuote:
    """What cancelling a contract early costs (rule ``omid.contract.cancellation_fee``).

    Attributes:
        contract_id: the contract.
        effective: the date the cancellation takes effect.
        remaining: the contract value not yet served on that date.
        fee_rate: the Omid fee rate (50% in the Omid pack).
        fee: ``remaining x fee_rate``, to the centavo.
        baseline_rate: what "other clouds" charge (100% in the Omid pack).
        baseline: ``remaining x baseline_rate``.
        saving: ``baseline - fee``.
        reasons: why.
    """

    contract_id: str = attrs.field(validator=_TEXT)
    effective: dt.date = attrs.field(validator=_DATE)
    remaining: Money = attrs.field(validator=_MONEY)
    fee_rate: Decimal = attrs.field(validator=_rate_field)
    fee: Money = attrs.field(validator=_MONEY)
    baseline_rate: Decimal = attrs.field(validator=_rate_field)
    baseline: Money = attrs.field(validator=_MONEY)
    saving: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def cancellation_quote(
    contract: Contract,
    effective: dt.date,
    *,
    fee_rate: Decimal | str = omid.CANCELLATION_FEE_RATE,
    baseline_rate: Decimal | str = omid.OTHER_CLOUDS_CANCELLATION_RATE,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> CancellationQuote:
    """Quote an early cancellation (rule ``omid.contract.cancellation_fee``, §4.1).

    Remaining value: every monthly charge after *effective* in full, plus the
    one running on *effective* prorated by actual days and rounded to the
    centavo on its own (half-even), like any billed amount; before the
    start the whole TCV remains, on or after the end nothing does (see
    :meth:`Contract.remaining_value`). The fee is ``fee_rate`` of that rounded
    remaining value and the baseline ``baseline_rate`` of it, each rounded
    once, half-even, to the centavo: with the pack's 50%, exactly half of the
    remaining value, a half centavo going to the even centavo.

    Args:
        contract: the contract.
        effective: the date the cancellation takes effect.
        fee_rate: fraction charged by Omid (the pack's 0.5 by default).
        baseline_rate: fraction charged elsewhere (the pack's 1 by default).
        convention: proration convention of the invoice schedule.

    >>> c = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, Money("10000", "BRL"))
    >>> q = cancellation_quote(c, dt.date(2026, 7, 1))
    >>> print(q.remaining, q.fee, q.baseline, q.saving, sep=" | ")
    60000.00 BRL | 30000.00 BRL | 60000.00 BRL | 30000.00 BRL
    """
    contract = _validate.instance("contract", contract, Contract)
    effective = _validate.date("effective", effective)
    fee_r = _rate("fee_rate", fee_rate)
    base_r = _rate("baseline_rate", baseline_rate)
    remaining = contract.remaining_value(effective, convention=convention)
    fee = remaining.multiply(fee_r)
    baseline = remaining.multiply(base_r)
    rid = "omid.contract.cancellation_fee"
    facts: dict[str, Any] = {
        "contract": contract.id,
        "effective": effective,
        "remaining": remaining,
        "fee": fee,
        "fee_rate": fee_r,
        "baseline": baseline,
        "baseline_rate": base_r,
        "saving": baseline - fee,
        "start": contract.start,
        "end": contract.end,
    }
    if effective >= contract.end:
        lead = Reason.of(
            rid,
            "contract {contract} ends on {end}: cancelling with effect {effective} "
            "leaves {remaining} and costs {fee}",
            **facts,
        )
    elif effective <= contract.start:
        lead = Reason.of(
            rid,
            "contract {contract} has not started by {effective}: its whole value "
            "{remaining} remains",
            **facts,
        )
    else:
        lead = Reason.of(
            rid,
            "contract {contract} has {remaining} left to serve from {effective} to {end}",
            **facts,
        )
    fee_reason = Reason.of(
        rid,
        "the fee is {fee_rate:%} of the remaining value: {fee}, against {baseline} "
        "({baseline_rate:%}) at other clouds, a saving of {saving}",
        **facts,
    )
    return CancellationQuote(
        contract.id,
        effective,
        remaining,
        fee_r,
        fee,
        base_r,
        baseline,
        baseline - fee,
        (lead, fee_reason),
    )


# -- addenda (§4.3) -------------------------------------------------------------


@attrs.frozen
class AddendumQuote:
    """An addendum priced against its contract (rule ``omid.contract.addendum_coterm``).

    Attributes:
        addendum: the priced addendum.
        contract: a NEW contract that includes it (the original is unchanged).
        reasons: why.
    """

    addendum: Addendum = attrs.field(validator=_validate.instance_of(Addendum))
    contract: Contract = attrs.field(validator=_validate.instance_of(Contract))
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def add_addendum(
    contract: Contract,
    service: str,
    *,
    list_price: Money,
    start: dt.date,
    convention: Proration | str = ACTUAL_ACTUAL,
) -> AddendumQuote:
    """Price a service added mid-contract (rule ``omid.contract.addendum_coterm``, §4.3).

    The service gets the contract's loyalty discount and ends with the
    contract: it never extends the term. Its first month is prorated by the
    convention (actual days by default); its value is the sum over its term.

    Raises:
        InvalidValueError: *start* is before the contract's start, or on or
            after its end.
        CurrencyMismatchError: *list_price* is not in BRL.

    >>> c = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, Money("10000", "BRL"), "0.1")
    >>> q = add_addendum(c, "backup", list_price=Money("1000", "BRL"), start=dt.date(2026, 3, 10))
    >>> q.addendum.monthly, q.addendum.value, q.contract.tcv
    (Money('900.00', 'BRL'), Money('8738.71', 'BRL'), Money('128738.71', 'BRL'))
    """
    contract = _validate.instance("contract", contract, Contract)
    start = _validate.date("start", start)
    if not contract.start <= start < contract.end:
        raise InvalidValueError(
            "start",
            start,
            f"on or after the contract's start {contract.start.isoformat()} and before "
            f"its end {contract.end.isoformat()}",
            hint="an addendum cannot extend the contract",
        )
    addendum = Addendum(service, start, contract.end, list_price, contract.discount, convention)
    new = attrs.evolve(contract, addenda=(*contract.addenda, addendum))
    rid = "omid.contract.addendum_coterm"
    facts: dict[str, Any] = {
        "service": addendum.service,
        "contract": contract.id,
        "list_price": addendum.list_price,
        "discount": addendum.discount,
        "monthly": addendum.monthly,
        "start": addendum.start,
        "end": addendum.end,
        "value": addendum.value,
        "tcv": new.tcv,
    }
    reasons = (
        Reason.of(
            rid,
            "{service} keeps the contract's {discount:%} loyalty discount: {list_price} "
            "becomes {monthly} a month",
            **facts,
        ),
        Reason.of(
            rid,
            "{service} runs from {start} until the contract ends on {end}, worth {value}; "
            "contract {contract} is now worth {tcv}",
            **facts,
        ),
    )
    return AddendumQuote(addendum, new, reasons)


home("partnerrules.contracts", globals())
