"""The pages, each at two addresses from one view: ``/org/{id}`` (HTML) and ``/org/{id}.json``.

The ``.json`` twins are listed in the OpenAPI document (tag ``pages``); the HTML pages are not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tenure.api import Database
from tenure.web import views
from tenure.web.render import JSONResponse, render_html
from tenure.web.views import Page

router = APIRouter()

View = Callable[..., Page]

ON = Annotated[
    str | None,
    Query(description="A day, month or year (2016-06-01, 2016-06, 2016); default today."),
]


def database(request: Request) -> Database:
    """This thread's store (call it inside the endpoint, never in a dependency)."""
    db: Database = request.app.state.databases.get()
    return db


def _moved(request: Request, target: str, suffix: str) -> RedirectResponse:
    url = target + suffix
    if request.url.query:
        url += "?" + request.url.query
    return RedirectResponse(url, status_code=307)


def twin(path: str, summary: str, json_path: str | None = None) -> Callable[[View], View]:
    """Serve ``view`` as an HTML page at ``path`` and as JSON at ``path.json``."""

    def register(view: View) -> View:
        @functools.wraps(view)
        def as_json(**kwargs: Any) -> Response:
            page = view(**kwargs)
            if page.moved_to is not None:
                return _moved(kwargs["request"], page.moved_to, ".json")
            return JSONResponse(page.data)

        @functools.wraps(view)
        def as_html(**kwargs: Any) -> Response:
            page = view(**kwargs)
            if page.moved_to is not None:
                return _moved(kwargs["request"], page.moved_to, "")
            return render_html(kwargs["request"], page.template, page.title, page.data)

        router.add_api_route(
            json_path or f"{path}.json",
            as_json,
            methods=["GET"],
            summary=summary,
            tags=["pages"],
            response_class=JSONResponse,
            response_model=None,
        )
        router.add_api_route(
            json_path or f"{path}.json",
            as_json,
            methods=["HEAD"],
            include_in_schema=False,
            response_model=None,
        )
        router.add_api_route(
            path, as_html, methods=["GET", "HEAD"], include_in_schema=False, response_model=None
        )
        return view

    return register


@twin("/", "Counts, organizations and people", json_path="/index.json")
def home(request: Request) -> Page:
    return views.home(database(request))


@twin("/search", "Organizations, people and sentences matching a text")
def search(
    request: Request,
    q: Annotated[str, Query(description="Words to look for, e.g. National Security.")] = "",
) -> Page:
    return views.search(database(request), q)


@twin("/org/{org_id}", "An organization: names over time, units, events, a timeline per post")
def organization(request: Request, org_id: str, on: ON = None) -> Page:
    return views.organization(database(request), org_id, on)


@twin("/person/{person_id}", "A person's career, concurrent holdings marked")
def person(request: Request, person_id: str) -> Page:
    return views.person(database(request), person_id)


@twin("/post/{post_id}", "The holders of a post in order, gaps and overlaps marked")
def post(request: Request, post_id: str) -> Page:
    return views.post(database(request), post_id)


@twin("/on/{on}", "Every organization's holders on a date, certain or possible")
def as_of(request: Request, on: str) -> Page:
    return views.as_of(database(request), on)


@twin("/conflicts", "Holdings that cannot all be true, with their sources")
def conflicts(request: Request) -> Page:
    return views.conflicts(database(request))


@twin("/claim/{claim_id}", "One fact's source: article, line, verbatim text, first/last seen")
def claim(request: Request, claim_id: str) -> Page:
    return views.claim(database(request), claim_id)


@router.get("/asof", include_in_schema=False)
def asof_form(date: Annotated[str, Query()] = "today") -> RedirectResponse:
    """The as-of form's target: ``/asof?date=2016`` goes to ``/on/2016``."""
    return RedirectResponse(f"/on/{quote(date.strip() or 'today', safe='')}", status_code=307)


@router.get("/asof.json", include_in_schema=False)
def asof_form_json(date: Annotated[str, Query()] = "today") -> RedirectResponse:
    return RedirectResponse(f"/on/{quote(date.strip() or 'today', safe='')}.json", status_code=307)
