"""The pipeline: files → documents → model → findings, with the per-file cache.

``analyse_file`` is everything that depends on one file alone (read, schema, build,
file rules); its result is cached by content. ``run`` adds what needs all files: the
model's index, the cross-file rules, positions, id chains and configured severities.
A warm run whose changed files changed nothing the cross-file rules read reuses the last
run's cross-file findings instead (:mod:`malstyrning.incremental`).
"""

from __future__ import annotations

import gc
import marshal
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from malstyrning import cache as cache_module
from malstyrning import incremental
from malstyrning import limits as limits_module
from malstyrning.build import build_file
from malstyrning.cache import Cache, content_key
from malstyrning.checks import load as load_rules
from malstyrning.checks.base import checks_for
from malstyrning.config import SETTINGS_FILE, Settings, settings_from_data, settings_problems
from malstyrning.findings import Finding, JsonPath, Severity
from malstyrning.limits import apply_memory_limit
from malstyrning.load import reader
from malstyrning.load.discover import WalkLimits, run_limit_reached, select, walk
from malstyrning.load.files import RepoReader, read_bytes, unreadable
from malstyrning.load.gittree import Snapshot
from malstyrning.load.positions import Locator
from malstyrning.model import ACTIVITY_LISTED, FileModel, Kept, PlanModel
from malstyrning.rules import registry, severity_problems

T = TypeVar("T")

# Below this much uncached YAML, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 3_000_000


class ConfigError(Exception):
    """``malstyrning.yaml`` cannot be used; carries the findings that say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("malstyrning.yaml")
        self.findings = sorted(findings, key=Finding.sort_key)


@dataclass(slots=True)
class FileResult:
    """What one file yields on its own: its part of the model and its findings."""

    file: str
    model: FileModel | None
    findings: list[Finding]

    def to_record(self) -> tuple[Any, ...]:
        return (self.file, self.model.to_record() if self.model else None,
                [f.to_record() for f in self.findings])

    @classmethod
    def from_record(cls, rec: Sequence[Any]) -> FileResult:
        file, model, findings = rec
        return cls(file, FileModel.from_record(model) if model else None,
                   [Finding.from_record(f) for f in findings])

    def to_full_record(self, keep: Kept, shared: dict[Any, Mapping[str, Any]] | None = None
                       ) -> tuple[Any, ...]:
        """:meth:`to_record` with the nodes' attributes, of the kinds ``keep`` names
        only the fields named (for a worker's answer in a run that documents need; never
        cached), and whether that left any out (``shared``: see
        :meth:`FileModel.attrs_kept`)."""
        attrs, partial = self.model.attrs_kept(keep, shared) if self.model else ((), False)
        return (self.to_record(), attrs, partial)

    @classmethod
    def from_full_record(cls, rec: Sequence[Any]) -> FileResult:
        (file, model, findings), attrs, partial = rec
        return cls(file, FileModel.from_record(model, attrs, partial) if model else None,
                   [Finding.from_record(f) for f in findings])


# Positions composed while a file was analysed are kept for the cross-file findings of
# the same run (composing a large broken file a second time was half its cost), up to
# this much text: a composed file takes about a hundred times its size in memory.
KEEP_POSITIONS_BYTES = 4_000_000


@dataclass
class KeptPositions:
    """Locators of files analysed in this process, for :func:`_locate` to reuse."""

    locators: dict[str, Locator] = field(default_factory=dict)
    room: int = KEEP_POSITIONS_BYTES

    def offer(self, rel: str, raw: bytes, text: str, locator: Locator) -> None:
        """Keep ``locator`` if it was composed, fits, and its text is the file's text as
        :func:`_locate` would read it (not NFC-normalised, no BOM or control removed),
        so that every position is the same as without it."""
        if not locator.composed or len(raw) > self.room:
            return
        try:
            same = raw.decode("utf-8") == text
        except UnicodeDecodeError:
            return
        if same:
            self.locators[rel] = locator
            self.room -= len(raw)


def analyse_file(rel: str, raw: bytes, settings: Settings,
                 kept: KeptPositions | None = None,
                 checks: list[tuple[str, Any]] | None = None) -> FileResult:
    """Read, schema-check, build and rule-check one file (offering its positions to
    ``kept``; ``checks`` are ``checks_for("fil")`` when a caller has them at hand)."""
    parsed = reader.read(rel, raw, settings.limits.max_file_bytes)
    if parsed.data is None:
        return FileResult(rel, None, parsed.findings)
    assert parsed.text is not None
    locator = Locator(parsed.text)
    try:
        return _analyse_document(rel, parsed, locator, settings, checks)
    finally:
        if kept is not None:
            kept.offer(rel, raw, parsed.text, locator)


def _analyse_document(rel: str, parsed: reader.Parsed, locator: Locator,
                      settings: Settings,
                      checks: list[tuple[str, Any]] | None = None) -> FileResult:
    from malstyrning.checks import schema

    assert parsed.data is not None
    problem = schema.check_kind(rel, parsed.data, locator)
    if problem is not None:
        return FileResult(rel, None, [*parsed.findings, problem])
    kind = parsed.data["typ"]
    findings = [*parsed.findings,
                *schema.check_document(rel, parsed.data, kind, locator, settings.steering)]
    model = build_file(rel, parsed.data, settings)
    for _code, check in checks if checks is not None else checks_for("fil"):
        for finding in check(model, settings):
            see = locator.position(finding.see)[0] if finding.see is not None else None
            findings.append(finding.located(locator.position(finding.path, finding.at_key),
                                            see))
    return FileResult(rel, model, findings)


class ChangedDuringRun(Exception):
    """A file read again for the documents (a partial file, see :func:`run`) is no
    longer the file that was checked; the message (Swedish) says what to do."""


@dataclass(frozen=True)
class Rereader:
    """Reads a checked file's part of the model again, with every attribute, for
    :meth:`PlanModel.attrs_of`: from the snapshot, or from disk when the file still has
    the size and modification time the walk saw; either way its model (ids, names,
    links, facts) must be the one checked."""

    root: Path
    settings: Settings
    stats: Mapping[str, os.stat_result]
    snapshot: Mapping[str, bytes] | None = None

    def __call__(self, checked: FileModel) -> FileModel:
        rel = checked.file
        changed = ChangedDuringRun(
            f"{rel} ändrades medan dokumenten skapades. Kör kommandot igen när ingen "
            "längre ändrar i planfilerna.")
        limit = self.settings.limits.max_file_bytes
        try:
            if self.snapshot is not None:
                raw = self.snapshot[rel]
            else:
                raw = read_bytes(self.root, rel, limit)
                before = self.stats.get(rel)
                if before is not None and stat.S_ISREG(before.st_mode):
                    now = os.stat(self.root / rel)
                    if (now.st_size, now.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
                        raise changed
        except (OSError, KeyError):
            raise changed from None
        parsed = reader.read(rel, raw, limit)
        again = (build_file(rel, parsed.data, self.settings) if parsed.data is not None
                 else None)
        if again is None or again.to_record() != checked.to_record():
            raise changed
        return again


def _analyse_batch(batch: list[tuple[str, bytes]], settings: Settings,
                   keep: Kept | None = None) -> list[Any]:
    checks = checks_for("fil")
    with _no_gc():
        if keep is not None:
            shared: dict[Any, Mapping[str, Any]] = {}
            return [analyse_file(rel, raw, settings, checks=checks).to_full_record(keep, shared)
                    for rel, raw in batch]
        return [analyse_file(rel, raw, settings, checks=checks).to_record()
                for rel, raw in batch]


# Objects allocated while the collector was paused past which the result is frozen.
FREEZE_AFTER_OBJECTS = 100_000


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Reading a large repository creates hundreds of thousands of tuples and dicts and
    no reference cycles; the collector's repeated full passes over them cost about a
    fifth of the run time and grow faster than linearly with the repository.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # After a large run, what it built is kept by the caller and has no cycles:
            # moved out of the collector's generations, the first collection afterwards
            # does not walk all of it (on storstad that pass cost 70 ms). Refcounting
            # still frees it when it is let go; only cyclic garbage of the moment would
            # stay, so small runs (tests run thousands in one process) are left alone.
            if gc.get_count()[0] > FREEZE_AFTER_OBJECTS:
                gc.freeze()
            gc.enable()


def load_settings(root: Path, use_cache: bool = False) -> Settings:
    """Read ``malstyrning.yaml`` (defaults when absent); ConfigError when it is broken.

    With ``use_cache``, settings that passed every check before are taken from the
    cache, keyed by the file's content (this spares every run two parser imports).
    """
    path = root / SETTINGS_FILE
    if not os.path.lexists(path):
        return settings_from_data(root, None)
    try:
        raw = read_bytes(root, SETTINGS_FILE)
    except OSError as err:
        raise ConfigError([unreadable(SETTINGS_FILE, err)]) from None
    return settings_from_bytes(root, raw, use_cache)


def settings_from_bytes(root: Path, raw: bytes | None, use_cache: bool = False) -> Settings:
    """Settings from the bytes of ``malstyrning.yaml`` (None: the file is absent)."""
    if raw is None:
        return settings_from_data(root, None)
    key = content_key(SETTINGS_FILE, raw + cache_module.code_fingerprint().encode())
    if use_cache:
        cached = cache_module.load_settings_data(root, key)
        if isinstance(cached, dict):
            return settings_from_data(root, cached, raw)
    from malstyrning.checks import schema

    parsed = reader.read(SETTINGS_FILE, raw)
    if parsed.data is None:
        raise ConfigError(parsed.findings)
    data = parsed.data
    locator = Locator(parsed.text or "")
    if data.get("typ") != "inställningar":
        raise ConfigError([Finding(
            "MS010", SETTINGS_FILE, "malstyrning.yaml ska ha `typ: inställningar`.",
            "Skriv `typ: inställningar` överst i filen.", line=1, column=1)])
    findings = [*parsed.findings,
                *schema.check_document(SETTINGS_FILE, data, "inställningar", locator)]
    if findings:
        raise ConfigError(findings)
    problems = []
    for where, message, hint in [*settings_problems(data), *severity_problems(data)]:
        line, column = locator.position(where)
        problems.append(Finding("MS104", SETTINGS_FILE, message, hint, path=where,
                                line=line, column=column))
    if problems:
        raise ConfigError(problems)
    settings = settings_from_data(root, data, raw)
    if use_cache:
        cache_module.save_settings_data(root, key, data)
    return settings


@dataclass
class RunResult:
    """Everything a command needs after a run. The model (``built``: the model, or how to
    build it) is built when first asked for: a warm run that reuses the last run's
    findings does not need it. ``reused``: the repository-wide findings were the last
    run's, ``scoped``: the last run's, re-checked where changed ids and links touch them
    (malstyrning.incremental)."""

    settings: Settings
    built: PlanModel | Callable[[], PlanModel]
    findings: list[Finding]
    files: list[str]
    stats: dict[str, int] = field(default_factory=dict)
    reused: bool = False
    scoped: bool = False

    @property
    def model(self) -> PlanModel:
        if not isinstance(self.built, PlanModel):
            self.built = self.built()
        return self.built


def _batches(items: list[T], count: int, size: Callable[[T], int]) -> list[list[T]]:
    """Split into ``count`` batches of about equal ``size`` in bytes (largest first)."""
    buckets: list[list[T]] = [[] for _ in range(count)]
    sizes = [0] * count
    for item in sorted(items, key=lambda it: -size(it)):
        i = sizes.index(min(sizes))
        buckets[i].append(item)
        sizes[i] += size(item)
    return [b for b in buckets if b]


def _read_and_analyse_batch(root: Path, batch: list[str], settings: Settings,
                            keep: Kept | None = None) -> tuple[int, int, bytes]:
    """A worker's share of a cold run: read and analyse each file; the bytes and the
    files read, and the results' records (with ``keep``, and the nodes' attributes as
    :meth:`FileResult.to_full_record` keeps them: plain data) as one marshal blob (a
    third of the time pickle takes to write them, and one object to send)."""
    files = RepoReader(root)
    limit = settings.limits.max_file_bytes
    total = count = 0
    records = []
    shared: dict[Any, Mapping[str, Any]] = {}  # see FileModel.attrs_kept
    checks = checks_for("fil")
    with _no_gc():
        for rel in batch:
            try:
                raw = files.read(rel, limit)
            except OSError as err:
                missing = FileResult(rel, None, [unreadable(rel, err)])
                records.append(missing.to_full_record(keep) if keep is not None
                               else missing.to_record())
                continue
            total += len(raw)
            count += 1
            result = analyse_file(rel, raw, settings, checks=checks)
            records.append(result.to_full_record(keep, shared) if keep is not None
                           else result.to_record())
    return total, count, marshal.dumps(records)


def _read_and_analyse(root: Path, files: list[str], stats: dict[str, os.stat_result],
                      settings: Settings, jobs: int,
                      keep: Kept | None = None) -> tuple[list[FileResult], int] | None:
    """A cold run on disk with worker processes that read the files themselves (the
    parent neither reads nor sends the bytes), and the results taken in as each batch
    is done; also the number of files read. None when the ordinary path is the one to
    take: a small repository, or more bytes than ``max_byte_totalt`` (then the
    ordinary path says where it stopped).
    """
    limits = settings.limits
    sizes: dict[str, int] = {}
    for rel in files:
        st = stats.get(rel)
        sizes[rel] = min(st.st_size, limits.max_file_bytes + 1) if st is not None else 0
    total = sum(sizes.values())
    if (jobs <= 1 or total < PARALLEL_MIN_BYTES or len(files) < 4
            or total > limits.max_total_bytes):
        return None
    from concurrent.futures import ProcessPoolExecutor

    load_rules()  # before the workers fork: they inherit the rule modules
    # small batches: the workers end within a small batch of each other, and the parent
    # takes in results while they work
    batches = _batches([(rel, sizes[rel]) for rel in files], jobs * 8, lambda it: it[1])
    fresh: list[FileResult] = []
    read = count = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_read_and_analyse_batch, root, [rel for rel, _ in b], settings,
                               keep) for b in batches]
        for future in futures:
            size, files_read, blob = future.result()
            read += size
            count += files_read
            take = (FileResult.from_full_record if keep is not None
                    else FileResult.from_record)
            fresh.extend(take(r) for r in marshal.loads(blob))
    if read > limits.max_total_bytes:
        return None  # the files grew since the walk: the ordinary path decides
    return fresh, count


def _analyse_many(todo: list[tuple[str, bytes]], settings: Settings, jobs: int,
                  kept: KeptPositions, keep: Kept | None = None) -> list[FileResult]:
    """Every file's result, on ``jobs`` processes when there is enough to read; with
    ``keep`` the nodes keep their attributes (documents need them), those sent back by
    worker processes only as ``keep`` says (:meth:`FileResult.to_full_record`)."""
    if not todo:
        return []  # nothing to analyse: the rule modules need not even be imported
    total = sum(len(raw) for _, raw in todo)
    if jobs <= 1 or total < PARALLEL_MIN_BYTES or len(todo) < 4:
        checks = checks_for("fil")
        return [analyse_file(rel, raw, settings, kept, checks) for rel, raw in todo]
    from concurrent.futures import ProcessPoolExecutor

    load_rules()  # before the workers fork: they inherit the rule modules
    batches = _batches(todo, jobs * 4, lambda it: len(it[1]))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_analyse_batch, b, settings, keep) for b in batches]
        records = [rec for fut in futures for rec in fut.result()]
    if keep is not None:
        return [FileResult.from_full_record(r) for r in records]
    return [FileResult.from_record(r) for r in records]


def run(root: Path, *, use_cache: bool = True, jobs: int | None = None,
        full: bool = False, compact: bool = False,
        snapshot: Snapshot | None = None,
        on_model: Callable[[PlanModel, Settings], None] | None = None) -> RunResult:
    """Check a whole repository and return the model and the sorted findings.

    ``full`` keeps the nodes' attributes (reports need them) and bypasses the cache.
    With ``compact`` the worker processes send back of each activity's attributes only
    what the rows of an activity list show (``model.ACTIVITY_LISTED``; the node holds
    its id, name, links, dates and status): a large repository has tens of thousands
    of activities, and sending their whole mappings, descriptions and all, made a large
    render's check a sixth slower and its documents a tenth. Such a file is *partial*:
    :meth:`PlanModel.attrs_of` reads it again for a document that shows more (raising
    :class:`ChangedDuringRun` if it is no longer the file that was checked). ``diff``,
    which compares every attribute, keeps them whole.
    With ``snapshot`` the files are the snapshot's (a git revision or the index) instead
    of those on disk below ``root``; the cache is then keyed by content alone.
    ``on_model`` is called with the whole model as soon as it is built, before the
    repository-wide checks, when the run builds it for them (always with ``full``): a
    render starts its documents' second process there (``render.EarlyDocuments``).
    """
    with _no_gc():
        return _run(root, use_cache=use_cache, jobs=jobs, full=full, compact=compact,
                    snapshot=snapshot, on_model=on_model)


def _run(root: Path, *, use_cache: bool, jobs: int | None, full: bool,
         compact: bool = False, snapshot: Snapshot | None = None,
         on_model: Callable[[PlanModel, Settings], None] | None = None) -> RunResult:
    use_cache = use_cache and not full
    if snapshot is None:
        settings = load_settings(root, use_cache)
    else:
        settings = settings_from_bytes(root, snapshot.files.get(SETTINGS_FILE), use_cache)
    limits = settings.limits
    if limits_module.ENFORCE_MEMORY_LIMIT:
        apply_memory_limit(limits)
    walk_limits = WalkLimits(limits.max_files, limits.max_folder_depth)
    if snapshot is None:
        found = walk(root, settings.exclude, walk_limits)
    else:
        found = select(snapshot.files, settings.exclude, walk_limits)
        found.problems = sorted([*snapshot.problems, *found.problems], key=Finding.sort_key)
    files = found.files
    jobs = jobs or min(2, os.cpu_count() or 1)
    cache = Cache(root, _salt(settings)) if use_cache and not full else None
    snapshot_files = snapshot.files if snapshot is not None else None

    def read(rel: str) -> bytes:
        if snapshot_files is not None:
            return snapshot_files[rel]
        return read_bytes(root, rel, limits.max_file_bytes)

    keys: dict[str, str] = {}
    results: dict[str, FileResult] = {}  # analysed in this run or read from a record
    summaries: dict[str, tuple[list[Finding], bytes]] = {}  # unchanged: the index's entry
    todo: list[tuple[str, bytes]] = []
    total = 0
    keep: Kept | None = None
    if full:
        keep = ({level.kind: ACTIVITY_LISTED for level in settings.chain.activity_levels}
                if compact else {})
    on_disk = (_read_and_analyse(root, files, found.stats, settings, jobs, keep)
               if cache is None and snapshot is None else None)
    for index, rel in enumerate(files if on_disk is None else ()):
        try:
            raw = b""
            if cache is not None:
                if snapshot_files is not None:
                    raw = snapshot_files[rel]
                    keys[rel] = content_key(rel, raw)
                else:
                    raw = _key_of(root, rel, cache, keys, limits.max_file_bytes,
                                  found.stats.get(rel))
                summary = _summary(cache, rel, keys[rel])
                if summary is not None:
                    summaries[rel] = summary
                    continue
                cached = _record(cache.get(keys[rel]))
                if cached is not None:
                    results[rel] = cached
                    continue
            raw = raw or read(rel)
        except OSError as err:
            results[rel] = FileResult(rel, None, [unreadable(rel, err)])
            keys.pop(rel, None)  # not remembered: read again next time
            continue
        total += len(raw)
        if total > limits.max_total_bytes:
            reached = run_limit_reached(rel, "max_byte_totalt", limits.max_total_bytes)
            results[rel] = FileResult(rel, None, [reached])
            keys.pop(rel, None)
            for skipped in files[index + 1:]:
                summaries.pop(skipped, None)
                keys.pop(skipped, None)
                results.setdefault(skipped, FileResult(skipped, None, []))
            break
        todo.append((rel, raw))
    kept = KeptPositions(room=KEEP_POSITIONS_BYTES)
    fresh = on_disk[0] if on_disk is not None else _analyse_many(todo, settings, jobs, kept,
                                                                    keep)
    for result in fresh:
        results[result.file] = result
        if cache is not None:
            cache.put(keys[result.file], result.to_record())

    def whole_model() -> PlanModel:
        """Every file's part of the model (records read, or files analysed, as needed)."""
        for rel in files:
            if rel in results:
                continue
            result = _record(cache.get(keys[rel])) if cache is not None else None
            if result is None:
                try:
                    result = analyse_file(rel, read(rel), settings)
                except OSError as err:
                    result = FileResult(rel, None, [unreadable(rel, err)])
            results[rel] = result
        return PlanModel((r.model for rel in files if (r := results[rel]).model is not None),
                         Rereader(root, settings, found.stats, snapshot_files))

    model: PlanModel | None = None

    def model_once() -> PlanModel:
        nonlocal model
        if model is None:
            model = whole_model()
        return model

    inputs = incremental.inputs_key(root)
    last = (incremental.Summary.from_record(cache.repo) if cache is not None
            and cache.repo is not None else None)
    previous = last if last is not None and cache is not None and _repo_unchanged(
        cache, last, inputs, files, results, summaries) else None
    narrowed = (_scoped(cache, last, inputs, files, results, summaries, keys, settings)
                if previous is None and last is not None and cache is not None else None)
    chains: Any
    if previous is not None:
        repo_findings = [Finding.from_record(r).with_(see=None if see is None else tuple(see))
                         for r, see in previous.findings]
        chains = incremental.Chains(previous, (r.model for r in results.values()
                                               if r.model is not None), model_once)
    elif narrowed is not None:
        assert last is not None
        repo_findings = narrowed.findings
        chains = incremental.Chains(
            last._replace(links=narrowed.links, chains=narrowed.chains),
            [*narrowed.models.values(), *(r.model for r in results.values()
                                          if r.model is not None)], model_once)
    else:
        plan = model_once()
        if on_model is not None:
            on_model(plan, settings)
        repo_findings = []
        for _code, check in checks_for("repo"):
            repo_findings.extend(check(plan, settings))
        chains = plan
    file_findings = [*found.problems]
    for rel in files:
        if rel in summaries:
            file_findings.extend(summaries[rel][0])
        else:
            file_findings.extend(results[rel].findings)
    findings = [*file_findings,
                *_locate(root, repo_findings, cache, keys, snapshot_files, kept.locators)]
    del kept
    if snapshot is None:
        from malstyrning.editorschemas import stale

        findings.extend(stale(root, settings))
    recording = incremental.Recording(chains)
    findings = finalise(findings, recording, settings)
    if cache is not None:
        _remember(cache, keys, files, results, summaries, model, last, previous is not None,
                  inputs, repo_findings, recording.seen, narrowed)
        cache.save(keys)
    read_count = on_disk[1] if on_disk is not None else len(todo)
    stats = {"filer": len(files), "från_cache": len(files) - read_count, "lästa": read_count}
    return RunResult(settings, model if model is not None else model_once, findings, files,
                     stats, previous is not None, narrowed is not None)


def _repo_unchanged(cache: Cache, previous: incremental.Summary, inputs: str,
                    files: list[str], results: dict[str, FileResult],
                    summaries: dict[str, tuple[list[Finding], bytes]]) -> bool:
    """Whether the repository-wide rules would find what they found in the last run:
    the same files, the same other inputs, and every changed file with the digest of
    repository facts it had (see malstyrning.incremental)."""
    if previous.inputs != inputs or set(cache.files) != set(files):
        return False
    for rel, result in results.items():
        known = cache.digest_of(rel)
        if known is None or incremental.digest(result.model, previous.duplicates) != known:
            return False
    return len(results) + len(summaries) == len(files)


def _remember(cache: Cache, keys: dict[str, str], files: list[str],
              results: dict[str, FileResult], summaries: dict[str, tuple[list[Finding], bytes]],
              model: PlanModel | None, last: incremental.Summary | None, reused: bool,
              inputs: str, repo_findings: list[Finding], chains: dict[str, str],
              narrowed: incremental.Scoped | None = None) -> None:
    """Write this run's per-file summaries and repository-wide results into the index
    (``last``: the index's summary of the last run, ``reused``: whether this run reused
    its findings, ``narrowed``: what the scoped path found, if it was taken)."""
    if reused:
        assert last is not None
        duplicates, links, token = last.duplicates, last.links, last.token
    elif narrowed is not None:
        assert last is not None
        duplicates, links = last.duplicates, narrowed.links
        token = cache.set_link_index(narrowed.link_index.to_record())
    else:
        assert model is not None
        duplicates, links = frozenset(model.duplicates), incremental.links_of(model)
        index = incremental.index_of(model)
        token = cache.set_link_index(index.to_record()) if index is not None else ""
    # a digest leaves out names except those of duplicated ids: while the duplicated ids
    # stay the same, so do the digests of unchanged files
    same_digests = last is not None and last.duplicates == duplicates
    for rel in files:
        key = keys.get(rel)
        if key is None:
            continue  # unreadable: read again next time
        if rel in summaries and same_digests:
            continue  # the index has it
        if rel in results:
            result = results[rel]
            findings = [f.to_record() for f in result.findings]
            digest = incremental.digest(result.model, duplicates)
        else:
            findings = [f.to_record() for f in summaries[rel][0]]
            record = _record(cache.get(key))
            digest = incremental.digest(record.model if record else None, duplicates)
        cache.set_summary(rel, key, findings, digest)
    cache.set_repo(incremental.Summary(inputs, [(f.to_record(), f.see) for f in repo_findings],
                                       duplicates, links, chains, token).to_record())


def _scoped(cache: Cache, last: incremental.Summary, inputs: str, files: list[str],
            results: dict[str, FileResult], summaries: dict[str, tuple[list[Finding], bytes]],
            keys: dict[str, str], settings: Settings) -> incremental.Scoped | None:
    """The repository-wide findings by the scoped path, when the same files are there
    and the changed ones changed only their nodes (see incremental.scoped); else None."""
    if (last.inputs != inputs or set(cache.files) != set(files)
            or len(results) + len(summaries) != len(files)):
        return None
    index = incremental.LinkIndex.from_record(cache.link_index(last.token))
    if index is None:
        return None
    changed: list[tuple[str, FileModel | None, FileModel | None]] = []
    for rel, result in results.items():
        known = cache.digest_of(rel)
        if known is None:
            return None
        if incremental.digest(result.model, last.duplicates) == known:
            continue
        old = _record(cache.get(cache.files[rel][0]))
        if old is None:
            return None
        changed.append((rel, old.model, result.model))
    loaded = {rel: r.model for rel, r in results.items()}

    def load(rel: str) -> FileModel | None:
        if rel not in loaded:
            record = _record(cache.get(keys[rel])) if rel in keys else None
            loaded[rel] = record.model if record is not None else None
        return loaded[rel]

    return incremental.scoped(last, index, changed, load, settings, checks_for("repo"))


def _summary(cache: Cache, rel: str, key: str) -> tuple[list[Finding], bytes] | None:
    """The index's findings and digest for an unchanged file (None: a miss)."""
    summary = cache.summary(rel, key)
    if summary is None:
        return None
    try:
        return [Finding.from_record(f) for f in summary[0]], summary[1]
    except (TypeError, ValueError, IndexError, KeyError):
        return None  # a damaged entry is a miss


def _key_of(root: Path, rel: str, cache: Cache, keys: dict[str, str], limit: int,
            stat: os.stat_result | None) -> bytes:
    """Record the content key of ``rel`` (from the index when the file is unchanged);
    returns the bytes when they had to be read to compute it. ``stat`` is what the walk
    saw."""
    stat = stat or os.stat(root / rel)
    raw = b""
    key = cache.known_key(rel, stat)
    if key is None:
        raw = read_bytes(root, rel, limit)
        key = content_key(rel, raw)
        cache.remember(rel, stat, key)
    keys[rel] = key
    return raw


def _record(record: Any) -> FileResult | None:
    if record is None:
        return None
    try:
        return FileResult.from_record(record)
    except (TypeError, ValueError, IndexError, KeyError):
        return None  # a damaged entry is a miss


def _salt(settings: Settings) -> str:
    from malstyrning.checks.schema import schema_dir

    parts = [settings.fingerprint, cache_module.code_fingerprint()]
    for schema in sorted(schema_dir().glob("*.json")):
        parts.append(f"{schema.name}:{schema.stat().st_size}:{schema.stat().st_mtime_ns}")
    return "|".join(parts)


def _locate(root: Path, findings: list[Finding], cache: Cache | None,
            keys: dict[str, str], files: dict[str, bytes] | None = None,
            kept: dict[str, Locator] | None = None) -> list[Finding]:
    """Give cross-file findings their line and column (reading only files that need it;
    ``files`` are a snapshot's, ``kept`` has files already composed in this run)."""
    located: list[Finding] = []
    locators: dict[str, Locator] = dict(kept or {})

    def position(file: str, path: JsonPath, at_key: bool) -> tuple[int, int]:
        key = keys.get(file, "")
        where_key = (*path, "@key" if at_key else "@value")
        where = cache.position(key, where_key) if cache else None
        if where is None:
            locator = locators.get(file)
            if locator is None:
                try:
                    raw = (files.get(file, b"") if files is not None
                           else read_bytes(root, file))
                    text = raw.decode("utf-8", "replace")
                except OSError:
                    text = ""  # gone since it was read: the finding keeps line 1
                locator = locators[file] = Locator(text)
            where = locator.position(path, at_key)
            if cache is not None:
                cache.put_position(key, where_key, where)
        return where

    for finding in findings:
        if finding.line:
            located.append(finding)
            continue
        see = (position(finding.file, finding.see, False)[0] if finding.see is not None
               else None)
        located.append(finding.located(position(finding.file, finding.path, finding.at_key),
                                       see))
    return located


class HasChains(Protocol):
    def chain_of(self, node_id: str) -> str: ...


def finalise(findings: Iterable[Finding], model: HasChains,
             settings: Settings) -> list[Finding]:
    """Apply configured severities (dropping rules turned off), add id chains, sort."""
    out = []
    rules = None
    for finding in findings:
        rules = rules or registry()
        rule = rules.get(finding.code)
        default = rule.severity if rule else Severity.ERROR
        severity = settings.severity_for(finding.code, default)
        if severity is None:
            continue
        chain = model.chain_of(finding.node) if finding.node else ""
        out.append(finding.with_(severity=severity, chain=chain))
    out.sort(key=Finding.sort_key)
    shown = []
    for finding in cap_per_file(out, settings.limits.max_findings_per_file):
        if finding.code == "MS026":  # configured like any rule, by default as computed
            severity = settings.severity_for("MS026", finding.severity)
            if severity is None:
                continue
            finding = finding.with_(severity=severity)
        shown.append(finding)
    return shown


def cap_per_file(findings: list[Finding], limit: int) -> list[Finding]:
    """Keep the first ``limit`` findings of each file (sorted) and count the rest in one
    MS026 finding where they begin, as severe as the most severe of them (so the exit
    code is the same as with every finding shown)."""
    out: list[Finding] = []
    start = 0
    while start < len(findings):
        file = findings[start].file
        end = start
        while end < len(findings) and findings[end].file == file:
            end += 1
        cut = min(start + limit, end)
        out.extend(findings[start:cut])
        rest = findings[cut:end]
        if rest:
            out.append(_left_out(rest, limit))
        start = end
    return out


def _left_out(rest: list[Finding], limit: int) -> Finding:
    from malstyrning.text import number
    from malstyrning.words import listing

    counts = {sev: sum(1 for f in rest if f.severity == sev) for sev in Severity}
    words = {Severity.ERROR: ("fel", "fel"), Severity.WARNING: ("varning", "varningar"),
             Severity.INFO: ("info", "info")}
    parts = [f"{number(n)} {words[sev][0 if n == 1 else 1]}"
             for sev, n in sorted(counts.items(), reverse=True) if n]
    first = rest[0]
    return Finding(
        "MS026", first.file,
        f"{number(len(rest))} fynd till i filen visas inte ({listing(parts, 'och')}); "
        f"gränsen är {number(limit)} fynd per fil.",
        "Rätta de första fynden och kör igen: ofta har många fynd samma orsak. Vill du se "
        "alla, höj gränsen med `gränser: {max_fynd_per_fil: …}` i malstyrning.yaml.",
        path=first.path, line=first.line, column=first.column, at_key=first.at_key,
        severity=max(f.severity for f in rest))
