"""Economy in follow-ups: budget against the frame, prognos, deviations and sums.

The organisations with a frame are the steering model's (``ram`` among its parts); the
top of the organisation (fullmäktige) holds the frames and the finansiella mål.
Amounts are net costs in tkr; the deviation is the budget minus the prognos (minus the
outcome at year end), so a positive deviation is a surplus.
"""

from __future__ import annotations

from collections.abc import Iterator

from malstyrning.checks.base import Incremental, fixed_kinds, no_kinds, rule
from malstyrning.config import FollowUpPeriod, Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import (
    FINANCIAL_GOAL,
    INDICATOR,
    FileModel,
    FollowUpDoc,
    PlanModel,
    frames_for,
)
from malstyrning.text import number, tkr
from malstyrning.words import upper_first

# Amounts are compared to the öre: frames are written in tkr with at most 3 decimals.
TOLERANCE = 0.0005


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > TOLERANCE


def _plain(amount: float) -> str:
    """An amount as a controller would type it: ``548900`` or ``548900.5``."""
    return str(int(amount)) if float(amount).is_integer() else repr(float(amount))


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + tkr(value)


def top_org(model: PlanModel, settings: Settings) -> str:
    """The id of the top of the organisation: its unit in the register, else the org
    of the plan that decides the frames."""
    top = settings.organisation.top.kind
    unit = next((u.id for u in sorted(model.units.values(), key=lambda u: u.id)
                 if u.level == top), "")
    if unit:
        return unit
    return next((p.org for p in model.plans if p.frames), "")


def _period(settings: Settings, followup: FollowUpDoc) -> FollowUpPeriod | None:
    return settings.followup_period(followup.code)


@rule("MS810", "avvikelse-utan-förklaring", Severity.WARNING,
      "Avvikelsen mot budget är större än gränsen i malstyrning.yaml, och ingen förklaring "
      "står under `kommentar`.",
      explanation="Gränsen är standard 1 % av budgeten och ändras under `ekonomi` i "
      "malstyrning.yaml (`förklaring_från_procent`, `förklaring_från_tkr`). Avvikelsen är "
      "budgeten minus prognosen för helåret (i årsredovisningen minus utfallet).",
      good="ekonomi:\n  budget: {ram: 548900}\n  utfall: 371000\n  prognos: 556400\n"
      "  kommentar: Fler barn i förskolan än budgeterat.",
      bad="ekonomi:\n  budget: {ram: 548900}\n  utfall: 371000\n  prognos: 556400")
def unexplained_deviation(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    followup = fm.followup
    if followup is None or followup.economy is None:
        return
    economy = followup.economy
    period = _period(settings, followup)
    forecast = bool(period and period.forecast)
    deviation = economy.deviation(forecast)
    share = economy.deviation_percent(forecast)
    if deviation is None or economy.comment:
        return
    limits = settings.economy
    over_share = share is not None and abs(share) > limits.explain_percent
    over_tkr = limits.explain_tkr is not None and abs(deviation) > limits.explain_tkr
    if not (over_share or over_tkr):
        return
    limit = (f"{number(limits.explain_percent)} % av budgeten" if over_share
             else tkr(limits.explain_tkr or 0))
    against = "prognosen" if forecast else "utfallet"
    shown = f" ({number(share, 1)} %)" if share is not None else ""
    yield Finding("MS810", fm.file,
                  f"Avvikelsen {_signed(deviation)}{shown} mellan budget och {against} är "
                  f"större än {limit}, men förklaras inte.",
                  "Skriv under `ekonomi.kommentar` vad avvikelsen beror på och vad som görs "
                  "åt den.", path=(*economy.path, "prognos" if forecast else "utfall"))


@rule("MS811", "prognos-saknas", Severity.ERROR,
      "Ekonomin i en period med prognos (tertial- eller delårsrapport) saknar prognos för "
      "helåret.",
      explanation="Delårsrapporten ska innehålla en prognos för årets utfall (LKBR 13 kap.); "
      "vilka perioder som har prognos står under `uppföljningsperioder`.",
      good="# 2027-delår\nekonomi:\n  budget: {ram: 548900}\n  utfall: 371000\n"
      "  prognos: 549900",
      bad="# 2027-delår\nekonomi:\n  budget: {ram: 548900}\n  utfall: 371000")
def missing_forecast(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    followup = fm.followup
    if followup is None or followup.economy is None:
        return
    period = _period(settings, followup)
    if period is None or not period.forecast or followup.economy.forecast is not None:
        return
    yield Finding("MS811", fm.file,
                  f"{period.name} {followup.year or ''} ska ha en prognos för helåret, men "
                  "`ekonomi` saknar `prognos`.".replace("  ", " "),
                  "Lägg till `prognos:` med det väntade utfallet för hela året i tkr.",
                  path=followup.economy.path, at_key=True)


@rule("MS812", "budget-avviker", Severity.ERROR,
      "Budgeten i uppföljningen stämmer inte med {top.genitive} ram plus de beslutade "
      "förändringarna.", scope="repo",
      explanation="`budget.ram` ska vara ramen i {top.genitive} plan för året (för "
      "{top.lower} själv: totalen under `ramar`), och `budget.summa` ramen plus "
      "`förändringar`.",
      good="budget:\n  ram: 548900\n  förändringar:\n    - {belopp: 2500, beslut: KF § 41}\n"
      "  summa: 551400",
      bad="budget:\n  ram: 548900\n  förändringar:\n    - {belopp: 2500, beslut: KF § 41}\n"
      "  summa: 550000",
      incremental=Incremental(kinds=no_kinds))
def budget_mismatch(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    top = top_org(model, settings)
    top_genitive = settings.organisation.top.genitive
    for followup in model.followups:
        economy = followup.economy
        if economy is None:
            continue
        if economy.frame is not None:
            frames, total, plan_file = frames_for(model, followup.year)
            decided = total if followup.org == top else (
                frames[followup.org].amount if followup.org in frames else None)
            if plan_file and decided is None:
                yield Finding("MS812", followup.file,
                              f"{upper_first(top_genitive)} plan har ingen ram för "
                              f"`{followup.org}`.",
                              "Kontrollera organisationen, eller lägg till ramen i planen.",
                              path=(*economy.path, "budget", "ram"))
            elif decided is not None and _differs(economy.frame, decided):
                yield Finding("MS812", followup.file,
                              f"Ramen {tkr(economy.frame)} skiljer sig från {top_genitive} "
                              f"ram {tkr(decided)} ({_signed(economy.frame - decided)}).",
                              f"Skriv `ram: {_plain(decided)}` och lägg ändringar som "
                              "beslutats under året under `förändringar` med sina beslut.",
                              path=(*economy.path, "budget", "ram"))
        budget = economy.budget
        if economy.total is not None and budget is not None and economy.frame is not None \
                and _differs(economy.total, budget):
            yield Finding("MS812", followup.file,
                          f"Budgeten {tkr(economy.total)} är inte ramen plus förändringarna "
                          f"({tkr(budget)}, skillnad {_signed(economy.total - budget)}).",
                          "Rätta `summa`, eller lägg till den förändring som saknas med sitt "
                          "beslut.", path=(*economy.path, "budget", "summa"))


@rule("MS813", "ekonomi-summa", Severity.ERROR,
      "{top.Genitive} ekonomi i uppföljningen är inte summan av {framed.definite_plural}s.",
      scope="repo",
      explanation="När {top.lower} redovisar ekonomin för hela kommunen ska budget, utfall "
      "och prognos vara summan av det som {framed.plural} med ram redovisar för samma period; "
      "varje {framed.lower} med ram behöver då redovisa sin ekonomi.",
      good="# KF: utfall 900 = UBN 600 + VON 300", bad="# KF: utfall 950, UBN 600 + VON 300",
      incremental=Incremental(kinds=no_kinds))
def economy_sums(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    top = top_org(model, settings)
    if not top:
        return
    for summary in model.followups:
        if summary.org != top or summary.economy is None:
            continue
        frames, _total, _file = frames_for(model, summary.year)
        units = {f.org: f for f in model.followups
                 if (f.year, f.code) == (summary.year, summary.code) and f.org != top}
        parts = []
        for org in sorted(frames):
            unit = units.get(org)
            if unit is None or unit.economy is None:
                yield Finding("MS813", summary.file,
                              f"{model.unit_name(org)} (`{org}`) har en ram men redovisar "
                              f"ingen ekonomi i {summary.period}, så summan kan inte "
                              "kontrolleras.",
                              f"Lägg till `ekonomi:` i uppföljningen för `{org}`.",
                              path=summary.economy.path, at_key=True, node="")
                continue
            parts.append(unit.economy)
        if len(parts) != len(frames) or not parts:
            continue
        economy = summary.economy
        figures = (("budget", economy.budget, [p.budget for p in parts]),
                   ("utfall", economy.outcome, [p.outcome for p in parts]),
                   ("prognos", economy.forecast, [p.forecast for p in parts]))
        for key, value, values in figures:
            word = key
            if value is None or any(v is None for v in values):
                continue
            total = sum(v for v in values if v is not None)
            if _differs(value, total):
                path = (*economy.path, "budget", "summa" if economy.total is not None
                        else "ram") if key == "budget" else (*economy.path, key)
                yield Finding("MS813", summary.file,
                              f"{upper_first(word)} {tkr(value)} är inte summan av "
                              f"de {len(parts)} organisationernas {word} {tkr(total)} "
                              f"(skillnad {_signed(value - total)}).",
                              "Rätta beloppet, eller den organisation vars belopp är fel.",
                              path=path)


@rule("MS814", "finansiellt-mål-utan-utfall", Severity.WARNING,
      "Ett finansiellt mål saknar utfall i {top.genitive} årsredovisning.", scope="repo",
      explanation="Årsredovisningen ska visa hur de finansiella målen för god ekonomisk "
      "hushållning har uppfyllts (KL 11 kap.). Utfallet anges för målets indikator under "
      "`utfall:`, med ett värde; `saknas:` räcker inte i årsredovisningen.",
      good="utfall:\n  - indikator: F1-I1\n    år: 2027\n    värde: 2.3",
      bad="# 2027-helår utan utfall för F1-I1", names=(FINANCIAL_GOAL,),
      incremental=Incremental(followups=True,
                              kinds=fixed_kinds(FINANCIAL_GOAL, INDICATOR)))
def financial_goal_without_outcome(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    top = top_org(model, settings)
    goals = [n for n in model.nodes if n.kind == FINANCIAL_GOAL]
    if not top or not goals:
        return
    for followup in model.followups:
        period = _period(settings, followup)
        if followup.org != top or period is None or not period.is_year_end:
            continue
        reported = {o.indicator for o in followup.outcomes if o.value is not None}
        for goal in goals:
            span = model.plan_period_of(goal.file)
            if followup.year is not None and span and not span[0] <= followup.year <= span[1]:
                continue
            indicators = model.indicators.get(goal.id, [])
            # a goal without an indicator cannot be given an outcome (not measurable)
            if not indicators or any(i.id in reported for i in indicators):
                continue
            hint = (f"Lägg till under `utfall:`\n  - indikator: {indicators[0].id}\n"
                    f"    år: {followup.year}\n    värde: …")
            yield Finding("MS814", followup.file,
                          f"Det finansiella målet `{goal.id}` ({goal.name}) saknar utfall i "
                          f"{followup.period}.", hint,
                          path=("utfall",) if followup.outcomes else (),
                          at_key=bool(followup.outcomes), node=goal.id)
