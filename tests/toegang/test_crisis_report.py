"""TERMIJN-CRISIS-MELDING: in Groningen the provider reports crisis care it started (a JW315 with
the care's begin date) within five working days; a later report is marked, only in Groningen."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.toegang.crisis import report_due, report_late
from jeugdketen.toegang.models import AllocationRequest

MONDAY = dt.date(2024, 3, 4)
_refs = itertools.count(1)


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023")


def _request(world, product, *, received_on, begin=MONDAY) -> AllocationRequest:
    product = world.product(product)
    return AllocationRequest.objects.create(
        kind="JW315",
        reference=f"CR{next(_refs)}",
        municipality=world.gemeente,
        provider=world.provider,
        client=world.client(born(10, on=begin)),
        product_category=product.category or "",
        product_code=product.code or "",
        begin=begin,
        received_on=received_on,
    )


def test_crisis_report_on_the_fifth_working_day_is_on_time(groningen):
    request = _request(groningen, "Jeugdhulp crisis ambulant", received_on=dt.date(2024, 3, 11))
    assert report_due(request) == dt.date(2024, 3, 11)  # Monday + 5 working days, over the weekend
    assert not report_late(request)


def test_crisis_report_on_the_sixth_working_day_is_late(groningen):
    assert report_late(_request(groningen, "Jeugdhulp crisis verblijf", received_on=dt.date(2024, 3, 12)))


def test_the_deadline_counts_only_working_days(groningen):
    # Good Friday 29 March and Easter Monday 1 April 2024 are no working days: begin 28 March, due 8 April.
    request = _request(
        groningen, "Jeugdhulp crisis pleegzorg", begin=dt.date(2024, 3, 28), received_on=dt.date(2024, 4, 8)
    )
    assert report_due(request) == dt.date(2024, 4, 8)
    assert not report_late(request)


def test_a_late_request_for_other_care_is_no_crisis_report(groningen):
    assert not report_late(
        _request(groningen, "Specialistische GGZ behandeling middel", received_on=dt.date(2024, 6, 1))
    )


def test_the_crisis_report_deadline_does_not_hold_in_alkmaar(alkmaar):
    assert not report_late(
        _request(alkmaar, "Ambulant: Crisishulpverlening", received_on=dt.date(2024, 6, 1))
    )


def test_the_client_file_marks_a_late_crisis_report(groningen, client):
    from jeugdketen.accounts.models import Role, User

    late = _request(groningen, "Jeugdhulp crisis ambulant", received_on=dt.date(2024, 3, 12))
    worker = User.objects.create(username="basisteam", role=Role.TOEGANG)
    worker.municipalities.add(groningen.gemeente)
    client.force_login(worker)
    page = client.get(f"/toegang/clienten/{late.client.pk}/").content.decode()
    assert "crisismelding te laat" in page
    on_time = _request(groningen, "Jeugdhulp crisis ambulant", received_on=dt.date(2024, 3, 11))
    assert (
        "crisismelding te laat" not in client.get(f"/toegang/clienten/{on_time.client.pk}/").content.decode()
    )
