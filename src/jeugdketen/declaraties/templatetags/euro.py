"""``{{ cents|euro }}``: signed eurocents as Dutch money, e.g. € 1.234,50."""

from django import template

register = template.Library()


@register.filter
def euro(cents) -> str:
    if cents is None:
        return "–"
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(int(cents)), 100)
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"
