"""policies.load refuses odd paths and over-long JSON numbers with typed errors (API fuzz)."""

from __future__ import annotations

import os

import pytest

from partnerrules import policies
from partnerrules.errors import InvalidTypeError, InvalidValueError


class BrokenPath(os.PathLike[str]):
    def __fspath__(self) -> str:
        raise RuntimeError("the caller's own bug")


def test_a_nul_in_the_name_is_an_unreadable_file() -> None:
    with pytest.raises(InvalidValueError) as caught:
        policies.load("a\x00.toml")
    assert str(caught.value) == (
        "'path' must be a readable file (got 'a\\x00.toml'); embedded null byte"
    )


def test_a_path_like_that_fails_is_named() -> None:
    with pytest.raises(InvalidTypeError) as caught:
        policies.load(BrokenPath())
    assert str(caught.value).startswith(
        "'path' must be a str or os.PathLike path to a .toml or .json file (got BrokenPath <"
    )
    assert str(caught.value).endswith("); RuntimeError")


def test_a_json_number_longer_than_python_reads_is_invalid_json(tmp_path) -> None:
    path = tmp_path / "programme.json"
    path.write_text('{"n": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(InvalidValueError) as caught:
        policies.load(path)
    assert str(caught.value).startswith(f"'path' must be valid JSON (got {str(path)!r}); Exceeds")
