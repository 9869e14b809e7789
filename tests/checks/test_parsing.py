"""MS001–MS010: files that cannot be read as a plan, found through the whole pipeline.

The reader's details (messages, limits, the fast and slow paths) are tested in
``tests/load/test_reader.py``; here each rule fails at its place in a real repository.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from malstyrning import limits
from tests.plans import (
    ENHET_PLAN,
    KF_PLAN,
    MINIMAL_REPO,
    Append,
    Patch,
    PlanRepo,
    RuleCase,
    Write,
    billion_laughs,
    check_rule_case,
)

_LARGEST = max(len(text.encode("utf-8")) for text in MINIMAL_REPO.values())


def _small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(limits.DEFAULTS, "max_filstorlek_byte", _LARGEST)



@dataclass(frozen=True)
class DanglingLink:
    """Replace a file by a symbolic link to a file that does not exist."""

    file: str

    def apply(self, repo: PlanRepo) -> None:
        path = repo.root / self.file
        path.unlink()
        path.symlink_to(repo.root / "finns-inte.yaml")


@dataclass(frozen=True)
class LinkOutside:
    """Add a symbolic link to a file outside the repository."""

    file: str

    def apply(self, repo: PlanRepo) -> None:
        outside = repo.root.parent / f"utanfor-{repo.root.name}.yaml"
        outside.write_text("typ: verksamhetsplan\nhemligt: ja\n", "utf-8")
        (repo.root / self.file).symlink_to(outside)


@dataclass(frozen=True)
class Fifo:
    """Add a named pipe with a YAML name."""

    file: str

    def apply(self, repo: PlanRepo) -> None:
        os.mkfifo(repo.root / self.file)


@dataclass(frozen=True)
class LinkUp:
    """Add a link from a folder back to the repository's root (a loop)."""

    file: str

    def apply(self, repo: PlanRepo) -> None:
        (repo.root / self.file).symlink_to(repo.root, target_is_directory=True)


@dataclass(frozen=True)
class Folder:
    """Add an (empty) folder."""

    name: str

    def apply(self, repo: PlanRepo) -> None:
        (repo.root / self.name).mkdir()


def _unreadable_privat(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if str(path).endswith("privat"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)



CASES = [
    RuleCase("MS001", "tab-indent",
             (Patch(ENHET_PLAN, "  - id: UF-VAS-A1", "\t- id: UF-VAS-A1"),),
             ENHET_PLAN, "\t- id", message="tabbtecken"),
    RuleCase("MS001", "colon-in-text",
             (Patch(ENHET_PLAN, "namn: Läsfrämjande insatser i åk 1–3", "namn: Mål: läsa mer"),),
             ENHET_PLAN, ": läsa", hint='"Mål: fler i arbete"'),
    RuleCase("MS002", "windows-1252",
             (Write(ENHET_PLAN, MINIMAL_REPO[ENHET_PLAN].encode("cp1252")),),
             ENHET_PLAN, (3, 4), message="Windows-1252"),
    RuleCase("MS002", "utf-16",
             (Write(ENHET_PLAN, MINIMAL_REPO[ENHET_PLAN].encode("utf-16")),),
             ENHET_PLAN, (1, 1), message="UTF-16"),
    RuleCase("MS003", "comment-only",
             (Write(ENHET_PLAN, "# Planen skrivs efter nämndens beslut.\n"),),
             ENHET_PLAN, (1, 1)),
    RuleCase("MS004", "two-documents",
             (Append(ENHET_PLAN, "---\ntyp: verksamhetsplan\norganisation: UF\n"),),
             ENHET_PLAN, "typ: verksamhetsplan", occurrence=2, message="2 YAML-dokument"),
    RuleCase("MS005", "duplicate-key",
             (Patch(ENHET_PLAN, "    ansvarig: Rektor\n",
                    "    ansvarig: Rektor\n    namn: Läsa mer\n"),),
             ENHET_PLAN, "namn:", occurrence=2, message="`namn`"),
    RuleCase("MS006", "too-large",
             (Append(ENHET_PLAN, "# " + "utfyllnad " * (_LARGEST // 10 + 1) + "\n"),),
             ENHET_PLAN, (1, 1), prepare=_small_limit),
    RuleCase("MS007", "too-deep",
             (Write(ENHET_PLAN, "djup: " + "[" * 1000 + "]" * 1000 + "\n"),),
             ENHET_PLAN, (1, 1)),
    RuleCase("MS008", "billion-laughs",
             (Write(ENHET_PLAN, billion_laughs()),),
             ENHET_PLAN, "*lol0"),
    RuleCase("MS009", "top-level-list",
             (Write(ENHET_PLAN, "- typ: verksamhetsplan\n  organisation: UF-VAS\n"),),
             ENHET_PLAN, (1, 1), message="en lista"),
    RuleCase("MS010", "unknown-kind",
             (Patch(ENHET_PLAN, "typ: verksamhetsplan", "typ: verksamhetsplanen"),),
             ENHET_PLAN, "verksamhetsplanen", hint="Menade du `verksamhetsplan`?"),
    RuleCase("MS010", "missing-kind",
             (Patch(ENHET_PLAN, "typ: verksamhetsplan\n", ""),),
             ENHET_PLAN, (1, 1), message="saknar nyckeln `typ`"),
    RuleCase("MS012", "bel-in-text",
             (Patch(ENHET_PLAN, "ansvarig: Rektor", "ansvarig: Rek\x07tor"),),
             ENHET_PLAN, "\x07", message="U+0007, BEL"),
    RuleCase("MS012", "nul-ends-no-value",
             (Patch(ENHET_PLAN, "ansvarig: Rektor", "ansvarig: Rek\x00tor"),),
             ENHET_PLAN, "\x00", message="U+0000, NUL"),
    RuleCase("MS013", "escaped-control-character",
             (Patch(ENHET_PLAN, "ansvarig: Rektor", 'ansvarig: "Rek\\x07tor"'),),
             ENHET_PLAN, '"Rek', message="(U+0007, BEL)"),
    RuleCase("MS013", "escape-in-key",
             (Patch(ENHET_PLAN, "ansvarig: Rektor", '"ansvarig\\e": Rektor'),),
             ENHET_PLAN, '"ansvarig', message="Nyckeln innehåller ett osynligt styrtecken"),
    RuleCase("MS011", "dangling-symlink", (DanglingLink(ENHET_PLAN),),  # type: ignore[arg-type]
             ENHET_PLAN, (1, 1), message="Filen kan inte läsas: filen finns inte"),
    RuleCase("MS020", "link-outside",
             (LinkOutside("utanfor.yaml"),), "utanfor.yaml", (1, 1), message="utanför"),
    RuleCase("MS021", "fifo", (Fifo("rör.yaml"),), "rör.yaml", (1, 1), message="FIFO"),
    RuleCase("MS022", "unreadable-folder", (Folder("privat"),), "privat", (1, 1),
             message="behörighet", prepare=_unreadable_privat),
    RuleCase("MS023", "link-loop", (LinkUp("enheter/igen"),), "enheter/igen", (1, 1),
             message="slinga"),
    RuleCase("MS024", "too-many-files",
             (Append("malstyrning.yaml", "gränser:\n  max_filer: 3\n"),), KF_PLAN, (1, 1),
             hint="max_filer"),
    RuleCase("MS026", "more-findings-than-the-cap",
             (Append("malstyrning.yaml", "gränser:\n  max_fynd_per_fil: 1\n"),
              Patch(ENHET_PLAN, "    ansvarig: Rektor\n", "    ansvarig: Rektor\n"
                    "    nyckel1: a\n    nyckel2: b\n    nyckel3: c\n")),
             ENHET_PLAN, "nyckel2",
             message="2 fynd till i filen visas inte (2 fel); gränsen är 1 fynd per fil.",
             hint="`gränser: {max_fynd_per_fil: …}`"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}-{c.id}")
def test_rule(case: RuleCase, plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    check_rule_case(case, plan_repo, monkeypatch)


def test_unreadable_file_is_left_out_of_the_model(plan_repo: PlanRepo) -> None:
    plan_repo.write(ENHET_PLAN, "# tom\n")
    result = plan_repo.run()
    assert "UF-VAS-A1" not in result.model.by_id
    # the activity is gone, so the effektmål it fed is now unimplemented
    assert [f.code for f in result.findings] == ["MS003", "MS302"]


def test_one_broken_file_does_not_hide_the_others(plan_repo: PlanRepo) -> None:
    plan_repo.write(ENHET_PLAN, "typ: verksamhetsplan\nnamn: [\n")
    plan_repo.patch("namnder/utbildningsnamnden-2027.yaml", "ram: 650000", "ram: 655000")
    codes = {(f.code, f.file) for f in plan_repo.run().findings}
    assert ("MS001", ENHET_PLAN) in codes
    assert ("MS501", "namnder/utbildningsnamnden-2027.yaml") in codes
