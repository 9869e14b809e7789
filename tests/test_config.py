"""The steering model as data: levels, organisation levels, parts, grammar and aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from malstyrning.config import settings_from_data, settings_problems, steering_model
from malstyrning.words import Noun

STOCKHOLM = {
    "organisationsnivåer": [
        {"typ": "kommunfullmäktige", "namn": "Kommunfullmäktige", "genus": "neutrum"},
        {"typ": "facknämnd", "namn": "Facknämnd", "plural": "Facknämnder", "rang": 1},
        {"typ": "stadsdelsnämnd", "namn": "Stadsdelsnämnd", "plural": "Stadsdelsnämnder",
         "rang": 1, "skriver": ["nämndmål"]},
        {"typ": "enhet", "namn": "Enhet", "plural": "Enheter"},
    ],
    "målkedja": [
        {"typ": "vision", "nyckel": "vision", "namn": "Vision",
         "beslutas_av": ["kommunfullmäktige"]},
        {"typ": "inriktningsmål", "nyckel": "inriktningsmål", "namn": "Inriktningsmål",
         "beslutas_av": ["kommunfullmäktige"], "bidrar_till": ["vision"]},
        {"typ": "vomål", "nyckel": "verksamhetsområdesmål", "namn": "Verksamhetsområdesmål",
         "beslutas_av": ["kommunfullmäktige"], "bidrar_till": ["inriktningsmål"],
         "mätbar": True, "max_per_organisation": 12},
        {"typ": "nämndmål", "nyckel": "nämndmål", "namn": "Nämndmål",
         "beslutas_av": ["facknämnd"], "bidrar_till": ["vomål"], "mätbar": True},
        {"typ": "enhetsmål", "nyckel": "enhetsmål", "namn": "Enhetsmål",
         "beslutas_av": ["enhet"], "bidrar_till": ["nämndmål"]},
        {"typ": "aktivitet", "nyckel": "aktiviteter", "namn": "Aktivitet",
         "plural": "Aktiviteter", "beslutas_av": ["enhet"],
         "bidrar_till": ["enhetsmål", "nämndmål"]},
    ],
}


def test_default_model_is_hebys() -> None:
    model = steering_model(None)
    chain = model.chain
    assert [lv.kind for lv in chain.levels] == ["vision", "inriktning", "effektmål",
                                                "aktivitet"]
    assert chain.root.is_root and chain.leaf.is_activity
    assert [lv.kind for lv in chain.goal_levels] == ["inriktning", "effektmål"]
    assert [lv.kind for lv in chain.measurable_levels] == ["effektmål"]
    effekt = chain.by_kind("effektmål")
    assert effekt is not None and effekt.max_per_org == 5
    assert (effekt.article, effekt.definite, effekt.definite_plural) == (
        "ett", "effektmålet", "effektmålen")
    assert model.organisation.kinds == ("kommunfullmäktige", "nämnd", "förvaltning", "enhet")
    assert model.parts["styrdokument"].parents == ("vision", "inriktning")
    assert model.parts["ram"].decided_by == ("nämnd",)
    assert model.parts["ramar"].decided_by == ("kommunfullmäktige",)
    assert model.synonyms["årsmål"] == "målvärden"


def test_five_level_model_with_two_kinds_of_nämnd() -> None:
    model = steering_model(STOCKHOLM)
    chain = model.chain
    assert [lv.kind for lv in chain.measurable_levels] == ["vomål", "nämndmål"]
    assert chain.by_kind("nämndmål").decided_by == ("facknämnd", "stadsdelsnämnd")  # type: ignore[union-attr]
    assert [lv.kind for lv in chain.levels_decided_by("stadsdelsnämnd")] == ["nämndmål"]
    assert [lv.kind for lv in chain.ancestors("aktivitet")] == [
        "enhetsmål", "nämndmål", "vomål", "inriktningsmål", "vision"]
    assert [lv.kind for lv in chain.descendants("vomål")] == [
        "nämndmål", "enhetsmål", "aktivitet"]
    assert chain.by_kind("enhetsmål").is_goal  # type: ignore[union-attr]
    assert chain.by_kind("vomål").max_per_org == 12  # type: ignore[union-attr]
    assert chain.by_kind("nämndmål").max_per_org == 5  # type: ignore[union-attr]
    assert chain.by_kind("enhetsmål").max_per_org is None  # type: ignore[union-attr]
    # A styrdokument may point at the root and every level KF decides.
    assert model.parts["styrdokument"].parents == ("vision", "inriktningsmål", "vomål")
    assert model.parts["ram"].decided_by == ("facknämnd", "stadsdelsnämnd")
    assert settings_problems(STOCKHOLM) == []


def test_region_preset() -> None:
    model = steering_model({"organisationsnivåer": "region"})
    assert model.organisation.top.kind == "regionfullmäktige"
    assert model.parts["ramar"].decided_by == ("regionfullmäktige",)
    assert model.parts["ram"].decided_by == ("regionstyrelse", "nämnd")


def test_old_limit_setting_is_an_alias_for_the_limited_level() -> None:
    settings = settings_from_data(Path("."), {"regler": {"max_effektmål_per_nämnd": 3}})
    assert settings.chain.by_kind("effektmål").max_per_org == 3  # type: ignore[union-attr]
    assert settings.chain.by_kind("inriktning").max_per_org is None  # type: ignore[union-attr]


def test_old_nivåer_key_is_accepted() -> None:
    data = {"målkedja": [{"typ": "vision", "namn": "Vision", "nivåer": ["kommunfullmäktige"]},
                         {"typ": "mål", "namn": "Mål", "nivåer": ["kommunfullmäktige"],
                          "bidrar_till": ["vision"], "mätbar": True}]}
    chain = steering_model(data).chain
    assert chain.by_kind("mål").decided_by == ("kommunfullmäktige",)  # type: ignore[union-attr]
    assert chain.leaf.is_goal  # two levels: the leaf is a goal, not an activity


@pytest.mark.parametrize(("singular", "plural", "gender", "forms"), [
    ("Effektmål", "Effektmål", "", ("ett", "effektmålet", "effektmålen", "effektmålets")),
    ("Aktivitet", "Aktiviteter", "", ("en", "aktiviteten", "aktiviteterna", "aktivitetens")),
    ("Inriktning", "Inriktningar", "", ("en", "inriktningen", "inriktningarna",
                                        "inriktningens")),
    ("Vision", "Visioner", "", ("en", "visionen", "visionerna", "visionens")),
    ("Strategi", "Strategier", "", ("en", "strategin", "strategierna", "strategins")),
    ("Verksamhetsområde", "Verksamhetsområden", "neutrum",
     ("ett", "verksamhetsområdet", "verksamhetsområdena", "verksamhetsområdets")),
    ("Uppdrag", "Uppdrag", "", ("ett", "uppdraget", "uppdragen", "uppdragets")),
    ("Nämnd", "Nämnder", "", ("en", "nämnden", "nämnderna", "nämndens")),
    ("Kommunfullmäktige", "Kommunfullmäktige", "neutrum",
     ("ett", "kommunfullmäktige", "kommunfullmäktige", "kommunfullmäktiges")),
])
def test_swedish_noun_forms(singular: str, plural: str, gender: str,
                            forms: tuple[str, str, str, str]) -> None:
    noun = Noun.make(singular, plural, gender)
    assert (noun.article, noun.definite, noun.definite_pl, noun.genitive) == forms


def test_explicit_forms_win() -> None:
    noun = Noun.make("KF-mål", "KF-mål", "neutrum", "KF-målet", "KF-målen")
    assert (noun.lower, noun.definite, noun.indefinite) == ("KF-mål", "KF-målet", "ett KF-mål")


@pytest.mark.parametrize(("data", "needle"), [
    ({"målkedja": [{"typ": "vision", "namn": "V", "beslutas_av": ["fullmäktig"]}]},
     "`fullmäktig` är ingen organisationsnivå"),
    ({"målkedja": [{"typ": "vision", "namn": "V"},
                   {"typ": "ram", "nyckel": "ram", "namn": "R", "bidrar_till": ["vision"]}]},
     "Nyckeln `ram` används redan"),
    ({"organisationsnivåer": "landsting"}, "`landsting` är ingen känd uppsättning"),
    ({"övriga_delar": {"styrdokument": {"bidrar_till": ["inriktningar"]}}},
     "`inriktningar` är ingen nivå i målkedjan"),
    ({"målkedja": [{"typ": "vision", "namn": "V"},
                   {"typ": "mål", "namn": "M", "slag": "rot", "bidrar_till": ["vision"]}]},
     "bara kedjans första nivå kan vara roten"),
])
def test_model_problems_are_reported(data: dict, needle: str) -> None:  # type: ignore[type-arg]
    messages = [message for _path, message, _hint in settings_problems(data)]
    assert any(needle in m for m in messages), messages


def test_settings_schema_accepts_the_whole_model(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    from malstyrning.pipeline import load_settings

    data = {"typ": "inställningar", "kommun": "Stockholms stad", "kommunkod": "0180",
            "period": 2027, **STOCKHOLM,
            "övriga_delar": {"styrdokument": {"bidrar_till": ["vision"]}},
            "synonymer": {"årsmål": "målvärden"}}
    with (tmp_path / "malstyrning.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(data, handle)
    settings = load_settings(tmp_path)
    assert settings.parts["styrdokument"].parents == ("vision",)
    assert settings.organisation.by_kind("stadsdelsnämnd").rank == 1  # type: ignore[union-attr]


def test_followup_documents_are_named_as_the_kommun_names_them() -> None:
    """Issue 11 part 5: the report's name and the months it covers, or the kommun's own
    name for the period (``dokumentnamn`` with ``{år}``)."""
    from malstyrning.config import settings_from_data

    default = settings_from_data(Path("."), {"kommun": "X"})
    names = [default.followup_period(c).title(2027)  # type: ignore[union-attr]
             for c in ("T1", "delår", "helår")]
    assert names == ["Tertialrapport januari–april 2027",
                     "Delårsrapport januari–augusti 2027", "Årsredovisning 2027"]
    own = settings_from_data(Path("."), {"uppföljningsperioder": [
        {"kod": "T2", "namn": "Delårsrapport", "till": "08-31",
         "dokumentnamn": "Delårsbokslut augusti {år}"},
        {"kod": "helår", "namn": "Årsredovisning", "till": "12-31"}]})
    assert own.followup_period("T2").title(2028) == "Delårsbokslut augusti 2028"  # type: ignore[union-attr]
    assert own.followup_period("helår").title(2028) == "Årsredovisning 2028"  # type: ignore[union-attr]
