"""A signal is advice, not a refusal: the worker goes on with a recorded reason, and monitoring
shows it. Here the Groningen dyslexia rule (EED past 12 on the book's conditions)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.accounts.models import Role, User
from jeugdketen.monitoring.figures import compute
from jeugdketen.toegang.checks import AllocationRefused
from jeugdketen.toegang.models import Signaal, Toewijzing
from jeugdketen.toegang.services import allocate, register_referral

TODAY = dt.date(2026, 3, 2)
EED = "Ernstige Enkelvoudige Dyslexie (EED)"


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016", agb="87654321")


def _allocate(world, client, **extra):
    return allocate(
        municipality=world.gemeente,
        client=client,
        provider=world.provider,
        product=world.product(EED),
        begin=TODAY,
        end=TODAY + dt.timedelta(days=300),
        today=TODAY,
        send=False,
        **extra,
    )


def test_a_signal_without_a_reason_stops_the_allocation_and_names_the_rule(groningen):
    client = groningen.client(born(13, on=TODAY))
    with pytest.raises(AllocationRefused) as refused:
        _allocate(groningen, client)
    assert refused.value.only_signals
    assert [f.rule for f in refused.value.findings] == ["LEEFTIJD-EED"]
    with pytest.raises(AllocationRefused):
        _allocate(groningen, client, reasons={"LEEFTIJD-EED": "   "})
    assert not Toewijzing.objects.exists()


def test_a_signal_with_a_reason_allocates_and_keeps_the_reason(groningen):
    client = groningen.client(born(13, on=TODAY))
    t = _allocate(
        groningen, client, reasons={"LEEFTIJD-EED": "Toegewezen in groep 8, school en ouders akkoord."}
    )
    signal = Signaal.objects.get(toewijzing=t)
    assert (signal.rule, signal.region, signal.automatic) == ("LEEFTIJD-EED", "groningen-2016", False)
    assert signal.reason.startswith("Toegewezen in groep 8")


def test_a_refusal_is_not_lifted_by_a_reason(groningen):
    client = groningen.client(born(6, on=TODAY))  # too young: LEEFTIJD refuses
    with pytest.raises(AllocationRefused) as refused:
        _allocate(groningen, client, reasons={"LEEFTIJD": "toch graag"})
    assert not refused.value.only_signals and [f.rule for f in refused.value.findings] == ["LEEFTIJD"]


def test_the_access_worker_gives_the_reason_on_screen_and_monitoring_counts_it(groningen, client):
    person = groningen.client(born(13, on=TODAY))
    referral = register_referral(client=person, municipality=groningen.gemeente, route="toegang", date=TODAY)
    worker = User.objects.create(username="tm-gron", role=Role.TOEGANG)
    worker.municipalities.add(groningen.gemeente)
    client.force_login(worker)
    url = f"/toegang/verwijzingen/{referral.pk}/toewijzen/"
    form = {
        "provider": groningen.provider.pk,
        "product": groningen.product(EED).pk,
        "begin": TODAY.isoformat(),
        "end": (TODAY + dt.timedelta(days=300)).isoformat(),
    }
    asked = client.post(url, form)
    html = asked.content.decode()
    assert asked.status_code == 422 and 'id="signalen"' in html and 'name="reden-LEEFTIJD-EED"' in html
    assert 'id="weigering"' not in html
    done = client.post(url, {**form, "reden-LEEFTIJD-EED": "Basisschool, convenant gevolgd."})
    assert done.status_code == 302
    signal = Signaal.objects.get()
    assert signal.recorded_by == worker and signal.reason == "Basisschool, convenant gevolgd."

    other = groningen.client(born(13, on=TODAY))
    t = _allocate(groningen, other, reasons={"LEEFTIJD-EED": "verzoek aanbieder"}, automatic=True)
    Signaal.objects.filter(toewijzing=t).update(recorded_on=signal.recorded_on)  # the same year
    today = max(dt.date.today(), TODAY)  # the screen records the signal on the real date
    report = compute("signals", None, today=today, year=today.year)
    (row,) = report.tables[0].rows
    assert (row["rule"], row["signals"], row["by_worker"], row["automatic"]) == ("LEEFTIJD-EED", 2, 1, 1)
    assert report.summary["signals"] == 2
    assert {r["reason"] for r in report.tables[1].rows} == {
        "Basisschool, convenant gevolgd.",
        "verzoek aanbieder",
    }
