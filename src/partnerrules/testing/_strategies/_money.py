"""Strategies of :mod:`partnerrules.testing.strategies`: money (private)."""

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.errors import InvalidValueError
from partnerrules.money import AMOUNT_LIMIT, Money
from partnerrules.testing._strategies._checks import (
    checked,
    count,
    decimal_in,
    integer,
    optional,
    ordered,
)

#: The currencies :func:`currencies` draws.
_CURRENCIES = ("BRL", "BRL", "BRL", "USD", "EUR", "RUB", "JPY", "KWD", "BHD", "CLF")

# -- money ---------------------------------------------------------------------------------


@checked()
def currencies() -> st.SearchStrategy[str]:
    """Draw an ISO 4217 code: BRL most often, and currencies with 0, 2, 3 and 4 decimals.

    ``JPY`` has no minor unit, ``KWD`` and ``BHD`` a thousandth, ``CLF`` a
    ten-thousandth (Babel's CLDR data).
    """
    return st.sampled_from(_CURRENCIES)


def _places(currency: str) -> int:
    exponent = Money.zero(currency).amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


def _currency(field: str, value: Any) -> str:
    Money.zero(value)  # a typed error for anything but a currency code it knows
    return value  # type: ignore[no-any-return]


def _units_fit(values: Mapping[str, Any]) -> None:
    """The bounds fit the currency's amounts (every drawn currency's, when it is drawn)."""
    if values["min_units"] is None and values["max_units"] is None:
        return
    code = values.get("currency", "BRL")
    codes = _CURRENCIES if code is None else (code,)
    limit = min(AMOUNT_LIMIT * 10 ** _places(c) - 1 for c in codes)
    hint = "with currency None, the range of every currency drawn" if code is None else None
    for name in ("min_units", "max_units"):
        units = values[name]
        if units is not None and not -limit <= units <= limit:
            raise InvalidValueError(name, units, f"an integer from -{limit} to {limit}", hint=hint)
    ordered("min_units", "max_units")(values)


@checked(
    _units_fit,
    currency=optional(_currency),
    min_units=optional(integer),
    max_units=optional(integer),
)
@st.composite
def money(
    draw: st.DrawFn,
    currency: str | None = None,
    *,
    min_units: int | None = None,
    max_units: int | None = None,
) -> Money:
    """Draw a :class:`~partnerrules.money.Money` (rule ``money.brl.exact``).

    In *currency* (drawn from :func:`currencies` when None), with an amount of
    *min_units* to *max_units* minor units (centavos for BRL); by default any
    amount a Money holds, negative ones included: less than
    :data:`~partnerrules.money.AMOUNT_LIMIT` in magnitude (with a drawn
    currency, the bounds must fit every currency drawn, yen included). Draws
    zero, one minor unit either way and the largest amounts often; odd
    amounts are as frequent as even ones, so halving lands on a half-even tie
    half the time.
    """
    code = currency if currency is not None else draw(currencies())
    limit = AMOUNT_LIMIT * 10 ** _places(code) - 1
    lo = -limit if min_units is None else min_units
    hi = limit if max_units is None else max_units
    edges = [v for v in (0, 1, -1, lo, hi, 5, 15, -5) if lo <= v <= hi]
    units = draw(st.one_of(st.integers(lo, hi), st.sampled_from(edges)))
    return Money.from_minor_units(units, code)


@checked(_units_fit, min_units=integer, max_units=integer)
def brl_amounts(*, min_units: int = 0, max_units: int = 10**12 - 1) -> st.SearchStrategy[Money]:
    """Draw an amount in BRL, from *min_units* to *max_units* centavos.

    By default from R$ 0,00 to R$ 9.999.999.999,99: non-negative, as prices,
    monthly values and commitments must be, and small enough that any term of
    up to 1200 months stays within :data:`~partnerrules.money.AMOUNT_LIMIT`.
    See :func:`money` for the edge cases.
    """
    return money("BRL", min_units=min_units, max_units=max_units)


@checked(ordered("min_size", "max_size"), min_size=count(1), max_size=count(1))
@st.composite
def ratios(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 8) -> list[int | str | Decimal]:
    """Draw allocation ratios for :meth:`~partnerrules.money.Money.allocate`.

    A list of *min_size* to *max_size* non-negative numbers with a positive
    sum, each an ``int``, a ``Decimal`` or a numeric ``str``, as the method
    accepts. Often all equal (so the largest remainders tie and the earlier
    parts take the extra units), with zeros, with one dominant ratio, or with
    tiny decimals down to ``1E-50`` (the most places allowed).
    """
    decimals = st.tuples(st.integers(0, 10**6), st.integers(1, 6)).map(
        lambda p: Decimal(p[0]).scaleb(-p[1])
    )
    plain: st.SearchStrategy[int | Decimal] = st.one_of(
        st.integers(0, 10**6),
        decimals,
        st.sampled_from((Decimal("1E-50"), Decimal("0.5"), Decimal(3))),
        st.just(10**12),
    )
    size = draw(st.integers(min_size, max_size))
    if draw(st.booleans()):
        values: list[int | Decimal] = [draw(plain)] * size
    else:
        values = draw(st.lists(plain, min_size=size, max_size=size))
    if not sum(values):
        values[draw(st.integers(0, size - 1))] = 1
    shown = draw(st.lists(st.sampled_from(("as is", "str")), min_size=size, max_size=size))
    return [str(v) if how == "str" else v for v, how in zip(values, shown, strict=True)]


#: The most decimals :func:`rates` and :func:`discounts` draw (with bounds of at most
#: 10**9 in magnitude, every rate drawn is exact in Decimal's default 28 digits).
_MAX_PLACES = 18


def _some_rate(values: Mapping[str, Any]) -> None:
    places, low, high = values["places"], values["min_value"], values["max_value"]
    scale = 10**places
    if math.ceil(low * scale) > math.floor(high * scale):
        raise InvalidValueError(
            "min_value",
            low,
            f"at most max_value ({high}) with a number of {places} places between them",
        )


@checked(
    _some_rate,
    places=count(0, _MAX_PLACES),
    min_value=decimal_in(-(10**9), 10**9),
    max_value=decimal_in(-(10**9), 10**9),
)
@st.composite
def rates(
    draw: st.DrawFn,
    *,
    places: int = 2,
    min_value: Decimal = Decimal(0),
    max_value: Decimal = Decimal(1),
) -> Decimal:
    """Draw a rate: a :class:`~decimal.Decimal` fraction with at most *places* decimals.

    In ``[min_value, max_value]``, ``[0, 1]`` by default (commission rates,
    fee rates); the bounds are Decimals or ints of at most ``10**9`` in
    magnitude and *places* is 0 to 18, so every rate is exact. Draws 0, 1,
    the bounds and 0.5 often, and 0.16 (the Diamond rate) and 0.25 (products
    of an odd amount with 0.5 or 0.25 fall on half a centavo or nearer, where
    rounding half-even decides).
    """
    scale = 10**places
    lo = math.ceil(min_value * scale)
    hi = math.floor(max_value * scale)
    special = [
        Decimal(v)
        for v in ("0", "1", "0.5", "0.16", "0.25", str(min_value), str(max_value))
        if min_value <= Decimal(v) <= max_value and Decimal(v).scaleb(places) % 1 == 0
    ]
    units = st.integers(lo, hi).map(lambda n: _tidy(Decimal(n).scaleb(-places)))
    return draw(st.one_of(units, st.sampled_from(special)) if special else units)


def _tidy(value: Decimal) -> Decimal:
    # Without trailing zeros (0.5, not 0.50; 1, not 1.00), as people write rates.
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


@checked(places=count(0, _MAX_PLACES))
def discounts(*, places: int = 2) -> st.SearchStrategy[Decimal]:
    """Draw a loyalty discount: a fraction in ``[0, 1)`` with at most *places* decimals.

    Draws 0 and the largest discount below 1 (99% with two places) often.
    """
    return rates(places=places, max_value=1 - Decimal(1).scaleb(-places))


home("partnerrules.testing.strategies", globals())
