"""Programme versions, decisions that name them, verification and what-if (issue #17).

The laws are hypothesis properties over the strategies of
:mod:`partnerrules.testing.strategies`; the what-if totals are checked against
an independent computation from the campaign rates and the contracts' values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from partnerrules import cli
from partnerrules.catalogue import RULES, Rule
from partnerrules.commission import Sale, Tier
from partnerrules.contracts import Contract
from partnerrules.convert import structure, unstructure
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import Money
from partnerrules.programmes import OMID, SOURCE_PROGRAMMES, ZOHO, Programme
from partnerrules.questions import (
    CommissionQuestion,
    DeadlinesQuestion,
    ProtectionQuestion,
    QuoteQuestion,
    StatusQuestion,
)
from partnerrules.sla import deadlines, status
from partnerrules.testing import strategies as prs
from partnerrules.versions import (
    NotInForceError,
    ProgrammeHistory,
    Version,
    canonical_data,
    content_hash,
    decide,
    load_history,
    verify,
)
from partnerrules.whatif import compare, portfolio_questions, sample_portfolio

ROOT = Path(__file__).resolve().parent.parent
SP = ZoneInfo("America/Sao_Paulo")
UTC = dt.UTC
EXAMPLES = ROOT / "docs" / "examples"


def _us(value: dt.datetime) -> int:
    return (value - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1)


def _end_us(history: ProgrammeHistory, i: int) -> int | None:
    """The exclusive end of version *i*'s period (None: for ever)."""
    v = history.versions[i]
    if v.until is not None:
        return _us(v.until)
    if i + 1 < len(history.versions):
        nxt = history.versions[i + 1].in_force_from
        assert nxt is not None
        return _us(nxt)
    return None


def _zoho_with(matrix: object) -> Programme:
    assert ZOHO.sla is not None
    return attrs.evolve(ZOHO, sla=attrs.evolve(ZOHO.sla, matrix=matrix))


zoho_versions = prs.severity_matrices().map(_zoho_with)


def _diamond_at(rate: Decimal) -> Programme:
    assert OMID.commission is not None
    campaign = attrs.evolve(OMID.commission.campaigns[0], rate=rate)
    return attrs.evolve(OMID, commission=attrs.evolve(OMID.commission, campaigns=(campaign,)))


# -- versions in force --------------------------------------------------------------------


@given(prs.programme_histories(), prs.instants())
def test_periods_partition_time(history: ProgrammeHistory, at: dt.datetime) -> None:
    """Law: in_force(at) is the one version whose half-open period holds *at*, else it raises."""
    us = _us(at)
    holding = [
        v
        for i, v in enumerate(history.versions)
        if (v.in_force_from is None or _us(v.in_force_from) <= us)
        and ((end := _end_us(history, i)) is None or us < end)
    ]
    assert len(holding) <= 1
    if holding:
        assert history.in_force(at) is holding[0]
    else:
        with pytest.raises(NotInForceError) as info:
            history.in_force(at)
        assert isinstance(info.value, LookupError)
        assert at.isoformat() in str(info.value)
        assert info.value.before is not None or info.value.after is not None


@given(prs.programme_histories(min_size=2))
def test_each_version_is_in_force_at_its_start(history: ProgrammeHistory) -> None:
    """Law: every version (but one 'since always') is in force from its first instant."""
    for v in history.versions:
        if v.in_force_from is not None:
            assert history.in_force(v.in_force_from) is v
            assert history.version(v.label) is v


def test_half_open_boundaries_and_nearest_versions() -> None:
    jan = dt.datetime(2026, 1, 1, tzinfo=SP)
    history = ProgrammeHistory(
        [
            Version(OMID, "2026", jan, "module 007", until=dt.datetime(2026, 7, 1, tzinfo=SP)),
            Version(_diamond_at(Decimal("0.14")), "2027", dt.datetime(2027, 1, 1, tzinfo=SP), "x"),
        ]
    )
    assert history.in_force(jan).label == "2026"
    assert history.in_force(dt.datetime(2026, 6, 30, 23, 59, 59, 999999, tzinfo=SP)).label == "2026"
    with pytest.raises(NotInForceError, match=r"nearest: '2026' .*; '2027'") as info:
        history.in_force(dt.datetime(2026, 7, 1, tzinfo=SP))  # the declared gap
    assert (info.value.before, info.value.after) == ("2026", "2027")
    with pytest.raises(NotInForceError) as early:
        history.in_force(jan - dt.timedelta(microseconds=1))
    assert (early.value.before, early.value.after) == (None, "2026")
    with pytest.raises(NaiveDatetimeError):
        history.in_force(dt.datetime(2026, 1, 1))


def test_a_bad_history_reports_every_problem_at_once() -> None:
    jan = dt.datetime(2026, 1, 1, tzinfo=SP)
    with pytest.raises(InvalidValueError) as info:
        ProgrammeHistory(
            [
                Version(OMID, "a", jan, "s", until=jan + dt.timedelta(days=40)),
                Version(OMID, "a", jan + dt.timedelta(days=30), "s"),
                Version(ZOHO, "b", None, "s"),
            ]
        )
    text = str(info.value)
    for problem in (
        "all versions are of one programme (got omid, zoho)",
        "label 'a' is used twice",
        "version 'b' (not the first) has no in_force_from",
        "periods overlap",
    ):
        assert problem in text
    with pytest.raises(InvalidValueError, match="at least one version"):
        ProgrammeHistory([])
    with pytest.raises(InvalidValueError, match="must start after"):
        ProgrammeHistory([Version(OMID, "a", jan, "s"), Version(OMID, "b", jan, "s")])
    with pytest.raises(InvalidTypeError):
        ProgrammeHistory([OMID])
    with pytest.raises(InvalidValueError, match="after in_force_from"):
        Version(OMID, "a", jan, "s", until=jan)
    with pytest.raises(NaiveDatetimeError):
        Version(OMID, "a", dt.datetime(2026, 1, 1), "s")
    with pytest.raises(UnknownKeyError, match="did you mean"):
        ProgrammeHistory([Version(OMID, "2026", jan, "s")]).version("2025")


def test_a_history_loads_from_files_through_the_strict_loader(tmp_path: Path) -> None:
    history = load_history(EXAMPLES / "acme-history.toml")
    assert [v.label for v in history.versions] == ["2027", "2028"]
    from partnerrules.policies import load

    assert history.versions[0].programme == load(EXAMPLES / "acme.toml")
    assert history.versions[1].programme.commission is not None
    assert history.versions[1].programme.commission.campaigns == ()
    # The same history in JSON, with the programmes inline: the same value.
    document = {
        "versions": [
            {
                "label": v.label,
                "source": v.source,
                "in_force_from": None if v.in_force_from is None else v.in_force_from.isoformat(),
                "programme": unstructure(v.programme),
            }
            for v in history.versions
        ]
    }
    (tmp_path / "h.json").write_text(json.dumps(document), encoding="utf-8")
    assert load_history(tmp_path / "h.json") == history
    # A bad file: every problem with its path, as a PartnerRulesError.
    document["versions"][1]["in_force_from"] = "2028-01-01T00:00:00"  # naive
    document["versions"][0]["label"] = 7
    (tmp_path / "bad.json").write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(PartnerRulesError) as info:
        load_history(tmp_path / "bad.json")
    assert "versions[0].label" in str(info.value)
    assert "versions[1].in_force_from" in str(info.value)
    (tmp_path / "missing.toml").write_text(
        '[[versions]]\nlabel = "a"\nsource = "s"\nprogramme = "nowhere.toml"\n', encoding="utf-8"
    )
    with pytest.raises(InvalidValueError, match=r"versions\[0\]\.programme"):
        load_history(tmp_path / "missing.toml")


# -- decisions -----------------------------------------------------------------------------


@given(
    prs.programme_histories(versions=zoho_versions, max_size=3),
    prs.tickets(),
    zoho_versions,
    st.integers(1, 10**6),
)
def test_a_later_version_never_changes_an_earlier_decision(
    history: ProgrammeHistory, ticket: object, later: Programme, gap_s: int
) -> None:
    """Law: adding a version that starts after the decisive instant changes no decision."""
    question = DeadlinesQuestion(ticket)  # type: ignore[arg-type]
    try:
        decision = decide(question, history)
    except NotInForceError:
        assume(False)
        raise
    last = history.versions[-1]
    moments = [
        question.decisive_at(),
        *(v.in_force_from for v in history.versions if v.in_force_from is not None),
        *(v.until for v in history.versions if v.until is not None),
    ]
    start = max(moments, key=_us).astimezone(UTC) + dt.timedelta(seconds=gap_s)
    longer = history.with_version(Version(later, "later", start, "a later edition"))
    assert decide(question, longer) == decision
    assert decision.version != "later"
    assert last.label in {v.label for v in longer.versions}


@given(zoho_versions, prs.tickets(), prs.durations())
def test_a_one_version_history_equals_the_programme_directly(
    programme: Programme, ticket: object, after: dt.timedelta
) -> None:
    """Law: deciding under a one-version history is calling the rule with the programme's policy."""
    at = ticket.opened_at + abs(after)  # type: ignore[attr-defined]
    for question, direct in (
        (DeadlinesQuestion(ticket), deadlines(ticket, policy=programme.sla)),  # type: ignore[arg-type]
        (StatusQuestion(ticket, at), status(ticket, at, policy=programme.sla)),  # type: ignore[arg-type]
    ):
        via_history = decide(question, ProgrammeHistory.of(programme))
        via_programme = decide(question, programme)
        assert via_history.answer == direct == via_programme.answer
        assert via_history.content_hash == content_hash(programme)
        assert via_history.decisive_at == ticket.opened_at  # type: ignore[attr-defined]


@given(prs.programme_histories(versions=zoho_versions, max_size=3), prs.tickets())
def test_a_fresh_decision_verifies(history: ProgrammeHistory, ticket: object) -> None:
    question = DeadlinesQuestion(ticket)  # type: ignore[arg-type]
    try:
        decision = decide(question, history)
    except NotInForceError:
        assume(False)
        raise
    checked = verify(decision, history)
    assert checked
    assert checked.holds
    assert checked.problems == ()
    assert checked.recomputed == decision


def test_verify_reports_an_edited_version_a_new_version_and_a_missing_programme() -> None:
    jan = dt.datetime(2026, 1, 1, tzinfo=SP)
    history = ProgrammeHistory([Version(OMID, "2026", jan, "module 007")])
    contract = Contract("S-1", "Exemplo", dt.date(2026, 3, 1), 12, Money("10000", "BRL"))
    sale = Sale("p", contract, dt.datetime(2026, 2, 10, 14, tzinfo=SP))
    tiers = {"p": Tier("Reseller", Money("0", "BRL"), Decimal("0.08"))}
    question = CommissionQuestion(
        "S-1", [sale], [], dt.date(2026, 1, 1), dt.date(2027, 1, 1), tiers
    )
    decision = decide(question, history)
    assert decision.answer.rate == Decimal("0.16")
    assert decision.version == "2026"
    # The 2026 version edited in place: a new hash and a new answer.
    edited = ProgrammeHistory([Version(_diamond_at(Decimal("0.15")), "2026", jan, "module 007")])
    problems = verify(decision, edited).problems
    assert len(problems) == 2
    assert "content hash" in problems[0]
    assert problems[1] == "the same inputs give a different answer"
    # A new version covering the decisive instant (the same content: the label differs).
    moved = ProgrammeHistory(
        [Version(OMID, "2026", jan, "s"), Version(OMID, "2026b", jan + dt.timedelta(days=1), "s")]
    )
    result = verify(decision, moved)
    assert not result
    assert "version 2026b of omid is in force" in result.problems[0]
    assert result.recomputed is not None
    assert result.recomputed.answer == decision.answer
    # No history of the programme, or none in force.
    assert not verify(decision, ZOHO)
    late = ProgrammeHistory([Version(OMID, "2027", dt.datetime(2027, 1, 1, tzinfo=SP), "s")])
    assert "no version of programme 'omid'" in verify(decision, late).problems[0]
    with pytest.raises(InvalidTypeError):
        verify("decision", history)  # type: ignore[arg-type]


def test_questions_refuse_bad_inputs_with_typed_errors() -> None:
    ticket = sample_portfolio().tickets[0]
    with pytest.raises(NaiveDatetimeError):
        StatusQuestion(ticket, dt.datetime(2026, 7, 1))
    with pytest.raises(InvalidTypeError):
        DeadlinesQuestion("T-1")  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError):
        DeadlinesQuestion(ticket, programme="Zoho Corp")
    portfolio = sample_portfolio()
    with pytest.raises(InvalidValueError, match="contract_id"):
        CommissionQuestion(
            "nope", portfolio.sales, [], dt.date(2026, 1, 1), dt.date(2027, 1, 1), portfolio.tiers
        )
    with pytest.raises(InvalidValueError, match="each contract sold once"):
        CommissionQuestion(
            "S-2001",
            [*portfolio.sales, portfolio.sales[0]],
            [],
            dt.date(2026, 1, 1),
            dt.date(2027, 1, 1),
            portfolio.tiers,
        )
    with pytest.raises(InvalidValueError, match="SLA policy"):
        decide(DeadlinesQuestion(ticket, programme="mcs"), SOURCE_PROGRAMMES)
    with pytest.raises(UnknownKeyError):
        decide(DeadlinesQuestion(ticket), OMID)
    with pytest.raises(InvalidTypeError):
        decide("question", ZOHO)
    with pytest.raises(InvalidValueError, match="one history per programme id"):
        decide(DeadlinesQuestion(ticket), [ZOHO, ZOHO])


def test_decisive_instants_of_the_questions() -> None:
    portfolio = sample_portfolio()
    questions = portfolio_questions(portfolio)
    quote = next(q for q in questions if isinstance(q, QuoteQuestion))
    assert quote.decisive_at() == dt.datetime.combine(quote.contract.start, dt.time(), SP)
    commission = next(q for q in questions if isinstance(q, CommissionQuestion))
    assert commission.decisive_at() == commission.sale().signed_at
    protection = [q for q in questions if isinstance(q, ProtectionQuestion)]
    d71 = next(q for q in protection if q.registration.deal_id == "D-71")
    assert d71.decisive_at() == d71.registration.status_updates[-1]
    d72 = next(q for q in protection if q.registration.deal_id == "D-72")
    assert d72.decisive_at() == d72.registration.registered_at
    early = ProtectionQuestion(d71.registration, d71.registration.registered_at)
    assert early.decisive_at() == d71.registration.registered_at


def test_every_source_rule_names_its_decisive_instant() -> None:
    """The catalogue lists a decisive instant for every rule id; a caller's rule has a default."""
    assert all(r.decisive and r.decisive != Rule("a.b", "d", "s", "t", "m").decisive for r in RULES)
    by_id = {r.id: r.decisive for r in RULES}
    assert "signature" in by_id["omid.campaign.first_sale_diamond"]
    assert "opening" in by_id["zoho.sla.matrix"]
    assert "status update" in by_id["mcs.deal.protection"]
    out = io.StringIO()
    assert cli.main(["catalogue", "--json"], out=out) == 0
    listed = {row["id"]: row["decisive"] for row in json.loads(out.getvalue())["rules"]}
    assert listed == by_id


# -- content hash --------------------------------------------------------------------------


@given(prs.programmes(), prs.programmes())
def test_the_hash_follows_equality(a: Programme, b: Programme) -> None:
    """Law: two programmes have the same hash exactly when they are equal."""
    assert (content_hash(a) == content_hash(b)) == (a == b)


@given(prs.programmes())
def test_the_hash_survives_a_file_round_trip(programme: Programme) -> None:
    again = structure(json.loads(json.dumps(unstructure(programme))), Programme)
    assert again == programme
    assert content_hash(again) == content_hash(programme)


@given(prs.programmes(), st.sampled_from(["name", "source", "rule", "sla", "campaign"]), st.data())
def test_the_hash_changes_when_any_value_changes(
    programme: Programme, part: str, data: st.DataObject
) -> None:
    """Law: changing one value of a programme changes its hash."""
    if part == "name":
        changed = attrs.evolve(programme, name=programme.name + " 2")
    elif part == "source":
        changed = attrs.evolve(programme, source=programme.source + ", amended")
    elif part == "rule":
        assume(programme.rules)
        rules = list(programme.rules)
        rules[0] = attrs.evolve(rules[0], statement=rules[0].statement + " Amended.")
        changed = attrs.evolve(programme, rules=rules)
    elif part == "sla":
        assume(programme.sla is not None)
        assert programme.sla is not None
        matrix = data.draw(prs.severity_matrices())
        assume(matrix != programme.sla.matrix)
        changed = attrs.evolve(programme, sla=attrs.evolve(programme.sla, matrix=matrix))
    else:
        assume(programme.commission is not None and programme.commission.campaigns)
        assert programme.commission is not None
        first = programme.commission.campaigns[0]
        rate = data.draw(prs.rates())
        assume(rate != first.rate)
        campaigns = (attrs.evolve(first, rate=rate), *programme.commission.campaigns[1:])
        changed = attrs.evolve(
            programme, commission=attrs.evolve(programme.commission, campaigns=campaigns)
        )
    assert changed != programme
    assert content_hash(changed) != content_hash(programme)


def test_the_hash_is_sha256_of_a_documented_canonical_form() -> None:
    """An independent oracle: the canonical JSON written by hand, hashed with hashlib."""
    rule = Rule("acme.sla.first_response", "Acme", "§2", "First response.", "sla")
    expected = {
        "$type": "Rule",
        "id": "acme.sla.first_response",
        "document": "Acme",
        "section": "§2",
        "statement": "First response.",
        "module": "sla",
        "decisive": "the instant the rule is asked about",
    }
    assert canonical_data(rule) == expected
    text = json.dumps(expected, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    assert content_hash(rule) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    # Equal decimals are one; instants are equal in any zone; sets are sorted.
    assert (
        canonical_data(Decimal("0.160")) == canonical_data(Decimal("0.16")) == {"$decimal": "16e-2"}
    )
    assert canonical_data(Decimal("-0")) == canonical_data(Decimal("0E+3"))
    at = dt.datetime(2026, 1, 1, tzinfo=SP)
    assert canonical_data(at) == canonical_data(at.astimezone(UTC))
    assert canonical_data(frozenset({"b", "a"})) == {"$set": ["a", "b"]}
    with pytest.raises(InvalidTypeError, match=r"value\[0\]"):
        content_hash((1.5,))
    with pytest.raises(InvalidValueError):
        content_hash(Decimal("NaN"))


def test_the_hash_is_the_same_in_another_process() -> None:
    """Stable across processes: another interpreter, another hash seed, the same hashes."""
    code = (
        "from partnerrules.programmes import SOURCE_PROGRAMMES as P\n"
        "from partnerrules.versions import content_hash\n"
        "print(' '.join(content_hash(p) for p in P))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out == [content_hash(p) for p in SOURCE_PROGRAMMES]


# -- what-if -------------------------------------------------------------------------------


@given(prs.programmes())
def test_comparing_with_the_same_programmes_changes_nothing(programme: Programme) -> None:
    portfolio = sample_portfolio()
    result = compare(portfolio, SOURCE_PROGRAMMES, SOURCE_PROGRAMMES)
    assert result.changed == ()
    assert all(t.commission_delta.amount == 0 for t in result.totals)
    assert len(result.changes) == len(portfolio_questions(portfolio))
    # A programme no question asks about changes nothing either.
    assert compare(portfolio, SOURCE_PROGRAMMES, programme).changed == ()


@given(prs.rates())
def test_moving_the_diamond_rate_moves_each_total_by_the_rate_difference(rate: Decimal) -> None:
    """Oracle: the change per partner is the sum over its campaign sales of the rounded
    commissions at the two rates, computed from the TCVs by hand."""
    portfolio = sample_portfolio()
    result = compare(portfolio, SOURCE_PROGRAMMES, _diamond_at(rate))
    first: dict[str, Sale] = {}
    for sale in sorted(portfolio.sales, key=lambda s: s.signed_at):
        if sale.signed_at.astimezone(SP).date() < portfolio.as_of:
            first.setdefault(sale.partner, sale)
    cent = Decimal("0.01")
    for total in result.totals:
        tcv = first[total.partner].contract.tcv.amount
        expected = (tcv * rate).quantize(cent, ROUND_HALF_EVEN) - (tcv * Decimal("0.16")).quantize(
            cent, ROUND_HALF_EVEN
        )
        assert total.commission_delta == Money(expected, "BRL")
    changed = {c.subject for c in result.changed}
    assert changed <= {s.contract.id for s in portfolio.sales}
    if rate != Decimal("0.16"):
        assert {s.contract.id for s in first.values()} <= changed


def test_a_history_as_candidate_decides_each_sale_under_its_own_version() -> None:
    """A candidate history whose 14 % version starts in April: only sales signed after it move."""
    portfolio = sample_portfolio()
    history = ProgrammeHistory(
        [
            Version(OMID, "2026", None, "module 007"),
            Version(
                _diamond_at(Decimal("0.14")), "2026-04", dt.datetime(2026, 3, 15, tzinfo=SP), "x"
            ),
        ]
    )
    result = compare(portfolio, SOURCE_PROGRAMMES, history)
    moved = {c.subject: c.candidate.version for c in result.changes if c.kind == "commission"}
    assert moved == {"S-2001": "2026", "S-2002": "2026-04", "S-3001": "2026-04"}
    assert {c.subject for c in result.changed} == {"S-2002", "S-3001"}


def test_the_command_line_compares_a_programme_file(tmp_path: Path) -> None:
    candidate = tmp_path / "omid-14.json"
    candidate.write_text(json.dumps(unstructure(_diamond_at(Decimal("0.14")))), encoding="utf-8")
    out = io.StringIO()
    assert cli.main(["run", "--compare", str(candidate), "--locale", "en_US"], out=out) == 0
    text = out.getvalue()
    assert "12 decisions compared, 3 changed" in text
    assert "parceiro-beta: R$38,400.00 -> R$33,600.00 (-R$4,800.00)" in text
    out = io.StringIO()
    assert cli.main(["run", "--compare", str(candidate), "--json"], out=out) == 0
    document = json.loads(out.getvalue())
    totals = {t["partner"]: t["delta"]["amount"] for t in document["totals"]}
    assert totals == {"parceiro-alfa": "-1920.00", "parceiro-beta": "-4800.00"}
    change = next(c for c in document["changes"] if c["subject"] == "S-3001")
    assert change["candidate"]["content_hash"] == content_hash(_diamond_at(Decimal("0.14")))
    history = EXAMPLES / "acme-history.toml"
    assert cli.main(["run", "--compare", str(history)], out=io.StringIO()) == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "omid"}', encoding="utf-8")
    err = io.StringIO()
    sys_stderr = sys.stderr
    try:
        sys.stderr = err
        assert cli.main(["run", "--compare", str(bad)], out=io.StringIO()) == 2
    finally:
        sys.stderr = sys_stderr
    assert "bad.json" in err.getvalue()


# -- stored decisions ----------------------------------------------------------------------


def test_a_decision_stored_as_json_verifies_when_read_back() -> None:
    """Every question of the sample portfolio: to_data -> JSON -> from_data -> verify."""
    from partnerrules.versions import Decision

    portfolio = sample_portfolio()
    edited = _diamond_at(Decimal("0.15"))
    for question in portfolio_questions(portfolio):
        decision = decide(question, SOURCE_PROGRAMMES)
        stored = json.loads(json.dumps(decision.to_data()))
        back = Decision.from_data(stored)
        assert back.question == decision.question
        assert back.answer is None
        assert back.answer_hash == decision.answer_hash == content_hash(decision.answer)
        assert (back.programme, back.version, back.content_hash) == (
            decision.programme,
            decision.version,
            decision.content_hash,
        )
        assert verify(back, SOURCE_PROGRAMMES)
        if isinstance(question, CommissionQuestion) and decision.answer.basis.value == "campaign":
            result = verify(back, [edited])
            assert not result
            assert result.problems[-1] == "the same inputs give a different answer"


def test_a_stored_decision_with_bad_data_is_refused_with_typed_errors() -> None:
    from partnerrules.convert import PolicyFormatError
    from partnerrules.versions import Decision

    question = portfolio_questions(sample_portfolio())[0]
    data = decide(question, SOURCE_PROGRAMMES).to_data()
    with pytest.raises(InvalidTypeError):
        Decision.from_data([data])
    with pytest.raises(UnknownKeyError, match=r"question\.kind"):
        Decision.from_data({**data, "question": {**data["question"], "kind": "Nope"}})
    with pytest.raises(PolicyFormatError):
        Decision.from_data({**data, "question": {**data["question"], "effective": "soon"}})
    with pytest.raises(InvalidValueError, match="decisive_at"):
        Decision.from_data({**data, "decisive_at": "yesterday"})
    with pytest.raises(InvalidTypeError, match="content_hash"):
        Decision.from_data({**data, "content_hash": None})
    with pytest.raises(InvalidValueError, match="answer_hash"):
        Decision(
            question,
            "omid",
            "current",
            content_hash(OMID),
            question.decisive_at(),
            decide(question, SOURCE_PROGRAMMES).answer,
            answer_hash="sha256:0",
        )


# -- a ticket's lifecycle across versions ----------------------------------------------------


def _lifecycle_case() -> tuple[object, object, dt.datetime]:
    from partnerrules import lifecycle as life

    t0 = dt.datetime(2026, 11, 23, 10, tzinfo=SP)
    policy = life.LifecyclePolicy(
        "Zoho lifecycle",
        "acme.support.lifecycle",
        ZOHO.sla,
        pausing_statuses={"waiting on customer": ["acknowledgement"]},
        counted_responses=["public"],
        resolution={},
        on_severity_change="keep elapsed",
        restart_on_reopen=[],
        notifications=[],
        escalations=[],
    )
    opened = life.Opened("T-1", t0, severity=2, category="slowness", level="Premium", country="BR")
    ticket = life.TicketHistory(
        [opened, life.StatusChanged(t0 + dt.timedelta(hours=1), "waiting on customer")]
    )
    return ticket, policy, t0


@given(zoho_versions, st.integers(1, 20 * 60), st.integers(0, 30 * 60))
def test_a_version_starting_during_a_ticket_is_a_policy_change_at_its_start(
    later: Programme, start_min: int, at_min: int
) -> None:
    """Law: the version in force at the opening answers; a later version decides from its start
    exactly as a PolicyChanged event recorded then; one starting after *at* changes nothing."""
    from partnerrules import lifecycle as life
    from partnerrules.questions import LifecycleQuestion

    ticket, policy, t0 = _lifecycle_case()
    start = t0 + dt.timedelta(minutes=start_min)
    at = t0 + dt.timedelta(minutes=at_min)
    history = ProgrammeHistory([Version(ZOHO, "v1", None, "s"), Version(later, "v2", start, "s")])
    decision = decide(LifecycleQuestion(ticket, at, policy), history)  # type: ignore[arg-type]
    assert decision.version == "v1"
    assert decision.decisive_at == t0
    if start <= at:
        assert later.sla is not None
        events = sorted(
            [*ticket.events, life.PolicyChanged(start, later.sla)],  # type: ignore[attr-defined]
            key=lambda e: _us(e.at),
        )
        expected = life.evaluate(life.TicketHistory(events), at, policy=policy)  # type: ignore[arg-type]
    else:
        expected = life.evaluate(ticket, at, policy=policy)  # type: ignore[arg-type]
        single = decide(LifecycleQuestion(ticket, at, policy), ZOHO)  # type: ignore[arg-type]
        assert single.answer == decision.answer
    assert decision.answer == expected
    assert verify(decision, history)


def test_a_lifecycle_decision_is_stored_and_read_back_with_its_events() -> None:
    from partnerrules.convert import PolicyFormatError
    from partnerrules.questions import LifecycleQuestion
    from partnerrules.versions import Decision

    ticket, policy, t0 = _lifecycle_case()
    question = LifecycleQuestion(ticket, t0 + dt.timedelta(hours=5), policy, zone=SP)  # type: ignore[arg-type]
    assert question.zone == "America/Sao_Paulo"
    decision = decide(question, ZOHO)
    data = json.loads(json.dumps(decision.to_data()))
    assert [e["event"] for e in data["question"]["ticket"]["events"]] == [
        "Opened",
        "StatusChanged",
    ]
    back = Decision.from_data(data)
    assert back.question == question
    assert verify(back, ZOHO)
    data["question"]["ticket"]["events"][1]["event"] = "Nope"
    with pytest.raises(UnknownKeyError, match="did you mean"):
        Decision.from_data(data)
    data["question"]["ticket"]["events"] = {}
    with pytest.raises(InvalidTypeError):
        Decision.from_data(data)
    data = decision.to_data()
    data["question"]["at"] = "later"
    with pytest.raises(PolicyFormatError):
        Decision.from_data(data)


def test_the_comparison_renders_in_the_chosen_locale() -> None:
    result = compare(sample_portfolio(), SOURCE_PROGRAMMES, _diamond_at(Decimal("0.14")))
    english = result.render("en_US")
    assert english.startswith("12 decisions compared, 3 changed")
    portuguese = result.render("pt_BR")
    assert portuguese.startswith("12 decisões comparadas, 3 mudaram")
    assert "comissão por parceiro: base -> candidata (diferença)" in portuguese
    assert "decisions compared" not in portuguese
    russian = result.render("ru")
    assert russian.startswith("решений сравнено: 12, изменилось: 3")
    assert "вознаграждение S-2001" in russian
    with pytest.raises(PartnerRulesError):
        result.render("xx_YY")


def test_the_base_question_asks_nothing_and_a_callers_question_works_with_decide() -> None:
    from partnerrules.questions import Question

    with pytest.raises(InvalidTypeError, match="subclass of Question"):
        Question().decisive_at()
    with pytest.raises(InvalidTypeError, match="subclass of Question"):
        Question().answer(ZOHO)
    with pytest.raises(InvalidTypeError, match="pairs"):
        Question().answer_in(ZOHO, [ZOHO])

    @attrs.frozen
    class RuleCount(Question):
        """A caller's question: how many rules the programme declares, asked at *at*."""

        at: dt.datetime
        programme: str = "zoho"

        def decisive_at(self) -> dt.datetime:
            return self.at

        def answer(self, programme: Programme) -> Rule:
            return programme.rules[0]

    jan = dt.datetime(2026, 1, 1, tzinfo=SP)
    history = ProgrammeHistory([Version(ZOHO, "2026", jan, "s")])
    decision = decide(RuleCount(jan + dt.timedelta(days=3)), history)
    assert decision.answer == ZOHO.rules[0]
    assert verify(decision, history)
