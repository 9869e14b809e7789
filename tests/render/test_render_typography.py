"""Swedish typography, the diagram layout and the theme (the writer: test_render_writer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from malstyrning.render.diagram import Box, Tree, layout, wrap
from malstyrning.render.environment import github_slug, paragraphs
from malstyrning.render.theme import contrast, logo_uri, theme_from
from malstyrning.render.typography import (
    amount,
    natural_key,
    natural_sorted,
    number,
    period_text,
    segments,
    slug,
    slugs,
    swedish_date,
)

NNBSP = "\u202f"


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-23", "23 november 2026"),
    ("2027-01-05", "5 januari 2027"),
    ("2027-13-01", "2027-13-01"),
    (None, ""),
])
def test_swedish_date(value: str | None, expected: str) -> None:
    assert swedish_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1234.5, f"1{NNBSP}234,5"),
    (72.1, "72,1"),
    (1400.25, f"1{NNBSP}400,25"),
    (75, "75"),
    (2.0, "2"),
    (-3.5, "−3,5"),
    ("text", "text"),
])
def test_number(value: object, expected: str) -> None:
    assert number(value) == expected


def test_amount_in_tkr() -> None:
    assert amount(1289200) == f"1{NNBSP}289{NNBSP}200"


def test_period_and_sorting_and_names() -> None:
    assert period_text((2027, 2029)) == "2027–2029" and period_text((2027, 2027)) == "2027"
    # digits int() refuses (superscripts, more than 4,300 digits) still sort (found by
    # the fuzz campaign: an id "UBN-E²" crashed render)
    odd = ["x²", "9" * 5000, "UBN-E02", "٣", "UBN-E2"]
    assert sorted(odd, key=natural_key) == ["٣", "9" * 5000, "UBN-E02", "UBN-E2", "x²"]
    assert sorted(["UBN-E10", "UBN-E2", "UBN-E1"], key=natural_key) == [
        "UBN-E1", "UBN-E2", "UBN-E10"]
    assert slug("UF-VAS") == "uf-vas" and slug("Östervåla: 1.a") == "ostervala-1-a"
    assert segments("Mål `UBN-E1` saknar `x`.") == (
        ("Mål ", False), ("UBN-E1", True), (" saknar ", False), ("x", True), (".", False))
    assert segments("udda ` backtick") == (("udda ` backtick", False),)


@pytest.mark.parametrize("value", ["../../etc/passwd", "a/b\\c", "..", "C:evil", "CON",
                                   "nul", "Com1", "LPT9", "x" * 5000, "<>:|?*", ".dold",
                                   "\u202eUBN", "\x00\x07"])
def test_slug_is_always_a_safe_file_name_part(value: str) -> None:
    from malstyrning.render.typography import MAX_SLUG
    from malstyrning.render.writer import unsafe_name

    out = slug(value)
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", out), out
    assert len(out) <= MAX_SLUG and unsafe_name(out) == "" and unsafe_name(out + ".html") == ""


def test_long_slugs_stay_apart() -> None:
    first, second = slug("x" * 300 + "1"), slug("x" * 300 + "2")
    assert first != second and first.startswith("xxxx")
    assert slug("UBN-E1") == "ubn-e1", "short slugs are unchanged"


# Ids that sort in tricky ways: leading zeros (ties with the plain number), digits
# that are not decimal (², ½) or not ASCII (٣, ０), case and ß (casefolded), ids
# that start with a number, empty parts, separators that sort before digits, a long run.
TRICKY = ["UBN-E02", "UBN-E2", "ubn-e2", "UBN-E10", "UBN-E1", "UBN-E", "UBN-", "", "0",
          "00", "000", "007", "7", "70", "x²", "x2", "x½", "٣", "x٣", "x03", "x０3", "E1a",
          "E1A", "e1b", "E01b", "E1-2", "E1-10", "E1.2", "E1 2", "straße", "STRASSE",
          "Straße1", "strasse01", "Ä1", "ä2", "A10B2", "A10B10", "A010B02", "10", "1a", "a1",
          "-1", "1-", "a-1", "a1-", "9" * 64, "1" + "0" * 63, "Ω1", "ω01", "ǅ2",
          "ﬁ1", "fi1", "x\x02", "x\x021", "x\u0660", "x\u06609", "\u0130", "i\u0307"]


ASCII_TRICKY = [v for v in TRICKY if v.isascii()] + ["x\x01", "x\x011", "\x7f2", "a\x7f"]


@pytest.mark.parametrize(("ids", "extra"), [
    (TRICKY, []), (TRICKY, ["bad\x01"]), (TRICKY, ["nul\x00"]), (TRICKY, ["8" * 65]),
    (ASCII_TRICKY, []), (ASCII_TRICKY, ["nul\x00"]), (ASCII_TRICKY, ["8" * 65])])
def test_natural_sorted_orders_exactly_as_natural_key(
        ids: list[str], extra: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # both fast paths (any text, ASCII), and each reason for the plain sort (\x01
    # outside ASCII, \x00, a run of 65 digits)
    from malstyrning.render import typography

    values = [*ids, *extra]
    orders = (values, values[::-1], sorted(values), values[1::2] + values[::2])
    expected = [sorted(shuffled, key=natural_key) for shuffled in orders]
    if not extra:  # the fast path never asks natural_key
        monkeypatch.setattr(typography, "natural_key", None)
    assert [natural_sorted(shuffled) for shuffled in orders] == expected
    monkeypatch.undo()
    assert natural_sorted([]) == [] and natural_sorted(iter(["b2", "b10"])) == ["b2", "b10"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("aAbB0127-_.²٣０ßẞİı\u0307 ") | st.characters(),
                        max_size=8), max_size=40))
@example(["a01", "A1", "a1"])  # ties keep their order, as in sorted()
def test_natural_sorted_matches_natural_key_on_any_ids(values: list[str]) -> None:
    assert natural_sorted(values) == sorted(values, key=natural_key)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("aAzZ0019-_. ~\x01\x7f") | st.characters(
    max_codepoint=127), max_size=8), max_size=40))
def test_natural_sorted_matches_natural_key_on_ascii_ids(values: list[str]) -> None:
    assert natural_sorted(values) == sorted(values, key=natural_key)


def test_natural_sorted_rests_on_what_casefold_and_digits_do() -> None:
    # natural_sorted casefolds all ids at once and then finds the runs of digits: that
    # is the same as natural_key's split-then-casefold only while casefolding maps each
    # character alone, keeps decimal digits, makes none, and \d means a decimal digit.
    digit = re.compile(r"\d")
    for code in range(0x110000):
        c = chr(code)
        folded = c.casefold()
        assert bool(digit.fullmatch(c)) == c.isdecimal(), hex(code)
        if c.isdecimal():
            assert folded == c and c >= "0", hex(code)
        else:
            assert not any(f.isdecimal() for f in folded), hex(code)
            assert ("\x00" not in folded and "\x01" not in folded) or folded == c, hex(code)
        assert "\n" not in c.lower() or c == "\n", hex(code)
    assert "ΣΑΣ Σ".casefold() == "".join(c.casefold() for c in "ΣΑΣ Σ")


@pytest.mark.parametrize("values", [
    ["UF-VAS", "UBN-E1", "Östervåla: 1.a", "CON", "com1", "", "--", "x" * 300 + "1",
     "x" * 300 + "2", "a\nb", "A.B", "\u202eUBN", "\x00\x07", "İ1", "straße"],
    ["UBN-E1", "UBN-E2", "con", "nul", "-a-", "x" * 64, "x" * 65],
    [], [""], ["a\nb", "c"]])
def test_slugs_are_the_slug_of_each(values: list[str]) -> None:
    assert slugs(values) == [slug(v) for v in values]


def test_github_slug_and_paragraphs() -> None:
    assert github_slug("UBN-E1 Fler elever når målen!") == "ubn-e1-fler-elever-når-målen"
    assert github_slug("Inriktningar och nämnder") == "inriktningar-och-nämnder"
    assert paragraphs("rad ett\nrad två\n\nnytt stycke\n") == ["rad ett rad två", "nytt stycke"]


def test_wrap_cuts_with_ellipsis() -> None:
    assert wrap("kort") == ("kort",)
    lines = wrap("ett " * 40, width=20, lines=2)
    assert len(lines) == 2 and lines[1].endswith("…") and len(lines[1]) <= 20


def test_layout_centres_parents_over_children() -> None:
    goal = Tree(Box("E1", "mål", "", 2), tuple(Tree(Box(f"A{i}", "a", "", 3)) for i in range(3)))
    d = layout("t", [Tree(Box("I1", "i", "", 1), (goal,))], ["Inriktning", "Effektmål",
                                                             "Aktivitet"], key="k")
    boxes = {b.id: b for b in d.boxes}
    assert [c.label for c in d.columns] == ["Inriktning", "Effektmål", "Aktivitet"]
    assert boxes["E1"].y == boxes["A1"].y == boxes["I1"].y
    assert boxes["A0"].y < boxes["A1"].y < boxes["A2"].y
    assert len(d.edges) == 4 and d.height > 3 * boxes["A0"].height


def test_theme_keeps_contrast_and_embeds_logo(tmp_path: Path) -> None:
    theme, warnings = theme_from({"färg": "#00583d"}, tmp_path)
    assert warnings == [] and theme.accent == "#00583d" and theme.on_accent == "#ffffff"
    light, _ = theme_from({"färg": "#ffe066"}, tmp_path)
    assert contrast(light.text_accent, "#ffffff") >= 4.5
    assert contrast(light.accent, light.on_accent) >= 4.5
    bad, warnings = theme_from({"färg": "red; background: url(x)"}, tmp_path)
    assert bad.accent == "#1f4e79" and warnings
    (tmp_path / "logga.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", "utf-8")
    uri, problem = logo_uri(tmp_path, "logga.svg")
    assert uri.startswith("data:image/svg+xml;base64,") and problem == ""
    assert logo_uri(tmp_path, "../utanfor.svg")[1]
    assert logo_uri(tmp_path, "saknas.png")[1]
