"""A batch of distinct people: each envelope fitted once, drawn with what was fitted,
and the cyclic garbage collector paused for the batch and restored after it.

No timings (they belong to ``benchmarks/bench.py``): only the structure that makes them.
"""

from __future__ import annotations

import gc

import pytest

from letterkit import batch
from letterkit.batch import run as batch_run
from letterkit.batch.rows import InputRow
from letterkit.models import Sender
from letterkit.render import envelope
from letterkit.render.envelope import EnvelopeRenderer
from pdfutil import lines, page_count

SENDER = Sender.parse("Иванова Мария Петровна; ул. Ленина, д. 1, кв. 2; г. Тверь; 170000")
NAMES = [
    "Талипову Радику Азаматовичу",
    "Кобзеву Вадиму Викторовичу",
    "Скворцову Сергею Васильевичу",
    "Омерову Энверу Ярославовичу",
    "Филатову Андрею Анатольевичу",
]


def _rows() -> list[InputRow]:
    return [
        InputRow(
            "list.txt",
            k + 1,
            address=(
                f"620024, г. Екатеринбург, Елизаветинское шоссе, д. {19 + k}, ФКУ СИЗО-5 "
                f"ГУФСИН России по Свердловской области, {name}, {1960 + k} г. р."
            ),
        )
        for k, name in enumerate(NAMES)
    ]


def _page_names(pdf: bytes) -> list[str]:
    found = []
    for page in range(page_count(pdf)):
        text = " ".join(line for line, _word in lines(pdf, page))
        found.append(next(name for name in NAMES if name in text))
    return found


def test_each_envelope_is_fitted_once_even_past_the_fit_cache(monkeypatch):
    """More distinct people than the fit cache holds: the draw uses the blocks the
    check fitted instead of fitting each one again."""
    monkeypatch.setattr(envelope, "FIT_CACHE_SIZE", 2)
    fitted: list[str] = []
    real = EnvelopeRenderer.fit_recipient

    def counting(self, content):
        fitted.append(content.recipient[0])
        return real(self, content)

    monkeypatch.setattr(EnvelopeRenderer, "fit_recipient", counting)
    built: list[dict] = []
    real_build = batch_run.build_renderers
    monkeypatch.setattr(
        batch_run, "build_renderers", lambda *a: built.append(real_build(*a)) or built[-1]
    )
    result = batch.run_batch(_rows(), batch.BatchJob(sender=SENDER))
    assert len(fitted) == len(NAMES) == len(set(fitted))
    assert result.pages == len(NAMES)
    assert _page_names(result.pdf) == NAMES
    # let go once drawn: the items' blocks and the renderer's cache of them
    assert all(item.fitted is None and item.content is None for item in result.items)
    assert len(built[0]["envelope"]._recipients) == 0


def test_the_pdf_is_the_same_with_a_fit_cache_too_small_for_the_batch(monkeypatch):
    roomy = batch.run_batch(_rows(), batch.BatchJob(sender=SENDER)).pdf
    monkeypatch.setattr(envelope, "FIT_CACHE_SIZE", 1)
    monkeypatch.setattr(envelope, "SEEN_SIZE", 1)
    assert batch.run_batch(_rows(), batch.BatchJob(sender=SENDER)).pdf == roomy


def test_the_collector_is_off_during_a_batch_and_back_after(monkeypatch):
    seen: list[bool] = []
    real = batch_run.prefit

    def recording(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_run, "prefit", recording)
    assert gc.isenabled()
    batch.run_batch(_rows(), batch.BatchJob(sender=SENDER))
    assert seen == [False] and gc.isenabled()
    # also when the batch fails
    bad = [InputRow("list.txt", 1, address="not an address at all")]
    with pytest.raises(batch.NothingToPrint):
        batch.run_batch(bad, batch.BatchJob(sender=SENDER))
    assert gc.isenabled()
    # and a caller that had it off keeps it off
    gc.disable()
    try:
        batch.run_batch(_rows(), batch.BatchJob(sender=SENDER))
        assert not gc.isenabled()
    finally:
        gc.enable()
