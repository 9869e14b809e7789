"""``kolada fetch`` with ``jämförelser`` (riket, län, kommungrupper) and enhet-level
indicators (``kolada_enhet`` → ``/oudata``), against the fake Kolada on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from malstyrning.cli import app
from malstyrning.kolada import peers
from tests.kolada.conftest import FakeKolada, KoladaRepo

SETTINGS = """
    typ: inställningar
    kommun: Heby kommun
    kommunkod: "0331"
    period: 2026–2027
    jämförelser:
      riket: true
      län: true
      grupper: [G124026]
      namn: {G124026: "Liknande kommuner, grundskola"}
    """


def _row(kpi: str, place: str, total: float | None, women: float | None = None,
         men: float | None = None, *, key: str = "municipality") -> dict[str, Any]:
    values = [{"gender": "T", "value": total, "count": 1, "isdeleted": False}]
    if women is not None:
        values.append({"gender": "K", "value": women, "count": 1, "isdeleted": False})
    if men is not None:
        values.append({"gender": "M", "value": men, "count": 1, "isdeleted": False})
    return {"kpi": kpi, key: place, "period": 2026, "values": values}


@pytest.fixture
def peer_kolada(kolada: FakeKolada) -> FakeKolada:
    kolada.rows += [_row("N15419", "0000", 74.2, 77.0, 71.5), _row("N15419", "0003", 72.0),
                    _row("N15419", "0360", 70.0, 72.0, 68.0),
                    _row("N15419", "0382", 76.0, 79.0, 73.0),
                    _row("N17457", "0000", 68.5), _row("N17457", "0360", 60.0)]
    kolada.groups["G124026"] = {"id": "G124026", "title": "Liknande kommuner grundskola, Heby",
                                "members": [{"id": "0360", "title": "Tierp"},
                                            {"id": "0382", "title": "Östhammar"}]}
    return kolada


def fetch(repo: KoladaRepo, *args: str) -> Result:
    return CliRunner().invoke(app, ["kolada", "fetch", str(repo.root), "--year", "2026", *args])


def stored(repo: KoladaRepo) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(repo.text(peers.PEERS_FILE))
    return data


def test_peers_are_fetched_and_stored_with_the_date(peer_kolada: FakeKolada,
                                                   repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS)
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    data = stored(repo)
    assert data["hämtad"] == dt.date.today().isoformat()
    # Kolada's own names are kept beside the name the documents use (the settings'
    # `namn` wins over Kolada's title of the group)
    assert data["jämförelser"] == [
        {"id": "0000", "namn": "Riket", "kolada_namn": "Riket"},
        {"id": "0003", "namn": "Region Uppsala", "kolada_namn": "Region Uppsala"},
        {"id": "G124026", "namn": "Liknande kommuner, grundskola",
         "kolada_namn": "Liknande kommuner grundskola, Heby"}]
    assert data["värden"]["N15419"]["2026"] == {
        "0000": {"totalt": 74.2, "kvinnor": 77.0, "män": 71.5},
        "0003": {"totalt": 72.0},
        "G124026": {"totalt": 73.0, "kvinnor": 75.5, "män": 70.5, "medel_av": 2}}
    # Kolada has no value: null, never 0; a group mean of the one member with a value
    assert data["värden"]["N17457"]["2026"]["0003"] == {"totalt": None}
    assert data["värden"]["N17457"]["2026"]["G124026"] == {"totalt": 60.0, "medel_av": 1}
    assert ("Jämförelser, 4 nyckeltal, år 2026: Riket (0000), Region Uppsala (0003), Liknande "
            "kommuner, grundskola (G124026, medelvärde av 2 kommuner) – "
            "kolada/jamforelser.json skrivet.") in result.stdout
    asked = [r.split("?")[0] for r in peer_kolada.requests]
    assert "/v3/municipality_groups/G124026" in asked
    assert "/v3/municipality/0000,0003" in asked
    assert "/v3/data/kpi/N00914,N01951,N15419,N17457/municipality/0000,0003,0360,0382/year/2026" \
        in asked


def test_without_a_name_in_the_settings_kolada_names_the_group(
        peer_kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS.replace(
        '  namn: {G124026: "Liknande kommuner, grundskola"}\n', ""))
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert stored(repo)["jämförelser"][2] == {
        "id": "G124026", "namn": "Liknande kommuner grundskola, Heby",
        "kolada_namn": "Liknande kommuner grundskola, Heby"}
    assert "Liknande kommuner grundskola, Heby (G124026, medelvärde av 2 kommuner)" \
        in result.stdout


def test_the_settings_name_riket_and_the_lan_too(peer_kolada: FakeKolada,
                                                 repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS.replace(
        "namn: {", 'namn: {"0003": Uppsala län, '))
    assert fetch(repo).exit_code == 0
    assert stored(repo)["jämförelser"][1] == {"id": "0003", "namn": "Uppsala län",
                                              "kolada_namn": "Region Uppsala"}


def test_names_that_cannot_be_fetched_leave_the_values(peer_kolada: FakeKolada,
                                                       repo: KoladaRepo) -> None:
    """A mirror without /municipality: the values are still fetched and stored."""
    repo.write("malstyrning.yaml", SETTINGS)
    peer_kolada.municipality_route = False
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert "Obs: Koladas namn på 0000, 0003 kunde inte hämtas" in result.stdout
    data = stored(repo)
    assert data["jämförelser"][:2] == [{"id": "0000", "namn": "Riket"},
                                       {"id": "0003", "namn": "Länet"}]
    assert data["värden"]["N15419"]["2026"]["0000"]["totalt"] == 74.2


def test_a_name_kolada_gave_before_is_kept(peer_kolada: FakeKolada,
                                           repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS)
    assert fetch(repo).exit_code == 0
    peer_kolada.municipality_route = False
    assert fetch(repo).exit_code == 0
    assert stored(repo)["jämförelser"][1]["kolada_namn"] == "Region Uppsala"


def test_an_old_file_without_names_still_reads() -> None:
    old = {"format": 1, "hämtad": "2025-12-01", "källa": "x",
           "jämförelser": [{"id": "0000", "namn": "Riket"}, {"id": "G1", "namn": "G1"}],
           "värden": {"N15419": {"2025": {"0000": {"totalt": 71.1}}}}}
    parsed = peers.parse(json.dumps(old))
    assert parsed.titles == {}
    assert parsed.value("N15419", 2025, "0000") == peers.PeerValue(71.1)
    assert peers.configured({"riket": True, "grupper": ["G1"]}, "0331", region=False,
                            titles=parsed.titles) == [
        peers.Peer("0000", "Riket"), peers.Peer("G1", "Kommungrupp G1")]


def test_names_settings_then_kolada_then_generic() -> None:
    titles = {"0000": "Riket", "0003": "Region Uppsala", "G1": "Liknande kommuner, Heby"}
    settings = {"riket": True, "län": True, "grupper": ["G1", "G2"],
                "namn": {"G1": "Lika", "0000": ""}}
    assert [(p.name, p.title) for p in peers.configured(
        settings, "0331", region=False, titles=titles)] == [
        ("Riket", "Riket"), ("Region Uppsala", "Region Uppsala"),
        ("Lika", "Liknande kommuner, Heby"), ("Kommungrupp G2", "")]


def test_other_years_in_the_file_are_kept(peer_kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS)
    old = {"format": 1, "hämtad": "2025-12-01", "källa": "x", "jämförelser": [],
           "värden": {"N15419": {"2025": {"0000": {"totalt": 71.1}}}}}
    repo.write(peers.PEERS_FILE, json.dumps(old), dedent=False)
    assert fetch(repo).exit_code == 0
    data = stored(repo)
    assert data["värden"]["N15419"]["2025"] == {"0000": {"totalt": 71.1}}
    assert data["värden"]["N15419"]["2026"]["0000"]["totalt"] == 74.2


def test_dry_run_writes_no_peer_file(peer_kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS)
    result = fetch(repo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "kolada/jamforelser.json skulle skrivas" in result.stdout
    assert not (repo.root / peers.PEERS_FILE).exists()


def test_an_unknown_group_is_said(peer_kolada: FakeKolada, repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS.replace("G124026", "G999999"))
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert "Kolada känner inte till kommungruppen G999999" in result.stdout
    assert stored(repo)["värden"]["N15419"]["2026"]["G999999"] == {"totalt": None}


def test_without_comparisons_no_file_and_no_extra_requests(kolada: FakeKolada,
                                                           repo: KoladaRepo) -> None:
    assert fetch(repo).exit_code == 0
    assert not (repo.root / peers.PEERS_FILE).exists()
    assert len(kolada.requests) == 1


def test_configured_peers_for_a_kommun_and_a_region() -> None:
    settings = {"riket": True, "län": True, "grupper": ["G1", "x"], "namn": {"G1": "Lika"}}
    assert peers.configured(settings, "0331", region=False) == [
        peers.Peer("0000", "Riket"), peers.Peer("0003", "Länet"), peers.Peer("G1", "Lika")]
    # a region is its own län: län: true adds nothing
    assert peers.configured(settings, "0003", region=True) == [
        peers.Peer("0000", "Riket"), peers.Peer("G1", "Lika")]
    assert peers.configured({"län": "0012"}, "0331", region=False) == [
        peers.Peer("0012", "Länet")]
    assert peers.configured({}, "0331", region=False) == []


UNIT_PLAN = """
    typ: verksamhetsplan
    organisation: UBN
    nivå: nämnd
    period: 2026
    effektmål:
      - id: UBN-E1
        namn: Fler elever når kunskapskraven (påhittat exempel)
        period: 2026–2027
        bidrar_till: [I1]
        indikatorer:
          - id: UBN-E1-I1
            namn: Elever i åk 9 som uppnått kunskapskraven, andel (%)
            riktning: högre
            målvärden: [{år: 2026, värde: 75}]
            kolada: N15419
          - id: UBN-E1-I4
            namn: Vretaskolan, elever i åk 9 som uppnått kunskapskraven, andel (%)
            riktning: högre
            målvärden: [{år: 2026, värde: 80}]
            kolada: N15419
            kolada_enhet: V15E033100101
    """


def test_an_enhet_indicator_is_fetched_from_oudata(kolada: FakeKolada,
                                                   repo: KoladaRepo) -> None:
    repo.write("namnder/ubn-2026.yaml", UNIT_PLAN)
    kolada.ou_rows.append(_row("N15419", "V15E033100101", 81.5, 84.0, 79.0, key="ou"))
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    text = repo.text("uppfoljning/2026-helar/ubn.yaml")
    assert ("  - indikator: UBN-E1-I4\n    år: 2026\n    värde: 81.5\n    källa: Kolada\n"
            "    kön: {K: 84.0, M: 79.0}\n") in text
    assert ("  - indikator: UBN-E1-I1\n    år: 2026\n    värde: 73.4\n") in text
    assert [r.split("?")[0] for r in kolada.requests if "oudata" in r] == [
        "/v3/oudata/kpi/N15419/ou/V15E033100101/year/2026"]
    assert "för kommun 0331 och 1 enhet, år 2026" in result.stdout


def test_a_saved_oudata_answer_is_imported(repo: KoladaRepo, tmp_path: Any) -> None:
    repo.write("namnder/ubn-2026.yaml", UNIT_PLAN)
    saved = tmp_path / "oudata.json"
    saved.write_text(json.dumps({"values": [
        _row("N15419", "V15E033100101", 81.5, key="ou"), _row("N15419", "0331", 73.4)]}),
        "utf-8")
    result = CliRunner().invoke(app, ["kolada", "import", str(saved), str(repo.root),
                                      "--year", "2026"])
    assert result.exit_code == 0, result.output
    text = repo.text("uppfoljning/2026-helar/ubn.yaml")
    assert "  - indikator: UBN-E1-I4\n    år: 2026\n    värde: 81.5\n" in text
    assert "  - indikator: UBN-E1-I1\n    år: 2026\n    värde: 73.4\n" in text


def test_peers_are_fetched_for_the_baseline_years_too(peer_kolada: FakeKolada,
                                                      repo: KoladaRepo) -> None:
    repo.write("malstyrning.yaml", SETTINGS)
    before = repo.text("namnder/ubn-2026.yaml")
    plan = before.replace("målvärden: [{år: 2026, värde: 75}]",
                          "baslinje: {år: 2024, värde: 70}\n        "
                          "målvärden: [{år: 2026, värde: 75}]", 1)
    assert plan != before
    repo.write("namnder/ubn-2026.yaml", plan, dedent=False)
    peer_kolada.rows.append({**_row("N15419", "0000", 71.9), "period": 2024})
    result = fetch(repo)
    assert result.exit_code == 0, result.output
    assert "Jämförelser, 4 nyckeltal, åren 2024, 2026:" in result.stdout
    asked = [r.split("?")[0] for r in peer_kolada.requests]
    assert ("/v3/data/kpi/N00914,N01951,N15419,N17457/municipality/0000,0003,0360,0382/"
            "year/2024,2026") in asked
    values = stored(repo)["värden"]
    assert values["N15419"]["2024"]["0000"] == {"totalt": 71.9}
    assert values["N17457"]["2024"]["0000"] == {"totalt": None}  # never 0
    # the kommun's own outcomes are still only for --year
    assert "år: 2024" not in repo.text("uppfoljning/2026-helar/ubn.yaml")


def test_a_group_mean_has_one_decimal_more_than_its_members() -> None:
    rows = [_row("N15419", m, v) for m, v in (("0360", 71.0), ("0382", 76.0), ("0383", 79.0))]
    rows += [_row("N17457", m, v) for m, v in (("0360", 60.25), ("0382", 61.5))]
    group = peers.Peer("G1", "Lika")
    got = peers.peer_values(rows, [group], {"G1": ["0360", "0382", "0383"]},
                            ["N15419", "N17457"], [2026])
    assert got["N15419"][2026]["G1"] == peers.PeerValue(75.3, members=3)
    assert got["N17457"][2026]["G1"] == peers.PeerValue(60.875, members=2)


def test_the_small_kommun_examples_peer_file_is_what_fetch_writes(
        kolada: FakeKolada, tmp_path: Any) -> None:
    """examples/liten-kommun/kolada/jamforelser.json is exactly what `kolada fetch` writes
    from the recording fixtures/bjurholm-jamforelser.json (made-up values), apart from the
    date and the source, which the example spells out as example data."""
    import shutil

    from tests.kolada.conftest import FIXTURES
    from tests.plans import SHAPES

    recording = json.loads((FIXTURES / "bjurholm-jamforelser.json").read_text("utf-8"))
    kolada.rows = recording["values"]
    for group in recording["municipality_groups"]:
        kolada.groups[group["id"]] = group
    example = SHAPES["liten-kommun"]
    copy = tmp_path / "liten-kommun"
    shutil.copytree(example, copy, ignore=shutil.ignore_patterns(".malstyrning_cache"))
    (copy / peers.PEERS_FILE).unlink()
    before = {p: p.read_bytes() for p in sorted(copy.rglob("*.yaml"))}
    result = CliRunner().invoke(app, ["kolada", "fetch", str(copy), "--year", "2027"])
    assert result.exit_code == 0, result.output
    assert "åren 2025, 2027" in result.stdout
    # the recording has the example's own outcomes: the follow-up is left as it is
    assert {p: p.read_bytes() for p in sorted(copy.rglob("*.yaml"))} == before
    written = json.loads((copy / peers.PEERS_FILE).read_text("utf-8"))
    shipped = json.loads((example / peers.PEERS_FILE).read_text("utf-8"))
    for key in ("hämtad", "källa"):
        written.pop(key), shipped.pop(key)
    assert written == shipped
