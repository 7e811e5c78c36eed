"""Severity classification, triage order and the basic-request overload check.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules._sla.model import SupportRules
from partnerrules._sla.tickets import Ticket
from partnerrules._sla.vocabulary import (
    Category,
    Impact,
    Severity,
    _category,
    _coerce_enum,
    _said,
    _severity,
)
from partnerrules.decisions import Reason
from partnerrules.errors import (
    HorizonError,
    InvalidValueError,
    UnknownKeyError,
)
from partnerrules.policies import zoho as _zoho

# ---------------------------------------------------------------------------
# Severity
# ---------------------------------------------------------------------------


@attrs.frozen
class SeverityClassification:
    """The outcome of :func:`classify_severity`.

    Attributes:
        category: the category classified.
        severity: the severity, or ``None`` when the category is exempt.
        exempt: True when no commitment applies.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    category: Category
    severity: Severity | None
    exempt: bool
    reasons: tuple[Reason, ...]


def classify_severity(
    category: object, *, impact: object = None, rules: SupportRules = _zoho.SUPPORT_RULES
) -> SeverityClassification:
    """Classify a case's severity from its category or its stated business impact.

    Rule ``zoho.severity.classify`` (Zoho, "Gravidade e outras definições").
    Critical impact (the service does not work without a fix: downtime,
    outage, no account access, data integrity, slowness) is severity 1;
    moderate impact (works, but wrong results or performance below the
    documentation) is 2; minimal impact (how-to questions, or achievable
    another way) is 3. Product limitations and feature requests are exempt.
    A stated *impact* wins over the category's usual impact; the category
    ``other`` needs one. *rules* holds the exemptions and the impact tables
    (the Zoho pack's by default).

    >>> classify_severity("slowness").severity
    <Severity.CRITICAL: 1>
    >>> classify_severity("how-to", impact="moderate").severity
    <Severity.MODERATE: 2>
    >>> print(classify_severity("feature request").reasons[0])
    feature request is exempt: no response commitment applies

    Raises:
        UnknownKeyError: unknown category or impact.
        InvalidValueError: category ``other`` without an impact.
    """
    cat = _category(category)
    rules = _validate.instance("rules", rules, SupportRules)
    usual = dict(rules.usual_impact)
    if cat.value in rules.exempt:
        why = Reason.of(
            "zoho.severity.classify",
            "{category} is exempt: no response commitment applies",
            category=cat.value,
        )
        return SeverityClassification(cat, None, True, (why,))
    if impact is not None:
        imp = _coerce_enum("impact", impact, Impact)
        source = "stated impact"
    elif cat.value in usual:
        imp = _coerce_enum("rules", usual[cat.value], Impact)
        source = "usual impact of the category"
    else:
        raise InvalidValueError(
            "impact",
            impact,
            f"an Impact ({', '.join(i.value for i in Impact)})",
            hint=f"category {cat.value!r} has no usual impact; say how the business is affected",
        )
    by_impact = dict(rules.impact_severity)
    if imp.value not in by_impact:
        raise UnknownKeyError(
            "impact", imp.value, sorted(by_impact), hint=f"{rules!r} gives it no severity"
        )
    sev = _severity(by_impact[imp.value])
    why = Reason.of(
        "zoho.severity.classify",
        "{category} with {impact} business impact ({basis}) is severity {severity}",
        category=cat.value,
        impact=imp.value,
        basis=source,
        severity=int(sev),
    )
    return SeverityClassification(cat, sev, False, (why,))


# ---------------------------------------------------------------------------
# Triage, overload
# ---------------------------------------------------------------------------


def triage_key(
    ticket: Ticket, *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> tuple[int, int, dt.datetime, str]:
    """Return the queue sort key of a ticket (smaller is served first).

    Rule ``zoho.triage.priority`` (Zoho, "Compromisso do Suporte ao parceiro"):
    severity first, then partner level (Premium, Advanced, Authorized), then
    opening time; the id breaks remaining ties so the order is total. The
    level order is *rules*' (the Zoho pack's by default); a level it does not
    list comes after those it does.
    """
    _validate.instance("ticket", ticket, Ticket)
    order = _validate.instance("rules", rules, SupportRules).level_priority
    level = _said(ticket.level)
    rank = order.index(level) if level in order else len(order)
    return (int(ticket.severity), rank, ticket.opened_at, ticket.id)


def triage_order(
    tickets: Iterable[Ticket], *, rules: SupportRules = _zoho.SUPPORT_RULES
) -> tuple[Ticket, ...]:
    """Return *tickets* in the order they are served.

    Rule ``zoho.triage.priority``: see :func:`triage_key`.

    >>> t0 = dt.datetime(2026, 11, 23, 9, tzinfo=dt.timezone.utc)
    >>> a = Ticket("A", t0, severity=2, category="slowness", level="Authorized", country="BR")
    >>> b = Ticket("B", t0 + dt.timedelta(hours=1), severity=2, category="slowness",
    ...            level="Premium", country="BR")
    >>> [t.id for t in triage_order([a, b])]
    ['B', 'A']
    """
    items = _validate.items("tickets", tickets, "an iterable of Ticket")
    _validate.instance("rules", rules, SupportRules)
    return tuple(sorted(items, key=functools.partial(triage_key, rules=rules)))


@attrs.frozen
class BasicRequestLoad:
    """The outcome of :func:`check_basic_request_load`.

    Attributes:
        notify: True when the partner's account manager should be told.
        count: basic requests opened in the window.
        threshold: the count from which to notify.
        window: the length of the look-back window.
        reasons: why.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)
        _validate.integer_in("count", self.count, 0, _MAX_THRESHOLD)
        _validate.integer_in("threshold", self.threshold, 1, _MAX_THRESHOLD)

    notify: bool
    count: int
    threshold: int
    window: dt.timedelta
    reasons: tuple[Reason, ...]


#: The largest overload threshold (a guard on the caller's number, not a policy number).
_MAX_THRESHOLD = 10**9


def check_basic_request_load(
    tickets: Iterable[Ticket],
    *,
    at: dt.datetime,
    threshold: int,
    window: dt.timedelta,
    rules: SupportRules = _zoho.SUPPORT_RULES,
) -> BasicRequestLoad:
    """Count one partner's basic (how-to) requests and say whether to notify.

    Rule ``zoho.basic_requests.overload`` (Zoho, "Compromisso do Suporte ao
    parceiro"): when many basic requests come from the same partner, support
    tells the partner's account manager. The source gives no number, so
    *threshold* and *window* are required: requests opened in
    ``(at - window, at]`` are counted, and the manager is notified when the
    count reaches *threshold*. Pass one partner's tickets.

    Raises:
        InvalidValueError: threshold below 1, window not positive, naive *at*.
    """
    at = _validate.aware("at", at)
    _validate.integer_in("threshold", threshold, 1, _MAX_THRESHOLD)
    _validate.instance("window", window, dt.timedelta)
    if window <= dt.timedelta(0):
        raise InvalidValueError("window", window, "a positive timedelta")
    items = _validate.items("tickets", tickets, "an iterable of Ticket")
    try:
        since = at - window
    except OverflowError:
        raise HorizonError(
            "window", window, f"a window that starts after {dt.datetime.min} (from {at})"
        ) from None
    basic = _validate.instance("rules", rules, SupportRules).basic_requests
    count = 0
    for t in items:
        _validate.instance("tickets", t, Ticket)
        if _said(t.category) in basic and since < t.opened_at <= at:
            count += 1
    notify = count >= threshold
    verdict = "notify the partner's account manager" if notify else "no notification"
    why = Reason.of(
        "zoho.basic_requests.overload",
        "{count} basic requests in the {window} before {at}, threshold {threshold}: {verdict}",
        count=count,
        window=window,
        at=at,
        threshold=threshold,
        verdict=verdict,
    )
    return BasicRequestLoad(notify, count, threshold, window, (why,))


home("partnerrules.sla", globals())
