"""Background work of monitoring: the nightly check of the cost aggregates."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError
from django.db.models import Sum

from . import aggregates
from .models import DeclaredClientCost, DeclaredCost


def check_aggregates() -> dict:
    """Catches up the queued declarations, then compares each declaration's aggregate sums with
    its accepted prestaties and rebuilds the declarations that differ. Returns what it repaired."""
    aggregates.catch_up()
    prestatie = aggregates.prestatie_model()
    truth = dict(
        prestatie.objects.filter(accepted=True)
        .values("declaratie_id")
        .annotate(total=Sum("amount_cents"))
        .order_by()
        .values_list("declaratie_id", "total")
    )
    wrong: set[int] = set()
    for model in (DeclaredCost, DeclaredClientCost):
        kept = dict(
            model.objects.values("declaratie_id")
            .annotate(total=Sum("cents"))
            .order_by()
            .values_list("declaratie_id", "total")
        )
        wrong |= {pk for pk in truth.keys() | kept.keys() if truth.get(pk, 0) != kept.get(pk, 0)}
    if wrong:
        aggregates.refresh(wrong)
    return {"declarations_checked": len(truth), "repaired": sorted(wrong)}


@shared_task(
    name="monitoring.check_aggregates", autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5
)
def check_aggregates_task() -> dict:
    return check_aggregates()
