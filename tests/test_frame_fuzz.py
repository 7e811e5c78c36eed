"""Columnar functions (partnerrules.frame) given columns of any type: typed errors only.

Whatever types a caller's columns have (all null, numbers where text is
expected, naive timestamps, categoricals, booleans, floats with NaN, empty
tables), each function returns a result table or raises a
``PartnerRulesError``: never an exception of numpy, pandas or pyarrow.
Rules zoho.sla.matrix, omid.commission.paid_on_collection and
mcs.deal.protection run on whatever rows survive.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from partnerrules import brl, frame  # noqa: E402
from partnerrules.commission import Tier  # noqa: E402
from partnerrules.errors import PartnerRulesError  # noqa: E402

UTC = dt.UTC
AT = dt.datetime(2026, 11, 24, 12, tzinfo=UTC)


def column(kind: str, n: int) -> Any:
    """A column of *n* values of one kind, as a pandas Series."""
    stamps = pd.date_range("2026-11-20 09:00", periods=max(n, 1), freq="7h")[:n]
    if kind == "null":
        return pd.Series([None] * n, dtype=object)
    if kind == "int":
        return pd.Series(np.arange(n) % 4, dtype="int64")
    if kind == "float":
        return pd.Series([1.5, float("nan"), 3.0, -2.0][: max(n, 0)] * (n // 4 + 1), dtype=float)[
            :n
        ]
    if kind == "bool":
        return pd.Series([True, False] * (n // 2 + 1))[:n]
    if kind == "text":
        return pd.Series(["T-1", " ", "slowness", "BR", "Premium"] * (n // 5 + 1))[:n]
    if kind == "category":
        return pd.Series(["1", "downtime", "", "alfa"] * (n // 4 + 1), dtype="category")[:n]
    if kind == "naive":
        return pd.Series(stamps)
    if kind == "aware":
        return pd.Series(stamps.tz_localize("America/Sao_Paulo"))
    if kind == "date":
        return pd.Series([d.date() for d in stamps], dtype=object)
    raise AssertionError(kind)


KINDS = ["null", "int", "float", "bool", "text", "category", "naive", "aware", "date"]

SLA = ("id", "opened_at", "severity", "category", "level", "country",
       "first_response_at", "paused_at", "resumed_at")  # fmt: skip
PAYMENTS = ("payment_id", "contract_id", "invoice_id", "amount", "paid_at")
DEALS = ("deal_id", "partner", "bdm", "registered_at", "last_update_at")
SALES = ("partner", "contract_id", "customer", "start", "months", "monthly", "signed_at")


@st.composite
def tables(draw: Any, names: tuple[str, ...]) -> Any:
    n = draw(st.integers(0, 6))
    df = pd.DataFrame({name: column(draw(st.sampled_from(KINDS)), n) for name in names})
    if draw(st.booleans()):
        return pa.Table.from_pandas(df, preserve_index=False)
    return df


def typed_or_result(call: Any) -> None:
    with contextlib.suppress(PartnerRulesError):
        call()


@settings(max_examples=150)
@given(table=tables(SLA), errors=st.sampled_from(["raise", "report"]))
def test_sla_columns_of_any_type_give_a_result_or_a_typed_error(table: Any, errors: str) -> None:
    """zoho.sla.matrix: the ticket columns, any type."""
    typed_or_result(lambda: frame.sla_deadlines(table, errors=errors))  # type: ignore[arg-type]
    typed_or_result(lambda: frame.sla_status(table, AT, errors=errors))  # type: ignore[arg-type]


@settings(max_examples=100)
@given(
    table=tables(SLA[:6]),
    events=tables(("id", "event", "at")),
    errors=st.sampled_from(["raise", "report"]),
)
def test_event_columns_of_any_type_give_a_result_or_a_typed_error(
    table: Any, events: Any, errors: str
) -> None:
    """zoho.sla.matrix: the events table, any type."""
    if isinstance(table, pa.Table) != isinstance(events, pa.Table):
        events = (
            events.to_pandas()
            if isinstance(events, pa.Table)
            else pa.Table.from_pandas(events, preserve_index=False)
        )
    typed_or_result(lambda: frame.sla_status(table, AT, events=events, errors=errors))  # type: ignore[arg-type]


@settings(max_examples=100)
@given(table=tables(PAYMENTS), errors=st.sampled_from(["raise", "report"]))
def test_payment_columns_of_any_type_give_a_result_or_a_typed_error(
    table: Any, errors: str
) -> None:
    """omid.commission.paid_on_collection: the payment columns, any type."""
    typed_or_result(lambda: frame.commission_releases(table, [], errors=errors))  # type: ignore[arg-type]


@settings(max_examples=100)
@given(
    sales=tables(SALES),
    payments=tables(PAYMENTS[:1] + PAYMENTS[2:]),
    errors=st.sampled_from(["raise", "report"]),
)
def test_sales_columns_of_any_type_give_a_result_or_a_typed_error(
    sales: Any, payments: Any, errors: str
) -> None:
    """omid.commission.paid_on_collection: the sales and payment columns, any type."""
    if isinstance(sales, pa.Table) != isinstance(payments, pa.Table):
        payments = payments.to_pandas() if isinstance(payments, pa.Table) else (
            pa.Table.from_pandas(payments, preserve_index=False)
        )  # fmt: skip
    tiers = {"alfa": Tier("Reseller", brl(0), "0.08")}
    typed_or_result(
        lambda: frame.commission_statements(
            sales, payments, start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1),
            standard_tiers=tiers, errors=errors,  # type: ignore[arg-type]
        )
    )  # fmt: skip


@settings(max_examples=100)
@given(table=tables(DEALS), errors=st.sampled_from(["raise", "report"]))
def test_deal_columns_of_any_type_give_a_result_or_a_typed_error(table: Any, errors: str) -> None:
    """mcs.deal.protection: the registration columns, any type."""
    typed_or_result(lambda: frame.protection_status(table, AT, errors=errors))  # type: ignore[arg-type]
