"""The register of information-security incidents and data breaches a provider reports.

Midden-Limburg Oost art. 27.1: incidents are reported to the municipality at once, and to the
Autoriteit Persoonsgegevens where the law requires it; art. 27.3: a data breach is handled as the
AVG says (art. 33: the AP within 72 hours of discovery). The description holds no client data:
the register is read by the municipality's contract manager, who needs what happened and what
was done, not whom it was about.

Art. 30.2 adds what the provider tells the municipality within two working days: a report to
the inspectie (Jeugdwet art. 4.1.8, calamities and violence), a minister's instruction, or the
inspectie's verscherpt toezicht, instruction or sanction. For that kind ``discovered_at`` is the
moment of that report or measure.

Art. 29 adds two kinds the provider reports "zo spoedig mogelijk": the continuity of its
business, or the continuity, quality or safety of its care, is at risk; and, "onverkort en in
ieder geval", an application for surseance van betaling or bankruptcy. For these
``discovered_at`` is the moment the provider knew of the risk or the application was filed.
The contract gives no figure for "zo spoedig mogelijk", so no report of these kinds is marked
late (see docs/rules.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Melding(models.Model):
    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Kind(models.TextChoices):
        BEVEILIGING = "beveiliging", "Informatiebeveiligingsincident"
        PRIVACY = "privacy", "Privacy-incident"
        DATALEK = "datalek", "Datalek (inbreuk met kans op ernstige nadelige gevolgen)"
        INSPECTIE = "inspectie", "Melding aan de inspectie, aanwijzing, verscherpt toezicht of sanctie"
        CONTINUITEIT = "continuiteit", "Continuïteit, kwaliteit of veiligheid in gevaar"
        SURSEANCE = "surseance", "Surseance van betaling of faillissement aangevraagd"

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    discovered_at = models.DateTimeField(help_text="When the provider discovered the incident")
    reported_at = models.DateTimeField(help_text="When it was reported to the municipality (registered here)")
    summary = models.CharField(max_length=200, help_text="What happened, without client data")
    measures = models.TextField(blank=True, help_text="What was done to limit and prevent it")
    persons_affected = models.PositiveIntegerField(null=True, blank=True)
    ap_reported_on = models.DateField(null=True, blank=True, help_text="Reported to the AP on")
    ap_not_required = models.CharField(
        max_length=255, blank=True, help_text="Why no report to the AP is needed (AVG art. 33 lid 1)"
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} van {self.provider} ({self.discovered_at:%d-%m-%Y})"
