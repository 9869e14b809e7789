"""JSON Schemas derived from the steering model, so that they can never disagree with it.

One model, many artefacts (the LinkML way): the schemas that ``validate`` uses for
plans, follow-ups and the organisation register, the files ``malstyrning schema``
writes for editors and other validators, and the shipped ``schemas/`` (the same code
run on the default model; a test keeps them byte-identical). Every property has a
Swedish title and description in the kommun's own level names.

:func:`schemas_for` gives all generated schemas of a model (cached by the model's
fingerprint); :func:`schema_text` the bytes written to disk.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from malstyrning.config import (
    ACTIVITY_FIELDS,
    GOAL_FIELDS,
    Level,
    OrgLevel,
    Part,
    SteeringModel,
    defaults,
)
from malstyrning.values import TKR_MAX, VALUE_LIMIT, WEIGHT_MAX, YEAR_MAX, YEAR_MIN
from malstyrning.words import genitive, listing, upper_first

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# The generated kinds; the settings schema describes the model itself and is written
# by hand.
GENERATED = ("organisation", "verksamhetsplan", "uppföljning")
ID_PATTERN = "^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9_.:-]*$"
STATUSES = ["ej påbörjad", "pågående", "genomförd", "försenad", "avbruten"]
FIXED_DEFS = ("id", "idlista", "datum", "period", "niva", "agenda2030", "riktning",
              "status", "styrdokumenttyp", "matvarde", "indikator", "finansiellt_mal",
              "organisationsram", "ramar", "styrdokument", "varde", "utfall", "bedomning",
              "organisationsenhet")


# Years 1900–2200 as a pattern, for periods and dates written as text (values.py).
YEAR_RE = "(19[0-9]{2}|2[01][0-9]{2}|2200)"

def slug(kind: str) -> str:
    """An ASCII name for ``$defs``: ``nämndmål`` → ``namndmal``."""
    text = unicodedata.normalize("NFKD", kind.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "niva"
    return f"{text}_niva" if text in FIXED_DEFS else text


def _def_names(model: SteeringModel) -> dict[str, str]:
    names: dict[str, str] = {}
    for level in model.chain.levels:
        name = slug(level.kind)
        while name in names.values():
            name += "_"
        names[level.kind] = name
    return names


def _with_article(level: OrgLevel) -> str:
    """``en nämnd``; a fullmäktige takes no article (``kommunfullmäktige``)."""
    return level.lower if level.definite == level.lower else level.indefinite


class _Texts:
    """The sentences of one model, in its own words."""

    def __init__(self, model: SteeringModel) -> None:
        self.model = model
        self.chain = model.chain
        self.org = model.organisation

    def orgs(self, kinds: tuple[str, ...]) -> list[OrgLevel]:
        return [lv for lv in (self.org.by_kind(k) for k in kinds) if lv is not None]

    def genitives(self, kinds: tuple[str, ...]) -> str:
        """``nämndens eller stadsdelsnämndens``; ``kommunfullmäktiges``."""
        return listing([lv.genitive for lv in self.orgs(kinds)])

    def deciders(self, kinds: tuple[str, ...]) -> str:
        """``en förvaltning eller en enhet``."""
        return listing([_with_article(lv) for lv in self.orgs(kinds)])

    def parents_plural(self, level: Level) -> str:
        """The levels ``level`` contributes to, as :attr:`Level.several`."""
        return listing([p.several for p in self._parents(level)])

    def parents_definite(self, level: Level) -> str:
        """The same, definite (:attr:`Level.several_definite`)."""
        return listing([p.several_definite for p in self._parents(level)])

    def example_id(self, level: Level) -> str:
        if level.example_id:
            return level.example_id
        letters = "".join(w[:1] for w in re.split(r"[\s_-]+", level.kind) if w).upper()
        return f"{letters or 'M'}1"

    def level_description(self, level: Level) -> str:
        if level.description:
            return level.description
        who = self.deciders(level.decided_by)
        if level.is_root:
            below = [c.definite_plural for c in self.chain.children_of(level.kind)]
            text = f"{level.name}: roten i målkedjan"
            text += f", som {listing(below)} utgår från." if below else "."
            return text + (f" Beslutas av {who}." if who else "")
        if level.is_activity:
            target = listing([p.indefinite for p in self._parents(level)])
            text = f"Konkret insats som {who or 'organisationen'} genomför"
            text += f" för att nå {target}." if target else "."
            if target:
                text += (f" Varje {level.lower} ska vara kopplad till minst "
                         f"{listing([p.indefinite for p in self._parents(level)])}.")
            return text
        text = f"Mål som {who or 'organisationen'} beslutar"
        parents = self.parents_definite(level)
        text += f" utifrån {parents}." if parents else "."
        if level.measurable:
            text += " Målet ska vara tidsatt och mätas med indikatorer."
        return text

    def _parents(self, level: Level) -> list[Level]:
        return [p for p in (self.chain.by_kind(k) for k in level.parents) if p is not None]

    def parents_owned(self, level: Level) -> str:
        """``kommunfullmäktiges målområden``, ``nämndernas nämndmål``, ``visionen``."""
        out = []
        for parent in self._parents(level):
            if parent.is_root:
                out.append(parent.definite)
                continue
            owners = listing([genitive(lv.definite_plural) for lv in self.orgs(parent.decided_by)],
                         "och")
            out.append(f"{owners} {parent.lower_plural}" if owners else parent.definite_plural)
        return listing(out)

    def section_description(self, level: Level) -> str:
        owner = upper_first(self.genitives(level.decided_by)) if level.decided_by else ""
        if level.is_root:
            where = self.genitives(level.decided_by)
            return (f"{level.name}, roten i målkedjan."
                    + (f" Hör hemma i {where} plan." if where else ""))
        text = (f"{owner} {level.lower_plural}" if owner else upper_first(level.lower_plural))
        parents = self.parents_owned(level)
        if level.is_activity:
            text += f" för att nå {parents}." if parents else "."
        else:
            text += f", som utgår från {parents}." if parents else "."
        if level.max_per_org is not None:
            text += " Få och prioriterade mål är bättre än många."
        return text


def _level_def(t: _Texts, level: Level) -> dict[str, Any]:
    gen = upper_first(level.genitive)
    definite = level.definite
    props: dict[str, Any] = {
        "id": {"title": "Id", "description": f"{gen} id, unikt i hela planrepot, t.ex. "
               f"{t.example_id(level)}.", "$ref": "#/$defs/id"},
        "namn": {"title": "Text" if level.is_root else "Namn",
                 "description": (f"{gen} text i sin helhet" if level.is_root
                                 else f"{gen} namn")
                 + (f", t.ex. \"{level.example_name}\"." if level.example_name
                    else ", kort och tydligt formulerat."),
                 "type": "string", "minLength": 1},
        "beskrivning": {"title": "Beskrivning", "description": f"Längre beskrivning av "
                        f"{definite}. Kan skrivas på flera rader efter |.", "type": "string"},
    }
    if level.parents:
        examples = [t.example_id(p) for p in t._parents(level)][:1]
        props["bidrar_till"] = {
            "title": "Bidrar till",
            "description": f"Id för de {t.parents_plural(level)} som {definite} bidrar "
            f"till, t.ex. [{', '.join(examples)}].".replace("de " + (
                t.chain.root.definite), t.chain.root.definite),
            "$ref": "#/$defs/idlista"}
    done = "klart" if level.article == "ett" else "klar"
    texts: dict[str, tuple[str, str, dict[str, Any]]] = {
        "målgrupp": ("Målgrupp", f"Vilka {definite} skapar värde för, t.ex. Elever i "
                     "grundskolan.", {"type": "string"}),
        "period": ("Period", f"Tiden som {definite} gäller"
                   + (", 1–4 år, t.ex. 2027–2028." if level.measurable
                      else ", t.ex. 2027–2030."), {"$ref": "#/$defs/period"}),
        "agenda2030": ("Agenda 2030", f"Mål och delmål i FN:s Agenda 2030 som {definite} "
                       "bidrar till, t.ex. [\"4\", \"4.1\"].", {"$ref": "#/$defs/agenda2030"}),
        "indikatorer": ("Indikatorer", f"Indikatorer (mått) som visar om {definite} nås. "
                        "Varje indikator har baslinje och målvärden per år.",
                        {"type": "array", "items": {"$ref": "#/$defs/indikator"}}),
        "ansvarig": ("Ansvarig", f"Den roll eller enhet som ansvarar för {definite}, t.ex. "
                     "Rektor eller Enhetschef hemtjänst. Ange aldrig en enskild persons namn.",
                     {"type": "string"}),
        "start": ("Start", f"Datum då {definite} börjar, t.ex. 2027-01-15.",
                  {"$ref": "#/$defs/datum"}),
        "slut": ("Slut", f"Datum då {definite} ska vara {done}, t.ex. 2027-06-30.",
                 {"$ref": "#/$defs/datum"}),
        "status": ("Status", f"Var {definite} står just nu: ej påbörjad, pågående, "
                   "genomförd, försenad eller avbruten.", {"$ref": "#/$defs/status"}),
    }
    for name in (*GOAL_FIELDS, *ACTIVITY_FIELDS):
        if name in level.carries:
            title, description, rest = texts[name]
            props[name] = {"title": title, "description": description, **rest}
    return {"title": level.name, "description": t.level_description(level),
            "type": "object", "required": ["id", "namn"], "properties": props,
            "additionalProperties": False}


def _common_defs(t: _Texts) -> dict[str, Any]:
    org_names = listing([lv.lower for lv in t.org.levels])
    return {
        "id": {
            "title": "Id",
            "description": "Stabil identifierare, unik i hela planrepot. Den börjar med en "
            "bokstav eller siffra och får innehålla bokstäver, siffror, understreck, punkt, "
            "kolon och bindestreck. Id:t är det som länkar och historik hänger på, så byt det "
            "inte i onödan. Ett id som kan läsas som ett tal måste stå inom citattecken, "
            "t.ex. \"1.1\".",
            "type": "string", "pattern": ID_PATTERN,
            "examples": [t.example_id(lv) for lv in t.chain.levels[-2:]]},
        "datum": {
            "title": "Datum", "description": "Datum i formatet ÅÅÅÅ-MM-DD, t.ex. 2027-01-15.",
            "type": "string", "pattern": f"^{YEAR_RE}-[0-9]{{2}}-[0-9]{{2}}$", "format": "date",
            "examples": ["2027-01-15"]},
        "niva": {
            "title": "Nivå", "description": f"Nivå i organisationen: {org_names}.",
            "enum": list(t.org.kinds)},
        "status": {
            "title": "Status",
            "description": "Status: ej påbörjad, pågående, genomförd, försenad eller avbruten.",
            "enum": list(STATUSES)},
    }


def _year(title: str, description: str) -> dict[str, Any]:
    return {"title": title, "description": description, "type": "integer",
            "minimum": YEAR_MIN, "maximum": YEAR_MAX}


def plan_schema(model: SteeringModel) -> dict[str, Any]:
    """The schema of a verksamhetsplan in ``model``'s words."""
    t = _Texts(model)
    chain, org = model.chain, model.organisation
    parts = model.parts
    names = _def_names(model)
    top = org.top
    ram_orgs = parts["ram"].decided_by
    ram_names = listing([lv.lower for lv in t.orgs(ram_orgs)])
    ram_gen = t.genitives(ram_orgs)
    top_gen = top.genitive
    list_key = parts["ramar"].list_key or "organisationer"

    contents = [f"{listing([lv.genitive for lv in owners], 'och')} plan "
                + ("innehåller " if i == 0 else "") + listing(list(holds), "och")
                for i, (holds, owners) in enumerate(model.plan_contents(with_parts=True))]
    description = (f"En verksamhetsplan för {listing([_with_article(lv) for lv in org.levels])}. "
                   + (upper_first("; ".join(contents)) + ". " if contents else "")
                   + "Vilken nivå som får innehålla vad kontrolleras av malstyrnings regler.")

    properties: dict[str, Any] = {
        "typ": {"title": "Dokumenttyp", "description": "Anger att filen är en "
                "verksamhetsplan. Skrivs alltid typ: verksamhetsplan.",
                "const": "verksamhetsplan"},
        "organisation": {"title": "Organisation", "description": "Id i "
                         "organisationsregistret för den del av organisationen som planen "
                         "gäller, t.ex. KF, UBN eller UF-VAS.", "$ref": "#/$defs/id"},
        "nivå": {"title": "Nivå", "description": "Planens nivå: "
                 f"{listing([lv.lower for lv in org.levels])}. Ska stämma med organisationens "
                 "nivå i registret.", "$ref": "#/$defs/niva"},
        "period": {"title": "Period", "description": "Perioden som planen gäller: ett år, "
                   "t.ex. 2027, eller ett intervall, t.ex. 2027–2029.",
                   "$ref": "#/$defs/period"},
        "beslutad": {"title": "Beslutad", "description": "Datum då planen beslutades, t.ex. "
                     "2026-11-23.", "$ref": "#/$defs/datum"},
        "beslutsinstans": {"title": "Beslutsinstans", "description": "Det organ som "
                           "beslutade planen, t.ex. Kommunfullmäktige eller "
                           "Utbildningsnämnden.", "type": "string"},
        "kommentar": {"title": "Kommentar", "description": "Fri kommentar till planen, t.ex. "
                      "om vad som har ändrats sedan förra året.", "type": "string"},
        **_filing("planen"),
    }
    part_props: dict[str, dict[str, Any]] = {
        "finansiella_mål": {"title": parts["finansiella_mål"].name, "description":
                            f"{upper_first(t.genitives(parts['finansiella_mål'].decided_by))}"
                            " mål för god ekonomisk hushållning.", "type": "array",
                            "items": {"$ref": "#/$defs/finansiellt_mal"}},
        "ramar": {"title": parts["ramar"].name, "description":
                  f"{upper_first(t.genitives(parts['ramar'].decided_by))} ramar per "
                  f"{ram_names} för budgetåret, i tusental kronor (tkr).",
                  "$ref": "#/$defs/ramar"},
        "styrdokument": {"title": parts["styrdokument"].name, "description":
                         "Policyer, planer, riktlinjer, program och strategier som "
                         f"{t.deciders(parts['styrdokument'].decided_by)} styr med.",
                         "type": "array", "items": {"$ref": "#/$defs/styrdokument"}},
        "ram": {"title": parts["ram"].name, "description":
                f"{upper_first(ram_gen)} ekonomiska ram för budgetåret i tusental kronor "
                f"(tkr). Ska vara samma belopp som i {top_gen} ramar.",
                "type": "number", "minimum": 0, "maximum": TKR_MAX},
    }

    def part_rank(part: Part) -> int:
        ranks = [org.rank_of(k) for k in part.decided_by if org.rank_of(k) >= 0]
        return min(ranks) if ranks else 99

    def level_rank(level: Level) -> int:
        ranks = [org.rank_of(k) for k in level.decided_by if org.rank_of(k) >= 0]
        return min(ranks) if ranks else 99

    order: list[tuple[int, int, str]] = []
    for i, level in enumerate(chain.levels):
        order.append((level_rank(level), i, level.key))
    for j, part in enumerate(parts.values()):
        order.append((part_rank(part), 100 + j, part.key))
    for _rank, _i, key in sorted(order):
        found = chain.by_key(key)
        if found is None:
            properties[key] = part_props[key]
            continue
        level = found
        ref = {"$ref": f"#/$defs/{names[level.kind]}"}
        if level.is_root:
            properties[key] = {"title": level.name,
                               "description": t.section_description(level), **ref}
        else:
            properties[key] = {"title": level.plural,
                               "description": t.section_description(level),
                               "type": "array", "items": ref}

    common = _common_defs(t)
    defs: dict[str, Any] = {
        "id": common["id"],
        "idlista": {"title": "Lista med id:n", "description": "Lista med id:n, t.ex. [I1] "
                    "eller [UBN-E1, UBN-E2].", "type": "array",
                    "items": {"$ref": "#/$defs/id"}, "uniqueItems": True},
        "datum": common["datum"],
        "period": {
            "title": "Period",
            "description": "Ett år, t.ex. 2027, eller ett intervall av år, t.ex. 2027–2029. "
            "Intervallet skrivs med tankstreck (–) eller bindestreck (-).",
            "oneOf": [_year("År", "Ett enskilt år, t.ex. 2027."),
                      {"title": "Årsintervall", "description": "Ett år eller ett intervall "
                       "av år som text, t.ex. \"2027–2029\".", "type": "string",
                       "pattern": f"^{YEAR_RE}( ?[–-] ?{YEAR_RE})?$"}],
            "examples": [2027, "2027–2029"]},
        "niva": common["niva"],
        "agenda2030": {
            "title": "Agenda 2030",
            "description": "Lista med mål och delmål i FN:s Agenda 2030. Ett mål skrivs som "
            "\"3\", ett delmål som \"3.4\" eller \"4.a\". Skriv dem alltid inom citattecken så "
            "att de läses som text.", "type": "array",
            "items": {"title": "Agenda 2030-mål eller delmål", "description": "Ett mål "
                      "(\"1\"–\"17\") eller ett delmål (t.ex. \"11.a\") i Agenda 2030, som "
                      "text.", "type": "string"}},
        "riktning": {
            "title": "Riktning",
            "description": "Vilket håll som är bättre för indikatorn: högre (ett högre värde "
            "är bättre) eller lägre (ett lägre värde är bättre).", "enum": ["högre", "lägre"]},
        "status": common["status"],
        "styrdokumenttyp": {
            "title": "Typ av styrdokument",
            "description": "Vilken sorts styrdokument det är: policy, plan, riktlinje, "
            "program eller strategi.",
            "enum": ["policy", "plan", "riktlinje", "program", "strategi"]},
        "matvarde": {
            "title": "Mätvärde",
            "description": "Ett värde för ett visst år, t.ex. {år: 2027, värde: 75}.",
            "type": "object", "required": ["år", "värde"],
            "properties": {
                "år": _year("År", "Året som värdet gäller, t.ex. 2027."),
                "värde": {"title": "Värde", "description": "Indikatorns värde detta år, i "
                          "indikatorns enhet. Decimaler skrivs med punkt, t.ex. 72.1.",
                          "type": "number", "minimum": -VALUE_LIMIT,
                          "maximum": VALUE_LIMIT}},
            "additionalProperties": False},
        "indikator": _indicator_def(t),
    }
    for level in chain.levels:
        defs[names[level.kind]] = _level_def(t, level)
    defs["finansiellt_mal"] = {
        "title": "Finansiellt mål",
        "description": f"Mål för god ekonomisk hushållning som "
        f"{t.deciders(parts['finansiella_mål'].decided_by)} beslutar i budgeten "
        "(kommunallagen 11 kap.).",
        "type": "object", "required": ["id", "namn"],
        "properties": {
            "id": {"title": "Id", "description": "Det finansiella målets id, unikt i hela "
                   "planrepot, t.ex. F1.", "$ref": "#/$defs/id"},
            "namn": {"title": "Namn", "description": "Målet formulerat som en mening, t.ex. "
                     "\"Resultatet ska vara minst 2 % av skatteintäkter och generella "
                     "statsbidrag\".", "type": "string", "minLength": 1},
            "beskrivning": {"title": "Beskrivning", "description": "Längre beskrivning av "
                            "målet, t.ex. varför nivån är vald. Kan skrivas på flera rader "
                            "efter |.", "type": "string"},
            "indikatorer": {"title": "Indikatorer", "description": "Indikatorer (mått) som "
                            "visar om det finansiella målet nås. Varje indikator har baslinje "
                            "och målvärden per år.", "type": "array",
                            "items": {"$ref": "#/$defs/indikator"}}},
        "additionalProperties": False}
    ram_title = upper_first(listing([lv.definite for lv in t.orgs(ram_orgs)]) or "enheten")
    defs["organisationsram"] = {
        "title": f"{upper_first(ram_gen)} ram" if ram_gen else "Ram",
        "description": f"Ramen för budgetåret för {ram_names or 'en del av organisationen'}.",
        "type": "object", "required": ["organisation", "belopp"],
        "properties": {
            "organisation": {"title": ram_title,
                             "description": f"Id i organisationsregistret för {ram_title.lower()}"
                             ", t.ex. UBN.", "$ref": "#/$defs/id"},
            "belopp": {"title": "Belopp", "description": "Ramen i tusental kronor (tkr).",
                       "type": "number", "minimum": 0, "maximum": TKR_MAX}},
        "additionalProperties": False}
    ram_plural = listing([lv.lower_plural for lv in t.orgs(ram_orgs)])
    defs["ramar"] = {
        "title": parts["ramar"].name,
        "description": f"{upper_first(t.genitives(parts['ramar'].decided_by))} ekonomiska "
        f"ramar per {ram_names} för budgetåret, i tusental kronor (tkr). Beloppen ska "
        "tillsammans bli totalen.",
        "type": "object", "required": ["år", "total", list_key],
        "properties": {
            "år": _year("Budgetår", "Året som ramarna gäller, t.ex. 2027."),
            "total": {"title": "Total", "description": f"Summan av alla {ram_plural or 'ramar'}"
                      " ramar i tusental kronor (tkr).".replace(" ramar ramar", " ramar"),
                      "type": "number", "minimum": 0, "maximum": TKR_MAX},
            list_key: {"title": upper_first(ram_plural or list_key),
                       "description": f"Ramen för varje {ram_names or 'enhet'}.",
                       "type": "array", "items": {"$ref": "#/$defs/organisationsram"}}},
        "additionalProperties": False}
    policy = parts["styrdokument"]
    targets = [lv for lv in (chain.by_kind(k) for k in policy.parents) if lv is not None]
    target_text = listing([lv.definite if lv.is_root else f"de {lv.lower_plural}"
                       for lv in targets])
    defs["styrdokument"] = {
        "title": "Styrdokument",
        "description": "Policy, plan, riktlinje, program eller strategi som organisationen "
        "styr med vid sidan av målen. Styrdokumenten är långsiktiga och tar sikte på "
        f"{chain.root.definite}.",
        "type": "object", "required": ["id", "namn"],
        "properties": {
            "id": {"title": "Id", "description": "Styrdokumentets id, unikt i hela planrepot, "
                   "t.ex. SD-MILJO.", "$ref": "#/$defs/id"},
            "namn": {"title": "Namn", "description": "Styrdokumentets namn, t.ex. Miljö- och "
                     "klimatpolicy.", "type": "string", "minLength": 1},
            "beskrivning": {"title": "Beskrivning", "description": "Längre beskrivning av "
                            "styrdokumentet och vad det reglerar. Kan skrivas på flera rader "
                            "efter |.", "type": "string"},
            "typ": {"title": "Typ", "description": "Vilken sorts styrdokument det är: policy, "
                    "plan, riktlinje, program eller strategi.",
                    "$ref": "#/$defs/styrdokumenttyp"},
            "beslutad": {"title": "Beslutad", "description": "Datum då styrdokumentet "
                         "beslutades, t.ex. 2023-05-16.", "$ref": "#/$defs/datum"},
            "giltig_till": {"title": "Giltig till", "description": "Sista dag som "
                            "styrdokumentet gäller, t.ex. 2030-12-31. Därefter ska det "
                            "revideras eller upphävas.", "$ref": "#/$defs/datum"},
            "ansvarig": {"title": "Ansvarig", "description": "Det organ eller den funktion "
                         "som ansvarar för att styrdokumentet följs och hålls aktuellt, t.ex. "
                         "Kommunstyrelsen. Ange en roll eller ett organ, aldrig en enskild "
                         "person.", "type": "string"},
            "bidrar_till": {"title": "Bidrar till", "description": f"Id för {target_text} "
                            "som styrdokumentet stöder, t.ex. "
                            f"[{t.example_id(chain.root)}].", "$ref": "#/$defs/idlista"}},
        "additionalProperties": False}
    if not policy.parents:
        del defs["styrdokument"]["properties"]["bidrar_till"]
    return {"$schema": DRAFT, "$id": "urn:malstyrning:schema:v1:verksamhetsplan",
            "title": "Verksamhetsplan", "description": description, "type": "object",
            "required": ["typ", "organisation", "nivå", "period"], "properties": properties,
            "additionalProperties": False, "$defs": defs}


def _indicator_def(t: _Texts) -> dict[str, Any]:
    return {
        "title": "Indikator",
        "description": "Ett mått som visar om målet nås: baslinje (utgångsläge), målvärden "
        "per år, riktning, enhet och källa. Använd gärna nyckeltal som andra kommuner och "
        "regioner också mäter, t.ex. i Kolada, så att resultaten går att jämföra.",
        "type": "object", "required": ["id", "namn"],
        "properties": {
            "id": {"title": "Id", "description": "Indikatorns id, unikt i hela planrepot, "
                   f"t.ex. {t.example_id(t.chain.measurable_levels[0]) if t.chain.measurable_levels else 'M1'}-I1.",  # noqa: E501
                   "$ref": "#/$defs/id"},
            "namn": {"title": "Namn", "description": "Indikatorns namn, gärna samma som "
                     "nyckeltalets namn i källan.", "type": "string", "minLength": 1},
            "beskrivning": {"title": "Beskrivning", "description": "Längre beskrivning av "
                            "indikatorn, t.ex. hur den beräknas. Kan skrivas på flera rader "
                            "efter |.", "type": "string"},
            "enhet": {"title": "Enhet", "description": "Enheten som värdena anges i, t.ex. "
                      "\"%\", antal, dagar eller kr/invånare.", "type": "string"},
            "riktning": {"title": "Riktning", "description": "Om ett högre eller ett lägre "
                         "värde är bättre.", "$ref": "#/$defs/riktning"},
            "baslinje": {"title": "Baslinje", "description": "Utgångsläget: senast kända "
                         "värde och året det gäller, t.ex. {år: 2025, värde: 72.1}.",
                         "$ref": "#/$defs/matvarde"},
            "målvärden": {"title": "Målvärden", "description": "Värden som ska nås, ett per "
                          "år inom målets period, t.ex. [{år: 2027, värde: 75}, {år: 2028, "
                          "värde: 78}].", "type": "array", "items": {"$ref": "#/$defs/matvarde"}},
            "kolada": {"title": "Kolada-nyckeltal", "description": "Id för nyckeltalet i "
                       "Kolada, en stor bokstav och fem siffror, t.ex. N15419. Då kan utfallet "
                       "hämtas automatiskt.", "type": "string", "examples": ["N15419"]},
            "kolada_enhet": {"title": "Kolada-enhet", "description": "Id för enheten i "
                             "Kolada (en skola, ett äldreboende: Koladas ou-id, t.ex. "
                             "V15E144001301). Då hämtas enhetens värden i stället för "
                             "kommunens (`malstyrning kolada fetch`).", "type": "string",
                             "pattern": "^V[0-9]{2}E[0-9]{9}$",
                             "examples": ["V15E144001301"]},
            "källa": {"title": "Källa", "description": "Varifrån värdena kommer, t.ex. "
                      "Kolada, SCB eller en egen mätning.", "type": "string"},
            "vikt": {"title": "Vikt", "description": "Indikatorns vikt när måluppfyllelsen "
                     "räknas fram med regeln viktad (standard 1).", "type": "number",
                     "exclusiveMinimum": 0, "maximum": WEIGHT_MAX},
            "beräkning": {"title": "Beräkning av status", "description": "Hur indikatorns "
                          "status räknas fram, om den ska avvika från malstyrning.yaml: "
                          "andel (andel av vägen från baslinjen till målvärdet) eller "
                          "tillväxttakt (Open SDG: den årliga förändringstakten sedan "
                          "baslinjen jämförd med den takt som behövs för att nå målvärdet).",
                          "enum": ["andel", "tillväxttakt"]}},
        "additionalProperties": False}


def followup_schema(model: SteeringModel) -> dict[str, Any]:
    """The schema of an uppföljning in ``model``'s words."""
    t = _Texts(model)
    chain = model.chain
    goals = [lv for lv in chain.levels if lv.is_goal]
    goal_names = listing([lv.lower for lv in goals])
    financial = f"ett {model.parts['finansiella_mål'].kind}"
    common = _common_defs(t)
    properties: dict[str, Any] = {
        "typ": {"title": "Dokumenttyp", "description": "Anger att filen är en uppföljning. "
                "Skrivs alltid typ: uppföljning.", "const": "uppföljning"},
        "organisation": {"title": "Organisation", "description": "Id i "
                         "organisationsregistret för den som följer upp, t.ex. UBN.",
                         "$ref": "#/$defs/id"},
        "period": {"title": "Uppföljningsperiod", "description": "År och period, t.ex. "
                   "2027-T1, 2027-delår eller 2027-helår (perioderna står i "
                   "malstyrning.yaml).", "type": "string",
                   "pattern": f"^{YEAR_RE}-[A-Za-zÅÄÖåäö0-9_]+$",
                   "examples": ["2027-delår"]},
        "beslutad": {"title": "Beslutad", "description": "Datum då uppföljningen "
                     "beslutades, ÅÅÅÅ-MM-DD.", "$ref": "#/$defs/datum"},
        "beslutsinstans": {"title": "Beslutsinstans", "description": "Vem som beslutade "
                           "uppföljningen, t.ex. Utbildningsnämnden.", "type": "string"},
        "kommentar": {"title": "Kommentar", "description": "Fri kommentar till hela "
                      "uppföljningen.", "type": "string"},
        **_filing("uppföljningen"),
        "utfall": {"title": "Utfall", "description": "Indikatorernas utfall i perioden, ett "
                   "per indikator och år.", "type": "array", "items": {"$ref": "#/$defs/utfall"}},
        "bedömningar": {"title": "Bedömningar", "description": "Bedömning av "
                        f"måluppfyllelsen per mål ({goal_names or 'mål'}).",
                        "type": "array", "items": {"$ref": "#/$defs/bedomning"}},
        "ekonomi": {"$ref": "#/$defs/ekonomi"},
    }
    defs: dict[str, Any] = {
        "id": common["id"], "datum": common["datum"], "status": common["status"],
        **_economy_defs(model),
        "varde": {"title": "Värde", "description": "Ett tal, eller null när värdet saknas "
                  "(ange då orsaken under saknas). Skriv aldrig 0 för ett värde som saknas.",
                  "type": ["number", "null"], "minimum": -VALUE_LIMIT,
                  "maximum": VALUE_LIMIT},
        "utfall": {
            "title": "Utfall", "description": "Ett utfall för en indikator.", "type": "object",
            "additionalProperties": False, "required": ["indikator"],
            "properties": {
                "indikator": {"title": "Indikator", "description": "Id för indikatorn i "
                              "planen, t.ex. UBN-E1-I1.", "$ref": "#/$defs/id"},
                "år": _year("År", "Året som värdet gäller, t.ex. 2027."),
                "datum": {"title": "Per datum", "description": "Datum som värdet gäller per, "
                          "ÅÅÅÅ-MM-DD (i stället för eller utöver år).", "$ref": "#/$defs/datum"},
                "värde": {"title": "Värde", "description": "Utfallet som tal, i indikatorns "
                          "enhet. null om värdet saknas.", "$ref": "#/$defs/varde"},
                "saknas": {"title": "Orsak till att värdet saknas", "description": "Varför "
                           "det inte finns något värde, t.ex. att statistiken publiceras "
                           "senare.", "type": "string", "minLength": 1},
                "källa": {"title": "Källa", "description": "Var värdet kommer ifrån, t.ex. "
                          "Kolada eller Egen mätning.", "type": "string"},
                "kön": {"title": "Uppdelat på kön", "description": "Värden för kvinnor (K) och "
                        "män (M); totalen står under värde.", "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "K": {"title": "Kvinnor", "description": "Värdet för kvinnor "
                                  "(flickor).", "$ref": "#/$defs/varde"},
                            "M": {"title": "Män", "description": "Värdet för män (pojkar).",
                                  "$ref": "#/$defs/varde"}}},
                "kommentar": {"title": "Kommentar", "description": "Kommentar till värdet.",
                              "type": "string"}}},
        "bedomning": {
            "title": "Bedömning", "description": "Bedömningen av ett mål i perioden.",
            "type": "object", "additionalProperties": False,
            "required": ["mål", "måluppfyllelse"],
            "properties": {
                "mål": {"title": "Mål", "description": "Id för målet som bedöms "
                        f"({listing([lv.indefinite for lv in goals] + [financial])}).",
                        "$ref": "#/$defs/id"},
                "måluppfyllelse": {"title": "Måluppfyllelse", "description": "Bedömningen: "
                                   "uppfyllt, delvis uppfyllt, ej uppfyllt eller ej bedömt. I "
                                   "en tertial- eller delårsrapport är det en prognos för "
                                   "helåret.", "enum": ["uppfyllt", "delvis uppfyllt",
                                                        "ej uppfyllt", "ej bedömt"]},
                "trend": {"title": "Trend", "description": "Utvecklingen jämfört med förra "
                          "perioden: förbättrad, oförändrad eller försämrad.",
                          "enum": ["förbättrad", "oförändrad", "försämrad"]},
                "analys": {"title": "Analys", "description": "Vad resultatet beror på.",
                           "type": "string"},
                "slutsatser": {"title": "Slutsatser", "description": "Vad resultatet och "
                               "analysen betyder för verksamheten.", "type": "string"},
                "förbättringar": {"title": "Förbättringar", "description": "De förbättringar "
                                  "som beslutas, en per rad.", "type": "array",
                                  "items": {"title": "Förbättring", "description": "En "
                                            "beslutad förbättring.", "type": "string",
                                            "minLength": 1}}}},
    }
    names = _def_names(model)
    for level in chain.activity_levels:
        name = f"{names[level.kind]}_status"
        properties[level.key] = {"title": level.plural, "description": f"Status för "
                                 f"{level.definite_plural} i perioden.", "type": "array",
                                 "items": {"$ref": f"#/$defs/{name}"}}
        defs[name] = {
            "title": f"{upper_first(level.genitive)} status",
            "description": f"Status för {level.indefinite} i perioden.", "type": "object",
            "additionalProperties": False, "required": [level.kind, "status"],
            "properties": {
                level.kind: {"title": level.name, "description": f"Id för {level.definite} "
                             "i planen.", "$ref": "#/$defs/id"},
                "status": {"title": "Status", "description": "ej påbörjad, pågående, "
                           "genomförd, försenad eller avbruten.", "$ref": "#/$defs/status"},
                "kommentar": {"title": "Kommentar", "description": "Kommentar till statusen.",
                              "type": "string"}}}
    return {"$schema": DRAFT, "$id": "urn:malstyrning:schema:v1:uppfoljning",
            "title": "Uppföljning",
            "description": "Uppföljning för en organisation och en period: indikatorernas "
            "utfall, bedömningen av målen (analys, slutsatser, förbättringar)"
            + (f" och {listing([lv.definite_plural for lv in chain.activity_levels])}s status."
               if chain.activity_levels else "."),
            "type": "object", "additionalProperties": False,
            "required": ["typ", "organisation", "period"], "properties": properties,
            "$defs": defs}


def _economy_defs(model: SteeringModel) -> dict[str, Any]:
    """The ``ekonomi`` section of a follow-up: budget, outcome, prognos, comment (tkr)."""
    top = model.organisation.top
    amount = {"title": "Belopp", "description": "Ett belopp i tkr.", "type": "number",
              "minimum": -VALUE_LIMIT, "maximum": VALUE_LIMIT}
    return {
        "belopp": amount,
        "ekonomi": {
            "title": "Ekonomi", "description": "Periodens ekonomi i tkr (nettokostnad): "
            "budget, utfall hittills och prognos för helåret. Avvikelsen räknas fram som "
            "budget minus prognos (i årsredovisningen budget minus utfall); positiv "
            "avvikelse är ett överskott.", "type": "object", "additionalProperties": False,
            "required": ["budget", "utfall"],
            "properties": {
                "budget": {"$ref": "#/$defs/budget"},
                "utfall": {"title": "Utfall", "description": "Utfallet till och med "
                           "periodens slut, i tkr.", "$ref": "#/$defs/belopp"},
                "prognos": {"title": "Prognos för helåret", "description": "Det väntade "
                            "utfallet för hela året, i tkr. Krävs i en period med prognos "
                            "(tertial- och delårsrapport).", "$ref": "#/$defs/belopp"},
                "kommentar": {"title": "Kommentar", "description": "Förklaringen till "
                              "avvikelsen och vad som görs åt den.", "type": "string",
                              "minLength": 1}}},
        "budget": {
            "title": "Budget", "description": f"Ramen från {top.lower} och de förändringar "
            "som har beslutats under året.", "type": "object", "additionalProperties": False,
            "required": ["ram"],
            "properties": {
                "ram": {"title": "Ram", "description": f"Ramen som {top.lower} beslutade i "
                        "budgeten, i tkr.", "$ref": "#/$defs/belopp"},
                "förändringar": {"title": "Förändringar", "description": "Budgetförändringar "
                                 "som har beslutats under året, var och en med sitt beslut.",
                                 "type": "array", "items": {"$ref": "#/$defs/budgetforandring"}},
                "summa": {"title": "Budget efter förändringar", "description": "Ramen plus "
                          "förändringarna, i tkr. Kan utelämnas; då räknas den fram.",
                          "$ref": "#/$defs/belopp"}}},
        "budgetforandring": {
            "title": "Budgetförändring", "description": "En beslutad förändring av budgeten.",
            "type": "object", "additionalProperties": False, "required": ["belopp", "beslut"],
            "properties": {
                "belopp": {"title": "Belopp", "description": "Förändringen i tkr: positiv "
                           "när budgeten ökar, negativ när den minskar.",
                           "$ref": "#/$defs/belopp"},
                "beslut": {"title": "Beslut", "description": "Vilket beslut som ändrade "
                           "budgeten, t.ex. KF 2027-03-22 § 41.", "type": "string",
                           "minLength": 1},
                "avser": {"title": "Avser", "description": "Vad förändringen gäller.",
                          "type": "string"}}},
    }


def organisation_schema(model: SteeringModel) -> dict[str, Any]:
    """The schema of the organisation register with the model's organisation levels."""
    t = _Texts(model)
    org = model.organisation
    names = listing([lv.lower_plural if lv.definite != lv.lower else lv.lower
                 for lv in org.levels], "och")
    common = _common_defs(t)
    top = org.top
    return {
        "$schema": DRAFT, "$id": "urn:malstyrning:schema:v1:organisation",
        "title": "Organisationsregister",
        "description": f"Organisationen: {names} med id och överordnad. "
        "Verksamhetsplanerna hänvisar till id:n här.",
        "type": "object", "required": ["typ", "organisationer"],
        "properties": {
            "typ": {"title": "Dokumenttyp", "description": "Anger att filen är "
                    "organisationsregistret. Skrivs alltid typ: organisation.",
                    "const": "organisation"},
            "organisationer": {"title": "Organisationer", "description": "Alla delar av "
                               "organisationen som har en plan eller får en ram.",
                               "type": "array", "items": {"$ref": "#/$defs/organisationsenhet"}}},
        "additionalProperties": False,
        "$defs": {
            "id": common["id"],
            "niva": common["niva"],
            "organisationsenhet": {
                "title": "Organisatorisk enhet",
                "description": f"En del av organisationen: {listing([_with_article(lv) for lv in org.levels])}.",  # noqa: E501
                "type": "object", "required": ["id", "namn", "nivå"],
                "properties": {
                    "id": {"title": "Id", "description": "Id:t som planerna hänvisar till, "
                           "t.ex. UBN eller UF-VAS.", "$ref": "#/$defs/id"},
                    "namn": {"title": "Namn", "description": "Det fullständiga namnet, t.ex. "
                             "Utbildningsnämnden.", "type": "string", "minLength": 1},
                    "nivå": {"title": "Nivå", "description": "Nivån i organisationen: "
                             f"{listing([lv.lower for lv in org.levels])}.",
                             "$ref": "#/$defs/niva"},
                    "överordnad": {"title": "Överordnad", "description": "Id för den närmast "
                                   "överordnade delen av organisationen, t.ex. KF för en "
                                   f"nämnd. Utelämnas för {top.lower}.", "$ref": "#/$defs/id"}},
                "additionalProperties": False}}}


BUILDERS = {"organisation": organisation_schema, "verksamhetsplan": plan_schema,
            "uppföljning": followup_schema}


_BY_FINGERPRINT: dict[str, dict[str, dict[str, Any]]] = {}


def schemas_for(model: SteeringModel) -> dict[str, dict[str, Any]]:
    """Every generated schema of ``model`` by document kind, cached per fingerprint."""
    key = model.fingerprint
    found = _BY_FINGERPRINT.get(key)
    if found is None:
        found = {kind: build(model) for kind, build in BUILDERS.items()}
        _BY_FINGERPRINT[key] = found
    return found


def schema_text(schema: dict[str, Any]) -> str:
    """The file text of a schema: two-space indents, UTF-8 text, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    """The file a document kind's schema is written to, e.g. verksamhetsplan.schema.json."""
    name: str = defaults()["dokumenttyper"][kind]
    return name


def _filing(what: str) -> dict[str, Any]:
    """The optional filing data a cover page shows (diarienummer, §, meeting, annex)."""
    return {
        "diarienummer": {"title": "Diarienummer", "description": f"Ärendets diarienummer "
                         f"för {what}, t.ex. KS 2026/0412. Visas på försättsbladet.",
                         "type": "string", "minLength": 1},
        "paragraf": {"title": "Paragraf", "description": "Beslutets paragraf i protokollet, "
                     "t.ex. 112 eller § 112. Visas på försättsbladet som § 112.",
                     "type": ["string", "integer"], "minLength": 1, "minimum": 1},
        "sammanträdesdatum": {"title": "Sammanträdesdatum", "description": "Datum för det "
                              f"sammanträde där {what} behandlas, ÅÅÅÅ-MM-DD.",
                              "$ref": "#/$defs/datum"},
        "bilaga": {"title": "Bilaga", "description": f"Bilagans nummer när {what} bifogas "
                   "en kallelse eller ett protokoll, t.ex. 3 eller 3a.",
                   "type": ["string", "integer"], "minLength": 1, "minimum": 1},
    }
