"""The salary amounts the cost-price model needs and the document does not give.

The Noordoost-Brabant model names CAO scales and the share of the highest step (Tabel 1),
not the euros. A functional administrator enters the monthly amount of the highest step per
CAO, scale and year, with where it comes from; until every scale a product needs is there,
the model works from what the published tariffs imply (calibration).
"""

from __future__ import annotations

from django.db import models

CAO_CHOICES = [
    ("JZ", "Cao Jeugdzorg"),
    ("GGZ", "Cao GGZ"),
    ("GHZ", "Cao Gehandicaptenzorg"),
]


class ScaleAmount(models.Model):
    cao = models.CharField(max_length=8, choices=CAO_CHOICES)
    scale = models.CharField(max_length=16, help_text='Scale as in Tabel 1: "7", "FWG-45", "AMS"')
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=10, decimal_places=2, help_text="Euros per month, highest step")
    source = models.CharField(max_length=255, help_text="Where the amount comes from (CAO, table, date)")
    entered_by = models.CharField(max_length=150, blank=True)
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "cao", "scale"]
        constraints = [
            models.UniqueConstraint(
                fields=["cao", "scale", "year"], name="one_scale_amount_per_cao_scale_year"
            )
        ]

    def __str__(self) -> str:
        from jeugdketen.kostprijs.model import euro

        return f"{self.get_cao_display()} schaal {self.scale} ({self.year}): {euro(self.amount)}"


def scales_for(year: int) -> dict[str, dict[str, object]]:
    """{cao: {scale: amount}} for one year, as the model reads it."""
    table: dict[str, dict[str, object]] = {}
    for row in ScaleAmount.objects.filter(year=year).values("cao", "scale", "amount"):
        table.setdefault(row["cao"], {})[row["scale"]] = row["amount"]
    return table
