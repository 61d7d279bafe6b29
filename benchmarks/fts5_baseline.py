"""A SQLite FTS5 baseline for the latency benchmark: what plain full-text search costs.

One FTS5 table holds every product's names and descriptions in all languages (trigram
tokenizer, so Chinese substrings match too) and its facet codes as space-separated tokens.
A request runs the text match with the filters, then one GROUP BY count per facet: the same
work the search service does, without language analysis, ranking refinements or disjunction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from search.documents import ProductDocument

FACETS = ("theme", "prefecture", "belt", "category", "capability", "certification", "export_market", "material")


def _codes(doc: ProductDocument) -> dict[str, str]:
    return {
        "theme": " ".join(doc.themes), "prefecture": doc.prefecture, "belt": doc.belt or "",
        "category": " ".join(doc.category_path), "capability": " ".join(doc.capabilities),
        "certification": " ".join(doc.certifications), "export_market": " ".join(doc.export_markets),
        "material": " ".join(doc.materials),
    }


class Fts5Baseline:
    """An FTS5 index of product documents in a SQLite file."""

    def __init__(self, path: Path, docs: Iterable[ProductDocument]) -> None:
        self.db = sqlite3.connect(path)
        columns = ", ".join(f"{name} UNINDEXED" for name in FACETS)
        self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5(body, {columns}, tokenize='trigram')")
        self.db.executemany(
            f"INSERT INTO docs(rowid, body, {', '.join(FACETS)}) VALUES (?, ?, {', '.join('?' * len(FACETS))})",
            ((int(d.id), " ".join([*d.name.values(), *d.description.values()]), *_codes(d).values()) for d in docs),
        )
        self.db.commit()

    def search(self, text: str, filters: Mapping[str, Sequence[str]], limit: int = 20) -> tuple[list[int], int]:
        """Ids of the first page, and how many facet count queries ran."""
        where, params = ["docs MATCH ?"], ['"' + text.replace('"', "") + '"']
        for facet, values in filters.items():
            where.append("(" + " OR ".join(f"(' ' || {facet} || ' ') LIKE ?" for _ in values) + ")")
            params.extend(f"% {value} %" for value in values)
        clause = " AND ".join(where)
        ids = [row[0] for row in self.db.execute(
            f"SELECT rowid FROM docs WHERE {clause} ORDER BY rank LIMIT ?", [*params, limit])]
        for facet in FACETS:
            self.db.execute(f"SELECT {facet}, count(*) FROM docs WHERE {clause} GROUP BY {facet}", params).fetchall()
        return ids, len(FACETS)

    def close(self) -> None:
        self.db.close()
