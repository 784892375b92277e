"""Screens of the tariff model (Dutch UI): calibration, what-if, new year, scale amounts.

Contract managers and functional administrators (``tariffmodel.view``) see the model and run
a what-if; the effect on the budget is shown to whoever may see monitoring figures, scoped to
her municipalities. Entering scale amounts and proposing next year's tariffs to the set-up
need ``tariffmodel.change`` (the functional administrator).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jeugdketen.accounts import access
from jeugdketen.audit import log
from jeugdketen.kostprijs.calibrate import REPRODUCED, STATUS_LABELS
from jeugdketen.kostprijs.spec import load
from jeugdketen.kostprijs.whatif import BY_INDEX_ONLY, Scenario, index_scenario
from jeugdketen.monitoring.report import display

from . import scales as scale_import
from . import services
from .export import whatif_report, whatif_workbook
from .forms import ProposalForm, ScaleAmountForm, ScaleUploadForm, WhatIfForm
from .models import ScaleAmount


@access.requires("tariffmodel.view")
def index(request):
    rows = []
    for region in services.regions():
        calibration = services.calibration(region)
        total = len(calibration.reproductions)
        reproduced = sum(1 for r in calibration.reproductions if r.status == REPRODUCED)
        rows.append({"region": region, "total": total, "reproduced": reproduced})
    return render(request, "tarieven/index.html", {"rows": rows})


@access.requires("tariffmodel.view")
def calibration_view(request, region):
    calibration = services.calibration(region)
    model = calibration.model
    groups = []
    for name, group in calibration.groups.items():
        code = group.codes[0]
        groups.append(
            {
                "name": name,
                "codes": group.codes,
                "hourly": group.hourly,
                "interval": group.interval.text() if group.interval else "",
                "salary": calibration.monthly_salary(code),
                "yearly": calibration.yearly_cost_per_fte(code),
                "hours": model.productive_hours(model.products[code]).value,
            }
        )
    context = {
        "region": region,
        "reproductions": calibration.reproductions,
        "labels": STATUS_LABELS,
        "groups": groups,
        "checks": calibration.checks,
        "breaches": calibration.breaches(),
        "surcharges": model.surcharges,
        "productivity": model.productivity.values(),
    }
    return render(request, "tarieven/calibration.html", context)


def _scenario(request, region):
    form = WhatIfForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.scenario(region)
    return form, None


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


@access.requires("tariffmodel.view")
def whatif(request, region):
    form, scenario = _scenario(request, region)
    context = {"region": region, "form": form, "scenario": scenario, "year": _year(request)}
    if scenario is not None:
        changes = services.what_if(region, scenario)
        context["changes"] = changes
        context["changed"] = sum(1 for change in changes if change.difference)
        context["index_only"] = sum(1 for change in changes if change.method == BY_INDEX_ONLY)
        if access.has_perm(request.user, "monitoring.view"):
            context["effect"] = services.budget_effect(
                lambda qs: access.scope(request.user, qs),
                region,
                changes,
                year=context["year"],
                today=timezone.localdate(),
            )
        context["query"] = request.GET.urlencode()
        report = whatif_report(region, scenario, changes, context.get("effect"))
        context["report"] = report
        context["summary"] = report.summary_items()
        context["tables"] = [
            {
                "table": table,
                "rows": [[display(row.get(c.key), c.kind) for c in table.columns] for row in table.rows],
            }
            for table in report.tables
        ]
    return render(request, "tarieven/whatif.html", context)


@access.requires("tariffmodel.view")
def whatif_xlsx(request, region):
    form, scenario = _scenario(request, region)
    if scenario is None:
        if form.is_bound:
            return redirect("tarieven:whatif", region=region)
        scenario = Scenario()  # no parameters: the tariffs as they stand
    changes = services.what_if(region, scenario)
    effect = None
    if access.has_perm(request.user, "monitoring.view"):
        effect = services.budget_effect(
            lambda qs: access.scope(request.user, qs),
            region,
            changes,
            year=_year(request),
            today=timezone.localdate(),
        )
    log.record(
        user=request.user,
        action="export",
        object_type="tarieven.whatif",
        route=log.route_of(request),
        detail=f"wat-als {region}",
    )
    response = HttpResponse(
        whatif_workbook(region, scenario, changes, effect),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="wat-als-{region}.xlsx"'
    return response


@access.requires("tariffmodel.view")
def product(request, region, code):
    model = load(region)
    if code not in model.products:
        raise Http404
    year = _year(request)
    explanations = [
        services.explanation(region, code, variant, year=year)
        for variant in ("regular", "micro")
        if any(r.code == code and r.variant == variant for r in services.calibration(region).reproductions)
    ]
    return render(
        request,
        "tarieven/product.html",
        {"region": region, "code": code, "explanations": explanations, "year": year},
    )


@access.requires("tariffmodel.view", methods=("GET", "POST"))
def proposal(request, region):
    form = ProposalForm(request.POST or request.GET or None)
    context = {"region": region, "form": form, "year": _year(request)}
    if form.is_bound and form.is_valid():
        base_year = context["year"]
        changes = services.what_if(
            region, index_scenario(form.cleaned_data["ova"], form.cleaned_data["material"])
        )
        proposals = services.contract_proposals(region, base_year, changes)
        context.update(changes=changes, proposals=proposals, next_year=base_year + 1)
        if request.method == "POST":
            access.require(request.user, "tariffmodel.change")
            source = (
                f"indexatie {region} {base_year + 1}: OVA {form.cleaned_data['ova']} %, "
                f"materieel {form.cleaned_data['material']} %"
            )
            try:
                count = services.apply_proposals(proposals, base_year + 1, actor=request.user, source=source)
            except ValueError as exc:
                messages.error(request, str(exc))
            else:
                log.record(
                    user=request.user,
                    action="update",
                    object_type="contracten.tariff",
                    route=log.route_of(request),
                    detail=f"{count} tarieven {base_year + 1} voorgesteld ({source})"[:255],
                )
                messages.success(request, f"{count} contracttarieven voor {base_year + 1} vastgelegd.")
                return redirect("tarieven:proposal", region=region)
    context["can_apply"] = access.has_perm(request.user, "tariffmodel.change")
    return render(request, "tarieven/proposal.html", context)


@access.requires("tariffmodel.view", methods=("GET", "POST"))
def scales(request):
    form = ScaleAmountForm(request.POST or None)
    if request.method == "POST":
        if not access.has_perm(request.user, "tariffmodel.change"):
            raise PermissionDenied("ontbrekende bevoegdheid: tariffmodel.change")
        if form.is_valid():
            data = form.cleaned_data
            row, created = ScaleAmount.objects.update_or_create(
                cao=data["cao"],
                scale=data["scale"],
                year=data["year"],
                defaults={
                    "amount": data["amount"],
                    "source": data["source"],
                    "entered_by": request.user.get_username(),
                },
            )
            log.record(
                user=request.user,
                action="create" if created else "update",
                obj=row,
                route=log.route_of(request),
                detail=str(row)[:255],
            )
            messages.success(request, f"Vastgelegd: {row}.")
            return redirect("tarieven:scales")
    context = {
        "form": form,
        "upload": ScaleUploadForm(),
        "rows": ScaleAmount.objects.all(),
        "can_change": access.has_perm(request.user, "tariffmodel.change"),
    }
    return render(request, "tarieven/scales.html", context)


@access.requires("tariffmodel.change", methods=("POST",))
def scales_import(request):
    if request.method != "POST":
        return redirect("tarieven:scales")
    form = ScaleUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Kies een CSV- of XLSX-bestand.")
        return redirect("tarieven:scales")
    upload = form.cleaned_data["file"]
    try:
        counts = scale_import.import_file(upload.read(), upload.name, actor=request.user.get_username())
    except scale_import.ImportError_ as exc:
        return render(
            request,
            "tarieven/scales.html",
            {
                "form": ScaleAmountForm(),
                "upload": form,
                "rows": ScaleAmount.objects.all(),
                "can_change": True,
                "problems": exc.problems,
            },
            status=400,
        )
    log.record(
        user=request.user,
        action="create",
        object_type="tarieven.ScaleAmount",
        route=log.route_of(request),
        detail=f"import {upload.name}: {counts['created']} nieuw, {counts['changed']} gewijzigd"[:255],
    )
    messages.success(
        request,
        f"Geïmporteerd: {counts['created']} nieuw, {counts['changed']} gewijzigd, "
        f"{counts['unchanged']} ongewijzigd.",
    )
    return redirect("tarieven:scales")
