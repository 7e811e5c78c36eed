"""The public home of names defined in private modules (private).

The public modules (:mod:`partnerrules.sla`, :mod:`partnerrules.commission`,
...) are short facades over private modules split by concern. Each private
module ends with ``home("partnerrules.<facade>", globals())`` so that its
public classes and functions name the facade as their module, as if defined
there: reprs, pickling, ``help()``, doctests and the API reference see the
same names as before the split (numpy's ``set_module`` does the same).
"""

from __future__ import annotations

from collections.abc import MutableMapping
from types import FunctionType


def home(facade: str, namespace: MutableMapping[str, object]) -> None:
    """Set ``__module__`` to *facade* on the public classes and functions defined in *namespace*.

    Type hints are read in the namespace of an object's ``__module__``
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
        value.__module__ = facade
