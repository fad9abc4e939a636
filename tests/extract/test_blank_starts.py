"""Patterns spelled to start with one blank (``\\s\\s*``) find what their ``\\s+`` forms find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract import appointments, events, names, organization, posts, text, values
from tests.extract.test_prose_gates import ADVERSARIAL, SENTENCES

BLANK_STARTED = [
    text.AND_THE,
    text.TRAILING_ABBREVIATION,
    text.HEAD_CUT,
    text.MONTH_TAIL,
    names.HEAD_CUT,
    appointments.AND,
    appointments.AT_ORG,
    appointments.IN_NAME,
    appointments.AND_THE,
    appointments.AS,
    appointments.PURPOSE,
    events.TRAILING_AND,
    organization.IS_OR_WAS,
    posts.ROLE_TAIL,
    posts.AND_BEFORE_WORD,
    posts.AND_BEFORE_CAPITAL,
    values.SPACE_COMMA,
]
"""Patterns that start with ``\\s\\s*``: one blank first gives the search a class to skip
to (sre skips to a leading class, but tries a leading ``\\s+`` at every character)."""

WORDS = [
    *("and", "the", "its", "at", "in", "as", "of", "for", "on", "to", "by", "from", "is", "was"),
    *("in charge", "responsible", "with", "overseeing", "early", "May", "January", "1990"),
    *("State", "(CCP)", ",", ".", "a", "an", "order", "Office", "x", "Z", "A"),
]
BLANKS = [" ", "  ", "\t", "\n", "\x1c", "\xa0", "\u3000", " \n "]


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    assert pattern.pattern.startswith("\\s\\s*"), pattern.pattern
    return re.compile("\\s+" + pattern.pattern[5:], pattern.flags)


def _alike(pattern: re.Pattern[str], sentence: str) -> None:
    plain = _plain(pattern)
    assert [m.regs for m in pattern.finditer(sentence)] == [
        m.regs for m in plain.finditer(sentence)
    ], (pattern.pattern, sentence)
    assert pattern.split(sentence) == plain.split(sentence)
    assert pattern.sub("|", sentence) == plain.sub("|", sentence)
    for start in range(0, len(sentence), 7):
        found, expected = pattern.search(sentence, start), plain.search(sentence, start)
        assert (found and found.regs) == (expected and expected.regs)


@pytest.mark.parametrize("pattern", BLANK_STARTED, ids=lambda p: p.pattern[:30])
def test_blank_started_patterns_match_as_their_plain_forms(pattern: re.Pattern[str]) -> None:
    extra = [
        "Director of the Office and the Group in charge of trade",
        "Head  (CCP)",
        "x and\t the\nGroup and its Office",
        "served in early May 1990 and ,",
        "chief\u3000at\xa0the State Council",
        "a as b in order to c to d",
        "",
        " ",
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        _alike(pattern, sentence)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDS + BLANKS), max_size=16).map("".join))
def test_blank_started_patterns_match_alike_anywhere(sentence: str) -> None:
    for pattern in BLANK_STARTED:
        _alike(pattern, sentence)
