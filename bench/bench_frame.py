"""Benchmark: the columnar API (partnerrules.frame) on generated data (run by hand).

    .venv/bin/python bench/bench_frame.py [--n 10000000] [--contracts 100000]
        [--parts sla,busday,scaling,dask,commission,statements,events] [--events-n 1000000]

Parts (all by default):

* ``sla``: deadlines and status of N tickets in one process, one core: time
  per ticket for the first calls in the process and for second calls, and
  memory per ticket (the input and result columns held, and the growth of
  the process's peak RSS during the first calls).
* ``busday``: the calendar kernel that moves n open days over a whole column
  (``frame``'s ``Timeline.add_days``) against ``numpy.busday_offset`` on the
  same calendar (Monday-Friday with the BR-SP holidays), per element.
* ``scaling``: deadlines and status of 1,000,000 tickets against N (second
  calls): the cost per row of each.
* ``dask``: the docs' recipe (Parquet in, status, Parquet out) over N tickets
  in 20 Parquet files, on a LocalCluster of 1 and of 2 worker processes.
* ``commission``: commission released payment by payment for ``--contracts``
  contracts of 36 monthly invoices, every invoice paid: the columnar
  ``frame.commission_releases`` against the scalar ``release_commission``.
* ``statements``: every partner's commission statement for 2026-2029 over
  ``--contracts`` contracts of 36 monthly invoices (100 partners), every
  invoice paid: the columnar ``frame.commission_statements`` against the
  scalar ``commission_statements`` on the same sales and payments (wall and
  CPU time of each, and whether the partners' totals and every line are
  equal). The scalar function takes at most 1,000,000 payments a call, so it
  is called once per group of partners (4 calls for 3,600,000 payments).
* ``events``: deadlines and status of ``--events-n`` tickets whose responses
  and pauses come as an events table (none to six events a ticket: up to
  three responses and two pauses, in the order a ticket service keeps them),
  second calls, one core.

Generating the data is never timed. Tickets: openings uniformly over 2026
in America/Sao_Paulo, severities 1-3, six categories (24x7 and 24x5 cases),
three levels, Brazil; one ticket in ten has a first response and a pause.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from partnerrules import frame
from partnerrules.calendars import support_hours_calendar
from partnerrules.frame._timeline import NAT, timeline

SP = "America/Sao_Paulo"
CATEGORIES = ["downtime", "slowness", "how-to", "incorrect results", "login", "data integrity"]
LEVELS = ["Authorized", "Advanced", "Premium"]
EPOCH_2026 = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // (
    dt.timedelta(microseconds=1)
)
YEAR_US = 365 * 86_400_000_000
AT = dt.datetime(2027, 1, 15, tzinfo=dt.UTC)


def tickets(n: int, seed: int = 2026) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    opened = EPOCH_2026 + rng.integers(0, YEAR_US, n)
    some = rng.random(n) < 0.1
    response = np.where(some, opened + rng.integers(0, 3 * 3_600_000_000, n), NAT)
    paused = np.where(some, opened + rng.integers(60_000_000, 600 * 60_000_000, n), NAT)
    resumed = np.where(some, paused + rng.integers(60_000_000, 900 * 60_000_000, n), NAT)

    def stamps(us: Any) -> pd.Series:
        utc = pd.Series(us.view("M8[us]"), dtype=pd.DatetimeTZDtype("us", "UTC"))
        return utc.dt.tz_convert(SP)

    ids = pc.binary_join_element_wise("T-", pc.cast(pa.array(np.arange(n)), pa.string()), "")
    return pd.DataFrame(
        {
            "id": pd.Series(pd.arrays.ArrowStringArray(ids)),
            "opened_at": stamps(opened),
            "severity": rng.integers(1, 4, n).astype(np.int8),
            "category": pd.Categorical.from_codes(rng.integers(0, 6, n), categories=CATEGORIES),
            "level": pd.Categorical.from_codes(rng.integers(0, 3, n), categories=LEVELS),
            "country": pd.Categorical.from_codes(np.zeros(n, np.int8), categories=["BR"]),
            "first_response_at": stamps(response),
            "paused_at": stamps(paused),
            "resumed_at": stamps(resumed),
        }
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def held(df: pd.DataFrame, shared: tuple[str, ...] = ()) -> int:
    """Bytes held by the columns of *df*, less *shared* ones (the input's id, passed through)."""
    return int(df.drop(columns=list(shared)).memory_usage(deep=True, index=False).sum())


def timed(label: str, n: int, call: Any) -> tuple[Any, float]:
    gc.collect()
    start = time.perf_counter()
    out = call()
    seconds = time.perf_counter() - start
    print(f"  {label:<34} {seconds:8.2f} s  {seconds / n * 1e6:7.3f} us/ticket", flush=True)
    return out, seconds


def part_sla(n: int) -> dict[str, float]:
    print(f"sla: {n:,} tickets, one process")
    df = tickets(n)
    before = rss_mb()
    # The first calls in a process pay for imports, compiling the calendars and fresh
    # memory; the second calls are what a job that runs them repeatedly pays.
    due, first_due = timed("deadlines, first call", n, lambda: frame.sla_deadlines(df))
    now, first_now = timed("status, first call", n, lambda: frame.sla_status(df, AT))
    peak = rss_mb()
    del due, now
    due, t_due = timed("deadlines, second call", n, lambda: frame.sla_deadlines(df))
    now, t_now = timed("status, second call", n, lambda: frame.sla_status(df, AT))
    for label, a, b in (("first", first_due, first_now), ("second", t_due, t_now)):
        per = (a + b) / n * 1e6
        print(f"  {'deadlines + status, ' + label:<34} {a + b:8.2f} s  {per:7.3f} us/ticket")
    b_in, b_due, b_now = held(df), held(due, ("id",)), held(now, ("id",))
    print(
        f"  bytes/ticket: input {b_in / n:.0f}, deadlines {b_due / n:.0f}, status {b_now / n:.0f} "
        f"(ids shared with the input); input + deadlines {(b_in + b_due) / n:.0f}, "
        f"input + status {(b_in + b_now) / n:.0f}, all three {(b_in + b_due + b_now) / n:.0f}"
    )
    print(f"  peak RSS growth while computing: {(peak - before) * 1e6 / n:.0f} bytes/ticket")
    breached = int((now["ack_state"] == "breached").sum())
    print(f"  (acknowledgements breached at {AT:%Y-%m-%d}: {breached:,})")
    return {"deadlines": t_due, "status": t_now}


def part_busday(n: int) -> None:
    print(f"busday: {n:,} elements, one open day on, same calendar (Mon-Fri, BR-SP holidays)")
    cal = support_hours_calendar("BR", "SP", zone=SP)
    tl = timeline(cal, 2025, 2028)
    rng = np.random.default_rng(7)
    us = EPOCH_2026 + rng.integers(0, YEAR_US, n)
    days = (us // 86_400_000_000).astype("M8[D]")
    holidays = [
        np.datetime64(d) for y in range(2025, 2029) for d in cal._closed_days(y) if d.weekday() < 5
    ]
    _, t_frame = timed("frame add_days (instants)", n, lambda: tl.add_days(us, 1))
    _, t_numpy = timed(
        "numpy.busday_offset (dates)",
        n,
        lambda: np.busday_offset(days, 1, roll="forward", holidays=holidays),
    )
    print(f"  frame / numpy: {t_frame / t_numpy:.2f}x")


def part_scaling(n: int, base: dict[str, float] | None) -> None:
    small = 1_000_000
    print(f"scaling: {small:,} against {n:,} tickets")
    one = tickets(small)
    frame.sla_deadlines(one)  # the same process: second calls on both sides
    frame.sla_status(one, AT)
    _, a = timed("deadlines (1M)", small, lambda: frame.sla_deadlines(one))
    _, b = timed("status (1M)", small, lambda: frame.sla_status(one, AT))
    one = one.iloc[:0]
    if base is None:
        big = tickets(n)
        frame.sla_deadlines(big)
        frame.sla_status(big, AT)
        _, c = timed(f"deadlines ({n:,})", n, lambda: frame.sla_deadlines(big))
        _, d = timed(f"status ({n:,})", n, lambda: frame.sla_status(big, AT))
    else:
        c, d = base["deadlines"], base["status"]
    print(
        f"  per-row cost {n:,} / 1M: deadlines {c / n / (a / small):.2f}, "
        f"status {d / n / (b / small):.2f}, both {(c + d) / n / ((a + b) / small):.2f}"
    )


def part_dask(n: int) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    print(f"dask: {n:,} tickets in 20 Parquet files, LocalCluster of processes, 1 thread each")
    root = Path(tempfile.mkdtemp(prefix="bench-frame-"))
    try:
        source = root / "tickets"
        source.mkdir()
        df = tickets(n)
        for k, part in enumerate(np.array_split(np.arange(n), 20)):
            df.iloc[part].to_parquet(source / f"part-{k:02}.parquet")
        del df
        times = {}
        for workers in (1, 2):
            target = root / f"status-{workers}"
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
            with cluster, Client(cluster):
                start = time.perf_counter()
                ddf = dd.read_parquet(str(source))
                meta = frame.sla_status(ddf._meta, AT, errors="report")
                out = ddf.map_partitions(frame.sla_status, AT, errors="report", meta=meta)
                out.to_parquet(str(target), write_index=False)
                times[workers] = time.perf_counter() - start
            print(f"  {workers} worker(s): {times[workers]:8.2f} s", flush=True)
        print(f"  speed-up with 2 workers: {times[1] / times[2]:.2f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def generated_sales(contracts: int) -> tuple[list[Any], dict[str, Any], dt.tzinfo]:
    """Sales of 36-month contracts starting on the 1st of each month of 2026, 100 partners."""
    from decimal import Decimal

    from partnerrules import brl
    from partnerrules.commission import Sale, Tier
    from partnerrules.contracts import Contract

    rng = np.random.default_rng(11)
    tz = dt.timezone(dt.timedelta(hours=-3))
    sales = [
        Sale(
            f"p{k % 100}",
            Contract(
                f"C-{k}", "ACME", dt.date(2026, 1 + k % 12, 1), 36,
                brl(Decimal(int(rng.integers(10_000, 5_000_000))).scaleb(-2)),
            ),
            dt.datetime(2026, 1, 1, tzinfo=tz) + dt.timedelta(minutes=k),
        )
        for k in range(contracts)
    ]  # fmt: skip
    tiers = {f"p{k}": Tier("Reseller", brl(0), Decimal("0.08")) for k in range(100)}
    return sales, tiers, tz


def part_commission(contracts: int) -> None:

    from partnerrules.commission import Payment, release_commission, sale_commissions

    print(f"commission: {contracts:,} contracts x 36 invoices, every invoice paid")
    sales, tiers, tz = generated_sales(contracts)
    lines = sale_commissions(sales, standard_tiers=tiers)
    rows: dict[str, list[Any]] = {
        "payment_id": [], "contract_id": [], "invoice_id": [], "amount": [], "paid_at": []
    }  # fmt: skip
    per_contract: list[list[Payment]] = []
    for line in lines:
        mine = []
        for inv in line.sale.contract.invoices():
            paid_at = dt.datetime.combine(inv.period_start, dt.time(12), tz) + dt.timedelta(days=9)
            mine.append(Payment(f"{inv.id}-p", inv.id, inv.amount, paid_at))
            rows["payment_id"].append(f"{inv.id}-p")
            rows["contract_id"].append(line.sale.contract.id)
            rows["invoice_id"].append(inv.id)
            rows["amount"].append(int(inv.amount.amount.scaleb(2)))
            rows["paid_at"].append(paid_at)
        per_contract.append(mine)
    payments = pd.DataFrame(rows)
    payments["paid_at"] = pd.to_datetime(payments["paid_at"], utc=True)
    for name in ("payment_id", "contract_id", "invoice_id"):
        payments[name] = payments[name].astype("string[pyarrow]")
    n = len(payments)
    out, t_frame = timed(
        f"frame.commission_releases ({n:,})", n, lambda: frame.commission_releases(payments, lines)
    )
    scalar, t_scalar = timed(
        "release_commission per contract",
        n,
        lambda: [release_commission(line, p) for line, p in zip(lines, per_contract, strict=True)],
    )
    total_frame = int(out["released"].sum())
    total_scalar = sum(int(p.released.amount.scaleb(2)) for p in scalar)
    same = total_frame == total_scalar
    print(f"  scalar / frame: {t_scalar / t_frame:.1f}x; same total released: {same}")


def part_statements(contracts: int) -> None:

    from partnerrules._validate import MAX_ITEMS
    from partnerrules.commission import Payment, Sale, commission_statements

    print(f"statements: {contracts:,} contracts x 36 invoices, every invoice paid, 100 partners")
    sales, tiers, tz = generated_sales(contracts)
    table = pd.DataFrame(
        {
            "partner": [s.partner for s in sales],
            "contract_id": [s.contract.id for s in sales],
            "customer": [s.contract.customer for s in sales],
            "start": [s.contract.start for s in sales],
            "months": [s.contract.months for s in sales],
            "monthly": [int(s.contract.monthly.amount.scaleb(2)) for s in sales],
            "signed_at": pd.to_datetime([s.signed_at for s in sales], utc=True),
        }
    )
    for name in ("partner", "contract_id", "customer"):
        table[name] = table[name].astype("string[pyarrow]")
    rows: dict[str, list[Any]] = {"payment_id": [], "invoice_id": [], "amount": [], "paid_at": []}
    objects: list[Payment] = []
    for sale in sales:
        for inv in sale.contract.invoices():
            paid_at = dt.datetime.combine(inv.period_start, dt.time(12), tz) + dt.timedelta(days=9)
            objects.append(Payment(f"{inv.id}-p", inv.id, inv.amount, paid_at))
            rows["payment_id"].append(f"{inv.id}-p")
            rows["invoice_id"].append(inv.id)
            rows["amount"].append(int(inv.amount.amount.scaleb(2)))
            rows["paid_at"].append(paid_at)
    payments = pd.DataFrame(rows)
    del rows
    payments["paid_at"] = pd.to_datetime(payments["paid_at"], utc=True)
    for name in ("payment_id", "invoice_id"):
        payments[name] = payments[name].astype("string[pyarrow]")
    n = len(payments)
    period = {"start": dt.date(2026, 1, 1), "end": dt.date(2030, 1, 1), "standard_tiers": tiers}

    def both(label: str, call: Any) -> tuple[Any, float, float]:
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        out = call()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {label:<44} {wall:8.2f} s wall {cpu:8.2f} s CPU", flush=True)
        return out, wall, cpu

    lines, t_frame, c_frame = both(
        f"frame.commission_statements ({n:,} payments)",
        lambda: frame.commission_statements(table, payments, **period),
    )
    # The scalar API takes at most MAX_ITEMS (1,000,000) payments a call: it is called on
    # groups of partners (their sales and payments; a partner's statement needs no other).
    groups: list[tuple[list[Sale], list[Payment]]] = []
    mine: dict[str, tuple[list[Sale], list[Payment]]] = {}
    for sale in sales:
        mine.setdefault(sale.partner, ([], []))[0].append(sale)
    owner = {s.contract.id: s.partner for s in sales}
    for payment in objects:
        mine[owner[payment.invoice_id.rpartition("/")[0]]][1].append(payment)
    for partner in sorted(mine):
        these, paid = mine[partner]
        if not groups or len(groups[-1][1]) + len(paid) > MAX_ITEMS:
            groups.append(([], []))
        groups[-1][0].extend(these)
        groups[-1][1].extend(paid)
    scalar, t_scalar, c_scalar = both(
        f"commission_statements (scalar, {len(groups)} calls)",
        lambda: [s for a, b in groups for s in commission_statements(a, b, **period)],
    )
    names = ["commission", "released", "pending", "forfeited"]
    sums = lines.groupby("partner")[names].sum()
    same = len(sums) == len(scalar) and all(
        int(sums.loc[s.partner, name]) == int(getattr(s, name).amount.scaleb(2))
        for s in scalar
        for name in names
    )
    want = [
        (s.partner, line.sale.contract.id, str(line.rate),
         *(int(getattr(line, name).amount.scaleb(2)) for name in names))
        for s in scalar
        for line in s.lines
    ]  # fmt: skip
    columns = [lines[c].tolist() for c in ["partner", "contract_id", "rate", *names]]
    got = list(zip(*columns, strict=True))
    errors = int(lines["error_type"].notna().sum())
    print(f"  {len(lines):,} lines, {errors} with an error; released in all: "
          f"{int(lines['released'].sum()):,} centavos")  # fmt: skip
    print(f"  scalar / frame: {t_scalar / t_frame:.1f}x wall, {c_scalar / c_frame:.1f}x CPU; "
          f"same partner totals (commission, released, pending, forfeited): {same}; "
          f"same lines: {got == want}")  # fmt: skip


#: Event sequences a ticket may have (one drawn per ticket), each in time order.
SEQUENCES = (
    (),
    ("response",),
    ("paused", "resumed"),
    ("response", "paused", "resumed", "response"),
    ("paused", "resumed", "response", "paused"),
    ("response", "paused", "resumed", "response", "paused", "resumed"),
)


def events_of(df: pd.DataFrame, seed: int = 6) -> pd.DataFrame:
    """A well-formed events table for the tickets of *df*: one of SEQUENCES each."""
    rng = np.random.default_rng(seed)
    n = len(df)
    pick = rng.integers(0, len(SEQUENCES), n)
    sizes = np.asarray([len(q) for q in SEQUENCES])[pick]
    rows = np.repeat(np.arange(n), sizes)
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    rank = np.arange(len(rows)) - first
    names = np.asarray([e for q in SEQUENCES for e in q] or [""], dtype=object)
    starts = np.cumsum([0] + [len(q) for q in SEQUENCES])[:-1]
    kinds = names[starts[pick[rows]] + rank]
    gaps = rng.integers(60_000_000, 600 * 60_000_000, len(rows))
    total = np.cumsum(gaps)
    before = np.where(first > 0, total[np.maximum(first - 1, 0)], 0)
    opened = df["opened_at"].astype("datetime64[us, UTC]").array.asi8
    at = opened[rows] + total - before
    return pd.DataFrame(
        {
            "id": df["id"].iloc[rows].reset_index(drop=True),
            "event": pd.Categorical(kinds, categories=["response", "paused", "resumed"]),
            "at": pd.Series(at.view("M8[us]")).dt.tz_localize("UTC"),
        }
    )


def part_events(n: int) -> None:
    print(f"events: {n:,} tickets, responses and pauses as an events table")
    df = tickets(n).drop(columns=["first_response_at", "paused_at", "resumed_at"])
    events = events_of(df)
    print(f"  {len(events):,} events")
    frame.sla_deadlines(df, events=events)
    frame.sla_status(df, AT, events=events)
    _, a = timed("deadlines (events)", n, lambda: frame.sla_deadlines(df, events=events))
    now, b = timed("status (events)", n, lambda: frame.sla_status(df, AT, events=events))
    print(
        f"  {'deadlines + status (events)':<34} {a + b:8.2f} s  {(a + b) / n * 1e6:7.3f} us/ticket"
    )
    print(f"  rows reported as errors: {int(now['error_type'].notna().sum()):,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--parts", default="sla,busday,scaling,dask,commission,statements,events")
    parser.add_argument("--events-n", type=int, default=1_000_000)
    parser.add_argument("--contracts", type=int, default=100_000)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    print(f"Python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"pyarrow {pa.__version__}, {os.cpu_count()} CPUs")  # fmt: skip
    base = part_sla(args.n) if "sla" in parts else None
    if "busday" in parts:
        part_busday(args.n)
    if "scaling" in parts:
        part_scaling(args.n, base)
    if "dask" in parts:
        part_dask(args.n)
    if "commission" in parts:
        part_commission(args.contracts)
    if "events" in parts:
        part_events(args.events_n)
    if "statements" in parts:
        part_statements(args.contracts)


if __name__ == "__main__":
    main()
