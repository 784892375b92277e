"""Rows read once per batch (core.batch): the same answers as outside a batch, with fewer queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jeugdketen.catalogus.models import Municipality, Provider, Region
from jeugdketen.core import batch


def _queries(function) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = function()
    return result, len(captured.captured_queries)


def test_outside_a_batch_nothing_is_remembered():
    calls = []
    assert batch.rows(("k",), lambda: calls.append(1)) is None
    assert calls == []


def test_inside_a_batch_a_value_is_read_once_per_key_and_forgotten_after():
    calls = []
    with batch.remembered():
        assert batch.rows(("k", 1), lambda: calls.append(1) or "one") == "one"
        assert batch.rows(("k", 1), lambda: calls.append(1) or "other") == "one"
        assert batch.rows(("k", 2), lambda: "two") == "two"
    assert calls == [1]
    assert batch.rows(("k", 1), lambda: "after") is None


@pytest.mark.django_db
def test_a_party_is_found_alike_and_remembered_in_a_batch():
    from jeugdketen.berichten.services import party

    municipality = Municipality.objects.create(cbs_code="9991", name="Proefgemeente")
    provider = Provider.objects.create(agb_code="99910001", name="Proefaanbieder")
    assert party("9991") == municipality and party("99910001") == provider and party("9992") is None
    with batch.remembered():
        assert _queries(lambda: party("9991"))[1] == 1
        assert _queries(lambda: party("9991")) == (municipality, 0)
        # A party not found is looked up again, and one created inside the batch is found.
        assert party("9992") is None
        created = party("9992", create=True)
        assert party("9992") == created != municipality


@pytest.mark.django_db
def test_a_contract_rule_holds_for_the_same_municipalities_in_a_batch():
    from jeugdketen.catalogus.loader import load_all
    from jeugdketen.regels.contract import holds_for

    load_all()
    under, elsewhere = (
        Municipality.objects.create(cbs_code="9993", name="Onder het contract"),
        Municipality.objects.create(cbs_code="9994", name="Elders"),
    )
    under.regions.add(Region.objects.get(slug="midden-limburg-oost-2020"))
    elsewhere.regions.add(Region.objects.get(slug="alkmaar-2023"))
    rule = "TERMIJN-FACTUUR"
    outside = [holds_for(rule, under), holds_for(rule, elsewhere)]
    assert outside == [True, False]
    with batch.remembered():
        assert [holds_for(rule, under), holds_for(rule, elsewhere)] == outside
        assert _queries(lambda: holds_for(rule, under)) == (True, 0)
