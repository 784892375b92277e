"""The provider's register of stay days for a residential or respite toewijzing (Dutch screen).

One row per day: present (with the time of arrival on a first day), the day of departure (with
its time), or absent (with the reason, and whether the municipality agreed). The judgement of a
bill line of etmalen counts the billable days of this register (:mod:`.verblijf`); the screen
shows per day whether it is billable and, if not, which rule says so, and for a part-time stay
the etmalen at the provider in each period of 14 that touches the month.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django import forms
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import requires
from jeugdketen.audit.log import Action, changed
from jeugdketen.core.months import month_end
from jeugdketen.regels.register import applies
from jeugdketen.toegang.views import toewijzing_or_404

from . import respijt, verblijf
from .models import Verblijfsdag

DAY_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]


class StayDayForm(forms.Form):
    date = forms.DateField(label="Datum (dd-mm-jjjj)", input_formats=DAY_FORMATS)
    kind = forms.ChoiceField(choices=Verblijfsdag.Kind.choices, label="Soort dag")
    arrived_at = forms.TimeField(required=False, label="Aangekomen om (uu:mm, eerste dag)")
    left_at = forms.TimeField(required=False, label="Vertrokken om (uu:mm, dag van vertrek)")
    reason = forms.ChoiceField(
        choices=[("", "—"), *Verblijfsdag.Reason.choices], required=False, label="Reden van afwezigheid"
    )
    agreed = forms.BooleanField(
        required=False, label="De gemeente stemde in met betaling van deze afwezigheid"
    )

    def __init__(self, *args, toewijzing, **kwargs):
        super().__init__(*args, **kwargs)
        self.toewijzing = toewijzing

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        if day and (day < self.toewijzing.begin or (self.toewijzing.end and day > self.toewijzing.end)):
            self.add_error("date", "De datum ligt buiten de toewijzing.")
        if kind == Verblijfsdag.Kind.AFWEZIG and not data.get("reason"):
            self.add_error("reason", "Geef de reden van afwezigheid.")
        if kind != Verblijfsdag.Kind.AFWEZIG:
            data["reason"], data["agreed"] = "", False
        return data


def _month(request, toewijzing) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("maand", "") + "-01")
    except ValueError:
        return max(min(dt.date.today(), toewijzing.end or dt.date.max), toewijzing.begin).replace(day=1)


@requires("delivery.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def stay_register_view(request, pk: int):
    toewijzing = toewijzing_or_404(request, pk)
    form = StayDayForm(request.POST or None, toewijzing=toewijzing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        Verblijfsdag.objects.update_or_create(
            toewijzing=toewijzing, date=data["date"],
            defaults={
                "provider": toewijzing.provider, "kind": data["kind"], "arrived_at": data["arrived_at"],
                "left_at": data["left_at"], "reason": data["reason"], "agreed": data["agreed"],
            },
        )  # fmt: skip
        changed(request, toewijzing, action=Action.UPDATE, client=toewijzing.client, detail="verblijfsdag")
        return redirect(f"{request.path}?maand={data['date']:%Y-%m}")
    month = _month(request, toewijzing)
    last = month_end(month)
    records = list(toewijzing.stay_days.order_by("date"))
    days = [verblijf.Day(r.date, r.kind, r.arrived_at, r.reason, r.agreed, r.left_at) for r in records]
    region = toewijzing.product.region.slug if toewijzing.product else ""
    pattern_from = verblijf.pattern_start(toewijzing, toewijzing.product_code or "")
    if not applies("VERBLIJF-DEELTIJD-PATROON", region):
        pattern_from = None
    verdicts = verblijf.verdicts(
        toewijzing.product_code or "",
        days,
        stay_start=toewijzing.begin,
        holiday_used=Counter(),
        part_time=verblijf.is_part_time(toewijzing),
        pattern_from=pattern_from,
    )
    shown = []
    for record in records:
        if month <= record.date <= last:
            rule = verdicts.get(record.date)
            rule = rule if rule and applies(rule, region) else None  # only the product's own book
            shown.append({"day": record, "rule": rule, "text": verblijf.TEXTS.get(rule or "", "")})
    stays = [s for s in respijt.stays(days) if month <= s.departure.date() <= last]
    return render(
        request,
        "declaraties/verblijf.html",
        {
            "t": toewijzing,
            "form": form,
            "month": month,
            "rows": shown,
            "billable": sum(1 for row in shown if row["rule"] is None),
            "stays": stays,
            "periods": (
                verblijf.periods(days, verdicts, pattern_from, month, last, toewijzing.end)
                if pattern_from
                else []
            ),
            "pattern_most": verblijf.PATTERN_MOST,
        },
        status=422 if request.method == "POST" else 200,
    )
