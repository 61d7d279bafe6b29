"""The Zigong story, end to end in headless Chromium, as the curation issue tells it.

A Zigong official signs in through the login page, downloads the factory template, uploads last
week's list of lantern factories (an .xlsx built from that template, with rows the dry run must
reject), imports the valid rows, re-imports the corrected list (the rows already imported are
updated, not duplicated), adds a product in Chinese and English with a real JPEG to one of the
imported factories, submits and publishes factory and product, and an anonymous buyer then finds
the product through the public search page: the live server applies the search outbox after each
write request (``SEARCH_SYNC=request``), nothing is drained by the test. Finally the official
tries Yibin's entry page, by reading and by posting a forged form, and is refused both times.

Screenshots of every step go to ``test-results/browser/zigong-story/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openpyxl import load_workbook
from PIL import Image, ImageDraw
from sqlmodel import Session, select

from catalogue.codes import uscc_check_character
from catalogue.db import get_engine
from catalogue.models import Factory, Product, ProductImage, Status
from tests.curation.helpers import PASSWORD, World, snapshot
from tests.public.browser import OUTPUT
from tests.public.test_browser import Watch

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]

SHOTS = OUTPUT / "zigong-story"
OFFICIAL = "zigong@example.org"
PRODUCT = {"zh": "自贡恐龙彩灯", "en": "Dinosaur lantern with silk skin"}


def uscc(body: str) -> str:
    return body + uscc_check_character(body)


def wrong_check_character(code: str) -> str:
    """The same code with another (wrong) check character: a typing error the dry run must catch."""
    return code[:-1] + ("0" if code[-1] != "0" else "1")


#: Last week's list, by template header. Row 4 has a mistyped credit code, row 5 a MOQ in words.
LAST_WEEK = [
    {"清单编号": "ZG-101", "统一社会信用代码": uscc("91510300MA6C5Q8X3"), "企业名称": "自贡灯源彩灯有限公司",
     "英文名称": "Zigong Dengyuan Lantern Co., Ltd.", "所属产业带": "自贡彩灯", "所在区县": "自流井区",
     "起订量": 50, "生产模式": "OEM、ODM", "出口市场": "DE、FR"},
    {"清单编号": "ZG-102", "统一社会信用代码": uscc("91510300MA6C5Q8Y1"), "企业名称": "自贡星河灯饰厂",
     "所属产业带": "自贡彩灯", "所在区县": "贡井区", "起订量": 200, "生产模式": "OEM"},
    {"清单编号": "ZG-103", "企业名称": "自贡龙宫彩灯艺术有限公司", "英文名称": "Zigong Dragon Palace Lantern Art",
     "所属产业带": "自贡彩灯", "所在区县": "大安区", "起订量": 10},
    {"清单编号": "ZG-104", "统一社会信用代码": wrong_check_character(uscc("91510300MA6C5Q8W7")),
     "企业名称": "自贡盐都灯会制作有限公司", "所属产业带": "自贡彩灯", "所在区县": "沿滩区", "起订量": 30},
    {"清单编号": "ZG-105", "企业名称": "自贡华灯初上灯饰厂", "所属产业带": "自贡彩灯", "所在区县": "荣县",
     "起订量": "五十"},
]


def corrected_list() -> list[dict[str, Any]]:
    """The list after the office fixed the rejected rows (and added an English name to row 3)."""
    rows = [dict(row) for row in LAST_WEEK]
    rows[1]["英文名称"] = "Zigong Xinghe Lighting Works"
    rows[3]["统一社会信用代码"] = uscc("91510300MA6C5Q8W7")
    rows[4]["起订量"] = 50
    return rows


def fill_template(template: Path, rows: list[dict[str, Any]], target: Path) -> None:
    """Write ``rows`` under the downloaded template's own header row in place of its example row,
    as an official would in Excel."""
    workbook = load_workbook(template)
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    assert {header for row in rows for header in row} <= set(headers), headers
    assert sheet.max_row == 2 and sheet.cell(2, 3).value == "自贡示例彩灯有限公司"   # the example row
    sheet.delete_rows(2)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    workbook.save(target)


def lantern_photo(path: Path) -> None:
    """A real JPEG photo-like picture: a gradient night sky with a lantern."""
    image = Image.new("RGB", (1200, 900))
    pixels = image.load()
    for y in range(900):
        for x in range(0, 1200, 4):
            for dx in range(4):
                pixels[x + dx, y] = (10 + y // 12, 15 + x // 40, 60 + y // 8)
    draw = ImageDraw.Draw(image)
    draw.ellipse((420, 220, 780, 640), fill=(230, 60, 30), outline=(250, 200, 40), width=12)
    draw.rectangle((560, 640, 640, 700), fill=(250, 200, 40))
    image.save(path, "JPEG", quality=88)


class Story:
    """The browser page, the live site and the database, with a numbered screenshot per step."""

    def __init__(self, page: Any, base_url: str, app: Flask) -> None:
        self.page, self.base, self.app, self.step = page, base_url, app, 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        for old in SHOTS.glob("*.png"):
            old.unlink()

    def shot(self, name: str) -> Path:
        self.step += 1
        path = SHOTS / f"{self.step:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def click(self, selector: str) -> None:
        """Click something that loads a new page, and wait for it."""
        with self.page.expect_navigation():
            self.page.locator(selector).click()

    def flash(self) -> str:
        return " ".join(self.page.locator("ul.flashes li").all_inner_texts())

    def sign_in(self, email: str) -> None:
        self.goto("/auth/login")
        self.page.fill("#email", email)
        self.page.fill("#password", PASSWORD)
        self.click("main button[type=submit]")
        assert self.page.url.startswith(self.base + "/curation/"), self.page.url

    def check_list(self, path: Path) -> dict[str, str]:
        """Upload a list for the dry run; return the report's counts by label."""
        self.goto("/curation/imports")
        self.page.select_option("#kind", "factories")
        self.page.uncheck("#all_or_nothing")   # import the valid rows, report the others
        self.page.set_input_files("#list_file", str(path))
        self.click("form.import-form button[type=submit]")
        assert re.search(r"/curation/imports/\d+$", self.page.url), self.page.url
        cells = self.page.locator("table.counts tr")
        return {row.locator("th").inner_text(): row.locator("td").inner_text() for row in cells.all()}

    def findings(self) -> list[tuple[str, ...]]:
        """The report's findings as (row, column, type, message)."""
        rows = self.page.locator("table.findings tbody tr").all()
        return [tuple(cell.inner_text().strip() for cell in row.locator("td").all()[:4]) for row in rows]

    def factories(self) -> dict[str, Factory]:
        with Session(get_engine(self.app)) as session:
            return {f.external_ref: f for f in session.exec(select(Factory)) if f.external_ref}

    def transition(self, label: str) -> None:
        self.click(f"section.workflow button:text-is('{label}')")
        assert self.flash().startswith("Done:"), self.flash()


def test_a_zigong_official_imports_fixes_illustrates_and_publishes(browser: Any, base_url: str, app: Flask,
                                                                   world: World, tmp_path: Path) -> None:
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page, base_url)
    story = Story(page, base_url, app)

    # Sign in through the real login page.
    story.goto("/auth/login")
    story.shot("login")
    story.sign_in(OFFICIAL)
    story.shot("overview")

    # Download the factory template (Chinese headers) from the import page.
    story.click("nav.curation-nav a[href='/curation/imports']")
    with page.expect_download() as download:
        page.locator("a[href='/curation/imports/template/factories.xlsx?headers=zh']").click()
    template = SHOTS / "factories-template-zh.xlsx"
    download.value.save_as(template)
    story.shot("import-page")

    # Last week's list: five rows, two of them wrong. The dry run writes nothing and says why.
    last_week = tmp_path / "自贡彩灯企业清单-上周.xlsx"
    fill_template(template, LAST_WEEK, last_week)
    before = snapshot(app)
    counts = story.check_list(last_week)
    story.shot("dry-run-with-errors")
    assert (counts["Rows"], counts["Rows without errors"], counts["New entries"], counts["Errors"]) == ("5", "3", "3", "2")
    errors = [finding for finding in story.findings() if finding[2] == "Error"]
    assert [(row, column) for row, column, _type, _message in errors] == [("5", "统一社会信用代码"), ("6", "起订量")]
    assert "check the code for a typing error" in errors[0][3]
    assert "“五十” is not a whole number." == errors[1][3]
    assert {k: v for k, v in snapshot(app).items() if k != "importrun"} == {k: v for k, v in before.items() if k != "importrun"}

    # Import the valid rows.
    story.click("form[action$='/commit'] button[type=submit]")
    story.shot("valid-rows-imported")
    assert "The list has been imported." in story.flash()
    imported = story.factories()
    assert sorted(imported) == ["ZG-101", "ZG-102", "ZG-103"]
    first_ids = {ref: factory.id for ref, factory in imported.items()}

    # The corrected list again: the two fixed rows are new, row 3 is updated, the rest unchanged.
    corrected = tmp_path / "自贡彩灯企业清单-更正.xlsx"
    fill_template(template, corrected_list(), corrected)
    counts = story.check_list(corrected)
    story.shot("corrected-list-dry-run")
    assert (counts["Rows without errors"], counts["New entries"], counts["Updated entries"],
            counts["Unchanged entries"], counts["Errors"]) == ("5", "2", "1", "2", "0")
    assert f"Updates no. {first_ids['ZG-102']}." in [finding[3] for finding in story.findings()]
    story.click("form[action$='/commit'] button[type=submit]")
    story.shot("corrected-list-imported")
    assert "The list has been imported." in story.flash()
    factories = story.factories()
    assert sorted(factories) == ["ZG-101", "ZG-102", "ZG-103", "ZG-104", "ZG-105"]
    assert {ref: factories[ref].id for ref in first_ids} == first_ids             # updated, not duplicated
    assert factories["ZG-102"].name == {"zh": "自贡星河灯饰厂", "en": "Zigong Xinghe Lighting Works"}
    assert factories["ZG-104"].uscc == uscc("91510300MA6C5Q8W7") and factories["ZG-105"].moq == 50

    # Open one imported factory from the list, then submit and publish it (products show with their factory).
    factory = factories["ZG-101"]
    story.click("nav.curation-nav a[href='/curation/factories/']")
    story.click(f"a[href='/curation/factories/{factory.id}']")
    assert page.input_value("#uscc") == factory.uscc and page.input_value("#name__zh") == "自贡灯源彩灯有限公司"
    story.shot("imported-factory")
    story.transition("Submit for review")
    story.transition("Publish")
    story.shot("factory-published")

    # A new product of that factory, written in the Chinese and the English tab.
    story.goto("/curation/products/new")
    page.select_option("#factory_id", str(factory.id))
    page.select_option("#category_id", str(world.category))
    page.check("input[name=themes][value=lantern]")
    page.fill("#materials", "silk, steel wire")
    page.fill("#moq", "20")
    page.locator("label[for=tab-zh]").click()
    page.fill("#name__zh", PRODUCT["zh"])
    page.fill("#description__zh", "钢丝骨架，真丝蒙皮，内置LED灯，适合灯会和主题公园。")
    page.locator("label[for=tab-en]").click()
    assert page.locator("#name__zh").is_hidden() and page.locator("#name__en").is_visible()
    page.fill("#name__en", PRODUCT["en"])
    page.fill("#description__en", "Steel-wire frame covered in silk, LED lit, for lantern festivals and theme parks.")
    story.shot("new-product-en-tab")
    story.click("form.entry-form button[type=submit]")
    assert "Saved as a draft." in story.flash()
    product_id = int(re.search(r"/curation/products/(\d+)$", page.url).group(1))
    story.shot("product-saved")

    # A real photo, uploaded from disk.
    photo = tmp_path / "dinosaur-lantern.jpg"
    lantern_photo(photo)
    page.set_input_files("#picture", str(photo))
    story.click("form.upload button[type=submit]")
    assert page.locator("ol.picture-list img").count() == 1
    story.shot("product-photo")

    # Submit, find it in the review queue, publish it as the same official.
    story.transition("Submit for review")
    story.shot("product-submitted")
    story.click("nav.curation-nav a[href='/curation/review']")
    assert page.locator(f"table.entries a[href='/curation/products/{product_id}']").count() == 1
    assert page.locator(f"a[href='/curation/products/{world.products['yibin']}']").count() == 0
    story.shot("review-queue")
    story.click(f"table.entries a[href='/curation/products/{product_id}']")
    story.transition("Publish")
    story.shot("product-published")
    with Session(get_engine(app)) as session:
        product = session.get(Product, product_id)
        assert product.status == Status.published and product.name == PRODUCT
        assert len(session.exec(select(ProductImage).where(ProductImage.product_id == product_id)).all()) == 1

    # Sign out; an anonymous buyer searches the public site and finds it, picture included.
    story.click("form[action='/auth/logout'] button")
    story.goto("/en/search")   # not the home page: its theme banners come with the seeded sample catalogue
    page.fill("#q", "dinosaur lantern")
    story.click("form.search-form button[type=submit]")
    result = page.locator("ul.result-list li.result", has_text=PRODUCT["en"])
    assert result.count() == 1 and result.locator("img").count() == 1
    story.shot("buyer-search")
    story.click(f"ul.result-list a[href^='/en/products/{product_id}-']")
    assert page.locator("h1").inner_text() == PRODUCT["en"]
    assert page.locator(".gallery img").count() >= 1
    story.shot("buyer-product-page")
    watch.check()   # before the refusals below: a 403 is logged to the console as a failed load

    # Back as the official: Yibin's entry is out of reach, to read and to write.
    story.sign_in(OFFICIAL)
    yibin_url = f"/curation/factories/{world.factories['yibin']}"
    assert story.goto(yibin_url).status == 403
    story.shot("yibin-entry-refused")
    story.goto(f"/curation/factories/{factory.id}")
    before = snapshot(app)
    page.eval_on_selector("form.entry-form", "(form, url) => { form.action = url; }", yibin_url)
    with page.expect_navigation() as forged:
        page.locator("form.entry-form button[type=submit]").click()
    assert forged.value.status == 403
    story.shot("yibin-post-refused")
    assert snapshot(app) == before
    context.close()
    assert len(list(SHOTS.glob("*.png"))) == story.step
