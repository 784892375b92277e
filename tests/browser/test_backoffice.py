"""The provider's back office in Debian's Chromium: register a month of care with the checks as
you type, write the monthly JW323 from the registrations, read the JW325 per line, and credit
and rebill the rejected line in one action."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from jeugdketen.declaraties.models import Declaratie, GeleverdeZorg, Prestatie
from tests.browser.test_flows import demo_login, open_card, press

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_aanbieder_registers_bills_and_rebills(page, demo, world, flows, shoot):
    first, last = flows.last_month
    month = (first - dt.timedelta(days=1)).replace(day=1)
    month_end = first - dt.timedelta(days=1)
    care = flows.billed[0]  # 45B50, 120 minutes a week, started two months before last month

    demo_login(page, demo, "aanbieder-medewerker")
    open_card(page, "Zorg en facturatie")
    page.wait_for_url(f"{demo}/declaraties/backoffice/")
    page.get_by_label("Toewijzing:", exact=True).select_option(str(care.pk))
    page.get_by_label("Van:", exact=True).fill(month.isoformat())
    page.get_by_label("Tot en met:", exact=True).fill(month_end.isoformat())
    volume = page.get_by_label("Geleverd volume (in de eenheid van de toewijzing)")
    volume.fill("9999")
    check = page.locator("#controle")
    expect(check).to_contain_text(
        "boven wat is toegewezen", timeout=15_000
    )  # checked while typing, nothing stored
    assert not GeleverdeZorg.objects.filter(toewijzing=care, begin=month).exists()
    volume.fill("400")
    expect(check).to_contain_text("Past binnen de toewijzing", timeout=15_000)
    shoot(page, "aanbieder-backoffice")
    with page.expect_navigation():
        press(page, page.get_by_role("button", name="Registreren"))
    expect(page.locator("main")).to_contain_text("Geregistreerd: 400", timeout=15_000)
    registered = GeleverdeZorg.objects.get(toewijzing=care, begin=month)
    assert (registered.end, registered.volume, registered.status) == (month_end, 400, "open")

    ready = page.locator(
        "section", has=page.get_by_role("heading", name="Klaar om te declareren", exact=False)
    )
    expect(ready.locator("tbody tr")).to_contain_text("3")  # last month's two lines and this one
    press(page, ready.get_by_role("button", name="Maak JW323", exact=False))
    page.wait_for_url(re.compile(r"/declaraties/\d+/$"))
    expect(page.locator("ul.alerts")).to_contain_text("het JW325-antwoord is verwerkt", timeout=15_000)
    declaratie = Declaratie.objects.get(provider=world.a.provider)
    assert (declaratie.lines_total, declaratie.lines_rejected) == (3, 1)
    assert declaratie.message.code == "JW323" and declaratie.answer.code == "JW325"

    page.goto(f"{demo}/declaraties/backoffice/")
    # The month is billed as one line: another part of it is refused as you type.
    page.get_by_label("Toewijzing:", exact=True).select_option(str(care.pk))
    page.get_by_label("Van:", exact=True).fill(month.isoformat())
    page.get_by_label("Tot en met:", exact=True).fill(month.isoformat())
    page.get_by_label("Geleverd volume (in de eenheid van de toewijzing)").fill("1")
    expect(page.locator("#controle")).to_contain_text("al gedeclareerd", timeout=15_000)
    rows = page.locator("#regels tbody tr")
    expect(rows).to_have_count(3)
    rejected = rows.filter(has_text="0611")
    expect(rejected).to_contain_text("Afgewezen")
    expect(rejected).to_contain_text("corrigeren")
    press(page, rejected.get_by_role("link", name="Crediteren en opnieuw declareren"))
    expect(page.get_by_label("Tarief (euro)")).to_have_value("1.60")
    press(page, page.get_by_role("button", name="Crediteren en opnieuw declareren"))
    expect(page.locator("ul.alerts")).to_contain_text("gecrediteerd en opnieuw gedeclareerd", timeout=15_000)
    wrong = GeleverdeZorg.objects.get(toewijzing=flows.billed[1], status="gecrediteerd")
    credit = Prestatie.objects.get(debit_credit="C")
    assert credit.previous_reference == wrong.reference
    rebill = GeleverdeZorg.objects.get(toewijzing=flows.billed[1], status="toegekend")
    assert str(rebill.tariff) == "1.60"
    expect(page.locator("#regels tbody tr").filter(has_text="Gecrediteerd")).to_have_count(1)
    expect(page.locator("#betalingen tbody tr")).to_have_count(1)
    assert not page.console_errors
