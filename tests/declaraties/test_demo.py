"""The demo's billing stage: providers with their own software (faults, a bill past the vervaltermijn,
rebills) and providers using the back office (registered care, corrections by credit and rebill)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from jeugdketen.declaraties import demo, ledger
from jeugdketen.declaraties.demo import bill
from jeugdketen.declaraties.models import Prestatie

from .conftest import YEAR


def _late_lines():
    return [p for p in Prestatie.objects.all() if "9319" in p.retourcodes.split(",")]


@pytest.fixture
def own_software(monkeypatch):
    monkeypatch.setattr(demo, "BACK_OFFICE_SHARE", 0.0)


@pytest.fixture
def back_office(monkeypatch):
    monkeypatch.setattr(demo, "BACK_OFFICE_SHARE", 1.0)


def test_a_bill_held_back_past_the_vervaltermijn(world, own_software):
    world.under_midden_limburg()
    for _ in range(3):
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR + 1, 5, 10), months=7))
    late = _late_lines()
    assert late and all(p.begin.year == YEAR for p in late)
    assert "9319" in {p.retourcodes for p in late}  # late, and otherwise right (the demo also plants faults)
    assert Prestatie.objects.filter(accepted=True).exists()
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []


def test_a_late_bill_is_planted_when_the_months_do_not_reach_back(world, own_software):
    world.under_midden_limburg()
    world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=3, today=dt.date(YEAR, 12, 6), months=3))
    (late,) = _late_lines()
    assert late.begin == dt.date(YEAR - 2, 12, 1)


def _outbox_matches(declaraties) -> None:
    """Every JW323 sits in the provider's outbox, delivered, and its JW325 came back to it."""
    from jeugdketen.berichten.models import Message

    sent = Message.objects.filter(direction="out", code="JW323")
    assert sent.count() == declaraties.count()
    assert set(sent.values_list("delivery", flat=True)) == {"afgeleverd"}
    received = Message.objects.filter(direction="in", code="JW325")
    assert received.count() == declaraties.count()
    assert all(m.in_reply_to and m.in_reply_to.code == "JW323" for m in received)


def test_own_software_bills_per_quarter_with_faults_and_rebills_them(world, xsd_dir, own_software):
    from lxml import etree

    from jeugdketen.berichten.models import Message
    from jeugdketen.declaraties.models import Betaalverplichting, Declaratie, GeleverdeZorg

    for _ in range(4):  # fewer than MONTHLY_LINES a month: billed achteraf, per quarter
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=5, today=dt.date(YEAR, 12, 20), months=11))
    wrong = list(Prestatie.objects.filter(retourcodes="0611").order_by("pk"))
    assert wrong
    rebills = set()
    for line in wrong[: demo.REBILLS]:  # credited and billed again at the contract tariff, in one JW323
        (credit,) = Prestatie.objects.filter(previous_reference=line.reference, debit_credit="C")
        assert credit.retourcodes == "8017" and Prestatie.objects.get(pk=line.pk).credited
        (again,) = credit.declaratie.prestaties.filter(debit_credit="D")
        assert again.accepted and again.tariff_cents == line.tariff_cents - 100
        assert (again.toewijzing_id, again.begin, again.volume) == (
            line.toewijzing_id,
            line.begin,
            line.volume,
        )
        rebills.add(again.declaratie_id)
    periods = sorted(Declaratie.objects.exclude(pk__in=rebills).values_list("period_begin", flat=True))
    assert [p.month for p in periods] == [3, 6, 9, 11, 11]  # quarters, the last month, the planted late bill
    first = Declaratie.objects.order_by("period_begin", "pk").first()
    months = {p.begin.month for p in Prestatie.objects.filter(declaratie=first)}
    assert months == {1, 2, 3}  # one JW323 with the care of three months (IV090, TR319)
    schema = etree.XMLSchema(etree.parse(str(xsd_dir / "JW323.xsd")))
    for message in Message.objects.filter(code="JW323"):
        assert schema.validate(etree.fromstring(message.xml.encode())), schema.error_log
    _outbox_matches(Declaratie.objects.all())
    assert not GeleverdeZorg.objects.exists()  # its own software keeps its registrations
    obligations = Betaalverplichting.objects.all()
    assert obligations.filter(paid_on__isnull=False).exists() and obligations.filter(paid_on=None).exists()
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []


def test_the_back_office_bills_registered_care_and_corrects_by_credit_and_rebill(world, back_office):
    from jeugdketen.declaraties.models import Declaratie, GeleverdeZorg

    for _ in range(25):  # more than MONTHLY_LINES: billed every month
        world.toewijzing(begin=dt.date(YEAR, 1, 1), start=dt.date(YEAR, 1, 6))
    bill(SimpleNamespace(seed=5, today=dt.date(YEAR, 12, 20), months=11))
    lines = Prestatie.objects.all()
    # Registered through the back office's checks: nothing the checks refuse reaches the municipality.
    assert not lines.filter(accepted=False).exists()
    assert not GeleverdeZorg.objects.filter(status__in=["open", "gedeclareerd", "afgewezen"]).exists()
    credits = lines.filter(debit_credit="C")
    assert credits.count() == demo.REBILLS == GeleverdeZorg.objects.filter(status="gecrediteerd").count()
    for credit in credits:
        original = Prestatie.objects.get(reference=credit.previous_reference, debit_credit="D")
        (rebill,) = credit.declaratie.prestaties.filter(debit_credit="D")
        assert original.credited and rebill.accepted and rebill.volume == original.volume - 1
    assert (
        GeleverdeZorg.objects.filter(status="toegekend").count()
        == lines.filter(debit_credit="D", credited=False).count()
    )
    monthly = Declaratie.objects.exclude(prestaties__debit_credit="C").values_list("period_begin", flat=True)
    assert sorted(p.month for p in monthly) == list(range(1, 12))
    _outbox_matches(Declaratie.objects.all())
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
