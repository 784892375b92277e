"""Access-team route end to end through the CLI: referral, plans, JW301 -> JW302, JW305 -> JW306, stop."""

import datetime as dt
import json

from tests.toegang.world import TODAY, assert_valid, make_client, process_json, run, under_midden_limburg

from jeugdketen.berichten import ijwxml
from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import new_identification, send
from jeugdketen.levering.models import Start, Stop, Task
from jeugdketen.toegang.models import Referral, Toewijzing
from jeugdketen.toegang.services import record_plan, register_referral


def spec_for(world, client, **product):
    item = {
        "category": "45",
        "code": "45B50",
        "begin": "2026-03-09",
        "end": "2026-12-31",
        "volume": 4,
        "unit": "04",
        "frequency": "2",
    }
    item.update(product)
    return {
        "municipality": world.gemeente.cbs_code,
        "provider": world.provider.agb_code,
        "date": TODAY.isoformat(),
        "client": {
            "bsn": client.bsn,
            "birth_date": client.birth_date.isoformat(),
            "last_name": client.last_name,
        },
        "products": [item],
    }


def test_access_team_route(world, tmp_path, schemas, xsd_dir):
    under_midden_limburg(world)
    client = make_client(world)
    referral = register_referral(
        client=client, municipality=world.gemeente, route="toegang", date=TODAY, provider=world.provider
    )
    assert not Task.objects.filter(kind="plan1").exists()  # counts from the vaststelling of deel 1
    record_plan(referral=referral, part=1, day=dt.date(2026, 3, 4), established_on=dt.date(2026, 3, 2))
    assert Task.objects.get(kind="plan1").due == dt.date(2026, 3, 5)
    record_plan(referral=referral, part=2, day=dt.date(2026, 3, 20))
    # 12 working days after Fri 20 March, skipping Goede Vrijdag and Paasmaandag.
    assert Task.objects.get(kind="jw301", done_on=None).due == dt.date(2026, 4, 9)

    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(spec_for(world, client)))
    code, text = run("allocation", "create", "--spec", spec, "--out", tmp_path / "gemeente")
    assert code == 0, text
    toewijzing = Toewijzing.objects.get(client=client)
    assert not Task.objects.filter(kind="jw301", done_on=None).exists()
    jw301 = next((tmp_path / "gemeente").glob("*_JW301_*"))
    assert_valid(jw301.read_bytes(), schemas, xsd_dir)

    # The provider receives the JW301 and answers with a JW302.
    code, records = process_json(jw301, out=tmp_path / "aanbieder")
    assert code == 0 and records[0]["accepted"], records
    assert [p["message"] for p in records[0]["produced"]] == ["JW302"]
    jw302 = tmp_path / "aanbieder" / records[0]["produced"][0]["file"]
    assert_valid(jw302.read_bytes(), schemas, xsd_dir)
    code, records = process_json(jw302, out=tmp_path / "gemeente")
    assert code == 0 and records[0]["produced"] == []
    assert Message.objects.get(code="JW301", direction="out").accepted is True

    # The provider reports the start: JW305 in at the municipality, JW306 back.
    root = ijwxml.jw305(
        client,
        [(toewijzing, dt.date(2026, 3, 10), "1")],
        sender=world.provider.agb_code,
        receiver=world.gemeente.cbs_code,
        identification="start1",
        dagtekening=dt.date(2026, 3, 10),
    )
    path = tmp_path / "jw305.xml"
    from lxml import etree

    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert_valid(path.read_bytes(), schemas, xsd_dir)
    code, records = process_json(path, out=tmp_path / "gemeente")
    assert code == 0 and records[0]["accepted"], records
    assert Start.objects.get(toewijzing=toewijzing).date == dt.date(2026, 3, 10)
    assert Task.objects.get(kind="start", toewijzing=toewijzing).done_on is not None
    jw306 = tmp_path / "gemeente" / records[0]["produced"][0]["file"]
    assert_valid(jw306.read_bytes(), schemas, xsd_dir)

    # The same JW305 again: recognised (TR056), not processed twice.
    code, records = process_json(path, out=tmp_path / "gemeente")
    assert code == 1 and records[0]["errors"][0]["code"] == "TR056"
    assert Start.objects.filter(toewijzing=toewijzing).count() == 1
    assert_valid((tmp_path / "gemeente" / records[0]["produced"][0]["file"]).read_bytes(), schemas, xsd_dir)

    # Stop: JW307 -> JW308.
    root = ijwxml.jw307(
        client,
        [(toewijzing, dt.date(2026, 3, 10), "31", dt.date(2026, 6, 30), "1")],
        sender=world.provider.agb_code,
        receiver=world.gemeente.cbs_code,
        identification="stop1",
        dagtekening=dt.date(2026, 7, 1),
    )
    path = tmp_path / "jw307.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    code, records = process_json(path, out=tmp_path / "gemeente")
    assert code == 0 and records[0]["accepted"], records
    assert Stop.objects.get(toewijzing=toewijzing).reason == "31"
    assert_valid((tmp_path / "gemeente" / records[0]["produced"][0]["file"]).read_bytes(), schemas, xsd_dir)

    # Export: every message, in order, type visible.
    code, text = run("messages", "export", "--out", tmp_path / "export", "--party", world.provider.agb_code)
    names = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert [n.split("_")[1] for n in names][:4] == ["JW301", "JW301", "JW302", "JW302"]
    assert Referral.objects.count() == 1


def test_start_for_unknown_toewijzing_is_refused_with_tr019(world, tmp_path, schemas, xsd_dir):
    client = make_client(world)
    fake = Toewijzing(number="999999", product_category="45", product_code="45B50", begin=TODAY)
    root = ijwxml.jw305(
        client,
        [(fake, TODAY, "1")],
        sender=world.provider.agb_code,
        receiver=world.gemeente.cbs_code,
        identification="x1",
        dagtekening=TODAY,
    )
    from lxml import etree

    path = tmp_path / "jw305.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    code, records = process_json(path, out=tmp_path)
    assert code == 1
    assert records[0]["errors"][0]["code"] == "TR019"
    retour = (tmp_path / records[0]["produced"][0]["file"]).read_text()
    assert "<jw306:RetourCode>9019</jw306:RetourCode>" in retour
    assert_valid(retour, schemas, xsd_dir)


def test_refused_allocation_names_the_rule(world, tmp_path):
    client = make_client(world)
    spec = tmp_path / "spec.json"
    # Before the provider's contract began: no contract, no toewijzing.
    spec.write_text(json.dumps(spec_for(world, client, begin="2019-03-04", end="2019-12-31")))
    code, text = run("allocation", "create", "--spec", spec, "--out", tmp_path)
    assert code == 1 and "CONTRACT" in text
    assert not Toewijzing.objects.exists()
    assert send and new_identification  # public API used by other tests
