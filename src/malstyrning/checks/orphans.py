"""Orphans, both ways: goals nothing builds on, goals that cannot be measured."""

from __future__ import annotations

from collections.abc import Iterator

from malstyrning.checks.base import Incremental, rule
from malstyrning.config import Level, Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import INDICATOR, FileModel, PlanModel
from malstyrning.words import listing


def _orphans(model: PlanModel, settings: Settings, code: str,
             leaf_children: bool) -> Iterator[Finding]:
    chain = settings.chain
    for level in chain.levels:
        child_levels = chain.children_of(level.kind)
        if not child_levels:
            continue
        if any(c.is_activity for c in child_levels) != leaf_children:
            continue
        child_kinds = {c.kind for c in child_levels}
        names = listing([c.lower_plural for c in child_levels])
        for node in model.nodes:
            if node.kind != level.kind:
                continue
            if model.has_child_of_kind(node.id, child_kinds):
                continue
            yield Finding(code, node.file,
                          f"{level.name} `{node.id}` har inga {names} som bidrar till "
                          f"{level.pronoun}.",
                          _orphan_hint(settings, level, child_levels, node.id), path=node.path,
                          node=node.id)


def _orphan_hint(settings: Settings, level: Level, child_levels: list[Level],
                 node_id: str) -> str:
    org = settings.organisation
    where = []
    for child in child_levels:
        owners = [o for o in (org.by_kind(k) for k in child.org_levels) if o is not None]
        plans = listing([o.noun.indefinite_genitive for o in owners])
        where.append(f"{child.indefinite} i {plans} plan" if plans else child.indefinite)
    return (f"Beslutat men inte omsatt: lägg till `{node_id}` i `bidrar_till` för minst "
            f"{listing(where)}, eller stryk `{node_id}` om {level.pronoun} inte längre "
            "gäller.")


@rule("MS301", "mål-utan-underliggande-mål", Severity.WARNING,
      "{model.Upper_or_root} har inga mål på nivån under.", scope="repo",
      explanation="{upperone.Indefinite} som {upperchild.no} {upperchild.lower} bidrar till "
      "styr ingenting.",
      good="# {upperchild.example} har bidrar_till: [{upperone.example}]",
      bad="# {upperchild.no} {upperchild.lower} pekar på {upperone.example}",
      incremental=Incremental(per_file=True, children=True))
def goals_without_subgoals(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    yield from _orphans(model, settings, "MS301", leaf_children=False)


@rule("MS302", "mål-utan-aktivitet", Severity.WARNING,
      "{acted.Indefinite} har {activity.no} {activity.lower} (beslutat men inte omsatt).",
      scope="repo", good="# {activity.example} har bidrar_till: [{acted.example}]",
      bad="# {activity.no} {activity.lower} pekar på {acted.example}",
      incremental=Incremental(per_file=True, children=True))
def goals_without_activities(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    yield from _orphans(model, settings, "MS302", leaf_children=True)


@rule("MS303", "mål-utan-indikator", Severity.WARNING,
      "{measured.Indefinite} saknar indikator och går inte att mäta.",
      good="- id: UBN-E1\n  indikatorer:\n    - id: UBN-E1-I1", bad="- id: UBN-E1\n  namn: …")
def goals_without_indicators(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    measured = {n.owner for n in fm.nodes if n.kind == INDICATOR}
    # chain.by_kind for the measurable levels, one dict for the loop over every node
    levels = {level.kind: level for level in settings.chain.levels}
    measurable = {kind: level for kind, level in levels.items() if level.measurable}
    for node in fm.nodes:
        level = measurable.get(node.kind)
        if level is None or node.id in measured:
            continue
        yield Finding("MS303", fm.file,
                      f"{level.name} `{node.id}` har ingen indikator och går inte att följa upp.",
                      "Lägg till minst en indikator under `indikatorer:` med baslinje och "
                      "målvärden, gärna ett Kolada-nyckeltal så att resultatet går att jämföra "
                      "med andra kommuner.", path=node.path, node=node.id)


@rule("MS304", "indikator-utan-målvärde", Severity.WARNING,
      "En indikator saknar målvärden.",
      good="målvärden:\n  - {år: 2027, värde: 75}", bad="# inga målvärden")
def indicators_without_targets(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    for node in fm.nodes:
        if node.kind != INDICATOR or node.attrs.get("målvärden"):
            continue
        yield Finding("MS304", fm.file,
                      f"Indikatorn `{node.id}` har inga målvärden, så det går inte att bedöma "
                      "om målet nås.",
                      "Lägg till `målvärden:` med ett värde per år i målets period, till "
                      "exempel:\n  målvärden:\n    - {år: 2027, värde: 75}",
                      path=node.path, node=node.id)
