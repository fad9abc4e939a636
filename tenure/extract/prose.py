"""Prose: events and holdings read from the article's sentences.

Paragraphs are read in order, sentence by sentence, with one :class:`Mentions` for the
article so that "the group", "its" and abbreviations defined earlier resolve, and with the
date each sentence carries on to the next (see :mod:`tenure.extract.clauses`). Sentences
that look like events (a year and a verb such as established, renamed, abolished, merged)
but match no rule become diagnostics.
"""

from __future__ import annotations

import re
from typing import Final

from tenure.extract import appointments, events
from tenure.extract.appointments import sentence_tenures
from tenure.extract.clauses import Carried, DateTrail
from tenure.extract.events import sentence_events
from tenure.extract.facts import new_tenure
from tenure.extract.names import split_post
from tenure.extract.text import (
    ORG_WORD_NEEDLES,
    Mentions,
    Needles,
    Sentence,
    find_orgs,
    org_head,
    sentence_texts,
)
from tenure.model import Diagnostic, Event, Evidence, Tenure
from tenure.sources.document import Document

EVENT_WORDS: Final = re.compile(
    r"[EeFfCcRrAaDdMmUu](?<!\w.)(?i:(?<=e)stablished|(?<=f)(?:ounded|ormed)|(?<=c)reated"
    r"|(?<=r)(?:enamed|estored|e-established|eorganized|e-organized|eplaced)|(?<=a)(?:bolished"
    r"|bsorbed)|(?<=d)(?:isbanded|issolved|owngraded)|(?<=m)erged|(?<=u)pgraded)\b"
)
"""``\\b(?:established|founded|formed|created|renamed|abolished|disbanded|dissolved|merged|
upgraded|downgraded|restored|re-established|reorganized|re-organized|replaced|absorbed)\\b``
ignoring case, spelled to start with the class of its words' first letters (which nothing
but themselves matches ignoring case) so that a search skips to them: a pattern that ignores
case throughout gets no such class, and was tried at every character. No two words start
alike, so the same matches (a test checks)."""
APPOINT_WORDS: Final = re.compile(
    r"(?:a(?<!\w.)(?:ppointed|s (?:its|the) (?:first )?\w+)|s(?<!\w.)erved as|b(?<!\w.)ecame"
    r"|e(?<!\w.)lected)\b"
)
"""``\\b(?:appointed|served as|became|elected|as (?:its|the) (?:first )?\\w+)\\b``, spelled
to start with its words' first letters (as :func:`~tenure.extract.names.by_first_letter`
spells a list of words) so that a search skips to them; no two of its words start alike but
"appointed" and "as", which differ next, so the same matches (a test checks)."""
YEAR_LIKE: Final = re.compile(r"1(?<!\w.)\d{3}|20\d\d\b")
"""``\\b1\\d{3}|20\\d\\d\\b``, spelled to start with "1" or "2" so that a search skips to those
digits (the ``\\b`` before the "1" is the look-behind after it); the same matches."""
LAST_WORD: Final = re.compile(r"\s*\S*$")
EVENT_WORD_NEEDLES: Final = (
    (
        *("established", "founded", "formed", "created", "renamed", "abolished", "disbanded"),
        *("dissolved", "merged", "upgraded", "downgraded", "restored", "organized", "replaced"),
        "absorbed",
    ),
)
"""Words one of which :data:`EVENT_WORDS` needs (see :class:`Needles`)."""
APPOINT_WORD_NEEDLES: Final = (("appointed", "served as", "became", "elected", "as its", "as the"),)
"""Words one of which :data:`APPOINT_WORDS` needs (see :class:`Needles`, which looks for all
its needles in one pass, phrases as cheaply as words)."""
GATE: Final = Needles(
    [
        *events.NEEDLES,
        *(appointments.NEEDLES[kind] for kind, _ in appointments.PATTERNS),
        EVENT_WORD_NEEDLES,
        APPOINT_WORD_NEEDLES,
        ORG_WORD_NEEDLES,
        appointments.NAMED_VERB_NEEDLES,
    ],
    f"{__name__}.GATE",
)
"""What a sentence's words allow, found in one pass: the event rules (the first bits), the
appointment patterns (the next ones), then :data:`EVENT_WORDS`, :data:`APPOINT_WORDS`,
:data:`~tenure.extract.names.ORG_WORDS` (without which a sentence names no body) and
:data:`~tenure.extract.appointments.TWO_NAME_WORDS` (without which it names no person to
learn)."""
EVENT_RULES: Final = len(events.NEEDLES)
APPOINTMENT_RULES: Final = len(appointments.PATTERNS)
MAY_TELL_EVENT: Final = 1 << (EVENT_RULES + APPOINTMENT_RULES)
MAY_TELL_APPOINTMENT: Final = MAY_TELL_EVENT << 1
MAY_NAME_BODY: Final = MAY_TELL_EVENT << 2
MAY_NAME_PERSON: Final = MAY_TELL_EVENT << 3
SUBJECT_REF: Final = re.compile(
    r"^(?:It|This\s+\w+|The\s+(?:group|office|commission|committee|department|body|agency|"
    r"ministry|council|bureau|post|position|organization|politburo))\b"
)


def read_prose(
    doc: Document,
    subject: str,
    kind: str,
    names: list[str],
    abbreviations: dict[str, str],
    post: str | None = None,
    organization: str | None = None,
) -> tuple[list[Tenure], list[Event], list[Diagnostic]]:
    """Tenures, events and diagnostics from every paragraph of the article."""
    ctx = Mentions(subject=subject)
    ctx.abbreviations.update(abbreviations)
    for name in names:
        ctx.by_head.setdefault(org_head(name), subject) if kind == "organization" else None
    ctx.last = subject if kind == "organization" else None
    if kind == "post":
        ctx.post_title, ctx.post_org = split_post(subject)
        ctx.post_title = post or ctx.post_title
        ctx.post_org = organization or ctx.post_org
        ctx.abbreviations.setdefault("post", subject)
    person = subject if kind == "person" else None
    tenures: list[Tenure] = []
    events: list[Event] = []
    notes: list[Diagnostic] = []
    gate = GATE.active
    for block in doc.paragraphs():
        ctx.learn_abbreviations(block.text)
        trail = DateTrail()
        texts = [piece for s in sentence_texts(block.text) for piece in bounded_text(s)]
        last = len(texts) - 1
        for index, said in enumerate(texts):
            text = said
            evidence: Evidence | None = None
            cut = block.truncated and index == last
            if cut and not text.endswith("."):
                text = LAST_WORD.sub("", text)
            if "(" in text:
                text = mask_asides(text)
            active = gate(text)
            # find_orgs finds nothing in a sentence without a body's word (MAY_NAME_BODY)
            orgs = find_orgs(text) if active & MAY_NAME_BODY else []
            eventful = active & _EVENT_MASK
            appointed = active >> EVENT_RULES & _APPOINTMENT_MASK
            if appointed:
                # only the appointment readings ask for the sentence's subject
                subject_ref = SUBJECT_REF.match(text)
                if subject_ref:
                    ctx.sentence_subject = ctx.resolve(subject_ref.group(0))
                else:
                    ctx.sentence_subject = ctx.abbreviations.get(orgs[0], orgs[0]) if orgs else None
            carried: Carried = None
            if eventful or appointed:
                carried = trail.carried(text, Eventful(active))
            else:
                trail.skip(text)  # no reading asks for its date, a later sentence may
            found = sentence_events(text, ctx, carried, cut, eventful) if eventful else []
            ctx.event_in_sentence = bool(found)
            for event in found:
                if event.type == "established" and event.date and ctx.established_on is None:
                    ctx.established_on = event.date
                if evidence is None:
                    evidence = Evidence(block.line, said, block.section)
                events.append(
                    Event(event.type, event.organization, event.date, event.other, [evidence])
                )
            may_name = bool(active & MAY_NAME_PERSON)
            for held in sentence_tenures(text, ctx, carried, person, appointed, may_name):
                rng = held.range
                if evidence is None:
                    evidence = Evidence(block.line, said, block.section)
                tenures.append(
                    new_tenure(
                        person=held.person,
                        post=held.post,
                        organization=held.organization,
                        start=rng.start if rng else None,
                        end=rng.end if rng else None,
                        ongoing=held.ongoing or bool(rng and rng.ongoing),
                        acting=held.acting,
                        role=held.role,
                        rank=held.rank,
                        concurrent=held.concurrent,
                        evidence=[evidence],
                        bucket="prose",
                        person_aliases=held.aliases,
                    )
                )
            if (
                not found
                and active & MAY_TELL_EVENT
                and YEAR_LIKE.search(text)
                and EVENT_WORDS.search(text)
            ):
                notes.append(
                    Diagnostic(
                        "info",
                        f"sentence looks like an event but was not read: {text[:100]!r}",
                        block.line,
                    )
                )
            ctx.recent = orgs
            if orgs:
                ctx.noticed(orgs)
    return tenures, events, notes


ASIDE: Final = re.compile(
    r"\((?:[^()]*\bborn\b[^()]*|;?\s*\d{1,2}\s+\w+\s+\d{4}\s*[–—-]\s*\d{1,2}\s+\w+\s+\d{4}|[^()"
    r"]*\d{4}\s*[–—-]\s*\d{4}\)?\s*$)\)"
)


def mask_asides(text: str) -> str:
    """Blank out "(born October 1956)" and life spans, which are not tenure dates."""
    if "(" not in text:
        return text
    return ASIDE.sub(lambda m: " " * len(m.group(0)), text)


MAX_SENTENCE: Final = 600


def bounded(sentence: Sentence) -> list[Sentence]:
    """A run-on "sentence" (no full stops for pages) read in clause-sized pieces
    (:func:`bounded_text`)."""
    if len(sentence.text) <= MAX_SENTENCE:
        return [sentence]
    return [
        Sentence(piece, sentence.line, sentence.section, sentence.paragraph, 0)
        for piece in bounded_text(sentence.text)
    ]


def bounded_text(text: str) -> list[str]:
    """A run-on sentence's text in clause-sized pieces.

    Real sentences are a few hundred characters; reading a longer run whole would cost time
    that grows with its square, so it is cut at semicolons, then commas, near 600 characters.
    """
    if len(text) <= MAX_SENTENCE:
        return [text]
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_SENTENCE)
        if end < len(text):
            cut = max(text.rfind("; ", start, end), text.rfind(", ", start, end))
            end = cut + 2 if cut > start else end
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
        start = end
    return pieces


_EVENT_MASK: Final = (1 << EVENT_RULES) - 1
_APPOINTMENT_MASK: Final = (1 << APPOINTMENT_RULES) - 1


class Eventful:
    """Whether a sentence tells of an appointment or an event (so continues a story), for a
    sentence whose words allow ``active`` (of :data:`GATE`). An object rather than a closure,
    which compiled code makes (once per sentence) with one allocation instead of two."""

    def __init__(self, active: int) -> None:
        self.active = active

    def __call__(self, text: str) -> bool:
        active = self.active
        return bool(
            (active & MAY_TELL_APPOINTMENT and APPOINT_WORDS.search(text))
            or (active & MAY_TELL_EVENT and EVENT_WORDS.search(text))
        )
