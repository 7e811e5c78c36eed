"""Benchmark: commission statements for 10,000 contracts of 36 monthly invoices (run by hand).

    .venv/bin/python bench/bench_commission.py [N]

N contracts (10,000 by default) of 36 months starting on the 1st, so 36
invoices each, are sold by 100 partners over 2026 (America/Sao_Paulo). Every
invoice is paid: most in one payment, every seventh in two parts, so about
411,000 payments. Inputs are generated first (not timed). The timed phase
builds, in one process, every partner's statement for 2026 with
``commission_statements`` (the campaign, the rates, the releases payment by
payment and the pending amounts), as of 1 January 2030 so that every payment
counts. Target: <= 5 s.
"""

from __future__ import annotations

import datetime as dt
import gc
import platform
import random
import sys
import time
from decimal import Decimal

from partnerrules.commission import (
    SAO_PAULO,
    Payment,
    Sale,
    Tier,
    commission_statements,
)
from partnerrules.contracts import Contract
from partnerrules.money import Money

# An EXAMPLE standard tier for every partner (the source publishes no rates
# below Diamond's 16%).
EXAMPLE_TIER = Tier("Reseller", Money(0, "BRL"), Decimal("0.08"))


def generate(n: int, seed: int = 2026) -> tuple[list[Sale], list[Payment]]:
    rng = random.Random(seed)
    base = dt.datetime(2026, 1, 1, tzinfo=SAO_PAULO)
    sales: list[Sale] = []
    payments: list[Payment] = []
    for i in range(n):
        signed = base + dt.timedelta(minutes=rng.randrange(0, 330 * 24 * 60))
        start = (signed + dt.timedelta(days=31)).date().replace(day=1)
        monthly = Money.from_minor_units(rng.randrange(10_000, 5_000_000), "BRL")
        contract = Contract(f"C-{i:05d}", f"customer {i}", start, 36, monthly)
        sales.append(Sale(f"partner-{i % 100:03d}", contract, signed))
        for invoice in contract.invoices():
            due = dt.datetime.combine(invoice.period_start, dt.time(12), tzinfo=SAO_PAULO)
            paid_at = due + dt.timedelta(days=rng.randrange(0, 20))
            if invoice.number % 7 == 0:
                first, second = invoice.amount.split(2)
                payments.append(Payment(f"{invoice.id}a", invoice.id, first, paid_at))
                payments.append(
                    Payment(f"{invoice.id}b", invoice.id, second, paid_at + dt.timedelta(days=3))
                )
            else:
                payments.append(Payment(f"{invoice.id}p", invoice.id, invoice.amount, paid_at))
    rng.shuffle(payments)
    return sales, payments


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    t0 = time.perf_counter()
    sales, payments = generate(n)
    t1 = time.perf_counter()
    print(f"generated {len(sales):,} sales and {len(payments):,} payments in {t1 - t0:.1f} s")
    tiers = {s.partner: EXAMPLE_TIER for s in sales}
    gc.collect()
    t2 = time.perf_counter()
    statements = commission_statements(
        sales,
        payments,
        start=dt.date(2026, 1, 1),
        end=dt.date(2030, 1, 1),
        standard_tiers=tiers,
    )
    t3 = time.perf_counter()
    lines = sum(len(s.lines) for s in statements)
    releases = sum(len(line.payout.releases) for s in statements for line in s.lines)
    print(
        f"{len(statements)} statements, {lines:,} lines, {releases:,} releases "
        f"in {t3 - t2:.2f} s ({(t3 - t2) / lines * 1e6:.0f} us per contract); target <= 5 s"
    )
    # Sanity: everything was paid, so everything was released, to the centavo.
    assert all(s.released == s.commission and s.pending.is_zero() for s in statements)
    print(statements[0].reasons[0])
    print(f"python {platform.python_version()} on {platform.machine()}, {platform.processor()}")


if __name__ == "__main__":
    main()
