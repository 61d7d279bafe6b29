"""``flask --app wsgi search ...``: rebuild, drain the outbox, check the index against the database."""

from __future__ import annotations

import signal
import time
from dataclasses import dataclass, field
from types import FrameType

import click
from flask import current_app
from flask.cli import AppGroup
from sqlmodel import Session

from catalogue.cli import progress_bar, require_schema
from catalogue.db import get_engine
from catalogue.indexing import BATCH, Indexer, all_documents

search_cli = AppGroup("search", help="Search index commands.")


def _indexer() -> Indexer:
    require_schema()
    return current_app.extensions["search_indexer"]


@search_cli.command("reindex", help="Rebuild the index from the database, then switch to it atomically.")
def reindex_command() -> None:
    indexer = _indexer()
    started = time.perf_counter()
    with progress_bar() as progress:
        counts = indexer.reindex(progress)
    click.echo(f"Reindexed {counts['products']} products and {counts['factories']} factories "
               f"in {time.perf_counter() - started:.1f} s.")


@search_cli.command("drain", help="Apply pending outbox rows to the index (the indexer worker).")
@click.option("--once", is_flag=True, help="Apply what is pending, then exit.")
@click.option("--interval", type=click.FloatRange(min=0.05), default=0.5, show_default=True,
              help="Seconds between polls when idle.")
@click.option("--batch", type=click.IntRange(min=1, max=10000), default=BATCH, show_default=True,
              help="Outbox rows applied per index commit.")
def drain_command(once: bool, interval: float, batch: int) -> None:
    indexer = _indexer()
    stopping = False

    def stop(_signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        applied = indexer.drain(batch=batch)
        if applied:
            click.echo(f"applied {applied} outbox rows")
        if once or stopping:
            return
        time.sleep(interval)


@dataclass
class Drift:
    """Differences between the database and the index of one entity."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def compare(expected: dict[str, str], stored: dict[str, str]) -> Drift:
    """Which documents are missing from, stale in or extra in the index."""
    return Drift(
        missing=sorted(set(expected) - set(stored), key=_numeric),
        stale=sorted((i for i in expected if i in stored and stored[i] != expected[i]), key=_numeric),
        extra=sorted(set(stored) - set(expected), key=_numeric),
    )


def _numeric(value: str) -> tuple[int, str]:
    return (int(value), value) if value.isdigit() else (0, value)


@search_cli.command("check", help="List documents missing, stale or extra in the index; exit 1 on drift.")
@click.option("--repair", is_flag=True, help="Index what is missing or stale and delete what is extra.")
def check_command(repair: bool) -> None:
    indexer = _indexer()
    with Session(get_engine()) as session:
        product_docs, factory_docs = all_documents(session)
        expected = {"products": {d.id: d for d in product_docs}, "factories": {d.id: d for d in factory_docs}}
    drifted = False
    for entity, docs in expected.items():
        drift = compare({i: d.version for i, d in docs.items()}, indexer.backend.stored_versions(entity))
        for kind in ("missing", "stale", "extra"):
            ids = getattr(drift, kind)
            if ids:
                shown = ", ".join(ids[:20]) + (f" … (+{len(ids) - 20})" if len(ids) > 20 else "")
                click.echo(f"{entity}: {len(ids)} {kind}: {shown}")
        if drift.empty:
            click.echo(f"{entity}: {len(docs)} documents, in sync")
            continue
        drifted = True
        if repair:
            indexer.backend.index(entity, [docs[i] for i in drift.missing + drift.stale])
            indexer.backend.delete(entity, drift.extra)
            click.echo(f"{entity}: repaired")
    if drifted and not repair:
        raise SystemExit(1)
