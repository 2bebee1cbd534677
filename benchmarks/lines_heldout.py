"""Field accuracy of the address parser on held-out published lines.

    python benchmarks/lines_heldout.py benchmarks/heldout/lines-set1b.jsonl
    python benchmarks/lines_heldout.py FILE.jsonl --verbose   # every field judged wrong

A set holds one JSON object a line, in the format of tests/data/published_lines.jsonl:
``line`` (as published), ``source``, ``expected`` (the address fields, ``printable`` and
``recipient``, worked out by hand from the line, before the parser was run on it) and an
optional ``note``. An address field left out of ``expected`` must be empty.

Every address field, every recipient key the set gives and ``printable`` count as one
field each. What a reader of the envelope would accept as the same counts as right: the
short forms Russian Post uses for the same word («область» = «обл.», «шоссе» = «ш.», see
_SHORT_FORMS), a house with or without its type word («зд. 20» = «20»), a region the
parser adds from the postcode where the line gave none, and the same text named a street
by one side and a sublocality by the other. Everything else is an error, printed with
--verbose. The parser is not tuned on a set before its first figure is recorded in
benchmarks/heldout/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.format import address_json  # noqa: E402
from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402
from letterkit.models import ADDRESS_FIELDS  # noqa: E402

# The same word written in full or in Russian Post's short form (the abbreviation list of
# the Минфин order 171н address element types, as src/letterkit/address/words.py uses them).
_SHORT_FORMS = [
    (r"\bобласть\b", "обл."),
    (r"\bрайон\b", "р-н"),
    (r"\bшоссе\b", "ш."),
    (r"\bпроспект\b", "пр-кт"),
    (r"\bпр-т\b", "пр-кт"),
    (r"\bбул\.", "б-р"),
    (r"\bбульвар\b", "б-р"),
    (r"\bпереулок\b", "пер."),
    (r"\bпроезд\b", "пр-д"),
    (r"\bр\. п\.", "рп."),
    (r"\bкорпус\b", "корп."),
    (r"\bк\.", "корп."),
    (r"\bквартал\b", "кв-л"),
    (r"\bмикрорайон\b", "мкр."),
    (r"^(?:зд|влд|владение|уч|д)\.?\s*", ""),  # the house's type word
    (r"(\d)\s+([А-Яа-я])\b", r"\1\2"),  # «5 А» = «5А»
    (r"^г\.\s*", ""),  # «г. Коломна» = «Коломна»
]


def _norm(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = value.replace("ё", "е")
    for pattern, repl in _SHORT_FORMS:
        value = re.sub(pattern, repl, value)
    return value.strip(" ,")


def _same(field: str, want: object, got: object) -> bool:
    if want == got or _norm(want) == _norm(got):
        return True
    if field != "region":
        return False
    if want is None:  # the parser added the region from the postcode
        return True
    # «Кемеровская обл.» = «Кемеровская область — Кузбасс»; «ЯНАО» = its full name
    return (
        isinstance(want, str)
        and isinstance(got, str)
        and (str(_norm(got)).startswith(str(_norm(want))) or want.isupper())
    )


def _diffs(row: dict) -> list[tuple]:
    want_all = row["expected"]
    try:
        got_all = address_json(parse_address(row["line"]))
    except LetterkitError as exc:
        got_all = {"printable": False, "warnings": [str(exc)], "recipient": None}
    want = {k: want_all.get(k) for k in ADDRESS_FIELDS}
    got = {k: got_all.get(k) for k in ADDRESS_FIELDS}
    for a, b in (("street", "sublocality"), ("sublocality", "street")):
        if want[b] is None and got[a] is None and _norm(want[a]) == _norm(got[b]):
            got[a], got[b] = got[b], None  # the same text, named the other way
    out = [(k, want[k], got[k]) for k in ADDRESS_FIELDS if not _same(k, want[k], got[k])]
    recipient = got_all.get("recipient") or {}
    for key, value in (want_all.get("recipient") or {}).items():
        if not _same(key, value, recipient.get(key)):
            out.append((f"recipient.{key}", value, recipient.get(key)))
    if "printable" in want_all and got_all["printable"] is not want_all["printable"]:
        out.append(("printable", want_all["printable"], got_all["printable"]))
    return out


def _count(row: dict) -> int:
    return (
        len(ADDRESS_FIELDS)
        + len(row["expected"].get("recipient") or {})
        + ("printable" in row["expected"])
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, metavar="FILE.jsonl")
    parser.add_argument("--verbose", action="store_true", help="print every field judged wrong")
    args = parser.parse_args()
    for path in args.sets:
        rows = [json.loads(r) for r in path.read_text(encoding="utf-8").splitlines() if r.strip()]
        fields = wrong = lines_right = 0
        report = []
        for n, row in enumerate(rows, 1):
            diffs = _diffs(row)
            fields += _count(row)
            wrong += len(diffs)
            lines_right += not diffs
            if diffs:
                report.append(f"  {n}: {row['line']!r}")
                report.extend(f"      {d[0]}: want {d[1]!r}, got {d[2]!r}" for d in diffs)
        right = fields - wrong
        print(
            f"{path}: fields {right}/{fields} = {100 * right / fields:.1f} %; "
            f"lines with every field right {lines_right}/{len(rows)}"
        )
        if args.verbose:
            print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
