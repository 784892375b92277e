"""The set-up workbook's format: its sheets, their Dutch column headers and what each means.

One definition serves the template (with its ``toelichting`` sheet), the reader (which checks
the headers), the export and ``docs/setup.md``. Sheets are read in this order, so a row may
refer to an organisation or contract created by an earlier sheet of the same workbook.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str
    required: bool
    help: str


def _c(header: str, help: str, *, required: bool = True) -> Column:
    return Column(header, required, help)


_STOP = [
    _c("aanbieder_agb", "AGB-code van de aanbieder (8 cijfers)."),
    _c("productcode", "Productcode (5 tekens); leeg: alle producten van de aanbieder.", required=False),
    _c("ingangsdatum", "Eerste dag (JJJJ-MM-DD of DD-MM-JJJJ)."),
    _c("einddatum", "Laatste dag; leeg: tot nader bericht.", required=False),
    _c("reden", "Reden, zoals de gemeente die vastlegt."),
]

SHEETS: dict[str, list[Column]] = {
    "gemeenten": [
        _c("cbs_code", "CBS-gemeentecode (4 cijfers); sleutel van de rij."),
        _c("naam", "Naam van de gemeente."),
        _c(
            "regio",
            "Slug van een geladen productenboek (zie `jeugdketen catalog regions`); meer regio's met ;.",
        ),
    ],
    "aanbieders": [
        _c("agb_code", "AGB-code (8 cijfers); sleutel van de rij."),
        _c("naam", "Naam van de aanbieder (uniek)."),
        _c("kvk_nummer", "KvK-nummer (8 cijfers).", required=False),
        _c(
            "hoofdaannemer_agb",
            "AGB-code van de hoofdaannemer, als de aanbieder onderaannemer is.",
            required=False,
        ),
        _c("micro_onderneming", "ja of nee: mag de micro-tarieven van een contract declareren."),
        _c(
            "namen_productenboek",
            "Namen waaronder een productenboek deze aanbieder noemt (gunning per product), meer met ;.",
            required=False,
        ),
    ],
    "contracten": [
        _c("contractnummer", "Nummer van het contract; sleutel van de rij."),
        _c("aanbieder_agb", "AGB-code van de aanbieder die het contract houdt."),
        _c("regio", "Slug van het productenboek waarop het contract rust."),
        _c("perceel", "Code van het perceel (lot) in dat productenboek.", required=False),
        _c("ingangsdatum", "Eerste dag van het contract."),
        _c("einddatum", "Laatste dag; leeg: doorlopend.", required=False),
        _c("acceptatieplicht", "ja of nee: de aanbieder moet elke toegewezen cliënt aannemen."),
        _c("indirecte_tijd", "ja of nee: indirecte tijd mag gedeclareerd worden."),
    ],
    "contractproducten": [
        _c("contractnummer", "Contract waarop het product staat."),
        _c("productcode", "Productcode uit het productenboek van de regio van het contract."),
        _c("jaar", "Kalenderjaar van het tarief."),
        _c("tarief", "Tarief in euro per eenheid, bijvoorbeeld 62,80 of 62.80."),
        _c("variant", "regulier of micro (lager tarief voor micro-ondernemingen)."),
    ],
    "clientenstops": _STOP,
    "vrijstellingen": _STOP,
    "budgetten": [
        _c("cbs_code", "CBS-code van de gemeente."),
        _c("jaar", "Kalenderjaar."),
        _c("perceel", "Code van het perceel in een productenboek van de gemeente."),
        _c("bedrag", "Budget in euro."),
    ],
    "gebruikers": [
        _c("gebruikersnaam", "Inlognaam; sleutel van de rij."),
        _c("naam", "Voor- en achternaam."),
        _c("email", "E-mailadres; de activeringslink gaat hierheen als e-mail is ingesteld.", required=False),
        _c("rol", "toegangsmedewerker, contractmanager, aanbieder, beheerder of auditor."),
        _c(
            "organisatie",
            "CBS-code (toegang, contractmanager: meer met ;), AGB-code (aanbieder), CBS-code of "
            "regio-slug (beheerder: de regio's van die gemeente); leeg bij auditor.",
            required=False,
        ),
    ],
}

EXPLANATION_SHEET = "toelichting"
