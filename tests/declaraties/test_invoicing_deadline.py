"""Midden-Limburg Oost art. 20.3: the invoice for a month of care by the last day of the next month.
A task on the provider's worklist, opened by the deadline run and closed by the JW323 that bills
the month; only where the municipality buys under that contract."""

from __future__ import annotations

import datetime as dt

from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.levering.deadlines import missed, overdue
from jeugdketen.levering.digest import deadline_run
from jeugdketen.levering.invoicing import invoice_due, open_invoice_tasks
from jeugdketen.levering.models import Task

from .conftest import YEAR

D = dt.date


def test_the_invoice_is_due_on_the_last_day_of_the_next_month():
    assert invoice_due(D(2025, 3, 17)) == D(2025, 4, 30)
    assert invoice_due(D(2024, 1, 1)) == D(2024, 2, 29)
    assert invoice_due(D(2025, 12, 31)) == D(2026, 1, 31)


def _task(world, billed_on: dt.date) -> Task:
    world.under_midden_limburg()
    tw = world.toewijzing("50B05")
    assert open_invoice_tasks(D(YEAR, 3, 1)) == 1
    assert open_invoice_tasks(D(YEAR, 3, 31)) == 0  # once per toewijzing and month
    task = Task.objects.get(kind="factuur", toewijzing=tw)
    assert (task.start, task.due, task.party) == (D(YEAR, 3, 31), D(YEAR, 4, 30), "aanbieder")
    assert task.source == "MLO art. 20.3"
    process_jw323(world.jw323([world.line(tw, month=3, volume=10)]), received_on=billed_on)
    task.refresh_from_db()
    return task


def test_an_invoice_on_the_last_day_of_the_next_month_is_on_time(world):
    task = _task(world, D(YEAR, 4, 30))
    assert task.done_on == D(YEAR, 4, 30) and not missed(task)


def test_an_invoice_a_day_later_misses_the_deadline(world):
    world.under_midden_limburg()
    tw = world.toewijzing("50B05")
    open_invoice_tasks(D(YEAR, 3, 1))
    assert overdue(Task.objects.filter(kind="factuur"), D(YEAR, 5, 1)).get().toewijzing == tw
    process_jw323(world.jw323([world.line(tw, month=3, volume=10)]), received_on=D(YEAR, 5, 1))
    task = Task.objects.get(kind="factuur", toewijzing=tw)
    assert task.done_on == D(YEAR, 5, 1) and missed(task)


def test_the_deadline_run_opens_last_months_tasks(world):
    world.under_midden_limburg()
    tw = world.toewijzing("50B05")
    deadline_run(D(YEAR, 4, 2))
    assert Task.objects.get(kind="factuur").start == D(YEAR, 3, 31)
    assert Task.objects.get(kind="factuur").toewijzing == tw


def test_no_invoicing_task_without_the_contract_or_without_care(world):
    world.toewijzing("50B05")  # Noordoost-Brabant only: no such deadline
    assert open_invoice_tasks(D(YEAR, 3, 1)) == 0
    world.under_midden_limburg()
    world.toewijzing("50B05", start=None)  # no care started
    world.toewijzing("50B05", start=D(YEAR, 4, 1))  # care starts after March
    assert open_invoice_tasks(D(YEAR, 3, 1)) == 1  # the first toewijzing, now under the contract


def test_a_bill_closes_the_task_of_its_own_month_and_toewijzing_only(world):
    world.under_midden_limburg()
    billed = world.toewijzing("50B05")
    world.toewijzing("50B05")  # another toewijzing with open tasks of both months
    open_invoice_tasks(D(YEAR, 3, 1))
    open_invoice_tasks(D(YEAR, 4, 1))
    assert Task.objects.filter(kind="factuur").count() == 4
    process_jw323(world.jw323([world.line(billed, month=3, volume=10)]), received_on=D(YEAR, 4, 10))
    closed = Task.objects.filter(kind="factuur", done_on__isnull=False)
    assert list(closed.values_list("toewijzing", "start")) == [(billed.pk, D(YEAR, 3, 31))]
