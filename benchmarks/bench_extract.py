"""How fast tenure reads and extracts articles, on one core.

    python benchmarks/bench_extract.py              # 20,000 generated articles
    python benchmarks/bench_extract.py -n 2000 --profile 500

Three passes over the same generated corpus (see ``generate.py``), one process pinned to one
CPU, files already in the page cache:

1. read the bytes, decode and split into lines: the floor any reader pays;
2. ``read_path``: the plain-text reader, bytes to a Document;
3. ``extract_path``: reading and every extractor, the unit ``tenure extract`` prints;
4. the same with every extraction cache emptied before each article
   (:func:`tenure.extract.memo.clear_caches`): what an article costs when none of its dates,
   names or post titles has been seen before. Generated articles draw their names from small
   pools, so they repeat more than real ones; the truth for a real corpus lies between the
   two figures.

Each prints articles/s, MB/s and per-article latency (p50, p99), from the CPU time spent on
each article (elapsed time is shown beside it, but other load on the machine inflates it). A
pass stops early at ``--budget`` seconds and says so, so a slow extractor cannot hold
``make bench`` for long. The target for the third pass is 2,000 articles/s per core.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from generate import ensure

from tenure import native
from tenure.extract import extract_path
from tenure.extract.memo import clear_caches
from tenure.sources import read_path

TARGET = 2_000
"""Articles per second per core that full extraction should reach."""
HERE = Path(__file__).resolve().parent


@dataclass
class Pass:
    name: str
    articles: int
    seconds: float
    wall: float
    megabytes: float
    p50_ms: float
    p99_ms: float
    complete: bool

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


def split_lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").splitlines()


def measure(
    name: str,
    work: Callable[[Path], object],
    paths: list[Path],
    budget: float,
    before: Callable[[], object] | None = None,
) -> Pass:
    """Run ``work`` on each path in turn, timing each, until done or ``budget`` seconds pass.

    Times are the CPU time of this thread, so other programs sharing the machine do not count
    against tenure; ``wall`` keeps the elapsed time for comparison. ``before`` runs before each
    article, outside the timing.
    """
    latencies: list[int] = []
    size = 0
    began = time.perf_counter()
    deadline = began + budget
    for path in paths:
        if before is not None:
            before()
        start = time.thread_time_ns()
        work(path)
        latencies.append(time.thread_time_ns() - start)
        size += path.stat().st_size
        if time.perf_counter() > deadline:
            break
    seconds = sum(latencies) / 1e9
    wall = time.perf_counter() - began
    ordered = sorted(latencies)

    def percentile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1e6

    return Pass(
        name, len(latencies), seconds, wall, size / 1e6, percentile(0.5), percentile(0.99),
        complete=len(latencies) == len(paths),
    )  # fmt: skip


def pin_to_one_core() -> str:
    """Keep the process on one CPU, where the platform allows it."""
    if not hasattr(os, "sched_setaffinity"):
        return "one process (not pinned: no sched_setaffinity here)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"one process pinned to CPU {cpu}"


def report(passes: list[Pass], budget: float) -> str:
    rows = [
        f"{'pass':<28}{'articles':>10}{'cpu s':>8}{'wall s':>8}{'articles/s':>12}{'MB/s':>8}"
        f"{'p50 ms':>9}{'p99 ms':>9}"
    ]
    for p in passes:
        rows.append(
            f"{p.name:<28}{p.articles:>10,}{p.seconds:>8.2f}{p.wall:>8.2f}{p.per_second:>12,.0f}"
            f"{p.mb_per_second:>8.2f}{p.p50_ms:>9.3f}{p.p99_ms:>9.3f}"
            + ("" if p.complete else f"  (stopped at the {budget:.0f} s budget)")
        )
    extract = next(p for p in passes if p.name.startswith("extract_path"))
    verdict = "met" if extract.per_second >= TARGET else "NOT met"
    rows.append(
        f"extraction: {extract.per_second:,.0f} articles/s per core; "
        f"target {TARGET:,} articles/s: {verdict}"
    )
    return "\n".join(rows)


def profile(paths: list[Path], top: int = 25) -> None:
    """Where extraction spends its time, by own time and by cumulative time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        extract_path(path)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    print(f"\nprofile of extract_path on {len(paths):,} articles, by own time:")
    stats.sort_stats("tottime").print_stats(top)
    print("by cumulative time:")
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reading vs extraction speed, on one core.")
    parser.add_argument("-n", type=int, default=20_000, help="articles to generate (20000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (0)")
    parser.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus")
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds a pass may run at most (120)"
    )
    parser.add_argument("--profile", type=int, metavar="N", help="then profile N articles")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    where = pin_to_one_core()
    began = time.perf_counter()
    paths = ensure(args.corpus, args.n, args.seed)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    print(
        f"corpus: {len(paths):,} articles, {megabytes:.1f} MB in {args.corpus} (seed {args.seed}, "
        f"ready in {time.perf_counter() - began:.1f} s); {where}; {native.describe()}"
    )
    for path in paths:  # into the page cache, so no pass pays for the disk
        path.read_bytes()

    passes = [
        measure("read + split into lines", split_lines, paths, args.budget),
        measure("read_path (Document)", read_path, paths, args.budget),
        measure("extract_path (all facts)", extract_path, paths, args.budget),
        measure("  caches emptied per article", extract_path, paths, args.budget, clear_caches),
    ]
    print(report(passes, args.budget))
    if args.json:
        figures = [{**asdict(p), "articles_per_second": p.per_second} for p in passes]
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    if args.profile:
        profile(paths[: args.profile])
    return 0


if __name__ == "__main__":
    sys.exit(main())
