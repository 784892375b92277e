"""The periodic runs, through Celery (in-process here, as without a broker): payment run,
aggregate check and deadline run; each may run twice without doing anything twice."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.test import override_settings

from jeugdketen.accounts.models import Role, User
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Betaalverplichting, Betaling
from jeugdketen.declaraties.tasks import payment_run_task
from jeugdketen.levering.deadlines import open_task
from jeugdketen.levering.tasks import deadline_run_task
from jeugdketen.monitoring.models import DeclaredCost
from jeugdketen.monitoring.tasks import check_aggregates_task

from .conftest import YEAR

DAY = dt.date(YEAR, 12, 6)


def test_the_payment_run_pays_what_fell_due_once(world):
    tw = world.toewijzing()
    process_jw323(world.jw323([world.line(tw, month=1)]), received_on=DAY)
    later = world.toewijzing("50B05", volume=120)
    process_jw323(
        world.jw323([world.line(later, month=2, volume=30)]), received_on=DAY + dt.timedelta(days=10)
    )
    due = DAY + dt.timedelta(days=30)
    result = payment_run_task.delay(due.isoformat()).get()
    assert result["payments"] == 1
    first, second = Betaalverplichting.objects.order_by("due")
    assert first.paid_on == due and first.paid_cents == first.amount_cents and second.paid_on is None
    assert payment_run_task.delay(due.isoformat()).get()["payments"] == 0  # nothing twice
    assert (
        payment_run_task.delay((due + dt.timedelta(days=10)).isoformat()).get()["cents"]
        == second.amount_cents
    )
    assert Betaling.objects.count() == 2


def test_the_aggregate_check_repairs_a_figure_that_drifted(world):
    tw = world.toewijzing()
    result = process_jw323(world.jw323([world.line(tw, month=1), world.line(tw, month=2)]), received_on=DAY)
    # The test's transaction never commits, so the after-commit refresh did not run: the check
    # finds the declaration's figures missing and builds them; a second check finds nothing.
    assert check_aggregates_task.delay().get()["repaired"] == [result.declaratie.pk]
    assert check_aggregates_task.delay().get()["repaired"] == []
    row = DeclaredCost.objects.filter(declaratie_id=result.declaratie.pk).first()
    row.cents += 1
    row.save()
    outcome = check_aggregates_task.delay().get()
    assert outcome["repaired"] == [result.declaratie.pk]
    total = sum(
        DeclaredCost.objects.filter(declaratie_id=result.declaratie.pk).values_list("cents", flat=True)
    )
    assert total == result.declaratie.total_accepted_cents
    assert check_aggregates_task.delay().get()["repaired"] == []


@override_settings(JEUGDKETEN_SEND_MAIL=True, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_deadline_run_counts_per_team_and_mails_a_digest_without_client_data(world):
    today = dt.date(YEAR, 12, 10)
    world.under_midden_limburg()  # whose Bijlage 1 sets the start-of-care deadline
    tw = world.toewijzing()
    links = {
        "client": tw.client,
        "municipality": world.municipality,
        "provider": world.provider,
        "toewijzing": tw,
    }
    overdue = open_task("start", dt.date(YEAR, 11, 1), **links)
    due_today = open_task("start", today, **links)
    due_today.due = today
    due_today.save()
    done = open_task("start", dt.date(YEAR, 11, 1), **links)
    done.done_on = today
    done.save()
    worker = User.objects.create(
        username="bo", role=Role.AANBIEDER, provider=world.provider, email="bo@zorg.example"
    )
    assert overdue.party == "aanbieder" and worker.email
    result = deadline_run_task.delay(today.isoformat()).get()
    assert result["teams"] == {f"aanbieder:{world.provider.agb_code}": {"overdue": 1, "due_today": 1}}
    assert result["digests_sent"] == 1
    [message] = mail.outbox
    assert message.to == ["bo@zorg.example"] and "1 verlopen en 1 vandaag" in message.subject
    assert tw.client.bsn not in message.body and tw.client.last_name not in message.body
