"""Shell completion for slugs, template names, envelope sizes and label sheets (typer's
``autocompletion=``).

Completion runs on every Tab press, so these functions read file names only (no TOML
parsing, no address validation, no directory snapshot unless it offers a cheap slug
list) and never raise: a broken data file must not break the user's shell.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from letterkit import directory, paths, resources
from letterkit.render.geometry import ENVELOPE_SIZES

# `--labels custom:COLSxROWS-WxH…` (letterkit/render/labels.py reads the numbers).
CUSTOM_SHEET_PREFIX = "custom:"
# A sheet's `token = "L7160"` line in data/labels.toml: read without parsing the file.
_TOKEN_LINE = re.compile(r'^token\s*=\s*"([^"]+)"', re.M)


def _stems(folder: Path, suffix: str) -> Iterable[str]:
    try:
        for path in folder.glob(f"*{suffix}"):
            yield path.name[: -len(suffix)]
    except OSError:
        return


def _matching(candidates: Iterable[str], incomplete: str) -> list[str]:
    prefix = (incomplete or "").lower()
    return sorted({c for c in candidates if c and c.lower().startswith(prefix)})


def complete_slugs(incomplete: str) -> list[str]:
    """Known slugs starting with ``incomplete``: the user's records, the shipped ones,
    and the directory's (read cheaply, without loading the snapshot)."""
    try:
        candidates: list[str] = list(_stems(paths.user_prisoners_dir(), ".toml"))
        # No shipped data (broken install) or no directory: still offer the rest.
        with contextlib.suppress(Exception):
            candidates += _stems(resources.data_dir() / "prisoners", ".toml")
        with contextlib.suppress(Exception):
            candidates += directory.snapshot_slugs()
        return _matching(candidates, incomplete)
    except Exception:  # completion must never raise
        return []


def complete_templates(incomplete: str) -> list[str]:
    """Letter template names starting with ``incomplete`` (shipped and the user's)."""
    try:
        suffix = ".ru.j2"
        candidates = list(_stems(paths.user_templates_dir(), suffix))
        with contextlib.suppress(Exception):
            candidates += _stems(resources.letter_templates_dir(), suffix)
        return _matching(candidates, incomplete)
    except Exception:  # completion must never raise
        return []


@cache
def label_sheet_tokens() -> list[str]:
    """The label sheets of data/labels.toml, in its order (no TOML parsing: Tab must be
    fast; letterkit/render/labels.py checks the file when a sheet is printed)."""
    try:
        text = (resources.data_dir() / "labels.toml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return _TOKEN_LINE.findall(text)


def complete_envelopes(incomplete: str) -> list[str]:
    """Envelope sizes starting with ``incomplete``, in the order of render/geometry.py."""
    prefix = (incomplete or "").upper()
    return [size for size in ENVELOPE_SIZES if size.startswith(prefix)]


def complete_labels(incomplete: str) -> list[str]:
    """Label sheets starting with ``incomplete`` (and ``custom:`` for a sheet of one's own)."""
    try:
        prefix = (incomplete or "").casefold()
        candidates = [*label_sheet_tokens(), CUSTOM_SHEET_PREFIX]
        return [c for c in candidates if c.casefold().startswith(prefix)]
    except Exception:  # completion must never raise
        return []
