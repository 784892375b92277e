import re

import pytest


@pytest.mark.django_db
def test_api_reference_is_rendered_from_the_schema_without_external_scripts(client):
    schema = client.get("/api/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    operations = sum(
        1
        for methods in schema["paths"].values()
        for m in methods
        if m in {"get", "post", "put", "patch", "delete"}
    )
    assert html.count('class="card api-operation"') == operations
    assert "<code>/api/v1/catalogus/producten</code>" in html
    assert not re.search(r"<script[^>]+src=\"https?://", html)
