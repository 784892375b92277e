"""Rules for the declaration (JW323) and the declaration answer (JW325).

A JW323 can hold hundreds of thousands of prestaties, so they are read once per
validation into columns of plain values (:class:`Prestaties`, shared by every rule
through :func:`prestaties`); every rule then loops over the columns. Elements are looked
up again only for rows that fail, to compute their location.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from itertools import chain, repeat

from jeugdketen.ijw.report import Issue, local_name

from .engine import BASE_NS, Message, digits, elements, rule, to_date, to_int, years_before

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
        #: the position (0-based) of the row's Client: rows of one Client are siblings
        self.client_index: list[int] = columns["client"]
        #: Begindatum and Einddatum as written, for keys: when ``iso_dates`` (every one is the
        #: ISO form of its date) equal texts are equal dates, and the other way round
        self.begin_text: list[str | None] = self.begin  # type: ignore[assignment]
        self.end_text: list[str | None] = self.end  # type: ignore[assignment]
        self.iso_dates = iso_only(self.begin_text) and iso_only(self.end_text)
        self.begin = as_dates(self.begin_text)
        self.end = as_dates(self.end_text)
        self.volume = as_ints(self.volume)
        self.tarief_text: list[str | None] = self.tarief  # type: ignore[assignment]
        self.tarief = as_ints(self.tarief)
        self.bedrag = as_ints(self.bedrag)
        #: the Bsn of every Client in document order (a Client always holds a Prestatie)
        self.client_bsns = [bsn.strip() if bsn else bsn for bsn in client_bsns]
        #: the same as written, the key by which the official stylesheet finds a repeated Client
        self.raw_client_bsns = client_bsns
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
    columns["client"] = list(chain.from_iterable(map(repeat, range(len(counts)), counts)))
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
    client_of_row: list[int] = []
    bsn = None
    # ReferentieNummer is the first leaf of every Prestatie, Bsn the first of every Client.
    # Leaves before the first prestatie (DeclaratiePeriode, totals) are skipped.
    for element in message.root.iter(*tags):
        index = position[element.tag]
        if index == 1:  # ReferentieNummer
            row = [None] * len(tags)
            row[0], row[1] = bsn, element.text
            rows.append(row)
            client_of_row.append(len(client_bsns) - 1)
        elif index == 0:  # Bsn
            bsn = element.text
            client_bsns.append(bsn)
            row = None
        elif row is not None:
            row[index] = element.text
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in tags]
    result = dict(zip(COLUMNS, columns, strict=True))
    result["client"] = client_of_row
    return result, client_bsns


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
    """TR101: no duplicate lines; a Client (key Bsn, as written) occurs once per declaration."""
    table = prestaties(message)
    for group in duplicate_groups(table.raw_client_bsns):
        yield message.issue(
            "TR101",
            [table.client(i) for i in group],
            f"Dezelfde cliënt komt {len(group)} keer voor in het bericht; "
            "groepeer alle prestaties van een cliënt onder één Client.",
        )


@rule("TR101", "JW323", "JW325")
def tr101_no_duplicate_prestaties(message: Message) -> Iterator[Issue]:
    """TR101: no duplicate lines; within one Client a Prestatie (key ReferentieNummer and
    VorigReferentieNummer) occurs once."""
    table = prestaties(message)
    if len(table.references) == len(table):  # unique ReferentieNummers: unique keys
        return
    keys = row_keys(table.bsn, table.ref, table.vorig)
    for group in (part for rows in duplicate_groups(keys) for part in by_client(table, rows)):
        reference = table.ref[group[0]]
        yield message.issue(
            "TR101",
            [table.element(i) for i in group],
            f"Prestatie met ReferentieNummer {reference} komt {len(group)} keer voor bij dezelfde cliënt; "
            "dubbele regels zijn niet toegestaan.",
        )


# -- JW323: references, debit and credit ---------------------------------------------


def by_client(table: Prestaties, group: list[int]) -> list[list[int]]:
    """A group of rows split by the Client they stand under; only parts of two or more rows."""
    parts: dict[int, list[int]] = {}
    for index in group:
        parts.setdefault(table.client_index[index], []).append(index)
    return [part for part in parts.values() if len(part) > 1]


def _pairs(group: list[int]) -> Iterator[tuple[int, int]]:
    """Every (earlier, later) pair of a group of rows, as the official stylesheet reports them."""
    for later_position, later in enumerate(group):
        for earlier in group[:later_position]:
            yield earlier, later


def _reference(table: Prestaties, index: int, name: str):
    return table.message.find(table.child(index, "ProductReferentie"), name)


@rule("TR315", "JW323")
def tr315_previous_reference_unique(message: Message) -> Iterator[Issue]:
    """TR315: VorigReferentieNummer of a Prestatie is unique within the message (each repeat named
    with every earlier one)."""
    table = prestaties(message)
    for group in duplicate_groups(table.vorig):
        for earlier, later in _pairs(group):
            yield message.issue(
                "TR315",
                [
                    _reference(table, earlier, "VorigReferentieNummer"),
                    _reference(table, later, "VorigReferentieNummer"),
                ],
                f"VorigReferentieNummer {table.vorig[later]} komt meer dan eens voor; "
                "een prestatie mag maar één keer gecrediteerd worden.",
            )


def normalise(text: str | None) -> str:
    """XPath's normalize-space: surrounding whitespace dropped, inner runs made one space."""
    return " ".join(text.split()) if text else ""


_SPACE = re.compile(r"\s")


def _normalised(texts: list[str | None]) -> list[str | None]:
    """The texts as normalize-space leaves them (absent stays ``None``); the list itself when
    no text has whitespace, which one search over the joined texts decides."""
    present = [text for text in texts if text is not None]
    if not _SPACE.search(_SEPARATOR.join(present)) and "" not in present:
        return texts
    return [None if text is None else normalise(text) for text in texts]


def _blank(texts: set) -> bool:
    """Whether any of the texts is empty or whitespace only."""
    return None in texts or "" in map(str.strip, texts)


@rule("TR316", "JW323")
def tr316_no_credit_of_debit_in_same_message(message: Message) -> Iterator[Issue]:
    """TR316: debit lines are not credited in the same message.

    As the official stylesheet decides it: a VorigReferentieNummer equals the ReferentieNummer
    of an earlier prestatie, a ReferentieNummer equals an earlier VorigReferentieNummer, or a
    prestatie's own two numbers are equal (an absent one counting as empty).
    """
    table = prestaties(message)
    text = "Een debetregel mag niet in hetzelfde bericht gecrediteerd worden."
    refs, vorigs = table.ref, table.vorig
    if vorigs.count(None) == len(vorigs) and not _blank(table.references):
        return  # no credits, and no ReferentieNummer that equals an absent VorigReferentieNummer
    plain_refs, plain_vorigs = _normalised(refs), _normalised(vorigs)
    credit_rows = (
        [] if vorigs.count(None) == len(vorigs) else [i for i, v in enumerate(vorigs) if v is not None]
    )
    own = [i for i in credit_rows if plain_refs[i] == plain_vorigs[i]]
    if None in refs or "" in plain_refs:  # an empty ReferentieNummer equals an absent VorigReferentieNummer
        own += [i for i, ref in enumerate(plain_refs) if not ref and not plain_vorigs[i]]
    credited = {plain_vorigs[i] for i in credit_rows} & set(refs)
    recredited = set(vorigs) & (table.references if plain_refs is refs else set(plain_refs))
    recredited.discard(None)
    refs_at: dict = {}
    vorigs_at: dict = {}
    for index in range(len(refs)) if credited or recredited else ():
        if refs[index] in credited:
            refs_at.setdefault(refs[index], []).append(index)
        if vorigs[index] in recredited:
            vorigs_at.setdefault(vorigs[index], []).append(index)
    findings: list[tuple[int, list]] = []
    for value, later_rows in ((v, [i for i in credit_rows if plain_vorigs[i] == v]) for v in credited):
        for index in later_rows:
            for earlier in refs_at[value]:
                if earlier < index:
                    findings.append(
                        (
                            index,
                            [
                                _reference(table, earlier, "ReferentieNummer"),
                                _reference(table, index, "VorigReferentieNummer"),
                            ],
                        )
                    )
    for value in recredited:
        later_rows = [i for i, ref in enumerate(plain_refs) if ref == value]
        for index in later_rows:
            for earlier in vorigs_at[value]:
                if earlier < index:
                    findings.append(
                        (
                            index,
                            [
                                _reference(table, earlier, "VorigReferentieNummer"),
                                _reference(table, index, "ReferentieNummer"),
                            ],
                        )
                    )
    for index in own:
        findings.append(
            (
                index,
                [
                    _reference(table, index, "ReferentieNummer"),
                    _reference(table, index, "VorigReferentieNummer"),
                ],
            )
        )
    for _, where in sorted(findings, key=lambda finding: finding[0]):
        yield message.issue("TR316", where, text)


@rule("TR416", "JW323")
def tr416_one_debit_per_period_and_product(message: Message) -> Iterator[Issue]:
    """TR416: within one Client, one debit Prestatie per ProductPeriode, ProductCategorie, ProductCode
    and ToewijzingNummer; each repeat is named with every earlier one."""
    table = prestaties(message)
    # Keyed by the client's Bsn first (plain strings, fast); a group is then split by the
    # client's position, since only siblings under one Client count.
    keys: Iterable = row_keys(
        table.bsn, table.toewijzing, table.categorie, table.code, table.begin_text, table.end_text
    )
    if table.dc.count("D") != len(table) or None in table.code:  # only complete debit lines take part
        keys = [
            key if dc == "D" and code is not None else None
            for key, dc, code in zip(keys, table.dc, table.code, strict=True)
        ]
    for group in (part for rows in duplicate_groups(keys) for part in by_client(table, rows)):
        first = group[0]
        for earlier, later in _pairs(group):
            yield message.issue(
                "TR416",
                [table.element(earlier), table.element(later)],
                f"Er zijn meer debetprestaties voor toewijzing {table.toewijzing[first]}, "
                f"product {table.code[first]} en periode {table.begin[first]} t/m {table.end[first]}; "
                "per periode en product mag er maar één debetprestatie zijn.",
            )


@rule("CD060", "JW323", "JW325")
def cd060_previous_reference_only_for_credit(message: Message) -> Iterator[Issue]:
    """CD060: VorigReferentieNummer is filled if and only if the IngediendBedrag is credit (C)."""
    table = prestaties(message)
    for index, (dc, vorig) in enumerate(zip(table.dc, table.vorig, strict=True)):
        credit = dc == "C"
        if credit == bool(vorig and vorig.strip()):
            continue
        where = [
            message.find(table.child(index, "IngediendBedrag"), "DebetCredit"),
            _reference(table, index, "VorigReferentieNummer"),
        ]
        if credit:
            yield message.issue(
                "CD060",
                where,
                "VorigReferentieNummer ontbreekt; bij een creditprestatie is het verplicht "
                "(het ReferentieNummer van de gecrediteerde debetprestatie).",
            )
        else:
            yield message.issue(
                "CD060",
                where,
                "VorigReferentieNummer is gevuld bij een debetprestatie; "
                "het mag alleen bij een creditprestatie.",
            )


# -- JW323: amounts ------------------------------------------------------------------


@rule("CD087", "JW323")
def cd087_tariff_unless_euros(message: Message) -> Iterator[Issue]:
    """CD087: ProductTarief is filled if and only if Eenheid is not 83 (euro's)."""
    table = prestaties(message)
    for index, (eenheid, tarief) in enumerate(zip(table.eenheid, table.tarief_text, strict=True)):
        euros = (eenheid or "").strip() == "83"
        if euros != bool(tarief and tarief.strip()):
            continue
        where = [table.child(index, "Eenheid"), table.child(index, "ProductTarief")]
        if not euros:
            yield message.issue(
                "CD087",
                where,
                "ProductTarief ontbreekt; het is verplicht als Eenheid niet 83 (euro's) is "
                f"(Eenheid {eenheid}).",
            )
        else:
            yield message.issue(
                "CD087",
                where,
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
                [
                    table.child(index, "GeleverdVolume"),
                    message.find(table.child(index, "IngediendBedrag"), "Bedrag"),
                ],
                f"IngediendBedrag {bedrag} is niet gelijk aan GeleverdVolume {volume}, "
                "terwijl de Eenheid 83 (euro's) is.",
            )


#: Amounts with a DebetCredit (CS325), by local name: the child that holds the amount.
AMOUNTS = {
    "DeclaratieFactuurTotaalBedrag": "TotaalBedrag",
    "BtwTotaalBedrag": "TotaalBedrag",
    "BerekendBedrag": "Bedrag",
    "BtwBedrag": "Bedrag",
    "DeclaratieFactuurBedrag": "Bedrag",
    "IngediendTotaalBedrag": "TotaalBedrag",
    "ToegekendTotaalBedrag": "TotaalBedrag",
    "GemeenteBerekendBedrag": "Bedrag",
    "ToegekendBedrag": "Bedrag",
    "TotaalIngediendBedrag": "TotaalBedrag",
    "TotaalToegekendBedrag": "TotaalBedrag",
}


@rule("CS325", "JW323", "JW325")
def cs325_zero_amount_is_debit(message: Message) -> Iterator[Issue]:
    """CS325: an amount (or total) of 0 does not carry DebetCredit C."""
    text = "Bedrag is 0 maar DebetCredit is C; een bedrag van 0 is altijd debet."
    table = prestaties(message)
    for index, (bedrag, dc) in enumerate(zip(table.bedrag, table.dc, strict=True)):
        if bedrag == 0 and (dc or "").strip() in ("C", "c"):
            ingediend = table.child(index, "IngediendBedrag")
            yield message.issue(
                "CS325", [message.find(ingediend, "Bedrag"), message.find(ingediend, "DebetCredit")], text
            )
    parent = _declaratie(message)
    if parent is None:
        parent = message.find(message.root, "DeclaratieAntwoord")
    # Of the amounts the stylesheet checks, JW323 and JW325 hold these totals, directly below.
    totals = (
        [child for child in elements(parent) if local_name(child.tag) in AMOUNTS]
        if parent is not None
        else []
    )
    for total in totals:
        amount = message.find(total, AMOUNTS[local_name(total.tag)])
        dc = message.find(total, "DebetCredit")
        if (
            amount is not None
            and dc is not None
            and to_int(amount.text) == 0
            and message.text(dc) in ("C", "c")
        ):
            yield message.issue("CS325", [amount, dc], text)


@rule("TR358", "JW323")
def tr358_total_equals_sum_of_prestaties(message: Message) -> Iterator[Issue]:
    """TR358: TotaalIngediendBedrag equals the sum of the prestaties' IngediendBedrag, debit minus credit.

    As in the official stylesheet the issue names the total and every IngediendBedrag.
    """
    declaratie = _declaratie(message)
    total_element = message.find(declaratie, "TotaalIngediendBedrag")
    if total_element is None:
        return
    table = prestaties(message)
    summed = sum(map(signed, table.bedrag, table.dc))
    dc = message.find(total_element, "DebetCredit")
    amount = message.find(total_element, "TotaalBedrag")
    written = (amount.text or "").strip() if amount is not None else ""
    expected = {"D": str(summed), "C": str(-summed)}.get(message.text(dc) or "")
    if expected is None or written == expected:
        return
    total = signed(to_int(written), message.text(dc))
    bedragen = list(declaratie.iter(message.m("IngediendBedrag")))
    yield message.issue(
        "TR358",
        [dc, amount, *bedragen],
        f"TotaalIngediendBedrag is {_euro(total)}, maar de som van de prestaties (debet min credit) "
        f"is {_euro(summed)}.",
    )


def _euro(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}€ {cents // 100},{cents % 100:02d}"


# -- JW323 and JW325: dates ----------------------------------------------------------


def _period(table: Prestaties, index: int, name: str):
    return table.message.find(table.child(index, "ProductPeriode"), name)


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
                [_period(table, index, "Begindatum"), message.dagtekening_element],
                f"Begindatum van de ProductPeriode ({begin}) ligt na de dagtekening van het bericht "
                f"({dagtekening}).",
            )


def _tr137(message: Message, begin_element, end_element, begin, end, what: str) -> Iterator[Issue]:
    if begin is not None and end is not None and end < begin:
        yield message.issue(
            "TR137",
            [begin_element, end_element],
            f"Einddatum van de {what} ({end}) ligt voor de Begindatum ({begin}).",
        )
    dagtekening = message.dagtekening
    if dagtekening is not None and end is not None and end > dagtekening:
        yield message.issue(
            "TR137",
            [end_element, message.dagtekening_element],
            f"Einddatum van de {what} ({end}) ligt na de dagtekening van het bericht ({dagtekening}); "
            "er mag niet vooruit gedeclareerd worden.",
        )


@rule("TR137", "JW323", "JW325")
def tr137_period_end_in_range(message: Message) -> Iterator[Issue]:
    """TR137: the Einddatum of a ProductPeriode (and of the DeclaratiePeriode) is on or after its
    Begindatum and not after the Dagtekening."""
    periode = message.find(_declaratie(message), "DeclaratiePeriode") if message.code == "JW323" else None
    if periode is not None:
        begin_element, end_element = message.find(periode, "Begindatum"), message.find(periode, "Einddatum")
        yield from _tr137(
            message,
            begin_element,
            end_element,
            to_date(message.text(begin_element)),
            to_date(message.text(end_element)),
            "DeclaratiePeriode",
        )
    table = prestaties(message)
    dagtekening = message.dagtekening or dt.date.max
    for index, (begin, end) in enumerate(zip(table.begin, table.end, strict=True)):
        if end is not None and (begin is not None and end < begin or end > dagtekening):
            yield from _tr137(
                message,
                _period(table, index, "Begindatum"),
                _period(table, index, "Einddatum"),
                begin,
                end,
                "ProductPeriode",
            )


@rule("TR335", "JW323")
def tr335_product_period_not_older_than_five_years(message: Message) -> Iterator[Issue]:
    """TR335: Einddatum of a ProductPeriode is not more than 5 years before the DeclaratieDagtekening."""
    element = message.find(_declaratie(message), "DeclaratieDagtekening")
    dagtekening = to_date(message.text(element))
    if dagtekening is None:
        return
    limit = years_before(dagtekening, 5)
    table = prestaties(message)
    for index, end in enumerate(table.end):
        if end is not None and end < limit:
            yield message.issue(
                "TR335",
                [_period(table, index, "Einddatum"), element],
                f"Einddatum van de ProductPeriode ({end}) ligt meer dan 5 jaar voor de "
                f"DeclaratieDagtekening ({dagtekening}).",
            )


@rule("TR319", "JW323")
def tr319_product_period_not_after_declaratie_period(message: Message) -> Iterator[Issue]:
    """TR319 (in-message part): a ProductPeriode lies in the current or an earlier DeclaratiePeriode:
    neither its Begindatum nor its Einddatum lies after the Einddatum of the DeclaratiePeriode."""
    element = message.find(_declaratie(message), "DeclaratiePeriode", "Einddatum")
    end = to_date(message.text(element))
    if end is None:
        return
    table = prestaties(message)
    latest = max(filter(None, chain(table.begin, table.end)), default=None)
    if latest is None or latest <= end:
        return
    for index, (product_begin, product_end) in enumerate(zip(table.begin, table.end, strict=True)):
        for name, day in (("Begindatum", product_begin), ("Einddatum", product_end)):
            if day is not None and day > end:
                yield message.issue(
                    "TR319",
                    [_period(table, index, name), element],
                    f"De {name} van de ProductPeriode ({day}) valt na de DeclaratiePeriode (t/m {end}); een "
                    "declaratie bevat alleen prestaties uit de huidige of een eerdere declaratieperiode.",
                )


@rule("CS100", "JW323")
def cs100_periods_from_2021(message: Message) -> Iterator[Issue]:
    """CS100: DeclaratiePeriode and ProductPeriode start on or after 1 January 2021."""
    element = message.find(_declaratie(message), "DeclaratiePeriode", "Begindatum")
    begin = to_date(message.text(element))
    if begin is not None and begin < FIRST_DAY:
        yield message.issue(
            "CS100", element, f"DeclaratiePeriode begint op {begin}; dat moet op of na 1 januari 2021 zijn."
        )
    table = prestaties(message)
    for index, product_begin in enumerate(table.begin):
        if product_begin is not None and product_begin < FIRST_DAY:
            yield message.issue(
                "CS100",
                _period(table, index, "Begindatum"),
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
                [_period(table, index, "Begindatum"), _period(table, index, "Einddatum")],
                f"ProductPeriode {begin} t/m {end} loopt over een maandgrens; begin en einde moeten in "
                "dezelfde kalendermaand liggen.",
            )


def carry(number: int) -> int:
    """A yyyymmdd number whose day or month ran over, carried into the next month and year.

    The official stylesheet adds days and months to dates as numbers (20240131 + 100) and
    then carries the overflow; leap years are those divisible by 4.
    """
    while True:
        day, month, year = number % 100, number // 100 % 100, number // 10000 % 10000
        length = (
            30
            if month in (4, 6, 9, 11)
            else 31
            if month in (1, 3, 5, 7, 8, 10, 12)
            else (29 if year % 4 == 0 else 28)
            if month == 2
            else None
        )
        adjusted = number - length + 100 if length is not None and day > length else number
        if adjusted // 100 % 100 > 12:
            adjusted = adjusted - 1200 + 10000
        if adjusted == number:
            return number
        number = adjusted


@rule("CS340", "JW323")
def cs340_declaratie_period_is_one_month(message: Message) -> Iterator[Issue]:
    """CS340: the DeclaratiePeriode is exactly one whole calendar month: it begins on the first,
    and the day after its Einddatum is one month after its Begindatum."""
    periode = message.find(_declaratie(message), "DeclaratiePeriode")
    begin_element, end_element = message.find(periode, "Begindatum"), message.find(periode, "Einddatum")
    begin_text, end_text = message.text(begin_element) or "", message.text(end_element) or ""
    if begin_text.partition("-")[2].partition("-")[2] != "01":
        yield message.issue(
            "CS340", begin_element, f"DeclaratiePeriode begint op {begin_text}, niet op de eerste."
        )
    begin, end = digits(begin_text), digits(end_text)
    if begin is not None and end is not None and carry(end + 1) != carry(begin + 100):
        yield message.issue(
            "CS340",
            [begin_element, end_element],
            f"DeclaratiePeriode {begin_text} t/m {end_text} is geen hele kalendermaand.",
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

#: Retourcodes of a whole declaration that still let the prestaties be judged one by one (TR342).
JUDGED = frozenset({"0200", "8001"})


@rule("TR342", "JW325")
def tr342_answer_explains_difference(message: Message) -> Iterator[Issue]:
    """TR342: the rejected prestaties explain the difference between the submitted and granted totals;
    when the declaration as a whole is rejected nothing is granted."""
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
    codes = message.find(answer, "RetourCodes")
    whole = [
        code for code in (elements(codes) if codes is not None else ()) if (code.text or "") not in JUDGED
    ]
    if whole:
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
            [granted, submitted],
            f"De som van de afgewezen prestaties ({_euro(rejected_sum)}) is niet gelijk aan "
            f"TotaalIngediendBedrag min TotaalToegekendBedrag ({_euro(submitted_total - granted_total)}).",
        )
