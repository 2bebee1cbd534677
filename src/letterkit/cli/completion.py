"""Shell completion for slugs and template names (typer's ``autocompletion=``).

Completion runs on every Tab press, so these functions read file names only (no TOML
parsing, no address validation, no directory snapshot unless it offers a cheap slug
list) and never raise: a broken data file must not break the user's shell.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path

from letterkit import directory, paths, resources


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
