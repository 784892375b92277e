"""Dutch screens: the declarations with totals and reasons, each line with its rule, open to pay;
the controller pays and corrects obligations; the provider uploads a JW323 and sees what to do."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import get_scoped_or_404, has_perm, provider_id, requires, scope
from jeugdketen.audit.log import Action, record, route_of
from jeugdketen.catalogus.models import Provider
from jeugdketen.ijw.codes import WJ001
from jeugdketen.ijw.xml import IjwXmlError

from . import ledger
from .forms import CorrectionForm, PayForm, UploadForm
from .models import Betaalverplichting, Declaratie, Intake, Prestatie
from .provider import advice
from .rules import RULES
from .templatetags.euro import euro

OPEN_ROWS_SHOWN = 200


def today() -> dt.date:
    """The day of receipt (a function, so tests can fix it)."""
    return dt.date.today()


@requires("declaratie.view")
def declaration_list(request):
    declaraties = scope(request.user, Declaratie.objects.select_related("provider", "municipality"))
    ids = declaraties.values("pk")
    totals = Declaratie.objects.filter(pk__in=ids).aggregate(
        submitted=Sum("total_submitted_cents"), accepted=Sum("total_accepted_cents")
    )
    reasons = (
        Prestatie.objects.filter(declaratie__in=ids, accepted=False)
        .values("retourcodes")
        .annotate(n=Count("id"), cents=Sum("amount_cents"))
        .order_by("-n")[:20]
    )
    reasons = [
        {**r, "meaning": "; ".join(WJ001.meaning(c) for c in r["retourcodes"].split(","))} for r in reasons
    ]
    page = Paginator(declaraties, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "declaraties/list.html",
        {
            "page": page, "totals": totals, "reasons": reasons,
            "can_submit": has_perm(request.user, "declaratie.submit"),
            "can_pay": has_perm(request.user, "declaratie.judge"),
        },
    )  # fmt: skip


@requires("declaratie.view", model="declaraties.Declaratie")
def declaration_detail(request, pk: int):
    declaratie = get_scoped_or_404(
        request.user, Declaratie.objects.select_related("provider", "municipality"), pk=pk
    )
    lines = declaratie.prestaties.order_by("position")
    if request.GET.get("afgewezen"):
        lines = lines.filter(accepted=False)
    page = Paginator(lines, 100).get_page(request.GET.get("pagina"))
    for line in page:
        line.advice = "" if line.accepted else advice(line.retourcodes.split(","))
    return render(
        request,
        "declaraties/detail.html",
        {"declaratie": declaratie, "page": page, "only_rejected": bool(request.GET.get("afgewezen"))},
    )


@requires("declaratie.view", model="declaraties.Prestatie")
def line_detail(request, pk: int):
    prestatie = get_scoped_or_404(
        request.user, Prestatie.objects.select_related("declaratie", "toewijzing"), pk=pk
    )
    findings = [
        {
            **f,
            "title": RULES[f["rule"]].title if f["rule"] in RULES else "",
            "meaning": WJ001.meaning(f["retourcode"]),
        }
        for f in prestatie.findings or []
    ]
    what_to_do = "" if prestatie.accepted else advice(prestatie.retourcodes.split(","))
    return render(
        request, "declaraties/line.html", {"p": prestatie, "findings": findings, "advice": what_to_do}
    )


@requires("declaratie.view")
def open_to_pay(request):
    obligations = scope(request.user, Betaalverplichting.objects.all()).exclude(amount_cents=F("paid_cents"))
    by_due = (
        Betaalverplichting.objects.filter(pk__in=obligations.values("pk"))
        .values("due", "provider__name", "municipality__name")
        .annotate(open=Sum(F("amount_cents") - F("paid_cents")), n=Count("id"))
        .order_by("due", "provider__name")
    )
    total = sum(row["open"] for row in by_due)
    return render(
        request,
        "declaraties/open.html",
        {"rows": by_due, "total": total, "can_pay": has_perm(request.user, "declaratie.judge")},
    )


def _open_obligations(user):
    return (
        scope(user, Betaalverplichting.objects.all())
        .exclude(amount_cents=F("paid_cents"))
        .select_related("provider", "municipality", "declaratie")
        .order_by("due", "id")
    )


@requires("declaratie.judge", methods=("GET", "POST"))
def pay(request):
    """Pay chosen open obligations, or all due by a date: one payment per municipality and provider."""
    obligations = _open_obligations(request.user)
    form = PayForm(request.POST or None, obligations=obligations)
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        if not chosen:
            form.add_error("vervallen_tot", "Er is niets open met deze vervaldatum of eerder.")
        else:
            data = form.cleaned_data
            payments = ledger.pay(chosen, on=data["betaaldatum"], reference=data["kenmerk"])
            for payment in payments:
                record(
                    user=request.user, action=Action.CREATE, obj=payment, route=route_of(request),
                    detail=f"betaling {euro(payment.amount_cents)} aan {payment.provider_id} "
                    f"({len(chosen)} verplichtingen)",
                )  # fmt: skip
            total = sum(payment.amount_cents for payment in payments)
            flash.success(request, f"{len(payments)} betaling(en) geboekt, samen {euro(total)}.")
            return redirect("declaraties:pay")
    rows = list(obligations[:OPEN_ROWS_SHOWN])
    count = obligations.count()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "declaraties/pay.html",
        {"form": form, "rows": rows, "count": count, "shown": len(rows)},
        status=status,
    )


@requires("declaratie.judge", model="declaraties.Betaalverplichting", methods=("GET", "POST"))
def correct(request, pk: int):
    """A controller's correction of what is owed on one obligation, booked in the ledger."""
    obligation = get_scoped_or_404(
        request.user,
        Betaalverplichting.objects.select_related("provider", "municipality", "declaratie"),
        pk=pk,
    )
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ledger.correct(obligation, form.cents(), reason=data["reden"], on=data["datum"])
        record(
            user=request.user, action=Action.UPDATE, obj=obligation, route=route_of(request),
            detail=f"correctie {euro(form.cents())}: {data['reden']}",
        )  # fmt: skip
        flash.success(request, f"Correctie van {euro(form.cents())} geboekt.")
        return redirect("declaraties:pay")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "declaraties/correct.html", {"form": form, "obligation": obligation}, status=status
    )


@requires("declaratie.submit", methods=("GET", "POST"))
def upload(request):
    """The provider sends a JW323 from its own system: judged at once, answered with a JW325; a large
    one (above ``JEUGDKETEN_INTAKE_AT_ONCE_LINES``) goes to a worker and its progress page."""
    from jeugdketen.berichten.services import deliver, process, read_header
    from jeugdketen.ijw.xml import parse

    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["bestand"].read()
        own = provider_id(request.user)
        try:
            header = read_header(parse(data))
        except (IjwXmlError, StopIteration):
            form.add_error("bestand", "Dit is geen leesbaar iJw-bericht.")
            header = None
        if header is not None and header.code != "JW323":
            form.add_error("bestand", f"Dit is een {header.code}, geen declaratie (JW323).")
        elif header is not None and not Provider.objects.filter(pk=own, agb_code=header.sender).exists():
            form.add_error("bestand", f"De afzender {header.sender} is niet de AGB-code van uw organisatie.")
        if form.errors:
            return render(request, "declaraties/upload.html", context, status=400)
        queued = _take_in_large(data, header)
        if queued is not None:
            record(
                user=request.user, action=Action.MESSAGE, obj=queued, route=route_of(request),
                detail=f"JW323 {queued.identification} in de wachtrij ({queued.lines_total} prestaties)",
            )  # fmt: skip
            return redirect("declaraties:intake", public_id=queued.public_id)
        outcome = process(data, today=today())
        answer = outcome.produced[0] if outcome.produced else None
        received = deliver(answer, today=today()) if answer is not None else None
        declaratie = Declaratie.objects.filter(message=outcome.message).first()
        record(
            user=request.user, action=Action.MESSAGE, obj=outcome.message, route=route_of(request),
            detail=f"JW323 {'geaccepteerd' if outcome.accepted else 'afgekeurd'}",
        )  # fmt: skip
        rejected = []
        if declaratie is not None:
            rejected = list(declaratie.prestaties.filter(accepted=False).order_by("position")[:500])
            for line in rejected:
                line.advice = advice(line.retourcodes.split(","))
        context.update(
            outcome=outcome, declaratie=declaratie, answer=answer, received=received, rejected=rejected,
            errors=outcome.errors[:50],
        )  # fmt: skip
        form = UploadForm()
        context["form"] = form
    return render(request, "declaraties/upload.html", context, status=status)


def _take_in_large(data: bytes, header):
    """A JW323 above the threshold goes to a worker (unless it was received before: then the
    message exchange answers it at once as a duplicate); returns its intake, or None."""
    from jeugdketen.berichten.models import Message
    from jeugdketen.ijw.xml import parse

    from .background import in_background, take_in

    document = parse(data)
    if not in_background(document):
        return None
    if Message.objects.filter(
        direction=Message.Direction.IN,
        code="JW323",
        sender=header.sender,
        identification=header.identification,
    ).exists():
        return None
    return take_in(document, data, today=today())[0]


@requires("declaratie.submit", model="declaraties.Intake", url_kwarg="public_id")
def intake_status(request, public_id):
    """A large JW323 on its way: lines judged of the total, refreshed until its JW325 is ready."""
    from .background import lines_judged

    # Refreshed every two seconds: the message's XML (tens of MB for a large JW323) stays in the database.
    intakes = Intake.objects.select_related("message").defer("xml", "message__xml")
    queued = get_scoped_or_404(request.user, intakes, public_id=public_id)
    declaratie = (
        Declaratie.objects.select_related("answer")
        .defer("answer__xml")
        .filter(message_id=queued.message_id)
        .first()
        if queued.message_id
        else None
    )
    answer = declaratie.answer if declaratie is not None else None
    judged = lines_judged(queued)
    response = render(
        request,
        "declaraties/intake.html",
        {
            "intake": queued, "judged": judged, "declaratie": declaratie, "answer": answer,
            "percent": round(100 * judged / queued.lines_total) if queued.lines_total else 100,
        },
    )  # fmt: skip
    if not queued.done:
        response["Refresh"] = "2"  # the browser asks again in two seconds; no script needed
        response["Cache-Control"] = "no-store"
    return response
