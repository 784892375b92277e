"""Every Noordoost-Brabant tariff is reproduced to the cent or listed with the reason it is not."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from jeugdketen.kostprijs.calibrate import CONFLICT, OUTSIDE, REPRODUCED, calibrate
from jeugdketen.kostprijs.spec import load
from jeugdketen.kostprijs.whatif import Scenario, new_tariffs

NOB = "noordoost-brabant-2021"


@pytest.fixture(scope="module")
def calibration():
    return calibrate(load(NOB))


def _book():
    from importlib import resources

    text = (resources.files("jeugdketen.catalogus") / "data" / f"{NOB}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_the_list_covers_every_tariff_of_the_product_book_once(calibration):
    book = [
        (str(p["code"]), t["variant"], Decimal(str(t["amount"])))
        for p in _book()["products"]
        for t in p.get("tariffs") or []
    ]
    listed = [(r.code, r.variant, r.published) for r in calibration.reproductions]
    assert sorted(listed) == sorted(book)
    assert len(book) == 57  # 45 products, 11 with a micro tariff, 41B16 twice


def test_every_verdict_is_true(calibration):
    model = calibration.model
    for r in calibration.reproductions:
        spec = model.products[r.code]
        if r.status == REPRODUCED:
            # recompute from the group's calibrated hourly cost, independently of the verdict
            from jeugdketen.kostprijs.calibrate import model_tariff

            assert model_tariff(model, spec, calibration.hourly(r.code), r.variant) == r.published, r
        elif r.status == CONFLICT:
            assert r.model is not None and r.model != r.published, r
            assert r.reason
        else:
            assert r.status == OUTSIDE and r.model is None and not spec.in_model and r.reason, r


def test_the_known_conflicts_are_the_ones_listed(calibration):
    not_reproduced = {
        (r.code, r.variant, str(r.published)) for r in calibration.reproductions if r.status == CONFLICT
    }
    # Respijtzorg micro etmaal: the micro relation gives 140,28 (also the domain notes' finding);
    # Daghulp intensief 2: Tabel 14 says 139,72, Tabel 16 139,71 (a conflict the book records).
    assert not_reproduced == {("43A11", "micro", "129.68"), ("41B16", "regular", "139.72")}
    outside = {r.code for r in calibration.reproductions if r.status == OUTSIDE}
    assert outside == {
        "43A09",
        "43A62",
        "54Z01",
        "54Z02",
        "54Z03",
        "54Z04",
        "54Z05",
        "54Z06",
        "54Z07",
        "43B50",
        "43B51",
    }
    respijt = next(r for r in calibration.reproductions if r.code == "43A11" and r.variant == "micro")
    assert respijt.model == Decimal("140.28")


def test_book_conflicts_about_tariffs_are_among_the_breaches(calibration):
    breaches = dict(calibration.breaches())
    for product in _book()["products"]:
        for conflict in product.get("conflicts") or []:
            if conflict.get("field") == "tariff":
                listed = [figure for figure in breaches if figure.startswith(str(product["code"]))]
                assert listed, f"{product['code']}: {conflict}"
    # The printed hourly rates that do not round to Tabel 16's minute tariff (L3444-3448).
    assert "54001 uurtarief € 108,00" in breaches
    assert "45C56 uurtarief € 90,00" in breaches


def test_sggz_tiers_fix_sggz_1_between_the_other_two(calibration):
    check = next(c for c in calibration.checks if c.codes == ("54001", "54B02", "54003"))
    assert check.consistent
    assert "€ 108,03 per uur" in check.text
    assert calibration.hourly("54001") == Decimal("108.03")


def test_the_residential_products_with_one_mix_agree_within_rounding(calibration):
    check = next(c for c in calibration.checks if c.codes == ("43B37", "54014"))
    assert check.consistent


def test_an_empty_scenario_changes_no_tariff(calibration):
    assert all(change.new == change.current for change in new_tariffs(calibration, Scenario()))


def test_indexation_follows_the_weights_and_rounds_up_minutes(calibration):
    changes = {
        (c.code, c.variant): c
        for c in new_tariffs(calibration, Scenario(ova=Decimal("2"), material=Decimal("1")))
    }
    # Minute: (71 / 60) x (1 + 0,85 x 2 % + 0,15 x 1 %) = 1,20522, up to 1,21
    assert changes[("45B51", "regular")].new == Decimal("1.21")
    # Dagdeel: (71 x 0,8 + 6) x 1,0185 = 63,9618 -> 63,96
    assert changes[("41A23", "regular")].new == Decimal("63.96")
    # Outside the model (pleegzorg, residential weights 70/30): 43,33 x 1,017 = 44,0666 -> 44,07
    assert changes[("43A09", "regular")].new == Decimal("44.07")


def test_the_counts_in_docs_tariffs(calibration):
    """docs/tariffs.md quotes these numbers; a change to the data must change the text too."""
    reproduced = [r for r in calibration.reproductions if r.status == REPRODUCED]
    assert len(reproduced) == 44
    assert sum(1 for r in reproduced if r.independent_checks) == 27
