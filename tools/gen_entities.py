"""Generate ``mastodon/return_types.py`` and ``docs/entities.rst`` from ``tools/entities.json``.

``tools/entities.json`` is the one description of the entities of the Mastodon API (from
the API documentation): for each entity its fields, their documented type, flags (``N``
nullable, ``O`` optional, ``DT`` date/time, ``ID`` identifier, ``NUM`` number as a string,
``dep``/``rem`` deprecated/removed) and the Mastodon version that added them. A nested
hash member is a path (``["configuration", "urls", "streaming"]``, ``"[]"`` for the items
of an array of hashes).

Usage (from the repository root)::

    python tools/gen_entities.py          # rewrite both files
    python tools/gen_entities.py --check  # exit 1 if they are not current (a test runs this)
"""
from __future__ import annotations

import argparse
import json
import keyword
import os
import re
import sys
from typing import Any, Dict, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tools", "entities.json")
MODULE = os.path.join(ROOT, "mastodon", "return_types.py")
DOCS = os.path.join(ROOT, "docs", "entities.rst")

sys.path.insert(0, ROOT)
from mastodon._convert import DATE_KEYS, INT_KEYS, INT_LIST_KEYS  # noqa: E402 - the conversion rules

#: Names that cannot be attributes of an entity (dict methods and the JSON helpers): these
#: fields are read with item access only (``collection["items"]``).
RESERVED = frozenset(dir(dict)) | {"to_json", "from_json"}


class Node:
    """A class to generate: an entity or a nested hash of one."""

    def __init__(self, name: str, api: Optional[str], doc: str, base: Optional[str]) -> None:
        self.name, self.api, self.doc, self.base = name, api, doc, base
        self.fields: List[Dict[str, Any]] = []  # name, type text, flags, added, annotation, nested
        self.children: Dict[str, "Node"] = {}


def camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", text) if part)


def load() -> Tuple[List[Node], Dict[str, str]]:
    with open(DATA, encoding="utf-8") as handle:
        data = json.load(handle)
    api_to_class = {e["api"]: e["name"] for e in data["entities"] if e["api"]}
    api_to_class.update({e["name"]: e["name"] for e in data["entities"] if not e["api"]})
    nodes: List[Node] = []
    for entity in data["entities"]:
        doc = entity.get("doc") or ("The ``%s`` entity of the Mastodon API." % entity["api"])
        root = Node(entity["name"], entity["api"], doc, entity.get("base"))
        nodes.append(root)
        for field in entity["fields"]:
            path = field["path"]
            owner = root
            for depth, part in enumerate(path[:-1]):
                nxt = path[depth + 1] if depth + 1 < len(path) else None
                if part == "[]":
                    continue
                key = part + ("[]" if nxt == "[]" else "")
                if key not in owner.children:
                    child = Node(owner.name + camel(part), None,
                                 "The ``%s`` %s of :class:`%s`." % (part, "items" if nxt == "[]" else "hash", owner.name),
                                 None)
                    owner.children[key] = child
                    nodes.append(child)
                    if not any(f["name"] == part for f in owner.fields):  # a parent the docs do not list
                        owner.fields.append({"name": part, "type": "Array of Hash" if nxt == "[]" else "Hash",
                                             "flags": [], "added": field["added"]})
                owner = owner.children[key]
            owner.fields.append({"name": path[-1], "type": field["type"], "flags": field["flags"],
                                 "added": field["added"]})
    # annotations
    for node in nodes:
        for field in node.fields:
            field["annotation"], field["nested"] = annotation(node, field, api_to_class)
    return nodes, data["aliases"]


def annotation(node: Node, field: Dict[str, Any], api_to_class: Dict[str, str]) -> Tuple[str, Optional[Tuple[str, bool]]]:
    text, flags, key = field["type"], field["flags"], field["name"]
    many = text.startswith("Array of ")
    inner = text[len("Array of "):] if many else text
    nested: Optional[Tuple[str, bool]] = None
    candidates = [c.strip() for c in re.split(r",| or ", inner) if c.strip()]
    if candidates and all(c in api_to_class for c in candidates):
        names = [api_to_class[c] for c in candidates]
        py = names[0] if len(names) == 1 else "Union[%s]" % ", ".join(names)
        nested = (" | ".join(names), many)
    elif inner.startswith("Hash"):
        child = node.children.get(key + ("[]" if many else ""))
        if child is not None:
            py = child.name
            nested = (child.name, many)
        else:
            py = "AttribAccessDict"
    elif inner.startswith("Boolean"):
        py = "bool"
    elif inner.lower().startswith("integer"):
        py = "int"
    elif inner.startswith("Float"):
        py = "float"
    elif inner.startswith("Number"):
        py = "datetime" if ("DT" in flags and key in DATE_KEYS) else "float"
    elif inner == "Null":
        py = "None"
    elif inner.startswith("String"):
        if many:
            py = "IdType" if key in INT_LIST_KEYS else "str"
        elif "DT" in flags and key in DATE_KEYS:
            py = "datetime"
        elif key in INT_KEYS:
            py = "IdType" if "ID" in flags else "Union[int, str]"
        else:
            py = "str"
    else:
        raise SystemExit("unknown type %r in %s.%s" % (text, node.name, key))
    if many:
        py = "List[%s]" % py
    if py != "None" and ({"N", "O", "dep", "rem"} & set(flags)):
        py = "Optional[%s]" % py
    return py, nested


def can_annotate(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name) and name not in RESERVED


def describe(field: Dict[str, Any]) -> str:
    notes = {"N": "nullable", "O": "optional", "dep": "deprecated", "rem": "removed"}
    extra = [notes[f] for f in field["flags"] if f in notes]
    added = "added %s" % field["added"] if field["added"] else "version not documented"
    return "%s%s, %s" % (field["type"], " (%s)" % ", ".join(extra) if extra else "", added)


HEADER = '''"""Entity classes of the Mastodon API: the types the client's methods return.

GENERATED by ``tools/gen_entities.py`` from ``tools/entities.json``: do not edit by hand.

Every class is an :class:`~mastodon.utility.AttribAccessDict` (so a ``dict``) whose fields
are declared as class annotations for editors and type checkers; nothing is validated.
Fields the description does not know stay reachable; missing fields are fine. Nested
objects get their class when they are read (``status.account``, ``status["account"]``).
See :doc:`entities` for every field.
"""
from __future__ import annotations

from datetime import datetime
from typing import List, Optional, Union

from mastodon._entity import Entity, IdType, NonPaginatableList, PaginatableList, bind
from mastodon.utility import AttribAccessDict

__all__ = [
    "Entity", "IdType", "PaginatableList", "NonPaginatableList", "ENTITY_CLASSES",
%s
]
'''


def render_module(nodes: List[Node], aliases: Dict[str, str]) -> str:
    names = [n.name for n in nodes] + sorted(aliases)
    body = [HEADER % "\n".join('    "%s",' % name for name in names)]
    by_name = {n.name: n for n in nodes}
    # bases first
    order: List[Node] = []
    for node in nodes:
        if node.base and by_name[node.base] not in order:
            order.append(by_name[node.base])
        if node not in order:
            order.append(node)
    for node in order:
        base = node.base or "Entity"
        lines = ["", "", "class %s(%s):" % (node.name, base)]
        doc = [node.doc]
        if node.api:
            doc.append("")
            doc.append("API entity: ``%s``." % node.api)
        if node.base:
            doc.append("Has every field of :class:`%s`, and:" % node.base)
        if node.fields:
            doc.append("")
            doc.append("Fields:")
            doc.append("")
            for field in node.fields:
                how = "" if can_annotate(field["name"]) else " (item access only)"
                doc.append("* ``%s``: %s%s" % (field["name"], describe(field), how))
        lines.append('    """%s\n    """' % "\n".join(("    " + d) if d else "" for d in doc).lstrip())
        for field in node.fields:
            if can_annotate(field["name"]):
                lines.append("    %s: %s" % (field["name"], field["annotation"]))
        body.append("\n".join(lines))
    body.append("\n")
    for name, target in sorted(aliases.items()):
        body.append("%s = %s\n" % (name, target))
    body.append("\n#: Nested fields that get a class when read: field -> (class name(s), list of them).\n")
    body.append("_NESTED = {\n")
    for node in order:
        table = {}
        if node.base:
            for field in by_name[node.base].fields:
                if field["nested"]:
                    table[field["name"]] = field["nested"]
        for field in node.fields:
            if field["nested"]:
                table[field["name"]] = field["nested"]
        if table:
            body.append('    "%s": {\n' % node.name)
            for key, (target, many) in table.items():
                body.append('        "%s": ("%s", %s),\n' % (key, target, many))
            body.append("    },\n")
    body.append("}\n")
    body.append("\n#: Every entity class by name (aliases included).\n")
    body.append("ENTITY_CLASSES = {name: globals()[name] for name in __all__[5:]}\n")
    body.append("bind(ENTITY_CLASSES, _NESTED)\n")
    return "".join(body)


def render_docs(nodes: List[Node], aliases: Dict[str, str]) -> str:
    out = ["Entities (return types)", "=======================", "",
           ".. This page is GENERATED by tools/gen_entities.py from tools/entities.json.", "",
           "Every method returns instances of the classes of ``mastodon.return_types``, named as",
           "the API documentation names the entities (``Admin::Account`` is ``AdminAccount``;",
           "Mastodon.py 2.x names where they differ: a List is ``UserList``, the v1 filter and",
           "instance are ``Filter`` and ``Instance``, their v2 forms ``FilterV2`` and",
           "``InstanceV2``). They are :class:`~mastodon.utility.AttribAccessDict` subclasses,",
           "so plain dicts with attribute access, converted as in 1.8.0: ids are ``int`` where",
           "numeric (the type ``IdType`` is ``Union[int, str]``), dates are aware ``datetime``",
           "objects. Nested objects get their class when read, through attribute or item",
           "access. Types document; they never reject an answer: unknown fields stay",
           "reachable and missing fields are fine. ``to_json()`` and ``Entity.from_json(text)``",
           "save and restore an answer with its types (see :ref:`entity-json`).",
           "",
           "Fields named like a ``dict`` method (``items``, ``values``, ...) or that are not",
           "Python names (``posting:default:visibility``) are read with item access only.",
           "",
           "Aliases: " + ", ".join("``%s`` = ``%s``" % item for item in sorted(aliases.items())) + ".",
           "",
           ".. _entity-json:", "",
           "Saving answers as JSON", "----------------------", "",
           ".. code-block:: python", "",
           "    from mastodon.return_types import Entity, Status", "",
           "    text = api.status(1).to_json()",
           "    status = Status.from_json(text)      # or Entity.from_json(text)",
           "    status.account.created_at            # an Account, an aware datetime", "",
           "Lists (``PaginatableList``) have ``to_json()`` too, and",
           "``PaginatableList.from_json(text)`` rebuilds them.", ""]
    for node in nodes:
        title = node.name + (" (``%s``)" % node.api if node.api and node.api != node.name else "")
        out += [".. class:: mastodon.return_types.%s" % node.name, "", "   " + title, ""]
        out += ["   " + node.doc, ""]
        if node.base:
            out += ["   Every field of :class:`mastodon.return_types.%s`, and:" % node.base, ""]
        if not node.fields:
            out += ["   (no documented fields)", ""]
            continue
        out += ["   .. list-table::", "      :header-rows: 1", "",
                "      * - field", "        - Python type", "        - documented type", "        - added"]
        for field in node.fields:
            notes = {"N": "nullable", "O": "optional", "dep": "deprecated", "rem": "removed"}
            extra = [notes[f] for f in field["flags"] if f in notes]
            out += ["      * - ``%s``" % field["name"], "        - ``%s``" % field["annotation"],
                    "        - %s" % (field["type"].replace("`", "") + (" (%s)" % ", ".join(extra) if extra else "")),
                    "        - %s" % (field["added"] or "-")]
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the outputs are current")
    args = parser.parse_args(argv)
    nodes, aliases = load()
    outputs = {MODULE: render_module(nodes, aliases), DOCS: render_docs(nodes, aliases)}
    stale = []
    for path, text in outputs.items():
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            stale.append(path)
            if not args.check:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
    if args.check and stale:
        print("not current (run python tools/gen_entities.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
