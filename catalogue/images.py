"""The image pipeline: every picture, uploaded or drawn by the seed, enters through :func:`store_image`.

Uploads are hostile until proven otherwise, so the bytes are decoded by Pillow under limits, the
format must be JPEG, PNG or WebP and match the file's name, EXIF orientation is applied and all
metadata (GPS included) is dropped by re-encoding the pixels. The cleaned original is stored under
the SHA-256 of its bytes (the same photo uploaded twice is stored once); resized WebP and JPEG
variants are made on first request and cached beside it.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
VARIANT_WIDTHS = (320, 800, 1600)
VARIANT_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}
ACCEPTED_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
EXTENSIONS = {"jpeg": {".jpg", ".jpeg", ".jpe"}, "png": {".png"}, "webp": {".webp"}}
STORED_SUFFIX = {"jpeg": ".jpg", "png": ".png", "webp": ".webp"}

# Pillow's own bomb guard is a warning below 2x its limit: make it our limit and an error.
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(ValueError):
    """An upload that is not an acceptable image; the message says why, for the uploader."""


@dataclass(frozen=True)
class StoredImage:
    """What the database records about a stored original."""

    sha256: str
    format: str
    width: int
    height: int
    size_bytes: int


def _decode(data: bytes) -> PILImage.Image:
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(f"The file is {len(data) / 1048576:.1f} MB; the limit is 10 MB.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise ImageRejected(f"{image.format or 'This'} files are not accepted; use JPEG, PNG or WebP.")
            if image.width * image.height > MAX_PIXELS:
                raise ImageRejected(f"The image has {image.width}×{image.height} pixels; the limit is 40 megapixels.")
            image.load()
    except ImageRejected:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ImageRejected("The image is too large to decode safely (over 40 megapixels).") from None
    except UnidentifiedImageError:
        raise ImageRejected("The file is not an image we can read; use JPEG, PNG or WebP.") from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ImageRejected(f"The image file is damaged or truncated ({error}).") from None
    return image


def _clean(image: PILImage.Image, kind: str) -> bytes:
    """Apply EXIF orientation and re-encode the pixels only, which drops EXIF, GPS, XMP and ICC extras."""
    oriented = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if kind == "jpeg":
        oriented.convert("RGB").save(out, "JPEG", quality=90)
    elif kind == "png":
        mode = "RGBA" if "A" in oriented.getbands() or "transparency" in oriented.info else "RGB"
        oriented.convert(mode).save(out, "PNG", optimize=False)
    else:
        mode = "RGBA" if "A" in oriented.getbands() else "RGB"
        oriented.convert(mode).save(out, "WEBP", quality=90, method=4)
    return out.getvalue()


def original_path(media_root: Path, sha256: str, kind: str) -> Path:
    """Where the cleaned original with this digest lives (two-level fan-out keeps directories small)."""
    return media_root / "originals" / sha256[:2] / sha256[2:4] / f"{sha256}{STORED_SUFFIX[kind]}"


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temp, path)


def store_image(data: bytes, media_root: Path, filename: str | None = None) -> StoredImage:
    """Validate, clean and store an image; return its record.

    Args:
        data: the uploaded bytes.
        media_root: the ``MEDIA_ROOT`` directory.
        filename: the name the file was uploaded with; when given, its extension must match the content.

    Raises:
        ImageRejected: the bytes are not an acceptable image (message for the uploader).
    """
    image = _decode(data)
    kind = ACCEPTED_FORMATS[image.format]
    if filename is not None:
        suffix = Path(filename).suffix.lower()
        if suffix not in EXTENSIONS[kind]:
            raise ImageRejected(f"The file is named {suffix or 'without an extension'} but contains a {kind.upper()} image.")
    cleaned = _clean(image, kind)
    digest = hashlib.sha256(cleaned).hexdigest()
    path = original_path(media_root, digest, kind)
    if not path.exists():
        _write_atomically(path, cleaned)
    width, height = ImageOps.exif_transpose(image).size
    return StoredImage(sha256=digest, format=kind, width=width, height=height, size_bytes=len(cleaned))


def variant_path(media_root: Path, sha256: str, width: int, extension: str) -> Path:
    """Where the cached variant of an original lives."""
    return media_root / "variants" / sha256[:2] / sha256 / f"{width}.{extension}"


def ensure_variant(media_root: Path, sha256: str, kind: str, width: int, extension: str) -> Path:
    """Return the variant's path, making it from the original first if it is not cached yet.

    Raises:
        FileNotFoundError: no original with that digest.
        ValueError: unknown width or extension.
    """
    if width not in VARIANT_WIDTHS or extension not in VARIANT_FORMATS:
        raise ValueError(f"no variant {width}.{extension}")
    target = variant_path(media_root, sha256, width, extension)
    if target.exists():
        return target
    with PILImage.open(original_path(media_root, sha256, kind)) as original:
        original.load()
        image = original.convert("RGBA" if extension == "webp" and "A" in original.getbands() else "RGB")
    if image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, VARIANT_FORMATS[extension], quality=82, **({"method": 4} if extension == "webp" else {"optimize": True}))
    _write_atomically(target, out.getvalue())
    return target
