"""The `simple` template's phrasebook: every phrase is censor-safe Russian with an English
meaning, `--phrase` picks them (in the order of the groups), `--field hobby=` chooses from
a list with the Russian forms each sentence needs, and the gloss page speaks English."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from letterkit import writing
from letterkit.errors import DataError, InputError
from letterkit.guidance import check_text, list_templates
from letterkit.guidance.phrasebook import read_phrasebook
from letterkit.guidance.templates import gloss, split_sentences
from pdfutil import lines
from test_templates_matrix import BARE_TYPE, WRITERS, _sender, _target

DATE = dt.date(2026, 11, 25)
INFO = next(info for info in list_templates() if info.name == "simple")
BOOK = INFO.phrasebook
PHRASE_IDS = [p.id for p in BOOK.phrases]
HOBBIES = [c.id for c in BOOK.choices["hobby"]]
# a city, a village, abroad with a Russian city name, abroad without one
SOME_WRITERS = [w for w in WRITERS if w.key in ("city", "village", "berlin", "german-village")]
BERLIN = ("--sender", "Anna Schmidt; Hauptstraße 5; 10115 Berlin", "--sender-country", "DE")


def _letter(sender, phrases, hobby="music", target="male-record"):
    return writing.letter_body(
        _target(target), sender, DATE, template="simple", fields={"hobby": hobby},
        phrases=phrases,
    )  # fmt: skip


def test_the_phrasebook_has_the_groups_a_letter_needs():
    groups = [g.name for g in BOOK.groups]
    for name in ("greeting", "about", "place", "work", "likes", "wishes", "questions"):
        assert name in groups
    assert groups[0] == "greeting" and groups[-1] == "closing"
    assert len(PHRASE_IDS) == len(set(PHRASE_IDS)) >= 40
    assert len(HOBBIES) >= 20


@pytest.mark.parametrize("phrase_id", PHRASE_IDS)
def test_every_phrase_is_one_sentence_with_an_english_meaning(phrase_id):
    phrase = BOOK.phrase(phrase_id)
    assert phrase.en.strip() and phrase.en != phrase.ru
    assert all(ord(ch) < 0x400 for ch in phrase.en.replace("—", "")), phrase.en  # English
    assert len(split_sentences(phrase.ru)) == 1, phrase.ru
    assert phrase.ru[-1] in ".!?" and phrase.en[-1] in ".!?"


@pytest.mark.parametrize("writer", SOME_WRITERS, ids=[w.key for w in SOME_WRITERS])
def test_every_phrase_in_a_letter_passes_the_check_and_glosses_in_english(writer):
    sender = _sender(writer, saved=False)
    for phrase_id in PHRASE_IDS:
        body = _letter(sender, _defaults_with(phrase_id))
        assert body.splitlines()[0].endswith(", Александр!")  # hello / good-day
        assert "____" not in body and not BARE_TYPE.search(body), body
        assert check_text(body, has_return_address=True).findings == [], body
        phrase = BOOK.phrase(phrase_id)
        needs_met = all(getattr(writing.writer_view(sender), n.split(".")[1]) for n in phrase.needs)
        sentences = [s for line in body.splitlines() for s in split_sentences(line)]
        meanings = dict(gloss(body, INFO))
        if not needs_met:
            continue
        written = [s for s in sentences if BOOK.meaning(s) and _is(phrase_id, s)]
        assert written, (phrase_id, body)
        for sentence in sentences[:-1]:  # the last line is the signature
            assert meanings[sentence], (sentence, phrase_id)


def _defaults_with(phrase_id):
    """The default letter with ``phrase_id`` added (replacing the default of a group
    that takes one phrase: the greeting, the closing)."""
    group = next(g for g in BOOK.groups if g.name == BOOK.phrase(phrase_id).group)
    keep = [i for i in BOOK.default_ids if not (group.one and BOOK.phrase(i).group == group.name)]
    return (*keep, phrase_id)


def _is(phrase_id, sentence):
    """Whether ``sentence`` is what the phrase writes (its literal parts in order)."""
    from letterkit.guidance.phrasebook import _patterns

    return any(p.id == phrase_id and rx.fullmatch(sentence) for rx, p in _patterns(BOOK))


@pytest.mark.parametrize("hobby", HOBBIES)
def test_every_hobby_in_its_russian_forms_passes_the_check(hobby):
    sender = _sender(WRITERS[0], saved=False)
    choice = next(c for c in BOOK.choices["hobby"] if c.id == hobby)
    body = _letter(sender, ("hello", "like-hobby", "keen-on", "bye"), hobby=hobby)
    assert f"Я люблю {choice.forms['acc']}. Я увлекаюсь {choice.forms['ins']}." in body
    assert check_text(body, has_return_address=True).findings == []
    meanings = dict(gloss(body, INFO))
    assert meanings[f"Я люблю {choice.forms['acc']}."] == f"I like {choice.en}."
    assert meanings[f"Я увлекаюсь {choice.forms['ins']}."] == f"I am keen on {choice.en}."


def test_one_greeting_and_one_closing(cli):
    result = cli("write", "batsenin", "--template", "simple", "--phrase", "hello",
                 "--phrase", "good-day")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--phrase': --phrase hello, good-day: choose one of them "
        "(Greeting) — see the phrases and their ids: letterkit templates simple --phrases"
    )


def test_several_hobbies_are_joined_the_russian_way():
    sender = _sender(WRITERS[0], saved=False)
    body = _letter(sender, ("hello", "like-hobby", "keen-on"), hobby="music, chess,football")
    assert "Я люблю музыку, шахматы и футбол. Я увлекаюсь музыкой, шахматами и футболом." in body
    meanings = dict(gloss(body, INFO))
    assert meanings["Я люблю музыку, шахматы и футбол."] == "I like music, chess and football."
    with pytest.raises(InputError) as err:
        _letter(sender, ("like-hobby",), hobby="music,chess,football,films")
    assert err.value.message == "--field hobby: at most 3 at once"


def test_no_phrase_gives_the_default_letter():
    sender = _sender(WRITERS[0], saved=False)  # Мария Иванова from Tver
    assert _letter(sender, None, hobby="reading") == (
        "Здравствуйте, Александр!\n\n"
        "Меня зовут Мария. Я живу в Твери.\n\n"
        "Я не говорю по-русски. Я пишу с переводчиком. Простите за ошибки.\n\n"
        "Я люблю книги. Я думаю о Вас. Желаю Вам здоровья и сил.\n\n"
        "Как у Вас дела? Что Вы любите читать? Если сможете, ответьте печатными буквами. "
        "Мой адрес — на конверте.\n\n"
        "Всего доброго!\n"
        "Мария Иванова\n"
    )


def test_phrases_are_printed_in_the_order_of_the_groups(cli):
    result = cli(
        "write", "batsenin", "--template", "simple", "--text-only", *BERLIN,
        "--writer-ru", "Анна Шмидт", "--field", "hobby=chess",
        "--phrase", "bye", "--phrase", "cat", "--phrase", "how", "--phrase", "work-home",
        "--phrase", "good-day", "--phrase", "keen-on", "--phrase", "from", "--phrase", "wait",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (cli.cwd / "batsenin-letter.txt").read_text(encoding="utf-8") == (
        "Добрый день, Александр!\n\n"
        "Я из Германии. Я работаю дома.\n\n"
        "Я увлекаюсь шахматами. У меня есть кошка.\n\n"
        "Как у Вас дела? Я буду ждать Вашего письма.\n\n"
        "Всего доброго!\n"
        "Анна Шмидт\n"
    )


def test_an_unknown_phrase_is_a_usage_error_naming_the_close_match(cli):
    result = cli("write", "batsenin", "--template", "simple", "--phrase", "helo")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--phrase': the template 'simple' has no phrase 'helo'; "
        "did you mean: hello, health, how? — see the phrases and their ids: letterkit "
        "templates simple --phrases"
    )
    assert list(cli.cwd.iterdir()) == []
    result = cli("write", "batsenin", "--phrase", "hello")  # the default, first-letter
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--phrase': the template 'first-letter' has no phrases to "
        "choose — --phrase works with: simple, e.g. --template simple --phrase hello"
    )


def test_a_phrase_needing_a_hobby_without_one_is_the_missing_field_error(cli):
    args = ("write", "batsenin", "--template", "simple", *BERLIN, "--writer-ru", "Анна Шмидт")
    result = cli(*args, "--phrase", "hello", "--phrase", "keen-on")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: the template 'simple' needs the slot 'hobby', which is not given",
        "Hint: give it with --field, e.g. --field hobby=music",
    ]
    assert list(cli.cwd.iterdir()) == []
    # phrases that need no hobby need no --field
    result = cli(*args, "--phrase", "hello", "--phrase", "cat", "--text-only")
    assert result.exit_code == 0, result.output


def test_a_hobby_not_on_the_list_is_an_error_naming_the_close_one(cli):
    result = cli("write", "batsenin", "--template", "simple", "--field", "hobby=musik")
    assert result.exit_code == 1
    error, hint = result.stderr.splitlines()
    assert (
        error
        == "Error: --field hobby=musik: not one of the template's choices; did you mean: music?"
    )
    assert hint.startswith("Hint: choose from: reading, music, chess, ")
    assert hint.endswith(" (letterkit templates simple --phrases)")
    # Russian words the writer may know are accepted for the id
    assert cli("write", "batsenin", "--template", "simple", "--field", "hobby=музыка",
               "--text-only").exit_code in (0, 3)  # fmt: skip


def test_templates_simple_phrases_lists_the_groups_with_ids(cli):
    result = cli("templates", "simple", "--phrases")
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert out[:5] == [
        "Greeting (greeting)",
        "  *hello             Здравствуйте, <their first name>!",
        "                     = Hello, <their first name>!",
        "   good-day          Добрый день, <their first name>!",
        "                     = Good day, <their first name>!",
    ]
    assert "  *live              Я живу <in your town>." in out
    assert "   keen-on           Я увлекаюсь <hobby>." in out
    assert "   chess             шахматы / шахматами = chess" in out
    for phrase in BOOK.phrases:  # every id is listed
        assert any(line.strip().lstrip("*").startswith(phrase.id + " ") for line in out)
    assert out[-1].startswith("Choose: letterkit write SLUG --template simple --phrase ID")


def test_the_gloss_page_uses_the_phrases_english(cli):
    result = cli(
        "write", "batsenin", "--template", "simple", *BERLIN, "--writer-ru", "Анна Шмидт",
        "--field", "hobby=cooking,films", "--phrase", "hello", "--phrase", "like-hobby",
        "--phrase", "keen-on", "--phrase", "take-care", "--gloss", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    got = [t for t, _ in lines((cli.cwd / "batsenin-gloss.pdf").read_bytes())]
    assert got[2:10] == [
        "Здравствуйте, Александр!",
        "Hello, «Александр»!",
        "Я люблю кулинарию и кино.",
        "I like cooking and films.",
        "Я увлекаюсь кулинарией и кино.",
        "I am keen on cooking and films.",
        "Берегите себя.",
        "Take care of yourself.",
    ]


def test_batch_letters_take_phrases(cli):
    result = cli(
        "batch", "batsenin", "--letters", "simple", "--phrase", "hello", "--phrase", "dog",
        "--sender", "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000",
        "--output", "kit.pdf", "--no-split", "--date", "2026-11-25",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    letter = PdfReader(str(cli.cwd / "kit.pdf")).pages[1].extract_text()
    assert " ".join(letter.split()).startswith(
        "25 ноября 2026 г. Здравствуйте, Александр! У меня есть собака. Мария Иванова"
    )
    bad = cli("batch", "batsenin", "--letters", "simple", "--phrase", "dgo")
    assert bad.exit_code == 2 and "did you mean: dog?" in bad.stderr


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"group": [{"name": "g", "title_en": "G", "phrases": [
            {"id": "x", "ru": "Я {writer.secret}.", "en": "I."}]}]},
         "t: the phrase 'x' has an unknown slot {writer.secret}"),
        ({"group": [{"name": "g", "title_en": "G", "phrases": [
            {"id": "x", "ru": "А.", "en": "A."}, {"id": "x", "ru": "Б.", "en": "B."}]}]},
         "t: the phrase id 'x' is used twice"),
        ({"group": [{"name": "g", "phrases": []}]}, "t: a phrasebook entry lacks 'title_en'"),
    ],
)  # fmt: skip
def test_a_broken_phrasebook_is_a_data_error(entry, message):
    with pytest.raises(DataError) as err:
        read_phrasebook(entry, "t")
    assert err.value.message == message
