"""Columnar commission statements (private; see :func:`partnerrules.frame.commission_statements`).

One output row per statement line: each sale signed in the period, sorted as
:func:`partnerrules.commission.commission_statements` lists them (partner,
then signature instant, then contract id).

The sales (one row per contract) are read into arrays; a row the checks
doubt is built as the scalar ``Sale`` (and its ``Contract``), which gives
its error or takes it. Each campaign's choice of sales, the rates and the
commissions follow ``_commissions`` step by step with numpy (the scalar
calls per sale were most of the time). The payments are never turned into
Python objects: they are checked, matched to their invoices and summed per
contract with numpy and pyarrow. Since a contract's total released is
``commission x collected / TCV`` rounded once (``_payout``), a statement
line only needs what each contract collected before the end of the period;
the order of the payments only matters for the error a bad one gives, and a
contract with a bad payment (or amounts too large for int64 products) is
answered by the scalar ``_payout``, which gives its exact error (or its
payout).
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
from partnerrules._commission.common import _COLLECTION, _midnight
from partnerrules._commission.model import CampaignTrigger
from partnerrules._commission.payouts import Payment, Payout, _payout, _unique_payments
from partnerrules._commission.sales import (
    RateBasis,
    Sale,
    SaleCommission,
    _tier_of,
)
from partnerrules._commission.statements import _arguments
from partnerrules.calendars import _instant_us
from partnerrules.contracts import MAX_TERM_MONTHS, Contract, Proration
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.frame._commission import _SAFE, _centavos, _schedule, _shape, share
from partnerrules.frame._io import Reader, _plain, wall_us
from partnerrules.frame._sla import check_errors
from partnerrules.frame._timeline import I64, NAT, Bools
from partnerrules.money import Money

SALES = ("partner", "contract_id", "customer", "start", "months", "monthly", "signed_at")
PAYMENTS = ("payment_id", "invoice_id", "amount", "paid_at")
# Monthly values at or above this (centavos) go to the scalar path: the prorated first
# invoice multiplies the monthly value by a numerator of at most 31.
_SAFE_MONTHLY = _SAFE >> 6
# Rates whose exact fraction has a denominator at or above this: Money.multiply.
_SAFE_DENOMINATOR = 1 << 20
# A monthly value (centavos) the arrays take without asking the scalar Contract: its TCV
# over the longest term stays far below what Money holds (10**17 centavos).
_SURE_MONTHLY = 10**13
_DAY0 = dt.date(1970, 1, 1)
_DAY_US = 86_400_000_000
# Starts and signatures the arrays take; outside, the scalar constructors judge the row.
_DAY_MIN = (dt.date(2, 1, 1) - _DAY0).days
_DAY_MAX = (dt.date(9000, 1, 1) - _DAY0).days
_US_MIN = _DAY_MIN * _DAY_US
_US_MAX = _DAY_MAX * _DAY_US


def _texts(reader: Reader, name: str) -> Any:
    """Column *name* as an Arrow string array: null where a value is not text."""
    import pyarrow as pa

    col = reader.text_array(name)
    if col is not None:
        return col
    values = (
        [_plain(v) for v in reader.id_column(name).to_pylist()]
        if reader.kind == "arrow"
        else [_plain(v) for v in reader.id_column(name).tolist()]
    )
    return pa.array([v if isinstance(v, str) else None for v in values], pa.string())


def _codes(values: Any) -> I64:
    """Integer codes of an Arrow string array's distinct values (-1: null)."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(values)
    return np.asarray(encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False), np.int64)


def _distinct(values: Any) -> list[str]:
    """The distinct values of an Arrow string array, in the order :func:`_codes` numbers them."""
    import pyarrow.compute as pc

    return list(pc.dictionary_encode(values).dictionary.to_pylist())


def _dates(reader: Reader, name: str) -> tuple[I64, Bools]:
    """Column *name* as days since 1970-01-01, and the rows that hold a date.

    Arrow dates, or naive timestamps at midnight (a pandas ``datetime64``
    column); anything else is left to the scalar ``Contract``.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    n = reader.n
    nothing = np.zeros(n, np.int64), np.zeros(n, np.bool_)
    col = reader.id_column(name)
    if reader.kind == "pandas":
        try:
            col = pa.array(col, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            return nothing
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    ok = ~np.asarray(col.is_null().to_numpy(zero_copy_only=False), np.bool_)
    if pa.types.is_date32(col.type) or pa.types.is_date64(col.type):
        days = pc.cast(pc.cast(col, pa.date32()), pa.int32()).fill_null(0)
        return np.asarray(days.to_numpy(zero_copy_only=False), np.int64), ok
    if pa.types.is_timestamp(col.type) and col.type.tz is None:
        raw = np.asarray(pc.cast(col, pa.int64()).fill_null(0).to_numpy(zero_copy_only=False))
        per_day = (
            86_400 * {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[col.type.unit]
        )
        days, rest = np.divmod(raw.astype(np.int64), per_day)
        return days, ok & (rest == 0)
    return nothing


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
    """The sales table as arrays; the scalar ``Sale`` only for the rows the checks doubt.

    A row whose columns are plainly good (non-blank text, a date, integers in
    range, an aware instant) is read as it is; any other row is built as a
    scalar ``Sale`` (its ``Contract`` first), which refuses it with the scalar
    API's error or takes it.
    """

    def __init__(self, reader: Reader, tiers: Mapping[str, Any], report: _Report) -> None:
        reader.require(SALES, "see the sales columns of partnerrules.frame.commission_statements")
        n = reader.n
        self.n = n
        self.reader = reader
        self.partner = _texts(reader, "partner")
        self.cid = _texts(reader, "contract_id")
        self.signed = signed = reader.instants("signed_at")
        self.signed_us = signed.us.copy()
        months, months_ok = reader.integers("months")
        monthly, monthly_ok = reader.integers("monthly")
        start, start_ok = _dates(reader, "start")
        # Copies: the rows the scalar Contract takes are written back below.
        self.months, self.monthly, self.start = months.copy(), monthly.copy(), start.copy()
        sure = ~(
            reader.blank_or_not_text("partner")
            | reader.blank_or_not_text("contract_id")
            | reader.blank_or_not_text("customer")
        )
        sure &= months_ok & (self.months >= 1) & (self.months <= MAX_TERM_MONTHS)
        sure &= monthly_ok & (self.monthly >= 0) & (self.monthly < _SURE_MONTHLY)
        sure &= start_ok & (self.start >= _DAY_MIN) & (self.start < _DAY_MAX)
        sure &= ~signed.null & ~signed.bad & (signed.us > _US_MIN) & (signed.us < _US_MAX)
        self.objects: dict[int, Sale] = {}
        self.error: dict[int, PartnerRulesError] = {}
        for i in np.flatnonzero(~sure).tolist():
            try:
                sale = self.sale(i)
            except PartnerRulesError as exc:
                self.error[i] = exc
                continue
            contract = sale.contract
            self.months[i] = contract.months
            self.monthly[i] = _centavos(contract.monthly)
            self.start[i] = (contract.start - _DAY0).days
            self.signed_us[i] = _instant_us(sale.signed_at)
        # TCVs whose products would leave int64: the scalar code answers those lines.
        self.big = (self.monthly >= _SAFE_MONTHLY) | (
            self.monthly >= _SAFE // np.maximum(self.months, 1)
        )
        self.tcv = np.where(self.big, 0, self.monthly * np.where(self.big, 0, self.months))
        self.built = built = np.ones(n, np.bool_)
        built[list(self.error)] = False
        # A contract sold twice: the later rows are refused, as the scalar statements do.
        cid_codes = _codes(self.cid)
        rows = np.flatnonzero(built)
        _, first = np.unique(cid_codes[rows], return_index=True)
        again = np.ones(len(rows), np.bool_)
        again[first] = False
        if again.any():
            seen = np.full(int(cid_codes.max()) + 1, -1, np.int64)
            seen[cid_codes[rows[first]]] = rows[first]
            for i in rows[again].tolist():
                self.error[i] = InvalidValueError(
                    f"sales[{i}].contract.id",
                    self.cid[i].as_py(),
                    f"a contract id not already sold in sales[{seen[cid_codes[i]]}]",
                    hint="a contract is sold once",
                )
        # Each partner's standard tier, looked up once per partner.
        self.partner_codes = _codes(self.partner)
        names = _distinct(self.partner)
        self.partners: list[str] = names
        self.tiers: list[Any] = []
        missing: dict[int, PartnerRulesError] = {}
        for k, name in enumerate(names):
            try:
                self.tiers.append(_tier_of(name, tiers))
            except UnknownKeyError as exc:
                self.tiers.append(None)
                missing[k] = exc
        if missing:
            for i in np.flatnonzero(built).tolist():
                lacking = missing.get(int(self.partner_codes[i]))
                if lacking is not None:
                    self.error.setdefault(i, lacking)
        # Raise the first bad row, or keep them all; a partner with a bad row is tainted.
        self.tainted: dict[int, PartnerRulesError] = {}
        for i in sorted(self.error):
            where = f"in row {i} of the sales"
            cid = self.cid[i].as_py()
            if cid is not None:
                where += f" (contract {cid!r})"
            self.error[i] = report.check(self.error[i], where)
            k = int(self.partner_codes[i])
            if k >= 0:
                self.tainted.setdefault(k, self.error[i])
        self.good = built.copy()
        self.good[list(self.error)] = False
        if self.tainted:
            self.good &= ~np.isin(self.partner_codes, list(self.tainted))

    def sale(self, i: int) -> Sale:
        """The scalar ``Sale`` of row *i* (raises what its constructors raise)."""
        sale = self.objects.get(i)
        if sale is None:
            raw = self.reader.raw
            contract = Contract(raw("contract_id", i), raw("customer", i), _day(raw("start", i)),
                                raw("months", i), _brl(raw("monthly", i)))  # fmt: skip
            when = self.reader.raw_instant("signed_at", self.signed, i)
            sale = self.objects[i] = Sale(raw("partner", i), contract, when)
        return sale


class _Rates:
    """Each good sale's campaign or tier, rate and commission (``_commissions``, with numpy).

    Each campaign of the plan decides on its own which sales it pays: every
    sale signed in its period, or each partner's first sale of each calendar
    year of the campaign's zone among those (signature order, ties by
    contract id); the first campaign of the plan that pays a sale sets its
    rate, else the partner's standard tier does. The commission is the TCV
    (``monthly x months``) times the rate, rounded half-even to the centavo.
    """

    def __init__(self, book: _Sales, campaigns: tuple[Any, ...], tier_rule: str, zone: Any) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        self.book = book
        self.campaigns = campaigns
        self.tier_rule = tier_rule
        self.zone = zone
        n = book.n
        rows = np.flatnonzero(book.good)
        us = book.signed_us[rows]
        order = np.asarray(
            pc.sort_indices(
                pa.table({"us": us, "cid": book.cid.take(pa.array(rows))}),
                sort_keys=[("us", "ascending"), ("cid", "ascending")],
            ),
            np.int64,
        )
        c = len(campaigns)
        applied = np.full(len(rows), -1, np.int64)
        for index, campaign in enumerate(campaigns):
            wall = wall_us(us, campaign.tzinfo)
            day = np.floor_divide(wall, _DAY_US)
            pays = np.ones(len(rows), np.bool_)
            if campaign.period is not None:
                pays = (day >= (campaign.period.start - _DAY0).days) & (
                    day < (campaign.period.end - _DAY0).days
                )
            if campaign.trigger is CampaignTrigger.FIRST_SALE_OF_YEAR:
                year = day.astype("M8[D]").astype("M8[Y]").astype(np.int64)
                inside = order[pays[order]]
                key = book.partner_codes[rows][inside] * 20_000 + year[inside] + 10_000
                _, first = np.unique(key, return_index=True)
                pays = np.zeros(len(rows), np.bool_)
                pays[inside[first]] = True
            applied[(applied < 0) & pays] = index
        # The kind of a row: a campaign (0 .. c-1), or a partner's tier (c + partner code).
        self.kind = np.full(n, -1, np.int64)
        self.kind[rows] = np.where(applied >= 0, applied, c + book.partner_codes[rows])
        self.rates: list[Decimal] = [x.rate for x in campaigns]
        self.rates += [t.rate if t is not None else Decimal(0) for t in book.tiers]
        num = np.zeros(len(self.rates), np.int64)
        den = np.ones(len(self.rates), np.int64)
        for k, rate in enumerate(self.rates):
            f = Fraction(rate)
            if f.denominator < _SAFE_DENOMINATOR:
                num[k], den[k] = f.numerator, f.denominator
            else:
                den[k] = 0  # every sale of this kind by the scalar Money.multiply
        tcv = book.tcv
        kinds = self.kind[rows]
        safe = (den[kinds] > 0) & (tcv[rows] < _SAFE // np.maximum(num[kinds], 1))
        safe &= ~book.big[rows]
        self.commission = np.full(n, NAT, np.int64)
        self.commission[rows] = share(tcv[rows], num[kinds], np.where(safe, den[kinds], 1))
        for i in rows[~safe].tolist():
            self.commission[i] = _centavos(self.item(i).commission)
        self._ids: dict[int, str] = {}

    def item(self, i: int) -> SaleCommission:
        """The scalar ``SaleCommission`` of good row *i*, as ``_commissions`` builds it."""
        sale = self.book.sale(i)
        kind = int(self.kind[i])
        c = len(self.campaigns)
        tier = self.book.tiers[int(self.book.partner_codes[i])]
        campaign = self.campaigns[kind] if kind < c else None
        rate = self.rates[kind]
        return SaleCommission(
            sale,
            tier,
            rate,
            RateBasis.TIER if campaign is None else RateBasis.CAMPAIGN,
            sale.contract.tcv.multiply(rate),
            sale.signed_at.astimezone(self.zone).year,
            campaign=campaign,
            campaigns=self.campaigns,
            tier_rule=self.tier_rule,
        )

    def rule_ids(self, i: int) -> str:
        """The rule ids a line's reasons cite, in order, once each (the same for its kind)."""
        kind = int(self.kind[i])
        key = min(kind, len(self.campaigns))
        ids = self._ids.get(key)
        if ids is None:
            cited = [r.rule_id for r in self.item(i).reasons]
            ids = self._ids[key] = ",".join(dict.fromkeys([*cited, _COLLECTION]))
        return ids


class _Lines:
    """The statement lines (sales signed in the period), sorted, and the bad rows no line has."""

    def __init__(self, book: _Sales, rates: _Rates, first_us: int, stop_us: int) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        us = book.signed_us
        inside = (us != NAT) & (us >= first_us) & (us < stop_us)
        placed = inside & ~np.asarray(book.partner.is_null(), np.bool_)
        placed &= ~np.asarray(book.cid.is_null(), np.bool_)
        rows = np.flatnonzero(placed)
        order = pc.sort_indices(
            pa.table(
                {
                    "partner": book.partner.take(pa.array(rows)),
                    "us": us[rows],
                    "cid": book.cid.take(pa.array(rows)),
                }
            ),
            sort_keys=[("partner", "ascending"), ("us", "ascending"), ("cid", "ascending")],
        )
        self.rows = rows[np.asarray(order, np.int64)]  # sales row of each line
        self.extra = [i for i in sorted(book.error) if not placed[i]]
        self.error: dict[int, PartnerRulesError] = {}
        for k, i in enumerate(self.rows.tolist()):
            exc = book.error.get(i)
            if exc is None and not book.good[i]:
                exc = book.tainted[int(book.partner_codes[i])]
            if exc is not None:
                self.error[k] = exc
        self.live = np.ones(len(self.rows), np.bool_)  # lines with a rate and commission
        self.live[list(self.error)] = False
        self.of_row = np.full(book.n + 1, -1, np.int64)  # sales row -> line (index -1: none)
        self.of_row[self.rows] = np.arange(len(self.rows))
        self.rates = rates


class _Invoices:
    """Every invoice of the lines the numpy path answers: owed centavos, void, line.

    A contract with no addenda bills ``monthly`` a month; one that starts
    after the 1st bills a prorated first month and the rest of that month's
    value in a last invoice (``Contract._base_charges``). The proration is
    worked out once per start day and term.
    """

    def __init__(
        self,
        book: _Sales,
        lines: _Lines,
        live: I64,
        cancelled: Mapping[str, dt.date],
        conv: Proration,
    ) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        rows = lines.rows[live]
        start, months = book.start[rows], book.months[rows]
        pair = start * (MAX_TERM_MONTHS + 1) + months
        pairs, which = np.unique(pair, return_inverse=True)
        shapes = np.zeros((len(pairs), 3), np.int64)
        for k, key in enumerate(pairs.tolist()):
            day, term = divmod(key, MAX_TERM_MONTHS + 1)
            shapes[k] = _shape(_DAY0 + dt.timedelta(days=day), term, conv)
        counts, nums, dens = shapes[which, 0], shapes[which, 1], shapes[which, 2]
        self.offsets = np.cumsum(counts) - counts
        self.line = np.repeat(live, counts)
        m = book.monthly[rows]
        owed = np.repeat(m, counts)
        pr = nums > 0
        first = share(m[pr], nums[pr], dens[pr])
        owed[self.offsets[pr]] = first
        owed[self.offsets[pr] + counts[pr] - 1] = m[pr] - first
        self.owed = owed
        self.void = np.zeros(len(owed), np.bool_)
        ids = book.cid.take(pa.array(rows))
        if cancelled:
            keys = pa.array(list(cancelled), pa.string())
            hit = _index_in(ids, keys, len(rows))
            days = list(cancelled.values())
            for j in np.flatnonzero(hit >= 0).tolist():
                on = days[int(hit[j])]
                contract = book.sale(int(rows[j])).contract
                starts = [a for a, _ in _schedule(contract, conv)]
                at = int(self.offsets[j])
                self.void[at : at + len(starts)] = [a >= on for a in starts]
        # The invoice ids, "<contract id>/<number>", built by Arrow (no str per invoice).
        numbers = np.arange(len(owed), dtype=np.int64) - np.repeat(self.offsets, counts) + 1
        owner = np.repeat(np.arange(len(rows), dtype=np.int64), counts)
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
    start, end, tiers, campaigns, tier_rule, tz, conv = _arguments(
        start, end, standard_tiers, plan, None, zone, convention
    )
    cancelled = _cancellations(cancellations)
    s_reader = Reader(sales, "sales")
    p_reader = Reader(payments, "payments")
    p_reader.require(PAYMENTS, "see the payment columns of partnerrules.frame")
    stop = _midnight(end, tz)
    first_us, stop_us = _instant_us(_midnight(start, tz)), _instant_us(stop)

    # -- the sales: arrays, each rate and commission, the lines ------------------------
    book = _Sales(s_reader, tiers, report)
    rates = _Rates(book, campaigns, tier_rule, tz)
    lines = _Lines(book, rates, first_us, stop_us)
    nl = len(lines.rows)
    total = np.where(lines.live, rates.commission[lines.rows], 0)
    whole = np.where(lines.live, book.tcv[lines.rows], 0)
    # Products too large for int64 go to the scalar _payout.
    scalar_line = lines.live & (book.big[lines.rows] | (whole >= _SAFE // np.maximum(total, 1)))
    total = np.where(scalar_line, 0, total)
    whole = np.where(scalar_line, 0, whole)
    live = np.flatnonzero(lines.live & ~scalar_line)
    inv = _Invoices(book, lines, live, cancelled, conv)

    # -- the payments, with numpy -----------------------------------------------------
    n = p_reader.n
    pid_text = p_reader.text_array("payment_id") if n else None
    if pid_text is not None:
        pid_codes = _codes(pid_text)
        pid_count = int(pid_codes.max()) + 1 if n else 0
    elif n:
        pids = p_reader.codes("payment_id")
        pid_codes, pid_count = pids.codes, len(pids)
    else:  # an empty column may have no type to read
        pid_codes, pid_count = np.zeros(0, np.int64), 0
    paid = p_reader.instants("paid_at")
    amount, whole_number = p_reader.integers("amount")
    # Copies: the rows the scalar Payment takes from columns the arrays do not read are
    # written back below.
    amount, paid_us = amount.copy(), paid.us.copy()
    invoice_text = p_reader.text_array("invoice_id")
    bad = p_reader.blank_or_not_text("payment_id") | p_reader.blank_or_not_text("invoice_id")
    bad |= ~whole_number | (amount <= 0) | paid.null | paid.bad
    # Each row's invoice among the lines' (fast path), else its contract by the id's prefix.
    found = _index_in(invoice_text, inv.keys, n)
    line_of = np.append(inv.line, -1)[found]  # found -1 reads the trailing -1
    away = np.flatnonzero(found < 0)
    sale_row = _index_in(_prefix(invoice_text, away), book.cid, len(away))
    known = np.ones(n, np.bool_)
    known[away] = sale_row >= 0
    line_of[away] = lines.of_row[sale_row]  # sale_row -1 reads the trailing -1
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
            taken = _payment(p_reader, i, paid)
        except PartnerRulesError as exc:
            refuse(i, exc)
            continue
        # A column the checks do not read (object datetimes, a categorical id): a good row.
        bad[i] = False
        amount[i] = _centavos(taken.amount)
        paid_us[i] = _instant_us(taken.paid_at)
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
    strange = np.flatnonzero(unique & ~known)
    if len(strange):
        sold = book.cid.filter(pa.array(book.built)).to_pylist()  # as the scalar's `sold`
        for i in strange.tolist():
            raw = p_reader.raw("invoice_id", i)
            bad[i] = True
            refuse(
                i,
                UnknownKeyError(
                    "contract",
                    raw.rpartition("/")[0],
                    sold,
                    hint=f"payment {p_reader.raw('payment_id', i)!r} pays invoice {raw!r}, "
                    "of a contract no sale has",
                ),
            )
    unique &= ~bad
    # Counted: unique payments of a line made before the end of the period.
    counted = unique & (line_of >= 0) & (paid_us < stop_us)
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
    doubt[:nl] &= lines.live
    for k in line_error:
        doubt[k] = False
    collected = np.zeros(nl, np.int64)
    reachable_owed = np.zeros(nl, np.int64)
    if len(live):
        at = inv.offsets
        collected[live] = np.add.reduceat(paid_sum, at)
        reachable_owed[live] = np.add.reduceat(np.where(inv.void, 0, inv.owed), at)
    released = share(total, collected, whole)
    reachable = share(total, reachable_owed, whole)
    pending = reachable - released
    forfeited = total - reachable
    # Lines in doubt: the scalar payout, in signature order, gives the error or the answer.
    doubted_list = sorted(
        np.flatnonzero(doubt[:nl]).tolist(),
        key=lambda k: (int(book.signed_us[lines.rows[k]]), book.cid[int(lines.rows[k])].as_py()),
    )
    for k in doubted_list:
        line = rates.item(int(lines.rows[k]))
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


class _Labels:
    """A text column with few distinct values, as codes."""

    def __init__(self, n: int) -> None:
        self.codes = np.full(n, -1, np.int32)
        self.values: dict[str, int] = {}

    def set(self, i: Any, value: str) -> None:
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
    import pyarrow as pa

    nl = len(lines.rows)
    m = nl + len(lines.extra) + len(extra_payments)
    rate, rule_ids, error_type, error = _Labels(m), _Labels(m), _Labels(m), _Labels(m)
    failed = ~np.concatenate((lines.live, np.zeros(m - nl, np.bool_)))
    for k, exc in (*lines.error.items(), *line_error.items()):
        failed[k] = True
        if error_type.codes[k] < 0:
            error_type.set(k, type(exc).__name__)
            error.set(k, str(exc))
    rows = lines.rows
    good = np.flatnonzero(~failed[:nl])
    kinds = lines.rates.kind[rows[good]]
    for sort in np.unique(kinds).tolist():
        these = good[kinds == sort]
        first = int(rows[these[0]])
        rate.set(these, str(lines.rates.rates[int(sort)]))
        rule_ids.set(these, lines.rates.rule_ids(first))
    extra_rows = np.asarray(lines.extra, np.int64)
    k = nl
    for i in lines.extra:
        exc = book.error[i]
        error_type.set(k, type(exc).__name__)
        error.set(k, str(exc))
        k += 1
    prefixes: list[str | None] = []
    for i, exc in extra_payments:
        raw = p_reader.raw("invoice_id", i)
        prefixes.append(raw.rpartition("/")[0] if isinstance(raw, str) else None)
        error_type.set(k, type(exc).__name__)
        error.set(k, str(exc))
        k += 1
    taken = pa.array(np.concatenate((rows, extra_rows)))
    nobody = pa.nulls(len(extra_payments), pa.string())
    partner = pa.concat_arrays([book.partner.take(taken), nobody])
    contract = pa.concat_arrays([book.cid.take(taken), pa.array(prefixes, pa.string())])
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
        ("error", _strings(kind, None, error)),
    ]
    if kind == "pandas":
        import pandas as pd

        return pd.DataFrame(dict(columns), copy=False)
    return pa.table(dict(columns))


def _strings(kind: str, values: Any, labels: _Labels | None = None) -> Any:
    import pyarrow as pa

    if labels is not None:
        small = labels.codes
        column = pa.DictionaryArray.from_arrays(
            pa.array(small, pa.int32(), mask=small < 0), pa.array(list(labels.values), pa.string())
        ).cast(pa.string())
    else:
        column = values
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
