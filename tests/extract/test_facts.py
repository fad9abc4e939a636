"""new_tenure makes what Tenure(...) makes, field for field and in order."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tenure.extract.facts import new_tenure
from tenure.model import Evidence, Tenure

TEXT = st.one_of(st.none(), st.text(max_size=8))
LISTS = st.one_of(st.none(), st.lists(st.text(max_size=5), max_size=3))


def _alike(made: Tenure, plain: Tenure) -> None:
    assert made == plain
    assert list(vars(made).items()) == list(vars(plain).items())
    assert dataclasses.asdict(made) == dataclasses.asdict(plain)
    assert repr(made) == repr(plain)


@pytest.mark.parametrize(
    "arguments",
    [
        {},
        {"start": "2014", "end": "2018-03", "ongoing": True, "acting": True},
        {"role": "in charge", "rank": "minister-level", "bucket": "prose"},
        {"concurrent": ["Premier"], "person_aliases": ["Li"], "bucket": "infobox"},
        {"evidence": [Evidence(3, "Li Peng was Premier.", "Lead")], "predecessor": "Zhou"},
        {"successor": "Zhu Rongji", "organization": None},
    ],
)
def test_new_tenure_is_the_class_s_tenure(arguments: dict[str, Any]) -> None:
    fields: dict[str, Any] = {"person": "Li Peng", "post": "Premier", "organization": "State"}
    fields.update(arguments)
    _alike(new_tenure(**fields), Tenure(**fields))


def test_new_tenure_gives_each_tenure_lists_of_its_own() -> None:
    first, second = new_tenure("A B", "Head", None), new_tenure("C D", "Head", None)
    assert first.concurrent is not second.concurrent
    assert first.evidence is not second.evidence
    assert first.person_aliases is not second.person_aliases
    given_list = ["Premier"]
    assert new_tenure("A B", "Head", None, concurrent=given_list).concurrent is given_list


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=8),
    st.text(max_size=8),
    TEXT,
    TEXT,
    TEXT,
    st.booleans(),
    st.booleans(),
    TEXT,
    LISTS,
    LISTS,
    st.sampled_from(["infobox", "list", "prose"]),
)
def test_new_tenure_is_the_class_s_tenure_for_any_fields(
    person: str,
    post: str,
    organization: str | None,
    start: str | None,
    end: str | None,
    ongoing: bool,
    acting: bool,
    role: str | None,
    concurrent: list[str] | None,
    aliases: list[str] | None,
    bucket: str,
) -> None:
    fields: dict[str, Any] = {
        "person": person,
        "post": post,
        "organization": organization,
        "start": start,
        "end": end,
        "ongoing": ongoing,
        "acting": acting,
        "role": role,
        "bucket": bucket,
    }
    if concurrent is not None:
        fields["concurrent"] = concurrent
    if aliases is not None:
        fields["person_aliases"] = aliases
    _alike(new_tenure(**fields), Tenure(**fields))
