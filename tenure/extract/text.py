"""Sentences and the names in them, for the prose extractors.

    >>> [s.text for s in split_sentences("He was born in 1950. In 1963, he was admitted.")]
    ['He was born in 1950.', 'In 1963, he was admitted.']
    >>> find_orgs("the CCP Central Committee decided to establish a Central Leading Group")
    ['CCP Central Committee', 'Central Leading Group']

Organization names are runs of capitalized words joined by "of", "the", "for", "and", "on"
that contain a word naming a body (Office, Commission, Group ...); abbreviations defined in
the text ("Central Foreign Affairs Leading Group (FALG)") are remembered by
:class:`Mentions` so later sentences that say "the FALG" or "the group" resolve to the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Final

from tenure.extract import memo
from tenure.extract.names import ORG_WORDS, ORG_WORDS_LISTED, WHOLE_WORDS
from tenure.extract.spelling import optional_branches, syntax

ABBREVIATIONS: Final = re.compile(
    r"\b(?:No|Nos|St|Dr|Mr|Mrs|Ms|Jr|Sr|Gen|Lt|Col|Maj|Capt|Adm|Rt|Hon|Prof|Inc|Ltd|Co|Corp|vs|etc|"
    r"e\.g|i\.e|c|ca|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|[A-Z])\.$"
)
WORD: Final = r"(?:[A-Z][\w'’\-–]*|[A-Z]{2,}|\d+(?:st|nd|rd|th))"
CONNECT: Final = r"(?:of|the|for|and|on|in|to|de|du|la|'s|’s)"
INLINE_ABBR: Final = r"(?:\s+\([A-Z]{2,8}\))?"
FIRST_WORD: Final = (
    r"[A-Z\d](?<![\w-].)(?:(?<=[A-Z])[\w'’\-–]*|(?<=[A-Z])[A-Z]+|(?<=\d)\d*(?:st|nd|rd|th))"
)
"""``(?<![\\w-])`` then :data:`WORD`, spelled to start with the character class of its first
letter (checked for not following a word first) so that a search skips quickly to the
capitals and digits (a pattern that starts with a look-behind is tried at every
character)."""
ORG_PHRASE: Final = re.compile(
    rf"{FIRST_WORD}{INLINE_ABBR}(?:(?:\s++|-)(?:{CONNECT}\s++)*+(?:{WORD}){INLINE_ABBR})*+"
    rf"(?:\s*'s\s+{WORD}(?:\s+{WORD})*)?"
)
"""A run of capitalized words and the connecting words between them ("Ministry of State
Security"). Its repeats are possessive (``++``, ``*+``), which changes no match: what follows
the blanks after a word (a connecting word or a word) never starts with a blank, a word never
starts where a connecting word does, and all that follows the run is optional, so giving any
of them back never made a match. Giving nothing back, each word after the last costs less:
findall over 2,942 sentences took 5.8 ms against 6.7 ms."""
LEADING_NOISE: Final = re.compile(
    r"^(?:The|In|On|At|After|Before|Since|From|Under|During|When|While|By|As|Its|His|Her|Their|"
    r"This|That|These|Initially|Later|Then|Also|Historically|Additionally|However|Although|"
    r"Besides|Like|Unlike|Since|Until|With|Both|Each|Every|A|An)\s+"
)
TRAILING_NOISE: Final = re.compile(r"(?:\s+(?:of|the|for|and|on|in|to))+$")
SENTENCE_END: Final = re.compile(r"[.!?][\"”']?(?=\s+[\"'(“]?[A-Z0-9]|$)")
LEADING_ARTICLE: Final = re.compile(r"^(?:the|a|an)\s+")
# Patterns searched for (not matched at a start) that begin with blanks begin with "\s\s*"
# rather than "\s+": the same matches, but sre skips to a leading class and tries a leading
# repeat at every character. Over articles 5000-5200 the change to the 17 such patterns took
# 3,327,487 -> 3,285,797 instructions/article (callgrind); tests/extract/test_blank_starts.py
# compares each with its "\s+" form.
AND_THE: Final = re.compile(r"\s\s*and\s+(?:the|its)\s+")
TRAILING_ABBREVIATION: Final = re.compile(r"\s\s*\([A-Z]{2,8}\)$")


@dataclass
class Sentence:
    text: str
    line: int
    section: str | None
    paragraph: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Split a paragraph into sentences; a period ends one unless it ends an abbreviation."""
    return [Sentence(piece, 0, None, 0, index) for index, piece in enumerate(sentence_texts(text))]


def sentence_texts(text: str) -> list[str]:
    """The texts of :func:`split_sentences`, without building a :class:`Sentence` for each."""
    out: list[str] = []
    start = 0
    for end in sentence_ends(text):
        candidate = text[start:end]
        tail = candidate.rstrip(".!?\"”'").rsplit(None, 1)
        if tail and _ends_abbreviation(tail[-1]):
            continue
        candidate = candidate.strip()
        if candidate:
            out.append(candidate)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def sentence_ends(text: str) -> list[int]:
    """Where the matches of ``SENTENCE_END.finditer(text)`` end.

    In a paragraph without "!" and "?" (most) the matches start at full stops, found with
    ``str.find``, and each is tried there with ``SENTENCE_END.match``: a search tests every
    character against the class ``[.!?]`` first, ``str.find`` runs through memory for one
    character (over articles 5000-5200: 40,000 instructions a paragraph, two thirds of them
    the search's). The next match is looked for where one ends, as ``finditer`` does.
    """
    if "!" in text or "?" in text:
        return [m.end() for m in SENTENCE_END.finditer(text)]
    ends: list[int] = []
    match = SENTENCE_END.match
    stop = text.find(".")
    while stop >= 0:
        found = match(text, stop)
        if found is None:
            stop = text.find(".", stop + 1)
        else:
            ends.append(found.end())
            stop = text.find(".", found.end())
    return ends


_ABBREVIATION_ENDS_SIZE = 4096
_ABBREVIATION_ENDS: dict[str, bool] = memo.table(
    f"{__name__}._ABBREVIATION_ENDS", _ABBREVIATION_ENDS_SIZE
)
""":func:`_ends_abbreviation` of each word, emptied when it reaches
:data:`_ABBREVIATION_ENDS_SIZE` entries (a dict is cheaper than a call through
:func:`functools.lru_cache` for a lookup made at every full stop)."""


def _ends_abbreviation(word: str) -> bool:
    """Whether a full stop after ``word`` (a sentence's last word) ends an abbreviation
    ("Mr", "U.S") rather than the sentence. Kept per word in :data:`_ABBREVIATION_ENDS`: the
    same words end sentences."""
    found = _ABBREVIATION_ENDS.get(word)
    if found is None:
        found = memo.keep(
            _ABBREVIATION_ENDS,
            word,
            ABBREVIATIONS.search(word + ".") is not None,
            _ABBREVIATION_ENDS_SIZE,
        )
    return found


MONTH_TAIL: Final = re.compile(
    r"\s\s*(?:in|on|of|from|since|until|by)\s+(?:(?:early|late|mid)\s+)?(?:January|February|March"
    r"|April|May|June|July|August|"
    r"September|October|November|December|\d{4}).*$"
)


UNCASED_MARKS: Final = frozenset("‘’“”–—")
"""Quotation marks and dashes, which no case folding touches (see :func:`ascii_twin`)."""
ASCII_CLASSES: Final = {
    "s": "\\x09-\\x0d\\x1c-\\x20",
    "d": "\\x30-\\x39",
    "w": "\\x30-\\x39\\x41-\\x5a\\x5f\\x61-\\x7a",
    "S": "\\x00-\\x08\\x0e-\\x1b\\x21-\\x7f",
    "D": "\\x00-\\x2f\\x3a-\\x7f",
    "W": "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f",
}
"""The ASCII characters Unicode's ``\\s``, ``\\d`` and ``\\w`` (and their complements) match,
as ranges for a character class (see :func:`ascii_twin`); ASCII's own ``\\s`` leaves out the
separators ``\\x1c``-``\\x1f``."""
_NUMBERED_ESCAPES: Final = {"x": 4, "u": 6, "U": 10}
"""The length of an escape that gives a character's number in hexadecimal, by its letter."""
_CONTROL_ESCAPES: Final = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13}
"""The character each escape of a control character stands for in a class."""


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` for ASCII text only: the same matches there, found faster.

    It is compiled with :data:`re.ASCII`, which tests ``\\b`` against a table rather than
    Unicode's, with each ``\\s``, ``\\d`` and ``\\w`` (and ``\\S``, ``\\D``, ``\\W``) spelled as
    the ASCII characters it matches (:data:`ASCII_CLASSES`) and each character class without
    the characters and ranges beyond ASCII, which ASCII text never holds: sre then tests a
    class against one table of 256 bits instead of against each of its parts in turn (a
    category, a few characters, a table of 65,536 bits for a "’"), and that test is most of
    what a search costs where it skips to a class or repeats one. A case-insensitive pattern
    is twinned only when it is written in ASCII but for :data:`UNCASED_MARKS` outside ranges:
    Unicode's case folding matches an ASCII character with a few non-ASCII ones ("K" and the
    Kelvin sign), never with another ASCII one than ASCII's does, and leaves those marks
    alone. Patterns it cannot twin so (inline flags, a class with an escape it does not
    read) are refused (ValueError). Use it as ``(TWIN if text.isascii() else PATTERN)``.
    """
    source = pattern.pattern
    if pattern.flags & re.IGNORECASE:
        for index, char in enumerate(source):
            if char.isascii():
                continue
            if char not in UNCASED_MARKS or "-" in source[max(index - 1, 0) : index + 2]:
                raise ValueError(f"a case-insensitive pattern with {char!r} is not twinned")
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            pair = source[index : index + 2]
            spelled = ASCII_CLASSES.get(pair[1:])
            out.append(pair if spelled is None else f"[{spelled}]")
            index += 2
            continue
        flag = source[index + 2 : index + 3]
        if source.startswith("(?", index) and flag.isalpha() and flag != "P":
            raise ValueError("inline flags are not twinned")
        if char == "[":
            spelled, index = _ascii_class(source, index)
            out.append(spelled)
            continue
        out.append(char)
        index += 1
    return re.compile(optional_branches("".join(out)), (pattern.flags & ~re.UNICODE) | re.ASCII)


def _ascii_class(source: str, start: int) -> tuple[str, int]:
    """The character class that opens at ``source[start]`` as :func:`ascii_twin` spells it
    (its categories as ASCII ranges, without its characters beyond ASCII), and where
    ``source`` goes on after it."""
    index = start + 1
    negated = source.startswith("^", index)
    if negated:
        index += 1
    parts: list[str] = []
    first = True
    # a "]" first in a class (after any "^") stands for itself
    while first or source[index] != "]":
        first = False
        low, low_point, index = _class_item(source, index)
        if low_point < 0:
            parts.append(low)
        elif source.startswith("-", index) and source[index + 1] != "]":
            high, high_point, index = _class_item(source, index + 1)
            if high_point < 0:
                raise ValueError("a range that ends in a category is not twinned")
            if low_point < 128:
                parts.append(f"{low}-{high}" if high_point < 128 else f"{low}-\\x7f")
        elif low_point < 128:
            parts.append(low)
    index += 1
    if not parts:  # no ASCII character in it: a class no ASCII character matches, or any
        return ("[\\x00-\\x7f]" if negated else "(?!)"), index
    return f"[{'^' if negated else ''}{''.join(parts)}]", index


def _class_item(source: str, index: int) -> tuple[str, int, int]:
    """The character or category of a class at ``source[index]``, as :func:`ascii_twin`
    spells it, with the character's number (-1 for a category) and where the class goes on.
    """
    char = source[index]
    if char != "\\":
        return char, ord(char), index + 1
    letter = source[index + 1]
    spelled = ASCII_CLASSES.get(letter)
    if spelled is not None:
        return spelled, -1, index + 2
    size = _NUMBERED_ESCAPES.get(letter)
    if size is not None:
        escape = source[index : index + size]
        return escape, int(escape[2:], 16), index + size
    control = _CONTROL_ESCAPES.get(letter)
    if control is not None:
        return source[index : index + 2], control, index + 2
    if letter.isascii() and letter.isalnum():
        raise ValueError(f"\\{letter} in a class is not twinned")
    return source[index : index + 2], ord(letter), index + 2


_LEADING_WORDS: Final = re.compile(
    r"\\b(?:\(\?:(?P<words>[A-Za-z ]+(?:\|[A-Za-z ]+)*)\)|(?P<word>[A-Za-z]+))(?![?*+{])"
)
"""A pattern's source that starts with ``\\b`` and a word ("\\bwith"; of "\\bcats?", the
letters before the one repeated) or a group listing words ("\\b(?:was|had been)") not
repeated: what :func:`first_letter_twin` respells."""


def _top_level_bar(source: str) -> bool:
    """Whether ``source`` has a ``|`` outside any group and class (an alternation of all)."""
    depth = 0
    for _index, char in syntax(source):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            return True
    return False


def first_letter_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """:func:`ascii_twin` of ``pattern``, spelled to start with the class of its first
    letters when it starts with ``\\b`` and a word or a group of words.

    ``\\b(?:was|had been)\\s+...`` ignoring case becomes ``[HWhw](?<!\\w.)(?i:(?:(?<=w)as|
    (?<=h)ad been)[\\s\\x1c-\\x1f]+...)``: a search skips to those letters (sre skips to a
    leading class, but tries ``\\b`` at every character, and ignoring case it uses no
    leading class either, hence the case-blind group after the class); ``(?<!\\w.)`` after
    the letter is the ``\\b`` before it, and each word keeps its place in the group, checked
    by its first letter, so the same word matches first. On ASCII text, the only text a twin
    is for, the class holds every letter that folds to those (ASCII folds no other). Any
    other pattern (one that is an alternation of all, say) is given as :func:`ascii_twin`
    gives it. Over the event rules' searches of 400 articles (5000-5400) this took 1.15 ms
    against 0.81 ms.
    """
    twin = ascii_twin(pattern)
    source = twin.pattern
    leading = _LEADING_WORDS.match(source)
    if leading is None or _top_level_bar(source):
        return twin
    words = (leading.group("words") or leading.group("word")).split("|")
    rest = source[leading.end() :]
    branches = "|".join(f"(?<={word[0]}){word[1:]}" for word in words)
    if not twin.flags & re.IGNORECASE:
        letters = "".join(sorted({word[0] for word in words}))
        return re.compile(f"[{letters}](?<!\\w.)(?:{branches}){rest}", twin.flags)
    letters = "".join(
        sorted({case for word in words for case in (word[0].lower(), word[0].upper())})
    )
    return re.compile(f"[{letters}](?<!\\w.)(?i:(?:{branches}){rest})", twin.flags & ~re.IGNORECASE)


_CLEANED_SIZE = 16384
_CLEANED: dict[str, str] = memo.table(f"{__name__}._CLEANED", _CLEANED_SIZE)
""":func:`clean_org` of each name as written, emptied when it reaches :data:`_CLEANED_SIZE`
entries: names recur (over articles 5000-6000 of the generated corpus, 6,280 cleanings of
3,453 names), and cleaning runs several patterns, one of them tried at every blank."""


def clean_org(name: str) -> str:
    """A body's name without a trailing date ("... in March 2014"), leading words ("In",
    "The"), trailing connectives and a leading article; kept in :data:`_CLEANED`."""
    found = _CLEANED.get(name)
    if found is None:
        found = memo.keep(_CLEANED, name, read_clean_org(name), _CLEANED_SIZE)
    return found


def read_clean_org(name: str) -> str:
    """:func:`clean_org`, worked out."""
    name = MONTH_TAIL.sub("", name.strip())
    name = LEADING_NOISE.sub("", name)
    if _may_end_in_noise(name):
        name = TRAILING_NOISE.sub("", name)
    if name.startswith(("the", "a")):  # as LEADING_ARTICLE needs; most names start with capitals
        name = LEADING_ARTICLE.sub("", name)
    return name.strip(" ,;:'\"“”")


NOISE_WORDS: Final = ("of", "the", "for", "and", "on", "in", "to")
"""The words :data:`TRAILING_NOISE` takes off the end of a name."""


def _may_end_in_noise(name: str) -> bool:
    """Whether :data:`TRAILING_NOISE` may match ``name``: only where it ends in one of
    :data:`NOISE_WORDS` (``$`` also matches before a final line break). Cheaper than the
    pattern, which tries every space of the name."""
    return name.removesuffix("\n").endswith(NOISE_WORDS)


def word_needles(words: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Needles (see :class:`Needles`) a sentence holds wherever ``words`` matches it: for a
    pattern of :data:`~tenure.extract.names.WHOLE_WORDS`' form, its words lower-cased (one of
    which the sentence holds); for any other pattern the empty needle, which every word holds."""
    listed = WHOLE_WORDS.fullmatch(words.pattern)
    if listed is None:
        return (("",),)
    return (tuple(sorted({word.lower() for word in listed.group("words").split("|")})),)


ORG_WORD_NEEDLES: Final = word_needles(ORG_WORDS_LISTED)
"""Words one of which a sentence that names a body holds: every name :func:`find_orgs`
finds has a word of :data:`~tenure.extract.names.ORG_WORDS`."""


ORG_PHRASE_ASCII: Final = ascii_twin(ORG_PHRASE)
""":data:`ORG_PHRASE` for ASCII text (most sentences), faster there."""


def find_orgs(text: str) -> list[str]:
    """Organization names in order of appearance, as written (less a leading "the")."""
    out: list[str] = []
    known = _PHRASE_ORGS
    phrases = (ORG_PHRASE_ASCII if text.isascii() else ORG_PHRASE).findall(text)
    for phrase in phrases:
        orgs = known.get(phrase)
        if orgs is None:
            orgs = phrase_orgs(phrase)
        if orgs:
            out.extend(orgs)
    return out


_PHRASE_ORGS_SIZE = 32768
_PHRASE_ORGS: dict[str, tuple[str, ...]] = memo.table(f"{__name__}._PHRASE_ORGS", _PHRASE_ORGS_SIZE)
""":func:`phrase_orgs` of each phrase, emptied when it reaches :data:`_PHRASE_ORGS_SIZE`
entries: :func:`find_orgs` looks up every capitalized run of every sentence, and a plain dict
is cheaper there than a call through :func:`functools.lru_cache`. Emptying loses the phrases
that recur along with the rest, so the table is four times the cache it replaced: over the
5,000 generated articles of ``benchmarks/out/corpus`` it then misses each phrase only the
first time (11,842 misses; 13,974 at 8,192 entries, and 12,258 for an lru_cache of 8,192)."""


def phrase_orgs(phrase: str) -> tuple[str, ...]:
    """The organization names in one run of capitalized words ("The CCP Central Committee").

    Kept per phrase in :data:`_PHRASE_ORGS`: the same names and capitalized words recur from
    sentence to sentence.
    """
    found = _PHRASE_ORGS.get(phrase)
    if found is None:
        found = memo.keep(_PHRASE_ORGS, phrase, read_phrase_orgs(phrase), _PHRASE_ORGS_SIZE)
    return found


def read_phrase_orgs(phrase: str) -> tuple[str, ...]:
    """:func:`phrase_orgs`, worked out."""
    if ORG_WORDS.search(phrase) is None:
        # Cleaning only cuts at spaces and punctuation, so no part can name a body.
        return ()
    found: list[str] = []
    name = clean_org(phrase)
    while True:
        stripped = LEADING_NOISE.sub("", name)
        if stripped == name:
            break
        name = stripped
    for part in AND_THE.split(name):
        part = clean_org(part)
        if ")" in part:  # which TRAILING_ABBREVIATION needs: most names have none
            part = TRAILING_ABBREVIATION.sub("", part)
        if ORG_WORDS.search(part) and len(part) > 3:
            found.append(part)
    return tuple(found)


ALSO_CALLED: Final = re.compile(
    r"(?P<a>[A-Z][^,;()]{3,120}?)(?:\s*\([^()]*\))?,\s*(?:also|sometimes|often)\s+(?:called|kno"
    r"wn as|translated as|"
    r"referred to as)\s+(?:the\s+)?(?P<b>[A-Z][^,;()]{3,120})"
)


ALSO_CALLED_VERBS: Final = ("called", "known as", "translated as", "referred to as")
"""Words :data:`ALSO_CALLED` needs (one of them), checked before it runs."""
ALSO_CALLED_ANCHOR: Final = re.compile(
    r",\s*(?:also|sometimes|often)\s+(?:called|known as|translated as|referred to as)\s+"
    r"(?:the\s+)?[A-Z]"
)
"""The part of :data:`ALSO_CALLED` after its first name, quick to look for (it starts with a
comma): that pattern, slow to fail, runs only where this is found."""
ABBREVIATION: Final = r"\(([A-Z]{2,8}|[A-Z][A-Za-z]{1,3}[A-Z]{1,5})(?:\s+or\s+([A-Z]{2,8}))?[,;)]"
ABBREVIATION_DEFINED: Final = re.compile(
    rf"([A-Z][\w'’-]*(?:\s+(?:of|the|for|and|on)?\s*[A-Z][\w'’-]*)+)\s*{ABBREVIATION}"
)
"""A name and the abbreviation in brackets after it: "Foreign Affairs Leading Group (FALG)"."""
ABBREVIATION_MARK: Final = re.compile(ABBREVIATION)
"""The bracketed abbreviation alone, which every :data:`ABBREVIATION_DEFINED` contains: a
cheap test first, since most paragraphs define none."""
REFERENCE_WORD: Final = re.compile(r"^(?:the|its|this|that)\s+", re.IGNORECASE)
FORENAME_FIRST: Final = re.compile(r"^[A-Z][a-z]+ [A-Z]")
HEAD_CUT: Final = re.compile(r"\s\s*(?:of|for|on|to)\s+.*$")


@dataclass
class Mentions:
    """What the text has named so far: bodies by head noun, abbreviations, the last body."""

    subject: str
    abbreviations: dict[str, str] = field(default_factory=dict)
    by_head: dict[str, str] = field(default_factory=dict)
    last: str | None = None
    people: dict[str, str] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    post_title: str | None = None
    post_org: str | None = None
    last_post: str | None = None
    established_on: str | None = None
    sentence_subject: str | None = None
    event_in_sentence: bool = False

    def __init__(
        self,
        subject: str,
        abbreviations: dict[str, str] | None = None,
        by_head: dict[str, str] | None = None,
        last: str | None = None,
        people: dict[str, str] | None = None,
        recent: list[str] | None = None,
        post_title: str | None = None,
        post_org: str | None = None,
        last_post: str | None = None,
        established_on: str | None = None,
        sentence_subject: str | None = None,
        event_in_sentence: bool = False,
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.subject = subject
        self.abbreviations = {} if abbreviations is None else abbreviations
        self.by_head = {} if by_head is None else by_head
        self.last = last
        self.people = {} if people is None else people
        self.recent = [] if recent is None else recent
        self.post_title = post_title
        self.post_org = post_org
        self.last_post = last_post
        self.established_on = established_on
        self.sentence_subject = sentence_subject
        self.event_in_sentence = event_in_sentence

    def noticed(self, orgs: list[str]) -> None:
        """Bodies named in a sentence: remembered by head noun, not made the last body."""
        abbreviations, by_head = self.abbreviations, self.by_head
        for org in orgs:
            org = abbreviations.get(org, org)
            head = _NOTICED_HEADS.get(org)
            if head is None:
                head = noticed_head(org)
            if head:
                by_head[head] = org

    def saw(self, org: str) -> str:
        org = self.abbreviations.get(org, org)
        head = org_head(org)
        if head:
            self.by_head[head] = org
        self.last = org
        return org

    def learn_abbreviations(self, text: str) -> None:
        """Abbreviations a paragraph defines: "Foreign Affairs Leading Group (FALG)" and
        "X, also called Y"."""
        if "(" not in text and "also" not in text and "known" not in text:
            return
        if ABBREVIATION_MARK.search(text):
            for m in ABBREVIATION_DEFINED.finditer(text):
                full = clean_org(m.group(1))
                for abbr in (m.group(2), m.group(3)):
                    if abbr and ORG_WORDS.search(full):
                        self.abbreviations.setdefault(abbr, full)
        if not any(verb in text for verb in ALSO_CALLED_VERBS):
            return
        if ALSO_CALLED_ANCHOR.search(text) is None:
            return
        for m in ALSO_CALLED.finditer(text):
            first, second = find_orgs(m.group("a")), find_orgs(m.group("b"))
            if first and second and second[0] != first[-1]:
                self.abbreviations.setdefault(second[0], first[-1])

    def resolve(self, ref: str) -> str | None:
        """ "the group", "its", "the FALG", "the office" -> the body meant."""
        ref = ref.strip()
        bare = REFERENCE_WORD.sub("", ref)
        if bare in self.abbreviations:
            return self.abbreviations[bare]
        if bare.lower() in ("it", "its", "itself"):
            return self.last
        head = singular_word(bare.lower().split()[-1]) if bare.split() else ""
        if self.last and org_head(self.last) == head:
            return self.last
        if org_head(self.subject) == head:
            return self.subject
        if head in self.by_head:
            return self.by_head[head]
        return None

    def learn_person(self, name: str) -> None:
        surname = name.split()[0] if FORENAME_FIRST.match(name) else name.split()[-1]
        self.people.setdefault(surname, name)


FOLDS_TO_ASCII: Final = re.compile("[İıſ]")
"""The letters a case-insensitive pattern takes for an ASCII letter but ``str.lower`` does not
turn into it ("ſ" matches "s", "İ" lowers to two characters): :class:`Needles` cannot gate a
sentence that has one."""


KNOWN_SETS = 1024
"""How many sets of groups a :class:`Needles` keeps the rules they allow of."""
BLANKS: Final = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
"""The ASCII characters ``str.split`` splits words at."""
OTHER: Final = 0
"""The symbol (see :class:`Needles`) of a byte that is in no needle."""
BLANK: Final = 1
"""The symbol of a blank."""
BLANK_BYTE: Final = bytes([BLANK])
"""A blank as :attr:`Needles.symbols` gives it."""


class Needles:
    """Which of a list of rules can match a sentence, from words each rule needs.

    ``rules[i]`` lists groups of needles (lower-case strings): rule ``i`` can match only a
    sentence that holds a needle of each of its groups, so its (costlier) pattern is not run
    on one that lacks them. Needles are looked for in the lower-cased sentence with its runs
    of whitespace read as single spaces (``" ".join(sentence.lower().split())``), as patterns
    write ``\\s+``.

    All of them are looked for in one pass over the sentence's bytes (UTF-8: a needle's bytes
    are in a text's where the needle is in the text), by an Aho-Corasick automaton: each byte
    moves it to the state of the longest end of the text read so far that starts a needle,
    and each state knows the groups of the needles that end there. That pass costs about a
    third of what looking up each word of the sentence in a table of the words seen cost
    (lower-casing, splitting and hashing them), and it needs no such table. An ASCII
    sentence (most) is read as it is, its bytes put through :attr:`symbols`, which gives
    upper-case letters their lower-case symbol and every blank :data:`BLANK`; a run of blanks
    leaves the automaton where the first put it (it reads a single space), and blanks at the
    ends are stripped first. Any other sentence is lower-cased and its words joined by single
    spaces first.

    Rules are the bits of an int (rule ``i`` is ``1 << i``), so that several lists of rules
    can share one gate and one pass over the sentence. ``name`` names the gate's table of
    the rules each set of groups allows (see :func:`tenure.extract.memo.table`).
    """

    def __init__(self, rules: Sequence[Sequence[tuple[str, ...]]], name: str) -> None:
        groups = sorted({group for rule in rules for group in rule})
        self.requires: list[int] = [sum(1 << groups.index(g) for g in set(rule)) for rule in rules]
        """The groups (bits) each rule needs."""
        self.everything = (1 << len(rules)) - 1
        needles = [(n.encode(), 1 << index) for index, group in enumerate(groups) for n in group]
        table = [OTHER] * 256
        for blank in BLANKS:
            table[blank] = BLANK
        width = BLANK + 1
        for byte in sorted({byte for needle, _ in needles for byte in needle}):
            if table[byte] == OTHER:
                table[byte] = width
                if chr(byte).isascii() and chr(byte).isalpha():
                    table[ord(chr(byte).upper())] = width
                width += 1
        if any(needle.lower() != needle for needle, _ in needles):
            raise ValueError("needles are written in lower case")
        self.symbols = bytes(table)
        """The symbol of each byte: :data:`OTHER`, :data:`BLANK` or one for each byte of the
        needles (upper-case letters read as lower-case ones)."""
        steps, ends = _automaton([(n.translate(self.symbols), g) for n, g in needles], width)
        self.start = width
        """Where the start state's row is in :attr:`next_at`."""
        self.next_at: list[int] = [0] * width + [
            -(state + 1) * width if ends[state] else (state + 1) * width
            for row in steps
            for state in row
        ]
        """The state after reading each symbol in each state, at ``state + symbol``: a state is
        the place of its row (``width`` long, the first unused so that every place is above
        zero), made negative where needles end, whose groups are at the same place of
        :attr:`found_at`. Most symbols then cost a look-up and a comparison (joining the
        groups of every next state, most of them none, cost over twice as much)."""
        self.found_at: list[int] = [0] * width + [ends[state] for row in steps for state in row]
        """The groups of the needles that end at each place's next state."""
        self.allowed: dict[int, int] = memo.table(f"{name}.rules_of", KNOWN_SETS)
        """:meth:`rules_of` each set of groups seen (few sets occur), emptied when it holds
        :data:`KNOWN_SETS`: a dict is cheaper than a call through :func:`functools.lru_cache`."""

    def rules_of(self, groups: int) -> int:
        """The rules a set of groups allows, kept per set in :attr:`allowed`."""
        found = self.allowed.get(groups)
        if found is None:
            rules = 0
            for index, needs in enumerate(self.requires):
                if needs & groups == needs:
                    rules |= 1 << index
            found = memo.keep(self.allowed, groups, rules, KNOWN_SETS)
        return found

    def active(self, sentence: str) -> int:
        """The rules (bits) whose needles ``sentence`` holds: all of them when it has a
        letter that defeats lower-casing (:data:`FOLDS_TO_ASCII`)."""
        if sentence.isascii():
            read = sentence.encode().translate(self.symbols)
            if read.startswith(BLANK_BYTE) or read.endswith(BLANK_BYTE):
                read = read.strip(BLANK_BYTE)
        else:
            lowered = sentence.lower()
            if not lowered.isascii() and FOLDS_TO_ASCII.search(sentence):
                return self.everything
            read = " ".join(lowered.split()).encode().translate(self.symbols)
        next_at = self.next_at
        found_at = self.found_at
        state = self.start
        found = 0
        for index in range(len(read)):
            at = state + read[index]
            state = next_at[at]
            if state < 0:
                state = -state
                found |= found_at[at]
        return self.rules_of(found)


def _automaton(needles: list[tuple[bytes, int]], width: int) -> tuple[list[list[int]], list[int]]:
    """The Aho-Corasick automaton of ``needles`` (as symbols below ``width``, with their
    groups): the state after each symbol in each state, and the groups of the needles that
    end at each state (state 0 is the start). A state whose last symbol is :data:`BLANK`
    stays where it is on another blank."""
    children: list[dict[int, int]] = [{}]
    ends = [0]
    last = [OTHER]
    for needle, groups in needles:
        state = 0
        for symbol in needle:
            child = children[state].get(symbol)
            if child is None:
                child = len(children)
                children[state][symbol] = child
                children.append({})
                ends.append(0)
                last.append(symbol)
            state = child
        ends[state] |= groups
    steps = [[0] * width for _ in children]
    fallback = [0] * len(children)
    queue = [0]
    head = 0
    while head < len(queue):  # breadth first: a state's fallback is settled before its own
        state = queue[head]
        head += 1
        for symbol in range(width):
            child = children[state].get(symbol)
            if child is None:
                steps[state][symbol] = steps[fallback[state]][symbol] if state else 0
                continue
            steps[state][symbol] = child
            fallback[child] = steps[fallback[state]][symbol] if state else 0
            ends[child] |= ends[fallback[child]]
            queue.append(child)
    for state, symbol in enumerate(last):
        if state and symbol == BLANK:
            steps[state][BLANK] = state
    return steps, ends


def members(rules: int) -> Iterator[int]:
    """The indices of the rules (bits) in ``rules``, lowest first."""
    while rules:
        lowest = rules & -rules
        yield lowest.bit_length() - 1
        rules ^= lowest


def singular_word(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def successive(pattern: re.Pattern[str], sentence: str, resume: str) -> list[re.Match[str]]:
    """Every match of ``pattern``, the next search resuming where group ``resume`` starts
    (or the match ends), so matches inside another's trailing text are found too."""
    out: list[re.Match[str]] = []
    group = pattern.groupindex.get(resume, 0)  # named groups are numbered from 1
    pos = 0
    length = len(sentence)
    while pos < length:
        m = pattern.search(sentence, pos)
        if m is None:
            break
        out.append(m)
        # start() is -1 when the group took no part in the match
        resumed = m.start(group) if group else -1
        pos = max(resumed if resumed >= 0 else m.end(), m.start() + 1)
    return out


_NOTICED_HEADS_SIZE = 16384
_NOTICED_HEADS: dict[str, str] = memo.table(f"{__name__}._NOTICED_HEADS", _NOTICED_HEADS_SIZE)
""":func:`noticed_head` of each name, emptied when it reaches :data:`_NOTICED_HEADS_SIZE`
entries: :meth:`Mentions.noticed` looks up every body of every sentence (a plain dict is
cheaper there than a call through :func:`functools.lru_cache`). Its size is that of
:data:`_ORG_HEADS`, for the reason given at :data:`_PHRASE_ORGS` (over the 5,000 generated
articles: 11,579 misses at 4,096 entries, 8,366 at 16,384, each name's first)."""


def noticed_head(org: str) -> str:
    """The head noun by which :meth:`Mentions.noticed` remembers a body ("" for a name of one
    word, which it does not remember), kept in :data:`_NOTICED_HEADS`."""
    head = org_head(org) if len(org.split()) > 1 else ""
    return memo.keep(_NOTICED_HEADS, org, head, _NOTICED_HEADS_SIZE)


_ORG_HEADS_SIZE = 16384
_ORG_HEADS: dict[str, str] = memo.table(f"{__name__}._ORG_HEADS", _ORG_HEADS_SIZE)
""":func:`org_head` of each name, emptied when it reaches :data:`_ORG_HEADS_SIZE` entries:
four times the lru_cache it replaced, for the reason given at :data:`_PHRASE_ORGS` (8,680
misses over the 5,000 generated articles, each name's first; 11,851 at 4,096 entries)."""


def org_head(org: str) -> str:
    """The body-word of a name: "Central Foreign Affairs Leading Group" -> "group".

    Kept per name in :data:`_ORG_HEADS`: names recur through an article and across articles.
    """
    found = _ORG_HEADS.get(org)
    if found is None:
        found = memo.keep(_ORG_HEADS, org, read_org_head(org), _ORG_HEADS_SIZE)
    return found


def read_org_head(org: str) -> str:
    """:func:`org_head`, worked out."""
    words = HEAD_CUT.sub("", org).split()
    for word in reversed(words):
        if ORG_WORDS.fullmatch(word):
            return word.lower()
    m = ORG_WORDS.search(org)
    return m.group(0).lower() if m else ""
