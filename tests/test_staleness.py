"""Every address knows its age: ``address_seen``, the grading by data/staleness.toml, and
the warning ``write``/``show`` print, the count ``batch`` prints and the age ``find`` shows."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from letterkit import directory, resources
from letterkit.models import Address, Prisoner, Source
from letterkit.store import Store

TODAY = dt.date(2026, 11, 25)
SIZO = "ФКУ СИЗО-1 УФСИН России по г. Москве"
PFRSI = "ПФРСИ при ФКУ ИК-2 УФСИН России по Республике Мордовия"
COLONY = "ФКУ ИК-7 УФСИН России по Республике Карелия"
HOSPITAL = "ФКУЗ МСЧ-7 ФСИН России"
PAGE = "https://memopzk.org/figurant/ivanov-ivan-ivanovich/"


def person(facility: str, days_old: int) -> Prisoner:
    return Prisoner(
        slug="ivanov-ivan-ivanovich",
        last="Иванов",
        first="Иван",
        middle="Иванович",
        gender="m",
        birth_year=1980,
        sources=[Source(title="Political Prisoners. Memorial: Иванов Иван Иванович", url=PAGE)],
        checked=TODAY - dt.timedelta(days=days_old),
        address=Address(postcode="101000", facility=facility, printable=True),
        address_seen=TODAY - dt.timedelta(days=days_old),
        address_source=PAGE,
        origin="snapshot",
    )


@pytest.mark.parametrize(
    ("facility", "days", "stale"),
    [
        (SIZO, 60, False),
        (SIZO, 61, True),
        (PFRSI, 61, True),  # a ПФРСИ inside a colony is pre-trial detention
        ("ФКУ ИВС ОМВД России по г. Сочи", 61, True),
        (COLONY, 90, False),
        (COLONY, 180, False),
        (COLONY, 181, True),
        (HOSPITAL, 181, True),
        ("ФКУ ИКС-1", 61, False),  # not the word ИК… nor СИЗО
    ],
)
def test_grading(facility, days, stale):
    age = directory.address_age(person(facility, days), TODAY)
    assert age is not None and age.days == days
    assert age.stale is stale


def test_the_limits_and_rates_are_data_with_their_source():
    raw = tomllib.loads((resources.data_dir() / "staleness.toml").read_text(encoding="utf-8"))
    assert raw["any_max_days"] == 180
    pretrial, colony = raw["kind"]
    assert pretrial["words"] == ["СИЗО", "ПФРСИ", "ИВС"] and pretrial["max_days"] == 60
    assert pretrial["monthly_move_rate"] == 0.125 and colony["monthly_move_rate"] == 0.018
    assert "17 and 22 February 2025" in raw["source"] and "30 March 2025" in raw["source"]


def test_warning_text_names_age_share_page_and_update():
    sizo = directory.stale_warning(person(SIZO, 61), TODAY)
    assert sizo == (
        "this address was last confirmed on 2026-09-25, 61 days (2 months) ago; about 24 % "
        "of addresses in pre-trial detention change in that time: check "
        f"{PAGE} before sending, or run 'letterkit data update'"
    )
    assert directory.stale_warning(person(COLONY, 90), TODAY) is None
    colony = directory.stale_warning(person(COLONY, 640), TODAY)
    assert "640 days (21 months) ago; about 32 % of addresses in a colony" in colony
    other = directory.stale_warning(person(HOSPITAL, 181), TODAY)
    assert "about 28 % of addresses change in that time" in other


def test_no_address_no_age():
    p = person(SIZO, 400)
    p.address = None
    assert directory.address_age(p, TODAY) is None
    assert directory.stale_warning(p, TODAY) is None


def test_every_record_carries_address_seen_and_its_source():
    store = Store()
    for p in store.snapshot_people.values():
        assert p.address_seen == dt.date(2025, 2, 22)
        assert p.address_source == p.sources[0].url and p.address_source.startswith(
            "https://memopzk.org/figurant/"
        )
    batsenin = store.get("batsenin")
    assert batsenin.address_seen == batsenin.checked == dt.date(2026, 11, 25)


def test_a_hand_made_record_may_give_address_seen(tmp_path, isolated_user_dirs):
    folder = isolated_user_dirs / "data" / "prisoners"
    folder.mkdir(parents=True)
    (folder / "petrov.toml").write_text(
        'slug = "petrov"\nlast = "Петров"\nfirst = "Пётр"\nchecked = 2026-11-01\n'
        "address_seen = 2026-03-01\n"
        'address = "101000, г. Москва, ул. Лесная, д. 1, ФКУ СИЗО-1, Петрову Петру"\n'
        '[[sources]]\ntitle = "t"\nurl = "https://memopzk.org/figurant/petrov/"\n',
        encoding="utf-8",
    )
    p = Store().get("petrov")
    assert p.address_seen == dt.date(2026, 3, 1)
    assert p.address_source == "https://memopzk.org/figurant/petrov/"


def test_write_batsenin_stays_quiet(cli):
    result = cli(
        "write",
        "batsenin",
        "--date",
        "2026-11-25",
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr


def test_write_counts_to_the_date_given(cli):
    old = cli(
        "write",
        "makhmudov-azamzhon",
        "--date",
        "2026-11-25",
        "--no-log",
        "--sender",
        "Иванова Мария Петровна; ул. Ленина, д. 1; г. Тверь; 170000",
    )
    warnings = [line for line in old.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1, old.stderr
    assert "last confirmed on 2025-02-22, 641 days (21 months) ago" in warnings[0]
    assert "https://memopzk.org/figurant/mahmudov-azamzhon-asadovich/" in warnings[0]


def test_show_warns_on_stderr_once(cli):
    result = cli("show", "makhmudov-azamzhon", "--date", "2025-09-01")  # 191 days
    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith("Warning: this address was last confirmed on 2025-02-22, 191 days")
    assert "Warning" not in result.stdout


def test_find_shows_the_age(cli):
    result = cli("find", "Махмудов Азамжон")
    assert result.exit_code == 0, result.output
    today = dt.date.today()
    months = directory.age_in_months(dt.date(2025, 2, 22), today)
    assert "address age" in result.stdout
    assert f"{months} mo" in result.stdout


def test_batch_counts_old_addresses(cli):
    result = cli("batch", "makhmudov-azamzhon", "batsenin", "--dry-run", "--date", "2026-11-25")
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "Old addresses" in line)
    assert "│ 1 (check the pages, or run 'letterkit data update')" in line
    fresh = cli("batch", "batsenin", "--dry-run", "--date", "2026-11-25")
    assert "Old addresses" not in fresh.stdout


def test_newer_directory_address_wins_over_a_hand_made_one(isolated_user_dirs):
    """A directory the user updated that confirms another address later than the hand-made
    record's ``checked`` date: the directory's address is used."""
    import json

    shipped = json.loads(
        next((resources.data_dir() / "directory").glob("memopzk-*.json")).read_text("utf-8")
    )
    rec = dict(next(r for r in shipped["records"] if r["writable"]))
    rec.update(
        id="batsenin-aleksandr-dmitrievich",
        name="Баценин Александр Дмитриевич",
        last="Баценин",
        first="Александр",
        middle="Дмитриевич",
        born="1995",
        aliases=[],
        url="https://memopzk.org/figurant/batsenin-aleksandr-dmitrievich/",
        address_seen="2026-11-30",
    )
    folder = isolated_user_dirs / "data" / "directory"
    folder.mkdir(parents=True)
    data = {**shipped, "snapshot": "2026-11-30", "records": [rec]}
    (folder / "memopzk-2026-11-30.json").write_text(json.dumps(data), encoding="utf-8")
    p = Store().get("batsenin")
    assert p.address_seen == dt.date(2026, 11, 30)
    assert p.address.facility == rec["address"]["facility"]
    assert p.address_source == rec["url"]
    rec["address_seen"] = "2026-11-20"  # older than the hand-made record's check
    data["records"] = [rec]
    (folder / "memopzk-2026-11-30.json").write_text(json.dumps(data), encoding="utf-8")
    assert Store().get("batsenin").address.facility.startswith("ФКУ ИК-1")


def test_without_data_update_there_is_no_user_directory(tmp_path: Path):
    assert not directory.has_user_snapshot(tmp_path)
    (tmp_path / "directory").mkdir()
    (tmp_path / "directory" / "memopzk-2026-11-30.json").write_text("{}", encoding="utf-8")
    assert directory.has_user_snapshot(tmp_path)
