"""MS501–MS504: each frame in a plan matches fullmäktige's, and the frames add up,
in the words of every shape."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.plans import (
    KF_PLAN,
    NAMND_PLAN,
    ORGANISATION,
    SHAPES,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    check_rule_case,
)

CASES = [
    RuleCase("MS501", "frame-differs",
             (Patch(NAMND_PLAN, "ram: 650000", "ram: 655000"),),
             NAMND_PLAN, "655000", message="(+5\u202f000 tkr)", hint="Skriv `ram: 650000`"),
    RuleCase("MS501", "no-frame-in-kf-plan",
             (Patch(KF_PLAN, "- organisation: UBN", "- organisation: KF"),),
             NAMND_PLAN, "650000", message="ingen ram för `UBN`", count=1),
    RuleCase("MS502", "frames-do-not-add-up",
             (Patch(KF_PLAN, "total: 650000", "total: 700000"),),
             KF_PLAN, "700000", message="summerar till 650\u202f000 tkr, men totalen är "
             "700\u202f000 tkr"),
    RuleCase("MS503", "namnd-without-frame",
             (Patch(ORGANISATION, "  - id: UF\n",
                    "  - id: KFN\n    namn: Kultur- och fritidsnämnden\n    nivå: nämnd\n"
                    "    överordnad: KF\n  - id: UF\n"),),
             KF_PLAN, "nämnder:", message="Kultur- och fritidsnämnden (`KFN`) har ingen ram"),
    RuleCase("MS504", "same-nämnd-twice",
             (Patch(KF_PLAN, "total: 650000", "total: 700000"),
              Append(KF_PLAN, """
                  - organisation: UBN
                    belopp: 50000
                  """, indent=4)),
             KF_PLAN, "UBN", occurrence=2, message="`UBN` har redan en ram"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_decimal_frames_add_up(plan_repo: PlanRepo) -> None:
    plan_repo.patch(KF_PLAN, "total: 650000", "total: 650000.3")
    plan_repo.patch(KF_PLAN, "belopp: 650000", "belopp: 650000.3")
    plan_repo.patch(NAMND_PLAN, "ram: 650000", "ram: 650000.3")
    assert plan_repo.run().findings == []


# --- other shapes: the frame rules speak of the model's own levels -------------------


def _copy(shape: str, tmp_path: Path) -> PlanRepo:
    target = tmp_path / shape
    shutil.copytree(SHAPES[shape], target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    return PlanRepo(target)


REGION_RF = "regionfullmaktige/regionplan-2027.yaml"
REGION_RS = "namnder/regionstyrelsen-2027.yaml"


def test_region_frames_are_regionfullmaktiges(tmp_path: Path) -> None:
    repo = _copy("region", tmp_path)
    repo.patch(REGION_RS, "ram: 1240000", "ram: 1250000")
    (finding,) = repo.findings("MS501")
    assert finding.message.startswith("Ramen 1\u202f250\u202f000 tkr skiljer sig från "
                                      "regionfullmäktiges ram")
    assert finding.hint == "Skriv `ram: 1240000` — planen ska utgå från den beslutade ramen."


def test_every_level_with_a_frame_needs_one(tmp_path: Path) -> None:
    """A regionstyrelse (not only a nämnd) without a frame is reported, and a
    stadsdelsnämnd in a big city's model."""
    repo = _copy("region", tmp_path)
    repo.patch(REGION_RF, "    - organisation: RS\n      belopp: 1240000\n", "")
    repo.patch(REGION_RF, "total: 21975000", "total: 20735000")
    repo.remove(REGION_RS)
    (finding,) = repo.findings("MS503")
    assert finding.message == "Regionstyrelsen (`RS`) har ingen ram."
    assert finding.hint == ("Lägg till regionstyrelsen under `ramar.nämnder`, även om "
                            "ramen är 0.")
    city = _copy("storstad", tmp_path)
    city.patch("kommunfullmaktige/mal-och-budget-2027.yaml",
               "    - organisation: SON\n      belopp: 1590000\n", "")
    city.patch("kommunfullmaktige/mal-och-budget-2027.yaml", "total: 25180000",
               "total: 23590000")
    assert [f.message for f in city.findings("MS503")] == [
        "Södermalms stadsdelsnämnd (`SON`) har ingen ram."]


def test_frame_sum_in_a_big_city(tmp_path: Path) -> None:
    repo = _copy("storstad", tmp_path)
    repo.patch("kommunfullmaktige/mal-och-budget-2027.yaml", "total: 25180000",
               "total: 25180001")
    (finding,) = repo.findings("MS502")
    assert finding.message.startswith("Ramarna under `ramar.nämnder` summerar till "
                                      "25\u202f180\u202f000 tkr")
    assert finding.hint == "Rätta något av beloppen eller totalen så att de stämmer."
