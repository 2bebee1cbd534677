#!/usr/bin/env python3
"""Field accuracy of the address engine on a table of published lines.

Usage: python scripts/measure_lines.py [CASES.jsonl] [--quiet] [--as-read]

Reads cases in the form of ``tests/data/published_lines.jsonl`` (``line``, ``source``,
``expected``; default: that file) and counts, over every case, each address field (a field
missing from ``expected`` must be null), each recipient field ``expected`` gives and
``printable`` when given; and the lines that lose a word (a word of the line on no
envelope line and in no note or warning). Write new cases before running it: the first
run on them is the figure for lines the engine has not seen. Runs from a source checkout
without installing (adds ``src`` to the path).

``--as-read`` counts as right what a reader of the envelope accepts as the same, for
cases written by someone who did not know the engine's conventions (the held-out sets of
benchmarks/heldout/): the short forms Russian Post uses for the same word («область» =
«обл.», «шоссе» = «ш.», «п.» = «пос.»), a house, building or PO box with or without its type word
(«зд. 20» = «20», «стр. 1» = «1»), a street's type before or after its name («Вилюйская
ул.» = «ул. Вилюйская»), a region the engine adds from the postcode where the line gave
none, the same text named a street by one side and a sublocality by the other, and a
«dative» given as the line writes the name (nominative, genitive, capitals) where the
envelope prints the dative derived from the same nominative.
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
from letterkit.address.words import unexplained_words  # noqa: E402
from letterkit.models import ADDRESS_FIELDS as FIELDS  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "published_lines.jsonl"

# The same word written in full or in Russian Post's short form (the abbreviation list of
# the Минфин order 171н address element types, as src/letterkit/address/words.py uses them).
_SHORT_FORMS = [
    (r"\bобласть\b", "обл."),
    (r"\bобл\b(?!\.)", "обл."),  # the period left out («по Мурманской обл»)
    (r"\bулица\b", "ул."),
    (r"\bпос[её]лок\b", "пос."),
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
    (r"\bкв\.(?=\s*[А-ЯЁ])", "кв-л"),  # before a name, not a number, «кв.» is a quarter
    (r"\bмикрорайон\b", "мкр."),
    (r"^д\.(?=\s*[А-ЯЁ])", "дер."),  # «д. Старые Решеты»: a village, not a house
    (r"\bавтономный округ\b", "АО"),
    (r"^(?:зд|влд|владение|уч|д)\.?\s*", ""),  # the house's type word
    (r"(?<=\d)\s*[«\"]([А-Яа-я])[»\"]", r"\1"),  # «1 «Д»» = «1Д»
    (r"(\d)\s+([А-Яа-я])\b", r"\1\2"),  # «5 А» = «5А»
    (r"^г\.\s*", ""),  # «г. Коломна» = «Коломна»
    (r"\bп\.(?=\s)", "пос."),  # both Russian Post's short forms of «посёлок»
    (r"№\s*", "№ "),  # «ИК №1» = «ИК № 1»
    (r"^(?:стр|корп|лит|а/я)\.?\s*", ""),  # a building's or PO box's type word
    # a comma or none between the facility and its unit («… обл., отряд 5» = «… обл. отряд 5»)
    (r",\s+(?=(?:отряд|отр\.|участок|уч\.|камера|корпус|ЕПКТ|ПКТ|ШИЗО|ЛИУ|КВК)\b)", " "),
]


def _norm(value: object) -> object:
    if not isinstance(value, str):
        return value
    value = value.replace("ё", "е")
    for pattern, repl in _SHORT_FORMS:
        value = re.sub(pattern, repl, value)
    return value.strip(" ,")


# A street's or a planning element's type word before or after its name: the same
# envelope line to a reader («Вилюйская ул.» = «ул. Вилюйская»).
_TYPE_FIRST = re.compile(r"^(?P<n>.+?)\s(?P<t>ул\.|ш\.|пр-кт|пр-д|проезд|пер\.|б-р|мкр\.?|мкр-н)$")
_TYPE_WORDS = {"проезд": "пр-д", "мкр": "мкр.", "мкр-н": "мкр."}


def _type_first(value: object) -> object:
    if not isinstance(value, str):
        return value
    m = _TYPE_FIRST.match(value)
    if not m:
        return value
    return f"{_TYPE_WORDS.get(m.group('t'), m.group('t'))} {m.group('n')}"


def _same(field: str, want: object, got: object) -> bool:
    if want == got or _norm(want) == _norm(got):
        return True
    if field in ("street", "sublocality") and _norm(_type_first(want)) == _norm(_type_first(got)):
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


def _dative_as_published(line: str, want: dict, rec: dict) -> bool:
    """A case that gives as «dative» the name as the line has it — in the nominative, the
    genitive, in capitals or in lower case — while the envelope prints the dative: right
    when the nominative fields agree (the dative is derived from them)."""
    w = want.get("recipient") or {}
    published = w.get("dative")
    if not published or published.lower() not in line.lower() or not rec.get("dative"):
        return False
    return all(_norm(rec.get(k)) == _norm(w.get(k)) for k in ("last", "first", "middle") if k in w)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--quiet", action="store_true", help="the figures only, not the misses")
    ap.add_argument(
        "--as-read", action="store_true", help="the short forms a reader accepts count as right"
    )
    args = ap.parse_args(argv)
    rows = [json.loads(r) for r in args.path.read_text(encoding="utf-8").splitlines() if r.strip()]
    ok = total = lost = 0
    misses: list[str] = []
    for n, row in enumerate(rows, 1):
        address = parse_address(row["line"])
        got, want = address_json(address), row["expected"]
        fields = {k: got[k] for k in FIELDS}
        if args.as_read:
            for a, b in (("street", "sublocality"), ("sublocality", "street")):
                if (
                    want.get(b) is None
                    and fields[a] is None
                    and _norm(want.get(a)) == _norm(fields[b])
                ):
                    fields[a], fields[b] = fields[b], None  # the same text, named the other way
        checks = [(k, want.get(k), fields[k]) for k in FIELDS]
        rec = got["recipient"] or {}
        checks += [
            (f"recipient.{k}", v, rec.get(k)) for k, v in (want.get("recipient") or {}).items()
        ]
        if "printable" in want:
            checks.append(("printable", want["printable"], got["printable"]))
        as_published = args.as_read and _dative_as_published(row["line"], want, rec)
        for field, expected, value in checks:
            total += 1
            right = value == expected or (args.as_read and _same(field, expected, value))
            if right or (field == "recipient.dative" and as_published):
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
