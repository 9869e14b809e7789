"""The yaml-rs safety pass (``reader._RISKY``, and ``reader._risky_scalar`` that the
loader asks) decides exactly as the original regex.

The original scanned every character with an alternation that starts at every
whitespace; the rewrite starts at the rare trigger characters and looks behind. The
original stays here as the oracle: both must find a risky scalar in the same texts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from malstyrning.load import reader
from tests.load.test_equivalence import KNOWN_DIFFERENCES
from tests.plans import EXAMPLES

ORACLE = re.compile(r"(?:^|[\s\[,{])(?:[-+]?(?:0[XOB]|\.[0-9]|_)|<<|=(?=[\s,\]}]|$))", re.M)

# Every character either pattern looks at, plus Unicode whitespace (NEL, NBSP, line and
# ideographic space, the C0 separators that \s includes) and ordinary plan text.
_TRICKY = [*"0XOBxob._<=-+#:'\"\\ \t\r\n[]{},19aZåé",
           "\x85", "\xa0", "\u2028", "\u3000", "\x1c", "\x1f", "\x0b", "\x0c", "\ufeff"]
tricky_texts = st.text(alphabet=st.sampled_from(_TRICKY), max_size=40)


def same(text: str) -> None:
    assert (reader._RISKY.search(text) is None) == (ORACLE.search(text) is None), repr(text)
    # the loader asks one trigger at a time (``_risky_scalar``): the same decision
    assert reader._risky_scalar(text) == (ORACLE.search(text) is not None), repr(text)


@settings(max_examples=3000, deadline=None)
@given(tricky_texts)
@example("_")
@example("-_")
@example("+0X1")
@example("a-_")
@example("[-.5]")
@example("a: =")
@example("a: =\n")
@example("a:=")
@example("x\n<<: *b\n")
@example("a <b")
@example("a\x85_1")
@example("a\u3000.5")
@example("--_")
@example("a: b_c=d\n")
def test_same_decision_as_oracle_on_tricky_texts(text: str) -> None:
    same(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=200))
def test_same_decision_as_oracle_on_any_text(text: str) -> None:
    same(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(tricky_texts, max_size=8), st.sampled_from(sorted(EXAMPLES.rglob("*.yaml"))))
def test_same_decision_inside_real_plans(pieces: list[str], path: Path) -> None:
    text = path.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    for i, piece in enumerate(pieces):
        lines.insert((i * 7) % (len(lines) + 1), piece)
    same("".join(lines))


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_known_differences_still_found(name: str) -> None:
    text = KNOWN_DIFFERENCES[name]
    if name in ("block scalar at end without newline", "several documents"):
        assert reader._RISKY.search(text) is None  # caught by the other two checks
        assert not reader._risky_scalar(text)
    else:
        assert reader._RISKY.search(text) is not None
        assert reader._risky_scalar(text)


def test_example_plans_are_safe_both_ways() -> None:
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        same(path.read_text("utf-8"))
