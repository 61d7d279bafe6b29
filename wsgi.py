"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""

from catalogue import create_app

app = create_app()
