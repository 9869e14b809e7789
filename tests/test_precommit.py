"""The pre-commit hook, run by the real pre-commit in a temporary git repository.

The hook is the one in ``.pre-commit-hooks.yaml``, declared as a ``repo: local`` hook
with the same fields, except that it runs this test's own malstyrning (``language:
unsupported``), so no environment is built and no network is needed. The plans lie in
a subfolder, beside YAML that is not plan data (a GitHub workflow, pre-commit's own
configuration, a compose file), as in a kommun's repository.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.plans import EXAMPLES, REPO_ROOT
from tests.test_cli import COMMAND

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NAMND = "planer/namnder/utbildningsnamnden-2027.yaml"
VRETA = "planer/enheter/vretaskolan-2027.yaml"


def _pre_commit() -> list[str]:
    import sys

    beside = Path(sys.executable).with_name("pre-commit")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "pre_commit"]


def _hook_definition() -> dict[str, object]:
    hooks = YAML(typ="safe").load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "malstyrning-validate"]
    return dict(hook)


def _local_config() -> str:
    hook = _hook_definition()
    entry = str(hook["entry"])
    assert entry.startswith("malstyrning "), entry
    hook["entry"] = shlex.join(COMMAND) + entry[len("malstyrning"):]
    hook["language"] = "unsupported"
    hook.pop("minimum_pre_commit_version", None)
    lines = ["repos:", "  - repo: local", "    hooks:"]
    first = True
    for key, value in hook.items():
        shown = ("[" + ", ".join(str(v) for v in value) + "]" if isinstance(value, list)
                 else str(value).lower() if isinstance(value, bool) else repr(str(value)))
        lines.append(("      - " if first else "        ") + f"{key}: {shown}")
        first = False
    return "\n".join(lines) + "\n"


class Repo:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path = path
        self.env = env

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(list(args), cwd=self.path, env=self.env, capture_output=True,
                              text=True, encoding="utf-8", timeout=300, check=False)
        assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return self.run("git", *args, check=check)

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        """``git commit`` through the installed hook; the result tells whether it landed."""
        return self.git("commit", "-m", message, check=False)

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.path / rel
        text = path.read_text("utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    path = tmp_path / "kommun"
    shutil.copytree(EXAMPLES, path / "planer",
                    ignore=shutil.ignore_patterns(".malstyrning_cache"))
    (path / ".github" / "workflows").mkdir(parents=True)
    (path / ".github" / "workflows" / "ci.yml").write_text(
        "name: ci\non: [push]\njobs: {}\n", "utf-8")
    (path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", "utf-8")
    (path / ".pre-commit-config.yaml").write_text(_local_config(), "utf-8")
    (path / ".gitignore").write_text(".malstyrning_cache/\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
                "GIT_AUTHOR_NAME": "Planerare", "GIT_AUTHOR_EMAIL": "planerare@example.se",
                "GIT_COMMITTER_NAME": "Planerare",
                "GIT_COMMITTER_EMAIL": "planerare@example.se",
                "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
                "PYTHONIOENCODING": "utf-8"})
    env.pop("GITHUB_ACTIONS", None)
    r = Repo(path, env)
    r.git("init", "-q", "-b", "main")
    r.run(*_pre_commit(), "install")
    r.git("add", "-A")
    first = r.commit("Planerna som fullmäktige beslutade")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "malstyrning validate" in first.stdout + first.stderr
    assert "Passed" in first.stdout + first.stderr
    return r


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def test_the_hook_definition_checks_the_whole_index() -> None:
    hook = _hook_definition()
    assert "--staged" in str(hook["entry"]).split()
    assert hook["pass_filenames"] is False
    assert hook["always_run"] is True
    assert hook["language"] == "python"


def test_renaming_a_goal_fails_the_commit_with_the_findings_in_other_files(
        repo: Repo) -> None:
    repo.edit(NAMND, "id: UBN-E4\n", "id: UBN-E44\n")
    repo.git("add", NAMND)
    done = repo.commit("Nytt id")
    out = _output(done)
    assert done.returncode != 0, out
    assert "Failed" in out
    # the broken links are in files the commit does not touch
    assert "vretaskolan-2027.yaml" in out and "[MS211]" in out
    assert "utbildningsforvaltningen-2027.yaml" in out
    assert repo.git("rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_deleting_a_plan_fails_the_commit(repo: Repo) -> None:
    repo.git("rm", "-q", NAMND)
    done = repo.commit("Ta bort nämndens plan")
    out = _output(done)
    assert done.returncode != 0, out
    assert "Skipped" not in out
    assert "[MS211]" in out and "vretaskolan-2027.yaml" in out


@pytest.mark.parametrize("target", [
    "arkiv/utbildningsnamnden-2027.yaml",  # out of the plan repository
    "planer/namnder/utbildningsnamnden-2027.yaml.bak",  # no longer a YAML file
    "planer/.gammalt/utbildningsnamnden-2027.yaml",  # into a hidden folder
])
def test_renaming_a_plan_away_from_the_plans_fails_the_commit(repo: Repo, target: str) -> None:
    (repo.path / target).parent.mkdir(parents=True, exist_ok=True)
    repo.git("mv", NAMND, target)
    done = repo.commit("Arkivera")
    assert done.returncode != 0, _output(done)
    assert "[MS211]" in _output(done) and "vretaskolan-2027.yaml" in _output(done)


def test_renaming_a_plan_inside_the_repository_passes(repo: Repo) -> None:
    repo.git("mv", NAMND, "planer/namnder/ubn-2027.yaml")
    done = repo.commit("Kortare filnamn")
    assert done.returncode == 0, _output(done)


def test_an_unstaged_fix_does_not_fool_the_hook(repo: Repo) -> None:
    repo.edit(NAMND, "id: UBN-E4\n", "id: UBN-E44\n")
    repo.git("add", NAMND)
    repo.edit(NAMND, "id: UBN-E44\n", "id: UBN-E4\n")  # right in the work tree only
    done = repo.commit("Nytt id")
    assert done.returncode != 0, _output(done)
    assert "[MS211]" in _output(done)
    assert "id: UBN-E4\n" in (repo.path / NAMND).read_text("utf-8"), "work tree restored"


def test_an_untracked_draft_is_not_part_of_the_commit(repo: Repo) -> None:
    draft = repo.path / "planer" / "enheter" / "utkast.yaml"
    draft.write_text((repo.path / VRETA).read_text("utf-8").replace(
        "bidrar_till: [UBN-E4]", "bidrar_till: [UBN-E9]"), "utf-8")
    plain = subprocess.run([*COMMAND, "validate", "--no-cache", "planer"], cwd=repo.path,
                           env=repo.env, capture_output=True, text=True, check=False)
    assert plain.returncode == 1, "the work tree, draft included, has errors"
    with open(repo.path / "planer" / "malstyrning.yaml", "a", encoding="utf-8") as handle:
        handle.write("# kommentar\n")
    repo.git("add", "planer/malstyrning.yaml")
    done = repo.commit("Kommentar")
    assert done.returncode == 0, _output(done)


def test_a_commit_that_touches_no_yaml_is_still_checked(repo: Repo) -> None:
    repo.edit(VRETA, "bidrar_till: [UBN-E4]", "bidrar_till: [UBN-E9]")
    repo.git("add", VRETA)
    repo.git("commit", "-q", "--no-verify", "-m", "Förbi kroken")
    (repo.path / "LÄSMIG.md").write_text("Planerna\n", "utf-8")
    repo.git("add", "LÄSMIG.md")
    done = repo.commit("Läsmig")
    assert done.returncode != 0, _output(done)
    assert "[MS211]" in _output(done)


@pytest.mark.parametrize("how", ["-a", "path"])
def test_commit_all_and_commit_of_a_path_are_checked_too(repo: Repo, how: str) -> None:
    """`git commit -a` and `git commit FILE` build a temporary index (GIT_INDEX_FILE); the
    hook reads that one."""
    repo.edit(NAMND, "id: UBN-E4\n", "id: UBN-E44\n")
    args = ["-a"] if how == "-a" else ["--", NAMND]
    done = repo.git("commit", "-m", "Nytt id", *args, check=False)
    assert done.returncode != 0, _output(done)
    assert "[MS211]" in _output(done)
