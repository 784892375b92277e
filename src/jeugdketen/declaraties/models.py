"""Declarations: the JW323 as received, every Prestatie with its verdict, what is owed and paid.

A :class:`Declaratie` is one JW323 as the municipality judged it. Each :class:`Prestatie`
keeps the line as sent plus the verdict: accepted, or rejected with the WJ001 retourcodes
and, per finding, the rule that rejected it and a Dutch explanation.

Money follows iJw: integer eurocents, always positive with a debit/credit sign beside
it on the wire; here every stored amount is *signed* (credit negative) so sums are sums.

Accepted lines become :class:`Betaalverplichting` rows (one per declaration, product and
month of care), due 30 calendar days after receipt. Everything that moves money is a
double-entry :class:`Boeking` pair in the ledger, so the ledger per municipality,
provider, product and month always sums to zero (see :mod:`.ledger`).

The provider's side registers its delivered care as :class:`GeleverdeZorg`, from which
it builds a JW323 and on which it processes the JW325 (see :mod:`.provider`).
"""

from __future__ import annotations

import uuid

from django.db import models


class Declaratie(models.Model):
    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Status(models.TextChoices):
        BEOORDEELD = "beoordeeld", "Beoordeeld"
        AFGEKEURD = "afgekeurd", "Afgekeurd (niet verwerkt)"

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="declaraties")
    municipality = models.ForeignKey(
        "catalogus.Municipality", on_delete=models.PROTECT, related_name="declaraties"
    )
    number = models.CharField(max_length=12, help_text="DeclaratieNummer")
    period_begin = models.DateField()
    period_end = models.DateField()
    dagtekening = models.DateField(help_text="DeclaratieDagtekening")
    received_on = models.DateField(help_text="Date of receipt; payment is due 30 days later")
    status = models.CharField(max_length=12, choices=Status.choices)
    retourcodes = models.JSONField(default=list, blank=True, help_text="Codes on Header/DeclaratieAntwoord")
    findings = models.JSONField(default=list, blank=True, help_text="Why a whole declaration was refused")
    total_submitted_cents = models.BigIntegerField(default=0, help_text="Signed: credit negative")
    total_accepted_cents = models.BigIntegerField(default=0, help_text="Signed: credit negative")
    lines_total = models.PositiveIntegerField(default=0)
    lines_rejected = models.PositiveIntegerField(default=0)
    message = models.OneToOneField(
        "berichten.Message", null=True, blank=True, on_delete=models.PROTECT, related_name="declaratie"
    )
    answer = models.OneToOneField(
        "berichten.Message", null=True, blank=True, on_delete=models.PROTECT, related_name="declaratie_answer"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            # TR333: a DeclaratieNummer is unique per provider among the declarations taken in.
            models.UniqueConstraint(
                fields=["provider", "number"],
                condition=models.Q(status="beoordeeld"),
                name="declaratie_number_once_per_provider",
            )
        ]

    def __str__(self) -> str:
        return f"Declaratie {self.number}"

    @property
    def total_rejected_cents(self) -> int:
        return self.total_submitted_cents - self.total_accepted_cents


class Betaalverplichting(models.Model):
    """What the municipality owes for one declaration, product and month of care."""

    tenancy = {"municipality": "municipality", "provider": "provider"}

    declaratie = models.ForeignKey(Declaratie, on_delete=models.PROTECT, related_name="obligations")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT)
    product_code = models.CharField(max_length=5, blank=True)
    month = models.DateField(help_text="First day of the month of care")
    amount_cents = models.BigIntegerField(help_text="Signed: a credit lowers what is owed")
    paid_cents = models.BigIntegerField(default=0)
    due = models.DateField(db_index=True)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]

    @property
    def open_cents(self) -> int:
        return self.amount_cents - self.paid_cents


class Prestatie(models.Model):
    tenancy = {"municipality": "municipality", "provider": "provider"}

    declaratie = models.ForeignKey(Declaratie, on_delete=models.CASCADE, related_name="prestaties")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT)
    position = models.PositiveIntegerField(help_text="Order in the JW323, from 1")
    bsn = models.CharField(max_length=9)
    client = models.ForeignKey("toegang.Client", null=True, blank=True, on_delete=models.PROTECT)
    toewijzing = models.ForeignKey("toegang.Toewijzing", null=True, blank=True, on_delete=models.PROTECT)
    product = models.ForeignKey("catalogus.Product", null=True, blank=True, on_delete=models.PROTECT)
    reference = models.CharField(max_length=20, help_text="ReferentieNummer")
    previous_reference = models.CharField(max_length=20, blank=True, help_text="VorigReferentieNummer")
    toewijzing_number = models.CharField(max_length=9, help_text="ToewijzingNummer")
    product_category = models.CharField(max_length=2)
    product_code = models.CharField(max_length=5)
    begin = models.DateField()
    end = models.DateField()
    volume = models.PositiveIntegerField(help_text="GeleverdVolume")
    unit = models.CharField(max_length=2, help_text="WJ756")
    tariff_cents = models.IntegerField(null=True, blank=True, help_text="ProductTarief")
    amount_cents = models.BigIntegerField(help_text="IngediendBedrag, signed: credit negative")
    debit_credit = models.CharField(max_length=1, help_text="D or C")
    accepted = models.BooleanField()
    retourcodes = models.CharField(max_length=64, blank=True, help_text="WJ001 codes, comma separated")
    findings = models.JSONField(null=True, blank=True, help_text="[{rule, retourcode, text}]")
    credited = models.BooleanField(default=False, help_text="A later credit line closed this debit")
    counts_as_billed = models.BooleanField(
        default=True, help_text="False for lines refused as duplicates: they never billed anything"
    )
    obligation = models.ForeignKey(
        Betaalverplichting, null=True, blank=True, on_delete=models.PROTECT, related_name="prestaties"
    )

    class Meta:
        ordering = ["declaratie", "position"]
        indexes = [
            models.Index(fields=["provider", "reference"]),
            models.Index(fields=["toewijzing", "debit_credit"]),
            models.Index(fields=["client", "product"]),
        ]

    def __str__(self) -> str:
        return f"Prestatie {self.reference}"

    @property
    def retourcode_list(self) -> list[str]:
        return [code for code in self.retourcodes.split(",") if code]


class Betaling(models.Model):
    """A payment run: money from the municipality to one provider."""

    tenancy = {"municipality": "municipality", "provider": "provider"}

    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT)
    date = models.DateField()
    amount_cents = models.BigIntegerField()
    reference = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]


class Boeking(models.Model):
    """One side of a double-entry booking. The entries of one ``transaction`` sum to zero.

    Accounts: ``lasten`` (cost of care), ``crediteuren`` (owed to the provider), ``bank``.
    """

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Account(models.TextChoices):
        LASTEN = "lasten", "Lasten jeugdhulp"
        CREDITEUREN = "crediteuren", "Te betalen aan aanbieder"
        BANK = "bank", "Bank"

    class Kind(models.TextChoices):
        DECLARATIE = "declaratie", "Toegekende declaratie"
        CREDIT = "credit", "Creditering"
        CORRECTIE = "correctie", "Correctie"
        BETALING = "betaling", "Betaling"

    transaction = models.CharField(max_length=36, db_index=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    account = models.CharField(max_length=12, choices=Account.choices)
    amount_cents = models.BigIntegerField(help_text="Signed: debit positive, credit negative")
    municipality = models.ForeignKey("catalogus.Municipality", on_delete=models.PROTECT)
    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT)
    product_code = models.CharField(max_length=5, blank=True)
    month = models.DateField()
    declaratie = models.ForeignKey(Declaratie, null=True, blank=True, on_delete=models.PROTECT)
    obligation = models.ForeignKey(Betaalverplichting, null=True, blank=True, on_delete=models.PROTECT)
    payment = models.ForeignKey(Betaling, null=True, blank=True, on_delete=models.PROTECT)
    description = models.CharField(max_length=255, blank=True)
    booked_on = models.DateField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["municipality", "provider", "product_code", "month"])]


class GeleverdeZorg(models.Model):
    """The provider's register of delivered care, per toewijzing and month, before and after billing."""

    tenancy = {"municipality": "toewijzing__municipality", "provider": "provider"}

    class Status(models.TextChoices):
        OPEN = "open", "Nog te declareren"
        GEDECLAREERD = "gedeclareerd", "Gedeclareerd, wacht op antwoord"
        TOEGEKEND = "toegekend", "Toegekend"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        GECREDITEERD = "gecrediteerd", "Gecrediteerd"

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="deliveries")
    toewijzing = models.ForeignKey("toegang.Toewijzing", on_delete=models.PROTECT, related_name="deliveries")
    begin = models.DateField()
    end = models.DateField()
    volume = models.PositiveIntegerField(
        help_text="Direct and indirect time together, in the toewijzing unit"
    )
    indirect_volume = models.PositiveIntegerField(default=0, help_text="Part of volume that is indirect time")
    tariff = models.DecimalField(max_digits=10, decimal_places=2, help_text="Euros per unit")
    reference = models.CharField(max_length=20, blank=True, help_text="ReferentieNummer once billed")
    credit_reference = models.CharField(max_length=20, blank=True, help_text="Of the credit line, if any")
    declaratie_number = models.CharField(max_length=12, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    retourcodes = models.CharField(max_length=64, blank=True)
    advice = models.CharField(max_length=255, blank=True, help_text="What to do after a rejection")

    class Meta:
        ordering = ["begin", "id"]
        indexes = [
            models.Index(fields=["provider", "reference"]),
            models.Index(fields=["provider", "status"]),
        ]


class Intake(models.Model):
    """A large JW323 taken in for judgement in the background (:mod:`.background`).

    The upload stores the message here and answers at once (202); a worker judges it in one
    transaction that also marks this row done, so a worker that dies leaves it waiting and the
    retried task judges it from the start. The unique constraint on sender and
    BerichtIdentificatie makes the same message uploaded many times at once one intake.
    """

    tenancy = {"municipality": "municipality", "provider": "provider"}

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", "In de wachtrij"
        BEZIG = "bezig", "Wordt beoordeeld"
        KLAAR = "klaar", "Beoordeeld"
        MISLUKT = "mislukt", "Niet verwerkt"

    public_id = models.UUIDField(
        unique=True, default=uuid.uuid4, editable=False, help_text="In the status URL"
    )
    sender = models.CharField(max_length=8, help_text="Afzender (AGB code)")
    receiver = models.CharField(max_length=8, help_text="Ontvanger (CBS code)")
    identification = models.CharField(max_length=20, help_text="BerichtIdentificatie/Identificatie")
    received_on = models.DateField(help_text="Date of receipt: the payment term counts from it")
    xml = models.TextField(blank=True, help_text="The message until it is judged; then kept in its Message")
    lines_total = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WACHTRIJ)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=255, blank=True, help_text="Why it failed; never personal data")
    municipality = models.ForeignKey(
        "catalogus.Municipality", null=True, blank=True, on_delete=models.PROTECT
    )
    provider = models.ForeignKey("catalogus.Provider", null=True, blank=True, on_delete=models.PROTECT)
    message = models.OneToOneField(
        "berichten.Message", null=True, blank=True, on_delete=models.PROTECT, related_name="intake"
    )
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "identification"], name="intake_once_per_message")
        ]

    def __str__(self) -> str:
        return f"Intake {self.sender} {self.identification}"

    @property
    def done(self) -> bool:
        return self.status in (self.Status.KLAAR, self.Status.MISLUKT)


class Verblijfsdag(models.Model):
    """One day of a residential stay or of respite, as the provider's register of stay days.

    A JW323 line bills a month of etmalen as one number; this register is the provider's
    account of the days behind it. Where a product book says which days may be billed (the
    20:00 rule, absence days and their limits, part-time stay, respite), the judgement of a
    bill line counts the billable days of this register (:mod:`.verblijf`).
    """

    tenancy = {"municipality": "toewijzing__municipality", "provider": "provider"}

    class Kind(models.TextChoices):
        AANWEZIG = "aanwezig", "Aanwezig"
        VERTREK = "vertrek", "Dag van vertrek"
        AFWEZIG = "afwezig", "Afwezig"

    class Reason(models.TextChoices):
        VAKANTIE = "vakantie", "Vakantie of detentie"
        ONDERWIJS = "onderwijs", "Schoolvakantie (leerling dagonderwijs)"
        OPNAME = "opname", "Opname ggz of medisch specialistische zorg elders"
        WEEKENDVERLOF = "weekendverlof", "Weekendverlof of weekendpleegzorg"
        PLEEGOUDERS = "pleegouders", "Verlof met vergoeding aan pleegouders"
        OVERIG = "overig", "Andere afwezigheid"

    provider = models.ForeignKey("catalogus.Provider", on_delete=models.PROTECT, related_name="+")
    toewijzing = models.ForeignKey("toegang.Toewijzing", on_delete=models.PROTECT, related_name="stay_days")
    date = models.DateField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    arrived_at = models.TimeField(null=True, blank=True, help_text="Arrival time, first day of a stay")
    left_at = models.TimeField(null=True, blank=True, help_text="Departure time, day of departure")
    reason = models.CharField(max_length=14, choices=Reason.choices, blank=True, help_text="Why absent")
    agreed = models.BooleanField(
        default=False,
        help_text="The municipality agreed to pay this absence (longer leave, opname past 91 days)",
    )

    class Meta:
        ordering = ["toewijzing", "date"]
        constraints = [models.UniqueConstraint(fields=["toewijzing", "date"], name="one_stay_day_per_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} (toewijzing {self.toewijzing_id})"
