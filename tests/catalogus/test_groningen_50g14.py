"""Groningen 2016 names one LVB housing product 50G15 in its overview and 50G14 on its page. The
catalogue keeps the page's code, name and provider and records the overview's as a conflict
(docs/rules.md, "Groningen 50G14, not 50G15"); these tests pin that choice, so a change is deliberate."""

from __future__ import annotations

import re

import pytest

from jeugdketen.catalogus.models import Municipality, Product, Region
from jeugdketen.toegang.proposal import find_product

pytestmark = pytest.mark.django_db

BOOK = "groningen-2016"
DOCUMENT = "003_811650e0262c8091.txt"


def _codes_in(lines: list[str]) -> list[tuple[int, str]]:
    return [(n, code) for n, line in enumerate(lines, 1) for code in re.findall(r"50G1[345]", line)]


def test_the_document_has_50g15_only_in_the_overview_and_50g14_only_on_a_page(shared_dir):
    """The reading the choice rests on: each code occurs once, in the same place between 50G13 and 50G17."""
    lines = (shared_dir / "seeds" / DOCUMENT).read_text(encoding="utf-8").splitlines()
    assert _codes_in(lines) == [(917, "50G13"), (924, "50G15"), (5490, "50G13"), (5529, "50G14")]
    assert "Woontraining en" in lines[918] and lines[923].split() == ["50", "50G15", "Ja"]
    assert lines[5528].strip() == "Woonproject jeugdigen LVB [50G14]"
    assert "advies van de expertpool noodzakelijk" in lines[5540]
    assert "50G17" in lines[929] and "[50G17]" in lines[5555]


def test_the_catalogue_has_50g13_and_50g14_with_the_pages_names_and_providers(catalogue):
    products = Product.objects.filter(region__slug=BOOK, code__in=["50G13", "50G14", "50G15"])
    found = {
        p.code: (
            p.name,
            sorted(p.providers.values_list("name", flat=True)),
            bool(p.limits.get("expert_advice_required")),
        )
        for p in products
    }
    assert found == {
        "50G13": (
            "Orthopsychiatrische poli voor jeugdigen met een licht verstandelijke beperking",
            ["Reik", "s Heeren Loo Zorggroep"],
            False,
        ),
        "50G14": ("Woonproject jeugdigen LVB", ["Reik"], True),  # the overview's "Ja" (L924) holds for it
    }
    woonproject = products.get(code="50G14")
    assert (woonproject.category, woonproject.unit_code, woonproject.frequency_code) == ("50", "82", "6")
    assert (woonproject.source_first_line, woonproject.source_last_line) == (5529, 5555)


def test_the_overviews_code_and_name_are_kept_as_conflicts_of_50g14(catalogue):
    conflicts = {c["field"]: c for c in Product.objects.get(region__slug=BOOK, code="50G14").conflicts}
    assert conflicts["code"]["values"] == ["50G15", "50G14"] and conflicts["code"]["lines"] == [924, 5529]
    assert conflicts["name"]["values"][0].startswith("Woontraining en begeleidingstraject jeugdigen LVB")
    assert conflicts["name"]["lines"] == [919, 5529]


def test_a_toewijzing_finds_50g14_and_not_50g15(catalogue):
    municipality = Municipality.objects.create(cbs_code="0014", name="Groningen")
    municipality.regions.add(Region.objects.get(slug=BOOK))
    assert find_product(municipality, "50", "50G14").name == "Woonproject jeugdigen LVB"
    assert find_product(municipality, "50", "50G15") is None  # refused as PRODUCT on allocation
