"""Pages, exports and the report command show the same numbers, and respect roles."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from jeugdketen.audit.models import AuditEntry
from jeugdketen.monitoring import figures
from jeugdketen.monitoring.models import Budget

D = dt.date


@pytest.fixture
def filled(region):
    today = dt.date.today()
    Budget.objects.create(
        municipality=region.gemeente_a, year=today.year, lot=region.lot_ambulant, amount=Decimal("12345.67")
    )
    client = region.client(last_name="Pietersen")
    region.toewijzing(client=client, begin=D(today.year - 1, 1, 1), volume=2)
    region.toewijzing(begin=D(today.year - 1, 6, 1), municipality=region.gemeente_b, volume=3)
    return region


@pytest.mark.parametrize("name", figures.NAMES)
def test_page_export_and_json_agree(client, contract_manager, filled, name):
    client.force_login(contract_manager)
    page = client.get(f"/monitoring/{name}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<script" not in html
    report = page.context["report"]
    # The XLSX holds the same numbers as the page's report, money in euros.
    xlsx = client.get(f"/monitoring/{name}/export.xlsx")
    assert xlsx.status_code == 200
    workbook = load_workbook(io.BytesIO(xlsx.content))
    for table, sheet in zip(report.tables, workbook.worksheets, strict=True):
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == [c.label for c in table.columns]
        assert len(values) - 1 == len(table.rows)
        for row, cells in zip(table.rows, values[1:], strict=True):
            for column, cell in zip(table.columns, cells, strict=True):
                expected = row.get(column.key)
                if column.kind == "money" and expected is not None:
                    assert Decimal(str(cell)) == Decimal(expected) / 100
                elif column.kind == "date" and expected is not None:
                    assert cell.date() == expected
                elif column.kind == "text":
                    assert (cell or "") == (expected or "")
                elif expected is not None:
                    assert Decimal(str(cell)) == Decimal(expected)
    csv_text = client.get(f"/monitoring/{name}/export.csv").content.decode()
    assert csv_text.splitlines()[0].split(";") == [c.label for c in report.tables[0].columns]
    # Every money cell of the page appears in the CSV with the same euros.
    for row in report.tables[0].rows:
        for column in report.tables[0].columns:
            if column.kind == "money" and row.get(column.key) is not None:
                assert (
                    str(Decimal(row[column.key]) / 100) in csv_text
                    or f"{row[column.key] / 100:.2f}" in csv_text
                )


def test_contract_manager_sees_only_her_municipality_and_names(client, contract_manager, filled):
    client.force_login(contract_manager)
    html = client.get("/monitoring/top75/").content.decode()
    assert "Beekdal" not in html
    assert "Pietersen" in html
    assert AuditEntry.objects.filter(action="view", object_type="monitoring.top75").count() == 1


def test_roles_without_monitoring_are_refused(client, provider_user, filled):
    client.force_login(provider_user)
    assert client.get("/monitoring/").status_code == 403
    assert client.get("/monitoring/budget/export.csv").status_code == 403
    client.logout()
    assert client.get("/monitoring/").status_code == 302


def test_dashboard_is_light_and_links_every_figure(client, contract_manager, filled):
    client.force_login(contract_manager)
    html = client.get("/monitoring/").content.decode()
    # Budget and accountability (small tables) with summary and chart; a link to each of the six.
    assert html.count("<svg") == 2
    for name in figures.NAMES:
        assert f'href="/monitoring/{name}/' in html
    assert client.get("/monitoring/onbekend/").status_code == 404


def test_report_command_json(filled, capsys):
    year = dt.date.today().year
    call_command("report", "budget", "--json", "--today", f"{year}-07-01", "--year", str(year))
    data = json.loads(capsys.readouterr().out)
    assert data["report"] == "budget"
    assert data["parameters"] == {"year": year, "today": f"{year}-07-01", "source": "toewijzingen"}
    row = next(r for r in data["tables"]["rows"] if r["municipality"] == "Aadorp")
    assert row["budget"] == "12345.67"
    # 2 hours a week at € 70 = € 20 a day; realised is January-June.
    days = (D(year, 7, 1) - D(year, 1, 1)).days
    assert row["realised"] == f"{20 * days}.00"
    for name in figures.NAMES:
        call_command("report", name, "--json", "--gemeente", "0001")
        data = json.loads(capsys.readouterr().out)
        assert set(data) == {"report", "parameters", "summary", "tables"}
        assert "Beekdal" not in json.dumps(data)
