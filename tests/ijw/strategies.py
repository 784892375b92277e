"""Hypothesis strategies that build random but valid instances of the 14 message models.

Drawn straight from the schema declarations in :mod:`jeugdketen.ijw.schema`, so every
drawn model serialises to a message the official XSD accepts. Used by the round-trip test
(``test_messages.py``) and as one source of the differential test (``differential/``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from hypothesis import strategies as st
from lxml import etree

from jeugdketen.ijw.messages.model import _MODELS
from jeugdketen.ijw.schema.types import ComplexType, SimpleType, xsd_regex


def xml_safe(value: str) -> bool:
    try:
        etree.Element("x").text = value
    except ValueError:
        return False
    return True


@cache
def values(simple: SimpleType) -> st.SearchStrategy:
    if simple.base == "integer" and simple.patterns:
        pattern = st.from_regex(xsd_regex(simple.patterns[-1]), fullmatch=True)
        return pattern.filter(lambda value: simple.check(value) is None).map(int)
    if simple.base == "integer":
        return st.integers(simple.min_value or 0, simple.max_value if simple.max_value is not None else 10**9)
    if simple.base == "date":
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    if simple.base == "time":
        return st.times()
    if simple.enumeration is not None:
        return st.sampled_from(list(simple.enumeration))
    if simple.patterns:
        base = st.from_regex(xsd_regex(simple.patterns[-1]), fullmatch=True)
    else:
        base = st.text(min_size=simple.min_length or 0, max_size=simple.max_length or 20)
    return base.filter(lambda value: xml_safe(value) and simple.check(value) is None)


@cache
def models(ctype: ComplexType) -> st.SearchStrategy:
    cls = _MODELS[id(ctype)]
    fields = {}
    for name, decl, inner in cls._plan:
        if inner is not None:
            fields[name] = st.lists(value_of(inner.type), min_size=0 if decl.optional else 1, max_size=2)
        elif decl.repeats:
            fields[name] = st.lists(value_of(decl.type), min_size=0 if decl.optional else 1, max_size=2)
        elif decl.optional:
            fields[name] = st.none() | value_of(decl.type)
        else:
            fields[name] = value_of(decl.type)
    return st.builds(cls, **fields)


def value_of(kind) -> st.SearchStrategy:
    return models(kind) if isinstance(kind, ComplexType) else values(kind)
