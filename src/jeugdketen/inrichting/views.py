"""The start of the set-up, the set-up workbook (preview, then apply) and tariff indexation.

Both the workbook and the indexation show what will change before anything is stored: the
first step computes the plan without storing, the second applies exactly that input. The
uploaded workbook waits between the two steps in a private temporary file named by its
SHA-256, which the session remembers; applying checks the hash again.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse

from jeugdketen.accounts.access import has_perm, requires
from jeugdketen.audit import log
from jeugdketen.contracten.models import Contract

from . import forms, scoping, setup

SESSION_KEY = "inrichting_werkmap"

CARDS = [
    ("Gemeenten", "inrichting:gemeente-list", "CBS-code, naam en regio", "setup.view"),
    ("Aanbieders", "inrichting:aanbieder-list", "AGB-code, naam, hoofd- en onderaannemers", "setup.view"),
    (
        "Contracten en tarieven",
        "inrichting:contract-list",
        "Producten en tarieven per jaar, met historie",
        "setup.view",
    ),
    (
        "Cliëntenstops",
        "inrichting:clientenstop-list",
        "Geen nieuwe toewijzingen voor een aanbieder",
        "setup.view",
    ),
    ("Vrijstellingen", "inrichting:vrijstelling-list", "Vrijstelling van de acceptatieplicht", "setup.view"),
    ("Budgetten", "inrichting:budget-list", "Per gemeente, perceel en jaar", "setup.view"),
    (
        "Werkmap importeren",
        "inrichting:workbook",
        "De hele inrichting uit één werkmap, eerst als voorbeeld",
        "setup.change",
    ),
    (
        "Tarieven indexeren",
        "inrichting:index-tariffs",
        "Tarieven voor een nieuw jaar met een percentage",
        "setup.change",
    ),
    (
        "Gebruikers en tokens",
        "inrichting:user-list",
        "Uitnodigen, rol wijzigen, deactiveren; API-tokens",
        "user.manage",
    ),
]


@requires("setup.view")
def index(request):
    cards = [
        {"label": label, "url": reverse(name), "text": text}
        for label, name, text, perm in CARDS
        if has_perm(request.user, perm)
    ]
    regions = scoping.regions(request.user)
    return render(
        request,
        "inrichting/index.html",
        {"cards": cards, "regions": regions, "unlinked": unlinked_book_names(regions)},
    )


def unlinked_book_names(regions) -> list[tuple[object, list[str]]]:
    """Per region: the provider names its product book awards products to that no organisation
    stands for yet (register ``GEGUND-KOPPELING``); link them with ``namen_productenboek``."""
    from jeugdketen.catalogus.models import Provider

    found = []
    for region in regions:
        names = (
            Provider.objects.filter(products__region=region, agb_code=None, organisation=None)
            .values_list("name", flat=True)
            .distinct()
            .order_by("name")
        )
        if names:
            found.append((region, list(names)))
    return found


# --- the set-up workbook ----------------------------------------------------------------


def _spool() -> Path:
    folder = Path(tempfile.gettempdir()) / "jeugdketen-inrichting"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _keep(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    (_spool() / f"{digest}.xlsx").write_bytes(data)
    return digest


def _kept(digest: str) -> Path | None:
    if not digest or len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        return None
    path = _spool() / f"{digest}.xlsx"
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        return None
    return path


@requires("setup.change", methods=("GET", "POST"))
def workbook(request):
    """Step 1 uploads and previews; step 2 (``actie=toepassen``) applies the same file."""
    form = forms.WorkbookForm()
    context = {"form": form}
    if request.method == "POST" and request.POST.get("actie") == "toepassen":
        path = _kept(request.session.get(SESSION_KEY, ""))
        if path is None:
            messages.error(request, "Upload de werkmap opnieuw: het voorbeeld is verlopen.")
            return redirect("inrichting:workbook")
        with transaction.atomic():
            plan = setup.import_workbook(path, user=request.user, apply=True)
            if not plan.problems:
                log.record(
                    user=request.user,
                    action=log.Action.UPDATE,
                    object_type="inrichting.werkmap",
                    object_id=path.stem[:16],
                    route=log.route_of(request),
                    detail=f"werkmap toegepast: {plan.summary()}"[:255],
                )
        if not plan.problems:
            request.session.pop(SESSION_KEY, None)
            path.unlink(missing_ok=True)
            messages.success(request, f"De werkmap is toegepast: {plan.summary()}.")
        context.update(plan=plan, applied=not plan.problems)
        return render(request, "inrichting/workbook.html", context)
    if request.method == "POST":
        form = forms.WorkbookForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["workbook"].read()
            digest = _keep(data)
            plan = setup.import_workbook(_kept(digest), user=request.user, apply=False)
            request.session[SESSION_KEY] = digest
            context.update(plan=plan, filename=form.cleaned_data["workbook"].name)
    return render(request, "inrichting/workbook.html", context)


# --- indexation ---------------------------------------------------------------------------


@requires("setup.change", methods=("GET", "POST"))
def index_tariffs(request):
    """Index a contract's or a region's tariffs of one year into a new year by a percentage."""
    user = request.user
    data = request.POST if request.method == "POST" else request.GET
    form = forms.IndexForm(data if "percentage" in data else None)
    regions = scoping.regions(user)
    contracts = scoping.rows(user, Contract).select_related("provider", "region")
    target = data.get("doel", "")
    groups = [
        ("Regio's", [(f"regio:{r.pk}", f"{r.name} {r.year}") for r in regions]),
        (
            "Contracten",
            [(f"contract:{c.pk}", f"{c.reference or c.pk} – {c.provider.name}") for c in contracts],
        ),
    ]
    context = {"form": form, "groups": groups, "target": target}
    if form.is_bound and form.is_valid():
        chosen = _target(user, target)
        if chosen is None:
            form.add_error(None, "Kies een regio of een contract van uw regio's.")
        else:
            values = form.cleaned_data
            try:
                if request.method == "POST":
                    with transaction.atomic():
                        result = setup.index_tariffs(
                            chosen,
                            values["year"],
                            values["new_year"],
                            values["percentage"],
                            actor=user,
                            apply=True,
                        )
                        for row in result.rows:
                            log.record(
                                user=user,
                                action=log.Action.UPDATE,
                                object_type="contracten.Contract",
                                object_id=row.contract_id,
                                route=log.route_of(request),
                                detail=f"tarief {row.code} {values['new_year']} {row.variant}: {row.change}",
                            )
                        log.record(
                            user=user,
                            action=log.Action.UPDATE,
                            obj=chosen,
                            route=log.route_of(request),
                            detail=(
                                f"tarieven {values['year']} → {values['new_year']} geïndexeerd met "
                                f"{values['percentage']} %: {len(result.rows)} tarieven"
                            )[:255],
                        )
                    messages.success(
                        request, f"{len(result.rows)} tarieven voor {values['new_year']} vastgelegd."
                    )
                    context["applied"] = True
                else:
                    result = setup.index_tariffs(
                        chosen,
                        values["year"],
                        values["new_year"],
                        values["percentage"],
                        actor=user,
                        apply=False,
                    )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                context.update(result=result, chosen=chosen)
    return render(request, "inrichting/index_tariffs.html", context)


def _target(user, target: str):
    kind, _, pk = target.partition(":")
    if not pk.isdigit():
        return None
    if kind == "regio":
        return scoping.regions(user).filter(pk=int(pk)).first()
    if kind == "contract":
        return scoping.rows(user, Contract).filter(pk=int(pk)).first()
    return None
