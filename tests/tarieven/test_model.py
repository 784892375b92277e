"""The cost-price model as arithmetic: the steps, units, the micro relation, rounding, indexation."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from jeugdketen.kostprijs.calibrate import calibrate
from jeugdketen.kostprijs.model import (
    DAGDEEL,
    MINUTE,
    UnitRule,
    cents,
    index_factor,
    mix_salary,
    yearly_cost_steps,
)
from jeugdketen.kostprijs.spec import load

NOB = "noordoost-brabant-2021"


@pytest.fixture(scope="module")
def model():
    return load(NOB)


@pytest.fixture(scope="module")
def calibration(model):
    return calibrate(model)


def test_daghulp_specialistisch_from_the_calibrated_hourly_cost(model, calibration):
    """41A23: 0,8 hour per dagdeel (4 h / 5 clients, L2356-2359) plus € 6 (L2314-2317)."""
    hourly = calibration.hourly("41A23")
    # The same mix as Begeleiding specialistisch (1,19 and 0,98 per minute), so calibration
    # uses four published tariffs; the roundest hourly cost they allow is € 71.
    assert hourly == Decimal("71")
    rule = model.unit_rule(model.products["41A23"])
    assert rule.tariff(hourly) == Decimal("62.80")  # 71 x 0,8 + 6 = 62,80
    micro = Fraction(hourly) * model.surcharges.micro_factor()  # overhead 11,5 % instead of 35 %
    assert rule.tariff(micro) == Decimal("52.91")  # 58,6407 x 0,8 + 6 = 52,9126
    # The same hourly cost gives the minute tariffs of 45B51, rounded up (L3444-3448).
    minute = model.unit_rule(model.products["45B51"])
    assert minute.tariff(hourly) == Decimal("1.19")
    assert minute.tariff(micro) == Decimal("0.98")


def test_steps_follow_the_document_order_and_percentages(model):
    steps = yearly_cost_steps(Decimal("3000"), model.surcharges, micro=False)
    labels = [step.label for step in steps]
    assert labels == [
        "Salaris per maand",
        "Salaris per jaar",
        "Vakantiegeld",
        "Eindejaarsuitkering",
        "Sociale lasten (incl. 4 % andere personeelskosten)",
        "Overhead",
        "Risico-opslag",
    ]
    yearly = Decimal("36000")
    assert steps[2].amount == yearly * Decimal("0.08")
    assert steps[3].amount == yearly * Decimal("0.0833")
    gross = yearly * Decimal("1.1633")
    assert steps[4].total == gross * Decimal("1.32")
    # risk is 2 % over wages incl. social charges and overhead (L2202-2203)
    assert steps[-1].total == gross * Decimal("1.32") * Decimal("1.35") * Decimal("1.02")
    assert model.surcharges.multiplier() == Fraction(steps[-1].total) / 3000


def test_micro_overhead_leaves_the_fixed_amounts_alone(model):
    rule = UnitRule(DAGDEEL, Fraction(4, 5), Decimal("6.00"))
    factor = model.surcharges.micro_factor()
    assert factor == Fraction(1115, 1350)
    assert rule.exact_value(100 * factor) - 6 == (rule.exact_value(100) - 6) * factor


def test_rounding_minute_up_dagdeel_half_up():
    assert cents(Fraction(10801, 6000), MINUTE) == Decimal("1.81")  # 108,01 / 60 = 1,80017 -> up
    assert cents(Fraction(108, 60), MINUTE) == Decimal("1.80")  # exactly 1,80 stays
    assert cents(Fraction(529126, 10000), DAGDEEL) == Decimal("52.91")
    assert cents(Fraction(52915, 1000), DAGDEEL) == Decimal("52.92")  # half a cent goes up


def test_index_weights_85_15_and_70_30(model):
    ambulant = model.weights(model.products["41A23"])
    verblijf = model.weights(model.products["44A27"])
    assert ambulant == {"ova": Decimal("85"), "material": Decimal("15")}
    assert verblijf == {"ova": Decimal("70"), "material": Decimal("30")}
    indices = {"ova": Decimal("3"), "material": Decimal("1")}
    assert index_factor(ambulant, indices) == Fraction(1) + Fraction(85 * 3 + 15 * 1, 10000)
    assert index_factor(verblijf, indices) == Fraction(1) + Fraction(70 * 3 + 30 * 1, 10000)


def test_salary_from_scale_amounts_is_the_mean_over_the_caos(model):
    """HBO in JZ is 50 % schaal 8 + 50 % schaal 9; in GGZ 35 % FWG-50 + 65 % FWG-55; x 93 %."""
    scales = {
        "JZ": {"8": Decimal("3000"), "9": Decimal("3400")},
        "GGZ": {"FWG-50": Decimal("3200"), "FWG-55": Decimal("3600")},
    }
    salary, per_level = mix_salary({"HBO": Decimal("100")}, ["JZ", "GGZ"], model.levels, scales)
    jz = (Decimal("3000") + Decimal("3400")) / 2 * Decimal("0.93")
    ggz = (Decimal("3200") * Decimal("0.35") + Decimal("3600") * Decimal("0.65")) * Decimal("0.93")
    assert salary == per_level["HBO"] == (jz + ggz) / 2
    with pytest.raises(KeyError, match="GHZ FWG-45"):
        mix_salary({"HBO": Decimal("100")}, ["GHZ"], model.levels, scales)
