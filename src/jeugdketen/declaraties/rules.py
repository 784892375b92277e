"""The business rules a Prestatie is judged by, each with its WJ001 retourcode.

Where iJw names the rule (a berichtoverstijgende TR rule) the code is that TR code, so a
functional administrator can look it up. Rules that come from the contract or the product
book and have no TR rule get a readable code of their own; they still answer with the
WJ001 retourcode that comes closest, because a JW325 can only carry WJ001 codes. The
choices are explained in ``docs/declarations.md``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    retourcode: str
    title: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("TR338", "9338", "De toewijzing bestaat bij deze gemeente en hoort bij deze aanbieder"),
        Rule("TR304", "8187", "De toewijzing hoort bij de cliënt (Bsn) van de prestatie"),
        Rule("TR384", "9384", "De toewijzing is niet ingetrokken of verwijderd"),
        Rule("TR339", "9339", "ProductCategorie is gelijk aan die van de toewijzing"),
        Rule("TR340", "9340", "ProductCode is gelijk aan die van de toewijzing"),
        Rule("TR341", "9341", "Eenheid is gelijk aan die van de toewijzing"),
        Rule("TR307", "9307", "Begindatum van de prestatie ligt binnen de toewijzing"),
        Rule("TR308", "9308", "Einddatum van de prestatie ligt binnen de toewijzing"),
        Rule(
            "JW305",
            "9069",
            "Voor de toewijzing is een startbericht (JW305) ontvangen vóór het einde van de periode",
        ),
        Rule(
            "TR387",
            "9387",
            "De ProductPeriode begint op de eerste dag van de maand, of op de begindatum van de toewijzing",
        ),
        Rule(
            "TR388",
            "9388",
            "De ProductPeriode eindigt op de laatste dag van de maand, of op de einddatum van de toewijzing",
        ),
        Rule("TR321", "9321", "Het volume past binnen het toegewezen volume per periode (frequentie)"),
        Rule("TR322", "9322", "Het totale gedeclareerde volume past binnen het toegewezen volume"),
        Rule("TR369", "9369", "Het totale gedeclareerde bedrag past binnen het toegewezen budget"),
        Rule(
            "TR418", "0611", "Het tarief is het contracttarief voor dit jaar, deze aanbieder en dit product"
        ),
        Rule("TR346", "9346", "IngediendBedrag is GeleverdVolume maal ProductTarief"),
        Rule("TR314", "8021", "Het ReferentieNummer is niet eerder aangeleverd"),
        Rule(
            "TR389",
            "9389",
            "Er is niet al een debetprestatie voor deze periode en dit product die niet gecrediteerd is",
        ),
        Rule("TR323", "8017", "Een creditprestatie hoort bij een eerder toegekende debetprestatie"),
        Rule("TR390", "9390", "De debetprestatie is niet al eerder gecrediteerd"),
        Rule(
            "VERVAL", "9319", "Zorg uit jaar J is uiterlijk 1 april van jaar J+1 gedeclareerd (vervaltermijn)"
        ),
        Rule(
            "PB-PLAFOND-PERIODE",
            "9321",
            "Het volume past binnen het maximum uit het productenboek per week of maand",
        ),
        Rule(
            "PB-PLAFOND",
            "9322",
            "Het volume past binnen het maximum uit het productenboek per jaar of traject",
        ),
        Rule("PB-LEEFTIJD", "8187", "De cliënt was bij de start jong genoeg voor dit product"),
        Rule(
            "CT-INDIRECT", "9321", "Indirecte tijd alleen voor producten waar contract of boek dat toestaat"
        ),
        Rule("VERBLIJF-DAG", "9321", "Een verblijfsdag telt als de jeugdige vóór 20:00 is opgenomen"),
        Rule("VERBLIJF-AFWEZIG", "9321", "Afwezigheidsdagen zijn declarabel binnen de grenzen van het boek"),
        Rule("VERBLIJF-DEELTIJD", "9321", "Bij deeltijdverblijf zijn niet geleverde dagen niet declarabel"),
        Rule(
            "VERBLIJF-DEELTIJD-PATROON",
            "9321",
            "Bij deeltijdverblijf zijn ten hoogste 9 etmalen per periode van 14 etmalen declarabel",
        ),
        Rule("VERBLIJF-KLINISCH", "9321", "Bij verblijfsprestatie A t/m HIC telt alleen een geleverde dag"),
        Rule("VERBLIJF-RESPIJT", "9321", "Bij respijtzorg worden afwezigheidsdagen niet betaald"),
        Rule(
            "VERBLIJF-ETMALEN",
            "9321",
            "Niet meer etmalen dan dagen in de periode vanaf de start van de zorg (zonder verblijfsregister)",
        ),
        Rule("RESPIJT-VERTREK", "9321", "Bij logeren is de dag van vertrek nooit een etmaal"),
        Rule("DUUR-OPEN", "9308", "Een toewijzing zonder einddatum loopt ten hoogste 2 jaar"),
        Rule("RESPIJT-UREN", "9321", "Etmalen logeren volgen uit de uren van de logeerperiode"),
        Rule("RESPIJT-AANEEN", "9321", "Een logeerperiode telt ten hoogste het maximum aan etmalen"),
    )
}
