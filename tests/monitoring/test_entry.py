"""Data entry: budgets, accountability documents and SROI, scoped to the contract manager's municipalities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jeugdketen.audit.models import AuditEntry
from jeugdketen.monitoring.models import AccountabilityDocument, Budget, SroiContribution


@pytest.fixture
def logged_in(client, contract_manager):
    client.force_login(contract_manager)
    return client


def test_budget_is_saved_replaced_and_audited(logged_in, region):
    page = logged_in.get("/monitoring/invoer/budgetten/")
    assert page.status_code == 200
    assert 'for="id_amount"' in page.content.decode() and "csrfmiddlewaretoken" in page.content.decode()
    data = {
        "municipality": region.gemeente_a.pk,
        "year": 2025,
        "lot": region.lot_ambulant.pk,
        "amount": "1000.50",
    }
    assert logged_in.post("/monitoring/invoer/budgetten/", data).status_code == 302
    logged_in.post("/monitoring/invoer/budgetten/", dict(data, amount="2000.00"))
    budget = Budget.objects.get()
    assert budget.amount == Decimal("2000.00")
    entries = AuditEntry.objects.filter(object_type="monitoring.Budget").order_by("id")
    assert [e.detail for e in entries] == ["budget None -> 1000.50", "budget 1000.50 -> 2000.00"]


def test_other_municipality_cannot_be_chosen(logged_in, region):
    data = {"municipality": region.gemeente_b.pk, "year": 2025, "lot": region.lot_ambulant.pk, "amount": "10"}
    response = logged_in.post("/monitoring/invoer/budgetten/", data)
    assert response.status_code == 200  # the form again, with an error
    assert not Budget.objects.exists()
    assert not AuditEntry.objects.filter(object_type="monitoring.Budget").exists()


def test_document_and_sroi_entry(logged_in, region):
    region.toewijzing(begin=dt.date(2024, 1, 1))  # provider X works in Aadorp
    response = logged_in.post(
        "/monitoring/invoer/verantwoording/",
        {
            "provider": region.provider_x.pk,
            "municipality": region.gemeente_a.pk,
            "year": 2024,
            "kind": "productverantwoording",
            "received_on": "2025-02-20",
        },
    )
    assert response.status_code == 302
    assert AccountabilityDocument.objects.get().received_on == dt.date(2025, 2, 20)
    response = logged_in.post(
        "/monitoring/invoer/sroi/",
        {"provider": region.provider_x.pk, "year": 2024, "category": "B", "amount": "1250.00"},
    )
    assert response.status_code == 302
    assert SroiContribution.objects.get().amount == Decimal("1250.00")
    assert AuditEntry.objects.filter(action="create").count() == 2


def test_provider_gets_403(client, provider_user):
    client.force_login(provider_user)
    for url in (
        "/monitoring/invoer/budgetten/",
        "/monitoring/invoer/verantwoording/",
        "/monitoring/invoer/sroi/",
    ):
        assert client.get(url).status_code == 403
