"""``{% tariff_build product %}`` on the catalogue's product page: 'opbouw van het tarief'.

Shown to who may see the tariff model (contract manager, functional administrator); the
catalogue stays public and does not import this app: the template asks, the tag answers.
"""

from __future__ import annotations

from django import template

from jeugdketen.accounts.access import has_perm
from jeugdketen.kostprijs.spec import available, load

register = template.Library()


@register.inclusion_tag("tarieven/_opbouw.html", takes_context=True)
def tariff_build(context, product):
    request = context.get("request")
    user = getattr(request, "user", None)
    region = product.region.slug
    if (
        not has_perm(user, "tariffmodel.view")
        or region not in available()
        or product.code not in load(region).products
    ):
        return {"show": False}
    from jeugdketen.tarieven import services

    explanations = [
        services.explanation(region, product.code, variant, year=product.region.year)
        for variant in ("regular", "micro")
        if any(
            r.code == product.code and r.variant == variant
            for r in services.calibration(region).reproductions
        )
    ]
    return {"show": True, "explanations": explanations, "region": region, "code": product.code}


@register.filter
def euros(value) -> str:
    """A Decimal amount in euros as Dutch money: € 1.234,56 (more decimals kept up to four)."""
    from decimal import Decimal

    from jeugdketen.monitoring.report import dutch_number

    if value in (None, ""):
        return "—"
    value = Decimal(value)
    places = 2 if value == value.quantize(Decimal("0.01")) or abs(value) >= 100 else 4
    return f"€ {dutch_number(value, places)}"


@register.filter
def lines(value) -> str:
    if not value:
        return ""
    first, last = value
    return f"r. {first}" if first == last else f"r. {first}–{last}"
