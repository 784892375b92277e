"""A large JW323 is answered 202 with a status URL and judged by a (here: in-process) worker, once.

The threshold is lowered to two lines so that small test messages take the background path.
The same path on a real worker and Redis, killed mid-intake, is ``tests/e2e/test_intake_on_redis.py``.
"""

from __future__ import annotations

import pytest
from django.db import OperationalError

from jeugdketen.accounts.models import Role, User
from jeugdketen.berichten.models import Message
from jeugdketen.declaraties import background, engine, intake
from jeugdketen.declaraties.models import Betaalverplichting, Boeking, Declaratie, Intake, Prestatie

API = "/api/v1/berichten"


@pytest.fixture
def small_threshold(settings):
    settings.JEUGDKETEN_INTAKE_AT_ONCE_LINES = 2


@pytest.fixture
def provider_client(world, client):
    user = User.objects.create_user("aanbieder", password="x", role=Role.AANBIEDER, provider=world.provider)
    client.force_login(user)
    return client


def _message(world, lines: int = 4, ident: str = "BIG000001") -> bytes:
    tw = world.toewijzing()
    return world.jw323([world.line(tw, month=m, volume=10) for m in range(1, lines + 1)], ident=ident)


def _post(client, body: bytes):
    return client.post(API, data=body, content_type="application/xml")


def test_a_small_jw323_is_still_judged_at_once(world, provider_client):
    response = _post(provider_client, _message(world, lines=2))
    assert response.status_code == 201
    assert Declaratie.objects.count() == 1 and Intake.objects.count() == 0


def test_a_large_jw323_is_accepted_with_a_status_url_and_judged_once(
    world, provider_client, small_threshold, django_capture_on_commit_callbacks
):
    body = _message(world)
    with django_capture_on_commit_callbacks(execute=True):
        first = _post(provider_client, body)
        again = _post(provider_client, body)
        assert first.status_code == again.status_code == 202
        queued = first.json()
        assert queued["status"] == "wachtrij" and queued["lines_total"] == 4 and queued["lines_judged"] == 0
        assert first["Location"] == queued["url"] and again.json()["id"] == queued["id"]
        assert queued["answer"] is None and Declaratie.objects.count() == 0
    status = provider_client.get(queued["url"]).json()
    assert status["status"] == "klaar" and status["lines_judged"] == status["lines_total"] == 4
    declaratie = Declaratie.objects.get()
    assert declaratie.lines_total == 4 and declaratie.prestaties.count() == 4
    assert status["declaratie"].endswith(f"/declaraties/{declaratie.pk}")
    answer = Message.objects.get(code="JW325", direction=Message.Direction.OUT)
    assert status["answer"].endswith(f"/berichten/{answer.pk}") and declaratie.answer == answer
    assert Intake.objects.get().xml == ""  # kept once, in its Message
    # Sent again after it was judged: the first verdict, as for any message sent twice.
    late = _post(provider_client, body)
    assert late.status_code == 200 and late.json()["id"] == declaratie.message_id
    assert Declaratie.objects.count() == 1 and Intake.objects.count() == 1


def test_the_status_is_only_for_the_parties_of_the_message(world, client, small_threshold):
    body = _message(world)
    queued, created = background.take_in(_parse(body), body)
    assert created and queued.provider == world.provider and queued.lines_total == 4
    own = User.objects.create_user("eigen", password="x", role=Role.AANBIEDER, provider=world.provider)
    other = User.objects.create_user(
        "ander", password="x", role=Role.AANBIEDER, provider=world.other_provider
    )
    client.force_login(own)
    assert client.get(f"/api/v1/verwerkingen/{queued.public_id}").json()["status"] == "wachtrij"
    client.force_login(other)
    assert client.get(f"/api/v1/verwerkingen/{queued.public_id}").status_code == 404


def _parse(data: bytes):
    from jeugdketen.ijw.xml import parse

    return parse(data)


def test_a_crash_in_the_middle_leaves_nothing_and_the_retry_finishes(world, small_threshold, monkeypatch):
    body = _message(world)
    queued = Intake.objects.create(
        public_id="00000000-0000-0000-0000-000000000001", sender=world.provider.agb_code,
        receiver=world.municipality.cbs_code, identification="BIG000001", received_on=world.contract.start,
        xml=body.decode(), lines_total=4, provider=world.provider, municipality=world.municipality,
    )  # fmt: skip
    real_store, seen = intake._store, {}

    def store_then_lose_the_database(declaratie, verdicts, today):
        real_store(declaratie, verdicts, today)
        if not seen:
            seen["rows"] = Prestatie.objects.count(), Boeking.objects.count()
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(intake, "_store", store_then_lose_the_database)
    with pytest.raises(OperationalError):
        background.judge(queued.pk)
    assert seen["rows"][0] == 4 and seen["rows"][1] > 0  # the first attempt had written its rows ...
    for model in (Declaratie, Prestatie, Boeking, Betaalverplichting):
        assert model.objects.count() == 0  # ... and none of them remained
    assert not Message.objects.filter(code="JW323").exists()
    queued.refresh_from_db()
    assert queued.status == "bezig" and queued.attempts == 1
    background.judge(queued.pk)
    background.judge(queued.pk)  # a second delivery of the task does nothing
    queued.refresh_from_db()
    assert queued.status == "klaar" and queued.attempts == 2
    assert Declaratie.objects.get().prestaties.count() == 4
    assert sum(Boeking.objects.values_list("amount_cents", flat=True)) == 0


def test_a_message_that_keeps_killing_its_worker_is_given_up(world):
    queued = Intake.objects.create(
        public_id="00000000-0000-0000-0000-000000000002", sender=world.provider.agb_code,
        receiver=world.municipality.cbs_code, identification="BIG000002", received_on=world.contract.start,
        xml="<kapot/>", lines_total=4, attempts=background.MAX_ATTEMPTS, status="bezig",
    )  # fmt: skip
    assert background.judge(queued.pk)["status"] == "mislukt"
    queued.refresh_from_db()
    assert "5 afgebroken pogingen" in queued.error and Declaratie.objects.count() == 0


def test_judging_reports_its_progress(world, monkeypatch):
    monkeypatch.setattr(engine, "PROGRESS_EVERY", 2)
    heard: list[int] = []
    tw = world.toewijzing()
    body = world.jw323([world.line(tw, month=m, volume=10) for m in range(1, 6)])
    intake.process_jw323(body, progress=heard.append)
    assert heard == [2, 4, 5]


def test_the_upload_screen_shows_progress_until_the_jw325_is_ready(
    world, provider_client, small_threshold, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    body = _message(world, ident="BIG000003")
    upload = {"bestand": SimpleUploadedFile("jw323.xml", body, "application/xml")}
    with django_capture_on_commit_callbacks(execute=False) as queued_tasks:
        response = provider_client.post(reverse("declaraties:upload"), upload)
    queued = Intake.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/indienen/{queued.public_id}/")
    waiting = provider_client.get(response["Location"])
    page = waiting.content.decode()
    assert waiting["Refresh"] == "2" and "In de wachtrij" in page and "<strong>0</strong> van 4" in page
    assert Declaratie.objects.count() == 0 and len(queued_tasks) == 1
    queued_tasks[0]()  # the worker takes the task
    done = provider_client.get(response["Location"])
    page = done.content.decode()
    assert not done.has_header("Refresh") and "<strong>4</strong> van 4" in page
    declaratie = Declaratie.objects.get()
    assert declaratie.number in page and declaratie.answer.identification in page


def test_following_an_intake_never_reads_the_message_itself(
    world, provider_client, small_threshold, django_capture_on_commit_callbacks
):
    """The status is polled every two seconds while a worker judges; the XML of a large JW323 is
    tens of MB (the load benchmark saw polls of 1-2 s). Neither the intake's copy nor the stored
    message's XML is read, before or after the judgement; the answers stay the same."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    xml_columns = ('"declaraties_intake"."xml"', '"berichten_message"."xml"')

    def follow(api_url: str, page_url: str) -> tuple[dict, str]:
        with CaptureQueriesContext(connection) as queries:
            status = provider_client.get(api_url).json()
            page = provider_client.get(page_url).content.decode()
        read = [q["sql"] for q in queries.captured_queries if any(c in q["sql"] for c in xml_columns)]
        assert read == []
        return status, page

    with django_capture_on_commit_callbacks(execute=False) as queued_tasks:
        queued = _post(provider_client, _message(world, ident="BIG000004")).json()
    page_url = f"/declaraties/indienen/{queued['id']}/"
    status, page = follow(queued["url"], page_url)
    assert status["status"] == "wachtrij" and "<strong>0</strong> van 4" in page
    queued_tasks[0]()
    status, page = follow(queued["url"], page_url)
    assert status["status"] == "klaar" and status["answer"] and "<strong>4</strong> van 4" in page
    assert Message.objects.get(code="JW323").xml.count("<jw323:Prestatie>") == 4  # kept, just not read
