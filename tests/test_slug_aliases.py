"""A slug in another transliteration (ISO 9, GOST 7.79, BGN/PCGN, scientific, Memorial's
page spelling) finds the person when it names one; a name without digits is looked up
as a name before it is parsed as an address (``write``, ``show``, ``batch``)."""

from __future__ import annotations

import pytest

from letterkit import lookup
from letterkit.directory.search import alias_index, spelling_variants
from letterkit.errors import NotFoundError
from letterkit.store import Store


@pytest.mark.parametrize(
    ("surname", "expected"),
    [
        # ISO 9 / scientific: c; GOST 7.79 B and Memorial: cz; BGN/PCGN, ICAO: ts
        ("Цуркан", {"curkan", "czurkan", "tsurkan"}),
        # Memorial's own page slug for her: shhekoldina-lyudmila-ivanovna
        ("Щеколдина", {"shhekoldina", "shchekoldina", "scekoldina", "schekoldina", "sekoldina"}),
        ("Хусенов", {"husenov", "khusenov", "xusenov"}),
    ],
)
def test_spelling_variants(surname, expected):
    assert spelling_variants(surname) == expected


def test_memorial_spelling_matches_the_snapshot_ids():
    """The rule for Memorial's spelling reproduces the surname part of the page slugs
    the snapshot holds (a few pages put the first name first)."""
    store = Store()
    snapshot = list(store.snapshot_people.values())
    hits = sum(
        any(p.slug == v or p.slug.startswith(v + "-") for v in spelling_variants(p.last))
        for p in snapshot
    )
    assert hits / len(snapshot) > 0.97


@pytest.mark.parametrize("typed", ["czurkan", "curkan", "tsurkan", "czurkan-karina"])
def test_show_accepts_each_spelling(cli, typed):
    result = cli("show", typed)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Цуркан Карина Валерьевна  (czurkan-karina-valerevna)"


@pytest.mark.parametrize("typed", ["czurkan", "Цуркан"])
def test_guide_takes_the_same_spellings_and_names(cli, typed):
    result = cli("guide", typed)
    assert result.exit_code == 0, result.output
    assert "Цуркан Карина Валерьевна" in result.stdout
    assert "ФКУ ИК-1 УФСИН России по Владимирской области" in result.stdout


def test_an_ambiguous_spelling_lists_the_candidates():
    store = Store()
    slugs = alias_index(store.people())["mahmudov"]
    assert len(slugs) == 3
    with pytest.raises(NotFoundError) as err:
        lookup.find_person("mahmudov", store)
    assert str(err.value) == "'mahmudov' matches 3 people"
    assert err.value.hint == "use one of: " + ", ".join(sorted(slugs))


def test_a_real_slug_wins_over_a_spelling(cli):
    result = cli("show", "batsenin")
    assert result.stdout.splitlines()[0] == "Баценин Александр Дмитриевич  (batsenin)"


def test_an_unknown_slug_keeps_its_suggestion(cli):
    result = cli("show", "batsenim")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: no person with the slug 'batsenim'",
        "Hint: did you mean: batsenin?",
    ]


def test_write_a_surname_writes_to_that_person(cli):
    result = cli("write", "Баценин", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in cli.cwd.iterdir()) == [
        "batsenin-envelope.pdf",
        "batsenin-letter.pdf",
    ]


def test_write_a_spelling_names_the_files_as_typed(cli):
    result = cli("write", "czurkan", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in cli.cwd.iterdir()) == [
        "czurkan-envelope.pdf",
        "czurkan-letter.pdf",
    ]


def test_show_a_capitalised_slug_is_a_name(cli):
    result = cli("show", "Batsenin")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Баценин Александр Дмитриевич  (batsenin)"


def test_text_that_names_no_one_is_still_a_bad_slug(cli):
    result = cli("show", "Zzzz Qqqq")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: 'Zzzz Qqqq' is not a valid slug: use lowercase letters, digits and '-' (at most 64)"
    )


def test_show_a_name(cli):
    result = cli("show", "Махмудов Азамжон")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("(mahmudov-azamzhon-asadovich)")


def test_a_shared_surname_lists_the_candidates(cli):
    result = cli("write", "Махмудов")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 'Махмудов' matches 3 people",
        (
            "Hint: use one of: mahmudov-azamzhon-asadovich, mahmudov-shahboz-ravshanbekovich, "
            "mahmudov-tazhib-tajmirovich"
        ),
    ]
    assert not list(cli.cwd.iterdir())


def test_a_misspelt_name_suggests_the_slug(cli):
    result = cli("write", "Баценен")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: no one named 'Баценен'",
        "Hint: did you mean: batsenin?",
    ]


def test_a_line_with_a_postcode_is_still_an_address(cli):
    from conftest import SEED_LINE

    result = cli("write", SEED_LINE, "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert (cli.cwd / "batsenin-envelope.pdf").exists()


def test_the_alias_index_is_built_once_per_store(monkeypatch):
    """A batch with many unknown slugs asks for the index once per row: it is built once."""
    built = []
    real = lookup.alias_index

    def counting(people):
        built.append(1)
        return real(people)

    monkeypatch.setattr(lookup, "alias_index", counting)
    store = Store()
    for _ in range(3):
        with pytest.raises(NotFoundError):
            lookup.find_person("no-such-person", store)
    assert lookup.find_person("czurkan", store).slug == "czurkan-karina-valerevna"
    assert len(built) == 1
