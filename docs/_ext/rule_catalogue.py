"""The ``rule-catalogue`` directive: the policy catalogue as a table.

The table is generated from :mod:`partnerrules.catalogue` at build time, so
the page cannot drift from the code: a rule's "applied by" column lists the
public names whose docstrings name its id, and its "decisive instant" column
the instant that picks the programme version it is decided under.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


class RuleCatalogue(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        from partnerrules.catalogue import RULES, implementations
        from partnerrules.programmes import SOURCE_PROGRAMMES

        found = implementations()
        lines: list[str] = []
        for programme in SOURCE_PROGRAMMES:
            lines += [
                f".. rubric:: {programme.name} (``{programme.id}``): {programme.source}",
                "",
                ".. list-table::",
                "   :header-rows: 1",
                "   :widths: 24 16 26 18 16",
                "",
                "   * - Rule id",
                "     - Section",
                "     - Rule",
                "     - Decisive instant",
                "     - Applied by",
            ]
            for r in programme.rules:
                names = found[r.id]
                applied = ", ".join(f":py:obj:`~{n}`" for n in names) if names else "*not yet*"
                lines += [
                    f"   * - ``{r.id}``",
                    f"     - {r.section}",
                    f"     - {r.statement}",
                    f"     - {r.decisive}",
                    f"     - {applied}",
                ]
            lines.append("")
        done = sum(1 for r in RULES if found[r.id])
        lines += ["", f"{done} of {len(RULES)} rules are implemented."]
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(lines, source="rule-catalogue"), 0, container)
        return list(container.children)


def _always_outdated(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    # The table depends on the code, not on the page's text: rebuild it every time.
    return [doc for doc in env.found_docs if doc == "catalogue"]


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("rule-catalogue", RuleCatalogue)
    app.connect("env-get-outdated", _always_outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
