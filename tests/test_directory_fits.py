"""Text is never clipped: every writable person in the shipped directory fits every
envelope size and the smallest label (real data, not samples).

The PDFs are read back with pdfium (fast enough for 650 pages × 5 sizes): each page
holds every envelope line of its address, whole and in order, and no character lies
outside its zone: the recipient block ≥ 15 mm from the right and bottom edges
(ГОСТ Р 51506-99 §4.3; see ``letterkit/render/geometry.py``), a label's text inside
its label.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from letterkit.address.format import envelope_lines
from letterkit.batch import render_envelopes
from letterkit.render.geometry import ENVELOPE_SIZES
from letterkit.render.labels import render_label_sheets, sheet_spec
from letterkit.store import Store
from pdfutil import MM

EDGE_MM = 15
TOLERANCE_PT = 0.5


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def writable():
    people = [p for p in Store().people() if p.writable]
    assert len(people) > 600
    return people


def _pages(pdf: bytes):
    doc = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(doc)):
            page = doc[index]
            textpage = page.get_textpage()
            boxes = [textpage.get_charbox(i) for i in range(textpage.count_chars())]
            yield textpage.get_text_range(), boxes, page.get_size()
    finally:
        doc.close()


@pytest.mark.parametrize("size", list(ENVELOPE_SIZES))
def test_every_directory_address_fits_every_envelope(writable, size):
    # render_envelopes raises LayoutError naming the field if an address cannot fit;
    # here we check what was printed.
    pdf = render_envelopes([p.address for p in writable], None, size)
    pages = list(_pages(pdf))
    assert len(pages) == len(writable)
    for person, (text, boxes, (width, height)) in zip(writable, pages, strict=True):
        recipient = _squash(text.split("Кому", 1)[1])
        position = 0
        for line in envelope_lines(person.address):
            found = recipient.find(_squash(line), position)
            assert found >= 0, f"{person.slug} ({size}): {line!r} missing or cut"
            position = found + len(_squash(line))
        for left, bottom, right, top in boxes:
            assert left >= 0 and right <= width and bottom >= 0 and top <= height, person.slug
            if left >= width / 2 and top <= height / 2:  # the recipient quadrant
                assert right <= width - EDGE_MM * MM + TOLERANCE_PT, (person.slug, size)
                assert bottom >= EDGE_MM * MM - TOLERANCE_PT, (person.slug, size)


def test_every_directory_address_fits_the_smallest_label(writable):
    spec = sheet_spec("L7160")
    pdf = render_label_sheets([p.address for p in writable], "L7160")
    pages = list(_pages(pdf))
    assert len(pages) == -(-len(writable) // spec.per_sheet)
    rects = [
        (x * MM, y * MM, (x + w) * MM, (y + h) * MM)
        for x, y, w, h in (spec.rect(i) for i in range(spec.per_sheet))
    ]
    for number, (_, boxes, _) in enumerate(pages, 1):
        for left, bottom, right, top in boxes:
            cx, cy = (left + right) / 2, (bottom + top) / 2
            home = [r for r in rects if r[0] <= cx <= r[2] and r[1] <= cy <= r[3]]
            assert home, (
                f"sheet {number}: a character at ({cx:.0f}, {cy:.0f}) pt is off every label"
            )
            x0, y0, x1, y1 = home[0]
            assert x0 - TOLERANCE_PT <= left and right <= x1 + TOLERANCE_PT, number
            assert y0 - TOLERANCE_PT <= bottom and top <= y1 + TOLERANCE_PT, number
    printed = _squash("".join(text for text, _, _ in pages))
    position = 0
    for person in writable:
        for line in envelope_lines(person.address):
            found = printed.find(_squash(line), position)
            assert found >= 0, f"{person.slug}: {line!r} missing or cut on the label"
            position = found + len(_squash(line))
