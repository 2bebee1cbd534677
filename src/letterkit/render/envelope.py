"""The envelope page: Russian Post layout (ГОСТ Р 51506-99 sizes, data in geometry.py).

Sender block («От кого» / «Откуда») top left, stamp field top right, recipient block
(«Кому» / «Куда») bottom right in Russian Post order, postcode stencil bottom left.
:class:`EnvelopeRenderer` keeps everything that does not change between envelopes, so
a batch of thousands draws on one canvas with fonts registered once.

Speed and size: what repeats between envelopes is drawn once per document as a form
XObject and referenced from each page: the frame (stamp field, captions, stencil bars,
the sender block, the recipient block's captions and rules: one form per block shape),
the stencil digits of each postcode, and each whole envelope that appears a second time
(a batch that repeats people). What is left on a page of its own is the recipient's
text, as one text object.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from letterkit.address.format import envelope_fields
from letterkit.international import destination_line, sender_country_line, validate_country
from letterkit.render import fonts
from letterkit.render import geometry as g
from letterkit.render.fit import Fitted, Line, fit_lines
from letterkit.render.lru import FIT_CACHE_SIZE, LRU
from letterkit.render.pdf import finish, new_canvas
from letterkit.render.stencil import draw_digits, draw_frame, draw_guides, has_digits

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.pathobject import PDFPathObject

    from letterkit.models import Address, Sender

CAPTION_TO = "Кому"
CAPTION_WHERE = "Куда"
CAPTION_FROM = "От кого"
CAPTION_FROM_WHERE = "Откуда"
CAPTION_INDEX_TO = "Индекс места назначения"
CAPTION_STAMP = "Место для марки"

# Form XObjects already defined in each document (canvas): key → form name. Names are
# short and given in drawing order, so the same input still gives the same bytes.
_CANVAS_FORMS: WeakKeyDictionary[Canvas, dict[Hashable, str]] = WeakKeyDictionary()
# Envelopes drawn inline once on each canvas: the second time, an envelope becomes a form.
# Only the most recent SEEN_SIZE are remembered (a long batch of distinct people would
# otherwise keep every one): a repeat further back is drawn inline once more.
_CANVAS_SEEN: WeakKeyDictionary[Canvas, LRU[bool]] = WeakKeyDictionary()
SEEN_SIZE = 16_384
RULE_GRAY = 0.7  # ruled lines under the rows
RULE_WIDTH = 0.4  # pt


@dataclass(slots=True)
class EnvelopeContent:
    """What goes on one envelope, already in print order."""

    recipient: list[str]  # first line is the person, the rest «Куда»
    postcode: str | None  # recipient postcode for the stencil
    sender: list[str] = field(default_factory=list)  # empty → ruled lines to fill in
    recipient_fields: list[str] | None = None  # field names of recipient lines, for errors
    # The Russian postcode stencil; off for a recipient abroad (a reply envelope to a
    # writer outside Russia: letterkit.international).
    stencil: bool = True


@dataclass(frozen=True, slots=True)
class FittedEnvelope:
    """An envelope's blocks fitted (a batch fits every envelope before drawing any, and
    draws each with the blocks it fitted)."""

    recipient: Fitted
    sender: Fitted | None
    digits: str | None  # the stencil's postcode, None for guides or no stencil


def envelope_content(address: Address, sender: Sender | None) -> EnvelopeContent:
    """Recipient lines from a validated address, sender lines from the profile/option."""
    lines, names = envelope_fields(address)
    sender_lines = list(sender.lines) if sender else []
    if sender is not None and sender.country != "RU":
        # International layout: the destination country last in the recipient block, the
        # writer's country last in theirs (letterkit/international.py).
        country = validate_country(sender.country)
        lines = [*lines, destination_line(country)]
        names = [*names, "country"]
        if sender_lines:
            sender_lines.append(sender_country_line(country))
    return EnvelopeContent(
        recipient=lines, postcode=address.postcode, sender=sender_lines, recipient_fields=names
    )


class EnvelopeRenderer:
    """Draws envelopes of one size; reusable across pages and documents."""

    def __init__(
        self, size: str = g.DEFAULT_ENVELOPE, offset_mm: tuple[float, float] = (0, 0)
    ) -> None:
        self.size = g.envelope_size(size)
        self.width = self.size.width_mm * g.MM
        self.height = self.size.height_mm * g.MM
        self.offset = (offset_mm[0] * g.MM, offset_mm[1] * g.MM)
        fonts.register_sans()
        # deferred: reportlab is slow to import
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._string_width = stringWidth
        w, h = self.size.width_mm, self.size.height_mm
        # Recipient block box (mm, y up from the bottom edge).
        self.rx = w * g.RECIPIENT_LEFT_SHARE
        self.rright = w - g.RECIPIENT_RIGHT_MM
        self.rbottom = g.RECIPIENT_BOTTOM_MM
        # The block stays in the bottom-right quadrant and below the stamp field.
        self.rtop = min(
            h * g.RECIPIENT_MAX_HEIGHT_SHARE,
            h - g.STAMP_INSET_MM - g.STAMP_HEIGHT_MM - g.RECIPIENT_TOP_GAP_MM,
        )
        # Sender block box.
        self.sx = g.SENDER_LEFT_MM
        self.stop = h - g.SENDER_TOP_MM
        self.sright = (
            min(w * g.SENDER_MAX_WIDTH_SHARE, self.rx - 5)
            if h < w
            else w - g.STAMP_INSET_MM - g.STAMP_WIDTH_MM - 5
        )
        self.sbottom = g.STENCIL_TOP_FROM_BOTTOM_MM + 8
        caption_w = max(
            stringWidth(c, fonts.SANS_ITALIC, g.CAPTION_PT) for c in (CAPTION_TO, CAPTION_WHERE)
        )
        self.r_caption_w = caption_w / g.MM + 2
        s_caption_w = max(
            stringWidth(c, fonts.SANS_ITALIC, g.CAPTION_PT)
            for c in (CAPTION_FROM, CAPTION_FROM_WHERE)
        )
        self.s_caption_w = s_caption_w / g.MM + 2
        self._rule_paths: dict[tuple[float, float, float, float, int], PDFPathObject] = {}

    @property
    def pagesize(self) -> tuple[float, float]:
        return (self.width, self.height)

    # -- layout ----------------------------------------------------------------------
    def fit_recipient(self, content: EnvelopeContent) -> Fitted:
        names = content.recipient_fields or ["line"] * len(content.recipient)
        lines = []
        for i, (text, name) in enumerate(zip(content.recipient, names, strict=False)):
            caption = CAPTION_TO if i == 0 else CAPTION_WHERE if i == 1 else None
            bold = i == 0 or (text == content.postcode)
            lines.append(Line(text, name, caption, bold))
        return fit_lines(
            lines,
            font=fonts.SANS,
            bold_font=fonts.SANS_BOLD,
            width=(self.rright - self.rx - self.r_caption_w) * g.MM,
            height=(self.rtop - self.rbottom) * g.MM,
            start_size=g.RECIPIENT_PT,
            min_size=g.MIN_PT,
            step=g.SIZE_STEP_PT,
            line_spacing=g.LINE_SPACING,
            what=f"recipient block of a {self.size.name} envelope",
        )

    def fit_sender(self, content: EnvelopeContent) -> Fitted | None:
        if not content.sender:
            return None
        lines = [
            Line(
                text,
                "sender line",
                CAPTION_FROM if i == 0 else CAPTION_FROM_WHERE if i == 1 else None,
            )
            for i, text in enumerate(content.sender)
        ]
        return fit_lines(
            lines,
            font=fonts.SANS,
            bold_font=fonts.SANS_BOLD,
            width=(self.sright - self.sx - self.s_caption_w) * g.MM,
            height=(self.stop - self.sbottom) * g.MM,
            start_size=g.SENDER_PT,
            min_size=g.MIN_PT,
            step=g.SIZE_STEP_PT,
            line_spacing=g.LINE_SPACING,
            what=f"sender block of a {self.size.name} envelope",
        )

    def fit(self, content: EnvelopeContent) -> FittedEnvelope:
        """Both blocks fitted; raises LayoutError when one does not fit."""
        recipient = self.fit_recipient(content)
        sender = self.fit_sender(content)
        digits = content.postcode if content.stencil and has_digits(content.postcode) else None
        return FittedEnvelope(recipient, sender, digits)

    # -- drawing ---------------------------------------------------------------------
    def draw(
        self, canvas: Canvas, content: EnvelopeContent, fitted: FittedEnvelope | None = None
    ) -> None:
        """Draw one envelope on the current page (call ``showPage`` after); ``fitted``:
        what :meth:`fit` gave for ``content`` on this renderer (fitted here otherwise)."""
        if fitted is None:
            fitted = self.fit(content)  # raises LayoutError before drawing
        recipient, sender, digits = fitted.recipient, fitted.sender, fitted.digits
        canvas.saveState()
        if self.offset != (0, 0):
            canvas.translate(*self.offset)
        # What the page shows, for the form of an envelope that repeats: the text decides
        # the layout (fitting is deterministic), so the key is the text's, tuples of the
        # strings the content holds already rather than of every fitted row.
        sender_text = tuple(content.sender)
        key = (
            "envelope",
            self.size.name,
            content.stencil,
            digits,
            sender_text,
            tuple(content.recipient),
            tuple(content.recipient_fields or ()),
        )

        def draw(canvas: Canvas) -> None:
            self._draw_envelope(
                canvas,
                recipient,
                sender,
                digits,
                stencil=content.stencil,
                sender_text=sender_text,
            )

        name = self._repeated_form(canvas, key, draw)
        if name is None:
            draw(canvas)
        else:
            canvas.doForm(name)
        canvas.restoreState()

    def _draw_envelope(
        self,
        canvas: Canvas,
        recipient: Fitted,
        sender: Fitted | None,
        digits: str | None,
        *,
        stencil: bool,
        sender_text: tuple[str, ...],
    ) -> None:
        frame = self._frame_form(
            canvas,
            recipient,
            sender,
            guides=stencil and digits is None,
            stencil=stencil,
            sender_text=sender_text,
        )
        canvas.doForm(frame)
        top = self._recipient_top(recipient)
        self._rows(canvas, recipient, self.rx, self.r_caption_w, self.rright, top, chrome=False)
        if digits is not None:
            canvas.doForm(self._digits_form(canvas, digits))

    # -- form XObjects: drawn once per document, referenced from every page ------------
    def _form(self, canvas: Canvas, key: Hashable, draw: Callable[[Canvas], None]) -> str:
        """The name of the form for ``key`` on this canvas, drawing it the first time."""
        forms = _CANVAS_FORMS.get(canvas)
        if forms is None:
            forms = _CANVAS_FORMS[canvas] = {}
        name = forms.get(key)
        if name is None:
            number = len(forms)
            while canvas.hasForm(f"lk{number}"):  # defined through another handle
                number += 1
            name = forms[key] = f"lk{number}"  # reserved: ``draw`` may define forms too
            try:
                canvas.beginForm(name, 0, 0, self.width, self.height)
                draw(canvas)
                canvas.endForm()
            except BaseException:
                del forms[key]
                raise
        return name

    def _repeated_form(
        self, canvas: Canvas, key: Hashable, draw: Callable[[Canvas], None]
    ) -> str | None:
        """None the first time ``key`` is drawn on this canvas (the caller draws it
        inline: a form used once only adds bytes), its form from the second time on."""
        forms = _CANVAS_FORMS.get(canvas)
        if forms is not None and key in forms:
            return forms[key]
        seen = _CANVAS_SEEN.get(canvas)
        if seen is None:
            seen = _CANVAS_SEEN[canvas] = LRU(SEEN_SIZE)
        if key not in seen:
            seen[key] = True
            return None
        seen.pop(key)
        return self._form(canvas, key, draw)

    def _frame_form(
        self,
        canvas: Canvas,
        recipient: Fitted,
        sender: Fitted | None,
        *,
        guides: bool,
        stencil: bool,
        sender_text: tuple[str, ...],
    ) -> str:
        """All but the recipient's text and the postcode digits: stamp field, index
        caption, stencil bars (or guides), the sender block, the captions and rules of
        the recipient block. One form per combination; a batch has a handful.
        ``sender_text``: the sender's lines, which decide its fitted block."""
        shape = (recipient.size, recipient.leading, tuple(row.caption for row in recipient.rows))

        def draw(canvas: Canvas) -> None:
            self._draw_static(canvas, guides=guides, stencil=stencil)
            self._draw_sender(canvas, sender)
            top = self._recipient_top(recipient)
            self._rows(canvas, recipient, self.rx, self.r_caption_w, self.rright, top, text=False)

        key = ("frame", self.size.name, guides, stencil, sender_text, shape)
        return self._form(canvas, key, draw)

    def _digits_form(self, canvas: Canvas, postcode: str) -> str:
        """The six stencil digits: one form per postcode (a batch repeats facilities)."""

        def draw(canvas: Canvas) -> None:
            canvas.setStrokeColorRGB(0, 0, 0)
            draw_digits(canvas, postcode)

        return self._form(canvas, ("digits", self.size.name, postcode), draw)

    def _draw_static(self, canvas: Canvas, *, guides: bool, stencil: bool) -> None:
        """Stamp field, index caption, stencil bars (and guides)."""
        self._draw_stamp(canvas)
        if not stencil:
            return
        canvas.setFont(fonts.SANS_ITALIC, g.INDEX_CAPTION_PT)
        canvas.setFillGray(0.3)
        canvas.drawString(
            g.STENCIL_LEFT_MM * g.MM,
            (g.STENCIL_TOP_FROM_BOTTOM_MM + 2) * g.MM,
            CAPTION_INDEX_TO,
        )
        canvas.setFillColorRGB(0, 0, 0)
        draw_frame(canvas)
        if guides:
            draw_guides(canvas)

    def _draw_stamp(self, canvas: Canvas) -> None:
        mm = g.MM
        x = (self.size.width_mm - g.STAMP_INSET_MM - g.STAMP_WIDTH_MM) * mm
        y = (self.size.height_mm - g.STAMP_INSET_MM - g.STAMP_HEIGHT_MM) * mm
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.5)
        canvas.setDash(2, 2)
        canvas.rect(x, y, g.STAMP_WIDTH_MM * mm, g.STAMP_HEIGHT_MM * mm, stroke=1, fill=0)
        canvas.setDash()
        canvas.setFillGray(0.6)
        canvas.setFont(fonts.SANS_ITALIC, g.INDEX_CAPTION_PT)
        canvas.drawCentredString(
            x + g.STAMP_WIDTH_MM * mm / 2, y + g.STAMP_HEIGHT_MM * mm / 2 - 3, CAPTION_STAMP
        )

    def _rows(
        self,
        canvas: Canvas,
        fitted: Fitted,
        x_mm: float,
        caption_w_mm: float,
        right_mm: float,
        top_baseline: float,
        *,
        text: bool = True,
        chrome: bool = True,
    ) -> None:
        """A block as one text object, then its rules as one path. ``chrome``: the
        captions and rules, the same for every block of one shape; ``text``: the rows."""
        mm = g.MM
        caption_x = x_mm * mm
        text_x = (x_mm + caption_w_mm) * mm
        right = right_mm * mm
        caption_size = min(g.CAPTION_PT, fitted.size)
        obj = canvas.beginText()
        gray = font = None
        y = top_baseline
        for row in fitted.rows:
            if chrome and row.caption:
                if gray != 0.3:
                    obj.setFillGray(gray := 0.3)
                if font != fonts.SANS_ITALIC:
                    obj.setFont(font := fonts.SANS_ITALIC, caption_size)
                obj.setTextOrigin(caption_x, y)
                obj.textLine(row.caption)
            if text:
                if gray != 0:
                    obj.setFillGray(gray := 0)
                row_font = fonts.SANS_BOLD if row.bold else fonts.SANS
                if font != row_font:
                    obj.setFont(font := row_font, fitted.size)
                obj.setTextOrigin(text_x, y)
                obj.textLine(row.text)
            y -= fitted.leading
        canvas.drawText(obj)
        if chrome:
            canvas.setStrokeGray(RULE_GRAY)
            canvas.setLineWidth(RULE_WIDTH)
            path = self._rules(text_x, right, top_baseline, fitted.leading, len(fitted.rows))
            canvas.drawPath(path, stroke=1, fill=0)

    def _rules(
        self, left: float, right: float, top_baseline: float, leading: float, count: int
    ) -> PDFPathObject:
        """The ruled lines under ``count`` rows, one path built once per block shape."""
        key = (left, right, top_baseline, leading, count)
        path = self._rule_paths.get(key)
        if path is None:
            from reportlab.pdfgen.pathobject import PDFPathObject  # deferred: reportlab

            path = PDFPathObject()
            y = top_baseline
            for _ in range(count):
                rule_y = y - g.RULE_GAP_MM * g.MM
                path.moveTo(left, rule_y)
                path.lineTo(right, rule_y)
                y -= leading
            if len(self._rule_paths) < 1000:
                self._rule_paths[key] = path
        return path

    def _recipient_top(self, fitted: Fitted) -> float:
        """Baseline of the first recipient row: the block sits on the bottom margin."""
        bottom_baseline = self.rbottom * g.MM + g.RULE_GAP_MM * g.MM + 1
        return bottom_baseline + (len(fitted.rows) - 1) * fitted.leading

    def _draw_sender(self, canvas: Canvas, fitted: Fitted | None) -> None:
        if fitted is None:  # ruled lines to fill in by hand
            canvas.setStrokeGray(RULE_GRAY)
            canvas.setLineWidth(RULE_WIDTH)
            leading = g.SENDER_PT * 2.0
            y = self.stop * g.MM - g.SENDER_PT
            mm = g.MM
            canvas.setFont(fonts.SANS_ITALIC, g.CAPTION_PT)
            canvas.setFillGray(0.3)
            for i in range(g.EMPTY_SENDER_LINES):
                caption = CAPTION_FROM if i == 0 else CAPTION_FROM_WHERE if i == 1 else None
                if caption:
                    canvas.drawString(self.sx * mm, y, caption)
                canvas.line(
                    (self.sx + self.s_caption_w) * mm,
                    y - g.RULE_GAP_MM * mm,
                    self.sright * mm,
                    y - g.RULE_GAP_MM * mm,
                )
                y -= leading
            return
        self._rows(
            canvas, fitted, self.sx, self.s_caption_w, self.sright, self.stop * g.MM - fitted.size
        )


class CachedEnvelopeRenderer(EnvelopeRenderer):
    """An :class:`EnvelopeRenderer` that fits each distinct recipient / sender block once.

    For batches, where the same person or the same return address repeats; each cache
    keeps the FIT_CACHE_SIZE most recently used blocks.
    """

    def __init__(
        self, size: str = g.DEFAULT_ENVELOPE, offset_mm: tuple[float, float] = (0.0, 0.0)
    ) -> None:
        super().__init__(size, offset_mm)
        self._recipients: LRU[Fitted] = LRU(FIT_CACHE_SIZE)
        self._senders: LRU[Fitted | None] = LRU(FIT_CACHE_SIZE)

    def fit_recipient(self, content: EnvelopeContent) -> Fitted:
        key = (tuple(content.recipient), tuple(content.recipient_fields or ()), content.postcode)
        fitted = self._recipients.get(key)
        if fitted is None:
            fitted = self._recipients[key] = super().fit_recipient(content)
        return fitted

    def fit_sender(self, content: EnvelopeContent) -> Fitted | None:
        key = tuple(content.sender)
        if key in self._senders:
            return self._senders.get(key)
        fitted = self._senders[key] = super().fit_sender(content)
        return fitted

    def forget(self) -> None:
        """Empty both caches (a batch that has fitted every envelope draws each with its
        own blocks, and need not keep thousands of distinct ones through the save)."""
        self._recipients = LRU(FIT_CACHE_SIZE)
        self._senders = LRU(FIT_CACHE_SIZE)


def render_envelope(
    address: Address,
    sender: Sender | None = None,
    size: str = g.DEFAULT_ENVELOPE,
    *,
    title: str = "Envelope",
) -> bytes:
    """One envelope as a PDF document."""
    renderer = EnvelopeRenderer(size)
    content = envelope_content(address, sender)
    canvas, buffer = new_canvas(renderer.pagesize, title)
    renderer.draw(canvas, content)
    canvas.showPage()
    return finish(canvas, buffer)
