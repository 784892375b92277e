"""The back office bills a month as the municipality accepts it: one line per toewijzing, month
and tariff, over the whole month cut only by the toewijzing (TR387/TR388), however the care was
registered (per day, or in parts of the month). Every registration keeps the line it was billed
on, so the JW325, credit-and-rebill and a later registration work per line."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from lxml import etree

from jeugdketen.accounts.models import Role, User
from jeugdketen.declaraties import backoffice
from jeugdketen.declaraties.models import GeleverdeZorg, Prestatie

from .conftest import YEAR

NS323 = "{http://www.istandaarden.nl/ijw/3_2/jw323/schema}"
NSB = "{http://www.istandaarden.nl/ijw/3_2/basisschema/schema}"
ANSWERED = dt.date(YEAR, 6, 3)


def lines_of(xml: str) -> list[dict]:
    """The Prestatie lines of a JW323 as written: reference, period, volume, debit or credit."""
    root = etree.fromstring(xml.encode())
    return [
        {
            "reference": p.findtext(f"{NS323}ProductReferentie/{NSB}ReferentieNummer"),
            "previous": p.findtext(f"{NS323}ProductReferentie/{NSB}VorigReferentieNummer"),
            "begin": dt.date.fromisoformat(p.findtext(f"{NS323}ProductPeriode/{NSB}Begindatum")),
            "end": dt.date.fromisoformat(p.findtext(f"{NS323}ProductPeriode/{NSB}Einddatum")),
            "volume": int(p.findtext(f"{NS323}GeleverdVolume")),
            "dc": p.findtext(f"{NS323}DeclaratieBedrag/{NSB}DebetCredit")
            or p.findtext(f"{NS323}IngediendBedrag/{NSB}DebetCredit"),
        }
        for p in root.iter(f"{NS323}Prestatie")
    ]


def day(month: int, d: int) -> dt.date:
    return dt.date(YEAR, month, d)


def test_a_month_registered_per_part_is_billed_as_one_accepted_line(world, oracle):
    tw = world.toewijzing(volume=600, frequency="4")
    parts = [(day(3, 1), day(3, 10), 20), (day(3, 11), day(3, 11), 5), (day(3, 12), day(3, 31), 35)]
    registered = [backoffice.register(tw, begin=b, end=e, volume=v) for b, e, v in parts]
    april = backoffice.register(tw, begin=day(4, 1), end=day(4, 30), volume=60)

    billed = backoffice.bill_month(world.provider, world.municipality, day(3, 1), today=ANSWERED)
    oracle(billed.message.xml, "JW323")
    oracle(billed.answer.xml, "JW325")
    [line] = lines_of(billed.message.xml)  # April is not billed with March
    assert (line["begin"], line["end"], line["volume"]) == (day(3, 1), day(3, 31), 60)
    # The municipality's real intake judged it: accepted, no TR387/TR388 (9387/9388).
    prestatie = Prestatie.objects.get(reference=line["reference"])
    assert prestatie.accepted and prestatie.retourcodes in ("", "0001"), prestatie.findings
    assert (prestatie.begin, prestatie.end, prestatie.volume) == (day(3, 1), day(3, 31), 60)
    for delivery in registered:
        delivery.refresh_from_db()
        assert (delivery.status, delivery.reference) == ("toegekend", line["reference"])
    april.refresh_from_db()
    assert (april.status, april.reference) == ("open", "")

    # A part of March registered now would be billed in parts: refused, with the way to correct.
    with pytest.raises(backoffice.RegistrationRefused) as refused:
        backoffice.register(tw, begin=day(3, 20), end=day(3, 20), volume=1)
    assert "al gedeclareerd" in refused.value.findings[0]
    assert "Crediteren en opnieuw declareren" in refused.value.findings[0]
    # Another month of the same toewijzing is not affected.
    assert backoffice.check_registration(tw, begin=day(5, 2), end=day(5, 2), volume=1) == []


def test_the_first_and_last_month_are_cut_by_the_toewijzing(world, oracle):
    tw = world.toewijzing(volume=300, frequency="4", begin=day(1, 10), end=day(5, 20), start=day(1, 10))
    for begin, end, volume in [
        (day(1, 10), day(1, 15), 40),
        (day(1, 16), day(1, 31), 60),
        (day(3, 1), day(3, 31), 100),
        (day(5, 1), day(5, 5), 30),
        (day(5, 12), day(5, 12), 10),
        (day(5, 13), day(5, 20), 20),
    ]:
        backoffice.register(tw, begin=begin, end=end, volume=volume)
    billed = backoffice.bill_month(world.provider, world.municipality, day(5, 1), today=ANSWERED)
    oracle(billed.message.xml, "JW323")
    found = sorted((line["begin"], line["end"], line["volume"]) for line in lines_of(billed.message.xml))
    assert found == [(day(1, 10), day(1, 31), 100), (day(3, 1), day(3, 31), 100), (day(5, 1), day(5, 20), 60)]
    assert Prestatie.objects.filter(accepted=True).count() == 3
    assert set(GeleverdeZorg.objects.values_list("status", flat=True)) == {"toegekend"}
    assert GeleverdeZorg.objects.values("reference").distinct().count() == 3


def test_different_tariffs_are_not_joined(world, oracle):
    tw = world.toewijzing(volume=600, frequency="4")
    tariff = Decimal(world.tariff_cents(tw)) / 100
    right = backoffice.register(tw, begin=day(3, 1), end=day(3, 15), volume=30)
    # A registration from before the checks, at another tariff: its own line, not joined.
    other = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=day(3, 16), end=day(3, 31), volume=30, tariff=tariff + 1
    )
    [(_, ready, _)] = backoffice.ready_to_bill(world.provider, until=day(3, 31))
    assert [line.registrations for line in ready] == [[right]]
    # One JW323 may hold one debit line per toewijzing, product and period (TR416): the line at
    # the other tariff waits for the next JW323.
    billed = backoffice.bill_month(world.provider, world.municipality, day(3, 1), today=ANSWERED)
    oracle(billed.message.xml, "JW323")
    [line] = lines_of(billed.message.xml)
    assert (line["begin"], line["end"], line["volume"]) == (day(3, 1), day(3, 31), 30)
    other.refresh_from_db()
    assert other.status == "open"
    later = backoffice.bill_month(world.provider, world.municipality, day(3, 1), today=ANSWERED)
    oracle(later.message.xml, "JW323")
    [line] = lines_of(later.message.xml)
    assert (line["begin"], line["end"], line["volume"]) == (day(3, 1), day(3, 31), 30)
    right.refresh_from_db()
    other.refresh_from_db()
    assert right.reference != other.reference and right.status == "toegekend"
    assert other.status == "afgewezen" and "0611" in other.retourcodes.split(",")  # not the contract's


def test_credit_and_rebill_of_a_joined_line_credits_the_whole_line(world, oracle):
    tw = world.toewijzing(volume=600, frequency="4")
    first = backoffice.register(tw, begin=day(2, 1), end=day(2, 14), volume=30)
    second = backoffice.register(tw, begin=day(2, 15), end=day(2, 28), volume=30)
    billed = backoffice.bill_month(world.provider, world.municipality, day(2, 1), today=ANSWERED)
    [line] = lines_of(billed.message.xml)
    second.refresh_from_db()
    assert second.status == "toegekend"

    again = backoffice.credit_and_rebill(second, volume=50, today=ANSWERED + dt.timedelta(days=1))
    oracle(again.message.xml, "JW323")
    oracle(again.answer.xml, "JW325")
    credit, debit = lines_of(again.message.xml)
    assert (credit["dc"], credit["previous"], credit["volume"]) == ("C", line["reference"], 60)
    assert (credit["begin"], credit["end"]) == (debit["begin"], debit["end"]) == (day(2, 1), day(2, 28))
    assert (debit["dc"], debit["volume"]) == ("D", 50)
    for delivery in (first, second):
        delivery.refresh_from_db()
        assert (delivery.status, delivery.credit_reference) == ("gecrediteerd", credit["reference"])
    rebill = GeleverdeZorg.objects.exclude(pk__in=[first.pk, second.pk]).get()
    assert (rebill.status, rebill.volume, rebill.begin, rebill.end) == (
        "toegekend",
        50,
        day(2, 1),
        day(2, 28),
    )
    assert Prestatie.objects.get(debit_credit="C").accepted
    assert Prestatie.objects.get(reference=line["reference"]).credited
    with pytest.raises(ValueError):
        backoffice.credit_and_rebill(first, today=ANSWERED)  # credited already, with its line
    # The month stays billed: a new part is still refused.
    assert "al gedeclareerd" in backoffice.check_registration(tw, begin=day(2, 3), end=day(2, 3), volume=1)[0]


def test_a_month_in_parts_over_the_api(world, client, monkeypatch):
    monkeypatch.setattr("jeugdketen.declaraties.views.today", lambda: ANSWERED)
    client.force_login(User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider))
    tw = world.toewijzing(volume=100, frequency="4")
    url = "/api/v1/geleverde-zorg"

    def post(path, body):
        return client.post(path, data=json.dumps(body), content_type="application/json")

    for begin, end in [("04-01", "04-15"), ("04-16", "04-30")]:
        made = post(
            url, {"toewijzing": tw.pk, "begin": f"{YEAR}-{begin}", "end": f"{YEAR}-{end}", "volume": 40}
        )
        assert made.status_code == 201, made.content
    billed = post(f"{url}/declareren", {"gemeente": world.municipality.cbs_code, "maand": f"{YEAR}-04-01"})
    assert billed.status_code == 201, billed.content
    assert (billed.json()["lines_total"], billed.json()["lines_rejected"]) == (1, 0)
    rows = client.get(url).json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert {row["status"] for row in rows} == {"toegekend"} and len({row["reference"] for row in rows}) == 1
    late = post(url, {"toewijzing": tw.pk, "begin": f"{YEAR}-04-20", "end": f"{YEAR}-04-20", "volume": 5})
    assert late.status_code == 422 and "al gedeclareerd" in late.json()["findings"][0]
    again = post(f"{url}/{rows[0]['id']}/crediteren", {"volume": 90})
    assert again.status_code == 201, again.content
    assert (again.json()["lines_total"], again.json()["lines_rejected"]) == (2, 0)
    assert Prestatie.objects.get(debit_credit="C").volume == 80


def test_the_ready_to_bill_screen_shows_the_joined_line(world, client, monkeypatch):
    monkeypatch.setattr("jeugdketen.declaraties.views.today", lambda: day(4, 3))
    client.force_login(User.objects.create(username="ab", role=Role.AANBIEDER, provider=world.provider))
    tw = world.toewijzing(volume=600, frequency="4")
    backoffice.register(tw, begin=day(3, 1), end=day(3, 9), volume=12)
    backoffice.register(tw, begin=day(3, 10), end=day(3, 31), volume=30)
    page = client.get("/declaraties/backoffice/").content.decode()
    assert f"{tw.number}: 01-03-{YEAR} – 31-03-{YEAR}, 42 à" in page
    assert "2 registraties samengevoegd" in page
