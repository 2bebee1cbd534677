"""Interface in Russian and English: gettext catalogues, every --help in both.

If a test here fails after you added or changed an interface string, run
``python scripts/i18n.py``, translate the new entries in
``src/letterkit/locale/ru/LC_MESSAGES/letterkit.po``, and run it again.
"""

from __future__ import annotations

import gettext
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from babel.messages.pofile import read_po
from typer.testing import CliRunner

import letterkit
from letterkit import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = Path(letterkit.__file__).parent / "locale"
POT = LOCALE / "letterkit.pot"
HINT = "run: python scripts/i18n.py, translate the new entries in the ru .po, run it again"
CYRILLIC = re.compile("[а-яё]", re.I)
# Options typer adds itself: their help is English inside typer and translated only when
# printed (letterkit.cli.typer_i18n); tests/test_i18n_help.py checks the printed --help.
TYPER_OWN = {"install_completion", "show_completion", "help"}


def _load_script():
    spec = importlib.util.spec_from_file_location("letterkit_i18n_script", ROOT / "scripts/i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _catalog(path: Path, locale: str | None = None):
    with path.open("rb") as fh:
        return read_po(fh, locale=locale, domain="letterkit")


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.set_language("en")


# -- the catalogues ------------------------------------------------------------------


def test_pot_is_up_to_date_with_the_source() -> None:
    extracted = _ids(_load_script().extract())
    in_pot = _ids(_catalog(POT))
    new, gone = sorted(map(str, extracted - in_pot)), sorted(map(str, in_pot - extracted))
    assert new == [], f"strings missing from letterkit.pot: {HINT}"
    assert gone == [], f"letterkit.pot has strings no longer used: {HINT}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_msgid_is_in_the_catalogue(lang: str) -> None:
    po = _catalog(LOCALE / lang / "LC_MESSAGES" / "letterkit.po", lang)
    assert _ids(_catalog(POT)) - _ids(po) == set(), HINT


def test_every_msgid_has_a_russian_translation() -> None:
    po = _catalog(LOCALE / "ru" / "LC_MESSAGES" / "letterkit.po", "ru")
    untranslated = []
    for msgid in _ids(_catalog(POT)):
        message = po.get(msgid)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all((s or "").strip() for s in strings):
            untranslated.append(msgid)
        if isinstance(msgid, tuple):
            assert len(strings) == 3, f"{msgid}: Russian needs three plural forms"
    assert sorted(map(str, untranslated)) == [], f"{len(untranslated)} untranslated: {HINT}"


def test_placeholders_are_kept() -> None:
    po = _catalog(LOCALE / "ru" / "LC_MESSAGES" / "letterkit.po", "ru")
    assert _load_script().placeholder_errors(po) == []


def test_compiled_catalogue_matches_the_po() -> None:
    """The shipped .mo holds exactly the .po's translations (rebuilt after the last edit)."""
    po = _catalog(LOCALE / "ru" / "LC_MESSAGES" / "letterkit.po", "ru")
    with (LOCALE / "ru" / "LC_MESSAGES" / "letterkit.mo").open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    for message in po:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            for n, form in ((1, 0), (3, 1), (5, 2)):
                assert mo.ngettext(singular, plural, n) == message.string[form], HINT
        else:
            assert mo.gettext(message.id) == message.string, HINT


def test_russian_is_active() -> None:
    assert i18n.set_language("ru") == "ru"
    assert i18n._("Saved your return address:") == "Обратный адрес сохранён:"
    assert i18n.ngettext(
        "Deleted {n} entry from the letter log.", "Deleted {n} entries from the letter log.", 3
    ) == ("Из журнала писем удалены {n} записи.")
    assert i18n.set_language("en") == "en"
    assert i18n._("Saved your return address:") == "Saved your return address:"


# -- every command's --help in both languages -----------------------------------------


def _app(lang: str) -> typer.Typer:
    from letterkit.cli import make_app

    i18n.set_language(lang)
    return make_app()


def _walk(command, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _walk(sub, (*path, name))


def _help_texts(lang: str) -> dict[tuple[str, ...], dict[str, str]]:
    """Per command path: its help and each parameter's help (typer's own options left out)."""
    root = typer.main.get_command(_app(lang))
    out = {}
    for path, command in _walk(root):
        texts = {"": command.help or ""}
        for param in command.params:
            if param.name not in TYPER_OWN and getattr(param, "help", None):
                texts[param.name] = param.help
        out[path] = texts
    return out


def _command_paths() -> list[tuple[str, ...]]:
    paths = list(_help_texts("en"))
    i18n.set_language("en")
    return paths


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_every_help_text_is_translated() -> None:
    english = _help_texts("en")
    russian = _help_texts("ru")
    assert english.keys() == russian.keys()
    ru = gettext.translation("letterkit", str(LOCALE), languages=["ru"])
    problems = []
    for path, texts in english.items():
        for name, en_text in texts.items():
            ru_text = russian[path][name]
            where = f"letterkit {' '.join(path)} {name or '(command help)'}"
            if not en_text:
                problems.append(f"{where}: no help text")
            elif ru_text == en_text or not CYRILLIC.search(ru_text):
                problems.append(f"{where}: not translated: {en_text!r}")
            elif ru.gettext(en_text) != ru_text:
                problems.append(f"{where}: help not passed through _()")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "letterkit")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_help_runs(lang: str, path: tuple[str, ...]) -> None:
    app = _app(lang)
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    output = _norm(result.stdout)
    help_text = _norm(command.help or "")
    # The command's own help (its first words: click may cut it short) is shown…
    assert help_text[:40] in output
    if lang == "ru":
        assert CYRILLIC.search(help_text)
    else:  # …and the English help has no Russian sentences (names like ФСИН-письмо aside)
        assert not re.search(r"[а-яё]{3,} [а-яё]{3,}", output, re.I), output
