"""The tariff-model screens: who may open them, what they show, exports and data entry."""

from __future__ import annotations

import importlib.util
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from jeugdketen.audit.models import AuditEntry
from jeugdketen.contracten.models import ContractProduct
from jeugdketen.tarieven.models import ScaleAmount

NOB = "noordoost-brabant-2021"
PAGES = [
    reverse("tarieven:index"),
    reverse("tarieven:calibration", args=[NOB]),
    reverse("tarieven:whatif", args=[NOB]),
    reverse("tarieven:proposal", args=[NOB]),
    reverse("tarieven:product", args=[NOB, "41A23"]),
    reverse("tarieven:scales"),
]


@pytest.mark.parametrize("url", PAGES)
def test_contract_manager_and_beheerder_only(client, url, contract_manager, beheerder, toegang, aanbieder):
    assert client.get(url).status_code == 302
    for user, status in ((contract_manager, 200), (beheerder, 200), (toegang, 403), (aanbieder, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, (user.username, url)
        client.logout()


def test_calibration_page_lists_reproductions_and_breaches(client, contract_manager):
    client.force_login(contract_manager)
    body = client.get(reverse("tarieven:calibration", args=[NOB])).content.decode()
    assert "€ 52,91" in body and "€ 129,68" in body and "€ 140,28" in body
    assert "54001 uurtarief € 108,00" in body
    assert "108,03" in body


def test_whatif_page_shows_new_tariffs_and_budget_effect_to_the_contract_manager(client, contract_manager):
    client.force_login(contract_manager)
    response = client.get(reverse("tarieven:whatif", args=[NOB]), {"cao_raise": "3", "jaar": "2024"})
    body = response.content.decode()
    assert "€ 64,50" in body and "€ 62,80" in body
    assert "Effect op het budget" in body


def test_whatif_without_monitoring_rights_shows_no_budget(client, beheerder):
    client.force_login(beheerder)
    body = client.get(reverse("tarieven:whatif", args=[NOB]), {"overhead": "30"}).content.decode()
    assert "Effect op het budget" not in body
    assert "monitoringcijfers" in body


def test_whatif_xlsx(client, contract_manager):
    client.force_login(contract_manager)
    response = client.get(reverse("tarieven:whatif-xlsx", args=[NOB]), {"cao_raise": "3", "jaar": "2024"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tarieven", "Effect op het budget"]
    rows = {(row[0], row[2]): row for row in workbook["Tarieven"].iter_rows(min_row=2, values_only=True)}
    assert rows[("41A23", "regulier")][4] == Decimal("64.50")
    assert AuditEntry.objects.filter(action="export", object_type="tarieven.whatif").count() == 1


def test_catalogue_product_page_shows_the_build_up_to_the_right_roles(client, nob, contract_manager):
    url = reverse("catalogus:product", args=[nob.region.slug, nob.daghulp.position])
    assert "Opbouw van het tarief" not in client.get(url).content.decode()
    client.force_login(contract_manager)
    body = client.get(url).content.decode()
    assert "Opbouw van het tarief" in body
    assert "r. 2356–2359" in body  # 4 h / 5 clients
    assert "r. 2202–2203" in body  # risk surcharge
    assert "€ 52,91" in body


def test_beheerder_enters_a_scale_amount_contract_manager_may_not(client, beheerder, contract_manager):
    data = {"cao": "JZ", "scale": "8", "year": "2021", "amount": "3456.78", "source": "Cao Jeugdzorg 2020"}
    client.force_login(contract_manager)
    assert client.post(reverse("tarieven:scales"), data).status_code == 403
    client.force_login(beheerder)
    assert client.post(reverse("tarieven:scales"), data).status_code == 302
    row = ScaleAmount.objects.get()
    assert (row.cao, row.scale, row.amount, row.entered_by) == ("JZ", "8", Decimal("3456.78"), "beheer")
    assert AuditEntry.objects.filter(object_type="tarieven.ScaleAmount", action="create").count() == 1
    response = client.post(reverse("tarieven:scales"), {**data, "scale": "FWG-45"})
    assert response.status_code == 200 and ScaleAmount.objects.count() == 1  # not a JZ scale


def test_scale_import_is_all_or_nothing(client, beheerder):
    client.force_login(beheerder)
    bad = b"cao;schaal;jaar;bedrag;bron\nJZ;8;2021;3.456,78;Cao JZ\nGGZ;99;2021;abc;\n"
    response = client.post(reverse("tarieven:scales-import"), {"file": _upload("schalen.csv", bad)})
    body = response.content.decode()
    assert response.status_code == 400
    assert "rij 3, schaal" in body and "rij 3, bedrag" in body and "rij 3, bron" in body
    assert ScaleAmount.objects.count() == 0
    good = b"cao;schaal;jaar;bedrag;bron\nJZ;8;2021;3.456,78;Cao JZ\nGGZ;FWG-50;2021;3600;Cao GGZ\n"
    assert (
        client.post(reverse("tarieven:scales-import"), {"file": _upload("schalen.csv", good)}).status_code
        == 302
    )
    assert dict(ScaleAmount.objects.values_list("scale", "amount")) == {
        "8": Decimal("3456.78"),
        "FWG-50": Decimal("3600.00"),
    }


def test_scale_amounts_feed_the_explanation(client, beheerder, nob):
    """With every scale of a mix entered, the build-up computes the salary from the scales."""
    from jeugdketen.tarieven import services

    scales = {
        "JZ": ["8", "9", "11"],
        "GHZ": ["FWG-45", "FWG-50", "FWG-60"],
        "GGZ": ["FWG-50", "FWG-55", "FWG-60", "FWG-65"],
    }
    for cao, names in scales.items():
        for name in names:
            ScaleAmount.objects.create(cao=cao, scale=name, year=2021, amount=Decimal("4000"), source="test")
    explanation = services.explanation(NOB, "41A23", "regular", year=2021)
    assert explanation.salary_source == "schaalbedragen"
    # every scale 4000: each level is 93 % of 4000 = 3720, so the mix is 3720 per month
    salary = next(step for step in explanation.steps if step.label == "Salaris per maand")
    assert salary.total == Decimal("3720.00")
    without = services.explanation(NOB, "41A23", "regular", year=2020)
    assert without.salary_source == "kalibratie"


def test_proposal_lists_next_years_contract_tariffs(client, beheerder, nob):
    client.force_login(beheerder)
    url = reverse("tarieven:proposal", args=[NOB])
    body = client.get(url, {"ova": "2", "material": "1", "jaar": "2024"}).content.decode()
    # 41A23: (71 x 0,8 + 6) x 1,0185 = 63,96; Z's 60,00 moves by the same ratio: 61,11
    assert "€ 63,96" in body and "€ 61,11" in body
    response = client.post(url + "?jaar=2024", {"ova": "2", "material": "1"}, follow=True)
    if importlib.util.find_spec("jeugdketen.contracten.tariffs") is None:
        assert "nog niet beschikbaar" in response.content.decode()
        assert not ContractProduct.objects.filter(year=2025).exists()
    else:
        assert ContractProduct.objects.filter(year=2025, contract__provider=nob.z).get().tariff == Decimal(
            "61.11"
        )


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_whatif_from_two_years_of_scale_amounts(client, contract_manager):
    """A new CAO table 5 % above the old one moves 41A23 as a 5 % CAO raise does."""
    needed = {
        "JZ": ["8", "9", "11"],
        "GHZ": ["FWG-45", "FWG-50", "FWG-60"],
        "GGZ": ["FWG-50", "FWG-55", "FWG-60", "FWG-65"],
    }
    for cao, names in needed.items():
        for number, name in enumerate(names):
            old = Decimal(3000 + 200 * number)
            ScaleAmount.objects.create(cao=cao, scale=name, year=2021, amount=old, source="oud")
            ScaleAmount.objects.create(
                cao=cao, scale=name, year=2022, amount=old * Decimal("1.05"), source="nieuw"
            )
    client.force_login(contract_manager)
    url = reverse("tarieven:whatif", args=[NOB])
    by_scales = client.get(url, {"scales_from": "2021", "scales_to": "2022", "jaar": "2024"})
    by_raise = client.get(url, {"cao_raise": "5", "jaar": "2024"})
    rows = {}
    for name, response in (("scales", by_scales), ("raise", by_raise)):
        table = response.context["report"].tables[0]
        rows[name] = {(r["code"], r["variant"]): r["new"] for r in table.rows}
    # 71 x 1,05 x 0,8 + 6 = 65,64
    assert rows["scales"][("41A23", "regulier")] == rows["raise"][("41A23", "regulier")] == 6564
    micro = ("45B51", "micro-onderneming")
    assert rows["scales"][micro] == rows["raise"][micro]
    # 45B50's mix needs MBO4 scales that were not entered: its salary stays, and the page says so
    assert rows["scales"][("45B50", "regulier")] == 102
    assert "45B50" in by_scales.content.decode()


def test_only_the_beheerder_may_apply_a_proposal(client, contract_manager, nob):
    client.force_login(contract_manager)
    url = reverse("tarieven:proposal", args=[NOB]) + "?jaar=2024"
    assert client.post(url, {"ova": "2", "material": "1"}).status_code == 403
    assert not ContractProduct.objects.filter(year=2025).exists()


def test_applying_goes_through_the_setup_service(client, beheerder, nob):
    """Next year's tariffs are written by the contract set-up (contracten.tariffs.set_tariff), one
    per contract line and variant, each with its history: who, when and from which proposal."""
    from jeugdketen.contracten.models import TariffChange

    client.force_login(beheerder)
    url = reverse("tarieven:proposal", args=[NOB]) + "?jaar=2024"
    response = client.post(url, {"ova": "2", "material": "1"})
    assert response.status_code == 302
    written = {
        (line.contract.provider.name, line.product.code, line.year, line.variant, line.tariff)
        for line in ContractProduct.objects.filter(year=2025).select_related("contract__provider", "product")
    }
    assert written == {
        ("Xenia Zorg", "41A23", 2025, "regular", Decimal("63.96")),
        ("Xenia Zorg", "45B51", 2025, "regular", Decimal("1.21")),
        ("Yde Praktijk", "41A23", 2025, "micro", Decimal("53.89")),
        ("Yde Praktijk", "45B51", 2025, "micro", Decimal("1.00")),
        ("Zuidwest Jeugd", "41A23", 2025, "regular", Decimal("61.11")),
    }
    history = TariffChange.objects.filter(year=2025)
    assert history.count() == 5
    assert all(h.old is None and h.actor == beheerder and "OVA 2 %" in h.source for h in history)


def test_bad_whatif_input_is_answered_in_dutch_and_computes_nothing(client, contract_manager):
    client.force_login(contract_manager)
    response = client.get(reverse("tarieven:whatif", args=[NOB]), {"cao_raise": "veel", "overhead": "900"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"cao_raise", "overhead"}
    assert "changes" not in response.context
    half = client.get(reverse("tarieven:whatif", args=[NOB]), {"scales_from": "2021"})
    assert "Vul beide jaren in" in half.content.decode()
