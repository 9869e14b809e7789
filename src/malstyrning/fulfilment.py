"""Goal fulfilment: a suggested status from indicator outcomes, by a configurable rule.

Pure functions of the model. The suggestion is shown beside the people's own
assessment, never instead of it; ``describe_rule`` says in Swedish how it came about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from malstyrning.config import Settings
from malstyrning.model import INDICATOR, Assessment, FollowUpDoc, Node, Outcome, PlanModel
from malstyrning.text import number
from malstyrning.words import genitive, listing, upper_first

MET, PARTLY, NOT_MET, NOT_ASSESSED = "uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"
STATUSES = (MET, PARTLY, NOT_MET, NOT_ASSESSED)
STEP = {MET: 0, PARTLY: 1, NOT_MET: 2}
SYMBOL = {MET: "✔", PARTLY: "◐", NOT_MET: "✘", NOT_ASSESSED: "–"}
IMPROVED, UNCHANGED, WORSENED = "förbättrad", "oförändrad", "försämrad"


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator in one follow-up: target, outcome, status and trend."""

    indicator: Node
    year: int | None
    target: float | None
    outcome: Outcome | None
    previous: float | None
    status: str
    trend: str
    progress: float | None
    calculation: Calculation | None = None


def target_for(indicator: Node, year: int | None) -> float | None:
    """The target value for exactly ``year``, or None when the plan sets none."""
    if not indicator.facts or year is None:
        return None
    targets = indicator.facts[3]
    exact = [v for y, v in targets if y == year]
    if exact:
        return float(exact[0])
    return None


def indicator_status(indicator: Node, outcome: float | None, target: float | None,
                     partial_from: float) -> tuple[str, float | None]:
    """(status, progress) for one value; progress is the share of the way from baseline."""
    if outcome is None or target is None:
        return NOT_ASSESSED, None
    direction, _base_year, baseline = indicator.facts[0], indicator.facts[1], indicator.facts[2]
    lower = direction == "lägre"
    if (outcome <= target) if lower else (outcome >= target):
        return MET, 1.0
    # the baseline only measures progress when it starts on the far side of the target
    if baseline is not None and ((baseline > target) if lower else (baseline < target)):
        progress = (outcome - baseline) / (target - baseline)
    elif outcome != 0 and target != 0:
        progress = (target / outcome) if lower else (outcome / target)
    else:
        progress = 0.0
    return (PARTLY if progress >= partial_from else NOT_MET), progress


SHARE, GROWTH = "andel", "tillväxttakt"
PROGRESS_RULES = (SHARE, GROWTH)
# Open SDG / Statistics Canada: the observed rate over the needed rate (with a target),
# or the observed rate itself in the better direction (without one).
ON_TRACK, ACCELERATE = 0.95, 0.6
NO_TARGET_ON_TRACK, NO_TARGET_ACCELERATE = 0.015, 0.005


@dataclass(frozen=True, slots=True)
class Calculation:
    """How one indicator's status came about, with every value used, so that a reader
    or an auditor can redo it. ``text`` says it in Swedish."""

    rule: str
    status: str
    progress: float | None
    text: str
    base_year: int | None = None
    base_value: float | None = None
    year: int | None = None
    value: float | None = None
    target_year: int | None = None
    target: float | None = None
    observed_rate: float | None = None
    needed_rate: float | None = None


def progress_rule(indicator: Node, settings: Settings) -> str:
    """The indicator's own ``beräkning``, else the kommun's (``måluppfyllelse.beräkning``)."""
    own = indicator.facts[5] if len(indicator.facts) > 5 else ""
    return own if own in PROGRESS_RULES else (
        settings.progress_rule if settings.progress_rule in PROGRESS_RULES else SHARE)


def _pct(value: float, decimals: int = 1) -> str:
    return f"{number(round(value * 100, decimals), decimals)} %"


def _better(direction: str, value: float, target: float) -> bool:
    return value <= target if direction == "lägre" else value >= target


def share_calculation(indicator: Node, year: int | None, value: float | None,
                      target: float | None, partial_from: float) -> Calculation:
    """The default rule, share of the way from the baseline to the year's target."""
    status, progress = indicator_status(indicator, value, target, partial_from)
    direction, base_year, baseline = indicator.facts[0], indicator.facts[1], indicator.facts[2]
    facts = {"base_year": base_year, "base_value": baseline, "year": year, "value": value,
             "target_year": year, "target": target}
    if value is None or target is None:
        what = "utfall" if value is None else f"målvärde för {year}"
        return Calculation(SHARE, status, None, f"Inget {what}. Status: ej bedömt.", **facts)
    if status == MET:
        text = (f"Utfallet {number(value)} når målvärdet {number(target)} för {year}. "
                "Status: uppfyllt.")
    elif baseline is not None and ((baseline > target) if direction == "lägre"
                                   else (baseline < target)):
        text = (f"Andel av vägen från baslinjen: ({number(value)} − {number(baseline)}) / "
                f"({number(target)} − {number(baseline)}) = {_pct(progress or 0.0, 0)}; "
                f"delvis uppfyllt från {_pct(partial_from, 0)}. Status: {status}.")
    else:
        formula = (f"{number(target)} / {number(value)}" if direction == "lägre"
                   else f"{number(value)} / {number(target)}")
        text = (f"Ingen baslinje att räkna från: {formula} = {_pct(progress or 0.0, 0)} av "
                f"målvärdet; delvis uppfyllt från {_pct(partial_from, 0)}. Status: {status}.")
    return Calculation(SHARE, status, progress, text, **facts)


def growth_calculation(indicator: Node, year: int | None,
                       value: float | None) -> Calculation:
    """Open SDG's rule (Statistics Canada): the compound annual growth rate since the
    baseline, compared with the rate needed to reach the plan's last target in time
    (ratio ≥ 0,95 uppfylld, ≥ 0,6 delvis, else ej), or, without a target, with fixed
    rates of 1,5 % and 0,5 % a year in the better direction."""
    direction, base_year, baseline, targets = indicator.facts[:4]
    sign = -1.0 if direction == "lägre" else 1.0
    final = targets[-1] if targets else None
    facts = {"base_year": base_year, "base_value": baseline, "year": year, "value": value,
             "target_year": final[0] if final else None,
             "target": float(final[1]) if final else None}

    def unassessed(why: str) -> Calculation:
        return Calculation(GROWTH, NOT_ASSESSED, None, f"{why}. Status: ej bedömt.", **facts)

    if value is None or year is None:
        return unassessed("Inget utfall")
    if baseline is None or base_year is None:
        return unassessed("Ingen baslinje att räkna tillväxttakten från")
    if year <= base_year:
        return unassessed(f"Utfallet gäller {year}, inte ett år efter baslinjen {base_year}")
    if baseline <= 0 or value <= 0 or (final is not None and final[1] <= 0):
        return unassessed("Tillväxttakten kan bara räknas för värden över 0")
    observed = (value / baseline) ** (1 / (year - base_year)) - 1
    start = (f"Årlig förändring sedan baslinjen: ({number(value)} / {number(baseline)})"
             f"^(1/{year - base_year}) − 1 = {_pct(observed, 2)}")
    if final is None:
        rate = sign * observed
        status = (MET if rate >= NO_TARGET_ON_TRACK else PARTLY
                  if rate >= NO_TARGET_ACCELERATE else NOT_MET)
        text = (f"{start} i den riktning som är bättre: {_pct(rate, 2)}. Utan målvärde "
                f"jämförs den med {_pct(NO_TARGET_ON_TRACK)} (uppfyllt) och "
                f"{_pct(NO_TARGET_ACCELERATE)} (delvis uppfyllt) per år. Status: {status}.")
        return Calculation(GROWTH, status, rate, text, observed_rate=observed, **facts)
    target_year, target = final[0], float(final[1])
    if _better(direction, value, target):
        return Calculation(GROWTH, MET, 1.0,
                           f"Utfallet {number(value)} når redan målvärdet {number(target)} "
                           f"för {target_year}. Status: uppfyllt.", observed_rate=observed, **facts)
    if target_year <= base_year:
        return unassessed(f"Målvärdet gäller {target_year}, inte ett år efter baslinjen")
    needed = (target / baseline) ** (1 / (target_year - base_year)) - 1
    needed_text = (f"Takt som behövs för att nå {number(target)} år {target_year}: "
                   f"({number(target)} / {number(baseline)})^(1/{target_year - base_year}) "
                   f"− 1 = {_pct(needed, 2)}")
    if needed == 0:
        return Calculation(GROWTH, NOT_MET, None, f"{start}. {needed_text}; utfallet når "
                           "inte målvärdet. Status: ej uppfyllt.", observed_rate=observed,
                           needed_rate=needed, **facts)
    ratio = sign * observed / abs(needed)
    status = MET if ratio >= ON_TRACK else PARTLY if ratio >= ACCELERATE else NOT_MET
    text = (f"{start}. {needed_text}. Kvot{' (riktning lägre)' if sign < 0 else ''}: "
            f"{number(round(ratio, 2), 2)}; minst {number(ON_TRACK)} ger uppfyllt, minst "
            f"{number(ACCELERATE)} delvis uppfyllt. Status: {status}.")
    return Calculation(GROWTH, status, ratio, text, observed_rate=observed,
                       needed_rate=needed, **facts)


def calculate(indicator: Node, year: int | None, value: float | None,
              settings: Settings) -> Calculation:
    """The indicator's status for ``value`` by its progress rule, with the calculation."""
    if progress_rule(indicator, settings) == GROWTH:
        return growth_calculation(indicator, year, value)
    return share_calculation(indicator, year, value, target_for(indicator, year),
                             settings.partial_from)


def trend(indicator: Node, current: float | None, previous: float | None) -> str:
    """Better, unchanged or worse than the previous outcome, given the direction."""
    if current is None or previous is None:
        return ""
    if abs(current - previous) <= 1e-9 * max(1.0, abs(previous)):
        return UNCHANGED
    better = current < previous if indicator.facts and indicator.facts[0] == "lägre" \
        else current > previous
    return IMPROVED if better else WORSENED


def series(model: PlanModel, indicator: Node, settings: Settings) -> list[tuple[int, float]]:
    """Baseline and outcomes by year (the latest follow-up period of a year wins)."""
    points: dict[int, float] = {}
    if indicator.facts and indicator.facts[1] is not None and indicator.facts[2] is not None:
        points[indicator.facts[1]] = indicator.facts[2]
    points.update(_outcomes_by_indicator(model, settings).get(indicator.id, {}))
    return sorted(points.items())


def _outcomes_by_indicator(model: PlanModel,
                           settings: Settings) -> dict[str, dict[int, float]]:
    """indicator id → year → value over all follow-ups, later periods winning; built once
    per model (and period order) instead of once per indicator."""
    order = {p.code: i for i, p in enumerate(settings.followup_periods)}
    # A (shallow) copy of the model with fewer follow-ups shares this memo, so the
    # entry remembers which list of follow-ups it was built from.
    memo: dict[tuple[str, ...], tuple[list[FollowUpDoc], dict[str, dict[int, float]]]] = (
        model.__dict__.setdefault("_outcomes_by_indicator", {}))
    key = tuple(order)
    cached = memo.get(key)
    if cached is not None and cached[0] is model.followups:
        return cached[1]
    index: dict[str, dict[int, float]] = {}
    for followup in sorted(model.followups,
                           key=lambda f: (f.year or 0, order.get(f.code, 99), f.file)):
        for outcome in followup.outcomes:
            if outcome.year is not None and outcome.value is not None:
                index.setdefault(outcome.indicator, {})[outcome.year] = outcome.value
    memo[key] = (model.followups, index)
    return index


def indicator_results(model: PlanModel, followup: FollowUpDoc,
                      settings: Settings) -> dict[str, IndicatorResult]:
    """Every indicator of the follow-up's organisation, with its computed status."""
    out: dict[str, IndicatorResult] = {}
    outcomes = {o.indicator: o for o in followup.outcomes}
    for node in _indicators_of(model, followup.org):
        outcome = outcomes.get(node.id)
        year = outcome.year if outcome and outcome.year else followup.year
        target = target_for(node, year)
        value = outcome.value if outcome else None
        calculation = calculate(node, year, value, settings)
        earlier = [v for y, v in series(model, node, settings)
                   if year is not None and y < year]
        previous = earlier[-1] if earlier else None
        out[node.id] = IndicatorResult(node, year, target, outcome, previous,
                                       calculation.status, trend(node, value, previous),
                                       calculation.progress, calculation)
    return out


def _indicators_of(model: PlanModel, org: str) -> list[Node]:
    """The indicators an organisation's plans set, indexed once per model."""
    by_org: dict[str, list[Node]] = model.__dict__.setdefault("_indicators_by_org", {})
    if not by_org:
        by_org[""] = []  # marks the index as built, also for a model without indicators
        for node in model.nodes:
            if node.kind == INDICATOR:
                by_org.setdefault(node.org, []).append(node)
    return by_org.get(org, []) if org else []


def combine(statuses: Sequence[tuple[str, float]], rule: str) -> str:
    """Roll (status, weight) pairs up into one status by the rule alla/majoritet/viktad."""
    judged = [(s, w) for s, w in statuses if s in STEP]
    if not judged:
        return NOT_ASSESSED
    if rule == "alla":
        if all(s == MET for s, _ in judged):
            return MET
        return NOT_MET if all(s == NOT_MET for s, _ in judged) else PARTLY
    if rule == "viktad":
        total = sum(w for _, w in judged)
        score = sum({MET: 1.0, PARTLY: 0.5, NOT_MET: 0.0}[s] * w for s, w in judged) / total
        return MET if score >= 2 / 3 else PARTLY if score >= 1 / 3 else NOT_MET
    half = len(judged) / 2
    met = sum(1 for s, _ in judged if s == MET)
    not_met = sum(1 for s, _ in judged if s == NOT_MET)
    return MET if met > half else NOT_MET if not_met > half else PARTLY


def goal_suggestion(model: PlanModel, goal_id: str,
                    results: dict[str, IndicatorResult], rule: str) -> str:
    """The suggested status of a measured goal from its indicators' statuses."""
    pairs = [(results[i.id].status, float(i.facts[4]) if i.facts else 1.0)
             for i in model.indicators.get(goal_id, []) if i.id in results]
    return combine(pairs, rule)


def rollup(statuses: Iterable[str], rule: str) -> str:
    """A higher goal's status from the statuses of all goals that contribute to it."""
    return combine([(s, 1.0) for s in statuses], rule)


def assessment_distance(assessed: str, suggested: str) -> int:
    """How many steps apart two statuses are (0 when either is ej bedömt)."""
    if assessed not in STEP or suggested not in STEP:
        return 0
    return abs(STEP[assessed] - STEP[suggested])


def describe_rule(settings: Settings) -> str:
    """The rule in Swedish, for the report's reader, in the steering model's words."""
    chain, organisation = settings.chain, settings.organisation
    measured = list(chain.measurable_levels or chain.goal_levels)
    goals = upper_first(listing([lv.indefinite for lv in measured]) or "ett mål")
    share = number(settings.partial_from * 100)
    rule = {
        "alla": f"{goals} föreslås som uppfyllt när alla dess indikatorer är uppfyllda, "
                "ej uppfyllt när alla är ej uppfyllda och annars delvis uppfyllt.",
        "majoritet": f"{goals} föreslås som uppfyllt när mer än hälften av dess "
                     "indikatorer är uppfyllda, ej uppfyllt när mer än hälften inte är det och "
                     "annars delvis uppfyllt.",
        "viktad": f"{goals} får ett viktat medelvärde av indikatorerna (uppfyllt = 1, "
                  "delvis = ½, ej uppfyllt = 0, vägt med indikatorernas vikt): minst ⅔ ger "
                  "uppfyllt, minst ⅓ delvis uppfyllt, annars ej uppfyllt.",
    }.get(settings.goal_rule, "")
    owners = [o for o in (organisation.by_kind(k)
                          for k in dict.fromkeys(k for lv in measured for k in lv.decided_by))
              if o is not None]
    upper = [lv for lv in chain.goal_levels if not lv.measurable]
    rollup_text = ""
    if upper:
        whose = listing([genitive(o.lower_plural) for o in owners])
        rollup_text = (f" {upper_first(listing([lv.indefinite for lv in upper]))} bedöms på "
                       f"samma sätt utifrån alla {whose + ' ' if whose else ''}"
                       f"{listing([lv.lower_plural for lv in measured])} som bidrar till "
                       f"{upper[0].pronoun}.")
    if len(owners) == 1:
        by = f"som {owners[0].definite} har gjort; det är {owners[0].genitive} bedömning"
    else:
        by = "som den ansvariga organisationen har gjort; det är dess bedömning"
    if settings.progress_rule == GROWTH:
        indicator = (
            "En indikator bedöms med Open SDG:s metod (från Statistics Canada): den "
            "genomsnittliga årliga förändringen sedan baslinjen jämförs med den takt som "
            "behövs för att nå planens sista målvärde i tid. Når utfallet redan målvärdet, "
            f"eller är kvoten mellan takterna minst {number(ON_TRACK)}, är den uppfylld; "
            f"minst {number(ACCELERATE)} ger delvis uppfylld, annars ej uppfylld. Utan "
            "målvärde jämförs förändringen med "
            f"{number(NO_TARGET_ON_TRACK * 100)} % och {number(NO_TARGET_ACCELERATE * 100)} % "
            "per år i den riktning som är bättre. Saknas utfall eller baslinje är den ej "
            "bedömd. Beräkningen står vid varje indikator.")
    else:
        indicator = (
            "En indikator är uppfylld när utfallet når målvärdet för året (i den riktning "
            f"som är bättre). Har utfallet gått minst {share} % av vägen från baslinjen till "
            f"målvärdet är den delvis uppfylld (saknas baslinje: minst {share} % av "
            "målvärdet), annars ej uppfylld. Saknas utfall eller målvärde är den ej bedömd.")
    return (
        f"{indicator} {rule} Indikatorer som inte kan bedömas räknas inte.{rollup_text} "
        f"Förslaget visas bredvid den bedömning {by} som gäller."
    )


def latest_assessment(followup: FollowUpDoc, goal_id: str) -> Assessment | None:
    return next((a for a in followup.assessments if a.goal == goal_id), None)
