"""WCAG 2.1 AA structure of the HTML, and links and anchors in both formats."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from urllib.parse import unquote

import pytest
from render_support import external_references, markdown_parser, parse_html

from malstyrning.pipeline import RunResult
from malstyrning.render.environment import github_slug

HEADING = re.compile(r"^h([1-6])$")


def _docs(example_html: dict[str, str]):  # type: ignore[no-untyped-def]
    return [(name, parse_html(text)) for name, text in sorted(example_html.items())]


def test_language_title_and_policy(example_html: dict[str, str]) -> None:
    for name, doc in _docs(example_html):
        assert doc.doctype.lower() == "doctype html", name
        (html,) = list(doc.root.iter("html"))
        assert html.attrs.get("lang") == "sv", name
        titles = list(doc.root.iter("title"))
        assert titles and titles[0].all_text().strip(), name
        csp = [m for m in doc.root.iter("meta")
               if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in csp[0].attrs["content"], name


def test_one_h1_and_headings_in_order(example_html: dict[str, str]) -> None:
    for name, doc in _docs(example_html):
        levels = [int(HEADING.match(el.tag).group(1))  # type: ignore[union-attr]
                  for el in doc.root.iter() if HEADING.match(el.tag)]
        assert levels.count(1) == 1 and levels[0] == 1, name
        for before, after in pairwise(levels):
            assert after <= before + 1, f"{name}: h{before} followed by h{after}"
        for el in doc.root.iter():
            if HEADING.match(el.tag):
                assert el.all_text().strip(), f"{name}: empty heading"


def test_tables_have_captions_and_header_cells(example_html: dict[str, str]) -> None:
    count = 0
    for name, doc in _docs(example_html):
        for table in doc.root.iter("table"):
            count += 1
            assert table.children[0].tag == "caption", name
            assert table.children[0].all_text().strip(), name
            heads = list(table.iter("thead"))
            assert heads, f"{name}: table without thead"
            for th in table.iter("th"):
                scope = th.attrs.get("scope")
                in_head = th.ancestor("thead") is not None
                assert scope == ("col" if in_head else "row"), (name, th.all_text())
            for row in next(table.iter("tbody")).iter("tr"):
                assert any(c.tag == "th" for c in row.children), f"{name}: row without header"
    assert count > 50


def test_ids_unique_and_fragment_links_resolve(example_html: dict[str, str]) -> None:
    ids = {}
    for name, doc in _docs(example_html):
        found = [el.attrs["id"] for el in doc.root.iter() if "id" in el.attrs]
        duplicates = [i for i, n in Counter(found).items() if n > 1]
        assert not duplicates, f"{name}: duplicate ids {duplicates}"
        ids[name] = set(found)
    for name, doc in _docs(example_html):
        for a in doc.root.iter("a"):
            href = a.attrs.get("href", "")
            assert href, f"{name}: link without href"
            target, _, fragment = href.partition("#")
            target = target or name
            assert target in ids, f"{name}: link to missing document {href}"
            if fragment:
                assert fragment in ids[target], f"{name}: link to missing anchor {href}"
            assert a.all_text().strip(), f"{name}: link without text"


def test_toc_skip_link_and_labelled_regions(example_html: dict[str, str]) -> None:
    for name, doc in _docs(example_html):
        links = [a for a in doc.root.iter("a") if "hoppa" in a.attrs.get("class", "")]
        assert links and links[0].attrs["href"] == "#innehall", name
        if name != "index.html":
            navs = [n for n in doc.root.iter("nav") if n.attrs.get("class") == "innehall"]
            assert navs and navs[0].attrs.get("aria-labelledby") == "innehall-rubrik", name


def test_status_is_text_and_symbol_not_colour(example_html: dict[str, str]) -> None:
    doc = parse_html(example_html["verksamhetsplan-ks.html"])
    statuses = [s for s in doc.root.iter("span")
                if s.attrs.get("class", "").startswith("status ")]
    assert statuses
    words = {"Ej påbörjad", "Pågående", "Genomförd", "Försenad", "Avbruten"}
    for s in statuses:
        symbol = next(s.iter("span"))
        assert symbol.attrs.get("aria-hidden") == "true"
        assert any(w in s.all_text() for w in words)


def test_empty_cells_say_so_to_screen_readers(example_html: dict[str, str]) -> None:
    doc = parse_html(example_html["kommunens-plan.html"])
    empties = [td for td in doc.root.iter("td") if "tom" in td.attrs.get("class", "")]
    assert len(empties) == 18
    for td in empties:
        assert "inga" in td.all_text()


def test_images_and_diagrams_have_text_alternatives(example_html: dict[str, str]) -> None:
    for name, doc in _docs(example_html):
        for img in doc.root.iter("img"):
            assert img.attrs.get("alt", "").strip(), name
        for svg in doc.root.iter("svg"):
            assert svg.attrs.get("role") == "img", name
            labels = svg.attrs["aria-labelledby"].split()
            found = {el.attrs.get("id") for el in svg.iter()}
            assert set(labels) <= found, name
    doc = parse_html(example_html["malkedjan.html"])
    assert len(list(doc.root.iter("svg"))) == 6


def test_every_indicator_chart_states_its_values_in_words(example_html: dict[str, str],
                                                         example_result: RunResult) -> None:
    """One chart per indicator (effektmål and financial goals), each described in words."""
    charts = 0
    for name, text in sorted(example_html.items()):
        if not name.startswith("maluppfyllelse-"):
            continue
        for svg in parse_html(text).root.iter("svg"):
            charts += 1
            title, desc = svg.children[0], svg.children[1]
            assert (title.tag, desc.tag) == ("title", "desc"), name
            words = desc.all_text()
            assert "Baslinje" in words or "Utfall" in words, (name, words)
            assert re.search(r"\d{4}: \S", words), (name, words)
    assert charts == len(example_result.model.of_kind("indikator")) == 29


def test_goal_status_is_symbol_and_text(example_html: dict[str, str]) -> None:
    doc = parse_html(example_html["maluppfyllelse-2027-helar.html"])
    marks = [s for s in doc.root.iter("span")
             if s.attrs.get("class", "").startswith("maluppfyllelse ")]
    assert len(marks) > 40
    words = {"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "Ej bedömt"}
    for s in marks:
        symbol = next(s.iter("span"))
        assert symbol.attrs.get("aria-hidden") == "true" and symbol.all_text().strip()
        assert s.all_text().replace(symbol.all_text(), "", 1).strip() in words


def test_html_loads_nothing_from_the_network(example_html: dict[str, str]) -> None:
    for name, text in example_html.items():
        assert external_references(text) == [], name
        assert "<script" not in text.lower(), name


@pytest.mark.parametrize("name", ["kommunens-plan.md", "verksamhetsplan-ubn.md",
                                  "malkedjan.md", "index.md", "kvalitetsgranskning.md",
                                  "maluppfyllelse-2027-helar.md",
                                  "maluppfyllelse-2027-helar-ubn.md"])
def test_markdown_links_resolve_to_github_heading_anchors(example_md: dict[str, str],
                                                          name: str) -> None:
    md = markdown_parser()
    anchors: dict[str, set[str]] = {}
    for doc, text in example_md.items():
        tokens = md.parse(text)
        anchors[doc] = {github_slug(tokens[i + 1].content)
                        for i, t in enumerate(tokens) if t.type == "heading_open"}
    tokens = md.parse(example_md[name])
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h1") == 1
    assert len(headings) == len(set(headings)), "duplicate headings get numbered anchors"
    for token in _inline_tokens(tokens):
        if token.type != "link_open":
            continue
        href = unquote(str(token.attrGet("href")))
        target, _, fragment = href.partition("#")
        target = target or name
        assert target in anchors, f"{name}: link to missing document {href}"
        if fragment:
            assert fragment in anchors[target], f"{name}: link to missing heading {href}"


def _inline_tokens(tokens):  # type: ignore[no-untyped-def]
    for token in tokens:
        if token.children:
            yield from token.children
