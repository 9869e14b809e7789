"""The parse + schema floor: yaml_rs and jsonschema_rs alone over a plan repository.

A skeleton of the cold ``validate --no-cache`` that does only what no validator of
these files can skip: read every YAML file, decode it, parse it with yaml_rs (the
options malstyrning uses) and check it with jsonschema_rs against its JSON Schema
(``malstyrning.yaml``, ``organisation.yaml`` and the plans each against their own),
on ``--jobs`` worker processes (2, as ``validate`` uses on these machines). No
cross-file rules, no positions, no findings text, no CLI start-up beyond Python
itself: ``benchmarks/run.py --floor`` times it side by side with the cold validate.

Prints the number of files and of files with a schema error; exit status 0 unless
a file cannot be parsed at all (then the comparison would be meaningless).

Usage::

    python benchmarks/floor.py REPO [--schemas DIR] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

SCHEMA_FOR = {"malstyrning.yaml": "installningar", "organisation.yaml": "organisation"}
PLAN_SCHEMA = "verksamhetsplan"

_validators: dict[str, Any] = {}


def _check(batch: list[str], schemas: str) -> tuple[int, int]:
    """Parse and schema-check ``batch``: (files read, files with a schema error)."""
    import jsonschema_rs
    import yaml_rs

    limits = yaml_rs.AliasLimits(max_total_replayed_events=20_000, max_replay_stack_depth=32)
    invalid = 0
    for name in batch:
        path = Path(name)
        kind = SCHEMA_FOR.get(path.name, PLAN_SCHEMA)
        validator = _validators.get(kind)
        if validator is None:
            schema = json.loads((Path(schemas) / f"{kind}.schema.json").read_text("utf-8"))
            validator = _validators[kind] = jsonschema_rs.validator_for(
                schema, validate_formats=True)
        data = yaml_rs.loads(path.read_bytes().decode("utf-8"), parse_datetime=False,
                             alias_limits=limits,
                             duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
        if not validator.is_valid(data):
            invalid += 1
    return len(batch), invalid


def yaml_files(root: Path) -> list[str]:
    """Every YAML file below ``root`` outside hidden folders, sorted."""
    return sorted(
        str(p) for p in root.rglob("*.yaml")
        if not any(part.startswith(".") for part in p.relative_to(root).parts))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--schemas", type=Path,
                        default=Path(__file__).resolve().parent.parent / "schemas")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    files = yaml_files(args.repo)
    schemas = str(args.schemas)
    if args.jobs <= 1:
        results = [_check(files, schemas)]
    else:
        # Interleaved batches, so that both workers get plans of every size.
        batches = [files[i::args.jobs] for i in range(args.jobs)]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_check, batches, [schemas] * len(batches)))
    read = sum(r[0] for r in results)
    invalid = sum(r[1] for r in results)
    print(f"{read} files parsed and schema-checked, {invalid} with schema errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
