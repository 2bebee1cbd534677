"""Diagnostics on stderr, what a script captures on stdout; ``-q/--quiet`` and ``-v/--verbose``.

write, batch, import and data update: warnings, notes and letter-check findings go to
stderr, one line each; stdout holds the paths written and the tables. ``--quiet``: only
errors (and the rows skipped) on stderr, only the paths on stdout. ``--verbose``: every note.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import BATSENIN_ENVELOPE, SEED_LINE

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"
PROBLEM_LETTER = "Dear Aleksandr,\n\nI read about your case and the court.\n\nBest wishes,\nMaria"
# A published line with a sentence after the address: the parser drops it with a note.
NOTED_LINE = SEED_LINE + " Можно написать через сервисы ФСИН-письмо."


# ------------------------------------------------------------------------------ write


def test_write_stdout_is_the_summary_and_the_paths(cli):
    result = cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Letter for: Баценин Александр Дмитриевич",
        "Facility: ФКУ ИК-1 УФСИН России по Сахалинской области",
    ]
    assert all(any(line in row for row in lines) for line in BATSENIN_ENVELOPE)
    assert lines[-3:] == ["Written:", "  batsenin-letter.pdf", "  batsenin-envelope.pdf"]
    assert "Before you send it" not in result.stdout
    # the advice is a diagnostic
    assert result.stderr.splitlines()[0] == "Before you send it:"


def test_write_findings_go_to_stderr_only(cli):
    (cli.cwd / "en.txt").write_text(PROBLEM_LETTER, encoding="utf-8")
    result = cli("write", "batsenin", "--text", "en.txt", "--sender", SENDER)
    assert result.exit_code == 3
    assert "language.non-russian" in result.stderr
    assert "language.non-russian" not in result.stdout and "Letter check" not in result.stdout
    assert result.stderr.splitlines()[-1] == (
        "1 warning: the censor will probably stop this letter — see above."
    )


def test_write_quiet_prints_only_the_paths(cli):
    (cli.cwd / "en.txt").write_text(PROBLEM_LETTER, encoding="utf-8")
    result = cli("write", "batsenin", "--text", "en.txt", "-q")
    assert result.exit_code == 3  # the check still asks for attention
    assert result.stdout == "batsenin-letter.pdf\nbatsenin-envelope.pdf\n"
    assert result.stderr == ""
    long = cli("write", "batsenin", "--force", "--quiet", "--preview", "--date", "2026-11-25")
    assert long.exit_code == 0, long.output
    assert long.stdout.splitlines() == [
        "batsenin-letter.pdf",
        "batsenin-envelope.pdf",
        "batsenin-letter-1.png",
        "batsenin-envelope-1.png",
    ]


def test_write_quiet_strict_keeps_the_error(cli):
    (cli.cwd / "en.txt").write_text(PROBLEM_LETTER, encoding="utf-8")
    result = cli("write", "batsenin", "--text", "en.txt", "-q", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: nothing was written: the letter check found problems (--strict)",
        "Hint: fix the letter, or leave out --strict to write it anyway",
    ]
    assert list(cli.cwd.glob("*.pdf")) == []


def test_write_verbose_shows_the_address_notes(cli):
    plain = cli("write", NOTED_LINE, "--date", "2026-11-25", "--sender", SENDER)
    assert plain.exit_code == 0, plain.output
    assert "Note:" not in plain.stderr
    verbose = cli("write", NOTED_LINE, "--date", "2026-11-25", "--sender", SENDER, "-v", "--force")
    assert verbose.exit_code == 0, verbose.output
    notes = [line for line in verbose.stderr.splitlines() if line.startswith("Note:")]
    assert notes == ["Note: dropped trailing text: «Можно написать через сервисы ФСИН-письмо»"]
    assert "Note:" not in verbose.stdout


def test_quiet_and_verbose_together_is_a_usage_error(cli):
    result = cli("write", "batsenin", "-q", "-v")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --quiet: use either --quiet or --verbose"
    )
    assert list(cli.cwd.iterdir()) == []


def test_write_stale_address_warning_on_stderr_not_in_quiet(cli):
    # makhmudov-azamzhon's address was confirmed in early 2025: stale two years later
    stale = cli("write", "makhmudov-azamzhon", "--date", "2027-03-01", "--sender", SENDER)
    assert stale.exit_code == 0, stale.output
    warnings = [line for line in stale.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and "letterkit data update" in warnings[0]
    assert "Warning" not in stale.stdout
    quiet = cli("write", "makhmudov-azamzhon", "--date", "2027-03-01", "-q", "--force")
    assert quiet.exit_code == 0 and quiet.stderr == ""


# ------------------------------------------------------------------------------ batch


def _rows(tmp, name: str, rows: list[str]) -> str:
    (tmp / name).write_text("slug\n" + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return name


def test_batch_one_stderr_line_per_skipped_row_summary_on_stdout(cli):
    name = _rows(cli.cwd, "people.csv", ["batsenin", "nosuch", "BAD SLUG"])
    result = cli("batch", name, "--sender", SENDER, "--date", "2026-11-25")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "people.csv, row 3, column slug: no person with the slug 'nosuch'",
        "people.csv, row 4, column slug: «BAD SLUG» is not a slug",
        'Next: print at 100 % ("actual size", not "fit to page").',
    ]
    assert "nosuch" not in result.stdout
    table = " ".join(result.stdout.split())
    assert "Rows skipped │ 2" in table and "Output │ letterkit-batch.pdf" in table


def test_batch_quiet_prints_the_paths_and_the_skipped_rows(cli):
    name = _rows(cli.cwd, "people.csv", ["batsenin", "nosuch"])
    result = cli("batch", name, "-q", "--no-split")  # no sender: its warning is not shown
    assert result.exit_code == 3
    assert result.stdout == "letterkit-batch.pdf\n"
    assert result.stderr == "people.csv, row 3, column slug: no person with the slug 'nosuch'\n"


def test_batch_quiet_lists_every_split_file(cli):
    result = cli(
        "batch", "batsenin", "--reply-kit", "--sender", SENDER, "-q", "--output", "kit.pdf"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["kit-envelopes-DL.pdf", "kit-reply-C6.pdf", "kit-a4.pdf"]
    assert result.stderr == ""


def _nominative_rows(tmp, n: int) -> str:
    """n address rows whose names are published in the nominative: two notes each."""
    line = (
        "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
        "ФКУ ИК-1 УФСИН России по Сахалинской области, {name}"
    )
    names = ["Петров Иван Сергеевич", "Сидоров Павел Андреевич", "Кузнецов Олег Игоревич"]
    rows = [line.format(name=names[i % 3]) for i in range(n)]
    (tmp / "many.csv").write_text("address\n" + "".join(f'"{r}"\n' for r in rows), encoding="utf-8")
    return "many.csv"


def test_batch_notes_on_stderr_verbose_shows_all(cli):
    name = _nominative_rows(cli.cwd, 12)
    result = cli("batch", name, "--sender", SENDER, "--no-split")
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note:")]
    assert len(notes) == 20
    assert notes[0].startswith("Note: many.csv, row 2: ")
    more = result.stderr.splitlines()[-2]  # before the "what next" line
    assert more.startswith("… and ") and more.endswith(" more (--verbose shows them all)")
    hidden = int(more.split()[2])
    assert "Note" not in result.stdout
    verbose = cli("batch", name, "--sender", SENDER, "--no-split", "-v", "--force")
    assert verbose.exit_code == 0
    every = [line for line in verbose.stderr.splitlines() if line.startswith("Note:")]
    assert len(every) == 20 + hidden
    assert "more" not in verbose.stderr
    quiet = cli("batch", name, "--sender", SENDER, "--no-split", "-q", "--force")
    assert quiet.stderr == "" and quiet.stdout == "letterkit-batch.pdf\n"


def test_batch_strict_help_matches_write(cli):
    for command in ("write", "batch"):
        text = " ".join(cli(command, "--help").stdout.split())
        assert "When anything would give exit 3" in text
        assert "write nothing and exit 1." in text


# ------------------------------------------------------------------------------ import

SKIPPED_IMPORT = (
    "people.csv, row 3: this address cannot be saved because it cannot be printed: it is incomplete"
)


def test_import_quiet_and_verbose(cli, isolated_user_dirs):
    line = SEED_LINE.replace("ИК-1", "ИК-7").replace("д. 71", "д. 7")
    (cli.cwd / "people.csv").write_text(
        f'slug;address;phone\nmine;"{line} Можно написать через ZT."\nbad;not an address\n',
        encoding="utf-8",
    )
    default = cli("import", "people.csv")
    assert default.exit_code == 3
    assert default.stderr.splitlines() == [
        "Note: people.csv: ignored the columns «phone»",
        SKIPPED_IMPORT,
    ]
    saved = isolated_user_dirs / "data" / "prisoners" / "mine.toml"
    quiet = cli("import", "people.csv", "-q", "--force")
    assert quiet.exit_code == 3
    assert quiet.stdout == f"{saved}\n"
    assert quiet.stderr.splitlines() == [
        SKIPPED_IMPORT,
    ]
    verbose = cli("import", "people.csv", "-v", "--force")
    assert (
        "people.csv, row 2: Note: dropped trailing text: «Можно написать через ZT»"
        in verbose.stderr
    )


# ------------------------------------------------------------------------- data update


@pytest.fixture
def newer_list(tmp_path):
    import test_directory as td

    shipped = td.json.loads(td.shipped_file().read_text(encoding="utf-8"))
    recent = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    rows = td.source_rows(shipped)
    for row in rows:
        row["snapshot"] = recent
    return td.write_jsonl(tmp_path / "newer.jsonl", rows[:-1])


def test_data_update_quiet_prints_the_saved_path(cli, newer_list, isolated_user_dirs):
    result = cli("data", "update", str(newer_list), "--quiet")
    assert result.exit_code == 0, result.output
    [path] = result.stdout.splitlines()
    assert path.startswith(str(isolated_user_dirs / "data")) and path.endswith(".json")
    assert result.stderr == ""
