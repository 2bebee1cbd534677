"""typer's own interface strings in the interface language.

typer (pinned to 0.29.x in pyproject.toml; click is vendored as ``typer._click``) prints
some of its strings through the stdlib's ``gettext.gettext`` (section titles,
``[default: …]``, ``[required]``, "Missing command.", "Aborted!") and hard-codes the rest
("Usage:", the help of ``--help`` and of the completion options, the usage errors).
letterkit translates them in three places:

1. :func:`install` points ``typer.core._`` at :func:`letterkit.i18n._`: the one patch of
   typer's internals, for the strings typer itself reads through gettext.
2. :class:`HelpFormatter` (the formatter of every letterkit context) writes the translated
   usage prefix and translates the help texts of typer's own options.
3. Usage errors are rebuilt by exception type from their attributes (:func:`message`):
   :class:`Command` and :class:`Group` do it where the command line is parsed, and raise
   letterkit's own :class:`UnknownCommand` and :class:`ExtraArguments` where typer only
   has a formatted English string. The ``Error:`` prefix stays English, as for
   letterkit's own errors (scripts grep for it).

Every letterkit command and group gets these classes from :func:`use_classes`. In
English nothing changes: the English catalogue is the identity and typer's own usage
errors are passed through untouched. The msgids are the English texts of typer 0.29;
``tests/test_i18n_help.py`` fails if a typer upgrade moves or rewords one of them.

Only typer is imported here (``letterkit --help`` stays fast).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import get_close_matches
from typing import IO, Any

import typer
import typer.core

# typer exports only BadParameter publicly; the other exception types live in its vendored
# click (typer <0.30 is pinned, and the tests above catch a move).
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

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

# MissingParameter.param_type → message.
MISSING = {
    "argument": N_("Missing argument {name}."),
    "option": N_("Missing option {name}."),
    "parameter": N_("Missing parameter {name}."),
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """A value from the command line without terminal control characters (as typer does)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def install() -> None:
    """Let typer's gettext strings follow letterkit's interface language (idempotent)."""
    # The only write into typer: typer/core.py does ``from gettext import gettext as _``.
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


# -- usage errors ---------------------------------------------------------------------


class TranslatedUsageError(UsageError):
    """A usage error whose message is already in the interface language."""

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


class UnknownCommand(TranslatedUsageError):
    """``letterkit wirte``: no command of that name, with the close ones if any."""

    def __init__(self, name: str, suggestions: Sequence[str], ctx: Any) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        shown = _printable(name)
        if self.suggestions:
            text = _("No such command {name!r}. Did you mean {suggestions}?").format(
                name=shown, suggestions=", ".join(repr(s) for s in self.suggestions)
            )
        else:
            text = _("No such command {name!r}.").format(name=shown)
        super().__init__(text, ctx)


class ExtraArguments(TranslatedUsageError):
    """More positional arguments than the command takes."""

    def __init__(self, args: Sequence[str], ctx: Any) -> None:
        self.args_left = list(args)
        text = " ".join(_printable(str(a)) for a in self.args_left)
        super().__init__(_("Got unexpected extra argument(s) ({args})").format(args=text), ctx)


def _param_hint(exc: BadParameter) -> str | None:
    """The ``'--name'`` typer shows for a parameter error (BadParameter.format_message)."""
    hint = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if hint is not None and not isinstance(hint, str):
        hint = " / ".join(repr(x) for x in hint)
    return hint


def _find_option(command: Any, name: str) -> Any:
    for param in getattr(command, "params", ()):
        if name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            return param
    return None


def message(exc: UsageError, command: Any = None) -> str | None:
    """The message of a typer usage error in the interface language; None: keep typer's.

    Built from the exception's type and attributes, never from its English text.
    ``command`` is the command whose arguments were being parsed (typer's parser does not
    give every error its context).
    """
    if isinstance(exc, NoSuchOption):
        name = _printable(exc.option_name)
        if exc.possibilities:
            return _("No such option: {name} (Possible options: {options})").format(
                name=name, options=", ".join(sorted(exc.possibilities))
            )
        return _("No such option: {name}").format(name=name)
    if isinstance(exc, BadOptionUsage):
        if command is None and exc.ctx is not None:
            command = exc.ctx.command
        option = _find_option(command, exc.option_name)
        if option is None:
            return None
        name = repr(exc.option_name)
        if getattr(option, "is_flag", False) or getattr(option, "count", False):
            return _("Option {name} does not take a value.").format(name=name)
        if option.nargs == 1:
            return _("Option {name} requires an argument.").format(name=name)
        return _("Option {name} requires {count} arguments.").format(name=name, count=option.nargs)
    if isinstance(exc, MissingParameter):
        param = exc.param
        hint = _param_hint(exc)
        extra = param.get_missing_message(ctx=exc.ctx) if param is not None else None
        if exc.message or extra or hint is None:
            return None  # typer's choices list and custom texts: as typer wrote them
        kind = exc.param_type or (param.param_type_name if param is not None else "parameter")
        return _(MISSING.get(kind, MISSING["parameter"])).format(name=hint)
    if isinstance(exc, BadParameter):
        hint = _param_hint(exc)
        if hint is None:
            return _("Invalid value: {message}").format(message=exc.message)
        return _("Invalid value for {name}: {message}").format(name=hint, message=exc.message)
    return None  # ctx.fail(): typer's gettext strings, translated by install()


def localize(exc: UsageError, command: Any = None) -> UsageError:
    """The usage error to show: in the interface language (English: typer's own)."""
    if (
        i18n.current_language() == "en"
        or isinstance(exc, NoArgsIsHelpError | TranslatedUsageError)  # help is translated
    ):
        return exc
    text = message(exc, command)
    localized = TranslatedUsageError(exc.format_message() if text is None else text, exc.ctx)
    localized.exit_code = exc.exit_code
    return localized


def _reraise_localized(exc: UsageError, command: Any) -> None:
    localized = localize(exc, command)
    if localized is exc:
        raise exc
    raise localized from exc


class Argument(typer.core.TyperArgument):
    """An argument shown by its metavar (``TARGET``, ``[INPUT]...``), never by its Python
    type: typer 0.29 writes ``target <str>`` in help and ``{target}`` in the usage line."""

    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "").upper()

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")


class Option(typer.core.TyperOption):
    """An option whose value is shown by its metavar; without one, by its upper-cased name
    (``--slug SLUG``), never by its Python type (typer 0.29 writes ``--slug <str>``)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is None:
            return (self.name or "").upper() + ("..." if self.nargs != 1 else "")
        return super().display_type_rich(ctx)


def _use_param_classes(params: Sequence[Any]) -> None:
    for param in params:
        if type(param) is typer.core.TyperArgument:
            param.__class__ = Argument
        elif type(param) is typer.core.TyperOption:
            param.__class__ = Option


class Command(typer.core.TyperCommand):
    """A letterkit command: translated help and usage errors; arguments and options shown
    by their metavars (:class:`Argument`, :class:`Option`)."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _use_param_classes(self.params)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Extra arguments are collected here rather than by click's ctx.fail(), which
        # only keeps a formatted English string.
        check_extra = not ctx.allow_extra_args and not ctx.resilient_parsing
        try:
            if check_extra:
                ctx.allow_extra_args = True
                try:
                    rest = super().parse_args(ctx, args)
                finally:
                    ctx.allow_extra_args = False
                if rest:
                    raise ExtraArguments(rest, ctx)
                return rest
            return super().parse_args(ctx, args)
        except UsageError as exc:
            _reraise_localized(exc, self)
            raise  # pragma: no cover - _reraise_localized always raises


class Group(typer.core.TyperGroup):
    """A letterkit command group: translated help, usage errors and command suggestions.

    Build it with ``suggest_commands=False`` on the root typer app: :meth:`resolve_command`
    suggests close command names itself, in the interface language.
    """

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _use_param_classes(self.params)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            _reraise_localized(exc, self)
            raise  # pragma: no cover - _reraise_localized always raises

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        if (
            not ctx.resilient_parsing
            and not name.startswith("-")  # typer reports an unknown option for those
            and self.get_command(ctx, name) is None
        ):
            raise UnknownCommand(name, get_close_matches(name, list(self.commands)), ctx)
        return super().resolve_command(ctx, args)


def use_classes(app: typer.Typer) -> None:
    """Build every command and sub-group of ``app`` with :class:`Command` / :class:`Group`.

    Call it after registering the commands and before typer builds the click objects.
    """
    for command_info in app.registered_commands:
        if command_info.cls in (None, typer.core.TyperCommand):  # typer's default
            command_info.cls = Command
    for group_info in app.registered_groups:
        group_info.cls = Group
        if group_info.typer_instance is not None:
            use_classes(group_info.typer_instance)
