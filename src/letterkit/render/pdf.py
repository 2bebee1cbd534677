"""A reportlab canvas set up the letterkit way: deterministic, private, actual size.

- ``invariant=1``: no timestamps or random IDs, so the same input gives the same bytes.
- Metadata names no user, host or path: author empty, creator ``letterkit``.
- Viewer preference ``PrintScaling /None`` so printers print at actual size (PDF 1.7,
  ISO 32000-1 §12.2, table 150): an envelope scaled to fit lands off its stencil.
- Streams are Flate-compressed binary, without reportlab's default ASCII85 layer: that
  layer makes every stream 25 % larger and costs a third of the save time
  (benchmarks/bench.py measures it).
- Text in a TrueType font is encoded by :class:`FastSplit`, reportlab's own encoding
  done in C for text whose characters the document's font subset already holds (the
  same bytes; most of a batch's text is).
- Every page starts on an embedded font (PT Sans, or PT Serif for letters) instead of
  reportlab's default, Helvetica, one of the standard 14 fonts a PDF names without
  embedding (``rl_config.canvas_basefontname``): preflight tools flag those, and a
  viewer substitutes whatever it has.
"""

from __future__ import annotations

import functools
import io
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from letterkit import __version__
from letterkit.render import fonts
from letterkit.render import geometry as g

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


# The font and size a page's text state starts with, before anything is drawn.
INITIAL_FONT_PT = 10


def initial_font(font: str = fonts.SANS) -> dict[str, object]:
    """Canvas keyword arguments that start every page on ``font`` (registered here)."""
    return {
        "initialFontName": fonts.register(font),
        "initialFontSize": INITIAL_FONT_PT,
        "initialLeading": INITIAL_FONT_PT * 1.2,
    }


def new_canvas(
    pagesize: tuple[float, float], title: str, font: str = fonts.SANS
) -> tuple[Canvas, io.BytesIO]:
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfgen.canvas import Canvas

    speed_up_fonts()
    speed_up_formatting()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=1, **initial_font(font))
    apply_metadata(canvas, title)
    return canvas, buffer


class FastSplit:
    """reportlab's ``TTFont.splitString`` (reportlab/pdfbase/ttfonts.py) with a fast path.

    reportlab encodes text in a TrueType font character by character in Python, giving
    each new character of a document the next code of the font's subset (subsets of 256
    codes; a code once given never changes). Text whose characters all have a code in
    the first subset already is that text through one translation table: the same
    ``[(0, bytes)]`` reportlab gives, made in C (a tenth of the time). Anything else (a
    character seen for the first time, one the font lacks, codes past the first subset)
    goes to reportlab's own, and the table follows the codes it gives.
    tests/test_render_pdf.py compares the two on the same documents.
    """

    __slots__ = ("font", "original")

    def __init__(self, font: Any) -> None:
        self.font = font
        self.original = font.splitString

    def __call__(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        state = self.font.state.get(doc)
        table = getattr(state, "letterkit_table", None)
        if (
            table is not None
            and table[0] == len(state.assignments)
            and type(text) is str
            and table[1].issuperset(text)
        ):
            return [(0, text.translate(table[2]).encode("latin-1"))] if text else []
        result = self.original(text, doc, encoding)
        state = self.font.state[doc]
        if table is None or table[0] != len(state.assignments):
            state.letterkit_table = _subset_table(state.assignments)
        return result


# reportlab encodes a no-break space as a space (ttfonts.TTFont.splitString).
_NBSP, _SPACE = 0xA0, 0x20


def _subset_table(assignments: dict[int, int]) -> tuple[int, frozenset[str], dict[int, str]]:
    """(how many codes it was made from, the characters in the first subset, their
    translation table to the subset's codes as latin-1 characters)."""
    table = {char: chr(code) for char, code in assignments.items() if code < 256}
    if _SPACE in table:
        table[_NBSP] = table[_SPACE]
    return len(assignments), frozenset(map(chr, table)), table


def speed_up_fonts() -> None:
    """Give every registered TrueType font the :class:`FastSplit` encoder (once each)."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(font, TTFont) and not isinstance(font.splitString, FastSplit):
            font.splitString = FastSplit(font)


# Distinct PDF names kept encoded (a document uses a few hundred: /Type, /Page, /Font,
# one /FormXob.lkN per form …).
NAME_CACHE_SIZE = 4096


@functools.cache
def speed_up_formatting() -> None:
    """reportlab's object formatter (``pdfdoc.format``) and name maker (``pdfdoc.PDFName``)
    with fast paths, once per process: saving a batch formats some 45 values for every
    page (the page dictionary, its resources), most of them names, numbers and
    references, through a chain of type tests, and re-escapes the same few names each
    time. The same bytes (reportlab/pdfbase/pdfdoc.py, BSD licence:
    https://hg.reportlab.com/hg-public/reportlab/file/tip/src/reportlab/pdfbase/pdfdoc.py):
    a ``str``, ``bytes``, ``int`` or ``float`` value takes the branch reportlab gives it,
    a name made once is looked up, everything else is reportlab's own.
    tests/test_render_pdf.py compares documents saved with and without them."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase import pdfdoc

    original_format, original_name, fp_str = pdfdoc.format, pdfdoc.PDFName, pdfdoc.fp_str
    names: dict[str, str] = {}
    encoded: dict[str, bytes] = {}

    def pdf_name(data: Any, lo: str = chr(0x21), hi: str = chr(0x7E)) -> str:
        if type(data) is not str or lo != chr(0x21) or hi != chr(0x7E):
            return original_name(data, lo, hi)
        name = names.get(data)
        if name is None:
            name = original_name(data)
            if len(names) < NAME_CACHE_SIZE:
                names[data] = name
        return name

    def format_value(element: Any, document: Any, toplevel: int = 0) -> bytes:
        kind = type(element)
        if kind is str:  # no PDFObject, no number, no bytes: reportlab's pdfdocEnc
            if element[:1] != "/":
                return element.encode("extpdfdoc")
            out = encoded.get(element)
            if out is None:
                out = element.encode("extpdfdoc")
                if len(encoded) < NAME_CACHE_SIZE:
                    encoded[element] = out
            return out
        if kind is bytes:
            return element
        if kind is int or kind is float:
            return fp_str(element).encode("extpdfdoc")
        return original_format(element, document, toplevel)

    pdf_name.original = original_name  # type: ignore[attr-defined]
    format_value.original = original_format  # type: ignore[attr-defined]
    pdfdoc.PDFName = pdf_name
    pdfdoc.format = format_value


@functools.cache
def _streamed_file() -> type:
    """reportlab's ``PDFFile`` (the formatted document's pieces and their offsets) with
    each piece written to a ``BytesIO`` as it comes: ``getvalue()`` hands over that
    buffer without copying it (CPython), where joining a list of pieces held both."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab.pdfbase.pdfdoc import PDFFile

    class StreamedFile(PDFFile):
        def __init__(self, pdf_version: Any) -> None:
            self.buffer = io.BytesIO()
            super().__init__(pdf_version)  # its header goes to ``strings``
            for piece in self.strings:
                self.buffer.write(piece)
            self.strings = []
            self.write = self.buffer.write

        def format(self, document: Any) -> bytes:
            return self.buffer.getvalue()

    return StreamedFile


def footer_canvas_class(footer: Callable[[int, int], str | None], *, size: float, grey: float):
    """A Canvas class for a platypus document that writes ``footer(page, total)`` centred at
    the foot of every page (nothing where it gives None) — the total known only when the
    document is saved, so each page is kept until then."""
    from reportlab.pdfgen.canvas import Canvas  # deferred: reportlab is slow to import

    class FooterCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            kwargs.update(initial_font(fonts.SERIF))
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self):
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                text = footer(self._pageNumber, total)
                if text is not None:
                    self.setFont(fonts.SERIF, size)
                    self.setFillGray(grey)
                    self.drawCentredString(
                        g.A4_MM[0] * g.MM / 2, g.PAGE_NUMBER_FROM_BOTTOM_MM * g.MM, text
                    )
                super().showPage()
            super().save()

    return FooterCanvas


def apply_metadata(canvas: Canvas, title: str) -> None:
    canvas.setTitle(title)
    canvas.setAuthor("")
    canvas.setSubject("")
    canvas.setCreator(f"letterkit {__version__}")
    canvas.setProducer("letterkit (ReportLab)")
    canvas.setViewerPreference("PrintScaling", "None")


def finish(canvas: Canvas, buffer: io.BytesIO) -> bytes:
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    import gc

    from reportlab import rl_config

    # Streams get their filters when the document is formatted, i.e. in save().
    previous = rl_config.useA85
    rl_config.useA85 = 0
    # Formatting a big document makes millions of short-lived objects, none of them in
    # cycles; the cyclic collector would rescan every page still held, again and again
    # (15 % of the save time of 10 000 envelopes). Reference counting frees them anyway.
    collecting = gc.isenabled()
    gc.disable()
    try:
        # The document's bytes as reportlab joins them: saving into ``buffer`` and then
        # ``getvalue()`` would hold two more copies of the whole PDF at the peak.
        doc = canvas._doc
        doc.format = types.MethodType(format_releasing, doc)
        pdf = canvas.getpdfdata()
    finally:
        rl_config.useA85 = previous
        if collecting:
            gc.enable()
    return pdf


def format_releasing(doc: Any) -> bytes:
    """reportlab's ``PDFDocument.format`` (reportlab/pdfbase/pdfdoc.py, BSD licence:
    https://hg.reportlab.com/hg-public/reportlab/file/tip/src/reportlab/pdfbase/pdfdoc.py),
    the same bytes, except that each object lets go of its content once it is written:
    reportlab keeps every page's text until the end, so the saved document, the formatted
    pieces and the pages all peaked together (a quarter of a big batch's memory). The
    pieces go straight into one growing buffer (:func:`_streamed_file`) instead of a
    list joined at the end, which held the document twice at the peak.
    tests/test_render_reuse.py checks the bytes against reportlab's own."""
    # deferred: reportlab costs ~100 ms at start-up (letterkit --help never draws)
    from reportlab import rl_config
    from reportlab.pdfbase.pdfdoc import (
        PDFCrossReferenceTable,
        PDFFile,
        PDFIndirectObject,
        PDFPage,
        PDFStream,
        PDFTrailer,
    )

    doc.encrypt.prepare(doc)
    cat = doc.Catalog
    info = doc.info
    doc.Reference(cat)
    doc.Reference(info)
    encryptref = None
    encryptinfo = doc.encrypt.info()
    if encryptinfo:
        encryptref = doc.Reference(encryptinfo)
    counter = 0
    ids = []
    numbertoid = doc.numberToId
    id_to_object = doc.idToObject
    id_to_offset = doc.idToOffset
    # objects made while formatting are appended to numberToId as the loop runs
    signed = bool(getattr(doc, "_digiSigs", None))  # signing reads reportlab's own list
    doc._PDFDocument__accum__ = out = (PDFFile if signed else _streamed_file())(doc._pdfVersion)
    while True:
        counter += 1
        if counter not in numbertoid:
            break
        oid = numbertoid[counter]
        obj = id_to_object[oid]
        formatted = PDFIndirectObject(oid, obj).format(doc)
        if not rl_config.invariant and rl_config.pdfComments:
            out.add(f"% {oid!a}: class {type(obj).__name__[:50]} \n")
        id_to_offset[oid] = out.add(formatted)
        ids.append(oid)
        # Written: nothing reads these again. A page stays listed in the page tree,
        # which needs its name only; its stream became its Contents object.
        if type(obj) is PDFStream:
            obj.content = ""
        elif type(obj) is PDFPage:
            obj.__dict__ = {"__InternalName__": obj.__InternalName__}
    del doc._PDFDocument__accum__
    count = len(numbertoid)
    if counter - 1 != count:
        raise ValueError(f"counter {counter} doesn't match number to id dictionary {count}")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    xref_offset = out.add(xref.format(doc))
    trailer = PDFTrailer(
        startxref=xref_offset,
        Size=count + 1,
        Root=doc.Reference(cat),
        Info=doc.Reference(info),
        Encrypt=encryptref,
        ID=doc.ID(),
    )
    out.add(trailer.format(doc))
    for signature in getattr(doc, "_digiSigs", []):
        signature.sign(out)
    return out.format(doc)
