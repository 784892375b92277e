"""Every kind of fault planted in one declaration: exactly those lines are rejected, with the right code."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Prestatie
from jeugdketen.ijw.validate import validate

from .conftest import YEAR


def codes(result) -> dict[str, str]:
    return {p.reference: p.retourcodes for p in Prestatie.objects.filter(declaratie=result.declaratie)}


def test_a_clean_declaration_is_accepted_in_full(world, xsd_dir):
    tw = world.toewijzing()
    lines = [world.line(tw, month=m) for m in (1, 2, 3)]
    result = process_jw323(world.jw323(lines), received_on=dt.date(YEAR, 12, 6))
    assert result.accepted and result.declaratie.lines_rejected == 0
    assert result.declaratie.total_accepted_cents == sum(line.amount_cents for line in lines)
    report = validate(result.answer_xml, xsd_dir=xsd_dir)
    assert report.ok, report.issues
    root = etree.fromstring(result.answer_xml)
    assert [e.text for e in root.iter("{*}RetourCode")] == ["0200", "8001"]


def test_every_planted_fault_is_rejected_with_its_code(world, xsd_dir):
    good = world.toewijzing()
    other_client = world.client()
    foreign = world.toewijzing(provider=world.other_provider)
    short = world.toewijzing(begin=dt.date(YEAR, 3, 10), end=dt.date(YEAR, 6, 15))
    unstarted = world.toewijzing(start=None)
    withdrawn = world.toewijzing(status="ingetrokken")
    small_total = world.toewijzing(volume=100, frequency="6")
    medicatie = world.toewijzing("50B05", volume=200)
    vaktherapie = world.toewijzing("45B70", volume=2000, frequency="6")
    dyslexie = world.toewijzing(
        "54B97", client=world.client(birth=dt.date(2010, 1, 1)), volume=600, frequency="6"
    )
    logeren = world.toewijzing("logeren", volume=10, frequency="2")
    respijt = world.toewijzing("41A18", volume=40, frequency="4")
    tariff = world.tariff_cents(good)

    planted = {
        "ok1": world.line(good, month=1),
        "ok2": world.line(good, month=2),
        "ok-medicatie": world.line(medicatie, month=1, volume=100),
        "TR338-unknown": world.line(good, toewijzing_number="999999"),
        "TR338-provider": world.line(foreign),
        "TR304": world.line(good, month=4, bsn=other_client.bsn),
        "TR339": world.line(good, month=5, product_category="41"),
        "TR340": world.line(good, month=6, product_code="50B02"),
        "TR341": world.line(good, month=7, unit="04"),
        "TR307": world.line(short, month=3),
        "TR308": world.line(short, month=6),
        "JW305": world.line(unstarted),
        "TR384": world.line(withdrawn),
        "TR321": world.line(good, month=8, volume=700, amount_cents=700 * tariff),
        "TR322-a": world.line(small_total, month=1, volume=60),
        "TR322": world.line(small_total, month=2, volume=60),
        "TR418": world.line(good, month=9, tariff_cents=tariff + 1, amount_cents=60 * (tariff + 1)),
        "TR346": world.line(good, month=10, amount_cents=60 * tariff + 1),
        "PB-medicatie": world.line(medicatie, month=2, volume=30),
        "PB-vaktherapie-a": world.line(vaktherapie, month=1, volume=1100),
        "PB-vaktherapie": world.line(vaktherapie, month=2, volume=200),
        "PB-leeftijd": world.line(dyslexie, month=1, volume=100),
        "PB-logeren-week": world.line(logeren, month=1, volume=14),
        "PB-respijt-a": world.line(respijt, month=1, volume=40),
        "PB-respijt-b": world.line(respijt, month=2, volume=12),
        "PB-respijt": world.line(respijt, month=3, volume=1),
    }
    lines = []
    for key, line in planted.items():
        line.reference = key[:20]
        lines.append(line)
    result = process_jw323(world.jw323(lines), received_on=dt.date(YEAR, 12, 6))
    assert result.accepted
    got = codes(result)
    expected = {
        "TR338-unknown": "9338", "TR338-provider": "9338", "TR304": "8187", "TR339": "9339",
        "TR340": "9340", "TR341": "9341", "TR307": "9307", "TR308": "9308", "JW305": "9069",
        "TR384": "9384", "TR321": "9321", "TR322": "9322", "TR418": "0611", "TR346": "9346",
        "PB-medicatie": "9322", "PB-leeftijd": "8187",
    }  # fmt: skip
    assert {ref: code for ref, code in got.items() if code} == expected
    # The books' advice (Alkmaar "richtlijn", Noordoost-Brabant "dringend advies") is no payment
    # cap: past it, a line is paid as far as the toewijzing reaches (INTENSITEIT signals at allocation).
    for advised in ("PB-vaktherapie", "PB-logeren-week", "PB-respijt"):
        assert got[advised] == "", advised
    rules = {p.reference: [f["rule"] for f in p.findings] for p in Prestatie.objects.filter(accepted=False)}
    assert rules["PB-medicatie"] == ["PB-PLAFOND"] and rules["TR418"] == ["TR418"]
    assert rules["JW305"] == ["JW305"]
    report = validate(result.answer_xml, xsd_dir=xsd_dir)
    assert report.ok, report.issues
    declaratie = result.declaratie
    assert declaratie.lines_rejected == len(expected)
    accepted = sum(line.amount_cents for line in lines if line.reference not in expected)
    assert declaratie.total_accepted_cents == accepted
    root = etree.fromstring(result.answer_xml)
    returned = root.findall(".//{*}Prestatie")
    assert {p.findtext(".//{*}ReferentieNummer") for p in returned} == set(expected)


def test_vervaltermijn(world, xsd_dir):
    world.under_midden_limburg()
    tw = world.toewijzing(begin=dt.date(YEAR - 1, 1, 1), start=dt.date(YEAR - 1, 1, 2))
    late = world.line(tw, month=11, year=YEAR - 1)
    in_time = world.line(tw, month=12, year=YEAR)
    result = process_jw323(
        world.jw323([late, in_time], day=dt.date(YEAR + 1, 1, 5)), received_on=dt.date(YEAR, 4, 2)
    )
    assert codes(result) == {late.reference: "9319", in_time.reference: ""}
    # 9319 is a rejection, so the JW325 that returns the late line passes TR342 (0233 did not).
    report = validate(result.answer_xml, xsd_dir=xsd_dir)
    assert report.ok, report.issues
    first = world.line(tw, month=10, year=YEAR - 1)
    result = process_jw323(world.jw323([first], day=dt.date(YEAR, 3, 5)), received_on=dt.date(YEAR, 4, 1))
    assert codes(result) == {first.reference: ""}


def test_indirect_time_only_where_the_contract_allows(world):
    from jeugdketen.declaraties.models import GeleverdeZorg

    tw = world.toewijzing()
    line = world.line(tw, month=2)
    GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=line.begin, end=line.end, volume=60, indirect_volume=15,
        tariff=1, reference=line.reference,
    )  # fmt: skip
    direct = world.line(tw, month=3)
    result = process_jw323(world.jw323([line, direct]), received_on=dt.date(YEAR, 12, 6))
    assert codes(result) == {line.reference: "9321", direct.reference: ""}
    world.contract.indirect_time_allowed = True
    world.contract.save()
    medicatie = world.toewijzing("50B05")  # the product book allows indirect time for 50B05
    allowed = world.line(medicatie, month=2)
    GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=medicatie, begin=allowed.begin, end=allowed.end, volume=60,
        indirect_volume=15, tariff=1, reference=allowed.reference,
    )  # fmt: skip
    result = process_jw323(world.jw323([allowed]), received_on=dt.date(YEAR, 12, 6))
    assert codes(result) == {allowed.reference: ""}


def test_tr387_period_begins_on_the_first_of_the_month_or_the_toewijzing(world):
    tw = world.toewijzing()
    late_start = world.toewijzing(begin=dt.date(YEAR, 3, 10), start=dt.date(YEAR, 3, 10))
    whole = world.line(tw, month=1)
    mid_month = world.line(tw, month=2, begin=dt.date(YEAR, 2, 3))
    from_toewijzing = world.line(late_start, month=3, begin=dt.date(YEAR, 3, 10))
    not_from_toewijzing = world.line(late_start, month=4, begin=dt.date(YEAR, 4, 10))
    result = process_jw323(
        world.jw323([whole, mid_month, from_toewijzing, not_from_toewijzing]),
        received_on=dt.date(YEAR, 12, 6),
    )
    assert codes(result) == {
        whole.reference: "", mid_month.reference: "9387", from_toewijzing.reference: "",
        not_from_toewijzing.reference: "9387",
    }  # fmt: skip
    (finding,) = Prestatie.objects.get(reference=mid_month.reference).findings
    assert finding["rule"] == "TR387" and "01-02-2025" in finding["text"]


def test_tr388_period_ends_on_the_last_of_the_month_or_the_toewijzing(world):
    tw = world.toewijzing()
    early_end = world.toewijzing(end=dt.date(YEAR, 5, 20))
    whole = world.line(tw, month=1)
    mid_month = world.line(tw, month=2, end=dt.date(YEAR, 2, 20))
    to_toewijzing = world.line(early_end, month=5, end=dt.date(YEAR, 5, 20))
    not_to_toewijzing = world.line(early_end, month=4, end=dt.date(YEAR, 4, 20))
    result = process_jw323(
        world.jw323([whole, mid_month, to_toewijzing, not_to_toewijzing]), received_on=dt.date(YEAR, 12, 6)
    )
    assert codes(result) == {
        whole.reference: "", mid_month.reference: "9388", to_toewijzing.reference: "",
        not_to_toewijzing.reference: "9388",
    }  # fmt: skip
    (finding,) = Prestatie.objects.get(reference=mid_month.reference).findings
    assert finding["rule"] == "TR388" and "28-02-2025" in finding["text"]
