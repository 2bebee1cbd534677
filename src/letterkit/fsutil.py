"""Safe file output: atomic writes, no overwrite without ``--force``; TOML text.

Every file letterkit writes goes through :func:`atomic_write`: the data is written to
a temporary file in the same directory, flushed and fsynced, then moved over the
target with ``os.replace``. A failure at any point leaves no partial file behind.
letterkit's own TOML files (the profile, the user's records) are written as
:func:`toml_text` makes them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from letterkit.errors import OutputError
from letterkit.i18n import _


def check_targets(paths: Iterable[Path], *, force: bool) -> None:
    """Fail before writing anything if a target exists (without force) or has no directory."""
    for path in paths:
        parent = path.parent
        if not parent.is_dir():
            if parent.exists():
                raise OutputError(
                    _("{path} is a file, not a directory").format(path=parent),
                    hint=_("choose a directory for the output"),
                )
            raise OutputError(
                _("the output directory {path} does not exist").format(path=parent),
                hint=_("create it first, or choose another directory"),
            )
        if path.is_dir():
            raise OutputError(
                _("{path} is a directory").format(path=path),
                hint=_("choose a file name for the output"),
            )
        if path.exists() and not force:
            raise OutputError(
                _("{path} already exists").format(path=path),
                hint=_("use --force to overwrite it, or choose another output"),
            )


def atomic_write(
    path: Path,
    data: bytes | str,
    *,
    force: bool = False,
    make_dirs: bool = False,
    mode: int | None = None,
) -> Path:
    """Write ``data`` to ``path`` atomically; returns the path written.

    ``make_dirs`` creates missing parent directories first (for the user's own data
    folders; never for outputs, where a missing directory is the user's mistake).
    ``mode`` (e.g. ``0o600`` for private files) is set before the file appears.
    """
    path = Path(path)
    atomic_write_many([(path, data)], force=force, make_dirs=make_dirs, mode=mode)
    return path


def ensure_dir(folder: Path) -> None:
    """``mkdir -p`` with a clean OutputError instead of an OSError."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("cannot create the folder {path}: {reason}").format(
                path=folder, reason=exc.strerror or exc
            ),
            hint=_("check that your home directory is writable"),
        ) from None


def atomic_write_many(
    items: Iterable[tuple[Path, bytes | str]],
    *,
    force: bool = False,
    make_dirs: bool = False,
    mode: int | None = None,
) -> list[Path]:
    """Write several files all or nothing; returns the paths written.

    Every file is first written in full to a temporary file beside its target (the
    step where a full disk or a read-only directory fails); only then are the
    temporary files moved over their targets. If a move fails (a target open in a
    viewer on Windows), the files already moved that did not exist before are removed
    again, so a failed command leaves no new file behind. (Files overwritten with
    ``force`` keep their new content.)
    """
    items = [(Path(p), d.encode("utf-8") if isinstance(d, str) else d) for p, d in items]
    paths = [p for p, _ in items]
    if make_dirs:
        for path in paths:
            ensure_dir(path.parent)
    check_targets(paths, force=force)
    existed = {p: p.exists() for p in paths}
    staged: list[tuple[Path, Path]] = []  # (tmp, target)
    done: list[Path] = []
    try:
        for path, data in items:
            staged.append((_stage(path, data, mode), path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except PermissionError:
                raise OutputError(
                    _(
                        "cannot replace {path}: the file is open in another program or locked"
                    ).format(path=path),
                    hint=_("close it (for example the PDF viewer) and run the command again"),
                ) from None
            done.append(path)
    except BaseException as exc:
        for tmp, _target in staged:
            tmp.unlink(missing_ok=True)
        for path in done:
            if not existed[path]:
                with contextlib.suppress(OSError):
                    path.unlink()
        if isinstance(exc, OSError):
            raise OutputError(
                _("writing {path} failed: {reason}; nothing was written").format(
                    path=path, reason=exc.strerror or exc
                ),
                hint=_("check free disk space and permissions, then run again"),
            ) from None
        raise
    return paths


def _stage(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to a new temporary file in ``path``'s directory; returns it."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        where = _("the current directory") if str(path.parent) == "." else str(path.parent)
        raise OutputError(
            _("cannot write to {path}: {reason}").format(path=where, reason=exc.strerror or exc),
            hint=_("check that the directory exists and is writable, or choose another one"),
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode if mode is not None else 0o644 & ~_umask())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _without_none(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping) or (
        isinstance(value, list) and bool(value) and isinstance(value[0], Mapping)
    )


def toml_text(data: Mapping[str, Any], header: str | None = None) -> str:
    """``data`` as a TOML file: ``header`` as comment lines, then the top-level keys, then
    each table (dicts) or array of tables (lists of dicts) after a blank line. None values
    are left out (TOML has no null).
    """
    # deferred: tomlkit costs tens of milliseconds at start-up
    import tomlkit

    doc = tomlkit.document()
    for line in (header or "").splitlines():
        doc.add(tomlkit.comment(line))
    data = _without_none(data)
    for key, value in data.items():
        if not _is_table(value):
            doc.add(key, value)
    for key, value in data.items():
        if _is_table(value):
            doc.add(tomlkit.nl())
            if isinstance(value, Mapping):
                doc.add(key, _table(value))
            else:
                doc.add(key, tomlkit.aot())
                for item in value:
                    doc[key].append(_table(item))
    return tomlkit.dumps(doc)


def _table(values: Mapping[str, Any]) -> Any:
    # deferred: see toml_text
    import tomlkit

    table = tomlkit.table()
    table.update(values)
    return table
