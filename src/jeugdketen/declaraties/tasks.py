"""Background work of billing: the payment run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError

from . import ledger
from .models import Betaalverplichting


def payment_run(today: dt.date | None = None) -> dict:
    """Pays everything that has fallen due and is still open, dated today: one payment per
    municipality and provider. Running it twice pays nothing twice (paid obligations are
    skipped under a row lock)."""
    today = today or dt.date.today()
    due = list(Betaalverplichting.objects.filter(due__lte=today, paid_on__isnull=True))
    payments = ledger.pay(due, on=today, reference=f"betaalrun {today:%Y-%m-%d}") if due else []
    return {
        "date": today.isoformat(),
        "payments": len(payments),
        "cents": sum(p.amount_cents for p in payments),
    }


@shared_task(
    name="declaraties.payment_run", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5
)
def payment_run_task(today: str | None = None) -> dict:
    return payment_run(dt.date.fromisoformat(today) if today else None)


@shared_task(
    name="declaraties.intake",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def intake_task(pk: int) -> dict:
    """Judges one large JW323 taken in by :func:`.background.take_in` (idempotent)."""
    from .background import judge

    return judge(pk)
