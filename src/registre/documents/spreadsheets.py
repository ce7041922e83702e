"""Write the register workbook as ODS (the CNIL's open format), XLSX or CSV.

ODS and XLSX get every sheet, with headings in bold, wrapped text and column widths fitted to the
content, and print settings: A4 landscape, fitted to the page's width, the header row repeated on every
page. CSV has no sheets, so it gets the flat table (one row per activity, one column per Art. 30
field), in UTF-8 with a byte-order mark so that spreadsheet programs read accents right, its fields
separated by `;` as French spreadsheet programs expect (`,` on request).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Literal, get_args

from odf.namespaces import LOEXTNS, STYLENS
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import P
from openpyxl import Workbook as XlsxWorkbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from registre.declarations.declared import Declared
from registre.documents.register import RowKind, Sheet, Workbook, build
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg

Format = Literal["ods", "xlsx", "csv"]
FORMATS: tuple[Format, ...] = get_args(Format)
UNKNOWN_FORMAT = Msg(en="'{format}' is not a register format; use one of {known}.",
                     fr="« {format} » n'est pas un format de registre ; utilisez l'un de {known}.")
DELIMITERS = (";", ",")
UNKNOWN_DELIMITER = Msg(en="'{delimiter}' is not a CSV delimiter; use ';' (French spreadsheets) or ','.",
                        fr="« {delimiter} » n'est pas un séparateur CSV ; utilisez « ; » (tableurs en français) "
                           "ou « , ».")

MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths, in characters
CM_PER_CHAR = 0.2
SECTION_FILL = "DDE4EE"


def export(declared: Declared, fmt: str, path: Path, lang: Lang = "fr", delimiter: str = ";") -> None:
    """Write the register of `declared` in `lang` to `path` as `fmt` (ods, xlsx or csv, its fields separated by
    `delimiter`)."""
    writer = _writer(fmt, delimiter)  # an unknown format is refused before the register is built
    writer(build(declared, lang), path)


def write(workbook: Workbook, fmt: str, path: Path, delimiter: str = ";") -> None:
    """Write `workbook` to `path` as `fmt` (ods, xlsx or csv, its fields separated by `delimiter`)."""
    _writer(fmt, delimiter)(workbook, path)


def widths(sheet: Sheet) -> list[int]:
    """Each column's width in characters: its longest cell, headings of fiches aside, within bounds."""
    out: list[int] = []
    for row in sheet.rows:
        if row.kind is RowKind.heading:
            continue
        out += [MIN_WIDTH] * (len(row.cells) - len(out))
        for index, cell in enumerate(row.cells):
            out[index] = max(out[index], min(len(cell or ""), MAX_WIDTH))
    return out


def write_ods(workbook: Workbook, path: Path) -> None:
    """Write `workbook` as an OpenDocument spreadsheet, headings in bold, columns fitted to the content."""
    doc = OpenDocumentSpreadsheet()
    styles = {kind: _ods_cell_style(doc, kind) for kind in RowKind}
    column_styles: dict[int, Style] = {}
    printed = _ods_print_style(doc)
    for sheet in workbook.sheets:
        table = Table(name=sheet.name, stylename=printed)
        for width in widths(sheet):
            if width not in column_styles:
                column_styles[width] = _ods_column_style(doc, width)
            table.addElement(TableColumn(stylename=column_styles[width]))
        headers = TableHeaderRows() if sheet.frozen_rows else None  # printed again at the top of every page
        if headers is not None:
            table.addElement(headers)
        for number, row in enumerate(sheet.rows):
            element = TableRow()
            for cell in row.cells:
                element.addElement(_ods_cell(cell, styles[row.kind]))
            (headers if headers is not None and number < sheet.frozen_rows else table).addElement(element)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))


def write_xlsx(workbook: Workbook, path: Path) -> None:
    """Write `workbook` as an Excel workbook, headings in bold, columns fitted, header rows frozen and repeated
    on every printed page, A4 landscape fitted to the page's width."""
    book = XlsxWorkbook()
    for default in [*book.worksheets]:
        book.remove(default)
    fonts = {RowKind.heading: Font(bold=True, size=13), RowKind.section: Font(bold=True),
             RowKind.header: Font(bold=True), RowKind.body: Font()}
    fill = PatternFill("solid", start_color=SECTION_FILL)
    alignment = Alignment(wrap_text=True, vertical="top")
    for sheet in workbook.sheets:
        ws = book.create_sheet(title=sheet.name)
        for number, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row.cells, start=1):
                text = _xml_text(value)
                cell = ws.cell(row=number, column=column, value=text)
                if text is not None and text.startswith("="):
                    cell.data_type = "s"  # a text, never a formula
                cell.font, cell.alignment = fonts[row.kind], alignment
                if row.kind is RowKind.section:
                    cell.fill = fill
        for column, width in enumerate(widths(sheet), start=1):
            ws.column_dimensions[get_column_letter(column)].width = width + 2
        if sheet.frozen_rows:
            ws.freeze_panes = ws.cell(row=sheet.frozen_rows + 1, column=1)
            ws.print_title_rows = f"1:{sheet.frozen_rows}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)


def write_csv(workbook: Workbook, path: Path, delimiter: str = ";") -> None:
    """Write the flat table of `workbook`: one row per activity, one column per Art. 30 field, UTF-8 with BOM,
    fields separated by `delimiter` (`;`, what French spreadsheet programs split on, or `,`)."""
    if delimiter not in DELIMITERS:
        raise InvalidInput(UNKNOWN_DELIMITER, delimiter=delimiter)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        for row in workbook.flat.rows:
            writer.writerow([_csv_text(cell) for cell in row.cells])


def _csv_text(cell: str | None) -> str:
    """A cell as CSV text; one that a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    if cell is None:
        return ""
    return "'" + cell if cell.startswith(("=", "+", "-", "@")) else cell


_WRITERS: dict[str, Callable[[Workbook, Path], None]] = {"ods": write_ods, "xlsx": write_xlsx, "csv": write_csv}


def _writer(fmt: str, delimiter: str = ";") -> Callable[[Workbook, Path], None]:
    """The writer of `fmt`; refuses an unknown format or delimiter before any work is done."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise InvalidInput(UNKNOWN_FORMAT, format=fmt, known=", ".join(FORMATS))
    if fmt == "csv":
        if delimiter not in DELIMITERS:
            raise InvalidInput(UNKNOWN_DELIMITER, delimiter=delimiter)
        return partial(write_csv, delimiter=delimiter)
    return writer


def _ods_cell_style(doc: OpenDocumentSpreadsheet, kind: RowKind) -> Style:
    """The automatic cell style of a row kind: wrapped and top-aligned; bold, larger or shaded for headings."""
    style = Style(name=f"cell-{kind.value}", family="table-cell")
    cell = {"wrapoption": "wrap", "verticalalign": "top"}
    if kind is RowKind.section:
        cell["backgroundcolor"] = f"#{SECTION_FILL}"
    style.addElement(TableCellProperties(**cell))
    if kind is not RowKind.body:
        size = {"fontsize": "13pt"} if kind is RowKind.heading else {}
        style.addElement(TextProperties(fontweight="bold", fontweightasian="bold", fontweightcomplex="bold", **size))
    doc.automaticstyles.addElement(style)
    return style


def _ods_print_style(doc: OpenDocumentSpreadsheet) -> Style:
    """The tables' style: printed on A4 landscape, fitted to one page wide (as many pages down as needed)."""
    layout = PageLayout(name="register-page")
    # ODF 1.3 names the fit-to-width `style:scale-to-X`; LibreOffice before it read `loext:scale-to-X`: both
    fitted = {(STYLENS, "scale-to-X"): "1", (LOEXTNS, "scale-to-X"): "1"}
    layout.addElement(PageLayoutProperties(printorientation="landscape", pagewidth="29.7cm", pageheight="21cm",
                                           margin="1cm", qattributes=fitted))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(MasterPage(name="register", pagelayoutname=layout))
    style = Style(name="register-table", family="table", masterpagename="register")
    style.addElement(TableProperties(display="true"))
    doc.automaticstyles.addElement(style)
    return style


def _ods_column_style(doc: OpenDocumentSpreadsheet, width: int) -> Style:
    style = Style(name=f"column-{width}", family="table-column")
    style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHAR:.2f}cm"))
    doc.automaticstyles.addElement(style)
    return style


def _ods_cell(value: str | None, style: Style) -> TableCell:
    """A text cell (an empty one for `None`)."""
    if value is None:
        return TableCell(stylename=style)
    cell = TableCell(stylename=style, valuetype="string")
    cell.addElement(P(text=_xml_text(value)))
    return cell


def _xml_text(value: str | None) -> str | None:
    """A cell's text without the control characters XML forbids (a pasted log line): dropped, not refused."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if value is not None else None
