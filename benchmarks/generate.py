"""Write a corpus of synthetic articles shaped like ``samples/``, for benchmarks.

    >>> paths = generate(Path("/tmp/corpus"), n=100, seed=0)
    >>> len(paths), paths[0].parent
    (100, PosixPath('/tmp/corpus'))

Each article is built by recombining realistic parts (names, posts, bodies, dates) into one of
the shapes the corpus shows: an organization (infobox with Chief/Minister/Deputyminister
families, a history, an internal structure, a ``; Director`` list of dated holders), a post
(Post/Body/Incumbent/Inaugural infobox and a table of officeholders) or a person (a biography
block with Office/Term Start/Term End families and a career in prose). Like the corpus, most
stop mid-word at 2,000 characters. Titles are distinct (a repeated one gets "(2)", "(3)"...).
The same ``seed`` always gives the same files, and the first ``k`` articles of a larger corpus
are the articles of a corpus of ``k``.

Use :func:`ensure` to reuse a corpus already on disk (benchmarks call it), :func:`generate` to
write one afresh, or the command line::

    python benchmarks/generate.py benchmarks/out/corpus -n 20000 --seed 0
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

CUT_AT = 2_000
"""Characters at which most corpus articles stop."""
CUT_SHARE = 0.75
"""Share of articles cut at :data:`CUT_AT`, like the corpus."""
STAMP = ".generated.json"

SURNAMES_ZH = (
    "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Hu",
    "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han", "Tang",
    "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Cai", "Ding", "Qian", "Pan",
)  # fmt: skip
GIVEN_ZH = (
    "Zhanshu", "Xuexiang", "Qi", "Haixing", "Wenqing", "Yi", "Jiechi", "Qichen", "Huning", "Qiang",
    "Jinping", "Xi", "Kexin", "Yezhou", "Fangyu", "Ji", "Peiyan", "Tao", "Zhijun", "Yunlin",
    "Dawei", "Tiankai", "Jinguo", "Weizhong", "Kunming", "Qiufa", "Zhenggao", "Shiming",
    "Rongwen", "Taifeng", "Lizhong", "Yafu", "Kedong", "Yuanfeng", "Gaoyi", "Jun", "Min", "Hong",
)  # fmt: skip
FIRST_MALE = (
    "Michael", "Darren", "Keir", "Richard", "Maurice", "Simon", "Jeremy", "Gus", "Mark", "Robert",
    "Burke", "Edward", "Norman", "Andrew",
)  # fmt: skip
FIRST_FEMALE = ("Antonia", "Cat", "Clara", "Sarah", "Ellen", "Helen", "Sue", "Simone")
LAST_EN = (
    "Romeo", "Little", "Swinson", "Ellam", "Harrison", "Atkinson", "Jones", "Heaton", "Hankey",
    "Case", "Heywood", "O'Donnell", "Sedwill", "Armstrong", "Butler", "Trend", "Brook", "Bridges",
)  # fmt: skip
NAMES_VI = (
    "Võ Nguyên Giáp", "Lê Duẩn", "Văn Tiến Dũng", "Lê Đức Anh", "Đỗ Mười", "Lê Khả Phiêu",
    "Nông Đức Mạnh", "Nguyễn Phú Trọng", "Tô Lâm", "Trần Huy Liệu", "Tố Hữu", "Hoàng Tùng",
)  # fmt: skip
NAMES_JA = (
    "Kazuya Hara", "Keiichi Ichikawa", "Sanae Takaichi", "Shigeru Kitamura", "Takeo Akiba",
    "Shotaro Yachi", "Hiroto Izumi", "Kenji Okamura",
)  # fmt: skip
NAMES_KO = ("Ri Il-hwan", "Kim Yo-jong", "Kim Ki-nam", "Ri Jae-il", "Pak Thae-song", "Jo Yong-won")
HONORIFICS = ("Sir ", "Dame ", "Lord ", "The Rt Hon. ", "Dr. ")
HANZI = "中央国家安全委员会办公室外事工作网络信息化全面深化改革对台政策研究组织部宣传统战"

PREFIXES = ("Central", "State", "National", "General", "Supreme", "Federal", "Cabinet")
DOMAINS = (
    "Foreign Affairs", "National Security", "Cyberspace Affairs", "Policy Research",
    "Taiwan Affairs", "Comprehensively Deepening Reforms", "Propaganda", "Organization",
    "Discipline Inspection", "Political and Legal Affairs", "Military", "Intelligence and Research",
    "Information", "External Relations", "United Front Work", "Finance and Economics",
    "Rural Work", "Education", "Defense", "Personnel",
)  # fmt: skip
BODY_KINDS = (
    "Commission", "Leading Group", "Office", "Department", "Council", "Bureau", "Committee",
    "Secretariat", "Ministry", "Administration",
)  # fmt: skip
OWNERS = (
    "of the Chinese Communist Party", "of the Communist Party of Vietnam",
    "of the Workers' Party of Korea", "of the State Council", "(Japan)", "(India)",
    "(United Kingdom)", "of the People's Republic of China", "",
)  # fmt: skip
JURISDICTIONS = (
    "Chinese Communist Party", "Government of China", "Government of Japan",
    "Government of the United Kingdom", "Government of India", "Communist Party of Vietnam",
    "People's Republic of China",
)  # fmt: skip
CITIES = (
    "Zhongnanhai, Beijing", "Beijing", "Nagatacho, Tokyo, Japan", "70 Whitehall, London",
    "Pyongyang, North Korea", "Hanoi, Vietnam", "Xicheng District, Beijing",
    "2-3-1 Nagata-chō, Chiyoda-ku, Tokyo, Japan", "Seva Teerth, New Delhi, Delhi, India",
)  # fmt: skip
CHIEF_POSTS = (
    "Director", "Leader", "Deputy Leader", "Office Director", "Secretary-General",
    "Deputy Director", "Executive Deputy Director", "Chairman", "Head", "Permanent Secretary",
)  # fmt: skip
MINISTER_POSTS = ("Minister", "Prime Minister", "Minister of State", "Chancellor of the Exchequer")
DEPUTY_MINISTER_POSTS = ("Executive Vice Minister", "Vice Minister", "Assistant Minister")
AGENCY_TYPES = (
    "Administrative agency", "Leading small group", "Ministerial level agency",
    "Supra-ministerial policy coordination and consultation body", "Department",
    "Deputy-ministerial level agency",
)  # fmt: skip
UNITS = (
    "General Bureau", "Party Committee of the Office", "Research Bureau", "Secretariat Bureau",
    "Liaison Bureau", "Policy Division", "Personnel Bureau", "Information Bureau",
    "Inspection Office", "General Affairs Division",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
PROVINCES = (
    "Guangdong", "Liaoning", "Gansu", "Shanghai", "Tianjin", "Jiangsu", "Yunnan", "Hebei", "Fujian",
)  # fmt: skip
TOPICS = (
    "foreign affairs", "national security", "cyberspace affairs", "Taiwan affairs", "propaganda",
    "party discipline", "military affairs", "policy research", "personnel", "economic reform",
)  # fmt: skip
COUNTRIES = ("Japan", "the United States", "India", "Vietnam", "Russia", "the United Kingdom")
CONCURRENT = (
    "Secretary of the Secretariat of the CCP Central Committee",
    "Director of the General Office of the CCP Central Committee",
    "Minister of State Security",
    "member of the Politburo",
    "Vice Premier of the State Council",
)
LEAD = (
    "It is responsible for coordinating {topic} decision-making and handles the day-to-day "
    "administrative work of the {parent}.",
    "The {name} reports to the {parent} and is headquartered in {city}.",
    "Its members are drawn from the leadership of the ministries and party organs concerned with "
    "{topic}, and its office is staffed by officials seconded from them.",
    "The body meets irregularly; its decisions are rarely published, and its existence was not "
    "officially acknowledged for several years.",
    "Under the arrangement known as one institution with two names, it also carries the name of "
    "the {other}.",
    "It is one of the most powerful bodies in the field of {topic}, and its head is usually a "
    "member of the Politburo.",
    "Observers describe it as the principal coordinating organ for {topic} since its creation.",
)
HISTORY = (
    "In {month} {year}, the {parent} decided to establish the {name}.",
    "The leading group was upgraded to a commission in {month} {year}.",
    "In {year}, the {name} was co-located with the {other}, with one organization and two names.",
    "After {year}, the {other} no longer retained the name of the {name}.",
    "The {name} was renamed in {year} and abolished in {year2}.",
    "In {month} {year} it was merged into the {other}, which took over its functions.",
    "Its office was restored in {year} after a reorganization of the {parent}.",
    "In {year}, {holder} was appointed as the head of the group, serving until {year2}.",
)
CAREER = (
    "In {year}, {short} became the {post} of the {org}, serving there until {year2}.",
    "From {year} to {year2}, {short} served as {post} of the {org}.",
    "{short} was appointed {post} of the {org} in {month} {year}.",
    "In {month} {year}, {short} was transferred to {province} as its deputy party secretary.",
    "{short} joined the Chinese Communist Party in {year} and graduated from university in "
    "{year2}.",
    "After the {year} party congress, {short} was elected to the Central Committee.",
)


def person(rng: random.Random) -> str:
    """A name in one of the corpus's naming traditions, sometimes with an honorific."""
    roll = rng.random()
    if roll < 0.55:
        return f"{rng.choice(SURNAMES_ZH)} {rng.choice(GIVEN_ZH)}"
    if roll < 0.75:
        male = rng.random() < 0.6
        first = rng.choice(FIRST_MALE if male else FIRST_FEMALE)
        honorific = rng.choice(("Sir ", "Lord ") if male else ("Dame ",))
        if rng.random() < 0.6:
            honorific = rng.choice(("", "", "The Rt Hon. ", "Dr. "))
        return f"{honorific}{first} {rng.choice(LAST_EN)}"
    if roll < 0.87:
        return rng.choice(NAMES_VI)
    if roll < 0.95:
        return rng.choice(NAMES_JA)
    return rng.choice(NAMES_KO)


def organization(rng: random.Random) -> str:
    """A body's name: "Central Foreign Affairs Commission", "Ministry of Defense (Japan)" ..."""
    kind, domain, owner = rng.choice(BODY_KINDS), rng.choice(DOMAINS), rng.choice(OWNERS)
    prefix = rng.choice(PREFIXES)
    if kind in ("Ministry", "Department") and rng.random() < 0.6:
        name = f"{kind} of {domain}"
    elif rng.random() < 0.25:
        name = f"Office of the {prefix} {domain} {rng.choice(BODY_KINDS[:3])}"
    else:
        name = f"{prefix} {domain} {kind}"
    return f"{name} {owner}".strip().replace("National National", "National")


def native(rng: random.Random) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(6, 14)))


def date(rng: random.Random, year: int) -> str:
    """A date in one of the corpus's spellings, at year, month or day precision."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    style = rng.random()
    if style < 0.3:
        return str(year)
    if style < 0.55:
        return f"{MONTHS[month - 1]} {year}"
    if style < 0.8:
        return f"{day} {MONTHS[month - 1]} {year}"
    if style < 0.92:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{year}-{month:02d}-{day:02d}"


def span(rng: random.Random, start: int, end: int | None) -> str:
    """A date range as lists write it: mixed precision, dashes of every width, open ends."""
    if end is None:
        return rng.choice((f"{start}-", f"{start}–", f"{start}–present", f"since {start}"))
    dash = rng.choice(("–", " – ", "-", " - ", "—"))
    if rng.random() < 0.5:
        return f"{start}{dash}{end}"
    return f"{MONTHS[rng.randrange(12)]} {start}{dash}{MONTHS[rng.randrange(12)]} {end}"


def careers(rng: random.Random, count: int, last_open: bool) -> list[tuple[str, int, int | None]]:
    """Successive holders of one post: (person, start year, end year or None)."""
    year = rng.randint(1950, 2010)
    out: list[tuple[str, int, int | None]] = []
    for i in range(count):
        length = rng.randint(1, 8)
        end = None if last_open and i == count - 1 else year + length
        out.append((person(rng), year, end))
        year += length
    return out


def paragraph(
    rng: random.Random,
    templates: tuple[str, ...],
    count: int,
    names: dict[str, str],
    years: tuple[int, int] = (1950, 2020),
) -> str:
    """``count`` different sentences from ``templates``, with fresh dates from ``years``."""
    sentences = []
    for template in rng.sample(templates, min(count, len(templates))):
        year = rng.randint(*years)
        fields = {
            "month": rng.choice(MONTHS),
            "year": str(year),
            "year2": str(year + rng.randint(1, 12)),
            "holder": person(rng),
            "post": rng.choice(CHIEF_POSTS).lower(),
            "org": organization(rng),
            "province": rng.choice(PROVINCES),
            "city": rng.choice(CITIES),
            **names,
        }
        sentences.append(template.format(**fields))
    return " ".join(sentences)


def holders_list(rng: random.Random) -> str:
    """A ``== Leaders ==`` section: ``; Post`` groups of dated entries."""
    groups = ("Director", "Deputy Directors", "Leader", "Secretary-General", "Office Director")
    parts = ["== Leaders =="]
    for group in rng.sample(groups, rng.randint(1, 3)):
        entries = []
        for holder, start, end in careers(rng, rng.randint(2, 7), last_open=rng.random() < 0.7):
            detail = span(rng, start, end)
            if rng.random() < 0.2 and end is not None:
                detail += f"; {span(rng, end, end + rng.randint(1, 3))}, executive deputy director"
            if rng.random() < 0.35:
                detail += f", {rng.choice(CONCURRENT)}"
            entry = f"- {holder} ({detail})"
            if rng.random() < 0.1:
                entry += f" – Also {rng.choice(CONCURRENT)}"
            entries.append(entry)
        parts.append(f"; {group}\n\n" + "\n".join(entries))
    return "\n\n".join(parts)


def organization_article(rng: random.Random) -> tuple[str, str]:
    name, parent, other = organization(rng), organization(rng), organization(rng)
    topic = rng.choice(TOPICS)
    names = {"name": name, "parent": parent, "other": other, "topic": topic}
    box = ["Infobox", f"- Agency Name: {name}", f"- Nativename A: {native(rng)}"]
    box += ["- Logo: Danghui.svg", "- Logo Width: 150px"]
    box += ["- Logo Caption: Emblem of the Chinese Communist Party"]
    if rng.random() < 0.4:
        box.append(f"- Formed: {date(rng, rng.randint(1949, 2020))}")
    if rng.random() < 0.3:
        box.append(f"- Preceding1: {organization(rng)}")
    box.append(f"- Jurisdiction: {rng.choice(JURISDICTIONS)}")
    box.append(f"- Headquarters: {rng.choice(CITIES)}")
    for i in range(1, rng.randint(1, 5) + 1):
        box.append(f"- Chief{i} Name: {person(rng)}")
        box.append(f"- Chief{i} Position: {rng.choice(CHIEF_POSTS)}")
    if rng.random() < 0.35:
        for i in range(1, rng.randint(1, 3) + 1):
            box.append(f"- Minister{i} Name: {person(rng)}")
            box.append(f"- Minister{i} Pfo: {rng.choice(MINISTER_POSTS)}")
        for i in range(1, rng.randint(0, 3) + 1):
            box.append(f"- Deputyminister{i} Name: {person(rng)}")
            box.append(f"- Deputyminister{i} Pfo: {rng.choice(DEPUTY_MINISTER_POSTS)}")
    box.append(f"- Parent Agency: {parent}")
    if rng.random() < 0.5:
        box.append(f"- Child1 Agency: {organization(rng)}")
    box.append(f"- Agency Type: {rng.choice(AGENCY_TYPES)}")
    lead = [f"The {name} is an agency of the {parent}. " + paragraph(rng, LEAD, 3, names)]
    lead += [paragraph(rng, LEAD, rng.randint(1, 3), names) for _ in range(rng.randint(0, 2))]
    sections = ["== History ==\n" + paragraph(rng, HISTORY, rng.randint(2, 6), names)]
    if rng.random() < 0.6:
        units = "\n".join(f"- {unit}" for unit in rng.sample(UNITS, rng.randint(2, 6)))
        sections.append(
            "== Organizational structure ==\n"
            f"The {name} has the following organizations:\n\n"
            f"=== Internal Organization ===\n\n{units}"
        )
    sections.append(holders_list(rng))
    rng.shuffle(sections)
    return name, "\n\n".join([f"= {name} =", "\n".join(box), *lead, *sections]) + "\n"


def post_article(rng: random.Random) -> tuple[str, str]:
    body = organization(rng)
    post = rng.choice(("Secretary", "Chairman", "Minister", "Director", "Head", "Premier"))
    title = f"{post} of the {body}"
    holders = careers(rng, rng.randint(3, 14), last_open=True)
    took = [date(rng, start) for _, start, _ in holders]
    box = ["Infobox", f"- Post: {post}", f"- Body: the {body}", "- Insignia: Danghui.svg"]
    box += ["- Insigniasize: 100px", f"- Incumbent: {holders[-1][0]}"]
    box += [f"- Incumbentsince: {took[-1]}", "- Termlength: Five years"]
    box += [f"- Inaugural: {holders[0][0]}", f"- Formation: {holders[0][1]}"]
    box += [f"- Department: {body}", f"- Deputy: Deputy {post}"]
    names = {"name": title, "parent": body, "other": organization(rng), "topic": rng.choice(TOPICS)}
    lead = f"The {title} is the highest official of the {body}. "
    lead += paragraph(rng, LEAD, rng.randint(2, 4), names)
    table = ["| No. | Portrait | Name (birth–death) | Took office | Left office | Rank |"]
    for number, ((holder, start, end), since) in enumerate(
        zip(holders, took, strict=True), start=1
    ):
        born = start - rng.randint(40, 60)
        died = born + rng.randint(60, 95)
        life = f"{born}–{died}" if died < 2025 else f"b. {born}"
        left = date(rng, end) if end is not None else "Incumbent"
        table.append(f"| {number} | | {holder} ({life}) | {since} | {left} | {number} |")
    era = f"==={title} ({holders[0][1]}–)===\n" + "\n".join(table)
    return title, "\n\n".join([f"= {title} =", "\n".join(box), lead, "==Officeholders==", era])


def office(rng: random.Random) -> str:
    """An office as biographies name it."""
    roll = rng.random()
    if roll < 0.2:
        return f"Party Secretary of {rng.choice(PROVINCES)}"
    if roll < 0.3:
        return f"Governor of {rng.choice(PROVINCES)}"
    if roll < 0.38:
        return f"Chinese Ambassador to {rng.choice(COUNTRIES)}"
    return f"{rng.choice(CHIEF_POSTS + MINISTER_POSTS)} of the {organization(rng)}"


def person_article(rng: random.Random) -> tuple[str, str]:
    name = person(rng)
    for honorific in HONORIFICS:
        name = name.removeprefix(honorific)
    box = [name, "- Native Name Lang: zh-Hans"]
    year = rng.randint(2010, 2023)
    for i in range(rng.randint(1, 6)):
        n = "" if i == 0 else str(i)
        box.append(f"- Office{n}: {office(rng)}")
        box.append(f"- {rng.choice(('Term Start', 'Termstart'))}{n}: {date(rng, year)}")
        if i:
            end = date(rng, year + rng.randint(1, 5))
            box.append(f"- {rng.choice(('Term End', 'Termend'))}{n}: {end}")
            if rng.random() < 0.15:
                box[-1] += f", Acting: {date(rng, year)} – {date(rng, year)}"
        if rng.random() < 0.3:
            box.append(f"- Deputy{n}: {person(rng)}")
        box.append(f"- Predecessor{n}: {person(rng)}")
        if i:
            box.append(f"- Successor{n}: {person(rng)}")
        year -= rng.randint(2, 6)
    born = year - rng.randint(25, 40)
    box += [f"- Birth Place: {rng.choice(CITIES)}", "- Party: Chinese Communist Party"]
    western = name.split()[0] in FIRST_MALE + FIRST_FEMALE
    short = name.split()[-1] if western else name.split()[0]
    lead = f"{name} (born {date(rng, born)}) is a politician who is the {office(rng)}. "
    adult = (born + 20, max(born + 21, 2015))
    lead += paragraph(rng, CAREER, rng.randint(1, 3), {"short": short}, adult)
    life = paragraph(rng, CAREER, rng.randint(3, 8), {"short": short}, adult)
    life = f"==Early life and career==\n{life}"
    return name, "\n\n".join([f"= {name} =", "\n".join(box), lead, life]) + "\n"


SHAPES: tuple[tuple[float, Callable[[random.Random], tuple[str, str]]], ...] = (
    (0.55, organization_article),
    (0.2, post_article),
    (0.25, person_article),
)


def article(seed: int, index: int) -> tuple[str, str]:
    """The ``index``-th article of corpus ``seed``: (title, text)."""
    rng = random.Random(f"tenure-bench:{seed}:{index}")
    roll, shape = rng.random(), SHAPES[-1][1]
    for share, candidate in SHAPES:
        if roll < share:
            shape = candidate
            break
        roll -= share
    title, text = shape(rng)
    if rng.random() < CUT_SHARE and len(text) > CUT_AT:
        text = text[:CUT_AT]
    return title, text


def distinct(title: str, text: str, used: dict[str, int]) -> tuple[str, str]:
    """A title no earlier article of the corpus has: "Tô Lâm", then "Tô Lâm (2)", as
    Wikipedia disambiguates. Articles that share a title would be read as revisions of one
    article (ingest retires the claims of the earlier one), not as two articles."""
    count = used.get(title, 0) + 1
    used[title] = count
    if count == 1:
        return title, text
    return f"{title} ({count})", text.replace(f"= {title} =", f"= {title} ({count}) =", 1)


def file_name(index: int, title: str) -> str:
    slug = re.sub(r"[^\w()'.-]+", "_", title).strip("_")[:120]
    return f"{index:06d}_{slug}.txt"


def generate(out_dir: Path, n: int = 20_000, seed: int = 0) -> list[Path]:
    """Write ``n`` articles into ``out_dir`` (replacing a corpus generated there before)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = out_dir / STAMP
    if stamp.exists():
        for old in out_dir.glob("[0-9][0-9][0-9][0-9][0-9][0-9]_*.txt"):
            old.unlink()
    elif any(out_dir.glob("*.txt")):
        raise FileExistsError(f"{out_dir} holds articles not written by this generator")
    paths = []
    used: dict[str, int] = {}
    for index in range(n):
        title, text = article(seed, index)
        title, text = distinct(title, text, used)
        path = out_dir / file_name(index, title)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    stamp.write_text(json.dumps({"n": n, "seed": seed, "version": _version()}) + "\n")
    return paths


def ensure(out_dir: Path, n: int = 20_000, seed: int = 0) -> list[Path]:
    """The corpus ``(n, seed)`` in ``out_dir``: reused when this generator wrote it, else made.

    Holds a lock beside ``out_dir`` meanwhile, so benchmarks started together never write
    the same corpus at once.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(out_dir.parent / f".{out_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _ensure(out_dir, n, seed)


def _ensure(out_dir: Path, n: int, seed: int) -> list[Path]:
    stamp = out_dir / STAMP
    if stamp.exists():
        try:
            made = json.loads(stamp.read_text())
        except ValueError:
            made = {}
        if made == {"n": n, "seed": seed, "version": _version()}:
            paths = sorted(out_dir.glob("[0-9][0-9][0-9][0-9][0-9][0-9]_*.txt"))
            if len(paths) == n:
                return paths
    return generate(out_dir, n, seed)


def _version() -> str:
    """Changes whenever this file does, so a stale corpus is never reused."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out_dir", type=Path, help="folder to write the articles into")
    parser.add_argument("-n", type=int, default=20_000, help="number of articles (20000)")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same corpus (0)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    paths = generate(args.out_dir, args.n, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"wrote {len(paths):,} articles, {size / 1e6:.1f} MB, to {args.out_dir} "
        f"in {time.perf_counter() - began:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
