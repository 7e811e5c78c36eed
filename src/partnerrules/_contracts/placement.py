"""Residency (§3.6, §3.7) and responsibilities (§5.1, §5.2).

Private: import these names from :mod:`partnerrules.contracts`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import attrs

from partnerrules import _validate
from partnerrules._contracts.common import _REASONS, _TEXT, _table
from partnerrules._public import home
from partnerrules.decisions import Reason
from partnerrules.errors import UnknownKeyError
from partnerrules.policies import omid

# -- residency (§3.6, §3.7) ---------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    for sep in "-_./":
        plain = plain.replace(sep, " ")
    return " ".join(plain.split())


@attrs.frozen
class PlacementDecision:
    """Whether data may be placed at a site (rule ``omid.residency.brazil_only``).

    Attributes:
        allowed: whether the site is one of the Brazilian datacentres.
        site: the site as given.
        code: the matched site code (``'SP'`` or ``'RJ'``), or None.
        reasons: why.
    """

    allowed: bool = attrs.field(validator=_validate.boolean_field)
    site: str = attrs.field(validator=_validate.instance_of(str, "a str"))
    code: str | None = attrs.field(validator=_validate.optional_instance_of(str, "a str or None"))
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def check_placement(
    site: str,
    *,
    sites: Mapping[str, str] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> PlacementDecision:
    """Check a data placement stays in Brazil (rule ``omid.residency.brazil_only``, §3.6, §3.7).

    Accepted: the site codes (``SP``, ``RJ``), the ISO 3166-2 state codes
    (``BR-SP``, ``BR-RJ``) and the site names, in any case, with or without
    accents, with spaces, hyphens or underscores between words
    (``"São Paulo"``, ``"sao-paulo"``, ``"RIO_DE_JANEIRO"``). Anything else is
    refused with the reason. *sites* (code -> name) and *aliases* (alias ->
    code) are the Omid pack's when None (``DATACENTRE_SITES``, ``SITE_ALIASES``).

    Raises:
        InvalidTypeError: *site* is not a string, or *sites* or *aliases* is
            not a mapping of str to str.
        InvalidValueError: *site* is blank.

    >>> check_placement("sao paulo").code
    'SP'
    >>> print(check_placement("us-east-1").reasons[0])
    refused: us-east-1 is not an Omid datacentre; data stays in Brazil, at São Paulo or
    Rio de Janeiro
    """
    site = _validate.text("site", site)
    # None stands for the Omid pack's tables (kept out of the signature: help() stays short).
    sites = _table("sites", omid.DATACENTRE_SITES if sites is None else sites)
    aliases = _table("aliases", omid.SITE_ALIASES if aliases is None else aliases)
    known = {_fold(code): code for code in sites}
    known.update({_fold(name): code for code, name in sites.items()})
    known.update({_fold(alias): code for alias, code in aliases.items() if code in sites})
    code = known.get(_fold(site))
    rid = "omid.residency.brazil_only"
    names = " or ".join(sites.values())
    if code is None:
        reason = Reason.of(
            rid,
            "refused: {site} is not an Omid datacentre; data stays in Brazil, at {sites}",
            site=site,
            sites=names,
        )
    else:
        reason = Reason.of(
            rid,
            "accepted: {site} is the {name} datacentre, in Brazil",
            site=site,
            name=sites[code],
            code=code,
        )
    return PlacementDecision(code is not None, site, code, (reason,))


# -- responsibilities (§5.1, §5.2) ------------------------------------------


@attrs.frozen
class Responsibility:
    """Who owns a duty (rule ``omid.responsibility.matrix``).

    Attributes:
        duty: the duty's English key.
        party: ``'partner'`` or ``'omid'``.
        label: the duty as published, in Portuguese.
        reasons: why.
    """

    duty: str = attrs.field(validator=_TEXT)
    party: str = attrs.field(validator=_TEXT)
    label: str = attrs.field(validator=_TEXT)
    reasons: tuple[Reason, ...] = attrs.field(validator=_REASONS)


def responsible_party(
    duty: str,
    *,
    partner_duties: Mapping[str, str] | None = None,
    omid_duties: Mapping[str, str] | None = None,
) -> Responsibility:
    """Look up who owns a duty (rule ``omid.responsibility.matrix``, §5.1, §5.2).

    *duty* is an English key (``"account_management"``) or the Portuguese
    label as published (``"Conformidade e segurança"``), in any case, with or
    without accents. The duty lists are the Omid pack's when None
    (``PARTNER_DUTIES``, ``OMID_DUTIES``).

    Raises:
        InvalidTypeError: *duty* is not a string, or a duty list is not a
            mapping of str to str.
        UnknownKeyError: the duty is not in either list (the message lists them).

    >>> responsible_party("Conformidade e segurança").party
    'omid'
    >>> responsible_party("account_management").party
    'partner'
    """
    duty = _validate.text("duty", duty)
    # None stands for the Omid pack's tables (kept out of the signature: help() stays short).
    partner_duties = _table(
        "partner_duties", omid.PARTNER_DUTIES if partner_duties is None else partner_duties
    )
    omid_duties = _table("omid_duties", omid.OMID_DUTIES if omid_duties is None else omid_duties)
    table: dict[str, tuple[str, str, str]] = {}
    for party, duties in ((omid.PARTNER, partner_duties), (omid.OMID, omid_duties)):
        for key, label in duties.items():
            table[_fold(key)] = (key, party, label)
            table[_fold(label)] = (key, party, label)
    found = table.get(_fold(duty))
    if found is None:
        raise UnknownKeyError(
            "duty",
            duty,
            [*partner_duties, *omid_duties],
            hint="the Portuguese labels of module 007 §5.1 and §5.2 are accepted too",
        )
    key, party, label = found
    reason = Reason.of(
        "omid.responsibility.matrix",
        "{label} ({duty}) is a responsibility of {party}",
        duty=key,
        party="the partner" if party == omid.PARTNER else "Omid",
        label=label,
    )
    return Responsibility(key, party, label, (reason,))


home("partnerrules.contracts", globals())
