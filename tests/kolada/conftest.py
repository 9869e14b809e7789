"""A fake Kolada on 127.0.0.1 and a small plan repository whose indicators use it.

:class:`FakeKolada` serves the rows of ``fixtures/heby-2026.json`` on Kolada's data
route, paged by ``per_page`` with an absolute ``next_url`` back to itself, the way
Kolada's API v3 does. A test can queue replies (``kolada.script``) that are sent
before the normal answer: an error status, a delay longer than the client's timeout,
a body that is not JSON. The real HTTP client runs against it; nothing needs the
internet.
"""

from __future__ import annotations

import json
import re
import textwrap
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from malstyrning.kolada import client as client_module

FIXTURES = Path(__file__).parent / "fixtures"
DATA_ROUTE = re.compile(r"^(.*)/data/kpi/([^/]+)/municipality/([^/]+)/year/([^/]+)$")
MOUNTS = ("/v3", "/spegel/kolada")  # where the fake answers: Kolada's path and a mirror's
KPI_ID = re.compile(r"^[A-Z][0-9]{5}$")
KPI_ROUTE = re.compile(r"^(.*)/kpi/([^/]+)$")
GROUP_ROUTE = re.compile(r"^(.*)/municipality_groups/([^/]+)$")
MUNICIPALITY_ROUTE = re.compile(r"^(.*)/municipality/([^/]+)$")
OUDATA_ROUTE = re.compile(r"^(.*)/oudata/kpi/([^/]+)/ou/([^/]+)/year/([^/]+)$")


def fixture_kpis() -> list[dict[str, Any]]:
    """Every KPI of ``fixtures/kpi-metadata.json`` (with the fake's ``_changed`` date)."""
    data = json.loads((FIXTURES / "kpi-metadata.json").read_text("utf-8"))
    kpis: list[dict[str, Any]] = data["values"]
    return kpis


def fixture_municipalities() -> dict[str, dict[str, Any]]:
    """Id → row of ``fixtures/municipalities.json`` (the ``/v3/municipality`` route)."""
    data = json.loads((FIXTURES / "municipalities.json").read_text("utf-8"))
    return {row["id"]: row for row in data["values"]}


def fixture_rows() -> list[dict[str, Any]]:
    """Every row of ``fixtures/heby-2026.json``."""
    data = json.loads((FIXTURES / "heby-2026.json").read_text("utf-8"))
    rows: list[dict[str, Any]] = data["values"]
    return rows


@dataclass
class Reply:
    """A scripted reply: status, body (dict → JSON), headers, delay before answering."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class FakeKolada:
    """Kolada's data route over HTTP, with scripted failures."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.kpis = fixture_kpis()
        self.ou_rows: list[dict[str, Any]] = []  # rows of /oudata: {"kpi", "ou", "period", …}
        self.groups: dict[str, dict[str, Any]] = {}  # /municipality_groups: id → group
        self.municipalities = fixture_municipalities()  # /municipality: id → row
        self.municipality_route = True  # False: a mirror without /municipality (404)
        self.requests: list[str] = []
        self.script: list[Reply] = []
        self.relative_next = False
        self.loop_next = False
        self.endless_next = False  # a next_url on every page, even past the last row
        self.next_origin: str | None = None  # e.g. Kolada's public address in next_url
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}/v3"

    def start(self) -> FakeKolada:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def data_requests(self) -> list[str]:
        return [r for r in self.requests if r.startswith("/v3/data/")]

    def answer(self, target: str) -> Reply:
        """The reply to one GET (the script first, then the data route)."""
        if self.script:
            return self.script.pop(0)
        parts = urllib.parse.urlsplit(target)
        path = urllib.parse.unquote(parts.path)
        kpi_match = KPI_ROUTE.match(path)
        if kpi_match and kpi_match.group(1) in MOUNTS:
            return self._metadata(kpi_match.group(2).split(","), parts.query)
        group_match = GROUP_ROUTE.match(path)
        if group_match and group_match.group(1) in MOUNTS:
            found = [self.groups[g] for g in group_match.group(2).split(",")
                     if g in self.groups]
            return Reply(200, {"count": len(found), "values": found})
        place_match = MUNICIPALITY_ROUTE.match(path)
        if place_match and place_match.group(1) in MOUNTS and self.municipality_route:
            found = [self.municipalities[m] for m in place_match.group(2).split(",")
                     if m in self.municipalities]
            return Reply(200, {"count": len(found), "values": found})
        ou_match = OUDATA_ROUTE.match(path)
        if ou_match and ou_match.group(1) in MOUNTS:
            return self._oudata(ou_match, parts.query)
        match = DATA_ROUTE.match(path)
        if not match or match.group(1) not in MOUNTS:
            return Reply(404, {"error": "Not found"})
        kpis = match.group(2).split(",")
        if not all(KPI_ID.match(k) for k in kpis):
            return Reply(400, {"message": f"Invalid KPI id: {match.group(2)}"})
        municipalities = set(match.group(3).split(","))
        years = {int(y) for y in match.group(4).split(",")}
        if max(len(kpis), len(municipalities), len(years)) > 25:
            return Reply(400, {"message": "At most 25 ids per list"})
        query = urllib.parse.parse_qs(parts.query)
        per_page = int(query.get("per_page", ["5000"])[0])
        if per_page > 5000:
            return Reply(400, {"message": "per_page must be at most 5000"})
        page = int(query.get("page", ["1"])[0])
        rows = [r for r in self.rows if r["kpi"] in kpis
                and r["municipality"] in municipalities and r["period"] in years]
        chunk = rows[(page - 1) * per_page:page * per_page]
        body: dict[str, Any] = {"count": len(rows), "values": chunk}
        if page * per_page < len(rows) or self.loop_next or self.endless_next:
            following = page if self.loop_next else page + 1
            if self.relative_next:
                path = parts.path
            elif self.next_origin is not None:  # Kolada's public address, route only
                path = f"{self.next_origin}/v3{parts.path[len(match.group(1)):]}"
            else:
                path = self.origin + parts.path
            body["next_url"] = f"{path}?page={following}&per_page={per_page}"
        if page > 1:
            body["previous_url"] = f"{self.origin}{parts.path}?page={page - 1}"
        return Reply(200, body)

    def _metadata(self, ids: list[str], query: str) -> Reply:
        """``/kpi/{ids}``: the fixture's KPIs, those changed since ``from_date`` if asked."""
        if len(ids) > 25:
            return Reply(400, {"message": "At most 25 ids per list"})
        asked = urllib.parse.parse_qs(query)
        since = asked.get("from_date", [""])[0]
        found = [{k: v for k, v in kpi.items() if k != "_changed"} for kpi in self.kpis
                 if kpi["id"] in ids and (not since or kpi["_changed"] >= since)]
        return Reply(200, {"count": len(found), "values": found})

    def _oudata(self, match: re.Match[str], query: str) -> Reply:
        kpis, units = match.group(2).split(","), set(match.group(3).split(","))
        years = {int(y) for y in match.group(4).split(",")}
        if max(len(kpis), len(units), len(years)) > 25:
            return Reply(400, {"message": "At most 25 ids per list"})
        rows = [r for r in self.ou_rows
                if r["kpi"] in kpis and r["ou"] in units and r["period"] in years]
        return Reply(200, {"count": len(rows), "values": rows})

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake.requests.append(self.path)
                reply = fake.answer(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body
                data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler


@pytest.fixture
def kolada(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeKolada]:
    """A running fake Kolada; ``MALSTYRNING_KOLADA_URL`` points at it."""
    fake = FakeKolada(fixture_rows()).start()
    monkeypatch.setenv(client_module.URL_ENV, fake.base_url)
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """No proxies, no default Kolada address from the environment, and no real waiting."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                 "all_proxy", client_module.URL_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    waits: list[float] = []
    monkeypatch.setattr(client_module, "_sleep", waits.append)
    return waits


@pytest.fixture
def waits(_local_only: list[float]) -> list[float]:
    """The back-off delays the client asked for (it never really sleeps in tests)."""
    return _local_only


def _yaml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


PLAN_FILES: dict[str, str] = {
    "malstyrning.yaml": _yaml("""
        typ: inställningar
        kommun: Heby kommun
        kommunkod: "0331"
        period: 2026–2027
        """),
    "organisation.yaml": _yaml("""
        typ: organisation
        organisationer:
          - id: KF
            namn: Kommunfullmäktige
            nivå: kommunfullmäktige
          - id: KS
            namn: Kommunstyrelsen
            nivå: nämnd
            överordnad: KF
          - id: UBN
            namn: Utbildningsnämnden
            nivå: nämnd
            överordnad: KF
        """),
    "kommunfullmaktige/plan-2026.yaml": _yaml("""
        # yaml-language-server: $schema=../schemas/verksamhetsplan.schema.json
        typ: verksamhetsplan
        organisation: KF
        nivå: kommunfullmäktige
        period: 2026–2027
        vision:
          id: VISION
          namn: En växande landsbygdskommun (påhittat exempel)
        inriktningar:
          - id: I1
            namn: Livslångt lärande
            bidrar_till: [VISION]
        """),
    "namnder/ubn-2026.yaml": _yaml("""
        # yaml-language-server: $schema=../schemas/verksamhetsplan.schema.json
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
              - id: UBN-E1-I2
                namn: Gymnasieexamen inom 4 år, andel (%)
                riktning: högre
                målvärden: [{år: 2026, värde: 66}]
                kolada: N17457
              - id: UBN-E1-I3
                namn: Egen enkät om studiero
                riktning: högre
                målvärden: [{år: 2026, värde: 80}]
        """),
    "namnder/ks-2026.yaml": _yaml("""
        # yaml-language-server: $schema=../schemas/verksamhetsplan.schema.json
        typ: verksamhetsplan
        organisation: KS
        nivå: nämnd
        period: 2026
        effektmål:
          - id: KS-E1
            namn: Invånarna är nöjda med kommunen (påhittat exempel)
            period: 2026–2027
            bidrar_till: [I1]
            indikatorer:
              - id: KS-E1-I1
                namn: Nöjd-Inflytande-Index
                riktning: högre
                målvärden: [{år: 2026, värde: 80}]
                kolada: N00914
              - id: KS-E1-I2
                namn: Andel som får svar på e-post inom en dag
                riktning: högre
                målvärden: [{år: 2026, värde: 90}]
                kolada: N01951
        """),
}


@dataclass
class KoladaRepo:
    """A plan repository in ``tmp_path`` whose indicators have Kolada ids."""

    root: Path

    def write(self, rel: str, text: str | bytes, *, dedent: bool = True) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_bytes((_yaml(text) if dedent else text).encode("utf-8"))
        return path

    def text(self, rel: str) -> str:
        return (self.root / rel).read_bytes().decode("utf-8")

    def files(self) -> dict[str, bytes]:
        """Every file's bytes, by path relative to the root."""
        return {p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in sorted(self.root.rglob("*")) if p.is_file()}


@pytest.fixture
def repo(tmp_path: Path) -> KoladaRepo:
    """UBN (N15419 with a gender split, N17457, one indicator without Kolada id) and KS
    (N00914, and N01951 whose value is null in Kolada)."""
    plan = KoladaRepo(tmp_path / "plan")
    for rel, text in PLAN_FILES.items():
        plan.write(rel, text, dedent=False)
    return plan
