"""Messages of all 14 iJw 3.2 types, drawn by hypothesis and mutated within the official XSD.

A case starts from a base message: a published example (read from the shared material at
test time) or a random but valid message drawn from the schema declarations
(:mod:`tests.ijw.strategies`). Half of the bases are first tidied (every Bsn passes the
eleven test, every total adds up), so that a single mutation can show a single rule. Then
up to five mutations change it, each chosen to keep the message valid against the XSD
where it can:

* ``value``: a leaf gets a new value: a fresh one of its type, the value of another leaf of
  the same name or type (duplicate keys), a date near another date of the message or the
  Dagtekening, a Bsn that passes or fails the eleven test, an amount of 0, a code the rules
  turn on;
* ``remove``: an optional element, or one of several repeated ones, is removed;
* ``duplicate``: a repeating element is copied in place (duplicated Client, Prestatie, ...);
* ``add``: a missing optional element is added, built from its declaration;
* ``swap``: two dates of one element trade places (Begindatum and Einddatum);
* ``tidy``: every Bsn passes the eleven test and every total adds up again.

The declarations say which elements are optional or repeat and which type a leaf has, so
the mutations work alike on every message type.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st
from lxml import etree
from tests.ijw.strategies import models, xml_safe

from jeugdketen.ijw.messages.model import wrapped
from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.schema.types import ComplexType, Element, Message, SimpleType, xsd_regex

CODES = tuple(MESSAGES)

BASE_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

#: Dates the rules turn on: unknown birth date, the end of 2020 (CD080 and friends), 2021.
SPECIAL_DATES = ("1900-01-01", "2020-12-31", "2021-01-01")

#: Day offsets that cross the edges the rules test: equal, one day, a month, a year.
DATE_STEPS = (0, 1, -1, 2, -2, 27, -27, 30, -30, 31, -31, 365, -365, 366, -366)

#: Code values the rules turn on (Eenheid 14/16/83/84, Frequentie 2/4/6, RedenWijziging 01/13,
#: Soort 01-04, verwijzer types, NaamGebruik 6, RedenAfwijzingVerzoek 8, VerzoekAntwoord 1/2,
#: StatusAanlevering, DebetCredit, LandCode NL): drawn more often where a code list has them.
RULE_CODES = frozenset(
    {"01", "02", "03", "04", "05", "06", "13", "14", "16", "83", "84", "1", "2", "3", "4", "6", "8"}
    | {"C", "D", "NL"}
)

#: Year offsets for the rules that count years (TR002: 120, TR335: 5).
YEAR_STEPS = (-120, -5)


@dataclass(eq=False)
class Node:
    """An element of the message with what its declaration says about it."""

    element: etree._Element
    decl: Element | None  # None for the root
    parent: Node | None

    @property
    def type(self):
        return self.decl.type if self.decl is not None else None

    @property
    def name(self) -> str:
        return etree.QName(self.element).localname

    @property
    def simple(self) -> SimpleType | None:
        return self.type if isinstance(self.type, SimpleType) else None


def walk(root: etree._Element, message: Message) -> list[Node]:
    """Every element of a structurally valid message, with its declaration, in document order."""
    nodes: list[Node] = []

    def visit(element, decl, ctype, parent):
        node = Node(element, decl, parent)
        nodes.append(node)
        if isinstance(ctype, ComplexType):
            for child in element.iterchildren(etree.Element):
                child_decl = ctype.child(etree.QName(child).localname)
                visit(child, child_decl, child_decl.type, node)

    visit(root, None, message.root, None)
    return nodes


def complex_type(node: Node, message: Message) -> ComplexType:
    return message.root if node.decl is None else node.type


# -- values ------------------------------------------------------------------------------


@cache
def fresh(simple: SimpleType) -> st.SearchStrategy[str]:
    """A fresh valid text of a simple type."""
    if simple.enumeration is not None:
        strategy = st.sampled_from(sorted(simple.enumeration))
    elif simple.base == "date":
        strategy = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
    elif simple.base == "time":
        strategy = st.times().map(lambda value: value.isoformat(timespec="seconds"))
    elif simple.patterns:
        strategy = st.from_regex(xsd_regex(simple.patterns[-1]), fullmatch=True)
    elif simple.base == "integer":
        high = simple.max_value if simple.max_value is not None else 10**9
        strategy = st.integers(simple.min_value or 0, high).map(str)
    else:
        alphabet = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        strategy = st.text(
            alphabet, min_size=max(simple.min_length or 1, 1), max_size=simple.max_length or 12
        )
    return strategy.filter(lambda text: xml_safe(text) and simple.check(text) is None)


def elfproef_bsn(rng: random.Random, valid: bool = True) -> str:
    """A nine-digit number that passes the eleven test (or, with ``valid=False``, fails it)."""
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits, strict=True))
        last = total % 11  # 9·d1 + ... + 2·d8 - d9 ≡ 0 (mod 11)
        if valid and last < 10:
            return "".join(map(str, digits)) + str(last)
        if not valid:
            wrong = (last + 1 + rng.randrange(9)) % 11
            if wrong < 10:
                return "".join(map(str, digits)) + str(wrong)


def _shift(text: str | None, days: int = 0, years: int = 0) -> str | None:
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    if years:
        try:
            day = day.replace(year=day.year + years)
        except ValueError:
            day = day.replace(year=day.year + years, day=28)
    try:
        return (day + dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _month_edges(text: str) -> list[str]:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return []
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return [first.isoformat(), (following - dt.timedelta(days=1)).isoformat(), following.isoformat()]


def new_text(draw, node: Node, nodes: list[Node]) -> str:
    """A new text for a leaf: fresh, copied from a like leaf, or (for dates, Bsns, amounts) pointed."""
    simple = node.simple
    assert simple is not None
    kinds = ["fresh"]
    like = [
        other.element.text
        for other in nodes
        if other is not node
        and other.simple is not None
        and (other.name == node.name or other.simple is simple)
        and other.element.text
    ]
    if like:
        kinds += ["copy", "copy"]
    if simple.base == "date":
        kinds += ["date", "date", "date"]
    if node.name == "Bsn":
        kinds += ["bsn", "bsn"]
    if simple.base == "integer":
        kinds += ["zero"]
    rule_codes = sorted(RULE_CODES & set(simple.enumeration or ()))
    if rule_codes:
        kinds += ["code", "code"]
    kind = draw(st.sampled_from(kinds))
    if kind == "copy":
        text = draw(st.sampled_from(like))
    elif kind == "bsn":
        seed = draw(st.integers(0, 2**16))
        text = elfproef_bsn(random.Random(seed), valid=draw(st.booleans()))
    elif kind == "zero":
        text = "0"
    elif kind == "code":
        text = draw(st.sampled_from(rule_codes))
    elif kind == "date":
        dates = [
            other.element.text for other in nodes if other.simple is not None and other.simple.base == "date"
        ]
        anchor = draw(st.sampled_from([text for text in dates if text] or ["2024-01-01"]))
        choice = draw(st.sampled_from(("step", "step", "years", "month", "special")))
        if choice == "step":
            text = _shift(anchor, days=draw(st.sampled_from(DATE_STEPS)))
        elif choice == "years":
            text = _shift(
                anchor, years=draw(st.sampled_from(YEAR_STEPS)), days=draw(st.sampled_from((0, 1, -1)))
            )
        elif choice == "month":
            text = draw(st.sampled_from(_month_edges(anchor) or list(SPECIAL_DATES)))
        else:
            text = draw(st.sampled_from(SPECIAL_DATES))
    else:
        text = None
    if text is None or simple.check(text) is not None:
        text = draw(fresh(simple))
    return text


# -- building elements -------------------------------------------------------------------


def build(draw, ctype: ComplexType, decl: Element) -> etree._Element:
    """A new element for ``decl`` (a child of ``ctype``), valid on its own."""
    tag = f"{{{ctype.namespace}}}{decl.name}"
    if isinstance(decl.type, SimpleType):
        element = etree.Element(tag)
        element.text = draw(fresh(decl.type))
        return element
    inner = wrapped(decl.type)
    if inner is not None:
        element = etree.Element(tag)
        inner_tag = f"{{{decl.type.namespace}}}{inner.name}"
        if isinstance(inner.type, SimpleType):
            etree.SubElement(element, inner_tag).text = draw(fresh(inner.type))
        else:
            draw(models(inner.type)).to_element(element, inner_tag)
        return element
    holder = etree.Element("holder")
    return draw(models(decl.type)).to_element(holder, tag)


def insert_child(parent: etree._Element, ctype: ComplexType, decl: Element, child: etree._Element) -> None:
    """Insert ``child`` where the sequence of ``ctype`` puts it: after every earlier declared element."""
    order = {element.name: index for index, element in enumerate(ctype.elements)}
    rank = order[decl.name]
    position = 0
    for index, existing in enumerate(parent.iterchildren(etree.Element)):
        if order[etree.QName(existing).localname] <= rank:
            position = index + 1
    children = list(parent.iterchildren(etree.Element))
    if position < len(children):
        children[position].addprevious(child)
    else:
        parent.append(child)


# -- mutations ---------------------------------------------------------------------------


def m_value(draw, root, message) -> str:
    nodes = walk(root, message)
    leaves = [node for node in nodes if node.simple is not None]
    node = draw(st.sampled_from(leaves))
    node.element.text = new_text(draw, node, nodes)
    return f"value {node.name}={node.element.text}"


def _siblings(node: Node) -> list:
    parent = node.element.getparent()
    return [child for child in parent.iterchildren(node.element.tag)]


def m_remove(draw, root, message) -> str | None:
    nodes = walk(root, message)
    removable = [
        node
        for node in nodes
        if node.decl is not None and (node.decl.optional or (node.decl.repeats and len(_siblings(node)) > 1))
    ]
    if not removable:
        return None
    node = draw(st.sampled_from(removable))
    node.element.getparent().remove(node.element)
    return f"remove {node.name}"


def m_duplicate(draw, root, message) -> str | None:
    nodes = walk(root, message)
    repeating = [node for node in nodes if node.decl is not None and node.decl.repeats]
    if not repeating:
        return None
    node = draw(st.sampled_from(repeating))
    twin = copy.deepcopy(node.element)
    node.element.addnext(twin)
    return f"duplicate {node.name}"


def m_add(draw, root, message) -> str | None:
    nodes = walk(root, message)
    options = []
    for node in nodes:
        ctype = complex_type(node, message)
        if not isinstance(ctype, ComplexType):
            continue
        present = {etree.QName(child).localname for child in node.element.iterchildren(etree.Element)}
        options += [
            (node, ctype, decl) for decl in ctype.elements if decl.optional and decl.name not in present
        ]
    if not options:
        return None
    node, ctype, decl = draw(st.sampled_from(options))
    insert_child(node.element, ctype, decl, build(draw, ctype, decl))
    return f"add {decl.name} to {node.name}"


def m_swap(draw, root, message) -> str | None:
    nodes = walk(root, message)
    pairs = []
    for node in nodes:
        dates = [
            child
            for child in nodes
            if child.parent is node and child.simple is not None and child.simple.base == "date"
        ]
        pairs += [(a, b) for i, a in enumerate(dates) for b in dates[i + 1 :]]
    if not pairs:
        return None
    a, b = draw(st.sampled_from(pairs))
    a.element.text, b.element.text = b.element.text, a.element.text
    return f"swap {a.name} and {b.name}"


def m_tidy(draw, root, message) -> str:
    tidy(root, message, random.Random(draw(st.integers(0, 2**16))))
    return "tidy"


MUTATIONS = {
    "value": m_value,
    "remove": m_remove,
    "duplicate": m_duplicate,
    "add": m_add,
    "swap": m_swap,
    "tidy": m_tidy,
}
#: How often each mutation is drawn (values most, they are the most varied).
WEIGHTED = ("value",) * 5 + ("remove",) * 2 + ("duplicate",) * 2 + ("add",) * 2 + ("swap", "tidy")


def _base(name: str) -> str:
    return f"{{{BASE_NS}}}{name}"


def _signed(parent) -> int:
    amount = int((parent.findtext(_base("Bedrag")) or "0").strip() or 0)
    return -amount if (parent.findtext(_base("DebetCredit")) or "").strip() == "C" else amount


def _set_total(total: etree._Element | None, value: int) -> None:
    if total is None:
        return
    bedrag = total.find(_base("TotaalBedrag"))
    dc = total.find(_base("DebetCredit"))
    if bedrag is not None and dc is not None:
        bedrag.text = str(abs(value))
        dc.text = "C" if value < 0 else "D"


def tidy(root, message: Message, rng: random.Random) -> None:
    """Every Bsn passes the eleven test and every total adds up (JW323's TR358, JW325's TR342)."""
    for node in walk(root, message):
        if node.name == "Bsn":
            node.element.text = elfproef_bsn(rng)
    ns = f"{{{message.namespace}}}"
    if message.code == "JW323":
        declaratie = root.find(f"{ns}Declaratie")
        if declaratie is not None:
            amounts = [_signed(bedrag) for bedrag in declaratie.iter(f"{ns}IngediendBedrag")]
            _set_total(declaratie.find(f"{ns}TotaalIngediendBedrag"), sum(amounts))
    elif message.code == "JW325":
        antwoord = root.find(f"{ns}DeclaratieAntwoord")
        if antwoord is not None:
            rejected = sum(_signed(bedrag) for bedrag in antwoord.iter(f"{ns}IngediendBedrag"))
            submitted = antwoord.find(f"{ns}TotaalIngediendBedrag")
            if submitted is not None:
                _set_total(antwoord.find(f"{ns}TotaalToegekendBedrag"), _signed_total(submitted) - rejected)


def _signed_total(total) -> int:
    amount = int((total.findtext(_base("TotaalBedrag")) or "0").strip() or 0)
    return -amount if (total.findtext(_base("DebetCredit")) or "").strip() == "C" else amount


def repair(draw, root, message: Message) -> None:
    """Give every leaf whose value its type refuses a fresh valid one (a published example with 31 June)."""
    for node in walk(root, message):
        if node.simple is not None and node.simple.check(node.element.text or "") is not None:
            node.element.text = draw(fresh(node.simple))


# -- cases -------------------------------------------------------------------------------


@dataclass
class Case:
    code: str
    xml: bytes
    steps: tuple[str, ...]


@cache
def _example(shared: Path, code: str) -> bytes | None:
    path = shared / "ijw" / "voorbeelden" / f"{code}.xml"
    return path.read_bytes() if path.is_file() else None


def _structurally_usable(root, message: Message) -> bool:
    try:
        walk(root, message)
    except KeyError:
        return False
    return True


@st.composite
def cases(draw, code: str, shared: Path | None = None, max_mutations: int = 5) -> Case:
    """One message of type ``code``: a base, perhaps tidied, then up to ``max_mutations`` mutations."""
    message = MESSAGES[code]
    steps: list[str] = []
    root = None
    example = _example(shared, code) if shared is not None else None
    if example is not None and draw(st.booleans()):
        root = etree.fromstring(example)
        if _structurally_usable(root, message):
            repair(draw, root, message)
            steps.append("example")
        else:
            root = None
    if root is None:
        root = draw(models(message.root)).to_tree()
        steps.append("generated")
    if draw(st.booleans()):
        steps.append(m_tidy(draw, root, message))
    for _ in range(draw(st.integers(0, max_mutations))):
        name = draw(st.sampled_from(WEIGHTED))
        done = MUTATIONS[name](draw, root, message)
        if done:
            steps.append(done)
    return Case(code, etree.tostring(root, xml_declaration=True, encoding="UTF-8"), tuple(steps))
