"""A small TOML writer for letterkit's own files (records, profile).

Only what those files use: strings, integers, floats, booleans, dates, lists of
scalars and arrays of tables. A JSON string is a valid TOML basic string.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def dumps(data: dict[str, Any], header: str | None = None) -> str:
    """Top-level keys first; dict values become tables, lists of dicts arrays of tables."""
    out: list[str] = []
    if header:
        out.extend(f"# {line}" for line in header.splitlines())
    tables: list[tuple[str, Any]] = []
    for key, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and value and isinstance(value[0], dict)
        ):
            tables.append((key, value))
        else:
            out.append(f"{key} = {_scalar(value)}")
    for key, value in tables:
        items = value if isinstance(value, list) else [value]
        for item in items:
            out.append("")
            out.append(f"[[{key}]]" if isinstance(value, list) else f"[{key}]")
            out.extend(f"{k} = {_scalar(v)}" for k, v in item.items() if v is not None)
    return "\n".join(out) + "\n"
