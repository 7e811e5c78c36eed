"""Every failure of the command line exits 2 with one line naming the input: never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

import partnerrules
from partnerrules.cli import main

GOOD = {
    "as_of": "2026-07-01",
    "contracts": [
        {"id": "C-1", "customer": "ACME", "start": "2026-01-01", "months": 12,
         "monthly": {"amount": "10000", "currency": "BRL"}},
    ],
}  # fmt: skip


def fails(capsys, *argv: str) -> str:
    """Run the command line in-process; check it failed cleanly and return its one line."""
    out = io.StringIO()
    assert main(list(argv), out=out) == 2
    captured = capsys.readouterr()
    assert out.getvalue() == ""
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert lines[0].startswith("partnerrules")
    return lines[0]


def portfolio_file(tmp_path, content: bytes | str, name: str = "portfolio.json") -> str:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return str(path)


# -- files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (b"\xff\xfe{}", "portfolio.json", "not UTF-8 text (byte 0xff at offset 0); save it as UTF-8"),
        ("caf\xe9".encode("latin-1"), "portfolio.json", "not UTF-8 text (byte 0xe9 at offset 3)"),
        ("{", "portfolio.json", "not valid JSON (Expecting property name enclosed in double quotes"),
        ("", "portfolio.json", "not valid JSON (Expecting value: line 1 column 1 (char 0))"),
        ('{"as_of": NaN}', "portfolio.json", "not valid JSON (NaN is not a JSON number)"),
        ('{"as_of": "2026-07-01", "as_of": "2026-08-01"}', "portfolio.json",
         "not valid JSON (the key 'as_of' appears twice in one object)"),
        ('{"n": ' + "9" * 5000 + "}", "portfolio.json", "not valid JSON (Exceeds the limit"),
        ("[" * 100_000 + "]" * 100_000, "portfolio.json", "not valid JSON (nested too deeply)"),
        ("as_of = ", "portfolio.toml", "not valid TOML (Invalid value (at end of document))"),
        ("as_of = 2026-07-01\n[contracts\n", "portfolio.toml", "not valid TOML (Expected ']' at the end of a table declaration (at line 2, column 11))"),
        ("[1, 2]", "portfolio.json", "not a portfolio: expected an object with 'as_of' and 'contracts'"),
    ],
)  # fmt: skip
def test_an_unreadable_document_is_one_line_naming_the_file(
    tmp_path, capsys, content, name, expected
):
    path = portfolio_file(tmp_path, content, name)
    line = fails(capsys, "portfolio", path)
    assert line.startswith(f"partnerrules: error: {path}: {expected}")


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = portfolio_file(tmp_path, b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert main(["portfolio", path], out=io.StringIO()) == 0


def test_a_missing_file_or_a_directory_is_named(tmp_path, capsys):
    missing = tmp_path / "nope.json"
    assert fails(capsys, "portfolio", str(missing)) == (
        f"partnerrules: error: {missing}: cannot read it (No such file or directory)"
    )
    assert fails(capsys, "portfolio", str(tmp_path)) == (
        f"partnerrules: error: {tmp_path}: cannot read it (Is a directory)"
    )


def test_a_contract_longer_than_the_library_allows_is_refused(tmp_path, capsys):
    data = {"as_of": "2026-07-01", "contracts": [dict(GOOD["contracts"][0], months=100_000)]}
    line = fails(capsys, "portfolio", portfolio_file(tmp_path, json.dumps(data)))
    assert "(got 100000)" in line
    assert line.endswith("@ $.contracts[0].months")


def test_duplicate_contract_ids_are_refused(tmp_path, capsys):
    data = {"as_of": "2026-07-01", "contracts": GOOD["contracts"] * 3}
    line = fails(capsys, "portfolio", portfolio_file(tmp_path, json.dumps(data)))
    assert (
        "'contracts[1].id' must be an id no other contract of the portfolio has (got 'C-1')" in line
    )
    assert "ids are repeated at contracts[2] too" in line
    assert line.endswith("@ $.contracts[1].id")


def test_a_contract_the_rules_cannot_quote_is_named_not_a_traceback(tmp_path, capsys, monkeypatch):
    def broken(contract, effective):
        raise ValueError("year 10359 is out of range")

    monkeypatch.setattr("partnerrules.contracts.cancellation_quote", broken)
    line = fails(capsys, "portfolio", portfolio_file(tmp_path, json.dumps(GOOD)))
    assert line.endswith(
        ": cannot quote contract 'C-1' (year 10359 is out of range) @ $.contracts[0]"
    )


def test_an_unexpected_error_is_still_one_line(tmp_path, capsys, monkeypatch):
    def buggy(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr("partnerrules.regions.escalation_path", buggy)
    line = fails(capsys, "escalation", "BR")
    assert line.startswith(
        "partnerrules: error: unexpected RuntimeError in 'escalation': something broke"
    )
    assert "please report it" in line


# -- options and arguments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["split", "100", "3", "--locale", "xx_YY"],
         "partnerrules split: error: argument --locale: unknown locale 'xx_YY' (use a locale such as pt_BR, en_US or ru_RU)"),
        (["portfolio", "x.json", "--locale", "pt_XX"], "argument --locale: unknown locale 'pt_XX'"),
        (["allocate", "1", "1", "--locale", ""], "argument --locale: unknown locale ''"),
        (["split", "100", "x"], "partnerrules split: error: argument parts: 'x' is not a whole number such as 3"),
        (["split", "100", "\u0663"], "argument parts: '\u0663' is not a whole number"),
        (["portfolio", "bad\x00name.json"], "partnerrules: error: bad\\x00name.json: cannot read it (embedded null byte)"),
        (["split", "100"], "the following arguments are required: parts"),
        ([], "partnerrules: error: the following arguments are required: COMMAND"),
        (["bogus"], "argument COMMAND: invalid choice: 'bogus'"),
        (["catalogue", "--implemented", "--missing"], "not allowed with argument --implemented"),
        (["split", "1.005", "2"], "partnerrules: error: 'amount' must be a multiple of 0.01 BRL (got '1.005')"),
        (["split", "1", "2", "--currency", "XXY"], "partnerrules: error: unknown currency 'XXY'"),
        (["escalation", "UK"], "did you mean 'GB'"),
    ],
)  # fmt: skip
def test_bad_options_and_arguments_are_one_line(capsys, argv, expected):
    assert expected in fails(capsys, *argv)


def test_a_locale_may_be_written_with_a_hyphen():
    out = io.StringIO()
    assert main(["split", "100", "3", "--locale", "pt-BR"], out=out) == 0
    assert out.getvalue().splitlines()[-1] == "sum  R$\xa0100,00"
    out = io.StringIO()
    assert main(["split", "100", "3", "--locale", "en-US"], out=out) == 0
    assert out.getvalue().splitlines()[-1] == "sum  R$100.00"


def test_version_and_help_exit_0_on_the_given_output(capsys):
    out = io.StringIO()
    assert main(["--version"], out=out) == 0
    assert out.getvalue() == f"partnerrules {partnerrules.__version__}\n"
    out = io.StringIO()
    assert main(["portfolio", "--help"], out=out) == 0
    assert "--locale" in out.getvalue()
    assert capsys.readouterr().err == ""


# -- as a program ------------------------------------------------------------------------------


def test_python_dash_m_partnerrules_prints_its_version():
    done = subprocess.run(
        [sys.executable, "-m", "partnerrules", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == f"partnerrules {partnerrules.__version__}\n"
    assert done.stderr == ""


def test_a_program_run_fails_with_one_line_and_no_traceback(tmp_path):
    bad = portfolio_file(tmp_path, b"\xff")
    done = subprocess.run(
        [sys.executable, "-m", "partnerrules", "portfolio", bad, "--locale", "pt-BR"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert (
        done.stderr
        == f"partnerrules: error: {bad}: not UTF-8 text (byte 0xff at offset 0); save it as UTF-8\n"
    )


def test_a_reader_that_stops_early_is_not_an_error():
    with subprocess.Popen(
        [sys.executable, "-m", "partnerrules", "split", "100", "10000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        assert proc.stdout.readline() == b"  1  R$\xc2\xa00,01\n"
        proc.stdout.close()
        err = proc.stderr.read()
        code = proc.wait()
    assert err == b""
    assert code == 0
