#!/usr/bin/env python3
"""Declension accuracy both ways on the names of Memorial's list.

Usage: python scripts/measure_names.py [PATH.jsonl] [--show] [--no-published]

For every record whose published address names the person in the dative (the address
parser finds the recipient, and the line does not give the nominative), compares:

- nominative → dative: :func:`letterkit.names.to_dative` of the page title (``name``,
  surname first; bracketed other names dropped) with the dative as published;
- dative → nominative: :func:`letterkit.names.from_dative` of the published dative with
  the page title.

ё/е and letter case are ignored. A title with another name in brackets counts either
reading; a published name shorter than the title is compared with the title's first
words; a published name longer than every reading is left out and counted.

A dative that reads two ways («Ватре»: Ватра or Ватря) is decided first by the
nominatives Memorial's titles publish (``data/names/published.toml``, built from this
snapshot), then by how many people bear each reading (``frequency.json``), else flagged:
``--no-published`` leaves the first evidence out, as for a name Memorial has not
published, and counts the misses the address engine flags with both readings (a miss
with no flag is a silent one, the worst kind).
Runs from a source checkout without installing (adds ``src`` to the path).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit import names  # noqa: E402
from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402

DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")
_PAREN = re.compile(r"\s*\([^)]*\)")


def _fold(text: str) -> str:
    return " ".join(_PAREN.sub("", text).lower().replace("ё", "е").split())


def _readings(title: str) -> list[str]:
    """The names a page title gives: without the brackets, with a bracketed surname in
    place of the first one, and a bracketed full name."""
    out = [_PAREN.sub("", title).strip()]
    words = title.split()
    for m in re.finditer(r"\(([^)]*)\)", title):
        inner = m.group(1).split()
        if len(inner) >= 2:
            out.append(" ".join(inner))
        elif inner and words:
            out.append(" ".join([inner[0], *_PAREN.sub("", title).split()[1:]]))
    return out


def pairs(path: Path) -> tuple[list[tuple[list[str], str]], int]:
    """(title readings, published dative) pairs, and how many records were left out."""
    out: list[tuple[list[str], str]] = []
    skipped = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        if not row.get("address_text"):
            continue
        try:
            a = parse_address(row["address_text"])
        except LetterkitError:
            continue
        rec = a.recipient
        if rec is None or any(w.code in ("name-nominative", "initials-only") for w in a.warnings):
            continue
        published = _PAREN.sub("", rec.dative).strip()
        n = len(published.split())
        # the title's readings: «Алсынов (Алчинов) Фаиль …» and «Джумаев … (Мархиев …)»
        # name the same person two ways; a published name may be shorter than the title
        # («Куку Эмир-Усеину» for «Куку Эмир-Усеин Кемалович»)
        titles = [" ".join(t.split()[:n]) for t in _readings(row["name"]) if len(t.split()) >= n]
        if not titles:
            skipped += 1
            continue
        out.append((titles, published))
    return out, skipped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show", action="store_true", help="print every miss")
    ap.add_argument(
        "--no-published", action="store_true", help="without Memorial's published nominatives"
    )
    args = ap.parse_args(argv)
    if args.no_published:
        names._published = lambda: (frozenset(), frozenset(), frozenset())  # type: ignore[assignment]
    data, skipped = pairs(args.path)
    fwd_miss: list[str] = []
    back_miss: list[str] = []
    flagged = 0
    for titles, published in data:
        datives = []
        for title in titles:
            w = title.split()
            last, first, middle = w[0], (w[1] if len(w) > 1 else None), " ".join(w[2:]) or None
            datives.append(names.to_dative(last, first, middle))
        if _fold(published) not in {_fold(d) for d in datives}:
            fwd_miss.append(f"{titles[0]} -> {datives[0]!r}, published {published!r}")
        got = " ".join(p for p in names.from_dative(published)[:3] if p)
        if _fold(got) not in {_fold(t) for t in titles}:
            others = names.two_readings(published)
            if others:
                flagged += 1
            note = f" (flagged: {', '.join(f'{a} or {b}' for a, b in others)})" if others else ""
            back_miss.append(f"{published} -> {got!r}, title {titles[0]!r}{note}")
    n = len(data)
    print(f"names compared: {n} (left out, word counts differ: {skipped})")
    print(f"nominative → dative: {n - len(fwd_miss)}/{n} ({100 * (n - len(fwd_miss)) / n:.1f} %)")
    print(f"dative → nominative: {n - len(back_miss)}/{n} ({100 * (n - len(back_miss)) / n:.1f} %)")
    print(f"  of the misses, flagged with both readings: {flagged}")
    print(f"  silent misses (no warning): {len(back_miss) - flagged}")
    for kind, items in (("nominative → dative", fwd_miss), ("dative → nominative", back_miss)):
        print(f"\n[{kind}] {len(items)} misses")
        for item in items if args.show else items[:10]:
            print("  -", item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
