"""Strategies of :mod:`partnerrules.testing.strategies`: sla (private)."""

import datetime as dt
from collections.abc import Sequence
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.calendars import BusinessCalendar
from partnerrules.sla import (
    BusinessSpan,
    Category,
    ClockKind,
    MatrixCell,
    Metric,
    PartnerLevel,
    Pause,
    ResponseWindow,
    Severity,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
)
from partnerrules.testing._strategies._calendars import calendars
from partnerrules.testing._strategies._checks import (
    checked,
    count,
    items,
    namespace,
    one_of,
    optional,
    place,
)
from partnerrules.testing._strategies._commission import rule_ids
from partnerrules.testing._strategies._common import (
    _DAY,
    _EPOCH,
    _HOUR,
    _US,
    _UTC,
    TICKET_PLACES,
    _ids,
    _shown,
)
from partnerrules.testing._strategies._time import instants, zones

# -- SLAs and tickets ----------------------------------------------------------------------

_SPAN_AMOUNTS: Final = {
    "minutes": (1, 2880, (1, 15, 60, 90, 1440)),
    "hours": (1, 96, (1, 8, 24, 48)),
    "days": (1, 10, (1, 2, 3)),
}
_UNITS: Final = ("minutes", "hours", "days")


def _amounts(unit: str) -> st.SearchStrategy[int]:
    lo, hi, common = _SPAN_AMOUNTS[unit]
    return st.one_of(st.integers(lo, hi), st.sampled_from(common))


#: The check of a *units* argument: None (every unit), or some of them.
_units = optional(items("a sequence of 'minutes', 'hours' or 'days'", one_of(*_UNITS)))
#: The check of a *places* argument: None (:data:`TICKET_PLACES`), or places like its.
_places = optional(items("a sequence of places like TICKET_PLACES", place))


@checked(units=_units)
def business_spans(*, units: Sequence[str] | None = None) -> st.SearchStrategy[BusinessSpan]:
    """Draw a :class:`~partnerrules.sla.BusinessSpan` in one of *units* (None: all three).

    1 to 2880 minutes, 1 to 96 hours or 1 to 10 business days, often the
    round amounts (an hour, a day, 90 minutes...).
    """
    return st.sampled_from(units or _UNITS).flatmap(
        lambda unit: _amounts(unit).map(lambda n: BusinessSpan(n, unit))
    )


@checked(units=_units)
@st.composite
def response_windows(draw: st.DrawFn, *, units: Sequence[str] | None = None) -> ResponseWindow:
    """Draw a :class:`~partnerrules.sla.ResponseWindow`: a target at most its limit, one unit.

    The unit is one of *units* (None: minutes, hours or days). The target
    often equals the limit (no at-risk period) or is one unit.
    """
    unit = draw(st.sampled_from(units or _UNITS))
    limit = draw(_amounts(unit))
    target = draw(st.one_of(st.sampled_from((limit, 1)), st.integers(1, limit)))
    return ResponseWindow(BusinessSpan(target, unit), BusinessSpan(limit, unit))


def _nominal(window: ResponseWindow) -> tuple[int, int]:
    per = {"minutes": 1, "hours": 60, "days": 1440}
    return window.limit.amount * per[window.limit.unit], window.target.amount


@checked(units=_units)
@st.composite
def severity_matrices(
    draw: st.DrawFn, *, units: Sequence[str] | None = None, levels: bool = True
) -> SeverityMatrix:
    """Draw a :class:`~partnerrules.sla.SeverityMatrix` (rule ``zoho.sla.matrix``).

    Every severity has an acknowledgement window, and often a problem
    determination one; windows mix *units* and grow from severity 1 to 3 (by
    nominal length, a day counted as 24 hours), as the shipped packs do
    (*units* None: minutes, hours and days). With *levels*, some cells are
    overridden for one partner level.
    """
    metrics = draw(
        st.sampled_from(
            ((Metric.ACKNOWLEDGEMENT,), (Metric.ACKNOWLEDGEMENT, Metric.PROBLEM_DETERMINATION))
        )
    )
    cells = []
    for metric in metrics:
        windows = sorted(
            draw(st.lists(response_windows(units=units), min_size=3, max_size=3)), key=_nominal
        )
        cells += [MatrixCell(sev, metric, w) for sev, w in zip(Severity, windows, strict=True)]
        if levels:
            overridden = draw(
                st.lists(
                    st.tuples(st.sampled_from(Severity), st.sampled_from(PartnerLevel)),
                    max_size=3,
                    unique=True,
                )
            )
            for sev, level in overridden:
                cells.append(MatrixCell(sev, metric, draw(response_windows(units=units)), level))
    return SeverityMatrix(cells)


@checked(namespace=optional(namespace))
@st.composite
def sla_policies(
    draw: st.DrawFn,
    *,
    namespace: str | None = None,
    clocks: st.SearchStrategy[ClockKind | BusinessCalendar] | None = None,
) -> SlaPolicy:
    """Draw a caller's :class:`~partnerrules.sla.SlaPolicy`.

    A rule id in *namespace* (:func:`rule_ids`), a :func:`severity_matrices`
    matrix, a clock from *clocks* (a built-in kind, ``24x5``, ``24x7`` or
    ``support hours``, or a :func:`calendars` calendar), and drawn sets of
    round-the-clock and exempt categories and recurring metrics.
    """
    default_clocks = st.one_of(
        st.sampled_from((ClockKind.WEEKDAY, ClockKind.ALWAYS_ON, ClockKind.SUPPORT_HOURS)),
        calendars(),
    )
    return SlaPolicy(
        draw(st.sampled_from(("Acme support", "Team desk", "Night desk"))),
        draw(rule_ids(namespace=namespace)),
        draw(severity_matrices()),
        draw(clocks if clocks is not None else default_clocks),
        round_the_clock=draw(st.frozensets(st.sampled_from(Category), max_size=4)),
        exempt=draw(st.frozensets(st.sampled_from(Category), max_size=3)),
        recurring=draw(st.frozensets(st.sampled_from(Metric))),
    )


@checked()
@st.composite
def pauses(draw: st.DrawFn) -> Pause:
    """Draw a :class:`~partnerrules.sla.Pause` on its own: a start and an end after it, or none."""
    start = draw(instants())
    if draw(st.integers(0, 3)) == 3:
        return Pause(start, None)
    length = draw(st.integers(1, 7 * _DAY))
    return Pause(start, _shown((start - _EPOCH) // _US + length, draw(zones())))


@checked(places=_places, max_responses=count(0), max_pauses=count(0))
@st.composite
def tickets(
    draw: st.DrawFn,
    *,
    opened_at: st.SearchStrategy[dt.datetime] | None = None,
    places: Sequence[tuple[str, tuple[str | None, ...], tuple[str, ...]]] | None = None,
    max_responses: int = 3,
    max_pauses: int = 2,
) -> Ticket:
    """Draw a :class:`~partnerrules.sla.Ticket` whose pauses and responses fit its opening.

    Any severity, category (exempt ones too) and partner level. The customer
    is placed by *places* (None: :data:`TICKET_PLACES`; each a country, a
    subdivision whose holidays exist, and its zones), and the ticket states that zone
    or not; the opening instant is shown in the local zone or in UTC (a service
    that stores UTC), so every ticket has a local zone for support-hours
    policies. The opening comes from *opened_at*, by default :func:`instants`
    from 2015 to 2035 with the local zone's DST nights and month starts drawn
    often.

    Up to *max_responses* responses at or after the opening (a response at
    the opening instant comes up), and up to *max_pauses* pauses from the
    opening on, never overlapping (one may start as the previous ends), the
    last sometimes still open. They are shown in the local zone or in UTC; one
    whose local wall time happens twice (the repeated hour of a DST night) is
    always shown in UTC, because Python orders two datetimes that share a
    tzinfo by wall time, ignoring ``fold``.
    """
    places = TICKET_PLACES if places is None else places
    country, subdivisions, zone_names = draw(st.sampled_from(tuple(places)))
    local = ZoneInfo(draw(st.sampled_from(zone_names)))
    opened = draw(
        opened_at
        if opened_at is not None
        else instants(timezones=st.sampled_from((local, local, _UTC)))
    )
    start = (opened - _EPOCH) // _US
    responses = []
    cursor = start
    for gap in draw(st.lists(st.integers(0, 3 * _DAY), max_size=max_responses)):
        cursor += gap
        responses.append(_shown(cursor, draw(st.sampled_from((local, _UTC)))))
    pause_list = []
    cursor = start
    for gap, length in draw(
        st.lists(
            st.tuples(st.integers(0, 10 * _HOUR), st.integers(1, 15 * _HOUR)),
            max_size=max_pauses,
        )
    ):
        cursor += gap
        if draw(st.integers(0, 9)) == 9:
            pause_list.append(Pause(_shown(cursor, local), None))
            break
        pause_list.append(Pause(_shown(cursor, local), _shown(cursor + length, local)))
        cursor += length
    return Ticket(
        draw(_ids("T")),
        opened,
        severity=draw(st.sampled_from(Severity)),
        category=draw(st.sampled_from(Category)),
        level=draw(st.sampled_from(PartnerLevel)),
        country=country,
        subdivision=draw(st.sampled_from(subdivisions)),
        pauses=pause_list,
        responses=responses,
        zone=draw(st.sampled_from((None, local.key))),
    )


home("partnerrules.testing.strategies", globals())
