"""Delivery of care: starts (JW305), stops (JW307) and the deadlines on worklists."""

from __future__ import annotations

from django.db import models


class Start(models.Model):
    tenancy = {"municipality": "toewijzing__municipality", "provider": "toewijzing__provider"}

    toewijzing = models.ForeignKey("toegang.Toewijzing", on_delete=models.PROTECT, related_name="starts")
    date = models.DateField()
    message = models.ForeignKey("berichten.Message", null=True, blank=True, on_delete=models.PROTECT)
    registered = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["toewijzing", "date"], name="one_start_per_date")]


class Stop(models.Model):
    tenancy = {"municipality": "toewijzing__municipality", "provider": "toewijzing__provider"}

    toewijzing = models.ForeignKey("toegang.Toewijzing", on_delete=models.PROTECT, related_name="stops")
    date = models.DateField()
    reason = models.CharField(max_length=2, help_text="JZ588 reden beëindiging")
    message = models.ForeignKey("berichten.Message", null=True, blank=True, on_delete=models.PROTECT)
    registered = models.DateTimeField(auto_now_add=True)


class Task(models.Model):
    """A deadline on a worklist, counted in working days (see core.werkdagen).

    `party` says whose worklist it is on: the access team's (gemeente) or the provider's
    back office (aanbieder). Both organisations may see it (tenancy), each works its own.
    """

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Party(models.TextChoices):
        GEMEENTE = "gemeente", "Toegangsteam"
        AANBIEDER = "aanbieder", "Aanbieder"

    kind = models.CharField(max_length=32)
    party = models.CharField(max_length=10, choices=Party.choices, default=Party.GEMEENTE)
    title = models.CharField(max_length=255)
    start = models.DateField(null=True, blank=True, help_text="The event the deadline counts from")
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    due = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)
    municipality = models.ForeignKey(
        "catalogus.Municipality", null=True, blank=True, on_delete=models.CASCADE
    )
    provider = models.ForeignKey("catalogus.Provider", null=True, blank=True, on_delete=models.CASCADE)
    client = models.ForeignKey("toegang.Client", null=True, blank=True, on_delete=models.CASCADE)
    toewijzing = models.ForeignKey("toegang.Toewijzing", null=True, blank=True, on_delete=models.CASCADE)
    referral = models.ForeignKey("toegang.Referral", null=True, blank=True, on_delete=models.CASCADE)
    request = models.ForeignKey("toegang.AllocationRequest", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["party", "done_on", "due"])]

    @property
    def source(self) -> str:
        """The article the deadline comes from, for the worklist."""
        from .deadlines import DEADLINES

        deadline = DEADLINES.get(self.kind)
        return deadline.source if deadline else ""

    @property
    def overdue(self) -> bool:
        import datetime as dt

        return self.done_on is None and self.due < dt.date.today()
