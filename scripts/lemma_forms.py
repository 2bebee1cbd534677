#!/usr/bin/env python3
"""Write data/lemma_forms.json: the word forms of the lemmas of data/topics.toml.

    python scripts/lemma_forms.py          # write the file
    python scripts/lemma_forms.py --check  # exit 1 if the file is out of date

The letter checker reads a letter's words through this file instead of loading the
pymorphy3 dictionary (about 0.1 s a process). Re-run it after changing the lemmas of
data/topics.toml; until then the checker notices the change and uses the dictionary.
"""

from __future__ import annotations

import argparse
import sys

from letterkit.guidance.terms import LEMMA_FORMS, build_lemma_forms, dump_lemma_forms
from letterkit.resources import data_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that it is up to date")
    args = parser.parse_args()
    path = data_dir() / LEMMA_FORMS
    text = dump_lemma_forms(build_lemma_forms())
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path} is out of date: run python scripts/lemma_forms.py", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
