"""The rule register holds together: every entry names a function that exists and carries its
id, tests that exist, and lines of a source document that say what the entry cites; and every
rule function in the code is in the register.

How a rule function is recognised is described in docs/rules.md ("Rule functions").
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path

import pytest

import jeugdketen
from jeugdketen.regels import ids_of
from jeugdketen.regels.register import REGIONS, entries

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = entries()
IDS = {entry.id for entry in ENTRIES}


def resolve(dotted: str):
    """The object at a dotted path: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ImportError(dotted)


@cache
def _test_names(path: Path) -> frozenset[str]:
    """'test_x' and 'TestClass::test_y' for every test function in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    names.add(f"{node.name}::{item.name}")
    return frozenset(names)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_names_a_function_that_carries_its_id(entry):
    function = resolve(entry.implementation)
    assert callable(function), f"{entry.implementation} is not a function"
    assert entry.id in ids_of(function), f"{entry.implementation} is not marked @regel({entry.id!r})"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_names_tests_that_exist(entry):
    assert entry.all_tests, f"{entry.id} names no test"
    for node_id in entry.all_tests:
        file_part, _, name = node_id.partition("::")
        path = ROOT / file_part
        assert path.is_file(), f"{entry.id}: no test file {file_part}"
        name = name.split("[", 1)[0]
        assert name in _test_names(path), f"{entry.id}: no test {name} in {file_part}"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_entry_cites_lines_that_say_it(entry, shared_dir):
    for source in entry.sources:
        # Line numbers count newlines only, as grep and an editor do: the PDF text holds form feeds
        # that str.splitlines() would count as line breaks too.
        lines = (shared_dir / "seeds" / source.document).read_text(encoding="utf-8").split("\n")
        first, last = source.lines
        assert last <= len(lines), f"{entry.id}: {source.document} has only {len(lines)} lines"
        cited = _normalise(" ".join(lines[first - 1 : last]))
        assert _normalise(source.anchor) in cited, (
            f"{entry.id}: '{source.anchor}' is not in {source.document} lines {first}-{last}"
        )


def test_every_region_has_rules():
    covered = {region for entry in ENTRIES for region in entry.regions}
    assert covered <= set(REGIONS)


def _all_modules():
    for info in pkgutil.walk_packages(jeugdketen.__path__, "jeugdketen."):
        if ".migrations." in info.name or info.name.endswith(".migrations"):
            continue
        yield importlib.import_module(info.name)


def marked_functions() -> dict[str, object]:
    """Every function in the jeugdketen package marked with @regel, by qualified name."""
    found = {}
    for module in _all_modules():
        for value in vars(module).values():
            if callable(value) and ids_of(value) and getattr(value, "__module__", None) == module.__name__:
                found[f"{module.__name__}.{value.__qualname__}"] = value
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attr in vars(value).values():
                    func = getattr(attr, "__func__", attr)
                    if callable(func) and ids_of(func):
                        found[f"{module.__name__}.{func.__qualname__}"] = func
    return found


def test_every_marked_function_is_in_the_register():
    for path, function in marked_functions().items():
        for rule_id in ids_of(function):
            assert rule_id in IDS, f"{path} is marked @regel({rule_id!r}) but the register has no {rule_id}"
            entry = next(e for e in ENTRIES if e.id == rule_id)
            assert entry.implementation == path, (
                f"{rule_id}: the register names {entry.implementation}, but {path} is marked with it"
            )


# Rule functions that are not marked cannot hide: every list of rules the code keeps is checked.
IJW_CODE = re.compile(r"^(TR\d{3}|JW\d{3})$")  # the iJw standard's own rules: see jeugdketen.ijw


def test_every_allocation_and_plan_check_is_a_marked_rule_function():
    from jeugdketen.toegang.checks import CHECKS
    from jeugdketen.toegang.plans import PLAN_CHECKS

    for function in [*CHECKS, *PLAN_CHECKS]:
        assert ids_of(function), f"{function.__module__}.{function.__name__} is not marked @regel"
        assert set(ids_of(function)) <= IDS


def test_every_contract_deadline_is_in_the_register():
    from jeugdketen.levering.deadlines import DEADLINES, IJW

    for kind, deadline in DEADLINES.items():
        if deadline.rule:
            assert deadline.rule in IDS, f"deadline {kind} names {deadline.rule}, not in the register"
            assert next(e for e in ENTRIES if e.id == deadline.rule).kind == "termijn"
        else:
            assert deadline.source.startswith(IJW), f"deadline {kind} is neither iJw nor in the register"


def test_every_bill_line_rule_of_the_documents_is_in_the_register():
    from jeugdketen.declaraties.rules import RULES

    for code in RULES:
        assert IJW_CODE.match(code) or code in IDS, f"declaraties rule {code} is not in the register"


def test_a_deciding_rule_is_tested_on_two_sides():
    for entry in ENTRIES:
        if entry.kind in ("weigert", "signaleert", "termijn"):
            assert entry.edge_inside != entry.edge_outside, entry.id
