"""Typed errors at the converter boundary, found by the API fuzz (tests/test_fuzz_api.py)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from partnerrules.convert import PolicyFormatError, Problem, structure, unstructure
from partnerrules.errors import InvalidTypeError, InvalidValueError
from partnerrules.money import Money


class Unusable:
    """A caller's object whose comparison, printing and iteration fail."""

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("the caller's own bug")

    def __repr__(self) -> str:
        raise RuntimeError("the caller's own bug")

    def __iter__(self) -> Iterator[object]:
        raise RuntimeError("the caller's own bug")


def test_a_problem_checks_its_texts_and_shows_any_value_safely() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Problem(None, 1, "an int", "m")  # type: ignore[arg-type]
    assert str(caught.value) == "'path' must be a str (got NoneType None)"
    problem = Problem("$", 10**5000, "an int", "too long")
    assert repr(problem) == (
        "Problem(path='$', value=<int with 5001 digits>, allowed='an int', message='too long')"
    )


def test_a_format_error_never_raises_whatever_its_problems() -> None:
    endless = PolicyFormatError(itertools.repeat(Problem("$", 1, "x", "m")))
    assert len(endless.problems) == 100_000
    failing = PolicyFormatError(Unusable())  # type: ignore[arg-type]
    assert str(failing) == "<unprintable Unusable>"


def test_a_kind_that_is_a_value_is_refused_before_any_comparison() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        structure({}, Unusable())  # type: ignore[arg-type]
    assert str(caught.value).endswith(
        "(got Unusable <unprintable Unusable>); pass a type, not a value"
    )
    assert structure({"amount": "1", "currency": "BRL"}, Money) == Money("1", "BRL")


def test_an_int_too_long_for_json_is_refused_with_its_path() -> None:
    with pytest.raises(InvalidValueError) as caught:
        unstructure([1, -(10**5000)])
    assert str(caught.value) == (
        "'$[1]' must be an int of at most 4300 digits (got <negative int with 5001 digits>); "
        "JSON readers, Python's among them, refuse longer numbers"
    )
    assert unstructure(10**4299) == 10**4299
