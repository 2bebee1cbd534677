"""The envelope as a reader sees it: text, order, position, page size, no clipping."""

from __future__ import annotations

import pytest

from conftest import BATSENIN_ENVELOPE
from letterkit.errors import InputError, LayoutError
from letterkit.models import Address, Recipient, Sender
from letterkit.render.envelope import render_envelope
from letterkit.render.geometry import ENVELOPE_SIZES
from letterkit.store import Store
from pdfutil import MM, lines, page_size_mm, words

SENDER = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")


@pytest.fixture(scope="module")
def batsenin():
    return Store().get("batsenin").address


def _recipient_words(pdf: bytes):
    found, width, height = words(pdf)
    return [w for w in found if w.x0 >= width / 2 and w.top >= height / 2], width, height


@pytest.mark.parametrize("size", list(ENVELOPE_SIZES))
def test_recipient_block_in_order_bottom_right(batsenin, size):
    pdf = render_envelope(batsenin, SENDER, size)
    block, width, height = _recipient_words(pdf)
    joined = " ".join(w.text for w in block if w.text not in ("Кому", "Куда"))
    position = 0
    for line in BATSENIN_ENVELOPE:
        found = joined.find(line, position)
        assert found >= 0, f"{line!r} missing or out of order in {joined!r} ({size})"
        position = found + len(line)
    # ≥ 15 mm from the right and bottom edges (sorting-machine practice, see render/geometry.py).
    assert max(w.x1 for w in block) <= width - 15 * MM + 0.5
    assert max(w.bottom for w in block) <= height - 15 * MM + 0.5


@pytest.mark.parametrize("size", list(ENVELOPE_SIZES))
def test_page_size_matches_envelope(batsenin, size):
    pdf = render_envelope(batsenin, None, size)
    w, h = page_size_mm(pdf)
    spec = ENVELOPE_SIZES[size]
    assert abs(w - spec.width_mm) <= 0.5
    assert abs(h - spec.height_mm) <= 0.5


def test_sender_block_top_left(batsenin):
    pdf = render_envelope(batsenin, SENDER, "DL")
    text_lines = lines(pdf)
    width, height = 220 * MM, 110 * MM
    sender = [(t, w) for t, w in text_lines if w.x0 < width / 2 and w.top < height / 2]
    texts = [t for t, _ in sender]
    assert texts[0] == "От кого Иванова Мария Петровна"
    assert texts[1] == "Откуда ул. Ленина, д. 1, кв. 2"
    assert "г. Тверь" in texts and "170000" in texts


def test_captions_present(batsenin):
    text_lines = [t for t, _ in lines(render_envelope(batsenin, SENDER, "DL"))]
    assert text_lines[-2:] != []
    joined = "\n".join(text_lines)
    for caption in ("Кому", "Куда", "От кого", "Откуда", "Индекс места назначения"):
        assert caption in joined


def test_no_sender_gives_empty_ruled_block(batsenin):
    text_lines = [t for t, _ in lines(render_envelope(batsenin, None, "DL"))]
    assert "От кого" in text_lines and "Откуда" in text_lines
    assert not any("Иванова" in t for t in text_lines)


def test_long_facility_wraps_without_clipping():
    facility = (
        "ФКУ ЛИУ-7 ГУФСИН России по Республике Северная Осетия — Алания "
        "(лечебное исправительное учреждение, отряд для длительного лечения)"
    )
    address = Address(
        postcode="362000",
        region="Республика Северная Осетия — Алания",
        locality="г. Владикавказ",
        street="ул. Московская",
        house="1",
        facility=facility,
        recipient=Recipient("Иванову Ивану Ивановичу", birth_year=1990),
    )
    pdf = render_envelope(address, None, "C6")
    block, width, _ = _recipient_words(pdf)
    joined = " ".join(w.text for w in block)
    assert facility in joined
    assert max(w.x1 for w in block) <= width - 15 * MM + 0.5


def test_unfittable_name_is_an_error_naming_the_field():
    address = Address(
        postcode="693008",
        region="Сахалинская область",
        locality="г. Южно-Сахалинск",
        street="ул. Пограничная",
        house="71",
        facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
        recipient=Recipient("Б" * 120, birth_year=1995),
    )
    with pytest.raises(LayoutError) as err:
        render_envelope(address, None, "DL")
    assert err.value.message.startswith("the name «")
    assert "does not fit in the recipient block of a DL envelope even at 8 pt" in err.value.message


def test_unknown_envelope_size(batsenin):
    with pytest.raises(InputError) as err:
        render_envelope(batsenin, None, "A5")
    assert err.value.message == "unknown envelope size 'A5'"
    assert err.value.hint == "use one of: DL, C6, C65, C5, C4"


def test_print_scaling_none_and_private_metadata(batsenin):
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_envelope(batsenin, SENDER, "DL")))
    prefs = reader.trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"
    meta = reader.metadata
    assert not meta.get("/Author")
    import getpass
    import socket

    raw = render_envelope(batsenin, SENDER, "DL")
    for secret in (getpass.getuser(), socket.gethostname()):
        if len(secret) > 3:
            assert secret.encode() not in raw


def test_deterministic(batsenin):
    assert render_envelope(batsenin, SENDER, "DL") == render_envelope(batsenin, SENDER, "DL")
