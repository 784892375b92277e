"""The incident and data-breach register (Midden-Limburg Oost art. 27, AVG art. 33): the provider
reports on screen, the municipality sees it, the deadlines hold at their edges and only under the
contract."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Provider, Region
from jeugdketen.levering.deadlines import missed
from jeugdketen.levering.models import Task
from jeugdketen.meldingen import services
from jeugdketen.meldingen.models import Melding

DISCOVERED = timezone.make_aware(dt.datetime(2025, 3, 3, 10, 0))
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def world(db):
    load_file(next(path for path in data_files() if path.stem == "midden-limburg-oost-2020"))
    region = Region.objects.get(slug="midden-limburg-oost-2020")
    roermond, _ = Municipality.objects.get_or_create(cbs_code="1669", defaults={"name": "Roermond"})
    roermond.regions.add(region)
    elsewhere = Municipality.objects.exclude(regions=region).first() or Municipality.objects.create(
        cbs_code="0796", name="'s-Hertogenbosch"
    )
    provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
    return roermond, elsewhere, provider


def _report(municipality, provider, *, after: dt.timedelta, kind=Melding.Kind.BEVEILIGING) -> Melding:
    return services.report(
        provider=provider, municipality=municipality, kind=kind, discovered_at=DISCOVERED,
        summary="Laptop met dossiers gestolen", now=DISCOVERED + after,
    )  # fmt: skip


def test_a_report_24_hours_after_discovery_is_on_time(world):
    roermond, _elsewhere, provider = world
    assert not services.reported_late(_report(roermond, provider, after=dt.timedelta(hours=24)))


def test_a_report_a_minute_past_24_hours_is_late(world):
    roermond, _elsewhere, provider = world
    assert services.reported_late(_report(roermond, provider, after=dt.timedelta(hours=24) + MINUTE))


def test_the_reporting_deadline_is_the_contracts_own(world):
    _roermond, elsewhere, provider = world
    assert not services.reported_late(_report(elsewhere, provider, after=dt.timedelta(days=5)))


def _breach(world, ap_on: dt.date) -> tuple[Melding, Task]:
    roermond, _elsewhere, provider = world
    melding = _report(roermond, provider, after=dt.timedelta(hours=2), kind=Melding.Kind.DATALEK)
    task = Task.objects.get(kind="datalek-ap", provider=provider)
    assert task.due == dt.date(2025, 3, 6) == services.ap_due(melding)  # 72 hours after discovery
    services.record_ap(melding, reported_on=ap_on)
    task.refresh_from_db()
    return melding, task


def test_a_data_breach_reported_to_the_ap_within_72_hours_is_on_time(world):
    melding, task = _breach(world, dt.date(2025, 3, 6))
    assert not services.ap_late(melding) and task.done_on == dt.date(2025, 3, 6) and not missed(task)


def test_a_data_breach_reported_to_the_ap_a_day_later_is_late(world):
    melding, task = _breach(world, dt.date(2025, 3, 7))
    assert services.ap_late(melding) and missed(task)


def test_no_ap_task_for_an_incident_that_is_no_breach_or_outside_the_contract(world):
    roermond, elsewhere, provider = world
    _report(roermond, provider, after=MINUTE)
    _report(elsewhere, provider, after=MINUTE, kind=Melding.Kind.DATALEK)
    assert not Task.objects.filter(kind="datalek-ap").exists()


def test_the_provider_reports_on_screen_and_the_municipality_sees_it(world, client):
    roermond, elsewhere, provider = world
    reporter = User.objects.create(username="aanbieder", role=Role.AANBIEDER, provider=provider)
    client.force_login(reporter)
    form = {
        "municipality": roermond.pk,
        "kind": "datalek",
        "discovered_at": "03-03-2025 10:00",
        "summary": "E-mail met dossier naar verkeerde ontvanger",
        "measures": "Ontvanger gevraagd te verwijderen",
    }
    assert client.post("/meldingen/nieuw/", {**form, "summary": ""}).status_code == 422
    assert client.post("/meldingen/nieuw/", form).status_code == 302
    melding = Melding.objects.get()
    assert (melding.provider, melding.municipality, melding.reported_by) == (provider, roermond, reporter)
    assert Task.objects.filter(kind="datalek-ap", done_on=None).count() == 1
    assert (
        client.post(f"/meldingen/{melding.pk}/ap/", {"reported_on": "", "not_required": ""}).status_code
        == 422
    )
    assert (
        client.post(f"/meldingen/{melding.pk}/ap/", {"not_required": "Versleuteld bestand"}).status_code
        == 302
    )
    assert Task.objects.filter(kind="datalek-ap", done_on=None).count() == 0

    manager = User.objects.create(username="contract", role=Role.CONTRACT)
    manager.municipalities.add(roermond)
    client.force_login(manager)
    page = client.get("/meldingen/").content.decode()
    assert "E-mail met dossier naar verkeerde ontvanger" in page and "niet nodig: Versleuteld bestand" in page
    assert client.get("/meldingen/nieuw/").status_code == 403

    other = User.objects.create(username="contract-elders", role=Role.CONTRACT)
    other.municipalities.add(elsewhere)
    client.force_login(other)
    assert "E-mail met dossier" not in client.get("/meldingen/").content.decode()


# TERMIJN-MELDING-INSPECTIE (art. 30.2): two working days, not 24 hours -----------------------


def _inspection(municipality, provider, *, reported: dt.datetime, discovered=DISCOVERED) -> Melding:
    return services.report(
        provider=provider, municipality=municipality, kind=Melding.Kind.INSPECTIE, discovered_at=discovered,
        summary="Calamiteit gemeld bij de inspectie", now=timezone.make_aware(reported),
    )  # fmt: skip


def test_inspection_report_on_the_second_working_day_is_on_time(world):
    roermond, _elsewhere, provider = world
    melding = _inspection(roermond, provider, reported=dt.datetime(2025, 3, 5, 23, 59))  # Monday -> Wednesday
    assert services.inspection_due(melding) == dt.date(2025, 3, 5)
    assert not services.reported_late(melding)


def test_inspection_report_on_the_third_working_day_is_late(world):
    roermond, _elsewhere, provider = world
    assert services.reported_late(_inspection(roermond, provider, reported=dt.datetime(2025, 3, 6, 0, 1)))


def test_inspection_deadline_skips_the_weekend(world):
    roermond, _elsewhere, provider = world
    friday = timezone.make_aware(dt.datetime(2025, 3, 7, 16, 0))
    on_time = _inspection(roermond, provider, discovered=friday, reported=dt.datetime(2025, 3, 11, 12, 0))
    assert services.inspection_due(on_time) == dt.date(2025, 3, 11)
    assert not services.reported_late(on_time)
    assert services.reported_late(
        _inspection(roermond, provider, discovered=friday, reported=dt.datetime(2025, 3, 12, 9, 0))
    )


def test_inspection_deadline_is_the_contracts_own(world):
    _roermond, elsewhere, provider = world
    late = _inspection(elsewhere, provider, reported=dt.datetime(2025, 3, 20, 9, 0))
    assert not services.reported_late(late)


# MELDING-CONTINUITEIT (art. 29): continuity at risk, surseance or bankruptcy -----------------


def _continuity(
    municipality, provider, *, kind=Melding.Kind.SURSEANCE, after=dt.timedelta(hours=1), summary=""
):
    return services.report(
        provider=provider, municipality=municipality, kind=kind, discovered_at=DISCOVERED,
        summary=summary or "Surseance van betaling aangevraagd", now=DISCOVERED + after,
    )  # fmt: skip


def test_a_provider_reports_surseance_on_screen_and_the_municipality_sees_it_first(world, client):
    roermond, _elsewhere, provider = world
    client.force_login(User.objects.create(username="aanbieder", role=Role.AANBIEDER, provider=provider))
    form = {
        "municipality": roermond.pk,
        "kind": "surseance",
        "discovered_at": "03-03-2025 10:00",
        "summary": "Surseance van betaling aangevraagd bij de rechtbank",
    }
    assert client.post("/meldingen/nieuw/", form).status_code == 302
    assert Melding.objects.get().kind == Melding.Kind.SURSEANCE
    assert not Task.objects.exists()  # no AP task: it is no data breach

    manager = User.objects.create(username="contract", role=Role.CONTRACT)
    manager.municipalities.add(roermond)
    client.force_login(manager)
    page = client.get("/meldingen/").content.decode()
    block = page[page.index('id="continuiteit"') : page.index('id="meldingen"')]
    assert "Zorg BV" in block and "Surseance van betaling of faillissement aangevraagd" in block


def test_the_latest_continuity_report_per_provider_is_shown(world):
    roermond, _elsewhere, provider = world
    other = Provider.objects.create(name="Ander BV", agb_code="12345678")
    _continuity(roermond, provider, kind=Melding.Kind.CONTINUITEIT, summary="Personeelstekort")
    latest = _continuity(roermond, provider, after=dt.timedelta(hours=5))
    theirs = _continuity(roermond, other, kind=Melding.Kind.CONTINUITEIT, summary="Pand gesloten")
    _report(roermond, other, after=dt.timedelta(hours=9))  # an incident is no continuity report
    shown = services.continuity_at_risk(Melding.objects.all())
    assert shown == [latest, theirs]


def test_a_continuity_report_has_no_figure_to_be_late_by(world):
    roermond, _elsewhere, provider = world
    for kind in (Melding.Kind.CONTINUITEIT, Melding.Kind.SURSEANCE):
        assert not services.reported_late(
            _continuity(roermond, provider, kind=kind, after=dt.timedelta(days=30))
        )


def test_continuity_reports_are_the_contracts_own(world):
    roermond, elsewhere, provider = world
    _continuity(elsewhere, provider)
    assert services.continuity_at_risk(Melding.objects.all()) == []
    here = _continuity(roermond, provider)
    assert services.continuity_at_risk(Melding.objects.all()) == [here]
