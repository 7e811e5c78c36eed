"""Escalation eligibility.

Private: import these names from :mod:`partnerrules.sla`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules._sla.deadlines import status
from partnerrules._sla.policies import SlaPolicy
from partnerrules._sla.tickets import Ticket
from partnerrules._sla.vocabulary import ClockState, _coerce_enum
from partnerrules.decisions import Reason
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
)

# ---------------------------------------------------------------------------
# Escalation eligibility
# ---------------------------------------------------------------------------


class EscalationGround(enum.Enum, metaclass=_validate.TypedEnumType):
    """A ground on which a Zoho partner may escalate a case."""

    COMMITMENT_PASSED = "response commitment passed"
    PRODUCTION_IMPACT = "tangible production impact"
    HIGH_BUSINESS_RISK = "high business risk"
    MAJOR_PROBLEM_SLOW_TO_ISOLATE = "major high-impact problem slow to isolate"
    PROLONGED_OUTAGE = "prolonged outage exceeding or threatening the commitment"
    RECURRING_INCIDENTS = "recurring or multiple related high-priority incidents"
    SECURITY_BREACH = "security breach without an agreed workaround"


@attrs.frozen
class EscalationDecision:
    """The outcome of :func:`check_escalation`.

    Attributes:
        allowed: True when the partner may escalate.
        grounds: every ground that applies, in :class:`EscalationGround` order.
        reasons: one reason per ground, and one per refusal criterion.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    allowed: bool
    grounds: tuple[EscalationGround, ...]
    reasons: tuple[Reason, ...]


_LIMIT_PASSED = frozenset({ClockState.BREACHED, ClockState.MET_LATE})


def check_escalation(
    grounds: Iterable[object] = (),
    *,
    valid_contract: bool,
    ticket: Ticket | None = None,
    at: dt.datetime | None = None,
    policy: SlaPolicy | None = None,
    zone: str | None = None,
) -> EscalationDecision:
    """Say whether a partner may escalate, with every ground that applies.

    Rule ``zoho.escalation.eligibility`` (Zoho, "Quando um escalonamento deve
    ser iniciado?"). A partner with a valid support contract may escalate once
    the commitment's response time has passed, and at any time on tangible
    production impact or high business risk; the source lists four example
    grounds too (see :class:`EscalationGround`). Without a valid contract the
    escalation is refused, whatever the grounds.

    When *ticket* and *at* are given, "response commitment passed" is found
    from the ticket's status at *at*: an acknowledgement or
    problem-determination window whose limit passed without a response in
    time, whether still unanswered (breached) or answered after its limit
    (met late). The caller may also state it directly.

    >>> d = check_escalation(["security breach without an agreed workaround"],
    ...                      valid_contract=False)
    >>> d.allowed
    False
    >>> for reason in d.reasons:
    ...     print(reason)
    no valid support contract: escalation refused
    ground: security breach without an agreed workaround

    Raises:
        UnknownKeyError: an unknown ground.
        InvalidValueError: *ticket* without *at* (or the reverse).
    """
    if not isinstance(valid_contract, bool):
        raise InvalidTypeError("valid_contract", valid_contract, "a bool")
    items = _validate.items("grounds", grounds, "an iterable of EscalationGround values")
    found = {_coerce_enum("grounds", g, EscalationGround) for g in items}
    if (ticket is None) != (at is None):
        raise InvalidValueError("at", at, "given together with ticket (both or neither)")
    facts: list[Reason] = []
    if ticket is not None and at is not None:
        now = status(ticket, at, policy=policy, zone=zone)
        # The commitment's response time has passed for a window whose limit passed without
        # a response in time: breached, or answered after its limit (met late).
        late = [w for w in now.windows if w.state in _LIMIT_PASSED]
        if late:
            found.add(EscalationGround.COMMITMENT_PASSED)
            first = late[0]
            if first.state is ClockState.BREACHED:
                facts.append(
                    Reason.of(
                        "zoho.escalation.eligibility",
                        "the {metric} limit passed at {limit_at} without a response",
                        metric=first.metric.value,
                        limit_at=first.limit_at,
                    )
                )
            else:
                facts.append(
                    Reason.of(
                        "zoho.escalation.eligibility",
                        "the {metric} limit passed at {limit_at}; the response came late, "
                        "at {responded_at}",
                        metric=first.metric.value,
                        limit_at=first.limit_at,
                        responded_at=first.responded_at,
                    )
                )
    ordered = tuple(g for g in EscalationGround if g in found)
    reasons: list[Reason] = []
    if not valid_contract:
        reasons.append(
            Reason.of(
                "zoho.escalation.eligibility", "no valid support contract: escalation refused"
            )
        )
    if not ordered:
        reasons.append(
            Reason.of("zoho.escalation.eligibility", "no ground for an escalation applies")
        )
    reasons.extend(
        Reason.of("zoho.escalation.eligibility", "ground: {ground}", ground=g.value)
        for g in ordered
    )
    reasons.extend(facts)
    return EscalationDecision(valid_contract and bool(ordered), ordered, tuple(reasons))


home("partnerrules.sla", globals())
