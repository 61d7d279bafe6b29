"""Merges of duplicate factory entries, kept so that an official can see and undo them.

The merged factory is not deleted: it stays (archived, ``merged_into_id`` set) so that its old
URL keeps redirecting to the survivor and an undo can bring it back exactly as it was. What the
merge moved is recorded by row id in ``moved``, never recomputed, so an undo returns those rows
and only those, even after other products or pictures were added to the survivor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlmodel import Field, SQLModel

from catalogue.models.types import JSONType, utcnow


class FactoryMerge(SQLModel, table=True):
    """One merge of ``merged_id`` into ``survivor_id``, and its undo if there was one.

    ``moved`` holds: ``products`` (ids), ``images`` (factory image links as ``[id, old position]``),
    ``audit`` (ids of the merged factory's audit entries now shown on the survivor), ``fields``
    (survivor fields the merge filled in: name -> ``[before, after]``), ``merged_status`` (the
    merged factory's status before it was archived).
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    survivor_id: int = Field(foreign_key="factory.id", index=True)
    merged_id: int = Field(foreign_key="factory.id", index=True)
    #: The prefecture both factories belonged to at the time, for the prefecture's list of merges.
    prefecture_id: int = Field(foreign_key="prefecture.id", index=True)
    merged_at: datetime = Field(default_factory=utcnow, index=True)
    merged_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    undone_at: Optional[datetime] = None
    undone_by_id: Optional[int] = Field(default=None, foreign_key="user.id")
    moved: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
