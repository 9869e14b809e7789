"""Plan text reaches the documents intact and harmless: spaces kept, no control
characters, bidirectional text isolated (issue 9, section 5)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from render_support import (
    EXAMPLES,
    SMALL_REPO,
    markdown_parser,
    texts,
    write_small_repo,
    yaml_string,
)
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.render.environment import FSI, PDI, _balanced, md_escape, plain_text

RLO, PDF, LRE, RLI = "\u202e", "\u202c", "\u202a", "\u2067"


def _set_name(root: Path, unit: str, name: str) -> None:
    register = root / "organisation.yaml"
    text = register.read_text("utf-8")
    assert f"namn: {unit}\n" in text
    register.write_text(text.replace(f"namn: {unit}\n", f"namn: {yaml_string(name)}\n"),
                        "utf-8")


# -- spaces around code in Markdown

def test_markdown_keeps_the_spaces_around_ids_in_messages(tmp_path: Path) -> None:
    repo = tmp_path / "plans"
    shutil.copytree(EXAMPLES, repo, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    plan = repo / "enheter" / "vretaskolan-2027.yaml"
    text = plan.read_text("utf-8")
    assert "bidrar_till: [UBN-E1]" in text
    plan.write_text(text.replace("bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E9]", 1), "utf-8")
    out = tmp_path / "build"
    result = CliRunner().invoke(app, ["render", str(repo), "--force", "--format", "md",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    quality = (out / "kvalitetsgranskning.md").read_text("utf-8")
    assert "Aktivitet UF-VAS-A1 bidrar till UBN-E9, men inget mål med det id:t finns." in quality
    assert "Åtgärd: Menade du UBN-E4, UBN-E3, UBN-E2?" in quality
    assert "AktivitetUF-VAS-A1" not in quality and "duUBN-E4" not in quality
    # The warning box at the top of every document, too.
    assert "Aktivitet UF-VAS-A1 bidrar till UBN-E9, men" in (out / "index.md").read_text("utf-8")


def test_md_escape_of_a_sentence_part_keeps_one_space_at_each_end() -> None:
    assert md_escape(" bidrar  till ", strip=False) == " bidrar till "
    assert md_escape(" bidrar till ") == "bidrar till"
    assert md_escape(" a|b ", strip=False) == " a\\|b "


# -- the print footer

def _css_strings(rule: str) -> list[str]:
    """The strings of a CSS ``content:`` value, unescaped as a browser reads them."""
    out = []
    for raw in re.findall(r'"((?:[^"\\]|\\.)*)"', rule):
        out.append(re.sub(r"\\([0-9a-fA-F]{1,6})[ \t\n]?|\\(.)",
                          lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2),
                          raw))
    return out


def test_print_footer_keeps_spaces_after_escaped_punctuation(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    name = "Kultur & fritid (KFN): nämnd / test"
    _set_name(root, "Samhällsbyggnadsnämnden", name)
    html = texts(root, "html")["verksamhetsplan-sbn.html"]
    footer = html.split("@bottom-left", 1)[1].split("}", 1)[0]
    assert _css_strings(footer) == ["Testby kommun", " · ", f"Verksamhetsplan 2027 – {name}"]


# -- control characters

CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x0d\x1b\x1f\x7f\x80\x85\x9f"
ODD = CONTROLS + "\ufffe\U0010ffff\ud800"


def _hostile_control_repo(root: Path) -> Path:
    import json

    def q(text: str) -> str:
        return json.dumps(text)  # a double-quoted YAML scalar with \u escapes

    return write_small_repo(root, vision=q(f"Vision{ODD}slut"),
                            effektmal=q(f"Fler\x00elever\x07når målen{ODD}"),
                            aktivitet=q("Läs\x1bning\x9f"),
                            ansvarig=q("Rek\ud800tor"),
                            beskrivning=q(f"Rad ett\x0b\x0crad två{ODD}"))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_control_characters_are_never_written(tmp_path: Path, fmt: str) -> None:
    root = _hostile_control_repo(tmp_path / "plan")
    rendered = texts(root, fmt)
    bad = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\U0010ffff]")
    for name, text in rendered.items():
        assert not bad.search(text), (name, bad.findall(text))
        text.encode("utf-8")  # no lone surrogate left to crash the writer
    ubn = rendered[f"verksamhetsplan-ubn.{fmt}"]
    assert "Fler\ufffdelever\ufffdnår målen" in ubn
    assert "Rek\ufffdtor" in ubn and "Läs\ufffdning\ufffd" in ubn


def test_control_characters_do_not_stop_the_render_command(tmp_path: Path) -> None:
    root = _hostile_control_repo(tmp_path / "plan")
    out = tmp_path / "build"
    for fmt in ("html", "md"):
        result = CliRunner().invoke(app, ["render", str(root), "--format", fmt, "--out",
                                          str(out), "--force"])
        assert result.exit_code == 0, result.output
    assert "\x00" not in (out / "kommunens-plan.html").read_text("utf-8")


def test_plain_text_replaces_every_control_but_tab_and_newline() -> None:
    assert plain_text("a\tb\nc") == "a\tb\nc"
    assert plain_text(CONTROLS) == "\ufffd" * len(CONTROLS)
    assert plain_text("x\ud800y\uffffz") == "x\ufffdy\ufffdz"
    assert plain_text("Vretaskolan, åk 1–3 «ok» 12\u202f%") == "Vretaskolan, åk 1–3 «ok» 12\u202f%"


# -- bidirectional text

def _bidi_state(line: str) -> tuple[list[str], bool]:
    """The bidi controls still open at the end of ``line``, and whether every override
    was opened inside an isolate."""
    stack: list[str] = []
    inside = True
    for ch in line:
        if ch in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            if ch in "\u202d\u202e" and "\u2068" not in stack:
                inside = False
            stack.append(ch)
        elif ch == "\u202c" and stack and stack[-1] in "\u202a\u202b\u202d\u202e":
            stack.pop()
        elif ch == "\u2069" and any(c in "\u2066\u2067\u2068" for c in stack):
            while stack.pop() not in "\u2066\u2067\u2068":
                pass
    return stack, inside


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_an_unclosed_override_in_a_name_is_isolated(tmp_path: Path, fmt: str) -> None:
    root = write_small_repo(tmp_path / "plan")
    name = f"Utbildnings{RLO}nämnden"
    _set_name(root, "Utbildningsnämnden", name)
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8").replace(
        "kommun: Testby kommun", f'kommun: "Testby {RLO}kommun"'), "utf-8")
    rendered = texts(root, fmt)
    seen = 0
    for doc, text in rendered.items():
        for line in text.splitlines():
            open_at_end, inside = _bidi_state(line)
            assert open_at_end == [], (doc, line)
            assert inside, (doc, line)
            seen += line.count(f"{FSI}{name}{PDF}{PDI}")
    assert seen > 0, "the nämnd's name, isolated on its own, is in the documents"


def test_right_to_left_names_are_isolated_and_swedish_text_is_not(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    _set_name(root, "Utbildningsnämnden", "ועדת החינוך")
    md = texts(root, "md")["verksamhetsplan-ubn.md"]
    assert f"{FSI}ועדת החינוך{PDI}" in md
    assert FSI not in texts(write_small_repo(tmp_path / "svensk"), "md")["index.md"]


def test_markdown_of_an_isolated_name_still_parses_as_text(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    _set_name(root, "Utbildningsnämnden", f"{RLO}<b>fet</b> | cell")
    md = texts(root, "md")["verksamhetsplan-ubn.md"]
    html = markdown_parser().render(md)
    assert "<b>" not in html and "&lt;b&gt;fet&lt;/b&gt;" in html


@pytest.mark.parametrize(("text", "expected"), [
    (f"a{RLO}b", f"a{RLO}b{PDF}"),
    (f"a{PDF}b", "ab"),
    (f"a{PDI}b", "ab"),
    (f"{RLI}a{RLO}b{PDI}c", f"{RLI}a{RLO}b{PDI}c"),
    (f"{LRE}a{RLI}b", f"{LRE}a{RLI}b{PDI}{PDF}"),
    (f"{RLI}a{PDF}b", f"{RLI}ab{PDI}"),
])
def test_balanced(text: str, expected: str) -> None:
    assert _balanced(text) == expected


def test_small_repo_fixture_has_the_names_the_tests_replace() -> None:
    assert "namn: Utbildningsnämnden\n" in SMALL_REPO["organisation.yaml"]
    assert "namn: Samhällsbyggnadsnämnden\n" in SMALL_REPO["organisation.yaml"]
