"""The entry forms' layout: every field shown once, in titled groups, without script; in Chromium,
the language tabs' counters follow typing and the page fits a phone and a desktop screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from catalogue.curation.forms import ENTRY_FORMS
from tests.curation.helpers import PASSWORD, World, post
from tests.public.browser import OUTPUT, run_axe
from tests.public.test_browser import Watch

KINDS = ("belts", "factories", "products")


def entry_id(world: World, kind: str) -> int:
    return {"belts": world.belts, "factories": world.factories, "products": world.products}[kind]["zigong"]


def own_fields(kind: str) -> list[str]:
    """The form's fields outside the language tabs (the ones the groups lay out)."""
    form_class = ENTRY_FORMS[kind]
    return [name for name in dir(form_class) if not name.startswith("_") and "__" not in name
            and hasattr(getattr(form_class, name), "field_class") and name not in ("version", "csrf_token")]


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_shown_once_inside_a_titled_group(app: Flask, world: World, official: FlaskClient,
                                                         kind: str) -> None:
    page = official.get(f"/curation/{kind}/{entry_id(world, kind)}").get_data(as_text=True)
    form = page[page.index('<form method="post" class="entry-form"'):page.index('<fieldset class="language-tabs">')]
    groups = re.findall(r'<fieldset class="field-group">\s*<legend>([^<]+)</legend>(.*?)\n</fieldset>', form, re.S)
    assert len(groups) >= 1 and all(legend.strip() for legend, _body in groups)
    assert "Other fields" not in [legend for legend, _body in groups]  # every field has its group
    names = own_fields(kind)
    assert names
    for name in names:
        holders = [legend for legend, body in groups if re.search(rf'\bid="{name}"', body)]
        assert len(holders) == 1, (name, holders)
        assert len(re.findall(rf'\bid="{name}"', page)) == 1
    for choices in ("themes", "capabilities"):
        if choices in names:
            assert re.search(rf'<div class="field field-choices">\s*<fieldset><legend>[^<]+</legend>'
                             rf'<ul class="checkboxes" id="{choices}">', form)


def test_an_invalid_save_keeps_each_error_beside_its_field(app: Flask, world: World, official: FlaskClient) -> None:
    factory = entry_id(world, "factories")
    page = official.get(f"/curation/factories/{factory}").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    refused = post(official, f"/curation/factories/{factory}",
                   {"version": version, "prefecture_id": str(world.zigong), "moq": "many", "name__zh": "自贡光明灯饰厂",
                    "verification": "unverified"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200
    moq_field = re.search(r'<div class="field has-error">\s*<label for="moq">.*?</div>', body, re.S)
    assert moq_field and 'aria-invalid="true"' in moq_field.group(0) and "field-errors" in moq_field.group(0)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("width", [375, 1280])
def test_language_tab_counters_follow_typing_and_the_form_fits(browser: Any, base_url: str, world: World,
                                                               width: int) -> None:
    shots = OUTPUT / "entry-form"
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    watch = Watch(page, base_url)
    page.goto(f"{base_url}/auth/login")
    page.fill("#email", "zigong@example.org")
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(#password) button[type=submit]").click()
    for kind in KINDS:
        page.goto(f"{base_url}/curation/{kind}/{entry_id(world, kind)}")
        total = len(page.locator("#panel-fr input, #panel-fr textarea").all())
        count = page.locator("label[for=tab-fr] .tab-count")
        assert count.inner_text() == f"0/{total}"
        page.locator("label[for=tab-fr]").click()
        page.locator("#name__fr").press_sequentially("Lanterne")
        assert count.inner_text() == f"1/{total}"
        assert page.locator("#name__fr-chars").inner_text() == "8 / 300"
        assert "name__fr-chars" in page.locator("#name__fr").get_attribute("aria-describedby")
        page.locator("#name__fr").fill("   ")
        page.locator("#name__fr").dispatch_event("input")
        assert count.inner_text() == f"0/{total}"  # blanks do not count, as on the server
        # Nothing wider than the screen; themes and capabilities sit side by side where there is room.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        boxes = page.locator(".checkboxes li").all()
        if boxes:
            tops = {round(box.bounding_box()["y"]) for box in boxes[:2]}
            assert len(tops) == 1, tops
        assert run_axe(page) == []
        page.screenshot(path=str(shots / f"{kind}-{width}.png"), full_page=True)
    watch.check()
    page.close()
