"""The auditor's page and export, and the 'exactly one entry' rule for client files."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import RequestFactory

from jeugdketen.audit.log import changed, client_viewed, exported, record
from jeugdketen.audit.models import AuditEntry
from jeugdketen.audit.views import csv_cell
from tests.security.urls import all_routes, declaration


@pytest.mark.django_db
def test_auditor_filters_the_log(world, client_as):
    record(
        actor="toegang", action="view", object_type="toegang.Client", route="GET /x/", client=world.a.client
    )
    record(actor="aanbieder", action="update", object_type="toegang.Toewijzing", route="POST /y/")
    client = client_as("auditor")
    page = client.get("/audit/", {"actor": "aanbieder"}).content.decode()
    assert "POST /y/" in page and "GET /x/" not in page
    page = client.get("/audit/", {"client": world.a.client.pk}).content.decode()
    assert "GET /x/" in page and "POST /y/" not in page
    assert client.get("/audit/", {"since": "geen-datum"}).status_code == 200


@pytest.mark.django_db
def test_export_is_csv_and_is_itself_audited(world, client_as):
    record(
        actor="toegang", action="view", object_type="toegang.Client", route="GET /x/", detail="=HYPERLINK(1)"
    )
    client = client_as("auditor")
    before = AuditEntry.objects.filter(action="export").count()
    response = client.get("/audit/export.csv", {"actor": "toegang"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][0] == "tijdstip" and any(row[1] == "toegang" for row in rows[1:])
    assert all(not cell.startswith("=") for row in rows for cell in row), "formula injection"
    exports = AuditEntry.objects.filter(action="export")
    assert exports.count() == before + 1
    assert exports.first().actor == "auditor" and exports.first().route == "GET /audit/export.csv"


@pytest.mark.parametrize("role", ["toegang", "contract", "aanbieder", "beheer"])
@pytest.mark.django_db
def test_only_the_auditor_reads_the_log(world, client_as, role):
    client = client_as(role)
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_csv_cell_defuses_formulas():
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("@SUM") == "'@SUM" and csv_cell("gewoon") == "gewoon"


@pytest.mark.django_db
def test_helpers_write_exactly_one_entry_each(world):
    request = RequestFactory().get("/clienten/1/")
    request.user = world.users["toegang"]
    client_viewed(request, world.a.client)
    changed(request, world.a.client, detail="adres")
    exported(request, "toegang.Client", count=3)
    entries = list(AuditEntry.objects.order_by("id"))
    assert [(e.action, e.client_id) for e in entries] == [
        ("view", world.a.client.pk),
        ("update", world.a.client.pk),
        ("export", None),
    ]
    assert entries[0].route == "GET /clienten/1/" and entries[0].actor == "toegang"


def _client_file_routes():
    return [
        route
        for route in all_routes()
        if (access := declaration(route).access) is not None
        and access.personal_data
        and access.model == "toegang.Client"
    ]


@pytest.mark.django_db
def test_every_client_file_view_writes_exactly_one_entry(world, client_as):
    """Every view declared as the client file, web or API, logs each look exactly once."""
    from django.urls import reverse

    from jeugdketen.accounts.access import permissions

    routes = _client_file_routes()
    if not routes:
        pytest.skip("no client-file view is routed yet (toegang app)")
    for role in ("toegang", "contract", "aanbieder"):
        client = client_as(role)
        for route in routes:
            access = declaration(route).access
            if access.perm not in permissions(world.users[role]):
                continue
            before = AuditEntry.objects.filter(client=world.a.client, action="view").count()
            url = reverse(route.name, kwargs={access.url_kwarg: world.a.client.pk})
            assert client.get(url).status_code == 200, url
            after = AuditEntry.objects.filter(client=world.a.client, action="view").count()
            assert after == before + 1, f"{role} {url}: {after - before} entries"
            entry = AuditEntry.objects.filter(client=world.a.client, action="view").first()
            assert entry.actor == role and url in entry.route


@pytest.mark.django_db
def test_every_export_writes_exactly_one_entry(world, client_as):
    """Every view whose permission is an export permission logs exactly one export entry."""
    from django.urls import NoReverseMatch, reverse

    from jeugdketen.accounts.access import permissions

    checked = 0
    for route in all_routes():
        access = declaration(route).access
        if (
            access is None
            or not access.perm
            or not (access.perm.endswith(".export") or access.perm == "export.run")
        ):
            continue
        for role in ("toegang", "contract", "aanbieder", "beheer", "auditor"):
            if access.perm not in permissions(world.users[role]):
                continue
            try:
                url = reverse(route.name)
            except NoReverseMatch:
                continue
            client = client_as(role)
            before = AuditEntry.objects.filter(action="export").count()
            assert client.get(url).status_code == 200, url
            assert AuditEntry.objects.filter(action="export").count() == before + 1, f"{role} {url}"
            checked += 1
    assert checked >= 1
