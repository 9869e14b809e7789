"""What must hold for every repository, however broken: the fuzzer's oracle.

``check_repository`` writes the files into a fresh folder and runs the real commands
in-process (the typer app through CliRunner):

- ``validate`` exits 0 or 1, never 2 (2 only for a broken ``malstyrning.yaml``, which
  is a configuration error by design, and then with its findings);
- every finding has a file, a line ≥ 1, a column ≥ 1 and a Swedish message;
- the JSON output parses, and is the same with and without the cache;
- ``render`` succeeds: without ``--force`` when validate passed, with it otherwise.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import traceback
from pathlib import Path

from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.findings import Finding, Severity
from malstyrning.output import Report, formats
from malstyrning.pipeline import ConfigError, run

_RUNNER = CliRunner()

# Words an untranslated Python or library message would carry.
_ENGLISH = re.compile(
    r"\b(?:Traceback|Exception|Error\b|error:|invalid|not allowed|must be|should be|"
    r"expected|found|unexpected|while (?:scanning|parsing)|cannot|could not|is not|"
    r"Exceeds|argument|object|NoneType|None\b)", re.I)
_SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(?:är|ska|inte|har|finns|saknar|och|som|på|till|en|ett|"
                      r"med|för|kan|filen|texten|nyckeln|talet)\b", re.I)


class PropertyFailure(AssertionError):
    """One property did not hold; the message says which and shows the evidence."""


def _fail(what: str, detail: str) -> None:
    raise PropertyFailure(f"{what}: {detail[:3000]}")


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = _RUNNER.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        _fail(f"internt fel i `{' '.join(a for a in args if not a.startswith('/'))}`", tb)
    return result.exit_code, result.stdout, result.stderr


def write_files(root: Path, files: dict[str, bytes]) -> None:
    if root.exists():
        shutil.rmtree(root)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def check_finding(finding: dict[str, object]) -> None:
    message = str(finding.get("meddelande", ""))
    if not finding.get("fil"):
        _fail("fynd utan fil", json.dumps(finding, ensure_ascii=False))
    for key in ("rad", "kolumn"):
        value = finding.get(key)
        if not isinstance(value, int) or value < 1:
            _fail(f"fynd med {key} {value!r}", json.dumps(finding, ensure_ascii=False))
    # a value quoted in the message (`…`) may be anything the file holds
    prose = re.sub(r"`[^`]*`|\"[^\"]*\"|\([^)]*\)", "", message)
    if not message or not _SWEDISH.search(prose) or _ENGLISH.search(prose):
        _fail("fynd utan svenskt meddelande", json.dumps(finding, ensure_ascii=False))


def _formats_hold(root: Path, findings: list[Finding], file_count: int) -> str:
    """Every output format writes the findings as UTF-8; returns the JSON output."""
    from malstyrning.cli import _source_reader

    json_text = ""
    for name, formatter in sorted(formats().items()):
        buffer = io.StringIO()
        formatter(Report(findings, root, file_count, _source_reader(root), False), buffer)
        text = buffer.getvalue()
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            _fail(f"formatet {name} kan inte skrivas som UTF-8", f"{error}: {text[:1500]}")
        if name == "json":
            json_text = text
    return json_text


def _validate(root: Path, use_cache: bool) -> tuple[int, list[Finding], int]:
    """validate in-process, as the command does it: (exit code, findings, files)."""
    try:
        result = run(root, use_cache=use_cache, jobs=1)
    except ConfigError as error:
        return 2, error.findings, 1
    except Exception:  # any other exception is an internal error (exit 2)
        _fail("internt fel i validate", traceback.format_exc())
    code = 1 if any(f.severity >= Severity.ERROR for f in result.findings) else 0
    return code, result.findings, len(result.files)


def check_repository(files: dict[str, bytes], root: Path, *, render: bool = True,
                     cli: bool = True, no_cache: bool = True) -> dict[str, int]:
    """Run every property over one repository; PropertyFailure when one does not hold.

    ``cli`` also runs ``validate`` through the command line (slower, same checks);
    ``render`` runs ``render`` (the slowest part, so a long campaign samples it).
    Returns the exit code and the number of findings, for statistics.
    """
    write_files(root, files)
    folder = str(root)
    # without ``no_cache`` the first run fills an empty cache (every file a miss), which
    # computes everything as a run without the cache does
    code, findings, count = _validate(root, use_cache=not no_cache)
    if code == 2 and not all(f.file == "malstyrning.yaml" for f in findings):
        _fail("validate gav felkod 2", "\n".join(f"{f.file}:{f.line}: {f.message}"
                                                 for f in findings))
    out = _formats_hold(root, findings, count)
    try:
        report = json.loads(out)
    except ValueError as error:
        _fail("JSON-utdata går inte att läsa", f"{error}: {out[:2000]}")
    for finding in report["fynd"]:
        check_finding(finding)
    if cli:
        cli_code, cli_out, cli_err = _invoke(["validate", folder, "-f", "json", "--no-cache"])
        if cli_code != code or (code != 2 and cli_out != out):
            _fail("kommandoraden och pipelinen är oense", f"{cli_code} ≠ {code}: {cli_err}")
    if code == 2:
        return {"validate": code, "fynd": len(findings)}

    # the cache: a first run fills it, a second reads it; both as without a cache
    expected = [f.to_json() for f in findings]
    for attempt in ("fyller cachen", "läser cachen")[0 if no_cache else 1:]:
        cached_code, cached, _count = _validate(root, use_cache=True)
        if (cached_code, [f.to_json() for f in cached]) != (code, expected):
            _fail(f"utdata skiljer sig med cache ({attempt})",
                  f"utan cache: {expected}\nmed cache: {[f.to_json() for f in cached]}")

    if render:
        out_dir = root.parent / (root.name + "-dokument")
        args = ["render", folder, "--out", str(out_dir), "--format",
                "html" if len(files) % 2 else "md"]
        if code == 1:
            args.append("--force")
        render_code, render_out, render_err = _invoke(args)
        if render_code != 0:
            _fail(f"render gav felkod {render_code}"
                  + (" trots --force" if code == 1 else " fast validate godkände planen"),
                  render_err + render_out)
        shutil.rmtree(out_dir, ignore_errors=True)
    return {"validate": code, "fynd": len(findings)}
