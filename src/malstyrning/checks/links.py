"""Links between files: unique ids, references that resolve, right levels, no cycles,
known organisation units."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from malstyrning.checks.base import DUPLICATES, Incremental, no_kinds, rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import Node, PlanModel

# How many id comparisons MS211 may spend on "Menade du …?" in one run (about a second).
SUGGESTION_BUDGET = 2_000_000


def _level_name(settings: Settings, kind: str) -> str:
    return settings.chain.name_of(kind)


def _allowed_parents(settings: Settings, node: Node) -> tuple[str, ...]:
    level = settings.chain.by_kind(node.kind)
    if level is not None:
        return level.parents
    part = settings.steering.part_of_kind(node.kind)
    return part.parents if part is not None else ()


@rule("MS210", "dubblerat-id", Severity.ERROR,
      "Samma id används på två ställen i repot.", scope="repo",
      explanation="Id:n är det som länkar och historik hänger på; de ska vara unika i hela "
      "planrepot och stabila över tid.",
      good="- id: {measured.example}\n...\n- id: {measured.example}-2",
      bad="- id: {measured.example}\n...\n- id: {measured.example}", names=(DUPLICATES,),
      incremental=Incremental(namesakes=True))
def duplicate_ids(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for node_id, others in sorted(model.duplicates.items()):
        first = model.by_id[node_id]
        for node in others:
            yield Finding("MS210", node.file,
                          f"Id `{node_id}` används redan i {first.file} "
                          f"({_lower(_level_name(settings, first.kind))} \"{first.name}\").",
                          "Ge det här objektet ett eget id, till exempel med organisationens "
                          f"förkortning först: `{node.org}-…`.",
                          path=(*node.path, "id"), node="")


@rule("MS211", "okänd-referens", Severity.ERROR,
      "`bidrar_till` pekar på ett id som inte finns.", scope="repo",
      good="bidrar_till: [I1]   # I1 finns i planen", bad="bidrar_till: [I9]   # finns inte",
      incremental=Incremental(per_file=True, targets=True, findings=True))
def broken_references(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    candidates_for: dict[tuple[str, ...], list[str]] = {}
    budget = SUGGESTION_BUDGET
    for node in model.nodes:
        for i, parent in enumerate(node.parents):
            if parent in model.by_id:
                continue
            kinds = _allowed_parents(settings, node)
            candidates = candidates_for.get(kinds)
            if candidates is None:
                candidates = candidates_for[kinds] = model.ids_of_kinds(kinds)
            # each suggestion compares with every id: past the budget, none (else a file
            # with thousands of broken links costs time growing with their square)
            close = (difflib.get_close_matches(parent, candidates, n=3, cutoff=0.5)
                     if budget >= len(candidates) else [])
            budget -= len(candidates)
            hint = (f"Menade du {', '.join(f'`{c}`' for c in close)}? " if close else "")
            hint += "Kontrollera stavningen, eller lägg till målet i rätt plan."
            yield Finding("MS211", node.file,
                          f"{_level_name(settings, node.kind)} `{node.id}` bidrar till "
                          f"`{parent}`, men inget mål med det id:t finns.", hint,
                          path=(*node.path, "bidrar_till", i), node=node.id)


@rule("MS212", "fel-nivå-i-kedjan", Severity.ERROR,
      "En koppling hoppar över en nivå eller går åt fel håll.", scope="repo",
      explanation="Kopplingarna följer målkedjan: {model.links}. {leaf.Indefinite} ska "
      "alltså bidra till {leafparent.indefinite}, inte direkt till {leafgrand.indefinite}.",
      good="# {leaf.lower}\nbidrar_till: [{leafparent.example}]",
      bad="# {leaf.lower}\nbidrar_till: [{leafgrand.example}]",
      incremental=Incremental(per_file=True, targets=True, findings=True))
def wrong_level(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    chain = settings.chain
    allowed_by_kind: dict[str, tuple[str, ...]] = {}
    for node in model.nodes:
        if node.kind not in allowed_by_kind:
            allowed_by_kind[node.kind] = _allowed_parents(settings, node)
        allowed = allowed_by_kind[node.kind]
        if not allowed:
            continue
        for i, parent_id in enumerate(node.parents):
            parent = model.by_id.get(parent_id)
            if parent is None or parent.kind in allowed:
                continue
            # (rare path from here on)
            wanted = " eller ".join(settings.chain.several_of(k) for k in allowed)
            outside = chain.rank(parent.kind) < 0
            skip = not outside and chain.rank(parent.kind) < min(chain.rank(k) for k in allowed)
            suggestions = [c.id for c in model.children.get(parent.id, [])
                           if c.kind in allowed][:5]
            hint = f"Peka på {wanted} i stället."
            if skip and suggestions:
                hint += (f" Under `{parent.id}` finns: "
                         f"{', '.join(f'`{s}`' for s in suggestions)}.")
            if outside:
                message = (f"{_level_name(settings, node.kind)} `{node.id}` bidrar till "
                           f"`{parent.id}`, som är {_lower(_level_name(settings, parent.kind))}"
                           f" och inte ingår i målkedjan.")
            else:
                what = "hoppar över en nivå" if skip else "går åt fel håll i kedjan"
                message = (f"{_level_name(settings, node.kind)} `{node.id}` bidrar till "
                           f"{_lower(_level_name(settings, parent.kind))} `{parent.id}` — "
                           f"kopplingen {what}.")
            yield Finding("MS212", node.file, message, hint,
                          path=(*node.path, "bidrar_till", i), node=node.id)


@rule("MS213", "cykel", Severity.ERROR, "Kopplingarna bildar en cirkel.", scope="repo",
      good="A bidrar till B, B bidrar till C", bad="A bidrar till B, B bidrar till A",
      incremental=Incremental(upward=True))
def cycles(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    # A cycle needs at least one link that does not point strictly up the chain, so
    # the search starts only from such links — usually there are none at all.
    rank = {lv.kind: i for i, lv in enumerate(settings.chain.levels)}
    starts = set()
    for node in model.nodes:
        mine = rank.get(node.kind, -1)
        for parent_id in node.parents:
            parent = model.by_id.get(parent_id)
            if parent is not None and not (0 <= rank.get(parent.kind, -1) < mine):
                starts.add(node.id)
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()
    for start in sorted(starts):
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node_id, i = stack.pop()
            node = model.by_id[node_id]
            if i == 0:
                state[node_id] = 1
                trail.append(node_id)
            if i < len(node.parents):
                stack.append((node_id, i + 1))
                nxt = node.parents[i]
                if nxt not in model.by_id:
                    continue
                if state.get(nxt) == 1:
                    loop = trail[trail.index(nxt):]
                    key = frozenset(loop)
                    if key not in reported:
                        reported.add(key)
                        first = model.by_id[min(loop)]
                        shown = " → ".join([*loop, nxt])
                        yield Finding("MS213", first.file,
                                      f"Kopplingarna går i cirkel: {shown}.",
                                      "Ett mål kan inte (indirekt) bidra till sig självt; ta "
                                      "bort den koppling som pekar uppåt fel.",
                                      path=(*first.path, "bidrar_till"), node=first.id)
                elif not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node_id] = 2
                trail.pop()


@rule("MS214", "okänd-organisation", Severity.ERROR,
      "En plan eller ram gäller en organisation som inte finns i registret.", scope="repo",
      good="organisation: UBN   # finns i organisation.yaml",
      bad="organisation: UTBN  # finns inte", incremental=Incremental(kinds=no_kinds))
def unknown_units(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    if not model.has_register:
        return
    ids = sorted(model.units)

    def hint(org: str) -> str:
        close = difflib.get_close_matches(org, ids, n=2, cutoff=0.5)
        start = f"Menade du {', '.join(f'`{c}`' for c in close)}? " if close else ""
        return start + "Lägg till enheten i organisationsregistret eller rätta id:t."

    for plan in model.plans:
        if plan.org and plan.org not in model.units:
            yield Finding("MS214", plan.file, f"Organisationen `{plan.org}` finns inte i "
                          "organisationsregistret.", hint(plan.org), path=("organisation",))
        for frame in plan.frames:
            if frame.org not in model.units:
                yield Finding("MS214", plan.file, f"Ramen gäller `{frame.org}`, som inte "
                              "finns i organisationsregistret.", hint(frame.org),
                              path=(*frame.path, "organisation"))
    for followup in model.followups:
        if followup.org and followup.org not in model.units:
            yield Finding("MS214", followup.file, f"Organisationen `{followup.org}` finns inte "
                          "i organisationsregistret.", hint(followup.org),
                          path=("organisation",))
    for unit in model.units.values():
        if unit.parent and unit.parent not in model.units:
            yield Finding("MS214", unit.file, f"`{unit.id}` har överordnad `{unit.parent}`, "
                          "som inte finns i registret.", hint(unit.parent),
                          path=(*unit.path, "överordnad"))
    for unit in model.duplicate_units:
        first = model.units[unit.id]
        where = f" (också i {first.file})" if first.file != unit.file else ""
        yield Finding("MS214", unit.file, f"Organisationen `{unit.id}` står två gånger i "
                      f"registret{where}.", "Ta bort den ena raden.", path=(*unit.path, "id"))


_REGISTER_EXAMPLE = ("typ: organisation\norganisationer:\n  - id: …\n"
                     "    namn: {name}\n    nivå: {kind}")


@rule("MS217", "organisationsregister", Severity.ERROR,
      "Planerna namnger organisationer men planrepot saknar organisationsregister "
      "(`typ: organisation`), eller har fler än ett.", scope="repo",
      explanation="Utan registret kan malstyrning inte kontrollera att planernas, ramarnas "
      "och uppföljningarnas organisationer finns, har rätt nivå och ligger i rätt träd "
      "(MS214–MS216). Registret är en enda fil, t.ex. organisation.yaml.",
      good="# organisation.yaml\ntyp: organisation\norganisationer:\n  - id: UBN\n    …",
      bad="# ingen fil med typ: organisation, men planerna har organisation: UBN",
      incremental=Incremental(kinds=no_kinds))
def register_present(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    registers = [f.file for f in model.files if f.kind == "organisation"]
    top = settings.organisation.top
    example = _REGISTER_EXAMPLE.format(name=top.name, kind=top.kind)
    for second in registers[1:]:
        yield Finding("MS217", second, f"Planrepot har redan ett organisationsregister, "
                      f"{registers[0]}; det här är ett till.",
                      "Ett planrepo har ett register: slå ihop filerna till en, eller lägg "
                      "den gamla under `exkludera` i malstyrning.yaml. Till dess läses "
                      "organisationerna i båda, och en organisation som står i båda ger "
                      "MS214.", path=("typ",))
    if registers:
        return
    naming = sorted([(p.file, p.org, "Planen") for p in model.plans if p.org]
                    + [(f.file, f.org, "Uppföljningen") for f in model.followups if f.org])
    if not naming:
        return
    file, org, what = naming[0]
    yield Finding("MS217", file, f"{what} gäller organisationen `{org}`, men planrepot har "
                  "inget organisationsregister (en fil med `typ: organisation`), så ingen "
                  "organisation kontrolleras.",
                  "Lägg till registret, t.ex. organisation.yaml i planrepots rot:\n"
                  f"{example}\nmed en post per nämnd, förvaltning och enhet (se "
                  "docs/filformat.md). Finns filen redan: se fyndet för den (den kunde "
                  "inte läsas) och kontrollera att den inte står under `exkludera` i "
                  "malstyrning.yaml.", path=("organisation",))


@rule("MS215", "fel-plannivå", Severity.ERROR,
      "Planens `nivå` stämmer inte med organisationens nivå i registret.", scope="repo",
      good="organisation: UBN\nnivå: {second.kind}",
      bad="organisation: UBN\nnivå: {third.kind}", incremental=Incremental(kinds=no_kinds))
def plan_level(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    for plan in model.plans:
        unit = model.units.get(plan.org)
        levels = settings.organisation.kinds
        if (unit is None or plan.level not in levels or unit.level not in levels
                or unit.level == plan.level):
            continue
        yield Finding("MS215", plan.file,
                      f"Planen har `nivå: {plan.level}`, men {unit.name} (`{unit.id}`) är "
                      f"registrerad som {settings.organisation.name_of(unit.level)}.",
                      f"Skriv `nivå: {unit.level}`, eller rätta organisationsregistret.",
                      path=("nivå",))


@rule("MS216", "organisationsträd", Severity.ERROR,
      "Organisationsregistret har en cirkel, eller en enhet ligger under en lägre nivå.",
      scope="repo",
      explanation="Varje del av organisationen ligger under en del på en högre nivå: "
      "{model.org_order}.",
      good="- id: UF\n  nivå: {third.kind}\n  överordnad: UBN   # {second.indefinite}",
      bad="- id: UBN\n  nivå: {second.kind}\n  överordnad: UF    # {third.indefinite}",
      incremental=Incremental(kinds=no_kinds))
def register_tree(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    org = settings.organisation
    rank = {level.kind: level.rank for level in org.levels}
    reported: set[frozenset[str]] = set()
    for unit in sorted(model.units.values(), key=lambda u: u.id):
        seen = [unit.id]
        current = unit
        while current.parent and current.parent in model.units:
            if current.parent in seen:
                if current.parent == unit.id and frozenset(seen) not in reported:
                    reported.add(frozenset(seen))
                    loop = " → ".join([*seen, unit.id])
                    yield Finding("MS216", unit.file, f"Registret går i cirkel: {loop}.",
                                  "Rätta `överordnad` så att kedjan slutar i "
                                  f"{settings.organisation.top.lower}.",
                                  path=(*unit.path, "överordnad"))
                break
            seen.append(current.parent)
            current = model.units[current.parent]
        parent = model.units.get(unit.parent)
        if (parent is not None and unit.level in rank and parent.level in rank
                and rank[parent.level] >= rank[unit.level] and parent.id != unit.id):
            yield Finding("MS216", unit.file,
                          f"{unit.name} ({org.name_of(unit.level)}) ligger under "
                          f"{parent.name}, som är {org.name_of(parent.level)} — den "
                          "överordnade ska vara en högre nivå.",
                          "Rätta `överordnad` eller `nivå`.", path=(*unit.path, "överordnad"))


def _lower(name: str) -> str:
    from malstyrning.words import lower_first

    return lower_first(name)

