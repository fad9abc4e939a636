"""Work fanned out to forked processes: results in order, failures reported, workers reaped."""

from __future__ import annotations

import gc
import os
import signal
import time

import pytest

from tenure import fanout
from tests.conftest import descendants

pytestmark = pytest.mark.skipif(not fanout.can_fork(), reason="the platform cannot fork")


def _lengths(task: list[str]) -> list[tuple[str, int, int]]:
    return [(name, len(name), os.getpid()) for name in task]


def _failed(task: list[str], why: str) -> list[tuple[str, int, int]]:
    return [(name, -1, 0) for name in task]


@pytest.mark.parametrize("workers", [1, 2, 3, 7])
@pytest.mark.parametrize("count", [0, 1, 8, 9, 100])
def test_results_come_in_the_files_order(workers: int, count: int) -> None:
    files = [f"file-{i:03d}" + "x" * (i % 5) for i in range(count)]
    before = set(descendants(os.getpid()))
    results = list(fanout.in_order(_lengths, files, workers, _failed, per_task=3))
    assert [(name, size) for name, size, _ in results] == [(f, len(f)) for f in files]
    assert os.getpid() not in {pid for _, _, pid in results}  # read by workers, not here
    assert len({pid for _, _, pid in results}) == min(workers, (count + 2) // 3)
    assert set(descendants(os.getpid())) == before


def _dies_on_poison(task: list[str]) -> list[tuple[str, int, int]]:
    if "poison" in task:
        os.kill(os.getpid(), signal.SIGKILL)
    return _lengths(task)


def test_a_killed_worker_costs_its_remaining_tasks_and_the_others_go_on() -> None:
    files = [f"f{i}" for i in range(12)]
    files[4] = "poison"  # task 2 (files 4-5), worker 0 of 2: its tasks 2, 4 are lost
    reasons: list[str] = []

    def failed(task: list[str], why: str) -> list[tuple[str, int, int]]:
        reasons.append(why)
        return _failed(task, why)

    results = list(fanout.in_order(_dies_on_poison, files, 2, failed, per_task=2))
    assert [name for name, _, _ in results] == files
    lost = [name for name, size, _ in results if size == -1]
    assert lost == ["poison", "f5", "f8", "f9"]
    assert reasons and all("killed (SIGKILL)" in why for why in reasons)


def _raises_on_bad(task: list[str]) -> list[tuple[str, int, int]]:
    if "bad" in task:
        raise ValueError("cannot read")
    return _lengths(task)


def test_a_task_that_raises_is_reported_and_its_worker_goes_on() -> None:
    files = ["a", "bad", "c", "d", "e", "f"]
    reasons: list[str] = []

    def failed(task: list[str], why: str) -> list[tuple[str, int, int]]:
        reasons.append(why)
        return _failed(task, why)

    results = list(fanout.in_order(_raises_on_bad, files, 2, failed, per_task=1))
    assert [size for _, size, _ in results] == [1, -1, 1, 1, 1, 1]
    assert reasons == ["worker failed: ValueError('cannot read')"]


def _slow(task: list[str]) -> list[tuple[str, int, int]]:
    time.sleep(0.05)
    return _lengths(task)


def test_stopping_early_stops_and_reaps_every_worker() -> None:
    before = set(descendants(os.getpid()))
    results = fanout.in_order(_slow, [f"f{i}" for i in range(400)], 2, _failed, per_task=1)
    assert next(results)[0] == "f0"
    results.close()
    assert set(descendants(os.getpid())) == before


def test_a_worker_ignores_ctrl_c_which_is_the_readers_to_handle() -> None:
    results = fanout.in_order(_slow, [f"f{i}" for i in range(20)], 2, _failed, per_task=1)
    first = next(results)
    os.kill(first[2], signal.SIGINT)
    assert [size for _, size, _ in results] == [2] * 9 + [3] * 10


def _cycles(task: list[str]) -> list[tuple[str, int, int]]:
    """Leaves 1,000 objects in cycles behind; reports how many objects the worker tracks."""
    for _ in range(500):
        a: list[object] = []
        b: list[object] = [a]
        a.append(b)
    return [(name, len(gc.get_objects()), os.getpid()) for name in task]


def test_a_worker_collects_the_cycles_it_leaves_even_with_the_collector_paused() -> None:
    enabled = gc.isenabled()
    gc.disable()  # as the writer forks its workers
    try:
        files = [f"f{i}" for i in range(200)]
        kept = list(fanout.in_order(_cycles, files, 1, _failed, per_task=1, collect_every=10))
        never = list(fanout.in_order(_cycles, files, 1, _failed, per_task=1, collect_every=1000))
    finally:
        if enabled:
            gc.enable()
    assert kept[-1][1] < never[-1][1] - 150 * 1000  # 190 tasks' cycles less
