"""Graph -> files: RDF (rdflib; streaming N-Triples/N-Quads), triple stores (SPARQL over HTTP), an offline
interactive HTML page (pyvis), GraphML/GEXF/CSV/JSONL. Imports graph/, never extract/."""
from .html import show, to_html, write_html
from .jsonl import write_jsonl
from .ntriples import write_ntriples
from .rdf import to_dataset, to_rdf, write_rdf
from .tabular import write_csv, write_gexf, write_graphml

__all__ = ["show", "to_dataset", "to_html", "to_rdf", "write_csv", "write_gexf", "write_graphml", "write_html",
           "write_jsonl", "write_ntriples", "write_rdf"]
