"""Columnar commission statements (private; see :func:`partnerrules.frame.commission_statements`).

One output row per statement line: each sale signed in the period, sorted as
:func:`partnerrules.commission.commission_statements` lists them (partner,
then signature instant, then contract id). The sales are few (one per
contract) and go through the scalar code once each: building the
``Sale`` and its ``Contract`` (which checks them) and the campaign and rate
of every sale (``_commissions``, the very function the scalar statements
call). The payments are many and are never turned into Python objects: they
are checked, matched to their invoices and summed per contract with numpy and
pyarrow. Since a contract's total released is ``commission x collected /
TCV`` rounded once (``_payout``), a statement line only needs what each
contract collected before the end of the period; the order of the payments
only matters for the error a bad one gives, and a contract with a bad payment
(or amounts too large for int64 products) is answered by the scalar
``_payout``, which gives its exact error (or its payout).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from partnerrules import _validate
from partnerrules._commission.common import _COLLECTION, _midnight, _zone
from partnerrules._commission.payouts import Payment, Payout, _payout, _unique_payments
from partnerrules._commission.sales import (
    Sale,
    SaleCommission,
    _commissions,
    _plan_campaigns,
    _standard_tiers,
    _the_plan,
    _tier_of,
)
from partnerrules._contracts.common import _pieces
from partnerrules.calendars import _instant_us
from partnerrules.contracts import Contract, Proration
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.frame._commission import _SAFE, _centavos, _schedule, share
from partnerrules.frame._io import Reader, _plain
from partnerrules.frame._sla import check_errors
from partnerrules.frame._timeline import I64, NAT, Bools
from partnerrules.money import Money

SALES = ("partner", "contract_id", "customer", "start", "months", "monthly", "signed_at")
PAYMENTS = ("payment_id", "invoice_id", "amount", "paid_at")
# Monthly values at or above this (centavos) go to the scalar path: the prorated first
# invoice multiplies the monthly value by a numerator of at most 31.
_SAFE_MONTHLY = _SAFE >> 6


def _pylist(reader: Reader, name: str) -> list[Any]:
    """Column *name* as plain Python values (None for nulls), in one conversion."""
    import pyarrow as pa

    col = reader._column(name)
    if reader.kind == "arrow":
        return list(col.to_pylist())
    try:
        return list(pa.array(col, from_pandas=True).to_pylist())
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return [_plain(v) for v in col.tolist()]


def _text_array(reader: Reader, name: str) -> Any:
    """Column *name* as one Arrow string array, or None when it is not text."""
    import pyarrow as pa

    col = reader._column(name)
    if reader.kind == "pandas":
        try:
            col = pa.array(col.array if hasattr(col.array, "_pa_array") else col)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if pa.types.is_dictionary(col.type):
        col = col.cast(col.type.value_type)
    if pa.types.is_large_string(col.type):
        col = col.cast(pa.string())
    if not pa.types.is_string(col.type):
        return None
    return col


def _index_in(values: Any, keys: Any, n: int) -> I64:
    """The position of each of *values* in *keys* (-1: absent, null, or not text)."""
    import pyarrow.compute as pc

    if values is None:
        return np.full(n, -1, np.int64)
    found = pc.index_in(values, value_set=keys)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)


def _day(value: Any) -> Any:
    """A ``start`` value: a naive midnight timestamp is its date; others as given."""
    if isinstance(value, dt.datetime) and value.tzinfo is None and value.time() == dt.time():
        return value.date()
    return value


def _brl(value: Any) -> Any:
    """A ``monthly`` value in integer centavos as BRL; others as given (the scalar refuses)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Money(Decimal(value).scaleb(-2), "BRL")
    return value


class _Report:
    """Errors: raise the first (with a note), or keep each one for its result row."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def check(self, exc: PartnerRulesError, note: str) -> PartnerRulesError:
        if self.mode == "raise":
            exc.add_note(note)
            raise exc
        return exc


def _cancellations(value: object) -> Mapping[str, dt.date]:
    """*cancellations*, checked as the scalar statements check it."""
    cancelled: Mapping[str, dt.date] = {} if value is None else value  # type: ignore[assignment]
    if not isinstance(cancelled, Mapping):
        raise InvalidTypeError("cancellations", value, "a mapping of contract id to date")
    for cid, day in cancelled.items():
        _validate.date(f"cancellations[{cid!r}]", day)
    return cancelled


class _Sales:
    """The sales table: one ``Sale`` per good row, each bad row's error."""

    def __init__(self, reader: Reader, tiers: Mapping[str, Any], report: _Report) -> None:
        reader.require(SALES, "see the sales columns of partnerrules.frame.commission_statements")
        n = reader.n
        self.n = n
        self.partner = _pylist(reader, "partner")
        self.cid = _pylist(reader, "contract_id")
        customer = _pylist(reader, "customer")
        start = _pylist(reader, "start")
        months = _pylist(reader, "months")
        monthly = _pylist(reader, "monthly")
        signed = reader.instants("signed_at")
        self.signed_us = signed.us
        self.sales: list[Sale | None] = [None] * n
        self.error: list[PartnerRulesError | None] = [None] * n
        seen: dict[str, int] = {}
        tier_error: dict[str, PartnerRulesError | None] = {}
        for i in range(n):
            try:
                contract = Contract(self.cid[i], customer[i], _day(start[i]), months[i],
                                    _brl(monthly[i]))  # fmt: skip
                sale = Sale(self.partner[i], contract, reader.raw_instant("signed_at", signed, i))
                cid = contract.id
                if cid in seen:
                    raise InvalidValueError(
                        f"sales[{i}].contract.id",
                        cid,
                        f"a contract id not already sold in sales[{seen[cid]}]",
                        hint="a contract is sold once",
                    )
                partner = sale.partner
                if partner not in tier_error:
                    try:
                        _tier_of(partner, tiers)
                        tier_error[partner] = None
                    except UnknownKeyError as exc:
                        tier_error[partner] = exc
                missing = tier_error[partner]
                if missing is not None:
                    raise missing
                seen[cid] = i
                self.sales[i] = sale
            except PartnerRulesError as exc:
                where = f"in row {i} of the sales"
                if isinstance(self.cid[i], str):
                    where += f" (contract {self.cid[i]!r})"
                self.error[i] = report.check(exc, where)
        # A partner with a bad row: which of its sales is the first of a year is unknown,
        # so each of its lines reports the first such row's error.
        self.tainted: dict[str, PartnerRulesError] = {}
        for i in range(n):
            found = self.error[i]
            if found is not None and isinstance(self.partner[i], str):
                self.tainted.setdefault(self.partner[i], found)


class _Lines:
    """The statement lines (sales signed in the period) and the rows that report errors."""

    def __init__(self, book: _Sales, first_us: int, stop_us: int, commissions: Any) -> None:
        n = book.n
        us = book.signed_us
        inside = (us != NAT) & (us >= first_us) & (us < stop_us)
        line_rows: list[int] = []
        extra: list[int] = []
        for i in range(n):
            placed = (
                bool(inside[i])
                and isinstance(book.partner[i], str)
                and isinstance(book.cid[i], str)
            )
            if placed:
                line_rows.append(i)
            elif book.error[i] is not None:
                extra.append(i)
        line_rows.sort(key=lambda i: (book.partner[i], int(us[i]), book.cid[i]))
        self.rows = line_rows  # sales row of each line, in statement order
        self.extra = extra  # bad sales rows outside the period (or not placed)
        self.error: list[PartnerRulesError | None] = []
        self.item: list[SaleCommission | None] = []
        for i in line_rows:
            exc = book.error[i]
            if exc is None:
                exc = book.tainted.get(book.partner[i])
            self.error.append(exc)
            self.item.append(None if exc is not None else commissions[i])
        self.of_row = np.full(n + 1, -1, np.int64)  # sales row -> line (index -1: none)
        self.of_row[np.asarray(line_rows, np.int64)] = np.arange(len(line_rows))


def _shape(contract: Contract, conv: Proration) -> tuple[int, int, int]:
    """The number of invoices of a contract with no addenda, and its first invoice's share.

    The share of the monthly value the first invoice bills, as numerator and
    denominator (0, 0 when the contract starts on the 1st): the same steps as
    ``Contract._base_charges``.
    """
    pieces = _pieces(contract.start, contract.end)
    if contract.start.day == 1:
        return len(pieces), 0, 0
    w0, wn = conv.fraction(*pieces[0]), conv.fraction(*pieces[-1])
    f: Fraction = w0 / (w0 + wn)
    return len(pieces), f.numerator, f.denominator


class _Invoices:
    """Every invoice of the lines the numpy path answers: owed centavos, void, line."""

    def __init__(
        self,
        lines: _Lines,
        live: list[int],
        cancelled: Mapping[str, dt.date],
        conv: Proration,
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        shapes: dict[tuple[dt.date, int], tuple[int, int, int]] = {}
        count, num, den, monthly = [], [], [], []
        for k in live:
            item = lines.item[k]
            assert item is not None
            contract = item.sale.contract
            key = (contract.start, contract.months)
            shape = shapes.get(key)
            if shape is None:
                shape = shapes[key] = _shape(contract, conv)
            count.append(shape[0])
            num.append(shape[1])
            den.append(shape[2])
            monthly.append(_centavos(contract.monthly))
        counts = np.asarray(count, np.int64)
        self.offsets = np.cumsum(counts) - counts
        self.line = np.repeat(np.asarray(live, np.int64), counts)
        m = np.asarray(monthly, np.int64)
        owed = np.repeat(m, counts)
        nums, dens = np.asarray(num, np.int64), np.asarray(den, np.int64)
        pr = nums > 0
        first = share(m[pr], nums[pr], dens[pr])
        owed[self.offsets[pr]] = first
        owed[self.offsets[pr] + counts[pr] - 1] = m[pr] - first
        self.owed = owed
        self.void = np.zeros(len(owed), np.bool_)
        for j, k in enumerate(live):
            item = lines.item[k]
            assert item is not None
            on = cancelled.get(item.sale.contract.id)
            if on is not None:
                starts = [a for a, _ in _schedule(item.sale.contract, conv)]
                at = int(self.offsets[j])
                self.void[at : at + len(starts)] = [a >= on for a in starts]
        # The invoice ids, "<contract id>/<number>", built by Arrow (no str per invoice).
        ids = pa.array([lines.item[k].sale.contract.id for k in live], pa.string())  # type: ignore[union-attr]
        numbers = np.arange(len(owed), dtype=np.int64) - np.repeat(self.offsets, counts) + 1
        owner = np.repeat(np.arange(len(live), dtype=np.int64), counts)
        self.keys = pc.binary_join_element_wise(
            ids.take(pa.array(owner)), pc.cast(pa.array(numbers), pa.string()), "/"
        )


def _payment(reader: Reader, i: int, paid: Any) -> Payment:
    """The scalar ``Payment`` of payment row *i* (raises what its constructor raises)."""
    return Payment(
        reader.raw("payment_id", i),
        reader.raw("invoice_id", i),
        _brl(reader.raw("amount", i)),
        reader.raw_instant("paid_at", paid, i),
    )


def _prefix(invoice: Any, rows: I64) -> Any:
    """``invoice_id.rpartition("/")[0]`` of *rows*, as Arrow strings (null: not text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if invoice is None:
        return pa.nulls(len(rows), pa.string())
    sub = invoice.take(pa.array(rows))
    cut = pc.replace_substring_regex(sub, pattern="/[^/]*\\z", replacement="")
    return pc.if_else(pc.match_substring(sub, "/"), cut, "")


def statements(
    sales: object,
    payments: object,
    start: object,
    end: object,
    standard_tiers: object,
    cancellations: object,
    plan: object,
    zone: object,
    convention: object,
    errors: object,
) -> Any:
    """See :func:`partnerrules.frame.commission_statements`."""
    import pyarrow as pa

    mode = check_errors(errors)
    report = _Report(mode)
    # The arguments, checked as the scalar statements check them.
    start = _validate.date("start", start)
    end = _validate.date("end", end)
    if end <= start:
        raise InvalidValueError("end", end, f"after start {start.isoformat()}")
    tiers = _standard_tiers(standard_tiers)
    campaigns = _plan_campaigns(plan, None)
    tier_rule = _the_plan(plan).tier_rule
    tz = _zone(zone)
    conv = Proration.parse(convention)
    cancelled = _cancellations(cancellations)
    s_reader = Reader(sales, "sales")
    p_reader = Reader(payments, "payments")
    p_reader.require(PAYMENTS, "see the payment columns of partnerrules.frame")
    stop = _midnight(end, tz)
    first_us, stop_us = _instant_us(_midnight(start, tz)), _instant_us(stop)

    # -- the sales: one Sale each, then every rate and commission by the scalar code -----
    book = _Sales(s_reader, tiers, report)
    chosen = [
        (i, sale)
        for i, sale in enumerate(book.sales)
        if sale is not None and sale.partner not in book.tainted
    ]
    row_of = {sale.contract.id: i for i, sale in chosen}
    commissions: dict[int, SaleCommission] = {}
    for item in _commissions(tuple(s for _, s in chosen), tiers, campaigns, tz, tier_rule):
        commissions[row_of[item.sale.contract.id]] = item
    lines = _Lines(book, first_us, stop_us, commissions)
    nl = len(lines.rows)
    total = np.zeros(nl, np.int64)
    whole = np.zeros(nl, np.int64)
    scalar_line = np.zeros(nl, np.bool_)  # answered by the scalar _payout
    for k, maybe in enumerate(lines.item):
        if maybe is None:
            continue
        c = _centavos(maybe.commission)
        m = _centavos(maybe.sale.contract.monthly)
        w = m * maybe.sale.contract.months
        if c * w >= _SAFE or m >= _SAFE_MONTHLY:
            scalar_line[k] = True
        else:
            total[k], whole[k] = c, w
    live = [k for k in range(nl) if lines.item[k] is not None and not scalar_line[k]]
    inv = _Invoices(lines, live, cancelled, conv)

    # -- the payments, with numpy -----------------------------------------------------
    n = p_reader.n
    if n:
        pids = p_reader.codes("payment_id")
        pid_codes, pid_count = pids.codes, len(pids)
    else:  # an empty column may have no type to read
        pid_codes, pid_count = np.zeros(0, np.int64), 0
    paid = p_reader.instants("paid_at")
    amount, whole_number = p_reader.integers("amount")
    invoice_text = _text_array(p_reader, "invoice_id")
    bad = p_reader.blank_or_not_text("payment_id") | p_reader.blank_or_not_text("invoice_id")
    bad |= ~whole_number | (amount <= 0) | paid.null | paid.bad
    # Each row's invoice among the lines' (fast path), else its contract by the id's prefix.
    found = _index_in(invoice_text, inv.keys, n)
    line_of = np.append(inv.line, -1)[found]  # found -1 reads the trailing -1
    sold = pa.array([c for c in book.cid if isinstance(c, str)], pa.string())
    away = np.flatnonzero(found < 0)
    prefix = _prefix(invoice_text, away)
    sale_row = _index_in(prefix, sold, len(away))
    sold_rows = np.asarray([i for i, c in enumerate(book.cid) if isinstance(c, str)], np.int64)
    known = np.ones(n, np.bool_)
    known[away] = sale_row >= 0
    line_of[away] = np.where(sale_row >= 0, lines.of_row[np.append(sold_rows, -1)[sale_row]], -1)
    # Rows the numpy checks doubt: the scalar Payment says whether (and why) they are bad.
    line_error: dict[int, PartnerRulesError] = {}
    extra_payments: list[tuple[int, PartnerRulesError]] = []

    def refuse(i: int, exc: PartnerRulesError) -> None:
        exc = report.check(exc, f"in row {i} of the payments")
        k = int(line_of[i])
        if k >= 0:
            line_error.setdefault(k, exc)
        else:
            extra_payments.append((i, exc))

    for i in np.flatnonzero(bad).tolist():
        try:
            _payment(p_reader, i, paid)
        except PartnerRulesError as exc:
            refuse(i, exc)
            continue
        bad[i] = False  # a dtype the checks do not read (a categorical id), but a good row
    # A payment id pays once: an exact replay is ignored, another payment refused.
    replay = np.zeros(n, np.bool_)
    ok = np.flatnonzero(~bad & (pid_codes >= 0))
    twice = np.bincount(pid_codes[ok], minlength=pid_count)[pid_codes[ok]] > 1
    if twice.any():
        rows = ok[twice]
        rows = rows[np.lexsort((rows, pid_codes[rows]))]
        same = np.zeros(len(rows), np.bool_)
        same[1:] = pid_codes[rows][1:] == pid_codes[rows][:-1]
        lead = rows[np.maximum.accumulate(np.where(~same, np.arange(len(rows)), 0))]
        dup, lead = rows[same], lead[same]
        in_order = np.argsort(dup, kind="stable")
        dup, lead = dup[in_order], lead[in_order]
        for i, j in zip(dup.tolist(), lead.tolist(), strict=True):
            try:
                _unique_payments([_payment(p_reader, j, paid), _payment(p_reader, i, paid)])
            except PartnerRulesError as exc:
                bad[i] = True
                refuse(i, exc)
                continue
            replay[i] = True
    unique = ~bad & ~replay
    all_sold = [s.contract.id for s in book.sales if s is not None]
    for i in np.flatnonzero(unique & ~known).tolist():
        raw = p_reader.raw("invoice_id", i)
        bad[i] = True
        refuse(
            i,
            UnknownKeyError(
                "contract",
                raw.rpartition("/")[0],
                all_sold,
                hint=f"payment {p_reader.raw('payment_id', i)!r} pays invoice {raw!r}, "
                "of a contract no sale has",
            ),
        )
    unique &= ~bad
    # Counted: unique payments of a line made before the end of the period.
    counted = unique & (line_of >= 0) & (paid.us < stop_us)
    lost = counted & (found < 0)  # an invoice the contract lacks
    hit = np.flatnonzero(counted & (found >= 0))
    lost[hit[inv.void[found[hit]]]] = True  # an invoice that fell away
    paid_sum = np.zeros(len(inv.owed), np.int64)
    np.add.at(paid_sum, found[hit], amount[hit])
    over = np.flatnonzero(paid_sum > inv.owed)
    doubt = np.zeros(nl + 1, np.bool_)
    doubt[inv.line[over]] = True
    doubt[line_of[lost]] = True
    doubt[:nl] |= scalar_line
    for k in line_error:
        doubt[k] = False
    collected = np.zeros(nl, np.int64)
    reachable_owed = np.zeros(nl, np.int64)
    if len(live):
        at = inv.offsets
        per_invoice = np.add.reduceat(paid_sum, at)
        collected[live] = per_invoice
        reachable_owed[live] = np.add.reduceat(np.where(inv.void, 0, inv.owed), at)
    released = share(total, collected, whole)
    reachable = share(total, reachable_owed, whole)
    pending = reachable - released
    forfeited = total - reachable
    # Lines in doubt: the scalar payout, in signature order, gives the error or the answer.
    doubted = [k for k in np.flatnonzero(doubt[:nl]).tolist() if lines.item[k] is not None]
    doubted.sort(key=lambda k: (int(book.signed_us[lines.rows[k]]), book.cid[lines.rows[k]]))
    for k in doubted:
        line = lines.item[k]
        assert line is not None
        mine = np.flatnonzero(line_of == k)
        payout = None
        try:
            payout = _line_payout(p_reader, paid, mine, unique, replay, line, cancelled, stop, conv)
        except PartnerRulesError as exc:
            cid = line.sale.contract.id
            where = f"in the payments of contract {cid!r} (row {lines.rows[k]} of the sales)"
            line_error[k] = report.check(exc, where)
        if payout is not None:
            released[k] = _centavos(payout.released)
            pending[k] = _centavos(payout.pending)
            forfeited[k] = _centavos(payout.forfeited)
            total[k] = _centavos(payout.commission)
    return _build(
        s_reader.kind, book, lines, line_error, extra_payments, p_reader,
        total, released, pending, forfeited,
    )  # fmt: skip


def _line_payout(
    reader: Reader,
    paid: Any,
    mine: I64,
    unique: Bools,
    replay: Bools,
    item: SaleCommission,
    cancelled: Mapping[str, dt.date],
    stop: dt.datetime,
    conv: Proration,
) -> Payout:
    """The scalar payout of one line (raises what ``_payout`` raises)."""
    made = [_payment(reader, i, paid) for i in mine.tolist() if unique[i]]
    again = [reader.raw("payment_id", i) for i in mine.tolist() if replay[i]]
    return _payout(
        item,
        made,
        again,
        cancelled_on=cancelled.get(item.sale.contract.id),
        as_of=stop,
        convention=conv,
    )


def _rule_ids(item: SaleCommission, cache: dict[int, str]) -> str:
    """The rule ids a line's reasons cite, in order, once each (per kind of line)."""
    key = id(item.campaign)
    ids = cache.get(key)
    if ids is None:
        cited = [r.rule_id for r in item.reasons]
        ids = cache[key] = ",".join(dict.fromkeys([*cited, _COLLECTION]))
    return ids


class _Labels:
    """A text column with few distinct values, as codes."""

    def __init__(self, n: int) -> None:
        self.codes = np.full(n, -1, np.int32)
        self.values: dict[str, int] = {}

    def set(self, i: int, value: str) -> None:
        self.codes[i] = self.values.setdefault(value, len(self.values))


def _build(
    kind: str,
    book: _Sales,
    lines: _Lines,
    line_error: Mapping[int, PartnerRulesError],
    extra_payments: Sequence[tuple[int, PartnerRulesError]],
    p_reader: Reader,
    total: I64,
    released: I64,
    pending: I64,
    forfeited: I64,
) -> Any:
    """The result table: the lines, then the bad rows no line stands for."""
    nl = len(lines.rows)
    m = nl + len(lines.extra) + len(extra_payments)
    partner: list[str | None] = [book.partner[i] for i in lines.rows]
    contract: list[str | None] = [book.cid[i] for i in lines.rows]
    rate, rule_ids, error_type, error = _Labels(m), _Labels(m), _Labels(m), _Labels(m)
    failed = np.ones(m, np.bool_)
    cache: dict[int, str] = {}
    for k, item in enumerate(lines.item):
        exc = lines.error[k]
        if exc is None:
            exc = line_error.get(k)
        if exc is not None:
            error_type.set(k, type(exc).__name__)
            error.set(k, str(exc))
            continue
        assert item is not None
        failed[k] = False
        rate.set(k, str(item.rate))
        rule_ids.set(k, _rule_ids(item, cache))
    k = nl
    for i in lines.extra:
        exc = book.error[i]
        assert exc is not None
        partner.append(book.partner[i] if isinstance(book.partner[i], str) else None)
        contract.append(book.cid[i] if isinstance(book.cid[i], str) else None)
        error_type.set(k, type(exc).__name__)
        error.set(k, str(exc))
        k += 1
    for i, exc in extra_payments:
        raw = p_reader.raw("invoice_id", i)
        partner.append(None)
        contract.append(raw.rpartition("/")[0] if isinstance(raw, str) else None)
        error_type.set(k, type(exc).__name__)
        error.set(k, str(exc))
        k += 1
    pad = np.full(m - nl, NAT, np.int64)
    amounts = {
        name: np.where(failed, NAT, np.concatenate((values, pad)))
        for name, values in (
            ("commission", total), ("released", released),
            ("pending", pending), ("forfeited", forfeited),
        )
    }  # fmt: skip
    columns: list[tuple[str, Any]] = [
        ("partner", _strings(kind, partner)),
        ("contract_id", _strings(kind, contract)),
        ("rate", _labels(kind, rate)),
    ]
    columns += [(name, _integers(kind, values)) for name, values in amounts.items()]
    columns += [
        ("rule_ids", _labels(kind, rule_ids)),
        ("error_type", _labels(kind, error_type)),
        ("error", _strings(kind, [None] * m, error)),
    ]
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(dict(columns), copy=False)
    import pyarrow as pa

    return pa.table(dict(columns))


def _strings(kind: str, values: list[str | None], labels: _Labels | None = None) -> Any:
    import pyarrow as pa

    if labels is not None:
        small = labels.codes
        column = pa.DictionaryArray.from_arrays(
            pa.array(small, pa.int32(), mask=small < 0), pa.array(list(labels.values), pa.string())
        ).cast(pa.string())
    else:
        column = pa.array(values, pa.string())
    if kind == "pandas":
        import pandas as pd

        return pd.Series(pd.arrays.ArrowStringArray(column))
    return column


def _labels(kind: str, labels: _Labels) -> Any:
    import pyarrow as pa

    codes: npt.NDArray[np.int32] = labels.codes
    if kind == "pandas":
        import pandas as pd

        kinds = pd.Index(list(labels.values), dtype=pd.StringDtype("pyarrow"))
        return pd.Series(pd.Categorical.from_codes(codes, categories=kinds))
    indices = pa.array(codes, pa.int32(), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(labels.values), pa.string()))


def _integers(kind: str, values: I64) -> Any:
    import pyarrow as pa

    null = values == NAT
    if kind == "pandas":
        import pandas as pd

        return pd.Series(pd.arrays.IntegerArray(np.where(null, 0, values), null))
    return pa.array(values, pa.int64(), mask=null)
