"""Configuration from environment variables, with defaults that are safe on a laptop.

Every key is documented in the README's configuration table. Nothing secret is a constant in the
repository: a missing ``SECRET_KEY`` is generated once and kept in the instance folder, so sessions
survive restarts and every worker of one deployment shares it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, Mapping

SEARCH_BACKENDS = ("embedded", "elasticsearch")


def _instance_secret(instance_path: Path) -> str:
    """Read the instance's secret key, creating it (mode 0600) on first use."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="ascii").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two workers starting together must not overwrite each other's key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


def load_config(
    instance_path: Path, overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Build the application configuration from ``environ`` (default: the process environment).

    ``overrides`` (what ``create_app(config)`` was given) win over the environment and are
    consulted first so that, for instance, a test's own ``SECRET_KEY`` creates no key file.

    Raises:
        ValueError: ``SEARCH_BACKEND`` names an engine we do not have.
    """
    env = dict(os.environ if environ is None else environ)
    env.update({key: str(value) for key, value in (overrides or {}).items() if isinstance(value, (str, Path))})
    backend = env.get("SEARCH_BACKEND", "embedded").strip().lower()
    if backend not in SEARCH_BACKENDS:
        raise ValueError(f"SEARCH_BACKEND={backend!r} is not one of {', '.join(SEARCH_BACKENDS)}")
    return {
        "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'catalogue.sqlite3'}",
        "SEARCH_BACKEND": backend,
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(instance_path / "search-index"),
        "ELASTICSEARCH_URL": env.get("ELASTICSEARCH_URL") or None,
        "ELASTICSEARCH_INDEX_PREFIX": env.get("ELASTICSEARCH_INDEX_PREFIX", "sichuan-source"),
        "ELASTICSEARCH_MAX_RETRIES": int(env.get("ELASTICSEARCH_MAX_RETRIES") or 3),
        "ELASTICSEARCH_TIMEOUT": float(env.get("ELASTICSEARCH_TIMEOUT") or 10),
        "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(instance_path / "media"),
        "SECRET_KEY": env.get("SECRET_KEY") or _instance_secret(instance_path),
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("SESSION_COOKIE_SECURE", "").lower() in {"1", "true", "yes"},
    }
