"""Questions asked of the store, each answer a dataclass with its evidence.

:func:`who` (as of a date, honestly), :func:`career`, :func:`succession`, :func:`org`,
:func:`conflicts`, :func:`search`; :mod:`tenure.query.browse` iterates over entities.
Most callers use them through :class:`tenure.api.Database`.
"""

from __future__ import annotations

from tenure.query.asof import holders_on
from tenure.query.career import career
from tenure.query.conflicts import conflicts
from tenure.query.lookup import Ambiguous
from tenure.query.orgs import org
from tenure.query.search import search
from tenure.query.succession import succession
from tenure.query.who import who

__all__ = [
    "Ambiguous",
    "career",
    "conflicts",
    "holders_on",
    "org",
    "search",
    "succession",
    "who",
]
