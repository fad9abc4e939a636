"""Bounded caches: a plain dict emptied when full, for pure answers worth remembering.

    >>> found: dict[str, int] = {}
    >>> keep(found, "a", 1, 2), keep(found, "b", 2, 2), keep(found, "c", 3, 2)
    (1, 2, 3)
    >>> found
    {'c': 3}

Outside :mod:`tenure.extract` so that what keys names and merges holdings (``who`` among
them) can use it without importing the extractors (a tenth of a second of the command
line's start).
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def keep(found: dict[K, V], key: K, value: V, maxsize: int) -> V:
    """Put ``value`` under ``key`` in a bounded cache, a dict emptied when it holds
    ``maxsize`` entries (first emptying it if so), and give it back: a lookup is then ::

        found = _TABLE.get(key)
        if found is None:
            found = keep(_TABLE, key, read(key), _TABLE_SIZE)
    """
    if len(found) >= maxsize:
        found.clear()
    found[key] = value
    return value
