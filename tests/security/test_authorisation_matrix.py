"""The authorisation matrix: every URL of the project, as every role, own and foreign rows.

Rows of the table come from the URL resolver, so a view another app adds is tested the
moment it is routed. What a view *should* answer comes from its declaration
(``@requires``/``PermissionRequiredMixin`` for web views, ``HasPermission`` for the API):

- anonymous: web views redirect to the login page, API endpoints answer 401;
- a role without the permission: 403;
- a role with it: 200 for its own organisation's row, 404 for another organisation's row;
- no answer to a user of organisation "a" ever contains a sentinel of organisation "b";
- only views declared ``personal_data=True`` (the client file) show BSN, name, birth date
  or address; lists and the API show them masked or not at all.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from jeugdketen.accounts.access import ROLE_PERMISSIONS, SYSTEEM_AANBIEDER, SYSTEEM_GEMEENTE

from .urls import Route, all_routes, declaration
from .world import FOREIGN_SENTINELS, OWN_PERSONAL_DATA, PERSONAL, USERS

ROUTES = all_routes()
PRINCIPALS = [*USERS, SYSTEEM_GEMEENTE, SYSTEEM_AANBIEDER]


def _ids(route: Route) -> str:
    return route.name or route.route


def _route_kwargs(route: Route, world, letter: str, model_label: str | None, url_kwarg: str) -> dict:
    kwargs = {}
    for kwarg, converter in route.converters.items():
        if model_label and kwarg == url_kwarg:
            row = world.org(letter).rows.get(model_label)
            if row is None or isinstance(row, Exception):
                pytest.skip(f"no {model_label} row could be built: {row!r}")
            kwargs[kwarg] = getattr(row, url_kwarg if url_kwarg != "pk" else "pk")
        elif kwarg in route.examples:
            kwargs[kwarg] = route.examples[kwarg]
        elif converter == "int" or kwarg in {"pk", "id", "position"}:
            kwargs[kwarg] = 1
        else:
            kwargs[kwarg] = world.region.slug
    return kwargs


def _url(route: Route, kwargs: dict) -> str:
    if route.name:
        return reverse(route.name, kwargs={k: str(v) for k, v in kwargs.items()})
    text = route.route
    for kwarg, value in kwargs.items():
        text = text.replace(f"<int:{kwarg}>", str(value)).replace(f"<slug:{kwarg}>", str(value))
        text = text.replace(f"<{kwarg}>", str(value)).replace(f"<str:{kwarg}>", str(value))
    return "/" + text


def _request(client, world, principal: str | None, url: str):
    if principal in (SYSTEEM_GEMEENTE, SYSTEEM_AANBIEDER):
        return client.get(url, HTTP_AUTHORIZATION=f"Token {world.tokens[principal]}")
    if principal is not None:
        client.force_login(world.users[principal])
    return client.get(url)


def _role(principal: str) -> str:
    return USERS[principal][0] if principal in USERS else principal


def test_every_view_declares_its_access():
    """A view without a declaration is a finding: it would be open by accident."""
    undeclared = [
        f"{route.route} ({route.name or 'unnamed'})" for route in ROUTES if declaration(route).access is None
    ]
    assert not undeclared, (
        "These views declare no access rule; decorate them with "
        "jeugdketen.accounts.access.requires(...)/public/login_only, use PermissionRequiredMixin, "
        "or (API) permission_classes=[HasPermission]:\n  " + "\n  ".join(undeclared)
    )


@pytest.mark.parametrize("route", ROUTES, ids=_ids)
@pytest.mark.parametrize("principal", [None, *PRINCIPALS], ids=lambda p: p or "anoniem")
def test_matrix(route, principal, world, client):
    declared = declaration(route)
    access = declared.access
    if access is None:
        _undeclared_still_isolated(route, principal, world, client)
        return
    if "GET" not in access.methods and not route.is_api:
        pytest.skip("view has no GET to try")
    if route.is_api and access.methods == ():
        pytest.skip("endpoint has no GET")
    if not route.is_api and principal in (SYSTEEM_GEMEENTE, SYSTEEM_AANBIEDER):
        pytest.skip("tokens are for the API only")

    letters = ["a", "b"] if access.model else ["a"]
    for letter in letters:
        url = _url(route, _route_kwargs(route, world, letter, access.model, access.url_kwarg))
        response = _request(client, world, principal, url)
        client.logout()
        status = response.status_code
        where = f"{principal or 'anoniem'} GET {url} ({letter})"
        assert status < 500, where

        if access.perm is None:
            assert status != 403, f"public view refused: {where}"
            expected = None
        elif principal is None:
            expected = 401 if route.is_api else 302
            if not route.is_api:
                assert status == 302 and "/inloggen/" in response["Location"], where
        elif access.perm and access.perm not in ROLE_PERMISSIONS.get(_role(principal), frozenset()):
            expected = 403
        elif access.model:
            expected = 200 if letter == "a" else 404
        else:
            expected = 200
        if expected is not None:
            assert status == expected, f"{where}: expected {expected}, got {status}"

        if status == 200:
            body = response.content.decode("utf-8", errors="replace")
            for sentinel in FOREIGN_SENTINELS:
                assert sentinel not in body, f"foreign data {sentinel!r} shown: {where}"
            if principal in ("beheer", "auditor"):
                for personal in PERSONAL.values():
                    assert personal["bsn"] not in body and personal["last_name"] not in body, where
            if not access.personal_data:
                for personal in OWN_PERSONAL_DATA:
                    assert personal not in body, (
                        f"personal data {personal!r} outside the client file: {where}"
                    )


def _undeclared_still_isolated(route, principal, world, client):
    """What can be checked without a declaration: no anonymous data, no foreign rows."""
    if principal in (SYSTEEM_GEMEENTE, SYSTEEM_AANBIEDER) and not route.is_api:
        return
    for letter in ("a", "b"):
        model = declaration(route).api_model
        label = model._meta.label if model is not None and getattr(model, "tenancy", None) else None
        kwargs = _route_kwargs(route, world, letter, label, "pk")
        url = _url(route, kwargs)
        response = _request(client, world, principal, url)
        client.logout()
        where = f"{principal or 'anoniem'} GET {url} (undeclared view)"
        assert response.status_code < 500, where
        if principal is None:
            assert response.status_code in (302, 401, 403, 404), f"anonymous access: {where}"
        if response.status_code == 200:
            body = response.content.decode("utf-8", errors="replace")
            for sentinel in FOREIGN_SENTINELS:
                assert sentinel not in body, f"foreign data {sentinel!r} shown: {where}"


def test_matrix_covers_the_api_and_the_web():
    names = {route.name for route in ROUTES}
    assert {"web:home", "audit:index", "api:bericht-list", "api:bericht-detail", "api:schema"} <= names
