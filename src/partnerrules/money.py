r"""Exact money: a Decimal amount in a currency, never a float.

Rule ``money.brl.exact`` (Omid module 007 §3.4: contracts are in reais, with no
exchange-rate pass-through). The conventions:

* An amount is a :class:`~decimal.Decimal` held at the currency's minor unit
  (centavos for BRL). ``Money("10", "BRL")`` and ``Money("10.00", "BRL")``
  are the same value.
* Floats are refused with a :class:`TypeError` that says what to pass.
* An amount with more decimals than the currency allows is refused; round it
  explicitly with :meth:`Money.rounded`, which rounds half-even by default
  (ABNT NBR 5891) and takes any :mod:`decimal` rounding mode.
* Multiplying or dividing by a number rounds once, to the minor unit.
* Splitting (:meth:`Money.allocate`, :meth:`Money.split`) uses the largest
  remainder method: the parts always sum to the whole, to the centavo.
* Babel formats for display only.

>>> from partnerrules.money import Money
>>> price = Money("1234.56", "BRL")
>>> price.format("pt_BR")
'R$\xa01.234,56'
>>> price.format("en_US")
'R$1,234.56'
>>> price * 3
Money('3703.68', 'BRL')
>>> Money("100", "BRL").split(3)
(Money('33.34', 'BRL'), Money('33.33', 'BRL'), Money('33.33', 'BRL'))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Final

import attrs

from partnerrules import _validate
from partnerrules.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)

__all__ = ["BRL", "ROUNDING_MODES", "Money", "brl"]

#: The currency of every Omid rule.
BRL: Final = "BRL"

#: The rounding modes of :mod:`decimal`, accepted wherever a ``rounding`` is.
ROUNDING_MODES: Final = frozenset(
    {
        "ROUND_CEILING",
        "ROUND_DOWN",
        "ROUND_FLOOR",
        "ROUND_HALF_DOWN",
        "ROUND_HALF_EVEN",
        "ROUND_HALF_UP",
        "ROUND_UP",
        "ROUND_05UP",
    }
)


#: Largest magnitude accepted, far beyond any real amount; it keeps every
#: intermediate result exact within :data:`_CTX`.
_LIMIT: Final = Decimal(10) ** 24

# A private context wide enough that products, sums and quotients of accepted
# amounts are exact before the one explicit rounding step. Never mutated.
_CTX: Final = Context(prec=100, traps=[InvalidOperation, DivisionByZero, Overflow])


@functools.cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@functools.cache
def _exponent(currency: str) -> Decimal:
    from babel.numbers import get_currency_precision

    return Decimal(1).scaleb(-int(get_currency_precision(currency)))


def _check_rounding(rounding: object) -> str:
    if rounding not in ROUNDING_MODES:
        raise UnknownKeyError("rounding", rounding, ROUNDING_MODES)
    return str(rounding)


def _currency(value: object) -> str:
    code = _validate.text("currency", value)
    if code not in _currencies():
        raise UnknownKeyError(
            "currency", code, _currencies(), hint="use an ISO 4217 code such as 'BRL'"
        )
    return code


def _check_magnitude(value: Decimal) -> None:
    if abs(value) >= _LIMIT:
        raise InvalidValueError("amount", str(value), f"less than {_LIMIT:.0E} in magnitude")


def _int_exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _factor(field: str, value: object) -> Decimal:
    if isinstance(value, Money):
        raise InvalidTypeError(field, value, "an int, str or Decimal factor, not Money")
    return _validate.decimal(field, value)


@attrs.frozen(init=False, repr=False, eq=True, order=False)
class Money:
    """An exact amount of money in one currency (rule ``money.brl.exact``).

    Args:
        amount: a ``str``, ``int`` or ``Decimal``; never a ``float``. It may not
            have more decimals than the currency's minor unit.
        currency: an ISO 4217 code known to Babel, such as ``'BRL'``.

    Raises:
        InvalidTypeError: the amount is a float, a bool or another type.
        InvalidValueError: the amount is NaN, infinite, not a number, or more
            precise than the currency allows.
        UnknownKeyError: the currency is not an ISO 4217 code.

    >>> Money(0.1, "BRL")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidTypeError: 'amount' must be a str, int or Decimal (got float ...; ...
    >>> Money("0.125", "BRL")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'amount' must be a multiple of 0.01 BRL ...; ...
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: str | int | Decimal, currency: str) -> None:
        code = _currency(currency)
        value = _validate.decimal("amount", amount)
        exponent = _exponent(code)
        _check_magnitude(value)
        quantized = value.quantize(exponent, context=_CTX)
        if quantized != value:
            raise InvalidValueError(
                "amount",
                str(amount),
                f"a multiple of {exponent} {code}",
                hint=f"round it explicitly with Money.rounded({str(amount)!r}, {code!r})",
            )
        self.__attrs_init__(quantized, code)

    @classmethod
    def _trusted(cls, amount: Decimal, currency: str) -> Money:
        # Results of arithmetic on valid values are valid: skip the checks.
        self = object.__new__(cls)
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)
        return self

    # -- construction ----------------------------------------------------
    @classmethod
    def rounded(
        cls,
        amount: str | int | Decimal,
        currency: str,
        *,
        rounding: str = ROUND_HALF_EVEN,
    ) -> Money:
        """Build a Money, rounding *amount* to the currency's minor unit.

        Half-even by default (ABNT NBR 5891); *rounding* is any :mod:`decimal`
        rounding mode.

        >>> Money.rounded("0.125", "BRL")
        Money('0.12', 'BRL')
        >>> Money.rounded("0.125", "BRL", rounding="ROUND_HALF_UP")
        Money('0.13', 'BRL')
        """
        code = _currency(currency)
        value = _validate.decimal("amount", amount)
        mode = _check_rounding(rounding)
        _check_magnitude(value)
        return cls._trusted(value.quantize(_exponent(code), rounding=mode, context=_CTX), code)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """The zero amount of *currency*."""
        return cls(0, currency)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: str) -> Money:
        """Sum *amounts*, all in *currency* (an empty sum is zero).

        >>> Money.total([Money("1.10", "BRL"), Money("2.20", "BRL")], "BRL")
        Money('3.30', 'BRL')
        """
        result = cls.zero(currency)
        for item in amounts:
            result = result + item
        return result

    # -- inspection ------------------------------------------------------
    @property
    def minor_units(self) -> int:
        """The amount as an integer count of the minor unit (centavos)."""
        return int(self.amount.scaleb(-_exponent(self.currency).adjusted()))

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """Build a Money from an integer count of the minor unit.

        >>> Money.from_minor_units(123456, "BRL")
        Money('1234.56', 'BRL')
        """
        units = _validate.integer("units", units)
        code = _currency(currency)
        return cls(Decimal(units).scaleb(_exponent(code).adjusted()), code)

    def is_zero(self) -> bool:
        """Whether the amount is zero."""
        return not self.amount

    def is_positive(self) -> bool:
        """Whether the amount is greater than zero."""
        return self.amount > 0

    def is_negative(self) -> bool:
        """Whether the amount is less than zero (a credit)."""
        return self.amount < 0

    def require_currency(self, currency: str, field: str = "amount") -> Money:
        """Return self if it is in *currency*, else raise an error naming *field*."""
        if self.currency != currency:
            raise CurrencyMismatchError(field, currency, self.currency)
        return self

    # -- arithmetic ------------------------------------------------------
    def _same(self, other: object, op: str) -> Money:
        if not isinstance(other, Money):
            raise InvalidTypeError("other", other, f"a Money to {op}")
        if other.currency != self.currency:
            raise CurrencyMismatchError("other", self.currency, other.currency)
        return other

    def __add__(self, other: Money) -> Money:
        return Money._trusted(_CTX.add(self.amount, self._same(other, "add").amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money._trusted(
            _CTX.subtract(self.amount, self._same(other, "subtract").amount), self.currency
        )

    def __neg__(self) -> Money:
        return Money._trusted(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money._trusted(abs(self.amount), self.currency)

    def multiply(self, factor: int | str | Decimal, *, rounding: str = ROUND_HALF_EVEN) -> Money:
        """Multiply by a number and round once to the minor unit.

        >>> Money("10.05", "BRL").multiply(Decimal("0.5"))
        Money('5.02', 'BRL')
        >>> Money("10.05", "BRL").multiply(Decimal("0.5"), rounding="ROUND_HALF_UP")
        Money('5.03', 'BRL')
        """
        value = _factor("factor", factor)
        return Money.rounded(_CTX.multiply(self.amount, value), self.currency, rounding=rounding)

    def divide(self, divisor: int | str | Decimal, *, rounding: str = ROUND_HALF_EVEN) -> Money:
        """Divide by a non-zero number and round once to the minor unit.

        To share an amount without losing a centavo use :meth:`split`.
        """
        value = _factor("divisor", divisor)
        if not value:
            raise InvalidValueError("divisor", divisor, "a non-zero number")
        return Money.rounded(_CTX.divide(self.amount, value), self.currency, rounding=rounding)

    def __mul__(self, factor: int | Decimal) -> Money:
        return self.multiply(factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Decimal) -> Money:
        return self.divide(divisor)

    # -- ordering --------------------------------------------------------
    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other, "compare with").amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other, "compare with").amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other, "compare with").amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other, "compare with").amount

    # -- splitting -------------------------------------------------------
    def allocate(self, ratios: Sequence[int | str | Decimal]) -> tuple[Money, ...]:
        """Split by *ratios* so that the parts sum exactly to this amount.

        Largest-remainder method on the minor unit: every part first gets the
        floor of its exact share; the centavos left over go one each to the
        parts with the largest remainders, ties going to the earlier ratio.
        A negative amount is split as its absolute value, then negated.

        Args:
            ratios: non-negative numbers (``int``, ``str`` or ``Decimal``) with a
                positive sum.

        Raises:
            InvalidValueError: no ratios, a negative ratio, or a zero sum.

        >>> Money("10.00", "BRL").allocate([1, 1, 1])
        (Money('3.34', 'BRL'), Money('3.33', 'BRL'), Money('3.33', 'BRL'))
        >>> Money("0.05", "BRL").allocate(["0.7", "0.3"])
        (Money('0.04', 'BRL'), Money('0.01', 'BRL'))
        """
        if isinstance(ratios, (str, bytes)) or not isinstance(ratios, Sequence):
            raise InvalidTypeError("ratios", ratios, "a sequence of numbers")
        if not ratios:
            raise InvalidValueError("ratios", list(ratios), "a non-empty sequence")
        weights = [_validate.decimal(f"ratios[{i}]", r) for i, r in enumerate(ratios)]
        for i, w in enumerate(weights):
            if w < 0:
                raise InvalidValueError(f"ratios[{i}]", ratios[i], "a number >= 0")
        total = sum(weights, Decimal(0))
        if total <= 0:
            raise InvalidValueError("ratios", list(ratios), "ratios with a positive sum")
        units = self.minor_units
        sign = -1 if units < 0 else 1
        units = abs(units)
        # Scale the ratios to integers so every share is computed exactly.
        scale = max(-_int_exponent(w) for w in [*weights, total])
        int_weights = [int(w.scaleb(scale, context=_CTX)) for w in weights]
        int_total = sum(int_weights)
        floors = []
        remainders = []
        for weight in int_weights:
            q, r = divmod(units * weight, int_total)
            floors.append(q)
            remainders.append(r)
        left = units - sum(floors)
        order = sorted(range(len(floors)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            floors[i] += 1
        return tuple(Money.from_minor_units(sign * f, self.currency) for f in floors)

    def split(self, parts: int) -> tuple[Money, ...]:
        """Split into *parts* equal shares that sum exactly to this amount.

        The earlier parts take the extra centavos.

        Raises:
            InvalidValueError: *parts* is less than 1.
        """
        parts = _validate.integer("parts", parts, minimum=1)
        return self.allocate([1] * parts)

    # -- display ---------------------------------------------------------
    def format(self, locale: str = "pt_BR") -> str:
        r"""Format for display with Babel (the amount is already rounded).

        >>> Money("-1234.5", "BRL").format("pt_BR")
        '-R$\xa01.234,50'
        >>> Money("1234.56", "BRL").format("ru_RU")
        '1\xa0234,56\xa0R$'
        """
        from babel.numbers import format_currency

        return str(format_currency(self.amount, self.currency, locale=locale))

    def __repr__(self) -> str:
        return f"Money({str(self.amount)!r}, {self.currency!r})"

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))


def brl(amount: str | int | Decimal) -> Money:
    """Shorthand for ``Money(amount, 'BRL')``.

    >>> brl("19200")
    Money('19200.00', 'BRL')
    """
    return Money(amount, BRL)
