"""CSV and XLSX of a Report: the same rows as the page, money as euros with two decimals."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from .report import Report, plain_value


def to_csv(report: Report) -> str:
    """One block per table; a blank line and the table title separate blocks. Semicolons, as Dutch Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    for index, table in enumerate(report.tables):
        if index:
            writer.writerow([])
            writer.writerow([table.title])
        writer.writerow([column.label for column in table.columns])
        for row in table.rows:
            writer.writerow(
                ["" if (v := plain_value(row.get(c.key), c.kind)) is None else v for c in table.columns]
            )
    return out.getvalue()


def to_xlsx(report: Report) -> bytes:
    """One sheet per table; euros as numbers with a euro format, dates as dates."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in report.tables:
        sheet = workbook.create_sheet(table.title[:31])
        sheet.append([column.label for column in table.columns])
        for row in table.rows:
            sheet.append([plain_value(row.get(column.key), column.kind) for column in table.columns])
        for number, column in enumerate(table.columns, start=1):
            fmt = {"money": '"€" #,##0.00', "percent": "0.0", "decimal": "0.0", "date": "dd-mm-yyyy"}.get(
                column.kind
            )
            if fmt:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                    cell.number_format = fmt
            sheet.column_dimensions[sheet.cell(1, number).column_letter].width = max(
                12, min(40, len(column.label) + 2)
            )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
