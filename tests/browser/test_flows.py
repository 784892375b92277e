"""Each role logs in through the demo login page in Debian's Chromium and walks its main flow.

Flows follow the pages that exist; each step checks what a person would see. Console
errors (for instance a CSP violation) fail the test.
"""

from __future__ import annotations

import re

import pytest

from tests.security.world import PASSWORD, PERSONAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings, world, live_server):
    settings.DEMO_MODE = True
    return live_server.url


def demo_login(page, base: str, role_label: str):
    page.goto(f"{base}/demo/")
    page.get_by_role("button", name=f"Inloggen als {role_label}").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welkom")


def open_card(page, label: str):
    page.locator("ul.cards").get_by_role("link", name=label, exact=True).click()


def test_login_with_password_and_keyboard(page, world, live_server, shoot):
    page.goto(f"{live_server.url}/inloggen/")
    shoot(page, "inloggen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.get_by_label("Gebruikersnaam").fill("auditor")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    assert "Auditlog" in page.locator("nav").inner_text()
    assert not page.console_errors


def test_toegangsmedewerker_opens_a_client_file_and_allocates(page, demo, shoot):
    demo_login(page, demo, "toegangsmedewerker")
    shoot(page, "toegang-start")
    open_card(page, "Cliënten")
    rows = page.locator("table tbody tr")
    assert rows.count() >= 1
    listing = page.content()
    assert PERSONAL["a"]["bsn"] not in listing, "the list masks the BSN"
    shoot(page, "toegang-clienten")
    page.locator("table tbody tr a").first.click()
    assert PERSONAL["a"]["last_name"] in page.content(), "the client file shows the name"
    shoot(page, "toegang-dossier")
    allocate = page.locator("a[href*='/toewijzen/']")
    if allocate.count():
        allocate.first.click()
        assert page.locator("form").count() >= 1
        shoot(page, "toegang-toewijzen")
    assert not page.console_errors


def test_aanbieder_sees_its_worklist_and_registers_a_start(page, demo, world, shoot):
    demo_login(page, demo, "aanbieder-medewerker")
    shoot(page, "aanbieder-start")
    open_card(page, "Vandaag te doen")
    assert page.get_by_role("heading", level=1).is_visible()
    shoot(page, "aanbieder-vandaag")
    page.goto(f"{demo}/levering/toewijzingen/{world.a.toewijzing.pk}/start/")
    form = page.locator("main form")
    assert form.count() >= 1
    date_field = page.locator(
        "main form input[type=date], main form input[name*=date], main form input[name*=datum]"
    )
    if date_field.count():
        date_field.first.fill("2026-01-12")
        shoot(page, "aanbieder-start-zorg")
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
    assert "Geen toegang" not in page.content()
    page.goto(f"{demo}/levering/toewijzingen/{world.b.toewijzing.pk}/start/")
    assert "niet gevonden" in page.content().lower(), "another provider's toewijzing is not found"
    assert not [e for e in page.console_errors if "404" not in e]


def test_contractmanager_reads_declarations_and_the_dashboard(page, demo, shoot):
    demo_login(page, demo, "contractmanager / controller")
    shoot(page, "contract-start")
    page.goto(f"{demo}/declaraties/")
    assert page.get_by_role("heading", level=1).is_visible()
    shoot(page, "contract-declaraties")
    page.goto(f"{demo}/monitoring/")
    assert page.get_by_role("heading", level=1).is_visible()
    shoot(page, "contract-monitoring")
    assert not page.console_errors


def test_beheerder_reads_the_catalogue_but_no_client_files(page, demo, world, shoot):
    demo_login(page, demo, "functioneel beheerder")
    open_card(page, "Productenboeken")
    assert "Testregio" in page.content()
    shoot(page, "beheer-productenboeken")
    page.goto(f"{demo}/toegang/clienten/{world.a.client.pk}/")
    assert "Geen toegang" in page.content()
    assert PERSONAL["a"]["last_name"] not in page.content()


def test_auditor_filters_and_exports_the_log(page, demo, shoot):
    demo_login(page, demo, "auditor")
    open_card(page, "Auditlog")
    page.get_by_label("Wie (gebruikersnaam of token)").fill("auditor")
    page.get_by_role("button", name="Filteren").click()
    assert re.search(r"\d+ regel", page.locator("caption").inner_text())
    shoot(page, "auditor-auditlog")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer als CSV").click()
    assert download.value.suggested_filename == "auditlog.csv"
