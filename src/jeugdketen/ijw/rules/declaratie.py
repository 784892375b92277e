"""Rules for the declaration (JW323) and the declaration answer (JW325).

A JW323 can hold hundreds of thousands of prestaties, so the prestaties are read once
into a table of plain rows (:func:`prestaties`) with a single C-level ``iter`` over the
leaf elements of interest; every rule then loops over the rows. Elements are looked up
again only for rows that fail, to compute their location.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from jeugdketen.ijw.report import Issue

from .engine import BASE_NS, Message, elements, rule, to_date, to_int, years_before

# Columns of a prestatie row.
BSN, REF, VORIG, TOEWIJZING, CATEGORIE, CODE, BEGIN, END, VOLUME, EENHEID, TARIEF, BEDRAG, DC, CLIENT = range(
    14
)
_WIDTH = 14

#: The first valid date of ProductPeriode and DeclaratiePeriode (CS100).
FIRST_DAY = dt.date(2021, 1, 1)

#: Retourcodes that do not reject: "geen opmerking", "niet beoordeeld", "volledig toegewezen".
NOT_REJECTING = frozenset({"0200", "0233", "8001"})


class Prestaties:
    """The prestaties of a JW323 or JW325 as rows, in document order."""

    def __init__(self, message: Message) -> None:
        self.message = message
        ns_m, ns_b = "{" + message.ns + "}", "{" + BASE_NS + "}"
        column = {
            ns_m + "Bsn": BSN,
            ns_b + "ReferentieNummer": REF,
            ns_b + "VorigReferentieNummer": VORIG,
            ns_m + "ToewijzingNummer": TOEWIJZING,
            ns_m + "ProductCategorie": CATEGORIE,
            ns_m + "ProductCode": CODE,
            ns_b + "Begindatum": BEGIN,
            ns_b + "Einddatum": END,
            ns_m + "GeleverdVolume": VOLUME,
            ns_m + "Eenheid": EENHEID,
            ns_m + "ProductTarief": TARIEF,
            ns_b + "Bedrag": BEDRAG,
            ns_b + "DebetCredit": DC,
        }
        rows: list[list] = []
        append = rows.append
        client_bsns: list[str | None] = []
        row: list | None = None
        bsn = None
        client = -1
        # ReferentieNummer is the first leaf of every Prestatie, Bsn the first of every Client.
        # Leaves before the first prestatie (DeclaratiePeriode, totals) are skipped. This loop
        # is the hot path of a large declaration: keep it free of calls.
        for element in message.root.iter(*column):
            index = column[element.tag]
            if index == 1:  # REF
                row = [
                    bsn,
                    element.text,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    client,
                ]
                append(row)
            elif index == 0:  # BSN
                bsn = element.text
                client += 1
                client_bsns.append(bsn)
                row = None
            elif row is not None:
                row[index] = element.text
        for row in rows:
            row[BEGIN] = to_date(row[BEGIN])
            row[END] = to_date(row[END])
            row[VOLUME] = to_int(row[VOLUME])
            row[TARIEF] = to_int(row[TARIEF])
            row[BEDRAG] = to_int(row[BEDRAG])
        self.rows = rows
        #: the Bsn of every Client in document order (a Client always holds a Prestatie)
        self.client_bsns = [bsn.strip() if bsn else bsn for bsn in client_bsns]
        self._elements: list | None = None
        self._clients: list | None = None

    def client(self, index: int):
        """The Client element number ``index`` (0-based), looked up on the first failure only."""
        if self._clients is None:
            self._clients = list(self.message.root.iter("{" + self.message.ns + "}Client"))
        return self._clients[index]

    def element(self, index: int):
        """The Prestatie element of row ``index``; the list is built on the first failure only."""
        if self._elements is None:
            self._elements = list(self.message.root.iter("{" + self.message.ns + "}Prestatie"))
        return self._elements[index]

    def child(self, index: int, name: str):
        return self.message.find(self.element(index), name)


def prestaties(message: Message) -> Prestaties:
    table = getattr(message, "_prestaties", None)
    if table is None:
        table = Prestaties(message)
        message._prestaties = table  # type: ignore[attr-defined]
    return table


def signed(amount: int | None, debet_credit: str | None) -> int:
    if amount is None:
        return 0
    return -amount if debet_credit == "C" else amount


def _declaratie(message: Message):
    return message.find(message.root, "Declaratie")


def duplicate_groups(keys: Iterable) -> list[list[int]]:
    """Positions of the keys that occur more than once, grouped per key in order of first occurrence.

    A key of ``None`` takes no part. One dict lookup per key; the groups are gathered in a
    second pass only when there are any.
    """
    keys = list(keys)
    first: dict = {}
    repeated: dict = {}
    for index, key in enumerate(keys):
        if first.setdefault(key, index) != index and key is not None:
            repeated[key] = None
    if not repeated:
        return []
    groups: dict = {key: [] for key in sorted(repeated, key=first.__getitem__)}
    for index, key in enumerate(keys):
        group = groups.get(key)
        if group is not None:
            group.append(index)
    return list(groups.values())


# -- TR101 ---------------------------------------------------------------------------


@rule("TR101", "JW323", "JW325")
def tr101_no_duplicate_clients(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines; a Client (key Bsn) occurs once per declaration."""
    table = prestaties(message)
    for group in duplicate_groups(table.client_bsns):
        yield message.issue(
            "TR101",
            [table.client(i) for i in group],
            f"Dezelfde cliënt komt {len(group)} keer voor in het bericht; "
            "groepeer alle prestaties van een cliënt onder één Client.",
        )


@rule("TR101", "JW323", "JW325")
def tr101_no_duplicate_prestaties(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines; a Prestatie (key ReferentieNummer within its Client's Bsn) occurs once."""
    table = prestaties(message)
    for group in duplicate_groups((row[BSN], row[REF]) for row in table.rows):
        reference = table.rows[group[0]][REF]
        yield message.issue(
            "TR101",
            [table.element(i) for i in group],
            f"Prestatie met ReferentieNummer {reference} komt {len(group)} keer voor bij dezelfde cliënt; "
            "dubbele regels zijn niet toegestaan.",
        )


@rule("TR314", "JW323")
def tr314_reference_unique_across_clients(message: Message) -> Iterator[Issue]:
    """TR314 (in-message part): a ReferentieNummer is unique for the provider, so not under two clients."""
    table = prestaties(message)
    for group in duplicate_groups(row[REF] for row in table.rows):
        if len({table.rows[i][BSN] for i in group}) > 1:
            yield message.issue(
                "TR314",
                [table.element(i) for i in group],
                f"ReferentieNummer {table.rows[group[0]][REF]} is gebruikt voor prestaties van verschillende "
                "cliënten; een ReferentieNummer moet uniek zijn voor de aanbieder.",
            )


# -- JW323: references, debit and credit ---------------------------------------------


@rule("TR315", "JW323")
def tr315_previous_reference_unique(message: Message) -> Iterator[Issue]:
    """TR315: VorigReferentieNummer of a Prestatie is unique within the message."""
    table = prestaties(message)
    for group in duplicate_groups(row[VORIG] for row in table.rows):
        yield message.issue(
            "TR315",
            [table.child(i, "ProductReferentie") for i in group],
            f"VorigReferentieNummer {table.rows[group[0]][VORIG]} komt {len(group)} keer voor; "
            "een prestatie mag maar één keer gecrediteerd worden.",
        )


@rule("TR316", "JW323")
def tr316_no_credit_of_debit_in_same_message(message: Message) -> Iterator[Issue]:
    """TR316: debit lines are not credited in the same message (no VorigReferentieNummer of a line here)."""
    table = prestaties(message)
    references = {row[REF] for row in table.rows}
    for index, row in enumerate(table.rows):
        if row[VORIG] is not None and row[VORIG] in references:
            yield message.issue(
                "TR316",
                table.child(index, "ProductReferentie"),
                f"VorigReferentieNummer {row[VORIG]} verwijst naar een prestatie in hetzelfde bericht; "
                "een debetregel mag niet in hetzelfde bericht gecrediteerd worden.",
            )


@rule("TR416", "JW323")
def tr416_one_debit_per_period_and_product(message: Message) -> Iterator[Issue]:
    """TR416: one debit Prestatie per ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer."""
    table = prestaties(message)
    keys = (
        (row[BSN], row[TOEWIJZING], row[CATEGORIE], row[CODE], row[BEGIN], row[END])
        if row[DC] == "D"
        else None
        for row in table.rows
    )
    for group in duplicate_groups(keys):
        row = table.rows[group[0]]
        yield message.issue(
            "TR416",
            [table.element(i) for i in group],
            f"Er zijn {len(group)} debetprestaties voor toewijzing {row[TOEWIJZING]}, product {row[CODE]} "
            f"en periode {row[BEGIN]} t/m {row[END]}; "
            "per periode en product mag er maar één debetprestatie zijn.",
        )


@rule("CD060", "JW323", "JW325")
def cd060_previous_reference_only_for_credit(message: Message) -> Iterator[Issue]:
    """CD060: VorigReferentieNummer is filled if and only if the IngediendBedrag is credit (C)."""
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        credit = row[DC] == "C"
        if credit and row[VORIG] is None:
            yield message.issue(
                "CD060",
                table.child(index, "ProductReferentie"),
                "VorigReferentieNummer ontbreekt; bij een creditprestatie is het verplicht "
                "(het ReferentieNummer van de gecrediteerde debetprestatie).",
            )
        elif not credit and row[VORIG] is not None:
            yield message.issue(
                "CD060",
                table.child(index, "ProductReferentie"),
                "VorigReferentieNummer is gevuld bij een debetprestatie; "
                "het mag alleen bij een creditprestatie.",
            )


# -- JW323: amounts ------------------------------------------------------------------


@rule("CD087", "JW323")
def cd087_tariff_unless_euros(message: Message) -> Iterator[Issue]:
    """CD087: ProductTarief is filled if and only if Eenheid is not 83 (euro's)."""
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        euros = row[EENHEID] == "83"
        if not euros and row[TARIEF] is None:
            yield message.issue(
                "CD087",
                table.element(index),
                f"ProductTarief ontbreekt; het is verplicht als Eenheid niet 83 (euro's) is "
                f"(Eenheid {row[EENHEID]}).",
            )
        elif euros and row[TARIEF] is not None:
            yield message.issue(
                "CD087",
                table.child(index, "ProductTarief"),
                "ProductTarief is gevuld terwijl Eenheid 83 (euro's) is; dan moet het leeg blijven.",
            )


@rule("CS339", "JW323")
def cs339_euro_amount_equals_volume(message: Message) -> Iterator[Issue]:
    """CS339: with Eenheid 83 (euro's) the IngediendBedrag equals GeleverdVolume."""
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[EENHEID] == "83" and row[BEDRAG] != row[VOLUME]:
            yield message.issue(
                "CS339",
                table.child(index, "IngediendBedrag"),
                f"IngediendBedrag {row[BEDRAG]} is niet gelijk aan GeleverdVolume {row[VOLUME]}, "
                "terwijl de Eenheid 83 (euro's) is.",
            )


@rule("CS325", "JW323", "JW325")
def cs325_zero_amount_is_debit(message: Message) -> Iterator[Issue]:
    """CS325: an amount (or total) of 0 carries DebetCredit D."""
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[BEDRAG] == 0 and row[DC] != "D":
            yield message.issue(
                "CS325",
                table.child(index, "IngediendBedrag"),
                "Bedrag is 0 maar DebetCredit is niet D; een bedrag van 0 is altijd debet.",
            )
    parent = _declaratie(message)
    if parent is None:
        parent = message.find(message.root, "DeclaratieAntwoord")
    if parent is None:
        return
    for name in ("TotaalIngediendBedrag", "TotaalToegekendBedrag"):
        total = message.find(parent, name)
        if total is None:
            continue
        if to_int(message.text(total, "TotaalBedrag")) == 0 and message.text(total, "DebetCredit") != "D":
            yield message.issue(
                "CS325", total, f"{name} is 0 maar DebetCredit is niet D; een bedrag van 0 is altijd debet."
            )


@rule("TR358", "JW323")
def tr358_total_equals_sum_of_prestaties(message: Message) -> Iterator[Issue]:
    """TR358: TotaalIngediendBedrag equals the sum of the prestaties' IngediendBedrag, debit minus credit."""
    declaratie = _declaratie(message)
    total_element = message.find(declaratie, "TotaalIngediendBedrag")
    if total_element is None:
        return
    total = signed(
        to_int(message.text(total_element, "TotaalBedrag")), message.text(total_element, "DebetCredit")
    )
    summed = sum(signed(row[BEDRAG], row[DC]) for row in prestaties(message).rows)
    if total != summed:
        yield message.issue(
            "TR358",
            total_element,
            f"TotaalIngediendBedrag is {_euro(total)}, maar de som van de prestaties (debet min credit) "
            f"is {_euro(summed)}.",
        )


def _euro(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}€ {cents // 100},{cents % 100:02d}"


# -- JW323 and JW325: dates ----------------------------------------------------------


@rule("TR134", "JW323", "JW325")
def tr134_product_period_start_not_after_dagtekening(message: Message) -> Iterator[Issue]:
    """TR134: Begindatum of a ProductPeriode is not later than the Dagtekening of the message."""
    dagtekening = message.dagtekening
    if dagtekening is None:
        return
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[BEGIN] is not None and row[BEGIN] > dagtekening:
            yield message.issue(
                "TR134",
                table.child(index, "ProductPeriode"),
                f"Begindatum van de ProductPeriode ({row[BEGIN]}) ligt na de dagtekening van het bericht "
                f"({dagtekening}).",
            )


@rule("TR137", "JW323", "JW325")
def tr137_product_period_end_in_range(message: Message) -> Iterator[Issue]:
    """TR137: Einddatum of a ProductPeriode is on or after its Begindatum and not after the Dagtekening."""
    dagtekening = message.dagtekening
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        begin, end = row[BEGIN], row[END]
        if end is None:
            continue
        if begin is not None and end < begin:
            yield message.issue(
                "TR137",
                table.child(index, "ProductPeriode"),
                f"Einddatum van de ProductPeriode ({end}) ligt voor de Begindatum ({begin}).",
            )
        elif dagtekening is not None and end > dagtekening:
            yield message.issue(
                "TR137",
                table.child(index, "ProductPeriode"),
                f"Einddatum van de ProductPeriode ({end}) ligt na de dagtekening van het bericht "
                f"({dagtekening}); "
                "er mag niet vooruit gedeclareerd worden.",
            )


@rule("TR335", "JW323")
def tr335_product_period_not_older_than_five_years(message: Message) -> Iterator[Issue]:
    """TR335: Einddatum of a ProductPeriode is not more than 5 years before the DeclaratieDagtekening."""
    dagtekening = to_date(message.text(_declaratie(message), "DeclaratieDagtekening"))
    if dagtekening is None:
        return
    limit = years_before(dagtekening, 5)
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[END] is not None and row[END] < limit:
            yield message.issue(
                "TR335",
                table.child(index, "ProductPeriode"),
                f"Einddatum van de ProductPeriode ({row[END]}) ligt meer dan 5 jaar voor de "
                f"DeclaratieDagtekening ({dagtekening}).",
            )


@rule("TR319", "JW323")
def tr319_product_period_not_after_declaratie_period(message: Message) -> Iterator[Issue]:
    """TR319 (in-message part): a ProductPeriode lies in the current or an earlier DeclaratiePeriode."""
    end = to_date(message.text(_declaratie(message), "DeclaratiePeriode", "Einddatum"))
    if end is None:
        return
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[END] is not None and row[END] > end:
            yield message.issue(
                "TR319",
                table.child(index, "ProductPeriode"),
                f"De ProductPeriode (t/m {row[END]}) valt na de DeclaratiePeriode (t/m {end}); "
                "een declaratie bevat alleen prestaties uit de huidige of een eerdere declaratieperiode.",
            )


@rule("CS100", "JW323")
def cs100_periods_from_2021(message: Message) -> Iterator[Issue]:
    """CS100: DeclaratiePeriode and ProductPeriode start on or after 1 January 2021."""
    periode = message.find(_declaratie(message), "DeclaratiePeriode")
    begin = to_date(message.text(periode, "Begindatum"))
    if begin is not None and begin < FIRST_DAY:
        yield message.issue(
            "CS100", periode, f"DeclaratiePeriode begint op {begin}; dat moet op of na 1 januari 2021 zijn."
        )
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        if row[BEGIN] is not None and row[BEGIN] < FIRST_DAY:
            yield message.issue(
                "CS100",
                table.child(index, "ProductPeriode"),
                f"ProductPeriode begint op {row[BEGIN]}; dat moet op of na 1 januari 2021 zijn.",
            )


@rule("CS337", "JW323")
def cs337_product_period_within_one_month(message: Message) -> Iterator[Issue]:
    """CS337: Einddatum of a ProductPeriode falls in the same calendar month and year as its Begindatum."""
    table = prestaties(message)
    for index, row in enumerate(table.rows):
        begin, end = row[BEGIN], row[END]
        if begin is not None and end is not None and (begin.year, begin.month) != (end.year, end.month):
            yield message.issue(
                "CS337",
                table.child(index, "ProductPeriode"),
                f"ProductPeriode {begin} t/m {end} loopt over een maandgrens; begin en einde moeten in "
                "dezelfde kalendermaand liggen.",
            )


@rule("CS340", "JW323")
def cs340_declaratie_period_is_one_month(message: Message) -> Iterator[Issue]:
    """CS340: the DeclaratiePeriode is exactly one whole calendar month."""
    periode = message.find(_declaratie(message), "DeclaratiePeriode")
    begin = to_date(message.text(periode, "Begindatum"))
    end = to_date(message.text(periode, "Einddatum"))
    if begin is None or end is None:
        return
    following = dt.date(begin.year + begin.month // 12, begin.month % 12 + 1, 1)
    if begin.day != 1 or end != following - dt.timedelta(days=1):
        yield message.issue(
            "CS340",
            periode,
            f"DeclaratiePeriode {begin} t/m {end} is geen hele kalendermaand.",
        )


@rule("CS319", "JW323")
def cs319_declaratienummer_alphanumeric(message: Message) -> Iterator[Issue]:
    """CS319: DeclaratieNummer is one unbroken run of digits and/or letters."""
    element = message.find(_declaratie(message), "DeclaratieNummer")
    value = element.text if element is not None else None
    if value is not None and not (value.isascii() and value.isalnum()):
        yield message.issue(
            "CS319",
            element,
            f"DeclaratieNummer '{value}' mag alleen aaneengesloten cijfers en/of letters bevatten.",
        )


# -- JW325 ---------------------------------------------------------------------------


def _codes(message: Message, element) -> set[str]:
    codes = message.find(element, "RetourCodes")
    if codes is None:
        return set()
    return {(code.text or "").strip() for code in elements(codes)}


@rule("TR342", "JW325")
def tr342_answer_explains_difference(message: Message) -> Iterator[Issue]:
    """TR342: only rejected prestaties are sent back, and they explain the difference between the totals."""
    answer = message.find(message.root, "DeclaratieAntwoord")
    if answer is None:
        return
    submitted = message.find(answer, "TotaalIngediendBedrag")
    granted = message.find(answer, "TotaalToegekendBedrag")
    submitted_total = signed(
        to_int(message.text(submitted, "TotaalBedrag")), message.text(submitted, "DebetCredit")
    )
    granted_total = signed(
        to_int(message.text(granted, "TotaalBedrag")), message.text(granted, "DebetCredit")
    )
    if _codes(message, answer) - NOT_REJECTING:
        # The whole declaration was rejected: nothing was judged, so nothing was granted.
        if granted_total != 0:
            yield message.issue(
                "TR342",
                granted,
                "De declaratie is als geheel afgekeurd, dus TotaalToegekendBedrag moet 0 zijn.",
            )
        return
    table = prestaties(message)
    rejected_sum = sum(signed(row[BEDRAG], row[DC]) for row in table.rows)
    if rejected_sum != submitted_total - granted_total:
        yield message.issue(
            "TR342",
            answer,
            f"De som van de afgewezen prestaties ({_euro(rejected_sum)}) is niet gelijk aan "
            f"TotaalIngediendBedrag min TotaalToegekendBedrag ({_euro(submitted_total - granted_total)}).",
        )
    for client in message.iter("DeclaratieAntwoord", "Clienten", "Client"):
        client_rejected = bool(_codes(message, client) - NOT_REJECTING)
        for prestatie in elements(message.find(client, "Prestaties")):
            if not client_rejected and not (_codes(message, prestatie) - NOT_REJECTING):
                yield message.issue(
                    "TR342",
                    prestatie,
                    "Deze prestatie is niet afgewezen; alleen afgewezen prestaties horen in het "
                    "declaratie-antwoordbericht.",
                )
