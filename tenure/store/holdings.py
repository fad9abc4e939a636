"""Tenures, posts and conflicts from tenure claims, once persons and organizations are known.

Tenures are computed a (person, post) at a time: the tenure claims of the person in the post
are grouped by organization (and acting or not), merged where their dates agree
(:func:`tenure.resolve.merge.merge`), and written with their day bounds and evidence. A claim
that names no organization joins the person's holding of the same post when only one
organization has that post for them. Conflicts are computed a post at a time.

Everything here works on rows in memory; :mod:`tenure.store.derive` loads them (all of them
for a rebuild, those that changed claims reach for an ingest) and writes the results.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from json.encoder import encode_basestring as _string
from typing import Any

from tenure import time
from tenure.extract.memo import keep
from tenure.resolve.merge import Holding, Statement, disagreements, merge
from tenure.resolve.names import Resolver
from tenure.resolve.text import make_id
from tenure.store.entities import json_strings
from tenure.store.mentions import tenure_org

MIN_DAY = date.min.toordinal()
MAX_DAY = date.max.toordinal()

EntityOf = Callable[[str, Iterable[str]], dict[str, str]]
"""``entity_of(kind, keys)``: the person or organization id of each name key that has one."""
EvidenceOf = Callable[[Iterable[str]], dict[str, list[str]]]
"""``evidence_of(claim_ids)``: each claim's evidence records (article, path, line, ...), each
encoded once by :func:`evidence_record`; :func:`evidence_list` joins a row's records."""
TenureClaim = tuple[str, str, dict[str, Any]]
"""(claim id, article, data) of an active tenure claim."""


_DAYS: dict[str, tuple[int, int]] = {}
"""The first and last day (ordinals) of each date prefix seen, (0, 0) for a string that is
not a valid prefix (no day's ordinal is 0): what :func:`claim_date` and :func:`day_bounds`
ask of every date, worked out once per date (``time.bounds`` parses it), in a plain dict,
which compiled code reads for less than a call through ``lru_cache`` costs."""
_DAYS_SIZE = 1 << 16


def _days(prefix: str) -> tuple[int, int]:
    found = _DAYS.get(prefix)
    if found is None:
        try:
            first, last = time.bounds(prefix)
            found = (first.toordinal(), last.toordinal())
        except ValueError:
            found = (0, 0)
        keep(_DAYS, prefix, found, _DAYS_SIZE)
    return found


def _bounds(prefix: str) -> tuple[int, int]:
    found = _days(prefix)
    if found[0] == 0:
        raise ValueError(f"not an ISO date prefix: {prefix!r}")
    return found


def day_bounds(start: str | None, end: str | None) -> tuple[int, int, int, int]:
    """(first, last) day of the start and of the end, as ordinals; unknown spans everything."""
    s_lo, s_hi = _bounds(start) if start else (MIN_DAY, MAX_DAY)
    e_lo, e_hi = _bounds(end) if end else (MIN_DAY, MAX_DAY)
    return s_lo, s_hi, e_lo, e_hi


_EVIDENCE_KEYS = ("article", "claim", "line", "path", "section", "text")


def evidence_json(records: list[dict[str, Any]]) -> str:
    """``json.dumps(records, ensure_ascii=False, sort_keys=True)`` for evidence records,
    written out directly (the tenures' evidence column is most of what a rebuild encodes)."""
    parts = []
    for record in records:
        if len(record) != len(_EVIDENCE_KEYS) or any(k not in record for k in _EVIDENCE_KEYS):
            return json.dumps(records, ensure_ascii=False, sort_keys=True)
        fields = []
        for key in _EVIDENCE_KEYS:
            value = record[key]
            if value is None:
                fields.append(f'"{key}": null')
            elif type(value) is str:
                fields.append(f'"{key}": {_string(value)}')
            elif type(value) is int:
                fields.append(f'"{key}": {int.__repr__(value)}')
            else:
                return json.dumps(records, ensure_ascii=False, sort_keys=True)
        parts.append("{" + ", ".join(fields) + "}")
    return "[" + ", ".join(parts) + "]"


EVIDENCED = frozenset({"tenure", "event"})
"""Kinds of claims whose evidence records are copied into derived rows (tenures, events)."""


def evidence_record(
    claim: str,
    article: str,
    path: str | None,
    line: int | None,
    section: str | None,
    text: str,
) -> str:
    """One evidence record encoded as :func:`evidence_json` encodes it in a list.

    A claim's records are encoded once; the evidence of a tenure or an event is the list of
    its claims' records (:func:`evidence_list`), the same text ``json.dumps`` makes of it.
    """
    if (
        type(claim) is str
        and type(article) is str
        and (path is None or type(path) is str)
        and (line is None or type(line) is int)
        and (section is None or type(section) is str)
        and type(text) is str
    ):
        return (
            f'{{"article": {_string(article)}, "claim": {_string(claim)}, '
            f'"line": {"null" if line is None else int.__repr__(line)}, '
            f'"path": {"null" if path is None else _string(path)}, '
            f'"section": {"null" if section is None else _string(section)}, '
            f'"text": {_string(text)}}}'
        )
    record = {
        "article": article,
        "claim": claim,
        "line": line,
        "path": path,
        "section": section,
        "text": text,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def evidence_list(records: Iterable[str]) -> str:
    """The JSON list of records each encoded by :func:`evidence_record`."""
    return "[" + ", ".join(records) + "]"


TENURE_COLUMNS = (
    "id",
    "person_id",
    "post_id",
    "org_id",
    "start",
    "end",
    "ongoing",
    "acting",
    "role",
    "rank",
    "s_lo",
    "s_hi",
    "e_lo",
    "e_hi",
    "concurrent",
    "evidence",
)
"""The columns of a row of :attr:`TenureRows.tenures`, in order."""
TENURE_CLAIM_COLUMNS = ("tenure_id", "claim_id")
TenureRow = tuple[Any, ...]
"""A ``tenures`` row in the order of :data:`TENURE_COLUMNS`: its id is ``row[0]``, its person
``row[1]``, its post ``row[2]``, start, end, ongoing and acting ``row[4:8]``."""


@dataclass
class TenureRows:
    """What :func:`build_tenures` makes: rows to insert and the posts they are in."""

    tenures: list[TenureRow] = field(default_factory=list)
    """Rows of ``tenures`` (:data:`TENURE_COLUMNS`)."""
    links: list[tuple[str, str]] = field(default_factory=list)
    """Rows of ``tenure_claims`` (:data:`TENURE_CLAIM_COLUMNS`)."""
    articles: dict[str, set[str]] = field(default_factory=dict)
    """The articles of each tenure's claims, by tenure id."""
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Each post's title as every claim of its new tenures writes it."""


TenureKeys = tuple[str, str | None, str, str]
"""(person key, organization key or None, post key, post title) of one tenure claim, as its
mentions (:func:`tenure.store.mentions.mentions_of`) give them."""


def build_tenures(
    resolver: Resolver,
    records: list[TenureClaim],
    entity_of: EntityOf,
    evidence_of: EvidenceOf,
    keys: list[TenureKeys] | None = None,
) -> TenureRows:
    """The tenures, and their posts, that ``records`` (sorted by id) make.

    ``keys`` are the records' name keys when their mentions are at hand (a rebuild has
    them), so that names are not folded again.
    """
    r = resolver
    if keys is None:
        keys = [_tenure_keys(r, article, d) for _, article, d in records]
    person_of = entity_of("person", {k[0] for k in keys})
    org_of = entity_of("org", {k[1] for k in keys if k[1] is not None})
    # By person, then by post: sorted a level at a time, strings rather than pairs of them.
    groups: dict[str, dict[str, list[tuple[str | None, Statement]]]] = {}
    titles: dict[str, str] = {}
    for (cid, article, d), (person_key, org_key, post_key, title) in zip(
        records, keys, strict=True
    ):
        person = person_of.get(person_key)
        if person is None:
            continue
        org = org_of.get(org_key) if org_key is not None else None
        held = groups.get(person)
        if held is None:
            held = groups[person] = {}
        items = held.get(post_key)
        if items is None:
            held[post_key] = [(org, _statement(cid, article, d))]
        else:
            items.append((org, _statement(cid, article, d)))
        titles[cid] = r.post_display(title)
    evidence = evidence_of(cid for cid, _, _ in records)
    out = TenureRows()
    posts = out.posts
    post_ids: dict[tuple[str | None, str], str] = {}
    for person, post_key, items in _by_person_and_post(groups):
        by_org: list[tuple[str | None, list[Statement]]]
        if len(items) == 1:  # most: one claim, so one organization (or none)
            org, statement = items[0]
            by_org = [(org or None, [statement])]
        else:
            orgs = sorted({org for org, _ in items if org})
            grouped: dict[str | None, list[Statement]] = defaultdict(list)
            for org, statement in items:
                grouped[org or (orgs[0] if len(orgs) == 1 else None)].append(statement)
            by_org = sorted(grouped.items(), key=lambda kv: kv[0] or "")
        for org, statements in by_org:
            post_id = post_ids.get((org, post_key))
            if post_id is None:
                post_id = post_ids[(org, post_key)] = make_id("pos", org, post_key)
                posts[post_id] = {
                    "id": post_id,
                    "org_id": org,
                    "title": post_key,
                    "key": post_key,
                    "single_holder": r.single_holder(post_key),
                }
            for h in merge(statements):
                claim_ids = sorted([st.claim_id for st in h.statements])
                cited = [ev for cid in claim_ids for ev in evidence.get(cid, [])]
                row = _tenure_row(person, post_id, org, h, cited)
                tenure_id = row[0]
                out.tenures.append(row)
                for cid in claim_ids:
                    out.links.append((tenure_id, cid))
                articles = out.articles.setdefault(tenure_id, set())
                post_titles = out.titles[post_id]
                for st in h.statements:
                    articles.add(st.article)
                    post_titles.append(titles[st.claim_id])
    return out


def _by_person_and_post(
    groups: dict[str, dict[str, list[tuple[str | None, Statement]]]],
) -> list[tuple[str, str, list[tuple[str | None, Statement]]]]:
    """Each (person, post, items) in the order of (person, post)."""
    out = []
    for person in sorted(groups):
        held = groups[person]
        for post_key in sorted(held):
            out.append((person, post_key, held[post_key]))
    return out


def _tenure_keys(r: Resolver, article: str, d: dict[str, Any]) -> TenureKeys:
    title, body = tenure_org(r, d)
    org_key = r.org_key(body, article) if body else None
    return r.person_key(str(d["person"])), org_key, r.post_key(title), title


def _statement(cid: str, article: str, d: dict[str, Any]) -> Statement:
    return Statement(
        cid,
        article,
        claim_date(d.get("start")),
        claim_date(d.get("end")),
        bool(d.get("ongoing")),
        bool(d.get("acting")),
        d.get("role"),
        d.get("rank"),
        tuple(d.get("concurrent") or ()),
    )


def _tenure_row(
    person: str, post_id: str, org: str | None, h: Holding, records: list[str]
) -> TenureRow:
    """One ``tenures`` row of a holding: its dates as merged, its claims' evidence records."""
    s_lo, s_hi, e_lo, e_hi = day_bounds(h.start, h.end)
    return (
        make_id("ten", person, post_id, h.acting, h.start, h.end, h.ongoing),
        person,
        post_id,
        org,
        h.start,
        h.end,
        h.ongoing,
        h.acting,
        h.role,
        h.rank,
        s_lo,
        s_hi,
        e_lo,
        e_hi,
        _json_list(h.concurrent) if h.concurrent else "[]",
        evidence_list(records),
    )


def _json_list(values: list[str]) -> str:
    """``json.dumps(values, ensure_ascii=False)``, written directly for strings."""
    if all(type(v) is str for v in values):
        return json_strings(values, ensure_ascii=False)
    return json.dumps(values, ensure_ascii=False)


def post_title(resolver: Resolver, data: dict[str, Any]) -> str:
    """A post's title as one tenure claim writes it."""
    return resolver.post_display(tenure_org(resolver, data)[0])


# -- conflicts --------------------------------------------------------------------------------

PostTenure = tuple[str, str, str | None, str | None, bool, bool, Callable[[], set[str]]]
"""(tenure id, person id, start, end, ongoing, acting, the articles of its sources) of one
tenure of a post, as conflicts need it."""


def conflict_rows(
    post_id: str,
    items: list[PostTenure],
    single: bool,
    today: date,
    rows: dict[str, dict[str, Any]],
) -> None:
    """Conflicts among the tenures ``items`` (sorted by id) of one post, into ``rows``."""
    if len(items) < 2:  # a conflict is between two tenures
        return
    _person_conflicts(post_id, items, today, rows)
    if not single:
        return
    for i, j in certain_overlaps([(row[1], row[2], row[3], row[4]) for row in items], today):
        a, b = sorted((items[i][0], items[j][0]))
        cid = make_id("cfl", "overlap", a, b)
        rows[cid] = {
            "id": cid,
            "kind": "overlap",
            "post_id": post_id,
            "person_id": None,
            "tenure_a": a,
            "tenure_b": b,
            "certainty": "certain",
            "detail": "two holders of a one-holder post on the same days",
        }


def certain_overlaps(
    spans: list[tuple[str, str | None, str | None, bool]], today: date
) -> list[tuple[int, int]]:
    """Pairs (by index) of ``(person, start, end, ongoing)`` of different people certainly
    holding on a common day: the same pairs as :func:`tenure.resolve.merge.double_holders`,
    found by a sweep over the days each certainly covers instead of by every pair."""
    today_day = today.toordinal()
    certain: list[tuple[int, int, int]] = []
    for i, (_person, start, end, ongoing) in enumerate(spans):
        if not start or not (end or ongoing):
            continue
        first = _bounds(start)[1]
        last = _bounds(end)[0] if end else today_day
        if first < last:
            certain.append((first, last, i))
    certain.sort()
    found: list[tuple[int, int]] = []
    active: list[tuple[int, int]] = []
    for first, last, j in certain:
        active = [(end, i) for end, i in active if end > first]
        for _end, i in active:
            if spans[i][0] != spans[j][0]:
                found.append((min(i, j), max(i, j)))
        active.append((last, j))
    return found


def _person_conflicts(
    post_id: str, items: list[PostTenure], today: date, rows: dict[str, dict[str, Any]]
) -> None:
    by_person: dict[str, list[PostTenure]] = defaultdict(list)
    for row in items:
        by_person[row[1]].append(row)
    for person, mine in by_person.items():
        if len(mine) < 2:
            continue
        holdings = []
        for row in mine:
            h = Holding(row[2], row[3], bool(row[4]), bool(row[5]))
            h.statements.extend(Statement("", article, None, None, False) for article in row[6]())
            holdings.append(h)
        for i, j, certainty, detail in disagreements(holdings, today):
            a, b = sorted((mine[i][0], mine[j][0]))
            cid = make_id("cfl", "dates", a, b)
            rows[cid] = {
                "id": cid,
                "kind": "dates",
                "post_id": post_id,
                "person_id": person,
                "tenure_a": a,
                "tenure_b": b,
                "certainty": certainty,
                "detail": detail,
            }


def claim_date(value: Any) -> str | None:
    """A stored date prefix, or None when the claim's date is not a valid prefix (what
    ``time.is_prefix`` says: one ``time.bounds`` reads)."""
    if isinstance(value, str) and value and _days(value)[0] != 0:
        return value
    return None
