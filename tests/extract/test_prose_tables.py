"""Prose reading's memo tables answer as the plain readings they stand for."""

from __future__ import annotations

import re

import pytest

from tenure.extract import text
from tests.extract.test_prose_gates import ADVERSARIAL, GATES, SENTENCES


@pytest.mark.parametrize("size", [2, 8192])
def test_phrase_orgs_table_answers_as_reading(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(text, "_PHRASE_ORGS_SIZE", size)
    text._PHRASE_ORGS.clear()
    for _ in range(2):  # learning, then looking up
        for sentence in SENTENCES + ADVERSARIAL:
            pattern = text.ORG_PHRASE
            plain = [o for p in pattern.findall(sentence) for o in text.read_phrase_orgs(p)]
            assert text.find_orgs(sentence) == plain, sentence
            assert len(text._PHRASE_ORGS) <= size


@pytest.mark.parametrize("size", [2, 4096])
def test_word_tables_answer_as_reading(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    monkeypatch.setattr(text, "_ORG_HEADS_SIZE", size)
    monkeypatch.setattr(text, "_ABBREVIATION_ENDS_SIZE", size)
    text._ORG_HEADS.clear()
    text._ABBREVIATION_ENDS.clear()
    orgs = [o for sentence in SENTENCES for o in text.find_orgs(sentence)]
    words = [w for sentence in SENTENCES[:400] for w in sentence.split()]
    for _ in range(2):
        for org in [*orgs, "", "Office", "the group"]:
            assert text.org_head(org) == text.read_org_head(org), org
            assert len(text._ORG_HEADS) <= size
        for word in [*words, "Mr", "U.S", "A", "e.g"]:
            plain = text.ABBREVIATIONS.search(word + ".") is not None
            assert text._ends_abbreviation(word) == plain, word
            assert len(text._ABBREVIATION_ENDS) <= size


@pytest.mark.parametrize("size", [2, 1024])
@pytest.mark.parametrize(
    ("gate", "patterns", "needles"), GATES, ids=["events", "appointments", "prose"]
)
def test_gate_tables_answer_as_reading(
    monkeypatch: pytest.MonkeyPatch,
    size: int,
    gate: text.Needles,
    patterns: list[re.Pattern[str]],
    needles: list[tuple[tuple[str, ...], ...]],
) -> None:
    monkeypatch.setattr(text, "KNOWN_SETS", size)
    gate.allowed.clear()
    gate.phrased.clear()
    for sentence in SENTENCES + ADVERSARIAL:
        if text.FOLDS_TO_ASCII.search(sentence):
            continue
        spaced = " ".join(sentence.lower().split())
        plain = 0
        for index, groups in enumerate(needles):
            if all(any(n in spaced for n in group) for group in groups):
                plain |= 1 << index
        assert gate.active(sentence) == plain, sentence
        assert len(gate.allowed) <= size and len(gate.phrased) <= size
    for groups in range(64):
        expected = sum(
            1 << index for index, needs in enumerate(gate.requires) if needs & groups == needs
        )
        assert gate.rules_of(groups) == expected
