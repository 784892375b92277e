"""The iStandaarden's case descriptions for iJw 3.2, end to end, both parties played by the system.

Each message one party writes goes to the other through ``jeugdketen messages process`` (or
through the screens, which deliver inside the system); every message written and every
retour is checked against the official XSD and the official rule stylesheet.
"""

import datetime as dt
import re

import pytest
from lxml import etree
from tests.toegang.world import make_client, process_json

from jeugdketen.accounts.models import Role, User
from jeugdketen.berichten.models import Message
from jeugdketen.levering import services as levering
from jeugdketen.levering.models import Start, Stop
from jeugdketen.toegang.checks import find_product
from jeugdketen.toegang.services import allocate, extend

TODAY = dt.date.today()
BEGIN = TODAY - dt.timedelta(days=120)


@pytest.fixture(scope="module")
def oracle(shared_dir, xsd_dir):
    stylesheet = etree.XSLT(etree.parse(str(shared_dir / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl")))
    schemas = {}

    def check(data: bytes) -> str:
        """Asserts the message passes the XSD and the stylesheet; returns its code."""
        root = etree.fromstring(data)
        code = root.tag.split("/ijw/3_2/")[1].split("/")[0].upper()
        if code not in schemas:
            schemas[code] = etree.XMLSchema(etree.parse(str(xsd_dir / f"{code}.xsd")))
        assert schemas[code].validate(root), (code, schemas[code].error_log)
        report = stylesheet(etree.ElementTree(root))
        fouten = [
            etree.tostring(node).decode()
            for node in report.getroot().iter()
            if isinstance(node.tag, str) and etree.QName(node).localname == "Fout"
        ]
        assert not fouten, (code, fouten)
        return code

    return check


class Exchange:
    """Writes a party's outbound message to a file and has the other party process it with
    ``jeugdketen messages process``; what that writes is processed in turn (the retours)."""

    def __init__(self, tmp_path, oracle):
        self.tmp, self.oracle, self.n = tmp_path, oracle, 0
        self.codes: list[str] = []

    def send(self, message: Message) -> list[dict]:
        self.n += 1
        path = self.tmp / f"{self.n:03d}-{message.code}.xml"
        path.write_text(message.xml, encoding="utf-8")
        self.codes.append(self.oracle(path.read_bytes()))
        out = self.tmp / f"out{self.n:03d}"
        code, records = process_json(path, out=out)
        assert code == 0 and records and records[0]["accepted"], records
        for record in records:
            for produced in record["produced"]:
                data = (out / produced["file"]).read_bytes()
                self.codes.append(self.oracle(data))
                self.n += 1
                answer = self.tmp / f"{self.n:03d}-{produced['message']}.xml"
                answer.write_bytes(data)
                code, more = process_json(answer, out=self.tmp / f"out{self.n:03d}")
                assert code == 0 and more[0]["accepted"], more
        return records


@pytest.fixture
def case(world, tmp_path, oracle):
    person = make_client(world)
    t = allocate(
        municipality=world.gemeente,
        client=person,
        provider=world.provider,
        product=find_product(world.gemeente, "45", "45B50"),
        begin=BEGIN,
        end=TODAY + dt.timedelta(days=60),
        volume=4,
        unit="04",
        frequency="2",
        today=BEGIN,
    )
    exchange = Exchange(tmp_path, oracle)
    t.refresh_from_db()
    exchange.send(t.message)  # JW301 to the provider, JW302 back
    exchange.send(
        levering.report_start(
            t, BEGIN + dt.timedelta(days=3), today=BEGIN + dt.timedelta(days=3), deliver=False
        ).message
    )
    t.refresh_from_db()
    return t, exchange


def users(world):
    toegang = User.objects.create(username="tm", role=Role.TOEGANG)
    toegang.municipalities.add(world.gemeente)
    aanbieder = User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider)
    return toegang, aanbieder


def test_oprekken_moves_the_end_date(world, case, client, oracle):
    """Case 1: the municipality extends a toewijzing by moving its end date (oprekken)."""
    t, exchange = case
    later = t.end + dt.timedelta(days=90)
    exchange.send(extend(t, end=later, today=TODAY))
    t.refresh_from_db()
    assert t.end == later and t.reden_wijziging == "04"
    jw301 = Message.objects.filter(code="JW301", direction="out").order_by("-pk").first()
    assert f"<ns2:Einddatum>{later}" in jw301.xml or re.search(rf"Einddatum>{later}<", jw301.xml)
    # The screens: the access team stretches it once more; the provider's JW302 comes back.
    toegang, _ = users(world)
    client.force_login(toegang)
    further = later + dt.timedelta(days=30)
    response = client.post(f"/toegang/toewijzingen/{t.pk}/verlengen/", {"end": further.isoformat()})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.end == further
    latest = Message.objects.filter(code="JW301", direction="out").order_by("-pk").first()
    assert (
        latest.replies.filter(code="JW302").exists()
        or Message.objects.filter(code="JW302", in_reply_to=latest).exists()
    )
    for message in (latest, *Message.objects.filter(code="JW302").order_by("-pk")[:2]):
        oracle(message.xml.encode())
    page = client.get(f"/toegang/clienten/{t.client_id}/")
    assert further.strftime("%d-%m-%Y") in page.content.decode()
    assert exchange.codes.count("JW301") == 2 and exchange.codes.count("JW302") == 2


def test_temporary_then_definitive_stop_same_end_date(world, case, client):
    """Case 2: delivery, a temporary stop, then the definitive stop with the same end date."""
    t, exchange = case
    begin = t.starts.get().date
    pause = TODAY - dt.timedelta(days=20)
    _, aanbieder = users(world)
    client.force_login(aanbieder)
    # The provider reports the temporary stop on the screen (delivered inside the system).
    response = client.post(f"/levering/toewijzingen/{t.pk}/stop/", {"end": pause.isoformat(), "reason": "20"})
    assert response.status_code in (200, 302)
    assert Stop.objects.get(toewijzing=t).reason == "20"
    exchange.send(levering.report_stop(t, pause, "31", begin=begin, today=TODAY, deliver=False).message)
    stop = Stop.objects.get(toewijzing=t)
    assert (stop.date, stop.reason) == (pause, "31")
    assert exchange.codes[-2:] == ["JW307", "JW308"]


def test_temporary_then_definitive_stop_other_end_date(world, case):
    """Case 3: a temporary stop, then the definitive stop with a later end date."""
    t, exchange = case
    begin = t.starts.get().date
    pause = TODAY - dt.timedelta(days=30)
    end = TODAY - dt.timedelta(days=10)
    exchange.send(levering.report_stop(t, pause, "20", begin=begin, today=pause, deliver=False).message)
    exchange.send(levering.report_stop(t, end, "34", begin=begin, today=TODAY, deliver=False).message)
    stop = Stop.objects.get(toewijzing=t)
    assert (stop.date, stop.reason) == (end, "34")
    assert Start.objects.filter(toewijzing=t).count() == 1
    assert exchange.codes.count("JW307") == 2 and exchange.codes.count("JW308") == 2


def test_stop_later_corrected(world, case):
    """Case 4: a stop sent with the wrong end date, withdrawn (StatusAanlevering 3) and sent again."""
    t, exchange = case
    begin = t.starts.get().date
    wrong, right = TODAY - dt.timedelta(days=5), TODAY - dt.timedelta(days=12)
    exchange.send(levering.report_stop(t, wrong, "32", begin=begin, today=wrong, deliver=False).message)
    assert Stop.objects.get(toewijzing=t).date == wrong
    exchange.send(levering.correct_stop(t, wrong, "32", begin=begin, today=TODAY, deliver=False).message)
    assert not Stop.objects.filter(toewijzing=t).exists()
    exchange.send(levering.report_stop(t, right, "32", begin=begin, today=TODAY, deliver=False).message)
    stop = Stop.objects.get(toewijzing=t)
    assert (stop.date, stop.reason) == (right, "32")
    corrections = [
        m
        for m in Message.objects.filter(code="JW307", direction="in")
        if re.search(r"StatusAanlevering>3<", m.xml)
    ]
    assert len(corrections) == 1
