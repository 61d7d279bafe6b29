"""A fresh, isolated catalogue for a benchmark: temporary SQLite file, index and media folder."""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from flask import Flask

from catalogue import create_app
from catalogue.db import get_engine, session_scope, upgrade
from seed.loader import SeedReport, load_categories, load_prefectures


@contextmanager
def isolated_app(directory: Path | None = None) -> Iterator[Flask]:
    """An app on an empty, migrated SQLite database with the reference data (prefectures,
    categories) loaded, in ``directory`` or a temporary one that is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="sichuan-source-bench-") as temporary:
        root = Path(directory or temporary)
        url = f"sqlite:///{root / 'catalogue.sqlite3'}"
        upgrade(url)
        app = create_app({
            "DATABASE_URL": url, "SEARCH_BACKEND": "embedded", "SEARCH_INDEX_DIR": str(root / "index"),
            "MEDIA_ROOT": str(root / "media"), "SECRET_KEY": "benchmark",
        })
        with app.app_context(), session_scope(app) as session:
            report = SeedReport()
            load_prefectures(session, report)
            load_categories(session, report)
        try:
            yield app
        finally:
            app.extensions["search"].backend.close()
            get_engine(app).dispose()
