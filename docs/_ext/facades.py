"""Sphinx: read the public facades' source notes from the private modules they are made of.

``partnerrules.sla`` (and ``commission``, ``contracts``, ``deals``,
``lifecycle``) is a short facade over the private package ``partnerrules._sla``
(resp. ``_commission``, ...): its classes and functions name the facade as
their ``__module__`` (see ``partnerrules._public``), but their ``#:`` comments,
member order and ``@overload`` signatures are in the private modules' source.
Autodoc reads those through :class:`sphinx.pycode.ModuleAnalyzer` of the
``__module__``; this extension merges the private modules' analyses into the
facade's, so the API reference reads as it did before the split.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from sphinx.pycode import ModuleAnalyzer

_for_module = ModuleAnalyzer.for_module.__func__  # type: ignore[attr-defined]


def _parts(modname: str) -> list[str]:
    """The private modules the facade *modname* is made of (none if it is not a facade)."""
    head, _, tail = modname.rpartition(".")
    if not head.startswith("partnerrules") or tail.startswith("_"):
        return []
    try:
        package = importlib.import_module(f"{head}._{tail}")
    except ImportError:
        return []
    path = getattr(package, "__path__", None)
    if path is None:
        return []
    return [f"{package.__name__}.{info.name}" for info in pkgutil.iter_modules(path)]


def _merged(cls: type[ModuleAnalyzer], modname: str) -> ModuleAnalyzer:
    analyzer: Any = _for_module(cls, modname)
    parts = _parts(modname)
    if not parts or getattr(analyzer, "_facade_parts", None) is not None:
        return analyzer  # type: ignore[no-any-return]
    analyzer.analyze()
    for part in parts:
        other: Any = _for_module(cls, part)
        other.analyze()
        base = len(analyzer.tagorder)
        for name, order in other.tagorder.items():
            analyzer.tagorder.setdefault(name, base + order)
        for table in ("attr_docs", "annotations", "overloads", "tags"):
            mine, theirs = getattr(analyzer, table), getattr(other, table)
            for key, value in theirs.items():
                mine.setdefault(key, value)
        analyzer.finals.extend(f for f in other.finals if f not in analyzer.finals)
    analyzer._facade_parts = parts
    return analyzer  # type: ignore[no-any-return]


def setup(app: Any) -> dict[str, Any]:
    ModuleAnalyzer.for_module = classmethod(_merged)  # type: ignore[method-assign,assignment]
    return {"parallel_read_safe": True, "parallel_write_safe": True}
