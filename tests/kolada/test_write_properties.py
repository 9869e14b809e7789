"""Property test of the Kolada import's promise, over follow-up files in every format.

Hypothesis builds follow-up files whose formatting varies in every way a person (or
another tool) writes YAML: comments everywhere, block and flow styles (one-line and
multi-line flow lists), quoting, null spellings, CRLF / CR / mixed line endings, a
byte-order mark, indentation 2/3/4 with and without indented lists, anchors and
aliases, trailing spaces, long lines, blank lines inside entries, NFD keys. For each,
the import is planned and written, and:

- every line that does not need a change is byte-identical (only the lines of filled
  entries, and the one line a flow list or ``utfall: []`` is extended on, may differ;
  everything else is kept or inserted);
- the file read again equals the old data plus exactly the values Kolada added
  (computed here independently of the writer);
- a refusal leaves the file byte-identical.

The normal suite runs a bounded number of examples (derandomized, so it is the same
run every time). ``MALSTYRNING_FUZZ_EXAMPLES=100000`` runs a long campaign with a
random seed; ``MALSTYRNING_FUZZ_REPORT=file.json`` writes how many inputs were tried,
written, unchanged and refused.
"""

from __future__ import annotations

import atexit
import copy
import difflib
import json
import os
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from malstyrning.kolada.files import EditError
from malstyrning.kolada.values import KoladaValue
from malstyrning.kolada.writer import Target as KoladaTarget
from malstyrning.kolada.writer import UpdatePlan, find_entries, missing_reason, plan_file
from malstyrning.load import reader

EXAMPLES = int(os.environ.get("MALSTYRNING_FUZZ_EXAMPLES", "300"))
LONG = "MALSTYRNING_FUZZ_EXAMPLES" in os.environ
REPORT = os.environ.get("MALSTYRNING_FUZZ_REPORT")
STATS: Counter[str] = Counter()

if REPORT:
    atexit.register(lambda: Path(REPORT).write_text(json.dumps(dict(STATS), indent=2)))

YEAR = 2026
VALUES = {
    "N15419": KoladaValue("N15419", "0331", YEAR, 73.4, 76.0, 70.9),
    "N17457": KoladaValue("N17457", "0331", YEAR, 64),
    "N01951": KoladaValue("N01951", "0331", YEAR, None),
    "N00914": KoladaValue("N00914", "0331", YEAR, 78.9, 81.2, 76.5),
}
TARGETS = [
    KoladaTarget("UBN-E1-I1", "N15419", "UBN", "x"),
    KoladaTarget("UBN-E1-I2", "N17457", "UBN", "x"),
    KoladaTarget("UBN-E1-I3", "N01951", "UBN", "x"),
    KoladaTarget("UBN-E1-I4", "N00914", "UBN", "x"),
]
INDICATORS = [t.indicator for t in TARGETS] + ["UBN-E2-I1"]

# --- the data ------------------------------------------------------------------------

words = st.sampled_from(["Väntar på Kolada", "Egen mätning", "enkät", "Publiceras i mars",
                         "delvis", "Källa: nämnden", "ökning 3 %", "åäö ÅÄÖ"])
number = st.one_of(st.integers(-1000, 1000), st.floats(-1000, 1000, allow_nan=False,
                                                         allow_infinity=False).map(
                                                             lambda f: round(f, 2)))


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {"indikator": draw(st.sampled_from(INDICATORS))}
    when = draw(st.sampled_from(["year", "year", "old", "text", "date"]))
    if when == "year":
        entry["år"] = YEAR
    elif when == "old":
        entry["år"] = YEAR - 1
    elif when == "text":
        entry["år"] = str(YEAR)
    else:
        entry["datum"] = "2026-08-31"
    entry["värde"] = draw(st.one_of(st.none(), number))
    if draw(st.booleans()) and entry["värde"] is None:
        entry["saknas"] = draw(st.sampled_from([missing_reason(YEAR), "Publiceras i mars."]))
    source = draw(st.sampled_from([None, "Kolada", "kolada", "Egen mätning"]))
    if source is not None:
        entry["källa"] = source
    split = draw(st.sampled_from([None, "KM", "K"]))
    if split:
        entry["kön"] = {g: draw(number) for g in split}
    if draw(st.booleans()):
        entry["kommentar"] = draw(st.one_of(words, words.map(lambda w: (w + " ") * 40),
                                            st.just("Rad ett.\n\nRad två.\n")))
    return entry


@st.composite
def formats(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "indent": draw(st.sampled_from([2, 3, 4])),
        "indented_list": draw(st.booleans()),
        "list": draw(st.sampled_from(["block", "block", "flow", "flow-lines", "empty",
                                      "null", "absent"])),
        "entry_flow": draw(st.lists(st.booleans(), min_size=8, max_size=8)),
        "split_flow": draw(st.booleans()),
        "comments": draw(st.sampled_from(["none", "some", "everywhere"])),
        "quote": draw(st.sampled_from(["plain", "single", "double", "mixed"])),
        "null": draw(st.sampled_from(["null", "~", "", "Null"])),
        "newline": draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"])),
        "bom": draw(st.booleans()),
        "anchors": draw(st.sampled_from(["none", "top", "value", "entry"])),
        "trailing": draw(st.booleans()),
        "blank_in_entries": draw(st.booleans()),
        "nfd": draw(st.sampled_from(["none", "keys", "file"])),
        "final_newline": draw(st.booleans()),
        "assessments": draw(st.booleans()),
        "seed": draw(st.integers(0, 2**16)),
    }


# --- writing a file in a given format --------------------------------------------------

class Writer:
    def __init__(self, fmt: dict[str, Any]) -> None:
        self.fmt = fmt
        self.lines: list[tuple[str, bool]] = []  # text, may carry trailing blanks/comments
        self.turn = fmt["seed"]

    def flip(self, every: int) -> bool:
        self.turn = (self.turn * 1103515245 + 12345) % 2**31
        return self.turn % every == 0

    def comment(self) -> str:
        mode = self.fmt["comments"]
        if mode == "everywhere" or (mode == "some" and self.flip(3)):
            return "   # kommentar" if self.flip(2) else " #k"
        return ""

    def line(self, text: str, *, free: bool = True) -> None:
        self.lines.append((text, free))

    def own_comment(self, column: int) -> None:
        if self.fmt["comments"] == "everywhere" or (self.fmt["comments"] == "some"
                                                    and self.flip(4)):
            self.line(" " * column + "# egen rad", free=False)

    def key(self, name: str) -> str:
        return unicodedata.normalize("NFD", name) if self.fmt["nfd"] == "keys" else name

    def text(self, value: str) -> str:
        quote = self.fmt["quote"]
        if quote == "mixed":
            quote = ["plain", "single", "double"][self.turn % 3]
            self.flip(2)
        if quote == "single":
            return "'" + value.replace("'", "''") + "'"
        if quote == "double" or ":" in value or value.startswith(("-", "'")):
            return json.dumps(value, ensure_ascii=False)
        return value

    def scalar(self, value: Any) -> str:
        if value is None:
            return self.fmt["null"]
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return repr(value)
        return self.text(value)

    def flow(self, value: Any) -> str:
        if isinstance(value, dict):
            inner = ", ".join(f"{self.key(k)}: {self.flow(v)}" for k, v in value.items())
            return "{" + inner + "}"
        if value is None:
            return "null" if self.fmt["null"] == "" else self.fmt["null"]
        if isinstance(value, str) and "\n" in value:
            return json.dumps(value, ensure_ascii=False)
        return self.scalar(value)

    def block_entry(self, entry: dict[str, Any], dash: int, anchor: str) -> None:
        width = self.fmt["indent"]
        key_column = dash + width
        first = True
        for name, value in entry.items():
            lead = (" " * dash + "-" + " " * (width - 1) + anchor) if first else " " * key_column
            first = False
            if self.fmt["blank_in_entries"] and name in ("år", "kommentar"):
                self.line("")
            if name == "kön" and not self.fmt["split_flow"]:
                self.line(f"{lead}{self.key(name)}:{self.comment()}")
                for gender, number_ in value.items():
                    self.line(f"{' ' * (key_column + width)}{gender}: {self.scalar(number_)}"
                              f"{self.comment()}")
                continue
            if name == "kön":
                self.line(f"{lead}{self.key(name)}: {self.flow(value)}{self.comment()}")
                continue
            if isinstance(value, str) and "\n" in value:
                self.line(f"{lead}{self.key(name)}: |{self.comment()}")
                for content in value.rstrip("\n").split("\n"):
                    self.line(" " * (key_column + width) + content if content else "",
                              free=False)
                continue
            anchored = name == "värde" and self.fmt["anchors"] == "value"
            prefix = f"&v{len(self.lines)} " if anchored else ""
            rendered = self.scalar(value)
            comment = self.comment()
            gap = " " if rendered or prefix else ""
            self.line(f"{lead}{self.key(name)}:{gap}{prefix}{rendered}{comment}")

    def document(self, data: dict[str, Any]) -> str:
        fmt = self.fmt
        width = fmt["indent"]
        dash = width if fmt["indented_list"] else 0
        self.line("# yaml-language-server: $schema=../../schemas/uppfoljning.schema.json",
                  free=False)
        self.line("typ: uppföljning" + self.comment())
        anchor_top = fmt["anchors"] == "top"
        self.line(f"organisation: {'&org ' if anchor_top else ''}UBN{self.comment()}")
        self.line(f"period: {self.text('2026-helår')}{self.comment()}")
        items = data.get("utfall", [])
        style = fmt["list"]
        if style == "absent":
            pass
        elif style == "empty" or (style == "null") or not items:
            value = "[]" if style in ("empty", "flow", "flow-lines") or not items else ""
            if style == "null":
                value = fmt["null"]
            self.line(f"utfall:{' ' + value if value else ''}{self.comment()}")
        elif style == "flow":
            self.line("utfall: [" + ", ".join(self.flow(e) for e in items) + "]"
                      + self.comment())
        elif style == "flow-lines":
            self.line("utfall: [" + self.comment())
            for i, entry in enumerate(items):
                comma = "," if i < len(items) - 1 else ""
                self.line(" " * width + self.flow(entry) + comma + self.comment())
            self.line("]")
        else:
            self.line("utfall:" + self.comment())
            for i, entry in enumerate(items):
                self.own_comment(dash)
                anchor = "&e " if (fmt["anchors"] == "entry" and i == 0) else ""
                if fmt["entry_flow"][i % 8] and not anchor:
                    self.line(" " * dash + "- " + self.flow(entry) + self.comment())
                else:
                    self.block_entry(entry, dash, anchor)
        if fmt["assessments"]:
            self.line("")
            self.own_comment(0)
            self.line("bedömningar:")
            self.line(" " * dash + "-" + " " * (width - 1) + "mål: UBN-E1" + self.comment())
            self.line(" " * (dash + width) + "måluppfyllelse: delvis uppfyllt")
        if anchor_top:
            self.line("kopia: *org")
        return self.join()

    def join(self) -> str:
        fmt = self.fmt
        out: list[str] = []
        for i, (text, free) in enumerate(self.lines):
            if fmt["trailing"] and free and text and self.flip(2):
                text += "  "
            newline = fmt["newline"]
            if newline == "mixed":
                newline = "\r\n" if self.flip(2) else "\n"
            last = i == len(self.lines) - 1
            out.append(text + ("" if last and not fmt["final_newline"] else newline))
        text = "".join(out)
        if fmt["nfd"] == "file":
            text = unicodedata.normalize("NFD", text)
        return ("\ufeff" if fmt["bom"] else "") + text


# --- the oracle -----------------------------------------------------------------------

def expected_after(old: dict[str, Any], changes: list[Any]) -> dict[str, Any]:
    """The old data plus exactly what each written change adds (independent of the
    writer's own bookkeeping)."""
    new = copy.deepcopy(old)
    items = old.get("utfall") if isinstance(old.get("utfall"), list) else []
    for change in changes:
        if not change.writes:
            continue
        value = change.value
        found = find_entries(items, change.target.indicator, YEAR)
        if found:
            entry = new["utfall"][found[0]]
            entry["värde"] = value.total
            if value.total is None:
                entry["saknas"] = missing_reason(YEAR)
            else:
                entry.pop("saknas", None)
            entry["källa"] = "Kolada"
            if value.total is not None and value.by_gender:
                entry["kön"] = dict(value.by_gender)
            else:
                entry.pop("kön", None)
        else:
            entry = {"indikator": change.target.indicator, "år": YEAR, "värde": value.total}
            if value.total is None:
                entry["saknas"] = missing_reason(YEAR)
            entry["källa"] = "Kolada"
            if value.total is not None and value.by_gender:
                entry["kön"] = dict(value.by_gender)
            if not isinstance(new.get("utfall"), list):
                new["utfall"] = []
            new["utfall"].append(entry)
    return new


def changeable_lines(text: str, old: dict[str, Any], changes: list[Any]) -> set[int]:
    """Old lines (0-based) that an import may rewrite: the filled entries' lines, the
    line a flow list or an empty ``utfall`` is extended on, an unterminated last line."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    root = yaml.compose(text)
    allowed: set[int] = set()
    pairs = {unicodedata.normalize("NFC", k.value): (k, v) for k, v in root.value}
    items = old.get("utfall") if isinstance(old.get("utfall"), list) else []
    appended = False
    for change in changes:
        if not change.writes:
            continue
        found = find_entries(items, change.target.indicator, YEAR)
        if not found:
            appended = True
            continue
        node = pairs["utfall"][1].value[found[0]]
        allowed.update(range(node.start_mark.line, node.end_mark.line + 1))
    if appended and "utfall" in pairs:
        key, value = pairs["utfall"]
        if getattr(value, "flow_style", False) or not isinstance(value.value, list):
            allowed.update(range(key.start_mark.line, value.end_mark.line + 1))
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        allowed.add(len(lines) - 1)
    return allowed


# --- the property ---------------------------------------------------------------------

@settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
          suppress_health_check=list(HealthCheck))
@given(items=st.lists(entries(), max_size=6), fmt=formats())
def test_an_import_changes_only_what_it_must(items: list[dict[str, Any]],
                                             fmt: dict[str, Any]) -> None:
    text = Writer(fmt).document({"utfall": items})
    raw = text.encode("utf-8")
    old = reader.read("ubn.yaml", raw).data
    if old is None:  # the generator made something malstyrning does not read as YAML
        STATS["unreadable input"] += 1
        return
    STATS["inputs"] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        real = root / "ubn.yaml"
        real.write_bytes(raw)
        try:
            update = plan_file("ubn.yaml", "UBN", real, raw, TARGETS, VALUES, year=YEAR,
                               period="2026-helår", municipality="0331", overwrite=False)
            plan = UpdatePlan(root, YEAR, "2026-helår", [update], VALUES, "0331")
            plan.write()
        except EditError as err:
            STATS["refused"] += 1
            reason = str(err).split(": ", 1)[-1].split(".")[0]
            STATS[f"refused: {reason}"] += 1
            assert real.read_bytes() == raw, "a refusal changed the file"
            assert str(err).startswith("ubn.yaml")
            return
        new = real.read_bytes()
    if not update.writes:
        STATS["nothing to write"] += 1
        assert new == raw
        return
    STATS["written"] += 1
    # the data: old plus exactly the added values
    assert reader.read("ubn.yaml", new).data == expected_after(old, update.changes)
    # the lines: all kept except those that needed a change
    body = text.removeprefix("\ufeff")
    new_text = new.decode("utf-8")
    assert new_text.startswith("\ufeff") == text.startswith("\ufeff")
    allowed = changeable_lines(body, old, update.changes)
    a = body.splitlines(keepends=True)
    b = new_text.removeprefix("\ufeff").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            touched = set(range(i1, i2)) - allowed
            assert not touched, f"lines changed that did not need to: {[a[i] for i in touched]}"
    # no new kind of line break appears
    breaks_old = {ln[len(ln.rstrip('\r\n')):] for ln in a} - {""}
    breaks_new = {ln[len(ln.rstrip('\r\n')):] for ln in b} - {""}
    assert breaks_new <= (breaks_old or {"\n"})
