"""A product book as a spreadsheet (`catalog import FILE.xlsx|FOLDER`, `catalog export --format
xlsx`): the same fields as the YAML form, the same all-or-nothing loading, problems by row."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from jeugdketen.catalogus import tabular
from jeugdketen.catalogus.export import export_json
from jeugdketen.catalogus.loader import CatalogueDataError, data_files, load_file
from jeugdketen.catalogus.models import Product, Region, Tariff

BOOKS = [p.stem for p in data_files()]


def _normal(value):
    """A product record without what only the YAML form carries (transcription conflicts) and
    without empty values, with keys in one order."""
    if isinstance(value, dict):
        return {
            k: _normal(v) for k, v in sorted(value.items()) if v not in (None, [], {}) and k != "conflicts"
        }
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


@pytest.mark.parametrize("slug", BOOKS)
def test_every_book_survives_export_and_import_unchanged(db, tmp_path, slug):
    load_file(next(p for p in data_files() if p.stem == slug))
    before = _normal(json.loads(export_json(slug)))
    path = tmp_path / f"{slug}.xlsx"
    assert tabular.write(slug, path) == len(before)
    result = load_file(path)
    assert result.loaded and result.products == len(before)
    assert _normal(json.loads(export_json(slug))) == before


def _sheets(rows_by_sheet: dict[str, list[list]]) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    return book


NEW_BOOK = {
    "region": [tabular.REGION_COLUMNS, ["voorbeeld-2027", "Voorbeeldregio", 2027, "eigen.txt", "Nieuw boek"]],
    "lots": [tabular.LOT_COLUMNS, ["1", "Ambulant"]],
    "municipalities": [tabular.MUNICIPALITY_COLUMNS, ["Voorbeeldstad", "9991"]],
    "products": [
        [
            "code",
            "category",
            "name",
            "lot",
            "unit.ijw",
            "unit.label",
            "age.min",
            "age.max",
            "referrers",
            "source.lines",
        ],
        ["45X01", "45", "Ambulante begeleiding", "1", "01", "minuut", 0, 18, "01;02", "10-20"],
        ["45X02", "45", "Ambulante behandeling", "1", "01", "minuut", 0, 18, "01", "21-30"],
    ],
    "tariffs": [
        tabular.TARIFF_COLUMNS,
        ["45X01", 2027, "1,23", "minuut", "regular"],
        ["45X02", 2027, "1.50", "", ""],
    ],
}


def test_a_new_region_loads_from_a_folder_of_csv_files(db, tmp_path):
    folder = tmp_path / "boek"
    folder.mkdir()
    for name, rows in NEW_BOOK.items():
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(rows)
        (folder / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")
    stdout = io.StringIO()
    call_command("catalog", "import", str(folder), stdout=stdout)
    assert "voorbeeld-2027: 2 products loaded" in stdout.getvalue()
    region = Region.objects.get(slug="voorbeeld-2027")
    assert region.year == 2027 and region.municipalities.get().cbs_code == "9991"
    first = Product.objects.get(region=region, code="45X01")
    assert first.referrers == ["01", "02"] and first.lot.code == "1" and first.age_max == 18
    assert [str(t.amount) for t in Tariff.objects.filter(product__region=region).order_by("amount")] == [
        "1.23",
        "1.50",
    ]
    # The same folder again changes nothing.
    call_command("catalog", "import", str(folder), stdout=stdout)
    assert "unchanged" in stdout.getvalue().splitlines()[-1]


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "message"),
    [
        ("products", 1, 6, "achttien", "products, rij 2, age.min: 'achttien' is geen geheel getal"),
        ("products", 2, 9, "", "products, rij 3, source.lines: verplicht"),
        ("products", 2, 0, "45X01", "products, rij 3, code: '45X01' komt vaker voor"),
        ("tariffs", 1, 2, "twaalf", "tariffs, rij 2, amount: 'twaalf' is geen bedrag"),
        ("tariffs", 2, 0, "99Z99", "tariffs, rij 3, product: '99Z99' staat niet op het blad products"),
        ("region", 1, 2, "", "region, rij 2, year: verplicht"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_stored(db, tmp_path, sheet, row, column, value, message):
    rows = {name: [list(r) for r in table] for name, table in NEW_BOOK.items()}
    rows[sheet][row][column] = value
    path = tmp_path / "boek.xlsx"
    _sheets(rows).save(path)
    with pytest.raises(CatalogueDataError) as problem:
        load_file(path)
    assert message in str(problem.value).splitlines()
    assert not Region.objects.filter(slug="voorbeeld-2027").exists()
    assert not Product.objects.filter(code__startswith="45X").exists()


def test_the_command_lists_every_problem_and_exits_1(db, tmp_path, capsys):
    rows = {name: [list(r) for r in table] for name, table in NEW_BOOK.items()}
    rows["products"][1][6] = "x"
    rows["tariffs"][2][2] = "y"
    path = tmp_path / "boek.xlsx"
    _sheets(rows).save(path)
    with pytest.raises(SystemExit) as exit_code:
        call_command("catalog", "import", str(path))
    assert exit_code.value.code == 1
    err = capsys.readouterr().err
    assert (
        "products, rij 2, age.min" in err and "tariffs, rij 3, amount" in err and "nothing was stored" in err
    )


def test_a_file_that_is_no_workbook_is_one_clear_problem(db, tmp_path):
    path = tmp_path / "boek.xlsx"
    path.write_bytes(b"geen werkmap")
    with pytest.raises(CatalogueDataError, match="geen leesbare werkmap"):
        load_file(path)


def test_the_export_command_writes_the_form_import_reads(db, tmp_path):
    load_file(next(p for p in data_files() if p.stem == "noordoost-brabant-2021"))
    path = tmp_path / "nob.xlsx"
    call_command(
        "catalog", "export", "--format", "xlsx", "--region", "noordoost-brabant-2021", "--out", str(path)
    )
    book = load_workbook(path, read_only=True)
    assert set(book.sheetnames) == set(tabular.SHEETS)
    header = next(book["products"].iter_rows(values_only=True))
    assert list(header) == list(tabular.PRODUCT_COLUMNS)


def test_a_one_column_csv_sheet_is_read(db, tmp_path):
    from jeugdketen.core.tables import read_tables

    (tmp_path / "lots.csv").write_text("code\n1\n2\n", encoding="utf-8")
    assert list(read_tables(tmp_path, ["lots"])["lots"]) == [["code"], ["1"], ["2"]]
