"""Contracts between a region and its providers: what a provider may deliver, at what tariff.

The catalogue says what a region buys; a contract says who delivers it and for how much.
A client stop (cliëntenstop) blocks new toewijzingen; an exemption lifts the acceptance duty.
"""

from __future__ import annotations

from django.db import models


class Contract(models.Model):
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="contracts")
    region = models.ForeignKey("catalogus.Region", on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey("catalogus.Lot", null=True, blank=True, on_delete=models.PROTECT)
    reference = models.CharField(max_length=64, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    indirect_time_allowed = models.BooleanField(default=False)
    acceptance_duty = models.BooleanField(
        default=True, help_text="Acceptatieplicht: the provider must accept every client allocated to it"
    )

    class Meta:
        ordering = ["provider", "region", "start"]

    def __str__(self) -> str:
        return f"{self.provider} – {self.region}"


VARIANTS = [("regular", "regulier"), ("micro", "micro-onderneming")]


class ContractProduct(models.Model):
    """A product a contract covers, with its tariff for one year (in euros).

    A contract may hold a second, lower tariff for micro-ondernemingen (variant ``micro``); it
    applies only to a provider registered as one (see :func:`jeugdketen.contracten.tariffs.applicable`).
    Tariffs are written only through :func:`jeugdketen.contracten.tariffs.set_tariff`, which keeps
    their history in :class:`TariffChange`.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="contract_lines")
    year = models.PositiveSmallIntegerField()
    variant = models.CharField(max_length=8, choices=VARIANTS, default="regular")
    tariff = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "product", "year", "variant"], name="one_tariff_per_product_year_variant"
            )
        ]


class TariffChange(models.Model):
    """One change of a contract tariff: old value (none when new), new value, who, when, from where."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="tariff_changes")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    variant = models.CharField(max_length=8, choices=VARIANTS, default="regular")
    old = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    new = models.DecimalField(max_digits=10, decimal_places=2)
    actor = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=255, help_text="The file, screen or command the change came from")

    class Meta:
        ordering = ["-at", "-pk"]


class ClientStop(models.Model):
    """A cliëntenstop: the provider takes no new clients from `start` (until `end`)."""

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.CASCADE, related_name="client_stops")
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField(max_length=255)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Cliëntenstop {self.provider} vanaf {self.start}"


class AcceptanceExemption(models.Model):
    """An exemption from the acceptance duty (acceptatieplicht) for a provider."""

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.CASCADE, related_name="exemptions")
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.CASCADE)
    reason = models.CharField(max_length=255)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)


class Jaarrekening(models.Model):
    """A provider's filed annual accounts: the figures a region tests micro-enterprise status on.

    Noordoost-Brabant gives a micro-onderneming a lower overhead and a micro tariff when it meets
    at least two of three criteria, tested on its latest filed accounts (:mod:`.micro`).
    """

    provider = models.ForeignKey(
        "catalogus.Provider", on_delete=models.CASCADE, related_name="jaarrekeningen"
    )
    year = models.PositiveSmallIntegerField(help_text="Financial year of the accounts")
    filed_on = models.DateField(help_text="Date the accounts were filed (gedeponeerd)")
    balance_total = models.DecimalField(max_digits=14, decimal_places=2, help_text="Balanstotaal, euros")
    net_revenue = models.DecimalField(max_digits=14, decimal_places=2, help_text="Netto omzet, euros")
    fte = models.DecimalField(max_digits=7, decimal_places=2, help_text="Average staff in fte")

    class Meta:
        ordering = ["provider", "-filed_on"]
        constraints = [models.UniqueConstraint(fields=["provider", "year"], name="one_jaarrekening_per_year")]

    def __str__(self) -> str:
        return f"Jaarrekening {self.year} van {self.provider}"
