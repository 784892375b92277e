"""Product-code changes (iStandaarden protocol productcodelijstwijzigingen): a product ends on a
date and is succeeded by another code; new toewijzingen use the successor, running ones keep
their code, and an end date is never set in the past."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from jeugdketen.catalogus.loader import CatalogueDataError, data_files, load_file
from jeugdketen.catalogus.models import Municipality, Product, Provider, Region
from jeugdketen.toegang.checks import Proposal, check_product, find_product

BOOK = "noordoost-brabant-2021"
TODAY = dt.date.today()


def _book(tmp_path, **changes_by_code) -> tuple:
    source = next(p for p in data_files() if p.stem == BOOK)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for entry in data["products"]:
        entry.update(changes_by_code.get(str(entry.get("code")), {}))
    path = tmp_path / f"{BOOK}-{len(list(tmp_path.iterdir()))}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def municipality(db):
    load_file(next(p for p in data_files() if p.stem == BOOK))
    municipality = Municipality.objects.create(cbs_code="0796", name="'s-Hertogenbosch")
    municipality.regions.add(Region.objects.get(slug=BOOK))
    return municipality


def test_an_ended_code_is_succeeded_for_new_toewijzingen_only(municipality, tmp_path):
    end = TODAY + dt.timedelta(days=30)
    load_file(_book(tmp_path, **{"45B50": {"valid_until": end.isoformat(), "successor": "45B51"}}))
    old, new = (Product.objects.get(region__slug=BOOK, code=c) for c in ("45B50", "45B51"))
    assert old.valid_until == end and old.successor == new
    assert old.current_on(end) == old and old.current_on(end + dt.timedelta(days=1)) == new
    assert find_product(municipality, old.category, "45B50", on=end + dt.timedelta(days=1)) == new
    assert find_product(municipality, old.category, "45B50", on=end) == old

    client = type("Client", (), {"birth_date": dt.date(2015, 1, 1)})()
    provider = Provider(name="x")
    day_after = end + dt.timedelta(days=1)
    [finding] = check_product(Proposal(municipality, client, provider, old, day_after))
    assert finding.rule == "PRODUCTCODE" and "gebruik 45B51" in finding.text
    assert check_product(Proposal(municipality, client, provider, old, end)) == []  # its last day
    running = object()  # a change of a running toewijzing keeps its code
    assert check_product(Proposal(municipality, client, provider, old, day_after, replaces=running)) == []


def test_a_code_never_ends_in_the_past_and_a_bad_book_stores_nothing(municipality, tmp_path):
    past = (TODAY - dt.timedelta(days=1)).isoformat()
    with pytest.raises(CatalogueDataError, match="never change retroactively"):
        load_file(_book(tmp_path, **{"45B50": {"valid_until": past, "successor": "45B51"}}))
    with pytest.raises(CatalogueDataError, match="is not another code of this book"):
        load_file(_book(tmp_path, **{"45B50": {"valid_until": TODAY.isoformat(), "successor": "99Z99"}}))
    assert Product.objects.get(region__slug=BOOK, code="45B50").valid_until is None


def test_the_allocation_form_offers_no_ended_code(municipality):
    from jeugdketen.toegang.forms import AllocationForm

    ended = Product.objects.get(region__slug=BOOK, code="45B50")
    offered = AllocationForm(municipality=municipality).fields["product"].queryset
    assert ended in offered
    Product.objects.filter(pk=ended.pk).update(valid_until=TODAY - dt.timedelta(days=1))
    assert ended not in AllocationForm(municipality=municipality).fields["product"].queryset
