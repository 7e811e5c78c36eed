"""Hostile input to the whole public API: every name in every public module's ``__all__``.

Issue #12, item 6. The public modules are found by walking the package (any
module or package whose dotted name has no part starting with ``_``); every
callable of their ``__all__`` (functions, classes, enums, error classes), every
public method of those classes (including those inherited from the library's
private bases, and the operator methods the library writes itself, such as
``Money.__add__``) is one entry. Each entry has a factory in ``FACTORIES``
(``tests/fuzz_factories.py``, with the valid values it builds from) that
builds one *valid* call naming every parameter; the test then replaces each
argument in turn by each value of ``HOSTILE`` and checks that

* nothing but a :class:`~partnerrules.errors.PartnerRulesError` escapes, from
  the call or from using what it returned (repr, hash, properties, methods
  without arguments, rendering its reasons), so a hostile value is refused at
  the door and never accepted to crash later;
* each call returns within one second (a bound against hangs, not a
  benchmark), and no call may grab more than about 1 GiB of memory (on Linux
  the address space is capped during the calls, so an attempt to allocate
  gigabytes fails fast as a ``MemoryError`` and is reported like any escape).

The command line is fuzzed too: ``cli.main`` with hostile argument lists and
with hostile files (``tmp_path``); it must exit 0 or 2, print no traceback and
never report "unexpected" (its wording for a bug).

Escapes in files owned by others are listed, case by case and by owner, in
``KNOWN_ESCAPES`` and skipped; ``PARTNERRULES_FUZZ_ALL=1`` runs them too (an
owner checks a fix that way, then deletes the entry).

A new public name without a factory fails
``test_every_public_callable_has_a_factory``. Factories of the per-area fuzz
test of deals and regions (``tests/test_deals_fuzz.py``) are reused as they are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import importlib
import inspect
import io
import json
import os
import pkgutil
import signal
import sys
import time
import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import pytest

import partnerrules
from fuzz_factories import BEING_WRITTEN, BROKEN, FACTORIES, NOT_FUZZED
from partnerrules import cli
from partnerrules.errors import PartnerRulesError
from test_deals_fuzz import Call
from test_deals_fuzz import _use as use_result

LIMIT_SECONDS = 1.0
#: A call still running after this long is interrupted (and reported as slow).
HANG_SECONDS = 3.0
HAS_ALARM = hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")
#: Extra address space a call may take (Linux only): far more than any call needs.
MEMORY_HEADROOM = 1 << 30


# -- the hostile pool ----------------------------------------------------------------------


class BigInt(int):
    """An int of 5,001 digits whose repr is short (so printing the pool cannot fail)."""

    def __repr__(self) -> str:
        return "BigInt(10**5000)"


class TextSubclass(str):
    """A str subclass: accepted as text, never as a bool or an enum member it is not."""


class Hostile:
    """Every dunder a library might call raises: equality, hashing, text, iteration."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ of a hostile object")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__ of a hostile object")

    def __str__(self) -> str:
        raise RuntimeError("__str__ of a hostile object")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__ of a hostile object")

    def __iter__(self) -> Iterator[Any]:
        raise RuntimeError("__iter__ of a hostile object")

    def __len__(self) -> int:
        raise RuntimeError("__len__ of a hostile object")

    def __bool__(self) -> bool:
        raise RuntimeError("__bool__ of a hostile object")

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("__lt__ of a hostile object")

    def __format__(self, spec: str) -> str:
        raise RuntimeError("__format__ of a hostile object")


def _endless() -> Iterator[int]:
    """A generator that never ends: the library must refuse it or bound what it reads."""
    while True:
        yield 1


class Fresh(NamedTuple):
    """A pool entry made anew for each call (a generator is used up, or closed by an
    interrupted call, so it cannot be shared)."""

    make: Callable[[], object]


UTC = dt.UTC
SP = ZoneInfo("America/Sao_Paulo")
TOKYO = ZoneInfo("Asia/Tokyo")

#: One hostile value per kind of mistake a caller (or an attacker) can make, by label.
#: The test never prints a value itself, only its label (a plain 10**5000 cannot be
#: printed, a hostile object cannot even be repr'd), and never iterates the generator.
HOSTILE: tuple[tuple[str, object], ...] = (
    ("None", None),
    ("True", True),
    ("False", False),
    ("float 1.5", 1.5),
    ("float nan", float("nan")),
    ("float inf", float("inf")),
    ("float -inf", float("-inf")),
    ("int 10**5000", 10**5000),
    ("int subclass 10**5000", BigInt(10**5000)),
    ("int -1", -1),
    ("int -10**30", -(10**30)),
    ("int 10**30", 10**30),
    ("empty str", ""),
    ("str of 10,000 characters", "x" * 10_000),
    ("str '١' (an Arabic-Indic digit)", "١"),
    ("str '1e999999'", "1e999999"),
    ("str subclass", TextSubclass("BR")),
    ("bytes", b"x"),
    ("empty list", []),
    ("empty dict", {}),
    ("empty set", set()),
    ("object()", object()),
    ("hostile object", Hostile()),
    ("endless generator", Fresh(_endless)),
    ("naive datetime", dt.datetime(2026, 1, 10, 9)),
    ("aware datetime in year 1 (Tokyo)", dt.datetime(1, 1, 1, tzinfo=TOKYO)),
    ("aware datetime in year 1 (UTC)", dt.datetime(1, 1, 1, tzinfo=UTC)),
    ("aware datetime in year 9999 (Sao Paulo)", dt.datetime(9999, 12, 31, 23, 59, tzinfo=SP)),
    ("aware datetime in year 9999 (UTC)", dt.datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
    ("date 0001-01-01", dt.date.min),
    ("date 9999-12-31", dt.date.max),
    ("timedelta max", dt.timedelta.max),
    ("timedelta min", dt.timedelta.min),
    ("Decimal NaN", Decimal("NaN")),
    ("Decimal sNaN", Decimal("sNaN")),
    ("Decimal Infinity", Decimal("Infinity")),
    ("Decimal 1e999999", Decimal("1e999999")),
)
LABELS = frozenset(label for label, _ in HOSTILE)


ALL = LABELS
#: ``PARTNERRULES_FUZZ_ALL=1`` runs the known cases too: an owner checks a fix with it.
RUN_KNOWN = bool(os.environ.get("PARTNERRULES_FUZZ_ALL"))


def _all_but(*labels: str) -> frozenset[str]:
    return LABELS - frozenset(labels)


#: Exact cases (callable -> parameter -> hostile labels) that let a non-PartnerRulesError
#: escape (or hang) in files this test's author may not edit, grouped by owner. They are
#: skipped, not run, so the suite stays green; the owner fixes them and removes the entry
#: (``test_known_escapes_name_real_cases`` keeps every entry pointing at a real case).
KNOWN_ESCAPES: dict[str, dict[str, frozenset[str]]] = {}


# -- enumeration ---------------------------------------------------------------------------

PACKAGE_DIR = str(Path(partnerrules.__file__).resolve().parent)
#: Methods that are not called with caller data, or are the constructor itself.
CONSTRUCTION = frozenset({"__init__", "__new__", "__attrs_post_init__", "__init_subclass__"})
#: Hooks Python itself calls with its own data (immutability, pickling, copying).
PROTOCOL = frozenset(
    {"__setattr__", "__delattr__", "__getstate__", "__setstate__", "__reduce__", "__reduce_ex__",
     "__copy__", "__deepcopy__"}
)  # fmt: skip


def _public_modules() -> Iterator[types.ModuleType]:
    # The package's own re-exports come last, so that a name is keyed by its home module.
    for info in pkgutil.walk_packages(partnerrules.__path__, "partnerrules."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        if info.name in BEING_WRITTEN:
            try:
                module = importlib.import_module(info.name)
            except Exception:
                continue
            if hasattr(module, "__all__"):
                yield module
            continue
        yield importlib.import_module(info.name)
    yield partnerrules


def _defined_here(func: object) -> bool:
    code = getattr(func, "__code__", None)
    return code is not None and str(Path(code.co_filename).resolve()).startswith(PACKAGE_DIR)


def _methods(kind: type) -> Iterator[tuple[str, Any]]:
    """Public methods (and operators the library writes) of *kind* and its library bases."""
    seen: set[str] = set()
    for base in kind.__mro__:
        if not base.__module__.startswith("partnerrules"):
            continue
        for attr, member in vars(base).items():
            if attr in seen or attr in CONSTRUCTION or attr in PROTOCOL:
                continue
            func = member.__func__ if isinstance(member, classmethod | staticmethod) else member
            if not inspect.isfunction(func):
                continue
            if attr.startswith("_"):
                if not (attr.startswith("__") and _defined_here(func)):
                    continue
                if len(inspect.signature(func).parameters) < 2:  # self only: nothing to fuzz
                    continue
            seen.add(attr)
            yield attr, member


def _public_callables() -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Each distinct public callable (by a canonical key) with all its names; modules lacking
    ``__all__``."""
    names: dict[int, list[str]] = {}
    canonical: dict[int, str] = {}
    no_all: list[str] = []
    for module in _public_modules():
        short = module.__name__.removeprefix("partnerrules.")
        exported = getattr(module, "__all__", None)
        if exported is None:
            no_all.append(module.__name__)
            continue
        for name in exported:
            obj = getattr(module, name)
            if not callable(obj):
                continue
            entries = [(f"{short}.{name}", id(obj))]
            if isinstance(obj, type) and not issubclass(obj, BaseException):
                entries += [
                    (f"{short}.{name}.{attr}", hash((id(obj), attr))) for attr, _ in _methods(obj)
                ]
            for key, ident in entries:
                canonical.setdefault(ident, key)
                names.setdefault(ident, []).append(key)
    return {canonical[i]: tuple(keys) for i, keys in names.items()}, no_all


PUBLIC, MODULES_WITHOUT_ALL = _public_callables()
ALIASES = {alias: key for key, aliases in PUBLIC.items() for alias in aliases}


def _factory(key: str) -> Callable[[], Call] | None:
    broken = BROKEN.get(key.split(".", 1)[0])
    if broken is not None:

        def fail() -> Call:
            raise AssertionError(f"the factories of {key} could not be built") from broken

        return fail
    for alias in PUBLIC[key]:
        if alias in FACTORIES:
            return FACTORIES[alias]
    return None


def _not_fuzzed(key: str) -> bool:
    return any(alias in NOT_FUZZED for alias in PUBLIC[key])


FUZZED = sorted(key for key in PUBLIC if not _not_fuzzed(key))


def test_every_public_module_declares_all() -> None:
    """A public module without ``__all__`` cannot be enumerated: give it one."""
    assert not MODULES_WITHOUT_ALL, f"add __all__ to {MODULES_WITHOUT_ALL}"


def test_every_public_callable_has_a_factory() -> None:
    """A public name or method without a factory is a gap in the fuzzing: add one."""
    missing = sorted(key for key in FUZZED if _factory(key) is None)
    assert not missing, (
        f"add a valid-call factory to FACTORIES in {__file__} for: {', '.join(missing)} "
        "(or, for a name that takes no caller data, an entry in NOT_FUZZED with the reason)"
    )
    stale = sorted(set(FACTORIES) - set(ALIASES))
    assert not stale, f"FACTORIES names callables that are no longer public: {stale}"
    stale = sorted(set(NOT_FUZZED) - set(ALIASES))
    assert not stale, f"NOT_FUZZED names callables that are no longer public: {stale}"


def test_known_escapes_name_real_cases() -> None:
    """Each excluded case names a fuzzed callable, one of its parameters and a pool label."""
    wrong = []
    for key, params in KNOWN_ESCAPES.items():
        factory = _factory(key) if key in FUZZED else None
        if factory is None:
            wrong.append((key, "*"))
            continue
        slots = dict(_slots(factory()))
        wrong += [(key, param) for param, labels in params.items() if param not in slots]
        wrong += [(key, param) for param, labels in params.items() if not labels <= LABELS]
    assert not wrong, f"KNOWN_ESCAPES entries that match no case: {wrong}"


# -- one valid call, then each argument hostile in turn ------------------------------------


def _parameter_names(call: Call) -> list[str]:
    func = call.func
    if isinstance(func, type) and issubclass(func, enum.Enum):
        return ["value"]
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # a builtin without a signature
        return [f"argument {i}" for i in range(len(call.args))]
    return [p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def _slots(call: Call) -> list[tuple[str, Callable[[object], Call]]]:
    """Each argument of *call* by parameter name, with a function putting a value there."""
    names = _parameter_names(call)
    slots: list[tuple[str, Callable[[object], Call]]] = []
    for index in range(len(call.args)):

        def positional(value: object, index: int = index) -> Call:
            return call._replace(args=(*call.args[:index], value, *call.args[index + 1 :]))

        name = names[index] if index < len(names) else f"argument {index}"
        slots.append((name, positional))
    for name in call.kwargs:

        def keyword(value: object, name: str = name) -> Call:
            return call._replace(kwargs={**call.kwargs, name: value})

        slots.append((name, keyword))
    return slots


@pytest.mark.parametrize("key", FUZZED)
def test_each_factory_builds_a_valid_call_that_names_every_parameter(key: str) -> None:
    """The valid call succeeds, and names every parameter so that each one gets fuzzed."""
    factory = _factory(key)
    assert factory is not None, key
    call = factory()
    use(call.func(*call.args, **call.kwargs))
    if isinstance(call.func, type) and issubclass(call.func, enum.Enum):
        assert len(call.args) == 1, key
        return
    params = [
        p
        for p in inspect.signature(call.func).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD) and p.name != "self"
    ]
    named = {name for name, _ in _slots(call)}
    unnamed = [p.name for p in params if p.name not in named]
    assert not unnamed, f"the factory of {key} leaves out parameters {unnamed}: pass them too"


def use(result: object) -> None:
    """Use a returned value the ways a caller would, so a silent accept shows up."""
    if isinstance(result, BaseException):
        str(result)
        return
    use_result(result)


class _Hang(BaseException):
    """Raised by the alarm in a call that runs for far too long (a BaseException, so that
    a library's ``except Exception`` cannot swallow it)."""


@contextlib.contextmanager
def _bounded() -> Iterator[None]:
    """Cap the address space (Linux) and arm an alarm against hangs, for the calls inside."""

    def alarm(signum: int, frame: object) -> None:
        raise _Hang

    limit_memory = sys.platform == "linux"
    if limit_memory:
        import resource

        old = resource.getrlimit(resource.RLIMIT_AS)
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        cap = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_HEADROOM
        if old[1] != resource.RLIM_INFINITY:
            cap = min(cap, old[1])
        resource.setrlimit(resource.RLIMIT_AS, (cap, old[1]))
    # Without SIGALRM (Windows) calls are timed, not interrupted.
    previous = signal.signal(signal.SIGALRM, alarm) if HAS_ALARM else None
    try:
        yield
    finally:
        if HAS_ALARM:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, old)


def _run(call: Call) -> tuple[BaseException | None, float]:
    """Call and use the result; return what escaped (or None) and the seconds it took."""
    escaped: BaseException | None = None
    start = time.perf_counter()
    if HAS_ALARM:
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    try:
        use(call.func(*call.args, **call.kwargs))
    except PartnerRulesError:
        pass
    except (Exception, _Hang) as exc:  # the point: anything else is a leak
        escaped = exc
    finally:
        if HAS_ALARM:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return escaped, time.perf_counter() - start


def _describe(exc: BaseException) -> str:
    if isinstance(exc, _Hang):
        return f"still running after {HANG_SECONDS:.0f} s"
    try:
        text = str(exc)
    except Exception:
        text = "<its message cannot be built>"
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {text[:200]}"


#: How many hostile calls each test made (read by the summary at the end of a run).
CALLS_MADE: dict[str, int] = {}


@pytest.mark.parametrize("key", FUZZED)
def test_hostile_values_raise_only_partnerrules_errors_and_never_hang(key: str) -> None:
    """Issue #12: only PartnerRulesError escapes, and every call ends within a second."""
    factory = _factory(key)
    assert factory is not None, key
    call = factory()
    failures: list[str] = []
    known = {} if RUN_KNOWN else KNOWN_ESCAPES.get(key, {})
    count = 0
    with _bounded():
        for param, put in _slots(call):
            for label, value in HOSTILE:
                if label in known.get(param, ()):
                    continue
                count += 1
                escaped, seconds = _run(put(value.make() if isinstance(value, Fresh) else value))
                if escaped is not None:
                    failures.append(f"{key}({param}={label}) -> {_describe(escaped)}")
                elif seconds >= LIMIT_SECONDS:
                    failures.append(f"{key}({param}={label}) took {seconds:.2f} s")
    CALLS_MADE[key] = count
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


# -- the command line: hostile arguments and hostile files --------------------------------

GOOD_CONTRACT = {
    "id": "C-1",
    "customer": "ACME",
    "start": "2026-01-01",
    "months": 12,
    "monthly": {"amount": "10000", "currency": "BRL"},
}


def _portfolio(**changes: object) -> str:
    contract = {**GOOD_CONTRACT, **changes}
    return json.dumps({"as_of": "2026-07-01", "contracts": [contract]})


#: Hostile portfolio files by label: (file name, content).
HOSTILE_FILES: tuple[tuple[str, str, bytes | str], ...] = (
    ("empty file", "p.json", b""),
    ("not UTF-8", "p.json", b"\xff\xfe{}"),
    ("a NUL byte", "p.json", b'{"as_of": "2026-07-01\x00"}'),
    ("truncated JSON", "p.json", "{"),
    ("nested 100,000 deep", "p.json", "[" * 100_000 + "]" * 100_000),
    ("NaN", "p.json", '{"as_of": NaN}'),
    ("a key twice", "p.json", '{"as_of": "2026-07-01", "as_of": "2026-08-01"}'),
    ("a number of 5,000 digits", "p.json", '{"as_of": "2026-07-01", "n": ' + "9" * 5000 + "}"),
    ("a list, not an object", "p.json", "[]"),
    ("contracts null", "p.json", '{"as_of": "2026-07-01", "contracts": null}'),
    ("contracts an object", "p.json", '{"as_of": "2026-07-01", "contracts": {}}'),
    ("as_of in year 1", "p.json", '{"as_of": "0001-01-01", "contracts": []}'),
    ("as_of not a date", "p.json", '{"as_of": "١٢/٠١/٢٠٢٦", "contracts": []}'),
    ("months 100000", "p.json", _portfolio(months=100_000)),
    ("months 12.7", "p.json", _portfolio(months=12.7)),
    ("months true", "p.json", _portfolio(months=True)),
    ("months 10**30", "p.json", _portfolio(months=10**30)),
    ("amount 1e999999", "p.json", _portfolio(monthly={"amount": "1e999999", "currency": "BRL"})),
    ("amount a float", "p.json", _portfolio(monthly={"amount": 1.5, "currency": "BRL"})),
    ("amount in USD", "p.json", _portfolio(monthly={"amount": "1", "currency": "USD"})),
    ("start 9999-12-01", "p.json", _portfolio(start="9999-12-01")),
    ("start in year 1", "p.json", _portfolio(start="0001-01-01")),
    ("id of 10,000 characters", "p.json", _portfolio(id="x" * 10_000)),
    ("an unknown field", "p.json", _portfolio(colour="red")),
    (
        "duplicate ids",
        "p.json",
        json.dumps({"as_of": "2026-07-01", "contracts": [GOOD_CONTRACT, GOOD_CONTRACT]}),
    ),
    ("invalid TOML", "p.toml", "as_of = "),
    ("TOML int of 5,000 digits", "p.toml", "as_of = 2026-07-01\nn = " + "9" * 5000),
    (
        "TOML months 100000",
        "p.toml",
        'as_of = 2026-07-01\n[[contracts]]\nid = "C-1"\ncustomer = "A"\nstart = 2026-01-01\n'
        'months = 100000\nmonthly = { amount = "1", currency = "BRL" }\n',
    ),
    ("TOML with a datetime for a date", "p.toml", "as_of = 2026-07-01T10:00:00Z\ncontracts = []"),
)

#: Hostile argument lists (the portfolio ones read a file written by the test).
HOSTILE_ARGV: tuple[tuple[str, ...], ...] = (
    (),
    ("--help",),
    ("--version",),
    ("nonsense",),
    ("\x00",),
    ("split",),
    ("split", "1e999999", "3"),
    ("split", "-1e999999", "3"),
    ("split", "NaN", "3"),
    ("split", "sNaN", "3"),
    ("split", "x" * 10_000, "3"),
    ("split", "١٠٠", "3"),
    ("split", "100", "0"),
    ("split", "100", "-1"),
    ("split", "100", "999999999999999999"),
    ("split", "100", "١"),
    ("split", "100", "3", "--currency", "XXX"),
    ("split", "100", "3", "--currency", "x" * 10_000),
    ("split", "100", "3", "--locale", "xx_YY"),
    ("split", "100", "3", "--locale", "pt-BR"),
    ("split", "100", "3", "--locale", "\x00"),
    ("split", "100", "3", "--locale", "x" * 10_000),
    ("allocate", "0.05", "1e999999", "30"),
    ("allocate", "100", "1e-999999"),
    ("allocate", "100", "-1", "2"),
    ("allocate", "100", "0", "0"),
    ("allocate", "100", "NaN"),
    ("allocate", "100", "١"),
    ("allocate", "100", *("1",) * 10_001),
    ("escalation", "١"),
    ("escalation", "x" * 10_000),
    ("escalation", "BR", "--subregion", "x" * 10_000),
    ("cnpj", "x" * 10_000),
    ("cnpj", "١١.٢٢٢.٣٣٣/٠٠٠١-٨١"),
    ("cnpj", "\x00"),
    ("catalogue", "--implemented", "--missing"),
    ("catalogue", "--json", "--missing"),
    ("portfolio", "/nonexistent/portfolio.json"),
    ("portfolio", "\x00.json"),
    ("portfolio", "x" * 10_000),
    ("portfolio", "DIRECTORY"),
)


def _cli_cases(tmp_path: Path) -> Iterator[tuple[str, list[str]]]:
    for argv in HOSTILE_ARGV:
        args = [str(tmp_path) if a == "DIRECTORY" else a for a in argv]
        yield " ".join(a if len(a) <= 30 else f"<{len(a)} chars>" for a in argv), args
    for index, (label, name, content) in enumerate(HOSTILE_FILES):
        path = tmp_path / f"{index}-{name}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield f"portfolio <{label}>", ["portfolio", str(path)]
        yield f"portfolio --json <{label}>", ["portfolio", "--json", str(path)]


def test_the_command_line_exits_0_or_2_with_one_line_and_never_hangs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #12 items 5 and 6: hostile arguments and files through cli.main, in-process."""
    monkeypatch.setattr(sys, "argv", ["partnerrules"])
    failures: list[str] = []
    with _bounded():
        for label, argv in _cli_cases(tmp_path):
            out = io.StringIO()
            escaped, seconds = _run(Call(cli.main, (argv,), {"out": out}))
            captured = capsys.readouterr()
            err = captured.err
            if escaped is not None:
                failures.append(f"main({label}) -> {_describe(escaped)}")
            elif "Traceback" in err or "unexpected" in err or len(err.splitlines()) > 1:
                failures.append(f"main({label}) printed: {err[:300]!r}")
            elif seconds >= LIMIT_SECONDS:
                failures.append(f"main({label}) took {seconds:.2f} s")
    if failures:
        pytest.fail("\n".join(failures), pytrace=False)


def test_the_command_line_returns_an_exit_status(tmp_path: Path) -> None:
    """Every case above ends with 0 (help, version, catalogue) or 2 (a refusal)."""
    statuses = set()
    for _label, argv in _cli_cases(tmp_path):
        with contextlib.redirect_stderr(io.StringIO()):
            statuses.add(cli.main(argv, out=io.StringIO()))
    assert statuses == {0, 2}
