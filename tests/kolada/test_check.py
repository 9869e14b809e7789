"""``malstyrning kolada check`` against the fake Kolada's ``/kpi`` route on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner, Result

from malstyrning.cli import app
from malstyrning.kolada import metadata
from tests.kolada.conftest import FakeKolada, KoladaRepo, Reply

UBN_PLAN = "namnder/ubn-2026.yaml"


def check(repo: KoladaRepo, *args: str) -> Result:
    return CliRunner().invoke(app, ["kolada", "check", str(repo.root), *args])


def saved(repo: KoladaRepo) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(repo.text(metadata.METADATA_FILE))  # type: ignore[type-arg]
    return data


def test_a_clean_plan_passes_and_the_metadata_is_saved(kolada: FakeKolada,
                                                       repo: KoladaRepo) -> None:
    result = check(repo)
    assert result.exit_code == 0, result.output
    assert [r.split("?")[0] for r in kolada.requests] == ["/v3/kpi/N00914,N01951,N15419,N17457"]
    data = saved(repo)
    assert data["hämtad"] == dt.date.today().isoformat()
    assert data["källa"] == kolada.base_url
    assert sorted(data["nyckeltal"]) == ["N00914", "N01951", "N15419", "N17457"]
    assert data["nyckeltal"]["N15419"]["kön"] is True
    assert data["nyckeltal"]["N17457"] == {
        "titel": "Gymnasieelever med examen inom 4 år, kommunala skolor, andel (%)",
        "kommuntyp": "A", "kön": False, "borttaget": False}
    assert "4 nyckeltal hämtade i sin helhet" in result.stderr


def test_findings_point_at_the_kolada_key_with_both_texts(kolada: FakeKolada,
                                                          repo: KoladaRepo) -> None:
    plan = repo.text(UBN_PLAN)
    plan = plan.replace("kolada: N17457", "kolada: N99999")
    plan = plan.replace("namn: Elever i åk 9 som uppnått kunskapskraven, andel (%)",
                        "namn: Invånare 65+ i särskilt boende, andel (%)")
    repo.write(UBN_PLAN, plan, dedent=False)
    ks = repo.text("namnder/ks-2026.yaml").replace("kolada: N01951", "kolada: L17001")
    repo.write("namnder/ks-2026.yaml", ks, dedent=False)
    result = check(repo, "--format", "concise")
    assert result.exit_code == 1, result.output
    lines = plan.splitlines()
    row = next(i for i, line in enumerate(lines, 1) if "kolada: N99999" in line)
    column = lines[row - 1].index("kolada") + 1
    assert f"{UBN_PLAN}:{row}:{column}" in result.stdout
    assert "Nyckeltalet `N99999` finns inte i Kolada" in result.stdout
    assert ("Indikatorn heter \"Invånare 65+ i särskilt boende, andel (%)\", men Koladas "
            "nyckeltal `N15419` heter \"Elever i åk. 9 som uppnått kunskapskraven i alla "
            "ämnen, kommunala skolor, andel (%)\"") in " ".join(result.stdout.split())
    assert "finns i Kolada bara för regioner, inte för kommuner" in result.stdout
    assert saved(repo)["finns_inte"] == ["N99999"]
    as_json = CliRunner().invoke(app, ["kolada", "check", str(repo.root), "--offline",
                                       "--format", "json"])
    assert as_json.exit_code == 1, as_json.output
    codes = sorted(f["kod"] for f in json.loads(as_json.stdout)["fynd"])
    assert codes == ["MS603", "MS604", "MS606", "MS606"]  # L17001's title is not KS-E1-I2's


def test_warnings_fail_only_with_strict(kolada: FakeKolada, repo: KoladaRepo) -> None:
    plan = repo.text(UBN_PLAN).replace(
        "namn: Gymnasieexamen inom 4 år, andel (%)", "namn: Kostnad per elev, kr")
    repo.write(UBN_PLAN, plan, dedent=False)
    assert check(repo).exit_code == 0
    assert check(repo, "--offline", "--strict").exit_code == 1


def test_a_second_check_asks_only_for_what_changed(kolada: FakeKolada,
                                                   repo: KoladaRepo) -> None:
    assert check(repo).exit_code == 0
    data = saved(repo)
    data["hämtad"] = "2026-11-01"
    data["nyckeltal"]["N01951"]["titel"] = "Något annat"  # changed since: fetched again
    data["nyckeltal"]["N00914"]["titel"] = "Behålls"  # unchanged since: kept as saved
    repo.write(metadata.METADATA_FILE, json.dumps(data, ensure_ascii=False), dedent=False)
    kolada.requests.clear()
    result = check(repo)
    assert kolada.requests == [
        "/v3/kpi/N00914,N01951,N15419,N17457?per_page=5000&from_date=2026-11-01"]
    data = saved(repo)
    assert data["nyckeltal"]["N01951"]["titel"].startswith("Andel som får svar på e-post")
    assert data["nyckeltal"]["N00914"]["titel"] == "Behålls"
    assert "4 nyckeltal ändrade sedan 2026-11-01: 1 ändring" in result.stderr
    assert "MS606" in result.stdout  # the kept title no longer matches the name


def test_an_unknown_id_is_asked_again_in_full(kolada: FakeKolada, repo: KoladaRepo) -> None:
    plan = repo.text(UBN_PLAN).replace("kolada: N17457", "kolada: N00002")
    repo.write(UBN_PLAN, plan, dedent=False)
    result = check(repo)
    assert result.exit_code == 1
    assert "Nyckeltalet `N00002` (Nyckeltal som har tagits bort) är borttaget" in result.stdout
    assert saved(repo)["nyckeltal"]["N00002"]["borttaget"] is True


def test_gender_split_in_the_followup(kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("uppfoljning/2026-helar/ubn.yaml", """
        typ: uppföljning
        organisation: UBN
        period: 2026-helår
        utfall:
          - indikator: UBN-E1-I2
            år: 2026
            värde: 64
            kön: {K: 68, M: 60}
        """)
    result = check(repo, "--strict")
    assert result.exit_code == 1
    assert ("uppfoljning/2026-helar/ubn.yaml visar kvinnor och män för `UBN-E1-I2`, men "
            "Kolada delar inte upp `N17457`") in " ".join(result.stdout.split())


def test_kolada_unreachable_exits_2(kolada: FakeKolada, repo: KoladaRepo) -> None:
    kolada.script = [Reply(503)] * 4
    result = check(repo)
    assert result.exit_code == 2
    assert "serverfel (503)" in result.stderr
    assert not (repo.root / metadata.METADATA_FILE).exists()


def test_offline_without_a_saved_file(repo: KoladaRepo) -> None:
    result = check(repo, "--offline")
    assert result.exit_code == 2
    assert "kolada/nyckeltal.json finns inte" in result.stderr


def test_a_broken_saved_file_is_fetched_again(kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write(metadata.METADATA_FILE, "{trasig", dedent=False)
    result = check(repo)
    assert result.exit_code == 0, result.output
    assert "går inte att läsa" in result.stderr
    assert len(saved(repo)["nyckeltal"]) == 4


def test_later_metadata_and_oudata_pages_stay_on_the_mirror() -> None:
    from malstyrning.kolada.client import rebase

    mirror = "http://127.0.0.1:9/spegel/kolada"
    assert rebase("https://api.kolada.se/v3/kpi/N15419?page=2&per_page=5000", mirror) == (
        f"{mirror}/kpi/N15419?page=2&per_page=5000")
    assert rebase("https://api.kolada.se/v3/oudata/kpi/N15419/ou/V15E144001301/year/2026"
                  "?page=2", mirror) == (
        f"{mirror}/oudata/kpi/N15419/ou/V15E144001301/year/2026?page=2")


def test_full_finds_a_kpi_that_vanished_without_a_trace(kolada: FakeKolada,
                                                         repo: KoladaRepo) -> None:
    assert check(repo).exit_code == 0
    kolada.kpis = [k for k in kolada.kpis if k["id"] != "N17457"]  # gone, not is_deleted
    assert check(repo).exit_code == 0  # only changes are asked: nothing says it is gone
    kolada.requests.clear()
    result = check(repo, "--full")
    assert kolada.requests == ["/v3/kpi/N00914,N01951,N15419,N17457?per_page=5000"]
    assert result.exit_code == 1
    assert "Nyckeltalet `N17457` finns inte i Kolada" in result.stdout
