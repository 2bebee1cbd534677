"""Published lines from sources other than Memorial → the ``address parse --json``
fields (the parser is measured on lines it has never seen).

``tests/data/published_lines.jsonl`` holds one case a line: ``line`` (verbatim as published,
or built in the published style of the named source, marked ``constructed after …``),
``source`` and ``expected`` — the address fields, the recipient and ``printable``, all worked
out by hand from the line. Address fields missing from ``expected`` must be null: every piece
of the line has to land in the field it belongs to.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from letterkit.address.format import address_json
from letterkit.address.parse import parse_address
from letterkit.models import ADDRESS_FIELDS as FIELDS  # the order of the JSON object

DATA = Path(__file__).parent / "data" / "published_lines.jsonl"


def _cases() -> list:
    out = []
    for n, raw in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if raw.strip():
            row = json.loads(raw)
            out.append(pytest.param(row["line"], row["expected"], id=f"{n}"))
    return out


CASES = _cases()


def test_enough_cases_with_sources() -> None:
    rows = [json.loads(r) for r in DATA.read_text(encoding="utf-8").splitlines() if r.strip()]
    assert len(rows) >= 120
    assert all(r["source"] for r in rows)
    assert len({r["line"] for r in rows}) == len(rows)


@pytest.mark.parametrize(("line", "expected"), CASES)
def test_published_line(line: str, expected: dict) -> None:
    got = address_json(parse_address(line))
    want = {k: expected.get(k) for k in FIELDS}
    assert {k: got[k] for k in FIELDS} == want
    rec = expected.get("recipient")
    if rec is not None:
        assert {k: got["recipient"][k] for k in rec} == rec
    if "printable" in expected:
        assert got["printable"] is expected["printable"], got["warnings"]
