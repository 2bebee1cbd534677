"""``letterkit data update`` online, end to end against a local fake of Memorial's site
and Telegram preview (tests/test_update_fixtures.py): first update, incremental update,
a Telegram announcement before the page, refusals that keep the data, 429, offline,
Ctrl-C, 304, and ``data status``."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json

import pytest

from letterkit.store import Store
from test_update_fixtures import (
    Person,
    Post,
    install_directory,
    serve,
    shipped_records,
    site_from,
)

FAST = ("--delay", "0")
AFTER = dt.datetime(2025, 3, 5, 10, 0, tzinfo=dt.UTC)  # after the snapshot of 2025-02-22
SIZO_LINE = (
    "420000, Республика Татарстан, г. Казань, ул. Петрова, д. 1, ФКУ СИЗО-2 УФСИН России "
    "по Республике Татарстан, {dative}, {year} г. р."
)


@pytest.fixture
def user_data(isolated_user_dirs):
    return isolated_user_dirs / "data"


@pytest.fixture
def records():
    """30 people from the shipped list, writable ones first: the directory in use."""
    _data, all_records = shipped_records()
    writable = [r for r in all_records if r["writable"] and r["born"]][:25]
    others = [r for r in all_records if not r["writable"]][:5]
    return copy.deepcopy(writable + others)


def dative(rec) -> str:
    from letterkit.names import to_dative

    return to_dative(rec["last"], rec["first"], rec["middle"], rec["gender"])


@pytest.fixture
def site(httpserver, monkeypatch, user_data, records):
    install_directory(user_data, records)
    return serve(httpserver, monkeypatch, site_from(records))


def directory_file(user_data):
    [path] = sorted((user_data / "directory").glob("memopzk-*.json"))
    return path


def digest(user_data) -> str:
    return hashlib.sha256(directory_file(user_data).read_bytes()).hexdigest()


def move_release_add(site, moved: dict, released: dict) -> None:
    """On the fake site: ``moved`` to a SIZO, ``released`` off the list, one new person
    (novikov-test) — the changes `data update` reports."""
    site.people[moved["id"]].address_text = SIZO_LINE.format(
        dative=dative(moved), year=moved["born"][:4]
    )
    site.people[moved["id"]].modified = AFTER
    site.people[released["id"]].listed = False
    site.people["novikov-test"] = Person(
        id="99999",
        slug="novikov-test",
        name="Новиков Пётр Сергеевич",
        born="1990-05-01",
        tags=["в заключении", "реальный срок"],
        articles=["280.3"],
        address_text=SIZO_LINE.format(dative="Новикову Петру Сергеевичу", year=1990),
        modified=AFTER,
    )


def test_first_update_shows_what_changed(cli, site, records, user_data):
    moved, unpublished, released = records[0], records[1], records[2]
    move_release_add(site, moved, released)
    site.people[unpublished["id"]].address_text = None
    site.people[unpublished["id"]].modified = AFTER
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "What changed" in out
    assert "new on the list │ novikov-test" in out
    assert f"moved │ {moved['id']}" in out and "ФКУ СИЗО-2 УФСИН России по Республике" in out
    assert f"released or removed │ {released['id']}" in out
    assert f"address no longer published │ {unpublished['id']}" in out
    assert "1 new, 1 moved, 1 released or removed, 1 address no longer published" in out
    # robots.txt of both hosts, 2 lists, 1 index page, 2 changed pages, the new person
    # (?p=ID → its page: 2 requests), the Telegram preview
    assert "3 pages read in 10 requests" in out
    assert sorted(site.pages_requested()) == sorted(
        [f"/figurant/{moved['id']}/", f"/figurant/{unpublished['id']}/", "/figurant/novikov-test/"]
    )
    store = Store()
    p = store.get(moved["id"])
    assert p.address.facility.startswith("ФКУ СИЗО-2")
    assert p.address_seen == dt.date.today()
    assert not store.get(released["id"]).writable
    assert store.get("novikov-test").writable
    # everyone still listed whose page did not change is confirmed today
    assert store.get(records[3]["id"]).address_seen == dt.date.today()
    shipped = next(iter(sorted(user_data.glob("directory/memopzk-*.json"))))
    assert shipped.name == f"memopzk-{dt.date.today().isoformat()}.json"


def test_incremental_update_fetches_only_the_changed_page(cli, site, records):
    assert cli("data", "update", *FAST).exit_code == 0
    site.log.clear()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    site.people[records[4]["id"]].modified = later
    site.people[records[4]["id"]].tags = [*records[4]["tags"], "апелляция в суде"]
    result = cli("data", "update", *FAST, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert site.pages_requested() == [f"/figurant/{records[4]['id']}/"]
    assert report["pages_fetched"] == 1
    rest = [p for p in site.log if p.startswith("/wp-json/")]
    assert len(rest) == 1 and "modified_after=" in rest[0]


def test_telegram_announces_a_move_before_the_page(cli, site, records):
    person = records[5]
    line = SIZO_LINE.format(dative=dative(person), year=person["born"][:4])
    site.posts = [
        Post(
            120,
            dt.datetime(2025, 4, 2, 9, 0, tzinfo=dt.UTC),
            ["🔹Новые адреса политзаключённых", "", line, "Пишите письма!"],
        ),
        Post(121, dt.datetime(2025, 4, 3, tzinfo=dt.UTC), ["Суд"], reply_to="Новые адреса…"),
    ]
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert f"moved │ {person['id']}" in " ".join(result.stdout.split())
    p = Store().get(person["id"])
    assert p.address.facility.startswith("ФКУ СИЗО-2")
    assert p.address_seen == dt.date(2025, 4, 2)
    assert p.address_source == "https://t.me/pzk_memorial/120"
    assert site.pages_requested() == []  # the page did not change


def test_an_unmatched_telegram_line_is_a_note(cli, site):
    line = SIZO_LINE.format(dative="Смирнову Алексею Петровичу", year=1970)
    site.posts = [Post(5, AFTER, ["Новые адреса политзаключённых", line])]
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert "not applied (Смирнов Алексей Петрович, 1970: no one)" in result.stderr


def test_broken_layout_is_refused_and_the_data_kept(cli, site, records, user_data):
    before = digest(user_data)
    site.people[records[0]["id"]].broken = True
    site.people[records[0]["id"]].modified = AFTER
    result = cli("data", "update", *FAST)
    assert result.exit_code == 1
    [error, hint] = result.stderr.splitlines()
    assert error == (
        "Error: Memorial's person pages look different: https://memopzk.org/figurant/"
        f"{records[0]['id']}/: the person's name (div.human-dossier__name h1) is not on the page"
    )
    assert hint.startswith("Hint: Memorial's page layout changed; nothing was changed")
    assert digest(user_data) == before


def test_a_list_with_too_few_people_is_refused(cli, site, records, user_data):
    before = digest(user_data)
    for person in list(site.people.values())[:20]:
        person.listed = False
    result = cli("data", "update", *FAST)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: Memorial's lists name 10 people, fewer than half of the 30 in the list in use"
    )
    assert digest(user_data) == before


def test_an_unprintable_new_address_keeps_the_old_one(cli, site, records):
    person = records[6]
    site.people[person["id"]].address_text = "Адрес: уточняется, пишите на почту"
    site.people[person["id"]].modified = AFTER
    result = cli("data", "update", *FAST)
    assert result.exit_code == 3, result.output
    assert f"Warning: {person['id']}: the new address on https://memopzk.org/figurant/" in (
        result.stderr
    )
    p = Store().get(person["id"])
    assert p.writable and p.address.facility == person["address"]["facility"]
    assert p.address_seen == dt.date(2025, 2, 22)  # the old address keeps its date


def test_429_then_success(cli, site):
    site.fail_first["/wp-json/wp/v2/figurant"] = 1
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert sum(1 for p in site.log if p.startswith("/wp-json/")) == 2


def test_without_the_rest_index_lists_and_telegram_are_used(cli, site, records):
    site.rest = False
    site.people[records[0]["id"]].modified = AFTER
    site.people[records[0]["id"]].address_text = None
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert "Note: Memorial's page index (WordPress REST) is not available" in result.stderr
    assert site.pages_requested() == []
    # not confirmed: without the index letterkit cannot know the pages did not change
    assert Store().get(records[3]["id"]).address_seen == dt.date(2025, 2, 22)


def test_telegram_redirect_is_source_unavailable(cli, site):
    site.telegram_redirect = True
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert "Note: Telegram (https://t.me/s/pzk_memorial) was not read: the preview is not " in (
        " ".join(result.stderr.split())
    )


def test_full_update_reads_every_page_and_304_skips_them_next_time(cli, site, records):
    result = cli("data", "update", *FAST, "--full", "--json")
    assert result.exit_code == 0, result.output
    assert len(site.pages_requested()) == len(records)
    site.log.clear()
    again = json.loads(cli("data", "update", *FAST, "--full", "--json").stdout)
    assert len(site.pages_requested()) == len(records)
    assert again["pages_fetched"] == 0  # every page answered 304 Not Modified


def test_robots_disallowing_the_index_falls_back_with_a_note(cli, site):
    site.robots = "User-agent: *\nDisallow: /wp-json/\n"
    result = cli("data", "update", *FAST)
    assert result.exit_code == 0, result.output
    assert "wp-json/wp/v2/figurant" in result.stderr and "disallowed by the site's robots.txt" in (
        result.stderr
    )
    assert "Note: Memorial's page index (WordPress REST) is not available" in result.stderr
    assert not [p for p in site.log if p.startswith("/wp-json/")]


def test_only_and_limit(cli, site, records):
    result = cli("data", "update", *FAST, "--only", records[2]["id"], "--json")
    assert result.exit_code == 0, result.output
    assert site.log == ["/robots.txt", f"/figurant/{records[2]['id']}/"]  # two requests
    site.log.clear()
    for rec in records[:5]:
        site.people[rec["id"]].modified = AFTER
    limited = cli("data", "update", *FAST, "--limit", "2", "--json")
    assert limited.exit_code == 0, limited.output
    assert len(site.pages_requested()) == 2
    site.log.clear()
    rest = cli("data", "update", *FAST, "--json")  # the other 3 are pending
    assert rest.exit_code == 0
    assert len(site.pages_requested()) >= 3


def test_offline_changes_nothing(cli, site, user_data, monkeypatch):
    before = digest(user_data)
    result = cli("data", "update", "--offline")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        "Error: offline (--offline or LETTERKIT_OFFLINE=1)"
    )
    monkeypatch.setenv("LETTERKIT_OFFLINE", "1")
    assert cli("data", "update").exit_code == 1
    assert site.log == []
    assert digest(user_data) == before


def test_no_network_fails_in_one_line(cli, user_data, records, monkeypatch):
    install_directory(user_data, records)
    monkeypatch.setenv("LETTERKIT_MEMORIAL_BASE", "http://127.0.0.1:9")
    monkeypatch.setenv("LETTERKIT_TELEGRAM_BASE", "http://localhost:9")
    before = digest(user_data)
    result = cli("data", "update", *FAST)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach memopzk.org: ")
    assert digest(user_data) == before


def test_ctrl_c_leaves_the_data_as_it_was(cli, site, records, user_data, monkeypatch):
    from letterkit.update import http

    before = digest(user_data)
    real_get = http.Fetcher.get
    calls = []

    def interrupted(self, url, **kw):
        calls.append(url)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_get(self, url, **kw)

    monkeypatch.setattr(http.Fetcher, "get", interrupted)
    result = cli("data", "update", *FAST)
    assert result.exit_code == 130
    assert "Interrupted: nothing was changed." in result.stderr
    assert digest(user_data) == before
    assert not (user_data / "directory" / "update-state.json").exists()


def test_data_status_before_and_after_an_update(cli, site, records, user_data):
    before = json.loads(cli("data", "status", "--json").stdout)
    assert before["snapshot"] == "2025-02-22" and before["records"] == len(records)
    assert before["sources"] == {} and before["last_run"] is None
    assert before["stale"] == before["writable"] == 25  # 21 months old, all of them
    site.people[records[2]["id"]].listed = False
    assert cli("data", "update", *FAST).exit_code == 0
    after = json.loads(cli("data", "status", "--json").stdout)
    today = dt.date.today().isoformat()
    assert after["snapshot"] == today and after["updated"] is True
    assert after["shipped_snapshot"] == "2025-02-22"
    assert after["not_listed"] == 1 and after["writable"] == 24
    assert after["stale"] == 0  # confirmed today
    assert set(after["sources"]) == {"memorial-lists", "memorial-rest", "telegram"}
    assert after["last_changes"] == {"released": 1}
    assert after["data_dir"] == str(user_data)
    text = cli("data", "status")
    assert text.exit_code == 0
    assert f"List date: {today} (your update)" in " ".join(text.stdout.split())


# ------------------------------------------------------------------ FILE, offline


def test_file_a_saved_person_page(cli, site, records, tmp_path, monkeypatch):
    monkeypatch.setenv("LETTERKIT_OFFLINE", "1")  # a file update opens no connection
    person = records[7]
    site.people[person["id"]].address_text = SIZO_LINE.format(
        dative=dative(person), year=person["born"][:4]
    )
    saved = tmp_path / "page.html"
    saved.write_text(site.page(site.people[person["id"]]), encoding="utf-8")
    result = cli("data", "update", str(saved))
    assert result.exit_code == 0, result.output
    assert f"moved │ {person['id']}" in " ".join(result.stdout.split())
    p = Store().get(person["id"])
    assert p.address.facility.startswith("ФКУ СИЗО-2") and p.address_seen == dt.date.today()
    assert site.log == []
    not_a_page = tmp_path / "other.html"
    not_a_page.write_text("<html><body>hello</body></html>", encoding="utf-8")
    bad = cli("data", "update", str(not_a_page))
    assert bad.exit_code == 1
    assert "not a saved Memorial person page" in bad.stderr


def test_file_memorials_csv_list_marks_who_left(cli, site, records, tmp_path):
    gone = records[3]
    site.people[gone["id"]].listed = False
    joined = tmp_path / "list.csv"
    joined.write_bytes(site.csv(True) + site.csv(False))
    result = cli("data", "update", str(joined))
    assert result.exit_code == 0, result.output
    assert f"released or removed │ {gone['id']}" in " ".join(result.stdout.split())
    assert not Store().get(gone["id"]).writable
    assert site.log == []


def test_file_our_own_json(cli, site, records, user_data, tmp_path):
    assert cli("data", "update", *FAST).exit_code == 0
    copy_of = tmp_path / "mine.json"
    copy_of.write_bytes(directory_file(user_data).read_bytes())
    result = cli("data", "update", str(copy_of), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["changes"] == [] and report["counts"]["records"] == len(records)


def test_an_interrupted_run_resumes(cli, site, records, user_data, monkeypatch):
    from letterkit.update import http

    for rec in records[:6]:
        site.people[rec["id"]].modified = AFTER
    real_get = http.Fetcher.get
    pages = []

    def interrupted(self, url, **kw):
        if "/figurant/" in url:
            pages.append(url)
            if len(pages) == 4:
                raise KeyboardInterrupt
        return real_get(self, url, **kw)

    before = digest(user_data)
    monkeypatch.setattr(http.Fetcher, "get", interrupted)
    assert cli("data", "update", *FAST).exit_code == 130
    assert digest(user_data) == before
    monkeypatch.setattr(http.Fetcher, "get", real_get)
    site.log.clear()
    result = cli("data", "update", *FAST, "--json")
    assert result.exit_code == 0, result.output
    assert len(site.pages_requested()) == 3  # the 3 read before Ctrl-C are not read again
    report = json.loads(result.stdout)
    assert "3 pages were taken from the interrupted update" in report["notes"]
    assert not (user_data / "directory" / "update-staging.json").exists()
