"""Which folder validate checks: the default model note, the refusal of folders that are
clearly not plan repositories, and file arguments beside YAML that is not plan data."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from malstyrning.planroot import PROBE_FILES, is_plan_document, not_a_plan_repository
from tests.plans import EXAMPLES
from tests.test_cli import cli

UNRELATED = "services:\n  web:\n    image: nginx\n"


@pytest.fixture
def without_settings(tmp_path: Path) -> Path:
    """The examples without malstyrning.yaml (Heby's model is the default one)."""
    target = tmp_path / "planer"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    (target / "malstyrning.yaml").unlink()
    return target


@pytest.mark.parametrize("text", [
    "typ: verksamhetsplan\n", "# yaml-language-server: $schema=x\ntyp: uppföljning\n",
    'namn: x\ntyp: "organisation"  # registret\n', "typ: 'inställningar'\r\n"])
def test_plan_documents_are_recognised(text: str) -> None:
    assert is_plan_document(text.encode())


@pytest.mark.parametrize("text", [
    UNRELATED, "  typ: verksamhetsplan\n", "typ: verksamhetsplaner\n", "typ: workflow\n",
    "beskrivning: typ: verksamhetsplan\n"])
def test_other_yaml_is_not_a_plan_document(text: str) -> None:
    assert not is_plan_document(text.encode())


def test_without_settings_validate_says_which_model_and_folder(without_settings: Path,
                                                               ) -> None:
    done = cli("validate", "-f", "json", str(without_settings), cwd=without_settings.parent)
    assert done.returncode in (0, 1), done.stderr
    note = [line for line in done.stderr.splitlines() if "standardmodellen" in line]
    assert len(note) == 1, done.stderr
    assert str(without_settings) in note[0] and "info" in note[0]
    report = json.loads(done.stdout)
    assert not any("standardmodellen" in f["meddelande"] for f in report["fynd"])
    forced = cli("validate", "-f", "json", "--force", str(without_settings),
                 cwd=without_settings.parent)
    assert forced.returncode == done.returncode
    assert json.loads(forced.stdout)["fynd"] == report["fynd"]
    quiet = cli("validate", "-q", str(without_settings), cwd=without_settings.parent)
    assert "standardmodellen" not in quiet.stderr
    assert quiet.returncode == done.returncode


def test_a_repository_with_settings_gets_no_note(examples_copy: Path) -> None:
    done = cli("validate", str(examples_copy), cwd=examples_copy.parent)
    assert done.returncode == 0
    assert done.stderr == ""


def test_a_folder_of_unrelated_yaml_is_refused_unless_forced(tmp_path: Path) -> None:
    for name in ("docker-compose.yml", "mkdocs.yml", "ci/pipeline.yaml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(UNRELATED, "utf-8")
    done = cli("validate", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "ser inte ut som ett planrepo" in done.stderr and "--force" in done.stderr
    assert "de 3 YAML-filerna" in done.stderr
    assert done.stdout == ""
    forced = cli("validate", "--force", "-f", "concise", str(tmp_path), cwd=tmp_path)
    assert forced.returncode == 1, forced.stderr
    assert "docker-compose.yml" in forced.stdout


def test_only_the_first_yaml_files_are_probed(tmp_path: Path) -> None:
    for i in range(PROBE_FILES + 5):
        (tmp_path / f"a{i:03}.yaml").write_text(UNRELATED, "utf-8")
    (tmp_path / "z-plan.yaml").write_text("typ: verksamhetsplan\n", "utf-8")
    reason = not_a_plan_repository(tmp_path)
    assert reason is not None and f"de första {PROBE_FILES}" in reason
    (tmp_path / "a000.yaml").write_text("typ: verksamhetsplan\n", "utf-8")
    assert not_a_plan_repository(tmp_path) is None


def test_a_plan_file_deep_down_is_found_breadth_first(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "plan.yaml").write_text("typ: organisation\n", "utf-8")
    (tmp_path / "z.yml").write_text(UNRELATED, "utf-8")
    assert not_a_plan_repository(tmp_path) is None


def test_the_home_folder_and_the_filesystem_root_are_refused(tmp_path: Path,
                                                             without_settings: Path) -> None:
    home = without_settings  # plan files, but it is the home folder
    done = cli("validate", ".", cwd=home, env={"HOME": str(home)})
    assert done.returncode == 2
    assert "hemmapp" in done.stderr
    assert cli("validate", "--force", ".", cwd=home, env={"HOME": str(home)}
               ).returncode in (0, 1)
    root = cli("validate", "/", cwd=tmp_path)
    assert root.returncode == 2
    assert "roten i filsystemet" in root.stderr


def test_a_folder_without_yaml_says_so(tmp_path: Path) -> None:
    done = cli("validate", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert "inga planfiler" in done.stderr


@pytest.mark.parametrize("order", [0, 1])
def test_file_arguments_beside_other_yaml_pick_the_plan_repository(tmp_path: Path,
                                                                   order: int) -> None:
    plans = tmp_path / "planer"
    shutil.copytree(EXAMPLES, plans, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", "utf-8")
    vreta = "planer/enheter/vretaskolan-2027.yaml"
    text = (tmp_path / vreta).read_text("utf-8")
    (tmp_path / vreta).write_text(text.replace("bidrar_till: [UBN-E4]",
                                               "bidrar_till: [UBN-E9]"), "utf-8")
    args = [".pre-commit-config.yaml", vreta][::1 if order == 0 else -1]
    done = cli("validate", "-f", "concise", *args, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "[MS211]" in done.stdout
    assert "utanför" not in done.stderr


def test_a_plan_file_outside_the_repository_is_named(tmp_path: Path) -> None:
    plans = tmp_path / "planer"
    shutil.copytree(EXAMPLES, plans, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    (tmp_path / "gammal.yaml").write_text("typ: verksamhetsplan\n", "utf-8")
    done = cli("validate", "planer/organisation.yaml", "gammal.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
    assert "gammal.yaml ligger utanför planrepot" in done.stderr


def test_staged_outside_git_exits_2(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "plan.yaml").write_text("typ: verksamhetsplan\n", "utf-8")
    done = cli("validate", "--staged", str(tmp_path), cwd=tmp_path,
               env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert done.returncode == 2
    assert "ligger inte i ett git-repo" in done.stderr


def test_staged_with_two_plan_repositories_asks_which(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name in ("a", "b"):
        shutil.copytree(EXAMPLES, tmp_path / name,
                        ignore=shutil.ignore_patterns(".malstyrning_cache"))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    done = cli("validate", "--staged", cwd=tmp_path)
    assert done.returncode == 2
    assert "flera planrepon" in done.stderr and "args: [a]" in done.stderr
    chosen = cli("validate", "--staged", "b", cwd=tmp_path)
    assert chosen.returncode == 0, chosen.stdout + chosen.stderr
