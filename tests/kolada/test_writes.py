"""Writes that lose nothing (issue 12): NFD keys, line endings, flow collections, blank
lines, comments, symbolic links, concurrent imports, numbers no KPI can have."""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from malstyrning.cli import app
from malstyrning.kolada import files
from malstyrning.kolada.entryedit import open_followup
from malstyrning.kolada.files import EditError
from malstyrning.kolada.values import KoladaValue
from malstyrning.kolada.writer import Action, Target, update_document
from malstyrning.load import reader
from tests.kolada.conftest import FIXTURES, KoladaRepo

VALUES = {
    "N15419": KoladaValue("N15419", "0331", 2026, 73.4, 76.0, 70.9),
    "N17457": KoladaValue("N17457", "0331", 2026, 64),
}
I1 = Target("UBN-E1-I1", "N15419", "UBN", "namnder/ubn.yaml")
I2 = Target("UBN-E1-I2", "N17457", "UBN", "namnder/ubn.yaml")
UBN = "uppfoljning/2026-helar/ubn.yaml"


def _text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def edit(raw: bytes | str, targets: tuple[Target, ...] = (I1, I2)) -> tuple[list[Action], bytes]:
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    doc = open_followup("ubn.yaml", data)
    changes = update_document(doc, list(targets), VALUES, 2026, "0331", False)
    return [c.action for c in changes], doc.render()


def removed_lines(old: bytes, new: bytes) -> list[str]:
    """Original lines (with their line breaks) that are not in the new file as they were."""
    a = old.decode("utf-8").splitlines(keepends=True)
    b = new.decode("utf-8").splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [line for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"
            for line in a[i1:i2]]


def outcomes(raw: bytes) -> list[dict[str, object]]:
    data = reader.read("x.yaml", raw).data
    assert data is not None
    result: list[dict[str, object]] = data["utfall"]
    return result


PLAIN = _text("""
    typ: uppföljning
    organisation: UBN
    period: 2026-helår
    utfall:
      - indikator: UBN-E1-I1
        år: 2026
        värde: null
      - indikator: UBN-E1-I2
        år: 2026
        värde: ~
    """)


# --- NFD keys ---------------------------------------------------------------------

@pytest.mark.parametrize("how", ["whole file", "only år", "one entry"])
def test_nfd_keys_are_matched_on_their_nfc_form(how: str) -> None:
    if how == "whole file":
        text = unicodedata.normalize("NFD", PLAIN)
    elif how == "only år":
        text = PLAIN.replace("år:", unicodedata.normalize("NFD", "år:"))
    else:
        text = PLAIN.replace("år: 2026\n    värde: ~",
                             unicodedata.normalize("NFD", "år: 2026\n    värde: ~"))
    assert text != PLAIN
    actions, new = edit(text)
    assert actions == [Action.NEW, Action.NEW]
    result = outcomes(new)
    assert [(e["indikator"], e["värde"]) for e in result] == [
        ("UBN-E1-I1", 73.4), ("UBN-E1-I2", 64)]  # filled in place, nothing appended
    assert removed_lines(text.encode(), new) == [
        unicodedata.normalize("NFD", "    värde: null\n") if how == "whole file"
        else "    värde: null\n",
        unicodedata.normalize("NFD", "    värde: ~\n") if how != "only år"
        else "    värde: ~\n"]


def test_nfd_entries_that_already_hold_the_values_are_left_alone() -> None:
    text = unicodedata.normalize("NFD", _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - {indikator: UBN-E1-I2, år: 2026, värde: 64, källa: Kolada}
        """))
    doc = open_followup("ubn.yaml", text.encode())
    changes = update_document(doc, [I2], VALUES, 2026, "0331", False)
    assert [c.action for c in changes] == [Action.UNCHANGED]


def test_duplicated_outcomes_are_reported_and_left_alone() -> None:
    text = PLAIN + "  - indikator: UBN-E1-I1\n    år: 2026\n    värde: 70\n"
    doc = open_followup("ubn.yaml", text.encode())
    changes = update_document(doc, [I1, I2], VALUES, 2026, "0331", False)
    assert [c.action for c in changes] == [Action.DUPLICATE, Action.NEW]
    assert [e["värde"] for e in outcomes(doc.render())] == [None, 64, 70]


# --- line endings -------------------------------------------------------------------

def test_mixed_line_endings_stay_line_by_line() -> None:
    lines = PLAIN.splitlines()
    text = "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines))
    _, new = edit(text)
    out = new.decode()
    assert removed_lines(text.encode(), new) == ["    värde: null\n", "    värde: ~\r\n"]
    # the lines added after a line take its line break
    assert "    värde: 73.4\n    källa: Kolada\n    kön: {K: 76.0, M: 70.9}\n" in out
    assert "    värde: 64\r\n    källa: Kolada\r\n" in out


def test_a_cr_only_file_stays_cr_only() -> None:
    text = PLAIN.replace("\n", "\r")
    _, new = edit(text)
    assert b"\n" not in new
    assert [e["värde"] for e in outcomes(new)] == [73.4, 64]
    assert removed_lines(text.encode(), new) == ["    värde: null\r", "    värde: ~\r"]
    assert new.decode().split("\r")[:6] == text.split("\r")[:6]


def test_crlf_entries_appended_to_a_crlf_file() -> None:
    text = PLAIN.replace("\n", "\r\n")
    doc = open_followup("ubn.yaml", text.encode())
    update_document(doc, [Target("UBN-E1-I3", "N17457", "UBN", "x")], VALUES, 2026,
                    "0331", False)
    new = doc.render()
    assert new.startswith(text.encode())
    assert b"\n" not in new.replace(b"\r\n", b"")


# --- flow collections, blank lines, comments ----------------------------------------

def test_a_multi_line_flow_list_is_not_joined() -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall: [
          {indikator: UBN-E1-I3, år: 2026, värde: 81},   # enkät
          {indikator: UBN-E1-I2, år: 2026, värde: ~,
           kommentar: Väntar på Kolada}  # sista
        ]
        bedömningar: []
        """)
    _, new = edit(text)
    out = new.decode()
    assert removed_lines(text.encode(), new) == [
        "  {indikator: UBN-E1-I2, år: 2026, värde: ~,\n",
        "   kommentar: Väntar på Kolada}  # sista\n"]
    assert "  {indikator: UBN-E1-I2, år: 2026, värde: 64, källa: Kolada,\n" in out
    assert ("   kommentar: Väntar på Kolada}, {indikator: UBN-E1-I1, år: 2026, värde: 73.4, "
            "källa: Kolada, kön: {K: 76.0, M: 70.9}}  # sista\n") in out
    assert [e["indikator"] for e in outcomes(new)] == ["UBN-E1-I3", "UBN-E1-I2", "UBN-E1-I1"]


def test_blank_lines_inside_an_updated_entry_are_kept() -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I2

            år: 2026

            värde: ~

            kommentar: Väntar.
        """)
    _, new = edit(text, (I2,))
    assert removed_lines(text.encode(), new) == ["    värde: ~\n"]
    assert new.decode().count("\n\n") == text.count("\n\n")


def test_comments_beside_kon_and_in_a_block_split_are_kept() -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I1
            år: 2026
            värde: 70
            källa: Kolada
            kön:          # per kön
              K: 71       # flickor
              M: 69       # pojkar
          - indikator: UBN-E1-I2
            år: 2026
            värde: 60
            källa: Kolada
            kön: {K: 61, M: 59}   # Kolada delade upp förra året
        """)
    _, new = edit(text)
    out = new.decode()
    for comment in ("# per kön", "# flickor", "# pojkar", "# Kolada delade upp förra året"):
        assert comment in out
    assert "      K: 76.0       # flickor\n      M: 70.9       # pojkar\n" in out
    # Kolada has no split for N17457 any more: the key goes, its comment stays
    assert "    värde: 64\n    källa: Kolada\n    # Kolada delade upp förra året\n" in out
    result = outcomes(new)
    assert result[0]["kön"] == {"K": 76.0, "M": 70.9} and "kön" not in result[1]


def test_a_comment_after_the_last_item_stays_with_what_it_introduces() -> None:
    text = PLAIN + "\n# Bedömningarna\nbedömningar: []\n"
    doc = open_followup("ubn.yaml", text.encode())
    update_document(doc, [Target("UBN-E1-I3", "N17457", "UBN", "x")], VALUES, 2026,
                    "0331", False)
    out = doc.render().decode()
    assert out.endswith("    värde: ~\n  - indikator: UBN-E1-I3\n    år: 2026\n    värde: 64\n"
                        "    källa: Kolada\n\n# Bedömningarna\nbedömningar: []\n")


def test_an_empty_flow_list_with_a_comment_keeps_the_comment() -> None:
    text = "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\nutfall: []  # Kolada\n"
    _, new = edit(text, (I2,))
    assert new.decode() == ("typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\n"
                            "utfall:  # Kolada\n  - indikator: UBN-E1-I2\n    år: 2026\n"
                            "    värde: 64\n    källa: Kolada\n")


def test_saknas_removed_keeps_its_comment() -> None:
    text = _text("""
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I2
            år: 2026
            värde: null
            saknas: Kolada har inget värde för 2026.   # januari
            källa: Kolada
        """)
    _, new = edit(text, (I2,))
    assert new.decode().endswith("    värde: 64\n    # januari\n    källa: Kolada\n")


def test_an_anchored_entry_is_refused_and_nothing_changes() -> None:
    text = PLAIN.replace("  - indikator: UBN-E1-I2", "  - &e2\n    indikator: UBN-E1-I2")
    doc = open_followup("ubn.yaml", text.encode())
    with pytest.raises(EditError, match="ankare"):
        update_document(doc, [I2], VALUES, 2026, "0331", False)


# --- files: links, special files, concurrency ---------------------------------------

def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["kolada", *args])
    return result.exit_code, result.output


def imported(repo: KoladaRepo, *args: str) -> tuple[int, str]:
    return invoke("import", str(FIXTURES / "heby-2026.json"), str(repo.root), "--year",
                  "2026", *args)


FOLLOWUP = "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_linked_followup_is_written_through_its_link(repo: KoladaRepo) -> None:
    shared = repo.write("delat/ubn-uppfoljning.txt", FOLLOWUP)
    link = repo.root / UBN
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("../../delat/ubn-uppfoljning.txt"))
    code, output = imported(repo)
    assert code == 0, output
    assert link.is_symlink()
    assert os.readlink(link) == "../../delat/ubn-uppfoljning.txt"
    assert "UBN-E1-I1" in shared.read_text("utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_link_out_of_the_repository_is_refused(repo: KoladaRepo, tmp_path: Path) -> None:
    outside = tmp_path / "utanfor.yaml"
    outside.write_text(FOLLOWUP, "utf-8")
    link = repo.root / UBN
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    code, output = imported(repo)
    assert code == 2
    assert "pekar ut ur planrepot" in output
    assert outside.read_text("utf-8") == FOLLOWUP and link.is_symlink()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_dangling_link_is_refused(repo: KoladaRepo) -> None:
    link = repo.root / UBN
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("finns-inte.yaml"))
    code, output = imported(repo)
    assert code == 2 and "som inte finns" in output
    assert link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "ubn.yaml"
    os.mkfifo(fifo)
    with pytest.raises(EditError, match="inte en vanlig fil"):
        files.read_regular(fifo, "ubn.yaml")


def test_the_lock_waits_then_explains(tmp_path: Path) -> None:
    target = tmp_path / "ubn.yaml"
    lock = files.lock_path(target)
    lock.write_text(f"{os.getpid()} {os.uname().nodename if hasattr(os, 'uname') else ''}\n")
    with pytest.raises(EditError, match="låst av en annan import"), \
            files.locked(target, "ubn.yaml", timeout=0.2):
        pass
    assert lock.exists()  # someone else's lock is not removed


def test_a_stale_lock_from_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    import socket

    target = tmp_path / "ubn.yaml"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    files.lock_path(target).write_text(f"{dead} {socket.gethostname()}\n")
    with files.locked(target, "ubn.yaml", timeout=0.5):
        assert files.lock_path(target).read_text().startswith(str(os.getpid()))
    assert not files.lock_path(target).exists()


def test_a_file_changed_after_planning_is_replanned(repo: KoladaRepo) -> None:
    from malstyrning.kolada.writer import plan_updates
    from malstyrning.model import FollowUpDoc  # noqa: F401  (the model type the plan reads)
    from malstyrning.pipeline import run

    repo.write(UBN, FOLLOWUP)
    result = run(repo.root, full=True)
    from malstyrning.kolada.values import values_for
    from malstyrning.kolada.writer import kolada_targets

    targets, _ = kolada_targets(result.model)
    rows = json.loads((FIXTURES / "heby-2026.json").read_text("utf-8"))["values"]
    plan = plan_updates(repo.root, result.model, [t for t in targets if t.org == "UBN"],
                        values_for(rows, "0331", 2026), year=2026, period="2026-helår",
                        municipality="0331")
    # someone adds a value by hand between the plan and the write
    repo.write(UBN, FOLLOWUP + "utfall:\n  - indikator: UBN-E1-I3\n    år: 2026\n"
               "    värde: 80\n")
    assert plan.write() == [UBN]
    assert [e["indikator"] for e in outcomes((repo.root / UBN).read_bytes())] == [
        "UBN-E1-I3", "UBN-E1-I1", "UBN-E1-I2"]


CONCURRENT = """
import sys, time
delay = float(sys.argv[1])
from malstyrning.kolada import writer
write = writer.UpdatePlan.write
def slow(self):
    time.sleep(delay)  # both runs have planned before either writes
    return write(self)
writer.UpdatePlan.write = slow
sys.argv = ["malstyrning", *sys.argv[2:]]
from malstyrning.cli import main
main()
"""


def _two_years_response(tmp_path: Path) -> Path:
    rows = json.loads((FIXTURES / "heby-2026.json").read_text("utf-8"))["values"]
    later = [{**r, "period": 2027} for r in rows if r["period"] == 2026]
    path = tmp_path / "svar.json"
    path.write_text(json.dumps({"values": rows + later}), "utf-8")
    return path


@pytest.mark.parametrize("delay", [0.0, 0.6])
def test_two_imports_at_once_lose_nothing(repo: KoladaRepo, tmp_path: Path,
                                          delay: float) -> None:
    response = _two_years_response(tmp_path)
    target = "uppfoljning/2027-helar/ubn.yaml"
    repo.write(target, FOLLOWUP.replace("2026-helår", "2027-helår"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    runs = [subprocess.Popen(
        [sys.executable, "-c", CONCURRENT, str(delay), "kolada", "import", str(response),
         str(repo.root), "--year", str(year), "--period", "2027-helår"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for year in (2026, 2027)]
    results = [run.communicate(timeout=60) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    years = sorted((e["indikator"], e["år"]) for e in outcomes((repo.root / target).read_bytes())
                   if str(e["indikator"]).startswith("UBN"))
    assert years == [("UBN-E1-I1", 2026), ("UBN-E1-I1", 2027),
                     ("UBN-E1-I2", 2026), ("UBN-E1-I2", 2027)]
    assert not files.lock_path(repo.root / target).exists()


# --- numbers no KPI can have ----------------------------------------------------------

def test_a_401_digit_value_is_skipped_with_a_note(repo: KoladaRepo, tmp_path: Path) -> None:
    response = tmp_path / "svar.json"
    text = (FIXTURES / "heby-2026.json").read_text("utf-8")
    response.write_text(text.replace('"value": 73.4', '"value": ' + "9" * 401), "utf-8")
    code, output = invoke("import", str(response), str(repo.root), "--year", "2026")
    assert code == 0, output
    assert "orimligt värde från Kolada (skrivs inte)" in output
    assert ("Obs: Kolada-svaret har ett värde för N15419 (UBN-E1-I1, 2026) som inte kan "
            "användas: totalt: ett orimligt stort tal (401 siffror).") in output
    written = outcomes((repo.root / UBN).read_bytes())
    assert [e["indikator"] for e in written] == ["UBN-E1-I2"]


def test_a_huge_hand_entered_value_does_not_crash_the_comparison() -> None:
    text = PLAIN.replace("värde: null", "värde: " + "7" * 80 + "\n    källa: Egen")
    doc = open_followup("ubn.yaml", text.encode())
    changes = update_document(doc, [I1], VALUES, 2026, "0331", False)
    assert [c.action for c in changes] == [Action.DIFFERS]


def test_a_file_ending_in_a_block_text_without_line_break_is_refused_clearly() -> None:
    text = PLAIN.replace("    värde: ~\n", "    värde: 60\n    kommentar: |\n      Sista.")
    doc = open_followup("ubn.yaml", text.encode())
    update_document(doc, [Target("UBN-E1-I3", "N17457", "UBN", "x")], VALUES, 2026,
                    "0331", False)
    with pytest.raises(EditError, match="avsluta filen med en radbrytning"):
        doc.render()


def test_an_empty_last_value_does_not_carry_the_append_past_what_follows() -> None:
    text = PLAIN + "  - indikator: UBN-E2-I1\n    år: 2025\n    värde: #k\n\n# Bedömning\n" \
        "bedömningar:\n  - mål: UBN-E1\n"
    doc = open_followup("ubn.yaml", text.encode())
    update_document(doc, [Target("UBN-E1-I3", "N17457", "UBN", "x")], VALUES, 2026,
                    "0331", False)
    assert doc.render().decode().endswith(
        "    värde: #k\n  - indikator: UBN-E1-I3\n    år: 2026\n    värde: 64\n"
        "    källa: Kolada\n\n# Bedömning\nbedömningar:\n  - mål: UBN-E1\n")
