"""The demo's billing stage plants a bill past the vervaltermijn, however far its months reach back."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from jeugdketen.declaraties import ledger
from jeugdketen.declaraties.demo import bill
from jeugdketen.declaraties.models import Prestatie

from .conftest import YEAR


def _late_lines():
    return [p for p in Prestatie.objects.all() if "9319" in p.retourcodes.split(",")]


def test_a_bill_held_back_past_the_vervaltermijn(world):
    world.under_midden_limburg()
    for _ in range(3):
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR + 1, 5, 10), months=7))
    late = _late_lines()
    assert late and all(p.begin.year == YEAR for p in late)
    assert "9319" in {p.retourcodes for p in late}  # late, and otherwise right (the demo also plants faults)
    assert Prestatie.objects.filter(accepted=True).exists()
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []


def test_a_late_bill_is_planted_when_the_months_do_not_reach_back(world):
    world.under_midden_limburg()
    world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR, 12, 6), months=3))
    (late,) = _late_lines()
    assert late.begin == dt.date(YEAR - 2, 12, 1)


def test_small_practices_bill_per_quarter_and_the_demo_pays_monthly(world, xsd_dir):
    from lxml import etree

    from jeugdketen.berichten.models import Message
    from jeugdketen.declaraties.models import Betaalverplichting, Declaratie, GeleverdeZorg

    for _ in range(4):  # fewer than MONTHLY_LINES a month: billed achteraf, per quarter
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=5, today=dt.date(YEAR, 12, 20), months=11))
    rebills = Declaratie.objects.filter(prestaties__debit_credit="C").distinct()
    periods = sorted(Declaratie.objects.exclude(pk__in=rebills).values_list("period_begin", flat=True))
    assert [p.month for p in periods] == [3, 6, 9, 11, 11]  # quarters, the last month, the planted late bill
    # Lines rejected for a wrong tariff are credited and billed again, one JW323 each.
    assert rebills.exists()
    for rebill in rebills:
        lines = list(rebill.prestaties.order_by("position"))
        assert [line.debit_credit for line in lines] == ["C", "D"] and lines[0].previous_reference
        assert (
            lines[1].accepted
            and "0611" in Prestatie.objects.get(reference=lines[0].previous_reference).retourcodes
        )
    first = Declaratie.objects.order_by("period_begin", "pk").first()
    months = {p.begin.month for p in Prestatie.objects.filter(declaratie=first)}
    assert months == {1, 2, 3}  # one JW323 with the care of three months (IV090, TR319)
    schema = etree.XMLSchema(etree.parse(str(xsd_dir / "JW323.xsd")))
    for message in Message.objects.filter(code="JW323"):
        assert schema.validate(etree.fromstring(message.xml.encode())), schema.error_log
    # The provider processed every answer; monthly payment runs paid what fell due, the rest is open.
    assert not GeleverdeZorg.objects.filter(status="gedeclareerd").exists()
    assert (
        GeleverdeZorg.objects.filter(status="toegekend").count()
        == Prestatie.objects.filter(accepted=True).count()
    )
    obligations = Betaalverplichting.objects.all()
    assert obligations.filter(paid_on__isnull=False).exists() and obligations.filter(paid_on=None).exists()
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
