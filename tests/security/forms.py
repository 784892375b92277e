"""Finds every form on every page, with its free-text fields, by parsing the rendered HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "search", "email", "url", "tel", ""}


@dataclass
class Form:
    action: str
    method: str
    text_fields: list[str] = field(default_factory=list)
    other_fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = Form(attrs.get("action") or "", (attrs.get("method") or "get").lower())
            self.forms.append(self._current)
        elif self._current is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "").lower()
            if kind in TEXT_TYPES:
                self._current.text_fields.append(attrs["name"])
            elif kind in {"hidden", "date", "number", "checkbox", "radio"}:
                self._current.other_fields.setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "textarea" and attrs.get("name"):
            self._current.text_fields.append(attrs["name"])
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
        elif tag == "option" and self._select and self._select not in self._current.other_fields:
            self._current.other_fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
