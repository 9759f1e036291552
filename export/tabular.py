"""The event graph for Gephi (GraphML, GEXF), spreadsheets (CSV) and pandas (CSV, JSON Lines).

GraphML and GEXF hold one node per actor and one edge per event (a multigraph: a pair with five events has five
parallel edges, keyed by event id), with only plain values as attributes, so Gephi can size, colour and filter by
any of them. CSV holds one row per event with its best evidence; the other articles reporting it are listed in
`other_articles`. Every writer merges reports of one transfer first, as the RDF export does (`rdf.export_events`).

>>> from geokg.graph.examples import example_graph
>>> g = gephi_graph(example_graph())
>>> g.number_of_nodes(), g.number_of_edges(), g.nodes["PRK"]["label"]
(6, 6, 'North Korea')
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from geokg.graph import EventGraph, TransferEvent

from .atomic import atomic_open
from .jsonl import event_json
from .rdf import export_events

TABULAR_FORMATS = ("graphml", "gexf", "csv", "jsonl")
CSV_COLUMNS = ("id", "sender", "sender_name", "sender_kind", "recipient", "recipient_name", "recipient_kind",
               "category", "mention", "status", "date", "date_precision", "date_source", "date_text", "confidence",
               "corroboration", "article_id", "sentence", "url", "title", "published", "language",
               "other_articles", "extractor")


def gephi_graph(graph: EventGraph | Iterable[TransferEvent]) -> nx.MultiDiGraph:
    """A networkx MultiDiGraph with plain attributes only (no None, no objects), as GraphML and GEXF need."""
    out = nx.MultiDiGraph()
    for event in export_events(graph):
        for actor in (event.sender, event.recipient):
            if actor.id not in out:
                attrs = {"label": actor.name, "kind": actor.kind.value, "wikidata": actor.wikidata,
                         "cow_code": actor.cow_code}
                out.add_node(actor.id, **{k: v for k, v in attrs.items() if v is not None})
        attrs = {"category": event.weapon.category.value, "status": event.status.value, "date": event.date,
                 "confidence": event.confidence, "corroboration": event.corroboration,
                 "mention": event.weapon.mention, "article": event.evidence.article_id, "url": event.evidence.url}
        out.add_edge(event.sender.id, event.recipient.id, key=event.id,
                     **{k: v for k, v in attrs.items() if v is not None})
    return out


def write_graphml(graph: EventGraph | Iterable[TransferEvent], path: str | Path) -> Path:
    with atomic_open(path, binary=True) as out:
        nx.write_graphml(gephi_graph(graph), out, encoding="utf-8")
    return Path(path)


def write_gexf(graph: EventGraph | Iterable[TransferEvent], path: str | Path) -> Path:
    g = gephi_graph(graph)
    for _, _, key, data in g.edges(keys=True, data=True):
        data["id"] = key  # networkx's GEXF writer numbers edges unless told their id
    with atomic_open(path, binary=True) as out:
        nx.write_gexf(g, out, encoding="utf-8")
    return Path(path)


def csv_row(event: TransferEvent) -> list:
    ev = event.evidence
    others = dict.fromkeys(e.article_id for e in event.sources if e.article_id != ev.article_id)
    return [event.id, event.sender.id, event.sender.name, event.sender.kind.value, event.recipient.id,
            event.recipient.name, event.recipient.kind.value, event.weapon.category.value, event.weapon.mention,
            event.status.value, event.date or "", event.date_precision.value if event.date_precision else "",
            event.date_source.value if event.date_source else "", event.date_text or "", event.confidence,
            event.corroboration, ev.article_id, ev.sentence, ev.url or "", ev.title or "",
            ev.published.isoformat() if ev.published else "", ev.language or "", ";".join(others), event.extractor]


def write_csv(graph: EventGraph | Iterable[TransferEvent], path: str | Path) -> Path:
    """One row per event, a header first; UTF-8, streamed (pandas: `pd.read_csv(path)`)."""
    with atomic_open(path) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_row(e) for e in export_events(graph))
    return Path(path)


def write_events_jsonl(graph: EventGraph | Iterable[TransferEvent], path: str | Path) -> Path:
    """One event per line in the contract's shape (as `geokg extract` prints), merged, streamed."""
    with atomic_open(path) as out:
        for event in export_events(graph):
            out.write(event_json(event) + "\n")
    return Path(path)


WRITERS = {"graphml": write_graphml, "gexf": write_gexf, "csv": write_csv, "jsonl": write_events_jsonl}
