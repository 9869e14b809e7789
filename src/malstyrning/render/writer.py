"""Write rendered documents atomically, touching only the files the renderer owns.

Everything is written to a temporary folder next to ``--out`` first, then each file is
moved into place with ``os.replace`` (atomic on one file system): a reader never sees
a half-written document, and a failed render leaves the old documents as they were.
Files in ``--out`` that this render does not produce are never touched or deleted.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def write_atomically(out: Path, files: Mapping[str, str]) -> WriteResult:
    """Write ``files`` (name → text, UTF-8, ``\\n`` line ends) into the folder ``out``."""
    for name in files:
        if not name or name != Path(name).name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} finns redan och är ingen mapp.")
    parent = out.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    result = WriteResult()
    staging = Path(tempfile.mkdtemp(prefix=".malstyrning-render-", dir=parent))
    try:
        encoded = {name: text.encode("utf-8") for name, text in files.items()}
        for name, data in encoded.items():
            with open(staging / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        out.mkdir(exist_ok=True)
        for name in sorted(encoded):
            target = out / name
            # An unchanged document keeps its file (and modification time).
            if target.is_file() and target.read_bytes() == encoded[name]:
                result.unchanged.append(target)
                continue
            os.replace(staging / name, target)
            result.written.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
