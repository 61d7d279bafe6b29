"""CSV and XLSX exports: every row of a search, labels in the viewer's language, formulas defused."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlmodel import Session, select

from catalogue.api import exports
from catalogue.db import get_engine
from catalogue.models import Prefecture
from i18n.glossary import default_glossary

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1+1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_are_neutralised(value: str) -> None:
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Bamboo tea set", "熊猫", "", 12, 3.5, None, "a=b", "1-2"])
def test_harmless_cells_are_untouched(value: Any) -> None:
    assert exports.neutralise(value) == value


def test_csv_cells_come_back_defused() -> None:
    text = "".join(exports.csv_chunks(["Name", "Price"], [[value, 1.5] for value in HOSTILE]))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Name", "Price"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE]


def test_xlsx_cells_are_text_not_formulas() -> None:
    data = b"".join(exports.xlsx_chunks(["Name", "Price"], [[v, 2] for v in HOSTILE + ["bad\x01char"]], "ar", "T"))
    sheet = load_workbook(io.BytesIO(data)).active
    values = [row for row in sheet.iter_rows(min_row=2, values_only=True)]
    # XML turns a carriage return into a line feed; what matters is the leading apostrophe.
    assert [v[0] for v in values[:-1]] == ["'" + v.replace("\r", "\n") for v in HOSTILE]
    assert all(sheet.cell(row=i, column=1).data_type == "s" for i in range(2, len(HOSTILE) + 2))
    assert values[-1] == ("badchar", 2)
    assert sheet.sheet_view.rightToLeft


def test_export_rows_come_in_the_order_of_the_search(seeded_client: FlaskClient) -> None:
    """Rows follow the search's rank (and its sort), not the database's order."""
    for query in ("q=lantern&lang=en", "q=bamboo&sort=moq&lang=en", "theme=panda&sort=newest&lang=en"):
        ranked = []
        for page in range(1, 50):
            found = seeded_client.get(f"/api/v1/search?{query}&page={page}&per_page=100").get_json()
            ranked += [hit["id"] for hit in found["hits"]]
            if len(ranked) >= found["total"]:
                break
        response = seeded_client.get(f"/api/v1/search.csv?{query}")
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
        assert len(ranked) > 20 and [row["ID"] for row in rows] == [str(i) for i in ranked], query


def test_csv_export_of_a_search(seeded_client: FlaskClient) -> None:
    total = seeded_client.get("/api/v1/search?theme=panda&lang=en").get_json()["total"]
    response = seeded_client.get("/api/v1/search.csv?theme=panda&lang=en")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == total
    panda = default_glossary().label("themes:panda", "en")
    assert panda and all(panda in row["Themes"].split("; ") for row in rows)
    assert all(row["Prefecture"] and row["Prefecture"] != row["Prefecture"].lower() for row in rows)
    limited = seeded_client.get("/api/v1/search.csv?theme=panda&limit=3").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(limited.lstrip("\ufeff"))))) == 4


def test_xlsx_export_in_chinese(seeded_client: FlaskClient) -> None:
    response = seeded_client.get("/api/v1/search.xlsx?entity=factories&prefecture=chengdu&lang=zh")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    total = seeded_client.get("/api/v1/search?entity=factories&prefecture=chengdu").get_json()["total"]
    assert len(rows) == total + 1
    with Session(get_engine(seeded_client.application)) as session:
        chengdu = session.exec(select(Prefecture).where(Prefecture.slug == "chengdu")).one()
    assert {row[2] for row in rows[1:]} == {chengdu.name["zh"]}
