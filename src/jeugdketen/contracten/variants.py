"""One tariff variant per provider: Noordoost-Brabant agrees one SGGZ variant with each provider.

The book has three SGGZ products that are tariff variants of one service (SGGZ 1, SGGZ 2, SGGZ
hoog specialistisch) and says "Per aanbieder wordt één tarief variant SGGZ afgesproken" (001,
2637-2639). The catalogue marks the variants (``limits.tariff_variant_of``); the register says
where the rule holds (``SGGZ-VARIANT``). A contract holds all its products for its whole period
(that is how ``CONTRACT`` reads it on allocation), so a provider has two variants "at the same
time" when one contract holds two, or two contracts whose periods overlap hold different ones.
Changing variant from one period to the next is a contract that ends and one that starts after.

The set-up calls :func:`ensure_one_variant` after it wrote contract lines (inside its transaction,
so a refusal stores nothing), and :func:`conflicts` with the period a screen is about to store.
"""

from __future__ import annotations

import datetime as dt

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

RULE = "SGGZ-VARIANT"
KEY = "tariff_variant_of"


class VariantConflict(ValueError):
    """The set-up would give a provider two tariff variants of one service at the same time."""


def _date(day: dt.date | None) -> str:
    return f"{day:%d-%m-%Y}" if day else "open einde"


def _overlap(a, b) -> tuple[dt.date, dt.date | None] | None:
    start = max(a[0], b[0])
    ends = [end for end in (a[1], b[1]) if end is not None]
    end = min(ends) if ends else None
    return None if end is not None and end < start else (start, end)


@regel(RULE)
def conflicts(providers, *, period=None) -> list[str]:
    """Dutch messages, one per clash: a provider (of `providers`, ids or objects) that would have
    two variants of one service at once in a region where the rule holds. `period`, a tuple
    (contract, start, end), is a contract's period as the caller is about to store it."""
    from .models import ContractProduct

    ids = {getattr(p, "pk", p) for p in providers}
    lines = (
        ContractProduct.objects.filter(contract__provider__in=ids, product__limits__has_key=KEY)
        .select_related("contract__provider", "contract__region", "product")
        .order_by("contract__start", "contract_id", "product__position")
    )
    contracts: dict[int, dict] = {}
    for line in lines:
        contract = line.contract
        if not applies(RULE, contract.region.slug):
            continue
        group = str((line.product.limits or {}).get(KEY))
        start, end = contract.start, contract.end
        if period is not None and period[0] is not None and period[0].pk == contract.pk:
            start, end = period[1], period[2]
        entry = contracts.setdefault(
            contract.pk, {"contract": contract, "period": (start, end), "variants": {}}
        )
        entry["variants"].setdefault(group, {})[line.product_id] = line.product
    found: list[str] = []
    items = list(contracts.values())
    for i, one in enumerate(items):
        contract = one["contract"]
        name = contract.reference or f"#{contract.pk}"
        for group, products in one["variants"].items():
            if len(products) > 1:
                found.append(
                    f"Per aanbieder wordt één tariefvariant {group} afgesproken: contract {name} van "
                    f"{contract.provider.name} bevat {_names(products.values())}. Een contract geldt voor "
                    "zijn hele looptijd; een andere variant vraagt een nieuw contract dat ingaat na het "
                    "einde van dit contract."
                )
        for other in items[i + 1 :]:
            theirs = other["contract"]
            if (theirs.provider_id, theirs.region_id) != (contract.provider_id, contract.region_id):
                continue
            both = _overlap(one["period"], other["period"])
            if both is None:
                continue
            for group, products in one["variants"].items():
                different = set(other["variants"].get(group, {})) - set(products)
                if not different or len(products) > 1:
                    continue
                mine = next(iter(products.values()))
                yours = other["variants"][group][next(iter(different))]
                found.append(
                    f"Per aanbieder wordt één tariefvariant {group} afgesproken: {contract.provider.name} "
                    f"zou van {_date(both[0])} tot {_date(both[1])} zowel {_names([mine])} (contract {name}) "
                    f"als {_names([yours])} (contract {theirs.reference or f'#{theirs.pk}'}) hebben. "
                    "Laat het ene contract eindigen voordat het andere ingaat."
                )
    return found


def _names(products) -> str:
    return " en ".join(f"{p.code} {p.name}" for p in products)


def ensure_one_variant(providers, *, period=None) -> None:
    """Raises :class:`VariantConflict` with every clash (see :func:`conflicts`)."""
    found = conflicts(providers, period=period)
    if found:
        raise VariantConflict(" ".join(found))
