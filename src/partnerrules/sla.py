"""Support SLAs: severity, matrices, clocks with pauses, escalation and entitlements.

This module applies the support rules of three sources side by side:

* Zoho partner support (``zoho.*``): a severity matrix of acknowledgement and
  problem-determination windows on a 24x5 weekday clock, with a 24x7 clock for
  downtime, outage and login cases; triage order, escalation grounds,
  entitlements per partner level, request completeness and scope.
* "Appendix B - Support" (``appb.*``): a first response within one business
  day of a 09:00-18:00 local calendar with local holidays, the after-hours
  channel, the support levels and status-page updates.
* Omid Cloud (``omid.support.always_on``): technical support around the clock.

Every number comes from a policy pack (:mod:`partnerrules.policies.zoho`,
:mod:`partnerrules.policies.appendix_b`,
:mod:`partnerrules.policies.omid_support`); rule functions take the policy as
a keyword argument with the pack as its default. Nothing reads a clock: the
instant of a status is always a parameter, and status is recomputed from the
ticket's data alone (opening, pauses, responses), so late-recorded pauses are
taken into account the next time it is asked.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.sla import Ticket, deadlines
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> ticket = Ticket("T-1", dt.datetime(2026, 11, 21, 10, tzinfo=sp), severity=1,
...                 category="downtime", level="Premium", country="BR")
>>> book = deadlines(ticket, zone="America/Sao_Paulo")
>>> book.acknowledgement.limit_at.isoformat()
'2026-11-21T13:00:00-03:00'
"""

from __future__ import annotations

# The examples in the docstrings run in this module's namespace (as before the split).
import datetime as dt  # noqa: F401
from zoneinfo import ZoneInfo  # noqa: F401

# The code is in the private package partnerrules._sla, one module per concern, and the
# integer fast paths in partnerrules._engine (shared with lifecycle and frame).
from partnerrules._sla.deadlines import (
    DeadlineBatch,
    StatusBatch,
    deadlines,
    deadlines_many,
    status,
    status_many,
)
from partnerrules._sla.escalation import EscalationDecision, EscalationGround, check_escalation
from partnerrules._sla.model import AlwaysOnDesk, SupportDesk, SupportRules
from partnerrules._sla.policies import (
    APPENDIX_B,
    MAX_SPAN,
    ZOHO,
    BusinessSpan,
    MatrixCell,
    ResponseWindow,
    SeverityMatrix,
    SlaPolicy,
    omid_policy,
)
from partnerrules._sla.requests import (
    Feature,
    RequestCheck,
    ScopeDecision,
    SupportRequest,
    SupportTopic,
    check_request,
    check_scope,
    entitlements,
    is_entitled,
)
from partnerrules._sla.results import Deadline, TicketDeadlines, TicketStatus, WindowStatus
from partnerrules._sla.support import (
    StatusPageCheck,
    StatusPageUpdate,
    SupportAvailability,
    SupportLevel,
    SupportPath,
    can_escalate_level,
    check_status_page_update,
    omid_support_availability,
    omid_support_clock,
    support_availability,
    support_path,
)
from partnerrules._sla.tickets import Pause, Ticket
from partnerrules._sla.triage import (
    BasicRequestLoad,
    SeverityClassification,
    check_basic_request_load,
    classify_severity,
    triage_key,
    triage_order,
)
from partnerrules._sla.vocabulary import (
    Category,
    ClockKind,
    ClockState,
    Impact,
    Metric,
    PartnerLevel,
    Severity,
)
from partnerrules.regions import (
    EscalationPath,
    PrioritySupportDecision,
    Region,
    check_priority_support,
    escalation_path,
    escalation_region,
)

__all__ = [
    "APPENDIX_B",
    "MAX_SPAN",
    "ZOHO",
    "AlwaysOnDesk",
    "BasicRequestLoad",
    "BusinessSpan",
    "Category",
    "ClockKind",
    "ClockState",
    "Deadline",
    "DeadlineBatch",
    "EscalationDecision",
    "EscalationGround",
    "EscalationPath",
    "Feature",
    "Impact",
    "MatrixCell",
    "Metric",
    "PartnerLevel",
    "Pause",
    "PrioritySupportDecision",
    "Region",
    "RequestCheck",
    "ResponseWindow",
    "ScopeDecision",
    "Severity",
    "SeverityClassification",
    "SeverityMatrix",
    "SlaPolicy",
    "StatusBatch",
    "StatusPageCheck",
    "StatusPageUpdate",
    "SupportAvailability",
    "SupportDesk",
    "SupportLevel",
    "SupportPath",
    "SupportRequest",
    "SupportRules",
    "SupportTopic",
    "Ticket",
    "TicketDeadlines",
    "TicketStatus",
    "WindowStatus",
    "can_escalate_level",
    "check_basic_request_load",
    "check_escalation",
    "check_priority_support",
    "check_request",
    "check_scope",
    "check_status_page_update",
    "classify_severity",
    "deadlines",
    "deadlines_many",
    "entitlements",
    "escalation_path",
    "escalation_region",
    "is_entitled",
    "omid_policy",
    "omid_support_availability",
    "omid_support_clock",
    "status",
    "status_many",
    "support_availability",
    "support_path",
    "triage_key",
    "triage_order",
]
