"""The access module: permissions per role, scoping per organisation, tokens as principals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jeugdketen.accounts.access import (
    ROLE_PERMISSIONS,
    OrganisationPrincipal,
    can_see,
    get_scoped_or_404,
    has_perm,
    require,
    scope,
)
from jeugdketen.accounts.models import OrganisationToken, Role
from jeugdketen.toegang.models import Client, Toewijzing


def test_every_user_role_has_permissions():
    assert set(Role.values) <= set(ROLE_PERMISSIONS)


def test_beheerder_and_auditor_never_see_client_files():
    for role in (Role.BEHEER, Role.AUDITOR):
        assert "client.view" not in ROLE_PERMISSIONS[role]


@pytest.mark.django_db
def test_scope_per_role(world):
    users = world.users
    assert list(scope(users["toegang"], Client.objects.all())) == [world.a.client]
    assert list(scope(users["contract"], Client.objects.all())) == [world.a.client]
    assert list(scope(users["aanbieder"], Client.objects.all())) == [world.a.client]
    assert list(scope(users["beheer"], Client.objects.all())) == []
    assert list(scope(users["auditor"], Toewijzing.objects.all())) == []


@pytest.mark.django_db
def test_provider_sees_only_clients_it_has_a_toewijzing_for(world):
    world.b.toewijzing.provider = world.a.provider
    world.b.toewijzing.save()
    assert set(scope(world.users["aanbieder"], Client.objects.all())) == {world.a.client, world.b.client}
    assert list(scope(world.users["toegang"], Client.objects.all())) == [world.a.client]


@pytest.mark.django_db
def test_get_scoped_or_404_hides_foreign_rows(world):
    user = world.users["toegang"]
    assert get_scoped_or_404(user, Client.objects.all(), pk=world.a.client.pk) == world.a.client
    with pytest.raises(Http404):
        get_scoped_or_404(user, Client.objects.all(), pk=world.b.client.pk)
    assert can_see(user, world.a.client) and not can_see(user, world.b.client)


@pytest.mark.django_db
def test_require_raises_permission_denied(world):
    require(world.users["auditor"], "audit.view")
    with pytest.raises(PermissionDenied):
        require(world.users["auditor"], "client.view")


@pytest.mark.django_db
def test_inactive_user_has_no_permissions(world):
    user = world.users["toegang"]
    user.is_active = False
    assert not has_perm(user, "client.view")


@pytest.mark.django_db
def test_token_principal_is_scoped_to_its_organisation(world):
    gemeente = OrganisationPrincipal(OrganisationToken.objects.get(label="gemeente-a"))
    aanbieder = OrganisationPrincipal(OrganisationToken.objects.get(label="aanbieder-a"))
    assert list(scope(gemeente, Toewijzing.objects.all())) == [world.a.toewijzing]
    assert list(scope(aanbieder, Toewijzing.objects.all())) == [world.a.toewijzing]
    assert has_perm(aanbieder, "declaratie.submit") and not has_perm(gemeente, "declaratie.submit")
    assert not has_perm(gemeente, "client.view"), "a system link reads no client files"
