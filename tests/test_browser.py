"""A real browser on ``letterkit serve``: Playwright drives Debian's Chromium
(``/usr/bin/chromium``; ``.ci/run`` installs it, never ``playwright install``).

Find Batsenin, write a letter with a war word, see it marked, remove it, download both
PDFs and read them with pdfplumber; upload a small list on the evening page, see its
rows and download the envelopes; the same at a phone's viewport. Each page is saved
as a screenshot under the test's tmp dir. Waits are Playwright's own (auto-waiting
locators and ``expect``), with generous timeouts for a busy machine; no sleeps.
Skipped where no Chromium exists, except under CI, where that is a failure.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 90_000  # a loaded 2-core machine renders a PDF preview slowly
WAR_SENTENCE = " Все говорят про войну."
LETTER = (
    "Здравствуйте, Александр!\n\nПишу Вам из Твери." + WAR_SENTENCE + "\n\nВсего доброго!\nМария"
)
SENDER = "Иванова Мария Петровна\nул. Ленина, д. 1, кв. 2\nг. Тверь\n170000"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
    "narrow": {
        "width": 320,
        "height": 640,
    },  # WCAG 2.1 reflow: https://www.w3.org/TR/WCAG21/#reflow
}
NARROW = ("phone", "narrow")


def fits(page: Page) -> bool:
    """Nothing wider than the screen (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


if not CHROMIUM.exists():
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from test_update_run import records, site, user_data  # noqa: E402, F401  (pytest fixtures)

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """``letterkit serve --no-open`` on port 0; yields the first line's URL."""
    yield from run_server(tmp_path)


def run_server(tmp_path: Path) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "letterkit", "--lang", "en", "serve", "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+", url), url
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("screen", list(VIEWPORTS))
def test_find_write_check_download(browser: Browser, server: str, tmp_path: Path, screen: str):
    shots = tmp_path / f"screens-{screen}"
    shots.mkdir()
    context = browser.new_context(viewport=VIEWPORTS[screen], accept_downloads=True, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(server)
        expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/$"))  # token gone
        expect(page.locator("h1")).to_have_text("Find someone to write to")
        shot(page, shots, "1-find")
        # the keyboard: the first Tab is the skip link, its focus ring drawn
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.textContent.trim(), s.outlineStyle, s.outlineWidth]; }"
        )
        assert focused == ["Skip to the content", "solid", "3px"]
        if screen in NARROW:
            assert fits(page)

        page.get_by_label("Name").fill("Batsenin")
        page.get_by_role("button", name="Search").click()
        card = page.locator("li.card", has_text="Баценин Александр Дмитриевич")
        expect(card).to_contain_text("ФКУ ИК-1 УФСИН России по Сахалинской области")
        expect(card).to_contain_text("Сахалинская область")
        shot(page, shots, "2-found")
        if screen in NARROW:
            assert fits(page)

        card.get_by_role("link", name=re.compile("^Write to")).click()
        expect(page.locator("h1")).to_have_text("A letter to Баценин Александр Дмитриевич")
        shot(page, shots, "3-write")
        if screen in NARROW:
            assert fits(page)

        page.locator("#text").fill(LETTER)
        mark = page.locator("#check-body mark.warning", has_text="войну")
        expect(mark).to_be_visible()
        expect(page.locator("#check-body")).to_contain_text(
            "Letters about the war will almost certainly be stopped."
        )
        shot(page, shots, "4-war-word-marked")

        page.locator("#text").fill(LETTER.replace(WAR_SENTENCE, ""))
        expect(page.locator("#check-body mark")).to_have_count(0)
        expect(page.locator("#check-body .verdict")).not_to_contain_text("warning")

        page.locator("#sender").fill(SENDER)
        page.get_by_role("button", name="See the letter and the envelope").click()
        images = page.locator(".previews img")
        expect(images).to_have_count(2)
        for index in range(2):  # decoded, before the screenshot
            expect(images.nth(index)).to_have_js_property("complete", True)
            assert images.nth(index).evaluate("img => img.naturalWidth") > 0
        expect(page.locator(".advice")).to_contain_text("Print at 100 %")
        shot(page, shots, "5-preview")
        if screen in NARROW:
            assert fits(page)

        with page.expect_download() as letter_download:
            page.get_by_role("button", name="Download the letter (PDF)").click()
        assert letter_download.value.suggested_filename == "batsenin-letter.pdf"
        letter = pdf_text(Path(letter_download.value.path()).read_bytes())
        assert "Здравствуйте, Александр!" in letter
        assert "Пишу Вам из Твери." in letter
        assert "войну" not in letter

        with page.expect_download() as envelope_download:
            page.get_by_role("button", name="Download the envelope (PDF)").click()
        assert envelope_download.value.suggested_filename == "batsenin-envelope.pdf"
        envelope = pdf_text(Path(envelope_download.value.path()).read_bytes())
        assert "Баценину Александру Дмитриевичу" in envelope
        assert "693008" in envelope
        assert "Иванова Мария Петровна" in envelope

        # an evening: a small list uploaded, its rows in a table, the envelopes downloaded
        guests = tmp_path / "guests.csv"
        guests.write_text("slug\nbatsenin\nnobody-here\n", encoding="utf-8")
        page.get_by_role("link", name="An evening").click()
        expect(page.locator("h1")).to_have_text("A letter-writing evening")
        page.get_by_label(re.compile("^Spreadsheet")).set_input_files(str(guests))
        page.locator("#sender").fill(SENDER)
        page.get_by_role("button", name="Check the rows and make the PDFs").click()
        rows = page.locator("table.rows tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(0)).to_contain_text("Баценин Александр Дмитриевич")
        expect(rows.nth(1)).to_contain_text("skipped")
        shot(page, shots, "6-evening")
        if screen in NARROW:
            assert fits(page)
        with page.expect_download() as batch_download:
            page.get_by_role("link", name="Download letterkit-batch.pdf").click()
        assert batch_download.value.suggested_filename == "letterkit-batch.pdf"
        envelopes = pdf_text(Path(batch_download.value.path()).read_bytes())
        assert "Баценину Александру Дмитриевичу" in envelopes
        assert "Иванова Мария Петровна" in envelopes
    finally:
        context.close()


def test_update_the_addresses(browser: Browser, site, records, tmp_path: Path):  # noqa: F811
    """The button on the find page runs `data update` against the local fake of Memorial's
    site (tests/test_update_fixtures.py, through LETTERKIT_MEMORIAL_BASE and
    LETTERKIT_TELEGRAM_BASE, which the server inherits); the page follows the update and
    shows what changed. One person is released: one change, read in a few seconds."""
    site.people[records[2]["id"]].listed = False
    shots = tmp_path / "screens-update"
    shots.mkdir()
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        for url in run_server(tmp_path):
            page.goto(url)
            panel = page.locator("#update")
            expect(panel).to_contain_text("Addresses as of 2025-02-22")
            page.get_by_role("button", name="Update the addresses").click()
            expect(panel).to_contain_text(
                re.compile(r"Updated Memorial's list to \d{4}-\d\d-\d\d: 0 added, 0 changed, "
                           r"1 no longer listed")
            )  # fmt: skip
            expect(panel).to_contain_text("Every source was read.")
            shot(page, shots, "1-updated")
            assert any(p.startswith("/wp-json/") for p in site.log)
    finally:
        context.close()


def test_evening_columns_and_zip(browser: Browser, server: str, tmp_path: Path):
    """A list whose headers letterkit does not know: the page shows its guess, the user
    keeps it; then a reply kit and all the files in one ZIP."""
    shots = tmp_path / "screens-evening"
    shots.mkdir()
    guests = tmp_path / "guests.csv"
    guests.write_text("Кому писать;Заметка\nБаценин Александр Дмитриевич;первое письмо\n",
                      encoding="utf-8")  # fmt: skip
    context = browser.new_context(viewport=VIEWPORTS["desktop"], accept_downloads=True,
                                  locale="en-GB")  # fmt: skip
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(server)
        page.get_by_role("link", name="An evening").click()
        page.get_by_label(re.compile("^Spreadsheet")).set_input_files(str(guests))
        page.locator("#sender").fill(SENDER)
        page.get_by_role("button", name="Check the rows and make the PDFs").click()
        expect(page.locator("[role=alert]")).to_contain_text("the first row is not a header")
        expect(page.get_by_label("Column «кому писать»")).to_have_value("name")
        expect(page.get_by_label("Column «заметка»")).to_have_value("")
        shot(page, shots, "1-columns")
        page.get_by_label(re.compile("^A reply kit per envelope")).check()
        page.get_by_role("button", name="Check the rows and make the PDFs").click()
        rows = page.locator("table.rows tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.nth(0)).to_contain_text("Баценин Александр Дмитриевич")
        shot(page, shots, "2-files")
        with page.expect_download() as zipped:
            page.get_by_role("link", name=re.compile("^Download all the files in one ZIP")).click()
        assert zipped.value.suggested_filename == "letterkit-batch.zip"
        with zipfile.ZipFile(zipped.value.path()) as archive:
            names = archive.namelist()
            assert names == sorted(names) and len(names) == 3
            envelopes = pdf_text(archive.read("letterkit-batch-envelopes-DL.pdf"))
        assert "Баценину Александру Дмитриевичу" in envelopes
    finally:
        context.close()
