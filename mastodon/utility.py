"""Public helpers: version strings, the ``api_version`` decorator and the
attribute-access containers every response is returned in."""
from __future__ import annotations
import functools
import inspect
import re
import textwrap
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Type, TypeVar, Union

from mastodon.errors import MastodonVersionError

__all__ = ["AttribAccessDict", "AttribAccessList", "parse_version_string", "max_version", "api_version",
           "typed_return"]

_F = TypeVar("_F", bound=Callable[..., Any])
_D = TypeVar("_D", bound="AttribAccessDict")
_L = TypeVar("_L", bound="AttribAccessList")
_UNRESOLVED: Any = object()
_LEADING_DIGITS = re.compile(r"\d+")


class AttribAccessDict(Dict[str, Any]):
    """A ``dict`` whose keys can also be read as attributes (``status.account.acct``).

    Attribute access is read-only for keys: assigning an attribute that shadows a key
    raises ``AttributeError``. Other attributes (such as the pagination information
    ``_pagination_next``) may be set and are kept on the instance, not as keys, so two
    dicts with the same items still compare equal.
    """

    def __getattr__(self, attr: str) -> Any:
        try:
            return self[attr]
        except KeyError:
            raise AttributeError("Attribute not found: " + str(attr)) from None

    def __setattr__(self, attr: str, val: Any) -> None:
        if attr in self:
            raise AttributeError("Attribute-style access is read only")
        object.__setattr__(self, attr, val)

    def to_json(self, indent: Optional[int] = None) -> str:
        """This object as JSON text that :meth:`from_json` turns back into an equal object
        of the same class, nested classes and datetimes included."""
        from mastodon._entity import to_json
        return to_json(self, indent)

    @classmethod
    def from_json(cls: Type[_D], text: Union[str, bytes]) -> _D:
        """Rebuild an object written by :meth:`to_json` (or a bare JSON object, which gets
        this class), with the client's conversions (int ids, datetimes)."""
        from mastodon._entity import from_json
        return from_json(text, cls)  # type: ignore[no-any-return]


class AttribAccessList(List[Any]):
    """A ``list`` that can carry attributes, used for paginated responses
    (``_pagination_next`` / ``_pagination_prev``)."""

    _pagination_next: Dict[str, Any]
    _pagination_prev: Dict[str, Any]

    def to_json(self, indent: Optional[int] = None) -> str:
        """This list as JSON text that :meth:`from_json` turns back into an equal list of
        the same class, its items' classes included."""
        from mastodon._entity import to_json
        return to_json(self, indent)

    @classmethod
    def from_json(cls: Type[_L], text: Union[str, bytes]) -> _L:
        """Rebuild a list written by :meth:`to_json`."""
        from mastodon._entity import from_json
        return from_json(text, cls)  # type: ignore[no-any-return]


def parse_version_string(version_string: str) -> Tuple[int, int, int]:
    """Parse a version string such as ``"4.2.0-rc2"`` into a tuple of three ints.

    The leading digits of each of the first three dot-separated parts are used, so
    ``"3.2.1rc3"`` gives ``(3, 2, 1)``. Raises :class:`MastodonVersionError` when the
    string does not have that form. To detect the Mastodon API level of a server from
    the ``version`` it reports (forks, Pleroma, GoToSocial, ...), the client uses a more
    forgiving reader; see :meth:`Mastodon.retrieve_mastodon_version`.
    """
    parts = str(version_string).split(".")
    if len(parts) < 3:
        raise MastodonVersionError("Unparseable version string: %r" % (version_string,))
    numbers = []
    for part in parts[:3]:
        match = _LEADING_DIGITS.match(part)
        if match is None:
            raise MastodonVersionError("Unparseable version string: %r" % (version_string,))
        numbers.append(int(match.group()))
    return tuple(numbers)  # type: ignore[return-value]


def max_version(*version_strings: str) -> str:
    """Return the highest of the given version strings (``None`` entries are ignored)."""
    candidates = [v for v in version_strings if v is not None]
    if not candidates:
        raise MastodonVersionError("max_version needs at least one version")
    return max(candidates, key=parse_version_string)


def _clean_docstring(doc: str) -> str:
    """A docstring without its common indentation (like ``inspect.cleandoc``)."""
    first, _, rest = (doc or "").strip("\n").partition("\n")
    return (first.strip() + "\n" + textwrap.dedent(rest)).strip()


def _version_text(version: Tuple[int, int, int]) -> str:
    return ".".join(map(str, version))


def api_version(created_ver: str, last_changed_ver: str, return_value_ver: str, *,
                params: Optional[Dict[str, str]] = None,
                unavailable: Sequence[Tuple[str, Optional[str]]] = ()) -> Callable[[_F], _F]:
    """Declare the Mastodon versions of an endpoint method.

    ``created_ver`` is the version that added the endpoint, ``last_changed_ver`` the one
    that last changed its parameters, ``return_value_ver`` the one that last changed its
    return value. Before each call the client compares them with the server version
    according to ``version_check_mode`` (see :meth:`Mastodon.__init__`) and raises
    :class:`MastodonVersionError` when the server is too old. The versions are kept on
    the function as ``_mastodon_versions`` and added to its docstring.

    ``params`` maps parameter names to the version that added them: a call that passes
    such a parameter (anything but None) to an older server is refused the same way.
    ``unavailable`` lists ``(from, until)`` version ranges (``until`` None: up to now)
    in which the server does not offer the endpoint. Neither applies in
    ``version_check_mode`` ``"none"`` or when the server version is unknown.

    The result gets the method's declared return type (see :func:`typed_return`).
    """
    created = parse_version_string(created_ver)
    changed = max(parse_version_string(last_changed_ver), parse_version_string(return_value_ver))
    param_needs = {name: parse_version_string(version) for name, version in (params or {}).items()}
    gaps = [(parse_version_string(start), None if end is None else parse_version_string(end))
            for start, end in unavailable]

    def decorate(function: _F) -> _F:
        name = function.__name__
        typer = _UNRESOLVED
        positions = {}
        if param_needs:
            arg_names = list(inspect.signature(function).parameters)
            positions = {p: arg_names.index(p) - 1 for p in param_needs}  # -1: self

        def refuse(have: Tuple[int, int, int], needed: Tuple[int, int, int], what: str, mode: str) -> None:
            raise MastodonVersionError(
                "Version check failed (Need version %s): %s needs Mastodon %s or newer "
                "(version_check_mode %r), but the server is %s"
                % (_version_text(needed), what, _version_text(needed), mode, _version_text(have)))

        @functools.wraps(function)
        def checked(self: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal typer
            mode = self.version_check_mode
            if mode != "none" and self.version_check_worked:
                have = (self.mastodon_major, self.mastodon_minor, self.mastodon_patch)
                need = created if mode == "created" else changed
                if have < need:
                    refuse(have, need, name, mode)
                for param, version in param_needs.items():
                    if have < version:
                        index = positions[param]
                        value = args[index] if index < len(args) else kwargs.get(param)
                        if value is not None:
                            refuse(have, version, "%s(%s=...)" % (name, param), mode)
                for start, end in gaps:
                    if start <= have and (end is None or have < end):
                        raise MastodonVersionError(
                            "%s is not available on Mastodon %s%s (the server is %s)"
                            % (name, _version_text(start),
                               " and newer" if end is None else " up to " + _version_text(end) + " (excluded)",
                               _version_text(have)))
            result = function(self, *args, **kwargs)
            if typer is _UNRESOLVED:
                typer = _return_typer(function)
            return result if typer is None else typer(result)

        checked._mastodon_versions = (created_ver, last_changed_ver, return_value_ver)  # type: ignore[attr-defined]
        note = "*Added: Mastodon v%s, last changed: Mastodon v%s*" % (created_ver, last_changed_ver)
        checked.__doc__ = _clean_docstring(function.__doc__ or "") + "\n\n" + note + "\n"
        return checked  # type: ignore[return-value]

    return decorate


def _return_typer(function: Callable[..., Any]) -> Optional[Callable[[Any], Any]]:
    from mastodon._entity import return_typer
    return return_typer(function)


def typed_return(function: _F) -> _F:
    """Give a method's results its declared return type (``-> Status``,
    ``-> PaginatableList[Account]``, ...), as :func:`api_version` does.

    The annotation is read on the first call, in the method's module (so the names of
    :mod:`mastodon.return_types` it uses must be imported there). Only the top level is
    touched: nested objects get their classes when read. A blank answer (None) where the
    type does not admit None raises :class:`~mastodon.errors.MastodonAPIError`.
    """
    typer = _UNRESOLVED

    @functools.wraps(function)
    def typed(*args: Any, **kwargs: Any) -> Any:
        nonlocal typer
        result = function(*args, **kwargs)
        if typer is _UNRESOLVED:
            typer = _return_typer(function)
        return result if typer is None else typer(result)

    return typed  # type: ignore[return-value]
