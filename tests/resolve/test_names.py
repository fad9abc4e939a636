"""Names: when two spellings are one person, organization or post."""

from __future__ import annotations

from pathlib import Path

import pytest

from tenure.errors import UsageError
from tenure.resolve import load_resolver
from tenure.resolve.config import load_config
from tenure.resolve.names import Resolver, abbreviation, singular

R = load_resolver(user=False)


@pytest.mark.parametrize(
    ("written", "display"),
    [
        ("Sir Richard Heaton", "Richard Heaton"),
        ("Dame Antonia Romeo", "Antonia Romeo"),
        ("The Rt Hon. Sir John Major", "John Major"),
        ("Li Xi (politician, born 1956)", "Li Xi"),
        ("DIB Tapan Deka, IPS", "Tapan Deka"),
        ("Air Marshal Sandeep Singh(retd)", "Sandeep Singh"),
        ("Vice Admiral Biswajit Dasgupta(retd)", "Biswajit Dasgupta"),
        ("Lieutenant General M U Nair", "M U Nair"),
        ("Prime Minister Sanae Takaichi", "Sanae Takaichi"),
        ("Dr. Jane Roe", "Jane Roe"),
        ("Li Xiaoxin*", "Li Xiaoxin"),
        ("Tô Lâm", "Tô Lâm"),
    ],
)
def test_person_display_drops_honorifics_and_disambiguators(written: str, display: str) -> None:
    assert R.person_display(written) == display


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sir Richard Heaton", "richard heaton"),
        ("Tô Lâm", "TO LAM"),
        ("Võ Nguyên Giáp", "Vo Nguyen Giap"),
        ("Li  Xi", "Li Xi (politician, born 1956)"),
        ("Ｗang Ｙi", "Wang Yi"),
    ],
)
def test_case_spacing_diacritics_and_width_do_not_split_people(a: str, b: str) -> None:
    assert R.person_key(a) == R.person_key(b)


def test_different_people_stay_different() -> None:
    assert R.person_key("Li Xi") != R.person_key("Li Qiang")
    assert R.person_key("Wang Yi") != R.person_key("Wang Yang")


GENERAL_OFFICE = [
    "General Office of the CCP Central Committee",
    "General Office of the Chinese Communist Party",
    "CCP General Office",
    "General Office of the Central Committee of the Chinese Communist Party",
    "the General Office of the Communist Party of China",
    "CPC General Office",
]


def test_the_general_office_has_one_key_under_every_spelling() -> None:
    assert len({R.org_key(name) for name in GENERAL_OFFICE}) == 1


def test_party_spellings_are_one_and_its_central_committee_is_another() -> None:
    party = {
        R.org_key(n)
        for n in (
            "CCP",
            "CPC",
            "Communist Party of China",
            "Chinese Communist Party",
            "the Chinese Communist Party",
        )
    }
    assert len(party) == 1
    committee = {
        R.org_key(n)
        for n in ("CCP Central Committee", "Central Committee of the Chinese Communist Party")
    }
    assert len(committee) == 1
    assert committee != party


def test_china_qualifier_is_dropped_other_countries_are_kept() -> None:
    assert (
        R.org_key("Ministry of Foreign Affairs (China)")
        == R.org_key("Ministry of Foreign Affairs of the People's Republic of China")
        == R.org_key("Ministry of Foreign Affairs")
    )
    india = R.org_key("National Security Council (India)")
    japan = R.org_key("National Security Council (Japan)")
    assert india != japan != R.org_key("National Security Council")
    assert R.org_key("National Security Council", "National Security Council (India)") == india


def test_abbreviations_defined_in_a_name() -> None:
    assert abbreviation("Central Policy Research Office (CPRO)") == (
        "Central Policy Research Office",
        "CPRO",
    )
    assert abbreviation("Cabinet Intelligence and Research Office (CIRO)") == (
        "Cabinet Intelligence and Research Office",
        "CIRO",
    )
    assert abbreviation("Ministry (China)") is None
    assert abbreviation("Office of Policy (XYZ)") is None
    assert R.org_key("Central Policy Research Office (CPRO)") == R.org_key(
        "Central Policy Research Office"
    )
    assert (
        R.org_display(
            "Chinese Communist Party (CCP) Central Committee Foreign Affairs Commission Office"
        )
        == "Chinese Communist Party Central Committee Foreign Affairs Commission Office"
    )


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Deputy Directors", "deputy director"),
        ("8th Director", "director"),
        ("Party Committee Secretary (ministerial-level)", "party committee secretary"),
        ("Minister of Foreign Affairs", "minister of foreign affairs"),
        ("Secretary-General", "secretary general"),
        ("Members", "member"),
    ],
)
def test_post_keys(title: str, key: str) -> None:
    assert R.post_key(title) == key


@pytest.mark.parametrize(
    ("title", "single"),
    [
        ("Director", True),
        ("Secretary", True),
        ("Premier", True),
        ("Chairman", True),
        ("Head", True),
        ("Leader", True),
        ("Minister of Foreign Affairs", True),
        ("General Secretary", True),
        ("Secretary-General", True),
        ("President", True),
        ("Governor", True),
        ("Party Secretary", True),
        ("National Security Advisor", True),
        ("Deputy Director", False),
        ("Executive Deputy Director", False),
        ("Vice Premier", False),
        ("Member", False),
        ("Assistant Minister", False),
        ("Deputy Secretary-General", False),
        ("Deputy National Security Advisor", False),
        ("State Councilor", False),
        ("Secretary of the Secretariat of the CCP Central Committee", False),
        ("Second Permanent Secretary", False),
        ("Director General", False),
        ("Visiting Scholar", False),
        ("Spokesperson", False),
    ],
)
def test_one_holder_posts(title: str, single: bool) -> None:
    assert R.single_holder(R.post_key(title)) is single


def test_titles_naming_their_body_split_only_at_an_organization() -> None:
    assert R.split_post("8th Director of the Taiwan Affairs Office") == (
        "Director",
        "Taiwan Affairs Office",
    )
    assert R.split_post("Secretary of the Central Commission for Discipline Inspection") == (
        "Secretary",
        "Central Commission for Discipline Inspection",
    )
    assert R.split_post("Minister of Foreign Affairs") == ("Minister of Foreign Affairs", None)
    assert R.split_post("Party Secretary of Guangdong") == ("Party Secretary of Guangdong", None)


def test_singular() -> None:
    assert [singular(w) for w in ("directors", "secretaries", "chairmen", "affairs", "boss")] == [
        "director",
        "secretary",
        "chairman",
        "affair",
        "boss",
    ]


def test_user_alias_file_is_read_first_and_can_declare_posts(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "organizations:\n  Office of the National Security Commission:\n"
        "    aliases: [ONSC, CNSC Office]\n    wikidata: Q123\n"
        "persons:\n  Wang Yi: [王毅]\nposts:\n  single: [spokesperson]\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.entries[0].name == "Office of the National Security Commission"
    assert config.entries[0].source == str(path)
    assert config.entries[1].aliases == ("王毅",)
    r = Resolver(config)
    assert r.single_holder(r.post_key("Spokesperson"))
    assert config.fingerprint() != load_config(user=False).fingerprint()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("organizations: [\n", "not valid YAML"),
        ("- a\n- b\n", "a mapping"),
        ("orgs: {}\n", "unknown section"),
        ("persons:\n  X:\n    wikidata: 12\n", "QID"),
    ],
)
def test_bad_alias_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_config(path)


def test_alias_file_from_environment_and_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TENURE_ALIASES", str(tmp_path / "nope.yaml"))
    with pytest.raises(UsageError, match="TENURE_ALIASES"):
        load_config()
    monkeypatch.delenv("TENURE_ALIASES")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tenure-aliases.yaml").write_text("persons:\n  Ann Lee: [A. Lee]\n")
    assert any(e.name == "Ann Lee" for e in load_config().entries)


def test_a_body_s_office_is_one_name_before_or_after_it() -> None:
    assert R.org_key("Central National Security Leading Group Office") == R.org_key(
        "Office of the Central National Security Leading Group"
    )
    assert R.org_key("CCP Central Committee Foreign Affairs Commission Office") == R.org_key(
        "Office of the Foreign Affairs Commission of the CCP Central Committee"
    )
    assert R.org_key("State Council General Office") == R.org_key(
        "General Office of the State Council"
    )
    assert R.org_key("Cabinet Office") == "cabinet office"
    assert R.org_key("Taiwan Affairs Office") == "taiwan affairs office"
    assert R.unit_of(R.org_key("Central Foreign Affairs Commission Office")) == (
        "office",
        "central foreign affairs commission",
    )
    assert R.unit_of(R.org_key("Office of the General Secretary")) is None


def test_in_its_own_article_a_body_named_with_central_or_its_party_is_the_subject() -> None:
    onsc = "Office of the National Security Commission"
    assert R.org_key("Office of the Central National Security Commission", onsc) == R.org_key(onsc)
    assert R.org_key("Office of the Central National Security Commission") != R.org_key(onsc)
    assert R.org_key_loose("Office of the Central National Security Commission") == R.org_key(onsc)
    cpsu = "Politburo of the Communist Party of the Soviet Union"
    assert R.org_key("Politburo", cpsu) == R.org_key(cpsu)


def test_a_party_body_and_its_state_twin_stay_two() -> None:
    title = "Chairman of the Central Military Commission (China)"
    party = R.org_key("Central Military Commission of the Chinese Communist Party", title)
    state = R.org_key("Central Military Commission of the People's Republic of China", title)
    assert party != state
    assert R.org_key(
        "Central Military Commission of the Chinese Communist Party",
        "Central Military Commission (China)",
    ) == R.org_key("CCP Central Military Commission")


def test_variants_find_a_body_under_any_party_spelling() -> None:
    variants = R.org_key_variants("national security commission")
    assert R.org_key("National Security Commission of the Chinese Communist Party") in variants
    assert R.org_key("Central National Security Commission") in variants
    assert variants[0] == "national security commission"


def test_the_central_committee_s_department_is_the_central_department() -> None:
    assert R.org_key("Central Committee's Foreign Affairs Department") == R.org_key(
        "Central Foreign Affairs Department"
    )
    assert R.org_key("Central Committee for Foreign Affairs") != R.org_key(
        "Central Foreign Affairs"
    )
