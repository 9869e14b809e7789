"""Limits on one run (``gränser:`` in malstyrning.yaml), with their defaults and reasons.

Every limit bounds what a hostile or mistaken repository can cost: a run started in a
home folder, a file that never ends, a tree of links. Exceeding one is a finding (or a
usage error) that names the limit and how to raise it, never an out-of-memory kill.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The command line sets this: a real run caps its address space at ``max_minne_mb``;
# in-process callers (tests, an editor integration) keep the limits of their host.
ENFORCE_MEMORY_LIMIT = False

# The largest realistic plan repository we benchmark (a city of 2,000 files, 26 MB) stays
# an order of magnitude below every default.
DEFAULTS: dict[str, int] = {
    "max_filer": 20_000,
    "max_byte_totalt": 300_000_000,
    "max_filstorlek_byte": 10_000_000,
    "max_mappdjup": 32,
    "max_minne_mb": 8_192,
    # Past this many findings in one file the rest are counted in one summary finding:
    # nobody reads more, and a broken file can yield hundreds of thousands.
    "max_fynd_per_fil": 200,
}


@dataclass(frozen=True, slots=True)
class RunLimits:
    """The limits in force for one run."""

    max_files: int = DEFAULTS["max_filer"]
    max_total_bytes: int = DEFAULTS["max_byte_totalt"]
    max_file_bytes: int = DEFAULTS["max_filstorlek_byte"]
    max_folder_depth: int = DEFAULTS["max_mappdjup"]
    max_memory_mb: int = DEFAULTS["max_minne_mb"]
    max_findings_per_file: int = DEFAULTS["max_fynd_per_fil"]

    @classmethod
    def from_data(cls, data: Any) -> RunLimits:
        """From the (schema-checked) ``gränser`` mapping; missing keys keep defaults."""
        given = data if isinstance(data, dict) else {}
        values = {**DEFAULTS, **{k: v for k, v in given.items()
                                 if k in DEFAULTS and isinstance(v, int)
                                 and not isinstance(v, bool) and v > 0}}
        return cls(values["max_filer"], values["max_byte_totalt"],
                   values["max_filstorlek_byte"], values["max_mappdjup"],
                   values["max_minne_mb"], values["max_fynd_per_fil"])


def apply_memory_limit(limits: RunLimits) -> bool:
    """Cap this process's address space (and its workers') where the OS allows it.

    Past the cap, allocations fail with MemoryError, which the CLI reports as the
    limit ``max_minne_mb``; without it the kernel would kill the run without a word.
    Returns False where the platform has no such limit (Windows).
    """
    try:
        import resource
    except ImportError:
        return False
    wanted = limits.max_memory_mb * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return False
    return True
