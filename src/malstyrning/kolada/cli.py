"""``malstyrning kolada fetch|import|check``: Kolada's values into the follow-up files,
and the plans' KPI ids checked against Kolada's KPI metadata.

Thin glue: read the plan, get rows (over HTTP or from a saved response), plan the
changes, write them unless ``--dry-run``, print the summary. Errors are one Swedish
sentence on stderr and exit code 2. Heavy modules are imported inside the commands so
``malstyrning --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer

if TYPE_CHECKING:
    from malstyrning.config import Settings
    from malstyrning.kolada.writer import Target
    from malstyrning.model import PlanModel

EXIT_ERROR = 2
PERIOD_PATTERN = r"^\s*([0-9]{4})-(\S+)\s*$"

kolada_app = typer.Typer(
    name="kolada",
    help="Hämta indikatorernas utfall från Kolada (kommunernas och regionernas "
    "databas) till uppföljningsfilerna, och kontrollera Kolada-id:na mot Koladas "
    "beskrivning av nyckeltalen. Källa: Kolada.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PathArg = Annotated[Path, typer.Argument(
    metavar="SÖKVÄG", help="Planrepot (standard: aktuell mapp).", show_default=False)]
YearOpt = Annotated[int, typer.Option(
    "--year", "-y", help="Året som värdena gäller, t.ex. 2026.", min=1900, max=2200)]
PeriodOpt = Annotated[str | None, typer.Option(
    "--period", "-p", metavar="KOD", help="Uppföljningen som värdena skrivs in i, t.ex. 2026-delår "
    "(standard: ÅR-helår).", show_default=False)]
DryRunOpt = Annotated[bool, typer.Option(
    "--dry-run", help="Visa vad som skulle ändras, men skriv ingenting.")]
OverwriteOpt = Annotated[bool, typer.Option(
    "--overwrite", help="Ersätt även handinmatade värden som skiljer sig från Kolada.")]


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"malstyrning: {message.rstrip()}\n")
    raise typer.Exit(EXIT_ERROR)


class _Repo(NamedTuple):
    """The plan as the Kolada commands need it."""

    root: Path
    model: PlanModel
    settings: Settings
    targets: list[Target]
    malformed: list[Target]
    year: int
    period: str

    @property
    def kpis(self) -> list[str]:
        return sorted({t.kpi for t in self.targets})


def _period(settings: Settings, year: int, period: str | None) -> str:
    """The follow-up period (``2026-helår`` by default), spelled as configured."""
    import re

    codes = [p.code for p in settings.followup_periods]
    text = period if period is not None else f"{year}-helår"
    match = re.match(PERIOD_PATTERN, text)
    known = {c.casefold(): c for c in codes}
    if not match or match.group(2).casefold() not in known:
        _fail(f"Okänd uppföljningsperiod {text!r}. Skriv ÅÅÅÅ-kod, där kod är "
              f"{', '.join(codes)} (perioderna står i malstyrning.yaml), t.ex. "
              f"--period {year}-{codes[-1] if codes else 'helår'}.")
    period_year = int(match.group(1))
    if year > period_year:
        _fail(f"Värden för {year} kan inte följas upp i {text}: året ligger efter "
              "uppföljningsperioden. Ange en senare period med --period.")
    return f"{period_year}-{known[match.group(2).casefold()]}"


def _load(path: Path, year: int, period: str | None) -> _Repo:
    import re

    from malstyrning.config import find_root
    from malstyrning.kolada.writer import kolada_targets
    from malstyrning.pipeline import ConfigError, run

    if not path.exists():
        _fail(f"{path} finns inte. Ange planrepots mapp.")
    root = find_root(path)
    try:
        result = run(root, full=True)
    except ConfigError:
        _fail("malstyrning.yaml behöver rättas; kör `malstyrning validate`.")
    settings = result.settings
    if not re.fullmatch(r"[0-9]{4}", settings.kommunkod):
        _fail("malstyrning.yaml saknar en giltig kommunkod (fyra siffror som text, t.ex. "
              'kommunkod: "0331" för Heby); Kolada behöver den.')
    chosen = _period(settings, year, period)
    targets, malformed = kolada_targets(result.model)
    return _Repo(root, result.model, settings, targets, malformed, year, chosen)


def _finish(repo: _Repo, rows: list[dict[str, Any]], source: str, *, dry_run: bool,
            overwrite: bool, before: tuple[str, ...] = ()) -> None:
    from malstyrning.kolada.report import summary
    from malstyrning.kolada.values import parse_rows, values_for
    from malstyrning.kolada.writer import plan_updates, unit_key
    from malstyrning.kolada.yamledit import EditError

    values = values_for(rows, repo.settings.kommunkod, repo.year)
    units = {t.unit for t in repo.targets if t.unit}
    unit_rows = [{**r, "municipality": r["ou"]} for r in rows
                 if isinstance(r, dict) and r.get("ou") in units]
    for value in parse_rows(unit_rows):
        if value.year == repo.year:
            values[unit_key(value.kpi, value.municipality)] = value
    for line in before:
        typer.echo(line)
    try:
        plan = plan_updates(repo.root, repo.model, repo.targets, values, year=repo.year,
                            period=repo.period, municipality=repo.settings.kommunkod,
                            overwrite=overwrite)
        written = [] if dry_run else plan.write()
    except EditError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"Kunde inte skriva {err.filename or 'filen'}: {err.strerror}. Inget mer "
              "har skrivits.")
    for line in summary(plan, source=source, dry_run=dry_run, malformed=repo.malformed,
                        written=written):
        typer.echo(line)


def _nothing_to_do(repo: _Repo) -> bool:
    if repo.targets:
        return False
    typer.echo("Inga indikatorer i planen har ett giltigt `kolada:`-id; inget att hämta.")
    for target in repo.malformed:
        typer.echo(f"  {target.indicator}: `{target.kpi}` ({target.file})")
    return True


@kolada_app.command()
def fetch(
    year: YearOpt,
    path: PathArg = Path("."),
    period: PeriodOpt = None,
    dry_run: DryRunOpt = False,
    overwrite: OverwriteOpt = False,
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL",
        help="Koladas API-adress (standard: miljövariabeln MALSTYRNING_KOLADA_URL "
        "eller https://api.kolada.se/v3).", show_default=False)] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SEKUNDER", help="Sekunder att vänta på varje svar.", min=0.1)] = 30.0,
) -> None:
    """Hämta värdena för kommunens kod och indikatorernas Kolada-id och skriv dem i
    uppföljningen.

    Fyller bara i det som saknas; handinmatade värden skrivs aldrig över utan
    --overwrite. Felkod 0 = klart, 2 = Kolada gick inte att nå eller svarade fel.
    """
    from malstyrning.kolada.client import KoladaClient, KoladaError

    repo = _load(path, year, period)
    if _nothing_to_do(repo):
        return
    municipal = sorted({t.kpi for t in repo.targets if not t.unit})
    unit_targets = [t for t in repo.targets if t.unit]
    try:
        client = KoladaClient(url, timeout=timeout, notify=_note)
        rows = (client.fetch_rows(municipal, repo.settings.kommunkod, [year])
                if municipal else [])
        if unit_targets:
            rows += client.fetch_ou_rows(sorted({t.kpi for t in unit_targets}),
                                         sorted({t.unit for t in unit_targets}), [year])
        peer_lines = _fetch_peers(repo, client, dry_run=dry_run)
    except KoladaError as err:
        _fail(err.message)
    stats = client.stats
    units = (f" och {_count(len({t.unit for t in unit_targets}), 'enhet', 'enheter')}"
             if unit_targets else "")
    source = (f"Kolada ({client.base_url}): {_count(len(repo.kpis), 'nyckeltal', 'nyckeltal')} "
              f"för kommun {repo.settings.kommunkod}{units}, år {year} "
              f"({_count(stats.requests, 'anrop', 'anrop')}, "
              f"{_count(stats.pages, 'sida', 'sidor')}).")
    _finish(repo, rows, source, dry_run=dry_run, overwrite=overwrite, before=peer_lines)


def _fetch_peers(repo: _Repo, client: Any, *, dry_run: bool) -> tuple[str, ...]:
    """Fetch and store the values of the peers in ``jämförelser``; the lines to print."""
    import datetime as dt

    from malstyrning.checks.kolada import organisation_type
    from malstyrning.kolada import peers
    from malstyrning.kolada.client import KoladaError
    from malstyrning.kolada.metadata import REGION

    region = organisation_type(repo.settings) == REGION
    wanted = peers.configured(repo.settings.comparisons, repo.settings.kommunkod,
                              region=region)
    kpis = sorted({t.kpi for t in repo.targets})
    if not wanted or not kpis:
        return ()
    groups = [p.id for p in wanted if p.is_group]
    group_rows = client.fetch_groups(groups) if groups else []
    members = peers.members_of(group_rows)
    titles = peers.titles_of(group_rows)
    own = [p.id for p in wanted if not p.is_group]
    lines = []
    if own:
        try:
            titles.update(peers.titles_of(client.fetch_municipalities(own)))
        except KoladaError as err:  # the names are a courtesy; the values still count
            lines.append(f"Obs: Koladas namn på {', '.join(own)} kunde inte hämtas "
                         f"({err.message.rstrip('.')}); dokumenten använder `jämförelser.namn` "
                         "eller Riket och Länet.")
    wanted = peers.configured(repo.settings.comparisons, repo.settings.kommunkod,
                              region=region, titles=titles)
    places = sorted(set(own) | {m for g in groups for m in members.get(g, ())})
    years = _peer_years(repo)
    rows = client.fetch_rows(kpis, places, years) if places else []
    new = peers.peer_values(rows, wanted, members, kpis, years)
    for peer in wanted:
        if peer.is_group and peer.id not in members:
            lines.append(f"Obs: Kolada känner inte till kommungruppen {peer.id}; den "
                         "jämförs inte. Kontrollera `jämförelser.grupper` i malstyrning.yaml.")
    shown = ", ".join(
        f"{p.name} ({p.id}, medelvärde av {len(members.get(p.id, ()))} kommuner)"
        if p.is_group else f"{p.name} ({p.id})" for p in wanted)
    action = "skulle skrivas" if dry_run else "skrivet"
    lines.insert(0, f"Jämförelser, {_count(len(kpis), 'nyckeltal', 'nyckeltal')}, "
                 f"{'år' if len(years) == 1 else 'åren'} {', '.join(map(str, years))}: "
                 f"{shown} – {peers.PEERS_FILE} {action}.")
    if not dry_run:
        _write_peers(repo.root, new, wanted, dt.date.today(), client.base_url)
    return tuple(lines)


def _peer_years(repo: _Repo) -> list[int]:
    """The years the peers are fetched for: ``--year`` and the baseline years before it
    of the indicators with a Kolada id, so the charts can show the peers beside the
    kommun's own series from its baseline (at most 25 years, Kolada's list limit)."""
    years = {repo.year}
    for target in repo.targets:
        node = repo.model.by_id.get(target.indicator)
        base = node.facts[1] if node is not None and len(node.facts) > 1 else None
        if type(base) is int and repo.year - 24 <= base < repo.year:
            years.add(base)
    return sorted(years)


def _write_peers(root: Path, new: Any, wanted: Any, today: Any, source: str) -> None:
    from malstyrning.kolada import peers
    from malstyrning.kolada.files import EditError, locked, resolve_target, write_atomic

    try:
        real = resolve_target(root, peers.PEERS_FILE)
        real.parent.mkdir(parents=True, exist_ok=True)
        with locked(real, peers.PEERS_FILE):
            old: peers.PeerFile | None = None
            if real.exists():
                try:
                    old = peers.parse(real.read_text("utf-8-sig"))
                except (UnicodeDecodeError, ValueError) as err:
                    _fail(f"{err} Rätta eller ta bort filen; inget har skrivits.")
            data = peers.merged(old, new, wanted, today, source).to_text().encode("utf-8")
            write_atomic(real, data)
    except EditError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"Kunde inte skriva {peers.PEERS_FILE}: {err.strerror}.")


@kolada_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(
        metavar="FIL",
        help="Ett sparat svar från Koladas API (JSON: en sida eller en lista med sidor).",
        show_default=False)],
    year: YearOpt,
    path: PathArg = Path("."),
    period: PeriodOpt = None,
    dry_run: DryRunOpt = False,
    overwrite: OverwriteOpt = False,
) -> None:
    """Läs ett sparat svar från Kolada i stället för att hämta (för datorer utan nät).

    Svaret hämtas till exempel med
    https://api.kolada.se/v3/data/kpi/N15419,N17457/municipality/0331/year/2026
    och sparas som en fil. I övrigt som `kolada fetch`.
    """
    from malstyrning.kolada.values import SavedResponseError, load_saved

    repo = _load(path, year, period)
    try:
        rows = load_saved(file)
    except SavedResponseError as err:
        _fail(str(err))
    if _nothing_to_do(repo):
        return
    source = (f"Kolada (sparat svar {file.name}): {_count(len(rows), 'rad', 'rader')}, "
              f"{_count(len(repo.kpis), 'nyckeltal', 'nyckeltal')} i planen, "
              f"kommun {repo.settings.kommunkod}, år {year}.")
    _finish(repo, rows, source, dry_run=dry_run, overwrite=overwrite)


def _note(message: str) -> None:
    sys.stderr.write(f"malstyrning: {message}\n")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"



KOLADA_RULES = ("MS602", "MS603", "MS604", "MS605", "MS606")


def _check_format(value: str | None) -> str | None:
    from malstyrning.output import names

    if value is not None and value not in names():
        raise typer.BadParameter(f"'{value}' är inget format. Välj ett av: "
                                 f"{', '.join(names())}.")
    return value


@kolada_app.command()
def check(
    path: PathArg = Path("."),
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT", callback=_check_format,
        help="Utdataformat, som för validate (text, json, sarif, …). Standard: text, "
        "eller github i GitHub Actions.", show_default=False)] = None,
    offline: Annotated[bool, typer.Option(
        "--offline", help="Fråga inte Kolada; kontrollera mot den sparade "
        "kolada/nyckeltal.json.")] = False,
    full: Annotated[bool, typer.Option(
        "--full", help="Hämta alla nyckeltal i sin helhet, inte bara det som ändrats sedan "
        "filen hämtades (hittar också nyckeltal som Kolada tagit bort helt).")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Låt även varningar ge "
                                         "felkod 1.")] = False,
    url: Annotated[str | None, typer.Option(
        "--url", metavar="URL",
        help="Koladas API-adress (standard: miljövariabeln MALSTYRNING_KOLADA_URL "
        "eller https://api.kolada.se/v3).", show_default=False)] = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SEKUNDER", help="Sekunder att vänta på varje svar.", min=0.1)] = 30.0,
) -> None:
    """Kontrollera planernas Kolada-id mot Koladas beskrivning av nyckeltalen.

    Finns id:t, gäller nyckeltalet kommuner (eller regioner), delar Kolada upp det på
    kön när uppföljningen visar kvinnor och män, och liknar indikatorns namn fortfarande
    nyckeltalets titel? Beskrivningen sparas i kolada/nyckeltal.json med datumet den
    hämtades; nästa gång frågas bara efter det som ändrats sedan dess. Felkod 0 = inga
    fel, 1 = fynd (fel, eller varningar med --strict), 2 = Kolada gick inte att nå.
    """
    import datetime as dt
    import os

    from malstyrning.config import find_root
    from malstyrning.findings import Severity
    from malstyrning.kolada import metadata
    from malstyrning.kolada.client import KoladaClient, KoladaError
    from malstyrning.output import Report, formats
    from malstyrning.pipeline import ConfigError, run

    if not path.exists():
        _fail(f"{path} finns inte. Ange planrepots mapp.")
    root = find_root(path)
    try:
        result = run(root)
    except ConfigError:
        _fail("malstyrning.yaml behöver rättas; kör `malstyrning validate`.")
    from malstyrning.checks.kolada import kolada_indicators

    ids = sorted({kpi for _node, kpi in kolada_indicators(result.model)})
    target = root / metadata.METADATA_FILE
    old: metadata.Catalogue | None = None
    if target.exists():
        try:
            old = metadata.parse(target.read_text("utf-8-sig"))
        except (OSError, UnicodeDecodeError, metadata.MetadataError) as err:
            if offline:
                _fail(f"{metadata.METADATA_FILE} går inte att läsa: {err}. Kör utan "
                      "--offline så hämtas den på nytt.")
            _note(f"{metadata.METADATA_FILE} går inte att läsa ({err}); hämtar allt på nytt.")
    if offline:
        if old is None:
            _fail(f"{metadata.METADATA_FILE} finns inte; kör `malstyrning kolada check` "
                  "utan --offline en gång på en dator med nät.")
        _note(f"Kolada: kontrollerar mot {metadata.METADATA_FILE}, hämtad {old.fetched}.")
    elif ids:
        try:
            client = KoladaClient(url, timeout=timeout, notify=_note)
            done = metadata.update(None if full else old, ids, client.fetch_kpis,
                                   dt.date.today(), client.base_url)
        except KoladaError as err:
            _fail(err.message)
        _write_metadata(root, done.catalogue)
        since = (f", {_count(len(done.asked_since), 'nyckeltal', 'nyckeltal')} ändrade "
                 f"sedan {old.fetched}: {_count(len(done.changed), 'ändring', 'ändringar')}"
                 if old is not None and done.asked_since else "")
        _note(f"Kolada: {_count(len(done.asked_full), 'nyckeltal', 'nyckeltal')} hämtade i "
              f"sin helhet{since} ({_count(client.stats.requests, 'anrop', 'anrop')}); "
              f"sparat i {metadata.METADATA_FILE}.")
        result = run(root)
    findings = [f for f in result.findings if f.code in KOLADA_RULES]
    if not ids:
        _note("Inga indikatorer i planen har ett giltigt `kolada:`-id; inget att kontrollera.")
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    threshold = Severity.WARNING if strict else Severity.ERROR
    from malstyrning.load.files import source_lines as _source_reader

    report = Report(findings, root, len(result.files), _source_reader(root), False,
                    tuple(result.files), threshold, False)
    formats()[fmt](report, sys.stdout)
    if any(f.severity >= threshold for f in findings):
        raise typer.Exit(1)


def _write_metadata(root: Path, catalogue: Any) -> None:
    from malstyrning.kolada.files import EditError, locked, resolve_target, write_atomic
    from malstyrning.kolada.metadata import METADATA_FILE

    try:
        real = resolve_target(root, METADATA_FILE)
        real.parent.mkdir(parents=True, exist_ok=True)
        with locked(real, METADATA_FILE):
            write_atomic(real, catalogue.to_text().encode("utf-8"))
    except EditError as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"Kunde inte skriva {METADATA_FILE}: {err.strerror}.")
