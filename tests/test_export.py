"""Turtle that rdflib parses back with the events in it, and an HTML page that a real browser opens offline."""
import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, XSD

from geokg.api import extract_paths
from geokg.export import to_html, write_html, write_rdf
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


def _open(browser, path: Path, tmp_path: Path):
    context = browser.new_context()
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url),
                                         route.continue_() if route.request.url.startswith("file:")
                                         else route.abort()))
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri())
    page.wait_for_function("window.geokg !== undefined")
    page.screenshot(path=str(tmp_path / (path.stem + ".png")))
    return context, page, errors, requests


def test_html_opens_offline_with_the_graph_in_it(browser, tmp_path):
    g = _graph()
    path = write_html(g, tmp_path / "graph.html")
    context, page, errors, requests = _open(browser, path, tmp_path)
    assert errors == []
    assert all(url.startswith("file:") for url in requests), requests
    assert page.evaluate("window.geokg.nodes.length") == g.number_of_actors()
    pairs = {(u, v) for u, v in g.nx.edges()}
    assert page.evaluate("window.geokg.edges.length") == len(pairs)
    header = page.text_content("#counts")
    assert f"{g.number_of_events()} events" in header and f"{g.number_of_actors()} actors" in header
    # Unticking a category hides the pairs that only carry that category.
    only_uav = {(e.sender.id, e.recipient.id) for e in g.transfers(category="uav")} - {
        (e.sender.id, e.recipient.id) for e in g.events() if e.weapon.category.value != "uav"}
    page.uncheck("input[name=category][value=uav]")
    assert page.evaluate("window.geokg.edges.length") == len(pairs) - len(only_uav)
    context.close()


def test_html_escapes_injected_markup(browser, tmp_path):
    path = write_html(_evil_graph(), tmp_path / "evil.html")
    context, page, errors, _ = _open(browser, path, tmp_path)
    assert page.evaluate("window.__pwned === undefined")
    tip = page.evaluate("window.geokg.edges.get()[0].title.textContent")
    assert EVIL in tip  # shown as text, not parsed as markup
    assert page.evaluate("window.geokg.edges.get()[0].title.querySelector('a')") is None  # javascript: link dropped
    assert page.evaluate("document.querySelectorAll('img[src=x], .tip script').length") == 0
    assert errors == []
    context.close()


def test_html_data_block_cannot_close_its_script():
    html = to_html(_evil_graph())
    block = html.split('<script type="application/json" id="geokg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    assert json.loads(block)["pairs"][0]["events"][0]["mention"] == EVIL
