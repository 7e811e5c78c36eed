"""Zoho partner support: the escalation directory and the priority-support thresholds.

Data only. Source: Zoho partner support (seed 001), section "Diferentes níveis
de escalonamento" for the directory (rule ``zoho.escalation.directory``) and
section "Suporte prioritário" for the thresholds (rule
``zoho.priority_support.large_accounts``).

Names and e-mail addresses are as published. Roles are rendered in English.
Which countries each sub-region covers is not published: the ``Subregion``
entries below are the product decision documented on the "Regions and
escalation" page of the docs.

>>> from partnerrules.policies.zoho_directory import ZOHO_DIRECTORY, ZOHO_PRIORITY_THRESHOLDS
>>> from partnerrules.regions import PriorityGroup, Region
>>> [c.name for c in ZOHO_DIRECTORY.for_region(Region.BRAZIL).contacts]
['Deepak', 'Stephen']
>>> ZOHO_PRIORITY_THRESHOLDS[PriorityGroup.INDIA]
100
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from partnerrules._regions_model import (
    Contact,
    EscalationDirectory,
    EscalationLevel,
    PriorityGroup,
    Region,
    RegionalEscalation,
    Subregion,
)

__all__ = ["ZOHO_DIRECTORY", "ZOHO_PRIORITY_THRESHOLDS"]

_LEAD: Final = EscalationLevel.REGIONAL_LEAD
_MANAGER: Final = EscalationLevel.MANAGER
_ACCOUNT: Final = EscalationLevel.ACCOUNT_MANAGER

_CENTRAL_MANAGER: Final = "Manager – Central Partner Support"
_DANNY: Final = Contact(_CENTRAL_MANAGER, "Danny", "daniel.p@zohocorp.com", level=_MANAGER)
_DEEPAK: Final = Contact(
    "Partner Support Lead – North and South America", "Deepak", "deepak.b@zohocorp.com", level=_LEAD
)

#: The published escalation directory, region by region.
ZOHO_DIRECTORY: Final = EscalationDirectory(
    (
        RegionalEscalation(
            Region.ANZ,
            (
                Contact(
                    "Partner Support Lead – ANZ", "Sakthi Priya", "sakthi.g@zohocorp.com",
                    level=_LEAD,
                ),
                _DANNY,
            ),
        ),
        RegionalEscalation(
            Region.APAC_JAPAN,
            (
                Contact(
                    "Partner Support Lead – APAC & Japan", "Kishore", "kishore.ks@zohocorp.com",
                    level=_LEAD,
                ),
                _DANNY,
                Contact(
                    "Partner Account Manager – APAC", "Vick Silva", "vick.silva@zohocorp.com",
                    "APAC", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Japan", "Jin san", "jin.nakazawa@zohocorp.com",
                    "Japan", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Japan", "Akira san", "akira.nakai@zohocorp.com",
                    "Japan", level=_ACCOUNT,
                ),
            ),
            (
                Subregion("APAC", rest=True),
                Subregion("Japan", ["JP"]),
            ),
        ),
        RegionalEscalation(
            Region.INDIA,
            (
                Contact(
                    "Partner Support Lead – India", "Adhithya", "adhithya.ss@zohocorp.com",
                    level=_LEAD,
                ),
                Contact(
                    "Senior Partner Support Lead – India", "Poojitha", "poojitha.k@zohocorp.com",
                    level=_LEAD,
                ),
                _DANNY,
            ),
        ),
        RegionalEscalation(
            Region.MEA,
            (
                Contact("DRI – MEA", "Vishnu", "vishnu.r@zohocorp.com", level=_LEAD),
                Contact(
                    "Senior Partner Support Lead – MEA", "Poojitha", "poojitha.k@zohocorp.com",
                    level=_LEAD,
                ),
                _DANNY,
            ),
        ),
        RegionalEscalation(
            Region.UK_EU,
            (
                Contact(
                    "Team Lead – Partner Support – UK", "Krish", "krishna.k@eu.zohocorp.com",
                    "UK", level=_LEAD,
                ),
                Contact(
                    "Team Lead – Partner Support – Europe", "Russell", "ganesh.ca@eu.zohocorp.com",
                    "Europe", level=_LEAD,
                ),
                Contact(
                    "Senior Team Lead – Partner Support – EU & UK", "Raaj",
                    "rajvikram.s@eu.zohocorp.com", level=_MANAGER,
                ),
                Contact(_CENTRAL_MANAGER, "Danny", "daniel.p@eu.zohocorp.com", level=_MANAGER),
                Contact(
                    "Partner Account Manager – Benelux & Nordics", "Atya Arain",
                    "atya.arain@eu.zohocorp.com", "Benelux & Nordics", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – France", "Claire Tredez",
                    "claire.tredez@eu.zohocorp.com", "France", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Rest of Europe", "Vivek Venkatraman",
                    "vivek.venkatraman@eu.zohocorp.com", "Rest of Europe", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Italy & Rest of Europe 2", "Francesco Orazi",
                    "francesco.orazi@eu.zohocorp.com", "Italy & Rest of Europe 2",
                    level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Spain", "Javier Guilló",
                    "javier.guillo@eu.zohocorp.com", "Spain", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – DACH", "Harvey", "harvey@eu.zohocorp.com",
                    "DACH", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – UK", "Sebastian", "sebastian@eu.zohocorp.com",
                    "UK", level=_ACCOUNT,
                ),
            ),
            (
                Subregion("UK", ["GB", "GG", "GI", "IM", "JE"]),
                Subregion("Europe", rest=True),
                Subregion(
                    "Benelux & Nordics",
                    ["AX", "BE", "DK", "FI", "FO", "IS", "LU", "NL", "NO", "SE", "SJ"],
                ),
                Subregion("France", ["FR", "MC"]),
                Subregion("Rest of Europe", rest=True),
                Subregion("Italy & Rest of Europe 2", ["IT", "SM", "VA"], rest=True),
                Subregion("Spain", ["AD", "ES"]),
                Subregion("DACH", ["AT", "CH", "DE", "LI"]),
            ),
        ),
        RegionalEscalation(
            Region.NORTH_AMERICA,
            (
                _DEEPAK,
                Contact(
                    "Partner Support Lead – USA", "Gokul", "gokul.kd@zohocorp.com", "USA",
                    level=_LEAD,
                ),
                Contact(
                    "Partner Support Lead – Canada", "Steve", "srivats.n@zohocorp.com", "Canada",
                    level=_LEAD,
                ),
                Contact(
                    "Partner Account Manager – East", "Matt", "matt.lackey@zohocorp.com", "East",
                    level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – West", "Connor", "connor.a@zohocorp.com", "West",
                    level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Central", "Diana", "diana.c@zohocorp.com",
                    "Central", level=_ACCOUNT,
                ),
                Contact(
                    "Partner Account Manager – Canada", "Kevin", "kevin@zohocorp.com", "Canada",
                    level=_ACCOUNT,
                ),
            ),
            (
                Subregion("USA", ["US"], rest=True),
                Subregion("Canada", ["CA"]),
                Subregion("East", ["US"], rest=True),
                Subregion("West", ["US"], rest=True),
                Subregion("Central", ["US"], rest=True),
            ),
        ),
        RegionalEscalation(
            Region.LATAM,
            (
                _DEEPAK,
                Contact(
                    "Partner Support Lead – LATAM", "Stephen", "stephen.devaraj@zohocorp.com",
                    level=_LEAD,
                ),
            ),
        ),
        RegionalEscalation(
            Region.BRAZIL,
            (
                _DEEPAK,
                Contact(
                    "Partner Support Lead – Brazil", "Stephen", "stephen.devaraj@zohocorp.com",
                    level=_LEAD,
                ),
            ),
        ),
    )
)  # fmt: skip

#: Minimum number of user licences for priority support, by priority group.
ZOHO_PRIORITY_THRESHOLDS: Final[Mapping[PriorityGroup, int]] = MappingProxyType(
    {
        PriorityGroup.ANZ: 50,
        PriorityGroup.APAC_JAPAN: 50,
        PriorityGroup.INDIA: 100,
        PriorityGroup.MEA: 60,
        PriorityGroup.EUROPE_UK: 60,
        PriorityGroup.USA_LATAM: 70,
        PriorityGroup.CANADA_BRAZIL: 50,
    }
)
