"""End to end through the REST API, per start route: access team, GP, GI and dyslexia.

The access worker and the provider each use the API as their own system would. Every
message the exchange produced validates against the official XSD, against the rules of
jeugdketen.ijw, and passes `jeugdketen ijw validate` (exit code 0).
"""

import datetime as dt
import re

import pytest
from rest_framework.test import APIClient
from tests.toegang.world import assert_valid, make_client, under_midden_limburg

from jeugdketen.accounts.models import Role, User
from jeugdketen.accounts.tokens import issue
from jeugdketen.berichten.models import Message
from jeugdketen.ijw.cli import main as ijw_cli
from jeugdketen.levering.models import Start, Stop, Task
from jeugdketen.toegang.checks import find_product
from jeugdketen.toegang.models import AllocationRequest, Toewijzing

TODAY = dt.date.today()


@pytest.fixture
def api(world):
    toegang = User.objects.create(username="tm", role=Role.TOEGANG)
    toegang.municipalities.add(world.gemeente)
    gemeente = APIClient()
    gemeente.force_login(toegang)

    def provider_client(provider, *, token: bool = False):
        """The provider's back office (a user), or its system (an organisation token)."""
        client = APIClient()
        if token:
            client.credentials(
                HTTP_AUTHORIZATION=f"Token {issue(label=provider.agb_code, provider=provider)[1]}"
            )
        else:
            client.force_login(
                User.objects.create(username=f"ab{provider.pk}", role=Role.AANBIEDER, provider=provider)
            )
        return client

    return gemeente, provider_client


def all_messages_valid(tmp_path, schemas, xsd_dir):
    """Every message is valid, except the stops reported ahead of time, which the municipality
    refused for exactly that (TR134) and answered."""
    refused = Message.objects.filter(code="JW307", accepted=False)
    for message in refused.filter(direction="in"):
        assert message.replies.get().code == "JW308"
        end = re.search(r"<\w+:Einddatum>([\d-]+)<", message.xml).group(1)
        assert dt.date.fromisoformat(end) > message.dagtekening  # what TR134 forbids
    files = []
    for message in Message.objects.exclude(pk__in=refused).order_by("pk"):
        assert_valid(message.xml, schemas, xsd_dir)
        path = tmp_path / message.file_name
        path.write_text(message.xml)
        files.append(str(path))
    assert files
    assert ijw_cli(["validate", "--xsd-dir", str(xsd_dir), *files]) == 0


def start_and_stop(aanbieder, toewijzing_id):
    answer = aanbieder.post(
        "/api/v1/starts", {"toewijzing": toewijzing_id, "date": TODAY.isoformat()}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["accepted"] and [p["code"] for p in answer.json()["produced"]] == ["JW306"]
    # A stop is reported once it happened: a JW307 may not end care after its own date (TR134).
    ahead = {"toewijzing": toewijzing_id, "date": (TODAY + dt.timedelta(days=20)).isoformat(), "reason": "31"}
    answer = aanbieder.post("/api/v1/stops", ahead, format="json")
    assert answer.status_code == 422 and "TR134" in answer.content.decode(), answer.json()
    assert not Stop.objects.filter(toewijzing_id=toewijzing_id).exists()
    stop = {**ahead, "date": TODAY.isoformat()}
    answer = aanbieder.post("/api/v1/stops", stop, format="json")
    assert answer.status_code == 201, answer.json()
    assert [p["code"] for p in answer.json()["produced"]] == ["JW308"]
    assert Start.objects.filter(toewijzing_id=toewijzing_id).count() == 1
    assert Stop.objects.filter(toewijzing_id=toewijzing_id).count() == 1


def test_access_team_route_through_the_api(world, api, tmp_path, schemas, xsd_dir):
    under_midden_limburg(world)
    gemeente, provider_client = api
    aanbieder = provider_client(world.provider)
    person = {
        "municipality": world.gemeente.cbs_code,
        "bsn": "123456782",
        "birth_date": "2013-04-01",
        "initials": "K",
        "last_name": "Kwakkel",
        "gender": "2",
        "street": "Markt",
        "house_number": "1",
        "postcode": "5211AA",
        "city": "'s-Hertogenbosch",
    }
    created = gemeente.post("/api/v1/clienten", person, format="json")
    assert created.status_code == 201, created.json()
    body = created.content.decode()
    assert "123456782" not in body and "Kwakkel" not in body and created.json()["bsn_masked"] == "******782"
    client_id = created.json()["id"]
    assert gemeente.get("/api/v1/clienten", {"bsn": "123456782"}).json()["results"][0]["id"] == client_id

    referral = gemeente.post(
        "/api/v1/verwijzingen",
        {
            "client": client_id,
            "route": "toegang",
            "date": TODAY.isoformat(),
            "provider": world.provider.agb_code,
        },
        format="json",
    )
    assert referral.status_code == 201, referral.json()
    assert referral.json()["referrer_code"] == "01"
    tasks = gemeente.get("/api/v1/taken").json()["results"]
    assert [t["kind"] for t in tasks] == []  # plan deel 1's 3 days count from its vaststelling

    product = find_product(world.gemeente, "45", "45B50")
    allocation = {
        "client": client_id,
        "referral": referral.json()["id"],
        "provider": world.provider.agb_code,
        "product": product.pk,
        "begin": "2019-03-04",  # before the provider's contract began
        "end": "2019-06-30",
        "volume": 4,
        "unit": "04",
        "frequency": "2",
    }
    refused = gemeente.post("/api/v1/toewijzingen", allocation, format="json")
    assert refused.status_code == 422 and refused["Content-Type"].startswith("application/problem+json")
    assert [(f["code"], f["kind"]) for f in refused.json()["findings"]] == [("CONTRACT", "weigert")]

    allocation["begin"] = TODAY.isoformat()
    allocation["end"] = (TODAY + dt.timedelta(days=200)).isoformat()
    done = gemeente.post("/api/v1/toewijzingen", allocation, format="json")
    assert done.status_code == 201, done.json()
    toewijzing = done.json()
    assert Message.objects.get(pk=toewijzing["jw301"]).accepted is True  # JW302 came back with 0200

    # The provider sees the toewijzing and the start on its worklist, then starts and stops.
    assert [t["number"] for t in aanbieder.get("/api/v1/toewijzingen").json()["results"]] == [
        toewijzing["number"]
    ]
    assert "start" in [t["kind"] for t in aanbieder.get("/api/v1/taken").json()["results"]]
    start_and_stop(aanbieder, toewijzing["id"])
    assert not Task.objects.filter(kind="start", done_on=None).exists()
    codes = [m["code"] for m in aanbieder.get("/api/v1/berichten").json()["results"]]
    assert {"JW301", "JW302", "JW305", "JW306", "JW307", "JW308"} <= set(codes)
    all_messages_valid(tmp_path, schemas, xsd_dir)


@pytest.mark.parametrize(
    "route,referrer,code,category",
    [("huisarts", "02", "45B50", "45"), ("gi", "04", "45B50", "45"), ("dyslexie", "01", "54B98", "54")],
)
def test_request_routes_through_the_api(
    world, api, tmp_path, schemas, xsd_dir, route, referrer, code, category
):
    under_midden_limburg(world)
    gemeente, provider_client = api
    provider = world.dyslexia if route == "dyslexie" else world.provider
    aanbieder = provider_client(provider)
    birth = dt.date(2017, 1, 10) if route == "dyslexie" else dt.date(2012, 5, 17)
    person = make_client(world, birth=birth)  # known to the municipality (BRP)
    if route != "dyslexie":
        referral = gemeente.post(
            "/api/v1/verwijzingen",
            {"client": person.pk, "route": route, "date": TODAY.isoformat(), "provider": provider.agb_code},
            format="json",
        )
        assert referral.status_code == 201, referral.json()
        kind = "jw315-gi" if route == "gi" else "jw315-huisarts"
        assert kind in [t["kind"] for t in aanbieder.get("/api/v1/taken").json()["results"]]

    request = {
        "municipality": world.gemeente.cbs_code,
        "bsn": person.bsn,
        "birth_date": person.birth_date.isoformat(),
        "gender": person.gender,
        "initials": person.initials,
        "prefix": person.prefix,
        "last_name": person.last_name,
        "reference": f"API{route[:3].upper()}1",
        "product_category": category,
        "product_code": code,
        "begin": (TODAY + dt.timedelta(days=3)).isoformat(),
        "end": (TODAY + dt.timedelta(days=150)).isoformat(),
        "volume": 2,
        "unit": "04",
        "frequency": "2",
        "referrer_code": referrer,
        "referrer_agb": "01234567" if referrer != "01" else "",
        "referrer_name": "CJG" if referrer == "01" else "",
    }
    answer = aanbieder.post("/api/v1/verzoeken", request, format="json")
    assert answer.status_code == 201, answer.json()
    assert [p["code"] for p in answer.json()["produced"]][:2] == ["JW316", "JW301"]
    allocated = AllocationRequest.objects.get(reference=request["reference"])
    assert allocated.status == "toegewezen"
    verzoeken = aanbieder.get("/api/v1/verzoeken").json()["results"]
    assert [v["status"] for v in verzoeken] == ["toegewezen"]
    assert not Task.objects.filter(
        kind__in=["jw315-huisarts", "jw315-gi", "jw301-verzoek", "jw301-dyslexie"], done_on=None
    ).exists()
    toewijzing = Toewijzing.objects.get(client=person)
    assert toewijzing.request_reference == request["reference"]
    assert gemeente.get(f"/api/v1/toewijzingen/{toewijzing.pk}").json()["provider"] == provider.agb_code
    start_and_stop(provider_client(provider, token=True), toewijzing.pk)  # its system, by token
    all_messages_valid(tmp_path, schemas, xsd_dir)


def test_api_keeps_organisations_apart_and_the_waiting_list(world, api):
    under_midden_limburg(world)
    gemeente, provider_client = api
    person = make_client(world)
    from jeugdketen.toegang.services import allocate

    late = allocate(
        municipality=world.gemeente,
        client=person,
        provider=world.provider,
        product=find_product(world.gemeente, "45", "45B50"),
        begin=TODAY - dt.timedelta(days=40),
        end=TODAY + dt.timedelta(days=100),
        today=TODAY - dt.timedelta(days=30),
    )
    waiting = gemeente.get("/api/v1/taken/wachtlijst").json()["results"]
    assert [t["number"] for t in waiting] == [late.number]
    assert (
        gemeente.get("/api/v1/taken", {"te_laat": "1"}).json()["results"] == []
    )  # the start is the provider's
    other = provider_client(world.dyslexia if world.dyslexia != world.provider else world.providers[-1])
    assert other.get(f"/api/v1/toewijzingen/{late.pk}").status_code == 404
    system = provider_client(world.provider, token=True)
    assert system.get(f"/api/v1/toewijzingen/{late.pk}").status_code == 200
    refused = other.post("/api/v1/starts", {"toewijzing": late.pk, "date": TODAY.isoformat()}, format="json")
    assert refused.status_code == 400  # not within its organisation: "does not exist"
    late_tasks = provider_client(world.provider).get("/api/v1/taken", {"te_laat": "1"}).json()["results"]
    assert [t["kind"] for t in late_tasks] == ["start"] and late_tasks[0]["overdue"]


def test_schema_stays_valid():
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    for path in (
        "/api/v1/clienten",
        "/api/v1/toewijzingen",
        "/api/v1/starts",
        "/api/v1/verzoeken",
        "/api/v1/taken",
    ):
        assert path in schema["paths"], path
    assert "422" in schema["paths"]["/api/v1/toewijzingen"]["post"]["responses"]
