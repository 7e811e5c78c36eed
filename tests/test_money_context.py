"""Money ignores the caller's decimal context: same results under any context.

A caller may set ``decimal.getcontext().prec = 5``, trap ``Inexact`` or
``Rounded``, shrink ``Emax`` or change the rounding for its own purposes; rule
``money.brl.exact`` must not notice. Every law is computed once in the default
context and once in hostile ones, and the two results must be identical
(including each Decimal's exponent, so ``'10.00'`` does not become ``'1E+1'``).
"""

from __future__ import annotations

import decimal
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_UP,
    Clamped,
    Context,
    Decimal,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
    localcontext,
)

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import Money, Reason, brl

pytestmark = pytest.mark.rule("money.brl.exact")

ALL_SIGNALS = [
    Clamped,
    DivisionByZero,
    FloatOperation,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
]

HOSTILE_CONTEXTS = {
    # The issue's context: three digits, and the signals money math could raise trapped.
    "prec=3, Inexact/Rounded/FloatOperation trapped": Context(
        prec=3, traps=[Inexact, Rounded, FloatOperation, InvalidOperation]
    ),
    "prec=1, every signal trapped, tiny exponents, clamp, lower-case": Context(
        prec=1,
        rounding=ROUND_FLOOR,
        Emax=3,
        Emin=-3,
        capitals=0,
        clamp=1,
        traps=ALL_SIGNALS,
    ),
    "prec=5, nothing trapped, rounding up": Context(prec=5, rounding=ROUND_UP, traps=[]),
    "prec=2, rounding 05UP, Emax=5": Context(prec=2, rounding=ROUND_05UP, Emax=5, Emin=-5),
    "prec=4, ceiling, everything but InvalidOperation trapped": Context(
        prec=4, rounding=ROUND_CEILING, traps=[s for s in ALL_SIGNALS if s is not InvalidOperation]
    ),
}

LIMIT = Decimal("999999999999999.99")
amounts = st.decimals(min_value=-LIMIT, max_value=LIMIT, places=2, allow_nan=False)
small = st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=2, allow_nan=False)
ratios = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False),
    ),
    min_size=1,
    max_size=12,
).filter(lambda r: sum(r) > 0)
factors = st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False)
roundings = st.sampled_from(
    ["ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_DOWN", "ROUND_FLOOR", "ROUND_05UP"]
)


def snapshot(value):
    """A comparable picture of a result: Money and Decimal with their exact digits."""
    if isinstance(value, Money):
        return ("Money", value.amount.as_tuple(), value.currency)
    if isinstance(value, Decimal):
        return ("Decimal", value.as_tuple())
    if isinstance(value, tuple):
        return tuple(snapshot(v) for v in value)
    if isinstance(value, BaseException):
        return (type(value).__name__, str(value))
    return value


def laws(amount: Decimal, other: Decimal, weights, parts: int, factor: Decimal, rounding: str):
    """Every Money operation on the inputs, in whatever context is current."""
    with localcontext(Context()):  # the test's own conversions, in a sane context
        text, whole, factor_text = str(amount), int(amount), str(factor)
    money = brl(amount)
    second = Money(other, "BRL")
    results = {}

    def run(name, call):
        try:
            results[name] = snapshot(call())
        except Exception as exc:  # the error (type and message) must match too
            results[name] = snapshot(exc)

    run("construct", lambda: (brl(text), Money(amount, "BRL"), brl(whole)))
    run("rounded", lambda: Money.rounded(factor_text, "BRL", rounding=rounding))
    run("neg", lambda: -money)
    run("abs", lambda: abs(money))
    run("add", lambda: money + second)
    run("sub", lambda: money - second)
    run("compare", lambda: (money < second, money <= second, money > second, money >= second))
    run("equal", lambda: (money == second, hash(money) == hash(Money(amount, "BRL"))))
    run("multiply", lambda: money.multiply(factor, rounding=rounding))
    run("mul", lambda: (money * factor, factor * money, 3 * money))
    run("divide", lambda: money.divide(factor, rounding=rounding))
    run("truediv", lambda: money / 7)
    run("split", lambda: money.split(parts))
    run("allocate", lambda: money.allocate(weights))
    run("total", lambda: Money.total(money.split(parts), "BRL"))
    run("minor_units", lambda: money.minor_units)
    run("from_minor_units", lambda: Money.from_minor_units(money.minor_units, "BRL"))
    run("text", lambda: (repr(money), str(money), money.format("pt_BR"), money.format("en_US")))
    run("predicates", lambda: (money.is_zero(), money.is_positive(), money.is_negative()))
    run("yen", lambda: Money.rounded(amount, "JPY").split(3))
    run("dinar", lambda: Money.rounded(amount, "KWD").multiply(factor))
    run(
        "reason",
        lambda: Reason.of(
            "money.brl.exact",
            "{m} {rate:%} {n} {when}",
            m=money,
            rate=factor,
            n=factor,
            when=Decimal("123456.789"),
        ).render("pt_BR"),
    )
    return results


@pytest.mark.parametrize("context", HOSTILE_CONTEXTS.values(), ids=HOSTILE_CONTEXTS.keys())
@given(
    amount=amounts,
    other=small,
    weights=ratios,
    parts=st.integers(min_value=1, max_value=40),
    factor=factors,
    rounding=roundings,
)
def test_every_money_result_is_the_same_under_a_hostile_decimal_context(
    context, amount, other, weights, parts, factor, rounding
):
    expected = laws(amount, other, weights, parts, factor, rounding)
    with localcontext(context):
        got = laws(amount, other, weights, parts, factor, rounding)
    assert got == expected


@pytest.mark.parametrize("context", HOSTILE_CONTEXTS.values(), ids=HOSTILE_CONTEXTS.keys())
@given(amount=amounts, weights=ratios, parts=st.integers(min_value=1, max_value=200))
def test_the_money_laws_hold_under_a_hostile_context(context, amount, weights, parts):
    """Split and allocate sum to the whole; negation is an involution; all in a hostile context."""
    money = brl(amount)
    with localcontext(context):
        split = money.split(parts)
        allocated = money.allocate(weights)
        negated = -money
        negated = -negated
        sums = Money.total(split, "BRL"), Money.total(allocated, "BRL")
    assert sums == (money, money)
    assert negated == money
    assert len(split) == parts
    assert len(allocated) == len(weights)
    cents = [part.minor_units for part in split]
    assert max(cents) - min(cents) <= 1


@pytest.mark.parametrize("context", HOSTILE_CONTEXTS.values(), ids=HOSTILE_CONTEXTS.keys())
@given(amount=amounts, factor=factors)
def test_multiplying_is_the_exact_product_rounded_half_even_under_a_hostile_context(
    context, amount, factor
):
    money = brl(amount)
    exact = Context(prec=200).multiply(amount, factor)
    expected = exact.quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_EVEN)
    with localcontext(context):
        try:
            result = money.multiply(factor)
        except Exception as exc:
            result = exc
    if abs(expected) >= 10**15:
        assert str(result) == (
            "'factor' must be a value that keeps the result less than 10**15 in magnitude "
            f"(got {factor!r})"
        )
    else:
        assert result == brl(expected)


def test_the_issues_examples_under_a_five_digit_context():
    """The cases reported: a five-digit context changed splits, negation and products."""
    with localcontext(Context(prec=5)):
        split = brl("123456.78").split(3)
        negated = -brl("123456.78")
        product = brl("123456.78") * Decimal("1.5")
    assert split == (brl("41152.26"), brl("41152.26"), brl("41152.26"))
    assert repr(negated) == "Money('-123456.78', 'BRL')"
    assert product == brl("185185.17")


def test_the_callers_context_is_left_exactly_as_it_was():
    context = Context(prec=3, traps=[Inexact, Rounded, FloatOperation])
    with localcontext(context) as current:
        brl("123456.78").split(3)
        brl("10").multiply("0.333")
        brl("10").format("pt_BR")
        assert current.prec == 3
        assert not any(current.flags.values())
        assert decimal.getcontext() is current
