"""The machine-readable postcode stencil («кодовый штамп», ГОСТ Р 51506-99 Appendix Д).

Geometry from FastReport's ``ZipCodeObject.cs`` (MIT, which states it follows ГОСТ Р
51506-99; https://github.com/FastReports/FastReport/blob/master/FastReport.Base/ZipCodeObject.cs): a start mark then six digits at a 9 mm pitch, each position
with a solid 7 × 2 mm bar on top; digits are polylines in a 5 × 10 mm cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from letterkit.render import geometry as g

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject

# Digit shapes: polylines in mm inside the 5 × 10 mm cell, x right, y DOWN
# (ZipCodeObject.cs's segment table, redrawn as polylines).
DIGIT_POLYLINES: dict[str, tuple[tuple[float, float], ...]] = {
    "0": ((0, 0), (5, 0), (5, 10), (0, 10), (0, 0)),
    "1": ((0, 5), (5, 0), (5, 10)),
    "2": ((0, 0), (5, 0), (5, 5), (0, 10), (5, 10)),
    "3": ((0, 0), (5, 0), (0, 5), (5, 5), (0, 10)),
    "4": ((0, 0), (0, 5), (5, 5), (5, 0), (5, 10)),
    "5": ((5, 0), (0, 0), (0, 5), (5, 5), (5, 10), (0, 10)),
    "6": ((5, 0), (0, 5), (0, 10), (5, 10), (5, 5), (0, 5)),
    "7": ((0, 0), (5, 0), (0, 5), (0, 10)),
    "8": ((0, 5), (0, 0), (5, 0), (5, 10), (0, 10), (0, 5), (5, 5)),
    "9": ((5, 5), (0, 5), (0, 0), (5, 0), (5, 5), (0, 10)),
}
POSITIONS = 7  # start mark + 6 digits
BLOCK_WIDTH_MM = (POSITIONS - 1) * g.STENCIL_PITCH_MM + g.STENCIL_BAR_W_MM  # 63 mm
BLOCK_HEIGHT_MM = g.STENCIL_CELL_DROP_MM + g.STENCIL_CELL_H_MM  # 14 mm


def digit_points(
    digit: str, position: int, left_mm: float, top_mm: float
) -> list[tuple[float, float]]:
    """Page coordinates (points, y up) of a digit's polyline at a stencil position.

    ``position`` 1–6 counts the digits after the start mark; ``top_mm`` is the bars'
    top edge measured from the bottom of the page.
    """
    x0 = left_mm + position * g.STENCIL_PITCH_MM + g.STENCIL_CELL_INSET_MM
    y0 = top_mm - g.STENCIL_CELL_DROP_MM  # top of the cell
    return [((x0 + x) * g.MM, (y0 - y) * g.MM) for x, y in DIGIT_POLYLINES[digit]]


def has_digits(postcode: str | None) -> bool:
    """Whether the stencil can show ``postcode`` (six digits), else it shows guides."""
    return bool(postcode and len(postcode) == 6 and postcode.isdigit())


def draw_stencil(
    canvas: Canvas,
    postcode: str | None,
    left_mm: float = g.STENCIL_LEFT_MM,
    top_mm: float = g.STENCIL_TOP_FROM_BOTTOM_MM,
) -> None:
    """Draw the start mark, the bars and the six digits (or dotted guides when unknown)."""
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    draw_frame(canvas, left_mm, top_mm)
    if has_digits(postcode):
        draw_digits(canvas, postcode, left_mm, top_mm)
    else:
        draw_guides(canvas, left_mm, top_mm)
    canvas.restoreState()


def draw_frame(
    canvas: Canvas,
    left_mm: float = g.STENCIL_LEFT_MM,
    top_mm: float = g.STENCIL_TOP_FROM_BOTTOM_MM,
) -> None:
    """The bars, one per position, and the start mark's second bar (current fill colour).

    The part that never changes: an envelope batch draws it once, in a form XObject.
    """
    mm = g.MM
    for pos in range(POSITIONS):
        x = left_mm + pos * g.STENCIL_PITCH_MM
        canvas.rect(
            x * mm,
            (top_mm - g.STENCIL_BAR_H_MM) * mm,
            g.STENCIL_BAR_W_MM * mm,
            g.STENCIL_BAR_H_MM * mm,
            stroke=0,
            fill=1,
        )
    bar2_top = top_mm - g.STENCIL_BAR_H_MM - g.STENCIL_START_BAR2_GAP_MM
    canvas.rect(
        left_mm * mm,
        (bar2_top - g.STENCIL_START_BAR2_H_MM) * mm,
        g.STENCIL_BAR_W_MM * mm,
        g.STENCIL_START_BAR2_H_MM * mm,
        stroke=0,
        fill=1,
    )


# Digit paths by (digit, position, left, top): built once, drawn on every envelope (a
# reportlab path object may be drawn any number of times), so a batch does not format
# the same coordinates thousands of times.
_DIGIT_PATHS: dict[tuple[str, int, float, float], PDFPathObject] = {}


def _digit_path(digit: str, position: int, left_mm: float, top_mm: float) -> PDFPathObject:
    key = (digit, position, left_mm, top_mm)
    path = _DIGIT_PATHS.get(key)
    if path is None:
        # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
        from reportlab.pdfgen.pathobject import PDFPathObject

        points = digit_points(digit, position, left_mm, top_mm)
        path = PDFPathObject()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        if len(_DIGIT_PATHS) < 1000:  # 10 digits × 6 positions per stencil placement
            _DIGIT_PATHS[key] = path
    return path


def draw_digits(
    canvas: Canvas,
    postcode: str,
    left_mm: float = g.STENCIL_LEFT_MM,
    top_mm: float = g.STENCIL_TOP_FROM_BOTTOM_MM,
) -> None:
    """The six digit polylines, round caps and joins (current stroke colour)."""
    canvas.setLineWidth(g.STENCIL_STROKE_MM * g.MM)
    canvas.setLineCap(1)  # round caps, as ZipCodeObject.cs draws them
    canvas.setLineJoin(1)
    for pos, digit in enumerate(postcode, start=1):
        canvas.drawPath(_digit_path(digit, pos, left_mm, top_mm), stroke=1, fill=0)


def draw_guides(
    canvas: Canvas,
    left_mm: float = g.STENCIL_LEFT_MM,
    top_mm: float = g.STENCIL_TOP_FROM_BOTTOM_MM,
) -> None:
    """Dotted guides in the six cells, for a postcode written by hand."""
    for pos in range(1, POSITIONS):
        draw_guide(
            canvas,
            left_mm + pos * g.STENCIL_PITCH_MM + g.STENCIL_CELL_INSET_MM,
            top_mm - g.STENCIL_CELL_DROP_MM,
        )


def draw_guide(canvas: Canvas, x_mm: float, top_mm: float) -> None:
    """Dotted template of one cell (frame, middle line, both diagonals) to fill by hand."""
    mm = g.MM
    pitch = g.STENCIL_GUIDE_PITCH_MM
    w, h = g.STENCIL_CELL_W_MM, g.STENCIL_CELL_H_MM
    segments = [
        ((0, 0), (w, 0)),
        ((w, 0), (w, h)),
        ((w, h), (0, h)),
        ((0, h), (0, 0)),
        ((0, h / 2), (w, h / 2)),
        ((w, 0), (0, h / 2)),
        ((w, h / 2), (0, h)),
    ]
    r = g.STENCIL_GUIDE_DOT_MM / 2 * mm
    canvas.setFillGray(0.35)
    for (ax, ay), (bx, by) in segments:
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        steps = max(1, round(length / pitch))
        for i in range(steps + 1):
            t = i / steps
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            canvas.circle((x_mm + x) * mm, (top_mm - y) * mm, r, stroke=0, fill=1)
