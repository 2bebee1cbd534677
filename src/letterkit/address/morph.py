"""Russian morphology for the writer's name and town: pymorphy3 with the OpenCorpora
dictionary (https://pymorphy2.readthedocs.io/, http://opencorpora.org/).

The analyser loads its dictionary once (a quarter of a second), only when a letter names
the writer's town, ``sender set`` reads a name or the letter checker needs a word's
lemmas (guidance/terms.py uses this one analyser too).
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def analyser() -> Any:
    # deferred: pymorphy3 reads its dictionary on first use (~0.25 s)
    import pymorphy3
    import pymorphy3_dicts_ru

    # The dictionary package named (the one letterkit depends on and memo.py's versions
    # name): without a path pymorphy3 finds it by reading every installed package's entry
    # points (importlib.metadata), ~12 ms of a first letter.
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


def is_first_name(word: str) -> bool:
    """True when the dictionary knows ``word`` as a given name (``Мария``) and not as a
    surname (``Иванова``)."""
    tags = [p.tag for p in analyser().parse(word) if p.tag.case == "nomn"]
    return any("Name" in t for t in tags) and not any("Surn" in t for t in tags[:1])


def _match_case(template: str, word: str) -> str:
    """``word`` (lower case from pymorphy) with the capitals of ``template`` by part."""
    out = []
    for src, dst in zip(template.split("-"), word.split("-"), strict=False):
        out.append(dst[:1].upper() + dst[1:] if src[:1].isupper() else dst)
    return "-".join(out)


def decline_place(name: str, case: str) -> str | None:
    """A town's name in ``case`` (``loct``: «Твери»; ``gent``: «Твери»), or None when the
    dictionary does not know it as a place (then a letter keeps the nominative).

    Multi-word names agree word by word with their noun («Нижний Новгород» → «Нижнем
    Новгороде», «Набережные Челны» → «Набережных Челнах»); an indeclinable name («Сочи»,
    «Токио») comes back unchanged.
    """
    words = name.split()
    if not words:
        return None
    morph = analyser()
    out: list[str] = []
    has_place = False
    for word in words:
        # dictionary words only: the predictor's guesses for unknown names are not trusted
        parses = [
            p for p in morph.parse(word) if p.is_known and (p.tag.case == "nomn" or "Fixd" in p.tag)
        ]
        geo = [p for p in parses if "Geox" in p.tag]
        adj = [p for p in parses if p.tag.POS in ("ADJF", "PRTF")]
        if geo:
            parse = geo[0]
            has_place = True
        elif adj and len(words) > 1:
            parse = adj[0]
        else:
            return None
        if "Fixd" in parse.tag:
            out.append(word)
            continue
        number = parse.tag.number or "sing"
        form = parse.inflect({case, number})
        if form is None:
            return None
        out.append(_match_case(word, form.word))
    return " ".join(out) if has_place else None
