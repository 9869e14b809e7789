"""Each plan holds what its level decides, and every goal below the root is linked up."""

from __future__ import annotations

from collections.abc import Iterator

from malstyrning.checks.base import rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import FileModel


@rule("MS201", "innehåll-på-fel-nivå", Severity.ERROR,
      "Planen innehåller något som en annan nivå beslutar om.",
      explanation="Styrmodellen säger vilken nivå som beslutar vad: {model.decides}.",
      good="nivå: {leaforg.kind}\n{leaf.key}:\n  - id: {leaf.example}",
      bad="nivå: {leaforg.kind}\n{limited.key}:\n  - id: E9")
def content_at_wrong_level(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    plan = fm.plan
    if plan is None or plan.level not in settings.organisation.kinds:
        return  # a missing or misspelt nivå is the schema's finding
    for section in plan.sections:
        level = settings.chain.by_key(section)
        if level is not None:
            allowed, label = level.org_levels, level.plural
            pronoun = "den" if level.is_root else "dem"
        else:
            allowed, label = settings.parts[section].org_levels, f"`{section}`"
            pronoun = "dem"
        if allowed and plan.level not in allowed:
            where = ", ".join(allowed)
            yield Finding("MS201", fm.file,
                          f"{label} hör inte hemma i en plan på nivån {plan.level}.",
                          f"{label} beslutas på nivån {where}. Flytta {pronoun} till den "
                          "planen, eller rätta `nivå:` om den är fel.", path=(section,),
                          at_key=True)


@rule("MS202", "saknar-koppling", Severity.ERROR,
      "Ett mål eller {activity.indefinite} bidrar inte till något på nivån ovanför.",
      explanation="{model.links} — annars bryts kedjan.",
      good="- id: {leaf.example}\n  bidrar_till: [{leafparent.example}]",
      bad="- id: {leaf.example}\n  bidrar_till: []")
def missing_link(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    chain = settings.chain
    # chain.by_kind for the levels that link up, one dict for the loop over every node
    levels = {level.kind: level for level in chain.levels}
    linked = {kind: level for kind, level in levels.items() if level.parents}
    for node in fm.nodes:
        if node.parents:
            continue
        level = linked.get(node.kind)
        if level is None:
            continue
        targets = " eller ".join(chain.several_of(k) for k in level.parents)
        has_key = "bidrar_till" in node.attrs
        yield Finding("MS202", fm.file,
                      f"{level.name} `{node.id}` bidrar inte till något.",
                      f"Ange vad {level.pronoun} bidrar till (id för {targets}), till exempel:\n"
                      f"  bidrar_till: [ID]",
                      path=(*node.path, "bidrar_till") if has_key else node.path,
                      node=node.id)
