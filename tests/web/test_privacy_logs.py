"""Personal data never reaches the application logs."""

from __future__ import annotations

import logging

import pytest

from tests.security.world import PERSONAL


def test_bsn_masked_by_the_logging_filter(caplog):
    from django.conf import settings

    handler_filter = settings.LOGGING["filters"]["personal_data"]["()"]()
    logger = logging.getLogger("jeugdketen.test")
    logger.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.INFO, logger="jeugdketen.test"):
            logger.warning("client %s has bsn %s", "x", PERSONAL["a"]["bsn"])
            logger.warning(f"inline bsn {PERSONAL['b']['bsn']}")
    finally:
        logger.removeFilter(handler_filter)
    text = caplog.text
    assert PERSONAL["a"]["bsn"] not in text and PERSONAL["b"]["bsn"] not in text
    assert "******708" in text


@pytest.mark.django_db
def test_requests_with_personal_data_log_none_of_it(world, client_as, client, api_token, caplog):
    """Walk pages and error paths with a BSN and name in them; nothing personal is logged.

    URLs identify clients by number, never by name, so a name only travels in query
    strings and bodies, which Django does not log; a BSN in a path is masked by the filter.
    """
    bsn, name = PERSONAL["a"]["bsn"], PERSONAL["a"]["last_name"]
    with caplog.at_level(logging.DEBUG):
        toegang = client_as("toegang")
        toegang.get("/", {"q": bsn})
        toegang.get(f"/bestaat-niet/{bsn}/", {"naam": name})
        toegang.get("/audit/", {"actor": bsn})
        client.post(
            "/api/v1/berichten",
            data=f"<a>{bsn}</a>".encode(),
            content_type="application/xml",
            HTTP_AUTHORIZATION=api_token("systeem-aanbieder"),
        )
    for record in caplog.records:
        message = record.getMessage()
        assert bsn not in message and name not in message, message
