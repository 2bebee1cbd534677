"""Robustness sample: real published lines rewritten the ways people rewrite them.

A fast sample of ``scripts/measure_variants.py``: every 8th printable line of Memorial's
snapshot (../shared/data/memopzk-2025-02-22.jsonl), each variant kind; the parts must equal
the original's. The full run reports the rates per kind; here a kind fails when more
than one sampled line of it breaks. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from letterkit.address.parse import parse_address

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/data/memopzk-2025-02-22.jsonl")


def _module():
    spec = importlib.util.spec_from_file_location(
        "measure_variants", ROOT / "scripts" / "measure_variants.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MV = _module()


@pytest.fixture(scope="module")
def sample():
    if not CORPUS.exists():
        pytest.skip("shared corpus not available")
    return list(MV.corpus(CORPUS))[::8]


@pytest.mark.parametrize("kind", sorted(MV.KINDS))
def test_variant_kind(sample, kind: str) -> None:
    total, fails = MV.run(sample, {kind: MV.KINDS[kind]})[kind]
    assert total > 0 or kind in ("spaced-dash", "yo-to-e")
    assert len(fails) <= 1, "\n".join(fails[:5])


SEED = (
    "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная, д. 71, "
    "ФКУ ИК-1 УФСИН России по Сахалинской области, Баценину Александру Дмитриевичу, 1995 г. р."
)


@pytest.mark.parametrize(
    "line",
    [
        # natural order, one part a line, with envelope captions
        (
            "Кому: Баценину Александру Дмитриевичу, 1995 г. р.\n"
            "Куда: ФКУ ИК-1 УФСИН России по Сахалинской области\n"
            "ул. Пограничная, д. 71\nг. Южно-Сахалинск\nСахалинская область\n693008"
        ),
        # full stops, no dots after types, «дом», Russia, a trailing sentence
        (
            "Россия. 693008. Сахалинская обл. г Южно-Сахалинск. ул. Пограничная. дом 71. "
            "ФКУ ИК-1 УФСИН России по Сахалинской области. БАЦЕНИНУ АЛЕКСАНДРУ ДМИТРИЕВИЧУ "
            "(1995 г.р.) Можно написать через ZT."
        ),
        # soft wraps in the middle of the facility and the name
        (
            "693008, Сахалинская область, г. Южно-Сахалинск, ул. Пограничная 71, ФКУ ИК-1 УФСИН "
            "России по\nСахалинской области, Баценину Александру\nДмитриевичу 1995 года рождения"
        ),
    ],
)
def test_rewritten_seed(line: str) -> None:
    want = MV.parts(parse_address(SEED))
    got = MV.parts(parse_address(line))
    for key in ("last", "first", "middle"):
        got[key] = got[key] and got[key].title()
    assert got == want


@pytest.mark.parametrize(
    ("facility", "region"),
    [
        ("ФКУ ИК-6 УФСИН России по Республике Марий Эл", "Республика Марий Эл"),
        (
            "ФКУ СИЗО-1 УФСИН России по Республике Северная Осетия — Алания",
            "Республика Северная Осетия — Алания",
        ),
        ("ФКУ ИК-1 УФСИН России по Кабардино-Балкарской Республике", None),
        ("ФКУ ИК-11 УФСИН России по Ханты-Мансийскому автономному округу — Югре", None),
        ("ФКУ ИК-10 УФСИН России по Еврейской автономной области", None),
        ("ФКУ СИЗО-4 УФСИН России по г. Москве", None),
        ("ФКУ СИЗО-1 УФСИН России по г. Санкт-Петербургу и Ленинградской области", None),
        ("ФКУ ИК-9 УФСИН России по Чувашской Республике — Чувашии", None),
    ],
)
@pytest.mark.parametrize("sep", [", ", " "])
def test_multi_word_region_keeps_facility_whole(facility: str, region: str | None, sep: str):
    """The facility keeps its whole region name, with or without a comma before the person."""
    line = f"ул. Ленина, д. 1, г. Город, {facility}{sep}Иванову Ивану Ивановичу, 1990 г. р."
    a = parse_address(line)
    assert a.facility == facility
    assert a.recipient is not None and a.recipient.last == "Иванов"
    if region:
        assert a.region == region
