"""Peers beside the targets: Kolada values of the country, the län and kommun groups.

``jämförelser:`` in ``malstyrning.yaml`` names them::

    jämförelser:
      riket: true            # the whole country, Kolada id 0000
      län: true              # the kommun's län: 00 + the kommunkod's first two digits
      grupper: [G124026]     # Kolada municipality groups
      namn: {G124026: Liknande kommuner, grundskola}

``malstyrning kolada fetch`` stores their values in ``kolada/jamforelser.json`` with
the date fetched, and Kolada's own name of each (a group's title from
``/municipality_groups``, riket's and the län's from ``/municipality``); documents
name a peer by ``namn`` in the settings, else by Kolada's name, else generically.

Riket's and the län's values are Kolada's own figures. Kolada has no values for a
group as such: a group's figure is the unweighted mean of its members'
values, computed here, and is never attributed to Kolada as if Kolada had published it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from malstyrning.kolada.values import KoladaValue, Number, parse_rows

PEERS_FILE = "kolada/jamforelser.json"
COUNTRY = "0000"
FORMAT = 1
GROUP_ID = re.compile(r"^G[0-9A-Za-z]+$")
CODE = re.compile(r"^[0-9]{4}$")
FIELDS = (("totalt", "total"), ("kvinnor", "women"), ("män", "men"))


@dataclass(frozen=True, slots=True)
class Peer:
    """One comparison: a Kolada municipality id (``0000``, ``0003``) or a group id;
    ``title`` is Kolada's own name of it (empty when not known)."""

    id: str
    name: str
    title: str = ""

    @property
    def is_group(self) -> bool:
        return bool(GROUP_ID.match(self.id))


def configured(comparisons: Mapping[str, Any], kommunkod: str, *, region: bool,
               titles: Mapping[str, str] | None = None) -> list[Peer]:
    """The peers ``jämförelser`` asks for, in the order riket, län, groups.

    A peer's name: ``jämförelser.namn`` for its id when the settings give one, else
    Kolada's own name from ``titles`` (as stored by ``kolada fetch``), else ``Riket``,
    ``Länet`` or ``Kommungrupp G…``.
    """
    raw_names = comparisons.get("namn")
    names: Mapping[str, Any] = raw_names if isinstance(raw_names, dict) else {}
    known = titles or {}

    def peer(pid: str, fallback: str) -> Peer:
        own = names.get(pid)
        title = known.get(pid, "")
        return Peer(pid, own if isinstance(own, str) and own else title or fallback, title)

    peers: list[Peer] = []
    if comparisons.get("riket") is True:
        peers.append(peer(COUNTRY, "Riket"))
    lan = comparisons.get("län")
    if isinstance(lan, str) and CODE.match(lan) and lan != kommunkod:
        peers.append(peer(lan, "Länet"))
    elif lan is True and not region and CODE.match(kommunkod):
        peers.append(peer(f"00{kommunkod[:2]}", "Länet"))
    for group in comparisons.get("grupper") or ():
        if isinstance(group, str) and GROUP_ID.match(group):
            peers.append(peer(group, f"Kommungrupp {group}"))
    return peers


def titles_of(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Id → Kolada's title, from ``/municipality`` or ``/municipality_groups`` rows."""
    found: dict[str, str] = {}
    for row in rows:
        pid, title = row.get("id"), row.get("title")
        if isinstance(pid, str) and isinstance(title, str) and title.strip():
            found[pid] = " ".join(title.split())
    return found


@dataclass
class PeerValue:
    """One peer's value of one KPI and year; ``members`` > 0 for a group's mean."""

    total: Number | None = None
    women: Number | None = None
    men: Number | None = None
    members: int = 0  # how many members' values the mean is of (0: Kolada's own figure)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"totalt": self.total}
        if self.women is not None:
            data["kvinnor"] = self.women
        if self.men is not None:
            data["män"] = self.men
        if self.members:
            data["medel_av"] = self.members
        return data

    @classmethod
    def from_data(cls, data: Any) -> PeerValue | None:
        if not isinstance(data, dict):
            return None

        def number(key: str) -> Number | None:
            v = data.get(key)
            return v if isinstance(v, int | float) and not isinstance(v, bool) else None

        members = data.get("medel_av")
        return cls(number("totalt"), number("kvinnor"), number("män"),
                   members if type(members) is int and members > 0 else 0)


@dataclass
class PeerFile:
    """``kolada/jamforelser.json``: the peers and their values by KPI, year and peer."""

    fetched: str = ""
    source: str = ""
    peers: list[Peer] = field(default_factory=list)
    values: dict[str, dict[int, dict[str, PeerValue]]] = field(default_factory=dict)

    def to_text(self) -> str:
        data = {
            "format": FORMAT, "hämtad": self.fetched, "källa": self.source,
            "jämförelser": [{"id": p.id, "namn": p.name, **({"kolada_namn": p.title}
                                                             if p.title else {})}
                            for p in self.peers],
            "värden": {kpi: {str(year): {peer: v.to_data() for peer, v in sorted(
                by_peer.items())} for year, by_peer in sorted(years.items())}
                for kpi, years in sorted(self.values.items())},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def value(self, kpi: str, year: int, peer: str) -> PeerValue | None:
        return self.values.get(kpi, {}).get(year, {}).get(peer)

    def years(self, kpi: str, peer: str) -> list[tuple[int, PeerValue]]:
        """Every stored year of one peer's value of ``kpi``, oldest first."""
        return [(year, by_peer[peer]) for year, by_peer in sorted(self.values.get(kpi, {}).items())
                if peer in by_peer]

    @property
    def titles(self) -> dict[str, str]:
        """Kolada's own names of the peers (files from before names were kept have none)."""
        return {p.id: p.title for p in self.peers if p.title}


def parse(text: str) -> PeerFile:
    """The file's content; ValueError (Swedish) when it is not the file's form."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"{PEERS_FILE} är inte giltig JSON ({err.msg}, rad "
                         f"{err.lineno}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("värden"), dict):
        raise ValueError(f"{PEERS_FILE} saknar `värden`; filen skrivs av "
                         "`malstyrning kolada fetch`.")
    peers = [Peer(str(p["id"]), str(p.get("namn") or p["id"]),
                  p["kolada_namn"] if isinstance(p.get("kolada_namn"), str) else "")
             for p in data.get("jämförelser") or () if isinstance(p, dict) and "id" in p]
    values: dict[str, dict[int, dict[str, PeerValue]]] = {}
    for kpi, years in data["värden"].items():
        if not isinstance(years, dict):
            continue
        for year, by_peer in years.items():
            if not str(year).isdigit() or not isinstance(by_peer, dict):
                continue
            for peer, raw in by_peer.items():
                value = PeerValue.from_data(raw)
                if value is not None:
                    values.setdefault(str(kpi), {}).setdefault(int(year), {})[str(peer)] = value
    return PeerFile(str(data.get("hämtad") or ""), str(data.get("källa") or ""), peers,
                    values)


def load(root: Path) -> PeerFile | None:
    """The repository's peer values, None when there are none (or they cannot be read)."""
    try:
        return parse((root / PEERS_FILE).read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def members_of(groups: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Group id → member municipality ids, from ``/municipality_groups`` rows."""
    found: dict[str, list[str]] = {}
    for group in groups:
        gid, members = group.get("id"), group.get("members")
        if not isinstance(gid, str) or not isinstance(members, list):
            continue
        found[gid] = sorted({str(m["id"]) for m in members
                             if isinstance(m, dict) and isinstance(m.get("id"), str)})
    return found


def _decimals(value: Number) -> int:
    text = repr(float(value)).removesuffix(".0")
    return len(text.partition(".")[2]) if "e" not in text else 4


def _mean(values: list[Number]) -> Number | None:
    """The unweighted mean, with one decimal more than the most precise member value
    (at most four): 71, 76 and 79 give 75,3, not 75,3333."""
    if not values:
        return None
    places = min(4, max(_decimals(v) for v in values) + 1)
    return round(sum(values) / len(values), places)


def peer_values(rows: Iterable[Mapping[str, Any]], peers: list[Peer],
                members: Mapping[str, list[str]], kpis: Iterable[str],
                years: Iterable[int]) -> dict[str, dict[int, dict[str, PeerValue]]]:
    """KPI → year → peer → value, for every peer, KPI and year asked.

    A place Kolada has no value for gets ``totalt: null`` (never 0). A group's value is
    the unweighted mean of the members that have one; the number of them is kept.
    """
    parsed: dict[tuple[str, str, int], KoladaValue] = {
        (v.kpi, v.municipality, v.year): v for v in parse_rows(rows)}
    out: dict[str, dict[int, dict[str, PeerValue]]] = {}
    for kpi in sorted(set(kpis)):
        for year in sorted(set(years)):
            by_peer = out.setdefault(kpi, {}).setdefault(year, {})
            for peer in peers:
                if not peer.is_group:
                    v = parsed.get((kpi, peer.id, year))
                    by_peer[peer.id] = (PeerValue(v.total, v.women, v.men) if v is not None
                                        else PeerValue())
                    continue
                found = [parsed[(kpi, m, year)] for m in members.get(peer.id, ())
                         if (kpi, m, year) in parsed]
                totals = [v.total for v in found if v.total is not None]
                women = [v.women for v in found if v.women is not None]
                men = [v.men for v in found if v.men is not None]
                by_peer[peer.id] = PeerValue(
                    _mean(totals), _mean(women) if len(women) == len(totals) else None,
                    _mean(men) if len(men) == len(totals) else None, len(totals))
    return out


def merged(old: PeerFile | None, new: dict[str, dict[int, dict[str, PeerValue]]],
           peers: list[Peer], today: dt.date, source: str) -> PeerFile:
    """The stored file with ``new`` written over it: other KPIs and years stay as they were."""
    values = {kpi: {y: dict(p) for y, p in years.items()}
              for kpi, years in (old.values if old else {}).items()}
    for kpi, years in new.items():
        for year, by_peer in years.items():
            values.setdefault(kpi, {}).setdefault(year, {}).update(by_peer)
    known = {p.id: p for p in (old.peers if old else [])}
    for p in peers:  # a name Kolada gave before is kept when this fetch got none
        known[p.id] = p if p.title or p.id not in known else Peer(p.id, p.name,
                                                                  known[p.id].title)
    order = [p.id for p in peers] + [i for i in known if i not in {p.id for p in peers}]
    return PeerFile(today.isoformat(), source, [known[i] for i in order], values)
