"""The age rules of allocation (LEEFTIJD, LEEFTIJD-18) at their edges, on the product books'
own ranges: the last birthday served and the first one not."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from jeugdketen.catalogus.loader import data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.demo.people import bsn
from jeugdketen.toegang.ages import (
    check_dyslexia_beyond_age,
    check_extended_care,
    check_extended_care_other_law,
)
from jeugdketen.toegang.checks import Proposal, check_age
from jeugdketen.toegang.models import Client, Toewijzing

BEGIN = dt.date(2026, 6, 15)
_numbers = itertools.count(7000)


@pytest.fixture
def books(db):
    for path in data_files():
        load_file(path)
    return Municipality.objects.get(cbs_code="0957")  # Roermond, from the Midden-Limburg Oost book


def _client(municipality, age: int, *, days: int = 0) -> Client:
    """A youth who turns `age` on BEGIN minus `days` (days=0: the birthday is the first day)."""
    birth = BEGIN.replace(year=BEGIN.year - age) - dt.timedelta(days=days)
    return Client.objects.create(
        bsn=bsn(next(_numbers)), birth_date=birth, last_name="Jansen", municipality=municipality
    )


def _rules(municipality, product, age: int, *, days: int = 0) -> list[str]:
    client = _client(municipality, age, days=days)
    proposal = Proposal(municipality, client, Provider(name="x"), product, BEGIN)
    return [finding.rule for finding in check_age(proposal)]


def _product(region: str, **lookup) -> Product:
    return Product.objects.get(region__slug=region, **lookup)


@pytest.mark.parametrize(
    ("region", "code"), [("midden-limburg-oost-2020", "54005"), ("groningen-2016", "52G05")]
)
def test_dyslexia_is_from_7_up_to_and_including_12(books, region, code):
    product = _product(region, code=code)
    assert _rules(books, product, 6, days=364) == ["LEEFTIJD"]  # the day before the 7th birthday
    assert _rules(books, product, 7) == []
    assert _rules(books, product, 12, days=364) == []  # the last day of being 12
    thirteen = Proposal(books, _client(books, 13), Provider(name="x"), product, BEGIN)  # the 13th birthday
    if region == "groningen-2016":  # past 12 on the book's conditions: a signal, not a refusal
        assert check_age(thirteen) == []
        assert [f.rule for f in check_dyslexia_beyond_age(thirteen)] == ["LEEFTIJD-EED"]
    else:
        assert [f.rule for f in check_age(thirteen)] == ["LEEFTIJD"]


def test_fact_jeugd_serves_young_adults_up_to_23(books):
    fact = _product("groningen-2016", code="50G07")
    assert _rules(books, fact, 18) == []  # no verlengde jeugdhulp needed: its range runs to 23
    assert _rules(books, fact, 22, days=364) == []
    assert _rules(books, fact, 23) == ["LEEFTIJD"]


def test_a_gezinshuis_serves_up_to_21_and_not_from_21(books):
    gezinshuis = _product("alkmaar-2023", name="Gezinshuizen")
    assert _rules(books, gezinshuis, 20, days=364) == []
    assert _rules(books, gezinshuis, 21) == ["LEEFTIJD"]


def test_a_product_for_minors_needs_care_begun_before_18(books):
    """LEEFTIJD-18 (Midden-Limburg Oost): an 18-23 extension only continues care that began before
    the 18th birthday. Alkmaar's book sets no such condition: there only the other-law signal."""
    alkmaar = _product("alkmaar-2023", name="HAJ Individueel Medicatiecontrole")
    adult = Proposal(books, _client(books, 18), Provider(name="x"), alkmaar, BEGIN)
    assert check_age(adult) == [] and check_extended_care(adult) == []
    assert [f.rule for f in check_extended_care_other_law(adult)] == ["VERLENGD-VOORLIGGEND"]
    medication = _product("midden-limburg-oost-2020", code="45A04")
    assert medication.extended_until == 23 and medication.age_max == 18
    assert _rules(books, medication, 17, days=364) == []
    client = _client(books, 18)
    proposal = Proposal(books, client, Provider(name="x"), medication, BEGIN)
    assert check_age(proposal) == []
    assert [f.rule for f in check_extended_care(proposal)] == ["LEEFTIJD-18"]
    provider = Provider.objects.create(name="Zorg BV", agb_code="98765432")
    Toewijzing.objects.create(
        municipality=books,
        number="1",
        client=client,
        provider=provider,
        product=medication,
        product_category=medication.category or "45",
        product_code="",
        begin=BEGIN - dt.timedelta(days=1),
        end=None,
        volume=1,
        unit="04",
        frequency="2",
        toewijzing_date=BEGIN - dt.timedelta(days=1),
    )
    assert check_extended_care(proposal) == []  # the care began the day before the 18th birthday
    assert _rules(books, medication, 23) == ["LEEFTIJD"]  # past the extension


def test_an_ordinary_product_stops_at_18(books):
    ordinary = _product("noordoost-brabant-2021", code="45B50")
    assert ordinary.extended_until is None and (ordinary.age_max or 18) == 18
    assert _rules(books, ordinary, 17, days=364) == []
    assert _rules(books, ordinary, 18) == ["LEEFTIJD"]
