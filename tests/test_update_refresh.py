"""``letterkit write SLUG --refresh`` against the local fake of Memorial's site
(tests/test_update_fixtures.py): the page re-read (two requests) and saved, what changed
said, the fresh address printed; a page that cannot be read → a warning and the stored
address; a page that is gone → an error and nothing written."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from letterkit.store import Store
from test_update_fixtures import install_directory, serve, shipped_records, site_from

SIZO_LINE = (
    "420000, Республика Татарстан, г. Казань, ул. Петрова, д. 1, ФКУ СИЗО-2 УФСИН России "
    "по Республике Татарстан, {dative}, {year} г. р."
)


@pytest.fixture
def records():
    _data, all_records = shipped_records()
    writable = [r for r in all_records if r["writable"] and r["born"]][:8]
    return copy.deepcopy(writable)


@pytest.fixture
def user_data(isolated_user_dirs):
    return isolated_user_dirs / "data"


@pytest.fixture
def site(httpserver, monkeypatch, user_data, records):
    from letterkit.update import http

    monkeypatch.setattr(http.SystemClock, "sleep", lambda self, seconds: None)  # no waiting
    install_directory(user_data, records)
    return serve(httpserver, monkeypatch, site_from(records))


def dative(rec) -> str:
    from letterkit.names import to_dative

    return to_dative(rec["last"], rec["first"], rec["middle"], rec["gender"])


def flat(text: str) -> str:
    return " ".join(text.split())


def test_refresh_reads_the_page_and_writes_to_the_new_address(cli, site, records):
    person = records[0]
    site.people[person["id"]].address_text = SIZO_LINE.format(
        dative=dative(person), year=person["born"][:4]
    )
    result = cli("write", person["id"], "--refresh")
    assert result.exit_code == 0, result.output
    assert site.log == ["/robots.txt", f"/figurant/{person['id']}/"]  # two requests
    err = flat(result.stderr)
    assert (
        f"Note: https://memopzk.org/figurant/{person['id']}/: the address changed: "
        f"{person['address']['facility']} → ФКУ СИЗО-2 УФСИН России по Республике Татарстан"
    ) in err
    assert "last confirmed" not in err  # the fresh address is not stale
    assert "Facility: ФКУ СИЗО-2 УФСИН России по Республике Татарстан" in flat(result.stdout)
    saved = Store().get(person["id"])  # the user data was updated
    assert saved.address.postcode == "420000"
    assert saved.address_seen == dt.date.today()
    assert saved.address_source == f"https://memopzk.org/figurant/{person['id']}/"


def test_an_unchanged_page_confirms_the_address(cli, site, records):
    person = records[1]
    before = cli("write", person["id"])
    assert "Warning: this address was last confirmed on 2025-02-22" in flat(before.stderr)
    result = cli("write", person["id"], "--refresh", "--force")
    assert result.exit_code == 0, result.output
    err = flat(result.stderr)
    assert (
        f"Note: https://memopzk.org/figurant/{person['id']}/: the address is unchanged "
        "(confirmed today)"
    ) in err
    assert "last confirmed" not in err
    assert Store().get(person["id"]).address_seen == dt.date.today()


@pytest.mark.parametrize("how", ["offline", "no network", "broken page"])
def test_a_page_that_cannot_be_read_leaves_the_stored_address(cli, site, records, monkeypatch, how):
    person = records[2]
    if how == "offline":
        monkeypatch.setenv("LETTERKIT_OFFLINE", "1")
        reason = "offline (--offline or LETTERKIT_OFFLINE=1): not fetching https://memopzk.org/"
    elif how == "no network":
        monkeypatch.setenv("LETTERKIT_MEMORIAL_BASE", "http://127.0.0.1:9")
        reason = "cannot reach memopzk.org: "
    else:
        site.people[person["id"]].broken = True
        reason = "Memorial's person pages look different: "
    result = cli("write", person["id"], "--refresh")
    assert result.exit_code == 0, result.output
    err = flat(result.stderr)
    assert f"Warning: {person['id']}: the page was not re-read ({reason}" in err
    assert "; using the stored address" in err
    # the stored address, with its stale warning, and the letter is written
    assert "Warning: this address was last confirmed on 2025-02-22" in err
    assert f"Facility: {person['address']['facility']}" in flat(result.stdout)
    assert (cli.cwd / f"{person['id']}-envelope.pdf").exists()
    if how != "broken page":
        assert site.log == []
    assert Store().get(person["id"]).address_seen == dt.date(2025, 2, 22)


def test_a_page_that_is_gone_stops_the_letter(cli, site, records):
    person = records[3]
    del site.people[person["id"]]
    result = cli("write", person["id"], "--refresh")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: https://memopzk.org/figurant/{person['id']}/ is gone: {person['id']} is no "
        "longer on Memorial's list (released, or removed)"
    )
    assert not list(cli.cwd.glob("*.pdf"))
    assert not Store().get(person["id"]).writable  # saved: random and batch --all skip them


def test_refresh_needs_a_slug(cli, site):
    result = cli(
        "write", SIZO_LINE.format(dative="Иванову Ивану Ивановичу", year=1980), "--refresh"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --refresh re-reads a person's Memorial page")
    assert site.log == []


def test_a_hand_made_record_refreshes_from_its_memorial_page(cli, site, records, user_data):
    person = records[4]
    url = f"https://memopzk.org/figurant/{person['id']}/"
    # a record the user added last year, with the page it came from
    folder = user_data / "prisoners"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        f'slug = "mine"\nlast = "{person["last"]}"\nfirst = "{person["first"]}"\n'
        f'middle = "{person["middle"]}"\ngender = "{person["gender"]}"\n'
        f"birth_year = {person['born'][:4]}\nchecked = 2025-03-01\n"
        f"address = {json.dumps(' '.join(person['address_text'].split()), ensure_ascii=False)}\n"
        f'[[sources]]\ntitle = "Memorial"\nurl = "{url}"\n',
        encoding="utf-8",
    )
    site.people[person["id"]].address_text = SIZO_LINE.format(
        dative=dative(person), year=person["born"][:4]
    )
    result = cli("write", "mine", "--refresh")
    assert result.exit_code == 0, result.output
    assert site.log == ["/robots.txt", f"/figurant/{person['id']}/"]
    assert "Facility: ФКУ СИЗО-2 УФСИН России по Республике Татарстан" in flat(result.stdout)
    assert "last confirmed" not in result.stderr


def test_show_refresh(cli, site, records):
    person = records[5]
    site.people[person["id"]].address_text = SIZO_LINE.format(
        dative=dative(person), year=person["born"][:4]
    )
    result = cli("show", person["id"], "--refresh")
    assert result.exit_code == 0, result.output
    assert "the address changed:" in result.stderr
    out = flat(result.stdout)
    assert "ФКУ СИЗО-2 УФСИН России по Республике Татарстан" in out
    assert f"Address confirmed: {dt.date.today().isoformat()}, 0 days ago" in out


def test_the_log_marks_letters_saved_before_the_address_changed(cli, site, records):
    from letterkit import directory, letterlog

    moved, stayed = records[6], records[7]
    now = dt.datetime.now(dt.UTC)
    hour = dt.timedelta(hours=1)
    alias = next(a for a in moved["aliases"]) if moved["aliases"] else moved["id"]
    for slug, rec, when in ((alias, moved, now - hour), (stayed["id"], stayed, now - hour)):
        letterlog.record_letter(
            slug, rec["name"], when.date(), template="simple", signature="Анна", now=when
        )
    site.people[moved["id"]].address_text = SIZO_LINE.format(
        dative=dative(moved), year=moved["born"][:4]
    )
    site.people[moved["id"]].modified = dt.datetime(2025, 3, 5, tzinfo=dt.UTC)
    assert cli("data", "update", "--delay", "0").exit_code == 0
    # a letter saved after the update went to the new address
    letterlog.record_letter(
        alias, moved["name"], now.date(), template="simple", signature="Анна", now=now + hour
    )
    entries = letterlog.read_log().entries
    flagged = letterlog.moved_since(
        entries, directory.address_changes(), resolve=lambda s: Store().get(s).slug
    )
    assert [(e.slug, e.timestamp) for e in flagged] == [
        (alias, (now - hour).isoformat(timespec="seconds"))
    ]
    [change] = flagged.values()
    assert change.kind == "moved"
    assert change.new == "ФКУ СИЗО-2 УФСИН России по Республике Татарстан"
    # what the user sees: the old letter marked in the table, a warning, the JSON field
    shown = cli("log")
    assert shown.exit_code == 0, shown.output
    lines = [line for line in shown.stdout.splitlines() if alias in line]
    assert len(lines) == 2
    marked = [line for line in lines if "moved since: ФКУ СИЗО-2 УФСИН" in line]
    assert len(marked) == 1
    assert (
        "Warning: 1 letter went to an address the person has since left: write again to "
        "the new one (letterkit show SLUG)." in shown.stderr
    )
    as_json = cli("log", "--json")
    objects = [json.loads(line) for line in as_json.stdout.splitlines()]
    changed = [o for o in objects if o["address_changed"]]
    assert [o["slug"] for o in changed] == [alias]
    assert changed[0]["address_changed"]["kind"] == "moved"
    assert [o["address_changed"] for o in objects if o["slug"] == stayed["id"]] == [None]


def test_a_damaged_update_state_marks_nothing(user_data):
    from letterkit import directory

    folder = user_data / "directory"
    folder.mkdir(parents=True)
    for text in ("{not json", '{"address_changed": {"x": {"kind": "moved"}}}', "[1]"):
        (folder / "update-state.json").write_text(text, encoding="utf-8")
        assert directory.address_changes(user_data) == {}


def test_add_links_a_directory_person_to_their_memorial_page(cli, site, records, user_data):
    import tomllib

    person = records[3]
    line = " ".join(person["address_text"].split())
    added = cli("add", line, "--slug", "friend")
    assert added.exit_code == 0, added.output
    saved = tomllib.loads((user_data / "prisoners" / "friend.toml").read_text(encoding="utf-8"))
    assert saved["sources"][1] == {
        "title": f"Political Prisoners. Memorial: {person['name']}",
        "url": f"https://memopzk.org/figurant/{person['id']}/",
    }
    # so the page is what --refresh reads
    assert cli("write", "friend", "--refresh").exit_code == 0
    assert site.log == ["/robots.txt", f"/figurant/{person['id']}/"]
    # another birth year is another person: no link
    other = line.replace(f"{person['born'][:4]} г", f"{int(person['born'][:4]) - 1} г")
    assert other != line
    assert cli("add", other, "--slug", "stranger").exit_code == 0
    stranger = (user_data / "prisoners" / "stranger.toml").read_text(encoding="utf-8")
    assert "memopzk.org" not in stranger
