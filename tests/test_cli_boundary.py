"""main() called from Python with arguments of the wrong type; Portfolio built in code (API fuzz)."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest

from partnerrules.cli import Portfolio, main
from partnerrules.errors import InvalidTypeError, InvalidValueError


def test_argv_is_a_sequence_of_str() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        main(True)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'argv' must be a sequence of str (the command-line arguments), or None (got bool True)"
    )
    with pytest.raises(InvalidTypeError, match=r"^'argv' must be a sequence of str .*generator"):
        main(a for a in ["split", "1", "2"])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as caught:
        main(["split", 1])  # type: ignore[list-item]
    assert str(caught.value) == "'argv[1]' must be a str (got int 1)"


def test_out_is_a_text_stream() -> None:
    with pytest.raises(InvalidTypeError, match=r"^'out' must be a text stream \(with a write"):
        main(["split", "1", "2"], out=object())  # type: ignore[arg-type]
    out = io.StringIO()
    assert main(("split", "1", "2"), out=out) == 0
    assert out.getvalue().splitlines()[-1] == "sum  R$\xa01,00"


def test_a_portfolio_checks_its_date_and_contracts() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        Portfolio(None, ())  # type: ignore[arg-type]
    assert str(caught.value) == (
        "'as_of' must be a datetime.date (not a datetime) (got NoneType None)"
    )
    with pytest.raises(InvalidValueError, match=r"^'contracts' must be an iterable of at most"):
        Portfolio(dt.date(2026, 1, 1), itertools.count())  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError) as caught:
        Portfolio(dt.date(2026, 1, 1), [1])  # type: ignore[list-item]
    assert str(caught.value) == "'contracts[0]' must be a Contract (got int 1)"


def test_a_toml_integer_longer_than_python_reads_is_invalid_toml(tmp_path, capsys) -> None:
    path = tmp_path / "portfolio.toml"
    path.write_text("as_of = 2026-07-01\nn = " + "9" * 5000, encoding="utf-8")
    assert main(["portfolio", str(path)], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"partnerrules: error: {path}: not valid TOML (Exceeds the limit (4300")
    assert len(err.splitlines()) == 1
