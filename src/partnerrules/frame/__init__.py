"""Columns in, columns out: the rule functions over whole tables (extra ``[frame]``).

The functions here take a ``pandas.DataFrame`` or a ``pyarrow.Table``
and return a table of the same kind, one result row per input row, in the
same order (a DataFrame keeps its index): :func:`sla_deadlines` and
:func:`sla_status` (ticket columns below), :func:`commission_releases`
(payments) and :func:`protection_status` (deal registrations); and
:func:`commission_statements`, one row per line of the partners' statements
(its docstring says which). They give the
same answers as the scalar functions they are named after, row by row
(property tests check it on every column), but compute with numpy over the
compiled calendars and the policy tables: each kind of ticket (severity,
category, level, country, subdivision, zone) is planned once, then the rows
of each calendar are answered in chunks by a few table lookups over the
calendar's compiled years. No Python object is built per row; rows the
kernels do not take (bad values, instants at the edge of the calendar
horizon) are answered by the scalar functions, one by one.

Install with ``pip install 'partnerrules[frame]'`` (numpy, pandas, pyarrow).
``import partnerrules`` never imports them; ``import partnerrules.frame`` does.

>>> import datetime as dt
>>> import pandas as pd
>>> from partnerrules import frame
>>> sp = "America/Sao_Paulo"
>>> tickets = pd.DataFrame({
...     "id": ["T-1", "T-2", "T-3"],
...     "opened_at": pd.to_datetime(["2026-11-20 22:30", "2026-11-21 10:00",
...                                  "2026-11-23 09:00"]).tz_localize(sp),
...     "severity": [1, 1, 9],
...     "category": ["slowness", "downtime", "slowness"],
...     "level": ["Premium", "Premium", "Premium"],
...     "country": ["BR", "BR", "BR"],
... })
>>> due = frame.sla_deadlines(tickets, errors="report")
>>> due["ack_limit_at"].dt.tz_convert(sp).dt.strftime("%a %d %H:%M").tolist()
['Mon 23 01:30', 'Sat 21 13:00', nan]
>>> due["error_type"][2], "9" in due["error"][2]
('UnknownKeyError', True)

Bad rows
--------

A row the scalar API would refuse (a blank id, a naive or missing opening, a
severity the policy's matrix lacks, an unknown category or country, a response
before the opening...) is never dropped. With ``errors="raise"`` (the
default) the first such row, in table order, raises the scalar API's own
exception, with the same type and message, and a note naming the row index
and id. With ``errors="report"`` every row gets a result row: a bad row has
``error_type`` (the exception's class name, such as ``"UnknownKeyError"``)
and ``error`` (its message, exactly ``str()`` of the scalar API's
exception), and null results; good rows have null ``error_type`` and
``error``.

Ticket columns
--------------

========================  ==================================================================
column                    contents
========================  ==================================================================
``id``                    text, non-blank (``Ticket.id``)
``opened_at``             timezone-aware timestamps, any unit (``Ticket.opened_at``); the
                          column's zone is the zone the opening carries (Appendix B runs on
                          it unless ``zone`` says otherwise); nanoseconds are floored to the
                          microsecond
``severity``              integers 1-3, or text the scalar API takes (``"1"``)
``category``              text: a :class:`~partnerrules.sla.Category` value (``"downtime"``)
``level``                 text: a :class:`~partnerrules.sla.PartnerLevel` value (``"Premium"``)
``country``               text: ISO 3166-1 alpha-2 code (``"BR"``)
``subdivision``           optional text, nullable (``"SP"``)
``zone``                  optional text, nullable: the customer's IANA zone (``Ticket.zone``)
``first_response_at``     optional aware timestamps, nullable: the first response (the
                          ticket's only response, ``Ticket.responses``)
``paused_at``             optional aware timestamps, nullable: the start of the ticket's one
                          pause waiting on the customer
``resumed_at``            optional aware timestamps, nullable: its end (null while the pause
                          is still open)
========================  ==================================================================

Low-cardinality text columns are fastest as ``category`` (pandas) or
dictionary (Arrow) columns. Other columns are ignored. A row stands for the
scalar ticket ``Ticket(id, opened_at, severity=..., category=..., level=...,
country=..., subdivision=..., zone=..., responses=(first_response_at,),
pauses=((paused_at, resumed_at),))``, with a null response or pause left
out. A ticket with several responses or pauses gives them as events.

Ticket events
-------------

Instead of the three optional columns above, :func:`sla_deadlines` and
:func:`sla_status` take ``events=``: a long table (the same kind as the
tickets) with one row per response, pause or resumption, any number per
ticket, in any order:

========================  ==================================================================
column                    contents
========================  ==================================================================
``id``                    text: the ``id`` of a ticket of the tickets table
``event``                 text: ``"response"``, ``"paused"`` (the clock stops, waiting on the
                          customer) or ``"resumed"`` (it runs again)
``at``                    timezone-aware timestamps, any unit
========================  ==================================================================

A ticket's events count in time order (ties in table order): each
``"paused"`` opens a pause and the next ``"resumed"`` closes it, so a row
stands for ``Ticket(..., responses=(every response), pauses=((paused,
resumed), ...))``, the last pause open when no ``"resumed"`` follows. Each
ticket's ``pd_`` columns are then its latest problem-determination window.

What is refused: an events table beside the three ticket columns
(:class:`~partnerrules.errors.InvalidValueError`), and an event whose ``id``
no ticket has (:class:`~partnerrules.errors.UnknownKeyError`, naming the
events row; raised in both *errors* modes, as there is no ticket row to
report it on). A ticket whose id the tickets table gives twice (when events
name that id: they could be either's), an unknown
``event``, a ``"resumed"`` with no pause open, or an instant the scalar API
refuses (naive, before the opening, a pause that overlaps the one before)
makes that ticket's row bad, like any bad row.

>>> events = pd.DataFrame({
...     "id": ["T-1", "T-1", "T-1", "T-1"],
...     "event": ["paused", "resumed", "response", "response"],
...     "at": pd.to_datetime(["2026-11-20 23:00", "2026-11-21 08:00",
...                           "2026-11-21 09:00", "2026-11-23 10:00"]).tz_localize(sp),
... })
>>> due = frame.sla_deadlines(tickets.iloc[:2], events=events)
>>> due["ack_limit_at"].dt.tz_convert(sp).dt.strftime("%a %d %H:%M").tolist()
['Mon 23 02:30', 'Sat 21 13:00']
>>> due["pd_limit_at"].dt.tz_convert(sp).dt.strftime("%a %d %H:%M").tolist()
['Mon 23 18:00', nan]

T-1 waited on the customer for one open hour of its 24x5 clock (Friday 23:00
to midnight), so its acknowledgement is due an hour later; its updates recur,
so ``pd_`` is the window of the Monday response (the Saturday one's window
ended at 08:00 on Monday).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal
from zoneinfo import ZoneInfo

from partnerrules.commission import SAO_PAULO, CommissionPlan, SaleCommission, Tier
from partnerrules.contracts import ACTUAL_ACTUAL, Proration
from partnerrules.frame import _commission, _deals, _sla, _statements
from partnerrules.sla import SlaPolicy

__all__ = [
    "commission_releases",
    "commission_statements",
    "protection_status",
    "sla_deadlines",
    "sla_status",
]

Errors = Literal["raise", "report"]


def sla_deadlines(
    table: Any,
    *,
    policy: SlaPolicy | None = None,
    zone: str | ZoneInfo | None = None,
    errors: Errors = "raise",
    events: Any = None,
) -> Any:
    """Return the deadlines of every ticket of *table* (:func:`partnerrules.sla.deadlines`).

    Rules ``zoho.sla.matrix`` and ``zoho.sla.weekday_clock`` with the default
    policy :data:`~partnerrules.sla.ZOHO`, the policy's own rule otherwise
    (``appb.first_response.one_business_day`` with
    :data:`~partnerrules.sla.APPENDIX_B`).

    Args:
        table: a ``pandas.DataFrame`` or ``pyarrow.Table`` of tickets (see
            *Ticket columns* above).
        policy: the SLA policy (default :data:`~partnerrules.sla.ZOHO`).
        zone: the zone of the built-in clocks, as in the scalar function.
        errors: ``"raise"`` or ``"report"`` (see *Bad rows* above).
        events: a table of the tickets' responses and pauses, any number of
            each (see *Ticket events* above), instead of the ticket columns.

    Returns:
        A table of the input's kind with one row per ticket, in order, and
        these columns.

        ==================  ========================================================
        ``id``              the ticket's id, as given
        ``exempt``          True when no commitment applies (no deadline)
        ``clock``           the clock's kind (``"24x5"``, ``"24x7"``,
                            ``"support hours"``, ``"calendar"``); null when exempt
        ``zone``            the clock's IANA zone; null when exempt
        ``ack_target_at``   acknowledgement: past this instant the ticket is at risk
        ``ack_limit_at``    acknowledgement: past this instant it is breached
        ``pd_target_at``    the latest problem-determination window (the one
                            the last response starts when the window recurs,
                            else the first's): its target...
        ``pd_limit_at``     ... and its limit (null without a response)
        ``rule_ids``        the ids of the rules the scalar result's reasons cite,
                            comma-separated, in the order they cite them
        ``error_type``      the exception class of a bad row (else null)
        ``error``           its message (else null)
        ==================  ========================================================

        Instants are UTC timestamps (microseconds); the ``zone`` column gives
        the clock's zone for wall times. A target or limit is null when
        there is no such window or an open pause holds the clock.

    Raises:
        InvalidTypeError: *table* is not a DataFrame or Table, or *policy* not
            an :class:`~partnerrules.sla.SlaPolicy`.
        InvalidValueError: a required column is missing, or *errors* is not
            ``"raise"`` or ``"report"``.
        PartnerRulesError: with ``errors="raise"``, what the scalar function
            raises for the first bad row.
    """
    return _sla.deadlines(table, policy, zone, errors, events)


def sla_status(
    table: Any,
    at: dt.datetime,
    *,
    policy: SlaPolicy | None = None,
    zone: str | ZoneInfo | None = None,
    errors: Errors = "raise",
    events: Any = None,
) -> Any:
    """Return the state of every ticket's windows at *at* (:func:`partnerrules.sla.status`).

    Same rules and policy as :func:`sla_deadlines`. A window is ``at risk``
    past its target, ``breached`` past its limit, ``met`` when answered by the
    limit and ``met late`` after it, ``paused`` while an open pause holds it,
    ``exempt`` when no commitment applies. Responses and pauses after *at* are
    ignored, as in the scalar function.

    >>> import pandas as pd
    >>> from partnerrules import frame
    >>> tickets = pd.DataFrame({
    ...     "id": ["A", "B", "C"],
    ...     "opened_at": pd.to_datetime(["2026-11-23 09:00"] * 3).tz_localize("UTC"),
    ...     "severity": [1, 2, 3], "category": "slowness", "level": "Premium",
    ...     "country": "BR",
    ... })
    >>> now = pd.Timestamp("2026-11-23 16:00", tz="UTC").to_pydatetime()
    >>> frame.sla_status(tickets, now)["ack_state"].tolist()
    ['breached', 'at risk', 'running']

    Args:
        table: a ``pandas.DataFrame`` or ``pyarrow.Table`` of tickets.
        at: the instant of the status (aware).
        policy: the SLA policy (default :data:`~partnerrules.sla.ZOHO`).
        zone: the zone of the built-in clocks, as in the scalar function.
        errors: ``"raise"`` or ``"report"``.
        events: a table of the tickets' responses and pauses (see *Ticket
            events* above), instead of the ticket columns.

    Returns:
        A table with one row per ticket, and the columns ``id``, ``exempt``, ``clock``,
        ``zone`` as in :func:`sla_deadlines`; for the acknowledgement window
        (``ack_``) and the latest problem-determination window by *at* (``pd_``,
        null until a response by *at*; see
        :attr:`~partnerrules.sla.TicketStatus.problem_determination`): ``*_state`` (a
        :class:`~partnerrules.sla.ClockState` value), ``*_elapsed`` (unpaused
        business time used), ``*_remaining`` (limit less elapsed, negative
        past the limit; null when exempt), ``*_target_at`` (at-risk instant),
        ``*_limit_at`` (breach instant); then ``rule_ids``, ``error_type``
        and ``error``. Durations are timedeltas in microseconds.

    Raises:
        NaiveDatetimeError: *at* has no zone.
        InvalidTypeError: *table*, *at* or *policy* of the wrong type.
        InvalidValueError: a required column is missing, or a bad *errors*.
        PartnerRulesError: with ``errors="raise"``, what the scalar function
            raises for the first bad row.
    """
    return _sla.status(table, at, policy, zone, errors, events)


def commission_releases(
    payments: Any,
    commissions: Iterable[SaleCommission],
    *,
    cancelled: Mapping[str, dt.date] | None = None,
    as_of: dt.datetime | None = None,
    convention: Proration | str = ACTUAL_ACTUAL,
    errors: Errors = "raise",
) -> Any:
    """Release commission payment by payment (:func:`partnerrules.commission.release_commission`).

    Rule ``omid.commission.paid_on_collection`` (§2.2: commission is paid as
    the customer settles the invoices). For each contract, payments count in
    the order they were paid (ties by payment id); after each one the total
    released is ``commission x collected / TCV`` rounded half-even to the
    centavo, and the payment releases the increase. Amounts are exact integer
    centavos throughout: no float, no ``Decimal`` per row.

    Payment columns: ``payment_id`` (text), ``contract_id`` (text: the
    contract the payment belongs to), ``invoice_id`` (text,
    ``"<contract id>/<number>"``), ``amount`` (integer centavos, > 0) and
    ``paid_at`` (aware timestamps). A row stands for the scalar
    ``Payment(payment_id, invoice_id, Money(amount / 100, "BRL"), paid_at)``,
    passed with the other rows of its contract, in table order, to
    ``release_commission(commission, payments, cancelled_on=...,
    as_of=..., convention=...)``.

    Each contract's commission and invoice schedule come from its
    :class:`~partnerrules.commission.SaleCommission` (one per contract,
    e.g. from :func:`~partnerrules.commission.sale_commissions`); the
    schedule is computed once per contract, the payments with numpy.

    >>> import datetime as dt
    >>> import pandas as pd
    >>> from partnerrules import brl, frame
    >>> from partnerrules.commission import Sale, Tier, sale_commissions
    >>> from partnerrules.contracts import Contract
    >>> sp = dt.timezone(dt.timedelta(hours=-3))
    >>> sale = Sale("alfa", Contract("C-1", "ACME", dt.date(2026, 2, 1), 12, brl("10000")),
    ...             dt.datetime(2026, 1, 20, tzinfo=sp))
    >>> lines = sale_commissions([sale], standard_tiers={"alfa": Tier("Reseller", brl(0), "0.08")})
    >>> payments = pd.DataFrame({
    ...     "payment_id": ["P-1", "P-2", "P-3"], "contract_id": "C-1",
    ...     "invoice_id": ["C-1/1", "C-1/2", "C-1/2"],
    ...     "amount": [1_000_000, 400_000, 600_000],
    ...     "paid_at": pd.to_datetime(["2026-02-10", "2026-03-10", "2026-03-20"], utc=True),
    ... })
    >>> frame.commission_releases(payments, lines)["released"].tolist()
    [160000, 64000, 96000]

    Args:
        payments: a ``pandas.DataFrame`` or ``pyarrow.Table`` of payments.
        commissions: the commission of each contract paid.
        cancelled: contract id to the day it was cancelled, for cancelled contracts.
        as_of: count only payments made before this aware instant.
        convention: the proration of the invoice schedules, as billed.
        errors: ``"raise"`` or ``"report"`` (see *Bad rows* above). A bad
            payment refuses its whole contract, as the scalar function does:
            every row of that contract reports the error.

    Returns:
        A table of the input's kind with one row per payment, in order, and
        the columns ``payment_id``, ``contract_id``, ``counted`` (True when the
        payment releases: before *as_of* and not a replay), ``replayed`` (the
        same payment given again, ignored), ``released`` (centavos this
        payment releases), ``released_total`` (centavos released by the
        contract's payments up to and including this one), ``error_type`` and
        ``error``. Integer columns are nullable (null when not counted).

    Raises:
        InvalidTypeError: a table or commission of the wrong type.
        InvalidValueError: a missing column or a bad *errors*.
        PartnerRulesError: with ``errors="raise"``, what the scalar function
            raises for the first contract with a bad payment (or an
            ``UnknownKeyError`` for a ``contract_id`` no commission was given for).
    """
    return _commission.releases(payments, commissions, cancelled, as_of, convention, errors)


def commission_statements(
    sales: Any,
    payments: Any,
    *,
    start: dt.date,
    end: dt.date,
    standard_tiers: Mapping[str, Tier],
    cancellations: Mapping[str, dt.date] | None = None,
    plan: CommissionPlan | None = None,
    zone: dt.tzinfo = SAO_PAULO,
    convention: Proration | str = ACTUAL_ACTUAL,
    errors: Errors = "raise",
) -> Any:
    """Every partner's commission statement lines for ``[start, end)``, as one table.

    The columnar :func:`partnerrules.commission.commission_statements`. Rules
    ``omid.campaign.first_sale_diamond`` (a partner's first sale of each
    calendar year earns the Diamond rate; or the campaigns of a caller's
    *plan*), ``omid.tier.by_annual_tcv`` (every other sale earns its
    partner's standard tier rate) and ``omid.commission.paid_on_collection``
    (the commission is released as the customer pays: ``commission x
    collected / TCV``, rounded half-even to the centavo, counting the
    payments made before *end*).

    One result row per statement line: each sale signed in the period (dates
    of *zone*), sorted as the scalar statements list them: by partner, then
    by signature instant, then by contract id. Pass *every* sale of the year
    (and earlier ones if you like): a sale signed before *start* is not a
    line, but it may have taken the campaign. Amounts are exact integer
    centavos (nullable ``Int64`` / ``int64``), never floats. A partner's
    totals are a ``groupby``, and equal the scalar statement's::

        lines.groupby("partner")[["commission", "released", "pending", "forfeited"]].sum()

    Sales columns (one row per sale; a row stands for ``Sale(partner,
    Contract(contract_id, customer, start, months, Money(monthly / 100,
    "BRL")), signed_at)``):

    ===============  =============================================================
    ``partner``      text: the partner who sold it (has a tier in *standard_tiers*)
    ``contract_id``  text: the contract's id, each sold once
    ``customer``     text: who signed it
    ``start``        dates (Arrow ``date32``, pandas ``object`` column of
                     ``datetime.date``; naive midnight timestamps are taken as
                     their date): the first day of service
    ``months``       integers: the term in months
    ``monthly``      integers: the monthly value (MRR) in centavos
    ``signed_at``    aware timestamps: when it was signed
    ===============  =============================================================

    A contract with addenda or a loyalty discount needs the scalar API.
    Payment columns: ``payment_id`` (text), ``invoice_id`` (text, ``"<contract
    id>/<number>"``), ``amount`` (integer centavos, > 0) and ``paid_at``
    (aware timestamps), as for :func:`commission_releases` (whose
    ``contract_id`` column is not needed: as in the scalar function, a
    payment's contract is the part of its invoice id before the last ``/``).
    A row stands for ``Payment(payment_id, invoice_id, Money(amount / 100,
    "BRL"), paid_at)``; a payment id given again with the same content is
    ignored, as in the scalar function.

    The sales are read into arrays, and each campaign's choice of sales, the
    rates and the commissions are worked out with numpy, as the scalar
    ``sale_commissions`` does them (rows the checks doubt are built as scalar
    ``Sale`` objects, which give their error); the payments are checked,
    matched to their invoices and summed per contract with numpy, never as
    one Python object per row. A contract with a payment the scalar
    statement would refuse is answered by the scalar code, which gives the
    error.

    >>> import datetime as dt
    >>> import pandas as pd
    >>> from partnerrules import brl, frame
    >>> from partnerrules.commission import Tier
    >>> sales = pd.DataFrame({
    ...     "partner": ["alfa", "alfa", "beta"],
    ...     "contract_id": ["C-1", "C-2", "C-3"],
    ...     "customer": "ACME",
    ...     "start": [dt.date(2026, 2, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 1)],
    ...     "months": 12,
    ...     "monthly": [1_000_000, 500_000, 200_000],
    ...     "signed_at": pd.to_datetime(["2026-01-20 10:00", "2026-02-20 10:00",
    ...                                  "2026-02-25 10:00"]).tz_localize("America/Sao_Paulo"),
    ... })
    >>> payments = pd.DataFrame({
    ...     "payment_id": ["P-1", "P-2", "P-3"],
    ...     "invoice_id": ["C-1/1", "C-2/1", "C-3/1"],
    ...     "amount": [1_000_000, 500_000, 200_000],
    ...     "paid_at": pd.to_datetime(["2026-02-10", "2026-03-10", "2026-03-10"], utc=True),
    ... })
    >>> tiers = {p: Tier("Reseller", brl(0), "0.08") for p in ("alfa", "beta")}
    >>> lines = frame.commission_statements(
    ...     sales, payments, start=dt.date(2026, 1, 1), end=dt.date(2026, 4, 1),
    ...     standard_tiers=tiers)
    >>> lines[["partner", "contract_id", "rate", "commission", "released", "pending"]]
      partner contract_id  rate  commission  released  pending
    0    alfa         C-1  0.16     1920000    160000  1760000
    1    alfa         C-2  0.08      480000     40000   440000
    2    beta         C-3  0.16      384000     32000   352000
    >>> lines["rule_ids"][1]
    'omid.tier.by_annual_tcv,omid.commission.paid_on_collection'
    >>> lines.groupby("partner")["released"].sum().to_dict()
    {'alfa': 200000, 'beta': 32000}

    Args:
        sales: a ``pandas.DataFrame`` or ``pyarrow.Table`` of sales.
        payments: a ``pandas.DataFrame`` or ``pyarrow.Table`` of payments.
        start: first day of the period.
        end: the day after the last (exclusive).
        standard_tiers: each partner's standard tier.
        cancellations: contract id -> day it was cancelled (its invoices from
            then on fall away: their commission is *forfeited*).
        plan: the commission plan whose campaigns apply; None is the Omid
            pack's ``COMMISSION_PLAN``.
        zone: the zone of the period's dates and of the campaign years, as in
            the scalar function (São Paulo).
        convention: the invoice proration, as billed.
        errors: ``"raise"`` or ``"report"``. A bad sales row (one the scalar
            ``Sale``, ``Contract`` or statements refuse: a blank id, a naive
            signature, a contract sold twice, a partner with no tier...)
            and a bad payment row (a ``Payment`` the scalar API refuses, an id
            reused for another payment, an invoice of a contract no sale has)
            are never dropped. With ``"raise"`` the first one, sales before
            payments, in table order, raises the scalar API's own exception
            (same type and message) with a note naming the row; a payment
            beyond what its invoice owes, of an invoice the contract lacks or
            that fell away with a cancellation, raises what the scalar statement
            raises, naming the contract. With ``"report"``, a line with such a
            payment, and every line of a partner with a bad sales row (which
            of its sales is the first of the year is then unknown), has null
            amounts and the error; bad rows that are no line (a bad sale
            outside the period, a payment of an unknown contract) come after
            the lines, in table order.

    Returns:
        A table of the *sales* table's kind, with these columns.

        ===============  ========================================================
        ``partner``      the partner
        ``contract_id``  the contract (for a bad payment row: the contract its
                         invoice id names)
        ``rate``         the rate applied, as text, exactly as the scalar line's
                         ``Decimal`` (``"0.16"``)
        ``commission``   the sale's commission, in centavos
        ``released``     released by payments made before *end*, in centavos
        ``pending``      still to be released as the customer pays
        ``forfeited``    never to be released (cancelled invoices)
        ``rule_ids``     the ids of the rules the scalar line's reasons cite,
                         comma-separated, in the order they cite them, once each
                         (``omid.campaign.first_sale_diamond,
                         omid.commission.paid_on_collection`` for a campaign
                         sale)
        ``error_type``   the exception class of a bad row (else null)
        ``error``        its message (else null)
        ===============  ========================================================

    Raises:
        InvalidTypeError: a table, tier, plan or date of the wrong type.
        InvalidValueError: a missing column, an empty period or a bad *errors*.
        PartnerRulesError: with ``errors="raise"``, what the scalar API
            raises for the first bad row.
    """
    return _statements.statements(
        sales, payments, start, end, standard_tiers, cancellations, plan, zone, convention, errors
    )


def protection_status(
    registrations: Any,
    at: dt.datetime,
    *,
    window_months: int = 3,
    errors: Errors = "raise",
) -> Any:
    """Say whether each registered deal is protected at *at* (rule ``mcs.deal.protection``).

    The columnar :func:`partnerrules.deals.protection_status`. Rule
    ``mcs.deal.protection`` (seed 002, "Конфликт интересов"): a deal is
    protected through ``last activity + window_months`` on the wall clock of
    the registration's zone (month ends clamp), and lapsable after it.

    Registration columns: ``deal_id``, ``partner``, ``bdm`` (text) and
    ``registered_at`` (aware timestamps; the column's zone is the
    registration's), and optionally ``last_update_at`` (aware, nullable: the
    latest status update the CRM holds). A row stands for the scalar
    ``DealRegistration(deal_id, customer=..., partner=..., registered_at=...,
    bdm=..., status_updates=(last_update_at,))``; protection does not depend
    on the customer, so the columns carry none. An update after *at* is not
    known at *at* and is ignored, as in the scalar function.

    >>> import datetime as dt
    >>> import pandas as pd
    >>> from partnerrules import frame
    >>> deals = pd.DataFrame({
    ...     "deal_id": ["D-1", "D-2"], "partner": "alfa", "bdm": "Olga",
    ...     "registered_at": pd.to_datetime(["2026-11-30 10:00", "2026-08-31 10:00"])
    ...         .tz_localize("America/Sao_Paulo"),
    ... })
    >>> now = dt.datetime(2027, 1, 15, 12, tzinfo=dt.UTC)
    >>> got = frame.protection_status(deals, now)
    >>> got["state"].tolist()
    ['protected', 'lapsable']
    >>> got["protected_until"].dt.tz_convert("America/Sao_Paulo").dt.strftime("%d %b %Y").tolist()
    ['28 Feb 2027', '30 Nov 2026']

    Args:
        registrations: a ``pandas.DataFrame`` or ``pyarrow.Table``.
        at: the instant to evaluate (aware).
        window_months: months without a status update before protection
            becomes lapsable (MCS pack: 3).
        errors: ``"raise"`` or ``"report"`` (see *Bad rows* above); a row
            with *at* before its registration is a bad row.

    Returns:
        A table with one row per registration and the columns ``deal_id``,
        ``state`` (``"protected"`` or ``"lapsable"``), ``last_activity`` and
        ``protected_until`` (the lapse instant: the last protected instant,
        UTC), ``rule_ids``, ``error_type`` and ``error``.

    Raises:
        InvalidTypeError: a table or *at* of the wrong type.
        NaiveDatetimeError: *at* has no zone.
        InvalidValueError: a missing column, a bad *errors* or *window_months*.
        PartnerRulesError: with ``errors="raise"``, what the scalar function
            raises for the first bad row.
    """
    return _deals.protection(registrations, at, window_months, errors)
