"""The outbox: what was sent but not yet delivered, delivered afterwards, once, with retries.

Every outbound :class:`~.models.Message` is written "wacht" in the transaction of the change that
caused it (a toewijzing and its JW301, a judged declaration and its JW325), so the change and
the message exist together or not at all. Whoever sent it delivers it at once
(:func:`~.services.exchange`); this module delivers what was left behind: by a process that died
between its commit and the delivery, or by a delivery that failed.

:func:`deliver_waiting` takes the waiting messages oldest first (the receiver must see a JW301
before the JW305 that answers it), each in its own transaction
(:func:`~.services.deliver` marks it delivered in the transaction that processes it, so nothing
is delivered twice). A failure is counted and retried later with exponential backoff; after
``MAX_ATTEMPTS`` the message is marked "mislukt" and shown in the message log. Messages younger
than ``GRACE`` are left to the request that sent them.

The ``berichten.deliver_outbox`` task runs this every minute (``jeugdketen beat``); without a
worker, ``jeugdketen messages deliver`` does the same.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Message
from .services import deliver

log = logging.getLogger(__name__)

GRACE = dt.timedelta(seconds=60)
MAX_ATTEMPTS = 8
FIRST_BACKOFF = dt.timedelta(seconds=30)
MAX_BACKOFF = dt.timedelta(hours=1)


def waiting(now: dt.datetime | None = None):
    """The messages to deliver now: waiting past the grace period and past their next attempt."""
    now = now or timezone.now()
    return Message.objects.filter(
        direction=Message.Direction.OUT, delivery=Message.Delivery.WACHT, created__lte=now - GRACE
    ).filter(Q(next_attempt__isnull=True) | Q(next_attempt__lte=now))


def backoff(attempts: int) -> dt.timedelta:
    return min(FIRST_BACKOFF * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def deliver_waiting(*, now: dt.datetime | None = None, limit: int = 500) -> dict:
    """Delivers up to ``limit`` waiting messages, oldest first; returns what it did."""
    now = now or timezone.now()
    done = failed = 0
    for pk in list(waiting(now).order_by("created", "id").values_list("pk", flat=True)[:limit]):
        message = Message.objects.get(pk=pk)
        if message.delivery != Message.Delivery.WACHT:
            continue  # delivered meanwhile by its sender or another worker
        try:
            deliver(message)
            done += 1
        except OperationalError:
            raise  # the database is away: the whole task is retried
        except Exception as error:  # noqa: BLE001 - one bad message must not stop the others
            log.warning("delivery of message %s failed: %s", pk, type(error).__name__)
            _failed(pk, error, now)
            failed += 1
    return {"delivered": done, "failed": failed}


def _failed(pk: int, error: Exception, now: dt.datetime) -> None:
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=pk)
        message.delivery_attempts += 1
        message.delivery_error = f"{type(error).__name__}"[:255]
        if message.delivery_attempts >= MAX_ATTEMPTS:
            message.delivery = Message.Delivery.MISLUKT
        else:
            message.next_attempt = now + backoff(message.delivery_attempts)
        message.save(update_fields=["delivery_attempts", "delivery_error", "delivery", "next_attempt"])
