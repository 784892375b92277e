"""Noordoost-Brabant agrees one SGGZ tariff variant per provider (001, 2637-2639): a set-up that
gives a provider two variants at the same time is refused and stores nothing (SGGZ-VARIANT).
Both sides of the edge: the next contract starting the day after the first ends, and one day of
overlap. Through the function, the workbook, the tariff screen and the API; and the allocation
side, where CONTRACT already refuses a variant the provider has no contract for."""

from __future__ import annotations

import datetime as dt

import pytest

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider, Region
from jeugdketen.contracten.models import Contract, ContractProduct, TariffChange
from jeugdketen.contracten.tariffs import TariffRow, set_tariff, set_tariffs
from jeugdketen.contracten.variants import VariantConflict, conflicts
from jeugdketen.toegang.checks import Proposal, check_allocation, refusals
from jeugdketen.toegang.models import Client
from tests.toegang.rules_world import born

NOB = "noordoost-brabant-2021"
SGGZ_1, SGGZ_2, HOOG = "54001", "54B02", "54003"
END_2024 = dt.date(2024, 12, 31)


def _region(slug):
    if not Region.objects.filter(slug=slug).exists():
        load_file(next(path for path in data_files() if path.stem == slug))
    return Region.objects.get(slug=slug)


@pytest.fixture
def brabant(db):
    return _region(NOB)


@pytest.fixture
def provider(db):
    return Provider.objects.create(name="GGZ Praktijk", agb_code="75110001")


def _contract(region, provider, reference, start, end=None):
    return Contract.objects.create(
        provider=provider, region=region, reference=reference, start=start, end=end
    )


def _product(region, code):
    return Product.objects.get(region=region, code=code)


def _line(contract, code, year=2024, amount="1.81"):
    return set_tariff(
        contract, _product(contract.region, code), year, "regular", amount, actor=None, source="test"
    )


def test_the_next_contract_may_change_the_variant_the_day_after(brabant, provider):
    first = _contract(brabant, provider, "NOB-1", dt.date(2023, 1, 1), END_2024)
    _line(first, SGGZ_1)
    second = _contract(brabant, provider, "NOB-2", END_2024 + dt.timedelta(days=1))
    assert _line(second, SGGZ_2, year=2025, amount="1.95") == "nieuw"
    assert conflicts([provider]) == []


def test_a_variant_overlapping_by_one_day_is_refused(brabant, provider):
    first = _contract(brabant, provider, "NOB-1", dt.date(2023, 1, 1), END_2024)
    _line(first, SGGZ_1)
    second = _contract(brabant, provider, "NOB-2", END_2024)
    with pytest.raises(VariantConflict) as refused:
        _line(second, SGGZ_2, year=2025, amount="1.95")
    text = str(refused.value)
    assert "één tariefvariant SGGZ" in text and "31-12-2024" in text and "NOB-1" in text and "NOB-2" in text
    assert not ContractProduct.objects.filter(contract=second).exists()
    assert not TariffChange.objects.filter(contract=second).exists()


def test_two_variants_in_one_contract_are_refused_and_nothing_is_stored(brabant, provider):
    contract = _contract(brabant, provider, "NOB-1", dt.date(2024, 1, 1))
    rows = [
        TariffRow(contract, _product(brabant, "45B50"), 2024, "regular", "1.00"),
        TariffRow(contract, _product(brabant, SGGZ_1), 2024, "regular", "1.81"),
        TariffRow(contract, _product(brabant, HOOG), 2025, "regular", "2.01"),
    ]
    with pytest.raises(VariantConflict, match="54001 .* en 54003"):
        set_tariffs(rows, actor=None, source="test")
    assert not ContractProduct.objects.exists() and not TariffChange.objects.exists()


def test_the_same_variant_in_two_contracts_is_allowed(brabant, provider):
    _line(_contract(brabant, provider, "NOB-1", dt.date(2024, 1, 1)), SGGZ_2)
    _line(_contract(brabant, provider, "NOB-2", dt.date(2024, 6, 1)), SGGZ_2)
    other = Provider.objects.create(name="Andere praktijk", agb_code="75110002")
    _line(_contract(brabant, other, "NOB-3", dt.date(2024, 1, 1)), HOOG)  # another provider, its own
    assert conflicts([provider, other]) == []


def test_other_regions_are_not_affected(brabant, provider):
    # The rule is Noordoost-Brabant's own: the same products marked as variants in another region's
    # catalogue are not held to it.
    mlo = _region("midden-limburg-oost-2020")
    products = list(Product.objects.filter(region=mlo).exclude(code=None).order_by("position")[:2])
    for product in products:
        product.limits = {**(product.limits or {}), "tariff_variant_of": "SGGZ"}
        product.save(update_fields=["limits"])
    contract = _contract(mlo, provider, "MLO-1", dt.date(2024, 1, 1))
    for product in products:
        set_tariff(contract, product, 2024, "regular", "1.00", actor=None, source="test")
    assert ContractProduct.objects.filter(contract=contract).count() == 2
    assert conflicts([provider]) == []


def _sheets(*contracts, lines):
    return {
        "aanbieders": [["agb_code", "naam", "micro_onderneming"], ["75110001", "GGZ Praktijk", "nee"]],
        "contracten": [
            [
                "contractnummer",
                "aanbieder_agb",
                "regio",
                "ingangsdatum",
                "einddatum",
                "acceptatieplicht",
                "indirecte_tijd",
            ],
            *contracts,
        ],  # fmt: skip
        "contractproducten": [["contractnummer", "productcode", "jaar", "tarief", "variant"], *lines],
    }


def test_the_workbook_refuses_two_variants_and_stores_nothing(brabant, provider):
    from jeugdketen.inrichting.workbook import run_rows

    data = _sheets(
        ["NOB-1", "75110001", NOB, "2023-01-01", "2024-12-31", "ja", "nee"],
        ["NOB-2", "75110001", NOB, "2024-12-31", "", "ja", "nee"],
        lines=[["NOB-1", SGGZ_1, "2024", "1,81", "regulier"], ["NOB-2", SGGZ_2, "2025", "1,95", "regulier"]],
    )
    plan = run_rows(data, apply=True, source="test")
    assert any("één tariefvariant SGGZ" in problem for problem in plan.problems), plan.problems
    assert not Contract.objects.exists() and not ContractProduct.objects.exists()
    data["contracten"][2][3] = "2025-01-01"  # the day after: a change of variant
    plan = run_rows(data, apply=True, source="test")
    assert plan.problems == [] and ContractProduct.objects.count() == 2


def _beheer(client, region):
    admin = User.objects.create(username="beheer-sggz", role=Role.BEHEER)
    admin.regions.add(region)
    client.force_login(admin)
    return client


def test_the_tariff_screen_refuses_a_second_variant(brabant, provider, client):
    contract = _contract(brabant, provider, "NOB-1", dt.date(2024, 1, 1))
    _line(contract, SGGZ_1)
    web = _beheer(client, brabant)
    data = {"product": _product(brabant, SGGZ_2).pk, "year": 2025, "variant": "regular", "amount": "1,95"}
    response = web.post(f"/inrichting/contracten/{contract.pk}/tarief/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "één tariefvariant SGGZ" in html
    assert list(contract.products.values_list("product__code", flat=True)) == [SGGZ_1]
    data["product"] = _product(brabant, SGGZ_1).pk
    assert web.post(f"/inrichting/contracten/{contract.pk}/tarief/", data).status_code == 302


def test_the_api_refuses_a_longer_period_that_overlaps(brabant, provider, client):
    first = _contract(brabant, provider, "NOB-1", dt.date(2023, 1, 1), END_2024)
    _line(first, SGGZ_1)
    _line(_contract(brabant, provider, "NOB-2", END_2024 + dt.timedelta(days=1)), HOOG, year=2025)
    api = _beheer(client, brabant)
    url = f"/api/v1/inrichting/contracten/{first.pk}"
    longer = api.patch(url, {"end": "2025-01-01"}, content_type="application/json")
    assert longer.status_code == 400 and "één tariefvariant SGGZ" in longer.content.decode()
    first.refresh_from_db()
    assert first.end == END_2024
    ended = api.patch(url, {"end": "2024-06-30"}, content_type="application/json")
    assert ended.status_code == 200, ended.content
    # the screen that ends a contract says the same when the new end overlaps
    screen = api.post(f"/inrichting/contracten/{first.pk}/beeindigen/", {"end": "2025-03-01"})
    assert screen.status_code == 200 and "één tariefvariant SGGZ" in screen.content.decode()
    first.refresh_from_db()
    assert first.end == dt.date(2024, 6, 30)


def test_an_allocation_of_a_variant_not_contracted_is_refused_by_contract(brabant, provider):
    gemeente = Municipality.objects.create(cbs_code="0796", name="'s-Hertogenbosch")
    gemeente.regions.add(brabant)
    _line(_contract(brabant, provider, "NOB-1", dt.date(2024, 1, 1)), SGGZ_1)
    client = Client.objects.create(
        bsn="999990019", birth_date=born(12, on=dt.date(2024, 3, 4)), last_name="Test", municipality=gemeente
    )

    def proposal(code):
        return Proposal(gemeente, client, provider, _product(brabant, code), dt.date(2024, 3, 4))

    assert [f.rule for f in refusals(check_allocation(proposal(SGGZ_1)))] == []
    for code in (SGGZ_2, HOOG):
        assert [f.rule for f in refusals(check_allocation(proposal(code)))] == ["CONTRACT"], code


def test_the_contract_screen_refuses_an_earlier_start_that_overlaps(brabant, provider, client):
    first = _contract(brabant, provider, "NOB-1", dt.date(2023, 1, 1), END_2024)
    _line(first, SGGZ_1)
    second = _contract(brabant, provider, "NOB-2", END_2024 + dt.timedelta(days=1))
    _line(second, SGGZ_2, year=2025)
    web = _beheer(client, brabant)
    url = f"/inrichting/contracten/{second.pk}/wijzigen/"
    response = web.post(url, {"start": "2024-12-31", "end": ""})
    assert response.status_code == 200 and "één tariefvariant SGGZ" in response.content.decode()
    second.refresh_from_db()
    assert second.start == END_2024 + dt.timedelta(days=1)
    assert web.post(url, {"start": "2025-02-01", "end": ""}).status_code == 302
