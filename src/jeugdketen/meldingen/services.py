"""Reporting an incident or data breach, and the deadlines that come with it.

- To the municipality "onmiddellijk" (MLO art. 27.1): read as within 24 hours of discovery.
  The report *is* the registration here, so there is no task to open beforehand: a report
  registered later is marked late, and the list shows it.
- A report to the inspectie, or a measure of the inspectie or the minister (art. 30.2): to the
  municipality within two working days of that report or measure, instead of the 24 hours.
- Continuity, quality or safety of the care at risk, or surseance or bankruptcy applied for
  (art. 29): "zo spoedig mogelijk", a term without a figure, so such a report is never marked
  late; the municipality sees the latest one per provider above the list.
- A data breach to the Autoriteit Persoonsgegevens within 72 hours of discovery (art. 27.3 and
  AVG art. 33): a task on the provider's worklist, closed when the report to the AP, or the
  reason none is needed, is recorded.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.levering.deadlines import close_tasks, open_task
from jeugdketen.regels import regel
from jeugdketen.regels.contract import holds_for, municipalities

from .models import Melding

TO_MUNICIPALITY = dt.timedelta(hours=24)
TO_AP = dt.timedelta(hours=72)
INSPECTION_WORKING_DAYS = 2
AP_TASK = "datalek-ap"
CONTINUITY = (Melding.Kind.CONTINUITEIT, Melding.Kind.SURSEANCE)


@regel("TERMIJN-MELDING-GEMEENTE")
def reported_late(melding: Melding) -> bool:
    """Whether the report reached the municipality more than 24 hours after discovery."""
    if melding.kind == Melding.Kind.INSPECTIE:
        return inspection_reported_late(melding)
    if melding.kind in CONTINUITY:
        return False
    if not holds_for("TERMIJN-MELDING-GEMEENTE", melding.municipality):
        return False
    return melding.reported_at - melding.discovered_at > TO_MUNICIPALITY


def inspection_due(melding: Melding) -> dt.date:
    """The last day to tell the municipality of a report to or a measure of the inspectie."""
    return add_working_days(timezone.localtime(melding.discovered_at).date(), INSPECTION_WORKING_DAYS)


@regel("TERMIJN-MELDING-INSPECTIE")
def inspection_reported_late(melding: Melding) -> bool:
    """Whether the municipality heard of it after the second working day (MLO art. 30.2)."""
    if not holds_for("TERMIJN-MELDING-INSPECTIE", melding.municipality):
        return False
    return timezone.localtime(melding.reported_at).date() > inspection_due(melding)


@regel("MELDING-CONTINUITEIT")
def continuity_at_risk(meldingen) -> list[Melding]:
    """The latest report per provider that its continuity, quality or safety is at risk, or that
    surseance or bankruptcy was applied for (MLO art. 29), to municipalities under the contract.

    ``meldingen`` is the queryset the reader may see; the newest report of a provider comes first.
    """
    latest: dict[int, Melding] = {}
    rows = (
        meldingen.filter(kind__in=CONTINUITY, municipality__in=municipalities("MELDING-CONTINUITEIT"))
        .select_related("provider", "municipality")
        .order_by("-reported_at", "-id")
    )
    for melding in rows:
        latest.setdefault(melding.provider_id, melding)
    return list(latest.values())


def ap_due(melding: Melding) -> dt.date:
    """The last day to report a data breach to the AP: 72 hours after discovery, as a date."""
    return timezone.localtime(melding.discovered_at + TO_AP).date()


@regel("MELDING-REGISTER")
@transaction.atomic
def report(*, provider, municipality, kind, discovered_at, summary, measures="", persons_affected=None,
           by=None, now=None) -> Melding:  # fmt: skip
    """Registers a report; a data breach puts the AP deadline on the provider's worklist."""
    now = now or timezone.now()
    if discovered_at > now:
        raise ValueError("Het moment van ontdekken ligt in de toekomst.")
    melding = Melding.objects.create(
        provider=provider, municipality=municipality, kind=kind, discovered_at=discovered_at,
        reported_at=now, summary=summary, measures=measures, persons_affected=persons_affected,
        reported_by=by if getattr(by, "pk", None) else None,
    )  # fmt: skip
    if kind == Melding.Kind.DATALEK:
        open_task(
            AP_TASK, timezone.localtime(discovered_at).date(), due=ap_due(melding),
            municipality=municipality, provider=provider,
        )  # fmt: skip
    return melding


def record_ap(melding: Melding, *, reported_on: dt.date | None = None, not_required: str = "") -> None:
    """The report to the AP was made on `reported_on`, or is not needed for `not_required`."""
    if not reported_on and not not_required.strip():
        raise ValueError("Geef de datum van de melding aan de AP, of waarom die niet nodig is.")
    melding.ap_reported_on = reported_on
    melding.ap_not_required = not_required.strip()
    melding.save(update_fields=["ap_reported_on", "ap_not_required"])
    discovered = timezone.localtime(melding.discovered_at).date()
    done = reported_on or timezone.localdate()
    close_tasks(AP_TASK, done, municipality=melding.municipality, provider=melding.provider, start=discovered)


def ap_late(melding: Melding) -> bool:
    return melding.ap_reported_on is not None and melding.ap_reported_on > ap_due(melding)
