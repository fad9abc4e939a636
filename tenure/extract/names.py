"""Names as articles write them: people with honorifics, posts with their bodies.

    >>> clean_person("The Rt Hon. Sir Keir Starmer")
    PersonName(name='Keir Starmer', aliases=['The Rt Hon. Sir Keir Starmer'], titles=[])
    >>> clean_person("Prime Minister Sanae Takaichi").titles
    ['Prime Minister']
    >>> split_post("Director of the General Office of the Chinese Communist Party")
    ('Director', 'General Office of the Chinese Communist Party')
    >>> split_post("Minister of National Defense")
    ('Minister of National Defense', None)

A post title is split into post and organization only where its "of ..." part names a body
(an office, a commission, a ministry ...); "Minister of Foreign Affairs" and "Governor of
Liaoning" stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from tenure.extract.values import top_level_split

HONORIFICS: Final = [
    "the rt hon.",
    "the rt. hon.",
    "the right honourable",
    "the right honorable",
    "rt hon.",
    "the hon.",
    "hon.",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "dr.",
    "dr",
    "prof.",
    "professor",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "comrade",
    "shri",
    "smt.",
    "marshal of the royal air force",
    "admiral of the fleet",
    "the earl",
    "the lord",
    "earl",
    "viscount",
    "the viscount",
    "the baroness",
    "the baron",
    "his excellency",
    "her excellency",
    "field marshal",
    "air chief marshal",
    "air marshal",
    "air vice marshal",
    "marshal",
    "lieutenant general",
    "lt. gen.",
    "lt gen",
    "major general",
    "maj. gen.",
    "general",
    "brigadier",
    "colonel",
    "vice admiral",
    "rear admiral",
    "admiral",
    "dib",
    "the",
]
OFFICE_TITLES: Final = [
    "prime minister",
    "president",
    "premier",
    "vice president",
    "vice premier",
    "chancellor",
    "minister",
    "senator",
    "governor",
    "mayor",
    "king",
    "queen",
    "emperor",
    "chairman",
]
SUFFIXES: Final = re.compile(
    r"(?:\s*,?\s*\b(?:IPS|IAS|IFS|KCB|GCB|KCMG|GCMG|CB|CMG|OBE|CBE|MBE|KC|QC|MP|PC|FRS)\b\.?"
    r"|\s*\((?:retd|retired|ret)\.?\)|\s*\*+)+\s*$",
    re.IGNORECASE,
)
SUFFIX_ENDS: Final = (
    "ips",
    "ias",
    "ifs",
    "kcb",
    "gcb",
    "kcmg",
    "gcmg",
    "cb",
    "cmg",
    "obe",
    "cbe",
    "mbe",
    "kc",
    "qc",
    "mp",
    "pc",
    "frs",
    ")",
    "*",
)
"""How a name that :data:`SUFFIXES` can shorten ends, in lower case (less a final ".")."""
POST_NOMINAL: Final = re.compile(r"(?:[A-Z]{2,5}|\((?:retd|retired)\.?\)|[A-Z][a-z]{0,2}\.?)")
DISAMBIGUATOR: Final = re.compile(
    r"\s*\((?:[^()]*\b(?:born|politician|diplomat|general|died)\b[^()]*)\)$"
)
LIFE_DATES: Final = re.compile(r"\s*\((?:b\.\s*|born\s*)?\d{4}\s*(?:[–—-]\s*(?:\d{4})?)?\s*\)\s*$")

ORG_WORDS_LISTED: Final = re.compile(
    r"\b(?:Office|Commission|Committee|Ministry|Department|Council|Party|Bureau|Agency|Group"
    r"|Secretariat|Assembly|Congress|Government|Cabinet|Politburo|Presidium|Administration"
    r"|Service|Authority|Board|Court|Parliament|Senate|Army|Force|Forces|League|Union|Front"
    r"|Institute|Academy|University|Bank|Corporation|Company|Division|Directorate|Section"
    r"|Centre|Center|Organization|Organisation|Federation|Mission|Embassy|Unit|Leadership"
    r"|Headquarters|Command|Police|Chamber|Diet|Legislature|Conference|Society|Association"
    r"|Foundation|Fund|Trust|Inspectorate|Procuratorate|Tribunal|Station|Administrations)\b"
)
"""The words that name a body, as a list of whole words (the form
:func:`~tenure.extract.text.word_needles` reads); :data:`ORG_WORDS` finds them."""


WHOLE_WORDS: Final = re.compile(r"\\b\(\?:(?P<words>[A-Za-z]+(?:\|[A-Za-z]+)*)\)\\b")
"""The form of a pattern that is a list of whole words: ``\\b(?:Office|Group)\\b``."""


def by_first_letter(words: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern listing whole words (``\\b(?:Office|Group)\\b``, each a run of ASCII
    letters) spelled to find the same matches faster: ``(?:O(?<!\\w.)(?:ffice)|G(?<!\\w.)
    (?:roup))\\b``.

    Each branch starts with a letter, so that a search skips to the words' first letters
    (a pattern that starts with ``\\b`` is tried at every character); ``(?<!\\w.)`` after
    that letter is the ``\\b`` before it. At most one word matches at a place (the match
    ends where the run of word characters does), so the order of the branches changes no
    match. Searching a name without any took a fifth of the time (3.0 against 0.66 µs on 63
    characters).
    """
    listed = WHOLE_WORDS.fullmatch(words.pattern)
    if listed is None or words.flags & re.IGNORECASE:
        raise ValueError(f"not a list of whole words: {words.pattern!r}")
    rests: dict[str, list[str]] = {}
    for word in listed.group("words").split("|"):
        rests.setdefault(word[0], []).append(word[1:])
    branches = [rf"{first}(?<!\w.)(?:{'|'.join(rest)})" for first, rest in rests.items()]
    return re.compile(rf"(?:{'|'.join(branches)})\b", words.flags)


ORG_WORDS: Final = by_first_letter(ORG_WORDS_LISTED)
""":data:`ORG_WORDS_LISTED`, the same matches found faster (see :func:`by_first_letter`)."""
POST_NOUNS: Final = frozenset(
    """
    director director-general head chair chairman chairwoman chairperson president premier
    minister secretary secretary-general leader chief commander governor mayor ambassador
    envoy advisor adviser coordinator member officer commissioner administrator chancellor
    speaker councillor councilor counsellor spokesperson spokesman inspector controller
    superintendent procurator auditor treasurer clerk dean rector principal editor
    representative delegate consul prefect marshal general admiral commissar manager
    executive deputy vice-chairman vice-president vice-premier worker scholar lecturer
    professor judge justice attorney-general registrar steward regent monarch king queen
    emperor governor-general lieutenant-governor officeholder holder incumbent captain
    """.split()
)
ORDINAL: Final = re.compile(r"^\d+(?:st|nd|rd|th)\s+", re.IGNORECASE)
AND_SPLIT: Final = re.compile(r"\s+and\s+|\s*&\s*")
DIGIT: Final = re.compile(r"\d")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
HEAD_CUT: Final = re.compile(r"\s\s*(?:of|for|to|in|on|at|with|responsible|in charge)\s+")
PARENTHESES: Final = re.compile(r"\s*\([^()]*\)?")
POST_OF_BODY: Final = re.compile(r"^(.+?)\s+(?:of|for|to|in)\s+(?:the\s+)?(.+)$")
BARE_BODY: Final = re.compile(r"^(?:the\s+)?(?:Office|Department|Ministry)$", re.IGNORECASE)
LEADING_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
TRAILING_PARENTHESES: Final = re.compile(r"\s*\([^()]*\)\s*$")
NON_NAMES: Final = frozenset(("none", "vacant", "varied", "various", "n/a", "tba", "tbd"))
IRREGULAR_PLURALS: Final = {"chairmen": "chairman", "chairwomen": "chairwoman", "men": "man"}


@dataclass
class PersonName:
    name: str
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def __init__(
        self, name: str, aliases: list[str] | None = None, titles: list[str] | None = None
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.name = name
        self.aliases = [] if aliases is None else aliases
        self.titles = [] if titles is None else titles


def clean_person(raw: str) -> PersonName:
    """See :func:`person_parts`; a fresh :class:`PersonName` each call."""
    name, aliases, titles = person_parts(raw)
    return PersonName(name, list(aliases), list(titles))


def _by_first_word(titles: list[str]) -> dict[str, tuple[str, ...]]:
    """Titles grouped by their first word, each group in the list's order."""
    index: dict[str, list[str]] = {}
    for title in titles:
        index.setdefault(title.split(" ", 1)[0], []).append(title)
    return {word: tuple(group) for word, group in index.items()}


OFFICE_TITLES_BY_WORD: Final = _by_first_word(OFFICE_TITLES)
HONORIFICS_BY_WORD: Final = _by_first_word(HONORIFICS)


@lru_cache(maxsize=8192)
def person_parts(raw: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Strip honorifics, ranks, post-nominals and disambiguators from a person's name.

    Returns ``(name, aliases, titles)``: the form as written is kept in ``aliases`` when it
    differs; office titles that stood before the name ("Prime Minister Sanae Takaichi") are
    returned in ``titles``. Cached, so the parts are tuples; :func:`clean_person` gives them
    as a :class:`PersonName`.
    """
    text = " ".join(raw.replace("\u00a0", " ").split()).strip(" ,;:*")
    original = text
    if ")" in text:
        text = DISAMBIGUATOR.sub("", text)
        text = LIFE_DATES.sub("", text)
    if _may_have_suffix(text):
        text = SUFFIXES.sub("", text)
    text = text.strip(" ,")
    titles: list[str] = []
    changed = True
    while changed:
        changed = False
        lower = text.lower()
        # A title followed by a space can only be one whose first word is the text's first word.
        first = lower.split(" ", 1)[0]
        for title in OFFICE_TITLES_BY_WORD.get(first, ()):
            if lower.startswith(title + " ") and _is_capitalized_rest(text[len(title) + 1 :]):
                titles.append(text[: len(title)])
                text = text[len(title) + 1 :].lstrip()
                changed = True
                break
        else:
            for honorific in HONORIFICS_BY_WORD.get(first, ()):
                if lower.startswith(honorific + " ") and _is_capitalized_rest(
                    text[len(honorific) + 1 :]
                ):
                    text = text[len(honorific) + 1 :].lstrip()
                    changed = True
                    break
    return text, ((original,) if original != text else ()), tuple(titles)


def _may_have_suffix(text: str) -> bool:
    """False only when ``text`` (no trailing space) cannot end with a :data:`SUFFIXES` match.

    "ı", "İ" and "ſ" match "i" and "s" case-insensitively but lower to other letters, so a
    text with one of them is left to the pattern.
    """
    if "ı" in text or "İ" in text or "ſ" in text:
        return True
    return text.removesuffix(".").lower().endswith(SUFFIX_ENDS)


def _is_capitalized_rest(rest: str) -> bool:
    words = rest.split()
    return len(words) >= 1 and rest[:1].isupper() and not rest.lower().startswith("of ")


def split_people(value: str) -> list[str]:
    """Split "A, B and C" into names, keeping commas inside parentheses together."""
    return list(_split_people(value))


@lru_cache(maxsize=4096)
def _split_people(value: str) -> tuple[str, ...]:
    """:func:`split_people`, cached by the value (names of people) as a tuple."""
    parts = top_level_split(value)
    out: list[str] = []
    for part in parts:
        if out and POST_NOMINAL.fullmatch(part.strip()):
            out[-1] += ", " + part
            continue
        out.extend(p for p in AND_SPLIT.split(part) if p.strip())
    return tuple(p.strip() for p in out if p.strip())


@lru_cache(maxsize=8192)
def looks_like_person(text: str) -> bool:
    """A plausible personal name: 1–6 words, capitalized, not an organization or a date."""
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return False
    if ORG_WORDS.search(text) or DIGIT.search(text):
        return False
    if text.lower() in NON_NAMES:
        return False
    return text[0].isupper() or not text[0].isalpha()


def looks_like_org(text: str) -> bool:
    return bool(ORG_WORDS.search(text))


@lru_cache(maxsize=8192)
def singular(title: str) -> str:
    """Singular of a post title: "Deputy Directors" -> "Deputy Director"."""
    words = title.split()
    if not words:
        return title
    last = words[-1]
    lower = last.lower()
    if lower in IRREGULAR_PLURALS:
        repl = IRREGULAR_PLURALS[lower]
        last = last[0] + repl[1:] if last[0].isupper() else repl
    elif lower.endswith("ies") and len(lower) > 4:
        last = last[:-3] + "y"
    elif lower.endswith(("sses", "shes", "ches")):
        last = last[:-2]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


@lru_cache(maxsize=8192)
def post_head(title: str) -> str:
    """The head noun of a title: "Cabinet Office Permanent Secretary" -> "secretary"."""
    text = ORDINAL.sub("", title.strip())
    text = HEAD_CUT.split(text, maxsplit=1)[0]
    if "(" in text:
        text = PARENTHESES.sub("", text)
    text = text.strip(" ,.;")
    words = text.split()
    return singular(words[-1]).lower() if words else ""


@lru_cache(maxsize=8192)
def is_post_title(text: str) -> bool:
    """True when the text names a post ("Executive Deputy Director", "Head of Mission Unit")."""
    head = post_head(text)
    return head in POST_NOUNS or (
        "-" in head and (head.split("-")[0] in POST_NOUNS or head.split("-")[-1] in POST_NOUNS)
    )


def strip_ordinal(title: str) -> str:
    """ "8th Director of the Taiwan Affairs Office" -> "Director of the Taiwan Affairs Office"."""
    return ORDINAL.sub("", title.strip())


@lru_cache(maxsize=8192)
def split_post(title: str) -> tuple[str, str | None]:
    """Split a title into (post, organization) where its "of ..." part names a body."""
    title = strip_ordinal(title).strip(" ,.;")
    m = POST_OF_BODY.match(title)
    if not m:
        return title, None
    post, body = m.group(1).strip(), m.group(2).strip()
    if not is_post_title(post) or not looks_like_org(body):
        return title, None
    if BARE_BODY.match(body):
        return title, None
    return post, body


def strip_the(text: str) -> str:
    text = text.strip()
    return LEADING_THE.sub("", text) if text[:1] in ("t", "T") else text


def strip_disambiguator(title: str) -> str:
    """ "Cabinet Secretary (United Kingdom)" -> "Cabinet Secretary"."""
    if ")" not in title:
        return title.strip() or title
    return TRAILING_PARENTHESES.sub("", title).strip() or title
