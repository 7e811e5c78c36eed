"""Contracts, their invoices and addenda, and their terms.

Private: import these names from :mod:`partnerrules.contracts`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._contracts.common import (
    _CTX,
    _DATE,
    _MONEY,
    _REASONS,
    MAX_TERM_MONTHS,
    _discount,
    _end_of_term,
    _is_full_month,
    _month_index,
    _months,
    _non_negative,
    _number,
    _pieces,
    _prorate,
    _total,
)
from partnerrules._contracts.proration import ACTUAL_ACTUAL, Proration, _convention
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import InvalidValueError
from partnerrules.money import BRL, Money


def _addenda(value: object) -> tuple[Addendum, ...]:
    items = _validate.bounded_items("addenda", value, "a tuple of Addendum")
    for i, item in enumerate(items):
        _validate.instance(f"addenda[{i}]", item, Addendum)
    return items


# -- value objects ------------------------------------------------------------


@attrs.frozen
class Invoice:
    """One invoice of a contract's schedule (rule ``omid.contract.terms``).

    Attributes:
        contract_id: the contract it bills.
        number: its 1-based position in the schedule, at most
            ``MAX_TERM_MONTHS + 1`` (a partial first month adds one invoice).
        period_start: first day billed (inclusive).
        period_end: end of the period (exclusive); after ``period_start``.
        amount: the amount billed, in BRL, >= 0.

    Raises:
        InvalidValueError: ``period_end`` is not after ``period_start``, or a
            negative amount.
    """

    contract_id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    number: int = attrs.field(validator=_validate.attrs_validator(_number))
    period_start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    period_end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    amount: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))

    def __attrs_post_init__(self) -> None:
        if self.period_end <= self.period_start:
            raise InvalidValueError(
                "period_end",
                self.period_end,
                f"after period_start {self.period_start.isoformat()}",
            )

    @property
    def id(self) -> str:
        """The invoice id, ``"<contract_id>/<number>"``."""
        return f"{self.contract_id}/{self.number}"


def _charges(
    start: dt.date, end: dt.date, monthly: Money, convention: Proration
) -> list[tuple[dt.date, dt.date, Money]]:
    """Each calendar piece of ``[start, end)`` with its amount (partial ones prorated)."""
    return [
        (a, b, monthly if _is_full_month(a, b) else _prorate(monthly, convention.fraction(a, b)))
        for a, b in _pieces(start, end)
    ]


@attrs.frozen
class Addendum:
    """A service added during a contract (rule ``omid.contract.addendum_coterm``, §4.3).

    Its monthly value is the list price less the contract's loyalty discount;
    it runs from ``start`` to the contract's end. Build it with
    :func:`add_addendum`, which checks the dates against the contract.

    Attributes:
        service: what was added.
        start: first day of service (inclusive).
        end: the contract's end (exclusive); after ``start`` and at most
            :data:`MAX_TERM_MONTHS` calendar months later.
        list_price: the monthly list price, in BRL, >= 0.
        discount: the original contract's loyalty discount, in [0, 1).
        convention: how its partial first (and last) month is measured.

    Raises:
        InvalidValueError: ``end`` not after ``start`` or too far after it, a
            negative list price, or a value over the term too large for
            :class:`~partnerrules.money.Money`.
    """

    service: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    list_price: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))
    discount: Decimal = attrs.field(default=Decimal(0), converter=_discount)
    convention: Proration = attrs.field(default=ACTUAL_ACTUAL, converter=_convention)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError("end", self.end, f"after start {self.start.isoformat()}")
        if _month_index(self.end) - _month_index(self.start) > MAX_TERM_MONTHS:
            raise InvalidValueError(
                "end",
                self.end,
                f"at most {MAX_TERM_MONTHS} months after start {self.start.isoformat()}",
                hint="an addendum runs inside a contract, whose term is at most that long",
            )
        _total(
            "list_price",
            self.list_price,
            (m.amount for _, _, m in self.charges()),
            f"an amount whose total from {self.start.isoformat()} to {self.end.isoformat()} is",
        )

    @property
    def monthly(self) -> Money:
        """List price x (1 - discount), rounded once half-even.

        ``1 - discount`` is computed in a private decimal context, so the
        caller's decimal context never changes it.
        """
        return self.list_price.multiply(_CTX.subtract(1, self.discount))

    def charges(self) -> tuple[tuple[dt.date, dt.date, Money], ...]:
        """Each calendar-month piece of its term with its amount (partial months prorated)."""
        return tuple(_charges(self.start, self.end, self.monthly, self.convention))

    @property
    def value(self) -> Money:
        """The sum of its charges over its (shorter) term, exact by construction."""
        return Money.total((m for _, _, m in self.charges()), BRL)


@attrs.frozen
class Contract:
    """An Omid contract in reais (rule ``omid.contract.terms``, §4 and §7).

    Attributes:
        id: the contract id.
        customer: who signed it.
        start: first day of service.
        months: term in calendar months, from 1 to :data:`MAX_TERM_MONTHS`
            (1200, a limit of the library: the programme sets none).
        monthly: the net monthly value billed (MRR), in BRL, >= 0.
        discount: the loyalty discount, a fraction in [0, 1); it prices addenda.
        addenda: services added during the term (see :func:`add_addendum`).

    Raises:
        InvalidTypeError: a float or another wrong type.
        InvalidValueError: months outside 1..1200, discount outside [0, 1), a
            negative monthly value, an addendum outside the term, or a
            contract value (TCV) too large for :class:`~partnerrules.money.Money`.
        HorizonError: the end (start + months) would fall after
            ``9999-12-31``, the last date Python holds; names ``start``.
        CurrencyMismatchError: an amount not in BRL.

    >>> Contract("C-2", "ACME", dt.date(2026, 1, 31), 1, Money("3100", "BRL")).end
    datetime.date(2026, 2, 28)
    >>> c = Contract("C-3", "ACME", dt.date(2026, 1, 15), 12, Money("3100", "BRL"))
    >>> bills = c.invoices()
    >>> len(bills), bills[0].period_end, bills[0].amount, bills[-1].amount
    (13, datetime.date(2026, 2, 1), Money('1700.00', 'BRL'), Money('1400.00', 'BRL'))
    """

    id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    customer: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    months: int = attrs.field(validator=_validate.attrs_validator(_months))
    monthly: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))
    discount: Decimal = attrs.field(default=Decimal(0), converter=_discount)
    addenda: tuple[Addendum, ...] = attrs.field(default=(), converter=_addenda)
    # The exclusive end, computed once when the contract is checked (a cache).
    _end: dt.date = attrs.field(init=False, repr=False, eq=False, default=dt.date.min)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_end", _end_of_term(self.start, self.months))
        base = _CTX.multiply(self.monthly.amount, self.months)
        _total(
            "monthly", self.monthly, [base], f"an amount whose total over {self.months} months is"
        )
        for i, addendum in enumerate(self.addenda):
            field = f"addenda[{i}]"
            _validate.instance(field, addendum, Addendum)
            if addendum.end != self.end:
                raise InvalidValueError(
                    f"{field}.end", addendum.end, f"the contract's end {self.end.isoformat()}"
                )
            if addendum.start < self.start:
                raise InvalidValueError(
                    f"{field}.start", addendum.start, f"on or after {self.start.isoformat()}"
                )
        if self.addenda:
            values = [base, *(a.value.amount for a in self.addenda)]
            _total("addenda", self.addenda, values, "addenda that keep the TCV")

    @property
    def end(self) -> dt.date:
        """The exclusive end, start + months calendar months, clamped at month end."""
        return self._end

    @property
    def mrr(self) -> Money:
        """The monthly recurring revenue, which is the monthly value."""
        return self.monthly

    @property
    def tcv(self) -> Money:
        """The total contract value, monthly x months plus the addenda's values."""
        return self.monthly * self.months + Money.total((a.value for a in self.addenda), BRL)

    @property
    def acv(self) -> Money:
        """The annual contract value, the TCV per 12 months of term.

        ``TCV x 12 / months`` for a term of a year or more (rounded once,
        half-even); a shorter contract's ACV is its TCV.
        """
        if self.months <= 12:
            return self.tcv
        return _prorate(self.tcv, Fraction(12, self.months))

    def _base_charges(self, convention: Proration) -> list[tuple[dt.date, dt.date, Money]]:
        pieces = _pieces(self.start, self.end)
        if self.start.day == 1:
            return [(a, b, self.monthly) for a, b in pieces]
        (a0, b0), (an, bn) = pieces[0], pieces[-1]
        w0, wn = convention.fraction(a0, b0), convention.fraction(an, bn)
        first = _prorate(self.monthly, w0 / (w0 + wn))
        last = self.monthly - first
        middle = [(a, b, self.monthly) for a, b in pieces[1:-1]]
        return [(a0, b0, first), *middle, (an, bn, last)]

    def charges(
        self, *, convention: Proration | str = ACTUAL_ACTUAL
    ) -> tuple[tuple[dt.date, dt.date, Money], ...]:
        """Every charge line (the base's, then each addendum's) as (start, end, amount)."""
        conv = Proration.parse(convention)
        lines = self._base_charges(conv)
        for addendum in self.addenda:
            lines.extend(addendum.charges())
        return tuple(lines)

    def invoices(self, *, convention: Proration | str = ACTUAL_ACTUAL) -> tuple[Invoice, ...]:
        """The invoice schedule: one invoice per calendar-month period.

        Rule ``omid.contract.terms``. Addenda are billed on the invoice of the
        period they fall in. The invoices sum exactly to :attr:`tcv`.

        Raises:
            UnknownKeyError: an unknown proration convention.
        """
        conv = Proration.parse(convention)
        base = self._base_charges(conv)
        totals = [m for _, _, m in base]
        starts = [a for a, _, _ in base]
        for addendum in self.addenda:
            for a, _, amount in addendum.charges():
                index = max(i for i, s in enumerate(starts) if s <= a)
                totals[index] = totals[index] + amount
        return tuple(
            Invoice(self.id, n, a, b, total)
            for n, ((a, b, _), total) in enumerate(zip(base, totals, strict=True), start=1)
        )

    def remaining_value(
        self, effective: dt.date, *, convention: Proration | str = ACTUAL_ACTUAL
    ) -> Money:
        """The value not yet served on *effective* (rule ``omid.contract.cancellation_fee``).

        Every charge line after *effective* counts in full; the line running on
        *effective* (the current month) counts by its actual days left over its
        actual days, and that prorated amount is rounded to the centavo on its
        own, half-even (a billed amount is whole centavos), before it is added. A
        contract starting on the 1st has whole calendar months as lines; a
        partial first or last month, and each addendum, is a line of its own.
        """
        effective = _validate.date("effective", effective)
        total = Money.zero(BRL)
        for a, b, amount in self.charges(convention=convention):
            if effective <= a:
                total += amount
            elif effective < b:
                total += _prorate(amount, Fraction((b - effective).days, (b - a).days))
        return total


@attrs.frozen
class ContractTerms:
    """The derived terms of a contract, explained (rule ``omid.contract.terms``).

    Attributes:
        contract: the contract.
        end: its exclusive end date.
        tcv: total contract value.
        acv: annual contract value.
        mrr: monthly recurring revenue.
        invoices: the invoice schedule under the chosen convention.
        reasons: why.
    """

    contract: Contract = attrs.field(validator=_validate.instance_of(Contract))
    end: dt.date = attrs.field(validator=_DATE)
    tcv: Money = attrs.field(validator=_MONEY)
    acv: Money = attrs.field(validator=_MONEY)
    mrr: Money = attrs.field(validator=_MONEY)
    invoices: tuple[Invoice, ...] = attrs.field(
        validator=_validate.tuple_of(Invoice, "a tuple of Invoice")
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def contract_terms(
    contract: Contract, *, convention: Proration | str = ACTUAL_ACTUAL
) -> ContractTerms:
    """Derive and explain a contract's terms (rule ``omid.contract.terms``, §4, §7).

    >>> c = Contract("C-1", "ACME", dt.date(2026, 1, 15), 12, Money("3100", "BRL"))
    >>> for reason in contract_terms(c).reasons:
    ...     print(reason)
    contract C-1 runs 12 months from Jan 15, 2026 to Jan 15, 2027 at R$3,100.00 a month:
    worth R$37,200.00 in total, R$37,200.00 a year
    it is billed in 13 invoices by calendar month; the first and last months are partial
    and share one monthly value by actual/actual
    """
    contract = _validate.instance("contract", contract, Contract)
    conv = Proration.parse(convention)
    invoices = contract.invoices(convention=conv)
    rid = "omid.contract.terms"
    facts: dict[str, Any] = {
        "contract": contract.id,
        "months": contract.months,
        "start": contract.start,
        "end": contract.end,
        "mrr": contract.mrr,
        "tcv": contract.tcv,
        "acv": contract.acv,
        "count": len(invoices),
        "convention": conv.value,
    }
    reasons = [
        Reason.of(
            rid,
            "contract {contract} runs {months} months from {start} to {end} at {mrr} a month: "
            "worth {tcv} in total, {acv} a year",
            **facts,
        )
    ]
    if contract.start.day == 1:
        reasons.append(
            Reason.of(rid, "it is billed in {count} invoices, one per calendar month", **facts)
        )
    else:
        reasons.append(
            Reason.of(
                rid,
                "it is billed in {count} invoices by calendar month; the first and last "
                "months are partial and share one monthly value by {convention}",
                **facts,
            )
        )
    return ContractTerms(
        contract,
        contract.end,
        contract.tcv,
        contract.acv,
        contract.mrr,
        invoices,
        tuple(reasons),
    )


home("partnerrules.contracts", globals())
