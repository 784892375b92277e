"""Every API error is RFC 9457 problem+json, and every answer names the API version."""

from __future__ import annotations

import pytest
from django.test import override_settings

PROBLEM = "application/problem+json"


def _is_problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and "type" in body and body["detail"]
    return body


@pytest.mark.django_db
def test_401_without_credentials(client):
    response = client.get("/api/v1/berichten")
    _is_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.django_db
def test_401_with_a_wrong_token(client):
    _is_problem(client.get("/api/v1/berichten", HTTP_AUTHORIZATION="Token jk_onzin"), 401)
    _is_problem(client.get("/api/v1/berichten", HTTP_AUTHORIZATION="Token a b"), 401)


@pytest.mark.django_db
def test_403_for_a_role_without_permission(world, client_as):
    _is_problem(client_as("auditor").get("/api/v1/berichten"), 403)


@pytest.mark.django_db
def test_404_for_a_foreign_row_and_an_unknown_path(world, client, api_token):
    foreign = world.b.rows["berichten.Message"].pk
    _is_problem(
        client.get(f"/api/v1/berichten/{foreign}", HTTP_AUTHORIZATION=api_token("systeem-gemeente")), 404
    )
    _is_problem(client.get("/api/v1/bestaat-niet"), 404)


@pytest.mark.django_db
def test_405_for_a_method_not_allowed(world, client, api_token):
    response = client.delete("/api/v1/berichten", HTTP_AUTHORIZATION=api_token("systeem-gemeente"))
    _is_problem(response, 405)
    assert "Allow" in response


@pytest.mark.django_db
def test_415_for_a_wrong_content_type(world, client, api_token):
    response = client.post(
        "/api/v1/berichten",
        data={"a": 1},
        content_type="application/json",
        HTTP_AUTHORIZATION=api_token("systeem-aanbieder"),
    )
    _is_problem(response, 415)


@pytest.mark.django_db
def test_413_for_an_oversized_body(world, client, api_token):
    with override_settings(IJW_MAX_MESSAGE_BYTES=1000):
        response = client.post(
            "/api/v1/berichten",
            data=b"<a>" + b"x" * 2000 + b"</a>",
            content_type="application/xml",
            HTTP_AUTHORIZATION=api_token("systeem-aanbieder"),
        )
    _is_problem(response, 413)


@pytest.mark.django_db
def test_400_for_input_that_is_not_xml(world, client, api_token):
    response = client.post(
        "/api/v1/berichten",
        data=b"geen xml",
        content_type="application/xml",
        HTTP_AUTHORIZATION=api_token("systeem-aanbieder"),
    )
    body = _is_problem(response, 400)
    assert body["type"] == "urn:jeugdketen:probleem:ongeldige-xml"


@pytest.mark.django_db
def test_api_version_header_on_success_and_error(client):
    assert client.get("/api/v1/catalogus/regios")["API-Version"] == "1.0.0"
    assert client.get("/api/v1/berichten")["API-Version"] == "1.0.0"


@pytest.mark.django_db
def test_schema_follows_the_api_design_rules(client):
    response = client.get("/api/v1/schema", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1.0.0"
    for path, item in schema["paths"].items():
        assert path.startswith("/api/v1/"), path
        assert "token" not in path.lower() and "key" not in path.lower()
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                assert parameter["name"].lower() not in {"token", "key", "api_key", "password"}, path
            for code, answer in operation["responses"].items():
                if code[0] in "45":
                    assert list(answer["content"]) == [PROBLEM], (path, method, code)
                if code.startswith("2"):
                    assert "API-Version" in answer.get("headers", {}), (path, method, code)
    assert schema["components"]["securitySchemes"]["organisatieToken"]["in"] == "header"
