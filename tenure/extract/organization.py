"""An organization's own facts: names, type, parent, seat, dates, from infobox and lead.

    >>> from tenure.sources import read_text
    >>> name = "Cabinet Intelligence and Research Office"
    >>> doc = read_text(f"= CIRO =\\n\\nInfobox\\n- Agency Name: {name} (CIRO)\\n")
    >>> facts, _ = organization_facts(doc, doc.infoboxes[0], name)
    >>> [(n.name, n.kind) for n in facts.names]
    [('Cabinet Intelligence and Research Office', 'official'), ('CIRO', 'abbreviation')]

The infobox is read first; the lead's first sentences supply what it lacks: abbreviations
("(CCDR)"), alternative translations ("also translated as ..."), native names ("(Vietnamese:
...)"), the type ("is the national civilian intelligence agency under ..."), and the dates
it was formed and dissolved.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Final

from tenure.extract.dates import find_dates, parse_date
from tenure.extract.infobox import Fields
from tenure.extract.names import strip_disambiguator, strip_the
from tenure.extract.values import clean_value, is_broken_name, may_contain, split_qualified
from tenure.model import Diagnostic, Name, OrganizationFacts
from tenure.sources.document import Block, Document, Infobox

HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
KANA: Final = re.compile(r"[\u3040-\u30ff]")
HANGUL: Final = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
CYRILLIC: Final = re.compile(r"[\u0400-\u04ff]")
NATIVE_SCRIPT: Final = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff]"
)
LANGUAGES: Final = {
    "vietnamese": "vi",
    "chinese": "zh",
    "japanese": "ja",
    "korean": "ko",
    "russian": "ru",
    "hindi": "hi",
    "iast": "sa-Latn",
    "hepburn": "ja-Latn",
    "pinyin": "zh-Latn-pinyin",
}
NAME_KEYS: Final = ("agencyname", "officialname", "name", "conventionallongname")
NATIVE_KEYS: Final = ("nativenamea", "nativename", "nativenameb", "localname")
ROMAN_KEYS: Final = ("nativenamer", "romanizedname", "transcription")
PARENT_KEYS: Final = (
    "parentagency",
    "parentorganization",
    "parentorganisation",
    "parentdepartment",
    "parent",
    "parentbody",
)
TYPE_KEYS: Final = ("agencytype", "type", "organizationtype")
FORMED_KEYS: Final = ("formed", "foundation", "formation", "founded", "established", "created")
DISSOLVED_KEYS: Final = ("dissolved", "defunct", "abolished", "dissolution", "disbanded")
TYPE_STOP: Final = re.compile(
    r"\s+(?:of|under|that|which|who|responsible|tasked|in charge|in|for|within|used|to|with"
    r"|founded|established|set up|created|and the|reporting|directly)\b|,|;|\(",
)
ESTABLISHED: Final = re.compile(
    r"[WwBbIi\u0130\u0131](?<!\w.)(?i:(?:(?<=w)(?:as|ere)|(?<=b)een|(?<=i)s)\s+(?:first\s+|orig"
    r"inally\s+|officially\s+|formally\s+)?(?:established|founded|formed|created|set up|institu"
    r"ted))\b"
)
"""``\\b(?:was|were|been|is)\\s+(?:first\\s+|originally\\s+|officially\\s+|formally\\s+)?
(?:established|founded|formed|created|set up|instituted)\\b`` ignoring case, spelled to start
with the class of the letters its first words begin with ignoring case ("İ" and "ı" are an
"i" so), so that a search of a paragraph skips to them: a pattern ignoring case throughout
gets no such class and is tried at every character. The same matches (a test checks)."""
DISSOLVED: Final = re.compile(
    r"[DdWwCc](?<!\w.)(?i:(?<=d)issolution|(?<=w)as (?:dissolved|abolished|disbanded)|(?<=c)ea"
    r"sed (?:operations|to exist))\b"
)
"""``\\b(?:dissolution|was (?:dissolved|abolished|disbanded)|ceased (?:operations|to exist))\\b``
ignoring case, spelled as :data:`ESTABLISHED` is (the same matches)."""
ESTABLISHED_WORDS: Final = ("established", "founded", "formed", "created", "set up", "instituted")
"""Words without one of which :data:`ESTABLISHED` cannot match."""
DISSOLVED_WORDS: Final = ("dissolution", "dissolved", "abolished", "disbanded", "ceased")
"""Words without one of which :data:`DISSOLVED` cannot match."""
HEADING_ABBREVIATION: Final = re.compile(r"(?<=\w)\(([^()]*)\)$")
NATIVE_SEPARATORS: Final = re.compile(r"\s*[,;、]\s*")
PARENTHESIZED_TAIL: Final = re.compile(r"\s*\(.*\)$")
CHILD_KEYS: Final = re.compile(r"child\d*agency|child\d*|subsidiary\d*")
CHILD_NOTE: Final = re.compile(r"\s*\((?:with|also)[^()]*\)$")
NAME_ABBREVIATION: Final = re.compile(r"^(.*?)\s*\(([A-Z][A-Za-z.]{1,11})\)$")
LEAD_SEPARATORS: Final = re.compile(r"\s*[,;]\s*")
LANGUAGE_PART: Final = re.compile(r"^(\w+):\s*(.+)$")
ABBREVIATION_PART: Final = re.compile(r"[A-Z][A-Za-z]{1,10}")
ABBREVIATION_HEAD: Final = re.compile(r"^[A-Z]{2,10}\s*,?\s*")
# "\s\s*", not "\s+", first: a search skips to blanks (see the note at text.AND_THE).
IS_OR_WAS: Final = re.compile(r"\s\s*(?:is|was)\s+")
LEAD_TYPE: Final = re.compile(r"(?:i(?<!\w.)s|w(?<!\w.)as)\s+(?:the|an?)\s+(?P<type>[^.]{3,200})")
"""``\\b(?:is|was)\\s+(?:the|an?)\\s+(?P<type>[^.]{3,200})``, spelled to start with "i" or
"w" (the ``\\b`` before them is the look-behind after), so that a search skips to them."""
LEAD_PARENT: Final = re.compile(
    r"^\s+(?:of|under)\s+the\s+([A-Z][^,;]+?)(?=[\s(,;]|$)(?:\s*\([A-Z]+\))?(?:,|;|$|\s+(?:t"
    r"hat|which|tasked|responsible|in charge|directly))"
)
"""The parent named after the type ("... of the State Council, ..."). The lookahead after the
name asks what every ending that follows it begins with, so that the lazy name is not tried
against the whole ending at each of its letters (what the pattern matches is the same)."""
SENTENCE_END: Final = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")
CAPITALIZED_WORD: Final = re.compile(r"[A-Z][a-z]+")


def lang_of(text: str, hint: str | None = None) -> str | None:
    if HANGUL.search(text):
        return "ko"
    if KANA.search(text):
        return "ja"
    if HAN.search(text):
        return "ja" if hint and "japan" in hint.lower() else "zh"
    if CYRILLIC.search(text):
        return "ru"
    return None


def organization_facts(
    doc: Document, box: Infobox | None, subject: str, fields: Fields | None = None
) -> tuple[OrganizationFacts, list[Diagnostic]]:
    """Read the subject organization's fields; returns the facts and what could not be used.

    ``fields``, where given, are those of ``box``.
    """
    facts = OrganizationFacts()
    notes: list[Diagnostic] = []
    names: list[Name] = []

    def add(name: str, kind: str, lang: str | None = "en") -> None:
        name = name.strip(" ,;")
        if name and all(n.name != name for n in names):
            names.append(Name(name, kind, lang))  # type: ignore[arg-type]

    if box is not None:
        _infobox_fields(fields or Fields(box), box, subject, facts, notes, add)
    if not any(n.kind == "official" for n in names):
        add(subject, "official")
    elif all(n.name != subject for n in names):
        add(subject, "short")
    _lead_facts(doc, subject, facts, add)
    facts.names = names
    return facts, notes


def _infobox_fields(fields, box, subject, facts, notes, add) -> None:  # type: ignore[no-untyped-def]
    get = fields.get
    jurisdiction = get("jurisdiction")
    hint = (jurisdiction.value if jurisdiction else "") + " " + subject
    heading = box.heading if box.heading.lower() != "infobox" else None
    name_entry = get(*NAME_KEYS)
    if name_entry:
        value, _ = clean_value(name_entry.value)
        if value and is_broken_name(value):
            repaired = f"{subject} {value}" if value.startswith(("of ", "for ")) else None
            if repaired:
                add(repaired, "official")
                notes.append(
                    Diagnostic(
                        "info",
                        f"name {value!r} lost its head in rendering; read as {repaired!r}",
                        name_entry.line,
                    )
                )
            else:
                notes.append(Diagnostic("warning", f"unreadable name {value!r}", name_entry.line))
        elif value:
            _add_with_abbreviation(value, add)
    if heading and not name_entry:
        heading = HEADING_ABBREVIATION.sub("", heading).strip()
        _add_with_abbreviation(heading, add)
    lang_entry = get("nativenamelang", "nativelang")
    for key in NATIVE_KEYS:
        entry = get(key)
        if entry and entry.value.strip():
            for part in NATIVE_SEPARATORS.split(entry.value.strip()):
                if part:
                    add(
                        part,
                        "native",
                        (lang_entry.value.strip() if lang_entry else None) or lang_of(part, hint),
                    )
    for key in ROMAN_KEYS:
        entry = get(key)
        if entry and entry.value.strip():
            native_lang = lang_of(" ".join(n for n in [entry.value]), hint)
            add(
                PARENTHESIZED_TAIL.sub("", entry.value.strip()),
                "alias",
                native_lang or _roman_lang(hint),
            )
    abbr = get("abbreviation", "abbr", "acronym")
    if abbr:
        for part, qualifier in split_qualified(abbr.value):
            for text in (part, qualifier):
                if not text:
                    continue
                if NATIVE_SCRIPT.search(text):
                    add(text, "native", lang_of(text, hint))
                elif len(text) <= 12 and text.replace(".", "").isupper():
                    add(text, "abbreviation", "en")
                else:
                    add(text, "alias", _roman_lang(hint))
    for key, attr in (("jurisdiction", "jurisdiction"), ("headquarters", "headquarters")):
        entry = get(key, "location" if key == "headquarters" else key)
        if entry:
            value, _ = clean_value(entry.value)
            setattr(facts, attr, value)
    parent = get(*PARENT_KEYS)
    if parent:
        value, _ = clean_value(parent.value)
        facts.parent = strip_the(value) if value else None
    kind = get(*TYPE_KEYS)
    if kind:
        value, _ = clean_value(kind.value)
        facts.type = value
    for keys, attr in ((FORMED_KEYS, "formed"), (DISSOLVED_KEYS, "dissolved")):
        entry = get(*keys)
        if entry and entry.value.strip():
            parts = split_qualified(entry.value)
            date = parse_date(parts[0][0]) or parse_date(entry.value)
            if date:
                setattr(facts, attr, date)
            else:
                notes.append(
                    Diagnostic("info", f"no date in {entry.key}: {entry.value!r}", entry.line)
                )
    website = get("website", "url")
    if website:
        facts.website, _ = clean_value(website.value)
    logo = get("logo", "logopic", "seal", "emblem")
    if logo:
        value, note = clean_value(logo.value)
        if value is None:
            notes.append(Diagnostic("warning", f"logo {logo.value!r}: {note}", logo.line))
        facts.logo = value
    for entry, norm in zip(box.entries, fields.keys, strict=True):
        if norm.startswith(("child", "subsidiary")) and CHILD_KEYS.fullmatch(norm):
            value, _ = clean_value(entry.value)
            if value:
                facts.children.append(CHILD_NOTE.sub("", value))


def _roman_lang(hint: str) -> str | None:
    lower = hint.lower()
    if "japan" in lower:
        return "ja-Latn"
    if "china" in lower or "chinese" in lower:
        return "zh-Latn-pinyin"
    return None


def _add_with_abbreviation(value: str, add) -> None:  # type: ignore[no-untyped-def]
    m = NAME_ABBREVIATION.match(value) if value[-1:] == ")" else None
    if m:
        add(m.group(1), "official")
        add(m.group(2), "abbreviation")
    else:
        add(value, "official")


LEAD_NAME: Final = re.compile(
    r"^The\s+(?P<name>[A-Z][^,()]{3,160}?)(?=[\s(,])\s*(?:\((?P<paren>[^()]*)\))?\s*(?:,\s*(?P<"
    r"also>(?:also|officially|abbreviated|often|commonly|formerly)[^,]*?))?,?\s+(?:is|was|are|wer"
    r"e)\b"
)
"""The lead's opening "The X (abbreviation), also known as Y, is". Everything after the name
begins with a blank, "(" or ","; the lookahead asks for one before the rest is tried at each
letter of the lazy name, which is what this pattern costs (it matches what it would without)."""
ALSO: Final = re.compile(
    r"(?:also\s+(?:known|translated|called|referred to)\s+as|officially\s+(?:translated\s+as|kn"
    r"own\s+as|called)"
    r"|abbreviated\s+as|often\s+referred\s+to\s+as|commonly\s+known\s+as|formerly)\s+(?:the\s+)"
    r"?(?P<alias>[^,;()]+)",
    re.IGNORECASE,
)
ALSO_WORDS: Final = ("known", "translated", "called", "referred", "abbreviated", "formerly")
"""Words without one of which :data:`ALSO` cannot match."""


def _lead_facts(doc: Document, subject: str, facts: OrganizationFacts, add) -> None:  # type: ignore[no-untyped-def]
    opening = first_lead_paragraph(doc)
    if opening is None:
        return
    first = opening.text
    m = LEAD_NAME.match(first)
    if m:
        paren = m.group("paren") or ""
        for part in LEAD_SEPARATORS.split(paren):
            lang = LANGUAGE_PART.match(part)
            if lang and lang.group(1).lower() in LANGUAGES:
                code = LANGUAGES[lang.group(1).lower()]
                kind = (
                    "native" if NATIVE_SCRIPT.search(lang.group(2)) or code in ("vi",) else "alias"
                )
                add(lang.group(2), kind, code)
            elif ABBREVIATION_PART.fullmatch(part):
                add(part, "abbreviation", "en")
            elif NATIVE_SCRIPT.search(part):
                native = ABBREVIATION_HEAD.sub("", part)
                add(native, "native", lang_of(native))
        window = first[: m.end() + 200]
        aliases = ALSO.finditer(window) if may_contain(window, ALSO_WORDS) else ()
        for alias in aliases:
            text = alias.group("alias").strip()
            text = IS_OR_WAS.split(text)[0]
            if 2 < len(text) < 120:
                add(strip_the(text), "alias")
    t = LEAD_TYPE.search(first)
    if t:
        value = TYPE_STOP.split(t.group("type"), maxsplit=1)[0].strip()
        if facts.type is None and 1 <= len(value.split()) <= 8:
            facts.type = value
        rest = t.group("type")[len(value) :]
        parent = LEAD_PARENT.match(rest)
        if facts.parent is None and parent:
            facts.parent = parent.group(1).strip()
    _lifespan(doc, subject, facts)


def first_lead_paragraph(doc: Document) -> Block | None:
    """The first paragraph before any heading (``doc.lead[0]``), or None."""
    for block in doc.blocks:
        if block.kind == "paragraph" and block.section is None:
            return block
    return None


def _lifespan(doc: Document, subject: str, facts: OrganizationFacts) -> None:
    """Formed and dissolved dates from the lead and history, where the infobox lacks them."""
    if facts.formed and facts.dissolved:
        return
    short = strip_disambiguator(subject)
    blocks: list[Block] = list(islice((b for b in doc.blocks if b.kind == "paragraph"), 6))
    for block in blocks:
        # Neither pattern spans a full stop, so a paragraph without a match has no sentence
        # with one.
        text = block.text
        wanted = (ESTABLISHED_WORDS if facts.formed is None else ()) + (
            DISSOLVED_WORDS if facts.dissolved is None else ()
        )
        if not may_contain(text, wanted):  # one look at the text for both patterns' words
            continue
        if not (
            (facts.formed is None and ESTABLISHED.search(text))
            or (facts.dissolved is None and DISSOLVED.search(text))
        ):
            continue
        for sentence in SENTENCE_END.split(block.text):
            if (
                facts.formed is None
                and ESTABLISHED.search(sentence)
                and _about_subject(sentence, short)
            ):
                verb = ESTABLISHED.search(sentence)
                after = sentence[verb.start() :] if verb else sentence
                dates = [d for d in find_dates(after) if d.range.single]
                if dates:
                    facts.formed = dates[0].range.start
            if facts.dissolved is None and DISSOLVED.search(sentence):
                after = sentence[DISSOLVED.search(sentence).start() :]  # type: ignore[union-attr]
                dates = [d for d in find_dates(after) if d.range.single]
                if dates:
                    facts.dissolved = dates[0].range.start


SUBJECT_REFS: Final = re.compile(
    r"^(?:(?:It|This\s+\w+|The\s+(?:group|office|commission|agency|ministry|department|council|"
    r"committee|body|bureau|organization|politburo|secretariat))\b)",
    re.IGNORECASE,
)


def _about_subject(sentence: str, subject: str) -> bool:
    """True when a sentence's grammatical subject is the article's organization."""
    head = sentence.strip()
    if SUBJECT_REFS.match(head):
        return True
    words = [w for w in CAPITALIZED_WORD.findall(subject) if w not in ("The", "Of")]
    return sum(1 for w in words if w in head[:150]) >= max(1, len(words) - 1)
