"""Contract tariffs: the one place that writes them, and the one rule for which variant applies.

Every tariff is kept per contract, product, year and variant (``regular`` or ``micro``). A new
tariff, or a changed one, is recorded as a :class:`TariffChange` with the old and the new value,
who made it and where it came from (a workbook, a screen, an indexation, the tariff model).
Nothing else writes ``ContractProduct.tariff``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from .models import VARIANTS, ContractProduct, TariffChange

VARIANT_CODES = {code for code, _ in VARIANTS}


def applicable(prefix: str = "contract__provider__") -> Q:
    """The contract lines whose tariff a provider may bill: regular ones always, micro ones only
    when the provider is a micro-onderneming. Where both apply, the micro tariff is the one (order
    by ``variant``: "micro" sorts before "regular")."""
    return Q(variant="regular") | Q(variant="micro", **{f"{prefix}micro_enterprise": True})


@transaction.atomic
def set_tariff(contract, product, year: int, variant: str, amount, *, actor, source: str) -> str:
    """Creates or changes one tariff and records the change; an unchanged amount records nothing.

    Returns a short Dutch description: ``"nieuw"``, ``"ongewijzigd"`` or ``"oud → nieuw"``.
    """
    if variant not in VARIANT_CODES:
        raise ValueError(f"Onbekende variant {variant!r}: kies regulier of micro.")
    if product.region_id != contract.region_id:
        raise ValueError("Dit product hoort niet bij het productenboek van de regio van het contract.")
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount < 0:
        raise ValueError("Een tarief is nooit negatief.")
    line = (
        ContractProduct.objects.select_for_update()
        .filter(contract=contract, product=product, year=year, variant=variant)
        .first()
    )
    if line is not None and line.tariff == amount:
        return "ongewijzigd"
    old = None if line is None else line.tariff
    if line is None:
        ContractProduct.objects.create(
            contract=contract, product=product, year=year, variant=variant, tariff=amount
        )
    else:
        line.tariff = amount
        line.save(update_fields=["tariff"])
    TariffChange.objects.create(
        contract=contract,
        product=product,
        year=year,
        variant=variant,
        old=old,
        new=amount,
        actor=actor if getattr(actor, "pk", None) else None,
        source=source[:255],
    )
    return "nieuw" if old is None else f"{old} → {amount}"
