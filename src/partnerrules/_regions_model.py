"""Value types of the regional escalation data (private; use :mod:`partnerrules.regions`).

They live apart from :mod:`partnerrules.regions` so that the policy pack
``partnerrules.policies.zoho_directory`` can build its directory from them
while :mod:`partnerrules.regions` uses that directory as the default of its
lookups, without a circular import. Every public name here is re-exported by
:mod:`partnerrules.regions`, which is where callers should import them from.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from partnerrules import _validate
from partnerrules.errors import InvalidValueError, UnknownKeyError

T = TypeVar("T")

__all__ = [
    "COUNTRY_NAMES",
    "Contact",
    "EscalationDirectory",
    "EscalationLevel",
    "PriorityGroup",
    "Region",
    "RegionalEscalation",
    "Subregion",
    "country_code",
]

#: Every officially assigned ISO 3166-1 alpha-2 code (249), with its English
#: short name as given by the Unicode CLDR.
COUNTRY_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "AD": "Andorra",
        "AE": "United Arab Emirates",
        "AF": "Afghanistan",
        "AG": "Antigua & Barbuda",
        "AI": "Anguilla",
        "AL": "Albania",
        "AM": "Armenia",
        "AO": "Angola",
        "AQ": "Antarctica",
        "AR": "Argentina",
        "AS": "American Samoa",
        "AT": "Austria",
        "AU": "Australia",
        "AW": "Aruba",
        "AX": "Åland Islands",
        "AZ": "Azerbaijan",
        "BA": "Bosnia & Herzegovina",
        "BB": "Barbados",
        "BD": "Bangladesh",
        "BE": "Belgium",
        "BF": "Burkina Faso",
        "BG": "Bulgaria",
        "BH": "Bahrain",
        "BI": "Burundi",
        "BJ": "Benin",
        "BL": "St. Barthélemy",
        "BM": "Bermuda",
        "BN": "Brunei",
        "BO": "Bolivia",
        "BQ": "Caribbean Netherlands",
        "BR": "Brazil",
        "BS": "Bahamas",
        "BT": "Bhutan",
        "BV": "Bouvet Island",
        "BW": "Botswana",
        "BY": "Belarus",
        "BZ": "Belize",
        "CA": "Canada",
        "CC": "Cocos (Keeling) Islands",
        "CD": "Congo - Kinshasa",
        "CF": "Central African Republic",
        "CG": "Congo - Brazzaville",
        "CH": "Switzerland",
        "CI": "Côte d'Ivoire",
        "CK": "Cook Islands",
        "CL": "Chile",
        "CM": "Cameroon",
        "CN": "China",
        "CO": "Colombia",
        "CR": "Costa Rica",
        "CU": "Cuba",
        "CV": "Cape Verde",
        "CW": "Curaçao",
        "CX": "Christmas Island",
        "CY": "Cyprus",
        "CZ": "Czechia",
        "DE": "Germany",
        "DJ": "Djibouti",
        "DK": "Denmark",
        "DM": "Dominica",
        "DO": "Dominican Republic",
        "DZ": "Algeria",
        "EC": "Ecuador",
        "EE": "Estonia",
        "EG": "Egypt",
        "EH": "Western Sahara",
        "ER": "Eritrea",
        "ES": "Spain",
        "ET": "Ethiopia",
        "FI": "Finland",
        "FJ": "Fiji",
        "FK": "Falkland Islands",
        "FM": "Micronesia",
        "FO": "Faroe Islands",
        "FR": "France",
        "GA": "Gabon",
        "GB": "United Kingdom",
        "GD": "Grenada",
        "GE": "Georgia",
        "GF": "French Guiana",
        "GG": "Guernsey",
        "GH": "Ghana",
        "GI": "Gibraltar",
        "GL": "Greenland",
        "GM": "Gambia",
        "GN": "Guinea",
        "GP": "Guadeloupe",
        "GQ": "Equatorial Guinea",
        "GR": "Greece",
        "GS": "South Georgia & South Sandwich Islands",
        "GT": "Guatemala",
        "GU": "Guam",
        "GW": "Guinea-Bissau",
        "GY": "Guyana",
        "HK": "Hong Kong SAR China",
        "HM": "Heard & McDonald Islands",
        "HN": "Honduras",
        "HR": "Croatia",
        "HT": "Haiti",
        "HU": "Hungary",
        "ID": "Indonesia",
        "IE": "Ireland",
        "IL": "Israel",
        "IM": "Isle of Man",
        "IN": "India",
        "IO": "British Indian Ocean Territory",
        "IQ": "Iraq",
        "IR": "Iran",
        "IS": "Iceland",
        "IT": "Italy",
        "JE": "Jersey",
        "JM": "Jamaica",
        "JO": "Jordan",
        "JP": "Japan",
        "KE": "Kenya",
        "KG": "Kyrgyzstan",
        "KH": "Cambodia",
        "KI": "Kiribati",
        "KM": "Comoros",
        "KN": "St. Kitts & Nevis",
        "KP": "North Korea",
        "KR": "South Korea",
        "KW": "Kuwait",
        "KY": "Cayman Islands",
        "KZ": "Kazakhstan",
        "LA": "Laos",
        "LB": "Lebanon",
        "LC": "St. Lucia",
        "LI": "Liechtenstein",
        "LK": "Sri Lanka",
        "LR": "Liberia",
        "LS": "Lesotho",
        "LT": "Lithuania",
        "LU": "Luxembourg",
        "LV": "Latvia",
        "LY": "Libya",
        "MA": "Morocco",
        "MC": "Monaco",
        "MD": "Moldova",
        "ME": "Montenegro",
        "MF": "St. Martin",
        "MG": "Madagascar",
        "MH": "Marshall Islands",
        "MK": "North Macedonia",
        "ML": "Mali",
        "MM": "Myanmar (Burma)",
        "MN": "Mongolia",
        "MO": "Macao SAR China",
        "MP": "Northern Mariana Islands",
        "MQ": "Martinique",
        "MR": "Mauritania",
        "MS": "Montserrat",
        "MT": "Malta",
        "MU": "Mauritius",
        "MV": "Maldives",
        "MW": "Malawi",
        "MX": "Mexico",
        "MY": "Malaysia",
        "MZ": "Mozambique",
        "NA": "Namibia",
        "NC": "New Caledonia",
        "NE": "Niger",
        "NF": "Norfolk Island",
        "NG": "Nigeria",
        "NI": "Nicaragua",
        "NL": "Netherlands",
        "NO": "Norway",
        "NP": "Nepal",
        "NR": "Nauru",
        "NU": "Niue",
        "NZ": "New Zealand",
        "OM": "Oman",
        "PA": "Panama",
        "PE": "Peru",
        "PF": "French Polynesia",
        "PG": "Papua New Guinea",
        "PH": "Philippines",
        "PK": "Pakistan",
        "PL": "Poland",
        "PM": "St. Pierre & Miquelon",
        "PN": "Pitcairn Islands",
        "PR": "Puerto Rico",
        "PS": "Palestinian Territories",
        "PT": "Portugal",
        "PW": "Palau",
        "PY": "Paraguay",
        "QA": "Qatar",
        "RE": "Réunion",
        "RO": "Romania",
        "RS": "Serbia",
        "RU": "Russia",
        "RW": "Rwanda",
        "SA": "Saudi Arabia",
        "SB": "Solomon Islands",
        "SC": "Seychelles",
        "SD": "Sudan",
        "SE": "Sweden",
        "SG": "Singapore",
        "SH": "St. Helena",
        "SI": "Slovenia",
        "SJ": "Svalbard & Jan Mayen",
        "SK": "Slovakia",
        "SL": "Sierra Leone",
        "SM": "San Marino",
        "SN": "Senegal",
        "SO": "Somalia",
        "SR": "Suriname",
        "SS": "South Sudan",
        "ST": "São Tomé & Príncipe",
        "SV": "El Salvador",
        "SX": "Sint Maarten",
        "SY": "Syria",
        "SZ": "Eswatini",
        "TC": "Turks & Caicos Islands",
        "TD": "Chad",
        "TF": "French Southern Territories",
        "TG": "Togo",
        "TH": "Thailand",
        "TJ": "Tajikistan",
        "TK": "Tokelau",
        "TL": "Timor-Leste",
        "TM": "Turkmenistan",
        "TN": "Tunisia",
        "TO": "Tonga",
        "TR": "Türkiye",
        "TT": "Trinidad & Tobago",
        "TV": "Tuvalu",
        "TW": "Taiwan",
        "TZ": "Tanzania",
        "UA": "Ukraine",
        "UG": "Uganda",
        "UM": "U.S. Outlying Islands",
        "US": "United States",
        "UY": "Uruguay",
        "UZ": "Uzbekistan",
        "VA": "Vatican City",
        "VC": "St. Vincent & Grenadines",
        "VE": "Venezuela",
        "VG": "British Virgin Islands",
        "VI": "U.S. Virgin Islands",
        "VN": "Vietnam",
        "VU": "Vanuatu",
        "WF": "Wallis & Futuna",
        "WS": "Samoa",
        "YE": "Yemen",
        "YT": "Mayotte",
        "ZA": "South Africa",
        "ZM": "Zambia",
        "ZW": "Zimbabwe",
    }
)

# -- boundary: checks whose errors always print (issue #12) -----------------
#
# Every public callable of partnerrules.regions refuses bad input with a
# PartnerRulesError naming the field, showing the value and saying what is
# allowed. Python refuses to print an int of more than 4,300 digits, so an
# error showing one could itself fail with a bare ValueError (as the stdlib's
# enum lookup does): where the error cannot print a value, it shows its size
# (the error's ``value`` is still the value given).


_printable = _validate.printable
_type_error = _validate.type_error
_value_error = _validate.value_error


def _text(field: str, value: object) -> str:
    """A non-blank str."""
    if not isinstance(value, str):
        raise _type_error(field, value, "a str")
    return _validate.text(field, value)


def _typed(field: str, value: object, kind: type[T], description: str) -> T:
    if not isinstance(value, kind):
        raise _type_error(field, value, description)
    return value


def _items(field: str, value: object, expected: str) -> tuple[Any, ...]:
    """The items of a collection argument, checked to be a collection before use."""
    # Bounded: an endless iterable is refused, not read forever.
    return _validate.bounded_items(field, value, expected)


_VocabularyType = _validate.VocabularyType
_values = _validate.enum_values


class _Vocabulary(enum.Enum, metaclass=_VocabularyType):
    """A closed vocabulary: an unknown value raises InvalidValueError (also a ValueError)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        raise _value_error(cls.__name__, value, "one of " + _values(cls))


# Codes people often type for a country whose ISO code differs.
_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {"UK": "GB", "EN": "GB", "EL": "GR", "USA": "US", "UAE": "AE", "KSA": "SA", "EU": "DE"}
)
_NAMES_FOLDED: Final[Mapping[str, str]] = MappingProxyType(
    {name.casefold(): code for code, name in COUNTRY_NAMES.items()}
)


def _country_suggestions(value: str) -> tuple[str, ...]:
    key = value.strip().upper()
    found: list[str] = []
    if key in _ALIASES and key != "EU":
        found.append(_ALIASES[key])
    if len(key) == 3 and key[:2] in COUNTRY_NAMES:
        found.append(key[:2])
    matches = difflib.get_close_matches(value.strip().casefold(), _NAMES_FOLDED, n=3, cutoff=0.75)
    found.extend(_NAMES_FOLDED[m] for m in matches)
    return tuple(dict.fromkeys(found))


def country_code(value: object, field: str = "country") -> str:
    """Return the canonical (upper-case) ISO 3166-1 alpha-2 code of *value*.

    The match ignores case and surrounding blanks. A name, a three-letter code
    or a common alias is refused, with the code it probably meant.

    Args:
        value: the code to check.
        field: the argument name used in error messages (a str).

    Raises:
        InvalidTypeError: *value* (or *field*) is not a string.
        UnknownKeyError: *value* is not an assigned alpha-2 code; ``suggestions``
            holds the likely codes.

    >>> country_code(" br ")
    'BR'
    >>> try:
    ...     country_code("UK")
    ... except LookupError as error:
    ...     print(error.suggestions)
    ('GB',)
    """
    if not isinstance(field, str):
        raise _type_error("field", field, "a str (the argument name for messages)")
    if not isinstance(value, str):
        raise _type_error(
            field, value, "a str", hint="pass an ISO 3166-1 alpha-2 code such as 'BR'"
        )
    code = value.strip().upper()
    if code in COUNTRY_NAMES:
        return code
    suggestions = _country_suggestions(value)
    advice = "pass an ISO 3166-1 alpha-2 code such as 'BR'"
    if suggestions:
        names = " or ".join(f"{c!r} ({COUNTRY_NAMES[c]})" for c in suggestions)
        advice = f"did you mean {names}? {advice}"
    error = UnknownKeyError(field, value, COUNTRY_NAMES, hint=advice)
    error.suggestions = suggestions
    raise error


class Region(_Vocabulary):
    """The eight escalation regions of Zoho partner support.

    Rule ``zoho.escalation.directory`` (Zoho partner support, "Diferentes
    níveis de escalonamento"). The value is the region's English label.

    >>> Region("UK & EU")
    <Region.UK_EU: 'UK & EU'>
    """

    ANZ = "ANZ"
    APAC_JAPAN = "APAC & Japan"
    INDIA = "India"
    MEA = "MEA"
    UK_EU = "UK & EU"
    NORTH_AMERICA = "North America"
    LATAM = "LATAM"
    BRAZIL = "Brazil"


class PriorityGroup(_Vocabulary):
    """The groups of the priority-support table, which are not the escalation regions.

    Rule ``zoho.priority_support.large_accounts`` (Zoho partner support,
    "Suporte prioritário"): Canada shares a row with Brazil and the USA with
    LATAM. The value is the group's English label.
    """

    ANZ = "ANZ"
    APAC_JAPAN = "APAC & Japan"
    INDIA = "India"
    MEA = "MEA"
    EUROPE_UK = "Europe & UK"
    USA_LATAM = "USA & LATAM"
    CANADA_BRAZIL = "Canada & Brazil"


class EscalationLevel(_Vocabulary):
    """The levels of an escalation path, in the order a partner climbs them."""

    REGIONAL_LEAD = "regional partner-support lead"
    MANAGER = "partner-support manager"
    ACCOUNT_MANAGER = "partner account manager"

    @property
    def rank(self) -> int:
        """The position of the level on the path, from 0 (the first to contact)."""
        return _LEVEL_ORDER.index(self)


_LEVEL_ORDER: Final = tuple(EscalationLevel)

_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _check_email(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _text(attribute.name, value)
    if not _EMAIL.fullmatch(value):
        raise InvalidValueError(attribute.name, value, "an e-mail address such as 'x@example.com'")


def _check_text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _text(attribute.name, value)


def _check_optional_text(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _text(attribute.name, value)


def _check_level(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _typed(attribute.name, value, EscalationLevel, "an EscalationLevel")


@attrs.frozen
class Contact:
    """One person on an escalation path.

    Attributes:
        role: the person's role, in English (the directory's title).
        name: the name as published.
        email: the address as published.
        subregion: the sub-region the person covers (a :class:`~partnerrules.regions.Subregion`
            name of the same region), or ``None`` for the whole region.
        level: the level of the path the person belongs to.

    >>> Contact("Partner account manager", "Kevin", "kevin@zohocorp.com", "Canada",
    ...         level=EscalationLevel.ACCOUNT_MANAGER).name
    'Kevin'
    """

    role: str = attrs.field(validator=_check_text)
    name: str = attrs.field(validator=_check_text)
    email: str = attrs.field(validator=_check_email)
    subregion: str | None = attrs.field(default=None, validator=_check_optional_text)
    level: EscalationLevel = attrs.field(kw_only=True, validator=_check_level)


def _to_codes(value: object) -> frozenset[str]:
    items = _items("countries", value, "an iterable of ISO 3166-1 alpha-2 codes")
    codes = set()
    for item in items:
        code = country_code(item, "country")
        if item != code:
            raise InvalidValueError("countries", item, "an upper-case ISO code", hint=repr(code))
        codes.add(code)
    return frozenset(codes)


def _check_bool(_instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _typed(attribute.name, value, bool, "a bool")


@attrs.frozen
class Subregion:
    """A named part of a region, covering some of its countries.

    Attributes:
        name: the sub-region's label (``'DACH'``, ``'Canada'``, ``'Japan'``).
        countries: the ISO codes it covers explicitly.
        rest: whether it also covers every country of the region that no
            sub-region at the same level covers explicitly (``'Rest of
            Europe'``).

    Raises:
        InvalidValueError: it covers nothing (no countries and not the rest).

    >>> Subregion("DACH", ["DE", "AT", "CH", "LI"]).covers("AT")
    True
    """

    name: str = attrs.field(validator=_check_text)
    countries: frozenset[str] = attrs.field(factory=frozenset, converter=_to_codes)
    rest: bool = attrs.field(default=False, kw_only=True, validator=_check_bool)

    def __attrs_post_init__(self) -> None:
        if not self.countries and not self.rest:
            raise InvalidValueError(
                "countries", self.countries, "non-empty when rest is False", hint=self.name
            )

    def covers(self, country: str) -> bool:
        """Say whether the sub-region names *country* explicitly (ignoring ``rest``).

        Rule ``zoho.escalation.directory``. *country* is an ISO 3166-1
        alpha-2 code in any case.

        Raises:
            InvalidTypeError: *country* is not a string.
            UnknownKeyError: not an assigned code.
        """
        return country_code(country) in self.countries


def _to_contacts(value: object) -> tuple[Any, ...]:
    return _items("contacts", value, "a tuple or list of Contact")


def _to_subregions(value: object) -> tuple[Any, ...]:
    return _items("subregions", value, "a tuple or list of Subregion")


def _to_regions(value: object) -> tuple[Any, ...]:
    return _items("regions", value, "a tuple or list of RegionalEscalation")


@attrs.frozen
class RegionalEscalation:
    """The escalation data of one region: its contacts in order and its sub-regions.

    Rule ``zoho.escalation.directory``.

    Attributes:
        region: the region.
        contacts: everyone on the region's path, ordered by level (regional
            leads, managers, account managers) and, within a level, as
            published.
        subregions: the sub-regions the contacts' ``subregion`` names refer to.

    Raises:
        InvalidValueError: no contacts, contacts out of level order, duplicate
            sub-region names, or a contact naming an undefined sub-region.
    """

    region: Region = attrs.field(
        validator=lambda _i, attribute, value: _typed(attribute.name, value, Region, "a Region")
    )
    contacts: tuple[Contact, ...] = attrs.field(converter=_to_contacts)
    subregions: tuple[Subregion, ...] = attrs.field(default=(), converter=_to_subregions)

    def __attrs_post_init__(self) -> None:
        if not self.contacts:
            raise InvalidValueError("contacts", self.contacts, "at least one Contact")
        for index, contact in enumerate(self.contacts):
            _typed(f"contacts[{index}]", contact, Contact, "a Contact")
        for index, sub in enumerate(self.subregions):
            _typed(f"subregions[{index}]", sub, Subregion, "a Subregion")
        ranks = [c.level.rank for c in self.contacts]
        if ranks != sorted(ranks):
            raise InvalidValueError(
                "contacts",
                [c.level.value for c in self.contacts],
                "ordered by level: regional leads, then managers, then account managers",
            )
        names = [s.name.casefold() for s in self.subregions]
        if len(names) != len(set(names)):
            raise InvalidValueError("subregions", names, "a tuple of distinctly named Subregion")
        known = {s.name for s in self.subregions}
        for contact in self.contacts:
            if contact.subregion is not None and contact.subregion not in known:
                raise UnknownKeyError(
                    "subregion",
                    contact.subregion,
                    known,
                    hint=f"contact {contact.name!r} must name a sub-region of {self.region.value}",
                )

    def subregion(self, name: str) -> Subregion:
        """Return the sub-region called *name* (any case; rule ``zoho.escalation.directory``).

        Raises:
            InvalidTypeError: *name* is not a string.
            UnknownKeyError: no such sub-region in this region.
        """
        if not isinstance(name, str):
            raise _type_error("name", name, "a str")
        for sub in self.subregions:
            if sub.name.casefold() == name.strip().casefold():
                return sub
        raise UnknownKeyError("subregion", name, (s.name for s in self.subregions))

    @property
    def account_subregions(self) -> tuple[str, ...]:
        """The sub-regions of the account-manager level, in published order.

        These are the values the ``subregion`` argument of
        :func:`partnerrules.regions.escalation_path` accepts for this region.
        """
        names = (
            c.subregion
            for c in self.contacts
            if c.level is EscalationLevel.ACCOUNT_MANAGER and c.subregion is not None
        )
        return tuple(dict.fromkeys(names))


@attrs.frozen
class EscalationDirectory:
    """Who to escalate to, region by region: a value a caller can replace.

    Rule ``zoho.escalation.directory``. The shipped directory is
    ``partnerrules.policies.zoho_directory.ZOHO_DIRECTORY``; build another
    one to pass to :func:`partnerrules.regions.escalation_path`.

    Attributes:
        regions: one :class:`~partnerrules.regions.RegionalEscalation` per region it covers.

    Raises:
        InvalidValueError: a region appears twice.
    """

    regions: tuple[RegionalEscalation, ...] = attrs.field(converter=_to_regions)

    def __attrs_post_init__(self) -> None:
        for index, entry in enumerate(self.regions):
            _typed(f"regions[{index}]", entry, RegionalEscalation, "a RegionalEscalation")
        seen = [e.region for e in self.regions]
        if len(seen) != len(set(seen)):
            raise InvalidValueError(
                "regions", [r.value for r in seen], "a tuple with each Region at most once"
            )

    def for_region(self, region: Region) -> RegionalEscalation:
        """Return the data of *region* (rule ``zoho.escalation.directory``).

        Raises:
            InvalidTypeError: *region* is not a :class:`~partnerrules.regions.Region`.
            UnknownKeyError: the directory has no entry for *region*.
        """
        _typed("region", region, Region, "a Region")
        for entry in self.regions:
            if entry.region is region:
                return entry
        raise UnknownKeyError(
            "region",
            region.value,
            (e.region.value for e in self.regions),
            hint="this directory has no entry for it",
        )


# Document and pickle the public types under the module that exports them.
for _public in (
    Contact,
    EscalationDirectory,
    EscalationLevel,
    PriorityGroup,
    Region,
    RegionalEscalation,
    Subregion,
    country_code,
):
    _public.__module__ = "partnerrules.regions"
