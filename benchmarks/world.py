"""A generated world of organizations, posts, people and tenures, written straight into a store.

    >>> info = build(Path("/tmp/world.db"), tenures=1_000_000, seed=0)   # doctest: +SKIP

For benchmarks of the store at scale: ingesting a million tenures article by article would
measure extraction, so this writes the rows directly, through the store's own schema
(:mod:`tenure.store.schema`, created by :func:`tenure.store.open_store`), with the same ids,
keys (:class:`tenure.resolve.Resolver`) and day bounds that ingest would compute. Each tenure
also gets its claim, evidence line and claim link, so the store is a complete one.

Dates have mixed precision (year, month, day), successive holders of a one-holder post hand
over in the same year as often as real articles say so, and some tenures are open (ongoing)
or have no known end.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from tenure.resolve import load_resolver
from tenure.resolve.text import make_id
from tenure.store import open_store
from tenure.store.holdings import day_bounds

PREFIXES = ("Central", "State", "National", "General", "Supreme", "Federal", "Provincial")
DOMAINS = (
    "Foreign Affairs", "National Security", "Cyberspace Affairs", "Policy Research",
    "Taiwan Affairs", "Reform", "Propaganda", "Organization", "Discipline Inspection",
    "Legal Affairs", "Military", "Intelligence", "Information", "External Relations",
    "United Front Work", "Finance", "Rural Work", "Education", "Defense", "Personnel",
)  # fmt: skip
KINDS = (
    "Commission",
    "Leading Group",
    "Office",
    "Department",
    "Council",
    "Bureau",
    "Committee",
    "Agency",
    "Administration",
    "Secretariat",
)
PLACES = tuple(f"Region {i}" for i in range(1, 41))
POSTS = (
    ("Director", True),
    ("Secretary", True),
    ("Chairman", True),
    ("Head", True),
    ("Secretary-General", True),
    ("Deputy Director", False),
    ("Executive Deputy Director", False),
    ("Member", False),
    ("Vice Chairman", False),
    ("Deputy Secretary", False),
)
SURNAMES = (
    "Li",
    "Wang",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Zhao",
    "Huang",
    "Zhou",
    "Wu",
    "Xu",
    "Sun",
    "Hu",
    "Zhu",
    "Gao",
    "Lin",
    "He",
    "Guo",
    "Ma",
    "Luo",
    "Liang",
    "Song",
)
GIVEN = (
    "Zhanshu",
    "Xuexiang",
    "Qi",
    "Haixing",
    "Wenqing",
    "Yi",
    "Jiechi",
    "Qichen",
    "Huning",
    "Qiang",
    "Kexin",
    "Yezhou",
    "Fangyu",
    "Ji",
    "Peiyan",
    "Tao",
    "Zhijun",
    "Yunlin",
)
MAX_DAY = 3652059


@dataclass
class World:
    path: Path
    tenures: int
    posts: int
    organizations: int
    persons: int
    seconds: float
    questions: list[tuple[str, str]]
    """(organization name, post title) pairs that exist, for random questions."""


def date(rng: random.Random, year: int) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"{year:04d}"
    month = rng.randint(1, 12)
    if roll < 0.7:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}"


def build(path: Path, tenures: int = 1_000_000, seed: int = 0, per_post: int = 5) -> World:
    """Write a world of about ``tenures`` tenures into a new store at ``path``."""
    started = time.perf_counter()
    if path.exists():
        path.unlink()
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            extra.unlink()
    resolver = load_resolver(user=False)
    open_store(path).close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    # A new file that nobody reads yet: no journal, no syncs, and the secondary indexes made
    # once at the end (sorting each once) rather than kept up to date row by row.
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("BEGIN")
    n_posts = tenures // per_post
    n_orgs = n_posts // len(POSTS)
    names = [
        f"{p} {d} {k} of {place}"
        for place in PLACES
        for p in PREFIXES
        for d in DOMAINS
        for k in KINDS
    ]
    rng.shuffle(names)
    if n_orgs > len(names):
        raise ValueError(f"at most {len(names) * len(POSTS) * per_post:,} tenures")
    org_rows, name_rows, key_rows, questions = [], [], [], []
    post_rows = []
    for name in names[:n_orgs]:
        key = resolver.org_key(name)
        org_id = make_id("org", key)
        org_rows.append((org_id, name, key, "[]"))
        name_rows.append((make_id("on", org_id, key, "title"), org_id, name, key, "title", "[]"))
        key_rows.append(("org", key, org_id))
        for title, single in POSTS:
            post_key = resolver.post_key(title)
            post_rows.append(
                (make_id("pos", org_id, post_key), org_id, title, post_key, single, name)
            )
    conn.executemany(
        "INSERT INTO organizations (id, name, key, articles) VALUES (?, ?, ?, ?)", org_rows
    )
    conn.executemany(
        "INSERT INTO org_names (id, org_id, name, key, kind, claims) VALUES (?, ?, ?, ?, ?, ?)",
        name_rows,
    )
    conn.executemany(
        "INSERT INTO posts (id, org_id, title, key, single_holder) VALUES (?, ?, ?, ?, ?)",
        [row[:5] for row in post_rows],
    )
    n_persons = max(tenures // 3, 1)
    persons = []
    for i in range(n_persons):
        name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)} {i}"
        key = resolver.person_key(name)
        persons.append((make_id("per", key), name, key))
    conn.executemany(
        "INSERT INTO persons (id, name, key, articles) VALUES (?, ?, ?, '[]')", persons
    )
    conn.executemany(
        "INSERT INTO person_aliases (id, person_id, name, key) VALUES (?, ?, ?, ?)",
        [(make_id("pa", p[0], p[1]), p[0], p[1], p[2]) for p in persons],
    )
    key_rows += [("person", p[2], p[0]) for p in persons]
    conn.executemany("INSERT INTO entity_keys (kind, key, entity_id) VALUES (?, ?, ?)", key_rows)
    now = "2026-01-01T00:00:00Z"
    article_rows = {}
    written = 0
    batch: dict[str, list[tuple[object, ...]]] = {"t": [], "c": [], "e": [], "l": []}
    for post_id, org_id, title, _key, single, org_name in post_rows:
        article = org_name
        if article not in article_rows:
            article_rows[article] = (article, f"{article}.txt", "0" * 64, "world")
        questions.append((org_name, title))
        year = rng.randint(1950, 2005)
        for k in range(per_post):
            person_id, person_name, _ = persons[rng.randrange(n_persons)]
            if single:
                start_year = year
                year = start_year + rng.randint(1, 8)
                end_year: int | None = year
            else:
                start_year = rng.randint(1950, 2020)
                end_year = start_year + rng.randint(1, 10)
            start = date(rng, start_year)
            last = k == per_post - 1
            ongoing = last and end_year is not None and end_year >= 2020 and rng.random() < 0.8
            end = None if ongoing or rng.random() < 0.03 else date(rng, end_year or start_year)
            s_lo, s_hi, e_lo, e_hi = day_bounds(start, end)
            if end and e_hi < s_lo:
                end = f"{int(start[:4]) + 1:04d}"
                s_lo, s_hi, e_lo, e_hi = day_bounds(start, end)
            line = 20 + k
            text = f"- {person_name} ({start}–{end or ''}), {title}"
            data: dict[str, object] = {
                "person": person_name,
                "post": title,
                "organization": org_name,
                "start": start,
                "end": end,
                "ongoing": ongoing,
                "acting": False,
                "role": None,
                "rank": None,
                "concurrent": [],
            }
            claim_id = make_id("cl", "tenure", article, person_name, title, start, end, ongoing)
            tenure_id = make_id("ten", person_id, post_id, False, start, end, ongoing)
            evidence = [
                {
                    "article": article,
                    "path": f"{article}.txt",
                    "line": line,
                    "section": "Leaders",
                    "text": text,
                    "claim": claim_id,
                }
            ]
            batch["t"].append(
                (
                    tenure_id,
                    person_id,
                    post_id,
                    org_id,
                    start,
                    end,
                    ongoing,
                    False,
                    s_lo,
                    s_hi,
                    e_lo,
                    e_hi,
                    "[]",
                    json.dumps(evidence),
                )
            )
            batch["c"].append(
                (
                    claim_id,
                    "tenure",
                    article,
                    json.dumps(data),
                    "0" * 64,
                    f"{article}.txt",
                    line,
                    "Leaders",
                    text,
                    now,
                    now,
                )
            )
            batch["e"].append((claim_id, 0, line, "Leaders", text))
            batch["l"].append((tenure_id, claim_id))
            written += 1
        if len(batch["t"]) >= 50_000:
            _flush(conn, batch, article_rows, now)
    _flush(conn, batch, article_rows, now)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('resolver', ?)",
        (resolver.config.fingerprint(),),
    )
    conn.execute("COMMIT")
    for _name, sql in indexes:
        conn.execute(sql)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("ANALYZE")
    conn.close()
    return World(
        path, written, len(post_rows), n_orgs, n_persons, time.perf_counter() - started, questions
    )


def _flush(
    conn: sqlite3.Connection,
    batch: dict[str, list[tuple[object, ...]]],
    articles: dict[str, tuple[str, str, str, str]],
    now: str,
) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO articles (title, path, sha256, format, subject_kind, "
        "subject_name, diagnostics, first_seen, last_seen) "
        "VALUES (?, ?, ?, 'article-text', 'organization', ?, '[]', ?, ?)",
        [(a[0], a[1], a[2], a[0], now, now) for a in articles.values()],
    )
    articles.clear()
    conn.executemany(
        'INSERT OR IGNORE INTO tenures (id, person_id, post_id, org_id, start, "end", ongoing, '
        "acting, s_lo, s_hi, e_lo, e_hi, concurrent, evidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch["t"],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO claims (id, kind, article, data, sha256, path, line, section, "
        "text, first_seen, last_seen, retired) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
        batch["c"],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO claim_evidence (claim_id, seq, line, section, text) "
        "VALUES (?, ?, ?, ?, ?)",
        batch["e"],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO tenure_claims (tenure_id, claim_id) VALUES (?, ?)", batch["l"]
    )
    for rows in batch.values():
        rows.clear()
