#!/usr/bin/env python3
"""Robustness of the address parser: rewritten variants of real published lines (issue 4).

Usage: python scripts/measure_variants.py [PATH.jsonl] [--every N] [--examples N] [--show KIND]

Every corpus line that parses as printable is rewritten the ways people rewrite addresses
when they copy them (natural order, no postcode, «Россия» added, abbreviated region,
``г`` without a dot, ``дом``, full stops, double spaces, dashes, ё→е, the name in capitals,
other birth-year forms, a trailing sentence about e-letters, a line break …). The parts of
each variant must equal the original's, except what the variant removed (no postcode →
``postcode`` None, not printable, a ``missing-postcode`` warning). Prints the pass rate per
variant kind and examples of failures.

``variants(line, address)`` and ``compare(...)`` are imported by
``tests/test_address_variants.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from letterkit.address.format import envelope_lines  # noqa: E402
from letterkit.address.parse import parse_address  # noqa: E402
from letterkit.errors import LetterkitError  # noqa: E402
from letterkit.models import Address  # noqa: E402

DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")
FIELDS = (
    "postcode",
    "region",
    "locality",
    "street",
    "house",
    "building",
    "facility",
    "last",
    "first",
    "middle",
    "birth_year",
)

_YEAR_TAIL = re.compile(
    r"[,\s]*\(?\s*((?:19|20)\d\d)\s*(?:г\.?\s*р\.?|гр\.?|года?\s+рождения|г\.?)?\s*\)?\s*\.?$"
)
_LEAD_PC = re.compile(r"^(\d{6})\s*,?\s*")
_REGION_WORDS = (
    (re.compile(r"(?<![А-Яа-яЁё])область(?![А-Яа-яЁё])"), "обл."),
    (re.compile(r"(?<![А-Яа-яЁё])Республика(?= [А-ЯЁ])"), "Респ."),
    (re.compile(r"(?<![А-Яа-яЁё])край(?![А-Яа-яЁё])"), "кр."),
    (re.compile(r"Кабардино-Балкарская Республика"), "КБР"),
)
_CITY = re.compile(r"(?<![А-Яа-яЁё])г\.\s?(?=[А-ЯЁ])")
_HOUSE_D = re.compile(r"(?<![А-Яа-яЁё])д\.\s?(?=\d)")
_HOUSE_AFTER_STREET = re.compile(r"(?<=[А-Яа-яЁё»]),\s*д\.\s?(?=\d)")

TRAILERS = (
    "Можно написать через ZT.",
    "Электронное письмо можно отправить через сервис «Ф-письмо».",
    "Также можно воспользоваться сервисами «Ф-Письмо» и «Зонателеком».",
    "Письма можно отправлять через PrisonMail.",
)


def _fold(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.replace("ё", "е").replace("Ё", "Е").split())
    return value


def parts(a: Address) -> dict[str, object]:
    r = a.recipient
    return {
        "postcode": a.postcode,
        "region": a.region,
        "locality": a.locality,
        "street": a.street,
        "house": a.house,
        "building": a.building,
        "facility": a.facility,
        "last": r.last if r else None,
        "first": r.first if r else None,
        "middle": r.middle if r else None,
        "birth_year": r.birth_year if r else None,
    }


def _name_start(text: str, a: Address) -> int:
    """Where the person's name starts in ``text`` (published dative or nominative), or -1."""
    r = a.recipient
    if r is None:
        return -1
    for word in (r.dative.split()[0] if r.dative else None, r.last):
        if word:
            i = text.rfind(word.split(" (")[0])
            if i >= 0:
                return i
    return -1


def base_line(text: str, a: Address) -> str | None:
    """The published line cut after the person and birth year (reverse order only).

    Of a text over several lines, the line holding the address; sentences after the
    birth year are cut off (the ``trailing-sentence`` kind adds them back).
    """
    if a.recipient is None or not a.recipient.dative:
        return None
    lines = [" ".join(x.split()) for x in text.splitlines() if x.strip()]
    lines = [x for x in lines if _LEAD_PC.match(x)]
    if not lines:
        return None
    text = lines[0]
    i = _name_start(text, a)
    if i < 0:
        return None
    rest = text[i:]
    m = re.match(r"[^,]*?(?:,?\s*\(?(?:19|20)\d\d[^,()]*?(?:г\.\s?р\.|г\.р|г\.|рождения)\)?)", rest)
    if m:
        return text[: i + m.end()]
    if a.recipient.birth_year is None:
        return text if rest.rstrip(" .") == rest.rstrip(" .").split(",")[0] else None
    return None


def _split_name(base: str, a: Address) -> tuple[str, str, str] | None:
    """(postcode, middle part, name with year) of a reverse-order base line."""
    m = _LEAD_PC.match(base)
    if not m or a.recipient is None:
        return None
    i = _name_start(base, a)
    if i <= m.end():
        return None
    middle = base[m.end() : i].rstrip(" ,")
    return m.group(1), middle, base[i:].rstrip(" .")


Variant = tuple[str, dict[str, object]]
Maker = Callable[[str, Address, int], Variant | None]


def v_natural(base: str, a: Address, n: int) -> Variant | None:
    sp = _split_name(base, a)
    if sp is None:
        return None
    pc, middle, name = sp
    return f"{name}, {middle}, {pc}", {}


def v_natural_no_commas(base: str, a: Address, n: int) -> Variant | None:
    sp = _split_name(base, a)
    if sp is None:
        return None
    pc, middle, name = sp
    return f"{name}\n{middle}\n{pc}", {}


def v_no_postcode(base: str, a: Address, n: int) -> Variant | None:
    m = _LEAD_PC.match(base)
    if not m:
        return None
    exp: dict[str, object] = {"postcode": None, "printable": False, "warn": "missing-postcode"}
    if any("inferred from the postcode" in x for x in a.notes):
        exp["region"] = "*"  # the region came from the postcode: may now be unknown
    return base[m.end() :], exp


def v_russia_start(base: str, a: Address, n: int) -> Variant | None:
    return ("Россия, " if n % 2 else "Российская Федерация, ") + base, {}


def v_russia_after_pc(base: str, a: Address, n: int) -> Variant | None:
    m = _LEAD_PC.match(base)
    if not m:
        return None
    return f"{m.group(1)}, {'Россия' if n % 2 else 'РФ'}, {base[m.end() :]}", {}


def v_russia_end(base: str, a: Address, n: int) -> Variant | None:
    return base.rstrip(".") + (", Россия" if n % 2 else ", Российская Федерация."), {}


def v_region_abbr(base: str, a: Address, n: int) -> Variant | None:
    m = _LEAD_PC.match(base)
    if not m:
        return None
    head, tail = base[: m.end()], base[m.end() :]
    # only the stated region (the first segments), never the facility's «по … области»
    seg_end = tail.find(",")
    if seg_end < 0:
        return None
    seg = tail[:seg_end]
    for rx, short in _REGION_WORDS:
        new = rx.sub(short, seg)
        if new != seg:
            return head + new + tail[seg_end:], {}
    return None


def v_city_nodot(base: str, a: Address, n: int) -> Variant | None:
    new = _CITY.sub("г ", base)
    return (new, {}) if new != base else None


def v_city_word(base: str, a: Address, n: int) -> Variant | None:
    new = _CITY.sub("город ", base)
    return (new, {}) if new != base else None


def v_house_word(base: str, a: Address, n: int) -> Variant | None:
    new = _HOUSE_D.sub("дом " if n % 2 else "дом.", base, count=1)
    return (new, {}) if new != base else None


def v_house_bare(base: str, a: Address, n: int) -> Variant | None:
    new = _HOUSE_AFTER_STREET.sub(", " if n % 2 else " ", base, count=1)
    return (new, {}) if new != base else None


def v_full_stops(base: str, a: Address, n: int) -> Variant | None:
    return base.replace(", ", ". ").rstrip(".") + ".", {}


def v_double_spaces(base: str, a: Address, n: int) -> Variant | None:
    return base.replace(" ", "  ").replace(",", " , " if n % 2 else ","), {}


def v_dashes(base: str, a: Address, n: int) -> Variant | None:
    if "-" not in base:
        return None
    return base.replace("-", "–" if n % 2 else "—"), {}


def v_spaced_dash(base: str, a: Address, n: int) -> Variant | None:
    if " — " in base:
        return base.replace(" — ", " - " if n % 2 else "-"), {}
    if " – " in base:
        return base.replace(" – ", " — "), {}
    return None


def v_yo(base: str, a: Address, n: int) -> Variant | None:
    if "ё" not in base and "Ё" not in base:
        return None
    return base.replace("ё", "е").replace("Ё", "Е"), {}


def v_caps_name(base: str, a: Address, n: int) -> Variant | None:
    sp = _split_name(base, a)
    if sp is None or a.recipient is None:
        return None
    i = _name_start(base, a)
    if i < 0:
        return None
    r = a.recipient
    d = re.match(r"[^,\d]*[^,\d\s]", base[i:])
    if d is None:
        return None
    # the name in capitals reads as the same name, printed in ordinary case
    return base[:i] + d.group(0).upper() + base[i + d.end() :], {
        "last": r.last,
        "first": r.first,
        "middle": r.middle,
    }


_YEAR_FORMS = (
    "{name}, {y} г.р.",
    "{name} ({y} г. р.)",
    "{name}, {y} года рождения",
    "{name}, {y}",
    "{name} {y} г.",
    "{name}, {y} г. р",
    "{name} ({y} г.р.)",
    "{name}, {y} год рождения",
)


def _year_variant(form: int) -> Maker:
    def make(base: str, a: Address, n: int) -> Variant | None:
        sp = _split_name(base, a)
        if sp is None or a.recipient is None or a.recipient.birth_year is None:
            return None
        i = _name_start(base, a)
        if i < 0:
            return None
        d = re.match(r"[^,\d]*[^,\d\s]", base[i:])
        if d is None:
            return None
        tail = _YEAR_FORMS[form].format(name=d.group(0), y=a.recipient.birth_year)
        return base[:i] + tail, {}

    return make


def v_trailer(base: str, a: Address, n: int) -> Variant | None:
    sep = " " if n % 3 else "\n"
    end = "" if base.endswith(".") else "."
    return base + end + sep + TRAILERS[n % len(TRAILERS)], {}


def v_line_break(base: str, a: Address, n: int) -> Variant | None:
    commas = [m.start() for m in re.finditer(", ", base)]
    if len(commas) < 3:
        return None
    i = commas[len(commas) // 2]
    return base[:i] + (",\n" if n % 2 else "\n") + base[i + 2 :], {}


def v_line_break_word(base: str, a: Address, n: int) -> Variant | None:
    """A soft wrap in the middle of a segment (copied from a narrow column)."""
    spaces = [m.start() for m in re.finditer(r"(?<=[А-Яа-яЁё]) (?=[А-Яа-яЁё])", base)]
    if len(spaces) < 4:
        return None
    i = spaces[len(spaces) // 2]
    return base[:i] + "\n" + base[i + 1 :], {}


def v_envelope_order(base: str, a: Address, n: int) -> Variant | None:
    """Fully natural order, as the envelope prints it (person … region, postcode)."""
    lines = envelope_lines(a)
    return ", ".join(lines), {}


def v_envelope_captions(base: str, a: Address, n: int) -> Variant | None:
    """Copied from an envelope form: «Кому:» and «Куда:» captions, one part a line."""
    lines = envelope_lines(a)
    return "Кому: " + lines[0] + "\nКуда: " + "\n".join(lines[1:]), {}


def v_nominative(base: str, a: Address, n: int) -> Variant | None:
    """The name published in the nominative (a warning, same parts)."""
    r = a.recipient
    if r is None or not r.last or not r.first or "(" in (r.last + r.first):
        return None
    i = base.rfind(r.dative)
    if i < 0:
        return None
    nom = " ".join(p for p in (r.last, r.first, r.middle) if p)
    return base[:i] + nom + base[i + len(r.dative) :], {}


def v_no_region(base: str, a: Address, n: int) -> Variant | None:
    """The region left out (inferred from the postcode or the facility)."""
    m = _LEAD_PC.match(base)
    if not m or a.region in ("г. Москва", "г. Санкт-Петербург", "г. Севастополь"):
        return None
    tail = base[m.end() :]
    seg, _, rest = tail.partition(", ")
    from letterkit.address.regions import find_region

    reg = find_region(seg)
    if reg is None or reg.name != a.region:
        return None
    return base[: m.end()] + rest, {}


_LOOKALIKE = str.maketrans("аеорсух", "aeopcyx")


def v_latin_letter(base: str, a: Address, n: int) -> Variant | None:
    """A Latin look-alike letter inside a Cyrillic word (keyboard mix-ups)."""
    words = list(re.finditer(r"[А-Яа-яЁё]{4,}", base))
    if not words:
        return None
    w = words[n % len(words)]
    word = w.group(0)
    j = next((k for k in range(1, len(word)) if word[k] in "аеорсух"), None)
    if j is None:
        return None
    word = word[:j] + word[j].translate(_LOOKALIKE) + word[j + 1 :]
    return base[: w.start()] + word + base[w.end() :], {}


KINDS: dict[str, Maker] = {
    "natural-order": v_natural,
    "natural-lines": v_natural_no_commas,
    "envelope-order": v_envelope_order,
    "envelope-captions": v_envelope_captions,
    "nominative-name": v_nominative,
    "no-region": v_no_region,
    "latin-letter": v_latin_letter,
    "no-postcode": v_no_postcode,
    "russia-start": v_russia_start,
    "russia-after-postcode": v_russia_after_pc,
    "russia-end": v_russia_end,
    "region-abbr": v_region_abbr,
    "city-no-dot": v_city_nodot,
    "city-word": v_city_word,
    "house-word": v_house_word,
    "house-bare": v_house_bare,
    "full-stops": v_full_stops,
    "double-spaces": v_double_spaces,
    "dashes": v_dashes,
    "spaced-dash": v_spaced_dash,
    "yo-to-e": v_yo,
    "caps-name": v_caps_name,
    **{f"year-{i}": _year_variant(i) for i in range(len(_YEAR_FORMS))},
    "trailing-sentence": v_trailer,
    "line-break": v_line_break,
    "line-break-word": v_line_break_word,
}


def compare(orig: Address, got: Address, expect: dict[str, object]) -> list[str]:
    """Differences between the variant's parts and the original's (empty when equal)."""
    want = parts(orig)
    have = parts(got)
    diffs = []
    for f in FIELDS:
        w = expect.get(f, want[f])
        if w == "*":
            continue
        if _fold(w) != _fold(have[f]):
            diffs.append(f"{f}: {have[f]!r} != {w!r}")
    if "printable" in expect and got.printable != expect["printable"]:
        diffs.append(f"printable: {got.printable}")
    elif "printable" not in expect and got.printable != orig.printable:
        diffs.append(f"printable: {got.printable} ({[w.code for w in got.warnings]})")
    code = expect.get("warn")
    if code and not any(w.code == code for w in got.warnings):
        diffs.append(f"no {code} warning")
    return diffs


def corpus(path: Path = DEFAULT) -> Iterator[tuple[str, Address]]:
    """(base line, parsed original) for every printable corpus line."""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        text = json.loads(raw).get("address_text")
        if not text:
            continue
        try:
            a = parse_address(text)
        except LetterkitError:
            continue
        if not a.printable:
            continue
        base = base_line(text, a)
        if base is None:
            continue
        b = parse_address(base)
        if b.printable and parts(b) == parts(a):
            yield base, b


def run(
    bases: list[tuple[str, Address]], kinds: dict[str, Maker] | None = None
) -> dict[str, tuple[int, list[str]]]:
    """{kind: (applicable count, failure descriptions)}."""
    out: dict[str, tuple[int, list[str]]] = {}
    for kind, make in (kinds or KINDS).items():
        n_ok = 0
        fails: list[str] = []
        total = 0
        for n, (base, a) in enumerate(bases):
            v = make(base, a, n)
            if v is None:
                continue
            total += 1
            text, expect = v
            try:
                got = parse_address(text)
            except LetterkitError as exc:
                fails.append(f"{text!r} -> error {exc}")
                continue
            diffs = compare(a, got, expect)
            if diffs:
                fails.append(f"{text!r} -> {'; '.join(diffs)}")
            else:
                n_ok += 1
        out[kind] = (total, fails)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--every", type=int, default=1, help="use every Nth base line")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--show", help="print every failure of this kind")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    bases = list(corpus(args.path))[:: args.every]
    results = run(bases)
    elapsed = time.perf_counter() - started
    print(f"base lines (printable, reverse order): {len(bases)}")
    all_total = all_fail = 0
    by_kind = defaultdict(int)
    for kind, (total, fails) in results.items():
        all_total += total
        all_fail += len(fails)
        by_kind[kind] = len(fails)
        ok = total - len(fails)
        pct = 100 * ok / total if total else 100.0
        print(f"  {kind:24} {ok:4}/{total:<4} {pct:5.1f} %")
    print(f"all variants: {all_total - all_fail}/{all_total} ({elapsed:.1f} s)")
    for kind, (_total, fails) in results.items():
        if not fails:
            continue
        show = fails if kind == args.show else fails[: args.examples]
        print(f"\n[{kind}] {len(fails)}")
        for f in show:
            print("  -", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
