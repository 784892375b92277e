"""The verdict on one bill line: the findings of the rules that refuse it, and what it bills.

A finding carries the rule's own code (a TR rule, or a readable code of the contract or the
product book, :mod:`.rules`), the WJ001 retourcode a JW325 can carry, and a Dutch text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .jw323 import Line
from .rules import RULES


@dataclass(slots=True)
class Finding:
    rule: str
    retourcode: str
    text: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "retourcode": self.retourcode, "text": self.text}


@dataclass(slots=True)
class Verdict:
    line: Line
    findings: list[Finding] = field(default_factory=list)
    toewijzing_id: int | None = None
    client_id: int | None = None
    product_id: int | None = None
    counts_as_billed: bool = True
    closes_debit: int | None = None  # id of the debit Prestatie a credit line closes

    @property
    def accepted(self) -> bool:
        return not self.findings

    @property
    def retourcodes(self) -> list[str]:
        return list(dict.fromkeys(finding.retourcode for finding in self.findings))

    def reject(self, rule: str, text: str) -> None:
        self.findings.append(Finding(rule, RULES[rule].retourcode, text))
