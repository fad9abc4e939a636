"""How fast, and in how much memory, ``tenure export`` writes a large store in every format.

    python benchmarks/bench_export.py                          # 100,000 and 1,000,000 tenures
    python benchmarks/bench_export.py --sizes 100000 --formats ftm,csv --jobs 1

1. Builds a generated world of each size with ``world.py`` (written straight into a SQLite
   store through its schema; kept in ``benchmarks/out/`` and reused while ``world.py`` and the
   size are unchanged).
2. Exports it to each format in a fresh subprocess (``--jobs`` at a time) and prints wall time,
   CPU time and memory: the peak of the process's own (anonymous) resident memory, sampled,
   with what the export added over the process with its libraries loaded and the store open;
   and its peak resident size (``ru_maxrss``), which also counts the pages of the database
   file the store maps into memory (``PRAGMA mmap_size``: the kernel's page cache, shared and
   reclaimable, up to the size of the file).
3. Compares the sizes: memory is flat when the export's heap peak at the largest size is about
   its peak at the smallest (the target: less than 1.5x for 10x the tenures).

Outputs are deleted after their size is noted (``--keep`` keeps them).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
FORMATS = ("ftm", "popolo", "csv", "parquet", "gexf", "quickstatements")
FLAT_TARGET = 1.5


def world(size: int, seed: int = 0) -> Path:
    """The store of the generated world of ``size`` tenures, built unless already there.

    It is built in a subprocess: a process's peak memory survives into the processes it
    starts, and the exports' peaks must not include the builder's.
    """
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"export-world-{size}.db"
    stamp = path.with_suffix(".json")
    version = hashlib.sha256((HERE / "world.py").read_bytes()).hexdigest()[:16]
    wanted = {"tenures": size, "seed": seed, "world": version}
    if path.exists() and stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return path
    subprocess.run(
        [sys.executable, __file__, "--build", str(size), str(seed), str(path)], check=True
    )
    stamp.write_text(json.dumps(wanted) + "\n")
    return path


def build_world(size: int, seed: int, path: Path) -> None:
    from world import build

    began = time.perf_counter()
    made = build(path, tenures=size, seed=seed)
    print(
        f"built a world of {made.tenures:,} tenures, {made.persons:,} persons, "
        f"{made.posts:,} posts, {made.organizations:,} organizations "
        f"in {time.perf_counter() - began:.0f} s: {path}",
        flush=True,
    )


class HeapPeak(threading.Thread):
    """The largest anonymous resident memory (``RssAnon``: heap, not the database file) seen.

    The store maps its SQLite file into memory (``PRAGMA mmap_size``), and the pages of it a
    process reads count in its resident size (``ru_maxrss``) though they are the kernel's page
    cache, shared and given back under pressure. What an export itself holds is the rest,
    sampled here every few milliseconds.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = self.now()
        self.done = threading.Event()

    @staticmethod
    def now() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def run(self) -> None:
        while not self.done.wait(0.005):
            self.peak = max(self.peak, self.now())

    def stop(self) -> float:
        self.done.set()
        self.join()
        return max(self.peak, self.now())


def child(format: str, db_path: str, out: str) -> None:
    """Run one export in this process and print its measurements as JSON."""
    import tenure.api
    import tenure.export
    from tenure.export import csv, ftm, gexf, parquet, popolo, quickstatements  # noqa: F401

    database = tenure.api.open(db_path, create=False)
    database.counts()
    heap = HeapPeak()
    base = heap.peak
    heap.start()
    before = resource.getrusage(resource.RUSAGE_SELF)
    began = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        report = tenure.export.export(database, format, out, skipped=devnull)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        json.dumps(
            {
                "format": format,
                "seconds": seconds,
                "cpu": cpu,
                "base_mb": base,
                "peak_mb": heap.stop(),
                "rss_mb": after.ru_maxrss / 1024,
                "rows": sum(report.written.values()),
                "bytes": _size(Path(out)),
            }
        )
    )


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    extra = path.with_name(path.name + ".skipped.tsv")
    return path.stat().st_size + (extra.stat().st_size if extra.exists() else 0)


def measure(format: str, db_path: Path, size: int, keep: bool) -> dict[str, Any]:
    target = (
        OUT / f"export-{size}" / (format if format in ("csv", "parquet") else f"graph.{format}")
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [sys.executable, __file__, "--child", format, str(db_path), str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"export {format} of {size:,} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["size"] = size
    if not keep:
        for path in (target, target.with_name(target.name + ".skipped.tsv")):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="100000,1000000", help="tenures per world")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--jobs", type=int, default=2, help="exports run at once (2)")
    parser.add_argument("--keep", action="store_true", help="keep the exported files")
    parser.add_argument("--child", nargs=3, metavar=("FORMAT", "DB", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--build", nargs=3, metavar=("SIZE", "SEED", "PATH"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.build:
        build_world(int(args.build[0]), int(args.build[1]), Path(args.build[2]))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = [f for f in args.formats.split(",") if f]
    began = time.perf_counter()
    results: list[dict[str, Any]] = []
    for size in sizes:
        db_path = world(size)
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            runs = [pool.submit(measure, f, db_path, size, args.keep) for f in formats]
            for run in runs:
                r = run.result()
                results.append(r)
                print(
                    f"{r['size']:>9,} tenures  {r['format']:<15} {r['seconds']:7.1f} s wall "
                    f"{r['cpu']:7.1f} s cpu  heap {r['peak_mb']:5.0f} MB "
                    f"(+{r['peak_mb'] - r['base_mb']:4.0f} over {r['base_mb']:4.0f}), "
                    f"rss {r['rss_mb']:5.0f} MB  "
                    f"{r['rows']:>10,} rows  {r['bytes'] / 1e6:8.1f} MB written",
                    flush=True,
                )
    flat = True
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        print(f"\nmemory as the store grows {large // small}x ({small:,} -> {large:,} tenures):")
        for format in formats:
            a = next(r for r in results if r["size"] == small and r["format"] == format)
            b = next(r for r in results if r["size"] == large and r["format"] == format)
            ratio = b["peak_mb"] / a["peak_mb"]
            flat &= ratio < FLAT_TARGET
            print(
                f"  {format:<15} heap {a['peak_mb']:5.0f} -> {b['peak_mb']:5.0f} MB "
                f"(x{ratio:.2f}), time {a['seconds']:6.1f} -> {b['seconds']:6.1f} s "
                f"(x{b['seconds'] / a['seconds']:.1f})"
            )
        print(f"flat memory (heap peak < {FLAT_TARGET}x): {'yes' if flat else 'NO'}")
    print(f"total {time.perf_counter() - began:.0f} s")
    return 0 if flat else 1


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
