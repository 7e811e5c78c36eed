"""Sphinx configuration for partnerrules."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from offline_inventories import write_inventories  # noqa: E402

import partnerrules  # noqa: E402

project = "partnerrules"
author = "partnerrules developers"
copyright = "2026, partnerrules developers"
release = partnerrules.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "myst_parser",
    "rule_catalogue",
    "policy_tables",
    "data_files",
    "facades",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
root_doc = "index"
nitpicky = True

html_theme = "furo"
html_title = "partnerrules"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True
autodoc_preserve_defaults = True

# Type variables are not documented objects.
nitpick_ignore = [("py:class", "partnerrules.convert.T"), ("py:class", "os.PathLike")]

# The build machine reaches no documentation site: inventories are written
# locally from the installed modules (see _ext/offline_inventories.py).
intersphinx_mapping = write_inventories(HERE / "_build" / "_inventories")
intersphinx_timeout = 5

doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)


_ATTRIBUTE_KINDS = {"attribute", "data", "property"}
_saved: dict[str, list[str]] = {}


def _save_attribute_doc(app, what, name, obj, options, lines):  # type: ignore[no-untyped-def]
    if what in _ATTRIBUTE_KINDS:
        _saved[name] = list(lines)


def _restore_attribute_doc(app, what, name, obj, options, lines):  # type: ignore[no-untyped-def]
    # napoleon reads "Label: text" on the first line of an attribute docstring
    # as "type: text"; our attribute docstrings are prose, so keep them as written.
    if what in _ATTRIBUTE_KINDS and name in _saved:
        lines[:] = _saved.pop(name)


def _public_bases(app, name, obj, options, bases):  # type: ignore[no-untyped-def]
    """Show public base classes: a private one is replaced by its own public bases."""
    shown = []
    for base in bases:
        cls = getattr(base, "__origin__", base)
        if getattr(cls, "__name__", "").startswith("_"):
            shown.extend(b for b in cls.__bases__ if not b.__name__.startswith("_"))
        else:
            shown.append(base)
    bases[:] = shown


def setup(app):  # type: ignore[no-untyped-def]
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("autodoc-process-docstring", _save_attribute_doc, priority=400)
    app.connect("autodoc-process-docstring", _restore_attribute_doc, priority=600)
