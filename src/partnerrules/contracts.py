"""Contracts in reais: terms, invoice schedule, cancellation, addenda, pool, traffic, residency.

Rules ``omid.contract.terms``, ``omid.contract.cancellation_fee``,
``omid.contract.resource_pool``, ``omid.contract.addendum_coterm``,
``omid.contract.fixed_link_traffic``, ``omid.residency.brazil_only`` and
``omid.responsibility.matrix`` (Omid Cloud partner programme, module 007,
§3.4, §3.6, §3.7, §4, §5 and §7). The published numbers live in
``partnerrules.policies.omid`` and are passed in as defaults.

Conventions:

* Every amount is :class:`~partnerrules.money.Money` in BRL; another currency
  is refused, naming the field.
* A contract runs from ``start`` (inclusive) to ``end`` (exclusive), where
  ``end = start + months`` calendar months, clamped at month end by
  :mod:`dateutil` (``2026-01-31`` plus one month is ``2026-02-28``).
* Invoices follow calendar months. A contract starting on the 1st has one
  invoice per month at the monthly value. A contract starting on any other
  day has one invoice more: a partial first month and a partial last month,
  which together make one month of service; that one monthly value is split
  between them in proportion to their lengths measured by the
  :class:`Proration` convention (rounded once, half-even; the last takes the
  balance). So the invoices always sum exactly to the contract value.
* Prorated amounts round once, half-even, to the centavo.
* A term runs from 1 to :data:`MAX_TERM_MONTHS` (1200) months, and its end
  must be a date Python can hold (at most ``9999-12-31``): a later end is a
  :class:`~partnerrules.errors.HorizonError` naming ``start``.
* Amounts that can only be zero or more (monthly values, list and item
  prices, link prices, invoice amounts, the committed value of a resource
  pool) refuse a negative amount with an
  :class:`~partnerrules.errors.InvalidValueError` naming the field.

>>> import datetime as dt
>>> from partnerrules.contracts import Contract
>>> from partnerrules.money import brl
>>> c = Contract("C-1", "ACME", dt.date(2026, 1, 1), 12, brl("10000"))
>>> c.end
datetime.date(2027, 1, 1)
>>> print(c.tcv, c.acv, c.mrr, sep=" | ")
120000.00 BRL | 120000.00 BRL | 10000.00 BRL
>>> len(c.invoices())
12
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from fractions import Fraction
from typing import Any, Final

import attrs
from dateutil.relativedelta import relativedelta

from partnerrules import _validate
from partnerrules.decisions import Reason
from partnerrules.errors import HorizonError, InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.money import BRL, Money
from partnerrules.policies import omid

__all__ = [
    "ACTUAL_360",
    "ACTUAL_ACTUAL",
    "MAX_TERM_MONTHS",
    "THIRTY_360",
    "Addendum",
    "AddendumQuote",
    "CancellationQuote",
    "Contract",
    "ContractTerms",
    "DataLink",
    "Invoice",
    "PlacementDecision",
    "PoolCheck",
    "PoolItem",
    "Proration",
    "Responsibility",
    "TrafficCharge",
    "add_addendum",
    "cancellation_quote",
    "check_placement",
    "check_resource_pool",
    "contract_terms",
    "responsible_party",
    "traffic_charge",
]


#: The longest term a :class:`Contract` accepts, in months (100 years). The
#: programme sets no maximum (module 007 §4 gives none); this bound is a
#: product decision of the library, far above any real contract, so that
#: every schedule, quote and end date stays cheap to compute and representable.
MAX_TERM_MONTHS: Final = 1200

# -- helpers ----------------------------------------------------------------

# A private context for the few decimal operations done here (not in Money),
# so a caller's decimal context (its precision, its traps) never changes a
# result or raises from inside the library.
_CTX: Final = Context(
    prec=100, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)


def _brl(field: str, value: object) -> Money:
    """Check *value* is a Money in BRL (rule ``money.brl.exact`` for Omid math)."""
    money = _validate.instance(field, value, Money, "a Money in BRL, e.g. brl('1234.56')")
    return money.require_currency(BRL, field)


def _non_negative(field: str, value: object) -> Money:
    """Check *value* is a Money in BRL and not negative (``money.brl.exact``)."""
    money = _brl(field, value)
    if money.is_negative():
        raise InvalidValueError(field, money, "an amount >= 0")
    return money


def _month_index(day: dt.date) -> int:
    """Months since year 0: consecutive calendar months have consecutive indexes."""
    return day.year * 12 + day.month - 1


#: The month index of ``9999-12``, the last month :class:`datetime.date` holds.
_LAST_MONTH: Final = _month_index(dt.date.max)


def _first_of_next_month(day: dt.date) -> dt.date:
    """The 1st of the month after *day*'s; never called in December 9999."""
    if day.month == 12:
        return dt.date(day.year + 1, 1, 1)
    return dt.date(day.year, day.month + 1, 1)


def _days_in_month(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _within_one_month(start: dt.date, end: dt.date) -> bool:
    """Whether ``[start, end)`` is non-empty and inside *start*'s calendar month."""
    if not start < end:
        return False
    step = _month_index(end) - _month_index(start)
    return step == 0 or (step == 1 and end.day == 1)


def _pieces(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Cut ``[start, end)`` at the first day of every calendar month.

    The 1st of the next month is only built when *end* lies in a later month,
    so it always exists, even for a span in December 9999.
    """
    out = []
    cursor = start
    while cursor < end:
        nxt = end if _month_index(cursor) == _month_index(end) else _first_of_next_month(cursor)
        out.append((cursor, nxt))
        cursor = nxt
    return out


def _is_full_month(a: dt.date, b: dt.date) -> bool:
    return a.day == 1 and b.day == 1 and _month_index(b) == _month_index(a) + 1


def _prorate(amount: Money, share: Fraction) -> Money:
    """``amount x share`` rounded once, half-even, to the centavo (exact integers)."""
    units = amount.minor_units * share.numerator
    quotient, rest = divmod(units, share.denominator)
    twice = 2 * rest
    if twice > share.denominator or (twice == share.denominator and quotient % 2):
        quotient += 1
    return Money.from_minor_units(quotient, amount.currency)


def _rate(field: str, value: object) -> Decimal:
    return _validate.fraction(field, value)


def _discount(value: object) -> Decimal:
    return _validate.fraction("discount", value, upper_inclusive=False)


def _number(field: str, value: object) -> int:
    # A schedule has at most MAX_TERM_MONTHS + 1 invoices (a partial first month).
    return _validate.integer_in(field, value, 1, MAX_TERM_MONTHS + 1)


def _months(field: str, value: object) -> int:
    """A term in months: an int from 1 to :data:`MAX_TERM_MONTHS`."""
    months = _validate.integer(field, value, minimum=1)
    if months > MAX_TERM_MONTHS:
        raise InvalidValueError(
            field,
            value,
            f"an integer <= {MAX_TERM_MONTHS}",
            hint=f"a term is at most {MAX_TERM_MONTHS} months ({MAX_TERM_MONTHS // 12} years)",
        )
    return months


def _end_of_term(start: dt.date, months: int) -> dt.date:
    """``start + months`` calendar months, or a HorizonError naming ``start``."""
    last = _LAST_MONTH - months
    if _month_index(start) > last:
        year, month = divmod(last, 12)
        latest = dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
        raise HorizonError(
            "start",
            start,
            f"a date whose {months}-month term ends by {dt.date.max.isoformat()}",
            hint=f"the latest start for a {months}-month term is {latest.isoformat()}",
        )
    return start + relativedelta(months=months)


def _total(field: str, value: object, amounts: Iterable[Decimal], allowed: str) -> Money:
    """Sum BRL amounts exactly; a sum Money cannot hold is blamed on the input *field*.

    *allowed* starts the message and Money's own range ends it, so the caller
    learns which of its inputs is too large, not that some ``'amount'`` is.
    """
    total = Decimal(0)
    for amount in amounts:
        total = _CTX.add(total, amount)
    try:
        return Money(total, BRL)
    except InvalidValueError as err:
        raise InvalidValueError(
            field, value, f"{allowed} {err.allowed}", hint=f"it would be {total} BRL"
        ) from None


def _table(field: str, value: object) -> Mapping[str, str]:
    """Check a lookup table is a mapping of str to str."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, "a mapping of str to str")
    for key, item in value.items():
        if not isinstance(key, str):
            raise InvalidTypeError(f"{field} key", key, "a str")
        if not isinstance(item, str):
            raise InvalidTypeError(f"{field}[{key!r}]", item, "a str")
    return value


def _addenda(value: object) -> tuple[Addendum, ...]:
    items = _validate.bounded_items("addenda", value, "a tuple of Addendum")
    for i, item in enumerate(items):
        _validate.instance(f"addenda[{i}]", item, Addendum)
    return items


# Validators of the fields of result values: a caller rebuilding one (from
# stored data, say) gets the typed error a function argument would give.
_TEXT: Final = _validate.attrs_validator(_validate.text)
_DATE: Final = _validate.attrs_validator(_validate.date)
_MONEY: Final = _validate.instance_of(Money, "a Money")
_REASONS: Final = _validate.tuple_of(Reason, "a tuple of Reason")


def _rate_field(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _validate.instance(attribute.name, value, Decimal, "a Decimal rate in [0, 1]")
    _rate(attribute.name, value)


def _optional_volume(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        volume = _validate.instance(attribute.name, value, Decimal, "a Decimal or None")
        if not volume.is_finite() or volume < 0:
            raise InvalidValueError(attribute.name, value, "a finite volume >= 0, or None")


# -- proration conventions ------------------------------------------------


class Proration(enum.Enum, metaclass=_validate.TypedEnumType):
    """How a part of a calendar month is measured, as a fraction of a month.

    Rule ``omid.contract.terms`` (module 007 §4): the convention is a
    parameter of every prorated amount; actual/actual is the default.

    * ``ACTUAL_ACTUAL`` (``"actual/actual"``): actual days over the actual
      days of that calendar month (10 days of a 31-day month are 10/31).
    * ``THIRTY_360`` (``"30/360"``): days counted as if every month had 30
      days (30/360 bond basis: a 31st counts as the 30th), over 30.
    * ``ACTUAL_360`` (``"actual/360"``): actual days over 30 (a 360-day year).

    A whole calendar month is always one month, whatever the convention.

    >>> Proration("30/360") is THIRTY_360
    True
    >>> ACTUAL_ACTUAL.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(10, 31)
    >>> THIRTY_360.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(3, 10)
    >>> ACTUAL_360.fraction(dt.date(2026, 1, 22), dt.date(2026, 2, 1))
    Fraction(1, 3)
    """

    ACTUAL_ACTUAL = "actual/actual"
    THIRTY_360 = "30/360"
    ACTUAL_360 = "actual/360"

    @classmethod
    def parse(cls, value: object) -> Proration:
        """Return the convention named by *value* (a Proration, its value or its name).

        Raises:
            UnknownKeyError: *value* names no convention.

        >>> Proration.parse("actual/360")
        <Proration.ACTUAL_360: 'actual/360'>
        >>> Proration.parse("30/365")
        Traceback (most recent call last):
        ...
        partnerrules.errors.UnknownKeyError: unknown convention '30/365': did you mean '30/360'...
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            for member in cls:
                if value in (member.value, member.name):
                    return member
        raise UnknownKeyError("convention", value, [m.value for m in cls])

    def fraction(self, start: dt.date, end: dt.date) -> Fraction:
        """The part of a month that ``[start, end)`` is, inside one calendar month.

        Args:
            start: first day (inclusive).
            end: last day (exclusive), at most the 1st of the next month.

        Raises:
            InvalidValueError: the span is empty or leaves the calendar month.
        """
        start = _validate.date("start", start)
        end = _validate.date("end", end)
        if not _within_one_month(start, end):
            raise InvalidValueError(
                "end", end, f"after {start.isoformat()} and within its calendar month"
            )
        if _is_full_month(start, end):
            return Fraction(1)
        if self is Proration.ACTUAL_ACTUAL:
            return Fraction((end - start).days, _days_in_month(start))
        if self is Proration.ACTUAL_360:
            return min(Fraction((end - start).days, 30), Fraction(1))
        d1 = min(start.day, 30)
        d2 = end.day
        if d2 == 31 and d1 == 30:
            d2 = 30
        days = 360 * (end.year - start.year) + 30 * (end.month - start.month) + d2 - d1
        return min(Fraction(days, 30), Fraction(1))


#: Actual days over the actual days of the month (the default).
ACTUAL_ACTUAL: Final = Proration.ACTUAL_ACTUAL
#: 30/360 bond basis, where every month counts 30 days.
THIRTY_360: Final = Proration.THIRTY_360
#: Actual days over 30.
ACTUAL_360: Final = Proration.ACTUAL_360


def _convention(value: object) -> Proration:
    return Proration.parse(value)


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

    def __attrs_post_init__(self) -> None:
        _end_of_term(self.start, self.months)
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
        return self.start + relativedelta(months=self.months)

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


# -- resource pool (§4.2) -----------------------------------------------------


@attrs.frozen
class PoolItem:
    """One resource of a reconfigured environment, with its monthly price.

    Attributes:
        name: what it is (a VM, a volume...).
        monthly: its monthly price, in BRL, >= 0.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    monthly: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))


@attrs.frozen
class PoolCheck:
    """The verdict on a reconfiguration (rule ``omid.contract.resource_pool``).

    Attributes:
        ok: whether the reconfiguration keeps the committed value.
        committed: the committed monthly value.
        total: the reconfiguration's monthly total.
        shortfall: how much is missing to keep the commitment (zero when ok).
        excess: how much is billable on top of the commitment.
        reasons: why.
    """

    ok: bool = attrs.field(validator=_validate.boolean_field)
    committed: Money = attrs.field(validator=_MONEY)
    total: Money = attrs.field(validator=_MONEY)
    shortfall: Money = attrs.field(validator=_MONEY)
    excess: Money = attrs.field(validator=_MONEY)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def check_resource_pool(items: Iterable[PoolItem], *, committed: Money | Contract) -> PoolCheck:
    """Check a reconfiguration against the commitment (rule ``omid.contract.resource_pool``).

    Module 007 §4.2: the commitment is to the contract value, not to given
    machines. A reconfiguration whose monthly total is at least the committed
    monthly value is accepted (exactly equal included), the excess billable
    on top; below it, it is refused with the shortfall.

    Args:
        items: the resources of the new configuration.
        committed: the committed monthly value (in BRL, >= 0, like every item
            price), or a contract (its monthly value).

    Raises:
        InvalidTypeError: *committed* is not a Money or a Contract, or *items*
            is not an iterable of :class:`PoolItem`.
        InvalidValueError: a negative *committed* value.
        CurrencyMismatchError: *committed* is not in BRL.

    >>> vm = PoolItem("vm-large", Money("6000", "BRL"))
    >>> check_resource_pool([vm], committed=Money("10000", "BRL")).shortfall
    Money('4000.00', 'BRL')
    """
    if isinstance(committed, Contract):
        commitment = committed.monthly
    else:
        commitment = _non_negative("committed", committed)
    listed = _validate.bounded_items("items", items, "an iterable of PoolItem")
    for i, item in enumerate(listed):
        _validate.instance(f"items[{i}]", item, PoolItem)
    total = _total("items", listed, (i.monthly.amount for i in listed), "resources whose total is")
    zero = Money.zero(BRL)
    shortfall = max(commitment - total, zero)
    excess = max(total - commitment, zero)
    ok = shortfall.is_zero()
    rid = "omid.contract.resource_pool"
    facts: dict[str, Any] = {
        "committed": commitment,
        "total": total,
        "shortfall": shortfall,
        "excess": excess,
        "count": len(listed),
    }
    if not ok:
        reason = Reason.of(
            rid,
            "refused: the new configuration costs {total} a month, {shortfall} short of "
            "the committed {committed}",
            **facts,
        )
    elif excess.is_positive():
        reason = Reason.of(
            rid,
            "accepted: the new configuration costs {total} a month, above the committed "
            "{committed}; {excess} is billed on top",
            **facts,
        )
    else:
        reason = Reason.of(
            rid,
            "accepted: the new configuration costs {total} a month, exactly the committed "
            "{committed}",
            **facts,
        )
    return PoolCheck(ok, commitment, total, shortfall, excess, (reason,))


# -- traffic (§3.4) ----------------------------------------------------------


@attrs.frozen
class DataLink:
    """A data link with its fixed price for a billing period.

    Attributes:
        name: the link's name.
        price: its fixed price for the period, in BRL, >= 0.
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    price: Money = attrs.field(validator=_validate.attrs_validator(_non_negative))


@attrs.frozen
class TrafficCharge:
    """The traffic charge of a period (rule ``omid.contract.fixed_link_traffic``).

    Attributes:
        total: the sum of the links' fixed prices.
        links: the links charged.
        volume_gb: the volume reported (recorded, never charged), or None.
        reasons: why.
    """

    total: Money = attrs.field(validator=_MONEY)
    links: tuple[DataLink, ...] = attrs.field(
        validator=_validate.tuple_of(DataLink, "a tuple of DataLink")
    )
    volume_gb: Decimal | None = attrs.field(validator=_optional_volume)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def traffic_charge(
    links: Iterable[DataLink], *, volume_gb: Decimal | int | str | None = None
) -> TrafficCharge:
    """Charge data traffic by link, never by volume (rule ``omid.contract.fixed_link_traffic``).

    Module 007 §3.4: egress and ingress cost a fixed amount per data link. The
    volume is accepted (it must be a number >= 0) and ignored, and the reason
    says so.

    >>> links = [DataLink("link-1", Money("500", "BRL")), DataLink("link-2", Money("300", "BRL"))]
    >>> charge = traffic_charge(links, volume_gb=1_000_000)
    >>> charge.total
    Money('800.00', 'BRL')
    """
    listed = _validate.bounded_items("links", links, "an iterable of DataLink")
    for i, link in enumerate(listed):
        _validate.instance(f"links[{i}]", link, DataLink)
    volume = None
    if volume_gb is not None:
        volume = _validate.decimal("volume_gb", volume_gb)
        if volume < 0:
            raise InvalidValueError("volume_gb", volume_gb, "a volume >= 0")
    total = _total("links", listed, (link.price.amount for link in listed), "links whose total is")
    rid = "omid.contract.fixed_link_traffic"
    reasons = [
        Reason.of(
            rid,
            "traffic costs {total}: the fixed prices of {count} data link(s)",
            total=total,
            count=len(listed),
        )
    ]
    if volume is not None:
        reasons.append(
            Reason.of(
                rid,
                "the {volume} GB transferred did not count: traffic is priced per link, "
                "not by volume",
                volume=volume,
            )
        )
    return TrafficCharge(total, listed, volume, tuple(reasons))


# -- residency (§3.6, §3.7) ---------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for sep in "-_./":
        plain = plain.replace(sep, " ")
    return " ".join(plain.split())


@attrs.frozen
class PlacementDecision:
    """Whether data may be placed at a site (rule ``omid.residency.brazil_only``).

    Attributes:
        allowed: whether the site is one of the Brazilian datacentres.
        site: the site as given.
        code: the matched site code (``'SP'`` or ``'RJ'``), or None.
        reasons: why.
    """

    allowed: bool = attrs.field(validator=_validate.boolean_field)
    site: str = attrs.field(validator=_validate.instance_of(str, "a str"))
    code: str | None = attrs.field(validator=_validate.optional_instance_of(str, "a str or None"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def check_placement(
    site: str,
    *,
    sites: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> PlacementDecision:
    """Check a data placement stays in Brazil (rule ``omid.residency.brazil_only``, §3.6, §3.7).

    Accepted: the site codes (``SP``, ``RJ``), the ISO 3166-2 state codes
    (``BR-SP``, ``BR-RJ``) and the site names, in any case, with or without
    accents, with spaces, hyphens or underscores between words
    (``"São Paulo"``, ``"sao-paulo"``, ``"RIO_DE_JANEIRO"``). Anything else is
    refused with the reason. *sites* (code -> name) and *aliases* (alias ->
    code) are the Omid pack's when None (``DATACENTRE_SITES``, ``SITE_ALIASES``).

    Raises:
        InvalidTypeError: *site* is not a string, or *sites* or *aliases* is
            not a mapping of str to str.
        InvalidValueError: *site* is blank.

    >>> check_placement("sao paulo").code
    'SP'
    >>> print(check_placement("us-east-1").reasons[0])
    refused: us-east-1 is not an Omid datacentre; data stays in Brazil, at São Paulo or
    Rio de Janeiro
    """
    site = _validate.text("site", site)
    # None stands for the Omid pack's tables (kept out of the signature: help() stays short).
    sites = _table("sites", omid.DATACENTRE_SITES if sites is None else sites)
    aliases = _table("aliases", omid.SITE_ALIASES if aliases is None else aliases)
    known = {_fold(code): code for code in sites}
    known.update({_fold(name): code for code, name in sites.items()})
    known.update({_fold(alias): code for alias, code in aliases.items() if code in sites})
    code = known.get(_fold(site))
    rid = "omid.residency.brazil_only"
    names = " or ".join(sites.values())
    if code is None:
        reason = Reason.of(
            rid,
            "refused: {site} is not an Omid datacentre; data stays in Brazil, at {sites}",
            site=site,
            sites=names,
        )
    else:
        reason = Reason.of(
            rid,
            "accepted: {site} is the {name} datacentre, in Brazil",
            site=site,
            name=sites[code],
            code=code,
        )
    return PlacementDecision(code is not None, site, code, (reason,))


# -- responsibilities (§5.1, §5.2) ------------------------------------------


@attrs.frozen
class Responsibility:
    """Who owns a duty (rule ``omid.responsibility.matrix``).

    Attributes:
        duty: the duty's English key.
        party: ``'partner'`` or ``'omid'``.
        label: the duty as published, in Portuguese.
        reasons: why.
    """

    duty: str = attrs.field(validator=_TEXT)
    party: str = attrs.field(validator=_TEXT)
    label: str = attrs.field(validator=_TEXT)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def responsible_party(
    duty: str,
    *,
    partner_duties: Mapping[str, str] | None = None,
    omid_duties: Mapping[str, str] | None = None,
) -> Responsibility:
    """Look up who owns a duty (rule ``omid.responsibility.matrix``, §5.1, §5.2).

    *duty* is an English key (``"account_management"``) or the Portuguese
    label as published (``"Conformidade e segurança"``), in any case, with or
    without accents. The duty lists are the Omid pack's when None
    (``PARTNER_DUTIES``, ``OMID_DUTIES``).

    Raises:
        InvalidTypeError: *duty* is not a string, or a duty list is not a
            mapping of str to str.
        UnknownKeyError: the duty is not in either list (the message lists them).

    >>> responsible_party("Conformidade e segurança").party
    'omid'
    >>> responsible_party("account_management").party
    'partner'
    """
    duty = _validate.text("duty", duty)
    # None stands for the Omid pack's tables (kept out of the signature: help() stays short).
    partner_duties = _table(
        "partner_duties", omid.PARTNER_DUTIES if partner_duties is None else partner_duties
    )
    omid_duties = _table("omid_duties", omid.OMID_DUTIES if omid_duties is None else omid_duties)
    table: dict[str, tuple[str, str, str]] = {}
    for party, duties in ((omid.PARTNER, partner_duties), (omid.OMID, omid_duties)):
        for key, label in duties.items():
            table[_fold(key)] = (key, party, label)
            table[_fold(label)] = (key, party, label)
    found = table.get(_fold(duty))
    if found is None:
        raise UnknownKeyError(
            "duty",
            duty,
            [*partner_duties, *omid_duties],
            hint="the Portuguese labels of module 007 §5.1 and §5.2 are accepted too",
        )
    key, party, label = found
    reason = Reason.of(
        "omid.responsibility.matrix",
        "{label} ({duty}) is a responsibility of {party}",
        duty=key,
        party="the partner" if party == omid.PARTNER else "Omid",
        label=label,
    )
    return Responsibility(key, party, label, (reason,))
