"""Rules that several messages share: the header, the BSN and the birth date."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator

from jeugdketen.ijw.report import Issue

from .engine import Message, rule, to_date, years_before

SENT = ("JW301", "JW305", "JW307", "JW315", "JW317", "JW319", "JW323", "JW325")
WITH_BIRTH_DATE = ("JW301", "JW305", "JW307", "JW315")

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)

#: The date that stands for "birth date unknown" (DatumGebruik 3).
UNKNOWN_BIRTH_DATE = dt.date(1900, 1, 1)


def elfproef(bsn: str) -> bool:
    """The BSN eleven test: 9·d1 + 8·d2 + ... + 2·d8 − d9 is divisible by 11."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    total = sum(map(operator.mul, _WEIGHTS, map(int, bsn)))
    return total % 11 == 0


@rule("CS002", "JW301", "JW305", "JW307", "JW315", "JW317", "JW323", "JW325")
def cs002_bsn_elfproef(message: Message) -> Iterator[Issue]:
    """CS002: a Bsn passes the eleven test (elfproef)."""
    if message.code in ("JW323", "JW325"):
        # A declaration has thousands of clients: use the Bsn column read with the prestaties.
        from .declaratie import prestaties

        table = prestaties(message)
        for index, value in enumerate(table.client_bsns):
            if not elfproef(value or ""):
                bsn = message.find(table.client(index), "Bsn")
                yield message.issue("CS002", bsn, f"Bsn {value} voldoet niet aan de elfproef.")
        return
    for element in message.iter("Client", "Bsn"):
        value = (element.text or "").strip()
        if not elfproef(value):
            yield message.issue("CS002", element, f"Bsn {value} voldoet niet aan de elfproef.")


@rule("CS015", *SENT)
def cs015_berichtsubversie(message: Message) -> Iterator[Issue]:
    """CS015: BerichtSubversie is 2."""
    element = message.find(message.root, "Header", "BerichtSubversie")
    if element is not None and (element.text or "").strip() != "2":
        yield message.issue(
            "CS015", element, f"BerichtSubversie is '{element.text}'; voor iJw 3.2 moet dat 2 zijn."
        )


@rule("CS025", *SENT)
def cs025_berichtversie(message: Message) -> Iterator[Issue]:
    """CS025: BerichtVersie is 3."""
    element = message.find(message.root, "Header", "BerichtVersie")
    if element is not None and (element.text or "").strip() != "3":
        yield message.issue(
            "CS025", element, f"BerichtVersie is '{element.text}'; voor iJw 3.2 moet dat 3 zijn."
        )


def _birth_dates(message: Message) -> Iterator:
    yield from message.iter("Client", "Geboortedatum")
    if message.code == "JW301":
        yield from message.iter("Client", "Relaties", "Relatie", "Geboortedatum")


def _unknown(message: Message, geboortedatum) -> bool:
    return (
        message.text(geboortedatum, "DatumGebruik") == "3"
        and to_date(message.text(geboortedatum, "Datum")) == UNKNOWN_BIRTH_DATE
    )


@rule("TR002", *WITH_BIRTH_DATE)
def tr002_birth_date_within_120_years(message: Message) -> Iterator[Issue]:
    """TR002: Geboortedatum lies at most 120 years before the Dagtekening, unless it is unknown."""
    dagtekening = message.dagtekening
    if dagtekening is None:
        return
    limit = years_before(dagtekening, 120)
    for geboortedatum in _birth_dates(message):
        datum = to_date(message.text(geboortedatum, "Datum"))
        if datum is not None and datum < limit and not _unknown(message, geboortedatum):
            yield message.issue(
                "TR002",
                geboortedatum,
                f"Geboortedatum {datum} ligt meer dan 120 jaar voor de dagtekening ({dagtekening}); "
                "gebruik DatumGebruik 3 met 01-01-1900 als de geboortedatum onbekend is.",
            )


@rule("TR134", *WITH_BIRTH_DATE)
def tr134_birth_date_not_after_dagtekening(message: Message) -> Iterator[Issue]:
    """TR134: Geboortedatum is not later than the Dagtekening of the message."""
    dagtekening = message.dagtekening
    if dagtekening is None:
        return
    for geboortedatum in _birth_dates(message):
        datum = to_date(message.text(geboortedatum, "Datum"))
        if datum is not None and datum > dagtekening:
            yield message.issue(
                "TR134",
                geboortedatum,
                f"Geboortedatum {datum} ligt na de dagtekening van het bericht ({dagtekening}).",
            )


@rule("CS139", *WITH_BIRTH_DATE)
def cs139_datumgebruik_matches_datum(message: Message) -> Iterator[Issue]:
    """CS139: DatumGebruik and Datum of a Geboortedatum agree (1: day 01, 2: 01-01, 3: 01-01-1900)."""
    for geboortedatum in _birth_dates(message):
        gebruik = message.text(geboortedatum, "DatumGebruik")
        datum = to_date(message.text(geboortedatum, "Datum"))
        if gebruik is None or datum is None:
            continue
        expected = {
            "1": datum.replace(day=1),
            "2": datum.replace(day=1, month=1),
            "3": UNKNOWN_BIRTH_DATE,
        }.get(gebruik)
        if expected is not None and datum != expected:
            yield message.issue(
                "CS139",
                geboortedatum,
                f"Geboortedatum {datum} past niet bij DatumGebruik {gebruik}: het onbekende deel van de "
                "datum moet met 01 gevuld zijn (bij DatumGebruik 3 de datum 01-01-1900).",
            )
