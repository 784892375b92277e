"""The catalogue as plain data: one dict per product, for JSON and CSV export and the API."""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Prefetch, QuerySet

from .models import Product, Tariff


def products_queryset(region: str | None = None) -> QuerySet[Product]:
    queryset = Product.objects.select_related("region", "lot").prefetch_related(
        Prefetch("tariffs", queryset=Tariff.objects.order_by("year", "variant", "amount")),
        "providers",
        "caps",
    )
    if region:
        queryset = queryset.filter(region__slug=region)
    return queryset.order_by("region__slug", "position")


def product_record(product: Product) -> dict:
    return {
        "region": product.region.slug,
        "code": product.code,
        "category": product.category,
        "name": product.name,
        "lot": product.lot.name if product.lot else None,
        "level": product.level or None,
        "unit": {"code": product.unit_code or None, "label": product.unit_label or product.unit_name},
        "frequency": product.frequency_code or None,
        "tariffs": [
            {
                "year": tariff.year,
                "amount": f"{tariff.amount:.2f}",
                "unit": tariff.unit,
                "variant": tariff.variant,
                "in_conflict": tariff.in_conflict,
            }
            for tariff in product.tariffs.all()
        ],
        "limits": {
            **product.limits,
            "max_duration_months": product.max_duration_months,
            "caps": [
                {"amount": f"{cap.amount.normalize():f}", "unit": cap.unit_code, "per": cap.per}
                for cap in product.caps.all()
            ],
        },
        "age": {
            "min": product.age_min,
            "max": product.age_max,
            "extended_until": product.extended_until,
            "start_before_age": product.start_before_age,
        },
        "referrers": product.referrers,
        "staff": {
            "level": product.staff_level or None,
            "regiebehandelaar": product.regiebehandelaar_required,
        },
        "excludes": product.excludes,
        "providers": sorted(provider.name for provider in product.providers.all()),
        "source": {"document": product.region.document, "lines": product.source_lines},
        "conflicts": product.conflicts,
    }


def export_json(region: str | None = None) -> str:
    return json.dumps([product_record(p) for p in products_queryset(region)], ensure_ascii=False, indent=2)


CSV_FIELDS = [
    "region",
    "code",
    "category",
    "name",
    "lot",
    "unit_code",
    "unit_label",
    "tariffs",
    "age_min",
    "age_max",
    "extended_until",
    "referrers",
    "providers",
    "source_document",
    "source_lines",
    "conflicts",
]


def export_csv(region: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for product in products_queryset(region):
        record = product_record(product)
        writer.writerow(
            {
                "region": record["region"],
                "code": record["code"] or "",
                "category": record["category"] or "",
                "name": record["name"],
                "lot": record["lot"] or "",
                "unit_code": record["unit"]["code"] or "",
                "unit_label": record["unit"]["label"] or "",
                "tariffs": "; ".join(f"{t['year']} {t['variant']} {t['amount']}" for t in record["tariffs"]),
                "age_min": record["age"]["min"] if record["age"]["min"] is not None else "",
                "age_max": record["age"]["max"] if record["age"]["max"] is not None else "",
                "extended_until": record["age"]["extended_until"] or "",
                "referrers": " ".join(record["referrers"] or []),
                "providers": "; ".join(record["providers"]),
                "source_document": record["source"]["document"],
                "source_lines": "-".join(str(n) for n in record["source"]["lines"]),
                "conflicts": len(record["conflicts"]),
            }
        )
    return out.getvalue()
