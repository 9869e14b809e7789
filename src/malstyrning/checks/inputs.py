"""What the repository-wide rules read besides the plan files and ``malstyrning.yaml``.

Each function gives a key of one such input (its content) for a repository root; a
warm run reuses the last run's repository-wide findings only while every key is the
same (see malstyrning.incremental). They live apart from the rules so that a warm run
can tell that nothing changed without importing the rule modules; a rule that reads
another file of the repository adds its key here (a test checks that the rule modules
read no input this module does not name).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from malstyrning.kolada import METADATA_FILE


def catalogue_key(root: Path) -> str:
    """The content of the Kolada catalogue the Kolada rules read (empty when none)."""
    from malstyrning.cache import content_key

    try:
        return content_key(METADATA_FILE, (root / METADATA_FILE).read_bytes())
    except OSError:
        return ""


REPO_INPUTS: tuple[Callable[[Path], str], ...] = (catalogue_key,)
