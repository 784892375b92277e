"""Background work of the delivery side: the daily deadline run."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import OperationalError

from .digest import deadline_run


@shared_task(
    name="levering.deadline_run", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5
)
def deadline_run_task(today: str | None = None) -> dict:
    """Due and overdue tasks per team, with an e-mail digest when e-mail is configured."""
    return deadline_run(dt.date.fromisoformat(today) if today else None)
