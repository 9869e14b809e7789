"""``load.reader.read``: bytes → data, or findings that say why a file cannot be read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from malstyrning.findings import Finding
from malstyrning.load import reader, yamlio
from malstyrning.load.reader import read
from tests.plans import billion_laughs

PLAN = "typ: verksamhetsplan\norganisation: UF-VAS\nnivå: enhet\nperiod: 2027\n"


def only(raw: bytes | str) -> Finding:
    """The single finding for a file that cannot be read."""
    parsed = read("plan.yaml", raw.encode("utf-8") if isinstance(raw, str) else raw)
    assert parsed.data is None
    assert len(parsed.findings) == 1, parsed.findings
    return parsed.findings[0]


def test_plain_plan_is_read() -> None:
    parsed = read("plan.yaml", PLAN.encode("utf-8"))
    assert parsed.findings == []
    assert parsed.data == {"typ": "verksamhetsplan", "organisation": "UF-VAS",
                           "nivå": "enhet", "period": 2027}
    assert parsed.text == PLAN


def test_yaml_1_2_core_schema() -> None:
    """`ja`/`yes` are text, dates are text, `1.10` is a number (hence MS105)."""
    data = read("plan.yaml", b"a: yes\nb: ja\nc: 2027-01-15\nd: 1.10\ne: 0331\nf: ~\n").data
    assert data == {"a": "yes", "b": "ja", "c": "2027-01-15", "d": 1.1, "e": 331, "f": None}


def test_utf8_byte_order_mark_is_accepted() -> None:
    parsed = read("plan.yaml", b"\xef\xbb\xbf" + PLAN.encode("utf-8"))
    assert parsed.findings == []
    assert parsed.data is not None and parsed.data["typ"] == "verksamhetsplan"


# --- MS001 -------------------------------------------------------------------------


def test_tab_indent_names_the_tab() -> None:
    finding = only("typ: verksamhetsplan\nvision:\n\tid: VISION\n")
    assert finding.code == "MS001"
    assert (finding.line, finding.column) == (3, 1)
    assert "tabbtecken" in finding.message
    assert "mellanslag" in finding.hint


def test_tab_after_a_key_is_located() -> None:
    finding = only("typ: verksamhetsplan\norganisation:\tUBN\nnivå: [\n")
    assert finding.code == "MS001"
    assert finding.line == 2


def test_colon_in_text_suggests_quotes() -> None:
    finding = only("typ: verksamhetsplan\nnamn: Mål: fler i arbete\n")
    assert (finding.code, finding.line, finding.column) == ("MS001", 2, 10)
    assert 'namn: "Mål: fler i arbete"' in finding.hint


@pytest.mark.parametrize("text", [
    pytest.param("typ: verksamhetsplan\nbeskrivning: Skicka till alias: kundtjänst\n",
                 id="colon"),
    pytest.param("typ: verksamhetsplan\nkommentar: [e-postalias\n", id="bracket"),
])
def test_syntax_error_on_a_line_that_mentions_alias_is_ms001(text: str) -> None:
    """yaml-rs echoes the offending line in its error; the word "alias" in the *text*
    must not turn a colon or bracket mistake into an alias bomb (MS008)."""
    finding = only(text)
    assert finding.code == "MS001"
    assert finding.line == 2


def test_unclosed_quote() -> None:
    finding = only('typ: verksamhetsplan\nnamn: "Fler i arbete\nnivå: enhet\n')
    assert finding.code == "MS001"
    assert finding.line >= 2


@pytest.mark.parametrize("text", [
    pytest.param("typ: verksamhetsplan\n  nivå: enhet\n", id="indented-too-far"),
    pytest.param("typ: verksamhetsplan\nlista: [a, b\n", id="unclosed-flow-sequence"),
    pytest.param("typ: verksamhetsplan\n- a\n", id="list-item-in-a-mapping"),
    pytest.param("typ: verksamhetsplan\nref: *inget\n", id="undefined-alias"),
])
def test_syntax_errors_are_ms001_with_a_position(text: str) -> None:
    finding = only(text)
    assert finding.code == "MS001"
    assert finding.line >= 1 and finding.column >= 1
    assert finding.hint


# --- MS002 -------------------------------------------------------------------------


def test_windows_1252_is_recognised() -> None:
    finding = only("typ: verksamhetsplan\nnamn: Vretaskolan i Östervåla\n".encode("cp1252"))
    assert finding.code == "MS002"
    assert (finding.line, finding.column) == (2, 21)  # the Ö
    assert "Windows-1252" in finding.message
    assert "UTF-8" in finding.hint


def test_other_encodings_are_not_guessed() -> None:
    finding = only(b"typ: verksamhetsplan\nnamn: \x81\x8d\n")
    assert finding.code == "MS002"
    assert "Windows-1252" not in finding.message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark(codec: str) -> None:
    raw = PLAN.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own BOM
        raw = ("\ufeff" + PLAN).encode(codec)
    finding = only(raw)
    assert (finding.code, finding.line, finding.column) == ("MS002", 1, 1)
    assert "UTF-16" in finding.message


# --- MS003 -------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    pytest.param("", id="no-bytes"), pytest.param("\n\n", id="newlines"),
    pytest.param("   \n", id="blanks"), pytest.param("# bara en kommentar\n", id="comment"),
    pytest.param("# en\n\n# två\n", id="comments"),
    pytest.param("%YAML 1.2\n# hej\n", id="directive"),
])
def test_empty_files(text: str) -> None:
    finding = only(text)
    assert (finding.code, finding.line, finding.column) == ("MS003", 1, 1)


@pytest.mark.parametrize("text", [
    pytest.param("---\n", id="marker"), pytest.param("--- # plan\n...\n", id="start-end"),
    pytest.param("# plan\n---\n", id="comment-marker"),
])
def test_document_marker_alone_is_an_empty_file(text: str) -> None:
    """A file with only `---` holds no values: MS003, not "the top level is a value"."""
    assert only(text).code == "MS003"


# --- MS004 -------------------------------------------------------------------------


def test_second_document_is_located() -> None:
    finding = only(PLAN + "---\n" + PLAN)
    assert finding.code == "MS004"
    assert (finding.line, finding.column) == (6, 1)
    assert "2 YAML-dokument" in finding.message


def test_leading_document_marker_is_fine() -> None:
    for text in ("---\n" + PLAN, "# kommentar\n---\n" + PLAN, "---\n" + PLAN + "...\n"):
        parsed = read("plan.yaml", text.encode("utf-8"))
        assert parsed.findings == [], text
        assert parsed.data is not None


def test_three_dashes_inside_a_block_scalar_are_text() -> None:
    text = PLAN + "kommentar: |\n  före\n  ---\n  efter\n"
    parsed = read("plan.yaml", text.encode("utf-8"))
    assert parsed.findings == []
    assert parsed.data is not None and parsed.data["kommentar"] == "före\n---\nefter\n"


# --- MS005 -------------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    finding = only("typ: verksamhetsplan\nnamn: A\nkommentar: B\nnamn: C\n")
    assert finding.code == "MS005"
    assert (finding.line, finding.column) == (4, 1)
    assert "`namn`" in finding.message


def test_duplicate_key_message_names_the_line_of_the_first_key() -> None:
    """Both lines appear: the finding's line (4) and the first `namn:` (line 2)."""
    finding = only("typ: verksamhetsplan\nnamn: A\nkommentar: B\nnamn: C\n")
    assert finding.line == 4
    assert "rad 2" in finding.message, finding.message


def test_nested_duplicate_key_names_both_lines() -> None:
    text = ("typ: verksamhetsplan\naktiviteter:\n  - id: A1\n    namn: Läsa\n"
            "    status: pågående\n    namn: Skriva\n")
    finding = only(text)
    assert (finding.code, finding.line, finding.column) == ("MS005", 6, 5)
    assert "rad 4" in finding.message, finding.message


# --- MS006 -------------------------------------------------------------------------


def test_too_large_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", len(PLAN.encode("utf-8")) - 1)
    finding = only(PLAN)
    assert (finding.code, finding.line, finding.column) == ("MS006", 1, 1)


def test_file_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", len(PLAN.encode("utf-8")))
    assert read("plan.yaml", PLAN.encode("utf-8")).findings == []


# --- MS007 -------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return "djup: " + "[" * depth + "]" * depth + "\n"


def test_very_deep_nesting_is_refused() -> None:
    assert only(_nested(5000)).code == "MS007"


def test_nesting_within_the_limit_is_read() -> None:
    parsed = read("plan.yaml", _nested(reader.MAX_DEPTH - 2).encode("utf-8"))
    assert parsed.findings == []


@pytest.mark.parametrize("depth", [reader.MAX_DEPTH + 1, 100, 200])
def test_nesting_just_over_the_limit_is_refused(depth: int) -> None:
    """MAX_DEPTH is the limit on every path, not only when yaml-rs gives up (~256)."""
    assert only(_nested(depth)).code == "MS007"


def test_deep_block_mappings_are_refused() -> None:
    depth = reader.MAX_DEPTH + 10
    text = "".join("  " * i + f"n{i}:\n" for i in range(depth)) + "  " * depth + "v: 1\n"
    assert only(text).code == "MS007"


# --- MS008 -------------------------------------------------------------------------


def _no_construct(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if anything tries to build Python objects from the composed document."""

    def refuse(node: object) -> object:
        raise AssertionError("an alias bomb must be refused before it is constructed")

    monkeypatch.setattr(yamlio, "construct", refuse)


def test_billion_laughs_is_refused_without_expanding(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_construct(monkeypatch)
    text = billion_laughs(levels=9)
    finding = only(text)
    assert finding.code == "MS008"
    assert (finding.line, finding.column) == (3, text.splitlines()[2].index("*lol0") + 1)


def test_billion_laughs_on_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the fast reader is not used, the node count is checked before constructing."""

    def fast_refuses(text: str) -> object:
        raise ValueError("yaml-rs said no")

    monkeypatch.setattr(yamlio, "fast_load", fast_refuses)
    _no_construct(monkeypatch)
    assert only(billion_laughs(levels=9)).code == "MS008"


def test_a_few_aliases_are_tolerated() -> None:
    text = PLAN + "a: &a [x, y]\nb: *a\n"
    parsed = read("plan.yaml", text.encode("utf-8"))
    assert parsed.findings == []
    assert parsed.data is not None and parsed.data["b"] == ["x", "y"]


# --- MS009 -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("- typ: verksamhetsplan\n- organisation: UBN\n", "en lista", id="block-list"),
    pytest.param("[typ, verksamhetsplan]\n", "en lista", id="flow-list"),
    pytest.param("verksamhetsplan\n", "ett enskilt värde", id="text"),
    pytest.param("42\n", "ett enskilt värde", id="number"),
])
def test_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    finding = only(text)
    assert (finding.code, finding.line, finding.column) == ("MS009", 1, 1)
    assert kind in finding.message
    assert "typ: verksamhetsplan" in finding.hint


def test_every_outcome_has_data_or_findings() -> None:
    samples = [PLAN, "", "- a\n", "a: [\n", PLAN + "---\n" + PLAN]
    for text in samples:
        parsed = read("plan.yaml", text.encode("utf-8"))
        assert (parsed.data is None) != (parsed.findings == []), text
        for finding in parsed.findings:
            assert finding.file == "plan.yaml"
            assert finding.line >= 1 and finding.column >= 1
            assert finding.message and finding.hint


@pytest.mark.parametrize(("text", "code", "message"), [
    pytest.param("typ: uppföljning\nkön: {1: 77.8, 2: 71.5}\n", "MS103",
                 "Nyckeln `1` läses inte som text", id="number-key"),
    pytest.param("typ: uppföljning\nkommentar: !!set {a}\n", "MS103", "set", id="set"),
    pytest.param("typ: verksamhetsplan\nram: .inf\n", "MS104", "oändligt", id="infinite"),
    pytest.param("typ: verksamhetsplan\nram: .nan\n", "MS104", "oändligt", id="nan"),
])
def test_data_that_is_not_plain_json_is_a_finding(text: str, code: str, message: str) -> None:
    for variant in (text, text.rstrip("\n")):  # fast path and ruamel.yaml path
        finding = only(variant)
        assert finding.code == code and message in finding.message
        assert finding.line == 2


def test_decomposed_letters_are_read_as_composed() -> None:
    decomposed = "typ: verksamhetsplan\nniva\u030a: na\u0308mnd\n"
    assert read("plan.yaml", decomposed.encode()).data == {
        "typ": "verksamhetsplan", "nivå": "nämnd"}


def test_a_trailing_document_marker_is_not_a_second_document() -> None:
    parsed = read("plan.yaml", b"typ: verksamhetsplan\nperiod: 2027\n---\n")
    assert parsed.findings == [] and parsed.data == {"typ": "verksamhetsplan", "period": 2027}


# Scalars of every kind the readers give, and the ones ``_inspect`` refuses.
_SCALARS = st.one_of(
    st.text(max_size=3), st.booleans(), st.none(), st.integers(-5, 5),
    st.sampled_from([1.5, float("inf"), float("-inf"), float("nan"), reader.MAX_INT,
                     -reader.MAX_INT, reader.MAX_INT - 1, b"x", frozenset({1}), (1,)]))
_KEYS = st.one_of(st.text(max_size=2), st.sampled_from([1, None, True, 1.5, (1, 2)]))
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=30)


def _nest(value: object, depth: int) -> object:
    for _ in range(depth):
        value = {"a": [value]} if depth % 2 else [value]
    return value


@settings(max_examples=3000, deadline=None)
@given(st.dictionaries(_KEYS, _DATA, max_size=5), st.integers(0, 40))
def test_the_one_level_pass_decides_as_the_walk(data: dict, depth: int) -> None:
    """``_is_plain`` (every file) is true exactly when ``_first_problem`` (only files
    with a problem) finds none, also around the depth limit."""
    for value in (data, {"x": _nest(data, depth)}, {"x": _nest(data, depth + 25)}):
        assert reader._is_plain(value) == (reader._first_problem(value) == ""), value  # type: ignore[arg-type]
        assert reader._inspect(value) == reader._first_problem(value)  # type: ignore[arg-type]


def test_whitespace_test_without_strip_agrees_with_strip() -> None:
    """The empty-file test asks ``isspace`` where it asked ``not text.strip()``: both
    call the same characters whitespace (every code point)."""
    import sys

    assert [c for c in map(chr, range(sys.maxunicode + 1))
            if (not c.strip()) != c.isspace()] == []
    assert [reader._read_text("p.yaml", t).findings[0].code for t in ("", " \n", "\u3000")] \
        == ["MS003"] * 3
