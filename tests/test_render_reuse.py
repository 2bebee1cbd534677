"""What keeps batches small and fast: shared parts are drawn once per document.

No timings here (they belong to ``benchmarks/bench.py``); only the structure that makes
them: form XObjects defined once and referenced from every page, identical widths.
"""

from __future__ import annotations

import re

import pytest

from conftest import SEED_LINE
from letterkit.models import Address, Recipient, Sender
from letterkit.render.envelope import EnvelopeRenderer, envelope_content
from letterkit.render.pdf import finish, new_canvas
from pdfutil import lines, page_count
from quietmain import run_main_code

SENDER = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")


def _address(surname: str) -> Address:
    return Address(
        postcode="693008",
        region="Сахалинская область",
        locality="г. Южно-Сахалинск",
        street="ул. Пограничная",
        house="71",
        facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
        recipient=Recipient(f"{surname} Александру Дмитриевичу", birth_year=1995),
    )


def _batch(surnames: list[str], sender: Sender | None = SENDER) -> bytes:
    renderer = EnvelopeRenderer("DL")
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    for surname in surnames:
        renderer.draw(canvas, envelope_content(_address(surname), sender))
        canvas.showPage()
    return finish(canvas, buffer)


def _forms(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype /Form", pdf))


def test_shared_parts_are_forms_defined_once():
    one = _batch(["Баценину"])
    two = _batch(["Баценину", "Иванову"])
    many = _batch(["Баценину", "Иванову", "Баценину", "Иванову", "Баценину"])
    assert page_count(many) == 5
    # The frame (stamp, stencil bars, captions, sender block, rules) and the stencil
    # digits: two forms; an envelope seen once is drawn inline, one that repeats becomes
    # a form of its own (so a repeated page is a single reference).
    assert _forms(one) == _forms(two) == 2
    assert _forms(many) == 4


def test_every_page_still_shows_its_own_text():
    surnames = ["Баценину", "Иванову", "Баценину", "Иванову", "Баценину"]
    pdf = _batch(surnames)
    first = lines(pdf, 0)
    for page, surname in enumerate(surnames):
        found = lines(pdf, page)
        text = "\n".join(t for t, _ in found)
        assert f"{surname} Александру Дмитриевичу, 1995 г. р." in text
        assert ("Иванову" if surname == "Баценину" else "Баценину") not in text
        for caption in ("Кому", "Куда", "От кого", "Откуда", "Индекс места назначения"):
            assert caption in text
        assert "Иванова Мария Петровна" in text
        if surname == "Баценину":  # inline on page 1, from a form after: same places
            assert [(t, round(w.x0, 2), round(w.top, 2)) for t, w in found] == [
                (t, round(w.x0, 2), round(w.top, 2)) for t, w in first
            ]


def test_no_sender_and_unknown_postcode_use_their_own_forms():
    renderer = EnvelopeRenderer("DL")
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    address = _address("Баценину")
    unknown = _address("Иванову")
    unknown.postcode = None
    for a, s in ((address, SENDER), (address, None), (unknown, SENDER)):
        renderer.draw(canvas, envelope_content(a, s))
        canvas.showPage()
    pdf = finish(canvas, buffer)
    # Three frames (with the sender, with empty sender lines, with stencil guides for the
    # unknown postcode) and one digits form.
    assert _forms(pdf) == 4
    assert not any("Иванова" in t for t, _ in lines(pdf, 1))
    assert any("Иванова" in t for t, _ in lines(pdf, 2))


def test_same_input_same_bytes_with_repeated_blocks():
    surnames = ["Баценину", "Иванову", "Баценину", "Петрову", "Иванову"]
    assert _batch(surnames) == _batch(surnames)


_RENDER_SCRIPT = """
import sys
if sys.argv[1] == "pure":
    sys.modules["_rl_accel"] = None  # reportlab falls back to its Python functions
import reportlab.lib.rl_accel as accel
from letterkit.models import Address, Recipient, Sender
from letterkit.render.envelope import EnvelopeRenderer, envelope_content
from letterkit.render.letter import render_letter
from letterkit.render.pdf import finish, new_canvas
sender = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")
renderer = EnvelopeRenderer("DL")
canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
for surname in ("Баценину", "Иванову", "Баценину"):
    address = Address(postcode="693008", region="Сахалинская область",
        locality="г. Южно-Сахалинск", street="ул. Пограничная", house="71",
        facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
        recipient=Recipient(surname + " Александру Дмитриевичу", birth_year=1995))
    renderer.draw(canvas, envelope_content(address, sender))
    canvas.showPage()
import datetime
letter = render_letter("Здравствуйте, Александр!\\n\\nПишу вам из Твери. " * 3, datetime.date(2026, 11, 25), sender)
sys.stdout.buffer.write(repr(sorted(accel._c_funcs)).encode() + b"\\n" + finish(canvas, buffer) + letter)
"""


def test_reportlab_c_accelerator_is_used_and_changes_no_byte():
    """rl_accel (a dependency) replaces reportlab's pure-Python number formatting and
    escaping; envelopes and a letter must come out byte for byte as without it."""
    import subprocess
    import sys

    import reportlab

    if int(reportlab.Version.split(".")[0]) < 4:
        pytest.skip("reportlab 3 bundles its own C accelerator: there is no 'without' to compare")

    def run(mode: str) -> tuple[bytes, bytes]:
        out = subprocess.run(
            [sys.executable, "-c", _RENDER_SCRIPT, mode], capture_output=True, check=True
        ).stdout
        funcs, _, pdf = out.partition(b"\n")
        return funcs, pdf

    accel_funcs, accel_pdf = run("accel")
    pure_funcs, pure_pdf = run("pure")
    assert b"'fp_str'" in accel_funcs and b"'escapePDF'" in accel_funcs
    assert pure_funcs == b"[]"
    assert accel_pdf.startswith(b"%PDF") and accel_pdf == pure_pdf


def test_streams_are_not_ascii85():
    assert b"ASCII85Decode" not in _batch(["Баценину"])


@pytest.mark.parametrize("size", [8, 9.5, 12])
def test_memoised_widths_equal_reportlab(size):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from letterkit.render import fonts
    from letterkit.render.fit import string_width

    fonts.register_sans()
    for text in ("ФКУ ИК-1 УФСИН России", "г. Южно-Сахалинск", "693008", ""):
        for font in (fonts.SANS, fonts.SANS_BOLD):
            assert string_width(text, font, size) == stringWidth(text, font, size)
            assert string_width(text, font, size) == stringWidth(text, font, size)


def test_help_imports_no_heavy_module_and_reads_no_data():
    """``letterkit --help`` stays fast: only typer and letterkit's thin CLI."""
    import subprocess
    import sys

    code = (
        (
            "import sys\n"
            "opened = []\n"
            "def hook(event, args):\n"
            "    if event == 'open' and isinstance(args[0], str) and not args[0].endswith(\n"
            "        ('.py', '.pyc', '.mo')\n"
            "    ):\n"
            "        opened.append(args[0])\n"
            "sys.addaudithook(hook)\n"
        )
        + run_main_code(["--help"])
        + (
            "heavy = ('reportlab', 'jinja2', 'babel', 'rich', 'pytrovich', 'iuliia', 'openpyxl',\n"
            "         'pypdfium2', 'tomllib', 'letterkit.store', 'letterkit.address')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
            "print(sorted(p for p in opened if '__pycache__' not in p))\n"
        )
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "[]"]


def _stock(canvas) -> bytes:
    """The document as reportlab formats it, with finish()'s settings (no ASCII85)."""
    from reportlab import rl_config

    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return canvas.getpdfdata()
    finally:
        rl_config.useA85 = previous


def test_finish_writes_the_bytes_reportlab_writes():
    """finish() formats the document with a copy of reportlab's loop that frees each
    page once written: the bytes must be reportlab's own, for envelopes that repeat
    (forms), that do not (inline), without a sender, and across page sizes."""
    from letterkit.render.labels import LabelBlock, LabelSheetRenderer
    from letterkit.render.pages import PageCounter

    def draw(canvas) -> None:
        renderer = EnvelopeRenderer("DL")
        for surname in ["Баценину", "Иванову", "Баценину", "Петрову", "Баценину"]:
            renderer.draw(canvas, envelope_content(_address(surname), SENDER))
            canvas.showPage()
        renderer.draw(canvas, envelope_content(_address("Сидорову"), None))
        canvas.showPage()
        labels = [LabelBlock.of_lines(SENDER.lines), _address("Иванову")]
        LabelSheetRenderer("L7160").draw_sheets(PageCounter(canvas), labels)

    ours, buffer = new_canvas(EnvelopeRenderer("DL").pagesize, "Envelopes")
    draw(ours)
    theirs, _ = new_canvas(EnvelopeRenderer("DL").pagesize, "Envelopes")
    draw(theirs)
    pdf = finish(ours, buffer)
    assert page_count(pdf) == 7
    assert pdf == _stock(theirs)


def _plain_platypus(monkeypatch) -> None:
    """Paragraphs and KeepInFrame as platypus makes them: parsed and laid out anew."""
    from reportlab.platypus import KeepInFrame, Paragraph

    from letterkit.render import flow, letter, profiles

    def fresh(self, text, style, bulletText=None):
        return Paragraph(text, style, bulletText=bulletText)

    monkeypatch.setattr(flow.Paragraphs, "__call__", fresh)
    monkeypatch.setattr(letter, "paragraph_class", lambda: Paragraph)
    monkeypatch.setattr(profiles, "keep_in_frame_class", lambda: KeepInFrame)


SENDER_LINE = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000"


@pytest.mark.parametrize("what", [("--letters", "first-letter"), ("--profiles",)])
def test_paragraphs_parsed_and_laid_out_once_draw_the_same_bytes(cli, monkeypatch, what):
    """Letters and profile sheets reuse a paragraph's parse across pages and its line
    breaks across measurements: the PDF is the one plain platypus draws."""
    people = cli.cwd / "people.txt"
    others = [
        SEED_LINE.replace("Баценину Александру Дмитриевичу", name)
        for name in ("Иванову Ивану Ивановичу", "Петровой Анне Сергеевне")
    ]
    people.write_text("\n".join(["batsenin", *others, "batsenin"]) + "\n", "utf-8")
    args = ("batch", str(people), *what, "--sender", SENDER_LINE, "--date", "2026-11-25")
    assert cli(*args, "--output", "ours.pdf").exit_code in (0, 3)
    _plain_platypus(monkeypatch)
    assert cli(*args, "--output", "plain.pdf").exit_code in (0, 3)
    assert (cli.cwd / "ours-a4.pdf").read_bytes() == (cli.cwd / "plain-a4.pdf").read_bytes()


def test_a_letter_split_over_pages_draws_the_same_bytes_when_its_parse_is_reused(monkeypatch):
    """The second of two long letters reuses the first one's parsed paragraphs, and
    platypus splits them across pages: the same bytes as with fresh paragraphs."""
    import datetime as dt

    from letterkit.render.batchletter import A4, LetterDrawer
    from letterkit.render.pages import PageCounter

    body = "\n\n".join(
        f"Абзац {i}: " + "Здравствуйте! Пишу вам из Твери, у нас всё хорошо. " * 12
        for i in range(9)
    )

    def draw() -> bytes:
        canvas, buffer = new_canvas(A4, "Letters", font="PTSerif")
        pages = PageCounter(canvas)
        drawer = LetterDrawer(dt.date(2026, 11, 25))
        assert drawer.draw(pages, body, SENDER) > 1
        drawer.draw(pages, body, SENDER)
        return finish(canvas, buffer)

    ours = draw()
    _plain_platypus(monkeypatch)
    assert ours == draw()


def test_each_paragraph_of_a_letter_is_broken_into_lines_once(monkeypatch):
    import datetime as dt

    from reportlab.platypus import Paragraph

    from letterkit.render.batchletter import A4, LetterDrawer
    from letterkit.render.pages import PageCounter

    calls: list[int] = []
    original = Paragraph.breakLines

    def counting(self, widths):
        calls.append(id(self))
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    canvas, _buffer = new_canvas(A4, "Letters", font="PTSerif")
    LetterDrawer(dt.date(2026, 11, 25)).draw(PageCounter(canvas), "Здравствуйте!", SENDER)
    assert len(calls) == len(set(calls)) > 0  # the return-address block included
