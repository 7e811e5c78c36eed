"""Columnar commission released on collection (private; see :mod:`partnerrules.frame`).

One row per payment. Each contract's commission and invoice schedule come
from its :class:`~partnerrules.commission.SaleCommission` (the schedule is
computed once per contract by the contract's own code); the payments are then
checked, ordered and released in integer centavos with numpy, following
``partnerrules._commission.payouts._payout`` step by step: payments count in the order they were
paid (ties by payment id), and after each one the total released is
``commission x collected / TCV`` rounded half-even to the centavo. A contract
with a bad payment is answered by the scalar
:func:`~partnerrules.commission.release_commission`, which gives its error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from partnerrules import _validate
from partnerrules import commission as _commission
from partnerrules._contracts.common import _end_of_term, _pieces
from partnerrules.calendars import _instant_us
from partnerrules.contracts import MAX_TERM_MONTHS, Proration
from partnerrules.errors import InvalidTypeError, PartnerRulesError, UnknownKeyError
from partnerrules.frame._io import Instants, Out, Reader
from partnerrules.frame._sla import check_errors
from partnerrules.frame._timeline import I64, NAT, Bools
from partnerrules.money import Money

REQUIRED = ("payment_id", "contract_id", "invoice_id", "amount", "paid_at")
_SAFE = 1 << 62  # commission x TCV below this: products of centavos stay in int64


def _centavos(money: Money) -> int:
    return int(money.amount.scaleb(2))


def segment_cumsum(values: I64, starts: Bools) -> I64:
    """Running sums of *values*, restarting at each True of *starts* (``starts[0]`` True)."""
    if not len(values):
        return values.copy()
    total = np.cumsum(values)
    first = np.maximum.accumulate(np.where(starts, np.arange(len(values)), 0))
    out: I64 = total - (total - values)[first]
    return out


def share(total: I64, part: I64, whole: I64) -> I64:
    """``total x part / whole`` rounded half-even (``_commission.common._share``), element-wise."""
    safe = np.where(whole == 0, 1, whole)
    q, r = np.divmod(total * part, safe)
    twice = 2 * r
    q = q + ((twice > safe) | ((twice == safe) & (q % 2 == 1)))
    out: I64 = np.where(whole == 0, 0, q)
    return out


def _starts(keys: I64) -> Bools:
    out = np.ones(len(keys), np.bool_)
    out[1:] = keys[1:] != keys[:-1]
    return out


class _Contracts:
    """Every contract's commission, TCV and invoices (owed centavos, void), as arrays.

    A contract without addenda, not cancelled and of ordinary size bills its
    monthly value each month (a prorated first month and the rest in a last
    invoice when it starts after the 1st): its invoices are laid out with
    numpy, the proration worked out once per start day and term. The others
    take the contract's own schedule, one at a time.
    """

    def __init__(
        self,
        commissions: Iterable[Any],
        cancelled: Mapping[str, dt.date],
        convention: object,
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        conv = Proration.parse(convention)
        lines = _validate.items("commissions", commissions, "an iterable of SaleCommission")
        self.lines: list[Any] = []
        self.index: dict[str, int] = {}
        ids: list[str] = []
        start: list[int] = []
        months: list[int] = []
        monthly: list[int] = []
        totals: list[int] = []
        others: dict[int, list[tuple[dt.date, int]]] = {}  # contract -> its own schedule
        for line in lines:
            _validate.instance("commissions", line, _commission.SaleCommission)
            contract = line.sale.contract
            on = cancelled.get(contract.id)
            if on is not None:
                _validate.date("cancelled_on", on)
            k = self.index.setdefault(contract.id, len(self.lines))
            if k < len(self.lines):
                continue  # the same contract twice: its first commission counts
            self.lines.append(line)
            ids.append(contract.id)
            totals.append(_centavos(line.commission))
            mrr = _centavos(contract.monthly)
            if contract.addenda or on is not None or mrr > _ORDINARY:
                others[k] = _schedule(contract, conv)
                mrr = 0
            start.append(contract.start.toordinal())
            months.append(contract.months)
            monthly.append(mrr)
        m = len(self.lines)
        regular = np.ones(m, np.bool_)
        regular[list(others)] = False
        mrr_a = np.asarray(monthly, np.int64)
        counts = np.zeros(m, np.int64)
        nums, dens = np.zeros(m, np.int64), np.ones(m, np.int64)
        rows = np.flatnonzero(regular)
        if len(rows):
            span = MAX_TERM_MONTHS + 1
            pair = np.asarray(start, np.int64)[rows] * span + np.asarray(months, np.int64)[rows]
            pairs, which = np.unique(pair, return_inverse=True)
            shapes = np.asarray(
                [
                    _shape(dt.date.fromordinal(key // span), key % span, conv)
                    for key in pairs.tolist()
                ],
                np.int64,
            ).reshape(-1, 3)
            counts[rows] = shapes[which, 0]
            nums[rows], dens[rows] = shapes[which, 1], np.maximum(shapes[which, 2], 1)
        for k, schedule in others.items():
            counts[k] = len(schedule)
        offsets = np.cumsum(counts) - counts
        owed = np.repeat(mrr_a, counts)
        pr = np.flatnonzero(regular & (nums > 0))
        if len(pr):
            first = share(mrr_a[pr], nums[pr], dens[pr])
            owed[offsets[pr]] = first
            owed[offsets[pr] + counts[pr] - 1] = mrr_a[pr] - first
        void = np.zeros(len(owed), np.bool_)
        wholes = [0] * m
        for k, schedule in others.items():
            at, units = int(offsets[k]), [u for _, u in schedule]
            owed[at : at + len(units)] = [min(u, _SAFE) for u in units]
            wholes[k] = sum(units)  # exact, whatever its size
            on = cancelled.get(ids[k])
            if on is not None:
                void[at : at + len(units)] = [a >= on for a, _ in schedule]
        # Regular contracts' TCV: the monthly value a month (first and last share one).
        regular_whole = mrr_a * np.where(nums > 0, counts - 1, counts)
        big: list[bool] = []
        for k in range(m):
            whole = wholes[k] if k in others else int(regular_whole[k])
            wholes[k] = whole
            # Too large for exact int64 products: the scalar path answers the contract.
            big.append(totals[k] * whole >= _SAFE)
        owner = np.repeat(np.arange(m, dtype=np.int64), counts)
        numbers = np.arange(len(owed), dtype=np.int64) - np.repeat(offsets, counts) + 1
        self.keys = pc.binary_join_element_wise(
            pa.array(ids, pa.string()).take(pa.array(owner)),
            pc.cast(pa.array(numbers), pa.string()),
            "/",
        )
        # One more element at the end of each array stands for "none": index -1 reads it.
        self.owed = np.append(owed, 0)
        self.void = np.append(void, False)
        self.owner = np.append(owner, -2)
        self.total = np.asarray([*(0 if b else t for t, b in zip(totals, big, strict=True)), 0])
        self.whole = np.asarray([*(0 if b else w for w, b in zip(wholes, big, strict=True)), 0])
        self.big = np.asarray([*big, False], np.bool_)


#: A monthly value (centavos) up to which a contract's invoices are laid out in int64.
_ORDINARY = 10**15


def _shape(start: dt.date, months: int, conv: Proration) -> tuple[int, int, int]:
    """The number of invoices of a contract with no addenda, and its first invoice's share.

    The share of the monthly value the first invoice bills, as numerator and
    denominator (0, 0 when the contract starts on the 1st): the same steps as
    ``Contract._base_charges``.
    """
    pieces = _pieces(start, _end_of_term(start, months))
    if start.day == 1:
        return len(pieces), 0, 0
    w0, wn = conv.fraction(*pieces[0]), conv.fraction(*pieces[-1])
    f: Fraction = w0 / (w0 + wn)
    return len(pieces), f.numerator, f.denominator


def _schedule(contract: Any, conv: Proration) -> list[tuple[dt.date, int]]:
    """Each invoice's period start and amount in centavos (``Contract.invoices``, unbuilt).

    The same steps as :meth:`~partnerrules.contracts.Contract.invoices`
    without building an ``Invoice`` per line: the base charges, each
    addendum's charges added to the invoice of the period they fall in.
    """
    base = contract._base_charges(conv)
    starts = [a for a, _, _ in base]
    totals = [m for _, _, m in base]
    for addendum in contract.addenda:
        for a, _, amount in addendum.charges():
            index = max(i for i, s in enumerate(starts) if s <= a)
            totals[index] = totals[index] + amount
    return [(a, _centavos(m)) for a, m in zip(starts, totals, strict=True)]


def _ties_by_id(reader: Reader, rows: I64, contract: I64, paid: I64) -> I64:
    """*rows* (sorted by contract and instant) with ties ordered by payment id, as text."""
    if len(rows) < 2:
        return rows
    same = (contract[rows][1:] == contract[rows][:-1]) & (paid[rows][1:] == paid[rows][:-1])
    if not same.any():
        return rows
    rows = rows.copy()
    starts = np.flatnonzero(np.concatenate(([True], ~same)))
    ends = np.concatenate((starts[1:], [len(rows)]))
    several = ends - starts > 1
    for a, b in zip(starts[several].tolist(), ends[several].tolist(), strict=True):
        tied = rows[a:b].tolist()
        rows[a:b] = sorted(tied, key=lambda i: str(reader.raw("payment_id", i)))
    return rows


def _cancellations(value: object) -> dict[str, dt.date]:
    """The *cancelled* argument: None, or a mapping of contract id to cancellation day."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            "cancelled", value, "a mapping from contract id to the datetime.date it was cancelled"
        )
    out: dict[str, dt.date] = {}
    for key, day in value.items():
        _validate.text("cancelled", key)
        out[key] = _validate.date("cancelled_on", day)
    return out


def releases(
    payments: object,
    commissions: Iterable[Any],
    cancelled: Mapping[str, dt.date] | None,
    as_of: dt.datetime | None,
    convention: object,
    errors: object,
) -> Any:
    """See :func:`partnerrules.frame.commission_releases`."""
    mode = check_errors(errors)
    as_of_us = None if as_of is None else _instant_us(as_of, "as_of")
    cancelled = _cancellations(cancelled)
    book = _Contracts(commissions, cancelled, convention)
    reader = Reader(payments, "payments")
    reader.require(REQUIRED, "see the payment columns of partnerrules.frame")
    n = reader.n
    pids = reader.codes("payment_id")
    paid = reader.instants("paid_at")
    amount, whole_number = reader.integers("amount")
    # Each row's contract (its contract_id) and invoice (owed, void, whose), by hash lookups.
    contract = reader.lookup("contract_id", list(book.index))
    invoice = reader.lookup("invoice_id", book.keys)
    inv_safe = invoice  # -1 reads the trailing "none" element
    unknown = contract < 0
    bad = reader.blank_or_not_text("payment_id") | reader.blank_or_not_text("invoice_id")
    bad |= ~whole_number | (amount <= 0) | paid.null | paid.bad
    bad |= (invoice < 0) | (book.owner[inv_safe] != contract) | book.void[inv_safe]
    if not len(book.keys):
        bad |= True
    # A payment id pays once per contract: an exact replay is ignored, other content refused.
    order = np.lexsort((np.arange(n), pids.codes, contract))
    same = np.zeros(n, np.bool_)
    same[1:] = (pids.codes[order][1:] == pids.codes[order][:-1]) & (
        contract[order][1:] == contract[order][:-1]
    )
    leader = np.empty(n, np.int64)
    leader[order] = order[np.maximum.accumulate(np.where(~same, np.arange(n), 0))]
    replay = np.zeros(n, np.bool_)
    replay[order] = same
    bad |= replay & (
        (invoice != invoice[leader]) | (amount != amount[leader]) | (paid.us != paid.us[leader])
    )
    counted = ~replay & ~unknown
    if as_of_us is not None:
        counted &= paid.us < as_of_us
    # Contracts with a bad row, or too large for products in int64, go to the scalar path.
    contract_bad = book.big.copy()
    contract_bad[contract[bad & ~unknown]] = True
    rows = np.flatnonzero(counted & ~contract_bad[contract])
    # Payment order within each contract: the instant, then the payment id (compared as
    # text only where two payments of a contract share an instant).
    rows = rows[np.lexsort((paid.us[rows], contract[rows]))]
    rows = _ties_by_id(reader, rows, contract, paid.us)
    # An invoice paid past what it owes refuses the contract.
    by_inv = rows[np.lexsort((np.arange(len(rows)), invoice[rows]))]
    running = segment_cumsum(amount[by_inv], _starts(invoice[by_inv]))
    over = running > book.owed[invoice[by_inv]]
    if over.any():
        contract_bad[contract[by_inv[over]]] = True
        rows = rows[~contract_bad[contract[rows]]]
    cc = contract[rows]
    starts = _starts(cc)
    collected = segment_cumsum(amount[rows], starts)
    cumulative = share(book.total[cc], collected, book.whole[cc])
    previous = np.where(starts, 0, np.concatenate(([0], cumulative[:-1])))
    released = np.full(n, NAT, np.int64)
    released_total = np.full(n, NAT, np.int64)
    released[rows] = cumulative - previous
    released_total[rows] = cumulative
    errors_of = _Errors(n, mode)
    _scalar_contracts(
        reader, book, contract, unknown, contract_bad, counted, replay, paid,
        cancelled, as_of, convention, released, released_total, errors_of,
    )  # fmt: skip
    good = errors_of.type_codes < 0
    out = Out(reader)
    out.passthrough("payment_id")
    out.passthrough("contract_id")
    out.flags("counted", counted & good)
    out.flags("replayed", replay & ~unknown & good)
    out.integers("released", np.where(good, released, NAT))
    out.integers("released_total", np.where(good, released_total, NAT))
    out.labels("error_type", errors_of.type_codes, list(errors_of.types))
    out.text("error", errors_of.text_codes, list(errors_of.texts))
    return out.build()


class _Errors:
    """Bad rows: raise the first, or keep each row's error type and message."""

    def __init__(self, n: int, mode: str) -> None:
        self.mode = mode
        self.type_codes = np.full(n, -1, np.int32)
        self.text_codes = np.full(n, -1, np.int32)
        self.types: dict[str, int] = {}
        self.texts: dict[str, int] = {}

    def report(self, rows: I64, exc: PartnerRulesError, note: str) -> None:
        if self.mode == "raise":
            exc.add_note(note)
            raise exc
        self.type_codes[rows] = self.types.setdefault(type(exc).__name__, len(self.types))
        self.text_codes[rows] = self.texts.setdefault(str(exc), len(self.texts))


def _scalar_contracts(
    reader: Reader,
    book: _Contracts,
    contract: I64,
    unknown: Bools,
    contract_bad: Bools,
    counted: Bools,
    replay: Bools,
    paid: Instants,
    cancelled: Mapping[str, dt.date],
    as_of: dt.datetime | None,
    convention: object,
    released: I64,
    released_total: I64,
    errors: _Errors,
) -> None:
    """Rows naming no known contract, and every refused contract, in table order."""
    bad_rows = np.flatnonzero(unknown | contract_bad[contract])
    seen: set[int] = set()
    for i in bad_rows.tolist():
        c = int(contract[i])
        if unknown[i]:
            exc: PartnerRulesError = UnknownKeyError(
                "contract_id",
                reader.raw("contract_id", i),
                list(book.index),
                hint="no commission was given for it",
            )
            errors.report(np.asarray([i]), exc, f"in row {i} of the payments")
            continue
        if c in seen:
            continue
        seen.add(c)
        mine = np.flatnonzero(contract == c)
        line = book.lines[c]
        try:
            payout = _scalar(reader, mine, line, cancelled, as_of, convention, paid)
        except PartnerRulesError as exc:
            where = f"in row {i} of the payments (contract {line.sale.contract.id!r})"
            errors.report(mine, exc, where)
            continue
        total = 0
        done: dict[str, tuple[int, int]] = {}
        for r in payout.releases:
            total += _centavos(r.amount)
            done[r.payment_id] = (_centavos(r.amount), total)
        for k in mine.tolist():
            if counted[k] and not replay[k]:
                released[k], released_total[k] = done[reader.raw("payment_id", k)]


def _scalar(
    reader: Reader,
    rows: I64,
    line: Any,
    cancelled: Mapping[str, dt.date],
    as_of: dt.datetime | None,
    convention: object,
    paid: Instants,
) -> Any:
    """The scalar payout of one contract's payment rows (raises what it raises)."""
    made = []
    for i in rows.tolist():
        raw = reader.raw("amount", i)
        value: object = raw
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = Money(Decimal(raw).scaleb(-2), "BRL")
        made.append(
            _commission.Payment(
                reader.raw("payment_id", i),
                reader.raw("invoice_id", i),
                value,  # type: ignore[arg-type]
                reader.raw_instant("paid_at", paid, i),
            )
        )
    return _commission.release_commission(
        line,
        made,
        cancelled_on=cancelled.get(line.sale.contract.id),
        as_of=as_of,
        convention=convention,  # type: ignore[arg-type]
    )
