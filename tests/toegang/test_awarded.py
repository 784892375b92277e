"""GEGUND and GEGUND-KOPPELING: in Groningen a product goes only to a provider awarded it."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.toegang.rules_world import RegionWorld, born

from jeugdketen.catalogus.models import Product, Provider
from jeugdketen.toegang.awarded import check_awarded
from jeugdketen.toegang.checks import check_allocation

BEGIN = dt.date(2024, 3, 4)


@pytest.fixture
def groningen(db):
    return RegionWorld("groningen-2016")


def _named_product(world) -> Product:
    """A Groningen product whose page names at least two providers."""
    for product in Product.objects.filter(region=world.region).order_by("position"):
        if product.providers.count() >= 2:
            return product
    raise AssertionError("the Groningen book names providers per product")


def _organisation(name: str, agb: str, **extra) -> Provider:
    return Provider.objects.create(name=name, agb_code=agb, **extra)


def _proposal(world, product, provider):
    proposal = world.proposal(product, world.client(born(10, on=BEGIN)), BEGIN)
    proposal.provider = provider
    return proposal


def test_awarded_provider_is_allowed(groningen):
    product = _named_product(groningen)
    organisation = _organisation("Organisatie A", "70000001")
    book_name = product.providers.order_by("name").first()
    book_name.organisation = organisation
    book_name.save()
    assert check_awarded(_proposal(groningen, product, organisation)) == []


def test_provider_not_awarded_is_refused(groningen):
    product = _named_product(groningen)
    other = _organisation("Organisatie B", "70000002")
    findings = check_awarded(_proposal(groningen, product, other))
    assert [f.rule for f in findings] == ["GEGUND"]
    assert not findings[0].is_signal and findings[0].refusal_reason == "3"
    assert "GEGUND" in [f.rule for f in check_allocation(_proposal(groningen, product, other))]


def test_contract_holder_of_the_awarded_organisation_is_allowed(groningen):
    product = _named_product(groningen)
    holder = _organisation("Hoofdaannemer C", "70000003", is_contract_holder=True)
    member = _organisation("Onderaannemer C", "70000004", contract_holder=holder)
    product.providers.filter(pk=product.providers.order_by("name").first().pk).update(organisation=member)
    assert check_awarded(_proposal(groningen, product, holder)) == []
    assert check_awarded(_proposal(groningen, product, member)) == []
    stranger = _organisation("Organisatie D", "70000005")
    assert [f.rule for f in check_awarded(_proposal(groningen, product, stranger))] == ["GEGUND"]


def test_product_without_names_is_not_judged(groningen):
    product = _named_product(groningen)
    product.providers.clear()
    other = _organisation("Organisatie E", "70000006")
    assert check_awarded(_proposal(groningen, product, other)) == []


def test_other_region_is_not_judged(db):
    limburg = RegionWorld("midden-limburg-oost-2020")
    product = limburg.product("Begeleiding individueel- licht")
    awarded = _organisation("Organisatie F", "70000007")
    product.providers.add(awarded)  # even a list of names does not bring Groningen's rule along
    other = _organisation("Organisatie G", "70000008")
    assert check_awarded(_proposal(limburg, product, other)) == []


def test_unlinked_name_signals_instead_of_refusing(groningen):
    product = _named_product(groningen)
    unlinked = product.providers.order_by("name").first()
    unlinked.organisation = None
    unlinked.save()
    other = _organisation("Organisatie H", "70000009")
    findings = check_awarded(_proposal(groningen, product, other))
    assert [f.rule for f in findings] == ["GEGUND-KOPPELING"]
    assert findings[0].is_signal and unlinked.name in findings[0].text


def test_awarded_provider_gets_no_link_signal_while_another_name_is_unlinked(groningen):
    """An awarded provider gets no signal even while another name of the page is still unlinked."""
    product = _named_product(groningen)
    first, second = product.providers.order_by("name")[:2]
    organisation = _organisation("Organisatie I", "70000010")
    first.organisation = organisation
    first.save()
    second.organisation = None
    second.save()
    assert check_awarded(_proposal(groningen, product, organisation)) == []
    assert all(name.stands_for is not None for name in product.providers.exclude(pk=second.pk))
