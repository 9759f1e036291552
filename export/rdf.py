"""The event graph as RDF: an n-ary event node per event, actors linked to Wikidata, provenance in PROV-O.

>>> from geokg.graph import EventGraph
>>> len(to_rdf(EventGraph()))
0
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from geokg.graph import Actor, ActorKind, EventGraph, TransferEvent

from .atomic import atomic_write
from .vocab import CATEGORY, DEFAULT_BASE_IRI, GEOKG, PREFIXES, SCHEMA, SEM, STATUS, WD

_DATE_TYPE = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}


def mint(base: str, kind: str, key: str) -> URIRef:
    """A safe IRI for any name: every character outside unreserved ASCII is percent-encoded."""
    return URIRef(f"{base}{kind}/{quote(key, safe='')}")


def _add_actor(g: Graph, base: str, actor: Actor) -> URIRef:
    node = mint(base, "actor", actor.id)
    g.add((node, RDF.type, GEOKG.State if actor.kind is ActorKind.STATE else GEOKG.NonStateActor))
    g.add((node, RDFS.label, Literal(actor.name, lang="en")))
    if actor.kind is ActorKind.STATE:
        g.add((node, GEOKG.iso3, Literal(actor.id)))
    if actor.cow_code is not None:
        g.add((node, GEOKG.cowCode, Literal(actor.cow_code)))
    if actor.wikidata:
        # A state's ISO code names exactly one Wikidata item; a group's match is only as sure as our table.
        link = OWL.sameAs if actor.kind is ActorKind.STATE else SKOS.exactMatch
        g.add((node, link, WD[actor.wikidata]))
    return node


def _add_event(g: Graph, base: str, event: TransferEvent) -> None:
    node = mint(base, "event", event.id)
    ev = event.evidence
    lang = ev.language
    g.add((node, RDF.type, GEOKG.TransferEvent))
    g.add((node, RDF.type, SEM.Event))
    sender, recipient = _add_actor(g, base, event.sender), _add_actor(g, base, event.recipient)
    g.add((node, GEOKG.sender, sender))
    g.add((node, GEOKG.recipient, recipient))
    g.add((node, SEM.hasActor, sender))
    g.add((node, SEM.hasActor, recipient))
    g.add((node, GEOKG.weaponCategory, CATEGORY[event.weapon.category.value]))
    g.add((node, GEOKG.weaponMention, Literal(event.weapon.mention, lang=lang)))
    g.add((node, GEOKG.status, STATUS[event.status.value]))
    if event.date and event.date_precision:
        g.add((node, GEOKG.date, Literal(event.date, datatype=_DATE_TYPE[event.date_precision.value])))
        g.add((node, GEOKG.datePrecision, Literal(event.date_precision.value)))
    if event.date_source:
        g.add((node, GEOKG.dateSource, Literal(event.date_source.value)))
    if event.date_text:
        g.add((node, GEOKG.dateText, Literal(event.date_text, lang=lang)))
    g.add((node, GEOKG.confidence, Literal(event.confidence, datatype=XSD.decimal)))
    g.add((node, GEOKG.evidenceText, Literal(ev.sentence, lang=lang)))
    g.add((node, GEOKG.evidenceStart, Literal(ev.start)))
    g.add((node, GEOKG.evidenceEnd, Literal(ev.end)))
    g.add((node, GEOKG.extractor, Literal(event.extractor)))
    article = mint(base, "article", ev.article_id)
    g.add((node, PROV.wasDerivedFrom, article))
    g.add((article, RDF.type, SCHEMA.NewsArticle))
    g.add((article, RDF.type, PROV.Entity))
    g.add((article, SCHEMA.identifier, Literal(ev.article_id)))
    if ev.title:
        g.add((article, SCHEMA.headline, Literal(ev.title, lang=lang)))
    if ev.url:
        g.add((article, SCHEMA.url, Literal(ev.url, datatype=XSD.anyURI)))
    if ev.published:
        g.add((article, SCHEMA.datePublished, Literal(ev.published.isoformat(), datatype=XSD.date)))
    if lang:
        g.add((article, SCHEMA.inLanguage, Literal(lang)))


def to_rdf(graph: EventGraph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """An rdflib Graph of every event, actor and source article."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    for event in graph.events():
        _add_event(g, base_iri, event)
    return g


def write_rdf(graph: EventGraph, path: str | Path, fmt: str = "turtle", base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Serialise to `path` atomically (a reader never sees half a file)."""
    data = to_rdf(graph, base_iri).serialize(format=fmt, encoding="utf-8")
    return atomic_write(path, data)
