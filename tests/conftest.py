"""Test isolation: every test gets its own user config/data dirs and a fixed language.

Nothing a test does reads or writes the real home directory (platformdirs paths are
redirected with LETTERKIT_CONFIG_DIR / LETTERKIT_DATA_DIR).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("LETTERKIT_LANG", "en")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LETTERKIT_LANG", "en")
    monkeypatch.setenv("COLUMNS", "200")  # rich: no wrapping inside table cells
    monkeypatch.delenv("LETTERKIT_DEBUG", raising=False)
    for var in ("EDITOR", "VISUAL"):
        monkeypatch.delenv(var, raising=False)
    from letterkit import i18n

    i18n.set_language("en")
    return base


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def app():
    from letterkit.cli import make_app

    return make_app()


@pytest.fixture
def cli(runner, app, tmp_path, monkeypatch):
    """Run the CLI in a fresh working directory; returns the typer Result."""
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    invoke.cwd = Path(tmp_path)
    return invoke


SEED_LINE = (
    "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
    "ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу, "
    "1995 г. р."
)
BATSENIN_ENVELOPE = [
    "Баценину Александру Дмитриевичу, 1995 г. р.",
    "ФКУ ИК-1 УФСИН России по Сахалинской области",
    "ул. Пограничная, д. 71",
    "г. Южно-Сахалинск",
    "Сахалинская область",
    "693008",
]

# The object of cli.md § `address parse --json` for the seed's line, retyped from the
# contract (the tests must not read it from the implementation).
BATSENIN_JSON = {
    "postcode": "693008",
    "region": "Сахалинская область",
    "district": None,
    "locality": "г. Южно-Сахалинск",
    "sublocality": None,
    "street": "ул. Пограничная",
    "house": "71",
    "building": None,
    "po_box": None,
    "facility": "ФКУ ИК-1 УФСИН России по Сахалинской области",
    "recipient": {
        "dative": "Баценину Александру Дмитриевичу",
        "last": "Баценин",
        "first": "Александр",
        "middle": "Дмитриевич",
        "gender": "m",
        "birth_year": 1995,
    },
    "envelope": BATSENIN_ENVELOPE,
    "english": (
        "Aleksandr Dmitrievich Batsenin (born 1995), Penal Colony No. 1, Federal "
        "Penitentiary Service of Russia for Sakhalin Oblast, 71 Pogranichnaya Street, "
        "Yuzhno-Sakhalinsk, Sakhalin Oblast, 693008, Russia."
    ),
    "printable": True,
    "warnings": [],
    "notes": [],
}
