"""Russian personal names: declension (both directions), gender, transliteration, slugs.

One module wraps the decliner (pytrovich: an envelope names the recipient in the dative)
and the transliterator (iuliia ``mvd_310``). pytrovich declines only *from* the nominative; the published
dative → nominative direction is done here by generating nominative candidates and
keeping the one pytrovich maps back to the published form.

Known pytrovich traps handled here:

- ALL-CAPS input comes back in mixed case → we decline a title-cased copy and re-apply
  the input's case;
- ``Кара-Мурза`` → ``Каре-Мурзе`` → only the last part of a hyphenated surname declines,
  unless the first part is itself a declinable surname (``Римский-Корсаков``);
- individual misses (``Ирек`` → ``Ирьку``) → ``data/names/exceptions.toml``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from letterkit.errors import DataError
from letterkit.resources import data_dir

# Patronymic suffixes of Turkic names written as a separate word (Расул оглы).
TURKIC_MALE = frozenset({"оглы", "оглу", "огълы", "угли", "улы", "уулу"})
TURKIC_FEMALE = frozenset({"кызы", "гызы", "кизи"})
TURKIC = TURKIC_MALE | TURKIC_FEMALE

_SLUG_BAD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼ`]")
# A first part of a double surname that declines on its own (Римский-Корсаков).
_DECLINABLE_FIRST_PART = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ский|цкий|ской|цкой|ова|ева|ёва|ина|ына|ская|цкая)$", re.IGNORECASE
)
# Surname endings that never decline (Georgian -дзе/-швили/-ели/-ули/-ани/-иа, Ukrainian
# -ко, Russian -их/-ых, -аго/-яго): a dative that ends in one is the nominative too.
_INDECLINABLE_END = re.compile(
    r"(?:дзе|дзи|швили|ели|ули|ани|иа|ко|их|ых|аго|яго|ово)$", re.IGNORECASE
)
_VOWEL = re.compile(r"[аеёиоуыэюяАЕЁИОУЫЭЮЯ]")


# --------------------------------------------------------------------------- pytrovich


@cache
def _maker() -> Any:
    # deferred: pytrovich costs ~45 ms at start-up
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@cache
def _detector() -> Any:
    # deferred: pytrovich costs ~45 ms at start-up
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()


@cache
def _enums() -> tuple[Any, Any, Any]:
    # deferred: pytrovich costs ~45 ms at start-up
    from pytrovich.enums import Case, Gender, NamePart

    return NamePart, Gender, Case


@cache
def _exceptions() -> dict[tuple[str, str], dict[str, str]]:
    path = data_dir() / "names" / "exceptions.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read {path}: {exc}") from exc
    out: dict[tuple[str, str], dict[str, str]] = {}
    for part, by_gender in raw.items():
        for gender, table in by_gender.items():
            out[(part, gender)] = {k.lower(): v for k, v in table.items()}
    return out


@cache
def _lists() -> tuple[dict[str, str], frozenset[str], frozenset[str], frozenset[str]]:
    """First name → gender, and the surname lists (-ой, -ый/-ий, indeclinable), from
    ``data/names/first_names.toml`` and ``data/names/surnames.toml`` (their sources are
    in the files' headers; scripts/build_name_lists.py builds them)."""
    base = data_dir() / "names"
    try:
        first = tomllib.loads((base / "first_names.toml").read_text(encoding="utf-8"))
        last = tomllib.loads((base / "surnames.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read the name lists in {base}: {exc}") from exc
    genders = dict.fromkeys(first.get("male", []), "m")
    genders.update(dict.fromkeys(first.get("female", []), "f"))
    return (
        genders,
        frozenset(last.get("adjectival_oi", [])),
        frozenset(last.get("adjectival_yi", [])),
        frozenset(last.get("indeclinable", [])),
    )


def first_name_gender(first: str | None) -> str | None:
    """``"m"``/``"f"`` for a first name in the first-name list, else None."""
    if not first:
        return None
    word = _fold(first.split()[0].split("-")[-1])
    return _lists()[0].get(word) or _lists()[0].get(word.replace("е", "ё"))


def _apply_case(template: str, word: str) -> str:
    """Give ``word`` the letter case of ``template`` (ALL CAPS or as declined)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    return word


def _title(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _pytrovich(part: str, gender: str, case: str, word: str) -> str:
    """pytrovich's ``case`` (``"DATIVE"``, ``"GENITIVE"``) of one name word; the word as
    it is on input pytrovich cannot read."""
    NamePart, Gender, Case = _enums()
    name_part = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME}.get(
        part, NamePart.MIDDLENAME
    )
    g = Gender.FEMALE if gender == "f" else Gender.MALE
    try:
        return str(_maker().make(name_part, g, getattr(Case, case), word))
    except Exception:  # pytrovich on odd input: leave the word alone
        return word


# Three consonants before the «ц» that a dropped fleeting vowel leaves («Кузн-цу»).
_UNPRONOUNCEABLE_DROP = re.compile(r"[бвгджзклмнпрстфхчшщ]{2}ц[уаеыо]?$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _decline_word(part: str, gender: str, word: str) -> str:
    """Dative of one name word; ``part`` is last/first/middle, ``gender`` m/f."""
    if not word:
        return word
    if part == "first" and "-" in word.strip("-"):
        # a man's hyphenated given name declines in its last part only, as Memorial
        # writes them: «Куку Эмир-Усеину», «Винатье Лорану Клоду Жан-Луи»; a woman's
        # declines in every part that declines on its own: «Анне-Марии»
        head, _, tail = word.rpartition("-")
        if gender == "f":
            head = "-".join(_decline_word(part, gender, p) for p in head.split("-"))
        return f"{head}-{_decline_word(part, gender, tail)}"
    exc = _exceptions().get((part, gender), {}).get(word.lower())
    if exc is not None:
        return _apply_case(word, exc)
    source = _title(word) if word.isupper() or word.islower() else word
    result = _pytrovich(part, gender, "DATIVE", source)
    if _UNPRONOUNCEABLE_DROP.search(result) and _fold(source).endswith("ец"):
        # pytrovich drops the е of every -ец («Кузнец» → «Кузнцу»); a vowel is fleeting
        # only where its drop leaves a sayable cluster (Кравец → Кравцу, Кузнец → Кузнецу)
        result = source + result[len(source) - 1 :]
    if source != word:
        if word.isupper():
            return result.upper()
        if word.islower():
            return result.lower()
    return result


def _decline_surname(last: str, gender: str) -> str:
    if " " in last and last.rsplit(" ", 1)[-1].lower() in TURKIC:
        return last  # «Абдыманап уулу»: a father's name and the particle do not decline
    # Two-part names as Memorial writes them: «Карелина (Хавана)».
    if "(" in last:
        return re.sub(r"[^\s()]+", lambda m: _decline_surname(m.group(0), gender), last)
    if "-" in last:
        head, _, tail = last.rpartition("-")
        parts = head.split("-")
        parts = [
            _decline_word("last", gender, p) if _DECLINABLE_FIRST_PART.search(p) else p
            for p in parts
        ]
        return "-".join([*parts, _decline_word("last", gender, tail)])
    return _decline_word("last", gender, last)


def _decline_middle(middle: str, gender: str) -> str:
    words = middle.split()
    if len(words) > 1 and words[-1].lower() in TURKIC:
        return middle  # «Абдулазиз оглы» does not decline
    if len(words) > 1 or not _is_patronymic(middle):
        # «Маркус Северин», «Смит Джон Роберт»: more first names, no patronymic
        return " ".join(_decline_word("first", gender, w) for w in words)
    return " ".join(_decline_word("middle", gender, w) for w in words)


def _is_patronymic(word: str) -> bool:
    """A Russian-form patronymic, nominative or dative (-вич, -ична, -вне …)."""
    return _fold(word).endswith(("ич", "вна", "чна", "шна", "ичу", "вне", "чне", "шне"))


def to_dative(
    last: str | None, first: str | None = None, middle: str | None = None, gender: str | None = None
) -> str:
    """``Баценин Александр Дмитриевич`` → ``Баценину Александру Дмитриевичу``."""
    g = gender or detect_gender(first, middle, last) or "m"
    out: list[str] = []
    if last:
        out.append(_decline_surname(last, g))
    if first:
        out.append(" ".join(_decline_word("first", g, w) for w in first.split()))
    if middle:
        out.append(_decline_middle(middle, g))
    return " ".join(out)


def detect_gender(
    first: str | None, middle: str | None = None, last: str | None = None
) -> str | None:
    """``"m"``, ``"f"`` or None, from the patronymic, else the first name, else the surname."""
    if middle:
        m = middle.lower().split()
        tail = m[-1] if m else ""
        if tail in TURKIC_MALE or tail.endswith(("вич", "ьич", "ич")):
            return "m"
        if tail in TURKIC_FEMALE or tail.endswith(("вна", "чна", "шна")):
            return "f"
    if last and " " in last and last.rsplit(" ", 1)[-1].lower() in TURKIC:
        return "m" if last.rsplit(" ", 1)[-1].lower() in TURKIC_MALE else "f"
    listed = first_name_gender(first)
    if listed:
        return listed
    _, Gender, _ = _enums()
    try:
        if first:
            g = _detector().detect(firstname=_title(first.split()[0]))
            if g == Gender.MALE:
                return "m"
            if g == Gender.FEMALE:
                return "f"
        if last:
            g = _detector().detect(lastname=_title(last.split("-")[-1]))
            if g == Gender.MALE:
                return "m"
            if g == Gender.FEMALE:
                return "f"
    except Exception:  # pragma: no cover - detector on odd input
        return None
    return None


# ------------------------------------------------------------------ dative → nominative

# (dative ending, nominative ending), most likely first. "" keeps the word.
_LAST_M = (
    ("скому", "ский"), ("цкому", "цкий"), ("ому", "ый"), ("ому", "ой"), ("ому", "ий"),
    ("ему", "ий"),
    ("янцу", "янц"), ("йцу", "ец"), ("йцу", "иец"), ("йцу", "яц"), ("ову", "ов"), ("еву", "ев"), ("ёву", "ёв"), ("ину", "ин"), ("ыну", "ын"),
    ("цу", "ец"), ("ьцу", "ец"), ("ку", "ок"), ("у", ""), ("ю", "ь"), ("ю", "й"),
    ("ье", "ье"), ("ие", "ие"), ("е", "а"), ("е", "я"), ("и", "я"), ("", ""),
)  # fmt: skip
_LAST_F = (
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ("ской", "ская"), ("цкой", "цкая"), ("ой", "ая"), ("ой", "а"),
    ("е", "а"), ("е", "я"), ("и", "я"), ("", ""), ("ей", "яя"),
)  # fmt: skip
# A woman's dative in -ей is her indeclinable surname (Соловей, Гусей) before it is an
# adjectival -яя one: of the 840 adjectival -ый/-ий surnames OpenCorpora tags
# (data/names/surnames.toml, adjectival_yi) two end in -ний, the masculine of -яя — so
# «Соловей» is no longer read «Соловяя».
_FIRST_M = (
    ("влу", "вел"), ("ьву", "ев"), ("у", ""), ("ю", "й"), ("ю", "ь"), ("е", "а"), ("е", "я"), ("и", "ия"),
    ("и", "я"), ("", ""),
)  # fmt: skip
_FIRST_F = (
    ("ии", "ия"), ("е", "а"), ("е", "я"), ("и", "ь"), ("и", "я"), ("и", "а"), ("", ""),
)  # fmt: skip
# Extra given names of foreigners (Альберто Энрике): keep a word before guessing -а/-я.
_FIRST_FOREIGN = (("у", ""), ("ю", "й"), ("ю", "ь"), ("", ""), ("е", "а"), ("е", "я"))
_MIDDLE_M = (("ичу", "ич"), ("", ""))
_MIDDLE_F = (("не", "на"), ("", ""))

# -ый after г/к/х/ж/ш/ч/щ is no Russian ending («Горькый»): -ий or -ой.
_IMPLAUSIBLE_ADJ = re.compile(r"[гкхжшчщ]ый$", re.IGNORECASE)
# Nominatives no Russian name ends in (Дарьа, Даниэлй): candidates to skip.
_IMPLAUSIBLE = re.compile(r"(?:[ьй]а|йя|[ьйъаеёиоуыэюя]ь|[^аеёиоуыэюя]й|ъ)$", re.IGNORECASE)
# Adjectival nominative endings: the stem before one has a vowel (Толст-ая, Бел-ый), so
# «Цой» of a woman is her indeclinable Korean surname, never the dative of «Ц-ая».
_ADJECTIVAL = ("ая", "яя", "ый", "ий", "ой")


def _impossible_stem(stem: str, nom: str) -> bool:
    return nom.lower() in _ADJECTIVAL and not _VOWEL.search(stem)


_RULES = {
    ("last", "m"): _LAST_M,
    ("last", "f"): _LAST_F,
    ("first", "m"): _FIRST_M,
    ("first", "f"): _FIRST_F,
    ("middle", "m"): _MIDDLE_M,
    ("middle", "f"): _MIDDLE_F,
    ("foreign", "m"): _FIRST_FOREIGN,
    ("foreign", "f"): _FIRST_FOREIGN,
}


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _endings_swapped(
    word: str, rules: tuple[tuple[str, str], ...], *, keep_caps: bool = True
) -> Iterator[tuple[str, str, str]]:
    """(stem, nominative ending, candidate) for each rule (case ending, nominative
    ending) whose ending ``word`` has, leaving out nominatives no name has."""
    low = word.lower()
    for ending, nom in rules:
        if ending and not low.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)] if ending else word
        if not stem:
            continue
        cand = stem + (nom.upper() if keep_caps and word.isupper() else nom)
        if nom and (_IMPLAUSIBLE.search(cand) or _IMPLAUSIBLE_ADJ.search(cand)):
            continue
        if _impossible_stem(stem, nom):
            continue
        yield stem, nom, cand


def _candidates(part: str, gender: str, word: str) -> list[str]:
    out: list[str] = []
    for _stem, _nom, cand in _endings_swapped(word, _RULES[(part, gender)]):
        if cand not in out:
            out.append(cand)
    # The exceptions table, read backwards (Иреку → Ирек).
    for nom, dat in _exceptions().get(("first" if part == "foreign" else part, gender), {}).items():
        if _fold(dat) == _fold(word):
            cand = _apply_case(word, _title(nom))
            if cand not in out:
                out.insert(0, cand)
    return out


def _back(part: str, gender: str, word: str) -> tuple[str, bool]:
    """Nominative of one dative word; bool: the forward decliner confirms it."""
    nom, ok, _other = _back_detail(part, gender, word)
    return nom, ok


@lru_cache(maxsize=65536)
def _back_detail(part: str, gender: str, word: str) -> tuple[str, bool, str | None]:
    """Like :func:`_back`, plus the other reading when the dative reads two ways and no
    evidence decides (``Ватре``: Ватра or Ватря), else None."""
    if part == "last" and "-" in word and "(" not in word:
        head, _, tail = word.rpartition("-")
        heads = []
        for p in head.split("-"):
            nom, ok_p = _back("last", gender, p)
            # the first part declines only when it is a surname itself (Римскому-Корсакову)
            heads.append(nom if ok_p and _DECLINABLE_FIRST_PART.search(nom) else p)
        nom, ok, other = _back_detail("last", gender, tail)
        joined = "-".join(heads)
        full, alt = f"{joined}-{nom}", (f"{joined}-{other}" if other else None)
        if alt and _published_name("last", gender, full) != _published_name("last", gender, alt):
            # the whole double surname is published (Кара-Мурза): that decides
            return (full if _published_name("last", gender, full) else alt), ok, None
        return full, ok, alt
    if part in ("first", "foreign") and "-" in word.strip("-"):
        head, _, tail = word.rpartition("-")
        nom, ok, other = _back_detail(part, gender, tail)
        others = [other] if other else []
        if gender == "f":  # «Анне-Марии» → «Анна-Мария»: every part declines
            heads = [_back_detail(part, gender, p) for p in head.split("-")]
            if all(ok_p for _, ok_p, _o in heads):
                head = "-".join(n for n, _ok, _o in heads)
                others = [
                    "-".join(o if j == i else n for j, (n, _ok, _x) in enumerate(heads)) + f"-{nom}"
                    for i, (_n, _ok, o) in enumerate(heads)
                    if o
                ] + ([f"{head}-{other}"] if other else [])
            elif other:
                others = [f"{head}-{other}"]
        else:
            others = [f"{head}-{other}"] if other else []
        return f"{head}-{nom}", ok, (others[0] if others else None)
    if part == "last" and _indeclinable(word, gender):
        return word, True, None
    target = _fold(word)
    cands = _candidates(part, gender, word)
    if part == "last" and gender == "m":  # the lists hold men's nominatives
        cands = _by_evidence(cands)
    elif part == "last" and gender == "f":
        cands = _by_evidence_f(cands)
    confirmed = []
    for cand in cands:
        if not _VOWEL.search(cand):
            continue  # «Чжу» is no dative of «Чж»: a name has a vowel
        if part == "last":
            got = _decline_surname(cand, gender)
        else:
            got = _decline_word("first" if part == "foreign" else part, gender, cand)
        if _fold(got) == target:
            confirmed.append(cand)
    e_name = part in ("first", "foreign") and gender == "f" and _listed_e_name(word)
    a_form = next((c for c in confirmed if _fold(c).endswith("а")), None) if e_name else None
    if e_name and (a_form is None or _evidence("first", "f", a_form)[0] < _E_NAME_MAX):
        return word, True, a_form
    if not confirmed:
        return (cands[0] if cands else word), False, None
    choice, other = _hard_or_soft(part, gender, confirmed)
    if e_name and other is None and _evidence("first", "f", choice)[0] < _E_NAME_SURE:
        other = word  # «Карине»: Карина, or the Armenian name as it is
    return choice, True, other


# A woman's name in -е that the first-name list holds as it is (Гаяне, Лусине, Карине,
# Армине — Armenian names that do not decline) reads two ways in the dative: itself, or
# the dative of a name in -а (Гаяна, Карина). Fewer bearers of the -а reading than this
# (frequency.json: Гаяна 2, Лусина 1; Карина 338) and the name is read as it is.
_E_NAME_MAX = 20
# … and so many bearers of the -а reading that it is used without a warning (Анна, not the
# French Анне).
_E_NAME_SURE = 1000


def _listed_e_name(word: str) -> bool:
    low = _fold(word)
    return low.endswith("е") and _lists()[0].get(low) == "f"


# After these letters Russian spelling writes «а», never «я» (Ольга, Клюка, Синица).
_HARD_ONLY = re.compile(r"[гкхжшчщц]$", re.IGNORECASE)


def _hard_or_soft(part: str, gender: str, confirmed: list[str]) -> tuple[str, str | None]:
    """Choose between the readings the forward decliner confirms, and say when a choice
    is not backed by evidence.

    A dative in -е/-и after a consonant reads two ways: «Ватре» is the dative of Ватра
    and of Ватря, «Исе» of Иса and of Ися, «Рамиле» of Рамила and of Рамиля. The
    evidence, strongest first: the nominatives Memorial's page titles publish
    (``data/names/published.toml``); then how many people bear each reading
    (``frequency.json``) and whether a list knows it at all (``first_names.toml`` gender
    by gender; for a surname, the dictionary's words in a consonant + «я»,
    ``soft_words.toml``). A reading only one of them knows wins; of two known readings
    the more frequent wins, without a warning only when the counts make it
    :data:`_SURE`; with no evidence for either the hard reading (the dictionary has
    21,851 nouns in a consonant + «а» to 782 in a consonant + «я») is used and the
    other one returned, for a warning — the nominative is never a silent guess."""
    pick = confirmed[0]
    if pick[-1:].lower() not in ("а", "я"):
        return pick, None
    stem = pick[:-1]
    if _HARD_ONLY.search(stem):
        return pick, None
    alt_end = "я" if pick[-1:].lower() == "а" else "а"
    alt = stem + (alt_end.upper() if pick[-1:].isupper() else alt_end)
    if alt not in confirmed:
        return pick, None
    hard, soft = (pick, alt) if alt_end == "я" else (alt, pick)
    pub_h, pub_s = _published_name(part, gender, hard), _published_name(part, gender, soft)
    if pub_h != pub_s:
        return (hard if pub_h else soft), None
    (n_h, known_h), (n_s, known_s) = _evidence(part, gender, hard), _evidence(part, gender, soft)
    if known_h != known_s:
        return (hard if known_h else soft), None
    if not known_h:
        return hard, soft
    win, lose, n_w, n_l = (hard, soft, n_h, n_s) if n_h >= n_s else (soft, hard, n_s, n_h)
    # Laplace's rule of succession: the chance the other reading is the person's
    if (n_l + 1) / (n_w + n_l + 2) <= 1 - _SURE:
        return win, None
    return win, lose


# A reading chosen without a warning is right at least this often by the counts
# (the engine's goal for the fields of a line it has not seen).
_SURE = 0.995


def _published_name(part: str, gender: str, word: str) -> bool:
    """A nominative Memorial's page titles publish (``data/names/published.toml``)."""
    given_m, given_f, surnames = _published()
    return _fold(word) in (surnames if part == "last" else given_f if gender == "f" else given_m)


def _evidence(part: str, gender: str, word: str) -> tuple[int, bool]:
    """How many people bear ``word`` (``frequency.json``), and whether any list knows it:
    the counts, the first-name list of the gender, or for a surname the dictionary's
    words in a consonant + «я»."""
    low = _fold(word)
    given_m, given_f, surnames = _frequency()
    table = surnames if part == "last" else given_f if gender == "f" else given_m
    count = table.get(low, 0)
    if count:
        return count, True
    if part == "last":
        return 0, low.endswith("я") and low in _soft_words()
    listed = _lists()[0]
    return 0, (listed.get(low) or listed.get(low.replace("е", "ё"))) == gender


@cache
def _frequency() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """People per name (given names of men, of women; surnames), lower case, ё as е,
    from ``data/names/frequency.json`` (built by scripts/build_name_lists.py)."""
    path = data_dir() / "names" / "frequency.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read {path}: {exc}") from exc
    out: list[dict[str, int]] = []
    for key in ("given_male", "given_female", "surnames"):
        table: dict[str, int] = {}
        for word, count in raw.get(key, {}).items():
            table[_fold(word)] = table.get(_fold(word), 0) + int(count)
        out.append(table)
    return out[0], out[1], out[2]


@cache
def _soft_words() -> frozenset[str]:
    """``data/names/soft_words.toml`` (built by scripts/build_name_lists.py)."""
    path = data_dir() / "names" / "soft_words.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read {path}: {exc}") from exc
    return frozenset(_fold(w) for w in raw.get("words", []))


@cache
def _published() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Given names (men's, women's) and surnames as Memorial's page titles publish them
    (``data/names/published.toml``, built by scripts/build_name_lists.py), ё as е."""
    path = data_dir() / "names" / "published.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover - broken install
        raise DataError(f"cannot read {path}: {exc}") from exc
    return tuple(  # type: ignore[return-value]
        frozenset(_fold(w) for w in raw.get(key, []))
        for key in ("given_male", "given_female", "surnames")
    )


def _indeclinable(word: str, gender: str) -> bool:
    """A vowel-final surname that stays as it is (Куку, Шойгу, Гамсахурдиа, Абесадзе):
    listed as indeclinable, or with an ending that never declines, and the forward
    decliner leaves it alone."""
    low = _fold(word)
    if not re.search(r"[еиоуыэю]$", low):
        return False
    listed = low in _lists()[3] or low.replace("е", "ё") in _lists()[3]
    if not listed and not _INDECLINABLE_END.search(low):
        return False
    return _fold(_decline_surname(word, gender)) == low


def _by_evidence(cands: list[str]) -> list[str]:
    """Surname readings, the ones more people bear first, then the ones the surname lists
    know («Толстому» → Толстой before Толстый). Unlisted and uncounted, -ому reads -ый/-ий: OpenCorpora lists 840
    masculine -ый/-ий surnames to 20 in -ой, and every -ому dative of Memorial's list
    (Горелому, Холодному, Солнечному …) has a -ый title."""
    _, adj_oi, adj_yi, fixed = _lists()
    known = adj_oi | adj_yi | fixed
    surnames = _frequency()[2]
    # how many people bear each reading first (russiannames' tables, frequency.json:
    # Луговой 133 to Луговый 0, Заяц 875 to Заец 92), then the lists, then the rule order
    return sorted(cands, key=lambda c: (-surnames.get(_fold(c), 0), _fold(c) not in known))


# A woman's surname and its man's form, whose counts frequency.json holds (-ая → -ой,
# -ий, -ый; -ова, -ева, -ина, -ына → -ов, -ев, -ин, -ын).
_MASCULINE = (("ая", ("ой", "ий", "ый")), ("яя", ("ий",)), ("ова", ("ов",)), ("ева", ("ев",)),
              ("ёва", ("ёв",)), ("ина", ("ин",)), ("ына", ("ын",)))  # fmt: skip


def _masculine_count(surname: str) -> int:
    low = _fold(surname)
    table = _frequency()[2]
    for end, masc in _MASCULINE:
        if low.endswith(end):
            return max(table.get(low[: -len(end)] + m, 0) for m in masc)
    return 0


# The man's form of a reading must have this many bearers to move it first: the table
# misses many rare -ов surnames (Комлев is not in it, Комлевой has 2).
_MASCULINE_SURE = 20


def _by_evidence_f(cands: list[str]) -> list[str]:
    """A woman's surname readings, the one whose man's form many people bear first:
    «Полевой» is Полевая (107 men named Полевой, none Полев), «Береговой» Береговая (49);
    otherwise the rule order stands (-ова before -ая: «Комлевой» is Комлева)."""
    counts = [_masculine_count(c) for c in cands]
    best = max(counts, default=0)
    if best < _MASCULINE_SURE or counts.count(best) > 1:
        return cands
    i = counts.index(best)
    return [cands[i], *cands[:i], *cands[i + 1 :]]


def dative_slip(words: list[str]) -> tuple[str, list[str], list[str]] | None:
    """A published dative with a slip the source made: ``(kind, nominative, dative)``.

    ``"ykh"``: a surname in -ыху/-иху («Белыху») is the indeclinable -ых/-их surname
    («Белых») declined by mistake; ``"genitive"``: a first name in the genitive where the
    dative belongs («Чжу Юня»: the genitive of Юнь). None when there is no such slip.
    """
    if len(words) < 2:
        return None
    last, first, rest = words[0], words[1], words[2:]
    low = _fold(last)
    if re.search(r"[ыи]ху$", low) and _fold(_decline_surname(last[:-1], "m")) == low[:-1]:
        nom_first, _ok = _back("first", "m", first)
        nom = [last[:-1], nom_first, *(from_dative(*words)[2] or "").split()][: len(words)]
        return "ykh", nom, [last[:-1], *words[1:]]
    if _fold(first)[-1:] in ("а", "я") and not rest:
        NamePart, Gender, Case = _enums()
        for stem in (first[:-1], first[:-1] + "ь", first[:-1] + "й"):
            if not _VOWEL.search(stem) or _IMPLAUSIBLE.search(stem):
                continue
            try:
                gen = _maker().make(NamePart.FIRSTNAME, Gender.MALE, Case.GENITIVE, stem)
            except Exception:  # pragma: no cover - pytrovich on odd input
                continue
            if _fold(gen) == _fold(first) and first_name_gender(stem) != "f":
                dat = _decline_word("first", "m", stem)
                return "genitive", [_back("last", "m", last)[0], stem], [last, dat]
    return None


# ------------------------------------------------------------------ genitive → nominative

# (genitive ending, nominative ending), the forms a chat writes after «для»: «для Иванова
# Ивана Ивановича», «для Петровой Анны Сергеевны». Every reading is confirmed by declining
# it back to the genitive (pytrovich); "" keeps the word (an indeclinable name).
_GEN_LAST_M = (
    ("ского", "ский"), ("цкого", "цкий"), ("ого", "ый"), ("ого", "ой"), ("ого", "ий"),
    ("его", "ий"), ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
    ("янца", "янц"), ("йца", "ец"), ("йца", "яц"), ("ца", "ец"), ("ка", "ок"), ("а", ""),
    ("я", "ь"), ("я", "й"),
    ("ы", "а"), ("и", "я"), ("и", "а"), ("", ""),
)  # fmt: skip
_GEN_LAST_F = (
    ("овой", "ова"), ("евой", "ева"), ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ("ской", "ская"), ("цкой", "цкая"), ("ой", "ая"), ("ой", "а"), ("ей", "яя"),
    ("ы", "а"), ("и", "я"), ("и", "а"), ("", ""),
)  # fmt: skip
_GEN_FIRST_M = (
    ("ла", "ел"), ("ьва", "ев"), ("а", ""), ("я", "й"), ("я", "ь"), ("ы", "а"), ("ии", "ия"),
    ("и", "я"), ("и", "а"), ("", ""),
)  # fmt: skip
_GEN_FIRST_F = (("ии", "ия"), ("ы", "а"), ("и", "я"), ("и", "ь"), ("и", "а"), ("", ""))
_GEN_RULES = {
    ("last", "m"): _GEN_LAST_M,
    ("last", "f"): _GEN_LAST_F,
    ("first", "m"): _GEN_FIRST_M,
    ("first", "f"): _GEN_FIRST_F,
    ("middle", "m"): (("ича", "ич"), ("", "")),
    ("middle", "f"): (("ны", "на"), ("", "")),
}


@lru_cache(maxsize=16384)
def _genitive_of(part: str, gender: str, word: str) -> str:
    """The genitive pytrovich gives for a nominative name word (the word on odd input)."""
    return _pytrovich(part, gender, "GENITIVE", word)


def _back_genitive(part: str, gender: str, word: str) -> tuple[str, bool]:
    """Nominative of one genitive name word; bool: declining it back confirms it."""
    if "-" in word.strip("-"):
        pieces = [_back_genitive(part, gender, p) for p in word.split("-")]
        return "-".join(n for n, _ok in pieces), all(ok for _n, ok in pieces)
    cands: list[str] = []
    for stem, nom, cand in _endings_swapped(word, _GEN_RULES[(part, gender)], keep_caps=False):
        if not _VOWEL.search(cand) or cand in cands:
            continue
        if nom[:1] == "я" and _HARD_ONLY.search(stem):
            continue  # «Ольги» is Ольга: after г/к/х/ж/ш/ч/щ/ц Russian writes «а»
        cands.append(cand)
    if part == "last" and gender == "m":
        cands = _by_evidence(cands)
    confirmed = [c for c in cands if _fold(_genitive_of(part, gender, c)) == _fold(word)]
    if part == "first" and len(confirmed) > 1:
        # of two readings, the one the first-name list or the counts know
        confirmed.sort(key=lambda c: not _evidence(part, gender, c)[1])
    if confirmed:
        return confirmed[0], True
    return (cands[0] if cands else word), False


def _gender_from_genitive(words: list[str]) -> str | None:
    low = [_fold(w) for w in words]
    if len(low) >= 3:
        if low[2].endswith("ича"):
            return "m"
        if low[2].endswith(("вны", "чны", "шны")):
            return "f"
    if low and low[0].endswith(("овой", "евой", "иной", "ыной", "ской", "цкой")):
        return "f"
    if low and low[0].endswith(("ова", "ева", "ина", "ына", "ского", "цкого")):
        return "m"
    if len(low) >= 2:
        return first_name_gender(_back_genitive("first", "m", words[1])[0]) or (
            "f" if low[1].endswith(("ы", "и")) else None
        )
    return None


def from_genitive(*words: str) -> tuple[str, str | None, str | None, str, bool]:
    """``"Талипова Радика Азаматовича"`` → ``("Талипов", "Радик", "Азаматович", "m", True)``:
    the nominative of a name published in the genitive (after «для»), its gender, and
    whether declining every word back to the genitive confirms the reading."""
    parts = " ".join(words).split()
    if not parts:
        return "", None, None, "m", False
    gender = _gender_from_genitive(parts) or "m"
    last, ok_l = _back_genitive("last", gender, parts[0])
    first, ok_f = _back_genitive("first", gender, parts[1]) if len(parts) > 1 else (None, True)
    middle: str | None = None
    ok_m = True
    if len(parts) > 3 and parts[-1].lower() in TURKIC:
        middle = " ".join(parts[2:])  # «Натиг кызы»: the father's name does not decline
    elif len(parts) > 2:
        rest = parts[2:]
        part = "middle" if len(rest) == 1 and _fold(rest[0]).endswith(("ича", "ны")) else "first"
        noms = [_back_genitive(part, gender, w) for w in rest]
        middle = " ".join(n for n, _ok in noms)
        ok_m = all(ok for _n, ok in noms)
    return last, first, middle, gender, ok_l and ok_f and ok_m


# Dative endings only a Russian-form surname has («Гаджиеву», «Петровой»).
_SURNAME_DATIVE = {
    "m": ("ову", "еву", "ёву", "ину", "ыну", "скому", "цкому"),
    "f": ("овой", "евой", "ёвой", "иной", "ыной", "ской", "цкой"),
}


def _gender_from_dative(words: list[str]) -> str | None:
    """Gender from a dative (or nominative) name as published."""
    low = [w.lower() for w in words]
    if len(low) >= 2 and low[-1] in TURKIC_MALE:
        return "m"
    if len(low) >= 2 and low[-1] in TURKIC_FEMALE:
        return "f"
    if len(low) >= 3:
        mid = low[2]
        if mid.endswith(("вичу", "ичу", "вич", "ич")):
            return "m"
        if mid.endswith(("вне", "чне", "вна", "чна", "шна", "шне")):
            return "f"
    if low:
        last = low[0]
        if last.endswith((*_SURNAME_DATIVE["m"], "ов", "ев", "ин")):
            return "m"
        if last.endswith((*_SURNAME_DATIVE["f"], "ова", "ева", "ина")):
            return "f"
    if len(low) >= 2:
        first = low[1]
        if first.endswith(("у", "ю")):
            return "m"
    return None


def surname_last(words: list[str]) -> list[str] | None:
    """The words of a dative name published given name first («Магомед-Расулу
    Гаджиеву», «Ивану Сергеевичу Петрову») in surname-first order, or None when the
    name reads surname first. Evidence both ways: the last word is no listed first name
    (data/names/first_names.toml) and, with no patronymic between, has a Russian
    surname's dative ending; the first word is a listed first name of that gender.
    «Даниилу Ефимовичу Гуревичу»: a surname may look like a patronymic."""
    if len(words) not in (2, 3) or any(w.lower() in TURKIC for w in words):
        return None
    if len(words) == 3 and not _is_patronymic(words[1]):
        return None
    given, surname = words[0], words[-1]
    for gender, ends in _SURNAME_DATIVE.items():
        if len(words) == 2 and not _fold(surname).endswith(ends):
            continue
        if first_name_gender(_back("first", gender, surname)[0]) is not None:
            return None
        if first_name_gender(_back("first", gender, given)[0]) == gender:
            return [surname, *words[:-1]]
    return None


def from_dative_checked(*words: str) -> tuple[str, str | None, str | None, str | None, bool]:
    """Like :func:`from_dative`, plus whether pytrovich maps the result back exactly."""
    return _from_dative(" ".join(words))


@cache
def _particles() -> frozenset[str]:
    """Particles that begin a foreign surname (``data/names/particles.toml``)."""
    path = data_dir() / "names" / "particles.toml"
    try:
        return frozenset(tomllib.loads(path.read_text(encoding="utf-8"))["particles"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:  # pragma: no cover
        raise DataError(f"cannot read the surname particles in {path}: {exc}") from exc


def _particle(parts: list[str]) -> bool:
    """«Дель Пьеро Антонио»: the first word is a surname particle, two words follow."""
    return len(parts) >= 3 and _fold(parts[0]) in _particles()


@lru_cache(maxsize=16384)
def _from_dative(text: str) -> tuple[str, str | None, str | None, str | None, bool]:
    parts = text.split()
    if not parts:
        return "", None, None, None, False
    if _particle(parts):
        last, first, middle, gender, ok = _from_dative(" ".join(parts[1:]))
        return f"{parts[0]} {last}", first, middle, gender, ok
    if len(parts) >= 3 and parts[1].lower() in TURKIC:
        # «Абдыманап уулу Алтынбеку»: the father's name and the particle are the surname
        g = "m" if parts[1].lower() in TURKIC_MALE else "f"
        first, ok_f = _back("first", g, parts[2])
        middle = " ".join(parts[3:]) or None
        return f"{parts[0]} {parts[1]}", first, middle, g, ok_f
    last_w = parts[0]
    first_w = parts[1] if len(parts) > 1 else None
    middle_w = " ".join(parts[2:]) if len(parts) > 2 else None
    gender = _gender_from_dative(parts)
    genders = [gender] if gender else ["m", "f"]
    best: tuple[str, str | None, str | None, str | None, bool] | None = None
    for g in genders:
        last, ok_l = _back("last", g, last_w)
        first, ok_f = _back("first", g, first_w) if first_w else (None, True)
        if middle_w:
            mw = middle_w.split()
            if len(mw) > 1 and mw[-1].lower() in TURKIC:
                middle, ok_m = middle_w, True
            else:
                # four and more words, or no patronymic: foreign first names
                part = "foreign" if len(parts) > 3 or not _is_patronymic(mw[0]) else "middle"
                noms = [_back(part, g, w) for w in mw]
                middle = " ".join(n for n, _ in noms)
                ok_m = all(ok for _, ok in noms)
        else:
            middle, ok_m = None, True
        ok = ok_l and ok_f and ok_m
        g_out = g if gender else detect_gender(first, middle, last)
        cand = (last, first, middle, g_out, ok)
        if ok and (gender or g_out == g):
            return cand
        if best is None or (ok and not best[4]):
            best = cand
    assert best is not None
    return best


def two_readings(*words: str) -> list[tuple[str, str]]:
    """The words of a published dative that read two ways with no evidence to choose:
    ``(reading used, other reading)`` each («Ватре Артему …» → ``[("Ватра", "Ватря")]``).
    Empty when the name reads one way."""
    return list(_two_readings(" ".join(words)))


@lru_cache(maxsize=16384)
def _two_readings(text: str) -> tuple[tuple[str, str], ...]:
    parts = text.split()
    if _particle(parts):
        parts = parts[1:]
    if len(parts) < 2:
        return ()
    gender = _from_dative(" ".join(parts))[3] or "m"
    if len(parts) >= 3 and parts[1].lower() in TURKIC:
        todo = [("first", parts[2])]
    else:
        todo = [("last", parts[0]), ("first", parts[1])]
        rest = parts[2:]
        turkic = len(rest) > 1 and rest[-1].lower() in TURKIC
        if rest and not turkic and (len(parts) > 3 or not _is_patronymic(rest[0])):
            todo += [("foreign", w) for w in rest]
    out = []
    for part, word in todo:
        nom, _ok, other = _back_detail(part, gender, word)
        if other:
            out.append((nom, other))
    return tuple(out)


def from_dative(*words: str) -> tuple[str, str | None, str | None, str | None]:
    """``"Баценину Александру Дмитриевичу"`` → ``("Баценин", "Александр", "Дмитриевич", "m")``.

    Accepts the name as one string or as separate words. A two-word Turkic patronymic
    (``Абдулазиз оглы``) is kept whole in ``middle``.
    """
    last, first, middle, gender, _ok = from_dative_checked(*words)
    return last, first, middle, gender


def surname_from_dative(word: str) -> str:
    """Nominative of a surname published alone in the dative (``Баценину А. Д.``).

    With initials only the gender is unknown, so both genders are tried and a reading
    pytrovich maps back to ``word`` is kept. A reading that leaves the word as it is
    (every indeclinable form maps back to itself: a woman «Баценину») only counts when
    no gender gives another one. Two different readings, or none: ``word`` as published.
    Hyphenated and bracketed (``Карелиной (Хаваной)``) surnames decline part by part.
    """
    if "(" in word:
        return re.sub(r"[^\s()]+", lambda m: surname_from_dative(m.group(0)), word)
    readings: list[str] = []
    for gender in ("m", "f"):
        nom, ok = _back("last", gender, word)
        if ok and _fold(nom) != _fold(word) and nom not in readings:
            readings.append(nom)
    return readings[0] if len(readings) == 1 else word


def looks_nominative(words: list[str]) -> bool:
    """True when a published name is in the nominative, not the dative."""
    low = [w.lower() for w in words]
    if len(low) >= 3 and low[-1] not in TURKIC:
        mid = low[2]
        if mid.endswith(("вич", "ьич", "вна", "чна", "шна")):
            return True
        if mid.endswith(("вичу", "ичу", "вне", "чне", "шне")):
            return False
    if len(low) >= 3 and low[1] in TURKIC:
        # «Абдыманап уулу Алтынбек»: a man's consonant-final first name has no -у
        return low[1] in TURKIC_MALE and _consonant_end(words[2])
    if len(low) >= 2 and low[0].endswith(("ов", "ев", "ёв", "ин", "ова", "ева", "ина", "ская")):
        return True
    if len(low) >= 2 and given_gender(words) == "m":
        # a man's consonant-final given name always takes -у/-ю in the dative
        # («Смит Джон Роберт», «Асанов Бакыт уулу»)
        return any(_consonant_end(w) for w in _given(words))
    return False


def _consonant_end(word: str) -> bool:
    return not re.search(r"[аеёиоуыэюя]$", _fold(word))


def _given(words: list[str]) -> list[str]:
    """The given names of a name (surname first): the second word, and the words after
    it unless they are a patronymic or a Turkic patronymic phrase."""
    low = [w.lower() for w in words]
    if low[-1] in TURKIC:
        return [words[1]] if len(words) > 2 else []
    if len(words) == 3 and low[2].endswith(_PATRONYMIC_ENDS):
        return [words[1]]
    return words[1:]


_PATRONYMIC_ENDS = ("вич", "ьич", "ич", "вна", "чна", "шна", "вичу", "ичу", "вне", "чне", "шне")


def given_gender(words: list[str]) -> str | None:
    """Gender a name shows whatever its case: a Turkic particle, a patronymic, or the
    first-name list (``data/names/first_names.toml``)."""
    low = [w.lower() for w in words]
    if len(low) >= 2 and low[-1] in TURKIC:
        return "m" if low[-1] in TURKIC_MALE else "f"
    if len(low) == 3:
        if low[2].endswith(("вич", "ьич", "вичу", "ичу")):
            return "m"
        if low[2].endswith(("вна", "чна", "шна", "вне", "чне", "шне")):
            return "f"
    return first_name_gender(words[1]) if len(words) >= 2 else None


def case_unknown(words: list[str]) -> bool:
    """A name whose case cannot be told: a given name that ends in a consonant and a
    gender no patronymic or list shows («Хван Тэсон», «Хиральдо Сарай Альберто»): a
    man's dative would end in -у/-ю, a woman's foreign names do not decline."""
    if len(words) < 2 or given_gender(words) is not None:
        return False
    return any(_consonant_end(w) for w in _given(words))


# --------------------------------------------------------------- transliteration, slugs


@cache
def _schema() -> Any:
    # deferred: iuliia costs ~30 ms at start-up
    import iuliia

    return iuliia.MVD_310


@lru_cache(maxsize=65536)
def transliterate(text: str) -> str:
    """Latin spelling by iuliia ``mvd_310`` (Memorial's English: ``Баценин`` → ``Batsenin``)."""
    return _schema().translate(text)


def slugify(last: str) -> str:
    """The record slug: surname in mvd_310, apostrophes dropped, other junk → ``-``, ≤ 64."""
    latin = _APOSTROPHES.sub("", transliterate(last or "")).lower()
    slug = _SLUG_BAD.sub("-", latin).strip("-")
    return slug[:64].rstrip("-")
