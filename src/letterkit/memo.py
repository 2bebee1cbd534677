"""Answers kept between runs in the user's cache directory (``paths.user_cache_dir``).

Some answers cost far more to compute than to read: declining the writer's town loads
pymorphy3's dictionary (a tenth of a second), for a town that is the same in every letter.
A :class:`Memo` is one JSON file of such answers, ``{"version": …, "entries": {…}}``,
read on first use; new answers are written by :meth:`Memo.save`, which ``write`` calls once
its letter is saved (a command that fails leaves the file as it was). Its
``version`` names everything the answers depend on (the code, the library, its
dictionary); a file of another version counts as empty, so an upgrade never serves an old
answer.

Losing the file costs only time: a file that cannot be read (missing, broken, of another
version) is empty, and one that cannot be written (a read-only or full disk) is not
written. Writes replace the file atomically (``fsutil.atomic_write``), so a run reads the
whole old or the whole new file even while another run writes it; of two runs writing at
once, the last one's file stays. ``letterkit forget`` deletes the directory: the answers
name the writer's town.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from letterkit import __version__, paths
from letterkit.errors import LetterkitError
from letterkit.fsutil import PRIVATE_FILE, atomic_write
from letterkit.limits import load_json

# Entries one file keeps; a file that would grow beyond starts afresh (a writer has one
# town, a letter-writing evening a few dozen).
MAX_ENTRIES = 512

_MISSING = object()


def installed_version(*modules: str, files: Iterable[Path] = ()) -> str:
    """A version string for the installed ``modules`` (``"pymorphy3"``,
    ``"letterkit.address.morph"``) and data ``files``: letterkit's version and the size
    and modification time of each module's file and of each data file, which a reinstall
    or an edit changes. Imports at most the packages a dotted name lies in, not the
    modules themselves."""
    parts = [__version__]
    for module in modules:
        try:
            spec = find_spec(module)
            st = os.stat(spec.origin)  # type: ignore[union-attr,arg-type]
            parts.append(f"{module}:{st.st_size}:{st.st_mtime_ns}")
        except (ImportError, AttributeError, TypeError, ValueError, OSError):
            parts.append(f"{module}:-")
    for path in files:
        try:
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path.name}:-")
    return "|".join(parts)


class Memo:
    """One cache file of JSON answers, read on first use, rewritten by :meth:`save`."""

    def __init__(self, name: str, version: str) -> None:
        self.name = name
        self.version = version
        self._entries: dict[str, Any] | None = None
        self._read_from: Path | None = None  # the file the entries came from
        self._unsaved = False

    @property
    def path(self) -> Path:
        return paths.user_cache_dir() / f"{self.name}.json"

    def _load(self) -> dict[str, Any]:
        path = self.path  # another one after LETTERKIT_CACHE_DIR or guest mode changed
        if self._entries is None or path != self._read_from:
            self._entries, self._read_from, self._unsaved = {}, path, False
            try:
                raw = load_json(path.read_bytes())
            except (OSError, ValueError):
                return self._entries
            if isinstance(raw, dict) and raw.get("version") == self.version:
                entries = raw.get("entries")
                if isinstance(entries, dict):
                    self._entries = entries
        return self._entries

    def get(self, key: str, default: Any = None) -> Any:
        """The answer kept for ``key`` (``None`` is an answer too), else ``default``."""
        return self._load().get(key, default)

    def __contains__(self, key: str) -> bool:
        return key in self._load()

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` (JSON: str, number, None, lists, objects) for ``key``, in memory
        until :meth:`save`."""
        entries = self._load()
        if entries.get(key, _MISSING) == value:
            return
        if len(entries) >= MAX_ENTRIES:
            entries.clear()
        entries[key] = value
        self._unsaved = True

    def save(self) -> None:
        """Write the answers kept since the file was read, if any."""
        if not self._unsaved or self._read_from is None:
            return
        self._unsaved = False
        text = json.dumps({"version": self.version, "entries": self._entries}, ensure_ascii=False)
        with contextlib.suppress(LetterkitError, OSError):  # not kept: computed again next run
            atomic_write(self._read_from, text, force=True, make_dirs=True, mode=PRIVATE_FILE)

    def cached(self, key: str, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
        """The answer for ``key``: the one kept if ``valid`` accepts it (a file edited by
        hand may hold anything), else ``compute()``, then kept."""
        value = self.get(key, _MISSING)
        if value is _MISSING or not valid(value):
            value = compute()
            self.put(key, value)
        return value


def toml_data(path: Path) -> dict[str, Any]:
    """``tomllib.loads`` of the UTF-8 file at ``path``, kept in the cache as JSON under a
    hash of the file's bytes: a shipped data file (data/topics.toml, 67 KB, ~11 ms in
    tomllib) is then read with ``json`` (~1 ms), and an edited one is parsed anew. Raises
    what reading the file and tomllib raise; a table JSON cannot hold (a date) is not
    kept."""
    # deferred: --help must not load the TOML parser (tests/test_render_reuse.py)
    import tomllib

    raw = path.read_bytes()
    text = raw.decode("utf-8")
    kept = Memo(f"toml-{path.stem}", hashlib.sha256(raw).hexdigest())
    data = kept.get("data")
    if isinstance(data, dict):
        return data
    data = tomllib.loads(text)
    try:
        json.dumps(data)  # tomllib's other types are JSON's (nan and inf too)
    except TypeError:  # a date, a time
        return data
    kept.put("data", data)
    kept.save()
    return data
