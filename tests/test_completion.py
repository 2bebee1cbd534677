"""Shell completion for slugs and template names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from letterkit.cli.completion import complete_slugs, complete_templates


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LETTERKIT_CONFIG_DIR", str(tmp_path / "cfg"))
    monkeypatch.setenv("LETTERKIT_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def test_slugs(user_dirs: Path) -> None:
    assert "batsenin" in complete_slugs("")
    found = complete_slugs("bats")
    assert "batsenin" in found
    assert all(s.startswith("bats") for s in found)
    assert found == sorted(set(found))
    assert complete_slugs("zzzz") == []
    mine = user_dirs / "data" / "prisoners"
    mine.mkdir(parents=True)
    (mine / "zzzz-mine.toml").write_text("not even toml [", encoding="utf-8")
    assert complete_slugs("zzzz") == ["zzzz-mine"]


def test_templates(user_dirs: Path) -> None:
    assert "first-letter" in complete_templates("")
    assert complete_templates("first") == ["first-letter"]
    mine = user_dirs / "data" / "templates"
    mine.mkdir(parents=True)
    (mine / "fond.ru.j2").write_text("{{ broken", encoding="utf-8")
    assert complete_templates("f") == ["first-letter", "fond"]


def test_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from letterkit import paths

    def boom() -> Path:
        raise RuntimeError("broken")

    monkeypatch.setattr(paths, "user_prisoners_dir", boom)
    monkeypatch.setattr(paths, "user_templates_dir", boom)
    assert complete_slugs("b") == []
    assert complete_templates("f") == []
    assert complete_slugs(None) == []  # type: ignore[arg-type]


def test_wired_into_write(user_dirs: Path) -> None:
    from letterkit.cli import make_app

    runner = CliRunner()
    result = runner.invoke(
        make_app(),
        [],
        prog_name="letterkit",
        env={
            "_LETTERKIT_COMPLETE": "complete_bash",
            "COMP_WORDS": "letterkit write bat",
            "COMP_CWORD": "2",
        },
    )
    found = result.stdout.split()
    assert "batsenin" in found
    assert all(s.startswith("bat") for s in found)
    result = runner.invoke(
        make_app(),
        [],
        prog_name="letterkit",
        env={
            "_LETTERKIT_COMPLETE": "complete_bash",
            "COMP_WORDS": "letterkit write batsenin --template new",
            "COMP_CWORD": "4",
        },
    )
    assert result.stdout.split() == ["new-year"]


def _complete(words: str, cword: int) -> list[str]:
    from letterkit.cli import make_app

    result = CliRunner().invoke(
        make_app(),
        [],
        prog_name="letterkit",
        env={"_LETTERKIT_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)},
    )
    return result.stdout.split()


def test_envelope_sizes_and_label_sheets_complete(user_dirs: Path) -> None:
    assert _complete("letterkit write batsenin --envelope ", 4) == ["DL", "C6", "C65", "C5", "C4"]
    assert _complete("letterkit write batsenin --envelope C6", 4) == ["C6", "C65"]
    sheets = _complete("letterkit batch batsenin --labels ", 4)
    assert sheets == [
        "L7160", "L7161", "L7162", "L7163", "L7165", "3x7-70x42", "3x8-70x37", "custom:",
    ]  # fmt: skip
    assert _complete("letterkit batch batsenin --labels L716", 4) == sheets[:5]


def test_label_sheets_are_the_data_files() -> None:
    """The choice list is data/labels.toml's tokens, the ones render/labels.py loads."""
    from letterkit.cli.completion import label_sheet_tokens
    from letterkit.render.labels import sheet_specs

    assert label_sheet_tokens() == list(sheet_specs())
