"""Money behaviour pinned by mutation testing (issue #12 item 7, ``scripts/mutation.py``).

Each test states a rule of :mod:`partnerrules.money` from its docstrings that
no other test checked at its boundary, so that a changed operator or constant
there fails. Expected values come from the documented rules (the range of an
amount, the ordering of amounts), not from the code's output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import InvalidTypeError, InvalidValueError, Money
from partnerrules.money import AMOUNT_LIMIT, MAX_PLACES
from partnerrules.testing.strategies import currencies, money

pytestmark = pytest.mark.rule("money.brl.exact")

# Minor-unit places of currencies as ISO 4217 defines them (independent of Babel's table).
PLACES = {"JPY": 0, "BRL": 2, "USD": 2, "KWD": 3, "CLF": 4}


@pytest.mark.parametrize("currency", sorted(PLACES))
@pytest.mark.parametrize("sign", [1, -1])
def test_from_minor_units_accepts_up_to_just_below_the_amount_limit(currency: str, sign: int):
    """'The resulting amount is less than 10**15 in magnitude': the last unit below it is fine."""
    places = PLACES[currency]
    largest = sign * (10 ** (15 + places) - 1)
    value = Money.from_minor_units(largest, currency)
    assert value.minor_units == largest
    assert abs(value.amount) == AMOUNT_LIMIT - Decimal(1).scaleb(-places)


@pytest.mark.parametrize("currency", sorted(PLACES))
@pytest.mark.parametrize("sign", [1, -1])
def test_from_minor_units_refuses_an_amount_of_the_limit_itself(currency: str, sign: int):
    """10**15 units of the currency is not less than 10**15: refused, naming 'units'."""
    places = PLACES[currency]
    with pytest.raises(InvalidValueError) as caught:
        Money.from_minor_units(sign * 10 ** (15 + places), currency)
    assert caught.value.field == "units"


@given(currency=currencies(), units=st.integers(min_value=-(10**20), max_value=10**20))
def test_from_minor_units_is_in_range_exactly_when_the_amount_is(currency: str, units: int):
    """Law: from_minor_units succeeds iff |units| / 10**places < 10**15."""
    places = -int(Money.zero(currency).amount.as_tuple().exponent)
    fits = abs(Decimal(units).scaleb(-places)) < AMOUNT_LIMIT
    try:
        value = Money.from_minor_units(units, currency)
    except InvalidValueError:
        assert not fits
    else:
        assert fits
        assert value.minor_units == units


@given(a=money("BRL"), b=money("BRL"))
def test_ordering_agrees_with_the_amounts(a: Money, b: Money):
    """Law: <, <=, >, >= between amounts of one currency compare their Decimal amounts."""
    assert (a < b) == (a.amount < b.amount)
    assert (a <= b) == (a.amount <= b.amount)
    assert (a > b) == (a.amount > b.amount)
    assert (a >= b) == (a.amount >= b.amount)


@given(a=money())
def test_an_amount_is_at_most_and_at_least_itself(a: Money):
    """Law: ordering is reflexive for <= and >=, irreflexive for < and >."""
    same = Money(a.amount, a.currency)
    assert a <= same
    assert a >= same
    assert not a < same
    assert not a > same


@pytest.mark.parametrize(
    ("digits", "quoted"),
    [(37, True), (38, False)],
    ids=["40 characters", "41 characters"],
)
def test_the_rounding_hint_quotes_an_amount_of_at_most_40_characters(digits: int, quoted: bool):
    """A too-precise amount is refused with a hint to paste: Money.rounded(<the amount>, 'BRL').

    The amount is quoted in the hint when its text is at most 40 characters
    long (the bound the module keeps for echoing input back); a longer one is
    named ``amount`` instead, so that the message stays short.
    """
    text = "0." + "1" * digits + "5"  # too many decimals for BRL
    assert len(text) == 40 if quoted else len(text) == 41
    with pytest.raises(InvalidValueError) as caught:
        Money(text, "BRL")
    hint = str(caught.value).rsplit(";", 1)[1]
    if quoted:
        assert f"Money.rounded({text!r}, 'BRL')" in hint
    else:
        assert "Money.rounded(amount, 'BRL')" in hint
        assert text not in hint


@pytest.mark.parametrize("method", ["multiply", "divide"])
def test_a_factor_has_at_most_50_decimal_places(method: str):
    """'A factor, divisor or ratio ... has at most MAX_PLACES (50) decimal places, trailing zeros aside'."""
    price = Money("10.00", "BRL")
    fifty = "1." + "0" * 49 + "1"  # 50 places
    fifty_one = "1." + "0" * 50 + "1"  # 51 places
    assert getattr(price, method)(fifty) == price
    with pytest.raises(InvalidValueError) as caught:
        getattr(price, method)(fifty_one)
    assert caught.value.field in ("factor", "divisor")
    # Trailing zeros do not count: 1.000...0 with 60 zeros is the factor 1.
    assert getattr(price, method)("1." + "0" * 60) == price
    assert MAX_PLACES == 50


@pytest.mark.parametrize("sign", [1, -1])
def test_an_int_amount_is_less_than_10_to_the_15_in_magnitude(sign: int):
    """An amount (an int too) is 'less than 10**15 (AMOUNT_LIMIT) in magnitude'."""
    assert Money(sign * (10**15 - 1), "JPY").amount == sign * (10**15 - 1)
    with pytest.raises(InvalidValueError) as caught:
        Money(sign * 10**15, "JPY")
    assert caught.value.field == "amount"


@pytest.mark.parametrize("units", [True, False])
def test_a_bool_is_not_a_count_of_minor_units(units: bool):
    """from_minor_units takes 'an integer count of the minor unit': a bool is refused."""
    with pytest.raises(InvalidTypeError) as caught:
        Money.from_minor_units(units, "BRL")
    assert caught.value.field == "units"
