"""One holding, one tenure: merge what infobox, lists and prose say of the same holding.

Two statements are the same holding when person, post and organization match (after case,
"the" and plural are set aside) and their dates can name the same days ("2017" and
"2017-10-28" agree; an unknown date agrees with anything; ongoing disagrees with an end).
The merged tenure keeps the finer dates and every piece of evidence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from tenure.extract import memo
from tenure.extract.names import post_head, singular, strip_the
from tenure.model import Event, Tenure
from tenure.time import compatible, finer, first_day

BUCKET_ORDER: Final = {"list": 0, "infobox": 1, "prose": 2}
WORDS: Final = re.compile(r"[\w'’-]+")
POSSESSIVE: Final = re.compile(r"['’]s$")


_KEY_PARTS_SIZE = 8192
_KEY_PARTS: dict[str | None, str] = memo.table(f"{__name__}._KEY_PARTS", _KEY_PARTS_SIZE)
""":func:`_key_part` of each text, emptied when it reaches :data:`_KEY_PARTS_SIZE` entries:
merging looks up the person and body of every holding (35 an article), and a plain dict is
cheaper there than a call through :func:`functools.lru_cache`."""
_POST_KEYS_SIZE = 8192
_POST_KEYS: dict[str, str] = memo.table(f"{__name__}._POST_KEYS", _POST_KEYS_SIZE)
""":func:`_post_key` of each post, emptied as :data:`_KEY_PARTS` is."""


def _key_part(text: str | None) -> str:
    """``text`` as merging compares it (NFKC, case-folded, no "the", no full stops), kept in
    :data:`_KEY_PARTS`."""
    found = _KEY_PARTS.get(text)
    if found is None:
        folded = unicodedata.normalize("NFKC", text or "").casefold()
        key = " ".join(strip_the(folded).replace(".", " ").split())
        found = memo.keep(_KEY_PARTS, text, key, _KEY_PARTS_SIZE)
    return found


def _post_key(post: str) -> str:
    """A post as merging compares it (singular, then :func:`_key_part`), kept in
    :data:`_POST_KEYS`."""
    found = _POST_KEYS.get(post)
    if found is None:
        found = memo.keep(_POST_KEYS, post, _key_part(singular(post)), _POST_KEYS_SIZE)
    return found


def holding_key(t: Tenure) -> tuple[str, str, str]:
    return _key_part(t.person), _post_key(t.post), _key_part(t.organization)


def agree(a: Tenure, b: Tenure) -> bool:
    if not (compatible(a.start, b.start) and compatible(a.end, b.end)):
        return False
    if a.acting != b.acting:
        return False
    return not ((a.ongoing and b.end) or (b.ongoing and a.end))


def merge_tenures(tenures: list[Tenure]) -> list[Tenure]:
    """Merge statements of the same holding, keeping the first one's place in the order."""
    merged: list[Tenure] = []
    by_key: dict[tuple[str, str, str], list[Tenure]] = {}
    for tenure in sorted(tenures, key=_undated):
        key = (_key_part(tenure.person), _post_key(tenure.post), _key_part(tenure.organization))
        same = by_key.get(key)
        if same is None:
            merged.append(tenure)
            by_key[key] = [tenure]
            continue
        candidates = [c for c in same if agree(c, tenure)]
        if not candidates:
            merged.append(tenure)
            same.append(tenure)
            continue
        target = (
            candidates[0]
            if len(candidates) == 1
            else min(candidates, key=lambda c: first_day(c.start or "9999"))
        )
        _absorb(target, tenure)
    if any(t.bucket == "prose" for t in merged):
        merged = _merge_prose(merged)
    order = {id(t): i for i, t in enumerate(tenures)}
    merged.sort(key=lambda t: order.get(id(t), 0))
    return merged


GENERIC: Final = frozenset(
    """
    of the for and in to at on a an chinese china communist party ccp cpc central committee
    province people's republic prc government state's
    """.split()
)
MODIFIERS: Final = frozenset(
    """
    deputy vice assistant executive associate acting under second additional special first
    """.split()
)


@lru_cache(maxsize=8192)
def _words(text: str | None) -> frozenset[str]:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    words = WORDS.findall(text)
    return frozenset({singular(POSSESSIVE.sub("", w)) for w in words} - GENERIC)


def corresponds(a: Tenure, b: Tenure) -> bool:
    """The same holding in other words: "Foreign Minister" in a sentence and "Minister of
    Foreign Affairs" in the infobox, with dates that agree."""
    if _key_part(a.person) != _key_part(b.person) or not agree(a, b):
        return False
    if post_head(a.post) != post_head(b.post):
        return False
    if _words(a.post) & MODIFIERS != _words(b.post) & MODIFIERS:
        return False
    wa = _words(a.post) | _words(a.organization)
    wb = _words(b.post) | _words(b.organization)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def _merge_prose(tenures: list[Tenure]) -> list[Tenure]:
    """Fold holdings stated in sentences into the same holding stated by infobox or list."""
    kept: list[Tenure] = []
    people: list[str] = []
    for tenure in sorted(tenures, key=_bucket):
        person = _key_part(tenure.person)
        if tenure.bucket == "prose":
            target = next(
                (
                    k
                    for k, p in zip(kept, people, strict=True)
                    if p == person and corresponds(k, tenure)
                ),
                None,
            )
            if target is not None:
                _absorb(target, tenure)
                continue
        kept.append(tenure)
        people.append(person)
    return kept


def _bucket(t: Tenure) -> int:
    return BUCKET_ORDER.get(t.bucket, 3)


def _undated(t: Tenure) -> tuple[int, int]:
    """Dated statements first, so undated ones merge into them rather than the reverse."""
    return (0 if (t.start or t.end) else 1, BUCKET_ORDER.get(t.bucket, 3))


def _absorb(target: Tenure, other: Tenure) -> None:
    target.start = finer(target.start, other.start)
    target.end = finer(target.end, other.end)
    target.ongoing = target.ongoing or other.ongoing
    target.role = target.role or other.role
    target.rank = target.rank or other.rank
    for post in other.concurrent:
        if post not in target.concurrent:
            target.concurrent.append(post)
    for alias in other.person_aliases:
        if alias not in target.person_aliases:
            target.person_aliases.append(alias)
    target.predecessor = target.predecessor or other.predecessor
    target.successor = target.successor or other.successor
    for evidence in other.evidence:
        if evidence not in target.evidence:
            target.evidence.append(evidence)
    target.evidence.sort(key=lambda e: e.line)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per happening: same type and body with compatible dates merge."""
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: 0 if e.date else 1):
        key = _norm(event.organization)
        same = next(
            (
                m
                for m in merged
                if m.type == event.type
                and _norm(m.organization) == key
                and compatible(m.date, event.date)
                and (
                    not m.other or not event.other or _norm(m.other) == _norm(event.other) or m.date
                )
            ),
            None,
        )
        if same is None and event.type == "co_located" and event.date is None and event.other:
            same = next(
                (
                    m
                    for m in merged
                    if m.type == "co_located" and m.other and _norm(m.other) == _norm(event.other)
                ),
                None,
            )
        if same is None:
            merged.append(event)
            continue
        same.date = finer(same.date, event.date)
        same.other = same.other or event.other
        for evidence in event.evidence:
            if evidence not in same.evidence:
                same.evidence.append(evidence)
    order = {id(e): i for i, e in enumerate(events)}
    merged.sort(key=lambda e: (e.evidence[0].line if e.evidence else 0, order.get(id(e), 0)))
    return merged


@lru_cache(maxsize=8192)
def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(strip_the(text).split())
