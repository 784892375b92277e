"""Forms of the access team: allocating a product from a referral, finding a client."""

from __future__ import annotations

import datetime as dt

from django import forms

from jeugdketen.catalogus.models import Product, Provider
from jeugdketen.ijw import codes


def code_choices(code_list, *, blank: str = "—") -> list[tuple[str, str]]:
    return [("", blank), *((code, f"{code} – {text}") for code, text in code_list.codes.items())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label="Zoek op BSN, cliëntnummer of achternaam",
        required=False,
        max_length=100,
        help_text="Een BSN zoekt alleen op het volledige nummer.",
    )


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} – {obj.name} ({obj.region.name})"


class AllocationForm(forms.Form):
    """A toewijzing for one product; the checks run in toegang.services.allocate."""

    provider = forms.ModelChoiceField(
        label="Aanbieder", queryset=Provider.objects.exclude(agb_code=None).order_by("name")
    )
    product = ProductChoiceField(label="Product", queryset=Product.objects.none())
    begin = forms.DateField(label="Ingangsdatum", widget=DateInput())
    end = forms.DateField(
        label="Einddatum",
        required=False,
        widget=DateInput(),
        help_text="De duur die het contract en het productenboek van de regio toestaan.",
    )
    volume = forms.IntegerField(label="Volume", required=False, min_value=1)
    unit = forms.ChoiceField(label="Eenheid (WJ756)", required=False, choices=code_choices(codes.WJ756))
    frequency = forms.ChoiceField(
        label="Frequentie (WMO757)", required=False, choices=code_choices(codes.WMO757)
    )
    bridging = forms.BooleanField(label="Overbruggingszorg (hoogstens 6 weken)", required=False)
    expert_advice = forms.CharField(
        label="Advies expertpool (referentie)",
        required=False,
        max_length=64,
        help_text="Nodig voor producten waarvoor het productenboek advies van de expertpool vraagt.",
    )
    comment = forms.CharField(label="Commentaar voor de aanbieder", required=False, max_length=200)

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            Product.objects.filter(region__municipalities=municipality)
            .exclude(valid_until__lt=dt.date.today())  # ended codes: only their successors
            .exclude(code=None)
            .exclude(category=None)
            .select_related("region")
            .order_by("-region__year", "code")
        )

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("end") and data["end"] < data["begin"]:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum.")
        if data.get("volume") and not data.get("frequency"):
            self.add_error("frequency", "Kies een frequentie bij een volume.")
        return data


class PlanForm(forms.Form):
    """Ondersteuningsplan deel 1 (to the provider) or deel 2 (the provider's plan, received)."""

    part = forms.TypedChoiceField(
        label="Deel",
        coerce=int,
        choices=[(1, "Deel 1 (toegang → aanbieder)"), (2, "Deel 2 (aanbieder → toegang)")],
    )
    established_on = forms.DateField(
        label="Vastgesteld op",
        required=False,
        widget=DateInput(),
        help_text="Deel 1: de dag waarop het plan met de jeugdige is vastgesteld (start van de termijn).",
    )
    sent_on = forms.DateField(label="Verstuurd op", required=False, widget=DateInput())
    received_on = forms.DateField(label="Ontvangen op", required=False, widget=DateInput())
    signed_by_client_on = forms.DateField(
        label="Ondertekend door jeugdige of wettelijk vertegenwoordiger op",
        required=False,
        widget=DateInput(),
    )
    signed_by_provider_on = forms.DateField(
        label="Ondertekend door de aanbieder op", required=False, widget=DateInput()
    )
    signed_by_gi_on = forms.DateField(label="Ondertekend door de GI op", required=False, widget=DateInput())
    personalised = forms.TypedChoiceField(
        label="Gedeeld met het CJG",
        required=False,
        coerce=lambda value: {"ja": True, "nee": False}.get(value),
        empty_value=None,
        choices=[("", "—"), ("ja", "Met naam (toestemming nodig)"), ("nee", "Geanonimiseerd")],
    )
    consent_on = forms.DateField(
        label="Toestemming jeugdige om met naam te delen op", required=False, widget=DateInput()
    )
    subcontractors = forms.CharField(
        label="Onderaannemers",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Naam en AGB-code van elke onderaannemer, één per regel.",
    )

    def clean(self):
        data = super().clean()
        if data.get("part") == 1 and not data.get("sent_on"):
            self.add_error("sent_on", "Deel 1 gaat naar de aanbieder: vul de verzenddatum in.")
        if data.get("part") == 2 and not data.get("received_on"):
            self.add_error("received_on", "Deel 2 komt van de aanbieder: vul de ontvangstdatum in.")
        if data.get("sent_on") and data.get("received_on") and data["received_on"] < data["sent_on"]:
            self.add_error("received_on", "De ontvangstdatum ligt voor de verzenddatum.")
        return data


class GoalForm(forms.Form):
    description = forms.CharField(label="Doel", required=False, max_length=500)
    expected_result = forms.CharField(label="Verwacht resultaat", required=False, max_length=500)
    evaluation_date = forms.DateField(label="Evaluatiemoment", required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if (data.get("expected_result") or data.get("evaluation_date")) and not data.get("description"):
            self.add_error("description", "Beschrijf het doel.")
        return data


GoalFormSet = forms.formset_factory(GoalForm, extra=3, max_num=10)


class EvaluationForm(forms.Form):
    """Eindevaluatie: the realisation of each goal and the client's satisfaction."""

    evaluated_on = forms.DateField(label="Datum eindevaluatie", widget=DateInput())
    satisfaction = forms.IntegerField(
        label="Tevredenheid van cliënt (1–10)", required=False, min_value=1, max_value=10
    )

    def __init__(self, *args, goals, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .models import Goal

        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=f"Doelrealisatie: {goal.description}",
                choices=Goal.Realisation.choices,
                initial=goal.realisation,
            )

    def realisations(self) -> dict[int, str]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}


class ToewijzingForm(forms.Form):
    """A form about one toewijzing, handed in as `toewijzing` and checked against it."""

    def __init__(self, *args, toewijzing, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.toewijzing = toewijzing


class ChangeForm(ToewijzingForm):
    """OP033x1/OP257: a new end date (intrekken or oprekken) and/or a new volume."""

    end = forms.DateField(label="Nieuwe einddatum", required=False, widget=DateInput())
    volume = forms.IntegerField(label="Nieuw volume", required=False, min_value=1)
    begin = forms.DateField(
        label="Ingangsdatum van het nieuwe volume",
        required=False,
        widget=DateInput(),
        help_text="Bij een ander volume eindigt deze toewijzing de dag ervoor en volgt een nieuwe (OP257).",
    )
    reden = forms.ChoiceField(
        label="Reden wijziging (JZ002)",
        choices=[c for c in code_choices(codes.JZ002)[1:] if c[0] != "01"],
        initial="05",
    )

    def clean(self):
        data = super().clean()
        t = self.toewijzing
        if not data.get("end") and not data.get("volume"):
            raise forms.ValidationError("Geef een nieuwe einddatum of een nieuw volume.")
        if data.get("end") and data["end"] < t.begin:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum van de toewijzing.")
        if data.get("volume") and data["volume"] != t.volume and t.frequency != "6":
            begin = data.get("begin")
            if begin is None:
                self.add_error("begin", "Geef de ingangsdatum van het nieuwe volume.")
            elif begin <= t.begin or (t.end and begin > t.end):
                self.add_error("begin", "Deze datum ligt niet binnen de lopende toewijzing.")
        return data


class ExtendForm(ToewijzingForm):
    end = forms.DateField(label="Nieuwe einddatum (verlenging)", widget=DateInput())

    def clean_end(self):
        end = self.cleaned_data["end"]
        if self.toewijzing.end is not None and end <= self.toewijzing.end:
            raise forms.ValidationError("Een verlenging legt de einddatum later dan nu.")
        return end


WITHDRAW_REASONS = ["02", "03", "05", "06", "07", "09", "13", "14"]


class WithdrawForm(ToewijzingForm):
    end = forms.DateField(
        label="Einddatum",
        widget=DateInput(),
        help_text="De laatste dag van de zorg; de ingangsdatum als de zorg nooit begon.",
    )
    reden = forms.ChoiceField(
        label="Reden intrekking (JZ002)",
        choices=[(c, f"{c} – {codes.JZ002.codes[c]}") for c in WITHDRAW_REASONS if c in codes.JZ002.codes],
    )

    def clean_end(self):
        end = self.cleaned_data["end"]
        t = self.toewijzing
        if end < t.begin or (t.end and end > t.end):
            raise forms.ValidationError("Intrekken verkort de toewijzing: kies een datum binnen de periode.")
        return end


class ClientCompletionForm(forms.Form):
    """The address of a client the municipality registered from a JW315 (from the BRP)."""

    street = forms.CharField(label="Straat", max_length=255)
    house_number = forms.CharField(label="Huisnummer", max_length=16)
    postcode = forms.RegexField(
        label="Postcode",
        regex=r"^[1-9][0-9]{3} ?[A-Za-z]{2}$",
        error_messages={"invalid": "Postcode als 1234AB."},
    )
    city = forms.CharField(label="Woonplaats", max_length=100)
    initials = forms.CharField(label="Voorletters", max_length=10, required=False)
    given_name = forms.CharField(label="Voornamen", max_length=100, required=False)

    def clean_postcode(self):
        return self.cleaned_data["postcode"].replace(" ", "").upper()
