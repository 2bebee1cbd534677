"""User directories (platformdirs). Tests redirect them with environment variables.

``LETTERKIT_CONFIG_DIR`` and ``LETTERKIT_DATA_DIR`` override the platform defaults;
all user files stay inside these two directories. ``LETTERKIT_CACHE_DIR`` overrides the
cache directory, which holds only answers letterkit can compute again (letterkit/memo.py).

Guest mode (``LETTERKIT_GUEST=1``, or ``--guest``, for a laptop shared at a
letter-writing evening): the directories are inside a fresh temporary directory of this
process, deleted when it ends, so a guest neither sees the last writer's return
address, log and records nor leaves their own behind.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "letterkit"
GUEST_ENV = "LETTERKIT_GUEST"
_guest_home: Path | None = None


def is_guest() -> bool:
    """Whether this process saves nothing (``LETTERKIT_GUEST`` set to 1/true/yes/on)."""
    return os.environ.get(GUEST_ENV, "").strip().casefold() in {"1", "true", "yes", "on"}


def _guest_dir() -> Path:
    global _guest_home
    if _guest_home is None or not _guest_home.is_dir():
        _guest_home = Path(tempfile.mkdtemp(prefix="letterkit-guest-"))
        atexit.register(shutil.rmtree, _guest_home, ignore_errors=True)
    return _guest_home


def enter_guest() -> Callable[[], None]:
    """Guest mode for the rest of this command (``--guest``); returns the function that
    ends it (restores the environment and deletes the guest directory)."""
    before = os.environ.get(GUEST_ENV)
    os.environ[GUEST_ENV] = "1"

    def leave() -> None:
        global _guest_home
        if before is None:
            os.environ.pop(GUEST_ENV, None)
        else:
            os.environ[GUEST_ENV] = before
        if _guest_home is not None:
            shutil.rmtree(_guest_home, ignore_errors=True)
            _guest_home = None

    return leave


def user_config_dir() -> Path:
    if is_guest():
        return _guest_dir() / "config"
    override = os.environ.get("LETTERKIT_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    if is_guest():
        return _guest_dir() / "data"
    override = os.environ.get("LETTERKIT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """Where letterkit keeps answers it can compute again (deleting it costs only time)."""
    if is_guest():
        return _guest_dir() / "cache"
    override = os.environ.get("LETTERKIT_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def profile_path() -> Path:
    return user_config_dir() / "profile.toml"


def user_prisoners_dir() -> Path:
    return user_data_dir() / "prisoners"


def user_facilities_dir() -> Path:
    return user_data_dir() / "facilities"


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"
