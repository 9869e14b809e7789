"""`malstyrning diff`: the model comparison (diff.py), its writers (diffout.py), and the
command on real git repositories (revisions read without a checkout)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from malstyrning.diff import ADDED, CHANGED, MOVED, REMOVED, ModelDiff, compare, field_changes
from malstyrning.diffout import markdown, text
from tests.plans import ENHET_PLAN, EXAMPLES, KF_PLAN, NAMND_PLAN, PlanRepo, write_repo
from tests.test_cli import cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _diff(tmp_path: Path, edit) -> ModelDiff:  # type: ignore[no-untyped-def]
    before = write_repo(tmp_path / "före")
    after = write_repo(tmp_path / "efter")
    edit(after)
    a, b = before.run(full=True), after.run(full=True)
    return compare(a.model, b.model, b.settings, ("före", "efter"))


def test_identical_models_have_no_changes(tmp_path: Path) -> None:
    diff = _diff(tmp_path, lambda repo: None)
    assert diff.empty and diff.items == () and diff.review == ()
    assert "Inga ändringar" in text(diff)


def test_a_changed_goal_lists_its_fields_and_what_builds_on_it(tmp_path: Path) -> None:
    def edit(repo: PlanRepo) -> None:
        repo.patch(NAMND_PLAN, "namn: Fler elever når kunskapskraven i grundskolan",
                   "namn: Fler elever når kunskapskraven")
        repo.patch(NAMND_PLAN, "period: 2027–2028", "period: 2027–2029")
        repo.patch(NAMND_PLAN, "{år: 2028, värde: 78}", "{år: 2028, värde: 80}")
        repo.patch(NAMND_PLAN, "baslinje: {år: 2025, värde: 72.1}",
                   "baslinje: {år: 2025, värde: 71.4}")

    diff = _diff(tmp_path, edit)
    goal = next(i for i in diff.items if i.id == "UBN-E1")
    assert goal.status == CHANGED and not goal.moved
    assert [(c.field, c.before, c.after) for c in goal.fields] == [
        ("namn", "Fler elever når kunskapskraven i grundskolan",
         "Fler elever når kunskapskraven"),
        ("period", "2027–2028", "2027–2029")]
    indicator = next(i for i in diff.items if i.id == "UBN-E1-I1")
    assert [(c.field, c.before, c.after, c.difference) for c in indicator.fields] == [
        ("baslinje.värde", 72.1, 71.4, -0.7), ("målvärden 2028", 78, 80, 2)]
    assert diff.name_of(goal.kind) == "effektmål"
    # the activity and the indicator build on the changed goal
    assert {(r.id, r.because) for r in diff.review} == {
        ("UF-VAS-A1", ("UBN-E1",)), ("UBN-E1-I1", ("UBN-E1",))}
    out = text(diff)
    assert "målvärden 2028: 78 → 80 (+2)" in out
    assert "baslinje.värde: 72,1 → 71,4 (−0,7)" in out
    assert "! aktivitet UF-VAS-A1" in out and "bygger på UBN-E1" in out


def test_added_removed_and_moved_items(tmp_path: Path) -> None:
    def edit(repo: PlanRepo) -> None:
        repo.append(ENHET_PLAN, """\
              - id: UF-VAS-A2
                namn: Läsombud i varje klass
                bidrar_till: [UBN-E1]
                ansvarig: Rektor
                start: 2027-01-15
                slut: 2027-12-31
                status: ej påbörjad
            """, indent=2)
        repo.patch(KF_PLAN, "finansiella_mål:\n  - id: F1\n"
                   "    namn: Resultatet ska vara minst 2 % av skatteintäkterna\n", "")
        text_ = repo.text(ENHET_PLAN)
        repo.remove(ENHET_PLAN)
        repo.write("enheter/vreta-2027.yaml", text_, dedent=False)

    diff = _diff(tmp_path, edit)
    assert [i.id for i in diff.of_status(ADDED)] == ["UF-VAS-A2"]
    assert [i.id for i in diff.of_status(REMOVED)] == ["F1"]
    (moved,) = diff.of_status(MOVED)
    assert (moved.id, moved.file_before, moved.file_after) == (
        "UF-VAS-A1", ENHET_PLAN, "enheter/vreta-2027.yaml")
    assert diff.of_status(CHANGED) == []
    out = text(diff)
    assert "+ aktivitet UF-VAS-A2" in out and "- finansiellt mål F1" in out
    assert f"→ aktivitet UF-VAS-A1 ”Läsfrämjande insatser i åk 1–3” ({ENHET_PLAN} → " in out


def test_frames_in_tkr_with_the_difference(tmp_path: Path) -> None:
    def edit(repo: PlanRepo) -> None:
        repo.patch(KF_PLAN, "belopp: 650000", "belopp: 662500")
        repo.patch(NAMND_PLAN, "ram: 650000", "ram: 662500")

    diff = _diff(tmp_path, edit)
    assert [(f.org, f.source, f.before, f.after, f.difference) for f in diff.frames] == [
        ("UBN", "ram", 650000, 662500, 12500), ("UBN", "ramar", 650000, 662500, 12500)]
    assert "UBN (beslutad ram): 650 000 tkr → 662 500 tkr (+12 500 tkr)" in text(
        diff).replace("\u202f", " ")
    md = markdown(diff).replace("\u202f", " ")
    assert "| UBN | beslutad ram | 650 000 | 662 500 | +12 500 |" in md


def test_field_changes_of_lists_and_missing_fields() -> None:
    changes = field_changes({"bidrar_till": ["I1"], "målgrupp": "Elever"},
                            {"bidrar_till": ["I1", "I2"], "beskrivning": "Ny"})
    assert [(c.field, c.before, c.after) for c in changes] == [
        ("bidrar_till", ["I1"], ["I1", "I2"]), ("beskrivning", None, "Ny"),
        ("målgrupp", "Elever", None)]


# --- the command, on git repositories -------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Planerare", "-c", "user.email=p@example.se",
                    *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The examples in planer/ of a git repository, tagged beslutad-2027."""
    plans = tmp_path / "kommun" / "planer"
    shutil.copytree(EXAMPLES, plans, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    _git(plans.parent, "init", "-q")
    _git(plans.parent, "add", "-A")
    _git(plans.parent, "commit", "-qm", "Beslutad plan")
    _git(plans.parent, "tag", "beslutad-2027")
    return plans


def _edit(path: Path, old: str, new: str) -> None:
    text_ = path.read_text("utf-8")
    assert old in text_
    path.write_text(text_.replace(old, new, 1), "utf-8")


UBN = "namnder/utbildningsnamnden-2027.yaml"


def test_diff_defaults_to_the_last_tag_against_the_working_tree(history: Path) -> None:
    _edit(history / UBN, "namn: Eleverna känner sig trygga i skolan",
          "namn: Eleverna känner sig trygga i skolan och på fritids")
    head_before = subprocess.run(["git", "rev-parse", "HEAD"], cwd=history, text=True,
                                 capture_output=True, check=True).stdout
    done = cli("diff", "-f", "json", cwd=history)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["från"], report["till"]) == ("beslutad-2027", "arbetskopian")
    (item,) = report["poster"]
    assert item["id"] == "UBN-E4" and item["fält"][0]["fält"] == "namn"
    assert {r["id"] for r in report["att_granska"]} >= {"UF-A3", "UF-VAS-A2", "UBN-E4-I1"}
    # nothing was checked out or changed in git
    assert subprocess.run(["git", "rev-parse", "HEAD"], cwd=history, text=True,
                          capture_output=True, check=True).stdout == head_before
    assert "och på fritids" in (history / UBN).read_text("utf-8")


def test_diff_between_two_revisions_from_the_repository_top(history: Path) -> None:
    _edit(history / UBN, "ram: 548900", "ram: 550000")
    _git(history.parent, "commit", "-qam", "Ny ram")
    (history / UBN).write_text("typ: verksamhetsplan\n", "utf-8")  # not committed
    done = cli("diff", "beslutad-2027", "HEAD", "-C", "planer", cwd=history.parent)
    assert done.returncode == 0, done.stderr
    assert "UBN (ram i planen): 548 900 tkr → 550 000 tkr (+1 100 tkr)" in done.stdout.replace(
        "\u202f", " ")
    assert "Borttaget" not in done.stdout, "the working tree is not read"
    md = cli("diff", "beslutad-2027", "HEAD", "-f", "md", cwd=history)
    assert md.stdout.startswith("# Ändringar från beslutad-2027 till HEAD")


def test_a_revision_with_errors_is_compared_with_a_note(history: Path) -> None:
    _edit(history / "enheter/vretaskolan-2027.yaml", "bidrar_till: [UBN-E4]",
          "bidrar_till: [UBN-E9]")
    done = cli("diff", cwd=history)
    assert done.returncode == 0
    assert "arbetskopian har 1 fel" in done.stderr
    assert "bidrar_till: [”UBN-E4”] → [”UBN-E9”]" in done.stdout


def test_unusable_versions_exit_2_with_a_clear_message(history: Path, tmp_path: Path) -> None:
    unknown = cli("diff", "beslutad-2099", cwd=history)
    assert unknown.returncode == 2 and "revisionen `beslutad-2099` finns inte" in unknown.stderr
    (history / "malstyrning.yaml").write_text("typ: inställningar\nperiod: [\n", "utf-8")
    _git(history.parent, "commit", "-qam", "Trasig")
    broken = cli("diff", "beslutad-2027", "HEAD", cwd=history)
    assert broken.returncode == 2
    assert "malstyrning.yaml i HEAD går inte att använda" in broken.stderr
    assert broken.stdout == ""
    outside = tmp_path / "utanför"
    outside.mkdir()
    (outside / "plan.yaml").write_text("typ: verksamhetsplan\n", "utf-8")
    no_git = cli("diff", "HEAD", cwd=outside, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert no_git.returncode == 2 and "ligger inte i ett git-repo" in no_git.stderr


def test_without_tags_diff_asks_for_a_version(history: Path) -> None:
    _git(history.parent, "tag", "-d", "beslutad-2027")
    done = cli("diff", cwd=history)
    assert done.returncode == 2
    assert "inga taggar" in done.stderr and "malstyrning diff HEAD" in done.stderr
    assert cli("diff", "HEAD", cwd=history).returncode == 0


def test_output_is_deterministic(history: Path) -> None:
    _edit(history / UBN, "ram: 548900", "ram: 550000")
    runs = {cli("diff", "-f", fmt, cwd=history).stdout for fmt in ("md", "md")}
    assert len(runs) == 1


def test_the_organisation_register_and_the_frames_total(tmp_path: Path) -> None:
    def edit(repo: PlanRepo) -> None:
        repo.patch("organisation.yaml", "namn: Vretaskolan", "namn: Vretaskolan F–9")
        repo.patch(KF_PLAN, "total: 650000", "total: 651000")

    diff = _diff(tmp_path, edit)
    (unit,) = [i for i in diff.items if i.kind == "organisation"]
    assert (unit.id, [(c.field, c.before, c.after) for c in unit.fields]) == (
        "UF-VAS", [("namn", "Vretaskolan", "Vretaskolan F–9")])
    assert [(f.org, f.source, f.difference) for f in diff.frames] == [("KF", "total", 1000)]
    assert "KF (ramarna totalt)" in text(diff)
