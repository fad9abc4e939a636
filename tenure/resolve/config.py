"""The alias file and the resolution rules: data, not code.

tenure ships defaults in ``tenure/data/aliases.yaml`` (organizations, persons, qualifiers) and
``tenure/data/rules.yaml`` (honorifics, post-nominal suffixes, which posts have one holder at a
time). A user's alias file has the same sections and is read first::

    organizations:
      Central Policy Research Office:
        aliases: [CPRO, Policy Research Office of the CCP Central Committee]
        wikidata: Q5062234
    persons:
      Wang Yi:
        aliases: [王毅]
    posts:
      single: [rapporteur]

It is found at ``--aliases PATH``, else ``$TENURE_ALIASES``, else ``./tenure-aliases.yaml`` if
that exists. :func:`load_config` reads them all into one :class:`ResolverConfig`, whose
:meth:`~ResolverConfig.fingerprint` tells the store when derived tables must be rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from tenure.errors import UsageError

DEFAULT_ALIAS_FILE = "tenure-aliases.yaml"
ENV_ALIASES = "TENURE_ALIASES"

EntityKind = Literal["organization", "person"]


@dataclass(frozen=True)
class AliasEntry:
    """One canonical name and the other names it goes by, from one alias file."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    party: bool = False
    source: str = "default"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "wikidata": self.wikidata,
            "party": self.party,
            "source": self.source,
        }


@dataclass
class ResolverConfig:
    """Everything resolution reads: alias entries and the rule lists, user's first."""

    entries: list[AliasEntry] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    post_modifiers: list[str] = field(default_factory=list)
    post_single: list[str] = field(default_factory=list)
    post_shared: list[str] = field(default_factory=list)
    org_words: list[str] = field(default_factory=list)
    org_units: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """A hash of the rules; derived tables built under another fingerprint are stale."""
        data = asdict(self)
        data.pop("files")
        for entry in data["entries"]:
            entry.pop("source")
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def alias_path(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """Which user alias file applies: explicit, ``$TENURE_ALIASES``, or ./tenure-aliases.yaml."""
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise UsageError(f"{path}: alias file not found; create it or drop --aliases.")
        return path
    env = os.environ.get(ENV_ALIASES)
    if env:
        path = Path(env)
        if not path.exists():
            raise UsageError(f"{path}: alias file named by {ENV_ALIASES} not found.")
        return path
    local = Path(DEFAULT_ALIAS_FILE)
    return local if local.exists() else None


def load_config(path: str | os.PathLike[str] | None = None, *, user: bool = True) -> ResolverConfig:
    """The default rules plus the user's alias file (see :func:`alias_path`) read first."""
    config = ResolverConfig()
    user_path = alias_path(path) if user else None
    if user_path is not None:
        _merge(config, _read_yaml(user_path), str(user_path))
    data_dir = resources.files("tenure") / "data"
    for name in ("aliases.yaml", "rules.yaml"):
        text = (data_dir / name).read_text(encoding="utf-8")
        _merge(config, _parse(text, f"tenure/data/{name}"), "default")
    return config


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read alias file: {exc}") from exc
    return _parse(text, str(path))


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise UsageError(f"{where}{line}: not valid YAML; fix the alias file.") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{where}: an alias file is a mapping (organizations:, persons:, ...).")
    return data


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    raise UsageError(f"{where}: expected a list of names.")


def _merge(config: ResolverConfig, data: dict[str, Any], source: str) -> None:
    known = {
        "organizations",
        "persons",
        "qualifiers",
        "honorifics",
        "suffixes",
        "posts",
        "org_words",
        "org_units",
    }
    unknown = set(data) - known
    if unknown:
        raise UsageError(
            f"{source}: unknown section(s) {', '.join(sorted(unknown))}; "
            f"use {', '.join(sorted(known))}."
        )
    config.files.append(source)
    taken = {(e.kind, e.name.casefold()) for e in config.entries}
    for section, kind in (("organizations", "organization"), ("persons", "person")):
        items = data.get(section) or {}
        if not isinstance(items, dict):
            raise UsageError(f"{source}: {section}: expected canonical name: aliases.")
        for name, body in items.items():
            where = f"{source}: {section}: {name}"
            if isinstance(body, list | str) or body is None:
                body = {"aliases": body}
            if not isinstance(body, dict):
                raise UsageError(f"{where}: expected aliases: [...] and optionally wikidata: Q...")
            wikidata = body.get("wikidata")
            if wikidata is not None and not str(wikidata).startswith("Q"):
                raise UsageError(f"{where}: wikidata must be a QID like Q17427.")
            entry_kind: EntityKind = "organization" if kind == "organization" else "person"
            if (entry_kind, str(name).casefold()) in taken:
                continue
            config.entries.append(
                AliasEntry(
                    kind=entry_kind,
                    name=str(name),
                    aliases=tuple(_strings(body.get("aliases"), where)),
                    wikidata=str(wikidata) if wikidata else None,
                    party=bool(body.get("party", False)),
                    source=source,
                )
            )
    config.qualifiers += _strings(data.get("qualifiers"), f"{source}: qualifiers")
    config.honorifics += _strings(data.get("honorifics"), f"{source}: honorifics")
    config.suffixes += _strings(data.get("suffixes"), f"{source}: suffixes")
    config.org_words += _strings(data.get("org_words"), f"{source}: org_words")
    config.org_units += _strings(data.get("org_units"), f"{source}: org_units")
    posts = data.get("posts") or {}
    if not isinstance(posts, dict):
        raise UsageError(f"{source}: posts: expected modifiers:, single: and shared: lists.")
    config.post_modifiers += _strings(posts.get("modifiers"), f"{source}: posts: modifiers")
    config.post_single += _strings(posts.get("single"), f"{source}: posts: single")
    config.post_shared += _strings(posts.get("shared"), f"{source}: posts: shared")
