"""Columnar SLA (partnerrules.frame): every row equals the scalar answer.

Rules zoho.sla.matrix, zoho.sla.weekday_clock, appb.first_response.one_business_day
and caller policies, over pandas DataFrames and Arrow Tables.
"""

from __future__ import annotations

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
from partnerrules.calendars import BusinessCalendar  # noqa: E402
from partnerrules.errors import (  # noqa: E402
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.sla import (  # noqa: E402
    APPENDIX_B,
    ZOHO,
    ClockKind,
    MatrixCell,
    ResponseWindow,
    SeverityMatrix,
    SlaPolicy,
    Ticket,
    deadlines,
    status,
)

UTC = dt.UTC
SP = ZoneInfo("America/Sao_Paulo")
H = dt.timedelta(hours=1)
NAT = -(1 << 63)

# A caller's calendar with a lunch break, a closure, a short special day and DST (Lisbon).
TEAM = BusinessCalendar(
    "Europe/Lisbon",
    {d: [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(18))] for d in range(5)},
    country="PT",
    closures=[dt.date(2026, 3, 30)],
    special_hours={dt.date(2026, 10, 24): [(dt.time(10), dt.time(14))]},
)
# A night desk across midnight on a US DST zone, windows in minutes and days.
NIGHT = BusinessCalendar(
    "America/New_York",
    {d: [(dt.time(0), dt.time(2)), (dt.time(22), dt.time(0))] for d in range(7)},
)
CELLS_MIXED = SeverityMatrix(
    (
        MatrixCell(1, "acknowledgement", ResponseWindow((30, "minutes"), (90, "minutes"))),
        MatrixCell(2, "acknowledgement", ResponseWindow((1, "days"), (2, "days"))),
        MatrixCell(3, "acknowledgement", ResponseWindow((5, "hours"), (40, "hours"))),
        MatrixCell(1, "problem determination", ResponseWindow((1, "days"), (1, "days"))),
        MatrixCell(2, "problem determination", ResponseWindow((3, "hours"), (9, "hours"))),
    )
)
POLICIES = {
    "zoho": ZOHO,
    "appb": APPENDIX_B,
    "team": SlaPolicy("Team", "acme.sla.team", CELLS_MIXED, TEAM, round_the_clock=["outage"]),
    "night": SlaPolicy(
        "Night", "acme.sla.night", CELLS_MIXED, NIGHT, exempt=["feature request"],
        recurring=["problem determination"],
    ),
    # Support hours under a caller's own rule id: holidays are cited under Appendix B's.
    "local": SlaPolicy("Local", "acme.sla.local", CELLS_MIXED, ClockKind.SUPPORT_HOURS),
}  # fmt: skip

# Openings near DST changes (BR none since 2019; PT/EU and US), holidays and year ends.
ANCHORS = [
    dt.datetime(2026, 3, 8, 6, tzinfo=UTC),  # US spring forward
    dt.datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # EU spring forward
    dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # EU fall back
    dt.datetime(2026, 11, 1, 5, tzinfo=UTC),  # US fall back
    dt.datetime(2026, 11, 19, 20, tzinfo=UTC),  # before BR Consciência Negra (Fri 20)
    dt.datetime(2026, 12, 24, 12, tzinfo=UTC),  # Christmas, year end
    dt.datetime(2027, 12, 31, 20, tzinfo=UTC),
    dt.datetime(2100, 12, 29, 12, tzinfo=UTC),  # at the calendar horizon
]
CATEGORIES = ["slowness", "downtime", "outage", "login", "how-to", "feature request", "other"]


def mostly(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
    """One of *good*, or (one time in twelve) one of *bad*: a row the scalar API refuses."""
    return st.one_of(
        st.sampled_from(good),
        st.integers(0, 11).flatmap(lambda k: st.sampled_from(bad if k == 0 else good)),
    )


@st.composite
def ticket_rows(draw: Any) -> dict[str, Any]:
    anchor = draw(st.sampled_from(ANCHORS))
    opened = anchor + dt.timedelta(minutes=draw(st.integers(-3 * 1440, 3 * 1440)))
    row: dict[str, Any] = {
        "id": draw(mostly(["T-1", "T-2", "x"], ["", "  ", "\x1c"])),
        "opened_at": opened,
        "severity": draw(mostly([1, 2, 3], [7, 0])),
        "category": draw(mostly(CATEGORIES, ["bogus"])),
        "level": draw(mostly(["Premium", "Advanced", "Authorized"], ["gold"])),
        "country": draw(mostly(["BR", "BR", "PT", "US", "DE"], ["XX"])),
        "subdivision": draw(mostly([None, None, "SP", "RJ"], [" "])),
        "zone": draw(mostly([None, None, None, "Europe/Lisbon"], ["Nowhere/City"])),
        "first_response_at": None,
        "paused_at": None,
        "resumed_at": None,
    }
    if draw(st.booleans()):
        row["first_response_at"] = opened + dt.timedelta(minutes=draw(st.integers(-60, 6000)))
    if draw(st.booleans()):
        start = opened + dt.timedelta(minutes=draw(st.integers(-30, 3000)))
        row["paused_at"] = start
        if draw(st.integers(0, 3)):
            row["resumed_at"] = start + dt.timedelta(minutes=draw(st.integers(-30, 4000)))
    elif draw(st.integers(0, 9)) == 0:
        row["resumed_at"] = opened + H  # an end without a start is refused
    return row


def scalar_ticket(row: dict[str, Any], zone: dt.tzinfo) -> Ticket:
    def local(value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else value.astimezone(zone)

    start, end = local(row["paused_at"]), local(row["resumed_at"])
    first = local(row["first_response_at"])
    return Ticket(
        row["id"],
        local(row["opened_at"]),
        severity=row["severity"],
        category=row["category"],
        level=row["level"],
        country=row["country"],
        subdivision=row["subdivision"],
        zone=row["zone"],
        responses=() if first is None else (first,),
        pauses=() if start is None and end is None else ((start, end),),
    )


def table_of(rows: list[dict[str, Any]], tz: str, kind: str, categorical: bool) -> Any:
    zone = ZoneInfo(tz)
    columns: dict[str, Any] = {}
    for name in rows[0]:
        values = [r[name] for r in rows]
        if name.endswith("_at"):
            epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
            us = [NAT if v is None else (v - epoch) // dt.timedelta(microseconds=1) for v in values]
            columns[name] = pd.Series(
                np.array(us, np.int64).view("M8[us]"), dtype=pd.DatetimeTZDtype("us", "UTC")
            ).dt.tz_convert(zone)
        elif name == "severity":
            columns[name] = pd.Series(values, dtype="int64")
        elif categorical and name in ("category", "level", "country"):
            columns[name] = pd.Series(values, dtype="category")
        else:
            columns[name] = pd.Series(values, dtype=object)
    df = pd.DataFrame(columns)
    if kind == "arrow":
        return pa.Table.from_pandas(df, preserve_index=False)
    return df


def records(result: Any) -> list[dict[str, Any]]:
    """Result rows as plain Python values (None for every kind of null)."""
    if isinstance(result, pa.Table):
        out = result.to_pylist()
    else:
        out = result.astype(object).to_dict("records")
    plain = []
    for row in out:
        clean = {}
        for k, v in row.items():
            if v is None or v is pd.NaT or (isinstance(v, float) and v != v):
                v = None
            elif isinstance(v, pd.Timestamp):
                v = v.to_pydatetime()
            elif isinstance(v, pd.Timedelta):
                v = v.to_pytimedelta()
            clean[k] = v
        plain.append(clean)
    return plain


def rule_ids(*reason_groups: Any) -> str:
    return ",".join(dict.fromkeys(r.rule_id for g in reason_groups for r in g))


def expected_deadlines(ticket_of: Any, policy: SlaPolicy, zone: Any) -> dict[str, Any]:
    try:
        book = deadlines(ticket_of(), policy=policy, zone=zone)
    except PartnerRulesError as exc:
        return {"error_type": type(exc).__name__, "error": str(exc)}
    row: dict[str, Any] = {
        "exempt": book.exempt,
        "clock": None if book.clock is None else book.clock.value,
        "zone": book.zone or None,
        "error_type": None,
        "error": None,
    }
    groups = [book.reasons]
    for prefix, d in zip(
        ("ack", "pd"), (book.acknowledgement, *book.determinations[-1:]), strict=False
    ):
        row[f"{prefix}_target_at"] = None if d is None else d.target_at
        row[f"{prefix}_limit_at"] = None if d is None else d.limit_at
        if d is not None:
            groups.append(d.reasons)
    row["rule_ids"] = rule_ids(*groups)
    return row


def expected_status(
    ticket_of: Any, at: dt.datetime, policy: SlaPolicy, zone: Any
) -> dict[str, Any]:
    try:
        now = status(ticket_of(), at, policy=policy, zone=zone)
    except PartnerRulesError as exc:
        return {"error_type": type(exc).__name__, "error": str(exc)}
    plan = now._plan  # the clock and zone the ticket's deadlines would name
    row: dict[str, Any] = {
        "exempt": now.exempt,
        "clock": None if now.exempt else plan.kind.value,
        "zone": None if now.exempt else plan.zone_name,
        "error_type": None,
        "error": None,
    }
    groups = [now.reasons]
    windows = (now.acknowledgement, *now.determinations[-1:])  # pd_: the latest window
    for k, prefix in enumerate(("ack", "pd")):
        w = windows[k] if k < len(windows) else None
        row[f"{prefix}_state"] = None if w is None else w.state.value
        row[f"{prefix}_elapsed"] = None if w is None else w.elapsed
        row[f"{prefix}_remaining"] = None if w is None else w.remaining
        row[f"{prefix}_target_at"] = None if w is None else w.target_at
        row[f"{prefix}_limit_at"] = None if w is None else w.limit_at
        if w is not None:
            groups.append(w.reasons)
    row["rule_ids"] = rule_ids(*groups)
    return row


def assert_row(got: dict[str, Any], want: dict[str, Any], i: int) -> None:
    if want["error_type"] is not None:
        assert (got["error_type"], got["error"]) == (want["error_type"], want["error"]), i
        return
    for key, value in want.items():
        if isinstance(value, dt.datetime):
            # Compare instants: aware datetimes in a DST fold never equal another zone's.
            value = value.astimezone(UTC)
        assert got[key] == value, (i, key, got[key], value)


CASES = st.fixed_dictionaries(
    {
        "rows": st.lists(ticket_rows(), min_size=1, max_size=8),
        "policy": st.sampled_from(sorted(POLICIES)),
        "zone": st.sampled_from([None, None, "America/New_York"]),
        "tz": st.sampled_from(["America/Sao_Paulo", "UTC", "Europe/Lisbon"]),
        "kind": st.sampled_from(["pandas", "arrow"]),
        "categorical": st.booleans(),
    }
)


@settings(max_examples=150)
@given(case=CASES)
def test_every_deadline_row_equals_the_scalar_deadlines(case: dict[str, Any]) -> None:
    """zoho.sla.matrix: instants, clock, zone, rule ids and errors match sla.deadlines."""
    rows, policy, zone = case["rows"], POLICIES[case["policy"]], case["zone"]
    table = table_of(rows, case["tz"], case["kind"], case["categorical"])
    got = records(frame.sla_deadlines(table, policy=policy, zone=zone, errors="report"))
    assert len(got) == len(rows)
    tz = table["opened_at"].dt.tz if case["kind"] == "pandas" else ZoneInfo(case["tz"])
    for i, row in enumerate(rows):
        want = expected_deadlines(lambda row=row: scalar_ticket(row, tz), policy, zone)
        assert_row(got[i], want, i)


@settings(max_examples=150)
@given(case=CASES, later=st.integers(-600, 8000))
def test_every_status_row_equals_the_scalar_status(case: dict[str, Any], later: int) -> None:
    """zoho.sla.matrix: states, elapsed, remaining, instants and errors match sla.status."""
    rows, policy, zone = case["rows"], POLICIES[case["policy"]], case["zone"]
    at = rows[0]["opened_at"] + dt.timedelta(minutes=later)
    table = table_of(rows, case["tz"], case["kind"], case["categorical"])
    got = records(frame.sla_status(table, at, policy=policy, zone=zone, errors="report"))
    assert len(got) == len(rows)
    tz = table["opened_at"].dt.tz if case["kind"] == "pandas" else ZoneInfo(case["tz"])
    for i, row in enumerate(rows):
        want = expected_status(lambda row=row: scalar_ticket(row, tz), at, policy, zone)
        assert_row(got[i], want, i)


# -- examples -----------------------------------------------------------------------------


def good_rows(n: int = 3) -> list[dict[str, Any]]:
    opened = dt.datetime(2026, 11, 23, 12, tzinfo=UTC)
    return [
        {
            "id": f"T-{k}",
            "opened_at": opened + k * H,
            "severity": 1 + k % 3,
            "category": "slowness",
            "level": "Premium",
            "country": "BR",
        }
        for k in range(n)
    ]


@pytest.mark.rule("appb.first_response.one_business_day")
def test_appendix_b_columns_honour_the_sao_paulo_holiday() -> None:
    """A ticket opened Thursday 20:00 in São Paulo is due Monday 18:00 (Friday is a holiday)."""
    df = pd.DataFrame(
        {
            "id": ["T-1"],
            "opened_at": pd.Series([pd.Timestamp("2026-11-19 20:00", tz="America/Sao_Paulo")]),
            "severity": [3],
            "category": ["how-to"],
            "level": ["Premium"],
            "country": ["BR"],
            "subdivision": ["SP"],
        }
    )
    due = frame.sla_deadlines(df, policy=APPENDIX_B)
    limit = due["ack_limit_at"][0].tz_convert("America/Sao_Paulo")
    assert limit == pd.Timestamp("2026-11-23 18:00", tz="America/Sao_Paulo")
    assert due["rule_ids"][0] == "appb.first_response.one_business_day"
    assert due["zone"][0] == "America/Sao_Paulo"


def test_a_bad_row_raises_the_scalar_error_with_its_row_index() -> None:
    rows = good_rows()
    rows[1]["severity"] = 9
    with pytest.raises(UnknownKeyError) as caught:
        frame.sla_deadlines(pd.DataFrame(rows))
    scalar_message = ""
    try:
        Ticket("T-1", rows[1]["opened_at"], severity=9, category="slowness",
               level="Premium", country="BR")  # fmt: skip
    except UnknownKeyError as exc:
        scalar_message = str(exc)
    assert str(caught.value) == scalar_message
    assert caught.value.__notes__ == ["in row 1 of the table (id 'T-1')"]


def test_reported_rows_keep_their_place_and_no_row_is_dropped() -> None:
    rows = good_rows(4)
    rows[0]["id"] = " "
    rows[2]["country"] = "XX"
    got = frame.sla_status(
        pd.DataFrame(rows, index=[10, 20, 30, 40]),
        dt.datetime(2026, 11, 24, tzinfo=UTC),
        errors="report",
    )
    assert list(got.index) == [10, 20, 30, 40]
    assert got["error_type"].tolist()[0] == "InvalidValueError"
    with pytest.raises(InvalidValueError) as caught:
        Ticket(" ", rows[0]["opened_at"], severity=1, category="slowness",
               level="Premium", country="BR")  # fmt: skip
    assert got["error"][10] == str(caught.value)
    assert got["error_type"][30] == "UnknownKeyError"
    assert got["error"].isna().tolist() == [False, True, False, True]
    assert got["ack_state"].isna().tolist() == [True, False, True, False]


def test_a_naive_opening_column_is_refused_row_by_row_like_the_scalar_api() -> None:
    rows = good_rows(2)
    df = pd.DataFrame(rows)
    df["opened_at"] = df["opened_at"].dt.tz_localize(None)
    got = frame.sla_deadlines(df, errors="report")
    assert got["error_type"].tolist() == ["NaiveDatetimeError"] * 2
    with pytest.raises(NaiveDatetimeError):
        frame.sla_deadlines(df)


def test_arguments_are_checked_before_any_row() -> None:
    df = pd.DataFrame(good_rows())
    with pytest.raises(InvalidValueError, match="'errors' must be 'raise' or 'report'"):
        frame.sla_deadlines(df, errors="ignore")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match=r"'table' must be a pandas\.DataFrame"):
        frame.sla_deadlines(good_rows())
    with pytest.raises(InvalidValueError, match="missing: level"):
        frame.sla_deadlines(df.drop(columns=["level"]))
    with pytest.raises(NaiveDatetimeError):
        frame.sla_status(df, dt.datetime(2026, 11, 24))
    with pytest.raises(InvalidTypeError, match="'policy'"):
        frame.sla_deadlines(df, policy="Zoho")  # type: ignore[arg-type]


def test_an_empty_table_gives_an_empty_result_with_every_column() -> None:
    df = pd.DataFrame(good_rows()).iloc[:0]
    due = frame.sla_deadlines(df)
    now = frame.sla_status(pa.Table.from_pandas(df), dt.datetime(2026, 11, 24, tzinfo=UTC))
    assert len(due) == 0
    assert "ack_limit_at" in due.columns
    assert now.num_rows == 0
    assert "pd_state" in now.column_names


def test_results_are_utc_instants_and_microsecond_durations() -> None:
    df = pd.DataFrame(good_rows())
    now = frame.sla_status(df, dt.datetime(2026, 11, 24, tzinfo=UTC))
    assert str(now["ack_limit_at"].dtype) == "datetime64[us, UTC]"
    assert str(now["ack_elapsed"].dtype) == "timedelta64[us]"
    assert now["ack_state"].dtype == "category"
    table = frame.sla_status(pa.Table.from_pandas(df), dt.datetime(2026, 11, 24, tzinfo=UTC))
    assert table.schema.field("ack_limit_at").type == pa.timestamp("us", "UTC")
    assert table.schema.field("ack_elapsed").type == pa.duration("us")


def test_importing_the_library_loads_no_frame_dependency() -> None:
    """numpy, pandas and pyarrow load with partnerrules.frame, never with the core."""
    import subprocess
    import sys

    code = (
        "import sys, partnerrules, partnerrules.sla, partnerrules.commission; "
        "print([m for m in ('numpy', 'pandas', 'pyarrow') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_rows_computed_in_small_chunks_give_the_same_columns() -> None:
    """The kernels run on chunks of rows; chunk boundaries change nothing."""
    from partnerrules.frame import _sla as kernels

    rows = [
        {**row, "category": cat, "severity": 1 + k % 3}
        for k, (row, cat) in enumerate(zip(good_rows(40), CATEGORIES * 6, strict=False))
    ]
    df = pd.DataFrame(rows)
    at = dt.datetime(2026, 11, 24, 3, tzinfo=UTC)
    whole = (frame.sla_deadlines(df, errors="report"), frame.sla_status(df, at, errors="report"))
    saved = kernels.CHUNK
    kernels.CHUNK = 3
    try:
        small = (
            frame.sla_deadlines(df, errors="report"),
            frame.sla_status(df, at, errors="report"),
        )
    finally:
        kernels.CHUNK = saved
    for a, b in zip(whole, small, strict=True):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_timestamps_of_any_unit_give_the_scalar_answer(unit: str) -> None:
    """Openings in seconds to nanoseconds: the same deadlines (nanoseconds floored)."""
    rows = good_rows(3)
    df = pd.DataFrame(rows)
    df["opened_at"] = df["opened_at"].dt.as_unit(unit)
    due = frame.sla_deadlines(df)
    for i, row in enumerate(rows):
        want = deadlines(Ticket(row["id"], row["opened_at"], severity=row["severity"],
                                category="slowness", level="Premium", country="BR"))  # fmt: skip
        assert want.acknowledgement is not None
        assert due["ack_limit_at"][i] == want.acknowledgement.limit_at


def test_arrow_fixed_offsets_and_arrow_backed_pandas_columns_are_read() -> None:
    """An Arrow '-03:00' zone is a fixed offset; pandas ArrowDtype timestamps work too."""
    rows = good_rows(2)
    offset = dt.timezone(dt.timedelta(hours=-3))
    table = pa.table(
        {
            "id": [r["id"] for r in rows],
            "opened_at": pa.array([r["opened_at"] for r in rows], pa.timestamp("ms", tz="-03:00")),
            "severity": pa.array([r["severity"] for r in rows], pa.int8()),
            "category": pa.array(["slowness"] * 2).dictionary_encode(),
            "level": ["Premium"] * 2,
            "country": ["BR"] * 2,
        }
    )
    got = frame.sla_deadlines(table).column("ack_limit_at").to_pylist()
    arrow_backed = table.to_pandas(types_mapper=pd.ArrowDtype)
    again = frame.sla_deadlines(arrow_backed)["ack_limit_at"].tolist()
    for i, row in enumerate(rows):
        ticket = Ticket(row["id"], row["opened_at"].astimezone(offset), severity=row["severity"],
                        category="slowness", level="Premium", country="BR")  # fmt: skip
        want = deadlines(ticket).acknowledgement
        assert want is not None
        assert got[i] == want.limit_at
        assert again[i] == want.limit_at


def test_a_pause_in_the_repeated_dst_hour_is_taken_as_an_instant() -> None:
    """Lisbon, 25 Oct 2026: a pause at 01:10 after the change follows an opening at 01:30 before it."""
    lisbon = ZoneInfo("Europe/Lisbon")
    opened = dt.datetime(2026, 10, 25, 1, 30, tzinfo=lisbon)  # WEST, 00:30 UTC
    paused = dt.datetime(2026, 10, 25, 1, 10, fold=1, tzinfo=lisbon)  # WET, 01:10 UTC
    row = {**good_rows(1)[0], "subdivision": None, "zone": None, "first_response_at": None,
           "opened_at": opened, "paused_at": paused, "resumed_at": paused + 2 * H}  # fmt: skip
    table = table_of([row], "Europe/Lisbon", "pandas", False)
    got = records(frame.sla_deadlines(table, errors="report"))[0]
    ticket = scalar_ticket(row, table["opened_at"].dt.tz)
    want = deadlines(ticket).acknowledgement
    assert want is not None
    assert got["error_type"] is None
    assert got["ack_limit_at"] == want.limit_at.astimezone(UTC)


def test_more_distinct_error_messages_than_two_bytes_count_are_all_kept() -> None:
    # Label codes start two bytes wide and widen past 32,767 distinct labels.
    n = 33_000
    rows = good_rows(1) * n
    df = pd.DataFrame(rows)
    df["id"] = [f"T-{i}" for i in range(n)]
    df["severity"] = np.arange(10, 10 + n)  # every row a different unknown severity
    got = frame.sla_deadlines(df, errors="report")
    assert got["error"].nunique() == n
    for i in (0, 32_767, 32_768, n - 1):
        with pytest.raises(UnknownKeyError) as caught:
            Ticket(f"T-{i}", rows[0]["opened_at"], severity=10 + i, category="slowness",
                   level="Premium", country="BR")  # fmt: skip
        assert got["error"][i] == str(caught.value)


def test_instant_columns_are_results_of_their_own_not_views_of_the_input() -> None:
    df = pd.DataFrame(good_rows(3))
    before = df["opened_at"].copy()
    due = frame.sla_deadlines(df)
    due.loc[0, "ack_limit_at"] = pd.Timestamp("2000-01-01", tz="UTC")
    assert df["opened_at"].equals(before)
    again = frame.sla_deadlines(df)
    assert again["ack_limit_at"][0] != due["ack_limit_at"][0]


# -- ticket events: any number of responses and pauses --------------------------------------


@st.composite
def event_cases(draw: Any) -> dict[str, Any]:
    """Tickets and a long table of their events: sorted or not, with broken sequences."""
    rows = draw(st.lists(ticket_rows(), min_size=1, max_size=6))
    events: list[tuple[str, str, dt.datetime | None]] = []
    for k, row in enumerate(rows):
        row["id"] = f"T-{k}" if draw(st.integers(0, 15)) else row["id"]  # now and then a dup
        for name in ("first_response_at", "paused_at", "resumed_at"):
            row.pop(name)
        clock = row["opened_at"] + dt.timedelta(minutes=draw(st.integers(-40, 600)))
        paused = False
        for _ in range(draw(st.integers(0, 7))):
            kind = draw(st.sampled_from(["response"] * 6 + ["pause"] * 8 + ["broken"]))
            if kind == "pause":
                kind = "resumed" if paused else "paused"
                paused = not paused
            elif kind == "broken":  # a sequence the pairing refuses, or a bad event
                kind = draw(st.sampled_from(["paused", "resumed", "answered"]))
            events.append((row["id"], kind, clock))
            clock += dt.timedelta(minutes=draw(st.integers(0, 2000)))
    # As generated (grouped by ticket, in time: the order a ticket service keeps) or shuffled.
    order = draw(st.just(list(range(len(events)))) | st.permutations(range(len(events))))
    return {
        "rows": rows,
        "events": [events[i] for i in order],
        "policy": draw(st.sampled_from(sorted(POLICIES))),
        "kind": draw(st.sampled_from(["pandas", "arrow"])),
    }


def events_table(events: list[tuple[str, str, dt.datetime | None]], kind: str) -> Any:
    df = pd.DataFrame(
        {
            "id": pd.Series([e[0] for e in events], dtype=object),
            "event": pd.Series([e[1] for e in events], dtype=object),
            "at": pd.Series([e[2] for e in events], dtype=object),
        }
    )
    df["at"] = pd.to_datetime(df["at"], utc=True).dt.tz_convert("America/Sao_Paulo")
    return pa.Table.from_pandas(df, preserve_index=False) if kind == "arrow" else df


def scalar_from_events(
    row: dict[str, Any], rows: list[dict[str, Any]], events: list[Any]
) -> Ticket:
    """The scalar ticket the docs say a row and its events stand for (or its error)."""
    named = any(e[0] == row["id"] for e in events)
    if named and sum(r["id"] == row["id"] for r in rows) > 1:  # whose are the events?
        raise InvalidValueError("id", row["id"], "an id given once in the tickets table "
                                "when events name tickets by id")  # fmt: skip
    mine = sorted(
        (e for e in enumerate(events) if e[1][0] == row["id"]), key=lambda e: (e[1][2], e[0])
    )
    responses: list[Any] = []
    pauses: list[Any] = []
    start: Any = None
    for k, (_, kind, when) in mine:
        if kind not in ("response", "paused", "resumed"):
            raise InvalidValueError("event", kind, "'response' or 'paused' or 'resumed'",
                                    hint=f"row {k} of the events")  # fmt: skip
        when = when.astimezone(SP)
        if kind == "response":
            responses.append(when)
        elif kind == "paused":
            if start is not None:
                pauses.append((start, None))
            start = when
        elif start is None:
            raise InvalidValueError("event", "resumed", "a 'resumed' after a 'paused' of the "
                                    "same ticket", hint=f"row {k} of the events")  # fmt: skip
        else:
            pauses.append((start, when))
            start = None
    if start is not None:
        pauses.append((start, None))
    return Ticket(
        row["id"], row["opened_at"].astimezone(SP), severity=row["severity"],
        category=row["category"], level=row["level"], country=row["country"],
        subdivision=row["subdivision"], zone=row["zone"], responses=responses, pauses=pauses,
    )  # fmt: skip


def tickets_table(rows: list[dict[str, Any]], kind: str) -> Any:
    return table_of(rows, "America/Sao_Paulo", kind, categorical=False)


@settings(max_examples=120)
@given(case=event_cases(), later=st.integers(-600, 12000))
def test_event_rows_equal_the_scalar_ticket_with_every_response_and_pause(
    case: dict[str, Any], later: int
) -> None:
    """zoho.sla.matrix: any number of responses and pauses per ticket, as events."""
    rows, events, policy = case["rows"], case["events"], POLICIES[case["policy"]]
    table, ev = tickets_table(rows, case["kind"]), events_table(events, case["kind"])
    at = rows[0]["opened_at"] + dt.timedelta(minutes=later)
    due = records(frame.sla_deadlines(table, policy=policy, errors="report", events=ev))
    now = records(frame.sla_status(table, at, policy=policy, errors="report", events=ev))
    assert len(due) == len(now) == len(rows)
    for i, row in enumerate(rows):
        made = lambda row=row: scalar_from_events(row, rows, events)  # noqa: E731
        assert_row(due[i], expected_deadlines(made, policy, None), i)
        assert_row(now[i], expected_status(made, at, policy, None), i)


def test_events_give_the_same_answers_as_the_ticket_columns() -> None:
    narrow = pd.DataFrame(good_rows(3))
    o = narrow["opened_at"]
    wide = narrow.assign(
        first_response_at=[o[0] + 2 * H, None, None],
        paused_at=[None, o[1] + H, o[2] + H],
        resumed_at=[None, o[1] + 5 * H, None],
    )
    for name in ("first_response_at", "paused_at", "resumed_at"):
        wide[name] = pd.to_datetime(wide[name], utc=True)
    events = pd.DataFrame(
        {
            "id": ["T-2", "T-1", "T-0", "T-1"],
            "event": ["paused", "resumed", "response", "paused"],
            "at": [o[2] + H, o[1] + 5 * H, o[0] + 2 * H, o[1] + H],
        }
    )
    at = o[0] + 30 * H
    assert frame.sla_deadlines(narrow, events=events).equals(frame.sla_deadlines(wide))
    assert frame.sla_status(narrow, at, events=events).equals(frame.sla_status(wide, at))
    got = frame.sla_status(narrow, at, events=events)["ack_state"].tolist()
    assert got == ["met", "breached", "paused"]


def test_an_event_of_no_ticket_is_refused_in_both_modes() -> None:
    table = pd.DataFrame(good_rows(2))
    events = pd.DataFrame(
        {"id": ["T-1", "T-9"], "event": ["response", "response"],
         "at": [table["opened_at"][0] + H] * 2}
    )  # fmt: skip
    for errors in ("raise", "report"):
        with pytest.raises(UnknownKeyError, match="row 1 of the events") as caught:
            frame.sla_deadlines(table, errors=errors, events=events)  # type: ignore[arg-type]
        assert "'T-9'" in str(caught.value)


def test_events_beside_the_ticket_columns_are_refused() -> None:
    table = pd.DataFrame(good_rows(1))
    at = table["opened_at"][0].to_pydatetime()
    events = pd.DataFrame({"id": ["T-0"], "event": ["response"], "at": [at]})
    with pytest.raises(InvalidValueError, match="either as ticket columns or as events"):
        frame.sla_status(table.assign(first_response_at=at), at, events=events)
    with pytest.raises(InvalidValueError, match="missing: event"):
        frame.sla_status(table, at, events=events.drop(columns=["event"]))


def test_a_categorical_id_column_is_read_by_its_categories() -> None:
    rows = good_rows(3)
    plain = pd.DataFrame(rows)
    rows[1]["id"] = " "  # blank: refused like the scalar API refuses it
    categorical = pd.DataFrame(rows).astype({"id": "category"})
    got = frame.sla_deadlines(categorical, errors="report")
    assert got["error_type"][1] == "InvalidValueError"
    assert got["error_type"].isna().tolist() == [True, False, True]
    want = frame.sla_deadlines(plain)
    assert got["ack_limit_at"][[0, 2]].tolist() == want["ack_limit_at"][[0, 2]].tolist()
