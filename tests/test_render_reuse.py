"""What keeps batches small and fast: shared parts are drawn once per document.

No timings here (they belong to ``benchmarks/bench.py``); only the structure that makes
them: form XObjects defined once and referenced from every page, identical widths.
"""

from __future__ import annotations

import re

import pytest

from letterkit.models import Address, Recipient, Sender
from letterkit.render.envelope import EnvelopeRenderer, envelope_content
from letterkit.render.pdf import finish, new_canvas
from pdfutil import lines, page_count

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
    many = _batch(["Баценину", "Иванову", "Баценину", "Иванову"])
    assert page_count(many) == 4
    # Static parts, sender block, stencil digits, recipient rules: the same four forms.
    assert _forms(one) == _forms(many) == 4


def test_every_page_still_shows_its_own_text():
    pdf = _batch(["Баценину", "Иванову"])
    for page, surname in enumerate(["Баценину", "Иванову"]):
        text = "\n".join(t for t, _ in lines(pdf, page))
        assert f"{surname} Александру Дмитриевичу, 1995 г. р." in text
        for caption in ("Кому", "Куда", "От кого", "Откуда", "Индекс места назначения"):
            assert caption in text
        assert "Иванова Мария Петровна" in text


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
    # static + guides variant, sender + empty sender, one digits form, rules shapes.
    assert _forms(pdf) >= 5
    assert not any("Иванова" in t for t, _ in lines(pdf, 1))
    assert any("Иванова" in t for t, _ in lines(pdf, 2))


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
        "import sys\n"
        "opened = []\n"
        "def hook(event, args):\n"
        "    if event == 'open' and isinstance(args[0], str) and not args[0].endswith(\n"
        "        ('.py', '.pyc', '.mo')\n"
        "    ):\n"
        "        opened.append(args[0])\n"
        "sys.addaudithook(hook)\n"
        "sys.argv = ['letterkit', '--help']\n"
        "import contextlib, io\n"
        "from letterkit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('reportlab', 'jinja2', 'babel', 'rich', 'pytrovich', 'iuliia', 'openpyxl',\n"
        "         'pypdfium2', 'tomllib', 'letterkit.store', 'letterkit.address')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
        "print(sorted(p for p in opened if '__pycache__' not in p))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "[]"]
