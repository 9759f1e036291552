"""geokg: arms-transfer events from news, as a queryable graph, RDF and interactive HTML.

>>> import geokg
>>> graph = geokg.build_graph(["seeds/kontan-korut-senjata-rusia.txt"])
>>> sorted({(e.sender.id, e.recipient.id) for e in graph.events()})[:2]
[('PRK', 'RUS'), ('PRK', 'wagner-group')]
"""
from .api import DEFAULT_DB, IngestInterrupted, StrictError, build_graph, extract_paths, ingest_paths, open_graph
from .api import open_graph as open  # geokg.open("geokg.db"): the stored graph, for notebooks

__all__ = ["DEFAULT_DB", "IngestInterrupted", "StrictError", "build_graph", "extract_paths", "ingest_paths", "open",
           "open_graph"]
