"""The set-up workbook links the provider names of a product book to organisations (GEGUND)."""

from __future__ import annotations

import pytest

from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Provider
from jeugdketen.inrichting.workbook import exporting, run_rows

HEADER = ["agb_code", "naam", "kvk_nummer", "hoofdaannemer_agb", "micro_onderneming", "namen_productenboek"]


@pytest.fixture
def groningen(db):
    load_file(next(path for path in data_files() if path.stem == "groningen-2016"))


def _book_names(count: int) -> list[str]:
    names = Provider.objects.filter(agb_code=None, products__region__slug="groningen-2016")
    return sorted(set(names.values_list("name", flat=True)))[:count]


def test_workbook_links_book_names(groningen):
    first, second, third = _book_names(3)
    plan = run_rows(
        {"aanbieders": [HEADER, ["71000001", "Zorggroep Stad BV", "", "", "nee", f"{first}; {second}"]]},
        apply=True,
        source="test",
    )
    assert plan.problems == []
    organisation = Provider.objects.get(agb_code="71000001")
    assert {p.name for p in organisation.book_names.all()} == {first, second}
    assert Provider.objects.get(name=third).stands_for is None
    exported = exporting.rows()["aanbieders"]
    assert [row[-1] for row in exported if row[0] == "71000001"] == [";".join(sorted([first, second]))]


def test_a_name_no_book_uses_is_refused_and_nothing_is_stored(groningen):
    plan = run_rows(
        {"aanbieders": [HEADER, ["71000002", "Zorggroep Dorp BV", "", "", "nee", "Bestaat Niet BV"]]},
        apply=True,
        source="test",
    )
    assert any("namen_productenboek" in p and "Bestaat Niet BV" in p for p in plan.problems)
    assert not Provider.objects.filter(agb_code="71000002").exists()


def test_a_name_linked_to_another_organisation_is_refused(groningen):
    (name,) = _book_names(1)
    run_rows({"aanbieders": [HEADER, ["71000003", "Eerste BV", "", "", "nee", name]]}, apply=True, source="t")
    plan = run_rows(
        {"aanbieders": [HEADER, ["71000004", "Tweede BV", "", "", "nee", name]]}, apply=True, source="t"
    )
    assert any("al gekoppeld aan aanbieder 71000003" in p for p in plan.problems)
    assert Provider.objects.get(name=name).organisation.agb_code == "71000003"


def test_an_organisation_with_the_book_name_becomes_that_name(groningen):
    (name,) = _book_names(1)
    plan = run_rows({"aanbieders": [HEADER, ["71000005", name, "", "", "nee", ""]]}, apply=True, source="t")
    assert plan.problems == []
    adopted = Provider.objects.get(name=name)
    assert adopted.agb_code == "71000005" and adopted.stands_for == adopted
    assert adopted.products.filter(region__slug="groningen-2016").exists()


@pytest.mark.django_db
def test_the_start_page_names_the_unlinked_names_of_her_region(world, client_as):
    from jeugdketen.catalogus.models import Product, Region

    product = Product.objects.create(region=world.region, position=99, name="Gegund product")
    unlinked = Provider.objects.create(name="Boeknaam Zonder Koppeling")
    product.providers.add(unlinked)
    other_region = Region.objects.exclude(pk=world.region.pk).first()
    other = Product.objects.create(region=other_region, position=99, name="Vreemd product")
    other.providers.add(Provider.objects.create(name="Boeknaam Vreemde Regio"))
    client = client_as("beheer")
    page = client.get("/inrichting/").content.decode()
    assert "Boeknaam Zonder Koppeling" in page and "namen_productenboek" in page
    assert "Boeknaam Vreemde Regio" not in page
    unlinked.organisation = Provider.objects.create(name="Organisatie Met Code", agb_code="71000009")
    unlinked.save()
    assert "Boeknaam Zonder Koppeling" not in client.get("/inrichting/").content.decode()
