"""The catalogue: regions, municipalities, lots, products, tariffs, limits and providers.

A product book is data here, loaded from ``catalogus/data/<region>-<year>.yaml``. Every
product keeps its source (document and lines) and the contradictions the document holds,
so a reader can always go back to the page it came from.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from jeugdketen.ijw.codes import WJ756

# iJw WJ756 eenheid codes and their names, as lower-case words for sentences.
EENHEID_LABELS = {code: label.lower() for code, label in WJ756.items()}

VARIANT_CHOICES = [("regular", "Regulier"), ("micro", "Micro-onderneming")]

# How a unit converts to hours, for the comparison page. Only units with a fixed length.
HOURS_PER_UNIT = {"01": Decimal(1) / Decimal(60), "04": Decimal(1), "16": Decimal(4), "14": Decimal(24)}


class Region(models.Model):
    slug = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=128)
    year = models.PositiveSmallIntegerField()
    document = models.CharField(max_length=128, help_text="File name of the source document")
    description = models.TextField(blank=True)
    extra = models.JSONField(
        default=dict, blank=True, help_text="Cost model and contract terms as transcribed"
    )
    content_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["name", "year"]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Municipality(models.Model):
    """A gemeente, identified by its CBS code (four digits, as in the iJw header)."""

    cbs_code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=128)
    regions = models.ManyToManyField(Region, related_name="municipalities", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "municipalities"

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class Lot(models.Model):
    """A perceel: the part of a region's purchase a product belongs to."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="lots")
    code = models.CharField(max_length=64)
    name = models.CharField(max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["region", "position"]
        constraints = [models.UniqueConstraint(fields=["region", "code"], name="lot_unique_code_per_region")]

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A care provider (jeugdhulpaanbieder): a contract holder or an organisation under one."""

    name = models.CharField(max_length=255, unique=True)
    agb_code = models.CharField(max_length=8, unique=True, null=True, blank=True)
    is_contract_holder = models.BooleanField(default=False, help_text="Holds a contract (hoofdaannemer)")
    contract_holder = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    kvk_number = models.CharField(max_length=8, blank=True, help_text="KvK-nummer (Chamber of Commerce)")
    micro_enterprise = models.BooleanField(
        default=False, help_text="Micro-onderneming: may bill a contract's micro tariffs"
    )
    organisation = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="book_names",
        help_text="For a name a product book uses (no AGB code): the organisation it stands for",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def stands_for(self) -> Provider | None:
        """The organisation in the system this name is: itself when it has an AGB code, else the
        organisation the functional administrator linked it to (None: not linked yet)."""
        if self.agb_code:
            return self
        return self.organisation


class Product(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="products")
    position = models.PositiveSmallIntegerField(help_text="Order in the product book")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.SET_NULL, related_name="products")
    code = models.CharField(max_length=5, null=True, blank=True, db_index=True)
    category = models.CharField(max_length=2, null=True, blank=True, help_text="iJw JZ020 productcategorie")
    name = models.CharField(max_length=255)
    level = models.CharField(max_length=64, blank=True)
    unit_code = models.CharField(max_length=2, blank=True, help_text="iJw WJ756 eenheid")
    unit_label = models.CharField(max_length=64, blank=True)
    frequency_code = models.CharField(max_length=1, blank=True, help_text="iJw WMO757 frequentie")
    frequency_label = models.CharField(max_length=255, blank=True)
    max_duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    limits = models.JSONField(default=dict, blank=True)
    age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    start_before_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Care must start before this age (dyslexia: 13)"
    )
    extended_until = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Verlengde jeugdhulp allowed until this age (23)"
    )
    referrers = models.JSONField(null=True, blank=True, help_text="Allowed COD327 referrer codes; null: any")
    staff_level = models.CharField(max_length=128, blank=True)
    regiebehandelaar_required = models.BooleanField(null=True, blank=True)
    staff_text = models.TextField(blank=True)
    excludes = models.JSONField(
        default=list, blank=True, help_text="Codes or names this may not combine with"
    )
    excludes_text = models.TextField(blank=True)
    excluded_products = models.ManyToManyField("self", blank=True, symmetrical=True)
    providers = models.ManyToManyField(Provider, related_name="products", blank=True)
    notes = models.TextField(blank=True)
    source_first_line = models.PositiveIntegerField(null=True, blank=True)
    source_last_line = models.PositiveIntegerField(null=True, blank=True)
    conflicts = models.JSONField(default=list, blank=True)
    valid_until = models.DateField(
        null=True,
        blank=True,
        help_text="Last day a new toewijzing may use this product (then: its successor)",
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text="The product that replaces this one for new toewijzingen after valid_until",
    )

    class Meta:
        ordering = ["region", "position"]
        constraints = [
            models.UniqueConstraint(fields=["region", "position"], name="product_unique_position_per_region")
        ]
        indexes = [models.Index(fields=["category", "code"])]

    def __str__(self) -> str:
        return f"{self.code or '—'} {self.name}"

    @property
    def unit_name(self) -> str:
        return EENHEID_LABELS.get(self.unit_code, self.unit_label)

    @property
    def source_lines(self) -> list[int]:
        return [line for line in (self.source_first_line, self.source_last_line) if line is not None]

    def current_on(self, day) -> Product:
        """The product a new toewijzing starting on `day` uses: this one, or, once it has ended
        (protocol productcodelijstwijzigingen), its successor. Running toewijzingen and their
        declarations keep the product they have."""
        product, seen = self, set()
        while (
            product.valid_until
            and day > product.valid_until
            and product.successor_id
            and product.pk not in seen
        ):
            seen.add(product.pk)
            product = product.successor
        return product

    def accepts_age(self, age: int) -> bool:
        """Whether a youth of `age` may receive this product, with verlengde jeugdhulp."""
        low = self.age_min if self.age_min is not None else 0
        high = self.extended_until or self.age_max or 18
        return low <= age < high


class Tariff(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="tariffs")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    unit = models.CharField(max_length=64, blank=True)
    variant = models.CharField(max_length=16, choices=VARIANT_CHOICES, default="regular")
    in_conflict = models.BooleanField(default=False, help_text="The document states another amount too")

    class Meta:
        ordering = ["product", "year", "variant", "amount"]

    def __str__(self) -> str:
        return f"€ {self.amount} {self.unit} ({self.variant}, {self.year})"

    @property
    def per_hour(self) -> Decimal | None:
        hours = HOURS_PER_UNIT.get(self.product.unit_code)
        if hours is None:
            return None
        return (self.amount / hours).quantize(Decimal("0.01"))


class ProductCap(models.Model):
    """A hard cap a declaration check enforces, e.g. 120 minutes per calendar year."""

    PER_CHOICES = [
        ("week", "per week"),
        ("month", "per maand"),
        ("calendar_year", "per kalenderjaar"),
        ("traject", "per traject"),
        ("beschikking", "per beschikking"),
    ]
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="caps")
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    unit_code = models.CharField(
        max_length=2, blank=True, help_text="WJ756; empty where iJw has no unit (weekend)"
    )
    per = models.CharField(max_length=16, choices=PER_CHOICES)
    label = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return (
            f"max {self.amount} {EENHEID_LABELS.get(self.unit_code, self.unit_code)} {self.get_per_display()}"
        )
