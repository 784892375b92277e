"""Rules for the start (JW305) and stop (JW307) of care."""

from __future__ import annotations

from collections.abc import Iterator

from jeugdketen.ijw.report import Issue

from .engine import Message, rule, to_date

_PRODUCTS = {"JW305": ("StartProducten", "StartProduct"), "JW307": ("StopProducten", "StopProduct")}

#: StatusAanlevering 1 (eerste aanlevering) or 3 (verwijderen aanlevering); 2 (gewijzigd) is not used.
ALLOWED_STATUS = frozenset({"1", "3"})


def _products(message: Message) -> list:
    return list(message.iter("Client", *_PRODUCTS[message.code]))


def _key(message: Message, product) -> tuple:
    """The logical key of a start or stop: the toewijzing (or product and its start) and the Begindatum.

    A stop repeats the key of its start (TR382); StatusAanlevering is not part of it.
    """
    return (
        message.text(product, "ToewijzingNummer"),
        message.text(product, "Product", "Categorie"),
        message.text(product, "Product", "Code"),
        to_date(message.text(product, "ToewijzingIngangsdatum")),
        to_date(message.text(product, "Begindatum")),
    )


@rule("TR101", "JW305", "JW307")
def tr101_no_duplicate_start_or_stop(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines; a StartProduct or StopProduct occurs once per key."""
    groups: dict[tuple, list] = {}
    for product in _products(message):
        groups.setdefault(_key(message, product), []).append(product)
    for key, group in groups.items():
        if len(group) > 1:
            what = "ToewijzingNummer " + key[0] if key[0] else f"product {key[2] or key[1]}"
            yield message.issue(
                "TR101",
                group,
                f"De {_PRODUCTS[message.code][1]} voor {what} met Begindatum {key[4]} "
                f"komt {len(group)} keer voor.",
            )


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
    """TR018: Einddatum is on or after Begindatum."""
    for product in _products(message):
        begin = to_date(message.text(product, "Begindatum"))
        end = to_date(message.text(product, "Einddatum"))
        if begin is not None and end is not None and end < begin:
            yield message.issue(
                "TR018",
                message.find(product, "Einddatum"),
                f"Einddatum {end} ligt voor de Begindatum {begin} van de levering.",
            )
