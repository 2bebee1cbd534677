"""Fitting text into a box: wrap long lines, then shrink to a floor, never clip.

A line on an envelope that is cut off is a letter that does not arrive, so text is never
clipped: long lines wrap, then shrink down to a floor (about 8 pt, ``geometry.MIN_PT``);
past the floor it is a LayoutError naming the field. tests/test_directory_fits.py checks
this on every address in the shipped directory.
"""

from __future__ import annotations

from dataclasses import dataclass

from letterkit.errors import LayoutError


@dataclass(frozen=True, slots=True)
class Line:
    """One logical line to fit; ``field`` names it in errors (e.g. "facility")."""

    text: str
    field: str
    caption: str | None = None
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One printed row: a piece of a wrapped line."""

    text: str
    caption: str | None
    bold: bool
    continuation: bool


@dataclass(frozen=True, slots=True)
class Fitted:
    size: float
    leading: float
    rows: list[Row]


# Tokens never separated from their neighbour by a line break: a short abbreviation
# keeps its word (``г. Тверь``, ``д. 71``, ``№ 5``) and ``1995 г. р.`` stays whole.
_NO_BREAK_BEFORE = frozenset({"г.", "р.", "г.р.", "г.р"})


def _units(text: str) -> list[str]:
    """Words glued into the units a line may break between."""
    units: list[str] = []
    for word in text.split(" "):
        if units and (
            word in _NO_BREAK_BEFORE
            or units[-1] == "№"
            or (units[-1].endswith(".") and len(units[-1].rsplit(" ", 1)[-1]) <= 5)
        ):
            units[-1] = f"{units[-1]} {word}"
        else:
            units.append(word)
    return units


# stringWidth results by (text, font, size): a batch fits the same facility, street and
# region lines, and the same candidate rows at each size it tries, over and over.
_WIDTHS: dict[tuple[str, str, float], float] = {}
_WIDTHS_MAX = 50_000  # entries (about 15 MB at worst); the cache restarts when full
_string_width = None


def string_width(text: str, font: str, size: float) -> float:
    """``reportlab.pdfbase.pdfmetrics.stringWidth``, memoised (same values, bit for bit)."""
    key = (text, font, size)
    width = _WIDTHS.get(key)
    if width is None:
        global _string_width
        if _string_width is None:
            # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
            from reportlab.pdfbase.pdfmetrics import stringWidth

            _string_width = stringWidth
        if len(_WIDTHS) >= _WIDTHS_MAX:
            _WIDTHS.clear()
        width = _WIDTHS[key] = _string_width(text, font, size)
    return width


def wrap(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy wrap between units; None when a single unit is wider than ``width``."""
    if string_width(text, font, size) <= width:
        return [text]
    rows: list[str] = []
    current = ""
    for word in _units(text):
        if string_width(word, font, size) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, font, size) <= width:
            current = candidate
        else:
            rows.append(current)
            current = word
    if current:
        rows.append(current)
    return rows


# Rows of one line at one size and width: a batch fits the same facility, street and
# region lines for every person there, at every size it tries. Rows are immutable, so
# blocks share them.
_LINE_ROWS: dict[tuple[str, str | None, bool, str, float, float], tuple[Row, ...] | None] = {}
_LINE_ROWS_MAX = 50_000  # entries; the cache restarts when full


def _line_rows(line: Line, font: str, size: float, width: float) -> tuple[Row, ...] | None:
    """``line`` wrapped into rows (None when one word is wider than ``width``)."""
    key = (line.text, line.caption, line.bold, font, size, width)
    try:
        return _LINE_ROWS[key]
    except KeyError:
        pass
    pieces = wrap(line.text, font, size, width)
    rows = (
        None
        if pieces is None
        else tuple(
            Row(piece, line.caption if i == 0 else None, line.bold, i > 0)
            for i, piece in enumerate(pieces)
        )
    )
    if len(_LINE_ROWS) >= _LINE_ROWS_MAX:
        _LINE_ROWS.clear()
    _LINE_ROWS[key] = rows
    return rows


def fit_lines(
    lines: list[Line],
    *,
    font: str,
    bold_font: str,
    width: float,
    height: float,
    start_size: float,
    min_size: float,
    step: float,
    line_spacing: float,
    what: str,
) -> Fitted:
    """The largest size from ``start_size`` down to ``min_size`` at which all lines fit."""
    size = start_size
    while size >= min_size - 1e-9:
        leading = size * line_spacing
        rows: list[Row] | None = []
        for line in lines:
            line_rows = _line_rows(line, bold_font if line.bold else font, size, width)
            if line_rows is None:
                rows = None
                break
            rows.extend(line_rows)
        if rows is not None and len(rows) * leading <= height + 1e-6:
            return Fitted(size, leading, rows)
        size -= step
    culprit = _widest(lines, font, min_size, width)
    raise LayoutError(
        f"the {culprit.field} «{culprit.text}» does not fit in the {what} even at {min_size:g} pt",
        hint="use a larger envelope (--envelope C5 or C4) or shorten the text",
    )


def _widest(lines: list[Line], font: str, size: float, width: float) -> Line:
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def overflow(line: Line) -> float:
        return max(stringWidth(w, font, size) for w in line.text.split(" ")) / width + (
            stringWidth(line.text, font, size) / width
        )

    return max(lines, key=overflow)
