"""Reading an uploaded list into rows of text: CSV in UTF-8 (with or without BOM) or GB18030/GBK,
and XLSX.

Chinese spreadsheets are often saved as GBK CSV, so a file that is not valid UTF-8 is read as
GB18030 (a superset of GBK); whether that guess was right shows in the header row, which must
match the template. Spreadsheet features that would silently change data are refused with their
cell: formulas (the value shown is not the value stored) and merged cells (only one cell holds
the text).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

#: An XLSX is a zip; refuse archives that expand beyond this (a zip bomb costs memory, not upload size).
MAX_XLSX_EXPANDED = 100 * 1024 * 1024
MAX_ROWS = 20_000


class Unreadable(Exception):
    """The file cannot be read as a list; ``code`` names the reason for the message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


@dataclass
class Table:
    """The header row and the data rows as text, each row with its number in the file (1-based)."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    #: Cell-level problems found while reading: (row, column position, code).
    problems: list[tuple[int, int, str]] = field(default_factory=list)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


def _trim(headers: list[str], rows: list[tuple[int, list[str]]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    while headers and not headers[-1].strip():
        headers.pop()
    kept = [(number, cells) for number, cells in rows if any(c.strip() for c in cells)]
    if len(kept) > MAX_ROWS:
        raise Unreadable("too_many_rows", str(MAX_ROWS))
    return headers, kept


def _plausibly_chinese(text: str, sample: int = 20_000) -> bool:
    """Whether GB18030-decoded text looks like Chinese rather than another encoding misread.

    Real simplified-Chinese lists use almost only the 6,763 common characters of GB2312; a
    Latin-1 or Windows-1252 file read as GB18030 turns each accented letter and the letter after
    it into rare GBK-extension characters. More than a fifth of those means a wrong guess.
    """
    wide = [char for char in text if ord(char) > 127][:sample]
    if not wide:
        return True
    rare = 0
    for char in wide:
        try:
            char.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare <= len(wide) / 5


def read_csv(data: bytes) -> Table:
    """Decode and parse CSV bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("utf16")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise Unreadable("encoding") from None
        if not _plausibly_chinese(text):
            raise Unreadable("encoding")
    if "\x00" in text:
        raise Unreadable("binary")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records:
        raise Unreadable("no_header")
    headers, rows = _trim([h.strip() for h in records[0]], [(i, [c.strip() for c in r]) for i, r in enumerate(records[1:], start=2)])
    return Table(headers, rows, encoding)


def read_xlsx(data: bytes) -> Table:
    """Read the first worksheet of an XLSX workbook, refusing formulas and merged cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_EXPANDED:
                raise Unreadable("too_large")
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except Unreadable:
        raise
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise Unreadable("xlsx_damaged") from None
    try:
        sheet = workbook.worksheets[0]
        problems: list[tuple[int, int, str]] = []
        for merged in sheet.merged_cells.ranges:
            # Every row the merge spans is affected: only its first cell holds the text.
            problems.extend((row, merged.min_col, "merged") for row in range(merged.min_row, merged.max_row + 1))
        records: list[tuple[int, list[str]]] = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if cell.data_type == "f":
                    problems.append((cell.row, cell.column, "formula"))
                    cells.append("")
                else:
                    cells.append(_cell_text(cell.value))
            if row:
                records.append((row[0].row, cells))
    finally:
        workbook.close()
    if not records:
        raise Unreadable("no_header")
    first_number, first = records[0]
    headers, rows = _trim(first, [(n, cells) for n, cells in records[1:] if n > first_number])
    return Table(headers, rows, "xlsx", sorted(problems))


def read_table(data: bytes, filename: str) -> Table:
    """Read an upload by its content (a zip is XLSX), checking the name agrees.

    Raises:
        Unreadable: empty, unsupported format, undecodable, or damaged.
    """
    if not data:
        raise Unreadable("empty")
    suffix = PurePath(filename or "").suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        if suffix not in {".xlsx", ""}:
            raise Unreadable("format", suffix)
        table = read_xlsx(data)
    elif suffix in {".xls", ".xlsx", ".ods", ".numbers"} or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable("format", suffix)
    else:
        table = read_csv(data)
    if not any(h.strip() for h in table.headers):
        raise Unreadable("no_header")
    return table


def cell_name(row: int, position: int) -> str:
    """A spreadsheet cell name such as ``C7``."""
    return f"{get_column_letter(position)}{row}"
