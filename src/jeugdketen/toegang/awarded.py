"""Groningen: a product may only be allocated to a provider that was awarded it (gegund).

The book names, on each product page, the organisations awarded the product. The catalogue
keeps those names as providers without an AGB code; the functional administrator links each
name to the organisation in the system (set-up workbook, column ``namen_productenboek`` of the
sheet ``aanbieders``). A name with an AGB code of its own is that organisation.

A provider counts as awarded when it, its contract holder (hoofdaannemer) or one of the
organisations delivering under it stands for a name on the page. When every name is linked and
the provider is not among them, the allocation is refused (``GEGUND``). When some names are not
linked yet, the system cannot tell: it signals (``GEGUND-KOPPELING``) and names the unlinked
names, so the worker can go on with a reason and the administrator sees what to link. A product
without names (and every product of another region) is not judged by this rule.
"""

from __future__ import annotations

from jeugdketen.regels import regel
from jeugdketen.regels.register import applies

from . import remembered
from .proposal import Finding, Proposal


def _names(product) -> list[tuple[str, int | None]]:
    """(book name, pk of the organisation it stands for or None) for every name on the page."""

    def read() -> list[tuple[str, int | None]]:
        rows = []
        for name in product.providers.select_related("organisation").order_by("name"):
            organisation = name.stands_for
            rows.append((name.name, organisation.pk if organisation is not None else None))
        return rows

    found = remembered.rows(("awarded", product.pk), read)
    return found if found is not None else read()


def family(provider) -> set[int]:
    """The provider, its contract holder and the organisations delivering under it."""

    def read() -> list[int]:
        return list(provider.members.values_list("pk", flat=True))

    members = remembered.rows(("members", provider.pk), read)
    ids = {provider.pk, *(members if members is not None else read())}
    if provider.contract_holder_id:
        ids.add(provider.contract_holder_id)
    return ids


@regel("GEGUND", "GEGUND-KOPPELING")
def check_awarded(p: Proposal) -> list[Finding]:
    """Only a provider awarded the product (named on its page of the book) may get it."""
    if p.product is None or not (applies("GEGUND", p.region) or applies("GEGUND-KOPPELING", p.region)):
        return []
    names = _names(p.product)
    if not names:
        return []
    family_ids = family(p.provider)
    if any(pk in family_ids for _, pk in names if pk is not None):
        return []
    product = p.product.code or p.product.name
    unlinked = [name for name, pk in names if pk is None]
    if unlinked:
        if not applies("GEGUND-KOPPELING", p.region):
            return []
        return [
            Finding(
                "GEGUND-KOPPELING",
                f"Het productenboek gunt {product} aan aanbieders die nog niet aan een organisatie "
                f"gekoppeld zijn ({', '.join(unlinked)}); controleer of {p.provider.name} daarbij hoort. "
                "De functioneel beheerder koppelt de namen in het inrichtingsbestand.",
                "3",
            )
        ]
    if not applies("GEGUND", p.region):
        return []
    return [
        Finding(
            "GEGUND",
            f"{p.provider.name} heeft {product} niet gegund gekregen; het productenboek noemt "
            f"{', '.join(name for name, _ in names)}.",
            "3",
        )
    ]
