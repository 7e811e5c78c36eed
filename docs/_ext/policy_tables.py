"""Policy values as tables: the ``policy-tables`` directive and long module data in autodoc.

A policy pack's values (an SLA matrix, a commission plan, a directory of
regions, a list of steps) are data. Autodoc would print them as one long
``repr``; this extension renders them as tables instead, at build time, from
the values themselves, so the page cannot drift from the code:

* ``.. policy-tables:: partnerrules.programmes.ZOHO`` renders one value
  (a programme, an SLA policy, a commission plan, any pack value);
* ``.. policy-pack:: partnerrules.policies.zoho`` documents a module's
  public names as autodoc would, except that a value whose ``repr`` is
  longer than :data:`SHORT` characters is shown without it and with its
  tables under its description (short values keep their ``= value`` line).

Known shapes have their own layout: a programme is its rules (id, section,
statement), its SLA policy and its commission plan; a severity matrix is a
severity x metric grid; a mapping of mappings is a grid; a sequence of attrs
values is a table with one column per field. Anything else is a table of
fields or of keys and values, nested values rendered inside their cells.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

#: The longest ``repr`` a pack's page still prints as a value's ``= value``.
SHORT = 80


# -- plain text of one value (a cell) -------------------------------------------------------


def _cell(value: Any) -> str:
    """One value as inline reStructuredText, for a table cell or a field."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return f"``{value.value}``"
    if isinstance(value, str):
        return _escape(value) if value else "(empty)"
    if isinstance(value, (int, Decimal)):
        return f"``{value}``"
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return f"``{value.isoformat()}``"
    if isinstance(value, dt.timedelta):
        return f"``{value}``"
    if _is_span(value):
        return f"{value[0]} {value[1]}"
    if _is_window(value):
        return _window(value)
    kind = type(value).__name__
    if kind == "Money":
        return f"``{value.amount} {value.currency}``"
    if kind == "BusinessSpan":
        return f"{value.amount} {value.unit}"
    if kind == "ResponseWindow":
        target, limit = value.target, value.limit
        return _window(((target.amount, target.unit), (limit.amount, limit.unit)))
    if kind == "BusinessCalendar":
        return f"a calendar in ``{value.zone}``"
    if kind == "MonthDay":
        return f"{value.day:02d}/{value.month:02d}"
    if isinstance(value, Mapping):
        return "; ".join(f"{_cell(k)}: {_cell(v)}" for k, v in value.items()) or "(none)"
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (frozenset, set)) else value
        shown = [_cell(v) for v in items]
        return ("; " if any(", " in v for v in shown) else ", ").join(shown) or "(none)"
    if attrs.has(type(value)):
        shown = [(a.name, getattr(value, a.name)) for a in _fields(value)]
        return "; ".join(f"{name}: {_cell(v)}" for name, v in shown)
    return _escape(str(value))


def _escape(text: str) -> str:
    for char in "\\*`|_":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _is_span(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], int)
        and value[1] in ("minutes", "hours", "days")
    )


def _is_window(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(map(_is_span, value))


def _window(value: Any) -> str:
    (target, unit), (limit, limit_unit) = value
    if (target, unit) == (limit, limit_unit):
        return f"{limit} {unit}"
    if unit == limit_unit:
        return f"{target}–{limit} {unit}"
    return f"{target} {unit} – {limit} {limit_unit}"


def _fields(value: Any) -> list[attrs.Attribute]:  # type: ignore[type-arg]
    return [a for a in attrs.fields(type(value)) if not a.name.startswith("_")]


# -- tables -------------------------------------------------------------------------------


def _table(header: list[str] | None, rows: list[list[str]], caption: str = "") -> list[str]:
    """A list-table; with no *header*, a table of rows only."""
    lines = [f".. list-table:: {caption}".rstrip()]
    lines += ["   :header-rows: 1", ""] if header else [""]
    for row in [header, *rows] if header else rows:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return [*lines, ""]


def _is_simple(value: Any) -> bool:
    return (
        not isinstance(value, (Mapping, tuple, list, frozenset, set)) and not attrs.has(type(value))
    ) or type(value).__name__ in ("Money", "BusinessSpan", "ResponseWindow", "MonthDay")


def _is_nested(value: Any) -> bool:
    """A field too rich for one cell: a sequence of attrs values with fields of their own."""
    return (
        isinstance(value, (tuple, list))
        and bool(value)
        and all(attrs.has(type(v)) and not _is_simple(v) for v in value)
    )


def _records(items: list[Any], caption: str = "") -> list[str]:
    """A sequence of attrs values of one class: one column per field.

    Values that hold sequences of records of their own are shown one by one
    instead, each under a heading (its first field).
    """
    names = [a.name for a in _fields(items[0])]
    if any(_is_nested(getattr(item, n)) for item in items for n in names):
        lines: list[str] = []
        for item in items:
            lines += _rubric(f"{names[0]}: {_cell(getattr(item, names[0]))}")
            lines += _record(item)
        return lines
    rows = [[_cell(getattr(item, n)) for n in names] for item in items]
    return _table(names, rows, caption)


def _matrix(matrix: Any, caption: str = "") -> list[str]:
    metrics: list[Any] = []
    rows: dict[tuple[Any, Any], dict[Any, Any]] = {}
    for cell in matrix.cells:
        if cell.metric not in metrics:
            metrics.append(cell.metric)
        rows.setdefault((cell.severity, cell.level), {})[cell.metric] = cell.window
    has_levels = any(level is not None for _, level in rows)
    header = ["Severity", *(["Level"] if has_levels else []), *(m.value for m in metrics)]
    body = []
    for (severity, level), windows in rows.items():
        row = [f"{int(severity.value)}"]
        if has_levels:
            row.append(_cell(level) if level is not None else "any")
        row += [_cell(windows[m]) if m in windows else "—" for m in metrics]
        body.append(row)
    return _table(header, body, caption)


def _grid(value: Mapping[Any, Mapping[Any, Any]], caption: str = "") -> list[str]:
    columns: list[Any] = []
    for inner in value.values():
        columns += [k for k in inner if k not in columns]
    rows = [
        [_cell(key), *(_cell(inner[c]) if c in inner else "—" for c in columns)]
        for key, inner in value.items()
    ]
    return _table(["", *(_cell(c) for c in columns)], rows, caption)


def _rubric(text: str) -> list[str]:
    return [f".. rubric:: {text}", ""]


def _tuple_names(doc: str, width: int) -> list[str] | None:
    """The names a description gives the parts of its tuples: ``(kind, name, ...)``."""
    for group in re.findall(r"\(([^()]+)\)", " ".join(doc.split())):
        names = [n.strip() for n in group.split(",")]
        if len(names) == width and all(0 < len(n) <= 30 for n in names):
            return [_escape(n) for n in names]
    return None


def render(value: Any, caption: str = "", doc: str = "") -> list[str]:
    """The reStructuredText lines that show *value* as tables.

    *doc* is the value's description: a tuple of tuples takes its column
    names from it when it names the parts (``(kind, name, obligations)``).
    """
    kind = type(value).__name__
    if kind == "Programme":
        return _programme(value)
    if kind == "SlaPolicy":
        return _sla_policy(value)
    if kind == "SeverityMatrix":
        return _matrix(value, caption)
    if kind == "CommissionPlan":
        return _commission_plan(value)
    if isinstance(value, Mapping) and value:
        if all(isinstance(v, Mapping) for v in value.values()):
            return _grid(value, caption)
        rows = [[_cell(k), _cell(v)] for k, v in value.items()]
        return _table(["Key", "Value"], rows, caption)
    if (
        isinstance(value, (tuple, list))
        and value
        and all(type(v).__name__ == "Programme" for v in value)
    ):
        rows = [
            [f"``{p.id}``", _escape(p.name), _escape(p.source), str(len(p.rules))] for p in value
        ]
        return _table(["Id", "Name", "Source", "Rules"], rows, caption)
    if isinstance(value, (tuple, list)) and value:
        first = value[0]
        if not _is_simple(first) and all(
            attrs.has(type(v)) and type(v) is type(first) for v in value
        ):
            return _records(list(value), caption)
        if all(isinstance(v, tuple) and len(v) == len(value[0]) > 1 for v in value) and not all(
            map(_is_span, value)
        ):
            header = _tuple_names(doc, len(first))
            return _table(header, [[_cell(x) for x in v] for v in value], caption)
        numbered = [[str(i + 1), _cell(v)] for i, v in enumerate(value)]
        return _table(["#", "Value"], numbered, caption)
    if attrs.has(type(value)) and not _is_simple(value):
        return _record(value, caption)
    return [f"Value: {_cell(value)}", ""]


def _record(value: Any, caption: str = "") -> list[str]:
    """An attrs value: a table of its simple fields, then a table per complex one."""
    simple: list[list[str]] = []
    complex_: list[tuple[str, Any]] = []
    for a in _fields(value):
        field = getattr(value, a.name)
        if _is_simple(field) or (
            isinstance(field, (tuple, list, frozenset, set, Mapping))
            and all(map(_is_simple, field.values() if isinstance(field, Mapping) else field))
            and len(_cell(field)) <= 120
        ):
            simple.append([a.name, _cell(field)])
        else:
            complex_.append((a.name, field))
    lines = _table(["Field", "Value"], simple, caption) if simple else []
    for name, field in complex_:
        if isinstance(field, (tuple, list, Mapping, frozenset, set)) and not field:
            continue
        lines += render(field, f"{type(value).__name__}.{name}")
    return lines


def _programme(p: Any) -> list[str]:
    lines = [f"*{_escape(p.name)}* (namespace ``{p.id}``). Source: {_escape(p.source)}.", ""]
    rows = [[f"``{r.id}``", _escape(r.section), _escape(r.statement)] for r in p.rules]
    lines += _table(["Rule", "Section", "Statement"], rows, f"Rules of {p.name}")
    if p.sla is not None:
        lines += _rubric(f"{p.name}: SLA policy")
        lines += _sla_policy(p.sla)
    if p.commission is not None:
        lines += _rubric(f"{p.name}: commission plan")
        lines += _commission_plan(p.commission)
    return lines


def _sla_policy(policy: Any) -> list[str]:
    clock = policy.clock
    shown_clock = _cell(clock) if attrs.has(type(clock)) else f"``{clock.value}``"
    rows = [
        ["name", _escape(policy.name)],
        ["rule", f"``{policy.rule_id}``"],
        ["clock", shown_clock],
        ["round the clock", _cell(policy.round_the_clock)],
        ["exempt", _cell(policy.exempt)],
        ["recurring", _cell(policy.recurring)],
        ["levels", "any" if policy.levels is None else _cell(policy.levels)],
        ["categories", "any" if policy.categories is None else _cell(policy.categories)],
    ]
    lines = _table(["Field", "Value"], rows)
    lines += _matrix(policy.matrix, "Response windows (target–limit)")
    if attrs.has(type(clock)):
        lines += _rubric("The clock's business hours")
        lines += _record(clock)
    return lines


def _commission_plan(plan: Any) -> list[str]:
    lines = [f"Tier rule: ``{plan.tier_rule}``.", ""]
    if plan.schedule is not None and plan.schedule.tiers:
        lines += _records(list(plan.schedule.tiers), "Tiers")
    else:
        lines += ["No tier schedule (the source publishes none).", ""]
    if plan.campaigns:
        lines += _records(list(plan.campaigns), "Campaigns")
    return lines


# -- the directive ------------------------------------------------------------------------


def _resolve(dotted: str) -> Any:
    module_name, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


class PolicyTables(SphinxDirective):
    """``.. policy-tables:: dotted.name.of.a.value``: the value as tables."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        value = _resolve(self.arguments[0])
        container = nodes.section()
        container.document = self.state.document
        lines = render(value)
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), 0, container)
        return list(container.children)


class PolicyPack(SphinxDirective):
    """``.. policy-pack:: partnerrules.policies.zoho``: a module's public names, values as tables.

    Each name of the module's ``__all__`` is documented as autodoc would
    (``autoclass``, ``autofunction``, ``autodata``), in that order; a value
    whose ``repr`` is longer than :data:`SHORT` is shown without it
    (``:no-value:``) and with its tables under its description.
    """

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        import inspect

        module_name = self.arguments[0]
        module = importlib.import_module(module_name)
        docs = _attribute_docs(module_name)
        lines: list[str] = []
        for name in _source_order(module_name, list(module.__all__)):
            value = getattr(module, name)
            target = f"{module_name}.{name}"
            if inspect.isclass(value):
                kind = "exception" if issubclass(value, BaseException) else "class"
                lines += [f".. auto{kind}:: {target}", ""]
            elif inspect.isfunction(value):
                lines += [f".. autofunction:: {target}", ""]
            else:
                lines += [f".. autodata:: {target}"]
                if _long(value):
                    lines += ["   :no-value:", ""]
                    tables = render(value, doc=docs.get(name, ""))
                    lines += [f"   {line}" if line else "" for line in tables]
                lines.append("")
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(lines, source=module_name), 0, container)
        return list(container.children)


def _attribute_docs(module_name: str) -> dict[str, str]:
    """The ``#:`` descriptions of a module's attributes, by name."""
    from sphinx.pycode import ModuleAnalyzer

    found = ModuleAnalyzer.for_module(module_name).find_attr_docs()
    return {name: " ".join(lines) for (scope, name), lines in found.items() if not scope}


def _source_order(module_name: str, names: list[str]) -> list[str]:
    """*names* in the order the module defines them (as autodoc's ``bysource``)."""
    from sphinx.pycode import ModuleAnalyzer

    analyzer = ModuleAnalyzer.for_module(module_name)
    analyzer.analyze()
    order = analyzer.tagorder
    return sorted(names, key=lambda n: (order.get(n, len(order)), names.index(n)))


def _long(value: Any) -> bool:
    try:
        return len(repr(value)) > SHORT
    except Exception:
        return True


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("policy-tables", PolicyTables)
    app.add_directive("policy-pack", PolicyPack)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
