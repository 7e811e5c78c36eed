"""Columnar commission on collection (partnerrules.frame): every row equals the scalar answer.

Rule omid.commission.paid_on_collection, over pandas DataFrames and Arrow Tables.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from partnerrules import brl, frame  # noqa: E402
from partnerrules.commission import (  # noqa: E402
    Payment,
    Sale,
    Tier,
    release_commission,
    sale_commissions,
)
from partnerrules.contracts import Contract, add_addendum  # noqa: E402
from partnerrules.errors import PartnerRulesError, UnknownKeyError  # noqa: E402
from partnerrules.money import Money  # noqa: E402

UTC = dt.UTC
SP = dt.timezone(dt.timedelta(hours=-3))
TIER = Tier("Reseller", brl(0), Decimal("0.08"))
NAT = -(1 << 63)


@st.composite
def cases(draw: Any) -> dict[str, Any]:
    count = draw(st.integers(1, 3))
    contracts = []
    for k in range(count):
        start = dt.date(
            2026, draw(st.integers(1, 12)), draw(st.sampled_from([1, 1, 10, 31])) % 29 or 1
        )
        monthly = Decimal(draw(st.integers(1, 5_000_000))).scaleb(-2)
        c = Contract(f"C-{k}", "ACME", start, draw(st.integers(1, 6)), brl(monthly))
        if c.months > 1 and draw(st.booleans()):  # a service added mid-term, billed with it
            day = c.start + dt.timedelta(days=draw(st.integers(1, 28 * (c.months - 1))))
            price = brl(Decimal(draw(st.integers(1, 900_000))).scaleb(-2))
            c = add_addendum(c, "backup", list_price=price, start=day).contract
        contracts.append(c)
    sales = [
        Sale("alfa", c, dt.datetime(2026, 1, 1, tzinfo=UTC) + dt.timedelta(days=3 * k))
        for k, c in enumerate(contracts)
    ]
    lines = sale_commissions(sales, standard_tiers={"alfa": TIER})
    cancelled = {}
    for c in contracts:
        if draw(st.integers(0, 3)) == 0:
            cancelled[c.id] = c.start + dt.timedelta(days=draw(st.integers(0, 200)))
    rows = []
    for _ in range(draw(st.integers(0, 14))):
        c = draw(st.sampled_from(contracts))
        invoices = c.invoices()
        inv = draw(st.sampled_from(invoices))
        owed = int(inv.amount.amount.scaleb(2))
        amount = draw(st.sampled_from([owed, owed, max(1, owed // 2), max(1, owed // 3)]))
        row = {
            "payment_id": f"P-{draw(st.integers(0, 9))}",
            "contract_id": c.id,
            "invoice_id": inv.id,
            "amount": amount,
            "paid_at": dt.datetime(2026, 1, 1, tzinfo=UTC)
            + dt.timedelta(hours=240 * draw(st.integers(0, 40))),  # ties: order by id
        }
        trouble = draw(st.integers(0, 40))
        if trouble == 0:
            row["amount"] = owed + 1  # more than owed
        elif trouble == 1:
            row["invoice_id"] = f"{c.id}/99"  # no such invoice
        elif trouble == 2:
            row["contract_id"] = "C-9"  # no commission given
        elif trouble == 3:
            row["amount"] = 0
        elif trouble == 4 and rows:
            row = dict(rows[-1])  # an exact replay
        rows.append(row)
    as_of = draw(
        st.one_of(
            st.none(),
            st.integers(0, 24 * 400).map(
                lambda h: dt.datetime(2026, 1, 1, tzinfo=UTC) + dt.timedelta(hours=h)
            ),
        )
    )
    return {"lines": lines, "rows": rows, "cancelled": cancelled, "as_of": as_of}


def table_of(rows: list[dict[str, Any]], kind: str) -> Any:
    df = pd.DataFrame(
        {
            "payment_id": pd.Series([r["payment_id"] for r in rows], dtype=object),
            "contract_id": pd.Series([r["contract_id"] for r in rows], dtype=object),
            "invoice_id": pd.Series([r["invoice_id"] for r in rows], dtype=object),
            "amount": pd.Series([r["amount"] for r in rows], dtype="int64"),
            "paid_at": pd.Series(
                pd.to_datetime([r["paid_at"] for r in rows], utc=True),
                dtype=pd.DatetimeTZDtype("us", "UTC"),
            ).dt.tz_convert("America/Sao_Paulo"),
        }
    )
    return pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df


def expected(case: dict[str, Any]) -> list[dict[str, Any]]:
    rows, lines = case["rows"], {line.sale.contract.id: line for line in case["lines"]}
    want: list[dict[str, Any]] = [{} for _ in rows]
    for cid in dict.fromkeys(r["contract_id"] for r in rows):
        mine = [i for i, r in enumerate(rows) if r["contract_id"] == cid]
        if cid not in lines:
            for i in mine:
                want[i] = {"error_type": "UnknownKeyError"}
            continue
        try:
            payments = [
                Payment(
                    rows[i]["payment_id"],
                    rows[i]["invoice_id"],
                    Money(Decimal(rows[i]["amount"]).scaleb(-2), "BRL"),
                    rows[i]["paid_at"].astimezone(ZoneInfo("America/Sao_Paulo")),
                )
                for i in mine
            ]
            payout = release_commission(
                lines[cid], payments, cancelled_on=case["cancelled"].get(cid), as_of=case["as_of"]
            )
        except PartnerRulesError as exc:
            for i in mine:
                want[i] = {"error_type": type(exc).__name__, "error": str(exc)}
            continue
        total, done = 0, {}
        for r in payout.releases:
            total += int(r.amount.amount.scaleb(2))
            done[r.payment_id] = (int(r.amount.amount.scaleb(2)), total)
        seen: set[str] = set()
        for i in mine:
            pid = rows[i]["payment_id"]
            replay = pid in seen
            seen.add(pid)
            released, running = done.get(pid, (None, None)) if not replay else (None, None)
            want[i] = {
                "error_type": None,
                "replayed": replay,
                "counted": released is not None,
                "released": released,
                "released_total": running,
            }
    return want


@settings(max_examples=200)
@given(case=cases(), kind=st.sampled_from(["pandas", "arrow"]))
def test_every_release_row_equals_the_scalar_release(case: dict[str, Any], kind: str) -> None:
    """omid.commission.paid_on_collection: centavos, order, replays and errors match."""
    if not case["rows"]:
        return
    result = frame.commission_releases(
        table_of(case["rows"], kind),
        case["lines"],
        cancelled=case["cancelled"],
        as_of=case["as_of"],
        errors="report",
    )
    got = result.to_pylist() if kind == "arrow" else result.astype(object).to_dict("records")
    for i, want in enumerate(expected(case)):
        row = {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v)
               for k, v in got[i].items()}  # fmt: skip
        for key, value in want.items():
            assert row[key] == value, (i, key, row, want)


@pytest.mark.rule("omid.commission.paid_on_collection")
def test_a_fully_paid_contract_releases_its_commission_to_the_centavo() -> None:
    """omid.commission.paid_on_collection: a first sale (16%) of 12 x R$ 10.000 releases R$ 19.200."""
    contract = Contract("C-1", "ACME", dt.date(2026, 2, 1), 12, brl("10000"))
    (line,) = sale_commissions(
        [Sale("alfa", contract, dt.datetime(2026, 1, 20, tzinfo=SP))], standard_tiers={"alfa": TIER}
    )
    invoices = contract.invoices()
    df = pd.DataFrame(
        {
            "payment_id": [f"P-{k}" for k in range(12)],
            "contract_id": "C-1",
            "invoice_id": [inv.id for inv in invoices],
            "amount": [int(inv.amount.amount.scaleb(2)) for inv in invoices],
            "paid_at": pd.date_range("2026-02-10", periods=12, freq="30D", tz="UTC"),
        }
    )
    got = frame.commission_releases(df, [line])
    assert got["released"].tolist() == [160_000] * 12
    assert got["released_total"].iloc[-1] == 1_920_000
    assert got["released"].dtype == "Int64"


def test_a_bad_payment_raises_the_scalar_error_for_its_contract() -> None:
    contract = Contract("C-1", "ACME", dt.date(2026, 2, 1), 2, brl("100"))
    (line,) = sale_commissions(
        [Sale("alfa", contract, dt.datetime(2026, 1, 20, tzinfo=SP))], standard_tiers={"alfa": TIER}
    )
    df = pd.DataFrame(
        {
            "payment_id": ["P-1", "P-2"],
            "contract_id": ["C-1", "C-2"],
            "invoice_id": ["C-1/1", "C-2/1"],
            "amount": [10_000, 10_000],
            "paid_at": pd.to_datetime(["2026-02-10", "2026-02-11"], utc=True),
        }
    )
    with pytest.raises(UnknownKeyError) as caught:
        frame.commission_releases(df, [line])
    assert caught.value.__notes__ == ["in row 1 of the payments"]
    report = frame.commission_releases(df, [line], errors="report")
    assert report["released"].tolist()[0] == 1_600
    assert report["error_type"].tolist()[1] == "UnknownKeyError"


def test_an_empty_arrow_table_of_null_columns_gives_an_empty_result() -> None:
    # pyarrow types the empty object columns of a DataFrame as null.
    empty = pa.Table.from_pandas(
        pd.DataFrame({name: pd.Series([], dtype=object) for name in
                      ("payment_id", "contract_id", "invoice_id", "amount", "paid_at")}),
        preserve_index=False,
    )  # fmt: skip
    assert empty.schema.field("payment_id").type == pa.null()
    got = frame.commission_releases(empty, [])
    assert got.num_rows == 0
    assert "released" in got.column_names


@pytest.mark.parametrize(
    "monthly", ["10000000000000.00", "10000000000000.01", "123456789012345.67"]
)
def test_contracts_around_the_int64_layout_bound_release_the_scalar_centavos(
    monthly: str,
) -> None:
    """omid.commission.paid_on_collection: a monthly value of R$ 10 trillion and more.

    Up to 10**15 centavos a month the invoices are laid out with numpy; past
    it, with the contract's own schedule: both give the scalar answer.
    """
    sale = Sale(
        "alfa",
        Contract("C-9", "ACME", dt.date(2026, 1, 15), 3, Money(Decimal(monthly), "BRL")),
        dt.datetime(2026, 1, 10, tzinfo=dt.UTC),
    )
    (line,) = sale_commissions([sale], standard_tiers={"alfa": Tier("Reseller", brl(0), "0.08")})
    invoices = sale.contract.invoices()
    rows = [
        {
            "payment_id": f"P-{k}",
            "contract_id": "C-9",
            "invoice_id": inv.id,
            "amount": inv.amount.minor_units,
            "paid_at": dt.datetime(2026, 1 + k, 20, tzinfo=dt.UTC),
        }
        for k, inv in enumerate(invoices)
    ]
    case = {"rows": rows, "lines": (line,), "cancelled": {}, "as_of": None}
    got = frame.commission_releases(table_of(rows, "pandas"), [line], errors="report")
    assert got["released"].tolist() == [w["released"] for w in expected(case)]
    assert int(got["released"].sum()) == line.commission.minor_units
