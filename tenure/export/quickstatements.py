"""QuickStatements (V1) for Wikidata: one "position held" (P39) statement per tenure.

    tenure export --format quickstatements --out p39.qs      # skipped tenures: p39.qs.skipped.tsv

A line reads ``Q<person> P39 Q<post> P580 <start> P582 <end> S854 "<article URL>"``, tab
separated: start (P580) and end (P582) qualifiers at the precision the sources wrote (a year
``+2014-00-00T00:00:00Z/9``, a month ``+2014-03-00T00:00:00Z/10``, a day
``+2014-03-20T00:00:00Z/11``), an ongoing or unknown end left out, and the URL of the article
the tenure was read from as the reference (S854).

Only tenures whose person *and* post the alias file maps to Wikidata ids are written
(``persons: Name: {wikidata: Q...}``; ``posts: wikidata: {Title of Organization: Q...}``); a
post or person is never matched to Wikidata by its name. Every other tenure is listed with the
reason, as is a tenure with no article URL to cite, an acting spell (a plain P39 would say
the post itself was held), and a person who held a post more than once: QuickStatements adds
qualifiers to the statement already there, so two terms would merge into one statement with
two starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from tenure import time
from tenure.export import readers
from tenure.export.common import Counter, Scope, batched, evidence_articles
from tenure.query.results import TenureInfo

PRECISION = {"year": 9, "month": 10, "day": 11}


def wikidata_time(prefix: str) -> str:
    """A QuickStatements time at the precision of an ISO prefix.

    >>> wikidata_time("2014")
    '+2014-00-00T00:00:00Z/9'
    >>> wikidata_time("2014-03-20")
    '+2014-03-20T00:00:00Z/11'
    """
    time.bounds(prefix)
    year, month, day = [*prefix.split("-"), "00", "00"][:3]
    return f"+{year}-{month}-{day}T00:00:00Z/{PRECISION[time.precision(prefix)]}"


@dataclass(frozen=True)
class Skipped:
    """A tenure not written, and why."""

    tenure: str
    person: str
    post: str
    organization: str | None
    reason: str

    def row(self) -> str:
        cells = (self.tenure, self.person, self.post, self.organization or "", self.reason)
        return "\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells)


SKIPPED_HEADER = "tenure\tperson\tpost\torganization\treason"


@dataclass(frozen=True)
class Statement:
    tenure: TenureInfo
    person_qid: str
    post_qid: str
    url: str

    def line(self) -> str:
        cells = [self.person_qid, "P39", self.post_qid]
        if self.tenure.start:
            cells += ["P580", wikidata_time(self.tenure.start)]
        if self.tenure.end:
            cells += ["P582", wikidata_time(self.tenure.end)]
        cells += ["S854", '"' + self.url.replace('"', "%22") + '"']
        return "\t".join(cells)


def statements(scope: Scope, counter: Counter | None = None) -> Iterator[Statement | Skipped]:
    """A :class:`Statement` for each tenure that can be written, a :class:`Skipped` for others."""
    counter = counter or Counter(0)
    post_qids: dict[str, str] = {}
    for entry in readers.post_wikidata(scope.db):
        if entry.problem:
            counter.warnings.append(
                f"{entry.source}: posts: wikidata: {entry.title}"
                + (f" ({entry.organization})" if entry.organization else "")
                + f": {entry.problem}"
            )
        for post_id in entry.post_ids:
            post_qids[post_id] = entry.wikidata
    person_qids = {p.id: p.wikidata for p in scope.persons() if p.wikidata}
    ready: dict[tuple[str, str], list[tuple[TenureInfo, str | None]]] = {}
    for batch in batched(scope.tenures(), 1000):
        mapped = []
        for t in batch:
            counter.add("tenures")
            person_qid, post_qid = person_qids.get(t.person.id), post_qids.get(t.post.id)
            if person_qid is None or post_qid is None:
                yield _skipped(t, _reason(person_qid, post_qid))
            else:
                mapped.append((t, person_qid, post_qid))
        urls = scope.urls(a for t, _, _ in mapped for a in evidence_articles(t)) if mapped else {}
        for t, person_qid, post_qid in mapped:
            url = next((urls[a] for a in evidence_articles(t) if a in urls), None)
            ready.setdefault((person_qid, post_qid), []).append((t, url))
    for (person_qid, post_qid), group in sorted(ready.items()):
        for t, url in sorted(group, key=lambda item: item[0].id):
            if len(group) > 1:
                yield _skipped(
                    t,
                    f"{person_qid} held {post_qid} {len(group)} times; "
                    "QuickStatements would merge the terms into one statement",
                )
            elif url is None:
                yield _skipped(t, "no article URL to cite as the reference")
            elif t.acting:
                yield _skipped(t, "an acting spell; a plain P39 would say the post was held")
            else:
                yield Statement(t, person_qid, post_qid, url)


def _reason(person_qid: str | None, post_qid: str | None) -> str:
    if person_qid is None and post_qid is None:
        return "neither the person nor the post has a Wikidata id in the alias file"
    if person_qid is None:
        return "the person has no Wikidata id in the alias file"
    return "the post has no Wikidata id in the alias file"


def _skipped(t: TenureInfo, reason: str) -> Skipped:
    org = t.post.organization.name if t.post.organization else None
    return Skipped(t.id, t.person.name, t.post.title, org, reason)


def write(scope: Scope, out: IO[str], skipped: IO[str], counter: Counter) -> int:
    """Write statements to ``out`` and skipped tenures (TSV, with the reason) to ``skipped``;
    return how many were skipped."""
    skipped.write(SKIPPED_HEADER + "\n")
    count = 0
    for item in statements(scope, counter):
        if isinstance(item, Skipped):
            skipped.write(item.row() + "\n")
            count += 1
        else:
            out.write(item.line() + "\n")
    return count
