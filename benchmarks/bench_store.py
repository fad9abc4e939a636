"""How fast and how right the store answers, at a million tenures; how fast it ingests.

    python benchmarks/bench_store.py                       # 1,000,000 tenures, 10,000 questions
    python benchmarks/bench_store.py --tenures 100000 --questions 2000 --articles 500

Ingest is measured first (3. below), in a process that has not built the world yet, as
``tenure ingest`` runs in a fresh process.

1. Builds a generated world (``world.py``) of ``--tenures`` tenures straight into a SQLite
   store, through the store's schema, and prints how long that took.
2. Asks ``--questions`` random "who held POST of ORG on DATE" questions (DATE a year, a month
   or a day) through ``tenure.open(...).who`` in-process, and the same questions through a
   plain indexed SQL filter that reads "2017" as 2017-01-01, run twice: through SQLAlchemy and
   through raw ``sqlite3``. The three take turns question by question so that other load on
   the machine falls on all alike. Prints p50/p99 latency of each, the page faults each took
   a question (a connection's first touch of a page of the memory-mapped store; on this
   project's machines about one in ten took 0.1 ms or more) and its p99 over the questions
   that took none, and how many of the plain filter's answers are wrong (a different set of
   people than tenure's) or miss their certainty (tenure says some holder is only possible).
3. Ingests ``--articles`` generated articles (``generate.py``, shaped like ``samples/``) into
   a fresh store end to end (read, extract, store, derive, and close the store: SQLite's last
   checkpoint included) with 1 worker, then 2, then one per core, and prints articles/s,
   articles per CPU-second (this process and its children) and this process's CPU per
   article (it alone writes the store); then the store's share alone (the same articles
   already extracted, written and derived without workers).

Each run works in a folder of its own under ``--out`` (``run-<pid>``, removed at the end
unless ``--keep``), so two runs at once never share a database. Elapsed times include other
load on the machine: the 1-minute load average is printed with each figure.

Targets: ``who`` p99 at most 2x the p99 of the plain filter run through raw ``sqlite3`` (the
stricter baseline: an indexed SQLite filter answers in well under 0.1 ms at this size, and
tenure must be right and nearly as fast; the filter through SQLAlchemy is printed too);
ingest at least 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from generate import ensure
from sqlalchemy import text
from world import build

import tenure.api
from tenure import native

HERE = Path(__file__).resolve().parent
WHO_RATIO_TARGET = 2.0
INGEST_TARGET = 1_000


def load() -> str:
    return f"load {os.getloadavg()[0]:.2f}"


def pad(prefix: str | None) -> str | None:
    """The plain filter's reading of a partial date: its first day."""
    if prefix is None:
        return None
    return {4: f"{prefix}-01-01", 7: f"{prefix}-01"}.get(len(prefix), prefix)


def random_on(rng: random.Random) -> str:
    year = rng.randint(1950, 2025)
    roll = rng.random()
    if roll < 1 / 3:
        return f"{year}"
    if roll < 2 / 3:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


PLAIN = (
    "SELECT p.name FROM bench_plain b "
    "JOIN posts po ON po.id = b.post_id "
    "JOIN organizations o ON o.id = po.org_id "
    "JOIN persons p ON p.id = b.person_id "
    "WHERE o.name = :org AND po.title = :post AND b.start_date <= :on "
    "AND (b.end_date IS NULL OR b.end_date >= :on)"
)


def _faults() -> int:
    """Page faults of this process so far: a connection's first touch of a page of the
    memory-mapped store faults, and a fault is one cause of a slow answer. The count tells
    that cause from the others (the work per question, and on this project's machines a read
    of memory not read for a while, which can stall for 0.1 ms with no fault)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_minflt + usage.ru_majflt


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def bench_who(db_path: Path, questions: list[tuple[str, str]], n: int, seed: int) -> bool:
    rng = random.Random(seed)
    asked = [(*rng.choice(questions), random_on(rng)) for _ in range(n)]
    db = tenure.api.open(db_path)
    with db.store.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS bench_plain")
        conn.exec_driver_sql(
            "CREATE TABLE bench_plain AS SELECT post_id, person_id, "
            "CASE length(start) WHEN 4 THEN start || '-01-01' WHEN 7 THEN start || '-01' "
            "ELSE start END AS start_date, "
            'CASE length("end") WHEN 4 THEN "end" || \'-01-01\' WHEN 7 THEN "end" || \'-01\' '
            'ELSE "end" END AS end_date FROM tenures'
        )
        conn.exec_driver_sql("CREATE INDEX bench_plain_post ON bench_plain (post_id, start_date)")
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS bench_org_name ON organizations (name)")
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS bench_post_title ON posts (org_id, title)")
        conn.exec_driver_sql("ANALYZE")
    plain = text(PLAIN)
    tenure_ms, plain_ms, raw_ms, answers, plain_answers = [], [], [], [], []
    faults: list[list[int]] = [[], [], []]  # page faults of each answer, counted outside its time
    # The plain filters run on connections of their own (their own page caches), and the
    # three take turns going first: whoever reads a page first pays for reading it.
    other = tenure.api.open(db_path)
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA mmap_size=2147418112")  # as the store's own connections read
    with other.store.connect() as conn:
        for org, post, on in asked[:500]:  # warm caches of all three
            db.who(post, org, on)
            conn.execute(plain, {"org": org, "post": post, "on": pad(on)}).all()
            raw.execute(PLAIN, {"org": org, "post": post, "on": pad(on)}).fetchall()
        for i, (org, post, on) in enumerate(asked):
            params = {"org": org, "post": post, "on": pad(on)}
            for turn in range(3):
                which = (i + turn) % 3
                before = _faults()
                t0 = time.perf_counter()
                if which == 0:
                    answers.append(db.who(post, org, on))
                    tenure_ms.append((time.perf_counter() - t0) * 1000)
                elif which == 1:
                    rows = conn.execute(plain, params).all()
                    plain_ms.append((time.perf_counter() - t0) * 1000)
                    plain_answers.append({r[0] for r in rows})
                else:
                    raw.execute(PLAIN, params).fetchall()
                    raw_ms.append((time.perf_counter() - t0) * 1000)
                faults[which].append(_faults() - before)
    raw.close()
    other.close()
    db.close()
    wrong = uncertain = possible_answers = 0
    for answer, found in zip(answers, plain_answers, strict=True):
        truth = {h.tenure.person.name for h in answer.holders}
        has_possible = any(h.certainty == "possible" for h in answer.holders)
        possible_answers += has_possible
        if found != truth:
            wrong += 1
        elif has_possible:
            uncertain += 1
    t50, t99 = percentile(tenure_ms, 0.5), percentile(tenure_ms, 0.99)
    p50, p99 = percentile(plain_ms, 0.5), percentile(plain_ms, 0.99)
    r50, r99 = percentile(raw_ms, 0.5), percentile(raw_ms, 0.99)
    print(f"who, {n:,} random questions (a third each by year, month, day), {load()}:")
    for label, q50, q99, values, faulted in (
        ("tenure.who", t50, t99, tenure_ms, faults[0]),
        ("plain filter, SQLAlchemy", p50, p99, plain_ms, faults[1]),
        ("plain filter, raw sqlite3", r50, r99, raw_ms, faults[2]),
    ):
        untouched = [ms for ms, count in zip(values, faulted, strict=True) if count == 0]
        print(
            f"  {label:25s}  p50 {q50:7.3f} ms   p99 {q99:7.3f} ms   "
            f"mean {statistics.fmean(values):.3f} ms   "
            f"page faults {statistics.fmean(faulted):.2f} a question "
            f"(p99 without one: {percentile(untouched, 0.99) if untouched else 0.0:.3f} ms)"
        )
    print(f"  plain filter wrong (other people than tenure's answer): {wrong:,} ({wrong / n:.1%})")
    print(
        f"  plain filter right people but missing certainty:       {uncertain:,} "
        f"({uncertain / n:.1%})"
    )
    print(
        f"  tenure answers with a merely possible holder:          {possible_answers:,} "
        f"({possible_answers / n:.1%})"
    )
    ratio = t99 / r99 if r99 else float("inf")
    met = ratio <= WHO_RATIO_TARGET
    print(
        f"  p99 ratio tenure/plain filter through raw sqlite3: {ratio:.2f} "
        f"(target <= {WHO_RATIO_TARGET}): {'met' if met else 'MISSED'}; against the filter "
        f"through SQLAlchemy: {t99 / p99 if p99 else float('inf'):.2f}"
    )
    return met


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def bench_ingest(
    out: Path,
    articles: int,
    seed: int,
    corpus: Path | None = None,
    worker_counts: list[int] | None = None,
) -> bool:
    if corpus is not None:
        paths = sorted(corpus.glob("[0-9][0-9][0-9][0-9][0-9][0-9]_*.txt"))[:articles]
        if len(paths) < articles:
            raise SystemExit(f"{corpus}: {len(paths)} articles, fewer than {articles}")
    else:
        paths = ensure(HERE / "out" / "corpus", max(articles, 20_000), seed)[:articles]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    cores = os.cpu_count() or 1
    print(
        f"ingest, {articles:,} generated articles ({megabytes:.1f} MB), end to end "
        f"(read, extract, store, derive, close), {cores} cores:"
    )
    best = 0.0
    for workers in worker_counts or sorted({1, 2, cores}):
        _fresh(out)
        db = tenure.api.open(out)
        cpu, main, t0 = _cpu(), time.process_time(), time.perf_counter()
        report = db.ingest(paths, workers=workers)
        # Closed before the clock stops: what SQLite leaves in its log for later (the last
        # checkpoint) is copied into the file there, and `tenure ingest` waits for it too.
        tenures = db.counts()["tenures"]
        db.close()
        seconds, cpu = time.perf_counter() - t0, _cpu() - cpu
        main = time.process_time() - main
        totals = report.totals()
        rate = articles / seconds
        best = max(best, rate)
        print(
            f"  workers={workers}: {seconds:6.2f} s   {rate:6.0f} articles/s   "
            f"{articles / cpu:5.0f} articles per CPU-second   "
            f"main process {main * 1000 / articles:.2f} ms/article   "
            f"{totals['claims_new']:,} claims   "
            f"{tenures:,} tenures   {totals['articles_failed']} failed   {load()}"
        )
    extracted = [tenure.api.read_article(str(p)) for p in paths]
    _fresh(out)
    db = tenure.api.open(out)
    cpu, t0 = _cpu(), time.perf_counter()
    db._ingest(iter(extracted), len(extracted), None, 0)
    db.close()
    store_seconds, store_cpu = time.perf_counter() - t0, _cpu() - cpu
    _fresh(out)
    print(
        f"  store alone (the same articles already extracted; claims written, whole articles "
        f"per transaction, derived tables built): {store_seconds:6.2f} s   "
        f"{articles / store_seconds:6.0f} articles/s   "
        f"{articles / store_cpu:6.0f} per CPU-second   {load()}"
    )
    met = best >= INGEST_TARGET
    print(f"  end to end target >= {INGEST_TARGET:,} articles/s: {'met' if met else 'MISSED'}")
    store_met = articles / store_seconds >= INGEST_TARGET
    verdict = "met" if store_met else "MISSED"
    print(f"  store alone target >= {INGEST_TARGET:,} articles/s: {verdict}")
    return met


def verdict(met: bool | None) -> str:
    return "not measured" if met is None else "met" if met else "missed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tenures", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--keep", action="store_true", help="keep this run's databases")
    parser.add_argument("--skip-who", action="store_true")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument(
        "--corpus",
        type=Path,
        help="ingest the first --articles articles of this generated corpus (default: make one)",
    )
    parser.add_argument(
        "--workers", type=int, nargs="*", help="worker counts to ingest with (default: 1, 2, cores)"
    )
    args = parser.parse_args(argv)
    run = args.out / f"run-{os.getpid()}"
    run.mkdir(parents=True, exist_ok=False)
    print(f"tenure: {native.describe()}")
    try:
        who_met: bool | None = None
        ingest_met: bool | None = None
        # Ingest first: `tenure ingest` runs in a fresh process, and this one, right after
        # building (1.9 GB written) and questioning the million-tenure world, ingested slower:
        # 239 against 352-396 articles/s with one worker. Three million objects more on the
        # heap change nothing, so it is not that; the cause is not known.
        if not args.skip_ingest:
            ingest_met = bench_ingest(
                run / "ingest.db", args.articles, args.seed, args.corpus, args.workers
            )
        if not args.skip_who:
            print(f"building the world ({load()}) ...", flush=True)
            world = build(run / "world.db", args.tenures, args.seed)
            print(
                f"world: {world.tenures:,} tenures, {world.posts:,} posts, "
                f"{world.organizations:,} organizations, {world.persons:,} persons, built in "
                f"{world.seconds:.1f} s ({world.path})",
                flush=True,
            )
            who_met = bench_who(world.path, world.questions, args.questions, args.seed)
        print(f"targets: who {verdict(who_met)}, ingest {verdict(ingest_met)}")
    finally:
        if not args.keep:
            shutil.rmtree(run, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
