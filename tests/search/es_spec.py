"""Validate Elasticsearch request bodies against Elastic's own OpenAPI specification.

No cluster runs where the tests run: this is how the project checks that every body the
Elasticsearch backend builds is one Elasticsearch accepts. The OpenAPI 3.0 document Elastic
generates from ``elastic/elasticsearch-specification`` is shared beside the repository at
``../shared/elasticsearch/`` (never copied into it). Its schemas rarely close their objects, so
the validator reads it in a closed world:

* an object schema with ``properties`` and no ``additionalProperties`` is CLOSED: an unknown or
  misplaced key (``multi_mach``, a setting at the wrong level) is an error. Closedness is decided
  over an ``allOf`` group as a whole (a ``MultiMatchQuery`` is ``QueryBase`` + its own keys);
* ``oneOf`` is read as "at least one": the generator writes TypeScript unions as ``oneOf`` even
  when members overlap (``FieldValue`` lists ``number`` twice), so exclusive matching would
  refuse valid bodies. A ``discriminator`` picks its branch directly (mapping property types,
  analyzer types), so a wrong ``type`` is reported as such;
* ``minProperties``/``maxProperties`` of one part of an ``allOf`` count only that part's own
  keys: the generator encodes "exactly one variant" containers (an aggregation is one variant plus
  the shared ``aggregations``/``meta``) this way.

Two shapes the generator drops are restored by :data:`OVERLAYS`, from the TypeScript
specification: a field sort (``{"created_at": {"order": "desc"}}``, ``SortOptions``' additional
property) and a ``terms`` query's field (``TermsQuery``' additional property). Shorthands the
document states (``Fields`` as a string or a list, ``Sort`` as one item or a list) pass through
its ``oneOf``; shorthands it omits (``{"term": {"f": "v"}}``) fail, so the backend writes long
forms. The document is loaded once per process and resolved groups are cached.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

#: Beside the repository: ``<checkout>/../shared/elasticsearch/``.
SPEC_PATH = Path(__file__).resolve().parents[3] / "shared" / "elasticsearch" / "elasticsearch-openapi.json"
_REF = "#/components/schemas/"

_STRING = {"type": "string"}
_FIELD_SORT = {"type": "object", "properties": {
    "format": _STRING, "missing": {"$ref": _REF + "_types.aggregations.Missing"},
    "mode": {"$ref": _REF + "_types.SortMode"}, "nested": {"$ref": _REF + "_types.NestedSortValue"},
    "numeric_type": {"type": "string", "enum": ["long", "double", "date", "date_nanos"]},
    "order": {"$ref": _REF + "_types.SortOrder"}, "unmapped_type": _STRING,
}}
_TERMS_LOOKUP = {"type": "object", "required": ["index", "id", "path"], "properties": {
    "index": _STRING, "id": _STRING, "path": _STRING, "routing": {"$ref": _REF + "_types.Routing"}}}
#: Component name -> keys added to it: what the OpenAPI generator loses of the specification's
#: ``AdditionalProperty`` behaviours (specification/_types/sort.ts, query_dsl/term.ts).
OVERLAYS: dict[str, dict[str, Any]] = {
    "_types.SortOptions": {"additionalProperties": {"oneOf": [_FIELD_SORT, {"$ref": _REF + "_types.SortOrder"}]}},
    "_types.query_dsl.TermsQuery": {"additionalProperties": {"oneOf": [
        {"type": "array", "items": {"$ref": _REF + "_types.FieldValue"}}, _TERMS_LOOKUP]}},
}

#: Schema keywords the validator understands; anything else (but ``x-`` extensions) is an error,
#: so that a newer specification using a new keyword cannot pass silently.
_KNOWN = frozenset({
    "type", "$ref", "description", "allOf", "oneOf", "anyOf", "properties", "required", "enum",
    "default", "items", "additionalProperties", "minProperties", "maxProperties", "nullable",
    "deprecated", "discriminator", "externalDocs", "title", "format", "example", "examples",
})


class SpecError(RuntimeError):
    """The specification cannot be used: missing file, unknown operation, unsupported construct."""


class SpecValidationError(AssertionError):
    """A body does not conform; ``errors`` lists each problem with its JSON path."""

    def __init__(self, operation: str, errors: list[str]) -> None:
        super().__init__(f"{operation}: " + "; ".join(errors[:8]) + (" ..." if len(errors) > 8 else ""))
        self.operation = operation
        self.errors = errors


@dataclass
class _Group:
    """An ``allOf`` group flattened: what every part of it demands of one value."""

    types: list[str] = field(default_factory=list)
    nullable: bool = False
    properties: dict[str, list[Any]] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    additional: list[Any] = field(default_factory=list)
    counts: list[tuple[frozenset[str] | None, int | None, int | None]] = field(default_factory=list)
    enums: list[list[Any]] = field(default_factory=list)
    unions: list[tuple[list[Any], Mapping[str, Any] | None]] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        # A bare {"type": "object"} beside QueryBase in an allOf is the generator's empty subclass
        # body (MatchAllQuery), not an opening: the group stays closed over QueryBase's keys.
        return bool(self.properties) and not self.additional


class Spec:
    """The loaded OpenAPI document and a validator over it.

    Arguments:
        document: the parsed OpenAPI JSON.
    """

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.schemas: dict[str, Any] = dict(document["components"]["schemas"])
        for name, patch in OVERLAYS.items():
            if name not in self.schemas:
                raise SpecError(f"overlay target {name} is not in the specification")
            self.schemas[name] = {**self.schemas[name], **patch}
        self._groups: dict[int | str, tuple[Any, _Group]] = {}

    # -- operations ---------------------------------------------------------------------------------

    def template(self, path: str) -> str:
        """The specification's path template for ``path`` (``/shop-products/_search`` ->
        ``/{index}/_search``); literal segments win over parameters.

        Raises:
            SpecError: no path of the specification matches.
        """
        if path in self.document["paths"]:
            return path
        parts = path.strip("/").split("/")

        def fits(want: str, got: str) -> bool:  # a parameter never takes an API name (``_search``)
            return want == got or (want.startswith("{") and bool(got) and not got.startswith("_"))

        matches = [(sum(w == g for w, g in zip(pattern, parts)), candidate)
                   for candidate in self.document["paths"]
                   for pattern in [candidate.strip("/").split("/")]
                   if len(pattern) == len(parts) and all(fits(w, g) for w, g in zip(pattern, parts))]
        if not matches:
            raise SpecError(f"no operation of the specification matches {path}")
        return max(matches)[1]

    def request_schema(self, method: str, path: str) -> Any:
        """The JSON request-body schema of an operation.

        Raises:
            SpecError: unknown operation, or it takes no JSON body.
        """
        template = self.template(path)
        operation = self.document["paths"][template].get(method.lower())
        if not isinstance(operation, dict) or "requestBody" not in operation:
            raise SpecError(f"{method.upper()} {template} takes no request body in the specification")
        body = operation["requestBody"]
        if "$ref" in body:
            body = self.document["components"]["requestBodies"][body["$ref"].rsplit("/", 1)[-1]]
        try:
            return body["content"]["application/json"]["schema"]
        except KeyError:
            raise SpecError(f"{method.upper()} {template} has no application/json body") from None

    def errors(self, method: str, path: str, body: Any) -> list[str]:
        """Every way ``body`` (as it is serialised to JSON) breaks the operation's request schema."""
        if self.template(path).endswith("/_bulk"):
            return self.bulk_errors(body)
        return self.check(_as_json(body), self.request_schema(method, path))

    def validate(self, method: str, path: str, body: Any) -> None:
        """Raise :class:`SpecValidationError` unless ``body`` conforms to the operation.

        Arguments:
            method, path: the operation (``"POST"``, ``"/{index}/_search"`` or a concrete path).
            body: a JSON-serialisable value; for ``_bulk``, NDJSON text or a list of lines.
        """
        found = self.errors(method, path, body)
        if found:
            raise SpecValidationError(f"{method.upper()} {self.template(path)}", found)

    def bulk_errors(self, body: str | bytes | Iterable[Any]) -> list[str]:
        """Check an NDJSON bulk body: each action line against ``OperationContainer``, the line
        after ``index``/``create`` as a free-form document (any JSON object), after ``update``
        against ``UpdateAction``; ``delete`` has no second line."""
        if isinstance(body, (str, bytes)):
            body = body.decode("utf-8") if isinstance(body, bytes) else body
            raw: list[Any] = [line for line in body.split("\n") if line.strip()]
        else:
            raw = list(body)
        try:
            lines = [json.loads(line) if isinstance(line, (str, bytes)) else _as_json(line) for line in raw]
        except ValueError as exc:
            return [f"$: a line is not JSON ({exc})"]
        if not lines:
            return ["$: an empty bulk request"]
        action_schema, update_schema = ({"$ref": _REF + "_global.bulk." + name}
                                        for name in ("OperationContainer", "UpdateAction"))
        errors: list[str] = []
        i = 0
        while i < len(lines):
            action = lines[i]
            found = self.check(action, action_schema, f"$[{i}]")
            errors.extend(found)
            kind = next(iter(action), None) if isinstance(action, dict) and not found else None
            if kind in ("index", "create", "update"):
                if i + 1 >= len(lines):
                    errors.append(f"$[{i}]: {kind} needs a source line after it")
                elif kind == "update":
                    errors.extend(self.check(lines[i + 1], update_schema, f"$[{i + 1}]"))
                elif not isinstance(lines[i + 1], dict):
                    errors.append(f"$[{i + 1}]: a source document must be a JSON object")
                i += 2
            else:
                i += 1
        return errors

    # -- schemas ------------------------------------------------------------------------------------

    def _resolve(self, schema: Any) -> Any:
        for _ in range(50):
            if not (isinstance(schema, dict) and "$ref" in schema):
                return schema
            if not schema["$ref"].startswith(_REF):
                raise SpecError(f"unsupported reference {schema['$ref']}")
            schema = self.schemas[schema["$ref"][len(_REF):]]
        raise SpecError(f"reference loop at {schema}")

    def _group(self, schema: Any) -> _Group:
        # A bare reference is cached by its target; any other schema by identity, kept alive in
        # the cache so that its id cannot be reused by a later, different dict.
        is_ref = isinstance(schema, dict) and len(schema) == 1 and "$ref" in schema
        key: int | str = schema["$ref"] if is_ref else id(schema)
        cached = self._groups.get(key)
        if cached is not None:
            return cached[1]
        group = _Group()
        self._fill(group, schema)
        if group.unions and group.properties:
            raise SpecError("a schema mixing properties and oneOf/anyOf in one allOf group is not supported")
        self._groups[key] = (schema, group)
        return group

    def _fill(self, group: _Group, schema: Any) -> None:
        schema = self._resolve(schema)
        if not isinstance(schema, dict):
            raise SpecError(f"not a schema: {schema!r}")
        unknown = [k for k in schema if k not in _KNOWN and not k.startswith("x-")]
        if unknown:
            raise SpecError(f"unsupported schema keywords {unknown}")
        if "type" in schema:
            group.types.append(schema["type"])
        group.nullable |= bool(schema.get("nullable"))
        own = frozenset(schema.get("properties", ()))
        for name, sub in schema.get("properties", {}).items():
            group.properties.setdefault(name, []).append(sub)
        group.required |= set(schema.get("required", ()))
        extra = schema.get("additionalProperties")
        if extra is True or isinstance(extra, dict):
            group.additional.append({} if extra is True else extra)
        if "minProperties" in schema or "maxProperties" in schema:
            counted = None if extra is not None or not own else own  # with additional keys: all count
            group.counts.append((counted, schema.get("minProperties"), schema.get("maxProperties")))
        if "enum" in schema:
            group.enums.append(schema["enum"])
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                group.unions.append((schema[keyword], schema.get("discriminator")))
        if "items" in schema:
            group.items.append(schema["items"])
        for part in schema.get("allOf", ()):
            self._fill(group, part)

    def check(self, value: Any, schema: Any, path: str = "$") -> list[str]:
        """Every way ``value`` breaks ``schema`` (a schema dict or ``{"$ref": ...}``), with paths."""
        group = self._group(schema)
        if value is None:
            if group.nullable or not (group.types or group.enums or group.unions or group.properties):
                return []
            return [f"{path}: null is not allowed"]
        errors: list[str] = []
        for expected in group.types:
            if not _is_type(value, expected):
                return [f"{path}: expected {expected}, got {type(value).__name__} {_short(value)}"]
        for allowed in group.enums:
            if not any(_same(value, option) for option in allowed):
                errors.append(f"{path}: {_short(value)} is not one of {allowed[:12]}")
        for branches, discriminator in group.unions:
            errors.extend(self._union(value, branches, discriminator, path))
        if isinstance(value, dict):
            errors.extend(self._object(value, group, path))
        if isinstance(value, list):
            for i, item in enumerate(value):
                for items in group.items:
                    errors.extend(self.check(item, items, f"{path}[{i}]"))
        return errors

    def _object(self, value: dict[str, Any], group: _Group, path: str) -> list[str]:
        errors = [f"{path}: missing required key {name!r}" for name in sorted(group.required) if name not in value]
        for own, low, high in group.counts:
            count = len(value) if own is None else sum(1 for k in value if k in own)
            if low is not None and count < low:
                errors.append(f"{path}: needs at least {low} of {sorted(own)[:10] if own else 'keys'}")
            if high is not None and count > high:
                names = sorted(k for k in value if own is None or k in own)
                errors.append(f"{path}: at most {high} of these keys may be given, got {names}")
        for key, item in value.items():
            where = f"{path}.{key}"
            if key in group.properties:
                for sub in group.properties[key]:
                    errors.extend(self.check(item, sub, where))
            elif group.additional:
                for sub in group.additional:
                    errors.extend(self.check(item, sub, where))
            elif group.closed:
                near = sorted(group.properties)
                errors.append(f"{where}: unknown key {key!r} (allowed: {', '.join(near[:40])}"
                              f"{' ...' if len(near) > 40 else ''})")
        return errors

    def _union(self, value: Any, branches: list[Any], discriminator: Mapping[str, Any] | None,
               path: str) -> list[str]:
        if discriminator and isinstance(value, dict) and discriminator["propertyName"] in value:
            tag = value[discriminator["propertyName"]]
            target = discriminator.get("mapping", {}).get(tag) if isinstance(tag, str) else None
            if target is None:
                options = sorted(discriminator.get("mapping", {}))
                return [f"{path}.{discriminator['propertyName']}: unknown {_short(tag)} "
                        f"(one of {', '.join(options[:30])} ...)"]
            return self.check(value, {"$ref": target}, path)
        results = []
        for branch in branches:
            found = self.check(value, branch, path)
            if not found:
                return []
            results.append(found)
        # Report the alternative that got furthest into the value (the most specific complaint).
        best = max(results, key=lambda errs: (max(_depth(e) for e in errs), -len(errs)))
        return best if len(best) == 1 else [f"{path}: matches none of {len(branches)} alternatives; closest: "
                                            + "; ".join(best[:3])]


def _depth(error: str) -> int:
    """How deep into the value an error's path goes."""
    where = error.split(": ", 1)[0]
    return where.count(".") + where.count("[")


def _as_json(value: Any) -> Any:
    """``value`` as Elasticsearch receives it: serialised to JSON and read back (tuples become
    lists; anything JSON cannot carry fails here)."""
    return json.loads(json.dumps(value, ensure_ascii=False, allow_nan=False))


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict), "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str), "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def _is_type(value: Any, expected: str) -> bool:
    if expected not in _TYPES:
        raise SpecError(f"unsupported type {expected!r}")
    return _TYPES[expected](value)


def _same(value: Any, option: Any) -> bool:
    """Enum equality that does not confuse ``True`` with ``1``."""
    return (isinstance(value, bool) == isinstance(option, bool)) and value == option


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@lru_cache(maxsize=4)
def load_spec(path: Path = SPEC_PATH) -> Spec:
    """The specification, parsed once per process.

    Raises:
        SpecError: the file is missing.
    """
    if not path.is_file():
        raise SpecError(f"the Elasticsearch specification is not at {path}")
    with path.open(encoding="utf-8") as handle:
        return Spec(json.load(handle))


def spec_or_skip(path: Path = SPEC_PATH) -> Spec:
    """The specification for a test; skips the test if the shared file is absent, or fails it
    when ``REQUIRE_SHARED=1`` (continuous integration must not skip silently)."""
    import pytest

    try:
        return load_spec(path)
    except SpecError as exc:
        reason = f"{exc}; the body tests need ../shared/elasticsearch beside the checkout"
        if os.environ.get("REQUIRE_SHARED") == "1":
            pytest.fail(f"REQUIRE_SHARED=1 but {reason}")
        pytest.skip(reason)
