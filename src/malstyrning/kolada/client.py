"""HTTP against Kolada's API v3: the data route, paging through ``next_url``, retries.

Every page is asked from the configured address: a ``next_url`` that names another
host (Kolada's public one, when a mirror passes its answers through) is moved onto it.
Paging stops at the first empty page. A comma list in the path holds at most 25 ids;
longer lists become several requests.

Only the standard library (``urllib.request``). Every failure becomes a
:class:`KoladaError` whose message is Swedish and says what the user can do; the CLI
prints it and exits 2.
"""

from __future__ import annotations

import json
import math
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from http.client import HTTPException
from typing import Any, TypeVar

from malstyrning import __version__
from malstyrning.kolada.values import loads_json

T = TypeVar("T")
DEFAULT_URL = "https://api.kolada.se/v3"
URL_ENV = "MALSTYRNING_KOLADA_URL"
PER_PAGE = 5000  # Kolada's maximum
KPI_BATCH = 25  # ids per comma list in a path segment: Kolada's limit
MAX_PAGES = 1000  # a safety stop for a server whose next_url never ends
MAX_BODY = 64_000_000
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
# The routes after the API root (a mirror's next page keeps them).
ROUTES = ("/data/", "/oudata/", "/kpi/", "/kpi?", "/municipality_groups/", "/municipality/")

OFFLINE_HINT = (
    "Kontrollera nätverksanslutningen och försök igen. På en dator utan nät: hämta "
    "svaret på en annan dator och läs in det med `malstyrning kolada import FIL`."
)


class KoladaError(Exception):
    """Kolada could not be asked, or answered with an error; ``message`` is Swedish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KoladaOffline(KoladaError):
    """No connection: DNS failure, connection refused, reset, no network."""


class KoladaTimeout(KoladaError):
    """Kolada did not answer within the timeout, on every attempt."""


class KoladaHTTPError(KoladaError):
    """Kolada answered with an HTTP error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class KoladaResponseError(KoladaError):
    """Kolada answered 200 with something that is not a page of data."""


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _now() -> float:
    return time.time()


def resolve_base_url(explicit: str | None = None) -> str:
    """``--url``, else ``$MALSTYRNING_KOLADA_URL``, else Kolada's own address."""
    url = (explicit or os.environ.get(URL_ENV) or DEFAULT_URL).strip().rstrip("/")
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise KoladaError(f"Adressen till Kolada måste börja med https:// eller http://, "
                          f"inte {url!r}.")
    return url


def batches(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` in consecutive groups of at most ``size``."""
    return [list(items[i:i + size]) for i in range(0, len(items), size)]


@dataclass
class Stats:
    """What a client did: HTTP attempts, pages received, retries made."""

    requests: int = 0
    pages: int = 0
    retries: int = 0


class KoladaClient:
    """Fetches rows of ``/data/kpi/{kpis}/municipality/{m}/year/{years}``.

    ``retries`` extra attempts are made after a 5xx or 429 answer, a timeout or a
    connection error, waiting ``backoff``, ``2·backoff``, ``4·backoff`` … seconds (or
    what ``Retry-After`` asks for). ``sleep`` is injectable so tests do not wait;
    ``notify`` hears a Swedish line before each new attempt.
    """

    def __init__(self, base_url: str | None = None, *, timeout: float = 30.0,
                 retries: int = 3, backoff: float = 0.5, max_backoff: float = 30.0,
                 batch_size: int = KPI_BATCH, per_page: int = PER_PAGE,
                 sleep: Callable[[float], None] | None = None,
                 notify: Callable[[str], None] | None = None) -> None:
        self.base_url = resolve_base_url(base_url)
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.batch_size = max(1, min(batch_size, KPI_BATCH))
        self.per_page = max(1, min(per_page, PER_PAGE))
        self._sleep = sleep
        self._notify = notify
        self.stats = Stats()

    def data_url(self, kpis: Iterable[str], municipality: str | Iterable[str],
                 years: Iterable[int]) -> str:
        """The first page's address for some KPIs, municipalities and years."""
        quote = urllib.parse.quote
        places = [municipality] if isinstance(municipality, str) else list(municipality)
        kpi_part = ",".join(quote(k, safe="") for k in kpis)
        place_part = ",".join(quote(m, safe="") for m in places)
        year_part = ",".join(str(int(y)) for y in years)
        return (f"{self.base_url}/data/kpi/{kpi_part}/municipality/"
                f"{place_part}/year/{year_part}?per_page={self.per_page}")

    def fetch_rows(self, kpis: Sequence[str], municipality: str | Sequence[str],
                   years: Sequence[int]) -> list[dict[str, Any]]:
        """Every row for ``kpis``, municipalities and years, following all pages.

        Each comma list (KPIs, municipalities, years) holds at most ``batch_size`` ids;
        longer lists are split over several requests.
        """
        places = [municipality] if isinstance(municipality, str) else list(municipality)
        rows: list[dict[str, Any]] = []
        for group in batches(sorted(set(kpis)), self.batch_size):
            for place_group in batches(sorted(set(places)), self.batch_size):
                for year_group in batches(sorted(set(years)), self.batch_size):
                    url = self.data_url(group, place_group, year_group)
                    for page in self.pages(url):
                        rows.extend(page_rows(page))
        return rows

    def kpi_url(self, ids: Iterable[str], from_date: str | None = None) -> str:
        """The first page's address of the KPI metadata of ``ids`` (``/kpi/{ids}``),
        only those changed since ``from_date`` (``ÅÅÅÅ-MM-DD``) when given."""
        quote = urllib.parse.quote
        part = ",".join(quote(k, safe="") for k in ids)
        since = f"&from_date={quote(from_date, safe='')}" if from_date else ""
        return f"{self.base_url}/kpi/{part}?per_page={self.per_page}{since}"

    def fetch_kpis(self, ids: Sequence[str],
                   from_date: str | None = None) -> list[dict[str, Any]]:
        """The metadata of every KPI in ``ids`` that Kolada knows (changed since
        ``from_date`` when given), following all pages, at most 25 ids a request."""
        found: list[dict[str, Any]] = []
        for group in batches(sorted(set(ids)), self.batch_size):
            for page in self.pages(self.kpi_url(group, from_date)):
                found.extend(page_rows(page))
        return found

    def fetch_groups(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The municipality groups ``ids`` (``/municipality_groups/{ids}``: id, title,
        members), following all pages, at most 25 ids a request."""
        quote = urllib.parse.quote
        found: list[dict[str, Any]] = []
        for group in batches(sorted(set(ids)), self.batch_size):
            url = (f"{self.base_url}/municipality_groups/"
                   f"{','.join(quote(g, safe='') for g in group)}?per_page={self.per_page}")
            for page in self.pages(url):
                found.extend(page_rows(page))
        return found

    def fetch_municipalities(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The municipalities, regions or riket ``ids`` (``/municipality/{ids}``: id,
        title, type), following all pages, at most 25 ids a request."""
        quote = urllib.parse.quote
        found: list[dict[str, Any]] = []
        for group in batches(sorted(set(ids)), self.batch_size):
            url = (f"{self.base_url}/municipality/"
                   f"{','.join(quote(g, safe='') for g in group)}?per_page={self.per_page}")
            for page in self.pages(url):
                found.extend(page_rows(page))
        return found

    def oudata_url(self, kpis: Iterable[str], units: Iterable[str],
                   years: Iterable[int]) -> str:
        """The first page's address of ``/oudata/kpi/{kpis}/ou/{units}/year/{years}``."""
        quote = urllib.parse.quote
        return (f"{self.base_url}/oudata/kpi/{','.join(quote(k, safe='') for k in kpis)}"
                f"/ou/{','.join(quote(u, safe='') for u in units)}"
                f"/year/{','.join(str(int(y)) for y in years)}?per_page={self.per_page}")

    def fetch_ou_rows(self, kpis: Sequence[str], units: Sequence[str],
                      years: Sequence[int]) -> list[dict[str, Any]]:
        """Every row for ``kpis`` of the organisational units ``units`` (Kolada's ``ou``
        ids: a school, a care home), following all pages; 25 ids at most per list."""
        rows: list[dict[str, Any]] = []
        for group in batches(sorted(set(kpis)), self.batch_size):
            for unit_group in batches(sorted(set(units)), self.batch_size):
                for year_group in batches(sorted(set(years)), self.batch_size):
                    for page in self.pages(self.oudata_url(group, unit_group, year_group)):
                        rows.extend(page_rows(page))
        return rows

    def pages(self, url: str) -> Iterator[dict[str, Any]]:
        """The page at ``url`` and every page its ``next_url`` chain leads to.

        Every later page is asked from the configured address (:func:`rebase`), and
        the chain ends at the first page without rows.
        """
        seen: set[str] = set()
        current: str | None = url
        while current:
            if current in seen or len(seen) >= MAX_PAGES:
                raise KoladaResponseError(
                    f"Kolada skickar sidor utan slut (sidan {current} kom tillbaka). "
                    "Försök igen senare.")
            seen.add(current)
            page = self.get_json(current)
            self.stats.pages += 1
            yield page
            if not page_rows(page):
                return  # an empty page ends the data, whatever next_url says
            following = next_page_url(page, current)
            current = rebase(following, self.base_url) if following else None

    def get_json(self, url: str) -> dict[str, Any]:
        """One GET with retries; the parsed JSON object."""
        attempts = self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self.stats.requests += 1
            try:
                body = self._get(url)
            except urllib.error.HTTPError as err:
                status = err.code
                headers = err.headers
                detail = _error_detail(err)
                err.close()
                if status in RETRY_STATUSES and not last:
                    self._wait(attempt, attempts, f"fel {status}", headers)
                    continue
                raise _http_error(status, url, detail, attempt + 1) from None
            except (TimeoutError, urllib.error.URLError, OSError, HTTPException) as err:
                if _is_timeout(err):
                    if not last:
                        self._wait(attempt, attempts, "inget svar i tid")
                        continue
                    raise KoladaTimeout(
                        f"Kolada svarade inte inom {_seconds(self.timeout)} sekunder "
                        f"({attempts} försök, {_host(url)}). Försök igen senare, eller "
                        "ge mer tid med --timeout.") from None
                if not last:
                    self._wait(attempt, attempts, _reason(err))
                    continue
                raise KoladaOffline(
                    f"Kunde inte nå Kolada ({_host(url)}): {_reason(err)}. "
                    f"{OFFLINE_HINT}") from None
            return parse_page(body, url)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, url: str) -> bytes:
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise KoladaResponseError(f"Kolada hänvisar till en adress som inte är http(s): "
                                      f"{url}.")
        request = urllib.request.Request(url, headers={
            "Accept": "application/json",
            "User-Agent": f"malstyrning/{__version__} (+mål- och resultatstyrning)",
        })
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            body: bytes = response.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            raise KoladaResponseError("Kolada skickade ett orimligt stort svar; avbryter.")
        return body

    def _wait(self, attempt: int, attempts: int, why: str,
              headers: Message | None = None) -> None:
        self.stats.retries += 1
        delay = min(self.backoff * (2 ** attempt), self.max_backoff)
        asked = retry_after(headers.get("Retry-After") if headers is not None else None)
        if asked is not None:
            delay = max(delay, min(asked, MAX_RETRY_AFTER))
        if self._notify is not None:
            self._notify(f"Kolada: {why}; försöker igen om {_seconds(delay)} s "
                         f"(försök {attempt + 2} av {attempts}).")
        (self._sleep or _sleep)(delay)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date.

    None when the header is absent or unreadable; a date in the past gives 0.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text[:6])  # a huge number is capped by the caller anyway
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT
        return None
    seconds = when.timestamp() - _now()
    return max(0.0, seconds) if math.isfinite(seconds) else None


def rebase(url: str, base_url: str) -> str:
    """``url`` moved onto ``base_url`` when it points elsewhere (a mirror's next page).

    Kolada writes its own public address into ``next_url``; the route after the API
    root (``/data/…``, ``/oudata/…``, ``/kpi/…`` and the query) is kept and put after
    the configured address.
    """
    base = urllib.parse.urlsplit(base_url)
    parts = urllib.parse.urlsplit(url)
    base_path = base.path.rstrip("/")
    if ((parts.scheme, parts.netloc) == (base.scheme, base.netloc)
            and (parts.path == base_path or parts.path.startswith(base_path + "/"))):
        return url
    marker = min((i for i in (parts.path.find(route) for route in ROUTES) if i >= 0),
                 default=-1)
    if marker < 0:
        raise KoladaResponseError(
            f"Kolada hänvisar nästa sida till en adress utanför {_host(base_url)} som "
            f"inte går att flytta dit: {url}. Kontrollera --url.")
    route = parts.path[marker:]
    return urllib.parse.urlunsplit((base.scheme, base.netloc, base_path + route,
                                    parts.query, ""))


def page_rows(page: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of one page (``values``), checked to be a list of mappings."""
    values = page.get("values")
    if not isinstance(values, list):
        raise KoladaResponseError("Svaret från Kolada saknar listan `values`; det ser inte "
                                  "ut som Koladas dataformat.")
    return [row for row in values if isinstance(row, dict)]


def next_page_url(page: dict[str, Any], current: str) -> str | None:
    """The next page's absolute address (v3 ``next_url``; v2 called it ``next_page``)."""
    nxt = page.get("next_url") or page.get("next_page")
    if not isinstance(nxt, str) or not nxt.strip():
        return None
    return urllib.parse.urljoin(current, nxt.strip())


def parse_page(body: bytes, url: str) -> dict[str, Any]:
    """A page's JSON object, or a KoladaResponseError saying what was wrong with it."""
    try:
        data = loads_json(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        start = body[:80].decode("utf-8", "replace").strip()
        raise KoladaResponseError(
            f"Kolada svarade med något som inte är JSON ({_host(url)}): {start!r}. "
            "Kontrollera adressen (--url) eller försök igen senare.") from None
    if not isinstance(data, dict):
        raise KoladaResponseError("Svaret från Kolada är inte ett JSON-objekt med `values`.")
    page_rows(data)
    return data


def _http_error(status: int, url: str, detail: str, attempts: int) -> KoladaHTTPError:
    extra = f" Kolada skriver: {detail}" if detail else ""
    if status in RETRY_STATUSES:
        what = ("Kolada begränsar antalet frågor (429)" if status == 429
                else f"Kolada har ett serverfel ({status})")
        return KoladaHTTPError(f"{what} och svarade fel på alla {attempts} försök.{extra} "
                               "Försök igen om en stund.", status)
    if status == 404:
        return KoladaHTTPError(
            f"Kolada hittar inte adressen (404): {url}.{extra} Kontrollera --url "
            f"(standard {DEFAULT_URL}) och indikatorernas Kolada-id.", status)
    if status == 400:
        return KoladaHTTPError(
            f"Kolada avvisade frågan (400): {url}.{extra} Kontrollera Kolada-id:na "
            "(en versal och fem siffror) och kommunkoden.", status)
    return KoladaHTTPError(f"Kolada svarade med fel {status}: {url}.{extra}", status)


def _error_detail(err: urllib.error.HTTPError) -> str:
    """A short text from an error body (JSON ``message``/``detail``/``error``, or text)."""
    try:
        raw = err.read(4000)
    except Exception:
        return ""
    text = raw.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "detail", "error", "title"):
            if isinstance(data.get(key), str) and data[key].strip():
                text = data[key].strip()
                break
    if "<" in text[:1]:  # an HTML error page says nothing useful
        return ""
    return " ".join(text.split())[:200]


def _is_timeout(err: BaseException) -> bool:
    if isinstance(err, TimeoutError):
        return True
    reason = getattr(err, "reason", None)
    return isinstance(reason, TimeoutError) or "timed out" in str(reason or err).lower()


def _reason(err: BaseException) -> str:
    reason = getattr(err, "reason", err)
    if isinstance(reason, ConnectionRefusedError):
        return "anslutningen nekades"
    if isinstance(reason, ConnectionResetError):
        return "anslutningen bröts"
    if type(reason).__name__ == "gaierror":
        return "adressen kunde inte slås upp (inget nät eller fel adress)"
    if isinstance(reason, HTTPException):
        return "anslutningen bröts mitt i svaret"
    return str(reason) or type(reason).__name__


def _seconds(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url
