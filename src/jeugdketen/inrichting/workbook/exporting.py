"""Writing the set-up as a workbook: the empty template with its explanation, or the current
set-up in exactly the format the import reads (export, then import, changes nothing)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract, ContractProduct
from jeugdketen.monitoring.models import Budget

from .columns import EXPLANATION_SHEET, SHEETS

VARIANT_LABELS = {"regular": "regulier", "micro": "micro"}


def _yes(flag: bool) -> str:
    return "ja" if flag else "nee"


def _date(day) -> str:
    return day.isoformat() if day else ""


def _money(amount) -> str:
    return f"{amount:.2f}".replace(".", ",")


def _stops(model):
    rows = {}
    for s in (
        model.objects.select_related("provider", "product").exclude(provider__agb_code=None).order_by("pk")
    ):
        key = (s.provider.agb_code, s.product.code if s.product_id else "", s.start)
        rows.setdefault(key, [s.provider.agb_code, key[1], _date(s.start), _date(s.end), s.reason])
    return sorted(rows.values())


def _organisation(user) -> str:
    if user.role == Role.AANBIEDER:
        return user.provider.agb_code if user.provider_id else ""
    if user.role == Role.BEHEER:
        return ";".join(sorted(r.slug for r in user.regions.all()))
    return ";".join(sorted(m.cbs_code for m in user.municipalities.all()))


def rows() -> dict[str, list[list[str]]]:
    """The current set-up, sheet by sheet, as the strings the workbook holds."""
    return {
        "gemeenten": [
            [m.cbs_code, m.name, ";".join(sorted(r.slug for r in m.regions.all()))]
            for m in Municipality.objects.prefetch_related("regions").order_by("cbs_code")
        ],
        "aanbieders": [
            [
                p.agb_code,
                p.name,
                p.kvk_number,
                p.contract_holder.agb_code if p.contract_holder_id and p.contract_holder.agb_code else "",
                _yes(p.micro_enterprise),
                ";".join(sorted(n.name for n in p.book_names.all())),
            ]
            for p in Provider.objects.exclude(agb_code=None)
            .select_related("contract_holder")
            .prefetch_related("book_names")
            .order_by("agb_code")
        ],
        "contracten": [
            [
                c.reference,
                c.provider.agb_code or "",
                c.region.slug,
                c.lot.code if c.lot_id else "",
                _date(c.start),
                _date(c.end),
                _yes(c.acceptance_duty),
                _yes(c.indirect_time_allowed),
            ]
            for c in Contract.objects.exclude(reference="")
            .select_related("provider", "region", "lot")
            .order_by("reference")
        ],
        "contractproducten": [
            [
                line.contract.reference,
                line.product.code or "",
                str(line.year),
                _money(line.tariff),
                VARIANT_LABELS[line.variant],
            ]
            for line in ContractProduct.objects.exclude(contract__reference="")
            .select_related("contract", "product")
            .order_by("contract__reference", "product__position", "year", "variant")
        ],
        "clientenstops": _stops(ClientStop),
        "vrijstellingen": _stops(AcceptanceExemption),
        "budgetten": [
            [b.municipality.cbs_code, str(b.year), b.lot.code, _money(b.amount)]
            for b in Budget.objects.select_related("municipality", "lot").order_by(
                "municipality__cbs_code", "year", "lot__code"
            )
        ],
        "gebruikers": [
            [u.username, u.get_full_name(), u.email, u.role, _organisation(u)]
            for u in User.objects.filter(is_active=True, is_superuser=False)
            .exclude(role="")
            .select_related("provider")
            .prefetch_related("regions", "municipalities")
            .order_by("username")
        ],
    }


def write(path, *, empty: bool) -> None:
    """Writes the template (`empty`) or the current set-up to `path` (.xlsx)."""
    book = Workbook()
    explanation = book.active
    explanation.title = EXPLANATION_SHEET
    explanation.append(["blad", "kolom", "verplicht", "betekenis"])
    for name, columns in SHEETS.items():
        for column in columns:
            explanation.append([name, column.header, _yes(column.required), column.help])
    data = {} if empty else rows()
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append([c.header for c in columns])
        for row in data.get(name, []):
            sheet.append(row)
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    book.save(path)
