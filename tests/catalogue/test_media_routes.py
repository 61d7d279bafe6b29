"""Theme banners without the sample catalogue: drawn on first request, then served from disk."""

from __future__ import annotations

import io
from pathlib import Path

from flask.testing import FlaskClient
from PIL import Image


def test_a_theme_banner_is_drawn_on_first_request(client: FlaskClient) -> None:
    folder = Path(client.application.config["MEDIA_ROOT"]) / "themes"
    assert not (folder / "panda.webp").exists()  # a fresh catalogue: the seed has not drawn it
    with client.get("/media/themes/panda.webp") as response:
        assert response.status_code == 200 and response.mimetype == "image/webp"
        body = response.data
    assert Image.open(io.BytesIO(body)).size == (600, 250)
    assert (folder / "panda.webp").read_bytes() == body
    assert not list(folder.glob("*.tmp"))
    assert client.get("/media/themes/not-a-theme.webp").status_code == 404
