"""Mutation testing of the rule modules (issue #12, item 7): run by hand, not in CI.

Usage (from a checkout whose ``src`` is the code to measure, e.g. a ``git
worktree`` nobody edits meanwhile; the environment is the project's own, with
its ``test`` extra)::

    nice -n 19 python scripts/mutation.py --jobs 2           # every target
    nice -n 19 python scripts/mutation.py money calendars    # some of them
    nice -n 19 python scripts/mutation.py deals --sample 4   # every 4th mutant only
    python scripts/mutation.py --table                       # reprint the results
    python scripts/mutation.py --survivors money             # what survived, and why
    nice -n 19 python scripts/mutation.py --retry --jobs 2   # survivors again, after new tests

Targets: ``money``, ``calendars``, ``contracts``, ``commission``, ``deals``
(whole modules) and ``sla-windows``: the functions of the SLA engine that
compute window lengths, deadlines and states (``SLA_WINDOWS`` below), found
by name in whichever module of the package defines them now (outside
``partnerrules.frame``), so the target follows the code when it moves.

How it works, and why it is written here rather than taken from a tool:

1. *Coverage.* The test suite and the doctests run once (hypothesis with the
   ``mutation`` profile below: 12 derandomised examples, no shrinking) under a
   line tracer that records which lines of the target files each test
   executes. The map is kept in ``.mutation/``, keyed by the package's
   sources. Tests that fail, and the wall-clock-bound sweeps of
   ``EXCLUDED_TESTS``, are left out. Test files changed or added since the map
   was made run unmutated once per session; those of their tests that pass
   run first for every mutant (they are the tests written to kill survivors).
2. *Mutants.* Each target file is parsed; every point below yields one mutant,
   compiled from the changed syntax tree with the original line numbers:
   arithmetic and bitwise operators swapped (``+``/``-``, ``*``/``/``,
   ``//``/``/``, ``%``/``*``, ``&``/``|`` ...), also in augmented assignments;
   comparisons (``<``/``<=``, ``==``/``!=``, ``is``/``is not``,
   ``in``/``not in`` ...); ``and``/``or``; ``not x`` and ``-x`` to ``x``;
   ``True``/``False``; an integer or float literal ``n`` to ``n + 1``;
   ``break``/``continue``. Not mutated: docstrings, string literals (messages
   and keys), annotations, decorators, ``if TYPE_CHECKING`` blocks and
   ``__all__``.
3. *Runs.* The driver imports pytest, hypothesis and the heavy test
   dependencies once, never the package itself, and forks one child per
   mutant. The child puts an import hook first on ``sys.meta_path`` that
   serves the mutated code for the target module (pytest's assertion
   rewriting is off, as it would load the files named on its command line
   past the hook), and runs with ``-x`` only the tests that executed the
   mutated line, fastest first, in two sessions (the 25 fastest, then the
   rest); a line run only at import time selects the tests that run a line
   reading the constant it binds, else every test of the file. As the package
   is imported afresh in each child, no cache (``functools.cache`` on
   currencies, compiled calendar years, the policies' plans) can carry an
   unmutated result into a mutant's run. A mutant whose tests fail or error is
   *killed*; one still running after its time limit (four times its tests'
   traced time, plus 15 s) is stopped by the driver and counted as *timed out*
   (killed); one whose tests pass *survived*; one on a line no test executes
   is *uncovered* (a survivor). Survivors judged equivalent are listed in
   ``EQUIVALENT`` with their reason and left out of the score:
   (killed + timed out) / (mutants - equivalent).

Why not mutmut or cosmic-ray: mutmut 3 forks its runs from a process that has
already imported the package, so the ``functools.cache`` tables warmed before
the fork would answer for the mutants; it also mutates functions only
(module constants and class bodies are left out). cosmic-ray starts a fresh
interpreter and the whole suite per mutant (about 80 s here): the 1,205
mutants would take more than a day on two cores. Neither can target
functions by name across files. This script uses only the standard library
and pytest's public API, and is no dependency of the package.

Cost (two shared cores, ``nice -n 19``): the coverage run takes 2 to 6
minutes, then each mutant 2 to 10 s (a surviving one up to a minute: it runs
every test that covers its line); ``docs/reliability.rst`` gives the figures
of the last run. Results accumulate in ``.mutation/results.jsonl`` (one line
per mutant, keyed by the mutated file's hash), so an interrupted run resumes
where it stopped. ``--jobs N`` runs N children at a time (default 1: the
machine is shared).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import functools
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType, FrameType, ModuleType
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = SRC / "partnerrules"
STATE = ROOT / ".mutation"
RESULTS = STATE / "results.jsonl"

MODULES = ("money", "calendars", "contracts", "commission", "deals")
# The SLA windows code: lengths, plans, deadlines and states of the windows
# ("Class.method" names a method; a bare name a module-level function or class).
SLA_WINDOWS = (
    "_net",
    "_padd",
    "_spec",
    "_lengths",
    "_Plan",
    "_plan",
    "_held",
    "_pair",
    "_deadline_row",
    "_clip",
    "_share",
    "_window_row",
    "_status_row",
    "BusinessSpan.on",
    "TicketDeadlines.next_due",
    "WindowStatus.elapsed",
    "WindowStatus.limit",
    "WindowStatus.remaining",
    "WindowStatus.used",
    "WindowStatus.warn_at",
)
TARGETS = (*MODULES, "sla-windows")

# Timing-bound and hostile-input sweeps: they test speed and error types on
# purpose, and their wall-clock bounds turn a loaded machine into false kills.
# Surviving mutants judged equivalent (no test can tell them from the original), by
# target, stripped source line and change; the reasons are on docs/reliability.rst.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("money", "_PLACES: Final = Decimal((0, (1,), -MAX_PLACES))", "0 -> 1"):
        "_PLACES is only a quantize() exponent; its sign is never read",
    ("money", "_PLACES: Final = Decimal((0, (1,), -MAX_PLACES))", "1 -> 2"):
        "_PLACES is only a quantize() exponent; its digit is never read",
    ("money", "prec=100,", "100 -> 101"):
        "within the ranges every sum and product needs at most 84 digits, and a quotient "
        "kept to 100 or 101 digits with ROUND_05UP rounds to the same minor unit",
    ("money", "Emin=-999_999,", "999999 -> 1000000"):
        "exponents within the ranges stay above -200: the limit is never reached",
    ("money", "Emax=999_999,", "999999 -> 1000000"):
        "exponents within the ranges stay below 200: the limit is never reached",
    ("money", "clamp=0,", "0 -> 1"):
        "clamping only changes exponents above Emax - prec + 1, never reached",
    ("money", "locale = _parse_locale(text) if len(text) <= 40 else None", "<= -> <"):
        "a locale identifier matches _LOCALE_SHAPE only up to 30 characters: texts of 40 "
        "or 41 characters are refused either way",
    ("money", "locale = _parse_locale(text) if len(text) <= 40 else None", "40 -> 41"):
        "as above: no text of 40 or 41 characters is a locale",
    ("money", "if isinstance(exponent, int) and exponent < -MAX_PLACES:", "and -> or"):
        "a finite Decimal always has an int exponent; quantizing a factor of at most 50 "
        "places to 50 places keeps its value, and factors are used only by value (exact "
        "products, quotients, as_integer_ratio)",
    ("money", "if isinstance(exponent, int) and exponent < -MAX_PLACES:", "< -> <="):
        "a factor of exactly 50 places quantized to 50 places is unchanged",
    ("money", "if isinstance(exponent, int) and exponent < -MAX_PLACES:", "-x -> x"):
        "as 'and -> or': every factor is quantized to 50 places, which keeps its value",
    ("money", "given = list(islice(iter(ratios), MAX_PARTS + 1))  # never more than that",
     "1 -> 2"):
        "reads one more item of a sequence already too long; it is refused either way",
    ("money", "sign = -1 if units < 0 else 1", "< -> <="):
        "differs only for 0 units, where every part is 0 whatever the sign",
    ("money", "sign = -1 if units < 0 else 1", "0 -> 1"):
        "differs only for 0 units (units are ints), where every part is 0 whatever the sign",
    ("calendars", "second = (local.replace(fold=1) - _EPOCH) // _US", "// -> /"):
        "a float quotient of whole microseconds below 2**53 (every instant to 2100 is) is "
        "exact; it is only compared and bisected, and ints and floats of one value agree",
    ("calendars", "self.total = 0", "0 -> 1"):
        "_Year.total is always set by _compile, the only place a _Year is built, before use",
    ("contracts", "return min(Fraction(days, 30), Fraction(1))", "1 -> 2"):
        "within one calendar month 30/360 counts at most 30 days (D1 >= 1, D2 <= 31, and the "
        "1st of the next month gives D2 - D1 + 30 <= 30): the cap never binds",
    ("commission", "_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)", "1 -> 2"):
        "_EPOCH is only the origin of sort keys (instant - _EPOCH): any fixed origin orders "
        "the same",
    ("deals", "if isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 1:",
     "not x -> x"):
        "an int out of [0, 1] then reaches _validate.fraction, which raises the same "
        "InvalidValueError (field, value, 'a fraction in [0, 1]'); a bool still gets "
        "its InvalidTypeError there",
    ("deals",
     "for index, (registration, status) in enumerate(zip(items, statuses, strict=True)):",
     "True -> False"):
        "statuses is built from items one for one just above: the lengths always match",
    ("calendars",
     "while y + 1 <= LAST_YEAR + 1 and us >= _instant(zone, dt.date(y + 1, 1, 1), 0):",
     "+ -> -"):
        "(the first '+', y - 1 in the bound) the search may step two years past the horizon "
        "instead of one; _year refuses any year past LAST_YEAR with the same HorizonError. "
        "The second '+' (LAST_YEAR - 1) is killed",
    ("contracts",
     "return a.day == 1 and b.day == 1 and _month_index(b) == _month_index(a) + 1",
     "== -> !="):
        "(the third '==') a span from a 1st to the next month's 1st, when not taken as a "
        "full month, is prorated by a fraction of exactly 1 in every convention (31/31, "
        "min(31/30, 1), 30/30): the same amount. The other two are killed",
    ("deals", "if isinstance(entry, Segment) and entry in _COMMERCIAL:", "in -> not in"):
        "Segment is a str enum: a commercial member then takes the next branch (a str equal "
        "to a known value) and becomes Segment(entry), itself",
    ("calendars", "us: int = (value - _EPOCH) // _US", "// -> /"):
        "whole microseconds as a float are exact below 2**53 (year 2255); inside the horizon "
        "(to 2100) every value is, and the value is only compared, bisected and added",
    ("calendars", "if year is None or not year.lo <= us < year.hi:", "<= -> <"):
        "(the cache check of _year_us) an instant at the very start of the cached year "
        "misses the cache and is located afresh, in the same year",
    ("calendars", "ordinal = _EPOCH_ORDINAL + us // _DAY_US", "+ -> -"):
        "_utc_year only gives _year_us a hint: a wrong hint misses the cache and the year is "
        "located from the clamped hint, one year at a time (slower, same year)",
    ("calendars",
     "return dt.date.fromordinal(min(max(ordinal, 1), _MAX_ORDINAL)).year", "1 -> 2"):
        "as above: only the hint of an instant before 2 January of year 1 changes",
    ("calendars",
     "inside = us - year.starts[i] if us < year.ends[i] else year.ends[i] - year.starts[i]",
     "< -> <="):
        "for us == ends[i] both branches give ends[i] - starts[i]",
    ("calendars", "_DAY_US = 86_400_000_000", "86400000000 -> 86400000001"):
        "every use stays consistent: the regular-day shortcut never applies (each day takes "
        "the exact path), a midnight close maps to _DAY_US and back to the day's end, and "
        "_utc_year only gives a hint",
    ("calendars", "if first <= second:", "<= -> <"):
        "for first == second the gap search starts with lo == hi and returns first",
    ("calendars", "regular = day_hi - day_lo == _DAY_US", "- -> +"):
        "no day is then taken for a regular 24-hour day: each takes the exact path, with "
        "the same instants",
    ("calendars", "day_lo = _instant(zone, day, 0)", "0 -> 1"):
        "the year's first day takes the exact path (same instants), and the year's lo is 1 "
        "µs late: the instant of local New Year misses the cache and is located again, in "
        "the same year",
    ("calendars", "y = max(FIRST_YEAR - 1, min(LAST_YEAR + 1, hint))", "1 -> 2"):
        "only a hint outside the horizon is clamped one year further; the search then "
        "raises the same HorizonError (or finds the same year)",
    ("calendars", "if d > 0:", "> -> >="):
        "_move is never called with d == 0: add and _add_us return before it, and SLA "
        "windows last at least one unit (BusinessSpan amounts are 1 to MAX_SPAN)",
    ("calendars", "return self._position(yb, ub) - self._position(ya, ua)", "- -> +"):
        "unreachable: every caller of _between handles two instants of one year itself",
    ("sla-windows", "if ps >= b:", ">= -> >"):
        "a pause starting exactly at b then subtracts elapsed(b, b) = 0 before the loop ends",
    ("sla-windows", "stop = b if pe is None or pe > b else pe", "> -> >="):
        "for pe == b both branches give b",
    ("sla-windows", "total -= elapsed(ps if ps > a else a, stop)", "> -> >="):
        "for ps == a both branches give a",
    ("sla-windows", "if ps > cur:", "> -> >="):
        "for ps == cur the subtracted open time is elapsed(cur, cur) = 0",
    ("sla-windows", "if len(plans) >= _PLANS_MAX:", ">= -> >"):
        "the plan cache is cleared at one more entry: a memory bound, never an answer",
}  # fmt: skip

# Tests run in a mutant's first pytest session (the fastest), before the rest.
STAGE = 25

EXCLUDED_TESTS = ("tests/test_fuzz_api.py", "tests/test_dask_recipe.py")
# Tests that bound a call's wall-clock time (a second): on a loaded machine, under
# ``nice``, they fail for want of CPU, which would count as a kill.
EXCLUDED_NODES = (
    "tests/test_money_boundary.py::test_only_partnerrules_errors_escape_and_no_call_is_slow",
    "tests/test_money_boundary.py::test_an_error_is_built_and_printed_whatever_it_is_given",
    "tests/test_money_bounds.py::test_a_value_beyond_the_ranges_is_refused_at_once_with_the_range",
    "tests/test_money_bounds.py::test_no_call_runs_for_long_or_allocates_much",
    "tests/test_sla_boundary.py::test_hostile_values_raise_only_typed_errors_and_never_hang",
    "tests/test_deals_fuzz.py::test_hostile_values_raise_only_partnerrules_errors_and_never_hang",
    "tests/test_lifecycle_boundary.py::test_hostile_values_raise_only_typed_errors_and_never_hang",
)


# ---------------------------------------------------------------------------
# Targets: which file, which lines
# ---------------------------------------------------------------------------


@dataclass
class Target:
    """One row of the table: a file and the part of it to mutate."""

    name: str
    path: Path
    module: str
    # (first, last) line ranges to mutate; None: the whole module.
    spans: list[tuple[int, int]] | None = None
    missing: list[str] = field(default_factory=list)


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


_Def = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _definitions(tree: ast.Module) -> dict[str, _Def]:
    """Top-level functions and classes, and ``Class.method`` for their methods."""
    found: dict[str, _Def] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found[node.name] = node
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    found[f"{node.name}.{item.name}"] = item
    return found


def resolve(name: str) -> list[Target]:
    """The file(s) of the target *name*.

    A module target is its file and, when its code has moved into a private
    package of the same name (``commission.py`` and ``_commission/``), every
    module of that package. The SLA windows are their functions, wherever in
    the package (outside ``partnerrules.frame``) they are defined.
    """
    if name in MODULES:
        paths = [PACKAGE / f"{name}.py", *sorted((PACKAGE / f"_{name}").rglob("*.py"))]
        return [Target(name, p, _module_name(p)) for p in paths if p.exists()]
    if name != "sla-windows":
        raise SystemExit(f"unknown target {name!r}; known: {', '.join(TARGETS)}")
    wanted = set(SLA_WINDOWS)
    by_file: dict[Path, list[tuple[int, int]]] = {}
    # The scalar engine only (partnerrules.frame has a vectorised twin of its own). A
    # name defined in several modules (``_share``, ``_held``) is taken from the module
    # that defines most of the names, then from the SLA modules.
    found = {
        path: _definitions(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
        if not _module_name(path).startswith("partnerrules.frame")
    }
    ranked = sorted(
        found,
        key=lambda p: (-len(wanted & found[p].keys()), "sla" not in _module_name(p), str(p)),
    )
    for path in ranked:
        defs = found[path]
        for key in sorted(wanted & defs.keys()):
            node = defs[key]
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            by_file.setdefault(path, []).append((first, node.end_lineno or node.lineno))
            wanted.discard(key)
    targets = [Target(name, p, _module_name(p), spans) for p, spans in by_file.items()]
    if wanted:
        if not targets:
            raise SystemExit(f"sla-windows: none of {sorted(wanted)} found")
        targets[0].missing = sorted(wanted)
    return targets


# ---------------------------------------------------------------------------
# Mutants
# ---------------------------------------------------------------------------

_BINOP: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.Mult,
    ast.Pow: ast.Mult,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
    ast.BitXor: ast.BitAnd,
}
_CMP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SYMBOL = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitAnd: "&",
    ast.BitOr: "|", ast.BitXor: "^", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not",
    ast.In: "in", ast.NotIn: "not in", ast.And: "and", ast.Or: "or",
}  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    """One change: the *index*-th mutation point of a file, and what it does."""

    index: int
    line: int
    end_line: int
    what: str
    # The names bound by the module-level statement holding the point (test selection).
    names: tuple[str, ...] = ()
    # The point's first source line, stripped (what EQUIVALENT entries match).
    source: str = ""


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    body = getattr(parent, "body", None)
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and isinstance(body, list)
        and bool(body)
        and body[0] is node
    )


def _skipped(node: ast.AST, parent: ast.AST | None) -> bool:
    if _is_docstring(node, parent):
        return True
    if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
        return True
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            return True
    return isinstance(node, ast.JoinedStr)


def _children(node: ast.AST) -> Iterator[ast.AST]:
    """Children worth visiting: annotations and decorators are left out."""
    for name, value in ast.iter_fields(node):
        if name in ("annotation", "returns", "decorator_list", "type_comment"):
            continue
        if isinstance(value, list):
            yield from (v for v in value if isinstance(v, ast.AST))
        elif isinstance(value, ast.AST):
            yield value


def _bound(node: ast.AST) -> tuple[str, ...]:
    """The names a module-level statement binds (none for most statements)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return (node.name,)
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    else:
        return ()
    return tuple(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))


def _uses(tree: ast.Module) -> dict[str, set[int]]:
    """The lines that read each name."""
    uses: dict[str, set[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            uses.setdefault(node.id, set()).add(node.lineno)
    return uses


class _Points:
    """Walk a tree in a fixed order; count mutation points; apply one if asked."""

    def __init__(
        self, spans: list[tuple[int, int]] | None, lines: list[str], apply: int | None = None
    ) -> None:
        self.spans = spans
        self.lines = lines
        self.apply = apply
        self.count = 0
        self.found: list[Mutant] = []
        self.names: tuple[str, ...] = ()

    def _in_scope(self, node: ast.AST) -> bool:
        if self.spans is None:
            return True
        line = getattr(node, "lineno", None)
        return line is not None and any(a <= line <= b for a, b in self.spans)

    def _point(self, node: ast.AST, what: str) -> bool:
        """Record a point; True when it is the one to apply."""
        index = self.count
        self.count += 1
        line = getattr(node, "lineno", 0)
        end = getattr(node, "end_lineno", line) or line
        source = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        self.found.append(Mutant(index, line, end, what, self.names, source))
        return index == self.apply

    def visit(self, node: ast.AST, parent: ast.AST | None = None) -> None:
        if _skipped(node, parent):
            return
        if isinstance(parent, ast.Module):
            self.names = _bound(node)
        if self._in_scope(node):
            self._mutate(node)
        for child in list(_children(node)):
            self.visit(child, node)

    def _mutate(self, node: ast.AST) -> None:
        if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOP:
            new = _BINOP[type(node.op)]
            if self._point(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new]}"):
                node.op = new()
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                new_cmp = _CMP[type(op)]
                if self._point(node, f"{_SYMBOL[type(op)]} -> {_SYMBOL[new_cmp]}"):
                    node.ops[i] = new_cmp()
        elif isinstance(node, ast.BoolOp):
            new_bool = ast.Or if isinstance(node.op, ast.And) else ast.And
            if self._point(node, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[new_bool]}"):
                node.op = new_bool()
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
            sign = "not " if isinstance(node.op, ast.Not) else "-"
            if self._point(node, f"{sign}x -> x"):
                node.op = ast.UAdd() if isinstance(node.op, ast.USub) else _Identity()
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                if self._point(node, f"{value} -> {not value}"):
                    node.value = not value
            elif isinstance(value, int | float) and self._point(node, f"{value!r} -> {value + 1}"):
                node.value = value + 1
        elif isinstance(node, ast.Break | ast.Continue):
            word = "break" if isinstance(node, ast.Break) else "continue"
            other = "continue" if word == "break" else "break"
            if self._point(node, f"{word} -> {other}"):
                node.__class__ = ast.Continue if word == "break" else ast.Break


class _Identity(ast.unaryop):
    """Marker: ``not x`` becomes ``x`` (rewritten away before compiling)."""


class _Unwrap(ast.NodeTransformer):
    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        return node.operand if isinstance(node.op, _Identity) else node


def mutants(target: Target) -> list[Mutant]:
    text = target.path.read_text(encoding="utf-8")
    points = _Points(target.spans, text.splitlines())
    points.visit(ast.parse(text))
    return points.found


def mutated_code(target: Target, index: int) -> CodeType:
    text = target.path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    points = _Points(target.spans, text.splitlines(), apply=index)
    points.visit(tree)
    tree = ast.fix_missing_locations(_Unwrap().visit(copy.deepcopy(tree)))
    return compile(tree, str(target.path), "exec", dont_inherit=True)


# ---------------------------------------------------------------------------
# Children: coverage and mutant runs
# ---------------------------------------------------------------------------


def _register_profile() -> None:
    from hypothesis import HealthCheck, Phase, settings

    settings.register_profile(
        "mutation",
        max_examples=12,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def _warm() -> None:
    """Import what every child needs (never the package itself)."""
    import pytest  # noqa: F401

    _register_profile()
    for name in ("attrs", "cattrs", "dateutil", "babel", "holidays", "numpy", "pandas"):
        with contextlib.suppress(ImportError):
            __import__(name)
    assert not any(m.startswith("partnerrules") for m in sys.modules), "package imported early"


class _Selection:
    """pytest plugin: keep only *wanted* tests, in the order given."""

    def __init__(self, wanted: Sequence[str]) -> None:
        self.order = {nodeid: i for i, nodeid in enumerate(wanted)}
        self.failed: str | None = None

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed and self.failed is None:
            self.failed = report.nodeid

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed and self.failed is None:  # e.g. a test module failed to import
            self.failed = f"{report.nodeid} (collection)"

    def pytest_collection_modifyitems(self, config: Any, items: list[Any]) -> None:
        kept = [item for item in items if item.nodeid in self.order]
        dropped = [item for item in items if item.nodeid not in self.order]
        kept.sort(key=lambda item: self.order[item.nodeid])
        items[:] = kept
        config.hook.pytest_deselected(items=dropped)


class _Tracer:
    """pytest plugin: the target lines each test executes, and its duration."""

    def __init__(self, files: set[str]) -> None:
        self.files = files
        self.current = "<import>"
        self.lines: dict[str, set[tuple[str, int]]] = {}
        self.durations: dict[str, float] = {}
        self.failed: set[str] = set()

    def _local(self, frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            self.lines.setdefault(self.current, set()).add(
                (frame.f_code.co_filename, frame.f_lineno)
            )
        return self._local

    def trace(self, frame: FrameType, event: str, arg: object) -> Any:
        if frame.f_code.co_filename in self.files:
            self._local(frame, "line", arg)
            return self._local
        return None

    def pytest_runtest_protocol(self, item: Any, nextitem: Any) -> Any:
        self.current = item.nodeid
        self.durations[item.nodeid] = time.perf_counter()
        return None

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            self.failed.add(report.nodeid)
        if report.when == "teardown":
            self.durations[report.nodeid] = time.perf_counter() - self.durations[report.nodeid]
            self.current = "<between>"


def _pytest_args(files: Sequence[str], first_failure: bool) -> list[str]:
    return [
        *files,
        "-p", "no:cacheprovider",
        # hypothesis is imported before pytest starts (the driver warms it up).
        "-W", "ignore::pytest.PytestAssertRewriteWarning",
        # Mutant runs: stop at the first failure, and no assertion rewriting (pytest
        # would load the files named on its command line itself, past the mutant's hook).
        *(["-x", "--assert=plain"] if first_failure else []),
        "-q",
        "--rootdir", str(ROOT),
    ]  # fmt: skip


def _child_coverage(files: set[str], out: Path) -> None:
    import pytest

    tracer = _Tracer(files)
    sys.settrace(tracer.trace)
    import threading

    threading.settrace(tracer.trace)
    tests = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").glob("test_*.py")
        if str(p.relative_to(ROOT)) not in EXCLUDED_TESTS
    )
    # The doctests count too (the project's pytest options collect them).
    tests += ["src", "docs", "README.md"]
    rc = pytest.main(_pytest_args(tests, first_failure=False), plugins=[tracer])
    sys.settrace(None)
    threading.settrace(None)
    data = {
        "rc": int(rc),
        "failed": sorted(tracer.failed),
        "durations": tracer.durations,
        "lines": {k: sorted(v) for k, v in tracer.lines.items()},
    }
    out.write_text(json.dumps(data), encoding="utf-8")


class _MutantFinder(importlib.abc.MetaPathFinder):
    class Loader(importlib.machinery.SourceFileLoader):
        code: CodeType

        def get_code(self, fullname: str) -> CodeType:
            return self.code

    def __init__(self, module: str, path: Path, code: CodeType) -> None:
        self.module, self.path, self.code = module, path, code

    def find_spec(self, fullname: str, path: Any, target: ModuleType | None = None) -> Any:
        if fullname != self.module:
            return None
        loader = self.Loader(fullname, str(self.path))
        loader.code = self.code
        return importlib.util.spec_from_file_location(fullname, str(self.path), loader=loader)


def _child_mutant(target: Target, index: int, tests: list[str]) -> None:
    import pytest

    sys.meta_path.insert(0, _MutantFinder(target.module, target.path, mutated_code(target, index)))
    # Two sessions: the fastest tests first, so that most mutants die before the
    # other test files are even collected.
    rc = 0
    for stage in (tests[:STAGE], tests[STAGE:]):
        if rc == 0 and stage:
            files = sorted({t.split("::", 1)[0] for t in stage})
            selection = _Selection(stage)
            rc = pytest.main(_pytest_args(files, first_failure=True), plugins=[selection])
            if selection.failed is not None:  # which test killed it, for the results
                (STATE / f"by-{os.getpid()}").write_text(selection.failed, encoding="utf-8")
    module = sys.modules.get(target.module)
    if rc != 0:
        os._exit(1 if rc in (1, 2) else 3)
    if module is None:
        os._exit(4)  # no test that ran imported the module: uncovered
    if not isinstance(getattr(module.__spec__, "loader", None), _MutantFinder.Loader):
        os._exit(3)  # the original was loaded, not the mutant: a fault of this script
    os._exit(0)


def _fork(run: Any, *args: Any) -> int:
    pid = os.fork()
    if pid == 0:
        try:
            if not os.environ.get("MUTATION_VERBOSE"):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
            os.environ["HYPOTHESIS_PROFILE"] = "mutation"
            # Tests that start Python again import the measured copy too (unmutated).
            os.environ["PYTHONPATH"] = os.pathsep.join(
                [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
            )
            os.chdir(ROOT)
            sys.path.insert(0, str(SRC))
            run(*args)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(0)
    return pid


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def _digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _test_files() -> dict[str, str]:
    """Each test file (path from the root) and the hash of its text."""
    return {
        str(p.relative_to(ROOT)): _digest([p]) for p in sorted((ROOT / "tests").glob("test_*.py"))
    }


class _Passed:
    """pytest plugin: the tests that pass, and how long each took."""

    def __init__(self) -> None:
        self.failed: set[str] = set()
        self.durations: dict[str, float] = {}

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.failed:
            self.failed.add(report.nodeid)
        elif report.when == "call":
            self.durations[report.nodeid] = report.duration


def _child_baseline(files: list[str], out: Path) -> None:
    import pytest

    passed = _Passed()
    pytest.main(_pytest_args(files, first_failure=False), plugins=[passed])
    ok = {t: d for t, d in passed.durations.items() if t not in passed.failed}
    out.write_text(json.dumps(ok), encoding="utf-8")


def coverage(targets: Sequence[Target]) -> dict[str, Any]:
    """The coverage map of the test suite over the *targets*' files (run once, then kept).

    The map is keyed by the package's sources. Test files changed or added since
    it was made are *fresh*: their tests are not in the map, so they run
    unmutated once here, and those that pass run for every mutant (first: new
    tests are the ones written to kill survivors).
    """
    files = sorted({str(t.path) for t in targets})
    key = _digest(sorted(PACKAGE.rglob("*.py")))
    key += "-" + hashlib.sha256("".join(files).encode()).hexdigest()[:8]
    cached = STATE / f"coverage-{key}.json"
    STATE.mkdir(exist_ok=True)
    if not cached.exists():
        print(f"coverage run of the test suite over {len(files)} file(s) ...", flush=True)
        started = time.monotonic()
        tests = _test_files()
        pid = _fork(_child_coverage, set(files), cached)
        os.waitpid(pid, 0)
        if not cached.exists():
            raise SystemExit("the coverage run failed")
        data = dict(json.loads(cached.read_text(encoding="utf-8")))
        data["tests"] = tests
        cached.write_text(json.dumps(data), encoding="utf-8")
        print(f"  done in {time.monotonic() - started:.0f} s; failing tests left out: "
              f"{len(data['failed'])}", flush=True)  # fmt: skip
    data = dict(json.loads(cached.read_text(encoding="utf-8")))
    known: dict[str, str] = data.get("tests", {})
    fresh = sorted(f for f, h in _test_files().items() if known.get(f) != h)
    data["fresh"] = fresh
    data["fresh_ok"] = {}
    if fresh:
        out = STATE / "fresh.json"
        out.unlink(missing_ok=True)
        pid = _fork(_child_baseline, fresh, out)
        os.waitpid(pid, 0)
        data["fresh_ok"] = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        print(f"fresh test files: {', '.join(fresh)}; {len(data['fresh_ok'])} tests pass "
              "unmutated and run for every mutant", flush=True)  # fmt: skip
    return data


def _selector(cov: dict[str, Any], target: Target) -> Any:
    fresh = set(cov.get("fresh", ()))
    failed = set(cov["failed"]) | {t for t in cov["durations"] if t.split("::")[0] in fresh}
    durations: dict[str, float] = {**cov["durations"], **cov.get("fresh_ok", {})}
    first: list[str] = sorted(cov.get("fresh_ok", {}), key=lambda t: (durations[t], t))
    path = str(target.path)
    by_line: dict[int, set[str]] = {}
    raw_by_line: dict[int, set[str]] = {}
    at_import: set[int] = set()
    for test, lines in cov["lines"].items():
        for file, line in lines:
            if file != path:
                continue
            if test in durations and test not in failed:
                raw_by_line.setdefault(line, set()).add(test)
                if not test.startswith(EXCLUDED_NODES):
                    by_line.setdefault(line, set()).add(test)
            elif test == "<import>":
                at_import.add(line)
    tree = ast.parse(target.path.read_text(encoding="utf-8"))
    uses = _uses(tree)
    classes = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    stem = target.name.split("-")[0]  # sla-windows: the tests of sla
    own = {
        t
        for t in durations
        if t.startswith((f"tests/test_{stem}", f"tests/test_mutants_{stem}"))
        and t not in failed
        and not t.startswith(EXCLUDED_NODES)
    }
    binders = {
        line: _bound(node)
        for node in tree.body
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
        if _bound(node)
    }

    def readers(names: tuple[str, ...], by_line: dict[int, set[str]]) -> set[str]:
        # Tests that run a line reading one of *names*, following constants built
        # from constants at import time (``_PLACES`` from ``MAX_PLACES``).
        tests: set[str] = set()
        seen: set[str] = set()
        todo = list(names)
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for line in uses.get(name, ()):
                if line in by_line:
                    tests |= by_line[line]
                else:  # read at import only, into another constant
                    todo.extend(binders.get(line, ()))
        return tests

    def select(m: Mutant, raw: bool = False) -> tuple[list[str], float]:
        lines = raw_by_line if raw else by_line
        tests: set[str] = set()
        for line in range(m.line, m.end_line + 1):
            tests |= lines.get(line, set())
        if not tests and any(line in at_import for line in range(m.line, m.end_line + 1)):
            # A line run only at import: a constant is tried by the tests that read it;
            # a class body, a default or a constant read by other modules, by them all.
            everything = set().union(*lines.values()) if lines else set()
            # A class body is read through its instances and its signature: by any test
            # of the file, and by the tests of the module's own test files.
            named = m.names and not classes & set(m.names)
            tests = (readers(m.names, lines) if named else everything | own) or everything
        if not tests and not first:
            return [], 0.0
        ordered = first + sorted(tests - set(first), key=lambda t: (durations[t], t))
        return ordered, sum(durations[t] for t in ordered)

    return select


def suspect(select: Any, m: Mutant) -> bool:
    """Whether *m*'s tests, before EXCLUDED_NODES, held one that could fail on its own."""
    tests, _ = select(m, raw=True)
    return any(t.startswith(EXCLUDED_NODES + SUBPROCESS_FILES) for t in tests)


def _load_results() -> dict[tuple[str, str, int], dict[str, Any]]:
    done: dict[tuple[str, str, int], dict[str, Any]] = {}
    if RESULTS.exists():
        for line in RESULTS.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            done[(row["target"], row["hash"], row["index"])] = row
    return done


def _record(
    out: TextIO,
    target: Target,
    digest: str,
    m: Mutant,
    outcome: str,
    seconds: float,
    by: str | None = None,
) -> None:
    row = {
        "target": target.name, "file": str(target.path.relative_to(ROOT)), "hash": digest,
        "index": m.index, "line": m.line, "source": m.source, "what": m.what, "outcome": outcome,
        "seconds": round(seconds, 2), "by": by,
    }  # fmt: skip
    out.write(json.dumps(row) + "\n")
    out.flush()


# Test files that start Python again (their subprocesses used to import the package from
# wherever it was installed, not the measured copy).
SUBPROCESS_FILES = (
    "tests/test_cli.py", "tests/test_cli_errors.py", "tests/test_convert_typing.py",
    "tests/test_frame_sla.py", "tests/test_package.py", "tests/test_testing_strategies.py",
)  # fmt: skip


def _wanted(row: dict[str, Any] | None, retry: bool, recheck: bool, suspect: bool) -> bool:
    """Whether to run a mutant now.

    By default, one not run yet; with *retry*, one that was not killed; with
    *recheck*, one killed by a run that did not record its killing test, when a
    test it selects could fail for a reason of its own (a wall-clock bound, a
    subprocess): results of earlier versions of this script.
    """
    if recheck:
        return (
            row is not None
            and row["outcome"] in ("killed", "timeout")
            and "by" not in row
            and suspect
        )
    if retry:
        return row is not None and row["outcome"] in ("survived", "uncovered", "error")
    return row is None


def run(
    names: Sequence[str], jobs: int, retry: bool = False, sample: int = 1, recheck: bool = False
) -> None:
    _warm()
    targets = [t for n in names for t in resolve(n)]
    cov = coverage([t for n in TARGETS for t in resolve(n)])
    STATE.mkdir(exist_ok=True)
    for target in targets:
        done = _load_results()  # afresh: another run may have done some meanwhile
        if target.missing:
            print(f"{target.name}: not found, left out: {', '.join(target.missing)}")
        digest = _digest([target.path])
        select = _selector(cov, target)
        todo = [
            m
            for m in mutants(target)
            if m.index % sample == 0
            and not (retry and (target.name, m.source, m.what) in EQUIVALENT)
            and _wanted(
                done.get((target.name, digest, m.index)), retry, recheck, suspect(select, m)
            )
        ]
        print(f"{target.name} ({target.path.relative_to(ROOT)}): {len(todo)} mutants to run",
              flush=True)  # fmt: skip
        started = time.monotonic()
        running: dict[int, tuple[Mutant, float, float]] = {}
        queue = list(todo)
        with RESULTS.open("a", encoding="utf-8") as out:
            record = functools.partial(_record, out, target, digest)
            while queue or running:
                while queue and len(running) < jobs:
                    m = queue.pop(0)
                    tests, cost = select(m)
                    if not tests:
                        record(m, "uncovered", 0.0)
                        continue
                    pid = _fork(_child_mutant, target, m.index, tests)
                    now = time.monotonic()
                    running[pid] = (m, now, now + 15 + 4 * cost)
                time.sleep(0.02)
                for pid, (m, began, deadline) in list(running.items()):
                    got, status = os.waitpid(pid, os.WNOHANG)
                    now = time.monotonic()
                    if got == 0:
                        if now > deadline:
                            os.kill(pid, signal.SIGKILL)
                            os.waitpid(pid, 0)
                            record(m, "timeout", now - began)
                            del running[pid]
                        continue
                    code = os.waitstatus_to_exitcode(status)
                    outcome = {0: "survived", 1: "killed", 4: "uncovered"}.get(code, "error")
                    by_file = STATE / f"by-{pid}"
                    by = by_file.read_text(encoding="utf-8") if by_file.exists() else None
                    by_file.unlink(missing_ok=True)
                    record(m, outcome, now - began, by)
                    del running[pid]
        print(f"  {len(todo)} run in {time.monotonic() - started:.0f} s", flush=True)
    table(names)


def _latest(names: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    done = _load_results()
    rows: dict[str, list[dict[str, Any]]] = {}
    for name in names:
        for target in resolve(name):
            digest = _digest([target.path])
            for m in mutants(target):
                row = done.get((name, digest, m.index))
                if row is not None:
                    row = {**row, "line": m.line, "source": m.source, "what": m.what}
                    judged = (name, m.source, m.what) in EQUIVALENT
                    if row["outcome"] in ("survived", "uncovered") and judged:
                        row["outcome"] = "equivalent"
                    rows.setdefault(name, []).append(row)
    return rows


_OUTCOMES = ("killed", "timeout", "equivalent", "survived", "uncovered", "error")


def table(names: Sequence[str]) -> None:
    """Per target: mutants, outcomes, and the score.

    The score is (killed + timed out) / (mutants - equivalent); the raw score
    counts the equivalent mutants as survivors.
    """
    rows = _latest(names)
    print(f"{'target':<12} {'all':>5} {'run':>5} " + " ".join(f"{k:>10}" for k in _OUTCOMES)
          + f" {'raw':>6} {'score':>6}")  # fmt: skip
    for name in names:
        got = rows.get(name, [])
        every = sum(len(mutants(t)) for t in resolve(name))
        n = {k: sum(r["outcome"] == k for r in got) for k in _OUTCOMES}
        total = len(got)
        dead = n["killed"] + n["timeout"]
        raw = dead / total if total else 0.0
        score = dead / (total - n["equivalent"]) if total > n["equivalent"] else 0.0
        print(f"{name:<12} {every:>5} {total:>5} " + " ".join(f"{n[k]:>10}" for k in _OUTCOMES)
              + f" {raw:>6.1%} {score:>6.1%}")  # fmt: skip


def survivors(names: Sequence[str]) -> None:
    for name, got in _latest(names).items():
        for r in sorted(got, key=lambda r: r["line"]):
            if r["outcome"] in ("equivalent", "survived", "uncovered", "error"):
                print(f"{name} {r['file']}:{r['line']} [{r['index']}] {r['what']} "
                      f"({r['outcome']}): {r['source']}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("targets", nargs="*", default=list(TARGETS), help=", ".join(TARGETS))
    parser.add_argument("--jobs", type=int, default=1, help="children at a time (default 1)")
    parser.add_argument("--table", action="store_true", help="print the last results only")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--count", action="store_true", help="count the mutants only")
    parser.add_argument(
        "--sample", type=int, default=1, help="run every Nth mutant only (default 1: all)"
    )
    parser.add_argument(
        "--recheck",
        action="store_true",
        help="run again the kills of earlier versions that a test could have made on its own",
    )
    parser.add_argument(
        "--retry", action="store_true", help="run the survivors again (after adding tests)"
    )
    args = parser.parse_args(argv)
    names = list(args.targets)
    if args.count:
        for name in names:
            print(name, sum(len(mutants(t)) for t in resolve(name)))
    elif args.table:
        table(names)
    elif args.survivors:
        survivors(names)
    else:
        run(
            names,
            max(1, args.jobs),
            retry=args.retry,
            sample=max(1, args.sample),
            recheck=args.recheck,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
