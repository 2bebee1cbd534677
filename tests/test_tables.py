"""Tables never drop a column nor cut a value: they wrap in a narrow terminal, turn into
one ``header: value`` block per row where even wrapping cannot fit every column, and are
as wide as their longest row when standard output is a pipe or a file."""

from __future__ import annotations

import datetime as dt

import pytest

from letterkit import directory
from letterkit.store import Store

LIST_200 = """\
                                               Known people
┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
┃ slug     ┃ name                         ┃ born ┃ facility                                     ┃ source  ┃
┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
│ batsenin │ Баценин Александр Дмитриевич │ 1995 │ ФКУ ИК-1 УФСИН России по Сахалинской области │ shipped │
└──────────┴──────────────────────────────┴──────┴──────────────────────────────────────────────┴─────────┘
"""

LIST_80 = """\
                                  Known people
┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
┃ slug     ┃ name                   ┃ born ┃ facility                ┃ source  ┃
┡━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
│ batsenin │ Баценин Александр      │ 1995 │ ФКУ ИК-1 УФСИН России   │ shipped │
│          │ Дмитриевич             │      │ по Сахалинской области  │         │
└──────────┴────────────────────────┴──────┴─────────────────────────┴─────────┘
"""

LIST_40 = """\
Known people

slug: batsenin
name: Баценин Александр Дмитриевич
born: 1995
facility: ФКУ ИК-1 УФСИН России по
  Сахалинской области
source: shipped
"""


def _rstripped(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


FOOTER_END = "check each person's page before sending, or run 'letterkit data update'"


@pytest.mark.parametrize(
    ("columns", "expected"), [("200", LIST_200), ("80", LIST_80), ("40", LIST_40)]
)
def test_list_at_each_width(cli, monkeypatch, columns, expected):
    monkeypatch.setenv("COLUMNS", columns)
    result = cli("list")
    assert result.exit_code == 0, result.output
    assert _rstripped(result.stdout) == expected  # a centred title is padded with spaces


def test_list_piped_is_as_wide_as_its_longest_row(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS")
    result = cli("list")
    assert result.exit_code == 0, result.output
    assert _rstripped(result.stdout) == LIST_200  # 107 columns: the natural width, not 80


def _row_cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip("│┃").split("│" if line.startswith("│") else "┃")]


def test_find_piped_keeps_every_column_and_every_name(cli, monkeypatch):
    """``letterkit find ivanov | cat``: one row a line, nothing cut, every column."""
    monkeypatch.delenv("COLUMNS")
    expected = directory.find(Store().people(), "ivanov")
    result = cli("find", "ivanov")
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    assert _row_cells(header) == [
        "slug", "name", "facility", "region", "birthday", "writable", "address age",
    ]  # fmt: skip
    rows = [_row_cells(line) for line in lines if line.startswith("│ ")]
    assert len(rows) == len(expected) > 10
    for cells, p in zip(rows, expected, strict=True):
        assert cells[:4] == [
            p.slug,
            p.nominative,
            p.address.facility if p.address else "—",
            p.address.region if p.address else "—",
        ]
        assert cells[4] == (p.birth_date.isoformat() if p.birth_date else "—")
    assert lines[-1].startswith("Memorial's list of 2025-02-22, ")
    assert lines[-1].endswith(FOOTER_END)


def test_find_at_80_columns_is_one_block_per_person(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    expected = directory.find(Store().people(), "ivanov")
    result = cli("find", "ivanov")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"Found: {len(expected)}", ""]
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in result.stdout
    slugs = [line.removeprefix("slug: ") for line in lines if line.startswith("slug: ")]
    assert slugs == [p.slug for p in expected]
    p = expected[0]
    assert lines[2:9] == [
        f"slug: {p.slug}",
        f"name: {p.nominative}",
        f"facility: {p.address.facility}",
        f"region: {p.address.region}",
        f"birthday: {p.birth_date.isoformat()}",
        "writable: yes",
        f"address age: {directory.address_age(p).short()}",
    ]
    footer = lines[next(i for i, line in enumerate(lines) if line.startswith("Memorial")) :]
    assert " ".join(footer).endswith(FOOTER_END)  # whole, wrapped at spaces


def test_birthdays_at_80_columns_keeps_facility_and_region(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    found = directory.birthdays(Store().people(), dt.date(2025, 3, 1))
    result = cli("birthdays", "--date", "2025-03-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    slugs = [line.removeprefix("slug: ") for line in lines if line.startswith("slug: ")]
    assert slugs == [b.prisoner.slug for b in found]
    assert sum(line.startswith("facility: ") for line in lines) == len(found)
    assert sum(line.startswith("region: ") for line in lines) == len(found)
    b = found[0]
    assert lines[2:7] == [
        f"date: {b.date_ru}",
        f"turns: {b.age}",
        f"in days: {b.days}",
        "send by: 1 марта",  # by default the send-by dates from today on
        f"slug: {b.prisoner.slug}",
    ]
    assert f"region: {b.prisoner.address.region}" in lines[7:12]


def test_birthdays_at_200_columns_is_a_table_with_region(cli):
    result = cli("birthdays", "--date", "2025-03-01", "--within", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("┃"))
    assert _row_cells(header) == [
        "date", "turns", "in days", "send by", "slug", "name", "facility", "region",
    ]  # fmt: skip
    first = next(_row_cells(line) for line in lines if line.startswith("│ "))
    assert first == [
        "1 марта", "34", "0", "31 декабря", "husenov-alisher-hasanovich",
        "Хусенов Алишер Хасанович", "ФКУ ИК-16 УФСИН России по Мурманской области",
        "Мурманская область",
    ]  # fmt: skip


def test_list_all_is_sorted_with_whole_slugs(cli, monkeypatch):
    monkeypatch.delenv("COLUMNS")
    result = cli("list", "--all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    slugs = [_row_cells(line)[0] for line in lines if line.startswith("│ ")]
    assert slugs == sorted(p.slug for p in Store().people())
    assert "…" not in result.stdout


def test_list_all_at_40_columns_never_breaks_a_slug(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    result = cli("list", "--all")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    slugs = [line.removeprefix("slug: ") for line in lines if line.startswith("slug: ")]
    assert slugs == sorted(p.slug for p in Store().people())
    assert max(len(s) for s in slugs) > 40 - len("slug: ")  # longer than the line, kept whole


def test_find_nothing_is_an_error_with_a_hint(cli):
    result = cli("find", "zzzz")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: no one found",
        "Hint: try part of the name, or without --region/--tag/--facility",
    ]
