"""``malstyrning kolada fetch|import`` end to end, against the fake Kolada on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from malstyrning.cli import app
from malstyrning.pipeline import run
from tests.kolada.conftest import FIXTURES, FakeKolada, KoladaRepo, Reply

UBN = "uppfoljning/2026-helar/ubn.yaml"
KS = "uppfoljning/2026-helar/ks.yaml"

UBN_CREATED = """\
# yaml-language-server: $schema=../../schemas/uppfoljning.schema.json
typ: uppföljning
organisation: UBN
period: 2026-helår
utfall:
  - indikator: UBN-E1-I1
    år: 2026
    värde: 73.4
    källa: Kolada
    kön: {K: 76.0, M: 70.9}
  - indikator: UBN-E1-I2
    år: 2026
    värde: 64
    källa: Kolada
"""

KS_CREATED = """\
# yaml-language-server: $schema=../../schemas/uppfoljning.schema.json
typ: uppföljning
organisation: KS
period: 2026-helår
utfall:
  - indikator: KS-E1-I1
    år: 2026
    värde: 78.9
    källa: Kolada
    kön: {K: 81.2, M: 76.5}
  - indikator: KS-E1-I2
    år: 2026
    värde: null
    saknas: Kolada har inget värde för 2026.
    källa: Kolada
"""


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["kolada", *args])


def fetch(repo: KoladaRepo, *args: str) -> Result:
    return invoke("fetch", str(repo.root), "--year", "2026", *args)


def test_fetch_creates_a_followup_per_organisation(kolada: FakeKolada,
                                                   repo: KoladaRepo) -> None:
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert repo.text(UBN) == UBN_CREATED
    assert repo.text(KS) == KS_CREATED
    lines = result.stdout.splitlines()
    assert lines[0] == (f"Kolada ({kolada.base_url}): 4 nyckeltal för kommun 0331, år 2026 "
                        "(1 anrop, 1 sida).")
    assert f"{KS} (KS, 2026-helår) – ny fil" in lines
    assert "  Indikator  KPI     År    Värde  Åtgärd" in lines
    assert "  KS-E1-I1   N00914  2026  78,9   ny" in lines
    assert "  KS-E1-I2   N01951  2026  –      saknas i Kolada" in lines
    assert "  UBN-E1-I1  N15419  2026  73,4   ny" in lines
    assert "Summa: 3 nya värden, 1 saknas i Kolada." in lines
    assert f"Skapade {KS}." in lines and f"Skapade {UBN}." in lines
    assert lines[-1] == "Källa: Kolada"
    assert kolada.data_requests() == [
        "/v3/data/kpi/N00914,N01951,N15419,N17457/municipality/0331/year/2026?per_page=5000"]


def test_written_followups_pass_validation(kolada: FakeKolada, repo: KoladaRepo) -> None:
    assert fetch(repo).exit_code == 0
    findings = [f for f in run(repo.root, use_cache=False, jobs=1).findings
                if f.file.startswith("uppfoljning/") and f.code < "MS200"]
    assert findings == []


def test_dry_run_writes_nothing(kolada: FakeKolada, repo: KoladaRepo) -> None:
    before = repo.files()
    result = fetch(repo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert repo.files() == before
    assert f"{UBN} (UBN, 2026-helår) – skulle skapas" in result.stdout
    assert ("Torrkörning: inget har skrivits. Utan --dry-run skulle 2 filer skapas."
            in result.stdout)
    assert result.stdout.rstrip().endswith("Källa: Kolada")


def test_a_second_fetch_changes_nothing(kolada: FakeKolada, repo: KoladaRepo) -> None:
    assert fetch(repo).exit_code == 0
    before = repo.files()
    result = fetch(repo)
    assert result.exit_code == 0
    assert repo.files() == before
    assert "  UBN-E1-I1  N15419  2026  73,4   oförändrad" in result.stdout
    assert "Inget att skriva: uppföljningsfilerna är redan aktuella." in result.stdout


HAND_ENTERED = """\
# Årsredovisning 2026 (påhittad)
typ: uppföljning
organisation: UBN
period: 2026-helår
utfall:
  - indikator: UBN-E1-I1
    år: 2026
    värde: 72.0          # skolornas egen sammanställning
    källa: Egen sammanställning
bedömningar:
  - mål: UBN-E1
    måluppfyllelse: delvis uppfyllt
"""


def test_a_hand_entered_value_is_reported_not_overwritten(kolada: FakeKolada,
                                                           repo: KoladaRepo) -> None:
    repo.write("uppfoljning/ubn-2026.yaml", HAND_ENTERED, dedent=False)
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert ("  UBN-E1-I1  N15419  2026  73,4 (i filen: 72,0)  skiljer sig (behåller "
            "handinmatat)") in result.stdout
    assert "1 värde skiljer sig från Kolada och behölls; kör igen med --overwrite" \
        in result.stdout
    text = repo.text("uppfoljning/ubn-2026.yaml")
    assert text.startswith(HAND_ENTERED.split("bedömningar:")[0])
    assert "  - indikator: UBN-E1-I2\n    år: 2026\n    värde: 64\n    källa: Kolada\n" \
        "bedömningar:" in text
    assert not (repo.root / UBN).exists()


def test_overwrite_replaces_a_hand_entered_value(kolada: FakeKolada,
                                                 repo: KoladaRepo) -> None:
    repo.write("uppfoljning/ubn-2026.yaml", HAND_ENTERED, dedent=False)
    result = fetch(repo, "--overwrite")
    assert result.exit_code == 0, result.output
    assert "73,4 (var 72,0)  ersatt med Kolada (--overwrite)" in result.stdout
    text = repo.text("uppfoljning/ubn-2026.yaml")
    assert "    värde: 73.4          # skolornas egen sammanställning\n    källa: Kolada\n" \
        "    kön: {K: 76.0, M: 70.9}\n" in text
    assert text.startswith("# Årsredovisning 2026 (påhittad)\ntyp: uppföljning\n")


def test_period_option_chooses_the_followup(kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("uppfoljning/2027-delar/ubn.yaml",
               "typ: uppföljning\norganisation: UBN\nperiod: 2027-delår\n", dedent=False)
    result = fetch(repo, "--period", "2027-Delår")
    assert result.exit_code == 0, result.output
    assert "uppfoljning/2027-delar/ubn.yaml (UBN, 2027-delår) – ändras" in result.stdout
    assert "uppfoljning/2027-delar/ks.yaml (KS, 2027-delår) – ny fil" in result.stdout
    assert "period: 2027-delår\n" in repo.text("uppfoljning/2027-delar/ks.yaml")


@pytest.mark.parametrize(("args", "message"), [
    (("--period", "2026-kvartal"), "Okänd uppföljningsperiod '2026-kvartal'"),
    (("--period", "2025-helår"), "Värden för 2026 kan inte följas upp i 2025-helår"),
])
def test_bad_periods(kolada: FakeKolada, repo: KoladaRepo, args: tuple[str, ...],
                     message: str) -> None:
    result = fetch(repo, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert kolada.requests == []


def test_offline_gives_a_swedish_message_and_exit_2(repo: KoladaRepo,
                                                    waits: list[float]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetch(repo, "--url", f"http://127.0.0.1:{port}/v3")
    assert result.exit_code == 2
    notes = result.stderr.splitlines()
    assert notes[:3] == [
        "malstyrning: Kolada: anslutningen nekades; försöker igen om 0,5 s (försök 2 av 4).",
        "malstyrning: Kolada: anslutningen nekades; försöker igen om 1 s (försök 3 av 4).",
        "malstyrning: Kolada: anslutningen nekades; försöker igen om 2 s (försök 4 av 4)."]
    assert notes[3].startswith(f"malstyrning: Kunde inte nå Kolada (127.0.0.1:{port}): "
                               "anslutningen nekades.")
    assert "Traceback" not in result.output
    assert waits == [0.5, 1.0, 2.0]
    assert not (repo.root / "uppfoljning").exists()


def test_a_kolada_error_gives_exit_2(kolada: FakeKolada, repo: KoladaRepo) -> None:
    kolada.script = [Reply(500, {"message": "Database down"})] * 4
    result = fetch(repo)
    assert result.exit_code == 2
    assert "Kolada har ett serverfel (500)" in result.stderr
    assert not (repo.root / "uppfoljning").exists()


def test_a_server_error_then_success(kolada: FakeKolada, repo: KoladaRepo,
                                     waits: list[float]) -> None:
    kolada.script = [Reply(502, "Bad gateway")]
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert "(2 anrop, 1 sida)" in result.stdout
    assert waits == [0.5]
    assert "Kolada: fel 502; försöker igen om 0,5 s (försök 2 av 4)." in result.stderr


def test_the_url_option_wins_over_the_environment(kolada: FakeKolada,
                                                  repo: KoladaRepo) -> None:
    result = fetch(repo, "--url", kolada.base_url + "/fel")
    assert result.exit_code == 2
    assert "Kolada hittar inte adressen (404)" in result.stderr


@pytest.mark.parametrize("fixture", ["heby-2026.json", "heby-2026-pages.json"])
def test_import_reads_a_saved_response(repo: KoladaRepo, fixture: str) -> None:
    result = invoke("import", str(FIXTURES / fixture), str(repo.root), "--year", "2026")
    assert result.exit_code == 0, result.output
    assert repo.text(UBN) == UBN_CREATED
    assert repo.text(KS) == KS_CREATED
    assert result.stdout.startswith(f"Kolada (sparat svar {fixture}): ")
    assert result.stdout.rstrip().endswith("Källa: Kolada")


def test_import_of_another_year_finds_only_what_is_there(repo: KoladaRepo) -> None:
    result = invoke("import", str(FIXTURES / "heby-2026.json"), str(repo.root),
                    "--year", "2025", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  UBN-E1-I1  N15419  2025  71,8   ny" in result.stdout
    assert "  UBN-E1-I2  N17457  2025  –      saknas i Kolada" in result.stdout


def test_import_of_a_file_that_is_not_koladas(repo: KoladaRepo, tmp_path: Path) -> None:
    bad = tmp_path / "svar.json"
    bad.write_text('{"rows": []}', encoding="utf-8")
    result = invoke("import", str(bad), str(repo.root), "--year", "2026")
    assert result.exit_code == 2
    assert "saknar listan `values`" in result.stderr


def test_a_kommunkod_is_required(repo: KoladaRepo) -> None:
    (repo.root / "malstyrning.yaml").unlink()
    result = invoke("import", str(FIXTURES / "heby-2026.json"), str(repo.root),
                    "--year", "2026")
    assert result.exit_code == 2
    assert "saknar en giltig kommunkod" in result.stderr


def test_a_broken_settings_file_gives_exit_2(repo: KoladaRepo) -> None:
    settings = repo.root / "malstyrning.yaml"
    settings.write_text(settings.read_text("utf-8").replace('kommunkod: "0331"\n', ""),
                        encoding="utf-8")
    result = invoke("import", str(FIXTURES / "heby-2026.json"), str(repo.root),
                    "--year", "2026")
    assert result.exit_code == 2
    assert "malstyrning.yaml behöver rättas" in result.stderr


def test_malformed_kolada_ids_are_skipped_and_named(kolada: FakeKolada,
                                                    repo: KoladaRepo) -> None:
    plan = repo.root / "namnder/ks-2026.yaml"
    plan.write_text(plan.read_text("utf-8").replace("kolada: N01951", "kolada: n1951"),
                    encoding="utf-8")
    result = fetch(repo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert ("Hoppade över KS-E1-I2 (namnder/ks-2026.yaml): Kolada-id `n1951` har fel form"
            in result.stdout)
    assert "N01951" not in kolada.requests[0]


def test_no_kolada_ids_means_no_request(kolada: FakeKolada, repo: KoladaRepo) -> None:
    shutil.rmtree(repo.root / "namnder")
    result = fetch(repo)
    assert result.exit_code == 0
    assert "Inga indikatorer i planen har ett giltigt `kolada:`-id" in result.stdout
    assert kolada.requests == []


def test_fetch_pages_through_a_large_answer(kolada: FakeKolada, repo: KoladaRepo,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from malstyrning.kolada import client

    monkeypatch.setattr(client, "PER_PAGE", 1)
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert "(4 anrop, 4 sidor)" in result.stdout
    assert repo.text(UBN) == UBN_CREATED


def test_two_followups_for_one_period_are_refused(kolada: FakeKolada,
                                                  repo: KoladaRepo) -> None:
    header = "typ: uppföljning\norganisation: UBN\nperiod: 2026-helår\n"
    repo.write("uppfoljning/a.yaml", header, dedent=False)
    repo.write("uppfoljning/b.yaml", header, dedent=False)
    before = repo.files()
    result = fetch(repo)
    assert result.exit_code == 2
    assert ("Flera uppföljningsfiler gäller UBN 2026-helår: uppfoljning/a.yaml, "
            "uppfoljning/b.yaml") in result.stderr
    assert repo.files() == before


def test_an_unreadable_file_in_the_way_is_not_overwritten(kolada: FakeKolada,
                                                          repo: KoladaRepo) -> None:
    repo.write(UBN, "typ: uppföljning\norganisation: [UBN\n", dedent=False)
    result = fetch(repo)
    assert result.exit_code == 2
    assert f"{UBN} finns redan men är inte en läsbar uppföljning för UBN" in result.stderr
    assert repo.text(UBN) == "typ: uppföljning\norganisation: [UBN\n"
