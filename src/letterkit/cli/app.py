"""The command line: a thin typer layer over the library.

Commands live one module each under ``letterkit.cli.commands``; each exposes
``register(app)``. Expected failures (``LetterkitError``) become one ``Error: …`` line
and an optional ``Hint: …`` line on stderr with the contract's exit code, in exactly
one place: :class:`LetterkitGroup.invoke`. Anything else is a bug: one line saying so,
with no personal data (no message, no locals, no traceback).

Only typer is imported at start-up; every command imports what it needs when it runs,
so ``letterkit --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import typer
from typer._click.exceptions import UsageError

from letterkit import __version__
from letterkit.cli import typer_i18n
from letterkit.errors import LetterkitError
from letterkit.i18n import _, set_language

# One module per command (or command group) under letterkit/cli/commands/.
COMMAND_MODULES = (
    "write",
    "people",
    "address",
    "guide",
    "sender",
    "batch",
    "preview",
    "log",
    "directory",
    "data",
)


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


class LetterkitGroup(typer_i18n.Group):
    """The root group: turns exceptions into the contract's messages and exit codes.

    As every letterkit group (letterkit.cli.typer_i18n.Group), it shows typer's help and usage
    errors in the interface language.
    """

    def invoke(self, ctx: Any) -> Any:
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
            raise typer.Exit(report_error(exc)) from None


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
        ),
    ) -> None:
        if lang is not None:
            if lang.lower() not in ("ru", "en"):
                raise typer.BadParameter(_("use ru or en"), param_hint="--lang")
            set_language(lang)

    for name in COMMAND_MODULES:
        importlib.import_module(f"letterkit.cli.commands.{name}").register(app)
    typer_i18n.use_classes(app)
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


def main() -> None:
    set_language(_lang_from_argv(sys.argv[1:]))
    app = make_app()
    app(prog_name="letterkit")
