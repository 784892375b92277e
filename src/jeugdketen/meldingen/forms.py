from __future__ import annotations

from django import forms
from django.utils import timezone

from jeugdketen.catalogus.models import Municipality

from .models import Melding


class MeldingForm(forms.Form):
    municipality = forms.ModelChoiceField(Municipality.objects.order_by("name"), label="Gemeente")
    kind = forms.ChoiceField(choices=Melding.Kind.choices, label="Soort")
    discovered_at = forms.DateTimeField(
        label="Ontdekt op (dd-mm-jjjj uu:mm)", input_formats=["%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M"]
    )
    summary = forms.CharField(max_length=200, label="Wat is er gebeurd (zonder cliëntgegevens)")
    measures = forms.CharField(widget=forms.Textarea, required=False, label="Genomen maatregelen")
    persons_affected = forms.IntegerField(min_value=0, required=False, label="Aantal betrokken personen")

    def clean_discovered_at(self):
        value = self.cleaned_data["discovered_at"]
        if value > timezone.now():
            raise forms.ValidationError("Het moment van ontdekken ligt in de toekomst.")
        return value


class ApForm(forms.Form):
    reported_on = forms.DateField(
        required=False, label="Gemeld bij de AP op (dd-mm-jjjj)", input_formats=["%d-%m-%Y", "%Y-%m-%d"]
    )
    not_required = forms.CharField(max_length=255, required=False, label="Of: waarom melden niet nodig is")

    def clean(self):
        data = super().clean()
        if not data.get("reported_on") and not (data.get("not_required") or "").strip():
            raise forms.ValidationError(
                "Geef de datum van de melding aan de AP, of waarom die niet nodig is."
            )
        return data
