"""The arithmetic of a cost-price model: salary, surcharges, productive hours, unit tariffs.

Pure Python with :class:`~decimal.Decimal` only (no Django, no floats), so the same code
serves the product page, the what-if, the CLI and the tests. The order of the steps is
the order of Tabel 3 of the Noordoost-Brabant model (holiday pay, year-end bonus, social
charges, irregular-hours allowance, overhead, risk surcharge); every step keeps the
parameter and the document lines it comes from, so a reader can follow a tariff to its
source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction

from jeugdketen.catalogus.rounding import to_cents

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MINUTES_PER_HOUR = Decimal(60)
DAYS_PER_YEAR = Decimal(365)
MONTHS_PER_YEAR = Decimal(12)

MINUTE, DAGDEEL, ETMAAL, FIXED = "minuut", "dagdeel", "etmaal", "vast"
#: The model's unit names as iJw WJ756 codes.
WJ756 = {MINUTE: "01", DAGDEEL: "16", ETMAAL: "14"}


def number(text: str | int | Decimal) -> Decimal:
    """A parameter as written in the data: ``"8.33"``, ``1278`` or a fraction ``"4/7"``."""
    if isinstance(text, Decimal):
        return text
    text = str(text).strip()
    if "/" in text:
        top, bottom = text.split("/", 1)
        with localcontext() as context:
            context.prec = 28
            return Decimal(top) / Decimal(bottom)
    return Decimal(text)


def pct(value: Decimal) -> Decimal:
    return value / HUNDRED


def exact(value: Decimal | str | int | Fraction) -> Fraction:
    """The exact rational value (``"4/7"`` stays four sevenths), for calibration and rounding."""
    return value if isinstance(value, Fraction) else Fraction(str(value))


def decimal(value: Fraction) -> Decimal:
    """A rational as a Decimal (28 significant digits), for display and storage."""
    with localcontext() as context:
        context.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def cents(value: Fraction, unit: str) -> Decimal:
    """Exact rounding of a rational tariff to cents: up for minutes, half up otherwise
    (the rule lives in :mod:`jeugdketen.catalogus.rounding`)."""
    return to_cents(value, WJ756.get(unit, unit))


def round_tariff(amount: Decimal, unit: str) -> Decimal:
    return to_cents(amount, WJ756.get(unit, unit))


@dataclass(frozen=True)
class Parameter:
    """One figure of the model with where it stands in the document."""

    key: str
    value: Decimal
    label: str
    lines: tuple[int, int] | None = None
    text: str = ""  # as written, when exact ("4/7")

    def with_value(self, value: Decimal) -> Parameter:
        return Parameter(self.key, value, self.label, self.lines)

    @property
    def fraction(self) -> Fraction:
        return exact(self.text) if self.text else exact(self.value)


@dataclass(frozen=True)
class Surcharges:
    """The percentages of Tabel 3 (L2182-2203)."""

    holiday_pay: Parameter
    year_end_bonus: Parameter
    social_charges: Parameter
    overhead: Parameter
    overhead_micro: Parameter
    risk: Parameter

    def replace(self, **values: Decimal) -> Surcharges:
        """A copy with some percentages changed (a what-if)."""
        current = {name: getattr(self, name) for name in self.__dataclass_fields__}
        for name, value in values.items():
            current[name] = current[name].with_value(value)
        return Surcharges(**current)

    def multiplier(self, *, ort: Decimal = Decimal(0), micro: bool = False) -> Fraction:
        """Euros of yearly cost per euro of monthly salary: 12 x (1 + holiday pay + year-end
        bonus) x (1 + social charges) x (1 + ORT) x (1 + overhead) x (1 + risk)."""
        overhead = self.overhead_micro if micro else self.overhead

        def factor(*values: Decimal) -> Fraction:
            return 1 + sum((exact(v) / 100 for v in values), Fraction(0))

        return (
            12
            * factor(self.holiday_pay.value, self.year_end_bonus.value)
            * factor(self.social_charges.value)
            * factor(ort)
            * factor(overhead.value)
            * factor(self.risk.value)
        )

    def micro_factor(self) -> Fraction:
        """Personnel cost of a micro-onderneming per euro of the regular one (overhead only)."""
        return (1 + exact(self.overhead_micro.value) / 100) / (1 + exact(self.overhead.value) / 100)


@dataclass(frozen=True)
class Step:
    """One line of 'opbouw van het tarief': what is added, by which parameter, the running total."""

    label: str
    parameter: str
    amount: Decimal | None  # what the step adds; None for a conversion (x 12, per hour, per unit)
    total: Decimal | None
    lines: tuple[int, int] | None = None


def yearly_cost_steps(
    monthly_salary: Decimal,
    surcharges: Surcharges,
    *,
    ort: Parameter | None = None,
    micro: bool = False,
    salary_source: str = "",
    salary_lines: tuple[int, int] | None = None,
) -> list[Step]:
    """From a monthly salary to the yearly cost of one FTE, in the document's order.

    Holiday pay and the year-end bonus are both percentages of the yearly salary; every later
    surcharge is a percentage of everything before it (the risk surcharge explicitly so,
    L2202-2203: "over bruto loonkosten inclusief sociale lasten en opslag voor overhead").
    """
    steps = [Step("Salaris per maand", salary_source, monthly_salary, monthly_salary, salary_lines)]
    yearly = monthly_salary * MONTHS_PER_YEAR
    steps.append(Step("Salaris per jaar", "× 12", None, yearly))
    total = yearly
    for parameter in (surcharges.holiday_pay, surcharges.year_end_bonus):
        amount = yearly * pct(parameter.value)
        total += amount
        steps.append(
            Step(
                parameter.label,
                f"{display_pct(parameter.value)} van het jaarsalaris",
                amount,
                total,
                parameter.lines,
            )
        )
    overhead = surcharges.overhead_micro if micro else surcharges.overhead
    chain = [surcharges.social_charges]
    if ort is not None and ort.value:
        chain.append(ort)
    chain += [overhead, surcharges.risk]
    for parameter in chain:
        amount = total * pct(parameter.value)
        total += amount
        steps.append(Step(parameter.label, display_pct(parameter.value), amount, total, parameter.lines))
    return steps


def euro(value: Decimal | int) -> str:
    """Dutch money for the texts a reader sees: € 1.234,56 (more decimals kept when present)."""
    value = Decimal(value)
    places = max(2, -value.as_tuple().exponent)
    text = f"{value:,.{places}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


def display_pct(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",") + " %"


def hourly_cost(yearly_cost: Decimal, productive_hours: Decimal) -> Decimal:
    return yearly_cost / productive_hours


def monthly_salary_from_hourly(
    hourly: Decimal | Fraction,
    productive_hours: Decimal,
    surcharges: Surcharges,
    *,
    ort: Decimal = Decimal(0),
) -> Fraction:
    """The monthly salary (mix of levels) that an hourly cost implies: the model backwards."""
    return exact(hourly) * exact(productive_hours) / surcharges.multiplier(ort=ort)


def hourly_from_monthly_salary(
    salary: Fraction,
    productive_hours: Decimal,
    surcharges: Surcharges,
    *,
    ort: Decimal = Decimal(0),
    micro: bool = False,
) -> Fraction:
    """The model forwards: monthly salary of the mix to the hourly cost."""
    return exact(salary) * surcharges.multiplier(ort=ort, micro=micro) / exact(productive_hours)


@dataclass(frozen=True)
class UnitRule:
    """How a product turns an hourly cost into a tariff per unit.

    ``hours`` is the staff time per unit and per client (dagdeel: 4 hours / group size;
    etmaal: fte per client x productive hours / 365); ``provisions`` the fixed euros per unit
    (capital, hotel, night watch) that the micro rate and a CAO raise leave alone. Computed
    exactly (rationals) so that a tariff on a rounding boundary is never off by a cent.
    """

    unit: str
    hours: Fraction | None = None
    provisions: Decimal = Decimal(0)

    def slope(self) -> Fraction:
        """Euros of tariff per euro of hourly cost, before rounding."""
        if self.unit == MINUTE:
            return Fraction(1, 60)
        if self.hours is None:
            raise ValueError(f"unit {self.unit} needs the hours per unit")
        return self.hours

    def exact_value(self, hourly: Decimal | Fraction, *, index: Fraction = Fraction(1)) -> Fraction:
        return (exact(hourly) * self.slope() + exact(self.provisions)) * index

    def value(self, hourly: Decimal | Fraction) -> Decimal:
        """The unrounded tariff."""
        return decimal(self.exact_value(hourly))

    def tariff(self, hourly: Decimal | Fraction, *, index: Fraction = Fraction(1)) -> Decimal:
        """The tariff as the region publishes it: (indexed) model value, then its rounding."""
        return cents(self.exact_value(hourly, index=index), self.unit)


def index_factor(weights: Mapping[str, Decimal], indices: Mapping[str, Decimal]) -> Fraction:
    """1 + the weighted index: e.g. 85 % OVA and 15 % material index (L2429-2438).

    ``weights`` and ``indices`` are percentages keyed alike (``ova``, ``material``, ``nea``).
    """
    change = sum(
        (
            exact(weight) / 100 * exact(indices.get(name, Decimal(0))) / 100
            for name, weight in weights.items()
        ),
        Fraction(0),
    )
    return 1 + change


def level_salary(
    level: Mapping, caos: list[str], scales: Mapping[str, Mapping[str, Decimal]]
) -> tuple[Decimal, list[str]]:
    """The monthly salary of one education level: per CAO the weighted scale maxima times the
    level's percentage of the highest step, then the mean over the product's CAOs that know
    the level (Tabel 1; "met een gemiddelde gerekend", L2445). Returns the amount and the
    scales it used; raises KeyError naming a missing scale amount.
    """
    share = pct(number(level["pct_of_highest_step"]))
    per_cao, used = [], []
    for cao in caos:
        table = level.get(cao)
        if not table:
            continue
        amount = Decimal(0)
        for scale, weight in table.items():
            key = f"{cao} {scale}"
            if scale not in scales.get(cao, {}):
                raise KeyError(key)
            amount += pct(number(weight)) * scales[cao][scale]
            used.append(key)
        per_cao.append(amount * share)
    if not per_cao:
        raise KeyError("geen schaal voor dit niveau in " + ", ".join(caos))
    return sum(per_cao, Decimal(0)) / len(per_cao), used


def mix_salary(
    mix: Mapping[str, Decimal],
    caos: list[str],
    levels: Mapping[str, Mapping],
    scales: Mapping[str, Mapping[str, Decimal]],
) -> tuple[Decimal, dict[str, Decimal]]:
    """The monthly salary of a function mix: the levels' salaries weighted by their shares."""
    per_level = {}
    total = Decimal(0)
    for name, share in mix.items():
        amount, _used = level_salary(levels[name], caos, scales)
        per_level[name] = amount
        total += pct(share) * amount
    return total, per_level
