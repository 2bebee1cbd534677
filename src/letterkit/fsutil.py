"""Safe file output: atomic writes, no overwrite without ``--force``.

Every file letterkit writes goes through :func:`atomic_write`: the data is written to
a temporary file in the same directory, flushed and fsynced, then moved over the
target with ``os.replace``. A failure at any point leaves no partial file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from letterkit.errors import InputError, OutputError


def check_targets(paths: Iterable[Path], *, force: bool) -> None:
    """Fail before writing anything if a target exists (without force) or has no directory."""
    for path in paths:
        parent = path.parent
        if not parent.is_dir():
            raise OutputError(
                f"the output directory {parent} does not exist",
                hint="create it first, or choose another directory",
            )
        if path.is_dir():
            raise OutputError(f"{path} is a directory", hint="choose a file name for the output")
        if path.exists() and not force:
            raise OutputError(
                f"{path} already exists",
                hint="use --force to overwrite it, or choose another output",
            )


def atomic_write(path: Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written."""
    path = Path(path)
    check_targets([path], force=force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {path.parent}: {exc.strerror or exc}",
            hint="check that the directory exists and is writable, or choose another one",
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o644 & ~_umask())
        try:
            os.replace(tmp, path)
        except PermissionError:
            raise OutputError(
                f"cannot replace {path}: the file is open in another program or locked",
                hint="close it (for example the PDF viewer) and run the command again",
            ) from None
    except OutputError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"writing {path} failed: {exc.strerror or exc}; nothing was written",
            hint="check free disk space and permissions, then run again",
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def read_text_file(path: Path, what: str = "file") -> str:
    """Read a user's UTF-8 text file with clear errors (missing, binary, not UTF-8, empty)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"the {what} {path} does not exist", hint="check the path") from None
    except IsADirectoryError:
        raise InputError(f"the {what} {path} is a directory", hint="give a text file") from None
    except OSError as exc:
        raise InputError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw:
        raise InputError(
            f"the {what} {path} is a binary file, not text",
            hint="save the letter as plain text (.txt, UTF-8)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the {what} {path} is not UTF-8 text (byte {exc.start + 1})",
            hint="save it as UTF-8 plain text in your editor",
        ) from None
    if not text.strip():
        raise InputError(f"the {what} {path} is empty", hint="write the letter text first")
    return text
