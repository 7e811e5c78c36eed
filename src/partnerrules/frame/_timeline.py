"""A calendar's compiled years as numpy arrays, and the business-time kernels over them.

:class:`~partnerrules.calendars.BusinessCalendar` compiles each local year into
integer microseconds: open intervals (``starts``/``ends``), the open time of
the year before and after each interval (``cum``/``cum_end``) and the open
days. :class:`Timeline` concatenates a range of those years into int64 arrays
whose running sums continue from one year to the next, so that the
*position* of an instant (the open time since the start of the range) and
the instant at a position are one ``numpy.searchsorted`` each, for a whole
column at once. Every kernel here is the array form of one integer method of
the calendar (``_position``, ``_move``, ``_days_us``) and follows it step by
step; the property tests check the answers are the same.

Private to :mod:`partnerrules.frame`.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from partnerrules.calendars import FIRST_YEAR, LAST_YEAR, BusinessCalendar

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

#: The integer that stands for "no instant" (numpy's NaT, the scalar engine's ``_HELD``).
NAT = np.iinfo(np.int64).min

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def utc_year(us: int) -> int:
    """The UTC calendar year of the instant *us* (a hint for the local year)."""
    ordinal = _EPOCH_ORDINAL + us // 86_400_000_000
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal())).year


class Counter:
    """``numpy.searchsorted`` on one sorted array, as a table lookup and a few steps.

    The range of the values is cut into buckets about as wide as the gap
    between two values; a bucket holds the count of values before it, and a
    query walks forward over the few values inside its bucket (at most
    ``steps``, the most a bucket holds). For the arrays of a calendar (an
    interval edge every few hours) that is one or two steps instead of a
    binary search; an irregular array falls back to ``searchsorted``.
    """

    __slots__ = ("base", "hi", "lo", "n", "padded", "right", "side", "steps", "values", "width")

    _MAX_STEPS = 6

    def __init__(self, values: I64, side: Literal["left", "right"]) -> None:
        self.values = values
        self.side: Literal["left", "right"] = side
        self.right = side == "right"
        self.n = n = len(values)
        self.steps = -1
        if n < 2:
            return
        # Below ``lo`` the first bucket counts nothing; at or past ``hi`` the last counts all.
        self.lo, self.hi = int(values[0]) - 1, int(values[-1]) + 1
        self.width = max(1, (self.hi - self.lo) // (2 * n))
        edges = self.lo + self.width * np.arange((self.hi - self.lo) // self.width + 2)
        self.base = np.searchsorted(values, edges, side=self.side).astype(np.int64)
        steps = int(np.max(np.diff(self.base))) if len(self.base) > 1 else 0
        if steps <= self._MAX_STEPS:
            self.steps = steps
            self.padded = np.concatenate((values, [np.iinfo(np.int64).max]))

    def __call__(self, x: I64) -> I64:
        """The insertion points of *x* (``numpy.searchsorted(values, x, side)``)."""
        if self.steps < 0:
            out: I64 = np.searchsorted(self.values, x, side=self.side)
            return out
        b = np.clip((x - self.lo) // self.width, 0, len(self.base) - 1)
        i = self.base[b]
        padded = self.padded
        for _ in range(self.steps):
            i = i + (padded[i] <= x if self.right else padded[i] < x)
        found: I64 = i
        return found


class Timeline:
    """The local years *first* to *last* of one calendar as concatenated int64 arrays."""

    __slots__ = (
        "at_ce",
        "at_e",
        "at_s",
        "c",
        "c_pad",
        "ce",
        "day_cum",
        "day_first",
        "day_len",
        "e",
        "first",
        "hi",
        "iday",
        "last",
        "lo",
        "n",
        "ndays",
        "s",
        "s_pad",
        "total",
    )

    def __init__(self, cal: BusinessCalendar, first: int, last: int) -> None:
        years = [cal._year(y, "at", y) for y in range(first, last + 1)]
        self.first, self.last = first, last
        self.lo: int = years[0].lo
        self.hi: int = years[-1].hi
        s: list[Any] = []
        e: list[Any] = []
        c: list[Any] = []
        ce: list[Any] = []
        iday: list[Any] = []
        day_cum: list[Any] = []
        day_len: list[Any] = []
        day_first: list[Any] = []
        base = 0  # open time of the earlier years of the range
        intervals = 0  # intervals of the earlier years
        days = 0  # open days of the earlier years
        for y in years:
            s.append(np.asarray(y.starts, np.int64))
            e.append(np.asarray(y.ends, np.int64))
            c.append(np.asarray(y.cum, np.int64) + base)
            ce.append(np.asarray(y.cum_end, np.int64) + base)
            iday.append(np.asarray(y.iday, np.int64) + days)
            day_cum.append(np.asarray(y.day_cum, np.int64) + base)
            day_len.append(np.asarray(y.day_len, np.int64))
            day_first.append(np.asarray(y.day_first[:-1], np.int64) + intervals)
            base += y.total
            intervals += len(y.starts)
            days += len(y.day_ords)
        day_first.append(np.asarray([intervals], np.int64))  # sentinel
        self.s: I64 = np.concatenate(s)
        self.e: I64 = np.concatenate(e)
        self.c: I64 = np.concatenate(c)
        self.ce: I64 = np.concatenate(ce)
        self.iday: I64 = np.concatenate(iday)
        self.day_cum: I64 = np.concatenate(day_cum)
        self.day_len: I64 = np.concatenate(day_len)
        self.day_first: I64 = np.concatenate(day_first)
        self.total = base
        self.n = intervals
        self.ndays = days
        far = np.asarray([1 << 62], np.int64)
        self.s_pad: I64 = np.concatenate((self.s, far))
        self.c_pad: I64 = np.concatenate((self.c, np.asarray([base], np.int64)))
        self.at_e = Counter(self.e, "right")
        self.at_s = Counter(self.s, "right")
        self.at_ce = Counter(self.ce, "left")

    def position(self, us: I64) -> I64:
        """Open time of the range before each instant (``BusinessCalendar._position``)."""
        if self.n == 0:
            return np.zeros_like(us)
        i = self.at_e(us)
        if self.n == 0:
            return np.zeros_like(us)
        # Past the last interval: the padding gives the range's total open time.
        out: I64 = self.c_pad[i] + np.maximum(us - self.s_pad[i], 0)
        return out

    def earliest(self, pos: I64) -> tuple[I64, Bools]:
        """The earliest instant at each position > 0, and where it lies past the range."""
        if self.n == 0:
            return np.full_like(pos, NAT), np.ones(pos.shape, np.bool_)
        j = self.at_ce(pos)
        out: I64 = self.s_pad[j] + pos - self.c_pad[j]  # past the range: flagged, not used
        return out, j >= self.n

    def add_days(self, us: I64, n: int | I64) -> tuple[I64, Bools]:
        """*n* > 0 open days on from each instant (``BusinessCalendar._days_us``).

        *n* is one count for every row, or a count per row.

        Returns the instants and where they lie past the range.
        """
        m = self.n
        if m == 0:
            return np.full_like(us, NAT), np.ones(us.shape, np.bool_)
        i = self.at_s(us) - 1
        ic = np.maximum(i, 0)
        started = i >= 0
        end_i = self.e[ic]
        inside = us < end_i
        k_here = self.iday[ic]
        in_break = ic + 1 < self.day_first[k_here + 1]
        held = started & (inside | in_break)
        into = np.where(inside, us - self.s[ic], end_i - self.s[ic])
        offset = np.where(held, self.c[ic] + into - self.day_cum[k_here], 0)
        nxt = np.minimum(i + 1, m - 1)
        k_next = np.where(i + 1 < m, self.iday[nxt], self.ndays)
        k = np.where(held, k_here, k_next) + n
        to_end = offset == 0
        k = np.where(to_end, k - 1, k)
        over = k >= self.ndays
        kk = np.minimum(k, self.ndays - 1)
        closing = self.e[self.day_first[kk + 1] - 1]
        at_close = to_end | (offset >= self.day_len[kk])
        found, over_pos = self.earliest(self.day_cum[kk] + offset)
        out: I64 = np.where(at_close, closing, found)
        return out, over | (over_pos & ~at_close)


@functools.lru_cache(maxsize=64)
def timeline(cal: BusinessCalendar, first: int, last: int) -> Timeline:
    """The (cached) :class:`Timeline` of *cal* over local years *first* to *last*."""
    return Timeline(cal, first, last)


def year_range(lo_us: int, hi_us: int) -> tuple[int, int]:
    """Local years that surely hold the instants *lo_us* to *hi_us*, within the horizon."""
    return max(FIRST_YEAR, utc_year(lo_us) - 1), min(LAST_YEAR, utc_year(hi_us) + 1)
