"""Hypothesis strategies that build whole plan repositories, valid and broken.

A repository is drawn as plain data first (settings, organisation register, KF plan,
nämnd and enhet plans, follow-ups) whose ids, links, numbers and periods come from
strategies that mix the ordinary with the absurd: duplicate and numeric ids,
self-links, cycles and links across files, huge, negative and non-finite numbers,
unknown periods and year 0, NUL, lone surrogates, RTL marks, NFD text and very long
strings. Then some values are replaced by a wrong type at any key, and some files are
written in flow style or have their bytes damaged (control characters, tabs, a
deleted line, CRLF, a BOM, NFD). The result is ``{path: bytes}``.
"""

from __future__ import annotations

import copy
import json
import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from hypothesis import strategies as st

SETTINGS = "malstyrning.yaml"
ORGANISATION = "organisation.yaml"

# --- values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Digits:
    """An integer written as digits in the file, for sizes Python cannot print."""

    text: str


ODD_TEXTS = [
    "", " ", "\x00", "a\x00b", "\x07", "\x1b[31mröd\x1b[0m", "\x85", "\x9b", "\x7f", "\ud800",
    "UBN-E1\ud800", "\udfff\ud800", "\u202e", "\u202bمرحبا\u202c", "\u200f", "\ufeff", "\ufffe",
    "\u2028", "a\u030ar", "A\u030a", "Ö", "😀", "\U0010ffff", "e\u0301", "x" * 5000,
    "1.10", "0331", "yes", "null", "~", "2027-02-30", "0000-01-01", "2027-13-01",
    "0000-helår", "9999-helår", "2027-helår", "2027-okänd", "²⁰²⁷", "２０２７", "٢٠٢٧",
    "2027–2029", "2029–2027", "0000", "1899", "2201", "Mål: fler", "- x", "&a", "*a",
    "#kommentar", "'", '"', "\\", "\t", "\n", "\r\n", "a\rb", "{", "[", "%", "@",
]

REAL_TEXTS = [
    "Fler elever når kunskapskraven", "Trygg och säker kommun", "Rektor",
    "Enhetschef hemtjänst", "Läsfrämjande insatser i åk 1–3", "Kommunstyrelsen",
]

DATES = ["2027-01-15", "2027-06-30", "2027-12-31", "2026-11-23", "2030-12-31", "2024-12-31",
         "2027-02-29", "2028-02-29", "0000-01-01", "1899-12-31", "2201-01-01", "2027-1-5",
         "20270115", "2027-W01-1"]

PERIODS = [2027, "2027–2029", "2027-2028", "2027 – 2029", "2029–2027", 0, "0000", 1899, 2201,
           "2027–2099", "2200", 2200, 1900, "1900–1900", "0000–0001", -2027, 10**80]


@cache
def huge_ints() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from([10**15, 10**15 + 1, -(10**15) - 1, 10**80, -(10**80), 10**299,
                         10**300, 10**309, -(10**309), 2**63, 2**64 + 1]),
        st.integers(min_value=5, max_value=6000).map(lambda n: Digits("1" + "2" * n)),
        st.integers(min_value=5, max_value=6000).map(lambda n: Digits("-9" + "0" * n)),
    )


@cache
def numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.integers(min_value=0, max_value=1_000_000),
        st.integers(min_value=0, max_value=1_000_000),
        st.integers(min_value=-1000, max_value=1_000_000),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([0, -1, 0.5, 1e-300, 1e300, 1.7976931348623157e308, -0.0, 1900, 2200,
                         2201, 1899, 548900, 650000]),
        huge_ints(),
    )


@cache
def odd_text() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(ODD_TEXTS),
        st.text(max_size=12),
        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                       categories=("Cc", "Cs", "Cf", "Mn", "Zl", "Zp", "Co")),
                min_size=1, max_size=4),
        st.sampled_from(ODD_TEXTS).flatmap(lambda t: st.sampled_from(["UBN-E1", "Rek"]).map(
            lambda base: base + t)),
    )


@cache
def texts() -> st.SearchStrategy[Any]:
    """Mostly real texts (so that one odd value stands out), sometimes odd ones."""
    return st.integers(min_value=0, max_value=4).flatmap(
        lambda n: odd_text() if n == 0 else st.sampled_from(REAL_TEXTS))


@cache
def wrong_values() -> st.SearchStrategy[Any]:
    """Every YAML type a key can hold by mistake."""
    leaf = st.one_of(
        texts(), st.integers(min_value=-(10**6), max_value=10**6), huge_ints(),
        st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
        st.sampled_from(DATES), st.sampled_from(PERIODS),
    )
    return st.one_of(
        leaf,
        st.lists(leaf, max_size=3),
        st.dictionaries(st.sampled_from(["id", "år", "värde", "x", "namn", "1"]), leaf,
                        max_size=3),
        st.just([]), st.just({}), st.just([[[]]]),
    )


# --- repositories -------------------------------------------------------------------------

ORG_LEVELS = ["kommunfullmäktige", "nämnd", "förvaltning", "enhet"]


@st.composite
def ids(draw: st.DrawFn, prefix: str, known: list[Any]) -> Any:
    """A new id: usually fresh, sometimes a duplicate, a number or odd text."""
    choice = draw(st.integers(min_value=0, max_value=39))
    if choice == 0 and known:
        return draw(st.sampled_from(known))  # duplicate
    if choice == 1:
        return draw(st.one_of(st.integers(min_value=-5, max_value=100), st.just(1.1),
                              st.just(1.10), huge_ints()))
    if choice == 2:
        return draw(odd_text())
    return f"{prefix}{len(known) + 1}"


def links(draw: st.DrawFn, candidates: list[Any], own: Any) -> Any:
    """`bidrar_till`: known ids (self-links and any level included), unknown ids, odd."""
    choice = draw(st.integers(min_value=0, max_value=19))
    if choice == 0:
        return [own]  # self-link
    if choice == 1:
        return draw(wrong_values())
    if choice == 2:
        return ["FINNS-INTE", *candidates[:1]]
    if not candidates:
        return []
    return draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3))


def measure(draw: st.DrawFn) -> Any:
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        return draw(wrong_values())
    return {"år": draw(st.one_of(st.integers(min_value=2024, max_value=2030),
                                st.sampled_from(PERIODS))),
            "värde": draw(numbers())}


def indicator(draw: st.DrawFn, known: list[Any], owner: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": draw(ids(f"{owner}-I", known)), "namn": draw(texts())}
    known.append(item["id"])
    if draw(st.booleans()):
        item["riktning"] = draw(st.sampled_from(["högre", "lägre", "uppåt", 1]))
    if draw(st.booleans()):
        item["baslinje"] = measure(draw)
    if draw(st.integers(min_value=0, max_value=3)):
        item["målvärden"] = [measure(draw) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        item["vikt"] = draw(numbers())
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        item["kolada"] = draw(st.one_of(st.just("N15419"), texts(), numbers()))
    return item


@st.composite
def plan_data(draw: st.DrawFn) -> dict[str, Any]:
    """The data of every file, before it is written out."""
    known: list[Any] = []
    files: dict[str, Any] = {}
    period = draw(st.one_of(st.just("2027–2029"), st.sampled_from(PERIODS)))
    files[SETTINGS] = {"typ": "inställningar", "kommun": "Fuzzby kommun",
                       "kommunkod": "0331", "period": "2027–2029"}
    if draw(st.integers(0, 9)) == 0:
        files[SETTINGS]["period"] = period

    # organisation register: present, missing, duplicated, with odd trees
    units = [{"id": "KF", "namn": "Kommunfullmäktige", "nivå": "kommunfullmäktige"}]
    namnder = draw(st.lists(st.sampled_from(["UBN", "VON", "KS", "UBN"]), min_size=1,
                            max_size=3))
    for n in namnder:
        units.append({"id": n, "namn": f"{n}-nämnden", "nivå": "nämnd",
                      "överordnad": draw(st.sampled_from(["KF", "KF", "KF", n, "X"]))})
    units.append({"id": "UF-E", "namn": "Enheten", "nivå": draw(st.sampled_from(ORG_LEVELS)),
                  "överordnad": namnder[0]})
    register_mode = draw(st.sampled_from(["one", "one", "one", "none", "two"]))
    if register_mode != "none":
        files[ORGANISATION] = {"typ": "organisation", "organisationer": units}
    if register_mode == "two":
        files["org/kopia.yaml"] = {"typ": "organisation", "organisationer": units[:2]}

    # KF plan
    vision_id = draw(ids("VISION", known))
    known.append(vision_id)
    inriktningar = []
    for _ in range(draw(st.integers(1, 2))):
        item = {"id": draw(ids("I", known)), "namn": draw(texts())}
        item["bidrar_till"] = links(draw, [vision_id, *known], item["id"])
        known.append(item["id"])
        inriktningar.append(item)
    frames = [{"organisation": n, "belopp": draw(numbers())} for n in namnder]
    kf: dict[str, Any] = {
        "typ": "verksamhetsplan", "organisation": "KF", "nivå": "kommunfullmäktige",
        "period": period, "vision": {"id": vision_id, "namn": draw(texts())},
        "inriktningar": inriktningar,
        "finansiella_mål": [{"id": draw(ids("F", known)), "namn": "Resultat",
                             "indikatorer": [indicator(draw, known, "F")]}],
        "ramar": {"år": draw(st.sampled_from([2027, 2027, 0, 10**80])),
                  "total": draw(numbers()), "nämnder": frames},
    }
    if draw(st.booleans()):
        kf["styrdokument"] = [{"id": draw(ids("SD", known)), "namn": "Policy",
                               "typ": "policy", "beslutad": draw(st.sampled_from(DATES)),
                               "giltig_till": draw(st.sampled_from(DATES)),
                               "ansvarig": draw(texts()),
                               "bidrar_till": links(draw, known, "SD")}]
    files["kf/plan.yaml"] = kf

    # nämnd plans, effektmål linked to anything (cycles, across files, wrong levels)
    goals: list[Any] = []
    for n in sorted(set(namnder)):
        effektmal = []
        for _ in range(draw(st.integers(0, 2))):
            item = {"id": draw(ids(f"{n}-E", known)), "namn": draw(texts()),
                    "period": draw(st.one_of(st.just("2027–2028"), st.sampled_from(PERIODS)))}
            known.append(item["id"])
            item["bidrar_till"] = links(draw, known, item["id"])
            item["indikatorer"] = [indicator(draw, known, str(item["id"]))
                                   for _ in range(draw(st.integers(0, 2)))]
            effektmal.append(item)
            goals.append(item["id"])
        files[f"namnder/{n}.yaml"] = {
            "typ": "verksamhetsplan", "organisation": n, "nivå": "nämnd",
            "period": draw(st.one_of(st.just(2027), st.sampled_from(PERIODS))),
            "ram": draw(numbers()), "effektmål": effektmal}

    # an enhet plan with activities
    activities = []
    for _ in range(draw(st.integers(0, 2))):
        item = {"id": draw(ids("UF-E-A", known)), "namn": draw(texts()),
                "bidrar_till": links(draw, goals or known, "A"),
                "ansvarig": draw(texts()), "start": draw(st.sampled_from(DATES)),
                "slut": draw(st.sampled_from(DATES)),
                "status": draw(st.sampled_from(["pågående", "genomförd", "avbruten", "klar"]))}
        known.append(item["id"])
        activities.append(item)
    files["enheter/enhet.yaml"] = {"typ": "verksamhetsplan", "organisation": "UF-E",
                                   "nivå": "enhet", "period": 2027, "aktiviteter": activities}

    # follow-ups for known and unknown periods, naming ids of any kind
    for i in range(draw(st.integers(0, 2))):
        org = draw(st.sampled_from([*namnder, "KF", "OKÄND"]))
        fperiod = draw(st.one_of(
            st.sampled_from(["2027-helår", "2027-delår", "2027-T1"]),
            st.sampled_from(["0000-helår", "9999-helår", "2031-helår", "2027-okänd", "2027",
                             "helår", "²⁰²⁷-helår", "2027-helår-x"]),
            texts()))
        files[f"uppfoljning/{i}.yaml"] = {
            "typ": "uppföljning", "organisation": org, "period": fperiod,
            "utfall": [{"indikator": draw(st.sampled_from(known)),
                        "år": draw(st.one_of(st.just(2027), st.sampled_from(PERIODS))),
                        "värde": draw(st.one_of(numbers(), st.none())),
                        **({"kön": {"K": draw(numbers()), "M": draw(numbers())}}
                           if draw(st.booleans()) else {}),
                        **({"datum": draw(st.sampled_from(DATES))}
                           if draw(st.booleans()) else {})}
                       for _ in range(draw(st.integers(0, 3)))],
            "bedömningar": [{"mål": draw(st.sampled_from(known)),
                             "måluppfyllelse": draw(st.sampled_from(
                                 ["uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"])),
                             **({"analys": draw(texts())} if draw(st.booleans()) else {})}
                            for _ in range(draw(st.integers(0, 2)))],
            "aktiviteter": [{"aktivitet": draw(st.sampled_from(known)),
                             "status": draw(st.sampled_from(["genomförd", "pågående"]))}
                            for _ in range(draw(st.integers(0, 2)))],
        }
    return files


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            out.extend(_paths(item, (*here, key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out.extend(_paths(item, (*here, i)))
    return out


def _replace(data: Any, path: tuple[Any, ...], new: Any) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new


@st.composite
def broken_data(draw: st.DrawFn) -> dict[str, Any]:
    """Plan data with a few values replaced by wrong types, keys removed or added."""
    files = draw(plan_data())
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        # a broken malstyrning.yaml stops every run (exit 2 by design): seldom
        names = sorted(files) if draw(st.integers(0, 19)) == 0 else sorted(
            set(files) - {SETTINGS})
        name = draw(st.sampled_from(names))
        paths = [p for p in _paths(files[name]) if p]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        action = draw(st.integers(0, 9))
        parent = files[name]
        for part in path[:-1]:
            parent = parent[part]
        if action == 0 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == 1 and isinstance(parent, dict):
            parent[draw(st.one_of(texts(), st.sampled_from(["bidrar_tll", "år", "värde"])))] = (
                copy.deepcopy(draw(wrong_values())))
        else:
            # a copy: st.just([...]) gives one shared list, which a later mutation
            # could otherwise put inside itself
            _replace(files[name], path, copy.deepcopy(draw(wrong_values())))
    return files


# --- writing YAML -------------------------------------------------------------------------


def _scalar(value: Any, ascii_only: bool) -> str:
    if isinstance(value, Digits):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if -(10**4000) < value < 10**4000 else "1" + "0" * 4400
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    text = str(value)
    has_surrogate = any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    return json.dumps(text, ensure_ascii=ascii_only or has_surrogate)


def _key(key: Any, ascii_only: bool) -> str:
    return _scalar(key if isinstance(key, str) else str(key), ascii_only)


def to_yaml(value: Any, indent: int = 0, ascii_only: bool = False, flow: bool = False) -> str:
    """Block-style YAML with every text double-quoted (escapes for what UTF-8 cannot hold)."""
    if flow:
        return _flow(value, ascii_only) + "\n"
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        out = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                inner = to_yaml(item, indent + 2, ascii_only)
                out.append(f"{pad}{_key(key, ascii_only)}:\n{inner}")
            else:
                out.append(f"{pad}{_key(key, ascii_only)}: {_flow(item, ascii_only)}\n")
        return "".join(out)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        out = []
        for item in value:
            if isinstance(item, dict | list) and item:
                inner = to_yaml(item, indent + 2, ascii_only)
                out.append(f"{pad}- {inner.lstrip()}")
            else:
                out.append(f"{pad}- {_flow(item, ascii_only)}\n")
        return "".join(out)
    return pad + _scalar(value, ascii_only) + "\n"


def _flow(value: Any, ascii_only: bool) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k, ascii_only)}: {_flow(v, ascii_only)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, ascii_only) for v in value) + "]"
    return _scalar(value, ascii_only)


CONTROL_BYTES = [b"\x00", b"\x07", b"\x1b", b"\x0b", b"\x7f", "\x85".encode(), b"\t", b"\r",
                 "\u202e".encode(), b"\xef\xbb\xbf", b"\xff", b"\xc3"]


@st.composite
def damaged(draw: st.DrawFn, text: str) -> bytes:
    """The file's bytes, sometimes damaged the way editors and copy-paste damage them."""
    action = draw(st.integers(min_value=0, max_value=15))
    if action == 0:
        return unicodedata.normalize("NFD", text).encode("utf-8")
    if action == 1:
        return text.replace("\n", "\r\n").encode("utf-8")
    if action == 2:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    raw = text.encode("utf-8")
    if action in (3, 4, 5):
        at = draw(st.integers(min_value=0, max_value=len(raw)))
        return raw[:at] + draw(st.sampled_from(CONTROL_BYTES)) + raw[at:]
    if action == 6:
        lines = raw.split(b"\n")
        del lines[draw(st.integers(min_value=0, max_value=len(lines) - 1))]
        return b"\n".join(lines)
    if action == 7:
        return raw[: draw(st.integers(min_value=0, max_value=len(raw)))]
    if action == 8:
        lines = raw.split(b"\n")
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        lines.insert(i, lines[i])  # duplicated line: duplicate keys, twice the items
        return b"\n".join(lines)
    return raw


@st.composite
def repositories(draw: st.DrawFn, broken: bool = True) -> dict[str, bytes]:
    """A whole repository as ``{path: bytes}``."""
    if not broken:
        data = draw(valid_data())
    else:
        data = draw(st.integers(0, 9).flatmap(
            lambda n: valid_data() if n == 0 else broken_data()))
    out: dict[str, bytes] = {}
    # one file (at most) has its bytes damaged, so the others can still be checked
    victim = draw(st.sampled_from(sorted(data))) if broken else ""
    for name, value in data.items():
        ascii_only = draw(st.booleans())
        flow = draw(st.integers(0, 5)) == 0
        text = to_yaml(value, ascii_only=ascii_only, flow=flow)
        out[name] = draw(damaged(text)) if name == victim != SETTINGS else text.encode()
    return out


@st.composite
def valid_data(draw: st.DrawFn) -> dict[str, Any]:
    """A coherent repository that validate passes (warnings allowed): the control group,
    so that render without ``--force`` is exercised too."""
    namnder = sorted(draw(st.sets(st.sampled_from(["UBN", "VON", "KS"]), min_size=1)))
    units = [{"id": "KF", "namn": "Kommunfullmäktige", "nivå": "kommunfullmäktige"}]
    units += [{"id": n, "namn": f"{n}-nämnden", "nivå": "nämnd", "överordnad": "KF"}
              for n in namnder]
    units.append({"id": "UF-E", "namn": "Enheten", "nivå": "enhet", "överordnad": namnder[0]})
    frames = {n: draw(st.integers(min_value=0, max_value=10**9 // 4)) for n in namnder}
    name = st.sampled_from(REAL_TEXTS)
    inriktningar = [{"id": f"I{i}", "namn": draw(name), "bidrar_till": ["VISION"]}
                    for i in range(1, draw(st.integers(1, 3)) + 1)]
    files: dict[str, Any] = {
        SETTINGS: {"typ": "inställningar", "kommun": "Fuzzby kommun", "kommunkod": "0331",
                   "period": "2027–2029"},
        ORGANISATION: {"typ": "organisation", "organisationer": units},
        "kf/plan.yaml": {
            "typ": "verksamhetsplan", "organisation": "KF", "nivå": "kommunfullmäktige",
            "period": "2027–2029", "vision": {"id": "VISION", "namn": draw(name)},
            "inriktningar": inriktningar,
            "finansiella_mål": [{"id": "F1", "namn": "Resultat"}],
            "ramar": {"år": 2027, "total": sum(frames.values()),
                      "nämnder": [{"organisation": n, "belopp": frames[n]} for n in namnder]},
        },
    }
    goals = []
    for n in namnder:
        effektmal = []
        for j in range(1, draw(st.integers(1, 2)) + 1):
            goal = f"{n}-E{j}"
            goals.append(goal)
            target = st.one_of(st.integers(-(10**6), 10**6),
                               st.floats(min_value=-1e6, max_value=1e6))
            effektmal.append({
                "id": goal, "namn": draw(name), "period": "2027–2028",
                "bidrar_till": [draw(st.sampled_from([i["id"] for i in inriktningar]))],
                "indikatorer": [{
                    "id": f"{goal}-I1", "namn": draw(name),
                    "riktning": draw(st.sampled_from(["högre", "lägre"])),
                    "baslinje": {"år": 2025, "värde": draw(target)},
                    "målvärden": [{"år": 2027, "värde": draw(target)},
                                  {"år": 2028, "värde": draw(target)}],
                    "vikt": draw(st.integers(1, 1000))}]})
        files[f"namnder/{n}.yaml"] = {"typ": "verksamhetsplan", "organisation": n,
                                      "nivå": "nämnd", "period": 2027, "ram": frames[n],
                                      "effektmål": effektmal}
    activities = [{"id": f"UF-E-A{k}", "namn": draw(name), "bidrar_till": [goal],
                   "ansvarig": draw(st.sampled_from([*REAL_TEXTS, "Rek\u202etor", "Ö\u0301"])),
                   "start": "2027-01-15", "slut": "2027-06-30", "status": "pågående"}
                  for k, goal in enumerate(goals, start=1)]
    files["enheter/enhet.yaml"] = {"typ": "verksamhetsplan", "organisation": "UF-E",
                                   "nivå": "enhet", "period": 2027, "aktiviteter": activities}
    n = namnder[0]
    files["uppfoljning/helar.yaml"] = {
        "typ": "uppföljning", "organisation": n,
        "period": draw(st.sampled_from(["2027-helår", "2027-delår", "2027-T1"])),
        "utfall": [{"indikator": f"{g}-I1", "år": 2027,
                    "värde": draw(st.one_of(st.integers(-(10**6), 10**6), st.none())),
                    "saknas": "Publiceras senare."}
                   for g in goals if g.startswith(n + "-")],
        "bedömningar": [{"mål": g, "måluppfyllelse": draw(st.sampled_from(
            ["uppfyllt", "delvis uppfyllt", "ej uppfyllt", "ej bedömt"])),
            "analys": draw(name), "förbättringar": ["Mer läsning"]}
            for g in goals if g.startswith(n + "-")],
    }
    return files
