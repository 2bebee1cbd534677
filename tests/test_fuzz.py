"""Fuzzing: arbitrary text gives a result or a LetterkitError, never anything else.

The address parser, the letter checker and the batch input readers get mixed scripts,
control characters and long strings (up to 30 000 characters: three times the longest letter
in tests/letters/, p13-too-long.txt, and long enough for any backtracking to show; the work is linear
beyond that, and which lengths Hypothesis picks varies with its version — at 100 KB the
suite's run on the lowest allowed Hypothesis took minutes more). The full ``write`` pipeline,
which lays the text out with reportlab, gets letters of realistic shape instead (words
up to 40 characters, lines up to 2 000, about 20 KB at most): what it costs to lay out
pathological text is a benchmark question, not a pass/fail one. No test here has a
deadline; the Hypothesis profile (``conftest.py``) fixes the examples and bounds them.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letterkit.address.english import english_line
from letterkit.address.format import address_json, envelope_lines
from letterkit.errors import LetterkitError

ALPHABET = st.one_of(
    st.characters(min_codepoint=0x400, max_codepoint=0x4FF),  # Cyrillic
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.sampled_from(list("\x00\x01\x07\x0b\x0c\x1b\x7f\u200b\u200e\u202e\ufeff\t\r\n ,.;«»—№")),
    st.characters(codec="utf-8"),  # anything, incl. other scripts and emoji
)
ADDRESS_BITS = st.sampled_from(
    [
        "693008",
        "Сахалинская область",
        "г. Южно-Сахалинск",
        "ул. Пограничная",
        "д. 71",
        "ФКУ ИК-1 УФСИН России по Сахалинской области",
        "Баценину Александру Дмитриевичу",
        "1995 г. р.",
        "а/я 12",
        "корп. 2",
        "г. Москва",
        "ФКУ СИЗО-1",
        "Республика Марий Эл",
    ]
)
TEXT = st.text(ALPHABET, max_size=300)
ADDRESSY = st.lists(st.one_of(ADDRESS_BITS, TEXT), max_size=12).map(", ".join)


LONG_TEXT_MAX = 30_000


@st.composite
def long_text(draw: st.DrawFn) -> str:
    """Up to 30 000 characters: a short random piece repeated, sometimes with noise in
    between."""
    piece = draw(st.one_of(TEXT, ADDRESSY).filter(bool))
    target = draw(st.integers(min_value=1_000, max_value=LONG_TEXT_MAX))
    text = (piece * (target // len(piece) + 1))[:target]
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut] + draw(TEXT) + text[cut:]
    return text


ANY_TEXT = st.one_of(TEXT, ADDRESSY, long_text())
FUZZ = settings(max_examples=60)

# A letter as people write them, with the same hostile characters inside: words of at
# most 40 characters, lines of at most 2 000, paragraphs split by blank lines.
WORD = st.text(ALPHABET.filter(lambda c: not c.isspace()), min_size=1, max_size=40)
LINE = st.lists(WORD, max_size=50).map(" ".join)
LETTER = st.lists(st.lists(LINE, min_size=1, max_size=8).map("\n".join), max_size=12).map(
    "\n\n".join
)


@FUZZ
@given(ANY_TEXT)
def test_address_parser(text: str) -> None:
    from letterkit.address.parse import parse_address
    from letterkit.models import Address

    try:
        address = parse_address(text)
    except LetterkitError:
        return
    assert isinstance(address, Address)
    assert isinstance(address.printable, bool)
    # the rest of the pipeline must cope with whatever the parser returned
    envelope_lines(address)
    english_line(address)
    address_json(address)


@FUZZ
@given(ANY_TEXT)
def test_letter_checker(text: str) -> None:
    from letterkit.guidance import CheckResult, check_text

    try:
        result = check_text(text, has_return_address=True)
    except LetterkitError:
        return
    assert isinstance(result, CheckResult)
    result.to_json()


@FUZZ
@given(ANY_TEXT)
def test_plain_text_for_e_letters(text: str) -> None:
    from letterkit.guidance import plain_text

    assert isinstance(plain_text(text), str)


def _read(suffix: str, data: bytes):
    from letterkit.batch import read_input

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"people{suffix}"
        path.write_bytes(data)
        try:
            rows = read_input(path)
        except LetterkitError:
            return None
    assert isinstance(rows, list)
    return rows


CSV_ROWS = st.lists(
    st.lists(st.one_of(ADDRESS_BITS, TEXT, st.just("batsenin")), max_size=5), max_size=20
)
HEADERS = st.lists(
    st.sampled_from(["slug", "address", "адрес", "name", "count", "sender", "x", ""]),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(HEADERS, CSV_ROWS, st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "cp1251"]))
def test_csv_reader(header: list[str], rows: list[list[str]], sep: str, encoding: str) -> None:
    text = "\n".join(sep.join(r) for r in [header, *rows])
    data = text.encode(encoding, errors="replace")
    _read(".csv", data)


@FUZZ
@given(st.one_of(ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()))
def test_csv_reader_raw(data: bytes) -> None:
    _read(".csv", data)


@FUZZ
@given(st.one_of(ANY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary()))
def test_text_and_jsonl_readers(data: bytes) -> None:
    _read(".txt", data)
    _read(".jsonl", data)


@settings(max_examples=30)
@given(st.binary(max_size=2000))
def test_xlsx_reader(data: bytes) -> None:
    _read(".xlsx", b"PK\x03\x04" + data)


@pytest.fixture(scope="module")
def batsenin_target():
    """The target, resolved once, with one letter made first: fonts, reportlab and the
    store load here, outside the examples."""
    from letterkit import writing
    from letterkit.store import Store
    from letterkit.targets import resolve_target

    target = resolve_target("batsenin", Store())
    writing.plan_letter(target, "Здравствуйте!", sender=None, date=dt.date(2026, 11, 25))
    return target


@settings(max_examples=25)
@given(text=st.one_of(LETTER, TEXT))
def test_letter_plan(batsenin_target, text: str) -> None:
    """The whole ``write`` pipeline (check, envelope, letter PDF) on arbitrary letters."""
    from letterkit import writing

    try:
        plan = writing.plan_letter(batsenin_target, text, sender=None, date=dt.date(2026, 11, 25))
    except LetterkitError:
        return
    assert plan.letter_pdf and plan.letter_pdf.startswith(b"%PDF")
