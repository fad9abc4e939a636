"""Searches spelled to start with their first letter (not ``\\b``) find what the ``\\b``
spellings find, and so do the twins first_letter_twin spells so."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract import appointments, dates, events
from tenure.extract.text import ascii_twin, first_letter_twin, successive
from tests.extract.test_prose_gates import ADVERSARIAL, SENTENCES


def _with_pattern() -> re.Pattern[str]:
    for _kind, pattern in appointments.PATTERNS:
        if pattern.pattern.startswith("w(?<!\\w.)ith"):
            return pattern
    raise AssertionError("no pattern starts with 'with'")


WITH = _with_pattern()
SPELLED = [
    (appointments.IS_THE, re.compile(r"\bis\s+(?:the|a|an)\s")),
    (appointments.ITS, re.compile(r"\bits\s", re.I)),
    (WITH, re.compile("\\bwith" + WITH.pattern[len("w(?<!\\w.)ith") :])),
    (
        appointments.TRIGGERS["who_is"],
        re.compile(r"\bwho\s+(?:is|was|has been)\s+(?:the|a|an)\s"),
    ),
    (
        appointments.TRIGGERS["who_served"],
        re.compile(
            r"\bwho\s+(?:(?:had|has|previously|earlier|later|also|once)\s+)*(?:served|worked)"
            r"\s+as\s"
        ),
    ),
    (dates._ACTING, re.compile("acting", re.IGNORECASE)),
]
"""Each pattern and the ``\\b`` spelling it stands for."""
PIECES = [
    *("is", "its", "with", "who", "acting", "ITS", "Is", "With", "WHO", "Acting", "aCTING"),
    *("the", "a", "an", "as", "was", "has been", "served", "worked", "later", "Li Peng"),
    *("İts", "ıts", "itſ", "x", "_", "-", "é", " ", "  ", "\t", "\n", "\x1c", ",", "."),
]


def _alike(pattern: re.Pattern[str], plain: re.Pattern[str], sentence: str) -> None:
    assert [m.regs for m in pattern.finditer(sentence)] == [
        m.regs for m in plain.finditer(sentence)
    ], (pattern.pattern, sentence)
    for start in range(0, len(sentence), 3):
        found, expected = pattern.search(sentence, start), plain.search(sentence, start)
        assert (found and found.regs) == (expected and expected.regs), (sentence, start)
    if sentence.isascii() and not pattern.flags & re.IGNORECASE and "(?i" not in pattern.pattern:
        twin, plain_twin = ascii_twin(pattern), ascii_twin(plain)
        assert [m.regs for m in twin.finditer(sentence)] == [
            m.regs for m in plain_twin.finditer(sentence)
        ]


def test_the_with_pattern_is_spelled_from_its_plain_form() -> None:
    assert SPELLED[2][1].pattern.startswith("\\bwith\\s+(?P<person>")


@pytest.mark.parametrize("pattern, plain", SPELLED, ids=lambda p: str(p)[:40])
def test_word_started_patterns_match_as_their_plain_spelling(
    pattern: re.Pattern[str], plain: re.Pattern[str]
) -> None:
    extra = [
        "He is the head; this is a test, its office, with Li Peng as the director",
        "a man who is the chief, who later served as head, who had served as its director",
        "Acting director, ACTING, enacting, reacting",
        "xis the, _its x, -with Li Peng as the, İts ıts itſ ",
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        _alike(pattern, plain, sentence)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map(" ".join))
def test_word_started_patterns_match_alike_anywhere(sentence: str) -> None:
    for pattern, plain in SPELLED:
        _alike(pattern, plain, sentence)
        _alike(pattern, plain, sentence.replace(" ", ""))


RULE_PIECES = [
    *("was", "were", "had been", "has been", "would be", "is", "are", "be", "WAS", "Had Been"),
    *("then", "later", "decided", "Decision", "to", "renaming", "it", "co-located", "colocated"),
    *("with", "no", "longer", "became", "a", "the", "external", "name", "of", "its", "functions"),
    *("established", "set up", "after", "Following", "merged", "into", "abolished", "renamed"),
    *("Office", "Group", "xwas", "was_", "-was", "1990", ".", ",", ";"),
]
RULE_BLANKS = [" ", "  ", "\t", "\n", "\x1c", ""]


def _twins_alike(pattern: re.Pattern[str], sentence: str) -> None:
    twin, spelled = ascii_twin(pattern), first_letter_twin(pattern)
    assert [m.regs for m in spelled.finditer(sentence)] == [
        m.regs for m in twin.finditer(sentence)
    ], (pattern.pattern, sentence)
    for resume in ("after", "post"):
        assert [m.regs for m in successive(spelled, sentence, resume)] == [
            m.regs for m in successive(twin, sentence, resume)
        ]
    for start in range(0, len(sentence), 3):
        found, expected = spelled.search(sentence, start), twin.search(sentence, start)
        assert (found and found.regs) == (expected and expected.regs), (sentence, start)


def test_first_letter_twin_respells_only_a_leading_word_or_group_of_words() -> None:
    cats = first_letter_twin(re.compile(r"\bcats?\s", re.I))
    assert cats.pattern == r"[Cc](?<!\w.)(?i:(?:(?<=c)at)s?[\x09-\x0d\x1c-\x20])"
    for source in (r"\ba?x", r"\b(?:ab|cd)?x", r"\bfoo|bar", r"x\bfoo", r"\b(?:a|b\s)x"):
        pattern = re.compile(source)
        assert first_letter_twin(pattern).pattern == ascii_twin(pattern).pattern, source
    spelled = [first_letter_twin(pattern) for _, pattern, _ in events.RULES]
    assert sum(twin.pattern.startswith("[") for twin in spelled) >= 15


def test_first_letter_twins_of_event_rules_match_as_the_ascii_twins() -> None:
    extra = [
        "The Office was then renamed the Group; it was abolished in 1990.",
        "Xwas renamed, was_ later, WAS LATER MERGED INTO the Group, Had Been abolished",
        "decided to establish, the decision to set up a Group, co-located with the Office",
        "no longer retained the name of the Group; it became the external name of the Office",
    ]
    for _, pattern, _ in events.RULES:
        for sentence in [s for s in SENTENCES + ADVERSARIAL if s.isascii()] + extra:
            _twins_alike(pattern, sentence)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(RULE_PIECES), st.sampled_from(RULE_BLANKS)), max_size=14))
def test_first_letter_twins_of_event_rules_match_alike_anywhere(
    pieces: list[tuple[str, str]],
) -> None:
    sentence = "".join(word + blank for word, blank in pieces)
    for _, pattern, _ in events.RULES:
        _twins_alike(pattern, sentence)
