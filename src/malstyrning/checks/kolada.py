"""MS603–MS606: the plans' Kolada ids against Kolada's KPI metadata.

The metadata is the repository's ``kolada/nyckeltal.json``, written by ``malstyrning
kolada check``; without the file these rules say nothing (validate never needs the
network). Every finding points at the indicator's ``kolada:`` key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from malstyrning.checks.base import Incremental, fixed_kinds, rule
from malstyrning.checks.catalogues import KOLADA_KPI
from malstyrning.config import Settings, defaults
from malstyrning.findings import Finding, Severity
from malstyrning.kolada.metadata import (
    ALL,
    KOMMUN,
    METADATA_FILE,
    REGION,
    Catalogue,
    MetadataError,
    parse,
    similarity,
)
from malstyrning.model import INDICATOR, Node, PlanModel

_LOADED: dict[str, tuple[bytes, Catalogue | None]] = {}


def load(root: Path) -> Catalogue | None:
    """The repository's catalogue, parsed once for the four rules (while the file's
    bytes stay the same)."""
    path = root / METADATA_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    cached = _LOADED.get(str(path))
    if cached is None or cached[0] != raw:
        _LOADED.clear()  # one repository at a time
        try:
            catalogue: Catalogue | None = parse(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, MetadataError):
            catalogue = None  # `kolada check` fetches it again and says so
        cached = (raw, catalogue)
        _LOADED[str(path)] = cached
    return cached[1]


def organisation_type(settings: Settings) -> str:
    """Kolada's municipality type of the organisation: ``L`` when the steering model's top
    level is the region preset's (regionfullmäktige), else ``K``."""
    region_top = defaults()["organisationsmodeller"]["region"][0]
    kind = region_top["typ"] if isinstance(region_top, dict) else str(region_top)
    return REGION if settings.organisation.top.kind == kind else KOMMUN


KOLADA_FACT = 6  # where build._indicator_facts puts the Kolada id


def kolada_id(node: Node) -> str:
    """The indicator's Kolada id when it has a valid one (see MS602), else ``""``."""
    kpi = node.facts[KOLADA_FACT] if len(node.facts) > KOLADA_FACT else ""
    return kpi if isinstance(kpi, str) and KOLADA_KPI.match(kpi) else ""


def kolada_indicators(model: PlanModel) -> Iterator[tuple[Node, str]]:
    for node in model.nodes:
        if node.kind == INDICATOR and (kpi := kolada_id(node)):
            yield node, kpi


def _at(node: Node) -> dict[str, object]:
    return {"path": (*node.path, "kolada"), "at_key": True, "node": node.id}


HINT_CHECK = "Kör `malstyrning kolada check` igen när planen eller Kolada har ändrats."


@rule("MS603", "kolada-finns-inte", Severity.ERROR,
      "Ett Kolada-id finns inte (längre) i Kolada.", scope="repo",
      explanation="Kolada ändrar och tar bort nyckeltal utan förvarning. Reglerna MS603–MS606 "
      f"läser Koladas beskrivning av nyckeltalen i `{METADATA_FILE}`, som `malstyrning "
      "kolada check` hämtar; utan filen säger de inget.",
      good="kolada: N15419", bad="kolada: N99999  # finns inte i Kolada",
      incremental=Incremental(kinds=fixed_kinds(INDICATOR)))
def missing_kpis(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    catalogue = load(settings.root)
    if catalogue is None:
        return
    for node, kpi in kolada_indicators(model):
        meta = catalogue.kpis.get(kpi)
        if kpi in catalogue.unknown:
            yield Finding("MS603", node.file, f"Nyckeltalet `{kpi}` finns inte i Kolada "
                          f"(hämtat {catalogue.fetched}).", "Kontrollera id:t på kolada.se "
                          "och rätta det, eller ta bort raden om nyckeltalet har upphört.",
                          **_at(node))  # type: ignore[arg-type]
        elif meta is not None and meta.deleted:
            yield Finding("MS603", node.file, f"Nyckeltalet `{kpi}` ({meta.title}) är "
                          f"borttaget ur Kolada (hämtat {catalogue.fetched}).",
                          "Välj ett nyckeltal som ersätter det, eller mät på annat sätt och "
                          "ta bort `kolada:`.", **_at(node))  # type: ignore[arg-type]


@rule("MS604", "kolada-kommuntyp", Severity.ERROR,
      "Ett Kolada-nyckeltal gäller inte organisationens slag (kommuner eller regioner).",
      scope="repo",
      explanation="Kolada anger för varje nyckeltal om det finns för kommuner (K), regioner "
      "(L) eller båda (A). Vilket slag planen gäller läses ur styrmodellen: en region har "
      "regionfullmäktige som högsta nivå (`organisationsnivåer: region`).",
      good="kolada: N15419  # ett kommunnyckeltal i en kommun",
      bad="kolada: N15419  # i en regions plan",
      incremental=Incremental(kinds=fixed_kinds(INDICATOR)))
def wrong_municipality_type(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    catalogue = load(settings.root)
    if catalogue is None:
        return
    own = organisation_type(settings)
    words = {KOMMUN: "kommuner", REGION: "regioner"}
    for node, kpi in kolada_indicators(model):
        meta = catalogue.kpis.get(kpi)
        if meta is None or meta.deleted or meta.municipality_type in ("", ALL, own):
            continue
        theirs = words.get(meta.municipality_type, f"typen {meta.municipality_type}")
        yield Finding("MS604", node.file, f"Nyckeltalet `{kpi}` ({meta.title}) finns i "
                      f"Kolada bara för {theirs}, inte för {words[own]}.",
                      f"Välj ett nyckeltal som Kolada har för {words[own]}.",
                      **_at(node))  # type: ignore[arg-type]


@rule("MS605", "kolada-kön", Severity.WARNING,
      "Uppföljningen visar kvinnor och män (`kön:`) för ett Kolada-nyckeltal som Kolada inte "
      "delar upp på kön.", scope="repo",
      good="kolada: N15419  # Kolada delar upp på kön\n# uppföljning: kön: {K: 76, M: 70.9}",
      bad="kolada: N17457  # Kolada har bara totalen\n# uppföljning: kön: {K: 70, M: 62}",
      incremental=Incremental(kinds=fixed_kinds(INDICATOR)))
def gender_split(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    catalogue = load(settings.root)
    if catalogue is None:
        return
    split: dict[str, str] = {}
    for followup in model.followups:
        for outcome in followup.outcomes:
            if outcome.women is not None or outcome.men is not None:
                split.setdefault(outcome.indicator, followup.file)
    for node, kpi in kolada_indicators(model):
        meta = catalogue.kpis.get(kpi)
        if node.id not in split or meta is None or meta.deleted or meta.gendered:
            continue
        yield Finding("MS605", node.file, f"{split[node.id]} visar kvinnor och män för "
                      f"`{node.id}`, men Kolada delar inte upp `{kpi}` ({meta.title}) på "
                      "kön.", "Ta bort `kön:` i uppföljningen, eller ange en källa som "
                      "har uppdelningen och ta bort `kolada:`.",
                      **_at(node))  # type: ignore[arg-type]


@rule("MS606", "kolada-titel", Severity.WARNING,
      "En indikators namn liknar inte längre Kolada-nyckeltalets titel.", scope="repo",
      explanation="Namnet jämförs ord för ord med titeln (stora och små bokstäver, "
      "skiljetecken och småord som \"och\" räknas inte); ett förkortat namn vars ord står i "
      "titeln är detsamma. Kolada byter ibland innehåll i ett nyckeltal under samma id.",
      good="namn: Elever i åk 9 som uppnått kunskapskraven, andel (%)\nkolada: N15419",
      bad="namn: Nöjd-Inflytande-Index\nkolada: N15419", names=(INDICATOR,),
      incremental=Incremental(kinds=fixed_kinds(INDICATOR)))
def changed_titles(model: PlanModel, settings: Settings) -> Iterator[Finding]:
    catalogue = load(settings.root)
    if catalogue is None:
        return
    for node, kpi in kolada_indicators(model):
        meta = catalogue.kpis.get(kpi)
        if meta is None or meta.deleted or not meta.title or not node.name:
            continue
        if similarity(node.name, meta.title) >= 0.6:
            continue
        yield Finding("MS606", node.file, f"Indikatorn heter \"{node.name}\", men Koladas "
                      f"nyckeltal `{kpi}` heter \"{meta.title}\".",
                      "Kontrollera att id:t är rätt; byt namn på indikatorn (gärna till "
                      "Koladas titel) eller välj rätt nyckeltal.",
                      **_at(node))  # type: ignore[arg-type]
