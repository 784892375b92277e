"""Rules for the declaration (JW323) and the declaration answer (JW325).

A JW323 can hold hundreds of thousands of prestaties, so they are read once per
validation into columns of plain values (:class:`Prestaties`, shared by every rule
through :func:`prestaties`); every rule then loops over the columns. Elements are looked
up again only for rows that fail, to compute their location.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain, repeat

from jeugdketen.ijw.report import Issue

from .engine import BASE_NS, Message, elements, rule, to_date, to_int, years_before

#: The first valid date of ProductPeriode and DeclaratiePeriode (CS100).
FIRST_DAY = dt.date(2021, 1, 1)

#: Retourcodes that do not reject: "geen opmerking", "niet beoordeeld", "volledig toegewezen".
NOT_REJECTING = frozenset({"0200", "0233", "8001"})

#: The leaves every Prestatie of JW323 and JW325 holds exactly once, in document order:
#: column name, namespace ("m" the message's, "b" the basisschema) and local name.
MANDATORY = (
    ("ref", "b", "ReferentieNummer"),
    ("toewijzing", "m", "ToewijzingNummer"),
    ("categorie", "m", "ProductCategorie"),
    ("code", "m", "ProductCode"),
    ("begin", "b", "Begindatum"),
    ("end", "b", "Einddatum"),
    ("volume", "m", "GeleverdVolume"),
    ("eenheid", "m", "Eenheid"),
    ("bedrag", "b", "Bedrag"),
    ("dc", "b", "DebetCredit"),
)
#: The optional leaves: column name, namespace, local name, and the parent that holds it.
OPTIONAL = (
    ("vorig", "b", "VorigReferentieNummer", "ProductReferentie"),
    ("tarief", "m", "ProductTarief", "Prestatie"),
)
#: Children of a ProductReferentie and a Prestatie without their optional leaf.
_BASE_CHILDREN = {
    ("JW323", "ProductReferentie"): 1,
    ("JW325", "ProductReferentie"): 1,
    ("JW323", "Prestatie"): 8,
    ("JW325", "Prestatie"): 9,  # RetourCodes
}
COLUMNS = ("bsn", *(name for name, *_ in MANDATORY), *(name for name, *_ in OPTIONAL))


class Prestaties:
    """The prestaties of a JW323 or JW325 as columns (one list per field), in document order.

    Texts are as in the message; ``begin`` and ``end`` are dates, ``volume``, ``tarief`` and
    ``bedrag`` integers (``None`` when absent or unreadable). ``bsn`` is the Bsn of the row's
    Client; ``client_bsns`` holds the stripped Bsn of every Client.
    """

    bsn: list[str | None]
    ref: list[str | None]
    vorig: list[str | None]
    toewijzing: list[str | None]
    categorie: list[str | None]
    code: list[str | None]
    begin: list[dt.date | None]
    end: list[dt.date | None]
    volume: list[int | None]
    eenheid: list[str | None]
    tarief: list[int | None]
    bedrag: list[int | None]
    dc: list[str | None]

    def __init__(self, message: Message) -> None:
        self.message = message
        texts = read_by_position(message)
        if texts is None:
            texts = read_by_tag(message)
        columns, client_bsns = texts
        for name in COLUMNS:
            setattr(self, name, columns[name])
        #: Begindatum and Einddatum as written, for keys: when ``iso_dates`` (every one is the
        #: ISO form of its date) equal texts are equal dates, and the other way round
        self.begin_text: list[str | None] = self.begin  # type: ignore[assignment]
        self.end_text: list[str | None] = self.end  # type: ignore[assignment]
        self.iso_dates = iso_only(self.begin_text) and iso_only(self.end_text)
        self.begin = as_dates(self.begin_text)
        self.end = as_dates(self.end_text)
        self.volume = as_ints(self.volume)
        self.tarief = as_ints(self.tarief)
        self.bedrag = as_ints(self.bedrag)
        #: the Bsn of every Client in document order (a Client always holds a Prestatie)
        self.client_bsns = [bsn.strip() if bsn else bsn for bsn in client_bsns]
        #: every ReferentieNummer in the message
        self.references = set(self.ref)
        self._elements: list | None = None
        self._clients: list | None = None

    def __len__(self) -> int:
        return len(self.ref)

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


def _clark(message: Message, namespace: str, name: str) -> str:
    return "{" + (message.ns if namespace == "m" else BASE_NS) + "}" + name


def _clienten(message: Message):
    parent = _declaratie(message)
    if parent is None:
        parent = message.find(message.root, "DeclaratieAntwoord")
    return None if parent is None else message.find(parent, "Clienten")


def read_by_position(message: Message) -> tuple[dict[str, list], list] | None:
    """The column texts, read without asking any element its tag; ``None`` when the shape is unexpected.

    Asking lxml for ``element.tag`` builds a new ``{namespace}name`` string each time,
    which for two million elements costs more than everything else together. A
    structurally valid message does not need it: one ``iter`` over the ten leaves every
    Prestatie has exactly once yields them in a fixed order, so column ``i`` is every tenth
    text from ``i``. Bsn and Prestaties alternate per Client, and ``len(Prestaties)`` says
    how many rows a Client has. An optional leaf present in every row or in none needs no
    more; otherwise the child count of its parent says which rows have it. Every count is
    checked, so a message of another shape (comments, or not structurally valid) is read
    by :func:`read_by_tag` instead, with the same result.
    """
    clienten = _clienten(message)
    if clienten is None:
        return None
    # Bsn and Prestaties are children of each Client: asking every Client for them is far
    # cheaper than another walk over the two million elements below.
    bsn_tag, prestaties_tag = _clark(message, "m", "Bsn"), _clark(message, "m", "Prestaties")
    client_bsns, counts = [], []
    for client in clienten:
        bsn, lines = client.find(bsn_tag), client.find(prestaties_tag)
        if bsn is None or lines is None:
            return None
        client_bsns.append(bsn.text)
        counts.append(len(lines))
    rows = sum(counts)
    mandatory = [_clark(message, ns, n) for _, ns, n in MANDATORY]
    # ProductTarief, when present, stands between Eenheid and IngediendBedrag. Walking for it
    # together with the mandatory leaves saves a walk when every row has it: in a
    # structurally valid message a Prestatie holds at most one, so ``rows`` of them means
    # one in every row. Otherwise the mandatory leaves are walked again on their own.
    tarief_at = 1 + [name for name, *_ in MANDATORY].index("eenheid")
    layout = [*MANDATORY[:tarief_at], ("tarief", "m", "ProductTarief"), *MANDATORY[tarief_at:]]
    texts = [element.text for element in clienten.iter(*mandatory, _clark(message, "m", "ProductTarief"))]
    known: dict[str, list] = {}
    if len(texts) == rows * len(layout):
        known["tarief"] = texts[tarief_at :: len(layout)]
        width = len(layout)
        names = [name for name, *_ in layout]
    else:
        texts = [element.text for element in clienten.iter(*mandatory)]
        width = len(MANDATORY)
        names = [name for name, *_ in MANDATORY]
    if len(texts) != rows * width:
        return None
    columns = {name: texts[index::width] for index, name in enumerate(names) if name not in known}
    columns.update(known)
    columns["bsn"] = list(chain.from_iterable(map(repeat, client_bsns, counts)))
    for name, ns, local, parent in OPTIONAL:
        if name in known:
            continue
        values = [element.text for element in clienten.iter(_clark(message, ns, local))]
        if not values:
            columns[name] = [None] * rows
        elif len(values) == rows:
            columns[name] = values
        else:
            base = _BASE_CHILDREN.get((message.code, parent))
            sizes = [len(element) for element in clienten.iter(_clark(message, "m", parent))]
            if (
                base is None
                or len(sizes) != rows
                or sizes.count(base + 1) != len(values)
                or sizes.count(base) != rows - len(values)
            ):
                return None
            found = iter(values)
            columns[name] = [next(found) if size > base else None for size in sizes]
    return columns, client_bsns


def read_by_tag(message: Message) -> tuple[dict[str, list], list]:
    """The column texts, read by the tag of every leaf of interest: for any shape, but slower."""
    leaves = (*MANDATORY, *OPTIONAL)
    tags = (_clark(message, "m", "Bsn"), *(_clark(message, ns, local) for _, ns, local, *_ in leaves))
    position = {tag: index for index, tag in enumerate(tags)}
    rows: list[list[str | None]] = []
    client_bsns: list[str | None] = []
    row: list[str | None] | None = None
    bsn = None
    # ReferentieNummer is the first leaf of every Prestatie, Bsn the first of every Client.
    # Leaves before the first prestatie (DeclaratiePeriode, totals) are skipped.
    for element in message.root.iter(*tags):
        index = position[element.tag]
        if index == 1:  # ReferentieNummer
            row = [None] * len(tags)
            row[0], row[1] = bsn, element.text
            rows.append(row)
        elif index == 0:  # Bsn
            bsn = element.text
            client_bsns.append(bsn)
            row = None
        elif row is not None:
            row[index] = element.text
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in tags]
    return dict(zip(COLUMNS, columns, strict=True)), client_bsns


def as_dates(texts: list[str | None]) -> list[dt.date | None]:
    """Dates of ISO texts; a declaration repeats a few dates many times, so each is read once."""
    dates = {text: to_date(text) for text in set(texts)}
    return list(map(dates.__getitem__, texts))


def iso_only(texts: list[str | None]) -> bool:
    """Whether every text is the ISO form of a readable date."""
    for text in set(texts):
        day = to_date(text)
        if day is None or day.isoformat() != text:
            return False
    return True


def as_ints(texts: list[str | None]) -> list[int | None]:
    try:
        return list(map(int, texts))
    except (TypeError, ValueError):  # an absent or unreadable value: the same, value by value
        return list(map(to_int, texts))


def prestaties(message: Message) -> Prestaties:
    """The prestaties of the message, read on the first call and shared by every rule."""
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


#: Joins key fields: XML 1.0 text cannot hold this control character.
_SEPARATOR = "\x1f"


def row_keys(*columns: list) -> list:
    """One key per row, equal exactly when the rows are equal in every column.

    When every value is a string the key is one joined string, otherwise a tuple. Strings
    are not tracked by the cyclic garbage collector; 100,000 new tuples set it off more than
    a hundred times, which costs more than building them.
    """
    try:
        return list(map(_SEPARATOR.join, zip(*columns, strict=True)))
    except TypeError:  # a None or a date
        return list(zip(*columns, strict=True))


def duplicate_groups(keys: Iterable) -> list[list[int]]:
    """Positions of the keys that occur more than once, grouped per key in order of first occurrence.

    A key of ``None`` takes no part. A set decides whether there are any; only then one
    dict lookup per key finds them, and a second pass gathers the groups.
    """
    keys = list(keys)
    distinct = set(keys)
    if len(distinct) == len(keys) or (
        None in distinct and len(distinct) - 1 == len(keys) - keys.count(None)
    ):  # the usual case, decided in C
        return []
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
    if len(table.references) == len(table):  # unique ReferentieNummers: unique keys
        return
    for group in duplicate_groups(row_keys(table.bsn, table.ref)):
        reference = table.ref[group[0]]
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
    if len(table.references) == len(table):
        return
    for group in duplicate_groups(table.ref):
        if len({table.bsn[i] for i in group}) > 1:
            yield message.issue(
                "TR314",
                [table.element(i) for i in group],
                f"ReferentieNummer {table.ref[group[0]]} is gebruikt voor prestaties van verschillende "
                "cliënten; een ReferentieNummer moet uniek zijn voor de aanbieder.",
            )


# -- JW323: references, debit and credit ---------------------------------------------


@rule("TR315", "JW323")
def tr315_previous_reference_unique(message: Message) -> Iterator[Issue]:
    """TR315: VorigReferentieNummer of a Prestatie is unique within the message."""
    table = prestaties(message)
    for group in duplicate_groups(table.vorig):
        yield message.issue(
            "TR315",
            [table.child(i, "ProductReferentie") for i in group],
            f"VorigReferentieNummer {table.vorig[group[0]]} komt {len(group)} keer voor; "
            "een prestatie mag maar één keer gecrediteerd worden.",
        )


@rule("TR316", "JW323")
def tr316_no_credit_of_debit_in_same_message(message: Message) -> Iterator[Issue]:
    """TR316: debit lines are not credited in the same message (no VorigReferentieNummer of a line here)."""
    table = prestaties(message)
    credited = table.references.intersection(table.vorig)
    credited.discard(None)
    if not credited:
        return
    for index, vorig in enumerate(table.vorig):
        if vorig in credited:
            yield message.issue(
                "TR316",
                table.child(index, "ProductReferentie"),
                f"VorigReferentieNummer {vorig} verwijst naar een prestatie in hetzelfde bericht; "
                "een debetregel mag niet in hetzelfde bericht gecrediteerd worden.",
            )


@rule("TR416", "JW323")
def tr416_one_debit_per_period_and_product(message: Message) -> Iterator[Issue]:
    """TR416: one debit Prestatie per ProductPeriode, ProductCategorie, ProductCode and ToewijzingNummer."""
    table = prestaties(message)
    begin, end = (table.begin_text, table.end_text) if table.iso_dates else (table.begin, table.end)
    keys: Iterable = row_keys(table.bsn, table.toewijzing, table.categorie, table.code, begin, end)
    if table.dc.count("D") != len(table):  # only debit lines take part
        keys = (key if dc == "D" else None for key, dc in zip(keys, table.dc, strict=True))
    for group in duplicate_groups(keys):
        first = group[0]
        yield message.issue(
            "TR416",
            [table.element(i) for i in group],
            f"Er zijn {len(group)} debetprestaties voor toewijzing {table.toewijzing[first]}, "
            f"product {table.code[first]} en periode {table.begin[first]} t/m {table.end[first]}; "
            "per periode en product mag er maar één debetprestatie zijn.",
        )


@rule("CD060", "JW323", "JW325")
def cd060_previous_reference_only_for_credit(message: Message) -> Iterator[Issue]:
    """CD060: VorigReferentieNummer is filled if and only if the IngediendBedrag is credit (C)."""
    table = prestaties(message)
    for index, (dc, vorig) in enumerate(zip(table.dc, table.vorig, strict=True)):
        credit = dc == "C"
        if credit and vorig is None:
            yield message.issue(
                "CD060",
                table.child(index, "ProductReferentie"),
                "VorigReferentieNummer ontbreekt; bij een creditprestatie is het verplicht "
                "(het ReferentieNummer van de gecrediteerde debetprestatie).",
            )
        elif not credit and vorig is not None:
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
    for index, (eenheid, tarief) in enumerate(zip(table.eenheid, table.tarief, strict=True)):
        euros = eenheid == "83"
        if not euros and tarief is None:
            yield message.issue(
                "CD087",
                table.element(index),
                f"ProductTarief ontbreekt; het is verplicht als Eenheid niet 83 (euro's) is "
                f"(Eenheid {eenheid}).",
            )
        elif euros and tarief is not None:
            yield message.issue(
                "CD087",
                table.child(index, "ProductTarief"),
                "ProductTarief is gevuld terwijl Eenheid 83 (euro's) is; dan moet het leeg blijven.",
            )


@rule("CS339", "JW323")
def cs339_euro_amount_equals_volume(message: Message) -> Iterator[Issue]:
    """CS339: with Eenheid 83 (euro's) the IngediendBedrag equals GeleverdVolume."""
    table = prestaties(message)
    for index, (eenheid, bedrag, volume) in enumerate(
        zip(table.eenheid, table.bedrag, table.volume, strict=True)
    ):
        if eenheid == "83" and bedrag != volume:
            yield message.issue(
                "CS339",
                table.child(index, "IngediendBedrag"),
                f"IngediendBedrag {bedrag} is niet gelijk aan GeleverdVolume {volume}, "
                "terwijl de Eenheid 83 (euro's) is.",
            )


@rule("CS325", "JW323", "JW325")
def cs325_zero_amount_is_debit(message: Message) -> Iterator[Issue]:
    """CS325: an amount (or total) of 0 carries DebetCredit D."""
    table = prestaties(message)
    for index, (bedrag, dc) in enumerate(zip(table.bedrag, table.dc, strict=True)):
        if bedrag == 0 and dc != "D":
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
    table = prestaties(message)
    summed = sum(map(signed, table.bedrag, table.dc))
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
    for index, begin in enumerate(table.begin):
        if begin is not None and begin > dagtekening:
            yield message.issue(
                "TR134",
                table.child(index, "ProductPeriode"),
                f"Begindatum van de ProductPeriode ({begin}) ligt na de dagtekening van het bericht "
                f"({dagtekening}).",
            )


@rule("TR137", "JW323", "JW325")
def tr137_product_period_end_in_range(message: Message) -> Iterator[Issue]:
    """TR137: Einddatum of a ProductPeriode is on or after its Begindatum and not after the Dagtekening."""
    dagtekening = message.dagtekening
    table = prestaties(message)
    for index, (begin, end) in enumerate(zip(table.begin, table.end, strict=True)):
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
    for index, end in enumerate(table.end):
        if end is not None and end < limit:
            yield message.issue(
                "TR335",
                table.child(index, "ProductPeriode"),
                f"Einddatum van de ProductPeriode ({end}) ligt meer dan 5 jaar voor de "
                f"DeclaratieDagtekening ({dagtekening}).",
            )


@rule("TR319", "JW323")
def tr319_product_period_not_after_declaratie_period(message: Message) -> Iterator[Issue]:
    """TR319 (in-message part): a ProductPeriode lies in the current or an earlier DeclaratiePeriode."""
    end = to_date(message.text(_declaratie(message), "DeclaratiePeriode", "Einddatum"))
    if end is None:
        return
    table = prestaties(message)
    for index, product_end in enumerate(table.end):
        if product_end is not None and product_end > end:
            yield message.issue(
                "TR319",
                table.child(index, "ProductPeriode"),
                f"De ProductPeriode (t/m {product_end}) valt na de DeclaratiePeriode (t/m {end}); "
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
    for index, product_begin in enumerate(table.begin):
        if product_begin is not None and product_begin < FIRST_DAY:
            yield message.issue(
                "CS100",
                table.child(index, "ProductPeriode"),
                f"ProductPeriode begint op {product_begin}; dat moet op of na 1 januari 2021 zijn.",
            )


@rule("CS337", "JW323")
def cs337_product_period_within_one_month(message: Message) -> Iterator[Issue]:
    """CS337: Einddatum of a ProductPeriode falls in the same calendar month and year as its Begindatum."""
    table = prestaties(message)
    for index, (begin, end) in enumerate(zip(table.begin, table.end, strict=True)):
        if begin is not None and end is not None and (begin.month != end.month or begin.year != end.year):
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
    rejected_sum = sum(map(signed, table.bedrag, table.dc))
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
