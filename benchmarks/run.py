"""Time ``malstyrning validate`` against the performance targets.

Generates the benchmark repositories (``generate.py``: heby, and storstad at
scales ½, 1 and 2) into a work directory, then times whole processes - wall
clock around each ``subprocess`` run, one warm-up run first, median of
``--runs`` runs - on the same machine in the same run:

1. ``malstyrning validate --no-cache`` on storstad (cold);
2. ``malstyrning validate`` on storstad with a warm cache and one enhet plan
   changed before every run;
3. the baseline: ``check-jsonschema`` validating the same plan files against
   the same JSON Schema (schema checks only, no cross-file rules);
4. ``malstyrning validate`` on heby (warm cache and cold) against
   ``python -c "import typer"`` as a start-up baseline;
5. peak memory of run 1: the largest single process (``ru_maxrss`` from
   ``os.wait4``) and the sampled sum over the process tree (the tool uses
   worker processes);
6. scaling: run 1 at ½, 1 and 2 times the storstad size.

``--broken`` measures only how the time grows with one broken plan file (0.4, 0.8
and 1.6 MB of goals with wrong keys and a long list of mappings where ids belong,
in a copy of the example repository): at most ``max_fynd_per_fil`` findings are
shown, and doubling the file should at most double the time.

``--memory`` measures only figure 5 on storstad (one cold run, no baselines), and
also reports the address-space limit (``RLIMIT_AS``, from ``gränser: max_minne_mb``)
that the CLI had put on the process while it ran, so the figure is the peak memory
with the run limits enforced.

``--floor`` measures only the cold validate on storstad against the parse + schema
floor (``floor.py``: yaml_rs + jsonschema_rs over the same files on 2 worker
processes, nothing else), taking turns in the same run; the full benchmark measures
the floor too, interleaved with the scaling runs, and checks the ratio (issue 13:
cold at most ``TARGET_FLOOR_FACTOR`` times the floor).

``--render`` measures only the documents (issue targets in ``RENDER_TARGETS``), taking
turns in the same run with the cold validate they are compared with: ``validate
--no-cache``, ``render --format md`` and ``render --format html`` (the cache cleared
and the output folder emptied before every run, so each render also checks the plan
from scratch) on heby, storstad and storstad x2, with each render's peak memory.

For reference it also times storstad with a warm cache and nothing changed.

Then, for issue 13, both storstad generators side by side - the project's
(``generate.py``) and a differently shaped one (``generate_region.py``: the region
model, a dozen large flow-style förvaltning plans and ~2,000 tiny enhet plans):
cold taking turns with its parse + schema floor, warm with one enhet plan changed,
warm with nothing changed, against the targets (cold <= 1.5x floor; one changed
<= 0.3 s and <= 2x heby warm; unchanged <= 1.5x heby warm; heby warm <= 2x import
typer). ``--targets`` measures only these.
Prints machine information, a table with median/min/max, ratios, targets and
PASS/FAIL, and optionally writes the figures as JSON (``--json FILE``).

Notes:

* Before timing, every repository must pass ``malstyrning validate --no-cache
  --fail-level info`` (no finding at all), else the benchmark stops.
* The cache folder (``.malstyrning_cache``) is removed before every cold run;
  cold runs also pass ``--no-cache``.
* The warm run changes the first activity's ``namn`` in one enhet plan (a new
  text every run, still valid) and restores the file afterwards.
* The baseline checks only the verksamhetsplan files (one process, one
  schema); checking ``malstyrning.yaml`` and ``organisation.yaml`` too would
  need two more processes and make the baseline slower, so leaving them out
  is the conservative choice.
* Generated trees are kept in the work directory and reused while the
  generator code and arguments are unchanged (``--regenerate`` forces it).

Exit status: 0 when every target is met, 1 when a target is missed, 2 when
the benchmark itself cannot run (for instance the generated repository does
not validate cleanly; the tool's output is then printed).

Usage::

    python benchmarks/run.py [--runs 5] [--quick] [--workdir DIR] [--json FILE]
    python benchmarks/run.py --memory          # peak memory on storstad only
    python benchmarks/run.py --broken          # one broken file, 0.4 to 1.6 MB
    python benchmarks/run.py --floor           # cold validate vs parse + schema floor
    python benchmarks/run.py --targets         # issue 13: both storstads side by side
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import itertools
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import generate
import generate_region

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_WORKDIR = BENCH_DIR / ".work"
CACHE_DIR = ".malstyrning_cache"  # docs/filformat.md: the tool's cache folder

# Targets from the issue.
TARGET_SPEEDUP = 50.0  # storstad cold at least 50x faster than check-jsonschema (issue 13)
TARGET_WARM_SHARE = 1 / 20  # warm, one file changed: at most 1/20 of cold
TARGET_HEBY_FACTOR = 3.0  # heby at most 3x `python -c "import typer"`
TARGET_MEMORY_MIB = 1024.0  # peak memory at most 1 GB
TARGET_SCALING = 2.0  # doubling the files at most doubles the time
TARGET_FLOOR_FACTOR = 1.5  # storstad cold at most 1.5x the parse + schema floor
TARGET_WARM_SECONDS = 0.3  # warm, one file changed: at most 0.3 s (issue 13) ...
TARGET_WARM_HEBY = 2.0  # ... and at most 2x the heby warm run
TARGET_UNCHANGED_HEBY = 1.5  # warm, nothing changed: at most 1.5x heby warm
TARGET_HEBY_TYPER = 2.0  # heby warm at most 2x `import typer` (issue 13)
FLOOR_JOBS = 2  # worker processes of the floor, as validate uses on 2 cores

SCALES = (0.5, 1.0, 2.0)
QUICK_STORSTAD_UNITS = 200


class BenchmarkError(Exception):
    """The benchmark cannot continue (tool failure, missing tool …)."""


# ---------------------------------------------------------------------------
# Running processes
# ---------------------------------------------------------------------------


@dataclass
class ProcessRun:
    """One finished child process."""

    argv: list[str]
    seconds: float
    max_rss_kib: int
    returncode: int
    stdout: str
    stderr: str


def run_process(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 900.0,
    on_start: Callable[[int], None] | None = None,
) -> ProcessRun:
    """Run ``argv`` to completion; return wall time, max RSS and output.

    The child is reaped with ``os.wait4`` so that its own ``ru_maxrss`` (the
    largest RSS of it or any descendant it waited for) is exact. Output goes
    to temporary files, never a pipe, so it cannot slow the child down.
    ``on_start`` is called with the pid right after the start (used for
    memory sampling).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # own process group: a timeout kills the workers too
        )
        timer = threading.Timer(timeout, _kill, (proc.pid,))
        timer.start()
        try:
            if on_start is not None:
                on_start(proc.pid)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        out.seek(0)
        err.seek(0)
        return ProcessRun(
            argv=list(argv),
            seconds=seconds,
            max_rss_kib=int(usage.ru_maxrss),  # KiB on Linux
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def _kill(pid: int) -> None:
    """Kill a child that ran past its timeout, with its worker processes."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def describe_failure(label: str, run: ProcessRun) -> str:
    """Text for a failed run: command, exit code and (the end of) its output."""

    def tail(text: str, lines: int = 60) -> str:
        parts = text.rstrip().splitlines()
        skipped = len(parts) - lines
        shown = "\n".join(parts[-lines:])
        return (f"[… {skipped} lines not shown …]\n" if skipped > 0 else "") + shown

    return (
        f"{label}: exit code {run.returncode} (expected 0)\n"
        f"command: {shlex.join(run.argv)[:500]}\n"
        f"--- stdout ---\n{tail(run.stdout)}\n--- stderr ---\n{tail(run.stderr)}"
    )


# ---------------------------------------------------------------------------
# Process-tree memory sampling
# ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (all its threads), from /proc."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return found


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; PSS falls back to RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            rss = pss = 0
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
            return rss, pss or rss
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                    return rss, rss
    except OSError:
        pass
    return 0, 0


def _address_space_limit(pid: int) -> str | None:
    """The soft ``Max address space`` of a process as /proc shows it (bytes or
    ``unlimited``), or None when it cannot be read."""
    try:
        with open(f"/proc/{pid}/limits") as fh:
            for line in fh:
                if line.startswith("Max address space"):
                    return line.split()[3]
    except OSError:
        pass
    return None


class TreeSampler:
    """Samples the summed RSS and PSS of a process and all its descendants."""

    def __init__(self, interval: float = 0.005) -> None:
        """Sample every ``interval`` seconds once :meth:`start` is called."""
        self.interval = interval
        self.peak_rss_kib = 0
        self.peak_pss_kib = 0
        self.peak_processes = 0
        self.samples = 0
        self.address_space_limits: set[str] = set()  # as seen on the root process
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        """Start sampling the tree rooted at ``pid``."""
        self._thread = threading.Thread(target=self._loop, args=(pid,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _loop(self, root: int) -> None:
        while not self._stop.is_set():
            pids, queue = [], [root]
            while queue:
                pid = queue.pop()
                pids.append(pid)
                queue.extend(_children(pid))
            rss = pss = 0
            for pid in pids:
                r, p = _memory_kib(pid)
                rss += r
                pss += p
            self.peak_rss_kib = max(self.peak_rss_kib, rss)
            self.peak_pss_kib = max(self.peak_pss_kib, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            limit = _address_space_limit(root)
            if limit is not None:
                self.address_space_limits.add(limit)
            self.samples += 1
            self._stop.wait(self.interval)


# ---------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------


@dataclass
class Measurement:
    """Repeated timings of one command (or of a short sequence of commands)."""

    key: str
    label: str
    seconds: list[float] = field(default_factory=list)
    max_rss_kib: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        """Median wall time in seconds."""
        return statistics.median(self.seconds)

    @property
    def min(self) -> float:
        """Fastest run."""
        return min(self.seconds)

    @property
    def max(self) -> float:
        """Slowest run."""
        return max(self.seconds)

    def as_json(self) -> dict[str, Any]:
        """Figures for ``--json``."""
        return {
            "label": self.label,
            "seconds": self.seconds,
            "median": self.median,
            "min": self.min,
            "max": self.max,
            "max_rss_kib": self.max_rss_kib,
        }


@dataclass
class Tool:
    """How to start a program: argv prefix and environment."""

    argv: list[str]
    env: dict[str, str]
    note: str


class Bench:
    """Runs the measurements with common settings."""

    def __init__(self, runs: int, warmup: int, timeout: float) -> None:
        """Time ``runs`` runs after ``warmup`` untimed ones; kill after ``timeout`` s."""
        self.runs = runs
        self.warmup = warmup
        self.timeout = timeout
        self.measurements: dict[str, Measurement] = {}

    def check(self, label: str, argv: Sequence[str], tool: Tool, cwd: Path | None = None) -> None:
        """Run once and raise :class:`BenchmarkError` unless the exit code is 0."""
        run = run_process(argv, cwd=cwd, env=tool.env, timeout=self.timeout)
        if run.returncode != 0:
            raise BenchmarkError(describe_failure(label, run))

    def measure(
        self,
        key: str,
        label: str,
        commands: Sequence[Sequence[str]],
        tool: Tool,
        *,
        cwd: Path | None = None,
        before: Callable[[int], None] | None = None,
    ) -> Measurement:
        """Time ``commands`` (run one after another) ``warmup + runs`` times.

        ``before(i)`` runs untimed before run ``i`` (0 is the warm-up). Every
        process must exit with 0.
        """
        return self.measure_interleaved([Job(key, label, commands, tool, cwd, before)])[0]

    def measure_interleaved(self, jobs: Sequence[Job]) -> list[Measurement]:
        """Like :meth:`measure` for several jobs, taking turns run by run.

        Interleaving makes slow drift on the machine (other load, thermal
        state) hit all jobs alike, which matters when their times are compared.
        """
        results = [Measurement(job.key, job.label) for job in jobs]
        names = ", ".join(job.label for job in jobs)
        print(f"  {names} …", end="", flush=True)
        for i in range(self.warmup + self.runs):
            for job, m in zip(jobs, results, strict=True):
                if job.before is not None:
                    job.before(i)
                total, rss = 0.0, 0
                for argv in job.commands:
                    run = run_process(argv, cwd=job.cwd, env=job.tool.env, timeout=self.timeout)
                    if run.returncode != 0:
                        print()
                        raise BenchmarkError(describe_failure(job.label, run))
                    total += run.seconds
                    rss = max(rss, run.max_rss_kib)
                if i >= self.warmup:
                    m.seconds.append(total)
                    m.max_rss_kib.append(rss)
        print(" median " + ", ".join(f"{m.median:.3f} s" for m in results))
        for m in results:
            self.measurements[m.key] = m
        return results


@dataclass
class Job:
    """A command (or a short sequence of commands) to time."""

    key: str
    label: str
    commands: Sequence[Sequence[str]]
    tool: Tool
    cwd: Path | None = None
    before: Callable[[int], None] | None = None


# ---------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------


def _bin_dir_program(name: str) -> str | None:
    """``name`` next to the running interpreter (a venv's bin/), else on PATH."""
    candidate = Path(sys.executable).parent / name
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return str(candidate)
    return shutil.which(name)


def child_environment(pycache: Path) -> dict[str, str]:
    """Environment for every timed process: bytecode caching on, in ``pycache``.

    Some environments set ``PYTHONDONTWRITEBYTECODE``; with an editable install
    every start would then compile the tool's modules again, which an
    installed tool never does. So it is dropped and ``PYTHONPYCACHEPREFIX``
    points into the work directory (nothing is written next to the sources).
    The warm-up runs fill it, for the baselines and the tool alike.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def find_malstyrning(override: str | None, env: dict[str, str]) -> Tool:
    """Locate the ``malstyrning`` command (installed, importable, or from ``src/``)."""
    env = dict(env)
    if override:
        return Tool(shlex.split(override), env, "from --malstyrning")
    program = _bin_dir_program("malstyrning")
    if program:
        return Tool([program], env, program)
    if importlib.util.find_spec("malstyrning") is not None:
        return Tool([sys.executable, "-m", "malstyrning"], env, f"{sys.executable} -m malstyrning")
    src = REPO_ROOT / "src"
    if (src / "malstyrning" / "__init__.py").is_file():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
        return Tool(
            [sys.executable, "-m", "malstyrning"],
            env,
            f"{sys.executable} -m malstyrning with PYTHONPATH={src} (not installed)",
        )
    raise BenchmarkError(
        "malstyrning not found: install it (pip install -e .) or use --malstyrning"
    )


def find_check_jsonschema(env: dict[str, str]) -> Tool:
    """Locate ``check-jsonschema`` (see benchmarks/requirements.txt)."""
    program = _bin_dir_program("check-jsonschema")
    if program:
        return Tool([program], env, program)
    if importlib.util.find_spec("check_jsonschema") is not None:
        return Tool(
            [sys.executable, "-m", "check_jsonschema"], env, f"{sys.executable} -m check_jsonschema"
        )
    raise BenchmarkError("check-jsonschema not found: pip install -r benchmarks/requirements.txt")


def version_of(tool: Tool, *args: str) -> str:
    """First line of ``tool --version`` (or ``?``)."""
    try:
        run = run_process([*tool.argv, *args], env=tool.env, timeout=60)
    except OSError:
        return "?"
    text = (run.stdout or run.stderr).strip().splitlines()
    return text[0] if run.returncode == 0 and text else "?"


def machine_info() -> dict[str, Any]:
    """Platform, CPU model, CPU count, memory and Python version."""
    cpu = "?"
    memory_kib = 0
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        m = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        cpu = m.group(1).strip() if m else platform.processor() or "?"
        meminfo = Path("/proc/meminfo").read_text()
        mm = re.search(r"^MemTotal:\s*(\d+)", meminfo, re.M)
        memory_kib = int(mm.group(1)) if mm else 0
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "cpus_usable": usable,
        "memory_gib": round(memory_kib / 1024**2, 1),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "python_executable": sys.executable,
    }


# ---------------------------------------------------------------------------
# Repositories
# ---------------------------------------------------------------------------


@dataclass
class Repo:
    """A generated benchmark repository."""

    name: str
    path: Path
    size: str
    scale: float
    files: int
    bytes: int
    generated_seconds: float | None  # None when an up-to-date tree was reused

    def yaml_files(self) -> list[Path]:
        """All YAML files, relative to the repository, sorted (hidden folders skipped)."""
        return sorted(
            p.relative_to(self.path)
            for p in self.path.rglob("*.yaml")
            if not any(part.startswith(".") for part in p.relative_to(self.path).parts)
        )

    def plan_files(self) -> list[Path]:
        """The verksamhetsplan files (everything but settings and organisation)."""
        return [
            p for p in self.yaml_files() if p.name not in ("malstyrning.yaml", "organisation.yaml")
        ]


def prepare_repo(
    workdir: Path, name: str, size: str, scale: float, seed: int, regenerate: bool
) -> Repo:
    """Generate a repository, or reuse one generated with the same arguments and code."""
    path = workdir / name
    marker = path / generate.MARKER
    wanted = generate.marker_content(size, scale, seed)
    seconds: float | None = None
    reuse = False
    if marker.is_file() and not regenerate:
        try:
            reuse = json.loads(marker.read_text(encoding="utf-8")) == wanted
        except ValueError:
            reuse = False
    if not reuse:
        if size == "region":
            seconds = generate_region.generate(path, scale, seed).seconds
        else:
            seconds = generate.generate(path, size, scale, seed).seconds
    repo = Repo(name, path, size, scale, 0, 0, seconds)
    files = repo.yaml_files()
    repo.files = len(files)
    repo.bytes = sum((path / f).stat().st_size for f in files)
    return repo


def clear_cache(repo: Repo) -> None:
    """Remove the tool's cache folder from a repository."""
    shutil.rmtree(repo.path / CACHE_DIR, ignore_errors=True)


def clearing(repo: Repo) -> Callable[[int], None]:
    """A ``before`` hook for :meth:`Bench.measure` that clears the cache of ``repo``."""

    def hook(_run: int) -> None:
        clear_cache(repo)

    return hook


_FIRST_NAME = re.compile(r'^    namn: "(.*)"$', re.M)


def edit_one_plan(path: Path, original: str, counter: int) -> None:
    """Change the first activity's ``namn`` in an enhet plan (stays valid)."""
    m = _FIRST_NAME.search(original)
    if m is None:
        raise BenchmarkError(f"no activity namn found in {path}")
    changed = original[: m.end(1)] + f" (ändring {counter})" + original[m.end(1) :]
    path.write_text(changed, encoding="utf-8")


_FIRST_LINKS = re.compile(r"^    bidrar_till: \[(.*)\]$", re.M)


def edit_one_reference(path: Path, original: str, counter: int) -> None:
    """Change the first activity's ``bidrar_till`` in an enhet plan to another goal the
    plan links to, or to both (the ids stay valid): a change of links, which the
    repository-wide rules read."""
    links = list(_FIRST_LINKS.finditer(original))
    if not links:
        raise BenchmarkError(f"no bidrar_till found in {path}")
    first = links[0].group(1)
    other = next((m.group(1) for m in links if m.group(1) != first), None)
    if other is None:
        raise BenchmarkError(f"{path} links to one goal only")
    states = (f"{first}, {other}", other, first)
    m = links[0]
    path.write_text(original[: m.start(1)] + states[counter % 3] + original[m.end(1) :],
                    encoding="utf-8")


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


@dataclass
class Result:
    """One checked target."""

    name: str
    value: float
    text: str
    target: str
    passed: bool | None  # None: informational


def fmt_mib(kib: float) -> str:
    """KiB as MiB text."""
    return f"{kib / 1024:.0f} MiB"


@dataclass
class Row:
    """One line of the result table: a timing, a checked ratio, or both."""

    label: str
    measurement: Measurement | None = None
    result: Result | None = None
    note: str = ""  # shown instead of a ratio, e.g. "baseline"


def print_table(rows: Sequence[Row]) -> None:
    """Print timings with their ratios, targets and PASS/FAIL."""
    headers = ("measurement", "median s", "min s", "max s", "ratio / value", "target", "result")
    cells: list[tuple[str, ...]] = []
    for row in rows:
        m, r = row.measurement, row.result
        cells.append(
            (
                row.label,
                f"{m.median:.3f}" if m else "",
                f"{m.min:.3f}" if m else "",
                f"{m.max:.3f}" if m else "",
                r.text if r else row.note,
                r.target if r else "",
                verdict(r),
            )
        )
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    right = {1, 2, 3}

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(widths[i]) if i in right else v.ljust(widths[i]) for i, v in enumerate(values)
        ).rstrip()

    print(line(headers))
    print(line(["-" * w for w in widths]))
    for c in cells:
        print(line(c))


def verdict(result: Result | None) -> str:
    """PASS, FAIL, ``(info)`` for an untargeted ratio, or blank."""
    if result is None:
        return ""
    if result.passed is None:
        return "(info)"
    return "PASS" if result.passed else "FAIL"


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description="Benchmark malstyrning validate against the performance targets."
    )
    parser.add_argument("--runs", type=int, default=None, help="timed runs per measurement (5)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke test: storstad with {QUICK_STORSTAD_UNITS} enhet plans, 2 runs; "
        "figures are not comparable with the targets",
    )
    parser.add_argument(
        "--workdir", type=Path, default=DEFAULT_WORKDIR, help="for the repositories"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    parser.add_argument("--regenerate", action="store_true", help="do not reuse generated trees")
    parser.add_argument(
        "--schemas", type=Path, default=REPO_ROOT / "schemas", help="JSON Schemas for the baseline"
    )
    parser.add_argument("--malstyrning", help="command to run instead of the located malstyrning")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per process")
    parser.add_argument(
        "--memory",
        action="store_true",
        help="only peak memory of one cold validate on storstad, with the run limits on",
    )
    parser.add_argument(
        "--broken",
        action="store_true",
        help="only the time for one broken plan file of 0.4, 0.8 and 1.6 MB",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="only storstad cold validate against the yaml_rs + jsonschema_rs floor",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="only render md/html against cold validate (heby, storstad, storstad x2)",
    )
    parser.add_argument(
        "--targets",
        action="store_true",
        help="only the cold / floor / warm targets of issue 13, both storstad generators "
        "side by side (with heby warm and import typer)",
    )
    args = parser.parse_args(argv)
    runs = args.runs if args.runs is not None else (2 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    try:
        if args.broken:
            return broken_file(args, runs)
        if args.render:
            return render_only(args, runs)
        if args.floor:
            return floor_only(args, runs)
        if args.targets:
            return targets_only(args, runs)
        return memory_only(args) if args.memory else benchmark(args, runs)
    except BenchmarkError as exc:
        print(f"\nBENCHMARK ERROR\n{exc}", file=sys.stderr)
        return 2


def benchmark(args: argparse.Namespace, runs: int) -> int:
    """Generate, measure, report. Returns the exit status."""
    machine = machine_info()
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    check_jsonschema = find_check_jsonschema(env)
    plan_schema = args.schemas / "verksamhetsplan.schema.json"
    if not plan_schema.is_file():
        raise BenchmarkError(f"schema not found: {plan_schema}")
    python = Tool([sys.executable], env, sys.executable)

    print("Machine")
    for key, value in machine.items():
        print(f"  {key:26} {value}")
    tools = {
        "malstyrning": malstyrning.note,
        "malstyrning_version": version_of(malstyrning, "--version"),
        "check_jsonschema": check_jsonschema.note,
        "check_jsonschema_version": version_of(check_jsonschema, "--version"),
        "bytecode_cache": env["PYTHONPYCACHEPREFIX"],
    }
    for key, value in tools.items():
        print(f"  {key:26} {value}")
    print(f"  {'runs':26} {runs} timed after 1 warm-up" + ("  (QUICK MODE)" if args.quick else ""))

    # -- repositories --------------------------------------------------------
    print(f"\nRepositories in {args.workdir}")
    storstad_size = str(QUICK_STORSTAD_UNITS) if args.quick else "storstad"
    specs = [("heby", "heby", 1.0)] + [
        (f"storstad-x{scale:g}", storstad_size, scale) for scale in SCALES
    ]
    repos: dict[str, Repo] = {}
    for name, size, scale in specs:
        repo = prepare_repo(args.workdir, name, size, scale, args.seed, args.regenerate)
        repos[name] = repo
        made = (
            f"generated in {repo.generated_seconds:.1f} s"
            if repo.generated_seconds is not None
            else "reused"
        )
        print(f"  {name:14} {repo.files:6} files {repo.bytes / 1e6:7.1f} MB   {made}")
    heby, storstad = repos["heby"], repos["storstad-x1"]

    def validate(repo: Repo, *extra: str) -> list[str]:
        return [*malstyrning.argv, "validate", *extra, str(repo.path)]

    # -- sanity: every repository validates without any finding ---------------
    print("\nChecking that the generated repositories validate without findings")
    bench = Bench(runs, 1, args.timeout)
    for repo in repos.values():
        clear_cache(repo)
        strict = validate(repo, "--no-cache", "--fail-level", "info")
        bench.check(f"malstyrning validate on {repo.name}", strict, malstyrning)
    print("  ok")

    print("\nMeasuring")

    # 4. start-up baseline and heby
    typer = bench.measure(
        "typer",
        'python -c "import typer" (start-up baseline)',
        [[*python.argv, "-c", "import typer"]],
        python,
    )
    heby_cold = bench.measure(
        "heby_cold",
        "heby cold (validate --no-cache)",
        [validate(heby, "--no-cache")],
        malstyrning,
        before=clearing(heby),
    )
    clear_cache(heby)
    bench.check("fill cache (heby)", validate(heby), malstyrning)
    heby_warm = bench.measure(
        "heby_warm", "heby warm cache, unchanged (validate)", [validate(heby)], malstyrning
    )

    # 1. storstad cold, and 6. scaling: x0.5, x1 and x2 taking turns
    scale_jobs = [
        Job(
            "storstad_cold" if scale == 1.0 else f"storstad_cold_x{scale:g}",
            f"storstad x{scale:g} cold",
            [validate(repos[f"storstad-x{scale:g}"], "--no-cache")],
            malstyrning,
            before=clearing(repos[f"storstad-x{scale:g}"]),
        )
        for scale in SCALES
    ]
    scale_jobs.append(floor_job(storstad, python, args.schemas))
    scaled = dict(zip(SCALES, bench.measure_interleaved(scale_jobs)[: len(SCALES)],
                      strict=True))
    cold = scaled[1.0]

    # 2. storstad warm with one plan changed before every run
    units = [p for p in storstad.plan_files() if p.parts[0] == "enheter"]
    if not units:
        raise BenchmarkError("no enhet plans in the storstad repository")
    changed = storstad.path / units[len(units) // 2]
    original = changed.read_text(encoding="utf-8")
    counter = itertools.count(1)
    clear_cache(storstad)
    bench.check("fill cache (storstad)", validate(storstad), malstyrning)
    try:
        warm = bench.measure(
            "storstad_warm",
            "storstad warm cache, 1 file changed (validate)",
            [validate(storstad)],
            malstyrning,
            before=lambda _i: edit_one_plan(changed, original, next(counter)),
        )
    finally:
        changed.write_text(original, encoding="utf-8")
    # For reference: nothing changed (the warm-up run re-caches the restored file).
    unchanged = bench.measure(
        "storstad_warm_unchanged",
        "storstad warm cache, unchanged (validate)",
        [validate(storstad)],
        malstyrning,
    )

    # 3. the baseline: check-jsonschema on the same plan files
    plan_files = [str(p) for p in storstad.plan_files()]
    baseline_cmds = chunk_command(
        [*check_jsonschema.argv, "--schemafile", str(plan_schema.resolve())], plan_files
    )
    baseline = bench.measure(
        "check_jsonschema",
        f"check-jsonschema, storstad ({len(plan_files)} plan files"
        + (f", {len(baseline_cmds)} processes)" if len(baseline_cmds) > 1 else ")"),
        baseline_cmds,
        check_jsonschema,
        cwd=storstad.path,
    )

    # 5. memory: a separate cold run per size, sampling the whole process tree
    memory = measure_memory(
        [repos[f"storstad-x{scale:g}"] for scale in SCALES], validate, malstyrning, args.timeout
    )

    # 7. issue 13: both storstad generators side by side (cold / floor / warm)
    region = prepare_repo(args.workdir, "storregion-x1", "region", 1.0, args.seed,
                          args.regenerate)
    clear_cache(region)
    bench.check("malstyrning validate on storregion-x1",
                validate(region, "--no-cache", "--fail-level", "info"), malstyrning)
    side_lines, side_results = side_by_side(
        args, bench, malstyrning, python, {**repos, "storregion-x1": region})

    # -- results ---------------------------------------------------------------
    results = evaluate(bench.measurements, memory["storstad-x1"])
    rows = [
        Row("storstad cold (validate --no-cache)", cold, results["speedup"]),
        Row(bench.measurements["floor"].label, bench.measurements["floor"], results["floor"]),
        Row("storstad warm, 1 file changed (validate)", warm, results["warm_share"]),
        Row("storstad warm, unchanged (validate)", unchanged, results["unchanged_share"]),
        Row(baseline.label, baseline, note="baseline for cold"),
        Row("heby warm (validate)", heby_warm, results["heby_warm"]),
        Row("heby cold (validate --no-cache)", heby_cold, results["heby_cold"]),
        Row(typer.label, typer, note="baseline for heby"),
        Row("storstad x0.5 cold", scaled[0.5]),
        Row("storstad x2 cold", scaled[2.0]),
        Row("scaling x0.5 -> x1", result=results["scaling_1"]),
        Row("scaling x1 -> x2", result=results["scaling_2"]),
        Row("peak memory storstad cold, largest process", result=results["memory"]),
        Row("peak memory storstad cold, process tree", result=results["memory_tree"]),
    ]
    print()
    if args.quick:
        print(f"QUICK MODE: storstad has {QUICK_STORSTAD_UNITS} enhet plans; not comparable.\n")
    print_table(rows)
    print("\nMemory per size (separate cold runs, process tree sampled every 5 ms)")
    for name, figures in memory.items():
        print(
            f"  {name:14} largest process {fmt_mib(figures['max_rss_kib']):>9}   "
            f"tree {fmt_mib(figures['tree_peak_rss_kib']):>9} RSS "
            f"{fmt_mib(figures['tree_peak_pss_kib']):>9} PSS   "
            f"(at most {figures['tree_peak_processes']} process(es))"
        )
    print()
    print("\n".join(side_lines))
    failed = [r.name for r in results.values() if r.passed is False]
    failed += [f"{group}: {r.name}" for group, rs in side_results.items() for r in rs.values()
               if r.passed is False]
    print()
    print("All targets met." if not failed else "Targets missed: " + "; ".join(failed))

    if args.json:
        report = {
            "quick": args.quick,
            "runs": runs,
            "warmup": 1,
            "machine": machine,
            "tools": tools,
            "repositories": {
                name: {
                    "size": r.size,
                    "scale": r.scale,
                    "files": r.files,
                    "bytes": r.bytes,
                    "generated_seconds": r.generated_seconds,
                }
                for name, r in repos.items()
            },
            "measurements": {m.key: m.as_json() for m in bench.measurements.values()},
            "memory": memory,
            "results": {key: asdict(r) for key, r in results.items()},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"Figures written to {args.json}")
    return 1 if failed else 0


def measure_memory(
    repos: Sequence[Repo],
    validate: Callable[..., list[str]],
    tool: Tool,
    timeout: float,
) -> dict[str, dict[str, int]]:
    """One extra cold run per repository, sampling the memory of the process tree."""
    print("  memory (cold runs, sampling the process tree) …", end="", flush=True)
    memory: dict[str, dict[str, int]] = {}
    for repo in repos:
        clear_cache(repo)
        sampler = TreeSampler()
        run = run_process(
            validate(repo, "--no-cache"), env=tool.env, timeout=timeout, on_start=sampler.start
        )
        sampler.stop()
        if run.returncode != 0:
            raise BenchmarkError(describe_failure(f"memory run on {repo.name}", run))
        memory[repo.name] = {
            "max_rss_kib": run.max_rss_kib,
            "tree_peak_rss_kib": sampler.peak_rss_kib,
            "tree_peak_pss_kib": sampler.peak_pss_kib,
            "tree_peak_processes": sampler.peak_processes,
            "samples": sampler.samples,
            "address_space_limit_bytes": _enforced_limit(sampler.address_space_limits),
        }
    print(" done")
    return memory


def _enforced_limit(seen: set[str]) -> int:
    """The address-space limit the tool set on itself (0 when none was seen)."""
    numbers = [int(v) for v in seen if v.isdigit()]
    return min(numbers) if numbers else 0


BROKEN_SIZES_MB = (0.4, 0.8, 1.6)
BROKEN_PLAN = "namnder/utbildningsnamnden-2027.yaml"


def broken_plan(megabytes: float) -> str:
    """A nämnd plan of about ``megabytes``: half of it goals written as flow mappings with
    misspelt keys, half a `bidrar_till` list of mappings (where ids belong)."""
    lines = ["typ: verksamhetsplan", "organisation: UBN", "nivå: nämnd", "period: 2027–2029",
             "effektmål: ["]
    half = megabytes * 1_000_000 / 2
    size = n = 0
    while size < half:
        line = f"  {{id: X-{n}, nmn: Mål {n}, bidrar_tll: [I1], priod: 2027}},"
        lines.append(line)
        size += len(line.encode()) + 1
        n += 1
    lines.append("  {id: UBN-E1, namn: Mål, period: 2027, bidrar_till: [")
    size = n = 0
    while size < half:
        line = f"    {{idd: Y-{n}, nmn: Mål {n}}},"
        lines.append(line)
        size += len(line.encode()) + 1
        n += 1
    lines += ["  ]}", "]"]
    return "\n".join(lines) + "\n"


def broken_file(args: argparse.Namespace, runs: int) -> int:
    """The time for one broken plan file at 0.4, 0.8 and 1.6 MB (median of ``runs``)."""
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    runs = 1 if args.quick else min(runs, 3)
    medians: list[float] = []
    for megabytes in BROKEN_SIZES_MB:
        repo = args.workdir / f"trasig-{megabytes:g}"
        shutil.rmtree(repo, ignore_errors=True)
        shutil.copytree(REPO_ROOT / "examples" / "plans", repo)
        (repo / BROKEN_PLAN).write_text(broken_plan(megabytes), encoding="utf-8")
        argv = [*malstyrning.argv, "validate", "--no-cache", "-f", "json", str(repo)]
        seconds, shown = [], 0
        for _ in range(runs):
            run = run_process(argv, env=malstyrning.env, timeout=args.timeout)
            if run.returncode != 1:
                raise BenchmarkError(describe_failure(f"broken file {megabytes:g} MB", run))
            seconds.append(run.seconds)
            found = json.loads(run.stdout)["fynd"]
            shown = sum(1 for f in found if f["fil"] == BROKEN_PLAN)
        medians.append(statistics.median(seconds))
        print(f"  broken plan {megabytes:g} MB: {medians[-1]:.2f} s "
              f"(median of {runs}), {shown} findings shown for the file")
    ratios = [b / a for a, b in itertools.pairwise(medians)]
    print("  per doubling: " + ", ".join(f"{r:.2f}x" for r in ratios)
          + f"  (target <= {TARGET_SCALING:g}x)")
    return 0 if all(r <= TARGET_SCALING for r in ratios) else 1


# render time / cold validate time, at most; peak memory of a render (MiB), at most
RENDER_TARGETS = {"md": 1.5, "html": 2.0}
RENDER_HEBY_TARGET = 2.0
RENDER_MEMORY_MIB = 400


def render_only(args: argparse.Namespace, runs: int) -> int:
    """The documents against the cold validate, side by side in one run."""
    machine = machine_info()
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    size = str(QUICK_STORSTAD_UNITS) if args.quick else "storstad"
    repos = [prepare_repo(args.workdir, "heby", "heby", 1.0, args.seed, args.regenerate),
             prepare_repo(args.workdir, "storstad-x1", size, 1.0, args.seed, args.regenerate),
             prepare_repo(args.workdir, "storstad-x2", size, 2.0, args.seed, args.regenerate)]
    print(f"Machine: {machine['cpus']} CPUs, {machine['python']}, load {machine.get('load', '?')}")
    for r in repos:
        print(f"  {r.name:12} {r.files:6} files {r.bytes / 1e6:6.1f} MB")
    out = args.workdir / "render-out"
    bench = Bench(runs, 1, args.timeout)

    def fresh(repo: Repo) -> Callable[[int], None]:
        def hook(_run: int) -> None:
            clear_cache(repo)
            if out.exists():
                shutil.rmtree(out)
        return hook

    jobs = []
    for r in repos:
        jobs.append(Job(f"{r.name}:validate", f"{r.name} validate --no-cache",
                        [[*malstyrning.argv, "validate", "--no-cache", str(r.path)]],
                        malstyrning, before=fresh(r)))
        for fmt in ("md", "html"):
            jobs.append(Job(f"{r.name}:{fmt}", f"{r.name} render --format {fmt}",
                            [[*malstyrning.argv, "render", str(r.path), "--format", fmt,
                              "--out", str(out)]], malstyrning, before=fresh(r)))
    found = {m.key: m for m in bench.measure_interleaved(jobs)}
    failed: list[str] = []
    print(f"\n{'':34}{'median':>9}{'min':>8}{'max':>8}{'peak MiB':>10}{'ratio':>9}  target")
    for r in repos:
        base = found[f"{r.name}:validate"]
        for key in ("validate", "md", "html"):
            m = found[f"{r.name}:{key}"]
            peak = max(m.max_rss_kib) / 1024 if m.max_rss_kib else 0.0
            ratio = m.median / base.median
            target = ""
            if key != "validate":
                limit = RENDER_HEBY_TARGET if r.name == "heby" else RENDER_TARGETS[key]
                ok = ratio <= limit and (r.name == "heby" or peak <= RENDER_MEMORY_MIB)
                target = (f"<= {limit:g}x validate"
                          + ("" if r.name == "heby" else f", <= {RENDER_MEMORY_MIB} MiB")
                          + ("  PASS" if ok else "  FAIL"))
                if not ok and r.name != "storstad-x2":
                    failed.append(f"{r.name} {key}")
            print(f"  {m.label:32}{m.median:8.2f}s{min(m.seconds):7.2f}s{max(m.seconds):7.2f}s"
                  f"{peak:10.0f}{ratio:8.2f}x  {target}")
    for fmt in ("md", "html"):
        growth = found[f"storstad-x2:{fmt}"].median / found[f"storstad-x1:{fmt}"].median
        ok = growth <= 2.0
        print(f"  doubling storstad, render {fmt:4}       {growth:.2f}x time (<= 2x)"
              f"  {'PASS' if ok else 'FAIL'}")
        if not ok:
            failed.append(f"doubling {fmt}")
    if args.json:
        report = {"machine": machine, "runs": runs,
                  "measurements": {k: m.as_json() for k, m in found.items()}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print("\nAll render targets met." if not failed else "Targets missed: " + "; ".join(failed))
    return 1 if failed else 0


def floor_job(repo: Repo, python: Tool, schemas: Path) -> Job:
    """The parse + schema floor (``floor.py``) over ``repo`` on ``FLOOR_JOBS`` workers."""
    return Job("floor", f"parse + schema floor, yaml_rs + jsonschema_rs, {FLOOR_JOBS} processes",
               [[*python.argv, str(BENCH_DIR / "floor.py"), str(repo.path), "--schemas",
                 str(schemas.resolve()), "--jobs", str(FLOOR_JOBS)]], python)


def floor_only(args: argparse.Namespace, runs: int) -> int:
    """The cold validate on storstad against the parse + schema floor, taking turns."""
    machine = machine_info()
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    python = Tool([sys.executable], env, sys.executable)
    size = str(QUICK_STORSTAD_UNITS) if args.quick else "storstad"
    repo = prepare_repo(args.workdir, "storstad-x1", size, 1.0, args.seed, args.regenerate)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine: {machine['cpus']} CPUs, {machine['python']}, load {load} (1/5/15 min)")
    print(f"  {repo.name:12} {repo.files:6} files {repo.bytes / 1e6:6.1f} MB")
    bench = Bench(runs, 1, args.timeout)
    clear_cache(repo)
    bench.check("malstyrning validate on storstad",
                [*malstyrning.argv, "validate", "--no-cache", "--fail-level", "info",
                 str(repo.path)], malstyrning)
    cold, floor = bench.measure_interleaved([
        Job("storstad_cold", "storstad cold (validate --no-cache)",
            [[*malstyrning.argv, "validate", "--no-cache", str(repo.path)]], malstyrning,
            before=clearing(repo)),
        floor_job(repo, python, args.schemas),
    ])
    ratio = cold.median / floor.median
    ok = ratio <= TARGET_FLOOR_FACTOR
    width = max(len(m.label) for m in (cold, floor))
    print(f"\n  {'':{width}}{'median':>9}{'min':>8}{'max':>8}")
    for m in (cold, floor):
        print(f"  {m.label:{width}}{m.median:8.3f}s{m.min:7.3f}s{m.max:7.3f}s")
    print(f"  cold / floor: {ratio:.2f}x (target <= {TARGET_FLOOR_FACTOR:g}x)"
          f"  {'PASS' if ok else 'FAIL'}")
    if args.json:
        report = {"machine": machine, "runs": runs, "ratio": ratio,
                  "measurements": {m.key: m.as_json() for m in (cold, floor)}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0 if ok else 1


# The two storstad generators (issue 13): the project's (Heby's model, ~2,000 plans of
# the same middling size) and generate_region.py (the region model, a dozen large flow
# style förvaltning plans and ~2,000 tiny enhet plans, other id patterns).
STORSTADS = (("storstad", "storstad-x1", "storstad"), ("storregion", "storregion-x1", "region"))


def region_schemas(workdir: Path, repo: Repo, malstyrning: Tool) -> Path:
    """The JSON Schemas of ``repo``'s own model (for its floor), written by the tool."""
    out = workdir / f"{repo.name}-scheman"
    run = run_process([*malstyrning.argv, "schema", str(repo.path), "--out", str(out)],
                      cwd=None, env=malstyrning.env, timeout=120)
    if run.returncode != 0:
        raise BenchmarkError(describe_failure("malstyrning schema", run))
    return out


def side_by_side(args: argparse.Namespace, bench: Bench, malstyrning: Tool, python: Tool,
                 repos: dict[str, Repo]) -> tuple[list[str], dict[str, dict[str, Result]]]:
    """Measure cold (taking turns with its floor) on both storstad generators, then, all
    taking turns in one measurement so that the machine's load hits them alike: ``import
    typer``, heby warm, and on each storstad warm with one enhet plan's title changed
    before the run, warm with nothing changed since and warm with one ``bidrar_till``
    changed in another enhet plan (a fact the repository-wide rules read). Returns the
    table's lines and the checked results per generator."""
    figures: dict[str, dict[str, Measurement]] = {}
    warm_jobs: list[Job] = []
    restore: list[tuple[Path, str]] = []
    for label, name, size in STORSTADS:
        repo = repos[name]
        schemas = args.schemas if size != "region" else region_schemas(
            args.workdir, repo, malstyrning)
        cold, floor = bench.measure_interleaved([
            Job(f"{label}_cold", f"{label} cold (validate --no-cache)",
                [[*malstyrning.argv, "validate", "--no-cache", str(repo.path)]], malstyrning,
                before=clearing(repo)),
            Job(f"{label}_floor", f"{label} parse + schema floor",
                floor_job(repo, python, schemas).commands, python),
        ])
        figures[label] = {"cold": cold, "floor": floor}
        units = [p for p in repo.plan_files() if p.parts[0] == "enheter"]
        changed = repo.path / units[len(units) // 2]
        original = changed.read_text(encoding="utf-8")
        restore.append((changed, original))
        counter = itertools.count(1)
        relinked = repo.path / units[len(units) // 3]
        relinked_original = relinked.read_text(encoding="utf-8")
        restore.append((relinked, relinked_original))
        relink_counter = itertools.count(1)
        clear_cache(repo)
        validate = [*malstyrning.argv, "validate", str(repo.path)]
        bench.check(f"fill cache ({label})", validate, malstyrning)
        warm_jobs.append(Job(f"{label}_warm", f"{label} warm, 1 file changed", [validate],
                             malstyrning, before=lambda _i, c=changed, o=original, n=counter:
                             edit_one_plan(c, o, next(n))))
        warm_jobs.append(Job(f"{label}_unchanged", f"{label} warm, unchanged", [validate],
                             malstyrning))
        warm_jobs.append(Job(f"{label}_reference", f"{label} warm, 1 reference changed",
                             [validate], malstyrning,
                             before=lambda _i, c=relinked, o=relinked_original,
                             n=relink_counter: edit_one_reference(c, o, next(n))))
    heby = repos["heby"]
    bench.check("fill cache (heby)", [*malstyrning.argv, "validate", str(heby.path)],
                malstyrning)
    try:
        typer, heby_warm, *warm = bench.measure_interleaved([
            Job("i13_typer", 'python -c "import typer"', [[*python.argv, "-c", "import typer"]],
                python),
            Job("i13_heby_warm", "heby warm (validate)",
                [[*malstyrning.argv, "validate", str(heby.path)]], malstyrning),
            *warm_jobs])
    finally:
        for path, text in restore:
            path.write_text(text, encoding="utf-8")
    for (label, _name, _size), (changed_run, unchanged_run, reference_run) in zip(
            STORSTADS, zip(warm[::3], warm[1::3], warm[2::3], strict=True), strict=True):
        figures[label]["warm"], figures[label]["unchanged"] = changed_run, unchanged_run
        figures[label]["reference"] = reference_run
    heby = heby_warm.median
    results: dict[str, dict[str, Result]] = {}
    for label, f in figures.items():
        cold, floor = f["cold"].median, f["floor"].median
        warm, unchanged = f["warm"].median, f["unchanged"].median
        reference = f["reference"].median
        results[label] = {
            "cold_floor": Result("cold / floor", cold / floor, f"{cold / floor:.2f}x",
                                 f"<= {TARGET_FLOOR_FACTOR:g}x",
                                 cold / floor <= TARGET_FLOOR_FACTOR),
            "warm_seconds": Result("warm, 1 changed", warm, f"{warm:.3f} s",
                                   f"<= {TARGET_WARM_SECONDS:g} s", warm <= TARGET_WARM_SECONDS),
            "warm_heby": Result("warm, 1 changed / heby warm", warm / heby,
                                f"{warm / heby:.2f}x", f"<= {TARGET_WARM_HEBY:g}x",
                                warm / heby <= TARGET_WARM_HEBY),
            "reference_seconds": Result("warm, 1 reference changed", reference,
                                        f"{reference:.3f} s", f"<= {TARGET_WARM_SECONDS:g} s",
                                        reference <= TARGET_WARM_SECONDS),
            "reference_heby": Result("warm, 1 reference changed / heby", reference / heby,
                                     f"{reference / heby:.2f}x", f"<= {TARGET_WARM_HEBY:g}x",
                                     reference / heby <= TARGET_WARM_HEBY),
            "unchanged_heby": Result("warm, unchanged / heby warm", unchanged / heby,
                                     f"{unchanged / heby:.2f}x", f"<= {TARGET_UNCHANGED_HEBY:g}x",
                                     unchanged / heby <= TARGET_UNCHANGED_HEBY),
        }
    labels = [label for label, _n, _s in STORSTADS]
    lines = ["issue 13 targets, both storstad generators side by side (medians)"]
    head = f"  {'':34}" + "".join(f"{label:>24}" for label in labels) + "   target"
    lines.append(head)

    def row(text: str, cells: list[str], target: str = "") -> None:
        lines.append(f"  {text:34}" + "".join(f"{c:>24}" for c in cells) + f"   {target}")

    row("files / MB", [f"{repos[n].files} / {repos[n].bytes / 1e6:.1f}" for _l, n, _s in STORSTADS])
    for key, text in (("cold", "cold s"), ("floor", "floor s"), ("warm", "warm, 1 changed s"),
                      ("unchanged", "warm, unchanged s"),
                      ("reference", "warm, 1 reference changed s")):
        row(text, [f"{figures[label][key].median:.3f}" for label in labels])
    for key in ("cold_floor", "warm_seconds", "warm_heby", "reference_seconds",
                "reference_heby", "unchanged_heby"):
        first = results[labels[0]][key]
        row(first.name, [f"{results[label][key].text} {verdict(results[label][key])}"
                         for label in labels], first.target)
    ratio = heby / typer.median
    ok = ratio <= TARGET_HEBY_TYPER
    lines.append(f"  heby warm {heby:.3f} s = {ratio:.2f}x import typer ({typer.median:.3f} s)"
                 f"   target <= {TARGET_HEBY_TYPER:g}x  {'PASS' if ok else 'FAIL'}")
    results["heby"] = {"heby_typer": Result("heby warm / import typer", ratio, f"{ratio:.2f}x",
                                            f"<= {TARGET_HEBY_TYPER:g}x", ok)}
    return lines, results


def targets_only(args: argparse.Namespace, runs: int) -> int:
    """The issue 13 targets alone, both storstad generators side by side."""
    machine = machine_info()
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    python = Tool([sys.executable], env, sys.executable)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Machine: {machine['cpus']} CPUs, {machine['python']}, load {load} (1/5/15 min)")
    repos = {"heby": prepare_repo(args.workdir, "heby", "heby", 1.0, args.seed, args.regenerate)}
    for _label, name, size in STORSTADS:
        if size == "storstad" and args.quick:
            size = str(QUICK_STORSTAD_UNITS)
        repos[name] = prepare_repo(args.workdir, name, size, 1.0, args.seed, args.regenerate)
    bench = Bench(runs, 1, args.timeout)
    for repo in repos.values():
        print(f"  {repo.name:14} {repo.files:6} files {repo.bytes / 1e6:6.1f} MB")
        clear_cache(repo)
        bench.check(f"malstyrning validate on {repo.name}",
                    [*malstyrning.argv, "validate", "--no-cache", "--fail-level", "info",
                     str(repo.path)], malstyrning)
    lines, results = side_by_side(args, bench, malstyrning, python, repos)
    print()
    print("\n".join(lines))
    if args.json:
        report = {"machine": machine, "runs": runs,
                  "measurements": {k: m.as_json() for k, m in bench.measurements.items()},
                  "results": {g: {k: asdict(r) for k, r in rs.items()}
                              for g, rs in results.items()}}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    failed = [r for rs in results.values() for r in rs.values() if r.passed is False]
    return 1 if failed else 0


def memory_only(args: argparse.Namespace) -> int:
    """Figure 5 alone: one cold ``validate --no-cache`` on storstad, run limits on."""
    machine = machine_info()
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = child_environment(args.workdir.resolve() / "pycache")
    malstyrning = find_malstyrning(args.malstyrning, env)
    size = str(QUICK_STORSTAD_UNITS) if args.quick else "storstad"
    repo = prepare_repo(args.workdir, "storstad-x1", size, 1.0, args.seed, args.regenerate)
    print(f"storstad: {repo.files} files, {repo.bytes / 1e6:.1f} MB "
          f"({machine['cpus']} CPUs, {machine['python']})")

    def validate(r: Repo, *extra: str) -> list[str]:
        return [*malstyrning.argv, "validate", *extra, str(r.path)]

    clear_cache(repo)
    Bench(1, 0, args.timeout).check(
        "malstyrning validate on storstad",
        validate(repo, "--no-cache", "--fail-level", "info"),
        malstyrning,
    )
    figures = measure_memory([repo], validate, malstyrning, args.timeout)[repo.name]
    limit = figures["address_space_limit_bytes"]
    print(f"  peak memory, largest process (ru_maxrss)  {fmt_mib(figures['max_rss_kib'])}")
    print(f"  peak memory, process tree (sampled)       {fmt_mib(figures['tree_peak_rss_kib'])}"
          f" RSS, {fmt_mib(figures['tree_peak_pss_kib'])} PSS, "
          f"{figures['tree_peak_processes']} process(es)")
    print("  address-space limit in force (RLIMIT_AS)  "
          + (f"{limit / 2**20:.0f} MiB (gränser: max_minne_mb)" if limit else "none seen"))
    if args.json:
        report = {"machine": machine, "repository": {"files": repo.files, "bytes": repo.bytes},
                  "memory": figures}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    if not limit:
        print("The run limits were not in force: the figure is not the one asked for.")
        return 1
    return 0 if figures["max_rss_kib"] / 1024 <= TARGET_MEMORY_MIB else 1


def evaluate(ms: dict[str, Measurement], memory: dict[str, int]) -> dict[str, Result]:
    """Ratios and memory figures, checked against the targets.

    ``memory`` is the memory run of storstad at scale 1.
    """
    cold, warm = ms["storstad_cold"], ms["storstad_warm"]
    half, double = ms["storstad_cold_x0.5"], ms["storstad_cold_x2"]
    typer = ms["typer"]
    floor = cold.median / ms["floor"].median
    speedup = ms["check_jsonschema"].median / cold.median
    warm_share = warm.median / cold.median
    unchanged_share = ms["storstad_warm_unchanged"].median / cold.median
    heby_warm = ms["heby_warm"].median / typer.median
    heby_cold = ms["heby_cold"].median / typer.median
    scaling_1 = cold.median / half.median
    scaling_2 = double.median / cold.median
    largest = max([memory["max_rss_kib"], *cold.max_rss_kib]) / 1024
    tree = memory["tree_peak_rss_kib"] / 1024
    pss = memory["tree_peak_pss_kib"] / 1024
    return {
        "floor": Result(
            "storstad cold / parse + schema floor",
            floor,
            f"{floor:.2f}x the floor",
            f"<= {TARGET_FLOOR_FACTOR:g}x the floor",
            floor <= TARGET_FLOOR_FACTOR,
        ),
        "speedup": Result(
            "storstad cold vs check-jsonschema",
            speedup,
            f"{speedup:.1f}x faster",
            f">= {TARGET_SPEEDUP:g}x faster",
            speedup >= TARGET_SPEEDUP,
        ),
        "warm_share": Result(
            "storstad warm / cold",
            warm_share,
            f"{warm_share:.3f} of cold (1/{1 / warm_share:.{0 if warm_share < 0.1 else 1}f})",
            f"<= 1/{1 / TARGET_WARM_SHARE:.0f} of cold",
            warm_share <= TARGET_WARM_SHARE,
        ),
        "unchanged_share": Result(
            "storstad warm unchanged / cold",
            unchanged_share,
            f"{unchanged_share:.3f} of cold",
            "",
            None,
        ),
        "heby_warm": Result(
            "heby warm / import typer",
            heby_warm,
            f"{heby_warm:.2f}x import typer",
            f"<= {TARGET_HEBY_FACTOR:g}x import typer",
            heby_warm <= TARGET_HEBY_FACTOR,
        ),
        "heby_cold": Result(
            "heby cold / import typer", heby_cold, f"{heby_cold:.2f}x import typer", "", None
        ),
        "scaling_1": Result(
            "storstad x1 / x0.5",
            scaling_1,
            f"{scaling_1:.2f}x time of x0.5",
            f"<= {TARGET_SCALING:g}x",
            scaling_1 <= TARGET_SCALING,
        ),
        "scaling_2": Result(
            "storstad x2 / x1",
            scaling_2,
            f"{scaling_2:.2f}x time of x1",
            f"<= {TARGET_SCALING:g}x",
            scaling_2 <= TARGET_SCALING,
        ),
        "memory": Result(
            "peak memory, largest process",
            largest,
            f"{largest:.0f} MiB",
            f"<= {TARGET_MEMORY_MIB:g} MiB",
            largest <= TARGET_MEMORY_MIB,
        ),
        "memory_tree": Result(
            "peak memory, process tree",
            tree,
            f"{tree:.0f} MiB RSS, {pss:.0f} MiB PSS",
            f"<= {TARGET_MEMORY_MIB:g} MiB",
            tree <= TARGET_MEMORY_MIB,
        ),
    }


def chunk_command(prefix: list[str], files: list[str]) -> list[list[str]]:
    """Split ``prefix + files`` into commands that fit the OS argument limit."""
    try:
        limit = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        limit = 131072
    budget = (
        limit // 2
        - sum(len(a) + 1 for a in prefix)
        - sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    )
    commands: list[list[str]] = []
    current: list[str] = []
    used = 0
    for f in files:
        if current and used + len(f) + 1 > budget:
            commands.append(prefix + current)
            current, used = [], 0
        current.append(f)
        used += len(f) + 1
    commands.append(prefix + current)
    return commands


if __name__ == "__main__":
    sys.exit(main())
