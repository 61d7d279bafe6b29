"""CSV and XLSX exports of a search: every matching row (up to a limit), labels not codes, streamed.

Rows come in the search's own order (rank, or the chosen sort), past the 10,000 results that
pages reach: the search service hands over the hit ids in batches
(:meth:`search.service.SearchService.ranked_ids`), and each batch's entries are loaded in a fixed
number of queries, so memory stays flat for 50,000 rows.

Spreadsheet programs execute cells that start with ``= + - @`` (and tab or carriage return before
them): every text cell that could be read that way gets a leading apostrophe (OWASP's advice on CSV
injection), since names and descriptions are typed by many hands.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from flask_babel import gettext as _
from openpyxl import Workbook

from catalogue.api import presenters
from catalogue.models import Factory, Product
from catalogue.services.api_reads import Lookups
from catalogue.templating import country_name
from catalogue.vocabulary import concept_label, theme_label
from i18n.locales import RTL_LOCALES

BATCH = 100
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 (and so XLSX) cannot hold; openpyxl refuses them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Cell = str | int | float | None
Loader = Callable[[Sequence[str]], Iterable[Product | Factory]]


def neutralise(value: Cell) -> Cell:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def headers(entity: str) -> list[str]:
    """Column titles in the request's language."""
    if entity == "factories":
        return [_("ID"), _("Name"), _("Prefecture"), _("County"), _("Industrial belt"), _("Capabilities"),
                _("Minimum order quantity"), _("Lead time (days)"), _("Certifications"), _("Export markets"),
                _("Verified"), _("Page")]
    return [_("ID"), _("Name"), _("Factory"), _("Prefecture"), _("Category"), _("Themes"), _("Materials"),
            _("HS code"), _("Lowest price"), _("Highest price"), _("Currency"), _("Minimum order quantity"),
            _("Lead time (days)"), _("Page")]


def _label(texts: Mapping[str, str] | None, locale: str) -> str:
    picked = presenters.text(texts, locale)
    return picked.text if picked else ""


def _joined(labels: Iterable[str]) -> str:
    return "; ".join(labels)


def product_row(row: Product, found: Lookups, locale: str) -> list[Cell]:
    record = presenters.product(row, found, locale)
    maker = found.factories.get(row.factory_id)
    place = found.prefectures.get(maker.prefecture_id) if maker else None
    kind = found.categories.get(row.category_id) if row.category_id else None
    return [
        row.id, record.name.text if record.name else "", _label(maker.name if maker else None, locale),
        _label(place.name if place else None, locale), _label(kind.label if kind else None, locale),
        _joined(theme_label(t, locale) for t in row.themes),
        _joined(concept_label("materials", m, locale) for m in row.materials),
        row.hs_code, row.price_min, row.price_max, row.currency, row.moq, row.lead_time_days, record.url,
    ]


def factory_row(row: Factory, found: Lookups, locale: str) -> list[Cell]:
    record = presenters.factory(row, found, locale)
    place = found.prefectures.get(row.prefecture_id)
    cluster = found.belts.get(row.belt_id) if row.belt_id else None
    return [
        row.id, record.name.text if record.name else "", _label(place.name if place else None, locale),
        _label(row.county, locale), _label(cluster.name, locale) if record.belt and cluster else "",
        _joined(row.capabilities), row.moq, row.lead_time_days,
        _joined(concept_label("certifications", c, locale) for c in row.certifications),
        _joined(country_name(c) for c in row.export_markets),
        _("yes") if row.verification.value == "verified" else _("no"), record.url,
    ]


def csv_chunks(header: list[str], rows: Iterable[list[Cell]]) -> Iterator[str]:
    """CSV text, one chunk per row. A BOM first so spreadsheet programs read UTF-8 correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue()


def _xlsx_cell(value: Cell) -> Cell:
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
    return neutralise(value)


def xlsx_chunks(header: list[str], rows: Iterable[list[Cell]], locale: str, title: str,
                chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """An XLSX workbook built with openpyxl's write-only mode (rows go to disk as they come,
    never all in memory), then sent in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    if locale in RTL_LOCALES:
        sheet.sheet_view.rightToLeft = True
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    with tempfile.TemporaryFile() as spool:
        workbook.save(spool)
        spool.seek(0)
        while chunk := spool.read(chunk_size):
            yield chunk
