"""The OpenAPI document and a reference page rendered from it (no external scripts or styles)."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template

from catalogue.api import bp
from catalogue.api.openapi import document
from catalogue.api.problems import problem_details

METHODS = ("get", "head", "post", "put", "patch", "delete")


def describe(schema: dict[str, Any]) -> str:
    """A short type name for a JSON Schema: ``integer``, ``ProductOut``, ``array of string`` ..."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(describe(part) for part in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"array of {describe(schema.get('items', {}))}"
    if kind == "object" and isinstance(schema.get("additionalProperties"), dict):
        return f"map of {describe(schema['additionalProperties'])}"
    return str(kind)


def operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of the document, in path order, flattened for the template."""
    result = []
    for path, item in sorted(doc["paths"].items()):
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            responses = []
            for status, response in sorted(op.get("responses", {}).items()):
                media, content = next(iter((response.get("content") or {"": {}}).items()))
                responses.append({"status": status, "media": media,
                                  "schema": describe(content["schema"]) if "schema" in content else None})
            result.append({
                "id": op["operationId"], "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "responses": responses,
                "parameters": [{**p, "type": describe(p.get("schema", {}))} for p in op.get("parameters", [])],
            })
    return result


@bp.get("/openapi.json")
def openapi_document() -> Any:
    """The OpenAPI 3.1 document of this API."""
    return current_app.json.response(document())


@bp.get("/docs")
def reference() -> str:
    """A human-readable reference of every operation, problem type and schema."""
    doc = document()
    schemas = [(name, [(field, describe(sub)) for field, sub in schema.get("properties", {}).items()])
               for name, schema in sorted(doc["components"]["schemas"].items())]
    return render_template("api/reference.html", doc=doc, operations=operations(doc), problems=problem_details(),
                           schemas=schemas)
