"""The machinery shared by every content rule: the message context, locations and registration.

Rules run on a message that already passed structural validation, so they can rely on
element order, cardinality, datatypes and code lists. What they add is the meaning the
XSD cannot express: sums, duplicates, dates against dates, and conditions between
elements (TR, CD and CS in iJw terms).

Speed matters: a JW323 of a large region holds hundreds of thousands of prestaties.
So a message is walked once per class of interest and the facts are cached on the
context (:class:`Message`); rules read the cached facts, keep sets and dicts for
duplicates, and compute a location only for an element that actually fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property

from lxml import etree

from jeugdketen.ijw.report import Issue, local_name

from .registry import RULES

BASE_NS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

RuleFunc = Callable[["Message"], Iterable[Issue]]

#: message code -> the rule functions that apply to it, in registration order
REGISTRY: dict[str, list[RuleFunc]] = {}


def message_namespace(message_code: str) -> str:
    return f"http://www.istandaarden.nl/ijw/3_2/{message_code.lower()}/schema"


def rule(code: str, *messages: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under its iJw rule code for the given messages."""
    if code not in RULES:
        raise LookupError(f"rule {code} is not in the registry")

    def register(func: RuleFunc) -> RuleFunc:
        func.rule_code = code  # type: ignore[attr-defined]
        func.messages = messages  # type: ignore[attr-defined]
        for message in messages:
            REGISTRY.setdefault(message, []).append(func)
        return func

    return register


def elements(parent) -> Iterator:
    """Child elements only: comments and processing instructions are skipped."""
    return parent.iterchildren(etree.Element)


_dates: dict[str, dt.date | None] = {}


def to_date(text: str | None) -> dt.date | None:
    """An ISO date, cached because a declaration repeats the same few dates many times."""
    if text is None:
        return None
    try:
        return _dates[text]
    except KeyError:
        pass
    try:
        value: dt.date | None = dt.date.fromisoformat(text)
    except ValueError:
        value = None
    if len(_dates) < 100_000:
        _dates[text] = value
    return value


def filled(element) -> bool:
    """The official stylesheet's test ``*``: the element is there and its text is not blank."""
    return element is not None and bool((element.text or "").strip())


def digits(text: str | None) -> int | None:
    """A date as the number the official stylesheet compares (``translate(date, '-', '')``)."""
    if text is None:
        return None
    try:
        return int(text.strip().replace("-", ""))
    except ValueError:
        return None


def to_int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        return None


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)


class Locator:
    """Computes :func:`jeugdketen.ijw.report.location` paths, caching sibling positions per parent.

    ``report.location`` counts siblings on every call; with thousands of failing
    prestaties under one client that would be quadratic. The output is identical.
    """

    def __init__(self) -> None:
        # parent -> {child: step}; holding the element proxies keeps their identity stable.
        self._steps: dict = {}

    def _step(self, node) -> str:
        parent = node.getparent()
        name = local_name(node.tag)
        if parent is None:
            return name
        steps = self._steps.get(parent)
        if steps is None:
            counts: dict[str, int] = {}
            children = list(elements(parent))
            for child in children:
                child_name = local_name(child.tag)
                counts[child_name] = counts.get(child_name, 0) + 1
            seen: dict[str, int] = {}
            steps = {}
            for child in children:
                child_name = local_name(child.tag)
                if counts[child_name] > 1:
                    seen[child_name] = seen.get(child_name, 0) + 1
                    steps[child] = f"{child_name}[{seen[child_name]}]"
                else:
                    steps[child] = child_name
            self._steps[parent] = steps
        return steps[node]

    def __call__(self, element) -> str:
        parts: list[str] = []
        node = element
        while node is not None:
            parts.append(self._step(node))
            node = node.getparent()
        return "/" + "/".join(reversed(parts))


class Message:
    """One message under judgement, with the facts rules share computed once."""

    def __init__(self, message_code: str, root) -> None:
        self.code = message_code.upper()
        self.root = root
        self.ns = message_namespace(self.code)
        self.locate = Locator()

    # -- names -------------------------------------------------------------------
    def m(self, name: str) -> str:
        """Clark name of an element in the message's own namespace."""
        return f"{{{self.ns}}}{name}"

    @staticmethod
    def b(name: str) -> str:
        """Clark name of an element in the basisschema namespace."""
        return f"{{{BASE_NS}}}{name}"

    # -- navigation --------------------------------------------------------------
    def find(self, element, *path: str):
        """Follow local names downwards; each step may be in either namespace."""
        node = element
        for name in path:
            if node is None:
                return None
            found = node.find(self.m(name))
            if found is None:
                found = node.find(self.b(name))
            node = found
        return node

    def text(self, element, *path: str) -> str | None:
        node = self.find(element, *path) if path else element
        if node is None or node.text is None:
            return None
        value = node.text.strip()
        return value or None

    def iter_children(self, parent, name: str) -> Iterator:
        """The children of ``parent`` with local name ``name``, in either namespace."""
        return (child for child in elements(parent) if child.tag in (self.m(name), self.b(name)))

    def iter(self, *path: str) -> Iterator:
        """All elements at a path of local names below the root (the root's own name omitted)."""
        nodes = [self.root]
        for name in path:
            clark_m, clark_b = self.m(name), self.b(name)
            nodes = [child for node in nodes for child in elements(node) if child.tag in (clark_m, clark_b)]
        return iter(nodes)

    @cached_property
    def dagtekening(self) -> dt.date | None:
        return to_date(self.text(self.root, "Header", "BerichtIdentificatie", "Dagtekening"))

    # -- reporting ---------------------------------------------------------------
    def issue(self, code: str, where, text: str) -> Issue:
        """An issue for rule ``code`` at one element or a sequence of elements."""
        if not isinstance(where, list | tuple):
            where = (where,)
        # Like the union of node sets in the official stylesheet: each element once, absent ones left out.
        locations = tuple(dict.fromkeys(self.locate(element) for element in where if element is not None))
        return Issue(code=code, return_code=RULES[code].return_code, locations=locations, text=text)

    @cached_property
    def dagtekening_element(self):
        """The Dagtekening of the header's BerichtIdentificatie, which many rules name beside a date."""
        return self.find(self.root, "Header", "BerichtIdentificatie", "Dagtekening")


def run(message_code: str, root) -> list[Issue]:
    message = Message(message_code, root)
    issues: list[Issue] = []
    for func in REGISTRY.get(message.code, ()):
        issues.extend(func(message))
    return issues
