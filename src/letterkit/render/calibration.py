"""The printer calibration page (``letterkit calibrate``).

An A4 page with millimetre rulers along the top and left edges, crosses 20 mm in from
each corner, and a cross at the exact centre with two fine scales through it. Folding
the printed sheet in half both ways marks the true centre of the paper: the numbers
where the folds cross the scales are the printer's offsets, to enter as
``letterkit calibrate --offset-x X --offset-y Y`` (saved in the profile; every envelope
and label sheet is then shifted by them). The page itself is drawn with the saved
offsets, so a second print checks them: the folds then cross both scales at 0.
"""

from __future__ import annotations

from typing import Any

from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.pdf import finish, new_canvas

A4_W_MM, A4_H_MM = g.A4_MM
CORNER_CROSS_MM = 20  # choice: inside every printer's unprintable margin (≈ 3–6 mm)
CROSS_ARM_MM = 6
SCALE_HALF_MM = 15  # the centre scales run from −15 to +15 mm
RULER_MM = 60  # choice: ruler length from each edge
OFFSET_LIMIT_MM = 20  # larger offsets are a mistake (a printer is off by a few mm)

TITLE = "letterkit — калибровка принтера / printer calibration"
INSTRUCTIONS_RU = (
    "1. Напечатайте эту страницу на A4 в масштабе 100 % (без «подогнать по размеру»).",
    "2. Сложите лист пополам по длине, точно край к краю, разверните; затем по ширине.",
    "3. Где сгибы пересекают шкалы у центрального крестика — это поправки в мм:",
    "   letterkit calibrate --offset-x X --offset-y Y",
    "4. Напечатайте страницу ещё раз: сгибы должны пройти через 0.",
)
INSTRUCTIONS_EN = (
    "Print at 100 % on A4. Fold in half edge to edge both ways. Where the folds cross the",
    "centre scales are the offsets in mm: letterkit calibrate --offset-x X --offset-y Y.",
    "Reprint to check: the folds should then cross both scales at 0.",
)


def _cross(canvas: Any, x: float, y: float, arm: float) -> None:
    canvas.line(x - arm, y, x + arm, y)
    canvas.line(x, y - arm, x, y + arm)
    canvas.circle(x, y, arm / 3, stroke=1, fill=0)


def draw_calibration(canvas: Any, offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
    """Draw the page on the current A4 page of ``canvas`` (call ``showPage`` after)."""
    mm = g.MM
    fonts.register_sans()
    w, h = A4_W_MM * mm, A4_H_MM * mm
    canvas.saveState()
    canvas.translate(offset_mm[0] * mm, offset_mm[1] * mm)
    canvas.setStrokeGray(0)
    canvas.setFillGray(0)
    canvas.setLineWidth(0.3)

    # Rulers from the top edge (along the left side) and the left edge (along the top).
    canvas.setFont(fonts.SANS, 6)
    for v in range(RULER_MM + 1):
        tick = 4 if v % 10 == 0 else 2.5 if v % 5 == 0 else 1.5
        canvas.line(v * mm, h, v * mm, h - tick * mm)  # top ruler: distance from left edge
        canvas.line(0, h - v * mm, tick * mm, h - v * mm)  # left ruler: distance from top edge
        if v % 10 == 0 and v:
            canvas.drawCentredString(v * mm, h - 7 * mm, str(v))
            canvas.drawString(5 * mm, h - v * mm - 2, str(v))

    # Corner crosses, 20 mm in from both edges.
    arm = CROSS_ARM_MM * mm / 2
    canvas.setFont(fonts.SANS, 7)
    for cx, cy in (
        (CORNER_CROSS_MM, CORNER_CROSS_MM),
        (A4_W_MM - CORNER_CROSS_MM, CORNER_CROSS_MM),
        (CORNER_CROSS_MM, A4_H_MM - CORNER_CROSS_MM),
        (A4_W_MM - CORNER_CROSS_MM, A4_H_MM - CORNER_CROSS_MM),
    ):
        _cross(canvas, cx * mm, cy * mm, arm)
        canvas.drawString((cx + 3.5) * mm, (cy + 1.5) * mm, f"{CORNER_CROSS_MM} мм")

    # Centre cross and scales: the tick labelled v sits v mm right of / above the centre,
    # so the fold through the true centre reads the offset to enter.
    cx, cy = w / 2, h / 2
    _cross(canvas, cx, cy, arm * 1.6)
    canvas.setFont(fonts.SANS, 6.5)
    for v in range(-SCALE_HALF_MM, SCALE_HALF_MM + 1):
        tick = 4 if v % 5 == 0 else 2
        x = cx + v * mm
        canvas.line(x, cy + 12 * mm, x, cy + (12 + tick) * mm)  # X scale above the cross
        y = cy + v * mm
        canvas.line(cx + 12 * mm, y, cx + (12 + tick) * mm, y)  # Y scale right of the cross
        if v % 5 == 0:
            canvas.drawCentredString(x, cy + 17.5 * mm, f"{v:+d}" if v else "0")
            canvas.drawString(cx + 17.5 * mm, y - 2, f"{v:+d}" if v else "0")
    canvas.line(cx - SCALE_HALF_MM * mm, cy + 12 * mm, cx + SCALE_HALF_MM * mm, cy + 12 * mm)
    canvas.line(cx + 12 * mm, cy - SCALE_HALF_MM * mm, cx + 12 * mm, cy + SCALE_HALF_MM * mm)
    canvas.setFont(fonts.SANS_BOLD, 8)
    canvas.drawCentredString(cx, cy + 22 * mm, "X (мм / mm)")
    canvas.drawString(cx + 25 * mm, cy - 1, "Y (мм / mm)")

    # Text.
    canvas.setFont(fonts.SANS_BOLD, 12)
    canvas.drawString(28 * mm, h - 66 * mm, TITLE)
    canvas.setFont(fonts.SANS, 9.5)
    y = h - 74 * mm
    for line in INSTRUCTIONS_RU:
        canvas.drawString(28 * mm, y, line)
        y -= 5 * mm
    y -= 2 * mm
    canvas.setFillGray(0.3)
    for line in INSTRUCTIONS_EN:
        canvas.drawString(28 * mm, y, line)
        y -= 5 * mm
    canvas.setFillGray(0)
    canvas.setFont(fonts.SANS, 9)
    canvas.drawString(
        28 * mm,
        60 * mm,
        f"Сейчас действуют поправки / offsets in use: X {offset_mm[0]:+.1f} мм, Y {offset_mm[1]:+.1f} мм",
    )
    canvas.restoreState()


def render_calibration(offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """The calibration page as a PDF document."""
    canvas, buffer = new_canvas((A4_W_MM * g.MM, A4_H_MM * g.MM), "Printer calibration")
    draw_calibration(canvas, offset_mm)
    canvas.showPage()
    return finish(canvas, buffer)
