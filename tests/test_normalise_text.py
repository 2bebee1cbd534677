"""The clean-up before parsing: horizontal space ends up as single plain spaces whatever
else the line holds; a dash glued between words becomes a hyphen, a year glued to a word
gets its space."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from letterkit.address.normalise import normalise_text

ODD_SPACES = " \t\u00a0\u2009\u202f\u3000"
TEXT = st.text(alphabet="аБвгЁё ЖAaxp-–—−‑.,;:г1290«»" + ODD_SPACES + "\n", max_size=40)


@given(TEXT)
def test_horizontal_space_is_single_plain_spaces(line: str) -> None:
    text = normalise_text(line)
    assert "  " not in text
    assert not set(ODD_SPACES[1:]) & set(text)


def test_the_known_cases() -> None:
    assert normalise_text("ул.\u00a0Ленина,\t\tд.  1") == "ул. Ленина, д. 1"
    assert normalise_text("Южно–Сахалинск") == "Южно-Сахалинск"  # glued en dash
    assert normalise_text("Москва – Тверь") == "Москва — Тверь"  # spaced dash
    assert normalise_text("Иванову1990 г. р.") == "Иванову 1990 г. р."
    assert normalise_text("a\u00a0b") == "a b"
    assert normalise_text("word ") == "word "  # one plain space stays as it is
