"""A page counter over one shared canvas: pages drawn, and runs of pages of one kind.

Batch printing draws envelopes, label sheets, letters and profile sheets on one canvas;
:class:`PageCounter` counts the pages and records :class:`Section` runs for the summary.
Without a canvas (a dry run) it only counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Section:
    """A run of pages of one kind, for the summary (print ranges on the right paper)."""

    title: str
    first: int
    last: int

    @property
    def pages(self) -> int:
        return self.last - self.first + 1


class PageCounter:
    """Counts pages and sections on a shared canvas (``None``: count only)."""

    def __init__(self, canvas: Canvas | None) -> None:
        self.canvas = canvas
        self.count = 0
        self.sections: list[Section] = []
        self._open: tuple[str, int] | None = None

    def begin(self, title: str) -> None:
        self.end()
        self._open = (title, self.count + 1)

    def end(self) -> None:
        if self._open is not None and self.count >= self._open[1]:
            self.sections.append(Section(self._open[0], self._open[1], self.count))
        self._open = None

    def page(self, size: tuple[float, float]) -> Canvas | None:
        """Start a page of ``size``; call :meth:`done` after drawing it."""
        if self.canvas is not None:
            self.canvas.setPageSize(size)
        return self.canvas

    def done(self) -> None:
        if self.canvas is not None:
            self.canvas.showPage()
        self.count += 1
