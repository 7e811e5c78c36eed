"""Policy packs: the published numbers of each source, as data only; and :func:`load`.

The modules of this package hold the numbers of the five source programmes.
:func:`load` reads a caller's own programme from a TOML or JSON file.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partnerrules.errors import InvalidTypeError, InvalidValueError

if TYPE_CHECKING:
    from partnerrules.programmes import Programme

__all__ = ["MAX_FILE_BYTES", "load", "read_data"]

#: The largest programme file :func:`load` reads (a guard against reading a wrong file whole).
MAX_FILE_BYTES = 16 * 1024 * 1024


def load(path: str | os.PathLike[str]) -> Programme:
    """Load a :class:`~partnerrules.programmes.Programme` from a TOML or JSON file.

    The file's suffix decides the format (``.toml`` or ``.json``). Its shape
    is the plain form of :class:`~partnerrules.programmes.Programme` written
    by :func:`partnerrules.convert.unstructure`, read by the strict loader
    :func:`partnerrules.convert.structure`: nothing is coerced, and every
    problem of the file is reported at once with its path. See the *Your own
    programme* guide for a complete example.

    Raises:
        InvalidTypeError: *path* is not a path.
        InvalidValueError: the file cannot be read, is not UTF-8, is not valid
            TOML or JSON, has another suffix, or is larger than
            :data:`MAX_FILE_BYTES`.
        partnerrules.convert.PolicyFormatError: the data is not a valid
            programme (every problem, each with its path).
    """
    from partnerrules.convert import structure
    from partnerrules.programmes import Programme

    return structure(read_data(path), Programme)


def read_data(path: str | os.PathLike[str]) -> Any:
    """Read the plain data of a TOML or JSON file, as :func:`load` does before structuring.

    The file's suffix decides the format. Nothing is converted: TOML gives its
    own dates and instants, JSON strings.

    Raises:
        InvalidTypeError: *path* is not a path.
        InvalidValueError: the file cannot be read, is not UTF-8, is not valid
            TOML or JSON, has another suffix, or is larger than
            :data:`MAX_FILE_BYTES`.
    """
    expected = "a str or os.PathLike path to a .toml or .json file"
    if not isinstance(path, str | os.PathLike):
        raise InvalidTypeError("path", path, expected)
    try:
        file = Path(path)
    except Exception as exc:  # a PathLike whose __fspath__ fails or returns bytes
        raise InvalidTypeError("path", path, expected, hint=f"{type(exc).__name__}") from exc
    suffix = file.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InvalidValueError("path", str(file), "a file ending in .toml or .json")
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidValueError("path", str(file), f"a file of at most {MAX_FILE_BYTES} bytes")
        text = file.read_bytes().decode("utf-8")
    except InvalidValueError:  # the size check above (a ValueError too): as it is
        raise
    except OSError as exc:
        raise InvalidValueError("path", str(file), "a readable file", hint=exc.strerror) from None
    except UnicodeDecodeError as exc:
        raise InvalidValueError(
            "path", str(file), "a UTF-8 file", hint=f"byte {exc.start} is not UTF-8"
        ) from None
    except ValueError as exc:  # a NUL character in the name
        raise InvalidValueError("path", str(file), "a readable file", hint=str(exc)) from None
    try:
        data = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    # ValueError: also a JSON number longer than Python's int limit (4300 digits).
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        raise InvalidValueError(
            "path", str(file), f"valid {suffix[1:].upper()}", hint=str(exc)
        ) from None
    return data
