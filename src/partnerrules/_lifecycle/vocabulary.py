"""Lifecycle vocabulary: clocks, visibilities, phases, endings, edges, notice kinds and states.

Private: import these names from :mod:`partnerrules.lifecycle`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeVar

from partnerrules import _validate
from partnerrules._lifecycle import engine as _engine
from partnerrules._public import home
from partnerrules._sla.vocabulary import _coerce_enum

E = TypeVar("E", bound=enum.Enum)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------


class Clock(enum.Enum, metaclass=_validate.TypedEnumType):
    """A clock of the ticket's lifecycle.

    ``ACKNOWLEDGEMENT`` runs from the opening to the first counted response;
    ``PROBLEM_DETERMINATION`` is the recurring update clock (each counted
    response starts the next window; rule ``zoho.sla.matrix``);
    ``RESOLUTION`` runs from the opening to the resolution (Zoho's "Tempo de
    resolução", whose windows are the caller's data).
    """

    ACKNOWLEDGEMENT = "acknowledgement"
    PROBLEM_DETERMINATION = "problem determination"
    RESOLUTION = "resolution"


_CLOCKS = tuple(Clock)
_CLOCK_INDEX = {c: i for i, c in enumerate(_CLOCKS)}


class Visibility(enum.Enum, metaclass=_validate.TypedEnumType):
    """Who sees a response: the customer (public) or only the team (internal)."""

    PUBLIC = "public"
    INTERNAL = "internal"


_VISIBILITY_BIT = {Visibility.PUBLIC: _engine.PUBLIC, Visibility.INTERNAL: _engine.INTERNAL}


class SeverityChange(enum.Enum, metaclass=_validate.TypedEnumType):
    """What a change of severity or partner level does to the windows running then.

    ``KEEP_ELAPSED``: each running window keeps the business time it has
    used and is re-targeted to the new severity's lengths (a window already
    past the new limit is breached at the change). ``RESTART``: each running
    window ends at the change and a new window of the same clock starts there
    with the new lengths (the earlier time is discarded; a window already
    past its limit stays on record, breached).
    """

    KEEP_ELAPSED = "keep elapsed"
    RESTART = "restart"


class Phase(enum.Enum, metaclass=_validate.TypedEnumType):
    """Where the ticket is in its life: open, resolved or closed."""

    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


_PHASES = (Phase.OPEN, Phase.RESOLVED, Phase.CLOSED)


class Ending(enum.Enum, metaclass=_validate.TypedEnumType):
    """What ended a window: a counted response, the resolution, the closing or a restart."""

    RESPONSE = "response"
    RESOLUTION = "resolution"
    CLOSING = "closing"
    RESTART = "restart"


_ENDINGS = (Ending.RESPONSE, Ending.RESOLUTION, Ending.CLOSING, Ending.RESTART)


class WindowStart(enum.Enum, metaclass=_validate.TypedEnumType):
    """What started a window."""

    OPENING = "opening"
    RESPONSE = "response"
    REOPENING = "reopening"
    CHANGE = "severity or level change"


_STARTS = (WindowStart.OPENING, WindowStart.RESPONSE, WindowStart.REOPENING, WindowStart.CHANGE)


class Edge(enum.Enum, metaclass=_validate.TypedEnumType):
    """Which deadline of a window an escalation level is measured from."""

    TARGET = "target"
    LIMIT = "limit"


class NoticeKind(enum.Enum, metaclass=_validate.TypedEnumType):
    """A notification (a fraction of a window) or an escalation level (an offset)."""

    NOTIFICATION = "notification"
    ESCALATION = "escalation"


class NoticeState(enum.Enum, metaclass=_validate.TypedEnumType):
    """Where a notice stands at the evaluated instant.

    ``PENDING``: its instant is later; ``FIRED``: its instant came while the
    window ran; ``CANCELLED``: the window ended at or before its instant;
    ``HELD``: an open pause holds the clock before it (no instant yet).
    """

    PENDING = "pending"
    FIRED = "fired"
    CANCELLED = "cancelled"
    HELD = "held"


def _clock(value: object) -> Clock:
    return _coerce_enum("clock", value, Clock)


home("partnerrules.lifecycle", globals())
