"""Screens of issue 4 beyond allocation: support plans and the end evaluation, changing, extending and
withdrawing a toewijzing, the provider's JW317, and a JW315 for a client the municipality does not know."""

import datetime as dt

import pytest
from tests.toegang.world import assert_valid, make_client, under_midden_limburg

from jeugdketen.accounts.models import Role, User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.berichten.models import Message
from jeugdketen.demo.people import bsn
from jeugdketen.levering.models import Task
from jeugdketen.toegang.models import AllocationRequest, Client, Goal, SupportPlan, Toewijzing
from jeugdketen.toegang.services import allocate, register_referral

TODAY = dt.date.today()


@pytest.fixture
def users(world):
    toegang = User.objects.create(username="tm", role=Role.TOEGANG)
    toegang.municipalities.add(world.gemeente)
    aanbieder = User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider)
    return {"toegang": toegang, "aanbieder": aanbieder}


def product(world, code="45B50"):
    from jeugdketen.toegang.checks import find_product

    return find_product(world.gemeente, code[:2], code)


def toewijzing(world, person, **extra):
    return allocate(
        municipality=world.gemeente,
        client=person,
        provider=world.provider,
        product=product(world),
        begin=extra.pop("begin", TODAY - dt.timedelta(days=30)),
        end=extra.pop("end", TODAY + dt.timedelta(days=90)),
        volume=4,
        unit="04",
        frequency="2",
        **extra,
    )


def all_valid(schemas, xsd_dir):
    for message in Message.objects.all():
        assert_valid(message.xml, schemas, xsd_dir)


def test_support_plan_parts_and_end_evaluation(world, users, client):
    under_midden_limburg(world)
    person = make_client(world)
    referral = register_referral(
        client=person, municipality=world.gemeente, route="toegang", date=TODAY, provider=world.provider
    )
    client.force_login(users["toegang"])
    url = f"/toegang/verwijzingen/{referral.pk}/plan/"
    page = client.get(url).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page and '<label for="id_doel-0-description">' in page
    assert '<label for="id_subcontractors">' in page and person.bsn not in page
    management = {"doel-TOTAL_FORMS": 3, "doel-INITIAL_FORMS": 0, "doel-MIN_NUM_FORMS": 0}
    missing = client.post(url, {**management, "part": 1})
    assert missing.status_code == 200 and "vul de verzenddatum in" in missing.content.decode()
    client.post(
        url,
        {
            **management,
            "part": 1,
            "sent_on": TODAY.isoformat(),
            "doel-0-description": "Naar school gaan",
            "doel-0-expected_result": "Vier dagen per week op school",
            "doel-0-evaluation_date": (TODAY + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert Task.objects.get(kind="plan1", referral=referral).done_on == TODAY
    assert Task.objects.filter(kind="plan2", referral=referral, done_on=None).exists()
    done = client.post(
        url,
        {
            **management,
            "part": 2,
            "sent_on": TODAY.isoformat(),
            "received_on": TODAY.isoformat(),
            "subcontractors": "Praktijk Noord (AGB 75009999)",
            "doel-0-description": "Rust thuis",
            "doel-0-expected_result": "Minder ruzies",
            "doel-1-description": "Vrienden maken",
        },
        follow=True,
    )
    assert "deel 2 is vastgelegd" in done.content.decode()
    part2 = SupportPlan.objects.get(part=2)
    assert part2.subcontractors.startswith("Praktijk Noord") and part2.received_on == TODAY
    assert [g.description for g in part2.goals.order_by("pk")] == ["Rust thuis", "Vrienden maken"]
    assert Task.objects.filter(kind="jw301", referral=referral, done_on=None).exists()

    url = f"/toegang/verwijzingen/{referral.pk}/eindevaluatie/"
    goals = list(Goal.objects.order_by("pk"))
    page = client.get(url).content.decode()
    assert f'<label for="id_goal_{goals[0].pk}">' in page and '<label for="id_satisfaction">' in page
    client.post(
        url,
        {
            "evaluated_on": TODAY.isoformat(),
            "satisfaction": 8,
            **{f"goal_{g.pk}": v for g, v in zip(goals, ["volledig", "deels", "niet"], strict=True)},
        },
    )
    evaluation = SupportPlan.objects.get(part=3)
    assert evaluation.satisfaction == 8
    assert [g.realisation for g in Goal.objects.order_by("pk")] == ["volledig", "deels", "niet"]
    file = client.get(f"/toegang/clienten/{person.pk}/").content.decode()
    assert "Eindevaluatie" in file and "Vier dagen per week op school" in file and "Praktijk Noord" in file
    assert AuditEntry.objects.filter(client=person, detail="eindevaluatie").count() == 1


def test_change_extend_and_withdraw_send_jw301(world, users, client, schemas, xsd_dir):
    under_midden_limburg(world)
    person = make_client(world)
    t = toewijzing(world, person)
    client.force_login(users["toegang"])
    page = client.get(f"/toegang/toewijzingen/{t.pk}/wijzigen/").content.decode()
    assert '<label for="id_reden">' in page and 'name="csrfmiddlewaretoken"' in page

    # Intrekken/oprekken of the end date: the same number, RedenWijziging.
    shorter = TODAY + dt.timedelta(days=60)
    done = client.post(
        f"/toegang/toewijzingen/{t.pk}/wijzigen/",
        {"end": shorter.isoformat(), "volume": 4, "reden": "05"},
        follow=True,
    )
    assert "JW302: geaccepteerd" in done.content.decode(), done.content.decode()
    t.refresh_from_db()
    assert t.end == shorter and t.reden_wijziging == "05" and t.status == "gewijzigd"
    jw301 = Message.objects.filter(code="JW301", direction="out").order_by("pk").last()
    assert "<jw301:RedenWijziging>05</jw301:RedenWijziging>" in jw301.xml

    # Verlengen (OP380): the end date stretches, RedenWijziging 04.
    refused = client.post(f"/toegang/toewijzingen/{t.pk}/verlengen/", {"end": shorter.isoformat()})
    assert refused.status_code == 200 and "later dan nu" in refused.content.decode()
    longer = TODAY + dt.timedelta(days=200)
    client.post(f"/toegang/toewijzingen/{t.pk}/verlengen/", {"end": longer.isoformat()})
    t.refresh_from_db()
    assert t.end == longer and t.reden_wijziging == "04"
    assert Toewijzing.objects.count() == 1

    # Another volume (OP257): this toewijzing ends, a new one follows, both in one JW301.
    from_day = TODAY + dt.timedelta(days=7)
    client.post(
        f"/toegang/toewijzingen/{t.pk}/wijzigen/",
        {"volume": 6, "begin": from_day.isoformat(), "reden": "05"},
    )
    t.refresh_from_db()
    new = Toewijzing.objects.exclude(pk=t.pk).get()
    assert t.end == from_day - dt.timedelta(days=1) and t.status == "beeindigd"
    assert new.volume == 6 and new.begin == from_day and new.end == longer
    jw301 = Message.objects.filter(code="JW301", direction="out").order_by("pk").last()
    assert t.number in jw301.xml and new.number in jw301.xml
    assert Task.objects.filter(kind="start", toewijzing=new, done_on=None).exists()

    # Intrekken of the new one.
    client.post(
        f"/toegang/toewijzingen/{new.pk}/intrekken/",
        {"end": (from_day + dt.timedelta(days=10)).isoformat(), "reden": "07"},
    )
    new.refresh_from_db()
    assert new.status == "ingetrokken" and new.reden_wijziging == "07"
    assert not Task.objects.filter(kind="start", toewijzing=new, done_on=None).exists()
    # The provider received every JW301 and kept its copy in step.
    sent = list(Message.objects.filter(code="JW301", direction="out").order_by("pk"))
    assert len(sent) == 5 and {m.accepted for m in sent[1:]} == {True}  # the first: allocate() alone
    assert AuditEntry.objects.filter(client=person, detail__startswith="JW301").count() == 4
    all_valid(schemas, xsd_dir)


def test_provider_asks_a_change_with_jw317(world, users, client, schemas, xsd_dir):
    person = make_client(world)
    t = toewijzing(world, person)
    later = {"begin": TODAY + dt.timedelta(days=200), "end": TODAY + dt.timedelta(days=300)}
    other = toewijzing(world, person, **later)  # goes along unchanged (TR349)
    client.force_login(users["aanbieder"])
    url = f"/levering/toewijzingen/{t.pk}/wijziging/"
    page = client.get(url).content.decode()
    assert '<label for="id_reason">' in page and 'name="csrfmiddlewaretoken"' in page
    same = client.post(url, {"end": t.end.isoformat(), "volume": 4, "reason": "1"})
    assert "Vraag een andere einddatum" in same.content.decode()
    longer = TODAY + dt.timedelta(days=150)
    done = client.post(url, {"end": longer.isoformat(), "volume": 5, "reason": "2"}, follow=True)
    text = done.content.decode()
    assert "(JW318)" in text and "gewijzigd (JW301)" in text, text
    t.refresh_from_db()
    assert t.end == longer and t.volume == 5 and t.reden_wijziging == "12"
    other.refresh_from_db()
    assert other.reden_wijziging == ""
    assert AllocationRequest.objects.get(kind="JW317").status == "toegewezen"
    codes = [m.code for m in Message.objects.order_by("pk")]
    assert "JW317" in codes and "JW318" in codes and codes[-1] == "JW302"
    all_valid(schemas, xsd_dir)


def test_provider_change_refused_with_jw319(world, users, client, schemas, xsd_dir):
    from jeugdketen.contracten.models import ClientStop

    person = make_client(world)
    t = toewijzing(world, person)
    ClientStop.objects.create(provider=world.provider, reason="Wachtlijst vol", start=t.begin)
    client.force_login(users["aanbieder"])
    far = t.begin + dt.timedelta(days=1000)  # the provider has a client stop: refused, the rule named
    done = client.post(
        f"/levering/toewijzingen/{t.pk}/wijziging/", {"end": far.isoformat(), "reason": "1"}, follow=True
    )
    assert "afgewezen (JW319) (regel CLIENTENSTOP)" in done.content.decode()
    t.refresh_from_db()
    assert t.end != far
    all_valid(schemas, xsd_dir)


def test_jw315_for_an_unknown_client_is_in_onderzoek_until_completed(world, users, client, schemas, xsd_dir):
    stranger = Client(
        bsn=bsn(4242), birth_date=dt.date(2013, 2, 3), initials="K", last_name="Nieuw", gender="2"
    )
    client.force_login(users["aanbieder"])
    shown = client.post(
        "/levering/verzoek/",
        {
            "municipality": world.gemeente.pk,
            "bsn": stranger.bsn,
            "birth_date": "2013-02-03",
            "initials": "K",
            "last_name": "Nieuw",
            "gender": "2",
            "product": product(world).pk,
            "begin": (TODAY + dt.timedelta(days=3)).isoformat(),
            "end": (TODAY + dt.timedelta(days=120)).isoformat(),
            "volume": 3,
            "unit": "04",
            "frequency": "2",
            "referrer_code": "02",
            "referrer_agb": "01234567",
        },
        follow=True,
    ).content.decode()
    assert "in onderzoek (JW319)" in shown, shown
    sent = [m for m in Message.objects.filter(direction="out").order_by("pk") if m.code in ("JW316", "JW319")]
    assert [m.code for m in sent] == ["JW316", "JW319"]
    jw319 = sent[1]
    assert "<jw319:VerzoekAntwoord>2</jw319:VerzoekAntwoord>" in jw319.xml
    assert "RedenAfwijzingVerzoek" not in jw319.xml
    request = AllocationRequest.objects.get()
    assert request.status == "onderzoek" and not Toewijzing.objects.exists()
    person = Client.objects.get(bsn=stranger.bsn)
    task = Task.objects.get(kind="client-aanvullen", client=person, done_on=None)
    assert task.party == "gemeente"
    assert not Task.objects.filter(kind="jw301-verzoek", done_on=None).exists()

    client.force_login(users["toegang"])
    url = f"/toegang/clienten/{person.pk}/aanvullen/"
    worklist = client.get("/levering/vandaag/").content.decode()
    assert "Cliënt aanvullen (adres)" in worklist and f'href="{url}"' in worklist
    page = client.get(url).content.decode()
    assert '<label for="id_postcode">' in page and 'name="csrfmiddlewaretoken"' in page
    bad = client.post(url, {"street": "Markt", "house_number": "1", "postcode": "12", "city": "Boxtel"})
    assert bad.status_code == 200 and "1234AB" in bad.content.decode()
    done = client.post(
        url, {"street": "Markt", "house_number": "1", "postcode": "5281 ab", "city": "Boxtel"}, follow=True
    )
    assert "JW302: geaccepteerd" in done.content.decode(), done.content.decode()
    person.refresh_from_db()
    assert person.postcode == "5281AB"
    request.refresh_from_db()
    assert request.status == "toegewezen" and request.toewijzing.request_reference == request.reference
    assert Task.objects.get(pk=task.pk).done_on is not None
    all_valid(schemas, xsd_dir)
