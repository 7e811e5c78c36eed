"""Strategies of :mod:`partnerrules.testing.strategies`: programmes (private)."""

import attrs
from hypothesis import strategies as st

from partnerrules._public import home
from partnerrules.catalogue import Rule
from partnerrules.errors import InvalidValueError
from partnerrules.programmes import Programme
from partnerrules.sla import (
    SlaPolicy,
)
from partnerrules.testing._strategies._checks import checked, count, ordered
from partnerrules.testing._strategies._commission import commission_plans, namespaces, rule_ids
from partnerrules.testing._strategies._common import (
    _DAY,
    _EPOCH,
    _US,
    FIRST_INSTANT,
    LAST_INSTANT,
    _at,
)
from partnerrules.testing._strategies._sla import sla_policies
from partnerrules.testing._strategies._time import zones
from partnerrules.versions import ProgrammeHistory, Version

# -- programmes ----------------------------------------------------------------------------


@checked()
@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    """Draw a caller's :class:`~partnerrules.programmes.Programme`.

    A namespace from :func:`namespaces`, an optional :func:`sla_policies`
    policy and an optional :func:`commission_plans` plan in that namespace,
    and the rules it declares: every rule its policies cite (the SLA rule, each
    campaign's, the tier rule) and up to three more.
    """
    ns = draw(namespaces())
    policy = draw(st.none() | sla_policies(namespace=ns))
    plan = draw(st.none() | commission_plans(namespace=ns))
    cited = [policy.rule_id] if policy is not None else []
    if plan is not None:
        cited += [c.rule_id for c in plan.campaigns] + [plan.tier_rule]
    extra = draw(st.lists(rule_ids(namespace=ns), max_size=3))
    title = f"{ns.title()} partner guide"
    rules = [
        Rule(rule_id, title, f"§{n}", f"Rule {n} of the {ns} programme.", "sla")
        for n, rule_id in enumerate(dict.fromkeys([*cited, *extra]), start=1)
    ]
    return Programme(ns, f"{ns.title()} partners", title, rules, sla=policy, commission=plan)


@checked(ordered("min_size", "max_size"), min_size=count(1), max_size=count(1))
@st.composite
def programme_histories(
    draw: st.DrawFn,
    *,
    versions: st.SearchStrategy[Programme] | None = None,
    min_size: int = 1,
    max_size: int = 4,
) -> ProgrammeHistory:
    """Draw a :class:`~partnerrules.versions.ProgrammeHistory` of *min_size* to *max_size* versions.

    The versions' programmes come from *versions*, which must draw programmes
    of one id (by default: one :func:`programmes` value, renamed per version,
    and sometimes with a newly drawn SLA policy under the same rule id). The
    versions start at distinct :func:`instants` in order (the first often
    "since always", ``None``), some end early with an ``until`` (a declared
    gap before the next version, or an end of the last), labels are
    ``v1``, ``v2``, ...
    """
    if versions is None:
        base = draw(programmes())

        def variant(n: int, policy: SlaPolicy | None) -> Programme:
            changed = attrs.evolve(base, name=f"{base.name} edition {n}")
            if policy is not None and base.sla is not None:
                policy = attrs.evolve(policy, rule_id=base.sla.rule_id)
                changed = attrs.evolve(changed, sla=policy)
            return changed

        versions = st.builds(
            variant, st.integers(1, 9), st.none() | sla_policies(namespace=base.id)
        )
    count = draw(st.integers(min_size, max_size))
    values = [draw(versions) for _ in range(count)]
    if len({v.id for v in values}) > 1:
        raise InvalidValueError(
            "versions", versions, "a strategy drawing programmes of one id (one namespace)"
        )
    lo, hi = (FIRST_INSTANT - _EPOCH) // _US, (LAST_INSTANT - _EPOCH) // _US
    starts = sorted(
        draw(st.lists(st.integers(lo, hi), min_size=count, max_size=count, unique=True))
    )
    zone = draw(zones())
    since_always = draw(st.booleans())
    found = []
    for i, (programme, start) in enumerate(zip(values, starts, strict=True)):
        end = starts[i + 1] if i + 1 < count else hi + _DAY
        until = None
        if draw(st.integers(0, 3)) == 0 and end - start > 1:
            until = _at(draw(st.integers(start + 1, end)), zone)
        found.append(
            Version(
                programme,
                f"v{i + 1}",
                None if i == 0 and since_always else _at(start, zone),
                f"{programme.source}, edition {i + 1}",
                until=until,
            )
        )
    return ProgrammeHistory(found)


home("partnerrules.testing.strategies", globals())
