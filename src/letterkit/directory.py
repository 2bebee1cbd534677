"""The prisoner directory: Memorial's list shipped as a precomputed snapshot file.

Until a snapshot file exists under ``data/directory/``, the directory is empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from letterkit.models import Prisoner
    from letterkit.store import Store


def load_snapshot(data_dir: Path, user_dir: Path) -> dict[str, Prisoner]:
    return {}


def ambiguous_alias(store: Store, slug: str) -> list[Prisoner]:
    return []
