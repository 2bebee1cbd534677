"""platypus flowables that lay each paragraph out once.

platypus breaks a paragraph into lines (``Paragraph.wrap``) every time it is measured,
and containers measure their content before they place it: ``KeepTogether`` (a letter's
return-address block) measures its paragraphs, then the frame measures each again at
the same width; ``KeepInFrame`` (a profile sheet) measures the whole sheet, then draws
it at the width it measured less reportlab's 1e-6 tolerance (``_FUZZ``), so every
paragraph was broken into lines twice. Here a paragraph keeps the lines of its last
layout for the same width, and an unscaled ``KeepInFrame`` draws at the width it
measured. Its paragraphs are left-aligned, where the width only decides the line breaks:
the drawing is the same (tests/test_render_reuse.py compares the bytes).

Both classes subclass reportlab's, so they are made on first use (reportlab is slow to
import and ``letterkit --help`` never draws).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from letterkit.render.lru import LRU

PARSED_CACHE_SIZE = 2000  # distinct paragraphs kept parsed (a batch repeats few)

# What Paragraph.wrap and Paragraph.breakLines leave on the paragraph
# (reportlab/platypus/paragraph.py): restoring them is the layout.
_LAYOUT = (
    "width",
    "height",
    "blPara",
    "_wrapWidths",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


@cache
def paragraph_class() -> type:
    """``Paragraph``, breaking its lines once per width."""
    from reportlab.platypus import Paragraph  # deferred: reportlab is slow to import

    class OnceParagraph(Paragraph):
        _laid_out: tuple[float, dict[str, Any]] | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            memo = self._laid_out
            if memo is not None and memo[0] == availWidth:
                self.__dict__.update(memo[1])
                return self.width, self.height
            size = super().wrap(availWidth, availHeight)
            state = self.__dict__
            self._laid_out = (availWidth, {k: state[k] for k in _LAYOUT if k in state})
            return size

    return OnceParagraph


@cache
def keep_in_frame_class() -> type:
    """``KeepInFrame`` that, unscaled, draws its content at the width it measured it at."""
    # deferred: reportlab is slow to import
    from reportlab.platypus import KeepInFrame
    from reportlab.platypus.flowables import _Container

    class MeasuredKeepInFrame(KeepInFrame):
        _measured_width: float | None = None

        def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
            size = super().wrap(availWidth, availHeight)
            # KeepInFrame.wrap measures its content at this width (when it did not scale)
            self._measured_width = float(min(self.maxWidth or availWidth, availWidth))
            return size

        def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
            if getattr(self, "_scale", 1.0) != 1.0 or self.mode == "truncate":
                super().drawOn(canv, x, y, _sW)
                return
            _Container.drawOn(self, canv, x, y, _sW=_sW, scale=1.0, aW=self._measured_width)

    return MeasuredKeepInFrame


class Paragraphs:
    """Makes paragraphs, parsing each distinct (text, style, bullet) once.

    platypus parses a paragraph's markup into styled fragments when it is made, a third
    of the cost of a letter; a batch repeats most of its paragraphs (the date, the
    caption and return address of every letter, a profile's headings and rules). A new
    paragraph gets the fragments parsed before (platypus's ``frags`` argument: line
    breaking builds its own lists from them, it never changes them). One per renderer:
    the styles it is given must outlive it."""

    def __init__(self, size: int = PARSED_CACHE_SIZE) -> None:
        self._parsed: LRU[tuple[Any, Any, Any, Any]] = LRU(size)

    def __call__(self, text: str, style: Any, bulletText: str | None = None) -> Any:
        cls = paragraph_class()
        key = (text, id(style), bulletText)
        parsed = self._parsed.get(key)
        if parsed is None or parsed[0] is not style:
            made = cls(text, style, bulletText=bulletText)
            self._parsed[key] = (style, made.style, made.frags, made.bulletText)
            return made
        _given, parsed_style, frags, bullet = parsed
        # as Paragraph._setup keeps a parse (the cleaned text only fed the parser)
        return cls(text, parsed_style, bulletText=bullet, frags=frags)
