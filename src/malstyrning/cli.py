"""The command line: parse options, call the pipeline stages, choose the exit code."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from malstyrning import __version__
from malstyrning.kolada.cli import kolada_app
from malstyrning.output import names as format_names

if TYPE_CHECKING:
    from malstyrning.load.gittree import Snapshot

app = typer.Typer(
    name="malstyrning",
    help="Mål- och resultatstyrning som text i git: kontrollera verksamhetsplaner och "
    "uppföljningar, visa målkedjan, skapa dokument för nämnd och fullmäktige och hämta "
    "utfall från Kolada.",
    no_args_is_help=True,
    # typer's --install-completion / --show-completion (see README, "Kompletteringar")
    add_completion=True,
    # plain click help: its chrome is made Swedish by cliusage.localize
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class FailLevel(StrEnum):
    fel = "fel"
    varning = "varning"
    info = "info"


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def use_color(choice: Color, stream: TextIO) -> bool:
    """Whether to colour ``stream``: ``--color always|never`` decides; with ``auto``,
    ``NO_COLOR`` (set and not empty) turns colour off, ``FORCE_COLOR`` (set, not empty
    and not ``0``) turns it on also in a pipe, and otherwise a terminal gets colour
    unless ``TERM=dumb``."""
    if choice != Color.auto:
        return choice == Color.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"malstyrning {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version,
                                          is_eager=True,
                                          help="Visa versionen och avsluta.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Visa fullständig felspårning vid "
                                        "interna fel.")] = False,
) -> None:
    """Mål- och resultatstyrning som text i git."""


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip() + "\n")


def _resolve(paths: list[Path]) -> tuple[Path, set[str] | None]:
    """The repository root, and the files to report on (None = all)."""
    from malstyrning.config import find_root

    paths = paths or [Path(".")]
    for p in paths:
        if not p.exists():
            _err(f"malstyrning: {p} finns inte. Ange en mapp med planfiler (eller filer i den).")
            raise typer.Exit(EXIT_ERROR)
    from malstyrning.config import SETTINGS_FILE

    # the plan repository is the one whose malstyrning.yaml holds the named paths, whatever
    # their order; other YAML (CI files, pre-commit's config) outside it is not plan data
    roots = list(dict.fromkeys(find_root(p) for p in paths))
    configured = [r for r in roots if (r / SETTINGS_FILE).is_file()]
    if len(configured) > 1:
        _err("malstyrning: sökvägarna hör till flera planrepon (" + ", ".join(
            str(r) for r in configured) + "); kontrollera ett i taget.")
        raise typer.Exit(EXIT_ERROR)
    root = configured[0] if configured else roots[0]
    only: set[str] = set()
    for p in paths:
        full = p.resolve()
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            if full.is_file() and _is_plan_file(full):
                _err(f"malstyrning: varning: {p} ligger utanför planrepot {root} och "
                     "kontrolleras inte.")
            continue
        if rel == ".":
            return root, None  # the whole repository
        only.add(rel + "/" if full.is_dir() else rel)
    return root, only


def _is_plan_file(path: Path) -> bool:
    from malstyrning.planroot import is_plan_document

    try:
        with open(path, "rb") as handle:
            return is_plan_document(handle.read(65_536))
    except OSError:
        return False


def _source_reader(root: Path, files: dict[str, bytes] | None = None
                   ) -> Callable[[str], list[str]]:
    """Lines of a repository file for the text formats (see :func:`load.files.source_lines`)."""
    from malstyrning.load.files import source_lines

    return source_lines(root, files)


def _staged(paths: list[Path]) -> tuple[Path, Snapshot]:
    """The plan root and its files as staged in git's index (``validate --staged``)."""
    from malstyrning.load.gittree import GitError, index_snapshot
    from malstyrning.planroot import index_root

    if len(paths) > 1:
        _err("malstyrning: med --staged anges högst en SÖKVÄG, planrepots mapp; hela "
             "planrepot kontrolleras alltid.")
        raise typer.Exit(EXIT_ERROR)
    start = paths[0] if paths else Path(".")
    if not start.exists():
        _err(f"malstyrning: {start} finns inte. Ange planrepots mapp.")
        raise typer.Exit(EXIT_ERROR)
    try:
        root = index_root(start, explicit=bool(paths))
        return root, index_snapshot(root)
    except GitError as err:
        _err(f"malstyrning: --staged: {err}")
        raise typer.Exit(EXIT_ERROR) from None


def _default_model_guard(root: Path, snapshot: Snapshot | None, force: bool,
                         quiet: bool) -> None:
    """Without malstyrning.yaml: refuse a folder that is clearly not a plan repository
    (unless ``force``), else say on stderr that the default model is used, and where."""
    from malstyrning.config import SETTINGS_FILE
    from malstyrning.planroot import (
        default_model_note,
        not_a_plan_repository,
        refusal_message,
        snapshot_not_a_plan_repository,
    )

    if snapshot is not None:
        if SETTINGS_FILE in snapshot.files:
            return
        reason = snapshot_not_a_plan_repository(snapshot.files)
    else:
        if os.path.lexists(root / SETTINGS_FILE):
            return
        reason = not_a_plan_repository(root)
    if reason is not None and not force:
        _err(refusal_message(reason, root))
        raise typer.Exit(EXIT_ERROR)
    if not quiet:
        _err(default_model_note(root))


def _check_format(value: str | None) -> str | None:
    if value is not None and value not in format_names():
        raise typer.BadParameter(f"'{value}' är inget format. Välj ett av: "
                                 f"{', '.join(format_names())}.")
    return value


def _complete_format(incomplete: str) -> list[str]:
    return [name for name in format_names() if name.startswith(incomplete)]


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Planrepot (mapp) eller enskilda filer i det. Standard: aktuell mapp.",
        metavar="SÖKVÄG...", show_default=False)] = None,
    output_format: Annotated[str | None, typer.Option(
        "--format", "-f", metavar="FORMAT", callback=_check_format,
        autocompletion=_complete_format,
        help=f"Utdataformat: {', '.join(format_names())}. Standard: text, eller github i "
        "GitHub Actions (GITHUB_ACTIONS=true).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Låt även varningar ge "
                                         "felkod 1.")] = False,
    fail_level: Annotated[FailLevel, typer.Option(
        "--fail-level", help="Lägsta allvarlighet som ger felkod 1.")] = FailLevel.fel,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Läs alla filer på nytt "
                                           "och skriv ingen cache.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", help="Antal processer "
                                      "(0 = automatiskt).", min=0)] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Skriv bara fynden: ingen "
                                        "sammanfattning, inget när allt är rätt.")] = False,
    silent: Annotated[bool, typer.Option("--silent", "-s", help="Skriv ingenting; bara "
                                         "felkoden säger om planen har fel.")] = False,
    color: Annotated[Color, typer.Option(
        "--color", help="Färg i textformatet. auto: i en terminal, och när FORCE_COLOR är "
        "satt; aldrig när NO_COLOR är satt.")] = Color.auto,
    no_color: Annotated[bool, typer.Option("--no-color", hidden=True,
                                           help="Samma som --color never.")] = False,
    staged: Annotated[bool, typer.Option(
        "--staged", help="Kontrollera planfilerna så som de ligger i gits index (det som "
        "nästa commit innehåller), hela planrepot och alla fynd (så gör pre-commit-"
        "kroken). SÖKVÄG är då planrepots mapp.")] = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Kontrollera mappen med standardmodellen även när den inte ser ut "
        "som ett planrepo (ingen malstyrning.yaml, inga planfiler bland de första "
        "YAML-filerna, eller hemmappen).")] = False,
) -> None:
    """Kontrollera alla planfiler: schema, målkedjan, föräldralösa mål, tid och pengar.

    Skriver inget i planfilerna. Felkod 0 = inga fel, 1 = fynd på eller över
    --fail-level, 2 = användnings-, konfigurations- eller internt fel.
    """
    from malstyrning.findings import Severity
    from malstyrning.output import Report, formats
    from malstyrning.pipeline import ConfigError, run

    snapshot = None
    if staged:
        root, snapshot = _staged(paths or [])
        only = None
    else:
        root, only = _resolve(paths or [])
    _default_model_guard(root, snapshot, force, quiet or silent)
    fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    colored = fmt == "text" and use_color(Color.never if no_color else color, sys.stdout)
    threshold = Severity.parse(fail_level.value)
    files_in = snapshot.files if snapshot is not None else None
    if strict:
        threshold = min(threshold, Severity.WARNING)
    try:
        result = run(root, use_cache=not no_cache, jobs=jobs or None, snapshot=snapshot)
    except ConfigError as err:
        if not silent:
            report = Report(err.findings, root, 1, _source_reader(root, files_in), colored,
                            ("malstyrning.yaml",), threshold, quiet)
            formats()[fmt](report, sys.stdout)
        _err("malstyrning: malstyrning.yaml behöver rättas innan planen kan kontrolleras.")
        raise typer.Exit(EXIT_ERROR) from None
    if not result.files:
        where = f"i gits index under {root}" if snapshot is not None else f"i {root}"
        _err(f"malstyrning: inga planfiler (*.yaml, *.yml) hittades {where}. Kör kommandot i "
             "planrepot eller ange mappen.")
        raise typer.Exit(EXIT_ERROR)
    findings = result.findings
    files = result.files
    if only is not None:
        def wanted(file: str) -> bool:
            return file in only or any(file.startswith(o) for o in only if o.endswith("/"))

        findings = [f for f in findings if wanted(f.file)]
        files = [file for file in files if wanted(file)]
    if not silent:
        report = Report(findings, root, len(result.files), _source_reader(root, files_in),
                        colored, tuple(files), threshold, quiet)
        formats()[fmt](report, sys.stdout)
    if any(f.severity >= threshold for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


_RULE_CODE = re.compile(r"^[Mm][Ss][0-9]+$")


def _rules_arguments(code: str | None, path: Path | None) -> tuple[str | None, Path]:
    """``rules [KOD] [SÖKVÄG]`` in either order: a word like MS211 is a rule code,
    anything else the plan repository whose words the rules are told in."""
    words = [w for w in (code, str(path) if path is not None else None) if w is not None]
    codes = [w for w in words if _RULE_CODE.match(w) and not Path(w).is_dir()]
    folders = [w for w in words if w not in codes]
    if len(codes) > 1 or len(folders) > 1:
        raise typer.BadParameter("ange högst en regelkod (t.ex. MS211) och en sökväg till "
                                 "ett planrepo.")
    folder = Path(folders[0]) if folders else Path(".")
    if not folder.exists():
        raise typer.BadParameter(f"{folder} är varken en regelkod (t.ex. MS211) eller en "
                                 "mapp som finns.")
    return (codes[0] if codes else None), folder


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="En regelkod, t.ex. MS211.",
                                               metavar="[KOD]", show_default=False)] = None,
    path: Annotated[Path | None, typer.Argument(
        help="Planrepot vars styrmodell reglerna förklaras med (standard: aktuell mapp; "
        "utan malstyrning.yaml gäller standardmodellen).", metavar="[SÖKVÄG]",
        show_default=False)] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Skriv listan som en "
                                           "Markdown-tabell (som i README).")] = False,
) -> None:
    """Lista alla regler, eller förklara en regel med exempel, med planrepots egna ord.

    Regelkod och sökväg kan anges i valfri ordning: `malstyrning rules MS301 planer/`.
    """
    from malstyrning.checks import all_rules
    from malstyrning.pipeline import ConfigError, load_settings
    from malstyrning.rules import REGISTRY, markdown_table

    code, folder = _rules_arguments(code, path)
    root, _ = _resolve([folder])
    try:
        model = load_settings(root).steering
    except ConfigError:
        _err("malstyrning: malstyrning.yaml behöver rättas; kör `malstyrning validate`.")
        raise typer.Exit(EXIT_ERROR) from None
    listed = all_rules(model)
    if markdown:
        typer.echo(markdown_table(listed))
        return
    if code is None:
        for r in listed:
            typer.echo(f"{r.code}  {r.severity.swedish:<8} {r.name:<28} {r.summary}")
        return
    if code.upper() not in REGISTRY:
        _err(f"malstyrning: okänd regel {code}. Kör `malstyrning rules` för en lista.")
        raise typer.Exit(EXIT_ERROR)
    r = REGISTRY[code.upper()].worded(model)
    typer.echo(f"{r.code} {r.name} ({r.severity.swedish})\n\n{r.summary}")
    if r.explanation:
        typer.echo(f"\n{r.explanation}")
    if r.good:
        typer.echo("\nRätt:\n" + "\n".join("    " + line for line in r.good.splitlines()))
    if r.bad:
        typer.echo("\nFel:\n" + "\n".join("    " + line for line in r.bad.splitlines()))
    typer.echo(f"\nStäng av eller ändra i malstyrning.yaml:\n  regler:\n    allvarlighet:\n"
               f"      {r.code}: av   # eller fel, varning, info")


@app.command()
def schema(
    path: Annotated[Path, typer.Argument(help="Planrepot (mappen med malstyrning.yaml).",
                                         metavar="SÖKVÄG")] = Path("."),
    out: Annotated[Path | None, typer.Option(
        "--out", metavar="SÖKVÄG", help="Mapp som schemana skrivs till. Standard: scheman/ "
        "i planrepot, den mapp som validate håller aktuell.", show_default=False)] = None,
) -> None:
    """Skriv JSON-scheman för planrepots egen styrmodell (nivåer, nycklar och namn).

    Peka editorn på dem med en rad överst i varje fil, t.ex.
    `# yaml-language-server: $schema=../scheman/verksamhetsplan.schema.json`, eller
    med yaml.schemas i .vscode/settings.json, eller använd dem med check-jsonschema.
    Samma styrmodell ger alltid byte-identiska filer; validate varnar (MS025) när
    schemana i scheman/ inte längre stämmer med malstyrning.yaml.
    """
    from malstyrning.editorschemas import SCHEMA_FOLDER, write
    from malstyrning.pipeline import ConfigError, load_settings

    root, _ = _resolve([path])
    try:
        settings = load_settings(root)
    except ConfigError:
        _err("malstyrning: malstyrning.yaml behöver rättas; kör `malstyrning validate`.")
        raise typer.Exit(EXIT_ERROR) from None
    target = out if out is not None else root / SCHEMA_FOLDER
    try:
        for written in write(target, settings):
            typer.echo(f"skrev {written}")
    except OSError as err:
        _err(f"malstyrning: kunde inte skriva till {target}: {err}")
        raise typer.Exit(EXIT_ERROR) from None
    levels = " → ".join(lv.lower for lv in settings.chain.levels)
    typer.echo(f"Scheman för målkedjan {levels} i {target}.")


class Shape(StrEnum):
    heby = "heby"
    storstad = "storstad"
    liten_kommun = "liten-kommun"
    region = "region"


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Mappen för det nya planrepot (skapas om den "
                                         "inte finns).", metavar="[SÖKVÄG]")] = Path("."),
    modell: Annotated[Shape | None, typer.Option(
        "--modell", help="Styrmodellen att börja från: heby (vision → inriktning → "
        "effektmål → aktivitet), storstad (Stockholms fem nivåer), liten-kommun (vision → "
        "mål → aktivitet) eller region.", show_default=False)] = None,
    kommun: Annotated[str | None, typer.Option(
        "--kommun", metavar="NAMN", help="Kommunens eller regionens namn, t.ex. "
        "\"Heby kommun\".", show_default=False)] = None,
    kommunkod: Annotated[str | None, typer.Option(
        "--kommunkod", metavar="KOD", help="Fyra siffror, t.ex. 0331 (en region: 00 och "
        "länskoden, t.ex. 0003).", show_default=False)] = None,
    source_url: Annotated[str | None, typer.Option(
        "--malstyrning-url", metavar="URL", help="Git-adressen som malstyrning installeras "
        "från; med den skrivs också pre-commit, GitHub Actions och GitLab CI.",
        show_default=False)] = None,
) -> None:
    """Skapa ett nytt planrepo från ett av exemplen, med egna scheman för editorn.

    Skriver aldrig över en fil som finns. I en terminal frågar kommandot efter det som
    inte angavs; annars (t.ex. i CI) måste --kommun och --kommunkod anges.
    """
    from malstyrning.scaffold import Request, ScaffoldError, problems, write

    if _interactive():
        while modell is None:
            answer = typer.prompt("Styrmodell (heby, storstad, liten-kommun, region)",
                                  default="heby").strip()
            if answer in {s.value for s in Shape}:
                modell = Shape(answer)
            else:
                typer.echo("Välj heby, storstad, liten-kommun eller region.")
        if kommun is None:
            kommun = typer.prompt("Kommunens eller regionens namn")
        if kommunkod is None:
            kommunkod = typer.prompt("Kommunkod (fyra siffror)")
    missing = [flag for flag, value in (("--kommun", kommun), ("--kommunkod", kommunkod))
               if value is None]
    if missing:
        _err(f"malstyrning: ange {' och '.join(missing)} (frågor ställs bara i en "
             "terminal).")
        raise typer.Exit(EXIT_ERROR)
    request = Request(path, (modell or Shape.heby).value, str(kommun), str(kommunkod),
                      source_url or "")
    wrong = problems(request)
    if wrong:
        for problem in wrong:
            _err(f"malstyrning: {problem}")
        raise typer.Exit(EXIT_ERROR)
    try:
        outcome = write(request)
    except (ScaffoldError, OSError) as err:
        _err(f"malstyrning: {err}")
        raise typer.Exit(EXIT_ERROR) from None
    if outcome.kept:
        shown = ", ".join(outcome.kept[:5]) + (" …" if len(outcome.kept) > 5 else "")
        typer.echo(f"{len(outcome.kept)} filer fanns redan och lämnades orörda: {shown}")
    typer.echo(f"Skrev {len(outcome.written)} filer i {path}. Kör `malstyrning validate "
               f"{path}` och ersätt exemplets påhittade mål med era egna.")
    if not source_url:
        typer.echo("Pre-commit och CI skrivs när git-adressen till malstyrning anges: "
                   f"`malstyrning init {path} --malstyrning-url URL` (befintliga filer "
                   "lämnas orörda).")


@app.command()
def tree(
    path: Annotated[Path, typer.Argument(help="Planrepot.", metavar="SÖKVÄG")] = Path("."),
    organisation: Annotated[str | None, typer.Option(
        "--organisation", "-o", metavar="KOD",
        help="Visa bara kedjan för en organisation "
        "(t.ex. UBN) och enheterna under den.", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Läs alla filer på nytt "
                                           "och skriv ingen cache.")] = False,
) -> None:
    """Visa målkedjan som ett träd från roten och nedåt, med planrepots egna nivåer.

    Poster utan koppling och kopplingar till id som inte finns listas sist.
    """
    from malstyrning.pipeline import ConfigError, run
    from malstyrning.tree import tree_lines

    root, _ = _resolve([path])
    try:
        result = run(root, use_cache=not no_cache)
    except ConfigError:
        _err("malstyrning: malstyrning.yaml behöver rättas; kör `malstyrning validate`.")
        raise typer.Exit(EXIT_ERROR) from None
    if organisation and organisation not in result.model.units:
        _err(f"malstyrning: organisationen {organisation} finns inte i registret.")
        raise typer.Exit(EXIT_ERROR)
    for line in tree_lines(result.model, result.settings, organisation):
        typer.echo(line)


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


@app.command()
def render(
    path: Annotated[Path, typer.Argument(help="Planrepot.", metavar="SÖKVÄG")] = Path("."),
    out: Annotated[Path, typer.Option("--out", help="Mapp som dokumenten skrivs till (en "
                                      "egen mapp: inte planrepot, inte roten i ett "
                                      "filsystem, ingen länk). Filer i mappen som "
                                      "malstyrning inte har skrivit lämnas orörda.",
                                      show_default=False)] = ...,  # type: ignore[assignment]
    render_format: Annotated[RenderFormat, typer.Option(
        "--format", "-f", help="html (fristående filer för utskrift och kallelser), md "
        "(Markdown för GitHub och GitLab), pdf (med försättsblad och innehållsförteckning; "
        "skrivs ut av Edge, Chrome eller Chromium) eller docx (Word).")] = RenderFormat.html,
    organisation: Annotated[str | None, typer.Option(
        "--organisation", "-o", metavar="KOD",
        help="Skapa bara en nämnds verksamhetsplan (t.ex. UBN), eller "
        "kommunens plan (KF).", show_default=False)] = None,
    period: Annotated[str | None, typer.Option(
        "--period", metavar="PERIOD",
        help="Bara planer vars period överlappar, t.ex. 2027 eller 2027–2029. "
        "Standard: planperioden i malstyrning.yaml.", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Skapa dokumenten trots fel (de "
                                        "får en varningsruta som listar felen), och skriv "
                                        "över filer i --out som malstyrning inte har "
                                        "skrivit.")] = False,
    templates: Annotated[Path | None, typer.Option(
        "--mallar", help="Mapp med egna mallar (undermappar html/ och md/). Standard: "
        "mallar/ i planrepot om den finns.", show_default=False)] = None,
    followup: Annotated[str | None, typer.Option(
        "--uppfoljning", metavar="KOD",
        help="Uppföljningen som dokumenten om måluppfyllelse gäller, t.ex. "
        "2027-helår eller 2027-delår ('ingen': inga sådana dokument). Standard: den senaste "
        "uppföljningen i planrepot.", show_default=False)] = None,
    compare: Annotated[str | None, typer.Option(
        "--jämför", "--jamfor", metavar="FRÅN",
        help="Lägg till dokumentet 'Ändringar sedan beslut': vad som har ändrats på "
        "målkedjans alla nivåer, i indikatorerna, styrdokumenten och ramarna sedan "
        "git-versionen FRÅN "
        "(en tagg som beslutad-2027 eller en commit), som i malstyrning diff.",
        show_default=False)] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", metavar="N", min=0,
        help="Antal processer som kontrollerar planen och skriver dokumenten (0 = "
        "automatiskt: två om datorn har minst två kärnor; dokumenten skrivs av två "
        "processer bara på Linux och i stora planrepon).")] = 0,
) -> None:
    """Skapa plandokument och dokument om måluppfyllelse som HTML, Markdown, PDF eller Word.

    Kontrollerar planen först: fel stoppar (felkod 1) om inte --force anges.
    Samma planfiler ger alltid byte-identiska dokument. Skriver bara i --out, allt
    eller inget: ett misslyckat försök lämnar de gamla dokumenten som de var.
    """
    from malstyrning.config import parse_period
    from malstyrning.output import Report, formats
    from malstyrning.pipeline import ChangedDuringRun, ConfigError, run
    from malstyrning.render import EarlyDocuments, FormatUnavailable, RenderOptions, blocking
    from malstyrning.render import render as render_documents
    from malstyrning.render.writer import OutputRefused, WriteFailed, check_out_folder

    root, _ = _resolve([path])
    try:
        check_out_folder(out, (root,))
    except OutputRefused as err:
        _err(f"malstyrning: {err}")
        raise typer.Exit(EXIT_ERROR) from None
    period_range = None
    if period is not None:
        period_range = parse_period(period.strip())
        if period_range is None:
            _err(f"malstyrning: --period {period} är inget år eller intervall. Skriv t.ex. "
                 "--period 2027 eller --period 2027–2029.")
            raise typer.Exit(EXIT_ERROR)
    if templates is not None and not templates.is_dir():
        _err(f"malstyrning: mallmappen {templates} finns inte.")
        raise typer.Exit(EXIT_ERROR)
    # the documents' second process may start as soon as the check has the model, and
    # ends with the command whatever happens (see render.EarlyDocuments)
    early = EarlyDocuments(RenderOptions(render_format.value, out, organisation, period_range,
                                         force, templates, followup, None, jobs or None))
    try:
        try:
            result = run(root, full=True, compact=True, jobs=jobs or None, on_model=early)
        except ConfigError as err:
            formats()["text"](Report(err.findings, root, 1, _source_reader(root)), sys.stderr)
            _err("malstyrning: malstyrning.yaml behöver rättas innan dokumenten kan skapas.")
            raise typer.Exit(EXIT_ERROR) from None
        configured = result.settings.appearance.get("mallar")
        if templates is None and configured and not (root / configured).is_dir():
            _err(f"malstyrning: mallmappen {configured} (utseende.mallar i malstyrning.yaml) "
                 "finns inte i planrepot.")
            raise typer.Exit(EXIT_ERROR)
        if organisation:
            unit = result.model.units.get(organisation)
            if unit is None:
                _err(f"malstyrning: organisationen {organisation} finns inte i registret.")
                raise typer.Exit(EXIT_ERROR)
            org_model = result.settings.organisation
            units = org_model.units
            if unit.level not in {org_model.top.kind, *(o.kind for o in units)}:
                level = org_model.by_kind(unit.level)
                what = level.indefinite if level is not None else f"en {unit.level}"
                per = " eller ".join(o.lower for o in units) or "nämnd"
                whose = " eller ".join(o.definite for o in units) or "nämnden"
                _err(f"malstyrning: {organisation} är {what}; dokumenten skapas per {per}. "
                     f"Ange {whose} som {organisation} hör till.")
                raise typer.Exit(EXIT_ERROR)
        if followup is not None:
            from malstyrning.render.results import UnknownFollowUp, choose_followup

            try:
                choose_followup(result.model, result.settings, followup)
            except UnknownFollowUp as err:
                _err(f"malstyrning: --uppfoljning {followup}: {err}")
                raise typer.Exit(EXIT_ERROR) from None
        errors = blocking(result.findings)
        if errors and not force:
            formats()["text"](Report(errors, root, len(result.files), _source_reader(root)),
                              sys.stderr)
            _err("malstyrning: planen har fel; inga dokument skapades. Rätta felen, eller kör "
                 "med --force för att skapa dokumenten ändå (med en varningsruta).")
            raise typer.Exit(EXIT_FINDINGS)
        changes = None
        if compare is not None:
            from malstyrning.diff import VersionError, between

            try:
                changes = between(root, compare)
            except VersionError as err:
                _err(f"malstyrning: --jämför {compare}: {err}")
                raise typer.Exit(EXIT_ERROR) from None
        options = RenderOptions(render_format.value, out, organisation, period_range, force,
                                templates, followup, changes, jobs or None)
        # Everything the render builds (the model, the documents' data, the templates) is
        # kept until the process ends, and has few cycles. The collector stays paused
        # until the documents are written (its first pass afterwards walked all of it),
        # and then it is moved to the oldest generation without a pass (freeze, then
        # unfreeze). At exit it is frozen: Python's last full collection, just before the
        # process ends, would walk it all again. Nothing else changes.
        import atexit
        import gc

        atexit.register(gc.freeze)
        collecting = gc.isenabled()
        gc.disable()
        try:
            outcome = render_documents(result, options, early)
        except (OutputRefused, WriteFailed, FormatUnavailable, ChangedDuringRun) as err:
            _err(f"malstyrning: {err}")
            raise typer.Exit(EXIT_ERROR) from None
        finally:
            gc.freeze()
            gc.unfreeze()
            if collecting:
                gc.enable()
        for warning in outcome.warnings:
            _err(f"malstyrning: varning: {warning}")
        if errors:
            _err(f"malstyrning: {len(errors)} fel i planen; dokumenten har en varningsruta som "
                 "listar dem.")
        for written in outcome.written:
            typer.echo(f"skrev {written}")
        total = len(outcome.written) + len(outcome.unchanged)
        typer.echo(f"{total} dokument i {out} ({len(outcome.written)} nya eller ändrade, "
                   f"{len(outcome.unchanged)} oförändrade).")
    finally:
        early.stop()


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


@app.command("diff")
def diff_command(
    from_rev: Annotated[str | None, typer.Argument(
        metavar="FRÅN", help="Versionen att jämföra från: en commit, gren eller tagg (t.ex. "
        "beslutad-2027). Standard: den senaste taggen.", show_default=False)] = None,
    to_rev: Annotated[str | None, typer.Argument(
        metavar="TILL", help="Versionen att jämföra till. Standard: arbetskopian (filerna "
        "som de ligger på disken).", show_default=False)] = None,
    path: Annotated[Path, typer.Option(
        "-C", "--planrepo", metavar="SÖKVÄG", help="Planrepot (standard: aktuell mapp).",
        show_default=False)] = Path("."),
    diff_format: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text, json eller md (Markdown).")] = DiffFormat.text,
) -> None:
    """Visa vad som har ändrats i planen mellan två versioner: det som står på
    målkedjans alla nivåer, indikatorer och styrdokument som lagts till, tagits bort,
    flyttats eller ändrats fält för fält, ramarna i tkr, och vad som bygger på ändrade
    mål (att granska).

    Läser versionerna ur git utan att checka ut något. Felkod 0 = jämförelsen gjordes
    (med eller utan ändringar), 2 = en version gick inte att läsa.
    """
    from malstyrning.diffcli import run_diff

    root, _ = _resolve([path])
    try:
        output, notes = run_diff(root, from_rev, to_rev, diff_format.value)
    except ValueError as err:
        _err(f"malstyrning: {err}")
        raise typer.Exit(EXIT_ERROR) from None
    for note in notes:
        _err(f"malstyrning: {note}")
    sys.stdout.write(output)


app.add_typer(kolada_app, name="kolada")


def _tree_for(argv: list[str]) -> typer.Typer:
    """The command tree to build for ``argv``: only the sub-command asked for when it is
    one of the top-level commands (building typer's tree reads every command's signature
    and annotations, a sixth of a warm run), else the whole tree (help, usage errors with
    suggestions, the ``kolada`` group and shell completion see every command)."""
    import copy

    if any(key.startswith("_MALSTYRNING") and key.endswith("_COMPLETE") for key in os.environ):
        return app
    # the top-level options are flags only: the first other word is the command
    word = next((a for a in argv[1:] if not a.startswith("-")), None)
    keep = [info for info in app.registered_commands
            if word is not None and (info.name or typer.main.get_command_name(
                info.callback.__name__ if info.callback else "")) == word]
    if not keep:
        return app
    only = copy.copy(app)
    only.registered_commands = keep
    only.registered_groups = []
    return only


def main() -> None:
    """Console entry point: Swedish help and usage errors; exit 2 with a short message
    on unexpected errors."""
    debug = "--debug" in sys.argv
    for stream in (sys.stdout, sys.stderr):
        # A Windows console or pipe in a legacy code page cannot show every symbol
        # (✔ ◐ →); show a replacement character rather than fail.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    from malstyrning import limits

    limits.ENFORCE_MEMORY_LIMIT = True
    try:
        from malstyrning.cliusage import localize

        command = localize(typer.main.get_command(_tree_for(sys.argv)))
        code = command.main(prog_name="malstyrning", standalone_mode=False)
    except SystemExit:
        raise
    except MemoryError:
        _err("malstyrning: körningen nådde minnesgränsen och avbröts. Gränsen sätts med "
             "`gränser: {max_minne_mb: …}` i malstyrning.yaml (standard 8 192 MB); kontrollera "
             "först att du kör i rätt mapp och att inga filer är orimligt stora.")
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        _err("malstyrning: avbrutet.")
        sys.exit(EXIT_ERROR)
    except Exception as err:
        from malstyrning.cliusage import describe, is_usage_error

        if is_usage_error(err):
            _err(describe(err))
            sys.exit(EXIT_ERROR)
        if type(err).__name__ == "Abort":
            _err("malstyrning: avbrutet.")
            sys.exit(EXIT_ERROR)
        if debug:
            import traceback

            traceback.print_exc()
            sys.exit(EXIT_ERROR)
        _err(f"malstyrning: internt fel ({type(err).__name__}: {err}). Kör igen med --debug "
             "för detaljer och rapportera gärna felet.")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
