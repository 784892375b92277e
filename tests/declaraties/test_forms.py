"""The controller pays and corrects obligations; the provider uploads a JW323 and sees what to do."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from jeugdketen.accounts.models import Role, User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.declaraties import ledger
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Betaalverplichting, Betaling

from .conftest import YEAR


def _controller(world, name="controller"):
    user = User.objects.create_user(name, password="x", role=Role.CONTRACT)
    user.municipalities.add(world.municipality)
    return user


def _obligations(world):
    tw = world.toewijzing()
    lines = [world.line(tw, month=1), world.line(tw, month=2)]
    process_jw323(world.jw323(lines), received_on=dt.date(YEAR, 3, 5))
    return list(Betaalverplichting.objects.order_by("month"))


def test_the_controller_pays_chosen_obligations(world, client):
    first, second = _obligations(world)
    client.force_login(_controller(world))
    page = client.get(reverse("declaraties:pay")).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and f'for="verplichting-{first.pk}"' in page
    response = client.post(
        reverse("declaraties:pay"),
        {"verplichtingen": [first.pk], "betaaldatum": "2025-04-01", "kenmerk": "B1"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.paid_on == dt.date(YEAR, 4, 1) and first.open_cents == 0 and second.open_cents > 0
    assert AuditEntry.objects.filter(object_type="declaraties.Betaling", action="create").count() == 1
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []


def test_the_controller_pays_everything_due_by_a_date(world, client):
    _obligations(world)
    client.force_login(_controller(world))
    nothing = client.post(
        reverse("declaraties:pay"), {"vervallen_tot": "2025-01-01", "betaaldatum": "2025-04-01"}
    )
    assert nothing.status_code == 400 and Betaling.objects.count() == 0
    empty = client.post(reverse("declaraties:pay"), {"betaaldatum": "2025-04-01"})
    assert empty.status_code == 400 and "Kies verplichtingen" in empty.content.decode()
    response = client.post(
        reverse("declaraties:pay"), {"vervallen_tot": "2025-12-31", "betaaldatum": "2025-04-02"}
    )
    assert response.status_code == 302
    assert not Betaalverplichting.objects.exclude(paid_on=dt.date(YEAR, 4, 2)).exists()
    assert Betaling.objects.count() == 1 and ledger.open_mismatches() == []


def test_the_controller_records_a_correction(world, client):
    first, _second = _obligations(world)
    before = first.amount_cents
    client.force_login(_controller(world))
    url = reverse("declaraties:correct", args=[first.pk])
    page = client.get(url).content.decode()
    assert '<label for="id_bedrag">' in page and '<label for="id_reden">' in page
    zero = client.post(url, {"bedrag": "0", "reden": "niets", "datum": "2025-04-01"})
    assert zero.status_code == 400
    response = client.post(url, {"bedrag": "-12,50", "reden": "Dubbel gedeclareerd", "datum": "2025-04-01"})
    if response.status_code == 400:  # locale without a decimal comma
        response = client.post(
            url, {"bedrag": "-12.50", "reden": "Dubbel gedeclareerd", "datum": "2025-04-01"}
        )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.amount_cents == before - 1250
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
    entry = AuditEntry.objects.get(object_type="declaraties.Betaalverplichting")
    assert entry.action == "update" and "Dubbel gedeclareerd" in entry.detail


def test_paying_needs_the_judge_permission_and_the_own_municipality(world, client):
    first, _second = _obligations(world)
    provider_user = User.objects.create_user(
        "aanbieder", password="x", role=Role.AANBIEDER, provider=world.provider
    )
    client.force_login(provider_user)
    assert client.get(reverse("declaraties:pay")).status_code == 403
    from jeugdketen.catalogus.models import Municipality

    stranger = User.objects.create_user("vreemde", password="x", role=Role.CONTRACT)
    stranger.municipalities.add(Municipality.objects.create(cbs_code="0363", name="Amsterdam"))
    client.force_login(stranger)
    assert client.get(reverse("declaraties:correct", args=[first.pk])).status_code == 404
    assert (
        client.post(
            reverse("declaraties:pay"), {"verplichtingen": [first.pk], "betaaldatum": "2025-04-01"}
        ).status_code
        == 400
    )
    first.refresh_from_db()
    assert first.paid_on is None


def test_forms_refuse_a_post_without_csrf_token(world):
    first, _second = _obligations(world)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(_controller(world))
    response = browser.post(
        reverse("declaraties:pay"), {"verplichtingen": [first.pk], "betaaldatum": "2025-04-01"}
    )
    assert response.status_code == 403
    first.refresh_from_db()
    assert first.paid_on is None


def test_the_provider_uploads_a_jw323_and_sees_what_to_do(world, client, monkeypatch):
    from jeugdketen.declaraties import views

    world.under_midden_limburg()  # its vervaltermijn refuses the late line

    monkeypatch.setattr(views, "today", lambda: dt.date(YEAR, 12, 6))
    tw = world.toewijzing()
    earlier = world.line(tw, month=1)
    process_jw323(world.jw323([earlier]), received_on=dt.date(YEAR, 2, 5))
    twice, wrong_tariff = world.line(tw, month=1), world.line(tw, month=2, amount_cents=1)
    good = world.line(tw, month=3)
    late_tw = world.toewijzing(begin=dt.date(YEAR - 1, 1, 1), start=dt.date(YEAR - 1, 1, 2))
    user = User.objects.create_user("aanbieder", password="x", role=Role.AANBIEDER, provider=world.provider)
    client.force_login(user)
    assert "Declaratie (JW323) indienen" in client.get(reverse("declaraties:list")).content.decode()
    assert client.get(reverse("declaraties:upload")).status_code == 200
    # A line from two years back is past the vervaltermijn: to drop, not to bill again.
    late = world.line(late_tw, month=1, year=YEAR - 1)
    data = world.jw323([twice, wrong_tariff, good, late])
    response = client.post(
        reverse("declaraties:upload"), {"bestand": SimpleUploadedFile("jw323.xml", data, "application/xml")}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "goedgekeurd" in page and "JW325" in page and "door uw administratie verwerkt" in page
    section = page[page.index('id="uitkomst"') : page.index("</section>")]
    rows = {
        ref: section[section.index(ref) :].split("</tr>")[0]
        for ref in (twice.reference, wrong_tariff.reference, late.reference)
    }
    assert "crediteren" in rows[twice.reference] and "9389" in rows[twice.reference]
    assert "corrigeren" in rows[wrong_tariff.reference]
    assert "vervallen" in rows[late.reference] and "9319" in rows[late.reference]
    assert good.reference not in section
    assert AuditEntry.objects.filter(action="message").count() == 1


def test_an_upload_with_another_sender_or_no_xml_is_refused(world, client):
    from jeugdketen.berichten.models import Message

    tw = world.toewijzing()
    other = User.objects.create_user(
        "ander", password="x", role=Role.AANBIEDER, provider=world.other_provider
    )
    client.force_login(other)
    data = world.jw323([world.line(tw)])
    response = client.post(reverse("declaraties:upload"), {"bestand": SimpleUploadedFile("a.xml", data)})
    assert response.status_code == 400 and "niet de AGB-code" in response.content.decode()
    junk = client.post(reverse("declaraties:upload"), {"bestand": SimpleUploadedFile("a.xml", b"geen xml")})
    assert junk.status_code == 400 and "geen leesbaar" in junk.content.decode()
    assert Message.objects.count() == 0
