"""Business time: partnerrules against businesstimedelta, pandas, workalendar and numpy.

Run by hand (not a test): ``.venv/bin/python bench/bench_calendars.py``.

Every library does the same work on the same calendar: Monday-Friday
09:00-18:00 in America/Sao_Paulo with the BR-SP public holidays (from the
``holidays`` package; workalendar uses its own BrazilSaoPauloState table). The
script first prints each library's answer (they agree, except workalendar's
own holiday table at 444 days), then the median microseconds per call of each
operation and the ratio of each peer to partnerrules, then the compile and
bulk checks.
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as wall
from zoneinfo import ZoneInfo

import holidays
import numpy as np

from partnerrules.calendars import BusinessCalendar, support_hours_calendar

SP = ZoneInfo("America/Sao_Paulo")
START = datetime(2026, 11, 24, 10, 30, tzinfo=SP)
END = datetime(2027, 11, 24, 15, 0, tzinfo=SP)
H40, H4000 = timedelta(hours=40), timedelta(hours=4000)
HOLIDAYS = sorted(holidays.country_holidays("BR", subdiv="SP", years=range(2026, 2030)))


def median_us(call: Callable[[], object], *, budget: float = 0.4, rounds: int = 7) -> float:
    """Median over *rounds* of the mean µs per call, each round about budget/rounds seconds."""
    call()
    t0 = time.perf_counter()
    call()
    once = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(budget / rounds / once))
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(number):
            call()
        samples.append((time.perf_counter() - t0) / number * 1e6)
    return statistics.median(samples)


def peers() -> dict[str, dict[str, Callable[[], object]]]:
    import businesstimedelta
    import pandas as pd
    from pandas.tseries.offsets import CustomBusinessHour
    from workalendar.america import BrazilSaoPauloState

    ours = support_hours_calendar("BR", "SP", zone=SP)
    # businesstimedelta works on naive local times with its own rules.
    workday = businesstimedelta.WorkDayRule(
        start_time=wall(9), end_time=wall(18), working_days=[0, 1, 2, 3, 4]
    )
    rules = businesstimedelta.Rules([workday, businesstimedelta.HolidayRule(HOLIDAYS)])
    naive_start, naive_end = START.replace(tzinfo=None), END.replace(tzinfo=None)
    btd40 = businesstimedelta.BusinessTimeDelta(rules, hours=40)
    btd4000 = businesstimedelta.BusinessTimeDelta(rules, hours=4000)
    # pandas: a CustomBusinessHour offset on an aware Timestamp.
    cbh = CustomBusinessHour(start="09:00", end="18:00", holidays=HOLIDAYS)
    cbh40, cbh4000 = 40 * cbh, 4000 * cbh
    ts = pd.Timestamp(START)
    wk = BrazilSaoPauloState()
    weekmask, hol = "1111100", np.array(HOLIDAYS, dtype="datetime64[D]")
    day = START.date()
    return {
        "add 40 h": {
            "partnerrules": lambda: ours.add(START, H40),
            "businesstimedelta": lambda: naive_start + btd40,
            "pandas CustomBusinessHour": lambda: ts + cbh40,
        },
        "add 4,000 h": {
            "partnerrules": lambda: ours.add(START, H4000),
            "businesstimedelta": lambda: naive_start + btd4000,
            "pandas CustomBusinessHour": lambda: ts + cbh4000,
        },
        "elapsed over a year": {
            "partnerrules": lambda: ours.elapsed(START, END),
            "businesstimedelta": lambda: rules.difference(naive_start, naive_end),
        },
        "10 business days": {
            "partnerrules": lambda: ours.add_business_days(START, 10),
            "workalendar": lambda: wk.add_working_days(day, 10),
            "numpy busday_offset": lambda: np.busday_offset(
                day, 10, weekmask=weekmask, holidays=hol
            ),
        },
        "444 business days": {
            "partnerrules": lambda: ours.add_business_days(START, 444),
            "workalendar": lambda: wk.add_working_days(day, 444),
            "numpy busday_offset": lambda: np.busday_offset(
                day, 444, weekmask=weekmask, holidays=hol
            ),
        },
    }


def compile_ms() -> float:
    """Median ms to compile one year on a fresh calendar (holiday tables already loaded)."""
    weekly = {d: [(wall(9), wall(18))] for d in range(5)}
    samples = []
    for year in range(2030, 2060):
        BusinessCalendar(SP, weekly, country="BR", subdivision="SP").closure_reason(
            date(year, 1, 1)
        )  # loads the holidays of the year, not the timeline
        cal = BusinessCalendar(SP, weekly, country="BR", subdivision="SP")
        t0 = time.perf_counter()
        cal.open_time_on(date(year, 6, 1))
        samples.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(samples)


def million_adds() -> float:
    """Seconds for 1,000,000 add calls over mixed starts and durations (2026-2028)."""
    cal = support_hours_calendar("BR", "SP", zone=SP)
    rng = random.Random(20261121)
    base = datetime(2026, 1, 1, tzinfo=SP)
    starts = [base + timedelta(minutes=rng.randrange(3 * 365 * 1440)) for _ in range(1000)]
    spans = [timedelta(minutes=rng.randrange(-6000, 60000)) for _ in range(1000)]
    add = cal.add
    t0 = time.perf_counter()
    for _ in range(1000):
        for s, d in zip(starts, spans, strict=True):
            add(s, d)
    return time.perf_counter() - t0


def main() -> None:
    print(f"python {sys.version.split()[0]} on {platform.machine()}, {_nproc()} CPUs")
    results: dict[str, dict[str, float]] = {}
    table = peers()
    for operation, libraries in table.items():
        answers = "; ".join(f"{name}: {call()}" for name, call in libraries.items())
        print(f"# {operation} -> {answers}")
    print(f"{'operation':<22} {'library':<27} {'median µs':>11} {'x partnerrules':>15}")
    for operation, libraries in table.items():
        ours = median_us(libraries["partnerrules"])
        results[operation] = {"partnerrules": ours}
        for name, call in libraries.items():
            us = ours if name == "partnerrules" else median_us(call)
            results[operation][name] = us
            print(f"{operation:<22} {name:<27} {us:>11.2f} {us / ours:>15.1f}")
    ratio = results["add 4,000 h"]["partnerrules"] / results["add 40 h"]["partnerrules"]
    print(f"partnerrules +4,000 h / +40 h: {ratio:.2f}")
    print(f"compile one year (median, ms): {compile_ms():.2f}")
    print(f"1,000,000 add calls, mixed starts (s): {million_adds():.2f}")


def _nproc() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    main()
