"""One contract over every policy pack: data only, immutable, sourced, convertible.

Like python-holidays' shared test over every country table, these checks run
over every pack in :mod:`partnerrules.policies`, so a new pack is held to the
same rules without writing new tests.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs
import pytest

import partnerrules.policies
from partnerrules.convert import structure, unstructure

PACKS = sorted(
    info.name
    for info in pkgutil.iter_modules(partnerrules.policies.__path__)
    if not info.name.startswith("_")
)


def load(name: str):
    return importlib.import_module(f"partnerrules.policies.{name}")


def test_every_pack_is_found():
    assert {"omid", "zoho", "zoho_directory", "appendix_b", "omid_support", "mcs", "aws"} <= set(
        PACKS
    )


def _immutable(value: object, path: str) -> list[str]:
    """Every place inside *value* that a caller could mutate."""
    if isinstance(value, (str, int, bool, Decimal, enum.Enum, type(None))):
        return []
    if isinstance(value, (tuple, frozenset)):
        return [p for i, item in enumerate(value) for p in _immutable(item, f"{path}[{i}]")]
    if isinstance(value, MappingProxyType):
        return [
            p
            for k, v in value.items()
            for p in _immutable(k, f"{path} key") + _immutable(v, f"{path}[{k!r}]")
        ]
    if attrs.has(type(value)) and type(value).__setattr__ is not object.__setattr__:
        return [
            p
            for field in attrs.fields(type(value))
            for p in _immutable(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return [f"{path} is a mutable {type(value).__name__}"]


@pytest.mark.parametrize("name", PACKS)
def test_a_pack_is_immutable_data(name):
    """Packs hold values only: no function, no mutable container a caller could change."""
    pack = load(name)
    assert pack.__all__ == sorted(pack.__all__)
    problems = []
    for public in pack.__all__:
        value = getattr(pack, public)
        assert not inspect.isfunction(value), f"{name}.{public} is a function: packs are data"
        problems += _immutable(value, f"{name}.{public}")
    assert problems == []


@pytest.mark.parametrize("name", PACKS)
def test_a_pack_cites_its_source(name):
    doc = load(name).__doc__ or ""
    assert "Source" in doc or "source" in doc


@pytest.mark.parametrize("name", PACKS)
def test_every_attrs_value_of_a_pack_round_trips_through_the_converter(name):
    pack = load(name)
    for public in pack.__all__:
        value = getattr(pack, public)
        if attrs.has(type(value)):
            assert structure(unstructure(value), type(value)) == value, f"{name}.{public}"


def test_the_zoho_matrix_windows_are_ordered_and_grow_with_severity():
    """zoho.sla.matrix: target <= limit in every cell; a lower severity never gets less time."""
    from partnerrules.policies import zoho

    hours = {"hours": 1, "days": 24}  # a day of the 24x5 and 24x7 clocks is 24 hours
    for metric in ("acknowledgement", "problem determination"):
        previous = (0, 0)
        for severity in (1, 2, 3):
            (t, tu), (lim, lu) = zoho.MATRIX[severity][metric]
            window = (t * hours[tu], lim * hours[lu])
            assert 0 < window[0] <= window[1]
            assert window[0] >= previous[0]
            assert window[1] >= previous[1]
            previous = window


def test_rates_in_packs_are_fractions_and_windows_positive():
    from partnerrules.policies import aws, mcs, omid

    for rate in (
        omid.DIAMOND_RATE,
        omid.CANCELLATION_FEE_RATE,
        omid.OTHER_CLOUDS_CANCELLATION_RATE,
        aws.ISV_MIN_SOFTWARE_REVENUE_SHARE,
    ):
        assert Decimal(0) <= rate <= Decimal(1)
    assert mcs.PROTECTION_WINDOW_MONTHS == 3
    assert aws.STARTUP_MAX_AGE_YEARS == 15
    assert Decimal("0.16") == omid.DIAMOND_RATE
    assert isinstance(omid.DATACENTRE_SITES, Mapping)
