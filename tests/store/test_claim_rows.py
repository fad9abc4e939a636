"""Claim rows as they cross from the extracting workers to the writer: pickled both ways with
their evidence, their stored JSON what ``json.dumps`` writes, their evidence kept as tuples
until asked for."""

from __future__ import annotations

import json
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tenure.api import read_article
from tenure.model import Evidence
from tenure.store.claims import _FIELDS, ClaimRow, _data_json
from tests.conftest import sample_paths


def _rows() -> list[ClaimRow]:
    return [row for path in sample_paths() for row in read_article(str(path))[1]]


def test_rows_read_from_articles_survive_pickling_with_their_evidence() -> None:
    rows = _rows()
    assert rows
    for row in rows:
        again = pickle.loads(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
        assert again == row
        assert again.evidence == row.evidence
        assert all(type(e) is Evidence for e in again.evidence)
        assert (again.id, again.kind, again.article) == (row.id, row.kind, row.article)
        assert (again.data, again.data_json) == (row.data, row.data_json)


def test_a_row_made_by_hand_is_pickled_and_its_json_made_for_it() -> None:
    evidence = [Evidence(3, "- Office: Director", None), Evidence(0, "Director", "History")]
    row = ClaimRow("cl_1", "org_fact", "X", {"organization": "X", "value": "é"}, evidence)
    assert row.data_json == '{"organization": "X", "value": "é"}'
    again = pickle.loads(pickle.dumps(row))
    assert again == row
    assert again.evidence == evidence
    assert again.evidence_lines() == [(3, "- Office: Director", None), (0, "Director", "History")]
    assert ClaimRow("cl_2", "event", "X", {}).evidence == []


def test_evidence_asked_for_is_the_rows_own_list() -> None:
    row = pickle.loads(pickle.dumps(_rows()[0]))
    row.evidence.append(Evidence(99, "added"))
    assert row.evidence_lines()[-1] == (99, "added", None)
    assert pickle.loads(pickle.dumps(row)).evidence[-1] == Evidence(99, "added")
    row.evidence = []
    assert row.evidence_lines() == []


def test_a_rows_repr_shows_its_evidence() -> None:
    row = ClaimRow("cl_1", "event", "X", {"type": "renamed"}, [Evidence(1, "t")])
    assert "evidence=[Evidence(line=1, text='t', section=None)]" in repr(row)


values = st.one_of(
    st.none(),
    st.text(max_size=6),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(st.one_of(st.text(max_size=3), st.integers(), st.none()), max_size=3),
    st.tuples(st.text(max_size=3)),
)


@given(st.sampled_from(sorted(_FIELDS)), st.data())
def test_the_json_written_directly_is_that_of_json_dumps(kind: str, draw: st.DataObject) -> None:
    data: dict[str, Any] = {name: draw.draw(values) for name in _FIELDS[kind]}
    expected = json.dumps(data, ensure_ascii=False, sort_keys=True)
    assert _data_json(kind, data, list(data.values())) == expected
