"""The message exchange: every iJw message sent or received, with its verdict.

A message is identified by its sender and BerichtIdentificatie; a unique constraint, not a
lookup, makes sure a message that arrives twice is processed once.
"""

from __future__ import annotations

from django.db import models


class Message(models.Model):
    class Direction(models.TextChoices):
        IN = "in", "Ontvangen"
        OUT = "out", "Verzonden"

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

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "code", "sender", "identification"], name="message_identified_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.sender}→{self.receiver} {self.identification}"

    @property
    def file_name(self) -> str:
        """Sortable by order, showing type and direction: ``000042_JW301_out_0796-12345678_<id>.xml``."""
        parties = f"{self.sender}-{self.receiver}"
        return f"{self.pk:06d}_{self.code}_{self.direction}_{parties}_{self.identification}.xml"

    @property
    def retourcodes(self) -> list[str]:
        return sorted({code for item in self.verdict or [] for code in [item.get("return_code")] if code})
