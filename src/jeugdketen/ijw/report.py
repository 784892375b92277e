"""The validation report: what was wrong, where, and which retourcode answers it.

Every check in :mod:`jeugdketen.ijw` (structure, TR, CD, CS) produces :class:`Issue`
objects. An issue names the rule code literally as iJw does (``TR101``, ``CS003``) or
``XSD`` for a structural error, the WJ001 retourcode that a retour message carries for
it, the locations as XPaths of local element names, and a Dutch text for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    return_code: str
    locations: tuple[str, ...]
    text: str

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "return_code": self.return_code,
            "locations": list(self.locations),
            "text": self.text,
        }


@dataclass(slots=True)
class Report:
    """The verdict on one message."""

    message: str | None  # "JW323", or None when the input was not iJw at all
    schema_valid: bool = True
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.schema_valid and not self.issues

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]
