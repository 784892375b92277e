"""The auditor's pages: the log with filters, and its CSV export (itself audited)."""

from __future__ import annotations

import csv
from datetime import date, datetime, time

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jeugdketen.accounts.access import requires

from .log import exported
from .models import AuditEntry

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="Wie (gebruikersnaam of token)", required=False, max_length=150)
    action = forms.ChoiceField(
        label="Handeling", required=False, choices=[("", "Alle handelingen"), *AuditEntry.Action.choices]
    )
    object_type = forms.CharField(label="Soort object", required=False, max_length=64)
    client = forms.IntegerField(label="Cliëntnummer", required=False, min_value=1)
    since = forms.DateField(
        label="Vanaf (datum)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="Tot en met (datum)", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["actor"]:
            queryset = queryset.filter(actor__icontains=data["actor"])
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["object_type"]:
            queryset = queryset.filter(object_type__icontains=data["object_type"])
        if data["client"]:
            queryset = queryset.filter(client_id=data["client"])
        if data["since"]:
            queryset = queryset.filter(at__gte=_start_of(data["since"]))
        if data["until"]:
            queryset = queryset.filter(at__lt=_start_of(data["until"], next_day=True))
        return queryset


def _start_of(day: date, next_day: bool = False) -> datetime:
    if next_day:
        day = date.fromordinal(day.toordinal() + 1)
    return timezone.make_aware(datetime.combine(day, time.min))


def _entries(request):
    form = AuditFilterForm(request.GET or None)
    queryset = AuditEntry.objects.select_related("user").order_by("-at", "-id")
    if form.is_bound:
        queryset = form.filter(queryset)
    return form, queryset


@requires("audit.view")
def index(request):
    form, queryset = _entries(request)
    page = Paginator(queryset, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "audit/index.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count},
    )


def csv_cell(value) -> str:
    """Text that a spreadsheet will never run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@requires("audit.export")
def export_csv(request):
    form, queryset = _entries(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="auditlog.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["tijdstip", "wie", "handeling", "object", "object-id", "cliënt", "route", "toelichting"])
    count = 0
    for entry in queryset.iterator(chunk_size=2000):
        writer.writerow(
            [
                csv_cell(timezone.localtime(entry.at).isoformat(timespec="seconds")),
                csv_cell(entry.actor),
                csv_cell(entry.action),
                csv_cell(entry.object_type),
                csv_cell(entry.object_id),
                csv_cell(entry.client_id or ""),
                csv_cell(entry.route),
                csv_cell(entry.detail),
            ]
        )
        count += 1
    exported(
        request, "audit.AuditEntry", count=count, detail=f"{count} rijen; filter: {request.GET.urlencode()}"
    )
    return response
