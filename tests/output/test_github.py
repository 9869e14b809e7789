"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub wants."""

from __future__ import annotations

from pathlib import Path

import pytest

from malstyrning.findings import Finding, Severity
from tests.output.conftest import Render


def test_annotations(render: Render) -> None:
    lines = render("github").splitlines()
    assert lines[0] == (
        "::error file=enheter/vretaskolan-2027.yaml,line=8,col=19,title=MS211::Aktivitet "
        "`UF-VAS-A1` bidrar till `UBN-E9`, men inget mål med det id:t finns.%0AMenade du "
        "`UBN-E1`?%0AKontrollera stavningen.%0AKedja: UF-VAS-A1")
    assert lines[1].startswith("::warning file=enheter/vretaskolan-2027.yaml,line=9,col=11,"
                               "title=MS402::")
    assert lines[1].endswith("%0AKedja: VISION > I1 > UBN-E1 > UF-VAS-A1")
    assert lines[3] == "1 fel, 1 varning och 1 info i 2 av 5 filer."
    assert len(lines) == 4


def test_special_characters_are_escaped(render: Render) -> None:
    info = render("github").splitlines()[2]
    # in properties `,` `:` and `%` are escaped; in the message only `%` and newlines
    assert info == ("::notice file=namnder/ubn%2C 50 %25.yaml,line=2,col=6,title=MS501::"
                    "Ramen skiljer sig med 5 %25: 655 000 tkr.")


def test_no_findings_no_annotations(render: Render) -> None:
    assert render("github", findings=[]) == "Inga problem hittades i 5 filer.\n"


# --- GitHub's limit of 10 annotations per level and step --------------------------------


def _many(errors: int, warnings: int = 0, infos: int = 0) -> list[Finding]:
    out = []
    for i in range(max(errors, warnings, infos)):
        for count, severity, code in ((errors, Severity.ERROR, "MS211"),
                                      (warnings, Severity.WARNING, "MS402"),
                                      (infos, Severity.INFO, "MS501")):
            if i < count:
                out.append(Finding(code, f"plan-{i:02}.yaml", f"Fynd {code} nummer {i}.",
                                   line=i + 1, column=1, severity=severity))
    return sorted(out, key=Finding.sort_key)


def _annotations(out: str, level: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"::{level} ")]


def test_errors_come_first(render: Render) -> None:
    out = render("github", findings=_many(3, 3, 3))
    levels = [line.split(" ")[0] for line in out.splitlines() if line.startswith("::")]
    assert levels == ["::error"] * 3 + ["::warning"] * 3 + ["::notice"] * 3


def test_within_the_limit_every_finding_is_an_annotation(render: Render) -> None:
    out = render("github", findings=_many(10, 10, 10))
    assert [len(_annotations(out, lv)) for lv in ("error", "warning", "notice")] == [10] * 3
    assert "fynd till" not in out


def test_a_last_annotation_says_how_many_more(render: Render) -> None:
    findings = _many(25, 12, 2)
    out = render("github", findings=findings)
    errors = _annotations(out, "error")
    # GitHub shows 10 errors: 9 findings and, last, the note about the rest
    assert len(errors) == 10
    assert all("title=MS211" in line for line in errors[:9])
    note = errors[-1]
    assert note.startswith("::error title=malstyrning::")
    assert "18 fynd till (16 fel, 2 varningar) visas inte som annoteringar" in note
    assert "GitHub visar högst 10 per nivå och steg" in note
    assert "Alla 39 fynd finns i loggen för det här steget." in note
    assert len(_annotations(out, "warning")) == 10
    assert len(_annotations(out, "notice")) == 2
    # the rest is in the log, indented so no name can start a workflow command
    rest = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(rest) == 18
    assert rest[0].startswith("  plan-09.yaml:10:1: fel [MS211]")
    # the annotation for the rest comes after every other annotation
    assert out.splitlines().index(note) == len(out.splitlines()) - 2


def test_the_note_takes_a_warning_slot_when_only_warnings_overflow(render: Render) -> None:
    out = render("github", findings=_many(2, 15))
    assert len(_annotations(out, "error")) == 2
    warnings = _annotations(out, "warning")
    assert len(warnings) == 10
    assert warnings[-1].startswith("::warning title=malstyrning::6 fynd till (6 varningar)")


def test_step_summary_lists_every_finding(render: Render, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.md"
    target.write_text("tidigare steg\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    findings = _many(25, 1)
    out = render("github", findings=findings)
    text = target.read_text("utf-8")
    assert text.startswith("tidigare steg\n## malstyrning validate\n\n25 fel, 1 varning")
    rows = [line for line in text.splitlines() if line.startswith("| fel ")
            or line.startswith("| varning ")]
    assert len(rows) == 26
    assert rows[0] == "| fel | plan-00.yaml | 1 | 1 | MS211 | Fynd MS211 nummer 0. |"
    assert "i stegets sammanfattning" in _annotations(out, "error")[-1]


def test_step_summary_escapes_cells(render: Render, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    odd = Finding("MS211", "a|b <i>.yaml", "Värdet `a|b` <script>.", "Rad ett\nrad två",
                  line=1, column=1)
    render("github", findings=[odd])
    row = target.read_text("utf-8").splitlines()[-2]
    assert row == ("| fel | a\\|b &lt;i&gt;.yaml | 1 | 1 | MS211 | Värdet `a\\|b` "
                   "&lt;script&gt;.<br>Rad ett<br>rad två |")


def test_step_summary_stays_within_githubs_size_limit(render: Render, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning.output import github

    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    monkeypatch.setattr(github, "SUMMARY_BYTES", 4000)
    render("github", findings=_many(200))
    text = target.read_text("utf-8")
    assert len(text.encode("utf-8")) <= 4000
    assert "fynd till, som inte ryms i en stegsammanfattning" in text


def test_no_step_summary_without_the_variable(render: Render, tmp_path: Path) -> None:
    render("github")
    assert list(tmp_path.glob("*.md")) == []
