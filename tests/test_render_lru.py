"""The renderers' per-batch caches are bounded (render/lru.py): a long batch of distinct
people keeps at most a fixed number of fitted blocks, and forgetting one only means
fitting it again — the PDF stays the same."""

from __future__ import annotations

import pytest

from letterkit.models import Address, Recipient, Sender
from letterkit.render import envelope
from letterkit.render.envelope import CachedEnvelopeRenderer, envelope_content
from letterkit.render.lru import LRU
from letterkit.render.pdf import finish, new_canvas
from pdfutil import lines, page_count

SENDER = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")
SURNAMES = ["Баценину", "Иванову", "Петрову", "Баценину", "Сидорову", "Иванову", "Баценину"]


def test_lru_keeps_the_most_recently_used_entries() -> None:
    cache: LRU[int] = LRU(2)
    cache["a"] = 1
    cache["b"] = 2
    assert cache.get("a") == 1  # "a" is now the newest
    cache["c"] = 3
    assert len(cache) == 2
    assert "b" not in cache
    assert cache.get("a") == 1 and cache.get("c") == 3
    assert cache.get("b", 0) == 0
    assert cache.pop("a") == 1 and "a" not in cache
    with pytest.raises(ValueError):
        LRU(0)


def _address(surname: str) -> Address:
    return Address(
        postcode="693008",
        region="Сахалинская область",
        locality="г. Южно-Сахалинск",
        street="ул. Пограничная",
        house="71",
        facility="ФКУ ИК-1 УФСИН России по Сахалинской области",
        recipient=Recipient(f"{surname} Александру Дмитриевичу", birth_year=1995),
    )


def _batch(surnames: list[str]) -> tuple[bytes, CachedEnvelopeRenderer]:
    renderer = CachedEnvelopeRenderer("DL")
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    for surname in surnames:
        renderer.draw(canvas, envelope_content(_address(surname), SENDER))
        canvas.showPage()
    return finish(canvas, buffer), renderer


def test_a_small_fit_cache_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    roomy, _renderer = _batch(SURNAMES)
    monkeypatch.setattr(envelope, "FIT_CACHE_SIZE", 2)
    tight, renderer = _batch(SURNAMES)
    assert len(renderer._recipients) == 2  # four distinct recipients went through it
    assert tight == roomy
    assert _pages_naming(tight, "Баценину Александру Дмитриевичу") == [0, 3, 6]


def _pages_naming(pdf: bytes, name: str) -> list[int]:
    return [p for p in range(page_count(pdf)) if any(name in line for line, _word in lines(pdf, p))]


def _forms(pdf: bytes) -> int:
    return pdf.count(b"/Subtype /Form")


def _seen_batch(monkeypatch: pytest.MonkeyPatch, seen_size: int) -> bytes:
    monkeypatch.setattr(envelope, "SEEN_SIZE", seen_size)
    renderer = CachedEnvelopeRenderer("DL")
    canvas, buffer = new_canvas(renderer.pagesize, "Envelopes")
    surnames = ["Баценину", "Иванову", "Петрову", "Сидорову", "Кузнецову", "Баценину"]
    for surname in surnames:
        renderer.draw(canvas, envelope_content(_address(surname), SENDER))
        canvas.showPage()
        assert len(envelope._CANVAS_SEEN[canvas]) <= seen_size
    return finish(canvas, buffer)


def test_the_seen_set_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """An envelope seen again becomes a form; one forgotten is drawn inline again."""
    remembered = _seen_batch(monkeypatch, 16_384)
    forgotten = _seen_batch(monkeypatch, 2)
    assert _forms(remembered) == _forms(forgotten) + 1
    for pdf in (remembered, forgotten):
        assert _pages_naming(pdf, "Баценину Александру Дмитриевичу") == [0, 5]
