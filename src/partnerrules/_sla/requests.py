"""Entitlements per partner level, request completeness and support scope.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules._sla.model import SupportRules
from partnerrules._sla.vocabulary import _coerce_enum, _level
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
    UnknownKeyError,
)
from partnerrules.policies import zoho as _zoho

# ---------------------------------------------------------------------------
# Entitlements, completeness, scope
# ---------------------------------------------------------------------------


class Feature(enum.Enum, metaclass=_validate.TypedEnumType):
    """A support offering of the Zoho partner programme."""

    SUPPORT_HOURS = "support hours 24*5"
    COMMITMENT = "commitment per support hours"
    PRIORITY_SUPPORT = "priority support for large accounts"
    CHAT = "chat support"
    PHONE = "phone support"
    SUCCESS_MANAGER_CALLS = "partner success manager calls & POC"
    CRITICAL_ISSUES_DASHBOARD = "critical issues dashboard"
    HELP_CENTRE_WIDGET = "help-centre widget"


def entitlements(
    level: object,
    *,
    table: Mapping[str, Sequence[str]] | None = None,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> frozenset[Feature]:
    """Return the support features a partner level is entitled to.

    Rule ``zoho.offerings.entitlements`` (Zoho, "Ofertas de Suporte ao
    parceiro"): every level has 24*5 support hours, the commitment per support
    hours, priority support for large accounts, the critical-issues dashboard
    and the help-centre widget; chat, phone and partner-success-manager calls
    & POC are for Advanced and Premium only. The table (feature -> levels
    entitled) is *table* when given, else *rules*' (the Zoho pack's).

    >>> Feature.PHONE in entitlements("Authorized")
    False
    """
    lvl = _level(level)
    if table is None:
        table = dict(_validate.instance("rules", rules, SupportRules).entitlements)
    if not isinstance(table, Mapping):
        raise InvalidTypeError("table", table, "a mapping of feature to the levels entitled")
    return frozenset(
        _coerce_enum("feature", feature, Feature)
        for feature, levels in table.items()
        if lvl.value in _validate.items("table", levels, "a sequence of level names")
    )


def is_entitled(
    level: object,
    feature: object,
    *,
    table: Mapping[str, Sequence[str]] | None = None,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> bool:
    """Return whether *level* is entitled to *feature*.

    Rule ``zoho.offerings.entitlements``: see :func:`entitlements`.

    >>> is_entitled("Advanced", "chat support"), is_entitled("Authorized", Feature.CHAT)
    (True, False)
    """
    wanted = _coerce_enum("feature", feature, Feature)
    return wanted in entitlements(level, table=table, rules=rules)


def _screenshots(value: object) -> tuple[str, ...]:
    given = _validate.items("screenshots", value, "an iterable of screenshot names or links")
    return tuple(_validate.text("screenshots", v) for v in given)


def _optional_text(_instance: Any, attribute: Any, value: object) -> None:
    if value is not None:
        _validate.text(attribute.name, value, allow_empty=True)


@attrs.frozen
class SupportRequest:
    """A support request written to partner support, following the e-mail template.

    Every field may be missing (``None``): :func:`check_request` lists what is.
    ``reproducible`` is yes/no and ``reproduction_note`` explains it.
    """

    customer_email: str | None = attrs.field(default=None, validator=_optional_text)
    reference_email: str | None = attrs.field(default=None, validator=_optional_text)
    request_type: str | None = attrs.field(default=None, validator=_optional_text)
    reproducible: bool | None = attrs.field(
        default=None,
        validator=_validate.attrs_validator(_validate.optional_boolean),
    )
    reproduction_note: str | None = attrs.field(default=None, validator=_optional_text)
    product: str | None = attrs.field(default=None, validator=_optional_text)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    troubleshooting_steps: str | None = attrs.field(default=None, validator=_optional_text)
    screenshots: tuple[str, ...] = attrs.field(default=(), converter=_screenshots)


@attrs.frozen
class RequestCheck:
    """The outcome of :func:`check_request`: ``ok`` and every missing field."""

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    ok: bool
    missing: tuple[str, ...]
    reasons: tuple[Reason, ...]


def check_request(
    request: SupportRequest, *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> RequestCheck:
    """List every field the support request is missing.

    Rule ``zoho.request.completeness`` (Zoho, "Modelo de e-mail"): customer
    e-mail, reference e-mail, request type, reproducible yes/no with an
    explanation, product, description and troubleshooting steps are required;
    screenshots are optional. A blank string counts as missing.

    >>> check_request(SupportRequest(customer_email="a@example.com")).missing[:2]
    ('reference_email', 'request_type')
    """
    _validate.instance("request", request, SupportRequest)
    rules = _validate.instance("rules", rules, SupportRules)
    known = {a.name for a in attrs.fields(SupportRequest)}
    missing = []
    for name in rules.request_fields:
        if name in rules.optional_fields:
            continue
        if name not in known:
            raise UnknownKeyError(
                "rules", name, sorted(known), hint="request_fields name SupportRequest fields"
            )
        value = getattr(request, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    reasons = tuple(
        Reason.of("zoho.request.completeness", "the request has no {field}", field=name)
        for name in missing
    ) or (Reason.of("zoho.request.completeness", "the request carries every required field"),)
    return RequestCheck(not missing, tuple(missing), reasons)


class SupportTopic(enum.Enum, metaclass=_validate.TypedEnumType):
    """A kind of help asked of Zoho partner support."""

    FEATURE_ENHANCEMENT = "feature enhancement"
    DELUGE = "deluge"
    API_INTEGRATION = "api integration"
    PRODUCT_FEEDBACK = "product feedback"
    API_CONNECTION_FROM_SCRATCH = "api connection from scratch"


@attrs.frozen
class ScopeDecision:
    """The outcome of :func:`check_scope`."""

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    topic: SupportTopic
    in_scope: bool
    reasons: tuple[Reason, ...]


def check_scope(topic: object, *, rules: SupportRules = _zoho.SUPPORT_RULES) -> ScopeDecision:
    """Say whether a kind of help is in scope of Zoho partner support.

    Rule ``zoho.scope`` (Zoho, "Gama de Suporte ao parceiro"): enhancing
    existing features, Deluge and API-integration questions, and product
    feedback are in scope; building an API connection from scratch is not.

    >>> check_scope("api connection from scratch").in_scope
    False
    """
    top = _coerce_enum("topic", topic, SupportTopic)
    inside = top.value in _validate.instance("rules", rules, SupportRules).in_scope
    why = Reason.of(
        "zoho.scope",
        "{topic} is {verdict} of partner support",
        topic=top.value,
        verdict="in scope" if inside else "out of scope",
    )
    return ScopeDecision(top, inside, (why,))


home("partnerrules.sla", globals())
