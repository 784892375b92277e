"""The functional administrator's set-up screens: create, change and end within her region only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jeugdketen.audit.models import AuditEntry
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.contracten.models import ClientStop, Contract
from jeugdketen.monitoring.models import Budget


def _entries(label: str, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=label, action=action))


@pytest.mark.django_db
def test_start_names_her_region_and_lists_only_its_rows(world, client_as):
    client = client_as("beheer")
    page = client.get("/inrichting/").content.decode()
    assert "Testregio" in page and "Vreemde regio" not in page
    contracts = client.get("/inrichting/contracten/").content.decode()
    assert "CONTRACT-EIGEN-A" in contracts and "CONTRACT-VREEMD-B" not in contracts
    found = client.get("/inrichting/contracten/", {"q": "EIGEN"}).content.decode()
    missed = client.get("/inrichting/contracten/", {"q": "niets-dat-past"}).content.decode()
    assert "CONTRACT-EIGEN-A" in found and "CONTRACT-EIGEN-A" not in missed


@pytest.mark.django_db
def test_create_a_municipality_in_her_region_is_audited(world, client_as):
    client = client_as("beheer")
    response = client.post(
        "/inrichting/gemeenten/nieuw/",
        {"cbs_code": "0797", "name": "'s-Hertogenbosch", "regions": [world.region.pk]},
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(cbs_code="0797")
    assert list(municipality.regions.all()) == [world.region]
    [entry] = _entries("catalogus.Municipality", "create")
    assert entry.user == world.users["beheer"] and entry.object_id == str(municipality.pk)


@pytest.mark.django_db
def test_a_foreign_region_cannot_be_chosen(world, client_as):
    client = client_as("beheer")
    foreign = world.b.municipality.regions.get()
    response = client.post(
        "/inrichting/gemeenten/nieuw/", {"cbs_code": "0798", "name": "Elders", "regions": [foreign.pk]}
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not Municipality.objects.filter(cbs_code="0798").exists()
    assert not _entries("catalogus.Municipality", "create")


@pytest.mark.django_db
def test_create_a_contract_and_change_it(world, client_as):
    client = client_as("beheer")
    response = client.post(
        "/inrichting/contracten/nieuw/",
        {
            "reference": "NOB-2026-001",
            "provider": world.a.provider.pk,
            "region": world.region.pk,
            "start": "2026-01-01",
        },
    )
    contract = Contract.objects.get(reference="NOB-2026-001")
    assert response.status_code == 302 and response["Location"] == f"/inrichting/contracten/{contract.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "NOB-2026-001" in detail and world.a.provider.name in detail
    client.post(
        f"/inrichting/contracten/{contract.pk}/wijzigen/",
        {"start": "2026-01-01", "end": "2027-12-31", "indirect_time_allowed": "on"},
    )
    contract.refresh_from_db()
    assert contract.end == dt.date(2027, 12, 31) and contract.indirect_time_allowed
    assert contract.reference == "NOB-2026-001"  # the key is fixed
    [update] = _entries("contracten.Contract", "update")
    assert "end" in update.detail and "indirect_time_allowed" in update.detail


@pytest.mark.django_db
def test_a_duplicate_contract_number_is_refused(world, client_as):
    client = client_as("beheer")
    response = client.post(
        "/inrichting/contracten/nieuw/",
        {
            "reference": "CONTRACT-EIGEN-A",
            "provider": world.a.provider.pk,
            "region": world.region.pk,
            "start": "2026-01-01",
        },
    )
    assert response.status_code == 200 and "Er is al een contract met dit nummer" in response.content.decode()
    assert Contract.objects.filter(reference="CONTRACT-EIGEN-A").count() == 1


@pytest.mark.django_db
def test_ending_a_client_stop_keeps_it(world, client_as):
    client = client_as("beheer")
    stop = world.a.rows["contracten.ClientStop"]
    response = client.post(f"/inrichting/clientenstops/{stop.pk}/beeindigen/", {"end": "2025-12-31"})
    assert response.status_code == 200 and "ligt voor de ingangsdatum" in response.content.decode()
    response = client.post(f"/inrichting/clientenstops/{stop.pk}/beeindigen/", {"end": "2026-06-30"})
    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.end == dt.date(2026, 6, 30) and ClientStop.objects.filter(pk=stop.pk).exists()
    [entry] = _entries("contracten.ClientStop", "update")
    assert entry.detail == "beëindigd per 30-06-2026"


@pytest.mark.django_db
def test_add_a_client_stop_for_a_product_of_her_region(world, client_as):
    client = client_as("beheer")
    product = world.a.rows["contracten.ContractProduct"].product
    foreign_product = world.b.rows["contracten.ContractProduct"].product
    data = {"provider": world.a.provider.pk, "start": "2026-03-01", "reason": "wachtlijst"}
    refused = client.post("/inrichting/clientenstops/nieuw/", {**data, "product": foreign_product.pk})
    assert refused.status_code == 200 and not ClientStop.objects.filter(reason="wachtlijst").exists()
    assert client.post("/inrichting/clientenstops/nieuw/", {**data, "product": product.pk}).status_code == 302
    stop = ClientStop.objects.get(reason="wachtlijst")
    assert stop.product == product and stop.provider == world.a.provider
    assert _entries("contracten.ClientStop", "create")


@pytest.mark.django_db
def test_a_provider_with_a_contract_elsewhere_cannot_be_changed(world, client_as):
    foreign_region = world.b.municipality.regions.get()
    Contract.objects.create(
        provider=world.a.provider, region=foreign_region, reference="X-1", start=dt.date(2026, 1, 1)
    )
    client = client_as("beheer")
    response = client.post(f"/inrichting/aanbieders/{world.a.provider.pk}/wijzigen/", {"name": "Andere naam"})
    assert response.status_code == 302
    assert Provider.objects.get(pk=world.a.provider.pk).name == "Testaanbieder A"
    assert not _entries("catalogus.Provider", "update")


@pytest.mark.django_db
def test_budget_only_for_a_lot_of_the_municipality_region(world, client_as):
    client = client_as("beheer")
    lot = world.a.rows["monitoring.Budget"].lot
    data = {"municipality": world.a.municipality.pk, "year": 2027, "lot": lot.pk, "amount": "250000,50"}
    assert client.post("/inrichting/budgetten/nieuw/", data).status_code == 302
    budget = Budget.objects.get(municipality=world.a.municipality, year=2027)
    assert str(budget.amount) == "250000.50"
    foreign_lot = world.b.rows["monitoring.Budget"].lot
    response = client.post("/inrichting/budgetten/nieuw/", {**data, "year": 2028, "lot": foreign_lot.pk})
    assert response.status_code == 200 and not Budget.objects.filter(year=2028).exists()


@pytest.mark.django_db
def test_an_administrator_without_a_region_manages_nothing(world, client_as):
    world.users["beheer"].regions.clear()
    client = client_as("beheer")
    assert "geen regio gekoppeld" in client.get("/inrichting/").content.decode()
    assert "CONTRACT-EIGEN-A" not in client.get("/inrichting/contracten/").content.decode()
    contract = world.a.rows["contracten.Contract"]
    assert client.get(f"/inrichting/contracten/{contract.pk}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["toegang", "contract", "aanbieder", "auditor"])
def test_other_roles_cannot_change_the_set_up(world, client_as, role):
    client = client_as(role)
    response = client.post(
        "/inrichting/gemeenten/nieuw/", {"cbs_code": "0797", "name": "X", "regions": [world.region.pk]}
    )
    assert response.status_code == 403 and not Municipality.objects.filter(cbs_code="0797").exists()


@pytest.mark.django_db
def test_change_a_tariff_on_screen_keeps_its_history(world, client_as):
    client = client_as("beheer")
    line = world.a.rows["contracten.ContractProduct"]
    contract = line.contract
    form = client.get(f"/inrichting/contracten/{contract.pk}/tarief/", {"regel": line.pk}).content.decode()
    assert 'value="62,80"' in form  # the current tariff, in Dutch notation
    data = {
        "product": line.product.pk,
        "year": 2026,
        "variant": "regular",
        "amount": "65,00",
        "reason": "nacalculatie",
    }
    response = client.post(f"/inrichting/contracten/{contract.pk}/tarief/", data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert str(line.tariff) == "65.00"
    [entry] = AuditEntry.objects.filter(object_type="contracten.Contract", object_id=str(contract.pk))
    assert entry.detail == "tarief 45A01 2026 regular: 62.80 → 65.00" and entry.user == world.users["beheer"]
    history = client.get(f"/inrichting/tarieven/{line.pk}/").content.decode()
    assert "62.80 → 65.00" in history
    assert "62.80 → 65.00" in client.get(f"/inrichting/contracten/{contract.pk}/historie/").content.decode()


@pytest.mark.django_db
def test_a_tariff_for_a_product_of_another_region_is_refused(world, client_as):
    client = client_as("beheer")
    contract = world.a.rows["contracten.Contract"]
    foreign_product = world.b.rows["contracten.ContractProduct"].product
    data = {"product": foreign_product.pk, "year": 2027, "variant": "regular", "amount": "10,00"}
    response = client.post(f"/inrichting/contracten/{contract.pk}/tarief/", data)
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not contract.products.filter(year=2027).exists()


@pytest.mark.django_db
def test_ending_a_provider_ends_its_contracts_in_her_region_only(world, client_as):
    foreign_region = world.b.municipality.regions.get()
    elsewhere = Contract.objects.create(
        provider=world.a.provider, region=foreign_region, reference="ELDERS-1", start=dt.date(2026, 1, 1)
    )
    client = client_as("beheer")
    response = client.post(f"/inrichting/aanbieders/{world.a.provider.pk}/beeindigen/", {"end": "2026-09-30"})
    assert response.status_code == 302
    own = world.a.rows["contracten.Contract"]
    own.refresh_from_db()
    elsewhere.refresh_from_db()
    assert own.end == dt.date(2026, 9, 30) and elsewhere.end is None
    assert Provider.objects.filter(pk=world.a.provider.pk).exists()
    assert _entries("contracten.Contract", "update") and _entries("catalogus.Provider", "update")


@pytest.mark.django_db
def test_the_workbook_upload_refuses_what_is_not_a_workbook(world, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("beheer")
    page = client.post(
        "/inrichting/werkmap/", {"workbook": SimpleUploadedFile("inrichting.csv", b"cbs_code;naam\n")}
    )
    assert page.status_code == 200 and "Upload een Excel-werkmap (.xlsx)." in page.content.decode()
    assert (
        client.post("/inrichting/werkmap/", {"actie": "toepassen"}).status_code == 302
    )  # no preview: nothing applied


@pytest.mark.django_db
def test_the_demo_administrator_manages_the_demo_regions(world):
    from jeugdketen.accounts.models import User
    from jeugdketen.demo.build import create_users

    User.objects.filter(username__in=["toegang", "contract", "aanbieder", "beheer", "auditor"]).delete()
    create_users([world.a.municipality], [world.a.provider])
    assert list(User.objects.get(username="beheer").regions.all()) == [world.region]


@pytest.mark.django_db
def test_a_micro_tariff_is_kept_beside_the_regular_one_with_history(world, client_as):
    from jeugdketen.contracten.models import TariffChange

    contract = world.a.rows["contracten.Contract"]
    data = {
        "product": world.a.rows["contracten.ContractProduct"].product_id,
        "year": 2026,
        "variant": "micro",
        "amount": "52,91",
    }
    client_as("beheer").post(f"/inrichting/contracten/{contract.pk}/tarief/", data)
    tariffs = dict(contract.products.filter(year=2026).values_list("variant", "tariff"))
    assert tariffs == {"regular": Decimal("62.80"), "micro": Decimal("52.91")}
    change = TariffChange.objects.get(contract=contract, variant="micro")
    assert change.old is None and change.new == Decimal("52.91") and change.actor == world.users["beheer"]
