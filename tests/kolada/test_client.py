"""The HTTP client against a fake Kolada on 127.0.0.1: paging, batching, retries, errors."""

from __future__ import annotations

import socket
import time

import pytest

from malstyrning.kolada import client as client_module
from malstyrning.kolada.client import (
    DEFAULT_URL,
    KoladaClient,
    KoladaError,
    KoladaHTTPError,
    KoladaOffline,
    KoladaResponseError,
    KoladaTimeout,
    resolve_base_url,
)
from tests.kolada.conftest import FakeKolada, Reply

KPIS = ["N15419", "N17457", "N00914", "N01951"]


def _client(kolada: FakeKolada, **kwargs: object) -> KoladaClient:
    kwargs.setdefault("timeout", 5.0)
    return KoladaClient(kolada.base_url, **kwargs)  # type: ignore[arg-type]


def test_one_request_with_comma_lists(kolada: FakeKolada) -> None:
    client = _client(kolada)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert sorted(r["kpi"] for r in rows) == sorted(KPIS)
    assert kolada.requests == [
        "/v3/data/kpi/N00914,N01951,N15419,N17457/municipality/0331/year/2026?per_page=5000"]
    assert (client.stats.requests, client.stats.pages, client.stats.retries) == (1, 1, 0)


def test_several_years_in_one_request(kolada: FakeKolada) -> None:
    rows = _client(kolada).fetch_rows(["N15419"], "0331", [2025, 2026])
    assert sorted(r["period"] for r in rows) == [2025, 2026]
    assert kolada.requests[0].endswith("/year/2025,2026?per_page=5000")


def test_kpi_ids_are_batched(kolada: FakeKolada) -> None:
    client = _client(kolada, batch_size=3)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert len(rows) == 4
    assert [r.split("/")[4] for r in kolada.requests] == ["N00914,N01951,N15419", "N17457"]


def test_pages_are_followed_through_next_url(kolada: FakeKolada) -> None:
    client = _client(kolada, per_page=1)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert sorted(r["kpi"] for r in rows) == sorted(KPIS)
    assert client.stats.pages == 4
    assert [r.split("?")[1] for r in kolada.requests] == [
        "per_page=1", "page=2&per_page=1", "page=3&per_page=1", "page=4&per_page=1"]


def test_a_relative_next_url_is_resolved(kolada: FakeKolada) -> None:
    kolada.relative_next = True
    rows = _client(kolada, per_page=3).fetch_rows(KPIS, "0331", [2026])
    assert len(rows) == 4 and len(kolada.requests) == 2


def test_a_next_url_that_never_ends_is_stopped(kolada: FakeKolada) -> None:
    kolada.loop_next = True
    with pytest.raises(KoladaResponseError, match="sidor utan slut"):
        _client(kolada, per_page=10).fetch_rows(KPIS, "0331", [2026])


def test_a_server_error_is_retried_with_back_off(kolada: FakeKolada,
                                                  waits: list[float]) -> None:
    kolada.script = [Reply(500, {"message": "Internal"}), Reply(503, "busy")]
    client = _client(kolada, backoff=0.5)
    rows = client.fetch_rows(["N15419"], "0331", [2026])
    assert [r["period"] for r in rows] == [2026]
    assert waits == [0.5, 1.0]
    assert (client.stats.requests, client.stats.retries) == (3, 2)


def test_429_honours_retry_after(kolada: FakeKolada, waits: list[float]) -> None:
    kolada.script = [Reply(429, {"message": "Too many requests"}, {"Retry-After": "7"})]
    _client(kolada, backoff=0.01).fetch_rows(["N15419"], "0331", [2026])
    assert waits == [7.0]


def test_a_lasting_server_error_gives_a_swedish_message(kolada: FakeKolada,
                                                         waits: list[float]) -> None:
    kolada.script = [Reply(500, {"message": "Database down"})] * 4
    with pytest.raises(KoladaHTTPError) as caught:
        _client(kolada, retries=3).fetch_rows(["N15419"], "0331", [2026])
    assert caught.value.status == 500
    assert "serverfel (500)" in caught.value.message
    assert "alla 4 försök" in caught.value.message
    assert "Database down" in caught.value.message
    assert len(waits) == 3


def test_404_is_not_retried(kolada: FakeKolada, waits: list[float]) -> None:
    client = KoladaClient(kolada.base_url + "/fel", timeout=5)
    with pytest.raises(KoladaHTTPError) as caught:
        client.fetch_rows(["N15419"], "0331", [2026])
    assert caught.value.status == 404
    assert "hittar inte adressen (404)" in caught.value.message
    assert "--url" in caught.value.message
    assert waits == [] and len(kolada.requests) == 1


def test_400_carries_koladas_explanation(kolada: FakeKolada, waits: list[float]) -> None:
    with pytest.raises(KoladaHTTPError) as caught:
        _client(kolada).fetch_rows(["N1541"], "0331", [2026])
    assert caught.value.status == 400
    assert "avvisade frågan (400)" in caught.value.message
    assert "Invalid KPI id: N1541" in caught.value.message
    assert waits == []


def test_a_timeout_is_retried_then_reported(kolada: FakeKolada, waits: list[float]) -> None:
    kolada.script = [Reply(200, {"values": []}, delay=1.0)] * 2
    client = _client(kolada, timeout=0.2, retries=1)
    started = time.monotonic()
    with pytest.raises(KoladaTimeout) as caught:
        client.fetch_rows(["N15419"], "0331", [2026])
    assert time.monotonic() - started < 0.9
    assert "svarade inte inom 0,2 sekunder (2 försök" in caught.value.message
    assert "--timeout" in caught.value.message
    assert len(waits) == 1


def test_a_slow_first_answer_then_a_good_one(kolada: FakeKolada) -> None:
    kolada.script = [Reply(200, {"values": []}, delay=1.0)]
    rows = _client(kolada, timeout=0.2, retries=1).fetch_rows(["N15419"], "0331", [2026])
    assert [(r["municipality"], r["period"]) for r in rows] == [("0331", 2026)]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_offline(waits: list[float]) -> None:
    client = KoladaClient(f"http://127.0.0.1:{_closed_port()}/v3", timeout=2, retries=2)
    with pytest.raises(KoladaOffline) as caught:
        client.fetch_rows(["N15419"], "0331", [2026])
    message = caught.value.message
    assert message.startswith("Kunde inte nå Kolada (127.0.0.1:")
    assert "anslutningen nekades" in message
    assert "malstyrning kolada import" in message
    assert len(waits) == 2 and client.stats.requests == 3


def test_a_body_that_is_not_json(kolada: FakeKolada) -> None:
    kolada.script = [Reply(200, b"<html>Underhall</html>")]
    with pytest.raises(KoladaResponseError, match="inte är JSON"):
        _client(kolada).fetch_rows(["N15419"], "0331", [2026])


def test_json_without_values(kolada: FakeKolada) -> None:
    kolada.script = [Reply(200, {"data": []})]
    with pytest.raises(KoladaResponseError, match="saknar listan `values`"):
        _client(kolada).fetch_rows(["N15419"], "0331", [2026])


def test_base_url_from_option_environment_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_base_url() == DEFAULT_URL
    monkeypatch.setenv(client_module.URL_ENV, "http://127.0.0.1:9/v3/")
    assert resolve_base_url() == "http://127.0.0.1:9/v3"
    assert resolve_base_url("https://example.org/kolada") == "https://example.org/kolada"
    with pytest.raises(KoladaError, match="https://"):
        resolve_base_url("file:///etc/passwd")


def test_data_url_quotes_its_parts() -> None:
    client = KoladaClient("https://api.kolada.se/v3")
    assert client.data_url(["N15419", "N17457"], "0331", [2026]) == (
        "https://api.kolada.se/v3/data/kpi/N15419,N17457/municipality/0331/year/2026"
        "?per_page=5000")
    assert "%2F" in client.data_url(["N1/../x"], "0331", [2026])


# --- issue 11 §3: paging, mirrors, Retry-After dates, id lists -----------------------

def test_paging_stops_at_an_empty_page(kolada: FakeKolada) -> None:
    kolada.endless_next = True  # next_url on every page, also after the last row
    client = _client(kolada, per_page=2)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert sorted(r["kpi"] for r in rows) == sorted(KPIS)
    # two pages with rows, then one empty page that ends it (not 1,000 requests)
    assert len(kolada.requests) == 3 and client.stats.pages == 3


def test_a_mirror_is_asked_for_every_page(kolada: FakeKolada) -> None:
    kolada.next_origin = "https://api.kolada.se"  # what Kolada writes into next_url
    client = _client(kolada, per_page=1)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert len(rows) == 4
    assert len(kolada.requests) == 4
    assert all(r.startswith("/v3/data/kpi/") for r in kolada.requests)


def test_a_mirror_under_its_own_path_keeps_it_for_later_pages(kolada: FakeKolada) -> None:
    kolada.next_origin = "https://api.kolada.se"
    client = KoladaClient(kolada.origin + "/spegel/kolada", timeout=5, per_page=2)
    rows = client.fetch_rows(KPIS, "0331", [2026])
    assert len(rows) == 4
    assert [r.split("?")[0].split("/data/")[0] for r in kolada.requests] == [
        "/spegel/kolada", "/spegel/kolada"]
    assert kolada.requests[1].endswith("?page=2&per_page=2")


def test_rebase_keeps_addresses_on_the_base_and_moves_others() -> None:
    base = "http://127.0.0.1:9/v3"
    same = "http://127.0.0.1:9/v3/data/kpi/N1/municipality/0331/year/2026?page=2"
    assert client_module.rebase(same, base) == same
    assert client_module.rebase(
        "https://api.kolada.se/v3/data/kpi/N1/municipality/0331/year/2026?page=2",
        base) == same
    with pytest.raises(KoladaResponseError, match="utanför"):
        client_module.rebase("https://elsewhere.example/other?page=2", base)


def test_retry_after_as_an_http_date(kolada: FakeKolada, waits: list[float],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from email.utils import formatdate

    now = 1_800_000_000.0
    monkeypatch.setattr(client_module, "_now", lambda: now)
    kolada.script = [Reply(503, "busy", {"Retry-After": formatdate(now + 12, usegmt=True)})]
    _client(kolada, backoff=0.01).fetch_rows(["N15419"], "0331", [2026])
    assert waits == [12.0]


@pytest.mark.parametrize(("header", "expected"), [
    ("7", 7.0), (" 0 ", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ("snart", None), ("", None), (None, None), ("-5", None),
])
def test_retry_after_values(header: str | None, expected: float | None) -> None:
    assert client_module.retry_after(header) == expected


def test_a_retry_after_date_far_away_is_capped(kolada: FakeKolada, waits: list[float]) -> None:
    kolada.script = [Reply(429, "slow down", {"Retry-After": "Fri, 31 Dec 2999 23:59:59 GMT"})]
    _client(kolada, backoff=0.01).fetch_rows(["N15419"], "0331", [2026])
    assert waits == [client_module.MAX_RETRY_AFTER]


def test_at_most_25_ids_per_list_and_per_page_at_most_5000(kolada: FakeKolada) -> None:
    kpis = [f"N{n:05d}" for n in range(60)] + ["N15419"]
    client = _client(kolada, batch_size=100, per_page=20_000)
    assert client.per_page == 5000 and client.batch_size == 25
    rows = client.fetch_rows(kpis, "0331", [2026])
    assert [r["kpi"] for r in rows] == ["N15419"]
    lists = [r.split("/")[4].split(",") for r in kolada.requests]
    assert [len(ids) for ids in lists] == [25, 25, 11]
    assert all("per_page=5000" in r for r in kolada.requests)


def test_years_and_municipalities_are_split_too(kolada: FakeKolada) -> None:
    years = list(range(2000, 2030))
    rows = _client(kolada).fetch_rows(["N15419"], ["0331", "0000"], years)
    assert sorted(r["period"] for r in rows if r["municipality"] == "0331") == [2025, 2026]
    assert [len(r.split("/year/")[1].split("?")[0].split(",")) for r in kolada.requests] == [
        25, 5]
