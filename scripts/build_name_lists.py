#!/usr/bin/env python3
"""Build letterkit's name lists (``data/names/first_names.toml``, ``data/names/surnames.toml``,
``data/names/published.toml``).

Usage: python scripts/build_name_lists.py [SNAPSHOT.jsonl]
       python scripts/build_name_lists.py --frequency   (only ``frequency.json``)

Needs ``pymorphy3`` and ``pymorphy3-dicts-ru`` installed, and for ``frequency.json``
``russiannames`` (2.0.0) with ``duckdb`` (build-time tools only: the program reads the
lists, never the dictionary or the Parquet tables). Three sources:

1. the OpenCorpora dictionary as ``pymorphy3-dicts-ru`` ships it
   (https://pypi.org/project/pymorphy3-dicts-ru/, metadata: MIT; OpenCorpora publishes
   the dictionary under CC BY-SA 3.0, https://opencorpora.org):
   the singular nominatives tagged ``Name`` (first names) and ``Surn`` (surnames) with
   their gender (``masc``/``femn``) and the indeclinable mark ``Fixd``;
2. Memorial's list (default ``/work/shared/data/memopzk-2025-02-22.jsonl``, memopzk.org,
   snapshot 2025-02-22): each page title's first name with the gender its patronymic
   (-вич/-вна, оглы/кызы/уулу/улы) or the dative Memorial published («Винатье Лорану»)
   shows, and each surname. Where the two disagree, Memorial's published forms win: they
   are real letters' addresses (OpenCorpora lists the French «Лоран» as a woman's name);
3. the name tables of ``russiannames`` 2.0.0 (https://pypi.org/project/russiannames/,
   https://github.com/datacoon/russiannames, BSD-3-Clause): how many people bear each
   given name (by gender) and surname. ``frequency.json`` keeps the counts of the names
   in a consonant + «а»/«я» — the nominatives of a dative in -е/-и that reads two ways
   («Рамиле»: Рамила or Рамиля).

``published.toml`` keeps Memorial's names apart (given names by gender, surnames): the
nominatives a page title publishes, the first evidence where a dative reads two ways
(«Исе»: Иса or Ися, «Ватре»: Ватра or Ватря).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path("/work/shared/data/memopzk-2025-02-22.jsonl")
OUT = ROOT / "data" / "names"
_PAREN = re.compile(r"\s*\([^)]*\)")
_MALE_MIDDLE = re.compile(r"(?:вич|ич|оглы|оглу|улы|уулу|огълы)$", re.I)
_FEMALE_MIDDLE = re.compile(r"(?:вна|чна|шна|кызы|гызы)$", re.I)
_VOWEL_END = re.compile(r"[аеёиоуыэюя]$")


def _opencorpora() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    import pymorphy3  # build-time only

    morph = pymorphy3.MorphAnalyzer()
    first: dict[str, set[str]] = defaultdict(set)
    last: dict[str, set[str]] = defaultdict(set)
    for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words():
        g = tag.grammemes
        if "nomn" not in g or "sing" not in g or ("-" in word.strip("-") and "Surn" not in g):
            continue
        genders = {x for x in ("masc", "femn", "ms-f") if x in g}
        if "Name" in g:
            first[word].update(genders)
        elif "Surn" in g:
            last[word].update(genders | ({"Fixd"} if "Fixd" in g else set()))
    return first, last


def _soft_words() -> list[str]:
    """Dictionary nouns (and names) in a consonant + «я» (земля, Зозуля, Гмыря): the rare
    soft reading of a dative in -е needs evidence."""
    import pymorphy3  # build-time only

    morph = pymorphy3.MorphAnalyzer()
    out = set()
    for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words():
        g = tag.grammemes
        if "nomn" in g and "sing" in g and "NOUN" in g and _SOFT_END.search(word):
            out.add(word)
    return sorted(out)


_SOFT_END = re.compile(r"[бвдзлмнпрстф]я$")


# Nominatives whose dative reads two ways: a consonant that takes «я» as well as «а»
# (after г к х ж ш ч щ ц Russian writes «а» only), then «а» or «я».
_TWO_WAY = re.compile(r"[бвдзлмнпрстф][ая]$")
# Men's surnames whose dative reads several ways: «Луговому» (Луговой or Луговый),
# «Зайцу» (Заяц or Заец). The -ский/-цкий ones read one way and are left out.
_TWO_WAY_SURNAME = re.compile(r"(?:(?<![сц]к)[оыи]й|[аоеуяи]ец|яц)$")
# Women's forms of declinable surnames (Иванова, Лобанская): their dative is -ой, not -е.
_FEMININE_FORM = re.compile(r"(?:ова|ева|ёва|ина|ына|ая|яя)$")
# A name as the tables should hold it (they also hold «"Гусля» and «13 патрульная рота»).
_NAME = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def _frequencies() -> dict[str, dict[str, int]]:
    """People per name in russiannames' tables, lower case, for the names in a consonant
    + «а»/«я»: given names by gender (a name the tables give no gender counts for both),
    surnames without the women's forms of -ов/-ин/-ский surnames."""
    from importlib.resources import files  # build-time only

    import duckdb  # build-time only

    data = files("russiannames") / "data"
    out: dict[str, dict[str, int]] = {"given_male": {}, "given_female": {}, "surnames": {}}
    rows = duckdb.sql(
        f"select lower(text), gender, sum(count) from '{data / 'names.parquet'}' group by all"
    ).fetchall()
    for word, gender, count in rows:
        if not _NAME.fullmatch(word) or not _TWO_WAY.search(word) or not count:
            continue
        for key, g in (("given_male", "m"), ("given_female", "f")):
            if gender in (g, None, "u"):
                out[key][word] = out[key].get(word, 0) + int(count)
    rows = duckdb.sql(
        f"select lower(text), sum(count) from '{data / 'surnames.parquet'}' group by all"
    ).fetchall()
    for word, count in rows:
        ok = _NAME.fullmatch(word) and (_TWO_WAY.search(word) or _TWO_WAY_SURNAME.search(word))
        if ok and not _FEMININE_FORM.search(word) and count:
            out["surnames"][word] = int(count)
    return out


def write_frequency() -> None:
    """``frequency.json``: JSON, not TOML, as ~14,500 entries load ten times faster."""
    out: dict[str, object] = {
        "about": (
            "How many people bear each name, lower case, for the names in a consonant + "
            "«а»/«я», and men's surnames in -ой/-ый/-ий (not -ский/-цкий) and -ец/-яц: the "
            "evidence where a dative reads two ways («Рамиле»: Рамила or Рамиля; «Ватре»: "
            "Ватра or Ватря; «Луговому»: Луговой or Луговый; «Зайцу»: Заяц or Заец). Built by scripts/build_name_lists.py; do "
            "not edit by hand."
        ),
        "source": (
            "The name tables of russiannames 2.0.0 (https://pypi.org/project/russiannames/, "
            "https://github.com/datacoon/russiannames, BSD-3-Clause): names.parquet (given "
            "names by gender; a name with no gender counts for both) and surnames.parquet "
            "(without the women's forms in -ова/-ина/-ая)."
        ),
    }
    for key, table in _frequencies().items():
        out[key] = dict(sorted(table.items()))
    text = json.dumps(out, ensure_ascii=False, indent=0, separators=(",", ": "))
    (OUT / "frequency.json").write_text(text + "\n", encoding="utf-8")


def _memorial(path: Path) -> tuple[dict[str, str], set[str]]:
    first: dict[str, str] = {}
    last: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        row = json.loads(raw)
        words = _PAREN.sub("", row["name"]).split()
        if len(words) < 2:
            continue
        last.add(words[0].lower())
        given = words[1].lower()
        middle = " ".join(words[2:])
        if _MALE_MIDDLE.search(middle):
            first[given] = "m"
        elif _FEMALE_MIDDLE.search(middle):
            first[given] = "f"
        elif not _VOWEL_END.search(given):
            # no patronymic: a consonant-final given name Memorial declines is a man's
            text = row.get("address_text") or ""
            if re.search(rf"(?<![А-Яа-яЁё]){re.escape(words[1])}[уюа](?![А-Яа-яЁё])", text):
                first[given] = "m"
    return first, last


def _toml_list(name: str, items: list[str]) -> str:
    lines = [f"{name} = ["]
    row = "   "
    for item in items:
        piece = f' "{item}",'
        if len(row) + len(piece) > 96:
            lines.append(row)
            row = "   "
        row += piece
    lines.append(row)
    lines.append("]")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--frequency"]:
        write_frequency()
        return 0
    snapshot = Path(args[0]) if args else DEFAULT
    oc_first, oc_last = _opencorpora()
    mem_first, mem_last = _memorial(snapshot)
    male: set[str] = set()
    female: set[str] = set()
    for word, genders in oc_first.items():
        if genders == {"masc"}:
            male.add(word)
        elif genders == {"femn"}:
            female.add(word)
    for word, g in mem_first.items():
        (male if g == "m" else female).add(word)
        (female if g == "m" else male).discard(word)
    header = (
        "# First names and their gender, lower case (built by scripts/build_name_lists.py;\n"
        "# do not edit by hand). Sources: the OpenCorpora dictionary as pymorphy3-dicts-ru\n"
        "# ships it (https://pypi.org/project/pymorphy3-dicts-ru/, whose\n"
        "# metadata says MIT; OpenCorpora publishes its dictionary under CC BY-SA 3.0,\n"
        "# https://opencorpora.org): names tagged Name with one gender; and the page titles\n"
        "# of Memorial's list (memopzk.org, snapshot 2025-02-22): the gender the patronymic\n"
        "# or the published dative shows, which wins where the two disagree.\n"
    )
    (OUT / "first_names.toml").write_text(
        header
        + "\n"
        + _toml_list("male", sorted(male))
        + "\n"
        + _toml_list("female", sorted(female)),
        encoding="utf-8",
    )
    masc = {w for w, g in oc_last.items() if "masc" in g}
    adj_oi = sorted(w for w in masc if re.search(r"[^аеёиоуыэюя]ой$", w))
    adj_yi = sorted(w for w in masc if re.search(r"(?:ый|ий)$", w))
    fixed = {w for w, g in oc_last.items() if "Fixd" in g and _VOWEL_END.search(w)}
    fixed |= {w for w in mem_last if re.search(r"[еёиоуыэю]$", w)}
    header = (
        "# Surnames, lower case (built by scripts/build_name_lists.py; do not edit by hand),\n"
        "# as evidence where a dative reads two ways: «Толстому» is Толстой, «Белому» Белый,\n"
        "# «Куку» is the indeclinable Куку. Sources: the OpenCorpora dictionary as\n"
        "# pymorphy3-dicts-ru ships it (https://pypi.org/project/pymorphy3-dicts-ru/, whose\n"
        "# metadata says MIT; OpenCorpora publishes its dictionary under CC BY-SA 3.0,\n"
        "# https://opencorpora.org): masculine nominatives tagged Surn (adjectival -ой and\n"
        "# -ый/-ий) and the indeclinable (Fixd) vowel-final ones; and the vowel-final surnames\n"
        "# of the page titles of Memorial's list (memopzk.org, snapshot 2025-02-22).\n"
    )
    (OUT / "surnames.toml").write_text(
        header
        + "\n"
        + _toml_list("adjectival_oi", adj_oi)
        + "\n"
        + _toml_list("adjectival_yi", adj_yi)
        + "\n"
        + _toml_list("indeclinable", sorted(fixed)),
        encoding="utf-8",
    )
    header = (
        "# Names as the page titles of Memorial's list publish them in the nominative\n"
        "# (memopzk.org, snapshot 2025-02-22), lower case (built by scripts/build_name_lists.py;\n"
        "# do not edit by hand): given names with the gender the patronymic or the published\n"
        "# dative shows, and surnames. Where a dative reads two ways («Исе»: Иса or Ися,\n"
        "# «Ватре»: Ватра or Ватря), a reading published here wins over the dictionary's.\n"
    )
    (OUT / "published.toml").write_text(
        header
        + "\n"
        + _toml_list("given_male", sorted(w for w, g in mem_first.items() if g == "m"))
        + "\n"
        + _toml_list("given_female", sorted(w for w, g in mem_first.items() if g == "f"))
        + "\n"
        + _toml_list("surnames", sorted(mem_last)),
        encoding="utf-8",
    )
    write_frequency()
    soft = _soft_words()
    header = (
        "# Nouns and names the OpenCorpora dictionary gives in a consonant + «я» (земля,\n"
        "# Зозуля, Гмыря), lower case (built by scripts/build_name_lists.py; do not edit by\n"
        "# hand). Source: OpenCorpora as pymorphy3-dicts-ru ships it\n"
        "# (https://pypi.org/project/pymorphy3-dicts-ru/; OpenCorpora publishes its dictionary\n"
        "# under CC BY-SA 3.0, https://opencorpora.org), which has 21,851 such nouns in a\n"
        "# consonant + «а»: a dative in -е («Зозуле», «Мурзе») is read soft only with evidence.\n"
    )
    (OUT / "soft_words.toml").write_text(
        header + "\n" + _toml_list("words", soft), encoding="utf-8"
    )
    print(
        f"first names: {len(male)} male, {len(female)} female; surnames: "
        f"{len(adj_oi)} -ой, {len(adj_yi)} -ый/-ий, {len(fixed)} indeclinable"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
