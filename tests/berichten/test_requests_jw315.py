"""GP, GI and dyslexia routes: JW315 in -> JW316 out, then JW301 or JW319; provider side mirrors."""

import datetime as dt

import pytest
from lxml import etree
from tests.toegang.world import TODAY, assert_valid, make_client, process_json, under_midden_limburg

from jeugdketen.berichten import ijwxml
from jeugdketen.berichten.ijwxml import Requested
from jeugdketen.contracten.models import ClientStop
from jeugdketen.levering.deadlines import waiting_list
from jeugdketen.levering.models import Task
from jeugdketen.toegang.models import AllocationRequest, Toewijzing
from jeugdketen.toegang.services import register_referral


def jw315_file(
    tmp_path, world, client, *, provider=None, code="45B50", category="45", referrer="02", ref="REF1"
):
    provider = provider or world.provider
    item = Requested(
        reference=ref,
        category=category,
        code=code,
        begin=dt.date(2026, 3, 9),
        end=dt.date(2026, 9, 30),
        volume=3,
        unit="04",
        frequency="2",
        referrer_code=referrer,
        referrer_agb="01234567",
    )
    root = ijwxml.jw315(
        client,
        [item],
        sender=provider.agb_code,
        receiver=world.gemeente.cbs_code,
        identification=f"vot{ref}",
        dagtekening=TODAY,
    )
    path = tmp_path / f"jw315-{ref}.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


@pytest.mark.parametrize("route,referrer", [("huisarts", "02"), ("gi", "04")])
def test_request_route_allocates(world, tmp_path, schemas, xsd_dir, route, referrer):
    client = make_client(world)
    register_referral(
        client=client,
        municipality=world.gemeente,
        route=route,
        date=TODAY - dt.timedelta(days=7),
        provider=world.provider,
    )
    path = jw315_file(tmp_path, world, client, referrer=referrer)
    assert_valid(path.read_bytes(), schemas, xsd_dir)
    code, records = process_json(path, out=tmp_path / "out")
    assert code == 0 and records[0]["accepted"], records
    assert [p["message"] for p in records[0]["produced"]] == ["JW316", "JW301"]
    for produced in records[0]["produced"]:
        assert_valid((tmp_path / "out" / produced["file"]).read_bytes(), schemas, xsd_dir)
    request = AllocationRequest.objects.get()
    assert request.status == "toegewezen" and request.toewijzing.request_reference == "REF1"
    assert not Task.objects.filter(
        kind__in=["jw315-huisarts", "jw315-gi", "jw301-verzoek"], done_on=None
    ).exists()
    # Provider side consumes the JW301 and answers JW302.
    jw301 = tmp_path / "out" / records[0]["produced"][1]["file"]
    code, records = process_json(jw301, out=tmp_path / "aanbieder")
    assert code == 0 and records[0]["produced"][0]["message"] == "JW302"


def test_dyslexia_route(world, tmp_path, schemas, xsd_dir):
    client = make_client(world, birth=dt.date(2017, 1, 10))
    path = jw315_file(
        tmp_path, world, client, provider=world.dyslexia, code="54B98", category="54", referrer="01"
    )
    code, records = process_json(path, out=tmp_path / "out")
    assert code == 0, records
    assert [p["message"] for p in records[0]["produced"]] == ["JW316", "JW301"]


def test_wrong_municipality_gets_jw319_woonplaatsbeginsel(world, tmp_path, schemas, xsd_dir):
    client = make_client(world, municipality=world.other)
    path = jw315_file(tmp_path, world, client)
    code, records = process_json(path, out=tmp_path / "out")
    assert [p["message"] for p in records[0]["produced"]] == ["JW316", "JW319"]
    jw319 = (tmp_path / "out" / records[0]["produced"][1]["file"]).read_bytes()
    assert_valid(jw319, schemas, xsd_dir)
    assert b"<jw319:RedenAfwijzingVerzoek>8</jw319:RedenAfwijzingVerzoek>" in jw319
    assert f"<jw319:Gemeente>{world.other.cbs_code}</jw319:Gemeente>".encode() in jw319
    assert AllocationRequest.objects.get().refusal_rule == "WOONPLAATSBEGINSEL"
    # The provider processes the JW319 and answers JW320.
    code, records = process_json(tmp_path / "out" / records[0]["produced"][1]["file"], out=tmp_path / "a")
    assert records[0]["produced"][0]["message"] == "JW320"
    assert AllocationRequest.objects.get().right_municipality == world.other


def test_client_stop_refuses(world, tmp_path):
    ClientStop.objects.create(provider=world.provider, reason="Wachtlijst vol", start=dt.date(2026, 1, 1))
    client = make_client(world)
    code, records = process_json(jw315_file(tmp_path, world, client), out=tmp_path / "out")
    assert [p["message"] for p in records[0]["produced"]] == ["JW316", "JW319"]
    assert AllocationRequest.objects.get().refusal_rule == "CLIENTENSTOP"
    assert not Toewijzing.objects.exists()


def test_duplicate_reference_is_tr347(world, tmp_path, schemas, xsd_dir):
    client = make_client(world)
    process_json(jw315_file(tmp_path, world, client), out=tmp_path / "out")
    path = jw315_file(tmp_path, world, client)
    path.write_bytes(path.read_bytes().replace(b"votREF1", b"votREF1b"))
    code, records = process_json(path, out=tmp_path / "out2")
    assert code == 1 and records[0]["errors"][0]["code"] == "TR347"
    assert_valid((tmp_path / "out2" / records[0]["produced"][0]["file"]).read_bytes(), schemas, xsd_dir)


def test_overdue_start_puts_toewijzing_on_waiting_list(world, tmp_path):
    from jeugdketen.berichten.services import process

    under_midden_limburg(world)  # the 10 working days are Midden-Limburg Oost's (Bijlage 1 art. 1.12)
    client = make_client(world)
    process(jw315_file(tmp_path, world, client).read_bytes(), today=TODAY)
    toewijzing = Toewijzing.objects.get()
    task = Task.objects.get(kind="start", toewijzing=toewijzing)
    assert task.due == dt.date(2026, 3, 16)  # 10 working days after Mon 2 March
    assert not waiting_list(today=dt.date(2026, 3, 16)).exists()
    assert list(waiting_list(today=dt.date(2026, 3, 17))) == [toewijzing]
