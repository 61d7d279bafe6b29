"""What an official decided about a likely duplicate of a bulk list (清单) row.

A row that matches an existing factory only by a similar name in the same county is not merged
automatically: the official says whether it is the same factory. The answer is kept per row key
(the row's normalised name, address and county) so that importing the same list again, or a
corrected version of it, applies the answer without asking twice.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Optional

from sqlmodel import Field, SQLModel, UniqueConstraint

from catalogue.models.types import enum_type, utcnow


class MatchVerdict(str, enum.Enum):
    """``confirmed``: the row is this factory (update it); ``rejected``: a different one (create a new entry)."""

    confirmed = "confirmed"
    rejected = "rejected"


class ImportMatchDecision(SQLModel, table=True):
    """One official's answer for one (row key, candidate factory) pair of a prefecture."""

    __table_args__ = (UniqueConstraint("prefecture_id", "row_key", "factory_id"),)

    id: Optional[int] = Field(default=None, primary_key=True)
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    #: SHA-256 of the row's normalised name, address and county (see catalogue.curation.imports.matches).
    row_key: str = Field(max_length=64, index=True)
    #: The row's name as the list wrote it, to show what a remembered decision is about.
    row_name: str = Field(max_length=255)
    factory_id: int = Field(foreign_key="factory.id", index=True)
    verdict: MatchVerdict = Field(sa_type=enum_type(MatchVerdict))
    user_id: Optional[int] = Field(default=None, foreign_key="user.id", index=True)
    decided_at: datetime = Field(default_factory=utcnow)
