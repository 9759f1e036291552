"""The RDF export: every format parses back to the same graph, the streaming writer writes the same triples as
rdflib, an independent parser (Debian's rapper) reads the N-Triples, the export conforms to the shipped SHACL
shapes, and the ontology defines every term. Also GraphML, GEXF, CSV and JSONL, and the CLI commands."""
import csv
import json
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone

import networkx as nx
import pyshacl
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from geokg.api import extract_paths
from geokg.export.ntriples import write_ntriples
from geokg.export.rdf import (FORMATS, actor_iri, article_iri, check_base_iri, event_iri, graph_iri, ontology_graph,
                              shapes_graph, to_dataset, to_rdf, write_rdf)
from geokg.export.tabular import CSV_COLUMNS, WRITERS
from geokg.export.vocab import CATEGORY, DEFAULT_BASE_IRI, GEOKG, ONTOLOGY, PREFIXES, SCHEMA, SHAPES, STATUS, WD
from geokg.graph import Actor, Category, EventGraph, Evidence, Status, TransferEvent, Weapon
from geokg.graph.examples import example_event

from conftest import SEEDS

EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)
RDFLIB_NAME = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml", "trig": "trig",
               "nquads": "nquads"}


def seed_graph() -> EventGraph:
    events, _ = extract_paths([SEEDS])
    return EventGraph(events)


def _event(sender: Actor, recipient: Actor, article: str, sentence: str, **fields) -> TransferEvent:
    values = dict(id=f"ev-{article}-{sender.id}-{fields.get('category', 'uav')}", sender=sender, recipient=recipient,
                  weapon=Weapon(category=fields.pop("category", "uav"), mention=fields.pop("mention", "drones")),
                  status=fields.pop("status", "delivered"), date="2022-10", date_precision="month",
                  date_source="explicit", confidence=0.8, extractor="geokg-rules/0.1.0",
                  evidence=Evidence(article_id=article, sentence=sentence, start=0, end=len(sentence),
                                    language=fields.pop("language", "en"), title=fields.pop("title", None),
                                    url=fields.pop("url", None)))
    return TransferEvent(**(values | fields))


def tricky_graph() -> EventGraph:
    """Names and texts that break naive writers: markup, quotes, backslashes, line breaks, control characters,
    non-Latin script, path steps; undated and year-only events; an article without a language."""
    iran = Actor(id="IRN", name="Iran", kind="state", wikidata="Q794", cow_code=630)
    odd = Actor(id='odd "group" <x>/..', name=f"Odd {EVIL}", kind="non_state", wikidata="Q1")
    cyrillic = Actor(id="хезболла", name="Хезболла", kind="non_state")
    return EventGraph([
        _event(iran, odd, 'a "quoted" <id> ü', f'Iran sent drones {EVIL} to "them"\\ \n\r\tnext\x00line.',
               title=f"Title {EVIL}", url="javascript:alert(1)", mention=EVIL),
        _event(iran, cyrillic, "..", "Иран передал Хезболле ракеты.", category="missiles", language="ru",
               date="2021", date_precision="year", date_text="в 2021 году"),
        _event(odd, cyrillic, "no-language", "No language here.", category="small_arms", language=None, date=None,
               date_precision=None, date_source=None, status="denied"),
        _event(iran, odd, "day", "Iran offered drones on 5 March 2023.", category="uav", status="offered",
               date="2023-03-05", date_precision="day", language="en-GB", confidence=1.0),
    ])


def both_graphs() -> list[EventGraph]:
    return [seed_graph(), tricky_graph()]


# -- what the export says --------------------------------------------------------------------------------------

def test_turtle_holds_every_event_with_its_facts(tmp_path):
    graph = seed_graph()
    rdf = Graph().parse(write_rdf(graph, tmp_path / "graph.ttl", extracted_at=WHEN), format="turtle")
    merged = {event_iri(e) for e in graph.events()}  # reports of one transfer share the IRI of their merge key
    assert set(rdf.subjects(RDF.type, GEOKG.TransferEvent)) == merged
    node = URIRef(DEFAULT_BASE_IRI + "event/PRK/wagner-group/missiles/delivered/2022-11")
    assert (node, GEOKG.sender, actor_iri("PRK")) in rdf
    assert (node, GEOKG.recipient, actor_iri("wagner-group")) in rdf
    assert (node, GEOKG.weaponCategory, CATEGORY.missiles) in rdf
    assert (node, GEOKG.status, STATUS.delivered) in rdf
    assert (node, GEOKG.date, Literal("2022-11", datatype=XSD.gYearMonth)) in rdf
    assert (node, PROV.wasDerivedFrom, article_iri("kontan-korut-senjata-rusia")) in rdf
    # The Indonesian seed and its English retelling report it: one node, two sources.
    assert (node, GEOKG.corroboration, Literal(2)) in rdf
    assert (node, PROV.wasDerivedFrom, article_iri("en-seed-korea-wagner")) in rdf
    assert rdf.value(node, GEOKG.confidence).datatype == XSD.decimal
    prk = actor_iri("PRK")
    assert (prk, OWL.sameAs, WD.Q423) in rdf
    assert (prk, GEOKG.iso3, Literal("PRK")) in rdf  # a plain literal: joins Wikidata's P298 as it is
    assert (prk, GEOKG.cowCode, Literal(731)) in rdf
    reports = set(rdf.subjects(GEOKG.reportOf, node))
    assert len(reports) == 2
    assert any("Wagner" in str(rdf.value(r, GEOKG.evidenceText)) for r in reports)


def test_dates_are_typed_by_their_precision():
    rdf = to_rdf(tricky_graph())
    types = {o.datatype for o in rdf.objects(None, GEOKG.date)}
    assert types == {XSD.gYear, XSD.gYearMonth, XSD.date}
    undated = event_iri(tricky_graph().transfers(status="denied")[0])
    assert str(undated).endswith("/undated") and rdf.value(undated, GEOKG.date) is None


def test_states_are_the_same_as_wikidata_and_groups_only_match():
    rdf = to_rdf(tricky_graph())
    assert (actor_iri("IRN"), OWL.sameAs, WD.Q794) in rdf
    odd = actor_iri('odd "group" <x>/..')
    assert (odd, SKOS.exactMatch, WD.Q1) in rdf
    assert rdf.value(odd, OWL.sameAs) is None and rdf.value(odd, GEOKG.iso3) is None


def test_close_matches_are_skos_close_match_for_groups_and_states(tmp_path):
    khorasan = Actor(id="islamic-state-khorasan", name="Islamic State Khorasan Province", kind="non_state",
                     wikidata="Q2429253", wikidata_match="close")  # the parent organisation's item
    hamas = Actor(id="hamas", name="Hamas", kind="non_state", wikidata="Q38799", wikidata_match="exact")
    fuzzy_state = Actor(id="XKX", name="Kosovo", kind="state", wikidata="Q1246", wikidata_match="close")
    a = example_event("IRN", "RUS", "uav").model_copy(update={"sender": fuzzy_state, "recipient": khorasan})
    b = example_event("IRN", "RUS", "missiles").model_copy(update={"recipient": hamas})
    rdf = to_rdf(EventGraph([a, b]))
    assert set(rdf.predicate_objects(actor_iri("islamic-state-khorasan"))) >= {(SKOS.closeMatch, WD.Q2429253)}
    assert rdf.value(actor_iri("islamic-state-khorasan"), SKOS.exactMatch) is None
    assert (actor_iri("hamas"), SKOS.exactMatch, WD.Q38799) in rdf
    assert rdf.value(actor_iri("hamas"), SKOS.closeMatch) is None
    assert (actor_iri("XKX"), SKOS.closeMatch, WD.Q1246) in rdf and rdf.value(actor_iri("XKX"), OWL.sameAs) is None
    assert (actor_iri("IRN"), OWL.sameAs, WD.Q794) in rdf  # no mark: a state's item is its identity
    # The streaming writer says the same, and the shapes accept it.
    write_ntriples(EventGraph([a, b]), tmp_path / "m.nt", extracted_at=WHEN)
    assert set(Graph().parse(tmp_path / "m.nt", format="nt")) == set(to_rdf(EventGraph([a, b]), extracted_at=WHEN))
    conforms, _, text = pyshacl.validate(to_rdf(EventGraph([a, b]), extracted_at=WHEN), shacl_graph=shapes_graph())
    assert conforms, text
    with pytest.raises(ValueError):
        Actor(id="x", name="X", kind="non_state", wikidata="Q1", wikidata_match="fuzzy")


def test_reports_of_one_transfer_land_on_one_node_across_exports():
    a = example_event("PRK", "RUS", "missiles", date="2023-09", article="a1", confidence=0.7)
    b = example_event("PRK", "RUS", "missiles", date="2023-09", article="a2", confidence=0.9)
    together = to_rdf(EventGraph([a, b]))  # an in-memory graph holds both reports; the export merges them
    [node] = together.subjects(RDF.type, GEOKG.TransferEvent)
    assert together.value(node, GEOKG.corroboration) == Literal(2)
    assert together.value(node, GEOKG.confidence) == Literal("0.9", datatype=XSD.decimal)
    assert len(set(together.subjects(GEOKG.reportOf, node))) == 2
    # Exported apart (two runs, two articles), they still meet on one node when loaded together.
    apart = to_rdf(EventGraph([a])) + to_rdf(EventGraph([b]))
    assert set(apart.subjects(RDF.type, GEOKG.TransferEvent)) == {node}


def test_each_article_has_a_named_graph_with_its_provenance():
    ds = to_dataset(seed_graph(), extracted_at=WHEN)
    article = "kontan-korut-senjata-rusia"
    claims = ds.graph(graph_iri(article))
    name = graph_iri(article)
    assert (name, RDF.type, GEOKG.ArticleClaims) in claims
    assert (name, PROV.wasDerivedFrom, article_iri(article)) in claims
    assert claims.value(name, PROV.generatedAtTime) == Literal("2024-05-01T12:30:00+00:00", datatype=XSD.dateTime)
    agent = claims.value(name, PROV.wasAttributedTo)
    assert str(ds.default_graph.value(agent, RDFS.label)).startswith("geokg-rules/")
    assert (article_iri(article), RDF.type, SCHEMA.NewsArticle) in claims
    reports = set(claims.subjects(RDF.type, GEOKG.Report))
    assert len(reports) == 5  # the seed article's five events, each with its sentence
    assert all(claims.value(r, GEOKG.evidenceText) for r in reports)
    # Events and actors are the default graph's: what geokg concludes, whichever article said it.
    assert not set(claims.subjects(RDF.type, GEOKG.TransferEvent))
    assert len(set(ds.default_graph.subjects(RDF.type, GEOKG.TransferEvent))) > 10
    named = {g.identifier for g in ds.graphs()} - {ds.default_graph.identifier}
    assert named == {graph_iri(a) for a in {e.article_id for ev in seed_graph().events() for e in ev.all_evidence}}


def test_iris_are_minted_safely_from_any_name(tmp_path):
    rdf = Graph().parse(write_rdf(tricky_graph(), tmp_path / "evil.ttl"), format="turtle")
    for term in rdf.all_nodes():
        if isinstance(term, URIRef):
            assert re.fullmatch(r"[\x21-\x7e]+", str(term)), term  # ASCII, no spaces, no controls
            assert not set(str(term)) & set('"<>{}|\\^`'), term
            assert "/../" not in str(term) and not str(term).endswith("/.."), term
    hezbollah = "%D1%85%D0%B5%D0%B7%D0%B1%D0%BE%D0%BB%D0%BB%D0%B0"  # UTF-8, percent-encoded
    assert actor_iri("хезболла") == URIRef(f"{DEFAULT_BASE_IRI}actor/{hezbollah}")
    texts = {str(o) for o in rdf.objects(None, GEOKG.evidenceText)}
    # Text survives exactly, but for what not every syntax carries: a carriage return becomes a line feed (XML
    # parsers would turn it into one), a NUL becomes U+FFFD (XML forbids it).
    assert f'Iran sent drones {EVIL} to "them"\\ \n\n\tnext\ufffdline.' in texts
    assert (None, RDFS.label, Literal("Хезболла")) in rdf


def test_base_iri_is_configurable_and_checked():
    rdf = to_rdf(tricky_graph(), "https://example.org/arms/")
    subjects = {str(s) for s in rdf.subjects() if not str(s).startswith(str(CATEGORY))}
    assert subjects and all(s.startswith("https://example.org/arms/") for s in subjects)
    for bad in ("https://example.org/arms", "not an iri/", "http://x/<y>/", ""):
        with pytest.raises(ValueError, match="ends in / or #"):
            check_base_iri(bad)


# -- formats -----------------------------------------------------------------------------------------------------

def _union(ds: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _copy(graph: Graph) -> Graph:
    """A free-standing copy: rdflib's isomorphic() misreads a graph that lives inside a Dataset's store."""
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def _graphs(ds: Dataset) -> dict:
    """Each graph's triples by graph name, the default graph under None; empty graphs left out."""
    default = ds.default_graph.identifier
    return {None if g.identifier == default else g.identifier: set(g) for g in ds.graphs() if len(g)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_to_the_same_graph(tmp_path, fmt):
    for i, graph in enumerate(both_graphs()):
        path = write_rdf(graph, tmp_path / f"g{i}{FORMATS[fmt]}", fmt, extracted_at=WHEN, with_ontology=True)
        expected = to_dataset(graph, extracted_at=WHEN, with_ontology=True)
        if fmt in ("trig", "nquads"):
            back = Dataset()
            back.parse(path, format=RDFLIB_NAME[fmt])
            assert _graphs(back).keys() == _graphs(expected).keys()
            for name, triples in _graphs(expected).items():
                parsed = back.default_graph if name is None else back.graph(name)
                wanted = expected.default_graph if name is None else expected.graph(name)
                assert isomorphic(_copy(parsed), _copy(wanted)), name
            assert len(triples) > 0
        else:
            back = Graph().parse(path, format=RDFLIB_NAME[fmt])
            assert len(back) == len(_union(expected))
            assert isomorphic(back, _union(expected))


def test_streaming_writer_writes_the_same_statements_as_rdflib(tmp_path):
    for graph in both_graphs():
        lines = write_ntriples(graph, tmp_path / "stream.nq", quads=True, extracted_at=WHEN)
        streamed = Dataset()
        streamed.parse(tmp_path / "stream.nq", format="nquads")
        by_rdflib = Dataset()
        by_rdflib.parse(data=to_dataset(graph, extracted_at=WHEN).serialize(format="nquads"), format="nquads")
        assert _graphs(streamed) == _graphs(by_rdflib)
        assert lines == sum(len(t) for t in _graphs(by_rdflib).values())  # each statement written once


def _rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        pytest.fail("rapper is not installed: run `make test` (it installs Debian's raptor2-utils) "
                    "or apt-get install raptor2-utils")
    return path


@pytest.mark.parametrize("fmt,syntax", [("nt", "ntriples"), ("nquads", "nquads")])
def test_rapper_reads_the_streamed_output(tmp_path, fmt, syntax):
    for i, graph in enumerate(both_graphs()):
        path = tmp_path / f"g{i}{FORMATS[fmt]}"
        lines = write_ntriples(graph, path, quads=fmt == "nquads", extracted_at=WHEN, with_ontology=True)
        result = subprocess.run([_rapper(), "-i", syntax, "-c", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr.lower() and "warning" not in result.stderr.lower(), result.stderr
        assert f"returned {lines} " in result.stderr, result.stderr


# -- shapes and ontology -------------------------------------------------------------------------------------------

def test_export_conforms_to_the_shipped_shapes():
    for graph in both_graphs():
        conforms, _, report = pyshacl.validate(to_rdf(graph), shacl_graph=shapes_graph(), inference="none")
        assert conforms, report


def test_shapes_catch_a_broken_export():
    rdf = to_rdf(seed_graph())
    node = next(rdf.subjects(RDF.type, GEOKG.TransferEvent))
    rdf.add((node, GEOKG.confidence, Literal("1.5", datatype=XSD.decimal)))  # out of range, and a second value
    rdf.set((node, GEOKG.weaponCategory, URIRef(str(CATEGORY) + "lasers")))
    rdf.add((actor_iri("PRK"), GEOKG.iso3, Literal("prk")))
    conforms, results, _ = pyshacl.validate(rdf, shacl_graph=shapes_graph(), inference="none")
    assert not conforms
    paths = set(results.objects(None, URIRef("http://www.w3.org/ns/shacl#resultPath")))
    assert {GEOKG.confidence, GEOKG.weaponCategory, GEOKG.iso3} <= paths


def test_ontology_defines_every_term_an_export_uses():
    onto = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    used = to_rdf(tricky_graph()) + to_rdf(seed_graph())
    terms = {p for p in used.predicates() if p.startswith(str(GEOKG))} | \
            {o for o in used.objects(None, RDF.type) if o.startswith(str(GEOKG))}
    assert len(terms) > 20
    for term in terms:
        assert onto.value(term, RDFS.label), term
        assert onto.value(term, RDFS.comment), term
    # Aligned with SEM, and PROV-O for reports.
    assert (GEOKG.TransferEvent, RDFS.subClassOf, URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event")) in onto
    assert (GEOKG.Report, RDFS.subClassOf, PROV.Entity) in onto
    # The taxonomy's every category and status is a concept of its scheme, with a label.
    for enum, namespace, scheme in ((Category, CATEGORY, GEOKG.WeaponCategories),
                                    (Status, STATUS, GEOKG.TransferStatuses)):
        for member in enum:
            concept = namespace[member.value]
            assert (concept, SKOS.inScheme, scheme) in onto and onto.value(concept, SKOS.prefLabel), concept
            assert onto.value(concept, SKOS.notation) == Literal(member.value)
    assert not any(isinstance(t, BNode) for t in onto.all_nodes())  # it is streamed beside the data


def test_shipped_files_declare_the_namespaces_of_vocab():
    for graph in (ontology_graph(), shapes_graph()):
        declared = dict(graph.namespaces())
        for prefix, namespace in PREFIXES.items():
            if prefix in declared:
                assert str(declared[prefix]) == str(namespace), prefix
    assert str(dict(shapes_graph().namespaces())["shapes"]) == str(SHAPES)


# -- GraphML, GEXF, CSV, JSONL -------------------------------------------------------------------------------------

def test_tables_hold_one_record_per_merged_event(tmp_path):
    graph = tricky_graph()
    n = len(set(event_iri(e) for e in graph.events()))
    g = nx.read_graphml(WRITERS["graphml"](graph, tmp_path / "g.graphml"), force_multigraph=True)
    assert g.number_of_edges() == n and g.nodes["IRN"]["label"] == "Iran"
    assert {d["category"] for *_, d in g.edges(data=True)} == {"uav", "missiles", "small_arms"}
    g = nx.read_gexf(WRITERS["gexf"](graph, tmp_path / "g.gexf"))
    assert g.number_of_edges() == n and g.nodes["хезболла"]["label"] == "Хезболла"
    with open(WRITERS["csv"](graph, tmp_path / "g.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n and tuple(rows[0]) == CSV_COLUMNS
    assert any(EVIL in r["sentence"] for r in rows)
    lines = WRITERS["jsonl"](graph, tmp_path / "g.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n and TransferEvent.model_validate_json(lines[0])


def test_seed_tables_merge_the_retold_transfers(tmp_path):
    graph = seed_graph()
    with open(WRITERS["csv"](graph, tmp_path / "s.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    wagner = [r for r in rows if (r["sender"], r["recipient"], r["category"]) == ("PRK", "wagner-group", "missiles")]
    assert len(wagner) == 1 and wagner[0]["corroboration"] == "2" and wagner[0]["other_articles"]


# -- the commands --------------------------------------------------------------------------------------------------

def geokg(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geokg.cli", *args], capture_output=True, text=True, cwd=cwd,
                          check=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import geokg as api

    db = tmp_path_factory.mktemp("store") / "geokg.db"
    api.ingest_paths([SEEDS], db)
    return db


@pytest.mark.parametrize("command", [["export", "rdf"], ["export", "graphml"], ["export", "gexf"],
                                     ["export", "csv"], ["export", "jsonl"], ["push"], ["sparql"]])
def test_every_command_explains_itself_with_an_example(command):
    result = geokg(*command, "--help")
    assert result.returncode == 0 and "example" in result.stdout


def test_export_rdf_from_the_store_in_every_format(tmp_path, store):
    for fmt, suffix in FORMATS.items():
        result = geokg("export", "rdf", "-o", str(tmp_path / f"s{suffix}"), "--db", str(store), "--with-ontology")
        assert result.returncode == 0, result.stderr
        assert f"({fmt}," in result.stdout
    rdf = Graph().parse(tmp_path / "s.ttl", format="turtle")
    assert (GEOKG.TransferEvent, RDFS.subClassOf, None) in rdf  # --with-ontology
    # Extraction time in PROV-O is when the store ingested the article.
    import sqlite3

    ingested = dict(sqlite3.connect(store).execute("SELECT id, ingested FROM articles"))
    claims = graph_iri("kontan-korut-senjata-rusia")
    stamp = rdf.value(claims, PROV.generatedAtTime)
    assert datetime.fromisoformat(str(stamp)) == datetime.fromisoformat(ingested["kontan-korut-senjata-rusia"])


def test_export_rdf_options(tmp_path):
    result = geokg("export", "rdf", "-o", str(tmp_path / "prk.nt"), "--sender", "North Korea",
                   "--base-iri", "https://example.org/arms/", str(SEEDS))
    assert result.returncode == 0, result.stderr
    rdf = Graph().parse(tmp_path / "prk.nt", format="nt")
    senders = set(rdf.objects(None, GEOKG.sender))
    assert senders == {URIRef("https://example.org/arms/actor/PRK")}
    assert geokg("export", "rdf", "-o", "x.ttl", "--base-iri", "no iri", cwd=tmp_path).returncode == 2
    assert geokg("export", "rdf", "-o", "x.ttl", "--format", "n3", cwd=tmp_path).returncode == 2
    missing = geokg("export", "rdf", "-o", "x.ttl", "--db", "missing.db", cwd=tmp_path)
    assert missing.returncode == 2 and "geokg ingest" in missing.stderr


def test_export_tables_from_the_store(tmp_path, store):
    for fmt in ("graphml", "gexf", "csv", "jsonl"):
        result = geokg("export", fmt, "-o", str(tmp_path / f"s.{fmt}"), "--db", str(store))
        assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    assert len(events) == nx.read_graphml(tmp_path / "s.graphml", force_multigraph=True).number_of_edges()


def test_sparql_on_the_store(tmp_path, store):
    query = ("SELECT ?recipient (COUNT(?e) AS ?events) WHERE { ?e geokg:sender/geokg:iso3 \"PRK\" ; "
             "geokg:recipient/rdfs:label ?recipient } GROUP BY ?recipient ORDER BY ?recipient")
    result = geokg("sparql", query, "--db", str(store), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(result.stdout.splitlines())) == [["recipient", "events"], ["Russia", "2"],
                                                             ["Wagner Group", "2"]]
    (tmp_path / "q.rq").write_text("SELECT ?label WHERE { GRAPH <https://w3id.org/geokg/ontology> "
                                   "{ cat:uav skos:prefLabel ?label } }")
    table = geokg("sparql", str(tmp_path / "q.rq"), "--db", str(store))
    assert table.returncode == 0 and "unmanned aerial vehicles" in table.stdout
    bad = geokg("sparql", "SELEC ?x", "--db", str(store))
    assert bad.returncode == 2 and "not valid SPARQL" in bad.stderr
