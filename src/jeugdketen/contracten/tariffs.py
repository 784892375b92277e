"""Contract tariffs: the one place that writes them, and the one rule for which variant applies.

Every tariff is kept per contract, product, year and variant (``regular`` or ``micro``). A new
tariff, or a changed one, is recorded as a :class:`TariffChange` with the old and the new value,
who made it and where it came from (a workbook, a screen, an indexation, the tariff model).
Nothing else writes ``ContractProduct.tariff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from . import variants
from .models import VARIANTS, ContractProduct, TariffChange

VARIANT_CODES = {code for code, _ in VARIANTS}


def applicable(prefix: str = "contract__provider__") -> Q:
    """The contract lines whose tariff a provider may bill: regular ones always, micro ones only
    when the provider is a micro-onderneming. Where both apply, the micro tariff is the one (order
    by ``variant``: "micro" sorts before "regular")."""
    return Q(variant="regular") | Q(variant="micro", **{f"{prefix}micro_enterprise": True})


@dataclass(frozen=True)
class TariffRow:
    contract: object
    product: object
    year: int
    variant: str
    amount: Decimal


def set_tariff(contract, product, year: int, variant: str, amount, *, actor, source: str) -> str:
    """Creates or changes one tariff and records the change; an unchanged amount records nothing.

    Returns a short Dutch description: ``"nieuw"``, ``"ongewijzigd"`` or ``"oud → nieuw"``.
    """
    return set_tariffs([TariffRow(contract, product, year, variant, amount)], actor=actor, source=source)[0]


@transaction.atomic
def set_tariffs(rows: list[TariffRow], *, actor, source: str) -> list[str]:
    """:func:`set_tariff` for many tariffs at once (a workbook, an indexation, the demo): the
    same checks and history, a few statements in all instead of a few per tariff."""
    checked = []
    for row in rows:
        if row.variant not in VARIANT_CODES:
            raise ValueError(f"Onbekende variant {row.variant!r}: kies regulier of micro.")
        if row.product.region_id != row.contract.region_id:
            raise ValueError("Dit product hoort niet bij het productenboek van de regio van het contract.")
        amount = Decimal(row.amount).quantize(Decimal("0.01"))
        if amount < 0:
            raise ValueError("Een tarief is nooit negatief.")
        checked.append((row, amount))
    existing = {
        (line.contract_id, line.product_id, line.year, line.variant): line
        for line in ContractProduct.objects.select_for_update().filter(
            contract__in={row.contract.pk for row in rows}
        )
    }
    actor = actor if getattr(actor, "pk", None) else None
    new_lines, changed_lines, history, outcomes = [], [], [], []
    for row, amount in checked:
        key = (row.contract.pk, row.product.pk, row.year, row.variant)
        line = existing.get(key)
        if line is not None and line.tariff == amount:
            outcomes.append("ongewijzigd")
            continue
        old = None if line is None else line.tariff
        if line is None:
            line = ContractProduct(
                contract=row.contract, product=row.product, year=row.year, variant=row.variant, tariff=amount
            )
            new_lines.append(line)
            existing[key] = line
        else:
            line.tariff = amount
            changed_lines.append(line)
        history.append(
            TariffChange(
                contract=row.contract,
                product=row.product,
                year=row.year,
                variant=row.variant,
                old=old,
                new=amount,
                actor=actor,
                source=source[:255],
            )
        )
        outcomes.append("nieuw" if old is None else f"{old} → {amount}")
    ContractProduct.objects.bulk_create(new_lines, batch_size=1000)
    ContractProduct.objects.bulk_update(changed_lines, ["tariff"], batch_size=1000)
    TariffChange.objects.bulk_create(history, batch_size=1000)
    # SGGZ-VARIANT: a new line may give a provider a second tariff variant; inside this
    # transaction, so a refusal stores nothing.
    varying = {
        line.contract.provider_id for line in new_lines if (line.product.limits or {}).get(variants.KEY)
    }
    if varying:
        variants.ensure_one_variant(varying)
    return outcomes
