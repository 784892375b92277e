"""Every change to the set-up goes to the audit log: each screen and API endpoint of
``jeugdketen.inrichting`` that takes a POST (or PATCH) is in the table below, and each leaves
an entry naming the administrator and the route. A new writing route that is not in the table
fails :func:`test_every_writing_route_is_in_the_table`."""

from __future__ import annotations

import re

import pytest

from jeugdketen.audit.models import AuditEntry
from tests.security.urls import all_routes, declaration


def _rows(world):
    a = world.a.rows
    return {
        "municipality": world.a.municipality,
        "provider": world.a.provider,
        "contract": a["contracten.Contract"],
        "line": a["contracten.ContractProduct"],
        "stop": a["contracten.ClientStop"],
        "exemption": a["contracten.AcceptanceExemption"],
        "budget": a["monitoring.Budget"],
        "user": world.users["contract"],
        "token": a["accounts.OrganisationToken"],
    }


def _period(r):
    return {
        "provider": r["provider"].pk,
        "product": r["line"].product_id,
        "start": "2026-02-01",
        "reason": "x",
    }


#: route name -> (path, form data) for a change that must succeed and be audited
WEB = {
    "inrichting:gemeente-new": lambda w, r: (
        "/inrichting/gemeenten/nieuw/",
        {"cbs_code": "0797", "name": "Nieuw", "regions": [w.region.pk]},
    ),
    "inrichting:gemeente-change": lambda w, r: (
        f"/inrichting/gemeenten/{r['municipality'].pk}/wijzigen/",
        {"name": "Andere naam", "regions": [w.region.pk]},
    ),
    "inrichting:aanbieder-new": lambda w, r: (
        "/inrichting/aanbieders/nieuw/",
        {"agb_code": "12345678", "name": "Nieuw"},
    ),
    "inrichting:aanbieder-end": lambda w, r: (
        f"/inrichting/aanbieders/{r['provider'].pk}/beeindigen/",
        {"end": "2026-12-31"},
    ),
    "inrichting:aanbieder-change": lambda w, r: (
        f"/inrichting/aanbieders/{r['provider'].pk}/wijzigen/",
        {"name": "Anders"},
    ),
    "inrichting:contract-new": lambda w, r: (
        "/inrichting/contracten/nieuw/",
        {"reference": "N-1", "provider": r["provider"].pk, "region": w.region.pk, "start": "2026-01-01"},
    ),
    "inrichting:contract-change": lambda w, r: (
        f"/inrichting/contracten/{r['contract'].pk}/wijzigen/",
        {"start": "2026-01-01", "end": "2026-12-31"},
    ),
    "inrichting:contract-end": lambda w, r: (
        f"/inrichting/contracten/{r['contract'].pk}/beeindigen/",
        {"end": "2026-12-31"},
    ),
    "inrichting:contract-tariff": lambda w, r: (
        f"/inrichting/contracten/{r['contract'].pk}/tarief/",
        {"product": r["line"].product_id, "year": 2026, "variant": "regular", "amount": "70,00"},
    ),
    "inrichting:clientenstop-new": lambda w, r: ("/inrichting/clientenstops/nieuw/", _period(r)),
    "inrichting:clientenstop-change": lambda w, r: (
        f"/inrichting/clientenstops/{r['stop'].pk}/wijzigen/",
        _period(r),
    ),
    "inrichting:clientenstop-end": lambda w, r: (
        f"/inrichting/clientenstops/{r['stop'].pk}/beeindigen/",
        {"end": "2026-12-31"},
    ),
    "inrichting:vrijstelling-new": lambda w, r: ("/inrichting/vrijstellingen/nieuw/", _period(r)),
    "inrichting:vrijstelling-change": lambda w, r: (
        f"/inrichting/vrijstellingen/{r['exemption'].pk}/wijzigen/",
        _period(r),
    ),
    "inrichting:vrijstelling-end": lambda w, r: (
        f"/inrichting/vrijstellingen/{r['exemption'].pk}/beeindigen/",
        {"end": "2026-12-31"},
    ),
    "inrichting:budget-new": lambda w, r: (
        "/inrichting/budgetten/nieuw/",
        {"municipality": r["municipality"].pk, "year": 2030, "lot": r["budget"].lot_id, "amount": "5"},
    ),
    "inrichting:budget-change": lambda w, r: (
        f"/inrichting/budgetten/{r['budget'].pk}/wijzigen/",
        {"amount": "7"},
    ),
    "inrichting:index-tariffs": lambda w, r: (
        "/inrichting/indexeren/",
        {"doel": f"regio:{w.region.pk}", "year": 2026, "new_year": 2027, "percentage": "2,5"},
    ),
    "inrichting:user-invite": lambda w, r: (
        "/inrichting/gebruikers/uitnodigen/",
        {
            "username": "nieuw",
            "email": "n@example.org",
            "role": "toegangsmedewerker",
            "municipalities": [r["municipality"].pk],
        },
    ),
    "inrichting:user-change": lambda w, r: (
        f"/inrichting/gebruikers/{r['user'].pk}/wijzigen/",
        {
            "email": "c@example.org",
            "role": "contractmanager",
            "municipalities": [r["municipality"].pk],
            "last_name": "X",
        },
    ),
    "inrichting:user-status": lambda w, r: (
        f"/inrichting/gebruikers/{r['user'].pk}/status/",
        {"actie": "deactiveren"},
    ),
    "inrichting:token-list": lambda w, r: (
        "/inrichting/tokens/",
        {"label": "k", "municipality": r["municipality"].pk},
    ),
    "inrichting:token-revoke": lambda w, r: (f"/inrichting/tokens/{r['token'].pk}/intrekken/", {}),
}

#: route name -> (method, path, JSON body)
API = {
    "api:inrichting-gemeente-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/gemeenten",
        {"cbs_code": "0797", "name": "N", "regions": [w.region.slug]},
    ),
    "api:inrichting-gemeente-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/gemeenten/{r['municipality'].pk}",
        {"name": "N"},
    ),
    "api:inrichting-aanbieder-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/aanbieders",
        {"agb_code": "12345678", "name": "N"},
    ),
    "api:inrichting-aanbieder-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/aanbieders/{r['provider'].pk}",
        {"name": "N"},
    ),
    "api:inrichting-contract-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/contracten",
        {
            "reference": "N-1",
            "provider": r["provider"].agb_code,
            "region": w.region.slug,
            "start": "2026-01-01",
        },
    ),
    "api:inrichting-contract-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/contracten/{r['contract'].pk}",
        {"end": "2026-12-31"},
    ),
    "api:inrichting-contract-tariff": lambda w, r: (
        "post",
        f"/api/v1/inrichting/contracten/{r['contract'].pk}/tarieven",
        {"code": "45A01", "year": 2027, "tariff": "1.00"},
    ),
    "api:inrichting-clientenstop-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/clientenstops",
        {**_period(r), "provider": r["provider"].agb_code},
    ),
    "api:inrichting-clientenstop-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/clientenstops/{r['stop'].pk}",
        {"end": "2026-12-31"},
    ),
    "api:inrichting-vrijstelling-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/vrijstellingen",
        {**_period(r), "provider": r["provider"].agb_code},
    ),
    "api:inrichting-vrijstelling-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/vrijstellingen/{r['exemption'].pk}",
        {"end": "2026-12-31"},
    ),
    "api:inrichting-budget-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/budgetten",
        {"municipality": r["municipality"].cbs_code, "year": 2030, "lot": r["budget"].lot_id, "amount": "5"},
    ),
    "api:inrichting-budget-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/budgetten/{r['budget'].pk}",
        {"amount": "7"},
    ),
    "api:inrichting-gebruiker-list": lambda w, r: (
        "post",
        "/api/v1/inrichting/gebruikers",
        {
            "username": "nieuw",
            "email": "n@example.org",
            "role": "toegangsmedewerker",
            "municipalities": [r["municipality"].cbs_code],
        },
    ),
    "api:inrichting-gebruiker-detail": lambda w, r: (
        "patch",
        f"/api/v1/inrichting/gebruikers/{r['user'].pk}",
        {"last_name": "Y"},
    ),
}

#: writing routes audited elsewhere, with where
ELSEWHERE = {
    "inrichting:workbook": "needs the set-up workbook service (contracten.setup)",
}


def _writing_routes() -> set[str]:
    names = set()
    for route in all_routes():
        if not (route.name.startswith("inrichting:") or route.name.startswith("api:inrichting-")):
            continue
        declared = declaration(route)
        if route.is_api:
            actions = declared.api_actions or {}
            if set(actions) & {"post", "patch", "put"}:
                names.add(route.name)
        elif declared.access is not None and "POST" in declared.access.methods:
            names.add(route.name)
    return names


def test_every_writing_route_is_in_the_table():
    assert _writing_routes() == set(WEB) | set(API) | set(ELSEWHERE)


def _check(world, before: int, path: str):
    new = list(AuditEntry.objects.filter(pk__gt=before))
    assert new, f"no audit entry for {path}"
    route = re.sub(r"\?.*", "", path)
    assert any(e.user == world.users["beheer"] and e.route.endswith(route) for e in new), [
        (e.actor, e.route) for e in new
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WEB))
def test_each_screen_change_is_audited(world, client_as, name):
    client = client_as("beheer")
    path, data = WEB[name](world, _rows(world))
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(path, data)
    assert response.status_code in (200, 302), (name, response.status_code)
    if response.status_code == 200:
        assert "field-error" not in response.content.decode(), name
    _check(world, before, path)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(API))
def test_each_api_change_is_audited(world, client_as, name):
    client = client_as("beheer")
    method, path, body = API[name](world, _rows(world))
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = getattr(client, method)(path, body, content_type="application/json")
    assert response.status_code in (200, 201), (name, response.content)
    _check(world, before, path)
