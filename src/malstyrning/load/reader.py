"""Bytes → plain data, or findings that say why a file cannot be read.

The fast reader (yaml-rs) handles the ordinary file. Anything it refuses, and
anything that looks unusual (several documents, a top level that is not a mapping),
goes to ruamel.yaml, whose errors carry the line and column we report.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from malstyrning.findings import Finding
from malstyrning.load import yamlio
from malstyrning.values import int_text

MAX_BYTES = 10_000_000
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 2_000_000

_DOC_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)", re.M)
# Plain scalars where yaml-rs and ruamel.yaml are known to read differently (upper-case
# 0X/0O prefixes, leading-dot or underscore numbers, merge keys, a bare "="). A file
# containing one is read by ruamel.yaml alone, so both paths always give the same data.
# The scalar starts at the start of the text or after whitespace, "[", "," or "{" (a
# line start follows "\n", which is whitespace), optionally after a sign for numbers.
# Each alternative starts with its trigger character and looks behind for the start,
# so the regex engine skips every other character at C speed: the same decision as
# ``(?:^|[\s\[,{])(?:[-+]?(?:0[XOB]|\.[0-9]|_)|<<|=(?=[\s,\]}]|$))`` (re.M; kept as
# the oracle in tests/load/test_equivalence.py), about six times faster on storstad.
_START = r"[\s\[,{]"
_AFTER_START = rf"(?:(?<={_START}.)|(?<=\A.))"
_AFTER_SIGNED = rf"(?:(?<={_START}.)|(?<=\A.)|(?<={_START}[-+].)|(?<=\A[-+].))"
_RISKY = re.compile(
    rf"0(?=[XOB]){_AFTER_SIGNED}|\.(?=[0-9]){_AFTER_SIGNED}|_{_AFTER_SIGNED}"
    rf"|<(?=<){_AFTER_START}|=(?=[\s,\]}}]|$){_AFTER_START}", re.M | re.S)
# The same decision, one trigger at a time: a pattern that starts with one literal
# character is searched for with a fast scan for that character, where the alternation
# above tests every character against the set of five (four times slower on storstad).
# A trigger character absent from the text (``in``, one memchr) needs no search at all.
# ``_risky_scalar(text)`` is ``_RISKY.search(text) is not None``
# (tests/load/test_risky.py).
_RISKY_PARTS = tuple((trigger, re.compile(pattern, re.M | re.S)) for trigger, pattern in (
    ("0", rf"0(?=[XOB]){_AFTER_SIGNED}"),
    (".", rf"\.(?=[0-9]){_AFTER_SIGNED}"),
    ("_", rf"_{_AFTER_SIGNED}"),
    ("<", rf"<(?=<){_AFTER_START}"),
    ("=", rf"=(?=[\s,\]}}]|$){_AFTER_START}"),
))
_LEADING_NOISE = re.compile(r"\A(?:[ \t]*(?:#[^\n]*|%[^\n]*)?\n)*\Z")

# Control characters written as such in a file: C0 except tab, LF and CR (line breaks),
# DEL and C1. YAML forbids them, yaml-rs silently ends a value at NUL, and a terminal
# obeys ESC; they are reported and read as U+FFFD.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same in values, where a double-quoted escape ("\0", "\e", "\x07", "\r") can put
# them, plus lone surrogates ("\ud800"), which no encoder can write.
_BAD_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# One C pass over the bytes decides, for nearly every file, what two regex passes over
# the decoded text would: deleting every byte that can be neither part of a raw control
# character nor of a character at or above U+0300 leaves nothing. Raw controls are the
# bytes 00-08, 0B, 0C, 0E-1F and 7F, and C2 80-9F (C1); no character below U+0300 (lead
# bytes up to CB) changes under NFC. Anything left over takes the regex and NFC paths.
_PLAIN_BYTES = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0xC2),
                      *range(0xC3, 0xCC)])
# Only escapes can put such characters into a value that the raw text does not show.
_RISKY_ESCAPE = re.compile(r"\\[0abvfreNrxuU]")
REPLACEMENT = "\ufffd"
# Past this many characters, one finding sums up the rest of the file.
MAX_CHAR_FINDINGS = 10
# Integers at least this large fit no float and no plan value: the file is refused,
# as for .inf (Python cannot even print one past 4,300 digits).
MAX_INT = 10**300


@dataclass(slots=True)
class Parsed:
    """The outcome of reading one file: data (a mapping) or findings, never both empty.

    With data, ``findings`` holds what was noticed in the text and repaired in the data
    (control characters read as U+FFFD); the file is checked further all the same.
    """

    data: dict[str, Any] | None
    text: str | None
    findings: list[Finding] = field(default_factory=list)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def _decode(rel: str, raw: bytes, unusual: bytes) -> tuple[str | None, Finding | None]:
    """The text of ``raw``, NFC-normalised; ``unusual`` is ``_unusual_bytes(raw)``."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Finding(
            "MS002", rel, "Filen är sparad som UTF-16, inte UTF-8.",
            "Öppna filen och spara den som UTF-8 (i Anteckningar: Spara som → "
            "Kodning: UTF-8; i VS Code: klicka på kodningen i statusraden → "
            "Spara med kodning → UTF-8).", line=1, column=1,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, _not_utf8(rel, raw, err)
    if text.startswith("\ufeff"):
        text = text[1:]
    if (unusual and max(unusual) >= 0xCC and not _only_punctuation(raw, unusual)
            and not unicodedata.is_normalized("NFC", text)):
        # å typed as a + ring (pasted from a PDF) must match the schema's å
        text = unicodedata.normalize("NFC", text)
    return text, None


def _unusual_bytes(raw: bytes) -> bytes:
    """The bytes of ``raw`` that could belong to a raw control character or to a
    character at or above U+0300 (see ``_PLAIN_BYTES``); mostly empty or a few en
    dashes."""
    return raw.translate(None, _PLAIN_BYTES)


# A lead byte E2 that does not start U+2002–U+206F (dashes, quotes, spaces …) or €:
# these never change under NFC, alone or next to any other character (the en dash of
# nearly every plan is one; U+2000 and U+2001 become U+2002 and U+2003).
_WIDE_NOT_PUNCTUATION = re.compile(rb"\xe2(?!\x80[\x82-\xbf]|\x81[\x80-\xaf]|\x82\xac)")


def _only_punctuation(raw: bytes, unusual: bytes) -> bool:
    """True when every character of ``raw`` (valid UTF-8) at or above U+0300 is one of
    the punctuation above, so the text is NFC without asking ``is_normalized``, which
    reads every character (``unusual`` is ``_unusual_bytes(raw)``)."""
    return (max(unusual.translate(None, b"\xe2"), default=0) < 0xCC
            and _WIDE_NOT_PUNCTUATION.search(raw) is None)


def _not_utf8(rel: str, raw: bytes, err: UnicodeDecodeError) -> Finding:
    line = raw.count(b"\n", 0, err.start) + 1
    column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
    guess = "en okänd teckenkodning"
    try:
        latin = raw.decode("cp1252")
        if re.search("[åäöÅÄÖé]", latin):
            guess = "Windows-1252 (ANSI/Latin-1), vanligt i äldre Windows-program"
    except UnicodeDecodeError:
        pass
    return Finding(
        "MS002", rel,
        f"Filen är inte UTF-8; den ser ut att vara sparad som {guess}.",
        "Spara om filen som UTF-8 (i VS Code: klicka på kodningen i statusraden → "
        "Spara med kodning → UTF-8). Kontrollera sedan att å, ä och ö ser rätt ut.",
        line=line, column=column,
    )


def _looks_multi_document(text: str) -> bool:
    if not (text.startswith(("---", "...")) or "\n---" in text or "\n..." in text):
        return False
    markers = list(_DOC_MARKER.finditer(text))
    if not markers:
        return False
    first = markers[0]
    return len(markers) > 1 or not _LEADING_NOISE.match(text[: first.start()])


def read(rel: str, raw: bytes, max_bytes: int | None = None) -> Parsed:
    """Read one file's bytes into data, or into findings that explain the problem.

    ``raw`` may have been cut one byte past ``max_bytes`` (default ``MAX_BYTES``) by the
    file reader.
    """
    if max_bytes is None:
        max_bytes = MAX_BYTES
    if len(raw) > max_bytes:
        return Parsed(None, None, [Finding(
            "MS006", rel,
            f"Filen är större än gränsen på {max_bytes / 1_000_000:g} MB.",
            "Dela upp planen i flera filer, till exempel en fil per enhet (eller höj "
            "gränsen med `gränser: {max_filstorlek_byte: …}` i malstyrning.yaml).",
            line=1, column=1)])
    unusual = _unusual_bytes(raw)
    text, problem = _decode(rel, raw, unusual)
    if text is None:
        assert problem is not None
        return Parsed(None, None, [problem])
    noted: list[Finding] = []
    # the bytes left over hold no raw control when every one is above C2 (C0 and DEL
    # are below it, C1 characters start with it)
    if unusual and min(unusual) <= 0xC2:
        text, noted = _replace_raw_controls(rel, text)
    parsed = _read_text(rel, text, _may_have_markers(raw))
    if noted:
        parsed.findings[:0] = noted
    return parsed


def _may_have_markers(raw: bytes) -> bool:
    """False when no line of ``raw`` can start with ``---`` or ``...`` (one C search for
    each on the bytes; decoding, NFC and the U+FFFD for controls keep both)."""
    return (raw.startswith((b"---", b"...", b"\xef\xbb\xbf---", b"\xef\xbb\xbf..."))
            or _MARKER_BYTES.search(raw) is not None)


# ``b"\n---" in raw or b"\n..." in raw`` in one scan (half the time of the two).
_MARKER_BYTES = re.compile(rb"\n(?:---|\.\.\.)")


def _read_text(rel: str, text: str, markers: bool = True) -> Parsed:
    # ``not text.strip()`` without copying the text: isspace stops at the first letter
    if not text or text.isspace() or _LEADING_NOISE.match(text):
        return Parsed(None, text, [Finding(
            "MS003", rel, "Filen är tom (den innehåller inga värden, bara kommentarer "
            "eller blanksteg).",
            "Fyll i filen (börja med till exempel `typ: verksamhetsplan`) eller ta bort den.",
            line=1, column=1)])
    if _fast_path_safe(text, markers):
        try:
            data = yamlio.fast_load(text)
        except Exception as err:  # yaml-rs raises one error type; details come below
            message = str(err)
            if message.startswith("alias replay limit exceeded"):
                return Parsed(None, text, [_alias_finding(rel, text)])
            if message.rstrip().endswith("recursion limit exceeded"):
                return Parsed(None, text, [_depth_finding(rel, text)])
        else:
            if isinstance(data, dict):
                return _checked(rel, text, data)
    return _slow_read(rel, text)


def _fast_path_safe(text: str, markers: bool = True) -> bool:
    """True when yaml-rs is known to read ``text`` exactly as ruamel.yaml does
    (``markers`` False: the bytes showed no document marker)."""
    return (text.endswith("\n") and not (markers and _looks_multi_document(text))
            and not _risky_scalar(text))


def _risky_scalar(text: str) -> bool:
    """True when ``text`` has a plain scalar that yaml-rs may read differently
    (``_RISKY.search(text) is not None``, a quarter of the time)."""
    for trigger, pattern in _RISKY_PARTS:
        if trigger in text and pattern.search(text) is not None:
            return True
    return False


_PLAIN = (str, int, float, bool, type(None))


def _inspect(data: dict[str, Any]) -> str:
    """Empty when ``data`` is plain JSON-like data within the depth limit, else the
    problem: "djup", "nyckel" (a key that is not text), "typ" (a set, bytes …) or "tal"
    (inf/NaN). The common case finds nothing, which ``_is_plain`` shows at half the
    cost; only a file with a problem is walked again to name the first one."""
    return "" if _is_plain(data) else _first_problem(data)


def _is_plain(data: dict[str, Any]) -> bool:
    """True exactly when ``_first_problem(data)`` finds nothing: the same tests on the
    same containers, one level at a time, without a (container, depth) pair for each
    (tests/load/test_reader.py compares the two)."""
    level: list[Any] = [data]
    for _ in range(MAX_DEPTH):
        below: list[Any] = []
        push = below.append
        for value in level:
            if type(value) is dict:
                for key in value:
                    if type(key) is not str:
                        return False
                items = value.values()
            else:
                items = value
            for item in items:
                kind = type(item)
                if kind is str:  # most values: one comparison
                    continue
                if kind is dict or kind is list:
                    push(item)
                elif _scalar_problem(item, kind):
                    return False
        if not below:
            return True
        level = below
    return False  # containers below MAX_DEPTH levels


def _first_problem(data: dict[str, Any]) -> str:
    """The first problem the depth-first walk below meets (the one a file with several
    reports), or empty."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        if depth > MAX_DEPTH:
            return "djup"
        if type(value) is dict:
            for key in value:
                if type(key) is not str:
                    return "nyckel"
            items = value.values()
        else:
            items = value
        for item in items:
            kind = type(item)
            if kind is str:  # most values: one comparison
                continue
            if kind is dict or kind is list:
                push((item, depth + 1))
            else:
                problem = _scalar_problem(item, kind)
                if problem:
                    return problem
    return ""


def _scalar_problem(item: Any, kind: type) -> str:
    """What is wrong with one value that is neither text nor a container (of type
    ``kind``), as _first_problem names it, or empty: both walks ask this."""
    if kind is float:
        return "" if math.isfinite(item) else "tal"
    if kind is int:
        return "stort" if item >= MAX_INT or item <= -MAX_INT else ""
    return "" if kind in _PLAIN else "typ"


def _locate_problem(data: Any, problem: str,
                    path: tuple[str | int, ...] = ()) -> tuple[tuple[str | int, ...], Any]:
    """The path (and offending key or value) of the first ``problem`` that _inspect saw."""
    items = list(data.items()) if isinstance(data, dict) else list(enumerate(data))
    for key, item in items:
        if problem == "nyckel" and isinstance(data, dict) and type(key) is not str:
            return (path, key)
        here = (*path, key)
        if isinstance(item, dict | list):
            found = _locate_problem(item, problem, here)
            if found[0] or found[1] is not None:
                return found
        elif _is_problem(problem, item):
            return (here, item)
    return ((), None)


def _is_problem(problem: str, item: Any) -> bool:
    if problem == "tal":
        return type(item) is float and not math.isfinite(item)
    if problem == "stort":
        return type(item) is int and (item >= MAX_INT or item <= -MAX_INT)
    return problem == "typ" and type(item) not in _PLAIN


def _checked(rel: str, text: str, data: dict[str, Any]) -> Parsed:
    """Refuse data that is too deep or not plain JSON-like data, with a finding."""
    from malstyrning.load.positions import Locator

    problem = _inspect(data)
    if not problem:
        if "\\" not in text or _RISKY_ESCAPE.search(text) is None:
            return Parsed(data, text)
        return Parsed(data, text, _replace_bad_values(rel, text, data))
    if problem == "djup":
        return Parsed(None, text, [_depth_finding(rel, text)])
    path, what = _locate_problem(data, problem)
    line, col = Locator(text).position(path)
    if problem == "nyckel":
        kind = "ett tal" if isinstance(what, int | float) else "något annat än text"
        finding = Finding(
            "MS103", rel, f"Nyckeln `{what}` läses inte som text (YAML läser den som {kind}).",
            "Nycklar ska vara ord, som `år:` eller `värde:`. Ska det vara ett värde per år, "
            f"skriv till exempel `- {{år: {what}, värde: …}}`.", path=path, line=line,
            column=col)
    elif problem == "tal":
        finding = Finding("MS104", rel, "Talet är oändligt eller inte ett tal (.inf, .nan).",
                          "Skriv ett vanligt tal, eller `null` om värdet saknas.", path=path,
                          line=line, column=col)
    elif problem == "stort":
        finding = Finding("MS104", rel, f"Talet är orimligt stort ({int_text(what)}); så "
                          "stora tal kan inte vara ett värde i en plan, och filen läses inte.",
                          "Rätta talet (belopp skrivs i tkr, utan tusentalsavgränsare), eller "
                          "skriv `null` om värdet saknas.", path=path, line=line, column=col)
    else:
        finding = Finding("MS103", rel, "Värdet har en YAML-typ som planfiler inte använder "
                          f"({type(what).__name__}, t.ex. från !!set eller !!binary).",
                          "Skriv värdet som text, tal, lista eller mappning utan `!!`-tagg.",
                          path=path, line=line, column=col)
    return Parsed(None, text, [finding])


def _alias_finding(rel: str, text: str) -> Finding:
    match = re.search(r"(?<![\w*])\*[\w-]+", text)
    line, col = _line_col(text, match.start()) if match else (1, 1)
    return Finding(
        "MS008", rel,
        "Filen använder för många YAML-alias (*namn); den skulle växa till en orimlig "
        "storlek när den läses och vägras därför.",
        "Skriv ut värdena direkt i stället för att använda ankare (&namn) och alias "
        "(*namn); planfiler behöver inga alias.",
        line=line, column=col)


def _depth_finding(rel: str, text: str) -> Finding:
    return Finding(
        "MS007", rel,
        f"Filen är för djupt nästlad (mer än {MAX_DEPTH} nivåer).",
        "En plan behöver bara några få nivåer (plan → mål → indikator → "
        "målvärde). Kontrollera indragen och hakparenteserna.",
        line=1, column=1)


def _slow_read(rel: str, text: str) -> Parsed:
    try:
        documents = yamlio.slow_load_all(text)
    except RecursionError:
        return Parsed(None, text, [_depth_finding(rel, text)])
    except Exception as err:
        return Parsed(None, text, [_syntax_finding(rel, text, err)])
    documents = [d for d in documents if d is not None and not _empty_document(d)]
    if not documents:
        return Parsed(None, text, [Finding(
            "MS003", rel, "Filen är tom.", "Fyll i filen eller ta bort den.",
            line=1, column=1)])
    if len(documents) > 1:
        mark = documents[1].start_mark
        return Parsed(None, text, [Finding(
            "MS004", rel,
            f"Filen innehåller {len(documents)} YAML-dokument (avskilda med `---`); "
            "malstyrning läser ett dokument per fil.",
            "Lägg varje plan i en egen fil, eller ta bort raden `---` mitt i filen.",
            line=mark.line + 1, column=mark.column + 1)])
    node = documents[0]
    size_problem = _check_size(rel, text, node)
    if size_problem:
        return Parsed(None, text, [size_problem])
    try:
        data = yamlio.construct(node)
    except RecursionError:
        return Parsed(None, text, [_depth_finding(rel, text)])
    except Exception as err:
        return Parsed(None, text, [_syntax_finding(rel, text, err)])
    if data is None:
        return Parsed(None, text, [Finding(
            "MS003", rel, "Filen är tom (den innehåller inga värden).",
            "Fyll i filen (börja med till exempel `typ: verksamhetsplan`) eller ta bort den.",
            line=1, column=1)])
    if isinstance(data, dict):
        return _checked(rel, text, data)
    if not isinstance(data, dict):
        kind = "en lista" if isinstance(data, list) else "ett enskilt värde"
        return Parsed(None, text, [Finding(
            "MS009", rel,
            f"Filens översta nivå är {kind}, men en planfil ska vara en mappning med "
            "nycklar som `typ:`.",
            "Börja filen med till exempel:\n  typ: verksamhetsplan\n  organisation: UBN",
            line=node.start_mark.line + 1, column=node.start_mark.column + 1)])
    return Parsed(data, text)


def _empty_document(node: Any) -> bool:
    """A document with nothing in it (a stray trailing ``---``)."""
    return (str(getattr(node, "tag", "")).endswith(":null")
            and getattr(node, "value", None) in ("", "~", None))


def _check_size(rel: str, text: str, root: Any) -> Finding | None:
    """Refuse alias bombs and absurd nesting before anything expands them."""
    sizes: dict[int, int] = {}
    aliases = 0
    seen: set[int] = set()
    # iterative post-order walk over the composed graph (shared nodes = aliases)
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, done = stack.pop()
        if depth > MAX_DEPTH:
            return _depth_finding(rel, text)
        key = id(node)
        if done:
            total = 1
            for child in _children(node):
                total += sizes.get(id(child), 1)
            sizes[key] = total
            if total > MAX_EXPANDED_NODES:
                return _alias_finding(rel, text)
            continue
        if key in seen:
            aliases += 1
            if aliases > 100 and key in sizes and sizes[key] > 1:
                return _alias_finding(rel, text)
            continue
        seen.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            stack.append((child, depth + 1, False))
    return None


def _children(node: Any) -> list[Any]:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    out: list[Any] = []
    for item in value:
        if isinstance(item, tuple):
            out.extend(item)
        else:
            out.append(item)
    return out


_SYNTAX_HINTS = [
    ("found character '\\t'", "Filen innehåller ett tabbtecken. YAML tillåter bara "
     "mellanslag för indrag.",
     "Ersätt tabbtecknet med mellanslag (två per nivå). I VS Code: "
     "\"Convert Indentation to Spaces\"."),
    ("mapping values are not allowed", "Ett kolon (`:`) står där YAML inte väntar sig "
     "en ny nyckel.",
     "Om texten själv innehåller `: `, sätt hela texten inom citattecken: "
     "namn: \"Mål: fler i arbete\". Kontrollera annars indraget på raden ovanför."),
    ("could not find expected ':'", "YAML hittar inget kolon efter en nyckel.",
     "Varje rad i en mappning ska se ut som `nyckel: värde`. Kontrollera indraget och "
     "att flerradig text står efter `|`."),
    ("did not find expected key", "Indraget stämmer inte: en rad står på fel nivå.",
     "Rader på samma nivå ska börja i samma kolumn; använd två mellanslag per nivå."),
    ("expected <block end>", "Indraget stämmer inte: en rad står på fel nivå.",
     "Rader på samma nivå ska börja i samma kolumn; använd två mellanslag per nivå."),
    ("did not find expected '-' indicator", "En lista blandas med något annat på samma "
     "nivå.", "Varje element i en lista börjar med `- ` i samma kolumn."),
    ("found unexpected end of stream", "Filen tar slut mitt i ett värde.",
     "Kontrollera att alla citattecken och hakparenteser är stängda."),
    ("found undefined alias", "Ett alias (*namn) pekar på ett ankare som inte finns.",
     "Skriv ut värdet direkt; planfiler behöver inga alias."),
    ("found unknown escape character", "En escape-sekvens (\\ följt av ett tecken) inom "
     "dubbla citattecken finns inte i YAML.",
     "Inom dubbla citattecken inleder \\ en escape-sekvens. Skriv \\\\ för ett omvänt "
     "snedstreck, eller sätt texten inom enkla citattecken ('…')."),
    ("expected escape sequence of", "En escape-sekvens (\\x, \\u eller \\U) inom dubbla "
     "citattecken har för få hexadecimala siffror.",
     "Skriv till exempel \\u00e5 för å, eller skriv tecknet självt."),
    ("chr() arg not in range", "En escape-sekvens (\\U…) inom dubbla citattecken anger ett "
     "tecken som inte finns (det högsta är \\U0010FFFF).",
     "Rätta eller ta bort escape-sekvensen, eller skriv tecknet självt."),
    ("Exceeds the limit", "Ett tal har fler än 4 300 siffror; så stora tal kan inte vara ett "
     "värde i en plan, och filen läses inte.",
     "Rätta talet (belopp skrivs i tkr), eller skriv `null` om värdet saknas."),
    ("that cannot start any token", "Ett tecken står där inget värde kan börja (till exempel "
     "@ eller ` först i ett värde).", "Sätt texten inom citattecken: namn: \"@text\"."),
    ("tag", "Filen använder en YAML-tagg (!…) som planfiler inte använder.",
     "Ta bort taggen och skriv värdet som vanlig text, tal, lista eller mappning."),
    ("special characters are not allowed", "Filen innehåller ett tecken som inte får stå i "
     "YAML (till exempel U+FFFE eller U+FFFF).",
     "Ta bort tecknet; det följer ofta med när text klistras in från ett annat program."),
    ("expected the node content", "Ett värde saknas där YAML väntar sig ett.",
     "Kontrollera kommatecken och hakparenteser, och att `-` och `:` följs av ett värde."),
    ("sequence entries are not allowed here", "Ett listelement (`- `) står där ingen lista "
     "kan börja.", "Kontrollera indraget: `- ` ska stå under nyckeln som listan hör till."),
    ("mapping keys are not allowed here", "En nyckel står där ingen ny nyckel kan börja.",
     "Kontrollera indraget och att flerradig text står inom citattecken eller efter `|`."),
    ("expected a comment or a line break", "Något står efter ett värde på en rad där bara en "
     "kommentar får följa.", "Sätt hela texten inom citattecken, eller flytta resten till en "
     "egen rad."),
    ("while parsing a flow", "En lista eller mappning inom [ ] eller { } är inte stängd, eller "
     "saknar ett kommatecken.", "Kontrollera att varje [ och { stängs och att elementen "
     "skiljs åt med kommatecken."),
    ("while parsing a block", "Indraget stämmer inte: en rad står på fel nivå.",
     "Rader på samma nivå ska börja i samma kolumn; använd två mellanslag per nivå."),
    ("block scalar", "Raden efter `|` eller `>` är inte rätt indragen.",
     "Flerradig text efter `|` ska dras in mer än nyckeln den hör till."),
    ("indentation indicator", "Tecknen efter `|` eller `>` kan inte läsas.",
     "Skriv bara `|` (eller `|-`) och börja texten på nästa rad."),
    ("anchor", "Ett ankare (&namn) eller alias (*namn) kan inte läsas.",
     "Skriv ut värdet direkt; planfiler behöver inga ankare eller alias."),
    ("document", "Filen har en dokumentmarkering (`---` eller `...`) på fel ställe.",
     "Ta bort raden med `---` eller `...`."),
    ("directive", "Filen har ett YAML-direktiv (%…) som inte kan läsas.",
     "Ta bort raden som börjar med %."),
]


def _syntax_finding(rel: str, text: str, err: Exception) -> Finding:
    problem = str(getattr(err, "problem", "") or err)
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line = (mark.line + 1) if mark is not None else 1
    column = (mark.column + 1) if mark is not None else 1
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines and line > len(lines):
        line, column = len(lines), len(lines[-1]) + 1
    if type(err).__name__ == "DuplicateKeyError":
        key = re.search(r'duplicate key "(.*?)"', problem)
        name = key.group(1) if key else "?"
        first = _first_key_line(lines, name, getattr(err, "context_mark", None), mark)
        where = f" (första gången på rad {first})" if first else ""
        return Finding(
            "MS005", rel, f"Nyckeln `{name}` finns två gånger i samma mappning{where}.",
            "Ta bort eller byt namn på den ena; annars vet ingen vilket värde som gäller.",
            line=line, column=column)
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in problem or needle in str(err):
            return Finding("MS001", rel, message, hint, line=line, column=column)
    if 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return Finding("MS001", rel, "Raden innehåller ett tabbtecken; YAML tillåter bara "
                       "mellanslag för indrag.", "Ersätt tabbtecknet med mellanslag.",
                       line=line, column=lines[line - 1].index("\t") + 1)
    # The parser's own words are English: they go in the hint, the message stays Swedish.
    return Finding(
        "MS001", rel, "Filen är inte giltig YAML.",
        "Kontrollera indrag (två mellanslag per nivå), kolon efter varje nyckel och att "
        f"citattecken och hakparenteser är stängda. (YAML-tolkens beskrivning: {problem}.)",
        line=line, column=column)


def _first_key_line(lines: list[str], key: str, start: Any, duplicate: Any) -> int:
    """The 1-based line where ``key`` first appears at the duplicate's indentation."""
    if start is None or duplicate is None:
        return 0
    pattern = re.compile(r"^(?:- )?\s*" + re.escape(key) + r"\s*:")
    for number in range(start.line, min(duplicate.line, len(lines))):
        text = lines[number]
        if pattern.match(text) and (len(text) - len(text.lstrip(" -"))) == duplicate.column:
            return number + 1
    return start.line + 1


def _char_name(char: str) -> str:
    code = ord(char)
    names = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC",
             0x7F: "DEL", 0x85: "NEL"}
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X}, en ensam surrogathalva"
    name = names.get(code)
    return f"U+{code:04X}" + (f", {name}" if name else "")


def _too_many(rel: str, count: int, line: int, column: int) -> Finding:
    return Finding(
        "MS012", rel, f"Filen innehåller ytterligare {count} styrtecken eller ogiltiga "
        "tecken efter dem som redan visats.",
        "Rensa filen från osynliga tecken (i VS Code: sök med reguljärt uttryck "
        "`[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]`).", line=line, column=column)


def _replace_raw_controls(rel: str, text: str) -> tuple[str, list[Finding]]:
    """Report control characters typed into the file, and read each as U+FFFD.

    One character becomes one character, so every line and column stays the same.
    """
    if _RAW_CONTROL.search(text) is None:
        return text, []
    findings: list[Finding] = []
    matches = list(_RAW_CONTROL.finditer(text))
    for match in matches[:MAX_CHAR_FINDINGS]:
        line, column = _line_col(text, match.start())
        findings.append(Finding(
            "MS012", rel, f"Filen innehåller ett osynligt styrtecken ({_char_name(match.group())})"
            ", som inte får stå i en planfil; det läses som �.",
            "Ta bort tecknet. Det följer ofta med när text klistras in från ett annat "
            "program; skriv om ordet för hand om du inte ser tecknet.",
            line=line, column=column))
    if len(matches) > MAX_CHAR_FINDINGS:
        line, column = _line_col(text, matches[MAX_CHAR_FINDINGS].start())
        findings.append(_too_many(rel, len(matches) - MAX_CHAR_FINDINGS, line, column))
    return _RAW_CONTROL.sub(REPLACEMENT, text), findings


def _replace_bad_values(rel: str, text: str, data: dict[str, Any]) -> list[Finding]:
    """Report control characters and lone surrogates that escapes put into keys or
    values, and replace each with U+FFFD in ``data`` (so no later stage, and no encoder,
    ever sees them)."""
    from malstyrning.load.positions import Locator

    found: list[tuple[tuple[str | int, ...], bool, str]] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        container, path = stack.pop()
        if isinstance(container, dict):
            if any(_BAD_IN_VALUE.search(key) for key in container):
                items = list(container.items())
                container.clear()
                for key, value in items:
                    match = _BAD_IN_VALUE.search(key)
                    if match is not None:
                        found.append(((*path, key), True, match.group()))
                        key = _BAD_IN_VALUE.sub(REPLACEMENT, key)
                    container[key] = value
            entries: list[tuple[Any, Any]] = list(container.items())
        else:
            entries = list(enumerate(container))
        for key, value in entries:
            if isinstance(value, str):
                match = _BAD_IN_VALUE.search(value)
                if match is not None:
                    found.append(((*path, key), False, match.group()))
                    container[key] = _BAD_IN_VALUE.sub(REPLACEMENT, value)
            elif isinstance(value, dict | list):
                stack.append((value, (*path, key)))
    if not found:
        return []
    locator = Locator(text)
    findings = []
    found.sort(key=lambda item: locator.position(item[0], item[1]))
    for path, at_key, char in found[:MAX_CHAR_FINDINGS]:
        line, column = locator.position(path, at_key)
        shown = tuple(_BAD_IN_VALUE.sub(REPLACEMENT, p) if isinstance(p, str) else p
                      for p in path)
        surrogate = 0xD800 <= ord(char) <= 0xDFFF
        what = ("ett tecken som inte finns i Unicode" if surrogate
                else "ett osynligt styrtecken")
        findings.append(Finding(
            "MS013", rel, f"{'Nyckeln' if at_key else 'Texten'} innehåller {what} "
            f"({_char_name(char)}), skrivet som escape-sekvens; det läses som �.",
            "Ta bort escape-sekvensen (t.ex. `\\ud800`, `\\0`, `\\e` eller `\\x07`) inom "
            "citattecknen. Ska det stå ett vanligt tecken, skriv tecknet självt.",
            path=shown, line=line, column=column, at_key=at_key))
    if len(found) > MAX_CHAR_FINDINGS:
        line, column = locator.position(found[MAX_CHAR_FINDINGS][0], found[MAX_CHAR_FINDINGS][1])
        findings.append(_too_many(rel, len(found) - MAX_CHAR_FINDINGS, line, column).with_(
            code="MS013"))
    return findings
