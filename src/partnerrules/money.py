r"""Exact money: a Decimal amount in a currency, never a float.

Rule ``money.brl.exact`` (Omid module 007 §3.4: contracts are in reais, with no
exchange-rate pass-through). The conventions:

* An amount is a :class:`~decimal.Decimal` held at the currency's minor unit,
  as Babel (CLDR) defines it: centavos for BRL, none for JPY, a thousandth for
  KWD or BHD. ``Money("10", "BRL")`` and ``Money("10.00", "BRL")`` are the
  same value; ``Money("-0", "BRL")`` is zero.
* Floats are refused with a :class:`TypeError` that says what to pass.
* An amount with more decimals than the currency allows is refused; round it
  explicitly with :meth:`Money.rounded`, which rounds half-even by default
  (ABNT NBR 5891) and takes any :mod:`decimal` rounding mode.
* Multiplying or dividing by a number rounds once, to the minor unit.
* Splitting (:meth:`Money.allocate`, :meth:`Money.split`) uses the largest
  remainder method: the parts always sum to the whole, to the centavo.
* Babel formats for display only.

Every result is the same whatever the caller's :mod:`decimal` context
(precision, rounding, traps, exponent limits): the module computes in private
contexts of its own and never reads or changes the caller's.

The ranges, checked before any work is done, so that no call can run for long
or allocate much (a value outside them is refused with an
:class:`~partnerrules.errors.InvalidValueError` naming the field):

* an amount, given or computed, is less than ``10**15`` (a quadrillion units
  of its currency) in magnitude: :data:`AMOUNT_LIMIT`;
* a factor, divisor or ratio is less than :data:`AMOUNT_LIMIT` in magnitude
  and has at most :data:`MAX_PLACES` (50) decimal places, trailing zeros aside;
* :meth:`Money.split` takes 1 to :data:`MAX_PARTS` (10,000) parts and
  :meth:`Money.allocate` 1 to :data:`MAX_PARTS` ratios.

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
import math
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from contextlib import AbstractContextManager
from decimal import (
    ROUND_05UP,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    localcontext,
)
from itertools import islice
from typing import TYPE_CHECKING, Final

import attrs

from partnerrules import _validate
from partnerrules.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    InvalidValueError,
    UnknownKeyError,
)

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "AMOUNT_LIMIT",
    "BRL",
    "MAX_PARTS",
    "MAX_PLACES",
    "ROUNDING_MODES",
    "Money",
    "brl",
]

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

#: Every amount, and every factor, divisor and ratio, is less than this in
#: magnitude (a quadrillion units of the currency; far beyond any real amount).
AMOUNT_LIMIT: Final = 10**15

#: The most decimal places a factor, divisor or ratio may have.
MAX_PLACES: Final = 50

#: The most parts :meth:`Money.split` makes, and the most ratios
#: :meth:`Money.allocate` takes.
MAX_PARTS: Final = 10_000

# AMOUNT_LIMIT as a count of integer digits: |x| < 10**15 iff x == 0 or x.adjusted() < 15.
_LIMIT_DIGITS: Final = 15
_RANGE: Final = "less than 10**15 in magnitude"
_RESULT_RANGE: Final = "a value that keeps the result less than 10**15 in magnitude"
_NUMBER: Final = "a str, int or Decimal"
_PLACES: Final = Decimal((0, (1,), -MAX_PLACES))
_NAN: Final = re.compile(r"[+-]?s?nan[0-9]*", re.IGNORECASE)


def _context(rounding: str, *traps: type[DecimalException]) -> Context:
    # Every field explicit, so nothing is inherited from decimal.DefaultContext.
    return Context(
        prec=100,
        rounding=rounding,
        Emin=-999_999,
        Emax=999_999,
        capitals=1,
        clamp=0,
        flags=[],
        traps=list(traps),
    )


# The private contexts. Within the ranges above every sum, difference and
# product is exact (at most 19 + 65 digits), so _EXACT traps any rounding: it
# would be a bug, never a silent error. _ROUND does the one rounding step
# (quantize, with the mode given explicitly). _DIVIDE keeps a quotient to 100
# digits with ROUND_05UP, the "round for reround" mode, which makes the second
# rounding to the minor unit correct in every mode. (Within the ranges a
# quotient is never within 10**-67 of a cent boundary unless it is on one, so
# 100 digits would do in any mode; 05UP keeps that true should the ranges
# grow.) Only the contexts' flags ever change (harmless: traps fire on the
# operation's own conditions, not on accumulated flags).
_EXACT: Final = _context(
    ROUND_HALF_EVEN, InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded
)
_ROUND: Final = _context(ROUND_HALF_EVEN, InvalidOperation, DivisionByZero, Overflow)
_DIVIDE: Final = _context(ROUND_05UP, InvalidOperation, DivisionByZero, Overflow)


def _fixed_context() -> AbstractContextManager[Context]:
    """A :mod:`decimal` context manager independent of the caller's context.

    For code that hands Decimals to a library (Babel) which computes in the
    current context: inside it, results do not depend on the caller's
    precision, rounding or traps.
    """
    return localcontext(_ROUND)


# -- currencies and locales ----------------------------------------------------
@functools.cache
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@functools.cache
def _places(currency: str) -> int:
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


@functools.cache
def _exponent(currency: str) -> Decimal:
    return Decimal((0, (1,), -_places(currency)))


def _plain(value: str) -> str:
    # A plain str copy of a str (or str subclass): its own methods cannot intervene.
    return str.__getitem__(value, slice(None))


def _text(field: str, value: object) -> str:
    # A non-blank str, as a plain copy.
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "a str")
    return _validate.text(field, _plain(value))


def _currency(value: object) -> str:
    code = _text("currency", value)
    if code not in _currencies():
        raise UnknownKeyError(
            "currency", code, _currencies(), hint="use an ISO 4217 code such as 'BRL'"
        )
    return code


_LOCALE_SHAPE: Final = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8}){0,3}")


@functools.lru_cache(maxsize=256)
def _parse_locale(identifier: str) -> Locale | None:
    from babel import Locale

    if not _LOCALE_SHAPE.fullmatch(identifier):
        return None
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except Exception:  # Babel raises ValueError, UnknownLocaleError, ...
        return None


@functools.cache
def _locales() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(locale_identifiers())


def _check_locale(value: object, field: str = "locale") -> Locale:
    """Return the Babel :class:`~babel.core.Locale` named by *value*.

    A locale is always given explicitly: nothing here reads the process locale
    or the environment. An identifier is ``language[_territory]`` as Babel
    spells it (``'pt_BR'``, ``'en_US'``, ``'ru'``); the BCP 47 spelling with a
    hyphen (``'pt-BR'``) is accepted too.

    Raises:
        InvalidTypeError: *value* is not a str.
        UnknownKeyError: Babel does not know the locale (the message suggests
            close matches).

    >>> _check_locale("pt-BR")
    Locale('pt', territory='BR')
    >>> _check_locale("pt_BZ")
    Traceback (most recent call last):
    ...
    partnerrules.errors.UnknownKeyError: unknown locale 'pt_BZ': did you mean ... 'pt_BR' ...
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "a locale identifier str such as 'pt_BR'")
    text = _plain(value)
    locale = _parse_locale(text) if len(text) <= 40 else None
    if locale is None:
        raise UnknownKeyError(
            field, text, _locales(), hint="use a Babel locale identifier such as 'pt_BR'"
        )
    return locale


# -- numbers -------------------------------------------------------------------
def _out_of_range(value: Decimal) -> bool:
    return bool(value) and value.adjusted() >= _LIMIT_DIGITS


def _decimal(field: str, value: object) -> Decimal:
    """*value* (int, str or Decimal) as a finite Decimal less than 10**15 in magnitude.

    Independent of the caller's decimal context, and of the methods of any
    subclass of int, str or Decimal (the value is copied to the base type first).
    """
    if isinstance(value, float):
        example = float.__repr__(value) if math.isfinite(value) else "1234.56"
        raise InvalidTypeError(
            field,
            value,
            _NUMBER,
            hint=f"pass a string such as {example!r} or a Decimal, never a float",
        )
    if isinstance(value, bool):
        raise InvalidTypeError(field, value, _NUMBER, hint="a bool is not a number here")
    if isinstance(value, int):
        number = int.__int__(value)
        if not -AMOUNT_LIMIT < number < AMOUNT_LIMIT:  # before any conversion
            raise InvalidValueError(field, value, _RANGE)
        return Decimal(number)
    if isinstance(value, Decimal):
        result = Decimal(value)  # an exact copy, of the base type
    elif isinstance(value, str):
        text = str.strip(value)
        try:
            # Exact whatever the context; a syntax error raises, or (if the
            # caller untrapped InvalidOperation) gives a NaN, told apart below.
            result = Decimal(text)
        except InvalidOperation:
            result = Decimal("NaN")
            text = ""
        if result.is_nan() and not _NAN.fullmatch(text):
            raise InvalidValueError(field, value, "a decimal number such as '1234.56'")
    else:
        raise InvalidTypeError(field, value, _NUMBER)
    if not result.is_finite():
        raise InvalidValueError(field, value, "a finite number (not NaN or infinity)")
    if _out_of_range(result):
        raise InvalidValueError(field, value, _RANGE)
    return result


def _number(field: str, value: object) -> Decimal:
    """A factor, divisor or ratio: in range, with at most MAX_PLACES decimal places."""
    result = _decimal(field, value)
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_PLACES:
        shortened = result.quantize(_PLACES, context=_ROUND)
        if shortened != result:
            raise InvalidValueError(
                field,
                value,
                f"a number with at most {MAX_PLACES} decimal places",
                hint="round it first, e.g. with Decimal.quantize",
            )
        result = shortened
    return result


def _count(field: str, value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, "an int")
    number = int.__int__(value)
    if not 1 <= number <= MAX_PARTS:
        raise InvalidValueError(field, value, f"{what} from 1 to {MAX_PARTS}")
    return number


def _rounding(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(
            "rounding", value, "a decimal rounding mode such as 'ROUND_HALF_EVEN'"
        )
    mode = _plain(value)
    if mode not in ROUNDING_MODES:
        raise UnknownKeyError("rounding", mode, ROUNDING_MODES)
    return mode


def _canonical(amount: Decimal) -> Decimal:
    # Zero is +0: Money("-0") and -Money("0") are Money("0") in every rendering.
    return amount if amount else amount.copy_abs()


def _units(amount: Decimal, places: int) -> int:
    # The amount as an int count of the minor unit (exact, context-free).
    numerator, denominator = amount.as_integer_ratio()
    return int(numerator * (10**places // denominator))


@attrs.frozen(init=False, repr=False, eq=True, order=False)
class Money:
    """An exact amount of money in one currency (rule ``money.brl.exact``).

    Args:
        amount: a ``str``, ``int`` or ``Decimal``; never a ``float``. It may not
            have more decimals than the currency's minor unit, and is less than
            ``10**15`` (:data:`AMOUNT_LIMIT`) in magnitude. Negative zero is zero.
        currency: an ISO 4217 code known to Babel, such as ``'BRL'``.

    Raises:
        InvalidTypeError: the amount is a float, a bool or another type.
        InvalidValueError: the amount is NaN, infinite, not a number, out of
            range, or more precise than the currency allows.
        UnknownKeyError: the currency is not an ISO 4217 code.

    >>> Money(0.1, "BRL")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidTypeError: 'amount' must be a str, int or Decimal (got float ...; ...
    >>> Money("0.125", "BRL")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'amount' must be a multiple of 0.01 BRL ...; ...
    >>> Money("1e15", "BRL")
    Traceback (most recent call last):
    ...
    partnerrules.errors.InvalidValueError: 'amount' must be less than 10**15 in magnitude ...
    >>> Money("-0", "BRL")
    Money('0.00', 'BRL')
    >>> Money("1234", "JPY"), Money("1.234", "KWD")
    (Money('1234', 'JPY'), Money('1.234', 'KWD'))
    """

    amount: Decimal
    currency: str

    def __init__(self, amount: str | int | Decimal, currency: str) -> None:
        code = _currency(currency)
        value = _decimal("amount", amount)
        exponent = _exponent(code)
        quantized = value.quantize(exponent, context=_ROUND)
        if quantized != value:
            text = _EXACT.to_sci_string(value)
            shown = repr(text) if len(text) <= 40 else "amount"
            raise InvalidValueError(
                "amount",
                amount,
                f"a multiple of {exponent} {code}",
                hint=f"round it explicitly with Money.rounded({shown}, {code!r})",
            )
        self.__attrs_init__(_canonical(quantized), code)

    @classmethod
    def _trusted(cls, amount: Decimal, currency: str) -> Money:
        # Results of arithmetic on valid values are valid: skip the checks.
        self = object.__new__(cls)
        object.__setattr__(self, "amount", amount)
        object.__setattr__(self, "currency", currency)
        return self

    @classmethod
    def _result(cls, amount: Decimal, currency: str, mode: str, field: str, given: object) -> Money:
        # Round a computed amount once to the minor unit and check its range;
        # an amount out of range is blamed on the argument *field*.
        if _out_of_range(amount):
            raise InvalidValueError(field, given, _RESULT_RANGE)
        rounded = amount.quantize(_exponent(currency), rounding=mode, context=_ROUND)
        if _out_of_range(rounded):
            raise InvalidValueError(field, given, _RESULT_RANGE)
        return cls._trusted(_canonical(rounded), currency)

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
        rounding mode. The amount, before and after rounding, is less than
        ``10**15`` in magnitude.

        >>> Money.rounded("0.125", "BRL")
        Money('0.12', 'BRL')
        >>> Money.rounded("0.125", "BRL", rounding="ROUND_HALF_UP")
        Money('0.13', 'BRL')
        >>> Money.rounded("2.5", "JPY"), Money.rounded("0.0005", "KWD")
        (Money('2', 'JPY'), Money('0.000', 'KWD'))
        """
        code = _currency(currency)
        value = _decimal("amount", amount)
        return cls._result(value, code, _rounding(rounding), "amount", amount)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """The zero amount of *currency*.

        >>> Money.zero("BRL")
        Money('0.00', 'BRL')
        """
        code = _currency(currency)
        return cls._trusted(Decimal((0, (0,), -_places(code))), code)

    @classmethod
    def total(cls, amounts: Iterable[Money], currency: str) -> Money:
        """Sum *amounts*, all in *currency* (an empty sum is zero).

        Args:
            amounts: an iterable of :class:`Money` (a list, a tuple, a
                generator...), each in *currency*; at most 1,000,000 of them
                (an endless iterable is refused after that many).
            currency: the currency of the sum, so that an empty sum has one.

        Raises:
            InvalidTypeError: *amounts* is not an iterable (or iterating it
                fails), or an item is not a Money.
            CurrencyMismatchError: an item is in another currency.
            InvalidValueError: more than 1,000,000 amounts, or the sum is not
                less than ``10**15`` in magnitude.

        >>> Money.total([Money("1.10", "BRL"), Money("2.20", "BRL")], "BRL")
        Money('3.30', 'BRL')
        """
        code = _currency(currency)
        if isinstance(amounts, Money):
            raise InvalidTypeError("amounts", amounts, "an iterable of Money")
        items = _validate.bounded_iter("amounts", amounts, "an iterable of Money")
        result = cls.zero(code).amount
        for i, item in enumerate(items):
            if not isinstance(item, Money):
                raise InvalidTypeError(f"amounts[{i}]", item, "a Money")
            if item.currency != code:
                raise CurrencyMismatchError(f"amounts[{i}]", code, item.currency)
            result = _EXACT.add(result, item.amount)
        if _out_of_range(result):
            raise InvalidValueError("amounts", amounts, _RESULT_RANGE)
        return cls._trusted(result, code)

    # -- inspection ------------------------------------------------------
    @property
    def minor_units(self) -> int:
        """The amount as an integer count of the minor unit (centavos).

        >>> Money("1234.56", "BRL").minor_units, Money("1234", "JPY").minor_units
        (123456, 1234)
        """
        return _units(self.amount, _places(self.currency))

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """Build a Money from an integer count of the minor unit.

        The resulting amount is less than ``10**15`` in magnitude.

        >>> Money.from_minor_units(123456, "BRL")
        Money('1234.56', 'BRL')
        """
        if isinstance(units, bool) or not isinstance(units, int):
            raise InvalidTypeError("units", units, "an int")
        code = _currency(currency)
        places = _places(code)
        number = int.__int__(units)
        if not -AMOUNT_LIMIT * 10**places < number < AMOUNT_LIMIT * 10**places:
            raise InvalidValueError(
                "units", units, f"less than 10**{_LIMIT_DIGITS + places} in magnitude"
            )
        amount = _EXACT.scaleb(Decimal(number), -places)
        return cls._trusted(amount, code)

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
        """Return self if it is in *currency*, else raise an error naming *field*.

        >>> Money("1", "BRL").require_currency("USD", "price")
        Traceback (most recent call last):
        ...
        partnerrules.errors.CurrencyMismatchError: 'price' must be in the same currency as 'USD' ...
        """
        code = _currency(currency)
        name = _text("field", field)
        if self.currency != code:
            raise CurrencyMismatchError(name, code, self.currency)
        return self

    # -- arithmetic ------------------------------------------------------
    def _same(self, other: object, op: str) -> Money:
        if not isinstance(other, Money):
            raise InvalidTypeError("other", other, f"a Money to {op}")
        if other.currency != self.currency:
            raise CurrencyMismatchError("other", self.currency, other.currency)
        return other

    def __add__(self, other: Money) -> Money:
        value = self._same(other, "add")
        return Money._result(
            _EXACT.add(self.amount, value.amount), self.currency, ROUND_HALF_EVEN, "other", other
        )

    def __sub__(self, other: Money) -> Money:
        value = self._same(other, "subtract")
        return Money._result(
            _EXACT.subtract(self.amount, value.amount),
            self.currency,
            ROUND_HALF_EVEN,
            "other",
            other,
        )

    def __neg__(self) -> Money:
        return Money._trusted(_EXACT.minus(self.amount), self.currency)

    def __abs__(self) -> Money:
        return Money._trusted(_EXACT.abs(self.amount), self.currency)

    def multiply(self, factor: int | str | Decimal, *, rounding: str = ROUND_HALF_EVEN) -> Money:
        """Multiply by a number and round once to the minor unit.

        *factor* is less than ``10**15`` in magnitude with at most 50 decimal
        places, and so must the result be; the product is exact before the
        one rounding.

        >>> Money("10.05", "BRL").multiply(Decimal("0.5"))
        Money('5.02', 'BRL')
        >>> Money("10.05", "BRL").multiply(Decimal("0.5"), rounding="ROUND_HALF_UP")
        Money('5.03', 'BRL')
        """
        value = self._factor("factor", factor)
        mode = _rounding(rounding)
        return Money._result(
            _EXACT.multiply(self.amount, value), self.currency, mode, "factor", factor
        )

    def divide(self, divisor: int | str | Decimal, *, rounding: str = ROUND_HALF_EVEN) -> Money:
        """Divide by a non-zero number and round once to the minor unit.

        *divisor* is less than ``10**15`` in magnitude with at most 50 decimal
        places, and the result less than ``10**15``. The quotient is rounded
        correctly in every mode (as if it were computed exactly).
        To share an amount without losing a centavo use :meth:`split`.

        >>> Money("10.00", "BRL").divide(3)
        Money('3.33', 'BRL')
        >>> Money("0.25", "BRL").divide(2), Money("0.35", "BRL").divide(2)
        (Money('0.12', 'BRL'), Money('0.18', 'BRL'))
        """
        value = self._factor("divisor", divisor)
        mode = _rounding(rounding)
        if not value:
            raise InvalidValueError("divisor", divisor, "a non-zero number")
        quotient = _DIVIDE.divide(self.amount, value)
        return Money._result(quotient, self.currency, mode, "divisor", divisor)

    @staticmethod
    def _factor(field: str, value: object) -> Decimal:
        if isinstance(value, Money):
            raise InvalidTypeError(field, value, "an int, str or Decimal factor, not Money")
        return _number(field, value)

    def __mul__(self, factor: int | Decimal) -> Money:
        return self.multiply(factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Decimal) -> Money:
        return self.divide(divisor)

    # -- ordering --------------------------------------------------------
    # Comparing two finite Decimals reads no context: no rounding, no signal.
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
        floor of its exact share; the units left over go one each to the
        parts with the largest remainders, ties going to the earlier ratio.
        A negative amount is split as its absolute value, then negated.

        Args:
            ratios: 1 to 10,000 non-negative numbers (``int``, ``str`` or
                ``Decimal``) with a positive sum, in a list, a tuple or another
                ordered sequence; each less than ``10**15`` with at most 50
                decimal places.

        Raises:
            InvalidTypeError: *ratios* is not a sequence, or a ratio not a number.
            InvalidValueError: no ratios or too many, a ratio out of range or
                negative, or a zero sum.

        >>> Money("10.00", "BRL").allocate([1, 1, 1])
        (Money('3.34', 'BRL'), Money('3.33', 'BRL'), Money('3.33', 'BRL'))
        >>> Money("0.05", "BRL").allocate(["0.7", "0.3"])
        (Money('0.04', 'BRL'), Money('0.01', 'BRL'))
        """
        if isinstance(ratios, (str, bytes, bytearray, Mapping, Set)) or not isinstance(
            ratios, Sequence
        ):
            raise InvalidTypeError("ratios", ratios, "a sequence of numbers")
        given = list(islice(iter(ratios), MAX_PARTS + 1))  # never more than that
        if not given or len(given) > MAX_PARTS:
            raise InvalidValueError("ratios", ratios, f"a sequence of 1 to {MAX_PARTS} numbers")
        weights = [_number(f"ratios[{i}]", r) for i, r in enumerate(given)]
        for i, weight in enumerate(weights):
            if weight < 0:
                raise InvalidValueError(f"ratios[{i}]", given[i], "a number >= 0")
        # Exact integer weights: every ratio times the common denominator
        # (a power of ten, at most 10**50).
        fractions = [w.as_integer_ratio() for w in weights]
        scale = math.lcm(*(d for _, d in fractions))
        int_weights = [n * (scale // d) for n, d in fractions]
        return self._largest_remainder(int_weights, ratios)

    def _largest_remainder(self, weights: list[int], given: object) -> tuple[Money, ...]:
        int_total = sum(weights)
        if int_total <= 0:
            raise InvalidValueError("ratios", given, "ratios with a positive sum")
        units = self.minor_units
        sign = -1 if units < 0 else 1
        units = abs(units)
        floors = []
        remainders = []
        for weight in weights:
            q, r = divmod(units * weight, int_total)
            floors.append(q)
            remainders.append(r)
        left = units - sum(floors)
        order = sorted(range(len(floors)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            floors[i] += 1
        return tuple(self._part(sign * f) for f in floors)

    def _part(self, units: int) -> Money:
        places = _places(self.currency)
        return Money._trusted(_EXACT.scaleb(Decimal(units), -places), self.currency)

    def split(self, parts: int) -> tuple[Money, ...]:
        """Split into *parts* equal shares that sum exactly to this amount.

        The earlier parts take the extra centavos.

        Args:
            parts: an int from 1 to 10,000 (:data:`MAX_PARTS`).

        Raises:
            InvalidTypeError: *parts* is not an int.
            InvalidValueError: *parts* is out of range.

        >>> Money("-0.05", "BRL").split(2)
        (Money('-0.03', 'BRL'), Money('-0.02', 'BRL'))
        """
        count = _count("parts", parts, "an integer")
        units = self.minor_units
        share, extra = divmod(abs(units), count)
        sign = -1 if units < 0 else 1
        return tuple(self._part(sign * (share + (i < extra))) for i in range(count))

    # -- display ---------------------------------------------------------
    def format(self, locale: str = "pt_BR") -> str:
        r"""Format for display with Babel (the amount is already rounded).

        Args:
            locale: a Babel locale identifier (``'pt_BR'`` by default, never
                the process locale); ``'pt-BR'`` is accepted too.

        Raises:
            InvalidTypeError: *locale* is not a str.
            UnknownKeyError: *locale* is not a locale Babel knows.

        >>> Money("-1234.5", "BRL").format("pt_BR")
        '-R$\xa01.234,50'
        >>> Money("1234.56", "BRL").format("ru_RU")
        '1\xa0234,56\xa0R$'
        >>> Money("1234.56", "BRL").format()
        'R$\xa01.234,56'
        """
        from babel.numbers import format_currency

        babel_locale = _check_locale(locale)
        with _fixed_context():
            return str(format_currency(self.amount, self.currency, locale=babel_locale))

    def __repr__(self) -> str:
        return f"Money({_EXACT.to_sci_string(self.amount)!r}, {self.currency!r})"

    def __str__(self) -> str:
        return f"{_EXACT.to_sci_string(self.amount)} {self.currency}"

    def __hash__(self) -> int:
        return hash((self.amount, self.currency))


def brl(amount: str | int | Decimal) -> Money:
    """Shorthand for ``Money(amount, 'BRL')``.

    >>> brl("19200")
    Money('19200.00', 'BRL')
    """
    return Money(amount, BRL)
