"""Text is never clipped: every writable person in the shipped directory fits every
envelope size and the smallest label (real data, not samples)."""

from __future__ import annotations

import pytest

from letterkit.batch import render_envelopes
from letterkit.render.geometry import ENVELOPE_SIZES
from letterkit.render.labels import render_label_sheets
from letterkit.store import Store


@pytest.fixture(scope="module")
def writable():
    people = [p for p in Store().people() if p.writable]
    assert len(people) > 600
    return people


@pytest.mark.parametrize("size", list(ENVELOPE_SIZES))
def test_every_directory_address_fits_every_envelope(writable, size):
    # raises LayoutError naming the field if any address does not fit
    assert render_envelopes([p.address for p in writable], None, size).startswith(b"%PDF")


def test_every_directory_address_fits_the_smallest_label(writable):
    pdf = render_label_sheets([p.address for p in writable], "L7160")
    assert pdf.startswith(b"%PDF")
