"""The message exchange: every iJw message sent or received, with its verdict.

A message is identified by its sender and BerichtIdentificatie; a unique constraint, not a
lookup, makes sure a message that arrives twice is processed once.
"""

from __future__ import annotations

from django.db import models


class MessageQuerySet(models.QuerySet):
    def identified(self, direction: str, code: str, sender: str, identification: str) -> Message | None:
        """The one message with this key (constraint ``message_identified_once``), or None.

        Unordered on purpose: with an ORDER BY the planner may walk another index in that order
        and filter, instead of asking the unique index for its one row."""
        found = self.filter(direction=direction, code=code, sender=sender, identification=identification)
        return next(iter(found.order_by()[:1]), None)


class Message(models.Model):
    class Direction(models.TextChoices):
        IN = "in", "Ontvangen"
        OUT = "out", "Verzonden"

    class Delivery(models.TextChoices):
        NONE = "", "Niet via de outbox"
        WACHT = "wacht", "Wacht op aflevering"
        AFGELEVERD = "afgeleverd", "Afgeleverd"
        MISLUKT = "mislukt", "Aflevering mislukt"

    tenancy = {"municipality": "municipality", "provider": "provider"}

    direction = models.CharField(max_length=3, choices=Direction.choices)
    code = models.CharField(max_length=5, help_text="JW301, JW302, ...")
    sender = models.CharField(max_length=8, help_text="CBS code or AGB code")
    receiver = models.CharField(max_length=8)
    identification = models.CharField(max_length=20, help_text="BerichtIdentificatie/Identificatie")
    dagtekening = models.DateField()
    xml = models.TextField()
    accepted = models.BooleanField(null=True)
    verdict = models.JSONField(default=list, blank=True)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    municipality = models.ForeignKey(
        "catalogus.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )
    provider = models.ForeignKey("catalogus.Provider", null=True, blank=True, on_delete=models.PROTECT)
    client = models.ForeignKey(
        "toegang.Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    # The outbox (berichten.outbox): an outbound message is stored "wacht" in the transaction of the
    # change that caused it, and marked "afgeleverd" in the transaction that delivers it.
    delivery = models.CharField(
        max_length=10, choices=Delivery.choices, blank=True, default="", db_index=True
    )
    delivery_attempts = models.PositiveSmallIntegerField(default=0)
    delivery_error = models.CharField(
        max_length=255, blank=True, help_text="Last failure; never personal data"
    )
    next_attempt = models.DateTimeField(null=True, blank=True, help_text="Not retried before this moment")
    delivered = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "code", "sender", "identification"], name="message_identified_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.sender}→{self.receiver} {self.identification}"

    def save(self, *args, **kwargs):
        # Every outbound message enters the outbox when it is written, whoever writes it.
        if self._state.adding and self.direction == self.Direction.OUT and not self.delivery:
            self.delivery = self.Delivery.WACHT
        super().save(*args, **kwargs)

    @property
    def file_name(self) -> str:
        """Sortable by order, showing type and direction: ``000042_JW301_out_0796-12345678_<id>.xml``."""
        parties = f"{self.sender}-{self.receiver}"
        return f"{self.pk:06d}_{self.code}_{self.direction}_{parties}_{self.identification}.xml"

    @property
    def retourcodes(self) -> list[str]:
        return sorted({code for item in self.verdict or [] for code in [item.get("return_code")] if code})
