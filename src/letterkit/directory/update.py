"""``letterkit data update FILE``: a newer Memorial list converted into the user data dir."""

from __future__ import annotations

from pathlib import Path

from letterkit import paths, resources
from letterkit.directory._common import DIRECTORY
from letterkit.directory.memorial import Conversion, convert_file
from letterkit.directory.snapshot import candidates, newest, snapshot_file_name
from letterkit.errors import InputError, OutputError
from letterkit.fsutil import atomic_write
from letterkit.i18n import _


def update_snapshot(path: Path, user_dir: Path | None = None) -> tuple[Path, Conversion]:
    """``letterkit data update FILE``: convert a newer snapshot into the user data dir.

    The shipped file is never modified. Refuses a snapshot older than the shipped one
    (it would be ignored: the newest snapshot is loaded). Older user snapshots are
    removed once the new file is written atomically.
    """
    user_dir = user_dir or paths.user_data_dir()
    conversion = convert_file(path)
    shipped = newest(candidates(resources.data_dir() / DIRECTORY))
    if shipped is not None and conversion.snapshot < shipped[0]:
        raise InputError(
            _(
                "{file} is a snapshot of {date}, older than the one letterkit ships ({shipped})"
            ).format(
                file=Path(path).name,
                date=conversion.snapshot.isoformat(),
                shipped=shipped[0].isoformat(),
            ),
            hint=_("download a newer list, or keep using the shipped one"),
        )
    folder = user_dir / DIRECTORY
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("cannot create {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    target = folder / snapshot_file_name(conversion.snapshot)
    atomic_write(target, conversion.dumps(), force=True)
    for _date, old in candidates(folder):
        if old != target:
            old.unlink(missing_ok=True)
    return target, conversion
