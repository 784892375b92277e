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

from .engine import Message, digits, filled, rule, to_date

#: Before 2021 a product without code could still carry an Omvang (CD080, CD095, CD096, CS338).
END_OF_2020 = dt.date(2020, 12, 31)

#: Units that need Frequentie 2, 4 or 6: etmaal, dagdeel, euro's, stuks (inspanning) (CS338, CS343).
UNITS_WITH_LIMITED_FREQUENCY = frozenset({"14", "16", "83", "84"})
LIMITED_FREQUENCIES = frozenset({"2", "4", "6"})

#: Reden wijziging: 01 administratieve correctie (vervallen), 13 verwijderd.
REDEN_VERVALLEN, REDEN_VERWIJDERD = "01", "13"

DUTCH_POSTCODE = re.compile(r"[1-9][0-9]{3}[a-zA-Z]{2}")


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
    end_text: str | None
    end_name: str
    omvang: object | None
    eenheid: str | None
    frequentie: str | None
    budget: str | None
    has_product: bool  # whether this class has a Product element at all
    position: int  # order in the message, to report pairs in document order


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
                    end_text=message.text(element, end_name),
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
                message.find(line.element, "Product", "Code"),
                f"Omvang ontbreekt bij product {line.code}; met een productcode is Omvang verplicht.",
            )


@rule("CD075", "JW301", "JW315", "JW317")
def cd075_einddatum_with_budget(message: Message) -> Iterator[Issue]:
    """CD075: when Budget is filled, the Einddatum is filled."""
    for line in product_lines(message):
        if line.budget is not None and line.end_text is None:
            yield message.issue(
                "CD075",
                [message.find(line.element, "Budget"), message.find(line.element, line.end_name)],
                f"Einddatum ontbreekt bij {line.kind}; bij een Budget is een Einddatum verplicht.",
            )


@rule("CD076", "JW301", "JW315", "JW317")
def cd076_einddatum_with_weekly_frequency(message: Message) -> Iterator[Issue]:
    """CD076: when Frequentie is 2 (per week), the Einddatum is filled."""
    for line in product_lines(message):
        if line.frequentie == "2" and line.end_text is None:
            yield message.issue(
                "CD076",
                [message.find(line.omvang, "Frequentie"), message.find(line.element, line.end_name)],
                f"Einddatum ontbreekt bij {line.kind}; "
                "bij Frequentie 2 (per week) is een Einddatum verplicht.",
            )


@rule("CD077", "JW301", "JW315", "JW317")
def cd077_no_omvang_with_budget(message: Message) -> Iterator[Issue]:
    """CD077: when Budget is filled, Omvang stays empty."""
    for line in product_lines(message):
        if line.budget is not None and line.omvang is not None:
            yield message.issue(
                "CD077",
                [message.find(line.element, "Budget"), line.omvang],
                "Omvang is gevuld terwijl er een Budget is; gebruik Omvang óf Budget.",
            )


@rule("CD078", "JW301", "JW315", "JW317")
def cd078_no_budget_with_omvang(message: Message) -> Iterator[Issue]:
    """CD078: when Omvang is filled, Budget stays empty."""
    for line in product_lines(message):
        budget = message.find(line.element, "Budget")
        if budget is not None and line.omvang is not None:
            yield message.issue(
                "CD078",
                [line.omvang, budget],
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
        if (
            line.has_product
            and line.code is None
            and line.omvang is not None
            and (line.end_text is None or (digits(line.end_text) or 0) > 20201231)
        ):
            yield message.issue(
                code,
                [line.omvang, message.find(line.element, line.end_name)],
                "Omvang is gevuld bij een product zonder productcode (aspecifiek of generiek toegewezen); "
                "dan moet Omvang leeg blijven.",
            )


#: Pairs of an end date and the start it may not precede (CS003), per message: the element that
#: holds them (a path below the root), the end and the start.
_END_AFTER_START = {
    "JW301": (
        (("Client", "Beschikking"), "Einddatum", "Ingangsdatum"),
        (("Client", "ToegewezenProducten", "ToegewezenProduct"), "Einddatum", "Ingangsdatum"),
        (("Client", "Contactgegevens", "Contact", "Periode"), "Einddatum", "Begindatum"),
        (("Client", "Relaties", "Relatie", "Contact", "Periode"), "Einddatum", "Begindatum"),
    ),
    "JW315": (
        (
            ("Client", "AangevraagdeProducten", "AangevraagdProduct"),
            "ToewijzingEinddatum",
            "ToewijzingIngangsdatum",
        ),
    ),
    "JW317": (
        (
            ("Client", "Verzoek", "TeWijzigenProducten", "TeWijzigenProduct"),
            "Einddatum",
            "GewensteIngangsdatum",
        ),
        (("Client", "Verzoek", "NieuweProducten", "NieuwProduct"), "Einddatum", "GewensteIngangsdatum"),
    ),
}


@rule("CS003", "JW301", "JW315", "JW317")
def cs003_end_not_before_start(message: Message) -> Iterator[Issue]:
    """CS003: an Einddatum, when filled, is on or after the start of its period; both are named."""
    for path, end_name, start_name in _END_AFTER_START[message.code]:
        for holder in message.iter(*path):
            end = message.find(holder, end_name)
            if end is None:
                continue
            start = message.find(holder, start_name)
            end_day = digits(end.text)
            start_day = digits(start.text) if start is not None else None
            if start is None or (end_day is not None and start_day is not None and start_day > end_day):
                yield message.issue(
                    "CS003",
                    [end, start],
                    f"{end_name} {end.text} ligt voor {start_name} "
                    f"{start.text if start is not None else '(leeg)'}.",
                )


def _limited_frequency(message: Message, code: str) -> Iterator[Issue]:
    for line in product_lines(message):
        if (
            line.eenheid in UNITS_WITH_LIMITED_FREQUENCY
            and (line.end_text is None or (digits(line.end_text) or 0) > 20201231)
            and line.frequentie not in LIMITED_FREQUENCIES
        ):
            yield message.issue(
                code,
                [
                    message.find(line.omvang, "Eenheid"),
                    message.find(line.omvang, "Frequentie"),
                    message.find(line.element, line.end_name),
                ],
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
    """CS335: RedenWijziging 13 (verwijderd) only when Ingangsdatum equals Einddatum (when both are there)."""
    for line in product_lines(message):
        reden = message.find(line.element, "RedenWijziging")
        if reden is None or reden.text != REDEN_VERWIJDERD:
            continue
        start = message.find(line.element, "Ingangsdatum")
        end = message.find(line.element, "Einddatum")
        if start is not None and end is not None and start.text != end.text:
            yield message.issue(
                "CS335",
                [start, end],
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


def _before(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and b is not None and a < b


def _overlap(a: ProductLine, b: ProductLine) -> bool:
    """Whether two periods overlap, as the official stylesheet decides it (an open end runs on)."""
    if a.end is not None and b.end is not None:
        return not (_before(a.end, b.start) or _before(b.end, a.start))
    if a.end is not None:
        return b.start is not None and a.end >= b.start
    if b.end is not None:
        return a.start is not None and b.end >= a.start
    return True


def _overlapping(lines: list[ProductLine]) -> Iterator[tuple[ProductLine, ProductLine]]:
    """Pairs of the same product with overlapping periods, among siblings.

    Lines are bucketed by Categorie, so only lines that could be the same product are
    compared; a line without a Product is compared with every other.
    """
    by_parent: dict = {}
    for line in lines:
        by_parent.setdefault(line.element.getparent(), []).append(line)
    for siblings in by_parent.values():
        buckets: dict = {}
        for line in siblings:
            buckets.setdefault(line.categorie, []).append(line)
        for line in siblings:
            candidates = (
                siblings if line.categorie is None else buckets[line.categorie] + buckets.get(None, [])
            )
            for other in candidates:
                if other.position < line.position and _clash(other, line) and _overlap(other, line):
                    yield other, line


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


@rule("TR383", "JW315")
def tr383_referentie_aanbieder_unique(message: Message) -> Iterator[Issue]:
    """TR383: ReferentieAanbieder is unique for each AangevraagdProduct within the message.

    As in the official stylesheet each repeat names the earlier ReferentieAanbieder and its
    own VorigReferentieNummer, if it has one.
    """
    seen: dict = {}
    for element in message.iter("Client", "AangevraagdeProducten", "AangevraagdProduct"):
        referentie = message.find(element, "ReferentieAanbieder")
        if referentie is None:
            continue
        key = (element.getparent(), (referentie.text or "").strip())
        for earlier in seen.get(key, ()):
            yield message.issue(
                "TR383",
                [earlier, message.find(element, "VorigReferentieNummer")],
                f"ReferentieAanbieder {key[1]} komt bij meer aangevraagde producten voor; "
                "elk aangevraagd product heeft een eigen ReferentieAanbieder.",
            )
        seen.setdefault((element.getparent(), referentie.text), []).append(referentie)


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
    """TR061: a Client has at least one address of Soort 01 (BRP), 02 (correspondentie) or 03 (verblijf).

    The issue names every Contact of the client, as the official report does.
    """
    for contactgegevens in message.iter("Client", "Contactgegevens"):
        contacts = list(message.iter_children(contactgegevens, "Contact"))
        if not any(message.text(contact, "Soort") in ("01", "02", "03") for contact in contacts):
            yield message.issue(
                "TR061",
                contacts,
                "De cliënt heeft geen adres van Soort 01 (BRP-adres), 02 (correspondentieadres) of "
                "03 (verblijfadres).",
            )


#: Every message: the address rules (CD005, CD025, CS089) follow the basisschema elements.
ALL = (
    "JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315",
    "JW316", "JW317", "JW318", "JW319", "JW320", "JW323", "JW325",
)  # fmt: skip


@rule("CD005", *ALL)
def cd005_landcode_with_postcode(message: Message) -> Iterator[Issue]:
    """CD005: LandCode is filled if and only if Postcode is filled; both are named."""
    for element in message.root.iter(message.b("Postcode"), message.b("LandCode")):
        other = message.find(
            element.getparent(), "LandCode" if element.tag.endswith("}Postcode") else "Postcode"
        )
        if filled(element) and not filled(other):
            yield message.issue(
                "CD005",
                [element, other],
                "LandCode en Postcode zijn beide gevuld of beide leeg.",
            )


@rule("CD009", "JW301")
def cd009_periode_only_for_temporary_address(message: Message) -> Iterator[Issue]:
    """CD009: a Contact has a Periode only when Soort is 04 (tijdelijk adres)."""
    for contact in _contacts(message):
        periode = message.find(contact, "Periode")
        if periode is not None and message.text(contact, "Soort") != "04":
            yield message.issue(
                "CD009",
                [periode, message.find(contact, "Soort")],
                "Een Periode mag alleen bij een tijdelijk adres (Soort 04) gevuld worden.",
            )


@rule("CD025", *ALL)
def cd025_huis_for_dutch_address(message: Message) -> Iterator[Issue]:
    """CD025: an address with LandCode NL has a Huisnummer."""
    for landcode in message.root.iter(message.b("LandCode")):
        huisnummer = message.find(landcode.getparent(), "Huis", "Huisnummer")
        if message.text(landcode) == "NL" and not filled(huisnummer):
            yield message.issue(
                "CD025",
                [landcode, huisnummer],
                "Huisnummer ontbreekt; bij een Nederlands adres (LandCode NL) is het verplicht.",
            )


@rule("CD034", "JW301")
def cd034_postcode_for_home_address(message: Message) -> Iterator[Issue]:
    """CD034: an address of Soort 01 (BRP) or 03 (verblijf) has a Postcode."""
    for contact in _contacts(message):
        postcode = message.find(contact, "Adres", "Postcode")
        if message.text(contact, "Soort") in ("01", "03") and not filled(postcode):
            yield message.issue(
                "CD034",
                [message.find(contact, "Soort"), postcode],
                "Postcode ontbreekt; bij een BRP-adres (Soort 01) of verblijfadres (Soort 03) "
                "is Postcode verplicht.",
            )


@rule("CS089", *ALL)
def cs089_dutch_postcode_format(message: Message) -> Iterator[Issue]:
    """CS089: with LandCode NL the Postcode has the Dutch format (1234AB)."""
    for landcode in message.root.iter(message.b("LandCode")):
        if message.text(landcode) != "NL":
            continue
        postcode = message.find(landcode.getparent(), "Postcode")
        value = postcode.text if postcode is not None else None
        if not DUTCH_POSTCODE.fullmatch(value or ""):
            yield message.issue(
                "CS089",
                [landcode, postcode],
                f"Postcode '{value or ''}' is geen Nederlandse postcode (vier cijfers en twee letters).",
            )


@rule("CS050", *ALL)
def cs050_naamgebruik_matches_partnernaam(message: Message) -> Iterator[Issue]:
    """CS050: with a Partnernaam, NaamGebruik is 1, 2, 3 or 4; without one it is 1 or 6."""
    for element in message.root.iter(message.b("NaamGebruik")):
        gebruik = message.text(element)
        partnernaam = message.find(element.getparent(), "Partnernaam")
        if partnernaam is not None:
            allowed, because = ("1", "2", "3", "4"), "met een Partnernaam"
        else:
            allowed, because = ("1", "6"), "zonder Partnernaam"
        if gebruik not in allowed:
            yield message.issue(
                "CS050",
                [partnernaam, element],
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


@rule("CD007", *ALL)
def cd007_language_for_interpreter(message: Message) -> Iterator[Issue]:
    """CD007: Taal is filled if and only if Vorm is 1 (tolk taal); both are named."""
    holders = {element.getparent() for element in message.root.iter(message.b("Taal"), message.b("Vorm"))}
    for holder in holders:
        taal, vorm = message.find(holder, "Taal"), message.find(holder, "Vorm")
        if filled(taal) != (message.text(vorm) == "1"):
            yield message.issue(
                "CD007",
                [taal, vorm],
                "Taal is verplicht bij Vorm 1 (tolk taal) en mag alleen dan gevuld zijn.",
            )


# -- JW315: verwijzer and beschikking ------------------------------------------------------

REFERRERS_WITH_CODE = frozenset({"02", "03", "04", "05"})


@rule("CD043", "JW315")
def cd043_beschikking_dates(message: Message) -> Iterator[Issue]:
    """CD043: BeschikkingIngangsdatum is filled if and only if BeschikkingNummer is filled."""
    for line in product_lines(message):
        nummer = message.find(line.element, "BeschikkingNummer")
        ingangsdatum = message.find(line.element, "BeschikkingIngangsdatum")
        if filled(nummer) != filled(ingangsdatum):
            yield message.issue(
                "CD043",
                [nummer, ingangsdatum],
                "BeschikkingIngangsdatum is verplicht bij een BeschikkingNummer "
                "en mag alleen dan gevuld zijn.",
            )


def _verwijzers(message: Message) -> Iterator:
    for line in product_lines(message):
        verwijzer = message.find(line.element, "Verwijzer")
        if verwijzer is not None:
            yield verwijzer, message.find(verwijzer, "Type")


@rule("CD066", "JW315")
def cd066_no_name_with_referrer_code(message: Message) -> Iterator[Issue]:
    """CD066: for referrer type 02-05 with a ZorgverlenerCode, the Naam of the Verwijzer is empty."""
    for verwijzer, soort in _verwijzers(message):
        code, naam = message.find(verwijzer, "ZorgverlenerCode"), message.find(verwijzer, "Naam")
        if message.text(soort) in REFERRERS_WITH_CODE and filled(code) and filled(naam):
            yield message.issue(
                "CD066",
                [code, naam, soort],
                "Naam van de verwijzer is gevuld terwijl er een ZorgverlenerCode is; "
                "dan moet Naam leeg blijven.",
            )


@rule("CD067", "JW315")
def cd067_name_without_referrer_code(message: Message) -> Iterator[Issue]:
    """CD067: for referrer type 02-05 without a ZorgverlenerCode, the Naam of the Verwijzer is filled."""
    for verwijzer, soort in _verwijzers(message):
        code, naam = message.find(verwijzer, "ZorgverlenerCode"), message.find(verwijzer, "Naam")
        if message.text(soort) in REFERRERS_WITH_CODE and not filled(code) and not filled(naam):
            yield message.issue(
                "CD067",
                [code, naam, soort],
                "Naam van de verwijzer ontbreekt; zonder ZorgverlenerCode is de naam verplicht.",
            )


@rule("CD068", "JW315")
def cd068_referrer_code_only_for_practitioners(message: Message) -> Iterator[Issue]:
    """CD068: for a referrer type other than 02-05, ZorgverlenerCode is empty."""
    for verwijzer, soort in _verwijzers(message):
        code = message.find(verwijzer, "ZorgverlenerCode")
        if message.text(soort) not in REFERRERS_WITH_CODE and filled(code):
            yield message.issue(
                "CD068",
                [soort, code],
                f"ZorgverlenerCode mag alleen bij verwijzertype 02, 03, 04 of 05, "
                f"niet bij type {message.text(soort)}.",
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
    dagtekening = message.dagtekening_element
    limit = digits(dagtekening.text) if dagtekening is not None else None
    for line in product_lines(message):
        if line.kind != "NieuwProduct":
            continue
        start = message.find(line.element, "GewensteIngangsdatum")
        value = digits(start.text) if start is not None else None
        if limit is not None and value is not None and limit >= value:
            yield message.issue(
                "TR380",
                [start, dagtekening],
                f"GewensteIngangsdatum {start.text} moet na de dagtekening van het bericht "
                f"({dagtekening.text}) liggen.",
            )


# -- JW319 -------------------------------------------------------------------------------

AFGEWEZEN, IN_ONDERZOEK = "1", "2"
WOONPLAATSBEGINSEL = "8"


def _antwoorden(message: Message) -> Iterator[tuple]:
    for antwoord in message.iter("Antwoord"):
        yield (
            antwoord,
            message.find(antwoord, "VerzoekAntwoord"),
            message.find(antwoord, "RedenAfwijzingVerzoek"),
            message.find(antwoord, "Woonplaatsbeginsel"),
        )


@rule("CD085", "JW319")
def cd085_reason_when_refused(message: Message) -> Iterator[Issue]:
    """CD085: when VerzoekAntwoord is 1 (verzoek afgewezen), RedenAfwijzingVerzoek is filled."""
    for _, antwoord, reden, _ in _antwoorden(message):
        if message.text(antwoord) == AFGEWEZEN and not filled(reden):
            yield message.issue(
                "CD085",
                [antwoord, reden],
                "RedenAfwijzingVerzoek ontbreekt; bij een afgewezen verzoek is de reden verplicht.",
            )


@rule("CD086", "JW319")
def cd086_no_reason_while_investigating(message: Message) -> Iterator[Issue]:
    """CD086: when VerzoekAntwoord is 2 (aanvraag in onderzoek), RedenAfwijzingVerzoek is empty."""
    for _, antwoord, reden, _ in _antwoorden(message):
        if message.text(antwoord) == IN_ONDERZOEK and filled(reden):
            yield message.issue(
                "CD086",
                [antwoord, reden],
                "RedenAfwijzingVerzoek is gevuld terwijl de aanvraag nog in onderzoek is.",
            )


@rule("TR377", "JW319")
def tr377_woonplaatsbeginsel_named(message: Message) -> Iterator[Issue]:
    """TR377: with RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) the Woonplaatsbeginsel class is present."""
    for _, _, reden, woonplaatsbeginsel in _antwoorden(message):
        if reden is not None and message.text(reden) == WOONPLAATSBEGINSEL and woonplaatsbeginsel is None:
            yield message.issue(
                "TR377",
                reden,
                "Bij afwijzing wegens het woonplaatsbeginsel moet Woonplaatsbeginsel "
                "de verantwoordelijke gemeente noemen.",
            )


@rule("TR409", "JW319")
def tr409_woonplaatsbeginsel_only_for_reason_8(message: Message) -> Iterator[Issue]:
    """TR409: with a RedenAfwijzingVerzoek other than 8 (woonplaatsbeginsel), Woonplaatsbeginsel is absent."""
    for _, _, reden, woonplaatsbeginsel in _antwoorden(message):
        if reden is not None and message.text(reden) != WOONPLAATSBEGINSEL and woonplaatsbeginsel is not None:
            yield message.issue(
                "TR409",
                [reden, woonplaatsbeginsel],
                "Woonplaatsbeginsel mag alleen gevuld worden bij "
                "RedenAfwijzingVerzoek 8 (woonplaatsbeginsel).",
            )
