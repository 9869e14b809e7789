"""A minimal, valid plan repository written from YAML text, and helpers to break it.

:data:`MINIMAL_REPO` is the smallest repository with the whole chain: settings, an
organisation register (KF, one nämnd, one förvaltning, one enhet), KF's plan (vision,
one inriktning, a financial goal, frames that add up), the nämnd's plan (ram, one
effektmål with one indicator) and the enhet's plan (one activity). It has no findings.

A test breaks one file with ``repo.write(...)``, ``repo.patch(...)`` or
``repo.append(...)`` and asks ``repo.run()`` for the findings. ``repo.where(file,
needle)`` gives the line and column a finding should point at, so expectations follow
the fixture text instead of hard-coded numbers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from malstyrning.findings import Finding
from malstyrning.pipeline import RunResult, run

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples" / "plans"
# Every example plan repository, one per shape of steering model; Heby's is the default.
SHAPES: dict[str, Path] = {
    "heby": EXAMPLES,
    "storstad": REPO_ROOT / "examples" / "storstad",
    "liten-kommun": REPO_ROOT / "examples" / "liten-kommun",
    "region": REPO_ROOT / "examples" / "region",
}
SCHEMAS = REPO_ROOT / "schemas"

SETTINGS = "malstyrning.yaml"
ORGANISATION = "organisation.yaml"
KF_PLAN = "kommunfullmaktige/verksamhetsplan-2027.yaml"
NAMND_PLAN = "namnder/utbildningsnamnden-2027.yaml"
ENHET_PLAN = "enheter/vretaskolan-2027.yaml"


def _yaml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


MINIMAL_REPO: dict[str, str] = {
    SETTINGS: _yaml("""
        typ: inställningar
        kommun: Testby kommun
        kommunkod: "0331"
        period: 2027–2029
        """),
    ORGANISATION: _yaml("""
        typ: organisation
        organisationer:
          - id: KF
            namn: Kommunfullmäktige
            nivå: kommunfullmäktige
          - id: UBN
            namn: Utbildningsnämnden
            nivå: nämnd
            överordnad: KF
          - id: UF
            namn: Utbildningsförvaltningen
            nivå: förvaltning
            överordnad: UBN
          - id: UF-VAS
            namn: Vretaskolan
            nivå: enhet
            överordnad: UF
        """),
    KF_PLAN: _yaml("""
        typ: verksamhetsplan
        organisation: KF
        nivå: kommunfullmäktige
        period: 2027–2029
        beslutad: 2026-11-23
        vision:
          id: VISION
          namn: Testby – en växande landsbygdskommun
        inriktningar:
          - id: I1
            namn: Livslångt lärande
            bidrar_till: [VISION]
            agenda2030: ["4", "4.1"]
        finansiella_mål:
          - id: F1
            namn: Resultatet ska vara minst 2 % av skatteintäkterna
        ramar:
          år: 2027
          total: 650000
          nämnder:
            - organisation: UBN
              belopp: 650000
        """),
    NAMND_PLAN: _yaml("""
        typ: verksamhetsplan
        organisation: UBN
        nivå: nämnd
        period: 2027
        ram: 650000
        effektmål:
          - id: UBN-E1
            namn: Fler elever når kunskapskraven i grundskolan
            period: 2027–2028
            bidrar_till: [I1]
            agenda2030: ["4.1"]
            indikatorer:
              - id: UBN-E1-I1
                namn: Elever i åk 9 som uppnått kunskapskraven, andel (%)
                enhet: "%"
                riktning: högre
                baslinje: {år: 2025, värde: 72.1}
                målvärden:
                  - {år: 2027, värde: 75}
                  - {år: 2028, värde: 78}
                kolada: N15419
        """),
    ENHET_PLAN: _yaml("""
        typ: verksamhetsplan
        organisation: UF-VAS
        nivå: enhet
        period: 2027
        aktiviteter:
          - id: UF-VAS-A1
            namn: Läsfrämjande insatser i åk 1–3
            bidrar_till: [UBN-E1]
            ansvarig: Rektor
            start: 2027-01-15
            slut: 2027-06-30
            status: pågående
        """),
}


@dataclass
class PlanRepo:
    """A plan repository in a temporary folder, built from :data:`MINIMAL_REPO`."""

    root: Path

    def text(self, rel: str) -> str:
        return (self.root / rel).read_text("utf-8")

    def write(self, rel: str, text: str | bytes, *, dedent: bool = True) -> None:
        """Replace (or add) one file; str is dedented and written as UTF-8."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(_yaml(text) if dedent else text, encoding="utf-8")

    def patch(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in a file with ``new``."""
        text = self.text(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new), dedent=False)

    def append(self, rel: str, text: str, indent: int = 0) -> None:
        """Add text (dedented, then indented by ``indent``) at the end of a file."""
        extra = textwrap.indent(_yaml(text), " " * indent)
        self.write(rel, self.text(rel) + extra, dedent=False)

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    def where(self, rel: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
        """1-based (line, column) of the ``occurrence``-th ``needle`` in a file."""
        return where(self.text(rel), needle, occurrence)

    def run(self, **kwargs: object) -> RunResult:
        kwargs.setdefault("use_cache", False)
        kwargs.setdefault("jobs", 1)
        return run(self.root, **kwargs)  # type: ignore[arg-type]

    def findings(self, code: str | None = None) -> list[Finding]:
        found = self.run().findings
        return [f for f in found if code is None or f.code == code]


def where(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.find(needle, index + 1)
        assert index >= 0, f"{needle!r} not found (occurrence {occurrence})"
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    """The classic alias bomb: ``width ** levels`` strings if anyone expanded it."""
    lines = ["typ: verksamhetsplan", f"lol0: &lol0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels):
        lines.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def write_repo(root: Path, files: dict[str, str] | None = None) -> PlanRepo:
    """Write the minimal repository (with ``files`` replacing or adding files)."""
    repo = PlanRepo(root)
    for rel, text in {**MINIMAL_REPO, **(files or {})}.items():
        repo.write(rel, text, dedent=False)
    return repo


# --- Rule cases: one valid fixture, one broken variant, the finding's exact place ---


@dataclass(frozen=True)
class Patch:
    """Replace the single occurrence of ``old`` with ``new`` in one file."""

    file: str
    old: str
    new: str

    def apply(self, repo: PlanRepo) -> None:
        repo.patch(self.file, self.old, self.new)


@dataclass(frozen=True)
class Append:
    """Add text at the end of one file, indented by ``indent`` spaces."""

    file: str
    text: str
    indent: int = 0

    def apply(self, repo: PlanRepo) -> None:
        repo.append(self.file, self.text, self.indent)


@dataclass(frozen=True)
class Write:
    """Replace one file's content (text is dedented; bytes are written as they are)."""

    file: str
    content: str | bytes

    def apply(self, repo: PlanRepo) -> None:
        repo.write(self.file, self.content)


@dataclass(frozen=True)
class Remove:
    """Delete one file."""

    file: str

    def apply(self, repo: PlanRepo) -> None:
        repo.remove(self.file)


Edit = Patch | Append | Write | Remove


@dataclass(frozen=True)
class RuleCase:
    """A rule shown failing: ``good`` edits give a repository without findings,
    ``bad`` edits then break it, and the finding must sit at ``at`` in ``file``.

    ``at`` is a needle in the broken file (its first character is where the finding
    points; ``occurrence`` picks among repeats) or an explicit (line, column).
    """

    code: str
    id: str
    bad: tuple[Edit, ...]
    file: str
    at: str | tuple[int, int]
    occurrence: int = 1
    good: tuple[Edit, ...] = ()
    message: str = ""
    hint: str = ""
    chain: str | None = None
    count: int = 1
    prepare: Callable[[pytest.MonkeyPatch], None] | None = field(default=None, repr=False)


def check_rule_case(case: RuleCase, repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    """The valid variant passes; the broken one fails with ``case.code`` at ``case.at``."""
    if case.prepare is not None:
        case.prepare(monkeypatch)
    for edit in case.good:
        edit.apply(repo)
    before = repo.run().findings
    assert before == [], f"the valid fixture should pass, got {before}"

    for edit in case.bad:
        edit.apply(repo)
    findings = repo.run().findings
    found = [f for f in findings if f.code == case.code]
    assert len(found) == case.count, f"expected {case.count} × {case.code}, got {findings}"
    finding = found[0]
    assert finding.file == case.file
    if isinstance(case.at, tuple):
        expected = case.at
    else:
        expected = repo.where(case.file, case.at, case.occurrence)
    assert (finding.line, finding.column) == expected, finding
    assert case.message in finding.message
    assert case.hint in finding.hint
    if case.chain is not None:
        assert finding.chain == case.chain
