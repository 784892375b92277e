"""Fixtures shared by the security, accounts, audit, web, api and browser tests."""

from __future__ import annotations

import pytest

from .world import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client_as(client, world):
    """``client_as("toegang")``: the Django test client logged in as that role's user."""

    def login(key: str):
        client.force_login(world.users[key])
        return client

    return login


@pytest.fixture
def api_token(world):
    """``api_token("systeem-gemeente")``: the Authorization header value for that token."""
    return lambda kind: f"Token {world.tokens[kind]}"
