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


def local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def location(element) -> str:
    """XPath of local names from the root, with ``[n]`` only where siblings share the name.

    ``/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]``
    """
    steps: list[str] = []
    node = element
    while node is not None:
        name = local_name(node.tag)
        parent = node.getparent()
        if parent is not None:
            same = [sibling for sibling in parent if local_name(sibling.tag) == name]
            if len(same) > 1:
                name = f"{name}[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))
