"""Event facts → names over time, predecessor/successor links and shared names (no store)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tenure.model import EVENT_TYPES
from tenure.resolve import load_resolver
from tenure.resolve.lineage import Fact, Graph, Party, Shared, Span, build
from tenure.time import first_day, last_day

R = load_resolver(user=False)


def p(name: str, body: str | None = None) -> Party:
    """A party named ``name``, in its own body unless ``body`` says whose name it is."""
    key = name.lower()
    return Party(key, f"org_{(body or name).lower().replace(' ', '_')}", name)


def fact(kind: str, org: Party, date: str | None, other: Party | None = None) -> Fact:
    return Fact(kind, date, org, other, (f"cl_{kind}_{org.key}_{date}",))


def spans(graph: Graph, name: str) -> list[tuple[str | None, str | None, bool]]:
    return [(s.start, s.end, s.ongoing) for s in graph.spans if s.name == name]


def span(graph: Graph, name: str) -> Span:
    (found,) = [s for s in graph.spans if s.name == name]
    return found


def shared(graph: Graph) -> list[tuple[str, str, str | None, str | None, bool]]:
    return [(x.a.name, x.b.name, x.start, x.end, x.inferred) for x in graph.shared]


def test_established_starts_a_name_that_runs_until_something_ends_it() -> None:
    g = build([fact("established", p("Bureau"), "1981")])
    assert spans(g, "Bureau") == [("1981", None, True)]
    assert span(g, "Bureau").began == "established"
    assert g.links == []


def test_abolished_ends_it_and_restored_starts_it_again() -> None:
    bureau = p("Bureau")
    g = build(
        [
            fact("restored", bureau, "1981"),
            fact("established", bureau, "1958-03"),
            fact("abolished", bureau, None),
            fact("upgraded", bureau, "2018-03", p("Commission")),
        ]
    )
    # The undated abolition falls before the restoration: the first span ends, date unknown.
    assert spans(g, "Bureau") == [("1958-03", None, False), ("1981", "2018-03", False)]
    first, second = [s for s in g.spans if s.name == "Bureau"]
    assert (first.began, first.ended, second.began, second.ended) == (
        "established",
        "abolished",
        "restored",
        "upgraded",
    )


def test_renamed_ends_the_old_name_and_starts_the_new_one_on_the_same_date() -> None:
    old, new = p("Research Office", "cpro"), p("Policy Office", "cpro")
    g = build([fact("established", old, "1981"), fact("renamed", old, "1987", new)])
    assert spans(g, "Research Office") == [("1981", "1987", False)]
    assert spans(g, "Policy Office") == [("1987", None, True)]
    (link,) = g.links
    assert (link.type, link.date, link.source.name, link.target.name) == (
        "renamed",
        "1987",
        "Research Office",
        "Policy Office",
    )


def test_upgraded_and_downgraded_link_two_bodies() -> None:
    g = build(
        [
            fact("upgraded", p("Leading Group"), "2018-03", p("Commission")),
            fact("downgraded", p("Ministry"), "1998", p("Bureau")),
        ]
    )
    assert spans(g, "Leading Group") == [(None, "2018-03", False)]
    assert spans(g, "Commission") == [("2018-03", None, True)]
    assert spans(g, "Bureau") == [("1998", None, True)]
    assert [(x.type, x.source.org_id, x.target.org_id) for x in g.links] == [
        ("downgraded", "org_ministry", "org_bureau"),
        ("upgraded", "org_leading_group", "org_commission"),
    ]


def test_merged_into_ends_the_body_and_the_other_goes_on() -> None:
    g = build(
        [
            fact("established", p("Office of External Propaganda"), "1991"),
            fact("merged", p("Office of External Propaganda"), "2014-05", p("Propaganda Dept")),
        ]
    )
    assert spans(g, "Office of External Propaganda") == [("1991", "2014-05", False)]
    assert spans(g, "Propaganda Dept") == [(None, None, False)]
    assert [(x.type, x.target.name) for x in g.links] == [("merged", "Propaganda Dept")]


def test_split_starts_the_new_body_and_the_old_goes_on() -> None:
    g = build(
        [
            fact("established", p("Ministry"), "1949"),
            fact("split", p("Ministry"), "1970", p("Agency")),
        ]
    )
    assert spans(g, "Ministry") == [("1949", None, True)]
    assert spans(g, "Agency") == [("1970", None, True)]
    assert [(x.type, x.source.name, x.target.name) for x in g.links] == [
        ("split", "Ministry", "Agency")
    ]


def test_reorganized_into_another_is_a_succession_without_one_nothing_changes() -> None:
    g = build(
        [
            fact("reorganized", p("Leading Group"), "1991", p("Office")),
            fact("reorganized", p("Ministry"), "1982"),
        ]
    )
    assert spans(g, "Leading Group") == [(None, "1991", False)]
    assert spans(g, "Office") == [("1991", None, True)]
    assert spans(g, "Ministry") == [(None, None, False)]
    assert [x.type for x in g.links] == ["reorganized"]


def test_abolished_for_another_is_a_link_to_its_replacement() -> None:
    g = build([fact("abolished", p("Security Council"), "2013", p("National Security Council"))])
    assert spans(g, "Security Council") == [(None, "2013", False)]
    assert [(x.type, x.target.name) for x in g.links] == [
        ("abolished", "National Security Council")
    ]


def test_co_located_and_name_dropped_bound_the_years_two_names_were_one_body() -> None:
    nslg, falg = p("National Security Leading Group"), p("Foreign Affairs Leading Group")
    g = build(
        [
            fact("established", nslg, "2000-09"),
            fact("co_located", nslg, "2000-09", falg),
            fact("name_dropped", falg, "2014", nslg),
        ]
    )
    # The body that kept its name is ``a``; the dropped name ends where the sharing ends.
    assert shared(g) == [
        (
            "Foreign Affairs Leading Group",
            "National Security Leading Group",
            "2000-09",
            "2014",
            False,
        )
    ]
    assert spans(g, "National Security Leading Group") == [("2000-09", "2014", False)]
    assert span(g, "National Security Leading Group").ended == "name_dropped"
    assert g.links == []


def test_co_located_without_an_end_is_still_shared() -> None:
    g = build([fact("co_located", p("Taiwan Affairs Office"), None, p("Taiwan Work Office"))])
    assert shared(g) == [("Taiwan Affairs Office", "Taiwan Work Office", None, None, False)]


def test_an_office_of_two_named_bodies_shares_their_years() -> None:
    """The offices' sharing is only said to end ("no longer retained the name ... Office");
    its start comes from their bodies' "co-located" sentence."""
    nslg, falg = (
        p("central national security leading group"),
        p("central foreign affairs leading group"),
    )
    office_n = p("office of central national security leading group")
    office_f = p("office of central foreign affairs leading group", "onsc")
    onsc = p("office of central national security commission", "onsc")
    g = build(
        [
            fact("co_located", nslg, "2000-09", falg),
            fact("name_dropped", falg, "2014", nslg),
            fact("name_dropped", office_f, "2014", office_n),
            fact("renamed", office_f, "2014", onsc),
        ],
        R.unit_of,
    )
    (office,) = [x for x in g.shared if x.a.key.startswith("office")]
    assert (office.a.name, office.b.name) == (office_f.name, office_n.name)
    assert (office.start, office.end, office.inferred) == ("2000-09", "2014", True)
    assert any(c.startswith("cl_co_located") for c in office.claims)
    assert [(x.type, x.date, x.target.org_id) for x in g.links] == [("renamed", "2014", "org_onsc")]


def test_compatible_dates_are_one_mark_keeping_the_finer() -> None:
    group = p("Leading Group")
    g = build(
        [
            fact("established", group, "1979"),
            fact("restored", group, "1979-12"),
            fact("established", group, "1954-07"),
        ]
    )
    assert spans(g, "Leading Group") == [("1954-07", None, False), ("1979-12", None, True)]
    assert span_types(g, "Leading Group") == ["established", "restored"]


def span_types(g: Graph, name: str) -> list[str | None]:
    return [s.began for s in g.spans if s.name == name]


def test_the_most_common_spelling_names_a_key() -> None:
    a = Party("k", "org_k", "Office of the X")
    b = Party("k", "org_k", "office of the x")
    g = build(
        [
            fact("established", a, "2000"),
            fact("abolished", a, "2010"),
            fact("renamed", b, "2010", p("Y")),
        ]
    )
    assert {s.name for s in g.spans if s.key == "k"} == {"Office of the X"}


KINDS = sorted(EVENT_TYPES)
DATES = [None, "1958", "1958-03", "1981", "2000-09", "2000-09-15", "2014", "2018-03"]
NAMES = ["A", "B", "C", "office of a group", "office of b group"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.sampled_from(NAMES),
            st.sampled_from(DATES),
            st.one_of(st.none(), st.sampled_from(NAMES)),
        ),
        max_size=12,
    )
)
def test_any_events_give_spans_that_never_end_before_they_start(
    events: list[tuple[str, str, str | None, str | None]],
) -> None:
    g = build(
        [
            fact(kind, p(org), when, p(other) if other else None)
            for kind, org, when, other in events
        ],
        R.unit_of,
    )
    items: list[Span | Shared] = [*g.spans, *g.shared]
    for item in items:
        if item.start and item.end:
            assert first_day(item.start) <= last_day(item.end), item
        assert not (item.ongoing and item.end), item
    names = {n for _k, org, _d, other in events for n in (org, other) if n}
    assert {s.name for s in g.spans} == names
