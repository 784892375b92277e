"""Rules that several messages share: the header, the BSN and the birth date."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator

from jeugdketen.ijw.report import Issue

from .engine import Message, digits, rule

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


#: Every message: the official stylesheet checks each element named Bsn, in retour messages too.
ALL = (
    "JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315",
    "JW316", "JW317", "JW318", "JW319", "JW320", "JW323", "JW325",
)  # fmt: skip


@rule("CS002", *ALL)
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
    for element in message.root.iter("{*}Bsn"):
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
    """Every Geboortedatum (of a client or a relation), in any message."""
    for datum in message.root.iter(message.b("Datum")):
        parent = datum.getparent()
        if parent.tag.endswith("}Geboortedatum"):
            yield parent


def _unknown(message: Message, geboortedatum) -> bool:
    return (
        message.text(geboortedatum, "DatumGebruik") == "3"
        and (message.find(geboortedatum, "Datum").text or "") == "1900-01-01"
    )


@rule("TR002", *ALL)
def tr002_birth_date_within_120_years(message: Message) -> Iterator[Issue]:
    """TR002: Geboortedatum lies at most 120 years before the Dagtekening, unless it is unknown.

    Compared as the official stylesheet does: the dates as numbers (yyyymmdd), 120 years
    being 1,200,000 of them; both dates are named.
    """
    dagtekening = message.dagtekening_element
    limit = digits(dagtekening.text) if dagtekening is not None else None
    if limit is None:
        return
    for geboortedatum in _birth_dates(message):
        datum = message.find(geboortedatum, "Datum")
        value = digits(datum.text)
        if value is not None and value + 1_200_000 < limit and not _unknown(message, geboortedatum):
            yield message.issue(
                "TR002",
                [datum, dagtekening],
                f"Geboortedatum {datum.text} ligt meer dan 120 jaar voor de dagtekening "
                f"({dagtekening.text}); "
                "gebruik DatumGebruik 3 met 01-01-1900 als de geboortedatum onbekend is.",
            )


#: The dates that may not lie after the Dagtekening (TR134), per message: paths below the root.
NOT_AFTER_DAGTEKENING = {
    "JW301": (
        ("Client", "Geboortedatum", "Datum"),
        ("Client", "Relaties", "Relatie", "Geboortedatum", "Datum"),
        ("Client", "Beschikking", "Afgiftedatum"),
        ("Client", "ToegewezenProducten", "ToegewezenProduct", "Toewijzingsdatum"),
    ),
    "JW305": (
        ("Client", "Geboortedatum", "Datum"),
        ("Client", "StartProducten", "StartProduct", "Begindatum"),
    ),
    "JW307": (("Client", "Geboortedatum", "Datum"), ("Client", "StopProducten", "StopProduct", "Einddatum")),
    "JW315": (("Client", "Geboortedatum", "Datum"),),
    "JW323": (("Declaratie", "DeclaratiePeriode", "Begindatum"),),
}


@rule("TR134", *NOT_AFTER_DAGTEKENING)
def tr134_not_after_dagtekening(message: Message) -> Iterator[Issue]:
    """TR134: a birth date, start, stop or allocation date is not later than the Dagtekening.

    The ProductPeriode of a declaration is checked with the prestaties (:mod:`.declaratie`).
    """
    dagtekening = message.dagtekening_element
    limit = digits(dagtekening.text) if dagtekening is not None else None
    if limit is None:
        return
    for path in NOT_AFTER_DAGTEKENING[message.code]:
        for element in message.iter(*path):
            value = digits(element.text)
            if value is not None and value > limit:
                yield message.issue(
                    "TR134",
                    [element, dagtekening],
                    f"{path[-2] if path[-1] == 'Datum' else path[-1]} {element.text} ligt na de "
                    f"dagtekening van het bericht ({dagtekening.text}).",
                )


@rule("CS139", *ALL)
def cs139_datumgebruik_matches_datum(message: Message) -> Iterator[Issue]:
    """CS139: DatumGebruik and Datum of a Geboortedatum agree (1: day 01, 2: 01-01, 3: 01-01-1900)."""
    for gebruik_element in message.root.iter(message.b("DatumGebruik")):
        geboortedatum = gebruik_element.getparent()
        datum = message.find(geboortedatum, "Datum")
        if datum is None:
            continue
        gebruik = (gebruik_element.text or "").strip()
        text = datum.text or ""
        wrong = (
            (gebruik == "3" and text != "1900-01-01")
            or (gebruik == "2" and text.partition("-")[2] != "01-01")
            or (gebruik == "1" and text.partition("-")[2].partition("-")[2] != "01")
        )
        if wrong:
            yield message.issue(
                "CS139",
                [datum, gebruik_element],
                f"Geboortedatum {text} past niet bij DatumGebruik {gebruik}: het onbekende deel van de "
                "datum moet met 01 gevuld zijn (bij DatumGebruik 3 de datum 01-01-1900).",
            )


#: TR101 (no duplicate lines), per message: the repeating classes and the fields that make up
#: their key, as the official stylesheet defines them. Two siblings of the same class are
#: duplicates when every key field is absent in both or written the same in both. JW323 and
#: JW325 are checked on their columns (:mod:`.declaratie`).
DUPLICATE_KEYS: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {
    "JW301": {
        "Client": (("Bsn",),),
        "Contact": (("Soort",),),
        "Relatie": (("Nummer",),),
        "ToegewezenProduct": (("ToewijzingNummer",),),
    },
    "JW305": {
        "Client": (("Bsn",),),
        "StartProduct": (
            ("Begindatum",),
            ("Product", "Categorie"),
            ("Product", "Code"),
            ("ToewijzingNummer",),
        ),
    },
    "JW307": {
        "Client": (("Bsn",),),
        "StopProduct": (
            ("Begindatum",),
            ("Einddatum",),
            ("Product", "Categorie"),
            ("Product", "Code"),
            ("RedenBeeindiging",),
            ("ToewijzingNummer",),
        ),
    },
    "JW315": {"AangevraagdProduct": (("ReferentieAanbieder",),), "Client": (("Bsn",),)},
    "JW317": {
        "Client": (("Bsn",),),
        "NieuwProduct": (("GewensteIngangsdatum",), ("Product", "Categorie"), ("Product", "Code")),
        "OngewijzigdProduct": (("ToewijzingNummer",),),
        "TeWijzigenProduct": (("ToewijzingNummer",),),
        "Verzoek": (("ReferentieAanbieder",),),
    },
    "JW319": {
        "Antwoord": (("ReferentieAanbieder",), ("VerzoekAntwoord",)),
        "Woonplaatsbeginsel": (("Gemeente",),),
    },
}


def _key_field(message: Message, element, path: tuple[str, ...]):
    """A key field: its text as written; ``None`` when absent; a fresh object (equal to nothing)
    when present without text, as in the stylesheet's comparison of text nodes."""
    found = message.find(element, *path)
    if found is None:
        return None
    return found.text if found.text is not None else object()


@rule("TR101", *DUPLICATE_KEYS)
def tr101_no_duplicate_lines(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines: siblings of a repeating class differ in their key."""
    for name, fields in DUPLICATE_KEYS[message.code].items():
        groups: dict = {}
        for element in message.root.iter(message.m(name)):
            key = (element.getparent(), *(_key_field(message, element, path) for path in fields))
            groups.setdefault(key, []).append(element)
        for group in groups.values():
            if len(group) > 1:
                yield message.issue(
                    "TR101",
                    group,
                    f"{name} komt {len(group)} keer voor met dezelfde sleutel "
                    f"({', '.join('/'.join(path) for path in fields)}); dubbele regels zijn niet toegestaan.",
                )
