"""The prisoner directory: conversion, records, search, aliases, random,
birthdays, staleness warnings and ``data update``.

The conversion tests rebuild Memorial's JSON Lines from the committed directory file
(every source field is kept there), so they need no file outside the repository.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import random
import re
from pathlib import Path

import pytest

from letterkit import dates, directory, resources
from letterkit.address.format import envelope_lines
from letterkit.errors import InputError, NotFoundError
from letterkit.recordstore import ambiguous_alias
from letterkit.store import Store

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = dt.date(2025, 2, 22)


def shipped_file() -> Path:
    files = sorted((resources.data_dir() / "directory").glob("memopzk-*.json"))
    assert len(files) == 1, files
    return files[0]


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads(shipped_file().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people() -> dict:
    """The shipped snapshot loaded the way the store loads it (no user snapshot)."""
    return directory.load_snapshot(resources.data_dir(), Path("/nonexistent-user-dir"))


def source_rows(data: dict) -> list[dict]:
    """Memorial's JSON Lines rows, rebuilt from the directory file."""
    return [
        {
            "id": r["memorial_id"],
            "name": r["name"],
            "born": r["born"],
            "address_text": r["address_text"],
            "articles": r["articles"],
            "tags": r["tags"],
            "source_url": r["url"],
            "snapshot": data["snapshot"],
        }
        for r in data["records"]
    ]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def counts_of(records: list[dict]) -> dict:
    reasons: dict[str, int] = {}
    for r in records:
        if not r["writable"]:
            key = r["problem"].split(":", 1)[0]
            reasons[key] = reasons.get(key, 0) + 1
    return {
        "records": len(records),
        "with_address": sum(1 for r in records if r["address_text"]),
        "printable": sum(1 for r in records if r["printable"]),
        "writable": sum(1 for r in records if r["writable"]),
        "not_writable": reasons,
    }


# ----------------------------------------------------------------- conversion counts


def test_script_report_matches_the_file_it_writes(shipped, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location(
        "import_memorial", ROOT / "scripts" / "import_memorial.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    source = write_jsonl(tmp_path / "memopzk-2025-02-22.jsonl", source_rows(shipped))
    out_dir = tmp_path / "out"
    assert script.main([str(source), "--out", str(out_dir)]) == 0
    report = capsys.readouterr().out
    written = json.loads((out_dir / "memopzk-2025-02-22.json").read_text(encoding="utf-8"))
    counts = counts_of(written["records"])
    assert written["counts"] == counts

    def number(label: str) -> int:
        return int(re.search(rf"^{label}:\s+(\d+)$", report, re.MULTILINE).group(1))

    assert number("records") == counts["records"] == 827  # data README
    assert number("with address") == counts["with_address"] == 681
    assert number("printable") == counts["printable"]
    assert number("writable") == counts["writable"]
    assert number("not writable") == 827 - counts["writable"]
    for reason, n in counts["not_writable"].items():
        assert re.search(rf"^\s+{n}\s+{re.escape(reason)}$", report, re.MULTILINE), reason
    # every record that cannot be written to is named in the report
    for r in written["records"]:
        if not r["writable"]:
            assert r["id"] in report
    # the same source converts to the same records
    assert [r["id"] for r in written["records"]] == [r["id"] for r in shipped["records"]]
    # and the committed file is what the current parser makes of it (not stale)
    stale = [a["id"] for a, b in zip(written["records"], shipped["records"], strict=True) if a != b]
    assert stale == [], "run: python scripts/import_memorial.py (the parser changed)"


def test_committed_file_is_consistent(shipped):
    records = shipped["records"]
    assert shipped["format"] == directory.FORMAT
    assert shipped["snapshot"] == SNAPSHOT.isoformat()
    assert shipped["counts"] == counts_of(records)
    assert shipped["counts"]["records"] == 827
    assert shipped["counts"]["with_address"] == 681
    assert shipped["counts"]["writable"] > 600
    assert shipped["counts"]["not_writable"]["no address published"] == 827 - 681
    for r in records:
        assert r["url"].startswith("https://memopzk.org/figurant/")
        assert r["writable"] == (r["problem"] is None)
        assert not r["writable"] or r["printable"]
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    aliases = [a for r in records for a in r["aliases"]]
    assert len(set(aliases)) == len(aliases)
    assert not set(aliases) & set(ids)


# ------------------------------------------------------------ records, field by field

M, F = "m", "f"
# slug: (last, first, middle, gender, born, status, writable, aliases, address or problem)
# address: (dative, birth_year, postcode, region, district, locality, sublocality,
#           street, house, building, facility)
EXPECTED = {
    # Moscow, trailing sentence about e-letter services, «(предположительный)»
    "buslov-gennadij-pavlovich": ("Буслов", "Геннадий", "Павлович", M, "1971-11-30", "custody",
        True, ["buslov"], ("Буслову Геннадию Павловичу", 1971, "109382", "г. Москва", None,
        "г. Москва", None, "ул. Верхние поля", "57", None, "ФКУ СИЗО-7 ГУФСИН России по г. Москве")),
    # one of two Кригер: surname + first name alias, ё kept on the envelope
    "kriger-artyom-pavlovich": ("Кригер", "Артём", "Павлович", M, "2001-01-09", "custody", True,
        ["kriger-artem"], ("Кригеру Артёму Павловичу", 2001, "107996", "г. Москва", None,
        "г. Москва", None, "ул. Матросская тишина", "18", None,
        "ФКУ СИЗО-1 УФСИН России по г. Москве")),
    # one of three Махмудов; «д. 13 А» → 13А
    "mahmudov-azamzhon-asadovich": ("Махмудов", "Азамжон", "Асадович", M, "1994-11-02",
        "custody", True, ["makhmudov-azamzhon"], ("Махмудову Азамжону Асадовичу", 1994,
        "674500", "Забайкальский край", None, "п. Оловянная", None, "ул. Дзержинского", "13А",
        None, "ФКУ ИК-7 УФСИН России по Забайкальскому краю")),
    # «ЯНАО» → official region name; house without «д.»
    "salimov-artur-raulevich": ("Салимов", "Артур", "Раулевич", M, "1986-09-05", "custody", True,
        ["salimov"], ("Салимову Артуру Раулевичу", 1986, "629400",
        "Ямало-Ненецкий автономный округ", None, "г. Лабытнанги", None, "ул. Северная", "33",
        None, "ФКУ ИК-8 УФСИН России по ЯНАО")),
    # two-word name, «р. п.» settlement, district
    "idrisov-rafis": ("Идрисов", "Рафис", None, M, "1971-03-08", "custody", True, ["idrisov"],
        ("Идрисову Рафису", 1971, "625530", "Тюменская область", "Тюменский район",
        "рп. Винзили", None, "ул. Вокзальная", "3", None,
        "ФКУ СИЗО-4 УФСИН России по Тюменской области")),
    # psychiatric hospital, birth date in the address, no status tag but «карательная психиатрия»
    "onoshkin-aleksej-vladimirovich": ("Оношкин", "Алексей", "Владимирович", M, "1990-03-29",
        "psychiatric", True, ["onoshkin"], ("Оношкину Алексею Владимировичу", 1990, "607610",
        "Нижегородская область", "Богородский р-н", "п. Комсомольский", None, "ул. Больничная",
        "1", None, "ГБУЗ НО «НОПНБ № 3», отделение 3")),
    # psychiatric hospital, Latin «c.» for село, no street
    "rudenko-timofej-aleksandrovich": ("Руденко", "Тимофей", "Александрович", M, "1992-12-09",
        "psychiatric", True, ["rudenko"], ("Руденко Тимофею Александровичу", 1992, "142370",
        "Московская область", "Чеховский р-н", "с. Троицкое", None, None, "5", None,
        "ГБУЗ «ПКБ № 5 ДЗМ»")),
    # оглы; region inferred from the postcode
    "melikov-ilkin-shafi-ogly": ("Меликов", "Илькин", "Шафи оглы", M, "1995-08-14", "custody",
        True, ["melikov"], ("Меликову Илькину Шафи оглы", 1995, "620024",
        "Свердловская область", None, "г. Екатеринбург", None, "ул. Елизаветинское шоссе", "19",
        None, "ФКУ СИЗО-5 ГУФСИН России по Свердловской области")),
    # оглы; one of two Абдуллаев
    "abdullaev-uzeir-rza-ogly": ("Абдуллаев", "Узеир", "Рза оглы", M, "1974-04-30", "custody",
        True, ["abdullaev-uzeir"], ("Абдуллаеву Узеиру Рза оглы", 1974, "453256",
        "Республика Башкортостан", None, "г. Салават", None, None, None, None,
        "ФКУ ИК-16 УФСИН России по Республике Башкортостан")),
    # a woman with a surname that does not decline
    "miholap-oksana-sergeevna": ("Михолап", "Оксана", "Сергеевна", F, "1974-07-24", "custody",
        True, ["mikholap-oksana"], ("Михолап Оксане Сергеевне", 1974, "607683",
        "Нижегородская область", "Кстовский район", "пос. Дружный", None, None, None, None,
        "ФКУ СИЗО-2 ГУФСИН России по Нижегородской области")),
    # a woman, adjectival surname
    "navalnaya-irina-sergeevna": ("Навальная", "Ирина", "Сергеевна", F, "1998-01-26", "custody",
        True, ["navalnaya"], ("Навальной Ирине Сергеевне", 1998, "346408", "Ростовская область",
        None, "г. Новочеркасск", None, "ул. Украинская", "1", None,
        "ФКУ СИЗО-3 ГУФСИН России по Ростовской области")),
    # a woman with her former surname in brackets on the page
    "karelina-kseniya-pavlovna": ("Карелина", "Ксения", "Павловна", F, "1991-12-13", "custody",
        True, ["karelina"], ("Карелиной Ксении Павловне", 1991, "454047", "Челябинская область",
        None, "г. Челябинск", None, "ул. Сталеваров", "10", None,
        "ФКУ ИК-5 ГУФСИН России по Челябинской области")),
    # hyphenated first name; the address omits the patronymic
    "kuku-emir-usein-kemalovich": ("Куку", "Эмир-Усеин", "Кемалович", M, "1976-06-26", "custody",
        True, ["kuku"], ("Куку Эмир-Усеину", 1976, "453256", "Республика Башкортостан", None,
        "г. Салават", None, None, None, None, "ФКУ ИК-16 ГУФСИН России по Республике Башкортостан")),
    # hyphenated patronymic; no address published
    "halidov-yasin-muhmad-emievich": ("Халидов", "Ясин", "Мухмад-Эмиевич", M, "2003-07-14",
        "unknown", False, ["khalidov"], "no address published"),
    # the address is published under the other name given in brackets
    "dzhumaev-sajd-muhamad-sajd-ahmadovich-marhiev-mikail-mihajlovich": ("Джумаев",
        "Сайд-Мухамад", "Сайд-Ахмадович", M, "2000-01-15", "custody", True, ["dzhumaev"],
        ("Мархиеву Микаилу Михайловичу", 2000, "393265", "Тамбовская область",
        "Рассказовский р-н", "п. Зелёный", None, "ул. Центральная", "6", None,
        "ФКУ ИК-3 УФСИН России по Тамбовской области")),
    # name published in the nominative → declined
    "mustafaev-farid-ramazanovich": ("Мустафаев", "Фарид", "Рамазанович", M, "1987-07-08",
        "custody", True, ["mustafaev-farid"], ("Мустафаеву Фариду Рамазановичу", 1987, "429900",
        "Чувашская Республика — Чувашия", None, "Цивильск", None, "ул. Северная", "13", None,
        "ФКУ ИК-9 УФСИН России по Чувашской Республике")),
    # no street: «г. Ставрополь-44»
    "mamutov-enver-shevketovich": ("Мамутов", "Энвер", "Шевкетович", M, "1975-08-28", "custody",
        True, ["mamutov"], ("Мамутову Энверу Шевкетовичу", 1975, "355044", "Ставропольский край",
        None, "г. Ставрополь-44", None, None, None, None,
        "ФКУ ИК-11 УФСИН России по Ставропольскому краю")),
    # St Petersburg with Колпино as the part of the city
    "muravyov-igor": ("Муравьёв", "Игорь", "Владимирович", M, "1963-07-05", "custody", True,
        ["muravev"], ("Муравьёву Игорю Владимировичу", 1963, "196655", "г. Санкт-Петербург",
        None, "г. Санкт-Петербург", "Колпино", "ул. Колпинская", "9", None,
        "ФКСУ СИЗО-1 УФСИН России по Санкт-Петербургу и Ленинградской области")),
    # no status tag, but a СИЗО address: writable; «стр. 1»
    "glushkin-aleksandr-lvovich": ("Глушкин", "Александр", "Львович", M, "1969-05-04", "unknown",
        True, ["glushkin"], ("Глушкину Александру Львовичу", 1969, "196655",
        "г. Санкт-Петербург", None, "г. Санкт-Петербург", None, "ул. Колпинская", "9", "стр. 1",
        "ФКУ СИЗО-1 УФСИН России по г. Санкт-Петербургу и Ленинградской области")),
    # «Адрес уточняется» with the name only: no usable address
    "abuzarova-parvinahan-okilzhonovna": ("Абузарова", "Парвинахан", "Окилжоновна", F,
        "1992-10-07", "custody", False, ["abuzarova"], "address incomplete"),
    # a postcode of another region: never guessed
    "muhametov-batyr-radikovich": ("Мухаметов", "Батыр", "Радикович", M, "1990-12-30", "custody",
        False, ["mukhametov-batyr"], "address invalid"),
    # «Адрес колонии уточняется. Предыдущий адрес (СИЗО): …» — an old address is not used
    "naumov-artyom-yurevich": ("Наумов", "Артём", "Юрьевич", M, "1990-03-20", "custody", False,
        ["naumov"], "address not current"),
    # under house arrest, no patronymic: gender from the surname
    "abbozov-seityaga": ("Аббозов", "Сейтяга", None, M, "1957-03-07", "house-arrest", False,
        ["abbozov"], "no address published"),
}  # fmt: skip


def test_enough_hand_checked_records():
    assert len(EXPECTED) >= 20


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_record_field_by_field(people, slug):
    last, first, middle, gender, born, status, writable, aliases, where = EXPECTED[slug]
    p = people[slug]
    assert (p.slug, p.last, p.first, p.middle, p.gender) == (slug, last, first, middle, gender)
    assert p.birth_date == dt.date.fromisoformat(born)
    assert p.birth_year == int(born[:4])
    assert (p.status, p.writable, p.aliases) == (status, writable, aliases)
    assert (p.origin, p.snapshot, p.checked) == ("snapshot", SNAPSHOT, SNAPSHOT)
    assert p.sources[0].url == f"https://memopzk.org/figurant/{slug}/"
    if writable:
        a = p.address
        r = a.recipient
        got = (r.dative, r.birth_year, a.postcode, a.region, a.district, a.locality,
               a.sublocality, a.street, a.house, a.building, a.facility)  # fmt: skip
        assert got == where
        assert a.printable
        assert envelope_lines(a)[0] == f"{where[0]}, {where[1]} г. р."
        assert envelope_lines(a)[-1] == where[2]
    else:
        assert p.address is None
        assert any(where in note for note in p.notes), p.notes


def test_other_names_are_kept_and_searchable(people):
    p = people["karelina-kseniya-pavlovna"]
    assert "Name on Memorial's page: Карелина (Хавана) Ксения Павловна" in p.notes
    store = Store()
    assert [q.slug for q in directory.find(store.people(), "Хавана")] == [p.slug]
    assert directory.find(store.people(), "Markhiev")[0].slug.startswith("dzhumaev-")


def test_status_from_tags():
    assert directory.status_of(["в заключении", "идёт суд"]) == "custody"
    assert directory.status_of(["идёт суд", "под домашним арестом"]) == "house-arrest"
    assert directory.status_of(["в заключении", "карательная психиатрия"]) == "psychiatric"
    assert directory.status_of(["принудительные работы"]) == "forced-labour"
    assert directory.status_of(["ограничение свободы"]) == "restricted"
    assert directory.status_of(["ожидание суда"]) == "on-trial"
    assert directory.status_of(["Москва"]) == "unknown"


def _row(i: int, address: str | None, tags: list[str], name: str = "Иванов Иван Иванович"):
    return {
        "id": str(i), "name": name, "born": "1980", "address_text": address,
        "articles": [], "tags": tags, "snapshot": "2026-11-01",
        "source_url": f"https://memopzk.org/figurant/person-{i}/",
    }  # fmt: skip


def test_conversion_never_guesses():
    good = (
        "431120, Республика Мордовия, Зубово-Полянский р-н, п. Явас, ул. Ленина, д. 1, "
        "ФКУ ИК-5 УФСИН России по Республике Мордовия, Иванову Ивану Ивановичу, 1980 г. р."
    )
    no_postcode = good.removeprefix("431120, ")
    conversion = directory.convert_rows(
        [
            _row(1, good, ["в заключении"]),
            _row(2, no_postcode, ["в заключении"]),
            _row(3, good, ["под домашним арестом"]),
            _row(4, None, ["в заключении"]),
            _row(5, "ул. Ленина, д. 1, г. Тверь", ["идёт суд"]),
        ],
        "test.jsonl",
    )
    by_id = {r["id"]: r for r in conversion.records}
    assert by_id["person-1"]["writable"]
    assert by_id["person-1"]["gender"] == "m"
    assert by_id["person-2"]["problem"].startswith("address incomplete")
    assert "postcode" in by_id["person-2"]["problem"]
    assert by_id["person-2"]["address"]["postcode"] is None  # not filled in
    assert by_id["person-3"]["printable"] and not by_id["person-3"]["writable"]
    assert by_id["person-3"]["problem"] == "status house-arrest: under house arrest"
    assert by_id["person-4"]["problem"] == "no address published"
    assert not by_id["person-5"]["writable"]
    assert [u[0] for u in conversion.unusable] == [f"person-{i}" for i in (2, 3, 4, 5)]
    assert conversion.counts["writable"] == 1
    # five Ивановы: no bare surname alias for anyone
    assert all("ivanov" not in r["aliases"] for r in conversion.records)


def test_bad_snapshot_rows_are_rejected(tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", [_row(1, None, []), {"id": "2", "name": "X"}])
    with pytest.raises(InputError, match="row 2"):
        directory.convert_file(bad)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": 1}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        directory.convert_file(broken)


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("batsenin", "batsenin"),
        ("Баценин", "batsenin"),
        ("Баценен", "batsenin"),  # one typo, Cyrillic
        ("batsenn", "batsenin"),  # one typo, Latin
        ("Навальная", "navalnaya-irina-sergeevna"),
        ("Navalnaja", "navalnaya-irina-sergeevna"),  # one typo, Latin
        ("Нафальная Ирина", "navalnaya-irina-sergeevna"),
        ("Melikov Ilkin", "melikov-ilkin-shafi-ogly"),
        ("Кригер Артем", "kriger-artyom-pavlovich"),  # ё/е
    ],
)
def test_find_by_name(query, slug):
    found = directory.find(Store().people(), query)
    assert found, query
    assert found[0].slug == slug


def test_find_filters_and_cli(cli):
    store = Store()
    mahmudov = {p.slug for p in directory.find(store.people(), "Махмудов")}
    assert {
        "mahmudov-azamzhon-asadovich",
        "mahmudov-shahboz-ravshanbekovich",
        "mahmudov-tazhib-tajmirovich",
    } <= mahmudov
    in_tyumen = directory.find(store.people(), "Махмудов", region="Тюменская")
    assert [p.slug for p in in_tyumen] == ["mahmudov-shahboz-ravshanbekovich"]
    in_ik7 = directory.find(store.people(), "makhmudov", facility="ИК-7")
    assert [p.slug for p in in_ik7] == ["mahmudov-azamzhon-asadovich"]
    psychiatric = directory.find(store.people(), "", tag="карательная психиатрия")
    assert "onoshkin-aleksej-vladimirovich" in {p.slug for p in psychiatric}
    assert directory.find(store.people(), "Qwertyuiop") == []

    result = cli("find", "Баценен")
    assert result.exit_code == 0, result.output
    assert "batsenin" in result.stdout and "Баценин" in result.stdout
    result = cli("find", "Makhmudov", "--region", "Забайкальский")
    assert result.exit_code == 0
    assert "mahmudov-azamzhon-asadovich" in result.stdout
    assert "yes" in result.stdout
    assert "2025-02-22" in result.stdout  # the table says how old the data is
    assert cli("find", "Гаевский").stdout.count(" no ") >= 1


# -------------------------------------------------------------------------- aliases


def test_unique_alias_and_handmade_record_win():
    store = Store()
    assert store.get("navalnaya").slug == "navalnaya-irina-sergeevna"
    assert store.get("makhmudov-azamzhon").slug == "mahmudov-azamzhon-asadovich"
    assert store.get("batsenin").origin == "shipped"


def test_ambiguous_alias_lists_candidates(cli):
    store = Store()
    candidates = [p.slug for p in ambiguous_alias(store, "makhmudov")]
    assert candidates == [
        "mahmudov-azamzhon-asadovich",
        "mahmudov-shahboz-ravshanbekovich",
        "mahmudov-tazhib-tajmirovich",
    ]
    with pytest.raises(NotFoundError, match="matches 3 people"):
        store.get("makhmudov")
    result = cli("write", "makhmudov")
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert error == "Error: 'makhmudov' matches 3 people"
    assert hint == "Hint: use one of: " + ", ".join(candidates)
    assert not list(cli.cwd.iterdir())  # nothing written


def test_write_batsenin_does_not_load_the_snapshot(cli, monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("the directory snapshot was loaded")

    monkeypatch.setattr(directory, "load_snapshot", boom)
    result = cli("write", "batsenin", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output


def test_snapshot_loads_every_record():
    loaded = directory.load_snapshot(resources.data_dir(), Path("/nonexistent-user-dir"))
    assert len(loaded) == 827


def test_snapshot_slugs_for_completion():
    slugs = directory.snapshot_slugs()
    assert "mahmudov-azamzhon-asadovich" in slugs and "makhmudov-azamzhon" in slugs
    assert "navalnaya" in slugs


# --------------------------------------------------------------------------- random


def test_random_only_writable():
    store = Store()
    writable = {p.slug for p in store.people() if p.writable}
    picked = directory.random_people(store.people(), 1000, rng=random.Random(1), written=set())
    assert len(picked) == len(writable)
    assert {p.slug for p in picked} == writable
    assert all(p.writable and p.address.printable for p in picked)
    for seed in range(20):
        (one,) = directory.random_people(store.people(), 1, rng=random.Random(seed), written=set())
        assert one.writable


def test_random_prefers_people_not_written_to():
    store = Store()
    writable = sorted(p.slug for p in store.people() if p.writable)
    written = set(writable[:-5])
    picked = directory.random_people(store.people(), 5, rng=random.Random(2), written=written)
    assert sorted(p.slug for p in picked) == writable[-5:]
    more = directory.random_people(store.people(), 8, rng=random.Random(2), written=written)
    assert len(more) == 8 and {p.slug for p in more} >= set(writable[-5:])
    region = directory.random_people(store.people(), 3, region="Тюменская", written=set())
    assert all("Тюмен" in p.address.region for p in region)


def test_random_reads_the_letter_log(cli):
    from letterkit import letterlog

    letterlog.record_letter("batsenin", "Баценин Александр Дмитриевич", dt.date(2026, 11, 1),
                            template=None, signature=None)  # fmt: skip
    assert "batsenin" in letterlog.written_slugs()
    result = cli("random", "--n", "3")
    assert result.exit_code == 0, result.output
    assert "memopzk.org" in result.stdout


# ------------------------------------------------------------------------ birthdays


def test_birthdays_across_the_new_year(cli):
    store = Store()
    found = directory.birthdays(store.people(), dt.date(2026, 12, 20), within_days=30)
    by_slug = {b.prisoner.slug: b for b in found}
    # born 5 January 1992: 16 days ahead, turns 35
    stepanov = by_slug["stepanov-daniil-vladimirovich"]
    assert stepanov.date == dt.date(2027, 1, 5)
    assert (stepanov.days, stepanov.age, stepanov.date_ru) == (16, 35, "5 января")
    assert by_slug["zharkov-oleg-vladimirovich"].date == dt.date(2026, 12, 21)
    assert all(0 <= b.days <= 30 for b in found)
    assert all(b.prisoner.writable for b in found)
    assert [b.date for b in found] == sorted(b.date for b in found)
    assert "mahmudov-azamzhon-asadovich" not in by_slug  # 2 November

    targets = directory.birthday_targets(store.people(), 30, dt.date(2026, 12, 20))
    assert [p.slug for p in targets] == [b.prisoner.slug for b in found]

    january = directory.birthdays(store.people(), dt.date(2026, 11, 25), month=1)
    assert stepanov.prisoner.slug in {b.prisoner.slug for b in january}
    assert all(b.date.year == 2027 and b.date.month == 1 for b in january)

    result = cli("birthdays", "--within", "30", "--from", "2026-12-20")
    assert result.exit_code == 0, result.output
    assert "5 января" in result.stdout and "stepanov-daniil-vladimirovich" in result.stdout
    assert cli("birthdays", "--within", "3", "--month", "1").exit_code == 2


def test_leap_day_birthday():
    assert dates.birthday_in(dt.date(2000, 2, 29), 2027) == dt.date(2027, 2, 28)
    assert dates.birthday_in(dt.date(2000, 2, 29), 2028) == dt.date(2028, 2, 29)


# ------------------------------------------------------------------- staleness, show


def test_age_in_months():
    assert directory.age_in_months(SNAPSHOT, dt.date(2025, 8, 21)) == 5
    assert directory.age_in_months(SNAPSHOT, dt.date(2025, 8, 22)) == 6
    assert directory.age_in_months(SNAPSHOT, dt.date(2026, 11, 25)) == 21


def test_show_prints_page_snapshot_and_old_data_warning(cli):
    result = cli("show", "mahmudov-azamzhon-asadovich", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Page: https://memopzk.org/figurant/mahmudov-azamzhon-asadovich/" in out
    assert "Snapshot: 2025-02-22" in out
    assert "Address confirmed: 2025-02-22, 641 days (21 months) ago" in out
    [warning] = result.stderr.splitlines()
    assert warning.startswith("Warning: this address was last confirmed on 2025-02-22, 641 days")
    assert "https://memopzk.org/figurant/mahmudov-azamzhon-asadovich/" in warning
    assert warning.endswith("or run 'letterkit data update'")
    shown = cli("show", "batsenin", "--date", "2026-11-25")  # hand-made: no snapshot lines
    assert "Snapshot:" not in shown.stdout
    assert "Address confirmed: 2026-11-25, 0 days ago" in shown.stdout
    assert shown.stderr == ""


def test_write_prints_the_old_data_warning_and_still_writes(cli):
    result = cli(
        "write",
        "makhmudov-azamzhon",
        "--date",
        "2026-11-25",
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert "641 days (21 months) ago" in warning and "letterkit data update" in warning
    assert (cli.cwd / "makhmudov-azamzhon-envelope.pdf").exists()
    fresh = cli(
        "write",
        "makhmudov-azamzhon",
        "--date",
        "2025-03-01",
        "--force",
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    assert fresh.exit_code == 0, fresh.output
    assert "last confirmed" not in fresh.stderr  # 7 days old on that --date


def test_write_refuses_a_record_without_usable_address(cli):
    result = cli("write", "naumov")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: there is no usable postal address")


# ---------------------------------------------------------------------- data update


def test_data_update_takes_precedence_and_leaves_the_shipped_file(shipped, cli, tmp_path):
    before = hashlib.sha256(shipped_file().read_bytes()).hexdigest()
    recent = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    rows = source_rows(shipped)
    for row in rows:
        row["snapshot"] = recent
    newer = write_jsonl(tmp_path / "newer.jsonl", rows[:400])
    refused = cli("data", "update", str(newer))  # fewer than half of the list in use
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "Error: newer.jsonl lists 400 people, fewer than half of the 827 in the list in use"
    )
    newer = write_jsonl(tmp_path / "newer.jsonl", rows[:-1])
    result = cli("data", "update", str(newer))
    assert result.exit_code == 0, result.output
    assert f"Imported Memorial's list of {recent}: 827 people" in result.stdout
    gone = shipped["records"][-1]["id"]
    assert f"released or removed │ {gone}" in " ".join(result.stdout.split())
    assert hashlib.sha256(shipped_file().read_bytes()).hexdigest() == before
    store = Store()
    assert len(store.snapshot_people) == 827
    assert not store.get(gone).writable
    p = store.get("buslov")
    assert p.snapshot.isoformat() == recent and p.writable
    shown = cli("show", "buslov")
    assert f"Snapshot: {recent}" in shown.stdout
    assert "Address confirmed: " + recent + ", 10 days ago" in shown.stdout
    assert "last confirmed" not in shown.stderr  # fresh data


def test_data_update_rejects_bad_or_older_files(shipped, cli, tmp_path):
    missing = cli("data", "update", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1
    assert missing.stderr.startswith("Error: the file")
    rows = source_rows(shipped)[:3]
    for row in rows:
        row["snapshot"] = "2024-01-01"
    older = cli("data", "update", str(write_jsonl(tmp_path / "old.jsonl", rows)))
    assert older.exit_code == 1
    assert "older than the one letterkit ships" in older.stderr
    rows[1]["born"] = "in spring"
    bad = cli("data", "update", str(write_jsonl(tmp_path / "bad.jsonl", rows)))
    assert bad.exit_code == 1 and "row 2" in bad.stderr
    assert Store().get("buslov").snapshot == SNAPSHOT  # nothing was imported
