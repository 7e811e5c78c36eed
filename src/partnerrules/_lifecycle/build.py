"""Results built from the engine's sweep (private)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerrules._engine import _STATES, built
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.context import _Context, _held
from partnerrules._lifecycle.events import LevelChanged, SeverityChanged
from partnerrules._lifecycle.histories import TicketHistory
from partnerrules._lifecycle.policy import LifecyclePolicy
from partnerrules._lifecycle.results import ClockWindow, TicketLifecycle
from partnerrules._lifecycle.vocabulary import _CLOCKS, _ENDINGS, _PHASES, _STARTS
from partnerrules._public import home
from partnerrules.sla import (
    PartnerLevel,
    Severity,
)

# ---------------------------------------------------------------------------
# Building results
# ---------------------------------------------------------------------------


def _in_force(history: TicketHistory, at: dt.datetime) -> tuple[Severity, PartnerLevel]:
    """The severity and partner level in force at *at* (the last change known)."""
    opened = history.opened
    severity, level = opened.severity, opened.level
    for e in history.events:
        if e.at > at:
            break
        if isinstance(e, SeverityChanged):
            severity = e.severity
        elif isinstance(e, LevelChanged):
            level = e.level
    return severity, level


def _result(
    history: TicketHistory,
    at: dt.datetime,
    at_us: int,
    policy: LifecyclePolicy,
    zone: object,
    sweep: _engine.Sweep,
    row: Any,
) -> TicketLifecycle:
    """The :class:`TicketLifecycle` of a sweep and its number row (built by the engine)."""
    return built(_result_built, history, at, at_us, policy, zone, sweep, row)


def _result_built(
    history: TicketHistory,
    at: dt.datetime,
    at_us: int,
    policy: LifecyclePolicy,
    zone: object,
    sweep: _engine.Sweep,
    row: Any,
) -> TicketLifecycle:
    """The :class:`TicketLifecycle` of a sweep and its number row (see ``engine.row``)."""
    ctx = _Context(history, policy, zone, at_us, sweep)
    severity, level = _in_force(history, at)
    now = ctx.now
    exempt = bool(row[0])
    windows = []
    width, base = _engine.WIDTH, _engine.HEAD
    entries = sweep.windows
    instant = _engine.instant
    for k in range((len(row) - base) // width):
        w = base + k * width
        clock, state, index = _engine.unkey(row[w])
        c, seq, start, end, how, cause = entries[clock][index][:6]
        windows.append(
            ClockWindow(
                _CLOCKS[c],
                seq,
                _STATES[state],
                _STARTS[cause],
                None if how == _engine.OPEN_END else _ENDINGS[how],
                at,
                start,
                end,
                row[w + 1],
                row[w + 2],
                row[w + 3],
                row[w + 4],
                _held(instant(sweep, row[w + 5])),
                _held(instant(sweep, row[w + 6])),
                ctx,
                index,
            )
        )
    return TicketLifecycle(
        history.id,
        at,
        _PHASES[row[1]],
        sweep.status,
        severity,
        level,
        now.policy.name,
        exempt,
        "" if now.exempt else now.zone_name,
        tuple(windows),
        ctx,
    )


home("partnerrules.lifecycle", globals())
