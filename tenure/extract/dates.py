"""Dates and date ranges as encyclopedia text writes them, read as ISO 8601 prefixes.

    >>> parse_range("March 2014 – April 2015") == DateRange("2014-03", "2015-04")
    True
    >>> parse_range("since 2019")
    DateRange(start='2019', end=None, ongoing=True, acting=False, approximate=False, single=False)
    >>> parse_date("20 March 2023"), parse_date("early 2025"), parse_date("the 1990s")
    ('2023-03-20', '2025', None)
    >>> [(m.text, m.range.start, m.range.end) for m in find_dates("In 1997, he served until 1999.")]
    [('1997', '1997', None), ('until 1999', None, '1999')]

A date keeps the precision it is written at, never a finer one: "2014" is ``"2014"``, not
``"2014-01-01"``; compare such prefixes with :mod:`tenure.time`. Years are four digits from
1000 to 2199 (decades such as "the 1990s" are not years); a two-digit end year ("1946–48")
takes its century from the start. A range may share its year or month on the right
("January – June 2012", "1–5 May 2014"), run on ("2023–", "2023–present", "since 2019"),
be acting ("Acting: ...", "(Acting until ...)") or approximate ("c. 1950", "early 2025").

Articles are cut mid-word, so a range whose end is cut off at the very end of the text
("2014–2", "2014 – Apr", "5 May 2014 – 17 October 20") keeps its start and drops its end;
"2014–20" there still reads as 2014 to 2020. A plain hyphen before a month number reads as
an ISO date ("2011-12" is December 2011); other dashes before two digits read as a two-digit
end year ("2011–12" is 2011 to 2012). Month names count only capitalised ("May", "Sept.").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final, final

from tenure.extract import memo
from tenure.extract.spelling import optional_branches
from tenure.time import is_prefix

__all__ = [
    "DateMatch",
    "DateRange",
    "find_dates",
    "may_be_acting",
    "may_open_with_date",
    "parse_date",
    "parse_range",
    "split_acting",
]


class _Fields:
    """An immutable value compared and hashed by its fields (:meth:`_fields`), as a frozen
    dataclass is: equal only to one of its own class."""

    __slots__ = ()

    def _fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Fields) or type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())


@final
class DateRange(_Fields):
    """A span of time as written; ``start`` and ``end`` are ISO prefixes or None.

    Immutable (its fields are ``Final``), compared and hashed by its fields, like a frozen
    dataclass; written out because a dataclass's generated ``__init__`` stays interpreted in
    the compiled module (see :mod:`tenure.native`), where it costs ten times a compiled one,
    and dates are read from every list entry, row and sentence.

        >>> DateRange("2014", None, ongoing=True) == DateRange("2014", None, True)
        True
        >>> len({DateRange("2014", "2017"), DateRange("2014", "2017")})
        1
    """

    __slots__ = ("acting", "approximate", "end", "ongoing", "single", "start")

    def __init__(
        self,
        start: str | None,
        end: str | None,
        ongoing: bool = False,
        acting: bool = False,
        approximate: bool = False,
        single: bool = False,
    ) -> None:
        self.start: Final = start
        self.end: Final = end
        self.ongoing: Final = ongoing
        self.acting: Final = acting
        self.approximate: Final = approximate
        self.single: Final = single

    def _fields(self) -> tuple[str | None, str | None, bool, bool, bool, bool]:
        return (self.start, self.end, self.ongoing, self.acting, self.approximate, self.single)

    def __repr__(self) -> str:
        return (
            f"DateRange(start={self.start!r}, end={self.end!r}, ongoing={self.ongoing!r}, "
            f"acting={self.acting!r}, approximate={self.approximate!r}, single={self.single!r})"
        )


@final
class DateMatch(_Fields):
    """A date or range found in text, with the offsets of the text it was read from
    (immutable, compared and hashed by its fields, as :class:`DateRange`)."""

    __slots__ = ("begin", "finish", "range", "text")

    def __init__(self, range: DateRange, begin: int, finish: int, text: str) -> None:
        self.range: Final = range
        self.begin: Final = begin
        self.finish: Final = finish
        self.text: Final = text

    def _fields(self) -> tuple[DateRange, int, int, str]:
        return (self.range, self.begin, self.finish, self.text)

    def __repr__(self) -> str:
        return (
            f"DateMatch(range={self.range!r}, begin={self.begin!r}, finish={self.finish!r}, "
            f"text={self.text!r})"
        )


_MONTH_NAMES: Final = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
_MONTHS: Final = {name[:3].lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)}

_WS: Final = r"[^\S\r\n]"
_MONTH: Final = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?!\w)"
)
_AFTER_MONTH: Final = rf"(?:\.{_WS}*|,?{_WS}+)"
_DAY: Final = r"\d{1,2}(?:st|nd|rd|th)?(?!\w)"
_YEAR_DIGITS: Final = r"(?:1\d{3}|2[01]\d{2})"
_YEAR: Final = rf"{_YEAR_DIGITS}(?!\w|[.,]\d|-\d\d?-\d|(?<=0)['’]s(?!\w))"

_POINT_SOURCE: Final = (
    rf"(?P<iy>{_YEAR_DIGITS})-(?P<im>0[1-9]|1[0-2])(?:-(?P<id>\d{{2}}))?"
    rf"(?!\w|[-/.]\d|{_WS}+(?:of{_WS}+)?{_MONTH})"
    rf"|(?P<dd>{_DAY}){_WS}+(?:of{_WS}+)?(?P<dm>{_MONTH}){_AFTER_MONTH}(?P<dy>{_YEAR})"
    rf"|(?P<mm>{_MONTH}){_AFTER_MONTH}(?:(?P<md>{_DAY}),?{_WS}+)?(?P<my>{_YEAR})"
    rf"|(?P<y>{_YEAR})"
)
_PARTIAL_SOURCE: Final = (
    rf"(?P<dd>{_DAY}){_WS}+(?:of{_WS}+)?(?P<dm>{_MONTH})\.?"
    rf"|(?P<mm>{_MONTH}){_AFTER_MONTH}(?P<md>{_DAY})"
    rf"|(?P<m>{_MONTH})\.?"
    rf"|(?P<d>{_DAY})"
)
_DAY_YEAR_SOURCE: Final = rf"(?P<d>{_DAY}),?{_WS}+(?P<y>{_YEAR})"


def _unnamed(source: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", source)


_DASH: Final = rf"{_WS}*(?:--|[-–—−]){_WS}*"
_SEP: Final = rf"(?(between){_WS}+and{_WS}+|(?:{_DASH}|{_WS}+(?:to|until|till|through|thru){_WS}+))"
_QUALIFIER: Final = (
    rf"(?:(?:c|ca|approx)\.{_WS}*"
    rf"|(?:circa|approximately|around|about|early|mid|late)(?:{_WS}+|-))"
)
_ONGOING: Final = (
    rf"(?:{_DASH}(?:(?:to|till|until){_WS}+)?|{_WS}+(?:to|till|until){_WS}+)"
    rf"(?:present(?:{_WS}+day)?|incumbent|now|today|date)(?!\w)"
    rf"|{_WS}*[-–—−](?={_WS}*(?:[),;:\]|\r\n]|\Z))"
)


def _prefixes(word: str) -> str:
    """A pattern for ``word`` cut after any of its letters: "May" gives M(?:a(?:y)?)?."""
    return word[0] + "".join(f"(?:{letter}" for letter in word[1:]) + ")?" * (len(word) - 1)


_CUT_WORD: Final = (
    "(?-i:"
    + "|".join(_prefixes(name) for name in _MONTH_NAMES)
    + ")|"
    + "|".join(_prefixes(word) for word in ("present", "incumbent"))
)
_TWO_DIGITS: Final = rf"\d{{2}}(?!\w|[.,/-]\d|{_WS}+(?:of{_WS}+)?{_MONTH})"
_FRAGMENT: Final = (
    rf"(?:\d{{1,3}}|(?:{_DAY}{_WS}+)?(?:{_CUT_WORD})\.?"
    rf"(?:{_WS}+\d{{1,3}}(?:,{_WS}*\d{{0,3}})?)?)\Z"
)

_POINT: Final = re.compile(_POINT_SOURCE, re.IGNORECASE)
_PARTIAL: Final = re.compile(_PARTIAL_SOURCE, re.IGNORECASE)
_DAY_YEAR: Final = re.compile(_DAY_YEAR_SOURCE, re.IGNORECASE)
_NOT_AFTER: Final = r"[\w.,/+\-–—−]"
"""A date never starts right after one of these (it would be part of a longer number or word)."""
_DATE_SOURCE: Final = (
    rf"(?<!{_NOT_AFTER})"
    rf"(?P<acting>acting(?:{_WS}*:{_WS}*|{_WS}+))?"
    rf"(?:(?P<between>between){_WS}+|(?P<lead>from|since|until|till|up{_WS}+to){_WS}+)?"
    rf"(?P<qa>{_QUALIFIER})?"
    rf"(?:(?P<a>{_unnamed(_POINT_SOURCE)})"
    rf"(?:{_SEP}(?P<qb>{_QUALIFIER})?(?P<b>{_unnamed(_POINT_SOURCE)})"
    rf"|(?P<ongoing>{_ONGOING})"
    rf"|{_SEP}(?:(?P<fragment>{_FRAGMENT})|(?P<yy>{_TWO_DIGITS})))?"
    rf"|(?P<l>{_unnamed(_PARTIAL_SOURCE)}){_SEP}(?P<qc>{_QUALIFIER})?"
    rf"(?:(?P<c>{_unnamed(_POINT_SOURCE)})|(?P<cdy>{_unnamed(_DAY_YEAR_SOURCE)})))"
    rf"(?P<acting2>{_WS}*\(acting\))?"
)
_DATE: Final = re.compile(optional_branches(_DATE_SOURCE), re.IGNORECASE)
_GROUPS: Final = (
    *("acting", "between", "lead", "qa", "a", "qb", "b", "ongoing", "fragment", "yy", "l"),
    *("qc", "c", "cdy", "acting2"),
)
"""The groups of _DATE, in its order (``m.groups()``): what :func:`_read` reads a range from."""


def _i(words: str) -> str:
    """``words`` (an alternation of plain words) read ignoring case, as _DATE reads them.

    _FAST is compiled minding case and ignores it only in its words: a character class
    (digits, dashes, blanks) costs more to match ignoring case. Months mind case in both."""
    return f"(?i:{words})"


_MAY_BEGIN: Final = (
    rf"\d|(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rf"|(?={_i('[abceflmstu]')})"  # the first letters of the words below
    rf"(?:(?:{_i('from|since|until|till')}|{_i('up')}{_WS}+{_i('to')}){_WS}+"
    rf"(?:\d|{_i('[acelm]')}|(?-i:[JFMASOND]))"
    rf"|{_i('acting')}(?:{_WS}|:)|{_i('between')}{_WS}"
    rf"|{_i('c|ca|approx')}\.|{_i('circa|approximately|around|about|early|mid|late')}(?:{_WS}|-))"
)
"""How every _DATE match begins, loosely (it matches wherever _DATE does, and in other places):
a digit, a month, or a lead word, "acting", "between" or a qualifier and what follows it."""
_UNTIL_START: Final = rf"(?:\W+|(?<={_NOT_AFTER})\w+|(?!{_MAY_BEGIN})\w+)*+"
"""Whatever cannot begin a _DATE match: characters that are not word characters, words right
after a character _DATE may not follow, and words no date begins with. Stops at the first
place a date could begin."""

# _DATE's pieces, with only their words ignoring case (same matches, same order)
_FAST_YEAR_END: Final = rf"(?!\w|[.,]\d|-\d\d?-\d|(?<=0)['’]{_i('s')}(?!\w))"
_FAST_ISO_END: Final = rf"(?!\w|[-/.]\d|{_WS}+(?:{_i('of')}{_WS}+)?{_MONTH})"
_FAST_YEAR: Final = rf"{_YEAR_DIGITS}{_FAST_YEAR_END}"
_FAST_DAY: Final = rf"\d{{1,2}}{_i('st|nd|rd|th')}?(?!\w)"
_FAST_LEAD: Final = rf"(?P<lead>{_i('from|since|until|till')}|{_i('up')}{_WS}+{_i('to')}){_WS}+"
_FAST_SEP: Final = rf"(?:{_DASH}|{_WS}+{_i('to|until|till|through|thru')}{_WS}+)"
_FAST_QUALIFIER: Final = (
    rf"(?:{_i('c|ca|approx')}\.{_WS}*"
    rf"|{_i('circa|approximately|around|about|early|mid|late')}(?:{_WS}+|-))"
)
_FAST_ONGOING: Final = (
    rf"(?:{_DASH}(?:{_i('to|till|until')}{_WS}+)?|{_WS}+{_i('to|till|until')}{_WS}+)"
    rf"(?:{_i('present')}(?:{_WS}+{_i('day')})?|{_i('incumbent|now|today|date')})(?!\w)"
    rf"|{_WS}*[-–—−](?={_WS}*(?:[),;:\]|\r\n]|\Z))"
)


def _fast_point(side: str) -> str:
    """_POINT_SOURCE with its groups named for ``side`` ("a" or "b"): the same matches, with
    fewer steps. Its branches begin differently (a month, four digits, a day), so the first
    that matches is the only one; the month first, the commonest. Its first and last branches
    (both beginning with the four digits of a year) are joined, and a day is not tried before
    three digits, which it cannot match."""
    return (
        rf"(?P<{side}mm>{_MONTH}){_AFTER_MONTH}(?:(?!\d{{3}})(?P<{side}md>{_FAST_DAY}),?{_WS}+)?"
        rf"(?P<{side}my>{_FAST_YEAR})"
        rf"|(?P<{side}y>{_YEAR_DIGITS})"
        rf"(?:-(?P<{side}m>0[1-9]|1[0-2])(?:-(?P<{side}d>\d{{2}}))?{_FAST_ISO_END}"
        rf"|{_FAST_YEAR_END})"
        rf"|(?P<{side}dd>{_FAST_DAY}){_WS}+(?:{_i('of')}{_WS}+)?"
        rf"(?P<{side}dm>{_MONTH}){_AFTER_MONTH}(?P<{side}dy>{_FAST_YEAR})"
    )


_FAST_DATE: Final = (
    rf"(?<!{_NOT_AFTER})"
    rf"(?P<date>(?:(?={_i('a')})(?P<acting>{_i('acting')}(?:{_WS}*:{_WS}*|{_WS}+)))?"
    rf"(?:(?={_i('[fsut]')}){_FAST_LEAD})?(?:{_fast_point('a')})"
    rf"(?:(?=[-–—−]|{_WS})(?:{_FAST_SEP}"
    rf"(?:(?={_i('[acelm]')})(?P<qb>{_FAST_QUALIFIER}))?(?:{_fast_point('b')})"
    rf"|(?P<ongoing>{_FAST_ONGOING}))"
    rf"|(?!{_WS}*[-–—−]|{_WS}+{_i('to|until|till|through|thru')}{_WS}))"
    rf"(?P<acting2>{_WS}*\({_i('acting')}\))?)"
)
_FAST_HERE: Final = re.compile(optional_branches(_FAST_DATE))
"""_FAST without its skip: a common date right where the match starts. Where it matches,
_FAST (which would skip nothing there) matches the same."""
_FAST: Final = re.compile(optional_branches(_UNTIL_START + _FAST_DATE))
"""The common dates ("2014", "until March 2014", "5 May 2014 – present", "2014–2017"), read
at the first place a date could begin: where it matches, _DATE matches there the same text,
and :func:`_read_fast` reads from its groups what :func:`_read` reads from _DATE's.

It is _DATE without the branches that begin with "between" or a qualifier, without a left
side that borrows its year, and without an end cut off or given in two digits. Where it
matches, the text begins ("acting" aside) with a lead word, a digit or a month name, which
none of the dropped beginnings can; its point is the one _DATE reads there; what follows the
point is read in _DATE's order (a second point, then an ongoing end); and when neither
follows, nothing that could begin a separator does, so _DATE's remaining ends (all after a
separator) fail. The skip before it (_UNTIL_START) passes only places where _DATE cannot
match. Where _FAST does not match, find_dates and parse_range ask _DATE (the tests check both
agree).
"""
_POINT_GROUPS: Final = ("mm", "md", "my", "y", "m", "d", "dd", "dm", "dy")
"""The groups of one point of _FAST (after its side, "a" or "b"), in its order."""
_FAST_GROUPS: Final = (
    *("date", "acting", "lead", *("a" + name for name in _POINT_GROUPS), "qb"),
    *("b" + name for name in _POINT_GROUPS),
    *("ongoing", "acting2"),
)
"""The groups of _FAST, in its order (``m.groups()``): what :func:`_read_fast` reads."""
_A: Final = slice(_FAST_GROUPS.index("amm"), _FAST_GROUPS.index("ady") + 1)
_B: Final = slice(_FAST_GROUPS.index("bmm"), _FAST_GROUPS.index("bdy") + 1)
_ACTING_AT, _LEAD_AT, _QB_AT, _ONGOING_AT, _ACTING2_AT = (
    _FAST_GROUPS.index(name) for name in ("acting", "lead", "qb", "ongoing", "acting2")
)
_B_MDY, _B_Y, _B_DMY = (_FAST_GROUPS.index(name) for name in ("bmy", "by", "bdy"))
"""Where the year groups of the second point are (a second point has exactly one of them)."""

_YEAR_ANYWHERE: Final = re.compile(_YEAR_DIGITS)
"""Four digits that may be a year. Every date _DATE finds holds one: its point, or the point
or day-year after a partial left side."""


def search_year(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, start)`` for a pattern whose matches start with "1" or "2" (a
    year's first digit) and look at nothing before their start.

    The digits are found with ``str.find``, and the pattern tried at each in turn with
    ``pattern.match``: a search tests every character against the class of the first
    characters, ``str.find`` runs through memory for one (most of the text a year is looked
    for in has no digit but the year's).
    """
    one = text.find("1", start)
    two = text.find("2", start)
    while one >= 0 or two >= 0:
        if two < 0 or 0 <= one < two:
            at = one
            one = text.find("1", one + 1)
        else:
            at = two
            two = text.find("2", two + 1)
        found = pattern.match(text, at)
        if found is not None:
            return found
    return None


_BEFORE_YEAR_WORDS: Final = (
    *("acting", "between", "and", "from", "since", "until", "till", "up", "to", "through"),
    *("thru", "c", "ca", "approx", "circa", "approximately", "around", "about", "early"),
    *("mid", "late", "of", "st", "nd", "rd", "th", "sept"),
    *(name.lower() for name in _MONTH_NAMES),
    *(name[:3].lower() for name in _MONTH_NAMES),
)
"""Every word _DATE can read before the first year of a date: "acting", the leading words, the
qualifiers, "of", the separators, day suffixes and month names (their case aside)."""
_OPENING_WORDS: Final = frozenset(_BEFORE_YEAR_WORDS)
_LEADING_LETTERS: Final = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]+")


def may_open_with_date(text: str) -> bool:
    """False only when no date can begin ``text`` ("Li Zhanshu (2014–2017)"): a quick test
    before a :func:`find_dates` whose only question is whether a date opens the text.

    What a date holds before its first year is a run of blanks, punctuation, numbers and
    :data:`_BEFORE_YEAR_WORDS`, each word a whole run of letters. So a text opening with a
    run of ASCII letters that is none of those words opens with no date; a text opening with
    anything else (a digit, a bracket, a letter that folds to ASCII) is left to the search.
    """
    lead = _LEADING_LETTERS.match(text)
    if lead is None:
        return True
    word = lead.group()
    return not word.isascii() or word.lower() in _OPENING_WORDS


_BEFORE_YEAR: Final = re.compile(
    rf"(?:(?:{_WS}|[.,:\-–—−])*(?:\d+"
    rf"|(?=(?:{'|'.join(sorted({w[::-1] for w in _BEFORE_YEAR_WORDS}, key=len, reverse=True))})"
    r"(?![a-z]))[a-z]+))*",
    re.IGNORECASE,
)
"""Matched on the reversed text from just before a year: the run of blanks, punctuation,
numbers and _BEFORE_YEAR_WORDS (each a whole run of letters; ``[a-z]`` ignoring case also takes
the letters that fold to them, such as "ſ", as _DATE's words do) that the year follows, up to
its first number or word. Whatever a date holds before its first year is such a run, and a
date begins with a number or a word, so no date containing that year starts before it. It is
matched no further back than where the search may start (``endpos``), so that a long run of
dates ("Acting c. 2014, Acting c. 2015, ...") is not read back to its beginning for each year."""
_ACTING: Final = re.compile("[aA](?i:cting)")
"""The word every acting date holds (as _DATE's ``acting`` or ``acting2``, ignoring case). Spelled
to start with the class of its first letter (no other letter folds to "a"), ignoring case
only after it, so that a search skips to it."""
_LEADING_WORD: Final = re.compile(r"(?:in|on|during)\s+", re.IGNORECASE)
_DIGITS: Final = re.compile(r"\d+")
_EDGE_PUNCT: Final = " \t\r\n,;:"

_Parts = tuple[int | None, int | None, int | None]


def _day(text: str | None) -> int | None:
    found = _DIGITS.match(text) if text else None
    return int(found.group()) if found else None


def _month(text: str | None) -> int | None:
    return _MONTHS[text[:3].lower()] if text else None


@lru_cache(maxsize=4096)
def _point(text: str) -> _Parts:
    """Year, month and day of one point ("March 2014", "2014-03-05"); memoized, as the same
    few points recur throughout a corpus."""
    m = _POINT.fullmatch(text)
    assert m is not None
    iy, im, id_, dy, dm, dd, my, mm, md, y = m.group(
        "iy", "im", "id", "dy", "dm", "dd", "my", "mm", "md", "y"
    )
    if iy:
        return int(iy), int(im), _day(id_)
    if dy:
        return int(dy), _month(dm), _day(dd)
    if my:
        return int(my), _month(mm), _day(md)
    return int(y), None, None


@lru_cache(maxsize=4096)
def _partial(text: str) -> tuple[int | None, int | None]:
    """Month and day of a left side that borrows its year ("5 May", "January"); memoized."""
    m = _PARTIAL.fullmatch(text)
    assert m is not None
    return _month(m["dm"] or m["mm"] or m["m"]), _day(m["dd"] or m["md"] or m["d"])


@lru_cache(maxsize=4096)
def _prefix(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO prefix of a year, month and day as read, or None when they name no real date;
    memoized, as the same dates recur."""
    if year is None or (day is not None and month is None):
        return None
    text = f"{year:04d}"
    if month is not None:
        text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
    if day is not None and (day < 1 or (day > 28 and not is_prefix(text))):
        return None
    return text if month is None or 1 <= month <= 12 else None


def _shared(left: str, point: str | None, day_year: str | None) -> tuple[str | None, str | None]:
    """Start and end of a range whose left side borrows its year (and month) from the right."""
    month, day = _partial(left)
    if point:
        year, end_month, end_day = _point(point)
    else:
        assert day_year is not None
        tail = _DAY_YEAR.fullmatch(day_year)
        assert tail is not None
        if month is None or day is None:
            return None, None
        year, end_month, end_day = int(tail["y"]), month, _day(tail["d"])
    if month is None:
        month = end_month
    if month is None:
        return None, None
    return _prefix(year, month, day), _prefix(year, end_month, end_day)


def _two_digit_end(start: _Parts, digits: str, at_end: bool) -> str | None:
    """The end year of "1946–48" or "1999–01"; "" when a cut-off year leaves it unknown."""
    year = start[0]
    assert year is not None
    if start[1] is not None:
        return "" if at_end else None
    end = year // 100 * 100 + int(digits)
    if end > year:
        return str(end)
    if end + 100 - year <= 10:
        return str(end + 100)
    if at_end and int(digits) >= year // 100:
        return ""
    return None


def _to_range(m: re.Match[str], at_end: bool) -> DateRange | None:
    return _read(m.groups(), at_end)


@lru_cache(maxsize=4096)
def _read(groups: tuple[str | None, ...], at_end: bool) -> DateRange | None:
    """The range a _DATE match states, from its _GROUPS (the date's own words, such as
    ("2014", "2017") for "2014–2017") and whether it ends the text. Memoized: a corpus
    writes the same dates again and again, and DateRange is immutable."""
    acting_, between, lead_, qa, a, qb, b, ongoing, cut, yy, left, qc, c, cdy, acting2 = groups
    acting = bool(acting_ or acting2)
    approximate = bool(qa or qb or qc)
    if left:
        start, end = _shared(left, c, cdy)
        if start is None or end is None:
            return None
        return _checked(start, end, acting, approximate)
    assert a is not None
    parts = _point(a)
    start = _prefix(*parts)
    if start is None:
        return None
    lead = (lead_ or "").lower()
    if b:
        end = _prefix(*_point(b))
        return _checked(start, end, acting, approximate) if end else None
    digits = yy or (cut if cut and len(cut) == 2 and cut.isdigit() else None)
    if cut and not (at_end or digits):
        return None
    if digits:
        end = _two_digit_end(parts, digits, at_end)
        if end is None:
            return None
        return _checked(start, end or None, acting, approximate)
    if ongoing or lead == "since":
        return DateRange(start, None, True, acting, approximate)
    if cut or lead == "from" or between:
        return DateRange(start, None, False, acting, approximate)
    if lead:
        return DateRange(None, start, False, acting, approximate)
    return DateRange(start, None, False, acting, approximate, True)


def _checked(start: str, end: str | None, acting: bool, approximate: bool) -> DateRange | None:
    """The range from ``start`` to ``end``, or None when it would end before it starts.

    Both are valid ISO prefixes (from :func:`_prefix`, or a year from :func:`_two_digit_end`):
    the first day of ``start`` is after the last day of ``end`` exactly when, cut to the
    shorter of the two, ``start`` sorts after ``end``.
    """
    if end:
        shorter = min(len(start), len(end))
        if start[:shorter] > end[:shorter]:
            return None
    return DateRange(start, end, False, acting, approximate)


_MONTH_NUMBERS: Final = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)}
"""The number of each month, by the first three letters of its name as _MONTH matches it."""


def _day_number(day: str) -> int:
    """The number of a day _FAST matched ("5", "21st"): its one or two leading digits."""
    return int(day[:2]) if day[1:2].isdecimal() else int(day[:1])


def _fast_prefix(parts: tuple[str | None, ...]) -> str | None:
    """The ISO prefix of one point of a _FAST match, from its _POINT_GROUPS; what
    ``_prefix(*_point(text))`` gives for the point's text. A year (1000 to 2199) and a month
    are valid as matched, so only a day is checked (by :func:`_prefix`)."""
    mmonth, mday, myear, year, month, day, dday, dmonth, dyear = parts
    if year is not None:
        if day is None:
            year = year if year.isascii() else str(int(year))
            return f"{year}-{month}" if month else year
        return _prefix(int(year), int(month) if month else None, int(day))
    if dyear is not None:
        assert dmonth is not None and dday is not None
        return _prefix(int(dyear), _MONTH_NUMBERS[dmonth[:3]], _day_number(dday))
    assert myear is not None and mmonth is not None
    if mday is None:
        myear = myear if myear.isascii() else str(int(myear))
        return f"{myear}-{_MONTH_NUMBERS[mmonth[:3]]:02d}"
    return _prefix(int(myear), _MONTH_NUMBERS[mmonth[:3]], _day_number(mday))


_READINGS_SIZE: Final = 4096
_READINGS: dict[str, DateRange | None] = memo.table(f"{__name__}._READINGS", _READINGS_SIZE)
"""The reading of each date text _FAST matched (its ``date`` group, such as "until 2005"),
emptied when it reaches :data:`_READINGS_SIZE` entries. The text decides the reading: _FAST
splits a text into lead word, points, separator and ends in one way only."""
_UNREAD: Final = DateRange(None, None)
"""Stands for a date text not in _READINGS (no reading is this range)."""


def _read_date(fast: re.Match[str]) -> tuple[str, DateRange | None]:
    """The text of a _FAST match's date and the range it states (from _READINGS, or read)."""
    date = fast.group(1)
    read = _READINGS.get(date, _UNREAD)
    if read is _UNREAD:
        read = memo.keep(_READINGS, date, _read_fast(fast.groups()), _READINGS_SIZE)
    return date, read


def _read_fast(groups: tuple[str | None, ...]) -> DateRange | None:
    """The range a _FAST match states, from its groups (_FAST_GROUPS); what :func:`_read`
    gives for the same _DATE match, which has no left side, cut-off end or two-digit end."""
    start = _fast_prefix(groups[_A])
    if start is None:
        return None
    lead, qb, ongoing = groups[_LEAD_AT], groups[_QB_AT], groups[_ONGOING_AT]
    acting = groups[_ACTING_AT] is not None or groups[_ACTING2_AT] is not None
    approximate = qb is not None
    if groups[_B_MDY] is not None or groups[_B_Y] is not None or groups[_B_DMY] is not None:
        end = _fast_prefix(groups[_B])
        return _checked(start, end, acting, approximate) if end else None
    if lead is not None:
        lead = lead.lower()
    if ongoing is not None or lead == "since":
        return DateRange(start, None, True, acting, approximate)
    if lead == "from":
        return DateRange(start, None, False, acting, approximate)
    if lead is not None:
        return DateRange(None, start, False, acting, approximate)
    return DateRange(start, None, False, acting, approximate, True)


def _trimmed(text: str) -> str:
    """``text`` without surrounding blanks and trailing ".,;:" (mixed with blanks)."""
    text = text.rstrip()
    while text and text[-1] in ".,;:":
        text = text[:-1].rstrip()
    return text.lstrip()


_SHORT: Final = 64
"""Values up to this length (a date, a range, a table cell) have their reading memoized."""
_NEAR: Final = 48
"""How far ahead the next possible year may be for find_dates to look for a date's beginning
word by word with _FAST; when it is further, the search starts at the words before the year
(_BEFORE_YEAR), read backwards."""


def parse_range(text: str) -> DateRange | None:
    """Read the whole of ``text`` as one date or range; None if it is anything else.

    Surrounding whitespace and parentheses, a leading "in"/"on"/"during" and trailing
    punctuation are allowed; "from", "since", "between", "until" and "Acting:" are read.
    """
    return _parse_short(text) if len(text) <= _SHORT else _parse_range(text)


@lru_cache(maxsize=4096)
def _parse_short(text: str) -> DateRange | None:
    """:func:`_parse_range` of a short value: the same dates fill infoboxes and tables over and
    over ("2014", "March 2014"), and DateRange is immutable."""
    return _parse_range(text)


def _parse_range(text: str) -> DateRange | None:
    core = _trimmed(text)
    if core.startswith("(") and core.endswith(")"):
        core = _trimmed(core[1:-1])
    leading = _LEADING_WORD.match(core)
    if leading:
        core = core[leading.end() :]
    fast = _FAST_HERE.match(core)
    if fast is not None and fast.end() == len(core):
        # _DATE's first match at 0 is _FAST's; it spans the text, so _DATE.fullmatch gives it
        return _read_date(fast)[1]
    m = _DATE.fullmatch(core)
    if m is None:
        return None
    return _to_range(m, at_end=ends_text(text, core))


def ends_text(text: str, core: str) -> bool:
    """Whether ``core`` (``text`` trimmed) ends the text as a cut-off end must: followed by
    blanks only, or by the full stop of a cut-off word ("2010–Sept.", as :func:`find_dates`
    reads it at the end of a text). A full stop after digits, or other punctuation, says the
    value went on."""
    tail = text.rstrip()
    if tail.endswith(core):
        return True
    return bool(core) and core[-1].isalpha() and tail.endswith(core + ".")


def parse_date(text: str) -> str | None:
    """The ISO prefix of ``text`` when it states exactly one date ("In September 2000")."""
    found = parse_range(text)
    return found.start if found is not None and found.single else None


def find_dates(text: str) -> list[DateMatch]:
    """Every date and range in free text, left to right, non-overlapping, longest first."""
    if len(text) <= _SHORT:
        return list(_find_short(text))
    return _find_dates(text)


@lru_cache(maxsize=4096)
def _find_short(text: str) -> tuple[DateMatch, ...]:
    """:func:`_find_dates` of a short text: the same values fill tables and lists over and over
    ("2004–", "1997–1999"), and DateMatch is immutable; the tuple is copied by find_dates."""
    return tuple(_find_dates(text))


def _find_dates(text: str) -> list[DateMatch]:
    """What ``_DATE.finditer(text)`` finds and reads, trying _DATE itself only where _FAST
    does not match.

    The next date begins at the first place one could begin (_FAST reads the common ones
    there). A date holds a year (_YEAR_ANYWHERE) and, before its first year, only a
    _BEFORE_YEAR run: so where the next possible year is far ahead, the search starts at the
    run before it; and where _FAST does not match, _DATE searches from there.
    """
    found: list[DateMatch] = []
    length = len(text)
    backwards = ""
    position = 0
    while length - position >= 4:  # room for a year
        if position or length > _SHORT:
            year = search_year(_YEAR_ANYWHERE, text, position)
            if year is None:
                break
            at = year.start()
            if at - position > _NEAR:
                if not backwards:
                    backwards = text[::-1]
                run = _BEFORE_YEAR.match(backwards, length - at, length - position)
                assert run is not None  # it matches the empty run at least
                position = max(at - (run.end() - run.start()), position)
        fast = _FAST_HERE.match(text, position) or _FAST.match(text, position)
        if fast is not None:
            date = fast.group(1)
            read = _READINGS.get(date, _UNREAD)
            if read is _UNREAD:
                read = _read_date(fast)[1]
            begin, position = fast.span(1)
        else:
            year = search_year(_YEAR_ANYWHERE, text, position)
            if year is None:
                break
            at = year.start()
            if not backwards:
                backwards = text[::-1]
            run = _BEFORE_YEAR.match(backwards, length - at, length - position)
            assert run is not None  # it matches the empty run at least
            m = _DATE.search(text, max(at - (run.end() - run.start()), position))
            if m is None:
                break
            begin, position = m.span()
            date = m.group()
            read = _read(m.groups(), position == length)
        if read is not None:
            found.append(DateMatch(read, begin, position, date))
    return found


def _skip_space(text: str, index: int, step: int, limit: int = 0) -> int:
    """The index past the whitespace next to ``index`` (before it for step -1)."""
    if step < 0:
        while index > limit and text[index - 1].isspace():
            index -= 1
    else:
        while index < len(text) and text[index].isspace():
            index += 1
    return index


def may_be_acting(text: str) -> bool:
    """False only when no date in ``text`` is acting, so :func:`split_acting` would give back
    ``text`` and no span: a quick test for many texts at once (a table row's cells, through
    the row's text)."""
    return _ACTING.search(text) is not None


def split_acting(text: str) -> tuple[str, list[DateRange]]:
    """Separate acting spans from the rest of a field value.

    "8 May 2015, Acting: 5 May 2014 – 17 October 2014" gives "8 May 2015" and the acting
    range; an enclosing pair of parentheses goes with the acting span it encloses.
    """
    if not may_be_acting(text):
        return text, []
    spans: list[DateRange] = []
    kept: list[str] = []
    last = 0
    for found in find_dates(text):
        if not found.range.acting:
            continue
        begin, finish = found.begin, found.finish
        opening, closing = _skip_space(text, begin, -1, last), _skip_space(text, finish, 1)
        if text[opening - 1 : opening] == "(" and text[closing : closing + 1] == ")":
            begin, finish = opening - 1, closing + 1
        kept.append(text[last:begin])
        last = finish
        spans.append(found.range)
    if not spans:
        return text, []
    kept.append(text[last:])
    rest = " ".join(piece.strip(_EDGE_PUNCT) for piece in kept)
    return " ".join(rest.split()), spans
