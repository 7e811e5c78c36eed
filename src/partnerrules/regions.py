"""Countries, Zoho escalation regions, escalation paths and priority support.

Two rules of Zoho partner support (seed 001) live here:

* ``zoho.escalation.directory`` ("Diferentes níveis de escalonamento"): every
  country belongs to one of eight escalation regions, and each region has an
  ordered path of people to escalate to (:func:`~partnerrules.regions.escalation_path`);
* ``zoho.priority_support.large_accounts`` ("Suporte prioritário"): a verified
  customer account with enough user licences gets priority support; the
  licence threshold depends on the country's priority group, and those groups
  are *not* the escalation regions (:func:`~partnerrules.regions.check_priority_support`).

The tables that put each of the 249 ISO 3166-1 alpha-2 codes into a region and
a priority group, and the default time zone of each region, are product
decisions (the source names regions, not countries); the docs page "Regions
and escalation" lists them. The people and thresholds are the published data
of ``partnerrules.policies.zoho_directory``. Every table is only the default
of a keyword argument (``None`` stands for it), so a caller's programme can
bring its own.

>>> from partnerrules.regions import Region, escalation_region, priority_support_group
>>> escalation_region("ca"), priority_support_group("CA")
(<Region.NORTH_AMERICA: 'North America'>, <PriorityGroup.CANADA_BRAZIL: 'Canada & Brazil'>)
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from partnerrules import _validate
from partnerrules._regions_model import COUNTRY_NAMES as _COUNTRY_NAMES
from partnerrules._regions_model import (
    Contact,
    EscalationDirectory,
    EscalationLevel,
    PriorityGroup,
    Region,
    RegionalEscalation,
    Subregion,
    _text,
    _typed,
    _Vocabulary,
    country_code,
)
from partnerrules.decisions import Reason
from partnerrules.errors import InvalidValueError, UnknownKeyError
from partnerrules.policies.zoho_directory import ZOHO_DIRECTORY, ZOHO_PRIORITY_THRESHOLDS

_type_error = _validate.type_error
_value_error = _validate.value_error

__all__ = [
    "COUNTRY_NAMES",
    "COUNTRY_PRIORITY_GROUPS",
    "COUNTRY_REGIONS",
    "DEFAULT_ZONES",
    "PRIORITY_GROUP_BY_REGION",
    "PRIORITY_GROUP_EXCEPTIONS",
    "ZOHO_DIRECTORY",
    "ZOHO_PRIORITY_THRESHOLDS",
    "Contact",
    "EscalationDirectory",
    "EscalationLevel",
    "EscalationPath",
    "PriorityCondition",
    "PriorityGroup",
    "PrioritySupportDecision",
    "Region",
    "RegionalEscalation",
    "Subregion",
    "check_priority_support",
    "country_code",
    "country_name",
    "default_zone",
    "escalation_path",
    "escalation_region",
    "priority_support_group",
    "region_countries",
]

#: Every officially assigned ISO 3166-1 alpha-2 code (249) with its English
#: short name from the Unicode CLDR.
#:
#: :meta hide-value:
COUNTRY_NAMES: Final[Mapping[str, str]] = _COUNTRY_NAMES

_DIRECTORY_RULE: Final = "zoho.escalation.directory"
_PRIORITY_RULE: Final = "zoho.priority_support.large_accounts"

# Product decision: the UN M49 geoscheme, region by region, with three
# deliberate departures: Cyprus (M49 Western Asia) is an EU member and goes to
# UK & EU; Iran (M49 Southern Asia) is Middle East and goes to MEA; Antarctica
# (no M49 region) goes to ANZ. South Asia goes to India, Central, East and
# South-East Asia to APAC & Japan, Western Asia and Africa to MEA, Oceania to ANZ,
# Northern America to North America, Latin America and the Caribbean to LATAM.
_REGION_MEMBERS: Final[Mapping[Region, str]] = {
    Region.ANZ: (
        "AQ AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS"
    ),
    Region.APAC_JAPAN: ("BN CN HK ID JP KG KH KP KR KZ LA MM MN MO MY PH SG TH TJ TL TM TW UZ VN"),
    Region.INDIA: "AF BD BT IN LK MV NP PK",
    Region.MEA: (
        "AE AM AO AZ BF BH BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GE GH GM GN GQ GW "
        "IL IO IQ IR JO KE KM KW LB LR LS LY MA MG ML MR MU MW MZ NA NE NG OM PS QA RE RW SA "
        "SC SD SH SL SN SO SS ST SY SZ TD TF TG TN TR TZ UG YE YT ZA ZM ZW"
    ),
    Region.UK_EU: (
        "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT "
        "JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA"
    ),
    Region.NORTH_AMERICA: "BM CA GL PM US",
    Region.LATAM: (
        "AG AI AR AW BB BL BO BQ BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT "
        "JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"
    ),
    Region.BRAZIL: "BR",
}

#: The escalation region of every ISO 3166-1 alpha-2 code (a product decision).
#:
#: :meta hide-value:
COUNTRY_REGIONS: Final[Mapping[str, Region]] = MappingProxyType(
    {code: region for region, codes in _REGION_MEMBERS.items() for code in sorted(codes.split())}
)

#: The priority-support group of the countries of each escalation region...
PRIORITY_GROUP_BY_REGION: Final[Mapping[Region, PriorityGroup]] = MappingProxyType(
    {
        Region.ANZ: PriorityGroup.ANZ,
        Region.APAC_JAPAN: PriorityGroup.APAC_JAPAN,
        Region.INDIA: PriorityGroup.INDIA,
        Region.MEA: PriorityGroup.MEA,
        Region.UK_EU: PriorityGroup.EUROPE_UK,
        Region.NORTH_AMERICA: PriorityGroup.USA_LATAM,
        Region.LATAM: PriorityGroup.USA_LATAM,
        Region.BRAZIL: PriorityGroup.CANADA_BRAZIL,
    }
)

#: ...except these countries (Canada shares its row with Brazil, not the USA).
PRIORITY_GROUP_EXCEPTIONS: Final[Mapping[str, PriorityGroup]] = MappingProxyType(
    {"CA": PriorityGroup.CANADA_BRAZIL}
)

#: The priority-support group of every ISO 3166-1 alpha-2 code: the group of
#: its escalation region, or its exception (a product decision, rule
#: ``zoho.priority_support.large_accounts``).
#:
#: :meta hide-value:
COUNTRY_PRIORITY_GROUPS: Final[Mapping[str, PriorityGroup]] = MappingProxyType(
    {
        code: PRIORITY_GROUP_EXCEPTIONS.get(code, PRIORITY_GROUP_BY_REGION[region])
        for code, region in COUNTRY_REGIONS.items()
    }
)

#: The IANA zone whose weekdays the 24x5 clock (rule ``zoho.sla.weekday_clock``)
#: follows by default for partners of each region (a product decision).
DEFAULT_ZONES: Final[Mapping[Region, str]] = MappingProxyType(
    {
        Region.ANZ: "Australia/Sydney",
        Region.APAC_JAPAN: "Asia/Singapore",
        Region.INDIA: "Asia/Kolkata",
        Region.MEA: "Asia/Dubai",
        Region.UK_EU: "Europe/Berlin",
        Region.NORTH_AMERICA: "America/New_York",
        Region.LATAM: "America/Mexico_City",
        Region.BRAZIL: "America/Sao_Paulo",
    }
)


def _region(value: object) -> Region:
    if not isinstance(value, Region):
        hint = "e.g. Region.BRAZIL, Region('Brazil') or escalation_region('BR')"
        raise _type_error("region", value, "a Region", hint=hint)
    return value


def _table(field: str, value: object, default: Mapping[Any, Any], entry: str) -> Mapping[Any, Any]:
    """A caller's table (a mapping), or *default* for None."""
    if value is None:
        return default
    if not isinstance(value, Mapping):
        raise _type_error(field, value, f"a mapping of {entry}, or None for the default table")
    return value


def _lookup(field: str, table: Mapping[Any, Any], key: str, kind: type[Any]) -> Any:
    """The entry of *key* in a caller's *table*, checked to be a *kind*."""
    try:
        value = table[key]
    except KeyError:
        known = [k for k in table if isinstance(k, str)]
        raise UnknownKeyError(
            "country", key, known, hint=f"the {field} table has no entry for it"
        ) from None
    return _typed(f"{field}[{key}]", value, kind, f"a {kind.__name__}")


def _country_regions(value: object) -> Mapping[Any, Any]:
    return _table("country_regions", value, COUNTRY_REGIONS, "ISO codes to Region")


def country_name(country: str) -> str:
    """Return the English short name of an ISO 3166-1 alpha-2 code.

    >>> country_name("ci")
    "Côte d'Ivoire"

    Raises:
        InvalidTypeError: *country* is not a string.
        UnknownKeyError: not an assigned code (the message suggests one).
    """
    return COUNTRY_NAMES[country_code(country)]


def escalation_region(
    country: str, *, country_regions: Mapping[str, Region] | None = None
) -> Region:
    """Return the escalation region of *country* (rule ``zoho.escalation.directory``).

    Source: Zoho partner support, "Diferentes níveis de escalonamento". The
    country-to-region table is the product decision in
    :data:`~partnerrules.regions.COUNTRY_REGIONS`.

    Args:
        country: an ISO 3166-1 alpha-2 code, any case.
        country_regions: upper-case ISO codes to regions; ``None`` (the
            default) stands for :data:`~partnerrules.regions.COUNTRY_REGIONS`.

    Raises:
        InvalidTypeError: *country* is not a string, or a wrong type in the table.
        UnknownKeyError: not an assigned code (the message suggests close
            ones), or a code the table lacks.

    >>> escalation_region("BR"), escalation_region("mx"), escalation_region("DE")
    (<Region.BRAZIL: 'Brazil'>, <Region.LATAM: 'LATAM'>, <Region.UK_EU: 'UK & EU'>)
    >>> escalation_region("MX", country_regions={"MX": Region.NORTH_AMERICA})
    <Region.NORTH_AMERICA: 'North America'>
    """
    code = country_code(country)
    table = _country_regions(country_regions)
    if table is COUNTRY_REGIONS:
        return COUNTRY_REGIONS[code]
    region: Region = _lookup("country_regions", table, code, Region)
    return region


def region_countries(
    region: Region, *, country_regions: Mapping[str, Region] | None = None
) -> tuple[str, ...]:
    """Return the ISO codes of the countries of *region*, sorted (``zoho.escalation.directory``).

    Args:
        region: the escalation region.
        country_regions: upper-case ISO codes to regions; ``None`` (the
            default) stands for :data:`~partnerrules.regions.COUNTRY_REGIONS`.

    >>> region_countries(Region.NORTH_AMERICA)
    ('BM', 'CA', 'GL', 'PM', 'US')

    Raises:
        InvalidTypeError: *region* is not a :class:`~partnerrules.regions.Region`,
            or a wrong type in the table.
    """
    wanted = _region(region)
    table = _country_regions(country_regions)
    if table is not COUNTRY_REGIONS:
        for code, entry in table.items():
            _typed("country_regions", code, str, "a mapping keyed by str")
            _typed(f"country_regions[{code}]", entry, Region, "a Region")
    return tuple(sorted(c for c, r in table.items() if r is wanted))


def default_zone(region: Region, *, zones: Mapping[Region, str] | None = None) -> str:
    """Return the IANA zone the weekday clock uses by default for partners of *region*.

    The 24x5 clock of rule ``zoho.sla.weekday_clock`` needs a zone for its
    Monday 00:00 and Saturday 00:00 boundaries; the source gives none, so each
    region has a documented default (:data:`~partnerrules.regions.DEFAULT_ZONES`) and callers may
    pass another.

    Args:
        region: the escalation region.
        zones: regions to IANA zone names; ``None`` (the default) stands for
            :data:`~partnerrules.regions.DEFAULT_ZONES`.

    >>> default_zone(Region.BRAZIL)
    'America/Sao_Paulo'

    Raises:
        InvalidTypeError: *region* is not a :class:`~partnerrules.regions.Region`,
            or a zone in the table is not a string.
        UnknownKeyError: the table has no zone for *region*.
    """
    wanted = _region(region)
    table = _table("zones", zones, DEFAULT_ZONES, "Region to IANA zone names")
    if wanted not in table:
        known = [r.value for r in table if isinstance(r, Region)]
        raise UnknownKeyError(
            "region", wanted.value, known, hint="the zones table has no entry for it"
        )
    return _text(f"zones[{wanted.name}]", table[wanted])


def priority_support_group(
    country: str, *, country_groups: Mapping[str, PriorityGroup] | None = None
) -> PriorityGroup:
    """Return the priority-support group of *country* (``zoho.priority_support.large_accounts``).

    Source: Zoho partner support, "Suporte prioritário". The groups are the
    rows of the source's table; the country's escalation region decides the
    group (:data:`~partnerrules.regions.PRIORITY_GROUP_BY_REGION`) except for the countries of
    :data:`~partnerrules.regions.PRIORITY_GROUP_EXCEPTIONS` (Canada goes with Brazil).
    The result, country by country, is
    :data:`~partnerrules.regions.COUNTRY_PRIORITY_GROUPS`.

    Args:
        country: an ISO 3166-1 alpha-2 code, any case.
        country_groups: upper-case ISO codes to priority groups; ``None``
            (the default) stands for
            :data:`~partnerrules.regions.COUNTRY_PRIORITY_GROUPS`.

    >>> priority_support_group("US"), priority_support_group("BR")
    (<PriorityGroup.USA_LATAM: 'USA & LATAM'>, <PriorityGroup.CANADA_BRAZIL: 'Canada & Brazil'>)

    Raises:
        InvalidTypeError: *country* is not a string, or a wrong type in the table.
        UnknownKeyError: not an assigned code (the message suggests close
            ones), or a code the table lacks.
    """
    code = country_code(country)
    table = _table(
        "country_groups", country_groups, COUNTRY_PRIORITY_GROUPS, "ISO codes to PriorityGroup"
    )
    if table is COUNTRY_PRIORITY_GROUPS:
        return COUNTRY_PRIORITY_GROUPS[code]
    group: PriorityGroup = _lookup("country_groups", table, code, PriorityGroup)
    return group


def _check_country(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if country_code(value, attribute.name) != value:
        raise InvalidValueError(attribute.name, value, "an upper-case ISO 3166-1 alpha-2 code")


def _check_instance(kind: type, description: str) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        _typed(attribute.name, value, kind, description)

    return check


def _check_tuple_of(kind: type, description: str) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            raise _type_error(attribute.name, value, description)

    return check


_check_contacts = _check_tuple_of(Contact, "a tuple of Contact")
_check_reasons = _check_tuple_of(Reason, "a tuple of Reason")


def _check_optional_text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(attribute.name, value)


def _check_count(minimum: int) -> Any:
    def check(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        _count(attribute.name, value, minimum)

    return check


def _count(field: str, value: object, minimum: int) -> int:
    """An int (never a bool) from *minimum* to ``sys.maxsize``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(field, value, "an int")
    if value < minimum:
        raise _value_error(field, value, f"an integer >= {minimum}")
    if value > sys.maxsize:
        raise _value_error(
            field, value, f"an integer <= {sys.maxsize}", hint="a count above sys.maxsize"
        )
    return value


@attrs.frozen
class EscalationPath:
    """The people a partner escalates to, in order (rule ``zoho.escalation.directory``).

    Attributes:
        country: the partner's country (ISO code).
        region: its escalation region.
        subregion: the account-manager sub-region the path was narrowed to:
            the one asked for, or the only one covering the country, or
            ``None`` when several (or none) apply.
        levels: every contact in escalation order: regional lead(s), then
            manager(s), then partner account manager(s).
        reasons: why, with the rule id.
    """

    country: str = attrs.field(validator=_check_country)
    region: Region = attrs.field(validator=_check_instance(Region, "a Region"))
    subregion: str | None = attrs.field(validator=_check_optional_text)
    levels: tuple[Contact, ...] = attrs.field(validator=_check_contacts)
    reasons: tuple[Reason, ...] = attrs.field(validator=_check_reasons)

    def at(self, level: EscalationLevel) -> tuple[Contact, ...]:
        """Return the contacts of one level, in order (rule ``zoho.escalation.directory``).

        Raises:
            InvalidTypeError: *level* is not an :class:`~partnerrules.regions.EscalationLevel`.
        """
        _typed("level", level, EscalationLevel, "an EscalationLevel")
        return tuple(c for c in self.levels if c.level is level)

    @property
    def leads(self) -> tuple[Contact, ...]:
        """The regional partner-support leads, the first people to contact."""
        return self.at(EscalationLevel.REGIONAL_LEAD)

    @property
    def managers(self) -> tuple[Contact, ...]:
        """The partner-support manager(s)."""
        return self.at(EscalationLevel.MANAGER)

    @property
    def account_managers(self) -> tuple[Contact, ...]:
        """The partner account manager(s) for the country or chosen sub-region."""
        return self.at(EscalationLevel.ACCOUNT_MANAGER)


def _for_country(entry: RegionalEscalation, contacts: list[Contact], country: str) -> list[Contact]:
    """Keep the whole-region contacts and those whose sub-region covers *country*.

    A sub-region covers a country it lists; if no sub-region of this level
    lists it, the sub-regions marked ``rest`` cover it.
    """
    subs = {s.name: s for s in entry.subregions}
    scoped = [i for i, c in enumerate(contacts) if c.subregion is not None]
    named = {i for i in scoped if subs[str(contacts[i].subregion)].covers(country)}
    chosen = named or {i for i in scoped if subs[str(contacts[i].subregion)].rest}
    return [c for i, c in enumerate(contacts) if c.subregion is None or i in chosen]


def _unknown_subregion(value: str, choices: tuple[str, ...], region: Region) -> UnknownKeyError:
    wanted = value.strip().casefold()
    partial = [c for c in choices if wanted and (wanted in c.casefold() or c.casefold() in wanted)]
    hint = f"those are the account-manager sub-regions of {region.value}"
    if partial:
        hint = f"{hint}; did you mean {' or '.join(map(repr, partial))}?"
    error = UnknownKeyError("subregion", value, choices, hint=hint)
    error.suggestions = tuple(dict.fromkeys(error.suggestions + tuple(partial)))
    return error


def escalation_path(
    country: str,
    *,
    subregion: str | None = None,
    directory: EscalationDirectory | None = None,
    country_regions: Mapping[str, Region] | None = None,
) -> EscalationPath:
    """Return the ordered escalation path of a partner in *country*.

    Rule ``zoho.escalation.directory`` (Zoho partner support, "Diferentes
    níveis de escalonamento"). The region follows from the country; each level
    keeps the contacts for the whole region and those whose sub-region covers
    the country. *subregion* picks the account managers of one sub-region of
    the region instead (any case), whatever the country.

    Args:
        country: the partner's ISO 3166-1 alpha-2 code, any case.
        subregion: an account-manager sub-region of the country's region
            (for UK & EU: ``'DACH'``, ``'France'``...), or ``None``.
        directory: the people; ``None`` (the default) stands for the
            published Zoho directory (``ZOHO_DIRECTORY``).
        country_regions: upper-case ISO codes to regions; ``None`` (the
            default) stands for :data:`~partnerrules.regions.COUNTRY_REGIONS`.

    Raises:
        InvalidTypeError: a wrong type for any argument.
        UnknownKeyError: unknown country, a *subregion* that the region does
            not have (the message lists the region's sub-regions), or a region
            absent from *directory*.
        InvalidValueError: a *subregion* for a region without sub-regions.

    >>> path = escalation_path("CA")
    >>> [c.name for c in path.levels]
    ['Deepak', 'Steve', 'Kevin']
    >>> path.subregion
    'Canada'
    >>> [c.name for c in escalation_path("de", subregion="dach").account_managers]
    ['Harvey']
    """
    code = country_code(country)
    if subregion is not None and not isinstance(subregion, str):
        raise _type_error("subregion", subregion, "a str or None")
    if directory is None:
        directory = ZOHO_DIRECTORY
    _typed("directory", directory, EscalationDirectory, "an EscalationDirectory")
    region = escalation_region(code, country_regions=country_regions)
    entry = directory.for_region(region)
    reasons = [
        Reason.of(
            _DIRECTORY_RULE,
            "{country} ({name}) escalates in region {region}",
            country=code,
            name=COUNTRY_NAMES[code],
            region=region.value,
        )
    ]
    by_level = {level: [c for c in entry.contacts if c.level is level] for level in EscalationLevel}
    leads = _for_country(entry, by_level[EscalationLevel.REGIONAL_LEAD], code)
    managers = _for_country(entry, by_level[EscalationLevel.MANAGER], code)
    accounts = by_level[EscalationLevel.ACCOUNT_MANAGER]
    choices = entry.account_subregions
    if subregion is not None:
        if not choices:
            raise InvalidValueError(
                "subregion",
                subregion,
                f"None for region {region.value}, which has no account-manager sub-regions",
            )
        wanted = subregion.strip().casefold()
        matches = [name for name in choices if name.casefold() == wanted]
        if not matches:
            raise _unknown_subregion(subregion, choices, region)
        chosen: str | None = matches[0]
        accounts = [c for c in accounts if c.subregion is None or c.subregion == chosen]
        reasons.append(
            Reason.of(
                _DIRECTORY_RULE,
                "account managers of sub-region {subregion}, as requested",
                subregion=chosen,
                region=region.value,
            )
        )
    else:
        accounts = _for_country(entry, accounts, code)
        covering = tuple(dict.fromkeys(c.subregion for c in accounts if c.subregion))
        chosen = covering[0] if len(covering) == 1 else None
        if chosen is not None:
            reasons.append(
                Reason.of(
                    _DIRECTORY_RULE,
                    "{country} is covered by sub-region {subregion} of {region}",
                    country=code,
                    subregion=chosen,
                    region=region.value,
                )
            )
        elif covering:
            reasons.append(
                Reason.of(
                    _DIRECTORY_RULE,
                    "no single sub-region covers {country}: account managers of {subregions} "
                    "are listed (pass subregion= to pick one)",
                    country=code,
                    subregions=", ".join(covering),
                    region=region.value,
                )
            )
    levels = tuple(leads + managers + accounts)
    order = " → ".join(f"{c.name} ({c.level.value})" for c in levels)
    reasons.append(
        Reason.of(
            _DIRECTORY_RULE, "escalate in this order: {order}", order=order, count=len(levels)
        )
    )
    return EscalationPath(
        country=code, region=region, subregion=chosen, levels=levels, reasons=tuple(reasons)
    )


class PriorityCondition(_Vocabulary):
    """A condition of priority support (rule ``zoho.priority_support.large_accounts``)."""

    LICENCES = "licence count at or above the group's threshold"
    VERIFIED = "account verified against the partner's subscriptions"


@attrs.frozen
class PrioritySupportDecision:
    """Whether a customer account gets priority support, and why.

    Rule ``zoho.priority_support.large_accounts``.

    Attributes:
        eligible: ``True`` when every condition holds.
        country: the customer's country (ISO code).
        group: its priority-support group.
        threshold: the minimum licence count of the group.
        licences: the account's user licences.
        verified: whether the account was verified.
        unmet: every condition that failed, in a fixed order.
        reasons: one reason for the group and one per condition, with the rule id.
    """

    eligible: bool = attrs.field(validator=_check_instance(bool, "a bool"))
    country: str = attrs.field(validator=_check_country)
    group: PriorityGroup = attrs.field(validator=_check_instance(PriorityGroup, "a PriorityGroup"))
    threshold: int = attrs.field(validator=_check_count(1))
    licences: int = attrs.field(validator=_check_count(0))
    verified: bool = attrs.field(validator=_check_instance(bool, "a bool"))
    unmet: tuple[PriorityCondition, ...] = attrs.field(
        validator=_check_tuple_of(PriorityCondition, "a tuple of PriorityCondition")
    )
    reasons: tuple[Reason, ...] = attrs.field(validator=_check_reasons)

    def __attrs_post_init__(self) -> None:
        if self.eligible != (not self.unmet):
            raise InvalidValueError("eligible", self.eligible, "True exactly when unmet is empty")


def _threshold(thresholds: object, group: PriorityGroup) -> int:
    if thresholds is None:
        thresholds = ZOHO_PRIORITY_THRESHOLDS
    if not isinstance(thresholds, Mapping):
        raise _type_error("thresholds", thresholds, "a mapping of PriorityGroup to int")
    for key, value in thresholds.items():
        if not isinstance(key, PriorityGroup):
            raise _type_error("thresholds", key, "a mapping keyed by PriorityGroup")
        _count(f"thresholds[{key.name}]", value, 1)
    if group not in thresholds:
        raise InvalidValueError(
            "thresholds",
            sorted(g.value for g in thresholds),
            f"a mapping with a threshold for {group.value!r}",
        )
    result: int = thresholds[group]
    return result


def check_priority_support(
    country: str,
    licences: int,
    *,
    verified: bool,
    thresholds: Mapping[PriorityGroup, int] | None = None,
    country_groups: Mapping[str, PriorityGroup] | None = None,
) -> PrioritySupportDecision:
    """Decide whether a customer account qualifies for priority support.

    Rule ``zoho.priority_support.large_accounts`` (Zoho partner support,
    "Suporte prioritário"): the account needs at least the licence count of
    its country's priority group (the table of the source, which wins over the
    FAQ's looser wording) and must be verified: its super-admin e-mail or
    customer domain matches the partner's Zoho subscriptions. Every failed
    condition is reported.

    Args:
        country: the customer's ISO 3166-1 alpha-2 code, any case.
        licences: the account's user licences, from 0 to ``sys.maxsize``.
        verified: whether the verification succeeded (a bool: ``"no"`` or
            ``1`` is refused, never taken for true).
        thresholds: minimum licences by group (each from 1 to
            ``sys.maxsize``); ``None`` (the default) stands for the
            published table
            (``ZOHO_PRIORITY_THRESHOLDS``).
        country_groups: upper-case ISO codes to priority groups; ``None``
            (the default) stands for
            :data:`~partnerrules.regions.COUNTRY_PRIORITY_GROUPS`.

    Raises:
        InvalidTypeError: a wrong type (a float or a bool for *licences*, a
            non-bool *verified*...).
        InvalidValueError: *licences* or a threshold out of range, or no
            threshold for the country's group.
        UnknownKeyError: unknown country, or one the *country_groups* table lacks.

    >>> decision = check_priority_support("US", 65, verified=False)
    >>> decision.eligible, decision.threshold, [c.name for c in decision.unmet]
    (False, 70, ['LICENCES', 'VERIFIED'])
    >>> check_priority_support("CA", 50, verified=True).eligible
    True
    """
    code = country_code(country)
    count = _count("licences", licences, 0)
    if not isinstance(verified, bool):
        raise _type_error("verified", verified, "a bool")
    group = priority_support_group(code, country_groups=country_groups)
    threshold = _threshold(thresholds, group)
    facts = {"country": code, "group": group.value, "threshold": threshold, "licences": count}
    reasons = [
        Reason.of(
            _PRIORITY_RULE,
            "{country} ({name}) is in priority-support group {group}: "
            "{threshold} user licences or more",
            name=COUNTRY_NAMES[code],
            **facts,
        )
    ]
    unmet: list[PriorityCondition] = []
    if count >= threshold:
        reasons.append(
            Reason.of(
                _PRIORITY_RULE,
                "{licences} user licences reach the threshold of {threshold} for {group}",
                **facts,
            )
        )
    else:
        reasons.append(
            Reason.of(
                _PRIORITY_RULE,
                "{licences} user licences are below the threshold of {threshold} for {group}",
                **facts,
            )
        )
        unmet.append(PriorityCondition.LICENCES)
    if verified:
        reasons.append(
            Reason.of(
                _PRIORITY_RULE,
                "the account is verified against the partner's subscriptions",
                verified=verified,
                country=code,
            )
        )
    else:
        reasons.append(
            Reason.of(
                _PRIORITY_RULE,
                "the account is not verified: its super-admin e-mail or customer domain "
                "must match the partner's subscriptions",
                verified=verified,
                country=code,
            )
        )
        unmet.append(PriorityCondition.VERIFIED)
    return PrioritySupportDecision(
        eligible=not unmet,
        country=code,
        group=group,
        threshold=threshold,
        licences=count,
        verified=verified,
        unmet=tuple(unmet),
        reasons=tuple(reasons),
    )
