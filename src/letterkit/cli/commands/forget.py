"""``letterkit forget``: delete what this computer remembers about the writer."""

from __future__ import annotations

import typer

from letterkit.cli import output as out
from letterkit.i18n import _


def register(app: typer.Typer) -> None:
    @app.command(
        "forget",
        help=_(
            "Delete your saved return address and settings, your letter log and the people "
            "you added (for a shared computer). Asks first; --yes for scripts."
        ),
    )
    def forget(
        yes: bool = typer.Option(False, "--yes", "-y", help=_("Do not ask; delete.")),
    ) -> None:
        # deferred: loaded when the command runs, so --help and Tab completion stay fast
        import shutil

        from letterkit import letterlog, paths

        found = [
            path
            for path in (
                paths.profile_path(),
                letterlog.log_path(),
                paths.user_prisoners_dir(),
                paths.user_facilities_dir(),
                # letterkit/memo.py: the writer's town declined, the parts of the return
                # addresses given (address/sender.py), data files parsed
                paths.user_cache_dir(),
            )
            if path.exists()
        ]
        console = out.stdout_console()
        if not found:
            console.print(_("Nothing saved: no profile, letter log or records of yours."))
            return
        console.print(_("This deletes:"))
        for path in found:
            out.plain(console, f"  {path}")
        if not yes and not typer.confirm(_("Delete them?"), default=False):
            console.print(_("Nothing was deleted."))
            raise typer.Exit(1)
        for path in found:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        console.print(_("Deleted. letterkit remembers nothing about you on this computer."))
