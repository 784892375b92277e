"""Each role logs in through the demo login page in Debian's Chromium and walks its main flow.

Every walk follows links and forms a person would use, reaches the controls that matter by
the keyboard (Tab, then Enter or Space), waits for elements rather than for time, and checks
both what the page says (in Dutch) and what the database holds afterwards. Console errors
(for instance a CSP violation) fail the test. The material is the security world plus
:mod:`tests.browser.world` (fictitious demo clients, a Noordoost-Brabant contract).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from jeugdketen.audit.models import AuditEntry
from jeugdketen.berichten.models import Message
from jeugdketen.declaraties.models import Betaalverplichting, Betaling, Declaratie, GeleverdeZorg
from jeugdketen.declaraties.provider import build_jw323
from jeugdketen.levering.models import Start, Task
from jeugdketen.toegang.models import Toewijzing
from tests.security.world import PASSWORD, PERSONAL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_login(page, base: str, role_label: str):
    page.goto(f"{base}/demo/")
    page.get_by_role("button", name=f"Inloggen als {role_label}").click()
    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def open_card(page, label: str):
    page.locator("ul.cards").get_by_role("link", name=label, exact=True).click()


def tab_to(page, locator, limit: int = 150):
    """Moves the focus with Tab until it reaches `locator`: the control is keyboard-reachable."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("element => document.activeElement === element", target):
            return
    raise AssertionError(f"{locator} is not reachable with Tab")


def press(page, locator, key: str = "Enter"):
    tab_to(page, locator)
    page.keyboard.press(key)


def flash(page):
    return page.locator("ul.alerts")


def console_errors(page, *expected_statuses: int) -> list[str]:
    """Console errors, less the "Failed to load resource" of answers the walk expects (a 422 refusal)."""
    allowed = tuple(f"status of {status} " for status in expected_statuses)
    return [e for e in page.console_errors if not any(a in e for a in allowed)]


def euro(cents: int) -> str:
    whole, rest = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{rest:02d}"


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


def test_toegangsmedewerker_allocates_a_product_from_a_referral(page, demo, flows, shoot):
    demo_login(page, demo, "toegangsmedewerker")
    shoot(page, "toegang-start")
    open_card(page, "Cliënten")
    expect(page.locator("table tbody tr").first).to_be_visible()
    listing = page.content()
    assert PERSONAL["a"]["bsn"] not in listing and flows.noor.bsn not in listing, "the list masks the BSN"
    assert f"******{flows.noor.bsn[-3:]}" in listing
    shoot(page, "toegang-clienten")

    page.get_by_label("Zoek op BSN, cliëntnummer of achternaam").fill("Dijk")
    page.keyboard.press("Enter")
    row = page.locator("table tbody tr")
    expect(row).to_have_count(1)
    press(page, row.get_by_role("link").first)
    page.wait_for_url(f"{demo}/toegang/clienten/{flows.noor.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Dijk")
    expect(main).to_contain_text(flows.noor.bsn)  # the file shows personal data, and audits the look
    shoot(page, "toegang-dossier")

    press(page, page.get_by_role("link", name="Product toewijzen"))
    page.wait_for_url(f"{demo}/toegang/verwijzingen/{flows.referral.pk}/toewijzen/")
    product = page.get_by_label("Product:", exact=True)
    assert product.input_value() == str(flows.products["45B50"].pk), "the referral's product is proposed"
    assert page.get_by_label("Aanbieder:", exact=True).input_value() == str(flows.referral.provider_id)
    # First a product Testaanbieder A has no contract for: refused, naming the rule.
    product.select_option(label="45B51 – Begeleiding Specialistisch (Noordoost-Brabant)")
    page.get_by_label("Einddatum").fill((flows.today + dt.timedelta(days=364)).isoformat())
    page.get_by_label("Volume").fill("120")
    page.get_by_label("Eenheid (WJ756)").select_option("01")
    page.get_by_label("Frequentie (WMO757)").select_option("2")
    press(page, page.get_by_role("button", name="Toewijzen en JW301 versturen"))
    refusal = page.locator("#weigering")
    expect(refusal).to_contain_text("Niet toegewezen")
    expect(refusal).to_contain_text("Regel CONTRACT")
    assert not Toewijzing.objects.filter(referral=flows.referral).exists()

    page.get_by_label("Product:", exact=True).select_option(str(flows.products["45B50"].pk))
    page.get_by_label("Commentaar voor de aanbieder").fill("Graag starten na de herfstvakantie.")
    shoot(page, "toegang-toewijzen")
    press(page, page.get_by_role("button", name="Toewijzen en JW301 versturen"))
    page.wait_for_url(f"{demo}/toegang/clienten/{flows.noor.pk}/")
    toewijzing = Toewijzing.objects.get(referral=flows.referral)
    expect(flash(page)).to_contain_text(
        f"Toewijzing {toewijzing.number} is toegewezen en als JW301 naar Testaanbieder A verstuurd."
    )
    expect(flash(page)).to_contain_text("De aanbieder antwoordde met een JW302: geaccepteerd.")
    expect(page.locator("main table").filter(has_text=toewijzing.number)).to_contain_text("Nog niet gestart")
    shoot(page, "toegang-toegewezen")

    assert (toewijzing.product.code, toewijzing.volume, toewijzing.unit, toewijzing.frequency) == (
        "45B50",
        120,
        "01",
        "2",
    )
    assert toewijzing.provider == flows.referral.provider and toewijzing.client == flows.noor
    jw301 = toewijzing.message
    assert (jw301.code, jw301.direction, jw301.accepted) == ("JW301", Message.Direction.OUT, True)
    assert toewijzing.number in jw301.xml
    assert Message.objects.filter(code="JW302", client=flows.noor).exists()
    assert Task.objects.filter(kind="start", toewijzing=toewijzing, done_on=None).exists()
    assert not console_errors(page, 422), "only the refusal answers with an error status"


def test_aanbieder_registers_the_start_of_care(page, demo, world, flows, shoot):
    waiting = flows.awaiting_start
    demo_login(page, demo, "aanbieder-medewerker")
    shoot(page, "aanbieder-start")
    open_card(page, "Vandaag te doen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vandaag te doen")
    row = page.locator("table tbody tr").filter(has_text=waiting.number)
    expect(row).to_contain_text("Start")
    shoot(page, "aanbieder-vandaag")

    press(page, row.get_by_role("link", name="Start melden"))
    page.wait_for_url(f"{demo}/levering/toewijzingen/{waiting.pk}/start/")
    expect(page.locator("main dl")).to_contain_text(waiting.number)
    expect(page.locator("main dl")).to_contain_text("Begeleiding basis")
    begin = page.get_by_label("Begindatum van de zorg")
    assert begin.input_value() == flows.today.isoformat()
    shoot(page, "aanbieder-start-zorg")
    press(page, page.get_by_role("button", name="Start versturen (JW305)"))
    page.wait_for_url(f"{demo}/levering/vandaag/")
    expect(flash(page)).to_contain_text(
        f"De start van toewijzing {waiting.number} is verstuurd (JW305); de gemeente accepteerde het (JW306)."
    )
    shoot(page, "aanbieder-start-gemeld")

    start = Start.objects.get(toewijzing=waiting)
    assert start.date == flows.today
    assert Message.objects.filter(code="JW305", provider=world.a.provider, client=flows.sem).exists()
    assert not Task.objects.filter(kind="start", toewijzing=waiting, done_on=None).exists()
    expect(page.locator("table tbody tr").filter(has_text=waiting.number)).to_have_count(0)

    page.goto(f"{demo}/levering/toewijzingen/{world.b.toewijzing.pk}/start/")
    assert "niet gevonden" in page.content().lower(), "another provider's toewijzing is not found"
    assert not console_errors(page, 404)


def test_declaration_from_upload_to_payment_and_the_dashboard(
    page, second_page, demo, world, flows, shoot, tmp_path
):
    """The provider uploads a JW323 of last month's care; the controller sees it, pays what was
    granted and reads the monitoring dashboard and the budget figure."""
    first, last = flows.last_month
    number = f"D{last:%Y%m}01"
    data = build_jw323(
        world.a.provider, world.a.municipality, period_begin=first, period_end=last, number=number,
        identification=f"M{last:%Y%m}01", dagtekening=flows.today,
    )  # fmt: skip
    upload = tmp_path / f"declaratie-{last:%Y-%m}.xml"
    upload.write_bytes(data)
    granted = 480 * 125  # 45B50 at the contract tariff; 50B01 is billed at a wrong tariff

    demo_login(page, demo, "aanbieder-medewerker")
    open_card(page, "Declaraties")
    press(page, page.get_by_role("link", name="Declaratie (JW323) indienen"))
    page.wait_for_url(f"{demo}/declaraties/indienen/")
    field = page.get_by_label("JW323-bestand (XML)")
    tab_to(page, field)
    field.set_input_files(str(upload))
    press(page, page.get_by_role("button", name="Indienen"))
    outcome = page.locator("#uitkomst")
    expect(outcome).to_contain_text("Technische controle (iJw): goedgekeurd.")
    expect(outcome).to_contain_text("De gemeente antwoordde met een JW325")
    expect(outcome).to_contain_text("door uw administratie verwerkt")
    expect(outcome.locator("dl")).to_contain_text("1 van 2 prestaties")
    expect(outcome.locator("dl")).to_contain_text(euro(granted))
    rejected = outcome.locator("table tbody tr")
    expect(rejected).to_have_count(1)
    expect(rejected).to_contain_text(flows.billed[1].number)
    expect(rejected).to_contain_text("0611")
    expect(rejected).to_contain_text("corrigeren: registratie herstellen en opnieuw declareren")
    shoot(page, "aanbieder-declaratie-ingediend")

    declaratie = Declaratie.objects.get(number=number)
    assert (declaratie.lines_total, declaratie.lines_rejected) == (2, 1)
    assert declaratie.total_accepted_cents == granted
    lines = {line.product_code: line for line in declaratie.prestaties.all()}
    assert lines["45B50"].accepted and not lines["45B50"].retourcodes
    assert not lines["50B01"].accepted and "0611" in lines["50B01"].retourcodes
    assert declaratie.answer.code == "JW325"
    statuses = dict(GeleverdeZorg.objects.values_list("toewijzing__product__code", "status"))
    assert statuses == {"45B50": GeleverdeZorg.Status.TOEGEKEND, "50B01": GeleverdeZorg.Status.AFGEWEZEN}
    assert AuditEntry.objects.filter(detail="JW323 geaccepteerd", user=world.users["aanbieder"]).count() == 1
    assert not page.console_errors

    controller = second_page
    demo_login(controller, demo, "contractmanager / controller")
    shoot(controller, "contract-start")
    open_card(controller, "Declaraties")
    row = controller.locator("table tbody tr").filter(has_text=number)
    expect(row).to_contain_text("Testaanbieder A")
    expect(controller.locator("main")).to_contain_text("0611")  # the rejection reasons by retourcode
    shoot(controller, "contract-declaraties")

    press(controller, controller.locator("main").get_by_role("link", name="Open te betalen"))
    controller.wait_for_url(f"{demo}/declaraties/open-te-betalen/")
    expect(controller.locator("main")).to_contain_text(euro(granted))
    shoot(controller, "contract-open-te-betalen")

    obligation = Betaalverplichting.objects.get(declaratie=declaratie)
    press(
        controller,
        controller.locator("main").get_by_role("link", name="Verplichtingen betalen of corrigeren"),
    )
    controller.wait_for_url(f"{demo}/declaraties/betalen/")
    # The Betaaldatum is left as proposed (today): the date input must carry an ISO value to keep it.
    press(controller, controller.get_by_label(f"Verplichting {obligation.pk}"), "Space")
    expect(controller.get_by_label(f"Verplichting {obligation.pk}")).to_be_checked()
    controller.get_by_label("Betalingskenmerk").fill(f"Batch {flows.today:%Y}-{flows.today:%V}")
    press(controller, controller.get_by_role("button", name="Betalen en boeken"))
    expect(flash(controller)).to_contain_text(f"1 betaling(en) geboekt, samen {euro(granted)}.")
    expect(controller.locator("main table tbody")).to_contain_text("Niets open.")

    payment = Betaling.objects.get()
    assert payment.amount_cents == granted and payment.reference.startswith("Batch ")
    obligation.refresh_from_db()
    assert obligation.paid_cents == obligation.amount_cents == granted
    assert obligation.paid_on == flows.today

    controller.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitoring").click()
    controller.wait_for_url(f"{demo}/monitoring/")
    budget = controller.locator("section#budget")
    expect(budget).to_contain_text(euro(granted))  # realised: the granted care of last month
    charts = controller.locator("svg.chart")
    expect(charts.first).to_be_visible()
    box = charts.first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 40
    assert budget.locator("svg.chart rect").count() >= 4
    shoot(controller, "contract-monitoring")

    press(controller, budget.get_by_role("link", name="Budgetuitputting"))
    controller.wait_for_url(re.compile(r"/monitoring/budget/"))
    expect(controller.locator("main table").first).to_contain_text("Begeleiding basis")
    figure_chart = controller.locator("main svg.chart")
    expect(figure_chart.first).to_be_visible()
    assert figure_chart.first.locator("rect").count() >= 4
    shoot(controller, "contract-monitoring-budget")
    assert not controller.console_errors


def test_beheerder_reads_the_catalogue_but_no_client_files(page, demo, world, shoot):
    demo_login(page, demo, "functioneel beheerder")
    open_card(page, "Productenboeken")
    assert "Testregio" in page.content()
    shoot(page, "beheer-productenboeken")
    page.goto(f"{demo}/toegang/clienten/{world.a.client.pk}/")
    assert "Geen toegang" in page.content()
    assert PERSONAL["a"]["last_name"] not in page.content()


def test_auditor_filters_and_exports_the_log(page, demo, world, flows, client_as, shoot):
    access_team = client_as("toegang")
    for client in (flows.noor, flows.sem, flows.lotte):
        assert access_team.get(f"/toegang/clienten/{client.pk}/").status_code == 200
    demo_login(page, demo, "auditor")
    open_card(page, "Auditlog")
    page.get_by_label("Wie (gebruikersnaam of token)").fill("toegang")
    page.get_by_label("Handeling").select_option(label="bekeken")
    press(page, page.get_by_role("button", name="Filteren"))
    expect(page.locator("caption")).to_have_text("3 regels")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)
    for client in (flows.noor, flows.sem, flows.lotte):
        expect(rows.filter(has_text=f"/toegang/clienten/{client.pk}/")).to_have_count(1)
    views = AuditEntry.objects.filter(user=world.users["toegang"], action=AuditEntry.Action.VIEW)
    assert sorted(views.values_list("client_id", flat=True)) == sorted(
        [flows.noor.pk, flows.sem.pk, flows.lotte.pk]
    )
    shoot(page, "auditor-auditlog")
    with page.expect_download() as download:
        press(page, page.get_by_role("link", name="Exporteer als CSV"))
    assert download.value.suggested_filename == "auditlog.csv"
    assert not page.console_errors
