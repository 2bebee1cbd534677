"""What a batch prints: :class:`BatchJob`, checked once before any row is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.render.geometry import envelope_size
from letterkit.render.labels import sheet_spec
from letterkit.render.replykit import reply_envelope_for

if TYPE_CHECKING:
    from letterkit.models import Sender

# Choice: more copies of one envelope than this is a typo (1000 instead of 10).
MAX_COPIES = 100
# Choice: more return-address labels than ten L7160 sheets is a typo.
MAX_RETURN_LABELS = 210
# A progress bar on anything over about 50 items.
PROGRESS_THRESHOLD = 50

# ``progress(phase, done, total)``; phase is "check" (rows looked up) or "draw".
ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BatchJob:
    """What to print. ``sender`` is the default return address (``--sender`` / profile)."""

    envelope: str = "DL"
    labels: str | None = None
    start: int = 1
    copies: int = 1
    reply_kit: bool = False
    profiles: bool = False
    letters: str | None = None
    strict: bool = False
    sender: Sender | None = None
    sender_country: str = "RU"
    date: dt.date | None = None
    offset_mm: tuple[float, float] = (0.0, 0.0)
    return_labels: int = 0  # labels with the writer's address, after the recipients'
    fields: tuple[tuple[str, str], ...] = ()  # --field NAME=VALUE for the --letters template
    phrases: tuple[str, ...] | None = None  # --phrase IDs of the --letters template's phrasebook
    # Set by validate(): the CLI checks the job before reading any input, run_batch
    # checks it only when nobody has.
    _valid: bool = field(default=False, init=False, repr=False, compare=False)

    def validate(self) -> None:
        """Refuse options that do not go together; checked once per job."""
        if self._valid:
            return
        envelope_size(self.envelope)
        if self.copies < 1 or self.copies > MAX_COPIES:
            raise InputError(
                _("--copies must be between 1 and {max}").format(max=MAX_COPIES),
                hint=_("e.g. --copies 2"),
            )
        if self.start < 1:
            raise InputError(
                _("--start must be 1 or more"), hint=_("--start 5 begins at the fifth label")
            )
        if self.labels is None and self.start != 1:
            raise InputError(
                _("--start only applies to label sheets"),
                hint=_("add --labels L7160, or drop --start"),
            )
        if self.labels is not None:
            spec = sheet_spec(self.labels)
            for flag, used in (
                ("--reply-kit", self.reply_kit),
                ("--profiles", self.profiles),
                ("--letters", self.letters is not None),
            ):
                if used:
                    raise InputError(
                        _("{flag} cannot be combined with --labels").format(flag=flag),
                        hint=_(
                            "label mode prints label sheets only; "
                            "run batch a second time without --labels"
                        ),
                    )
            if self.start > spec.per_sheet:
                raise InputError(
                    _("--start {start} is beyond the {count} labels of a {sheet} sheet").format(
                        start=self.start, count=spec.per_sheet, sheet=spec.token
                    ),
                    hint=_("use a number from 1 to {max}").format(max=spec.per_sheet),
                )
        if self.return_labels:
            if self.return_labels < 0 or self.return_labels > MAX_RETURN_LABELS:
                raise InputError(
                    _("--return-labels must be between 1 and {max}").format(max=MAX_RETURN_LABELS),
                    hint=_("e.g. --return-labels 21 for one L7160 sheet"),
                )
            if self.labels is None:
                raise InputError(
                    _("--return-labels prints on a label sheet: say which with --labels"),
                    hint=_("e.g. --labels L7160 --return-labels 21"),
                )
            if self.sender is None or not self.sender.lines:
                raise InputError(
                    _("--return-labels needs your return address"),
                    hint=_(
                        'give --sender "Name; street; town; postcode", '
                        "or save one with 'letterkit sender set'"
                    ),
                )
        if self.reply_kit:
            reply_envelope_for(self.envelope)  # refuses a combination that does not fit
        object.__setattr__(self, "_valid", True)
