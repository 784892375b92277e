"""Double billing, credits, duplicate messages and declarations, and technical rejection."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from jeugdketen.berichten.models import Message
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Boeking, Declaratie, Prestatie
from jeugdketen.ijw.validate import validate

from .conftest import YEAR

DAY = dt.date(YEAR, 12, 6)


def codes(result) -> dict[str, str]:
    return {p.reference: p.retourcodes for p in Prestatie.objects.filter(declaratie=result.declaratie)}


def test_the_same_jw323_sent_twice_is_judged_once(world):
    tw = world.toewijzing()
    data = world.jw323([world.line(tw)])
    first = process_jw323(data, received_on=DAY)
    second = process_jw323(data, received_on=DAY)
    assert second.duplicate and second.answer_xml == first.answer_xml
    assert Declaratie.objects.count() == 1 and Prestatie.objects.count() == 1
    assert Message.objects.filter(code="JW325").count() == 1


def test_a_declaratie_number_used_before_is_refused_whole(world, xsd_dir):
    tw = world.toewijzing()
    process_jw323(world.jw323([world.line(tw, month=1)], number="DN1"), received_on=DAY)
    again = process_jw323(world.jw323([world.line(tw, month=2)], number="DN1"), received_on=DAY)
    assert again.declaratie.status == "afgekeurd" and again.declaratie.retourcodes == ["9333"]
    assert not Prestatie.objects.filter(declaratie=again.declaratie).exists()
    assert not Boeking.objects.filter(declaratie=again.declaratie).exists()
    assert validate(again.answer_xml, xsd_dir=xsd_dir).ok
    root = etree.fromstring(again.answer_xml)
    assert root.findtext(".//{*}TotaalToegekendBedrag/{*}TotaalBedrag") == "0"


def test_a_technically_rejected_declaration_books_nothing(world, xsd_dir):
    tw = world.toewijzing()
    line = world.line(tw)
    data = world.jw323([line]).replace(
        f">{line.amount_cents}<".encode(), f">{line.amount_cents + 5}<".encode(), 1
    )
    result = process_jw323(data, received_on=DAY)
    assert not result.accepted and result.declaratie is None
    assert not Prestatie.objects.exists() and not Boeking.objects.exists()
    root = etree.fromstring(result.answer_xml)
    assert root.find("{*}DeclaratieAntwoord") is None
    header_codes = [e.text for e in root.find("{*}Header").iter("{*}RetourCode")]
    assert header_codes[0] == "0001"
    assert validate(result.answer_xml, xsd_dir=xsd_dir).ok


def test_debit_lines_are_not_billed_twice(world):
    tw = world.toewijzing()
    first = world.line(tw, month=1)
    process_jw323(world.jw323([first]), received_on=DAY)
    again_same_ref = world.line(tw, month=2, reference=first.reference)
    again_same_period = world.line(tw, month=1)
    result = process_jw323(world.jw323([again_same_ref, again_same_period]), received_on=DAY)
    assert codes(result) == {first.reference: "8021", again_same_period.reference: "9389"}


def test_credit_then_rebill_and_the_credit_rules(world, xsd_dir):
    tw = world.toewijzing()
    first = world.line(tw, month=1)
    process_jw323(world.jw323([first]), received_on=DAY)
    credit = world.credit(first)
    corrected = world.line(tw, month=1, volume=30)
    unknown = world.credit(world.line(tw, month=2))
    result = process_jw323(world.jw323([credit, corrected, unknown]), received_on=DAY)
    assert codes(result) == {credit.reference: "", corrected.reference: "", unknown.reference: "8017"}
    assert Prestatie.objects.get(reference=first.reference).credited
    assert result.declaratie.total_accepted_cents == corrected.amount_cents + credit.amount_cents
    assert validate(result.answer_xml, xsd_dir=xsd_dir).ok
    twice = world.credit(first)
    result = process_jw323(world.jw323([twice]), received_on=DAY)
    assert codes(result) == {twice.reference: "9390"}


def test_a_rejected_line_must_be_credited_before_it_is_billed_again(world):
    tw = world.toewijzing()
    tariff = world.tariff_cents(tw)
    wrong = world.line(tw, month=1, tariff_cents=tariff + 10, amount_cents=60 * (tariff + 10))
    assert codes(process_jw323(world.jw323([wrong]), received_on=DAY)) == {wrong.reference: "0611"}
    rebill = world.line(tw, month=1)
    assert codes(process_jw323(world.jw323([rebill]), received_on=DAY)) == {rebill.reference: "9389"}
    credit = world.credit(wrong)
    rebill_again = world.line(tw, month=1)
    result = process_jw323(world.jw323([credit, rebill_again]), received_on=DAY)
    # The credit closes the rejected line but moves no money, so it comes back (8017) unpaid.
    assert codes(result) == {credit.reference: "8017", rebill_again.reference: ""}
    assert result.declaratie.total_accepted_cents == rebill_again.amount_cents


def test_the_message_exchange_hands_a_jw323_to_the_declarations(world, xsd_dir):
    from jeugdketen.berichten.services import process

    tw = world.toewijzing()
    data = world.jw323([world.line(tw)])
    outcome = process(data, today=DAY)
    assert outcome.accepted and [m.code for m in outcome.produced] == ["JW325"]
    assert validate(outcome.produced[0].xml.encode(), xsd_dir=xsd_dir).ok
    again = process(data, today=DAY)
    assert again.duplicate and Declaratie.objects.count() == 1
