"""Tables that only curation needs: login attempts for the rate limiter, uploaded import lists.

Login attempts are kept in the database rather than in process memory because the site runs as
several gunicorn workers (and sometimes several machines): a limiter per process would multiply
the allowed guesses by the number of workers and forget them on every restart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from catalogue.models.types import JSONType, utcnow


class LoginAttempt(SQLModel, table=True):
    """One sign-in attempt: the account it named, the client it came from, and whether it succeeded."""

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    #: The e-mail address as typed (normalised), whether or not such an account exists.
    account: str = Field(max_length=254, index=True)
    #: The client's address as the WSGI server saw it (behind a proxy: configure ProxyFix).
    client: str = Field(max_length=64, index=True)
    succeeded: bool = False


class ImportRun(SQLModel, table=True):
    """One uploaded list (清单) of factories or products: its file, its check and, once committed, its outcome.

    The file is kept so that committing writes exactly the file that was checked (no second
    upload that might differ), and so that the report can always be traced back to its source.
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    user_id: Optional[int] = Field(default=None, foreign_key="user.id", index=True)
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    #: ``factories`` or ``products``.
    kind: str = Field(max_length=20)
    filename: str = Field(max_length=255)
    content: bytes = Field(sa_type=LargeBinary)
    #: Write nothing at all when any row has an error.
    all_or_nothing: bool = True
    #: ``checked`` (dry run done), ``committed``, or ``refused`` (all-or-nothing with errors).
    state: str = Field(default="checked", max_length=20)
    committed_at: Optional[datetime] = None
    #: Counts and per-row findings of the last check or commit (see catalogue.curation.imports).
    report: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
