"""Every shape speaks its own words: no word of the default (Heby) model appears in
what validate, tree and rules say about a repository whose model does not use it.

Each example repository is copied and broken in the same generic ways (links to ids
that do not exist, misspelt keys, wrong values, a frame that does not add up, missing
targets and assessments), so that most rules speak; their messages, hints, the tree
and every rule explanation are then searched for the default model's level and
organisation names in all their forms.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malstyrning.checks import all_rules
from malstyrning.cli import app
from malstyrning.config import Level, OrgLevel, SteeringModel, steering_model
from malstyrning.load.reader import read
from malstyrning.pipeline import load_settings
from tests.plans import EXAMPLES, SHAPES

OTHER_SHAPES = {name: root for name, root in SHAPES.items() if root != EXAMPLES}

# Generic ways to break any plan repository: (old, new) in every file where old occurs.
BREAKAGES = [
    ("bidrar_till: [", "bidrar_till: [SAKNAS-"),
    ("målgrupp:", "målgrup:"),
    ("status: pågående", "status: pågår"),
    ("riktning: högre", "riktning: uppåt"),
    ("    målvärden:\n", "    årsmål:\n"),
    ("bedömningar:", "bedömningarr:"),
    ("  total: ", "  total: 1"),
    ("ram: ", "ram: 9"),
]


def _forms(named: Level | OrgLevel) -> set[str]:
    noun = named.noun
    return {noun.lower, noun.lower_plural, noun.definite, noun.definite_pl, noun.genitive,
            noun.indefinite_genitive.split()[-1]}


def _words(model: SteeringModel) -> set[str]:
    words: set[str] = set()
    for level in model.chain.levels:
        words |= _forms(level) | {level.kind, level.key}
    for org in model.organisation.levels:
        words |= _forms(org) | {org.kind}
    words.add(model.parts["ramar"].list_key)  # a file key: `ramar.nämnder`
    return {w.lower() for w in words}


# "enhet" is also an indicator's unit (`enhet: "%"`), a file key in every model.
FILE_KEYS = {"enhet"}


def foreign_words(text: str, model: SteeringModel) -> set[str]:
    """Words of the default model that ``model`` does not use, found in ``text``."""
    foreign = _words(steering_model(None)) - _words(model) - FILE_KEYS
    found = set()
    for word in foreign:
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE):
            found.add(word)
    return found


def test_the_search_sees_foreign_words() -> None:
    region = load_settings(SHAPES["region"]).steering
    assert foreign_words("Effektmålet UBN-E1 bidrar till inriktningen.", region) == {
        "effektmålet", "inriktningen"}
    assert foreign_words("Kommunfullmäktiges plan", region) == {"kommunfullmäktiges"}
    storstad = load_settings(SHAPES["storstad"]).steering
    assert foreign_words("Inriktningsmålet IM1 i en stadsdelsnämnds plan", storstad) == set()
    assert foreign_words('enhet: "%"', load_settings(SHAPES["liten-kommun"]).steering) == set()


def _broken_copy(root: Path, tmp_path: Path) -> Path:
    target = tmp_path / root.name
    shutil.copytree(root, target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    for path in sorted(target.rglob("*.yaml")):
        if path.name == "malstyrning.yaml":
            continue
        text = path.read_text("utf-8")
        for old, new in BREAKAGES:
            text = text.replace(old, new)
        path.write_text(text, "utf-8")
    return target


_SOURCE_LINE = re.compile(r"^\s*\d+ \|.*$", re.MULTILINE)


def tool_words(text: str, user_texts: list[str]) -> str:
    """``text`` without what the planners wrote: quoted source lines and item names."""
    text = _SOURCE_LINE.sub("", text)
    for written in user_texts:
        text = text.replace(written, "")
    return text


def written_texts(root: Path) -> list[str]:
    """Every text the planners wrote in the repository (names, descriptions, comments,
    analyses), line by line and longest first, so that documents and messages can be
    searched for the tool's own words only."""
    out: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.update(line.strip() for line in value.splitlines() if len(line.strip()) > 3)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted(root.rglob("*.yaml")):
        walk(read(path.name, path.read_bytes()).data)
    return sorted(out, key=len, reverse=True)


def _say(*args: str) -> str:
    done = CliRunner().invoke(app, list(args))
    assert done.exception is None or isinstance(done.exception, SystemExit), done.output
    return done.output


@pytest.mark.parametrize("root", list(OTHER_SHAPES.values()), ids=list(OTHER_SHAPES))
def test_no_default_word_where_the_model_does_not_use_it(root: Path, tmp_path: Path) -> None:
    broken = _broken_copy(root, tmp_path)
    model = load_settings(broken).steering
    report = _say("validate", "--no-cache", "--color", "never", str(broken))
    codes = set(re.findall(r"\[(MS\d{3})\]", report))
    assert {"MS101", "MS104", "MS211", "MS502"} <= codes, report
    outputs = {
        "validate": report,
        "tree": _say("tree", "--no-cache", str(broken)),
        "rules": _say("rules", str(broken)),
    }
    for rule in all_rules():
        outputs[f"rules {rule.code}"] = _say("rules", rule.code, str(broken))
    user_texts = written_texts(broken)
    found = {what: sorted(foreign_words(tool_words(text, user_texts), model))
             for what, text in outputs.items()}
    assert {what: words for what, words in found.items() if words} == {}
