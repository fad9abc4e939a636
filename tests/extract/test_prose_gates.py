"""The shortcuts prose reading takes give the same answers as the plain checks they replace."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tenure.extract import appointments, events
from tenure.extract.prose import bounded
from tenure.extract.text import Needles, split_sentences
from tenure.sources import read_path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


def sentences() -> list[str]:
    out = [
        "The FALG was upgraded to the Central Foreign Affairs Commission in March 2018.",
        "He was the Director; she had been\tappointed, and later served as  Deputy Head.",
        "It was set up in 1955 and known as the Office, whose Head was held by Li Xi.",
        "McDonald O'Brien-Smith Jr was named, then ESTABLISHED and Re-Organized.",
    ]
    for path in sorted([*SAMPLES.glob("*.txt"), *ARTICLES.glob("*.txt")]):
        for block in read_path(path).paragraphs():
            out += [p.text for s in split_sentences(block.text) for p in bounded(s)]
    return out


SENTENCES = sentences()


@pytest.mark.parametrize(
    ("gate", "word_rules", "needles"),
    [
        (events.GATE, events._word_rules, events.NEEDLES),
        (
            appointments.GATE,
            appointments._word_rules,
            [appointments.NEEDLES[kind] for kind, _ in appointments.PATTERNS],
        ),
    ],
    ids=["events", "appointments"],
)
def test_needle_gate_allows_exactly_the_rules_whose_words_occur(
    gate: Needles, word_rules: Callable[[str], frozenset[int]], needles: list[tuple[str, ...]]
) -> None:
    for sentence in SENTENCES:
        lowered = sentence.lower()
        plain = {i for i, group in enumerate(needles) if any(n in lowered for n in group)}
        assert gate.active(lowered, word_rules) == plain, sentence


def test_possessive_person_finds_the_same_names() -> None:
    plain = re.compile(
        rf"(?P<person>{appointments.PERSON})\s+(?:was|were|is|served|became|had|held|worked)\b"
    )
    for sentence in SENTENCES:
        expected = [m.span("person") for m in plain.finditer(sentence)]
        assert [m.span("person") for m in appointments.NAMED.finditer(sentence)] == expected


def test_triggers_are_needed_by_their_patterns() -> None:
    patterns = dict(appointments.PATTERNS)
    for sentence in SENTENCES:
        for kind, trigger in appointments.TRIGGERS.items():
            if patterns[kind].search(sentence):
                assert trigger.search(sentence), (kind, sentence)
