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

RESIDUE = re.compile(r"(?<=\.(?:svg|png|jpg|gif))class=[\w-]+$|\]\]$|\[\[|\{\{|\}\}", re.IGNORECASE)
IMAGE_SIZE = re.compile(r"^\d+\s*px\b|^x?\d+px", re.IGNORECASE)
QUALIFIED = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def clean_value(value: str) -> tuple[str | None, str | None]:
    """Remove markup left behind by the rendering; refuse values that carry no meaning."""
    text = value.strip()
    cleaned = RESIDUE.sub("", text).strip(" ,;|")
    cleaned = re.sub(r"\s+,", ",", cleaned)
    cleaned = re.sub(r"\s{2,}", " ", cleaned)
    if not cleaned or (IMAGE_SIZE.match(cleaned) and "|" in text):
        return None, "an image size, not a value"
    if not re.search(r"\w", cleaned):
        return None, "no text left after the rendering"
    return cleaned, ("rendering residue removed" if cleaned != text else None)


def is_broken_name(value: str) -> bool:
    """A name whose head was lost in rendering: "of the People's Republic of China", ", the X"."""
    text = value.strip()
    if text.startswith(","):
        return True
    if re.match(r"^the\s+[A-Z0-9]", text):
        return False
    return bool(re.match(r"^(?:of|for|to|and|the)\b", text))


def top_level_split(text: str, separators: str = ",;") -> list[str]:
    """Split on separators outside parentheses: "A (x, y), B" -> ["A (x, y)", "B"]."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


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
