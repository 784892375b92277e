"""'Opbouw van het tarief': one product's tariff, step by step, each with its document lines.

The monthly salary of the product's function mix comes from the scale amounts when they are
entered for every scale the mix needs, otherwise from calibration (what the published tariffs
imply). Every later step is the model's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .calibrate import OUTSIDE, Calibration, Reproduction
from .model import (
    CENT,
    MINUTE,
    Step,
    decimal,
    display_pct,
    euro,
    exact,
    mix_salary,
    monthly_salary_from_hourly,
    yearly_cost_steps,
)

FROM_SCALES, FROM_CALIBRATION = "schaalbedragen", "kalibratie"


@dataclass
class Explanation:
    code: str
    variant: str
    reproduction: Reproduction | None
    steps: list[Step] = field(default_factory=list)
    salary_source: str = ""
    tariff: Decimal | None = None
    notes: list[str] = field(default_factory=list)
    missing_scales: list[str] = field(default_factory=list)

    @property
    def published(self) -> Decimal | None:
        return self.reproduction.published if self.reproduction else None

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "variant": self.variant,
            "salary_source": self.salary_source,
            "tariff": None if self.tariff is None else str(self.tariff),
            "published": None if self.published is None else str(self.published),
            "status": self.reproduction.status if self.reproduction else None,
            "reason": self.reproduction.reason if self.reproduction else "",
            "notes": self.notes,
            "missing_scales": self.missing_scales,
            "steps": [
                {
                    "label": step.label,
                    "parameter": step.parameter,
                    "amount": None if step.amount is None else str(step.amount.quantize(CENT)),
                    "total": None if step.total is None else str(step.total.quantize(CENT)),
                    "lines": list(step.lines) if step.lines else None,
                }
                for step in self.steps
            ],
        }


def _money(value: Fraction | Decimal) -> Decimal:
    return decimal(exact(value)) if isinstance(value, Fraction) else value


def explain(
    calibration: Calibration,
    code: str,
    variant: str = "regular",
    *,
    scales: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> Explanation:
    """The build-up of one product's tariff (``variant`` ``regular`` or ``micro``)."""
    model = calibration.model
    spec = model.products.get(code)
    reproduction = next(
        (r for r in calibration.reproductions if r.code == code and r.variant == variant), None
    )
    result = Explanation(code, variant, reproduction)
    if spec is None or not spec.in_model:
        result.notes.append(spec.open if spec else "Voor dit product is geen kostprijsopbouw vastgelegd.")
        return result
    hours = model.productive_hours(spec)
    mix_text = ", ".join(
        f"{format(share.normalize(), 'f').replace('.', ',')} % {level}" for level, share in spec.mix.items()
    )
    result.steps.append(Step("Functiemix", f"{mix_text}; cao {', '.join(spec.caos)}", None, None, spec.lines))
    if spec.inferred:
        result.notes.append(
            "De functiemix is gereconstrueerd: de tekst van het document verloor de kolommen van de tabel "
            "(zie docs/tariffs.md)."
        )
    if spec.provisions_inferred:
        result.notes.append(
            "Welke vaste bedragen bij dit product horen is uit de kolommen van de tabel afgeleid."
        )
    salary = None
    if scales:
        try:
            salary, per_level = mix_salary(spec.mix, spec.caos, model.levels, scales)
            result.salary_source = FROM_SCALES
            for level, amount in per_level.items():
                pct = model.levels[level]["pct_of_highest_step"]
                result.steps.append(
                    Step(
                        f"Salaris {level}",
                        f"{pct} % van de hoogste trede, gemiddeld over de cao's",
                        amount,
                        amount,
                        model.levels_lines,
                    )
                )
        except KeyError as missing:
            result.missing_scales.append(str(missing.args[0]))
    if salary is None:
        hourly = calibration.hourly(code)
        salary = decimal(
            monthly_salary_from_hourly(hourly, hours.value, model.surcharges, ort=spec.ort_value)
        )
        result.salary_source = FROM_CALIBRATION
        source = f"afgeleid uit de gepubliceerde tarieven (uurkosten {euro(hourly)})"
    else:
        source = "uit de schaalbedragen"
    micro = variant == "micro"
    steps = yearly_cost_steps(salary, model.surcharges, ort=spec.ort, micro=micro, salary_source=source)
    result.steps += steps
    yearly = steps[-1].total
    hourly = yearly / hours.value
    result.steps.append(
        Step("Kosten per uur", f"÷ {hours.value} productieve uren ({hours.label})", None, hourly, hours.lines)
    )
    rule = model.unit_rule(spec)
    if spec.unit == MINUTE:
        value = hourly / 60
        result.steps.append(Step("Per minuut", "÷ 60", None, value, None))
    else:
        if spec.fte is not None:
            per_unit = _money(exact(hourly) * rule.slope())
            per_etmaal = decimal(rule.slope()).quantize(Decimal("0.001"))
            fte = str(spec.fte.value).replace(".", ",")
            per_etmaal = str(per_etmaal).replace(".", ",")
            label = f"{fte} fte per jeugdige × {hours.value} uur ÷ 365 = {per_etmaal} uur"
            result.steps.append(Step(f"Personeel per {spec.unit}", label, None, per_unit, spec.fte.lines))
        else:
            per_unit = _money(exact(hourly) * rule.slope())
            result.steps.append(
                Step(f"Personeel per {spec.unit}", spec.hours.label, None, per_unit, spec.hours.lines)
            )
        value = per_unit
        for provision in spec.provisions:
            value += provision.value
            result.steps.append(
                Step(provision.label, euro(provision.value), provision.value, value, provision.lines)
            )
    result.tariff = rule.tariff(exact(hourly))
    rounding = (
        "naar boven op hele centen (deelbaar door 60 per uur)" if spec.unit == MINUTE else "op hele centen"
    )
    result.steps.append(
        Step(
            "Tarief",
            f"afgerond {rounding}",
            None,
            result.tariff,
            (3444, 3448) if spec.unit == MINUTE else None,
        )
    )
    if micro:
        result.notes.append(
            f"Micro-onderneming: overhead {display_pct(model.surcharges.overhead_micro.value)} in plaats van "
            f"{display_pct(model.surcharges.overhead.value)}; de vaste bedragen blijven gelijk."
        )
    if reproduction is not None and reproduction.status == OUTSIDE:
        result.notes.append(reproduction.reason)
    return result
