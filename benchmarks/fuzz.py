"""A long fuzz campaign over generated plan repositories (see README, "Så testar
projektet sig mot trasig indata").

    python benchmarks/fuzz.py --count 100000            # or --time 3600
    python benchmarks/fuzz.py --count 2000 --render-every 1 --seed 7
    python benchmarks/fuzz.py --edits 200 --count 50   # 50 edit sequences of 200 edits

Runs the same strategies and properties as ``tests/fuzz`` (validate never exits 2,
every finding located and in Swedish, JSON parses, the cache changes nothing, render
succeeds), in-process, in chunks of Hypothesis examples with a fresh seed each. A
failing chunk is shrunk by Hypothesis to a minimal repository, which is printed and
saved under ``--reproducers``; the campaign then goes on with the next chunk. Prints
inputs tried, failures (by kind) and the minimal reproducers; exit code 1 if any.

With ``--edits N`` it runs the incremental-cache campaign instead (``tests/edits.py``):
``--count`` sequences of N seeded random edits on each example repository, comparing
after every edit the cached and incremental ``validate`` with ``--no-cache``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests.fuzz.properties import (  # noqa: E402
    PropertyFailure,
    check_repository,
)
from tests.fuzz.strategies import repositories  # noqa: E402


def _shown(files: dict[str, bytes]) -> str:
    return "\n".join(f"--- {name}\n{content.decode('utf-8', 'backslashreplace')}"
                     for name, content in sorted(files.items()))


def _kind(error: str) -> str:
    """What failed and where: the property and the last line of the traceback."""
    lines = [line for line in error.splitlines() if line.strip()]
    where = [line.strip() for line in lines if line.strip().startswith("File ")]
    return lines[0].split(":", 1)[0] + " | " + (where[-1] if where else "") + " | " + (
        lines[-1][:120] if lines else "")


def campaign(count: int, seconds: float, first_seed: int, chunk: int, render_every: int,
             reproducers: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix="malstyrning-fuzz-"))
    tried = 0
    statuses = {0: 0, 1: 0, 2: 0}
    failures: dict[str, dict[str, Any]] = {}
    start = time.monotonic()
    round_no = 0
    current: list[dict[str, tuple[str, dict[str, bytes]]]] = [{}]
    while tried < count and time.monotonic() - start < seconds:
        # failure kind → (message, files) of the last example that failed that way:
        # Hypothesis runs the shrunk, minimal example last
        size = min(chunk, count - tried)

        failing: dict[str, tuple[str, dict[str, bytes]]] = {}
        current[0] = failing

        @seed(first_seed + round_no)
        @settings(max_examples=size, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck),
                  phases=[Phase.generate, Phase.shrink])
        @given(repositories())
        def one(files: dict[str, bytes]) -> None:
            nonlocal tried
            tried += 1
            try:
                outcome = check_repository(files, work / "repo",
                                           render=tried % render_every == 0,
                                           cli=False, no_cache=False)
            except PropertyFailure as problem:
                current[0][_kind(str(problem))] = (str(problem), files)
                raise
            statuses[outcome["validate"]] = statuses.get(outcome["validate"], 0) + 1

        try:
            one()
        except KeyboardInterrupt:
            raise
        except BaseException:  # one failure, or a group of them
            if not failing:
                raise
        for key, (error, files) in failing.items():
            if key in failures:
                continue
            failures[key] = {"fel": error, "filer": files}
            folder = reproducers / f"fall-{len(failures):03d}"
            for name, content in files.items():
                target = folder / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            (folder / "FEL.txt").write_text(error, "utf-8")
            print(f"\nFEL {len(failures)}: {error[:1500]}\nminimalt exempel ({folder}):\n"
                  f"{_shown(files)[:3000]}\n", flush=True)
        round_no += 1
        elapsed = time.monotonic() - start
        print(f"{tried} indata på {elapsed:.0f} s ({tried / max(elapsed, 1e-9):.1f}/s); "
              f"validate 0/1/2: {statuses.get(0, 0)}/{statuses.get(1, 0)}/"
              f"{statuses.get(2, 0)}; olika fel: {len(failures)}", flush=True)
    elapsed = time.monotonic() - start
    print(json.dumps({"indata": tried, "sekunder": round(elapsed), "felkod_0": statuses[0],
                      "felkod_1": statuses[1], "felkod_2_konfiguration": statuses[2],
                      "renderingar": tried // render_every, "olika_fel": len(failures),
                      "fel": [f["fel"].splitlines()[0][:300] for f in failures.values()]},
                     ensure_ascii=False, indent=2))
    return 1 if failures else 0


def edit_campaign(sequences: int, edits: int, seconds: float, first_seed: int) -> int:
    from collections import Counter

    from tests.edits import Mismatch, run_sequence
    from tests.plans import SHAPES

    work = Path(tempfile.mkdtemp(prefix="malstyrning-edits-"))
    start = time.monotonic()
    compared = done = 0
    failures: list[str] = []
    paths: Counter[str] = Counter()
    for number in range(sequences):
        if time.monotonic() - start >= seconds:
            break
        shape = sorted(SHAPES)[number % len(SHAPES)]
        try:
            compared += run_sequence(SHAPES[shape], work / "repo", first_seed + number, edits,
                                     paths=paths)
        except Mismatch as problem:
            failures.append(str(problem))
            print(f"\nFEL {len(failures)}: {str(problem)[:3000]}\n", flush=True)
        done += 1
        if done % 10 == 0:
            print(f"{done} sekvenser, {compared} jämförda körningar på "
                  f"{time.monotonic() - start:.0f} s; fel: {len(failures)}; "
                  f"avgränsade/hela: {paths['avgränsad']}/{paths['hela modellen']}",
                  flush=True)
    print(json.dumps({"sekvenser": done, "ändringar_per_sekvens": edits,
                      "jämförda_körningar": compared,
                      "varma_körningar_avgränsade": paths["avgränsad"],
                      "varma_körningar_hela_modellen": paths["hela modellen"],
                      "sekunder": round(time.monotonic() - start), "fel": len(failures)},
                     ensure_ascii=False, indent=2))
    return 1 if failures else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="antal indata")
    parser.add_argument("--time", type=float, default=float("inf"),
                        help="längsta tid i sekunder")
    parser.add_argument("--seed", type=int, default=1, help="första fröet")
    parser.add_argument("--chunk", type=int, default=500, help="exempel per omgång")
    parser.add_argument("--render-every", type=int, default=20,
                        help="rendera vart n:te indata (1 = alla; render är långsammast)")
    parser.add_argument("--reproducers", type=Path, default=Path("fuzz-fall"),
                        help="mapp för minimala exempel som fallerar")
    parser.add_argument("--edits", type=int, default=0,
                        help="kör i stället --count sekvenser med så många slumpade "
                        "ändringar var (cache, inkrementell och kall körning jämförs)")
    args = parser.parse_args()
    if args.edits:
        sys.exit(edit_campaign(args.count, args.edits, args.time, args.seed))
    sys.exit(campaign(args.count, args.time, args.seed, args.chunk, args.render_every,
                      args.reproducers))


if __name__ == "__main__":
    main()
