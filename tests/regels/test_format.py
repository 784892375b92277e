"""The register's loader refuses an entry that breaks the format, naming the entry and field."""

from __future__ import annotations

import copy

import pytest

from jeugdketen.regels import ids_of, regel
from jeugdketen.regels.register import RegisterError, parse

GOOD = {
    "id": "VOORBEELD-1",
    "regions": ["alkmaar-2023"],
    "sources": [{"document": "000_e98fcb910eb006ad.txt", "lines": [10, 12], "anchor": "woord"}],
    "rule": "Een voorbeeldregel.",
    "kind": "weigert",
    "implementation": "jeugdketen.toegang.checks.check_age",
    "edge": {"inside": "tests/x/test_y.py::test_in", "outside": "tests/x/test_y.py::test_out[13]"},
}


def _with(**changes):
    entry = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    return {"rules": [entry]}


def test_a_good_entry_loads():
    (entry,) = parse({"rules": [GOOD]})
    assert entry.id == "VOORBEELD-1"
    assert entry.all_tests == ("tests/x/test_y.py::test_in", "tests/x/test_y.py::test_out[13]")
    assert entry.sources[0].region == "alkmaar-2023"
    assert entry.applies_to("alkmaar-2023") and not entry.applies_to("groningen-2016")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"implementation": None}, "implementation"),
        ({"implementation": "check_age"}, "implementation"),
        ({"edge": None}, "each side of its edge"),
        ({"edge": {"inside": "tests/x/test_y.py::test_in"}}, "each side of its edge"),
        ({"kind": "rapporteert", "edge": None}, "at least one test"),
        ({"kind": "verbiedt"}, "kind"),
        ({"regions": ["utrecht"]}, "regions"),
        ({"regions": []}, "regions"),
        ({"sources": []}, "sources"),
        ({"sources": [{"document": "x.txt", "lines": [1, 2], "anchor": "a"}]}, "four source documents"),
        ({"sources": [{"document": "000_e98fcb910eb006ad.txt", "lines": [9, 2], "anchor": "a"}]}, "lines"),
        ({"sources": [{"document": "003_811650e0262c8091.txt", "lines": [1, 2], "anchor": "a"}]}, "regions"),
        ({"id": "leeftijd"}, "id"),
        ({"rule": " "}, "rule"),
        ({"tests": ["test_in"]}, "node id"),
        ({"remark": "x"}, "unknown keys"),
    ],
)
def test_a_broken_entry_is_refused_by_name(changes, message):
    with pytest.raises(RegisterError, match=message) as error:
        parse(_with(**changes))
    assert "VOORBEELD-1" in str(error.value) or "no id" in str(error.value) or "leeftijd" in str(error.value)


def test_an_id_may_occur_once():
    with pytest.raises(RegisterError, match="twice"):
        parse({"rules": [GOOD, GOOD]})


def test_the_decorator_marks_and_stacks():
    @regel("A-1")
    @regel("B-2")
    def rule():
        return None

    assert set(ids_of(rule)) == {"A-1", "B-2"}
    assert ids_of(len) == ()
    with pytest.raises(ValueError):
        regel()
