"""Safe file output: atomic writes, no overwrite without ``--force``, locks; TOML text.

Every file letterkit writes goes through :func:`atomic_write`: the data is written to
a temporary file in the same directory, flushed and fsynced, then put in place. Without
``force`` it is put in place with ``os.link``, which fails if the target exists, so of two
runs writing the same new file exactly one succeeds and the other says "already exists"
(no window between a check and the write); with ``force`` it is moved over the target
with ``os.replace``. A failure at any point leaves no partial file behind.

:func:`locked` serialises the read-modify-write of the user's own files (the profile,
the letter log, the records) between overlapping runs, with the filelock library
(https://py-filelock.readthedocs.io/): a hidden ``.NAME.lock`` beside the file.

A temporary file left behind by a killed run (``.NAME.XXXXXXXX.tmp``) is removed by
the next write into the same folder once it is older than an hour and no run holds it.

letterkit's own TOML files (the profile, the user's records) are written as
:func:`toml_text` makes them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit.errors import OutputError
from letterkit.i18n import _
from letterkit.limits import LOCK_TIMEOUT_SECONDS, STALE_TEMP_SECONDS

if TYPE_CHECKING:
    import filelock

try:  # POSIX: a staged temporary file is locked while it is written (see _stale_temps)
    import fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be deleted anyway
    fcntl = None  # type: ignore[assignment]

# The user's own files (profile, records, letter log) and their folders: owner only.
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700

# tempfile.mkstemp's names: prefix, 8 characters of tempfile's alphabet, suffix.
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
# errno values for "this file system cannot make hard links" (FAT, some network shares).
_NO_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOSYS, errno.EOPNOTSUPP,
             getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}  # fmt: skip


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


def ensure_dir(folder: Path, mode: int = 0o777) -> None:
    """``mkdir -p`` with a clean OutputError instead of an OSError (``mode`` for new folders)."""
    try:
        Path(folder).mkdir(mode=mode, parents=True, exist_ok=True)
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
            ensure_dir(path.parent, PRIVATE_DIR if mode == PRIVATE_FILE else 0o777)
    check_targets(paths, force=force)
    existed = {p: p.exists() for p in paths}
    staged: list[tuple[Path, Path]] = []  # (tmp, target)
    done: list[Path] = []
    try:
        for path, data in items:
            staged.append((_stage(path, data, mode), path))
        for tmp, path in staged:
            if force:
                _replace(tmp, path)
            else:
                _create(tmp, path)  # new: removed again if a later file fails
            done.append(path)
    except BaseException as exc:
        for tmp, _target in staged:
            tmp.unlink(missing_ok=True)
        for written in done:
            if not existed[written]:
                with contextlib.suppress(OSError):
                    written.unlink()
        if isinstance(exc, FileExistsError):  # another run created it after check_targets
            raise _exists(Path(exc.filename or path)) from None
        if isinstance(exc, OSError):
            raise OutputError(
                _("writing {path} failed: {reason}; nothing was written").format(
                    path=path, reason=exc.strerror or exc
                ),
                hint=_("check free disk space and permissions, then run again"),
            ) from None
        raise
    return paths


def _exists(path: Path) -> OutputError:
    return OutputError(
        _("{path} already exists").format(path=path),
        hint=_("use --force to overwrite it, or choose another output"),
    )


def _replace(tmp: Path, path: Path) -> None:
    """Move ``tmp`` over ``path`` (``--force``)."""
    try:
        os.replace(tmp, path)
    except PermissionError:
        raise OutputError(
            _("cannot replace {path}: the file is open in another program or locked").format(
                path=path
            ),
            hint=_("close it (for example the PDF viewer) and run the command again"),
        ) from None


def _create(tmp: Path, path: Path) -> None:
    """Put ``tmp`` in place as the new file ``path``; FileExistsError if it exists.

    ``os.link`` creates the name only if it is free, in one step. Where the file system
    has no hard links, an empty file claimed with ``O_CREAT | O_EXCL`` reserves the name
    instead and ``os.replace`` then fills it.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.replace(tmp, path)
        return
    tmp.unlink(missing_ok=True)


_locks: dict[str, filelock.FileLock] = {}
_locks_guard = threading.Lock()


def lock_path(path: Path) -> Path:
    """The lock file that :func:`locked` uses for ``path``: ``.NAME.lock`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock for ``path`` while reading, changing and writing it back.

    Another letterkit run (or thread) that wants the same file waits up to
    ``LOCK_TIMEOUT_SECONDS``, then fails with an OutputError. Re-entrant in one thread.
    """
    # deferred: filelock costs ~15 ms at start-up, and most runs (a letter without the
    # letter log) lock nothing
    import filelock

    target = lock_path(path)
    ensure_dir(target.parent, PRIVATE_DIR)
    key = os.path.abspath(target)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:  # one object per file: re-entrant per thread, exclusive between
            lock = _locks[key] = filelock.FileLock(
                key, timeout=LOCK_TIMEOUT_SECONDS, mode=PRIVATE_FILE
            )
    try:
        lock.acquire()
    except filelock.Timeout:
        raise OutputError(
            _("{path} is in use by another letterkit run").format(path=path),
            hint=_("wait until it has finished, then run the command again"),
        ) from None
    except OSError as exc:
        raise OutputError(
            _("cannot lock {path}: {reason}").format(path=path, reason=exc.strerror or exc),
            hint=_("check that your home directory is writable"),
        ) from None
    try:
        yield
    finally:
        lock.release()


def clean_stale_temps(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files a killed run left in ``folder``; returns those removed.

    Only letterkit's own names (``.NAME.XXXXXXXX.tmp``), only when older than
    ``STALE_TEMP_SECONDS`` and not locked by a run still writing them.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                continue
            if not _unlocked(entry.path):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _unlocked(path: str) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: deleting a file in use fails anyway
        return True
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing releases the lock
    return True


def _stage(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` to a new temporary file in ``path``'s directory; returns it."""
    clean_stale_temps(path.parent)
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
        if fcntl is not None:  # held until the file is closed: not "stale" while written
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
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
