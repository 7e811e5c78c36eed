"""Programme versions: which rules were in force when, and decisions that say so.

Partner programmes are rewritten: a campaign rate moves, an SLA matrix is
renegotiated, a holiday is added by law. A decision taken under last year's
rules must still be explained by them, so a programme's history is a value:

* a :class:`Version` is one :class:`~partnerrules.programmes.Programme` value
  with a label, the instant it came into force and the reference of the
  document (or amendment, or law) that made it;
* a :class:`ProgrammeHistory` holds one programme's versions, each in force
  over a half-open period ``[in_force_from, next in_force_from)``, with no
  overlap and no gap unless the history says the programme was suspended
  (a version's ``until``);
* :func:`decide` answers a *question* (the SLA status of a ticket, the
  commission of a sale, ...) under the version in force at the question's
  *decisive instant*, and returns a :class:`Decision` naming the programme,
  the version and the :func:`content_hash` of the programme it used;
* :func:`verify` re-checks a stored decision against a history.

Which instant is decisive is the policy's, not the caller's: a sale's
commission follows the version in force when the contract was signed, a
ticket's SLA the version in force when the ticket was opened, a deal's
protection the version in force at its latest status update. The catalogue
lists the decisive instant of every rule (``Rule.decisive`` in :mod:`partnerrules.catalogue`).

>>> import datetime as dt
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> import attrs
>>> from partnerrules.programmes import OMID
>>> sp = ZoneInfo("America/Sao_Paulo")
>>> diamond = OMID.commission.campaigns[0]
>>> omid_2027 = attrs.evolve(OMID, commission=attrs.evolve(
...     OMID.commission, campaigns=(attrs.evolve(diamond, rate=Decimal("0.14")),)))
>>> history = ProgrammeHistory([
...     Version(OMID, "2026", dt.datetime(2026, 1, 1, tzinfo=sp), "module 007"),
...     Version(omid_2027, "2027", dt.datetime(2027, 1, 1, tzinfo=sp),
...             "module 007, 2027 amendment (example)"),
... ])
>>> history.in_force(dt.datetime(2026, 12, 31, 23, 59, tzinfo=sp)).label
'2026'
>>> history.in_force(dt.datetime(2027, 1, 1, tzinfo=sp)).label
'2027'
>>> content_hash(OMID) == content_hash(omid_2027)
False
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import enum
import hashlib
import itertools
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import attrs

from partnerrules import _validate
from partnerrules._public import home
from partnerrules.errors import (
    InvalidTypeError,
    InvalidValueError,
    PartnerRulesError,
    UnknownKeyError,
)
from partnerrules.programmes import Programme
from partnerrules.questions import Question

__all__ = [
    "Decision",
    "NotInForceError",
    "ProgrammeHistory",
    "Verification",
    "Version",
    "canonical_data",
    "content_hash",
    "decide",
    "load_history",
    "verify",
]

T = TypeVar("T")

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)


def _us(value: dt.datetime) -> int:
    """An aware instant as UTC microseconds since 1970 (fold-safe: through UTC)."""
    return (value - _EPOCH) // dt.timedelta(microseconds=1)


# -- content hash ---------------------------------------------------------------------------


def _decimal_text(value: decimal.Decimal) -> str:
    """The shortest exact text of a finite decimal, the same for every equal decimal.

    Built from the digits, never through a decimal context: ``0.16`` and
    ``0.160`` give ``16e-2``; every zero gives ``0``.
    """
    if value.is_zero():
        return "0"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by the caller
    shown = list(digits)
    while shown[-1] == 0:
        shown.pop()
        exponent += 1
    return f"{'-' if sign else ''}{''.join(map(str, shown))}e{exponent}"


def _dump(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _canonical(value: object, path: str) -> object:
    if value is None or type(value) in (bool, str):
        return value
    if type(value) is int:
        # Beyond 2**53 an int is written in hex: exact in any JSON reader, and printable
        # whatever its size (Python refuses to print an int of over 4,300 digits).
        return value if -(2**53) <= value <= 2**53 else {"$int_hex": hex(value)}
    if isinstance(value, enum.Enum):
        return {"$enum": type(value).__name__, "value": _canonical(value.value, path)}
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            raise InvalidValueError(path, value, "a finite decimal")
        return {"$decimal": _decimal_text(value)}
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidValueError(path, value, "an aware datetime")
        return {"$instant_us": _us(value)}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$duration_us": value // dt.timedelta(microseconds=1)}
    if isinstance(value, ZoneInfo):
        return {"$zone": value.key}
    if isinstance(value, dt.timezone):
        offset = value.utcoffset(None)
        return {"$offset_us": offset // dt.timedelta(microseconds=1)}
    kind: Any = type(value)
    if attrs.has(kind):
        data: dict[str, object] = {"$type": kind.__name__}
        for f in attrs.fields(kind):
            if f.eq:
                data[f.name] = _canonical(getattr(value, f.name), f"{path}.{f.name}")
        return data
    if isinstance(value, Mapping):
        pairs = [
            [_canonical(k, f"{path}[key]"), _canonical(v, f"{path}[{k!r}]")]
            for k, v in value.items()
        ]
        return {"$map": sorted(pairs, key=_dump)}
    if isinstance(value, frozenset | set):
        return {"$set": sorted((_canonical(v, f"{path}[]") for v in value), key=_dump)}
    if isinstance(value, tuple | list):
        return [_canonical(v, f"{path}[{i}]") for i, v in enumerate(value)]
    raise InvalidTypeError(
        path,
        value,
        "a value of partnerrules (attrs classes, enums, str, int, bool, Decimal, dates, "
        "instants, durations, zones, tuples, sets and mappings of them)",
    )


def canonical_data(value: object) -> object:
    """Return the canonical plain data of a value: what :func:`content_hash` hashes.

    Plain JSON data (dicts, lists, str, int, bool, None) that is the same for
    every two equal values and different for every two unequal ones, in any
    process and any Python version: attrs values by their compared fields and
    class name, enums by class name and value, decimals by their digits
    (``0.16`` and ``0.160`` are one), instants as UTC microseconds (an instant
    is equal to itself in any zone, as Python compares them), sets and
    mappings sorted. Nothing is read from the decimal context, the locale or
    the process's hash seed.

    >>> from decimal import Decimal
    >>> canonical_data((Decimal("0.160"), frozenset({"b", "a"})))
    [{'$decimal': '16e-2'}, {'$set': ['a', 'b']}]

    Raises:
        InvalidTypeError: a value of a type with no canonical form (a float, a
            function, ...), named by its path.
        InvalidValueError: a decimal that is not finite, a naive datetime.
    """
    return _canonical(value, "value")


def content_hash(value: object) -> str:
    """Return the SHA-256 of the canonical data of *value*, as ``'sha256:<hex>'``.

    Two values have the same hash exactly when they are equal (see
    :func:`canonical_data`), in every process and Python version: a stored
    decision names the hash of the programme that made it, so a later edit of
    that programme, however small, is seen.

    >>> from partnerrules.programmes import ZOHO
    >>> content_hash(ZOHO) == content_hash(ZOHO)
    True
    >>> content_hash(ZOHO)[:7]
    'sha256:'

    Raises:
        InvalidTypeError: as :func:`canonical_data`.
        InvalidValueError: as :func:`canonical_data`.
    """
    text = _dump(_canonical(value, "value"))
    return "sha256:" + hashlib.sha256(text.encode("ascii")).hexdigest()


# -- versions -------------------------------------------------------------------------------


class NotInForceError(PartnerRulesError, LookupError):
    """No version of a programme was in force at an instant.

    The message names the instant and the nearest versions before and after
    it, with their periods.

    Attributes:
        field: the name of the instant's parameter.
        value: the instant.
        before: the label of the latest version that ended before the instant, or None.
        after: the label of the earliest version that starts after it, or None.
    """

    def __init__(self, field: str, value: Any, message: str, before: str | None, after: str | None):
        self.field, self.value, self.before, self.after = field, value, before, after
        super().__init__(message if type(message) is str else "no version in force")


def _aware_or_none(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _validate.aware(attribute.name, value)


def _programme(_instance: Any, attribute: Any, value: Any) -> None:
    _validate.instance(attribute.name, value, Programme)


@attrs.frozen
class Version:
    """One version of a programme: the programme value, in force from an instant.

    Attributes:
        programme: the programme as it stood in this version.
        label: the version's name, unique in its history (``"2026"``, ``"2027-03 amendment"``).
        in_force_from: the aware instant it came into force; None only for the
            first version of a history, meaning "since always".
        source: the reference of the text that made it (a document and
            edition, an amendment, a law).
        until: None (in force until the next version starts, or for ever for
            the last one), or the instant it stopped being in force, when the
            programme was then suspended until the next version (a declared
            gap); never after the next version's start.
        content_hash: :func:`content_hash` of *programme* (computed).

    Raises:
        InvalidTypeError: a field of the wrong type.
        NaiveDatetimeError: an instant without a zone.
        InvalidValueError: an empty label or source, or *until* not after
            *in_force_from*.
    """

    programme: Programme = attrs.field(validator=_programme)
    label: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    in_force_from: dt.datetime | None = attrs.field(validator=_aware_or_none)
    source: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    until: dt.datetime | None = attrs.field(default=None, kw_only=True, validator=_aware_or_none)
    content_hash: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if (
            self.until is not None
            and self.in_force_from is not None
            and _us(self.until) <= _us(self.in_force_from)
        ):
            raise InvalidValueError(
                "until", self.until, f"an instant after in_force_from ({self.in_force_from})"
            )
        object.__setattr__(self, "content_hash", content_hash(self.programme))

    def period(self) -> str:
        """The version's period in words: ``'[2026-01-01T00:00:00-03:00, until next)'``."""
        start = "since always" if self.in_force_from is None else self.in_force_from.isoformat()
        end = "until the next version" if self.until is None else self.until.isoformat()
        return f"[{start}, {end})"


def _versions(value: object) -> tuple[Version, ...]:
    found = _validate.items("versions", value, "an iterable of Version")
    for item in found:
        _validate.instance("versions", item, Version)
    return found


@attrs.frozen
class ProgrammeHistory:
    """The versions of one programme, each in force over a half-open period.

    Versions are given in order of coming into force; version *i* is in force
    from its ``in_force_from`` (inclusive) to its ``until`` if it has one,
    else to the next version's ``in_force_from`` (exclusive); the last one
    with no ``until`` stays in force. Every problem of the history is
    reported at once.

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from partnerrules.programmes import ZOHO
    >>> h = ProgrammeHistory([
    ...     Version(ZOHO, "v1", dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")), "guide v1",
    ...             until=dt.datetime(2026, 3, 1, tzinfo=ZoneInfo("UTC"))),
    ...     Version(ZOHO, "v2", dt.datetime(2026, 4, 1, tzinfo=ZoneInfo("UTC")), "guide v2"),
    ... ])
    >>> h.in_force(dt.datetime(2026, 3, 15, tzinfo=ZoneInfo("UTC")))
    Traceback (most recent call last):
    ...
    partnerrules.versions.NotInForceError: no version of programme 'zoho' was in force at ...

    Attributes:
        versions: the versions, in order.

    Raises:
        InvalidTypeError: *versions* is not an iterable of :class:`Version`.
        InvalidValueError: every problem at once: no version, versions of
            different programmes, a label used twice, versions out of order or
            starting together, a version other than the first with no start,
            or a version whose ``until`` runs past the next one's start.
    """

    versions: tuple[Version, ...] = attrs.field(converter=_versions)
    _starts: tuple[int, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        versions = self.versions
        if not versions:
            problems.append("a history needs at least one version")
        ids = sorted({v.programme.id for v in versions})
        if len(ids) > 1:
            problems.append(f"all versions are of one programme (got {', '.join(ids)})")
        labels = [v.label for v in versions]
        for label in sorted({x for x in labels if labels.count(x) > 1}):
            problems.append(f"label {label!r} is used twice")
        for i, v in enumerate(versions):
            if i > 0 and v.in_force_from is None:
                problems.append(f"version {v.label!r} (not the first) has no in_force_from")
        for prev, nxt in itertools.pairwise(versions):
            if prev.in_force_from is None or nxt.in_force_from is None:
                continue
            if _us(nxt.in_force_from) <= _us(prev.in_force_from):
                problems.append(
                    f"version {nxt.label!r} must start after {prev.label!r} "
                    f"({nxt.in_force_from.isoformat()} <= {prev.in_force_from.isoformat()})"
                )
            elif prev.until is not None and _us(prev.until) > _us(nxt.in_force_from):
                problems.append(
                    f"version {prev.label!r} runs until {prev.until.isoformat()}, past the start "
                    f"of {nxt.label!r} ({nxt.in_force_from.isoformat()}): periods overlap"
                )
        if problems:
            raise InvalidValueError(
                "versions",
                labels,
                "versions of one programme in order, without overlaps",
                hint="; ".join(problems),
            )
        starts = tuple(
            -(2**63) if v.in_force_from is None else _us(v.in_force_from) for v in versions
        )
        object.__setattr__(self, "_starts", starts)

    @classmethod
    def of(cls, programme: Programme, *, label: str = "current") -> ProgrammeHistory:
        """A one-version history: *programme* in force since always, cited by its own source.

        >>> from partnerrules.programmes import MCS
        >>> ProgrammeHistory.of(MCS).versions[0].period()
        '[since always, until the next version)'
        """
        _validate.instance("programme", programme, Programme)
        return cls([Version(programme, label, None, programme.source)])

    @property
    def id(self) -> str:
        """The id of the programme the history is of."""
        return self.versions[0].programme.id

    def version(self, label: str) -> Version:
        """The version labelled *label*.

        Raises:
            UnknownKeyError: no version has that label (close matches are suggested).
        """
        for v in self.versions:
            if isinstance(label, str) and v.label == str.__str__(label):
                return v
        raise UnknownKeyError("label", label, [v.label for v in self.versions])

    def in_force(self, at: dt.datetime, *, field: str = "at") -> Version:
        """Return the version in force at the aware instant *at*.

        Raises:
            NaiveDatetimeError: *at* has no time zone.
            NotInForceError: no version was in force at *at* (before the first
                version, in a declared gap, or after the last version's
                ``until``); the message names the nearest versions.
        """
        us = _us(_validate.aware(field, at))
        i = bisect.bisect_right(self._starts, us) - 1
        if i >= 0:
            v = self.versions[i]
            if v.until is None or us < _us(v.until):
                return v
        before = self.versions[i] if i >= 0 else None
        after = self.versions[i + 1] if i + 1 < len(self.versions) else None
        near = [f"{x.label!r} {x.period()}" for x in (before, after) if x is not None] or ["none"]
        raise NotInForceError(
            field,
            at,
            f"no version of programme {self.id!r} was in force at {at.isoformat()}; "
            f"nearest: {'; '.join(near)}",
            None if before is None else before.label,
            None if after is None else after.label,
        )

    def with_version(self, version: Version) -> ProgrammeHistory:
        """This history with *version* appended as its latest (it must start after the last).

        Raises:
            InvalidValueError: as the constructor (e.g. *version* starts too early).
        """
        return ProgrammeHistory([*self.versions, version])


# -- loading --------------------------------------------------------------------------------


def load_history(path: str | os.PathLike[str]) -> ProgrammeHistory:
    """Load a :class:`ProgrammeHistory` from a TOML or JSON file.

    The file holds a list ``versions``; each has ``label``, ``source``,
    ``in_force_from`` (an aware instant; omitted only for the first), an
    optional ``until``, and ``programme``: either the programme inline (the
    shape :func:`partnerrules.policies.load` reads) or the name of such a
    file, relative to the history file. It is read by the strict loader
    (:func:`partnerrules.convert.structure`): every problem is reported at
    once with its path.

    The *Programme versions* guide loads a complete example,
    ``docs/examples/acme-history.toml``.

    Raises:
        InvalidTypeError: *path* is not a path.
        InvalidValueError: a file cannot be read or parsed (see
            :func:`partnerrules.policies.load`), or the history is invalid.
        partnerrules.convert.PolicyFormatError: the data does not have the
            shape of a history (every problem, with its path).
    """
    from partnerrules.convert import structure
    from partnerrules.policies import read_data

    data = read_data(path)
    file = Path(path)
    if isinstance(data, dict) and isinstance(data.get("versions"), list):
        for i, entry in enumerate(data["versions"]):
            if isinstance(entry, dict) and isinstance(entry.get("programme"), str):
                # A programme given by file name, relative to the history file.
                try:
                    entry["programme"] = read_data(file.parent / entry["programme"])
                except InvalidValueError as exc:
                    raise InvalidValueError(
                        f"versions[{i}].programme",
                        entry["programme"],
                        "a programme file",
                        hint=str(exc),
                    ) from None
    return structure(data, ProgrammeHistory)


# -- decisions ------------------------------------------------------------------------------


def _answer(_instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and not attrs.has(type(value)):
        raise _validate.type_error(attribute.name, value, "a result value of partnerrules, or None")


@attrs.frozen
class Decision:
    """An answer together with the programme version that gave it.

    A decision is stored as plain JSON data (:meth:`to_data`) and read back
    (:meth:`from_data`) to be re-checked by :func:`verify` years later: the
    stored form keeps the question, the version and content hash, and the
    hash of the answer.

    Attributes:
        question: the question asked (its inputs): one of the question
            classes of :mod:`partnerrules.questions`.
        programme: the id of the programme that answered.
        version: the label of the version in force at the decisive instant.
        content_hash: the :func:`content_hash` of that version's programme.
        decisive_at: the instant that chose the version (the question's
            ``decisive_at()``).
        answer: the result of the rule function (a
            :class:`~partnerrules.sla.TicketStatus`, a
            :class:`~partnerrules.commission.StatementLine`, ...); None for a
            decision read back from data, which keeps only its hash.
        answer_hash: the :func:`content_hash` of the answer (computed from
            *answer* when it is given; required when it is not).

    Raises:
        InvalidTypeError: a field of the wrong type.
        InvalidValueError: an *answer_hash* that is not the hash of *answer*.
    """

    question: Question
    programme: str
    version: str
    content_hash: str
    decisive_at: dt.datetime
    answer: Any = attrs.field(validator=_answer)
    answer_hash: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)
        if self.answer is not None or not self.answer_hash:
            computed = content_hash(self.answer)
            if self.answer_hash and self.answer_hash != computed:
                raise InvalidValueError(
                    "answer_hash", self.answer_hash, f"the hash of the answer ({computed})"
                )
            object.__setattr__(self, "answer_hash", computed)

    def to_data(self) -> dict[str, Any]:
        """The decision as plain JSON data, to store; :meth:`from_data` reads it back.

        The answer is kept in plain form for people and reports
        (:func:`~partnerrules.convert.unstructure`); :func:`verify` compares
        its hash.
        """
        from partnerrules.convert import unstructure

        return {
            "question": {"kind": type(self.question).__name__, **_question_data(self.question)},
            "programme": self.programme,
            "version": self.version,
            "content_hash": self.content_hash,
            "decisive_at": self.decisive_at.isoformat(),
            "answer_hash": self.answer_hash,
            "answer": None if self.answer is None else unstructure(self.answer),
        }

    @classmethod
    def from_data(cls, data: object) -> Decision:
        """Read back a decision stored with :meth:`to_data` (its answer is None, its hash kept).

        Raises:
            InvalidTypeError: *data* is not a mapping, or a field has the wrong type.
            UnknownKeyError: an unknown question kind.
            partnerrules.convert.PolicyFormatError: a question whose data
                does not load (every problem, with its path).
        """
        from partnerrules import questions

        if not isinstance(data, Mapping):
            raise _validate.type_error("data", data, "a mapping written by Decision.to_data")
        question = data.get("question")
        if not isinstance(question, Mapping):
            raise _validate.type_error(
                "question", question, "a mapping with the question's 'kind' and fields"
            )
        kinds = {name: getattr(questions, name) for name in questions.__all__}
        kind = question.get("kind")
        if not isinstance(kind, str) or kind not in kinds:
            raise UnknownKeyError("question.kind", kind, sorted(kinds))
        fields = {k: v for k, v in question.items() if k != "kind"}
        decisive_at = data.get("decisive_at")
        if not isinstance(decisive_at, str):
            raise _validate.type_error("decisive_at", decisive_at, "an ISO 8601 instant")
        try:
            instant = dt.datetime.fromisoformat(decisive_at)
        except ValueError:
            raise InvalidValueError(
                "decisive_at", decisive_at, "an ISO 8601 instant with an offset"
            ) from None

        def text(name: str) -> str:
            value = data.get(name)
            return _validate.text(name, value)

        return cls(
            _question_from(fields, kinds[kind]),
            text("programme"),
            text("version"),
            text("content_hash"),
            instant,
            None,
            answer_hash=text("answer_hash"),
        )


def _question_data(question: Question) -> dict[str, Any]:
    """A question's plain data; a ticket history's events each name their kind."""
    from partnerrules.convert import unstructure
    from partnerrules.lifecycle import TicketHistory

    data: dict[str, Any] = unstructure(question)
    shown: Any = question
    for name, value in attrs.asdict(shown, recurse=False).items():
        if isinstance(value, TicketHistory):
            data[name] = {
                "events": [{"event": type(e).__name__, **unstructure(e)} for e in value.events]
            }
    return data


def _question_from(fields: dict[str, Any], kind: Any) -> Question:
    """The question of *kind* from its plain data (the inverse of :func:`_question_data`)."""
    from partnerrules import lifecycle
    from partnerrules.convert import structure
    from partnerrules.lifecycle import TicketHistory

    kinds = {name: getattr(lifecycle, name) for name in lifecycle.__all__}
    histories = {}
    for f in attrs.fields(kind):
        value = fields.get(f.name)
        if f.type in (TicketHistory, "TicketHistory") and isinstance(value, Mapping):
            events = value.get("events")
            if not isinstance(events, list):
                raise _validate.type_error(f"{f.name}.events", events, "a list of events")
            found = []
            for i, event in enumerate(events):
                name = event.get("event") if isinstance(event, Mapping) else None
                if not isinstance(name, str) or name not in kinds:
                    raise UnknownKeyError(f"{f.name}.events[{i}].event", name, sorted(kinds))
                rest = {k: v for k, v in event.items() if k != "event"}
                found.append(structure(rest, kinds[name]))
            histories[f.name] = TicketHistory(found)
    if not histories:
        loaded: Question = structure(fields, kind)
        return loaded
    # The other fields through the strict loader one by one, the histories as built above.
    attrs.resolve_types(kind)
    values: dict[str, Any] = dict(histories)
    for f in attrs.fields(kind):
        if f.name not in histories and f.name in fields:
            values[f.alias] = structure(fields[f.name], f.type)
    unknown = sorted(set(fields) - {f.name for f in attrs.fields(kind)})
    if unknown:
        raise UnknownKeyError("question", unknown[0], [f.name for f in attrs.fields(kind)])
    built: Question = kind(**values)
    return built


def _histories(value: object, field: str, *, label: str = "current") -> dict[str, ProgrammeHistory]:
    """Programmes or histories, one or many, by programme id (a programme: one version)."""
    one = isinstance(value, Programme | ProgrammeHistory)
    items = (
        (value,)
        if one
        else _validate.items(
            field, value, "a Programme, a ProgrammeHistory, or an iterable of them"
        )
    )
    found: dict[str, ProgrammeHistory] = {}
    for item in items:
        if isinstance(item, Programme):
            item = ProgrammeHistory.of(item, label=label)
        _validate.instance(field, item, ProgrammeHistory, "a Programme or a ProgrammeHistory")
        if item.id in found:
            raise InvalidValueError(field, item.id, "one history per programme id")
        found[item.id] = item
    return found


def _question(value: object) -> Question:
    return _validate.instance("question", value, Question, "a question of partnerrules.questions")


def decide(question: Any, programmes: object) -> Decision:
    """Answer *question* under the version in force at its decisive instant.

    *programmes* is a :class:`ProgrammeHistory`, a
    :class:`~partnerrules.programmes.Programme` (a history of one version,
    labelled ``"current"``), or an iterable of them: the one whose id is the
    question's ``programme`` answers.

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> from partnerrules.programmes import ZOHO
    >>> from partnerrules.questions import DeadlinesQuestion
    >>> from partnerrules.sla import Ticket
    >>> ticket = Ticket("T-1", dt.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("America/Sao_Paulo")),
    ...                 severity=2, category="slowness", level="Premium", country="BR")
    >>> d = decide(DeadlinesQuestion(ticket), ZOHO)
    >>> d.programme, d.version, d.answer.acknowledgement.limit_at.isoformat()
    ('zoho', 'current', '2026-07-01T21:00:00-03:00')

    Raises:
        InvalidTypeError: *question* is not a question, or *programmes* not
            programmes or histories.
        UnknownKeyError: no programme of the question's id was given.
        NotInForceError: no version was in force at the decisive instant.
        PartnerRulesError: whatever the rule function raises for these inputs.
    """
    return _decide(_question(question), _histories(programmes, "programmes"))


def _decide(q: Any, histories: Mapping[str, ProgrammeHistory]) -> Decision:
    if q.programme not in histories:
        raise UnknownKeyError("programme", q.programme, sorted(histories))
    instant = q.decisive_at()
    history = histories[q.programme]
    version = history.in_force(instant, field="decisive_at")
    return _decision(q, version, instant, q.answer_in(version.programme, _later(history, version)))


def _later(history: ProgrammeHistory, version: Version) -> list[tuple[dt.datetime, Programme]]:
    """The versions after *version*, with their starts."""
    i = history.versions.index(version)
    return [(v.in_force_from, v.programme) for v in history.versions[i + 1 :] if v.in_force_from]


def _decision(question: Any, version: Version, instant: dt.datetime, answer: Any) -> Decision:
    return Decision(
        question,
        version.programme.id,
        version.label,
        version.content_hash,
        instant,
        answer,
    )


@attrs.frozen
class Verification:
    """What :func:`verify` found: whether a stored decision still holds, and if not why.

    ``bool(verification)`` is its ``holds``.

    Attributes:
        holds: the history has the decision's version in force at its
            decisive instant, with the same content hash, and the same
            inputs give the same answer there.
        stored: the decision as stored.
        recomputed: the decision the history gives now, or None if none can
            be given (see *problems*).
        problems: each reason it does not hold, in words (empty when it holds).
    """

    holds: bool
    stored: Decision
    recomputed: Decision | None
    problems: tuple[str, ...]

    def __attrs_post_init__(self) -> None:
        _validate.fields_typed(self)

    def __bool__(self) -> bool:
        return self.holds


def verify(decision: Decision, programmes: object) -> Verification:
    """Re-check a stored *decision* against a programme history.

    The decision holds when the history still has, at the decisive instant,
    a version with the stored label and content hash, and the stored inputs
    give the stored answer under it. A changed programme (an edited version,
    or a new version covering that instant) or a changed rule function (a
    library upgrade that answers differently) each show up as a problem.

    >>> import datetime as dt
    >>> from zoneinfo import ZoneInfo
    >>> import attrs
    >>> from partnerrules.programmes import ZOHO
    >>> from partnerrules.questions import DeadlinesQuestion
    >>> from partnerrules.sla import Ticket
    >>> ticket = Ticket("T-1", dt.datetime(2026, 7, 1, 9, tzinfo=ZoneInfo("UTC")),
    ...                 severity=1, category="downtime", level="Premium", country="BR")
    >>> decision = decide(DeadlinesQuestion(ticket), ZOHO)
    >>> bool(verify(decision, ZOHO))
    True
    >>> edited = attrs.evolve(ZOHO, name="Zoho (edited)")
    >>> verify(decision, edited).problems
    ('version current of zoho has content hash sha256:... now, not sha256:...',)

    Raises:
        InvalidTypeError: *decision* is not a :class:`Decision`, or
            *programmes* not programmes or histories.
    """
    _validate.instance("decision", decision, Decision)
    _question(decision.question)
    histories = _histories(programmes, "programmes")
    history = histories.get(decision.programme)
    if history is None:
        problem = f"no history of programme {decision.programme!r} was given"
        return Verification(False, decision, None, (problem,))
    try:
        version = history.in_force(decision.decisive_at, field="decisive_at")
    except NotInForceError as exc:
        return Verification(False, decision, None, (str(exc),))
    problems: list[str] = []
    if version.label != decision.version:
        problems.append(
            f"version {version.label} of {decision.programme} is in force at "
            f"{decision.decisive_at.isoformat()} now, not {decision.version}"
        )
    elif version.content_hash != decision.content_hash:
        problems.append(
            f"version {version.label} of {decision.programme} has content hash "
            f"{version.content_hash} now, not {decision.content_hash}"
        )
    try:
        answer = decision.question.answer_in(version.programme, _later(history, version))
    except PartnerRulesError as exc:
        problems.append(f"the inputs are refused now: {exc}")
        return Verification(False, decision, None, tuple(problems))
    recomputed = _decision(decision.question, version, decision.decisive_at, answer)
    if recomputed.answer_hash != decision.answer_hash:
        problems.append("the same inputs give a different answer")
    return Verification(not problems, decision, recomputed, tuple(problems))


home("partnerrules.versions", globals())  # string annotations evaluated, for readers of type hints
