"""Benchmark: SLA deadlines and status for 1,000,000 generated tickets (run by hand).

    .venv/bin/python bench/bench_sla.py [N] [--per-ticket | --stream] [--no-gc]
    .venv/bin/python bench/bench_sla.py --micro

Tickets are generated first as plain rows (not timed): random openings over
2026 in America/Sao_Paulo, severities 1-3 as ints, a mix of 24x7 and 24x5
categories and the levels as words, every tenth ticket with a pause (a pair
of datetimes) and two responses. Building the ``Ticket`` objects from the rows
is timed on its own, as a service reading its store pays it. Then, in one
process, the timed phase computes the deadlines of every ticket and its
status five hours after its opening; the bulk mode also prints the sum of the
building and both computations, what a service pays.

``--micro`` times building one ticket (and one lifecycle ``Opened``) from
plain values instead, the best of seven runs of 20,000.

By default the bulk functions ``deadlines_many``/``status_many`` do it and
their batches are kept (as a job that returns them would); the ids of the
tickets whose acknowledgement is breached are then read from the batch, and
in a separate timing every result object is built and read once (the
acknowledgement's state and limit instant), as a job writing every result
out would. ``--per-ticket`` calls ``deadlines``/``status`` once per ticket and
keeps every result object. ``--stream`` calls them once per ticket and
consumes each result as it comes (the acknowledgement's state, the instant
of the next deadline due), as a service working through a queue would.
``--no-gc`` switches the cyclic garbage collector off for the timed phase,
to show how much of the time it takes: the library never touches it.
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import sys
import time
import timeit
from zoneinfo import ZoneInfo

from partnerrules.lifecycle import Opened
from partnerrules.sla import (
    ClockState,
    Ticket,
    deadlines,
    deadlines_many,
    status,
    status_many,
)

SP = ZoneInfo("America/Sao_Paulo")
CATEGORIES = ("downtime", "slowness", "how-to", "incorrect results", "login", "data integrity")
LEVELS = ("Authorized", "Advanced", "Premium")


Row = tuple[str, dt.datetime, int, str, str, dict[str, object]]


def rows(n: int, seed: int = 2026) -> list[Row]:
    """The tickets as plain values, as a service reads them from its store."""
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=SP)
    out = []
    for i in range(n):
        opened = base + dt.timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        extra: dict[str, object] = {}
        if i % 10 == 0:
            p = opened + dt.timedelta(minutes=rng.randrange(1, 600))
            extra["pauses"] = ((p, p + dt.timedelta(minutes=rng.randrange(1, 900))),)
            extra["responses"] = (
                opened + dt.timedelta(minutes=rng.randrange(0, 300)),
                opened + dt.timedelta(minutes=rng.randrange(300, 3000)),
            )
        severity = rng.choice((1, 2, 3))
        category = rng.choice(CATEGORIES)
        level = rng.choice(LEVELS)
        out.append((str(i), opened, severity, category, level, extra))
    return out


def build(plain: list[Row]) -> list[Ticket]:
    """Tickets from plain rows: enum words, ints and pause pairs checked and converted."""
    return [
        Ticket(
            id,
            opened,
            severity=severity,
            category=category,
            level=level,
            country="BR",
            **extra,  # type: ignore[arg-type]
        )
        for id, opened, severity, category, level, extra in plain
    ]


def generate(n: int, seed: int = 2026) -> list[Ticket]:
    return build(rows(n, seed))


def micro() -> None:
    """One ticket and one opening event from plain values: the best of 7 runs of 20,000."""
    opened = dt.datetime(2026, 11, 23, 10, 30, tzinfo=SP)
    paused = opened + dt.timedelta(hours=1)
    cases = {
        "Ticket from plain values": lambda: Ticket(
            "T-1", opened, severity=2, category="slowness", level="Premium", country="BR"
        ),
        "Ticket with a pause and two responses": lambda: Ticket(
            "T-1",
            opened,
            severity=2,
            category="slowness",
            level="Premium",
            country="BR",
            pauses=((paused, paused + dt.timedelta(hours=2)),),
            responses=(opened + dt.timedelta(minutes=5), paused + dt.timedelta(hours=3)),
        ),
        "lifecycle Opened from plain values": lambda: Opened(
            "T-1", opened, severity=2, category="slowness", level="Premium", country="BR"
        ),
    }
    for name, make in cases.items():
        best = min(timeit.repeat(make, number=20_000, repeat=7)) / 20_000
        print(f"{name}: {best * 1e6:.2f} us")


def run_stream(tickets: list[Ticket], at: list[dt.datetime], n: int) -> None:
    """Deadlines and status of each ticket, read and dropped: nothing is kept alive."""
    breached = 0
    scheduled = 0
    t1 = time.perf_counter()
    for t, a in zip(tickets, at, strict=True):
        book = deadlines(t)
        now = status(t, a)
        if book.exempt:
            continue
        breached += now.acknowledgement.state is ClockState.BREACHED
        due = book.next_due  # what a service would schedule a reminder for: read its instant
        scheduled += due is not None and due.limit_at is not None
    t2 = time.perf_counter()
    gc.enable()
    mode = "streaming" + (", GC off" if "--no-gc" in sys.argv else "")
    print(f"tickets: {n:,}; {mode} (deadlines and status per ticket, results dropped)")
    print(f"total:     {t2 - t1:.2f} s ({(t2 - t1) / n * 1e6:.1f} us/ticket)")
    print(f"acknowledgements breached 5 h after opening: {breached:,}; due: {scheduled:,}")


def run_bulk(tickets: list[Ticket], at: list[dt.datetime], n: int, built: float) -> None:
    """deadlines_many and status_many; the batches kept, then every result built and read."""
    c1, t1 = time.process_time(), time.perf_counter()
    books = deadlines_many(tickets)
    t2 = time.perf_counter()
    states = status_many(tickets, at)
    breached = len(states.ids(ClockState.BREACHED))
    t3, c3 = time.perf_counter(), time.process_time()
    read = 0
    for book, now in zip(books, states, strict=True):
        ack = book.acknowledgement
        read += ack is not None and ack.limit_at is not None
        read += now.acknowledgement.state is ClockState.BREACHED
    t4 = time.perf_counter()
    gc.enable()
    print(f"tickets: {n:,}; bulk, batches kept" + (", GC off" if "--no-gc" in sys.argv else ""))
    print(f"deadlines: {t2 - t1:.2f} s ({(t2 - t1) / n * 1e6:.1f} us/ticket)")
    print(f"status:    {t3 - t2:.2f} s ({(t3 - t2) / n * 1e6:.1f} us/ticket)")
    print(
        f"total:     {t3 - t1:.2f} s ({c3 - c1:.2f} s CPU); acknowledgements breached 5 h after "
        f"opening: {breached:,}"
    )
    paid = built + t3 - t1
    print(f"what a service pays, building the tickets plus both: {paid:.2f} s")
    print(
        f"then building and reading every result once: {t4 - t3:.2f} s "
        f"({(t4 - t3) / n * 1e6:.1f} us/ticket; {read:,} limits and breaches seen)"
    )
    first = books[0].acknowledgement
    print("sample reason:", first.reasons[0] if first else "-")


def run_per_ticket(tickets: list[Ticket], at: list[dt.datetime], n: int) -> None:
    """deadlines and status once per ticket, every result object kept."""
    t1 = time.perf_counter()
    books = [deadlines(t) for t in tickets]
    t2 = time.perf_counter()
    states = [status(t, a) for t, a in zip(tickets, at, strict=True)]
    t3 = time.perf_counter()
    gc.enable()
    breached = sum(s.acknowledgement.state is ClockState.BREACHED for s in states)
    mode = "per ticket, results kept" + (", GC off" if "--no-gc" in sys.argv else "")
    print(f"tickets: {n:,}; {mode}")
    print(f"deadlines: {t2 - t1:.2f} s ({(t2 - t1) / n * 1e6:.1f} us/ticket)")
    print(f"status:    {t3 - t2:.2f} s ({(t3 - t2) / n * 1e6:.1f} us/ticket)")
    print(f"total:     {t3 - t1:.2f} s; acknowledgements breached 5 h after opening: {breached:,}")
    first = books[0].acknowledgement
    print("sample reason:", first.reasons[0] if first else "-")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1_000_000
    per_ticket = "--per-ticket" in sys.argv
    stream = "--stream" in sys.argv
    if per_ticket and stream:
        sys.exit("--per-ticket and --stream are alternatives")
    if "--micro" in sys.argv:
        micro()
        return
    t0 = time.perf_counter()
    plain = rows(n)
    t1 = time.perf_counter()
    print(f"generated {n:,} plain rows in {t1 - t0:.1f} s (not timed)")
    gc.collect()
    gc.freeze()  # the rows are long-lived: keep the cyclic GC off them
    if "--no-gc" in sys.argv:
        gc.disable()
    c1, t1 = time.process_time(), time.perf_counter()
    tickets = build(plain)
    built, cpu = time.perf_counter() - t1, time.process_time() - c1
    at = [t.opened_at + dt.timedelta(hours=5) for t in tickets]
    print(
        f"building the tickets from plain rows: {built:.2f} s ({built / n * 1e6:.1f} us/ticket; "
        f"{cpu:.2f} s CPU)"
    )
    gc.collect()
    gc.freeze()  # the tickets are long-lived too
    if stream:
        run_stream(tickets, at, n)
    elif per_ticket:
        run_per_ticket(tickets, at, n)
    else:
        run_bulk(tickets, at, n, built)


if __name__ == "__main__":
    main()
