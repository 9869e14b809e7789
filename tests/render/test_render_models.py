"""A property test over random steering models: 2–7 levels with random keys and names,
measurable levels anywhere, 2–4 organisation levels.

For every model, a plan repository on it (one unit per organisation level, every level
filled, one branch somewhere) must validate with no findings, render in both formats,
show every item of the repository as what it is (goals as headings with their
indicators, activities as table rows with their status) and use none of the default
model's words (Heby's levels, nämnd, aktivitet) where the model does not.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.render.render_support import load, texts

ROOTS = [("Vision", "Vision", "utrum"), ("Ledstjärna", "Ledstjärna", "utrum"),
         ("Målbild", "Målbild", "utrum")]
GOALS = [("Strategiskt mål", "Strategiska mål", "neutrum"),
         ("Programmål", "Programmål", "neutrum"), ("Delmål", "Delmål", "neutrum"),
         ("Verksamhetsmål", "Verksamhetsmål", "neutrum"),
         ("Resultatmål", "Resultatmål", "neutrum"), ("Fokusområde", "Fokusområden", "neutrum"),
         ("Målområde", "Målområden", "neutrum"), ("Prioritering", "Prioriteringar", "utrum"),
         ("Åtagande", "Åtaganden", "neutrum"), ("Inriktningsområde", "Inriktningsområden",
                                                "neutrum")]
ACTIONS = [("Insats", "Insatser", "utrum"), ("Åtgärd", "Åtgärder", "utrum"),
           ("Uppdrag", "Uppdrag", "neutrum")]
TOPS = [("kommunfullmäktige", "Kommunfullmäktige"), ("regionfullmäktige", "Regionfullmäktige"),
        ("fullmäktige", "Fullmäktige")]
ORGS = [("styrelse", "Styrelse", "Styrelser"), ("sektor", "Sektor", "Sektorer"),
        ("avdelning", "Avdelning", "Avdelningar"), ("bolag", "Bolag", "Bolag"),
        ("verksamhet", "Verksamhet", "Verksamheter"), ("grupp", "Grupp", "Grupper")]

# Words of the default model; none may appear in documents of a model that does not
# use them (every name above avoids them).
# ("enhet" is left out: it is also an indicator's unit of measure.)
DEFAULT_WORDS = re.compile(r"\b(effektmål\w*|inriktning(ar|en|arna)?|nämnd\w*|aktivitet\w*"
                           r"|förvaltning\w*)\b", re.IGNORECASE)


@st.composite
def models(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 7))
    org_count = draw(st.integers(2, 4))
    top_kind, top_name = draw(st.sampled_from(TOPS))
    below = draw(st.lists(st.sampled_from(ORGS), min_size=org_count - 1,
                          max_size=org_count - 1, unique_by=lambda o: o[0]))
    orgs = [{"typ": top_kind, "namn": top_name, "plural": top_name, "genus": "neutrum"}]
    orgs += [{"typ": kind, "namn": name, "plural": plural, "genus": "utrum"}
             for kind, name, plural in below]
    # who decides each level: the top for the root, then never higher than the level above
    ranks = [0]
    for _ in range(n - 1):
        ranks.append(draw(st.integers(ranks[-1], org_count - 1)))
    # activities are decided below fullmäktige (fullmäktige gives uppdrag, not activities)
    has_action = n >= 2 and ranks[-1] >= 1 and draw(st.booleans())
    names = draw(st.lists(st.sampled_from(GOALS), min_size=n, max_size=n,
                          unique_by=lambda g: g[0]))
    root = draw(st.sampled_from(ROOTS))
    action = draw(st.sampled_from(ACTIONS))
    chain = []
    for i in range(n):
        singular, plural, genus = root if i == 0 else action if (
            has_action and i == n - 1) else names[i]
        role = "rot" if i == 0 else "aktivitet" if has_action and i == n - 1 else "mål"
        key = re.sub(r"[^a-zåäö]", "", singular.lower()) + str(i)
        level: dict[str, Any] = {
            "typ": f"n{i}", "nyckel": key, "namn": singular, "plural": plural,
            "genus": genus, "slag": role, "beslutas_av": [orgs[ranks[i]]["typ"]]}
        if i:
            level["bidrar_till"] = [f"n{i - 1}"]
        if role == "mål":
            level["mätbar"] = draw(st.booleans())
        chain.append(level)
    branch = draw(st.integers(1, n - 1)) if n > 1 else 0
    return {"orgs": orgs, "chain": chain, "ranks": ranks, "branch": branch}


def _yaml(value: Any, indent: int = 0) -> str:
    """A small YAML writer for the generated data (flow style for short mappings)."""
    import json

    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:\n{_yaml(v, indent + 2)}")
            else:
                lines.append(f"{pad}{k}: {json.dumps(v, ensure_ascii=False)}")
        return "\n".join(lines)
    if isinstance(value, list):
        out = []
        for item in value:
            body = _yaml(item, indent + 2).lstrip()
            out.append(f"{pad}- {body}")
        return "\n".join(out)
    return pad + json.dumps(value, ensure_ascii=False)


def repository(spec: dict[str, Any]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """The files of a plan repository on the model, and the items written."""
    orgs, chain, ranks = spec["orgs"], spec["chain"], spec["ranks"]
    units = [{"id": f"O{i}", "namn": f"{o['namn']} {i}", "nivå": o["typ"]}
             | ({"överordnad": f"O{i - 1}"} if i else {}) for i, o in enumerate(orgs)]
    items: list[dict[str, Any]] = []
    plans: dict[int, dict[str, Any]] = {}
    parents: list[str] = []
    for i, level in enumerate(chain):
        rank = ranks[i]
        plan = plans.setdefault(rank, {
            "typ": "verksamhetsplan", "organisation": f"O{rank}",
            "nivå": orgs[rank]["typ"], "period": 2027})
        count = 2 if i >= spec["branch"] else 1  # from the branch down, two of each
        made = []
        for j in range(count):
            item_id = f"L{i}-{j + 1}"
            item: dict[str, Any] = {"id": item_id, "namn": f"{level['namn']} nummer {j + 1}"}
            if i:
                item["bidrar_till"] = [parents[min(j, len(parents) - 1)]]
            if level["slag"] == "mål":
                item["målgrupp"] = "Invånare"
                item["period"] = 2027
                if level.get("mätbar"):
                    item["indikatorer"] = [{
                        "id": f"{item_id}-I1", "namn": f"Andel nöjda, {item_id} (%)",
                        "enhet": "%", "riktning": "högre",
                        "baslinje": {"år": 2025, "värde": 50},
                        "målvärden": [{"år": 2027, "värde": 60}]}]
            elif level["slag"] == "aktivitet":
                item |= {"ansvarig": "Samordnare", "start": "2027-01-01",
                         "slut": "2027-12-31", "status": "pågående"}
            made.append(item_id)
            items.append({"level": level, "rank": rank, **item})
            if level["slag"] == "rot":
                plan[level["nyckel"]] = item
                break
            plan.setdefault(level["nyckel"], []).append(item)
        parents = made
    plans[0]["finansiella_mål"] = [{"id": "F1", "namn": "Resultatet ska vara minst 2 %"}]
    files = {
        "malstyrning.yaml": _yaml({"typ": "inställningar", "kommun": "Provby",
                                   "kommunkod": "0999", "period": 2027,
                                   "organisationsnivåer": orgs, "målkedja": chain}) + "\n",
        "organisation.yaml": _yaml({"typ": "organisation", "organisationer": units}) + "\n",
    }
    for rank, plan in plans.items():
        files[f"planer/o{rank}.yaml"] = _yaml(plan) + "\n"
    return files, items


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(models())
def test_any_model_validates_renders_and_speaks_its_own_words(spec: dict[str, Any]) -> None:
    files, items = repository(spec)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, text in files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, "utf-8")
        result = load(root)
        assert [f"{f.code} {f.file}: {f.message}" for f in result.findings] == [], files
        md = texts(result, "md")
        html = texts(result, "html")
    assert md and html
    everything = "\n".join(md.values())
    for item in items:
        role = item["level"]["slag"]
        if role == "rot":
            [plan] = [n for n in md if n.endswith("s-plan.md")]  # fullmäktige's plan
            assert item["namn"] in md[plan]
        elif role == "mål":
            # the title leads, the id follows
            heading = re.compile(rf"^#+ {re.escape(item['namn'])} \({re.escape(item['id'])}\)$",
                                 re.MULTILINE)
            assert heading.search(everything), (item["id"], files)
            if item.get("indikatorer"):
                assert f"({item['id']}-I1)" in everything
        else:
            rows = [line for line in everything.splitlines()
                    if line.startswith(f"| {item['namn']} ({item['id']}) |")]
            assert rows and all("Pågående" in row for row in rows), (item["id"], files)
    for name, text in {**md, **html}.items():
        # the words a reader sees: not the style sheet's class names, not tag attributes
        plain = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", text, flags=re.S))
        found = [plain[max(0, m.start() - 80):m.end() + 20] for m in DEFAULT_WORDS.finditer(plain)]
        assert not found, (name, found[:3], files["malstyrning.yaml"])
