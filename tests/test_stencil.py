"""The postcode stencil: each digit draws exactly its polyline (ГОСТ Р 51506-99 App. Д, as FastReport draws it)."""

from __future__ import annotations

import io
import re

import pytest

from letterkit.render import geometry as g
from letterkit.render.stencil import DIGIT_POLYLINES, digit_points, draw_stencil

# The digit table of FastReport's ZipCodeObject.cs, retyped here on purpose: the test must not read the
# implementation's own table.
EXPECTED = {
    "0": "(0,0)(5,0)(5,10)(0,10)(0,0)",
    "1": "(0,5)(5,0)(5,10)",
    "2": "(0,0)(5,0)(5,5)(0,10)(5,10)",
    "3": "(0,0)(5,0)(0,5)(5,5)(0,10)",
    "4": "(0,0)(0,5)(5,5)(5,0)(5,10)",
    "5": "(5,0)(0,0)(0,5)(5,5)(5,10)(0,10)",
    "6": "(5,0)(0,5)(0,10)(5,10)(5,5)(0,5)",
    "7": "(0,0)(5,0)(0,5)(0,10)",
    "8": "(0,5)(0,0)(5,0)(5,10)(0,10)(0,5)(5,5)",
    "9": "(5,5)(0,5)(0,0)(5,0)(5,5)(0,10)",
}


def _parse(spec: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"\(([\d.]+),([\d.]+)\)", spec)]


def _stencil_paths(
    postcode: str,
) -> tuple[list[list[tuple[float, float]]], list[tuple[float, ...]]]:
    """Draw a stencil alone on a page; return its stroked polylines and filled rects."""
    from pypdf import PdfReader
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(220 * g.MM, 110 * g.MM), invariant=1, pageCompression=0)
    draw_stencil(c, postcode)
    c.showPage()
    c.save()
    content = PdfReader(io.BytesIO(buf.getvalue())).pages[0].get_contents().get_data().decode()
    paths, rects, current, operands = [], [], [], []
    for token in content.split():
        try:
            operands.append(float(token))
            continue
        except ValueError:
            pass
        if token == "m":
            current = [(operands[-2], operands[-1])]
        elif token == "l":
            current.append((operands[-2], operands[-1]))
        elif token == "S" and current:
            paths.append(current)
            current = []
        elif token == "re":
            rects.append(tuple(operands[-4:]))
        operands = []
    return paths, rects


@pytest.mark.parametrize("digit", list("0123456789"))
def test_digit_table_matches_reference(digit):
    assert [tuple(map(float, p)) for p in DIGIT_POLYLINES[digit]] == _parse(EXPECTED[digit])


@pytest.mark.parametrize("digit", list("0123456789"))
def test_each_digit_draws_exactly_its_polyline(digit):
    postcode = digit * 6
    paths, _ = _stencil_paths(postcode)
    assert len(paths) == 6
    for position, path in enumerate(paths, start=1):
        left = g.STENCIL_LEFT_MM + position * 9 + 1  # pitch 9 mm, cell 1 mm in
        top = g.STENCIL_TOP_FROM_BOTTOM_MM - 4  # cell top 4 mm below the bar top
        expected = [((left + x) * g.MM, (top - y) * g.MM) for x, y in _parse(EXPECTED[digit])]
        assert len(path) == len(expected)
        for (ax, ay), (bx, by) in zip(path, expected, strict=True):
            assert abs(ax - bx) < 0.01 and abs(ay - by) < 0.01


def test_bars_and_start_mark():
    _, rects = _stencil_paths("693008")
    bar_w, bar_h = 7 * g.MM, 2 * g.MM
    tops = g.STENCIL_TOP_FROM_BOTTOM_MM * g.MM
    bars = [r for r in rects if abs(r[2] - bar_w) < 0.01 and abs(r[3] - bar_h) < 0.01]
    assert len(bars) == 7
    assert sorted(round(r[0] / g.MM, 3) for r in bars) == [10 + 9 * i for i in range(7)]
    assert all(abs(r[1] + r[3] - tops) < 0.01 for r in bars)
    start = [r for r in rects if abs(r[3] - 1 * g.MM) < 0.01]
    assert len(start) == 1
    x, y, w, h = start[0]
    assert abs(x - 10 * g.MM) < 0.01 and abs(w - bar_w) < 0.01
    # 3–4 mm below the top of the block (ГОСТ Р 51506-99 App. Д, as FastReport draws it)
    assert abs((tops - (y + h)) / g.MM - 3) < 0.01 and abs((tops - y) / g.MM - 4) < 0.01


def test_block_is_63_by_14_mm():
    first = digit_points("0", 1, 10, 25)
    last = digit_points("0", 6, 10, 25)
    assert abs(min(x for x, _ in first) / g.MM - 20) < 1e-6  # position 1 = 10 + 9 + 1
    assert abs(max(x for x, _ in last) / g.MM - (10 + 54 + 1 + 5)) < 1e-6
    assert abs(min(y for _, y in first) / g.MM - (25 - 14)) < 1e-6


def test_unknown_postcode_draws_guides_not_digits():
    paths, _ = _stencil_paths("")
    assert paths == []
