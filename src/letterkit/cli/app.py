"""The command line: a thin typer layer over the library.

Commands live one module each under ``letterkit.cli.commands``; each exposes
``register(app)``. Expected failures (``LetterkitError``) become one ``Error: …`` line
and an optional ``Hint: …`` line on stderr with the contract's exit code, in exactly
one place: :class:`LetterkitGroup.invoke`. Anything else is a bug: one line saying so,
with no personal data (no message, no locals, no traceback).

Only typer is imported at start-up; every command imports what it needs when it runs,
so ``letterkit --help`` stays fast.

Streams: a terminal that cannot show Cyrillic gets ``?`` for what it cannot show and one
``Hint:`` line; a closed pipe (``letterkit list | head -1``) ends the run quietly with
the shell's code for SIGPIPE, 141 (128 + 13, the Unix convention for a reader that went
away); a full disk or a closed standard output is one ``Error:`` line.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import importlib
import inspect
import os
import sys
import warnings
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

import typer
import typer.core
import typer.main
from typer._click.exceptions import UsageError

from letterkit import __version__
from letterkit.cli import typer_i18n
from letterkit.cli.output import EXIT_BROKEN_PIPE, silence_stdout
from letterkit.errors import LetterkitError
from letterkit.i18n import N_, _, set_language

# Every command (and command group) by name, in the order ``letterkit --help`` lists
# them: the module under letterkit/cli/commands/ that registers it, and its help text
# exactly as that module gives it (the listing shortens it; tests/test_cli_lazy.py
# keeps the two equal). A module is imported only when one of its commands runs, or
# when its help is asked for: ``letterkit --help`` lists the commands from this table.
COMMANDS: dict[str, tuple[str, str]] = {
    "write": (
        "write",
        N_(
            "Write to a prisoner: a letter PDF and an envelope PDF. TARGET is a known slug "
            "(e.g. batsenin) or a published address line."
        ),
    ),
    "list": ("people", N_("List the people letterkit knows (hand-made and your own records).")),
    "show": (
        "people",
        N_("Show a person's record with the envelope address and the English address."),
    ),
    "add": (
        "address",
        N_(
            "Parse a published address and save it as your own record (then usable by "
            "write, show, list and batch)."
        ),
    ),
    "import": (
        "address",
        N_(
            "Add many records at once from a CSV, XLSX, JSON Lines or text file (one "
            "result per row)."
        ),
    ),
    "guide": (
        "guide",
        N_(
            "How to write to a prisoner in Russia: the rules, with their sources. With "
            "SLUG, also what applies to that person."
        ),
    ),
    "check": (
        "guide",
        N_(
            "Check a letter before printing: language, topics the censor stops, greeting, "
            "signature, return address, length, template leftovers. Exit 3 on warnings."
        ),
    ),
    "templates": ("guide", N_("List the letter templates (yours and the shipped ones).")),
    "batch": (
        "batch",
        N_(
            "Print many envelopes (or label sheets) in one PDF, optionally with reply kits, "
            "letters and profile sheets. INPUT is a CSV, XLSX, JSON Lines or text file, or "
            "a slug."
        ),
    ),
    "calibrate": (
        "batch",
        N_(
            "Print a test page with rulers and crosses to measure your printer's offset; "
            "--offset-x/--offset-y save the offsets (mm) for all envelopes and labels."
        ),
    ),
    "preview": (
        "preview",
        N_(
            "Render a page of a PDF (default the first; --all: every page) to PNG beside "
            "it (<name>-N.png) and print the PNGs' paths."
        ),
    ),
    "log": (
        "log",
        N_(
            "Your private letter log: whom you wrote to, when, with which template and "
            "signature. Kept only on this computer; off by default when your country is RU."
        ),
    ),
    "find": (
        "directory",
        N_(
            "Search the people letterkit knows (with Memorial's list) by name in Cyrillic "
            "or Latin letters (one typo tolerated), region, facility or Memorial tag."
        ),
    ),
    "random": (
        "directory",
        N_(
            "Pick people to write to at random (only those with a usable address), "
            "preferring people you have not written to yet (letter log)."
        ),
    ),
    "birthdays": (
        "directory",
        N_(
            "Who has a birthday soon (default: those whose send-by date is in the next "
            "30 days), with the age and the date in Russian; only people with a usable "
            "address."
        ),
    ),
    "forget": (
        "forget",
        N_(
            "Delete your saved return address and settings, your letter log and the people "
            "you added (for a shared computer). Asks first; --yes for scripts."
        ),
    ),
    "serve": (
        "serve",
        N_(
            "Open letterkit as a web page on this computer only (127.0.0.1): find someone, "
            "write and check a letter, see and download the PDFs. Prints the page's address "
            "with its secret token; Ctrl-C stops it."
        ),
    ),
    "address": ("address", N_("Published prisoner addresses.")),
    "sender": ("sender", N_("Your saved return address (stays on this computer).")),
    "data": ("data", N_("letterkit's data: import a newer Memorial list, check records.")),
}

# errno values of a failed write to standard output or standard error.
_STREAM_ERRNOS = {errno.ENOSPC, errno.EIO, errno.EBADF, getattr(errno, "EDQUOT", errno.ENOSPC)}


def stream_failure(exc: BaseException) -> int | None:
    """The exit code for a failed write to stdout/stderr, after saying so; else None.

    A write to a stream raises OSError without a file name (every OSError about a file
    the library opens is a LetterkitError by then).
    """
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
        silence_stdout()
        return EXIT_BROKEN_PIPE
    if isinstance(exc, OSError) and exc.filename is None and exc.errno in _STREAM_ERRNOS:
        silence_stdout()
        with contextlib.suppress(Exception):  # stderr may be the broken stream too
            sys.stderr.write(
                "Error: "
                + _("cannot write to standard output: {reason}").format(reason=exc.strerror or exc)
                + "\n"
            )
            sys.stderr.flush()
        return 1
    return None


def bug_report_url() -> str | None:
    """The ``Issues`` address in ``[project.urls]`` of the installed letterkit, if it has one."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("letterkit").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover - running from an unpacked tree
        return None
    for entry in urls:
        label, _sep, url = entry.partition(",")
        if label.strip().lower() in ("issues", "bug tracker", "bugs") and url.strip():
            return url.strip()
    return None


def report_error(exc: Exception) -> int:
    """Print an expected error the contract's way; returns the exit code."""
    if isinstance(exc, LetterkitError):
        # One "Error: …" line, optionally one "Hint: …" line; the prefixes stay English
        # in every interface language: scripts grep for them (tests/test_i18n_errors.py).
        sys.stderr.write(f"Error: {exc.message}\n")
        if exc.hint:
            sys.stderr.write(f"Hint: {exc.hint}\n")
        sys.stderr.flush()
        return exc.exit_code
    # Unexpected: a bug. Name the exception type only; its message may hold addresses.
    url = bug_report_url()
    if url:
        notice = _(
            "Bug: letterkit failed unexpectedly ({kind}). Please report it at {url}, "
            "with the command you ran but without names or addresses."
        )
    else:
        notice = _(
            "Bug: letterkit failed unexpectedly ({kind}). Please report it on letterkit's "
            "issue tracker (where you got letterkit), with the command you ran but without "
            "names or addresses."
        )
    sys.stderr.write(notice.format(kind=type(exc).__name__, url=url) + "\n")
    sys.stderr.flush()
    return 1


class LazyCommands(MutableMapping[str, Any]):
    """The root group's commands by name: a command module is imported, and its commands
    built, the first time one of its commands is looked up (see COMMANDS)."""

    def __init__(self, build: Callable[[str], dict[str, Any]]) -> None:
        self._build = build  # module name → its click commands by name
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built and name in COMMANDS:
            self._built.update(self._build(COMMANDS[name][0]))
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self._built if name not in COMMANDS)

    def listing(self) -> dict[str, Any]:
        """The commands as the help lists them: the built ones, and for the others a
        stand-in that carries only the name and the help text of COMMANDS."""
        return {
            name: self._built.get(name)
            or typer.core.TyperCommand(name=name, help=inspect.cleandoc(_(COMMANDS[name][1])))
            for name in self
        }


class LetterkitGroup(typer_i18n.Group):
    """The root group: turns exceptions into the contract's messages and exit codes, and
    imports a command's module only when the command is used (LazyCommands).

    As every letterkit group (letterkit.cli.typer_i18n.Group), it shows typer's help and usage
    errors in the interface language.
    """

    # typer.Typer's default; make_app turns typer's pretty exceptions off anyway
    pretty_exceptions_short = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        lazy = LazyCommands(self._build_commands)
        for name, command in self.commands.items():
            lazy[name] = command
        self.commands = lazy

    def _build_commands(self, module: str) -> dict[str, Any]:
        """Import ``letterkit.cli.commands.MODULE`` and build its commands as typer would
        have built them for the root app."""
        sub = typer.Typer()
        importlib.import_module(f"letterkit.cli.commands.{module}").register(sub)
        typer_i18n.use_classes(sub)
        built: dict[str, Any] = {}
        for command_info in sub.registered_commands:
            command = typer.main.get_command_from_info(
                command_info,
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
            )
            built[command.name] = command
        for group_info in sub.registered_groups:
            group = typer.main.get_group_from_info(
                group_info,
                pretty_exceptions_short=self.pretty_exceptions_short,
                rich_markup_mode=self.rich_markup_mode,
                suggest_commands=self.suggest_commands,
            )
            built[group.name] = group
        return built

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # typer's own listing, over stand-ins: `letterkit --help` imports no command module
        commands = self.commands
        self.commands = commands.listing() if isinstance(commands, LazyCommands) else commands
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = commands

    def invoke(self, ctx: Any) -> Any:
        pending: list[str] = []  # printed after the command's output, before its error
        with warnings.catch_warnings():
            warnings.filterwarnings("default", module=r"letterkit\.")
            warnings.showwarning = functools.partial(_show_warning, warnings.showwarning, pending)
            try:
                return self._invoke(ctx, pending)
            finally:
                _print_warnings(pending)

    def _invoke(self, ctx: Any, pending: list[str]) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:  # e.g. typer.BadParameter raised by a command
            localized = typer_i18n.localize(exc)
            if localized is exc:
                raise
            raise localized from exc
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise
        except Exception as exc:  # the one place errors are reported
            if os.environ.get("LETTERKIT_DEBUG") == "1":
                raise
            code = stream_failure(exc)
            if code is None:
                _print_warnings(pending, unless=getattr(exc, "message", None))
                code = report_error(exc)
            raise typer.Exit(code) from None


def _show_warning(
    original: Any, pending: list[str], message: Any, category: type, *args: Any, **kwargs: Any
) -> None:
    """The library's own warnings (a skipped record) wait in ``pending``; others: Python's."""
    if category.__module__.startswith("letterkit"):
        if str(message) not in pending:
            pending.append(str(message))
        return
    original(message, category, *args, **kwargs)


def _print_warnings(pending: list[str], *, unless: str | None = None) -> None:
    """One ``Warning:`` line per pending warning, except the one the error repeats."""
    with contextlib.suppress(Exception):  # stderr may be gone
        for problem in pending:
            if problem != unless:
                sys.stderr.write(
                    _(
                        "Warning: skipped {problem}; fix or delete the file "
                        "('letterkit data check' lists every problem)"
                    ).format(problem=problem)
                    + "\n"
                )
        sys.stderr.flush()
    pending.clear()


def _supported(lang: str) -> bool:
    return lang.strip().lower() in ("ru", "en")


def _lang_callback(value: str | None) -> None:
    """``--lang``: runs before ``--help`` when given before it (both are eager)."""
    if value is None:
        return
    if not _supported(value):
        sys.stderr.write(
            _(
                "Warning: letterkit has no {lang!r} interface (only ru and en); using English."
            ).format(lang=value)
            + "\n"
        )
        value = "en"
    set_language(value)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"letterkit {__version__}")
        raise typer.Exit()


def make_app() -> typer.Typer:
    """Build the typer app in the current interface language."""
    typer_i18n.install()
    app = typer.Typer(
        name="letterkit",
        cls=LetterkitGroup,
        help=_(
            "Letters and envelopes for Russian political prisoners: the address in "
            "Russian Post order, censor-safe Russian letters, printable PDFs."
        ),
        no_args_is_help=True,
        suggest_commands=False,  # typer_i18n.Group suggests, in the interface language
        add_completion=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: bool = typer.Option(
            False,
            "--version",
            help=_("Show the version and exit."),
            callback=_version_callback,
            is_eager=True,
        ),
        lang: str | None = typer.Option(
            None,
            "--lang",
            help=_("Interface language: ru or en (else LETTERKIT_LANG, else the locale)."),
            metavar="ru|en",
            callback=_lang_callback,
            is_eager=True,
        ),
    ) -> None:
        pass

    typer_i18n.use_classes(app)  # the commands themselves: LetterkitGroup, when used
    return app


def _lang_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def __getattr__(name: str) -> Any:
    # ``from letterkit.cli import app`` (tests, typer's tooling) builds it on demand.
    if name == "app":
        return make_app()
    raise AttributeError(name)


def _streams_hint() -> str | None:
    """Let stdout/stderr replace what they cannot encode; a hint when they cannot show Cyrillic."""
    if sys.stdout is None:  # started with standard output closed (>&-)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the whole run
    shown = None
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "Ёё«»—№".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="replace")
            shown = shown or encoding
    if shown is None:
        return None
    return _(
        "this terminal's encoding ({encoding}) cannot show Russian letters; they are "
        "printed as '?'. Use a UTF-8 locale (e.g. LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8"
    ).format(encoding=shown)


def main() -> None:
    lang = _lang_from_argv(sys.argv[1:])
    # an unsupported --lang: English (the root's --lang callback says so)
    set_language("en" if lang is not None and not _supported(lang) else lang)
    hint = _streams_hint()
    if hint is not None and sys.stderr is not None:
        sys.stderr.write(f"Hint: {hint}\n")
    app = make_app()
    try:
        app(prog_name="letterkit")
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    try:  # what is still buffered: a closed pipe or a full disk shows here
        sys.stdout.flush()
    except Exception as exc:
        failed = stream_failure(exc)
        if failed is None:
            raise
        code = failed if code in (0, None, 3) else code
    # The run is over: what is still alive (modules, data, documents) lives until the
    # process ends, and the collection the interpreter makes as it exits would walk all
    # of it to free nothing the end of the process does not free (50 ms of a batch of
    # 1000 envelopes). Frozen objects are out of its reach (letterkit.collector).
    gc.freeze()
    sys.exit(code)
