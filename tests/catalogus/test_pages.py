import re

import pytest
from django.urls import reverse

from jeugdketen.catalogus.models import Product
from jeugdketen.catalogus.queries import comparison, normalise, providers_for, search_products

pytestmark = pytest.mark.django_db


def test_region_book_groups_products_by_lot(client, catalogue):
    response = client.get(reverse("catalogus:region", args=["noordoost-brabant-2021"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h2>") >= 10
    assert "Daghulp Specialistisch" in html and "€ 62,80" in html  # Dutch number format


def test_product_page_shows_every_field_and_its_source(client, catalogue):
    product = Product.objects.get(region__slug="noordoost-brabant-2021", code="41B16")
    response = client.get(reverse("catalogus:product", args=[product.region.slug, product.position]))
    html = response.content.decode()
    assert f"regels {product.source_first_line}–{product.source_last_line}" in html
    assert "139,71" in html and "139,72" in html and "tegenstrijdig in de bron" in html


def test_search_across_regions_by_code_and_word(client, catalogue):
    assert {p.region.slug for p in search_products("45A04")} >= {"groningen-2016"}
    pleegzorg_regions = {p.region.slug for p in search_products("pleegzorg")}
    assert {"alkmaar-2023", "noordoost-brabant-2021", "groningen-2016"} <= pleegzorg_regions
    assert not search_products("").exists()
    response = client.get(reverse("catalogus:search"), {"q": "pleegzorg"})
    assert response.status_code == 200 and "Pleegzorg" in response.content.decode()


def test_provider_finder_respects_age(catalogue):
    results = providers_for("45A04", 10)
    assert results and any(p.name == "Stichting MJD" for _, providers in results for p in providers)
    product = Product.objects.filter(code="45A04").first()
    too_old = (product.extended_until or product.age_max or 18) + 1
    assert providers_for("45A04", too_old) == []


def test_provider_finder_page_validates_age(client, catalogue):
    response = client.get(reverse("catalogus:provider_finder"), {"product": "45A04", "leeftijd": "abc"})
    assert "Vul een leeftijd in" in response.content.decode()
    response = client.get(reverse("catalogus:provider_finder"), {"product": "45A04", "leeftijd": "9"})
    assert "Stichting MJD" in response.content.decode()


def test_comparison_normalises_units(catalogue):
    table = comparison("41")
    rows = {(r.product.region.slug, r.product.code): r for r in table["41"]}
    daghulp = rows[("noordoost-brabant-2021", "41A23")]
    # A dagdeel is four hours: € 62.80 per dagdeel is € 15.70 per hour.
    assert (str(daghulp.normalised), daghulp.normalised_unit) == ("15.70", "uur")
    pleegzorg = next(
        r
        for r in comparison("43")["43"]
        if r.product.code == "43A09" and r.product.region.slug == "noordoost-brabant-2021"
    )
    assert (str(pleegzorg.normalised), pleegzorg.normalised_unit) == ("43.33", "etmaal")
    assert {r.product.region.slug for rows_ in comparison().values() for r in rows_} >= {
        "noordoost-brabant-2021",
        "groningen-2016",
        "midden-limburg-oost-2020",
    }


def test_minute_tariffs_become_hourly(catalogue):
    product = Product.objects.filter(unit_code="01", tariffs__isnull=False).first()
    tariff = product.tariffs.first()
    value, unit = normalise(tariff)
    assert unit == "uur" and value == (tariff.amount * 60).quantize(value)


def test_comparison_page(client, catalogue):
    response = client.get(reverse("catalogus:compare"), {"categorie": "41"})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"€ 15,70 per uur", html)


def test_catalogue_api_and_schema(client, catalogue):
    response = client.get(
        "/api/v1/catalogus/producten", {"region": "noordoost-brabant-2021", "code": "41A23"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["tariffs"]
    schema = client.get("/api/v1/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/catalogus/producten" in schema.json()["paths"]
