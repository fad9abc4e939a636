"""Claim ids stay what they were: a stored claim read again must get the same id, or a
re-ingest with a newer tenure would retire every claim and insert it again."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tenure.resolve.text import make_id
from tenure.store.claims import _FIELDS, claim_id

ONSC = "Office of the National Security Commission"


@pytest.mark.parametrize(
    ("kind", "article", "data", "expected"),
    [
        (
            "tenure",
            "Li Zhanshu",
            {
                "person": "Li Zhanshu",
                "post": "Director",
                "organization": ONSC,
                "start": "2014",
                "end": "2017",
                "ongoing": False,
                "acting": False,
                "role": None,
                "rank": None,
                "concurrent": [],
            },
            "cl_2658ea7f597c16c58eb7",
        ),
        (
            "event",
            ONSC,
            {"type": "renamed", "organization": ONSC, "other": None, "date": "2018-03"},
            "cl_7fa9071c46e83718e11a",
        ),
        (
            "person_name",
            "Wang Yi",
            {"person": "Wang Yi", "name": "王毅", "kind": "native", "lang": "zh"},
            "cl_b0bc0d080c3969b438bc",
        ),
        (
            "tenure",
            "",
            {"person": "X", "concurrent": ["a", "b"], "acting": True},
            "cl_92e0d595dcacfe524f9b",
        ),
    ],
)
def test_claim_ids_are_those_of_earlier_versions(
    kind: str, article: str, data: dict[str, Any], expected: str
) -> None:
    assert claim_id(kind, article, data) == expected


def _spelled_out(kind: str, article: str, data: dict[str, Any]) -> str:
    """The id as the rule says: make_id of "cl", kind, article and every field as
    name=value, a flag yes/no, a list joined by \\x1e, a missing value unknown."""
    parts: list[object] = []
    for name in _FIELDS[kind]:
        value = data.get(name)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, list):
            value = "\x1e".join(str(v) for v in value) or None
        parts.append(f"{name}={'unknown' if value is None else value}")
    return make_id("cl", kind, article, *parts)


values = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.booleans(),
    st.integers(),
    st.lists(st.one_of(st.text(max_size=3), st.integers(), st.none()), max_size=3),
)


@given(
    st.sampled_from(sorted(_FIELDS)),
    st.one_of(st.just(""), st.text(max_size=8)),
    st.dictionaries(st.sampled_from(sorted({f for fs in _FIELDS.values() for f in fs})), values),
)
def test_a_claim_id_is_make_id_of_its_fields_written_out(
    kind: str, article: str, data: dict[str, Any]
) -> None:
    assert claim_id(kind, article, data) == _spelled_out(kind, article, data)
