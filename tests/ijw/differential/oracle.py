"""Both judges on the same bytes: the official rule stylesheet and jeugdketen.ijw."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from lxml import etree

from jeugdketen.ijw.validate import validate

#: The namespace of the official validation report (``validatie/1_1/rapport``).
REPORT_NS = "{http://www.istandaarden.nl/validatie/1_1/rapport/schema}"

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("JEUGDKETEN_SHARED", ROOT.parent / "shared"))

Finding = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Verdict:
    """What the two judges said about one message."""

    code: str
    xsd_valid: bool
    oracle: frozenset[Finding]
    ours: frozenset[Finding]

    @property
    def same(self) -> bool:
        return self.oracle == self.ours

    def describe(self) -> str:
        only_oracle = sorted(self.oracle - self.ours)
        only_ours = sorted(self.ours - self.oracle)
        lines = [f"{self.code}: the official stylesheet and jeugdketen.ijw differ"]
        lines += [f"  only official: {code} {list(where)}" for code, where in only_oracle]
        lines += [f"  only ours:     {code} {list(where)}" for code, where in only_ours]
        return "\n".join(lines)


class Judges:
    """The official XSDs, the official rule stylesheet and our validator, loaded once."""

    def __init__(self, shared: Path = SHARED) -> None:
        self.shared = shared
        self._schemas: dict[str, etree.XMLSchema] = {}

    @cached_property
    def stylesheet(self) -> etree.XSLT:
        return etree.XSLT(etree.parse(str(self.shared / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl")))

    @cached_property
    def xslt_version(self) -> str:
        """The XSLTVersie the official stylesheet writes into its report header."""
        report = self.stylesheet(etree.ElementTree(etree.fromstring(example_bytes(self.shared, "JW301"))))
        return report.getroot().findtext(f"{REPORT_NS}Header/{REPORT_NS}XSLTVersie")

    def schema(self, code: str) -> etree.XMLSchema:
        if code not in self._schemas:
            self._schemas[code] = etree.XMLSchema(
                etree.parse(str(self.shared / "ijw" / "xsd" / f"{code}.xsd"))
            )
        return self._schemas[code]

    def xsd_valid(self, code: str, root: etree._Element) -> bool:
        return self.schema(code).validate(root)

    def official(self, root: etree._Element) -> frozenset[Finding]:
        """The findings of the official stylesheet: every Fout as (Code, sorted Locatie texts)."""
        report = self.stylesheet(etree.ElementTree(root))
        return frozenset(
            (
                fout.findtext(f"{REPORT_NS}Code"),
                tuple(sorted(locatie.text for locatie in fout.iter(f"{REPORT_NS}Locatie"))),
            )
            for fout in report.getroot().iter(f"{REPORT_NS}Fout")
        )

    @staticmethod
    def ours(xml: bytes) -> frozenset[Finding]:
        """Our findings on the same bytes: structure first, then the content rules."""
        report = validate(xml)
        return frozenset((issue.code, tuple(sorted(issue.locations))) for issue in report.issues)

    def judge(self, code: str, xml: bytes) -> Verdict:
        """Both verdicts; the stylesheet is only asked about a message the official XSD accepts."""
        root = etree.fromstring(xml)
        if not self.xsd_valid(code, root):
            return Verdict(code, False, frozenset(), frozenset())
        return Verdict(code, True, self.official(root), self.ours(xml))


def example_bytes(shared: Path, code: str) -> bytes:
    return (shared / "ijw" / "voorbeelden" / f"{code}.xml").read_bytes()


@cache
def judges() -> Judges:
    """One set of judges for a whole test session (the stylesheet takes a moment to compile)."""
    return Judges()


def assert_official(code: str, root: etree._Element) -> None:
    """When the official XSD accepts ``root``, our findings are exactly the official stylesheet's."""
    xml = etree.tostring(root)
    verdict = judges().judge(code, xml)
    assert verdict.same, verdict.describe()
