"""The run-time side of the typed entities of :mod:`mastodon.return_types`.

Typing costs almost nothing because nothing is copied or walked ahead of time:

* A method's declared return type is read once, on its first call, and turned into a
  *typer* (:func:`return_typer`) that gives the top-level answer its class by assigning
  ``__class__`` (the objects the JSON hook built are already ``AttribAccessDict``\\ s, and
  every entity class is a subclass of it with the same layout).
* A nested object gets its class when it is read through its parent
  (``status.account``, ``status["account"]``, ``status.get("account")``), from the
  parent class's table of nested fields (generated from the entity description). An
  object that already has a class other than plain ``AttribAccessDict`` keeps it.
"""
from __future__ import annotations

import json
import logging
import typing
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Generic, Optional, Tuple, Type, TypeVar, Union

from mastodon.utility import AttribAccessDict, AttribAccessList

log = logging.getLogger("mastodon")

#: An id as the client returns it: an ``int`` when numeric (1.8.0's conversion), else a ``str``.
IdType = Union[int, str]

_T = TypeVar("_T")
_E = TypeVar("_E", bound="Entity")
_B = TypeVar("_B", bound="_EntityBase")
_PLAIN = AttribAccessDict
_set = object.__setattr__
_dict_getitem = dict.__getitem__
_dict_get = dict.get
_JSON_TAG = "mastodon_py_type"


class _Choice:
    """Several possible classes for one value (``Quote`` or ``ShallowQuote``, ``Status`` or
    ``ScheduledStatus``): the one with the most of its documented fields present wins
    (the first on a tie)."""

    __slots__ = ("classes", "fields")

    def __init__(self, classes: Tuple[Type["Entity"], ...]) -> None:
        self.classes = classes
        self.fields = tuple(frozenset(c._entity_fields) for c in classes)

    def pick(self, value: Dict[str, Any]) -> Type["Entity"]:
        best, best_score = self.classes[0], -1
        for cls, fields in zip(self.classes, self.fields):
            score = len(fields.intersection(value))
            if score > best_score:
                best, best_score = cls, score
        return best


def _give_class(value: Any, target: Any) -> None:
    if type(target) is _Choice:
        target = target.pick(value)
    _set(value, "__class__", target)


def _type_nested(value: Any, target: Any, many: bool) -> None:
    if many:
        if isinstance(value, list):
            for item in value:
                if item.__class__ is _PLAIN:
                    _give_class(item, target)
    elif value.__class__ is _PLAIN:
        _give_class(value, target)


if TYPE_CHECKING:
    class _EntityBase(Dict[str, Any]):
        """What type checkers see: a dict with the JSON helpers but without AttribAccessDict's
        catch-all ``__getattr__``, so that a misspelt field (``status.acount``) is an error."""

        def to_json(self, indent: Optional[int] = None) -> str: ...

        @classmethod
        def from_json(cls: Type[_B], text: Union[str, bytes]) -> _B: ...
else:
    _EntityBase = AttribAccessDict


class Entity(_EntityBase):
    """Base class of every entity class: an :class:`AttribAccessDict` whose nested objects
    get their declared class when read.

    A class with nested entity fields gets its own ``__getitem__`` and ``get`` (made by
    :func:`bind`, with its table at hand); the others keep ``dict``'s, at C speed.
    """

    #: field -> (class or _Choice, whether the field is a list of them)
    _entity_nested: ClassVar[Dict[str, Tuple[Any, bool]]] = {}
    #: the documented fields (for choosing among classes)
    _entity_fields: ClassVar[Tuple[str, ...]] = ()


def _accessors(table: Dict[str, Tuple[Any, bool]]) -> Tuple[Any, Any, Any]:
    """``__getitem__``, ``get`` and ``__getattr__`` for a class whose nested fields are
    ``table`` (one Python call per access, the table at hand)."""
    if not table:
        return _dict_getitem, _dict_get, AttribAccessDict.__getattr__
    lookup = table.get
    plain = _PLAIN
    give_class = _give_class

    def __getitem__(self: Dict[str, Any], key: Any) -> Any:
        value = _dict_getitem(self, key)
        spec = lookup(key)
        if spec is not None:
            if spec[1]:
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ is plain:
                            give_class(item, spec[0])
            elif value.__class__ is plain:
                give_class(value, spec[0])
        return value

    def __getattr__(self: Dict[str, Any], attr: str) -> Any:
        try:
            value = _dict_getitem(self, attr)
        except KeyError:
            raise AttributeError("Attribute not found: " + str(attr)) from None
        spec = lookup(attr)
        if spec is not None:
            if spec[1]:
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ is plain:
                            give_class(item, spec[0])
            elif value.__class__ is plain:
                give_class(value, spec[0])
        return value

    def get(self: Dict[str, Any], key: Any, default: Any = None) -> Any:
        value = _dict_get(self, key, default)
        spec = lookup(key)
        if spec is not None:
            if spec[1]:
                if value.__class__ is list:
                    for item in value:
                        if item.__class__ is plain:
                            give_class(item, spec[0])
            elif value.__class__ is plain:
                give_class(value, spec[0])
        return value

    return __getitem__, get, __getattr__


class PaginatableList(AttribAccessList, Generic[_T]):
    """A page of a paginated answer (works with fetch_next / fetch_previous)."""


class NonPaginatableList(AttribAccessList, Generic[_T]):
    """A list answer without pagination."""


# Their home for users (and pickles) is mastodon.return_types.
for _cls in (Entity, PaginatableList, NonPaginatableList):
    _cls.__module__ = "mastodon.return_types"


def bind(classes: Dict[str, Any], nested: Dict[str, Dict[str, Tuple[str, bool]]]) -> None:
    """Fill the nested-field tables of the generated classes (called by return_types)."""
    for cls in classes.values():
        if isinstance(cls, type) and issubclass(cls, Entity):
            own = tuple(cls.__dict__.get("__annotations__", {}))
            cls._entity_fields = tuple(cls.__mro__[1].__dict__.get("_entity_fields", ())) + own
    for name, table in nested.items():
        resolved = {}
        for field, (target, many) in table.items():
            options = tuple(classes[part.strip()] for part in target.split("|"))
            resolved[field] = (options[0] if len(options) == 1 else _Choice(options), many)
        classes[name]._entity_nested = resolved
    for cls in set(classes.values()):
        if isinstance(cls, type) and issubclass(cls, Entity):
            getitem, get, getattr_ = _accessors(cls.__dict__.get("_entity_nested", {}))
            setattr(cls, "__getitem__", getitem)  # noqa: B010 - set on the class, per class
            setattr(cls, "get", get)  # noqa: B010
            setattr(cls, "__getattr__", getattr_)  # noqa: B010

# -- top-level typing from a method's declared return type --------------------------------------
class _Typer:
    """Applies a declared return type to a method's result (in place where possible)."""

    def __call__(self, value: Any) -> Any:
        raise NotImplementedError


def _entity_classes(hint: Any) -> Optional[Any]:
    """The class (or _Choice) for a hint made of entity classes only, else None."""
    if isinstance(hint, type) and issubclass(hint, Entity):
        return hint
    if typing.get_origin(hint) is Union:
        args = typing.get_args(hint)
        if all(isinstance(a, type) and issubclass(a, Entity) for a in args):
            return _Choice(args)
    return None


def _make(hint: Any) -> Optional[Callable[[Any], Any]]:
    """A function applying ``hint`` to a value, or None when there is nothing to apply."""
    target = _entity_classes(hint)
    if target is not None:
        def one(value: Any) -> Any:
            if value.__class__ is _PLAIN:
                _give_class(value, target)
            return value
        return one
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (PaginatableList, NonPaginatableList, list) and args:
        element = _entity_classes(args[0])
        list_class = origin if origin is not list else None

        def many(value: Any) -> Any:
            if not isinstance(value, list):
                return value
            if list_class is not None and value.__class__ is not list_class:
                if type(value) is list:
                    value = list_class(value)
                elif type(value) is AttribAccessList:
                    _set(value, "__class__", list_class)
            if element is not None:
                for item in value:
                    if item.__class__ is _PLAIN:
                        _give_class(item, element)
            return value
        return many
    if origin is dict and len(args) == 2:
        element = _entity_classes(args[1])
        if element is None:
            return None

        def values(value: Any) -> Any:
            if isinstance(value, dict):
                for item in dict.values(value):
                    if item.__class__ is _PLAIN:
                        _give_class(item, element)
            return value
        return values
    if origin is tuple and args:
        parts = [_make(a) for a in args]

        def positions(value: Any) -> Any:
            if isinstance(value, tuple) and len(value) == len(parts):
                for part, item in zip(parts, value):
                    if part is not None and item is not None:
                        part(item)
            return value
        return positions
    if origin is Union:
        options = [a for a in args if a is not type(None)]
        typers = [(_kind(a), _make(a)) for a in options]
        if all(t is None for _, t in typers):
            return None

        def union(value: Any) -> Any:
            for kind, typer in typers:
                if typer is not None and isinstance(value, kind):
                    return typer(value)
            return value
        return union
    return None


def _kind(hint: Any) -> Any:
    """The run-time class a value of ``hint`` has (lists of any kind are lists)."""
    origin = typing.get_origin(hint) or hint
    if origin in (PaginatableList, NonPaginatableList, list):
        return list
    if isinstance(origin, type) and issubclass(origin, dict):
        return dict
    return origin if isinstance(origin, type) else object


def _admits_none(hint: Any) -> bool:
    if hint is None or hint is type(None) or hint is Any or hint is object:
        return True
    return typing.get_origin(hint) is Union and type(None) in typing.get_args(hint)


def return_typer(function: Callable[..., Any]) -> Optional[Callable[[Any], Any]]:
    """The typer for ``function``'s declared return type (None: return results unchanged).

    The annotation is evaluated in the function's module, so its names must be imported
    there for real. A result of None for a type that does not admit None (a blank
    answer where an entity was expected) raises :class:`MastodonAPIError`.
    """
    annotation = getattr(function, "__annotations__", {}).get("return")
    if annotation is None:
        return None
    try:
        hint = eval(annotation, function.__globals__) if isinstance(annotation, str) else annotation  # noqa: S307
    except Exception as err:  # noqa: BLE001 - an annotation we cannot read types nothing
        log.debug("Return type %r of %s not applied: %s", annotation, function.__qualname__, err)
        return None
    typer = _make(hint)
    if typer is None or _admits_none(hint):
        return typer
    name = getattr(hint, "__name__", None) or str(hint).replace("mastodon.return_types.", "")
    apply = typer

    def strict(value: Any) -> Any:
        if value is None:
            from mastodon.errors import MastodonAPIError
            raise MastodonAPIError(
                "Mastodon API returned an empty body where %s expects %s" % (function.__name__, name),
                None, None, "empty body")
        return apply(value)
    return strict


# -- JSON round trip ------------------------------------------------------------------------------
def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def type_name(value: Any) -> str:
    """The name :func:`from_json` understands for the class of ``value``."""
    cls = type(value)
    if isinstance(value, list):
        element = ""
        for item in value:
            if isinstance(item, Entity):
                element = type(item).__name__
                break
        return "%s[%s]" % (cls.__name__, element) if element else cls.__name__
    return cls.__name__


def to_json(value: Any, indent: Optional[int] = None) -> str:
    """``value`` as JSON text that :func:`from_json` turns back into the same object:
    datetimes as ISO 8601 strings and the class names alongside."""
    return json.dumps({_JSON_TAG: type_name(value), "data": value}, default=_default,
                      indent=indent, ensure_ascii=False)


def _class_named(name: str) -> Any:
    from mastodon import return_types
    if name in ("AttribAccessDict", "AttribAccessList"):
        return AttribAccessDict if name == "AttribAccessDict" else AttribAccessList
    found = return_types.ENTITY_CLASSES.get(name) or getattr(return_types, name, None)
    if found is None:
        raise ValueError("Unknown entity type %r in JSON" % name)
    return found


def from_json(text: Union[str, bytes], cls: Any = None) -> Any:
    """Rebuild the object :func:`to_json` wrote (1.8.0's conversions applied again, so ids
    are ints and dates datetimes). ``cls``: the class to give a bare JSON document."""
    from mastodon._convert import loads
    data = loads(text)
    if isinstance(data, dict) and _JSON_TAG in data and "data" in data:
        name, data = data[_JSON_TAG], data["data"]
        outer, _, element = str(name).partition("[")
        target = _class_named(outer)
        element_class = _class_named(element.rstrip("]")) if element else None
    else:
        target, element_class = cls, None
    if isinstance(data, list):
        if target is None or not (isinstance(target, type) and issubclass(target, list)):
            target = AttribAccessList
        data = target(data)
        if element_class is not None:
            for item in data:
                if item.__class__ is _PLAIN:
                    _set(item, "__class__", element_class)
        return data
    if isinstance(data, dict) and isinstance(target, type) and issubclass(target, AttribAccessDict) \
            and data.__class__ is _PLAIN:
        _set(data, "__class__", target)
    return data


def cast(cls: Type[_E], value: Dict[str, Any]) -> _E:
    """``value`` (a dict from the client, or any mapping) as an instance of ``cls``."""
    if type(value) is _PLAIN:
        _set(value, "__class__", cls)
        return value  # type: ignore[return-value]
    return cls(value)
