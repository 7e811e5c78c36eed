"""Columnar deal protection (partnerrules.frame): every row equals the scalar answer.

Rule mcs.deal.protection, over pandas DataFrames and Arrow Tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from partnerrules import frame  # noqa: E402
from partnerrules.deals import DealRegistration, protection_status  # noqa: E402
from partnerrules.errors import PartnerRulesError  # noqa: E402
from partnerrules.identity import Customer  # noqa: E402

UTC = dt.UTC
NAT = -(1 << 63)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
# Month ends, and wall times a few months before the DST changes of New York and Lisbon.
ANCHORS = [
    dt.datetime(2025, 1, 31, 12, tzinfo=UTC),
    dt.datetime(2025, 8, 31, 3, tzinfo=UTC),
    dt.datetime(2025, 12, 8, 7, 30, tzinfo=UTC),  # + 3 months: US spring-forward night
    dt.datetime(2025, 8, 2, 5, 30, tzinfo=UTC),  # + 3 months: US fall-back night
    dt.datetime(2025, 7, 26, 0, 30, tzinfo=UTC),  # + 3 months: EU fall-back night
    dt.datetime(2025, 12, 29, 1, 30, tzinfo=UTC),  # + 3 months: EU spring-forward night
    dt.datetime(2024, 2, 29, 15, tzinfo=UTC),
]


@st.composite
def rows(draw: Any) -> dict[str, Any]:
    registered = draw(st.sampled_from(ANCHORS)) + dt.timedelta(
        minutes=draw(st.sampled_from([0, 0, 30, 60, -60, 1440 * 3]))
    )
    update = None
    if draw(st.booleans()):
        update = registered + dt.timedelta(minutes=draw(st.integers(-600, 200 * 1440)))
    return {
        "deal_id": draw(st.sampled_from(["D-1", "D-2", "D-3", "D-3", " "])),
        "partner": draw(st.sampled_from(["alfa", "beta", "alfa", ""])),
        "bdm": "Olga",
        "registered_at": registered,
        "last_update_at": update,
    }


def stamps(values: list[dt.datetime | None], tz: str) -> Any:
    us = [NAT if v is None else (v - EPOCH) // dt.timedelta(microseconds=1) for v in values]
    return pd.Series(
        np.array(us, np.int64).view("M8[us]"), dtype=pd.DatetimeTZDtype("us", "UTC")
    ).dt.tz_convert(tz)


@settings(max_examples=200)
@given(
    items=st.lists(rows(), min_size=1, max_size=8),
    tz=st.sampled_from(["America/New_York", "Europe/Lisbon", "America/Sao_Paulo", "UTC"]),
    later=st.integers(-10, 400),
    months=st.sampled_from([1, 3, 3, 13]),
    kind=st.sampled_from(["pandas", "arrow"]),
)
def test_every_protection_row_equals_the_scalar_status(
    items: list[dict[str, Any]], tz: str, later: int, months: int, kind: str
) -> None:
    """mcs.deal.protection: state, last activity and lapse instant match protection_status."""
    df = pd.DataFrame(
        {
            "deal_id": [r["deal_id"] for r in items],
            "partner": [r["partner"] for r in items],
            "bdm": [r["bdm"] for r in items],
            "registered_at": stamps([r["registered_at"] for r in items], tz),
            "last_update_at": stamps([r["last_update_at"] for r in items], tz),
        }
    )
    # The zone the rows' instants carry: the column's (pandas), or its named zone (Arrow).
    zone = df["registered_at"].dt.tz if kind == "pandas" else ZoneInfo(tz)
    at = items[0]["registered_at"] + dt.timedelta(days=later)
    table = pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df
    result = frame.protection_status(table, at, window_months=months, errors="report")
    got = result.to_pylist() if kind == "arrow" else result.astype(object).to_dict("records")
    for i, row in enumerate(items):
        update = row["last_update_at"]
        try:
            reg = DealRegistration(
                row["deal_id"],
                customer=Customer("customer"),
                partner=row["partner"],
                registered_at=row["registered_at"].astimezone(zone),
                bdm=row["bdm"],
                status_updates=() if update is None else (update.astimezone(zone),),
            )
            want = protection_status(reg, at=at, window_months=months)
        except PartnerRulesError as exc:
            refused = (type(exc).__name__, str(exc))
        else:
            refused = None
        if refused is not None:
            assert (got[i]["error_type"], got[i]["error"]) == refused
            continue
        assert pd.isna(got[i]["error_type"])
        assert got[i]["state"] == want.state.value
        assert got[i]["last_activity"] == want.last_activity.astimezone(UTC)
        assert got[i]["protected_until"] == want.protected_until.astimezone(UTC), (i, row)
        assert got[i]["rule_ids"] == "mcs.deal.protection"


@pytest.mark.rule("mcs.deal.protection")
def test_a_deal_registered_on_the_31st_stays_protected_to_the_clamped_month_end() -> None:
    """mcs.deal.protection: 30 Nov + 3 months is 28 Feb; 31 Aug + 3 months is 30 Nov."""
    sp = "America/Sao_Paulo"
    df = pd.DataFrame(
        {
            "deal_id": ["D-1", "D-2"],
            "partner": "alfa",
            "bdm": "Olga",
            "registered_at": pd.to_datetime(["2026-11-30 10:00", "2026-08-31 10:00"]).tz_localize(
                sp
            ),
        }
    )
    got = frame.protection_status(df, dt.datetime(2027, 1, 15, tzinfo=UTC))
    until = got["protected_until"].dt.tz_convert(sp).dt.strftime("%Y-%m-%d %H:%M").tolist()
    assert until == ["2027-02-28 10:00", "2026-11-30 10:00"]
    assert got["state"].tolist() == ["protected", "lapsable"]


class _Hostile:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ of a hostile object")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__ of a hostile object")

    def __bool__(self) -> bool:
        raise RuntimeError("__bool__ of a hostile object")


HOSTILE = [
    None,
    1.5,
    float("nan"),
    "x",
    b"x",
    [],
    {},
    object(),
    _Hostile(),
    10**5000,
    dt.datetime(2026, 1, 10, 9),
    dt.datetime(1, 1, 1, tzinfo=UTC),
    dt.date(9999, 12, 31),
]


@pytest.mark.parametrize("param", ["registrations", "at", "window_months", "errors"])
@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: type(v).__name__)
def test_hostile_arguments_raise_only_typed_errors(param: str, value: object) -> None:
    df = pd.DataFrame(
        {
            "deal_id": ["D-1"],
            "partner": "alfa",
            "bdm": "Olga",
            "registered_at": pd.to_datetime(["2026-11-30 10:00"]).tz_localize("UTC"),
        }
    )
    args: dict[str, Any] = {
        "registrations": df,
        "at": dt.datetime(2027, 1, 15, tzinfo=UTC),
        "window_months": 3,
        "errors": "report",
    }
    args[param] = value
    with contextlib.suppress(PartnerRulesError):  # anything else fails the test
        frame.protection_status(args.pop("registrations"), args.pop("at"), **args)
