"""``pipeline.run``: the whole repository in, sorted and located findings out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from malstyrning import pipeline
from malstyrning.findings import Severity
from malstyrning.pipeline import run
from tests.plans import ENHET_PLAN, KF_PLAN, MINIMAL_REPO, NAMND_PLAN, SETTINGS, PlanRepo


def test_minimal_repo_has_no_findings(plan_repo: PlanRepo) -> None:
    result = plan_repo.run()
    assert result.findings == []
    assert result.files == sorted(MINIMAL_REPO)
    assert result.stats == {"filer": 5, "från_cache": 0, "lästa": 5}
    assert result.model.chain_of("UF-VAS-A1") == "VISION > I1 > UBN-E1 > UF-VAS-A1"
    assert result.model.chain_of("UBN-E1-I1") == "VISION > I1 > UBN-E1 > UBN-E1-I1"
    assert result.settings.kommun == "Testby kommun"


def test_repository_without_settings_uses_defaults(plan_repo: PlanRepo) -> None:
    plan_repo.remove(SETTINGS)
    result = plan_repo.run()
    assert result.findings == []
    assert not result.settings.found
    assert SETTINGS not in result.files


# --- every finding located, with its id chain -------------------------------------------

_BREAKS = [
    # (file, old, new): each makes the examples wrong in its own way
    ("enheter/vretaskolan-2027.yaml", "slut: 2027-06-30", "slut: 2028-06-30"),       # MS402
    ("enheter/vretaskolan-2027.yaml", "bidrar_till: [UBN-E4]", "bidrar_till: [UBN-E9]"),
    ("namnder/utbildningsnamnden-2027.yaml", "ram: 548900", "ram: 549000"),          # MS501
    ("namnder/utbildningsnamnden-2027.yaml", "kolada: N15419", "kolada: n15419"),    # MS602
    ("kommunfullmaktige/verksamhetsplan-2027.yaml", '["4", "4.1", "4.2"]',
     '["4", "4.1", "4.99"]'),                                                         # MS601
    ("organisation.yaml", "    namn: Utbildningsnämnden\n",
     "    namn: Utbildningsnämnden\n    förkortning: UBN\n"),                          # MS101
    ("enheter/biblioteket-2027.yaml", "  - id: KFF-BIB-A1", "\t- id: KFF-BIB-A1"),     # MS001
    ("forvaltningar/utbildningsforvaltningen-2027.yaml", "id: UF-A3", "id: 3.10"),   # MS105
]


def _break_examples(root: Path) -> None:
    for rel, old, new in _BREAKS:
        path = root / rel
        text = path.read_text("utf-8")
        assert text.count(old) == 1, (rel, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_every_finding_is_located(examples_copy: Path) -> None:
    _break_examples(examples_copy)
    findings = run(examples_copy, use_cache=False, jobs=1).findings
    codes = {f.code for f in findings}
    assert {"MS001", "MS101", "MS105", "MS211", "MS302", "MS402", "MS501", "MS601",
            "MS602"} <= codes
    for finding in findings:
        lines = (examples_copy / finding.file).read_text("utf-8").splitlines()
        assert 1 <= finding.line <= len(lines), finding
        assert 1 <= finding.column <= len(lines[finding.line - 1]) + 1, finding


def test_findings_about_goals_carry_the_chain(examples_copy: Path) -> None:
    _break_examples(examples_copy)
    findings = run(examples_copy, use_cache=False, jobs=1).findings
    chains = {(f.code, f.node): f.chain for f in findings if f.node}
    assert chains[("MS402", "UF-VAS-A1")] == "VISION > I1 > UBN-E1 > UF-VAS-A1"
    assert chains[("MS602", "UBN-E1-I1")] == "VISION > I1 > UBN-E1 > UBN-E1-I1"
    assert chains[("MS601", "I1")] == "VISION > I1"
    # the broken link ends the chain at the activity itself
    assert chains[("MS211", "UF-VAS-A2")] == "UF-VAS-A2"
    for (code, _node), chain in chains.items():
        if code in ("MS302", "MS303", "MS304", "MS401", "MS402", "MS403", "MS601", "MS602"):
            assert chain.startswith("VISION > "), (code, chain)


def test_findings_are_sorted_and_stable(examples_copy: Path) -> None:
    _break_examples(examples_copy)
    first = run(examples_copy, use_cache=False, jobs=1).findings
    second = run(examples_copy, use_cache=False, jobs=1).findings
    assert first == second
    assert first == sorted(first, key=lambda f: (f.file, f.line, f.column, f.code, f.message))


def test_parallel_run_gives_the_same_findings(examples_copy: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes (used for large repositories) change nothing in the result."""
    _break_examples(examples_copy)
    serial = run(examples_copy, use_cache=False, jobs=1)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    parallel = run(examples_copy, use_cache=False, jobs=2)
    assert parallel.findings == serial.findings
    assert [n.to_record() for n in parallel.model.nodes] == [
        n.to_record() for n in serial.model.nodes]


def test_parallel_full_run_keeps_every_attribute(examples_copy: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A run for documents on worker processes gives the same model, attributes and
    headers included, and the same findings as one in this process."""
    from tests.render.render_support import texts

    _break_examples(examples_copy)
    serial = run(examples_copy, full=True, jobs=1)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    parallel = run(examples_copy, full=True, jobs=2)
    assert parallel.findings == serial.findings
    assert list(parallel.model.nodes) == list(serial.model.nodes)
    assert any(n.attrs for n in parallel.model.nodes)
    assert parallel.model.headers == serial.model.headers
    assert texts(parallel, "md", force=True) == texts(serial, "md", force=True)


def test_kept_attributes_of_plain_texts_are_shared() -> None:
    """Worker processes keep of an activity only what its row shows; equal kept
    mappings of plain texts are one object (marshal writes it once and reads back one),
    others are each their own, and nothing else changes."""
    import marshal
    from collections.abc import Mapping

    from malstyrning.model import FileModel, Node

    def activity(n: int, who: object, **more: object) -> Node:
        attrs = {"id": f"A{n}", "namn": "x", "ansvarig": who, **more}
        return Node("aktivitet", f"A{n}", "x", (), "E", "f.yaml", ("aktiviteter", n),
                    attrs=attrs)

    goal = Node("mål", "M1", "Mål", (), "N", "f.yaml", ("mål", 0),
                attrs={"id": "M1", "beskrivning": "Text"})
    nodes = (goal, activity(0, "Rektor", beskrivning="a"), activity(1, "Rektor"),
             activity(2, "Kurator"), activity(3, ["Rektor"]), activity(4, ["Rektor"]),
             Node("aktivitet", "A5", "x", (), "E", "f.yaml", ("aktiviteter", 5),
                  attrs={"id": "A5"}))
    model = FileModel("f.yaml", "verksamhetsplan", nodes=nodes)
    shared: dict[object, Mapping[str, object]] = {}
    attrs, lost = model.attrs_kept({"aktivitet": frozenset({"ansvarig"})}, shared)
    assert lost
    assert attrs[0] is goal.attrs
    assert [dict(a) for a in attrs[1:]] == [
        {"ansvarig": "Rektor"}, {"ansvarig": "Rektor"}, {"ansvarig": "Kurator"},
        {"ansvarig": ["Rektor"]}, {"ansvarig": ["Rektor"]}, {}]
    assert attrs[1] is attrs[2] and attrs[3] is not attrs[1]
    assert attrs[4] is not attrs[5]  # a list is no plain text: never shared
    back = marshal.loads(marshal.dumps(attrs))
    assert back == attrs and back[1] is back[2]
    # a second file of the same batch reuses the first one's mappings
    again, _ = FileModel("g.yaml", "verksamhetsplan", nodes=nodes[1:2]).attrs_kept(
        {"aktivitet": frozenset({"ansvarig"})}, shared)
    assert again[0] is attrs[1]
    # nothing left out, nothing lost
    whole, lost = FileModel("h.yaml", "verksamhetsplan", nodes=(goal,)).attrs_kept(
        {"aktivitet": frozenset({"ansvarig"})})
    assert not lost and whole == (goal.attrs,)


@pytest.mark.skipif(os.name != "posix", reason="symlinks/FIFOs need POSIX")
@pytest.mark.parametrize("full", [False, True])
def test_parallel_run_reads_odd_files_as_the_serial_run(
        examples_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        full: bool) -> None:
    """Workers that read the files themselves refuse and report exactly as the parent,
    also in a render's check (``full``, where a file they could not read once made the
    render fail)."""
    _break_examples(examples_copy)
    outside = tmp_path / "utanför.yaml"
    outside.write_text("typ: verksamhetsplan\n", "utf-8")
    (examples_copy / "ut.yaml").symlink_to(outside)
    (examples_copy / "trasig.yaml").symlink_to(examples_copy / "finns-inte.yaml")
    os.mkfifo(examples_copy / "rör.yaml")
    (examples_copy / "tom.yaml").write_bytes(b"")
    (examples_copy / "latin1.yaml").write_bytes("typ: för\n".encode("cp1252"))
    serial = run(examples_copy, use_cache=False, jobs=1, full=full, compact=full)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    parallel = run(examples_copy, use_cache=False, jobs=2, full=full, compact=full)
    assert {"MS001", "MS002", "MS003", "MS011", "MS020", "MS021"} <= {
        f.code for f in serial.findings}
    assert parallel.findings == serial.findings
    assert parallel.stats == serial.stats
    assert [n[:-1] for n in parallel.model.nodes] == [n[:-1] for n in serial.model.nodes]


def test_parallel_run_near_the_byte_limit_stops_where_the_serial_run_does(
        examples_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = examples_copy / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8") + "gränser:\n  max_byte_totalt: 20000\n",
                        "utf-8")
    serial = run(examples_copy, use_cache=False, jobs=1)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", 0)
    parallel = run(examples_copy, use_cache=False, jobs=2)
    assert "MS024" in {f.code for f in serial.findings}
    assert parallel.findings == serial.findings


# --- settings -------------------------------------------------------------------------


def test_severity_can_be_changed_or_turned_off(plan_repo: PlanRepo) -> None:
    plan_repo.patch(ENHET_PLAN, "slut: 2027-06-30", "slut: 2028-06-30")     # MS402 varning
    plan_repo.patch(NAMND_PLAN, "ram: 650000", "ram: 655000")               # MS501 fel
    assert [(f.code, f.severity) for f in plan_repo.run().findings] == [
        ("MS402", Severity.WARNING), ("MS501", Severity.ERROR)]
    plan_repo.append(SETTINGS, """
        regler:
          allvarlighet:
            MS402: fel
            MS501: av
        """)
    assert [(f.code, f.severity) for f in plan_repo.run().findings] == [
        ("MS402", Severity.ERROR)]


def test_excluded_files_are_not_read(plan_repo: PlanRepo) -> None:
    plan_repo.write("arkiv/2025/gammal.yaml", "typ: trasig\n")
    plan_repo.write("utkast.yaml", "- inte en plan\n")
    assert {f.file for f in plan_repo.run().findings} == {"arkiv/2025/gammal.yaml",
                                                          "utkast.yaml"}
    plan_repo.append(SETTINGS, 'exkludera: ["arkiv/**", "utkast.yaml"]\n')
    result = plan_repo.run()
    assert result.findings == []
    assert "utkast.yaml" not in result.files


def test_settings_period_applies_when_a_plan_has_none(plan_repo: PlanRepo) -> None:
    plan_repo.patch(KF_PLAN, "period: 2027–2029\n", "")
    codes = [f.code for f in plan_repo.run().findings]
    assert codes == ["MS102"]  # the plan itself must have a period; nothing else breaks


@pytest.mark.parametrize(("addition", "message"), [
    pytest.param("regler:\n  allvarlighet:\n    MS409: av\n", "Det finns ingen regel MS409",
                 id="unknown-rule"),
    pytest.param("regler:\n  allvarlighet:\n    MS001: av\n", "kan inte stängas av",
                 id="load-rule-off"),
    pytest.param("uppföljningsperioder:\n  - {kod: T1, namn: Tertial, till: \"02-30\"}\n",
                 "`02-30` är inget datum", id="impossible-date"),
    pytest.param("målkedja:\n  - {typ: vision, nyckel: vision, namn: Vision, "
                 "nivåer: [kommunfullmäktige]}\n  - {typ: mål, nyckel: mål, namn: Mål, "
                 "nivåer: [nämnd], bidrar_till: [visioner]}\n",
                 "`visioner` är ingen nivå ovanför `mål`", id="chain-link"),
])
def test_settings_the_schema_cannot_judge(plan_repo: PlanRepo, addition: str,
                                          message: str) -> None:
    plan_repo.write(SETTINGS, MINIMAL_REPO[SETTINGS] + addition, dedent=False)
    with pytest.raises(pipeline.ConfigError) as caught:
        run(plan_repo.root, use_cache=False)
    assert any(message in f.message for f in caught.value.findings), caught.value.findings
    assert all(f.line > 1 for f in caught.value.findings)


def test_reversed_settings_period(plan_repo: PlanRepo) -> None:
    plan_repo.patch(SETTINGS, "period: 2027–2029", "period: 2029–2027")
    with pytest.raises(pipeline.ConfigError) as caught:
        run(plan_repo.root, use_cache=False)
    assert "slutar före den börjar" in caught.value.findings[0].message


# --- positions composed once per file ------------------------------------------------------


def _both_kinds_of_findings(plan_repo: PlanRepo) -> None:
    """The nämnd plan gets schema findings (composed while analysed) and cross-file ones."""
    plan_repo.patch(NAMND_PLAN, "bidrar_till: [I1]", "bidrar_till: [I9]\n    priod: 2027")
    plan_repo.patch(NAMND_PLAN, "ram: 650000", "ram: 651000")


def test_cross_file_findings_reuse_the_positions_composed_for_the_file(
        plan_repo: PlanRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    _both_kinds_of_findings(plan_repo)
    composed: list[str] = []
    real = pipeline.Locator._node

    def counting(self: pipeline.Locator) -> object:
        if not self.composed and self._text == plan_repo.text(NAMND_PLAN):
            composed.append(NAMND_PLAN)
        return real(self)

    monkeypatch.setattr(pipeline.Locator, "_node", counting)
    kept = plan_repo.run().findings
    assert {f.code for f in kept} >= {"MS101", "MS211", "MS501"}
    assert len(composed) == 1  # before: once for the schema findings, once for the rest
    monkeypatch.setattr(pipeline, "KEEP_POSITIONS_BYTES", 0)
    composed.clear()
    assert plan_repo.run().findings == kept
    assert len(composed) == 2


def test_positions_are_kept_only_for_text_read_as_it_is(plan_repo: PlanRepo) -> None:
    """NFD text is read as NFC: the file's own text (what later findings are placed in)
    differs, so its positions are composed again rather than taken from the NFC text."""
    kept = pipeline.KeptPositions()
    nfd = "namn: A\u030angermanland\n".encode()
    for rel, raw in (("a.yaml", b"namn: x\n"), ("b.yaml", nfd), ("c.yaml", b"\xef\xbb\xbfa: 1\n")):
        locator = pipeline.Locator(raw.decode("utf-8-sig"))
        locator.position(("namn",))
        kept.offer(rel, raw, raw.decode("utf-8-sig").replace("A\u030a", "Å"), locator)
    assert list(kept.locators) == ["a.yaml"]
    small = pipeline.KeptPositions(room=3)
    locator = pipeline.Locator("namn: x\n")
    locator.position(())
    small.offer("a.yaml", b"namn: x\n", "namn: x\n", locator)
    assert small.locators == {}
