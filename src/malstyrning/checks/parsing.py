"""Rules for files that cannot be read as a plan at all (findings come from ``load``)."""

from malstyrning.checks.base import declare
from malstyrning.findings import Severity

declare("MS001", "yaml-syntax", Severity.ERROR, "Filen är inte giltig YAML.",
        scope="inläsning",
        explanation="Indrag, kolon och citattecken måste följa YAML. Tabbtecken är inte "
        "tillåtna som indrag.",
        good="namn: \"Mål: fler i arbete\"", bad="namn: Mål: fler i arbete")
declare("MS002", "inte-utf8", Severity.ERROR, "Filen är inte sparad som UTF-8.",
        scope="inläsning",
        explanation="Planfiler ska vara UTF-8 så att å, ä och ö blir rätt överallt.",
        good="(filen sparad som UTF-8)", bad="(filen sparad som Windows-1252/ANSI)")
declare("MS003", "tom-fil", Severity.ERROR, "Filen är tom.", scope="inläsning",
        good="typ: verksamhetsplan\n...", bad="# bara en kommentar")
declare("MS004", "flera-dokument", Severity.ERROR,
        "Filen innehåller flera YAML-dokument (`---`).", scope="inläsning",
        good="typ: verksamhetsplan\norganisation: UBN",
        bad="typ: verksamhetsplan\n---\ntyp: verksamhetsplan")
declare("MS005", "dubblerad-nyckel", Severity.ERROR,
        "Samma nyckel står två gånger i en mappning.", scope="inläsning",
        good="namn: Fler i arbete\nmålgrupp: Unga vuxna",
        bad="namn: Fler i arbete\nnamn: Fler unga i arbete")
declare("MS006", "för-stor-fil", Severity.ERROR, "Filen är större än gränsen (10 MB).",
        scope="inläsning", good="(en plan per fil)", bad="(hela kommunen i en fil på 50 MB)")
declare("MS007", "för-djup", Severity.ERROR, "Filen är för djupt nästlad.",
        scope="inläsning", good="{measured.key}:\n  - id: E1", bad="a: [[[[[[[[ … ]]]]]]]]")
declare("MS008", "alias", Severity.ERROR,
        "Filen använder YAML-alias som skulle växa orimligt (\"billion laughs\").",
        scope="inläsning", good="agenda2030: [\"3\", \"3.4\"]",
        bad="a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]  # … i många led")
declare("MS009", "inte-mappning", Severity.ERROR,
        "Filens översta nivå är inte en mappning med `typ:`.", scope="inläsning",
        good="typ: verksamhetsplan", bad="- typ: verksamhetsplan")
declare("MS010", "okänd-dokumenttyp", Severity.ERROR,
        "Filen saknar `typ:` eller har en typ som malstyrning inte känner till.",
        scope="inläsning",
        explanation="Varje fil säger vad den är: `inställningar`, `organisation` eller "
        "`verksamhetsplan`. YAML-filer som inte hör till planen kan undantas med "
        "`exkludera` i malstyrning.yaml.",
        good="typ: verksamhetsplan", bad="typ: verksamhetsplanen")
declare("MS011", "oläslig-fil", Severity.ERROR,
        "Filen kan inte läsas (saknas, trasig länk eller saknad behörighet).",
        scope="inläsning", good="(en vanlig, läsbar fil)",
        bad="(en symbolisk länk till en fil som inte finns)")
declare("MS020", "länk-utanför-repot", Severity.ERROR,
        "En symbolisk länk leder utanför planrepot; den läses inte.", scope="inläsning",
        explanation="malstyrning läser bara vanliga filer inuti planrepot. En länk till en "
        "fil utanför (till exempel /etc/passwd eller /proc/self/environ) skulle annars kunna "
        "skriva ut datorns hemligheter i en offentlig CI-logg.",
        good="(planen ligger som en vanlig fil i planrepot)",
        bad="plan.yaml -> /etc/passwd")
declare("MS021", "inte-vanlig-fil", Severity.ERROR,
        "En YAML-fil är en pipe, enhetsfil eller socket, inte en vanlig fil.",
        scope="inläsning",
        explanation="Sådana filer kan blockera läsningen för alltid eller ge data utan slut; "
        "de öppnas aldrig.",
        good="(en vanlig textfil)", bad="mkfifo x.yaml")
declare("MS022", "oläslig-mapp", Severity.ERROR,
        "En mapp i planrepot kan inte läsas; filerna i den kontrolleras inte.",
        scope="inläsning", good="(mappen är läsbar)", bad="chmod 000 namnder/")
declare("MS023", "mappslinga-eller-djup", Severity.ERROR,
        "En länk leder runt i en slinga, eller mappstrukturen är djupare än gränsen.",
        scope="inläsning", good="namnder/ubn.yaml",
        bad="a -> .  (en länk till sin egen mapp)")
declare("MS024", "gräns-för-körningen", Severity.ERROR,
        "Planrepot har fler filer eller fler byte än körningens gränser.",
        scope="inläsning",
        explanation="Gränserna skyddar mot en körning i fel mapp (en hemkatalog med tusentals "
        "YAML-filer) och sätts under `gränser:` i malstyrning.yaml.",
        good="gränser:\n  max_filer: 50000", bad="(malstyrning validate i hemkatalogen)")
declare("MS026", "för-många-fynd", Severity.ERROR,
        "En fil har fler fynd än gränsen; de första visas och resten räknas i ett fynd.",
        scope="repo",
        explanation="Gränsen sätts med `max_fynd_per_fil` under `gränser:` i "
        "malstyrning.yaml (standard 200). Fyndet står där de utelämnade fynden börjar och "
        "har samma allvarlighet som det allvarligaste av dem, så felkoden blir densamma "
        "som om alla visades (om inte MS026 ges en annan allvarlighet här nedan).",
        good="gränser:\n  max_fynd_per_fil: 1000",
        bad="(en fil där tusentals poster har fel nycklar)")
declare("MS012", "styrtecken", Severity.ERROR,
        "Filen innehåller osynliga styrtecken (NUL, BEL, ESC …).", scope="inläsning",
        explanation="Styrtecken (C0 utom tabb och radbrytning, DEL och C1) får inte stå i "
        "YAML. De följer ofta med när text klistras in från ett annat program. Varje tecken "
        "rapporteras och läses som �, så resten av filen kontrolleras ändå.",
        good="namn: Fler i arbete", bad="namn: Fler i\x07 arbete   # BEL mitt i texten")
declare("MS013", "ogiltigt-tecken", Severity.ERROR,
        "En text innehåller ett tecken som inte kan skrivas ut (ensam surrogathalva) eller "
        "ett styrtecken, skrivet som escape-sekvens.", scope="inläsning",
        explanation="Inom dubbla citattecken kan YAML skriva tecken som `\\ud800` eller "
        "`\\0`. En ensam surrogathalva är inget tecken och kan inte sparas som UTF-8; "
        "styrtecken syns inte. Tecknet rapporteras och läses som �.",
        good="id: \"UBN-E1\"", bad="id: \"UBN-E1\\ud800\"")
