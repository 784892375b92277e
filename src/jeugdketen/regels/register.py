"""Reads and checks the rule register (``data/register.yaml``).

Kept free of Django so the loader can run anywhere (the CI test, the web page, the CLI).
The format is described in ``docs/rules.md``; :func:`load` rejects an entry that breaks it
with a :class:`RegisterError` naming the entry and the field.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PATH = Path(__file__).with_name("data") / "register.yaml"

#: The kinds of rule, in the register's own (Dutch) words.
KINDS: dict[str, str] = {
    "weigert": "weigert een toewijzing of declaratieregel",
    "signaleert": "waarschuwt; doorgaan kan met een vastgelegde reden",
    "termijn": "een termijn op de werkvoorraad",
    "rapporteert": "een cijfer in de monitoring",
    "registreert": "een vastlegging die moet bestaan",
}
#: Kinds that decide at an edge: each needs a test on both sides of it.
EDGE_KINDS = frozenset({"weigert", "signaleert", "termijn"})

#: The regions (catalogue slugs) and the source document each product book or contract is.
REGIONS: dict[str, str] = {
    "alkmaar-2023": "000_e98fcb910eb006ad.txt",
    "noordoost-brabant-2021": "001_faa4f41ef1520fde.txt",
    "midden-limburg-oost-2020": "002_e4b854f6c59c2d77.txt",
    "groningen-2016": "003_811650e0262c8091.txt",
}
REGION_NAMES: dict[str, str] = {
    "alkmaar-2023": "Alkmaar 2023",
    "noordoost-brabant-2021": "Noordoost-Brabant 2021",
    "midden-limburg-oost-2020": "Midden-Limburg Oost 2020",
    "groningen-2016": "Groninger gemeenten 2016",
}

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$")
DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")
NODE_ID = re.compile(r"^tests/[\w/]+\.py::[\w:]+(\[[^\]]+\])?$")
KEYS = {"id", "regions", "sources", "rule", "kind", "implementation", "tests", "edge", "notes"}


class RegisterError(ValueError):
    """The register file breaks its format; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    document: str
    lines: tuple[int, int]
    anchor: str  # a few words that occur in those lines, so a test can prove the citation

    @property
    def region(self) -> str | None:
        return next((slug for slug, doc in REGIONS.items() if doc == self.document), None)

    @property
    def label(self) -> str:
        first, last = self.lines
        span = f"r. {first}" if first == last else f"r. {first}–{last}"
        return f"{self.document} {span}"


@dataclass(frozen=True)
class Entry:
    id: str
    regions: tuple[str, ...]
    sources: tuple[Source, ...]
    rule: str
    kind: str
    implementation: str
    tests: tuple[str, ...] = ()
    edge_inside: str = ""
    edge_outside: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def all_tests(self) -> tuple[str, ...]:
        edge = tuple(t for t in (self.edge_inside, self.edge_outside) if t)
        return tuple(dict.fromkeys(edge + self.tests))

    @property
    def region_names(self) -> list[str]:
        return [REGION_NAMES[slug] for slug in self.regions]

    def applies_to(self, region: str) -> bool:
        return region in self.regions


def _fail(index: int, entry_id: str, message: str) -> RegisterError:
    return RegisterError(f"register entry #{index + 1} ({entry_id or 'no id'}): {message}")


def parse(data: object) -> list[Entry]:
    """Entries from the YAML structure; raises :class:`RegisterError` on any format fault."""
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RegisterError("the register is a mapping with a list under 'rules'")
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["rules"]):
        entries.append(_entry(index, raw, seen))
    return entries


def _entry(index: int, raw: object, seen: set[str]) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(index, "", "an entry is a mapping")
    entry_id = str(raw.get("id") or "")
    unknown = set(raw) - KEYS
    if unknown:
        raise _fail(index, entry_id, f"unknown keys {sorted(unknown)}")
    if not ID_PATTERN.match(entry_id):
        raise _fail(index, entry_id, "id is upper case words joined by '-', e.g. LEEFTIJD-18")
    if entry_id in seen:
        raise _fail(index, entry_id, "id occurs twice")
    seen.add(entry_id)
    regions = raw.get("regions")
    if not isinstance(regions, list) or not regions or any(r not in REGIONS for r in regions):
        raise _fail(index, entry_id, f"regions is a non-empty list of {sorted(REGIONS)}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(index, entry_id, f"kind is one of {list(KINDS)}")
    rule = raw.get("rule")
    if not isinstance(rule, str) or not rule.strip():
        raise _fail(index, entry_id, "rule is one Dutch sentence")
    implementation = raw.get("implementation")
    if not isinstance(implementation, str) or not DOTTED.match(implementation):
        raise _fail(index, entry_id, "implementation is the dotted path of the function that applies it")
    sources = tuple(_source(index, entry_id, s) for s in raw.get("sources") or [])
    if not sources:
        raise _fail(index, entry_id, "sources lists at least one document with its lines")
    for source in sources:
        if source.region not in regions:
            raise _fail(index, entry_id, f"source {source.document} is not a document of its regions")
    tests = raw.get("tests") or []
    if not isinstance(tests, list):
        raise _fail(index, entry_id, "tests is a list of pytest node ids")
    edge = raw.get("edge") or {}
    if not isinstance(edge, dict) or set(edge) - {"inside", "outside"}:
        raise _fail(index, entry_id, "edge has the keys inside and outside")
    if kind in EDGE_KINDS and not (edge.get("inside") and edge.get("outside")):
        raise _fail(index, entry_id, f"a '{kind}' rule names the test on each side of its edge (edge)")
    node_ids = [*tests, *edge.values()]
    if not node_ids:
        raise _fail(index, entry_id, "tests names at least one test that proves the rule")
    for node_id in node_ids:
        if not isinstance(node_id, str) or not NODE_ID.match(node_id):
            raise _fail(index, entry_id, f"{node_id!r} is not a pytest node id (tests/...py::test_name)")
    return Entry(
        id=entry_id,
        regions=tuple(regions),
        sources=sources,
        rule=" ".join(rule.split()),
        kind=kind,
        implementation=implementation,
        tests=tuple(tests),
        edge_inside=edge.get("inside", ""),
        edge_outside=edge.get("outside", ""),
        notes=" ".join(str(raw.get("notes") or "").split()),
    )


def _source(index: int, entry_id: str, raw: object) -> Source:
    if not isinstance(raw, dict) or set(raw) != {"document", "lines", "anchor"}:
        raise _fail(index, entry_id, "a source has exactly document, lines and anchor")
    lines = raw["lines"]
    if (
        not isinstance(lines, list)
        or len(lines) != 2
        or not all(isinstance(n, int) and n > 0 for n in lines)
        or lines[0] > lines[1]
    ):
        raise _fail(index, entry_id, "lines is [first, last], 1-based, first <= last")
    if raw["document"] not in REGIONS.values():
        raise _fail(index, entry_id, f"document {raw['document']!r} is not one of the four source documents")
    anchor = raw["anchor"]
    if not isinstance(anchor, str) or not anchor.strip():
        raise _fail(index, entry_id, "anchor is a few words that occur in the cited lines")
    return Source(document=raw["document"], lines=(lines[0], lines[1]), anchor=anchor.strip())


def load(path: Path = PATH) -> list[Entry]:
    """Every entry of the register file at ``path``, checked for format."""
    with path.open(encoding="utf-8") as handle:
        return parse(yaml.safe_load(handle))


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The register of this release (read once per process)."""
    return tuple(load())


def get(entry_id: str) -> Entry | None:
    return next((entry for entry in entries() if entry.id == entry_id), None)


def for_region(region: str) -> list[Entry]:
    return [entry for entry in entries() if entry.applies_to(region)]


def applies(entry_id: str, region: str | None) -> bool:
    """Whether the rule ``entry_id`` holds in ``region`` (a catalogue slug).

    This is how a rule function keeps to its own region: it asks the register instead of
    knowing region names itself. An unknown id is a programming error, not a silent no.
    """
    entry = get(entry_id)
    if entry is None:
        raise KeyError(f"the rule register has no entry {entry_id}")
    return region is not None and entry.applies_to(region)
