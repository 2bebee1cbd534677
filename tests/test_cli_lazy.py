"""Commands are imported when used: ``letterkit --help`` lists them from the table in
letterkit/cli/app.py (COMMANDS), which must say what the command modules register."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from letterkit import i18n
from letterkit.cli import app as cli_app
from letterkit.cli import commands, typer_i18n
from quietmain import run_main_code


def _registered(module: str) -> dict[str, str]:
    """Name → help text of what ``letterkit.cli.commands.MODULE`` registers."""
    sub = typer.Typer()
    importlib.import_module(f"letterkit.cli.commands.{module}").register(sub)
    out = {c.name: c.help for c in sub.registered_commands}
    out |= {g.name: g.typer_instance.info.help for g in sub.registered_groups}
    return out


def test_the_table_says_what_each_module_registers() -> None:
    modules = dict.fromkeys(module for module, _help in cli_app.COMMANDS.values())
    package = Path(commands.__file__).parent
    on_disk = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    assert on_disk == set(modules), "a command module missing from COMMANDS in cli/app.py"
    registered = {}
    for module in modules:
        for name, help_text in _registered(module).items():
            registered[name] = (module, help_text)
    assert registered == cli_app.COMMANDS


def _root_help(width: int, *, load_all: bool) -> str:
    root = typer.main.get_command(cli_app.make_app())
    if load_all:
        assert len(dict(root.commands.items())) == len(cli_app.COMMANDS)
    ctx = typer_i18n.Context(root, info_name="letterkit", terminal_width=width)
    return root.get_help(ctx)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [50, 80, 140])
def test_help_lists_the_commands_as_the_commands_themselves_would(lang: str, width: int) -> None:
    with i18n.language(lang):
        listed = _root_help(width, load_all=False)
        built = _root_help(width, load_all=True)
    assert listed == built
    assert "write" in listed and "birthdays" in listed


def _modules_after(*args: str) -> list[str]:
    code = run_main_code(list(args)) + (
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('letterkit.cli.commands.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_help_imports_no_command_module() -> None:
    assert _modules_after("--help") == []


def test_a_command_imports_only_its_own_module() -> None:
    assert _modules_after("write", "--help") == ["letterkit.cli.commands.write"]
    assert _modules_after("sender", "--help") == ["letterkit.cli.commands.sender"]
