"""Word lists and templates for the synthetic plan repositories in ``generate.py``.

Everything here is plain data: municipal committees (nämnder) with their
administrations, unit-name templates, roles, effect goals (effektmål) with
indicators, activity names and sentence templates for multi-line descriptions.
The texts are invented but written to read like real Swedish goal plans.

Agenda 2030 references use only goals ("N") and targets ("N.M" / "N.x") that
exist in the UN framework.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Data types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorTemplate:
    """Template for an indicator under an effect goal or a financial goal.

    ``lo``/``hi`` bound the baseline value and ``decimals`` is the number of
    decimals written. ``kolada`` is ``True`` for "has a Kolada KPI" (a synthetic
    id is drawn), a fixed id string, or ``False`` for none.
    """

    name: str
    unit: str
    direction: str  # "högre" | "lägre"
    lo: float
    hi: float
    decimals: int
    kolada: bool | str
    source: str


@dataclass(frozen=True)
class GoalTemplate:
    """Template for an effect goal (effektmål) of a committee."""

    name: str
    target_group: str
    priority: str  # key into PRIORITIES (the council's inriktningar)
    agenda2030: tuple[str, ...]
    indicators: tuple[IndicatorTemplate, ...]


@dataclass(frozen=True)
class CommitteeTemplate:
    """A committee (nämnd), its administration and what is needed to fill its units."""

    id: str
    name: str
    admin_id: str
    admin_name: str
    weight: float  # share of all units in the municipality
    budget_per_unit: int  # budget frame per unit, thousands of SEK (tkr)
    unit_names: tuple[str, ...]  # templates: "{p}" = name prefix, "{o}" = district
    roles: tuple[str, ...]
    audiences: tuple[str, ...]  # definite plural, used inside sentences
    goals: tuple[GoalTemplate, ...]
    activities: tuple[str, ...]


def indicator(
    name: str,
    unit: str,
    direction: str,
    lo: float,
    hi: float,
    *,
    decimals: int = 1,
    kolada: bool | str = False,
    source: str | None = None,
) -> IndicatorTemplate:
    """Build an :class:`IndicatorTemplate`; ``source`` defaults from ``kolada``."""
    if source is None:
        source = "Kolada" if kolada else "Egen mätning"
    return IndicatorTemplate(name, unit, direction, lo, hi, decimals, kolada, source)


def goal(
    name: str,
    target_group: str,
    priority: str,
    agenda2030: tuple[str, ...],
    *indicators: IndicatorTemplate,
) -> GoalTemplate:
    """Build a :class:`GoalTemplate`."""
    return GoalTemplate(name, target_group, priority, agenda2030, indicators)


def _words(text: str) -> tuple[str, ...]:
    """Split a space-separated word list."""
    return tuple(text.split())


def _compound(first: str, second: str) -> str:
    """Join two parts of a Swedish compound; three equal letters become two (Tall+lund)."""
    if len(first) >= 2 and first[-1] == first[-2] == second[0]:
        return first + second[1:]
    return first + second


# ---------------------------------------------------------------------------
# Municipal level
# ---------------------------------------------------------------------------

VISION = {
    "storstad": "Storstad – en öppen, trygg och hållbar stad där alla kan växa",
    "heby": "Heby kommun – en växande landsbygdskommun, med närhet, trygghet och livskvalitet",
}

#: The council's inriktningar: key -> (namn, agenda2030, beskrivning lines).
PRIORITIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "barn": (
        "Alla barn och unga har goda förutsättningar att lyckas",
        ("4", "4.1", "4.2"),
        (
            "Förskola och skola ska ge alla barn och elever en god start i livet.",
            "Kommunen arbetar förebyggande och tidigt tillsammans med vårdnadshavare.",
            "Skillnader i resultat mellan olika delar av kommunen ska minska.",
        ),
    ),
    "trygg": (
        "En trygg och jämlik kommun",
        ("10.2", "11.7", "16.1"),
        (
            "Invånarna ska känna sig trygga i sitt bostadsområde, i skolan och i "
            "offentliga miljöer.",
            "Det brottsförebyggande arbetet sker i samverkan med polisen och civilsamhället.",
            "Kommunens tjänster ska vara likvärdiga och tillgängliga för alla.",
        ),
    ),
    "klimat": (
        "En klimatsmart och hållbar kommun",
        ("7.2", "11.6", "12.5", "13.2"),
        (
            "Kommunens klimatpåverkan ska minska i linje med det nationella klimatmålet.",
            "Energianvändningen i lokaler och transporter ska effektiviseras.",
            "Natur, grönområden och biologisk mångfald värnas när kommunen växer.",
        ),
    ),
    "tillvaxt": (
        "En växande kommun med arbete och bostäder för alla",
        ("8.3", "8.5", "11.1"),
        (
            "Kommunen ska erbjuda ett gott företagsklimat och attraktiva platser att bo på.",
            "Fler invånare ska kunna försörja sig genom arbete eller studier.",
            "Kultur och fritid bidrar till livskvalitet och en levande kommun.",
        ),
    ),
    "omsorg": (
        "God vård och omsorg genom hela livet",
        ("3", "3.8", "10.2"),
        (
            "Den som behöver stöd och omsorg ska få det med god kvalitet och kontinuitet.",
            "Insatserna utgår från den enskildes behov, delaktighet och självbestämmande.",
            "Förebyggande arbete ger fler invånare möjlighet att leva ett självständigt liv.",
        ),
    ),
    "organisation": (
        "En effektiv organisation med ekonomi i balans",
        ("16.6", "16.7"),
        (
            "Kommunens resurser används effektivt och varje nämnd håller sin budget.",
            "Digitalisering och samverkan förenklar vardagen för invånare och medarbetare.",
            "Kommunen är en attraktiv arbetsgivare med god arbetsmiljö.",
        ),
    ),
}

FINANCIAL_GOALS: tuple[tuple[str, IndicatorTemplate | None], ...] = (
    (
        "Resultatet ska vara minst 2 % av skatteintäkter och generella statsbidrag",
        indicator(
            "Resultat före extraordinära poster, andel av skatter och generella statsbidrag (%)",
            "%",
            "högre",
            1.2,
            1.9,
            kolada=True,
        ),
    ),
    (
        "Investeringarna ska till minst 70 % finansieras med egna medel",
        indicator("Självfinansieringsgrad av investeringar (%)", "%", "högre", 55, 68, decimals=0),
    ),
    (
        "Nämnderna ska bedriva sin verksamhet inom tilldelad budgetram",
        None,
    ),
)

#: Policy documents: (id suffix, namn, typ, beslutad, giltig_till or "",
#: key into PRIORITIES or "" for the vision).
POLICY_DOCUMENTS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("MILJO", "Miljö- och klimatpolicy", "policy", "2023-05-16", "2030-12-31", "klimat"),
    ("BOST", "Bostadsförsörjningsprogram", "program", "2024-03-19", "2031-12-31", "tillvaxt"),
    (
        "TRYGG",
        "Strategi för trygghet och brottsförebyggande arbete",
        "strategi",
        "2025-02-11",
        "2030-12-31",
        "trygg",
    ),
    ("DIGI", "Riktlinje för digitalisering", "riktlinje", "2024-10-22", "", ""),
)

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

#: First parts of unit names: Björk -> Björkskolan, Förskolan Björkgläntan.
NAME_PREFIXES: tuple[str, ...] = _words(
    "Björk Ek Lind Asp Al Hägg Rönn Tall Gran Lönn Hassel Sälg Sjö Ängs Berg Dal Strand "
    "Skogs Sol Rosen Vret Kvarn Sten Bäck Hag Malm Fågel Lärk Trast Svan Blåbärs Lingon "
    "Ljung Vide Mård Uggle Ekorr Hjort Räv Tran"
)

#: Invented districts (stadsdelar) used in unit names.
DISTRICTS: tuple[str, ...] = tuple(
    dict.fromkeys(
        _words(
            "Norrby Söderby Västerby Österby Ekbacken Lindhagen Björkhagen Sjövik Strandvik "
            "Hagalund Solhem Rosendal Kvarnholmen Malmvik Stenby Dalby Skogsås Ängby Tallbacka "
            "Granhammar Åsen Torpa Lövsta Viksjö Mossen Kärrtorp Fruängen Bergshamra Hammarby "
            "Vretlunda Långbro Fagersta Östermalm Centrum Hamnen Ladugården"
        )
        # Composed place names (Granby, Ekvik, Solberga …) so that 2,000 units
        # rarely need a number to keep their names unique.
        + tuple(
            _compound(prefix.rstrip("s"), ending)
            for ending in _words("by vik lund dal berga näs torp sta holmen ås")
            for prefix in NAME_PREFIXES
        )
    )
)

# ---------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------

COMMON_ACTIVITIES: tuple[str, ...] = (
    "Systematiskt arbetsmiljöarbete med fokus på organisatorisk och social arbetsmiljö",
    "Införa digital uppföljning av verksamhetens nyckeltal",
    "Kompetensutveckling i bemötande och tillgänglighet",
    "Minska matsvinnet och förbrukningen av engångsmaterial",
    "Översyn av rutiner för introduktion av nya medarbetare",
    "Utveckla samverkan med civilsamhällets organisationer",
    "Genomföra riskanalys och plan för kontinuitetshantering",
    "Kartlägga och minska energianvändningen i verksamhetens lokaler",
    "Förbättra informationen till invånare på lättläst svenska",
    "Jämställdhetsanalys av verksamhetens tjänster",
    "Hälsofrämjande insatser för att minska korttidssjukfrånvaron",
    "Digital kompetensutveckling för alla medarbetare",
    "Översyn av verksamhetens processer för klagomål och synpunkter",
    "Ta fram en plan för kompetensförsörjning 2027–2029",
)

GENERIC_GOALS: tuple[GoalTemplate, ...] = (
    goal(
        "Medarbetare har en god och hälsosam arbetsmiljö",
        "Medarbetare",
        "organisation",
        ("3.4", "8.8"),
        indicator(
            "Sjukfrånvaro bland medarbetare, andel av arbetad tid (%)",
            "%",
            "lägre",
            5.5,
            9.0,
            kolada=True,
        ),
        indicator(
            "Hållbart medarbetarengagemang (HME), index",
            "index",
            "högre",
            74,
            82,
            decimals=0,
            kolada=True,
        ),
    ),
    goal(
        "Minskad klimatpåverkan från verksamheten",
        "Verksamhetens medarbetare och leverantörer",
        "klimat",
        ("12.5", "13.2"),
        indicator("Tjänsteresor med fossilfria färdmedel, andel (%)", "%", "högre", 60, 80),
        indicator("Avfall som sorteras för återvinning, andel (%)", "%", "högre", 40, 60),
    ),
    goal(
        "Ökad digitalisering i verksamheten",
        "Invånare och medarbetare",
        "organisation",
        ("9.c", "16.6"),
        indicator("Ärenden som inkommer digitalt, andel (%)", "%", "högre", 30, 55),
    ),
    goal(
        "Invånare upplever ett gott bemötande",
        "Invånare som har kontakt med verksamheten",
        "organisation",
        ("16.6", "16.7"),
        indicator(
            "Invånare som upplever ett gott bemötande, andel (%)",
            "%",
            "högre",
            75,
            88,
            source="Medborgarundersökning",
        ),
    ),
    goal(
        "Jämlika och jämställda tjänster",
        "Invånare",
        "trygg",
        ("5.1", "10.2"),
        indicator(
            "Verksamheter som genomfört jämställdhetsanalys, andel (%)",
            "%",
            "högre",
            30,
            60,
            decimals=0,
        ),
    ),
    goal(
        "Ökad tillgänglighet för personer med funktionsnedsättning",
        "Invånare med funktionsnedsättning",
        "trygg",
        ("10.2", "11.7"),
        indicator(
            "Verksamhetslokaler som uppfyller tillgänglighetskraven, andel (%)",
            "%",
            "högre",
            55,
            75,
        ),
    ),
    goal(
        "Fler unga får feriejobb och praktik",
        "Unga 16–19 år",
        "barn",
        ("8.6",),
        indicator(
            "Erbjudna feriejobb och praktikplatser, antal", "antal", "högre", 20, 80, decimals=0
        ),
    ),
    goal(
        "Verksamheten bedrivs med ekonomi i balans",
        "Verksamheten",
        "organisation",
        ("16.6",),
        indicator(
            "Avvikelse mellan prognos i augusti och bokslut, andel av budget (%)",
            "%",
            "lägre",
            1.0,
            3.0,
        ),
    ),
)

COMMITTEES: tuple[CommitteeTemplate, ...] = (
    CommitteeTemplate(
        id="KS",
        name="Kommunstyrelsen",
        admin_id="SLK",
        admin_name="Stadsledningskontoret",
        weight=1.0,
        budget_per_unit=40000,
        unit_names=(
            "Ekonomiavdelningen",
            "HR-avdelningen",
            "Kommunikationsavdelningen",
            "Digitaliseringsenheten",
            "Säkerhetsenheten",
            "Juridiska avdelningen",
            "Utvecklingsavdelningen",
            "Upphandlingsenheten",
            "Näringslivsenheten",
            "Kansliavdelningen",
            "Samhällsplaneringsenheten",
            "Områdesutveckling {o}",
        ),
        roles=("Avdelningschef", "Enhetschef", "Strateg", "Controller", "Utvecklingsledare"),
        audiences=("invånarna", "nämnderna", "medarbetarna", "företagen"),
        goals=(
            goal(
                "Ekonomi i balans i hela kommunkoncernen",
                "Kommunens nämnder och bolag",
                "organisation",
                ("16.6",),
                indicator(
                    "Nämnder med budget i balans, andel (%)", "%", "högre", 70, 88, decimals=0
                ),
            ),
            goal(
                "Kommunen är en attraktiv arbetsgivare",
                "Medarbetare",
                "organisation",
                ("8.5", "8.8"),
                indicator(
                    "Hållbart medarbetarengagemang (HME), index",
                    "index",
                    "högre",
                    76,
                    81,
                    decimals=0,
                    kolada=True,
                ),
                indicator("Medarbetare som slutat på egen begäran, andel (%)", "%", "lägre", 6, 10),
            ),
            goal(
                "Ökad trygghet i offentliga miljöer",
                "Invånare",
                "trygg",
                ("11.7", "16.1"),
                indicator(
                    "Invånare som känner sig trygga utomhus på kvällen, andel (%)",
                    "%",
                    "högre",
                    60,
                    72,
                    source="Trygghetsundersökning",
                ),
            ),
            goal(
                "Ett gott företagsklimat",
                "Företag i kommunen",
                "tillvaxt",
                ("8.3",),
                indicator(
                    "Sammanfattande omdöme om företagsklimatet, index", "index", "högre", 3.0, 3.6
                ),
                indicator(
                    "Nystartade företag per 1 000 invånare", "antal", "högre", 5, 9, kolada=True
                ),
            ),
        ),
        activities=(
            "Samordna kommunens arbete med budget och verksamhetsplan",
            "Utveckla kommunens chefsprogram",
            "Införa gemensam plattform för e-tjänster",
            "Trygghetsvandringar i samverkan med polisen",
            "Näringslivsdialoger med lokala företag",
            "Ta fram en kommunövergripande kompetensförsörjningsplan",
            "Genomföra medborgardialog om den fysiska planeringen",
        ),
    ),
    CommitteeTemplate(
        id="UBN",
        name="Utbildningsnämnden",
        admin_id="UF",
        admin_name="Utbildningsförvaltningen",
        weight=24.0,
        budget_per_unit=42000,
        unit_names=("{p}skolan", "{p}dalsskolan", "{p}backsskolan", "{o}skolan", "{o} gymnasium"),
        roles=(
            "Rektor",
            "Biträdande rektor",
            "Förstelärare",
            "Specialpedagog",
            "Elevhälsans samordnare",
        ),
        audiences=(
            "eleverna",
            "vårdnadshavarna",
            "elever i behov av särskilt stöd",
            "nyanlända elever",
        ),
        goals=(
            goal(
                "Fler elever når kunskapskraven i grundskolan",
                "Elever i grundskolan",
                "barn",
                ("4.1",),
                indicator(
                    "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, andel (%)",
                    "%",
                    "högre",
                    68,
                    80,
                    kolada="N15419",
                ),
                indicator(
                    "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)",
                    "%",
                    "högre",
                    80,
                    90,
                    kolada=True,
                ),
                indicator(
                    "Genomsnittligt meritvärde i åk 9", "poäng", "högre", 215, 235, kolada=True
                ),
            ),
            goal(
                "Fler elever känner sig trygga i skolan",
                "Elever i grundskolan och gymnasieskolan",
                "trygg",
                ("4.a", "16.1"),
                indicator(
                    "Elever i åk 5 som känner sig trygga i skolan, andel (%)",
                    "%",
                    "högre",
                    82,
                    90,
                    kolada=True,
                ),
                indicator(
                    "Elever i åk 8 som känner sig trygga i skolan, andel (%)",
                    "%",
                    "högre",
                    76,
                    86,
                    kolada=True,
                ),
            ),
            goal(
                "Fler elever fullföljer gymnasieutbildningen",
                "Elever i gymnasieskolan",
                "barn",
                ("4.1", "4.4"),
                indicator(
                    "Gymnasieelever med examen inom 4 år, andel (%)",
                    "%",
                    "högre",
                    68,
                    78,
                    kolada=True,
                ),
                indicator("Gymnasieelever som avbrutit studierna, andel (%)", "%", "lägre", 4, 8),
            ),
            goal(
                "Minskad frånvaro i grundskolan",
                "Elever i grundskolan",
                "barn",
                ("4.1",),
                indicator("Elever med mer än 15 % frånvaro, andel (%)", "%", "lägre", 12, 18),
                indicator(
                    "Genomsnittlig frånvaro, andel av undervisningstiden (%)", "%", "lägre", 6, 10
                ),
            ),
        ),
        activities=(
            "Läsfrämjande insatser i åk 1–3",
            "Kollegialt lärande i matematik",
            "Utveckla arbetet med extra anpassningar",
            "Införa gemensam rutin för frånvarouppföljning",
            "Trygghetsvandring med elevrådet",
            "Studiero i klassrummet – gemensamma förhållningssätt",
            "Fortbildning i språk- och kunskapsutvecklande arbetssätt",
            "Stärkt samarbete med vårdnadshavare kring skolnärvaro",
            "Rastaktiviteter i samverkan med fritidshemmet",
            "Studie- och yrkesvägledning i hela skolan",
        ),
    ),
    CommitteeTemplate(
        id="FSN",
        name="Förskolenämnden",
        admin_id="FSF",
        admin_name="Förskoleförvaltningen",
        weight=28.0,
        budget_per_unit=17000,
        unit_names=(
            "Förskolan {p}gläntan",
            "Förskolan {o}",
            "Förskolan {p}backen",
            "{p}hagens förskola",
            "Förskolan {p}stugan",
        ),
        roles=("Rektor", "Biträdande rektor", "Förskollärare", "Pedagogista", "Specialpedagog"),
        audiences=("barnen", "vårdnadshavarna", "barn med annat modersmål", "de yngsta barnen"),
        goals=(
            goal(
                "Fler barn får en god språkutveckling i förskolan",
                "Barn i förskolan",
                "barn",
                ("4.2",),
                indicator(
                    "Barn med åldersadekvat språkutveckling vid 5 års ålder, andel (%)",
                    "%",
                    "högre",
                    70,
                    82,
                ),
                indicator(
                    "Inskrivna barn 1–5 år i förskola, andel (%)", "%", "högre", 82, 90, kolada=True
                ),
            ),
            goal(
                "Förskolan erbjuder en trygg och stimulerande miljö",
                "Barn i förskolan och deras vårdnadshavare",
                "trygg",
                ("4.2",),
                indicator(
                    "Vårdnadshavare som upplever att barnet känner sig tryggt, andel (%)",
                    "%",
                    "högre",
                    88,
                    94,
                    source="Förskoleenkäten",
                ),
                indicator(
                    "Barn per årsarbetare i förskolan", "antal", "lägre", 5.0, 5.8, kolada=True
                ),
            ),
            goal(
                "Fler legitimerade förskollärare i förskolan",
                "Barn i förskolan",
                "barn",
                ("4.c",),
                indicator(
                    "Årsarbetare med förskollärarlegitimation, andel (%)",
                    "%",
                    "högre",
                    35,
                    45,
                    kolada=True,
                ),
            ),
            goal(
                "Minskad miljöpåverkan från förskolans verksamhet",
                "Barn och medarbetare i förskolan",
                "klimat",
                ("12.5", "13.3"),
                indicator(
                    "Förskolor med Grön Flagg eller motsvarande, andel (%)",
                    "%",
                    "högre",
                    20,
                    35,
                    decimals=0,
                ),
                indicator("Matsvinn per serverad portion", "g", "lägre", 20, 35, decimals=0),
            ),
        ),
        activities=(
            "Språkutvecklande arbetssätt med högläsning varje dag",
            "Utveckla utemiljön för lek och lärande",
            "Inskolning med föräldraaktivt arbetssätt",
            "Pedagogisk dokumentation i lärplattformen",
            "Hållbar utveckling i förskolans vardag",
            "Stärkt samverkan med barnavårdscentralen",
            "Digitala verktyg i undervisningen i förskolan",
            "Rörelseglädje och friluftsliv för de yngsta barnen",
        ),
    ),
    CommitteeTemplate(
        id="OMN",
        name="Omsorgsnämnden",
        admin_id="OF",
        admin_name="Omsorgsförvaltningen",
        weight=14.0,
        budget_per_unit=38000,
        unit_names=(
            "{p}gårdens vård- och omsorgsboende",
            "Hemtjänst {o}",
            "{p}hemmet",
            "Dagverksamhet {o}",
            "Korttidsboendet {p}gården",
        ),
        roles=(
            "Enhetschef",
            "Verksamhetschef",
            "Sjuksköterska",
            "Kvalitetsutvecklare",
            "Arbetsterapeut",
        ),
        audiences=("de äldre", "brukarna", "anhöriga", "personer med demenssjukdom"),
        goals=(
            goal(
                "Äldre upplever trygghet i sitt boende",
                "Personer i vård- och omsorgsboende",
                "omsorg",
                ("3.8", "11.7"),
                indicator(
                    "Brukare i vård- och omsorgsboende som känner sig trygga, andel (%)",
                    "%",
                    "högre",
                    80,
                    88,
                    kolada=True,
                ),
                indicator(
                    "Brukare som är nöjda med sitt vård- och omsorgsboende, andel (%)",
                    "%",
                    "högre",
                    78,
                    86,
                    kolada=True,
                ),
            ),
            goal(
                "Ökad kontinuitet i hemtjänsten",
                "Personer med hemtjänst",
                "omsorg",
                ("3.8",),
                indicator(
                    "Personal som en hemtjänsttagare möter under 14 dagar, antal",
                    "antal",
                    "lägre",
                    13,
                    18,
                    decimals=0,
                    kolada=True,
                ),
                indicator(
                    "Hemtjänsttagare som är nöjda med hemtjänsten, andel (%)",
                    "%",
                    "högre",
                    82,
                    90,
                    kolada=True,
                ),
            ),
            goal(
                "Fler äldre kan bo kvar hemma med rätt stöd",
                "Personer 80 år och äldre",
                "omsorg",
                ("3.8", "10.2"),
                indicator(
                    "Invånare 80 år och äldre i ordinärt boende, andel (%)",
                    "%",
                    "högre",
                    88,
                    92,
                    kolada=True,
                ),
                indicator(
                    "Väntetid till vård- och omsorgsboende, medelvärde",
                    "dagar",
                    "lägre",
                    40,
                    80,
                    decimals=0,
                    kolada=True,
                ),
            ),
            goal(
                "Färre fallskador bland äldre",
                "Personer 65 år och äldre",
                "omsorg",
                ("3.8",),
                indicator(
                    "Fallskador bland personer 80 år och äldre per 1 000 invånare",
                    "antal",
                    "lägre",
                    60,
                    80,
                    kolada=True,
                ),
            ),
        ),
        activities=(
            "Införa fast omsorgskontakt i hemtjänsten",
            "Förebyggande hembesök för personer 80 år och äldre",
            "Utbildning i demensvård enligt Socialstyrelsens riktlinjer",
            "Fallpreventivt arbete med riskbedömning",
            "Utveckla måltidssituationen på boendet",
            "Digital tillsyn nattetid för brukare som önskar det",
            "Anhörigträffar och stöd till anhöriga",
            "Meningsfull vardag med aktiviteter utomhus",
            "Läkemedelsgenomgångar i samverkan med regionen",
        ),
    ),
    CommitteeTemplate(
        id="SN",
        name="Socialnämnden",
        admin_id="SOF",
        admin_name="Socialförvaltningen",
        weight=6.0,
        budget_per_unit=32000,
        unit_names=(
            "Barn och familj {o}",
            "Ekonomiskt bistånd {o}",
            "Vuxenenheten {o}",
            "Familjebehandling {o}",
            "Familjecentralen {p}gården",
        ),
        roles=(
            "Enhetschef",
            "Sektionschef",
            "Socialsekreterare",
            "Metodutvecklare",
            "Familjebehandlare",
        ),
        audiences=("barnen och familjerna", "de enskilda", "klienterna", "unga vuxna"),
        goals=(
            goal(
                "Fler barn och unga växer upp under trygga förhållanden",
                "Barn och unga 0–20 år",
                "trygg",
                ("16.2",),
                indicator(
                    "Barn och unga som inte återaktualiserats inom ett år efter avslutad "
                    "insats, andel (%)",
                    "%",
                    "högre",
                    70,
                    80,
                    kolada=True,
                ),
                indicator(
                    "Utredningstid inom barn- och ungdomsvården, medelvärde",
                    "dagar",
                    "lägre",
                    100,
                    130,
                    decimals=0,
                    kolada=True,
                ),
            ),
            goal(
                "Fler personer blir självförsörjande",
                "Vuxna med ekonomiskt bistånd",
                "tillvaxt",
                ("1.2", "8.5"),
                indicator(
                    "Invånare med långvarigt ekonomiskt bistånd, andel (%)",
                    "%",
                    "lägre",
                    1.0,
                    2.5,
                    kolada=True,
                ),
                indicator(
                    "Hushåll som lämnat ekonomiskt bistånd för arbete eller studier, andel (%)",
                    "%",
                    "högre",
                    30,
                    40,
                ),
            ),
            goal(
                "Färre personer har ett skadligt bruk av alkohol och narkotika",
                "Vuxna med missbruks- och beroendeproblem",
                "omsorg",
                ("3.5",),
                indicator("Klienter som fullföljt behandling, andel (%)", "%", "högre", 55, 70),
            ),
            goal(
                "Färre personer utsätts för våld i nära relationer",
                "Personer utsatta för våld i nära relationer",
                "trygg",
                ("5.2", "16.1"),
                indicator(
                    "Ärenden där frågan om våldsutsatthet ställts, andel (%)", "%", "högre", 60, 75
                ),
                indicator(
                    "Medarbetare som utbildats i att fråga om våld, andel (%)",
                    "%",
                    "högre",
                    50,
                    70,
                    decimals=0,
                ),
            ),
        ),
        activities=(
            "Tidiga och samordnade insatser för barn och unga",
            "Införa strukturerade bedömningsmetoder i utredningar",
            "Arbetsmarknadsinriktat stöd för personer med ekonomiskt bistånd",
            "Rutin för att fråga om våldsutsatthet",
            "Föräldraskapsstöd i grupp",
            "Uppsökande arbete bland unga vuxna",
            "Samverkan med skolan kring elever med hög frånvaro",
        ),
    ),
    CommitteeTemplate(
        id="FUN",
        name="Funktionsstödsnämnden",
        admin_id="FUF",
        admin_name="Funktionsstödsförvaltningen",
        weight=8.0,
        budget_per_unit=26000,
        unit_names=(
            "Gruppbostaden {p}vägen",
            "Gruppbostaden {o}vägen",
            "Servicebostaden {o}gatan",
            "Daglig verksamhet {p}verkstaden",
            "Personlig assistans {o}",
            "Boendestöd {o}",
        ),
        roles=(
            "Enhetschef",
            "Verksamhetschef",
            "Stödpedagog",
            "Kvalitetsutvecklare",
            "Arbetsterapeut",
        ),
        audiences=("brukarna", "de boende", "deltagarna", "anhöriga och gode män"),
        goals=(
            goal(
                "Ökad delaktighet för personer med funktionsnedsättning",
                "Personer med insats enligt LSS",
                "omsorg",
                ("10.2",),
                indicator(
                    "Brukare i gruppbostad som får bestämma om saker som är viktiga, andel (%)",
                    "%",
                    "högre",
                    75,
                    85,
                    kolada=True,
                ),
                indicator(
                    "Brukare i daglig verksamhet som trivs, andel (%)",
                    "%",
                    "högre",
                    85,
                    92,
                    kolada=True,
                ),
            ),
            goal(
                "Fler personer med funktionsnedsättning kommer ut i arbete",
                "Personer i daglig verksamhet",
                "tillvaxt",
                ("8.5",),
                indicator(
                    "Personer som gått från daglig verksamhet till arbete, antal",
                    "antal",
                    "högre",
                    10,
                    30,
                    decimals=0,
                ),
            ),
            goal(
                "God kvalitet i boendestödet",
                "Personer med boendestöd",
                "omsorg",
                ("3.4", "11.1"),
                indicator("Brukare som är nöjda med boendestödet, andel (%)", "%", "högre", 80, 88),
            ),
            goal(
                "Minskad användning av begränsningsåtgärder",
                "Personer med insats enligt LSS",
                "trygg",
                ("10.3",),
                indicator(
                    "Rapporterade begränsningsåtgärder per år", "antal", "lägre", 40, 80, decimals=0
                ),
            ),
        ),
        activities=(
            "Individuella genomförandeplaner med brukarens delaktighet",
            "Tydliggörande pedagogik i hela verksamheten",
            "Praktikplatser på den öppna arbetsmarknaden",
            "Lågaffektivt bemötande – utbildning och handledning",
            "Hälsofrämjande aktiviteter för de boende",
            "Digitala hjälpmedel för ökad självständighet",
            "Brukarråd med regelbundna möten",
        ),
    ),
    CommitteeTemplate(
        id="KUN",
        name="Kulturnämnden",
        admin_id="KUF",
        admin_name="Kulturförvaltningen",
        weight=3.0,
        budget_per_unit=12000,
        unit_names=("{o} bibliotek", "Kulturskolan {o}", "{o} kulturhus", "{p}salongen"),
        roles=(
            "Bibliotekschef",
            "Bibliotekarie",
            "Kulturstrateg",
            "Verksamhetsutvecklare",
            "Kulturskolechef",
        ),
        audiences=("besökarna", "barn och unga", "låntagarna", "kulturskolans elever"),
        goals=(
            goal(
                "Fler invånare tar del av kulturutbudet",
                "Invånare i alla åldrar",
                "tillvaxt",
                ("11.4",),
                indicator(
                    "Besök på folkbibliotek per invånare", "antal", "högre", 4.0, 6.0, kolada=True
                ),
                indicator(
                    "Deltagare i kulturskolan, andel av invånare 6–18 år (%)",
                    "%",
                    "högre",
                    12,
                    20,
                    kolada=True,
                ),
            ),
            goal(
                "Fler barn och unga läser på fritiden",
                "Barn och unga 0–18 år",
                "barn",
                ("4.6",),
                indicator(
                    "Utlån av barn- och ungdomslitteratur per invånare 0–17 år",
                    "antal",
                    "högre",
                    8,
                    12,
                    kolada=True,
                ),
            ),
            goal(
                "Biblioteken är tillgängliga mötesplatser",
                "Invånare",
                "trygg",
                ("11.7", "16.10"),
                indicator(
                    "Öppettimmar per vecka på folkbiblioteken",
                    "timmar",
                    "högre",
                    40,
                    60,
                    decimals=0,
                ),
            ),
            goal(
                "Ökad digital delaktighet",
                "Invånare med begränsad digital vana",
                "tillvaxt",
                ("4.4", "10.2"),
                indicator(
                    "Deltagare i digital vägledning, antal", "antal", "högre", 800, 1500, decimals=0
                ),
            ),
        ),
        activities=(
            "Läsfrämjande program för barn och unga",
            "Digital vägledning för seniorer",
            "Meröppet bibliotek med utökade öppettider",
            "Kulturskolans avgiftsfria prova-på-verksamhet",
            "Författarbesök och litterära samtal",
            "Samarbete med skolbiblioteken",
            "Sommarlovsaktiviteter i biblioteket",
        ),
    ),
    CommitteeTemplate(
        id="IDN",
        name="Idrottsnämnden",
        admin_id="IDF",
        admin_name="Idrottsförvaltningen",
        weight=3.0,
        budget_per_unit=15000,
        unit_names=("{p}hallen", "{o} simhall", "{p}vallens idrottsplats", "{o} sporthall"),
        roles=("Anläggningschef", "Driftledare", "Föreningsutvecklare", "Badmästare"),
        audiences=("föreningarna", "besökarna", "barn och unga", "motionärerna"),
        goals=(
            goal(
                "Fler barn och unga rör sig regelbundet",
                "Barn och unga 7–20 år",
                "barn",
                ("3.4",),
                indicator(
                    "Deltagartillfällen i idrottsföreningar, 7–20 år, per invånare",
                    "antal",
                    "högre",
                    20,
                    30,
                    kolada=True,
                ),
            ),
            goal(
                "Jämställd fördelning av tider i idrottsanläggningar",
                "Föreningsaktiva flickor och pojkar",
                "trygg",
                ("5.1", "5.5"),
                indicator("Bokade tider som används av flickor, andel (%)", "%", "högre", 38, 44),
            ),
            goal(
                "Minskad energianvändning i idrottsanläggningar",
                "Besökare och föreningar",
                "klimat",
                ("7.3",),
                indicator(
                    "Energianvändning i idrottsanläggningar",
                    "MWh",
                    "lägre",
                    9000,
                    12000,
                    decimals=0,
                ),
            ),
            goal(
                "Fler elever lär sig simma",
                "Elever i åk 3–6",
                "barn",
                ("3.4",),
                indicator(
                    "Elever i åk 6 som når simkunnighetskravet, andel (%)", "%", "högre", 88, 95
                ),
            ),
        ),
        activities=(
            "Simskola för elever som inte når simkunnighetskravet",
            "Översyn av tidsfördelningen mellan föreningar",
            "Energieffektivisering av ventilationen",
            "Spontanidrott under skollov",
            "Utbildning för föreningsledare i trygg idrott",
            "Digital bokning av idrottsanläggningar",
        ),
    ),
    CommitteeTemplate(
        id="TN",
        name="Trafiknämnden",
        admin_id="TK",
        admin_name="Trafikkontoret",
        weight=2.0,
        budget_per_unit=60000,
        unit_names=(
            "Gatudrift {o}",
            "Parkdrift {o}",
            "Trafiksäkerhet {o}",
            "Vinterväghållning {o}",
        ),
        roles=("Driftchef", "Projektledare", "Trafikplanerare", "Arbetsledare"),
        audiences=("trafikanterna", "cyklisterna", "gångtrafikanterna", "de boende i området"),
        goals=(
            goal(
                "Ökad trafiksäkerhet för oskyddade trafikanter",
                "Gående och cyklister",
                "trygg",
                ("3.6", "11.2"),
                indicator(
                    "Svårt skadade gående och cyklister per år",
                    "antal",
                    "lägre",
                    250,
                    400,
                    decimals=0,
                ),
            ),
            goal(
                "Fler resor med gång, cykel och kollektivtrafik",
                "Invånare",
                "klimat",
                ("11.2", "13.2"),
                indicator(
                    "Resor med gång, cykel och kollektivtrafik, andel (%)",
                    "%",
                    "högre",
                    62,
                    70,
                    source="Resvaneundersökning",
                ),
            ),
            goal(
                "Rena och välskötta offentliga miljöer",
                "Invånare och besökare",
                "trygg",
                ("11.7",),
                indicator(
                    "Invånare som upplever gatumiljön som ren och snygg, andel (%)",
                    "%",
                    "högre",
                    55,
                    65,
                    source="Medborgarundersökning",
                ),
            ),
            goal(
                "Minskade utsläpp från gatu- och parkdriften",
                "Invånare",
                "klimat",
                ("13.2",),
                indicator(
                    "Arbetsmaskiner som drivs med fossilfria drivmedel, andel (%)",
                    "%",
                    "högre",
                    55,
                    75,
                ),
            ),
        ),
        activities=(
            "Säkra skolvägar med hastighetsdämpande åtgärder",
            "Utbyggnad av cykelparkering vid knutpunkter",
            "Övergång till fossilfria arbetsmaskiner",
            "Skötselplan för parker och grönytor",
            "Snabbare åtgärder efter felanmälan",
            "Belysning på gång- och cykelvägar",
        ),
    ),
    CommitteeTemplate(
        id="MHN",
        name="Miljö- och hälsoskyddsnämnden",
        admin_id="MF",
        admin_name="Miljöförvaltningen",
        weight=1.0,
        budget_per_unit=9000,
        unit_names=("Livsmedelskontroll {o}", "Miljötillsyn {o}", "Hälsoskydd {o}", "Miljöanalys"),
        roles=("Enhetschef", "Miljöinspektör", "Livsmedelsinspektör", "Miljöutredare"),
        audiences=("verksamhetsutövarna", "invånarna", "livsmedelsföretagen", "fastighetsägarna"),
        goals=(
            goal(
                "Säkra livsmedel för invånarna",
                "Invånare och livsmedelsföretag",
                "trygg",
                ("3.9",),
                indicator(
                    "Genomförda planerade livsmedelskontroller, andel (%)", "%", "högre", 85, 95
                ),
            ),
            goal(
                "Bättre luftkvalitet i stadsmiljön",
                "Invånare",
                "klimat",
                ("3.9", "11.6"),
                indicator(
                    "Dygn med överskridande av miljökvalitetsnormen för PM10",
                    "antal",
                    "lägre",
                    8,
                    20,
                    decimals=0,
                ),
            ),
            goal(
                "Minskade utsläpp av växthusgaser i kommunen",
                "Invånare och företag",
                "klimat",
                ("13.2",),
                indicator(
                    "Utsläpp av växthusgaser per invånare",
                    "ton CO2e",
                    "lägre",
                    1.8,
                    2.6,
                    kolada=True,
                ),
            ),
            goal(
                "Effektiv och rättssäker tillsyn",
                "Verksamhetsutövare",
                "organisation",
                ("16.6",),
                indicator(
                    "Handläggningstid för anmälningsärenden, median",
                    "dagar",
                    "lägre",
                    20,
                    40,
                    decimals=0,
                ),
                indicator(
                    "Nöjd kundindex för miljö- och hälsoskydd",
                    "index",
                    "högre",
                    65,
                    75,
                    decimals=0,
                    kolada=True,
                ),
            ),
        ),
        activities=(
            "Riskbaserad planering av tillsynen",
            "Samordnad tillsyn av förorenade områden",
            "Kontrollkampanj för allergeninformation",
            "Digital inlämning av anmälningsärenden",
            "Mätning av luftkvalitet vid skolor och förskolor",
            "Informationsinsatser om buller och inomhusmiljö",
        ),
    ),
    CommitteeTemplate(
        id="SBN",
        name="Stadsbyggnadsnämnden",
        admin_id="SBK",
        admin_name="Stadsbyggnadskontoret",
        weight=1.0,
        budget_per_unit=11000,
        unit_names=("Bygglov {o}", "Detaljplan {o}", "Lantmäteriet", "Kart- och mätenheten"),
        roles=("Enhetschef", "Bygglovshandläggare", "Planarkitekt", "Lantmätare"),
        audiences=("de sökande", "fastighetsägarna", "byggherrarna", "invånarna"),
        goals=(
            goal(
                "Fler bostäder planeras i kollektivtrafiknära lägen",
                "Bostadssökande och byggaktörer",
                "tillvaxt",
                ("11.1", "11.3"),
                indicator(
                    "Bostäder i antagna detaljplaner, antal",
                    "antal",
                    "högre",
                    3000,
                    5000,
                    decimals=0,
                ),
            ),
            goal(
                "Kortare handläggningstider för bygglov",
                "Sökande av bygglov",
                "organisation",
                ("16.6",),
                indicator("Handläggningstid för bygglov, median", "veckor", "lägre", 4, 8),
                indicator(
                    "Nöjd kundindex för bygglov", "index", "högre", 60, 70, decimals=0, kolada=True
                ),
            ),
            goal(
                "Mer grönska i nya stadsdelar",
                "Invånare",
                "klimat",
                ("11.7", "15.5"),
                indicator(
                    "Detaljplaner med grönytefaktor, andel (%)", "%", "högre", 50, 70, decimals=0
                ),
            ),
            goal(
                "Trygga och tillgängliga stadsmiljöer",
                "Invånare",
                "trygg",
                ("11.3",),
                indicator(
                    "Nya detaljplaner med trygghetsanalys, andel (%)",
                    "%",
                    "högre",
                    40,
                    60,
                    decimals=0,
                ),
            ),
        ),
        activities=(
            "Digital bygglovsprocess från ansökan till beslut",
            "Tidiga dialoger med byggherrar",
            "Grönytefaktor i alla nya detaljplaner",
            "Trygghetsanalys i planarbetet",
            "Uppdatering av baskartan",
            "Förenklad handläggning av attefallsärenden",
        ),
    ),
    CommitteeTemplate(
        id="AMN",
        name="Arbetsmarknadsnämnden",
        admin_id="AMF",
        admin_name="Arbetsmarknadsförvaltningen",
        weight=3.0,
        budget_per_unit=21000,
        unit_names=(
            "Jobbtorg {o}",
            "Vuxenutbildning {o}",
            "SFI {o}",
            "Ungdomsmottagning för jobb {o}",
        ),
        roles=("Enhetschef", "Arbetsmarknadskonsulent", "Studie- och yrkesvägledare", "Rektor"),
        audiences=(
            "deltagarna",
            "de arbetssökande",
            "eleverna",
            "unga som varken arbetar eller studerar",
        ),
        goals=(
            goal(
                "Fler arbetslösa går vidare till arbete eller studier",
                "Arbetslösa invånare 18–64 år",
                "tillvaxt",
                ("8.5", "8.6"),
                indicator(
                    "Deltagare i arbetsmarknadsinsatser som börjat arbeta eller studera, andel (%)",
                    "%",
                    "högre",
                    35,
                    45,
                    kolada=True,
                ),
            ),
            goal(
                "Fler unga etablerar sig på arbetsmarknaden",
                "Unga 16–24 år",
                "tillvaxt",
                ("8.6",),
                indicator(
                    "Unga 16–24 år som varken arbetar eller studerar, andel (%)",
                    "%",
                    "lägre",
                    5,
                    8,
                    kolada=True,
                ),
            ),
            goal(
                "Fler nyanlända lär sig svenska",
                "Elever i svenska för invandrare",
                "tillvaxt",
                ("4.6",),
                indicator(
                    "Elever i SFI som klarat minst två kurser inom två år, andel (%)",
                    "%",
                    "högre",
                    40,
                    55,
                    kolada=True,
                ),
            ),
            goal(
                "Ökad måluppfyllelse i vuxenutbildningen",
                "Elever i kommunal vuxenutbildning",
                "barn",
                ("4.3", "4.4"),
                indicator(
                    "Kursdeltagare i komvux som fullföljt kursen, andel (%)",
                    "%",
                    "högre",
                    70,
                    80,
                    kolada=True,
                ),
            ),
        ),
        activities=(
            "Matchning mot arbetsgivare med rekryteringsbehov",
            "Yrkessvenska kombinerad med praktik",
            "Uppsökande arbete bland unga som varken arbetar eller studerar",
            "Flexibla utbildningsstarter inom vuxenutbildningen",
            "Studiestöd och läxhjälp för SFI-elever",
            "Samverkan med Arbetsförmedlingen om gemensamma insatser",
        ),
    ),
    CommitteeTemplate(
        id="EXN",
        name="Exploateringsnämnden",
        admin_id="EXK",
        admin_name="Exploateringskontoret",
        weight=1.0,
        budget_per_unit=30000,
        unit_names=(
            "Exploatering {o}",
            "Markanvisning {o}",
            "Projekt {p}hamnen",
            "Markförvaltning",
        ),
        roles=("Projektchef", "Projektledare", "Exploateringsingenjör", "Markstrateg"),
        audiences=("byggaktörerna", "företagen", "de framtida boende", "invånarna"),
        goals=(
            goal(
                "Mark för bostäder och verksamheter finns tillgänglig",
                "Byggaktörer och företag",
                "tillvaxt",
                ("9.1", "11.1"),
                indicator("Markanvisade bostäder, antal", "antal", "högre", 2500, 4000, decimals=0),
            ),
            goal(
                "Fler arbetstillfällen genom nya etableringar",
                "Företag och arbetssökande",
                "tillvaxt",
                ("8.3",),
                indicator(
                    "Markanvisad yta för verksamheter", "kvm", "högre", 40000, 80000, decimals=0
                ),
            ),
            goal(
                "Hållbart byggande i exploateringsprojekten",
                "Byggaktörer",
                "klimat",
                ("11.6", "12.5", "13.2"),
                indicator(
                    "Projekt med krav på klimatberäkning, andel (%)",
                    "%",
                    "högre",
                    40,
                    60,
                    decimals=0,
                ),
            ),
            goal(
                "Kostnadseffektiva exploateringsprojekt",
                "Invånare",
                "organisation",
                ("16.6",),
                indicator("Projekt som håller budget, andel (%)", "%", "högre", 70, 85, decimals=0),
            ),
        ),
        activities=(
            "Markanvisningstävling med hållbarhetskrav",
            "Klimatberäkning i tidiga skeden",
            "Samordnad tidplan med stadsbyggnadskontoret",
            "Uppföljning av projektekonomin varje tertial",
            "Dialog med näringslivet om etableringar",
            "Masshantering inom och mellan projekt",
        ),
    ),
    CommitteeTemplate(
        id="FSTN",
        name="Fastighetsnämnden",
        admin_id="FK",
        admin_name="Fastighetskontoret",
        weight=1.0,
        budget_per_unit=50000,
        unit_names=(
            "Fastighetsförvaltning {o}",
            "Lokalförsörjning {o}",
            "Projekt {p}huset",
            "Drift och underhåll {o}",
        ),
        roles=("Enhetschef", "Fastighetsförvaltare", "Energistrateg", "Projektledare"),
        audiences=("hyresgästerna", "verksamheterna", "besökarna", "fastighetsskötarna"),
        goals=(
            goal(
                "Minskad energianvändning i kommunens lokaler",
                "Verksamheter som hyr kommunens lokaler",
                "klimat",
                ("7.3", "13.2"),
                indicator(
                    "Energianvändning i kommunens lokaler", "kWh/kvm", "lägre", 110, 140, decimals=0
                ),
            ),
            goal(
                "Ändamålsenliga lokaler för välfärden",
                "Verksamheter i kommunen",
                "organisation",
                ("9.1",),
                indicator(
                    "Hyresgäster som är nöjda med lokalerna, andel (%)", "%", "högre", 70, 80
                ),
            ),
            goal(
                "Mer förnybar energi i kommunens fastigheter",
                "Invånare",
                "klimat",
                ("7.2",),
                indicator(
                    "Installerad solcellseffekt på kommunens fastigheter",
                    "kW",
                    "högre",
                    3000,
                    6000,
                    decimals=0,
                ),
            ),
            goal(
                "Tillgängliga och trygga offentliga lokaler",
                "Besökare",
                "trygg",
                ("11.7",),
                indicator(
                    "Lokaler som uppfyller tillgänglighetskraven, andel (%)", "%", "högre", 60, 75
                ),
            ),
        ),
        activities=(
            "Solceller på skolor och förskolor",
            "Energikartläggning av de största fastigheterna",
            "Underhållsplan för kommunens lokaler",
            "Tillgänglighetsinventering av publika lokaler",
            "Hyresgästdialog om lokalbehov",
            "Byte till LED-belysning",
        ),
    ),
    CommitteeTemplate(
        id="SEN",
        name="Servicenämnden",
        admin_id="SEF",
        admin_name="Serviceförvaltningen",
        weight=1.0,
        budget_per_unit=16000,
        unit_names=(
            "Kontaktcenter",
            "Lönecenter",
            "IT-service {o}",
            "Måltidsservice {o}",
            "Kommunens växel",
        ),
        roles=("Enhetschef", "Gruppchef", "Systemförvaltare", "Kostchef", "Kundtjänstansvarig"),
        audiences=("invånarna", "medarbetarna", "förvaltningarna", "matgästerna"),
        goals=(
            goal(
                "Invånare får snabba och korrekta svar",
                "Invånare som kontaktar kommunen",
                "organisation",
                ("16.6", "16.7"),
                indicator(
                    "E-post som besvaras inom två arbetsdagar, andel (%)",
                    "%",
                    "högre",
                    80,
                    90,
                    kolada=True,
                ),
                indicator(
                    "Telefonsamtal där invånaren får ett direkt svar, andel (%)",
                    "%",
                    "högre",
                    50,
                    65,
                    kolada=True,
                ),
            ),
            goal(
                "Fler av kommunens tjänster kan utföras digitalt",
                "Invånare och medarbetare",
                "organisation",
                ("9.c", "16.6"),
                indicator("Ärendetyper med e-tjänst, andel (%)", "%", "högre", 40, 60, decimals=0),
            ),
            goal(
                "Näringsriktiga och hållbara måltider",
                "Barn, elever och äldre",
                "klimat",
                ("2.2", "12.3"),
                indicator(
                    "Ekologiska livsmedel, andel av inköpen (%)", "%", "högre", 45, 55, kolada=True
                ),
                indicator("Matsvinn per serverad portion", "g", "lägre", 20, 35, decimals=0),
            ),
            goal(
                "Säker och stabil IT-drift",
                "Medarbetare",
                "organisation",
                ("9.1",),
                indicator(
                    "Tillgänglighet i verksamhetskritiska system, andel av tiden (%)",
                    "%",
                    "högre",
                    98.5,
                    99.5,
                ),
            ),
        ),
        activities=(
            "Gemensam kunskapsdatabas för kontaktcenter",
            "Automatisering av löneprocessen",
            "Klimatsmarta menyer i skolrestaurangerna",
            "Säkerhetskopiering och återläsningstester",
            "Chattfunktion på kommunens webbplats",
            "Minskat matsvinn genom bättre prognoser",
        ),
    ),
)

#: Heby uses these six committees, in this order.
HEBY_COMMITTEES: tuple[str, ...] = ("KS", "UBN", "FSN", "OMN", "SN", "KUN")

ADMIN_ROLES: tuple[str, ...] = (
    "Förvaltningschef",
    "Avdelningschef",
    "HR-strateg",
    "Ekonomichef",
    "Kvalitetsstrateg",
    "Kommunikatör",
)

ADMIN_ACTIVITIES: tuple[str, ...] = (
    "Gemensam modell för uppföljning av effektmålen",
    "Förvaltningsövergripande kompetensförsörjningsplan",
    "Ledarutvecklingsprogram för enhetschefer",
    "Införa gemensamt ärendehanteringssystem",
    "Samordnad lokalplanering för 2028–2030",
    "Översyn av förvaltningens internkontrollplan",
    "Utvärdera resursfördelningsmodellen",
    "Dialogforum med brukar- och intresseorganisationer",
)

ACTIVITY_SUFFIXES: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    " under våren",
    " under hösten",
    " i hela verksamheten",
    " – fortsättning från 2026",
    " (pilot)",
    " i samverkan med förvaltningen",
)

STATUSES: tuple[tuple[str, int], ...] = (
    ("ej påbörjad", 40),
    ("pågående", 35),
    ("genomförd", 12),
    ("försenad", 9),
    ("avbruten", 4),
)

# ---------------------------------------------------------------------------
# Sentence templates for multi-line descriptions
# ---------------------------------------------------------------------------

SENTENCES: tuple[str, ...] = (
    "Syftet är att höja kvaliteten för {audience} och att arbeta mer likvärdigt i hela enheten.",
    "Aktiviteten genomförs i samverkan med {partner} och {partner2}.",
    "Arbetet följs upp {frequency} och redovisas i {report}.",
    "Under våren kartläggs nuläget och behoven hos {audience} genom {method}.",
    "Erfarenheter från tidigare års arbete tas tillvara och sprids till andra enheter.",
    "Insatsen bidrar till nämndens effektmål och till kommunens långsiktiga inriktning.",
    "Kostnaderna ryms inom enhetens budgetram för 2027.",
    "Medarbetarna får {support} för att kunna genomföra arbetet på ett likvärdigt sätt.",
    "Resultatet mäts genom {method} och jämförs med utfallet från föregående år.",
    "En arbetsgrupp med {group} leder och samordnar arbetet.",
    "Risker och beroenden hanteras löpande i enhetens ledningsgrupp.",
    "Vid behov justeras tidplanen efter dialog med {role} och förvaltningens ledning.",
    "Särskilt fokus läggs på att nå {audience} som i dag tar del av verksamheten i mindre grad.",
    "Arbetet dokumenteras i enhetens systematiska kvalitetsarbete.",
    "Aktiviteten fortsätter ett utvecklingsarbete som påbörjades {earlier}.",
    "Under hösten utvärderas arbetet tillsammans med {audience} och {partner}.",
    "Goda exempel lyfts fram på arbetsplatsträffar och i förvaltningens nätverk.",
    "Om resultaten blir goda kan arbetssättet införas i fler verksamheter.",
    "Genomförandet sker inom ordinarie arbetstid och läggs in i verksamhetens årshjul.",
    "Ansvarig chef stämmer av framdriften med medarbetarna vid varje månadsmöte.",
    "Barnrättsperspektivet och jämställdhetsperspektivet beaktas i alla delar.",
    "Digitala verktyg används för att förenkla uppföljningen och minska administrationen.",
    "Målet är att minst {percent} procent av {audience} ska ha nåtts av insatsen före årets slut.",
    "Arbetet ska vara klart senast den {end_date} och avrapporteras till förvaltningen.",
    "Synpunkter från {audience} samlas in löpande och används för att förbättra arbetet.",
)

PARTNERS: tuple[str, ...] = (
    "elevhälsan",
    "vårdnadshavare",
    "civilsamhällets organisationer",
    "regionen",
    "polisen",
    "det lokala näringslivet",
    "andra förvaltningar",
    "fackliga företrädare",
    "brukarorganisationer",
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "högskolan",
    "bostadsbolagen",
)

FREQUENCIES: tuple[str, ...] = (
    "varje månad",
    "varje kvartal",
    "två gånger per termin",
    "vid varje tertialuppföljning",
    "löpande under året",
)

REPORTS: tuple[str, ...] = (
    "tertialrapporten",
    "verksamhetsberättelsen",
    "enhetens kvalitetsrapport",
    "delårsrapporten",
    "nämndens årsrapport",
)

METHODS: tuple[str, ...] = (
    "enkäter",
    "intervjuer",
    "observationer",
    "fokusgrupper",
    "statistik ur verksamhetssystemet",
    "stickprov",
)

SUPPORT: tuple[str, ...] = (
    "kompetensutveckling",
    "handledning",
    "en gemensam introduktion",
    "stöd från förvaltningens utvecklingsenhet",
    "tid för kollegialt lärande",
)

GROUPS: tuple[str, ...] = (
    "medarbetare och chefer",
    "skyddsombud och fackliga företrädare",
    "brukare och anhöriga",
    "olika yrkesgrupper",
    "representanter för enheten och förvaltningen",
)

EARLIER: tuple[str, ...] = (
    "under 2025",
    "under 2026",
    "hösten 2026",
    "i samband med förra verksamhetsplanen",
)

MONTHS: tuple[str, ...] = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
