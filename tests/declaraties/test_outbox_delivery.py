"""The outbox, on the JW325 a judged declaration sends to its provider: written with the judgement,
delivered afterwards, once, also when the sending process died in between or a delivery failed.

The same on a real worker and Redis is in ``tests/e2e/test_intake_on_redis.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone

from jeugdketen.berichten import outbox, services
from jeugdketen.berichten.models import Message
from jeugdketen.declaraties.intake import process_jw323

from .conftest import YEAR

LATER = dt.timedelta(minutes=2)


def _judged(world, ident: str = "OUT000001") -> Message:
    tw = world.toewijzing()
    result = process_jw323(world.jw323([world.line(tw)], ident=ident), received_on=dt.date(YEAR, 12, 6))
    return result.answer


def _received(answer: Message):
    return Message.objects.filter(direction="in", code="JW325", identification=answer.identification)


def test_the_answer_waits_in_the_outbox_written_with_the_judgement(world):
    answer = _judged(world)
    assert answer.delivery == "wacht" and answer.delivered is None and answer.declaratie_answer
    assert not _received(answer).exists()


def test_delivering_twice_processes_once(world):
    answer = _judged(world)
    first = services.deliver(answer)
    again = services.deliver(answer)
    assert first.message is not None and not first.duplicate
    assert again.duplicate and again.message == first.message and again.produced == []
    assert _received(answer).count() == 1
    answer.refresh_from_db()
    assert answer.delivery == "afgeleverd" and answer.delivered is not None


def test_a_message_left_behind_by_a_crash_is_delivered_by_the_outbox_once(world):
    answer = _judged(world)  # committed; the process that should deliver it died here
    assert outbox.deliver_waiting() == {"delivered": 0, "failed": 0}  # young: left to its sender
    now = timezone.now() + LATER
    assert outbox.deliver_waiting(now=now) == {"delivered": 1, "failed": 0}
    assert outbox.deliver_waiting(now=now) == {"delivered": 0, "failed": 0}
    assert _received(answer).count() == 1


def test_a_crash_during_delivery_leaves_nothing_received_and_the_retry_delivers(world, monkeypatch):
    answer = _judged(world)
    real_process = services.process

    def process_then_lose_the_database(data, **kwargs):
        real_process(data, **kwargs)
        assert _received(answer).count() == 1  # the receiver had stored it ...
        raise OperationalError("connection lost")

    monkeypatch.setattr(services, "process", process_then_lose_the_database)
    with pytest.raises(OperationalError):
        outbox.deliver_waiting(now=timezone.now() + LATER)
    assert not _received(answer).exists()  # ... and it was rolled back with the mark
    answer.refresh_from_db()
    assert answer.delivery == "wacht"
    monkeypatch.setattr(services, "process", real_process)
    assert outbox.deliver_waiting(now=timezone.now() + LATER)["delivered"] == 1
    assert _received(answer).count() == 1


def test_a_failing_delivery_is_retried_with_backoff_then_given_up(world, monkeypatch):
    answer = _judged(world)
    monkeypatch.setattr(services, "process", lambda data, **kwargs: 1 / 0)
    now = timezone.now() + LATER
    assert outbox.deliver_waiting(now=now) == {"delivered": 0, "failed": 1}
    answer.refresh_from_db()
    assert answer.delivery_attempts == 1 and answer.delivery_error == "ZeroDivisionError"
    assert answer.next_attempt - now == outbox.FIRST_BACKOFF
    assert outbox.deliver_waiting(now=now)["failed"] == 0  # not before its next attempt
    for _ in range(outbox.MAX_ATTEMPTS):
        now += outbox.MAX_BACKOFF
        outbox.deliver_waiting(now=now)
    answer.refresh_from_db()
    assert answer.delivery == "mislukt" and answer.delivery_attempts == outbox.MAX_ATTEMPTS
    assert not _received(answer).exists()


def test_waiting_messages_are_delivered_oldest_first(world, monkeypatch):
    first, second = _judged(world, "OUT000001"), _judged(world, "OUT000002")
    order: list[str] = []
    real_deliver = outbox.deliver
    monkeypatch.setattr(outbox, "deliver", lambda m: order.append(m.identification) or real_deliver(m))
    outbox.deliver_waiting(now=timezone.now() + LATER)
    assert order == [first.identification, second.identification]


def test_the_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert outbox.backoff(20) == outbox.MAX_BACKOFF


def test_the_message_log_shows_what_waits_and_what_failed(world, client, monkeypatch):
    from django.urls import reverse

    from jeugdketen.accounts.models import Role, User

    answer = _judged(world)
    user = User.objects.create_user("aanbieder", password="x", role=Role.AANBIEDER, provider=world.provider)
    client.force_login(user)
    assert "Wacht op aflevering" in client.get(reverse("berichten:log")).content.decode()
    monkeypatch.setattr(services, "process", lambda data, **kwargs: 1 / 0)
    outbox.deliver_waiting(now=timezone.now() + LATER)
    page = client.get(reverse("berichten:detail", args=[answer.pk])).content.decode()
    assert "Wacht op aflevering" in page and "1 mislukte poging: ZeroDivisionError" in page
