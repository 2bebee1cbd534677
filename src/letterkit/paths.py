"""User directories (platformdirs). Tests redirect them with environment variables.

``LETTERKIT_CONFIG_DIR`` and ``LETTERKIT_DATA_DIR`` override the platform defaults;
all user files stay inside these two directories.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "letterkit"


def user_config_dir() -> Path:
    override = os.environ.get("LETTERKIT_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def user_data_dir() -> Path:
    override = os.environ.get("LETTERKIT_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def profile_path() -> Path:
    return user_config_dir() / "profile.toml"


def user_prisoners_dir() -> Path:
    return user_data_dir() / "prisoners"


def user_facilities_dir() -> Path:
    return user_data_dir() / "facilities"


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"
