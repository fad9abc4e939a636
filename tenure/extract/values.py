"""Infobox values as the rendering left them: cleaned where the meaning survives.

    >>> clean_value("Cabinet Office logo.svgclass=skin-invert-image")
    ('Cabinet Office logo.svg', 'rendering residue removed')
    >>> clean_value("70px|frameless")
    (None, 'an image size, not a value')

Each function returns the cleaned value and, when it changed or refused something, a short
note for the diagnostic that says so.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

RESIDUE: Final = re.compile(
    r"(?<=\.(?:svg|png|jpg|gif))class=[\w-]+$|\]\]$|\[\[|\{\{|\}\}", re.IGNORECASE
)
IMAGE_SIZE: Final = re.compile(r"^\d+\s*px\b|^x?\d+px", re.IGNORECASE)
QUALIFIED: Final = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
SPACE_COMMA: Final = re.compile(r"\s\s*,")
SPACES: Final = re.compile(r"\s{2,}")
"""A run of blanks. The only blank str.isprintable() allows is the space, so a printable text
without two spaces in a row has no run."""
WORD: Final = re.compile(r"\w")
THE_NAME: Final = re.compile(r"the\s+[A-Z0-9]")
BROKEN_HEAD: Final = re.compile(r"(?:of|for|to|and|the)\b")


def clean_value(value: str) -> tuple[str | None, str | None]:
    """Remove markup left behind by the rendering; refuse values that carry no meaning."""
    text = value.strip()
    # Every kind of residue has one of these; most values have none.
    if "=" in text or "[[" in text or "]]" in text or "{{" in text or "}}" in text:
        cleaned = RESIDUE.sub("", text).strip(" ,;|")
    else:
        cleaned = text.strip(" ,;|")
    if "," in cleaned:
        cleaned = SPACE_COMMA.sub(",", cleaned)
    if "  " in cleaned or not cleaned.isprintable():  # else no run of blanks (see SPACES)
        cleaned = SPACES.sub(" ", cleaned)
    if not cleaned or ("|" in text and IMAGE_SIZE.match(cleaned)):
        return None, "an image size, not a value"
    if not WORD.search(cleaned):
        return None, "no text left after the rendering"
    return cleaned, ("rendering residue removed" if cleaned != text else None)


def is_broken_name(value: str) -> bool:
    """A name whose head was lost in rendering: "of the People's Republic of China", ", the X"."""
    text = value.strip()
    if text.startswith(","):
        return True
    if THE_NAME.match(text):
        return False
    return bool(BROKEN_HEAD.match(text))


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when none of ``words`` (lower-case ASCII) occurs in ``text`` in any case.

    A quick test before a costly case-insensitive pattern that cannot match without one of
    the words. ``text.lower()`` holds every case-insensitive match of an ASCII word except
    those through "ı", "İ" and "ſ", which such patterns match as "i" and "s" although they
    lower to other letters; a text with one of those is left to the pattern.
    """
    if not text.isascii() and ("ı" in text or "İ" in text or "ſ" in text):
        return True
    lower = text.lower()
    for word in words:  # noqa: SIM110 - a loop, not any(): no generator per call
        if word in lower:
            return True
    return False


def top_level_split(text: str, separators: str = ",;") -> list[str]:
    """Split on separators outside parentheses: "A (x, y), B" -> ["A (x, y)", "B"]."""
    if "(" not in text:
        # Without an opening parenthesis every character stands at depth 0.
        if separators:
            first = separators[0]
            for other in separators[1:]:
                text = text.replace(other, first)
            pieces = text.split(first)
        else:
            pieces = [text]
        return [s for p in pieces if (s := p.strip())]
    parts: list[str] = []
    depth = 0
    begin = 0
    for m in _stops(separators).finditer(text):
        ch = m.group()
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        if depth == 0 and ch in separators:
            parts.append(text[begin : m.start()])
            begin = m.end()
    parts.append(text[begin:])
    return [s for p in parts if (s := p.strip())]


@lru_cache(maxsize=64)
def _stops(separators: str) -> re.Pattern[str]:
    """The characters :func:`top_level_split` must look at: parentheses and separators."""
    return re.compile("[()" + "".join(re.escape(c) for c in separators) + "]")


def split_qualified(value: str) -> list[tuple[str, str | None]]:
    """Split "A (party commission), B (state commission)" into [(A, q1), (B, q2)].

    Commas inside parentheses stay; a value without qualifiers comes back whole.
    """
    parts = top_level_split(value, ",")
    out: list[tuple[str, str | None]] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        m = QUALIFIED.match(part)
        if m:
            out.append((m.group(1).strip(), m.group(2).strip()))
        else:
            out.append((part, None))
    if len(out) > 1 and all(q is None for _, q in out):
        return [(value.strip(), None)]
    return out
