#!/usr/bin/env python3
"""Measure the address parser on Memorial's published addresses (issue 4).

Usage: python scripts/measure_corpus.py [PATH.jsonl] [--examples N] [--show KIND]

For every record with an ``address_text`` it reports: printable without warnings, the
derived nominative equal to the page title (``name``; ё/е and bracketed second names
ignored), the birth year equal to ``born``'s year, and the failures grouped by kind with
examples. Runs from a source checkout without installing (adds ``src`` to the path).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402

DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")
_PAREN = re.compile(r"\s*\([^)]*\)")


def _fold(name: str) -> str:
    return " ".join(_PAREN.sub("", name).replace("ё", "е").replace("Ё", "Е").split())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--examples", type=int, default=3, help="examples per failure kind")
    ap.add_argument("--show", help="print every line of this failure kind")
    args = ap.parse_args(argv)

    rows = [json.loads(x) for x in args.path.read_text(encoding="utf-8").splitlines() if x]
    rows = [r for r in rows if r.get("address_text")]
    total = len(rows)
    clean = name_ok = year_ok = printable = 0
    failures: dict[str, list[str]] = defaultdict(list)
    codes: Counter[str] = Counter()
    started = time.perf_counter()
    for r in rows:
        text = r["address_text"]
        tag = f"{r['name']} | {text[:160]!r}"
        try:
            a = parse_address(text)
        except LetterkitError as exc:
            failures["error"].append(f"{tag} -> {exc}")
            continue
        if a.printable:
            printable += 1
        if a.printable and not a.warnings:
            clean += 1
        for w in a.warnings:
            codes[w.code] += 1
            failures[f"warning:{w.code}"].append(f"{tag} -> {w.message}")
        if not a.printable:
            failures["not-printable"].append(
                f"{tag} -> missing {[w.code for w in a.warnings if w.code.startswith('missing')]}"
            )
        rec = a.recipient
        derived = " ".join(p for p in (rec.last, rec.first, rec.middle) if p) if rec else ""
        if _fold(derived) == _fold(r["name"]):
            name_ok += 1
        else:
            failures["nominative"].append(f"{tag} -> derived {derived!r}")
        born = r.get("born")
        want = int(born[:4]) if born else None
        got = rec.birth_year if rec else None
        if want is None or got == want:
            year_ok += 1
        else:
            failures["birth-year"].append(f"{tag} -> got {got}, page says {born}")
    elapsed = time.perf_counter() - started

    def pct(n: int) -> str:
        return f"{n}/{total} ({100 * n / total:.1f} %)"

    print(f"addresses:                    {total}")
    print(f"printable:                    {pct(printable)}")
    print(f"printable without warnings:   {pct(clean)}")
    print(f"nominative == page title:     {pct(name_ok)}")
    print(f"birth year == page (or none): {pct(year_ok)}")
    print(f"time: {elapsed:.2f} s ({1000 * elapsed / max(total, 1):.2f} ms a line)")
    print("\nwarning codes:", dict(codes.most_common()))
    print("\nfailures by kind:")
    for kind, items in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"\n[{kind}] {len(items)}")
        show = items if kind == args.show else items[: args.examples]
        for item in show:
            print("  -", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
