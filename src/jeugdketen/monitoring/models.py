"""Monitoring's own data: budgets, the working-day calendar, accountability documents and SROI.

Monitoring reads every other app and writes none of them. What it stores here is what only
monitoring needs: the budgets a municipality sets per year and lot, the documents providers
hand in for their yearly accountability, the SROI contributions they report, and a calendar
table that lets the database count working days (see :mod:`jeugdketen.monitoring.calendar`).
"""

from __future__ import annotations

from django.db import models


class Budget(models.Model):
    """The budget a municipality has for one lot (perceel) in one year, in euros."""

    tenancy = {"municipality": "municipality"}

    municipality = models.ForeignKey(
        "catalogus.Municipality", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField()
    lot = models.ForeignKey("catalogus.Lot", on_delete=models.CASCADE, related_name="budgets")
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["municipality", "year", "lot"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "lot"], name="one_budget_per_lot_year")
        ]

    def __str__(self) -> str:
        return f"Budget {self.municipality} {self.year} {self.lot}"


class CalendarDay(models.Model):
    """One calendar day with running counters, so SQL can count days and working days.

    ``day_number`` counts calendar days from 1 January 1970, ``working_day_number`` counts the
    working days (core.werkdagen) from then up to and including this day. The working days
    after A up to and including B are ``working_day_number(B) - working_day_number(A)``,
    exactly what ``werkdagen.working_days_between`` returns.
    """

    date = models.DateField(primary_key=True)
    day_number = models.IntegerField()
    working_day_number = models.IntegerField()
    is_working_day = models.BooleanField()

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return str(self.date)


class AccountabilityDocument(models.Model):
    """A document a provider hands in for its yearly accountability (Art. 32 Bijlage 1 MLO)."""

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Kind(models.TextChoices):
        PRODUCTVERANTWOORDING = "productverantwoording", "Productverantwoording"
        CONTROLEVERKLARING = "controleverklaring", "Verantwoording met controleverklaring"
        BESTUURSVERKLARING = "bestuursverklaring", "Bestuursverklaring"

    provider = models.ForeignKey(
        "catalogus.Provider", on_delete=models.CASCADE, related_name="accountability_documents"
    )
    municipality = models.ForeignKey(
        "catalogus.Municipality", on_delete=models.CASCADE, related_name="accountability_documents"
    )
    year = models.PositiveSmallIntegerField(help_text="The year accounted for")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    received_on = models.DateField()

    class Meta:
        ordering = ["year", "provider", "municipality", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "municipality", "year", "kind"], name="one_document_per_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.provider} {self.year}"


class SroiContribution(models.Model):
    """An SROI effort a provider reports (Art. 17, Bijlage 4 categories A–E), valued in euros.

    No client data and no municipality: SROI counts over all of a provider's contracts.
    """

    class Category(models.TextChoices):
        A = "A", "A – werkzoekende in dienst"
        B = "B", "B – leerwerkplek of stage"
        C = "C", "C – ingekochte sociale dienst"
        D = "D", "D – eigen idee"
        E = "E", "E – overig"

    provider = models.ForeignKey(
        "catalogus.Provider", on_delete=models.CASCADE, related_name="sroi_contributions"
    )
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=1, choices=Category.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["year", "provider", "id"]

    def __str__(self) -> str:
        return f"SROI {self.provider} {self.year}: € {self.amount}"


# --- Cost aggregates --------------------------------------------------------------------------
#
# Accepted prestaties summed per declaration, so that monitoring reads a few ten thousand rows
# instead of millions. A declaration's rows are rebuilt as a whole from its prestaties (see
# jeugdketen.monitoring.aggregates), so rebuilding is idempotent and exact. The references to
# other apps' rows carry no database constraint: monitoring never writes or locks their tables.


def _reference(model: str, **extra):
    return models.ForeignKey(
        model, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", **extra
    )


class DeclaredCost(models.Model):
    """Accepted prestaties of one declaration per municipality, provider, product and month of begin."""

    tenancy = {"municipality": "municipality", "provider": "provider"}

    declaratie_id = models.BigIntegerField()
    municipality = _reference("catalogus.Municipality")
    provider = _reference("catalogus.Provider")
    product = _reference("catalogus.Product", null=True)
    product_code = models.CharField(max_length=5)
    product_category = models.CharField(max_length=2)
    month = models.DateField(help_text="First day of the month of the prestaties' begin date")
    cents = models.BigIntegerField(help_text="Signed sum: credits negative")

    class Meta:
        indexes = [
            models.Index(fields=["declaratie_id"], name="mon_cost_declaratie"),
            models.Index(fields=["month", "municipality"], name="mon_cost_month_mun"),
        ]


class DeclaredClientCost(models.Model):
    """Accepted prestaties of one declaration per municipality, provider, youth, product and month.

    The product, not only its category, because a region's contract may name the exact products
    a figure counts (:mod:`jeugdketen.monitoring.definitions`).
    """

    tenancy = {"municipality": "municipality", "provider": "provider"}

    declaratie_id = models.BigIntegerField()
    municipality = _reference("catalogus.Municipality")
    provider = _reference("catalogus.Provider")
    client = _reference("toegang.Client", null=True)
    product = _reference("catalogus.Product", null=True)
    product_category = models.CharField(max_length=2)
    month = models.DateField(help_text="First day of the month of the prestaties' begin date")
    cents = models.BigIntegerField(help_text="Signed sum: credits negative")

    class Meta:
        indexes = [
            models.Index(fields=["declaratie_id"], name="mon_client_declaratie"),
            models.Index(fields=["month", "municipality"], name="mon_client_month_mun"),
            models.Index(fields=["product_category", "month"], name="mon_client_cat_month"),
        ]


class PendingDeclaration(models.Model):
    """A declaration whose prestaties changed outside the intake; its aggregate rows are rebuilt
    before the next figure is read."""

    declaratie_id = models.BigIntegerField(primary_key=True)
