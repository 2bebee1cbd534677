"""Standard streams that are not a UTF-8 terminal: each gives a clean, documented result.

Run as real processes (the stream set-up happens in ``letterkit.cli.main``): an encoding
without Cyrillic, a reader that goes away (``| head -1``), a full disk (/dev/full), a
closed standard input; and ``--edit`` with an editor that misbehaves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_LINE

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX streams and /dev/full")


def _env(base: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        LETTERKIT_CONFIG_DIR=str(base / "config"),
        LETTERKIT_DATA_DIR=str(base / "data"),
        LETTERKIT_LANG="en",
        PYTHONIOENCODING="utf-8",
        COLUMNS="120",
    )
    env.pop("LETTERKIT_DEBUG", None)
    env.update(extra)
    return env


def _run(tmp_path: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = kwargs.pop("env", None) or _env(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "letterkit", *args],
        cwd=tmp_path,
        env=env,
        capture_output=kwargs.pop("capture_output", True),
        timeout=600,
        check=False,
        **kwargs,
    )


def test_an_encoding_without_cyrillic_replaces_and_hints(tmp_path: Path) -> None:
    assert _run(tmp_path, "sender", "set", "Иванова Мария; г. Тверь; 170000").returncode == 0
    result = _run(tmp_path, "sender", "show", env=_env(tmp_path, PYTHONIOENCODING="cp1252"))
    assert result.returncode == 0
    shown = result.stdout.decode("cp1252").replace("\r\n", "\n")
    # the lines as saved, then what `sender set` understood (its own lines, also replaced)
    assert shown.startswith("??????? ?????\n?. ?????\n170000\nCountry: RU\nUnderstood as:\n")
    assert "Postcode: 170000\n" in shown
    assert result.stderr.decode("cp1252").splitlines() == [
        (
            "Hint: this terminal's encoding (cp1252) cannot show Russian letters; they are "
            "printed as '?'. Use a UTF-8 locale (e.g. LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8"
        )
    ]


def test_tables_in_an_ascii_terminal(tmp_path: Path) -> None:
    result = _run(tmp_path, "list", env=_env(tmp_path, PYTHONIOENCODING="ascii"))
    assert result.returncode == 0
    assert b"batsenin" in result.stdout
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(b"Hint: this terminal's encoding (ascii)")


def _closed_reader(tmp_path: Path, args: list[str], stdin=None) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "letterkit", *args],
        cwd=tmp_path,
        env=_env(tmp_path),
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    proc.wait(timeout=600)
    return proc


@POSIX
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "many.txt"
    lines.write_text((SEED_LINE + "\n") * 3000, encoding="utf-8")  # ~3 MB of JSON out
    with lines.open("rb") as stdin:
        proc = _closed_reader(tmp_path, ["address", "parse", "-"], stdin=stdin)
    assert proc.stderr is not None
    assert proc.stderr.read() == b""
    assert proc.returncode == 141  # 128 + SIGPIPE, as a shell reports a closed pipe


def test_a_reader_that_goes_away_from_a_table(cli, monkeypatch) -> None:
    """Rich's consoles: a closed pipe while a table is printed ends the run with 141.

    (In-process, with a stdout that fails as a closed pipe does: how much a real pipe
    buffers before the writer notices depends on the system.)
    """
    from letterkit.cli import output

    class ClosedPipe:
        encoding = "utf-8"

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(output, "silence_stdout", lambda: None)
    real = output._console
    monkeypatch.setattr(output, "_console", lambda **kw: real(file=ClosedPipe(), **kw))
    result = cli("list")
    assert result.exit_code == 141
    assert result.stderr == ""


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["list"], ["guide"], ["address", "parse", SEED_LINE, "--json"]])
def test_a_full_disk_on_stdout_is_one_error_line(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "letterkit", *args],
            cwd=tmp_path,
            env=_env(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=600,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "Error: cannot write to standard output: No space left on device\n"
    )


@POSIX
@pytest.mark.parametrize("args", [["address", "parse", "-"], ["check", "-"]])
def test_a_closed_stdin_is_a_clean_error(tmp_path: Path, args: list[str]) -> None:
    result = _run(tmp_path, *args, preexec_fn=lambda: os.close(0))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        "Error: standard input is closed\n"
        "Hint: redirect a file into it, e.g. '- < addresses.txt', or give the input as an "
        "argument\n"
    )


# --- --edit with an editor that misbehaves --------------------------------------------


def _editor(cli, monkeypatch, body: str) -> None:
    """EDITOR is a small Python script: ``body`` runs with ``path`` the file to edit."""
    import letterkit.editor

    script = cli.cwd / "editor.py"
    script.write_text(f"import os, sys\npath = sys.argv[1]\n{body}\n", encoding="utf-8")
    monkeypatch.setattr(letterkit.editor, "interactive", lambda: True)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")


def _written(cli) -> list[str]:
    return sorted(p.name for p in cli.cwd.iterdir() if p.suffix == ".pdf")


def test_editor_that_deletes_the_file(cli, monkeypatch) -> None:
    _editor(cli, monkeypatch, "os.remove(path)")
    result = cli("write", "batsenin", "--edit", "--date", "2026-11-25")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the edited letter was not saved (the editor removed the file); nothing was "
        "written\nHint: save the letter in the editor before closing it, or use --text FILE\n"
    )
    assert _written(cli) == []


def test_editor_that_saves_bytes_that_are_not_text(cli, monkeypatch) -> None:
    _editor(cli, monkeypatch, "open(path, 'wb').write(b'\\x81\\x98\\x00\\xff')")
    result = cli("write", "batsenin", "--edit", "--date", "2026-11-25")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the edited letter is a binary file, not text\n"
        "Hint: set the editor to save UTF-8, or write the letter in a file and use --text FILE\n"
    )
    assert _written(cli) == []


def test_editor_that_saves_windows_1251(cli, monkeypatch) -> None:
    letter = "Здравствуйте, Александр!\n\nПишу вам из Твери.\n\nМария\n"
    _editor(cli, monkeypatch, f"open(path, 'wb').write({letter.encode('cp1251')!r})")
    result = cli("write", "batsenin", "--edit", "--date", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    assert _written(cli) == ["batsenin-envelope.pdf", "batsenin-letter.pdf"]
    from pypdf import PdfReader

    text = PdfReader(str(cli.cwd / "batsenin-letter.pdf")).pages[0].extract_text()
    assert "Пишу вам из Твери." in text
