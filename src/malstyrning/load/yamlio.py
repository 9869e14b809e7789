"""The two YAML readers and how they are configured.

ruamel.yaml is the authority: YAML 1.2 core schema, with dates kept as text (a plan
file's ``2027-01-15`` is validated as an ISO date string, as editors see it). yaml-rs
(Rust) reads the same YAML 1.2 about thirty times faster; the loader uses it first and
falls back to ruamel.yaml whenever it refuses a file or the result looks unusual, so
every problem is described by ruamel.yaml. ``tests/load/test_equivalence.py`` proves
both give identical data.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Aliases are never needed in a plan; a handful are tolerated, a "billion laughs"
# file stops here after a few thousand replayed events instead of expanding.
ALIAS_EVENT_LIMIT = 20_000


@cache
def _fast() -> tuple[Any, Any]:
    import yaml_rs

    limits = yaml_rs.AliasLimits(
        max_total_replayed_events=ALIAS_EVENT_LIMIT, max_replay_stack_depth=32
    )
    return yaml_rs, limits


def fast_load(text: str) -> Any:
    """Read with yaml-rs (raises on anything it does not accept)."""
    yaml_rs, limits = _fast()
    return yaml_rs.loads(
        text,
        parse_datetime=False,
        alias_limits=limits,
        duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error,
    )


@cache
def _constructor_class() -> Any:
    from ruamel.yaml.constructor import SafeConstructor

    class _Constructor(SafeConstructor):
        pass

    # YAML 1.2 core schema: dates and a bare "=" are plain text.
    for tag in ("timestamp", "value"):
        _Constructor.add_constructor(f"tag:yaml.org,2002:{tag}",
                                     SafeConstructor.construct_yaml_str)
    return _Constructor


def ruamel_safe() -> Any:
    """A fresh safe, pure ruamel.yaml reader: YAML 1.2, dates as text, duplicate keys
    refused. Fresh for every file, so a ``%YAML 1.1`` directive in one file cannot
    change how the next one is read."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.version = (1, 2)
    yaml.Constructor = _constructor_class()
    yaml.allow_duplicate_keys = False
    return yaml


def slow_load_all(text: str) -> list[Any]:
    """Compose every document with ruamel.yaml (nodes, not yet Python values)."""
    return list(ruamel_safe().compose_all(text))


def construct(node: Any) -> Any:
    """Turn one composed document into Python data (duplicate keys raise here)."""
    return ruamel_safe().constructor.construct_document(node)
