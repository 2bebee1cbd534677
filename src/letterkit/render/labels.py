"""Recipient blocks on A4 label sheets (``letterkit batch --labels TOKEN``).

Sheet geometry is data (``data/labels.toml``, manufacturers' dimensions with their
sources). Labels are filled row by row, left to right; ``start`` (1-based) skips labels
already used on the first sheet. Each label carries the recipient block in Russian
Post order (the same lines as the envelope, without the «Кому / Куда» captions that a
printed envelope already has), fitted with :mod:`letterkit.render.fit`: wrap, then
shrink down to the floor, never clip.

Printers cannot print to the paper's edge: the text of every label stays inside the
sheet's printable area (``printable_margin`` in the data, at least 5 mm), padded in on
the labels that touch it. Every label of a sheet gets the size that fits its smallest
text box, so a sheet reads evenly. ``custom:COLSxROWS-WxH[+LEFT,TOP[,HGAP,VGAP]]`` (mm,
A4) describes a sheet that is not shipped.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from letterkit import resources
from letterkit.address.format import envelope_fields
from letterkit.errors import DataError, NotFoundError
from letterkit.i18n import _
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.fit import Fitted, Line, fit_lines
from letterkit.render.lru import FIT_CACHE_SIZE, LRU
from letterkit.render.pages import PageCounter
from letterkit.render.pdf import finish, new_canvas

if TYPE_CHECKING:
    from letterkit.models import Address

# Choice: text keeps this far from every label edge (die-cut tolerance is about 1 mm).
LABEL_PADDING_MM = 2.0
# Choice: start a little smaller than the envelope (12 pt) — labels are small —
# and shrink to the same floor as the envelope (geometry.MIN_PT, about 8 pt).
LABEL_PT = 11
LABEL_MIN_PT = g.MIN_PT
LABEL_LINE_SPACING = 1.15  # choice: tighter than the envelope's 1.3
A4_WIDTH_MM, A4_HEIGHT_MM = g.A4_MM
# The least printable margin accepted from the data (printers leave about 4 mm blank;
# data/labels.toml gives the value used and its reason).
MIN_PRINTABLE_MARGIN_MM = 5.0
# Choice: a label whose text box is narrower or lower than this cannot hold an address.
MIN_TEXT_BOX_MM = (30.0, 15.0)
CUSTOM_PREFIX = "custom:"
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_CUSTOM = re.compile(
    rf"(\d+)x(\d+)-{_NUMBER}x{_NUMBER}(?:\+{_NUMBER},{_NUMBER}(?:,{_NUMBER},{_NUMBER})?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SheetSpec:
    token: str
    description: str
    columns: int
    rows: int
    width: float  # mm
    height: float
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    printable_margin: float = MIN_PRINTABLE_MARGIN_MM

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def text_box(self, index: int, padding: float = LABEL_PADDING_MM) -> tuple[float, ...]:
        """Where label ``index``'s text may go, (x0, y0, x1, y1) in mm, y up from the
        bottom: the label less its padding, less what lies in the unprintable margin."""
        x, y, w, h = self.rect(index)
        m = self.printable_margin
        return (
            max(x + padding, m),
            max(y + padding, m),
            min(x + w - padding, A4_WIDTH_MM - m),
            min(y + h - padding, A4_HEIGHT_MM - m),
        )

    def smallest_text_box(self) -> tuple[float, float]:
        """(width, height) in mm of the smallest text box on the sheet."""
        boxes = [self.text_box(i) for i in range(self.per_sheet)]
        return min(b[2] - b[0] for b in boxes), min(b[3] - b[1] for b in boxes)

    def rect(self, index: int) -> tuple[float, float, float, float]:
        """Label ``index`` (0-based on its sheet) as (x, y, w, h) in mm, y up from the bottom."""
        col = index % self.columns
        row = index // self.columns
        x = self.left + col * self.pitch_x
        y_top = A4_HEIGHT_MM - (self.top + row * self.pitch_y)
        return (x, y_top - self.height, self.width, self.height)


def _labels_file() -> Path:
    return resources.data_dir() / "labels.toml"


def sheet_specs() -> dict[str, SheetSpec]:
    """All known label sheets, by token (case as in the data file)."""
    return _load()[1]


def printable_margin() -> float:
    """The printable-area margin of the data file, mm (custom sheets use it too)."""
    return _load()[0]


@cache
def _load() -> tuple[float, dict[str, SheetSpec]]:
    path = _labels_file()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(
            _("the label sheet file {path} cannot be read: {reason}").format(path=path, reason=exc)
        ) from None
    specs: dict[str, SheetSpec] = {}
    try:
        margin = float(raw["printable"]["margin"])
    except (KeyError, TypeError, ValueError):
        raise DataError(
            _("{path}: the printable margin ([printable] margin) is missing").format(path=path)
        ) from None
    if margin < MIN_PRINTABLE_MARGIN_MM:
        raise DataError(
            _("{path}: the printable margin is {value} mm, at least {min} mm is needed").format(
                path=path, value=margin, min=MIN_PRINTABLE_MARGIN_MM
            )
        )
    for index, item in enumerate(raw.get("sheet", []), start=1):
        try:
            spec = SheetSpec(
                token=str(item["token"]),
                description=str(item.get("description", "")),
                columns=int(item["columns"]),
                rows=int(item["rows"]),
                **{
                    k: float(item[k])
                    for k in ("width", "height", "left", "top", "pitch_x", "pitch_y")
                },
                printable_margin=max(margin, float(item.get("printable_margin", margin))),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(
                _("{path}: sheet {index} lacks or has a bad field {field}").format(
                    path=path, index=index, field=exc
                )
            ) from None
        problem = _geometry_problem(spec)
        if problem:
            raise DataError(
                _("{path}: sheet {sheet}: {problem}").format(
                    path=path, sheet=spec.token, problem=problem
                )
            )
        specs[spec.token] = spec
    return margin, specs


def _geometry_problem(spec: SheetSpec) -> str | None:
    """Why a sheet cannot be printed on, or None."""
    right = spec.left + (spec.columns - 1) * spec.pitch_x + spec.width
    bottom = spec.top + (spec.rows - 1) * spec.pitch_y + spec.height
    if spec.left < 0 or spec.top < 0 or right > A4_WIDTH_MM + 0.01 or bottom > A4_HEIGHT_MM + 0.01:
        return _("the labels do not fit on A4 ({right:g} × {bottom:g} mm)").format(
            right=right, bottom=bottom
        )
    width, height = spec.smallest_text_box()
    if width < MIN_TEXT_BOX_MM[0] or height < MIN_TEXT_BOX_MM[1]:
        return _(
            "inside the printable area a label holds only {w:.0f} × {h:.0f} mm of text "
            "(at least {min_w:g} × {min_h:g} mm)"
        ).format(w=width, h=height, min_w=MIN_TEXT_BOX_MM[0], min_h=MIN_TEXT_BOX_MM[1])
    return None


def custom_sheet(token: str) -> SheetSpec:
    """``custom:COLSxROWS-WxH[+LEFT,TOP[,HGAP,VGAP]]`` (mm, A4). Without LEFT and TOP the
    grid is centred on the page; gaps default to 0."""
    text = token.strip()[len(CUSTOM_PREFIX) :].replace(" ", "")
    match = _CUSTOM.fullmatch(text)
    hint = _("e.g. custom:3x8-70x37 or custom:2x7-99.1x38.1+4.65,15.15,2.5,0")
    if match is None:
        raise NotFoundError(
            _(
                "'{token}' is not a label sheet: expected custom:COLSxROWS-WxH[+LEFT,TOP[,HGAP,VGAP]]"
            ).format(token=token),
            hint=hint,
        )
    cols, rows = int(match[1]), int(match[2])
    width, height = (float(match[i].replace(",", ".")) for i in (3, 4))
    hgap = float(match[7].replace(",", ".")) if match[7] else 0.0
    vgap = float(match[8].replace(",", ".")) if match[8] else 0.0
    if match[5] is not None:
        left, top = float(match[5].replace(",", ".")), float(match[6].replace(",", "."))
    else:
        left = (A4_WIDTH_MM - cols * width - (cols - 1) * hgap) / 2
        top = (A4_HEIGHT_MM - rows * height - (rows - 1) * vgap) / 2
    if cols < 1 or rows < 1:
        raise NotFoundError(
            _("'{token}': a sheet needs at least one label").format(token=token), hint=hint
        )
    margin = printable_margin()
    spec = SheetSpec(
        token=token.strip(),
        description=_("custom sheet"),
        columns=cols,
        rows=rows,
        width=width,
        height=height,
        left=round(left, 3),
        top=round(top, 3),
        pitch_x=width + hgap,
        pitch_y=height + vgap,
        printable_margin=margin,
    )
    problem = _geometry_problem(spec)
    if problem:
        raise NotFoundError(
            _("'{token}': {problem}").format(token=token, problem=problem), hint=hint
        )
    return spec


def sheet_spec(token: str) -> SheetSpec:
    """The sheet for a token (case-insensitive); NotFoundError listing the known tokens."""
    key = (token or "").strip()
    if key.casefold().startswith(CUSTOM_PREFIX):
        return custom_sheet(key)
    specs = sheet_specs()
    for name, spec in specs.items():
        if name.casefold() == key.casefold():
            return spec
    raise NotFoundError(
        _("unknown label sheet '{name}'").format(name=token),
        hint=_("known sheets: {names}, or custom:COLSxROWS-WxH[+LEFT,TOP[,HGAP,VGAP]]").format(
            names=", ".join(specs)
        ),
    )


def label_lines(address: Address) -> list[tuple[str, str]]:
    """(text, field) pairs of the recipient block, Russian Post order."""
    lines, names = envelope_fields(address)
    return list(zip(lines, names, strict=True))


@dataclass(frozen=True)
class LabelBlock:
    """Lines to print on a label that are not a recipient's address (the writer's
    address on a return-address label): (text, field) pairs."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def of_lines(cls, lines: Sequence[str]) -> LabelBlock:
        """The first line is the name (bold), the others the writer's address."""
        fields = ["name", *["writer's address line"] * (len(lines) - 1)]
        return cls(tuple(zip(lines, fields, strict=False)))


class LabelSheetRenderer:
    """Draws recipient blocks on sheets of one kind; fits each distinct block once."""

    def __init__(self, token: str, offset_mm: tuple[float, float] = (0.0, 0.0)) -> None:
        self.spec = sheet_spec(token)
        self.offset = (offset_mm[0] * g.MM, offset_mm[1] * g.MM)
        self.pagesize = (A4_WIDTH_MM * g.MM, A4_HEIGHT_MM * g.MM)
        fonts.register_sans()
        box_w, box_h = self.spec.smallest_text_box()
        self.inner_w = box_w * g.MM
        self.inner_h = box_h * g.MM
        self._fitted: LRU[Fitted] = LRU(FIT_CACHE_SIZE)  # distinct blocks, most recent

    def fit(self, block: Address | LabelBlock) -> Fitted:
        """Fit an address (its recipient block) or a :class:`LabelBlock` once."""
        pairs = block.pairs if isinstance(block, LabelBlock) else label_lines(block)
        key = tuple(pairs)
        fitted = self._fitted.get(key)
        if fitted is None:
            lines = [
                Line(text, name, None, bold=name in ("name", "postcode")) for text, name in pairs
            ]
            fitted = fit_lines(
                lines,
                font=fonts.SANS,
                bold_font=fonts.SANS_BOLD,
                width=self.inner_w,
                height=self.inner_h,
                start_size=LABEL_PT,
                min_size=LABEL_MIN_PT,
                step=g.SIZE_STEP_PT,
                line_spacing=LABEL_LINE_SPACING,
                what=f"{self.spec.width:g} × {self.spec.height:g} mm label ({self.spec.token})",
            )
            self._fitted[key] = fitted
        return fitted

    def sheets_needed(self, count: int, start: int = 1) -> int:
        return -(-(start - 1 + count) // self.spec.per_sheet) if count else 0

    def draw_label(self, canvas: Any, index: int, fitted: Fitted) -> None:
        """Draw one fitted block in label ``index`` (0-based) of the current sheet."""
        x0, y0, _x1, y1 = self.spec.text_box(index)
        mm = g.MM
        left = x0 * mm
        block = len(fitted.rows) * fitted.leading
        top = y1 * mm - ((y1 - y0) * mm - block) / 2  # centred vertically in its box
        baseline = top - fitted.size * 0.9
        canvas.setFillGray(0)
        for row in fitted.rows:
            canvas.setFont(fonts.SANS_BOLD if row.bold else fonts.SANS, fitted.size)
            canvas.drawString(left, baseline, row.text)
            baseline -= fitted.leading

    def draw_sheets(
        self,
        pages: PageCounter,
        addresses: Sequence[Address | LabelBlock],
        start: int = 1,
        on_label: Callable[[], None] | None = None,
    ) -> int:
        """Draw all labels on as many sheets as needed; ``pages`` is the batch page counter.

        Returns the number of sheets. ``start`` − 1 labels of the first sheet stay empty.
        """
        per_sheet = self.spec.per_sheet
        slot = start - 1
        sheets = 0
        canvas = None
        for address in addresses:
            if sheets == 0 or slot == per_sheet:
                if sheets:
                    self._end_sheet(pages)
                    slot = 0
                canvas = self._begin_sheet(pages)
                sheets += 1
            fitted = self.fit(address)
            if canvas is not False:
                self.draw_label(canvas, slot, fitted)
            slot += 1
            if on_label is not None:
                on_label()
        if sheets:
            self._end_sheet(pages)
        return sheets

    def _begin_sheet(self, pages: PageCounter) -> Any:
        canvas = pages.page(self.pagesize)
        if canvas is None:
            return False  # counting only
        canvas.saveState()
        if self.offset != (0, 0):
            canvas.translate(*self.offset)
        return canvas

    def _end_sheet(self, pages: PageCounter) -> None:
        if pages.canvas is not None:
            pages.canvas.restoreState()
        pages.done()


def render_label_sheets(
    addresses: Sequence[Address | LabelBlock],
    token: str,
    start: int = 1,
    offset_mm: tuple[float, float] = (0.0, 0.0),
) -> bytes:
    """Label sheets as a PDF document (without the batch machinery)."""
    renderer = LabelSheetRenderer(token, offset_mm)
    canvas, buffer = new_canvas(renderer.pagesize, f"Labels {renderer.spec.token}")
    renderer.draw_sheets(PageCounter(canvas), addresses, start)
    return finish(canvas, buffer)
