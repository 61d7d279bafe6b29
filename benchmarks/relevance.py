"""Relevance on a judged set: ``python -m benchmarks.relevance --corpus FILE --queries FILE``.

The corpus is loaded into a fresh, isolated catalogue through the project's import path
(:mod:`catalogue.services.records`, the path spreadsheet imports take), indexed by the indexer,
and every query runs through the search service the pages and the API use. Prints a table by
kind and by language, then one line: ``nDCG@10=... recall@10=... MRR=...``.
See ../shared/relevance/README.md for the format.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any, Iterable, Sequence

from flask import Flask

from benchmarks.catalogue_fixture import isolated_app
from catalogue.db import session_scope
from catalogue.models import Status
from catalogue.services.records import upsert_factories, upsert_products

K = 10


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_rows(records: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Factory rows and product rows, in the import path's shape. ``_tags`` are never imported."""
    factories: dict[str, dict[str, Any]] = {}
    products = []
    for record in records:
        factory = record["factory"]
        factories.setdefault(factory["id"], {
            "external_ref": f"relevance:{factory['id']}", "name": factory["name"],
            "prefecture": factory["prefecture"], "capabilities": factory.get("capabilities", []),
            "certifications": factory.get("certifications", []),
            "export_markets": factory.get("export_markets", []), "status": Status.published,
        })
        price = record.get("price") or {}
        products.append({
            "external_ref": record["id"], "factory": f"relevance:{factory['id']}",
            "name": record.get("name", {}), "description": record.get("description", {}),
            "themes": record.get("themes", []), "moq": record.get("moq"),
            "price_min": price.get("min"), "price_max": price.get("max"), "currency": price.get("currency"),
            "status": Status.published,
        })
    return list(factories.values()), products


def load_corpus(app: Flask, records: Sequence[dict[str, Any]]) -> dict[int, str]:
    """Import the corpus and index it; return catalogue id -> corpus id.

    Raises:
        ValueError: a record was refused by validation (the message lists the row errors).
    """
    factory_rows, product_rows = corpus_rows(records)
    with app.app_context(), session_scope(app) as session:
        factories = upsert_factories(session, factory_rows, default_status=Status.published)
        products = upsert_products(session, product_rows, factories.ids, default_status=Status.published)
        errors = factories.errors + products.errors
        if errors:
            raise ValueError("corpus rows refused: " + "; ".join(e.message for e in errors[:10]))
        mapping = {catalogue_id: corpus_id for corpus_id, catalogue_id in products.ids.items()}
    app.extensions["search_indexer"].drain()
    return mapping


def dcg(gains: Iterable[int]) -> float:
    """Discounted cumulative gain with gain 2^grade - 1 and a log2 discount."""
    return sum((2 ** grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(gains))


def score(returned: Sequence[str], relevant: dict[str, int]) -> dict[str, float]:
    """nDCG@10, recall@10 and reciprocal rank of one query."""
    top = list(returned[:K])
    ideal = dcg(sorted(relevant.values(), reverse=True)[:K])
    found = [doc for doc in top if doc in relevant]
    first = next((rank for rank, doc in enumerate(top, start=1) if doc in relevant), None)
    return {
        "ndcg": dcg(relevant.get(doc, 0) for doc in top) / ideal if ideal else 0.0,
        "recall": len(found) / len(relevant) if relevant else 0.0,
        "mrr": 1 / first if first else 0.0,
    }


def run_queries(app: Flask, queries: Sequence[dict[str, Any]], ids: dict[int, str]) -> list[dict[str, Any]]:
    """Every query through the search service; each result scored."""
    service = app.extensions["search"]
    results = []
    with app.app_context():
        for query in queries:
            result = service.search({"text": query["text"], "locale": query["lang"], "filters": query.get("filters", {}),
                                     "page_size": K, "facets": ()})
            returned = [ids.get(int(hit), hit) for hit in result.ids if hit.isdigit()]
            results.append({**query, "returned": returned, **score(returned, query["relevant"])})
    return results


def table(results: Sequence[dict[str, Any]], key: str) -> list[str]:
    """Rows of the per-``key`` table."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        groups[result[key]].append(result)
    lines = [f"{key:<14} {'n':>4} {'nDCG@10':>8} {'recall@10':>10} {'MRR':>6}"]
    for name in sorted(groups):
        rows = groups[name]
        lines.append(f"{name:<14} {len(rows):>4} {mean(r['ndcg'] for r in rows):>8.3f} "
                     f"{mean(r['recall'] for r in rows):>10.3f} {mean(r['mrr'] for r in rows):>6.3f}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--show-misses", action="store_true", help="List queries with nDCG@10 below 0.5.")
    args = parser.parse_args(argv)
    corpus, queries = read_jsonl(args.corpus), read_jsonl(args.queries)
    with isolated_app() as app:
        ids = load_corpus(app, corpus)
        results = run_queries(app, queries, ids)
    print("\n".join(table(results, "kind")))
    print()
    print("\n".join(table(results, "lang")))
    if args.show_misses:
        print()
        for result in results:
            if result["ndcg"] < 0.5:
                print(f"{result['id']} [{result['kind']}/{result['lang']}] {result['text']!r} "
                      f"nDCG={result['ndcg']:.2f} got {result['returned'][:5]} want {sorted(result['relevant'])[:5]}")
    print()
    print(f"nDCG@10={mean(r['ndcg'] for r in results):.3f} recall@10={mean(r['recall'] for r in results):.3f} "
          f"MRR={mean(r['mrr'] for r in results):.3f}")


if __name__ == "__main__":
    main()
