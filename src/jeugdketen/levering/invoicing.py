"""Midden-Limburg Oost art. 20.3: the invoice for a month of care is sent by the last day of the
following month. A deadline on the provider's worklist, not a refusal: the contract refuses
only what comes after its vervaltermijn (art. 20.4, the bill-line rule ``VERVAL``).

Every month the deadline run opens one task per toewijzing that had care in the month before
(a start on or before the month's last day, the toewijzing running in the month, not withdrawn),
where the municipality buys under the contract. The municipality's intake of a JW323 closes the
task of each toewijzing and month it bills (:func:`close_billed`). Both are set-based.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Min, Q

from jeugdketen.core.months import month_end
from jeugdketen.regels import contract

from .deadlines import DEADLINES, open_task
from .models import Task

KIND = "factuur"
CHUNK = 5000


def invoice_due(month: dt.date) -> dt.date:
    """The last day to invoice care of `month`: the last day of the next month."""
    return month_end(month_end(month) + dt.timedelta(days=1))


def open_invoice_tasks(month: dt.date) -> int:
    """Opens the invoicing tasks for care in `month` (any day of it); returns how many were new."""
    from jeugdketen.toegang.models import Toewijzing

    first, last = month.replace(day=1), month_end(month)
    municipalities = {m.pk: m for m in contract.municipalities(DEADLINES[KIND].rule)}
    if not municipalities:
        return 0
    running = (
        Toewijzing.objects.filter(municipality_id__in=list(municipalities), begin__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .exclude(status=Toewijzing.Status.INGETROKKEN)
        .annotate(first_start=Min("starts__date"))
        .filter(first_start__lte=last)
        .values_list("id", "municipality_id", "provider_id", "client_id")
    )
    known = set(Task.objects.filter(kind=KIND, start=last).values_list("toewijzing_id", flat=True))
    tasks = [
        open_task(
            KIND,
            last,
            save=False,
            due=invoice_due(first),
            bound=True,
            municipality=municipalities[m_id],
            provider_id=provider_id,
            client_id=client_id,
            toewijzing_id=tw_id,
        )  # fmt: skip
        for tw_id, m_id, provider_id, client_id in running
        if tw_id not in known
    ]
    Task.objects.bulk_create(tasks)
    return len(tasks)


def close_billed(billed: list[tuple[int, dt.date]], done_on: dt.date, *, provider_id: int) -> int:
    """Closes the provider's invoicing tasks of (toewijzing id, any day of the month of care) pairs.

    One read of the provider's open invoicing tasks of those months, then one UPDATE by key per
    chunk of the tasks that match: a declaration whose months have no open task sends no list of
    its toewijzingen to the database at all.
    """
    per_month: dict[dt.date, set[int]] = defaultdict(set)
    for tw_id, day in billed:
        if tw_id is not None:
            per_month[month_end(day)].add(tw_id)
    if not per_month:
        return 0
    open_tasks = Task.objects.filter(
        kind=KIND, provider_id=provider_id, start__in=sorted(per_month), done_on__isnull=True
    ).values_list("pk", "toewijzing_id", "start")
    due = [pk for pk, tw_id, last in open_tasks if tw_id in per_month[last]]
    closed = 0
    for index in range(0, len(due), CHUNK):
        closed += Task.objects.filter(pk__in=due[index : index + CHUNK]).update(done_on=done_on)
    return closed
