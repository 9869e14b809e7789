"""The goal chain as an indented tree, with orphans and broken links marked."""

from __future__ import annotations

from malstyrning.config import Settings
from malstyrning.model import Node, PlanModel


def tree_lines(model: PlanModel, settings: Settings, organisation: str | None = None) -> list[str]:
    """Lines of the chain from the root level down; orphans and broken links last."""
    chain = settings.chain
    kinds = {lv.kind for lv in chain.levels}
    keep: set[str] | None = None
    if organisation:
        units = model.units_under(organisation)
        keep = set()
        for node in model.nodes:
            if node.kind in kinds and node.org in units:
                todo, seen = [node], set()
                while todo:
                    cur = todo.pop()
                    if cur.id in seen:
                        continue
                    seen.add(cur.id)
                    keep.add(cur.id)
                    todo.extend(model.by_id[p] for p in cur.parents if p in model.by_id)

    def children(node: Node) -> list[Node]:
        level = chain.by_kind(node.kind)
        items = [c for c in model.children.get(node.id, []) if c.kind in kinds]
        if keep is not None:
            items = [c for c in items if c.id in keep]
        del level
        return sorted(items, key=lambda c: (chain.rank(c.kind), c.id))

    def label(node: Node) -> str:
        level = chain.by_kind(node.kind)
        name = level.name if level else node.kind
        owner = model.unit_name(node.org)
        marks = []
        child_levels = chain.children_of(node.kind)
        if child_levels and not any(c.kind in {cl.kind for cl in child_levels}
                                    for c in model.children.get(node.id, [])):
            marks.append(f"⚠ inga {child_levels[0].plural.lower()}")
        if level is not None and level.measurable and not model.indicators.get(node.id):
            marks.append("⚠ ingen indikator")
        suffix = f"  [{'; '.join(marks)}]" if marks else ""
        return f"{name} {node.id}: {node.name} ({owner}){suffix}"

    lines: list[str] = []
    placed: set[str] = set()

    def walk(start: Node) -> None:
        # an explicit stack, not recursion: a chain of thousands of links is valid input
        stack: list[tuple[Node, str, bool, bool]] = [(start, "", True, True)]
        while stack:
            node, prefix, last, top = stack.pop()
            branch = "" if top else ("└── " if last else "├── ")
            if node.id in placed:
                lines.append(f"{prefix}{branch}{node.id} (se ovan)")
                continue
            placed.add(node.id)
            lines.append(f"{prefix}{branch}{label(node)}")
            kids = children(node)
            inner = prefix + ("" if top else ("    " if last else "│   "))
            for i in range(len(kids) - 1, -1, -1):
                stack.append((kids[i], inner, i == len(kids) - 1, False))

    roots = sorted((n for n in model.nodes if n.kind == chain.root.kind
                    and (keep is None or n.id in keep)), key=lambda n: n.id)
    for root in roots:
        walk(root)
    loose = [n for n in model.nodes if n.kind in kinds and n.id not in placed
             and (keep is None or n.id in keep) and model.by_id.get(n.id) is n]
    if loose:
        lines.append("")
        lines.append("Utanför kedjan (kopplingen saknas eller pekar på ett id som inte finns):")
        for node in sorted(loose, key=lambda n: (chain.rank(n.kind), n.id)):
            broken = [p for p in node.parents if p not in model.by_id]
            why = (f"bidrar till okänt id {', '.join(broken)}" if broken
                   else "bidrar inte till något" if not node.parents else "kedjan bryts ovanför")
            lines.append(f"  ✗ {label(node)} — {why}")
    return lines
