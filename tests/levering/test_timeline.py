"""One timeline per client: the whole chain in date order, scoped per organisation, audited."""

from __future__ import annotations

import datetime as dt

from tests.toegang.world import make_client

from jeugdketen.accounts.models import Role, User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import exchange
from jeugdketen.declaraties import backoffice
from jeugdketen.levering import services as levering
from jeugdketen.toegang.checks import find_product
from jeugdketen.toegang.services import allocate, register_referral
from jeugdketen.web.timeline import events

TODAY = dt.date.today()


def test_timeline_shows_the_chain_in_order_for_who_may_see_it(world, client):
    person = make_client(world)
    first = (TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month
    begin = first - dt.timedelta(days=20)
    register_referral(
        client=person,
        municipality=world.gemeente,
        route="toegang",
        date=begin - dt.timedelta(days=5),
        provider=world.provider,
    )
    t = allocate(
        municipality=world.gemeente, client=person, provider=world.provider,
        product=find_product(world.gemeente, "45", "45B50"), begin=begin, end=TODAY + dt.timedelta(days=90),
        volume=4, unit="04", frequency="2", today=begin,
    )  # fmt: skip
    t.refresh_from_db()
    exchange(t.message, today=begin)
    levering.report_start(t, begin + dt.timedelta(days=1), today=begin + dt.timedelta(days=1))
    backoffice.register(t, begin=first, end=backoffice.month_end(first), volume=8)
    billed = backoffice.bill_month(world.provider, world.gemeente, first, today=TODAY)
    assert billed.answer is not None

    gemeente = User.objects.create(username="tm", role=Role.TOEGANG)
    gemeente.municipalities.add(world.gemeente)
    found = events(gemeente, person)
    kinds = [e.kind for e in found]
    for kind in ("Verwijzing", "Toewijzing", "Bericht", "Start", "Declaratieregel"):
        assert kind in kinds, kinds
    assert [e.day for e in found] == sorted(e.day for e in found)
    assert (
        kinds.index("Verwijzing")
        < kinds.index("Toewijzing")
        < kinds.index("Start")
        < kinds.index("Declaratieregel")
    )
    jw301 = next(e for e in found if e.text.startswith("JW301 verstuurd"))
    assert jw301.retour.startswith("JW302") and jw301.retour_url
    assert {e.text.split()[0] for e in found if e.kind == "Bericht"} >= {"JW301", "JW305"}

    client.force_login(gemeente)
    page = client.get(f"/clienten/{person.pk}/tijdlijn/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Tijdlijn van" in body and f"/berichten/{Message.objects.filter(code='JW302').first().pk}/" in body
    assert AuditEntry.objects.filter(client=person, action="view").exists()

    # The provider sees its own care; another provider does not find the client at all.
    own = User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider)
    assert any(e.kind == "Declaratieregel" for e in events(own, person))
    other = next(p for p in world.providers if p.pk != world.provider.pk)
    stranger = User.objects.create(username="xy", role=Role.AANBIEDER, provider=other)
    client.force_login(stranger)
    assert client.get(f"/clienten/{person.pk}/tijdlijn/").status_code == 404
