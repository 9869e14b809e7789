"""The rows of the long activity tables, written by Python (the filter
``aktivitetsrader``), are exactly what the template macro ``aktivitetsrad`` gives, in both
formats, for any plan text — line breaks, markup, bidi and control characters
included — and whatever the list's length."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from malstyrning.pipeline import RunResult
from malstyrning.render import renderer_class
from malstyrning.render.base import RenderContext
from malstyrning.render.records import ActivityView, Link, Rows
from malstyrning.render.site import build_site
from malstyrning.render.views import status_of

HOSTILE = st.sampled_from([
    "", " ", "Läsa | skriva", "*fet* _kursiv_ `kod`", "<b>&amp;</b> \"citat\" 'ett'",
    "rad ett\nrad två", "  inledande och avslutande  ", "a\n\n\n\nb", "slut med rad \n",
    "\u2028delad\u2029", "\r\nwindows\r", "\x00nul\x1fstyr\x85", "\u202eomvänd", "עברית",
    "1. lista", "- punkt", "# rubrik", "[länk](http://x)", "\t tab", "\u00a0hårt",
    "2027-03-01", "2027-13-45", "Östervåla fritidsgård", "x" * 70,
])
TEXT = st.one_of(HOSTILE, st.text(max_size=12))
STATUS = st.sampled_from(["", "pågår", "klar", "ej påbörjad", "försenad", "okänd status"])


def activities() -> st.SearchStrategy[list[ActivityView]]:
    view = st.builds(
        lambda id_, name, org, resp, start, end, status: ActivityView(
            id_, name, "", "ORG", org, resp, start, end, status_of(status),
            (Link("G1", "Mål"),), "Aktivitet"),
        TEXT, TEXT, TEXT, TEXT, st.one_of(st.just(""), TEXT), st.one_of(st.just(""), TEXT),
        STATUS)
    return st.lists(view, max_size=6)


MACRO = {
    fmt: (f'{{% import "macros.{fmt}.j2" as m with context %}}'
          "FÖRE\n{% for a in acts %}{{ m.aktivitetsrad(a) }}{% endfor %}EFTER\n")
    for fmt in ("md", "html")
}
FILTER = "FÖRE\n{{ acts|aktivitetsrader }}\nEFTER\n"


@pytest.fixture(scope="module")
def renderers(example_result: RunResult) -> dict[str, object]:
    site = build_site(example_result.model, example_result.settings, example_result.findings)
    context = RenderContext(Path("."), dict(example_result.settings.appearance))
    return {fmt: renderer_class(fmt)(site, context) for fmt in ("md", "html")}


@pytest.mark.parametrize("fmt", ["md", "html"])
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(acts=activities())
def test_rows_are_what_the_macro_gives(fmt: str, acts: list[ActivityView],
                                       renderers: dict[str, object]) -> None:
    renderer = renderers[fmt]
    env = renderer.env  # type: ignore[attr-defined]
    site = renderer.site  # type: ignore[attr-defined]
    variables = {"site": site, "acts": acts, **renderer.variables()}  # type: ignore[attr-defined]
    by_macro = renderer.finish(env.from_string(MACRO[fmt]).render(**variables))  # type: ignore[attr-defined]
    by_filter = renderer.finish(env.from_string(FILTER).render(**variables))  # type: ignore[attr-defined]
    if acts:
        assert by_filter == by_macro
    else:
        # no rows: the filter's line stays as an empty line, which tidying keeps in
        # HTML (it never happens in a document: a list is written for 26 or more)
        assert by_filter.replace("\n\n", "\n") == by_macro


def test_the_package_templates_use_the_filter() -> None:
    from malstyrning.render.environment import TEMPLATES

    for fmt in ("md", "html"):
        text = (TEMPLATES / fmt / f"aktiviteter.{fmt}.j2").read_text(encoding="utf-8")
        assert "|aktivitetsrader" in text
        macros = (TEMPLATES / fmt / f"macros.{fmt}.j2").read_text(encoding="utf-8")
        assert "{% macro aktivitetsrad(a) %}" in macros


def test_an_activity_documents_rows_are_made_when_first_read() -> None:
    """Its length is known before the rows are made; they are made once, when the
    document is written, and equal the tuple of them."""
    made: list[str] = []

    def make(item: str) -> str:
        made.append(item)
        return item.upper()

    rows = Rows(["a", "b"], make)  # type: ignore[arg-type]
    assert len(rows) == 2 and made == []
    assert list(rows) == ["A", "B"] and rows[1] == "B"
    assert rows == ("A", "B") and rows == Rows(["a", "b"], str.upper)  # type: ignore[arg-type]
    assert made == ["a", "b"]


def test_the_look_for_other_line_breaks_finds_what_splitlines_breaks_at() -> None:
    """tidy_rows looks for each of the other line breaks by itself (faster over a big
    list's text than a character class): exactly the characters that str.splitlines()
    breaks a line at, besides "\\n", wherever they stand in a text."""
    from malstyrning.render import base

    breaks = {c for c in map(chr, range(0x3000)) if len(f"a{c}b".splitlines()) == 2}
    assert breaks - {"\n"} == set(base._BREAK_CHARS)
    for char in map(chr, range(0x3000)):
        for text in (char, f"rad{char}", f"Östervåla {char} fritidsgård" * 3):
            assert base._has_other_breaks(text) == (char in breaks and char != "\n")
