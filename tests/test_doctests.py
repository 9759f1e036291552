"""Every docstring example runs, imported through the package names (geokg.graph, not graph)."""
import doctest
import importlib
import os

import pytest

from conftest import ROOT

MODULES = [
    "geokg", "geokg.graph.models", "geokg.graph.taxonomy", "geokg.graph.eventgraph",
    "geokg.graph.index", "geokg.graph.merge", "geokg.graph.store", "geokg.graph.analytics", "geokg.graph.examples",
    "geokg.extract", "geokg.extract.base", "geokg.extract.clean", "geokg.extract.dates",
    "geokg.extract.language", "geokg.extract.lexicon", "geokg.extract.mentions", "geokg.extract.read",
    "geokg.extract.rules", "geokg.extract.sentences", "geokg.extract.status", "geokg.extract.unresolved",
    "geokg.export.html", "geokg.export.rdf", "geokg.export.ntriples", "geokg.export.tabular", "geokg.export.sparql",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name seeds/ relative to the repository
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
