"""Image galleries of products and factories: upload, reorder, delete, alt text per language.

Every upload goes through :func:`catalogue.images.store_image` (format, size, pixel and content
checks, EXIF orientation, metadata stripped, content-addressed storage). A gallery change touches
the entry's ``updated_at`` so the outbox hook re-indexes it (the first picture is on the search
card) but not its ``version``: adding a photo must not turn a colleague's open text edit stale.
Images themselves are kept when unlinked; the same content may be linked elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select
from werkzeug.exceptions import NotFound

from catalogue.curation import audit
from catalogue.curation.editing import load
from catalogue.curation.kinds import Kind
from catalogue.curation.permissions import Actor
from catalogue.images import store_image
from catalogue.models import FactoryImage, Image, ProductImage
from catalogue.models.types import clean_localized, utcnow

LINKS: dict[str, tuple[type, str]] = {"products": (ProductImage, "product_id"), "factories": (FactoryImage, "factory_id")}


class AlreadyInGallery(Exception):
    """The same picture (same cleaned content) is already in this gallery."""


def images(session: Session, kind: Kind, entry_id: int) -> list[tuple[Any, Image]]:
    """``(link, image)`` pairs of an entry's gallery, in order."""
    link_model, key = LINKS[kind.name]
    statement = (select(link_model, Image).join(Image, col(link_model.image_id) == col(Image.id))
                 .where(getattr(link_model, key) == entry_id).order_by(link_model.position, link_model.id))
    return [(link, image) for link, image in session.exec(statement)]


def _order(session: Session, kind: Kind, entry_id: int) -> list[str]:
    return [image.sha256[:12] for _link, image in images(session, kind, entry_id)]


def _touch(session: Session, entry: Any, user_id: int, kind: Kind, before: list[str], action: str,
           extra: dict[str, list[Any]] | None = None) -> None:
    session.flush()
    changes = dict(extra or {})
    after = _order(session, kind, entry.id)
    if before != after:
        changes["images"] = [before, after]
    entry.updated_at = utcnow()
    audit.record(session, user_id, kind.entity, entry.id, action, changes)
    session.flush()


def add(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, data: bytes, filename: str,
        media_root: Path) -> Any:
    """Store an uploaded picture and append it to the gallery.

    Raises:
        NotFound, Forbidden: no such entry, or not the actor's (checked before the bytes are decoded).
        ImageRejected: not an acceptable image.
        AlreadyInGallery: this picture is already shown.
    """
    entry = load(session, actor, kind, entry_id, lock=True)
    stored = store_image(data, media_root, filename)
    image = session.exec(select(Image).where(Image.sha256 == stored.sha256)).first()
    if image is None:
        image = Image(sha256=stored.sha256, format=stored.format, width=stored.width, height=stored.height,
                      size_bytes=stored.size_bytes)
        session.add(image)
        session.flush()
    link_model, key = LINKS[kind.name]
    gallery = images(session, kind, entry_id)
    if any(link.image_id == image.id for link, _image in gallery):
        raise AlreadyInGallery(stored.sha256)
    before = [i.sha256[:12] for _link, i in gallery]
    position = max((link.position for link, _image in gallery), default=-1) + 1
    link = link_model(**{key: entry_id, "image_id": image.id, "position": position, "alt": {}})
    session.add(link)
    _touch(session, entry, user_id, kind, before, "image-add")
    return link


def _link(session: Session, kind: Kind, entry_id: int, link_id: int) -> Any:
    link_model, key = LINKS[kind.name]
    link = session.get(link_model, link_id)
    if link is None or getattr(link, key) != entry_id:
        raise NotFound()
    return link


def move(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, link_id: int, offset: int) -> None:
    """Move a picture ``offset`` places (-1 earlier, +1 later) and renumber the gallery 0..n-1."""
    entry = load(session, actor, kind, entry_id, lock=True)
    _link(session, kind, entry_id, link_id)
    links = [link for link, _image in images(session, kind, entry_id)]
    before = _order(session, kind, entry_id)
    index = next(i for i, link in enumerate(links) if link.id == link_id)
    target = min(max(index + offset, 0), len(links) - 1)
    links.insert(target, links.pop(index))
    for position, link in enumerate(links):
        link.position = position
    _touch(session, entry, user_id, kind, before, "image-move")


def remove(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, link_id: int) -> None:
    """Take a picture out of the gallery."""
    entry = load(session, actor, kind, entry_id, lock=True)
    link = _link(session, kind, entry_id, link_id)
    before = _order(session, kind, entry_id)
    session.delete(link)
    _touch(session, entry, user_id, kind, before, "image-delete")


def set_alt(session: Session, actor: Actor, user_id: int, kind: Kind, entry_id: int, link_id: int,
            alt: dict[str, str]) -> None:
    """Replace a picture's alt text (one text per language; blanks dropped)."""
    entry = load(session, actor, kind, entry_id, lock=True)
    link = _link(session, kind, entry_id, link_id)
    cleaned = clean_localized(alt, "alt")
    image = session.get(Image, link.image_id)
    prefix = f"alt.{image.sha256[:12] if image else link.image_id}"
    changes = audit.diff({f"{prefix}.{k}": v for k, v in (link.alt or {}).items()},
                         {f"{prefix}.{k}": v for k, v in cleaned.items()})
    if not changes:
        return
    link.alt = cleaned
    session.add(link)
    before = _order(session, kind, entry_id)
    _touch(session, entry, user_id, kind, before, "image-alt", changes)
