"""Turtle that rdflib parses back with the events in it. (The HTML page has its own tests in test_html.py.)"""
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD

from geokg.api import extract_paths
from geokg.export import write_rdf
from geokg.export.rdf import mint
from geokg.export.vocab import CATEGORY, DEFAULT_BASE_IRI, GEOKG, STATUS, WD
from geokg.graph import Actor, Article, EventGraph, Evidence, TransferEvent, Weapon

from conftest import SEEDS

EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def _graph() -> EventGraph:
    events, _ = extract_paths([SEEDS])
    return EventGraph(events)


def _evil_graph() -> EventGraph:
    evidence = Evidence(article_id='a "quoted" <id> ü', sentence=f"Iran sent drones {EVIL} to Russia.", start=0,
                        end=10, title=f"Title {EVIL}", url="javascript:alert(1)", language="en")
    event = TransferEvent(
        id="ev-evil", sender=Actor(id="IRN", name="Iran", kind="state", wikidata="Q794"),
        recipient=Actor(id="odd group <x>", name=f"Odd {EVIL}", kind="non_state"),
        weapon=Weapon(category="uav", mention=EVIL), status="delivered", date="2022-10", date_precision="month",
        date_source="explicit", confidence=0.8, evidence=evidence, extractor="test")
    return EventGraph([event])


def test_turtle_parses_and_holds_every_event(tmp_path):
    g = _graph()
    path = write_rdf(g, tmp_path / "graph.ttl")
    rdf = Graph().parse(path, format="turtle")
    events = set(rdf.subjects(RDF.type, GEOKG.TransferEvent))
    assert len(events) == g.number_of_events()
    wagner = next(e for e in g.transfers(sender="PRK", recipient="wagner-group", category="missiles")
                  if e.evidence.article_id == "kontan-korut-senjata-rusia")
    node = mint(DEFAULT_BASE_IRI, "event", wagner.id)
    assert (node, GEOKG.weaponCategory, CATEGORY.missiles) in rdf
    assert (node, GEOKG.status, STATUS.delivered) in rdf
    assert (node, GEOKG.date, Literal("2022-11", datatype=XSD.gYearMonth)) in rdf
    assert (node, PROV.wasDerivedFrom, mint(DEFAULT_BASE_IRI, "article", "kontan-korut-senjata-rusia")) in rdf
    assert (mint(DEFAULT_BASE_IRI, "actor", "PRK"), OWL.sameAs, WD.Q423) in rdf


def test_iris_are_minted_safely_from_any_name(tmp_path):
    path = write_rdf(_evil_graph(), tmp_path / "evil.ttl")
    rdf = Graph().parse(path, format="turtle")
    for term in rdf.all_nodes():
        if isinstance(term, URIRef):
            assert not set(str(term)) & set(' "<>{}|\\^`'), term
    assert any(EVIL in str(o) for o in rdf.objects(None, GEOKG.evidenceText))
