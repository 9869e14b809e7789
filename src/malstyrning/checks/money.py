"""Money: each nämnd's frame matches the KF frame, and the frames add up.

The organisations and the list key are the steering model's (``ramar`` and ``ram``
among its parts): a region's regionstyrelse has a frame like a nämnd.
"""

from __future__ import annotations

from collections.abc import Iterator

from malstyrning.checks.base import Incremental, no_kinds, rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import FileModel, Frame, PlanModel
from malstyrning.text import tkr


def _words(settings: Settings) -> tuple[str, str, str, set[str]]:
    """(fullmäktige's genitive, the list key, "nämnden", the kinds that have a ram)."""
    organisation = settings.organisation
    top = organisation.top.genitive
    list_key = settings.parts["ramar"].list_key or "nämnder"
    framed = set(settings.parts["ram"].decided_by)
    names = [o.definite for o in organisation.levels if o.kind in framed] or ["nämnden"]
    return top, list_key, " eller ".join(names), framed


@rule("MS501", "ram-avviker", Severity.ERROR,
      "{framed.Indefinite_genitive} ram i dess plan skiljer sig från {top.genitive} ram.",
      scope="repo",
      good="# KF: UBN 650 000 tkr\nram: 650000", bad="# KF: UBN 650 000 tkr\nram: 655000",
      incremental=Incremental(kinds=no_kinds))
def frame_mismatch(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    # KF may decide frames for several years (one plan per year): a nämnd plan is
    # compared with the frame for the first year of its period, else any frame.
    frames: dict[tuple[str, int | None], Frame] = {}
    for kf in model.plans:
        for decided in kf.frames:
            frames.setdefault((decided.org, kf.frames_year), decided)
    if not frames:
        return
    top, list_key, definite, _framed = _words(settings)
    for plan in model.plans:
        if plan.ram is None:
            continue
        first_year = plan.period[0] if plan.period else None
        frame: Frame | None = frames.get((plan.org, first_year)) or next(
            (f for (org, _year), f in sorted(frames.items(), key=lambda kv: str(kv[0]))
             if org == plan.org), None)
        if frame is None:
            yield Finding("MS501", plan.file,
                          f"Planen anger ram {tkr(plan.ram)}, men {top} plan har "
                          f"ingen ram för `{plan.org}`.",
                          f"Lägg till {definite} under `ramar.{list_key}` i {top} plan.",
                          path=("ram",))
        elif frame.amount != plan.ram:
            diff = plan.ram - frame.amount
            yield Finding("MS501", plan.file,
                          f"Ramen {tkr(plan.ram)} skiljer sig från {top} ram "
                          f"{tkr(frame.amount)} ({'+' if diff > 0 else '−'}{tkr(abs(diff))}).",
                          f"Skriv `ram: {_plain(frame.amount)}` — planen ska utgå från "
                          "den beslutade ramen.", path=("ram",))


def _plain(amount: float) -> str:
    """An amount as a planner would type it: ``1234567`` or ``1234567.5``."""
    return str(int(amount)) if float(amount).is_integer() else repr(float(amount))


@rule("MS504", "ram-dubblerad", Severity.ERROR,
      "Samma {framed.lower} står två gånger under `ramar.{model.list_key}`.",
      good="nämnder:\n  - {organisation: UBN, belopp: 650000}\n"
      "  - {organisation: KFN, belopp: 38200}",
      bad="nämnder:\n  - {organisation: UBN, belopp: 650000}\n"
      "  - {organisation: UBN, belopp: 38200}")
def duplicate_frames(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    if fm.plan is None:
        return
    seen: set[str] = set()
    for frame in fm.plan.frames:
        if frame.org in seen:
            yield Finding("MS504", fm.file, f"`{frame.org}` har redan en ram i listan.",
                          "Rätta organisationen på den här raden, eller slå ihop beloppen.",
                          path=(*frame.path, "organisation"))
        seen.add(frame.org)


@rule("MS502", "ramar-summa", Severity.ERROR,
      "{framed.Definite_plural}s ramar summerar inte till totalen i {top.genitive} plan.",
      good="total: 1000\nnämnder:\n  - {organisation: A, belopp: 600}\n"
      "  - {organisation: B, belopp: 400}",
      bad="total: 1000\nnämnder:\n  - {organisation: A, belopp: 600}\n"
      "  - {organisation: B, belopp: 500}")
def frames_sum(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    plan = fm.plan
    if plan is None or plan.frames_total is None or not plan.frames:
        return
    total = sum(f.amount for f in plan.frames)
    if abs(total - plan.frames_total) > 0.005:
        diff = total - plan.frames_total
        _top, list_key, _definite, _framed = _words(settings)
        yield Finding("MS502", fm.file,
                      f"Ramarna under `ramar.{list_key}` summerar till {tkr(total)}, men "
                      f"totalen är {tkr(plan.frames_total)} (skillnad {tkr(diff)}).",
                      "Rätta något av beloppen eller totalen så att de stämmer.",
                      path=("ramar", "total"))


@rule("MS503", "nämnd-utan-ram", Severity.WARNING,
      "{framed.Indefinite} i registret har ingen ram i {top.genitive} plan.", scope="repo",
      good="ramar:\n  {model.list_key}:\n    - {organisation: UBN, belopp: 650000}",
      bad="# UBN finns i registret men saknas under ramar.{model.list_key}",
      incremental=Incremental(kinds=no_kinds))
def namnd_without_frame(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    kf_plans = [p for p in model.plans if p.frames]
    if not kf_plans:
        return
    kf = kf_plans[0]
    framed = {f.org for f in kf.frames}
    _top, list_key, _definite, kinds = _words(settings)
    for unit in sorted(model.units.values(), key=lambda u: u.id):
        if unit.level in kinds and unit.id not in framed:
            org = settings.organisation.by_kind(unit.level)
            what = org.definite if org is not None else "organisationen"
            yield Finding("MS503", kf.file, f"{unit.name} (`{unit.id}`) har ingen ram.",
                          f"Lägg till {what} under `ramar.{list_key}`, även om ramen är 0.",
                          path=("ramar", list_key), at_key=True)
