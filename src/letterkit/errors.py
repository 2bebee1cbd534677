"""The project's own exceptions.

Every expected failure raises a subclass of :class:`LetterkitError`. The CLI turns it
into one ``Error: …`` line (plus an optional ``Hint: …`` line) on stderr and exits with
the class's ``exit_code`` (letterkit.cli.report_error).
The library never prints and never calls ``sys.exit``.
"""

from __future__ import annotations


class LetterkitError(Exception):
    """Base class: an expected failure with a message meant for the user."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class DataError(LetterkitError):
    """A shipped or user data file is missing, unreadable or invalid.

    A problem with one field of a record also carries ``field`` and ``problem`` (the
    message without the file and field), so ``data check`` can list them in any language.
    """

    field: str | None = None
    problem: str | None = None


class NotFoundError(DataError):
    """An unknown slug, facility, template or label sheet."""


class AddressError(LetterkitError):
    """An address cannot be parsed, validated or printed."""


class LayoutError(LetterkitError):
    """Text cannot fit on the page even at the minimum font size."""


class TemplateError(LetterkitError):
    """A letter template is broken or uses an undefined field."""


class InputError(LetterkitError):
    """Bad user input: a text file, CSV/XLSX row, option value."""


class OutputError(LetterkitError):
    """An output file cannot be written (exists, locked, directory missing…)."""
