"""What the sdist and the wheel carry, built here with hatchling (offline, no build isolation).

.ci/run goes further with network access: it installs the sdist in a fresh venv and runs
this suite from the unpacked sdist, and installs the wheel built from that sdist.
"""

from __future__ import annotations

import email
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("letterkit-*.whl")
    (sdist,) = out.glob("letterkit-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def _wheel_metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(zf.read(name))


def test_wheel_carries_the_licence_and_the_shipped_data(dist) -> None:
    with zipfile.ZipFile(dist["wheel"]) as zf:
        names = set(zf.namelist())
        licence = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert len(licence) == 1
        assert zf.read(licence[0]) == (ROOT / "LICENSE").read_bytes()
    assert "letterkit/_shipped/data/prisoners/batsenin.toml" in names
    assert "letterkit/locale/ru/LC_MESSAGES/letterkit.mo" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]


def test_wheel_metadata(dist) -> None:
    meta = _wheel_metadata(dist["wheel"])
    assert meta["License-Expression"] == "MIT"
    assert meta.get_all("License-File") == ["LICENSE"]
    assert meta["Author"] == "letterkit contributors"
    assert meta["Requires-Python"] == ">=3.11"
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert not [c for c in classifiers if c.startswith("License ::")]  # the expression says it
    # No invented project address: only URLs the project really has may appear.
    assert not [u for u in meta.get_all("Project-URL") or [] if "github.com/letterkit" in u]


def test_every_dependency_has_a_lower_bound(dist) -> None:
    """Each bound is one CI checked: .ci/run runs the suite on the lowest-direct set."""
    requires = _wheel_metadata(dist["wheel"]).get_all("Requires-Dist")
    assert requires
    unbounded = [r for r in requires if not re.search(r">=\s*\d", r)]
    assert unbounded == []


def test_licence_is_mit_for_letterkit_contributors() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} letterkit contributors$", text, re.M)
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_sdist_holds_what_its_own_test_run_reads(dist) -> None:
    with tarfile.open(dist["sdist"]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for needed in (
        "LICENSE",
        "README.md",
        "pyproject.toml",
        ".ci/run",  # tests/test_readme.py checks the README's test command is CI's
        ".ci/constraints.txt",
        "tests/conftest.py",
        "tests/test_readme.py",
        "data/prisoners/batsenin.toml",
        "templates/letters",
        "src/letterkit/__init__.py",
        "benchmarks/bench.py",
        "scripts/i18n.py",
    ):
        assert needed in names or any(n.startswith(needed + "/") for n in names), needed
    assert not [n for n in names if n.startswith(".venv") or "__pycache__" in n]


@pytest.mark.parametrize(
    ("urls", "expected"),
    [
        ([], None),
        (["Homepage, https://example.org/letterkit"], None),
        (
            ["Homepage, https://example.org/letterkit", "Issues, https://example.org/issues"],
            "https://example.org/issues",
        ),
    ],
)
def test_bug_line_takes_the_issues_url_from_the_project_urls(
    cli, monkeypatch, urls, expected
) -> None:
    import importlib.metadata

    from letterkit.cli import app as cli_app
    from letterkit.render import envelope

    class FakeMetadata:
        def get_all(self, key):
            return urls if key == "Project-URL" else None

    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: FakeMetadata())
    assert cli_app.bug_report_url() == expected

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(envelope.EnvelopeRenderer, "draw", explode)
    result = cli("write", "batsenin", "--date", "2026-11-25")
    assert result.exit_code == 1
    if expected:
        assert result.stderr == (
            "Bug: letterkit failed unexpectedly (RuntimeError). Please report it at "
            f"{expected}, with the command you ran but without names or addresses.\n"
        )
    else:
        assert result.stderr == (
            "Bug: letterkit failed unexpectedly (RuntimeError). Please report it on "
            "letterkit's issue tracker (where you got letterkit), with the command you ran "
            "but without names or addresses.\n"
        )
