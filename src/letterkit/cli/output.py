"""The one output layer: every command prints through the consoles and helpers here.

Rich reads ``[…]`` in a string as markup (a style, a link, or ``[/…]`` closing one, which
fails when nothing is open). Names, addresses, sender lines, letter text, file paths and
every other string that comes from the user or from a data file are therefore printed
only as literal text: through :func:`esc` (``rich.markup.escape``) inside a line that
also carries letterkit's own markup, through :func:`cell` in a table, as ``Text``, or
with ``markup=False``. The consoles also have emoji codes (``:smile:``) and highlighting
off, so a user's ``:…:`` stays as typed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Literal

import typer

from letterkit.errors import InputError
from letterkit.i18n import _, current_language, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console
    from rich.text import Text

    from letterkit.guidance import CheckResult
    from letterkit.models import Address, Prisoner

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


# Exit code when the reader of standard output went away (``letterkit list | head -1``):
# the shell's code for a process ended by SIGPIPE, 128 + 13, the Unix convention.
EXIT_BROKEN_PIPE = 128 + 13


def silence_stdout() -> None:
    """Point stdout at the null device, so Python's final flush does not fail again.

    The recipe of https://docs.python.org/3/library/signal.html#note-on-sigpipe.
    """
    with contextlib.suppress(Exception):  # no file descriptor (tests), or it is gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _console(**options: object) -> Console:
    # deferred: rich.console costs start-up time, and --help must not import it
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich's default exits with 1
            self.quiet = True
            silence_stdout()
            raise SystemExit(EXIT_BROKEN_PIPE)

    return _Console(highlight=False, emoji=False, **options)


def stdout_console() -> Console:
    return _console(soft_wrap=False)


def stderr_console() -> Console:
    return _console(stderr=True)


def stdin_binary() -> BinaryIO:
    """Standard input as bytes; a clean error when letterkit was started with it closed."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise InputError(
            _("standard input is closed"),
            hint=_(
                "redirect a file into it, e.g. '- < addresses.txt', or give the input as an argument"
            ),
        )
    return getattr(stream, "buffer", stream)


def esc(value: object) -> str:
    """``value`` as literal text inside a line with letterkit's own markup."""
    # deferred: see stdout_console
    from rich.markup import escape

    return escape(str(value))


def cell(value: object, empty: str = "—") -> str:
    """A table cell: the value as literal text, ``empty`` for None or ''."""
    return esc(value) if value is not None and value != "" else empty


def labelled(label: str, value: object, style: str = "bold") -> str:
    """``[bold]Label:[/] value`` with the value as literal text."""
    return f"[{style}]{esc(label)}:[/] {esc(value)}"


def plain(console: Console, text: object) -> None:
    """Print a whole line as literal text (no markup, no wrapping of long paths)."""
    console.print(str(text), markup=False, highlight=False)


@dataclass(frozen=True)
class Column:
    """One column of :func:`print_rows`. ``no_wrap``: the value is never broken (a slug
    the user types next, a date); the others wrap at spaces."""

    header: str
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False


# Width to lay a table out in when standard output is a pipe or a file without COLUMNS:
# wide enough for any row, so every cell stays on one line (``letterkit find x | cat``).
_UNBOUNDED = 100_000


def styled(text: object, style: str | None = None) -> Text:
    """A table cell in a style (``yellow`` for a stale address); the text stays literal."""
    # deferred: see stdout_console
    from rich.text import Text

    return Text(str(text), style=style or "")


def _as_text(value: object, empty: str = "—") -> Text:
    # deferred: see stdout_console
    from rich.text import Text

    if isinstance(value, Text):
        return value
    return Text(empty if value is None or value == "" else str(value))


def print_json_lines(objects: Iterable[Mapping[str, object]]) -> None:
    """``--json`` of a list: one compact object a line (JSON Lines), UTF-8 as is."""
    # deferred: see stdout_console
    import json

    for obj in objects:
        typer.echo(json.dumps(obj, ensure_ascii=False))


def print_json(obj: Mapping[str, object]) -> None:
    """``--json`` of one record: one object, indented for reading."""
    # deferred: see stdout_console
    import json

    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _beside(console: Console, width: int) -> Console:
    """A console of ``width`` columns writing where ``console`` writes."""
    other = _console(soft_wrap=False, width=width)
    other.file = console.file
    return other


def layout_width(console: Console) -> int | None:
    """The width tables must fit: the terminal's, or ``COLUMNS`` when set; None when
    standard output is a pipe or a file (nothing to fit: every cell on one line)."""
    if console.is_terminal:
        return console.width
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    return None


def print_rows(
    console: Console,
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    footer: str | None = None,
) -> None:
    """A table that never drops a column nor cuts a value.

    It wraps cells at spaces where the terminal is narrow; where even that cannot fit
    every column (the longest word of each), it prints one block per row instead, a
    ``header: value`` line per column. Piped output has no width to fit: the table is
    as wide as its longest row. Cells are literal text (or :func:`styled`); None and ''
    print as ``—``. ``footer`` follows the table as a paragraph of its own, whole.
    """
    # deferred: see stdout_console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title) if title else None)
    for column in columns:
        table.add_column(
            Text(column.header), justify=column.justify, no_wrap=column.no_wrap, overflow="fold"
        )
    for row in rows:
        table.add_row(*(_as_text(value) for value in row))
    width = layout_width(console)
    if width is None:
        natural = table.__rich_measure__(console, console.options.update_width(_UNBOUNDED))
        _beside(console, max(natural.maximum, 1)).print(table)
    elif table.__rich_measure__(console, console.options.update_width(_UNBOUNDED)).minimum <= width:
        _beside(console, width).print(table)
    else:
        _print_records(console, title, columns, rows, width)
    if footer:
        for line in [footer] if width is None else textwrap.wrap(footer, width):
            console.print(Text(line), soft_wrap=True)


def _print_records(
    console: Console,
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    width: int,
) -> None:
    """One ``header: value`` block per row, a blank line between; values wrap at spaces,
    ``no_wrap`` values (slugs) stay whole on their line."""
    # deferred: see stdout_console
    from rich.text import Text

    wrapping = _beside(console, width)
    if title:
        wrapping.print(Text(title), soft_wrap=True)
    for i, row in enumerate(rows):
        if title or i:
            wrapping.print()
        for column, value in zip(columns, row, strict=True):
            text = _as_text(value)
            line = f"{column.header}: {text.plain}"
            lines = (
                [line]
                if column.no_wrap
                else textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False)
            )
            for part in lines:
                wrapping.print(Text(part, style=text.style), soft_wrap=True)


def envelope_panel(address: Address, title: str):
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.panel import Panel
    from rich.text import Text

    from letterkit.render.envelope import envelope_content

    lines = envelope_content(address, None).recipient
    return Panel(Text("\n".join(lines)), title=Text(title), expand=False)


def print_findings(console: Console, check: CheckResult | None) -> None:
    if check is None or not check.findings:
        return
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from rich.table import Table

    table = Table(title=_("Letter check"), show_lines=False)
    table.add_column(_("line"), justify="right")
    table.add_column(_("severity"))
    table.add_column(_("rule"))
    table.add_column(_("what"))
    for f in check.findings:
        style = SEVERITY_STYLE.get(f.severity)
        table.add_row(
            str(f.line or ""),
            f"[{style}]{esc(f.severity)}[/]" if style else esc(f.severity),
            esc(f.rule),
            esc(f.message + (f" «{f.text}»" if f.text else "")),
        )
    console.print(table)


# Rule sections whose findings are reasons for the censor to stop a letter (the others are
# about its form: greeting, signature, return address, length).
CENSOR_SECTIONS = ("topics", "language", "tone")


def check_verdict(check: CheckResult) -> str:
    """One line after the findings: what they mean for the letter."""
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import guidance

    serious = [f for f in check.findings if f.severity in ("warning", "error")]
    if serious:
        sections = {guidance.get_rule(f.rule).section for f in serious}
        if sections & set(CENSOR_SECTIONS):
            text = ngettext(
                "{n} warning: the censor will probably stop this letter — see above.",
                "{n} warnings: the censor will probably stop this letter — see above.",
                len(serious),
            )
        else:
            text = ngettext(
                "{n} warning: fix it before you send the letter — see above.",
                "{n} warnings: fix them before you send the letter — see above.",
                len(serious),
            )
        return text.format(n=len(serious))
    if check.findings:
        n = len(check.findings)
        return ngettext(
            "{n} note, nothing that stops the letter; reread it as the censor would.",
            "{n} notes, nothing that stops the letter; reread it as the censor would.",
            n,
        ).format(n=n)
    return _(
        "The check found nothing, but it only knows certain words: reread the letter as the "
        "censor would."
    )


def print_letter_check(console: Console, check: CheckResult | None) -> None:
    """The findings table and the verdict line (``write``, ``batch --letters``: stderr);
    nothing for a letter without findings."""
    if check is None or not check.findings:
        return
    print_findings(console, check)
    console.print(check_verdict(check), markup=False)


def print_top_guidance(console: Console, n: int = 3) -> None:
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import guidance

    lang = current_language()
    console.print(f"[bold]{_('Before you send it')}:[/]")
    for rule in guidance.top_rules(n):
        plain(console, f"  • {rule.summary(lang)}")


def print_snapshot_notice(
    console: Console, prisoner: Prisoner | None, *, details: bool, today: dt.date | None = None
) -> None:
    """The age of a record's address. ``details`` (``show``): the page URL, the snapshot
    date and the day the address was last confirmed, on stdout. A stale address (graded
    by data/staleness.toml, counted to ``today``): one ``Warning:`` line on stderr naming
    its age, the page and ``letterkit data update``."""
    if prisoner is None:
        return
    # deferred: loaded when the command runs, so --help and Tab completion stay fast
    from letterkit import directory

    if details:
        if prisoner.snapshot is not None:
            console.print(f"{_('Page')}: {directory.page_url(prisoner) or '—'}", markup=False)
            console.print(f"{_('Snapshot')}: {prisoner.snapshot.isoformat()}", markup=False)
        age = directory.address_age(prisoner, today)
        if age is not None:
            console.print(
                _("Address confirmed: {date}, {age} ago").format(
                    date=age.seen.isoformat(), age=age.phrase()
                ),
                markup=False,
            )
    warning = directory.stale_warning(prisoner, today)
    if warning is not None:
        stderr_console().print(f"{_('Warning')}: {warning}", markup=False, soft_wrap=True)


def print_notes(notes: list[str]) -> None:
    """The library's notes for the user (``LetterPlan.notes``, a sender's notes): one
    ``Warning: …`` line each, on stderr."""
    for note in notes:
        stderr_console().print(f"{_('Warning')}: {note}", markup=False, soft_wrap=True)


def print_warnings(console: Console, warnings) -> None:
    """An address's warnings, one ``Warning: …`` line each."""
    for warning in warnings:
        console.print(labelled(_("Warning"), warning.message, "yellow"))
