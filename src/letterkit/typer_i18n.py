"""Typer's own interface strings in the interface language (issue 9).

typer (0.29, with click vendored as ``typer._click``) prints some of its strings through
the stdlib's ``gettext.gettext`` (section titles, ``[default: …]``, ``[required]``,
"Missing command.", "No such command …", "Aborted!") and hard-codes the rest ("Usage:",
the help texts of ``--help`` and the completion options, the usage errors). letterkit
translates them through its own catalogue, in three places:

1. :func:`install` points ``typer.core._`` at :func:`letterkit.i18n._`.
2. :class:`HelpFormatter` (every letterkit context's formatter, see :class:`Context`)
   writes the translated usage prefix and translates typer's own option help texts.
3. :func:`localize` turns a usage error into a :class:`LocalizedUsageError` whose message is
   rebuilt from the translated template its English text matches (:data:`USAGE_ERRORS`).
   The ``Error:`` prefix stays English, as for letterkit's own errors (cli.md).

In English nothing changes: the English catalogue is the identity, and usage errors are
passed through untouched. The msgids below are marked with ``N_()`` so that
``scripts/i18n.py`` extracts them; the tests in ``tests/test_i18n_help.py`` fail if a
typer upgrade moves or rewords one of them.

Only typer is imported here (``letterkit --help`` stays fast).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

import typer
import typer.core
from typer._click.exceptions import NoArgsIsHelpError, UsageError

from letterkit import i18n
from letterkit.i18n import N_, _

# Read by typer through ``gettext.gettext`` (typer/core.py); translated once install() ran.
GETTEXT_STRINGS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

# Help texts of the options typer adds itself (typer/_click/decorators.py, typer/completion.py).
OWN_HELP = frozenset(
    {
        N_("Show this message and exit."),
        N_("Install completion for the current shell."),
        N_("Show completion for the current shell, to copy it or customize the installation."),
        N_("Install completion for the specified shell."),
        N_("Show completion for the specified shell, to copy it or customize the installation."),
    }
)

# The English usage-error messages of typer/click (and of pydantic, which typer uses to
# convert values), as templates: a ``{field}`` matches any text. The first template that
# matches the whole message wins, so the longer of two similar ones comes first. A
# ``{message}`` field is itself translated.
USAGE_ERRORS = (
    N_("{message}. Did you mean {suggestions}?"),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Option {name} does not take a value."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Argument {name} takes {count} values."),
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid integer, got a number with a fractional part"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be greater than or equal to {limit}"),
    N_("Input should be less than or equal to {limit}"),
    N_("Input should be greater than {limit}"),
    N_("Input should be less than {limit}"),
)

_FIELD = re.compile(r"\{(\w+)\}")


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = _FIELD.split(template)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)),
        re.DOTALL,
    )


_PATTERNS = tuple((_template_pattern(t), t) for t in USAGE_ERRORS)


def translate_usage_message(text: str) -> str:
    """A typer/click usage-error message in the interface language (unknown ones as is)."""
    for pattern, template in _PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            fields = match.groupdict()
            if "message" in fields:
                fields["message"] = translate_usage_message(fields["message"])
            return _(template).format(**fields)
    return text


def install() -> None:
    """Let typer's gettext strings follow letterkit's interface language (idempotent)."""
    if getattr(typer.core, "_", None) is not _:
        typer.core._ = _  # type: ignore[attr-defined]


class HelpFormatter(typer.Context.formatter_class):  # type: ignore[misc,name-defined]
    """typer's help formatter with the usage prefix and typer's option help translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = _("Usage:") + " "
        super().write_usage(prog, args, prefix)

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        rows = [(term, _(text) if text in OWN_HELP else text) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


class Context(typer.Context):
    """The context of every letterkit command: help through :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


def use_context(commands: Iterable[Any]) -> None:
    """Give every command below (sub-groups included) letterkit's :class:`Context`."""
    for command in commands:
        command.context_class = Context
        use_context(getattr(command, "commands", {}).values())


class LocalizedUsageError(UsageError):
    """A usage error shown in the interface language (``Error:`` stays English)."""

    def __init__(self, original: UsageError) -> None:
        super().__init__(translate_usage_message(original.format_message()), original.ctx)
        self.exit_code = original.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        color = None
        if ctx is not None:
            color = ctx.color
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = (
                    _("Try '{command} {option}' for help.").format(
                        command=ctx.command_path, option=ctx.help_option_names[0]
                    )
                    + "\n"
                )
            typer.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=color)
        typer.echo(f"Error: {self.format_message()}", file=file, err=file is None, color=color)


def localize(exc: UsageError) -> UsageError:
    """The usage error to show: translated unless the interface is English."""
    if (
        i18n.current_language() == "en"
        or isinstance(exc, NoArgsIsHelpError | LocalizedUsageError)  # help is translated
    ):
        return exc
    return LocalizedUsageError(exc)
