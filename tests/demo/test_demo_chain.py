"""The demo runs the real chain: every iJw 3.2 message type, each valid by the official
XSD and the official rule stylesheet, and every outbound message answered by its retour."""

import datetime as dt
import re
from collections import Counter

import pytest
from lxml import etree
from tests.toegang.world import run

from jeugdketen.berichten import ijwxml
from jeugdketen.berichten.models import Message
from jeugdketen.catalogus.loader import load_all
from jeugdketen.declaraties.models import GeleverdeZorg, Prestatie
from jeugdketen.levering.models import Stop
from jeugdketen.toegang.models import AllocationRequest

TODAY = dt.date(2026, 12, 1)
ALL_TYPES = {f"JW3{n:02d}" for n in (1, 2, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20, 23, 25)}
RETOUR = {**ijwxml.RETOUR_OF, "JW323": "JW325"}


@pytest.fixture(scope="module")
def stylesheet(shared_dir):
    return etree.XSLT(etree.parse(str(shared_dir / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl")))


def fouten(report) -> list[str]:
    """The rule codes of every Fout in a validatie/1_1 report of the official stylesheet."""
    found = []
    for node in report.getroot().iter():
        if isinstance(node.tag, str) and etree.QName(node).localname == "Fout":
            codes = [
                c.text for c in node.iter() if isinstance(c.tag, str) and etree.QName(c).localname == "Code"
            ]
            found.append(",".join(c or "" for c in codes))
    return found


@pytest.mark.django_db
def test_demo_400_exports_every_message_type_valid_and_answered(tmp_path, xsd_dir, stylesheet, monkeypatch):
    monkeypatch.delenv("JEUGDKETEN_DEMO", raising=False)
    load_all()
    code, text = run("demo", "--youths", 400, "--months", 12, "--seed", 11, "--today", TODAY)
    assert code == 0, text
    out = tmp_path / "export"
    code, text = run("messages", "export", "--out", out)
    assert code == 0, text
    files = sorted(out.glob("*.xml"))
    types = Counter(re.search(r"_(JW3\d\d)_", f.name).group(1) for f in files)
    assert set(types) == ALL_TYPES, types

    schemas = {c: etree.XMLSchema(etree.parse(str(xsd_dir / f"{c}.xsd"))) for c in ALL_TYPES}
    problems = []
    for path in files:
        kind = re.search(r"_(JW3\d\d)_", path.name).group(1)
        document = etree.parse(str(path))
        if not schemas[kind].validate(document):
            problems.append((path.name, "xsd", str(schemas[kind].error_log.last_error)))
            continue
        found = fouten(stylesheet(document))
        if found:
            problems.append((path.name, "xsl", found))
    assert not problems, problems[:10]

    # Every outbound message that has a retour got it: the retour names the message it answers.
    answered = set(
        Message.objects.filter(code__in=set(RETOUR.values()), in_reply_to__isnull=False).values_list(
            "code", "in_reply_to__sender", "in_reply_to__identification"
        )
    )
    outbound = Message.objects.filter(direction=Message.Direction.OUT, code__in=set(RETOUR))
    missing = [
        (m.code, m.identification)
        for m in outbound
        if (RETOUR[m.code], m.sender, m.identification) not in answered
    ]
    assert outbound.count() > 500
    assert not missing, missing[:10]

    # The mix the documentation promises is there: refusals, onderzoek, corrections, credits.
    statuses = Counter(AllocationRequest.objects.values_list("kind", "status"))
    assert statuses[("JW315", "toegewezen")] > statuses[("JW315", "afgewezen")] > 0
    assert AllocationRequest.objects.filter(refusal_rule="CLIENT-ONBEKEND", status="toegewezen").exists()
    assert statuses[("JW315", "ontvangen")] > 0  # waiting in "Verzoeken in behandeling"
    assert statuses[("JW317", "toegewezen")] > 0
    assert Stop.objects.filter(reason="20").exists()
    assert Message.objects.filter(code="JW305", xml__regex=r"StatusAanlevering>3<").exists()
    assert Message.objects.filter(code="JW307", xml__regex=r"StatusAanlevering>3<").exists()
    assert Message.objects.filter(code="JW301", xml__regex=r"RedenWijziging>04<").exists()
    assert Message.objects.filter(code="JW301", xml__regex=r"RedenWijziging>05<").exists()
    credits = Prestatie.objects.filter(debit_credit="C").exclude(previous_reference="")
    assert credits.exists()
    # Credits from the back office (its registrations credited) and from providers' own software.
    office = set(
        GeleverdeZorg.objects.filter(status="gecrediteerd").values_list("credit_reference", flat=True)
    )
    assert office and office < set(credits.values_list("reference", flat=True))
