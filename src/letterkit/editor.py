"""Opening the user's editor on a letter (``write --edit``)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from letterkit.errors import InputError
from letterkit.i18n import _
from letterkit.textfile import decode_text


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def edit_text(initial: str) -> str:
    """Open $VISUAL/$EDITOR on ``initial``; returns the saved text."""
    if not interactive():
        raise InputError(
            _("--edit needs an interactive terminal, but standard input is not one"),
            hint=_("write the letter in a file and pass it with --text FILE"),
        )
    command = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or ("notepad" if os.name == "nt" else "nano")
    )
    fd, name = tempfile.mkstemp(prefix="letterkit-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(initial)
        try:
            result = subprocess.run([*shlex.split(command), str(path)], check=False)
        except OSError as exc:
            raise InputError(
                _("the editor '{command}' could not be started: {reason}").format(
                    command=command, reason=exc.strerror or exc
                ),
                hint=_("set EDITOR to an installed editor, e.g. EDITOR=nano"),
            ) from None
        if result.returncode != 0:
            raise InputError(
                _("the editor '{command}' exited with code {code}; nothing was written").format(
                    command=command, code=result.returncode
                ),
                hint=_("save and close the editor normally, or use --text FILE"),
            )
        try:
            raw = path.read_bytes()
        except OSError:  # the editor deleted or renamed the file
            raise InputError(
                _(
                    "the edited letter was not saved (the editor removed the file); nothing was written"
                ),
                hint=_("save the letter in the editor before closing it, or use --text FILE"),
            ) from None
        # UTF-8, UTF-16 with BOM or Windows-1251, as a --text file; else a clean error
        text = decode_text(
            raw,
            _("the edited letter"),
            hint=_(
                "set the editor to save UTF-8, or write the letter in a file and use --text FILE"
            ),
        ).text
    finally:
        path.unlink(missing_ok=True)
    if not text.strip():
        raise InputError(_("the letter is empty after editing; nothing was written"))
    return text
