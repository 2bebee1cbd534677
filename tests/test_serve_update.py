"""The "update the addresses" button of ``letterkit serve``, against the local fake of
Memorial's site and Telegram preview of tests/test_update_fixtures.py (never the
internet): the same update as ``letterkit data update``, its summary, one update at a
time while the pages keep answering, offline, a failed source, a refused update."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest

from letterkit.store import Store
from letterkit.web import server as web_server
from letterkit.web.app import create_app
from test_serve import BASE, CSRF, PORT, TOKEN, TestClient, text_of
from test_update_http import FakeClock
from test_update_run import (  # noqa: F401  (pytest fixtures, used by name)
    AFTER,
    digest,
    directory_file,
    move_release_add,
    records,
    site,
    user_data,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WAIT_S = 120  # a generous bound for a busy machine; the update itself takes well under 1 s
DEFAULT_DELAY_S = 2.0  # `letterkit data update` without --delay


class GateClock(FakeClock):
    """A clock whose first wait holds the update until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()
        self.gate = threading.Event()

    def sleep(self, seconds: float) -> None:
        self.waiting.set()
        assert self.gate.wait(WAIT_S)
        super().sleep(seconds)


def web(clock=None, *, offline: bool = False, lang: str = "en") -> tuple[TestClient, object]:
    app = create_app(
        TOKEN,
        PORT,
        today=dt.date.today,
        default_lang=lang,
        offline=offline,
        update_clock=clock or FakeClock(),
    )
    c = TestClient(app, base_url=BASE)
    assert c.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
    return c, app.app.state.web.updater


def press(c: TestClient):
    return c.post("/update", data={"csrf": CSRF}, follow_redirects=False)


def panel(c: TestClient, path: str = "/find") -> str:
    """The find page's text from the update panel on."""
    text = text_of(c.get(path))
    return text[text.index("The addresses") :]


def changes(fake, people) -> dict[str, str]:
    """One person moved, one released, one new: what `data update` would report."""
    moved, released = people[0], people[2]
    move_release_add(fake, moved, released)
    return {"moved": moved["id"], "released": released["id"]}


def test_the_button_runs_data_update_and_shows_what_changed(site, records, user_data):  # noqa: F811
    changes(site, records)
    clock = FakeClock()
    c, updater = web(clock)
    before = panel(c)
    # the fixture's list is installed in the user's data folder, as an update saves it
    assert "Addresses as of 2025-02-22 (updated from Memorial's site)." in before
    assert c.get("/find?q=Новиков Пётр").text.count('class="card"') == 0

    response = press(c)
    assert response.status_code == 303
    assert response.headers["location"] == "/find?update=started"
    assert updater.wait(WAIT_S)
    today = dt.date.today().isoformat()
    after = panel(c)
    assert (
        f"Updated Memorial's list to {today}: 1 added, 1 changed, 1 no longer listed; "
        "2 pages read in 9 requests." in after
    )
    assert "Every source was read." in after
    assert f"Addresses as of {today} (updated from Memorial's site)." in after
    # `data update`'s own default gap between two requests to one host
    assert set(clock.sleeps) == {DEFAULT_DELAY_S}
    # the pages use the new data at once
    found = text_of(c.get("/find?q=Новиков Пётр"))
    assert "Новиков Пётр Сергеевич" in found and "ФКУ СИЗО-2" in found
    assert Store().get("novikov-test").writable


def test_the_button_saves_what_letterkit_data_update_saves(cli, site, records, user_data):  # noqa: F811
    changes(site, records)
    pristine = user_data.parent / "pristine"
    shutil.copytree(user_data, pristine)
    c, updater = web()
    assert press(c).status_code == 303
    assert updater.wait(WAIT_S)
    by_button = directory_file(user_data).read_bytes()
    shutil.rmtree(user_data)
    shutil.copytree(pristine, user_data)
    assert cli("data", "update", "--delay", "0").exit_code == 0
    assert directory_file(user_data).read_bytes() == by_button


def test_a_second_press_says_it_is_running_and_the_pages_keep_answering(site, records):  # noqa: F811
    clock = GateClock()
    c, updater = web(clock)
    try:
        assert press(c).status_code == 303
        assert clock.waiting.wait(WAIT_S)  # the update is between two requests
        page = c.get("/find")
        assert '<meta http-equiv="refresh" content="3">' in page.text
        assert "Updating:" in panel(c)
        assert "Update the addresses" not in panel(c)  # no button while it runs
        again = press(c)
        assert again.status_code == 303
        assert again.headers["location"] == "/find?update=running"
        assert "An update is already running: wait for it to finish" in panel(
            c, again.headers["location"]
        )
        # other pages answer while it runs
        assert "Баценин Александр Дмитриевич" in text_of(c.get("/find?q=batsenin"))
    finally:
        clock.gate.set()
    assert updater.wait(WAIT_S)
    after = panel(c)
    assert "Updated Memorial's list to" in after
    assert "refresh" not in c.get("/find").text
    assert "An update is already running" not in panel(c, "/find?update=running")


@pytest.mark.parametrize("how", ["flag", "env"])
def test_offline_the_button_is_off_says_why_and_opens_nothing(site, monkeypatch, how):  # noqa: F811
    if how == "env":
        monkeypatch.setenv("LETTERKIT_OFFLINE", "1")
    c, updater = web(offline=how == "flag")
    page = c.get("/find").text
    assert '<button type="submit" class="secondary" disabled aria-describedby="update-off">' in (
        page
    )
    assert (
        "Updating is off: letterkit serve was started offline (--offline or "
        "LETTERKIT_OFFLINE=1), so it opens no network connection." in panel(c)
    )
    response = press(c)
    assert response.status_code == 400
    text = text_of(response)
    assert (
        "updating the addresses is off: letterkit serve runs offline "
        "(--offline or LETTERKIT_OFFLINE=1)" in text
    )
    assert updater.status().running is False
    assert site.log == []


def test_a_source_that_fails_is_named(site):  # noqa: F811
    site.telegram_redirect = True
    c, updater = web()
    press(c)
    assert updater.wait(WAIT_S)
    after = panel(c)
    assert "Not read this time: Memorial's Telegram channel." in after
    assert "Telegram (https://t.me/s/pzk_memorial) was not read:" in after


def test_the_update_words_its_notes_in_the_language_of_the_page_that_pressed(site):  # noqa: F811
    """The update runs in a thread of its own: its notes are in the presser's language,
    not in whatever language the server's other pages are answering in meanwhile."""
    site.telegram_redirect = True
    c, updater = web(lang="en")
    assert (
        c.post(
            "/update",
            data={"csrf": CSRF},
            headers={"accept-language": "ru"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    assert "Адреса" in text_of(c.get("/find", headers={"accept-language": "ru"}))
    assert "The addresses" in text_of(c.get("/find"))  # an English page meanwhile
    assert updater.wait(WAIT_S)
    assert "Telegram (https://t.me/s/pzk_memorial) не прочитан:" in panel(c)


def test_a_refused_update_says_so_and_keeps_the_data(site, records, user_data):  # noqa: F811
    before = digest(user_data)
    site.people[records[0]["id"]].broken = True
    site.people[records[0]["id"]].modified = AFTER
    c, updater = web()
    press(c)
    assert updater.wait(WAIT_S)
    after = panel(c)
    assert "The update failed: Memorial's person pages look different:" in after
    assert "nothing was changed" in after
    assert "Update the addresses" in after  # it can be pressed again
    assert digest(user_data) == before


def test_the_button_needs_the_csrf_token(site):  # noqa: F811
    c, updater = web()
    assert c.post("/update", data={}).status_code == 403
    assert (
        c.post(
            "/update", data={"csrf": CSRF}, headers={"origin": "http://evil.example"}
        ).status_code
        == 403
    )
    assert updater.status().running is False and site.log == []


def test_the_panel_in_russian(site, records):  # noqa: F811
    c, updater = web(lang="ru")
    assert "Адреса на 2025-02-22" in text_of(c.get("/find"))
    press(c)
    assert updater.wait(WAIT_S)
    assert "Список «Мемориала» обновлён" in text_of(c.get("/find"))


def test_serve_offline_turns_the_button_off(cli, monkeypatch):
    seen = {}
    monkeypatch.setattr(web_server, "serve", lambda port, **kw: seen.update(kw, port=port))
    assert cli("serve", "--offline", "--no-open").exit_code == 130
    assert seen == {"port": 0, "open_browser": False, "offline": True}
