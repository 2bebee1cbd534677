#!/usr/bin/env python3
"""Words of published lines that the envelope block loses (issue: never lose a word).

Usage: python scripts/measure_words.py [PATH.jsonl] [--all]

For every record with an ``address_text`` that parses as printable, lists the words of the
line that are on no envelope line and in no note or warning
(:func:`letterkit.address.words.lost_words`). ``--all`` checks unprintable lines too.
Runs from a source checkout without installing (adds ``src`` to the path).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.address.words import unexplained_words  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402

DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")


def check(line: str) -> tuple[bool, list[str]]:
    """(printable, the words lost) for one published line."""
    a = parse_address(line)
    return a.printable, unexplained_words(line, a)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--all", action="store_true", help="check unprintable lines too")
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in args.path.read_text(encoding="utf-8").splitlines() if x]
    lines = [r.get("address_text") or r.get("line") for r in rows]
    lines = [x for x in lines if x]
    checked = losing = 0
    for line in lines:
        try:
            printable, lost = check(line)
        except LetterkitError:
            continue
        if not printable and not args.all:
            continue
        checked += 1
        if lost:
            losing += 1
            print(f"- {lost} <- {line[:200]!r}")
    print(f"\nlines checked: {checked}; lines losing a word: {losing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
