"""Start page per role, role-aware menu, demo login, Dutch error pages."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from jeugdketen.web.nav import _REGISTRY, NavItem, items_for, register


@pytest.mark.django_db
def test_anonymous_start_page_invites_to_log_in(client):
    body = client.get("/").content.decode()
    assert "Inloggen" in body and 'lang="nl"' in body and "Naar de inhoud" in body


@pytest.mark.parametrize(
    ("role", "present", "absent"),
    [
        ("auditor", ["Auditlog"], []),
        ("beheer", ["Productenboeken"], ["Auditlog"]),
        ("toegang", ["Productenboeken"], ["Auditlog"]),
    ],
)
@pytest.mark.django_db
def test_start_page_per_role(world, client_as, role, present, absent):
    body = client_as(role).get("/").content.decode()
    assert "Welkom" in body
    for text in present:
        assert text in body
    for text in absent:
        assert text not in body


@pytest.mark.django_db
def test_other_apps_append_to_the_menu(world):
    saved = dict(_REGISTRY)
    try:
        register(NavItem("Testlijst", "web:home", perm="worklist.view", order=1))
        assert "Testlijst" in [i["label"] for i in items_for(world.users["toegang"])]
        assert "Testlijst" not in [i["label"] for i in items_for(world.users["auditor"])]
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(saved)


@pytest.mark.django_db
def test_demo_login_is_404_outside_demo_mode(world, client):
    with override_settings(DEMO_MODE=False):
        assert client.get("/demo/").status_code == 404
        assert client.post("/demo/", {"role": "auditor"}).status_code == 404
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_demo_login_logs_in_one_account_per_role(world):
    client = Client(enforce_csrf_checks=True)
    with override_settings(DEMO_MODE=True):
        page = client.get("/demo/")
        body = page.content.decode()
        assert body.count('type="submit" data-role=') == 5
        token = page.cookies["csrftoken"].value
        assert client.post("/demo/", {"role": "auditor"}).status_code == 403, "CSRF required"
        response = client.post("/demo/", {"role": "auditor", "csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert client.get("/audit/").status_code == 200
        # Login rotates the CSRF token.
        token = client.cookies["csrftoken"].value
        assert client.post("/demo/", {"role": "onbekend", "csrfmiddlewaretoken": token}).status_code == 302


@pytest.mark.django_db
def test_every_field_has_a_label(world, client_as):
    import re

    client = client_as("auditor")
    for url in ("/inloggen/", "/audit/", "/catalogus/zoeken/"):
        body = client.get(url).content.decode()
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body):
            assert f'for="{field_id}"' in body, (url, field_id)


@pytest.mark.django_db
def test_error_pages_are_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.content.decode()
