"""Sichuan Source: the Flask application factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from catalogue.config import load_config


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the application.

    Args:
        config: settings that override the environment (tests pass a temporary database and
            index here); keys as in the README's configuration table.
    """
    app = Flask(__name__, instance_relative_config=True)
    overrides = dict(config or {})
    app.config.from_mapping(load_config(Path(app.instance_path), overrides))
    app.config.update(overrides)

    from catalogue import cli, db, localization, media_routes, outbox, search_setup, site, templating, vocabulary
    from catalogue import auth, curation
    from catalogue.public import bp as public_bp
    from catalogue.api import bp as api_bp

    outbox.install()
    db.init_app(app)
    localization.init_app(app)
    templating.init_app(app)
    vocabulary.init_app(app)
    search_setup.init_app(app)
    site.init_app(app)
    cli.init_app(app)
    auth.init_app(app)
    curation.init_app(app)
    app.register_blueprint(public_bp)
    app.register_blueprint(media_routes.bp)
    app.register_blueprint(api_bp)
    return app
