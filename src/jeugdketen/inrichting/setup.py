"""The thin seam to the set-up services of ``jeugdketen.contracten``: tariffs with their history,
indexation, and the set-up workbook.

The screens and the API never write a tariff or import a workbook themselves; they ask the
services here, so the workbook, the CLI, the tariff model and the screens keep one history.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jeugdketen.catalogus import rounding


def set_tariff(contract, product, year: int, variant: str, amount: Decimal, *, actor, source: str) -> str:
    """Creates or changes one tariff through the contract set-up, which records old value, new
    value, who, when and from where. Returns a short Dutch description of the change."""
    from jeugdketen.contracten import tariffs

    return tariffs.set_tariff(contract, product, year, variant, amount, actor=actor, source=source)


@dataclass
class Change:
    at: object
    who: str
    year: int
    code: str
    variant: str
    old: Decimal | None
    new: Decimal | None
    source: str


def tariff_changes(*, contract=None, line=None) -> list[Change]:
    """The recorded tariff changes of a contract (or of one contract line), newest first."""
    from jeugdketen.contracten.models import TariffChange

    changes = TariffChange.objects.all()
    if line is not None:
        changes = changes.filter(contract=line.contract_id, product=line.product_id, variant=line.variant)
    elif contract is not None:
        changes = changes.filter(contract=contract)
    return [
        Change(c.at, str(c.actor or ""), c.year, c.product.code or "", c.variant, c.old, c.new, c.source)
        for c in changes.select_related("product", "actor").order_by("-at", "-pk")
    ]


@dataclass
class SheetPlan:
    sheet: str
    created: list[str]
    changed: list[str]
    unchanged: int


@dataclass
class Plan:
    """What a workbook does (or did): per sheet what is created, changed and left alone, or
    the problems (``sheet, row, column: message``) that stop it as a whole."""

    sheets: list[SheetPlan]
    problems: list[str]
    links: list[tuple[str, str]]  # (username, activation path) of new users, when applied

    def summary(self) -> str:
        created = sum(len(s.created) for s in self.sheets)
        changed = sum(len(s.changed) for s in self.sheets)
        unchanged = sum(s.unchanged for s in self.sheets)
        return f"{created} nieuw, {changed} gewijzigd, {unchanged} ongewijzigd"


def import_workbook(path, *, user, apply: bool) -> Plan:
    """Reads the workbook at `path` (an .xlsx file or a folder of CSV files); stores it only when
    `apply` and nothing is wrong. A functional administrator's import stays within her regions."""
    from .workbook import run

    return run(path, user=user, apply=apply, source=f"werkmap {getattr(path, 'name', path)}")


@dataclass
class IndexRow:
    contract: str
    code: str
    variant: str
    old: Decimal
    new: Decimal
    contract_id: int = 0
    change: str = ""  # when applied: "nieuw" or "oud → nieuw"


@dataclass
class Indexed:
    rows: list[IndexRow]
    rule: str  # how the amounts were rounded, in Dutch


def index_tariffs(target, year: int, new_year: int, percentage: Decimal, *, actor, apply: bool) -> Indexed:
    """The tariffs of `year` of a contract (or of every contract of a region) times
    (1 + percentage/100), rounded by the region's rule, as tariffs of `new_year`.

    Only computed unless `apply`; then every new tariff goes through :func:`set_tariff`, so
    an existing tariff of the new year is changed with its history, never silently.
    """
    from jeugdketen.catalogus.models import Region
    from jeugdketen.contracten.models import ContractProduct

    lines = ContractProduct.objects.filter(year=year).select_related("contract__region", "product")
    if isinstance(target, Region):
        lines = lines.filter(contract__region=target)
        region = target
    else:
        lines = lines.filter(contract=target)
        region = target.region
    prescribed, rule = rounding.prescribes(region), rounding.explained(region)
    factor = 1 + Decimal(percentage) / 100
    rows = []
    for line in lines.order_by("contract__reference", "product__position", "pk"):
        new = rounding.to_cents(line.tariff * factor, line.product.unit_code, prescribed=prescribed)
        variant = line.variant
        reference = line.contract.reference or str(line.contract_id)
        row = IndexRow(reference, line.product.code or "", variant, line.tariff, new, line.contract_id)
        if apply:
            row.change = set_tariff(
                line.contract, line.product, new_year, variant, new, actor=actor,
                source=f"indexatie {year} → {new_year}: {percentage} %",
            )  # fmt: skip
        rows.append(row)
    return Indexed(rows, rule)
