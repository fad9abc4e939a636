"""Name keys: when two spellings of a person, an organization or a post are the same.

    >>> from tenure.resolve.config import load_config
    >>> r = Resolver(load_config(user=False))
    >>> r.person_key("Sir Richard  Heaton") == r.person_key("richard heaton")
    True
    >>> r.org_key("CCP General Office") == r.org_key(
    ...     "General Office of the Central Committee of the Chinese Communist Party")
    True
    >>> r.post_key("Deputy Directors")
    'deputy director'

A *key* is what matching compares (folded, honorifics and qualifiers handled); a *display*
form is what people read (as written, less honorifics). Keys are derived data: they are
recomputed by ``tenure rebuild`` whenever these rules or the alias file change.
"""

from __future__ import annotations

import re
from typing import Final

from rigour.names import remove_person_prefixes

from tenure.extract.memo import keep
from tenure.resolve.config import AliasEntry, ResolverConfig
from tenure.resolve.text import drop_words, fold, squash

THE = frozenset({"the"})
CACHE_SIZE: Final = 65536
"""How many answers each of a :class:`Resolver`'s cached methods keeps (it forgets them all
past that: they are pure, so only the time to work them out again is lost)."""


_TRAILING_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")


def _trailing_paren(text: str) -> re.Match[str] | None:
    """:data:`_TRAILING_PAREN` searched for only in text with a closing bracket: the search
    tries every position (0.55 us for a name of 55 characters), the test none."""
    return _TRAILING_PAREN.search(text) if ")" in text else None


def _without_trailing_paren(text: str) -> str:
    return _TRAILING_PAREN.sub("", text) if ")" in text else text


_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "&"})
_UNSPLIT_TAILS = ("s", "us", "ss", "is")


class Resolver:
    """Keys and display forms for names, under one :class:`ResolverConfig`."""

    def __init__(self, config: ResolverConfig) -> None:
        self.config = config
        honorifics = sorted({h.rstrip(".") for h in config.honorifics}, key=len, reverse=True)
        alternation = "|".join(re.escape(h).replace(r"\ ", r"\.?\s+") for h in honorifics)
        self._honorific = re.compile(rf"^(?:(?:{alternation})\.?\s+)+", re.IGNORECASE)
        words = "|".join(re.escape(s) for s in sorted(config.suffixes, key=len, reverse=True))
        self._suffix = re.compile(
            rf"(?:\s*,\s*|\s*\(\s*|\s+)(?:{words})\.?\s*\)?\s*$", re.IGNORECASE
        )
        self._qualifiers = sorted(
            {self._org_fold(q) for q in config.qualifiers}, key=len, reverse=True
        )
        self._qualifier_suffixes = [(q, f" of {q}") for q in self._qualifiers]
        self._parties: list[tuple[str, str]] = []
        for entry in config.entries:
            if entry.kind == "organization" and entry.party:
                canonical = self._org_fold(entry.name)
                for alias in (entry.name, *entry.aliases):
                    self._parties.append((self._org_fold(alias), canonical))
        self._parties.sort(key=lambda p: len(p[0]), reverse=True)
        self._party_names = sorted({c for _, c in self._parties}, key=len, reverse=True)
        # The strings the party, qualifier and unit rules look for, spelled out once rather
        # than for every name keyed (some 40 of them a name), and a rule skipped when the
        # key lacks what it needs: an organization's key where the cache misses, 5.8 ->
        # 4.2 us (27,504 names of the benchmark world and corpus, the same keys).
        self._party_spaced = [
            (f" {alias} ", f" {canonical} ") for alias, canonical in self._parties
        ]
        self._party_forms = [
            (
                party,
                f"{party} central committee",
                f"central committee of {party}",
                f" of {party} central committee",
                f"{party} central committee ",
                f"{party} central committee of ",
                f"{party} ",
            )
            for party in self._party_names
        ]
        self._party_suffixes = [(party, f" of {party}") for party in self._party_names]
        self._units = sorted(
            (tuple(fold(u).split(" ")) for u in config.org_units), key=len, reverse=True
        )
        self._unit_ends = frozenset(unit[-1] for unit in self._units)
        """The last word of each unit: a key ending otherwise names no unit."""
        self._modifiers = frozenset(fold(m) for m in config.post_modifiers)
        self._single = [tuple(fold(p).split()) for p in config.post_single]
        self._shared = [tuple(fold(p).split()) for p in config.post_shared]
        self._org_words = frozenset(fold(w) for w in config.org_words)
        # What the cached methods answered, by argument, each emptied when it holds
        # CACHE_SIZE answers. Plain dicts rather than lru_cache wrappers assigned over the
        # methods: a class compiled by mypyc (setup.py) has read-only methods, and a dict
        # lookup in a compiled method is cheaper than a call through a wrapper.
        self._person_displays: dict[str, str] = {}
        self._person_keys: dict[str, str] = {}
        self._org_displays: dict[str, str] = {}
        self._org_keys: dict[str, str] = {}
        self._org_keys_in: dict[tuple[str, str], str] = {}
        self._post_keys: dict[str, str] = {}
        self._post_displays: dict[str, str] = {}
        self._single_holders: dict[str, bool] = {}

    # -- persons ------------------------------------------------------------------------------

    def person_display(self, name: str) -> str:
        """The name as written, less honorifics, post-nominals and disambiguators.

        >>> from tenure.resolve.config import load_config
        >>> Resolver(load_config(user=False)).person_display("Li Xi (politician, born 1956)")
        'Li Xi'
        """
        display = self._person_displays.get(name)
        if display is None:
            display = keep(self._person_displays, name, self._person_display(name), CACHE_SIZE)
        return display

    def _person_display(self, name: str) -> str:
        text = squash(name).strip(" *,;")
        for _ in range(4):
            before = text
            text = _without_trailing_paren(text)
            text = self._suffix.sub("", text).strip(" *,;")
            text = self._honorific.sub("", text)
            stripped = remove_person_prefixes(text).strip()
            if stripped and len(stripped.split()) >= 1:
                text = stripped
            if text == before:
                break
        return text or squash(name)

    def person_key(self, name: str) -> str:
        """The key people are matched by (cached)."""
        key = self._person_keys.get(name)
        if key is None:
            key = keep(self._person_keys, name, fold(self.person_display(name)), CACHE_SIZE)
        return key

    # -- organizations ------------------------------------------------------------------------

    def org_display(self, name: str) -> str:
        """An organization name as written, with abbreviations in brackets removed (cached)."""
        display = self._org_displays.get(name)
        if display is None:
            display = keep(self._org_displays, name, self._org_display(name), CACHE_SIZE)
        return display

    def _org_display(self, name: str) -> str:
        text = squash(name)
        split = abbreviation(text)
        if split:
            text = split[0]
        for _full, abbr in inline_abbreviations(text):
            text = squash(text.replace(f"({abbr})", " "))
        return text

    def org_key(self, name: str, title: str | None = None) -> str:
        """The key organizations are matched by; ``title`` is the article the name is read in.

        In an article titled "National Security Council (India)", a mention of "National
        Security Council" is India's council; a qualifier listed in ``qualifiers`` (China)
        is dropped instead. Cached, by name and by name and title.
        """
        if title:
            found = self._org_keys_in.get((name, title))
            if found is None:
                found = keep(
                    self._org_keys_in, (name, title), self._org_key(name, title), CACHE_SIZE
                )
            return found
        key = self._org_keys.get(name)
        if key is None:
            key = keep(self._org_keys, name, self._org_key(name, None), CACHE_SIZE)
        return key

    def _org_key(self, name: str, title: str | None) -> str:
        if title:
            # The key in an article is the key alone (cached once per name), but for a name
            # that is the article's title less its qualifier, which takes the qualifier.
            text = self.org_display(name)
            title_match = _trailing_paren(title)
            if (
                title_match
                and not _trailing_paren(text)
                and fold(title[: title_match.start()]) == fold(text)
            ):
                key = self._org_key_of(text, title_match.group(1))
            else:
                key = self.org_key(name)
            return self._as_title(key, title)
        text = self.org_display(name)
        qualifier = None
        match = _trailing_paren(text)
        if match:
            qualifier = match.group(1)
            text = text[: match.start()]
        return self._org_key_of(text, qualifier)

    def _org_key_of(self, text: str, qualifier: str | None) -> str:
        """The key of a display name without its bracketed qualifier, and that qualifier."""
        key = self._party_rules(self._org_fold(text))
        if key.startswith("central committees "):  # "Central Committee's X" is "Central X"
            key = "central " + key[len("central committees ") :]
        for q, of_q in self._qualifier_suffixes:
            if key.endswith(of_q) and len(key) > len(q) + 4:
                key = key[: -len(q) - 4]
                break
        key = self._unit_first(key)
        if qualifier:
            folded = self._org_fold(qualifier)
            if folded not in self._qualifiers:
                key = f"{key} of {folded}"
        return key

    def _org_fold(self, text: str) -> str:
        return drop_words(fold(text), THE)

    def _party_rules(self, key: str) -> str:
        if not self._parties:
            return key
        padded = f" {key} "
        for alias, canonical in self._party_spaced:
            if alias in padded:
                padded = padded.replace(alias, canonical)
        key = padded.strip()
        for party, cc, cc_of_party, of_cc, cc_space, cc_of, party_space in self._party_forms:
            if party not in key:  # each rule below needs the party's name in the key
                continue
            key = key.replace(cc_of_party, cc)
            if key.endswith(of_cc):
                key = key[: -len(cc)] + party
            elif key.startswith(cc_space) and not key.startswith(cc_of):
                key = f"{key[len(cc) + 1 :]} of {party}"
            elif key.startswith(party_space) and not key.startswith(cc):
                rest = key[len(party) + 1 :]
                if not rest.startswith("of "):
                    key = f"{rest} of {party}"
        return key

    def _split_party(self, key: str) -> tuple[str, str | None]:
        """``"x of chinese communist party"`` → ``("x", "chinese communist party")``."""
        for party, of_party in self._party_suffixes:
            if key.endswith(of_party) and len(key) > len(party) + 4:
                return key[: -len(party) - 4], party
        return key, None

    def _as_title(self, key: str, title: str) -> str:
        """In an article, a name that is its title but for "Central" or the title's party is
        the title: "Office of the Central National Security Commission" in "Office of the
        National Security Commission", "Politburo" in "Politburo of the Communist Party of the
        Soviet Union". A name naming another party than the title's is left alone, so a
        party body and its state twin ("Central Military Commission") stay two."""
        title_key = self.org_key(title)
        if key == title_key:
            return key
        core, party = self._split_party(key)
        title_core, title_party = self._split_party(title_key)
        if party not in (None, title_party):
            return key
        if _drop_central(core) == _drop_central(title_core):
            return title_key
        return key

    def org_key_loose(self, name: str) -> str:
        """A looser key to try when :meth:`org_key` finds nothing: without "Central", as an
        article about the body may store it ("Office of the Central National Security
        Commission" → the key of "Office of the National Security Commission")."""
        core, party = self._split_party(self.org_key(name))
        core = _drop_central(core)
        return f"{core} of {party}" if party else core

    def org_key_variants(self, key: str) -> list[str]:
        """Keys one party body may be stored under, best first: as given, with each party
        ("x commission of ccp"), with and without "Central". For finding the body an
        "Office of the X" belongs to, whichever way articles write X."""
        core, party = self._split_party(key)
        bare = _drop_central(core)
        cores = [core, bare] + ([f"central {bare}"] if not bare.startswith("central ") else [])
        parties = [party] if party else self._party_names
        found = [key]
        found += [f"{c} of {p}" for c in cores for p in parties]
        found += cores if party is None else []
        return list(dict.fromkeys(found))

    def _unit_first(self, key: str) -> str:
        """ "x commission office" → "office of x commission" (units from ``org_units``), a
        party after it kept: "x commission office of ccp" → "office of x commission of ccp"."""
        core, party = self._split_party(key)
        words = core.split(" ")
        if words[-1] not in self._unit_ends:
            return key
        for unit in self._units:
            n = len(unit)
            body = words[:-n]
            if (
                tuple(words[-n:]) == unit
                and len(body) >= 2
                and body[-1] in self._org_words
                and "of" not in body
            ):
                inverted = f"{' '.join(unit)} of {' '.join(body)}"
                return f"{inverted} of {party}" if party else inverted
        return key

    def unit_of(self, key: str) -> tuple[str, str] | None:
        """A key that names a body's unit, split: "office of x group" → ("office", "x group").

        The unit words are ``org_units`` (office, general office, secretariat); the rest must
        name a body (end in one of ``org_words``).
        """
        for unit in self._units:
            prefix = " ".join(unit) + " of "
            if key.startswith(prefix):
                body = key[len(prefix) :]
                if body.split(" ")[-1] in self._org_words:
                    return " ".join(unit), body
        return None

    # -- posts --------------------------------------------------------------------------------

    def post_display(self, title: str) -> str:
        """A post title as written, less a leading ordinal ("8th Director" → "Director";
        cached)."""
        display = self._post_displays.get(title)
        if display is None:
            display = keep(self._post_displays, title, self._post_display(title), CACHE_SIZE)
        return display

    def _post_display(self, title: str) -> str:
        words = squash(title).split(" ")
        if len(words) > 1 and _ORDINAL.match(words[0].lower()):
            words = words[1:]
        return " ".join(words)

    def post_key(self, title: str) -> str:
        """The key posts are matched by: folded, singular, without "the" or brackets (cached)."""
        key = self._post_keys.get(title)
        if key is None:
            key = keep(self._post_keys, title, self._post_key(title), CACHE_SIZE)
        return key

    def _post_key(self, title: str) -> str:
        text = _without_trailing_paren(self.post_display(title)) or title
        words = drop_words(fold(text), THE).split(" ")
        head_end = words.index("of") if "of" in words else len(words)
        if head_end > 0:
            words[head_end - 1] = singular(words[head_end - 1])
        return " ".join(w for w in words if w)

    def split_post(self, title: str) -> tuple[str, str | None]:
        """A title naming its body, split: ("Director", "Taiwan Affairs Office").

        Only splits at an "of" whose remainder names an organization (has an office,
        ministry, commission... word), so "Minister of Foreign Affairs" stays whole.
        """
        text = self.post_display(title)
        for match in re.finditer(r"\s+of\s+(?:the\s+)?", text):
            post, rest = text[: match.start()], text[match.end() :]
            if not post or not rest:
                continue
            if self._org_words.intersection(fold(rest).split(" ")) and self._is_post(post):
                return post, rest
        return text, None

    def _is_post(self, text: str) -> bool:
        words = tuple(fold(text).split(" "))
        return bool(self._modifiers.intersection(words)) or any(
            _contains(words, phrase) for phrase in (*self._single, *self._shared)
        )

    def single_holder(self, post_key: str) -> bool:
        """True for a post held by one person at a time (Director, not Deputy Director;
        cached)."""
        single = self._single_holders.get(post_key)
        if single is None:
            single = keep(self._single_holders, post_key, self._single_holder(post_key), CACHE_SIZE)
        return single

    def _single_holder(self, post_key: str) -> bool:
        words = tuple(post_key.split(" "))
        head = words.index("of") if "of" in words[1:] else len(words)
        if self._modifiers.intersection(words[:head]):
            return False
        best_single = max((len(p) for p in self._single if _contains(words, p, head)), default=0)
        best_shared = max((len(p) for p in self._shared if _contains(words, p, head)), default=0)
        return best_single > best_shared

    # -- alias entries ------------------------------------------------------------------------

    def entries(self, kind: str) -> list[AliasEntry]:
        return [e for e in self.config.entries if e.kind == kind]


def _drop_central(key: str) -> str:
    """ "office of central x commission" → "office of x commission" (not "central committee")."""
    words = key.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        starts = i == 0 or words[i - 1] == "of"
        if word == "central" and starts and after and not after.startswith("committee"):
            continue
        out.append(word)
    return " ".join(out)


def singular(word: str) -> str:
    """English plural to singular for the last word of a post title's head."""
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("men") and word[:-3] in {"chair", "chair wo", "spokes", "alder"}:
        return word[:-3] + "man"
    if word.endswith(_UNSPLIT_TAILS) and not word.endswith(("ors", "ers", "ents", "ants")):
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _contains(words: tuple[str, ...], phrase: tuple[str, ...], head: int | None = None) -> bool:
    """True when ``phrase`` occurs in ``words`` starting before index ``head``."""
    n = len(phrase)
    last = len(words) - n + 1 if head is None else min(head, len(words) - n + 1)
    return any(words[i : i + n] == phrase for i in range(max(last, 0)))


def abbreviation(name: str) -> tuple[str, str] | None:
    """ "Central Policy Research Office (CPRO)" → ("Central Policy Research Office", "CPRO").

    Only when the bracketed word is capitals whose letters follow the initials of the name.
    """
    if "(" not in name:  # most names: no bracket to search for
        return None
    match = _TRAILING_PAREN.search(name)
    if not match:
        return None
    abbr = match.group(1).strip()
    if not (2 <= len(abbr) <= 10) or not abbr.isupper() or not abbr.isalpha():
        return None
    full = name[: match.start()].strip()
    initials = [w[0].upper() for w in re.split(r"[\s\-]+", full) if w and w[0].isalpha()]
    if not initials or initials[0] != abbr[0]:
        significant = [
            w[0].upper() for w in full.split() if w.lower() not in _SMALL_WORDS and w[0].isalpha()
        ]
        if not significant or significant[0] != abbr[0]:
            return None
    it = iter(initials)
    if all(letter in it for letter in abbr):
        return full, abbr
    return None


def inline_abbreviations(name: str) -> list[tuple[str, str]]:
    """Abbreviations defined inside a longer name: "Chinese Communist Party (CCP) Central ..."."""
    found: list[tuple[str, str]] = []
    if "(" not in name:  # most names: no bracket to search for
        return found
    for match in re.finditer(r"\(([A-Z]{2,10})\)", name):
        prefix = name[: match.start()].strip()
        words = prefix.split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[-size:])
            split = abbreviation(f"{candidate} ({match.group(1)})")
            capitalized = all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words[-size:])
            if split and split[0].split()[0][0] == match.group(1)[0] and capitalized:
                found.append(split)
                break
    return found
