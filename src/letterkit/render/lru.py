"""A bounded least-recently-used mapping for the renderers' per-batch caches.

A batch of a million distinct people must not keep a million fitted blocks: each cache
keeps its ``size`` most recently used entries and forgets the oldest. A forgotten entry
is only recomputed (the same result), so the bound costs time on very long batches
whose repeats are far apart, never correctness.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")

# Fitted blocks (and their contents) a renderer keeps, most recently used first: far more
# than the distinct people of a real batch, a few MB at most (a fitted block is a few
# hundred bytes of rows).
FIT_CACHE_SIZE = 8_192


class LRU(Generic[V]):
    """At most ``size`` entries; a hit or a store makes the entry the newest."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("an LRU needs room for one entry")
        self.size = size
        self._data: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable, default: V | None = None) -> V | None:
        try:
            value = self._data[key]
        except KeyError:
            return default
        self._data.move_to_end(key)
        return value

    def __setitem__(self, key: Hashable, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.size:
            self._data.popitem(last=False)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def pop(self, key: Hashable) -> V | None:
        return self._data.pop(key, None)

    def __len__(self) -> int:
        return len(self._data)
