"""Hostile input in every free-text field of every form: a clear answer, never a 500, and
script never echoed unescaped. Forms are found by crawling every page as every role, so a
form another app adds is attacked too.

The XML side (XXE, billion laughs, size, content type) is in ``tests/api/test_upload.py``.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from jeugdketen.accounts.access import permissions

from .forms import forms_in
from .urls import all_routes, declaration
from .world import USERS

PAYLOADS = [
    "' OR '1'='1' --",
    "'; DROP TABLE toegang_client; --",
    '" UNION SELECT password FROM accounts_user --',
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ settings.SECRET_KEY }}",
    "%00\x00nul",
    "a" * 5000,
]
UNESCAPED = ["<script>alert('xss')</script>", "<img src=x onerror=alert(1)>"]


def _pages():
    """(route name, url kwargs-free URL) of every GET page without URL parameters."""
    pages = []
    for route in all_routes():
        access = declaration(route).access
        if route.is_api or route.converters or not route.name or access is None:
            continue
        if "GET" not in access.methods:
            continue
        pages.append((route.name, access.perm))
    return pages


def _table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            if table.startswith(("django_session", "axes_", "audit_", "django_migrations")):
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db
def test_every_free_text_field_withstands_hostile_input(world, client):
    attacked = []
    for user_key in [None, *USERS]:
        if user_key:
            client.force_login(world.users[user_key])
        for name, perm in _pages():
            if perm and (user_key is None or perm not in permissions(world.users[user_key])):
                continue
            url = reverse(name)
            page = client.get(url)
            if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
                continue
            for form in forms_in(page.content.decode()):
                if not form.text_fields or form.action.startswith(("/uitloggen", "/demo")):
                    continue
                target = form.action or url
                for payload in PAYLOADS:
                    data = {**form.other_fields, **dict.fromkeys(form.text_fields, payload)}
                    before = _table_counts() if form.method == "post" else None
                    if form.method == "post":
                        response = client.post(target, data)
                    else:
                        response = client.get(target, data)
                    where = f"{user_key or 'anoniem'} {form.method.upper()} {target} {form.text_fields}"
                    assert response.status_code < 500, where
                    body = response.content.decode("utf-8", errors="replace")
                    for raw in UNESCAPED:
                        assert raw not in body, f"unescaped script echoed: {where}"
                    assert world.users["toegang"].password not in body
                    if form.method == "post" and response.status_code in (200, 400, 403, 429):
                        # Re-rendered with errors or refused: nothing may have been stored.
                        assert _table_counts() == before, f"rejected input stored: {where}"
                    attacked.append(where)
        client.logout()
    assert any("/catalogus/zoeken/" in where for where in attacked)
    assert any("/inloggen/" in where for where in attacked)
    assert any("/audit/" in where for where in attacked)


@pytest.mark.django_db
def test_sql_metacharacters_in_the_api_query_string(world, client, api_token):
    for payload in PAYLOADS:
        for url in ("/api/v1/catalogus/producten", "/api/v1/berichten"):
            response = client.get(
                url,
                {
                    "region": payload,
                    "code": payload,
                    "category": payload,
                    "limit": payload,
                    "offset": payload,
                },
                HTTP_AUTHORIZATION=api_token("systeem-gemeente"),
            )
            assert response.status_code in (200, 400, 404), (url, payload, response.status_code)
