"""The Dutch screens of the allocation chain, driven as the access team and the provider would."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.toegang.world import assert_valid, make_client, under_midden_limburg

from jeugdketen.accounts.models import Role, User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.berichten.models import Message
from jeugdketen.levering.models import Start, Stop, Task
from jeugdketen.toegang.models import AllocationRequest, Toewijzing
from jeugdketen.toegang.services import allocate, record_plan, register_referral

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


def test_access_worker_allocates_from_a_referral(world, users, client, schemas, xsd_dir):
    person = make_client(world)
    referral = register_referral(
        client=person, municipality=world.gemeente, route="toegang", date=TODAY, provider=world.provider
    )
    client.force_login(users["toegang"])
    page = client.get(f"/toegang/verwijzingen/{referral.pk}/toewijzen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html and '<label for="id_product">' in html
    assert person.bsn not in html  # the form shows the client masked

    form = {
        "provider": world.provider.pk,
        "product": product(world).pk,
        "begin": (TODAY + dt.timedelta(days=7)).isoformat(),
        "end": (TODAY + dt.timedelta(days=180)).isoformat(),
        "volume": 4,
        "unit": "04",
        "frequency": "2",
    }
    refused = client.post(  # before the provider's contract began
        f"/toegang/verwijzingen/{referral.pk}/toewijzen/",
        {**form, "begin": "2019-03-04", "end": "2019-06-30"},
    )
    assert refused.status_code == 422 and "CONTRACT</a>" in refused.content.decode()
    assert not Toewijzing.objects.exists()

    done = client.post(f"/toegang/verwijzingen/{referral.pk}/toewijzen/", form, follow=True)
    assert done.status_code == 200
    toewijzing = Toewijzing.objects.get(client=person)
    assert "JW302" in done.content.decode() and toewijzing.number in done.content.decode()
    jw301 = Message.objects.get(code="JW301", direction="out")
    assert jw301.accepted is True  # the provider received it and answered JW302 with 0200
    for message in Message.objects.all():
        assert_valid(message.xml, schemas, xsd_dir)


def test_client_file_is_audited_once_and_lists_are_masked(world, users, client):
    under_midden_limburg(world)
    person = make_client(world)
    referral = register_referral(client=person, municipality=world.gemeente, route="toegang", date=TODAY)
    record_plan(referral=referral, part=1, day=TODAY, sent=False)  # settled, to be sent: on the worklist
    client.force_login(users["toegang"])
    listing = client.get("/toegang/clienten/", {"q": "Wit"}).content.decode()
    assert f"Cliënt {person.pk}" in listing and person.bsn not in listing and "Kerkstraat" not in listing
    assert person.bsn[-3:] in listing
    before = AuditEntry.objects.count()
    page = client.get(f"/toegang/clienten/{person.pk}/").content.decode()
    assert person.bsn in page and "Kerkstraat" in page and "Ondersteuningsplan deel 1" in page
    entries = AuditEntry.objects.filter(client=person, action="view")
    assert AuditEntry.objects.count() == before + 1 and entries.count() == 1
    assert entries.get().route == f"GET /toegang/clienten/{person.pk}/"


def test_provider_registers_start_and_stop_and_sees_the_verdict(world, users, client, schemas, xsd_dir):
    under_midden_limburg(world)
    person = make_client(world)
    toewijzing = allocate(
        municipality=world.gemeente,
        client=person,
        provider=world.provider,
        product=product(world),
        begin=TODAY,
        end=TODAY + dt.timedelta(days=90),
    )
    client.force_login(users["aanbieder"])
    today_page = client.get("/levering/vandaag/").content.decode()
    assert "Start zorg (JW305)" in today_page and person.bsn not in today_page
    page = client.get(f"/levering/toewijzingen/{toewijzing.pk}/start/")
    assert page.status_code == 200 and '<label for="id_begin">' in page.content.decode()
    url = f"/levering/toewijzingen/{toewijzing.pk}"
    done = client.post(f"{url}/start/", {"begin": TODAY.isoformat()}, follow=True)
    assert "de gemeente accepteerde het (JW306)" in done.content.decode()
    assert Start.objects.get(toewijzing=toewijzing).date == TODAY
    assert Task.objects.get(kind="start", toewijzing=toewijzing).done_on is not None

    # Care is reported stopped once it stopped: a JW307 may not end care after its own date (TR134).
    ahead = TODAY + dt.timedelta(days=30)
    refused = client.post(f"{url}/stop/", {"end": ahead.isoformat(), "reason": "31"}, follow=True)
    assert "TR134" in refused.content.decode()
    assert not Stop.objects.filter(toewijzing=toewijzing).exists()
    stop = TODAY
    done = client.post(f"{url}/stop/", {"end": stop.isoformat(), "reason": "31"}, follow=True)
    assert "(JW308)" in done.content.decode(), done.content.decode()
    assert Stop.objects.get(toewijzing=toewijzing).date == stop
    # The municipality judged the first JW307 and answered with a JW308 naming TR134.
    [rejected] = Message.objects.filter(code="JW307", direction="in", accepted=False)
    assert "TR134" in str(rejected.verdict) and rejected.replies.get().code == "JW308"
    refused = Message.objects.filter(code="JW307", accepted=False)
    for message in Message.objects.filter(code__in=["JW305", "JW306", "JW307", "JW308"]).exclude(
        pk__in=refused
    ):
        assert_valid(message.xml, schemas, xsd_dir)


def test_provider_requests_a_toewijzing(world, users, client, schemas, xsd_dir):
    client.force_login(users["aanbieder"])
    page = client.get("/levering/verzoek/").content.decode()
    assert '<label for="id_bsn">' in page and 'name="csrfmiddlewaretoken"' in page
    known = make_client(world, 77)  # the municipality knows its residents (BRP), address included
    done = client.post(
        "/levering/verzoek/",
        {
            "municipality": world.gemeente.pk,
            "bsn": known.bsn,
            "birth_date": "2014-05-17",
            "initials": "A",
            "last_name": "Verwezen",
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
    )
    text = done.content.decode()
    assert "toegewezen (JW301)" in text, text
    request = AllocationRequest.objects.get()
    assert request.status == "toegewezen" and request.toewijzing.provider == world.provider
    codes = list(Message.objects.order_by("pk").values_list("code", "direction"))
    assert ("JW315", "out") in codes and ("JW316", "in") in codes and ("JW302", "in") in codes
    for message in Message.objects.all():
        assert_valid(message.xml, schemas, xsd_dir)


def test_message_log_renders_content_and_verdict(world, users, client):
    person = make_client(world)
    allocate(
        municipality=world.gemeente,
        client=person,
        provider=world.provider,
        product=product(world),
        begin=TODAY,
        end=TODAY + dt.timedelta(days=90),
    )
    from jeugdketen.berichten.services import process

    jw301 = Message.objects.get(code="JW301")
    tampered = jw301.xml.replace(jw301.identification, "kapot1").replace("<jw301:Bsn>", "<jw301:Bsn>9")
    process(tampered.encode())
    client.force_login(users["toegang"])
    log = client.get("/berichten/").content.decode()
    assert "JW301" in log and person.bsn not in log and "<jw301:" not in log
    page = client.get(f"/berichten/{jw301.pk}/").content.decode()
    assert "Toewijzing nummer" in page and "Jeugdhulp ambulant" in page and person.bsn in page
    assert "&lt;jw301:Bericht" in page  # the raw XML, escaped
    received = Message.objects.get(code="JW301", direction="in", identification="kapot1")
    assert received.accepted is False
    client.force_login(users["aanbieder"])
    page = client.get(f"/berichten/{received.pk}/").content.decode()
    assert "Afgekeurd" in page and "<code>/" in page  # rule, retourcode and location
    assert AuditEntry.objects.filter(client=person, action="view").count() == 1


def test_the_client_list_costs_the_same_queries_for_one_client_and_a_full_page(
    world, users, client, django_assert_max_num_queries
):
    """Each row shows its municipality: selected with the clients, not fetched row by row (found
    by the load benchmark, where a page of 50 clients cost 58 queries)."""
    client.force_login(users["toegang"])
    make_client(world, 1)
    client.get("/toegang/clienten/")  # the session and the user settle first
    with CaptureQueriesContext(connection) as one:
        assert client.get("/toegang/clienten/").status_code == 200
    for n in range(2, 51):
        make_client(world, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/toegang/clienten/")
    assert page.status_code == 200 and page.content.decode().count("Open dossier van cliënt") == 50
