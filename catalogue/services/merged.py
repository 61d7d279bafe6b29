"""Where a merged factory's old address leads: the factory it was merged into, followed to the end.

A factory merged twice (A into B, then B into C) sends its visitors straight to C. The address
redirects only when that last survivor is public; otherwise there is nothing to show and the
old address answers 404 like any unpublished entry.
"""

from __future__ import annotations

from sqlmodel import Session

from catalogue.models import Factory, Status

#: Longer chains cannot arise from the merge service; the bound only guards against a cycle.
MAX_HOPS = 50


def published_survivor(session: Session, factory_id: int) -> Factory | None:
    """The published factory that ``factory_id`` was (perhaps indirectly) merged into, or None."""
    factory = session.get(Factory, factory_id)
    seen: set[int] = set()
    while factory is not None and factory.merged_into_id is not None and len(seen) < MAX_HOPS:
        if factory.merged_into_id in seen:
            return None
        seen.add(factory.id)  # type: ignore[arg-type]
        factory = session.get(Factory, factory.merged_into_id)
    if factory is None or not seen or factory.merged_into_id is not None or factory.status != Status.published:
        return None
    return factory
