"""jeugdketen.ijw gives the verdicts of the official iJw 3.2 rule stylesheet.

Both judges see the same bytes; a case counts only when the official XSD accepts it (that
is how the official validator runs the stylesheet). The published examples and the fixed
regression corpus (``differential/corpus/``: generated messages on which the two once
differed) run every time; the wide search over hypothesis-drawn and mutated messages of
all 14 types is marked slow and bounded in time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from lxml import etree
from tests.ijw.differential.mutate import CODES
from tests.ijw.differential.oracle import judges
from tests.ijw.differential.search import search

from jeugdketen.ijw.schema import MESSAGES

CORPUS = Path(__file__).parent / "differential" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.xml"))
BY_NAMESPACE = {message.namespace: code for code, message in MESSAGES.items()}

#: The wide search: cases per message type and the time it may take in all.
WIDE_PER_TYPE = int(os.environ.get("JEUGDKETEN_DIFFERENTIAL_PER_TYPE", "150"))
WIDE_SECONDS = float(os.environ.get("JEUGDKETEN_DIFFERENTIAL_SECONDS", "480"))


def code_of(xml: bytes) -> str:
    return BY_NAMESPACE[etree.QName(etree.fromstring(xml)).namespace]


@pytest.mark.parametrize("code", CODES)
def test_published_example(code, example):
    verdict = judges().judge(code, example(code))
    if not verdict.xsd_valid:
        pytest.skip(f"the published {code} is not valid against its own XSD")
    assert verdict.same, verdict.describe()


def test_published_examples_are_judged_and_some_break_rules(example):
    verdicts = [judges().judge(code, example(code)) for code in CODES]
    assert sum(verdict.xsd_valid for verdict in verdicts) >= 12
    assert any(verdict.oracle for verdict in verdicts)  # the comparison has something to compare


def test_corpus_covers_every_message_type():
    assert {code_of(path.read_bytes()) for path in CORPUS_FILES} == set(CODES) - {"JW320"}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda path: path.stem)
def test_corpus_case(path):
    xml = path.read_bytes()
    code = code_of(xml)
    verdict = judges().judge(code, xml)
    assert verdict.xsd_valid, f"{path.name} is not valid against the official {code}.xsd"
    assert verdict.same, verdict.describe()


@pytest.mark.slow
def test_wide_search_finds_no_difference():
    tally = search(WIDE_PER_TYPE, seconds=WIDE_SECONDS)
    described = "\n".join(verdict.describe() for verdict, _, _ in tally.differences[:5])
    assert not tally.differed, described
    assert all(tally.judged[code] > 0 for code in CODES), dict(tally.judged)
    if WIDE_PER_TYPE * len(CODES) >= 2_000:
        assert tally.total() >= 2_000, dict(tally.judged)
