"""The writer's saved profile (platformdirs user config dir, ``profile.toml``).

Holds the return address lines, the country (ISO 3166 alpha-2), printer offsets and
the letter-log setting. Written atomically, readable only by the user, keeping the
user's own comments and formatting; never sent anywhere.

Two runs may change it at once (``sender set`` while ``calibrate`` saves offsets):
:func:`save_profile` takes the profile's lock, reads the file again and writes only the
fields this run changed since :func:`load_profile`, so both changes are kept.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit import paths
from letterkit.errors import DataError, InputError
from letterkit.fsutil import PRIVATE_FILE, atomic_write, locked, toml_text
from letterkit.i18n import _
from letterkit.international import validate_country
from letterkit.models import Sender, SenderParts
from letterkit.records import read_toml
from letterkit.render.calibration import OFFSET_LIMIT_MM

HEADER = "letterkit profile: your return address and settings. Stays on this computer."


@dataclass
class Profile:
    sender_lines: list[str] = field(default_factory=list)
    country: str = "RU"
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0
    log_enabled: bool | None = None  # None: default (off for RU, on elsewhere)
    sender_parts: SenderParts | None = None  # [sender.parts]: what `sender set` understood

    @property
    def sender(self) -> Sender | None:
        if not self.sender_lines:
            return None
        return Sender(list(self.sender_lines), self.country, self.sender_parts)


def load_profile() -> Profile:
    path = paths.profile_path()
    if not path.exists():
        return _loaded(Profile())
    raw = read_toml(path)

    def bad(field_name: str, problem: str) -> DataError:
        error = DataError(
            _("{path}: field '{field}' {problem}").format(
                path=path, field=field_name, problem=problem
            ),
            hint=_("fix it, or run 'letterkit sender clear' to start again"),
        )
        error.field, error.problem = field_name, problem
        return error

    def table(name: str) -> dict[str, Any]:
        value = raw.get(name, {})
        if not isinstance(value, dict):
            raise bad(name, _("must be a table ([{name}])").format(name=name))
        return value

    sender = table("sender")
    lines = sender.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(x, str) for x in lines):
        raise bad("sender.lines", _("must be a list of strings"))
    country = sender.get("country", "RU")
    if not isinstance(country, str) or len(country) != 2:
        raise bad("sender.country", _("must be a two-letter country code"))
    printer = table("printer")
    offsets = []
    for key in ("offset_x_mm", "offset_y_mm"):
        value = printer.get(key, 0.0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise bad(f"printer.{key}", _("must be a number (mm)"))
        if not -OFFSET_LIMIT_MM <= value <= OFFSET_LIMIT_MM:  # also rejects nan and inf
            raise bad(
                f"printer.{key}",
                _("must be between -{limit} and {limit} (mm)").format(limit=OFFSET_LIMIT_MM),
            )
        offsets.append(float(value))
    log_enabled = table("log").get("enabled")
    if log_enabled is not None and not isinstance(log_enabled, bool):
        raise bad("log.enabled", _("must be true or false"))
    parts = sender.get("parts")
    if parts is not None and not isinstance(parts, dict):
        raise bad("sender.parts", _("must be a table ([sender.parts])"))
    return _loaded(
        Profile(
            lines,
            country.upper(),
            offsets[0],
            offsets[1],
            log_enabled,
            SenderParts.from_json(parts) if parts else None,
        )
    )


def _loaded(profile: Profile) -> Profile:
    """Remember the values as read, so save_profile knows what this run changed."""
    profile._as_loaded = _values(profile)  # type: ignore[attr-defined]
    return profile


def _values(profile: Profile) -> dict[str, Any]:
    """The fields, one level deep (``dataclasses.asdict`` would turn the sender parts into
    a plain dict)."""
    return {f.name: getattr(profile, f.name) for f in dataclasses.fields(profile)}


def save_profile(profile: Profile) -> None:
    """Save the fields changed since load_profile onto the file as it is now, under its lock."""
    with locked(paths.profile_path()):
        before = getattr(profile, "_as_loaded", None)
        if before is not None:  # merge: another run may have saved since we loaded
            current = load_profile()
            for name, value in _values(profile).items():
                if value != before.get(name):
                    setattr(current, name, value)
            for name, value in _values(current).items():
                setattr(profile, name, value)
        _write_profile(profile)
        _loaded(profile)


def _write_profile(profile: Profile) -> None:
    tables: dict[str, dict[str, Any]] = {
        "sender": {
            "lines": profile.sender_lines,
            "country": profile.country,
            "parts": profile.sender_parts.to_json() if profile.sender_parts else None,
        },
        "printer": {"offset_x_mm": profile.offset_x_mm, "offset_y_mm": profile.offset_y_mm},
        "log": {"enabled": profile.log_enabled},  # None: not written (the default)
    }
    path = paths.profile_path()
    atomic_write(path, _updated_text(path, tables), force=True, make_dirs=True, mode=PRIVATE_FILE)


def _updated_text(path: Path, tables: dict[str, dict[str, Any]]) -> str:
    """The profile file with ``tables`` written into it; comments and untouched values stay."""
    # deferred: tomlkit costs tens of milliseconds at start-up
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ParseError):  # no file yet (or unreadable): a new one
        written = {k: v for k, v in tables.items() if any(x is not None for x in v.values())}
        return toml_text(written, header=HEADER)
    for name, values in tables.items():
        table = doc.get(name)
        if not isinstance(table, dict):
            if all(v is None for v in values.values()):
                continue
            doc[name] = table = tomlkit.table()
        for key, value in values.items():
            if value is None:
                table.pop(key, None)
            elif key not in table or table[key] != value:
                table[key] = value
    return tomlkit.dumps(doc)


def resolve_sender(option: str | None, country: str | None) -> Sender | None:
    """``--sender``/``--sender-country`` override the profile; None when no sender at all."""
    profile = load_profile()
    if country is not None:
        country = validate_country(country)
    if option is not None:
        sender = Sender.parse(option, country or profile.country)
        if not sender.lines:
            raise InputError(_("--sender is empty"), hint=_('give the lines separated by ";"'))
        return sender
    effective = country or profile.country
    sender = profile.sender
    if sender is None:
        # No return address anywhere: ruled lines to fill in by hand. A country other
        # than RU still needs the international recipient layout.
        return Sender([], effective) if effective != "RU" else None
    if effective != sender.country:
        sender.parts = None  # read for the other country when the letter needs them
    sender.country = effective
    return sender
