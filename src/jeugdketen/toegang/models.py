"""Access to care: clients, referrals, support plans, beschikkingen and toewijzingen.

Personal data lives only on :class:`Client`. Everything else refers to the client, so
masking and access rules have one place to look.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from jeugdketen.core.privacy import is_valid_bsn

TOEWIJZING_NUMBER = RegexValidator(
    r"^[0-9]{1,9}$", "Een ToewijzingNummer bestaat uit hoogstens negen cijfers."
)


def validate_bsn(value: str) -> None:
    if not is_valid_bsn(value):
        raise ValidationError("Dit is geen geldig BSN (elfproef).")


class Client(models.Model):
    # A provider sees a client it has a toewijzing for or asked one for (a JW315 request).
    tenancy = {"municipality": "municipality", "provider": ["toewijzingen__provider", "requests__provider"]}

    bsn = models.CharField(max_length=9, unique=True, validators=[validate_bsn])
    birth_date = models.DateField()
    initials = models.CharField(max_length=10, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=10, blank=True, help_text="voorvoegsel")
    last_name = models.CharField(max_length=200)
    gender = models.CharField(max_length=1, blank=True, help_text="COD046")
    legal_representative = models.CharField(max_length=255, blank=True)
    street = models.CharField(max_length=255, blank=True)
    house_number = models.CharField(max_length=16, blank=True)
    postcode = models.CharField(max_length=6, blank=True)
    city = models.CharField(max_length=100, blank=True)
    municipality = models.ForeignKey(
        "catalogus.Municipality",
        on_delete=models.PROTECT,
        related_name="clients",
        help_text="Responsible municipality under the woonplaatsbeginsel",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Cliënt {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(
            part for part in (self.given_name or self.initials, self.prefix, self.last_name) if part
        )


class Route(models.TextChoices):
    TOEGANG = "toegang", "Toegangsteam (CJG/gemeente)"
    HUISARTS = "huisarts", "Huisarts"
    JEUGDARTS = "jeugdarts", "Jeugdarts"
    SPECIALIST = "specialist", "Medisch specialist"
    GI = "gi", "Gecertificeerde instelling"
    RECHTER = "rechter", "Rechter / OvJ"

    @property
    def referrer_code(self) -> str:
        """The iJw COD327 code for this route."""
        return ROUTE_TO_COD327[self.value]


ROUTE_TO_COD327 = {
    "toegang": "01",
    "huisarts": "02",
    "jeugdarts": "03",
    "gi": "04",
    "specialist": "05",
    "rechter": "08",
}


class Referral(models.Model):
    tenancy = {"municipality": "municipality", "provider": "provider"}

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="referrals")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    route = models.CharField(max_length=16, choices=Route.choices)
    referrer_code = models.CharField(max_length=2, help_text="COD327")
    referrer_name = models.CharField(max_length=255, blank=True)
    referrer_agb = models.CharField(
        max_length=8, blank=True, help_text="AGB of the practitioner, not the practice"
    )
    date = models.DateField()
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT)
    provider = models.ForeignKey("catalogus.Provider", null=True, blank=True, on_delete=models.PROTECT)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-date", "-id"]


class SupportPlan(models.Model):
    """Ondersteuningsplan deel 1 or deel 2 (or the end evaluation)."""

    tenancy = {"municipality": "client__municipality", "provider": "provider"}

    class Part(models.IntegerChoices):
        DEEL1 = 1, "Deel 1"
        DEEL2 = 2, "Deel 2"
        EIND = 3, "Eindevaluatie"

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="support_plans")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    provider = models.ForeignKey("catalogus.Provider", null=True, blank=True, on_delete=models.PROTECT)
    part = models.PositiveSmallIntegerField(choices=Part.choices)
    subcontractors = models.TextField(blank=True)
    sent_on = models.DateField(null=True, blank=True)
    received_on = models.DateField(null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1-10 where recorded")
    established_on = models.DateField(
        null=True, blank=True, help_text="Vastgesteld op: the day deel 1 was settled with the youth"
    )
    signed_by_client_on = models.DateField(
        null=True, blank=True, help_text="Signed by the youth and/or the legal representative"
    )
    signed_by_provider_on = models.DateField(null=True, blank=True)
    signed_by_gi_on = models.DateField(null=True, blank=True, help_text="Signed by the GI after its review")
    personalised = models.BooleanField(
        null=True, blank=True, help_text="Shared with the access team with the youth's name (else anonymised)"
    )
    consent_on = models.DateField(
        null=True, blank=True, help_text="Explicit consent to share the plan with the youth's name"
    )


class Goal(models.Model):
    class Realisation(models.TextChoices):
        OPEN = "open", "Nog niet geëvalueerd"
        NONE = "niet", "Niet behaald"
        PARTIAL = "deels", "Deels behaald"
        FULL = "volledig", "Behaald"

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField()
    expected_result = models.TextField(blank=True)
    evaluation_date = models.DateField(null=True, blank=True)
    realisation = models.CharField(max_length=10, choices=Realisation.choices, default=Realisation.OPEN)


class Beschikking(models.Model):
    tenancy = {"municipality": "municipality", "provider": "client__toewijzingen__provider"}

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="beschikkingen")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    number = models.CharField(max_length=32)
    date = models.DateField()
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="beschikking_number_per_municipality"
            )
        ]


class Toewijzing(models.Model):
    """A JW301 toewijzing: one product for one client at one provider, for a period."""

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Status(models.TextChoices):
        ACTIEF = "actief", "Actief"
        GEWIJZIGD = "gewijzigd", "Gewijzigd"
        INGETROKKEN = "ingetrokken", "Ingetrokken"
        BEEINDIGD = "beeindigd", "Beëindigd"

    municipality = models.ForeignKey(
        "catalogus.Municipality", on_delete=models.PROTECT, related_name="toewijzingen"
    )
    number = models.CharField(
        max_length=9,
        validators=[TOEWIJZING_NUMBER],
        help_text="ToewijzingNummer (iJw LDT_Nummer: at most nine digits), unique per municipality",
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="toewijzingen")
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="toewijzingen")
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT)
    product_category = models.CharField(max_length=2)
    product_code = models.CharField(max_length=5, blank=True)
    begin = models.DateField()
    end = models.DateField(null=True, blank=True)
    volume = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=2, blank=True, help_text="WJ756")
    frequency = models.CharField(max_length=1, blank=True, help_text="WMO757")
    budget_cents = models.BigIntegerField(null=True, blank=True)
    toewijzing_date = models.DateField()
    reden_wijziging = models.CharField(max_length=2, blank=True, help_text="JZ002")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIEF)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT)
    beschikking = models.ForeignKey(Beschikking, null=True, blank=True, on_delete=models.PROTECT)
    request_reference = models.CharField(
        max_length=20, blank=True, help_text="ReferentieAanbieder of the JW315/JW317 this answers"
    )
    bridging = models.BooleanField(default=False, help_text="Overbruggingszorg: at most 6 weeks")
    expert_advice = models.CharField(
        max_length=64, blank=True, help_text="Reference of the expertpool advice (Groningen)"
    )
    comment = models.CharField(max_length=200, blank=True)
    message = models.ForeignKey(
        "berichten.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["municipality", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="toewijzing_number_per_municipality"
            )
        ]
        indexes = [models.Index(fields=["provider", "client"])]

    def __str__(self) -> str:
        return f"Toewijzing {self.number}"


class AllocationRequest(models.Model):
    """A provider's request: a JW315 (verzoek om toewijzing) or JW317 (verzoek om wijziging).

    One row per AangevraagdProduct / NieuwProduct / TeWijzigenProduct, so each can be
    answered on its own; `reference` is the ReferentieAanbieder of the request.
    """

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Kind(models.TextChoices):
        JW315 = "JW315", "Verzoek om toewijzing"
        JW317 = "JW317", "Verzoek om wijziging"

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", "Ontvangen"
        TOEGEWEZEN = "toegewezen", "Toegewezen"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        IN_ONDERZOEK = "onderzoek", "In onderzoek"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    reference = models.CharField(max_length=20, help_text="ReferentieAanbieder")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="requests")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="requests")
    product_category = models.CharField(max_length=2, blank=True)
    product_code = models.CharField(max_length=5, blank=True)
    begin = models.DateField()
    end = models.DateField(null=True, blank=True)
    volume = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=2, blank=True)
    frequency = models.CharField(max_length=1, blank=True)
    budget_cents = models.BigIntegerField(null=True, blank=True)
    referrer_code = models.CharField(max_length=2, blank=True, help_text="COD327")
    referrer_agb = models.CharField(max_length=8, blank=True)
    referrer_name = models.CharField(max_length=255, blank=True)
    change_of = models.ForeignKey(
        Toewijzing, null=True, blank=True, on_delete=models.PROTECT, related_name="change_requests"
    )
    reason = models.CharField(max_length=1, blank=True, help_text="WJ758 reden verzoek (JW317)")
    received_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ONTVANGEN)
    refusal_reason = models.CharField(max_length=1, blank=True, help_text="WJ759")
    refusal_rule = models.CharField(max_length=32, blank=True)
    refusal_text = models.CharField(max_length=255, blank=True)
    right_municipality = models.ForeignKey(
        "catalogus.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    toewijzing = models.ForeignKey(
        Toewijzing, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    message = models.ForeignKey("berichten.Message", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["provider", "reference"])]


class Signaal(models.Model):
    """A rule of kind ``signaleert`` that fired on an allocation, and the reason to go on anyway.

    The rule decided nothing: the worker did, and wrote down why. Monitoring counts these per
    rule and region, so a contract manager sees where practice departs from the book's advice.
    """

    tenancy = {"municipality": "municipality", "provider": "toewijzing__provider"}

    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT, related_name="+")
    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.CASCADE, related_name="signalen")
    rule = models.CharField(max_length=40, help_text="Id of the rule in the register")
    region = models.CharField(max_length=64, blank=True, help_text="Catalogue slug of the product book")
    text = models.CharField(max_length=255)
    reason = models.TextField(help_text="Why the worker went on")
    automatic = models.BooleanField(
        default=False, help_text="Allocated without a worker (a provider's request), reason by the system"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField()

    class Meta:
        ordering = ["-recorded_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["toewijzing", "rule"], name="one_signal_per_rule")]

    def __str__(self) -> str:
        return f"Signaal {self.rule} bij toewijzing {self.toewijzing_id}"
