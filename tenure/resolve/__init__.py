"""Resolution: when names in different articles are one person, organization or post.

- :mod:`tenure.resolve.text`: folding for comparison, deterministic ids.
- :mod:`tenure.resolve.config`: the alias file and the rules (data in ``tenure/data``).
- :mod:`tenure.resolve.names`: keys for persons, organizations and posts.
- :mod:`tenure.resolve.merge`: merging agreeing statements, finding disagreeing ones.
"""

from __future__ import annotations

from tenure.resolve.config import AliasEntry, ResolverConfig, load_config
from tenure.resolve.names import Resolver


def load_resolver(aliases: str | None = None, *, user: bool = True) -> Resolver:
    """A resolver with the default rules and the user's alias file (see :func:`load_config`)."""
    return Resolver(load_config(aliases, user=user))


__all__ = ["AliasEntry", "Resolver", "ResolverConfig", "load_config", "load_resolver"]
