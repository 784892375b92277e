"""Where a report that follows one region's contract applies, and what the screen says elsewhere.

Accountability and SROI (Midden-Limburg Oost art. 32 and 17), waiting times (art. 17 and the
definition of Wachtlijst) and dropout, goals and satisfaction (art. 35.1) are articles of that
one contract; the other three documents have none of them. Such a report counts only the
municipalities that buy under a region whose register entry holds the rule
(:func:`jeugdketen.regels.contract.municipalities`, the one place that decides it) and says
on screen that it does not apply elsewhere.
"""

from __future__ import annotations

from jeugdketen.regels import contract
from jeugdketen.regels.register import REGION_NAMES, get


def municipality_ids(rule_id: str) -> list[int]:
    """The ids of the municipalities the rule holds for (one small query over the catalogue)."""
    return list(contract.municipalities(rule_id).values_list("pk", flat=True))


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def notice(rule_id: str, articles: str, outside: list[str] | None = None) -> str:
    """The Dutch sentence a report shows about where it applies.

    ``articles`` names the articles ("art. 32 en art. 17"); ``outside`` the municipalities
    whose rows the report found but did not count, because their region has no such article.
    """
    entry = get(rule_id)
    if entry is None:
        raise KeyError(f"the rule register has no entry {rule_id}")
    within = _names(entry.region_names)
    others = [name for slug, name in REGION_NAMES.items() if slug not in entry.regions]
    text = (
        f"Dit rapport volgt {articles} van het contract van {within} en telt alleen gemeenten die "
        "onder dat contract inkopen."
    )
    if others:
        text += (
            f" De documenten van {_names(others)} kennen deze artikelen niet: daar is dit rapport "
            "niet van toepassing."
        )
    if outside:
        text += f" Niet van toepassing, en dus niet meegeteld: {_names(sorted(outside))}."
    return text
