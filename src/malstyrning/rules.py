"""The rule registry: every check's code, default severity and documentation.

A rule is declared next to the check that yields it (``checks/*.py``) and shows up
in ``malstyrning rules``, in the README table and in the JSON output. Importing
:mod:`malstyrning.checks` fills the registry; ``checks.all_rules()`` lists it.

Rule texts name no level: they say ``{measured.indefinite}`` or ``{top.genitive}`` and
:meth:`Rule.worded` fills in a steering model's own words (see :func:`rule_words`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from malstyrning.findings import Severity
from malstyrning.words import Group, Noun, fill, listing, upper_first

if TYPE_CHECKING:
    from malstyrning.config import Level, OrgLevel, SteeringModel

# scope: "fil" = depends on one file only (cached per file), "repo" = cross-file.
SCOPES = ("inläsning", "schema", "fil", "repo")


@dataclass(frozen=True)
class Rule:
    """One rule: stable code, default severity, and a passing and a failing example."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str = ""
    good: str = ""
    bad: str = ""
    scope: str = "fil"
    check: Callable[..., Iterator[Any]] | None = field(default=None, compare=False)

    def worded(self, model: SteeringModel | None = None) -> Rule:
        """The rule with its texts in ``model``'s words (the default model if None)."""
        groups = rule_words(model)
        return replace(self, summary=fill(self.summary, groups),
                       explanation=fill(self.explanation, groups),
                       good=fill(self.good, groups), bad=fill(self.bad, groups))


REGISTRY: dict[str, Rule] = {}  # filled as the rule modules are imported: use registry()


def registry() -> dict[str, Rule]:
    """Every rule by code (importing the rule modules first if no one has yet)."""
    from malstyrning.checks import load

    load()
    return REGISTRY


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise RuntimeError(f"rule {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


def markdown_table(rules: list[Rule]) -> str:
    """The rule table of the README (a test keeps the two in agreement)."""
    lines = ["| kod | namn | allvarlighet | gäller | beskrivning |",
             "|---|---|---|---|---|"]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| {r.code} | {r.name} | {r.severity.swedish} | {r.scope} | {summary} |")
    return "\n".join(lines)


def _levels(levels: list[Level], fallback: Noun) -> Group:
    if not levels:
        return Group([fallback], examples=["ID"])
    return Group([lv.noun for lv in levels], [lv.key for lv in levels],
                 [lv.example_id or lv.kind[:1].upper() + "1" for lv in levels],
                 [lv.kind for lv in levels])


def _orgs(levels: list[OrgLevel] | tuple[OrgLevel, ...]) -> Group:
    return Group([lv.noun for lv in levels], kinds=[lv.kind for lv in levels])


def rule_words(model: SteeringModel | None = None) -> dict[str, Group]:
    """The placeholders rule texts may use, in ``model``'s words.

    Level groups: ``root``, ``goal`` (goal levels), ``measured`` (measurable levels),
    ``activity``, ``limited`` (levels with a limit per organisation), ``upper`` (goals
    with goals below, else the root), ``upperone`` (the first of them),
    ``upperchild`` (the first level below it), ``acted`` (goals with activities below),
    ``leaf``, ``leafparent``, ``leafgrand``. Organisation groups: ``top``, ``second``,
    ``third``, ``framed`` (those with a ram), ``leaforg``, ``limitorg``. ``model``
    holds sentences: ``decides``, ``links``, ``org_order``, ``list_key``, ``upper_or_root``,
    ``limit_alias``.
    """
    from malstyrning.config import _default_model, defaults

    model = model or _default_model()
    chain, org = model.chain, model.organisation
    goal_fallback = Noun.make("Mål", "Mål", "neutrum")
    action_fallback = Noun.make("Insats", "Insatser", "utrum")
    leaf = chain.leaf
    leaf_kinds = {lv.kind for lv in chain.activity_levels} or {leaf.kind}

    def levels_of(kinds: tuple[str, ...]) -> list[Level]:
        return [lv for lv in (chain.by_kind(k) for k in kinds) if lv is not None]

    upper = [lv for lv in chain.levels if not lv.is_root and chain.children_of(lv.kind)
             and not any(c.kind in leaf_kinds for c in chain.children_of(lv.kind))]
    acted = [lv for lv in chain.levels
             if any(c.kind in leaf_kinds for c in chain.children_of(lv.kind))]
    leafparent = levels_of(leaf.parents)
    leafgrand = levels_of(leafparent[0].parents) if leafparent else []
    ranks = sorted({lv.rank for lv in org.levels})

    def at(i: int) -> tuple[OrgLevel, ...]:
        return org.at_rank(ranks[min(i, len(ranks) - 1)])

    framed = [lv for lv in (org.by_kind(k) for k in model.parts["ram"].decided_by)
              if lv is not None]
    limited = [lv for lv in chain.levels if lv.max_per_org is not None]

    def orgs_of(level: Level | None) -> list[OrgLevel]:
        if level is None:
            return []
        return [o for o in (org.by_kind(k) for k in level.decided_by) if o is not None]

    decides = [f"{listing([o.definite_plural for o in owners], 'och')} "
               + ("beslutar " if i == 0 else "") + listing(list(holds), "och")
               for i, (holds, owners) in enumerate(model.plan_contents(with_parts=False))]
    links = []
    for lv in reversed(chain.levels[1:]):
        parents = [p.definite if p.is_root else p.indefinite for p in levels_of(lv.parents)]
        if parents:
            links.append(f"varje {lv.lower} till {' eller '.join(parents)}")
    if links:
        links[0] = links[0].replace(" till ", " ska vara knuten till ", 1)
    order = []
    for i, o in enumerate(org.levels):
        above = [p.lower for p in org.levels if p.rank < o.rank]
        if i and above:
            nearest = max((p for p in org.levels if p.rank < o.rank), key=lambda p: p.rank)
            order.append(f"{o.lower} under {nearest.lower}")
    sentences_forms = {
        "decides": ", ".join(decides),
        "links": upper_first(listing(links, "och")),
        "org_order": ", ".join(reversed(order)),
        "list_key": model.parts["ramar"].list_key,
        # MS301's subject: the goal levels with goals below, and the root; in a chain
        # whose only goal level has activities below, the root alone
        "upper_or_root": (f"{listing([lv.indefinite for lv in upper])} (eller "
                          f"{chain.root.definite})" if upper else chain.root.definite),
        "limit_alias": next(iter(defaults()["inställningsalias"]["max_per_organisation"]),
                            "max_per_organisation"),
    }
    sentences = _Sentences(sentences_forms)
    upper_or_root = upper or [chain.root]
    upperchild = chain.children_of(upper_or_root[0].kind)
    return {
        "root": _levels([chain.root], goal_fallback),
        "goal": _levels(list(chain.goal_levels), goal_fallback),
        "measured": _levels(list(chain.measurable_levels) or list(chain.goal_levels),
                            goal_fallback),
        "activity": _levels(list(chain.activity_levels), action_fallback),
        "limited": _levels(limited or list(chain.measurable_levels), goal_fallback),
        "upper": _levels(upper_or_root, goal_fallback),
        "upperone": _levels(upper_or_root[:1], goal_fallback),
        "upperchild": _levels(upperchild[:1], goal_fallback),
        "acted": _levels(acted, goal_fallback),
        "leaf": _levels([leaf], action_fallback),
        "leafparent": _levels(leafparent[:1], goal_fallback),
        "leafgrand": _levels(leafgrand[:1] or [chain.root], goal_fallback),
        "top": _orgs([org.top]),
        "second": _orgs(at(1)[:1]),
        "third": _orgs(at(2)[:1]),
        "framed": _orgs(framed or list(at(1))),
        "leaforg": _orgs(orgs_of(leaf)[:1] or list(at(len(ranks) - 1))[:1]),
        "limitorg": _orgs(orgs_of(limited[0] if limited else None)[:1] or list(at(1))[:1]),
        "model": sentences,
    }


class _Sentences(Group):
    """Whole phrases computed from the model, under the placeholder ``{model.…}``."""

    def __init__(self, forms: dict[str, str]) -> None:
        super().__init__([])
        self.forms = forms

    def form(self, name: str) -> str:
        text = self.forms.get(name[:1].lower() + name[1:], "")
        return upper_first(text) if name[:1].isupper() else text


def severity_problems(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, str]]:
    """``regler.allvarlighet`` in ``malstyrning.yaml``: (path, message, hint) for a rule
    code that does not exist and for a rule that cannot be turned off."""
    import difflib

    problems: list[tuple[tuple[str | int, ...], str, str]] = []
    rules = data.get("regler") or {}
    if not isinstance(rules, dict):
        return problems
    for code, word in (rules.get("allvarlighet") or {}).items():
        rule = registry().get(str(code).upper())
        if rule is None:
            close = difflib.get_close_matches(str(code).upper(), list(REGISTRY), n=1)
            problems.append((("regler", "allvarlighet", code), f"Det finns ingen regel {code}.",
                             (f"Menade du {close[0]}? " if close else "")
                             + "`malstyrning rules` listar alla regler."))
        elif str(word).strip().lower() == "av" and rule.scope in ("inläsning", "schema"):
            problems.append((("regler", "allvarlighet", code),
                             f"{rule.code} kan inte stängas av: en fil som inte går att läsa "
                             "eller som inte följer schemat kan inte kontrolleras alls.",
                             "Sätt den till `varning` eller `info` om den inte ska stoppa."))
    return problems
