"""The cost-price model meets the database: calibration per region, the what-if's effect on
the budget, and next year's proposal per contract.

The model itself lives in :mod:`jeugdketen.kostprijs` (no Django). The budget effect asks
monitoring's budget figure twice, once as it stands and once with the what-if's tariffs for
the committed part, so both numbers come from the one computation of 'verplicht'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from jeugdketen.catalogus.models import Product
from jeugdketen.kostprijs.calibrate import VARIANT_LABELS, Calibration, calibrate
from jeugdketen.kostprijs.explain import Explanation, explain
from jeugdketen.kostprijs.model import cents, exact, mix_salary
from jeugdketen.kostprijs.spec import available, load
from jeugdketen.kostprijs.whatif import Scenario, TariffChange, new_tariffs
from jeugdketen.monitoring import figures
from jeugdketen.monitoring.costs import tariff_expression
from jeugdketen.toegang.models import Toewijzing

from .models import scales_for


def regions() -> list[str]:
    return available()


@cache
def calibration(region: str) -> Calibration:
    """Calibration depends only on the data files, so it is computed once per process."""
    return calibrate(load(region))


def explanation(region: str, code: str, variant: str, *, year: int | None = None) -> Explanation:
    scales = scales_for(year) if year else None
    return explain(calibration(region), code, variant, scales=scales or None)


def _unit(region: str, code: str) -> str:
    spec = load(region).products.get(code)
    return spec.unit if spec else "etmaal"


def changed_tariff(region: str, current: Decimal, changes: list[TariffChange]) -> Decimal | None:
    """What a contracted tariff becomes: the model's new tariff when it is the published one
    (regular or micro), else the same relative change as the regular tariff, rounded alike."""
    if not changes:
        return None
    for change in sorted(changes, key=lambda c: c.variant != "regular"):
        if change.current == current:
            return change.new
    regular = next((c for c in changes if c.variant == "regular"), changes[0])
    if not regular.current or regular.new == regular.current:
        return current
    return cents(exact(current) * exact(regular.new) / exact(regular.current), _unit(region, regular.code))


def pair_tariffs(region: str, year: int) -> dict[tuple[int, int], tuple[str, Decimal]]:
    """{(provider id, product id): (product code, tariff)} for the region's toewijzingen, the
    tariff as the budget figure prices them (contract, else catalogue, latest year <= year)."""
    rows = (
        Toewijzing.objects.filter(product__region__slug=region)
        .annotate(_tariff=tariff_expression(year))
        .values_list("provider", "product", "product__code", "_tariff")
        .distinct()
    )
    return {
        (provider, product): (code, tariff) for provider, product, code, tariff in rows if tariff is not None
    }


def override(region: str, year: int, changes: list[TariffChange]) -> dict[tuple[int, int], Decimal]:
    by_code: dict[str, list[TariffChange]] = {}
    for change in changes:
        by_code.setdefault(change.code, []).append(change)
    result = {}
    for pair, (code, tariff) in pair_tariffs(region, year).items():
        new = changed_tariff(region, Decimal(tariff).quantize(Decimal("0.01")), by_code.get(code, []))
        if new is not None and new != tariff:
            result[pair] = new
    return result


@dataclass(frozen=True)
class BudgetEffect:
    rows: list[dict]
    summary: dict
    method: str
    source: str


def budget_effect(
    scope, region: str, changes: list[TariffChange], *, year: int, today: dt.date
) -> BudgetEffect:
    """Committed spending and year-end forecast per municipality and lot, now and under the
    what-if tariffs (monitoring's budget figure, asked twice)."""
    before = figures.budget(scope, year=year, today=today)
    tariffs = override(region, year, changes)
    after = figures.budget(scope, year=year, today=today, tariffs=tariffs) if tariffs else before
    new_rows = {(row["municipality"], row["lot"]): row for row in after.tables[0].rows}
    rows = []
    for row in before.tables[0].rows:
        other = new_rows.get((row["municipality"], row["lot"]), row)
        rows.append(
            {
                "municipality": row["municipality"],
                "lot": row["lot"],
                "budget": row["budget"],
                "realised": row["realised"],
                "committed": row["committed"],
                "committed_new": other["committed"],
                "committed_difference": other["committed"] - row["committed"],
                "forecast": row["forecast"],
                "forecast_new": other["forecast"],
                "remaining_new": other["remaining"],
            }
        )
    summary = {
        key: sum(row[key] for row in rows)
        for key in (
            "realised",
            "committed",
            "committed_new",
            "committed_difference",
            "forecast",
            "forecast_new",
        )
    }
    return BudgetEffect(rows, summary, before.method, before.parameters["source"])


def salary_factors(region: str, first: int, second: int) -> tuple[dict[str, Decimal], list[str]]:
    """Per product: the salary of its mix from the scale amounts of `second` over `first`
    (a new CAO table against the old). Products whose scales are incomplete in either year
    are listed instead; the what-if leaves their salary as it is."""
    model = load(region)
    old, new = scales_for(first), scales_for(second)
    factors, missing = {}, []
    for code, spec in model.products.items():
        if not spec.in_model:
            continue
        try:
            before, _levels = mix_salary(spec.mix, spec.caos, model.levels, old)
            after, _levels = mix_salary(spec.mix, spec.caos, model.levels, new)
        except KeyError:
            missing.append(code)
            continue
        factors[code] = after / before
    return factors, missing


def what_if(region: str, scenario: Scenario, *, year: int | None = None) -> list[TariffChange]:
    return new_tariffs(calibration(region), scenario, year=year)


@dataclass(frozen=True)
class ContractProposal:
    contract_id: int
    contract: str
    product_id: int
    code: str
    variant: str
    current: Decimal
    proposed: Decimal

    @property
    def variant_label(self) -> str:
        return VARIANT_LABELS[self.variant]


def contract_proposals(region: str, base_year: int, changes: list[TariffChange]) -> list[ContractProposal]:
    """Next year's tariff per contract and product, from the contract's tariff of `base_year`."""
    from jeugdketen.contracten.models import ContractProduct

    by_code: dict[str, list[TariffChange]] = {}
    for change in changes:
        by_code.setdefault(change.code, []).append(change)
    lines = (
        ContractProduct.objects.filter(product__region__slug=region, year=base_year)
        .select_related("contract__provider", "product")
        .order_by("contract__provider__name", "product__position")
    )
    result = []
    for line in lines:
        options = by_code.get(line.product.code or "", [])
        proposed = changed_tariff(region, line.tariff, options)
        if proposed is None:
            continue
        variant = next((c.variant for c in options if c.current == line.tariff), "regular")
        result.append(
            ContractProposal(
                line.contract_id,
                str(line.contract),
                line.product_id,
                line.product.code,
                variant,
                line.tariff,
                proposed,
            )
        )
    return result


def apply_proposals(proposals: list[ContractProposal], year: int, *, actor, source: str) -> int:
    """Records next year's tariffs through the set-up (contracten.tariffs.set_tariff), which keeps
    their history; never writes tariffs itself."""
    from jeugdketen.contracten import tariffs as setup
    from jeugdketen.contracten.models import Contract

    contracts = Contract.objects.in_bulk({p.contract_id for p in proposals})
    products = Product.objects.in_bulk({p.product_id for p in proposals})
    for proposal in proposals:
        setup.set_tariff(
            contracts[proposal.contract_id],
            products[proposal.product_id],
            year,
            proposal.variant,
            proposal.proposed,
            actor=actor,
            source=source,
        )
    return len(proposals)
