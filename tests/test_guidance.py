"""Letter guidance: rules as data, the checker (with its letter corpus), templates."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from letterkit import guidance
from letterkit.errors import LetterkitError, NotFoundError, TemplateError
from letterkit.guidance import (
    check_text,
    list_templates,
    load_rules,
    make_context,
    plain_text,
    render_template,
    top_rules,
)

CORPUS = Path(__file__).parent / "letters"
CLEAN = sorted((CORPUS / "clean").glob("*.txt"))
PROBLEMS = sorted((CORPUS / "problems").glob("*.txt"))
DATE = dt.date(2026, 11, 25)


def batsenin(**extra) -> dict:
    return make_context(
        first_name="Александр",
        recipient="Баценин Александр Дмитриевич",
        writer_name="Мария Иванова",
        writer_city="Тверь",
        date=DATE,
        **extra,
    )


def findings(text: str, **kwargs) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in check_text(text, **kwargs).findings]


def letter(*body: str) -> str:
    """A letter that is otherwise clean: greeting, the body lines, address, signature."""
    return "\n".join(
        ["Здравствуйте, Александр!", "", *body, "", "Мой адрес — на конверте.", "", "Мария"]
    )


# --------------------------------------------------------------------------------------
# Rules as data


def test_rules_have_both_languages_and_sources():
    rules = load_rules()
    assert len(rules) >= 20
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.summary_ru and rule.summary_en, rule.id
        assert rule.explanation_ru and rule.explanation_en, rule.id
        assert rule.summary("ru") == rule.summary_ru
        assert rule.explanation("en") == rule.explanation_en
        assert rule.sources, rule.id
        for source in rule.sources:
            assert source.title and source.url.startswith("https://"), rule.id
        assert rule.severity in ("info", "warning", "error")
        assert "\n" not in rule.summary_en, rule.id


def test_rule_ids_named_in_the_brief_exist():
    ids = {r.id for r in load_rules()}
    required = {
        "language.non-russian",
        "topic.case",
        "topic.war",
        "topic.politics",
        "topic.lgbt",
        "topic.escape",
        "profanity",
        "structure.greeting",
        "structure.signature",
        "structure.return-address",
        "structure.empty",
        "structure.too-long",
        "template.placeholder",
        "reply.postage-abroad",
        "electronic.zt-fsin",
    }
    assert required <= ids


def test_top_three():
    top = top_rules()
    assert [r.top for r in top] == [1, 2, 3]
    assert [r.id for r in top] == [
        "language.non-russian",
        "topics.avoid",
        "structure.return-address",
    ]
    assert top_rules(1) == top[:1]


def test_rules_are_loaded_once():
    assert load_rules() == load_rules()
    assert guidance._load() is guidance._load()


def test_summary_follows_interface_language():
    from letterkit import i18n

    rule = top_rules(1)[0]
    assert rule.summary() == rule.summary_en
    i18n.set_language("ru")
    try:
        assert rule.summary() == rule.summary_ru
    finally:
        i18n.set_language("en")


def test_reply_postage_rule_cites_its_sources():
    rule = guidance.get_rule("reply.postage-abroad")
    urls = " ".join(s.url for s in rule.sources)
    assert "International_reply_coupon" in urls
    assert "vesna.democrat" in urls


# --------------------------------------------------------------------------------------
# The corpus


def test_corpus_sizes():
    assert len(CLEAN) >= 40
    assert len(PROBLEMS) >= 40
    assert all(p.with_suffix(".json").is_file() for p in PROBLEMS)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_letters_have_no_warnings(path):
    result = check_text(path.read_text(encoding="utf-8"))
    assert [f for f in result.findings if f.severity != "info"] == []
    assert not result.has_problems


@pytest.mark.parametrize("path", PROBLEMS, ids=lambda p: p.name)
def test_problem_letters(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = check_text(
        path.read_text(encoding="utf-8"),
        has_return_address=expected.get("has_return_address", False),
    )
    got = [{"rule": f.rule, "line": f.line, "text": f.text} for f in result.findings]
    assert got == expected["findings"]


def test_problem_corpus_covers_every_check():
    checked = {r.id for r in load_rules() if r.checkable}
    covered = set()
    for path in PROBLEMS:
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        covered |= {f["rule"] for f in expected["findings"]}
    assert checked <= covered


# --------------------------------------------------------------------------------------
# Morphology


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Все говорят о войне.", "topic.war"),
        ("Он был ранен войной.", "topic.war"),
        ("Эта война меня пугает.", "topic.war"),
        ("Брат служит в армии.", "topic.war"),
        ("Сосед сейчас на фронте.", "topic.war"),
        ("Его призвали по мобилизации.", "topic.war"),
        ("Новые санкциями никого не удивишь.", "topic.war"),
        ("Я не верю приговору.", "topic.case"),
        ("Что было на суде?", "topic.case"),
        ("Это решится судом.", "topic.case"),
        ("Вы говорили со следователем?", "topic.case"),
        ("Когда рассмотрят апелляцию?", "topic.case"),
        ("Вас приговорили несправедливо.", "topic.case"),
        ("Его приговорён к сроку.", "topic.case"),
        ("На митинге было много людей.", "topic.politics"),
        ("Оппозиционеры собирались вместе.", "topic.politics"),
        ("Ненавижу эту власть.", "topic.politics"),
        ("Читал статью об ЛГБТ.", "topic.lgbt"),
        ("Думаю про побег.", "topic.escape"),
        ("Пришлите номер карты.", "topic.escape"),
        ("Там продают наркотики.", "topic.escape"),
    ],
)
def test_inflected_forms_are_caught(sentence, rule):
    assert (rule, 3) in findings(letter(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Такая у него судьба.",
        "Судьбой не угадаешь.",
        "Выпил двойной кофе.",
        "В свободное время читаю.",
        "Спокойной ночи!",
        "Следовательно, всё будет хорошо.",
        "Перечитываю «Властелина колец».",
        "Протестировал новую ракетку.",
        "Весной пошли побеги у малины.",
        "Молоко сбежало, пока я писала.",
        "Помыл посуду и купил мандарины.",
        "Видели гейзер и фронтон театра.",
        "Воин из сказки победил дракона.",
        "Сегодня политехнический музей открылся снова.",
    ],
)
def test_false_friends_are_not_flagged(sentence):
    assert findings(letter(sentence)) == []


def test_yo_is_read_as_e_and_case_is_ignored():
    assert ("topic.case", 3) in findings(letter("ПРИГОВОРЁН несправедливо."))


def test_phrase_may_cross_a_line_break():
    assert ("topic.escape", 3) in findings(letter("Могу сделать перевод", "денег, если нужно."))


def test_offending_words_are_reported():
    result = check_text(letter("О войне и армии писать не буду."))
    (finding,) = result.findings
    assert finding.text == "войне, армии"
    assert finding.severity == "warning"


# --------------------------------------------------------------------------------------
# Language and structure


def test_latin_sentence_in_a_russian_line_is_named():
    result = check_text(letter("Как дела? Dear Aleksandr, how are you?"))
    (finding,) = result.findings
    assert finding.rule == "language.non-russian"
    assert finding.line == 3
    assert finding.text == "Dear Aleksandr, how are you?"


def test_transliterated_russian_is_not_russian():
    assert findings(letter("Privet, Александр!")) == [("language.non-russian", 3)]


def test_english_letter_is_reported_once_with_its_share():
    text = "Hello Alex,\n\nHow are you? I am fine.\nI like books.\n\nMy address is below.\n\nMaria"
    result = check_text(text, has_return_address=True)
    lang = [f for f in result.findings if f.rule == "language.non-russian"]
    assert len(lang) == 1
    assert "0%" in lang[0].message


def test_foreign_words_are_warnings():
    result = check_text(letter("Смотрю сериал Breaking Bad."))
    assert [(f.rule, f.severity, f.text) for f in result.findings] == [
        ("language.foreign-words", "warning", "Breaking Bad")
    ]
    assert result.has_problems


def test_latin_signature_is_fine():
    text = "Здравствуйте, Александр!\n\nЯ люблю книги.\n\nМой адрес — на конверте.\n\nMaria Schmidt"
    assert findings(text) == []


def test_return_address_flag():
    text = "Здравствуйте, Александр!\n\nЯ люблю книги.\n\nМария"
    assert findings(text) == [("structure.return-address", 5)]
    assert findings(text, has_return_address=True) == []


def test_signature_after_postscript():
    text = letter("Я люблю книги.").replace("Мария", "P.S. Скоро напишу ещё.\n\nМария")
    assert findings(text) == []


def test_closing_without_name_is_no_signature():
    text = "Здравствуйте, Александр!\n\nЯ люблю книги.\n\nС уважением,"
    assert ("structure.signature", 5) in findings(text, has_return_address=True)


def test_empty_letter_is_an_error():
    result = check_text(" \n\n")
    assert [(f.rule, f.severity) for f in result.findings] == [("structure.empty", "error")]
    assert result.has_problems


def test_too_long():
    paragraph = "Сегодня был тихий день, я гуляла в парке и смотрела на уток у пруда. " * 4
    text = letter(*([paragraph, ""] * 40))
    assert guidance.estimate_pages(text) > 3
    result = check_text(text)
    assert [f.rule for f in result.findings] == ["structure.too-long"]
    short = letter(*([paragraph, ""] * 10))
    assert guidance.estimate_pages(short) < 3
    assert findings(short) == []


@pytest.mark.parametrize("slot", ["{{ hobby }}", "___", "[имя]", "{% if x %}"])
def test_placeholders(slot):
    result = check_text(letter(f"Я люблю {slot}."))
    assert [(f.rule, f.line) for f in result.findings] == [("template.placeholder", 3)]


def test_signature_slot_is_not_a_placeholder():
    text = letter("Я люблю книги.").replace("Мария", "________________")
    assert findings(text) == []


# --------------------------------------------------------------------------------------
# JSON


def test_json_shape():
    result = check_text(letter("Privet! О войне не пишу."))
    data = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert set(data) == {"findings", "summary"}
    assert data["summary"] == {"info": 0, "warning": 2, "error": 0}
    for item in data["findings"]:
        assert set(item) == {"rule", "severity", "line", "text", "message"}
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert item["message"]
    assert [f["rule"] for f in data["findings"]] == ["language.non-russian", "topic.war"]


def test_messages_follow_interface_language():
    from letterkit import i18n

    i18n.set_language("ru")
    try:
        (finding,) = check_text(letter("О войне.")).findings
    finally:
        i18n.set_language("en")
    assert finding.message == guidance.get_rule("topic.war").check["message_ru"]


# --------------------------------------------------------------------------------------
# Templates

SHIPPED = ["first-letter", "reply", "birthday", "new-year", "postcard", "simple"]


def test_list_templates():
    infos = {t.name: t for t in list_templates()}
    assert set(SHIPPED) <= set(infos)
    for name in SHIPPED:
        assert infos[name].title_en and infos[name].gloss_en and infos[name].kind
    assert infos["simple"].fields == ()
    assert infos["simple"].required == ("hobby",)
    assert infos["simple"].field_help == {"hobby": "hobby=music"}


@pytest.mark.parametrize("name", SHIPPED)
def test_templates_render_for_batsenin_and_pass_the_check(name):
    body = render_template(name, batsenin(hobby="читать"))
    assert body.startswith("Здравствуйте, Александр!\n\n")
    assert body.endswith("\nМария Иванова\n")
    assert "\n\n\n" not in body
    assert check_text(body, has_return_address=True).findings == []


CLOSINGS = {
    "first-letter": "Всего Вам доброго!",
    "reply": "Всего Вам доброго!",
    "birthday": "С теплом,",
    "new-year": "С Новым годом!",
    "postcard": "Всего доброго!",
    "simple": "Всего доброго!",
}


@pytest.mark.parametrize("name", SHIPPED)
def test_templates_without_writer_end_with_the_closing_and_no_blank_to_fill(name):
    context = make_context(first_name="Александр", date=DATE, hobby="читать")
    body = render_template(name, context)
    assert body.rstrip().splitlines()[-1] == CLOSINGS[name]
    assert "__" not in body and "Меня зовут" not in body
    # the one finding: no signature (write turns it into the no-return-address warning)
    findings = check_text(body, has_return_address=True).findings
    assert [f.rule for f in findings] == ["structure.signature"]


def test_simple_template_without_its_hobby_names_the_field():
    with pytest.raises(TemplateError) as err:
        render_template("simple", make_context(first_name="Александр", date=DATE))
    assert "'hobby'" in str(err.value)


def test_holiday_templates_write_the_date_in_russian():
    assert "25 ноября 2026 г." in render_template("birthday", batsenin())
    assert "с наступающим Новым 2027 годом" in render_template("new-year", batsenin())
    january = make_context(first_name="Александр", date=dt.date(2027, 1, 3))
    assert "с Новым 2027 годом" in render_template("new-year", january)


def test_date_ru_is_filled_in_from_date():
    body = render_template("birthday", {"first_name": "Александр", "writer_name": "", "date": DATE})
    assert "25 ноября 2026 г." in body


def test_first_letter_greeting():
    assert render_template("first-letter", batsenin()).splitlines()[0] == "Здравствуйте, Александр!"


def test_unknown_template():
    with pytest.raises(NotFoundError) as err:
        render_template("no-such-template", batsenin())
    assert "first-letter" in (err.value.hint or "")


def test_undefined_field_is_named():
    context = batsenin()
    del context["first_name"]
    with pytest.raises(TemplateError) as err:
        render_template("first-letter", context)
    assert "'first_name'" in str(err.value)


def user_template(tmp_path: Path, source: str, name: str = "mine") -> Path:
    (tmp_path / f"{name}.ru.j2").write_text(source, encoding="utf-8")
    return tmp_path


def test_user_template_is_listed_and_rendered(tmp_path):
    user_template(tmp_path, "Здравствуйте, {{ first_name }}!\n\nМария\n")
    assert "mine" in {t.name for t in list_templates([tmp_path])}
    assert render_template("mine", batsenin(), [tmp_path]) == "Здравствуйте, Александр!\n\nМария\n"


def test_user_template_undefined_field_named_with_line(tmp_path):
    user_template(tmp_path, "Здравствуйте!\n\nЯ люблю {{ hobby }}.\n")
    with pytest.raises(TemplateError) as err:
        render_template("mine", batsenin(), [tmp_path])
    message = str(err.value)
    assert "'hobby'" in message and "'mine'" in message and "line 3" in message


def test_syntax_error_names_template_and_line(tmp_path):
    user_template(tmp_path, "Здравствуйте!\n\n{% if first_name %}\nПривет\n{% endfor %}\n")
    with pytest.raises(TemplateError) as err:
        render_template("mine", batsenin(), [tmp_path])
    message = str(err.value)
    assert "'mine'" in message and "line 5" in message


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__ }}",
        "{{ joiner.__init__.__globals__.os }}",
        "{{ range.__self__ }}",
        "{{ first_name.__class__ }}",
        "{{ date.__class__.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ config }}",
        "{{ request.application.__globals__ }}",
        "{{ first_name.format_map }}{{ '{0.__class__}'.format(first_name) }}",
        "{% import 'os' as os %}{{ os.system('id') }}",
        "{% from 'subprocess' import run %}",
        "{% include '/etc/passwd' %}",
        "{% include '../../../../../../etc/passwd' %}",
        "{% extends '/etc/hostname' %}",
        "{{ [].append(1) }}",
    ],
)
def test_sandbox_blocks_escapes(tmp_path, source):
    user_template(tmp_path, f"Здравствуйте!\n{source}\n")
    with pytest.raises(TemplateError):
        render_template("mine", batsenin(), [tmp_path])


def test_template_errors_are_letterkit_errors(tmp_path):
    user_template(tmp_path, "{{ 1 / 0 }}")
    with pytest.raises(LetterkitError) as err:
        render_template("mine", batsenin(), [tmp_path])
    assert isinstance(err.value, TemplateError)


def test_environment_is_built_once():
    render_template("postcard", batsenin())
    render_template("postcard", batsenin())
    assert guidance._environment.cache_info().hits >= 1


def test_guidance_import_is_cheap():
    import subprocess
    import sys

    code = (
        "import sys, letterkit.guidance; "
        "print(any(m in sys.modules for m in ('jinja2', 'babel', 'babel.dates')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------------------
# Plain text for e-letters


def test_plain_text_normalises_and_wraps():
    long = " ".join(["Сегодня был тихий день, я гуляла в парке."] * 6)
    text = f"\ufeffЗдравствуйте,\tАлександр!\r\n\r\n\r\n{long}\r\nещё строка\r\n\r\nВсего доброго!\nМария\n\n"
    out = plain_text(text)
    paragraphs = out.rstrip("\n").split("\n\n")
    assert paragraphs[0] == "Здравствуйте, Александр!"
    assert all(len(line) <= 72 for line in paragraphs[1].split("\n"))
    assert paragraphs[1].replace("\n", " ").endswith("парке. ещё строка")
    assert paragraphs[2] == "Всего доброго!\nМария"
    assert out.endswith("Мария\n") and "\r" not in out


def test_plain_text_without_wrapping():
    text = "Первая строка абзаца,\nи её продолжение, достаточно длинное, чтобы склеить строки.\n"
    assert plain_text(text, width=0) == (
        "Первая строка абзаца, и её продолжение, достаточно длинное, чтобы склеить строки.\n"
    )


def test_plain_text_of_a_template_passes_the_check():
    body = render_template("first-letter", batsenin())
    assert check_text(plain_text(body), has_return_address=True).findings == []


# --------------------------------------------------------------------------------------
# Commands: guide, check, templates


@pytest.fixture
def guide_cli(runner, tmp_path, monkeypatch):
    """The CLI, run in a fresh working directory."""
    from letterkit.cli import make_app

    app = make_app()
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


def test_check_command_json_and_exit_code(guide_cli):
    path = PROBLEMS[0].parent / "p04-war.txt"
    result = guide_cli("check", "--json", str(path))
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["summary"] == {"info": 0, "warning": 2, "error": 0}
    assert [(f["rule"], f["line"], f["text"]) for f in data["findings"]] == [
        ("topic.war", 3, "войне"),
        ("topic.war", 4, "мобилизации, на фронте"),
    ]


def test_check_command_clean_letter(guide_cli):
    result = guide_cli("check", str(CLEAN[0]))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "The check found nothing, but it only knows certain words: reread the letter as the "
        "censor would."
    )


def test_check_command_info_only_exits_0(guide_cli):
    result = guide_cli("check", "--json", str(CLEAN[0].parent / "19-ferry.txt"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"] == {"info": 1, "warning": 0, "error": 0}


def test_check_command_table(guide_cli):
    result = guide_cli("check", str(PROBLEMS[0].parent / "p08-profanity.txt"))
    assert result.exit_code == 3
    assert "profanity" in result.stdout and "0 errors, 1 warnings" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "1 warning: the censor will probably stop this letter — see above."
    )


def test_check_command_missing_file(guide_cli):
    result = guide_cli("check", "no-such-letter.txt")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no-such-letter.txt: no such file")


def test_check_command_reads_stdin_and_cp1251(guide_cli, tmp_path):
    text = (CLEAN[0]).read_text(encoding="utf-8")
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1251"))
    assert guide_cli("check", str(tmp_path / "cp.txt")).exit_code == 0
    assert guide_cli("check", "-", input=text).exit_code == 0


def test_check_command_saved_sender_counts_as_return_address(guide_cli, tmp_path):
    letter_path = PROBLEMS[0].parent / "p11-no-return-address.txt"
    assert guide_cli("check", str(letter_path)).exit_code == 3
    saved = guide_cli("sender", "set", "Иванова Мария; ул. Ленина, д. 1; г. Тверь; 170000")
    assert saved.exit_code == 0, saved.output
    assert guide_cli("check", str(letter_path)).exit_code == 0


def test_guide_command(guide_cli):
    result = guide_cli("guide")
    assert result.exit_code == 0
    for rule in top_rules():
        assert rule.summary_en in result.stdout
    assert "International_reply_coupon" in result.stdout


def test_guide_command_for_a_person(guide_cli):
    result = guide_cli("guide", "batsenin")
    assert result.exit_code == 0, result.output
    assert "Баценину Александру Дмитриевичу, 1995 г. р." in result.stdout
    assert "penal colony" in result.stdout
    assert "ZT" in result.stdout
    assert "Здравствуйте, Александр!" in result.stdout


def test_guide_command_unknown_slug(guide_cli):
    result = guide_cli("guide", "nobody-at-all")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")


def test_templates_command(guide_cli):
    result = guide_cli("templates")
    assert result.exit_code == 0
    for name in SHIPPED:
        assert name in result.stdout


def test_person_guide_facility_types():
    assert guidance.facility_type("ФКУ ИК-1 УФСИН России по Сахалинской области") == "ИК"
    assert guidance.facility_type("ФКУ СИЗО-2 ГУФСИН России по Свердловской области") == "СИЗО"
    assert guidance.facility_type("ФКУ Т-2 УФСИН России по Владимирской области") == "Т"
    assert guidance.facility_type("Управление") is None


def test_foreign_address_block_is_not_a_language_problem():
    text = (
        "Здравствуйте, Александр!\n\nЯ люблю книги.\n\nВсего доброго!\nМария\n\n"
        "Мой адрес:\nMaria Schmidt\nMusterstraße 5\n10115 Berlin\nGERMANY / ГЕРМАНИЯ\n"
    )
    assert findings(text) == []
