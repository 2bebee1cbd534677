#!/usr/bin/env python3
"""Convert Memorial's political-prisoner list (JSON Lines) into letterkit's directory file.

Usage: python scripts/import_memorial.py [SNAPSHOT.jsonl] [--out DIR] [--quiet]

Reads the snapshot (default ``/work/shared/data/memopzk-2025-02-22.jsonl``; format in
its README), parses and validates every published address with the address engine
(``letterkit.directory.convert_rows`` — the same code ``letterkit data update`` runs)
and writes ONE file, ``data/directory/memopzk-<snapshot>.json``, replacing older
snapshot files there. Then it reports the counts and every record that is not
writable, with the reason (kept as "no usable address", never guessed), and every
record whose parsed address disagrees with the page (name or birth year).

Re-run it whenever the address parser changes, and commit the result.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit import directory  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402
from letterkit.fsutil import atomic_write  # noqa: E402

DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")


def report(conversion: directory.Conversion, out: Path, quiet: bool = False) -> str:
    counts = conversion.counts
    lines = [
        f"wrote {out}",
        f"snapshot {conversion.snapshot.isoformat()} from {conversion.source_file}",
        f"records:       {counts['records']}",
        f"with address:  {counts['with_address']}",
        f"printable:     {counts['printable']}",
        f"writable:      {counts['writable']}",
        f"not writable:  {counts['records'] - counts['writable']}",
    ]
    for reason, n in counts["not_writable"].items():
        lines.append(f"  {n:4d}  {reason}")
    if not quiet:
        lines.append("")
        lines.append("Not writable (kept as 'no usable address'):")
        for slug, name, reason in conversion.unusable:
            if reason != "no address published":
                lines.append(f"  {slug}  {name}: {reason}")
        no_address = [slug for slug, _n, r in conversion.unusable if r == "no address published"]
        lines.append(f"  no address published ({len(no_address)}): {', '.join(no_address)}")
        lines.append("")
        lines.append(f"Parsed address disagrees with the page ({len(conversion.mismatches)}):")
        for slug, name, message in conversion.mismatches:
            lines.append(f"  {slug}  {name}: {message}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snapshot", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / directory.DIRECTORY)
    parser.add_argument("--quiet", action="store_true", help="counts only")
    args = parser.parse_args(argv)
    try:
        conversion = directory.convert_file(args.snapshot)
        args.out.mkdir(parents=True, exist_ok=True)
        out = args.out / directory.snapshot_file_name(conversion.snapshot)
        atomic_write(out, conversion.dumps(), force=True)
    except LetterkitError as exc:
        print(f"Error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"Hint: {exc.hint}", file=sys.stderr)
        return 1
    for old in args.out.glob(f"{directory.FILE_PREFIX}*.json"):
        if old != out:
            old.unlink()
    print(report(conversion, out, args.quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
