"""Random edit sequences on a plan repository, and the oracle that a cached run, an
incremental run and a cold run agree (issue 13).

``run_sequence`` copies a repository, then applies seeded random edits one after the
other — a changed title, a broken or repaired ``bidrar_till``, a deleted, added or
renamed file, a duplicated id, a cycle, a changed ``malstyrning.yaml``, a same-size
edit, broken YAML, a file put back as it was — and after each edit runs ``validate
-f json`` three times through the command line in this process: with the cache left
by the previous edit (incremental), with the cache it just wrote (nothing changed),
and with ``--no-cache`` (cold). The exit codes and the JSON output must be the same.

The cache trusts an unchanged size, modification time, change time and inode (as
git's index does) except for files modified within two seconds of the cache's
writing; edits here come faster than that, so the sequence turns the two-second rule
off and gives every edited file a new modification time of its own, which is what
the rule exists to guarantee.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from malstyrning import cache as cache_module
from malstyrning.cli import app

_RUNNER = CliRunner()
_ID = re.compile(r"^(\s*-?\s*id:\s*)(\S+)\s*$", re.M)
_NAME = re.compile(r"^(\s*-?\s*namn:\s*)(.+)$", re.M)
_REFS = re.compile(r"^(\s*bidrar_till:\s*)\[([^\]\n]*)\]", re.M)
_WORDS = ("Bättre", "skola", "för", "alla", "trygghet", "ÅÄÖ", "miljö", "123", "–", "\"x\"",
          ": kolon", "#", "  ", "'", "[", "{a: b}", "ny")


class Mismatch(AssertionError):
    """A cached or incremental run disagreed with the cold run."""


@dataclass
class Outcome:
    code: int
    out: str


def validate(root: Path, *extra: str, command: str = "validate") -> Outcome:
    args = [command, str(root), *extra] + (["-f", "json"] if command == "validate" else [])
    result = _RUNNER.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout)


@contextmanager
def trusted_stats() -> Iterator[None]:
    """Turn the cache's two-second "racily clean" rule off (see the module docstring)."""
    saved = cache_module._RACY_NS
    cache_module._RACY_NS = 0
    try:
        yield
    finally:
        cache_module._RACY_NS = saved


@dataclass
class Editor:
    """Applies random edits to the repository at ``root``."""

    root: Path
    rng: random.Random
    originals: dict[str, str] = field(default_factory=dict)
    clock: int = 1_700_000_000 * 10**9
    log: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.originals = {rel: (self.root / rel).read_text("utf-8") for rel in self.files()}

    def files(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.yaml")
                      if ".malstyrning_cache" not in p.parts)

    def plans(self) -> list[str]:
        return [f for f in self.files() if f != "malstyrning.yaml"]

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text("utf-8", "replace")

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        self.touch(rel)

    def touch(self, rel: str) -> None:
        self.clock += 10**9 + self.rng.randrange(10**6)
        os.utime(self.root / rel, ns=(self.clock, self.clock))

    def ids(self) -> list[str]:
        return sorted({m.group(2) for rel in self.plans() for m in _ID.finditer(self.read(rel))})

    def _pick_match(self, pattern: re.Pattern[str]) -> tuple[str, str, re.Match[str]] | None:
        candidates = [(rel, text, m) for rel in self.plans()
                      for text in [self.read(rel)] for m in pattern.finditer(text)]
        return self.rng.choice(candidates) if candidates else None

    def _replace(self, rel: str, text: str, start: int, end: int, new: str) -> None:
        self.write(rel, text[:start] + new + text[end:])

    # -- the edits ---------------------------------------------------------------------

    def change_title(self) -> str:
        hit = self._pick_match(_NAME)
        if hit is None:
            return "ingen titel"
        rel, text, m = hit
        words = " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(1, 4)))
        new = self.rng.choice([words, f'"{words}"', m.group(2) + " " + words])
        self._replace(rel, text, m.start(2), m.end(2), new)
        return f"titel i {rel}"

    def change_reference(self) -> str:
        hit = self._pick_match(_REFS)
        if hit is None:
            return "ingen referens"
        rel, text, m = hit
        ids = self.ids()
        choice = self.rng.random()
        if choice < 0.35 or not ids:
            refs = ["FINNS-INTE-" + str(self.rng.randrange(5))]
        elif choice < 0.8:
            refs = [self.rng.choice(ids)]
        elif choice < 0.9:
            refs = []
        else:
            refs = self.rng.sample(ids, min(len(ids), 2))
        self._replace(rel, text, m.start(2), m.end(2), ", ".join(refs))
        return f"bidrar_till i {rel} → {refs}"

    def rename_id(self) -> str:
        """Rename an id; sometimes every ``bidrar_till`` naming it follows, sometimes
        none (they break), sometimes it takes a name that is free again."""
        hit = self._pick_match(_ID)
        if hit is None:
            return "inget id"
        rel, text, m = hit
        old = m.group(2)
        new = self.rng.choice([f"{old}-{self.rng.randrange(3)}", f"NYTT-{self.rng.randrange(4)}",
                               old.rstrip("0123456789") + str(self.rng.randrange(10))])
        self._replace(rel, text, m.start(2), m.end(2), new)
        if self.rng.random() < 0.5:
            for other in self.plans():
                before = self.read(other)
                after = _REFS.sub(lambda r: r.group(1) + "[" + ", ".join(
                    new if ref.strip() == old else ref.strip()
                    for ref in r.group(2).split(",") if ref.strip()) + "]", before)
                if after != before:
                    self.write(other, after)
            return f"id {old} → {new} i {rel}, med referenserna"
        return f"id {old} → {new} i {rel}"

    def add_or_remove_link(self) -> str:
        """Add an existing id to a ``bidrar_till`` list, or take one away."""
        hit = self._pick_match(_REFS)
        ids = self.ids()
        if hit is None or not ids:
            return "ingen referens"
        rel, text, m = hit
        refs = [r.strip() for r in m.group(2).split(",") if r.strip()]
        if refs and self.rng.random() < 0.4:
            refs.pop(self.rng.randrange(len(refs)))
        else:
            refs.insert(self.rng.randrange(len(refs) + 1), self.rng.choice(ids))
        self._replace(rel, text, m.start(2), m.end(2), ", ".join(refs))
        return f"bidrar_till i {rel} → {refs}"

    def duplicate_id(self) -> str:
        hit = self._pick_match(_ID)
        ids = self.ids()
        if hit is None or not ids:
            return "inget id"
        rel, text, m = hit
        other = self.rng.choice(ids)
        self._replace(rel, text, m.start(2), m.end(2), other)
        return f"id {m.group(2)} → {other} i {rel}"

    def create_cycle(self) -> str:
        """Point two items' ``bidrar_till`` at each other (or one at itself)."""
        blocks = []
        for rel in self.plans():
            text = self.read(rel)
            for m in _ID.finditer(text):
                ref = _REFS.search(text, m.end())
                nxt = _ID.search(text, m.end())
                if ref and (nxt is None or ref.start() < nxt.start()):
                    blocks.append((rel, m.group(2)))
        if not blocks:
            return "ingen koppling"
        a, b = self.rng.choice(blocks), self.rng.choice(blocks)
        for (rel, item), target in ((a, b[1]), (b, a[1])):
            text = self.read(rel)
            start = next((m for m in _ID.finditer(text) if m.group(2) == item), None)
            ref = _REFS.search(text, start.end()) if start else None
            if ref is not None:
                self._replace(rel, text, ref.start(2), ref.end(2), target)
        return f"cykel {a[1]} ↔ {b[1]}"

    def delete_file(self) -> str:
        files = self.files()
        rel = self.rng.choice(files)
        (self.root / rel).unlink()
        return f"raderade {rel}"

    def add_file(self) -> str:
        rel = self.rng.choice(sorted(self.originals))
        new = f"nya/{self.rng.randrange(1000)}-{Path(rel).name}"
        if rel == "malstyrning.yaml":
            new = new.replace("malstyrning.yaml", "installningar.yaml")
        self.write(new, self.originals[rel])
        return f"kopierade {rel} till {new}"

    def add_small_plan(self) -> str:
        ids = self.ids() or ["X"]
        new = f"enheter/liten-{self.rng.randrange(1000)}.yaml"
        item = f"NY-{self.rng.randrange(100)}"
        self.write(new, "typ: verksamhetsplan\norganisation: OKÄND\nnivå: enhet\n"
                   f"period: 2027\naktiviteter:\n  - id: {item}\n    namn: Ny aktivitet\n"
                   f"    bidrar_till: [{self.rng.choice(ids)}]\n")
        return f"ny plan {new}"

    def rename_file(self) -> str:
        rel = self.rng.choice(self.plans() or self.files())
        new = f"{Path(rel).parent.as_posix()}/flyttad-{self.rng.randrange(1000)}.yaml"
        os.replace(self.root / rel, self.root / new)
        self.touch(new)
        return f"flyttade {rel} till {new}"

    def restore_file(self) -> str:
        rel = self.rng.choice(sorted(self.originals))
        self.write(rel, self.originals[rel])
        return f"återställde {rel}"

    def same_size_edit(self) -> str:
        """Swap two digits or letters in place: the size stays, the content changes."""
        rel = self.rng.choice(self.files())
        text = self.read(rel)
        spots = [i for i, ch in enumerate(text) if ch.isdigit()]
        if not spots:
            return "inga siffror"
        i = self.rng.choice(spots)
        self.write(rel, text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:])
        return f"siffra i {rel}"

    def break_yaml(self) -> str:
        rel = self.rng.choice(self.files())
        text = self.read(rel)
        at = self.rng.randrange(len(text) + 1)
        self.write(rel, text[:at] + self.rng.choice(["\n  - : [", "\t", "{", "\n  x: y"])
                   + text[at:])
        return f"trasig yaml i {rel}"

    def change_settings(self) -> str:
        rel = "malstyrning.yaml"
        text = self.read(rel) if (self.root / rel).exists() else self.originals.get(rel, "")
        choice = self.rng.random()
        if choice < 0.3:
            text = text + "\nregler:\n  max_effektmål_per_nämnd: 1\n" if "regler:" not in \
                text else re.sub(r"(max_[^:\n]+: )\d+", r"\g<1>1", text)
        elif choice < 0.55:
            text = text.replace("period: 2027–2029", "period: 2027–2028")
        elif choice < 0.75:
            text = text.rstrip("\n") + "\nallvarlighet:\n  MS211: varning\n" \
                if "allvarlighet" not in text else text
        else:
            text = self.originals.get(rel, text)
        self.write(rel, text)
        return "ändrade malstyrning.yaml"

    def edit(self, only: tuple[str, ...] = ()) -> str:
        """Apply one random edit (``only``: of these kinds, by method name)."""
        choices: list[tuple[float, Callable[[], str]]] = [
            (4, self.change_title), (4, self.change_reference), (3, self.rename_id),
            (3, self.add_or_remove_link), (2, self.duplicate_id),
            (2, self.create_cycle), (1, self.delete_file), (1, self.add_file),
            (1, self.add_small_plan), (1, self.rename_file), (3, self.restore_file),
            (1, self.same_size_edit), (0.5, self.break_yaml), (1, self.change_settings),
        ]
        if only:
            choices = [c for c in choices if c[1].__name__ in only]
        fn = self.rng.choices([c for _, c in choices], [w for w, _ in choices])[0]
        done = fn()
        self.log.append(done)
        return done


@contextmanager
def counting_paths(paths: Counter[str]) -> Iterator[None]:
    """Count, in ``paths``, the warm runs whose changed files changed facts the
    repository-wide rules read: re-checked where the change touches them ("avgränsad",
    malstyrning.incremental.scoped) or over the whole model ("hela modellen")."""
    from malstyrning import pipeline

    original = pipeline._scoped

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        paths["avgränsad" if result is not None else "hela modellen"] += 1
        return result

    pipeline._scoped = spy  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline._scoped = original  # type: ignore[assignment]


def run_sequence(source: Path, work: Path, seed: int, edits: int,
                 only: tuple[str, ...] = (), paths: Counter[str] | None = None) -> int:
    """Copy ``source`` to ``work`` and check ``edits`` random edits (``only``: of these
    kinds; ``paths`` counts the paths the warm runs took); returns how many validate
    runs were compared. Raises Mismatch with the edit log when runs disagree."""
    with counting_paths(paths if paths is not None else Counter()):
        return _run_sequence(source, work, seed, edits, only)


def _run_sequence(source: Path, work: Path, seed: int, edits: int,
                  only: tuple[str, ...]) -> int:
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    editor = Editor(work, random.Random(seed))
    compared = 0
    with trusted_stats():
        first = validate(work)
        if first != validate(work, "--no-cache"):
            raise Mismatch(f"första körningen (frö {seed}) skiljer sig från --no-cache")
        for step in range(edits):
            editor.edit(only)
            incremental = validate(work)
            unchanged = validate(work)
            cold = validate(work, "--no-cache")
            # the model a reused run builds on demand (tree) is the cold run's model
            tree, cold_tree = (validate(work, command="tree"),
                               validate(work, "--no-cache", command="tree"))
            compared += 3
            for name, got, want in (("inkrementell", incremental, cold),
                                    ("oförändrad", unchanged, cold),
                                    ("tree", tree, cold_tree)):
                if got != want:
                    raise Mismatch(
                        f"{name} körning skiljer sig från --no-cache efter steg {step + 1} "
                        f"(frö {seed}, {source.name}):\n  " + "\n  ".join(editor.log)
                        + f"\n--- kall (felkod {want.code}):\n{want.out[:4000]}"
                        f"\n--- {name} (felkod {got.code}):\n{got.out[:4000]}")
    return compared
