"""Limits (letterkit.limits): each hostile input ends in one clear error, not a hang or a bug.

Nesting depth and huge integers in every JSON/TOML letterkit reads, the size of a letter
for ``check``, the pixels of a preview, one broken user record among good ones, and a file
that cannot be read: exit 1 for every command that reads one.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
from pathlib import Path

import pytest

from conftest import SEED_LINE

DEEP = 5000
DEEP_TOML = "x = " + "[" * DEEP + "]" * DEEP + "\n"
DEEP_JSON = "[" * DEEP + "]" * DEEP
HUGE_INT = "9" * 5000


def _one_error(result) -> str:
    assert "Bug:" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ")
    assert len(lines) <= 2
    return lines[0]


# --- the guarded loaders ---------------------------------------------------------------


def test_loaders_refuse_depth_and_digits() -> None:
    from letterkit.limits import LimitExceeded, load_json, load_toml

    for bad in (DEEP_JSON, "[" * 65 + "]" * 65, '{"a":' * 70 + "1" + "}" * 70):
        with pytest.raises(LimitExceeded, match="nested more than 64 levels deep"):
            load_json(bad)
    with pytest.raises(LimitExceeded, match="nested more than 64 levels deep"):
        load_toml(DEEP_TOML)
    with pytest.raises(LimitExceeded, match="nested more than 64 levels deep"):
        load_toml("a" + ".a" * 80 + " = 1\n")  # dotted keys make tables too
    with pytest.raises(LimitExceeded, match="a number has more than 4300 digits"):
        load_json(HUGE_INT)
    with pytest.raises(LimitExceeded, match="a number has more than 4300 digits"):
        load_toml(f"x = {HUGE_INT}\n")
    assert load_json("[" * 64 + "]" * 64) is not None
    assert load_json("9" * 4300) == int("9" * 4300)


def test_deep_profile_is_a_clean_error(cli, isolated_user_dirs) -> None:
    profile = isolated_user_dirs / "config" / "profile.toml"
    profile.parent.mkdir(parents=True)
    profile.write_text(DEEP_TOML, encoding="utf-8")
    line = _one_error(cli("sender", "show"))
    assert line == (
        f"Error: {profile}: broken TOML: lists or tables are nested more than 64 levels deep"
    )
    profile.write_text(f"[printer]\noffset_x_mm = {HUGE_INT}\n", encoding="utf-8")
    assert _one_error(cli("write", "batsenin")) == (
        f"Error: {profile}: broken TOML: a number has more than 4300 digits"
    )


def test_deep_log_line_is_kept_as_a_bad_line(cli, isolated_user_dirs) -> None:
    log = isolated_user_dirs / "data" / "letter-log.jsonl"
    log.parent.mkdir(parents=True)
    log.write_text(DEEP_JSON + "\n" + HUGE_INT + "\n", encoding="utf-8")
    result = cli("log")
    assert result.exit_code == 0
    assert result.stderr == (f"Warning: 2 lines of {log} could not be read and were skipped.\n")


def test_deep_jsonl_rows_in_batch(cli) -> None:
    rows = [json.dumps({"slug": "batsenin"}), '{"slug": ' + DEEP_JSON + "}", HUGE_INT]
    (cli.cwd / "rows.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("batch", "rows.jsonl", "--date", "2026-11-25")
    # a line over the limits is a bad row, skipped and named; the good rows print
    assert result.exit_code == 3, result.output
    assert "Bug:" not in result.stderr and "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("rows.jsonl")]
    assert [line.split(":")[0] for line in skipped] == ["rows.jsonl, row 2", "rows.jsonl, row 3"]
    assert "lists or tables are nested more than 64" in skipped[0]


def test_deep_snapshot_update_is_a_clean_error(cli) -> None:
    (cli.cwd / "new.jsonl").write_text('{"a": ' + DEEP_JSON + "}\n", encoding="utf-8")
    line = _one_error(cli("data", "update", "new.jsonl"))
    assert line == "Error: new.jsonl, line 1: lists or tables are nested more than 64 levels deep"


def test_deep_user_snapshot_file_is_a_clean_error(cli, isolated_user_dirs) -> None:
    import datetime as dt

    from letterkit.directory import snapshot

    folder = isolated_user_dirs / "data" / snapshot.DIRECTORY
    folder.mkdir(parents=True)
    newer = folder / snapshot.snapshot_file_name(dt.date(2099, 1, 1))  # newer than shipped
    newer.write_text('{"format": 1, "x": ' + DEEP_JSON + "}", encoding="utf-8")
    line = _one_error(cli("find", "Баценин"))
    assert line == (
        f"Error: {newer}: broken directory file (lists or tables are nested more than 64 "
        "levels deep)"
    )


def test_data_update_reads_its_own_files_and_answers_with_the_limits(tmp_path) -> None:
    """The state and staging files of data update, a REST page and data/sources.toml go
    through the guarded loaders: over a limit is a clean error or "no state", never a
    RecursionError."""
    from letterkit.errors import DataError
    from letterkit.update.memorial import LayoutChanged, parse_rest_page
    from letterkit.update.run import read_state
    from letterkit.update.sources import load_sources

    folder = tmp_path / "directory"
    folder.mkdir()
    (folder / "update-state.json").write_text('{"a": ' + DEEP_JSON + "}", encoding="utf-8")
    assert read_state(tmp_path) == {}  # a damaged state only makes the next run fuller
    with pytest.raises(LayoutChanged, match="nested more than 64 levels deep"):
        parse_rest_page(DEEP_JSON.encode(), "rest")
    with pytest.raises(LayoutChanged, match="more than 4300 digits"):
        parse_rest_page(("[" + HUGE_INT + "]").encode(), "rest")
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.toml").write_text(DEEP_TOML, encoding="utf-8")
    with pytest.raises(DataError, match="nested more than 64 levels deep"):
        load_sources(data)


# --- check: the size of a letter -------------------------------------------------------


def test_check_refuses_a_file_larger_than_a_letter(cli) -> None:
    (cli.cwd / "big.txt").write_text("Здравствуйте! " * 80_000, encoding="utf-8")  # ~2 MB
    line = _one_error(cli("check", "big.txt"))
    assert line == "Error: big.txt is larger than 1000 kB: not a letter"
    line = _one_error(cli("check", "-", input="а" * 600_000))
    assert line == "Error: standard input is larger than 1000 kB: not a letter"


def test_write_text_refuses_a_file_larger_than_a_letter(cli) -> None:
    (cli.cwd / "big.txt").write_text("Здравствуйте! " * 80_000, encoding="utf-8")  # ~2 MB
    result = cli("write", "batsenin", "--text", "big.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: big.txt is larger than 1000 kB: not a letter",
        "Hint: check that this is the right file; a letter of four pages is about 10 kB",
    ]
    assert not list(cli.cwd.glob("*.pdf"))


# --- preview: pixels -------------------------------------------------------------------


def test_preview_refuses_a_page_too_large_to_render(cli) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(cli.cwd / "poster.pdf"), pagesize=(14400, 14400))
    pdf.drawString(10, 10, "x")
    pdf.showPage()
    pdf.save()
    result = cli("preview", "poster.pdf", "--dpi", "600")
    assert _one_error(result) == (
        "Error: page 1 of poster.pdf at 600 dpi would be 120000 × 120000 pixels, "
        "more than the 40 million a preview may have"
    )
    assert result.stderr.splitlines()[1] == "Hint: use --dpi 31 or lower"
    assert sorted(p.name for p in cli.cwd.iterdir()) == ["poster.pdf"]


# --- one broken user record ------------------------------------------------------------


def test_a_broken_user_record_is_skipped_and_reported(cli, isolated_user_dirs) -> None:
    assert cli("add", SEED_LINE.replace("ИК-1", "ИК-7"), "--slug", "mine").exit_code == 0
    broken = isolated_user_dirs / "data" / "prisoners" / "broken.toml"
    broken.write_text('slug = "broken\n', encoding="utf-8")
    warning = (
        f"Warning: skipped {broken}: broken TOML: Illegal character '\\n' (at line 1, "
        "column 15); fix or delete the file ('letterkit data check' lists every problem)\n"
    )
    listed = cli("list")
    assert listed.exit_code == 0
    assert listed.stderr == warning
    assert "mine" in listed.stdout and "batsenin" in listed.stdout
    written = cli(
        "write",
        "mine",
        "--date",
        "2026-11-25",
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    assert written.exit_code == 0
    # after the advice the letter gets (stderr too), once
    assert written.stderr.endswith(warning) and written.stderr.count("Warning:") == 1
    found = cli("find", "Баценин")
    assert found.exit_code == 0
    assert found.stderr == warning
    checked = cli("data", "check")
    assert checked.exit_code == 1
    assert str(broken) in checked.stdout


def test_a_broken_shipped_record_is_still_an_error(tmp_path) -> None:
    from letterkit.errors import DataError
    from letterkit.store import Store

    (tmp_path / "prisoners").mkdir()
    (tmp_path / "prisoners" / "x.toml").write_text("slug = [\n", encoding="utf-8")
    with pytest.raises(DataError):
        Store(data_dir=tmp_path, user_dir=tmp_path / "user").get("x")


# --- a file that cannot be read: exit 1 everywhere -------------------------------------


@pytest.fixture
def unreadable(monkeypatch):
    """Call it to make opening any file named ``locked.*`` fail as it does without read
    permission (the tests may run as root, who reads everything)."""
    real = builtins.open

    def refusing(file, *args, **kwargs):
        if Path(str(file)).name.startswith("locked."):
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real(file, *args, **kwargs)

    def enable() -> None:
        monkeypatch.setattr(builtins, "open", refusing)
        monkeypatch.setattr(io, "open", refusing)

    return enable


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("write", "batsenin", "--text", "locked.txt"), "locked.txt"),
        (("check", "locked.txt"), "locked.txt"),
        (("import", "locked.csv"), "locked.csv"),
        (("preview", "locked.pdf"), "locked.pdf"),
        (("batch", "locked.csv"), "locked.csv"),
    ],
)
def test_an_unreadable_file_is_exit_1(cli, unreadable, args, name) -> None:
    (cli.cwd / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"slug\nbatsenin\n")
    unreadable()
    result = cli(*args)
    line = _one_error(result)
    assert name in line
    assert "Permission denied" in line
    assert not (cli.cwd / "batsenin-letter.pdf").exists()
