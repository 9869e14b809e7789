"""Prioritise and delimit: few goals per nämnd; financial goals in the KF plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from malstyrning.checks.base import rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import FileModel, PlanModel


@rule("MS701", "för-många-effektmål", Severity.WARNING,
      "En nämnd har fler effektmål än gränsen i malstyrning.yaml (standard 5).",
      scope="repo",
      explanation="\"Mål- och resultatstyrning innebär i grunden att vi prioriterar och "
      "avgränsar oss.\" Gränsen sätts med `regler.max_effektmål_per_nämnd`.",
      good="# 4 effektmål", bad="# 9 effektmål")
def too_many_goals(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    kinds = [lv.kind for lv in settings.chain.levels if lv.measurable]
    counts: Counter[str] = Counter()
    first: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    for node in model.nodes:
        if node.kind in kinds:
            counts[node.org] += 1
            first.setdefault(node.org, (node.file, node.path[:1]))
    for org, count in sorted(counts.items()):
        if count > settings.max_effektmal:
            file, path = first[org]
            yield Finding("MS701", file,
                          f"{model.unit_name(org)} har {count} effektmål; gränsen är "
                          f"{settings.max_effektmal}.",
                          "Prioritera och avgränsa: slå ihop närliggande mål eller gör dem "
                          "till aktiviteter. Gränsen ändras i malstyrning.yaml "
                          "(`regler.max_effektmål_per_nämnd`).", path=path, at_key=True)


@rule("MS702", "finansiella-mål-saknas", Severity.WARNING,
      "Kommunfullmäktiges plan saknar finansiella mål (KL 11 kap.).",
      explanation="Budgeten ska enligt kommunallagen 11 kap. innehålla finansiella mål "
      "och verksamhetsmål för god ekonomisk hushållning.",
      good="finansiella_mål:\n  - id: F1\n    namn: Resultatet ska vara minst 2 % …",
      bad="# ingen finansiella_mål")
def financial_goals(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    plan = fm.plan
    if plan is None or plan.level != "kommunfullmäktige" or "finansiella_mål" in plan.sections:
        return
    yield Finding("MS702", fm.file,
                  "Kommunfullmäktiges plan saknar finansiella mål.",
                  "Kommunallagen (11 kap.) kräver finansiella mål för god ekonomisk "
                  "hushållning. Lägg till `finansiella_mål:` med minst ett mål.", path=())
