"""The byte pass (``reader._unusual_bytes``, and ``reader._only_punctuation`` after it)
decides as the two text passes it spares.

For valid UTF-8, "no raw control character" (``_RAW_CONTROL`` over the decoded text)
and "certainly NFC" must follow from the bytes left over, never the other way round.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from malstyrning.load import reader

# Controls, C1, characters on both sides of U+0300, combining marks, a decomposable
# singleton (Ångström sign), an en dash, a BOM and ordinary plan text.
_TRICKY = [*"\x00\x07\x0b\x0c\x0d\x0e\x1b\x1f\x7f\x80\x85\x9f\xa0\xa7", *"\t\n aZ09:-å",
           "\u02ff", "\u0300", "\u030a", "\u0301", "\u212b", "\u2013", "\ufeff", "\U0001f600",
           "A\u030a", "e\u0301", "\u2000", "\u2001", "\u2002", "\u206f", "\u2070", "\u20ac",
           "\u20d0", "\u2126", "\u2260", "=\u0338"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY), max_size=30).map("".join))
@example("\x85")
@example("a\u030a")
@example("\u212b")
def test_bytes_decide_as_the_text_passes(text: str) -> None:
    raw = text.encode("utf-8")
    unusual = reader._unusual_bytes(raw)
    may_have_control = bool(unusual) and min(unusual) <= 0xC2
    if reader._RAW_CONTROL.search(text) is not None:
        assert may_have_control, repr(text)
    if not (unusual and max(unusual) >= 0xCC):
        assert unicodedata.is_normalized("NFC", text), repr(text)
    if reader._only_punctuation(raw, unusual):
        assert unicodedata.is_normalized("NFC", text), repr(text)


# What ``_only_punctuation`` lets through besides characters below U+0300.
_PUNCTUATION = [*range(0x2002, 0x2070), 0x20AC]


def test_the_punctuation_skipped_is_exactly_the_stable_set() -> None:
    """The byte pattern accepts exactly U+2002–U+206F and € among the characters that
    start with E2, and each of them stays as it is under NFC, alone and next to every
    character below U+0300 (on either side)."""
    accepted = [cp for cp in range(0x2000, 0x3000)
                if reader._WIDE_NOT_PUNCTUATION.search(chr(cp).encode()) is None]
    assert accepted == _PUNCTUATION
    for cp in _PUNCTUATION:
        char = chr(cp)
        assert unicodedata.combining(char) == 0
        for other in map(chr, range(0x300)):
            assert unicodedata.is_normalized("NFC", other + char + other), hex(cp)
    assert not unicodedata.is_normalized("NFC", "\u2000")  # why the set starts at U+2002


def test_read_still_reports_controls_and_normalises() -> None:
    parsed = reader.read("plan.yaml", b"typ: verksamhetsplan\nnamn: a\x1bb\n")
    assert [f.code for f in parsed.findings] == ["MS012"]
    parsed = reader.read("plan.yaml", "typ: verksamhetsplan\nnamn: \x85x\n".encode())
    assert [f.code for f in parsed.findings] == ["MS012"]
    parsed = reader.read("plan.yaml", "typ: verksamhetsplan\nnamn: A\u030a\n".encode())
    assert parsed.data is not None and parsed.data["namn"] == "Å"


_MARKERS = [*"-.\n \tax#%", "\ufeff", "\x85", "\u2028", "\x00", "\r"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_MARKERS), max_size=30).map("".join), st.booleans())
@example("---\n", False)
@example("a\n...", True)
def test_bytes_see_every_document_marker(text: str, bom: bool) -> None:
    raw = ("\ufeff" if bom else "").encode() + text.encode("utf-8")
    parsed_text, _ = reader._decode("plan.yaml", raw, reader._unusual_bytes(raw))
    assert parsed_text is not None
    parsed_text, _ = reader._replace_raw_controls("plan.yaml", parsed_text)
    if reader._looks_multi_document(parsed_text):
        assert reader._may_have_markers(raw), repr(raw)
