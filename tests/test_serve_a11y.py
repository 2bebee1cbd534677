"""Accessibility of ``letterkit serve``'s pages, from their HTML and the stylesheet:
every control has a label, no positive tabindex (focus follows the page), a visible
focus ring, text contrast of at least 4.5:1 and 3:1 for the focus ring and field borders
(computed from style.css with WCAG 2.1's formula), the page's ``lang`` and Russian text
marked ``lang="ru"`` on English pages, and an error tied to the field it is about."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from letterkit.web.pages import STATIC_DIR
from test_serve import CSRF, SENDER_LINES, WAR_LETTER, client, text_of
from test_serve_evening import UNKNOWN_HEADERS, guests_csv, upload

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TEXT_CONTRAST = 4.5  # https://www.w3.org/TR/WCAG21/#contrast-minimum
NON_TEXT_CONTRAST = 3.0  # https://www.w3.org/TR/WCAG21/#non-text-contrast


class Controls(HTMLParser):
    """The page's form controls, labels, buttons, links and tabindex values."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.buttons: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.tabindex: list[str] = []
        self.ids: dict[str, dict[str, str]] = {}
        self.html_lang: str | None = None
        self._open: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        a["_tag"] = tag
        a["_text"] = ""
        if "id" in a:
            self.ids[a["id"]] = a
        if "tabindex" in a:
            self.tabindex.append(a["tabindex"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "label" and "for" in a:
            self.label_for.add(a["for"])
        if tag in ("select", "textarea") or (
            tag == "input" and a.get("type") not in ("hidden", "submit")
        ):
            self.controls.append(a)
        if tag in ("button", "a"):
            (self.buttons if tag == "button" else self.links).append(a)
            self._open.append(a)

    def handle_endtag(self, tag):
        if tag in ("button", "a") and self._open:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element["_text"] += data


def parsed(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    return parser


GETS = ("/", "/find?q=batsenin", "/find?mode=birthdays", "/parse", "/write",
        "/write?to=batsenin", "/evening")  # fmt: skip
POSTS = ("write preview", "write bad country", "parse a line", "evening rows",
         "evening columns", "evening bad start")  # fmt: skip
NAMES = [f"{path} {lang}" for lang in ("en", "ru") for path in GETS] + list(POSTS)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """Every page, in both languages, and the pages after a form was sent (one client
    for the module, in user folders of its own)."""
    base = tmp_path_factory.mktemp("a11y")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("LETTERKIT_CONFIG_DIR", str(base / "config"))
        env.setenv("LETTERKIT_DATA_DIR", str(base / "data"))
        return _pages()


def _pages() -> dict[str, str]:
    c = client()
    out = {}
    for lang in ("en", "ru"):
        for path in GETS:
            sep = "&" if "?" in path else "?"
            out[f"{path} {lang}"] = c.get(f"{path}{sep}lang={lang}").text
    c.get("/?lang=en")
    form = {"csrf": CSRF, "to": "batsenin", "text": WAR_LETTER,
            "sender": "\n".join(SENDER_LINES), "country": "RU"}  # fmt: skip
    out["write preview"] = c.post("/write", data={**form, "action": "preview"}).text
    out["write bad country"] = c.post("/write", data={**form, "country": "XX"}).text
    out["parse a line"] = c.post(
        "/parse", data={"csrf": CSRF, "line": "693008, г. Южно-Сахалинск"}
    ).text
    out["evening rows"] = upload(c, guests_csv(), reply_kit="1").text
    out["evening columns"] = upload(c, UNKNOWN_HEADERS).text
    out["evening bad start"] = upload(c, guests_csv(), start="3").text
    return out


@pytest.mark.parametrize("name", NAMES)
def test_every_control_has_a_label_and_every_button_a_name(pages, name):
    page = parsed(pages[name])
    for control in page.controls:
        named = control.get("id") in page.label_for or control.get("aria-label")
        assert named, (name, control)
    for button in page.buttons + page.links:
        assert button["_text"].strip() or button.get("aria-label"), (name, button)


@pytest.mark.parametrize("name", NAMES)
def test_focus_follows_the_page(pages, name):
    """No positive tabindex: the order of the page is the order of focus."""
    assert all(int(t) <= 0 for t in parsed(pages[name]).tabindex), name


@pytest.mark.parametrize("name", NAMES)
def test_the_page_says_its_language_and_marks_russian_text(pages, name):
    page = parsed(pages[name])
    lang = "ru" if name.endswith(" ru") else "en"
    assert page.html_lang == lang
    if "batsenin" in name or name in ("write preview", "evening rows"):
        assert re.search(r'lang="ru"[^>]*>(?:<[^>]+>)*[^<]*Баценин', pages[name]), name


@pytest.mark.parametrize("name", NAMES)
def test_aria_references_exist(pages, name):
    page = parsed(pages[name])
    for element in page.ids.values():
        for attr in ("aria-describedby", "aria-labelledby"):
            for ref in element.get(attr, "").split():
                assert ref in page.ids, (name, attr, ref)


# --- errors tied to their fields ----------------------------------------------------


def test_an_evening_option_error_is_shown_at_its_field(pages):
    page = parsed(pages["evening bad start"])
    start = page.ids["start"]
    assert start["aria-invalid"] == "true"
    assert start["aria-describedby"] == "error-start"
    html = pages["evening bad start"]
    error = re.search(r'<p id="error-start" class="field-error">(.*?)</p>', html, re.S)[1]
    assert "--start only applies to label sheets" in error
    assert '<a href="#start">--start only applies to label sheets</a>' in html  # the summary
    assert sum(1 for c in page.controls if c.get("aria-invalid")) == 1


def test_a_bad_country_on_the_write_page_is_shown_at_the_field_and_keeps_the_letter(pages):
    html = pages["write bad country"]
    page = parsed(html)
    assert page.ids["country"]["aria-invalid"] == "true"
    assert page.ids["country"]["aria-describedby"] == "error-country"
    assert "unknown country code 'XX'" in unescape(
        re.search(r'id="error-country"[^>]*>(.*?)</p>', html, re.S)[1]
    )
    assert "Все говорят про войну." in html  # the letter is still in the text area


def test_a_described_field_keeps_its_description_with_an_error():
    response = upload(client(), b"", birthdays="-1")
    page = parsed(response.text)
    assert page.ids["birthdays"]["aria-describedby"] == "error-birthdays birthdays-about"
    assert "--birthdays-within must be 0 or more" in text_of(response)


# --- colours --------------------------------------------------------------------------


def _rules() -> dict[str, dict[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", (STATIC_DIR / "style.css").read_text(), flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = rules.setdefault(" ".join(selector.split()), {})
        for item in body.split(";"):
            key, sep, value = item.partition(":")
            if sep:
                declarations[key.strip()] = value.strip()
    return rules


RULES = _rules()


def colour(selector: str, prop: str) -> str:
    value = RULES[selector][prop]
    found = re.search(r"var\((--[\w-]+)\)|(#[0-9a-fA-F]{3,6})\b", value)
    assert found, (selector, prop, value)
    if found[1]:
        return colour(":root", found[1])
    return found[2]


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio"""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PAGE = ("body", "background")
HEADER = ("header.top", "background")
WARN = (".warn", "background")
ADVICE = (".advice", "background")
TEXT = [
    (("body", "color"), PAGE),
    ((".muted", "color"), PAGE),
    (("a", "color"), PAGE),
    (("a", "color"), HEADER),
    (("body", "color"), HEADER),
    (("button, .button", "color"), ("button, .button", "background")),
    (("button.secondary, .button.secondary", "color"), ("button.secondary, .button.secondary", "background")),
    ((".warn", "color"), WARN),
    ((".bad", "color"), PAGE),
    ((".bad", "color"), WARN),
    ((".field-error", "color"), PAGE),
    ((".ok", "color"), PAGE),
    (("body", "color"), ("mark", "background")),
    (("body", "color"), ("mark.error", "background")),
    (("body", "color"), ("mark.info", "background")),
    (("body", "color"), ADVICE),
    ((".error-summary a", "color"), WARN),
]  # fmt: skip
NON_TEXT = [
    ((":focus-visible", "outline"), PAGE),
    ((":focus-visible", "outline"), HEADER),
    ((":focus-visible", "outline"), WARN),
    ((":focus-visible", "outline"), ADVICE),
    (("input, select, textarea", "border"), PAGE),
    (('[aria-invalid="true"]', "border"), PAGE),
]


@pytest.mark.parametrize(("ink", "ground"), TEXT)
def test_text_contrast_is_at_least_4_5(ink, ground):
    assert contrast(colour(*ink), colour(*ground)) >= TEXT_CONTRAST, (ink, ground)


@pytest.mark.parametrize(("ink", "ground"), NON_TEXT)
def test_the_focus_ring_and_field_borders_contrast_at_least_3(ink, ground):
    assert contrast(colour(*ink), colour(*ground)) >= NON_TEXT_CONTRAST, (ink, ground)


def test_the_contrast_formula():
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # just under AA, as WebAIM's checker says
