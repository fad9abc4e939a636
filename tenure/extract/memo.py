"""The extractors' memo caches: what they hold, and a way to empty them.

Extraction memoizes pure readings of short strings that recur across articles (a date such
as "March 2014", a post title, a person's name, an infobox key) in bounded
:func:`functools.lru_cache` caches. They never hold whole lines, sentences or articles, so
what they keep is small and their results never depend on which article came first.

    >>> from tenure.extract import extract_path
    >>> from tenure.extract.memo import cache_stats, clear_caches
    >>> _ = extract_path("samples/Office_of_the_National_Security_Commission.txt")
    >>> sum(stats.currsize for stats in cache_stats().values()) > 0
    True
    >>> clear_caches()
    >>> sum(stats.currsize for stats in cache_stats().values())
    0

Use :func:`clear_caches` to measure extraction as if no string had been seen before
(``benchmarks/bench_extract.py`` does, for its "cold" pass), or to give memory back in a
long-running process.
"""

from __future__ import annotations

import functools
import sys
from types import ModuleType
from typing import Any, Final, NamedTuple, TypeVar

PACKAGES: Final = ("tenure.extract.", "tenure.sources.")
"""Modules whose caches these functions see."""


K = TypeVar("K")
V = TypeVar("V")


class CacheInfo(NamedTuple):
    hits: int | None
    """None for a table registered with :func:`table` (it does not count)."""
    misses: int | None
    maxsize: int | None
    currsize: int


_TABLES: dict[str, tuple[dict[Any, Any], int]] = {}


def table(name: str, maxsize: int) -> dict[Any, Any]:
    """A plain dict a module uses as a cache (emptying it itself past ``maxsize`` entries),
    registered under ``name`` so that :func:`cache_stats` and :func:`clear_caches` see it.

    For the hottest lookups, where an :func:`functools.lru_cache` call costs more than the
    work it saves::

        _READINGS: dict[str, DateRange | None] = memo.table("tenure.extract.dates._READINGS", 4096)
    """
    found: dict[Any, Any] = {}
    _TABLES[name] = (found, maxsize)
    return found


def keep(found: dict[K, V], key: K, value: V, maxsize: int) -> V:
    """Put ``value`` under ``key`` in a bounded cache, a :func:`table` or any dict emptied
    when it holds ``maxsize`` entries (first emptying it if so), and give it back: a lookup is
    then ::

        found = _TABLE.get(key)
        if found is None:
            found = memo.keep(_TABLE, key, read(key), _TABLE_SIZE)
    """
    if len(found) >= maxsize:
        found.clear()
    found[key] = value
    return value


def _caches() -> dict[str, Any]:
    """Every cache once, named by the function it memoizes (or the object holding it)."""
    found: dict[int, tuple[str, Any]] = {}
    for name, module in sorted(sys.modules.items()):
        if module is None or not name.startswith(PACKAGES):
            continue
        for attribute, value in vars(module).items():
            if isinstance(value, functools._lru_cache_wrapper):
                owner = getattr(value, "__module__", "") or ""
                if owner.startswith(PACKAGES):
                    found.setdefault(id(value), (f"{owner}.{value.__qualname__}", value))
            elif not isinstance(value, (type, ModuleType)):
                # an object built once per module (a gate, a table) may memoize in its fields
                for field, member in _fields(value).items():
                    if isinstance(member, functools._lru_cache_wrapper):
                        found.setdefault(id(member), (f"{name}.{attribute}.{field}", member))
    return dict(found.values())


def _fields(value: object) -> dict[str, Any]:
    """An object's fields: its ``__dict__``, or for an instance of a class compiled by mypyc
    (see :mod:`tenure.native`), which keeps them in slots, those its class lists."""
    fields: Any = getattr(value, "__dict__", None)  # Any: a mappingproxy for some objects
    if fields is not None:
        return {name: member for name, member in fields.items()}
    names: tuple[str, ...] = getattr(type(value), "__mypyc_attrs__", ())
    return {name: getattr(value, name) for name in names if hasattr(value, name)}


def cache_stats() -> dict[str, CacheInfo]:
    """Hits, misses and size of every extraction cache, by the function's dotted name."""
    stats = {name: CacheInfo(*cache.cache_info()) for name, cache in _caches().items()}
    for name, (found, maxsize) in _TABLES.items():
        stats[name] = CacheInfo(None, None, maxsize, len(found))
    return dict(sorted(stats.items()))


def clear_caches() -> None:
    """Empty every extraction cache."""
    for cache in _caches().values():
        cache.cache_clear()
    for found, _ in _TABLES.values():
        found.clear()
