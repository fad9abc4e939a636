"""The extraction caches: seen, emptied, and never changing what is extracted."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from tenure.extract import extract_path
from tenure.extract.memo import cache_stats, clear_caches
from tests.conftest import SAMPLES


def test_caches_fill_and_empty() -> None:
    clear_caches()
    extract_path(SAMPLES / "Office_of_the_National_Security_Commission.txt")
    stats = cache_stats()
    assert "tenure.extract.dates._READINGS" in stats
    assert "tenure.extract.names.split_post" in stats
    assert all(info.maxsize for info in stats.values()), "every cache is bounded"
    assert sum(info.currsize for info in stats.values()) > 0
    clear_caches()
    assert sum(info.currsize for info in cache_stats().values()) == 0


def _json(path: Path) -> str:
    return json.dumps(asdict(extract_path(path)), sort_keys=True, default=str)


def test_extraction_is_the_same_with_warm_or_cold_caches() -> None:
    paths = sorted(SAMPLES.glob("*.txt"))
    cold = []
    for path in paths:
        clear_caches()
        cold.append(_json(path))
    warm = [_json(path) for path in paths]  # each after all the others were read
    backwards = [_json(path) for path in reversed(paths)]
    assert warm == cold
    assert backwards[::-1] == cold
