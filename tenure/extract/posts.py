"""Reading a position as written into post, role, rank, acting and concurrent posts.

    >>> d = describe_position("Cabinet Secretary and Head of the Civil Service")
    >>> d.post, d.concurrent
    ('Cabinet Secretary', ['Head of the Civil Service'])
    >>> d = describe_position("Director General, Propriety and Constitution Group (interim)")
    >>> d.post, d.role, d.acting
    ('Director General', 'Propriety and Constitution Group', True)
    >>> describe_position("deputy director in charge of executive work (ministerial level)").role
    'in charge of executive work'

Used for infobox positions and for the details of list entries alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from tenure.extract.names import is_post_title, singular
from tenure.extract.values import top_level_split

ACTING: Final = re.compile(r"^(?:acting|interim|caretaker|ad interim|temporary)$", re.IGNORECASE)
RANK: Final = re.compile(
    r"\b(?:level|rank|ranking|grade)\b|^(?:ministerial|vice-ministerial)", re.IGNORECASE
)
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
ROLE_TAIL: Final = re.compile(
    r"\s\s*((?:in charge of|responsible for|with responsibility for|overseeing)\s+.+)$",
    re.IGNORECASE,
)
ACTING_PREFIX: Final = re.compile(r"^(?:acting|interim)\s+", re.IGNORECASE)
LEADING_AND: Final = re.compile(r"^and\s+")
AND_BEFORE_WORD: Final = re.compile(r"\s\s*and\s+(?=[A-Za-z])")
AND_BEFORE_CAPITAL: Final = re.compile(r"\s\s*and\s+(?=[A-Z])")
QUALIFIER: Final = re.compile(r"^(.*\S)\s*\(([^()]*)\)$")
DATED_TAIL: Final = re.compile(r"\s*\([^()]*\d[^()]*\)?\s*$")
LIST_PREFIX: Final = re.compile(r"^(?:list of|former|current)\s+", re.IGNORECASE)
SMALL_WORDS: Final = frozenset({"of", "the", "for", "and", "in", "to", "on", "at", "a"})


@dataclass
class PostDescription:
    post: str
    role: str | None = None
    rank: str | None = None
    acting: bool = False
    concurrent: list[str] = field(default_factory=list)

    def __init__(
        self,
        post: str,
        role: str | None = None,
        rank: str | None = None,
        acting: bool = False,
        concurrent: list[str] | None = None,
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`): 2,500 instructions less a description."""
        self.post = post
        self.role = role
        self.rank = rank
        self.acting = acting
        self.concurrent = [] if concurrent is None else concurrent


def split_posts(text: str) -> list[str]:
    """ "A, B, and C" / "A and B" into post titles, only where every part is a post title."""
    parts = [LEADING_AND.sub("", p) if p.startswith("and") else p for p in top_level_split(text)]
    out: list[str] = []
    for part in parts:
        pieces = AND_BEFORE_WORD.split(part) if "and" in part else [part]
        if len(pieces) > 1 and all(is_post_title(p) for p in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


def describe_position(text: str) -> PostDescription:
    """Split a position into its post and what qualifies it (see the module's examples)."""
    post, role, rank, acting, concurrent = _describe(text)
    return PostDescription(post, role, rank, acting, list(concurrent))


@lru_cache(maxsize=8192)
def _describe(text: str) -> tuple[str, str | None, str | None, bool, tuple[str, ...]]:
    """:func:`describe_position`, cached by position title as an immutable tuple."""
    text = " ".join(text.split()).strip(" .;,")
    qualifiers: list[str] = []
    while True:
        m = QUALIFIER.match(text) if text[-1:] == ")" else None
        if not m:
            break
        text, qualifier = m.group(1).strip(" ,"), m.group(2).strip()
        qualifiers.insert(0, qualifier)
    parts = top_level_split(text, ",")
    head = parts[0] if parts else text
    result = PostDescription(post=head)
    roles: list[str] = []
    for part in parts[1:]:
        part = LEADING_AND.sub("", part)
        if is_post_title(part):
            result.concurrent.append(part)
        else:
            roles.append(part)
    pieces = AND_BEFORE_CAPITAL.split(head) if "and" in head else [head]
    if len(pieces) > 1 and all(is_post_title(p) for p in pieces):
        result.post = pieces[0]
        result.concurrent = pieces[1:] + result.concurrent
    tail = ROLE_TAIL.search(result.post)
    if tail and is_post_title(result.post[: tail.start()]):
        roles.insert(0, tail.group(1))
        result.post = result.post[: tail.start()]
    if ACTING_PREFIX.match(result.post):
        result.acting = True
        result.post = ACTING_PREFIX.sub("", result.post)
    for qualifier in qualifiers:
        if ACTING.match(qualifier):
            result.acting = True
        elif RANK.search(qualifier):
            result.rank = qualifier
        else:
            roles.append(qualifier)
    result.role = ", ".join(roles) or None
    result.post = post_case(result.post)
    return result.post, result.role, result.rank, result.acting, tuple(result.concurrent)


def post_case(title: str) -> str:
    """Title case for a post written in lower case ("deputy director" -> "Deputy Director")."""
    if title[:1].islower():
        words = title.split()
        return " ".join(
            w if (i and w in SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )
    return title


@lru_cache(maxsize=4096)
def post_from_heading(heading: str) -> str:
    """ "Deputy Directors" -> "Deputy Director"; "Secretary of X (1946–48)" -> "Secretary of X"."""
    text = (DATED_TAIL.sub("", heading) if "(" in heading else heading).strip()
    text = LIST_PREFIX.sub("", text)
    return singular(text)
