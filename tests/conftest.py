"""Test isolation: every test gets its own user config/data dirs and a fixed language,
and no test reaches the network.

Nothing a test does reads or writes the real home directory (platformdirs paths are
redirected with LETTERKIT_CONFIG_DIR / LETTERKIT_DATA_DIR). A socket of the test process
may connect only to the loopback interface: fixtures are served from 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

os.environ.setdefault("LETTERKIT_LANG", "en")

# Hypothesis profiles (https://hypothesis.readthedocs.io/en/latest/settings.html#settings-profiles).
# The suite must give the same answer on a busy 2-core machine as on an idle one, so no
# profile has a per-example deadline (speed is measured in benchmarks/, not here) and the
# default ones are derandomized: the README's test command runs the same examples each time.
#   default  a developer's run: fixed examples, shrinking on (a failure comes out minimal);
#   ci       selected by CI=true: fixed examples, no example database, no shrinking phase
#            (a failure is reported at once, as found, instead of ~5 minutes of shrinking);
#   explore  HYPOTHESIS_PROFILE=explore: random examples, five times as many, to hunt bugs.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("default", derandomize=True, max_examples=60, **_COMMON)
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    print_blob=True,
    **_COMMON,
)
settings.register_profile("explore", derandomize=False, max_examples=300, **_COMMON)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "default")
)


NO_NETWORK = "tests must not reach the network: a connection to {host!r} was refused"
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex


def _loopback_only(address: object) -> None:
    """Refuse an internet address (a local socket file, or 127.0.0.1, ::1, localhost, pass)."""
    if not isinstance(address, tuple) or not address or not isinstance(address[0], str):
        return
    host = address[0]
    if host == "localhost":
        return
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        ip = None  # a host name: only «localhost» is local
    if ip is not None and (ip.is_loopback or ip.is_unspecified):
        return
    raise OSError(NO_NETWORK.format(host=host))


def _guarded_connect(self: socket.socket, address: object) -> None:
    _loopback_only(address)
    return _connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _loopback_only(address)
    return _connect_ex(self, address)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(base / "data"))
    # beside the user's files, not among them: answers letterkit can compute again
    monkeypatch.setenv("LETTERKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
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

# The object `address parse --json` prints for the seed's line, retyped from the
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
