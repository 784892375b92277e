"""The building blocks in which the iJw 3.2 schemas are declared: simple and complex types.

The official XSDs use a small part of XML Schema 1.0: sequences of elements with
``minOccurs="0"`` or ``maxOccurs="unbounded"``, and simple types that restrict
``xs:string``, ``xs:integer``, ``xs:date`` or ``xs:time`` with length, pattern, range and
enumeration facets. These classes model exactly that part, so the structure of all 14
messages can be written down as Python declarations (see :mod:`.basis` and the ``jw*``
modules) and checked without the XSD files.

A :class:`SimpleType` compiles its facets into one ``check(text)`` function and memoises
its verdicts: a month of declarations repeats the same dates, codes and amounts thousands
of times, and a dict lookup is far cheaper than a regex.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: The characters XML Schema calls whitespace. Python's ``str.isspace`` knows many more.
XML_SPACE = " \t\n\r"

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DATE = re.compile(r"(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")
_CACHE_LIMIT = 50_000


def xsd_regex(pattern: str) -> re.Pattern[str]:
    """Translate an XML Schema regular expression into an equivalent Python one.

    XSD patterns match the whole value, know no anchors, and define ``.`` as "not CR or
    LF" and ``\\s`` as exactly space, tab, CR and LF. Python's ``.`` and ``\\s`` are wider,
    so each is spelled out. Only the constructs the iJw schemas use are supported; anything
    else raises, so a new schema cannot silently be checked with the wrong meaning.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escape = pattern[i : i + 2]
            i += 2
            if escape == r"\s":
                out.append(r" \t\n\r" if in_class else r"[ \t\n\r]")
            elif escape == r"\S" and not in_class:
                out.append(r"[^ \t\n\r]")
            elif escape in (r"\.", r"\-", r"\\", r"\+", r"\*", r"\(", r"\)", r"\[", r"\]"):
                out.append(escape)
            else:
                raise ValueError(f"unsupported XSD regex escape {escape!r} in {pattern!r}")
            continue
        if in_class:
            if char == "]":
                in_class = False
            if char == "-" and pattern[i + 1 : i + 2] == "]":
                # libxml2, which the official XSDs are checked with in practice, ignores a
                # "-" that ends a character class: LDT_Tijd's [^Z+-]+ accepts 10:00:00-01:00.
                i += 1
                continue
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == ".":
            out.append(r"[^\n\r]")
        elif char in "^$":
            out.append("\\" + char)
        else:
            out.append(char)
        i += 1
    return re.compile("".join(out))


def _valid_date(text: str) -> bool:
    match = _DATE.fullmatch(text)
    if match is None:
        return False
    year_text, month_text, day_text, zone = match.group(2, 3, 4, 5)
    if len(year_text) > 4 and year_text[0] == "0":
        return False
    year, month, day = int(year_text), int(month_text), int(day_text)
    if year == 0 or not 1 <= month <= 12:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month == 2 and leap else calendar.mdays[month]
    if not 1 <= day <= last:
        return False
    return zone is None or _valid_zone(zone)


def _valid_zone(zone: str) -> bool:
    if zone == "Z":
        return True
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    return minutes <= 59 and (hours < 14 or (hours == 14 and minutes == 0))


def _valid_time(text: str) -> bool:
    match = _TIME.fullmatch(text)
    if match is None:
        return False
    hours, minutes, seconds = int(match.group(1)), int(match.group(2)), int(match.group(3))
    fraction = match.group(4) or ""
    if hours == 24:
        # XSD 1.0 (and libxml2) accept 24:00:00 as the end of the day, and nothing later.
        if minutes or seconds or fraction.strip(".0"):
            return False
    elif minutes > 59 or seconds > 59 or hours > 23:
        return False
    zone = match.group(5)
    return zone is None or _valid_zone(zone)


@dataclass(eq=False)
class SimpleType:
    """An XSD simple type: a base (string, integer, date, time) narrowed by facets.

    ``patterns`` holds one pattern per derivation step: each step must match, as XSD
    requires when a restriction restricts a restriction.
    """

    name: str
    base: str
    min_length: int | None = None
    max_length: int | None = None
    patterns: tuple[str, ...] = ()
    enumeration: Mapping[str, str] | None = None
    min_value: int | None = None
    max_value: int | None = None
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._regexes = tuple(xsd_regex(pattern) for pattern in self.patterns)
        self._codes = frozenset(self.enumeration) if self.enumeration is not None else None

    def restrict(self, *, pattern: str | None = None, name: str | None = None) -> SimpleType:
        """A local restriction, as the message schemas write for BerichtCode and friends."""
        return SimpleType(
            name=name or self.name,
            base=self.base,
            min_length=self.min_length,
            max_length=self.max_length,
            patterns=self.patterns + ((pattern,) if pattern else ()),
            enumeration=self.enumeration,
            min_value=self.min_value,
            max_value=self.max_value,
        )

    def check(self, text: str) -> str | None:
        """``None`` when ``text`` is a valid value, else why not, in Dutch."""
        cache = self._cache
        try:
            return cache[text]
        except KeyError:
            pass
        verdict = self._judge(text)
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[text] = verdict
        return verdict

    def _judge(self, text: str) -> str | None:
        if self.base == "string":
            value = text
        else:
            # Numbers, dates and times collapse whitespace before any facet applies.
            value = text.strip(XML_SPACE)
            if self.base == "integer" and not _INTEGER.fullmatch(value):
                return f"{text!r} is geen geheel getal ({self.name})"
            if self.base == "date" and not _valid_date(value):
                return f"{text!r} is geen geldige datum ({self.name})"
            if self.base == "time" and not _valid_time(value):
                return f"{text!r} is geen geldige tijd ({self.name})"
        if self._codes is not None and value not in self._codes:
            return f"{text!r} komt niet voor in de codelijst van {self.name}"
        if self.min_length is not None and len(value) < self.min_length:
            return f"{text!r} is korter dan {self.min_length} teken(s) ({self.name})"
        if self.max_length is not None and len(value) > self.max_length:
            return f"{text!r} is langer dan {self.max_length} teken(s) ({self.name})"
        for pattern, regex in zip(self.patterns, self._regexes, strict=True):
            if regex.fullmatch(value) is None:
                return f"{text!r} voldoet niet aan het patroon {pattern!r} ({self.name})"
        if self.min_value is not None or self.max_value is not None:
            number = int(value)
            if self.min_value is not None and number < self.min_value:
                return f"{text!r} is kleiner dan {self.min_value} ({self.name})"
            if self.max_value is not None and number > self.max_value:
                return f"{text!r} is groter dan {self.max_value} ({self.name})"
        return None


def string(name: str, **facets) -> SimpleType:
    return SimpleType(name, "string", **_facets(facets))


def integer(name: str, **facets) -> SimpleType:
    return SimpleType(name, "integer", **_facets(facets))


def date(name: str, **facets) -> SimpleType:
    return SimpleType(name, "date", **_facets(facets))


def time(name: str, **facets) -> SimpleType:
    return SimpleType(name, "time", **_facets(facets))


def _facets(facets: dict) -> dict:
    pattern = facets.pop("pattern", None)
    if pattern is not None:
        facets["patterns"] = (pattern,)
    return facets


@dataclass(frozen=True, eq=False)
class Element:
    """An element in a sequence. ``optional`` is minOccurs=0, ``repeats`` maxOccurs=unbounded."""

    name: str
    type: SimpleType | ComplexType
    optional: bool = False
    repeats: bool = False


@dataclass(eq=False)
class ComplexType:
    """A sequence of child elements, all in ``namespace`` (the schemas qualify every element)."""

    name: str
    namespace: str
    elements: tuple[Element, ...]

    def __init__(self, name: str, namespace: str, elements: Iterable[Element]) -> None:
        self.name = name
        self.namespace = namespace
        self.elements = tuple(elements)

    def child(self, name: str) -> Element:
        for element in self.elements:
            if element.name == name:
                return element
        raise KeyError(f"{self.name} has no element {name}")


@dataclass(frozen=True, eq=False)
class Message:
    """One iJw message: its code (``JW323``), its namespace, and the type of its root."""

    code: str
    namespace: str
    root: ComplexType
    root_name: str = "Bericht"

    @property
    def prefix(self) -> str:
        return self.code.lower()
