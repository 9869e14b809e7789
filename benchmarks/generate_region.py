"""A second, differently shaped storstad for the benchmark (issue 13): a large region.

Where ``generate.py`` writes Heby's model (vision → inriktning → effektmål →
aktivitet) as about 2,000 plans of the same middling size in block style, this
generator writes the region model of ``examples/region`` (vision → strategiska mål
→ nämndmål → aktiviteter, organisation levels ``region``) in another shape:

* 12 förvaltning plans of about 1,550 activities each (≈ 0.5 MB per file), written
  as one-line flow mappings (``- {id: …, namn: …, …}``), no descriptions;
* about 1,960 tiny enhet plans of 16 activities each in block style, no
  descriptions (the activity ``namn`` is double-quoted at four spaces, as
  ``run.py`` expects for its one-file edit);
* other id patterns: enheter ``E0413``, their activities ``E0413.07``, the
  förvaltningar's ``HSN-F:00123``, nämndmål ``HSN-N2``.

About 1,990 files, 50,000 activities. Deterministic: the same seed and scale give
the same bytes. It validates without any finding.

    python benchmarks/generate_region.py --out DIR [--scale 1] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import wordlists as wl
from generate import MARKER, Document, Summary, double_quoted, scalar, slug, write_file

PLAN_YEAR = 2027
UNITS = 1960
UNIT_ACTIVITIES = 16
ADMIN_ACTIVITIES = 1550
EXAMPLE_SETTINGS = Path(__file__).resolve().parents[1] / "examples" / "region" / "malstyrning.yaml"

# (id, name, förvaltning id, förvaltning name, share of the enheter, level)
BOARDS = (
    ("RS", "Regionstyrelsen", "RK", "Regionkontoret", 1, "regionstyrelse"),
    ("HSN", "Hälso- och sjukvårdsnämnden", "HSF", "Hälso- och sjukvårdsförvaltningen", 6,
     "nämnd"),
    ("PVN", "Primärvårdsnämnden", "PVF", "Primärvårdsförvaltningen", 4, "nämnd"),
    ("PSN", "Psykiatrinämnden", "PSF", "Psykiatriförvaltningen", 2, "nämnd"),
    ("TVN", "Tandvårdsnämnden", "TVF", "Folktandvården", 2, "nämnd"),
    ("KTN", "Kollektivtrafiknämnden", "KTF", "Trafikförvaltningen", 2, "nämnd"),
    ("KBN", "Kultur- och bildningsnämnden", "KBF", "Kultur och bildning", 2, "nämnd"),
    ("RUN", "Regionala utvecklingsnämnden", "RUF", "Regional utveckling", 1, "nämnd"),
    ("HMN", "Habiliteringsnämnden", "HMF", "Habilitering och hjälpmedel", 1, "nämnd"),
    ("SLN", "Sjukhusnämnden", "SLF", "Sjukhusförvaltningen", 5, "nämnd"),
    ("FLN", "Fastighetsnämnden", "FLF", "Regionfastigheter", 1, "nämnd"),
    ("SVN", "Servicenämnden", "SVF", "Regionservice", 1, "nämnd"),
)
STRATEGIC = (
    ("S1", "Invånarna får en tillgänglig och jämlik hälso- och sjukvård", ["3.8", "10.2"]),
    ("S2", "Det är enkelt att resa hållbart i hela länet", ["11.2"]),
    ("S3", "Kulturen och folkbildningen når alla i länet", ["4.7"]),
    ("S4", "Regionen är en attraktiv arbetsgivare med en stark ekonomi", ["8.5"]),
    ("S5", "Länet växer hållbart med ett starkt näringsliv", ["9.1"]),
)
UNIT_KINDS = ("Vårdcentralen", "Mottagningen", "Avdelning", "Kliniken", "Enheten",
              "Tandvårdskliniken", "Bussdepån", "Biblioteket", "Servicecentret")
VERBS = ("Införa", "Utveckla", "Följa upp", "Samordna", "Förbättra", "Kartlägga",
         "Digitalisera", "Utbilda personalen i", "Förenkla", "Säkra")
OBJECTS = ("digitala vårdbesök", "vårdköerna", "patientsäkerheten", "läkemedelsgenomgångar",
           "tidbokningen", "kompetensförsörjningen", "arbetsmiljön", "resenärsinformationen",
           "energianvändningen", "samverkan med kommunerna", "journalföringen",
           "mottagandet av nya medarbetare", "hjälpmedelsförskrivningen", "lokalplaneringen")
ROLES = ("Verksamhetschef", "Enhetschef", "Avdelningschef", "Kvalitetssamordnare",
         "Förvaltningschef", "Utvecklingsledare")


@dataclass
class Board:
    id: str
    name: str
    admin: str
    admin_name: str
    level: str
    frame: int = 0
    goals: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)


class RegionGenerator:
    def __init__(self, scale: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.units = max(len(BOARDS), round(UNITS * scale))
        self.admin_activities = max(10, round(ADMIN_ACTIVITIES * scale))
        self.boards = [Board(b[0], b[1], b[2], b[3], b[5]) for b in BOARDS]
        self.summary = Summary()
        self.names: dict[str, str] = {}

    def build(self) -> None:
        weights = [b[4] for b in BOARDS]
        counts = [max(1, self.units * w // sum(weights)) for w in weights]
        counts[1] += self.units - sum(counts)
        number = 0
        for board, count in zip(self.boards, counts, strict=True):
            for _ in range(count):
                number += 1
                unit = f"E{number:04d}"
                board.units.append(unit)
                self.names[unit] = (f"{self.rng.choice(UNIT_KINDS)} "
                                    f"{self.rng.choice(wl.DISTRICTS)} {number}")
            goals = self.rng.randint(3, 5)
            board.goals = [f"{board.id}-N{k}" for k in range(1, goals + 1)]
            board.uncovered = list(board.goals)
            board.frame = int(round(len(board.units) * 41_000 * self.rng.uniform(0.9, 1.1), -3))

    def write(self, out: Path) -> Summary:
        self._write(out, "malstyrning.yaml", self._settings())
        self._write(out, "organisation.yaml", self._organisation())
        self._write(out, "regionfullmaktige/regionplan-2027.yaml", self._council_plan())
        for board in self.boards:
            self._write(out, f"namnder/{slug(board.name)}-2027.yaml", self._board_plan(board))
        for board in self.boards:
            self._write(out, f"forvaltningar/{slug(board.admin_name)}-2027.yaml",
                        self._admin_plan(board))
            for unit in board.units:
                self._write(out, f"enheter/{board.admin.lower()}/{unit.lower()}.yaml",
                            self._unit_plan(board, unit))
        self.summary.units = self.units
        self.summary.goals = sum(len(b.goals) for b in self.boards)
        return self.summary

    def _write(self, out: Path, relative: str, text: str) -> None:
        write_file(self.summary, out, relative, text)

    def _settings(self) -> str:
        lines = EXAMPLE_SETTINGS.read_text("utf-8").splitlines()
        body = [line for line in lines if not line.startswith("#")]
        text = "\n".join(body).replace("kommun: Region Uppsala",
                                       "kommun: Storregionen (syntetisk)")
        return "# Syntetiskt planrepo för prestandamätning (benchmarks/generate_region.py).\n" \
            + text + "\n"

    def _organisation(self) -> str:
        doc = Document("organisation.schema.json")
        doc.line(0, "typ: organisation")
        doc.line(0, "organisationer:")
        doc.line(2, "- {id: RF, namn: Regionfullmäktige, nivå: regionfullmäktige}")
        for board in self.boards:
            doc.line(2, f"- {{id: {board.id}, namn: {board.name}, nivå: {board.level}, "
                     "överordnad: RF}")
        for board in self.boards:
            doc.line(2, f"- {{id: {board.admin}, namn: {board.admin_name}, nivå: förvaltning, "
                     f"överordnad: {board.id}}}")
            for unit in board.units:
                doc.line(2, f"- {{id: {unit}, namn: {double_quoted(self.names[unit])}, "
                         f"nivå: enhet, överordnad: {board.admin}}}")
        return doc.text()

    def _council_plan(self) -> str:
        doc = Document("verksamhetsplan.schema.json")
        for line in ("typ: verksamhetsplan", "organisation: RF", "nivå: regionfullmäktige",
                     f"period: {PLAN_YEAR}–{PLAN_YEAR + 2}", f"beslutad: {PLAN_YEAR - 1}-11-24",
                     "beslutsinstans: Regionfullmäktige", "vision:", "  id: VISION",
                     "  namn: Ett gott liv i en hållbar region", "strategiska_mål:"):
            doc.line(0, line)
        for goal_id, name, agenda in STRATEGIC:
            doc.line(2, f"- id: {goal_id}")
            doc.line(4, f"namn: {name}")
            doc.line(4, f"period: {PLAN_YEAR}–{PLAN_YEAR + 3}")
            doc.line(4, "bidrar_till: [VISION]")
            doc.line(4, "agenda2030: [" + ", ".join(f'"{a}"' for a in agenda) + "]")
        doc.line(0, "finansiella_mål:")
        doc.line(2, "- id: F1")
        doc.line(4, "namn: Resultatet ska vara minst 2 % av skatteintäkter och statsbidrag")
        doc.line(4, "indikatorer:")
        doc.line(6, "- id: F1-I1")
        doc.line(8, "namn: Årets resultat i procent av skatteintäkter och statsbidrag")
        doc.line(8, 'enhet: "%"')
        doc.line(8, "riktning: högre")
        doc.line(8, f"baslinje: {{år: {PLAN_YEAR - 2}, värde: 0.8}}")
        doc.line(8, "målvärden:")
        doc.line(10, f"- {{år: {PLAN_YEAR}, värde: 2.0}}")
        doc.line(8, "källa: Årsredovisning")
        doc.line(0, "ramar:")
        doc.line(2, f"år: {PLAN_YEAR}")
        doc.line(2, f"total: {sum(b.frame for b in self.boards)}")
        doc.line(2, "nämnder:")
        for board in self.boards:
            doc.line(4, f"- {{organisation: {board.id}, belopp: {board.frame}}}")
        return doc.text()

    def _board_plan(self, board: Board) -> str:
        doc = Document("verksamhetsplan.schema.json")
        for line in ("typ: verksamhetsplan", f"organisation: {board.id}", f"nivå: {board.level}",
                     f"period: {PLAN_YEAR}–{PLAN_YEAR + 2}", f"beslutsinstans: {board.name}",
                     f"ram: {board.frame}", "nämndmål:"):
            doc.line(0, line)
        for k, goal in enumerate(board.goals):
            strategic = STRATEGIC[(k + len(board.id)) % len(STRATEGIC)][0]
            doc.line(2, f"- id: {goal}")
            doc.line(4, f"namn: {scalar(self._goal_name())}")
            doc.line(4, f"period: {PLAN_YEAR}–{PLAN_YEAR + 2}")
            doc.line(4, f"bidrar_till: [{strategic}]")
            doc.line(4, "indikatorer:")
            base = self.rng.randint(40, 80)
            doc.line(6, f"- id: {goal}-I1")
            doc.line(8, f"namn: {scalar('Andel nöjda invånare, ' + self._object())} (%)")
            doc.line(8, 'enhet: "%"')
            doc.line(8, "riktning: högre")
            doc.line(8, f"baslinje: {{år: {PLAN_YEAR - 2}, värde: {base}}}")
            doc.line(8, "målvärden:")
            doc.line(10, f"- {{år: {PLAN_YEAR}, värde: {base + 3}}}")
            doc.line(10, f"- {{år: {PLAN_YEAR + 1}, värde: {base + 5}}}")
            doc.line(8, "källa: Regionens invånarenkät")
        # every strategic goal gets a nämndmål: the board plans take them in turn
        return doc.text()

    def _goal_name(self) -> str:
        return f"{self.rng.choice(VERBS)} {self._object()} för invånarna"

    def _object(self) -> str:
        return self.rng.choice(OBJECTS)

    def _dates(self) -> tuple[str, str]:
        start = dt.date(PLAN_YEAR, 1, 1) + dt.timedelta(days=self.rng.randint(0, 300))
        end = min(start + dt.timedelta(days=self.rng.randint(15, 200)),
                  dt.date(PLAN_YEAR, 12, 31))
        return start.isoformat(), end.isoformat()

    def _target(self, board: Board) -> str:
        return board.uncovered.pop(0) if board.uncovered else self.rng.choice(board.goals)

    def _admin_plan(self, board: Board) -> str:
        doc = Document("verksamhetsplan.schema.json")
        for line in ("typ: verksamhetsplan", f"organisation: {board.admin}", "nivå: förvaltning",
                     f"period: {PLAN_YEAR}", "aktiviteter:"):
            doc.line(0, line)
        for k in range(1, self.admin_activities + 1):
            start, end = self._dates()
            name = f"{self.rng.choice(VERBS)} {self._object()} (steg {k})"
            doc.line(2, f"- {{id: {board.admin}-F:{k:05d}, namn: {double_quoted(name)}, "
                     f"bidrar_till: [{self._target(board)}], ansvarig: Förvaltningschef, "
                     f"start: {start}, slut: {end}, status: ej påbörjad}}")
        self.summary.admin_activities += self.admin_activities
        return doc.text()

    def _unit_plan(self, board: Board, unit: str) -> str:
        doc = Document("verksamhetsplan.schema.json")
        for line in ("typ: verksamhetsplan", f"organisation: {unit}", "nivå: enhet",
                     f"period: {PLAN_YEAR}", "aktiviteter:"):
            doc.line(0, line)
        for k in range(1, UNIT_ACTIVITIES + 1):
            start, end = self._dates()
            doc.line(2, f"- id: {unit}.{k:02d}")
            doc.line(4, f"namn: {double_quoted(self.rng.choice(VERBS) + ' ' + self._object())}")
            doc.line(4, f"bidrar_till: [{self._target(board)}]")
            doc.line(4, f"ansvarig: {self.rng.choice(ROLES)}")
            doc.line(4, f"start: {start}")
            doc.line(4, f"slut: {end}")
            doc.line(4, f"status: {self.rng.choice(['ej påbörjad', 'pågående'])}")
        self.summary.unit_activities += UNIT_ACTIVITIES
        return doc.text()


def generate(out: Path, scale: float = 1.0, seed: int = 1) -> Summary:
    """Generate into ``out`` (missing, empty or an earlier output, which is replaced)."""
    import json
    import shutil
    import time

    from generate import marker_content

    started = time.perf_counter()
    if out.exists():
        if (out / MARKER).is_file():
            shutil.rmtree(out)
        elif any(out.iterdir()):
            raise SystemExit(f"{out} exists, is not empty and was not made by this script")
    out.mkdir(parents=True, exist_ok=True)
    generator = RegionGenerator(scale, seed)
    generator.build()
    summary = generator.write(out)
    marker = json.dumps(marker_content("region", scale, seed), indent=2, sort_keys=True)
    (out / MARKER).write_text(marker + "\n", encoding="utf-8")
    summary.seconds = time.perf_counter() - started
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.scale, args.seed)
    print(f"{args.out}: {summary.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
