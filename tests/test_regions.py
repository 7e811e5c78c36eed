"""Regions, escalation paths and priority support (zoho.escalation.directory,
zoho.priority_support.large_accounts)."""

from __future__ import annotations

import json
import zoneinfo
from types import MappingProxyType

import attrs
import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from partnerrules import InvalidTypeError, InvalidValueError, UnknownKeyError
from partnerrules.convert import PolicyFormatError, structure, unstructure
from partnerrules.regions import (
    COUNTRY_NAMES,
    COUNTRY_REGIONS,
    PRIORITY_GROUP_EXCEPTIONS,
    ZOHO_DIRECTORY,
    ZOHO_PRIORITY_THRESHOLDS,
    Contact,
    EscalationDirectory,
    EscalationLevel,
    EscalationPath,
    PriorityCondition,
    PriorityGroup,
    PrioritySupportDecision,
    Region,
    RegionalEscalation,
    Subregion,
    check_priority_support,
    country_code,
    country_name,
    default_zone,
    escalation_path,
    escalation_region,
    priority_support_group,
    region_countries,
)

DIRECTORY = "zoho.escalation.directory"
PRIORITY = "zoho.priority_support.large_accounts"

codes = st.sampled_from(sorted(COUNTRY_NAMES))


def names(contacts):
    return [c.name for c in contacts]


# -- contract over the whole tables --------------------------------------------------------


@pytest.mark.rule(DIRECTORY)
def test_the_code_list_is_exactly_the_249_assigned_iso_codes_known_to_cldr():
    """zoho.escalation.directory: our ISO 3166-1 list agrees with CLDR's territories.

    CLDR also names a few codes that are not officially assigned ISO 3166-1
    alpha-2 codes (exceptionally reserved, user-assigned or CLDR-only); those
    are set aside by hand, everything else must match.
    """
    not_iso = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB"}
    not_iso |= {"XK", "ZZ"}
    cldr = {k for k in Locale("en").territories if len(k) == 2 and k.isalpha()}
    assert len(COUNTRY_NAMES) == 249
    assert set(COUNTRY_NAMES) == cldr - not_iso


@pytest.mark.rule(DIRECTORY)
def test_every_country_belongs_to_exactly_one_escalation_region():
    """zoho.escalation.directory: the region table partitions the 249 codes."""
    assert set(COUNTRY_REGIONS) == set(COUNTRY_NAMES)
    members = [region_countries(region) for region in Region]
    flat = [code for group in members for code in group]
    assert len(flat) == len(set(flat)) == 249
    assert all(members), "every region has countries"


@pytest.mark.rule(PRIORITY)
def test_every_country_belongs_to_exactly_one_priority_group_with_a_positive_threshold():
    """zoho.priority_support.large_accounts: every code has one group; thresholds positive."""
    groups = {code: priority_support_group(code) for code in COUNTRY_NAMES}
    assert set(groups.values()) == set(PriorityGroup)
    assert set(PRIORITY_GROUP_EXCEPTIONS) <= set(COUNTRY_NAMES)
    assert set(ZOHO_PRIORITY_THRESHOLDS) == set(PriorityGroup)
    assert all(isinstance(v, int) and v > 0 for v in ZOHO_PRIORITY_THRESHOLDS.values())


@pytest.mark.rule(DIRECTORY)
def test_every_country_has_a_non_empty_path_that_starts_with_a_regional_lead():
    """zoho.escalation.directory: no country is left without someone to escalate to."""
    assert {entry.region for entry in ZOHO_DIRECTORY.regions} == set(Region)
    for code in COUNTRY_NAMES:
        path = escalation_path(code)
        assert path.levels, code
        assert path.levels[0].level is EscalationLevel.REGIONAL_LEAD, code
        entry = ZOHO_DIRECTORY.for_region(path.region)
        if any(c.level is EscalationLevel.ACCOUNT_MANAGER for c in entry.contacts):
            assert path.account_managers, code


@pytest.mark.rule(DIRECTORY)
def test_every_directory_subregion_resolves_and_covers_only_its_own_region():
    """zoho.escalation.directory: each sub-region narrows to its account managers."""
    for entry in ZOHO_DIRECTORY.regions:
        some_country = region_countries(entry.region)[0]
        for sub in entry.subregions:
            assert all(COUNTRY_REGIONS[c] is entry.region for c in sub.countries), sub.name
        for name in entry.account_subregions:
            path = escalation_path(some_country, subregion=name)
            assert path.subregion == name
            assert path.account_managers
            assert {c.subregion for c in path.account_managers} == {name}


@pytest.mark.rule("zoho.sla.weekday_clock")
def test_every_region_has_a_valid_default_zone():
    """zoho.sla.weekday_clock: every region's default zone is a real IANA zone."""
    for region in Region:
        assert zoneinfo.ZoneInfo(default_zone(region)).key == default_zone(region)


@pytest.mark.rule(DIRECTORY)
def test_the_directory_and_thresholds_round_trip_through_json():
    """zoho.escalation.directory: a caller can keep its own directory in a JSON file.

    The converter leaves frozensets as sets, so ``json.dumps`` needs a
    ``default`` that lists them.
    """
    text = json.dumps(unstructure(ZOHO_DIRECTORY), ensure_ascii=False, default=sorted)
    assert structure(json.loads(text), EscalationDirectory) == ZOHO_DIRECTORY
    plain = unstructure(dict(ZOHO_PRIORITY_THRESHOLDS))
    assert plain["Canada & Brazil"] == 50
    assert structure(plain, dict[PriorityGroup, int]) == ZOHO_PRIORITY_THRESHOLDS
    broken = json.loads(text)
    broken["regions"][4]["subregions"][5]["countries"] = ["IT", "XX"]
    with pytest.raises(PolicyFormatError, match=r"unknown country 'XX'.* @ \$\.regions\[4\]"):
        structure(broken, EscalationDirectory)


# -- examples ------------------------------------------------------------------------------


@pytest.mark.rule(DIRECTORY)
def test_a_brazilian_partner_escalates_to_deepak_then_stephen_for_brazil():
    """zoho.escalation.directory: BR -> Brazil path as published."""
    path = escalation_path("BR")
    assert path.region is Region.BRAZIL
    assert [(c.name, c.email) for c in path.levels] == [
        ("Deepak", "deepak.b@zohocorp.com"),
        ("Stephen", "stephen.devaraj@zohocorp.com"),
    ]
    assert path.subregion is None
    assert all(r.rule_id == DIRECTORY for r in path.reasons)
    assert str(path.reasons[0]) == "BR (Brazil) escalates in region Brazil"


@pytest.mark.rule(DIRECTORY)
def test_a_canadian_partner_gets_the_north_american_path_with_the_canadian_people():
    """zoho.escalation.directory: CA -> North America, Steve, then Kevin for Canada."""
    path = escalation_path("ca")
    assert path.region is Region.NORTH_AMERICA
    assert names(path.leads) == ["Deepak", "Steve"]
    assert path.managers == ()
    assert [(c.name, c.email) for c in path.account_managers] == [("Kevin", "kevin@zohocorp.com")]
    assert path.subregion == "Canada"
    assert "CA is covered by sub-region Canada of North America" in map(str, path.reasons)


@pytest.mark.rule(DIRECTORY)
def test_a_us_partner_sees_the_three_us_account_managers_until_it_picks_one():
    """zoho.escalation.directory: the US is East, West and Central; subregion narrows."""
    path = escalation_path("US")
    assert names(path.leads) == ["Deepak", "Gokul"]
    assert names(path.account_managers) == ["Matt", "Connor", "Diana"]
    assert path.subregion is None
    west = escalation_path("US", subregion="west")
    assert names(west.account_managers) == ["Connor"]
    assert west.subregion == "West"


@pytest.mark.rule(DIRECTORY)
def test_a_german_partner_with_subregion_dach_reaches_harvey_after_the_european_leads():
    """zoho.escalation.directory: DE with subregion DACH, the EU addresses as published."""
    path = escalation_path("DE", subregion="DACH")
    assert [(c.name, c.email, c.level) for c in path.levels] == [
        ("Russell", "ganesh.ca@eu.zohocorp.com", EscalationLevel.REGIONAL_LEAD),
        ("Raaj", "rajvikram.s@eu.zohocorp.com", EscalationLevel.MANAGER),
        ("Danny", "daniel.p@eu.zohocorp.com", EscalationLevel.MANAGER),
        ("Harvey", "harvey@eu.zohocorp.com", EscalationLevel.ACCOUNT_MANAGER),
    ]
    assert escalation_path("DE") == attrs.evolve(path, reasons=escalation_path("DE").reasons)


@pytest.mark.rule(DIRECTORY)
def test_european_countries_reach_their_published_account_manager():
    """zoho.escalation.directory: each named European sub-region by country."""
    expected = {
        "NL": "Atya Arain",
        "SE": "Atya Arain",
        "FR": "Claire Tredez",
        "IT": "Francesco Orazi",
        "ES": "Javier Guilló",
        "AT": "Harvey",
        "GB": "Sebastian",
    }
    for code, name in expected.items():
        assert names(escalation_path(code).account_managers) == [name], code
    assert names(escalation_path("GB").leads) == ["Krish"]
    assert names(escalation_path("FR").leads) == ["Russell"]


@pytest.mark.rule(DIRECTORY)
def test_the_rest_of_europe_lists_both_rest_of_europe_managers_until_one_is_picked():
    """zoho.escalation.directory: PL is not named by a sub-region: both 'rest' managers."""
    path = escalation_path("PL")
    assert names(path.account_managers) == ["Vivek Venkatraman", "Francesco Orazi"]
    assert path.subregion is None
    assert "pass subregion= to pick one" in str(path.reasons[1])
    picked = escalation_path("PL", subregion="rest of europe")
    assert names(picked.account_managers) == ["Vivek Venkatraman"]


@pytest.mark.rule(DIRECTORY)
def test_japan_and_the_rest_of_apac_have_their_own_account_managers():
    """zoho.escalation.directory: APAC & Japan sub-regions."""
    assert names(escalation_path("JP").account_managers) == ["Jin san", "Akira san"]
    assert names(escalation_path("SG").levels) == ["Kishore", "Danny", "Vick Silva"]
    assert [c.email for c in escalation_path("AU").levels] == [
        "sakthi.g@zohocorp.com",
        "daniel.p@zohocorp.com",
    ]
    assert names(escalation_path("IN").leads) == ["Adhithya", "Poojitha"]
    assert names(escalation_path("AE").leads) == ["Vishnu", "Poojitha"]
    assert names(escalation_path("MX").levels) == ["Deepak", "Stephen"]


@pytest.mark.rule(DIRECTORY)
def test_regions_follow_their_plain_meaning_for_countries_the_source_does_not_name():
    """zoho.escalation.directory: the documented product decisions."""
    expected = {
        "CY": Region.UK_EU,
        "NO": Region.UK_EU,
        "TR": Region.MEA,
        "IR": Region.MEA,
        "NG": Region.MEA,
        "PK": Region.INDIA,
        "LK": Region.INDIA,
        "KZ": Region.APAC_JAPAN,
        "KR": Region.APAC_JAPAN,
        "FJ": Region.ANZ,
        "AQ": Region.ANZ,
        "PR": Region.LATAM,
        "AR": Region.LATAM,
        "BR": Region.BRAZIL,
        "US": Region.NORTH_AMERICA,
    }
    assert {code: escalation_region(code) for code in expected} == expected


@pytest.mark.rule(DIRECTORY)
def test_a_caller_can_pass_its_own_directory():
    """zoho.escalation.directory: the directory is data a caller replaces."""
    mine = EscalationDirectory(
        [
            RegionalEscalation(
                Region.BRAZIL,
                [
                    Contact("Suporte", "Ana", "ana@example.com", level=EscalationLevel.REGIONAL_LEAD),
                    Contact(
                        "Conta SP", "Bia", "bia@example.com", "SP",
                        level=EscalationLevel.ACCOUNT_MANAGER,
                    ),
                ],
                [Subregion("SP", ["BR"])],
            )
        ]
    )  # fmt: skip
    path = escalation_path("BR", directory=mine)
    assert names(path.levels) == ["Ana", "Bia"]
    assert path.subregion == "SP"
    with pytest.raises(UnknownKeyError, match=r"unknown region 'UK & EU'.*known: 'Brazil'"):
        escalation_path("DE", directory=mine)


@pytest.mark.rule(PRIORITY)
@pytest.mark.parametrize(
    ("country", "group", "threshold"),
    [
        ("AU", PriorityGroup.ANZ, 50),
        ("JP", PriorityGroup.APAC_JAPAN, 50),
        ("IN", PriorityGroup.INDIA, 100),
        ("SA", PriorityGroup.MEA, 60),
        ("DE", PriorityGroup.EUROPE_UK, 60),
        ("GB", PriorityGroup.EUROPE_UK, 60),
        ("US", PriorityGroup.USA_LATAM, 70),
        ("MX", PriorityGroup.USA_LATAM, 70),
        ("CA", PriorityGroup.CANADA_BRAZIL, 50),
        ("BR", PriorityGroup.CANADA_BRAZIL, 50),
    ],
)
def test_the_priority_threshold_follows_the_table_of_the_source(country, group, threshold):
    """zoho.priority_support.large_accounts: CA like BR (50), US like LATAM (70)."""
    at = check_priority_support(country, threshold, verified=True)
    below = check_priority_support(country, threshold - 1, verified=True)
    assert (at.group, at.threshold, at.eligible) == (group, threshold, True)
    assert (below.eligible, below.unmet) == (False, (PriorityCondition.LICENCES,))


@pytest.mark.rule(PRIORITY)
def test_an_unverified_small_account_fails_both_conditions_and_says_so():
    """zoho.priority_support.large_accounts: every failed condition is listed."""
    decision = check_priority_support("us", 65, verified=False)
    assert decision.eligible is False
    assert decision.country == "US"
    assert decision.unmet == (PriorityCondition.LICENCES, PriorityCondition.VERIFIED)
    assert [r.rule_id for r in decision.reasons] == [PRIORITY] * 3
    assert [str(r) for r in decision.reasons] == [
        "US (United States) is in priority-support group USA & LATAM: 70 user licences or more",
        "65 user licences are below the threshold of 70 for USA & LATAM",
        "the account is not verified: its super-admin e-mail or customer domain "
        "must match the partner's subscriptions",
    ]


@pytest.mark.rule(PRIORITY)
def test_a_large_account_that_is_not_verified_is_refused():
    """zoho.priority_support.large_accounts: licences alone are not enough."""
    decision = check_priority_support("IN", 500, verified=False)
    assert (decision.eligible, decision.unmet) == (False, (PriorityCondition.VERIFIED,))
    ok = check_priority_support("IN", 100, verified=True)
    assert (ok.eligible, ok.unmet) == (True, ())
    assert str(ok.reasons[1]) == "100 user licences reach the threshold of 100 for India"


@pytest.mark.rule(PRIORITY)
def test_caller_thresholds_replace_the_published_table():
    """zoho.priority_support.large_accounts: thresholds are a parameter."""
    mine = {**ZOHO_PRIORITY_THRESHOLDS, PriorityGroup.CANADA_BRAZIL: 10}
    assert check_priority_support("BR", 10, verified=True, thresholds=mine).eligible
    assert not check_priority_support("BR", 10, verified=True).eligible


# -- laws ----------------------------------------------------------------------------------


@pytest.mark.rule(DIRECTORY)
@given(code=codes, lower=st.booleans())
def test_lookups_ignore_case_and_paths_are_ordered_by_level(code, lower):
    """zoho.escalation.directory: case-insensitive; leads, managers, account managers."""
    key = code.lower() if lower else code
    path = escalation_path(key)
    assert path.country == code
    assert path.region is escalation_region(key) is COUNTRY_REGIONS[code]
    ranks = [c.level.rank for c in path.levels]
    assert ranks == sorted(ranks)
    assert set(path.levels) <= set(ZOHO_DIRECTORY.for_region(path.region).contacts)
    assert path.reasons
    assert {r.rule_id for r in path.reasons} == {DIRECTORY}
    assert path.levels == path.leads + path.managers + path.account_managers


@pytest.mark.rule(PRIORITY)
@given(code=codes, licences=st.integers(min_value=0, max_value=10_000), verified=st.booleans())
def test_eligibility_is_exactly_enough_licences_and_verification(code, licences, verified):
    """zoho.priority_support.large_accounts: eligible iff licences >= threshold and verified."""
    decision = check_priority_support(code, licences, verified=verified)
    threshold = ZOHO_PRIORITY_THRESHOLDS[priority_support_group(code)]
    assert decision.eligible == (licences >= threshold and verified)
    assert (PriorityCondition.LICENCES in decision.unmet) == (licences < threshold)
    assert (PriorityCondition.VERIFIED in decision.unmet) == (not verified)
    more = check_priority_support(code, licences + 1, verified=verified)
    assert more.eligible >= decision.eligible
    assert {r.rule_id for r in decision.reasons} == {PRIORITY}


# -- bad input -----------------------------------------------------------------------------


def _bad_directory_entry():
    return RegionalEscalation(
        Region.ANZ,
        [
            Contact("M", "Danny", "d@example.com", level=EscalationLevel.MANAGER),
            Contact("L", "Lead", "l@example.com", level=EscalationLevel.REGIONAL_LEAD),
        ],
    )


def _undefined_subregion():
    return RegionalEscalation(
        Region.ANZ,
        [Contact("L", "Lead", "l@example.com", "Pacific", level=EscalationLevel.REGIONAL_LEAD)],
    )


def _duplicate_regions():
    entry = ZOHO_DIRECTORY.for_region(Region.ANZ)
    return EscalationDirectory([entry, entry])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: escalation_region("ZZ"), UnknownKeyError, r"unknown country 'ZZ': 249 known"),
        (
            lambda: escalation_region("uk"),
            UnknownKeyError,
            r"unknown country 'uk'.*did you mean 'GB' \(United Kingdom\)\? pass an ISO 3166-1",
        ),
        (
            lambda: escalation_region("BRA"),
            UnknownKeyError,
            r"unknown country 'BRA'.*did you mean 'BR' \(Brazil\)",
        ),
        (
            lambda: escalation_region("Brasil"),
            UnknownKeyError,
            r"unknown country 'Brasil'.*did you mean 'BR' \(Brazil\)",
        ),
        (lambda: escalation_region(""), UnknownKeyError, r"unknown country '': 249 known values"),
        (
            lambda: escalation_region(55),
            InvalidTypeError,
            r"'country' must be a str \(got int 55\)",
        ),
        (lambda: country_name(None), InvalidTypeError, r"'country' must be a str \(got NoneType"),
        (lambda: priority_support_group("usa"), UnknownKeyError, r"did you mean 'US'"),
        (
            lambda: escalation_path("DE", subregion="Benelux"),
            UnknownKeyError,
            r"unknown subregion 'Benelux': known: 'Benelux & Nordics', 'DACH', .*'UK'; "
            r"those are the account-manager sub-regions of UK & EU; did you mean 'Benelux & Nordics'",
        ),
        (
            lambda: escalation_path("US", subregion="Japan"),
            UnknownKeyError,
            r"unknown subregion 'Japan': known: 'Canada', 'Central', 'East', 'West'; "
            r"those are the account-manager sub-regions of North America$",
        ),
        (
            lambda: escalation_path("BR", subregion="SP"),
            InvalidValueError,
            r"'subregion' must be None for region Brazil, which has no account-manager",
        ),
        (
            lambda: escalation_path("BR", subregion=3),
            InvalidTypeError,
            r"'subregion' must be a str or None \(got int 3\)",
        ),
        (
            lambda: escalation_path("BR", directory={}),
            InvalidTypeError,
            r"'directory' must be an EscalationDirectory \(got dict",
        ),
        (
            lambda: check_priority_support("BR", -1, verified=True),
            InvalidValueError,
            r"'licences' must be an integer >= 0 \(got -1\)",
        ),
        (
            lambda: check_priority_support("BR", 50.0, verified=True),
            InvalidTypeError,
            r"'licences' must be an int \(got float 50.0\)",
        ),
        (
            lambda: check_priority_support("BR", True, verified=True),
            InvalidTypeError,
            r"'licences' must be an int \(got bool True\)",
        ),
        (
            lambda: check_priority_support("BR", 50, verified="yes"),
            InvalidTypeError,
            r"'verified' must be a bool \(got str 'yes'\)",
        ),
        (
            lambda: check_priority_support("BR", 50, verified=True, thresholds=[50]),
            InvalidTypeError,
            r"'thresholds' must be a mapping of PriorityGroup to int",
        ),
        (
            lambda: check_priority_support(
                "BR", 50, verified=True, thresholds={PriorityGroup.CANADA_BRAZIL: 0}
            ),
            InvalidValueError,
            r"'thresholds\[CANADA_BRAZIL\]' must be an integer >= 1 \(got 0\)",
        ),
        (
            lambda: check_priority_support(
                "BR", 50, verified=True, thresholds=MappingProxyType({PriorityGroup.ANZ: 50})
            ),
            InvalidValueError,
            r"'thresholds' must be a mapping with a threshold for 'Canada & Brazil'",
        ),
        (
            lambda: check_priority_support("BR", 50, verified=True, thresholds={"BR": 50}),
            InvalidTypeError,
            r"'thresholds' must be a mapping keyed by PriorityGroup \(got str 'BR'\)",
        ),
        (
            lambda: EscalationPath("BR", Region.BRAZIL, None, ["Deepak"], ()),
            InvalidTypeError,
            r"'levels' must be a tuple of Contact \(got list \['Deepak'\]\)",
        ),
        (
            lambda: region_countries("LATAM"),
            InvalidTypeError,
            r"'region' must be a Region \(got str 'LATAM'\); e\.g\. Region\.BRAZIL",
        ),
        (lambda: default_zone("Brazil"), InvalidTypeError, r"'region' must be a Region.*Region\("),
        (
            lambda: Contact("R", "N", "not-an-email", level=EscalationLevel.MANAGER),
            InvalidValueError,
            r"'email' must be an e-mail address .*\(got 'not-an-email'\)",
        ),
        (
            lambda: Contact("R", "N", "n@example.com", level="manager"),
            InvalidTypeError,
            r"'level' must be an EscalationLevel \(got str 'manager'\)",
        ),
        (
            lambda: Subregion("X", ["XX"]),
            UnknownKeyError,
            r"unknown country 'XX': 249 known values; pass an ISO 3166-1 alpha-2 code",
        ),
        (
            lambda: Subregion("X", ["de"]),
            InvalidValueError,
            r"'countries' must be an upper-case ISO code \(got 'de'\); 'DE'",
        ),
        (
            lambda: Subregion("Nowhere"),
            InvalidValueError,
            r"'countries' must be non-empty when rest is False",
        ),
        (
            _bad_directory_entry,
            InvalidValueError,
            r"'contacts' must be ordered by level: regional leads, then managers",
        ),
        (
            _undefined_subregion,
            UnknownKeyError,
            r"unknown subregion 'Pacific'.*contact 'Lead' must name a sub-region of ANZ",
        ),
        (
            lambda: RegionalEscalation(Region.ANZ, []),
            InvalidValueError,
            r"'contacts' must be at least one Contact",
        ),
        (
            _duplicate_regions,
            InvalidValueError,
            r"'regions' must be a tuple with each Region at most once \(got \['ANZ', 'ANZ'\]\)",
        ),
        # issue #12: ranges, bools, collections and enums refuse with a typed error
        (
            lambda: check_priority_support("BR", 10**5000, verified=True),
            InvalidValueError,
            r"'licences' must be an integer <= 9223372036854775807 \(got <",
        ),
        (
            lambda: check_priority_support("BR", 50, verified="no"),
            InvalidTypeError,
            r"'verified' must be a bool \(got str 'no'\)",
        ),
        (
            lambda: check_priority_support("BR", 50, verified=1),
            InvalidTypeError,
            r"'verified' must be a bool \(got int 1\)",
        ),
        (
            lambda: Subregion("X", ["DE"], rest="no"),
            InvalidTypeError,
            r"'rest' must be a bool \(got str 'no'\)",
        ),
        (
            lambda: Subregion("DACH", ["DE"]).covers([]),
            InvalidTypeError,
            r"'country' must be a str \(got list \[\]\)",
        ),
        (
            lambda: Subregion("DACH", None),
            InvalidTypeError,
            r"'countries' must be an iterable of ISO 3166-1 alpha-2 codes \(got NoneType None\)",
        ),
        (
            lambda: RegionalEscalation(Region.ANZ, None),
            InvalidTypeError,
            r"'contacts' must be a tuple or list of Contact \(got NoneType None\)",
        ),
        (
            lambda: ZOHO_DIRECTORY.for_region(Region.ANZ).subregion(None),
            InvalidTypeError,
            r"'name' must be a str \(got NoneType None\)",
        ),
        (
            lambda: Region("Brasil"),
            InvalidValueError,
            r"'Region' must be one of 'ANZ', 'APAC & Japan', .* \(got 'Brasil'\)",
        ),
        (
            lambda: PriorityGroup(10**5000),
            InvalidValueError,
            r"'PriorityGroup' must be one of 'ANZ'",
        ),
        (
            lambda: country_code("BR", field=None),
            InvalidTypeError,
            r"'field' must be a str \(the argument name for messages\) \(got NoneType None\)",
        ),
        (
            lambda: PrioritySupportDecision(
                False, "BR", PriorityGroup.CANADA_BRAZIL, 50, 10, "yes", (), ()
            ),
            InvalidTypeError,
            r"'verified' must be a bool \(got str 'yes'\)",
        ),
    ],
)
def test_bad_input_is_refused_with_a_typed_error_that_says_what_is_allowed(call, error, message):
    """zoho.escalation.directory and zoho.priority_support.large_accounts: bad input."""
    with pytest.raises(error, match=message):
        call()


def test_unknown_country_errors_carry_structured_suggestions():
    """zoho.escalation.directory: programs read the suggestions, not the message."""
    with pytest.raises(UnknownKeyError) as info:
        escalation_path("Germany")
    assert info.value.field == "country"
    assert info.value.value == "Germany"
    assert info.value.suggestions == ("DE",)
    assert isinstance(info.value, LookupError)
