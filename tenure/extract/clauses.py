"""Clauses and their dates: which date a verb in a sentence belongs to.

    >>> s = "Disbanded during the Cultural Revolution, it was restored by Deng Xiaoping in 1981."
    >>> [date_for(s, s.index(v), None) for v in ("Disbanded", "restored")]
    [None, '1981']

A verb takes the date of its own clause; failing that the sentence's opening date ("In
September 2000, ... decided to establish ..."), or the nearest earlier date of the sentence
("After the establishment ... in 2014, the group no longer ..."), or a later one; a sentence
with no date of its own continues the previous sentence's date when it carries on its story
("also", "that year", an appointment right after the event). A clause with a time phrase
but no date ("during the Cultural Revolution") has no date: never guess one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, TypeAlias

from tenure.extract.dates import DateMatch, find_dates, search_year
from tenure.extract.text import ascii_twin

YEAR: Final = re.compile(r"[12]\d{3}")
"""The digits every date :func:`~tenure.extract.dates.find_dates` reads has (its year)."""


def dates_in(text: str) -> list[DateMatch]:
    """The dates in ``text`` (:func:`~tenure.extract.dates.find_dates`), not looked for in
    text without a year's digits, as most sentences are."""
    return find_dates(text) if search_year(YEAR, text) is not None else []


CLAUSE_BREAK: Final = re.compile(
    r"[,;\s](?:(?<=,)\s+(?!(?:and|or)\s+the\s+[A-Z]|\d{4})|(?<=;)\s+|(?<=\s)\s*and\s+(?=(?:was|"
    r"were|in|on|it|then|later|has|had)\b|[a-z]+ed\b))"
)
"""Where a clause ends: ``,\\s+(?!(?:and|or)\\s+the\\s+[A-Z]|\\d{4})|;\\s+|\\s+and\\s+(?=...)``,
spelled to start with the class of its first character (a comma, a semicolon or a blank,
which then picks the branch) so that a search skips to those characters: the plain
alternation, whose last branch starts with a repeat, was tried at every character (about
40,000 instructions a sentence, callgrind). The same matches (a test checks)."""
TIME_PHRASE: Final = re.compile(
    r"\b(?:during|amid|throughout)\s+(?:the\s+)?[A-Za-z]|\b(?:later period|early years|"
    r"at the time|in the (?:late|early|mid)|in the \d{4}s|decades?)\b"
    r"|^(?:After|Before|Following|Upon|On)\s+(?:his|her|their)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK_ASCII: Final = ascii_twin(CLAUSE_BREAK)
TIME_PHRASE_ASCII: Final = ascii_twin(TIME_PHRASE)
""":data:`CLAUSE_BREAK` and :data:`TIME_PHRASE` for ASCII text (most sentences), faster
there (see :func:`~tenure.extract.text.ascii_twin`)."""
SAME_YEAR: Final = re.compile(
    r"\b(?:in that year|that year|the same year|in the same year|at the same time)\b", re.I
)
CONTINUES: Final = re.compile(
    r"\b(?:also|at the same time|simultaneously|subsequently|thereafter)\b", re.I
)


def _time_phrase(text: str) -> bool:
    """Whether :data:`TIME_PHRASE` is found in ``text``."""
    return (TIME_PHRASE_ASCII if text.isascii() else TIME_PHRASE).search(text) is not None


def clause_bounds(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    breaks = CLAUSE_BREAK_ASCII if sentence.isascii() else CLAUSE_BREAK
    for m in breaks.finditer(sentence):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


Carried: TypeAlias = str | Callable[[], str | None] | None
"""The date a sentence carries on from the one before (:func:`carried_date`), or a function
that works it out when first needed (most sentences never need it)."""


def carried_value(carried: Carried) -> str | None:
    """The date of a :data:`Carried`, working it out if not yet done."""
    return carried() if callable(carried) else carried


def date_for(sentence: str, position: int, carried: Carried) -> str | None:
    """The date (ISO prefix) a verb at ``position`` in ``sentence`` happened on."""
    match = match_for(sentence, position)
    if match is not None:
        return match.range.start or match.range.end
    start, end = clause_bounds(sentence, position)
    if _time_phrase(sentence[start:end]):
        return None
    if dates_in(sentence[:end]):
        return None
    return carried_value(carried)


ATTRIBUTIVE: Final = re.compile(r"\bthe\s+$")
NAME_AFTER: Final = re.compile(r"\s+[A-Z]")
INTRO: Final = re.compile(
    r"^(?:In|On|By|From|Since|As of|Between|During|Until|Circa|Around)?\s*[^,;]{0,40}?\d{4}[^,;"
    r"]{0,20}?,\s+"
)


def match_for(sentence: str, position: int) -> DateMatch | None:
    """The date or range a verb at ``position`` belongs to, if the sentence has one.

    A year used as a modifier ("the 1989 Tiananmen Square protests") is not a date of the verb.
    """
    return match_among(sentence, position, dates_in(sentence))


def match_among(sentence: str, position: int, found: list[DateMatch]) -> DateMatch | None:
    """:func:`match_for`, given the sentence's dates (``found``, :func:`dates_in` of it), for
    a caller that needs them too."""
    if not found:
        return None
    dates = [
        d
        for d in found
        # the text before the date ends at endpos: as searching sentence[: d.begin], uncut
        if not (NAME_AFTER.match(sentence, d.finish) and ATTRIBUTIVE.search(sentence, 0, d.begin))
    ]
    if not dates:
        return None
    start, end = clause_bounds(sentence, position)
    inside = [d for d in dates if d.begin >= start and d.finish <= end]
    if inside:
        return min(inside, key=lambda d: abs(d.begin - position))
    intro = INTRO.match(sentence)
    if intro and abs(start - intro.end()) <= 2:
        opening = [d for d in dates if d.finish <= intro.end()]
        if opening:
            return opening[0]
    if _time_phrase(sentence[start:end]):
        return None
    before = [d for d in dates if d.finish <= start]
    if before:
        return before[-1]
    return None


def carried_date(
    sentence: str, previous: str | None, dated: bool, eventful: Callable[[str], bool]
) -> str | None:
    """The date a dateless sentence inherits from the one before it, if it continues it.

    ``dated`` says whether the sentence has a date of its own; ``eventful`` whether it tells
    of an event or appointment, asked last since few sentences get that far.
    """
    if previous is None or dated:
        return None
    if SAME_YEAR.search(sentence):
        return previous[:4]
    if TIME_PHRASE.search(sentence):
        return None
    if CONTINUES.search(sentence) or eventful(sentence):
        return previous
    return None


def last_date(dates: list[DateMatch]) -> str | None:
    """The date a sentence ends on (given its dates), which the next one may carry on."""
    if not dates:
        return None
    last = dates[-1].range
    return last.start or last.end


def carried_on(sentence: str, previous: str | None) -> str | None:
    """The date the sentence after ``sentence`` may carry on from, given the date
    ``sentence`` itself may carry on from (``previous``): its own last date, else the year
    of ``previous`` after "that year", else ``previous``."""
    dates = dates_in(sentence)
    if dates:
        return last_date(dates) or previous
    if previous is not None and SAME_YEAR.search(sentence):
        return previous[:4]
    return previous


class DateTrail:
    """The dates a paragraph's sentences carry on from (:func:`carried_date`), each worked
    out only when the reading of its sentence asks for it: finding a sentence's dates is
    slow, and most sentences state nothing that needs them (nor have a date a later
    sentence needs).
    """

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.into: list[str | None] = [None]
        """``into[i]``: the date sentence ``i`` may carry on from, for those worked out."""

    def carried(self, sentence: str, eventful: Callable[[str], bool]) -> Callable[[], str | None]:
        """The next sentence of the paragraph, and a function giving the date it carries on
        from (see :func:`carried_date`; ``eventful`` as there), worked out once."""
        self.sentences.append(sentence)
        return CarriedDate(self, len(self.sentences) - 1, eventful)

    def date(self, index: int, eventful: Callable[[str], bool]) -> str | None:
        """The date sentence ``index`` carries on from (see :meth:`carried`)."""
        sentence = self.sentences[index]
        previous = self._into(index)
        dated = previous is not None and bool(dates_in(sentence))
        return carried_date(sentence, previous, dated, eventful)

    def skip(self, sentence: str) -> None:
        """The next sentence of the paragraph, whose own carried date nothing asks for."""
        self.sentences.append(sentence)

    def _into(self, index: int) -> str | None:
        while len(self.into) <= index:
            before = len(self.into) - 1
            self.into.append(carried_on(self.sentences[before], self.into[before]))
        return self.into[index]


class CarriedDate:
    """What :meth:`DateTrail.carried` gives: the date a sentence carries on from, worked out
    when first asked for and kept. An object rather than a closure, which compiled code makes
    (once per sentence) with fewer allocations."""

    def __init__(self, trail: DateTrail, index: int, eventful: Callable[[str], bool]) -> None:
        self.trail = trail
        self.index = index
        self.eventful = eventful
        self.known = False
        self.value: str | None = None

    def __call__(self) -> str | None:
        if not self.known:
            self.value = self.trail.date(self.index, self.eventful)
            self.known = True
        return self.value
