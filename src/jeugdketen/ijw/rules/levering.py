"""Rules for the start (JW305) and stop (JW307) of care."""

from __future__ import annotations

from collections.abc import Iterator

from jeugdketen.ijw.report import Issue

from .engine import Message, digits, rule

_PRODUCTS = {"JW305": ("StartProducten", "StartProduct"), "JW307": ("StopProducten", "StopProduct")}

#: StatusAanlevering 1 (eerste aanlevering) or 3 (verwijderen aanlevering); 2 (gewijzigd) is not used.
ALLOWED_STATUS = frozenset({"1", "3"})


def _products(message: Message) -> list:
    return list(message.iter("Client", *_PRODUCTS[message.code]))


@rule("CS058", "JW305", "JW307")
def cs058_status_first_or_remove(message: Message) -> Iterator[Issue]:
    """CS058: StatusAanlevering is 1 (eerste aanlevering) or 3 (verwijderen aanlevering)."""
    for product in _products(message):
        status = message.find(product, "StatusAanlevering")
        value = message.text(status) if status is not None else None
        if value is not None and value not in ALLOWED_STATUS:
            yield message.issue(
                "CS058",
                status,
                f"StatusAanlevering {value} is niet toegestaan; gebruik 1 (eerste aanlevering) of "
                "3 (verwijderen aanlevering).",
            )


@rule("TR018", "JW307")
def tr018_stop_not_before_start(message: Message) -> Iterator[Issue]:
    """TR018: Einddatum is on or after Begindatum; both are named."""
    for product in _products(message):
        end = message.find(product, "Einddatum")
        if end is None:
            continue
        begin = message.find(product, "Begindatum")
        end_day, begin_day = digits(end.text), digits(begin.text) if begin is not None else None
        if begin is None or (end_day is not None and begin_day is not None and begin_day > end_day):
            yield message.issue(
                "TR018",
                [end, begin],
                f"Einddatum {end.text} ligt voor de Begindatum van de levering.",
            )
