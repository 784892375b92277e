"""What if a parameter changes: the tariffs the model gives, per product and variant.

The salary of every function mix is the one calibration implies (or the one computed from the
scale amounts, when they are entered); a scenario raises it by a CAO percentage, changes the
surcharges, the productive hours or indexes the result, and the model rounds as the document
prescribes. With an empty scenario every tariff comes back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .calibrate import CONFLICT, REPRODUCED, VARIANT_LABELS, Calibration
from .model import cents, exact, hourly_from_monthly_salary, index_factor, monthly_salary_from_hourly
from .spec import ProductSpec

ZERO = Decimal(0)
BY_MODEL = "model"
BY_RELATIVE_CHANGE = "gepubliceerd tarief × relatieve wijziging van het model"
BY_INDEX_ONLY = "alleen indexatie (buiten het model)"


@dataclass(frozen=True)
class Scenario:
    """Changes against the model's own parameters. Percentages as Decimal (``Decimal("3.5")``);
    None keeps the document's value."""

    cao_raise: Decimal = ZERO
    holiday_pay: Decimal | None = None
    year_end_bonus: Decimal | None = None
    social_charges: Decimal | None = None
    overhead: Decimal | None = None
    overhead_micro: Decimal | None = None
    risk: Decimal | None = None
    productive_hours_change: Decimal = ZERO  # hours per FTE per year, added to every productivity
    ova: Decimal = ZERO  # wage index (OVA), %
    material: Decimal = ZERO  # material price index, %
    # per product code: new salary of its mix / old one, e.g. from two years of scale amounts
    salary_factors: dict[str, Decimal] = field(default_factory=dict)
    scale_years: tuple[int, int] | None = None  # where salary_factors come from, for the record

    def surcharge_changes(self) -> dict[str, Decimal]:
        names = ("holiday_pay", "year_end_bonus", "social_charges", "overhead", "overhead_micro", "risk")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def is_empty(self) -> bool:
        return self == Scenario()

    def as_dict(self) -> dict[str, str]:
        result = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "salary_factors" or value is None:
                continue
            result[name] = f"{value[0]}-{value[1]}" if name == "scale_years" else str(value)
        return result


@dataclass(frozen=True)
class TariffChange:
    code: str
    name: str
    variant: str
    year: int
    current: Decimal
    new: Decimal
    method: str

    @property
    def variant_label(self) -> str:
        return VARIANT_LABELS[self.variant]

    @property
    def difference(self) -> Decimal:
        return self.new - self.current

    @property
    def percent(self) -> Decimal | None:
        if not self.current:
            return None
        return (self.difference / self.current * 100).quantize(Decimal("0.01"))


def _unrounded(calibration: Calibration, spec: ProductSpec, variant: str, scenario: Scenario) -> Fraction:
    """The model's unrounded tariff under a scenario (an empty one: the calibrated model)."""
    model = calibration.model
    base_hours = model.productive_hours(spec).value
    salary = monthly_salary_from_hourly(
        calibration.hourly(spec.code), base_hours, model.surcharges, ort=spec.ort_value
    )
    salary *= exact(scenario.salary_factors.get(spec.code, 1)) * (1 + exact(scenario.cao_raise) / 100)
    surcharges = model.surcharges.replace(**scenario.surcharge_changes())
    hours = base_hours + scenario.productive_hours_change
    hourly = hourly_from_monthly_salary(
        salary, hours, surcharges, ort=spec.ort_value, micro=variant == "micro"
    )
    rule = model.unit_rule(spec, productivity=hours)
    index = index_factor(model.weights(spec), {"ova": scenario.ova, "material": scenario.material})
    return rule.exact_value(hourly, index=index)


def new_tariffs(
    calibration: Calibration, scenario: Scenario, *, year: int | None = None
) -> list[TariffChange]:
    """Every published tariff under the scenario, with how it was computed.

    - reproduced by the model: the model's tariff under the scenario;
    - in the model but published otherwise (a conflict): the published tariff moved by the
      model's relative change, then rounded as the unit prescribes;
    - outside the model (no parameters): only the index applies, to the whole tariff.
    """
    model = calibration.model
    result = []
    for row in calibration.reproductions:
        spec = model.products.get(row.code)
        if row.status == REPRODUCED:
            new = cents(_unrounded(calibration, spec, row.variant, scenario), spec.unit)
            method = BY_MODEL
        elif row.status == CONFLICT:
            ratio = _unrounded(calibration, spec, row.variant, scenario) / _unrounded(
                calibration, spec, row.variant, Scenario()
            )
            new = row.published if ratio == 1 else cents(exact(row.published) * ratio, spec.unit)
            method = BY_RELATIVE_CHANGE
        else:  # OUTSIDE: no parameters to recompute it from
            weights = model.weights(spec) if spec else {"ova": Decimal(85), "material": Decimal(15)}
            index = index_factor(weights, {"ova": scenario.ova, "material": scenario.material})
            unit = spec.unit if spec else "etmaal"
            new = row.published if index == 1 else cents(exact(row.published) * index, unit)
            method = BY_INDEX_ONLY
        result.append(
            TariffChange(row.code, row.name, row.variant, year or row.year, row.published, new, method)
        )
    return result


def index_scenario(ova: Decimal, material: Decimal) -> Scenario:
    """The document's indexation for a new year (L2429-2438): OVA and material index only."""
    return Scenario(ova=ova, material=material)
