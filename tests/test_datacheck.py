"""``letterkit data check``: every shipped and user record, every problem listed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from letterkit.datacheck import Problem, check_data

GOOD_PERSON = """slug = "ivanov"
last = "Иванов"
first = "Иван"
middle = "Иванович"
birth_year = 1990
facility = "ik-1-sakhalin"
checked = 2026-11-01

[[sources]]
title = "test"
"""

GOOD_FACILITY = """id = "ik-9-test"
name = "ФКУ ИК-9 УФСИН России по Сахалинской области"
type = "ИК"
postcode = "693008"
region = "Сахалинская область"
locality = "г. Южно-Сахалинск"
street = "ул. Пограничная"
house = "9"
checked = 2026-11-01

[[sources]]
title = "test"
"""


def _user(isolated_user_dirs: Path, rel: str, text: str | bytes) -> Path:
    path = isolated_user_dirs / "data" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_shipped_data_is_clean(cli) -> None:
    result = cli("data", "check")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""
    assert result.stdout.strip().endswith(": 0 problems.")


def test_good_user_records_pass(isolated_user_dirs) -> None:
    _user(isolated_user_dirs, "prisoners/ivanov.toml", GOOD_PERSON)
    _user(isolated_user_dirs, "facilities/ik-9-test.toml", GOOD_FACILITY)
    report = check_data(today=dt.date(2026, 11, 25))
    assert report.problems == []
    assert report.people >= 2 and report.facilities >= 2


def test_every_problem_is_listed(cli, isolated_user_dirs) -> None:
    data = isolated_user_dirs / "data"
    _user(isolated_user_dirs, "prisoners/broken.toml", 'slug = "broken"\nlast = "Иванов\n')
    _user(isolated_user_dirs, "prisoners/nofirst.toml", GOOD_PERSON.replace('first = "Иван"\n', "")
          .replace('"ivanov"', '"nofirst"'))  # fmt: skip
    _user(isolated_user_dirs, "prisoners/nosource.toml",
          GOOD_PERSON.split("[[sources]]")[0].replace('"ivanov"', '"nosource"'))  # fmt: skip
    _user(isolated_user_dirs, "prisoners/future.toml",
          GOOD_PERSON.replace("2026-11-01", "2027-01-01").replace('"ivanov"', '"future"'))  # fmt: skip
    _user(isolated_user_dirs, "prisoners/nofac.toml",
          GOOD_PERSON.replace("ik-1-sakhalin", "ik-99-nowhere").replace('"ivanov"', '"nofac"'))  # fmt: skip
    _user(isolated_user_dirs, "prisoners/addr.toml",
          GOOD_PERSON.replace('facility = "ik-1-sakhalin"', 'address = "г. Тверь"')
          .replace('"ivanov"', '"addr"'))  # fmt: skip
    _user(isolated_user_dirs, "facilities/ik-9-test.toml",
          GOOD_FACILITY.replace('"693008"', '"101000"'))  # fmt: skip
    _user(isolated_user_dirs, "facilities/ik-8-test.toml",
          GOOD_FACILITY.replace('"693008"', '"69300"').replace("ik-9-test", "ik-8-test"))  # fmt: skip
    report = check_data(today=dt.date(2026, 11, 25))
    p = data / "prisoners"
    f = data / "facilities"
    expected = {
        Problem(str(f / "ik-8-test.toml"), "postcode", "must be 6 digits, not '69300'"),
        Problem(
            str(f / "ik-9-test.toml"),
            "postcode",
            "postcode 101000 belongs to г. Москва, not to Сахалинская область",
        ),
        Problem(
            str(p / "broken.toml"),
            None,
            "broken TOML: Illegal character '\\n' (at line 2, column 15)",
        ),
        Problem(str(p / "nofirst.toml"), "first", "is missing"),
        Problem(
            str(p / "nosource.toml"),
            "sources",
            "is missing: every record needs at least one source",
        ),
        Problem(
            str(p / "future.toml"), "checked", "2027-01-01 is in the future (today is 2026-11-25)"
        ),
        Problem(
            str(p / "nofac.toml"),
            "facility",
            "unknown facility id 'ik-99-nowhere' (no facilities/<id>.toml with that name)",
        ),
        Problem(str(p / "addr.toml"), "address", "the recipient is missing"),
        Problem(str(p / "addr.toml"), "address", "the street or facility is missing"),
        Problem(str(p / "addr.toml"), "address", "the region is missing"),
        Problem(str(p / "addr.toml"), "address", "the postcode is missing"),
    }
    assert set(report.problems) == expected

    result = cli("data", "check")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 11 problems in the data\n"
        "Hint: fix the fields listed above, then run 'letterkit data check' again\n"
    )
    lines = result.stdout.splitlines()
    assert f"{p / 'nofirst.toml'}: first: is missing" in lines
    assert lines[-1].endswith(": 11 problems.")


def test_json_output(cli, isolated_user_dirs) -> None:
    _user(isolated_user_dirs, "prisoners/x.toml", "slug = 'x'\n")
    result = cli("data", "check", "--json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["problems"] == [
        {
            "file": str(isolated_user_dirs / "data" / "prisoners" / "x.toml"),
            "field": "last",
            "message": "is missing",
        }
    ]
    assert result.stderr.startswith("Error: 1 problem in the data\n")


def test_broken_directory_snapshot(isolated_user_dirs) -> None:
    path = _user(isolated_user_dirs, "directory/memopzk-2099-01-01.json", "{ not json")
    report = check_data(today=dt.date(2026, 11, 25))
    assert len(report.problems) == 1
    problem = report.problems[0]
    assert problem.file == str(path)
    assert problem.message.startswith("broken directory file (")


def test_directory_records_are_checked(tmp_path, isolated_user_dirs) -> None:
    """A snapshot record with a bad alias, no source page and a wrong postcode."""
    from letterkit import resources

    src = next((resources.data_dir() / "directory").glob("memopzk-*.json"))
    raw = json.loads(src.read_text(encoding="utf-8"))
    rec = next(r for r in raw["records"] if r["writable"])
    rec["aliases"] = ["../evil"]
    rec["url"] = None
    rec["address"]["postcode"] = "101000" if rec["address"]["region"] != "г. Москва" else "693008"
    raw["records"] = [rec]
    target = _user(isolated_user_dirs, "directory/memopzk-2099-01-01.json", json.dumps(raw))
    report = check_data(today=dt.date(2026, 11, 25))
    fields = sorted(p.field or "" for p in report.problems if p.file == str(target))
    assert fields == ["aliases", "postcode", "url"], report.problems


def test_glued_parts_in_directory_records_are_caught(isolated_user_dirs) -> None:
    """A house number glued before the facility, a unit before it, a building inside it,
    a facility inside the street: each is a problem naming the record and the field."""
    from letterkit import resources

    src = next((resources.data_dir() / "directory").glob("memopzk-*.json"))
    raw = json.loads(src.read_text(encoding="utf-8"))
    good = [r for r in raw["records"] if r["writable"] and r["address"]["facility"]][:4]
    glued = [
        ("facility", "12 ФКУ ИК-5 УФСИН России по Саратовской области", "starts with a number"),
        ("facility", "отряд № 8, ИК № 31 по Красноярскому краю", "starts with a unit"),
        ("facility", "ФКУ СИЗО-1 УФСИН России по Тверской области, корпус 2", "building"),
        ("street", "ул. Садовая д. 5 СИЗО-2 УФСИН России по Пермскому краю", "facility name"),
    ]
    for rec, (field, value, _words) in zip(good, glued, strict=True):
        rec["address"][field] = value
    raw["records"] = good
    target = _user(isolated_user_dirs, "directory/memopzk-2099-01-01.json", json.dumps(raw))
    report = check_data(today=dt.date(2026, 11, 25))
    found = [p for p in report.problems if p.file == str(target)]
    assert [(p.field, w in p.message) for p, (_f, _v, w) in zip(found, glued, strict=True)] == [
        (f, True) for f, _v, _w in glued
    ]
    assert found[0].message == (
        f"record '{good[0]['id']}': «12 ФКУ ИК-5 УФСИН России по Саратовской области» starts "
        "with a number: a house number glued to the facility name belongs in the house field"
    )


def test_a_unit_after_the_facility_is_no_problem(isolated_user_dirs) -> None:
    _user(isolated_user_dirs, "facilities/ik-9-test.toml",
          GOOD_FACILITY.replace("Сахалинской области", "Сахалинской области, отряд 11"))  # fmt: skip
    _user(isolated_user_dirs, "facilities/ik-7-test.toml",
          GOOD_FACILITY.replace("ik-9-test", "ik-7-test")
          .replace('name = "ФКУ', 'name = "7 ФКУ'))  # fmt: skip
    report = check_data(today=dt.date(2026, 11, 25))
    path = isolated_user_dirs / "data" / "facilities"
    assert [(p.file, p.field) for p in report.problems] == [(str(path / "ik-7-test.toml"), "name")]
