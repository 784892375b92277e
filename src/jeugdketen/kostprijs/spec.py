"""A region's cost-price model as data: parameters and one specification per product.

Read from ``kostprijs/data/<region>.yaml`` (see docs/tariffs.md for the fields). Every
parameter keeps its document lines; every reading of a table whose columns the PDF lost is
marked ``inferred``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from .model import ETMAAL, FIXED, MINUTE, Parameter, Surcharges, UnitRule, exact, number


def _lines(entry) -> tuple[int, int] | None:
    lines = entry.get("lines") if isinstance(entry, dict) else None
    return (int(lines[0]), int(lines[-1])) if lines else None


@dataclass(frozen=True)
class ProductSpec:
    code: str
    group: str
    unit: str
    lines: tuple[int, int] | None
    mix: dict[str, Decimal] = field(default_factory=dict)
    caos: list[str] = field(default_factory=list)
    productivity: str | None = None
    hours: Parameter | None = None
    fte: Parameter | None = None
    ort: Parameter | None = None
    provisions: list[Parameter] = field(default_factory=list)
    provisions_inferred: bool = False
    printed_hourly: Parameter | None = None
    inferred: bool = False
    micro: bool = False
    weights: str = "ambulant"
    open: str = ""

    @property
    def in_model(self) -> bool:
        """Whether the document gives enough to compute this tariff from an hourly cost."""
        if self.unit == FIXED or not self.mix or self.productivity is None:
            return False
        return self.unit == MINUTE or self.hours is not None or self.fte is not None

    @property
    def ort_value(self) -> Decimal:
        return self.ort.value if self.ort else Decimal(0)


@dataclass(frozen=True)
class RegionModel:
    region: str
    surcharges: Surcharges
    levels: dict[str, dict]
    levels_lines: tuple[int, int] | None
    productivity: dict[str, Parameter]
    provisions: dict[str, Parameter]
    indexation: dict[str, dict]
    products: dict[str, ProductSpec]
    extra: dict = field(default_factory=dict)

    def productive_hours(self, spec: ProductSpec) -> Parameter:
        return self.productivity[spec.productivity]

    def unit_rule(self, spec: ProductSpec, productivity: Decimal | None = None) -> UnitRule:
        """The unit rule of a product; `productivity` overrides its productive hours (what-if)."""
        provisions = sum((p.value for p in spec.provisions), Decimal(0))
        if spec.unit == MINUTE:
            return UnitRule(MINUTE)
        if spec.fte is not None:
            hours = productivity if productivity is not None else self.productive_hours(spec).value
            return UnitRule(ETMAAL, spec.fte.fraction * exact(hours) / 365, provisions)
        if spec.hours is None:
            return UnitRule(spec.unit, None, provisions)
        return UnitRule(spec.unit, spec.hours.fraction, provisions)

    def weights(self, spec: ProductSpec) -> dict[str, Decimal]:
        entry = self.indexation[spec.weights]
        return {key: number(value) for key, value in entry.items() if key in {"ova", "material", "nea"}}


def _parameter(key: str, entry: dict, default_label: str = "") -> Parameter:
    raw = str(entry["value"])
    label = entry.get("label") or entry.get("text") or default_label
    return Parameter(key, number(raw), label, _lines(entry), raw if "/" in raw else "")


def parse(data: dict) -> RegionModel:
    params = data["parameters"]
    surcharges = Surcharges(
        **{
            name: _parameter(name, params[name])
            for name in (
                "holiday_pay",
                "year_end_bonus",
                "social_charges",
                "overhead",
                "overhead_micro",
                "risk",
            )
        }
    )
    productivity = {key: _parameter(key, entry) for key, entry in data["productivity"].items()}
    provisions = {key: _parameter(key, entry) for key, entry in data["provisions"].items()}
    products = {}
    for entry in data["products"]:
        code = str(entry["code"])
        ort = entry.get("ort")
        products[code] = ProductSpec(
            code=code,
            group=entry["group"],
            unit=entry["unit"],
            lines=_lines(entry),
            mix={level: number(share) for level, share in (entry.get("mix") or {}).items()},
            caos=list(entry.get("caos") or []),
            productivity=entry.get("productivity"),
            hours=_parameter("hours", entry["hours"], "uren per eenheid") if entry.get("hours") else None,
            fte=_parameter("fte", entry["fte"], "fte per jeugdige") if entry.get("fte") else None,
            ort=Parameter("ort", number(ort["value"]), "Onregelmatigheidstoeslag (ORT)", _lines(ort))
            if ort
            else None,
            provisions=[provisions[name] for name in entry.get("provisions") or []],
            provisions_inferred=bool(entry.get("provisions_inferred")),
            printed_hourly=(
                Parameter(
                    "printed_hourly",
                    number(entry["printed_hourly"]["value"]),
                    "Uurtarief in het document",
                    _lines(entry["printed_hourly"]),
                )
                if entry.get("printed_hourly")
                else None
            ),
            inferred=bool(entry.get("inferred")),
            micro=bool(entry.get("micro")),
            weights=entry.get("weights", "ambulant"),
            open=entry.get("open", ""),
        )
    return RegionModel(
        region=data["region"],
        surcharges=surcharges,
        levels=data["levels"],
        levels_lines=tuple(data["levels_lines"]) if data.get("levels_lines") else None,
        productivity=productivity,
        provisions=provisions,
        indexation=data["indexation"],
        products=products,
        extra={"price_level": data.get("price_level")},
    )


def available() -> list[str]:
    folder = resources.files("jeugdketen.kostprijs") / "data"
    return sorted(item.name.removesuffix(".yaml") for item in folder.iterdir() if item.name.endswith(".yaml"))


@cache
def load(region: str) -> RegionModel:
    """The cost model of a region (slug as in the catalogue, e.g. ``noordoost-brabant-2021``)."""
    if region not in available():
        raise LookupError(f"no cost-price model for region {region!r}")
    text = (resources.files("jeugdketen.kostprijs") / "data" / f"{region}.yaml").read_text(encoding="utf-8")
    return parse(yaml.safe_load(text))
