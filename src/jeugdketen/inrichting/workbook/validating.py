"""Validating a set-up workbook as a whole, before anything is stored.

Each sheet's rows become typed records; every problem is one Dutch line ``sheet, rij N,
kolom: bericht``. References may point at the database or at an earlier sheet of the same
workbook. A row never moves an existing organisation, contract or user to another one: that is
a problem, not a change. A functional administrator's workbook stays within her regions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract

from .reading import Row, Workbook

VARIANTS = {"regulier": "regular", "micro": "micro"}
ROLES = {r.value for r in Role}


class Invalid(ValueError):
    """One cell's problem (the column is known to the caller)."""


def parse_date(text: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise Invalid(f"ongeldige datum {text!r} (gebruik JJJJ-MM-DD of DD-MM-JJJJ)")


def parse_amount(text: str) -> Decimal:
    """Euros as a Dutch or an international number: ``62,80``, ``62.80``, ``1.234,56``, ``€ 62,80``."""
    cleaned = text.replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(f"ongeldig bedrag {text!r}") from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise Invalid(f"ongeldig bedrag {text!r} (niet negatief, hooguit twee decimalen)")
    return amount.quantize(Decimal("0.01"))


def parse_bool(text: str) -> bool:
    if text.lower() in ("ja", "nee"):
        return text.lower() == "ja"
    raise Invalid(f"vul ja of nee in, niet {text!r}")


def parse_year(text: str) -> int:
    if not re.fullmatch(r"20\d\d", text):
        raise Invalid(f"ongeldig jaar {text!r}")
    return int(text)


def parse_code(text: str, digits: int, what: str) -> str:
    if not re.fullmatch(rf"\d{{{digits}}}", text):
        raise Invalid(f"{what} bestaat uit {digits} cijfers, niet {text!r}")
    return text


@dataclass
class Records:
    gemeenten: list = field(default_factory=list)
    aanbieders: list = field(default_factory=list)
    contracten: list = field(default_factory=list)
    contractproducten: list = field(default_factory=list)
    clientenstops: list = field(default_factory=list)
    vrijstellingen: list = field(default_factory=list)
    budgetten: list = field(default_factory=list)
    gebruikers: list = field(default_factory=list)


class Checker:
    """Validates one workbook against the database; `allowed` is the administrator's region ids
    (None: everything, for the command line)."""

    def __init__(self, book: Workbook, allowed: set[int] | None) -> None:
        self.book, self.allowed = book, allowed
        self.problems: list[str] = list(book.problems)
        self.records = Records()
        self.regions = {r.slug: r for r in Region.objects.all()}
        self.products: dict[tuple[int, str], Product] = {
            (p.region_id, p.code): p for p in Product.objects.exclude(code=None).exclude(code="")
        }
        self.lots = {(lot.region_id, lot.code): lot for lot in Lot.objects.all()}
        self.municipalities = {m.cbs_code: m for m in Municipality.objects.prefetch_related("regions")}
        self.providers = {p.agb_code: p for p in Provider.objects.exclude(agb_code=None)}
        self.contracts = {c.reference: c for c in Contract.objects.exclude(reference="")}
        # what the workbook itself brings, by key: region ids of municipalities, contract regions, providers
        self.new_municipality_regions: dict[str, list[int]] = {}
        self.new_providers: set[str] = set()
        self.contract_regions: dict[str, int] = {c.reference: c.region_id for c in self.contracts.values()}
        self.contract_providers: dict[str, str] = {
            c.reference: (c.provider.agb_code if c.provider_id else "")
            for c in Contract.objects.exclude(reference="").select_related("provider")
        }

    # -- helpers --------------------------------------------------------------------------
    def problem(self, sheet: str, row: Row, column: str, message: str) -> None:
        self.problems.append(f"{sheet}, rij {row.number}, {column}: {message}")

    def cell(self, sheet, row, column, parse=None, *, required=True):
        text = row.values.get(column, "")
        if not text:
            if required:
                self.problem(sheet, row, column, "verplicht, maar leeg")
                raise Invalid
            return None
        if parse is None:
            return text
        try:
            return parse(text)
        except Invalid as exc:
            self.problem(sheet, row, column, str(exc))
            raise Invalid from None

    def region(self, sheet, row, column, slug) -> Region:
        region = self.regions.get(slug)
        if region is None:
            self.problem(sheet, row, column, f"onbekende regio {slug!r} (geen geladen productenboek)")
            raise Invalid
        if self.allowed is not None and region.pk not in self.allowed:
            self.problem(sheet, row, column, f"regio {slug!r} valt buiten uw beheer")
            raise Invalid
        return region

    def provider_known(self, sheet, row, column, agb) -> str:
        if agb not in self.providers and agb not in self.new_providers:
            self.problem(sheet, row, column, f"aanbieder met AGB-code {agb} bestaat niet")
            raise Invalid
        return agb

    def municipality_regions(self, cbs: str) -> list[int] | None:
        if cbs in self.new_municipality_regions:
            return self.new_municipality_regions[cbs]
        if cbs in self.municipalities:
            return [r.pk for r in self.municipalities[cbs].regions.all()]
        return None

    def unique(self, sheet, seen: dict, key, row, column) -> None:
        if key in seen:
            self.problem(sheet, row, column, f"dubbele sleutel, ook in rij {seen[key]}")
            raise Invalid
        seen[key] = row.number

    # -- sheets -----------------------------------------------------------------------------
    def run(self) -> Records:
        for sheet in (
            "gemeenten",
            "aanbieders",
            "contracten",
            "contractproducten",
            "clientenstops",
            "vrijstellingen",
            "budgetten",
            "gebruikers",
        ):
            check = getattr(self, f"_{sheet}", None) or self._stops
            seen: dict = {}
            for row in self.book.sheets.get(sheet, []):
                try:
                    record = check(sheet, row, seen)
                except Invalid:
                    continue
                getattr(self.records, sheet).append(record)
        return self.records

    def _gemeenten(self, sheet, row, seen):
        cbs = self.cell(sheet, row, "cbs_code", lambda t: parse_code(t, 4, "een CBS-code"))
        self.unique(sheet, seen, cbs, row, "cbs_code")
        name = self.cell(sheet, row, "naam")
        slugs = [s.strip() for s in self.cell(sheet, row, "regio").split(";") if s.strip()]
        regions = [self.region(sheet, row, "regio", s) for s in slugs]
        existing = self.municipalities.get(cbs)
        outside = existing is not None and self.allowed is not None
        if outside and any(r.pk not in self.allowed for r in existing.regions.all()):
            self.problem(sheet, row, "cbs_code", f"gemeente {cbs} hoort ook bij een regio buiten uw beheer")
            raise Invalid
        self.new_municipality_regions[cbs] = sorted(
            {r.pk for r in regions} | ({r.pk for r in existing.regions.all()} if existing else set())
        )
        return {"cbs": cbs, "name": name, "regions": regions}

    def _aanbieders(self, sheet, row, seen):
        agb = self.cell(sheet, row, "agb_code", lambda t: parse_code(t, 8, "een AGB-code"))
        self.unique(sheet, seen, agb, row, "agb_code")
        name = self.cell(sheet, row, "naam")
        kvk = self.cell(
            sheet, row, "kvk_nummer", lambda t: parse_code(t, 8, "een KvK-nummer"), required=False
        )
        holder = self.cell(
            sheet, row, "hoofdaannemer_agb", lambda t: parse_code(t, 8, "een AGB-code"), required=False
        )
        micro = self.cell(sheet, row, "micro_onderneming", parse_bool)
        book_names = self._book_names(sheet, row, agb, name)
        other = Provider.objects.filter(name=name).exclude(agb_code=agb).first()
        adopts = other is not None and other.agb_code is None and other.organisation_id is None
        adopts = adopts and agb not in self.providers
        if other is not None and not adopts:  # a book's own name may become the organisation
            self.problem(sheet, row, "naam", f"deze naam hoort al bij aanbieder {other.agb_code or other.pk}")
            raise Invalid
        if holder is not None:
            if holder == agb:
                self.problem(
                    sheet, row, "hoofdaannemer_agb", "een aanbieder is niet haar eigen hoofdaannemer"
                )
                raise Invalid
            self.provider_known(sheet, row, "hoofdaannemer_agb", holder)
        self.new_providers.add(agb)
        return {
            "agb": agb,
            "name": name,
            "kvk": kvk or "",
            "holder": holder,
            "micro": micro,
            "book_names": book_names,
        }

    def _book_names(self, sheet, row, agb, name) -> list[str]:
        """The product-book names this organisation stands for: each must be a name a loaded book
        uses (a provider without AGB code) and not be linked to another organisation."""
        text = self.cell(sheet, row, "namen_productenboek", required=False) or ""
        names = [n.strip() for n in text.split(";") if n.strip()]
        found = {p.name: p for p in Provider.objects.filter(name__in=names).select_related("organisation")}
        for book_name in names:
            known = found.get(book_name)
            if known is None or (known.agb_code and known.agb_code != agb):
                self.problem(
                    sheet,
                    row,
                    "namen_productenboek",
                    f"{book_name!r} is geen aanbiedersnaam uit een productenboek",
                )
                raise Invalid
            linked = known.organisation
            if linked is not None and linked.agb_code != agb:
                self.problem(
                    sheet,
                    row,
                    "namen_productenboek",
                    f"{book_name!r} is al gekoppeld aan aanbieder {linked.agb_code or linked.name}",
                )
                raise Invalid
        return [n for n in names if n != name]

    def _contracten(self, sheet, row, seen):
        ref = self.cell(sheet, row, "contractnummer")
        self.unique(sheet, seen, ref, row, "contractnummer")
        agb = self.provider_known(sheet, row, "aanbieder_agb", self.cell(sheet, row, "aanbieder_agb"))
        region = self.region(sheet, row, "regio", self.cell(sheet, row, "regio"))
        lot_code = self.cell(sheet, row, "perceel", required=False)
        lot = None
        if lot_code:
            lot = self.lots.get((region.pk, lot_code))
            if lot is None:
                self.problem(sheet, row, "perceel", f"onbekend perceel {lot_code!r} in regio {region.slug}")
                raise Invalid
        start = self.cell(sheet, row, "ingangsdatum", parse_date)
        end = self.cell(sheet, row, "einddatum", parse_date, required=False)
        if end is not None and end < start:
            self.problem(sheet, row, "einddatum", "ligt voor de ingangsdatum")
            raise Invalid
        acceptance = self.cell(sheet, row, "acceptatieplicht", parse_bool)
        indirect = self.cell(sheet, row, "indirecte_tijd", parse_bool)
        existing = self.contracts.get(ref)
        if existing is not None:
            if self.contract_providers.get(ref) != agb:
                self.problem(
                    sheet,
                    row,
                    "aanbieder_agb",
                    "het contract hoort bij een andere aanbieder; verplaatsen kan niet",
                )
                raise Invalid
            if existing.region_id != region.pk:
                self.problem(
                    sheet, row, "regio", "het contract hoort bij een andere regio; verplaatsen kan niet"
                )
                raise Invalid
        self.contract_regions[ref] = region.pk
        self.contract_providers[ref] = agb
        return {
            "ref": ref,
            "agb": agb,
            "region": region,
            "lot": lot,
            "start": start,
            "end": end,
            "acceptance": acceptance,
            "indirect": indirect,
        }

    def _contractproducten(self, sheet, row, seen):
        ref = self.cell(sheet, row, "contractnummer")
        if ref not in self.contract_regions:
            self.problem(sheet, row, "contractnummer", f"contract {ref!r} bestaat niet")
            raise Invalid
        region_id = self.contract_regions[ref]
        if self.allowed is not None and region_id not in self.allowed:
            self.problem(sheet, row, "contractnummer", "het contract valt buiten uw beheer")
            raise Invalid
        code = self.cell(sheet, row, "productcode").upper()
        product = self.products.get((region_id, code))
        if product is None:
            self.problem(
                sheet, row, "productcode", f"onbekende productcode {code!r} voor de regio van het contract"
            )
            raise Invalid
        year = self.cell(sheet, row, "jaar", parse_year)
        tariff = self.cell(sheet, row, "tarief", parse_amount)
        variant_text = self.cell(sheet, row, "variant").lower()
        if variant_text not in VARIANTS:
            self.problem(sheet, row, "variant", f"kies regulier of micro, niet {variant_text!r}")
            raise Invalid
        variant = VARIANTS[variant_text]
        self.unique(sheet, seen, (ref, code, year, variant), row, "productcode")
        return {"ref": ref, "product": product, "year": year, "tariff": tariff, "variant": variant}

    def _stops(self, sheet, row, seen):
        agb = self.provider_known(sheet, row, "aanbieder_agb", self.cell(sheet, row, "aanbieder_agb"))
        code = (self.cell(sheet, row, "productcode", required=False) or "").upper()
        start = self.cell(sheet, row, "ingangsdatum", parse_date)
        end = self.cell(sheet, row, "einddatum", parse_date, required=False)
        if end is not None and end < start:
            self.problem(sheet, row, "einddatum", "ligt voor de ingangsdatum")
            raise Invalid
        reason = self.cell(sheet, row, "reden")
        products = [None]
        if code:
            regions = {
                r for ref, r in self.contract_regions.items() if self.contract_providers.get(ref) == agb
            }
            products = [self.products[(r, code)] for r in sorted(regions) if (r, code) in self.products]
            if not products:
                self.problem(
                    sheet,
                    row,
                    "productcode",
                    f"onbekende productcode {code!r} in de contracten van deze aanbieder",
                )
                raise Invalid
        if self.allowed is not None:
            regions = {p.region_id for p in products if p} or {
                r for ref, r in self.contract_regions.items() if self.contract_providers.get(ref) == agb
            }
            if not regions or regions - self.allowed:
                self.problem(
                    sheet, row, "aanbieder_agb", "deze aanbieder heeft geen contract (alleen) in uw regio's"
                )
                raise Invalid
        self.unique(sheet, seen, (agb, code, start), row, "ingangsdatum")
        return {"agb": agb, "code": code, "products": products, "start": start, "end": end, "reason": reason}

    def _budgetten(self, sheet, row, seen):
        cbs = self.cell(sheet, row, "cbs_code", lambda t: parse_code(t, 4, "een CBS-code"))
        regions = self.municipality_regions(cbs)
        if regions is None:
            self.problem(sheet, row, "cbs_code", f"gemeente {cbs} bestaat niet")
            raise Invalid
        year = self.cell(sheet, row, "jaar", parse_year)
        lot_code = self.cell(sheet, row, "perceel")
        lots = [self.lots[(r, lot_code)] for r in regions if (r, lot_code) in self.lots]
        if not lots:
            self.problem(
                sheet, row, "perceel", f"onbekend perceel {lot_code!r} in de regio's van gemeente {cbs}"
            )
            raise Invalid
        lot = lots[0]
        if self.allowed is not None and lot.region_id not in self.allowed:
            self.problem(sheet, row, "perceel", "het perceel valt buiten uw beheer")
            raise Invalid
        amount = self.cell(sheet, row, "bedrag", parse_amount)
        self.unique(sheet, seen, (cbs, year, lot_code), row, "perceel")
        return {"cbs": cbs, "year": year, "lot": lot, "amount": amount}

    def _gebruikers(self, sheet, row, seen):
        username = self.cell(sheet, row, "gebruikersnaam")
        if not re.fullmatch(r"[\w.@+-]{1,150}", username):
            self.problem(sheet, row, "gebruikersnaam", "alleen letters, cijfers en . @ + - _")
            raise Invalid
        self.unique(sheet, seen, username.lower(), row, "gebruikersnaam")
        name = self.cell(sheet, row, "naam")
        email = self.cell(sheet, row, "email", required=False) or ""
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.problem(sheet, row, "email", f"ongeldig e-mailadres {email!r}")
            raise Invalid
        role = self.cell(sheet, row, "rol").lower()
        if role not in ROLES:
            self.problem(sheet, row, "rol", f"onbekende rol {role!r}")
            raise Invalid
        organisation = self.cell(sheet, row, "organisatie", required=role != Role.AUDITOR) or ""
        codes = [c.strip() for c in organisation.split(";") if c.strip()]
        record = {
            "username": username,
            "name": name,
            "email": email,
            "role": role,
            "municipalities": [],
            "provider": None,
            "regions": [],
        }
        if role == Role.AANBIEDER:
            if len(codes) != 1:
                self.problem(sheet, row, "organisatie", "een aanbieder-medewerker hoort bij één AGB-code")
                raise Invalid
            record["provider"] = self.provider_known(sheet, row, "organisatie", codes[0])
        elif role in (Role.TOEGANG, Role.CONTRACT, Role.BEHEER):
            if role == Role.TOEGANG and len(codes) != 1:
                self.problem(sheet, row, "organisatie", "een toegangsmedewerker hoort bij één gemeente")
                raise Invalid
            for code in codes:
                if role == Role.BEHEER and code in self.regions:
                    record["regions"].append(self.region(sheet, row, "organisatie", code).pk)
                    continue
                regions = self.municipality_regions(code)
                if regions is None:
                    self.problem(sheet, row, "organisatie", f"organisatie {code!r} bestaat niet")
                    raise Invalid
                if role == Role.BEHEER:
                    record["regions"].extend(regions)
                else:
                    record["municipalities"].append(code)
        elif codes:
            self.problem(sheet, row, "organisatie", "een auditor hoort bij geen organisatie")
            raise Invalid
        if self.allowed is not None:
            reach = set(record["regions"])
            for code in record["municipalities"]:
                reach |= set(self.municipality_regions(code) or [])
            if record["provider"]:
                reach |= {
                    r
                    for ref, r in self.contract_regions.items()
                    if self.contract_providers.get(ref) == record["provider"]
                }
            if role == Role.AUDITOR or not reach or reach - self.allowed:
                self.problem(sheet, row, "organisatie", "deze gebruiker valt buiten uw beheer")
                raise Invalid
        self._same_organisation(sheet, row, record)
        return record

    def _same_organisation(self, sheet, row, record) -> None:
        user = User.objects.filter(username__iexact=record["username"]).first()
        if user is None:
            return
        before = (
            user.provider.agb_code if user.provider_id else None,
            sorted(m.cbs_code for m in user.municipalities.all()),
        )
        after = (record["provider"], sorted(record["municipalities"]))
        if before != after and (before[0] or before[1]):
            self.problem(
                sheet,
                row,
                "organisatie",
                "de gebruiker hoort bij een andere organisatie; verplaatsen kan niet "
                "(maak een nieuwe gebruiker)",
            )
            raise Invalid
