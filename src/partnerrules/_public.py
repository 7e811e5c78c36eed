"""The public home of names defined in private modules (private).

The public modules (:mod:`partnerrules.sla`, :mod:`partnerrules.commission`,
...) are short facades over private modules split by concern. Each private
module ends with ``home("partnerrules.<facade>", globals())`` so that its
public classes and functions name the facade as their module, as if defined
there: reprs, pickling, ``help()``, doctests and the API reference see the
same names as before the split (numpy's ``set_module`` does the same).
"""

from __future__ import annotations

import functools
from collections.abc import MutableMapping
from types import FunctionType


def home(facade: str, namespace: MutableMapping[str, object]) -> None:
    """Set ``__module__`` to *facade* on the public classes and functions defined in *namespace*.

    The methods and properties of those classes name the facade too, so that
    the examples in their docstrings are collected with the class's. Type
    hints are read in the namespace of an object's ``__module__``
    (:func:`typing.get_type_hints`, attrs, cattrs, Sphinx), which is now the
    facade: a class's string annotations are evaluated here, in the namespace
    of the module that defines it, so that they resolve wherever they are read.
    """
    here = namespace["__name__"]
    names = dict(namespace)
    for name, value in names.items():
        if name.startswith("_") or not isinstance(value, type | FunctionType):
            continue
        if value.__module__ != here:
            continue
        if isinstance(value, type):
            annotations = value.__dict__.get("__annotations__", {})  # noqa: RUF063
            for key, hint in annotations.items():
                if not isinstance(hint, str):
                    continue
                try:
                    annotations[key] = eval(hint, names)  # the module's own source
                except Exception:  # not evaluable at run time (array[int]): kept as written
                    continue
            for member in _functions(value):
                if member.__module__ == here:
                    member.__module__ = facade
        value.__module__ = facade


def _functions(cls: type) -> list[FunctionType]:
    """The functions of *cls*'s own methods and properties (their examples are its)."""
    found = []
    for member in vars(cls).values():
        if isinstance(member, classmethod | staticmethod):
            member = member.__func__
        if isinstance(member, property):
            found += [f for f in (member.fget, member.fset, member.fdel) if f is not None]
        elif isinstance(member, functools.cached_property):
            found.append(member.func)
        else:
            found.append(member)
    return [f for f in found if isinstance(f, FunctionType)]
