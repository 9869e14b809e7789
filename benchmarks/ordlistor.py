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
class IndikatorMall:
    """Template for an indicator under an effect goal or financial goal.

    ``lo``/``hi`` bound the baseline value; ``decimaler`` is the number of
    decimals written. ``kolada`` is ``True`` for "has a Kolada KPI" (a synthetic
    id is drawn), a fixed id string, or ``False`` for none.
    """

    namn: str
    enhet: str
    riktning: str  # "högre" | "lägre"
    lo: float
    hi: float
    decimaler: int
    kolada: bool | str
    källa: str


@dataclass(frozen=True)
class EffektmålMall:
    """Template for an effect goal (effektmål) of a committee."""

    namn: str
    målgrupp: str
    inriktning: str  # key into INRIKTNINGAR
    agenda2030: tuple[str, ...]
    indikatorer: tuple[IndikatorMall, ...]


@dataclass(frozen=True)
class Nämndmall:
    """A committee, its administration and everything needed to fill its units."""

    id: str
    namn: str
    förvaltning_id: str
    förvaltning_namn: str
    vikt: float  # share of all units in the municipality
    tkr_per_enhet: int  # budget frame per unit, thousands of SEK
    enhetsmallar: tuple[str, ...]  # "{p}" = name prefix, "{o}" = district
    roller: tuple[str, ...]
    målgrupp_ord: tuple[str, ...]  # definite plural, used inside sentences
    effektmål: tuple[EffektmålMall, ...]
    aktiviteter: tuple[str, ...]


def ind(
    namn: str,
    enhet: str,
    riktning: str,
    lo: float,
    hi: float,
    *,
    decimaler: int = 1,
    kolada: bool | str = False,
    källa: str | None = None,
) -> IndikatorMall:
    """Build an :class:`IndikatorMall`; ``källa`` defaults from ``kolada``."""
    if källa is None:
        källa = "Kolada" if kolada else "Egen mätning"
    return IndikatorMall(namn, enhet, riktning, lo, hi, decimaler, kolada, källa)


def em(
    namn: str,
    målgrupp: str,
    inriktning: str,
    agenda2030: tuple[str, ...],
    *indikatorer: IndikatorMall,
) -> EffektmålMall:
    """Build an :class:`EffektmålMall`."""
    return EffektmålMall(namn, målgrupp, inriktning, agenda2030, indikatorer)


# ---------------------------------------------------------------------------
# Municipal level
# ---------------------------------------------------------------------------

VISION = {
    "storstad": "Storstad – en öppen, trygg och hållbar stad där alla kan växa",
    "heby": "Heby kommun – en växande landsbygdskommun, med närhet, trygghet och livskvalitet",
}

#: key -> (namn, agenda2030, beskrivning lines)
INRIKTNINGAR: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
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
            "Invånarna ska känna sig trygga i sitt bostadsområde, i skolan och i offentliga miljöer.",
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

FINANSIELLA_MÅL: tuple[tuple[str, IndikatorMall | None], ...] = (
    (
        "Resultatet ska vara minst 2 % av skatteintäkter och generella statsbidrag",
        ind(
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
        ind("Självfinansieringsgrad av investeringar (%)", "%", "högre", 55, 68, decimaler=0),
    ),
    (
        "Nämnderna ska bedriva sin verksamhet inom tilldelad budgetram",
        None,
    ),
)

#: (id suffix, namn, typ, beslutad, giltig_till or "", bidrar_till key or "")
STYRDOKUMENT: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("MILJO", "Miljö- och klimatpolicy", "policy", "2023-05-16", "2030-12-31", "klimat"),
    ("BOST", "Bostadsförsörjningsprogram", "program", "2024-03-19", "2031-12-31", "tillvaxt"),
    ("TRYGG", "Strategi för trygghet och brottsförebyggande arbete", "strategi", "2025-02-11", "2030-12-31", "trygg"),
    ("DIGI", "Riktlinje för digitalisering", "riktlinje", "2024-10-22", "", ""),
)

# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

PREFIX: tuple[str, ...] = (
    "Björk", "Ek", "Lind", "Asp", "Al", "Hägg", "Rönn", "Tall", "Gran", "Lönn",
    "Hassel", "Sälg", "Sjö", "Ängs", "Berg", "Dal", "Strand", "Skogs", "Sol", "Rosen",
    "Vret", "Kvarn", "Sten", "Bäck", "Hag", "Malm", "Fågel", "Lärk", "Trast", "Svan",
    "Blåbärs", "Lingon", "Ljung", "Vide", "Mård", "Uggle", "Ekorr", "Hjort", "Räv", "Tran",
)

OMRÅDEN: tuple[str, ...] = (
    "Norrby", "Söderby", "Västerby", "Österby", "Ekbacken", "Lindhagen", "Björkhagen",
    "Sjövik", "Strandvik", "Hagalund", "Solhem", "Rosendal", "Kvarnholmen", "Malmvik",
    "Stenby", "Dalby", "Skogsås", "Ängby", "Tallbacka", "Granhammar", "Åsen", "Torpa",
    "Lövsta", "Viksjö", "Mossen", "Kärrtorp", "Fruängen", "Bergshamra", "Hammarby",
    "Vretlunda", "Långbro", "Fagersta", "Östermalm", "Centrum", "Hamnen", "Ladugården",
)

# ---------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------

_GEMENSAMMA_AKTIVITETER: tuple[str, ...] = (
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

GENERISKA_EFFEKTMÅL: tuple[EffektmålMall, ...] = (
    em(
        "Medarbetare har en god och hälsosam arbetsmiljö",
        "Medarbetare",
        "organisation",
        ("3.4", "8.8"),
        ind("Sjukfrånvaro bland medarbetare, andel av arbetad tid (%)", "%", "lägre", 5.5, 9.0, kolada=True),
        ind("Hållbart medarbetarengagemang (HME), index", "index", "högre", 74, 82, decimaler=0, kolada=True),
    ),
    em(
        "Minskad klimatpåverkan från verksamheten",
        "Verksamhetens medarbetare och leverantörer",
        "klimat",
        ("12.5", "13.2"),
        ind("Tjänsteresor med fossilfria färdmedel, andel (%)", "%", "högre", 60, 80),
        ind("Avfall som sorteras för återvinning, andel (%)", "%", "högre", 40, 60),
    ),
    em(
        "Ökad digitalisering i verksamheten",
        "Invånare och medarbetare",
        "organisation",
        ("9.c", "16.6"),
        ind("Ärenden som inkommer digitalt, andel (%)", "%", "högre", 30, 55),
    ),
    em(
        "Invånare upplever ett gott bemötande",
        "Invånare som har kontakt med verksamheten",
        "organisation",
        ("16.6", "16.7"),
        ind("Invånare som upplever ett gott bemötande, andel (%)", "%", "högre", 75, 88, källa="Medborgarundersökning"),
    ),
    em(
        "Jämlika och jämställda tjänster",
        "Invånare",
        "trygg",
        ("5.1", "10.2"),
        ind("Verksamheter som genomfört jämställdhetsanalys, andel (%)", "%", "högre", 30, 60, decimaler=0),
    ),
    em(
        "Ökad tillgänglighet för personer med funktionsnedsättning",
        "Invånare med funktionsnedsättning",
        "trygg",
        ("10.2", "11.7"),
        ind("Verksamhetslokaler som uppfyller tillgänglighetskraven, andel (%)", "%", "högre", 55, 75),
    ),
    em(
        "Fler unga får feriejobb och praktik",
        "Unga 16–19 år",
        "barn",
        ("8.6",),
        ind("Erbjudna feriejobb och praktikplatser, antal", "antal", "högre", 20, 80, decimaler=0),
    ),
    em(
        "Verksamheten bedrivs med ekonomi i balans",
        "Verksamheten",
        "organisation",
        ("16.6",),
        ind("Avvikelse mellan prognos i augusti och bokslut, andel av budget (%)", "%", "lägre", 1.0, 3.0),
    ),
)

NÄMNDER: tuple[Nämndmall, ...] = (
    Nämndmall(
        id="KS",
        namn="Kommunstyrelsen",
        förvaltning_id="SLK",
        förvaltning_namn="Stadsledningskontoret",
        vikt=1.0,
        tkr_per_enhet=40000,
        enhetsmallar=(
            "Ekonomiavdelningen", "HR-avdelningen", "Kommunikationsavdelningen",
            "Digitaliseringsenheten", "Säkerhetsenheten", "Juridiska avdelningen",
            "Utvecklingsavdelningen", "Upphandlingsenheten", "Näringslivsenheten",
            "Kansliavdelningen", "Samhällsplaneringsenheten", "Områdesutveckling {o}",
        ),
        roller=("Avdelningschef", "Enhetschef", "Strateg", "Controller", "Utvecklingsledare"),
        målgrupp_ord=("invånarna", "nämnderna", "medarbetarna", "företagen"),
        effektmål=(
            em(
                "Ekonomi i balans i hela kommunkoncernen",
                "Kommunens nämnder och bolag",
                "organisation",
                ("16.6",),
                ind("Nämnder med budget i balans, andel (%)", "%", "högre", 70, 88, decimaler=0),
            ),
            em(
                "Kommunen är en attraktiv arbetsgivare",
                "Medarbetare",
                "organisation",
                ("8.5", "8.8"),
                ind("Hållbart medarbetarengagemang (HME), index", "index", "högre", 76, 81, decimaler=0, kolada=True),
                ind("Medarbetare som slutat på egen begäran, andel (%)", "%", "lägre", 6, 10),
            ),
            em(
                "Ökad trygghet i offentliga miljöer",
                "Invånare",
                "trygg",
                ("11.7", "16.1"),
                ind(
                    "Invånare som känner sig trygga utomhus på kvällen, andel (%)",
                    "%",
                    "högre",
                    60,
                    72,
                    källa="Trygghetsundersökning",
                ),
            ),
            em(
                "Ett gott företagsklimat",
                "Företag i kommunen",
                "tillvaxt",
                ("8.3",),
                ind("Sammanfattande omdöme om företagsklimatet, index", "index", "högre", 3.0, 3.6),
                ind("Nystartade företag per 1 000 invånare", "antal", "högre", 5, 9, kolada=True),
            ),
        ),
        aktiviteter=(
            "Samordna kommunens arbete med budget och verksamhetsplan",
            "Utveckla kommunens chefsprogram",
            "Införa gemensam plattform för e-tjänster",
            "Trygghetsvandringar i samverkan med polisen",
            "Näringslivsdialoger med lokala företag",
            "Ta fram en kommunövergripande kompetensförsörjningsplan",
            "Genomföra medborgardialog om den fysiska planeringen",
        ),
    ),
    Nämndmall(
        id="UBN",
        namn="Utbildningsnämnden",
        förvaltning_id="UF",
        förvaltning_namn="Utbildningsförvaltningen",
        vikt=24.0,
        tkr_per_enhet=42000,
        enhetsmallar=("{p}skolan", "{p}dalsskolan", "{p}backsskolan", "{o}skolan", "{o} gymnasium"),
        roller=("Rektor", "Biträdande rektor", "Förstelärare", "Specialpedagog", "Elevhälsans samordnare"),
        målgrupp_ord=("eleverna", "vårdnadshavarna", "elever i behov av särskilt stöd", "nyanlända elever"),
        effektmål=(
            em(
                "Fler elever når kunskapskraven i grundskolan",
                "Elever i grundskolan",
                "barn",
                ("4.1",),
                ind(
                    "Elever i åk 9 som uppnått kunskapskraven i alla ämnen, andel (%)",
                    "%",
                    "högre",
                    68,
                    80,
                    kolada="N15419",
                ),
                ind("Elever i åk 9 som är behöriga till yrkesprogram, andel (%)", "%", "högre", 80, 90, kolada=True),
                ind("Genomsnittligt meritvärde i åk 9", "poäng", "högre", 215, 235, kolada=True),
            ),
            em(
                "Fler elever känner sig trygga i skolan",
                "Elever i grundskolan och gymnasieskolan",
                "trygg",
                ("4.a", "16.1"),
                ind("Elever i åk 5 som känner sig trygga i skolan, andel (%)", "%", "högre", 82, 90, kolada=True),
                ind("Elever i åk 8 som känner sig trygga i skolan, andel (%)", "%", "högre", 76, 86, kolada=True),
            ),
            em(
                "Fler elever fullföljer gymnasieutbildningen",
                "Elever i gymnasieskolan",
                "barn",
                ("4.1", "4.4"),
                ind("Gymnasieelever med examen inom 4 år, andel (%)", "%", "högre", 68, 78, kolada=True),
                ind("Gymnasieelever som avbrutit studierna, andel (%)", "%", "lägre", 4, 8),
            ),
            em(
                "Minskad frånvaro i grundskolan",
                "Elever i grundskolan",
                "barn",
                ("4.1",),
                ind("Elever med mer än 15 % frånvaro, andel (%)", "%", "lägre", 12, 18),
                ind("Genomsnittlig frånvaro, andel av undervisningstiden (%)", "%", "lägre", 6, 10),
            ),
        ),
        aktiviteter=(
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
    Nämndmall(
        id="FSN",
        namn="Förskolenämnden",
        förvaltning_id="FSF",
        förvaltning_namn="Förskoleförvaltningen",
        vikt=28.0,
        tkr_per_enhet=17000,
        enhetsmallar=("Förskolan {p}gläntan", "Förskolan {p}backen", "{p}hagens förskola", "Förskolan {p}stugan"),
        roller=("Rektor", "Biträdande rektor", "Förskollärare", "Pedagogista", "Specialpedagog"),
        målgrupp_ord=("barnen", "vårdnadshavarna", "barn med annat modersmål", "de yngsta barnen"),
        effektmål=(
            em(
                "Fler barn får en god språkutveckling i förskolan",
                "Barn i förskolan",
                "barn",
                ("4.2",),
                ind(
                    "Barn med åldersadekvat språkutveckling vid 5 års ålder, andel (%)",
                    "%",
                    "högre",
                    70,
                    82,
                ),
                ind("Inskrivna barn 1–5 år i förskola, andel (%)", "%", "högre", 82, 90, kolada=True),
            ),
            em(
                "Förskolan erbjuder en trygg och stimulerande miljö",
                "Barn i förskolan och deras vårdnadshavare",
                "trygg",
                ("4.2",),
                ind(
                    "Vårdnadshavare som upplever att barnet känner sig tryggt, andel (%)",
                    "%",
                    "högre",
                    88,
                    94,
                    källa="Förskoleenkäten",
                ),
                ind("Barn per årsarbetare i förskolan", "antal", "lägre", 5.0, 5.8, kolada=True),
            ),
            em(
                "Fler legitimerade förskollärare i förskolan",
                "Barn i förskolan",
                "barn",
                ("4.c",),
                ind("Årsarbetare med förskollärarlegitimation, andel (%)", "%", "högre", 35, 45, kolada=True),
            ),
            em(
                "Minskad miljöpåverkan från förskolans verksamhet",
                "Barn och medarbetare i förskolan",
                "klimat",
                ("12.5", "13.3"),
                ind("Förskolor med Grön Flagg eller motsvarande, andel (%)", "%", "högre", 20, 35, decimaler=0),
                ind("Matsvinn per serverad portion", "g", "lägre", 20, 35, decimaler=0),
            ),
        ),
        aktiviteter=(
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
    Nämndmall(
        id="OMN",
        namn="Omsorgsnämnden",
        förvaltning_id="OF",
        förvaltning_namn="Omsorgsförvaltningen",
        vikt=14.0,
        tkr_per_enhet=38000,
        enhetsmallar=(
            "{p}gårdens vård- och omsorgsboende",
            "Hemtjänst {o}",
            "{p}hemmet",
            "Dagverksamhet {o}",
            "Korttidsboendet {p}gården",
        ),
        roller=("Enhetschef", "Verksamhetschef", "Sjuksköterska", "Kvalitetsutvecklare", "Arbetsterapeut"),
        målgrupp_ord=("de äldre", "brukarna", "anhöriga", "personer med demenssjukdom"),
        effektmål=(
            em(
                "Äldre upplever trygghet i sitt boende",
                "Personer i vård- och omsorgsboende",
                "omsorg",
                ("3.8", "11.7"),
                ind("Brukare i vård- och omsorgsboende som känner sig trygga, andel (%)", "%", "högre", 80, 88, kolada=True),
                ind("Brukare som är nöjda med sitt vård- och omsorgsboende, andel (%)", "%", "högre", 78, 86, kolada=True),
            ),
            em(
                "Ökad kontinuitet i hemtjänsten",
                "Personer med hemtjänst",
                "omsorg",
                ("3.8",),
                ind("Personal som en hemtjänsttagare möter under 14 dagar, antal", "antal", "lägre", 13, 18, decimaler=0, kolada=True),
                ind("Hemtjänsttagare som är nöjda med hemtjänsten, andel (%)", "%", "högre", 82, 90, kolada=True),
            ),
            em(
                "Fler äldre kan bo kvar hemma med rätt stöd",
                "Personer 80 år och äldre",
                "omsorg",
                ("3.8", "10.2"),
                ind("Invånare 80 år och äldre i ordinärt boende, andel (%)", "%", "högre", 88, 92, kolada=True),
                ind("Väntetid till vård- och omsorgsboende, medelvärde", "dagar", "lägre", 40, 80, decimaler=0, kolada=True),
            ),
            em(
                "Färre fallskador bland äldre",
                "Personer 65 år och äldre",
                "omsorg",
                ("3.8",),
                ind("Fallskador bland personer 80 år och äldre per 1 000 invånare", "antal", "lägre", 60, 80, kolada=True),
            ),
        ),
        aktiviteter=(
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
    Nämndmall(
        id="SN",
        namn="Socialnämnden",
        förvaltning_id="SOF",
        förvaltning_namn="Socialförvaltningen",
        vikt=6.0,
        tkr_per_enhet=32000,
        enhetsmallar=(
            "Barn och familj {o}",
            "Ekonomiskt bistånd {o}",
            "Vuxenenheten {o}",
            "Familjebehandling {o}",
            "Familjecentralen {p}gården",
        ),
        roller=("Enhetschef", "Sektionschef", "Socialsekreterare", "Metodutvecklare", "Familjebehandlare"),
        målgrupp_ord=("barnen och familjerna", "de enskilda", "klienterna", "unga vuxna"),
        effektmål=(
            em(
                "Fler barn och unga växer upp under trygga förhållanden",
                "Barn och unga 0–20 år",
                "trygg",
                ("16.2",),
                ind(
                    "Barn och unga som inte återaktualiserats inom ett år efter avslutad insats, andel (%)",
                    "%",
                    "högre",
                    70,
                    80,
                    kolada=True,
                ),
                ind("Utredningstid inom barn- och ungdomsvården, medelvärde", "dagar", "lägre", 100, 130, decimaler=0, kolada=True),
            ),
            em(
                "Fler personer blir självförsörjande",
                "Vuxna med ekonomiskt bistånd",
                "tillvaxt",
                ("1.2", "8.5"),
                ind("Invånare med långvarigt ekonomiskt bistånd, andel (%)", "%", "lägre", 1.0, 2.5, kolada=True),
                ind("Hushåll som lämnat ekonomiskt bistånd för arbete eller studier, andel (%)", "%", "högre", 30, 40),
            ),
            em(
                "Färre personer har ett skadligt bruk av alkohol och narkotika",
                "Vuxna med missbruks- och beroendeproblem",
                "omsorg",
                ("3.5",),
                ind("Klienter som fullföljt behandling, andel (%)", "%", "högre", 55, 70),
            ),
            em(
                "Färre personer utsätts för våld i nära relationer",
                "Personer utsatta för våld i nära relationer",
                "trygg",
                ("5.2", "16.1"),
                ind("Ärenden där frågan om våldsutsatthet ställts, andel (%)", "%", "högre", 60, 75),
                ind("Medarbetare som utbildats i att fråga om våld, andel (%)", "%", "högre", 50, 70, decimaler=0),
            ),
        ),
        aktiviteter=(
            "Tidiga och samordnade insatser för barn och unga",
            "Införa strukturerade bedömningsmetoder i utredningar",
            "Arbetsmarknadsinriktat stöd för personer med ekonomiskt bistånd",
            "Rutin för att fråga om våldsutsatthet",
            "Föräldraskapsstöd i grupp",
            "Uppsökande arbete bland unga vuxna",
            "Samverkan med skolan kring elever med hög frånvaro",
        ),
    ),
    Nämndmall(
        id="FUN",
        namn="Funktionsstödsnämnden",
        förvaltning_id="FUF",
        förvaltning_namn="Funktionsstödsförvaltningen",
        vikt=8.0,
        tkr_per_enhet=26000,
        enhetsmallar=(
            "Gruppbostaden {p}vägen",
            "Servicebostaden {p}gatan",
            "Daglig verksamhet {p}verkstaden",
            "Personlig assistans {o}",
            "Boendestöd {o}",
        ),
        roller=("Enhetschef", "Verksamhetschef", "Stödpedagog", "Kvalitetsutvecklare", "Arbetsterapeut"),
        målgrupp_ord=("brukarna", "de boende", "deltagarna", "anhöriga och gode män"),
        effektmål=(
            em(
                "Ökad delaktighet för personer med funktionsnedsättning",
                "Personer med insats enligt LSS",
                "omsorg",
                ("10.2",),
                ind(
                    "Brukare i gruppbostad som får bestämma om saker som är viktiga, andel (%)",
                    "%",
                    "högre",
                    75,
                    85,
                    kolada=True,
                ),
                ind("Brukare i daglig verksamhet som trivs, andel (%)", "%", "högre", 85, 92, kolada=True),
            ),
            em(
                "Fler personer med funktionsnedsättning kommer ut i arbete",
                "Personer i daglig verksamhet",
                "tillvaxt",
                ("8.5",),
                ind("Personer som gått från daglig verksamhet till arbete, antal", "antal", "högre", 10, 30, decimaler=0),
            ),
            em(
                "God kvalitet i boendestödet",
                "Personer med boendestöd",
                "omsorg",
                ("3.4", "11.1"),
                ind("Brukare som är nöjda med boendestödet, andel (%)", "%", "högre", 80, 88),
            ),
            em(
                "Minskad användning av begränsningsåtgärder",
                "Personer med insats enligt LSS",
                "trygg",
                ("10.3",),
                ind("Rapporterade begränsningsåtgärder per år", "antal", "lägre", 40, 80, decimaler=0),
            ),
        ),
        aktiviteter=(
            "Individuella genomförandeplaner med brukarens delaktighet",
            "Tydliggörande pedagogik i hela verksamheten",
            "Praktikplatser på den öppna arbetsmarknaden",
            "Lågaffektivt bemötande – utbildning och handledning",
            "Hälsofrämjande aktiviteter för de boende",
            "Digitala hjälpmedel för ökad självständighet",
            "Brukarråd med regelbundna möten",
        ),
    ),
    Nämndmall(
        id="KUN",
        namn="Kulturnämnden",
        förvaltning_id="KUF",
        förvaltning_namn="Kulturförvaltningen",
        vikt=3.0,
        tkr_per_enhet=12000,
        enhetsmallar=("{o} bibliotek", "Kulturskolan {o}", "{o} kulturhus", "{p}salongen"),
        roller=("Bibliotekschef", "Bibliotekarie", "Kulturstrateg", "Verksamhetsutvecklare", "Kulturskolechef"),
        målgrupp_ord=("besökarna", "barn och unga", "låntagarna", "kulturskolans elever"),
        effektmål=(
            em(
                "Fler invånare tar del av kulturutbudet",
                "Invånare i alla åldrar",
                "tillvaxt",
                ("11.4",),
                ind("Besök på folkbibliotek per invånare", "antal", "högre", 4.0, 6.0, kolada=True),
                ind("Deltagare i kulturskolan, andel av invånare 6–18 år (%)", "%", "högre", 12, 20, kolada=True),
            ),
            em(
                "Fler barn och unga läser på fritiden",
                "Barn och unga 0–18 år",
                "barn",
                ("4.6",),
                ind("Utlån av barn- och ungdomslitteratur per invånare 0–17 år", "antal", "högre", 8, 12, kolada=True),
            ),
            em(
                "Biblioteken är tillgängliga mötesplatser",
                "Invånare",
                "trygg",
                ("11.7", "16.10"),
                ind("Öppettimmar per vecka på folkbiblioteken", "timmar", "högre", 40, 60, decimaler=0),
            ),
            em(
                "Ökad digital delaktighet",
                "Invånare med begränsad digital vana",
                "tillvaxt",
                ("4.4", "10.2"),
                ind("Deltagare i digital vägledning, antal", "antal", "högre", 800, 1500, decimaler=0),
            ),
        ),
        aktiviteter=(
            "Läsfrämjande program för barn och unga",
            "Digital vägledning för seniorer",
            "Meröppet bibliotek med utökade öppettider",
            "Kulturskolans avgiftsfria prova-på-verksamhet",
            "Författarbesök och litterära samtal",
            "Samarbete med skolbiblioteken",
            "Sommarlovsaktiviteter i biblioteket",
        ),
    ),
    Nämndmall(
        id="IDN",
        namn="Idrottsnämnden",
        förvaltning_id="IDF",
        förvaltning_namn="Idrottsförvaltningen",
        vikt=3.0,
        tkr_per_enhet=15000,
        enhetsmallar=("{p}hallen", "{o} simhall", "{p}vallens idrottsplats", "{o} sporthall"),
        roller=("Anläggningschef", "Driftledare", "Föreningsutvecklare", "Badmästare"),
        målgrupp_ord=("föreningarna", "besökarna", "barn och unga", "motionärerna"),
        effektmål=(
            em(
                "Fler barn och unga rör sig regelbundet",
                "Barn och unga 7–20 år",
                "barn",
                ("3.4",),
                ind("Deltagartillfällen i idrottsföreningar, 7–20 år, per invånare", "antal", "högre", 20, 30, kolada=True),
            ),
            em(
                "Jämställd fördelning av tider i idrottsanläggningar",
                "Föreningsaktiva flickor och pojkar",
                "trygg",
                ("5.1", "5.5"),
                ind("Bokade tider som används av flickor, andel (%)", "%", "högre", 38, 44),
            ),
            em(
                "Minskad energianvändning i idrottsanläggningar",
                "Besökare och föreningar",
                "klimat",
                ("7.3",),
                ind("Energianvändning i idrottsanläggningar", "MWh", "lägre", 9000, 12000, decimaler=0),
            ),
            em(
                "Fler elever lär sig simma",
                "Elever i åk 3–6",
                "barn",
                ("3.4",),
                ind("Elever i åk 6 som når simkunnighetskravet, andel (%)", "%", "högre", 88, 95),
            ),
        ),
        aktiviteter=(
            "Simskola för elever som inte når simkunnighetskravet",
            "Översyn av tidsfördelningen mellan föreningar",
            "Energieffektivisering av ventilationen",
            "Spontanidrott under skollov",
            "Utbildning för föreningsledare i trygg idrott",
            "Digital bokning av idrottsanläggningar",
        ),
    ),
    Nämndmall(
        id="TN",
        namn="Trafiknämnden",
        förvaltning_id="TK",
        förvaltning_namn="Trafikkontoret",
        vikt=2.0,
        tkr_per_enhet=60000,
        enhetsmallar=("Gatudrift {o}", "Parkdrift {o}", "Trafiksäkerhet {o}", "Vinterväghållning {o}"),
        roller=("Driftchef", "Projektledare", "Trafikplanerare", "Arbetsledare"),
        målgrupp_ord=("trafikanterna", "cyklisterna", "gångtrafikanterna", "de boende i området"),
        effektmål=(
            em(
                "Ökad trafiksäkerhet för oskyddade trafikanter",
                "Gående och cyklister",
                "trygg",
                ("3.6", "11.2"),
                ind("Svårt skadade gående och cyklister per år", "antal", "lägre", 250, 400, decimaler=0),
            ),
            em(
                "Fler resor med gång, cykel och kollektivtrafik",
                "Invånare",
                "klimat",
                ("11.2", "13.2"),
                ind("Resor med gång, cykel och kollektivtrafik, andel (%)", "%", "högre", 62, 70, källa="Resvaneundersökning"),
            ),
            em(
                "Rena och välskötta offentliga miljöer",
                "Invånare och besökare",
                "trygg",
                ("11.7",),
                ind(
                    "Invånare som upplever gatumiljön som ren och snygg, andel (%)",
                    "%",
                    "högre",
                    55,
                    65,
                    källa="Medborgarundersökning",
                ),
            ),
            em(
                "Minskade utsläpp från gatu- och parkdriften",
                "Invånare",
                "klimat",
                ("13.2",),
                ind("Arbetsmaskiner som drivs med fossilfria drivmedel, andel (%)", "%", "högre", 55, 75),
            ),
        ),
        aktiviteter=(
            "Säkra skolvägar med hastighetsdämpande åtgärder",
            "Utbyggnad av cykelparkering vid knutpunkter",
            "Övergång till fossilfria arbetsmaskiner",
            "Skötselplan för parker och grönytor",
            "Snabbare åtgärder efter felanmälan",
            "Belysning på gång- och cykelvägar",
        ),
    ),
    Nämndmall(
        id="MHN",
        namn="Miljö- och hälsoskyddsnämnden",
        förvaltning_id="MF",
        förvaltning_namn="Miljöförvaltningen",
        vikt=1.0,
        tkr_per_enhet=9000,
        enhetsmallar=("Livsmedelskontroll {o}", "Miljötillsyn {o}", "Hälsoskydd {o}", "Miljöanalys"),
        roller=("Enhetschef", "Miljöinspektör", "Livsmedelsinspektör", "Miljöutredare"),
        målgrupp_ord=("verksamhetsutövarna", "invånarna", "livsmedelsföretagen", "fastighetsägarna"),
        effektmål=(
            em(
                "Säkra livsmedel för invånarna",
                "Invånare och livsmedelsföretag",
                "trygg",
                ("3.9",),
                ind("Genomförda planerade livsmedelskontroller, andel (%)", "%", "högre", 85, 95),
            ),
            em(
                "Bättre luftkvalitet i stadsmiljön",
                "Invånare",
                "klimat",
                ("3.9", "11.6"),
                ind("Dygn med överskridande av miljökvalitetsnormen för PM10", "antal", "lägre", 8, 20, decimaler=0),
            ),
            em(
                "Minskade utsläpp av växthusgaser i kommunen",
                "Invånare och företag",
                "klimat",
                ("13.2",),
                ind("Utsläpp av växthusgaser per invånare", "ton CO2e", "lägre", 1.8, 2.6, kolada=True),
            ),
            em(
                "Effektiv och rättssäker tillsyn",
                "Verksamhetsutövare",
                "organisation",
                ("16.6",),
                ind("Handläggningstid för anmälningsärenden, median", "dagar", "lägre", 20, 40, decimaler=0),
                ind("Nöjd kundindex för miljö- och hälsoskydd", "index", "högre", 65, 75, decimaler=0, kolada=True),
            ),
        ),
        aktiviteter=(
            "Riskbaserad planering av tillsynen",
            "Samordnad tillsyn av förorenade områden",
            "Kontrollkampanj för allergeninformation",
            "Digital inlämning av anmälningsärenden",
            "Mätning av luftkvalitet vid skolor och förskolor",
            "Informationsinsatser om buller och inomhusmiljö",
        ),
    ),
    Nämndmall(
        id="SBN",
        namn="Stadsbyggnadsnämnden",
        förvaltning_id="SBK",
        förvaltning_namn="Stadsbyggnadskontoret",
        vikt=1.0,
        tkr_per_enhet=11000,
        enhetsmallar=("Bygglov {o}", "Detaljplan {o}", "Lantmäteriet", "Kart- och mätenheten"),
        roller=("Enhetschef", "Bygglovshandläggare", "Planarkitekt", "Lantmätare"),
        målgrupp_ord=("de sökande", "fastighetsägarna", "byggherrarna", "invånarna"),
        effektmål=(
            em(
                "Fler bostäder planeras i kollektivtrafiknära lägen",
                "Bostadssökande och byggaktörer",
                "tillvaxt",
                ("11.1", "11.3"),
                ind("Bostäder i antagna detaljplaner, antal", "antal", "högre", 3000, 5000, decimaler=0),
            ),
            em(
                "Kortare handläggningstider för bygglov",
                "Sökande av bygglov",
                "organisation",
                ("16.6",),
                ind("Handläggningstid för bygglov, median", "veckor", "lägre", 4, 8),
                ind("Nöjd kundindex för bygglov", "index", "högre", 60, 70, decimaler=0, kolada=True),
            ),
            em(
                "Mer grönska i nya stadsdelar",
                "Invånare",
                "klimat",
                ("11.7", "15.5"),
                ind("Detaljplaner med grönytefaktor, andel (%)", "%", "högre", 50, 70, decimaler=0),
            ),
            em(
                "Trygga och tillgängliga stadsmiljöer",
                "Invånare",
                "trygg",
                ("11.3",),
                ind("Nya detaljplaner med trygghetsanalys, andel (%)", "%", "högre", 40, 60, decimaler=0),
            ),
        ),
        aktiviteter=(
            "Digital bygglovsprocess från ansökan till beslut",
            "Tidiga dialoger med byggherrar",
            "Grönytefaktor i alla nya detaljplaner",
            "Trygghetsanalys i planarbetet",
            "Uppdatering av baskartan",
            "Förenklad handläggning av attefallsärenden",
        ),
    ),
    Nämndmall(
        id="AMN",
        namn="Arbetsmarknadsnämnden",
        förvaltning_id="AMF",
        förvaltning_namn="Arbetsmarknadsförvaltningen",
        vikt=3.0,
        tkr_per_enhet=21000,
        enhetsmallar=("Jobbtorg {o}", "Vuxenutbildning {o}", "SFI {o}", "Ungdomsmottagning för jobb {o}"),
        roller=("Enhetschef", "Arbetsmarknadskonsulent", "Studie- och yrkesvägledare", "Rektor"),
        målgrupp_ord=("deltagarna", "de arbetssökande", "eleverna", "unga som varken arbetar eller studerar"),
        effektmål=(
            em(
                "Fler arbetslösa går vidare till arbete eller studier",
                "Arbetslösa invånare 18–64 år",
                "tillvaxt",
                ("8.5", "8.6"),
                ind(
                    "Deltagare i arbetsmarknadsinsatser som börjat arbeta eller studera, andel (%)",
                    "%",
                    "högre",
                    35,
                    45,
                    kolada=True,
                ),
            ),
            em(
                "Fler unga etablerar sig på arbetsmarknaden",
                "Unga 16–24 år",
                "tillvaxt",
                ("8.6",),
                ind("Unga 16–24 år som varken arbetar eller studerar, andel (%)", "%", "lägre", 5, 8, kolada=True),
            ),
            em(
                "Fler nyanlända lär sig svenska",
                "Elever i svenska för invandrare",
                "tillvaxt",
                ("4.6",),
                ind("Elever i SFI som klarat minst två kurser inom två år, andel (%)", "%", "högre", 40, 55, kolada=True),
            ),
            em(
                "Ökad måluppfyllelse i vuxenutbildningen",
                "Elever i kommunal vuxenutbildning",
                "barn",
                ("4.3", "4.4"),
                ind("Kursdeltagare i komvux som fullföljt kursen, andel (%)", "%", "högre", 70, 80, kolada=True),
            ),
        ),
        aktiviteter=(
            "Matchning mot arbetsgivare med rekryteringsbehov",
            "Yrkessvenska kombinerad med praktik",
            "Uppsökande arbete bland unga som varken arbetar eller studerar",
            "Flexibla utbildningsstarter inom vuxenutbildningen",
            "Studiestöd och läxhjälp för SFI-elever",
            "Samverkan med Arbetsförmedlingen om gemensamma insatser",
        ),
    ),
    Nämndmall(
        id="EXN",
        namn="Exploateringsnämnden",
        förvaltning_id="EXK",
        förvaltning_namn="Exploateringskontoret",
        vikt=1.0,
        tkr_per_enhet=30000,
        enhetsmallar=("Exploatering {o}", "Markanvisning {o}", "Projekt {p}hamnen", "Markförvaltning"),
        roller=("Projektchef", "Projektledare", "Exploateringsingenjör", "Markstrateg"),
        målgrupp_ord=("byggaktörerna", "företagen", "de framtida boende", "invånarna"),
        effektmål=(
            em(
                "Mark för bostäder och verksamheter finns tillgänglig",
                "Byggaktörer och företag",
                "tillvaxt",
                ("9.1", "11.1"),
                ind("Markanvisade bostäder, antal", "antal", "högre", 2500, 4000, decimaler=0),
            ),
            em(
                "Fler arbetstillfällen genom nya etableringar",
                "Företag och arbetssökande",
                "tillvaxt",
                ("8.3",),
                ind("Markanvisad yta för verksamheter", "kvm", "högre", 40000, 80000, decimaler=0),
            ),
            em(
                "Hållbart byggande i exploateringsprojekten",
                "Byggaktörer",
                "klimat",
                ("11.6", "12.5", "13.2"),
                ind("Projekt med krav på klimatberäkning, andel (%)", "%", "högre", 40, 60, decimaler=0),
            ),
            em(
                "Kostnadseffektiva exploateringsprojekt",
                "Invånare",
                "organisation",
                ("16.6",),
                ind("Projekt som håller budget, andel (%)", "%", "högre", 70, 85, decimaler=0),
            ),
        ),
        aktiviteter=(
            "Markanvisningstävling med hållbarhetskrav",
            "Klimatberäkning i tidiga skeden",
            "Samordnad tidplan med stadsbyggnadskontoret",
            "Uppföljning av projektekonomin varje tertial",
            "Dialog med näringslivet om etableringar",
            "Masshantering inom och mellan projekt",
        ),
    ),
    Nämndmall(
        id="FSTN",
        namn="Fastighetsnämnden",
        förvaltning_id="FK",
        förvaltning_namn="Fastighetskontoret",
        vikt=1.0,
        tkr_per_enhet=50000,
        enhetsmallar=("Fastighetsförvaltning {o}", "Lokalförsörjning {o}", "Projekt {p}huset", "Drift och underhåll {o}"),
        roller=("Enhetschef", "Fastighetsförvaltare", "Energistrateg", "Projektledare"),
        målgrupp_ord=("hyresgästerna", "verksamheterna", "besökarna", "fastighetsskötarna"),
        effektmål=(
            em(
                "Minskad energianvändning i kommunens lokaler",
                "Verksamheter som hyr kommunens lokaler",
                "klimat",
                ("7.3", "13.2"),
                ind("Energianvändning i kommunens lokaler", "kWh/kvm", "lägre", 110, 140, decimaler=0),
            ),
            em(
                "Ändamålsenliga lokaler för välfärden",
                "Verksamheter i kommunen",
                "organisation",
                ("9.1",),
                ind("Hyresgäster som är nöjda med lokalerna, andel (%)", "%", "högre", 70, 80),
            ),
            em(
                "Mer förnybar energi i kommunens fastigheter",
                "Invånare",
                "klimat",
                ("7.2",),
                ind("Installerad solcellseffekt på kommunens fastigheter", "kW", "högre", 3000, 6000, decimaler=0),
            ),
            em(
                "Tillgängliga och trygga offentliga lokaler",
                "Besökare",
                "trygg",
                ("11.7",),
                ind("Lokaler som uppfyller tillgänglighetskraven, andel (%)", "%", "högre", 60, 75),
            ),
        ),
        aktiviteter=(
            "Solceller på skolor och förskolor",
            "Energikartläggning av de största fastigheterna",
            "Underhållsplan för kommunens lokaler",
            "Tillgänglighetsinventering av publika lokaler",
            "Hyresgästdialog om lokalbehov",
            "Byte till LED-belysning",
        ),
    ),
    Nämndmall(
        id="SEN",
        namn="Servicenämnden",
        förvaltning_id="SEF",
        förvaltning_namn="Serviceförvaltningen",
        vikt=1.0,
        tkr_per_enhet=16000,
        enhetsmallar=("Kontaktcenter", "Lönecenter", "IT-service {o}", "Måltidsservice {o}", "Kommunens växel"),
        roller=("Enhetschef", "Gruppchef", "Systemförvaltare", "Kostchef", "Kundtjänstansvarig"),
        målgrupp_ord=("invånarna", "medarbetarna", "förvaltningarna", "matgästerna"),
        effektmål=(
            em(
                "Invånare får snabba och korrekta svar",
                "Invånare som kontaktar kommunen",
                "organisation",
                ("16.6", "16.7"),
                ind("E-post som besvaras inom två arbetsdagar, andel (%)", "%", "högre", 80, 90, kolada=True),
                ind("Telefonsamtal där invånaren får ett direkt svar, andel (%)", "%", "högre", 50, 65, kolada=True),
            ),
            em(
                "Fler av kommunens tjänster kan utföras digitalt",
                "Invånare och medarbetare",
                "organisation",
                ("9.c", "16.6"),
                ind("Ärendetyper med e-tjänst, andel (%)", "%", "högre", 40, 60, decimaler=0),
            ),
            em(
                "Näringsriktiga och hållbara måltider",
                "Barn, elever och äldre",
                "klimat",
                ("2.2", "12.3"),
                ind("Ekologiska livsmedel, andel av inköpen (%)", "%", "högre", 45, 55, kolada=True),
                ind("Matsvinn per serverad portion", "g", "lägre", 20, 35, decimaler=0),
            ),
            em(
                "Säker och stabil IT-drift",
                "Medarbetare",
                "organisation",
                ("9.1",),
                ind("Tillgänglighet i verksamhetskritiska system, andel av tiden (%)", "%", "högre", 98.5, 99.5),
            ),
        ),
        aktiviteter=(
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
HEBY_NÄMNDER: tuple[str, ...] = ("KS", "UBN", "FSN", "OMN", "SN", "KUN")

FÖRVALTNINGSROLLER: tuple[str, ...] = (
    "Förvaltningschef",
    "Avdelningschef",
    "HR-strateg",
    "Ekonomichef",
    "Kvalitetsstrateg",
    "Kommunikatör",
)

FÖRVALTNINGSAKTIVITETER: tuple[str, ...] = (
    "Gemensam modell för uppföljning av effektmålen",
    "Förvaltningsövergripande kompetensförsörjningsplan",
    "Ledarutvecklingsprogram för enhetschefer",
    "Införa gemensamt ärendehanteringssystem",
    "Samordnad lokalplanering för 2028–2030",
    "Översyn av förvaltningens internkontrollplan",
    "Utvärdera resursfördelningsmodellen",
    "Dialogforum med brukar- och intresseorganisationer",
)

GEMENSAMMA_AKTIVITETER = _GEMENSAMMA_AKTIVITETER

AKTIVITETSTILLÄGG: tuple[str, ...] = (
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

STATUS: tuple[tuple[str, int], ...] = (
    ("ej påbörjad", 40),
    ("pågående", 35),
    ("genomförd", 12),
    ("försenad", 9),
    ("avbruten", 4),
)

# ---------------------------------------------------------------------------
# Sentence templates for multi-line descriptions
# ---------------------------------------------------------------------------

MENINGAR: tuple[str, ...] = (
    "Syftet är att höja kvaliteten för {mg} och att arbeta mer likvärdigt i hela enheten.",
    "Aktiviteten genomförs i samverkan med {partner} och {partner2}.",
    "Arbetet följs upp {frekvens} och redovisas i {rapport}.",
    "Under våren kartläggs nuläget och behoven hos {mg} genom {metod}.",
    "Erfarenheter från tidigare års arbete tas tillvara och sprids till andra enheter.",
    "Insatsen bidrar till nämndens effektmål och till kommunens långsiktiga inriktning.",
    "Kostnaderna ryms inom enhetens budgetram för 2027.",
    "Medarbetarna får {kompetens} för att kunna genomföra arbetet på ett likvärdigt sätt.",
    "Resultatet mäts genom {metod} och jämförs med utfallet från föregående år.",
    "En arbetsgrupp med {grupper} leder och samordnar arbetet.",
    "Risker och beroenden hanteras löpande i enhetens ledningsgrupp.",
    "Vid behov justeras tidplanen efter dialog med {roll} och förvaltningens ledning.",
    "Särskilt fokus läggs på att nå {mg} som i dag tar del av verksamheten i mindre grad.",
    "Arbetet dokumenteras i enhetens systematiska kvalitetsarbete.",
    "Aktiviteten fortsätter ett utvecklingsarbete som påbörjades {tidigare}.",
    "Under hösten utvärderas arbetet tillsammans med {mg} och {partner}.",
    "Goda exempel lyfts fram på arbetsplatsträffar och i förvaltningens nätverk.",
    "Om resultaten blir goda kan arbetssättet införas i fler verksamheter.",
    "Genomförandet sker inom ordinarie arbetstid och läggs in i verksamhetens årshjul.",
    "Ansvarig chef stämmer av framdriften med medarbetarna vid varje månadsmöte.",
    "Barnrättsperspektivet och jämställdhetsperspektivet beaktas i alla delar.",
    "Digitala verktyg används för att förenkla uppföljningen och minska administrationen.",
    "Målet är att minst {procent} procent av {mg} ska ha nåtts av insatsen före årets slut.",
    "Arbetet ska vara klart senast den {slutdatum} och avrapporteras till förvaltningen.",
    "Synpunkter från {mg} samlas in löpande och används för att förbättra arbetet.",
)

PARTNER: tuple[str, ...] = (
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

FREKVENS: tuple[str, ...] = (
    "varje månad",
    "varje kvartal",
    "två gånger per termin",
    "vid varje tertialuppföljning",
    "löpande under året",
)

RAPPORT: tuple[str, ...] = (
    "tertialrapporten",
    "verksamhetsberättelsen",
    "enhetens kvalitetsrapport",
    "delårsrapporten",
    "nämndens årsrapport",
)

METOD: tuple[str, ...] = (
    "enkäter",
    "intervjuer",
    "observationer",
    "fokusgrupper",
    "statistik ur verksamhetssystemet",
    "stickprov",
)

KOMPETENS: tuple[str, ...] = (
    "kompetensutveckling",
    "handledning",
    "en gemensam introduktion",
    "stöd från förvaltningens utvecklingsenhet",
    "tid för kollegialt lärande",
)

GRUPPER: tuple[str, ...] = (
    "medarbetare och chefer",
    "skyddsombud och fackliga företrädare",
    "brukare och anhöriga",
    "olika yrkesgrupper",
    "representanter för enheten och förvaltningen",
)

TIDIGARE: tuple[str, ...] = (
    "under 2025",
    "under 2026",
    "hösten 2026",
    "i samband med förra verksamhetsplanen",
)

MÅNADER: tuple[str, ...] = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
