"""Income schemes of the MCS guide: resale margin and agency fee.

Private: import these names from :mod:`partnerrules.commission`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from partnerrules import _validate
from partnerrules._commission.common import (
    _AGENCY,
    _FLAG,
    _MONEY,
    _REASONS,
    _RESALE,
    _money,
    _rate_field,
)
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import (
    CurrencyMismatchError,
    InvalidValueError,
)
from partnerrules.money import Money

# -- income schemes (MCS) -----------------------------------------------------------


@attrs.frozen
class ResaleIncome:
    """A reseller's margin on a licence resale (rule ``mcs.income.resale_margin``).

    Attributes:
        resale_price: what the customer pays the partner.
        purchase_price: what the partner pays for the licences.
        margin: resale price - purchase price; negative when sold at a loss.
        is_loss: whether the margin is negative.
        reasons: why (a loss is flagged).
    """

    resale_price: Money = attrs.field(validator=_MONEY)
    purchase_price: Money = attrs.field(validator=_MONEY)
    margin: Money = attrs.field(validator=_MONEY)
    is_loss: bool = attrs.field(validator=_FLAG)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def resale_margin(resale_price: Money, *, purchase_price: Money) -> ResaleIncome:
    """The partner's income under the resale scheme: its margin.

    Rule ``mcs.income.resale_margin`` (seed 002, the distributor and reseller
    scheme: the partner buys and resells licences and the customer's money
    flows through it). Income is resale price minus purchase price, in the
    same currency. A negative margin (a sale at a loss) is allowed, not
    refused: it is flagged by ``is_loss`` and in the reasons.

    Raises:
        InvalidTypeError: a price that is not Money.
        InvalidValueError: a negative price.
        CurrencyMismatchError: prices in different currencies.

    >>> from partnerrules.money import Money
    >>> income = resale_margin(Money("1200", "RUB"), purchase_price=Money("1000", "RUB"))
    >>> income.margin, income.is_loss
    (Money('200.00', 'RUB'), False)
    """
    resale_price = _money("resale_price", resale_price)
    purchase_price = _money("purchase_price", purchase_price)
    for field, price in (("resale_price", resale_price), ("purchase_price", purchase_price)):
        if price.is_negative():
            raise InvalidValueError(field, price, "an amount >= 0")
    if purchase_price.currency != resale_price.currency:
        raise CurrencyMismatchError(
            "purchase_price", resale_price.currency, purchase_price.currency
        )
    margin = resale_price - purchase_price
    facts = {"margin": margin, "resale": resale_price, "purchase": purchase_price}
    reasons = [
        Reason.of(
            _RESALE,
            "margin {margin} = resale price {resale} - purchase price {purchase}; "
            "the customer's money flows through the partner",
            **facts,
        )
    ]
    if margin.is_negative():
        reasons.append(
            Reason.of(_RESALE, "sold at a loss: the margin {margin} is negative", **facts)
        )
    return ResaleIncome(resale_price, purchase_price, margin, margin.is_negative(), tuple(reasons))


@attrs.frozen
class AgencyIncome:
    """An agent's fee on a deal the vendor signs (rule ``mcs.income.agency_fee``).

    Attributes:
        deal_value: the value of the deal the vendor signed.
        rate: the agency fee rate, given by the caller.
        fee: deal value x rate, rounded once half-even to the minor unit.
        reasons: why.
    """

    deal_value: Money = attrs.field(validator=_MONEY)
    rate: Decimal = attrs.field(validator=_rate_field)
    fee: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def agency_fee(deal_value: Money, *, rate: Decimal | str) -> AgencyIncome:
    """The partner's income under the agency scheme: a fee on the deal.

    Rule ``mcs.income.agency_fee`` (seed 002, the distributor and reseller
    scheme: the partner finds the customer and hands it to the vendor, which
    signs the deal). The source gives no rate, so *rate* is required.

    Raises:
        InvalidTypeError: a float rate or a value that is not Money.
        InvalidValueError: a rate outside [0, 1] or a negative deal value.

    >>> from partnerrules.money import Money
    >>> income = agency_fee(Money("250000", "RUB"), rate=Decimal("0.07"))
    >>> income.fee
    Money('17500.00', 'RUB')
    >>> print(income.reasons[0])
    agency fee RUB17,500.00 is 7% of the RUB250,000.00 deal the vendor signed
    """
    deal_value = _money("deal_value", deal_value)
    if deal_value.is_negative():
        raise InvalidValueError("deal_value", deal_value, "an amount >= 0")
    fraction = _validate.fraction("rate", rate)
    fee = deal_value.multiply(fraction)
    reason = Reason.of(
        _AGENCY,
        "agency fee {fee} is {rate:%} of the {deal} deal the vendor signed",
        fee=fee,
        rate=fraction,
        deal=deal_value,
    )
    return AgencyIncome(deal_value, fraction, fee, (reason,))


home("partnerrules.commission", globals())
