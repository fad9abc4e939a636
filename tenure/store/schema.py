"""The database schema, in SQLAlchemy Core, for SQLite and PostgreSQL alike.

Two layers:

- **Claims** (``articles``, ``claims``, ``claim_evidence``): the source of truth. One row per
  fact read from one article, with a deterministic id hashed from its content, where it was
  read (article, source sha256, path, revision, line, section, verbatim text) and when it was
  first and last seen. Claims are never deleted; a claim that disappears from a new revision of
  its article is *retired*.
- **Derived** tables (everything else): organizations, their names over time, persons and their
  aliases, posts, tenures with their day bounds precomputed, events, conflicts and the search
  index. They are a pure function of the active claims and the alias rules, kept up to date by
  ingest and rebuilt from scratch by ``tenure rebuild``.

``SCHEMA_VERSION`` is recorded in ``schema_version``; :func:`tenure.store.sql.SQLStore.migrate`
brings an older database up to date on open.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 4
"""1: the first schema. 2: no index of claims by kind (``ix_claims_kind``), which no query
read and every claim written paid for. 3: the indexes ``who`` finds a post by cover what it
reads (an organization name's organization; a post's id, title and kind), so a question
descends each once and never the table beside it. 4: on SQLite, persons and organizations
are kept in the order of their ids (``WITHOUT ROWID``): a name by id is one descent, where a
table with row numbers took its id index's and then the table's
(:data:`tenure.store.sql.MIGRATIONS`, :data:`tenure.store.sql.SQLITE_MIGRATIONS`)."""

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# -- claims: the source of truth -------------------------------------------------------------

articles = Table(
    "articles",
    metadata,
    Column("title", String(512), primary_key=True),
    Column("path", Text),
    Column("sha256", String(64), nullable=False),
    Column("revision", String(128)),
    Column("url", Text),
    Column("format", String(32), nullable=False),
    Column("subject_kind", String(32), nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("diagnostics", Text, nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("article", String(512), ForeignKey("articles.title"), nullable=False),
    Column("data", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("path", Text),
    Column("revision", String(128)),
    Column("line", Integer),
    Column("section", Text),
    Column("text", Text, nullable=False),
    Column("first_seen", String(32), nullable=False),
    Column("last_seen", String(32), nullable=False),
    Column("retired", Boolean, nullable=False, default=False),
    Index("ix_claims_article", "article", "retired"),
)

claim_evidence = Table(
    "claim_evidence",
    metadata,
    Column("claim_id", String(32), ForeignKey("claims.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("line", Integer),
    Column("section", Text),
    Column("text", Text, nullable=False),
)

pending = Table(
    "pending",
    metadata,
    Column("claim_id", String(32), primary_key=True),
)
"""Claims changed by an ingest whose derived rows are not yet updated (crash-safe queue)."""

# -- derived: rebuilt from claims ------------------------------------------------------------

mentions = Table(
    "mentions",
    metadata,
    Column("claim_id", String(32), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("role", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Index("ix_mentions_key", "kind", "key"),
)
"""Which person and organization names (key, and as written) each active claim mentions."""

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("entity_id", String(32), nullable=False),
    Index("ix_entity_keys_entity", "entity_id"),
)
"""Every name key in use and the person or organization it resolves to."""

links = Table(
    "links",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("a", Text, primary_key=True),
    Column("b", Text, primary_key=True),
    Column("claim_id", String(32), primary_key=True),
)
"""Name keys an active claim says are one entity (both directions stored)."""

organizations = Table(
    "organizations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("type", Text),
    Column("jurisdiction", Text),
    Column("headquarters", Text),
    Column("formed", String(10)),
    Column("dissolved", String(10)),
    Column("website", Text),
    Column("wikidata", String(32)),
    Column("articles", Text, nullable=False),
    sqlite_with_rowid=False,  # looked up by id alone (schema version 4)
)

org_names = Table(
    "org_names",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("org_id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("lang", String(32)),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("claims", Text, nullable=False),
    Index("ix_org_names_key", "key", "org_id"),
    Index("ix_org_names_org", "org_id"),
)

org_relations = Table(
    "org_relations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("org_id", String(32), nullable=False),
    Column("relation", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("other_id", String(32)),
    Column("claims", Text, nullable=False),
    Index("ix_org_relations_org", "org_id"),
    Index("ix_org_relations_other", "other_id"),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("born", String(10)),
    Column("died", String(10)),
    Column("wikidata", String(32)),
    Column("articles", Text, nullable=False),
    sqlite_with_rowid=False,  # looked up by id alone (schema version 4)
)

person_aliases = Table(
    "person_aliases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("person_id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),
    Index("ix_person_aliases_key", "key"),
    Index("ix_person_aliases_person", "person_id"),
)

posts = Table(
    "posts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("org_id", String(32)),
    Column("title", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("single_holder", Boolean, nullable=False),
    Index("ix_posts_org_key", "org_id", "key", "id", "title", "single_holder"),
    Index("ix_posts_key", "key"),
)

tenures = Table(
    "tenures",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("person_id", String(32), nullable=False),
    Column("post_id", String(32), nullable=False),
    Column("org_id", String(32)),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("ongoing", Boolean, nullable=False),
    Column("acting", Boolean, nullable=False),
    Column("role", Text),
    Column("rank", Text),
    Column("s_lo", Integer, nullable=False),
    Column("s_hi", Integer, nullable=False),
    Column("e_lo", Integer, nullable=False),
    Column("e_hi", Integer, nullable=False),
    Column("concurrent", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Index("ix_tenures_post_days", "post_id", "s_lo", "e_hi"),
    Index("ix_tenures_person", "person_id"),
    Index("ix_tenures_org", "org_id"),
)
"""Merged holdings. ``s_lo``/``s_hi`` are the first and last day (proleptic ordinals) the start
allows, ``e_lo``/``e_hi`` those of the end; an unknown side spans every day. ``evidence`` is
the JSON list of the supporting claims' evidence, denormalized for fast answers."""

tenure_claims = Table(
    "tenure_claims",
    metadata,
    Column("tenure_id", String(32), primary_key=True),
    Column("claim_id", String(32), primary_key=True),
    Index("ix_tenure_claims_claim", "claim_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("org_id", String(32), nullable=False),
    Column("type", String(32), nullable=False),
    Column("other_name", Text),
    Column("other_id", String(32)),
    Column("date", String(10)),
    Column("evidence", Text, nullable=False),
    Index("ix_events_org", "org_id"),
    Index("ix_events_other", "other_id"),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("event_id", String(32), primary_key=True),
    Column("claim_id", String(32), primary_key=True),
    Index("ix_event_claims_claim", "claim_id"),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("post_id", String(32), nullable=False),
    Column("person_id", String(32)),
    Column("tenure_a", String(32), nullable=False),
    Column("tenure_b", String(32), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_conflicts_post", "post_id"),
    Index("ix_conflicts_tenure_a", "tenure_a"),
    Index("ix_conflicts_tenure_b", "tenure_b"),
)

search_docs = Table(
    "search_docs",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_search_docs_ref", "ref"),
)
"""What ``search`` looks through: entity names and claim evidence. SQLite indexes it with FTS5
(``search_fts``, kept in step by triggers); other backends search it with LIKE."""

CLAIM_TABLES = (articles, claims, claim_evidence)
DERIVED_TABLES = (
    mentions,
    entity_keys,
    links,
    organizations,
    org_names,
    org_relations,
    persons,
    person_aliases,
    posts,
    tenures,
    tenure_claims,
    events,
    event_claims,
    conflicts,
    search_docs,
)
