"""`letterkit address parse`, `add`: exact JSON, exit codes, saved records that work."""

from __future__ import annotations

import json

from conftest import BATSENIN_ENVELOPE, BATSENIN_JSON, SEED_LINE

PERM = (
    "614990, г. Пермь, ул. Островского, д. 9, ФКУ СИЗО-1 ГУФСИН России по Пермскому краю, "
    "Иванову Ивану Петровичу, 1980 г.р."
)


def test_parse_json_matches_contract(cli):
    result = cli("address", "parse", SEED_LINE, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == BATSENIN_JSON


def test_parse_table_shows_envelope_and_english(cli):
    result = cli("address", "parse", SEED_LINE)
    assert result.exit_code == 0
    for line in BATSENIN_ENVELOPE:
        assert line in result.stdout
    assert "Penal Colony No. 1" in result.stdout
    assert "Printable." in result.stdout


def test_parse_unprintable_exits_3(cli):
    result = cli("address", "parse", "Баценину Александру Дмитриевичу", "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["printable"] is False
    assert {w["code"] for w in data["warnings"]} >= {"missing-postcode"}


INITIALS = SEED_LINE.replace("Баценину Александру Дмитриевичу", "Баценину А. Д.")
INITIALS_REASON = (
    "only initials are given: prisons identify people by full name and birth year; "
    "find the full name (e.g. on the person's page)"
)


def test_parse_initials_only_says_why_it_cannot_be_printed(cli):
    result = cli("address", "parse", INITIALS)
    assert result.exit_code == 3
    out = " ".join(result.stdout.split())
    assert INITIALS_REASON in out
    assert "Not printable: see the warnings." in out  # nothing is missing
    assert "something required is missing" not in out


def test_add_refuses_initials_only_with_the_reason(cli, isolated_user_dirs):
    result = cli("add", INITIALS)
    assert result.exit_code == 1
    assert INITIALS_REASON in " ".join(result.stderr.split())
    assert not (isolated_user_dirs / "data").exists()


def test_parse_stdin_writes_json_lines(cli):
    result = cli("address", "parse", "-", input=f"{SEED_LINE}\n\n{PERM}\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["postcode"] for r in rows] == ["693008", "614990"]
    assert rows[1]["recipient"]["last"] == "Иванов"


def test_parse_empty_is_an_error(cli):
    result = cli("address", "parse", "   ")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "Error: the address is empty"


def test_add_then_write_and_show(cli):
    result = cli("add", PERM, "--source", "https://example.org/ivanov")
    assert result.exit_code == 0, result.output
    assert "Saved as 'ivanov'" in result.stdout
    shown = cli("show", "ivanov")
    assert shown.exit_code == 0
    assert "Иванову Ивану Петровичу, 1980 г. р." in shown.stdout
    assert "ФКУ СИЗО-1 ГУФСИН России по Пермскому краю" in shown.stdout
    assert "https://example.org/ivanov" in shown.stdout
    assert "ivanov" in cli("list").stdout
    written = cli("write", "ivanov", "--date", "2026-11-25")
    assert written.exit_code == 0, written.output
    assert (cli.cwd / "ivanov-envelope.pdf").exists()


def test_add_twice_needs_force(cli):
    assert cli("add", PERM).exit_code == 0
    again = cli("add", PERM)
    assert again.exit_code == 1
    assert (
        again.stderr.splitlines()[1]
        == "Hint: choose another name with --slug, or replace it with --force"
    )
    assert cli("add", PERM, "--force").exit_code == 0


def test_add_reuses_a_known_facility(cli, isolated_user_dirs):
    assert cli("add", SEED_LINE, "--slug", "batsenin-copy").exit_code == 0
    facilities = isolated_user_dirs / "data" / "facilities"
    assert not facilities.exists() or list(facilities.iterdir()) == []


def test_add_refuses_a_bad_slug(cli, isolated_user_dirs):
    result = cli("add", PERM, "--slug", "../evil")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("Error: '../evil' is not a valid slug")
    assert not (isolated_user_dirs / "data").exists()


def test_user_record_takes_precedence(cli):
    assert cli("add", PERM, "--slug", "batsenin", "--force").exit_code == 0
    assert "Иванову Ивану Петровичу" in cli("show", "batsenin").stdout


def test_import_csv_reports_each_row(cli):
    csv = cli.cwd / "people.csv"
    csv.write_text(
        f"адрес;источник\n{PERM};https://example.org/ivanov\nБаценину Александру Дмитриевичу;\n",
        encoding="utf-8",
    )
    result = cli("import", str(csv))
    assert result.exit_code == 3, result.output
    assert "saved" in result.stdout and "skipped" in result.stdout
    assert "ivanov" in result.stdout
    assert "https://example.org/ivanov" in cli("show", "ivanov").stdout


def test_add_source_must_be_a_web_address(cli, isolated_user_dirs):
    result = cli("add", PERM, "--source", "javascript:alert(1)")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: the source 'javascript:alert(1)' is not a web address",
        "Hint: give the page the address comes from, starting with https:// or http://",
    ]
    assert not (isolated_user_dirs / "data" / "prisoners").exists()


def test_add_says_only_what_blocks_printing(cli):
    """The reasons come from address.validate.blocking_reasons: the missing postcode,
    not the birth year (a warning that never blocks)."""
    line = (
        "г. Южно-Сахалинск, ул. Пограничная, д. 71, "
        "ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу"
    )
    result = cli("add", line)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: this address cannot be saved because it cannot be printed: "
        "the postcode is missing\n"
        "Hint: check the line against the person's page and try again\n"
    )


UNKNOWN_POSTCODE = "999999, Москва, ул. Тверская, д. 1, Козлову Ивану Ивановичу, 1980 г. р."
UNKNOWN_REASON = "postcode 999999 belongs to no known region"


def test_a_postcode_of_no_region_blocks_printing_everywhere(cli, isolated_user_dirs):
    """`address parse`, `add`, `batch` and `data check` refuse it with the same message."""
    result = cli("address", "parse", UNKNOWN_POSTCODE, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["printable"] is False
    assert [w["message"] for w in data["warnings"]] == [UNKNOWN_REASON]

    result = cli("add", UNKNOWN_POSTCODE)
    assert result.exit_code == 1
    assert UNKNOWN_REASON in " ".join(result.stderr.split())

    result = cli("batch", UNKNOWN_POSTCODE, "--dry-run")
    assert result.exit_code != 0
    assert UNKNOWN_REASON in " ".join(result.stdout.split())

    person = isolated_user_dirs / "data" / "prisoners" / "kozlov.toml"
    person.parent.mkdir(parents=True)
    person.write_text(
        'slug = "kozlov"\nlast = "Козлов"\nfirst = "Иван"\nmiddle = "Иванович"\n'
        f'birth_year = 1980\naddress = "{UNKNOWN_POSTCODE}"\nchecked = 2026-11-01\n\n'
        '[[sources]]\ntitle = "test"\n',
        encoding="utf-8",
    )
    result = cli("data", "check")
    assert result.exit_code == 1
    assert f"{person}: address: {UNKNOWN_REASON}" in result.stdout.splitlines()
