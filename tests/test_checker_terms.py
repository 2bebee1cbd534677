"""The term matcher of the checker (guidance/terms.py TermIndex) gives what the regex of
the term syntax (terms.term_pattern) gives, without compiling one; the lemma forms file
(data/lemma_forms.json) reads words as the dictionary does, without loading it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from letterkit.errors import DataError
from letterkit.guidance import terms
from letterkit.guidance.rules import ending_sets
from letterkit.guidance.terms import (
    LEMMA_FORMS,
    TermIndex,
    build_lemma_forms,
    compiled,
    dump_lemma_forms,
    fold,
    fold_yo,
    is_cased,
    lemma_forms,
    term_pattern,
)
from letterkit.resources import data_dir

HERE = Path(__file__).resolve().parent


def regex_find(terms, folded, cased):
    """The reference: one regex alternation per tier, as the checker had it."""
    endings = ending_sets()
    start = len(r"(?<!\w)")
    hits = []
    for want_cased, text in ((False, folded), (True, cased)):
        alts = [
            f"(?P<t{i}>{term_pattern(t, endings)[start:]})"
            for i, t in enumerate(terms)
            if is_cased(t) == want_cased
        ]
        if not alts:
            continue
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")")
        hits += [(m.start(), m.end(), int(m.lastgroup[1:])) for m in pattern.finditer(text)]
    return sorted(hits)


def all_tiers():
    c = compiled()
    tiers = [t for topic in c.topics for t in (topic.strong, topic.weak, topic.exceptions)]
    tiers += [tier for _rule, tier in c.terms]
    tiers += [c.partner.female_partner, c.partner.male_partner, c.greeting]
    return tiers


def letters():
    texts = [p.read_text(encoding="utf-8") for p in sorted((HERE / "letters").rglob("*.txt"))]
    for path in sorted((HERE.parent / "benchmarks" / "heldout").glob("*.toml")):
        texts += [x["text"] for x in tomllib.loads(path.read_text(encoding="utf-8"))["letter"]]
    return texts


def test_the_matcher_finds_what_the_regex_finds_in_every_letter():
    tiers = all_tiers()
    for text in letters():
        folded, cased = fold(text), fold_yo(text)
        for tier in tiers:
            assert tier.find(folded, cased) == regex_find(tier.terms, folded, cased), tier.terms


SAMPLE_TERMS = (
    "суд~noun_m",
    "на|в суд|суде",
    "сим-карт*",
    "=Путин~noun_m",
    "дали|дадут срок~noun_m",
    "срок~noun_m",
    "войн~noun_f и мир*",
)
WORDS = ["суд", "суде", "на", "в", "сим", "карты", "Путин", "путин", "дали", "срок", "войне"]
WORDS += ["и", "мира", "судак", "сроки"]


@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", "  ", "-", ", ", "\n", "", "ё"])),
        max_size=12,
    )
)
def test_the_matcher_and_the_regex_agree_on_any_word_salad(parts):
    text = "".join(w + sep for w, sep in parts)
    index = TermIndex()
    tier = index.tier(SAMPLE_TERMS)
    folded, cased = fold(text), fold_yo(text)
    assert tier.find(folded, cased) == regex_find(SAMPLE_TERMS, folded, cased)


def test_a_hyphenated_word_with_alternatives_is_a_data_error():
    with pytest.raises(DataError, match=r"invalid field 'гей-парад\|прайд'"):
        TermIndex().tier(["гей-парад|прайд"])


def test_the_lemma_forms_file_is_up_to_date():
    # run `python scripts/lemma_forms.py` after changing the lemmas of data/topics.toml
    path = data_dir() / LEMMA_FORMS
    assert path.read_text(encoding="utf-8") == dump_lemma_forms(build_lemma_forms())


def test_the_lemma_forms_read_every_word_of_the_letters_as_the_dictionary_does():
    # for every word of every letter, the lemmas of the data found through the file are
    # those the dictionary gives (or more: "бегут" is a form of "бежать" whose first
    # letters differ, which the dictionary is never asked about)
    c = compiled()
    forms, numerals = lemma_forms()
    words = {w for text in letters() for w in re.findall(r"[^\W\d_]+", fold(text))}
    for word in sorted(words):
        parses = terms._morph().parse(word)
        # the words the dictionary knows: for an unknown word («прави» of a Bulgarian
        # letter) pymorphy3 guesses a lemma by its ending, which no lexeme holds
        from_dictionary = {fold(p.normal_form) for p in parses if p.is_known} & c.lemmas
        assert from_dictionary - {word} <= forms.get(word, frozenset()), word
        # the numbers the checker asked the dictionary about (terms._NUMERAL_STARTS)
        if "NUMR" in parses[0].tag and word[:3] in terms._NUMERAL_STARTS:
            assert word in numerals, word
        assert word not in numerals or "NUMR" in parses[0].tag, word


def test_stale_lemma_forms_fall_back_to_the_dictionary(monkeypatch, tmp_path):
    monkeypatch.setattr(terms, "data_dir", lambda: tmp_path)
    terms.lemma_forms.cache_clear()
    try:
        (tmp_path / LEMMA_FORMS).write_text('{"lemmas": "other", "forms": {}}', encoding="utf-8")
        assert terms.lemma_forms() is None
    finally:
        terms.lemma_forms.cache_clear()
