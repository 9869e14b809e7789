"""Shared fixtures: a minimal, valid plan repository written from YAML text.

``plan_repo`` writes :data:`MINIMAL_REPO` into ``tmp_path``; a test breaks one file
with ``repo.write(...)`` or ``repo.patch(...)`` and asks ``repo.run()`` for the
findings. ``repo.where(file, needle)`` gives the line and column a finding should
point at, so expectations follow the fixture text instead of hard-coded numbers.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from malstyrning.findings import Finding
from malstyrning.pipeline import RunResult, run

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples" / "plans"
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


def write_repo(root: Path, files: dict[str, str] | None = None) -> PlanRepo:
    """Write the minimal repository (with ``files`` replacing or adding files)."""
    repo = PlanRepo(root)
    for rel, text in {**MINIMAL_REPO, **(files or {})}.items():
        repo.write(rel, text, dedent=False)
    return repo


@pytest.fixture
def plan_repo(tmp_path: Path) -> PlanRepo:
    """A minimal valid plan repository (KF, one nämnd, one enhet) in ``tmp_path``."""
    return write_repo(tmp_path / "plan")


@pytest.fixture
def examples_copy(tmp_path: Path) -> Path:
    """A copy of ``examples/plans`` (without any cache) that a test may break."""
    target = tmp_path / "plans"
    shutil.copytree(EXAMPLES, target, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    return target


def _cache_state() -> dict[str, bytes] | None:
    folder = EXAMPLES / ".malstyrning_cache"
    if not folder.exists():
        return None
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def _examples_stay_untouched() -> Iterator[None]:
    """No test writes a cache into the checked-in examples (runs use copies or --no-cache)."""
    before = _cache_state()
    yield
    after = _cache_state()
    assert after == before, "a test wrote into examples/plans/.malstyrning_cache"
