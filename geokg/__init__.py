"""geokg: arms-transfer events from news, as a queryable graph, RDF and interactive HTML.

>>> import geokg
>>> graph = geokg.build_graph(["seeds/kontan-korut-senjata-rusia.txt"])
>>> sorted({(e.sender.id, e.recipient.id) for e in graph.events()})[:2]
[('PRK', 'RUS'), ('PRK', 'wagner-group')]
"""
from .api import build_graph, extract_paths

__all__ = ["build_graph", "extract_paths"]
