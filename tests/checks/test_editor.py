"""MS025: the editor schemas in the plan repository follow its steering model."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from malstyrning.editorschemas import write
from malstyrning.pipeline import load_settings
from tests.plans import Patch, PlanRepo, RuleCase, check_rule_case

PLAN_SCHEMA = "scheman/verksamhetsplan.schema.json"
PLAN_ID = '"$id": "urn:malstyrning:schema:v1:verksamhetsplan",'


@dataclass(frozen=True)
class WriteSchemas:
    """Run what `malstyrning schema` runs: the effective schemas into ``folder``."""

    folder: str = "scheman"

    def apply(self, repo: PlanRepo) -> None:
        write(repo.root / self.folder, load_settings(repo.root))


@dataclass(frozen=True)
class Remove:
    file: str

    def apply(self, repo: PlanRepo) -> None:
        repo.remove(self.file)


@dataclass(frozen=True)
class VsCode:
    """``.vscode/settings.json`` naming one schema for the plan files."""

    schema: str

    def apply(self, repo: PlanRepo) -> None:
        repo.write(".vscode/settings.json",
                   '{\n  // skapad för VS Code\n  "yaml.schemas": {\n'
                   f'    "{self.schema}": ["**/*.yaml"]\n  }}\n}}\n', dedent=False)


CASES = [
    RuleCase("MS025", "edited-by-hand",
             (Patch(PLAN_SCHEMA, PLAN_ID, PLAN_ID + '\n  "$comment": "ändrad för hand",'),),
             PLAN_SCHEMA, (1, 1), good=(WriteSchemas(),),
             message="stämmer inte med planrepots styrmodell",
             hint="`malstyrning schema`"),
    RuleCase("MS025", "missing-from-the-folder", (Remove("scheman/uppfoljning.schema.json"),),
             "scheman/uppfoljning.schema.json", (1, 1), good=(WriteSchemas(),),
             message="saknas (mappen scheman/"),
    RuleCase("MS025", "named-in-vscode-settings",
             (Patch("editor/verksamhetsplan.schema.json", PLAN_ID,
                    PLAN_ID + '\n  "$comment": "äldre",'),),
             "editor/verksamhetsplan.schema.json", (1, 1),
             good=(WriteSchemas("editor"), VsCode("./editor/verksamhetsplan.schema.json")),
             hint="`malstyrning schema --out editor`"),
    RuleCase("MS025", "vscode-names-a-missing-schema", (VsCode("scheman/plan.schema.json"),),
             "scheman/plan.schema.json", (1, 1),
             message="saknas (.vscode/settings.json pekar ut det)"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_a_change_of_the_model_makes_the_schemas_stale(plan_repo: PlanRepo) -> None:
    WriteSchemas().apply(plan_repo)
    assert plan_repo.findings("MS025") == []
    plan_repo.patch("malstyrning.yaml", "period: 2027–2029\n", "period: 2027–2029\n"
                    "målkedja:\n"
                    "  - {typ: vision, nyckel: vision, namn: Vision,\n"
                    "     beslutas_av: [kommunfullmäktige]}\n"
                    "  - {typ: mål, nyckel: mål, namn: Mål, plural: Mål, genus: neutrum,\n"
                    "     beslutas_av: [nämnd], bidrar_till: [vision], mätbar: true}\n")
    stale = {f.file for f in plan_repo.findings("MS025")}
    assert {"scheman/verksamhetsplan.schema.json", "scheman/uppfoljning.schema.json"} <= stale
    assert "scheman/installningar.schema.json" not in stale, "fixed: no model in it"
    WriteSchemas().apply(plan_repo)
    assert plan_repo.findings("MS025") == []


def test_other_json_in_the_folder_is_left_alone(plan_repo: PlanRepo) -> None:
    WriteSchemas().apply(plan_repo)
    plan_repo.write("scheman/egen.schema.json", '{"$id": "https://kommun.se/egen"}\n',
                    dedent=False)
    plan_repo.write("scheman/verksamhetsplan.schema.json", '{"title": "kommunens egen"}\n',
                    dedent=False)
    assert plan_repo.findings("MS025") == []
