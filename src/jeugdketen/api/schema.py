"""OpenAPI post-processing for the Dutch API Design Rules.

Every operation documents its problem+json error answers and the ``API-Version`` header
(API-57); the schema names the token scheme, never a secret in a URL (API-03, API-06).
"""

from __future__ import annotations

ERRORS = {
    "400": "Ongeldige invoer",
    "401": "Niet geauthenticeerd",
    "403": "Geen toegang",
    "404": "Niet gevonden",
    "405": "Methode niet toegestaan",
    "406": "Niet aanvaardbaar",
    "415": "Mediatype niet ondersteund",
    "429": "Te veel verzoeken",
    "500": "Interne fout",
}

API_VERSION_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API (semver)",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}


def add_problem_responses(result, generator, request, public):
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.setdefault(
        "Problem",
        {
            "type": "object",
            "description": "RFC 9457 problem details",
            "properties": {
                "type": {"type": "string", "format": "uri-reference", "default": "about:blank"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "invalid-params": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["type", "title", "status"],
        },
    )
    problem_ref = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, text in ERRORS.items():
                if code == "415" and method not in {"post", "put", "patch"}:
                    continue
                responses.setdefault(code, {"description": text})
            for code, answer in responses.items():
                if code[0] in "45":
                    # Errors are only ever problem+json, whatever a serializer-derived default says.
                    answer["content"] = dict(problem_ref)
                if code.startswith("2"):
                    answer.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result
