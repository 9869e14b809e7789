"""Texts that are almost certainly a mistake: names far too long to be a title, or
names with HTML in them. Documents show both safely; the rule says so before a
council document shows them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from malstyrning.checks.base import rule
from malstyrning.config import Settings
from malstyrning.findings import Finding, JsonPath, Severity
from malstyrning.model import FINANCIAL_GOAL, INDICATOR, POLICY_DOCUMENT, FileModel

# A name is a heading: in the documents it is a heading, a table cell, a diagram box
# and an entry in the table of contents. Real goal and indicator names run to about
# 100–200 characters (a long Kolada title is about 150); past 300, about four lines of
# an A4 heading, it is pasted description or a whole paragraph, not a title.
MAX_NAME_LENGTH = 300
# How much of an HTML tag the message quotes.
_QUOTED = 40

# A tag (<b>, </p>, <br/>, <a href=…>), an HTML comment or a character reference
# (&amp; &nbsp; &#8211;). "< 3 år" and "A & B" are ordinary text and do not match.
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--"
                   r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")

_KIND_NAMES = {INDICATOR: "Indikator", FINANCIAL_GOAL: "Finansiellt mål",
               POLICY_DOCUMENT: "Styrdokument"}


@rule("MS106", "misstänkt-namn", Severity.WARNING,
      f"Ett namn är längre än {MAX_NAME_LENGTH} tecken eller innehåller HTML.",
      explanation="Ett namn blir rubrik, tabellcell och ruta i diagrammet. Ett namn på "
      "tusentals tecken är nästan alltid en beskrivning som hamnat i fel fält, och HTML "
      "i ett namn visas som text i dokumenten (taggarna syns, de formaterar inget). "
      "Dokumenten blir ändå säkra; regeln säger till innan de når {second.definite}.",
      good="- id: UBN-E1\n  namn: Fler elever når kunskapskraven\n"
           "  beskrivning: Längre text om målet …",
      bad="- id: UBN-E1\n  namn: <b>Fler elever</b> når kunskapskraven")
def suspicious_names(fm: FileModel, settings: Settings) -> Iterator[Finding]:
    # every finding needs a long name, "<" or "&": three C tests for each name spare
    # the label, the path and the regex for nearly all of them
    limit = MAX_NAME_LENGTH
    for node in fm.nodes:
        name = node.name
        if len(name) > limit or "<" in name or "&" in name:
            level = settings.chain.by_kind(node.kind)
            label = level.name if level is not None else _KIND_NAMES.get(node.kind, node.kind)
            yield from _name_findings(fm, label, node.id, name, (*node.path, "namn"),
                                      node.id)
    for unit in fm.units:
        name = unit.name
        if len(name) > limit or "<" in name or "&" in name:
            yield from _name_findings(fm, "Organisationen", unit.id, name,
                                      (*unit.path, "namn"), "")


def _name_findings(fm: FileModel, label: str, item_id: str, name: str, path: JsonPath,
                   node_id: str) -> Iterator[Finding]:
    if len(name) > MAX_NAME_LENGTH:
        yield Finding(
            "MS106", fm.file,
            f"{label} `{item_id}` har ett namn på {len(name)} tecken; ett namn är en "
            f"rubrik och längre än {MAX_NAME_LENGTH} tecken är det nästan alltid ett "
            "misstag.",
            "Korta namnet till en rubrik på en rad eller två och flytta resten till "
            "`beskrivning:`. Kontrollera att inte ett helt stycke har hamnat i `namn:`.",
            path=path, node=node_id)
    # every match starts with < or &: two C searches spare the regex for most names
    match = _HTML.search(name) if "<" in name or "&" in name else None
    if match:
        tag = match.group(0)
        shown = tag if len(tag) <= _QUOTED else tag[:_QUOTED] + "…"
        yield Finding(
            "MS106", fm.file,
            f"{label} `{item_id}` har HTML i namnet ({shown}); dokumenten visar det "
            "som text, inte som formatering.",
            "Skriv namnet som vanlig text, utan taggar och teckenkoder (skriv & i "
            "stället för &amp;). Formateringen sköts av dokumentmallarna.",
            path=path, node=node_id)
