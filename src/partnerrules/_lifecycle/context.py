"""What every result of an evaluation keeps (private).

The sweep, the history and the policy, and the check of results built by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from partnerrules import _validate
from partnerrules._engine import _LIMIT_US, _US, building
from partnerrules._lifecycle import engine as _engine
from partnerrules._lifecycle.histories import TicketHistory
from partnerrules._lifecycle.policy import LifecyclePolicy
from partnerrules._lifecycle.vocabulary import _EPOCH, Clock
from partnerrules._public import home
from partnerrules.errors import (
    InvalidTypeError,
)

# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


class _Context:
    """What a result needs after the numbers: the sweep, the history and the policy."""

    __slots__ = ("at_us", "history", "now", "policy", "sweep", "zone")

    def __init__(
        self,
        history: TicketHistory,
        policy: LifecyclePolicy,
        zone: object,
        at_us: int,
        sweep: _engine.Sweep,
    ) -> None:
        self.history = history
        self.policy = policy
        self.zone = zone
        self.at_us = at_us
        self.sweep = sweep
        self.now = sweep.plan_at(at_us)

    def out(self, us: int | None) -> dt.datetime | None:
        """The instant *us* as a datetime in the zone of the clock in force (None stays None)."""
        if us is None:
            return None
        if not self.now.exempt:
            made: dt.datetime = self.now.calendar._from_us(us)
            return made
        return (_EPOCH + _US * us).astimezone(self.history.opened.at.tzinfo)

    def rule_of(self, clock: Clock) -> str:
        """The rule a window of *clock* applies: the SLA policy's, or the lifecycle's."""
        if clock is Clock.RESOLUTION:
            return self.policy.rule_id
        rule: str = self.now.policy.rule_id
        return rule


def _engine_built(result: Any) -> None:
    """Refuse a result built by hand with the wrong kinds of fields (the engine's are right)."""
    if building():
        return
    if type(result._ctx) is not _Context:
        raise InvalidTypeError(
            "ctx",
            result._ctx,
            "the engine's context: results are built by evaluate() and evaluate_many(), "
            "never by hand",
        )
    _validate.fields_typed(result)
    for field in attrs.fields(type(result)):
        if not field.name.startswith("_") or field.name == "_ctx":
            continue
        value = getattr(result, field.name)
        if value is None and "None" in str(field.type):
            continue
        if type(value) is not int or not -_LIMIT_US < value < _LIMIT_US:
            raise InvalidTypeError(field.name.lstrip("_"), value, "an engine integer")


def _out(ctx: _Context, us: int | None) -> dt.datetime | None:
    return ctx.out(us)


def _held(us: int) -> int | None:
    return None if us == _engine.HELD else us


home("partnerrules.lifecycle", globals())
