"""SPARQL queries for `geokg sparql`: on a store's RDF export with rdflib, or on a triple store's endpoint.

Both sides see the same data: locally the store is exported into an rdflib Dataset exactly as `geokg push` loads it
(events, actors and articles' links in the default graph; each article's reports and provenance in its named graph;
the ontology in the graph https://w3id.org/geokg/ontology), so a query gives the same answer here and in Oxigraph.
The prefixes of `vocab.PREFIXES` are declared for every query, locally and when sent to an endpoint.

>>> query_kind("PREFIX x: <http://x/> # a comment\\nASK { ?s ?p ?o }")
'ask'
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .triplestore import ACCEPT, TripleStoreError, query
from .vocab import DEFAULT_BASE_IRI, PREFIXES

__all__ = ["Answer", "QueryError", "TripleStoreError", "local", "remote", "show"]

_KIND = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "graph", "DescribeQuery": "graph"}
_DECLARED = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:")


class QueryError(Exception):
    """The query cannot run as written (syntax, unknown prefix) or the store cannot be read; says what to fix."""


@dataclass
class Answer:
    kind: str  # select, ask or graph
    text: str  # SPARQL results JSON or CSV (select, ask), Turtle (graph)


def _prepared(text: str):
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text, initNs=PREFIXES)
    except ParseBaseException as err:
        raise QueryError(f"the query is not valid SPARQL: {err}. Line {err.lineno}: {err.line.strip()!r}") from None
    except Exception as err:  # rdflib reports an undeclared prefix and similar slips as plain Exceptions
        raise QueryError(f"the query cannot run: {err}") from None


def query_kind(text: str) -> str:
    """select, ask or graph (CONSTRUCT, DESCRIBE), read from the query's first keyword after its prologue."""
    body = re.sub(r"(?m)#.*$", "", text)
    body = re.sub(r"(?is)^\s*((PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", "", body)
    word = body.split(None, 1)[0].upper() if body.split() else ""
    return {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}.get(word, "select")


def with_prefixes(text: str) -> str:
    """`text` with geokg's prefixes declared, except those it declares itself."""
    declared = set(_DECLARED.findall(text))
    lines = [f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in PREFIXES.items() if prefix not in declared]
    return "\n".join([*lines, text])


def local(db: str | Path, text: str, fmt: str = "table") -> Answer:
    """Run `text` on the RDF export of the store at `db`, in memory (fine for thousands of events; for millions,
    push them to a triple store and use `remote`)."""
    from geokg.graph.store import Store, StoreError

    from .rdf import ingest_times, to_dataset

    prepared = _prepared(text)
    try:
        graph = Store(db, create=False).load_graph()
    except StoreError as err:
        raise QueryError(str(err)) from None
    result = to_dataset(graph, extracted_at=ingest_times(db), with_ontology=True).query(prepared)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for prefix, namespace in PREFIXES.items():
            result.graph.bind(prefix, namespace)
        return Answer("graph", result.graph.serialize(format="turtle"))
    wire = "csv" if fmt == "csv" and result.type == "SELECT" else "json"
    return Answer(result.type.lower(), result.serialize(format=wire).decode("utf-8"))


def remote(endpoint: str, text: str, fmt: str = "table") -> Answer:
    """Run `text` at a SPARQL endpoint. A query rdflib cannot parse is still sent: the store has the last word."""
    try:
        kind = _KIND.get(_prepared(text).algebra.name, "select")
    except QueryError:
        kind = query_kind(text)
    accept = ACCEPT["turtle"] if kind == "graph" else ACCEPT["csv"] if fmt == "csv" and kind == "select" \
        else ACCEPT["json"]
    return Answer(kind, query(endpoint, with_prefixes(text), accept))


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        for prefix, namespace in PREFIXES.items():
            if value.startswith(str(namespace)) and len(value) > len(namespace):
                return f"{prefix}:{value[len(namespace):]}"
        if value.startswith(DEFAULT_BASE_IRI):
            return value[len(DEFAULT_BASE_IRI):]  # event/PRK/..., actor/PRK: short and still unambiguous
    return value


def show(answer: Answer, fmt: str = "table") -> None:
    """Print an answer: results as a table, JSON or CSV; a graph as Turtle."""
    if answer.kind == "graph" or fmt in ("json", "csv") and answer.kind == "select":
        text = answer.text.replace("\r\n", "\n")  # SPARQL's CSV ends lines with CRLF; a shell wants LF
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    data = json.loads(answer.text)
    if answer.kind == "ask":
        print(answer.text if fmt == "json" else str(data["boolean"]).lower())
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    columns = data["head"]["vars"]
    table = Table(*columns)
    for row in data["results"]["bindings"]:
        table.add_row(*(Text(_cell(row.get(c))) for c in columns))  # Text: never rich markup
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    print(f"{len(data['results']['bindings'])} results", file=sys.stderr)
