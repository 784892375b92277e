"""The contract deadlines of Midden-Limburg Oost on the worklist: due on the last working day
of the term, late from the next working day, counted from the event the contract names, and
not opened at all for a municipality whose contract has no such deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld

from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.levering.deadlines import DEADLINES, missed, open_task, overdue, waiting_list
from jeugdketen.levering.models import Task
from jeugdketen.toegang.models import Route, Toewijzing
from jeugdketen.toegang.services import record_plan, register_referral

START = dt.date(2024, 3, 4)  # a Monday
# The Bijlage 1 deadlines count working days; the invoicing deadline (art. 20.3) is a calendar
# date, tested in tests/declaraties/test_invoicing_deadline.py.
CONTRACT_DEADLINES = [kind for kind, deadline in DEADLINES.items() if deadline.rule and deadline.working_days]


@pytest.fixture
def limburg(db):
    return RegionWorld("midden-limburg-oost-2020")


@pytest.fixture
def brabant(db):
    return RegionWorld("noordoost-brabant-2021")


def test_every_contract_deadline_cites_its_article_and_register_entry():
    from jeugdketen.regels.register import get

    for kind in CONTRACT_DEADLINES:
        deadline = DEADLINES[kind]
        entry = get(deadline.rule)
        assert entry is not None and entry.kind == "termijn", kind
        assert deadline.source.startswith("MLO Bijlage 1 art."), kind


@pytest.mark.parametrize(
    ("kind", "late"),
    [(kind, late) for kind in CONTRACT_DEADLINES for late in (False, True)],
    ids=[f"{kind}-{'late' if late else 'on-time'}" for kind in CONTRACT_DEADLINES for late in (False, True)],
)
def test_deadline_edges(limburg, kind, late):
    deadline = DEADLINES[kind]
    client = limburg.client(dt.date(2014, 5, 1))
    task = open_task(kind, START, client=client, municipality=limburg.gemeente, provider=limburg.provider)
    assert task.due == add_working_days(START, deadline.working_days)
    last_day = task.due
    acted = add_working_days(last_day, 1) if late else last_day
    assert overdue(Task.objects.filter(pk=task.pk), acted).exists() is late
    task.done_on = acted
    assert missed(task) is late


def test_plan1_on_the_third_working_day_after_vaststelling_is_on_time(limburg):
    referral = register_referral(
        client=limburg.client(dt.date(2014, 5, 1)),
        municipality=limburg.gemeente,
        route=Route.TOEGANG,
        date=START,
    )
    sent = add_working_days(START, 3)
    record_plan(
        referral=referral, part=1, day=sent, established_on=START, sent_on=sent, signed_by_client_on=START
    )
    task = Task.objects.get(kind="plan1", referral=referral)
    assert (task.start, task.due, task.done_on) == (START, sent, sent)
    assert not missed(task)


def test_plan1_on_the_fourth_working_day_is_late(limburg):
    referral = register_referral(
        client=limburg.client(dt.date(2014, 5, 1)),
        municipality=limburg.gemeente,
        route=Route.TOEGANG,
        date=START,
    )
    sent = add_working_days(START, 4)
    record_plan(
        referral=referral, part=1, day=sent, established_on=START, sent_on=sent, signed_by_client_on=START
    )
    assert missed(Task.objects.get(kind="plan1", referral=referral))


def test_plan1_counts_from_vaststelling_not_from_the_referral(limburg):
    referral = register_referral(
        client=limburg.client(dt.date(2014, 5, 1)),
        municipality=limburg.gemeente,
        route=Route.TOEGANG,
        date=START,
    )
    assert not Task.objects.filter(referral=referral).exists()  # nothing runs until the plan is settled
    settled = START + dt.timedelta(days=21)
    record_plan(
        referral=referral,
        part=1,
        day=settled,
        established_on=settled,
        sent=False,
        signed_by_client_on=settled,
    )
    task = Task.objects.get(kind="plan1", referral=referral)
    assert task.start == settled and task.due == add_working_days(settled, 3) and task.done_on is None
    assert task.source == "MLO Bijlage 1 art. 1.5"


def test_contract_deadlines_do_not_open_outside_midden_limburg(limburg, brabant):
    for world in (limburg, brabant):
        register_referral(
            client=world.client(dt.date(2014, 5, 1)),
            municipality=world.gemeente,
            route=Route.HUISARTS,
            date=START,
        )
    assert Task.objects.filter(kind="jw315-huisarts", municipality=limburg.gemeente).count() == 1
    assert not Task.objects.filter(municipality=brabant.gemeente).exists()
    # The iJw answer times hold everywhere.
    assert open_task("antwoord-jw315", START, municipality=brabant.gemeente) is not None


def test_the_waiting_list_starts_the_working_day_after_the_start_deadline(limburg):
    product = limburg.product("Begeleiding individueel- licht")
    t = Toewijzing.objects.create(
        municipality=limburg.gemeente,
        number="123456",
        client=limburg.client(dt.date(2014, 5, 1)),
        provider=limburg.provider,
        product=product,
        product_category=product.category,
        product_code=product.code,
        begin=START,
        toewijzing_date=START,
    )
    task = open_task("start", START, municipality=limburg.gemeente, provider=limburg.provider, toewijzing=t)
    assert t not in waiting_list(task.due)
    assert t in waiting_list(add_working_days(task.due, 1))
