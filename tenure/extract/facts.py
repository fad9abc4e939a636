"""Facts of the model made with every field given by position.

:mod:`tenure.model`'s dataclasses are left as Python (see ``pyproject.toml``): their
``__init__`` runs in the interpreter, which matches each argument given by keyword against
the names of its fifteen parameters, and that matching cost more than the rest of the call
(``Tenure(...)`` with thirteen keywords took 0.77 µs, with all fifteen fields by position
0.33 µs). :func:`new_tenure` takes the keywords compiled, where they cost nothing, and
passes them on by position, for the nine or so holdings an article yields (a test checks it
gives objects equal to the class's, field for field and in order).
"""

from __future__ import annotations

from typing import Literal

from tenure.model import Evidence, Tenure


def new_tenure(
    person: str,
    post: str,
    organization: str | None,
    start: str | None = None,
    end: str | None = None,
    ongoing: bool = False,
    acting: bool = False,
    role: str | None = None,
    rank: str | None = None,
    concurrent: list[str] | None = None,
    evidence: list[Evidence] | None = None,
    bucket: Literal["infobox", "list", "prose"] = "list",
    person_aliases: list[str] | None = None,
    predecessor: str | None = None,
    successor: str | None = None,
) -> Tenure:
    """``Tenure(...)`` with the same arguments (a list left out is a new empty one), all given
    to it by position."""
    return Tenure(
        person,
        post,
        organization,
        start,
        end,
        ongoing,
        acting,
        role,
        rank,
        [] if concurrent is None else concurrent,
        [] if evidence is None else evidence,
        bucket,
        [] if person_aliases is None else person_aliases,
        predecessor,
        successor,
    )
