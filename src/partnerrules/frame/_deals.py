"""Columnar deal protection (private; see :mod:`partnerrules.frame`).

Follows :func:`partnerrules.deals.protection_status` step by step over
columns: the last activity known at the instant, the horizon of each activity
(``window_months`` calendar months later on the wall clock of the
registration's zone, month ends clamped), and the state. Wall times that fall
in a DST gap, and bad rows, are answered by the scalar function.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from partnerrules import deals as _deals
from partnerrules._deals.common import _instant, _months
from partnerrules.calendars import _instant_us
from partnerrules.errors import PartnerRulesError
from partnerrules.frame._io import Instants, Out, Reader, wall_us
from partnerrules.frame._sla import check_errors
from partnerrules.frame._timeline import I64, NAT, Bools
from partnerrules.identity import Customer

REQUIRED = ("deal_id", "partner", "bdm", "registered_at")
_RULE = "mcs.deal.protection"
_STATES = ("protected", "lapsable")
_DAY = 86_400_000_000
_PLACEHOLDER = Customer("customer")  # protection does not depend on the customer
_FAR = (dt.datetime(9000, 1, 1, tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // (
    dt.timedelta(microseconds=1)
)


def _add_months(wall: I64, months: int) -> I64:
    """Wall times *months* calendar months later, the day clamped to the month's end."""
    days = np.floor_divide(wall, _DAY)
    time_of_day = wall - days * _DAY
    date = days.astype("M8[D]")
    month = date.astype("M8[M]")
    day_of_month = (date - month.astype("M8[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = ((target + np.timedelta64(1, "M")).astype("M8[D]") - target.astype("M8[D]")).astype(
        np.int64
    )
    day = np.minimum(day_of_month, length - 1)
    out: I64 = (target.astype("M8[D]").astype(np.int64) + day) * _DAY + time_of_day
    return out


def _instants_of_wall(wall: I64, zone: dt.tzinfo) -> I64:
    """The instant of each wall time in *zone*: the first of two (a fold); NaT in a gap."""
    import pandas as pd

    if isinstance(zone, dt.timezone):
        offset = zone.utcoffset(None) // dt.timedelta(microseconds=1)
        return wall - offset
    local = pd.DatetimeIndex(wall.view("M8[us]")).tz_localize(
        zone, ambiguous=np.ones(len(wall), np.bool_), nonexistent="NaT"
    )
    return np.asarray(local.asi8, np.int64)


def protection(registrations: object, at: object, window_months: object, errors: object) -> Any:
    """See :func:`partnerrules.frame.protection_status`."""
    mode = check_errors(errors)
    at_dt = _instant("at", at)
    at_us = _instant_us(at_dt, "at")
    months = _months(window_months)
    reader = Reader(registrations, "registrations")
    reader.require(REQUIRED, "see the registration columns of partnerrules.frame")
    n = reader.n
    reg = reader.instants("registered_at")
    none = Instants(np.full(n, NAT, np.int64), np.ones(n, np.bool_), np.zeros(n, np.bool_), None)
    upd = reader.instants("last_update_at") if reader.has("last_update_at") else none
    bad: Bools = reg.null | reg.bad | upd.bad
    for name in ("deal_id", "partner", "bdm"):
        bad |= reader.blank_or_not_text(name)
    bad |= ~upd.null & (upd.us < reg.us)  # a status update before the registration
    bad |= ~bad & (at_us < reg.us)  # the instant asked for is before the registration
    bad |= (reg.us > _FAR) | (upd.us > _FAR)  # a horizon near year 9999: the scalar path says
    known = ~upd.null & (upd.us <= at_us)
    last = np.where(known & ~bad, np.maximum(reg.us, np.where(known, upd.us, NAT)), reg.us)
    until = np.full(n, NAT, np.int64)
    rows = np.flatnonzero(~bad)
    if len(rows) and reg.zone is not None:
        zone = reg.zone
        horizon = _instants_of_wall(_add_months(wall_us(reg.us[rows], zone), months), zone)
        with_update = np.flatnonzero(known[rows])
        if len(with_update):
            u = upd.us[rows[with_update]]
            later = _instants_of_wall(_add_months(wall_us(u, zone), months), zone)
            gap = (later == NAT) | (horizon[with_update] == NAT)
            best = np.maximum(horizon[with_update], later)
            horizon[with_update] = np.where(gap, NAT, best)
        until[rows] = horizon
        bad[rows[horizon == NAT]] = True  # a horizon in a DST gap: the scalar path says
    state = np.where(at_us <= until, 0, 1).astype(np.int8)
    type_codes = np.full(n, -1, np.int32)
    text_codes = np.full(n, -1, np.int32)
    types: dict[str, int] = {}
    texts: dict[str, int] = {}
    for i in np.flatnonzero(bad).tolist():
        try:
            got = _deals.protection_status(_registration(reader, reg, upd, i), at=at_dt,
                                           window_months=months)  # fmt: skip
        except PartnerRulesError as exc:
            if mode == "raise":
                exc.add_note(f"in row {i} of the registrations (id {reader.raw('deal_id', i)!r})")
                raise
            type_codes[i] = types.setdefault(type(exc).__name__, len(types))
            text_codes[i] = texts.setdefault(str(exc), len(texts))
            last[i] = until[i] = NAT
            state[i] = -1
            continue
        state[i] = 0 if got.is_protected else 1
        last[i] = _instant_us(got.last_activity)
        until[i] = _instant_us(got.protected_until)
    good = type_codes < 0
    out = Out(reader)
    out.passthrough("deal_id")
    out.labels("state", state, _STATES)
    out.instants("last_activity", np.where(good, last, NAT))
    out.instants("protected_until", np.where(good, until, NAT))
    out.labels("rule_ids", np.where(good, 0, -1), [_RULE])
    out.labels("error_type", type_codes, list(types))
    out.text("error", text_codes, list(texts))
    return out.build()


def _registration(reader: Reader, reg: Instants, upd: Instants, i: int) -> Any:
    """Row *i* as a :class:`~partnerrules.deals.DealRegistration` (raises what it raises)."""
    update = reader.raw_instant("last_update_at", upd, i) if reader.has("last_update_at") else None
    return _deals.DealRegistration(
        reader.raw("deal_id", i),
        customer=_PLACEHOLDER,
        partner=reader.raw("partner", i),
        registered_at=reader.raw_instant("registered_at", reg, i),
        bdm=reader.raw("bdm", i),
        status_updates=() if update is None else (update,),
    )
