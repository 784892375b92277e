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

    class Meta:
        ordering = ["provider", "region", "start"]

    def __str__(self) -> str:
        return f"{self.provider} – {self.region}"


class ContractProduct(models.Model):
    """A product a contract covers, with its tariff for one year (in euros)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="products")
    product = models.ForeignKey("catalogus.Product", on_delete=models.PROTECT, related_name="contract_lines")
    year = models.PositiveSmallIntegerField()
    tariff = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "product", "year"], name="one_tariff_per_product_year"
            )
        ]


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
