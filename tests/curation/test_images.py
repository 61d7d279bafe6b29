"""Pictures of products and factories: upload, reorder, alt text, delete, and every refused upload."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from PIL import Image as PILImage
from sqlmodel import Session, select
from werkzeug.test import EnvironBuilder

from catalogue.db import get_engine
from catalogue.images import original_path
from catalogue.models import AuditEntry, Image, ProductImage
from tests.curation.helpers import World, csrf_token, png_bytes, post, snapshot


def _upload(client: FlaskClient, url: str, data: bytes, name: str) -> str:
    """Upload and return the page the browser lands on."""
    body = {"picture": (io.BytesIO(data), name), "csrf_token": csrf_token(client)}
    environ = EnvironBuilder(path=url, method="POST", data=body).get_environ()
    try:
        # The test client spools large bodies to a temporary file it never closes; close it here.
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
    assert response.status_code == 302, response.status_code
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _gallery(app: Flask, product_id: int) -> list[tuple[ProductImage, Image]]:
    with Session(get_engine(app)) as session:
        statement = (select(ProductImage, Image).join(Image, ProductImage.image_id == Image.id)
                     .where(ProductImage.product_id == product_id).order_by(ProductImage.position))
        return list(session.exec(statement))


def _jpeg_with_gps_and_rotation() -> bytes:
    image = PILImage.new("RGB", (80, 40), (30, 120, 60))
    exif = PILImage.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (30.0, 40.0, 0.0), 3: "E", 4: (104.0, 4.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels but whose data is tiny."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _other_format(kind: str) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (20, 20), (1, 2, 3)).save(out, kind)
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'

REFUSED = {
    "gif": (lambda: _other_format("GIF"), "lantern.gif", "Only JPEG, PNG and WebP pictures are accepted."),
    "bmp": (lambda: _other_format("BMP"), "lantern.bmp", "Only JPEG, PNG and WebP pictures are accepted."),
    "tiff": (lambda: _other_format("TIFF"), "lantern.tif", "Only JPEG, PNG and WebP pictures are accepted."),
    "svg": (lambda: SVG, "lantern.svg", "This file is not a picture we can read"),
    "svg named png": (lambda: SVG, "lantern.png", "This file is not a picture we can read"),
    "truncated": (lambda: _jpeg_with_gps_and_rotation()[:300], "lantern.jpg", "damaged or incomplete"),
    "bomb over 80 MP": (lambda: _png_claiming(10_000, 10_000), "lantern.png", "more than 40 megapixels"),
    "bomb over 40 MP": (lambda: _png_claiming(8_000, 6_000), "lantern.png", "more than 40 megapixels"),
    "mismatched extension": (lambda: png_bytes(), "lantern.jpg", "does not match its content"),
    "over 10 MB": (lambda: png_bytes() + b"\0" * (10 * 1024 * 1024 + 10), "lantern.png", "larger than 10 MB"),
    "empty": (lambda: b"", "lantern.png", "The file is empty."),
}


def test_refused_uploads_leave_everything_as_it_was(app: Flask, world: World, official: FlaskClient) -> None:
    """Every kind of refused file, one after the other (one app for all: they must not leave traces anyway)."""
    url = f"/curation/products/{world.products['zigong']}/images"
    failures = []
    for case, (make, name, message) in sorted(REFUSED.items()):
        before = snapshot(app)
        page = _upload(official, url, make(), name)
        if "The picture was not added" not in page or message not in page:
            failures.append(f"{case}: message {message!r} not shown")
        if snapshot(app) != before or (Path(app.config["MEDIA_ROOT"]) / "originals").exists():
            failures.append(f"{case}: something was stored")
    assert not failures, failures


def test_upload_without_a_file_is_refused(app: Flask, world: World, official: FlaskClient) -> None:
    before = snapshot(app)
    response = post(official, f"/curation/products/{world.products['zigong']}/images", {})
    assert "Choose a picture to upload." in official.get(response.headers["Location"]).get_data(as_text=True)
    assert snapshot(app) == before


def test_upload_cleans_the_picture_and_adds_it_to_the_gallery(app: Flask, world: World, official: FlaskClient) -> None:
    product_id = world.products["zigong"]
    page = _upload(official, f"/curation/products/{product_id}/images", _jpeg_with_gps_and_rotation(), "lantern.JPG")
    assert "Picture added." in page
    [(link, image)] = _gallery(app, product_id)
    assert (image.format, image.width, image.height) == ("jpeg", 40, 80)   # EXIF orientation applied
    with PILImage.open(original_path(Path(app.config["MEDIA_ROOT"]), image.sha256, "jpeg")) as stored:
        assert not stored.getexif()                                         # GPS and all other EXIF gone
    assert f"/media/{image.sha256}/320.webp" in page
    again = _upload(official, f"/curation/products/{product_id}/images", _jpeg_with_gps_and_rotation(), "again.jpeg")
    assert "already in the gallery" in again and len(_gallery(app, product_id)) == 1


def test_reorder_alt_text_and_delete(app: Flask, world: World, official: FlaskClient) -> None:
    product_id = world.products["zigong"]
    url = f"/curation/products/{product_id}/images"
    for shade in (10, 20, 30):
        _upload(official, url, png_bytes(color=(shade, 0, 0)), f"{shade}.png")
    first, second, third = [link.id for link, _image in _gallery(app, product_id)]
    assert post(official, f"{url}/{third}/move", {"offset": "-1"}).status_code == 302
    assert [link.id for link, _image in _gallery(app, product_id)] == [first, third, second]
    post(official, f"{url}/{first}/move", {"offset": "-1"})                 # already first: stays
    assert [link.id for link, _image in _gallery(app, product_id)] == [first, third, second]
    assert post(official, f"{url}/{first}/move", {"offset": "5"}).status_code == 400
    alt = {"alt__zh": "红色丝绸宫灯", "alt__en": "Red silk palace lantern", "alt__ar": "فانوس حريري أحمر"}
    assert post(official, f"{url}/{first}/alt", alt).status_code == 302
    link, _image = _gallery(app, product_id)[0]
    assert link.alt == {"zh": "红色丝绸宫灯", "en": "Red silk palace lantern", "ar": "فانوس حريري أحمر"}
    page = official.get(f"/curation/products/{product_id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'alt="Red silk palace lantern"' in page and "Alt text (English)" in page
    assert post(official, f"{url}/{second}/delete").status_code == 302
    assert [link.id for link, _image in _gallery(app, product_id)] == [first, third]
    # A link of another entry cannot be reached through this entry's URL.
    assert post(official, f"/curation/products/{world.products['zigong']}/images/9999/delete").status_code == 404
    with Session(get_engine(app)) as session:
        actions = [e.action for e in session.exec(select(AuditEntry).where(AuditEntry.entity_id == product_id,
                                                                            AuditEntry.entity_type == "product"))]
    assert actions == ["image-add"] * 3 + ["image-move", "image-move", "image-alt", "image-delete"]


def test_factory_gallery(app: Flask, world: World, official: FlaskClient) -> None:
    factory_id = world.factories["zigong"]
    page = _upload(official, f"/curation/factories/{factory_id}/images", png_bytes(), "workshop.png")
    assert "Picture added." in page and "/media/" in page


def test_a_request_above_the_upload_limit_is_answered_in_the_page_language(app: Flask, world: World,
                                                                           official: FlaskClient) -> None:
    before = snapshot(app)
    body = {"picture": (io.BytesIO(b"\0" * (app.config["MAX_CONTENT_LENGTH"] + 1)), "huge.png"),
            "csrf_token": csrf_token(official)}
    environ = EnvironBuilder(path=f"/curation/products/{world.products['zigong']}/images", method="POST",
                             data=body).get_environ()
    try:
        response = official.open(environ)
    finally:
        environ["wsgi.input"].close()
    assert response.status_code == 413 and "The file is too large" in response.get_data(as_text=True)
    assert snapshot(app) == before
