"""The Zoho partner-support pack: published numbers and lists, as data only.

Source: Zoho partner support (file ``001``), sections "Compromisso do Suporte
ao parceiro", "Gravidade e outras definições", "Quando um escalonamento deve
ser iniciado?", "Ofertas de Suporte ao parceiro", "Modelo de e-mail" and
"Gama de Suporte ao parceiro". The rule functions live in
:mod:`partnerrules.sla`; they take these values as defaults.

Durations are ``(amount, unit)`` pairs where the unit is ``"hours"`` or
``"days"``; a day is one day of the clock the ticket runs on (24 hours on the
24x5 weekday clock and on the 24x7 clock).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from partnerrules._sla.model import SupportRules

__all__ = [
    "BASIC_REQUEST_CATEGORIES",
    "ENTITLEMENTS",
    "ESCALATION_GROUNDS",
    "EXEMPT_CATEGORIES",
    "LEVEL_PRIORITY",
    "MATRIX",
    "RECURRING_METRICS",
    "REQUEST_FIELDS",
    "REQUEST_OPTIONAL_FIELDS",
    "ROUND_THE_CLOCK_CATEGORIES",
    "SCOPE_IN",
    "SCOPE_OUT",
    "SEVERITY_BY_CATEGORY",
    "SEVERITY_BY_IMPACT",
    "SUPPORT_RULES",
]

#: Severity x metric -> (target, limit), "Compromisso do Suporte ao parceiro".
#: Acknowledgement is the time to the first response; problem determination is
#: the time between subsequent responses.
MATRIX: Mapping[int, Mapping[str, tuple[tuple[int, str], tuple[int, str]]]] = MappingProxyType(
    {
        1: MappingProxyType(
            {
                "acknowledgement": ((1, "hours"), (3, "hours")),
                "problem determination": ((2, "hours"), (8, "hours")),
            }
        ),
        2: MappingProxyType(
            {
                "acknowledgement": ((6, "hours"), (12, "hours")),
                "problem determination": ((24, "hours"), (48, "hours")),
            }
        ),
        3: MappingProxyType(
            {
                "acknowledgement": ((16, "hours"), (24, "hours")),
                "problem determination": ((2, "days"), (3, "days")),
            }
        ),
    }
)

#: Metrics whose window restarts at every response (problem determination).
RECURRING_METRICS: tuple[str, ...] = ("problem determination",)

#: "Não trabalhamos aos finais de semana, exceto em alguns casos críticos":
#: these categories run on the 24x7 clock; every other one on the 24x5 clock.
ROUND_THE_CLOCK_CATEGORIES: tuple[str, ...] = ("downtime", "outage", "login")

#: "As limitações do produto e as solicitações de recursos estão isentas".
EXEMPT_CATEGORIES: tuple[str, ...] = ("product limitation", "feature request")

#: Business impact -> severity, "Gravidade e outras definições".
SEVERITY_BY_IMPACT: Mapping[str, int] = MappingProxyType(
    {"critical": 1, "moderate": 2, "minimal": 3}
)

#: Category -> impact, from the examples the source gives under each impact.
#: "other" is absent on purpose: its impact must be stated by the caller.
SEVERITY_BY_CATEGORY: Mapping[str, str] = MappingProxyType(
    {
        "downtime": "critical",
        "outage": "critical",
        "login": "critical",
        "data integrity": "critical",
        "slowness": "critical",
        "incorrect results": "moderate",
        "how-to": "minimal",
    }
)

#: Basic ("como fazer") requests, counted by the overload rule.
BASIC_REQUEST_CATEGORIES: tuple[str, ...] = ("how-to",)

#: Queue order of partner levels, first served first.
LEVEL_PRIORITY: tuple[str, ...] = ("Premium", "Advanced", "Authorized")

#: Grounds for an escalation, "Quando um escalonamento deve ser iniciado?".
ESCALATION_GROUNDS: tuple[str, ...] = (
    "response commitment passed",
    "tangible production impact",
    "high business risk",
    "major high-impact problem slow to isolate",
    "prolonged outage exceeding or threatening the commitment",
    "recurring or multiple related high-priority incidents",
    "security breach without an agreed workaround",
)

#: "Ofertas de Suporte ao parceiro": feature -> levels entitled to it.
ENTITLEMENTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "support hours 24*5": ("Authorized", "Advanced", "Premium"),
        "commitment per support hours": ("Authorized", "Advanced", "Premium"),
        "priority support for large accounts": ("Authorized", "Advanced", "Premium"),
        "chat support": ("Advanced", "Premium"),
        "phone support": ("Advanced", "Premium"),
        "partner success manager calls & POC": ("Advanced", "Premium"),
        "critical issues dashboard": ("Authorized", "Advanced", "Premium"),
        "help-centre widget": ("Authorized", "Advanced", "Premium"),
    }
)

#: "Modelo de e-mail": the fields of a support request, in template order.
REQUEST_FIELDS: tuple[str, ...] = (
    "customer_email",
    "reference_email",
    "request_type",
    "reproducible",
    "reproduction_note",
    "product",
    "description",
    "troubleshooting_steps",
    "screenshots",
)

#: Fields the template asks for only "if relevant".
REQUEST_OPTIONAL_FIELDS: tuple[str, ...] = ("screenshots",)

#: "Gama de Suporte ao parceiro": kinds of help in scope.
SCOPE_IN: tuple[str, ...] = (
    "feature enhancement",
    "deluge",
    "api integration",
    "product feedback",
)

#: Kinds of help explicitly out of scope.
SCOPE_OUT: tuple[str, ...] = ("api connection from scratch",)


#: The tables above that sort and screen support requests, as one typed value: the default of
#: ``classify_severity``, ``triage_key``, ``check_basic_request_load``, ``check_request`` and
#: ``check_scope`` in :mod:`partnerrules.sla`.
SUPPORT_RULES: SupportRules = SupportRules(
    "Zoho",
    exempt=EXEMPT_CATEGORIES,
    usual_impact=SEVERITY_BY_CATEGORY,
    impact_severity=SEVERITY_BY_IMPACT,
    level_priority=LEVEL_PRIORITY,
    basic_requests=BASIC_REQUEST_CATEGORIES,
    request_fields=REQUEST_FIELDS,
    optional_fields=REQUEST_OPTIONAL_FIELDS,
    in_scope=SCOPE_IN,
    entitlements=ENTITLEMENTS,
)
