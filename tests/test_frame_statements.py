"""Columnar commission statements (partnerrules.frame): every line equals the scalar statement.

Rules omid.campaign.first_sale_diamond, omid.tier.by_annual_tcv and
omid.commission.paid_on_collection, over pandas DataFrames and Arrow Tables.
The expected answers come from partnerrules.commission.commission_statements
on the same sales and payments, never from the code under test.
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
    Campaign,
    CampaignPeriod,
    CampaignTrigger,
    CommissionPlan,
    CommissionStatement,
    Payment,
    Sale,
    Tier,
    commission_statements,
)
from partnerrules.contracts import Contract, Proration  # noqa: E402
from partnerrules.errors import (  # noqa: E402
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import Money  # noqa: E402
from partnerrules.policies.omid import FIRST_SALE_DIAMOND  # noqa: E402

SP = ZoneInfo("America/Sao_Paulo")
PARTNERS = ("alfa", "beta", "gama")
TIERS = {
    "alfa": Tier("Reseller", brl(0), Decimal("0.08")),
    "beta": Tier("Advanced", brl(0), Decimal("0.1")),
    "gama": Tier("Premium", brl(0), Decimal("0.125")),
}
START, END = dt.date(2026, 3, 1), dt.date(2026, 7, 1)
AMOUNTS = ("commission", "released", "pending", "forfeited")


def centavos(money: Money) -> int:
    return int(money.amount.scaleb(2))


def moment(days: int, minutes: int) -> dt.datetime:
    """An instant *days* after 2025-12-20 at midnight in São Paulo, plus *minutes*."""
    day = dt.date(2025, 12, 20) + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, tzinfo=SP) + dt.timedelta(minutes=minutes)


@st.composite
def cases(draw: Any, trouble: bool = False) -> dict[str, Any]:
    """Sales before, inside and after the period (and at its edges), and their payments."""
    chosen = draw(settings_of())
    # Midnights where an answer changes: the period's edges, the new year in each zone a
    # campaign or the statement reads it in, and the campaigns' periods.
    edges = [dt.datetime(d.year, d.month, d.day, tzinfo=SP) for d in (START, END)]
    plan = chosen["plan"] or CommissionPlan((FIRST_SALE_DIAMOND,))
    for zone in {chosen["zone"], *(c.tzinfo for c in plan.campaigns)}:
        edges.append(dt.datetime(2026, 1, 1, tzinfo=zone))
    for c in plan.campaigns:
        if c.period is not None:
            edges += [dt.datetime(d.year, d.month, d.day, tzinfo=c.tzinfo)
                      for d in (c.period.start, c.period.end)]  # fmt: skip
    sales = []
    names = draw(st.permutations(range(7)))  # contract ids not in table order
    for k in range(draw(st.integers(1, 7))):
        start = dt.date(
            2026, draw(st.integers(1, 9)), draw(st.sampled_from([1, 1, 15, 31])) % 29 or 1
        )
        contract = Contract(
            f"C-{names[k]}",
            "ACME",
            start,
            draw(st.integers(1, 5)),
            brl(Decimal(draw(st.integers(0, 3_000_000))).scaleb(-2)),
        )
        signed = draw(st.sampled_from(edges)) + dt.timedelta(minutes=draw(st.integers(-1, 0)))
        if draw(st.booleans()):
            signed = moment(draw(st.integers(0, 240)), draw(st.integers(0, 24 * 60 - 1)))
        if sales and draw(st.integers(0, 4)) == 0:
            signed = sales[-1].signed_at  # the same instant: ordered by contract id
        sales.append(
            Sale(draw(st.sampled_from(PARTNERS[: draw(st.integers(1, 3))])), contract, signed)
        )
    cancellations = {}
    for sale in sales:
        if draw(st.integers(0, 3)) == 0:
            c = sale.contract
            cancellations[c.id] = c.start + dt.timedelta(days=draw(st.integers(0, 150)))
    rows: list[dict[str, Any]] = []
    done: set[str] = set()
    for _ in range(draw(st.integers(0, 16))):
        sale = draw(st.sampled_from(sales))
        invoices = sale.contract.invoices(convention=chosen["convention"])
        invoice = draw(st.sampled_from(invoices))
        owed = centavos(invoice.amount)
        on = cancellations.get(sale.contract.id)
        fell = on is not None and invoice.period_start >= on
        if (owed == 0 or fell or invoice.id in done) and not trouble:
            continue
        done.add(invoice.id)
        if owed == 0:
            owed = 1
        # Whole, or split in parts, before or after the end of the period.
        parts = min(owed, draw(st.sampled_from([1, 1, 2, 3])))
        for p in range(parts):
            amount = owed // parts + (owed % parts if p == 0 else 0)
            rows.append(
                {
                    "payment_id": f"P-{len(rows)}",
                    "invoice_id": invoice.id,
                    "amount": amount,
                    "paid_at": moment(draw(st.integers(0, 300)), draw(st.integers(0, 3))),
                }
            )
        if trouble and rows:
            kind = draw(st.integers(0, 12))
            if kind == 0:
                rows[-1]["amount"] += 1  # more than owed
            elif kind == 1:
                rows[-1]["invoice_id"] = f"{sale.contract.id}/99"  # no such invoice
        if rows and draw(st.integers(0, 6)) == 0:
            rows.append(dict(rows[-1]))  # an exact replay, ignored
    return {"sales": sales, "rows": rows, "cancellations": cancellations, **chosen}


@st.composite
def campaigns(draw: Any, k: int) -> Campaign:
    """A caller's campaign: either trigger, any zone, with or without a period."""
    period = None
    if draw(st.booleans()):
        first = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 200)))
        period = CampaignPeriod(first, first + dt.timedelta(days=draw(st.integers(1, 120))))
    return Campaign(
        f"acme.campaign.c{k}",
        draw(st.sampled_from(list(CampaignTrigger))),
        Decimal(draw(st.sampled_from(["0.14", "0.2", "0.0333", "0.333333"]))),
        name=f"C{k}",
        tier="Launch Partner",
        zone=draw(st.sampled_from(["America/Sao_Paulo", "America/Manaus", "UTC", "Asia/Tokyo"])),
        period=period,
    )


@st.composite
def settings_of(draw: Any) -> dict[str, Any]:
    """The plan (the Omid pack's, or a caller's of 0-2 campaigns), zone and proration."""
    plan = None
    if draw(st.booleans()):
        count = draw(st.integers(0, 2))
        plan = CommissionPlan(tuple(draw(campaigns(k)) for k in range(count)))
    zone = draw(st.sampled_from([SP, SP, ZoneInfo("UTC"), ZoneInfo("Asia/Tokyo")]))
    return {"plan": plan, "zone": zone, "convention": draw(st.sampled_from(list(Proration)))}


def sales_table(sales: list[Sale], kind: str = "pandas") -> Any:
    df = pd.DataFrame(
        {
            "partner": [s.partner for s in sales],
            "contract_id": [s.contract.id for s in sales],
            "customer": [s.contract.customer for s in sales],
            "start": [s.contract.start for s in sales],
            "months": pd.Series([s.contract.months for s in sales], dtype="int64"),
            "monthly": pd.Series([centavos(s.contract.monthly) for s in sales], dtype="int64"),
            "signed_at": pd.Series(
                pd.to_datetime([s.signed_at for s in sales], utc=True),
                dtype=pd.DatetimeTZDtype("us", "UTC"),
            ).dt.tz_convert("America/Sao_Paulo"),
        }
    )
    return pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df


def payments_table(rows: list[dict[str, Any]], kind: str = "pandas") -> Any:
    df = pd.DataFrame(
        {
            "payment_id": pd.Series([r["payment_id"] for r in rows], dtype=object),
            "invoice_id": pd.Series([r["invoice_id"] for r in rows], dtype=object),
            "amount": pd.Series([r["amount"] for r in rows], dtype="int64"),
            "paid_at": pd.Series(
                pd.to_datetime([r["paid_at"] for r in rows], utc=True),
                dtype=pd.DatetimeTZDtype("us", "UTC"),
            ),
        }
    )
    return pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df


def payments_of(rows: list[dict[str, Any]]) -> list[Payment]:
    return [
        Payment(
            r["payment_id"],
            r["invoice_id"],
            Money(Decimal(r["amount"]).scaleb(-2), "BRL"),
            r["paid_at"],
        )
        for r in rows
    ]


def records(result: Any, kind: str) -> list[dict[str, Any]]:
    got = result.to_pylist() if kind == "arrow" else result.astype(object).to_dict("records")
    return [
        {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in r.items()}
        for r in got
    ]


def scalar_rows(statements: tuple[CommissionStatement, ...]) -> list[dict[str, Any]]:
    """The scalar statements as the expected result rows."""
    return [
        {
            "partner": s.partner,
            "contract_id": line.sale.contract.id,
            "rate": str(line.rate),
            "commission": centavos(line.commission),
            "released": centavos(line.released),
            "pending": centavos(line.pending),
            "forfeited": centavos(line.forfeited),
            "rule_ids": ",".join(dict.fromkeys(r.rule_id for r in line.reasons)),
            "error_type": None,
            "error": None,
        }
        for s in statements
        for line in s.lines
    ]


def run(case: dict[str, Any], kind: str, errors: str = "raise") -> list[dict[str, Any]]:
    result = frame.commission_statements(
        sales_table(case["sales"], kind),
        payments_table(case["rows"], kind),
        start=START,
        end=END,
        standard_tiers=TIERS,
        cancellations=case["cancellations"],
        plan=case.get("plan"),
        zone=case.get("zone", SP),
        convention=case.get("convention", "actual/actual"),
        errors=errors,
    )
    assert isinstance(result, pa.Table if kind == "arrow" else pd.DataFrame)
    return records(result, kind)


def scalar(case: dict[str, Any], rows: list[dict[str, Any]] | None = None) -> Any:
    return commission_statements(
        case["sales"],
        payments_of(case["rows"] if rows is None else rows),
        start=START,
        end=END,
        standard_tiers=TIERS,
        cancellations=case["cancellations"],
        plan=case.get("plan"),
        zone=case.get("zone", SP),
        convention=case.get("convention", "actual/actual"),
    )


@settings(max_examples=150, deadline=None)
@given(case=cases(), kind=st.sampled_from(["pandas", "arrow"]))
def test_every_line_equals_the_scalar_statement_line(case: dict[str, Any], kind: str) -> None:
    """omid.commission.paid_on_collection: centavos, rate text, rule ids and order match."""
    statements = scalar(case)
    got = run(case, kind)
    assert got == scalar_rows(statements)
    # A partner's totals are a groupby of its lines, and equal the scalar statement's.
    for statement in statements:
        mine = [r for r in got if r["partner"] == statement.partner]
        for name in AMOUNTS:
            assert sum(r[name] for r in mine) == centavos(getattr(statement, name)), name


def alone(case: dict[str, Any], rows: list[dict[str, Any]], cid: str) -> dict[str, Any]:
    """The scalar line of contract *cid* given only its payments *rows*, or its error."""
    try:
        lines = scalar_rows(scalar(case, rows))
    except PartnerRulesError as exc:
        failed = dict.fromkeys(("rate", "rule_ids", *AMOUNTS))
        (partner,) = {s.partner for s in case["sales"] if s.contract.id == cid}
        return {
            "partner": partner,
            "contract_id": cid,
            **failed,
            "error_type": type(exc).__name__,
            "error": str(exc),
        }
    return next(r for r in lines if r["contract_id"] == cid)


@settings(max_examples=150, deadline=None)
@given(case=cases(trouble=True))
def test_a_line_with_a_bad_payment_reports_the_scalar_error(case: dict[str, Any]) -> None:
    """Overpaid and unknown invoices: each line is the scalar line or the scalar's error."""
    try:
        scalar(case)
        whole: PartnerRulesError | None = None
    except PartnerRulesError as exc:
        whole = exc
    if whole is None:
        assert run(case, "pandas") == scalar_rows(scalar(case))
    else:
        with pytest.raises(type(whole)) as caught:
            run(case, "pandas")
        assert str(caught.value) == str(whole)
    got = run(case, "pandas", errors="report")
    good = [r for r in got if r["error_type"] is None]
    for row in got:
        cid = row["contract_id"]
        mine = [r for r in case["rows"] if r["invoice_id"].rpartition("/")[0] == cid]
        assert row == alone(case, mine, cid)
    assert len(got) == sum(len(s.lines) for s in scalar(case, []))
    assert len(good) <= len(got)


def two_sales(beta: Contract, invoice: str, amount: int) -> dict[str, Any]:
    """Beta's sale of *beta* (paid *amount* on *invoice*) and alfa's of C-1 (paid R$ 100)."""
    return {
        "sales": [
            Sale("beta", beta, dt.datetime(2026, 3, 2, 9, tzinfo=SP)),
            Sale(
                "alfa",
                Contract("C-1", "ACME", dt.date(2026, 4, 1), 2, brl("100")),
                dt.datetime(2026, 4, 2, 9, tzinfo=SP),
            ),
        ],
        "rows": [
            {"payment_id": "P-1", "invoice_id": invoice, "amount": amount,
             "paid_at": dt.datetime(2026, 4, 1, tzinfo=SP)},
            {"payment_id": "P-2", "invoice_id": "C-1/1", "amount": 10_000,
             "paid_at": dt.datetime(2026, 4, 20, tzinfo=SP)},
        ],
        "cancellations": {},
    }  # fmt: skip


def test_arrow_and_pandas_give_the_same_lines() -> None:
    case = two_sales(
        Contract("C-2", "ACME", dt.date(2026, 3, 15), 3, brl("999.99")), "C-2/1", 50_000
    )
    assert run(case, "arrow") == run(case, "pandas") == scalar_rows(scalar(case))


@pytest.mark.rule("omid.campaign.first_sale_diamond")
@pytest.mark.rule("omid.commission.paid_on_collection")
def test_the_first_sale_of_the_year_earns_diamond_and_releases_on_collection() -> None:
    """A first sale of 2026 (16%) signed before the period still takes the campaign."""
    sales = [
        Sale(
            "alfa",
            Contract("C-0", "ACME", dt.date(2026, 1, 1), 12, brl("1000")),
            dt.datetime(2026, 1, 10, tzinfo=SP),
        ),  # before the period: not a line
        Sale(
            "alfa",
            Contract("C-1", "ACME", dt.date(2026, 3, 1), 12, brl("10000")),
            dt.datetime(2026, 3, 5, tzinfo=SP),
        ),
        Sale(
            "beta",
            Contract("C-2", "ACME", dt.date(2026, 3, 1), 12, brl("10000")),
            dt.datetime(2026, 3, 6, tzinfo=SP),
        ),
    ]
    rows = [
        {
            "payment_id": "P-1",
            "invoice_id": "C-1/1",
            "amount": 1_000_000,
            "paid_at": dt.datetime(2026, 3, 10, tzinfo=SP),
        },
        {
            "payment_id": "P-2",
            "invoice_id": "C-2/1",
            "amount": 1_000_000,
            "paid_at": dt.datetime(2026, 3, 10, tzinfo=SP),
        },
        {
            "payment_id": "P-3",
            "invoice_id": "C-2/2",
            "amount": 1_000_000,
            "paid_at": dt.datetime(2026, 7, 1, tzinfo=SP),
        },  # at the end: not counted
    ]
    got = run({"sales": sales, "rows": rows, "cancellations": {}}, "pandas")
    assert [r["contract_id"] for r in got] == ["C-1", "C-2"]
    # alfa's first sale of 2026 was C-0: C-1 is at the tier's 8%; beta's first is C-2: 16%.
    assert [r["rate"] for r in got] == ["0.08", "0.16"]
    assert got[0]["rule_ids"] == "omid.tier.by_annual_tcv,omid.commission.paid_on_collection"
    assert got[1]["rule_ids"] == (
        "omid.campaign.first_sale_diamond,omid.commission.paid_on_collection"
    )
    # 12 x R$ 10.000 = R$ 120.000; one month of 12 paid: 1/12 of the commission.
    assert [r["commission"] for r in got] == [960_000, 1_920_000]
    assert [r["released"] for r in got] == [80_000, 160_000]
    assert [r["pending"] for r in got] == [880_000, 1_760_000]


def as_kind(df: Any, kind: str) -> Any:
    return pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df


def bad_case() -> tuple[Any, Any]:
    sales = sales_table(
        [
            Sale(
                "alfa",
                Contract("C-1", "ACME", dt.date(2026, 3, 1), 2, brl("100")),
                dt.datetime(2026, 3, 2, tzinfo=SP),
            ),
            Sale(
                "alfa",
                Contract("C-2", "ACME", dt.date(2026, 3, 1), 2, brl("100")),
                dt.datetime(2026, 3, 3, tzinfo=SP),
            ),
            Sale(
                "beta",
                Contract("C-3", "ACME", dt.date(2026, 3, 1), 2, brl("100")),
                dt.datetime(2026, 3, 4, tzinfo=SP),
            ),
        ]
    )
    sales.loc[1, "months"] = 0  # the scalar Contract refuses it
    payments = payments_table(
        [
            {
                "payment_id": "P-1",
                "invoice_id": "C-3/1",
                "amount": 10_000,
                "paid_at": dt.datetime(2026, 3, 10, tzinfo=SP),
            },
        ]
    )
    return sales, payments


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_a_bad_sales_row_raises_the_scalar_error_with_its_row(kind: str) -> None:
    sales, payments = (as_kind(t, kind) for t in bad_case())
    with pytest.raises(PartnerRulesError) as want:
        Contract("C-2", "ACME", dt.date(2026, 3, 1), 0, brl("100"))
    with pytest.raises(type(want.value)) as caught:
        frame.commission_statements(sales, payments, start=START, end=END, standard_tiers=TIERS)
    assert str(caught.value) == str(want.value)
    assert caught.value.__notes__ == ["in row 1 of the sales (contract 'C-2')"]
    report = records(
        frame.commission_statements(
            sales, payments, start=START, end=END, standard_tiers=TIERS, errors="report"
        ),
        kind,
    )
    # alfa's lines report the bad row (which sale is its first of 2026 is unknown);
    # beta's line is answered.
    assert [r["contract_id"] for r in report] == ["C-1", "C-2", "C-3"]
    assert [r["error"] for r in report[:2]] == [str(want.value)] * 2
    assert report[0]["released"] is None
    assert report[2]["error_type"] is None
    assert report[2]["released"] == 1_600  # 16% of the R$ 100 paid


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_a_payment_of_an_unknown_contract_raises_and_reports_the_scalar_error(kind: str) -> None:
    sales, payments = bad_case()
    sales = sales.drop(index=1).reset_index(drop=True)
    payments.loc[0, "invoice_id"] = "C-9/1"
    scalar_sales = [
        Sale(
            r.partner,
            Contract(
                r.contract_id,
                r.customer,
                r.start,
                r.months,
                Money(Decimal(r.monthly).scaleb(-2), "BRL"),
            ),
            r.signed_at.to_pydatetime(),
        )
        for r in sales.itertuples()
    ]
    with pytest.raises(UnknownKeyError) as want:
        commission_statements(
            scalar_sales,
            [Payment("P-1", "C-9/1", brl("100"), dt.datetime(2026, 3, 10, tzinfo=SP))],
            start=START,
            end=END,
            standard_tiers=TIERS,
        )
    sales, payments = as_kind(sales, kind), as_kind(payments, kind)
    with pytest.raises(UnknownKeyError) as caught:
        frame.commission_statements(sales, payments, start=START, end=END, standard_tiers=TIERS)
    assert str(caught.value) == str(want.value)
    assert caught.value.__notes__ == ["in row 0 of the payments"]
    report = records(
        frame.commission_statements(
            sales, payments, start=START, end=END, standard_tiers=TIERS, errors="report"
        ),
        kind,
    )
    assert [r["contract_id"] for r in report] == ["C-1", "C-3", "C-9"]
    assert [r["error_type"] for r in report] == [None, None, "UnknownKeyError"]
    assert report[2]["error"] == str(want.value)


def test_a_partner_without_a_tier_and_a_reused_payment_id() -> None:
    sales, payments = bad_case()
    sales.loc[1, "months"] = 2
    with pytest.raises(UnknownKeyError, match="beta"):
        frame.commission_statements(
            sales, payments, start=START, end=END, standard_tiers={"alfa": TIERS["alfa"]}
        )
    twice = pd.concat([payments, payments.assign(amount=5_000)], ignore_index=True)
    with pytest.raises(InvalidValueError) as caught:
        frame.commission_statements(sales, twice, start=START, end=END, standard_tiers=TIERS)
    assert "payment id 'P-1' was already used" in str(caught.value)
    assert caught.value.__notes__ == ["in row 1 of the payments"]
    same = pd.concat([payments, payments], ignore_index=True)  # an exact replay: ignored
    replayed = frame.commission_statements(sales, same, start=START, end=END, standard_tiers=TIERS)
    assert replayed["released"].tolist() == [0, 0, 1_600]


def test_the_arguments_are_checked_as_the_scalar_checks_them() -> None:
    sales, payments = bad_case()
    with pytest.raises(InvalidValueError, match="after start"):
        frame.commission_statements(sales, payments, start=END, end=START, standard_tiers=TIERS)
    with pytest.raises(InvalidValueError, match="signed_at"):
        frame.commission_statements(
            sales.drop(columns="signed_at"), payments, start=START, end=END, standard_tiers=TIERS
        )
    with pytest.raises(InvalidValueError, match="errors"):
        frame.commission_statements(
            sales, payments, start=START, end=END, standard_tiers=TIERS, errors="ignore"
        )


def test_unusual_columns_and_huge_amounts_give_the_scalar_answers() -> None:
    """Categorical partners, datetime64 starts, object columns and R$ 400 trillion a month."""
    big = Contract("C-2", "ACME", dt.date(2026, 3, 10), 2, brl("400000000000000"))
    case = two_sales(big, "C-2/2", 40_000_000_000_000_000)
    sales = sales_table(case["sales"])
    sales["partner"] = sales["partner"].astype("category")
    sales["start"] = pd.to_datetime(sales["start"])
    sales["months"] = sales["months"].astype(object)
    sales["signed_at"] = pd.Series([s.signed_at for s in case["sales"]], dtype=object)
    payments = payments_table(case["rows"])
    payments["paid_at"] = pd.Series([r["paid_at"] for r in case["rows"]], dtype=object)
    payments["amount"] = payments["amount"].astype(object)
    payments.loc[2] = ["P-3", "C-1/2", 10_000, dt.datetime(2026, 7, 1, tzinfo=SP)]  # at the end
    case["rows"].append(dict(zip(payments.columns, payments.loc[2], strict=True)))
    got = frame.commission_statements(sales, payments, start=START, end=END, standard_tiers=TIERS)
    assert records(got, "pandas") == scalar_rows(scalar(case))
    assert got["released"].dtype == "Int64"


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_a_contract_sold_twice_is_the_scalar_error_on_the_later_row(kind: str) -> None:
    sales, payments = bad_case()
    sales.loc[1, "months"] = 2
    sales.loc[2, "contract_id"] = "C-1"  # beta sells alfa's contract again
    objects = [
        Sale(r.partner, Contract(r.contract_id, r.customer, r.start, r.months,
                                 Money(Decimal(r.monthly).scaleb(-2), "BRL")),
             r.signed_at.to_pydatetime())
        for r in sales.itertuples()
    ]  # fmt: skip
    with pytest.raises(InvalidValueError) as want:
        commission_statements(objects, [], start=START, end=END, standard_tiers=TIERS)
    sales, payments = as_kind(sales, kind), as_kind(payments.iloc[:0], kind)
    with pytest.raises(InvalidValueError) as caught:
        frame.commission_statements(sales, payments, start=START, end=END, standard_tiers=TIERS)
    assert str(caught.value) == str(want.value)
    assert caught.value.__notes__ == ["in row 2 of the sales (contract 'C-1')"]
    report = records(
        frame.commission_statements(
            sales, payments, start=START, end=END, standard_tiers=TIERS, errors="report"
        ),
        kind,
    )
    # alfa's lines stand; beta's row is refused, and so is every line of beta.
    assert [(r["partner"], r["contract_id"], r["error"]) for r in report] == [
        ("alfa", "C-1", None),
        ("alfa", "C-2", None),
        ("beta", "C-1", str(want.value)),
    ]
