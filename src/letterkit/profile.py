"""The writer's saved profile (platformdirs user config dir, ``profile.toml``).

Holds the return address lines, the country (ISO 3166 alpha-2), printer offsets and
the letter-log setting. Written atomically, keeping the user's own comments and
formatting; never sent anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from letterkit import paths
from letterkit.errors import DataError, InputError
from letterkit.fsutil import atomic_write, toml_text
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
        return Profile()
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
    return Profile(
        lines,
        country.upper(),
        offsets[0],
        offsets[1],
        log_enabled,
        SenderParts.from_json(parts) if parts else None,
    )


def save_profile(profile: Profile) -> None:
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
    atomic_write(path, _updated_text(path, tables), force=True, make_dirs=True)


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
