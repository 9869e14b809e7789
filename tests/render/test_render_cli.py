"""``malstyrning render``: validation first, atomic output, options, template overrides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from render_support import EXAMPLES, write_followup_repo, write_small_repo
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.render.writer import MANIFEST


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["render", *args])


def _break_link(root: Path) -> None:
    plan = root / "enheter" / "vas.yaml"
    text = plan.read_text("utf-8")
    plan.write_text(text.replace("bidrar_till: [UBN-E1]", "bidrar_till: [UBN-E9]", 1), "utf-8")


def test_renders_examples_and_leaves_other_files_alone(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    (out / "protokoll.docx").write_bytes(b"not ours")
    result = invoke(str(EXAMPLES), "--format", "html", "--out", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert "protokoll.docx" in names and "index.html" in names
    assert "verksamhetsplan-ubn.html" in names and len(names) == 18
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [MANIFEST]
    assert "maluppfyllelse-2027-helar.html" in names
    assert "maluppfyllelse-2027-helar-ubn.html" in names
    assert (out / "protokoll.docx").read_bytes() == b"not ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
    again = invoke(str(EXAMPLES), "--format", "html", "--out", str(out))
    assert "17 oförändrade" in again.output


def test_errors_stop_the_render(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    _break_link(root)
    out = tmp_path / "build"
    result = invoke(str(root), "--out", str(out))
    assert result.exit_code == 1
    assert "MS211" in result.output and "--force" in result.output
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_force_renders_with_a_warning_box(tmp_path: Path, fmt: str) -> None:
    root = write_small_repo(tmp_path / "plan")
    _break_link(root)
    out = tmp_path / "build"
    result = invoke(str(root), "--format", fmt, "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    for path in out.iterdir():
        if path.name == MANIFEST:
            continue
        text = path.read_text("utf-8")
        assert "Planen har fel som inte är rättade" in text, path.name
        assert "MS211" in text, path.name


def test_organisation_renders_one_namnd(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    out = tmp_path / "build"
    result = invoke(str(root), "--format", "md", "--out", str(out), "--organisation", "UBN")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "verksamhetsplan-ubn.md"]
    unit = invoke(str(root), "--out", str(out), "--organisation", "UF")
    assert unit.exit_code == 2 and "förvaltning" in unit.output
    assert invoke(str(root), "--out", str(out), "--organisation", "NOPE").exit_code == 2


def test_period_option(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    out = tmp_path / "build"
    result = invoke(str(root), "--out", str(out), "--period", "2030")
    assert result.exit_code == 0, result.output
    assert "Plandokument 2030" in (out / "index.html").read_text("utf-8")
    assert invoke(str(root), "--out", str(out), "--period", "nästa år").exit_code == 2


def test_templates_from_the_plan_repo_override_the_package(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    (root / "mallar" / "html").mkdir(parents=True)
    (root / "mallar" / "html" / "base.html.j2").write_text(
        '{% extends "standard/base.html.j2" %}'
        "{% block extra_style %}.kommunens-profil { color: #123456; }{% endblock %}", "utf-8")
    (root / "mallar" / "md").mkdir()
    (root / "mallar" / "md" / "index.md.j2").write_text("# Egen start för {{ site.kommun }}\n",
                                                       "utf-8")
    out = tmp_path / "build"
    assert invoke(str(root), "--out", str(out)).exit_code == 0
    assert ".kommunens-profil { color: #123456; }" in (out / "index.html").read_text("utf-8")
    assert invoke(str(root), "--format", "md", "--out", str(out)).exit_code == 0
    assert (out / "index.md").read_text("utf-8") == "# Egen start för Testby kommun\n"
    other = tmp_path / "profil"
    (other / "md").mkdir(parents=True)
    (other / "md" / "index.md.j2").write_text("# Profil\n", "utf-8")
    assert invoke(str(root), "-f", "md", "--out", str(out), "--mallar", str(other)).exit_code == 0
    assert (out / "index.md").read_text("utf-8") == "# Profil\n"


def test_template_folder_from_the_settings(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8")
                        + "utseende:\n  mallar: profil/mallar\n", "utf-8")
    out = tmp_path / "build"
    missing = invoke(str(root), "-f", "md", "--out", str(out))
    assert missing.exit_code == 2 and "profil/mallar" in missing.output
    (root / "profil" / "mallar" / "md").mkdir(parents=True)
    (root / "profil" / "mallar" / "md" / "index.md.j2").write_text("# Från profilen\n",
                                                                  "utf-8")
    assert invoke(str(root), "-f", "md", "--out", str(out)).exit_code == 0
    assert (out / "index.md").read_text("utf-8") == "# Från profilen\n"


def test_override_templates_are_sandboxed(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    (root / "mallar" / "md").mkdir(parents=True)
    (root / "mallar" / "md" / "index.md.j2").write_text(
        "{{ site.__class__.__init__.__globals__ }}\n", "utf-8")
    result = invoke(str(root), "-f", "md", "--out", str(tmp_path / "build"))
    assert result.exit_code != 0
    assert not (tmp_path / "build" / "index.md").exists()


def test_logo_and_colour_from_settings(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    (root / "bilder").mkdir()
    (root / "bilder" / "logga.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", "utf-8")
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") +
                        'utseende:\n  färg: "#7a1f5c"\n  logotyp: bilder/logga.svg\n', "utf-8")
    out = tmp_path / "build"
    result = invoke(str(root), "--out", str(out))
    assert result.exit_code == 0, result.output
    html = (out / "verksamhetsplan-ubn.html").read_text("utf-8")
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'alt="Logotyp: Testby kommun"' in html
    assert "--accent: #7a1f5c;" in html


def test_missing_logo_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    root = write_small_repo(tmp_path / "plan")
    settings = root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + "utseende:\n  logotyp: saknas.png\n",
                        "utf-8")
    result = invoke(str(root), "--out", str(tmp_path / "build"))
    assert result.exit_code == 0 and "saknas.png" in result.output


def test_cli_start_does_not_import_jinja2() -> None:
    code = "import sys, malstyrning.cli; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_uppfoljning_option_chooses_the_period(tmp_path: Path) -> None:
    root = write_followup_repo(tmp_path / "plan")
    out = tmp_path / "build"
    result = invoke(str(root), "--format", "md", "--out", str(out), "--uppfoljning", "2027-delår")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert [n for n in names if n.startswith("maluppfyllelse")] == [
        "maluppfyllelse-2027-delar-sbn.md", "maluppfyllelse-2027-delar-ubn.md",
        "maluppfyllelse-2027-delar.md"]
    assert "Bedömningarna är en prognos" in (out / "maluppfyllelse-2027-delar-ubn.md").read_text(
        "utf-8")
    assert "[Delårsrapport januari–augusti 2027](maluppfyllelse-2027-delar.md)" in (
        out / "index.md").read_text("utf-8")


def test_uppfoljning_defaults_to_the_latest_and_can_be_turned_off(tmp_path: Path) -> None:
    root = write_followup_repo(tmp_path / "plan")
    latest, off = tmp_path / "latest", tmp_path / "off"
    assert invoke(str(root), "--out", str(latest)).exit_code == 0
    assert (latest / "maluppfyllelse-2027-helar.html").is_file()
    assert not (latest / "maluppfyllelse-2027-delar.html").exists()
    assert invoke(str(root), "--out", str(off), "--uppfoljning", "ingen").exit_code == 0
    assert not [p for p in off.iterdir() if p.name.startswith("maluppfyllelse")]


def test_unknown_uppfoljning_is_a_usage_error(tmp_path: Path) -> None:
    root = write_followup_repo(tmp_path / "plan")
    out = tmp_path / "build"
    result = invoke(str(root), "--out", str(out), "--uppfoljning", "2027-T1")
    assert result.exit_code == 2
    assert "2027-delår, 2027-helår" in result.output
    assert not out.exists()
