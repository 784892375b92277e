"""Rules for allocation and requests: JW301 (toewijzing), JW315 (verzoek om toewijzing),
JW317 (verzoek om wijziging) and JW319 (antwoord).

The three messages describe products in the same shape (Product, a start date, Einddatum,
Omvang or Budget), under different element names; :class:`ProductLine` reads them alike so
the conditions CD041, CD075-CD080, CD095, CD096, CS003, CS338 and CS343 are written once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jeugdketen.ijw.report import Issue

from .engine import Message, elements, rule, to_date

#: Before 2021 a product without code could still carry an Omvang (CD080, CD095, CD096, CS338).
END_OF_2020 = dt.date(2020, 12, 31)

#: Units that need Frequentie 2, 4 or 6: etmaal, dagdeel, euro's, stuks (inspanning) (CS338, CS343).
UNITS_WITH_LIMITED_FREQUENCY = frozenset({"14", "16", "83", "84"})
LIMITED_FREQUENCIES = frozenset({"2", "4", "6"})

#: Reden wijziging: 01 administratieve correctie (vervallen), 13 verwijderd.
REDEN_VERVALLEN, REDEN_VERWIJDERD = "01", "13"

DUTCH_POSTCODE = re.compile(r"[1-9][0-9]{3}[a-zA-Z]{2}")


def _filled_if_and_only_if(
    message: Message, code: str, parent, name: str, condition: bool, *, missing: str, unexpected: str
) -> Iterator[Issue]:
    """``name`` under ``parent`` is there exactly when ``condition`` holds (CD005, CD007, CD043).

    Missing, the issue names ``parent``; there without the condition, the element itself.
    """
    found = message.find(parent, name)
    if condition and found is None:
        yield message.issue(code, parent, missing)
    elif not condition and found is not None:
        yield message.issue(code, found, unexpected)


@dataclass(slots=True)
class ProductLine:
    """One ToegewezenProduct, AangevraagdProduct, NieuwProduct or TeWijzigenProduct."""

    element: object
    kind: str  # local name of the element
    categorie: str | None
    code: str | None
    start: dt.date | None
    start_name: str
    end: dt.date | None
    end_name: str
    omvang: object | None
    eenheid: str | None
    frequentie: str | None
    budget: str | None
    has_product: bool  # whether this class has a Product element at all
    position: int  # order in the message, to report pairs in document order

    @property
    def open_after_2020(self) -> bool:
        return self.end is None or self.end > END_OF_2020


#: (path below the root, start date element, end date element, has Product)
_PRODUCT_CLASSES = {
    "JW301": ((("Client", "ToegewezenProducten", "ToegewezenProduct"), "Ingangsdatum", "Einddatum", True),),
    "JW315": (
        (
            ("Client", "AangevraagdeProducten", "AangevraagdProduct"),
            "ToewijzingIngangsdatum",
            "ToewijzingEinddatum",
            True,
        ),
    ),
    "JW317": (
        (
            ("Client", "Verzoek", "TeWijzigenProducten", "TeWijzigenProduct"),
            "GewensteIngangsdatum",
            "Einddatum",
            False,
        ),
        (("Client", "Verzoek", "NieuweProducten", "NieuwProduct"), "GewensteIngangsdatum", "Einddatum", True),
    ),
}


def product_lines(message: Message) -> list[ProductLine]:
    lines = getattr(message, "_product_lines", None)
    if lines is not None:
        return lines
    lines = []
    for path, start_name, end_name, has_product in _PRODUCT_CLASSES.get(message.code, ()):
        for element in message.iter(*path):
            omvang = message.find(element, "Omvang")
            lines.append(
                ProductLine(
                    element=element,
                    kind=path[-1],
                    categorie=message.text(element, "Product", "Categorie"),
                    code=message.text(element, "Product", "Code"),
                    start=to_date(message.text(element, start_name)),
                    start_name=start_name,
                    end=to_date(message.text(element, end_name)),
                    end_name=end_name,
                    omvang=omvang,
                    eenheid=message.text(omvang, "Eenheid") if omvang is not None else None,
                    frequentie=message.text(omvang, "Frequentie") if omvang is not None else None,
                    budget=message.text(element, "Budget"),
                    has_product=has_product,
                    position=len(lines),
                )
            )
    message._product_lines = lines  # type: ignore[attr-defined]
    return lines


# -- Omvang, Budget, Product and dates -------------------------------------------------


@rule("CD041", "JW301", "JW315", "JW317")
def cd041_omvang_with_product_code(message: Message) -> Iterator[Issue]:
    """CD041: when Product has a Code, Omvang is filled."""
    for line in product_lines(message):
        if line.has_product and line.code is not None and line.omvang is None:
            yield message.issue(
                "CD041",
                line.element,
                f"Omvang ontbreekt bij product {line.code}; met een productcode is Omvang verplicht.",
            )


@rule("CD075", "JW301", "JW315", "JW317")
def cd075_einddatum_with_budget(message: Message) -> Iterator[Issue]:
    """CD075: when Budget is filled, the Einddatum is filled."""
    for line in product_lines(message):
        if line.budget is not None and line.end is None:
            yield message.issue(
                "CD075",
                line.element,
                f"Einddatum ontbreekt bij {line.kind}; bij een Budget is een Einddatum verplicht.",
            )


@rule("CD076", "JW301", "JW315", "JW317")
def cd076_einddatum_with_weekly_frequency(message: Message) -> Iterator[Issue]:
    """CD076: when Frequentie is 2 (per week), the Einddatum is filled."""
    for line in product_lines(message):
        if line.frequentie == "2" and line.end is None:
            yield message.issue(
                "CD076",
                line.element,
                f"Einddatum ontbreekt bij {line.kind}; "
                "bij Frequentie 2 (per week) is een Einddatum verplicht.",
            )


@rule("CD077", "JW301", "JW315", "JW317")
def cd077_no_omvang_with_budget(message: Message) -> Iterator[Issue]:
    """CD077: when Budget is filled, Omvang stays empty."""
    for line in product_lines(message):
        if line.budget is not None and line.omvang is not None:
            yield message.issue(
                "CD077", line.omvang, "Omvang is gevuld terwijl er een Budget is; gebruik Omvang óf Budget."
            )


@rule("CD078", "JW301", "JW315", "JW317")
def cd078_no_budget_with_omvang(message: Message) -> Iterator[Issue]:
    """CD078: when Omvang is filled, Budget stays empty."""
    for line in product_lines(message):
        if line.budget is not None and line.omvang is not None:
            yield message.issue(
                "CD078",
                message.find(line.element, "Budget"),
                "Budget is gevuld terwijl er een Omvang is; gebruik Omvang óf Budget.",
            )


@rule("CD079", "JW301", "JW315", "JW317")
def cd079_product_without_budget(message: Message) -> Iterator[Issue]:
    """CD079: when Budget is empty, Product is filled."""
    for line in product_lines(message):
        if line.has_product and line.budget is None and line.categorie is None:
            yield message.issue(
                "CD079",
                line.element,
                f"Product ontbreekt bij {line.kind}; zonder Budget is een Product verplicht.",
            )


@rule("CD080", "JW301")
def cd080_no_omvang_without_code(message: Message) -> Iterator[Issue]:
    """CD080: without a product Code, and ending after 2020 or open, a ToegewezenProduct has no Omvang."""
    yield from _no_omvang_without_code(message, "CD080")


@rule("CD095", "JW315")
def cd095_no_omvang_without_code(message: Message) -> Iterator[Issue]:
    """CD095: without a product Code, and ending after 2020 or open, an AangevraagdProduct has no Omvang."""
    yield from _no_omvang_without_code(message, "CD095")


@rule("CD096", "JW317")
def cd096_no_omvang_without_code(message: Message) -> Iterator[Issue]:
    """CD096: without a product Code, and ending after 2020 or open, a NieuwProduct has no Omvang."""
    yield from _no_omvang_without_code(message, "CD096")


def _no_omvang_without_code(message: Message, code: str) -> Iterator[Issue]:
    for line in product_lines(message):
        if line.has_product and line.code is None and line.open_after_2020 and line.omvang is not None:
            yield message.issue(
                code,
                line.omvang,
                "Omvang is gevuld bij een product zonder productcode (aspecifiek of generiek toegewezen); "
                "dan moet Omvang leeg blijven.",
            )


@rule("CS003", "JW301", "JW315", "JW317")
def cs003_end_not_before_start(message: Message) -> Iterator[Issue]:
    """CS003: an Einddatum, when filled, is on or after the Begindatum (or Ingangsdatum) of its period."""
    for line in product_lines(message):
        if line.start is not None and line.end is not None and line.end < line.start:
            yield message.issue(
                "CS003",
                message.find(line.element, line.end_name),
                f"Einddatum {line.end} ligt voor {line.start_name} {line.start} bij {line.kind}.",
            )
    if message.code == "JW301":
        for contact in _contacts(message):
            periode = message.find(contact, "Periode")
            if periode is None:
                continue
            begin = to_date(message.text(periode, "Begindatum"))
            end = to_date(message.text(periode, "Einddatum"))
            if begin is not None and end is not None and end < begin:
                yield message.issue(
                    "CS003", periode, f"Einddatum {end} ligt voor Begindatum {begin} van de Periode."
                )


def _limited_frequency(message: Message, code: str) -> Iterator[Issue]:
    for line in product_lines(message):
        if (
            line.eenheid in UNITS_WITH_LIMITED_FREQUENCY
            and line.open_after_2020
            and line.frequentie not in LIMITED_FREQUENCIES
        ):
            yield message.issue(
                code,
                line.omvang,
                f"Bij Eenheid {line.eenheid} moet Frequentie 2 (per week), 4 (per maand) of "
                f"6 (totaal binnen de geldigheidsduur) zijn, niet {line.frequentie}.",
            )


@rule("CS338", "JW301", "JW317")
def cs338_frequency_for_day_units(message: Message) -> Iterator[Issue]:
    """CS338: with Eenheid 14, 16, 83 or 84 and an end after 2020 or open, Frequentie is 2, 4 or 6."""
    yield from _limited_frequency(message, "CS338")


@rule("CS343", "JW315")
def cs343_frequency_for_day_units(message: Message) -> Iterator[Issue]:
    """CS343: with Eenheid 14, 16, 83 or 84 and an end after 2020 or open, Frequentie is 2, 4 or 6."""
    yield from _limited_frequency(message, "CS343")


@rule("CS335", "JW301")
def cs335_removed_only_with_equal_dates(message: Message) -> Iterator[Issue]:
    """CS335: RedenWijziging 13 (verwijderd) only when Ingangsdatum equals Einddatum."""
    for line in product_lines(message):
        reden = message.find(line.element, "RedenWijziging")
        if reden is not None and (reden.text or "").strip() == REDEN_VERWIJDERD and line.start != line.end:
            yield message.issue(
                "CS335",
                reden,
                "RedenWijziging 13 (verwijderd) mag alleen als de Ingangsdatum gelijk is aan de Einddatum.",
            )


@rule("CS336", "JW301")
def cs336_no_administrative_correction(message: Message) -> Iterator[Issue]:
    """CS336: RedenWijziging 01 (administratieve correctie, vervallen) is not used."""
    for line in product_lines(message):
        reden = message.find(line.element, "RedenWijziging")
        if reden is not None and (reden.text or "").strip() == REDEN_VERVALLEN:
            yield message.issue(
                "CS336",
                reden,
                "RedenWijziging 01 (administratieve correctie) is vervallen en mag niet gebruikt worden.",
            )


# -- overlapping products --------------------------------------------------------------


def _clash(a: ProductLine, b: ProductLine) -> bool:
    """The same product: by Code when both have one, else by Categorie; no Categorie clashes with all."""
    if a.categorie is None or b.categorie is None:
        return True
    if a.categorie != b.categorie:
        return False
    return a.code is None or b.code is None or a.code == b.code


def _overlapping(lines: list[ProductLine]) -> Iterator[tuple[ProductLine, ProductLine]]:
    """Pairs of the same product with overlapping periods, by a sweep over start dates."""
    dated = sorted((line for line in lines if line.start is not None), key=lambda line: line.start)
    active: list[ProductLine] = []
    for line in dated:
        active = [other for other in active if other.end is None or other.end >= line.start]
        for other in active:
            if _clash(other, line):
                yield other, line
        active.append(line)


def _describe(line: ProductLine) -> str:
    if line.code:
        return f"product {line.code}"
    if line.categorie:
        return f"productcategorie {line.categorie}"
    return "een product zonder categorie"


def _overlap_issues(message: Message, code: str, lines: list[ProductLine], what: str) -> Iterator[Issue]:
    for first, second in _overlapping(lines):
        yield message.issue(
            code,
            [line.element for line in sorted((first, second), key=lambda line: line.position)],
            f"{what} {_describe(first)} en {_describe(second)} overlappen in periode; "
            "hetzelfde product mag alleen vaker voorkomen als de periodes elkaar niet overlappen.",
        )


def _removed(message: Message, line: ProductLine) -> bool:
    reden = message.text(line.element, "RedenWijziging")
    return line.start == line.end and reden in (REDEN_VERWIJDERD, REDEN_VERVALLEN)


@rule("TR302", "JW301")
def tr302_no_overlapping_toegewezen_products(message: Message) -> Iterator[Issue]:
    """TR302: a product occurs more than once in a toewijzing only with periods that do not overlap."""
    lines = [line for line in product_lines(message) if not _removed(message, line)]
    yield from _overlap_issues(message, "TR302", lines, "De toewijzingen voor")


@rule("TR386", "JW315")
def tr386_no_overlapping_requested_products(message: Message) -> Iterator[Issue]:
    """TR386: a product occurs more than once in a verzoek om toewijzing only in non-overlapping periods."""
    yield from _overlap_issues(message, "TR386", product_lines(message), "De aanvragen voor")


@rule("TR410", "JW317")
def tr410_no_overlapping_new_products(message: Message) -> Iterator[Issue]:
    """TR410: a product occurs more than once as NieuwProduct only with periods that do not overlap."""
    lines = [line for line in product_lines(message) if line.kind == "NieuwProduct"]
    yield from _overlap_issues(message, "TR410", lines, "De nieuwe producten")


# -- duplicates ------------------------------------------------------------------------


def _duplicates(message: Message, items, key) -> Iterator[list]:
    seen: dict = {}
    for item in items:
        seen.setdefault(key(item), []).append(item)
    for group in seen.values():
        if len(group) > 1:
            yield group


def _content(element) -> tuple:
    """Everything an element says, to recognise a line repeated word for word."""
    return tuple(
        (node.tag, (node.text or "").strip()) for node in element.iter() if isinstance(node.tag, str)
    )


@rule("TR101", "JW301")
def tr101_no_duplicates_in_toewijzing(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines in a JW301.

    Keys: Relatie by Nummer, ToegewezenProduct by ToewijzingNummer, Contact word for word.
    """
    relaties = list(message.iter("Client", "Relaties", "Relatie"))
    for group in _duplicates(message, relaties, lambda e: message.text(e, "Nummer")):
        yield message.issue(
            "TR101",
            group,
            f"Relatie met Nummer {message.text(group[0], 'Nummer')} komt {len(group)} keer voor.",
        )
    contacts = list(message.iter("Client", "Contactgegevens", "Contact"))
    for group in _duplicates(message, contacts, _content):
        yield message.issue("TR101", group, f"Hetzelfde Contact komt {len(group)} keer voor.")
    products = [line.element for line in product_lines(message)]
    for group in _duplicates(message, products, lambda e: message.text(e, "ToewijzingNummer")):
        yield message.issue(
            "TR101",
            group,
            f"ToegewezenProduct met ToewijzingNummer {message.text(group[0], 'ToewijzingNummer')} komt "
            f"{len(group)} keer voor.",
        )


@rule("TR101", "JW317")
def tr101_no_duplicates_in_verzoek_om_wijziging(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines in a JW317: each ToewijzingNummer once, as unchanged or to change."""
    named = list(message.iter("Client", "Verzoek", "OngewijzigdeProducten", "OngewijzigdProduct")) + list(
        message.iter("Client", "Verzoek", "TeWijzigenProducten", "TeWijzigenProduct")
    )
    for group in _duplicates(message, named, lambda e: message.text(e, "ToewijzingNummer")):
        yield message.issue(
            "TR101",
            group,
            f"ToewijzingNummer {message.text(group[0], 'ToewijzingNummer')} komt {len(group)} keer "
            "voor in het verzoek; noem elke toewijzing één keer, als ongewijzigd of als te wijzigen product.",
        )


@rule("TR383", "JW315")
def tr383_referentie_aanbieder_unique(message: Message) -> Iterator[Issue]:
    """TR383: ReferentieAanbieder is unique for each AangevraagdProduct within the message."""
    lines = [line.element for line in product_lines(message)]
    for group in _duplicates(message, lines, lambda e: message.text(e, "ReferentieAanbieder")):
        yield message.issue(
            "TR383",
            group,
            f"ReferentieAanbieder {message.text(group[0], 'ReferentieAanbieder')} komt bij {len(group)} "
            "aangevraagde producten voor; elk aangevraagd product heeft een eigen ReferentieAanbieder.",
        )


# -- JW301: client, names and contacts ---------------------------------------------------


def _contacts(message: Message) -> list:
    """Every Contact in a JW301: the client's own and those of its relations."""
    return list(message.iter("Client", "Contactgegevens", "Contact")) + list(
        message.iter("Client", "Relaties", "Relatie", "Contact")
    )


@rule("TR006", "JW301")
def tr006_contact_has_phone_or_address(message: Message) -> Iterator[Issue]:
    """TR006: a Contact has a Telefoon, or Huis and Postcode, or both."""
    for contact in _contacts(message):
        address = message.find(contact, "Adres")
        has_address = (
            address is not None
            and message.find(address, "Huis") is not None
            and message.find(address, "Postcode") is not None
        )
        if message.find(contact, "Telefoon") is None and not has_address:
            yield message.issue(
                "TR006", contact, "Contact moet een Telefoon bevatten, of een Huis met Postcode."
            )


@rule("TR061", "JW301")
def tr061_client_has_home_address(message: Message) -> Iterator[Issue]:
    """TR061: a Client has at least one address of Soort 01 (BRP), 02 (correspondentie) or 03 (verblijf)."""
    for client in message.iter("Client"):
        contactgegevens = message.find(client, "Contactgegevens")
        soorten = {_soort(message, contact) for contact in elements(contactgegevens)}
        if not soorten & {"01", "02", "03"}:
            yield message.issue(
                "TR061",
                contactgegevens,
                "De cliënt heeft geen adres van Soort 01 (BRP-adres), 02 (correspondentieadres) of "
                "03 (verblijfadres).",
            )


def _soort(message: Message, contact) -> str | None:
    soort = message.text(contact, "Soort")
    return soort.zfill(2) if soort else soort


@rule("CD005", "JW301")
def cd005_landcode_with_postcode(message: Message) -> Iterator[Issue]:
    """CD005: LandCode is filled if and only if Postcode is filled."""
    for contact in _contacts(message):
        address = message.find(contact, "Adres")
        if address is None:
            continue
        yield from _filled_if_and_only_if(
            message,
            "CD005",
            address,
            "LandCode",
            message.find(address, "Postcode") is not None,
            missing="LandCode ontbreekt; bij een Postcode is LandCode verplicht.",
            unexpected="LandCode is gevuld zonder Postcode; dan moet LandCode leeg blijven.",
        )


@rule("CD009", "JW301")
def cd009_periode_only_for_temporary_address(message: Message) -> Iterator[Issue]:
    """CD009: a Contact has a Periode only when Soort is 04 (tijdelijk adres)."""
    for contact in _contacts(message):
        periode = message.find(contact, "Periode")
        if periode is not None and _soort(message, contact) != "04":
            yield message.issue(
                "CD009", periode, "Een Periode mag alleen bij een tijdelijk adres (Soort 04) gevuld worden."
            )


@rule("CD025", "JW301")
def cd025_huis_for_dutch_address(message: Message) -> Iterator[Issue]:
    """CD025: an address with LandCode NL has a Huis."""
    for contact in _contacts(message):
        address = message.find(contact, "Adres")
        if (
            address is not None
            and message.text(address, "LandCode") == "NL"
            and message.find(address, "Huis") is None
        ):
            yield message.issue(
                "CD025", address, "Huis ontbreekt; bij een Nederlands adres (LandCode NL) is Huis verplicht."
            )


@rule("CD034", "JW301")
def cd034_postcode_for_home_address(message: Message) -> Iterator[Issue]:
    """CD034: an address of Soort 01 (BRP) or 03 (verblijf) has a Postcode."""
    for contact in _contacts(message):
        if _soort(message, contact) in ("01", "03") and message.find(contact, "Adres", "Postcode") is None:
            yield message.issue(
                "CD034",
                contact,
                "Postcode ontbreekt; bij een BRP-adres (Soort 01) of verblijfadres (Soort 03) "
                "is Postcode verplicht.",
            )


@rule("CS089", "JW301")
def cs089_dutch_postcode_format(message: Message) -> Iterator[Issue]:
    """CS089: with LandCode NL the Postcode has the Dutch format (1234AB)."""
    for contact in _contacts(message):
        address = message.find(contact, "Adres")
        if address is None or message.text(address, "LandCode") != "NL":
            continue
        postcode = message.find(address, "Postcode")
        value = message.text(postcode) if postcode is not None else None
        if value is not None and not DUTCH_POSTCODE.fullmatch(value):
            yield message.issue(
                "CS089",
                postcode,
                f"Postcode '{value}' is geen Nederlandse postcode (vier cijfers en twee letters).",
            )


def _names(message: Message) -> Iterator:
    yield from message.iter("Client", "Naam")
    yield from message.iter("Client", "Relaties", "Relatie", "Naam")


@rule("CS050", "JW301")
def cs050_naamgebruik_matches_partnernaam(message: Message) -> Iterator[Issue]:
    """CS050: with a Partnernaam, NaamGebruik is 1, 2, 3 or 4; without one it is 1 or 6."""
    for naam in _names(message):
        gebruik = message.text(naam, "NaamGebruik")
        if gebruik is None:
            continue
        if message.find(naam, "Partnernaam") is not None:
            allowed, because = ("1", "2", "3", "4"), "met een Partnernaam"
        else:
            allowed, because = ("1", "6"), "zonder Partnernaam"
        if gebruik not in allowed:
            yield message.issue(
                "CS050",
                message.find(naam, "NaamGebruik"),
                f"NaamGebruik {gebruik} is niet toegestaan {because}; kies uit {', '.join(allowed)}.",
            )


@rule("CS318", "JW301")
def cs318_client_is_natural_person(message: Message) -> Iterator[Issue]:
    """CS318: the Client's NaamGebruik is not 6 (niet-natuurlijk persoon)."""
    for naam in message.iter("Client", "Naam"):
        if message.text(naam, "NaamGebruik") == "6":
            yield message.issue(
                "CS318",
                message.find(naam, "NaamGebruik"),
                "NaamGebruik 6 (niet-natuurlijk persoon) mag niet voor een cliënt gebruikt worden.",
            )


@rule("CD007", "JW301")
def cd007_language_for_interpreter(message: Message) -> Iterator[Issue]:
    """CD007: Taal is filled if and only if Communicatie/Vorm is 1 (tolk taal)."""
    for communicatie in message.iter("Client", "Communicatie"):
        yield from _filled_if_and_only_if(
            message,
            "CD007",
            communicatie,
            "Taal",
            message.text(communicatie, "Vorm") == "1",
            missing="Taal ontbreekt; bij Vorm 1 (tolk taal) is Taal verplicht.",
            unexpected="Taal is gevuld, maar mag alleen bij Vorm 1 (tolk taal).",
        )


# -- JW315: verwijzer and beschikking ------------------------------------------------------

REFERRERS_WITH_CODE = frozenset({"02", "03", "04", "05"})


@rule("CD043", "JW315")
def cd043_beschikking_dates(message: Message) -> Iterator[Issue]:
    """CD043: BeschikkingIngangsdatum is filled if and only if BeschikkingNummer is filled."""
    for line in product_lines(message):
        yield from _filled_if_and_only_if(
            message,
            "CD043",
            line.element,
            "BeschikkingIngangsdatum",
            message.find(line.element, "BeschikkingNummer") is not None,
            missing="BeschikkingIngangsdatum ontbreekt; bij een BeschikkingNummer is die verplicht.",
            unexpected="BeschikkingIngangsdatum is gevuld zonder BeschikkingNummer; "
            "dan moet die leeg blijven.",
        )


def _verwijzers(message: Message) -> Iterator:
    for line in product_lines(message):
        verwijzer = message.find(line.element, "Verwijzer")
        if verwijzer is not None:
            yield verwijzer, message.text(verwijzer, "Type")


@rule("CD066", "JW315")
def cd066_no_name_with_referrer_code(message: Message) -> Iterator[Issue]:
    """CD066: for referrer type 02-05 with a ZorgverlenerCode, the Naam of the Verwijzer is empty."""
    for verwijzer, soort in _verwijzers(message):
        if (
            soort in REFERRERS_WITH_CODE
            and message.find(verwijzer, "ZorgverlenerCode") is not None
            and message.find(verwijzer, "Naam") is not None
        ):
            yield message.issue(
                "CD066",
                message.find(verwijzer, "Naam"),
                "Naam van de verwijzer is gevuld terwijl er een ZorgverlenerCode is; "
                "dan moet Naam leeg blijven.",
            )


@rule("CD067", "JW315")
def cd067_name_without_referrer_code(message: Message) -> Iterator[Issue]:
    """CD067: for referrer type 02-05 without a ZorgverlenerCode, the Naam of the Verwijzer is filled."""
    for verwijzer, soort in _verwijzers(message):
        if (
            soort in REFERRERS_WITH_CODE
            and message.find(verwijzer, "ZorgverlenerCode") is None
            and message.find(verwijzer, "Naam") is None
        ):
            yield message.issue(
                "CD067",
                verwijzer,
                "Naam van de verwijzer ontbreekt; zonder ZorgverlenerCode is de naam verplicht.",
            )


@rule("CD068", "JW315")
def cd068_referrer_code_only_for_practitioners(message: Message) -> Iterator[Issue]:
    """CD068: for a referrer type other than 02-05, ZorgverlenerCode is empty."""
    for verwijzer, soort in _verwijzers(message):
        code = message.find(verwijzer, "ZorgverlenerCode")
        if soort not in REFERRERS_WITH_CODE and code is not None:
            yield message.issue(
                "CD068",
                code,
                f"ZorgverlenerCode mag alleen bij verwijzertype 02, 03, 04 of 05, niet bij type {soort}.",
            )


# -- JW317 -------------------------------------------------------------------------------


def _verzoek_holds_one_of(message: Message, code: str, names: tuple[str, str], text: str) -> Iterator[Issue]:
    """The Verzoek holds at least one of the product lists ``names`` (TR352, TR353)."""
    if not any(next(message.iter("Client", "Verzoek", name), None) is not None for name in names):
        yield message.issue(code, message.find(message.root, "Client", "Verzoek"), text)


@rule("TR352", "JW317")
def tr352_existing_product_named(message: Message) -> Iterator[Issue]:
    """TR352: a verzoek om wijziging holds at least one OngewijzigdProduct or TeWijzigenProduct."""
    yield from _verzoek_holds_one_of(
        message,
        "TR352",
        ("OngewijzigdeProducten", "TeWijzigenProducten"),
        "Het verzoek om wijziging noemt geen bestaande toewijzing (OngewijzigdProduct of TeWijzigenProduct).",
    )


@rule("TR353", "JW317")
def tr353_something_changes(message: Message) -> Iterator[Issue]:
    """TR353: a verzoek om wijziging holds at least one TeWijzigenProduct or NieuwProduct."""
    yield from _verzoek_holds_one_of(
        message,
        "TR353",
        ("TeWijzigenProducten", "NieuweProducten"),
        "Het verzoek om wijziging vraagt niets te wijzigen: er is geen TeWijzigenProduct of NieuwProduct.",
    )


@rule("TR380", "JW317")
def tr380_new_product_starts_after_dagtekening(message: Message) -> Iterator[Issue]:
    """TR380: the GewensteIngangsdatum of a NieuwProduct lies after the Dagtekening of the message."""
    dagtekening = message.dagtekening
    if dagtekening is None:
        return
    for line in product_lines(message):
        if line.kind == "NieuwProduct" and line.start is not None and line.start <= dagtekening:
            yield message.issue(
                "TR380",
                message.find(line.element, "GewensteIngangsdatum"),
                f"GewensteIngangsdatum {line.start} moet na de dagtekening van het bericht "
                f"({dagtekening}) liggen.",
            )


# -- JW319 -------------------------------------------------------------------------------

AFGEWEZEN, IN_ONDERZOEK = "1", "2"
WOONPLAATSBEGINSEL = "8"


def _antwoord_requires(
    message: Message, code: str, when: str, value: str, name: str, text: str
) -> Iterator[Issue]:
    """In an Antwoord whose ``when`` is ``value``, ``name`` is there (CD085, TR377)."""
    for antwoord in message.iter("Antwoord"):
        if message.text(antwoord, when) == value and message.find(antwoord, name) is None:
            yield message.issue(code, antwoord, text)


@rule("CD085", "JW319")
def cd085_reason_when_refused(message: Message) -> Iterator[Issue]:
    """CD085: when VerzoekAntwoord is 1 (verzoek afgewezen), RedenAfwijzingVerzoek is filled."""
    yield from _antwoord_requires(
        message,
        "CD085",
        "VerzoekAntwoord",
        AFGEWEZEN,
        "RedenAfwijzingVerzoek",
        "RedenAfwijzingVerzoek ontbreekt; bij een afgewezen verzoek is de reden verplicht.",
    )


@rule("CD086", "JW319")
def cd086_no_reason_while_investigating(message: Message) -> Iterator[Issue]:
    """CD086: when VerzoekAntwoord is 2 (aanvraag in onderzoek), RedenAfwijzingVerzoek is empty."""
    for antwoord in message.iter("Antwoord"):
        reden = message.find(antwoord, "RedenAfwijzingVerzoek")
        if message.text(antwoord, "VerzoekAntwoord") == IN_ONDERZOEK and reden is not None:
            yield message.issue(
                "CD086", reden, "RedenAfwijzingVerzoek is gevuld terwijl de aanvraag nog in onderzoek is."
            )


@rule("TR377", "JW319")
def tr377_woonplaatsbeginsel_named(message: Message) -> Iterator[Issue]:
    """TR377: with RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) the Woonplaatsbeginsel class is present."""
    yield from _antwoord_requires(
        message,
        "TR377",
        "RedenAfwijzingVerzoek",
        WOONPLAATSBEGINSEL,
        "Woonplaatsbeginsel",
        "Bij afwijzing wegens het woonplaatsbeginsel moet Woonplaatsbeginsel "
        "de verantwoordelijke gemeente noemen.",
    )


@rule("TR409", "JW319")
def tr409_woonplaatsbeginsel_only_for_reason_8(message: Message) -> Iterator[Issue]:
    """TR409: without RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) the Woonplaatsbeginsel class is absent."""
    for antwoord in message.iter("Antwoord"):
        woonplaatsbeginsel = message.find(antwoord, "Woonplaatsbeginsel")
        if (
            woonplaatsbeginsel is not None
            and message.text(antwoord, "RedenAfwijzingVerzoek") != WOONPLAATSBEGINSEL
        ):
            yield message.issue(
                "TR409",
                woonplaatsbeginsel,
                "Woonplaatsbeginsel mag alleen gevuld worden bij "
                "RedenAfwijzingVerzoek 8 (woonplaatsbeginsel).",
            )
