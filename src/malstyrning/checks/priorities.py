"""Prioritise and delimit: few goals per nämnd; financial goals in the KF plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from malstyrning.checks.base import Incremental, rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import FileModel, PlanModel
from malstyrning.words import upper_first


def limited_kinds(settings: Settings) -> list[str]:
    """The kinds MS701 counts: the levels with a limit per organisation."""
    return [lv.kind for lv in settings.chain.levels if lv.max_per_org is not None]


@rule("MS701", "för-många-mål", Severity.WARNING,
      "{limitorg.Indefinite} har fler {limited.plural} än gränsen i malstyrning.yaml "
      "(standard 5).", scope="repo",
      explanation="\"Mål- och resultatstyrning innebär i grunden att vi prioriterar och "
      "avgränsar oss.\" Gränsen sätts med `max_per_organisation` för nivån under "
      "`målkedja` i malstyrning.yaml.",
      good="# 4 {limited.plural}", bad="# 9 {limited.plural}",
      incremental=Incremental(kinds=limited_kinds, links=False))
def too_many_goals(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    limits = {lv.kind: lv for lv in settings.chain.levels if lv.max_per_org is not None}
    counts: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], tuple[str, tuple[str | int, ...]]] = {}
    for node in model.nodes:
        if node.kind in limits:
            counts[(node.kind, node.org)] += 1
            first.setdefault((node.kind, node.org), (node.file, node.path[:1]))
    below = settings.chain.activity_levels
    for (kind, org), count in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        level = limits[kind]
        limit = level.max_per_org or 0
        if count > limit:
            file, path = first[(kind, org)]
            instead = (f" eller gör dem till {below[0].lower_plural}" if below else "")
            yield Finding("MS701", file,
                          f"{model.unit_name(org)} har {count} {level.lower_plural}; gränsen "
                          f"är {limit}.",
                          f"Prioritera och avgränsa: slå ihop närliggande mål{instead}. "
                          "Gränsen ändras i malstyrning.yaml (`max_per_organisation` för "
                          f"nivån `{kind}` under `målkedja`).", path=path, at_key=True)


@rule("MS702", "finansiella-mål-saknas", Severity.WARNING,
      "{top.Genitive} plan saknar finansiella mål (KL 11 kap.).",
      explanation="Budgeten ska enligt kommunallagen 11 kap. innehålla finansiella mål "
      "och verksamhetsmål för god ekonomisk hushållning.",
      good="finansiella_mål:\n  - id: F1\n    namn: Resultatet ska vara minst 2 % …",
      bad="# ingen finansiella_mål")
def financial_goals(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    plan = fm.plan
    part = settings.parts["finansiella_mål"]
    if plan is None or plan.level not in part.decided_by or part.key in plan.sections:
        return
    org = settings.organisation.by_kind(plan.level)
    owner = upper_first(org.genitive) if org is not None else "Planen"
    yield Finding("MS702", fm.file,
                  f"{owner} plan saknar {part.name.lower()}.",
                  "Kommunallagen (11 kap.) kräver finansiella mål för god ekonomisk "
                  f"hushållning. Lägg till `{part.key}:` med minst ett mål.", path=())
