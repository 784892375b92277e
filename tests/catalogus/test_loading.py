from decimal import Decimal

import pytest
import yaml

from jeugdketen.catalogus import loader
from jeugdketen.catalogus.models import Product, ProductCap, Provider, Region, Tariff

pytestmark = pytest.mark.django_db

EXPECTED_PRODUCTS = {
    "alkmaar-2023": 33,
    "noordoost-brabant-2021": 55,  # 53 codes plus two transport lines
    "midden-limburg-oost-2020": 50,
    "groningen-2016": 77,
}


def test_every_region_loads_with_its_product_count(catalogue):
    counts = {region.slug: region.products.count() for region in Region.objects.all()}
    assert counts == EXPECTED_PRODUCTS
    assert all(result.loaded for result in catalogue)


def test_loading_twice_changes_nothing(catalogue):
    before = (
        Product.objects.count(),
        Tariff.objects.count(),
        Provider.objects.count(),
        ProductCap.objects.count(),
    )
    results = loader.load_all()
    assert [result.loaded for result in results] == [False] * 4
    after = (
        Product.objects.count(),
        Tariff.objects.count(),
        Provider.objects.count(),
        ProductCap.objects.count(),
    )
    assert after == before


def test_noordoost_brabant_spot_tariffs(catalogue):
    daghulp = Product.objects.get(region__slug="noordoost-brabant-2021", code="41A23")
    assert daghulp.name == "Daghulp Specialistisch"
    tariffs = {(t.variant, t.amount) for t in daghulp.tariffs.all()}
    assert tariffs == {("regular", Decimal("62.80")), ("micro", Decimal("52.91"))}
    assert daghulp.unit_code == "16"
    pleegzorg = Product.objects.get(region__slug="noordoost-brabant-2021", code="43A09")
    assert [(t.amount, t.unit) for t in pleegzorg.tariffs.all()] == [(Decimal("43.33"), "etmaal")]


def test_contradictions_are_kept_not_resolved(catalogue):
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="41B16")
    amounts = sorted(t.amount for t in product.tariffs.all() if t.variant == "regular")
    assert amounts == [Decimal("139.71"), Decimal("139.72")]
    assert all(t.in_conflict for t in product.tariffs.all() if t.variant == "regular")
    assert any(set(c["values"]) == {"139.71", "139.72"} for c in product.conflicts)


def test_midden_limburg_oost_has_units_but_no_tariffs(catalogue):
    products = Product.objects.filter(region__slug="midden-limburg-oost-2020")
    assert not Tariff.objects.filter(product__in=products).exists()
    assert all(p.code for p in products)
    assert products.exclude(unit_label="").count() >= 45


def test_alkmaar_has_no_codes_yet_but_limits_and_exclusions(catalogue):
    products = Product.objects.filter(region__slug="alkmaar-2023")
    assert not products.exclude(code=None).exists()
    logeren = products.get(name__iexact="Logeren")
    caps = {(cap.amount, cap.unit_code, cap.per) for cap in logeren.caps.all()}
    # "Intensiteit (richtlijn) Maximaal 3 etmalen per week" is advice (INTENSITEIT), not a payment cap
    assert (Decimal(3), "14", "week") not in caps
    assert logeren.limits["intensity"] == {"min": None, "max": 3, "unit": "14", "per": "week"}
    assert (Decimal(104), "14", "calendar_year") in caps
    medicatie = products.get(name__icontains="medicatie")
    assert medicatie.excluded_products.filter(name__icontains="S-GGZ").exists()


def test_groningen_providers_and_contract_holders(catalogue):
    products = Product.objects.filter(region__slug="groningen-2016")
    lines = Product.providers.through.objects.filter(product__in=products).count()
    assert 925 <= lines <= 935
    organisations = Provider.objects.filter(products__in=products).distinct().count()
    assert 125 <= organisations <= 135
    holders = Provider.objects.filter(is_contract_holder=True).count()
    assert holders == 33


def test_every_product_keeps_its_source_lines(catalogue):
    for product in Product.objects.select_related("region"):
        assert product.region.document.endswith(".txt")
        assert product.source_first_line and product.source_last_line
        assert product.source_first_line <= product.source_last_line


def test_caps_for_declaration_checks(catalogue):
    nob = Product.objects.filter(region__slug="noordoost-brabant-2021")
    medicatie_caps = ProductCap.objects.filter(product__in=nob, product__name__icontains="medicatie")
    assert medicatie_caps.filter(amount=120, unit_code="01", per="calendar_year").exists()
    assert nob.filter(start_before_age=13).count() >= 1


def write(tmp_path, data) -> "loader.Path":
    path = tmp_path / "test-2020.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


BASE = {
    "region": {"slug": "test-2020", "name": "Test", "year": 2020, "document": "x.txt"},
    "lots": [{"code": "A", "name": "Ambulant"}],
}


def test_float_amount_is_refused_and_nothing_is_stored(db, tmp_path):
    data = dict(
        BASE,
        products=[
            {
                "code": "45A01",
                "name": "X",
                "lot": "A",
                "source": {"lines": [1, 2]},
                "tariffs": [{"year": 2020, "amount": 12.5, "variant": "regular"}],
            }
        ],
    )
    with pytest.raises(loader.CatalogueDataError, match="must be a string"):
        loader.load_file(write(tmp_path, data))
    assert not Region.objects.filter(slug="test-2020").exists()


def test_unknown_lot_and_missing_source_are_named(db, tmp_path):
    before = Product.objects.count()
    data = dict(BASE, products=[{"code": "45A01", "name": "X", "lot": "B", "source": {"lines": [1, 2]}}])
    with pytest.raises(loader.CatalogueDataError, match="lot 'B'"):
        loader.load_file(write(tmp_path, data))
    data = dict(BASE, products=[{"code": "45A01", "name": "X", "lot": "A"}])
    with pytest.raises(loader.CatalogueDataError, match="'source' is required"):
        loader.load_file(write(tmp_path, data))
    assert Product.objects.count() == before


def test_category_is_derived_from_the_code(db, tmp_path):
    data = dict(BASE, products=[{"code": "54A02", "name": "GGZ", "lot": "A", "source": {"lines": [3, 4]}}])
    loader.load_file(write(tmp_path, data))
    assert Product.objects.get(code="54A02").category == "54"
