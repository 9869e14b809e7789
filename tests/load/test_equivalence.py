"""The fast reader (yaml-rs) and the authority (ruamel.yaml) give exactly the same data.

The loader trusts yaml-rs for every ordinary file and uses ruamel.yaml for positions
and for everything yaml-rs refuses, so the two must agree value for value and *type
for type* (``1`` vs ``1.0`` vs ``True``; NaN equals NaN here). Compared on the example
plans, on every YAML text the tests build, on generated documents full of tricky
scalars, and on a repository from ``benchmarks/generate.py`` when it is present.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from malstyrning.load import yamlio
from malstyrning.load.reader import _fast_path_safe, _replace_raw_controls, read
from tests.checks import all_rule_cases, test_followup
from tests.load.test_reader import PLAN
from tests.plans import EXAMPLES, MINIMAL_REPO, REPO_ROOT, RuleCase, write_repo

# --- comparison ----------------------------------------------------------------------


def difference(a: Any, b: Any, where: str = "$") -> str | None:
    """Where and how two values differ (types included), or None when they are equal."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} {a!r} ≠ {type(b).__name__} {b!r}"
    if isinstance(a, dict):
        if len(a) != len(b):
            return f"{where}: {len(a)} keys ≠ {len(b)} keys ({list(a)} / {list(b)})"
        for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True):
            problem = difference(ka, kb, f"{where}.<key {ka!r}>")
            problem = problem or difference(va, vb, f"{where}.{ka}")
            if problem:
                return problem
        return None
    if isinstance(a, list | tuple):
        if len(a) != len(b):
            return f"{where}: {len(a)} items ≠ {len(b)} items ({a!r} / {b!r})"
        for i, (va, vb) in enumerate(zip(a, b, strict=True)):
            problem = difference(va, vb, f"{where}[{i}]")
            if problem:
                return problem
        return None
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return None
        if a == b and math.copysign(1, a) == math.copysign(1, b):
            return None
        return f"{where}: {a!r} ≠ {b!r}"
    return None if a == b else f"{where}: {a!r} ≠ {b!r}"


def test_difference_is_type_strict() -> None:
    assert difference(1, 1) is None
    assert difference(1, 1.0) is not None
    assert difference(1, True) is not None
    assert difference(0, False) is not None
    assert difference(float("nan"), float("nan")) is None
    assert difference(0.0, -0.0) is not None
    assert difference({"a": [1, "x"]}, {"a": [1, "x"]}) is None
    assert difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) is not None  # order kept
    assert difference({1: "a"}, {"1": "a"}) is not None
    assert difference(None, "") is not None


def _fast(text: str) -> tuple[str, Any]:
    try:
        return "ok", yamlio.fast_load(text)
    except Exception as err:
        return "fel", f"{type(err).__name__}: {str(err).splitlines()[0]}"


def _slow(text: str) -> tuple[str, Any]:
    try:
        documents = [d for d in yamlio.slow_load_all(text) if d is not None]
        if len(documents) != 1:
            return "fel", f"{len(documents)} documents"
        return "ok", yamlio.construct(documents[0])
    except Exception as err:
        return "fel", f"{type(err).__name__}: {str(err).splitlines()[0]}"


def mismatch(text: str) -> str | None:
    """Why the loader's two readers disagree about ``text`` (both refusing agrees).

    Texts the loader never gives to yaml-rs (``_fast_path_safe`` is false) are read by
    ruamel.yaml alone, so they cannot disagree.
    """
    if not _fast_path_safe(text):
        return None
    fast, slow = _fast(text), _slow(text)
    if fast[0] == slow[0] == "fel":
        return None
    if fast[0] != slow[0]:
        return f"yaml-rs: {fast[1]!r}; ruamel.yaml: {slow[1]!r}"
    return difference(fast[1], slow[1])


def assert_same(texts: dict[str, str]) -> None:
    problems = {name: why for name, text in texts.items() if (why := mismatch(text))}
    assert problems == {}, "\n".join(
        f"{name}: {why}\n    {texts[name]!r}" for name, why in problems.items())


# --- example plans and test fixtures ---------------------------------------------------


def test_example_plans() -> None:
    files = sorted(EXAMPLES.rglob("*.yaml"))
    assert len(files) > 10
    assert_same({str(p.relative_to(EXAMPLES)): p.read_text("utf-8") for p in files})


def test_minimal_repo_and_reader_fixtures() -> None:
    assert_same({**MINIMAL_REPO, "follow-up": test_followup.FOLLOWUP, "PLAN": PLAN})


@pytest.mark.parametrize("case", all_rule_cases(), ids=lambda c: f"{c.code}-{c.id}")
def test_rule_case_fixtures(case: RuleCase, tmp_path: Path) -> None:
    """Every file of every broken repository the rule tests build (those that read)."""
    repo = write_repo(tmp_path)
    for edit in (*case.good, *case.bad):
        edit.apply(repo)
    texts = {}
    for path in sorted(p for p in tmp_path.rglob("*.yaml") if "igen" not in p.parts):
        if not path.is_file() or path.is_symlink():
            continue  # a dangling link (MS011), a FIFO (MS021), a link (MS020/MS023)
        raw = path.read_bytes()
        # files the reader refuses (alias bombs, several documents, …) are never
        # handed to both readers, and an alias bomb must not be expanded here
        if read(path.name, raw).data is not None:
            # the readers see the text with control characters already replaced (MS012)
            text, _ = _replace_raw_controls(path.name, raw.decode("utf-8-sig"))
            texts[str(path.relative_to(tmp_path))] = text
    assert_same(texts)


# --- generated documents -----------------------------------------------------------------

SCALARS = [
    # integers: leading zeros, octal, hex, underscores, big, signed
    "0", "7", "007", "08", "-0", "+12", "0o17", "0o0", "0x1F", "0xff", "-0x1", "0b101",
    "1_000", "-1_000", "9223372036854775808", "-9223372036854775809", "2027", "0331",
    # floats
    ".5", "-.5", "0.", "1.", "1e3", "1E3", "1.0e+3", "1e-3", "+0.5e+2", "6.8523015e+5",
    "1.10", "72.1", "1.e3", ".inf", "-.Inf", "+.INF", ".NaN", ".nan", "1.7976931348623157e+309",
    # booleans and YAML 1.1 words that are text in YAML 1.2
    "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n",
    "Yes", "NO", "ja", "nej", "Infinity", "nan",
    # null
    "~", "null", "Null", "NULL",
    # dates and times (text: the timestamp tag is not used)
    "2027-01-15", "2027-1-5", "2001-12-14t21:59:43.10-05:00", "2027-01-15T12:00:00Z",
    "12:30", "12:30:45", "00:00", "1:20", "190:20:30",
    # plain text
    "N15419", "4.a", "UBN-E1", "0o", "0x", "e3", "1e", "+", ".", "..", "a b  c", "x#y",
    "100 %", "Läsfrämjande insatser i åk 1–3", "Östervåla", "ÅÄÖ åäö é ü", "Mål – delmål",
    "e-post@heby.se", "https://www.heby.se/kommun", "a: b",
    # quoted
    '"Mål: fler i arbete"', '"1.10"', '"0331"', "'0331'", "'it''s'", "''", '""',
    '"\\t\\u00e5"', '"\\x41\\u00C5\\U0001F600"', '"rad\\nbrytning"', '"\\\\"', '"\\"citat\\""',
    "'#ingen kommentar'", "'a: b'", '"  blanksteg  "', "'[inte en lista]'", '"{}"',
    # edge cases of the core schema
    "0X1F", "0O17", ".1e1", "_1", "=", "<<",
]

# Where a scalar can stand; "{s}" is replaced by the scalar's text.
CONTEXTS = {
    "value": "v: {s}\n",
    "value-with-comment": "v: {s} # kommentar\n",
    "value-at-end-of-file": "v: {s}",
    "block-item": "v:\n  - {s}\n  - sist\n",
    "flow-item": "v: [{s}, x]\n",
    "flow-value": "v: {{k: {s}}}\n",
    "key": "{s}: v\n",
}


@pytest.mark.parametrize("scalar", SCALARS)
def test_tricky_scalars(scalar: str) -> None:
    """Each scalar in every context: both readers accept it with the same value, or
    both refuse it."""
    assert_same({context: template.format(s=scalar) for context, template in CONTEXTS.items()})


_BLOCK_INDICATORS = ["|", ">", "|-", ">-", "|+", ">+", "|2", ">2-"]
_BLOCK_BODIES = {
    "one-line": ["Läsa och skriva."],
    "two-lines": ["rad ett", "rad två"],
    "paragraphs": ["stycke ett", "", "stycke två"],
    "special-characters": ["med # tecken", "och: kolon", "- och streck", "\"citat\" 'enkla'"],
    "more-indented": ["x", "  mer indrag", "y"],
    "trailing-blank-lines": ["sista", "", ""],
    "unicode": ["å ä ö – tankstreck ✔"],
}
_BLOCK_ENDINGS = {
    "followed-by-key": "w: 1\n",
    "end-of-file": "",
    "end-of-file-without-newline": None,
}


@pytest.mark.parametrize("ending", list(_BLOCK_ENDINGS))
@pytest.mark.parametrize("indicator", _BLOCK_INDICATORS)
def test_block_scalars(indicator: str, ending: str) -> None:
    texts = {}
    for name, lines in _BLOCK_BODIES.items():
        body = "".join(f"  {line}\n" if line else "\n" for line in lines)
        tail = _BLOCK_ENDINGS[ending]
        text = f"v: {indicator}\n{body}"
        text = text + tail if tail is not None else text.rstrip("\n")
        texts[name] = text
        texts[f"{name}-in-list"] = "v:\n  - " + text.replace("\n", "\n    ").rstrip(" ")[3:]
    assert_same(texts)


STRUCTURES = {
    "empty-value": "v:\n",
    "empty-collections": "v: []\nw: {}\n",
    "null-items": "v:\n-\n- \n",
    "trailing-comma": "v: [1, 2,]\n",
    "flow-key-without-value": "v: {a: 1, b}\n",
    "nested-flow": "v: [a, [b, [c, []]], {}]\n",
    "mixed-block-and-flow": "v:\n  - a: 1\n    b: 2\n  - [x, {y: z}]\n",
    "multi-line-plain": "v: en\n  två\n  tre\n",
    "multi-line-double-quoted": 'v: "a\n  b"\n',
    "multi-line-single-quoted": "v: 'a\n\n  b'\n",
    "escaped-line-break": 'v: "a\\\n  b"\n',
    "anchor-and-alias": "v: &x 1\nw: *x\n",
    "merge-key": "b: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "non-text-keys": "1: a\ntrue: b\n~: c\n.nan: d\n2.5: e\n",
    "complex-key": "? [a, b]\n: c\n",
    "quoted-keys": "'k': v\n\"k\\tx\": w\n",
    "explicit-tags": "v: !!str 1.10\nw: !!float 1\nx: !!int '12'\n",
    "yaml-directive": "%YAML 1.2\n---\nv: yes\n",
    "document-markers": "---\nv: 1\n...\n",
    "comments": "# kommentar\nv: 1 # mer\n# slut\n",
    "windows-newlines": "v: 1\r\nw: 2\r\n",
}


@pytest.mark.parametrize("name", list(STRUCTURES))
def test_structures(name: str) -> None:
    assert_same({name: STRUCTURES[name]})


# Scalars for the random documents: what plan files hold.
_PLAN_SCALARS = ["0", "2027", "72.1", "650000", "-3", "1.5e3", "true", "false", "~",
                 "2027-01-15", "12:30", "UBN-E1", "N15419", '"4.1"', "'0331'", "Läsa mer",
                 "Östervåla", '"Mål: fler"', "ja", "nej", '"\\t\\u00e5"', "'it''s'", ".inf"]
_KEYS = ["id", "namn", "värde", "år", "bidrar_till", "agenda2030", "målgrupp", "kolada", "k"]


def _flow(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if depth <= 0 or roll < 0.5:
        return rng.choice(_PLAN_SCALARS)
    items = [_flow(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.75:
        return "[" + ", ".join(items) + "]"
    keys = rng.sample(_KEYS, len(items))
    return "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=True)) + "}"


def _block(rng: random.Random, depth: int, indent: int) -> list[str]:
    """Lines of a block mapping at ``indent``, with nested blocks, flows and scalars."""
    pad = " " * indent
    lines = []
    for key in rng.sample(_KEYS, rng.randint(1, 4)):
        roll = rng.random()
        if depth > 0 and roll < 0.3:
            lines.append(f"{pad}{key}:")
            lines.extend(_block(rng, depth - 1, indent + 2))
        elif depth > 0 and roll < 0.55:
            lines.append(f"{pad}{key}:")
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.5:
                    inner = _block(rng, depth - 1, indent + 4)
                    lines.append(f"{pad}  - {inner[0].lstrip()}")
                    lines.extend(inner[1:])
                else:
                    lines.append(f"{pad}  - {_flow(rng, depth - 1)}")
        elif roll < 0.75:
            lines.append(f"{pad}{key}: {_flow(rng, depth)}")
        elif roll < 0.85:
            lines.append(f"{pad}{key}: |")
            lines.extend(f"{pad}  {rng.choice(_PLAN_SCALARS)}" for _ in range(2))
        else:
            lines.append(f"{pad}{key}: {rng.choice(_PLAN_SCALARS)}")
    return lines


def generated_documents(count: int = 60, seed: int = 2027) -> dict[str, str]:
    rng = random.Random(seed)
    return {f"doc-{i}": "\n".join(_block(rng, 3, 0)) + "\n" for i in range(count)}


def test_generator_is_deterministic() -> None:
    assert generated_documents() == generated_documents()
    assert all(_slow(text)[0] == "ok" for text in generated_documents().values())


def test_generated_documents() -> None:
    assert_same(generated_documents())


# --- a repository from the benchmark generator -----------------------------------------

GENERATOR = REPO_ROOT / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generated_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not GENERATOR.is_file():
        pytest.skip("benchmarks/generate.py is not in this checkout")
    out = tmp_path_factory.mktemp("generated") / "heby"
    done = subprocess.run(
        [sys.executable, str(GENERATOR), "--size", "heby", "--seed", "1", "--out", str(out)],
        capture_output=True, text=True, cwd=REPO_ROOT, check=False)
    if done.returncode != 0:
        pytest.skip(f"benchmarks/generate.py failed: {done.stderr[-500:]}")
    return out


def test_benchmark_repository(generated_repo: Path) -> None:
    files = sorted(generated_repo.rglob("*.yaml"))
    assert files, "the generator wrote no YAML files"
    assert_same({str(p.relative_to(generated_repo)): p.read_text("utf-8") for p in files})


# Texts on which yaml-rs and ruamel.yaml are known to differ: the loader must route
# every one of them to ruamel.yaml.
KNOWN_DIFFERENCES = {
    "upper-case hex": "a: 0X1F\n",
    "upper-case octal": "a: 0O17\n",
    "leading-dot exponent": "a: .1e1\n",
    "underscore": "a: _1\n",
    "bare equals": "a: =\n",
    "merge key": "b: &b {x: 1}\nc:\n  <<: *b\n",
    "block scalar at end without newline": "a: |\n  text",
    "several documents": "a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_known_differences_go_to_ruamel(name: str) -> None:
    text = KNOWN_DIFFERENCES[name]
    assert not _fast_path_safe(text)
    parsed = read("x.yaml", text.encode())
    fast_free = _slow(text)
    if fast_free[0] == "ok" and isinstance(fast_free[1], dict):
        assert difference(parsed.data, fast_free[1]) is None
