"""The reasons of windows and tickets (private: built when a result's reasons are read)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.context import _Context
from partnerrules._lifecycle.vocabulary import _CLOCK_INDEX, _CLOCKS, Phase, WindowStart
from partnerrules._public import home
from partnerrules.decisions import Reason

if TYPE_CHECKING:
    from partnerrules._lifecycle.results import ClockWindow, TicketLifecycle


def _window_reasons(window: ClockWindow) -> tuple[Reason, ...]:
    ctx: _Context = window._ctx
    policy = ctx.policy
    rule = ctx.rule_of(window.clock)
    facts: dict[str, Any] = {
        "clock": window.clock.value,
        "state": window.state.value,
        "elapsed": window.elapsed,
        "limit": window.limit,
        "used": window.used,
        "target_at": window.target_at,
        "limit_at": window.limit_at,
        "breached_at": window.breached_at,
        "sequence": window.sequence,
    }
    out: list[Reason] = []
    if window.ended_by is not None:
        ended = {"ending": window.ended_by.value, "ended_at": window.ended_at}
        if window.limit_at is None:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: ended by the {ending} at {ended_at:EEE d MMM HH:mm}",
                    **ended,
                    **facts,
                )
            )
        else:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: ended by the {ending} at {ended_at:EEE d MMM HH:mm}, "
                    "limit {limit_at:EEE d MMM HH:mm}",
                    **ended,
                    **facts,
                )
            )
    elif window.limit_at is None:
        if _engine.spec_of(ctx.now, _CLOCK_INDEX[window.clock], ctx.sweep.res) is None:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: {elapsed} of {limit} used ({used:%}); the {policy} policy "
                    "in force has no {clock} window: the clock stands still",
                    policy=ctx.now.policy.name,
                    **facts,
                )
            )
        else:
            out.append(
                Reason.of(
                    rule,
                    "{clock} {state}: {elapsed} of {limit} used ({used:%}); an open pause holds "
                    "the clock, no due time yet",
                    **facts,
                )
            )
    else:
        out.append(
            Reason.of(
                rule,
                "{clock} {state}: {elapsed} of {limit} used ({used:%}), due by "
                "{limit_at:EEE d MMM HH:mm} (at risk after {target_at:EEE d MMM HH:mm})",
                **facts,
            )
        )
    if window.breached_at is not None:
        out.append(Reason.of(rule, "{clock} breached at {breached_at:EEE d MMM HH:mm}", **facts))
    if window.started_by is WindowStart.REOPENING:
        out.append(
            Reason.of(
                policy.rule_id,
                "the {clock} clock started again when the ticket was reopened at "
                "{start:EEE d MMM HH:mm}",
                clock=window.clock.value,
                start=window.start,
            )
        )
    elif window.started_by is WindowStart.CHANGE:
        out.append(
            Reason.of(
                policy.rule_id,
                "the {clock} clock restarted at {start:EEE d MMM HH:mm}: the severity or "
                "level changed and the policy restarts running windows",
                clock=window.clock.value,
                start=window.start,
            )
        )
    entry = ctx.sweep.windows[_CLOCK_INDEX[window.clock]][window._pos]
    for gap_from, gap_to in entry[6] or ():
        out.append(
            Reason.of(
                policy.rule_id,
                "reopened at {to:EEE d MMM HH:mm}: the {clock} window kept its elapsed time; "
                "the time from {since:EEE d MMM HH:mm} while it was resolved did not count",
                clock=window.clock.value,
                since=ctx.out(gap_from),
                to=ctx.out(gap_to),
            )
        )
    if window._paused_us:
        paused = {
            "paused": window.paused,
            "statuses": ", ".join(repr(s) for s in policy.pausing(window.clock)) or "none",
            "clock": window.clock.value,
        }
        if entry[6]:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "{paused} of business time paused: statuses that pause the {clock} clock "
                    "({statuses}) and time spent resolved",
                    **paused,
                )
            )
        else:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "{paused} of business time paused: statuses that pause the {clock} clock "
                    "({statuses})",
                    **paused,
                )
            )
    stop = ctx.at_us if window._end_us is None else window._end_us
    for (begin, plan), kind in zip(ctx.sweep.segs[1:], ctx.sweep.kinds[1:], strict=True):
        if window._start_us < begin <= stop:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "from {since:EEE d MMM HH:mm}: severity {severity}, level {level}, policy "
                    "{policy}; the window kept the business time already used",
                    since=ctx.out(begin),
                    severity=int(plan.severity),
                    level=str(kind[2]),
                    policy=plan.policy.name,
                )
            )
    return tuple(out)


def _word(value: object) -> str:
    """The word of a vocabulary member (its value), or the caller's own word."""
    return value if isinstance(value, str) else str(getattr(value, "value", value))


def _ticket_reasons(result: TicketLifecycle) -> tuple[Reason, ...]:
    ctx: _Context = result._ctx
    policy = ctx.policy
    sweep = ctx.sweep
    now = ctx.now
    out: list[Reason] = []
    if now.exempt:
        out.append(
            Reason.of(
                now.policy.rule_id,
                "{category} tickets are exempt from the {policy} commitment: no clock runs",
                category=_word(ctx.history.opened.category),
                policy=now.policy.name,
            )
        )
    else:
        out.extend(now.clock_reasons())
    if sweep.phase_at is not None:
        out.append(
            Reason.of(
                policy.rule_id,
                "{phase} since {since:EEE d MMM HH:mm}",
                phase=result.phase.value if result.phase is not Phase.OPEN else "reopened",
                since=ctx.out(sweep.phase_at),
            )
        )
    if result.status is not None:
        paused = policy.pausing_statuses.get(result.status, frozenset())
        names = ", ".join(c.value for c in _CLOCKS if c in paused)
        if names:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "status {ticket_status!r}: pauses the {clocks} clocks",
                    ticket_status=result.status,
                    clocks=names,
                )
            )
        else:
            out.append(
                Reason.of(
                    policy.rule_id,
                    "status {ticket_status!r}: no clock paused",
                    ticket_status=result.status,
                )
            )
    if sweep.policies:
        since = max((eff for _, eff, p in sweep.policies if eff <= ctx.at_us), default=None)
        out.append(
            Reason.of(
                policy.rule_id,
                "policy {policy} in force at {at:EEE d MMM HH:mm} ({count} policy changes known)",
                policy=result.policy,
                at=result.at,
                since=ctx.out(since),
                count=len(sweep.policies),
            )
        )
    return tuple(out)


home("partnerrules.lifecycle", globals())
