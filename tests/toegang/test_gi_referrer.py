"""Groningen: a GI refers only within a court measure (003, 5025-5027; 114-118). A referral by a GI
(COD327 04) for a client without a running measure (jeugdreclassering or jeugdbescherming, JZ020
47 or 48) on the day of the referral signals VERWIJZER-GI: the measure may be known outside this
chain, so the worker goes on with a recorded reason, and monitoring counts it. Both sides of the
edge: the measure that runs up to and including the referral day, and one that ended the day before."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born, toewijzing

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Product
from jeugdketen.monitoring.figures import compute
from jeugdketen.toegang import checks
from jeugdketen.toegang.beside import check_gi_within_measure
from jeugdketen.toegang.models import Signaal
from jeugdketen.toegang.services import register_referral

DAY = dt.timedelta(days=1)
REFERRED = dt.date(2026, 3, 2)
BEGIN = REFERRED + DAY * 14
AMBULANT = "45A04"


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016", agb="87654322")


def _product(world, code):
    return Product.objects.get(region=world.region, code=code)


def _client(world, measure=None, end=None):
    client = world.client(born(14, on=BEGIN))
    if measure:
        toewijzing(world, client, _product(world, measure), REFERRED - DAY * 200, end)
    return client


def _proposal(world, client, *, referrer="04", code=AMBULANT):
    return world.proposal(
        _product(world, code), client, BEGIN, BEGIN + DAY * 90, referrer_code=referrer, referral_date=REFERRED
    )


def test_a_gi_referral_on_the_last_day_of_the_measure_gives_no_signal(groningen):
    for measure in ("48A01", "48A03", "47A01"):
        client = _client(groningen, measure, end=REFERRED)
        assert check_gi_within_measure(_proposal(groningen, client)) == [], measure
    # the measure ends before the care begins: the referral was made within it
    assert BEGIN > REFERRED


def test_a_gi_referral_the_day_after_the_measure_ended_signals(groningen):
    client = _client(groningen, "48A01", end=REFERRED - DAY)
    findings = checks.check_allocation(_proposal(groningen, client))
    (finding,) = [f for f in findings if f.rule == "VERWIJZER-GI"]
    assert finding.is_signal and "rechterlijke maatregel" in finding.text and "02-03-2026" in finding.text
    assert checks.refusals(findings) == []
    no_measure = _client(groningen)
    assert [f.rule for f in check_gi_within_measure(_proposal(groningen, no_measure))] == ["VERWIJZER-GI"]


def test_another_referrer_without_a_measure_gives_no_signal(groningen):
    client = _client(groningen)
    for referrer in ("01", "02", "03", "05", "08", ""):
        assert check_gi_within_measure(_proposal(groningen, client, referrer=referrer)) == [], referrer


def test_the_toewijzing_of_the_measure_itself_gives_no_signal(groningen):
    client = _client(groningen)
    assert check_gi_within_measure(_proposal(groningen, client, code="48A02")) == []
    # preventive jeugdbescherming (49) is no measure: a GI referring to it is outside one
    assert [f.rule for f in check_gi_within_measure(_proposal(groningen, client, code="49A01"))] == [
        "VERWIJZER-GI"
    ]


def test_the_rule_stays_in_groningen(db):
    brabant = RegionWorld("noordoost-brabant-2021")
    client = brabant.client(born(14, on=BEGIN))
    product = brabant.region.products.exclude(code=None).order_by("position")[0]
    proposal = brabant.proposal(product, client, BEGIN, referrer_code="04", referral_date=REFERRED)
    assert check_gi_within_measure(proposal) == []
    assert "VERWIJZER-GI" not in [f.rule for f in checks.check_allocation(proposal)]


def test_the_worker_gives_the_reason_on_screen_and_monitoring_counts_it(groningen, client):
    person = _client(groningen, "48A01", end=REFERRED - DAY)
    referral = register_referral(client=person, municipality=groningen.gemeente, route="gi", date=REFERRED)
    worker = User.objects.create(username="tm-gi", role=Role.TOEGANG)
    worker.municipalities.add(groningen.gemeente)
    client.force_login(worker)
    url = f"/toegang/verwijzingen/{referral.pk}/toewijzen/"
    form = {
        "provider": groningen.provider.pk,
        "product": _product(groningen, AMBULANT).pk,
        "begin": BEGIN.isoformat(),
        "end": (BEGIN + DAY * 90).isoformat(),
    }
    asked = client.post(url, form)
    html = asked.content.decode()
    assert asked.status_code == 422 and 'name="reden-VERWIJZER-GI"' in html and 'id="weigering"' not in html
    reason = "OTS verlengd door de kinderrechter, uitgevoerd voor gemeente Midden-Groningen."
    done = client.post(url, {**form, "reden-VERWIJZER-GI": reason})
    assert done.status_code == 302
    signal = Signaal.objects.get(rule="VERWIJZER-GI")
    assert (signal.recorded_by, signal.region, signal.reason) == (worker, "groningen-2016", reason)
    today = signal.recorded_on
    report = compute("signals", None, today=today, year=today.year)
    rows = [row for row in report.tables[0].rows if row["rule"] == "VERWIJZER-GI"]
    assert [(row["signals"], row["by_worker"]) for row in rows] == [(1, 1)]
    assert reason in {r["reason"] for r in report.tables[1].rows}
