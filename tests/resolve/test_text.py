"""Folding and squashing: the shortcuts give what the general Unicode paths give."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from normality import normalize

from tenure.resolve import text
from tenure.resolve.text import fold, squash


def _general(value: str) -> str:
    """:func:`fold` without its ASCII shortcut."""
    value = unicodedata.normalize("NFKC", value).translate(text._EXTRA)
    value = value.replace("'", "").replace("’", "")
    return normalize(value, lowercase=True, collapse=True) or ""


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_folds_as_the_general_path_folds_it(value: str) -> None:
    assert fold(value) == _general(value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_any_text_folds_as_the_general_path_folds_it(value: str) -> None:
    assert fold(value) == _general(value)


def test_names_fold_to_their_keys() -> None:
    assert fold("  The Office of the CCP  ") == "the office of the ccp"
    assert fold("O'Brien, Sir  Richard (KCB)") == "obrien sir richard kcb"
    assert fold("US$ 5^2 `x`") == "us 52 x"
    assert fold("Võ  Nguyên Giáp") == "vo nguyen giap"


def _squashed(value: str) -> str:
    """:func:`squash` as a regular expression does it."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value)).strip()


WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200b\u2028\u3000\ufeff"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(WHITESPACE) | st.characters(), max_size=30))
def test_squash_spaces_as_the_regular_expression_does(value: str) -> None:
    assert squash(value) == _squashed(value)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(WHITESPACE) | st.characters(max_codepoint=127)))
def test_ascii_squashes_as_the_regular_expression_does(value: str) -> None:
    assert squash(value) == _squashed(value)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(["the", "them", "other", "office", "of", "t", "he", ""]), max_size=8)
)
def test_drop_words_drops_whole_words_only(words: list[str]) -> None:
    key = " ".join(words)
    expected = " ".join(w for w in key.split(" ") if w != "the")
    assert text.drop_words(key, frozenset({"the"})) == expected
