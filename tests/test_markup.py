"""User text is printed as typed: rich markup in it is neither applied nor an error.

Rich reads ``[red]`` as a style and fails on a closing ``[/b]`` or ``[/]`` with nothing
open. Every string a user (or a data file) supplies goes through letterkit.cli.output;
these tests feed markup into each place such a string is printed and check the exact
text on the terminal and the exit code.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import SEED_LINE

# A closing tag with nothing open, an opening tag, the short closing tag, a link.
MARKUP = "[/b][red]x[/][link=x]y"
# The same in Cyrillic, so the letter check has nothing to say about Latin script.
CYR = "[/б][/]щ"
TAGS = ["[/b]", "[red]", "[/]", "[link=x]", MARKUP]


def _clean(result) -> None:
    text = result.stdout + result.stderr
    assert "Bug:" not in text and "Traceback" not in text, text
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


def _cells(stdout: str) -> list[list[str]]:
    """Table rows as lists of stripped cells (box-drawing borders removed)."""
    rows = []
    for line in stdout.splitlines():
        if "│" in line or "┃" in line:
            rows.append([c.strip() for c in re.split("[│┃]", line)[1:-1]])
    return rows


@pytest.mark.parametrize("tag", TAGS)
def test_sender_set_and_show(cli, tag: str) -> None:
    """Markup in a return address (here in the street line: a name line must be a name)
    is printed as typed, and a saved sender with it breaks nothing later."""
    result = cli(
        "sender", "set", f"Иванова Мария Петровна; ул. {tag} Ленина, д. 1; г. Тверь; 170000"
    )
    _clean(result)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Saved your return address:\n  Иванова Мария Петровна\n"
        f"  ул. {tag} Ленина, д. 1\n  г. Тверь\n  170000\nUnderstood as:\n"
    )
    shown = cli("sender", "show")
    _clean(shown)
    assert shown.exit_code == 0
    assert shown.stdout.startswith(
        f"Иванова Мария Петровна\nул. {tag} Ленина, д. 1\nг. Тверь\n170000\nCountry: RU\n"
    )
    written = cli("batch", "batsenin", "--date", "2026-11-25")
    _clean(written)
    assert written.exit_code == 0


def _line(street_tag: str) -> str:
    return SEED_LINE.replace("ул. Пограничная", f"ул. Пограничная {street_tag}")


@pytest.mark.parametrize("tag", TAGS)
def test_address_parse_prints_the_parts_as_typed(cli, tag: str) -> None:
    result = cli("address", "parse", _line(tag))
    _clean(result)
    assert result.exit_code == 0
    assert ["street", f"ул. Пограничная {tag}"] in _cells(result.stdout)
    assert [f"ул. Пограничная {tag}, д. 71"] in _cells(result.stdout)  # the envelope panel
    assert f"71 Pogranichnaya {tag} Street" in " ".join(result.stdout.split())


@pytest.mark.parametrize("tag", [CYR, "[/]"])
def test_write_to_a_published_line_with_markup(cli, tag: str) -> None:
    result = cli("write", _line(tag), "--date", "2026-11-25")
    _clean(result)
    assert result.exit_code == 0, result.stderr
    assert [f"ул. Пограничная {tag}, д. 71"] in _cells(result.stdout)
    assert result.stdout.endswith("Written:\n  batsenin-letter.pdf\n  batsenin-envelope.pdf\n")


@pytest.mark.parametrize("name", ["[/b]", "[red]out[/]", "[link=x]y"])
def test_write_into_a_folder_named_with_markup(cli, name: str) -> None:
    (cli.cwd / name).mkdir(parents=True)  # "[/b]" is the folder "b]" in the folder "["
    result = cli("write", "batsenin", "--out-dir", name, "--date", "2026-11-25")
    _clean(result)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        f"Written:\n  {name}/batsenin-letter.pdf\n  {name}/batsenin-envelope.pdf\n"
    )
    assert sorted(p.name for p in (cli.cwd / name).iterdir()) == [
        "batsenin-envelope.pdf",
        "batsenin-letter.pdf",
    ]


LETTER = "Здравствуйте, Александр!\n\nПишу вам из Твери. {tag} Всё хорошо.\n\nС уважением, Мария\n"


@pytest.mark.parametrize("tag", TAGS)
def test_check_prints_findings_with_the_letter_text_as_typed(cli, tag: str) -> None:
    (cli.cwd / "letter.txt").write_text(LETTER.format(tag=tag), encoding="utf-8")
    result = cli("check", "letter.txt")
    _clean(result)
    placeholders = ", ".join(re.findall(r"\[[^\]]*\]", tag))
    assert result.exit_code == 3
    rows = _cells(result.stdout)
    assert [
        "3",
        "warning",
        "template.placeholder",
        f"Unfilled template field: fill it in or remove it. «{placeholders}»",
    ] in rows
    as_json = cli("check", "letter.txt", "--json")
    found = [f["text"] for f in json.loads(as_json.stdout)["findings"]]
    assert placeholders in found


def test_letter_text_with_markup_in_write(cli) -> None:
    (cli.cwd / "letter.txt").write_text(LETTER.format(tag=MARKUP), encoding="utf-8")
    result = cli("write", "batsenin", "--text", "letter.txt", "--date", "2026-11-25")
    _clean(result)
    assert "«[/b], [red], [/], [link=x]»" in result.stdout + result.stderr
    assert (cli.cwd / "batsenin-letter.pdf").exists()
    assert (cli.cwd / "batsenin-envelope.pdf").exists()


@pytest.mark.parametrize("tag", TAGS)
def test_signature_in_the_log(cli, tag: str) -> None:
    assert cli("log", "--enable").exit_code == 0
    written = cli("write", "batsenin", "--date", "2026-11-25", "--signature", f"Маша {tag}")
    _clean(written)
    assert (cli.cwd / "batsenin-letter.pdf").exists()
    result = cli("log")
    _clean(result)
    assert result.exit_code == 0
    assert [
        "2026-11-25",
        "Баценин Александр Дмитриевич",
        "batsenin",
        "first-letter",
        f"Маша {tag}",
    ] in _cells(result.stdout)


def test_log_lines_edited_by_hand(cli, isolated_user_dirs) -> None:
    """The log is the user's file: a slug or name with markup in it is shown as typed."""
    log = isolated_user_dirs / "data" / "letter-log.jsonl"
    log.parent.mkdir(parents=True)
    entry = {"slug": "[/b]", "name": "[red]Имя[/]", "date": "2026-01-02", "template": "[/]",
             "signature": "[link=x]y", "timestamp": "t", "known": False}  # fmt: skip
    log.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    result = cli("log")
    _clean(result)
    assert ["2026-01-02", "[red]Имя[/]", "[/b]", "[/]", "[link=x]y"] in _cells(result.stdout)
    due = cli("log", "--due")
    _clean(due)
    assert due.exit_code == 0
    assert _cells(due.stdout)[1][:3] == ["[red]Имя[/]", "[/b]", "2026-01-02"]


def _add(cli, tag: str) -> None:
    line = _line(tag).replace("ИК-1", "ИК-7").replace("д. 71", "д. 7")
    result = cli("add", line, "--slug", "mine")
    _clean(result)
    assert result.exit_code == 0, result.stderr
    assert ["street", f"ул. Пограничная {tag}"] in _cells(result.stdout)


@pytest.mark.parametrize("tag", TAGS)
def test_list_show_and_find_a_record_with_markup(cli, tag: str) -> None:
    _add(cli, tag)
    shown = cli("show", "mine")
    _clean(shown)
    assert shown.exit_code == 0
    assert [f"ул. Пограничная {tag}, д. 7"] in _cells(shown.stdout)
    listed = cli("list")
    _clean(listed)
    assert listed.exit_code == 0
    found = cli("find", "Баценин")
    _clean(found)
    assert found.exit_code == 0
    guide = cli("guide", "mine")
    _clean(guide)
    assert guide.exit_code == 0


@pytest.mark.parametrize("tag", TAGS)
def test_import_table(cli, tag: str) -> None:
    line = _line(tag).replace("ИК-1", "ИК-7").replace("д. 71", "д. 7")
    rows = f"slug;address\nmine;{line}\nbad;{tag} not an address\n"
    (cli.cwd / "people.csv").write_text(rows, encoding="utf-8")
    result = cli("import", "people.csv")
    _clean(result)
    assert result.exit_code == 3
    rows_shown = _cells(result.stdout)
    assert rows_shown[1][:3] == ["2", "saved", "mine"]  # the header is row 1
    assert rows_shown[2][:3] == ["3", "skipped", "bad"]


@pytest.mark.parametrize("tag", TAGS)
def test_batch_tables(cli, tag: str) -> None:
    name = f"{tag}.csv".replace("/", "-")
    (cli.cwd / name).write_text(f"slug\nbatsenin\n{tag}\n", encoding="utf-8")
    result = cli("batch", name, "--sender", f"Иванова {tag}; г. Тверь; 170000",
                 "--date", "2026-11-25")  # fmt: skip
    _clean(result)
    assert result.exit_code == 3
    rows = _cells(result.stdout)
    assert ["Output", "letterkit-batch.pdf"] in rows
    # the skipped row: one stderr line, the markup as typed
    skipped = [line for line in result.stderr.splitlines() if line.startswith(name)]
    assert len(skipped) == 1, result.stderr
    assert skipped[0].startswith(f"{name}, row 3, column slug: '{tag}' is not a valid slug")


def test_calibrate_to_a_path_with_markup(cli) -> None:
    (cli.cwd / "[").mkdir()
    result = cli("calibrate", "--output", "[/b][red]cal.pdf")
    _clean(result)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Written: [/b][red]cal.pdf (offsets in use: X +0.0 mm, Y +0.0 mm)"
    )


def test_templates_list_user_template_with_markup(cli, isolated_user_dirs) -> None:
    folder = isolated_user_dirs / "data" / "templates"
    folder.mkdir(parents=True)
    (folder / "[red]mine.ru.j2").write_text("Здравствуйте, {{ first_name }}!\n", encoding="utf-8")
    result = cli("templates")
    _clean(result)
    assert result.exit_code == 0
    assert ["[red]mine", "user", "[red]mine", ""] in _cells(result.stdout)


def test_emoji_codes_stay_as_typed(cli) -> None:
    result = cli("sender", "set", "Иванова Мария; ул. :smile: Ленина, д. 1; г. Тверь; 170000")
    assert result.stdout.splitlines()[2] == "  ул. :smile: Ленина, д. 1"
