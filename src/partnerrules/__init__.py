r"""partnerrules: partner-programme policies as pure, explained rule functions.

The top level exports the foundation nouns; the rule functions live in their
modules (:mod:`partnerrules.commission`, :mod:`partnerrules.contracts`,
:mod:`partnerrules.sla`, :mod:`partnerrules.deals`, :mod:`partnerrules.calendars`).

>>> from partnerrules import Money
>>> Money("1234.56", "BRL").format("pt_BR")
'R$\xa01.234,56'
"""

from __future__ import annotations

from partnerrules.calendars import BusinessCalendar
from partnerrules.decisions import Reason
from partnerrules.errors import (
    CurrencyMismatchError,
    HorizonError,
    InvalidTransitionError,
    InvalidTypeError,
    InvalidValueError,
    NaiveDatetimeError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.money import Money, brl

__all__ = [
    "BusinessCalendar",
    "CurrencyMismatchError",
    "HorizonError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "InvalidValueError",
    "Money",
    "NaiveDatetimeError",
    "PartnerRulesError",
    "Reason",
    "UnknownKeyError",
    "__version__",
    "brl",
]

__version__ = "0.1.0"
