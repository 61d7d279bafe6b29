"""The documented list templates (清单模板): their columns, headers in Chinese and English, and matching.

A header is recognised in either language, whatever its case, spacing or full-width punctuation,
so a list typed from the Chinese template and one from the English template import alike. Every
column maps to one record field of :mod:`catalogue.services.records`, the one import path.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font


@dataclass(frozen=True)
class Column:
    """One template column: record field, headers, and how its cells are read."""

    key: str
    zh: str
    en: str
    #: ``text``, ``int``, ``float`` or ``list`` (separated by commas, semicolons or 、).
    kind: str = "text"
    required: bool = False


FACTORY_COLUMNS = (
    Column("external_ref", "清单编号", "List ID"),
    Column("uscc", "统一社会信用代码", "Unified Social Credit Code"),
    Column("name.zh", "企业名称", "Company name (Chinese)"),
    Column("name.en", "英文名称", "Company name (English)"),
    Column("belt", "所属产业带", "Industrial belt"),
    Column("county.zh", "所在区县", "County"),
    Column("address.zh", "详细地址", "Address (Chinese)"),
    Column("address.en", "英文地址", "Address (English)"),
    Column("latitude", "纬度", "Latitude", "float"),
    Column("longitude", "经度", "Longitude", "float"),
    Column("capabilities", "生产模式", "Capabilities", "list"),
    Column("moq", "起订量", "Minimum order quantity", "int"),
    Column("lead_time_days", "交货周期（天）", "Lead time (days)", "int"),
    Column("staff_count", "员工人数", "Staff", "int"),
    Column("year_founded", "成立年份", "Year founded", "int"),
    Column("certifications", "认证", "Certifications", "list"),
    Column("export_markets", "出口市场", "Export markets", "list"),
    Column("platforms", "合作平台", "Platforms served", "list"),
    Column("own_brands", "自有品牌", "Own brands", "list"),
    Column("profile.zh", "企业简介", "Profile (Chinese)"),
    Column("profile.en", "英文简介", "Profile (English)"),
    Column("contact_public.website", "网站", "Website"),
    Column("contact_public.email", "销售邮箱", "Sales e-mail"),
    Column("contact_private.person", "联系人", "Contact person"),
    Column("contact_private.mobile", "联系电话", "Contact telephone"),
)
PRODUCT_COLUMNS = (
    Column("external_ref", "产品编号", "Product ID"),
    Column("factory", "生产企业（统一社会信用代码或清单编号）", "Factory (USCC or list ID)", required=True),
    Column("name.zh", "产品名称", "Product name (Chinese)"),
    Column("name.en", "英文名称", "Product name (English)"),
    Column("category", "品类", "Category"),
    Column("themes", "主题", "Themes", "list"),
    Column("materials", "材质", "Materials", "list"),
    Column("hs_code", "海关编码（HS）", "HS code"),
    Column("price_min", "最低单价", "Lowest unit price", "float"),
    Column("price_max", "最高单价", "Highest unit price", "float"),
    Column("currency", "币种", "Currency"),
    Column("moq", "起订量", "Minimum order quantity", "int"),
    Column("lead_time_days", "交货周期（天）", "Lead time (days)", "int"),
    Column("description.zh", "产品描述", "Description (Chinese)"),
    Column("description.en", "英文描述", "Description (English)"),
)
COLUMNS = {"factories": FACTORY_COLUMNS, "products": PRODUCT_COLUMNS}


def normalize_header(text: object) -> str:
    """Compare headers without case, spaces, full-width forms or punctuation."""
    folded = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return re.sub(r"[\s\W_]+", "", folded)


@dataclass
class HeaderMatch:
    """Which column each file column is (None: not a template column) and what is wrong."""

    columns: list[Column | None]
    missing: list[Column]
    unknown: list[tuple[int, str]]
    duplicated: list[tuple[int, str]]

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unknown or self.duplicated)


def match_headers(kind: str, headers: list[str]) -> HeaderMatch:
    """Map a file's header row to the template's columns (1-based positions in the findings)."""
    lookup: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        lookup[normalize_header(column.zh)] = column
        lookup[normalize_header(column.en)] = column
        lookup[normalize_header(column.key)] = column
    found: list[Column | None] = []
    seen: set[str] = set()
    unknown, duplicated = [], []
    for position, header in enumerate(headers, start=1):
        column = lookup.get(normalize_header(header))
        if column is None:
            found.append(None)
            if str(header or "").strip():
                unknown.append((position, str(header)))
            continue
        if column.key in seen:
            duplicated.append((position, str(header)))
            found.append(None)
            continue
        seen.add(column.key)
        found.append(column)
    has_name = any(c is not None and c.key.startswith("name.") for c in found)
    missing = [c for c in COLUMNS[kind] if c.required and c.key not in seen]
    if not has_name:
        missing.extend(c for c in COLUMNS[kind] if c.key == "name.zh")
    return HeaderMatch(found, missing, unknown, duplicated)


EXAMPLES = {
    "factories": ["ZG-2026-001", "91510300MA6C5Q8X2M", "自贡示例彩灯有限公司", "Zigong Sample Lantern Co., Ltd.",
                  "zigong-lanterns", "自流井区", "四川省自贡市自流井区示例路8号", "No. 8 Sample Road, Ziliujing, Zigong",
                  "29.35", "104.77", "OEM, ODM", "50", "30", "120", "2008", "ISO 9001", "DE, FR, US",
                  "Amazon, Alibaba.com", "", "专业设计制作大型彩灯灯组。", "Designs and builds large lantern displays.",
                  "https://lanterns.example", "sales@lanterns.example", "王经理", "+86 100 0000 0000"],
    "products": ["ZG-P-001", "ZG-2026-001", "恐龙彩灯", "Dinosaur lantern", "lanterns-lighting", "lantern", "silk, steel",
                 "940540", "120", "800", "CNY", "10", "45", "钢架丝绸恐龙造型彩灯。", "Silk dinosaur lantern on a steel frame."],
}


def template(kind: str, language: str, fmt: str) -> bytes:
    """A template file with headers in ``language`` (zh or en) and one example row, as CSV or XLSX."""
    headers = [c.zh if language == "zh" else c.en for c in COLUMNS[kind]]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerow(EXAMPLES[kind])
        # With a BOM, Excel opens the UTF-8 file with the right encoding.
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "factories" if kind == "factories" else "products"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(EXAMPLES[kind])
    for row in sheet.iter_rows(min_row=2, max_row=2):
        for cell in row:
            cell.number_format = "@"  # text: keeps codes such as USCC and HS code as typed
    out_bytes = io.BytesIO()
    workbook.save(out_bytes)
    return out_bytes.getvalue()
