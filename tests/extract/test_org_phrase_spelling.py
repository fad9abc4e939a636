"""ORG_PHRASE, with possessive repeats, finds what its plain spelling finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract import text
from tenure.extract.text import CONNECT, FIRST_WORD, INLINE_ABBR, WORD
from tests.extract.test_prose_gates import ADVERSARIAL, SENTENCES

PLAIN_ORG_PHRASE = re.compile(
    rf"{FIRST_WORD}{INLINE_ABBR}(?:(?:\s+|-)(?:{CONNECT}\s+)*(?:{WORD}){INLINE_ABBR})*"
    rf"(?:\s*'s\s+{WORD}(?:\s+{WORD})*)?"
)
"""ORG_PHRASE as it was spelled before its repeats were made possessive."""
PIECES = [
    *("Office", "Group", "Party", "CCP", "A", "Z", "x", "office", "21st", "3rd", "1990", "7"),
    *("of", "the", "for", "and", "on", "in", "to", "de", "du", "la", "'s", "’s", "'", "’"),
    *(" ", "  ", "\t", "\n", "\x1c", "\xa0", "-", "–", "(CCP)", "(", ")", ",", "."),
    *("É", "Đ", "é", "_"),
]


def _alike(sentence: str) -> None:
    for pattern, twin in ((text.ORG_PHRASE, text.ORG_PHRASE_ASCII),):
        expected = [m.span() for m in PLAIN_ORG_PHRASE.finditer(sentence)]
        assert [m.span() for m in pattern.finditer(sentence)] == expected, sentence
        if sentence.isascii():
            assert [m.span() for m in twin.finditer(sentence)] == expected, sentence
        for start in range(0, len(sentence), 5):
            found = pattern.match(sentence, start)
            plain = PLAIN_ORG_PHRASE.match(sentence, start)
            assert (found and found.span()) == (plain and plain.span()), (sentence, start)


def test_org_phrase_matches_as_its_plain_spelling_on_every_sentence() -> None:
    extra = [
        "the Ministry of State Security (MSS) of the People's Republic of China",
        "Party 's Office and the Party 's office of the 21st Central Committee of",
        "Sino-Soviet Friendship Association - Beijing Branch",
        "Office of  the\tGroup's  Bureau’s Head of the de la Cour du Roi",
        "A B C D 1st 2nd in the In The",
    ]
    for sentence in SENTENCES + ADVERSARIAL + extra:
        _alike(sentence)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_org_phrase_matches_as_its_plain_spelling_anywhere(sentence: str) -> None:
    _alike(sentence)
