"""The README documents every command, and opens with the two set-up commands CI runs."""

from __future__ import annotations

from pathlib import Path

import typer

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(command, "commands"):
            names.extend(_commands(command, f"{full} "))
        else:
            names.append(full)
    return names


def test_every_command_is_in_the_readme():
    from letterkit.cli import make_app

    root = typer.main.get_command(make_app())
    missing = [
        name for name in _commands(root) if f"`{name}" not in README and f"{name}`" not in README
    ]
    assert missing == []


def test_readme_opens_with_the_two_commands_ci_runs():
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```sh\n")[1:3]]
    assert blocks[0] == (
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && letterkit write batsenin"
    )
    assert blocks[1] == (
        "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && python -m pytest"
    )
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci


def test_readme_gives_windows_the_same_two_commands_in_powershell():
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```powershell\n")[1:3]]
    venv = r"py -m venv .venv; .venv\Scripts\python -m pip install"
    assert blocks == [
        venv + r" .; .venv\Scripts\letterkit write batsenin",
        venv + r" '.[test]'; .venv\Scripts\python -m pytest",
    ]


def test_readme_names_the_tool_installers_ci_tries():
    assert "`pipx install .` or `uv tool install .`" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "uv tool install" in ci
