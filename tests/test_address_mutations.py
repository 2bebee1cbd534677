"""Mutation sample: real published lines changed the ways publishers change them.

A fixed sample of ``scripts/measure_mutations.py``: every base line of
``tests/data/published_lines.jsonl`` and every 10th of Memorial's snapshot
(../shared/data/memopzk-2025-02-22.jsonl, when present), each mutation and the seeded
combinations. A mutation fails the test when more of its mutants are misread (a field
other than the base parse's, not printable, or a word of the line lost) than ``ALLOWED``
says — the misses left, each a class still open; lower the figure when a class is fixed.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _module():
    spec = importlib.util.spec_from_file_location(
        "measure_mutations", ROOT / "scripts" / "measure_mutations.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


MM = _module()

# Misread mutants allowed on the sample, a mutation (0 unless a class is still open).
ALLOWED = {
    "drop-all-commas": 5,
    "unit-after-facility": 1,
    "name-nominative": 1,
    "name-genitive-для": 1,
    "lowercase-facility": 1,
    "combined": 6,
}


@pytest.fixture(scope="module")
def results():
    sample = MM.bases(snapshot=None)
    if MM.SNAPSHOT.exists():
        sample += MM.bases()[::10]
    return MM.run(sample)


@pytest.mark.parametrize("kind", [*MM.MUTATIONS, "combined"])
def test_mutation(results, kind: str) -> None:
    rs = results.get(kind, [])
    assert rs, f"no mutant of {kind}: the harness no longer applies it"
    bad = [r for r in rs if r.diffs or r.lost]
    show = "\n".join(f"{r.text!r} -> {r.diffs} {r.lost}" for r in bad[:5])
    assert len(bad) <= ALLOWED.get(kind, 0), show


def test_harness_sees_a_wrong_field() -> None:
    """A mutant whose expected facility differs from the parse is counted as misread."""
    base = MM.bases(snapshot=None)[0]
    m = MM.mutate(base, ["year-form"], MM.random.Random(1))
    assert m is not None
    assert not MM.check(base, m).diffs
    m.expect["facility"] = "ФКУ ИК-99 УФСИН России по Марсу"
    r = MM.check(base, m)
    assert r.right == r.total - 1
    assert r.diffs and r.diffs[0].startswith("facility:")


def test_unit_mutation_expects_the_unit_on_the_facility_line() -> None:
    base = MM.bases(snapshot=None)[0]
    m = MM.mutate(base, ["unit-after-facility"], MM.random.Random(3))
    assert m is not None
    unit = next(t for role, t in m.pieces if role == "unit")
    assert m.expect["facility"] == f"{base.address.facility}, {unit}"
    assert f", {unit}, " in MM._render(m)
