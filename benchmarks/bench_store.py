"""How fast and how right the store answers, at a million tenures; how fast it ingests.

    python benchmarks/bench_store.py                       # 1,000,000 tenures, 10,000 questions
    python benchmarks/bench_store.py --tenures 100000 --questions 2000 --articles 500

1. Builds a generated world (``world.py``) of ``--tenures`` tenures straight into a SQLite
   store, through the store's schema.
2. Asks ``--questions`` random "who held POST of ORG on DATE" questions (DATE a year, a month
   or a day) through ``tenure.open(...).who`` in-process, and the same questions through a
   plain indexed SQL filter that reads "2017" as 2017-01-01. Prints p50/p99 latency of each,
   and how many of the plain filter's answers are wrong (a different set of people than
   tenure's) or miss their certainty (tenure says some holder is only possible).
3. Ingests ``--articles`` generated articles (``generate.py``, shaped like ``samples/``) into
   a fresh store end to end (read, extract, store, derive) and prints articles/s; then the
   store's share alone (the same articles already extracted).

Targets: ``who`` p99 at most 2x the plain filter's p99; ingest at least 1,000 articles/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from generate import ensure
from sqlalchemy import text
from world import build

import tenure.api

HERE = Path(__file__).resolve().parent
WHO_RATIO_TARGET = 2.0
INGEST_TARGET = 1_000


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


PLAIN = text(
    "SELECT p.name FROM bench_plain b "
    "JOIN posts po ON po.id = b.post_id "
    "JOIN organizations o ON o.id = po.org_id "
    "JOIN persons p ON p.id = b.person_id "
    "WHERE o.name = :org AND po.title = :post AND b.start_date <= :on "
    "AND (b.end_date IS NULL OR b.end_date >= :on)"
)


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
    for org, post, on in asked[:200]:  # warm caches of both
        db.who(post, org, on)
    tenure_ms, answers = [], []
    for org, post, on in asked:
        t0 = time.perf_counter()
        answer = db.who(post, org, on)
        tenure_ms.append((time.perf_counter() - t0) * 1000)
        answers.append(answer)
    plain_ms, plain_answers = [], []
    with db.store.connect() as conn:
        for org, post, on in asked[:200]:
            conn.execute(PLAIN, {"org": org, "post": post, "on": pad(on)}).all()
        for org, post, on in asked:
            t0 = time.perf_counter()
            rows = conn.execute(PLAIN, {"org": org, "post": post, "on": pad(on)}).all()
            plain_ms.append((time.perf_counter() - t0) * 1000)
            plain_answers.append({r[0] for r in rows})
    db.close()
    wrong = uncertain = possible_answers = 0
    for answer, plain in zip(answers, plain_answers, strict=True):
        truth = {h.tenure.person.name for h in answer.holders}
        has_possible = any(h.certainty == "possible" for h in answer.holders)
        possible_answers += has_possible
        if plain != truth:
            wrong += 1
        elif has_possible:
            uncertain += 1
    t50, t99 = percentile(tenure_ms, 0.5), percentile(tenure_ms, 0.99)
    p50, p99 = percentile(plain_ms, 0.5), percentile(plain_ms, 0.99)
    print(f"who, {n:,} random questions (a third each by year, month, day):")
    print(
        f"  tenure.who          p50 {t50:7.3f} ms   p99 {t99:7.3f} ms   "
        f"mean {statistics.fmean(tenure_ms):.3f} ms"
    )
    print(
        f"  plain SQL filter    p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   "
        f"mean {statistics.fmean(plain_ms):.3f} ms"
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
    ratio = t99 / p99 if p99 else float("inf")
    met = ratio <= WHO_RATIO_TARGET
    print(
        f"  p99 ratio tenure/plain: {ratio:.2f} (target <= {WHO_RATIO_TARGET}): "
        f"{'met' if met else 'MISSED'}"
    )
    return met


def bench_ingest(out: Path, articles: int, seed: int) -> bool:
    paths = ensure(HERE / "out" / "corpus", max(articles, 20_000), seed)[:articles]
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    db = tenure.api.open(out)
    t0 = time.perf_counter()
    report = db.ingest(paths)
    seconds = time.perf_counter() - t0
    totals = report.totals()
    rate = articles / seconds
    print(
        f"ingest, {articles:,} generated articles ({megabytes:.1f} MB), end to end "
        f"(read, extract, store, derive), {tenure.api._workers(None, articles)} worker(s):"
    )
    print(
        f"  {seconds:6.2f} s   {rate:8.0f} articles/s   {totals['claims_new']:,} claims   "
        f"{db.counts()['tenures']:,} tenures   {totals['articles_failed']} failed"
    )
    db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    extracted = [tenure.api.read_article(str(p)) for p in paths]
    db = tenure.api.open(out)
    t0 = time.perf_counter()
    db._ingest(iter(extracted), len(extracted), None, 256)
    store_seconds = time.perf_counter() - t0
    db.close()
    print(
        f"  store alone (claims written one transaction per article, derived tables "
        f"updated): {store_seconds:6.2f} s   {articles / store_seconds:8.0f} articles/s"
    )
    met = rate >= INGEST_TARGET
    print(f"  end to end target >= {INGEST_TARGET:,} articles/s: {'met' if met else 'MISSED'}")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tenures", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    world = build(args.out / "world.db", args.tenures, args.seed)
    print(
        f"world: {world.tenures:,} tenures, {world.posts:,} posts, "
        f"{world.organizations:,} organizations, {world.persons:,} persons, built in "
        f"{world.seconds:.1f} s ({world.path})"
    )
    who_met = bench_who(world.path, world.questions, args.questions, args.seed)
    ingest_met = bench_ingest(args.out / "ingest.db", args.articles, args.seed)
    print(
        f"targets: who {'met' if who_met else 'missed'}, ingest {'met' if ingest_met else 'missed'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
