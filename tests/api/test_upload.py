"""The iJw upload endpoint: hardened parsing, sender check, one message per identification."""

from __future__ import annotations

import pytest

from jeugdketen.audit.models import AuditEntry
from jeugdketen.berichten.models import Message

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<jw315:Bericht xmlns:jw315="http://www.istandaarden.nl/ijw/3_2/jw315/schema">&xxe;</jw315:Bericht>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<lolz>&lol4;</lolz>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE x SYSTEM "http://169.254.169.254/latest/meta-data/"><x/>"""


def _jw315(examples_dir, sender: str) -> bytes:
    text = (examples_dir / "JW315.xml").read_bytes()
    import re

    return re.sub(
        rb"<(\w+):Afzender>[^<]*<", lambda m: b"<%s:Afzender>%s<" % (m[1], sender.encode()), text, count=1
    )


def _post(client, token, data, content_type="application/xml"):
    return client.post("/api/v1/berichten", data=data, content_type=content_type, HTTP_AUTHORIZATION=token)


@pytest.mark.parametrize(
    ("payload", "problem_type"),
    [
        (XXE, "urn:jeugdketen:probleem:onveilige-xml"),
        (BILLION_LAUGHS, "urn:jeugdketen:probleem:onveilige-xml"),
        (EXTERNAL_DTD, "urn:jeugdketen:probleem:onveilige-xml"),
        (b"<html><body/></html>", "urn:jeugdketen:probleem:geen-ijw"),
        (b"<a><b></a>", "urn:jeugdketen:probleem:ongeldige-xml"),
        (b"", "urn:jeugdketen:probleem:ongeldige-xml"),
    ],
    ids=["xxe", "billion-laughs", "external-dtd", "not-ijw", "malformed", "empty"],
)
@pytest.mark.django_db
def test_hostile_xml_is_refused_and_nothing_stored(world, client, api_token, payload, problem_type):
    before = (Message.objects.count(), AuditEntry.objects.count())
    response = _post(client, api_token("systeem-aanbieder"), payload)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == problem_type and body["detail"]
    assert "root:" not in response.content.decode(), "file contents leaked"
    assert (Message.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db
def test_text_xml_is_accepted_as_xml(world, client, api_token):
    assert _post(client, api_token("systeem-aanbieder"), XXE, "text/xml").status_code == 400


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x"]
)
@pytest.mark.django_db
def test_wrong_content_type_is_415(world, client, api_token, content_type):
    before = Message.objects.count()
    assert _post(client, api_token("systeem-aanbieder"), b"<a/>", content_type).status_code == 415
    assert Message.objects.count() == before


@pytest.mark.django_db
def test_upload_of_a_valid_message_is_stored_once_and_audited(world, client, api_token, examples_dir):
    data = _jw315(examples_dir, world.a.provider.agb_code)
    token = api_token("systeem-aanbieder")
    first = _post(client, token, data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["code"] == "JW315" and body["sender"] == world.a.provider.agb_code and "xml" not in body
    again = _post(client, token, data)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Message.objects.filter(identification=body["identification"]).count() == 1
    assert AuditEntry.objects.filter(action="message", actor="token:aanbieder-a").count() == 1
    listed = client.get("/api/v1/berichten", HTTP_AUTHORIZATION=token).json()
    assert body["id"] in [row["id"] for row in listed["results"]]


@pytest.mark.django_db
def test_nobody_sends_in_another_organisations_name(world, client, api_token, examples_dir):
    data = _jw315(examples_dir, world.b.provider.agb_code)
    before = Message.objects.count()
    response = _post(client, api_token("systeem-aanbieder"), data)
    assert response.status_code == 403
    assert response.json()["type"] == "urn:jeugdketen:probleem:vreemde-afzender"
    assert Message.objects.count() == before


@pytest.mark.django_db
def test_auditor_may_not_upload(world, client_as, examples_dir):
    client = client_as("auditor")
    response = client.post("/api/v1/berichten", data=b"<a/>", content_type="application/xml")
    assert response.status_code == 403
