"""Swedish typography, the diagram layout and the theme (the writer: test_render_writer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from malstyrning.render.diagram import Box, Tree, layout, wrap
from malstyrning.render.environment import github_slug, paragraphs
from malstyrning.render.theme import contrast, logo_uri, theme_from
from malstyrning.render.typography import (
    amount,
    natural_key,
    number,
    period_text,
    segments,
    slug,
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
