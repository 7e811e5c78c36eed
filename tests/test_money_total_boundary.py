"""Money.total reads at most 1,000,000 amounts and names an iterable that fails (API fuzz)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.money import Money, brl

pytestmark = pytest.mark.rule("money.brl.exact")


class Failing:
    def __iter__(self) -> Iterator[Money]:
        raise RuntimeError("the caller's own bug")


def test_endless_amounts_are_refused_after_the_bound() -> None:
    with pytest.raises(InvalidValueError) as caught:
        Money.total(itertools.repeat(brl(1)), "BRL")
    assert str(caught.value) == (
        "'amounts' must be an iterable of at most 1000000 items (got repeat(Money('1.00', "
        "'BRL'))); it has more (or never ends)"
    )


def test_amounts_that_fail_to_iterate_are_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Money.total(Failing(), "BRL")
    assert str(caught.value).startswith("'amounts' must be an iterable of Money (got Failing <")
    assert str(caught.value).endswith("; iterating it raised RuntimeError")


def test_a_generator_is_still_summed_lazily() -> None:
    assert Money.total((brl(i) for i in range(4)), "BRL") == brl(6)
    with pytest.raises(InvalidTypeError, match=r"^'amounts\[0\]' must be a Money \(got int 0\)"):
        Money.total(itertools.count(), "BRL")
