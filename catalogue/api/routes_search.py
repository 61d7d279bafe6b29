"""Search, suggestions and exports: the site's search service, answered as JSON, CSV or XLSX.

When the search engine fails (a cluster unreachable or answering errors), every operation here
answers a ``503`` problem of type ``search-unavailable`` instead of a server error; an export
runs its first search before the download starts, so that failure is a problem too, not a cut
file.
"""

from __future__ import annotations

from datetime import date
from itertools import chain
from typing import Any, Callable, Iterator, TypeVar

from flask import current_app, g, stream_with_context
from flask_babel import gettext as _
from spectree import Response as Responses
from werkzeug.wrappers import Response

from catalogue.api import bp, exports, presenters
from catalogue.api.openapi import spec
from catalogue.api.params import ExportQuery, SearchFilters, SearchQuery, SuggestQuery
from catalogue.api.problems import ProblemError
from catalogue.api.schemas import FacetValueOut, HighlightOut, SearchHitOut, SearchOut, SuggestionOut, SuggestOut
from catalogue.db import get_session
from catalogue.models import Factory, Product, Status
from catalogue.services import api_reads, browse
from search.backends.base import SearchBackendError
from search.query import DeepPagingError, SearchResult

T = TypeVar("T")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _loose(query: SearchFilters) -> dict[str, Any]:
    """The search service's loose input from a validated query."""
    return {"text": query.q, "locale": g.locale, "entity": query.entity, "filters": query.filters(),
            "moq_min": query.moq_min, "moq_max": query.moq_max, "price_min": query.price_min,
            "price_max": query.price_max, "sort": query.sort}


def _entries(entity: str, ids: list[str]) -> tuple[list[Product | Factory], api_reads.Lookups]:
    """The published entries behind hit ids, in rank order, and what their records point to."""
    session = get_session()
    numbers = [int(i) for i in ids if i.isdigit()]
    if entity == "factories":
        found = browse.factories_by_id(session, numbers)
        rows: list[Any] = [found[i] for i in numbers if i in found and found[i].status == Status.published]
        return rows, api_reads.lookups(session, factories_=rows)
    rows = browse.products_by_ids(session, numbers)
    return rows, api_reads.lookups(session, products_=rows)


def _answered(call: Callable[[], T]) -> T:
    """``call()``, with a failing search engine turned into a 503 problem (logged for operators)."""
    try:
        return call()
    except SearchBackendError as error:
        current_app.logger.warning("search unavailable: %s", error)
        raise ProblemError(503, "search-unavailable") from error


def _search(loose: dict[str, Any]) -> SearchResult:
    try:
        return _answered(lambda: current_app.extensions["search"].search(loose))
    except DeepPagingError as error:
        raise ProblemError(400, "page-too-deep") from error


@bp.get("/search")
@spec.validate(resp=Responses(HTTP_200=SearchOut), tags=["search"], operation_id="search")
def search(query: SearchQuery) -> SearchOut:
    """Search products or factories, with disjunctive facet counts (the site's search)."""
    result = _search({**_loose(query), "page": query.page, "page_size": query.per_page})
    rows, found = _entries(query.entity, list(result.ids))
    present = presenters.factory if query.entity == "factories" else presenters.product
    records = {str(row.id): present(row, found, g.locale) for row in rows}  # type: ignore[arg-type]
    return SearchOut(
        lang=g.locale, entity=query.entity, total=result.total, page=result.page, per_page=result.page_size,
        pages=result.pages, took_ms=round(result.took_ms, 3),
        hits=[SearchHitOut(id=hit.id, score=hit.score, entry=records.get(hit.id),
                           highlights=[HighlightOut(field=h.field, lang=h.locale, html=h.html) for h in hit.highlights])
              for hit in result.hits],
        facets={name: [FacetValueOut(code=c.code, count=c.count, path=list(c.path), selected=c.selected,
                                     label=c.label) for c in counts] for name, counts in result.facets.items()},
        did_you_mean=result.did_you_mean, suggestions=list(result.suggestions),
        related_themes=list(result.related_themes), messages=list(result.messages),
    )


@bp.get("/suggest")
@spec.validate(resp=Responses(HTTP_200=SuggestOut), tags=["search"], operation_id="suggest")
def suggest(query: SuggestQuery) -> SuggestOut:
    """Completions while typing: glossary concepts and entry names, in the requested language."""
    found = _answered(lambda: current_app.extensions["search"].suggest(query.q, g.locale, query.limit, query.entity))
    return SuggestOut(lang=g.locale, suggestions=[
        SuggestionOut(text=s.text, kind=s.kind, lang=s.locale, concept=s.concept, id=s.id, count=s.count)
        for s in found])


def _rows(query: ExportQuery) -> Iterator[list[exports.Cell]]:
    """The export's rows. The first batch of hits is fetched now, before the response starts, so
    that an unavailable engine is a 503 problem; later batches are fetched while streaming."""
    row = exports.factory_row if query.entity == "factories" else exports.product_row
    batches = _answered(lambda: current_app.extensions["search"].ranked_ids(_loose(query), query.limit,
                                                                           exports.BATCH))
    first = _answered(lambda: next(batches, None))

    def rows() -> Iterator[list[exports.Cell]]:
        if first is None:
            return
        for ids in chain([first], batches):
            entries, found = _entries(query.entity, ids)
            for entry in entries:
                yield row(entry, found, g.locale)  # type: ignore[arg-type]

    return rows()


def _download(query: ExportQuery, extension: str) -> dict[str, str]:
    name = f"sichuan-source-{query.entity}-{g.locale}-{date.today():%Y%m%d}.{extension}"
    return {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}


@bp.get("/search.csv")
@spec.validate(resp=Responses(HTTP_200=None), tags=["exports"], operation_id="export_csv")
def export_csv(query: ExportQuery) -> Response:
    """Every row of a search as CSV (UTF-8 with BOM), labels in the requested language, streamed.

    Up to 50,000 rows in rank order; past 10,000 matches the rows come grouped by prefecture.
    Text cells that a spreadsheet would run as a formula start with an apostrophe.
    """
    chunks = exports.csv_chunks(exports.headers(query.entity), _rows(query))
    return Response(stream_with_context(chunks), mimetype="text/csv", headers=_download(query, "csv"))


@bp.get("/search.xlsx")
@spec.validate(resp=Responses(HTTP_200=None), tags=["exports"], operation_id="export_xlsx")
def export_xlsx(query: ExportQuery) -> Response:
    """Every row of a search as an XLSX workbook (openpyxl write-only mode), streamed.

    The same rows and columns as the CSV export; right-to-left sheet for Arabic.
    """
    title = _("Factories") if query.entity == "factories" else _("Products")
    chunks = exports.xlsx_chunks(exports.headers(query.entity), _rows(query), g.locale, title)
    return Response(stream_with_context(chunks), mimetype=XLSX_MIMETYPE, headers=_download(query, "xlsx"))
