"""Indentation detection, the splice that keeps untouched lines, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from malstyrning.kolada.files import write_atomic
from malstyrning.kolada.yamledit import Indent, detect_indent


@pytest.mark.parametrize(("text", "expected"), [
    ("typ: x\nutfall:\n  - a: 1\n    b:\n      c: 2\n", Indent(2, 4, 2)),
    ("typ: x\nutfall:\n- a: 1\n  b:\n    c: 2\n", Indent(2, 2, 0)),
    ("typ: x\nvision:\n    id: V\nlista:\n    -   a\n", Indent(4, 8, 4)),
    ("# bara: kommentar\ntyp: x\n", Indent(2, 4, 2)),
    ("analys: |\n  text\nutfall:\n  - a\n", Indent(2, 4, 2)),
])
def test_detect_indent(text: str, expected: Indent) -> None:
    assert detect_indent(text) == expected


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o640)
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_write_atomic_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "uppfoljning" / "2026-helar" / "ubn.yaml"
    write_atomic(path, b"typ: uppf\xc3\xb6ljning\n")
    assert path.read_bytes() == "typ: uppföljning\n".encode()


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "ny.yaml"
    write_atomic(path, b"a: 1\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
