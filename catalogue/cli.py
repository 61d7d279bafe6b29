"""Data commands: ``seed`` and ``stats``. (Schema commands live in :mod:`catalogue.db`.)"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from catalogue.db import SchemaOutOfDate, ensure_schema, session_scope
from catalogue.services.browse import catalogue_counts


def require_schema() -> None:
    """Stop a data command with the upgrade command's name if the schema is behind."""
    try:
        ensure_schema(current_app)
    except SchemaOutOfDate as error:
        raise click.ClickException(str(error)) from None


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar with one line per stage; the callback is ``(stage, done, total)``."""
    with Progress(TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  disable=not enabled, transient=False) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


@click.command("seed", help="Load the sample catalogue (idempotent), or add synthetic products for benchmarks.")
@click.option("--synthetic", "synthetic", type=click.IntRange(min=1), default=None,
              help="Add N deterministic synthetic products (for benchmarks) instead of the sample catalogue.")
@click.option("--no-index", is_flag=True, help="Do not update the search index afterwards.")
@with_appcontext
def seed_command(synthetic: int | None, no_index: bool) -> None:
    require_schema()
    started = time.perf_counter()
    with progress_bar() as progress, session_scope() as session:
        if synthetic is None:
            from seed.loader import load_sample

            report = load_sample(session, Path(current_app.config["MEDIA_ROOT"]), progress)
        else:
            from seed.synthetic import add_synthetic

            report = add_synthetic(session, synthetic, progress)
    if not no_index and report.changed:
        indexer = current_app.extensions["search_indexer"]
        with progress_bar() as progress:
            # Tens of thousands of new rows are cheaper to index by one rebuild than row by row:
            # a drain refreshes each touched factory's summary document once per batch.
            if synthetic is not None:
                indexer.reindex(progress)
            else:
                indexer.drain(progress)
    elapsed = time.perf_counter() - started
    if report.changed:
        click.echo(f"Seeded in {elapsed:.1f} s. Created: {report.created or 'nothing'}. Updated: {report.updated or 'nothing'}.")
    else:
        click.echo(f"The catalogue already holds the sample data; nothing changed ({elapsed:.1f} s).")


@click.command("stats", help="Print catalogue counts.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object on standard output.")
@with_appcontext
def stats_command(as_json: bool) -> None:
    require_schema()
    with session_scope() as session:
        counts = catalogue_counts(session)
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, sort_keys=True))
        return
    for key, value in counts.items():
        click.echo(f"{key:<12} {value}")


def init_app(app: Flask) -> None:
    """Register the data commands."""
    app.cli.add_command(seed_command)
    app.cli.add_command(stats_command)
    from catalogue.search_cli import search_cli

    app.cli.add_command(search_cli)
