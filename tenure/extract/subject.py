"""What an article is about: an organization, a post, a person, or something else.

    >>> from tenure.sources import read_text
    >>> subject_of(read_text("= Li Xi =\\n\\nLi Xi\\n- Office: Governor\\n- Term Start: 2014\\n"))
    Subject(kind='person', name='Li Xi')

The infobox's keys decide where there is one; otherwise the title's shape does ("Head of the
Commission for ..." is a post, "... Commission" an organization).
"""

from __future__ import annotations

from tenure.extract.infobox import Fields, guess_kind
from tenure.extract.names import is_post_title, looks_like_org, strip_disambiguator
from tenure.model import Subject
from tenure.sources.document import Document, Infobox


def main_infobox(doc: Document) -> Infobox | None:
    return max(doc.infoboxes, key=lambda b: len(b.entries), default=None)


def subject_of(doc: Document, fields: Fields | None = None) -> Subject:
    """What ``doc`` is about; ``fields``, where given, are those of its main infobox."""
    name = strip_disambiguator(doc.title) if doc.title else ""
    box = fields.box if fields is not None else main_infobox(doc)
    kind = guess_kind(box, doc.title, fields) if box is not None and box.entries else None
    if kind is None:
        words = name.split()
        if is_post_title(name) and (" of " in name or " for " in name) and words[0][:1].isupper():
            kind = "post"
        elif looks_like_org(name):
            kind = "organization"
        else:
            kind = "other"
    return Subject(kind, name)  # type: ignore[arg-type]
