"""Organisation tokens: hashed, shown once, revocable, and never accepted from a URL."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from jeugdketen.accounts.models import OrganisationToken
from jeugdketen.accounts.tokens import hash_key, issue, lookup, revoke


@pytest.mark.django_db
def test_only_the_hash_is_stored(world):
    token, key = issue(label="x", municipality=world.a.municipality)
    stored = OrganisationToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key) and key not in stored.key_hash
    assert lookup(key) == token


@pytest.mark.django_db
def test_token_belongs_to_exactly_one_organisation(world):
    with pytest.raises(ValueError):
        issue(label="x", municipality=world.a.municipality, provider=world.a.provider)
    with pytest.raises(ValueError):
        issue(label="x")


@pytest.mark.django_db
def test_revoked_token_is_refused(world, client):
    token, key = issue(label="weg", provider=world.a.provider)
    assert client.get("/api/v1/organisatie", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    revoke(token)
    response = client.get("/api/v1/organisatie", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_token_in_query_string_is_not_read(world, client):
    response = client.get("/api/v1/organisatie", {"token": world.tokens["systeem-gemeente"]})
    assert response.status_code == 401


@pytest.mark.django_db
def test_whoami_names_the_organisation(world, client, api_token):
    body = client.get("/api/v1/organisatie", HTTP_AUTHORIZATION=api_token("systeem-gemeente")).json()
    assert body["gemeenten"] == [world.a.municipality.cbs_code] and body["aanbieder"] is None


@pytest.mark.django_db
def test_command_issues_lists_and_revokes(world):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "token",
        "issue",
        "--gemeente",
        world.a.municipality.cbs_code,
        "--label",
        "cli",
        stdout=out,
        stderr=err,
    )
    key = out.getvalue().strip()
    assert key.startswith("jk_") and lookup(key) is not None
    listing = io.StringIO()
    call_command("token", "list", stdout=listing)
    assert "cli" in listing.getvalue() and key not in listing.getvalue()
    call_command("token", "revoke", str(lookup(key).pk), stdout=io.StringIO())
    assert lookup(key) is None
