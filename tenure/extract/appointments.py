"""Holdings stated in sentences: "X was appointed as the Y", "he served as Z from A to B".

    >>> ctx = Mentions(subject="Central Policy Research Office")
    >>> found = sentence_tenures("Deng Liqun served as its first director.", ctx, None)
    >>> [(t.person, t.post) for t in found]
    [('Deng Liqun', 'Director')]

Each pattern finds a person (a name, or in a biography "he", "she" or the surname), a post
phrase and the body it belongs to ("its", "the group" and "the office" resolve to the body
the text means), then the dates: the item's own range, the clause's date, or the date the
sentence carries on from. Descriptors in apposition ("Qian Qichen, Vice Premier of the State
Council,") and titles before a name ("Premier Zhou Enlai") are concurrent posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final, TypeAlias

from tenure.extract import memo
from tenure.extract.clauses import Carried, carried_value, dates_in, match_among
from tenure.extract.dates import DateRange, find_dates
from tenure.extract.names import (
    clean_person,
    is_post_title,
    looks_like_org,
    looks_like_person,
    post_head,
    split_post,
    strip_the,
)
from tenure.extract.posts import AND_BEFORE_CAPITAL, LEADING_AND, describe_position, post_case
from tenure.extract.text import (
    LEADING_ARTICLE,
    Mentions,
    Needles,
    ascii_twin,
    members,
    org_head,
    successive,
)
from tenure.extract.values import top_level_split

NAME_WORD: Final = r"[A-ZÀ-ÖØ-ÞĐƠƯ][\w'’\-]*"
PERSON: Final = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}"
NAME_WORD_WHOLE: Final = r"[A-ZÀ-ÖØ-ÞĐƠƯ][\w'’\-]*+"
PERSON_BEFORE_VERB: Final = rf"{NAME_WORD_WHOLE}(?:\s+{NAME_WORD_WHOLE}){{0,3}}+"
""":data:`PERSON` where a space and a lower-case word (a verb) or a comma follow it: the
same matches, found without trying shorter names that cannot be followed so (possessive
quantifiers), which is most of the cost of a search that fails."""
SUBJECT: Final = (
    rf"(?P<person>[A-ZÀ-ÖØ-ÞĐƠƯhs](?:(?<=[A-ZÀ-ÖØ-ÞĐƠƯ])[\w'’\-]*+(?:\s+{NAME_WORD_WHOLE}){{0,3}}+"
    r"|(?<=[Hh])e|(?<=[Ss])he))"
)
"""``(?P<person>{PERSON_BEFORE_VERB}|[Hh]e|[Ss]he)``, the person a sentence's verb is told of,
spelled to start with the class of its first character (checked afterwards against each
alternative's own) so that a search skips quickly to capitals, "h" and "s": a pattern that
starts with an alternation is tried at every character (as
:data:`~tenure.extract.text.FIRST_WORD` is spelled)."""
LEADING_WORDS: Final = re.compile(
    r"^(?:(?:After|Before|In|On|At|Under|When|While|Since|From|During|Then|Later|Also|And|But|"
    r"Although|Though|As|By|With|Following|Initially|Historically|However|Meanwhile|Thereafter)"
    r"\s+)+"
)
VERB_APPOINT: Final = (
    r"(?:was|were|had been|has been|is)\s+(?:then\s+|later\s+|subsequently\s+|also\s+)?"
    r"(?:appointed|named|elected|nominated|selected|chosen|made|installed|elevated|promoted|"
    r"transferred\s+to\s+the\s+post\s+of)"
)
POST_STOP: Final = re.compile(
    r"[,;.\s](?:(?<=[,;])|(?<=\.)\s*$|(?<=\s)\s*(?:(?:from|until|till|since|between|serving|who|"
    r"which|where|while|when|after|before|following|during|through|responsible|with the|but|"
    r"for the first time)\b|in\s+(?=\d|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|early|late|mid)\b)|and\s+(?=(?:was|were|he|she|his|"
    r"her|then|later|cooperated|served)\b)))"
)
"""Where a post phrase stops: a comma, a semicolon, a final full stop, or a space before a word
that starts a clause ("from", "who", "in 1990", "and was"). Spelled to start with the class
of its first character, so that a search skips to those characters (its match starts where
``,|;|\\.\\s*$|\\s+(?:from|...)\\b|...`` would: only :func:`_post_phrase`'s start is used)."""
ADVERB: Final = (
    r"(?:previously|later|then|also|concurrently|briefly|eventually|subsequently|simultaneously)"
)
SUBJECT_PRONOUN: Final = re.compile(r"^(?:He|She|he|she)$")
DOMAIN_WORDS: Final = re.compile(
    r"\b(?:Affairs|Defen[cs]e|Security|Finance|Justice|State|Interior|Education|Health|Trade|"
    r"Commerce|Agriculture|Culture|Labou?r|Transport|Industry|Council|Committee|Commission|"
    r"Office|Department|Ministry|Party|Government|China|Japan|Vietnam|India|Cabinet|Staff)\b"
)
MODIFIER: Final = re.compile(
    r"^(?:Deputy|Vice|Executive|First|Second|Assistant|Acting|Associate|Chief|Senior)\b", re.I
)
CLAUSE_START: Final = re.compile(
    r"^(?:where|who|whom|which|when|while|he|she|they|it|whereupon)\b", re.I
)
RANKING: Final = re.compile(r"^(?P<rank>\w+-rank(?:ing|ed))\s+", re.I)
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
AND: Final = re.compile(r"\s\s*and\s+")
ENDED: Final = re.compile(
    r"(?:s(?<!\w.)(?:tepped down|erving (?:there |in (?:that|this) (?:post|position|role|offic"
    r"e) )?until)|r(?<!\w.)(?:esigned|etired)|l(?<!\w.)eft office|w(?<!\w.)as (?:dismissed|re"
    r"moved)|a(?<!\w.)(?: post| position|n office) (?:he|she) held until)\b[^.;]*"
)
"""The end of a holding told after the post: "..., a post he held until 1998".

``\\b(?:stepped down|resigned|left office|retired|was dismissed|was removed|serving (?:there
|in (?:that|this) (?:post|position|role|office) )?until|(?:a post|a position|an office)
(?:he|she) held until)\\b[^.;]*``, spelled (as :func:`~tenure.extract.names.by_first_letter`
spells a list of words) to start with the phrases' first letters, so that a search skips to
them rather than trying the alternation at every character; no two phrases start alike, so
the same matches (a test checks)."""
# Starts with its first letter, "(?<!\w.)" after it standing for the "\b" before it, so that
# a search skips to that letter (see names.by_first_letter).
IS_THE: Final = re.compile(r"i(?<!\w.)s\s+(?:the|a|an)\s")
TO_HEAD: Final = re.compile(
    r"^(?:to\s+)?(?P<verb>head|lead|chair|direct)\s+(?P<org>the\s+\w+(?:\s+\w+)?)"
)
IN_CHARGE: Final = re.compile(r"^in\s+charge\b")
FULL_STOP: Final = re.compile(r"\.\s*$")
AND_THEN: Final = re.compile(r"^(?:and\s+|then\s+)")
ARTICLE_ITS: Final = re.compile(r"^(?:the|a|an|its)\s+", re.I)
FIRST: Final = re.compile(r"^first\s+", re.I)
ORDER_WORD: Final = re.compile(r"^(?:first|current|last|then|new|sole)\s+", re.I)
POSSESSOR: Final = re.compile(r"^(?:[A-Z][a-z]+(?:'s|’s))\s+")
PREFIXED_POST: Final = re.compile(
    r"^(?P<org>.+?)\s+(?P<post>member|secretary|chairman|head|director|leader)$"
)
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
AT_ORG: Final = re.compile(r"\s\s*at\s+(?:the\s+)?(?P<org>[A-Z][^,;]+)$")
IN_NAME: Final = re.compile(r"\s\s*in\s+(?:the\s+)?[A-Z]")
OF_REFERENCE: Final = re.compile(r"^(?P<post>.+?)\s+of\s+(?P<ref>(?:the|its)\s+\w+)$")
ITEM_BREAK: Final = re.compile(
    r"([,\s](?:(?<=,)\s+(?:and\s+)?|(?<=\s)\s*and\s+(?=(?:the|a|an|as)\s)))"
)
"""``(,\\s+(?:and\\s+)?|\\s+and\\s+(?=(?:the|a|an|as)\\s))``, spelled to start with the class of
its first character, as :data:`~tenure.extract.clauses.CLAUSE_BREAK` is (the same matches)."""
ITEM_SEPARATOR: Final = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
ITEM_ARTICLE: Final = re.compile(r"^(?:the|a|an|its|as)\s+")
WAS_IS: Final = re.compile(r"\s(?:was|were|is)\s")
LEADING_AS: Final = re.compile(r"^as\s+")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
AND_THE: Final = re.compile(r"\s\s*and\s+the\s+")
REFERENCE: Final = re.compile(r"^(?:its|the)\s+\w+$")
# Starts with its first letter, "(?<!\w.)" after it standing for the "\b" before it, so that
# a search skips to that letter (see names.by_first_letter).
ITS: Final = re.compile(r"[iIİı](?<!\w.)(?i:ts)\s")
FORMER: Final = re.compile(r"^(?:former|then|later)\s+")
SECRETARY: Final = re.compile(r"^(?:main|chief|personal)\s+secretary\b")
DESCRIBED_AFTER: Final = re.compile(r"^,\s*(?:at the time\s+)?(?:the\s+)?(?P<d>[^,]+)")
HEAD_POST: Final = re.compile(r"\b(?:secretary|director|head|minister|chief)\b", re.I)
WITHIN_NAMED: Final = re.compile(
    r"\b(?:in|within|of)\s+the\s+(?P<org>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)+)"
)
POSSESSIVE: Final = re.compile(r"(['’]s)\s+")
CLAUSE_END: Final = re.compile(r"\.\s*$|;")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
AS: Final = re.compile(r"\s\s*as\s+")
LEADING_DETERMINER: Final = re.compile(r"^(?:the|its|a|an)\s+")
FIRST_CURRENT_SOLE: Final = re.compile(r"^(?:first|current|sole)\s+", re.I)
PURPOSE: Final = re.compile(r"\s\s*(?:in\s+(?:an?|order|the)|to)\s+")
FINAL_ASIDE: Final = re.compile(r"\(([^()]*)\)\s*$")
NOT_A_NAME: Final = re.compile(
    r"^(?:The|In|On|At|After|From|Since|During|Under|When|This|That|His|Her|Its)\b"
)


@dataclass
class ProseTenure:
    person: str
    post: str
    organization: str | None
    range: DateRange | None
    ongoing: bool = False
    role: str | None = None
    rank: str | None = None
    acting: bool = False
    concurrent: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    position: int = 0

    def __init__(
        self,
        person: str,
        post: str,
        organization: str | None,
        range: DateRange | None,
        ongoing: bool = False,
        role: str | None = None,
        rank: str | None = None,
        acting: bool = False,
        concurrent: list[str] | None = None,
        aliases: list[str] | None = None,
        position: int = 0,
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.person = person
        self.post = post
        self.organization = organization
        self.range = range
        self.ongoing = ongoing
        self.role = role
        self.rank = rank
        self.acting = acting
        self.concurrent = [] if concurrent is None else concurrent
        self.aliases = [] if aliases is None else aliases
        self.position = position


PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "appointed",
        re.compile(
            rf"{SUBJECT}(?P<desc>,\s*[^,]{{3,120}},)?\s+{VERB_APPOINT}\s"
            rf"+(?:as\s+|to\s+(?:the\s+post\s+of\s+|be\s+)?)?(?P<post>.+)"
        ),
    ),
    (
        "served",
        re.compile(
            rf"{SUBJECT}(?P<desc>,\s*[^,]{{3,120}},)?\s+"
            rf"(?:{ADVERB}\s+)?(?:served|serving|worked|acted|functioned)\s+"
            rf"(?:there\s+|{ADVERB}\s+)?as\s+(?P<post>.+)"
        ),
    ),
    (
        "became",
        re.compile(
            rf"{SUBJECT}(?P<desc>,\s*[^,]{{3,120}},)?\s+"
            rf"(?:{ADVERB}\s+)?became\s+(?P<post>.+)"
        ),
    ),
    (
        "was",
        re.compile(
            rf"{SUBJECT}\s+(?:was|is|has been)\s+"
            rf"(?P<post>(?:the|a|an|its)\s+(?:first\s+|current\s+|last\s+)?.+)"
        ),
    ),
    (
        "who_is",
        re.compile(
            rf"^(?P<person>{PERSON})\b[^.]*?\bwho\s+(?:is|was|has been)\s+(?P<post>(?:the|a|an)"
            rf"\s+.+)"
        ),
    ),
    (
        "with_as",
        # "w(?<!\w.)ith": "\bwith" spelled to start with its first letter (see IS_THE)
        re.compile(
            rf"w(?<!\w.)ith\s+(?P<person>{PERSON})\s+as\s+(?P<post>(?:the\s+|its\s+|a\s+)?.+)"
        ),
    ),
    (
        "who_served",
        re.compile(
            rf"(?P<person>{PERSON}),\s+who\s+(?:had\s+|has\s+)?(?:previously\s+|earlier\s+|late"
            rf"r\s+|also\s+|once\s+)*(?:served|worked)\s+as\s+(?P<post>.+)"
        ),
    ),
    (
        "coordinated",
        re.compile(
            rf"^(?P<person>{PERSON}|He|She)\b[^.;]*?,?\s+and\s+(?:later\s+|then\s+|also\s+)?(?:"
            rf"served|worked)\s+as\s+(?P<post>.+)"
        ),
    ),
    (
        "after_serving",
        re.compile(
            rf"^(?P<person>{PERSON}|He|She)\b[^.;]*?\b(?:after|before)\s+(?:previously\s+|havin"
            rf"g\s+)*(?:served|serving|worked|working)\s+as\s+(?P<post>.+)"
        ),
    ),
    (
        "headed_by",
        re.compile(rf"\b(?P<verb>headed|led|chaired|directed)\s+by\s+(?P<person>{PERSON})"),
    ),
    (
        "held_by",
        re.compile(
            r"(?P<before>[^,]*?)(?:,\s*which)?\s+was\s+held\s+by\s+(?:[a-z]+\s+){0,3}(?:includi"
            r"ng\s+)?(?P<person>.+)"
        ),
    ),
    (
        "created_for",
        re.compile(rf"\b(?:created|established)\s+in\s+[^,]*?\bfor\s+(?P<person>{PERSON})"),
    ),
    (
        "appointed_to_role",
        re.compile(
            rf"\bappointed\s+(?:[a-z]+\s+){{0,8}}(?P<person>{PERSON})\s+to\s+the\s+(?:role|post"
            rf"|position)\b"
        ),
    ),
    (
        "apposition",
        re.compile(
            rf"(?P<person>{PERSON}),\s+the\s+(?P<post>[\w\s'’]+?(?:'s|’s)\s+[^,]+?)\s+(?P<dates"
            rf">from\s+\d{{4}}\s+to\s+\d{{4}})"
        ),
    ),
]
NEEDLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "appointed": (
        (
            *("appointed", "named", "elected", "nominated", "selected", "chosen", "made"),
            *("installed", "elevated", "promoted", "transferred"),
        ),
    ),
    "served": (("served", "serving", "worked", "acted", "functioned"),),
    "became": (("became",),),
    "was": (
        (
            *("was the", "was a", "was its", "is the", "is a", "is its"),
            *("been the", "been a", "been its"),
        ),
    ),
    "who_is": (("who is the", "who is a", "who was the", "who was a", "who has been"),),
    "with_as": (("with ",), (" as ",)),
    "who_served": (("who ",), ("served as", "worked as")),
    "coordinated": ((" and ",), ("served as", "worked as")),
    "after_serving": (
        ("after ", "before "),
        ("served as", "serving as", "worked as", "working as"),
    ),
    "headed_by": (("headed by", "led by", "chaired by", "directed by"),),
    "held_by": (("was held by",),),
    "created_for": (("created in", "established in"), ("for ",)),
    "appointed_to_role": (("appointed",), ("to the role", "to the post", "to the position")),
    "apposition": (("'s ", "’s "), ("from ",)),
}
"""For each pattern, groups of words it needs, one of each (see :class:`Needles`): most
sentences lack them, and are not searched with the pattern."""
GATE: Final = Needles([NEEDLES[kind] for kind, _ in PATTERNS], f"{__name__}.GATE")
"""The patterns a sentence's words allow (for a sentence read on its own; prose reading
has one gate for events and appointments, see :mod:`tenure.extract.prose`)."""


# "who_is" and "who_served" start with their first letter, "(?<!\w.)" after it
# standing for the "\b" before it, so that a search skips to that letter.
TRIGGERS: dict[str, re.Pattern[str]] = {
    "appointed": re.compile(rf"\s{VERB_APPOINT}"),
    "served": re.compile(
        rf"(?:served|serving|worked|acted|functioned)\s+(?:there\s+|{ADVERB}\s+)?as\s"
    ),
    "became": re.compile(r"\sbecame\s"),
    "was": re.compile(r"\s(?:was|is|has been)\s+(?:the|a|an|its)\s"),
    "who_is": re.compile(r"w(?<!\w.)ho\s+(?:is|was|has been)\s+(?:the|a|an)\s"),
    "who_served": re.compile(
        r"w(?<!\w.)ho\s+(?:(?:had|has|previously|earlier|later|also|once)\s+)*(?:served|worked)\s+as\s"
    ),
    "coordinated": re.compile(r"\sand\s+(?:later\s+|then\s+|also\s+)?(?:served|worked)\s+as\s"),
    "after_serving": re.compile(
        r"\b(?:after|before)\s+(?:previously\s+|having\s+)*"
        r"(?:served|serving|worked|working)\s+as\s"
    ),
    "held_by": re.compile(r"\swas\s+held\s+by\s"),
    "created_for": re.compile(r"\b(?:created|established)\s+in\s"),
    "apposition": re.compile(r"\sfrom\s+\d{4}\s+to\s+\d{4}"),
}
"""For the patterns that are slow to fail, the words around the verb they need, which are
quick to look for (a pattern runs only when its trigger is found)."""
PATTERNS_ASCII: Final = [(kind, ascii_twin(pattern)) for kind, pattern in PATTERNS]
TRIGGERED: Final = [TRIGGERS.get(kind) for kind, _ in PATTERNS]
"""The trigger of each of :data:`PATTERNS` (None for those without one)."""
TRIGGERED_ASCII: Final = [None if t is None else ascii_twin(t) for t in TRIGGERED]
""":data:`PATTERNS` and :data:`TRIGGERED` for ASCII sentences (most), faster there (see
:func:`~tenure.extract.text.ascii_twin`)."""


NAMED_VERB: Final = r"\s+(?:was|were|is|served|became|had|held|worked)\b"
NAMED: Final = re.compile(rf"(?P<person>{PERSON_BEFORE_VERB}){NAMED_VERB}")
"""A name before a verb: people named so are remembered (by surname) for later sentences."""
TWO_NAME_WORDS: Final = re.compile(rf"{NAME_WORD_WHOLE}\s+{NAME_WORD_WHOLE}{NAMED_VERB}")
"""The last two words of a :data:`NAMED` match of two words or more, and its verb: a
sentence without this names nobody :func:`sentence_tenures` learns (it learns names of two
words or more), and is not searched with :data:`NAMED`, which is slower to fail."""
NAMED_VERB_NEEDLES: Final = (
    (" was", " were", " is", " served", " became", " had", " held", " worked"),
)
"""Words one of which :data:`TWO_NAME_WORDS` needs (see :class:`Needles`): its verb, after a
blank."""
TWO_NAME_WORDS_ASCII: Final = ascii_twin(TWO_NAME_WORDS)
NAMED_ASCII: Final = ascii_twin(NAMED)
""":data:`TWO_NAME_WORDS` and :data:`NAMED` for ASCII text (most sentences), faster there."""


def sentence_tenures(
    sentence: str,
    ctx: Mentions,
    carried: Carried,
    person_subject: str | None = None,
    active: int | None = None,
    may_name: bool = True,
) -> list[ProseTenure]:
    """Holdings one sentence states.

    ``active`` is the patterns (bits of :data:`PATTERNS`) the sentence's words allow, when
    the caller has found them (:class:`~tenure.extract.text.Needles`); ``may_name`` is False
    when the caller has found that the sentence lacks :data:`NAMED_VERB_NEEDLES`, so names
    nobody to learn (:data:`TWO_NAME_WORDS` is not searched for).
    """
    ascii = sentence.isascii()
    two_names = TWO_NAME_WORDS_ASCII if ascii else TWO_NAME_WORDS
    if may_name and two_names.search(sentence) is not None:
        for named in (NAMED_ASCII if ascii else NAMED).finditer(sentence):
            if len(LEADING_WORDS.sub("", named.group("person")).split()) >= 2:
                _person(named.group("person"), ctx, person_subject)
    out: list[ProseTenure] = []
    if active is None:
        active = GATE.active(sentence)
    claimed: list[tuple[int, int]] = []
    patterns = PATTERNS_ASCII if ascii else PATTERNS
    triggers = TRIGGERED_ASCII if ascii else TRIGGERED
    for index in members(active):
        kind, pattern = patterns[index]
        trigger = triggers[index]
        if trigger is not None and trigger.search(sentence) is None:
            continue
        for m in successive(pattern, sentence, "post"):
            span = (m.start("person"), m.end("person"))
            if any(a <= span[0] < b for a, b in claimed):
                continue
            found = _read(kind, m, sentence, ctx, carried, person_subject)
            if found:
                claimed.append(span)
                out.extend(found)
    return out


def _person(
    raw: str, ctx: Mentions, person_subject: str | None
) -> tuple[str | None, list[str], list[str]]:
    """(name, aliases, titles) of the person a pattern found, resolving he/she/surnames."""
    raw = LEADING_WORDS.sub("", raw.strip())
    if SUBJECT_PRONOUN.match(raw):
        return (person_subject, [], []) if person_subject else (None, [], [])
    if person_subject and raw in (person_subject.split()[0], person_subject.split()[-1]):
        return person_subject, [], []
    if raw in ctx.people:
        return ctx.people[raw], [raw], []
    if len(raw.split()) == 1:
        return None, [], []
    named = _named_person(raw)
    if named is None:
        return None, [], []
    name, aliases, titles = named
    ctx.learn_person(name)
    return name, list(aliases), list(titles)


NamedPerson: TypeAlias = tuple[str, tuple[str, ...], tuple[str, ...]] | None
_NAMED_PEOPLE_SIZE = 4096
_NAMED_PEOPLE: dict[str, NamedPerson] = memo.table(f"{__name__}._NAMED_PEOPLE", _NAMED_PEOPLE_SIZE)
""":func:`_named_person` of each name as written, emptied when it reaches
:data:`_NAMED_PEOPLE_SIZE` entries (a dict is cheaper than a call through
:func:`functools.lru_cache`)."""


def _named_person(raw: str) -> NamedPerson:
    """(name, aliases, titles) of a name of two words or more as written, with any titles
    before it ("Vice Premier Qian Qichen"), or None when it is no person's name.

    Kept per name as written in :data:`_NAMED_PEOPLE`: people are named again and again.
    """
    if raw in _NAMED_PEOPLE:  # None is an answer too
        return _NAMED_PEOPLE[raw]
    return memo.keep(_NAMED_PEOPLE, raw, _read_named_person(raw), _NAMED_PEOPLE_SIZE)


def _read_named_person(raw: str) -> NamedPerson:
    """:func:`_named_person`, worked out."""
    titles: list[str] = []
    domain = list(DOMAIN_WORDS.finditer(raw))
    words = raw.split()
    if is_post_title(" ".join(words[:-2])) or domain:
        cut = domain[-1].end() if domain else 0
        head_end = 0
        for i in range(len(words) - 2, 0, -1):
            if is_post_title(" ".join(words[:i])):
                head_end = len(" ".join(words[:i]))
                break
        cut = max(cut, head_end)
        if cut and len(raw[cut:].split()) >= 2:
            titles = [t.strip() for t in AND.split(raw[:cut].strip()) if t.strip()]
            raw = raw[cut:].strip()
    person = clean_person(raw)
    if not looks_like_person(person.name) or len(person.name.split()) < 2:
        return None
    if NOT_A_NAME.match(person.name):
        return None
    return person.name, tuple(person.aliases), (*titles, *person.titles)


def _post_phrase(text: str) -> str:
    text = text.strip()
    stop = POST_STOP.search(text)
    if stop:
        text = text[: stop.start()]
    return text.strip(" .")


def _read(
    kind: str,
    m: re.Match[str],
    sentence: str,
    ctx: Mentions,
    carried: Carried,
    person_subject: str | None,
) -> list[ProseTenure]:
    groups = m.groupdict()
    if kind == "held_by":
        return _held_by(m, sentence, ctx, carried)
    name, aliases, titles = _person(groups["person"], ctx, person_subject)
    if not name:
        return []
    desc = groups.get("desc")
    concurrent = list(titles)
    if desc:
        text = desc.strip(" ,")
        if FORMER.match(text):
            pass
        elif is_post_title(LEADING_ARTICLE.sub("", text)):
            concurrent.append(LEADING_ARTICLE.sub("", text))
        elif SECRETARY.match(text):
            concurrent.append(text)
    if kind == "headed_by":
        verb = groups["verb"].lower()
        post = {"headed": "Head", "led": "Leader", "chaired": "Chairman", "directed": "Director"}[
            verb
        ]
        org = ctx.last
        before = sentence[: m.start()]
        nearest = _nearest_org_before(before, ctx)
        org = nearest or org
        after = sentence[m.end() :]
        extra = DESCRIBED_AFTER.match(after)
        if extra and HEAD_POST.search(extra.group("d")):
            concurrent.append(extra.group("d").strip())
        rng = _range(sentence, m.start("verb"), carried)
        return [
            ProseTenure(
                name, post, org, rng, concurrent=concurrent, aliases=aliases, position=m.start()
            )
        ]
    if kind == "created_for":
        post = ctx.subject
        rng = _range(sentence, m.start(), carried)
        post_name, org = split_post(post)
        return [
            ProseTenure(
                name, post_name, org or ctx.post_org, rng, aliases=aliases, position=m.start()
            )
        ]
    if kind == "appointed_to_role":
        post = ctx.last_post or ctx.subject
        rng = _range(sentence, m.start(), carried)
        prior = WITHIN_NAMED.search(sentence[: m.start()])
        return [
            ProseTenure(
                name,
                post,
                prior.group("org") if prior else None,
                rng,
                aliases=aliases,
                position=m.start(),
            )
        ]
    if kind == "apposition":
        post_text = groups["post"]
        owner, _, title = POSSESSIVE.split(post_text, maxsplit=1)
        org = ctx.resolve("the " + owner.split()[-1]) or owner
        rng = find_dates(groups["dates"])[0].range
        return [ProseTenure(name, post_case(title), org, rng, aliases=aliases, position=m.start())]
    post_text = groups["post"]
    if kind == "with_as":
        return _with_as(
            sentence[m.start("person") :], m.start("person"), sentence, ctx, carried, person_subject
        )
    if kind == "appointed":
        head = TO_HEAD.match(post_text)
        if head:
            post = {"head": "Head", "lead": "Leader", "chair": "Chairman", "direct": "Director"}[
                head.group("verb")
            ]
            org = ctx.resolve(head.group("org")) or ctx.last
            return [
                ProseTenure(
                    name,
                    post,
                    org,
                    _range(sentence, m.start("post"), carried),
                    concurrent=concurrent,
                    aliases=aliases,
                    position=m.start(),
                )
            ]
        charge = IN_CHARGE.match(post_text)
        if charge:
            return [
                ProseTenure(
                    name,
                    "Person in charge",
                    ctx.last,
                    _range(sentence, m.start("post"), carried),
                    role="in charge",
                    concurrent=concurrent,
                    aliases=aliases,
                    position=m.start(),
                )
            ]
    ended = ENDED.search(sentence[m.start("post") :])
    ongoing = kind == "who_is" or bool(IS_THE.search(m.group(0)[: m.start("post") - m.start() + 4]))
    found = _posts(
        kind, post_text, m.start("post"), sentence, ctx, carried, name, aliases, concurrent, ongoing
    )
    if ended:
        end_dates = dates_in(ended.group(0))
        for held in found:
            if end_dates and held.range is not None and held.range.end is None:
                held.range = DateRange(held.range.start, end_dates[0].range.start, single=False)
    return found


def _with_as(
    text: str,
    offset: int,
    sentence: str,
    ctx: Mentions,
    carried: Carried,
    person_subject: str | None,
) -> list[ProseTenure]:
    """ "with A as the director and B, C (...), and D as deputy directors"."""
    text = CLAUSE_END.split(text)[0]
    parts = AS.split(text)
    out: list[ProseTenure] = []
    names_text = parts[0]
    org = ctx.last if ctx.event_in_sentence else (ctx.sentence_subject or ctx.last)
    rng = _range(sentence, offset, carried)
    for i in range(1, len(parts)):
        chunk = parts[i]
        split = AND_BEFORE_CAPITAL.split(chunk, maxsplit=1) if i < len(parts) - 1 else [chunk]
        post_phrase = _post_phrase(LEADING_DETERMINER.sub("", split[0]))
        first = bool(FIRST.match(post_phrase))
        post_phrase = FIRST_CURRENT_SOLE.sub("", post_phrase)
        post_phrase = PURPOSE.split(post_phrase)[0]
        if is_post_title(post_phrase):
            from tenure.extract.names import singular

            post, post_org = split_post(describe_position(singular(post_phrase)).post)
            here = rng
            if first and here is None and ctx.established_on:
                here = DateRange(ctx.established_on, None, single=True)
            for raw in top_level_split(names_text, ","):
                raw = LEADING_AND.sub("", raw.strip())
                concurrent = []
                aside = FINAL_ASIDE.search(raw)
                if aside:
                    concurrent.append(aside.group(1).strip())
                    raw = raw[: aside.start()].strip()
                name, aliases, titles = _person(raw, ctx, person_subject)
                if name:
                    out.append(
                        ProseTenure(
                            name,
                            post_case(post),
                            post_org or org,
                            here,
                            concurrent=[*titles, *concurrent],
                            aliases=aliases,
                            position=offset,
                        )
                    )
        names_text = split[1] if len(split) > 1 else ""
        if not names_text:
            break
    return out


def _posts(
    kind: str,
    text: str,
    offset: int,
    sentence: str,
    ctx: Mentions,
    carried: Carried,
    name: str,
    aliases: list[str],
    concurrent: list[str],
    ongoing: bool,
) -> list[ProseTenure]:
    """The post items of a predicate: "X from A to B, Y from C to D, and Z"."""
    out: list[ProseTenure] = []
    body = text
    end = FULL_STOP.search(body)
    if end:
        body = body[: end.start()]
    items = _items(body)
    if not items:
        return out
    shared: DateRange | None = None
    ranged = False  # shared is worked out for the first item that names a post
    for item, start in items:
        phrase = _post_phrase(AND_THEN.sub("", item))
        phrase = ARTICLE_ITS.sub("", phrase)
        first = bool(FIRST.match(phrase))
        phrase = ORDER_WORD.sub("", phrase)
        rank = None
        r = RANKING.match(phrase)
        if r:
            rank, phrase = r.group("rank"), phrase[r.end() :]
        if not phrase or not is_post_title(phrase):
            continue
        if not ranged:
            shared, ranged = _range(sentence, offset, carried), True
        own = dates_in(item)
        rng = own[0].range if own else shared
        if own and rng is not None and rng.start is None and shared is not None and shared.start:
            rng = DateRange(shared.start, rng.end, rng.ongoing, rng.acting)
        if first and rng is None and ctx.established_on:
            rng = DateRange(ctx.established_on, None, single=True)
        described = _described(POSSESSOR.sub("", phrase))
        post, org = described.post, described.organization
        if described.reference is not None:
            resolved = ctx.resolve(described.reference[1])
            if resolved:
                post, org = described.reference[0], resolved
        org = _resolve_org(org, post, sentence, ctx)
        if post_head(post) == "member" and org and org_head(org) == "party":
            continue
        if org is None and kind in ("with_as", "served") and ctx.event_in_sentence:
            org = ctx.last
        if kind == "with_as" and org is None:
            org = ctx.sentence_subject or ctx.last
        if org is None and ctx.post_title and _same_post(post, ctx.post_title):
            org = ctx.post_org
        ongoing_here = ongoing and not (rng and rng.end)
        if rng is not None and rng.ongoing:
            ongoing_here = True
        out.append(
            ProseTenure(
                name,
                post_case(post),
                org,
                rng,
                ongoing=ongoing_here,
                role=described.role,
                rank=rank or described.rank,
                acting=described.acting,
                concurrent=[*concurrent, *described.concurrent],
                aliases=aliases,
                position=offset + start,
            )
        )
        ctx.last_post = post_case(post)
    return out


@dataclass(frozen=True)
class Described:
    """A post phrase read on its own, before the sentence resolves what it refers to."""

    post: str
    organization: str | None
    role: str | None
    rank: str | None
    acting: bool
    concurrent: tuple[str, ...]
    reference: tuple[str, str] | None
    """("Director", "the group") for "Director of the group", when no body is named."""


_DESCRIBED_SIZE = 4096
_DESCRIBED: dict[str, Described] = memo.table(f"{__name__}._DESCRIBED", _DESCRIBED_SIZE)
""":func:`_described` of each phrase, emptied when it reaches :data:`_DESCRIBED_SIZE`
entries."""


def _described(phrase: str) -> Described:
    """Post, body, role, rank, acting and concurrent posts of a post phrase as written
    ("Director of the General Office"), read by :func:`describe_position`.

    Kept per phrase in :data:`_DESCRIBED`: the same posts are named again and again.
    """
    found = _DESCRIBED.get(phrase)
    if found is None:
        found = memo.keep(_DESCRIBED, phrase, _read_described(phrase), _DESCRIBED_SIZE)
    return found


def _read_described(phrase: str) -> Described:
    """:func:`_described`, worked out."""
    description = describe_position(phrase)
    post, org = split_post(description.post)
    prefixed = PREFIXED_POST.match(post)
    if (
        org is None
        and prefixed
        and looks_like_org(prefixed.group("org"))
        and not MODIFIER.match(prefixed.group("org"))
    ):
        org, post = prefixed.group("org"), prefixed.group("post")
    at = AT_ORG.search(post)
    if at and is_post_title(post[: at.start()]):
        post, org = post[: at.start()], at.group("org")
    if at:
        org = IN_NAME.split(org or "")[0] or None
    reference = OF_REFERENCE.match(post)
    refers = None
    if org is None and reference and is_post_title(reference.group("post")):
        refers = (reference.group("post"), reference.group("ref"))
    return Described(
        post,
        org,
        description.role,
        description.rank,
        description.acting,
        tuple(description.concurrent),
        refers,
    )


def _same_post(post: str, subject_post: str) -> bool:
    """True for "the minister" or "Minister of National Defense" in that post's own article."""
    a, b = post.lower().strip(), subject_post.lower().strip()
    return a == b or a == post_head(subject_post) or a.endswith(" " + b)


def _items(body: str) -> list[tuple[str, int]]:
    parts: list[tuple[str, int]] = []
    position = 0
    for piece in ITEM_BREAK.split(body):
        if ITEM_SEPARATOR.fullmatch(piece or ""):
            position += len(piece)
            continue
        if piece.strip():
            parts.append((piece.strip(), position))
        position += len(piece)
    merged: list[tuple[str, int]] = []
    for piece, pos in parts:
        if CLAUSE_START.match(piece):
            break
        if merged and (
            not is_post_title(_post_phrase(ITEM_ARTICLE.sub("", piece))) or WAS_IS.search(piece)
        ):
            if dates_in(piece) and not dates_in(merged[-1][0]) and not WAS_IS.search(piece):
                merged[-1] = (merged[-1][0] + ", " + piece, merged[-1][1])
                continue
            break
        merged.append((LEADING_AS.sub("", piece), pos))
    return merged


def _resolve_org(org: str | None, post: str, sentence: str, ctx: Mentions) -> str | None:
    if org:
        parts = AND_THE.split(org)
        org = parts[0]
        if REFERENCE.match(org) or org.lower() in (
            "department",
            "office",
            "group",
        ):
            return ctx.resolve(org) or org
        return strip_the(org)
    head_words = post.lower().split()
    for word in head_words[:-1]:
        if word in (
            "group",
            "office",
            "commission",
            "committee",
            "department",
            "bureau",
            "council",
        ):
            resolved = ctx.resolve("the " + word)
            if resolved:
                return resolved
    if ITS.search(sentence) and _its_post(post.split()[-1]).search(sentence):
        return ctx.last if ctx.event_in_sentence else (ctx.sentence_subject or ctx.last)
    return None


@lru_cache(maxsize=1024)
def _its_post(word: str) -> re.Pattern[str]:
    """ "its ... director": the post's last word after "its" (kept per word)."""
    return re.compile(r"\bits\s+(?:\w+\s+){0,2}" + re.escape(word), re.I)


def _nearest_org_before(text: str, ctx: Mentions) -> str | None:
    from tenure.extract.text import find_orgs

    orgs = find_orgs(text)
    if orgs:
        return ctx.abbreviations.get(orgs[-1], orgs[-1])
    return None


def _range(sentence: str, position: int, carried: Carried) -> DateRange | None:
    dates = dates_in(sentence)
    if dates:
        match = match_among(sentence, position, dates)
        return match.range if match is not None else None
    value = carried_value(carried)
    return DateRange(value, None, single=True) if value else None


def _held_by(m: re.Match[str], sentence: str, ctx: Mentions, carried: Carried) -> list[ProseTenure]:
    before = m.group("before").strip()
    post_text = re.sub(r"^(?:.*\b(?:by|to|with)\s+)?(?:the|a|an)\s+", "", before)
    post_text = re.sub(r"^The\s+", "", post_text)
    if not is_post_title(post_text):
        return []
    if post_text.lower() in (ctx.post_title or "").lower() or post_head(post_text) == post_head(
        ctx.post_title or "-"
    ):
        post, org = ctx.post_title or post_text, ctx.post_org
    else:
        post, org = split_post(post_text)
    people_text = m.group("person")
    people_text = re.split(r"\s+(?:until|from|in|since|between)\s+|[.;]", people_text)[0]
    until = re.search(
        r"\buntil\s+(?:his|her|their)?\s*(?:death|retirement)?\s*(?:in\s+)?(?P<d>.+)$",
        m.group("person"),
    )
    end = None
    if until:
        found = find_dates(until.group("d"))
        end = found[0].range.start if found else None
    out = []
    for raw in re.split(r",\s*(?:and\s+)?|\s+and\s+", people_text):
        person = clean_person(raw.strip())
        if looks_like_person(person.name) and len(person.name.split()) >= 2:
            rng = DateRange(None, end) if end else None
            out.append(
                ProseTenure(
                    person.name,
                    post_case(post),
                    org,
                    rng,
                    aliases=person.aliases,
                    position=m.start("person"),
                )
            )
    return out


__all__ = ["ProseTenure", "org_head", "sentence_tenures", "top_level_split"]
