"""Customer identity: normalised names, registrable web domains and CNPJ roots.

Deal conflicts (rule ``mcs.deal.protection``) and duplicate opportunities
(rule ``aws.ace.readiness``) both ask one question: *are these two records the
same customer?* People type the same company in many ways, so this module
reduces each identifier to a canonical key first:

* **Names** (:func:`normalise_name`): accents removed, case folded,
  punctuation turned into spaces, and legal-form words at the end (``Ltda``,
  ``S.A.``, ``ME``, ``EIRELI``, ``LLC``, ``Inc``...) or Russian legal forms at
  either end (``ООО``, ``АО``, ``ПАО``...) dropped. A name made only of
  legal-form words keeps its last one, so no name normalises to nothing.
* **Web domains** (:func:`registrable_domain`): scheme, user, port, path and a
  trailing dot removed, then only the *registrable* domain kept: the last two
  labels, or the last three when the last two are a known two-level public
  suffix such as ``com.br`` or ``co.uk`` (the list is
  ``TWO_LEVEL_SUFFIXES``; it is deliberately short, not the full Public
  Suffix List).
* **CNPJ** (:class:`Cnpj`): the Brazilian company registry number, checked with
  its two mod-11 check digits, in the numeric form and in the alphanumeric form
  issued from July 2026 (twelve characters ``0-9``/``A-Z`` followed by two
  numeric check digits; a character's value is ``ord(c) - 48``). Companies
  match on the 8-character *root*, so a head office and its branches are one
  customer. The all-zero number ``00.000.000/0000-00`` passes the mod-11
  check but is a placeholder, never a registration, so it is refused (rule
  ``aws.ace.readiness``): placeholders never make two customers the same.

>>> from partnerrules.identity import Cnpj, normalise_name, registrable_domain
>>> normalise_name("  Açaí Comércio de Alimentos LTDA. - ME ")
'acai comercio de alimentos'
>>> registrable_domain("https://www.loja.acai.com.br/contato?x=1")
'acai.com.br'
>>> Cnpj("12.ABC.345/01DE-35").root
'12ABC345'

Two :class:`Customer` records are the same customer when the *strongest*
identifier that both carry is equal: the CNPJ root if both have one, else the
registrable domain if both have one, else the normalised name.

>>> from partnerrules.identity import Customer
>>> a = Customer("ACME Tecnologia S.A.", cnpj="11.222.333/0001-81")
>>> b = Customer("Acme Tecnologia", cnpj="11222333000262")
>>> a.same_as(b)
True
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Final

import attrs

from partnerrules import _validate
from partnerrules.errors import InvalidTypeError, InvalidValueError, PartnerRulesError, _text

__all__ = [
    "LEGAL_FORMS",
    "RUSSIAN_LEGAL_FORMS",
    "TWO_LEVEL_SUFFIXES",
    "Cnpj",
    "CnpjError",
    "Customer",
    "cnpj_check_digits",
    "is_valid_cnpj",
    "normalise_name",
    "normalise_text",
    "registrable_domain",
]

#: Legal-form words dropped from the end of a name (after accents, case and
#: punctuation are normalised; ``S.A.`` becomes ``sa``). Brazilian, English,
#: and a few other common forms.
LEGAL_FORMS: Final[frozenset[str]] = frozenset(
    {
        # Brazil
        "ltda", "sa", "me", "epp", "eireli", "mei", "cia", "limitada", "ss",
        # English-speaking countries
        "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
        "limited", "plc", "llp", "lp", "pty",
        # continental Europe
        "gmbh", "ag", "bv", "nv", "srl", "sas", "spa", "sarl", "oy", "ab", "sl",
    }
)  # fmt: skip

#: Russian legal forms, dropped from either end of a name (``ООО «Ромашка»``).
RUSSIAN_LEGAL_FORMS: Final[frozenset[str]] = frozenset(
    {"ооо", "оао", "зао", "пао", "ао", "нао", "ип", "нко", "ано"}
)

#: Two-level public suffixes under which the registrable domain has three
#: labels. A short, explicit list of common ones (not the full Public Suffix
#: List): Brazil's ``*.br`` categories first.
TWO_LEVEL_SUFFIXES: Final[frozenset[str]] = frozenset(
    {
        "com.br", "net.br", "org.br", "gov.br", "edu.br", "ind.br", "eng.br", "adv.br",
        "art.br", "blog.br", "eco.br", "emp.br", "inf.br", "med.br", "srv.br", "tur.br",
        "app.br", "dev.br", "log.br", "coop.br", "mil.br", "jus.br", "leg.br", "mp.br",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
        "co.nz", "org.nz", "co.za", "org.za", "co.in", "com.mx", "com.ar", "com.co",
        "com.cn", "com.tr", "com.pt", "msk.ru", "spb.ru", "com.ru", "org.ru",
    }
)  # fmt: skip

# Characters that join what they separate ("S.A." -> "sa", "O'Brien" -> "obrien").
_JOINERS: Final = re.compile(r"[.'’`´/]")
_SEPARATORS: Final = re.compile(r"[^\w]+|_")


def normalise_text(value: str, *, field: str = "text") -> str:
    """Fold case and accents, and reduce punctuation and spacing to single spaces.

    The building block of :func:`normalise_name`; also used for project names
    in duplicate detection. Idempotent.

    >>> normalise_text("  Migração  p/ a NUVEM!! ")
    'migracao p a nuvem'

    Raises:
        InvalidTypeError: *value* is not a string.
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "a str")
    result = value
    # A few passes reach a fixed point even for exotic characters whose case
    # folding yields new combining marks; real text needs one.
    for _ in range(4):
        previous = result
        decomposed = unicodedata.normalize("NFKD", result.casefold())
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        joined = _JOINERS.sub("", unicodedata.normalize("NFKC", stripped).casefold())
        result = " ".join(_SEPARATORS.sub(" ", joined).split())
        if result == previous:
            break
    return result


def normalise_name(value: str, *, field: str = "name") -> str:
    """Return the canonical form of a company name, for matching.

    Accents and case are folded, punctuation removed and legal-form words
    dropped (see the module documentation). Idempotent:
    ``normalise_name(normalise_name(x)) == normalise_name(x)``.

    >>> normalise_name("Padaria São João Ltda.")
    'padaria sao joao'
    >>> normalise_name("ООО «Ромашка»")
    'ромашка'
    >>> normalise_name("Globex, Inc.") == normalise_name("GLOBEX LLC")
    True

    Raises:
        InvalidTypeError: *value* is not a string.
    """
    tokens = normalise_text(value, field=field).split()
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        if tokens[-1] in LEGAL_FORMS or tokens[-1] in RUSSIAN_LEGAL_FORMS:
            tokens.pop()
            changed = True
        elif tokens[-2:] == ["s", "a"] and len(tokens) > 2:
            del tokens[-2:]
            changed = True
        elif tokens[0] in RUSSIAN_LEGAL_FORMS:
            tokens.pop(0)
            changed = True
    return " ".join(tokens)


_LABEL: Final = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def registrable_domain(value: str, *, field: str = "domain") -> str:
    """Reduce a URL, e-mail address or host name to its registrable domain.

    Scheme, user, port, path, query, a trailing dot and every subdomain are
    dropped; what stays is the last two labels, or three under a two-level
    public suffix of ``TWO_LEVEL_SUFFIXES``. Internationalised names are
    kept in their ASCII (punycode) form. Idempotent.

    >>> registrable_domain("HTTP://Shop.Example.COM:8080/path")
    'example.com'
    >>> registrable_domain("vendas@filial.empresa.com.br")
    'empresa.com.br'

    Raises:
        InvalidTypeError: *value* is not a string.
        InvalidValueError: no valid host name can be read from *value*, or it
            is an IP address or a bare public suffix.
    """
    _validate.text(field, value)
    host = value.strip().lower()
    if "://" in host:
        host = host.split("://", 1)[1]
    host = re.split(r"[/?#]", host, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1]
    host = host.split(":", 1)[0].rstrip(".")
    allowed = "a web address or host name such as 'www.example.com.br'"
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidValueError(field, value, allowed) from None
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidValueError(field, value, allowed)
    if all(label.isdigit() for label in labels):
        raise InvalidValueError(field, value, allowed, hint="IP addresses are not domains")
    keep = 3 if ".".join(labels[-2:]) in TWO_LEVEL_SUFFIXES else 2
    if len(labels) < keep:
        raise InvalidValueError(
            field, value, allowed, hint=f"{host!r} is a public suffix, not a company's domain"
        )
    return ".".join(labels[-keep:])


# -- CNPJ -------------------------------------------------------------------

_FIRST_WEIGHTS: Final = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_SECOND_WEIGHTS: Final = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_CNPJ_FORMATTING: Final = re.compile(r"[.\-/\s]")
_BASE_CHARS: Final = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# Rule aws.ace.readiness (POLICIES, source 004 "Quando Enviar uma Oportunidade
# ACE"): the all-zero number is invalid. It is the only placeholder the mod-11
# check lets through: every other number made of one repeated digit
# (11111111111111 ... 99999999999999) already fails its check digits, and a
# number whose *root* is all zeros is real (00.000.000/0001-91 is registered).
_ALL_ZERO: Final = "0" * 14


class CnpjError(InvalidValueError):
    """A malformed CNPJ; the ``check`` attribute says which check failed.

    Attributes:
        check: ``'length'``, ``'characters'``, ``'placeholder'`` (the all-zero
            number), ``'first check digit'`` or ``'second check digit'``.
    """

    def __init__(self, field: str, value: object, check: str, allowed: str, hint: str) -> None:
        self.check = check
        # _text: a str as it is, anything else shown safely (the message never raises).
        super().__init__(field, value, allowed, hint=f"{_text(check)} check failed: {_text(hint)}")


def _check_digit(chars: str, weights: tuple[int, ...]) -> int:
    total = sum((ord(c) - 48) * w for c, w in zip(chars, weights, strict=True))
    remainder = total % 11
    return 0 if remainder < 2 else 11 - remainder


def cnpj_check_digits(base: str) -> str:
    """Compute the two check digits of a 12-character CNPJ base.

    Each character counts ``ord(c) - 48`` (so ``'0'``-``'9'`` are 0-9 and
    ``'A'``-``'Z'`` are 17-42), weighted 5,4,3,2,9,8,7,6,5,4,3,2 for the first
    digit and 6,5,4,3,2,9,8,7,6,5,4,3,2 (over the base and the first digit)
    for the second; a remainder mod 11 below 2 gives 0, else 11 minus it.

    >>> cnpj_check_digits("112223330001")
    '81'
    >>> cnpj_check_digits("12ABC34501DE")
    '35'

    Raises:
        CnpjError: *base* is not 12 characters of ``0-9``/``A-Z``.
    """
    if not isinstance(base, str):
        raise InvalidTypeError("base", base, "a str of 12 characters 0-9 or A-Z")
    if len(base) != 12:
        raise CnpjError("base", base, "length", "12 characters", f"found {len(base)} characters")
    bad = sorted({c for c in base if c not in _BASE_CHARS})
    if bad:
        raise CnpjError(
            "base", base, "characters", "12 characters 0-9 or A-Z", f"not allowed: {bad}"
        )
    first = _check_digit(base, _FIRST_WEIGHTS)
    second = _check_digit(base + str(first), _SECOND_WEIGHTS)
    return f"{first}{second}"


def _to_cnpj(value: object) -> str:
    if isinstance(value, Cnpj):
        return value.number
    if not isinstance(value, str):
        raise InvalidTypeError("cnpj", value, "a str such as '12.ABC.345/01DE-35'")
    compact = _CNPJ_FORMATTING.sub("", value).upper()
    if len(compact) != 14:
        raise CnpjError(
            "cnpj",
            value,
            "length",
            "14 characters once '.', '/', '-' and spaces are removed",
            f"found {len(compact)} characters",
        )
    bad = sorted({c for c in compact[:12] if c not in _BASE_CHARS})
    bad += sorted({c for c in compact[12:] if not c.isdigit() or not c.isascii()} - set(bad))
    if bad:
        raise CnpjError(
            "cnpj",
            value,
            "characters",
            "12 characters 0-9 or A-Z followed by 2 digits",
            f"not allowed: {bad}",
        )
    if compact == _ALL_ZERO:
        raise CnpjError(
            "cnpj",
            value,
            "placeholder",
            "a registered CNPJ, not the all-zero placeholder",
            "00.000.000/0000-00 is never issued, so it cannot identify a customer",
        )
    expected = cnpj_check_digits(compact[:12])
    if compact[12] != expected[0]:
        raise CnpjError(
            "cnpj",
            value,
            "first check digit",
            "a CNPJ with valid mod-11 check digits",
            f"the first check digit should be {expected[0]}, not {compact[12]}",
        )
    if compact[13] != expected[1]:
        raise CnpjError(
            "cnpj",
            value,
            "second check digit",
            "a CNPJ with valid mod-11 check digits",
            f"the second check digit should be {expected[1]}, not {compact[13]}",
        )
    return compact


@attrs.frozen
class Cnpj:
    """A valid Brazilian CNPJ, numeric or alphanumeric.

    Built from text with or without the usual formatting
    (``12.345.678/0001-95``); letters are upper-cased. The check digits are
    verified at construction, and the all-zero placeholder
    ``00.000.000/0000-00`` is refused (rule ``aws.ace.readiness``), so an
    invalid CNPJ cannot exist. :func:`~partnerrules.identity.is_valid_cnpj`
    answers the same question without raising.

    >>> c = Cnpj("11.222.333/0001-81")
    >>> c.number, c.root, c.branch, c.formatted
    ('11222333000181', '11222333', '0001', '11.222.333/0001-81')
    >>> Cnpj("11.222.333/0001-82")
    Traceback (most recent call last):
    ...
    partnerrules.identity.CnpjError: 'cnpj' must be a CNPJ with valid mod-11 check digits
    (got '11.222.333/0001-82'); second check digit check failed: ...
    >>> Cnpj("00.000.000/0000-00")
    Traceback (most recent call last):
    ...
    partnerrules.identity.CnpjError: 'cnpj' must be a registered CNPJ, not the all-zero
    placeholder (got '00.000.000/0000-00'); placeholder check failed: ...

    Raises:
        InvalidTypeError: the value is not a string.
        CnpjError: the length, the characters, the first or the second check
            digit is wrong, or it is the all-zero placeholder
            (``CnpjError.check`` says which).
    """

    number: str = attrs.field(converter=_to_cnpj)

    @property
    def root(self) -> str:
        """The 8-character company root shared by the head office and branches."""
        return self.number[:8]

    @property
    def branch(self) -> str:
        """The 4-character establishment number (``0001`` is usually the head office)."""
        return self.number[8:12]

    @property
    def is_alphanumeric(self) -> bool:
        """Whether the number uses letters (the format issued from July 2026)."""
        return not self.number.isdigit()

    @property
    def formatted(self) -> str:
        """The number in the usual ``XX.XXX.XXX/XXXX-DD`` layout."""
        n = self.number
        return f"{n[:2]}.{n[2:5]}.{n[5:8]}/{n[8:12]}-{n[12:]}"

    def __str__(self) -> str:
        return self.formatted


def is_valid_cnpj(value: object) -> bool:
    """Whether *value* is a CNPJ that :class:`Cnpj` accepts; never raises.

    ``True`` exactly when ``Cnpj(value)`` succeeds: the length, the characters
    and both check digits are right and it is not the all-zero placeholder
    (rule ``aws.ace.readiness``). Anything else, a non-string included, is
    ``False``.

    >>> is_valid_cnpj("11.222.333/0001-81"), is_valid_cnpj("12.abc.345/01de-35")
    (True, True)
    >>> is_valid_cnpj("00.000.000/0000-00"), is_valid_cnpj("11.222.333/0001-82")
    (False, False)
    """
    try:
        _to_cnpj(value)
    except PartnerRulesError:
        return False
    return True


def _optional_domain(value: Any) -> str | None:
    return None if value is None else registrable_domain(value, field="domain")


def _optional_cnpj(value: Any) -> Cnpj | None:
    return None if value is None else Cnpj(value)


def _check_name(_instance: Any, _attribute: Any, value: Any) -> None:
    if not normalise_name(_validate.text("name", value)):
        raise InvalidValueError("name", value, "a name with at least one letter or digit")


@attrs.frozen
class Customer:
    """A customer as partners register it: a name, and optionally a domain and CNPJ.

    The domain is stored as its registrable domain and the CNPJ as a
    :class:`Cnpj` (both validated). Use :meth:`same_as` to compare customers,
    never ``==`` (which compares the records as typed).

    Args:
        name: the company name as typed.
        domain: a web address, e-mail address or host name.
        cnpj: a CNPJ, formatted or not, numeric or alphanumeric.

    >>> Customer("Loja X", domain="https://www.lojax.com.br").domain
    'lojax.com.br'
    """

    name: str = attrs.field(validator=_check_name)
    domain: str | None = attrs.field(default=None, kw_only=True, converter=_optional_domain)
    cnpj: Cnpj | None = attrs.field(default=None, kw_only=True, converter=_optional_cnpj)

    @property
    def normalised_name(self) -> str:
        """The name as :func:`normalise_name` reduces it."""
        return normalise_name(self.name)

    @property
    def identity(self) -> tuple[str, str]:
        """The strongest key this record carries, as ``(kind, value)``.

        ``('cnpj', root)``, else ``('domain', registrable domain)``, else
        ``('name', normalised name)``.
        """
        if self.cnpj is not None:
            return ("cnpj", self.cnpj.root)
        if self.domain is not None:
            return ("domain", self.domain)
        return ("name", self.normalised_name)

    def same_as(self, other: Customer) -> bool:
        """Whether *other* is the same customer, on the strongest shared key.

        The CNPJ root decides when both records have a CNPJ, else the
        registrable domain when both have one, else the normalised name.

        >>> Customer("Globex Ltda", domain="globex.com.br").same_as(
        ...     Customer("GLOBEX", domain="https://app.globex.com.br"))
        True
        >>> Customer("Globex", cnpj="11222333000181").same_as(
        ...     Customer("Globex", cnpj="12ABC34501DE35"))
        False
        """
        _validate.instance("other", other, Customer)
        if self.cnpj is not None and other.cnpj is not None:
            return self.cnpj.root == other.cnpj.root
        if self.domain is not None and other.domain is not None:
            return self.domain == other.domain
        return self.normalised_name == other.normalised_name
