"""TERMIJN-CONSULTATIE: Noordoost-Brabant's consultation and advice starts within a week of the
request (its toewijzing), closed by the start of care; only for that book's consultation."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.levering.deadlines import missed, overdue
from jeugdketen.levering.models import Task
from jeugdketen.toegang.services import allocate

ASKED = dt.date(2024, 3, 4)  # a Monday


@pytest.fixture
def brabant(db):
    return RegionWorld("noordoost-brabant-2021")


@pytest.fixture
def alkmaar(db):
    return RegionWorld("alkmaar-2023")


def _allocate(world, product):
    return allocate(
        municipality=world.gemeente,
        client=world.client(born(10, on=ASKED)),
        provider=world.provider,
        product=world.product(product),
        begin=ASKED,
        end=ASKED + dt.timedelta(days=60),
        referrer_code="01",
        today=ASKED,
        send=False,
    )


def test_consultation_started_a_week_after_the_request_is_on_time(brabant):
    toewijzing = _allocate(brabant, "Consultatie & advies hbo")
    task = Task.objects.get(kind="consultatie", toewijzing=toewijzing)
    assert task.due == dt.date(2024, 3, 11)  # a week of calendar days
    assert not overdue(Task.objects.filter(pk=task.pk), dt.date(2024, 3, 11)).exists()
    task.done_on = dt.date(2024, 3, 11)
    assert not missed(task)


def test_consultation_started_a_week_and_a_day_after_is_late(brabant):
    toewijzing = _allocate(brabant, "Consultatie & advies wo")
    task = Task.objects.get(kind="consultatie", toewijzing=toewijzing)
    assert overdue(Task.objects.filter(pk=task.pk), dt.date(2024, 3, 12)).exists()
    task.done_on = dt.date(2024, 3, 12)
    assert missed(task)


def test_other_products_and_other_books_open_no_consultation_task(brabant, alkmaar):
    _allocate(brabant, "Vaktherapie")
    _allocate(alkmaar, "Consultatie")
    assert not Task.objects.filter(kind="consultatie").exists()


def test_withdrawing_closes_the_consultation_task(brabant):
    from jeugdketen.toegang.services import withdraw

    toewijzing = _allocate(brabant, "Consultatie & advies hbo")
    withdraw(toewijzing, end=ASKED, today=dt.date(2024, 3, 5))
    assert Task.objects.get(kind="consultatie", toewijzing=toewijzing).done_on == dt.date(2024, 3, 5)
