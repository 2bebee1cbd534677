"""``--open`` (the system viewer, through typer.launch) and the one "what next" line on stderr."""

from __future__ import annotations

import pytest
import typer

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"


@pytest.fixture
def launched(monkeypatch) -> list[str]:
    opened: list[str] = []

    def launch(url: str, *args, **kwargs) -> int:
        opened.append(url)
        return 0

    monkeypatch.setattr(typer, "launch", launch)
    return opened


def test_write_open_opens_both_pdfs(cli, launched) -> None:
    result = cli("write", "batsenin", "--open", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert launched == ["batsenin-letter.pdf", "batsenin-envelope.pdf"]


def test_without_open_nothing_is_launched(cli, launched) -> None:
    assert cli("write", "batsenin", "--date", "2026-11-25").exit_code == 0
    assert cli("batch", "batsenin", "--sender", SENDER).exit_code == 0
    assert cli("calibrate").exit_code == 0
    assert launched == []


def test_batch_open_opens_every_file_written(cli, launched) -> None:
    result = cli("batch", "batsenin", "--reply-kit", "--sender", SENDER, "-o", "kit.pdf", "--open")
    assert result.exit_code == 0, result.output
    assert launched == ["kit-envelopes-DL.pdf", "kit-reply-C6.pdf", "kit-a4.pdf"]
    dry = cli("batch", "batsenin", "--dry-run", "--open")
    assert dry.exit_code == 0 and len(launched) == 3  # a dry run writes and opens nothing


def test_calibrate_open(cli, launched) -> None:
    result = cli("calibrate", "--open", "-o", "cal.pdf")
    assert result.exit_code == 0, result.output
    assert launched == ["cal.pdf"]


def test_a_viewer_that_fails_is_one_warning(cli, monkeypatch) -> None:
    monkeypatch.setattr(typer, "launch", lambda url, *a, **k: 3)
    result = cli("calibrate", "--open", "-o", "cal.pdf")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == (
        "Warning: could not open cal.pdf in a viewer; open it yourself."
    )


def test_write_says_what_next_on_stderr(cli) -> None:
    result = cli("write", "batsenin", "--envelope", "C5", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    expected = (
        'Next: print at 100 % ("actual size", not "fit to page"); feed the C5 envelope '
        "(229 × 162 mm) by the manual or envelope tray as your printer's manual shows "
        "('letterkit calibrate' checks the position)."
    )
    assert expected in result.stderr.splitlines()
    assert "Next:" not in result.stdout
    quiet = cli("write", "batsenin", "-q", "-f")
    assert quiet.stderr == ""
    text_only = cli("write", "batsenin", "--text-only", "-f")
    assert "Next:" not in text_only.stderr  # no envelope to print


def test_batch_what_next_asks_for_stamps_on_russian_reply_envelopes(cli) -> None:
    kit = cli("batch", "batsenin", "--reply-kit", "--sender", SENDER)
    assert kit.exit_code == 0, kit.output
    assert kit.stderr.splitlines()[-1] == (
        'Next: print at 100 % ("actual size", not "fit to page"), each file on the paper the '
        "table above names. Put a stamp on each reply envelope: it is addressed to you in "
        "Russia, and the prisoner may have none."
    )
    plain = cli("batch", "batsenin", "--sender", SENDER, "-f")
    assert plain.stderr.splitlines()[-1] == (
        'Next: print at 100 % ("actual size", not "fit to page").'
    )
    abroad = cli(
        "batch", "batsenin", "--reply-kit", "--sender", "Anna Schmidt; Hauptstraße 5; 10115 Berlin",
        "--sender-country", "DE", "-o", "de.pdf",
    )  # fmt: skip
    assert abroad.exit_code == 0, abroad.output
    assert "stamp" not in abroad.stderr


def test_calibrate_instructions_on_stderr(cli) -> None:
    result = cli("calibrate")
    assert result.stdout.splitlines() == [
        "Written: letterkit-calibration.pdf (offsets in use: X +0.0 mm, Y +0.0 mm)"
    ]
    assert result.stderr == (
        "Print it at 100 %, fold it in half both ways, and read the offsets where the folds "
        "cross the scales.\n"
    )
