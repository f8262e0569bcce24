"""A record's other shapes, read from its dataclass: Arrow schema, JSON Schema, plain row.

A record's fields are declared once, as a frozen dataclass (``tinkuy.model``);
the Arrow schema of its Parquet files and store tables and the JSON Schema
published for its users are read from the fields and their type hints:

==========================  =====================  ==================================
type hint                   Arrow                  JSON Schema
==========================  =====================  ==================================
``str``                     ``string``             ``string``
``int``                     ``int32``              ``integer``
``float``                   ``float64``            ``number``
``bool``                    ``bool``               ``boolean``
``dt.date``                 ``date32``             ``string`` of format ``date``
``Literal["a", "b"]``       ``string``             ``enum``
``X | None``                X (Arrow is nullable)  X or ``null``
``tuple[X, ...]``           list of X              array of X
``tuple[X, X]``             list of X              array of two X
a dataclass                 struct                 object, defined once in ``$defs``
==========================  =====================  ==================================

What a type hint cannot say goes in the field's metadata, written with
``about``: the JSON Schema description and further keywords (a pattern,
bounds), merged into what the type gives, and a narrower Arrow integer
(``int8``). Every field is required in the JSON Schema, since a record always
writes all its fields, and an object admits no other property.

A record becomes a row of plain values (nested dicts and lists, as Arrow and
DuckDB take and give them) with ``to_row``, and comes back with ``from_row``.

pyarrow is imported by the functions that build Arrow types, so the records
can declare their metadata without loading it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import types
from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, cast, get_args, get_origin, get_type_hints

if TYPE_CHECKING:
    import pyarrow as pa

R = TypeVar("R")

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_JSON_TYPES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date"},
}
_ARROW_TYPES: dict[Any, str] = {str: "string", int: "int32", float: "float64", bool: "bool_", dt.date: "date32"}
"""The factory in ``pyarrow`` of each scalar's Arrow type."""


def about(description: str | None = None, *, arrow: str | None = None, **json: Any) -> dict[str, Any]:
    """Field metadata (``dataclasses.field(metadata=about(...))``): a JSON Schema description and
    keywords, and ``arrow``, the ``pyarrow`` factory of a narrower integer (``"int8"``)."""
    keywords = ({"description": description} if description else {}) | json
    return ({"json": keywords} if keywords else {}) | ({"arrow": arrow} if arrow else {})


@cache
def typed_fields(record: type) -> tuple[tuple[str, Any, Mapping[str, Any]], ...]:
    """(name, resolved type hint, metadata) of each field of a dataclass, in order (read once per dataclass)."""
    hints = get_type_hints(record)
    return tuple((f.name, hints[f.name], f.metadata) for f in dataclasses.fields(record))


def optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether it was optional."""
    args = get_args(hint)
    if get_origin(hint) in (Union, types.UnionType) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"only X | None is supported, not {hint!r}")
        return inner[0], True
    return hint, False


def _items(hint: Any) -> tuple[Any, int | None]:
    """The item type of a tuple hint, and its length when fixed (``tuple[int, int]``)."""
    args = get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis:
        return args[0], None
    if not args or any(a != args[0] for a in args):
        raise TypeError(f"only tuples of one item type are supported, not {hint!r}")
    return args[0], len(args)


def arrow_fields(record: type, exclude: Collection[str] = ()) -> list[pa.Field]:
    """The Arrow fields of a dataclass, but those named in ``exclude``."""
    import pyarrow as pa

    return [
        pa.field(name, arrow_type(hint, meta.get("arrow"))) for name, hint, meta in typed_fields(record) if name not in exclude
    ]


def arrow_schema(record: type, exclude: Collection[str] = ()) -> pa.Schema:
    """The Arrow schema of a dataclass's rows, but the fields named in ``exclude``."""
    import pyarrow as pa

    return pa.schema(arrow_fields(record, exclude))


def arrow_type(hint: Any, width: str | None = None) -> pa.DataType:
    """The Arrow type of a type hint; ``width`` names a narrower integer."""
    import pyarrow as pa

    hint, _ = optional(hint)
    if get_origin(hint) is Literal:
        return pa.string()
    if get_origin(hint) is tuple:
        return pa.list_(arrow_type(_items(hint)[0]))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return pa.struct(arrow_fields(hint))
    if hint not in _ARROW_TYPES:
        raise TypeError(f"no Arrow type for {hint!r}")
    factory: Any = getattr(pa, width if hint is int and width else _ARROW_TYPES[hint])
    return factory()


def json_schema(record: type, **keywords: Any) -> dict[str, Any]:
    """The JSON Schema of a dataclass's records; ``keywords`` (``$id``, ``title``) open it.

    Its description is the first paragraph of the dataclass's docstring, and
    each nested dataclass is defined once under ``$defs``.
    """
    definitions: dict[str, dict[str, Any]] = {}
    body = _object(record, definitions)
    return {"$schema": JSON_SCHEMA_DIALECT, **keywords, **body, "$defs": dict(sorted(definitions.items()))}


def _object(record: type, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    described = typed_fields(record)
    return {
        "description": " ".join(inspect.cleandoc(record.__doc__ or "").split("\n\n")[0].split()),
        "type": "object",
        "required": [name for name, _, _ in described],
        "properties": {name: _merged(_json(hint, definitions), meta.get("json", {})) for name, hint, meta in described},
        "additionalProperties": False,
    }


def _json(hint: Any, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    inner, nullable = optional(hint)
    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
        name = inner.__name__.lower()
        if name not in definitions:
            definitions[name] = _object(inner, definitions)
        reference = {"$ref": f"#/$defs/{name}"}
        return {"anyOf": [reference, {"type": "null"}]} if nullable else reference
    schema = _json_value(inner, definitions)
    if nullable and "enum" in schema:
        return schema | {"enum": [*schema["enum"], None]}
    return schema | {"type": [schema["type"], "null"]} if nullable else schema


def _json_value(hint: Any, definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if get_origin(hint) is Literal:
        return {"enum": list(get_args(hint))}
    if get_origin(hint) is tuple:
        item, length = _items(hint)
        fixed = {"minItems": length, "maxItems": length} if length is not None else {}
        return {"type": "array", "items": _json(item, definitions)} | fixed
    if hint not in _JSON_TYPES:
        raise TypeError(f"no JSON Schema type for {hint!r}")
    return dict(_JSON_TYPES[hint])


def _merged(schema: dict[str, Any], keywords: Mapping[str, Any]) -> dict[str, Any]:
    """The schema with the keywords added; a keyword holding an object adds to the schema's own."""
    merged = dict(schema)
    for key, value in keywords.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, Mapping) and key in merged else value
    return merged


def to_row(record: Any) -> dict[str, Any]:
    """A dataclass record as a row of plain values: nested records as dicts, tuples as lists."""
    row: dict[str, Any] = _plain(dataclasses.asdict(record))
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def from_row(record: type[R], row: Mapping[str, Any]) -> R:
    """The record a row of plain values holds (a row of ``to_row``, of Arrow or of the store)."""
    readers: tuple[tuple[str, Reader | None], ...] = _readers(cast(type, record))  # mypy cannot tell a class is hashable
    return record(**{name: row[name] if read is None else read(row[name]) for name, read in readers})


Reader = Callable[[Any], Any]
"""Makes a field's value from its plain value (None stays None)."""


@cache
def _readers(record: type) -> tuple[tuple[str, Reader | None], ...]:
    """Each field's name and its reader, or None when the plain value is the field's value."""
    return tuple((name, _reader(hint)) for name, hint, _ in typed_fields(record))


def _reader(hint: Any) -> Reader | None:
    inner, _ = optional(hint)
    if isinstance(inner, type) and dataclasses.is_dataclass(inner):
        nested = inner
        return lambda value: None if value is None else from_row(nested, value)
    if get_origin(inner) is tuple:
        item = _reader(_items(inner)[0])
        if item is None:
            return lambda value: None if value is None else tuple(value)
        return lambda value: None if value is None else tuple(item(v) for v in value)
    return None
