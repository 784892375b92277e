"""What an allocation check looks at (:class:`Proposal`) and what it says (:class:`Finding`).

Kept apart from the checks so that the modules holding them (:mod:`.checks`, :mod:`.ages`,
:mod:`.durations`) can share these without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.core import batch
from jeugdketen.regels.register import get


@dataclass(frozen=True)
class Finding:
    rule: str
    text: str
    refusal_reason: str = "4"  # WJ759: past niet binnen contract

    @property
    def kind(self) -> str:
        """``weigert`` or ``signaleert``: the register decides, not the check."""
        entry = get(self.rule)
        return entry.kind if entry is not None else "weigert"

    @property
    def is_signal(self) -> bool:
        return self.kind == "signaleert"

    def as_dict(self) -> dict:
        return {"code": self.rule, "return_code": "", "locations": [], "text": self.text, "kind": self.kind}


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
    referrer_agb: str = ""  # AGB code of the referrer (JW315 ZorgverlenerCode, or the referral's)
    referral_date: dt.date | None = None  # the day of the referral, when one is recorded
    bridging: bool = False
    guardianship: bool = False
    replaces: object = None  # a toewijzing this one changes; excluded from combination checks
    requested_by_provider: bool = False  # answers the provider's own JW315/JW317: it agreed
    expert_advice: str = ""  # reference of the expertpool advice, where a product needs one
    volume: int | None = None
    frequency: str = ""  # WMO757: "2" per week
    unit: str = ""  # WJ756 of the volume; empty: the product's own unit
    #: The client's toewijzingen when the caller holds them (a client created in the same batch
    #: has none); None: the checks read them from the database.
    known: list | None = None

    @property
    def region(self) -> str | None:
        """The slug of the product book (and contract) the product comes from."""
        return self.product.region.slug if self.product is not None else None


def find_product(
    municipality: Municipality, category: str, code: str | None, on: dt.date | None = None
) -> Product | None:
    """The product with this category and code in one of the municipality's product books; for a
    new toewijzing starting `on`, an ended product's successor (protocol productcodelijstwijzigingen)."""

    def read() -> Product | None:
        products = Product.objects.filter(region__municipalities=municipality, category=category)
        if code:
            products = products.filter(code=code)
        # region and lot come along: the checks and the deadlines read both of every product.
        return products.select_related("region", "lot").order_by("-region__year", "position").first()

    # Inside a batch a product that is not there is remembered too (hence the 1-tuple).
    found = batch.rows(("find_product", municipality.pk, category, code or ""), lambda: (read(),))
    product = found[0] if found is not None else read()
    return product.current_on(on) if product is not None and on is not None else product


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def current_beside(p: Proposal) -> list:
    """The client's running toewijzingen that overlap the proposal, from the same product book.

    An exclusion is the book's own: products of other books are not in it.
    """
    if p.product is None:
        return []
    if p.known is not None:
        return [
            t
            for t in p.known
            if t.status in ("actief", "gewijzigd")
            and (t.end is None or t.end >= p.begin)
            and (p.end is None or t.begin <= p.end)
            and (p.replaces is None or t.pk != p.replaces.pk)
            and t.product
            and t.product.region_id == p.product.region_id
        ]
    current = p.client.toewijzingen.filter(status__in=["actief", "gewijzigd"]).filter(
        Q(end__isnull=True) | Q(end__gte=p.begin)
    )
    if p.end:
        current = current.filter(begin__lte=p.end)
    if p.replaces is not None:
        current = current.exclude(pk=p.replaces.pk)
    return [
        t
        for t in current.select_related("product")
        if t.product and t.product.region_id == p.product.region_id
    ]


def product_names(product: Product) -> set[str]:
    return {product.name.lower()} | ({product.code.lower()} if product.code else set())
