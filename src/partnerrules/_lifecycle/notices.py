"""Notices: the notification and escalation instants of a window.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from partnerrules import _validate
from partnerrules._engine import _US, _lengths, _Spec
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.context import _Context
from partnerrules._lifecycle.vocabulary import _CLOCK_INDEX, Clock, Edge, NoticeKind, NoticeState
from partnerrules._public import home
from partnerrules.decisions import Reason

if TYPE_CHECKING:
    from partnerrules._lifecycle.results import ClockWindow


@attrs.frozen
class Notice:
    """A notification or escalation level of one window, with its exact instant.

    Attributes:
        kind: notification or escalation.
        name: the level's name, or ``'75% of the acknowledgement limit'``.
        clock: the window's clock.
        sequence: the window's sequence among its clock's windows.
        state: pending, fired, cancelled (the window ended first) or held.
        fires_at: when it fires (None while an open pause holds the clock).
        rule_id: the rule it applies.
    """

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    kind: NoticeKind
    name: str
    clock: Clock
    sequence: int
    state: NoticeState
    fires_at: dt.datetime | None
    rule_id: str

    @functools.cached_property
    def reasons(self) -> tuple[Reason, ...]:
        """Why it fires when it does (built on first access)."""
        facts = {
            "name": self.name,
            "clock": self.clock.value,
            "sequence": self.sequence,
            "notice_state": self.state.value,
            "fires_at": self.fires_at,
        }
        if self.fires_at is None:
            why = Reason.of(
                self.rule_id,
                "{name} ({clock} window {sequence}): held by an open pause, no instant yet",
                **facts,
            )
        else:
            why = Reason.of(
                self.rule_id,
                "{name} ({clock} window {sequence}): {notice_state} at {fires_at:EEE d MMM HH:mm}",
                **facts,
            )
        return (why,)


def _amount_of_limit(share: Decimal, start: int) -> Any:
    def amount(cal: Any, spec: _Spec) -> int:
        limit = _lengths(cal, spec, start)[1]
        return int((share * limit).to_integral_value(ROUND_HALF_EVEN))

    return amount


def _amount_from_edge(edge: Edge, offset_us: int, start: int) -> Any:
    def amount(cal: Any, spec: _Spec) -> int:
        lengths = _lengths(cal, spec, start)
        total = (lengths[0] if edge is Edge.TARGET else lengths[1]) + offset_us
        return total if total > 0 else 0

    return amount


def _notices(window: ClockWindow) -> tuple[Notice, ...]:
    ctx: _Context = window._ctx
    sweep = ctx.sweep
    clock = _CLOCK_INDEX[window.clock]
    entry = sweep.windows[clock][window._pos]
    pauses = sweep.window_pauses(entry)
    start, end, at_us = window._start_us, window._end_us, ctx.at_us
    policy = ctx.policy
    out = []
    wanted: list[tuple[NoticeKind, str, str, Any]] = []
    for n in policy.notifications:
        if n.clock is window.clock:
            wanted.append(
                (
                    NoticeKind.NOTIFICATION,
                    n.name,
                    policy.rule_id,
                    _amount_of_limit(n.fraction, start),
                )
            )
    for e in policy.escalations:
        if e.clock is window.clock:
            wanted.append(
                (
                    NoticeKind.ESCALATION,
                    e.name,
                    e.rule_id or policy.rule_id,
                    _amount_from_edge(e.relative_to, e.offset // _US, start),
                )
            )
    for kind, name, rule, amount in wanted:
        fires = _engine.reach(sweep, clock, start, pauses, amount)
        if end is not None and (fires is None or end <= fires):
            state = NoticeState.CANCELLED
        elif fires is None:
            state = NoticeState.HELD
        elif fires <= at_us:
            state = NoticeState.FIRED
        else:
            state = NoticeState.PENDING
        out.append(Notice(kind, name, window.clock, window.sequence, state, ctx.out(fires), rule))
    return tuple(out)


home("partnerrules.lifecycle", globals())
