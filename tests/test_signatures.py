"""No public signature embeds a data table: a pack's table is a default of None, documented.

A default such as ``plan=CommissionPlan(...)`` or ``order=("startup", ...)``
prints the whole table in every signature (help(), the API docs, an IDE's
tooltip) and hides which pack it comes from. A parameter that takes a table
defaults to None, meaning the pack's, and its docstring says so.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from types import ModuleType

import pytest

import partnerrules

#: The longest repr a default may have.
LONGEST = 80


def public_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(partnerrules.__path__, "partnerrules."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        yield importlib.import_module(info.name)


def public_callables() -> Iterator[tuple[str, Callable[..., object]]]:
    """Every public function and class of every module's __all__, and the classes' methods."""
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            found = getattr(module, name)
            where = f"{module.__name__}.{name}"
            if inspect.isclass(found):
                yield where, found
                for attribute, member in vars(found).items():
                    if attribute.startswith("_"):
                        continue
                    if isinstance(member, (classmethod, staticmethod)):
                        member = member.__func__
                    if inspect.isfunction(member):
                        yield f"{where}.{attribute}", member
            elif callable(found):
                yield where, found


def embeds_a_table(default: object) -> bool:
    if isinstance(default, (str, bytes)):
        return len(repr(default)) > LONGEST
    if isinstance(default, (Mapping, Sequence, Set)) and len(default) > 0:
        return True
    try:
        return len(repr(default)) > LONGEST
    except Exception:
        return True


def tabled_defaults() -> set[tuple[str, str]]:
    found = set()
    for where, thing in public_callables():
        try:
            signature = inspect.signature(thing)
        except (TypeError, ValueError):  # a builtin without a signature
            continue
        for parameter in signature.parameters.values():
            if parameter.default is not parameter.empty and embeds_a_table(parameter.default):
                found.add((where, parameter.name))
    return found


def test_the_walk_sees_the_public_api() -> None:
    names = {where for where, _ in public_callables()}
    assert "partnerrules.sla.deadlines" in names
    assert "partnerrules.contracts.Contract.invoices" in names
    assert "partnerrules.testing.strategies.tickets" in names
    assert len(names) > 200


@pytest.mark.parametrize(
    ("default", "tabled"),
    [
        (None, False),
        ((), False),
        (0, False),
        ("hours", False),
        (("minutes", "hours"), True),
        ({"SP": "São Paulo"}, True),
        (frozenset({"public"}), True),
        ("x" * 100, True),
    ],
)
def test_what_counts_as_a_table(default: object, tabled: bool) -> None:
    assert embeds_a_table(default) is tabled


def test_no_public_signature_embeds_a_data_table() -> None:
    found = tabled_defaults()
    assert sorted(found) == [], "default these to None (the pack's table), documented"
