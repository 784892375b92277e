"""What an accepted inbound message does, per message code, for the party receiving it.

Municipality side: JW305 (start), JW307 (stop), JW315 (verzoek om toewijzing), JW317
(verzoek om wijziging). Provider side: JW301 (toewijzing), JW319 (antwoord). Each handler
checks the berichtoverstijgend TR rules per record, processes the records that pass, and
returns the issues (with their retourcode and location) for the retour.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jeugdketen.ijw.report import Issue, local_name, location
from jeugdketen.levering.deadlines import close_tasks, open_task
from jeugdketen.levering.models import Start, Stop, Task
from jeugdketen.toegang import services as toegang
from jeugdketen.toegang.checks import Proposal, check_allocation, find_product, refusals, signals
from jeugdketen.toegang.models import AllocationRequest, Client, Toewijzing

from . import ijwxml
from .services import new_identification, send


@dataclass
class Result:
    issues: list[Issue] = field(default_factory=list)
    followups: list = field(default_factory=list)
    client: Client | None = None


def kids(node, name: str) -> list:
    if node is None:
        return []
    return [c for c in node if isinstance(c.tag, str) and local_name(c.tag) == name]


def kid(node, path: str):
    for name in path.split("/"):
        found = kids(node, name) if node is not None else []
        node = found[0] if found else None
    return node


def txt(node, path: str) -> str:
    found = kid(node, path)
    return (found.text or "").strip() if found is not None else ""


def date(node, path: str) -> dt.date | None:
    value = txt(node, path)
    return dt.date.fromisoformat(value) if value else None


def integer(node, path: str) -> int | None:
    value = txt(node, path)
    return int(value) if value else None


def issue(rule: str, code: str, node, text: str) -> Issue:
    return Issue(rule, code, (location(node),), text)


def client_from(node, municipality) -> Client:
    """The client with this BSN; created from the message when unknown (municipality: the sender's)."""
    bsn = txt(node, "Bsn")
    found = Client.objects.filter(bsn=bsn).first()
    if found is not None:
        return found
    return Client.objects.create(
        bsn=bsn,
        birth_date=date(node, "Geboortedatum/Datum") or dt.date(2000, 1, 1),
        gender=txt(node, "Geslacht"),
        last_name=txt(node, "Naam/Geslachtsnaam/Achternaam") or "Onbekend",
        prefix=txt(node, "Naam/Geslachtsnaam/Voorvoegsel"),
        given_name=txt(node, "Naam/Voornamen"),
        initials=txt(node, "Naam/Voorletters"),
        municipality=municipality,
    )


HOURS = {"01": 1 / 60, "04": 1, "16": 4}


def is_heavy(t: Toewijzing) -> bool:
    """Verblijf, or treatment over 50 hours: the provider sends the plan to the access team (MLO 2.9)."""
    name = (t.product.name if t.product else "").lower()
    if t.unit == "14" or "verblijf" in name:
        return True
    hours = HOURS.get(t.unit)
    return bool(hours and t.volume and t.frequency == "6" and t.volume * hours > 50)


# --- municipality side -----------------------------------------------------------------------


def jw305(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Client")
    client = Client.objects.filter(bsn=txt(node, "Bsn")).first()
    result = Result(client=client)
    for item in kids(kid(node, "StartProducten"), "StartProduct"):
        t = _toewijzing(item, municipality, provider, client)
        begin = date(item, "Begindatum")
        status = txt(item, "StatusAanlevering")
        if t is None:
            result.issues.append(issue("TR019", "9019", item, "De start hoort bij geen bekende toewijzing."))
        elif status == "1":
            starts = t.starts.count()
            if t.starts.filter(date=begin).exists():
                result.issues.append(issue("TR074", "9074", item, "Deze start is al eerder ontvangen."))
            elif starts > t.stops.count():
                result.issues.append(issue("TR326", "9326", item, "De actuele levering is nog niet gestopt."))
            else:
                Start.objects.create(toewijzing=t, date=begin, message=message)
                close_tasks(["start", "consultatie"], today, toewijzing=t)
                if starts == 0 and is_heavy(t):
                    open_task(
                        "plan-toegang",
                        begin,
                        client=t.client,
                        municipality=municipality,
                        provider=provider,
                        toewijzing=t,
                    )
        elif status == "3":
            start = t.starts.filter(date=begin).first()
            if start is None:
                result.issues.append(issue("TR063", "9063", item, "Er is geen start om te verwijderen."))
            elif t.stops.filter(date__gte=begin).exists():
                result.issues.append(
                    issue("TR071", "9071", item, "Voor deze start is al een stop verstuurd.")
                )
            else:
                start.delete()
    return result


def jw307(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Client")
    client = Client.objects.filter(bsn=txt(node, "Bsn")).first()
    result = Result(client=client)
    for item in kids(kid(node, "StopProducten"), "StopProduct"):
        t = _toewijzing(item, municipality, provider, client)
        end = date(item, "Einddatum")
        status = txt(item, "StatusAanlevering")
        if t is None or not t.starts.filter(date=date(item, "Begindatum")).exists():
            result.issues.append(
                issue("TR019", "9019", item, "De stop hoort bij geen bekende toewijzing en start.")
            )
        elif status == "1" and (temporary := _temporary_stop(t, date(item, "Begindatum"), item)) is not None:
            # A definitive stop after a temporary one (RedenBeeindiging 20) on the same start
            # replaces it: the same end date or a later one (TR414), never a second pause (TR413).
            reason = txt(item, "RedenBeeindiging")
            if reason == "20":
                result.issues.append(
                    issue("TR413", "9413", item, "Er is al een tijdelijke stop voor deze start.")
                )
            elif end < temporary.date:
                result.issues.append(
                    issue("TR414", "9414", item, "De einddatum ligt vóór die van de tijdelijke stop.")
                )
            else:
                temporary.date, temporary.reason, temporary.message = end, reason, message
                temporary.save(update_fields=["date", "reason", "message"])
        elif status == "1":
            if t.stops.filter(date=end).exists():
                result.issues.append(issue("TR074", "9074", item, "Deze stop is al eerder ontvangen."))
            else:
                Stop.objects.create(
                    toewijzing=t, date=end, reason=txt(item, "RedenBeeindiging"), message=message
                )
        elif status == "3":
            deleted, _ = t.stops.filter(date=end).delete()
            if not deleted:
                result.issues.append(issue("TR063", "9063", item, "Er is geen stop om te verwijderen."))
    return result


def _temporary_stop(t: Toewijzing, begin: dt.date | None, item) -> Stop | None:
    """The temporary stop (RedenBeeindiging 20) of the start on `begin`, when care did not resume."""
    if begin is None or t.starts.filter(date__gt=begin).exists():
        return None
    return t.stops.filter(reason="20", date__gte=begin).order_by("-date").first()


def _toewijzing(item, municipality, provider, client) -> Toewijzing | None:
    number = txt(item, "ToewijzingNummer")
    if not number or client is None:
        return None
    return Toewijzing.objects.filter(
        municipality=municipality, provider=provider, number=number, client=client
    ).first()


def _requested(item, *, kind, municipality, provider, client, message, today, reference, **extra):
    referrer = kid(item, "Verwijzer")
    return AllocationRequest.objects.create(
        kind=kind,
        reference=reference,
        municipality=municipality,
        provider=provider,
        client=client,
        product_category=txt(item, "Product/Categorie"),
        product_code=txt(item, "Product/Code"),
        begin=date(item, "ToewijzingIngangsdatum") or date(item, "GewensteIngangsdatum"),
        end=date(item, "ToewijzingEinddatum") or date(item, "Einddatum"),
        volume=integer(item, "Omvang/Volume"),
        unit=txt(item, "Omvang/Eenheid"),
        frequency=txt(item, "Omvang/Frequentie"),
        budget_cents=integer(item, "Budget"),
        referrer_code=txt(referrer, "Type") if referrer is not None else "",
        referrer_agb=txt(referrer, "ZorgverlenerCode") if referrer is not None else "",
        referrer_name=txt(referrer, "Naam") if referrer is not None else "",
        received_on=today,
        message=message,
        **extra,
    )


def jw315(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Client")
    client = client_from(node, municipality)
    result = Result(client=client)
    requests = []
    for item in kids(kid(node, "AangevraagdeProducten"), "AangevraagdProduct"):
        reference = txt(item, "ReferentieAanbieder")
        if AllocationRequest.objects.filter(provider=provider, reference=reference).exists():
            result.issues.append(issue("TR347", "9347", item, "ReferentieAanbieder is niet uniek."))
            continue
        request = _requested(
            item,
            kind="JW315",
            municipality=municipality,
            provider=provider,
            client=client,
            message=message,
            today=today,
            reference=reference,
        )
        product = find_product(municipality, request.product_category, request.product_code)
        kind = "jw301-dyslexie" if toegang.is_dyslexia(product) else "jw301-verzoek"
        open_task(kind, today, client=client, municipality=municipality, provider=provider, request=request)
        requests.append(request)
    close_tasks(["jw315-huisarts", "jw315-gi"], today, client=client)
    result.followups.extend(lambda r=r: decide(r, today=today) for r in requests)
    return result


def needs_completion(client: Client) -> bool:
    """A client registered from a JW315 has no address yet; a JW301 needs one (TR006/CD034)."""
    return not (client.postcode and client.house_number)


def decide(request: AllocationRequest, *, today: dt.date) -> list:
    """Answers one JW315 record: a JW301 when every check passes, else a JW319 naming the rule.

    A client the municipality does not know yet (registered from the JW315, without an
    address) gets a JW319 "aanvraag in onderzoek" (WJ760 code 2) and a task for the access
    team to complete the client; :func:`jeugdketen.toegang.services.complete_client` then
    decides the request again.
    """
    client, municipality = request.client, request.municipality
    if client.municipality_id == municipality.pk and needs_completion(client):
        return investigate(request, today=today)
    if client.municipality_id != municipality.pk:
        return refuse(
            request,
            reason="8",
            rule="WOONPLAATSBEGINSEL",
            right=client.municipality,
            today=today,
            text=f"Woonplaatsbeginsel: {client.municipality.name} is verantwoordelijk.",
        )
    product = find_product(municipality, request.product_category, request.product_code)
    findings = check_allocation(
        Proposal(
            municipality=municipality,
            client=client,
            provider=request.provider,
            product=product,
            begin=request.begin,
            end=request.end,
            referrer_code=request.referrer_code,
            referrer_agb=request.referrer_agb,
            requested_by_provider=True,
            volume=request.volume,
            frequency=request.frequency or (product.frequency_code if product else ""),
            unit=request.unit or "",
        )
    )
    if refusals(findings):
        first = refusals(findings)[0]
        return refuse(request, reason=first.refusal_reason, rule=first.rule, text=first.text, today=today)
    # A rule that only signals does not refuse the provider's request: nobody is there to weigh
    # it, so the signal is kept with the toewijzing and shows in monitoring (toegang.Signaal).
    auto = "Toegewezen op verzoek van de aanbieder (JW315), zonder beoordeling door de toegang."
    toewijzing = toegang.allocate(
        municipality=municipality,
        client=client,
        provider=request.provider,
        product=product,
        begin=request.begin,
        end=request.end,
        volume=request.volume,
        unit=request.unit or None,
        frequency=request.frequency or None,
        budget_cents=request.budget_cents,
        referrer_code=request.referrer_code,
        request_reference=request.reference,
        reasons={finding.rule: auto for finding in signals(findings)},
        automatic=True,
        today=today,
        send=False,
    )
    request.status = AllocationRequest.Status.TOEGEWEZEN
    request.toewijzing = toewijzing
    request.save(update_fields=["status", "toewijzing"])
    return [toegang.send_jw301(toewijzing, today=today, extra=[toewijzing])]


def investigate(request: AllocationRequest, *, today: dt.date) -> list:
    """JW319 with VerzoekAntwoord 2 (aanvraag in onderzoek) and a task to complete the client."""
    request.status = AllocationRequest.Status.IN_ONDERZOEK
    request.refusal_reason, request.refusal_rule = "", "CLIENT-ONBEKEND"
    request.refusal_text = "Cliënt is bij de gemeente nog niet bekend: het adres ontbreekt."
    request.save(update_fields=["status", "refusal_reason", "refusal_rule", "refusal_text"])
    close_tasks(toegang.JW301_TASKS, today, request=request)
    if not Task.objects.filter(kind="client-aanvullen", client=request.client, done_on=None).exists():
        open_task(
            "client-aanvullen",
            today,
            client=request.client,
            municipality=request.municipality,
            provider=request.provider,
            request=request,
        )
    return _answer(request, answer="2", today=today)


def _answer(request, *, answer: str, today: dt.date, reason: str = "", right=None) -> list:
    identification = new_identification()
    root = ijwxml.jw319(
        reference=request.reference,
        answer=answer,
        reason=reason,
        right_municipality=right.cbs_code if right else "",
        sender=request.municipality.cbs_code,
        receiver=request.provider.agb_code,
        identification=identification,
        dagtekening=today,
    )
    return [
        send(
            "JW319",
            root,
            municipality=request.municipality,
            provider=request.provider,
            client=request.client,
            in_reply_to=request.message,
            identification=identification,
            dagtekening=today,
        )
    ]


def refuse(request, *, reason: str, rule: str, text: str, today: dt.date, right=None) -> list:
    request.status = AllocationRequest.Status.AFGEWEZEN
    request.refusal_reason, request.refusal_rule, request.refusal_text = reason, rule, text[:255]
    request.right_municipality = right
    request.save()
    close_tasks([*toegang.JW301_TASKS, "client-aanvullen"], today, request=request)
    return _answer(request, answer="1", reason=reason, right=right, today=today)


def jw317(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Client")
    client = Client.objects.filter(bsn=txt(node, "Bsn")).first()
    result = Result(client=client)
    verzoek = kid(node, "Verzoek")
    reference = txt(verzoek, "ReferentieAanbieder")
    if client is None:
        result.issues.append(issue("TR304", "8187", node, "Deze cliënt is bij de gemeente niet bekend."))
        return result
    if AllocationRequest.objects.filter(provider=provider, reference=reference).exists():
        result.issues.append(issue("TR347", "9347", verzoek, "ReferentieAanbieder is niet uniek."))
        return result
    actual = {t.number: t for t in toegang.current(client, provider, municipality, today)}
    mentioned = set()
    changes = []
    for item in kids(kid(verzoek, "OngewijzigdeProducten"), "OngewijzigdProduct"):
        number = txt(item, "ToewijzingNummer")
        mentioned.add(number)
        if number not in actual:
            result.issues.append(issue("TR350", "9350", item, "Geen actuele toewijzing met dit nummer."))
    for item in kids(kid(verzoek, "TeWijzigenProducten"), "TeWijzigenProduct"):
        number = txt(item, "ToewijzingNummer")
        mentioned.add(number)
        if number not in actual:
            result.issues.append(issue("TR351", "9351", item, "Geen actuele toewijzing met dit nummer."))
        else:
            changes.append((item, actual[number]))
    if set(actual) - mentioned:
        missing = ", ".join(sorted(set(actual) - mentioned))
        result.issues.append(
            issue("TR349", "9349", verzoek, f"Niet alle actuele toewijzingen staan erin: {missing}.")
        )
    if result.issues:
        return result
    verzocht = {
        "kind": "JW317",
        "municipality": municipality,
        "provider": provider,
        "client": client,
        "message": message,
        "today": today,
        "reference": reference,
        "reason": txt(verzoek, "RedenVerzoek"),
    }
    requests = [_requested(item, change_of=t, **verzocht) for item, t in changes]
    requests += [
        _requested(item, **verzocht) for item in kids(kid(verzoek, "NieuweProducten"), "NieuwProduct")
    ]
    for request in requests:
        open_task(
            "jw301-verzoek",
            today,
            client=client,
            municipality=municipality,
            provider=provider,
            request=request,
        )
    if requests:
        result.followups.append(lambda: decide_change(requests, today=today))
    return result


def decide_change(requests: list[AllocationRequest], *, today: dt.date) -> list:
    """Answers a JW317 as a whole: one JW301 with the changed and new toewijzingen, or a JW319."""
    first = requests[0]
    proposals = []
    for request in requests:
        product = (
            request.change_of.product
            if request.change_of
            else find_product(request.municipality, request.product_category, request.product_code)
        )
        proposal = Proposal(
            municipality=request.municipality,
            client=request.client,
            provider=request.provider,
            product=product,
            begin=request.begin,
            end=request.end,
            replaces=request.change_of,
            requested_by_provider=True,
            volume=request.volume,
            frequency=request.frequency or (product.frequency_code if product else ""),
            unit=request.unit or "",
        )
        judged = check_allocation(proposal)
        findings = [f for f in refusals(judged) if not (request.change_of and f.rule == "VERWIJZER")]
        if findings:
            produced = refuse(
                first,
                reason=findings[0].refusal_reason,
                rule=findings[0].rule,
                text=findings[0].text,
                today=today,
            )
            AllocationRequest.objects.filter(pk__in=[r.pk for r in requests]).update(
                status=AllocationRequest.Status.AFGEWEZEN, refusal_rule=findings[0].rule
            )
            return produced
        proposals.append((request, product, signals(judged)))
    changed = []
    auto = "Toegewezen op verzoek van de aanbieder (JW317), zonder beoordeling door de toegang."
    for request, product, signalled in proposals:
        if request.change_of is not None:
            t = request.change_of
            t.end = request.end or t.end
            t.volume = request.volume if request.volume is not None else t.volume
            t.reden_wijziging, t.status, t.toewijzing_date = "12", Toewijzing.Status.GEWIJZIGD, today
            t.request_reference = request.reference
            t.save()
        else:
            t = toegang.allocate(
                municipality=request.municipality,
                client=request.client,
                provider=request.provider,
                product=product,
                begin=request.begin,
                end=request.end,
                volume=request.volume,
                unit=request.unit or None,
                frequency=request.frequency or None,
                budget_cents=request.budget_cents,
                request_reference=request.reference,
                reasons={finding.rule: auto for finding in signalled},
                automatic=True,
                today=today,
                send=False,
            )
        request.status, request.toewijzing = AllocationRequest.Status.TOEGEWEZEN, t
        request.save(update_fields=["status", "toewijzing"])
        changed.append(t)
    close_tasks("jw301-verzoek", today, client=first.client)
    return [toegang.send_jw301(changed[0], today=today, extra=changed)]


# --- provider side -------------------------------------------------------------------------


def jw301(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Client")
    client = client_from(node, municipality)
    result = Result(client=client)
    for item in kids(kid(node, "ToegewezenProducten"), "ToegewezenProduct"):
        number = txt(item, "ToewijzingNummer")
        existing = Toewijzing.objects.filter(municipality=municipality, number=number).first()
        if existing is not None and (existing.provider_id != provider.pk or existing.client_id != client.pk):
            result.issues.append(issue("TR332", "9332", item, "Dit ToewijzingNummer is al gebruikt."))
            continue
        begin, end = date(item, "Ingangsdatum"), date(item, "Einddatum")
        reden = txt(item, "RedenWijziging")
        category, code = txt(item, "Product/Categorie"), txt(item, "Product/Code")
        status = Toewijzing.Status.ACTIEF
        if reden:
            status = Toewijzing.Status.GEWIJZIGD
        if end is not None and (end < begin or (reden and end <= today and reden != "04")):
            status = Toewijzing.Status.INGETROKKEN
        if (
            existing is not None
            and existing.status in (Toewijzing.Status.INGETROKKEN, Toewijzing.Status.BEEINDIGD)
            and (existing.end, existing.reden_wijziging) == (end, reden)
        ):
            # One database for both parties: the municipality's own word on this version stands.
            status = existing.status
        t, created = Toewijzing.objects.update_or_create(
            municipality=municipality,
            number=number,
            defaults={
                "client": client,
                "provider": provider,
                "product": find_product(municipality, category, code),
                "product_category": category,
                "product_code": code,
                "begin": begin,
                "end": end,
                "volume": integer(item, "Omvang/Volume"),
                "unit": txt(item, "Omvang/Eenheid"),
                "frequency": txt(item, "Omvang/Frequentie"),
                "budget_cents": integer(item, "Budget"),
                "toewijzing_date": date(item, "Toewijzingsdatum"),
                "reden_wijziging": reden,
                "status": status,
                "request_reference": txt(item, "ReferentieAanbieder"),
                "comment": txt(item, "Commentaar")[:200],
            },
        )
        if t.request_reference:
            AllocationRequest.objects.filter(provider=provider, reference=t.request_reference).update(
                status=AllocationRequest.Status.TOEGEWEZEN, toewijzing=t
            )
        if (
            status != Toewijzing.Status.INGETROKKEN
            and not t.starts.exists()
            and not Task.objects.filter(kind="start", toewijzing=t).exists()
        ):
            open_task(
                "start",
                t.toewijzing_date or today,
                client=client,
                municipality=municipality,
                provider=provider,
                toewijzing=t,
            )
    return result


def jw319(document, message, *, municipality, provider, today) -> Result:
    node = kid(document.root, "Antwoord")
    reference = txt(node, "ReferentieAanbieder")
    requests = AllocationRequest.objects.filter(provider=provider, reference=reference)
    result = Result(client=requests[0].client if requests else None)
    if not requests:
        result.issues.append(
            issue("TR355", "9355", node, "Geen eerder verzoek met deze ReferentieAanbieder.")
        )
        return result
    answer = txt(node, "VerzoekAntwoord")
    right = txt(node, "Woonplaatsbeginsel/Gemeente")
    from .services import party

    requests.update(
        status=AllocationRequest.Status.AFGEWEZEN if answer == "1" else AllocationRequest.Status.IN_ONDERZOEK,
        refusal_reason=txt(node, "RedenAfwijzingVerzoek"),
        right_municipality=party(right, create=True) if right else None,
    )
    return result


HANDLERS = {"JW301": jw301, "JW305": jw305, "JW307": jw307, "JW315": jw315, "JW317": jw317, "JW319": jw319}
