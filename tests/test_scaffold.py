"""`malstyrning init`: a new plan repository from each example shape that validates
with no findings, never overwriting a file, asking only in a terminal."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from malstyrning import __version__, cli, schemagen
from malstyrning.checks.schema import load_schema
from malstyrning.config import defaults
from malstyrning.pipeline import load_settings, run
from malstyrning.scaffold import SHAPES

URL = "https://git.example.org/malstyrning.git"


def _init(*args: str, input: str | None = None) -> tuple[int, str]:
    done = CliRunner().invoke(cli.app, ["init", *args], input=input)
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    return done.exit_code, done.output


@pytest.mark.parametrize("shape", list(SHAPES))
def test_each_shape_gives_a_valid_repository(shape: str, tmp_path: Path) -> None:
    target = tmp_path / "planer"
    code, out = _init(str(target), "--modell", shape, "--kommun", "Testby kommun",
                      "--kommunkod", "1234")
    assert code == 0, out
    result = run(target, use_cache=False, jobs=1)
    assert result.findings == []
    assert result.settings.kommun == "Testby kommun"
    assert result.settings.kommunkod == "1234"
    model = load_settings(target).steering
    for kind in defaults()["dokumenttyper"]:
        written = (target / "scheman" / schemagen.file_name(kind)).read_text("utf-8")
        assert written == schemagen.schema_text(load_schema(kind, model) or {})
    for path in sorted(target.rglob("*.yaml")):
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().parent == (target / "scheman").resolve()
    settings_text = (target / "malstyrning.yaml").read_text("utf-8")
    assert "påhittade" in settings_text and "Heby kommuns planrepo" not in settings_text
    vscode = json.loads((target / ".vscode" / "settings.json").read_text("utf-8"))
    assert all((target / p).is_file() for p in vscode["yaml.schemas"])
    assert not (target / ".gitlab-ci.yml").exists(), "CI files need --malstyrning-url"


def test_the_chosen_model_is_the_examples(tmp_path: Path) -> None:
    _init(str(tmp_path / "r"), "--modell", "region", "--kommun", "Region X",
          "--kommunkod", "0003")
    chain = load_settings(tmp_path / "r").chain
    assert [lv.key for lv in chain.levels] == ["vision", "strategiska_mål", "nämndmål",
                                               "aktiviteter"]


def test_never_overwrites_and_adds_what_is_missing(tmp_path: Path) -> None:
    target = tmp_path / "planer"
    _init(str(target), "--modell", "liten-kommun", "--kommun", "A kommun",
          "--kommunkod", "1234")
    (target / "README.md").write_text("Vår egen README\n", "utf-8")
    plan = target / "namnder" / "socialnamnden-2027.yaml"
    plan.write_text(plan.read_text("utf-8").replace("Fast kontaktperson", "Egen text"),
                    "utf-8")
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    code, out = _init(str(target), "--modell", "heby", "--kommun", "B kommun",
                      "--kommunkod", "4321", "--malstyrning-url", URL)
    assert code == 0, out
    assert "fanns redan och lämnades orörda" in out
    for path, raw in before.items():
        assert path.read_bytes() == raw, path
    assert not (target / "enheter").exists(), "no plans of another model in a repository"
    added = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()
             } - {p.relative_to(target).as_posix() for p in before}
    assert added == {".pre-commit-config.yaml", ".github/workflows/malstyrning.yml",
                     ".gitlab-ci.yml"}
    yaml = YAML(typ="safe")
    hooks = yaml.load(StringIO((target / ".pre-commit-config.yaml").read_text("utf-8")))
    assert hooks["repos"][0] == {"repo": URL, "rev": f"v{__version__}",
                                 "hooks": [{"id": "malstyrning-validate"}]}
    for name in (".github/workflows/malstyrning.yml", ".gitlab-ci.yml"):
        text = (target / name).read_text("utf-8")
        yaml.load(StringIO(text))
        assert f'pip install "git+{URL}@v{__version__}"' in text
        assert "- run: malstyrning validate\n" in text or "- malstyrning validate\n" in text


@pytest.mark.parametrize("args,message", [
    (("--kommun", "A kommun"), "ange --kommunkod (frågor ställs bara i en terminal)"),
    (("--kommunkod", "1234"), "ange --kommun"),
    (("--kommun", "A kommun", "--kommunkod", "123"), "Kommunkoden `123` ska vara fyra"),
    (("--kommun", " ", "--kommunkod", "1234"), "namn saknas"),
])
def test_without_a_terminal_it_asks_nothing(args: tuple[str, ...], message: str,
                                            tmp_path: Path) -> None:
    code, out = _init(str(tmp_path / "planer"), *args)
    assert code == 2
    assert message in out
    assert not (tmp_path / "planer").exists()


def test_refuses_a_folder_with_other_yaml(tmp_path: Path) -> None:
    (tmp_path / "ci.yaml").write_text("a: 1\n", "utf-8")
    code, out = _init(str(tmp_path), "--kommun", "A kommun", "--kommunkod", "1234")
    assert code == 2
    assert "har redan YAML-filer (ci.yaml)" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ci.yaml"]


def test_in_a_terminal_it_asks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    code, out = _init(str(tmp_path / "planer"), input="region\nRegion Uppsala\n0003\n")
    assert code == 0, out
    assert "Styrmodell" in out and "Kommunkod" in out
    settings = load_settings(tmp_path / "planer")
    assert (settings.kommun, settings.kommunkod) == ("Region Uppsala", "0003")
    assert settings.organisation.top.kind == "regionfullmäktige"
