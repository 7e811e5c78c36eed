"""The fields and JSON Schemas of the data files, generated at build time.

* ``.. data-fields:: Programme`` renders, for every attrs class and enum the
  document reaches, a table of its fields: name, plain form, default and
  description (from the class's docstring, or from a note in the
  directive's content where the docstring has none). A class already shown
  on the page is referred to, not repeated.
* ``.. json-schema:: Programme`` shows the JSON Schema of the document, from
  :func:`partnerrules.schema.json_schema`, in a collapsible block.

The argument is a name of :data:`partnerrules.schema.DOCUMENTS` or a dotted
class name. Both read the classes when the docs are built, so the page
cannot drift from the code.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

_FORMS = {
    "string": "string",
    "integer": "integer",
    "boolean": "``true`` or ``false``",
    "number": "number",
    "null": "``null``",
}


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _link(name: str) -> str:
    """A reference to the table of *name* on the page."""
    return f"`{name} <data-{name}_>`_"


def _form(schema: dict[str, Any]) -> str:
    """A short reading of a schema: ``list of Tier``, ``decimal string``..."""
    if "$ref" in schema:
        return _link(_name(schema["$ref"]))
    description = schema.get("description", "")
    if "anyOf" in schema:
        choices = schema["anyOf"]
        if description.startswith("a decimal"):
            return "decimal string (or integer)"
        if description.startswith("a number of seconds"):
            return "seconds: decimal string (or integer)"
        return " or ".join(_form(c) for c in choices)
    if "enum" in schema:
        return "one of " + ", ".join(f"``{json.dumps(v)}``" for v in schema["enum"])
    kind = schema.get("type")
    if kind == "string" and "pattern" in schema:
        if description.startswith("an ISO datetime"):
            return "ISO datetime with offset"
        if description.startswith("an ISO date"):
            return "ISO date"
        if description.startswith("an ISO time"):
            return "time ``HH:MM``"
        return "string"
    if kind == "string" and description.startswith("an IANA"):
        return "IANA zone name"
    if kind == "array":
        if "prefixItems" in schema:
            return "[" + ", ".join(_form(p) for p in schema["prefixItems"]) + "]"
        unique = " (distinct)" if schema.get("uniqueItems") else ""
        return f"list{unique} of {_form(schema['items'])}"
    if kind == "object":
        keys = schema.get("propertyNames", {})
        if "enum" in keys:
            key = "one of " + ", ".join(f"``{k}``" for k in keys["enum"])
        elif "pattern" in keys:
            key = "an integer"
        else:
            key = "string"
        return f"object: key {key}, value {_form(schema['additionalProperties'])}"
    return _FORMS.get(kind, "any value")


def _cell(text: str) -> str:
    return " ".join(text.split()) or "\\ "


def _notes(content: list[str]) -> dict[tuple[str, str], str]:
    """The directive's content: ``Class.field: meaning`` entries, continued by indented lines."""
    notes: dict[tuple[str, str], str] = {}
    key: tuple[str, str] | None = None
    for line in content:
        if not line.strip():
            continue
        if line[0].isspace() and key is not None:
            notes[key] += " " + line.strip()
            continue
        head, _, text = line.partition(":")
        kind, _, field = head.strip().rpartition(".")
        key = (kind, field)
        notes[key] = text.strip()
    return notes


def _lines(schema: dict[str, Any], seen: set[str], notes: dict[tuple[str, str], str]) -> list[str]:
    defs: dict[str, Any] = schema["$defs"]
    lines: list[str] = []
    enums: list[tuple[str, dict[str, Any]]] = []
    repeated: list[str] = []
    for name, spec in defs.items():
        if "enum" in spec:
            if name not in seen:
                enums.append((name, spec))
            continue
        if name in seen:
            repeated.append(name)
            continue
        seen.add(name)
        lines += [f".. _data-{name}:", "", f".. rubric:: {name}", ""]
        lines += [_cell(spec.get("description", "")), ""]
        lines += [
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 18 30 14 38",
            "",
            "   * - Field",
            "     - Plain form",
            "     - Default",
            "     - Meaning",
        ]
        required = set(spec["required"])
        for field, prop in spec["properties"].items():
            if field in required:
                default = "*required*"
            else:
                default = f"``{json.dumps(prop.get('default'), ensure_ascii=False)}``"
            lines += [
                f"   * - ``{field}``",
                f"     - {_form(prop)}",
                f"     - {default}",
                f"     - {_cell(prop.get('description') or notes.get((name, field), ''))}",
            ]
        lines.append("")
    if enums:
        lines += [
            ".. list-table:: Vocabularies (enums are written as their values)",
            "   :header-rows: 1",
            "   :widths: 20 80",
            "",
            "   * - Name",
            "     - Values",
        ]
        for name, spec in enums:
            seen.add(name)
            values = ", ".join(f"``{json.dumps(v, ensure_ascii=False)}``" for v in spec["enum"])
            lines += [f"   * - .. _data-{name}:", "", f"       {name}", f"     - {values}"]
        lines.append("")
    if repeated:
        shown = ", ".join(_link(name) for name in repeated)
        lines += [f"The other classes it holds are shown above: {shown}.", ""]
    return lines


def _kind(name: str) -> Any:
    from partnerrules.schema import _named

    return _named(name)


class DataFields(SphinxDirective):
    """``.. data-fields:: Programme``: a table of fields for each class of the document.

    The content may describe fields whose class's docstring does not, one
    ``Class.field: meaning`` a line; a note on a field that does not exist,
    or that the docstring now describes, fails the build.
    """

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        from partnerrules.schema import json_schema

        schema = json_schema(_kind(self.arguments[0]))
        seen: set[str] = self.env.temp_data.setdefault("data_fields_seen", set())
        notes = _notes(list(self.content))
        defs = schema["$defs"]
        for kind, field in notes:
            props = defs.get(kind, {}).get("properties", {})
            if field not in props:
                raise self.error(f"data-fields: {kind}.{field} is not a field of this document")
            if props[field].get("description"):
                raise self.error(
                    f"data-fields: {kind}.{field} is described by its class's docstring now: "
                    "drop the note"
                )
        container = nodes.section()
        container.document = self.state.document
        lines = _lines(schema, seen, notes)
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), 0, container)
        return list(container.children)


class JsonSchema(SphinxDirective):
    """``.. json-schema:: Programme``: the document's JSON Schema, collapsed."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from partnerrules.schema import json_schema

        name = self.arguments[0]
        text = json.dumps(json_schema(_kind(name)), indent=2, ensure_ascii=False)
        block = nodes.literal_block(text, text, language="json")
        opening = f"<details><summary>The JSON Schema of {name} (draft 2020-12)</summary>"
        return [
            nodes.raw("", opening, format="html"),
            block,
            nodes.raw("", "</details>", format="html"),
        ]


def _always_outdated(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    # The tables depend on the code, not on the page's text: rebuild it every time.
    return [doc for doc in env.found_docs if doc == "data_files"]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("data-fields", DataFields)
    app.add_directive("json-schema", JsonSchema)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
