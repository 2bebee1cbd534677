"""``letterkit serve``: the token, cookie, Host and CSRF rules and every page, through
Starlette's TestClient (no socket); the command itself in a subprocess on port 0."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import signal
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from urllib.parse import urlencode

import httpx
import pytest

with warnings.catch_warnings():  # Starlette 1.x suggests httpx2 for its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from letterkit import paths
from letterkit.address.parse import parse_address
from letterkit.web.app import create_app
from letterkit.web.security import csrf_token

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TOKEN = "test-token-0123456789"
PORT = 8765
TODAY = dt.date(2026, 1, 15)
BASE = f"http://127.0.0.1:{PORT}"
CSRF = csrf_token(TOKEN)
FORM_TYPE = "application/x-www-form-urlencoded"
SENDER_LINES = ["Иванова Мария Петровна", "ул. Ленина, д. 1, кв. 2", "г. Тверь", "170000"]
WAR_LETTER = (
    "Здравствуйте, Александр!\n\nПишу Вам из Твери. Все говорят про войну.\n\nВсего доброго!\nМария"
)


def client(*, token: bool = True, base: str = BASE, **headers: str) -> TestClient:
    c = TestClient(
        create_app(TOKEN, PORT, today=lambda: TODAY, default_lang="en"),
        base_url=base,
        headers=headers or None,
    )
    if token:
        assert c.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
    return c


def text_of(response: httpx.Response) -> str:
    """The page's text without tags, spaces collapsed, entities decoded."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", response.text).split()))


# --- the token, the cookie, the Host header ----------------------------------------


def test_without_token_or_cookie_403():
    c = client(token=False)
    for path in ("/", "/find?q=batsenin", "/write?to=batsenin", "/static/style.css"):
        assert c.get(path).status_code == 403, path
    assert c.post("/write", data={"csrf": CSRF}).status_code == 403


def test_a_wrong_token_is_403_and_sets_no_cookie():
    c = client(token=False)
    response = c.get("/?token=guess", follow_redirects=False)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers


def test_the_token_becomes_a_strict_httponly_cookie_with_a_303():
    c = client(token=False)
    response = c.get(f"/find?q=batsenin&token={TOKEN}", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/find?q=batsenin"  # the token leaves the URL
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"letterkit-{PORT}={TOKEN};")
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert c.get("/find?q=batsenin").status_code == 200  # the cookie now opens every page


def test_the_cookie_of_another_port_does_not_open_the_page():
    c = client(token=False)
    c.cookies.set(f"letterkit-{PORT + 1}", TOKEN)
    assert c.get("/").status_code == 403


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        f"evil.example:{PORT}",
        "127.0.0.1",  # no port
        f"127.0.0.1:{PORT + 1}",  # another port
        f"localhost:{PORT + 1}",
        f"127.0.0.2:{PORT}",
        f"[::1]:{PORT}",
    ],
)
def test_a_foreign_host_is_refused_first_even_with_the_token(host):
    c = client(token=False)
    response = c.get(f"/?token={TOKEN}", headers={"host": host}, follow_redirects=False)
    assert response.status_code == 403  # before the token would have set a cookie
    assert "set-cookie" not in response.headers
    assert response.text == "403 Forbidden: wrong Host header.\n"


def test_localhost_with_the_port_is_accepted():
    c = client(token=False, base=f"http://localhost:{PORT}")
    assert c.get(f"/?token={TOKEN}", follow_redirects=False).status_code == 303
    assert c.get("/").status_code == 200


def test_pages_carry_a_strict_content_security_policy_and_keep_the_referrer_here():
    response = client().get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["cache-control"] == "no-store"


def test_no_page_loads_anything_from_elsewhere():
    c = client()
    for path in ("/", "/find?q=batsenin", "/parse", "/write?to=batsenin"):
        page = c.get(path).text
        for url in re.findall(r'(?:src|href)="([^"]+)"', page):
            assert url.startswith(("/", "#", "?", "data:image/png")) or (
                url.startswith("https://memopzk.org/") and "rel=" in page
            ), (path, url)
    assert "@import" not in c.get("/static/style.css").text
    assert "url(" not in c.get("/static/style.css").text


# --- CSRF -----------------------------------------------------------------------------


def test_a_post_without_the_csrf_token_is_403():
    c = client()
    assert c.post("/write", data={"to": "batsenin", "text": "Привет"}).status_code == 403
    assert c.post("/write", data={"to": "batsenin", "csrf": "x" * 64}).status_code == 403
    assert c.post("/api/check", data={"to": "batsenin", "text": "x"}).status_code == 403
    assert c.post("/parse", data={"line": "x"}).status_code == 403


def test_a_post_from_another_origin_is_403_even_with_the_csrf_token():
    c = client()
    response = c.post(
        "/parse", data={"csrf": CSRF, "line": "x"}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403
    same = c.post("/parse", data={"csrf": CSRF, "line": "x"}, headers={"origin": BASE})
    assert same.status_code == 200
    blind = c.post("/parse", data={"csrf": CSRF, "line": "x"}, headers={"origin": "null"})
    assert blind.status_code == 403  # a sandboxed frame or a page that hides its origin


def test_the_csrf_token_is_in_every_post_form():
    c = client()
    for path in ("/parse", "/write?to=batsenin"):
        page = c.get(path).text
        forms = re.findall(r'<form[^>]*method="post".*?</form>', page, re.S)
        assert forms, path
        for form in forms:
            assert f'name="csrf" value="{CSRF}"' in form


def test_a_post_over_the_size_limit_is_refused_before_it_is_read():
    c = client()
    big = "а" * 600_000  # 1.2 MB in UTF-8
    response = c.post("/write", data={"csrf": CSRF, "to": "batsenin", "text": big})
    assert response.status_code == 413
    assert "the form is too large: at most 1.0 MB" in text_of(response)


# --- language -----------------------------------------------------------------------


def test_english_page_has_the_switch_to_russian():
    response = client().get("/")
    assert '<html lang="en">' in response.text
    assert 'href="/?lang=ru"' in response.text
    assert "Find someone to write to" in text_of(response)


def test_the_language_switch_keeps_the_query():
    page = client().get("/find?q=batsenin").text
    assert 'href="/find?q=batsenin&amp;lang=ru"' in page


class _FormReader(HTMLParser):
    """What a browser submits when a button of the form ``form_id`` is pressed: the
    form's fields (those inside it and those naming it with ``form=``) and, per button,
    its ``formaction`` and its own name and value."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.fields: list[
            list[str]
        ] = []  # [name, value]; a textarea's or option's text is appended
        self.buttons: dict[str, dict[str, str]] = {}  # by the button's lang=
        self._value: list[str] | None = None
        self._select: str | None = None
        self._from_text = False  # the text read into _textarea is its value

    def _ours(self, attrs: dict[str, str | None]) -> bool:
        return self.inside or attrs.get("form") == self.form_id

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        elif tag == "button" and attrs.get("form") == self.form_id:
            self.buttons[attrs.get("lang") or ""] = {k: v or "" for k, v in attrs.items()}
        elif tag == "option" and self._select and "selected" in attrs:
            # an option without value= submits its text
            self._value = [self._select, attrs.get("value") or ""]
            self.fields.append(self._value)
            self._from_text = "value" not in attrs
        elif not self._ours(attrs) or "name" not in attrs:
            return
        elif tag == "input" and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.fields.append([attrs["name"] or "", attrs.get("value") or ""])
        elif tag == "textarea":
            self._value = [attrs["name"] or "", ""]
            self._from_text = True
            self.fields.append(self._value)
        elif tag == "select":
            self._select = attrs["name"]

    def handle_data(self, data: str) -> None:
        if self._value is not None and self._from_text:
            self._value[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "option"):
            self._value = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def _switch_language(
    c: TestClient, page: httpx.Response, form_id: str, lang: str, **typed: str
) -> httpx.Response:
    """Press the language switch ``lang`` as a browser without JavaScript would, after
    typing ``typed`` into the form's fields."""
    reader = _FormReader(form_id)
    reader.feed(page.text)
    button = reader.buttons[lang]
    data = [(name, typed.get(name, value)) for name, value in reader.fields]
    if "name" in button:
        data.append((button["name"], button["value"]))
    url = button["formaction"].partition("#")[0]
    return c.post(url, content=urlencode(data), headers={"content-type": FORM_TYPE})


TYPED = "Здравствуйте, Александр!\n\nПишу Вам второй раз: как Ваши книги?\n\nМария"


def test_the_language_switch_after_a_check_keeps_the_typed_letter():
    c = client()
    checked = c.post("/write", data=_form(text=TYPED, action="check", envelope="C5"))
    assert '<html lang="en">' in checked.text
    reader = _FormReader("letter")
    reader.feed(checked.text)
    # Enter in a field presses the form's first button in the page: it checks, as the
    # form's own first button does; it does not switch the language
    assert list(reader.buttons) == ["", "ru", "en"]
    assert reader.buttons[""]["value"] == "check"
    switched = _switch_language(c, checked, "letter", "ru")
    assert switched.status_code == 200
    assert '<html lang="ru">' in switched.text
    assert "letterkit-lang=ru" in switched.headers["set-cookie"]
    reader = _FormReader("letter")
    reader.feed(switched.text)
    fields = dict(reader.fields)
    assert fields["text"] == TYPED
    assert fields["sender"] == "\n".join(SENDER_LINES)
    assert fields["envelope"] == "C5"
    assert "Ваш обратный адрес" in text_of(switched)
    # and back: still the same letter
    back = _switch_language(c, switched, "letter", "en")
    assert '<html lang="en">' in back.text
    reader = _FormReader("letter")
    reader.feed(back.text)
    assert dict(reader.fields)["text"] == TYPED


def test_the_language_switch_after_a_preview_shows_the_preview_again():
    c = client()
    seen = c.post("/write", data=_form(text=TYPED, action="preview"))
    switched = _switch_language(c, seen, "letter", "ru")
    assert '<html lang="ru">' in switched.text
    assert len(re.findall(r'<img src="data:image/png;base64,', switched.text)) == 2
    assert "Печатайте в масштабе 100 %" in text_of(switched)


def test_the_language_switch_on_a_fresh_write_page_keeps_what_was_typed():
    c = client()
    fresh = c.get("/write?to=batsenin")
    switched = _switch_language(c, fresh, "letter", "ru", text=TYPED)
    assert '<html lang="ru">' in switched.text
    reader = _FormReader("letter")
    reader.feed(switched.text)
    assert dict(reader.fields)["text"] == TYPED
    assert "Ваш обратный адрес" in text_of(switched)


def test_the_language_switch_after_parsing_keeps_the_pasted_line():
    from conftest import SEED_LINE

    c = client()
    parsed = c.post("/parse", data={"csrf": CSRF, "line": SEED_LINE})
    switched = _switch_language(c, parsed, "parse", "ru")
    assert '<html lang="ru">' in switched.text
    assert "Разобранный адрес" in text_of(switched)
    reader = _FormReader("parse")
    reader.feed(switched.text)
    assert dict(reader.fields)["line"] == SEED_LINE
    # before anything was pasted the switch is a plain link
    assert 'href="/parse?lang=ru"' in c.get("/parse").text


# --- find ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Баценин", "batsenin", "Batsenim", "Баценен"])
def test_find_by_name_cyrillic_latin_one_typo(query):
    response = client().get("/find", params={"q": query})
    text = text_of(response)
    assert "Баценин Александр Дмитриевич (born 1995)" in text
    assert "facility ФКУ ИК-1 УФСИН России по Сахалинской области" in text
    assert "region Сахалинская область" in text
    assert 'href="/write?to=batsenin"' in response.text


def test_find_shows_the_address_age_and_the_same_stale_warning_as_the_cli(cli):
    """A directory record seen long before TODAY: the page says what `show` says."""
    from letterkit import directory
    from letterkit.store import Store

    person = next(
        p
        for p in directory.find(Store().people(), "")
        if directory.is_stale(p, TODAY) and directory.page_url(p)
    )
    shown = cli("show", person.slug, "--date", TODAY.isoformat())
    [warning] = [line for line in shown.stderr.splitlines() if line.startswith("Warning: ")]
    response = client().get("/find", params={"q": person.nominative})
    text = text_of(response)
    assert warning in text
    age = directory.address_age(person, TODAY)
    assert f"confirmed {person.address_seen.isoformat()}, {age.phrase()} ago" in text
    assert f'href="{directory.page_url(person)}" rel="noreferrer noopener"' in response.text


def test_find_random_and_birthdays():
    c = client()
    random_page = text_of(c.get("/find?mode=random"))
    assert "Someone to write to" in random_page
    assert random_page.count("Write to ") >= 1


@pytest.mark.parametrize("country", ["RU", "DE"])
def test_find_birthdays_are_the_send_by_list_of_letterkit_birthdays(cli, country):
    if country != "RU":  # a writer abroad: the send-by date allows for the longer way
        assert cli("sender", "set", "Anna Schmidt; Hauptstr. 1; 10115 Berlin",
                   "--country", country).exit_code == 0  # fmt: skip
    listed = cli("birthdays", "--date", TODAY.isoformat(), "--json")
    assert listed.exit_code == 0, listed.output
    expected = [json.loads(line) for line in listed.stdout.splitlines()]
    page = client().get("/find?mode=birthdays")
    text = text_of(page)
    assert "Birthdays a letter posted now can reach (send-by dates in the next 30 days)" in text
    names = re.findall(r'<li class="card">\s*<h3><span lang="ru">([^<]+)</span>', page.text)
    assert names == [e["name"] for e in expected][: len(names)] and names
    first = expected[0]
    day = dt.date.fromisoformat(first["send_by"]).day
    assert f"turns {first['turns']}, in {first['in_days']} days; post by {day} " in text


def test_find_nobody():
    assert "No one found." in text_of(client().get("/find?q=zzzzqqqq"))


# --- paste a published line ---------------------------------------------------------


def test_parse_shows_the_fields_as_address_parse_does(cli):
    from conftest import BATSENIN_ENVELOPE, SEED_LINE

    response = client().post("/parse", data={"csrf": CSRF, "line": SEED_LINE})
    assert response.status_code == 200
    text = text_of(response)
    for label, value in [
        ("recipient (dative)", "Баценину Александру Дмитриевичу"),
        ("name (nominative)", "Баценин Александр Дмитриевич"),
        ("birth year", "1995"),
        ("postcode", "693008"),
        ("region", "Сахалинская область"),
        ("locality", "г. Южно-Сахалинск"),
        ("street", "ул. Пограничная"),
        ("house", "71"),
        ("facility", "ФКУ ИК-1 УФСИН России по Сахалинской области"),
    ]:
        assert f"{label} {value}" in text
    assert "\n".join(BATSENIN_ENVELOPE) in html.unescape(response.text)
    assert "Printable." in text
    english = cli("address", "parse", SEED_LINE, "--json")
    assert '"english": "Aleksandr Dmitrievich Batsenin (born 1995)' in english.stdout
    assert "English: Aleksandr Dmitrievich Batsenin (born 1995), Penal Colony No. 1" in text


def test_parse_an_incomplete_line_says_it_cannot_be_printed():
    response = client().post("/parse", data={"csrf": CSRF, "line": "Иванову Ивану, г. Тверь"})
    assert "Not printable: something required is missing (see the warnings)." in text_of(response)


# --- write, check, see, download ----------------------------------------------------


def test_write_starts_from_the_first_letter_template():
    from letterkit import targets, writing
    from letterkit.store import Store

    body = writing.letter_body(targets.resolve_target("batsenin", Store()), None, TODAY)
    page = client().get("/write?to=batsenin")
    assert page.status_code == 200
    assert html.escape(body, quote=False) in page.text
    assert "A letter to Баценин Александр Дмитриевич" in text_of(page)


def test_write_blank_and_another_template():
    c = client()
    blank = c.get("/write?to=batsenin&template=blank").text
    assert re.search(r'<textarea id="text"[^>]*></textarea>', blank)
    birthday = c.get("/write?to=batsenin&template=birthday")
    assert '<option value="birthday" selected>' in birthday.text


def test_write_without_a_target_asks_for_one():
    assert "Whom are you writing to?" in text_of(client().get("/write"))


def test_an_unknown_person_is_an_error_page_not_a_traceback():
    response = client().get("/write?to=nosuchperson")
    assert response.status_code == 400
    assert "Something needs fixing" in text_of(response)
    assert "Traceback" not in response.text


def test_the_check_marks_the_war_word_in_place_with_explanation_and_source():
    response = client().post(
        "/write", data={"csrf": CSRF, "to": "batsenin", "text": WAR_LETTER, "action": "check"}
    )
    page = response.text
    assert re.search(r'<mark class="warning"[^>]*><a href="#finding-1">войну</a>', page)
    text = text_of(response)
    assert "Letters about the war will almost certainly be stopped." in text
    assert "Letters about the war and the fighting will almost certainly not pass" in text
    assert "https://memopzk.org/en/kak-pisat-pisma-politzaklyuchyonnym" in page


def test_the_live_check_endpoint_answers_json_with_the_same_marks():
    c = client()
    data = {"to": "batsenin", "text": WAR_LETTER}
    response = c.post("/api/check", data=data, headers={"x-csrf-token": CSRF})
    assert response.status_code == 200
    result = response.json()
    assert result["problems"] is True
    assert [f["rule"] for f in result["findings"]] == ["topic.war"]
    assert '<a href="#finding-1">войну</a>' in result["html"]
    clean = c.post(
        "/api/check",
        data={"to": "batsenin", "text": WAR_LETTER.replace(" Все говорят про войну.", "")},
        headers={"x-csrf-token": CSRF},
    ).json()
    assert clean["problems"] is False
    assert "<mark" not in clean["html"]


def _form(**extra: str) -> dict[str, str]:
    return {
        "csrf": CSRF,
        "to": "batsenin",
        "text": WAR_LETTER,
        "sender": "\n".join(SENDER_LINES),
        "country": "RU",
        "envelope": "DL",
        **extra,
    }


@pytest.mark.parametrize("which", ["letter", "envelope"])
def test_a_download_is_byte_identical_to_letterkit_write(cli, which):
    letter_file = cli.cwd / "letter.txt"
    letter_file.write_text(WAR_LETTER, encoding="utf-8")
    result = cli(
        "write", "batsenin", "--text", str(letter_file), "--date", TODAY.isoformat(),
        "--sender", "; ".join(SENDER_LINES), "--no-log",
    )  # fmt: skip
    assert result.exit_code == 3, result.output  # the war word: written, with a warning
    written = (cli.cwd / f"batsenin-{which}.pdf").read_bytes()
    response = client().post("/write", data=_form(action=which))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == f'attachment; filename="batsenin-{which}.pdf"'
    assert response.content == written


def test_the_simple_template_offers_its_phrases_as_checkboxes_as_write_phrase_does():
    from letterkit import targets, writing
    from letterkit.store import Store

    c = client()
    page = c.get("/write?to=batsenin&template=simple")
    boxes = re.findall(
        r'<input type="checkbox" id="phrase-([a-z0-9-]+)" name="phrase"[^>]*>', page.text
    )
    assert {"hello", "good-day", "live"} <= set(boxes)
    assert re.search(r'id="phrase-hello" name="phrase" value="hello" checked>', page.text)
    assert re.search(r'id="phrase-good-day" name="phrase" value="good-day" >', page.text)
    assert "Добрый день, &lt;their first name&gt;! = Good day, &lt;their first name&gt;!" in (
        " ".join(re.sub(r"<[^>]+>", " ", page.text).split())
    )
    # ticked phrases make the letter `write --phrase` makes, and stay ticked
    chosen = c.get("/write?to=batsenin&template=simple&phrase=good-day&phrase=cat")
    target = targets.resolve_target("batsenin", Store())
    body = writing.letter_body(target, None, TODAY, template="simple", phrases=("good-day", "cat"))
    assert html.escape(body, quote=False) in chosen.text
    assert "Добрый день, Александр!" in body
    assert re.search(r'id="phrase-good-day" name="phrase" value="good-day" checked>', chosen.text)
    assert re.search(r'id="phrase-hello" name="phrase" value="hello" >', chosen.text)


def test_the_gloss_download_is_byte_identical_to_write_gloss(cli):
    from letterkit import targets, writing
    from letterkit.store import Store

    result = cli(
        "write", "batsenin", "--template", "simple", "--field", "hobby=chess", "--gloss",
        "--date", TODAY.isoformat(), "--sender", "; ".join(SENDER_LINES), "--no-log",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    sender, signature = writing.prepare_sender(
        "; ".join(SENDER_LINES), "RU", None, profile=False, read_line=parse_address
    )
    body = writing.letter_body(
        targets.resolve_target("batsenin", Store()), sender, TODAY, template="simple",
        signature=signature, fields={"hobby": "chess"},
    )  # fmt: skip
    response = client().post("/write", data=_form(action="gloss", text=body, template="simple"))
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="batsenin-gloss.pdf"'
    assert response.content == (cli.cwd / "batsenin-gloss.pdf").read_bytes()
    # a blank page has no template to explain: no such button
    blank = client().get("/write?to=batsenin&template=blank").text
    assert 'value="gloss"' not in blank


def test_preview_shows_both_pages_as_images_and_the_print_advice():
    response = client().post("/write", data=_form(action="preview"))
    page = response.text
    images = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', page)
    assert [alt for _png, alt in images] == [
        "The envelope: batsenin-envelope.pdf",
        "The first page of the letter: batsenin-letter.pdf",
    ]
    import base64

    for png, _alt in images:
        assert base64.b64decode(png).startswith(b"\x89PNG\r\n\x1a\n")
    assert "Print at 100 %: in the print dialog choose 'Actual size'" in text_of(response)


def test_a_guest_saves_nothing():
    before = sorted(p.name for p in paths.profile_path().parent.glob("*"))
    client().post("/write", data=_form(action="preview"))
    client().post("/write", data=_form(action="letter"))
    assert not paths.profile_path().exists()
    assert sorted(p.name for p in paths.profile_path().parent.glob("*")) == before


def test_remember_me_saves_the_return_address_as_sender_set_does(cli):
    client().post("/write", data=_form(action="letter", remember="1"))
    assert paths.profile_path().exists()
    shown = cli("sender", "show")
    assert shown.stdout.splitlines()[:4] == SENDER_LINES
    page = client().get("/write?to=batsenin")  # the next page starts from it
    assert "\n".join(SENDER_LINES) in page.text
    assert "This is the return address saved on this computer." in text_of(page)


def test_a_writer_abroad_is_offered_the_russian_spelling():
    data = _form(action="check", sender="Anna Schmidt\nHauptstr. 1\n10115 Berlin", country="DE")
    text = text_of(client().post("/write", data=data))
    assert "Your name in Russian letters could be: Анна Шмидт." in text


def test_a_bad_country_is_one_error_on_the_page():
    response = client().post("/write", data=_form(action="preview", country="XX"))
    assert response.status_code == 400
    assert "unknown country code 'XX'" in text_of(response)


# --- the command --------------------------------------------------------------------


def test_serve_prints_one_line_and_answers_the_rules(tmp_path):
    env = {**os.environ, "PYTHONUNBUFFERED": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "letterkit", "serve", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{43})\n", first)
        assert match, first
        port, token = int(match[1]), match[2]
        assert port != 0
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            assert http.get("/").status_code == 403
            assert http.get("/", headers={"host": f"evil.example:{port}"}).status_code == 403
            entry = http.get(f"/?token={token}", follow_redirects=False)
            assert entry.status_code == 303
            assert http.get("/find?q=batsenin").status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    assert out == ""  # nothing after the first line: no access log, no token again
    assert token not in err
    assert process.returncode == 130, err  # Ctrl-C: the shell's code for SIGINT, as data update
    assert "Traceback" not in err


def test_serve_refuses_a_port_in_use(cli):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--no-open", "--port", str(port))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("path", "english", "russian"),
    [
        ("/", "Find someone to write to", "Найти, кому написать"),
        ("/find?q=batsenin", "Write to Баценин Александр Дмитриевич", "Написать: Баценин"),
        ("/parse", "Paste a published address", "Вставьте опубликованный адрес"),
        ("/write", "Whom are you writing to?", "Кому вы пишете?"),
        ("/write?to=batsenin", "Your return address", "Ваш обратный адрес"),
    ],
)
def test_every_page_in_both_languages(path, english, russian):
    c = client()
    en = c.get(path)
    assert '<html lang="en">' in en.text
    assert english in text_of(en)
    ru = c.get(path, headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.8"})
    assert '<html lang="ru">' in ru.text
    assert russian in text_of(ru)
    assert "Найти человека" in text_of(ru)  # the menu too


def test_accept_language_weights_and_the_lang_switch_cookie():
    c = client()
    assert '<html lang="en">' in c.get("/", headers={"accept-language": "ru;q=0.2, en"}).text
    assert '<html lang="ru">' in c.get("/", headers={"accept-language": "de, ru;q=0.5"}).text
    switched = c.get("/?lang=ru", headers={"accept-language": "en"})
    assert '<html lang="ru">' in switched.text
    assert "letterkit-lang=ru" in switched.headers["set-cookie"]
    # the cookie now wins over the browser's English
    assert '<html lang="ru">' in c.get("/", headers={"accept-language": "en"}).text


def test_the_check_speaks_the_page_language():
    response = client().post(
        "/write?lang=ru",
        data={"csrf": CSRF, "to": "batsenin", "text": WAR_LETTER, "action": "check"},
    )
    text = text_of(response)
    assert "1 предупреждение: измените письмо до печати" in text
    assert "Письма о войне почти наверняка не пропустят." in text
