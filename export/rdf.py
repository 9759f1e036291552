"""The event graph as RDF: n-ary event nodes aligned with SEM, actors linked to Wikidata, provenance in PROV-O.

`ontology.ttl` (shipped beside this module) defines every term; `shapes.ttl` says what an export must look like.
An export holds:

- in the default graph, what geokg concludes: every actor (a `geokg:State` with its ISO alpha-3 code, COW code and
  `owl:sameAs` its Wikidata item, or a `geokg:NonStateActor`, `skos:exactMatch` its item when it has one; an item
  marked as a close match only, `Actor.wikidata_match == "close"`, is `skos:closeMatch` for either); every
  event, one per transfer however many articles report it (sender, recipient, weapon category and status as SKOS
  concepts, the date typed by its precision, date source and words, mention, confidence, corroboration,
  `prov:wasDerivedFrom` each article, `prov:wasAttributedTo` the extractor); every extractor (a
  `prov:SoftwareAgent` labelled with its name and version);
- in one named graph per article, what that article says: the article (`schema:NewsArticle`: id, headline, URL,
  publication date, language), its reports (`geokg:Report`: the sentence, its offsets, `geokg:reportOf` the event)
  and the graph's own PROV-O record: `prov:wasDerivedFrom` the article, `prov:generatedAtTime` when it was
  extracted, `prov:wasAttributedTo` the extractor.

Turtle, N-Triples, JSON-LD and RDF/XML hold the same triples without the graph names; TriG and N-Quads keep them.

IRIs sit under a base IRI (`DEFAULT_BASE_IRI` unless given), every name percent-encoded so that any text (spaces,
quotes, angle brackets, any script) makes a valid IRI:

    actor/PRK   article/ID   graph/ID   extractor/geokg-rules%2F0.1.0
    event/PRK/wagner-group/missiles/delivered/2022-11            (sender/recipient/category/status/date)
    event/PRK/wagner-group/missiles/delivered/2022-11/report/ID/481-721

An event's IRI is made from its merge key (graph/merge.py): sender, recipient, category, status and date. Reports
of one transfer merge into one event, so within an export they land on one node; exports of different articles
that give a transfer the same date land on one node too when loaded into one store.

Every format is written from one stream of statements (`statements()`): rdflib builds Graphs and Datasets from it
(`to_rdf`, `to_dataset`; Turtle, JSON-LD, RDF/XML), `ntriples.py` writes N-Triples and N-Quads from it in
constant memory, and pyoxigraph writes TriG from it (rdflib's TriG writer mishandles the default graph).

>>> from geokg.graph import EventGraph
>>> len(to_rdf(EventGraph()))
0
>>> from geokg.graph.examples import example_event
>>> str(event_iri(example_event("PRK", "wagner-group", "missiles", date="2022-11")))
'https://w3id.org/geokg/id/event/PRK/wagner-group/missiles/delivered/2022-11'
"""
from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from geokg.graph import ActorKind, EventGraph, TransferEvent
from geokg.graph.merge import merge_events

from .vocab import CATEGORY, DEFAULT_BASE_IRI, GEOKG, ONTOLOGY, PREFIXES, SCHEMA, SEM, STATUS, WD, packaged

# A statement is (subject, predicate, object, graph): IRIs as plain strings, a literal as a tuple
# (lexical form, datatype IRI or None, language tag or None), graph None for the default graph. Plain strings
# and tuples keep the streaming writer quick; rdflib and pyoxigraph terms are made from them only where needed.
Lit = tuple[str, "str | None", "str | None"]
Statement = tuple[str, str, "str | Lit", "str | None"]
ExtractedAt = datetime | Callable[[str], "datetime | str | None"] | None

FORMATS = {  # CLI name -> file suffix
    "turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "trig": ".trig", "nquads": ".nq"}

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_EVENT, _SEM_EVENT, _REPORT, _CLAIMS = str(GEOKG.TransferEvent), str(SEM.Event), str(GEOKG.Report), \
    str(GEOKG.ArticleClaims)
_STATE, _NON_STATE, _AGENT, _ARTICLE = str(GEOKG.State), str(GEOKG.NonStateActor), str(PROV.SoftwareAgent), \
    str(SCHEMA.NewsArticle)
_SENDER, _RECIPIENT, _CATEGORY, _STATUS = str(GEOKG.sender), str(GEOKG.recipient), str(GEOKG.weaponCategory), \
    str(GEOKG.status)
_DATE, _DATE_SOURCE, _DATE_TEXT, _MENTION = str(GEOKG.date), str(GEOKG.dateSource), str(GEOKG.dateText), \
    str(GEOKG.weaponMention)
_CONFIDENCE, _CORROBORATION = str(GEOKG.confidence), str(GEOKG.corroboration)
_REPORT_OF, _TEXT, _START, _END = str(GEOKG.reportOf), str(GEOKG.evidenceText), str(GEOKG.evidenceStart), \
    str(GEOKG.evidenceEnd)
_ISO3, _COW, _SAME_AS, _EXACT_MATCH = str(GEOKG.iso3), str(GEOKG.cowCode), str(OWL.sameAs), str(SKOS.exactMatch)
_CLOSE_MATCH = str(SKOS.closeMatch)
_DERIVED, _ATTRIBUTED, _GENERATED = str(PROV.wasDerivedFrom), str(PROV.wasAttributedTo), str(PROV.generatedAtTime)
_IDENTIFIER, _HEADLINE, _URL = str(SCHEMA.identifier), str(SCHEMA.headline), str(SCHEMA.url)
_PUBLISHED, _IN_LANGUAGE = str(SCHEMA.datePublished), str(SCHEMA.inLanguage)
_DECIMAL, _INTEGER, _ANY_URI, _DATE_TIME = str(XSD.decimal), str(XSD.integer), str(XSD.anyURI), str(XSD.dateTime)
_XSD_DATE = str(XSD.date)
_DATE_TYPE = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}  # by the length of YYYY[-MM[-DD]]
_CATEGORIES, _STATUSES = str(CATEGORY), str(STATUS)
_WIKIDATA = str(WD)

_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")
# Characters not every RDF syntax carries as they are: XML 1.0 forbids C0 controls, XML parsers turn a carriage
# return into a line feed, UTF-8 cannot encode lone surrogates. Line breaks become \n, the rest U+FFFD.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ud800-\udfff]")
# Articles and actors remembered as written (and names as encoded). An article's events come together, so a few
# thousand suffice; one that comes back later has its triples written again, which costs bytes, never memory.
_RECENT = 10_000
_ABSOLUTE_IRI = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>\"{}|\\^`\x7f]+")


def check_iri(iri: str) -> str:
    """`iri` if it is an absolute IRI that every RDF syntax can write as it is, else a ValueError saying so."""
    if not _ABSOLUTE_IRI.fullmatch(iri or ""):
        raise ValueError(f"{iri!r} is not an absolute IRI; give one such as https://example.org/arms "
                         "(no spaces, quotes or angle brackets)")
    return iri


def check_base_iri(base_iri: str) -> str:
    """The base IRI if it can prefix every IRI geokg mints, else a ValueError that says what to give."""
    if not _ABSOLUTE_IRI.fullmatch(base_iri or "") or base_iri[-1] not in "/#":
        raise ValueError(f"{base_iri!r} cannot be a base IRI: give an absolute IRI that ends in / or #, "
                         f"such as https://example.org/arms/ (the default is {DEFAULT_BASE_IRI})")
    return base_iri


@lru_cache(maxsize=_RECENT)
def segment(name: str) -> str:
    """`name` as one IRI path segment: everything but unreserved ASCII percent-encoded (UTF-8 for any script).

    >>> segment('Odd "group" <x>/ü')
    'Odd%20%22group%22%20%3Cx%3E%2F%C3%BC'
    """
    encoded = quote(name, safe="")
    # "." and ".." are path steps that an IRI resolver would remove; encoded dots survive resolution.
    return encoded.replace(".", "%2E") if not encoded.strip(".") else encoded


def event_iri(event: TransferEvent, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of a (merged) event: from its merge key, the same for every report of the transfer."""
    return URIRef(_event_iri(event, base_iri))


def _event_iri(event: TransferEvent, base: str) -> str:
    return (f"{base}event/{segment(event.sender.id)}/{segment(event.recipient.id)}/{event.weapon.category.value}/"
            f"{event.status.value}/{event.date or 'undated'}")


def actor_iri(actor_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base_iri}actor/{segment(actor_id)}")


def article_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base_iri}article/{segment(article_id)}")


def graph_iri(article_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph of one article's claims."""
    return URIRef(f"{base_iri}graph/{segment(article_id)}")


def export_events(source: EventGraph | Iterable[TransferEvent]) -> Iterable[TransferEvent]:
    """The events an export writes, one per transfer.

    A store merges reports as it ingests them, so its graph is read as it is, event by event. A graph built in
    memory (`geokg.build_graph`, `EventGraph(events)`) may hold one report per article; its events are merged here,
    since reports of one transfer share one IRI and must not give it two confidences. A plain iterable is taken
    as merged already (as `merge_events` or a store gives them), so that it can stream.
    """
    if isinstance(source, EventGraph):
        # A store-backed graph reads its events from `_source`; only a graph held in memory can need merging.
        return source.events() if getattr(source, "_source", None) is not None else merge_events(source.events())
    return source


def _timestamp(value: datetime | str) -> str:
    """An xsd:dateTime lexical form in UTC, as rdflib writes it (so every path writes the same literal). A time
    without a zone is taken as local time, as Python does."""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def _extraction_times(extracted_at: ExtractedAt) -> Callable[[str], str]:
    """article id -> extraction time. Unknown times fall back to now: in-memory graphs are extracted just before
    they are exported, and a store records each article's ingest time (`ingest_times`)."""
    now = _timestamp(datetime.now(timezone.utc))
    if extracted_at is None:
        return lambda article_id: now
    if isinstance(extracted_at, datetime):
        fixed = _timestamp(extracted_at)
        return lambda article_id: fixed
    return lambda article_id: _timestamp(extracted_at(article_id) or now)


def ingest_times(db: str | Path) -> Callable[[str], str | None]:
    """article id -> when the store at `db` ingested (extracted) it: one indexed lookup per article."""
    from geokg.graph.store import Store

    store = Store(db, create=False)

    def ingested(article_id: str) -> str | None:
        row = store.db.execute("SELECT ingested FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None
    return ingested


@lru_cache(maxsize=64)
def _language(tag: str | None) -> str | None:
    """A tag RDF accepts, in lower case as pyoxigraph and RDF's canonical forms write it (tags ignore case), or
    None (the literal is then a plain string)."""
    return tag.lower() if tag and _LANGUAGE_TAG.fullmatch(tag) else None


def _text(value: str) -> str:
    if _UNWRITABLE.search(value) is None:  # nearly always: one C-level scan, no copy
        return value
    return _UNWRITABLE.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def _decimal(value: float) -> str:
    """A float as an xsd:decimal lexical form (repr, but never in exponent notation)."""
    text = repr(float(value))
    return format(Decimal(text), "f") if "e" in text or "n" in text else text


class _Recent:
    """Keys written lately, at most `size` of them: constant memory. A key that fell out and comes back is
    written again: the same triples, which every reader and store deduplicates."""

    def __init__(self, size: int = _RECENT) -> None:
        self.keys: OrderedDict = OrderedDict()
        self.size = size

    def first(self, key) -> bool:
        """Whether `key` is new (and remember it)."""
        if key in self.keys:
            self.keys.move_to_end(key)
            return False
        self.keys[key] = None
        if len(self.keys) > self.size:
            self.keys.popitem(last=False)
        return True


def statements(events: Iterable[TransferEvent], base_iri: str = DEFAULT_BASE_IRI, extracted_at: ExtractedAt = None,
               with_ontology: bool = False, evidence: bool = True) -> Iterator[Statement]:
    """Every statement of an export, event by event, in constant memory. `events` must be merged (see
    `export_events`). `extracted_at`: a time for every article, or a function of the article id (`ingest_times`),
    or None for now. `evidence=False` leaves out the reports (sentence and offsets): a smaller export, for when
    only the events and their sources are wanted; the default export is complete."""
    for chunk in statement_chunks(events, base_iri, extracted_at, with_ontology, evidence):
        yield from chunk


def statement_chunks(events: Iterable[TransferEvent], base_iri: str = DEFAULT_BASE_IRI,
                     extracted_at: ExtractedAt = None, with_ontology: bool = False, evidence: bool = True
                     ) -> Iterator[list[Statement]]:
    """`statements()` as one list per event (and one for the ontology): writers loop over lists, not a generator
    per statement, which keeps a million events quick."""
    base = check_base_iri(base_iri)
    when = _extraction_times(extracted_at)
    if with_ontology:
        yield ontology_statements()
    written = _Recent()
    for event in events:
        yield _event_statements(event, base, when, written, evidence)


def _event_statements(event: TransferEvent, base: str, when: Callable[[str], str], written: _Recent,
                      evidence: bool = True) -> list[Statement]:
    node = _event_iri(event, base)
    best = event.evidence
    lang = _language(best.language)
    agent = f"{base}extractor/{segment(event.extractor)}"
    out: list[Statement] = [
        (node, _TYPE, _EVENT, None),
        (node, _TYPE, _SEM_EVENT, None),
        (node, _SENDER, f"{base}actor/{segment(event.sender.id)}", None),
        (node, _RECIPIENT, f"{base}actor/{segment(event.recipient.id)}", None),
        (node, _CATEGORY, _CATEGORIES + event.weapon.category.value, None),
        (node, _STATUS, _STATUSES + event.status.value, None),
        (node, _MENTION, (_text(event.weapon.mention), None, lang), None),
        (node, _CONFIDENCE, (_decimal(event.confidence), _DECIMAL, None), None),
        (node, _CORROBORATION, (str(event.corroboration), _INTEGER, None), None),
    ]
    if event.date:
        out.append((node, _DATE, (event.date, _DATE_TYPE[len(event.date)], None), None))
    if event.date_source:
        out.append((node, _DATE_SOURCE, (event.date_source.value, None, None), None))
    if event.date_text:
        out.append((node, _DATE_TEXT, (_text(event.date_text), None, lang), None))
    for actor in (event.sender, event.recipient):
        if written.first(("actor", actor.id)):
            out += _actor_statements(actor, f"{base}actor/{segment(actor.id)}")
    if written.first(("agent", event.extractor)):
        out += [(agent, _TYPE, _AGENT, None), (agent, _LABEL, (_text(event.extractor), None, None), None)]
    for ev in event.all_evidence:
        key = segment(ev.article_id)
        article, graph = f"{base}article/{key}", f"{base}graph/{key}"
        out.append((node, _DERIVED, article, None))
        if evidence:
            report = f"{node}/report/{key}/{ev.start}-{ev.end}"
            out += [
                (report, _TYPE, _REPORT, graph),
                (report, _REPORT_OF, node, graph),
                (report, _DERIVED, article, graph),
                (report, _TEXT, (_text(ev.sentence), None, _language(ev.language)), graph),
                (report, _START, (str(ev.start), _INTEGER, None), graph),
                (report, _END, (str(ev.end), _INTEGER, None), graph),
            ]
        if written.first(("article", ev.article_id)):
            out += _article_statements(ev, article, graph, when(ev.article_id))
        if written.first(("claims", ev.article_id, event.extractor)):
            out.append((graph, _ATTRIBUTED, agent, graph))
    return out


def _actor_statements(actor, node: str) -> list[Statement]:
    state = actor.kind is ActorKind.STATE
    out: list[Statement] = [(node, _TYPE, _STATE if state else _NON_STATE, None),
                            (node, _LABEL, (_text(actor.name), None, None), None)]
    if state:
        out.append((node, _ISO3, (_text(actor.id), None, None), None))
    if actor.cow_code is not None:
        out.append((node, _COW, (str(actor.cow_code), _INTEGER, None), None))
    if actor.wikidata:
        # A state's ISO code names exactly one Wikidata item, so identity is certain: owl:sameAs. An armed group's
        # boundaries (splits, renamings, affiliates) are not, so it only matches its item: skos:exactMatch. A match
        # marked close (a parent organisation's item, a match by name only) is skos:closeMatch, for either kind.
        close = actor.wikidata_match == "close"
        out.append((node, _CLOSE_MATCH if close else _SAME_AS if state else _EXACT_MATCH,
                    _WIKIDATA + segment(actor.wikidata), None))
    return out


def _article_statements(ev, article: str, graph: str, extracted: str) -> list[Statement]:
    lang = _language(ev.language)
    out: list[Statement] = [
        (article, _TYPE, _ARTICLE, graph),
        (article, _IDENTIFIER, (_text(ev.article_id), None, None), graph),
        (graph, _TYPE, _CLAIMS, graph),
        (graph, _DERIVED, article, graph),
        (graph, _GENERATED, (extracted, _DATE_TIME, None), graph),
    ]
    if ev.title:
        out.append((article, _HEADLINE, (_text(ev.title), None, lang), graph))
    if ev.url:
        out.append((article, _URL, (_text(ev.url), _ANY_URI, None), graph))
    if ev.published:
        out.append((article, _PUBLISHED, (ev.published.isoformat(), _XSD_DATE, None), graph))
    if ev.language:
        out.append((article, _IN_LANGUAGE, (_text(ev.language), None, None), graph))
    return out


def ontology_graph() -> Graph:
    """The shipped ontology (ontology.ttl) as an rdflib Graph."""
    return Graph().parse(data=packaged("ontology.ttl"), format="turtle")


def shapes_graph() -> Graph:
    """The shipped SHACL shapes (shapes.ttl) as an rdflib Graph, for pyshacl or any SHACL engine."""
    return Graph().parse(data=packaged("shapes.ttl"), format="turtle")


def ontology_statements() -> list[Statement]:
    """The ontology's triples as statements in the graph named by the ontology's IRI."""
    graph = str(ONTOLOGY)
    return [(str(s), str(p), str(o) if isinstance(o, URIRef) else
             (str(o), str(o.datatype) if o.datatype else None, o.language), graph)
            for s, p, o in ontology_graph()]


# -- rdflib -----------------------------------------------------------------------------------------------------

def _rdflib_term(term: str | Lit) -> URIRef | Literal:
    if isinstance(term, str):
        return URIRef(term)
    lexical, datatype, language = term
    return Literal(lexical, lang=language, datatype=URIRef(datatype) if datatype else None)


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def to_rdf(graph: EventGraph | Iterable[TransferEvent], base_iri: str = DEFAULT_BASE_IRI, *,
           extracted_at: ExtractedAt = None, with_ontology: bool = False) -> Graph:
    """An rdflib Graph of every statement, the named graphs' triples included (held in memory: for millions of
    events write N-Triples or N-Quads instead)."""
    g = _bound(Graph())
    term = _rdflib_term
    for s, p, o, _ in statements(export_events(graph), base_iri, extracted_at, with_ontology):
        g.add((URIRef(s), URIRef(p), term(o)))
    return g


def to_dataset(graph: EventGraph | Iterable[TransferEvent], base_iri: str = DEFAULT_BASE_IRI, *,
               extracted_at: ExtractedAt = None, with_ontology: bool = False) -> Dataset:
    """An rdflib Dataset: the default graph and one named graph per article (and one for the ontology)."""
    ds = Dataset()
    _bound(ds)
    term = _rdflib_term
    for s, p, o, g in statements(export_events(graph), base_iri, extracted_at, with_ontology):
        ds.add((URIRef(s), URIRef(p), term(o)) if g is None else (URIRef(s), URIRef(p), term(o), URIRef(g)))
    return ds


# -- files ------------------------------------------------------------------------------------------------------

def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The format to write: `fmt` if given, else the one the file's suffix names, else Turtle."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    by_suffix = {suffix: name for name, suffix in FORMATS.items()} | {".xml": "xml", ".json": "jsonld"}
    return by_suffix.get(Path(path).suffix.lower(), "turtle")


def write_rdf(graph: EventGraph | Iterable[TransferEvent], path: str | Path, fmt: str | None = None,
              base_iri: str = DEFAULT_BASE_IRI, *, extracted_at: ExtractedAt = None,
              with_ontology: bool = False) -> Path:
    """Write the export to `path` atomically (a reader never sees half a file) in `fmt`: turtle, nt, jsonld, xml,
    trig or nquads (default: from the suffix, else turtle). N-Triples, N-Quads and TriG stream in constant
    memory; Turtle, JSON-LD and RDF/XML are built in memory by rdflib first."""
    from .atomic import atomic_open, atomic_write
    from .ntriples import write_ntriples

    fmt = format_of(path, fmt)
    options = dict(extracted_at=extracted_at, with_ontology=with_ontology)
    if fmt in ("nt", "nquads"):
        write_ntriples(graph, path, quads=fmt == "nquads", base_iri=base_iri, **options)
        return Path(path)
    if fmt == "trig":
        import pyoxigraph

        with atomic_open(path, binary=True) as out:
            pyoxigraph.serialize(_oxigraph_quads(statements(export_events(graph), base_iri, **options)), out,
                                 pyoxigraph.RdfFormat.TRIG, prefixes={p: str(n) for p, n in PREFIXES.items()})
        return Path(path)
    g = to_rdf(graph, base_iri, **options)
    if fmt == "jsonld":
        data = g.serialize(format="json-ld", context={p: str(n) for p, n in PREFIXES.items()}, indent=1)
    else:
        data = g.serialize(format={"turtle": "turtle", "xml": "pretty-xml"}[fmt], encoding="utf-8")
    return atomic_write(path, data)


def _oxigraph_quads(stream: Iterable[Statement]):
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    for s, p, o, g in stream:
        if isinstance(o, str):
            obj = ox.NamedNode(o)
        elif o[2]:
            obj = ox.Literal(o[0], language=o[2])
        else:
            obj = ox.Literal(o[0], datatype=ox.NamedNode(o[1]) if o[1] else None)
        yield ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, default if g is None else ox.NamedNode(g))
