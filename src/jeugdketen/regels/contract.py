"""Which municipalities a contract rule holds for: the one place that joins the register to them.

A rule of one region's contract holds for the municipalities that buy under that region: the
catalogue's ``Municipality.regions`` (filled from the product book and the set-up, see
``jeugdketen.inrichting``). The register's ``regions`` of the entry says which regions those
are, so no caller names a region itself. A rule that judges one product asks
:func:`jeugdketen.regels.register.applies` with the product's region instead; a rule that
follows the municipality (a deadline, a report, a melding) asks here.
"""

from __future__ import annotations

from django.db.models import QuerySet

from jeugdketen.core import batch

from .register import get


def _regions(rule_id: str) -> tuple[str, ...]:
    entry = get(rule_id)
    if entry is None:
        raise KeyError(f"the rule register has no entry {rule_id}")
    return entry.regions


def municipalities(rule_id: str) -> QuerySet:
    """The municipalities that buy under a region where ``rule_id`` holds (one query when read)."""
    from jeugdketen.catalogus.models import Municipality

    return Municipality.objects.filter(regions__slug__in=_regions(rule_id)).distinct()


def holds_for(rule_id: str, municipality) -> bool:
    """Whether ``rule_id`` holds for this municipality (it buys under one of the rule's regions).
    Inside a batch (:func:`jeugdketen.core.batch.remembered`) its regions are read once."""
    regions = _regions(rule_id)
    known = batch.rows(
        ("regels.municipality_regions", municipality.pk),
        lambda: frozenset(municipality.regions.values_list("slug", flat=True)),
    )
    if known is not None:
        return any(slug in known for slug in regions)
    return municipality.regions.filter(slug__in=regions).exists()
