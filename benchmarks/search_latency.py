"""Search latency at scale: ``python -m benchmarks.search_latency --products 100000``.

Builds a synthetic catalogue of that size with the seed generator (the sample catalogue, then
``seed --synthetic``), indexes it, and times in one run on the same data:

* the search service (what pages and the API call): text + 3 filters + every facet, over a mix
  of queries in several languages;
* the floor: for the same requests, only the Tantivy calls the backend makes (the compiled
  query's search and the facet aggregation), without analysis, planning or result shaping;
* a SQLite FTS5 baseline doing comparable work (text match, filters, a count per facet);
* suggestions while typing, and indexing throughput (documents per second into a fresh index).

Prints a table, then one line:
``p50_ms=.. p95_ms=.. p99_ms=.. floor_p95_ms=.. fts5_p95_ms=.. suggest_p95_ms=.. index_docs_per_s=..``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Sequence

from benchmarks.catalogue_fixture import isolated_app
from benchmarks.fts5_baseline import Fts5Baseline
from catalogue.db import session_scope
from catalogue.indexing import all_documents
from catalogue.models import Product
from sqlmodel import func, select
from search.query import SearchRequest, build_request
from seed.loader import load_sample
from seed.synthetic import add_synthetic

QUERIES = [
    ("bamboo basket", "en"), ("silk lantern", "en"), ("lanterne en soie", "fr"), ("Bambus Schneidebrett", "de"),
    ("панда игрушка", "ru"), ("zigong denglong", "zh"), ("燈籠", "zh"), ("磷酸铁锂电池", "zh"), ("蜀锦", "zh"),
    ("tea brick", "en"), ("baijiu gift box", "en"), ("paraguas de papel", "es"), ("パンダ ぬいぐるみ", "ja"),
    ("대나무 바구니", "ko"), ("đèn lồng", "vi"), ("فانوس", "ar"), ("lacquer bowl", "en"), ("embroidery", "en"),
    ("solar panel", "en"), ("Teekanne", "de"), ("écharpe en soie", "fr"), ("熊猫公仔", "zh"), ("lantren", "en"),
    ("xiongmao", "zh"),
]
FILTER_SETS = [
    {"capability": ["OEM"], "export_market": ["US", "DE"], "theme": ["bamboo", "panda", "lantern"]},
    {"prefecture": ["chengdu", "zigong", "yibin"], "capability": ["ODM"], "certification": ["iso-9001", "ce"]},
    {"capability": ["OEM", "ODM"], "export_market": ["JP", "FR", "US"], "category": ["crafts", "gifts-toys"]},
    {"theme": ["intangible-heritage", "bashu"], "capability": ["OEM"], "export_market": ["DE", "GB", "US"]},
]
PREFIXES = [("b", "en"), ("bam", "en"), ("lant", "en"), ("silk s", "en"), ("竹", "zh"), ("熊猫", "zh"),
            ("zhu", "zh"), ("xiongm", "zh"), ("燈", "zh"), ("lanter", "fr"), ("Bam", "de"), ("пан", "ru"),
            ("te", "en"), ("por", "en"), ("バン", "ja"), ("tra", "vi")]


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(fraction * len(ordered) + 0.5)) - 1))]


def timed(call: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def requests(count: int) -> list[SearchRequest]:
    """A realistic, deterministic mix: each query with each filter set, round-robin."""
    rng = random.Random(11)
    pairs = [(q, f) for q in QUERIES for f in FILTER_SETS]
    rng.shuffle(pairs)
    return [build_request(text=text, locale=locale, filters=filters) for (text, locale), filters in
            (pairs[i % len(pairs)] for i in range(count))]


def floor_call(backend: Any, request: SearchRequest) -> Callable[[], Any]:
    """The engine work of one request on the Tantivy backend: the search and the facet aggregation
    the backend compiles for it (:meth:`TantivyBackend.compile`), built once, so that only
    Tantivy is timed."""
    plan = backend.analysis.plan(request.text, request.locale)
    live = backend._current(request.entity)  # the live index, as the backend's own search opens it
    searcher = live.index.searcher()
    compiled = backend.compile(live, searcher, request, plan)

    def run() -> None:
        searcher.search(compiled.query, request.offset + request.page_size)
        searcher.aggregate(compiled.base, compiled.aggregations)

    return run


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="Timed search requests per engine.")
    args = parser.parse_args(argv)
    with isolated_app() as app, tempfile.TemporaryDirectory() as scratch:
        with app.app_context(), session_scope(app) as session:
            load_sample(session, Path(app.config["MEDIA_ROOT"]), pictures=False)
        started = time.perf_counter()
        with app.app_context(), session_scope(app) as session:
            sample = session.exec(select(func.count()).select_from(Product)).one()
            add_synthetic(session, max(0, args.products - sample), lambda *_: None)
        synthetic_s = time.perf_counter() - started
        with app.app_context(), session_scope(app) as session:
            product_docs, _ = all_documents(session)
            docs = list(product_docs)
        backend = app.extensions["search"].backend
        started = time.perf_counter()
        indexed = backend.rebuild("products", docs)
        index_rate = indexed / (time.perf_counter() - started)
        service = app.extensions["search"]
        batch = requests(args.requests)
        for request in batch[:20]:
            service.search(request)  # warm caches (glossary, analyzers, segment readers)
        service_ms = [timed(lambda r=r: service.search(r), 1)[0] for r in batch]
        floors = [floor_call(backend, r) for r in batch]
        floor_ms = [timed(f, 1)[0] for f in floors]
        baseline = Fts5Baseline(Path(scratch) / "fts5.sqlite3", docs)
        fts_ms = [timed(lambda r=r: baseline.search(r.text, r.filters), 1)[0] for r in batch]
        baseline.close()
        suggest_ms = [t for _ in range(10) for prefix, locale in PREFIXES
                      for t in timed(lambda p=prefix, l=locale: service.suggest(p, l), 1)]
        totals = [service.search(r).total for r in batch[:50]]
    print(f"synthetic products added in {synthetic_s:.1f} s")
    print(f"catalogue: {indexed:,} products indexed at {index_rate:,.0f} docs/s; "
          f"{len(batch)} requests (text + 3 filters + all facets), median hits {statistics.median(totals):.0f}")
    print(f"{'what':<26}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for name, samples in [("search service", service_ms), ("tantivy floor", floor_ms),
                          ("sqlite fts5 baseline", fts_ms), ("suggest", suggest_ms)]:
        print(f"{name:<26}{percentile(samples, .5):>9.2f}{percentile(samples, .95):>9.2f}{percentile(samples, .99):>9.2f}")
    print(f"p50_ms={percentile(service_ms, .5):.2f} p95_ms={percentile(service_ms, .95):.2f} "
          f"p99_ms={percentile(service_ms, .99):.2f} floor_p95_ms={percentile(floor_ms, .95):.2f} "
          f"fts5_p95_ms={percentile(fts_ms, .95):.2f} suggest_p95_ms={percentile(suggest_ms, .95):.2f} "
          f"index_docs_per_s={index_rate:.0f}")


if __name__ == "__main__":
    main()
