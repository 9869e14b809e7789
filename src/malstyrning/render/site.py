"""The whole set of documents: plan documents from :mod:`views`, måluppfyllelse
documents from :mod:`results`, put together for one render."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from malstyrning.config import Settings
from malstyrning.findings import Finding
from malstyrning.model import PlanModel
from malstyrning.render.cover import with_covers
from malstyrning.render.records import Document, FollowUpPeriodView, Site
from malstyrning.render.results import ResultsBuilder, choose_followup
from malstyrning.render.views import KF_LEVEL, SiteBuilder, select_period


def build_site(model: PlanModel, settings: Settings, findings: Sequence[Finding], *,
               headers: Mapping[str, Mapping[str, Any]] | None = None,
               period: tuple[int, int] | None = None, organisation: str | None = None,
               blocking: Sequence[Finding] = (),
               extra: Mapping[str, Any] | None = None, followup: str | None = None,
               changes: Any = None, ids: Sequence[str] | None = None) -> Site:
    """The documents' data for a whole plan repository (or one organisation's documents).

    ``headers`` maps a plan or follow-up file to its top-level keys (beslutad,
    beslutsinstans, kommentar); by default the model's. With ``period``, plans
    outside it are left out, and so are the findings in their files. ``followup``
    chooses the måluppfyllelse documents: a period (``2027-helår``), None for the latest
    period present, ``"ingen"`` for none (see :func:`results.choose_followup`, which
    raises :class:`results.UnknownFollowUp` for a period without follow-ups).
    ``changes`` (a :class:`malstyrning.diff.ModelDiff`) adds the document "Ändringar
    sedan beslut". In two steps, :func:`prepare_site` (all but the findings; ``ids`` as
    there) and :func:`finish_site`.
    """
    prepared = prepare_site(model, settings, headers=headers, period=period,
                            organisation=organisation, followup=followup, ids=ids)
    return finish_site(prepared, findings, blocking=blocking, extra=extra, changes=changes)


@dataclass(frozen=True)
class PreparedSite:
    """What :func:`prepare_site` builds: everything but what the findings decide."""

    builder: SiteBuilder
    dropped: frozenset[str]  # plan files outside the period
    organisation: str | None
    results: tuple[FollowUpPeriodView | None, list[Document]]


def prepare_site(model: PlanModel, settings: Settings, *,
                 headers: Mapping[str, Mapping[str, Any]] | None = None,
                 period: tuple[int, int] | None = None, organisation: str | None = None,
                 followup: str | None = None, ids: Sequence[str] | None = None
                 ) -> PreparedSite:
    """The part of :func:`build_site` that needs no findings (the indexes over the
    model, the activity documents, the follow-up documents): a render's helper process
    builds it while the check is still running (see :mod:`malstyrning.render.split`).
    ``ids``: the model's ids in natural order if known (ignored with ``period``)."""
    dropped: frozenset[str] = frozenset()
    if period is not None:
        selected = select_period(model, period)
        dropped = frozenset({p.file for p in model.plans} - {p.file for p in selected.plans})
        model = selected
    builder = SiteBuilder(model, settings, (), period,
                          model.headers if headers is None else headers,
                          ids if period is None else None)
    chosen = choose_followup(model, settings, followup, period or settings.period)
    results = (result_documents(builder, chosen, organisation) if chosen is not None
               else (None, []))
    return PreparedSite(builder, dropped, organisation, results)


def finish_site(prepared: PreparedSite, findings: Sequence[Finding], *,
                blocking: Sequence[Finding] = (), extra: Mapping[str, Any] | None = None,
                changes: Any = None) -> Site:
    """:func:`build_site` from what :func:`prepare_site` built, and the findings."""
    builder = prepared.builder
    builder.findings = [f for f in findings if f.file not in prepared.dropped]
    site = builder.site(organisation=prepared.organisation, blocking=blocking, extra=extra,
                        results=prepared.results)
    if changes is not None:
        from malstyrning.render.changes import STEM, changes_view

        view = changes_view(changes)
        site = replace(site, documents=(*site.documents, Document(
            "andringar", STEM, f"Ändringar sedan {view.before}", view.summary, view)))
    return with_covers(site, builder.settings, builder.headers)


def result_documents(site: SiteBuilder, followup: str, want: str | None
                     ) -> tuple[FollowUpPeriodView, list[Document]]:
    """The måluppfyllelse documents of ``followup``: the kommun's, then each nämnd's."""
    results = ResultsBuilder(site, followup)
    docs = []
    if want is None or want == KF_LEVEL or (
            want in site.model.units and site.model.units[want].level == KF_LEVEL):
        view = results.kommun()
        docs.append(Document(
            "maluppfyllelse", results.stem(), results.view.title,
            f"{view.summary.headline}; varje {site.levels.direction.name.lower()} och "
            f"{site.levels.goal.name.lower()} med bedömning och beräknat förslag.", view))
    for org in site.namnder:
        if want is not None and org != want:
            continue
        namnd = results.namnd(org)
        docs.append(Document(
            "maluppfyllelse_namnd", results.stem(org),
            f"{results.view.title} – {namnd.name}",
            f"{namnd.summary.headline}; indikatorer, analys och "
            f"{site.levels.activity.plural.lower()}.", namnd))
    return results.view, docs
