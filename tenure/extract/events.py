"""Events in an organization's life, read from sentences.

    >>> ctx = Mentions(subject="Central Foreign Affairs Commission")
    >>> [(e.type, e.organization, e.other) for e in sentence_events(
    ...     "The FALG was upgraded to the Central Foreign Affairs Commission in March 2018.", ctx)]
    [('upgraded', 'FALG', 'Central Foreign Affairs Commission')]

Each rule pairs a verb with where its parties stand: the body before a passive verb ("X was
renamed Y"), the body after an active one ("decided to establish X"), the body a relative
clause hangs on ("X, which has the external name of Y"). References ("it", "the group",
"the FALG") resolve through :class:`~tenure.extract.text.Mentions`. Dates come from
:mod:`tenure.extract.clauses`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from tenure.extract.clauses import Carried, date_for
from tenure.extract.names import ORG_WORDS
from tenure.extract.text import (
    Mentions,
    Needles,
    clean_org,
    find_orgs,
    first_letter_twin,
    members,
    org_head,
    successive,
)

REF: Final = (
    r"(?:[Ii]t|[Tt]hey|[Tt]his\s+\w+|[Tt]he\s+(?:group|office|commission|committee|department|"
    r"body|agency|ministry|council|bureau|leading group|post|position|organization|secretariat|"
    r"politburo|institution|unit|party|board|administration|directorate|service)|"
    r"[Tt]he\s+[A-Z]{2,8}|[A-Z]{2,8})"
)
PASSIVE: Final = (
    r"(?:was|were|had been|has been|would be|is|are|be)\s+(?:then\s+|later\s+|first\s+|"
    r"originally\s+|officially\s+|formally\s+|subsequently\s+|eventually\s+|also\s+|initially\s+)*"
)
I: Final = re.IGNORECASE  # noqa: E741
# (event type, pattern, whether the body it happens to stands before the match)
RULES: list[tuple[str, re.Pattern[str], bool]] = [
    (
        "established",
        re.compile(
            r"\b(?:decided|decision|resolution|notice|order|decree|plan|agreed)\b[^.;]{0,60}?\b"
            r"(?:to\s+)?"
            r"(?:establish(?:ing)?|create|set up|form|found|the establishment of|on the establi"
            r"shment of)\s+(?P<after>.+)",
            I,
        ),
        False,
    ),
    (
        "established",
        re.compile(
            r"\b(?:after|following|with|upon|since)\s+the\s+(?:establishment|creation|founding|"
            r"formation)\s+of\s+(?P<after>.+)",
            I,
        ),
        False,
    ),
    (
        "established",
        re.compile(
            rf"\b{PASSIVE}(?:established|founded|formed|created|set up|instituted)\b(?:\s+as\s+"
            rf"(?P<as>.+))?(?P<rest>.*)",
            I,
        ),
        True,
    ),
    (
        "established",
        re.compile(
            r"\b(?:established|founded|created|set up)\s+(?:a|an|the)\s+(?:new\s+)?(?:(?:positi"
            r"on|post|office)\s+(?:entitled|called|named|of)\s+)?(?P<after>[A-Z].+)"
        ),
        False,
    ),
    (
        "restored",
        re.compile(
            rf"\b{PASSIVE}(?:restored|re-?established|revived|reinstated|reconstituted|re-?crea"
            rf"ted)\b",
            I,
        ),
        True,
    ),
    (
        "renamed",
        re.compile(
            rf"\b{PASSIVE}(?:re-?organi[sz]ed\s+and\s+)?renamed\s+(?:as\s+|to\s+|into\s+)?(?P<a"
            rf"fter>.+)",
            I,
        ),
        True,
    ),
    (
        "renamed",
        re.compile(r"\brenaming\s+(?P<ref>it|them|the\s+\w+)\s+(?:as\s+|to\s+)?(?P<after>.+)", I),
        False,
    ),
    ("renamed", re.compile(rf"\b{PASSIVE}(?:known|called)\s+as\s+(?P<after>the\s+[A-Z].+)"), True),
    ("upgraded", re.compile(rf"\b{PASSIVE}upgraded\s+(?:to|into)\s+(?P<after>.+)", I), True),
    ("downgraded", re.compile(rf"\b{PASSIVE}downgraded\s+(?:to|into)\s+(?P<after>.+)", I), True),
    (
        "abolished",
        re.compile(
            rf"\b{PASSIVE}(?:abolished|disbanded|dissolved|liquidated|scrapped|eliminated)\b", I
        ),
        True,
    ),
    (
        "abolished",
        re.compile(r"^(?:Disbanded|Abolished|Dissolved)\b[^,]*,\s*(?P<ref>it|they|the\s+\w+)\b"),
        False,
    ),
    (
        "abolished",
        re.compile(
            r"\b(?:officially\s+|formally\s+)?ceased\s+(?:operations|to exist|functioning)\b", I
        ),
        True,
    ),
    ("abolished", re.compile(r"(?:'s|’s)\s+(?:dissolution|abolition)\b", I), True),
    ("abolished", re.compile(rf"\b{PASSIVE}replaced\s+(?:with|by)\s+(?P<after>.+)", I), True),
    (
        "abolished",
        re.compile(r"\b(?:to\s+replace|superseded|replacing|replaced)\s+(?P<after>the\s+.+)", I),
        False,
    ),
    (
        "merged",
        re.compile(
            rf"\b{PASSIVE}(?:merged|absorbed|incorporated|folded)\s+(?:with|into|in)\s+(?P<afte"
            rf"r>.+)",
            I,
        ),
        True,
    ),
    (
        "merged",
        re.compile(
            r"\bwith\s+its\s+functions\s+(?:absorbed|transferred|merged)\s+(?:into|to)\s+(?P<af"
            r"ter>.+)",
            I,
        ),
        True,
    ),
    (
        "upgraded",
        re.compile(r"\bbecame\s+(?:a|an|the)\s+(?P<after>(?:full|separate|independent)\s+[A-Z].+)"),
        True,
    ),
    (
        "reorganized",
        re.compile(
            rf"\b{PASSIVE}(?:re-?organi[sz]ed|restructured|reformed|transformed|converted)\b(?:"
            rf"\s+(?:into|as)\s+(?P<after>.+))?",
            I,
        ),
        True,
    ),
    ("co_located", re.compile(r"\bco-?located\s+with\s+(?P<after>.+)", I), True),
    (
        "co_located",
        re.compile(
            r",?\s+which\s+has\s+the\s+(?:external|additional|second)\s+name\s+(?:of\s+)?(?P<af"
            r"ter>.+)",
            I,
        ),
        True,
    ),
    (
        "co_located",
        re.compile(
            r"\s+should\s+(?:have|bear|carry)\s+the\s+name\s+(?:of\s+)?(?P<after>.+?)\s+externally",
            I,
        ),
        True,
    ),
    (
        "co_located_rev",
        re.compile(
            r"\b(?:was|is|became)\s+(?:also\s+)?the\s+external\s+name\s+of\s+(?P<after>.+)", I
        ),
        True,
    ),
    (
        "co_located",
        re.compile(
            r"one\s+(?:institution|organization|organisation)\s+(?:with\s+)?two\s+names[\"”']?\s"
            r"*(?:arrangement|system)?,\s*(?P<ref>it|they)\s+(?:is|are|was|were)\s+(?:also\s+)?"
            r"(?:the\s+)?(?P<after>.+)",
            I,
        ),
        False,
    ),
    (
        "co_located",
        re.compile(
            r"under the arrangement of [\"“]one institution with two names[\"”],\s*(?P<ref>they)\b",
            I,
        ),
        False,
    ),
    (
        "name_dropped",
        re.compile(
            r"\bno\s+longer\s+(?:retained|retains|kept|keeps|used|uses|bore|bears)\s+the\s+name"
            r"\s+(?:of\s+)?(?P<after>.+)",
            I,
        ),
        True,
    ),
]
ARTICLE: Final = re.compile(r"^(?:the|a|an)\s+", I)
WHICH: Final = re.compile(r",\s+which\s+(?:itself\s+)?(?:had\s+|has\s+)?(?:\w+ly\s+)?$")
REF_ONLY: Final = re.compile(REF)
LEADING_REF: Final = re.compile(rf"^({REF})\b(?!\s+(?:of|for)\s+[A-Z])")
THE_WORD_NAME: Final = re.compile(r"^[Tt]he\s+\w+\s+[A-Z]")
LEADING_DETERMINER: Final = re.compile(r"^(?:a|an|the|its|their)\s+", I)
LOWER_WORDS_BEFORE_NAME: Final = re.compile(r"^(?:[a-z][\w-]*\s+){0,2}(?=[A-Z])")
LEADING_ARTICLE_ITS: Final = re.compile(r"^(?:a|an|the|its)\s+", I)
AND_NEXT: Final = re.compile(r"^\s+and\s+(?:the\s+)?(?P<next>.+)")
ITS_OFFICE: Final = re.compile(r"^its\s+office\b", I)
ITS_OFFICE_NAMED: Final = re.compile(r"^its\s+Office\b")
AND_ITS_OFFICE: Final = re.compile(r"^\s+and\s+its\s+office\b", I)
AND_ITS_OFFICE_END: Final = re.compile(r"\band\s+its\s+office\s*$", I)
BRACKETED: Final = re.compile(r"\s*\([^()]*\)")
TRAILING_ALSO_CALLED: Final = re.compile(
    r",\s*(?:also|officially|formerly|often|commonly|sometimes)\s+(?:called|known as|transl"
    r"ated as|referred to as)\s+[^,]*,?\s*$"
)
TRAILING_COMMA: Final = re.compile(r",\s*$")
ENDING_REF: Final = re.compile(rf"\b({REF})\s*$")
ENDING_REF_OFFICE: Final = re.compile(rf"({REF})(?:\s+and\s+its\s+office)?\s*$")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
TRAILING_AND: Final = re.compile(r"\s\s*and\s*$")
ORIGINALLY: Final = re.compile(r"\boriginally\b")
CALLED: Final = re.compile(r",?\s*(?:named|called|known as)\s+(?:the\s+)?(?P<n>[A-Z].+)")
POSITION_OF: Final = re.compile(r"^\s*the\s+(?:position|post|office)\s+of\s+(?P<p>.+?)\s*$", I)
MERGED_PAIR: Final = re.compile(
    r"(?:^|,\s*|\b[Tt]he\s+)(?P<a>[A-Z][^,]*?)\s+and\s+(?:the\s+)?(?P<b>[A-Z][^,]*?"
    r")\s*$"
)
SUBJECT_BEFORE_VERB: Final = re.compile(
    rf"^(?:.*?,\s+)?(?P<s>{REF}|The\s+[A-Z][^,]+?)\s+(?:was|were|is|had)\b"
)
NEEDLES: list[tuple[tuple[str, ...], ...]] = [
    (
        ("decided", "decision", "resolution", "notice", "order", "decree", "plan", "agreed"),
        ("establish", "create", "set up", "form", "found"),
    ),
    (
        ("after", "following", "with", "upon", "since"),
        ("the establishment", "the creation", "the founding", "the formation"),
    ),
    (("established", "founded", "formed", "created", "set up", "instituted"),),
    (("established", "founded", "created", "set up"),),
    (("restored", "established", "revived", "reinstated", "reconstituted", "created"),),
    (("renamed",),),
    (("renaming",),),
    (("known as the", "called as the"),),
    (("upgraded to", "upgraded into"),),
    (("downgraded to", "downgraded into"),),
    (("abolished", "disbanded", "dissolved", "liquidated", "scrapped", "eliminated"),),
    (("disbanded", "abolished", "dissolved"),),
    (("ceased operations", "ceased to exist", "ceased functioning"),),
    (("dissolution", "abolition"), ("'s", "’s")),
    (("replaced with", "replaced by"),),
    (("replace the", "replaced the", "superseded the", "replacing the"),),
    (
        (
            *("merged with", "merged in", "absorbed with", "absorbed in"),
            *("incorporated with", "incorporated in", "folded with", "folded in"),
        ),
    ),
    (("with its functions",),),
    (("became",), ("full", "separate", "independent")),
    (("organized", "organised", "restructured", "reformed", "transformed", "converted"),),
    (("located with",),),
    (("which has the",),),
    (("should",), ("the name",)),
    (("the external name of",),),
    (("one institution", "one organization", "one organisation"), ("two names",)),
    (("under the arrangement of",), ("one institution with two names",)),
    (("no longer",), ("the name",)),
]
"""For each rule, groups of words it needs, one of each (see :class:`Needles`): a
sentence without them is not searched with the rule's pattern."""
RULES_ASCII: Final = [(kind, first_letter_twin(pattern), before) for kind, pattern, before in RULES]
""":data:`RULES` for ASCII sentences (most), faster there (see
:func:`~tenure.extract.text.ascii_twin` and :func:`~tenure.extract.text.first_letter_twin`)."""
GATE: Final = Needles(NEEDLES, f"{__name__}.GATE")
"""The rules a sentence's words allow (for a sentence read on its own; prose reading has
one gate for events and appointments, see :mod:`tenure.extract.prose`)."""


@dataclass
class Found:
    type: str
    organization: str
    other: str | None
    position: int
    date: str | None = None

    def __init__(
        self,
        type: str,
        organization: str,
        other: str | None,
        position: int,
        date: str | None = None,
    ) -> None:
        """The __init__ @dataclass would write, spelled out so that it is compiled (see
        :class:`~tenure.sources.document.Block`)."""
        self.type = type
        self.organization = organization
        self.other = other
        self.position = position
        self.date = date


def _first_org(text: str | None) -> str | None:
    """The body a phrase starts with: "the CCP Central Committee Foreign Affairs Group and ..." """
    if not text:
        return None
    text = text.strip().strip("\"“”'")
    ref = LEADING_REF.match(text)
    if (
        ref
        and find_orgs(text[: ref.end() + 40])[:1] != [ref.group(1)]
        and not THE_WORD_NAME.match(text)
    ):
        return ref.group(1)
    text = LEADING_DETERMINER.sub("", text)
    text = LOWER_WORDS_BEFORE_NAME.sub("", text)
    text = text.strip("\"“”'")
    orgs = find_orgs(text)
    if orgs and text.startswith(orgs[0].split()[0]):
        return orgs[0]
    return None


def _orgs_after(text: str | None) -> list[str]:
    """Bodies joined by "and" at the start of a phrase: "A and the B", "A and its Office"."""
    first = _first_org(text)
    if not first or not text:
        return []
    out = [first]
    body = LEADING_ARTICLE_ITS.sub("", text.strip()).strip("\"“”'")
    rest = body[body.find(first) + len(first) :] if first in body else ""
    m = AND_NEXT.match(rest)
    if m:
        if ITS_OFFICE.match(rest.strip()[4:].strip()) or ITS_OFFICE_NAMED.match(m.group("next")):
            out.append(f"Office of the {first}")
        else:
            nxt = _first_org(m.group("next"))
            if nxt:
                out.append(nxt)
    elif AND_ITS_OFFICE.match(rest):
        out.append(f"Office of the {first}")
    return out


def _last_org(text: str | None) -> str | None:
    """The body nearest the end of the text before a verb (the grammatical subject)."""
    if not text:
        return None
    tail = text.strip()
    if "(" in tail:  # which BRACKETED needs: tried at every character, it costs
        tail = BRACKETED.sub("", tail)
    tail = TRAILING_ALSO_CALLED.sub("", tail)
    tail = TRAILING_COMMA.sub("", tail)
    refs = list(ENDING_REF.finditer(tail))
    if refs:
        return refs[-1].group(1)
    orgs = find_orgs(tail)
    if orgs:
        return orgs[-1]
    m = ENDING_REF_OFFICE.search(tail)
    return m.group(1) if m else None


def resolve(ref: str | None, ctx: Mentions) -> str | None:
    if not ref:
        return None
    ref = ref.strip()
    if REF_ONLY.fullmatch(ref) or ref.lower().startswith(("the ", "this ", "its ")):
        found = ctx.resolve(ref)
        if found:
            return found
        bare = ARTICLE.sub("", ref)
        lower = bare.lower()
        if lower in ("it", "they", "this", "its"):
            return ctx.last
        if lower in ("post", "position"):
            return ctx.subject
        if bare.isupper():
            return bare
        if not ORG_WORDS.search(bare):
            return ctx.last
        return bare
    name = ctx.abbreviations.get(ref, clean_org(ref))
    return _subject_alias(name, ctx)


def _subject_alias(name: str, ctx: Mentions) -> str:
    """A shortened form of the subject's name ("Central Leading Group") is the subject."""
    shortened = ctx.subject.lower().startswith(name.lower() + " ")
    if len(name.split()) >= 2 and shortened and org_head(name) == org_head(ctx.subject):
        return ctx.subject
    return name


def sentence_events(
    sentence: str,
    ctx: Mentions,
    carried: Carried = None,
    truncated: bool = False,
    active: int | None = None,
) -> list[Found]:
    """Every event a sentence states, in order, with its date.

    ``active`` is the rules (bits of :data:`RULES`) the sentence's words allow, when the
    caller has found them (:class:`~tenure.extract.text.Needles`); ``carried`` the date the
    sentence carries on from the one before (see :func:`~tenure.extract.clauses.date_for`).

    Verbs are read left to right and each event updates what "it" means for the next one
    ("... was renamed A, and in 1957, it was renamed B").
    """
    if active is None:
        active = GATE.active(sentence)
    if not active:
        return []
    candidates: list[tuple[int, str, re.Match[str], bool]] = []
    rules = RULES_ASCII if sentence.isascii() else RULES
    for index in members(active):
        kind, pattern, before = rules[index]
        for m in successive(pattern, sentence, "after"):
            position = m.start("after") if m.groupdict().get("after") is not None else m.start()
            candidates.append((position, kind, m, before))
    candidates.sort(key=lambda c: c[0])
    found: list[Found] = []
    seen: list[tuple[int, str]] = []
    for position, kind, m, before in candidates:
        if any(abs(position - p) < 4 and k == kind for p, k in seen):
            continue
        groups: dict[str, str | None] = dict(m.groupdict())
        if before:
            groups["before"] = sentence[: m.start()]
        for event in _read(kind, groups, sentence, ctx, m, truncated):
            event.position = position
            event.date = date_for(sentence, position, carried)
            found.append(event)
            seen.append((position, kind))
            ctx.saw(event.organization)
            if event.type in ("renamed", "upgraded", "downgraded") and event.other:
                ctx.saw(event.other)
    return _dedupe(found)


def _read(
    kind: str,
    groups: dict[str, str | None],
    sentence: str,
    ctx: Mentions,
    m: re.Match[str],
    truncated: bool,
) -> list[Found]:
    before, after, ref = groups.get("before"), groups.get("after"), groups.get("ref")
    if kind == "established":
        if groups.get("as"):
            org = _first_org(groups["as"])
            if not org:
                return []
            named = resolve(org, ctx) or org
            found = [Found(kind, named, None, 0)]
            current = resolve(_last_org(before), ctx) if before else None
            if ORIGINALLY.search(m.group(0)) and current and current != named:
                found.append(Found("renamed", named, current, 0))
            return found
        if before is not None:
            subject = _last_org(before)
            names = []
            if subject and AND_ITS_OFFICE_END.search(before.strip()):
                main = resolve(subject, ctx)
                names = [main, f"Office of the {main}"] if main else []
            elif subject:
                resolved = resolve(subject, ctx)
                names = [resolved] if resolved else []
            if not names:
                called = CALLED.search(groups.get("rest") or "")
                first = _first_org(called.group("n")) if called else None
                names = [first] if first else []
            position_of = POSITION_OF.match(before)
            if position_of:
                names = [position_of.group("p").strip()]
            return [Found(kind, n, None, 0) for n in names if n]
        return [Found(kind, resolve(o, ctx) or o, None, 0) for o in _orgs_after(after)]
    if kind in (
        "renamed",
        "upgraded",
        "downgraded",
        "merged",
        "reorganized",
        "abolished",
        "name_dropped",
        "co_located",
        "co_located_rev",
        "restored",
    ):
        subject = ref if ref else _last_org(before) if before is not None else None
        if before is not None and not ref and TRAILING_AND.search(before):
            subject = _first_org(before) or subject
        target = None
        if after is not None:
            target = _first_org(after)
            if target:
                target = resolve(target, ctx) if REF_ONLY.fullmatch(target) else target
        if kind == "abolished" and after is not None and before is None:
            replaced = target
            relative = WHICH.search(sentence[: m.start()])
            successor = (
                resolve(_last_org(sentence[: relative.start()]), ctx)
                if relative
                else _subject_of(sentence, ctx)
            )
            return [Found(kind, replaced, successor, 0)] if replaced else []
        org = resolve(subject, ctx) if subject else None
        if org is None and kind in ("restored", "abolished", "reorganized") and subject is None:
            return []
        if org is None:
            return []
        if kind == "co_located_rev":
            return [Found("co_located", target, org, 0)] if target else []
        if kind == "merged" and target and before is not None and not ref:
            pair = MERGED_PAIR.search(before.strip())
            if pair:
                bodies = [
                    o for o in (_first_org(pair.group("a")), _first_org(pair.group("b"))) if o
                ]
                if len(bodies) == 2:
                    return [Found(kind, resolve(b, ctx) or b, target, 0) for b in bodies]
        if kind == "abolished" and target:
            return [Found(kind, org, target, 0)]
        if (
            kind in ("renamed", "upgraded", "downgraded", "merged", "name_dropped", "co_located")
            and not target
        ):
            if kind == "co_located" and ref and ref.lower() == "they":
                return _they_colocated(ctx)
            if (
                truncated
                and kind in ("merged", "renamed")
                and after is not None
                and len(after.split()) <= 6
            ):
                return [Found(kind, org, None, 0)]
            return []
        return [Found(kind, org, target if kind != "restored" else None, 0)]
    return []


def _they_colocated(ctx: Mentions) -> list[Found]:
    recent = ctx.recent[-2:]
    if len(recent) == 2:
        return [Found("co_located", recent[0], recent[1], 0)]
    return []


def _subject_of(sentence: str, ctx: Mentions) -> str | None:
    m = SUBJECT_BEFORE_VERB.match(sentence)
    if m:
        return resolve(m.group("s"), ctx)
    return ctx.subject


def _dedupe(found: list[Found]) -> list[Found]:
    out: list[Found] = []
    for event in found:
        if any(
            e.type == event.type and e.organization == event.organization and e.other == event.other
            for e in out
        ):
            continue
        if event.organization and (not event.other or event.other != event.organization):
            out.append(event)
    return out
