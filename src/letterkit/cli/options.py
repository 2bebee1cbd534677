"""Options shared by the commands, and letterkit's checks of numeric option values."""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Iterable
from typing import Any

import typer

from letterkit.cli.completion import (
    CUSTOM_SHEET_PREFIX,
    complete_envelopes,
    label_sheet_tokens,
)
from letterkit.i18n import _
from letterkit.render.geometry import DEFAULT_ENVELOPE, ENVELOPE_SIZES


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(_("use the form YYYY-MM-DD, e.g. 2026-11-25")) from None


def sender_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--sender",
        help=_('Your return address as lines separated by ";" (overrides the saved profile).'),
        metavar="LINES",
    )


def sender_country_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--sender-country",
        help=_(
            "Your country, ISO code (default RU or the profile's). Not RU: international layout."
        ),
        metavar="CC",
    )


def _not_one_of(value: object, choices: list[str]) -> typer.BadParameter:
    return typer.BadParameter(
        _("{value!r} is not one of: {choices}").format(value=str(value), choices=", ".join(choices))
    )


def parse_envelope(value: object) -> str:
    """An envelope size of render/geometry.py's ENVELOPE_SIZES, any case → its name."""
    key = str(value).strip().upper()
    if key not in ENVELOPE_SIZES:
        raise _not_one_of(value, list(ENVELOPE_SIZES))
    return key


def envelope_option() -> typer.models.OptionInfo:
    return typer.Option(
        DEFAULT_ENVELOPE,
        "--envelope",
        # the sizes of render/geometry.py's ENVELOPE_SIZES (tests/test_option_names.py)
        help=_("Envelope size: DL, C6, C65, C5 or C4."),
        metavar="SIZE",
        parser=parse_envelope,
        autocompletion=complete_envelopes,
    )


def parse_labels(value: object) -> str:
    """A label sheet of data/labels.toml (any case → its token), or a ``custom:`` sheet
    (its numbers are checked when the job is)."""
    text = str(value).strip()
    if text.casefold().startswith(CUSTOM_SHEET_PREFIX):
        return text
    tokens = label_sheet_tokens()
    for token in tokens:
        if token.casefold() == text.casefold():
            return token
    raise _not_one_of(value, [*tokens, CUSTOM_SHEET_PREFIX + "COLSxROWS-WxH"])


def force_option() -> typer.models.OptionInfo:
    return typer.Option(False, "-f", "--force", help=_("Overwrite existing output files."))


def date_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--date",
        help=_("Date printed on letters, YYYY-MM-DD (default today); makes output reproducible."),
        metavar="YYYY-MM-DD",
        callback=parse_date,
    )


def quiet_option() -> typer.models.OptionInfo:
    return typer.Option(False, "-q", "--quiet", help=_("Print only errors and the paths written."))


def verbose_option() -> typer.models.OptionInfo:
    return typer.Option(False, "-v", "--verbose", help=_('Print every note (no "… and N more").'))


def open_option() -> typer.models.OptionInfo:
    return typer.Option(
        False, "--open", help=_("Open what was written in the system's PDF viewer.")
    )


def launch(paths: Iterable[object]) -> None:
    """``--open``: each file in the system's viewer (typer.launch: xdg-open, open, start).
    A viewer that cannot start is one Warning line; the files are written either way."""
    for path in paths:
        if typer.launch(str(path)) != 0:
            sys.stderr.write(
                _("Warning: could not open {path} in a viewer; open it yourself.").format(path=path)
                + "\n"
            )


def check_verbosity(quiet: bool, verbose: bool) -> None:
    """``-q`` and ``-v`` together are a usage error."""
    if quiet and verbose:
        raise typer.BadParameter(_("use either --quiet or --verbose"), param_hint="--quiet")


def _check_range(number: float, minimum: float | None, maximum: float | None) -> None:
    if minimum is not None and number < minimum:
        raise typer.BadParameter(_("use a number of at least {min}").format(min=minimum))
    if maximum is not None and number > maximum:
        raise typer.BadParameter(_("use a number of at most {max}").format(max=maximum))


def _whole(text: str) -> int | None:
    """``"12"``, ``" +12 "``, ``"1_000"`` and ``"12.0"`` are whole numbers; ``"12.5"`` is not."""
    if not text.isascii():
        return None
    try:
        return int(text)
    except ValueError:
        pass
    match = re.fullmatch(r"([+-]?\d+)\.0*", text)
    return int(match.group(1)) if match else None


def whole_number(minimum: int | None = None, maximum: int | None = None) -> dict[str, Any]:
    """``typer.Option`` keywords for an integer option that letterkit checks itself.

    ``typer.Option(1, "--copies", **whole_number(1, 100))``: the value is parsed here, so
    a user sees letterkit's message, not the validation library's; ``min``/``max`` still
    show the range in ``--help`` (typer does not enforce them when a parser is given).
    """

    def parse(value: object) -> int:
        number = value if isinstance(value, int) else _whole(str(value).strip())
        if number is None:
            raise typer.BadParameter(_("use a whole number"))
        _check_range(number, minimum, maximum)
        return number

    return {"min": minimum, "max": maximum, "parser": parse}


def number(minimum: float | None = None, maximum: float | None = None) -> dict[str, Any]:
    """``typer.Option`` keywords for a decimal option that letterkit checks itself."""

    def parse(value: object) -> float:
        try:
            result = float(str(value).strip())
        except ValueError:
            raise typer.BadParameter(_("use a number")) from None
        if math.isnan(result):
            raise typer.BadParameter(_("use a number"))
        if math.isinf(result):
            raise typer.BadParameter(_("use a finite number"))
        _check_range(result, minimum, maximum)
        return result

    return {"min": minimum, "max": maximum, "parser": parse}
