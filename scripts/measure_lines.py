#!/usr/bin/env python3
"""Field accuracy of the address engine on a table of published lines.

Usage: python scripts/measure_lines.py [CASES.jsonl] [--quiet]

Reads cases in the form of ``tests/data/published_lines.jsonl`` (``line``, ``source``,
``expected``; default: that file) and counts, over every case, each address field (a field
missing from ``expected`` must be null), each recipient field ``expected`` gives and
``printable`` when given; and the lines that lose a word (a word of the line on no
envelope line and in no note or warning). Write new cases before running it: the first
run on them is the figure for lines the engine has not seen. Runs from a source checkout
without installing (adds ``src`` to the path).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.format import address_json  # noqa: E402
from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.address.words import unexplained_words  # noqa: E402
from letterkit.models import ADDRESS_FIELDS as FIELDS  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "published_lines.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--quiet", action="store_true", help="the figures only, not the misses")
    args = ap.parse_args(argv)
    rows = [json.loads(r) for r in args.path.read_text(encoding="utf-8").splitlines() if r.strip()]
    ok = total = lost = 0
    misses: list[str] = []
    for n, row in enumerate(rows, 1):
        address = parse_address(row["line"])
        got, want = address_json(address), row["expected"]
        checks = [(k, want.get(k), got[k]) for k in FIELDS]
        rec = got["recipient"] or {}
        checks += [
            (f"recipient.{k}", v, rec.get(k)) for k, v in (want.get("recipient") or {}).items()
        ]
        if "printable" in want:
            checks.append(("printable", want["printable"], got["printable"]))
        for field, expected, value in checks:
            total += 1
            if value == expected:
                ok += 1
            else:
                misses.append(f"{n}: {field}: expected {expected!r}, got {value!r}")
        words = unexplained_words(row["line"], address)
        if words:
            lost += 1
            misses.append(f"{n}: loses {' '.join(words)!r}")
    print(f"cases: {len(rows)}")
    print(f"fields right: {ok}/{total} ({100 * ok / max(total, 1):.2f} %)")
    print(f"lines losing a word: {lost}/{len(rows)}")
    if not args.quiet:
        for m in misses:
            print("  -", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
