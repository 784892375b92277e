"""Calibration: what the published tariffs imply, and whether they agree with the model.

The document names the CAO scales but not their amounts, so the hourly cost of a function mix
is unknown. Each published tariff, read through the model and its rounding rule, pins the
hourly cost to an interval; the tariffs of products that share a mix (and the regular and
micro tariff of one product) must pin it to overlapping intervals. Their intersection is the
*calibrated* interval; the calibrated hourly cost is its roundest amount (the document prints
hourly rates such as € 108,00 and € 90,-), from which the model gives back every tariff of the
group. A tariff whose interval misses the others' is listed with the reason.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources

import yaml

from .model import (
    CENT,
    MINUTE,
    decimal,
    display_pct,
    euro,
    exact,
    hourly_from_monthly_salary,
    monthly_salary_from_hourly,
)
from .spec import ProductSpec, RegionModel

ONE_CENT = Fraction(1, 100)
HALF_CENT = Fraction(1, 200)

REPRODUCED, CONFLICT, OUTSIDE = "reproduced", "conflict", "outside"
STATUS_LABELS = {
    REPRODUCED: "gereproduceerd",
    CONFLICT: "niet gereproduceerd: in strijd met het model of de afronding",
    OUTSIDE: "niet gereproduceerd: het document geeft de parameters niet",
}
VARIANT_LABELS = {"regular": "regulier", "micro": "micro-onderneming"}


@dataclass(frozen=True)
class Interval:
    """Hourly costs from `low` to `high` (exact rationals); `low_open`/`high_open` exclude the bound."""

    low: Fraction
    high: Fraction
    low_open: bool = False
    high_open: bool = False

    def intersect(self, other: Interval) -> Interval | None:
        if self.low > other.low or (self.low == other.low and self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high < other.high or (self.high == other.high and self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if low > high or (low == high and (low_open or high_open)):
            return None
        return Interval(low, high, low_open, high_open)

    def contains(self, value: Fraction | Decimal) -> bool:
        value = exact(value)
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def roundest(self) -> Decimal:
        """The amount with the fewest decimals inside, nearest the middle among equals."""
        middle = (self.low + self.high) / 2
        for places in range(0, 12):
            scale = 10**places
            near = round(middle * scale)
            for whole in sorted(
                {near - 1, near, near + 1}, key=lambda w: (abs(Fraction(w, scale) - middle), w)
            ):
                if self.contains(Fraction(whole, scale)):
                    return Decimal(whole).scaleb(-places)
        return decimal(middle)

    def text(self) -> str:
        left = "<" if self.low_open else "≤"
        right = "<" if self.high_open else "≤"
        low, high = (decimal(bound).quantize(Decimal("0.0001")) for bound in (self.low, self.high))
        return f"{low} {left} uurkosten {right} {high}"


@dataclass(frozen=True)
class Constraint:
    """One published figure read as a condition on the hourly cost of its group."""

    code: str
    variant: str
    kind: str  # "tariff", "printed_hourly" or "derived" (from other groups)
    amount: Decimal
    interval: Interval
    year: int | None = None

    def label(self) -> str:
        if self.kind == "printed_hourly":
            return f"{self.code} uurtarief {euro(self.amount)}"
        if self.kind == "derived":
            return f"de lijn van functiemixen ({self.variant})"
        return f"{self.code} {VARIANT_LABELS[self.variant]} {euro(self.amount)}"


@dataclass
class GroupCalibration:
    group: str
    codes: list[str]
    interval: Interval | None = None
    hourly: Decimal | None = None
    accepted: list[Constraint] = field(default_factory=list)
    rejected: list[tuple[Constraint, list[Constraint]]] = field(default_factory=list)


@dataclass(frozen=True)
class Reproduction:
    """The verdict on one published tariff."""

    code: str
    name: str
    variant: str
    year: int
    published: Decimal
    model: Decimal | None
    status: str
    reason: str
    independent_checks: int = 0
    hourly: Decimal | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def variant_label(self) -> str:
        return VARIANT_LABELS[self.variant]


@dataclass(frozen=True)
class Check:
    """A consistency check between tariffs of different products."""

    kind: str
    codes: tuple[str, ...]
    consistent: bool
    text: str


@dataclass
class Calibration:
    model: RegionModel
    groups: dict[str, GroupCalibration]
    reproductions: list[Reproduction]
    checks: list[Check]

    def hourly(self, code: str) -> Decimal | None:
        spec = self.model.products.get(code)
        group = self.groups.get(spec.group) if spec else None
        return group.hourly if group else None

    def monthly_salary(self, code: str) -> Decimal | None:
        """The monthly salary of the product's function mix that the calibrated cost implies."""
        spec = self.model.products[code]
        hourly = self.hourly(code)
        if hourly is None or not spec.in_model:
            return None
        hours = self.model.productive_hours(spec).value
        return decimal(monthly_salary_from_hourly(hourly, hours, self.model.surcharges, ort=spec.ort_value))

    def yearly_cost_per_fte(self, code: str) -> Decimal | None:
        spec = self.model.products[code]
        hourly = self.hourly(code)
        if hourly is None or not spec.in_model:
            return None
        return hourly * self.model.productive_hours(spec).value

    def breaches(self) -> list[tuple[str, str]]:
        """Published figures that break the model or its rounding: (figure, why), in book order."""
        result = []
        for group in self.groups.values():
            for constraint, against in group.rejected:
                spec = self.model.products[constraint.code]
                if constraint.kind == "printed_hourly":
                    minute = self.model.unit_rule(spec).tariff(constraint.amount)
                    why = (
                        f"Naar boven afgerond op een minuuttarief geeft {euro(constraint.amount)} per uur "
                        f"{euro(minute)}; Tabel 16 noemt een ander minuuttarief."
                    )
                else:
                    why = "Niet te verenigen met " + ", ".join(c.label() for c in against) + "."
                result.append((constraint.label(), why))
        return result


# --- published tariffs --------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    code: str
    name: str
    year: int
    variant: str
    amount: Decimal


@cache
def published_tariffs(region: str) -> tuple[Published, ...]:
    """Every tariff of the region's product book (catalogus/data), in the book's order."""
    text = (resources.files("jeugdketen.catalogus") / "data" / f"{region}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    rows = []
    for product in data["products"]:
        for tariff in product.get("tariffs") or []:
            rows.append(
                Published(
                    str(product.get("code")),
                    product["name"],
                    int(tariff["year"]),
                    tariff.get("variant", "regular"),
                    Decimal(str(tariff["amount"])),
                )
            )
    return tuple(rows)


# --- intervals -----------------------------------------------------------------------------------


def tariff_interval(slope: Fraction, offset: Decimal, amount: Decimal, unit: str) -> Interval:
    """The hourly costs h for which rounding(slope x h + offset) is `amount`."""
    amount, offset = exact(amount), exact(offset)
    if unit == MINUTE:  # rounded up: amount - 1 cent < value <= amount
        return Interval((amount - ONE_CENT - offset) / slope, (amount - offset) / slope, True, False)
    return Interval((amount - HALF_CENT - offset) / slope, (amount + HALF_CENT - offset) / slope, False, True)


def constraints_for(model: RegionModel, spec: ProductSpec, published: list[Published]) -> list[Constraint]:
    rule = model.unit_rule(spec)
    result = []
    for row in published:
        slope = rule.slope() * (model.surcharges.micro_factor() if row.variant == "micro" else Fraction(1))
        interval = tariff_interval(slope, rule.provisions, row.amount, spec.unit)
        result.append(Constraint(spec.code, row.variant, "tariff", row.amount, interval, row.year))
    if spec.printed_hourly is not None:
        amount = spec.printed_hourly.value
        # "de berekende uurtarieven naar boven afgerond" (L3444): the printed rate is rounded up.
        bound = exact(amount)
        result.append(
            Constraint(
                spec.code, "regular", "printed_hourly", amount, Interval(bound - ONE_CENT, bound, True, False)
            )
        )
    return result


def _priority(constraint: Constraint) -> int:
    if constraint.kind == "derived":
        return 3
    return {("tariff", "regular"): 0, ("tariff", "micro"): 1}.get((constraint.kind, constraint.variant), 2)


def calibrate_group(group: str, constraints: list[Constraint]) -> GroupCalibration:
    """Intersect the group's conditions, regular tariffs first, then micro, then printed rates.

    A condition that would leave nothing is rejected, with the accepted ones it contradicts.
    """
    result = GroupCalibration(group, sorted({c.code for c in constraints}))
    for constraint in sorted(constraints, key=_priority):
        joined = (
            constraint.interval if result.interval is None else result.interval.intersect(constraint.interval)
        )
        if joined is None:
            against = [c for c in result.accepted if c.interval.intersect(constraint.interval) is None]
            result.rejected.append((constraint, against or list(result.accepted)))
            continue
        result.interval = joined
        result.accepted.append(constraint)
    if result.interval is not None:
        result.hourly = result.interval.roundest()
    return result


def calibrate(model: RegionModel) -> Calibration:
    published = [p for p in published_tariffs(model.region)]
    by_code: dict[str, list[Published]] = {}
    for row in published:
        by_code.setdefault(row.code, []).append(row)
    groups: dict[str, list[Constraint]] = {}
    for spec in model.products.values():
        if spec.in_model:
            groups.setdefault(spec.group, []).extend(constraints_for(model, spec, by_code.get(spec.code, [])))
    calibrated = {name: calibrate_group(name, items) for name, items in groups.items()}
    lines, derived = collinear_checks(model, calibrated)
    # Second pass: a group pinned by others (the SGGZ line) narrows to what they imply.
    for name, constraint in derived:
        calibrated[name] = calibrate_group(name, [*groups[name], constraint])
    reproductions = [_verdict(model, calibrated, row) for row in published]
    checks = same_mix_checks(model, calibrated) + lines
    return Calibration(model, calibrated, reproductions, checks)


def model_tariff(model: RegionModel, spec: ProductSpec, hourly: Decimal, variant: str) -> Decimal:
    factor = model.surcharges.micro_factor() if variant == "micro" else Fraction(1)
    return model.unit_rule(spec).tariff(exact(hourly) * factor)


def _verdict(model: RegionModel, groups: dict[str, GroupCalibration], row: Published) -> Reproduction:
    spec = model.products.get(row.code)
    base = dict(code=row.code, name=row.name, variant=row.variant, year=row.year, published=row.amount)
    if spec is None or not spec.in_model:
        reason = spec.open if spec else "Geen kostprijsspecificatie voor dit product."
        return Reproduction(**base, model=None, status=OUTSIDE, reason=reason)
    group = groups[spec.group]
    value = model_tariff(model, spec, group.hourly, row.variant)
    others = [
        c
        for c in group.accepted
        if not (c.code == row.code and c.variant == row.variant and c.amount == row.amount)
    ]
    rejected = [
        (c, against)
        for c, against in group.rejected
        if c.kind == "tariff" and c.code == row.code and c.variant == row.variant and c.amount == row.amount
    ]
    if rejected:
        against = ", ".join(c.label() for c in rejected[0][1])
        reason = (
            f"Geen uurkosten geven zowel dit tarief als {against}; met de gekalibreerde uurkosten "
            f"{euro(group.hourly)} geeft het model {euro(value)}."
        )
        if spec.open:
            reason += " " + spec.open
        return Reproduction(**base, model=value, status=CONFLICT, reason=reason, hourly=group.hourly)
    notes = []
    if not others:
        notes.append("Alleen op dit tarief zelf gekalibreerd: geen onafhankelijke controle.")
    else:
        notes.append("Klopt samen met " + ", ".join(c.label() for c in others) + ".")
    for c, _against in group.rejected:
        if c.kind == "printed_hourly":
            notes.append(
                f"Het uurtarief {euro(c.amount)} in het document geeft "
                f"{euro(model.unit_rule(spec).tariff(c.amount))}, niet dit tarief."
            )
    if spec.open:
        notes.append(spec.open)
    status = REPRODUCED if value == row.amount else CONFLICT
    return Reproduction(
        **base,
        model=value,
        status=status,
        reason=" ".join(notes),
        independent_checks=len(others),
        hourly=group.hourly,
    )


# --- checks between groups ----------------------------------------------------------------------


def _key(spec: ProductSpec) -> tuple:
    return (tuple(sorted(spec.caos)), spec.ort_value)


def _salary(model: RegionModel, spec: ProductSpec, hourly: Decimal | Fraction) -> Fraction:
    hours = model.productive_hours(spec).value
    return monthly_salary_from_hourly(hourly, hours, model.surcharges, ort=spec.ort_value)


def _group_specs(model: RegionModel, groups: dict[str, GroupCalibration]) -> dict[str, ProductSpec]:
    first: dict[str, ProductSpec] = {}
    for spec in model.products.values():
        if spec.in_model and spec.group in groups and groups[spec.group].hourly is not None:
            first.setdefault(spec.group, spec)
    return first


def _precision(parameter) -> Decimal:
    """Relative half unit of the last printed digit of a parameter (0,87 -> 0,005 / 0,87)."""
    if parameter is None or parameter.text:
        return Fraction(0)
    exponent = parameter.value.normalize().as_tuple().exponent
    return Fraction(1, 2) * Fraction(10) ** min(exponent, 0) / exact(parameter.value)


def same_mix_checks(model: RegionModel, groups: dict[str, GroupCalibration]) -> list[Check]:
    """Products with the same mix, CAOs and ORT must imply the same monthly salary."""
    specs = _group_specs(model, groups)
    checks = []
    for (g1, s1), (g2, s2) in itertools.combinations(sorted(specs.items()), 2):
        if s1.mix != s2.mix or _key(s1) != _key(s2):
            continue
        a, b = _salary(model, s1, groups[g1].hourly), _salary(model, s2, groups[g2].hourly)
        difference = abs(a - b) / min(a, b)
        tolerance = _precision(s1.fte or s1.hours) + _precision(s2.fte or s2.hours)
        consistent = difference <= tolerance
        text = (
            f"{s1.code} en {s2.code} hebben dezelfde functiemix; hun tarieven geven een salaris van "
            f"{euro(_money(a))} en {euro(_money(b))} per maand ({_pct(difference)} verschil; de "
            f"afronding van de fte- en urenparameters laat {_pct(tolerance)} toe)."
        )
        checks.append(Check("zelfde functiemix", (s1.code, s2.code), consistent, text))
    return checks


def _money(value: Fraction) -> Decimal:
    return decimal(value).quantize(CENT)


def _pct(value: Fraction) -> str:
    return display_pct(_money(value * 100))


def collinear_checks(
    model: RegionModel, groups: dict[str, GroupCalibration]
) -> tuple[list[Check], list[tuple[str, Constraint]]]:
    """Three mixes on one line (mix2 - mix1 = t x (mix3 - mix1)) fix the first from the others.

    SGGZ 2 and hoog specialistisch move 7,5 % and 10 % from WO to KJP: the salary of SGGZ 1
    follows as (S2 - t S3) / (1 - t), and with it the SGGZ 1 tariff. Returns the checks and,
    per first group, the interval the other two allow for its hourly cost.
    """
    specs = _group_specs(model, groups)
    checks, derived, seen = [], [], set()
    for (g1, s1), (g2, s2), (g3, s3) in itertools.permutations(sorted(specs.items()), 3):
        if not (_key(s1) == _key(s2) == _key(s3)) or frozenset((g1, g3)) in seen:
            continue
        levels = set(s1.mix) | set(s2.mix) | set(s3.mix)
        d2 = {lv: exact(s2.mix.get(lv, 0)) - exact(s1.mix.get(lv, 0)) for lv in levels}
        d3 = {lv: exact(s3.mix.get(lv, 0)) - exact(s1.mix.get(lv, 0)) for lv in levels}
        pivot = next((lv for lv in sorted(levels) if d3[lv]), None)
        if pivot is None:
            continue
        t = d2[pivot] / d3[pivot]
        if not (0 < t < 1) or any(d2[lv] != t * d3[lv] for lv in levels):
            continue
        seen.add(frozenset((g1, g3)))
        hours1 = model.productive_hours(s1).value

        def first(salary2, salary3, t=t, s1=s1, hours1=hours1):
            salary1 = (salary2 - t * salary3) / (1 - t)
            return hourly_from_monthly_salary(salary1, hours1, model.surcharges, ort=s1.ort_value)

        i2, i3 = groups[g2].interval, groups[g3].interval
        low = first(_salary(model, s2, i2.low), _salary(model, s3, i3.high))
        high = first(_salary(model, s2, i2.high), _salary(model, s3, i3.low))
        hourly1 = first(_salary(model, s2, groups[g2].hourly), _salary(model, s3, groups[g3].hourly))
        predicted = model_tariff(model, s1, hourly1, "regular")
        published = [
            p.amount for p in published_tariffs(model.region) if p.code == s1.code and p.variant == "regular"
        ]
        share = str(decimal(t).normalize()).replace(".", ",")
        text = (
            f"De functiemix van {s2.code} ligt op de lijn van {s1.code} naar {s3.code} "
            f"(t = {share}). Uit {s2.code} ({euro(groups[g2].hourly)}/uur) en {s3.code} "
            f"({euro(groups[g3].hourly)}/uur) volgt voor {s1.code} "
            f"{euro(_money(hourly1))} per uur, dus {euro(predicted)}; gepubliceerd: "
            + ", ".join(euro(amount) for amount in published)
            + "."
        )
        if s1.printed_hourly is not None:
            text += f" Het document noemt {euro(s1.printed_hourly.value)} per uur."
        checks.append(
            Check("functiemix op één lijn", (s1.code, s2.code, s3.code), predicted in published, text)
        )
        interval = Interval(low, high, True, True)
        derived.append(
            (g1, Constraint(s1.code, f"{s2.code} en {s3.code}", "derived", decimal(hourly1), interval))
        )
    return checks, derived
