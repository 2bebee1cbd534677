"""Page geometry, in millimetres, each number with its source or marked as a choice.

Sources: envelope sizes from ГОСТ Р 51506-99 «Конверты почтовые» and ISO 269; the layout
(sender top left, recipient bottom right, stamp field top right, stencil bottom left) as
Russian Post prints it on its own envelopes; the postcode stencil from ГОСТ Р 51506-99
Appendix Д as implemented by FastReport's ZipCodeObject
(https://github.com/FastReports/FastReport/blob/master/FastReport.Base/ZipCodeObject.cs).
tests/test_envelope.py and tests/test_stencil.py check the printed result against these.
"""

from __future__ import annotations

from dataclasses import dataclass

from letterkit.errors import InputError
from letterkit.i18n import _

MM = 72 / 25.4  # PDF points per millimetre


@dataclass(frozen=True)
class EnvelopeSize:
    name: str
    width_mm: float  # landscape: the long side
    height_mm: float


# ГОСТ Р 51506-99 / ISO 269, landscape.
ENVELOPE_SIZES: dict[str, EnvelopeSize] = {
    "DL": EnvelopeSize("DL", 220, 110),
    "C6": EnvelopeSize("C6", 162, 114),
    "C65": EnvelopeSize("C65", 229, 114),
    "C5": EnvelopeSize("C5", 229, 162),
    "C4": EnvelopeSize("C4", 324, 229),
}
DEFAULT_ENVELOPE = "DL"


def envelope_size(name: str) -> EnvelopeSize:
    key = (name or "").strip().upper()
    try:
        return ENVELOPE_SIZES[key]
    except KeyError:
        raise InputError(
            _("unknown envelope size '{name}'").format(name=name),
            hint=_("use one of: {values}").format(values=", ".join(ENVELOPE_SIZES)),
        ) from None


# --- Envelope layout --------------------------------------------------------------
# Choice: 10 mm margin for the sender block (top left).
SENDER_LEFT_MM = 10
SENDER_TOP_MM = 10
# Choice: the sender block takes at most this share of the width.
SENDER_MAX_WIDTH_SHARE = 0.45
# Stamp field 40 × 25 mm, 15 mm in from the top and right edges (ГОСТ п. 6.1.2.5;
# the 15 mm inset is a common choice, not a rule).
STAMP_WIDTH_MM = 40
STAMP_HEIGHT_MM = 25
STAMP_INSET_MM = 15
# Recipient block: starts at about the middle of the width, at least 15 mm from the
# right and bottom edges (sorting-machine practice; the GOST's clear zones are not
# confirmed by any source we hold).
RECIPIENT_LEFT_SHARE = 0.5
RECIPIENT_RIGHT_MM = 15
RECIPIENT_BOTTOM_MM = 15
# Choice: the recipient block may not rise above the stamp field's bottom edge
# minus this gap, so it never runs into the stamp or the sender block.
RECIPIENT_TOP_GAP_MM = 4
# Choice: the block stays in the bottom half (the recipient is "bottom right").
RECIPIENT_MAX_HEIGHT_SHARE = 0.5
# Field captions «Кому / Куда / От кого / Откуда» about 12 pt italic; «Индекс места
# назначения / отправления» about 8 pt italic, as on Russian Post's printed envelopes.
CAPTION_PT = 11
INDEX_CAPTION_PT = 8
# Text sizes: start large, shrink to a floor of about 8 pt, never clip (render/fit.py).
RECIPIENT_PT = 12
SENDER_PT = 10
MIN_PT = 8
SIZE_STEP_PT = 0.5
LINE_SPACING = 1.3  # leading as a multiple of the font size (choice)
RULE_GAP_MM = 1.2  # ruled line this far below the baseline (choice)
# Choice: how many ruled lines to leave when no sender is known.
EMPTY_SENDER_LINES = 4

# --- Postcode stencil (ГОСТ Р 51506-99 App. Д)---------------------------------------------
STENCIL_LEFT_MM = 10  # first bar 10 mm from the left edge (reference implementation)
STENCIL_TOP_FROM_BOTTOM_MM = 25  # bar tops 25 mm above the bottom edge (same source)
STENCIL_PITCH_MM = 9  # 7 positions at a 9 mm pitch
STENCIL_BAR_W_MM = 7
STENCIL_BAR_H_MM = 2
STENCIL_START_BAR2_H_MM = 1  # the start mark's second bar, 1 mm below the first
STENCIL_START_BAR2_GAP_MM = 1
STENCIL_CELL_W_MM = 5
STENCIL_CELL_H_MM = 10
STENCIL_CELL_INSET_MM = 1  # cell's left edge 1 mm in from the bar's left end
STENCIL_CELL_DROP_MM = 4  # cell's top 4 mm below the bar's top
STENCIL_STROKE_MM = 0.8  # FastReport's default, not a GOST value
STENCIL_GUIDE_DOT_MM = 0.25
STENCIL_GUIDE_PITCH_MM = 1

# --- Letter (A4) --------------------------------------------------------------------
A4_MM = (210, 297)
LETTER_MARGIN_LEFT_MM = 25
LETTER_MARGIN_RIGHT_MM = 20
LETTER_MARGIN_TOP_MM = 20
LETTER_MARGIN_BOTTOM_MM = 22
LETTER_PT = 12
LETTER_LEADING = 1.45
PAGE_NUMBER_FROM_BOTTOM_MM = 12
