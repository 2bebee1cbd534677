"""What `letterkit write` loads: a writer's later letters need no dictionary load for
their town (letterkit/memo.py keeps the answers), and the answers kept are the ones the
dictionary gives. No timing here: benchmarks/bench.py measures the start-up."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from letterkit import dates, memo, paths
from letterkit.address import sender
from letterkit.address.morph import decline_place
from letterkit.address.parse import parse_address
from letterkit.address.sender import parse_sender
from letterkit.guidance import writer
from letterkit.models import Sender
from quietmain import run_main_code

SENDER = "Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Москва; 101000"


# What `write` never needs: the web page, `data update`, the spreadsheet readers, previews
# (PNG), the editor, batch printing; each is loaded by the command that uses it. And
# filelock: a writer in Russia keeps no letter log unless asked to, so nothing is locked.
NOT_FOR_WRITE = {
    "filelock",
    "starlette",
    "uvicorn",
    "httpx",
    "selectolax",
    "openpyxl",
    "python_calamine",
    "pypdfium2",
    "tomlkit",
    "letterkit.web",
    "letterkit.update",
    "letterkit.batch",
    "letterkit.preview",
    "letterkit.editor",
}


def _write_in_a_new_process(out_dir, sender: str = SENDER) -> list[str]:
    """Run `letterkit write batsenin` in a fresh interpreter; the modules it loaded."""
    code = (
        "import contextlib, io, json, sys\n"
        "sys.argv = ['letterkit', 'write', 'batsenin', '-d', sys.argv[1], '--force',\n"
        "            '--date', '2026-11-25', '--sender', sys.argv[2]]\n"
        "from letterkit.cli import main\n"
        "code = 0\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(out_dir), sender],
        capture_output=True,
        text=True,
        check=True,
    )
    code, modules = json.loads(out.stdout)
    assert code == 0, out.stderr
    return modules


def _loads_the_dictionary(modules: list[str]) -> bool:
    return any(m.split(".")[0] in ("pymorphy3", "pymorphy3_dicts_ru") for m in modules)


def _loads_babel(modules: list[str]) -> bool:
    return any(m.split(".")[0] == "babel" for m in modules)


def test_the_second_letter_needs_no_dictionary_and_is_the_same(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    modules = _write_in_a_new_process(first)
    # «из Москвы», «из России»; the name «Россия» itself needs no babel
    assert _loads_the_dictionary(modules) and not _loads_babel(modules)
    modules = _write_in_a_new_process(second)
    assert not _loads_the_dictionary(modules) and not _loads_babel(modules)
    assert [m for m in modules if any(m == x or m.startswith(f"{x}.") for x in NOT_FOR_WRITE)] == []
    for name in ("batsenin-letter.pdf", "batsenin-envelope.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    kept = json.loads((paths.user_cache_dir() / "places.json").read_text(encoding="utf-8"))
    assert kept["entries"] == {
        "loct:Москва": "Москве",
        "gent:Москва": "Москвы",
    }


# The address engine: a published line's parser and what only it uses. A known person's
# record is parsed and validated when it is made (a facility record, data/prisoners/), and
# a return address read once is kept (letterkit/address/sender.py).
PARSER = ("letterkit.address.parse", "letterkit.address.classify", "letterkit.address.segments")


def test_a_later_letter_to_a_known_person_needs_no_address_parser(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert set(PARSER) <= set(_write_in_a_new_process(first))  # the return address is read
    assert [m for m in _write_in_a_new_process(second) if m in PARSER] == []
    for name in ("batsenin-letter.pdf", "batsenin-envelope.pdf"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    kept = json.loads((paths.user_cache_dir() / "senders.json").read_text(encoding="utf-8"))
    assert list(kept["entries"].values()) == [
        {
            "first": "Мария",
            "last": "Иванова",
            "middle": "Петровна",
            "gender": "f",
            "locality": "Москва",
            "locality_type": "г.",
            "region": "г. Москва",
            "postcode": "101000",
        }
    ]


def _never_read(line: str):
    raise AssertionError(f"read again: {line}")


def test_kept_parts_are_the_parsers_and_only_for_the_same_lines(monkeypatch):
    lines = Sender.parse(SENDER, "RU").lines
    parsed = parse_sender(lines, "RU", read_line=parse_address)
    assert parse_sender(lines, "RU", read_line=_never_read) == parsed  # kept in memory
    sender._kept().save()
    sender._kept.cache_clear()  # a new run: reads the file
    kept = parse_sender(lines, "RU", read_line=_never_read)
    assert kept == parsed and kept is not parse_sender(lines, "RU", read_line=_never_read)
    other = [*lines[:-1], "101001"]  # another postcode: read, not served the kept parts
    assert parse_sender(other, "RU", read_line=parse_address).postcode == "101001"
    with pytest.raises(AssertionError, match="read again"):
        parse_sender([*lines[:-1], "101002"], "RU", read_line=_never_read)


def test_kept_parts_of_another_version_or_edited_by_hand_are_not_believed():
    lines = Sender.parse(SENDER, "RU").lines
    parsed = parse_sender(lines, "RU", read_line=parse_address)
    sender._kept().save()
    path = paths.user_cache_dir() / "senders.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    (key,) = content["entries"]
    for edited in (
        {"version": "0.0.0|old", "entries": {key: {**parsed.to_json(), "locality": "Лондон"}}},
        {"version": content["version"], "entries": {key: {"locality": 5}}},
        {"version": content["version"], "entries": {key: ["Лондон"]}},
    ):
        path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
        sender._kept.cache_clear()
        assert parse_sender(lines, "RU", read_line=parse_address) == parsed


@pytest.mark.parametrize(
    "name", ["Тверь", "Нижний Новгород", "Набережные Челны", "Сочи", "Кевдо-Вершина", "Германия"]
)
def test_a_kept_declension_is_the_dictionarys(name):
    for case in ("loct", "gent"):
        assert writer._declined(name, case) == decline_place(name, case)  # computed, kept
    writer.keep_answers()
    writer._memo.cache_clear()  # a new run: reads the file
    for case in ("loct", "gent"):
        assert writer._memo().get(f"{case}:{name}", "missing") == decline_place(name, case)
        assert writer._declined(name, case) == decline_place(name, case)


def _view():
    sender = Sender.parse(SENDER, "RU")
    sender.parts = parse_sender(sender.lines, sender.country, read_line=parse_address)
    return writer.writer_view(sender)


def test_a_file_of_another_version_or_edited_by_hand_is_not_believed():
    writer._memo.cache_clear()
    expected = _view()
    writer.keep_answers()
    path = paths.user_cache_dir() / "places.json"
    version = json.loads(path.read_text(encoding="utf-8"))["version"]
    for content in (
        {"version": "0.0.0|old", "entries": {"loct:Москва": "Лондоне", "gent:Москва": "Лондона"}},
        {"version": version, "entries": {"loct:Москва": 5, "gent:Москва": ""}},
        {"version": version, "entries": ["loct:Москва"]},
    ):
        path.write_text(json.dumps(content), encoding="utf-8")
        writer._memo.cache_clear()
        assert _view() == expected
        assert expected.place == "в Москве" and expected.place_from == "из Москвы"
    path.write_text("{not json", encoding="utf-8")
    writer._memo.cache_clear()
    assert _view() == expected


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_a_read_only_cache_directory_costs_only_time():
    folder = paths.user_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o500)
    try:
        writer._memo.cache_clear()
        assert _view().place == "в Москве"
        writer.keep_answers()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_a_full_file_starts_afresh(monkeypatch):
    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    kept = memo.Memo("test", "v1")
    for i in range(5):
        kept.put(f"k{i}", i)
    kept.save()
    assert {k: kept.get(k) for k in ("k3", "k4")} == {"k3": 3, "k4": 4}
    again = memo.Memo("test", "v1")
    assert "k0" not in again and again.get("k4") == 4
    assert memo.Memo("test", "v2").get("k4") is None  # another version: empty


def test_none_is_an_answer_kept_like_any_other():
    calls = []

    def compute():
        calls.append(1)

    kept = memo.Memo("test", "v1")
    assert kept.cached("x", compute, lambda v: v is None) is None
    kept.save()
    assert memo.Memo("test", "v1").cached("x", compute, lambda v: v is None) is None
    assert calls == [1]


def test_the_version_changes_with_the_module_file(tmp_path, monkeypatch):
    module = tmp_path / "memo_probe.py"
    module.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = memo.installed_version("memo_probe", "no_such_module_here")
    assert before.endswith("|no_such_module_here:-")
    module.write_text("X = 22\n", encoding="utf-8")
    assert memo.installed_version("memo_probe", "no_such_module_here") != before


def test_forget_deletes_the_kept_answers(cli):
    assert cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER).exit_code == 0
    assert (paths.user_cache_dir() / "places.json").is_file()
    result = cli("forget", "--yes")
    assert result.exit_code == 0, result.output
    assert str(paths.user_cache_dir()) in result.stdout
    assert not paths.user_cache_dir().exists()


def test_a_guest_keeps_nothing_in_the_cache(cli, monkeypatch):
    monkeypatch.setenv("LETTERKIT_GUEST", "1")
    assert cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER).exit_code == 0
    monkeypatch.delenv("LETTERKIT_GUEST")
    assert list(paths.user_cache_dir().iterdir()) == []


def test_a_cache_that_cannot_be_written_changes_nothing(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("LETTERKIT_CACHE_DIR", str(blocker / "cache"))
    result = cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER)
    assert result.exit_code == 0, result.output
    assert "Error" not in result.stderr and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == ""


def test_a_letter_that_is_not_written_keeps_no_answers(cli):
    (cli.cwd / "batsenin-letter.pdf").write_bytes(b"mine")
    result = cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER)
    assert result.exit_code == 1
    assert not (paths.user_cache_dir() / "places.json").exists()


@pytest.mark.parametrize("year", [1, 5, 999, 1995, 2026, 9999])
def test_russian_dates_are_cldrs(year):
    from babel.dates import format_date

    for month in range(1, 13):
        for day in (1, 9, 10, 28):
            date = dt.date(year, month, day)
            cldr = format_date(date, format="long", locale="ru").replace("\u202f", " ")
            assert dates.russian_date(date) == cldr
            assert dates.russian_day_month(date) == format_date(date, "d MMMM", locale="ru")
            assert dates.russian_day_month(date, with_year=True) == cldr


def _inverted(forms):
    inverse: dict[str, set[str]] = {}
    for lemma, words in forms.items():
        for word in words.split():
            inverse.setdefault(word, set()).add(lemma)
    return {word: frozenset(lemmas) for word, lemmas in inverse.items()}


def test_the_form_index_is_the_inverted_file():
    from letterkit.guidance import terms
    from letterkit.resources import data_dir

    shipped = json.loads((data_dir() / terms.LEMMA_FORMS).read_text(encoding="utf-8"))["forms"]
    small = {"мир": "мир мира миру", "мира": "мира миры", "мирный": "мирный мирного"}
    for forms in (shipped, small, {}):
        index = terms.FormIndex(forms)
        assert dict(index.items()) == _inverted(forms)
        assert index.get("нет-такого-слова", frozenset()) == frozenset()
    assert terms.FormIndex(small)["мира"] == {"мир", "мира"}


def test_write_runs_with_the_collector_paused_and_restores_it(cli, monkeypatch):
    import gc

    from letterkit import writing

    seen: list[bool] = []
    real = writing.plan_letter

    def recording(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(writing, "plan_letter", recording)
    assert gc.isenabled()
    assert cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER).exit_code == 0
    assert seen == [False] and gc.isenabled()
    # also when the command fails (the letter exists, no --force)
    assert cli("write", "batsenin", "--date", "2026-11-25", "--sender", SENDER).exit_code == 1
    assert seen == [False, False] and gc.isenabled()


def test_russias_own_name_is_cldrs_and_declined_as_the_dictionary_declines_it():
    from babel import Locale

    assert writer.country_ru("RU") == Locale("ru").territories["RU"] == "Россия"
    assert writer.country_ru("DE") == Locale("ru").territories["DE"]  # abroad: babel's
    loct, gent = decline_place("Россия", "loct"), decline_place("Россия", "gent")
    assert (f"в {loct}", f"из {gent}", gent) == writer.HOME_PHRASES


def test_a_village_letter_from_russia_needs_neither_dictionary(tmp_path):
    village = "Иванова Мария Петровна; ул. Ленина, д. 1; с. Кевдо-Вершина; Пензенская обл.; 442564"
    modules = _write_in_a_new_process(tmp_path, village)
    assert not _loads_the_dictionary(modules) and not _loads_babel(modules)


def test_a_frozen_pause_keeps_what_it_made_out_of_the_collectors_reach():
    import gc

    from letterkit.collector import collector_paused

    before = gc.get_freeze_count()
    try:
        with collector_paused(freeze=True):
            made = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(made)
    finally:
        gc.unfreeze()
    with collector_paused():  # the default: nothing frozen
        made = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_finished_run_leaves_its_objects_out_of_the_exit_collection():
    code = run_main_code(["--help"]) + (
        "import gc\nprint(gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_a_toml_file_kept_as_json_is_the_same_and_follows_the_file(tmp_path, monkeypatch):
    import tomllib

    from letterkit.resources import data_dir

    shipped = data_dir() / "topics.toml"
    expected = tomllib.loads(shipped.read_text(encoding="utf-8"))
    assert memo.toml_data(shipped) == expected  # parsed, kept
    real_loads = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", _never_read)
    assert memo.toml_data(shipped) == expected  # read from the cache
    mine = tmp_path / "mine.toml"
    mine.write_text("a = 1\n", encoding="utf-8")
    monkeypatch.setattr(tomllib, "loads", real_loads)
    assert memo.toml_data(mine) == {"a": 1}
    mine.write_text("a = 2\n", encoding="utf-8")  # edited: parsed anew
    assert memo.toml_data(mine) == {"a": 2}
    dated = tmp_path / "dated.toml"
    dated.write_text("day = 2026-12-01\n", encoding="utf-8")
    assert memo.toml_data(dated) == {"day": dt.date(2026, 12, 1)}
    assert not (paths.user_cache_dir() / "toml-dated.json").exists()  # JSON has no dates
    mine.write_bytes(b"a = '\xff'\n")
    with pytest.raises(UnicodeDecodeError):
        memo.toml_data(mine)
