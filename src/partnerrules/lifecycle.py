"""SLA lifecycle: every clock of a ticket, recomputed from the ticket's own history.

A :class:`TicketHistory` is the ordered events of one ticket: :class:`Opened`,
:class:`StatusChanged`, :class:`Responded`, :class:`SeverityChanged`,
:class:`LevelChanged`, :class:`PolicyChanged`, :class:`Resolved`,
:class:`Closed`, :class:`Reopened`. A :class:`LifecyclePolicy` is the
programme's data about them: its :class:`~partnerrules.sla.SlaPolicy` (the
acknowledgement and problem-determination windows and the clock, rules
``zoho.sla.matrix`` and ``zoho.sla.weekday_clock`` for Zoho), which statuses
pause which clocks, which responses count, the resolution windows, what a
severity change does to open windows, which clocks restart on reopening,
notifications at fractions of a window and escalation levels at offsets from
a deadline. None of those has a default: the sources give no number for them,
so they are the caller's.

:func:`evaluate` replays the events known at an instant and returns the
state of every window of every clock, with the exact instants a service
schedules (targets, limits, notifications, escalation levels). Nothing is
stored between calls: a pause recorded late, a severity change, a reopening
or a calendar change all come out of the same recomputation, and appending
later events never changes an earlier answer.

>>> import datetime as dt
>>> from zoneinfo import ZoneInfo
>>> from partnerrules.sla import ZOHO
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> policy = LifecyclePolicy(
...     "Acme on Zoho", "acme.support.lifecycle", ZOHO,
...     pausing_statuses={"waiting on customer": ["acknowledgement", "problem determination"]},
...     counted_responses=["public"], resolution={}, on_severity_change="keep elapsed",
...     restart_on_reopen=[], notifications=[], escalations=[])
>>> monday = dt.datetime(2026, 11, 23, 9, tzinfo=sp)
>>> history = TicketHistory([
...     Opened("T-1", monday, severity=1, category="slowness", level="Premium", country="BR"),
...     StatusChanged(monday + dt.timedelta(minutes=30), "waiting on customer"),
...     StatusChanged(monday + dt.timedelta(hours=2), "open")])
>>> ack = evaluate(history, monday + dt.timedelta(hours=3), policy=policy).acknowledgement
>>> ack.state.value, ack.paused, ack.limit_at.time()
('at risk', datetime.timedelta(seconds=5400), datetime.time(13, 30))
"""

from __future__ import annotations

# The code is in the private package partnerrules._lifecycle, one module per concern (its
# integer engine is partnerrules._lifecycle.engine).
from partnerrules._lifecycle.evaluation import LifecycleBatch, evaluate, evaluate_many
from partnerrules._lifecycle.events import (
    Closed,
    Event,
    LevelChanged,
    Opened,
    PolicyChanged,
    Reopened,
    Resolved,
    Responded,
    SeverityChanged,
    StatusChanged,
)
from partnerrules._lifecycle.histories import HistoryProblem, InvalidHistoryError, TicketHistory
from partnerrules._lifecycle.notices import Notice
from partnerrules._lifecycle.policy import EscalationLevel, LifecyclePolicy, Notification
from partnerrules._lifecycle.results import ClockWindow, TicketLifecycle
from partnerrules._lifecycle.vocabulary import (
    Clock,
    Edge,
    Ending,
    NoticeKind,
    NoticeState,
    Phase,
    SeverityChange,
    Visibility,
    WindowStart,
)

__all__ = [
    "Clock",
    "ClockWindow",
    "Closed",
    "Edge",
    "Ending",
    "EscalationLevel",
    "Event",
    "HistoryProblem",
    "InvalidHistoryError",
    "LevelChanged",
    "LifecycleBatch",
    "LifecyclePolicy",
    "Notice",
    "NoticeKind",
    "NoticeState",
    "Notification",
    "Opened",
    "Phase",
    "PolicyChanged",
    "Reopened",
    "Resolved",
    "Responded",
    "SeverityChange",
    "SeverityChanged",
    "StatusChanged",
    "TicketHistory",
    "TicketLifecycle",
    "Visibility",
    "WindowStart",
    "evaluate",
    "evaluate_many",
]
