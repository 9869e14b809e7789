"""Every text from a plan file is shown as text: it runs nothing and breaks no structure."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import (
    external_references,
    load,
    markdown_parser,
    parse_html,
    texts,
    write_followup_repo,
    yaml_string,
)

from malstyrning.render.environment import md_escape, mermaid_label

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }} {% if true %}JA{% endif %}"
HOSTILE = {
    "kommun": yaml_string('Testby <kommun> "citat" \\ ; } body { color: red'),
    "vision": yaml_string(SCRIPT),
    "inriktning": yaml_string(TEMPLATE + " | rör\nny rad"),
    "beskrivning": yaml_string("# Rubrik\n\n- lista\n\n1. ett\n\n[länk](javascript:alert(2)) "
                               "<img src=x onerror=alert(3)> ![bild](https://evil.example/x.png)"),
    "styrdokument": yaml_string("Policy `kod` ~~struken~~ $x^2$ &amp; &lt;b&gt;"),
    "effektmal": yaml_string("**fet** _kursiv_ [länk](https://evil.example) <b>fet</b>"),
    "malgrupp": yaml_string("{{ config }} {{ ''.__class__.__mro__ }}"),
    "indikator": yaml_string("a|b||c \\| d"),
    "enhet": yaml_string("<i>%</i>"),
    "aktivitet": yaml_string("</td></tr></table><script>alert(4)</script>"),
    "ansvarig": yaml_string('"Rektor" & \'biträdande\' <rektor>'),
}


# Texts of a follow-up: analysis, conclusions, improvements, comments and the reason
# a value is missing.
HOSTILE_FOLLOWUP = {
    "analys": yaml_string("<script>alert(5)</script>\n\n| a | b |\n|---|---|\n"
                          "[länk](javascript:alert(6)) {{ 7*7 }}"),
    "slutsatser": yaml_string("<img src=x onerror=alert(7)> ![bild](https://evil.example/y.png)"),
    "forbattring": yaml_string("- [ ] **inte en lista** </li></ul><b>fet</b>"),
    "kommentar": yaml_string("</th></tr></table><i>kursiv</i> a|b"),
    "aktivitetskommentar": yaml_string("</td><td>extra cell</td> | extra | cell |"),
    "saknas": yaml_string("<svg onload=alert(8)></svg> & \"citat\" ]]> --> {% raw %}"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_followup_repo(tmp_path_factory.mktemp("hostile"), **HOSTILE,
                               **HOSTILE_FOLLOWUP)
    errors = [f for f in load(root).findings if f.severity.swedish == "fel"]
    assert errors == [], "the hostile repository should be a valid plan"
    return root


@pytest.fixture(scope="module")
def hostile_html(hostile: Path) -> dict[str, str]:
    rendered = texts(hostile, "html")
    assert "maluppfyllelse-2027-helar-ubn.html" in rendered
    return rendered


@pytest.fixture(scope="module")
def hostile_md(hostile: Path) -> dict[str, str]:
    return texts(hostile, "md")


def test_html_runs_no_script_and_loads_nothing(hostile_html: dict[str, str]) -> None:
    for name, text in hostile_html.items():
        doc = parse_html(text)
        assert not list(doc.root.iter("script")), name
        assert not list(doc.root.iter("img")), f"{name}: plan text became an <img>"
        assert not list(doc.root.iter("b")) and not list(doc.root.iter("i")), name
        for el in doc.root.iter():
            assert not any(a.startswith("on") for a in el.attrs), (name, el.tag, el.attrs)
            assert not el.attrs.get("href", "").lower().startswith("javascript:"), name
        assert external_references(text) == [], name
        assert "<script" not in text.lower(), name


def test_html_shows_the_hostile_texts_as_text(hostile_html: dict[str, str]) -> None:
    kp = parse_html(hostile_html["kommunens-plan.html"]).root.all_text()
    assert SCRIPT in kp
    assert "{{ 7*7 }}" in kp and "{% if true %}JA{% endif %}" in kp
    assert "49" not in kp
    ubn = parse_html(hostile_html["verksamhetsplan-ubn.html"]).root.all_text()
    assert "{{ config }}" in ubn and "__class__" in ubn
    assert "</td></tr></table><script>alert(4)</script>" in ubn
    assert "<i>%</i>" in ubn
    assert '"Rektor" & \'biträdande\' <rektor>' in ubn


def test_html_shows_the_hostile_followup_texts_as_text(hostile_html: dict[str, str]) -> None:
    ubn = parse_html(hostile_html["maluppfyllelse-2027-helar-ubn.html"]).root.all_text()
    assert "<script>alert(5)</script>" in ubn and "{{ 7*7 }}" in ubn
    assert "<img src=x onerror=alert(7)>" in ubn
    assert "- [ ] **inte en lista** </li></ul><b>fet</b>" in ubn
    assert "</th></tr></table><i>kursiv</i> a|b" in ubn
    assert "</td><td>extra cell</td> | extra | cell |" in ubn
    sbn = parse_html(hostile_html["maluppfyllelse-2027-helar-sbn.html"]).root.all_text()
    assert 'Saknas: <svg onload=alert(8)></svg> & "citat" ]]> --> {% raw %}' in sbn
    # The reason also goes into the chart's description, inside the SVG.
    desc = [el.all_text() for el in parse_html(hostile_html["maluppfyllelse-2027-helar-sbn.html"])
            .root.iter("desc")]
    assert any("<svg onload=alert(8)></svg>" in d for d in desc)


@pytest.mark.parametrize("name", ["verksamhetsplan-ubn.html", "maluppfyllelse-2027-helar-ubn.html",
                                  "maluppfyllelse-2027-helar-sbn.html",
                                  "maluppfyllelse-2027-helar.html"])
def test_html_tables_keep_their_shape(hostile_html: dict[str, str], name: str) -> None:
    doc = parse_html(hostile_html[name])
    for table in doc.root.iter("table"):
        header = next(table.iter("thead"))
        width = len(list(next(header.iter("tr")).iter("th")))
        for row in next(table.iter("tbody")).iter("tr"):
            cells = [c for c in row.children if c.tag in ("td", "th")]
            assert len(cells) == width


def test_print_footer_keeps_css_strings_closed(hostile_html: dict[str, str]) -> None:
    """The kommun's name goes into CSS ``content:``; it must not end the string or rule."""
    style = hostile_html["index.html"].split("<style>", 1)[1].split("</style>", 1)[0]
    footer = style.split("@bottom-left", 1)[1].split("}", 1)[0]
    assert "color: red" not in footer
    assert footer.count('"') == 6  # three CSS strings: kommun, " · ", title


def test_markdown_has_no_raw_html_and_no_links_from_plan_text(
        hostile_md: dict[str, str]) -> None:
    md = markdown_parser()
    for name, text in hostile_md.items():
        tokens = md.parse(text)
        for token in _walk(tokens):
            assert token.type not in ("html_inline", "html_block"), (name, token.content)
            assert token.type != "image", name
            if token.type == "link_open":
                href = str(token.attrGet("href"))
                assert not href.startswith(("http", "javascript", "//")), (name, href)
        html = md.render(text)
        assert "<script" not in html and "<img" not in html and "<b>" not in html, name


def test_markdown_shows_the_hostile_texts(hostile_md: dict[str, str]) -> None:
    md = markdown_parser()
    kp = md.render(hostile_md["kommunens-plan.md"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in kp
    assert "{{ 7*7 }}" in kp and "49" not in kp
    assert "<h1>Rubrik</h1>" not in kp and "# Rubrik" in kp
    assert "Policy `kod` ~~struken~~ $x^2$ &amp;amp; &amp;lt;b&amp;gt;" in kp
    ubn = md.render(hostile_md["verksamhetsplan-ubn.md"])
    assert "**fet** _kursiv_ [länk](https://evil.example) &lt;b&gt;fet&lt;/b&gt;" in ubn
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;" in ubn


def test_markdown_tables_keep_their_shape(hostile_md: dict[str, str]) -> None:
    """A ``|`` or a newline in a title must not add or drop a table cell."""
    md = markdown_parser()
    for name, text in hostile_md.items():
        tokens = md.parse(text)
        widths: list[int] = []
        for token in tokens:
            if token.type == "tr_open":
                widths.append(0)
            elif token.type in ("th_open", "td_open"):
                widths[-1] += 1
            elif token.type == "table_close":
                assert len(set(widths)) == 1, (name, widths)
                widths = []
    ubn = md.render(hostile_md["verksamhetsplan-ubn.md"])
    assert "a|b||c \\| d" in ubn


def test_markdown_shows_the_hostile_followup_texts(hostile_md: dict[str, str]) -> None:
    md = markdown_parser()
    ubn = md.render(hostile_md["maluppfyllelse-2027-helar-ubn.md"])
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in ubn and "{{ 7*7 }}" in ubn
    assert "&lt;img src=x onerror=alert(7)&gt;" in ubn
    assert "- [ ] **inte en lista** &lt;/li&gt;&lt;/ul&gt;&lt;b&gt;fet&lt;/b&gt;" in ubn
    assert "&lt;/td&gt;&lt;td&gt;extra cell&lt;/td&gt; | extra | cell |" in ubn
    sbn = md.render(hostile_md["maluppfyllelse-2027-helar-sbn.md"])
    assert "Saknas: &lt;svg onload=alert(8)&gt;&lt;/svg&gt; &amp; &quot;citat&quot;" in sbn


def test_mermaid_labels_cannot_end_the_label_or_the_block() -> None:
    label = mermaid_label('a"] --> x["b` ```\n<b>#1;</b>')
    assert '"' not in label and "`" not in label and "<" not in label and "\n" not in label
    assert label.startswith("a#34;#93; --#62; x#91;#34;b")


@pytest.mark.parametrize(("text", "expected"), [
    ("a | b", "a \\| b"),
    ("rad ett\nrad två", "rad ett rad två"),
    ("<b>x</b>", "\\<b\\>x\\</b\\>"),
    ("[x](y)", "\\[x\\](y)"),
    ("*a* _b_", "\\*a\\* \\_b\\_"),
    ("- lista", "\\- lista"),
    ("2027. Ett år", "2027\\. Ett år"),
    ("4.1", "4.1"),
    ("UBN-E1", "UBN-E1"),
    ("# rubrik", "\\# rubrik"),
    ("A &amp; B", "A \\&amp; B"),
    ("{{ 7*7 }}", "\\{\\{ 7\\*7 \\}\\}"),
])
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def _walk(tokens):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def test_md_escape_fast_path_matches_the_full_escape() -> None:
    """md_escape returns most names unchanged without the regular expressions; the
    texts it lets through that way must be exactly what the full escape gives, and
    is_plain must agree with plain_text. Short texts over the characters that matter
    (syntax, controls, whitespace of every kind, digits, right-to-left, noncharacters)."""
    import random

    from malstyrning.render import environment

    alphabet = [*"aZ å09-+=.) \t\n\r\u00a0\u2007\u202f\u2028\u3000\u1680\\`*_[]<>|#~$&{}!",
                *"\x00\x85\x9f\xa1\u05d0\u058f\u202e\ufffe\U0001fffe\u0663²:;,'\"/ö", "  "]
    rng = random.Random(9)
    for _ in range(40_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        for strip in (True, False):
            assert environment.md_escape(text, strip) == environment._md_escaped(text, strip)
        assert environment.is_plain(text) == (environment._made_plain(text) == text), text


def test_one_look_at_many_texts_passes_only_texts_written_as_they_are() -> None:
    """An activity list's ids and names are looked at all at once (md_all_plain,
    html_all_plain): a list passed that way must hold only texts that md_escape or
    html_text leave as they are, and a list of ordinary names and ids passes."""
    import random

    from malstyrning.render import environment

    alphabet = [*"aZ å09-+=.) \t\n\r\u00a0\u2007\u202f\u2028\u3000\\`*_[]<>|#~$&{}!",
                *"\x00\x85\xa1\u05d0\u202e\u0663²:;,'\"/ö", "  ", "UBN-E1", "Läsa mer"]
    rng = random.Random(11)
    passed = 0
    for _ in range(20_000):
        texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
                 for _ in range(rng.randint(1, 4))]
        joined = "\n".join(texts)
        if environment.md_all_plain(joined, len(texts)):
            passed += 1
            assert all(environment.md_escape(t) == t for t in texts), texts
        if environment.html_all_plain(joined):
            assert all(environment.html_text(t) == t for t in texts), texts
    assert passed > 100
    names = ["UF-VAS-A1", "Läsa och skriva i förskolan", "Östervåla fritidsgård (KFN)"]
    assert environment.md_all_plain("\n".join(names), 3)
    assert environment.html_all_plain("\n".join(names))
    assert not environment.md_all_plain("\n".join(["a", "b\nc"]), 2)  # a text with a break
    assert not environment.md_all_plain("\n".join(["a", ""]), 2)


def test_html_text_fast_path_matches_the_full_escape() -> None:
    """html_text returns most names as they are after one look; what it lets through
    that way must be exactly what Jinja2's escape of plain_text gives."""
    import random

    from markupsafe import escape

    from malstyrning.render import environment

    alphabet = [*"aZ å09-+=.) \t\n\r\u00a0\u2028&<>\"'`/;:#\\", *"\x00\x08\x0b\x1f\x7f\x85\x9f",
                *"\xa0\xff\u058f\u0590\u05d0\u202e\u2066\ufffe\U0001fffe\U0010ffff"]
    rng = random.Random(11)
    for _ in range(40_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert environment.html_text(text) == str(escape(environment.html_finalize(text))), text
    assert environment.html_text("Kultur & fritid <KFN>") == "Kultur &amp; fritid &lt;KFN&gt;"


def test_the_attention_classes_match_what_they_say() -> None:
    """Each class written as a complement (_latin_except) matches exactly: the controls
    it does not keep, its special characters, and everything from U+0590 on."""
    from malstyrning.render import environment as env

    def control(c: str) -> bool:
        return c < " " or "\x7f" <= c <= "\x9f"

    wanted = {
        env._LATIN_NOT_TEXT: lambda c: (control(c) and c not in "\t\n") or c >= "\u0590",
        env._HTML_ATTENTION: lambda c: ((control(c) and c not in "\t\n") or c in "&<>\"'"
                                        or c >= "\u0590"),
        env._MD_ATTENTION: lambda c: control(c) or c in "\\`*_[]<>|#~$&{}!" or c >= "\u0590",
    }
    chars = [*map(chr, range(0x800)), "\u2028", "\u202e", "\ufffe", "\U0001f600", "\U0010ffff"]
    for pattern, expected in wanted.items():
        assert [c for c in chars if bool(pattern.search(c)) != expected(c)] == [], pattern
