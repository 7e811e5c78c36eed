"""Benchmark: SLA lifecycles of 1,000,000 ticket histories of six events each (run by hand).

    .venv/bin/python bench/bench_lifecycle.py [--n N] [--per-ticket] [--read] [--no-gc]
                                              [--generate-only]

Histories are generated and validated first (not timed): openings at random
minutes of 2026 in America/Sao_Paulo, severities 1-3, a mix of 24x5 and 24x7
categories, and six events each: the opening, a status waiting on the
customer and back, two responses (the first internal in one ticket in four),
and the resolution, at random gaps. Each ticket is evaluated at its own
instant, up to five days after its opening, so some events are still in its
future. The lifecycle policy is Zoho's SLA policy with the caller's data an
example needs (resolution windows, a pausing status, notifications, an
escalation level): example numbers, not any source's.

The timed phase is ``evaluate_many`` (every window of every clock computed
and kept as integers, the same code path as ``evaluate``), then the ids of
the tickets whose acknowledgement is breached. ``--read`` then builds every
result once and reads its pending schedule (notices computed on read), as a
job writing every result out would. ``--per-ticket`` calls ``evaluate`` once
per ticket instead and keeps every result. ``--no-gc`` switches the cyclic
garbage collector off for the timed phase (the library never touches it).
``--generate-only`` stops after generating the histories: the baseline to
subtract from an instruction count (``valgrind --tool=callgrind``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from zoneinfo import ZoneInfo

from partnerrules.lifecycle import (
    EscalationLevel,
    LifecyclePolicy,
    Notification,
    Opened,
    Resolved,
    Responded,
    StatusChanged,
    TicketHistory,
    evaluate,
    evaluate_many,
)
from partnerrules.sla import ZOHO, ClockState, ResponseWindow

SP = ZoneInfo("America/Sao_Paulo")
CATEGORIES = ("downtime", "slowness", "how-to", "incorrect results", "login", "data integrity")
LEVELS = ("Authorized", "Advanced", "Premium")
MIN = dt.timedelta(minutes=1)

#: Example lifecycle data (not Zoho's: the source gives no resolution time).
POLICY = LifecyclePolicy(
    "Zoho with example lifecycle data",
    "acme.support.lifecycle",
    ZOHO,
    pausing_statuses={"waiting on customer": ["acknowledgement", "problem determination"]},
    counted_responses=["public"],
    resolution={
        1: ResponseWindow((1, "days"), (2, "days")),
        2: ResponseWindow((3, "days"), (5, "days")),
        3: ResponseWindow((5, "days"), (10, "days")),
    },
    on_severity_change="keep elapsed",
    restart_on_reopen=["acknowledgement"],
    notifications=[Notification("acknowledgement", "0.75"), Notification("resolution", "0.5")],
    escalations=[
        EscalationLevel(
            "partner-support manager",
            "acknowledgement",
            dt.timedelta(0),
            relative_to="limit",
            rule_id="zoho.escalation.eligibility",
        )
    ],
)


def generate(n: int, seed: int = 2026) -> tuple[list[TicketHistory], list[dt.datetime]]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=SP)
    histories, instants = [], []
    for i in range(n):
        opened = base + rng.randrange(0, 365 * 24 * 60) * MIN
        wait = opened + rng.randrange(1, 300) * MIN
        back = wait + rng.randrange(1, 900) * MIN
        first = opened + rng.randrange(0, 600) * MIN
        second = max(first, back) + rng.randrange(0, 1500) * MIN
        resolved = second + rng.randrange(0, 3000) * MIN
        timed = sorted(
            [
                (wait, StatusChanged(wait, "waiting on customer")),
                (back, StatusChanged(back, "open")),
                (first, Responded(first, visibility="internal" if i % 4 == 0 else "public")),
                (second, Responded(second)),
                (resolved, Resolved(resolved)),
            ],
            key=lambda pair: pair[0],
        )
        histories.append(
            TicketHistory(
                [
                    Opened(
                        str(i),
                        opened,
                        severity=rng.choice((1, 2, 3)),
                        category=rng.choice(CATEGORIES),
                        level=rng.choice(LEVELS),
                        country="BR",
                    ),
                    *(e for _, e in timed),
                ]
            )
        )
        instants.append(opened + rng.randrange(0, 5 * 24 * 60) * MIN)
    return histories, instants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of histories")
    parser.add_argument("--per-ticket", action="store_true", help="evaluate once per ticket")
    parser.add_argument("--read", action="store_true", help="then build and read every result")
    parser.add_argument("--no-gc", action="store_true", help="cyclic GC off while timing")
    parser.add_argument(
        "--generate-only", action="store_true", help="only generate the histories (a baseline)"
    )
    args = parser.parse_args()
    n = args.n
    t0 = time.perf_counter()
    histories, instants = generate(n)
    t1 = time.perf_counter()
    print(f"generated and validated {n:,} histories of 6 events in {t1 - t0:.1f} s (not timed)")
    if args.generate_only:
        return
    if args.no_gc:
        gc.disable()
    c1 = time.process_time()
    t1 = time.perf_counter()
    if args.per_ticket:
        results = [evaluate(h, a, policy=POLICY) for h, a in zip(histories, instants, strict=True)]
        t2 = time.perf_counter()
        breached = sum(
            r.acknowledgement is not None and r.acknowledgement.state is ClockState.BREACHED
            for r in results
        )
        t3 = time.perf_counter()
        mode = "evaluate per ticket, results kept"
        c3 = time.process_time()
    else:
        batch = evaluate_many(histories, instants, policy=POLICY)
        t2 = time.perf_counter()
        breached = len(batch.ids(ClockState.BREACHED))
        t3 = time.perf_counter()
        mode = "evaluate_many, batch kept"
    c3 = time.process_time()
    gc.enable()
    print(f"{mode}" + (", GC off" if args.no_gc else ""))
    print(f"evaluation: {t2 - t1:.2f} s ({(t2 - t1) / n * 1e6:.2f} us/ticket)")
    print(f"breached acknowledgements found: {breached:,} in {t3 - t2:.2f} s")
    print(f"total:      {t3 - t1:.2f} s wall, {c3 - c1:.2f} s CPU of this process")
    if args.read and not args.per_ticket:
        t4, c4 = time.perf_counter(), time.process_time()
        scheduled = 0
        for result in batch:
            scheduled += len(result.schedule)
        t5, c5 = time.perf_counter(), time.process_time()
        print(
            f"then building every result and reading its schedule: {t5 - t4:.2f} s "
            f"({c5 - c4:.2f} s CPU) "
            f"({(t5 - t4) / n * 1e6:.1f} us/ticket; {scheduled:,} pending notices)"
        )
    sample = evaluate(histories[0], instants[0], policy=POLICY)
    print("sample:", sample.acknowledgement.reasons[0] if sample.acknowledgement else "-")


if __name__ == "__main__":
    main()
