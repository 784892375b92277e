"""Background work of the message exchange: delivering what waits in the outbox."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="berichten.deliver_outbox",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def deliver_outbox_task() -> dict:
    """Delivers the outbound messages left behind (see :mod:`.outbox`); idempotent."""
    from .outbox import deliver_waiting

    return deliver_waiting()
