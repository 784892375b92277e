"""A region goes live from nothing, in Debian's Chromium: the functional administrator sets it
up, the access worker she invited allocates a product of the new contract, and the provider
she invited starts the care and is paid the contract's tariff.

The database holds only the Noordoost-Brabant product book and one functional administrator of
that region: no municipality, provider, contract or other user. She uploads the region's set-up
workbook (preview, then apply), changes a tariff, adds a client stop and invites users on the
screens; what she builds is then used by the chain itself (allocation checks, JW301/JW302, JW305/JW306,
JW323/JW325).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jeugdketen.accounts.models import Role, User
from jeugdketen.audit.models import AuditEntry
from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Provider, Region
from jeugdketen.contracten.models import ClientStop, Contract, ContractProduct
from jeugdketen.declaraties.models import Declaratie, GeleverdeZorg
from jeugdketen.declaraties.provider import build_jw323
from jeugdketen.demo.people import bsn
from jeugdketen.levering.models import Start
from jeugdketen.toegang.models import Client, Route, Toewijzing
from jeugdketen.toegang.services import register_referral

from .test_flows import console_errors, euro, flash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOOK = "noordoost-brabant-2021"
ADMIN_PASSWORD = "Beheer-van-de-regio-2026"
WORKER_PASSWORD = "Toegang-eigen-wachtwoord-1"
PROVIDER_PASSWORD = "Aanbieder-eigen-wachtwoord-2"
CBS, AGB = "0796", "98765432"


@pytest.fixture
def empty_region(live_server):
    load_file(next(p for p in data_files() if p.stem == BOOK))
    region = Region.objects.get(slug=BOOK)
    admin = User.objects.create_user(
        "beheer.nob", password=ADMIN_PASSWORD, role=Role.BEHEER, first_name="Bea", last_name="Beheer"
    )
    admin.regions.add(region)
    assert not Municipality.objects.exists() and not Contract.objects.exists()
    return live_server.url, region


def write_workbook(path, sheets: dict) -> str:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def log_in(page, base: str, username: str, password: str):
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def save(page):
    page.get_by_role("button", name="Opslaan").click()


def invite(page, base: str, username: str, role_label: str, organisation) -> str:
    page.goto(f"{base}/inrichting/gebruikers/")
    page.get_by_role("link", name="Gebruiker uitnodigen").click()
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Voornaam").fill(username.split(".")[0].title())
    page.get_by_label("Achternaam").fill("Test")
    page.get_by_label("E-mailadres").fill(f"{username}@example.org")
    page.get_by_label("Rol").select_option(label=role_label)
    organisation(page)
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{username} is uitgenodigd")
    return page.get_by_label("Activeringslink").input_value()


def activate(page, base: str, link: str, username: str, password: str):
    page.goto(link)
    expect(page.locator("main")).to_contain_text(username)
    page.get_by_label("Nieuw wachtwoord").fill(password)
    page.get_by_label("Herhaal het wachtwoord").fill(password)
    page.get_by_role("button", name="Activeren").click()
    page.wait_for_url(f"{base}/inloggen/")
    expect(flash(page)).to_contain_text("Uw account is geactiveerd")
    log_in(page, base, username, password)


def test_a_region_goes_live_from_nothing(page, second_page, empty_region, shoot, tmp_path):
    base, region = empty_region
    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    first = last.replace(day=1)

    # --- the functional administrator sets up the region ------------------------------------
    log_in(page, base, "beheer.nob", ADMIN_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inrichting").click()
    expect(page.locator("main")).to_contain_text("Noordoost-Brabant")
    shoot(page, "beheer-inrichting")

    # The region's set-up as one workbook: previewed first, then applied in one go.
    tariffs = {"45B50": "1,25", "50B01": "1,60"}
    years = sorted({first.year, today.year})
    workbook = write_workbook(
        tmp_path / "inrichting-nob.xlsx",
        {
            "gemeenten": [["cbs_code", "naam", "regio"], [CBS, "'s-Hertogenbosch", BOOK]],
            "aanbieders": [["agb_code", "naam", "micro_onderneming"], [AGB, "Jeugdhulp De Brug", "nee"]],
            "contracten": [
                [
                    "contractnummer",
                    "aanbieder_agb",
                    "regio",
                    "ingangsdatum",
                    "acceptatieplicht",
                    "indirecte_tijd",
                ],
                ["NOB-JH-2026-01", AGB, BOOK, f"{first.year - 1}-01-01", "ja", "nee"],
            ],
            "contractproducten": [["contractnummer", "productcode", "jaar", "tarief", "variant"]]
            + [
                ["NOB-JH-2026-01", code, str(year), amount, "regulier"]
                for code, amount in tariffs.items()
                for year in years
            ],
        },
    )
    page.locator("ul.cards").get_by_role("link", name=re.compile("Werkmap")).click()
    page.get_by_label("Inrichtingswerkmap (.xlsx)").set_input_files(str(workbook))
    page.get_by_role("button", name="Voorbeeld tonen").click()
    expect(page.locator("#plan")).to_contain_text("nieuw: NOB-JH-2026-01")
    assert not Contract.objects.exists()  # a preview stores nothing
    page.get_by_role("button", name="Toepassen").click()
    expect(flash(page)).to_contain_text("De werkmap is toegepast")
    contract = Contract.objects.get(reference="NOB-JH-2026-01")
    assert contract.provider.agb_code == AGB and contract.products.count() == 2 * len(years)
    page.goto(f"{base}/inrichting/contracten/{contract.pk}/")
    names = dict(region.products.filter(code__in=tariffs).values_list("code", "name"))

    # Change a tariff on screen: 50B01 of this year from 1,60 to 1,65, with its reason.
    row = page.locator("#tarieven tbody tr").filter(has_text="50B01").filter(has_text=str(today.year))
    row.get_by_role("link", name=re.compile("^Wijzigen")).click()
    expect(page.get_by_label("Tarief (euro)")).to_have_value("1,60")
    page.get_by_label("Tarief (euro)").fill("1,65")
    page.get_by_label("Reden van de wijziging").fill("nacalculatie 2026")
    page.get_by_role("button", name="Tarief vastleggen").click()
    expect(page.locator("#tarieven")).to_contain_text("1,65")
    shoot(page, "beheer-contract")
    line = ContractProduct.objects.get(contract=contract, product__code="50B01", year=today.year)
    assert line.tariff == Decimal("1.65")
    page.goto(f"{base}/inrichting/tarieven/{line.pk}/")
    expect(page.locator("#auditregels")).to_contain_text("1.60 → 1.65")

    # A client stop for the other product, from today.
    page.goto(f"{base}/inrichting/clientenstops/nieuw/")
    page.get_by_label("Aanbieder").select_option(label="Jeugdhulp De Brug")
    page.get_by_label("Product (leeg: alle producten)").select_option(
        label=f"50B01 {names['50B01']} ({region.name})"
    )
    page.get_by_label("Ingangsdatum").fill(today.isoformat())
    page.get_by_label("Reden").fill("wachtlijst vol")
    save(page)
    expect(page.locator("#lijst")).to_contain_text("wachtlijst vol")
    assert ClientStop.objects.filter(provider__agb_code=AGB, product__code="50B01").exists()

    def municipality(p):
        p.get_by_label("'s-Hertogenbosch (0796)").check()

    def provider(p):
        p.get_by_label("Aanbieder").select_option(label="Jeugdhulp De Brug")

    worker_link = invite(page, base, "toegang.nob", "Toegangsmedewerker", municipality)
    provider_link = invite(page, base, "zorg.brug", "Aanbieder-medewerker", provider)
    assert not console_errors(page)

    # --- a referral arrives (from the GP) for a child of the new municipality ---------------
    gemeente = Municipality.objects.get(cbs_code=CBS)
    child = Client.objects.create(
        bsn=bsn(901), birth_date=dt.date(2014, 5, 17), initials="F", given_name="Fenna", last_name="Visser",
        gender="2", street="Parklaan", house_number="3", postcode="5211AB", city="'s-Hertogenbosch",
        municipality=gemeente,
    )  # fmt: skip
    referral = register_referral(
        client=child, municipality=gemeente, route=Route.TOEGANG, date=first,
        product=region.products.get(code="45B50"), provider=Provider.objects.get(agb_code=AGB),
    )  # fmt: skip

    # --- the access worker activates her account and allocates ------------------------------
    worker = second_page
    activate(worker, base, worker_link, "toegang.nob", WORKER_PASSWORD)
    worker.goto(f"{base}/toegang/clienten/{child.pk}/")
    worker.get_by_role("link", name="Product toewijzen").click()
    worker.wait_for_url(f"{base}/toegang/verwijzingen/{referral.pk}/toewijzen/")
    worker.get_by_label("Ingangsdatum").fill(first.isoformat())
    worker.get_by_label("Einddatum").fill((first + dt.timedelta(days=364)).isoformat())
    worker.get_by_label("Volume").fill("120")
    worker.get_by_label("Eenheid (WJ756)").select_option("01")
    worker.get_by_label("Frequentie (WMO757)").select_option("2")
    worker.get_by_role("button", name="Toewijzen en JW301 versturen").click()
    worker.wait_for_url(f"{base}/toegang/clienten/{child.pk}/")
    toewijzing = Toewijzing.objects.get(referral=referral)
    expect(flash(worker)).to_contain_text(f"Toewijzing {toewijzing.number} is toegewezen")
    assert toewijzing.product.code == "45B50" and toewijzing.provider.agb_code == AGB
    assert not console_errors(worker)

    # --- the provider activates, starts the care and declares last month --------------------
    worker.context.clear_cookies()
    activate(worker, base, provider_link, "zorg.brug", PROVIDER_PASSWORD)
    worker.goto(f"{base}/levering/toewijzingen/{toewijzing.pk}/start/")
    worker.get_by_label("Begindatum van de zorg").fill(first.isoformat())
    worker.get_by_role("button", name="Start versturen (JW305)").click()
    expect(flash(worker)).to_contain_text(f"De start van toewijzing {toewijzing.number} is verstuurd (JW305)")
    assert Start.objects.get(toewijzing=toewijzing).date == first

    # The provider's own administration registered 480 minutes last month at the contract tariff.
    GeleverdeZorg.objects.create(
        provider=toewijzing.provider,
        toewijzing=toewijzing,
        begin=first,
        end=last,
        volume=480,
        tariff=Decimal("1.25"),
    )
    number = f"B{last:%Y%m}01"
    upload = tmp_path / "jw323.xml"
    upload.write_bytes(
        build_jw323(
            toewijzing.provider,
            gemeente,
            period_begin=first,
            period_end=last,
            number=number,
            identification=f"B{last:%Y%m}01",
            dagtekening=today,
        )  # fmt: skip
    )
    worker.goto(f"{base}/declaraties/indienen/")
    worker.get_by_label("JW323-bestand (XML)").set_input_files(str(upload))
    worker.get_by_role("button", name="Indienen").click()
    outcome = worker.locator("#uitkomst")
    expect(outcome).to_contain_text("De gemeente antwoordde met een JW325")
    summary = outcome.locator("dl")
    expect(summary).to_contain_text("Afgewezen0 van 1 prestaties")
    expect(summary).to_contain_text(f"Toegekend{euro(480 * 125)}")

    declaratie = Declaratie.objects.get(number=number)
    [line_45] = declaratie.prestaties.all()
    assert (
        line_45.accepted and line_45.product_code == "45B50" and declaratie.total_accepted_cents == 480 * 125
    )
    assert declaratie.answer.code == "JW325"
    assert not console_errors(worker)

    # Every change of the set-up is on record, by the administrator.
    admin = User.objects.get(username="beheer.nob")
    recorded = set(AuditEntry.objects.filter(user=admin).values_list("object_type", flat=True))
    assert {
        "inrichting.werkmap",  # the workbook, applied as one change with its summary
        "contracten.Contract",
        "contracten.ClientStop",
        "accounts.User",
    } <= recorded
