"""Ids from outside catalogues: Agenda 2030 goals and targets, Kolada KPIs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

from malstyrning.checks.base import rule
from malstyrning.config import DATA_DIR, Settings
from malstyrning.findings import Finding, Severity
from malstyrning.model import FileModel

KOLADA_KPI = re.compile(r"^[A-Z]\d{5}$")


@cache
def agenda2030() -> dict[str, dict[str, object]]:
    """The 17 goals and their targets, from ``data/agenda2030.json``."""
    text = (DATA_DIR / "agenda2030.json").read_text("utf-8")
    data: dict[str, dict[str, object]] = json.loads(text)["mål"]
    return data


def valid_sdg(value: str) -> bool:
    goals = agenda2030()
    goal = value.split(".", 1)[0]
    if goal not in goals:
        return False
    return "." not in value or value in goals[goal]["delmål"]  # type: ignore[operator]


@rule("MS601", "agenda2030-id", Severity.ERROR,
      "Ett Agenda 2030-id finns inte (mål 1–17, delmål som \"3.4\" eller \"4.a\").",
      good="agenda2030: [\"3\", \"3.4\", \"11.a\"]", bad="agenda2030: [\"18\", \"3.10\"]")
def sdg_ids(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    for node in fm.nodes:
        values = node.attrs.get("agenda2030")
        if not isinstance(values, list):
            continue
        for i, value in enumerate(values):
            text = str(value)
            if not isinstance(value, str) or valid_sdg(text):
                continue  # a number here is reported by the schema check (MS105)
            goal = text.split(".", 1)[0]
            if goal in agenda2030():
                delmal = agenda2030()[goal]["delmål"]
                hint = (f"Mål {goal} ({agenda2030()[goal]['namn']}) har delmålen "
                        f"{', '.join(delmal)}.")  # type: ignore[arg-type]
            else:
                hint = "Agenda 2030 har målen 1–17; delmål skrivs \"3.4\" eller \"4.a\"."
            yield Finding("MS601", fm.file, f"`{text}` är inte ett mål eller delmål i "
                          "Agenda 2030.", hint, path=(*node.path, "agenda2030", i),
                          node=node.id)


@rule("MS602", "kolada-id", Severity.ERROR,
      "Ett Kolada-id har fel form (en versal och fem siffror, t.ex. N15419).",
      good="kolada: N15419", bad="kolada: n15419")
def kolada_ids(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    for node in fm.nodes:
        if "kolada" not in node.attrs:
            continue
        value = node.attrs.get("kolada")
        if isinstance(value, str) and KOLADA_KPI.match(value):
            continue
        if value is None or value == "":
            yield Finding("MS602", fm.file, "`kolada:` står utan värde.",
                          "Skriv Kolada-id:t, t.ex. `kolada: N15419`, eller ta bort raden.",
                          path=(*node.path, "kolada"), node=node.id)
            continue
        shown = str(value)
        fixed = shown.strip().upper()
        hint = "Kolada-id:n består av en versal och fem siffror, till exempel `N15419`."
        if KOLADA_KPI.match(fixed):
            hint = f"Skriv `kolada: {fixed}`. " + hint
        yield Finding("MS602", fm.file, f"`{shown}` är inte ett giltigt Kolada-id.", hint,
                      path=(*node.path, "kolada"), node=node.id)
