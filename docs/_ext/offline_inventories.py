"""Write intersphinx inventories for the external names these docs link to.

The docs build runs where only the package registry is reachable, so
intersphinx cannot download ``objects.inv`` files. This module writes small
inventories instead, by introspecting the installed modules, with links to
the projects' published documentation.
"""

from __future__ import annotations

import builtins
import enum
import importlib
import inspect
import zlib
from pathlib import Path

PYTHON_MODULES = (
    "datetime",
    "decimal",
    "zoneinfo",
    "collections.abc",
    "typing",
    "enum",
    "argparse",
    "string",
    "functools",
    "types",
    "io",
    "fractions",
    "re",
)

# project -> (base URL, [(name, role, page)])
OTHERS = {
    "attrs": (
        "https://www.attrs.org/en/stable/",
        [
            ("attrs.frozen", "function", "api.html"),
            ("attrs.define", "function", "api.html"),
            ("attrs.field", "function", "api.html"),
            ("attrs.evolve", "function", "api.html"),
            ("attrs.Attribute", "class", "api.html"),
            ("attr.Attribute", "class", "api.html"),
            ("attrs.exceptions.FrozenInstanceError", "exception", "api.html"),
        ],
    ),
    "dateutil": (
        "https://dateutil.readthedocs.io/en/stable/",
        [
            ("dateutil.relativedelta.relativedelta", "class", "relativedelta.html"),
            ("dateutil.relativedelta", "module", "relativedelta.html"),
            ("dateutil", "module", "index.html"),
        ],
    ),
    "babel": (
        "https://babel.pocoo.org/en/latest/",
        [
            ("babel.core.Locale", "class", "api/core.html"),
            ("babel.numbers.format_currency", "function", "api/numbers.html"),
            ("babel.numbers.format_percent", "function", "api/numbers.html"),
            ("babel.numbers.format_decimal", "function", "api/numbers.html"),
            ("babel.numbers.list_currencies", "function", "api/numbers.html"),
            ("babel.dates.format_date", "function", "api/dates.html"),
            ("babel.dates.format_datetime", "function", "api/dates.html"),
        ],
    ),
}


def _role(obj: object) -> str | None:
    if inspect.isclass(obj):
        return "exception" if issubclass(obj, BaseException) else "class"
    if inspect.isfunction(obj) or inspect.isbuiltin(obj) or callable(obj):
        return "function"
    if inspect.ismodule(obj):
        return None
    return "data"


def _python_entries() -> list[tuple[str, str, str]]:
    entries: list[tuple[str, str, str]] = []
    for name, obj in vars(builtins).items():
        if name.startswith("_"):
            continue
        role = _role(obj)
        if role == "exception":
            page = f"library/exceptions.html#{name}"
        elif role == "class" and name in {
            "bool",
            "int",
            "float",
            "str",
            "list",
            "tuple",
            "dict",
            "set",
            "frozenset",
            "bytes",
            "range",
        }:
            page = f"library/stdtypes.html#{name}"
        else:
            page = f"library/functions.html#{name}"
        if role:
            entries.append((name, role, page))
        if role == "class":
            for attr in vars(obj):
                if not attr.startswith("_"):
                    entries.append(
                        (f"{name}.{attr}", "method", f"library/stdtypes.html#{name}.{attr}")
                    )
    entries.append(("None", "data", "library/constants.html#None"))
    for module_name in PYTHON_MODULES:
        module = importlib.import_module(module_name)
        page = f"library/{module_name}.html"
        entries.append((module_name, "module", f"{page}#module-{module_name}"))
        for name in dir(module):
            if name.startswith("_"):
                continue
            obj = getattr(module, name)
            role = _role(obj)
            if role is None:
                continue
            full = f"{module_name}.{name}"
            entries.append((full, role, f"{page}#{full}"))
            if inspect.isclass(obj) and not issubclass(obj, enum.Enum):
                for attr in vars(obj):
                    if not attr.startswith("_"):
                        entries.append((f"{full}.{attr}", "method", f"{page}#{full}.{attr}"))
    return entries


def _write(path: Path, project: str, entries: list[tuple[str, str, str]]) -> None:
    lines = "".join(f"{name} py:{role} 1 {uri} -\n" for name, role, uri in sorted(set(entries)))
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header.encode() + zlib.compress(lines.encode()))


def write_inventories(folder: Path) -> dict[str, tuple[str, str]]:
    """Write the inventories into *folder*; return an ``intersphinx_mapping``."""
    mapping = {}
    _write(folder / "python.inv", "Python", _python_entries())
    mapping["python"] = ("https://docs.python.org/3/", str(folder / "python.inv"))
    for project, (base, names) in OTHERS.items():
        entries = [(name, role, f"{page}#{name}") for name, role, page in names]
        _write(folder / f"{project}.inv", project, entries)
        mapping[project] = (base, str(folder / f"{project}.inv"))
    return mapping
