"""Allocation checks against the catalogue and the contract.

Each check is a small named function returning :class:`Finding` objects; a finding names
its rule (``CONTRACT``, ``LEEFTIJD``, ...), carries a Dutch text for people and the WJ759
reden afwijzing verzoek that a JW319 uses when the allocation came from a request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, ContractProduct
from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

MAX_YEARS = 2
BRIDGING_DAYS = 42  # overbruggingszorg: at most 6 weeks (Alkmaar)


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str
    refusal_reason: str = "4"  # WJ759: past niet binnen contract

    def as_dict(self) -> dict:
        return {"code": self.rule, "return_code": "", "locations": [], "text": self.text}


@dataclass
class Proposal:
    """What is to be allocated: enough to run every check without saving anything."""

    municipality: Municipality
    client: object
    provider: Provider
    product: Product | None
    begin: dt.date
    end: dt.date | None = None
    referrer_code: str = ""
    bridging: bool = False
    guardianship: bool = False
    replaces: object = None  # a toewijzing this one changes; excluded from combination checks
    requested_by_provider: bool = False  # answers the provider's own JW315/JW317: it agreed


def find_product(municipality: Municipality, category: str, code: str | None) -> Product | None:
    """The product with this category and code in one of the municipality's product books."""
    products = Product.objects.filter(region__municipalities=municipality, category=category)
    if code:
        products = products.filter(code=code)
    return products.order_by("-region__year", "position").first()


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_product(p: Proposal) -> list[Finding]:
    if p.product is None:
        return [Finding("PRODUCT", "Het product staat niet in het productenboek van deze gemeente.", "4")]
    return []


def check_contract(p: Proposal) -> list[Finding]:
    if p.product is None:
        return []
    holders = [p.provider.pk] + ([p.provider.contract_holder_id] if p.provider.contract_holder_id else [])
    lines = ContractProduct.objects.filter(
        Q(contract__end__isnull=True) | Q(contract__end__gte=p.begin),
        contract__provider__in=holders,
        contract__start__lte=p.begin,
        product=p.product,
    )
    if not lines.exists():
        return [
            Finding(
                "CONTRACT",
                f"{p.provider.name} heeft geen contract voor {p.product.code or p.product.name} "
                f"op {p.begin:%d-%m-%Y}.",
                "3",
            )
        ]
    return []


def check_age(p: Proposal) -> list[Finding]:
    """Age at the start of the toewijzing; 18 up to 23 only as verlengde jeugdhulp."""
    if p.product is None:
        return []
    age = age_on(p.client.birth_date, p.begin)
    if age >= 18:
        if not p.product.extended_until or age >= p.product.extended_until:
            return [Finding("LEEFTIJD", f"Cliënt is {age}; dit product kent geen verlengde jeugdhulp.", "9")]
        earlier = p.client.toewijzingen.filter(begin__lt=_birthday(p.client.birth_date, 18))
        if not earlier.exists():
            return [
                Finding(
                    "LEEFTIJD-18",
                    f"Cliënt is {age}: verlengde jeugdhulp vraagt jeugdhulp die vóór het 18e jaar begon.",
                    "9",
                )
            ]
        return []
    if not p.product.accepts_age(age):
        return [Finding("LEEFTIJD", f"Cliënt is {age}; dit product is niet voor deze leeftijd.", "9")]
    return []


def _birthday(birth: dt.date, years: int) -> dt.date:
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February
        return birth.replace(year=birth.year + years, day=28)


def check_referrer(p: Proposal) -> list[Finding]:
    if p.product is None or not p.referrer_code or p.product.referrers is None:
        return []
    if p.referrer_code not in p.product.referrers:
        allowed = ", ".join(p.product.referrers)
        return [
            Finding(
                "VERWIJZER",
                f"Verwijzer {p.referrer_code} mag niet naar dit product verwijzen (toegestaan: {allowed}).",
                "4",
            )
        ]
    return []


def check_combination(p: Proposal) -> list[Finding]:
    """No product beside one its product book excludes (e.g. medicatiecontrole beside S-GGZ)."""
    if p.product is None:
        return []
    current = p.client.toewijzingen.filter(status__in=["actief", "gewijzigd"]).filter(
        Q(end__isnull=True) | Q(end__gte=p.begin)
    )
    if p.end:
        current = current.filter(begin__lte=p.end)
    if p.replaces is not None:
        current = current.exclude(pk=p.replaces.pk)
    excluded_ids = set(p.product.excluded_products.values_list("pk", flat=True))
    excluded_names = {name.lower() for name in p.product.excludes or []}
    for other in current.select_related("product"):
        product = other.product
        if product is None:
            continue
        names = {name.lower() for name in product.excludes or []}
        if (
            product.pk in excluded_ids
            or product.name.lower() in excluded_names
            or (product.code and product.code.lower() in excluded_names)
            or p.product.name.lower() in names
        ):
            return [
                Finding(
                    "COMBINATIE",
                    f"{p.product.name} mag niet naast {product.name} (toewijzing {other.number}).",
                    "6",
                )
            ]
    return []


def check_client_stop(p: Proposal) -> list[Finding]:
    stops = ClientStop.objects.filter(
        Q(end__isnull=True) | Q(end__gte=p.begin), provider=p.provider, start__lte=p.begin
    )
    if p.product is not None:
        stops = stops.filter(Q(product__isnull=True) | Q(product=p.product))
    stop = stops.first()
    if stop is not None:
        return [
            Finding(
                "CLIENTENSTOP",
                f"{p.provider.name} heeft een cliëntenstop vanaf {stop.start:%d-%m-%Y}: {stop.reason}",
                "4",
            )
        ]
    return []


def check_acceptance_exemption(p: Proposal) -> list[Finding]:
    """A provider exempt from the acceptance duty (acceptatieplicht) may decline clients, so the
    municipality allocates to it only what the provider itself asked for."""
    if p.requested_by_provider:
        return []
    exemptions = AcceptanceExemption.objects.filter(
        Q(end__isnull=True) | Q(end__gte=p.begin), provider=p.provider, start__lte=p.begin
    )
    if p.product is not None:
        exemptions = exemptions.filter(Q(product__isnull=True) | Q(product=p.product))
    exemption = exemptions.first()
    if exemption is not None:
        return [
            Finding(
                "ACCEPTATIEPLICHT",
                f"{p.provider.name} is vrijgesteld van de acceptatieplicht ({exemption.reason}); "
                "wijs alleen toe op verzoek van de aanbieder (JW315).",
                "4",
            )
        ]
    return []


def check_duration(p: Proposal) -> list[Finding]:
    """At most 2 years, except foster care under guardianship."""
    if p.end is None:
        return []
    if p.end < p.begin:
        return [Finding("PERIODE", "De einddatum ligt vóór de ingangsdatum.", "4")]
    foster = p.product is not None and "pleegzorg" in p.product.name.lower()
    if not (foster and p.guardianship) and p.end > _birthday(p.begin, MAX_YEARS):
        return [
            Finding("DUUR", "Een toewijzing duurt ten hoogste 2 jaar (behalve pleegzorg bij voogdij).", "4")
        ]
    return []


@regel("OVERBRUGGING")
def check_bridging(p: Proposal) -> list[Finding]:
    """Bridging care (overbruggingszorg) lasts at most 6 weeks, where the product book says so."""
    if not p.bridging or p.product is None or not applies("OVERBRUGGING", p.product.region.slug):
        return []
    if p.end is None or (p.end - p.begin).days + 1 > BRIDGING_DAYS:
        return [Finding("OVERBRUGGING", "Overbruggingszorg duurt ten hoogste 6 weken.", "4")]
    return []


CHECKS = [
    check_product,
    check_contract,
    check_age,
    check_referrer,
    check_combination,
    check_client_stop,
    check_acceptance_exemption,
    check_duration,
    check_bridging,
]


def check_allocation(proposal: Proposal) -> list[Finding]:
    """Every finding against this proposal; empty means it may be allocated."""
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(proposal))
    return findings


class AllocationRefused(Exception):
    """An allocation that breaks a rule; `findings` name the rules."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f"{f.rule}: {f.text}" for f in findings))
        self.findings = findings
