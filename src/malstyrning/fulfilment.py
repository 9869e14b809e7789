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
        status, progress = indicator_status(node, value, target, settings.partial_from)
        earlier = [v for y, v in series(model, node, settings)
                   if year is not None and y < year]
        previous = earlier[-1] if earlier else None
        out[node.id] = IndicatorResult(node, year, target, outcome, previous, status,
                                       trend(node, value, previous), progress)
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
    return (
        "En indikator är uppfylld när utfallet når målvärdet för året (i den riktning som är "
        f"bättre). Har utfallet gått minst {share} % av vägen från baslinjen till målvärdet "
        "är den delvis uppfylld (saknas baslinje: minst "
        f"{share} % av målvärdet), annars ej uppfylld. Saknas utfall eller målvärde är den ej "
        f"bedömd. {rule} Indikatorer som inte kan bedömas räknas inte.{rollup_text} "
        f"Förslaget visas bredvid den bedömning {by} som gäller."
    )


def latest_assessment(followup: FollowUpDoc, goal_id: str) -> Assessment | None:
    return next((a for a in followup.assessments if a.goal == goal_id), None)
