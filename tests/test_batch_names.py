"""`batch`: rows that give only a name, matched to the directory and the user's records."""

from __future__ import annotations

import pytest

from letterkit import batch

BATSENIN_1996 = (
    "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, ФКУ ИК-1 УФСИН "
    "России по Сахалинской области, Баценину Александру Дмитриевичу, 1996 г. р."
)


@pytest.fixture
def store():
    from letterkit.store import Store

    return Store()


def _resolve(names, store):
    rows = [batch.InputRow("guests.csv", n, name=name) for n, name in enumerate(names, start=2)]
    return batch.run_batch(rows, batch.BatchJob(), store=store, dry_run=True)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Баценин Александр Дмитриевич", "batsenin"),  # «Фамилия Имя Отчество»
        ("Александр Баценин", "batsenin"),  # «Имя Фамилия»
        ("баценин александр", "batsenin"),
        ("Баценину Александру Дмитриевичу", "batsenin"),  # dative, as on an envelope
        ("Александру Баценину", "batsenin"),
        ("Баценн Александр", "batsenin"),  # one typo
        ("Муединов Яшар", "muedinov-yashar-sejfetdinovich"),
        ("Талипову Радику Азаматовичу, 1994 г. р.", "talipov-radik-azamatovich"),
    ],
)
def test_a_name_finds_its_person(name, slug, store):
    result = _resolve([name], store)
    assert [item.target.slug for item in result.items] == [slug]
    assert result.problems == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Баценин", "«Баценин»: give the surname and the first name, or a slug"),
        ("Александр Дмитриевич", None),  # no surname: not a match
        ("Бцаенн Алксандр", None),  # two typos: not a match
        ("Никтоев Никто", None),
    ],
)
def test_a_name_that_is_not_enough(name, message, store):
    with pytest.raises(batch.NothingToPrint):
        _resolve([name], store)
    rows = [
        batch.InputRow("guests.csv", 2, name=name),
        batch.InputRow("guests.csv", 3, slug="batsenin"),
    ]
    result = batch.run_batch(rows, batch.BatchJob(), store=store, dry_run=True)
    [problem] = result.problems
    assert (problem.row, problem.column) == (2, "name")
    expected = message or (
        f"nobody named «{name}» in the directory or your records — check the spelling, "
        "or give a slug or the published address"
    )
    assert problem.message == expected


def test_several_matches_list_the_candidates(tmp_path, monkeypatch):
    """A user record of the same name as a directory record: the row names both."""
    from typer.testing import CliRunner

    from letterkit.cli import make_app
    from letterkit.store import Store

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    added = runner.invoke(make_app(), ["add", BATSENIN_1996, "--slug", "batsenin-1996"])
    assert added.exit_code == 0, added.output
    guests = tmp_path / "guests.csv"
    guests.write_text("ФИО;Примечание\nБаценин Александр;друг\n", encoding="utf-8")
    rows = [*batch.read_input(guests), batch.InputRow("command line", 1, slug="talipov")]
    [problem] = batch.run_batch(rows, batch.BatchJob(), store=Store(), dry_run=True).problems
    assert (problem.source, problem.row, problem.column) == (str(guests), 2, "name")
    assert problem.message == (
        "«Баценин Александр» matches 2 people: batsenin-1996 (Баценин Александр Дмитриевич, "
        "1996); batsenin (Баценин Александр Дмитриевич, 1995); give the slug"
    )
    result = runner.invoke(make_app(), ["batch", "guests.csv", "talipov", "--dry-run"])
    assert result.exit_code == 3, result.output  # the name row skipped, talipov checked
