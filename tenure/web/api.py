"""The JSON API: the command line's questions over HTTP, each answer the library's
``to_dict()`` (see :mod:`tenure.query.results`) with its evidence.

    GET /api/who?post=Director&org=Office of the National Security Commission&on=2016
    GET /api/career?person=Wang Yi
    GET /api/succession?post=Director&org=中央国家安全委员会办公室
    GET /api/org?name=Taiwan Affairs Office&on=2015
    GET /api/search?q=National Security

Names match any alias, ignoring case. A name that matches nothing is a 404 whose body lists
``suggestions``; a bad parameter is a 400 saying which.

These answers are indexed look-ups of a millisecond or less, so they run on the event loop
itself: handing each to a thread costs more than the query, and the threads' turns at the GIL
set the tail latency (measured by ``benchmarks/bench_web.py``). The pages, which may read many
rows, run in the thread pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request

from tenure.query.results import Career, OrgProfile, SearchHit, Succession, WhoAnswer
from tenure.web.pages import database
from tenure.web.render import JSONResponse
from tenure.web.views import ranked_search

router = APIRouter(prefix="/api", tags=["questions"])

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "A parameter is missing or malformed, or a name fits several things "
        "(`candidates`)."
    },
    404: {"description": "A name matches nothing; `suggestions` lists the closest names."},
}

Post = Annotated[str, Query(min_length=1, description="A post title: Director, Premier.")]
Org = Annotated[
    str | None,
    Query(min_length=1, description="The organization, by any of its names or abbreviations."),
]
On = Annotated[
    str | None,
    Query(description="A day, month or year: 2016-06-01, 2016-06, 2016. Default today."),
]


@dataclass
class SearchAnswer:
    """The hits of a search, best first."""

    query: str
    hits: list[SearchHit]


def _responses(model: Any) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model}, **ERRORS}


@router.get(
    "/who",
    summary="Who held a post on a date",
    responses=_responses(WhoAnswer),
    response_class=JSONResponse,
)
async def who(request: Request, post: Post, org: Org = None, on: On = None) -> JSONResponse:
    """The holders of ``post`` (of ``org``) on ``on``, each ``certain`` (whatever the unknown
    days of partial dates are) or ``possible``; possible holders a certain one excludes are in
    ``ruled_out``."""
    return JSONResponse(database(request).who(post, org, on).to_dict())


@router.get(
    "/career",
    summary="A person's holdings",
    responses=_responses(Career),
    response_class=JSONResponse,
)
async def career(
    request: Request,
    person: Annotated[str, Query(min_length=1, description="A name, any spelling: Wang Yi.")],
) -> JSONResponse:
    """Every holding of ``person`` in time order, each with the holdings it overlaps."""
    return JSONResponse(database(request).career(person).to_dict())


@router.get(
    "/succession",
    summary="The holders of a post in order",
    responses=_responses(Succession),
    response_class=JSONResponse,
)
async def succession(request: Request, post: Post, org: Org = None) -> JSONResponse:
    """Holders of ``post`` in order, with what lies between consecutive holders: a gap, an
    overlap, a handover, each ``certain`` or ``possible``."""
    return JSONResponse(database(request).succession(post, org).to_dict())


@router.get(
    "/org",
    summary="An organization's profile",
    responses=_responses(OrgProfile),
    response_class=JSONResponse,
)
async def organization(
    request: Request,
    name: Annotated[str, Query(min_length=1, description="Any of its names, e.g. NSCJ.")],
    on: On = None,
) -> JSONResponse:
    """Names (and which was in use on ``on``), parent, children, units, holders on ``on``,
    events."""
    return JSONResponse(database(request).org(name, on).to_dict())


@router.get(
    "/search",
    summary="Search names and evidence",
    responses=_responses(SearchAnswer),
    response_class=JSONResponse,
)
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, description="Words: National Security.")],
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many hits.")] = 20,
) -> JSONResponse:
    """Organizations, persons and claims whose names or text match ``q``, best first,
    organizations and people before the sentences that mention them."""
    hits = ranked_search(database(request), q, limit)
    return JSONResponse({"query": q, "hits": [h.to_dict() for h in hits]})
