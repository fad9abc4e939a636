"""Merging what several sources say about one holding, and finding what cannot all be true.

    >>> a = Statement("c1", "Office", "2017", None, False)
    >>> b = Statement("c2", "Ding Xuexiang", "2017-10-28", "2023", False)
    >>> [(h.start, h.end, [s.claim_id for s in h.statements]) for h in merge([a, b])]
    [('2017-10-28', '2023', ['c2', 'c1'])]

Statements about the same person, post and organization merge when their dates agree
(:func:`tenure.time.compatible`: "2017" and "2017-10-28" agree): the holding keeps the finer
date and every source. Statements whose dates disagree stay separate holdings;
:func:`disagreements` lists the pairs that cannot both be true, and :func:`double_holders`
the pairs of different people certainly holding a one-holder post on the same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tenure import time
from tenure.time import Certainty


class Statement:
    """One source's dates for a holding (one tenure claim).

    A plain class with its own ``__init__`` rather than a dataclass: compiled (setup.py), a
    dataclass is built by the ``__init__`` the dataclass decorator generates, which runs as
    Python (a frozen one's through ``object.__setattr__``), and a rebuild makes one of these
    per tenure claim and a :class:`Holding` per tenure. Not changed once made.
    """

    def __init__(
        self,
        claim_id: str,
        article: str,
        start: str | None,
        end: str | None,
        ongoing: bool,
        acting: bool = False,
        role: str | None = None,
        rank: str | None = None,
        concurrent: tuple[str, ...] = (),
    ) -> None:
        self.claim_id = claim_id
        self.article = article
        self.start = start
        self.end = end
        self.ongoing = ongoing
        self.acting = acting
        self.role = role
        self.rank = rank
        self.concurrent = concurrent

    @property
    def precision(self) -> int:
        return len(self.start or "") + len(self.end or "") + (1 if self.ongoing else 0)


class Holding:
    """Statements merged into one holding, with the finest dates they agree on (a plain
    class for the reason :class:`Statement` is)."""

    def __init__(
        self,
        start: str | None,
        end: str | None,
        ongoing: bool,
        acting: bool = False,
        role: str | None = None,
        rank: str | None = None,
        concurrent: list[str] | None = None,
        statements: list[Statement] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.ongoing = ongoing
        self.acting = acting
        self.role = role
        self.rank = rank
        self.concurrent: list[str] = [] if concurrent is None else concurrent
        self.statements: list[Statement] = [] if statements is None else statements

    @property
    def span(self) -> tuple[str | None, str | None, bool]:
        return self.start, self.end, self.ongoing

    @property
    def articles(self) -> set[str]:
        return {s.article for s in self.statements}

    def agrees(self, s: Statement) -> bool:
        if s.acting != self.acting or not time.compatible(self.start, s.start):
            return False
        return time.compatible(self.end, s.end)

    def add(self, s: Statement) -> None:
        self.statements.append(s)
        self.start = time.finer(self.start, s.start)
        self.end = time.finer(self.end, s.end)
        self.ongoing = (self.ongoing or s.ongoing) and self.end is None
        self.role = self.role or s.role
        self.rank = self.rank or s.rank
        for post in s.concurrent:
            if post not in self.concurrent:
                self.concurrent.append(post)


def merge(statements: Sequence[Statement]) -> list[Holding]:
    """Group statements whose dates agree; the order of the input does not matter.

    The most precise statements go first, so a vague one ("2017") joins the precise
    holding it agrees with rather than gluing two precise ones that disagree.
    """
    if len(statements) == 1:  # the common case: one source for a holding
        s = statements[0]
        holding = Holding(s.start, s.end, s.ongoing, s.acting)
        holding.add(s)
        return [holding]
    ordered = sorted(statements, key=lambda s: (-s.precision, s.claim_id))
    holdings: list[Holding] = []
    for s in ordered:
        fits = [h for h in holdings if h.agrees(s)]
        if fits:
            best = max(fits, key=lambda h: _affinity(h, s))
            best.add(s)
        else:
            holding = Holding(s.start, s.end, s.ongoing, s.acting)
            holding.add(s)
            holdings.append(holding)
    return holdings


def _affinity(h: Holding, s: Statement) -> tuple[bool, int]:
    """How well a statement fits a holding it agrees with: a current holding for a statement
    that says "ongoing", then the most dates in common. Ties go to the earlier holding."""
    same = sum(1 for a, b in ((h.start, s.start), (h.end, s.end)) if a and b and a == b)
    return (h.ongoing == s.ongoing and h.end is None) if s.ongoing else (True), same


def disagreements(
    holdings: Sequence[Holding], today: date | None = None
) -> list[tuple[int, int, Certainty, str]]:
    """Pairs of holdings (by index) of one person in one post that cannot both be true.

    Two holdings of the same post by the same person that certainly overlap contradict each
    other. So do holdings from different articles that may overlap and agree on one end but
    not the other (one says from 2014-03, the other from 2015): they describe one holding.
    """
    found: list[tuple[int, int, Certainty, str]] = []
    for i, a in enumerate(holdings):
        for j in range(i + 1, len(holdings)):
            b = holdings[j]
            if a.acting != b.acting:
                continue
            overlap = time.overlap(a.span, b.span, today)
            if overlap == "certain":
                found.append((i, j, "certain", "the same holding with dates that disagree"))
            elif overlap == "possible" and not (a.articles & b.articles):
                starts = time.compatible(a.start, b.start)
                ends = time.compatible(a.end, b.end)
                if starts != ends:
                    which = "end" if starts else "start"
                    found.append((i, j, "possible", f"sources disagree on the {which} date"))
    return found


def double_holders(
    spans: Sequence[tuple[str, tuple[str | None, str | None, bool]]], today: date | None = None
) -> list[tuple[int, int]]:
    """Pairs (by index) of ``(person, span)`` of different people certainly overlapping."""
    found = []
    for i, (person_a, span_a) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            person_b, span_b = spans[j]
            if person_a != person_b and time.overlap(span_a, span_b, today) == "certain":
                found.append((i, j))
    return found
