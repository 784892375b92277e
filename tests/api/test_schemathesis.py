"""Schemathesis against our own OpenAPI schema, through the WSGI app, with an organisation token.

Bounded: a handful of examples per operation and no deadline, so it runs in `make test` in
seconds. It must never provoke a 500, and answers must match what the schema documents.

(Schemathesis' ``pytest.from_fixture`` does not work with the pytest in use here, so the
test drives each operation's Hypothesis strategy itself; the checks are the same.)
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance]
MAX_EXAMPLES = 15


def _schema():
    from jeugdketen.conf.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/schema?format=json", application)


def _operations():
    return [result.ok() for result in _schema().get_all_operations()]


@pytest.mark.django_db
def test_schema_has_operations():
    labels = {op.label for op in _operations()}
    assert "POST /api/v1/berichten" in labels and "GET /api/v1/berichten" in labels


@pytest.fixture
def keep_test_connection():
    """Calls go to the WSGI handler directly, not through Django's test client, so its
    end-of-request hook would close the connection that holds the test's transaction (on
    PostgreSQL). Django's own test client unhooks it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_never_fails(world, keep_test_connection):
    operations = _operations()
    failures, calls = [], []
    for operation in operations:
        token = world.tokens[
            "systeem-aanbieder" if operation.method.upper() == "POST" else "systeem-gemeente"
        ]
        headers = {"Authorization": f"Token {token}"}

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            calls.append(case)
            case.call_and_validate(headers=headers, checks=CHECKS)  # noqa: B023 - run() is called at once

        try:
            run()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
    assert len(calls) > len(operations), "schemathesis generated too few cases to mean anything"
