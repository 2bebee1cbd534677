"""Reading PDFs back the way a reviewer looks at them (rst2pdf-style golden checks)."""

from __future__ import annotations

import io
from dataclasses import dataclass

MM = 72 / 25.4


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float  # from the top of the page, points
    bottom: float


def words(pdf: bytes, page: int = 0) -> tuple[list[Word], float, float]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        p = doc.pages[page]
        found = [
            Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
            for w in p.extract_words(keep_blank_chars=False, use_text_flow=True)
        ]
        return found, float(p.width), float(p.height)


def lines(pdf: bytes, page: int = 0, *, tolerance: float = 2.0) -> list[tuple[str, Word]]:
    """Text lines in reading order, each with the box of its first word."""
    found, _, _ = words(pdf, page)
    found.sort(key=lambda w: (round(w.top / tolerance), w.x0))
    out: list[tuple[list[Word], float]] = []
    for w in found:
        if out and abs(out[-1][1] - w.top) <= tolerance and w.x0 >= out[-1][0][-1].x0:
            out[-1][0].append(w)
        else:
            out.append(([w], w.top))
    return [(" ".join(x.text for x in ws), ws[0]) for ws, _ in out]


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def page_size_mm(pdf: bytes, page: int = 0) -> tuple[float, float]:
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[page].mediabox
    return float(box.width) / MM, float(box.height) / MM


def text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
