"""Drawing and storing the sample catalogue's pictures, in parallel worker processes.

Each picture goes through :func:`catalogue.images.store_image`, the same code uploads use, so the
seed exercises the real pipeline (validation, metadata stripping, content addressing).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from catalogue.images import StoredImage, store_image

Job = tuple[str, tuple[str, ...], int]  # (leaf category slug, themes, variant)
#: Originals of the sample pictures; the 800 px variant is then the original size.
PICTURE_SIZE = (800, 600)


def draw_and_store(job: Job, media_root: str) -> StoredImage:
    """Draw one product picture and store it as an upload would be stored."""
    from seed.drawing import draw_product_image

    category, themes, variant = job
    picture = draw_product_image(category=category, themes=themes, variant=variant, size=PICTURE_SIZE)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=88)
    return store_image(buffer.getvalue(), Path(media_root), filename="picture.jpg")


def _draw_chunk(jobs: Sequence[Job], media_root: str) -> list[StoredImage]:
    return [draw_and_store(job, media_root) for job in jobs]


def draw_all(jobs: Sequence[Job], media_root: Path, workers: int | None = None, chunk: int = 40) -> Iterator[list[StoredImage]]:
    """Draw and store pictures for ``jobs``; yield results chunk by chunk, in job order.

    Worker processes are spawned (not forked) so that no database connection or thread state
    of the parent is copied into them.
    """
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    chunks = [jobs[i:i + chunk] for i in range(0, len(jobs), chunk)]
    if workers == 1 or len(chunks) <= 1:
        for part in chunks:
            yield _draw_chunk(part, str(media_root))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_draw_chunk, chunks, [str(media_root)] * len(chunks))


def flatten(parts: Iterable[list[StoredImage]]) -> Iterator[StoredImage]:
    """Chain chunk results."""
    for part in parts:
        yield from part


def draw_theme_banners(media_root: Path, themes: Iterable[str]) -> int:
    """Draw the home page's theme banners into ``media_root/themes`` (only those missing)."""
    from seed.drawing import draw_theme_banner

    folder = media_root / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    drawn = 0
    for theme in themes:
        target = folder / f"{theme}.webp"
        if not target.exists():
            buffer = io.BytesIO()
            draw_theme_banner(theme, (1200, 500)).resize((600, 250)).save(buffer, "WEBP", quality=80)
            # A name of its own per writer: two web workers may draw the same banner at once.
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(buffer.getvalue())
            os.replace(temporary, target)
            drawn += 1
    return drawn
