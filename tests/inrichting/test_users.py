"""Inviting users with a one-time activation link, changing roles, deactivating; API tokens."""

from __future__ import annotations

import re

import pytest

from jeugdketen.accounts.models import OrganisationToken, Role, User
from jeugdketen.accounts.tokens import lookup
from jeugdketen.audit.models import AuditEntry
from tests.security.world import PASSWORD

NEW_PASSWORD = "Een-heel-nieuw-wachtwoord-7"


def _invite(client, world, **extra):
    data = {
        "username": "j.devries",
        "first_name": "Jet",
        "last_name": "de Vries",
        "email": "jet@example.org",
        "role": Role.TOEGANG,
        "municipalities": [world.a.municipality.pk],
        **extra,
    }
    return client.post("/inrichting/gebruikers/uitnodigen/", data)


@pytest.mark.django_db
def test_invite_activate_and_log_in(world, client_as, client):
    admin = client_as("beheer")
    response = _invite(admin, world)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    user = User.objects.get(username="j.devries")
    assert user.role == Role.TOEGANG and list(user.municipalities.all()) == [world.a.municipality]
    assert not user.has_usable_password()
    assert AuditEntry.objects.filter(
        object_type="accounts.User", object_id=str(user.pk), action="create"
    ).exists()
    path = re.search(r'value="https?://[^/"]+(/inrichting/activeren/[^"]+)"', page).group(1)
    admin.logout()

    assert "j.devries" in client.get(path).content.decode()
    weak = client.post(path, {"new_password1": "kort", "new_password2": "kort"})
    assert weak.status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()
    done = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(path).status_code == 404  # used once
    login = client.post("/inloggen/", {"username": "j.devries", "password": NEW_PASSWORD})
    assert login.status_code == 302 and client.get("/").context["user"] == user


@pytest.mark.django_db
def test_an_access_worker_has_exactly_one_municipality_of_her_region(world, client_as):
    admin = client_as("beheer")
    assert _invite(admin, world, municipalities=[]).status_code == 200
    assert _invite(admin, world, municipalities=[world.b.municipality.pk]).status_code == 200
    assert not User.objects.filter(username="j.devries").exists()


@pytest.mark.django_db
def test_an_auditor_cannot_be_invited_by_a_region(world, client_as):
    response = _invite(client_as("beheer"), world, role=Role.AUDITOR)
    assert response.status_code == 200 and not User.objects.filter(username="j.devries").exists()


@pytest.mark.django_db
def test_change_role_and_deactivate(world, client_as, client):
    admin = client_as("beheer")
    target = world.users["contract"]
    response = admin.post(
        f"/inrichting/gebruikers/{target.pk}/wijzigen/",
        {
            "first_name": "C",
            "last_name": "M",
            "email": "c@example.org",
            "role": Role.TOEGANG,
            "municipalities": [world.a.municipality.pk],
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.TOEGANG
    admin.post(f"/inrichting/gebruikers/{target.pk}/status/", {"actie": "deactiveren"})
    target.refresh_from_db()
    assert not target.is_active
    details = set(
        AuditEntry.objects.filter(object_type="accounts.User", object_id=str(target.pk)).values_list(
            "detail", flat=True
        )
    )
    assert "gedeactiveerd" in details and any("role" in d for d in details)
    admin.logout()
    target.set_password(PASSWORD)
    target.save()
    refused = client.post("/inloggen/", {"username": target.username, "password": PASSWORD})
    assert refused.status_code == 200 and not refused.context["user"].is_authenticated


@pytest.mark.django_db
def test_she_cannot_deactivate_herself(world, client_as):
    admin = client_as("beheer")
    me = world.users["beheer"]
    admin.post(f"/inrichting/gebruikers/{me.pk}/status/", {"actie": "deactiveren"})
    me.refresh_from_db()
    assert me.is_active


@pytest.mark.django_db
def test_issue_a_token_shown_once_and_revoke_it(world, client_as):
    admin = client_as("beheer")
    page = admin.post(
        "/inrichting/tokens/", {"label": "koppeling", "provider": world.a.provider.pk}
    ).content.decode()
    key = re.search(r'id="token" type="text" readonly value="(jk_[^"]+)"', page).group(1)
    token = lookup(key)
    assert token is not None and token.provider == world.a.provider
    assert key not in admin.get("/inrichting/tokens/").content.decode()
    assert admin.post(f"/inrichting/tokens/{token.pk}/intrekken/").status_code == 302
    assert lookup(key) is None and OrganisationToken.objects.get(pk=token.pk).revoked is not None
    actions = list(
        AuditEntry.objects.filter(
            object_type="accounts.OrganisationToken", object_id=str(token.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


@pytest.mark.django_db
def test_a_token_for_a_foreign_municipality_cannot_be_issued(world, client_as):
    admin = client_as("beheer")
    before = OrganisationToken.objects.count()
    response = admin.post("/inrichting/tokens/", {"label": "x", "municipality": world.b.municipality.pk})
    assert response.status_code == 200 and OrganisationToken.objects.count() == before


@pytest.mark.django_db
def test_invite_a_fellow_administrator_of_her_region_only(world, client_as):
    admin = client_as("beheer")
    foreign = world.b.municipality.regions.get()
    data = {"username": "beheer.twee", "email": "b2@example.org", "role": Role.BEHEER}
    assert (
        admin.post("/inrichting/gebruikers/uitnodigen/", {**data, "regions": [foreign.pk]}).status_code == 200
    )
    assert not User.objects.filter(username="beheer.twee").exists()
    assert (
        admin.post("/inrichting/gebruikers/uitnodigen/", {**data, "regions": [world.region.pk]}).status_code
        == 200
    )
    assert list(User.objects.get(username="beheer.twee").regions.all()) == [world.region]
