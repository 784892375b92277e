"""Indexing a contract's or a region's tariffs for a new year: first the result, then applied."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jeugdketen.audit.models import AuditEntry
from jeugdketen.contracten.models import ContractProduct


def _form(world, **extra):
    return {"doel": f"regio:{world.region.pk}", "year": 2026, "new_year": 2027, "percentage": "2,01", **extra}


@pytest.mark.django_db
def test_the_result_is_shown_before_anything_is_stored(world, client_as):
    page = client_as("beheer").get("/inrichting/indexeren/", _form(world)).content.decode()
    assert "64,06" in page and "62,80" in page  # 62.80 × 1.0201 = 64.06228, half up
    assert "half naar boven" in page
    assert not ContractProduct.objects.filter(year=2027).exists()
    assert not AuditEntry.objects.filter(action="update").exists()


def _prescribing(world, unit: str) -> None:
    world.region.extra = {"cost_model": {"rounding": {"value": "up", "lines": [3444, 3448]}}}
    world.region.save()
    world.region.products.update(unit_code=unit)


@pytest.mark.django_db
def test_a_book_that_prescribes_rounding_up_rounds_hourly_tariffs_up(world, client_as):
    _prescribing(world, "04")
    page = client_as("beheer").get("/inrichting/indexeren/", _form(world)).content.decode()
    assert "64,07" in page and "deelbaar door 60" in page


@pytest.mark.django_db
def test_that_book_rounds_a_dagdeel_tariff_half_up_as_the_cost_model_does(world, client_as):
    from jeugdketen.kostprijs.model import DAGDEEL, round_tariff

    _prescribing(world, "16")
    page = client_as("beheer").get("/inrichting/indexeren/", _form(world)).content.decode()
    assert "64,06" in page and "64,07" not in page
    assert round_tariff(Decimal("62.80") * Decimal("1.0201"), DAGDEEL) == Decimal("64.06")


@pytest.mark.django_db
def test_applying_records_each_new_tariff(world, client_as):
    client = client_as("beheer")
    response = client.post("/inrichting/indexeren/", _form(world))
    assert response.status_code == 200
    contract = world.a.rows["contracten.Contract"]
    line = ContractProduct.objects.get(contract=contract, year=2027)
    assert line.tariff == Decimal("64.06")
    assert not ContractProduct.objects.filter(
        contract=world.b.rows["contracten.Contract"], year=2027
    ).exists()
    entry = AuditEntry.objects.get(object_type="contracten.Contract", object_id=str(contract.pk))
    assert entry.detail == "tarief 45A01 2027 regular: nieuw" and entry.user == world.users["beheer"]
    again = client.post("/inrichting/indexeren/", _form(world, percentage="3"))
    assert again.status_code == 200
    line.refresh_from_db()
    assert line.tariff == Decimal("64.68")
    assert AuditEntry.objects.filter(detail="tarief 45A01 2027 regular: 64.06 → 64.68").exists()


@pytest.mark.django_db
def test_a_foreign_target_is_refused(world, client_as):
    foreign = world.b.rows["contracten.Contract"]
    response = client_as("beheer").post("/inrichting/indexeren/", _form(world, doel=f"contract:{foreign.pk}"))
    assert "Kies een regio of een contract van uw regio" in response.content.decode()
    assert not ContractProduct.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_the_chosen_target_stays_selected(world, client_as):
    contract = world.a.rows["contracten.Contract"]
    page = (
        client_as("beheer")
        .get("/inrichting/indexeren/", _form(world, doel=f"contract:{contract.pk}"))
        .content
    )
    assert f'value="contract:{contract.pk}" selected'.encode() in page
    assert b"CONTRACT-VREEMD-B" not in page
