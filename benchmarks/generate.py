"""Write a corpus of synthetic articles shaped like ``samples/``, for benchmarks.

    >>> paths = generate(Path("/tmp/corpus"), n=100, seed=0)
    >>> paths[0].name
    '000000_...txt'

Each article is built by recombining realistic parts (names, posts, bodies, dates) into one of
the shapes the corpus shows: an organization (infobox with Chief/Minister/Deputyminister
families, a history, an internal structure, a ``; Director`` list of dated holders), a post
(Post/Body/Incumbent/Inaugural infobox and a table of officeholders) or a person (a biography
block with Office/Term Start/Term End families and a career in prose). Like the corpus, most
stop mid-word at 2,000 characters. The same ``seed`` always gives the same files, and the first
``k`` articles of a larger corpus are the articles of a corpus of ``k``.

Use :func:`ensure` to reuse a corpus already on disk (benchmarks call it), :func:`generate` to
write one afresh, or the command line::

    python benchmarks/generate.py benchmarks/out/corpus -n 20000 --seed 0
"""

from __future__ import annotations

import argparse
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
FIRST_EN = (
    "Antonia", "Cat", "Clara", "Michael", "Sarah", "Ellen", "Darren", "Keir", "Richard", "Maurice",
    "Simon", "Jeremy", "Gus", "Mark", "Robert", "Burke", "Edward", "Norman", "Andrew", "Helen",
)  # fmt: skip
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
HONORIFICS = ("Sir ", "Dame ", "The Rt Hon. ", "Lord ", "Dr. ", "")
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
COUNTRIES = ("Japan", "the United States", "India", "Vietnam", "Russia", "the United Kingdom")
CONCURRENT = (
    "Secretary of the Secretariat of the CCP Central Committee",
    "Director of the General Office of the CCP Central Committee",
    "Minister of State Security",
    "member of the Politburo",
    "Vice Premier of the State Council",
)
PROSE = (
    "It is responsible for coordinating {topic} decision-making and handles the day-to-day work "
    "of the {parent}.",
    "The {name} reports to the {parent} and is headquartered in {city}.",
    "Its members are drawn from the leadership of the ministries concerned with {topic}.",
    "The body meets irregularly, and its decisions are rarely published.",
    "Most of its staff are civil servants seconded from other departments.",
)
HISTORY = (
    "In {month} {year}, the {parent} decided to establish the {name}.",
    "The group was upgraded to a commission in {month} {year}.",
    "In {year}, the {name} was co-located with the {other}, with one organization and two names.",
    "After {year}, the {other} no longer retained the name of the {name}.",
    "The {name} was renamed in {year} and abolished in {year2}.",
    "In {year} it was merged into the {other}.",
)


def person(rng: random.Random) -> str:
    """A name in one of the corpus's naming traditions, sometimes with an honorific."""
    roll = rng.random()
    if roll < 0.55:
        return f"{rng.choice(SURNAMES_ZH)} {rng.choice(GIVEN_ZH)}"
    if roll < 0.75:
        return f"{rng.choice(HONORIFICS)}{rng.choice(FIRST_EN)} {rng.choice(LAST_EN)}"
    if roll < 0.87:
        return rng.choice(NAMES_VI)
    if roll < 0.95:
        return rng.choice(NAMES_JA)
    return rng.choice(NAMES_KO)


def organization(rng: random.Random) -> str:
    kind = rng.choice(BODY_KINDS)
    domain = rng.choice(DOMAINS)
    owner = rng.choice(OWNERS)
    if kind in ("Ministry", "Department") and rng.random() < 0.6:
        name = f"{kind} of {domain}"
    elif rng.random() < 0.25:
        name = f"Office of the {rng.choice(PREFIXES)} {domain} {rng.choice(BODY_KINDS[:3])}"
    else:
        name = f"{rng.choice(PREFIXES)} {domain} {kind}"
    return f"{name} {owner}".strip()


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
    out = []
    for i in range(count):
        length = rng.randint(1, 8)
        end = None if last_open and i == count - 1 else year + length
        out.append((person(rng), year, end))
        year += length
    return out


def prose(rng: random.Random, templates: tuple[str, ...], count: int, **names: str) -> str:
    sentences = []
    for _ in range(count):
        year = rng.randint(1950, 2020)
        sentences.append(
            rng.choice(templates).format(
                month=rng.choice(MONTHS), year=year, year2=year + rng.randint(1, 20), **names
            )
        )
    return " ".join(sentences)


def organization_article(rng: random.Random) -> tuple[str, str]:
    name = organization(rng)
    parent, other = organization(rng), organization(rng)
    topic = rng.choice(DOMAINS).lower()
    box = ["Infobox", f"- Agency Name: {name}", f"- Nativename A: {native(rng)}"]
    box += [
        "- Logo: Danghui.svg",
        "- Logo Width: 150px",
        f"- Jurisdiction: {rng.choice(JURISDICTIONS)}",
    ]
    if rng.random() < 0.5:
        box.append(f"- Formed: {date(rng, rng.randint(1949, 2020))}")
    box.append(f"- Headquarters: {rng.choice(CITIES)}")
    for i in range(1, rng.randint(1, 5) + 1):
        box += [
            f"- Chief{i} Name: {person(rng)}",
            f"- Chief{i} Position: {rng.choice(CHIEF_POSTS)}",
        ]
    if rng.random() < 0.35:
        for i in range(1, rng.randint(1, 3) + 1):
            box += [
                f"- Minister{i} Name: {person(rng)}",
                f"- Minister{i} Pfo: {rng.choice(MINISTER_POSTS)}",
            ]
        for i in range(1, rng.randint(0, 3) + 1):
            box.append(f"- Deputyminister{i} Name: {person(rng)}")
            box.append(f"- Deputyminister{i} Pfo: {rng.choice(DEPUTY_MINISTER_POSTS)}")
    box.append(f"- Parent Agency: {parent}")
    if rng.random() < 0.5:
        box.append(f"- Child1 Agency: {organization(rng)}")
    box.append(f"- Agency Type: {rng.choice(AGENCY_TYPES)}")
    parts = [f"= {name} =", "\n".join(box)]
    parts.append(
        f"The {name} is an agency of the {parent}. "
        + prose(rng, PROSE, 2, name=name, parent=parent, topic=topic, city=rng.choice(CITIES))
    )
    parts.append(
        "== History ==\n"
        + prose(rng, HISTORY, rng.randint(2, 4), name=name, parent=parent, other=other)
    )
    if rng.random() < 0.6:
        units = rng.sample(UNITS, rng.randint(2, 5))
        parts.append(
            "== Organizational structure ==\n"
            f"The {name} has the following organizations:\n\n=== Internal Organization ===\n\n"
            + "\n".join(f"- {unit}" for unit in units)
        )
    parts.append("== Leaders ==")
    for group in rng.sample(
        ("Director", "Deputy Directors", "Leader", "Secretary-General"), rng.randint(1, 2)
    ):
        entries = []
        for holder, start, end in careers(rng, rng.randint(2, 6), last_open=rng.random() < 0.7):
            detail = span(rng, start, end)
            if rng.random() < 0.4:
                detail += f", {rng.choice(CONCURRENT)}"
            entries.append(f"- {holder} ({detail})")
        parts.append(f"; {group}\n\n" + "\n".join(entries))
    return name, "\n\n".join(parts) + "\n"


def post_article(rng: random.Random) -> tuple[str, str]:
    body = organization(rng)
    post = rng.choice(
        ("Secretary", "Chairman", "Minister", "Director", "Head", "General Secretary")
    )
    title = f"{post} of the {body}"
    holders = careers(rng, rng.randint(3, 12), last_open=True)
    incumbent, since, _ = holders[-1]
    box = ["Infobox", f"- Post: {post}", f"- Body: the {body}", "- Insignia: Danghui.svg"]
    box += [f"- Incumbent: {incumbent}", f"- Incumbentsince: {date(rng, since)}"]
    box += ["- Termlength: Five years", f"- Inaugural: {holders[0][0]}"]
    box += [f"- Formation: {holders[0][1]}", f"- Department: {body}"]
    parts = [f"= {title} =", "\n".join(box)]
    parts.append(
        f"The {title} is the highest official of the {body}. "
        + prose(
            rng,
            PROSE,
            1,
            name=body,
            parent=body,
            topic=rng.choice(DOMAINS).lower(),
            city=rng.choice(CITIES),
        )
    )
    table = ["| No. | Name (birth–death) | Took office | Left office | Rank |"]
    for number, (holder, start, end) in enumerate(holders, start=1):
        born = start - rng.randint(40, 60)
        left = date(rng, end) if end is not None else "Incumbent"
        table.append(
            f"| {number} | {holder} ({born}–{born + 80}) | {date(rng, start)} | {left} | {rng.randint(1, 9)} |"
        )
    parts.append(f"==Officeholders==\n\n==={title} ({holders[0][1]}–)===\n" + "\n".join(table))
    return title, "\n\n".join(parts) + "\n"


def person_article(rng: random.Random) -> tuple[str, str]:
    name = person(rng).removeprefix("The Rt Hon. ").removeprefix("Sir ").removeprefix("Dame ")
    box = [name, "- Native Name Lang: zh-Hans"]
    year = rng.randint(2010, 2023)
    for i in range(rng.randint(1, 5)):
        n = "" if i == 0 else str(i)
        start_key = rng.choice(("Term Start", "Termstart"))
        box.append(
            f"- Office{n}: {rng.choice(CHIEF_POSTS + MINISTER_POSTS)} of the {organization(rng)}"
        )
        box.append(f"- {start_key}{n}: {date(rng, year)}")
        if i:
            box.append(
                f"- {rng.choice(('Term End', 'Termend'))}{n}: {date(rng, year + rng.randint(1, 5))}"
            )
        if rng.random() < 0.15:
            box[-1] += f", Acting: {date(rng, year)} – {date(rng, year)}"
        box.append(f"- Predecessor{n}: {person(rng)}")
        if i:
            box.append(f"- Successor{n}: {person(rng)}")
        year -= rng.randint(2, 6)
    born = year - rng.randint(25, 40)
    box += [f"- Birth Place: {rng.choice(CITIES)}", "- Party: Chinese Communist Party"]
    parts = [f"= {name} =", "\n".join(box)]
    parts.append(
        f"{name} (born {date(rng, born)}) is a politician who has served as {rng.choice(CHIEF_POSTS).lower()} of the {organization(rng)}."
    )
    career = []
    for _ in range(rng.randint(2, 5)):
        start = rng.randint(born + 20, 2015)
        career.append(
            f"In {start}, {name.split()[-1]} became the {rng.choice(CHIEF_POSTS).lower()} of the {organization(rng)}, serving there until {start + rng.randint(1, 6)}."
        )
    parts.append("==Early life and career==\n" + " ".join(career))
    return name, "\n\n".join(parts) + "\n"


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
    for index in range(n):
        title, text = article(seed, index)
        path = out_dir / file_name(index, title)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    stamp.write_text(json.dumps({"n": n, "seed": seed, "version": _version()}) + "\n")
    return paths


def ensure(out_dir: Path, n: int = 20_000, seed: int = 0) -> list[Path]:
    """The corpus ``(n, seed)`` in ``out_dir``: reused when this generator wrote it, else made."""
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
