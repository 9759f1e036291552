"""Pushing into a real Oxigraph server (PyPI `oxigraph`, started here on loopback) and querying it over HTTP.

No mocks: a missing server binary is a failure, not a skip, since these calls are only tested against a real store.
"""
import csv
import json
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from geokg.export.ntriples import ntriples_batches
from geokg.export.rdf import to_dataset
from geokg.export.triplestore import TripleStoreError, push, query
from geokg.export.vocab import DEFAULT_BASE_IRI, ONTOLOGY
from geokg.graph import EventGraph

from conftest import SEEDS
from test_rdf import WHEN, geokg, seed_graph

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _oxigraph() -> str:
    beside_python = Path(sys.executable).parent / "oxigraph"  # the venv's, when the venv is not activated
    path = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if path is None:
        pytest.fail("the oxigraph server is not installed: pip install -e '.[test]' (PyPI `oxigraph`)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """A fresh Oxigraph server on 127.0.0.1; yields its base URL and stops it afterwards."""
    port = _free_port()
    server = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "store"),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph did not start: {server.stdout.read().decode(errors='replace')}")
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _count(url: str, text: str = COUNT_ALL) -> int:
    return int(json.loads(query(f"{url}/query", text))["results"]["bindings"][0]["n"]["value"])


def _graphs(url: str) -> set[str]:
    return {row["g"]["value"] for row in json.loads(query(f"{url}/query", GRAPHS))["results"]["bindings"]}


def _statements(graph: EventGraph) -> int:
    ds = to_dataset(graph, extracted_at=WHEN, with_ontology=True)
    return sum(1 for _ in ds.quads((None, None, None, None)))


def test_push_keeps_the_named_graphs_and_one_event_reads_back(oxigraph):
    graph = seed_graph()
    batches = ntriples_batches(graph, quads=True, extracted_at=WHEN, with_ontology=True, batch_lines=10)
    result = push(batches, f"{oxigraph}/store", batch_size=50)
    assert result.batches > 5  # several requests, so batching itself is tested
    assert result.batches < result.statements / 40  # pieces of 10 lines gathered into requests of about 50
    assert result.statements == _count(oxigraph) == _statements(graph)
    articles = {e.article_id for event in graph.events() for e in event.all_evidence}
    # Exactly the export's graphs: no graph with a random IRI (Oxigraph's trap for triples without ?graph=).
    assert _graphs(oxigraph) == {f"{DEFAULT_BASE_IRI}graph/{a}" for a in articles} | {str(ONTOLOGY)}
    answer = json.loads(query(f"{oxigraph}/query", """
        PREFIX geokg: <https://w3id.org/geokg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?date ?corroboration ?sentence ?extracted WHERE {
          ?e geokg:sender <https://w3id.org/geokg/id/actor/PRK> ;
             geokg:recipient <https://w3id.org/geokg/id/actor/wagner-group> ;
             geokg:weaponCategory <https://w3id.org/geokg/category/missiles> ;
             geokg:date ?date ; geokg:corroboration ?corroboration .
          GRAPH ?g { ?r geokg:reportOf ?e ; geokg:evidenceText ?sentence . ?g prov:generatedAtTime ?extracted }
          FILTER(CONTAINS(STR(?g), "kontan"))
        }"""))
    [row] = answer["results"]["bindings"]
    assert row["date"] == {"type": "literal", "value": "2022-11",
                           "datatype": "http://www.w3.org/2001/XMLSchema#gYearMonth"}
    assert row["corroboration"]["value"] == "2"
    assert "Wagner" in row["sentence"]["value"] and row["sentence"].get("xml:lang") == "id"
    assert row["extracted"]["value"].startswith("2024-05-01T12:30:00")


def test_push_again_adds_nothing_and_replace_starts_clean(oxigraph):
    graph = seed_graph()
    url = f"{oxigraph}/store"
    push(ntriples_batches(graph, quads=True, extracted_at=WHEN, with_ontology=True), url)
    push(ntriples_batches(graph, quads=True, extracted_at=WHEN, with_ontology=True), url)
    assert _count(oxigraph) == _statements(graph)  # a store holds a set of statements: POSTing twice is harmless
    smaller = graph.filtered(sender="PRK")
    push(ntriples_batches(smaller, quads=True, extracted_at=WHEN, with_ontology=True, batch_lines=40), url,
         replace=True)
    assert _count(oxigraph) == _statements(smaller) < _statements(graph)


def test_push_into_one_named_graph(oxigraph):
    graph, url, name = seed_graph(), f"{oxigraph}/store", "https://example.org/arms"
    push(ntriples_batches(graph, quads=True, extracted_at=WHEN), url)
    before = _count(oxigraph)
    batches = ntriples_batches(graph, quads=False, extracted_at=WHEN, batch_lines=100)
    result = push(batches, url, graph=name)
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
    assert _count(oxigraph, in_graph) == result.statements
    push(ntriples_batches(graph.filtered(sender="PRK"), extracted_at=WHEN), url, graph=name, replace=True)
    after = _count(oxigraph, in_graph)
    assert 0 < after < result.statements  # the named graph was replaced...
    assert _count(oxigraph) == before + after  # ...and nothing else was touched


def test_a_retried_request_sends_its_whole_body_again():
    """Bodies are spooled to files: after a 503 the same request goes again, from its first byte."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    bodies: list[bytes] = []

    class FailsOnce(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(503 if len(bodies) == 2 else 204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), FailsOnce)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        pieces = [(f"<urn:s> <urn:p> \"{i}\" .\n", 1) for i in range(7)]
        result = push(pieces, f"http://127.0.0.1:{server.server_address[1]}/store", graph="urn:g", batch_size=3,
                      parallel=1)  # one at a time, so that the order of the bodies is known
    finally:
        server.shutdown()
    assert result.statements == 7 and result.batches == 3  # the first piece alone, then 3 and 3
    assert bodies[1] == bodies[2] == "".join(text for text, _ in pieces[1:4]).encode()  # failed, then sent again
    assert b"".join(bodies[:1] + bodies[2:]) == "".join(text for text, _ in pieces).encode()


def test_unreachable_and_refusing_stores_say_what_to_do(oxigraph):
    graph = EventGraph(seed_graph().transfers(sender="PRK"))
    with pytest.raises(TripleStoreError, match="cannot reach .* is the store running.*oxigraph serve"):
        push(ntriples_batches(graph, quads=True), f"http://127.0.0.1:{_free_port()}/store", retries=1)
    with pytest.raises(TripleStoreError, match="not a Graph Store endpoint.*Nothing was loaded"):
        push(ntriples_batches(graph, quads=True), f"{oxigraph}/nowhere")
    with pytest.raises(TripleStoreError, match="refused the query"):
        query(f"{oxigraph}/query", "SELECT nonsense")


def test_cli_push_and_query_the_endpoint(oxigraph, tmp_path):
    result = geokg("push", f"{oxigraph}/store", str(SEEDS), "--batch-size", "100")
    assert result.returncode == 0, result.stderr
    assert "loaded" in result.stdout and "one named graph per article" in result.stdout
    answer = geokg("sparql", "--endpoint", f"{oxigraph}/query", "--format", "csv",
                   "SELECT ?recipient (COUNT(?e) AS ?events) WHERE { ?e geokg:sender/geokg:iso3 \"PRK\" ; "
                   "geokg:recipient/rdfs:label ?recipient } GROUP BY ?recipient ORDER BY ?recipient")
    assert answer.returncode == 0, answer.stderr
    assert list(csv.reader(answer.stdout.splitlines())) == [["recipient", "events"], ["Russia", "2"],
                                                             ["Wagner Group", "2"]]
    labels = geokg("sparql", "--endpoint", f"{oxigraph}/query", "SELECT ?l WHERE { GRAPH ?g { cat:uav "
                   "skos:prefLabel ?l } }")
    assert labels.returncode == 0 and "unmanned aerial vehicles" in labels.stdout  # the ontology came along
    lean = geokg("push", f"{oxigraph}/store", str(SEEDS), "--no-evidence", "--graph", "urn:lean")
    assert lean.returncode == 0, lean.stderr
    in_lean = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:lean> { ?s ?p ?o } }"
    reports = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:lean> { ?r a <https://w3id.org/geokg/ontology#Report> } }"
    events = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:lean> { ?e a <https://w3id.org/geokg/ontology#TransferEvent> } }"
    assert _count(oxigraph, reports) == 0 and _count(oxigraph, events) > 0 and _count(oxigraph, in_lean) > 0
    down = geokg("push", f"http://127.0.0.1:{_free_port()}/store", str(SEEDS))
    assert down.returncode == 1 and "cannot reach" in down.stderr
    assert geokg("push", "127.0.0.1:7878/store").returncode == 2
