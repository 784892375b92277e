"""The set-up over /api/v1/inrichting: the functional administrator's session reads and writes
her region's set-up; organisation tokens and other roles are refused; nothing is deleted."""

from __future__ import annotations

import pytest

from jeugdketen.accounts.models import User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.contracten.models import Contract

PROBLEM = "application/problem+json"


def _contract(world, **extra):
    return {
        "reference": "API-2026-1",
        "provider": world.a.provider.agb_code,
        "region": world.region.slug,
        "start": "2026-01-01",
        **extra,
    }


@pytest.mark.django_db
def test_she_reads_her_region_only(world, client_as):
    client = client_as("beheer")
    body = client.get("/api/v1/inrichting/contracten").json()
    references = {row["reference"] for row in body["results"]}
    assert references == {"CONTRACT-EIGEN-A"}
    own = world.a.rows["contracten.Contract"]
    detail = client.get(f"/api/v1/inrichting/contracten/{own.pk}").json()
    assert detail["provider"] == world.a.provider.agb_code and detail["products"][0]["tariff"] == "62.80"
    foreign = world.b.rows["contracten.Contract"]
    response = client.get(f"/api/v1/inrichting/contracten/{foreign.pk}")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM


@pytest.mark.django_db
def test_create_and_end_a_contract_is_audited(world, client_as):
    client = client_as("beheer")
    response = client.post("/api/v1/inrichting/contracten", _contract(world), content_type="application/json")
    assert response.status_code == 201, response.content
    contract = Contract.objects.get(reference="API-2026-1")
    ended = client.patch(
        f"/api/v1/inrichting/contracten/{contract.pk}", {"end": "2026-12-31"}, content_type="application/json"
    )
    assert ended.status_code == 200 and ended.json()["end"] == "2026-12-31"
    actions = list(
        AuditEntry.objects.filter(object_type="contracten.Contract", object_id=str(contract.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]
    assert client.delete(f"/api/v1/inrichting/contracten/{contract.pk}").status_code == 405
    assert Contract.objects.filter(pk=contract.pk).exists()


@pytest.mark.django_db
def test_keys_and_foreign_rows_are_refused_as_problems(world, client_as):
    client = client_as("beheer")
    foreign = world.b.municipality.regions.get()
    response = client.post(
        "/api/v1/inrichting/contracten",
        _contract(world, region=foreign.slug),
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert "region" in str(response.json()["invalid-params"])
    municipality = world.a.municipality
    moved = client.patch(
        f"/api/v1/inrichting/gemeenten/{municipality.pk}",
        {"cbs_code": "0001"},
        content_type="application/json",
    )
    assert moved.status_code == 400
    municipality.refresh_from_db()
    assert municipality.cbs_code == "9901"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["systeem-gemeente", "systeem-aanbieder"])
def test_tokens_cannot_change_the_set_up(world, api_token, client, kind):
    header = api_token(kind)
    assert client.get("/api/v1/inrichting/contracten", HTTP_AUTHORIZATION=header).status_code == 403
    response = client.post(
        "/api/v1/inrichting/contracten",
        _contract(world),
        content_type="application/json",
        HTTP_AUTHORIZATION=header,
    )
    assert response.status_code == 403 and not Contract.objects.filter(reference="API-2026-1").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["toegang", "contract", "aanbieder", "auditor"])
def test_other_roles_cannot_change_the_set_up(world, client_as, role):
    response = client_as(role).post(
        "/api/v1/inrichting/contracten", _contract(world), content_type="application/json"
    )
    assert response.status_code == 403 and not Contract.objects.filter(reference="API-2026-1").exists()


@pytest.mark.django_db
def test_invite_a_user_answers_the_activation_link_once(world, client_as):
    client = client_as("beheer")
    data = {
        "username": "api.gebruiker",
        "email": "api@example.org",
        "role": "aanbieder",
        "provider": world.a.provider.agb_code,
    }
    response = client.post("/api/v1/inrichting/gebruikers", data, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert "/inrichting/activeren/" in body["activation_link"] and body["activated"] is False
    user = User.objects.get(username="api.gebruiker")
    assert user.provider == world.a.provider and not user.has_usable_password()
    assert client.get(f"/api/v1/inrichting/gebruikers/{user.pk}").json()["activation_link"] is None
    refused = client.post(
        "/api/v1/inrichting/gebruikers",
        {**data, "username": "x", "role": "toegangsmedewerker"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and not User.objects.filter(username="x").exists()


@pytest.mark.django_db
def test_client_stop_and_budget_over_the_api(world, client_as):
    client = client_as("beheer")
    product = world.a.rows["contracten.ContractProduct"].product
    stop = {
        "provider": world.a.provider.agb_code,
        "product": product.pk,
        "start": "2026-02-01",
        "reason": "vol",
    }
    created = client.post("/api/v1/inrichting/clientenstops", stop, content_type="application/json")
    assert created.status_code == 201 and created.json()["product_code"] == "45A01"
    lot = world.a.rows["monitoring.Budget"].lot
    budget = {"municipality": world.a.municipality.cbs_code, "year": 2026, "lot": lot.pk, "amount": "1.00"}
    duplicate = client.post("/api/v1/inrichting/budgetten", budget, content_type="application/json")
    assert duplicate.status_code == 400
    assert (
        client.post(
            "/api/v1/inrichting/budgetten", {**budget, "year": 2027}, content_type="application/json"
        ).status_code
        == 201
    )


@pytest.mark.django_db
def test_a_tariff_over_the_api(world, client_as):
    client = client_as("beheer")
    contract = world.a.rows["contracten.Contract"]
    url = f"/api/v1/inrichting/contracten/{contract.pk}/tarieven"
    response = client.post(
        url, {"code": "45A01", "year": 2027, "tariff": "64.10"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert {(p["code"], p["year"], p["tariff"]) for p in response.json()["products"]} >= {
        ("45A01", 2027, "64.10")
    }
    assert (
        client.post(
            url, {"code": "99Z99", "year": 2027, "tariff": "1"}, content_type="application/json"
        ).status_code
        == 400
    )
    entry = AuditEntry.objects.get(object_type="contracten.Contract", object_id=str(contract.pk))
    assert entry.detail == "tarief 45A01 2027 regular: nieuw" and entry.route == f"POST {url}"


@pytest.mark.django_db
def test_deactivate_a_user_over_the_api_but_not_herself(world, client_as):
    client = client_as("beheer")
    target = world.users["toegang"]
    response = client.patch(
        f"/api/v1/inrichting/gebruikers/{target.pk}", {"is_active": False}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    target.refresh_from_db()
    assert not target.is_active
    assert AuditEntry.objects.filter(
        object_type="accounts.User", object_id=str(target.pk), detail__contains="is_active"
    ).exists()
    me = world.users["beheer"]
    refused = client.patch(
        f"/api/v1/inrichting/gebruikers/{me.pk}", {"is_active": False}, content_type="application/json"
    )
    assert refused.status_code == 400
    me.refresh_from_db()
    assert me.is_active
